#!/usr/bin/env python3
"""The rubric's automatic checks written in DuckDB SQL, as a strong analyst would write them:
a baseline for bench/answers.py (`--only shapes`), not a second implementation of the rubric.

DuckDB (https://duckdb.org, MIT licence; `pip install duckdb`, from PyPI) reads the export
with `read_csv` (delimiter, quote and encoding given, every column as text) and, in one
streaming query, scores every answer; only the scored columns are kept, and the seven
aggregates are one GROUP BY GROUPING SETS over them. 2 threads (`SET threads = 2`).

The checks, from rubrics/kualitas-jawaban.toml (weights, phrase lists, regexes, targets and
bands read from the file), rubrics/tidak-baku.toml and rubrics/hari-libur.toml:
- greeting: a greeting phrase in the first two sentences, or thanks opening the answer;
- courtesy: a thanks, apology or empathy phrase anywhere;
- length: words between min_words and max_words (partial below or above);
- relevance: the share of the question's content words (stopwords and short words out)
  found in the answer, `list_intersect` over `regexp_split_to_array`;
- reference: n/a unless the question needs one (its `needed` phrases, or both lists of
  `needed_together`, and none of `not_needed`); then a regulation, portal or registration
  number (the rubric's own regexes) in the answer;
- follow-up (complaints only): how many of the three elements' phrases match;
- standard language: no word of the non-standard lexicon (one alternation, `\\b…\\b`);
- closing: a closing phrase or thanks in the last two sentences;
- officer recorded; SLA in working days through a calendar table (weekends and the
  holidays and cuti bersama of hari-libur.toml; a date outside it is unverifiable);
- the reviewer's accuracy (0/1/2, N/A), critical: 0 gates the score to 0.
Phrases use the rubric's small syntax: `word*` a prefix, `^` the start of a sentence, `$`
its end, `word,` a punctuation mark after it. Regexes are RE2 (`regexp_matches`), on the
answer in lower case. Partial counts 0.5; n/a is left out of the score and the means. OUT
has one row per unit, officer, channel, service type, commodity and month, and one for
all: answers, mean score, grade counts, SLA fulfilment % and, per check, `credit_pct_*`
(the mean credit in %: pass 100, partial 50). Units are matched to the register
(rubrics/daftar-unit.toml: names, aliases, former names) by the register's key (lower
case, letters and digits, "kab" = "kabupaten", "bbpom" = "balai besar pom", "di" dropped),
on the distinct names only.

Windows-1252: DuckDB decodes UTF-8, UTF-16 and Latin-1 without an extension, and refuses
Excel's Windows-1252 as Latin-1 (bytes 0x80–0x9F: curly quotes, dashes); the `encodings`
extension that knows it is downloaded at INSTALL, which an offline machine cannot do. So a
file that is not UTF-8 is transcoded first, as an analyst would with `iconv -f CP1252`:
streamed through Python's codec into a UTF-8 file beside OUT, removed at the end, and timed
as part of the route.

Usage: python3 bench/duckdb_route.py INPUT.csv OUT.csv [--threads 2]
"""
import argparse
import os
import sys
import time
import tomllib

try:
    import duckdb
except ImportError:
    sys.exit("duckdb_route.py needs DuckDB: pip install duckdb")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COLUMNS = {
    "No. Tiket": "id",
    "Unit Kerja": "unit",
    "Media": "channel",
    "Jenis Layanan": "service_type",
    "Komoditi": "commodity",
    "Tanggal Diterima": "received",
    "Tanggal Dijawab": "responded",
    "Tanggal Selesai": "closed",
    "Status": "status",
    "Nama Petugas": "officer",
    "Isi Pertanyaan": "question",
    "Jawaban": "answer",
    "Akurasi (Reviewer)": "accuracy",
}

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
    "agu": 8, "agt": 8, "september": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11,
    "nopember": 11, "nov": 11, "desember": 12, "des": 12,
}

SPECIAL = set(".^$*+?()[]{}|\\-/")


def esc(s):
    return "".join("\\" + c if c in SPECIAL else c for c in s)


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def phrase_re(p):
    """One phrase of the rubric's phrase syntax as an RE2 fragment on lower-case text."""
    p = p.lower().strip()
    start = p.startswith("^")
    end = p.endswith("$")
    p = p.strip("^$")
    punct = p.endswith(",")
    p = p.rstrip(",")
    prefix = p.endswith("*")
    p = p.rstrip("*")
    body = r"\s+".join(esc(w) for w in p.split())
    if body and (body[0].isalnum()):
        body = r"\b" + body
    if prefix:
        body += r"\w*"
    elif punct:
        body += r"\s*[,.;:!?]"
    elif body and body[-1].isalnum():
        body += r"\b"
    if start:
        body = r"(?:^|[.!?\n]\s*)" + body
    if end:
        body += r"\s*(?:[.!?,\n]|$)"
    return body


def alt(phrases):
    return "(?:" + "|".join(phrase_re(p) for p in phrases) + ")"


def detect(path):
    """The header line's delimiter, and whether the file's first MiB is UTF-8."""
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    line = head.split(b"\n", 1)[0]
    delim = max([b",", b";", b"\t", b"|"], key=line.count).decode()
    try:
        head.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as e:
        # A character cut at the sample's end is still UTF-8.
        utf8 = e.start >= len(head) - 3
    return delim, utf8


def transcode(src, dst):
    """Windows-1252 to UTF-8, streamed in 16 MiB pieces (the codec is stateless)."""
    with open(src, "rb") as i, open(dst, "wb") as o:
        while piece := i.read(16 << 20):
            o.write(piece.decode("cp1252", errors="replace").encode("utf-8"))


def calendar_sql(cal):
    days_off = sorted(
        str(d) for y in cal["year"]
        for d in y.get("libur_nasional", []) + y.get("cuti_bersama", [])
    )
    years = sorted(y["year"] for y in cal["year"])
    off = ", ".join(f"DATE '{d}'" for d in days_off)
    return f"""
CREATE TEMP TABLE days_off AS SELECT unnest([{off}]) AS d;
CREATE TEMP TABLE cal AS
SELECT d, sum(CASE WHEN working THEN 1 ELSE 0 END) OVER (ORDER BY d) AS wd
FROM (
  SELECT g.d::DATE AS d,
         isodow(g.d) <= 5 AND g.d::DATE NOT IN (SELECT d FROM days_off) AS working
  FROM generate_series(DATE '{years[0]}-01-01', DATE '{years[-1]}-12-31', INTERVAL 1 DAY) g(d)
);
"""


def date_expr(c):
    """Every date form of the exports: day first with or without leading zeros and
    seconds, ISO, dashes, Indonesian month names."""
    months = " ".join(
        f"WHEN '{k}' THEN {v}" for k, v in MONTHS.items()
    )
    named = (
        f"try_strptime(regexp_extract({c}, '^(\\d{{1,2}}) ', 1) || '/' || "
        f"(CASE lower(regexp_extract({c}, '^\\d{{1,2}} ([A-Za-z]+) ', 1)) {months} END)::VARCHAR"
        f" || '/' || regexp_extract({c}, ' (\\d{{4}})', 1) || ' ' || "
        f"coalesce(nullif(regexp_extract({c}, '(\\d{{1,2}}[:.]\\d{{2}})$', 1), ''), '00:00'),"
        f" '%d/%m/%Y %H:%M')"
    )
    return (
        f"coalesce(try_strptime({c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', "
        f"'%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%d-%m-%Y', '%d/%m/%Y', '%Y-%m-%d']), {named})"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    t0 = time.perf_counter()

    with open(f"{ROOT}/rubrics/kualitas-jawaban.toml", "rb") as f:
        rubric = tomllib.load(f)
    with open(f"{ROOT}/rubrics/hari-libur.toml", "rb") as f:
        cal = tomllib.load(f)
    with open(f"{ROOT}/rubrics/bahasa/tidak-baku.toml", "rb") as f:
        lexicon = tomllib.load(f)
    with open(f"{ROOT}/rubrics/daftar-unit.toml", "rb") as f:
        register = tomllib.load(f)
    crit = {c["kind"]: c for c in rubric["criteria"]}

    con = duckdb.connect()
    con.execute(f"SET threads = {args.threads}")
    con.execute("SET preserve_insertion_order = false")
    con.execute(calendar_sql(cal))

    # The register: every form of a unit's name under its key.
    forms = [(f, u["name"]) for u in register["unit"]
             for f in [u["name"]] + u.get("aliases", []) + u.get("former_names", [])]
    con.execute("CREATE TEMP TABLE unit_forms(form VARCHAR, name VARCHAR)")
    con.executemany("INSERT INTO unit_forms VALUES (?, ?)", forms)
    unit_key = lambda c: (  # noqa: E731
        f"array_to_string(list_transform(list_filter(string_split_regex(lower({c}), "
        f"'[^a-z0-9]+'), lambda w: w <> '' AND w <> 'di'), lambda w: CASE w WHEN 'kab' THEN 'kabupaten' "
        f"WHEN 'bbpom' THEN 'balai besar pom' ELSE w END), ' ')"
    )
    con.execute(f"CREATE TEMP TABLE unit_keys AS SELECT DISTINCT {unit_key('form')} AS k, name "
                "FROM unit_forms")

    # The patterns.
    g, co, cl = crit["greeting"], crit["courtesy"], crit["closing"]
    greeting_re = alt(g["phrases"])
    thanks_open_re = r"^\W*" + alt(g["thanks"])
    courtesy_re = alt(co["phrases"])
    closing_re = alt(cl["phrases"] + cl["thanks"])
    ref = crit["reference"]
    needed_re = alt(ref["needed"])
    together = [alt(lst) for lst in ref.get("needed_together", [])]
    not_needed_re = alt(ref["not_needed"])
    ref_answer_re = "(?i)(?:" + "|".join(ref["regulations"] + ref["portals"] + ref["numbers"]) + ")"
    elements = [alt(e["phrases"]) for e in crit["elements"]["elements"]]
    lang = crit["standard_language"]
    allowed = set(lang.get("allowed", []))
    words = sorted({
        k.lower() for sec in ("tidak_baku", "ejaan", "inggris", "daerah", "frasa")
        for k, v in lexicon.get(sec, {}).items() if k.lower() != str(v).lower()
        and k.lower() not in allowed
    }, key=len, reverse=True)
    slang_re = r"\b(?:" + "|".join(r"\s+".join(esc(w) for w in k.split()) for k in words) + r")\b"
    ln = crit["length"]
    rel = crit["relevance"]
    stops = sorted(set(rel["stopwords"]), key=len, reverse=True)
    stop_re = r"\b(?:" + "|".join(esc(w) for w in stops) + r")\b"
    sla = crit["sla"]
    targets = sla["targets"]
    man = crit["manual"]
    weights = {c["kind"]: float(c.get("weight", 0)) for c in rubric["criteria"]}
    bands = sorted(rubric["bands"], key=lambda b: -b["min"])

    def target_case():
        arms = []
        for t in targets:
            cond = [f"svc = {sql_str(t['service_type'].lower())}"]
            if "channels" in t:
                chans = ", ".join(sql_str(c.lower()) for c in t["channels"])
                cond.append(f"lower(channel) IN ({chans})")
            arms.append(f"WHEN {' AND '.join(cond)} THEN {t['days']}")
        return "CASE " + " ".join(arms) + " END"

    def q(p):
        return sql_str(p)

    needed = f"regexp_matches(qn, {q(needed_re)})"
    if together:
        needed += " OR (" + " AND ".join(f"regexp_matches(qn, {q(t)})" for t in together) + ")"
    extra = int(sla.get("partial_extra_days", 0))
    grade = "CASE " + " ".join(
        f"WHEN score >= {b['min']} THEN {sql_str(b['grade'])}" for b in bands
    ) + " END"
    delim, utf8 = detect(args.src)
    src, enc = args.src, "UTF-8"
    if not utf8:
        src = os.path.join(os.path.dirname(os.path.abspath(args.out)),
                           f".{os.path.basename(args.src)}.utf8.csv")
        t1 = time.perf_counter()
        transcode(args.src, src)
        enc = f"windows-1252, transcoded in {time.perf_counter() - t1:.1f} s"
    names = ", ".join(f"{sql_str(k)}: 'VARCHAR'" for k in COLUMNS)
    renames = ", ".join(f'"{k}" AS {v}' for k, v in COLUMNS.items())
    kinds = ["greeting", "courtesy", "length", "relevance", "reference", "elements",
             "standard_language", "closing", "field", "sla", "manual"]
    # Value of each criterion: 1 pass, 0.5 partial, 0 fail or unverifiable, NULL n/a.
    num = " + ".join(f"coalesce(v_{k}, 0) * {weights[k]}" for k in kinds)
    den = " + ".join(f"(CASE WHEN v_{k} IS NULL THEN 0 ELSE {weights[k]} END)" for k in kinds)

    con.execute(f"""
CREATE TEMP TABLE scored AS
WITH raw AS (
  SELECT {renames}
  FROM read_csv({sql_str(src)}, delim = {sql_str(delim)}, quote = '"', escape = '"',
                header = true, columns = {{{names}}})
), rows AS (
  SELECT trim(unit) AS unit, upper(trim(regexp_replace(officer, '\\s+', ' ', 'g'))) AS officer,
         trim(channel) AS channel, lower(trim(service_type)) AS svc, trim(commodity) AS commodity,
         {date_expr('trim(received)')} AS rec, {date_expr('trim(responded)')} AS res,
         trim(accuracy) AS accuracy,
         lower(coalesce(answer, '')) AS a, lower(coalesce(question, '')) AS qn
  FROM raw
), checks AS (
  SELECT *,
    regexp_extract(a, '^[^.!?\\n]*[.!?\\n]*[^.!?\\n]*[.!?\\n]?') AS first2,
    regexp_extract(a, '[^.!?\\n]*[.!?\\n]*\\s*[^.!?\\n]*[.!?\\n]*\\s*$') AS last2,
    len(string_split_regex(trim(a), '\\s+')) * (trim(a) <> '')::INT AS words,
    list_distinct(list_filter(regexp_split_to_array(regexp_replace(qn, {q(stop_re)}, ' ', 'g'),
      '[^a-z0-9]+'), lambda w: length(w) >= {rel.get('min_word_length', 3)})) AS qwords
  FROM rows
), valued AS (
  SELECT unit, officer, channel, svc, commodity, strftime(rec, '%Y-%m') AS month,
    (CASE WHEN regexp_matches(first2, {q(greeting_re)}) OR regexp_matches(a, {q(thanks_open_re)})
          THEN 1 ELSE 0 END)::DOUBLE AS v_greeting,
    (CASE WHEN regexp_matches(a, {q(courtesy_re)}) THEN 1 ELSE 0 END)::DOUBLE AS v_courtesy,
    (CASE WHEN words BETWEEN {ln['min_words']} AND {ln['max_words']} THEN 1
          WHEN words > {ln['max_words']} OR words >= {ln.get('partial_min_words', ln['min_words'])}
          THEN 0.5 ELSE 0 END)::DOUBLE AS v_length,
    (CASE WHEN len(qwords) < {rel.get('min_content_words', 1)} THEN 1
          WHEN len(list_intersect(qwords, regexp_split_to_array(a, '[^a-z0-9]+')))
               / len(qwords) >= {rel['pass']} THEN 1
          WHEN len(list_intersect(qwords, regexp_split_to_array(a, '[^a-z0-9]+')))
               / len(qwords) >= {rel['partial']} THEN 0.5
          ELSE 0 END)::DOUBLE AS v_relevance,
    (CASE WHEN NOT ({needed}) OR regexp_matches(qn, {q(not_needed_re)}) THEN NULL
          WHEN regexp_matches(a, {q(ref_answer_re)}) THEN 1 ELSE 0 END)::DOUBLE AS v_reference,
    (CASE WHEN svc <> 'pengaduan' THEN NULL
          ELSE ({' + '.join(f'regexp_matches(a, {q(e)})::INT' for e in elements)}) / {len(elements)}
    END)::DOUBLE AS v_elements,
    (CASE WHEN a = '' THEN 0 WHEN regexp_matches(a, {q(slang_re)}) THEN 0 ELSE 1 END)::DOUBLE
      AS v_standard_language,
    (CASE WHEN regexp_matches(last2, {q(closing_re)}) THEN 1 ELSE 0 END)::DOUBLE AS v_closing,
    (CASE WHEN officer IS NULL OR officer = '' THEN 0 ELSE 1 END)::DOUBLE AS v_field,
    (CASE WHEN wd_days IS NULL OR target IS NULL THEN 0
          WHEN wd_days <= target THEN 1 WHEN wd_days <= target + {extra} THEN 0.5
          ELSE 0 END)::DOUBLE AS v_sla,
    (CASE WHEN accuracy IN ('0', '1', '2')
          THEN (accuracy::INT - {man['scale'][0]}) / {man['scale'][1] - man['scale'][0]}
          ELSE NULL END)::DOUBLE AS v_manual
  FROM (
    SELECT c.*, c2.wd - c1.wd AS wd_days, {target_case()} AS target
    FROM checks c
    LEFT JOIN cal c1 ON c1.d = c.rec::DATE
    LEFT JOIN cal c2 ON c2.d = c.res::DATE
  )
)
SELECT *,
  CASE WHEN v_manual = 0 THEN 0 ELSE round(100 * ({num}) / nullif({den}, 0), 2) END AS score
FROM valued
""")
    if src != args.src:
        os.remove(src)
    n = con.execute("SELECT count(*) FROM scored").fetchone()[0]
    # The unit's official name from the register (the distinct names only).
    con.execute(f"""
CREATE TEMP TABLE unit_map AS
SELECT u.unit, coalesce(k.name, u.unit) AS official
FROM (SELECT DISTINCT unit FROM scored) u LEFT JOIN unit_keys k ON k.k = {unit_key('u.unit')}
""")
    rates = ", ".join(
        f"round(100 * avg(v_{k}), 1) AS credit_pct_{k}" for k in kinds
    )
    con.execute(f"""
COPY (
  SELECT CASE WHEN GROUPING(official) = 0 THEN 'unit' WHEN GROUPING(officer) = 0 THEN 'officer'
              WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(svc) = 0 THEN 'service_type'
              WHEN GROUPING(commodity) = 0 THEN 'commodity' WHEN GROUPING(month) = 0 THEN 'month'
              ELSE 'all' END AS dimension,
         coalesce(official, officer, channel, svc, commodity, month) AS value,
         count(*) AS answers, round(avg(score), 2) AS mean_score,
         count(*) FILTER (WHERE grade = 'A') AS grade_a, count(*) FILTER (WHERE grade = 'B') AS grade_b,
         count(*) FILTER (WHERE grade = 'C') AS grade_c, count(*) FILTER (WHERE grade = 'D') AS grade_d,
         round(100 * avg(CASE WHEN v_sla = 1 THEN 1 ELSE 0 END), 1) AS sla_pct, {rates}
  FROM (SELECT s.*, m.official, {grade} AS grade FROM scored s JOIN unit_map m USING (unit))
  GROUP BY GROUPING SETS ((official), (officer), (channel), (svc), (commodity), (month), ())
  ORDER BY dimension, value
) TO {sql_str(args.out)} (HEADER, DELIMITER ',')
""")
    units = con.execute("SELECT count(DISTINCT official) FROM unit_map").fetchone()[0]
    unmatched = con.execute("SELECT count(*) FROM unit_map u LEFT JOIN unit_keys k "
                            f"ON k.k = {unit_key('u.unit')} WHERE k.name IS NULL").fetchone()[0]
    print(f"{n} answers, {units} units ({unmatched} names not in the register); "
          f"delimiter {delim!r}, {enc}; {time.perf_counter() - t0:.1f} s in all")


if __name__ == "__main__":
    main()

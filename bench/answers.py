#!/usr/bin/env python3
"""Benchmarks of ulpk-eval, each beside its baselines measured in the same run.

Usage: python3 bench/answers.py [--rows 1000000] [--xlsx-rows 100000] [--units 73]
                                [--repeat 3] [--only csv,parquet,xlsx,units,report,big,shapes]
                                [--shapes default,simpel,cp1252,long,units,dayfirst]
                                [--previous PATH-TO-EARLIER-ulpk-eval]

Builds the release binaries, generates the deterministic inputs once into bench/data/
(answers CSV via `gen_samples bench`, the same as Parquet via `bench_read --to-parquet`, an
XLSX export, filled self-assessment workbooks via `gen_samples bench-units`; with `big`, ten
copies of the Parquet file with their ids made distinct via `bench_read --replicate`, the
10M-row streaming run, not in the default set), then times every
command `--repeat` times: the fastest wall time and the largest peak resident memory
(ru_maxrss of the child, via wait4). Baselines: polars' bare read of the same file, calamine's
bare read of the same workbooks (`examples/bench_read.rs`), and the pandas + openpyxl route
(`bench/pandas_route.py`). Prints one Markdown table.

`--only shapes` (not in the default set) generates the 1M-answer export in every shape of
`gen_samples bench --shape` (examples/gen_samples/shapes.rs) and times, on each file,
polars' bare read, `ulpk-eval summary` and the DuckDB route (`bench/duckdb_route.py`, which
needs `pip install duckdb`): cpu seconds (user + system of the child), wall seconds and peak
memory, each the best of `--repeat` runs (the least cpu, the least wall, the largest peak),
and their ratios to the bare read of the same file. Before timing, one run of each checks
that it read every row, and `summary` runs once more with ULPK_TIMING=1 for its stages.

Binaries come from $CARGO_TARGET_DIR/release when it is set, else target/release.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = os.path.join(ROOT, os.environ.get("CARGO_TARGET_DIR", "target"), "release")
SHAPES = ["default", "simpel", "cp1252", "long", "units", "dayfirst"]


def run(cmd, **kw):
    subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def measure(cmd, env=None, capture=False):
    """Runs cmd; returns (wall seconds, peak RSS in MiB, cpu seconds: user + system), and
    with capture also (stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env,
                                stdout=out if capture else subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text, errs = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{errs}")
    res = (elapsed, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime)
    return res + (text, errs) if capture else res


def mib(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path)) / 2**20
    return os.path.getsize(path) / 2**20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=100_000)
    ap.add_argument("--units", type=int, default=73)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="csv,parquet,xlsx,units,report")
    ap.add_argument("--previous", default=None,
                    help="an earlier ulpk-eval binary whose `summary` is timed beside this one's "
                         "on the CSV (e.g. the last release, built from its tag)")
    ap.add_argument("--shapes", default=",".join(SHAPES),
                    help="the export shapes timed by --only shapes")
    ap.add_argument("--big-copies", type=int, default=10,
                    help="copies of the Parquet file in the streaming run (--only big)")
    args = ap.parse_args()
    only = set(args.only.split(","))

    run(["cargo", "build", "--release", "--bin", "ulpk-eval",
         "--example", "bench_read", "--example", "gen_samples"])
    data = os.path.join(ROOT, "bench", "data")
    out = os.path.join(ROOT, "bench", "out")
    os.makedirs(data, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    gen = os.path.join(REL, "examples", "gen_samples")
    read = os.path.join(REL, "examples", "bench_read")
    exe = os.path.join(REL, "ulpk-eval")
    py = sys.executable
    pandas = os.path.join(ROOT, "bench", "pandas_route.py")

    csv = os.path.join(data, f"answers-{args.rows}.csv")
    if not os.path.exists(csv):
        run([gen, "bench", "--rows", str(args.rows), "--out", csv])
    parquet = os.path.join(data, f"answers-{args.rows}.parquet")
    if "parquet" in only and not os.path.exists(parquet):
        run([read, "--to-parquet", csv, parquet])
    big = os.path.join(data, f"answers-{args.rows * args.big_copies}.parquet")
    if "big" in only and not os.path.exists(big):
        if not os.path.exists(parquet):
            run([read, "--to-parquet", csv, parquet])
        run([read, "--replicate", parquet, str(args.big_copies), big])
    xlsx = os.path.join(data, f"answers-{args.xlsx_rows}.xlsx")
    if "xlsx" in only and not os.path.exists(xlsx):
        run([gen, "bench", "--rows", str(args.xlsx_rows), "--format", "xlsx", "--out", xlsx])
    units = os.path.join(data, f"penilaian-{args.units}")
    if ({"units", "report"} & only) and not os.path.isdir(units):
        run([gen, "bench-units", "--count", str(args.units), "--out", units])
    config = os.path.join(data, "ulpk-eval-bench.toml")
    with open(config, "w") as f:
        f.write(f"""[answers]
files = ["{os.path.basename(csv)}"]
rubric = "../../rubrics/kualitas-jawaban.toml"
[standards]
standard = "../../rubrics/standar-minimal-ulpk.toml"
workbooks = ["{os.path.basename(units)}"]
as_of = "2026-03-31"
[skm]
files = ["../../samples/skm-2026-q1.csv"]
[report]
period = "Benchmark"
output = "../out/laporan-bench.xlsx"
charts = "../out/grafik"
""")
    std = os.path.join(ROOT, "rubrics", "standar-minimal-ulpk.toml")

    groups = []
    if "csv" in only:
        groups.append((f"{args.rows:,} answers, CSV {mib(csv):,.0f} MiB", mib(csv), [
            ("polars bare read (baseline)", [read, csv]),
            ("ulpk-eval summary (score + 6 aggregations)",
             [exe, "summary", csv, "-o", os.path.join(out, "summary.csv")]),
        ] + ([
            (f"previous ulpk-eval summary ({args.previous})",
             [args.previous, "summary", csv, "-o", os.path.join(out, "summary-prev.csv")]),
        ] if args.previous else []) + [
            ("ulpk-eval score -o parquet --summary csv",
             [exe, "score", csv, "-o", os.path.join(out, "scored.parquet"),
              "--summary", os.path.join(out, "summary.csv")]),
            ("pandas route (baseline)", [py, pandas, csv, os.path.join(out, "pandas.csv")]),
        ]))
    if "parquet" in only:
        groups.append((f"{args.rows:,} answers, Parquet {mib(parquet):,.0f} MiB", mib(parquet), [
            ("polars bare read (baseline)", [read, parquet]),
            ("ulpk-eval summary", [exe, "summary", parquet, "-o", os.path.join(out, "summary-pq.csv")]),
        ]))
    if "big" in only:
        rows = args.rows * args.big_copies
        groups.append((f"{rows:,} answers, Parquet {mib(big):,.0f} MiB (streaming)", mib(big), [
            ("polars bare read (baseline)", [read, big]),
            ("ulpk-eval summary", [exe, "summary", big, "-o", os.path.join(out, "summary-big.csv")]),
            ("ulpk-eval score -o parquet", [exe, "score", big, "-o",
                                            os.path.join(out, "scored-big.parquet")]),
        ]))
    if "xlsx" in only:
        groups.append((f"{args.xlsx_rows:,} answers, XLSX {mib(xlsx):,.0f} MiB", mib(xlsx), [
            ("calamine bare read (baseline)", [read, xlsx]),
            ("ulpk-eval summary", [exe, "summary", xlsx, "-o", os.path.join(out, "summary-x.csv")]),
            ("pandas + openpyxl route (baseline)",
             [py, pandas, xlsx, os.path.join(out, "pandas-x.csv")]),
        ]))
    if "units" in only:
        groups.append((f"{args.units} filled self-assessment workbooks, {mib(units):,.1f} MiB",
                       mib(units), [
            ("calamine bare read (baseline)", [read, units]),
            ("ulpk-eval assess", [exe, "assess", "--standard", std, units, "--as-of",
                                  "2026-03-31", "-o", os.path.join(out, "assess.csv")]),
        ]))
    if "report" in only:
        groups.append((f"full report: {args.rows:,} answers + {args.units} workbooks + SKM",
                       mib(csv), [
            ("polars bare read of the CSV (baseline)", [read, csv]),
            ("ulpk-eval report (workbook with 1M detail rows, 4 charts)",
             [exe, "report", "--config", config]),
        ]))

    if groups:
        print(f"\n{os.cpu_count()} cores; best of {args.repeat}; peak RSS of the process\n")
        print("| input | run | wall (s) | × first baseline | peak RSS (MiB) | RSS / input size |")
        print("|---|---|---:|---:|---:|---:|")
    for title, size, cases in groups:
        base = None
        for name, cmd in cases:
            runs = [measure(cmd) for _ in range(args.repeat)]
            secs, rss = min(r[0] for r in runs), max(r[1] for r in runs)
            base = base or secs
            print(f"| {title} | {name} | {secs:.2f} | {secs / base:.2f} | {rss:,.0f} | "
                  f"{rss / size:.2f} |", flush=True)
    if "shapes" in only:
        shapes(args, gen, read, exe, data, out, csv)


def shape_file(args, gen, data, default_csv, shape):
    """The export in this shape, generated once (the default shape is the CSV above)."""
    if shape == "default":
        return default_csv
    path = os.path.join(data, f"answers-{args.rows}-{shape}.csv")
    if not os.path.exists(path):
        run([gen, "bench", "--rows", str(args.rows), "--shape", shape, "--out", path])
    return path


def summary_answers(path):
    """The answer count of a `summary` CSV: the largest count of any one dimension."""
    import csv as csvmod
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csvmod.reader(f))
    head = [h.lower() for h in rows[0]]
    dim = next(i for i, h in enumerate(head) if h in ("dimensi", "dimension"))
    n = next(i for i, h in enumerate(head) if h in ("jawaban", "answers", "n"))
    per_dim = {}
    for r in rows[1:]:
        per_dim[r[dim]] = per_dim.get(r[dim], 0) + int(float(r[n] or 0))
    return max(per_dim.values())


def stages_of(stderr):
    """Seconds per stage of a ULPK_TIMING=1 run, summed over the parts."""
    total = {}
    for m in re.finditer(r"\[timing\] ([^:\n]+): ([0-9.]+) s$", stderr, re.M):
        total[m.group(1)] = total.get(m.group(1), 0.0) + float(m.group(2))
    return total


def shapes(args, gen, read, exe, data, out, default_csv):
    """The shapes table: every shape's bare read, summary and DuckDB route, and their ratios."""
    try:
        import duckdb  # noqa: F401
    except ImportError:
        sys.exit("--only shapes times the DuckDB route, which needs DuckDB: pip install duckdb")
    py = sys.executable
    duck = os.path.join(ROOT, "bench", "duckdb_route.py")
    names = args.shapes.split(",")
    unknown = [n for n in names if n not in SHAPES]
    if unknown:
        sys.exit(f"unknown shapes {unknown}; known: {', '.join(SHAPES)}")
    files = {n: shape_file(args, gen, data, default_csv, n) for n in names}
    load_before = os.getloadavg()
    table, stage_rows = [], []
    for n in names:
        path = files[n]
        cases = [
            ("polars bare read (baseline)", [read, path]),
            ("`ulpk-eval summary`", [exe, "summary", path, "-o",
                                     os.path.join(out, f"summary-{n}.csv")]),
            ("DuckDB route, 2 threads", [py, duck, path, os.path.join(out, f"duckdb-{n}.csv")]),
        ]
        # Every run reads every row.
        said = measure(cases[0][1], capture=True)[3]
        read_rows = int(re.search(r"(\d+) rows", said).group(1))
        timing = measure(cases[1][1], env=dict(os.environ, ULPK_TIMING="1"), capture=True)
        scored = summary_answers(os.path.join(out, f"summary-{n}.csv"))
        said = measure(cases[2][1], capture=True)[3]
        duck_rows = int(re.search(r"(\d+) answers", said).group(1))
        counts = (read_rows, scored, duck_rows)
        if any(c != args.rows for c in counts):
            sys.exit(f"{n}: rows read (bare read, summary, DuckDB) = {counts}, not {args.rows}")
        stage_rows.append((n, stages_of(timing[4]), timing[0]))
        base = None
        for name, cmd in cases:
            runs = [measure(cmd) for _ in range(args.repeat)]
            wall = min(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            cpu = min(r[2] for r in runs)
            base = base or (cpu, wall)
            table.append((f"{n}, {mib(path):,.0f} MiB", name, cpu, wall, rss,
                          cpu / base[0], wall / base[1]))
            print(f"  {n}: {name}: cpu {cpu:.2f} s, wall {wall:.2f} s, {rss:,.0f} MiB",
                  file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    print(f"\n{os.cpu_count()} cores; {args.rows:,} answers per file; best of {args.repeat} "
          f"(least cpu, least wall, largest peak RSS); load average (1, 5, 15 min) "
          f"{' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after\n")
    print("| shape, file | run | cpu (s) | wall (s) | peak RSS (MiB) | × bare read, cpu | "
          "× bare read, wall |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for title, name, cpu, wall, rss, rc, rw in table:
        print(f"| {title} | {name} | {cpu:.2f} | {wall:.2f} | {rss:,.0f} | {rc:.2f} | {rw:.2f} |")
    stages = []
    for _, st, _ in stage_rows:
        stages += [k for k in st if k not in stages]
    print("\n`ulpk-eval summary` stages (ULPK_TIMING=1, one run; seconds summed over the parts; "
          "`ingest` is the wait for the next part, read while the last one is scored, and the "
          "first part's also holds the pass over the questions for the relevance corpus; the "
          "rest is start-up, aggregation and output)\n")
    print("| shape | " + " | ".join(stages) + " | rest | wall (s) |")
    print("|---|" + "---:|" * (len(stages) + 2))
    for n, st, wall in stage_rows:
        rest = wall - sum(st.values())
        print(f"| {n} | " + " | ".join(f"{st.get(k, 0):.2f}" for k in stages)
              + f" | {rest:.2f} | {wall:.2f} |")


if __name__ == "__main__":
    main()

//! `samples/README.md`, written from the counts the generator collected while injecting.

use std::fmt::Write as _;

use crate::assessments::Written;
use crate::model::{
    Fault, SLA_COMPLAINT, SLA_DIRECT, SLA_LAPOR_COMPLAINT, SLA_LAPOR_INFO, SLA_LETTER, SlaClass,
    Tally,
};
use crate::skm::{self, SkmInfo};
use crate::units::{Q4_2025_PROFILES, UNITS};

pub struct FileInfo<'a> {
    pub name: &'a str,
    pub rows: usize,
    pub bytes: u64,
    pub tally: &'a Tally,
}

pub const CSV_NAME: &str = "simpel-lpk-2026-q1.csv";
pub const XLSX_NAME: &str = "sp4n-lapor-2026-q1.xlsx";
pub const KOMPETISI_DIR: &str = "kompetisi";
pub const KOMPETISI_STANDARD: &str = "rubrics/kompetisi-pengaduan.toml";
pub const OMBUDSMAN_DIR: &str = "kepatuhan-ombudsman";
pub const OMBUDSMAN_STANDARD: &str = "rubrics/kepatuhan-ombudsman.toml";
pub const PEKPPP_DIR: &str = "pekppp";
pub const PEKPPP_STANDARD: &str = "rubrics/pekppp.toml";
pub const PREV_DIR: &str = "periode-sebelumnya";
pub const Q4_CSV_NAME: &str = "simpel-lpk-2025-q4.csv";
pub const Q4_SKM_NAME: &str = "skm-2025-q4.csv";

/// The Q1 2026 self-assessments of every instrument, scored as written.
pub struct Assessments<'a> {
    pub q1: &'a [Written],
    pub kompetisi: &'a [Written],
    pub ombudsman: &'a [Written],
    pub pekppp: &'a [Written],
}

/// The previous period's (Triwulan IV 2025) inputs.
pub struct Previous<'a> {
    pub csv: &'a FileInfo<'a>,
    pub assessed: &'a [Written],
    pub skm: &'a SkmInfo,
}

/// Plain-text fault table for stdout, one count column per (label, tally).
pub fn fault_table_text(cols: &[(&str, &Tally)]) -> String {
    let mut s = format!("{:<26}", "fault");
    for (label, _) in cols {
        let _ = write!(s, " {label:>8}");
    }
    s.push('\n');
    for f in Fault::ALL {
        let _ = write!(s, "{:<26}", f.key());
        for (_, t) in cols {
            let _ = write!(s, " {:>8}", t.count(f));
        }
        s.push('\n');
    }
    s
}

fn dist_table(s: &mut String, title: &str, group: &str, csv: &Tally, xlsx: &Tally) {
    let mut keys: Vec<String> = csv
        .group(group)
        .into_iter()
        .chain(xlsx.group(group))
        .map(|(k, _)| k.to_string())
        .collect();
    keys.sort();
    keys.dedup();
    let _ = writeln!(s, "| {title} | CSV | XLSX |\n|---|---:|---:|");
    for k in keys {
        let _ = writeln!(
            s,
            "| {k} | {} | {} |",
            csv.get(group, &k),
            xlsx.get(group, &k)
        );
    }
    s.push('\n');
}

fn sla_row(s: &mut String, c: SlaClass) {
    let _ = writeln!(
        s,
        "| {} | ≤ {} | {}–{} | {}–{} |",
        c.name, c.on_time_max, c.normal.0, c.normal.1, c.late.0, c.late.1
    );
}

pub fn render(
    seed: u64,
    csv: &FileInfo,
    xlsx: &FileInfo,
    assessed: &Assessments,
    prev: &Previous,
) -> String {
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r#"# Synthetic sample exports (Q1 2026)

**All data here is synthetic.** Tickets, citizens, phone numbers, e-mail addresses, NIKs,
brands and registration numbers are invented (registration numbers follow the real patterns
with random digits). Unit names are the real BPOM offices, but officer names are invented and
the per-unit quality profiles are fiction, chosen only so that per-unit aggregates differ.
Texts are in Bahasa Indonesia.

Regenerate (deterministic: the same seed gives byte-identical files):

```sh
cargo run --release --example gen_samples -- samples --seed {seed} --out samples
```

Generator: `examples/gen_samples.rs` (+ `examples/gen_samples/`). Random numbers come from
`rand_chacha::ChaCha8Rng::seed_from_u64`, so output is the same on every platform. The XLSX
carries a fixed creation date (2026-04-08 08:00) so it is byte-identical too.

## Files

| file | what | data rows | unique tickets | bytes |
|---|---|---:|---:|---:|
| `{csv_name}` | export of the internal reporting system (Aplikasi Simpel LPK) as saved by Excel in the Indonesian locale | {csv_rows} | {csv_unique} | {csv_bytes} |
| `{xlsx_name}` | SP4N-LAPOR! export, sheet `Laporan` | {xlsx_rows} | {xlsx_unique} | {xlsx_bytes} |

Both cover tickets received 1 January – 31 March 2026, exported on 8 April 2026 (nothing is
answered or closed after 2026-04-08 08:00). The two files have different tickets.

### `{csv_name}`

- Encoding **Windows-1252** (not UTF-8: é, –, ’, “ ”, ° are single bytes), delimiter `;`,
  CRLF line endings, fields quoted only when needed. Some answers (and e-mail questions)
  contain line breaks (LF) inside quoted fields. Characters Windows-1252 cannot hold (emoji in
  WhatsApp messages) were replaced by `?`, as Excel does.
- Header (row 1):
  `No. Tiket;Unit Kerja;Media;Jenis Layanan;Komoditi;Tanggal Diterima;Tanggal Dijawab;Tanggal Selesai;Status;Nama Petugas;Isi Pertanyaan;Jawaban;Akurasi (Reviewer)`

| column | content |
|---|---|
| No. Tiket | `LPK-2026-000123`; ascending with gaps, unique except one duplicated row |
| Unit Kerja | one of {n_units} units (`ULPK BPOM Pusat`, `Balai Besar POM di …`, `Balai POM di Serang`, `Loka POM di Kabupaten Bogor`) |
| Media | `Telepon HALOBPOM 1500533`, `SMS`, `Email`, `WhatsApp`, `Twitter/X`, `Instagram`, `Aplikasi HaloBPOM`, `Datang Langsung`, `Surat`, `Website`, `Portal Perlindungan Konsumen` |
| Jenis Layanan | `Informasi` or `Pengaduan` (~12% complaints, more than the real ~4%) |
| Komoditi | `Obat`, `Obat Tradisional`, `Kosmetik`, `Suplemen Kesehatan`, `Pangan Olahan`, `NAPPZA`, `Lainnya` |
| Tanggal Diterima / Dijawab / Selesai | `dd/mm/yyyy HH:MM` (day first); a few other formats and faults, see below; `Tanggal Selesai` is empty for `Dalam Proses` |
| Status | `Selesai`, `Dalam Proses`, `Ditutup` |
| Nama Petugas | officer (3–6 per unit, unique per unit) |
| Isi Pertanyaan | citizen's message (first person), or the officer's summary for phone calls and walk-ins ("Penelepon menanyakan …"); some contain a phone number, an e-mail address or (rarely) a 16-digit NIK |
| Jawaban | officer's answer |
| Akurasi (Reviewer) | empty for ~90%; for a ~10% sample `0` (tidak akurat), `1` (sebagian), `2` (akurat) or `N/A` |

### `{xlsx_name}`

Sheet `Laporan`: row 1 `LAPORAN PENGADUAN SP4N-LAPOR! BADAN PENGAWAS OBAT DAN MAKANAN`, row 2
`Periode: 1 Januari 2026 - 31 Maret 2026`, row 3 empty, row 4 the header, data from row 5:

`TrackingID | Instansi | Kanal | Kategori | Komoditas | TanggalLaporanMasuk | Waktu Respon | TanggalLaporanDitutup | Status | Petugas | Isi Laporan | Tanggapan`

- `TrackingID`: 7-digit numeric-looking **text** cells (e.g. `4821937`), ascending.
- `Instansi`: the same unit names as the CSV; `Kanal` mostly `SP4N-LAPOR!`, some `Website`,
  `Aplikasi HaloBPOM`; `Kategori` mostly `Pengaduan`, some `Informasi`.
- Dates are real Excel date-time cells with number format `dd/mm/yyyy hh:mm`, except the
  injected faults: bare serial numbers (number cells without a date format) and a few text
  cells. `Waktu Respon` is the date-time of the unit's follow-up (tindak lanjut).

## Timing model (what "late" means here)

Working days are Monday–Friday minus the 2026 libur nasional and cuti bersama (SKB 3 Menteri;
Q1 2026: 1 and 16 Jan, 16–17 Feb, 18–24 Mar). Elapsed working days = working days `w` with
`received date < w ≤ answered date`. On-time rows stay within the smallest SLA used by any
unit; late rows are at least 3 working days past the largest (1 for direct channels, 7 for
letters, 14 for complaints), so the on-time/late split depends neither on the unit preset nor
on an off-by-one in day counting, and late rows are outside a "≤ 2 days late = partial" band.
SP4N-LAPOR! `Informasi` rows follow the 1-day target of direct channels.

| class | on time (working days) | normal range | late range |
|---|---:|---:|---:|
"#,
        seed = seed,
        csv_name = CSV_NAME,
        xlsx_name = XLSX_NAME,
        csv_rows = csv.rows,
        csv_unique = csv.rows as u64 - csv.tally.count(Fault::DuplicateRow),
        csv_bytes = csv.bytes,
        xlsx_rows = xlsx.rows,
        xlsx_unique = xlsx.rows as u64 - xlsx.tally.count(Fault::DuplicateRow),
        xlsx_bytes = xlsx.bytes,
        n_units = UNITS.len(),
    );
    for c in [
        SLA_DIRECT,
        SLA_LETTER,
        SLA_COMPLAINT,
        SLA_LAPOR_INFO,
        SLA_LAPOR_COMPLAINT,
    ] {
        sla_row(&mut s, c);
    }
    let _ = write!(
        s,
        r#"
Phone calls and walk-ins are answered on the spot (a few minutes after receipt). Messages on
24/7 channels also arrive in the evening, at weekends and on holidays (fewer than on working
days); the clock then starts on the next working day. {trap_csv} CSV rows and {trap_xlsx} XLSX rows
are on time in working days although the calendar gap is large because of holidays and cuti
bersama, mostly the 18–24 March Idul Fitri block (a calendar-day SLA would call them late).

## Injected faults (exact counts)

Counted by the generator while it injected them (the same table is printed on stdout). A row
can carry several answer-text faults (e.g. no greeting and slang); `too_short`, `off_topic`
and `blank_answer` rows are not counted under the greeting/closing/slang/reference/follow-up
faults.
Date-format faults, `closed_before_received`, `blank_answer` and `officer_name_variant` are
placed on distinct rows that carry no other date fault and are not late, and
`missing_answered_date` never hits a late row, so every counted late answer can be seen in the
data. Counts are per unique ticket: the duplicated row's own faults are counted once.

| fault | meaning | CSV | XLSX |
|---|---|---:|---:|
"#,
        trap_csv = csv.tally.get("info", "on_time_across_holidays"),
        trap_xlsx = xlsx.tally.get("info", "on_time_across_holidays"),
    );
    for f in Fault::ALL {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            f.key(),
            f.describe(),
            csv.tally.count(f),
            xlsx.tally.count(f)
        );
    }
    let _ = write!(
        s,
        r#"
`no_reference` applies only to product-check questions (registration check, counterfeit,
BKO): {pc_csv} such questions in the CSV, {pc_xlsx} in the XLSX. Other answers cite a regulation or
cekbpom in about 60% of cases, which is not a fault.

Slang rewrites words that pattern checks may rely on (`Jika masih ada pertanyaan` becomes
`kalo masih ada pertanyaan`, `Terima kasih.` becomes `Makasih.`, `Bapak/Ibu` becomes `kak`), so
a pattern-based scorer can see more missing closings or follow-ups than counted here on rows
that are also `slang`. Every complaint answer (except blank/short ones) acknowledges receipt
(“Laporan Bapak/Ibu telah kami terima …”) and states the follow-up step; only the follow-up
statement is left out on `no_follow_up` rows.

Late answers by unit profile make per-unit aggregates differ: see the unit table below.

## Other counts

"#,
        pc_csv = csv.tally.get("info", "product_check_questions"),
        pc_xlsx = xlsx.tally.get("info", "product_check_questions"),
    );
    let _ = writeln!(s, "| item | CSV | XLSX |\n|---|---:|---:|");
    let items: [(&str, &str, &str); 7] = [
        ("questions with a phone number", "pii", "phone"),
        ("questions with an e-mail address", "pii", "email"),
        ("questions with a 16-digit NIK", "pii", "nik"),
        (
            "answers with line breaks",
            "info",
            "answers_with_line_breaks",
        ),
        (
            "questions with line breaks",
            "info",
            "questions_with_line_breaks",
        ),
        (
            "characters replaced by `?` (not in Windows-1252)",
            "info",
            "chars_replaced",
        ),
        (
            "on time across the holiday block",
            "info",
            "on_time_across_holidays",
        ),
    ];
    for (label, g, k) in items {
        let _ = writeln!(
            s,
            "| {label} | {} | {} |",
            csv.tally.get(g, k),
            xlsx.tally.get(g, k)
        );
    }
    s.push('\n');
    let _ = writeln!(
        s,
        "Counts below are over data rows (the duplicated row counted twice).\n"
    );
    dist_table(&mut s, "Status", "status", csv.tally, xlsx.tally);
    dist_table(
        &mut s,
        "Jenis Layanan / Kategori",
        "kind",
        csv.tally,
        xlsx.tally,
    );
    dist_table(&mut s, "Media / Kanal", "media", csv.tally, xlsx.tally);
    dist_table(
        &mut s,
        "Komoditi / Komoditas",
        "commodity",
        csv.tally,
        xlsx.tally,
    );
    let _ = writeln!(
        s,
        "Reviewer score (`Akurasi (Reviewer)`, CSV only; assigned before the duplicate was added):\n"
    );
    let _ = writeln!(s, "| value | rows |\n|---|---:|");
    for (k, n) in csv.tally.group("accuracy") {
        let _ = writeln!(s, "| {k} | {n} |");
    }
    s.push('\n');
    let _ = write!(
        s,
        r#"Reviewer scores follow answer quality: short and off-topic answers mostly get `0`,
product-check answers without reference mostly `1`, good answers mostly `2`.

## Units and profiles

| unit | profile | officers | CSV rows | XLSX rows |
|---|---|---:|---:|---:|
"#
    );
    for u in &UNITS {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            u.name,
            u.profile.name,
            u.officers.len(),
            csv.tally.get("unit", u.name),
            xlsx.tally.get("unit", u.name)
        );
    }
    let _ = write!(
        s,
        r#"
Profiles (per-answer probabilities):

| profile | no greeting | no closing | slang | no reference (product check) | no follow-up (complaint) | too short | off topic | late | missing answer date |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
"#
    );
    for p in [
        crate::units::EXCELLENT,
        crate::units::GOOD,
        crate::units::AVERAGE,
        crate::units::POOR_SLOW,
        crate::units::POOR_SLANGY,
    ] {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            p.name,
            p.no_greeting,
            p.no_closing,
            p.slang,
            p.no_reference,
            p.no_follow_up,
            p.too_short,
            p.off_topic,
            p.late,
            p.missing_answered
        );
    }
    let _ = write!(
        s,
        r#"
## Bench mode

Large files for performance tests are not kept here; make them with

```sh
cargo run --release --example gen_samples -- bench --rows 1000000 --out bench/answers-1m.csv [--seed S] [--format csv|xlsx]
```

CSV: the columns above, UTF-8, `,`-delimited, CRLF, ~500 bytes per row, written as a stream.
XLSX (`--format xlsx`): the same columns on sheet `Data`, header in row 1, no title rows.
Ticket ids are unique, receipt dates spread over 2024–2026 (the holiday calendar covers those
years), the same fault kinds at small per-row rates (no duplicates), counts printed on stdout.
"#
    );
    let _ = write!(
        s,
        r#"
## Self-assessments (`penilaian-mandiri/`)

Workbooks filled against the shipped minimum ULPK standard
(`rubrics/standar-minimal-ulpk.toml`), written with the tool's own template writer as of
31 March 2026, one per unit with a profile so the results spread. The generator reads each
workbook back and scores it with the library, as `ulpk-eval assess` does; the result is the
verified score where the evaluator verified every item, else the unit's own:

"#
    );
    assessment_table(&mut s, assessed.q1, true);
    let _ = write!(
        s,
        r#"
`penilaian-mandiri-balai-pom-di-serang.ods` is not made by the generator: it is the Serang
workbook (profile "baik") opened and saved as ODS by LibreOffice Calc, to show that files
re-saved by LibreOffice are read back. Score them all with

```sh
cargo run --release -- assess --standard rubrics/standar-minimal-ulpk.toml samples/penilaian-mandiri --as-of 2026-03-31
```

## Competition self-assessments (`{kdir}/`)

Workbooks for the KemenPANRB complaint-management competition (Kompetisi Pengelolaan
Pengaduan Pelayanan Publik, `{kstd}`: 4 aspects, 23 items, no
mandatory items), as of 31 March 2026, for three entrants. Evidence cells hold document
references as coordinators write them (decree numbers `SK Kepala Balai Besar POM di … No.
HK.02.01.…`, SOP numbers, photos, screenshots of the Simpel LPK SLA dashboard, quarterly
reports); items answered at level 0 carry none (the tool still flags a level-0 choice without
evidence as "met without evidence"). The evaluator's verified value (`Nilai Verifikasi`) is
set on every item for Bandung and Yogyakarta and on some of Kupang's items (each drawn with
chance 1/2; so Kupang has no verified total); where the evaluator disagrees, the verified value
is one level (or one threshold band) below the unit's own.

| unit | profile | self score | verified score | gap | items verified | flagged without evidence |
|---|---|---:|---:|---:|---:|---:|
"#,
        kdir = KOMPETISI_DIR,
        kstd = KOMPETISI_STANDARD,
    );
    for a in assessed.kompetisi {
        let gap = match (a.self_total, a.verified_total) {
            (Some(x), Some(v)) => format!("{:+.2}", v - x),
            _ => "–".into(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {gap} | {}/{} | {} |",
            a.unit,
            a.kind,
            num(a.self_total),
            num(a.verified_total),
            a.verified_items,
            a.items,
            a.without_evidence
        );
    }
    let _ = write!(
        s,
        r#"
The preset labels scores with the Ombudsman 2022 bands only for readability (the competition
ranks entrants; it has no bands). Score them with

```sh
cargo run --release -- assess --standard {kstd} samples/{kdir} --as-of 2026-03-31
```

## Ombudsman compliance self-assessments (`{odir}/`)

Workbooks for the Ombudsman RI compliance assessment (Penilaian Kepatuhan Standar Pelayanan
Publik, `{ostd}`: dimensions Input 21.85, Proses 32.37, Output
24.24, Pengaduan 21.54; 24 indicators scored 0–3), as of 31 March 2026, for eight units spread
over the three zones of the `ombudsman-2022` bands (A ≥ 88 and B ≥ 78 hijau, C ≥ 54 kuning,
D ≥ 32 and E merah). Evidence as in `{kdir}/`; Bandung and Surabaya are verified on every
item.

"#,
        kstd = KOMPETISI_STANDARD,
        kdir = KOMPETISI_DIR,
        odir = OMBUDSMAN_DIR,
        ostd = OMBUDSMAN_STANDARD,
    );
    assessment_table(&mut s, assessed.ombudsman, false);
    s.push('\n');
    for zone in ["hijau", "kuning", "merah"] {
        let units: Vec<&str> = assessed
            .ombudsman
            .iter()
            .filter(|a| a.zone == zone)
            .map(|a| a.unit)
            .collect();
        let _ = writeln!(s, "- zona {zone}: {}", list_or_none(&units));
    }
    let _ = write!(
        s,
        r#"
Score them with

```sh
cargo run --release -- assess --standard {ostd} samples/{odir} --as-of 2026-03-31
```
"#,
        ostd = OMBUDSMAN_STANDARD,
        odir = OMBUDSMAN_DIR,
    );
    let _ = write!(
        s,
        r#"
## PEKPPP self-assessments (`{pdir}/`)

Workbooks for KemenPANRB's PEKPPP (Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan
Publik, PermenPANRB 29/2022, `{pstd}`: six aspects weighted 25, 24, 18, 12, 11 and 10; 17
indicators scored 0–5; the index is on 0–5 with the `pekppp` bands A … F), as of 31 March
2026, for five units. Evidence as in `{kdir}/`; Semarang is verified on every item. The
shipped config names it as a `[[instruments]]` entry, so the report has a PEKPPP sheet.

"#,
        pdir = PEKPPP_DIR,
        pstd = PEKPPP_STANDARD,
        kdir = KOMPETISI_DIR,
    );
    assessment_table(&mut s, assessed.pekppp, false);
    let _ = write!(
        s,
        r#"
Score them with

```sh
cargo run --release -- assess --standard {pstd} samples/{pdir} --as-of 2026-03-31
```
"#,
        pstd = PEKPPP_STANDARD,
        pdir = PEKPPP_DIR,
    );
    let _ = write!(
        s,
        r#"
## SKM survey (`skm-2026-q1.csv`, made by hand, not by the generator)

Synthetic SKM export (PermenPANRB 14/2017): 300 respondents over 10 units of the CSV above,
`;`, CRLF, header `No. Responden;Unit Kerja;U1 Persyaratan;…;U9 Sarana dan Prasarana`,
answers 1–4, mostly 3–4 (U4 Biaya/Tarif almost always 4); Balai Besar POM di Kupang clearly
weaker (IKM 68.29, C). Two invalid cells: `5` on row 59 (U5) and `baik` on row 213 (U8).
`ulpk-eval skm samples/skm-2026-q1.csv` gives a national IKM of 86.25 (B).
"#
    );
    render_previous(&mut s, csv, assessed.q1, prev);
    s
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

fn list_or_none(v: &[&str]) -> String {
    if v.is_empty() {
        "(none)".into()
    } else {
        v.join(", ")
    }
}

/// One row per workbook: profile, self and verified scores, result band, minimum status.
fn assessment_table(s: &mut String, rows: &[Written], minimum: bool) {
    if minimum {
        let _ = writeln!(
            s,
            "| unit | profile | self score | verified score | result | minimum standard | flagged without evidence | invalid cells |\n|---|---|---:|---:|---|---|---:|---:|"
        );
    } else {
        let _ = writeln!(
            s,
            "| unit | profile | self score | verified score | result | flagged without evidence |\n|---|---|---:|---:|---|---:|"
        );
    }
    for a in rows {
        let _ = write!(
            s,
            "| {} | {} | {} | {} | {} |",
            a.unit,
            a.kind,
            num(a.self_total),
            num(a.verified_total),
            a.result()
        );
        if minimum {
            let status = if a.mandatory_failed.is_empty() {
                "memenuhi".to_string()
            } else {
                format!("belum memenuhi ({})", a.mandatory_failed.join(", "))
            };
            let _ = write!(s, " {status} |");
        }
        let _ = write!(s, " {} |", a.without_evidence);
        if minimum {
            let _ = write!(s, " {} |", a.invalid_cells);
        }
        s.push('\n');
    }
}

/// Per-unit answer quality (mean score) and SLA fulfilment (%) as `ulpk-eval report` printed
/// them with the two periods' configs (`ulpk-eval.toml`, `periode-sebelumnya/ulpk-eval.toml`):
/// (unit, quality Q4 2025, quality Q1 2026, SLA Q4 2025, SLA Q1 2026). Observed, not computed
/// here: rerun both reports and update this table after changing the generator or the rubric.
const QUALITY_OBSERVED: [(&str, f64, f64, f64, f64); 22] = [
    ("ULPK BPOM Pusat", 93.24, 91.65, 94.20, 95.60),
    ("Balai Besar POM di Jakarta", 89.06, 92.04, 89.70, 95.20),
    ("Balai Besar POM di Bandung", 96.75, 97.01, 98.80, 99.00),
    ("Balai Besar POM di Semarang", 89.15, 91.44, 95.50, 94.30),
    ("Balai Besar POM di Yogyakarta", 96.81, 97.00, 97.10, 98.40),
    ("Balai Besar POM di Surabaya", 90.36, 91.93, 97.80, 97.30),
    ("Balai Besar POM di Medan", 84.09, 89.85, 76.20, 96.40),
    ("Balai Besar POM di Makassar", 88.16, 88.91, 98.00, 89.80),
    ("Balai Besar POM di Denpasar", 90.40, 93.75, 97.90, 95.50),
    ("Balai Besar POM di Padang", 78.32, 91.02, 83.60, 91.00),
    ("Balai Besar POM di Palembang", 88.61, 89.32, 89.30, 88.20),
    ("Balai Besar POM di Pekanbaru", 90.28, 92.23, 96.70, 96.60),
    (
        "Balai Besar POM di Banjarmasin",
        92.78,
        92.38,
        100.00,
        93.90,
    ),
    ("Balai Besar POM di Pontianak", 88.15, 89.88, 92.30, 93.50),
    ("Balai Besar POM di Samarinda", 90.56, 92.49, 96.70, 93.90),
    ("Balai Besar POM di Manado", 89.94, 90.29, 85.20, 96.20),
    ("Balai Besar POM di Mataram", 91.74, 90.86, 96.90, 94.40),
    ("Balai Besar POM di Kupang", 72.62, 80.33, 75.00, 69.80),
    ("Balai Besar POM di Jayapura", 87.38, 83.60, 76.90, 66.10),
    ("Balai Besar POM di Ambon", 90.26, 75.91, 94.10, 92.90),
    ("Balai POM di Serang", 87.59, 86.19, 93.80, 91.80),
    ("Loka POM di Kabupaten Bogor", 85.81, 78.80, 89.50, 90.60),
];

/// The answer-quality grade of a unit's mean score, from the shipped rubric's bands.
fn quality_grade(bands: &[ulpk_eval::rubric::Band], v: f64) -> String {
    bands
        .iter()
        .find(|b| v >= b.min)
        .map(|b| b.grade.clone())
        .unwrap_or_default()
}

/// IKM per unit of the hand-made `skm-2026-q1.csv`, as `ulpk-eval skm` prints it.
const SKM_Q1: [(&str, f64); 10] = [
    ("ULPK BPOM Pusat", 88.74),
    ("Balai Besar POM di Jakarta", 82.49),
    ("Balai Besar POM di Bandung", 92.22),
    ("Balai Besar POM di Semarang", 89.09),
    ("Balai Besar POM di Yogyakarta", 92.13),
    ("Balai Besar POM di Surabaya", 90.07),
    ("Balai Besar POM di Medan", 86.39),
    ("Balai Besar POM di Makassar", 85.49),
    ("Balai Besar POM di Kupang", 68.29),
    ("Balai POM di Serang", 84.03),
];

fn moved(before: &str, after: &str) -> &'static str {
    // Grades sort A < B < …: a smaller letter is better.
    match before.cmp(after) {
        std::cmp::Ordering::Greater => "up",
        std::cmp::Ordering::Less => "down",
        std::cmp::Ordering::Equal => "",
    }
}

fn render_previous(s: &mut String, q1_csv: &FileInfo, q1: &[Written], prev: &Previous) {
    let t = prev.csv.tally;
    let _ = write!(
        s,
        r#"
## The previous period (`{dir}/`): Triwulan IV 2025

Inputs of the quarter before, so a report can compare two periods.
`{dir}/ulpk-eval.toml` (made by hand) is the config for that period: paths are
relative to it, the rubric and standard are the shipped ones (`../../rubrics/…`), and the
report goes to `reports/laporan-ulpk-2025-q4.xlsx`:

```sh
cargo run --release -- report --config samples/{dir}/ulpk-eval.toml
```

| file | what |
|---|---|
| `{csv}` | Simpel LPK export, same format as `{q1csv}`: {rows} data rows ({unique} unique tickets, {bytes} bytes), received 1 October – 31 December 2025, exported 8 January 2026 08:00, ticket numbers `LPK-2025-…` |
| `penilaian-mandiri/` | minimum-standard self-assessments of the same nine units as `penilaian-mandiri/`, as of 31 December 2025 |
| `{skm}` | SKM survey in the layout of `skm-2026-q1.csv`: {resp} respondents (`SKM-2025-0001` …, {skm_bytes} bytes) over the same ten units, generated |
| `ulpk-eval.toml` | the period's config (made by hand) |

### `{csv}`

Generated by the same code as `{q1csv}` (same columns, encoding, timing model,
texts), with its own random stream. Working days follow the tool's calendar: in this quarter
25 December (Natal) and 26 December 2025 (cuti bersama) are off, and answers that run into
January skip 1 January 2026. Units have the same relative volumes as in Q1 2026; some had another
quality profile (the profiles are those of the Q1 table above):

| unit | profile Q4 2025 | profile Q1 2026 |
|---|---|---|
"#,
        dir = PREV_DIR,
        csv = prev.csv.name,
        q1csv = CSV_NAME,
        rows = prev.csv.rows,
        unique = prev.csv.rows as u64 - t.count(Fault::DuplicateRow),
        bytes = prev.csv.bytes,
        skm = Q4_SKM_NAME,
        resp = prev.skm.respondents,
        skm_bytes = prev.skm.bytes,
    );
    for (name, p) in &Q4_2025_PROFILES {
        let own = UNITS
            .iter()
            .find(|u| u.name == *name)
            .map_or("", |u| u.profile.name);
        let _ = writeln!(s, "| {name} | {} | {own} |", p.name);
    }
    let _ = write!(
        s,
        r#"
Injected faults, exact counts (same meanings as above, except that the unparseable dates are
`31/11/2025 …`, `31/09/2025 …` and `kemarin`). Rate-based faults follow the units' profiles;
the fixed-count date and answer faults are fewer than in Q1:

| fault | count |
|---|---:|
"#
    );
    for f in Fault::ALL {
        let n = t.count(f);
        if n > 0 {
            let _ = writeln!(s, "| `{}` | {n} |", f.key());
        }
    }
    let _ = writeln!(
        s,
        "\nOther faults (`date_excel_serial`, …) do not occur. {} characters were replaced by `?`.\n",
        t.get("info", "chars_replaced")
    );
    let _ = write!(
        s,
        r#"A date-only answer date (`date_dash_date_only` in `Tanggal Dijawab`) on a ticket answered
the day it arrived reads as midnight, before the receipt time, so `ulpk-eval check` can report
one more "dates out of order" than `closed_before_received` counts.

"#
    );
    let _ = write!(
        s,
        r#"Answer quality and SLA fulfilment per unit as `ulpk-eval report` printed them for each
period (rows: data rows in the Simpel CSV; quality: the mean score of the unit's answers,
graded here with the rubric's bands A ≥ 85, B ≥ 70, C ≥ 55, D below; "up" = a better grade
in Q1 2026). Q1 2026 also has the SP4N-LAPOR! workbook, Q4 2025 the Simpel CSV only:

| unit | rows Q4 2025 | rows Q1 2026 | quality Q4 2025 | quality Q1 2026 | moved | SLA % Q4 2025 | SLA % Q1 2026 |
|---|---:|---:|---:|---:|---|---:|---:|
"#
    );
    let bands = ulpk_eval::rubric::Rubric::builtin()
        .map(|r| r.bands)
        .unwrap_or_default();
    for (unit, q4, q1, sla4, sla1) in QUALITY_OBSERVED {
        let (g4, g1) = (quality_grade(&bands, q4), quality_grade(&bands, q1));
        let _ = writeln!(
            s,
            "| {unit} | {} | {} | {q4:.2} ({g4}) | {q1:.2} ({g1}) | {} | {sla4:.2} | {sla1:.2} |",
            prev.csv.tally.get("unit", unit),
            q1_csv.tally.get("unit", unit),
            moved(&g4, &g1)
        );
    }
    let jayapura = "Balai Besar POM di Jayapura";
    let _ = write!(
        s,
        r#"
Medan and Padang (weaker profiles in Q4) improve into grade A; Ambon and the Bogor Loka (better
profiles in Q4) fall to B; Kupang, weaker still in Q4, improves in score but stays B.
{jayapura} has the same profile in both quarters and still changes grade: with
{n4} Simpel rows in Q4 2025 ({n1} in Q1 2026) a unit's mean moves by several points by chance
alone, which is worth remembering when comparing small units between periods.
"#,
        n4 = prev.csv.tally.get("unit", jayapura),
        n1 = q1_csv.tally.get("unit", jayapura),
    );
    let _ = write!(
        s,
        r#"
### `penilaian-mandiri/` (as of 31 December 2025)

The same standard and the same nine units as Q1 2026, other profiles; scored as written:

"#
    );
    assessment_table(s, prev.assessed, true);
    let _ = write!(
        s,
        r#"
Against Q1 2026 (result grade and zone; "up" = better in Q1 2026):

| unit | Q4 2025 | Q1 2026 | moved |
|---|---|---|---|
"#
    );
    for a in prev.assessed {
        let Some(b) = q1.iter().find(|b| b.unit == a.unit) else {
            continue;
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            a.unit,
            a.result(),
            b.result(),
            moved(&a.grade, &b.grade)
        );
    }
    let (row, el) = prev.skm.blank;
    let _ = write!(
        s,
        r#"
Score them with

```sh
cargo run --release -- assess --standard rubrics/standar-minimal-ulpk.toml samples/{dir}/penilaian-mandiri --as-of 2025-12-31
```

### `{skm}`

Generated (unlike `skm-2026-q1.csv`): {resp} respondents, {lo}–{hi} per unit, `;`, CRLF, the same
header, answers 1–4 around a per-unit mean (U4 Biaya/Tarif almost always 4). One blank cell (a
respondent skipped U{el}, on line {row} of the file, the header being line 1), which the tool
leaves out of that element's mean and reports. IKM per unit as the tool computes it
(25 × mean of the nine element means), against Q1 2026:

| unit | respondents | IKM Q4 2025 | IKM Q1 2026 | moved |
|---|---:|---:|---:|---|
"#,
        dir = PREV_DIR,
        skm = Q4_SKM_NAME,
        resp = prev.skm.respondents,
        lo = prev.skm.units.iter().map(|u| u.1).min().unwrap_or(0),
        hi = prev.skm.units.iter().map(|u| u.1).max().unwrap_or(0),
    );
    for (unit, n, ikm) in &prev.skm.units {
        let q1 = SKM_Q1.iter().find(|(u, _)| u == unit).map(|(_, v)| *v);
        let g4 = skm::grade(*ikm);
        let (q1s, mv) = match q1 {
            Some(v) => {
                let g1 = skm::grade(v);
                (format!("{v:.2} ({g1})"), moved(&g4, &g1))
            }
            None => ("–".into(), ""),
        };
        let _ = writeln!(s, "| {unit} | {n} | {ikm:.2} ({g4}) | {q1s} | {mv} |");
    }
    let _ = writeln!(
        s,
        "\nNational IKM (all respondents pooled): {:.2} ({}).",
        prev.skm.national,
        skm::grade(prev.skm.national)
    );
}

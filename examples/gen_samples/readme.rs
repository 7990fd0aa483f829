//! `samples/README.md`, written from the counts the generator collected while injecting.

use std::fmt::Write as _;

use crate::model::{
    Fault, SLA_COMPLAINT, SLA_DIRECT, SLA_LAPOR_COMPLAINT, SLA_LAPOR_INFO, SLA_LETTER, SlaClass,
    Tally,
};
use crate::units::UNITS;

pub struct FileInfo<'a> {
    pub name: &'a str,
    pub rows: usize,
    pub bytes: u64,
    pub tally: &'a Tally,
}

pub const CSV_NAME: &str = "simpel-lpk-2026-q1.csv";
pub const XLSX_NAME: &str = "sp4n-lapor-2026-q1.xlsx";

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

pub fn render(seed: u64, csv: &FileInfo, xlsx: &FileInfo, assessed: &[String]) -> String {
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
31 March 2026, one per unit with a profile so the results spread:

"#
    );
    for a in assessed {
        let _ = writeln!(s, "- {a}");
    }
    let _ = write!(
        s,
        r#"
`penilaian-mandiri-balai-pom-di-serang.ods` is not made by the generator: it is the Serang
workbook (profile "baik") opened and saved as ODS by LibreOffice Calc, to show that files
re-saved by LibreOffice are read back. Score them all with

```sh
cargo run --release -- assess --standard rubrics/standar-minimal-ulpk.toml samples/penilaian-mandiri --as-of 2026-03-31
```

## SKM survey (`skm-2026-q1.csv`, made by hand, not by the generator)

Synthetic SKM export (PermenPANRB 14/2017): 300 respondents over 10 units of the CSV above,
`;`, CRLF, header `No. Responden;Unit Kerja;U1 Persyaratan;…;U9 Sarana dan Prasarana`,
answers 1–4, mostly 3–4 (U4 Biaya/Tarif almost always 4); Balai Besar POM di Kupang clearly
weaker (IKM 68.29, C). Two invalid cells: `5` on row 59 (U5) and `baik` on row 213 (U8).
`ulpk-eval skm samples/skm-2026-q1.csv` gives a national IKM of 86.25 (B).
"#
    );
    s
}

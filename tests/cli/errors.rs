//! Bad input: a clear message naming the place, exit code 2, no output, inputs untouched.

use predicates::prelude::*;

use super::common::{bin, bytes, fixture};

#[test]
fn missing_file() {
    bin()
        .args(["score", "tidak-ada.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "galat: tidak-ada.csv: file tidak ditemukan",
        ));
}

#[test]
fn missing_required_column_lists_headers_and_aliases_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.csv");
    std::fs::write(
        &input,
        "No. Tiket,Unit Kerja,Isi\n1,Balai POM di Serang,halo\n",
    )
    .unwrap();
    let out = dir.path().join("skor.xlsx");
    bin()
        .args(["--lang", "en", "score"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "x.csv, row 1: required column not found:",
        ))
        .stderr(predicate::str::contains(
            "Headers found: \"No. Tiket\", \"Unit Kerja\", \"Isi\"",
        ))
        .stderr(predicate::str::contains(
            "answer (jawaban / tanggapan / respon",
        ));
    assert!(!out.exists(), "no output on error");
}

#[test]
fn no_header_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.csv");
    std::fs::write(&input, "a,b,c\n1,2,3\n").unwrap();
    bin()
        .arg("score")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "baris judul kolom tidak ditemukan",
        ));
}

#[test]
fn empty_and_unsupported_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("kosong.csv");
    std::fs::write(&empty, "").unwrap();
    bin()
        .arg("score")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kosong.csv: file kosong"));
    let doc = dir.path().join("laporan.docx");
    std::fs::write(&doc, "x").unwrap();
    bin()
        .arg("score")
        .arg(&doc)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("format \"docx\" tidak didukung"));
}

#[test]
fn corrupt_workbook_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("rusak.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    bin()
        .arg("score")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "rusak.xlsx: workbook tidak dapat dibuka",
        ));
}

#[test]
fn unknown_sheet_lists_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Data").unwrap();
    wb.save(&path).unwrap();
    bin()
        .args(["--lang", "en", "score", "--sheet", "Laporan"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no sheet \"Laporan\"; sheets: \"Data\"",
        ));
}

fn rubric_error(patch: impl Fn(String) -> String, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let text = patch(std::fs::read_to_string(fixture("rubrik-uji.toml")).unwrap());
    let rubric = dir.path().join("rubrik.toml");
    std::fs::write(&rubric, text).unwrap();
    bin()
        .args(["--lang", "en", "rubric"])
        .arg(&rubric)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(expected));
}

#[test]
fn rubric_errors_name_the_line() {
    // The [[criteria]] table of "baku" starts on line 14 of the fixture.
    rubric_error(
        |t| {
            t.replace(
                "kind = \"pattern\"\nweight = 10\nnone",
                "kind = \"regex\"\nweight = 10\nnone",
            )
        },
        "rubrik.toml, line 14: criteria \"baku\": unknown kind \"regex\"",
    );
    rubric_error(
        |t| t.replace("none = ['\\b(gak|udah|yg)\\b']", "none = ['(gak']"),
        // A pattern's error names the line of its key (`none =`, line 19), as TOML errors
        // name theirs.
        "rubrik.toml, line 19: criteria \"baku\".none: invalid regex \"(gak\": unclosed group",
    );
    rubric_error(
        |t| t.replace("min = 60", "min = 80"),
        "bands \"B\" overlaps \"A\" (line",
    );
    rubric_error(
        |t| t.replace("weight = 20\nwithin_chars", "weight = 20\nwithin_char"),
        "rubrik.toml, line 11: invalid TOML: unknown field `within_char`",
    );
    rubric_error(
        |t| {
            let mut s = t;
            for w in ["20", "10", "30"] {
                s = s.replace(&format!("weight = {w}\n"), "weight = 0\n");
            }
            s
        },
        "the criteria weights sum to 0",
    );
    rubric_error(
        |t| {
            t.replace(
                "[[criteria]]\nid = \"panjang\"",
                "[[criteria]]\nid = \"salam\"",
            )
        },
        "criteria \"salam\": duplicate id",
    );
    rubric_error(
        |t| t.replace("min_words = 8", "min_words = 8\nany = ['x']"),
        "criteria \"panjang\": key \"any\" does not apply to kind = \"length\"",
    );
}

#[test]
fn the_shipped_rubric_is_valid() {
    bin()
        .arg("rubric")
        .assert()
        .success()
        .stdout(predicate::str::contains("bpom-kualitas-jawaban"))
        .stdout(predicate::str::contains("Rubrik valid."));
}

#[test]
fn strict_exits_1_on_data_issues_and_inputs_stay_unchanged() {
    let input = fixture("jawaban-uji.csv");
    let before = bytes(&input);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.csv");
    let issues = dir.path().join("masalah.csv");
    bin()
        .args(["score", "--strict", "--rubric"])
        .arg(fixture("rubrik-uji.toml"))
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--issues")
        .arg(&issues)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Masalah data: 4"));
    assert!(out.exists(), "the results are still written");
    assert_eq!(bytes(&input), before, "input unchanged");
    let rows = super::common::read_csv(&issues);
    let kinds: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r["kind"].as_str(), r["row"].as_str(), r["column"].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("missing_date", "4", "Tanggal Dijawab"),
            ("date_outside_calendar", "6", "Tanggal Diterima"),
            ("date_outside_calendar", "6", "Tanggal Dijawab"),
            ("duplicate_id", "7", "No. Tiket"),
        ]
    );
    // Without --strict the same run succeeds.
    bin()
        .args(["score", "--rubric"])
        .arg(fixture("rubrik-uji.toml"))
        .arg(&input)
        .assert()
        .code(0);
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["score", "--by"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "galat: argumen '--by' tidak dikenal\n",
        ));
    bin()
        .arg("nilai")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "galat: perintah 'nilai' tidak dikenal; perintah yang ada: report, score",
        ));
    bin()
        .args(["--lang", "en", "nilai"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: unknown command 'nilai'; the commands are: report, score",
        ));
    bin()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Penggunaan: ulpk-eval"));
    // template needs --unit or --units, and says both.
    bin()
        .args([
            "template",
            "--standard",
            "rubrics/standar-minimal-ulpk.toml",
            "-o",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("argumen wajib belum diberikan:"))
        .stderr(predicate::str::contains("--unit <UNIT>|--units <UNITS>"));
    // check lists only its options.
    bin()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--issues"))
        .stdout(predicate::str::contains("--reviews").not());
}

#[test]
fn unit_list_and_date_order_issues() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.csv");
    std::fs::write(
        &input,
        "No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Tanggal Selesai;Isi Pertanyaan;Jawaban\n\
         1;BALAI  POM DI SERANG;Informasi;05/03/2026 10:00;04/03/2026 10:00;03/03/2026;Tanya obat;Selamat pagi\n\
         2;Balai POM di Atlantis;Saran;05/03/2026;06/03/2026;;Tanya;Selamat pagi\n",
    )
    .unwrap();
    let units = dir.path().join("unit.txt");
    std::fs::write(
        &units,
        "# daftar unit\nBalai POM di Serang\nLoka POM di Kabupaten Bogor\n",
    )
    .unwrap();
    let (rows, scored) =
        score_with_issues(dir.path(), &input, &["--units".as_ref(), units.as_ref()]);
    let got = issue_triples(&rows);
    assert_eq!(
        got,
        [
            (
                "date_order",
                "2",
                "2026-03-04 10:00:00 lebih awal dari tanggal diterima 2026-03-05 10:00:00"
            ),
            (
                "date_order",
                "2",
                "2026-03-03 00:00:00 lebih awal dari tanggal diterima 2026-03-05 10:00:00"
            ),
            (
                "unknown_unit",
                "3",
                "unit \"Balai POM di Atlantis\" tidak ada dalam daftar unit"
            ),
            (
                "unknown_service_type",
                "3",
                "jenis layanan \"Saran\" tidak dikenal (diharapkan Informasi atau Pengaduan; tambahkan alias dengan --aliases)"
            ),
        ]
    );
    // The unit takes the list's spelling; the SLA of a reversed pair is unverifiable.
    assert_eq!(scored[0]["unit"], "Balai POM di Serang");
    assert_eq!(scored[0]["ketepatan_waktu"], "unverifiable");
    assert_eq!(
        scored[0]["ketepatan_waktu_evidence"],
        "tanggal dijawab sebelum tanggal diterima"
    );
    // An unknown service type has no SLA target, and "tindak lanjut" cannot tell if it applies.
    assert_eq!(scored[1]["ketepatan_waktu"], "unverifiable");
    assert_eq!(scored[1]["tindak_lanjut"], "unverifiable");
}

/// Without `--units`, the built-in register is the unit list: an export's "BBPOM di
/// Bandung" is Balai Besar POM di Bandung; "ULPK BPOM Pusat" the central office; a
/// misspelt "Balai POM di Bandunk" is a data issue with the real unit suggested, and keeps
/// its own spelling (it counts nationally but is never ranked).
#[test]
fn the_built_in_register_is_the_default_unit_list() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.csv");
    std::fs::write(
        &input,
        "No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Isi Pertanyaan;Jawaban\n\
         1;BBPOM di Bandung;Informasi;05/03/2026 10:00;05/03/2026 11:00;Tanya obat;Selamat pagi\n\
         2;ULPK BPOM Pusat;Informasi;05/03/2026 10:00;05/03/2026 11:00;Tanya obat;Selamat pagi\n\
         3;Balai POM di Bandunk;Informasi;05/03/2026 10:00;05/03/2026 11:00;Tanya obat;Selamat pagi\n",
    )
    .unwrap();
    let (rows, scored) = score_with_issues(dir.path(), &input, &[]);
    let got = issue_triples(&rows);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].1), ("unknown_unit", "4"));
    // Three suggestions, the real unit first.
    let m = got[0].2;
    assert!(
        m.starts_with("unit \"Balai POM di Bandunk\" tidak ada dalam daftar unit; mungkin maksudnya: Balai Besar POM di Bandung; "),
        "{m}"
    );
    assert_eq!(m.matches("; ").count(), 3, "{m}");
    let units: Vec<&str> = scored.iter().map(|r| r["unit"].as_str()).collect();
    assert_eq!(
        units,
        [
            "Balai Besar POM di Bandung",
            "Badan POM",
            "Balai POM di Bandunk"
        ]
    );
}

type Rows = Vec<std::collections::HashMap<String, String>>;

/// `score INPUT ARGS --issues masalah.csv -o skor.csv` in `dir`, exit 0: the issues and the
/// scored rows read back.
fn score_with_issues(
    dir: &std::path::Path,
    input: &std::path::Path,
    args: &[&std::ffi::OsStr],
) -> (Rows, Rows) {
    let (issues, out) = (dir.join("masalah.csv"), dir.join("skor.csv"));
    bin()
        .arg("score")
        .arg(input)
        .args(args)
        .arg("--issues")
        .arg(&issues)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    (
        super::common::read_csv(&issues),
        super::common::read_csv(&out),
    )
}

/// (kind, row, message) of each issue row.
fn issue_triples(rows: &Rows) -> Vec<(&str, &str, &str)> {
    rows.iter()
        .map(|r| (r["kind"].as_str(), r["row"].as_str(), r["message"].as_str()))
        .collect()
}

#[test]
fn report_outside_the_repo_names_the_folder_and_config_flag() {
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().display().to_string();
    bin()
        .current_dir(dir.path())
        .arg("report")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "galat: berkas konfigurasi ulpk-eval.toml tidak ditemukan di folder {here}"
        )))
        .stderr(predicate::str::contains("--config BERKAS"));
    bin()
        .current_dir(dir.path())
        .args(["--lang", "en", "report"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "error: config file ulpk-eval.toml not found in the folder {here}"
        )))
        .stderr(predicate::str::contains("--config FILE"));
}

#[test]
fn sheet_name_ignores_case_and_a_missing_sheet_lists_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.csv");
    bin()
        .args(["score", "--sheet", "laporan"])
        .arg(fixture_sample("sp4n-lapor-2026-q1.xlsx"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    bin()
        .args(["check", "--sheet", "tidak-ada"])
        .arg(fixture_sample("sp4n-lapor-2026-q1.xlsx"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sheet \"tidak-ada\" tidak ada; sheet yang ada: \"Laporan\"",
        ));
}

fn fixture_sample(name: &str) -> std::path::PathBuf {
    super::common::root().join("samples").join(name)
}

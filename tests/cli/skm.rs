//! `ulpk-eval skm`: IKM per unit (PermenPANRB 14/2017), values computed by hand.
//!
//! IKM = 25 × Σ over the 9 elements of (element mean × 1/9), i.e. (Σ means) × 25 / 9.

use std::collections::HashMap;

use calamine::{Data, Reader, Xlsx, open_workbook};
use predicates::prelude::*;
use rust_xlsxwriter::Workbook;

use super::common::{bin, fixture, read_csv};

/// The output row of a unit.
fn unit<'a>(rows: &'a [HashMap<String, String>], name: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["unit"] == name)
        .unwrap_or_else(|| panic!("no unit {name}"))
}

fn means(row: &HashMap<String, String>) -> Vec<&str> {
    (1..=9).map(|i| row[&format!("u{i}")].as_str()).collect()
}

/// skm-uji.csv: 3 respondents, 2 units, every answer valid.
///
/// Units take the register's official names ("Balai POM di Serang" is Balai Besar POM di
/// Serang's former name).
///
/// - Balai POM di Serang, R1: all 4 → every mean 4.00, IKM 36 × 25 / 9 = 100.00, A.
/// - Balai Besar POM di Bandung, R2 `4 3 3 4 3 3 4 3 3` and R3 `3 3 3 4 3 3 3 3 4`: means
///   3.5 3 3 4 3 3 3.5 3 3.5, Σ 29.5, IKM 29.5 × 25 / 9 = 81.944… → 81.94, B.
/// - National, 3 respondents: element sums 11 10 10 12 10 10 11 10 11 over 3, Σ means
///   95/3, IKM 95/3 × 25 / 9 = 2375/27 = 87.963… → 87.96, B (one A unit, one B unit).
#[test]
fn ikm_per_unit_and_national_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ikm.csv");
    bin()
        .arg("skm")
        .arg(fixture("skm-uji.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("81.94"))
        .stdout(predicate::str::contains("B (Baik)"))
        .stdout(predicate::str::contains("100.00"))
        .stdout(predicate::str::contains("A (Sangat Baik)"))
        .stdout(predicate::str::contains(
            "Nasional (seluruh responden): 3 responden, IKM 87.96, mutu pelayanan B (Baik)",
        ))
        .stdout(predicate::str::contains(
            "U1 3.67, U2 3.33, U3 3.33, U4 4.00, U5 3.33, U6 3.33, U7 3.67, U8 3.33, U9 3.67",
        ))
        .stderr(predicate::str::contains("Tidak ada masalah data."));
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 3, "two units and the national line");
    let serang = unit(&rows, "Balai Besar POM di Serang");
    assert_eq!(serang["respondents"], "1");
    assert_eq!(means(serang), ["4.0"; 9]);
    assert_eq!(serang["ikm"], "100.0");
    assert_eq!(serang["grade"], "A");
    assert_eq!(serang["grade_label"], "Sangat Baik");
    let bandung = unit(&rows, "Balai Besar POM di Bandung");
    assert_eq!(bandung["respondents"], "2");
    assert_eq!(
        means(bandung),
        [
            "3.5", "3.0", "3.0", "4.0", "3.0", "3.0", "3.5", "3.0", "3.5"
        ]
    );
    assert_eq!(bandung["ikm"], "81.94");
    assert_eq!(bandung["grade"], "B");
    assert_eq!(
        rows[0]["unit"], "Balai Besar POM di Bandung",
        "units by name"
    );
    let national = &rows[2];
    assert_eq!(national["unit"], "Nasional (seluruh responden)");
    assert_eq!(national["respondents"], "3");
    assert_eq!(national["ikm"], "87.96");
    assert_eq!(national["grade"], "B");
}

/// skm-batas.csv: 5 respondents, three answer 3 and two answer 2 everywhere: every mean
/// 13/5 = 2.6, IKM 2.6 × 25 = 65.00 exactly, the lower bound of C (Kurang Baik).
#[test]
fn ikm_exactly_on_the_c_bound() {
    bin()
        .args(["--lang", "en", "skm"])
        .arg(fixture("skm-batas.csv"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "│ Balai Besar POM di Kupang ┆           5 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 2.60 ┆ 65.00 ┆ C (Kurang Baik) │",
        ))
        .stdout(predicate::str::contains(
            "National (all respondents): 5 respondents, IKM 65.00, service quality C (Kurang Baik)",
        ));
}

/// skm-masalah.csv: Windows-1252, `;`, two title rows (header on row 3), headers in
/// several styles ("U1", "Unsur 2", "Biaya/Tarif", "Produk", …), decimal commas.
///
/// Balai POM di Serang (rows 4–6): U1 4, "4,0", 3 → 11/3; U2 4, " 3 ", 3 → 10/3; U3 3, 3,
/// blank → 6/2 = 3 (blank left out, not 0); U4 4 4 4 → 4; U5 3, "5" (invalid), 3 → 6/2 = 3
/// (not 11/3); U6 11/3; U7 11/3; U8 3; U9 4, 4, "3.0" → 11/3. Σ = 54/3 + 13 = 31, IKM
/// 31 × 25 / 9 = 86.111… → 86.11, B.
/// Row 7 has no unit: left out everywhere.
/// Loka POM di Kabupaten Bogor (rows 8–9; now Balai POM di Bogor in the register): U2 "baik" and "0", no valid answer → no IKM;
/// U5 2 and "2,5" (invalid) → 2.
/// National (5 respondents): means 16/5, 10/3, 10/4, 18/5, 8/3, 16/5, 17/5, 13/5, 16/5,
/// Σ 27.7, IKM 27.7 × 25 / 9 = 76.944… → 76.94, B.
#[test]
fn invalid_and_blank_answers_cp1252_semicolon() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ikm.csv");
    let issues = dir.path().join("masalah.csv");
    bin()
        .arg("skm")
        .arg(fixture("skm-masalah.csv"))
        .arg("-o")
        .arg(&out)
        .arg("--issues")
        .arg(&issues)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "CSV ';' windows-1252, judul kolom di baris 3, 6 baris data",
        ))
        .stderr(predicate::str::contains("Masalah data: 7"))
        .stderr(predicate::str::contains(
            "skm-masalah.csv, baris 5, kolom \"Produk\": [Jawaban survei tidak valid] jawaban \"5\" bukan 1, 2, 3 atau 4: tidak dihitung dalam rata-rata U5 (Produk Spesifikasi Jenis Pelayanan)",
        ))
        .stdout(predicate::str::contains(
            "│ Balai POM di Bogor        ┆         2 ┆ 2.50 ┆    - ┆ 2.00 ┆ 3.00 ┆ 2.00 ┆ 2.50 ┆ 3.00 ┆ 2.00 ┆ 2.50 ┆     - ┆ -        │",
        ));
    let rows = read_csv(&out);
    let serang = unit(&rows, "Balai Besar POM di Serang");
    assert_eq!(serang["respondents"], "3");
    assert_eq!(
        means(serang),
        [
            "3.67", "3.33", "3.0", "4.0", "3.0", "3.67", "3.67", "3.0", "3.67"
        ]
    );
    assert_eq!(serang["ikm"], "86.11");
    assert_eq!(serang["grade"], "B");
    let bogor = unit(&rows, "Balai POM di Bogor");
    assert_eq!(bogor["respondents"], "2");
    assert_eq!(
        means(bogor),
        ["2.5", "", "2.0", "3.0", "2.0", "2.5", "3.0", "2.0", "2.5"]
    );
    assert_eq!(bogor["ikm"], "");
    assert_eq!(bogor["grade"], "");
    let national = &rows[2];
    assert_eq!(national["respondents"], "5");
    assert_eq!(
        means(national),
        [
            "3.2", "3.33", "2.5", "3.6", "2.67", "3.2", "3.4", "2.6", "3.2"
        ]
    );
    assert_eq!(national["ikm"], "76.94");
    assert_eq!(national["grade"], "B");

    let found: Vec<(String, String, String, String)> = read_csv(&issues)
        .into_iter()
        .map(|r| {
            (
                r["kind"].clone(),
                r["row"].clone(),
                r["column"].clone(),
                r["id"].clone(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    assert_eq!(
        found,
        [
            s("ikm_not_computed", "", "Unsur 2", ""),
            s("invalid_survey_answer", "5", "Produk", "R02"),
            s("missing_survey_answer", "6", "U3 Waktu Penyelesaian", "R03"),
            s("missing_unit", "7", "Unit Kerja", "R04"),
            s("invalid_survey_answer", "8", "Unsur 2", "R05"),
            s("invalid_survey_answer", "9", "Unsur 2", "R06"),
            s("invalid_survey_answer", "9", "Produk", "R06"),
        ]
    );
}

#[test]
fn strict_exits_1_on_data_issues() {
    bin()
        .args(["skm", "--strict"])
        .arg(fixture("skm-masalah.csv"))
        .assert()
        .code(1);
    bin()
        .args(["skm", "--strict"])
        .arg(fixture("skm-uji.csv"))
        .assert()
        .code(0);
}

#[test]
fn xlsx_output_uses_element_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ikm.xlsx");
    bin()
        .arg("skm")
        .arg(fixture("skm-masalah.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Hasil ditulis ke"));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["IKM per Unit", "Masalah Data"]);
    let r = wb.worksheet_range("IKM per Unit").unwrap();
    let headers = super::common::header_row(&r);
    assert_eq!(
        headers,
        [
            "Unit",
            "Jumlah Responden",
            "U1 Persyaratan",
            "U2 Sistem, Mekanisme dan Prosedur",
            "U3 Waktu Penyelesaian",
            "U4 Biaya/Tarif",
            "U5 Produk Spesifikasi Jenis Pelayanan",
            "U6 Kompetensi Pelaksana",
            "U7 Perilaku Pelaksana",
            "U8 Penanganan Pengaduan, Saran dan Masukan",
            "U9 Sarana dan Prasarana",
            "IKM",
            "Mutu Pelayanan",
            "Kinerja Unit Pelayanan",
        ]
    );
    assert_eq!(
        r.get_value((1, 0)),
        Some(&Data::String("Balai Besar POM di Serang".into()))
    );
    assert_eq!(r.get_value((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(r.get_value((1, 2)), Some(&Data::Float(3.67)));
    assert_eq!(r.get_value((1, 11)), Some(&Data::Float(86.11)));
    assert_eq!(r.get_value((1, 12)), Some(&Data::String("B".into())));
    assert_eq!(r.get_value((1, 13)), Some(&Data::String("Baik".into())));
    // Bogor: no U2 mean, no IKM.
    assert_eq!(r.get_value((2, 3)), Some(&Data::Empty));
    assert_eq!(r.get_value((2, 11)), Some(&Data::Empty));
    assert_eq!(
        r.get_value((3, 0)),
        Some(&Data::String("Nasional (seluruh responden)".into()))
    );
    assert_eq!(r.get_value((3, 11)), Some(&Data::Float(76.94)));
    let issues = wb.worksheet_range("Masalah Data").unwrap();
    assert_eq!(issues.height(), 8, "header and 7 issues");
}

/// A workbook with title rows, "Unsur n" headers and number cells (4.0 is 4); a 5 on row 5.
/// Unit Balai POM di Serang, rows 4–5: `4 … 4` and `3 3 3 3 5 3 3 3 3`: U5 = 4 (the 5 left
/// out), the others 3.5; Σ = 8 × 3.5 + 4 = 32, IKM 32 × 25 / 9 = 88.888… → 88.89, A.
#[test]
fn xlsx_input_with_number_cells() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("survei.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Responden").unwrap();
    ws.write_string(0, 0, "Hasil SKM Triwulan I 2026").unwrap();
    ws.write_string(2, 0, "Responden").unwrap();
    ws.write_string(2, 1, "Satker").unwrap();
    for j in 1..=9u16 {
        ws.write_string(2, j + 1, format!("Unsur {j}")).unwrap();
    }
    ws.write_number(3, 0, 1).unwrap();
    ws.write_string(3, 1, "Balai POM di Serang").unwrap();
    ws.write_number(4, 0, 2).unwrap();
    ws.write_string(4, 1, "Balai POM di Serang").unwrap();
    for j in 1..=9u16 {
        ws.write_number(3, j + 1, 4.0).unwrap();
        ws.write_number(4, j + 1, if j == 5 { 5.0 } else { 3.0 })
            .unwrap();
    }
    wb.save(&input).unwrap();
    let out = dir.path().join("ikm.csv");
    bin()
        .args(["skm", "--sheet", "Responden"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "survei.xlsx, sheet \"Responden\", baris 5, kolom \"Unsur 5\": [Jawaban survei tidak valid] jawaban \"5\"",
        ));
    let rows = read_csv(&out);
    let serang = unit(&rows, "Balai Besar POM di Serang");
    assert_eq!(
        means(serang),
        [
            "3.5", "3.5", "3.5", "3.5", "4.0", "3.5", "3.5", "3.5", "3.5"
        ]
    );
    assert_eq!(serang["ikm"], "88.89");
    assert_eq!(serang["grade"], "A");
}

#[test]
fn missing_element_column_exits_2_and_lists_the_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("survei.csv");
    std::fs::write(
        &input,
        "Unit Kerja;U1;U2;U3;U4;U5;U6;U7;U8\nBalai POM di Serang;4;4;4;4;4;4;4;4\n",
    )
    .unwrap();
    let out = dir.path().join("ikm.xlsx");
    bin()
        .args(["--lang", "en", "skm"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "row 1: required column not found: u9.",
        ))
        .stderr(predicate::str::contains("U9 Sarana dan Prasarana"));
    assert!(!out.exists(), "no output on error");
}

/// Survey names meet the register: "BBPOM Bandung" and "balai besar pom di  bandung" are
/// one unit under its official name; "Balai POM di Bandunk" is no unit, a data issue
/// naming its row with the real unit suggested (its respondent still counts nationally);
/// with `--units` a user's own list replaces the register.
#[test]
fn survey_units_meet_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("survei.csv");
    std::fs::write(
        &input,
        "Unit Kerja;U1;U2;U3;U4;U5;U6;U7;U8;U9\n\
         BBPOM Bandung;4;4;4;4;4;4;4;4;4\n\
         balai besar pom di  bandung;3;3;3;3;3;3;3;3;3\n\
         Balai POM di Bandunk;2;2;2;2;2;2;2;2;2\n",
    )
    .unwrap();
    let out = dir.path().join("ikm.csv");
    bin()
        .arg("skm")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Masalah data: 1"))
        .stderr(predicate::str::contains(
            "survei.csv, baris 4, kolom \"Unit Kerja\": [Unit tidak dikenal] unit \"Balai POM di Bandunk\" tidak ada dalam daftar unit; mungkin maksudnya: Balai Besar POM di Bandung",
        ));
    let rows = read_csv(&out);
    let bandung = unit(&rows, "Balai Besar POM di Bandung");
    assert_eq!(bandung["respondents"], "2");
    assert_eq!(bandung["ikm"], "87.5", "means 3.5 × 9 × 25 / 9");
    let national = unit(&rows, "Nasional (seluruh responden)");
    assert_eq!(national["respondents"], "3");

    // A user's list: Bandunk is one of its units, the register's spellings are not.
    let list = dir.path().join("unit.txt");
    std::fs::write(&list, "Balai POM di Bandunk\n").unwrap();
    bin()
        .arg("skm")
        .arg(&input)
        .arg("--units")
        .arg(&list)
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Masalah data: 2"))
        .stderr(predicate::str::contains(
            "baris 2, kolom \"Unit Kerja\": [Unit tidak dikenal] unit \"BBPOM Bandung\" tidak ada dalam daftar unit",
        ));
}

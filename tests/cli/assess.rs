//! Self-assessment: template round trip (generate → fill → read → score), a workbook
//! re-saved by LibreOffice, and problems pointed to their cell.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use ulpk_eval::assess::{read, template};
use ulpk_eval::issues::IssueKind;
use ulpk_eval::standard::score::score;
use ulpk_eval::standard::{self, CellValue, Standard};

use super::common::fixture;

fn std() -> Standard {
    standard::load(&fixture("standar-uji.toml")).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn text(s: &str) -> Option<CellValue> {
    Some(CellValue::Text(s.into()))
}

/// The answers of the hand-computed case in `src/standard/score.rs`: self total 80.0,
/// S-01 (mandatory) only half met, L-01 met without evidence.
fn filled(path: &Path, l01: &str) {
    let mut p = HashMap::new();
    let mut put = |code: &str, v: Option<CellValue>, evidence: &str| {
        p.insert(
            code.to_string(),
            template::Prefill {
                self_value: v,
                evidence: evidence.into(),
                ..Default::default()
            },
        );
    };
    put("L-01", text(l01), "");
    put("L-02", text("1 – Draf"), "SOP draf.pdf");
    put("L-03", text("N/A"), "");
    put("S-01", Some(CellValue::Number(1.0)), "daftar.xlsx");
    put("S-02", Some(CellValue::Date(d(2025, 5, 1))), "");
    template::write(&std(), "Balai POM di Serang", &p, path).unwrap();
}

fn check_scores(f: &read::Filled) {
    assert_eq!(f.unit, "Balai POM di Serang");
    let o = score(&std(), &f.answers, d(2026, 3, 31));
    assert!(
        (o.self_total.unwrap() - 80.0).abs() < 1e-9,
        "{:?}",
        o.self_total
    );
    assert_eq!(o.band.as_ref().map(|b| b.grade.as_str()), Some("B"));
    assert_eq!(o.mandatory_failed, vec!["S-01".to_string()]);
    assert_eq!(f.cells["L-01"], "G6");
    assert_eq!(f.cells["S-02"], "G11");
    let kinds: Vec<(IssueKind, String)> = f
        .issues
        .iter()
        .map(|i| (i.kind, i.location.cell.clone().unwrap_or_default()))
        .collect();
    assert_eq!(kinds, vec![(IssueKind::MissingEvidence, "H6".to_string())]);
}

#[test]
fn template_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("serang.xlsx");
    filled(&path, "ya ");
    let f = read::read(&path, &std()).unwrap();
    assert_eq!(f.sheet, "Penilaian");
    check_scores(&f);
}

/// `tests/fixtures/penilaian-libreoffice.ods` is the round-trip workbook above, opened and
/// saved as ODS by LibreOffice Calc (`soffice --headless --convert-to ods`).
#[test]
fn workbook_saved_by_libreoffice() {
    let f = read::read(&fixture("penilaian-libreoffice.ods"), &std()).unwrap();
    check_scores(&f);
}

#[test]
fn invalid_answer_names_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("serang.xlsx");
    filled(&path, "mungkin");
    let f = read::read(&path, &std()).unwrap();
    let bad = f
        .issues
        .iter()
        .find(|i| i.kind == IssueKind::InvalidAnswer)
        .expect("an invalid answer issue");
    assert_eq!(bad.location.sheet.as_deref(), Some("Penilaian"));
    assert_eq!(bad.location.cell.as_deref(), Some("G6"));
    assert_eq!(
        bad.message.en,
        "\"mungkin\" is invalid: expected Ya or Tidak"
    );
    assert_eq!(bad.record_id.as_deref(), Some("L-01"));
    // The invalid answer counts as unanswered: a mandatory item not met.
    let o = score(&std(), &f.answers, d(2026, 3, 31));
    assert_eq!(
        o.mandatory_failed,
        vec!["L-01".to_string(), "S-01".to_string()]
    );
}

#[test]
fn another_standard_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("serang.xlsx");
    filled(&path, "Ya");
    let other = standard::parse(
        &std::fs::read_to_string(fixture("standar-uji.toml"))
            .unwrap()
            .replace("version = \"1\"", "version = \"2\""),
        Path::new("uji-v2.toml"),
    )
    .unwrap();
    let err = read::read(&path, &other).unwrap_err();
    assert!(
        err.render(ulpk_eval::i18n::Lang::En).ends_with(
            "sheet \"_meta\": this workbook is for standard uji version 1, not uji version 2"
        ),
        "{}",
        err.render(ulpk_eval::i18n::Lang::En)
    );
}

fn assess_cmd(inputs: &[&Path], out: &Path) -> assert_cmd::assert::Assert {
    let mut c = super::common::bin();
    c.args([
        "assess",
        "--standard",
        "rubrics/standar-minimal-ulpk.toml",
        "--as-of",
        "2026-03-31",
    ]);
    for i in inputs {
        c.arg(i);
    }
    c.arg("-o").arg(out).assert()
}

#[test]
fn samples_assessed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hasil.csv");
    let samples = super::common::root().join("samples/penilaian-mandiri");
    assess_cmd(&[&samples], &out).success();
    let rows = super::common::read_csv(&out);
    assert_eq!(rows.len(), 10, "nine generated workbooks and one ODS");
    let unit = |name: &str| rows.iter().find(|r| r["unit"] == name).unwrap();
    let bandung = unit("Balai Besar POM di Bandung");
    assert_eq!(bandung["self_score"], "100.0");
    assert_eq!(bandung["verified_score"], "100.0");
    assert_eq!(bandung["grade"], "A");
    assert_eq!(bandung["status"], "Memenuhi Standar Minimal");
    let kupang = unit("Balai Besar POM di Kupang");
    assert_eq!(kupang["status"], "Belum Memenuhi Standar Minimal");
    assert_eq!(kupang["mandatory_failed"], "SDM-02, EVL-03");
    // The workbook LibreOffice saved as ODS is read like the others.
    assert!(unit("Balai Besar POM di Serang")["file"].ends_with(".ods"));
}

#[test]
fn one_bad_workbook_never_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let samples = super::common::root().join("samples/penilaian-mandiri");
    let good = samples.join("penilaian-mandiri-balai-besar-pom-di-bandung.xlsx");
    std::fs::copy(&good, dir.path().join("a-bandung.xlsx")).unwrap();
    std::fs::copy(&good, dir.path().join("b-bandung-lagi.xlsx")).unwrap();
    std::fs::copy(
        samples.join("penilaian-mandiri-balai-besar-pom-di-kupang.xlsx"),
        dir.path().join("d-kupang.xlsx"),
    )
    .unwrap();
    std::fs::write(dir.path().join("c-rusak.xlsx"), b"PK\x03\x04 rusak").unwrap();
    std::fs::write(dir.path().join("~$a-bandung.xlsx"), b"lock").unwrap();
    let out = dir.path().join("hasil.xlsx");
    assess_cmd(&[dir.path()], &out)
        .success()
        .stderr(predicates::str::contains(
            "c-rusak.xlsx: [Workbook tidak dapat dinilai] workbook tidak dapat dibuka",
        ))
        // Two workbooks for Bandung: each names the other, neither is counted.
        .stderr(predicates::str::contains("a-bandung.xlsx: [Unit ganda] workbook ini dan"))
        .stderr(predicates::str::contains(
            "b-bandung-lagi.xlsx sama-sama untuk unit \"Balai Besar POM di Bandung\"; tidak ada yang dihitung",
        ))
        .stderr(predicates::str::contains("b-bandung-lagi.xlsx: [Unit ganda] workbook ini dan"));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(
        wb.sheet_names(),
        ["Ringkasan Unit", "Daftar Celah", "Masalah Validasi"]
    );
    let r = wb.worksheet_range("Ringkasan Unit").unwrap();
    assert_eq!(
        r.height(),
        2,
        "Kupang only: Bandung's two workbooks both left out"
    );
    assert_eq!(
        r.get_value((1, 0)),
        Some(&calamine::Data::String("Balai Besar POM di Kupang".into()))
    );
}

#[test]
fn invalid_answers_in_the_bogor_sample_point_to_cells() {
    let path = super::common::root()
        .join("samples/penilaian-mandiri/penilaian-mandiri-loka-pom-di-kabupaten-bogor.xlsx");
    let std =
        standard::load(&super::common::root().join("rubrics/standar-minimal-ulpk.toml")).unwrap();
    let f = read::read(&path, &std).unwrap();
    let mut bad: Vec<(String, String)> = f
        .issues
        .iter()
        .filter(|i| i.kind == IssueKind::InvalidAnswer)
        .map(|i| {
            (
                i.record_id.clone().unwrap_or_default(),
                i.location.cell.clone().unwrap_or_default(),
            )
        })
        .collect();
    bad.sort();
    let expected: Vec<(String, String)> = ["EVL-03", "SDM-02", "SP-03"]
        .iter()
        .map(|c| (c.to_string(), f.cells[*c].clone()))
        .collect();
    assert_eq!(bad, expected);
    assert_eq!(f.cells["SP-03"], "G8");
}

/// The template's XML: dropdowns on both value cells of every item, the sheet protected
/// without a password, the key row and the meta sheet hidden.
#[test]
fn template_has_dropdowns_protection_and_hidden_parts() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kosong.xlsx");
    template::write(&std(), "Balai POM di Serang", &HashMap::new(), &path).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    assert!(
        workbook.contains(r#"<sheet name="_meta" sheetId="3" state="hidden""#),
        "{workbook}"
    );
    // Sheet 2 is "Penilaian".
    let sheet = part("xl/worksheets/sheet2.xml");
    assert_eq!(
        sheet.matches("<dataValidation ").count(),
        10,
        "5 items × 2 value cells"
    );
    assert!(sheet.contains(r#"<formula1>"Ya,Tidak"</formula1>"#));
    assert!(sheet.contains(r#"<formula1>"0 – Belum ada,1 – Draf,2 – Ditetapkan"</formula1>"#));
    assert!(
        sheet.contains(r#"<formula1>"Ya,Tidak,N/A"</formula1>"#),
        "L-03 allows N/A"
    );
    assert!(sheet.contains("<sheetProtection "));
    assert!(!sheet.contains("password="), "no password");
    assert!(sheet.contains(r#"<row r="3" "#) && sheet.contains(r#"hidden="1""#));
    let styles = part("xl/styles.xml");
    assert!(
        styles.contains(r#"<protection locked="0"/>"#),
        "input cells unlocked"
    );
}

/// A workbook laid out by hand the way a coordinator might leave it: rows sorted in
/// another order, a note row inserted, an extra column on the left, codes in lower case.
/// Items are found by code through the hidden key row, not by position.
#[test]
fn rows_moved_sorted_and_notes_inserted() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diubah.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Penilaian Serang").unwrap();
    // Keys on row 2, shifted one column right by an inserted column A.
    let keys = [
        "",
        "code",
        "aspect",
        "item",
        "self_value",
        "evidence",
        "verified_value",
    ];
    for (c, k) in keys.iter().enumerate() {
        ws.write_string(1, c as u16, *k).unwrap();
    }
    let rows: [(&str, &str, &str); 6] = [
        ("s-02", "15/05/2025", ""),
        ("L-02", "ditetapkan", "SOP.pdf"),
        ("", "Catatan: SOP baru disahkan Februari", ""),
        ("L-01", "YA ", "foto.jpg"),
        ("S-01", "2,0", "daftar.xlsx"),
        ("L-03", "n/a", ""),
    ];
    for (i, (code, value, evidence)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_string(r, 0, "x").unwrap();
        ws.write_string(r, 1, *code).unwrap();
        ws.write_string(r, 4, *value).unwrap();
        ws.write_string(r, 5, *evidence).unwrap();
    }
    let meta = wb.add_worksheet();
    meta.set_name("_meta").unwrap();
    for (r, (k, v)) in [
        ("format", "ulpk-eval-penilaian-mandiri/1"),
        ("standard_id", "uji"),
        ("standard_version", "1"),
        ("unit", "Balai POM di Serang"),
    ]
    .iter()
    .enumerate()
    {
        meta.write_string(r as u32, 0, *k).unwrap();
        meta.write_string(r as u32, 1, *v).unwrap();
    }
    wb.save(&path).unwrap();

    let f = read::read(&path, &std()).unwrap();
    assert_eq!(f.sheet, "Penilaian Serang");
    assert!(f.issues.is_empty(), "{:?}", f.issues);
    assert_eq!(f.cells["L-01"], "E8");
    assert_eq!(f.cells["S-02"], "E5");
    let o = score(&std(), &f.answers, d(2026, 3, 31));
    // Everything met (L-03 N/A): layanan 3/3, sdm 2/2 → 100, minimum met.
    assert!(
        (o.self_total.unwrap() - 100.0).abs() < 1e-9,
        "{:?}",
        o.self_total
    );
    assert!(o.meets_minimum());
}

/// `template` matches unit names to the register: any spelling of a registered unit gets
/// the workbook under its official name, an unknown name is refused with the closest
/// official names, and a second run never overwrites a workbook the unit may have filled.
#[test]
fn template_uses_the_register_and_never_overwrites() {
    use predicates::str::contains;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("penilaian");
    let template = |unit: &str| {
        let mut c = super::common::bin();
        c.args(["template", "--standard"])
            .arg(fixture("standar-uji.toml"))
            .args(["--unit", unit, "-o"])
            .arg(&out);
        c
    };
    template("balai pom di ambon")
        .assert()
        .success()
        .stderr(contains("\"Balai POM di Ambon\""));
    let path = out.join("penilaian-mandiri-balai-pom-di-ambon.xlsx");
    assert_eq!(
        read::read(&path, &std()).unwrap().unit,
        "Balai POM di Ambon"
    );

    // Misspelt: refused, the real unit suggested, nothing written.
    template("Balai POM di Ambn")
        .assert()
        .code(2)
        .stderr(contains("mungkin maksudnya: Balai POM di Ambon"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    template("Balai POM di Ambn")
        .arg("--allow-unknown-unit")
        .assert()
        .success();
    assert!(
        out.join("penilaian-mandiri-balai-pom-di-ambn.xlsx")
            .exists()
    );

    // The unit filled its workbook: the same command again leaves it byte-identical.
    filled(&path, "Ya");
    let before = super::common::bytes(&path);
    template("Balai POM di Ambon")
        .assert()
        .code(2)
        .stderr(contains("--force"));
    assert_eq!(super::common::bytes(&path), before);
    template("Balai POM di Ambon")
        .arg("--force")
        .assert()
        .success();
    assert_ne!(super::common::bytes(&path), before);

    // A unit listed twice, in two spellings: one workbook, one warning.
    let list = dir.path().join("unit.txt");
    std::fs::write(&list, "BBPOM Bandung\nBalai Besar POM di Bandung\n").unwrap();
    let two = dir.path().join("dua");
    super::common::bin()
        .args(["template", "--standard"])
        .arg(fixture("standar-uji.toml"))
        .arg("--units")
        .arg(&list)
        .arg("-o")
        .arg(&two)
        .assert()
        .success()
        .stderr(contains("disebut lebih dari sekali"));
    let files: Vec<_> = std::fs::read_dir(&two).unwrap().collect();
    assert_eq!(files.len(), 1);
    assert!(
        two.join("penilaian-mandiri-balai-besar-pom-di-bandung.xlsx")
            .exists()
    );
}

/// `assess` matches each workbook's unit to the register (the default unit list): two
/// workbooks for one unit in two spellings are one unit's two workbooks (both named,
/// neither counted), and a workbook for a name the register does not know is scored but
/// reported with the closest official name.
#[test]
fn assessed_units_meet_the_register() {
    use predicates::str::contains;
    let dir = tempfile::tempdir().unwrap();
    let empty = HashMap::new();
    for (unit, file) in [
        ("BBPOM Bandung", "a.xlsx"),
        ("Balai Besar POM di Bandung", "b.xlsx"),
        ("Balai POM di Ambn", "c.xlsx"),
        ("Balai POM di Serang", "d.xlsx"),
    ] {
        template::write(&std(), unit, &empty, &dir.path().join(file)).unwrap();
    }
    let out = dir.path().join("hasil.csv");
    super::common::bin()
        .args(["assess", "--standard"])
        .arg(fixture("standar-uji.toml"))
        .args(["--as-of", "2026-03-31"])
        .arg(dir.path())
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("b.xlsx sama-sama untuk unit \"Balai Besar POM di Bandung\""))
        .stderr(contains(
            "c.xlsx: [Unit tidak dikenal] unit \"Balai POM di Ambn\" tidak ada dalam daftar unit; mungkin maksudnya: Balai POM di Ambon",
        ));
    let rows = super::common::read_csv(&out);
    let units: Vec<&str> = rows.iter().map(|r| r["unit"].as_str()).collect();
    // Serang under its official name; Bandung not at all; Ambn as written.
    assert_eq!(units, ["Balai Besar POM di Serang", "Balai POM di Ambn"]);
}

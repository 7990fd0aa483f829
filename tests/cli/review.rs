//! The reviewer workflow: `sample`.

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::common::{bin, bytes, header_row};

fn sample(out: &std::path::Path, seed: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .args([
            "sample",
            "samples/simpel-lpk-2026-q1.csv",
            "samples/sp4n-lapor-2026-q1.xlsx",
            "--n",
            "200",
            "--by",
            "unit",
            "--seed",
            seed,
            "--reviewers",
            "ani,budi,citra",
            "--overlap",
            "0.2",
            "-o",
        ])
        .arg(out)
        .args(extra)
        .assert()
}

/// Rows of a review sheet below the headers, with the column keys of the hidden row.
fn review_rows(path: &std::path::Path) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let r = wb.worksheet_range("Review").unwrap();
    let keys: Vec<String> = r
        .rows()
        .nth(2)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    (keys, r.rows().skip(4).map(|row| row.to_vec()).collect())
}

#[test]
fn stratified_sample_split_over_reviewers_with_calibration_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review");
    sample(&out, "2026", &[]).success();

    let mut ov: Xlsx<_> = open_workbook(out.join("sampel.xlsx")).unwrap();
    let o = ov.worksheet_range("Sampel").unwrap();
    let h = header_row(&o);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    assert_eq!(o.height() - 1, 200);
    // Every one of the 22 units is a stratum with at least one answer drawn.
    let mut units: Vec<String> = o
        .rows()
        .skip(1)
        .map(|r| r[col("Unit")].to_string())
        .collect();
    units.sort();
    units.dedup();
    assert_eq!(units.len(), 22);
    let shared = o
        .rows()
        .skip(1)
        .filter(|r| r[col("Reviewer")] == "ani, budi, citra")
        .count();
    assert_eq!(shared, 40, "20% of 200 to every reviewer");

    let mut ids_per_reviewer = Vec::new();
    for who in ["ani", "budi", "citra"] {
        let (keys, rows) = review_rows(&out.join(format!("review-{who}.xlsx")));
        let k = |name: &str| keys.iter().position(|x| x == name).unwrap();
        assert!(keys.contains(&"manual:akurasi".to_string()), "{keys:?}");
        let calibration = rows.iter().filter(|r| r[k("calibration")] == "Ya").count();
        assert_eq!(calibration, 40);
        // 160 answers dealt out: 54 + 53 + 53.
        assert!([94, 93].contains(&rows.len()), "{who}: {}", rows.len());
        // Personal data is masked in what the reviewer reads.
        for r in &rows {
            let q = r[k("question")].to_string();
            assert!(!regex_lite_email(&q), "unmasked e-mail in {q}");
        }
        ids_per_reviewer.push(
            rows.iter()
                .map(|r| r[k("id")].to_string())
                .collect::<Vec<_>>(),
        );
    }
    let total: usize = ids_per_reviewer.iter().map(Vec::len).sum();
    assert_eq!(total, 160 + 3 * 40);

    // The dropdown offers the rubric's scale and N/A.
    use std::io::Read;
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(out.join("review-ani.xlsx")).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet2.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("<formula1>\"0,1,2,N/A\"</formula1>"),
        "dropdown"
    );
    assert!(sheet.contains("<sheetProtection"), "protected");
}

/// A crude e-mail check without a regex dependency in the tests.
fn regex_lite_email(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
    })
}

#[test]
fn same_seed_same_workbooks_and_filled_sheets_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    sample(&a, "2026", &[]).success();
    sample(&b, "2026", &[]).success();
    for f in ["review-ani.xlsx", "review-citra.xlsx", "sampel.xlsx"] {
        assert_eq!(bytes(&a.join(f)), bytes(&b.join(f)), "{f}");
    }
    // A second run into the same folder would overwrite reviewers' work: refused.
    let before = bytes(&a.join("review-ani.xlsx"));
    sample(&a, "2026", &[])
        .code(2)
        .stderr(predicates::str::contains("review-ani.xlsx"))
        .stderr(predicates::str::contains("--force"));
    assert_eq!(before, bytes(&a.join("review-ani.xlsx")));
    // Another seed draws another sample.
    sample(&a, "7", &["--force"]).success();
    assert_ne!(before, bytes(&a.join("review-ani.xlsx")));
}

#[test]
fn impossible_samples_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args([
            "sample",
            "samples/sp4n-lapor-2026-q1.xlsx",
            "--n",
            "10",
            "--by",
            "unit,channel",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--min-per-stratum"));
    bin()
        .args([
            "sample",
            "samples/sp4n-lapor-2026-q1.xlsx",
            "--n",
            "10",
            "--overlap",
            "1.5",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--overlap"));
}

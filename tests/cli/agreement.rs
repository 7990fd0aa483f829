//! `ulpk-eval agreement`: the automatic criteria against human verdicts, on the labelled
//! evaluation set (`samples/berlabel/`) and through filled review workbooks.

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use super::common::{bin, header_row};

/// (criterion label, split) → (n, agreement %, kappa), from the "Kesepakatan" sheet.
fn figures(path: &std::path::Path) -> std::collections::HashMap<(String, String), (f64, f64, f64)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let r = wb.worksheet_range("Kesepakatan").unwrap();
    let h = header_row(&r);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let (c, s, n, a, k) = (
        col("Kriteria"),
        col("Bagian data"),
        col("Jawaban dinilai"),
        col("Kesepakatan (%)"),
        col("Cohen's κ"),
    );
    let num = |d: &Data| d.as_f64().unwrap_or(f64::NAN);
    r.rows()
        .skip(1)
        .map(|row| {
            (
                (row[c].to_string(), row[s].to_string()),
                (num(&row[n]), num(&row[a]), num(&row[k])),
            )
        })
        .collect()
}

fn agreement(args: &[&str], out: &std::path::Path) {
    bin()
        .arg("agreement")
        .args(args)
        .arg("-o")
        .arg(out)
        .args(["--show", "0"])
        .assert()
        .success();
}

/// The shipped rubric on the labelled set. The targets of the issue are agreement ≥ 90 %
/// and κ ≥ 0.80 on every criterion but relevance (≥ 80 %, κ ≥ 0.65). The floors below are
/// what the rubric reaches on the held-out test split when this was written (see the
/// README); a change that makes a criterion agree less with the labels fails here.
#[test]
fn labelled_set_agreement_on_both_splits() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kesepakatan.xlsx");
    agreement(&["samples/berlabel/berlabel.csv"], &out);
    let f = figures(&out);
    let floors = [
        ("Salam pembuka", 95.0, 0.90),
        ("Empati / ucapan terima kasih", 95.0, 0.90),
        ("Rujukan (peraturan, nomor registrasi, cekbpom)", 90.0, 0.85),
        ("Tindak lanjut pengaduan", 90.0, 0.85),
        ("Bahasa baku", 93.0, 0.85),
        ("Penutup", 95.0, 0.90),
        // The target itself: the test split reaches 80.7 % / 0.66, just above it.
        ("Relevansi dengan pertanyaan", 80.0, 0.65),
    ];
    for split in ["dev", "test"] {
        for (label, min_agree, min_kappa) in floors {
            let (n, a, k) = f[&(label.to_string(), split.to_string())];
            let want_n = if split == "dev" { 279.0 } else { 161.0 };
            assert_eq!(n, want_n, "{label} {split}: every answer is judged");
            assert!(
                a >= min_agree,
                "{label} {split}: agreement {a} < {min_agree}"
            );
            assert!(k >= min_kappa, "{label} {split}: kappa {k} < {min_kappa}");
        }
    }
    // The confusion matrices add up to the answers judged.
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let m = wb.worksheet_range("Matriks").unwrap();
    let total: f64 = m
        .rows()
        .skip(1)
        .filter(|r| r[0] == "Penutup" && r[1] == "test")
        .flat_map(|r| {
            r[3..]
                .iter()
                .map(|d| d.as_f64().unwrap_or(0.0))
                .collect::<Vec<_>>()
        })
        .sum();
    assert_eq!(total, 161.0);
    // Every disagreement is listed with its evidence.
    let d = wb.worksheet_range("Ketidaksepakatan").unwrap();
    assert!(d.height() > 1);
}

#[test]
fn only_one_split_and_a_clear_error_without_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("k.xlsx");
    agreement(&["samples/berlabel/berlabel.csv", "--split", "test"], &out);
    let f = figures(&out);
    assert!(f.keys().all(|(_, s)| s == "test"), "{:?}", f.keys());
    // An export without any "Label <criterion>" column is an error naming the file.
    bin()
        .args(["agreement", "samples/simpel-lpk-2026-q1.csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Label salam_pembuka"))
        .stderr(predicates::str::contains("simpel-lpk-2026-q1.csv"));
}

/// A reviewer confirms ten automatic greetings and overrides five: the review sheets keep
/// both verdicts, and `agreement --reviews` counts 10 agreements of 15.
#[test]
fn review_sheets_confirm_or_override_automatic_verdicts() {
    use ulpk_eval::review::worksheet::{ReviewRow, write};
    let dir = tempfile::tempdir().unwrap();
    let drawn = dir.path().join("sampel");
    bin()
        .args([
            "sample",
            "samples/berlabel/berlabel.csv",
            "--n",
            "15",
            "--by",
            "channel",
            "--seed",
            "7",
            "--reviewers",
            "ani",
            "-o",
        ])
        .arg(&drawn)
        .assert()
        .success();
    let (keys, sheet) = super::review::review_rows(&drawn.join("review-ani.xlsx"));
    let col = |k: &str| keys.iter().position(|x| x == k).unwrap();
    let (id, shown) = (col("id"), col("auto:salam_pembuka"));
    assert!(keys.contains(&"verdict:salam_pembuka".to_string()));
    assert!(
        !keys.iter().any(|k| k == "verdict:ketepatan_waktu"),
        "SLA is not judged"
    );
    let rows: Vec<(String, String)> = sheet
        .iter()
        .map(|row| (row[id].to_string(), row[shown].to_string()))
        .collect();
    assert_eq!(rows.len(), 15);
    assert!(
        rows.iter().all(|(_, s)| s == "Lulus" || s == "Gagal"),
        "{rows:?}"
    );

    let rubric = ulpk_eval::rubric::Rubric::builtin().unwrap();
    let filled: Vec<ReviewRow> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, s))| {
            let verdict = if i < 10 {
                "Setuju".to_string()
            } else if s == "Lulus" {
                "Gagal".to_string()
            } else {
                "Lulus".to_string()
            };
            ReviewRow {
                id: id.clone(),
                auto_states: vec![("salam_pembuka".into(), s.clone())],
                verdicts: vec![("salam_pembuka".into(), verdict)],
                ..ReviewRow::default()
            }
        })
        .collect();
    let reviews = dir.path().join("terisi");
    std::fs::create_dir_all(&reviews).unwrap();
    write(
        &rubric,
        "ani",
        7,
        &filled,
        &reviews.join("review-ani.xlsx"),
        ulpk_eval::i18n::Lang::Id,
    )
    .unwrap();
    let out = dir.path().join("k.xlsx");
    agreement(
        &[
            "samples/berlabel/berlabel.csv",
            "--reviews",
            reviews.to_str().unwrap(),
        ],
        &out,
    );
    let f = figures(&out);
    let (n, a, _) = f[&("Salam pembuka".to_string(), "review ani".to_string())];
    assert_eq!((n, a), (15.0, 66.7));
}

/// On fewer answers than the report's minimum n (10) every figure carries the caveat, in
/// the console and, greyed, in the workbook.
#[test]
fn agreement_from_few_answers_carries_the_small_n_caveat() {
    let dir = tempfile::tempdir().unwrap();
    // The labelled set's first four answers.
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(super::common::root().join("samples/berlabel/berlabel.csv"))
        .unwrap();
    let few = dir.path().join("empat.csv");
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(&few)
        .unwrap();
    w.write_record(rdr.headers().unwrap()).unwrap();
    for r in rdr.records().take(4) {
        w.write_record(&r.unwrap()).unwrap();
    }
    w.flush().unwrap();
    let out = dir.path().join("k.xlsx");
    bin()
        .arg("agreement")
        .arg(&few)
        .arg("-o")
        .arg(&out)
        .args(["--show", "0"])
        .assert()
        .success()
        .stdout(predicates::str::contains("n = 4 < 10"))
        .stdout(predicates::str::contains(
            "\"n = … < 10\": angka dari kurang dari 10 jawaban yang dinilai belum dapat diandalkan",
        ));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Kesepakatan").unwrap();
    let h = header_row(&r);
    let col = |name: &str| h.iter().position(|x| x == name).unwrap();
    let salam = r
        .rows()
        .find(|row| row[col("Kriteria")] == "Salam pembuka")
        .unwrap();
    assert_eq!(salam[col("Jawaban dinilai")], Data::Float(4.0));
    let Data::String(agree) = &salam[col("Kesepakatan (%)")] else {
        panic!("{salam:?}")
    };
    assert!(agree.starts_with("n = 4 < 10 ("), "{agree}");
    assert_eq!(salam[col("Catatan")], Data::String("n = 4 < 10".into()));
}

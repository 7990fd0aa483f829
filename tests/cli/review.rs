//! The reviewer workflow: `sample`.

use calamine::{Data, Reader, Xlsx, open_workbook};
use predicates::prelude::PredicateBooleanExt;

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
pub(super) fn review_rows(path: &std::path::Path) -> (Vec<String>, Vec<Vec<Data>>) {
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
        // Personal data is masked in what the reviewer reads; service types by their label.
        for r in &rows {
            let q = r[k("question")].to_string();
            assert!(!regex_lite_email(&q), "unmasked e-mail in {q}");
            let service = r[k("service_type")].to_string();
            assert!(
                ["Informasi", "Pengaduan"].contains(&service.as_str()),
                "{service}"
            );
        }
        ids_per_reviewer.push(
            rows.iter()
                .map(|r| r[k("id")].to_string())
                .collect::<Vec<_>>(),
        );
    }
    let total: usize = ids_per_reviewer.iter().map(Vec::len).sum();
    assert_eq!(total, 160 + 3 * 40);

    // The dropdown offers the rubric's scale, each value with its meaning, and N/A.
    use std::io::Read;
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(out.join("review-ani.xlsx")).unwrap()).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet2.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains(
            "<formula1>\"0 = Tidak akurat,1 = Sebagian akurat,2 = Akurat,N/A\"</formula1>"
        ),
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

/// A filled review workbook for the hand-computed case (`jawaban-uji.csv`, `rubrik-uji.toml`).
fn filled(dir: &std::path::Path, reviewer: &str, marks: &[(&str, &str)]) {
    use ulpk_eval::review::worksheet::{ReviewRow, write};
    let rubric =
        ulpk_eval::rubric::Rubric::load(&super::common::fixture("rubrik-uji.toml")).unwrap();
    let rows: Vec<ReviewRow> = marks
        .iter()
        .map(|(id, v)| ReviewRow {
            id: id.to_string(),
            marks: vec![("akurasi".into(), v.to_string())],
            ..ReviewRow::default()
        })
        .collect();
    let path = dir.join(format!("review-{reviewer}.xlsx"));
    write(
        &rubric,
        reviewer,
        1,
        &rows,
        &path,
        ulpk_eval::i18n::Lang::Id,
    )
    .unwrap();
}

fn score_with_reviews(
    dir: &std::path::Path,
    rule: &str,
) -> Vec<std::collections::HashMap<String, String>> {
    let out = dir.join(format!("skor-{}.csv", rule.replace(':', "-")));
    bin()
        .args(["score", "--rubric"])
        .arg(super::common::fixture("rubrik-uji.toml"))
        .arg(super::common::fixture("jawaban-uji.csv"))
        .arg("--reviews")
        .arg(dir.join("reviews"))
        .args(["--review-rule", rule, "--issues"])
        .arg(dir.join("masalah.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    super::common::read_csv(&out)
}

/// Reviews override the export's manual column; two reviewers disagreeing are merged by
/// the rule and reported; unknown ids and values off the scale are issues with their cell.
#[test]
fn reviews_merge_into_the_manual_criterion() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("reviews");
    std::fs::create_dir_all(&reviews).unwrap();
    // A2 was not reviewed in the export (57.14 without accuracy).
    filled(&reviews, "ani", &[("A2", "2"), ("A1", "0"), ("ZZ9", "1")]);
    filled(&reviews, "budi", &[("A2", "1"), ("A4", "5")]);

    let rows = score_with_reviews(dir.path(), "mean");
    // A2: mean 1.5 of 2 → 0.75 × 20 added: (20 + 5 + 15 + 15) / 90 = 61.11.
    let a2 = super::common::row(&rows, "A2");
    assert_eq!(a2["akurasi"], "partial");
    assert_eq!(a2["score"], "61.11");
    // A1: ani's 0 replaces the export's 2; accuracy is critical → 0.
    let a1 = super::common::row(&rows, "A1");
    assert_eq!(a1["akurasi"], "fail");
    assert_eq!(a1["score"], "0.0");
    // A4: budi's 5 is off the 0–2 scale: not used, the export's N/A stays.
    assert_eq!(super::common::row(&rows, "A4")["akurasi"], "na");

    let issues = super::common::read_csv(&dir.path().join("masalah.csv"));
    let kind = |k: &str| issues.iter().filter(|i| i["kind"] == k).collect::<Vec<_>>();
    let conflict = kind("review_conflict");
    assert_eq!(conflict.len(), 1);
    assert!(
        conflict[0]["message"].contains("ani 2, budi 1"),
        "{:?}",
        conflict[0]
    );
    assert!(
        conflict[0]["message"].contains("dipakai 1.5"),
        "{:?}",
        conflict[0]
    );
    let unknown = kind("unknown_review_id");
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0]["file"].ends_with("review-ani.xlsx"));
    let off = kind("invalid_manual_score");
    assert_eq!(off.len(), 1);
    assert!(off[0]["file"].ends_with("review-budi.xlsx"));
    assert_eq!(off[0]["column"], "K6", "A4 is budi's second row");

    // The lead reviewer's mark decides: budi's 1 → 0.5 × 20: (40 + 10) / 90 = 55.56.
    let rows = score_with_reviews(dir.path(), "lead:budi");
    assert_eq!(super::common::row(&rows, "A2")["score"], "55.56");
}

/// Disputes: the latest decision per answer and criterion applies; rejected and open ones
/// do not; rows without a comment, a decided value, a known criterion or answer are issues.
#[test]
fn decided_disputes_change_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.csv");
    let issues = dir.path().join("masalah.csv");
    bin()
        .args(["score", "--rubric"])
        .arg(super::common::fixture("rubrik-uji.toml"))
        .arg(super::common::fixture("jawaban-uji.csv"))
        .arg("--disputes")
        .arg(super::common::fixture("sanggahan-uji.csv"))
        .arg("--issues")
        .arg(&issues)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let rows = super::common::read_csv(&out);
    // A2: "gak" accepted as fine on the second decision: (20 + 10 + 5 + 15) / 70.
    let a2 = super::common::row(&rows, "A2");
    assert_eq!(a2["baku"], "pass");
    assert_eq!(
        a2["baku_evidence"],
        "sanggahan (Diterima): Disetujui koordinator: konteks percakapan informal"
    );
    assert_eq!(a2["score"], "71.43");
    // A4: accuracy decided 2 of 2 (by criterion label): (40 + 20) / 100.
    let a4 = super::common::row(&rows, "A4");
    assert_eq!(a4["akurasi"], "pass");
    assert_eq!(a4["score"], "60.0");
    // A3: rejected; the SLA dispute has no comment: unchanged (gated 0).
    let a3 = super::common::row(&rows, "A3");
    assert_eq!(a3["salam"], "fail");
    assert_eq!(a3["waktu"], "unverifiable");
    // A1: accepted without a decided value: not applied.
    assert_eq!(super::common::row(&rows, "A1")["baku"], "pass");

    let found = super::common::read_csv(&issues);
    let disputes: Vec<_> = found
        .iter()
        .filter(|i| i["kind"] == "invalid_dispute")
        .collect();
    let lines: Vec<&str> = disputes.iter().map(|i| i["row"].as_str()).collect();
    assert_eq!(
        lines,
        ["6", "7", "8", "9"],
        "penutup, no value, ZZ9, no comment"
    );
    assert!(disputes[0]["message"].contains("\"penutup\""));
    assert_eq!(disputes[3]["column"], "comment");
}

/// Two reviewers on four shared answers of the hand-computed case. Accuracy marks (0–2):
/// ani 2, 2, 1, 0 and budi 2, 1, 0, 0. Reference values: the Python `krippendorff` package
/// 0.9.0 gives ordinal alpha 0.7083 on the marks and interval alpha 0.8818 on the totals
/// (ani 100, 66.67, 40, 0; budi 100, 55.56, 0, 0).
#[test]
fn calibration_figures_match_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("reviews");
    std::fs::create_dir_all(&reviews).unwrap();
    filled(
        &reviews,
        "ani",
        &[("A1", "2"), ("A2", "2"), ("A3", "1"), ("A4", "0")],
    );
    filled(
        &reviews,
        "budi",
        &[("A1", "2"), ("A2", "1"), ("A3", "0"), ("A4", "0")],
    );
    let out = dir.path().join("kalibrasi.xlsx");
    bin()
        .arg("calibrate")
        .arg(&reviews)
        .arg("--rubric")
        .arg(super::common::fixture("rubrik-uji.toml"))
        .arg("--answers")
        .arg(super::common::fixture("jawaban-uji.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("Akurasi"))
        // Four shared answers are fewer than the report's minimum n: said in the console.
        .stdout(predicates::str::contains("n = 4 < 10"))
        .stdout(predicates::str::contains(
            "\"n = … < 10\": angka dari kurang dari 10 jawaban bersama belum dapat diandalkan",
        ));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let k = wb.worksheet_range("Kesepakatan").unwrap();
    let row = |label: &str| -> Vec<Data> { k.rows().find(|r| r[0] == label).unwrap().to_vec() };
    let acc = row("Akurasi");
    // answers, reviewers, exact %, within ±10 %, kappa, alpha, status, note. From four
    // shared answers (< min_n 10) every figure is written as the caveat with the value.
    let caveat = |v: &str| Data::String(format!("n = 4 < 10 ({v})"));
    assert_eq!(acc[1], Data::Float(4.0));
    assert_eq!(acc[2], Data::Float(2.0));
    assert_eq!(acc[3], caveat("50.0"));
    assert_eq!(acc[4], caveat("50.0"));
    assert_eq!(acc[5], caveat("0.500"), "linear-weighted kappa by hand");
    assert_eq!(acc[6], caveat("0.708"));
    assert_eq!(acc[7], Data::String("Sepakat".into()));
    assert_eq!(acc[8], Data::String("n = 4 < 10".into()));
    let d = wb.worksheet_range("Rincian Nilai").unwrap();
    let a2: Vec<Data> = d
        .rows()
        .find(|r| r[0] == "Skor total" && r[1] == "A2")
        .unwrap()
        .to_vec();
    assert_eq!(
        a2[2..],
        [Data::Float(66.67), Data::Float(55.56), Data::Float(61.12)]
    );
    let total = row("Skor total");
    assert_eq!(total[3], caveat("50.0"));
    // Consensus 100, 61.12, 20, 0: A3's two totals are 20 points off, the rest within 10.
    assert_eq!(total[4], caveat("75.0"));
    assert_eq!(total[6], caveat("0.882"));
    let p = wb.worksheet_range("Pasangan Reviewer").unwrap();
    assert_eq!(p.get_value((1, 4)), Some(&caveat("0.500")));
    assert_eq!(
        p.get_value((1, 5)),
        Some(&Data::String("n = 4 < 10".into()))
    );
    let r = wb.worksheet_range("Reviewer").unwrap();
    // ani 12.5 points above the consensus on accuracy, budi 12.5 below.
    assert_eq!(r.get_value((1, 0)), Some(&Data::String("ani".into())));
    assert_eq!(r.get_value((1, 1)), Some(&caveat("12.50")));
    assert_eq!(r.get_value((2, 1)), Some(&caveat("-12.50")));
    // By the total score: ani +5.6 on A2 and +20 on A3, a mean of +6.4, beyond ±5; from
    // four answers.
    assert_eq!(
        r.rows().nth(1).unwrap().last(),
        Some(&Data::String("terlalu longgar (n = 4 < 10)".into()))
    );
    assert_eq!(
        r.rows().nth(2).unwrap().last(),
        Some(&Data::String("terlalu ketat (n = 4 < 10)".into()))
    );

    // The minimum is the report's: with [report] min_n = 4 the same figures are numbers.
    let config = dir.path().join("ulpk-eval.toml");
    std::fs::write(&config, "[report]\nmin_n = 4\n").unwrap();
    let out = dir.path().join("kalibrasi-4.xlsx");
    bin()
        .arg("calibrate")
        .arg(&reviews)
        .arg("--config")
        .arg(&config)
        .arg("--rubric")
        .arg(super::common::fixture("rubrik-uji.toml"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("n = 4 <").not());
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let k = wb.worksheet_range("Kesepakatan").unwrap();
    let acc: Vec<Data> = k.rows().find(|r| r[0] == "Akurasi").unwrap().to_vec();
    assert_eq!(acc[3], Data::Float(50.0));
    assert_eq!(acc[6], Data::Float(0.708));
    assert_eq!(acc[8], Data::Empty);
}

/// The coordinator's loop on the samples: 200 answers for three reviewers with 20% overlap,
/// sheets filled (here by the library, as reviewers would in Excel), merged back into the
/// scores, and agreement measured on the 40 shared answers.
#[test]
fn sample_fill_merge_and_calibrate_on_the_samples() {
    use ulpk_eval::review::worksheet::{ReviewRow, write};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review");
    sample(&out, "2026", &[]).success();
    let filled_dir = dir.path().join("terisi");
    std::fs::create_dir_all(&filled_dir).unwrap();
    let rubric = ulpk_eval::rubric::Rubric::load(
        &super::common::root().join("rubrics/kualitas-jawaban.toml"),
    )
    .unwrap();
    let mut all_ids = std::collections::BTreeSet::new();
    for (k, who) in ["ani", "budi", "citra"].iter().enumerate() {
        let (keys, rows) = review_rows(&out.join(format!("review-{who}.xlsx")));
        let id_col = keys.iter().position(|x| x == "id").unwrap();
        let filled: Vec<ReviewRow> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let id = r[id_col].to_string();
                all_ids.insert(id.clone());
                // Mostly 2; citra is harsher on every fifth answer; one N/A per ten.
                let v = if i % 10 == 9 {
                    "N/A"
                } else if k == 2 && i % 5 == 0 {
                    "1"
                } else {
                    "2"
                };
                ReviewRow {
                    id,
                    marks: vec![("akurasi".into(), v.into())],
                    ..ReviewRow::default()
                }
            })
            .collect();
        write(
            &rubric,
            who,
            2026,
            &filled,
            &filled_dir.join(format!("review-{who}.xlsx")),
            ulpk_eval::i18n::Lang::Id,
        )
        .unwrap();
    }
    assert_eq!(all_ids.len(), 200);

    let scores = dir.path().join("skor.csv");
    bin()
        .args([
            "score",
            "samples/simpel-lpk-2026-q1.csv",
            "samples/sp4n-lapor-2026-q1.xlsx",
            "--reviews",
        ])
        .arg(&filled_dir)
        .arg("-o")
        .arg(&scores)
        .assert()
        .success();
    let rows = super::common::read_csv(&scores);
    let reviewed = rows
        .iter()
        .filter(|r| all_ids.contains(&r["id"]) && r["akurasi_evidence"] != "belum direview")
        .count();
    assert!(
        reviewed >= 200,
        "every sampled answer carries its review ({reviewed})"
    );

    let cal = dir.path().join("kalibrasi.xlsx");
    bin()
        .arg("calibrate")
        .arg(&filled_dir)
        .arg("-o")
        .arg(&cal)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&cal).unwrap();
    let k = wb.worksheet_range("Kesepakatan").unwrap();
    let acc: Vec<Data> = k
        .rows()
        .find(|r| r[0] == "Akurasi ilmiah (reviewer)")
        .unwrap()
        .to_vec();
    assert_eq!(acc[2], Data::Float(3.0), "three reviewers");
    // 40 shared answers; the two where N/A leaves fewer than two marks drop out.
    assert_eq!(acc[1], Data::Float(38.0));
    // citra's 1s break exact agreement on 6 of 38.
    assert_eq!(acc[3], Data::Float(84.2));
    // Nearly every mark is 2, so chance agreement is high and alpha near 0 flags the
    // criterion although raw agreement looks fine: what alpha is for.
    assert_eq!(acc[7], Data::String("Perlu kalibrasi".into()));
    let r = wb.worksheet_range("Reviewer").unwrap();
    let citra = r.rows().find(|row| row[0] == "citra").unwrap();
    let Data::Float(dev) = citra[1] else {
        panic!("{citra:?}")
    };
    assert!(dev < 0.0, "citra is harsher than the consensus: {dev}");
}

/// The documented workflow: `sample` writes the review workbooks and its overview
/// `sampel.xlsx` into one folder, and that folder is given back as `--reviews` as it is.
/// The overview holds no marks and is passed over, not reported as a bad review workbook.
#[test]
fn the_sample_folder_goes_back_as_reviews_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review");
    sample(&out, "7", &[]).success();
    assert!(out.join("sampel.xlsx").exists());
    let run = bin()
        .args([
            "score",
            "samples/simpel-lpk-2026-q1.csv",
            "samples/sp4n-lapor-2026-q1.xlsx",
            "--reviews",
        ])
        .arg(&out)
        .arg("--issues")
        .arg(dir.path().join("masalah.csv"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let issues = std::fs::read_to_string(dir.path().join("masalah.csv")).unwrap();
    assert!(!issues.contains("sampel.xlsx"), "{issues}");
    assert!(!issues.contains("bukan lembar review"), "{issues}");
}

/// A mark picked from the dropdown with its meaning ("2 = Akurat") reads as its number, as
/// a bare typed number does.
#[test]
fn a_mark_with_its_meaning_reads_as_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let reviews = dir.path().join("reviews");
    std::fs::create_dir_all(&reviews).unwrap();
    filled(&reviews, "ani", &[("A2", "2 = Akurat")]);
    filled(&reviews, "budi", &[("A2", "1")]);
    let rows = score_with_reviews(dir.path(), "mean");
    // As with "2" and "1": mean 1.5 of 2 → (20 + 5 + 15 + 15) / 90 = 61.11.
    let a2 = super::common::row(&rows, "A2");
    assert_eq!(a2["akurasi"], "partial");
    assert_eq!(a2["score"], "61.11");
}

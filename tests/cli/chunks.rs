//! Large inputs are read and scored in parts (`ULPK_CHUNK_ROWS`, default 65,536 records).
//! These tests cut the shipped samples into parts of a few records and check that every
//! output is the same, byte for byte, as when the file is read whole.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::common::{bin, bytes, read_csv, root};

/// Runs `score INPUT... -o OUT --summary SUMMARY --issues ISSUES` with the given part size
/// (None: the default, one part for these small files).
fn score_parts(inputs: &[PathBuf], dir: &Path, tag: &str, chunk: Option<usize>) -> [Vec<u8>; 3] {
    let out = dir.join(format!("skor-{tag}.csv"));
    let summary = dir.join(format!("ringkasan-{tag}.csv"));
    let issues = dir.join(format!("masalah-{tag}.csv"));
    let mut cmd = bin();
    cmd.arg("score").args(inputs).arg("-o").arg(&out);
    cmd.arg("--summary")
        .arg(&summary)
        .arg("--issues")
        .arg(&issues);
    if let Some(n) = chunk {
        cmd.env("ULPK_CHUNK_ROWS", n.to_string());
    }
    cmd.assert().success();
    [bytes(&out), bytes(&summary), bytes(&issues)]
}

/// The three outputs of two runs are byte-identical.
fn assert_same(whole: &[Vec<u8>; 3], parts: &[Vec<u8>; 3], what: &str) {
    for (k, name) in ["per-answer results", "summaries", "data issues"]
        .iter()
        .enumerate()
    {
        assert!(whole[k] == parts[k], "{name} differ ({what})");
    }
}

#[test]
fn csv_in_parts_gives_the_same_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("samples/simpel-lpk-2026-q1.csv");
    // 2,400 records, 641 of them answers over several lines: parts of ~37 records are cut
    // between quoted lines only at record ends.
    let whole = score_parts(std::slice::from_ref(&sample), dir.path(), "whole", None);
    let parts = score_parts(std::slice::from_ref(&sample), dir.path(), "parts", Some(37));
    assert_same(&whole, &parts, "parts of 37");
    let rows = read_csv(&dir.path().join("skor-parts.csv"));
    assert_eq!(rows.len(), 2400);
    // Source rows count records as Excel shows them, across parts.
    assert_eq!(rows[2399]["source_row"], "2401");
}

#[test]
fn windows_1252_csv_in_parts_keeps_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = b"No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Isi Pertanyaan;Jawaban\r\n".to_vec();
    for i in 0..40 {
        text.extend_from_slice(
            format!("W{i};Balai POM di Kupang;Informasi;02/03/2026 09:00;03/03/2026 10:00;Apakah krim ini terdaftar?;\"Selamat pagi, krim ").as_bytes(),
        );
        // "é" in windows-1252, and a line break inside the quoted answer.
        text.extend_from_slice(b"cr\xe8me\r\nsudah terdaftar. Terima kasih.\"\r\n");
    }
    let input = dir.path().join("cp1252.csv");
    std::fs::write(&input, &text).unwrap();
    let whole = score_parts(std::slice::from_ref(&input), dir.path(), "whole", None);
    let parts = score_parts(std::slice::from_ref(&input), dir.path(), "parts", Some(3));
    assert_same(&whole, &parts, "windows-1252");
    let rows = read_csv(&dir.path().join("skor-parts.csv"));
    assert_eq!(rows.len(), 40);
    assert!(
        rows[39]["salam_pembuka_evidence"].contains("Selamat pagi"),
        "{:?}",
        rows[39]
    );
    assert_eq!(bytes(&input), text, "input unchanged");
}

#[test]
fn duplicates_are_found_across_parts_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let header = "No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Isi Pertanyaan;Jawaban";
    let line = |id: &str| {
        format!(
            "{id};Balai POM di Kupang;Informasi;02/03/2026 09:00;03/03/2026 10:00;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih."
        )
    };
    let mut a = vec![header.to_string()];
    a.extend((0..30).map(|i| line(&format!("A{i}"))));
    a.push(line("A3"));
    let mut b = vec![header.to_string()];
    b.extend((0..5).map(|i| line(&format!("B{i}"))));
    b.push(line("A7"));
    let (fa, fb) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&fa, a.join("\r\n")).unwrap();
    std::fs::write(&fb, b.join("\r\n")).unwrap();
    let inputs = [fa.clone(), fb.clone()];
    let whole = score_parts(&inputs, dir.path(), "whole", None);
    let parts = score_parts(&inputs, dir.path(), "parts", Some(4));
    assert_same(&whole, &parts, "two files");
    let issues = read_csv(&dir.path().join("masalah-parts.csv"));
    let dups: Vec<_> = issues
        .iter()
        .filter(|r| r.values().any(|v| v.contains("sudah ada")))
        .collect();
    assert_eq!(dups.len(), 2, "{issues:?}");
    // A3 first seen in row 5 of a.csv (header is row 1), again in row 32.
    let text = |r: &std::collections::HashMap<String, String>| {
        r.values().cloned().collect::<Vec<_>>().join(" | ")
    };
    assert!(
        dups.iter()
            .any(|r| text(r).contains("\"A3\"") && text(r).contains("a.csv baris 5")),
        "{dups:?}"
    );
    assert!(
        dups.iter()
            .any(|r| text(r).contains("\"A7\"") && text(r).contains("a.csv baris 9")),
        "{dups:?}"
    );
    let rows = read_csv(&dir.path().join("skor-parts.csv"));
    let duplicate: Vec<&str> = rows
        .iter()
        .filter(|r| r["duplicate"] == "true")
        .map(|r| r["id"].as_str())
        .collect();
    assert_eq!(duplicate, ["A3", "A7"]);
}

#[test]
fn parquet_in_parts_by_row_groups_gives_the_same_outputs() {
    let dir = tempfile::tempdir().unwrap();
    // The sample as Parquet with row groups of 100 records: parts gather whole row groups
    // (250 records) or slice one (30 records).
    let sample = root().join("samples/simpel-lpk-2026-q1.csv");
    let mut df = CsvReadOptions::default()
        .with_infer_schema_length(Some(0))
        .map_parse_options(|p| p.with_separator(b';').with_encoding(CsvEncoding::LossyUtf8))
        .try_into_reader_with_file_path(Some(sample))
        .unwrap()
        .finish()
        .unwrap();
    let input = dir.path().join("jawaban.parquet");
    ParquetWriter::new(std::fs::File::create(&input).unwrap())
        .with_row_group_size(Some(100))
        .finish(&mut df)
        .unwrap();
    let whole = score_parts(std::slice::from_ref(&input), dir.path(), "whole", None);
    for n in [250, 30] {
        let parts = score_parts(std::slice::from_ref(&input), dir.path(), "parts", Some(n));
        assert_same(&whole, &parts, &format!("parts of {n}"));
    }
    let rows = read_csv(&dir.path().join("skor-parts.csv"));
    assert_eq!(rows.len(), 2400);
    assert_eq!(rows[2399]["source_row"], "2400");
}

#[test]
fn parquet_results_are_written_in_parts() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("samples/simpel-lpk-2026-q1.csv");
    let out = dir.path().join("skor.parquet");
    bin()
        .env("ULPK_CHUNK_ROWS", "500")
        .arg("score")
        .arg(&sample)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let df = ParquetReader::new(std::fs::File::open(&out).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), 2400);
    let whole = dir.path().join("utuh.parquet");
    bin()
        .arg("score")
        .arg(&sample)
        .arg("-o")
        .arg(&whole)
        .assert()
        .success();
    let w = ParquetReader::new(std::fs::File::open(&whole).unwrap())
        .finish()
        .unwrap();
    assert!(df.equals_missing(&w), "parts and whole differ");
}

/// The report scored in parts of 100 records, its details written part by part on their
/// own thread as the parts are scored: the same workbook, details and feedback bytes as
/// in one part, and no other file left beside them.
#[test]
fn report_in_parts_is_the_same_report() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, chunk) in [(&da, None), (&db, Some("100"))] {
        let mut cmd = bin();
        cmd.env("SOURCE_DATE_EPOCH", "1775462400")
            .args(["report", "--config", "ulpk-eval.toml", "-o"])
            .arg(dir.path().join("l.xlsx"))
            .arg("--per-unit")
            .arg(dir.path().join("unit"));
        if let Some(n) = chunk {
            cmd.env("ULPK_CHUNK_ROWS", n);
        }
        cmd.assert().success();
    }
    let (a, b) = (da.path().join("l.xlsx"), db.path().join("l.xlsx"));
    assert!(bytes(&a) == bytes(&b), "report differs");
    let kupang = "umpan-balik-balai-besar-pom-di-kupang.xlsx";
    assert!(
        bytes(&da.path().join("unit").join(kupang)) == bytes(&db.path().join("unit").join(kupang)),
        "feedback differs"
    );
    let mut left: Vec<String> = std::fs::read_dir(db.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "grafik",
            "l-detail-jawaban.xlsx",
            "l.html",
            "l.xlsx",
            "unit"
        ]
    );
    let html = |d: &tempfile::TempDir| bytes(&d.path().join("l.html"));
    assert!(html(&da) == html(&db), "dashboard differs");
    let details = |d: &tempfile::TempDir| bytes(&d.path().join("l-detail-jawaban.xlsx"));
    assert!(details(&da) == details(&db), "details differ");
    // The details sheet holds every record of the samples: 2,400 in the CSV and 600 in
    // the SP4N-LAPOR! sheet, duplicates included (the summary counts 2,998 without them).
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(db.path().join("l-detail-jawaban.xlsx")).unwrap();
    let details = wb.worksheet_range("Detail Jawaban").unwrap();
    assert_eq!(details.height(), 1 + 3000);
}

/// A report that fails after its answers were scored (here on an SKM file without the
/// SKM's columns, read after the answers), while its answer details are being written on
/// their own thread: the error names the file, and no output and no temporary file is
/// left, the details workbook included.
#[test]
fn a_report_failing_after_scoring_leaves_no_details() {
    let dir = tempfile::tempdir().unwrap();
    let skm = dir.path().join("skm-rusak.csv");
    std::fs::write(&skm, "nama;umur\nA;30\n").unwrap();
    let answers = root().join("samples/simpel-lpk-2026-q1.csv");
    let rubric = root().join("rubrics/kualitas-jawaban.toml");
    let config = dir.path().join("ulpk-eval.toml");
    std::fs::write(
        &config,
        format!(
            "[answers]\nfiles = [{:?}]\nrubric = {:?}\n[skm]\nfiles = [{:?}]\n",
            answers.to_str().unwrap(),
            rubric.to_str().unwrap(),
            skm.to_str().unwrap()
        ),
    )
    .unwrap();
    let out = dir.path().join("keluar");
    let assert = bin()
        .env("ULPK_CHUNK_ROWS", "100")
        .args(["report", "--config"])
        .arg(&config)
        .arg("-o")
        .arg(out.join("l.xlsx"))
        .arg("--per-unit")
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("skm-rusak.csv"), "{stderr}");
    let left: Vec<String> = match std::fs::read_dir(&out) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn summary_in_parts_adds_up_to_the_whole() {
    // `summary` keeps no records, only each part's sums per group (merged as they pile
    // up): parts of 37 records (81 parts over both files, merged more than once) give
    // the same figures, byte for byte, as the records summarised at once by `score`.
    let dir = tempfile::tempdir().unwrap();
    let inputs = [
        root().join("samples/simpel-lpk-2026-q1.csv"),
        root().join("samples/sp4n-lapor-2026-q1.xlsx"),
    ];
    let whole = score_parts(&inputs, dir.path(), "whole", None);
    let run = |tag: &str, chunk: Option<&str>| {
        let out = dir.path().join(format!("ringkasan-{tag}.csv"));
        let mut cmd = bin();
        cmd.arg("summary").args(&inputs).arg("-o").arg(&out);
        if let Some(n) = chunk {
            cmd.env("ULPK_CHUNK_ROWS", n);
        }
        let stdout = cmd.assert().success().get_output().stdout.clone();
        (bytes(&out), stdout)
    };
    let (parts, parts_out) = run("summary-parts", Some("37"));
    let (one, one_out) = run("summary-whole", None);
    assert!(
        parts == whole[1],
        "summary in parts differs from score --summary"
    );
    assert!(one == whole[1], "summary differs from score --summary");
    assert_eq!(
        String::from_utf8_lossy(&parts_out),
        String::from_utf8_lossy(&one_out)
    );
    let text = String::from_utf8_lossy(&parts_out);
    assert!(
        text.contains("Seluruh jawaban: 2998 jawaban, rata-rata skor 88.92, pemenuhan SLA 93.6%"),
        "{text}"
    );
}

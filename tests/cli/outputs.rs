//! Output files: XLSX read back, formula-like text stays text, determinism.

use calamine::{Data, Reader, Xlsx, open_workbook};
use polars::prelude::*;

use super::common::{bytes, fixture, read_csv, score_with_test_rubric};

#[test]
fn xlsx_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.xlsx");
    score_with_test_rubric(&fixture("jawaban-uji.csv"), &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Skor Jawaban",
            "Ringkasan Unit",
            "Masalah Data",
            "Rubrik",
            "Info"
        ]
    );
    let r = wb.worksheet_range("Skor Jawaban").unwrap();
    assert_eq!(r.get_value((0, 0)), Some(&Data::String("ID".into())));
    let headers = super::common::header_row(&r);
    let score = headers.iter().position(|h| h == "Skor").unwrap();
    let grade = headers.iter().position(|h| h == "Predikat").unwrap();
    let waktu = headers.iter().position(|h| h == "Ketepatan waktu").unwrap();
    // Row 2 is A2: 57.14, C, SLA partial.
    assert_eq!(r.get_value((2, 0)), Some(&Data::String("A2".into())));
    assert_eq!(r.get_value((2, score as u32)), Some(&Data::Float(57.14)));
    assert_eq!(
        r.get_value((2, grade as u32)),
        Some(&Data::String("C".into()))
    );
    assert_eq!(
        r.get_value((2, waktu as u32)),
        Some(&Data::String("Sebagian".into()))
    );
    let units = wb.worksheet_range("Ringkasan Unit").unwrap();
    assert_eq!(
        units.get_value((1, 0)),
        Some(&Data::String("Balai Besar POM di Bandung".into()))
    );
    assert_eq!(units.get_value((1, 2)), Some(&Data::Float(31.48)));
}

#[test]
fn formula_like_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("jahat.csv");
    std::fs::write(
        &input,
        "No. Tiket,Unit Kerja,Jenis Layanan,Tanggal Diterima,Tanggal Dijawab,Nama Petugas,Isi Pertanyaan,Jawaban\n\
         =1+1,Balai POM di Serang,Informasi,02/03/2026,02/03/2026,\"=HYPERLINK(\"\"http://x\"\")\",Tanya,Selamat pagi; terima kasih\n",
    )
    .unwrap();
    let xlsx = dir.path().join("skor.xlsx");
    score_with_test_rubric(&input, &xlsx);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let r = wb.worksheet_range("Skor Jawaban").unwrap();
    assert_eq!(r.get_value((1, 0)), Some(&Data::String("=1+1".into())));
    let formulas = wb.worksheet_formula("Skor Jawaban").unwrap();
    assert!(formulas.used_cells().next().is_none(), "no formula cells");

    let csv = dir.path().join("skor.csv");
    score_with_test_rubric(&input, &csv);
    let rows = read_csv(&csv);
    assert_eq!(rows[0]["id"], "'=1+1");
    assert_eq!(rows[0]["officer"], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn same_inputs_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    score_with_test_rubric(&fixture("jawaban-uji.csv"), &a);
    score_with_test_rubric(&fixture("jawaban-uji.csv"), &b);
    assert_eq!(bytes(&a), bytes(&b));
    // No temporary files are left beside the outputs.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn parquet_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.parquet");
    score_with_test_rubric(&fixture("jawaban-uji.csv"), &out);
    let df = ParquetReader::new(std::fs::File::open(&out).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), 6);
    let score = df.column("score").unwrap().f64().unwrap();
    assert_eq!(score.get(1), Some(57.14));
    let waktu = df.column("waktu").unwrap().str().unwrap();
    assert_eq!(waktu.get(3), Some("fail"));
}

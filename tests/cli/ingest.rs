//! Reading exports in the dialects users really have.

use std::path::Path;

use polars::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use ulpk_eval::ingest::columns::column_specs;
use ulpk_eval::ingest::normalize::normalize_frame;
use ulpk_eval::ingest::{self, Aliases, IngestOptions, Table};

fn opts() -> IngestOptions {
    let aliases = Aliases::builtin().unwrap();
    IngestOptions {
        sheet: None,
        specs: column_specs(
            &aliases,
            &Default::default(),
            &["id".to_string(), "answer".to_string()],
            &[],
        ),
    }
}

fn load(path: &Path) -> Table {
    ingest::load(path, &opts())
        .unwrap_or_else(|e| panic!("{}", e.render(ulpk_eval::i18n::Lang::En)))
}

fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

fn rows(df: &DataFrame) -> Vec<u32> {
    df.column(ingest::ROW_COL)
        .unwrap()
        .u32()
        .unwrap()
        .iter()
        .map(|r| r.unwrap())
        .collect()
}

/// Dates as `YYYY-MM-DD HH:MM` after normalisation.
fn dates(df: DataFrame, name: &str) -> Vec<Option<String>> {
    let aliases = Aliases::builtin().unwrap();
    let n = normalize_frame(ulpk_eval_conform(df), &aliases, None, &[]).unwrap();
    let out = n
        .lazy()
        .select([col(name).dt().to_string("%Y-%m-%d %H:%M")])
        .collect()
        .unwrap();
    strings(&out, name)
}

/// Stacks one table through `load_all`'s conformance so every field exists.
fn ulpk_eval_conform(df: DataFrame) -> DataFrame {
    // Add absent canonical fields as nulls, as load_all does.
    let mut df = df;
    for f in ulpk_eval::ingest::columns::field::ALL {
        if df.column(f).is_err() {
            df.with_column(Column::full_null(f.into(), df.height(), &DataType::String))
                .unwrap();
        }
    }
    df
}

#[test]
fn semicolon_cp1252_multiline_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ekspor.csv");
    let text = "No. Tiket;Unit Kerja;Tanggal Diterima;Nama Petugas;Jawaban;Nilai\r\n\
                1;Balai POM di Serang;12/03/2026 10:15;Andr\u{e9};\"Selamat pagi \u{2013} baris satu\r\nbaris dua; masih jawaban\";2,5\r\n\
                2;Loka POM di Kabupaten Bogor;13/03/2026;Sari;\"Kata \"\"kutip\"\" di sini\";3\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    std::fs::write(&path, &bytes).unwrap();
    let t = load(&path);
    assert_eq!(t.source.format, "CSV ';' windows-1252");
    assert_eq!(t.source.header_row, 1);
    assert_eq!(strings(&t.df, "id"), [Some("1".into()), Some("2".into())]);
    assert_eq!(
        strings(&t.df, "officer"),
        [Some("André".into()), Some("Sari".into())]
    );
    assert_eq!(
        strings(&t.df, "answer"),
        [
            Some("Selamat pagi – baris satu\r\nbaris dua; masih jawaban".into()),
            Some("Kata \"kutip\" di sini".into())
        ]
    );
    // Records are numbered as Excel shows them, a multi-line record being one row.
    assert_eq!(rows(&t.df), [2, 3]);
    assert_eq!(
        dates(t.df, "received_at"),
        [
            Some("2026-03-12 10:15".into()),
            Some("2026-03-13 00:00".into())
        ]
    );
}

#[test]
fn utf8_bom_tab_delimited_with_title_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ekspor.tsv");
    let text = "\u{feff}LAPORAN LAYANAN INFORMASI\nPeriode: Maret 2026\n\nTrackingID\tInstansi\tTanggalLaporanMasuk\tTanggapan\n4821937\tBalai Besar POM di Medan\t2026-03-02T08:30:00\tTerima kasih.\n";
    std::fs::write(&path, text).unwrap();
    let t = load(&path);
    assert_eq!(t.source.format, "CSV tab UTF-8 (BOM)");
    assert_eq!(t.source.header_row, 4);
    assert_eq!(strings(&t.df, "id"), [Some("4821937".into())]);
    assert_eq!(
        strings(&t.df, "unit"),
        [Some("Balai Besar POM di Medan".into())]
    );
    assert_eq!(rows(&t.df), [5]);
}

#[test]
fn pipe_delimited_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ekspor.txt");
    std::fs::write(
        &path,
        "ID Laporan|Satker|Respon\nX-1|Balai POM di Serang|Baik, terima kasih|\n",
    )
    .unwrap();
    let t = load(&path);
    assert_eq!(t.source.format, "CSV '|' UTF-8");
    assert_eq!(
        strings(&t.df, "answer"),
        [Some("Baik, terima kasih".into())]
    );
}

#[test]
fn xlsx_with_title_rows_date_cells_and_serials() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lapor.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Laporan").unwrap();
    ws.write_string(0, 0, "LAPORAN PENGADUAN SP4N-LAPOR!")
        .unwrap();
    ws.write_string(1, 0, "Periode: 1 Januari 2026 - 31 Maret 2026")
        .unwrap();
    for (j, h) in ["TrackingID", "Instansi", "TanggalLaporanMasuk", "Tanggapan"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, j as u16, *h).unwrap();
    }
    let fmt = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    // Row 5: a real date-time cell.
    ws.write_number(4, 0, 4821937.0).unwrap();
    ws.write_string(4, 1, "Balai Besar POM di Medan").unwrap();
    let dt = ExcelDateTime::parse_from_str("2026-03-12 10:15:00").unwrap();
    ws.write_datetime_with_format(4, 2, &dt, &fmt).unwrap();
    ws.write_string(4, 3, "Terima kasih").unwrap();
    // Row 6: a bare serial number (2026-03-12 12:00).
    ws.write_number(5, 0, 4821938.0).unwrap();
    ws.write_number(5, 2, 46093.5).unwrap();
    ws.write_string(5, 3, "Sudah ditindaklanjuti").unwrap();
    // Row 7: empty (below the data) is skipped; row 8: a date as text.
    ws.write_number(7, 0, 4821939.0).unwrap();
    ws.write_string(7, 2, "12 Maret 2026 10:15").unwrap();
    ws.write_string(7, 3, "Baik").unwrap();
    wb.save(&path).unwrap();

    let t = load(&path);
    assert_eq!(t.source.sheet.as_deref(), Some("Laporan"));
    assert_eq!(t.source.header_row, 4);
    assert_eq!(
        strings(&t.df, "id"),
        [
            Some("4821937".into()),
            Some("4821938".into()),
            Some("4821939".into())
        ]
    );
    assert_eq!(rows(&t.df), [5, 6, 8]);
    assert_eq!(
        dates(t.df, "received_at"),
        [
            Some("2026-03-12 10:15".into()),
            Some("2026-03-12 12:00".into()),
            Some("2026-03-12 10:15".into())
        ]
    );
}

#[test]
fn parquet_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ekspor.parquet");
    let received = Series::new("Tanggal Diterima".into(), [1_773_310_500_000i64])
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
        .unwrap();
    let mut df = DataFrame::new(
        1,
        vec![
            Column::new("Nomor".into(), [17i64]),
            Column::new("Jawaban".into(), ["Selamat siang"]),
            received.into_column(),
        ],
    )
    .unwrap();
    let f = std::fs::File::create(&path).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    let t = load(&path);
    assert_eq!(strings(&t.df, "id"), [Some("17".into())]);
    assert_eq!(
        dates(t.df, "received_at"),
        [Some("2026-03-12 10:15".into())]
    );
}

/// `tests/fixtures/lapor-libreoffice.{ods,xls}` were saved by LibreOffice Calc from a CSV
/// with two title lines and a blank line above the header; its dates are date cells.
fn check_libreoffice_workbook(name: &str) {
    let t = load(&super::common::fixture(name));
    assert_eq!(t.source.header_row, 4, "{name}");
    assert_eq!(
        strings(&t.df, "id"),
        [Some("4821937".into()), Some("4821938".into())],
        "{name}"
    );
    assert_eq!(rows(&t.df), [5, 6], "{name}");
    assert_eq!(
        dates(t.df.clone(), "received_at"),
        [
            Some("2026-03-12 10:15".into()),
            Some("2026-03-13 00:00".into())
        ],
        "{name}"
    );
    assert_eq!(
        dates(t.df, "responded_at"),
        [
            Some("2026-03-16 09:00".into()),
            Some("2026-03-13 00:00".into())
        ],
        "{name}"
    );
}

#[test]
fn ods_saved_by_libreoffice() {
    check_libreoffice_workbook("lapor-libreoffice.ods");
}

#[test]
fn xls_saved_by_libreoffice() {
    check_libreoffice_workbook("lapor-libreoffice.xls");
}

//! Writers: the Simpel LPK CSV (cp1252, `;`, CRLF), the bench CSV (UTF-8, `,`, CRLF, or a
//! shape's delimiter and encoding), the SP4N-LAPOR! XLSX (title rows, sheet `Laporan`) and
//! the bench XLSX.

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use encoding_rs::WINDOWS_1252;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::model::{DateCell, Ticket};
use crate::shapes::Layout;

pub type BoxResult<T> = Result<T, Box<dyn Error>>;

pub const SIMPEL_HEADER: [&str; 13] = [
    "No. Tiket",
    "Unit Kerja",
    "Media",
    "Jenis Layanan",
    "Komoditi",
    "Tanggal Diterima",
    "Tanggal Dijawab",
    "Tanggal Selesai",
    "Status",
    "Nama Petugas",
    "Isi Pertanyaan",
    "Jawaban",
    "Akurasi (Reviewer)",
];

pub const LAPOR_HEADER: [&str; 12] = [
    "TrackingID",
    "Instansi",
    "Kanal",
    "Kategori",
    "Komoditas",
    "TanggalLaporanMasuk",
    "Waktu Respon",
    "TanggalLaporanDitutup",
    "Status",
    "Petugas",
    "Isi Laporan",
    "Tanggapan",
];

fn with_path<E: std::fmt::Display>(path: &Path, what: &str) -> impl FnOnce(E) -> Box<dyn Error> {
    let p = path.display().to_string();
    let what = what.to_string();
    move |e| format!("{what} {p}: {e}").into()
}

fn simpel_record(t: &Ticket) -> [String; 13] {
    [
        t.id.clone(),
        t.unit.name.to_string(),
        t.media.label().to_string(),
        t.kind.label().to_string(),
        t.commodity.label().to_string(),
        t.cells[0].csv_text(),
        t.cells[1].csv_text(),
        t.cells[2].csv_text(),
        t.status.label().to_string(),
        t.officer.clone(),
        t.question.clone(),
        t.answer.clone(),
        t.accuracy.to_string(),
    ]
}

/// Characters that Windows-1252 cannot hold become `?`, as Excel does when saving
/// "CSV (Comma delimited)". Returns the text and how many characters were replaced.
fn to_cp1252_repertoire(s: &str) -> (String, u64) {
    let mut out = String::with_capacity(s.len());
    let mut replaced = 0;
    let mut buf = [0u8; 4];
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch);
            continue;
        }
        let (_, _, had_errors) = WINDOWS_1252.encode(ch.encode_utf8(&mut buf));
        if had_errors {
            out.push('?');
            replaced += 1;
        } else {
            out.push(ch);
        }
    }
    (out, replaced)
}

/// Write the Simpel LPK export. Returns the number of characters replaced by `?`.
pub fn write_simpel_csv(path: &Path, tickets: &[Ticket]) -> BoxResult<u64> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::with_capacity(tickets.len() * 900));
    w.write_record(SIMPEL_HEADER)?;
    for t in tickets {
        w.write_record(simpel_record(t))?;
    }
    let utf8 = w.into_inner().map_err(|e| format!("csv buffer: {e}"))?;
    let text = String::from_utf8(utf8)?;
    let (text, replaced) = to_cp1252_repertoire(&text);
    let (bytes, _, had_errors) = WINDOWS_1252.encode(&text);
    if had_errors {
        return Err("text not representable in Windows-1252 after replacement".into());
    }
    std::fs::write(path, &bytes).map_err(with_path(path, "cannot write"))?;
    Ok(replaced)
}

/// Streaming CSV writer for bench mode: CRLF record ends; UTF-8 and `,` by default, or the
/// delimiter and encoding of a [`Layout`].
pub struct BenchCsv {
    w: csv::Writer<Encoded>,
}

/// The file under the CSV writer. UTF-8 goes straight through; for Windows-1252 the bytes
/// wait until the writer is flushed after a record, then are encoded record by record.
struct Encoded {
    file: BufWriter<File>,
    cp1252: bool,
    pending: Vec<u8>,
    /// Characters Windows-1252 cannot hold, written as `?`.
    replaced: u64,
}

impl Write for Encoded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.cp1252 {
            self.pending.extend_from_slice(buf);
            Ok(buf.len())
        } else {
            self.file.write(buf)
        }
    }

    /// Encodes the pending records; the file itself is flushed at the end only.
    fn flush(&mut self) -> std::io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let text = std::str::from_utf8(&self.pending)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let (text, replaced) = to_cp1252_repertoire(text);
        let (bytes, _, had_errors) = WINDOWS_1252.encode(&text);
        if had_errors {
            return Err(std::io::Error::other(
                "text not representable in Windows-1252 after replacement",
            ));
        }
        self.file.write_all(&bytes)?;
        self.replaced += replaced;
        self.pending.clear();
        Ok(())
    }
}

impl BenchCsv {
    pub fn create(path: &Path, layout: Layout) -> BoxResult<BenchCsv> {
        let f = File::create(path).map_err(with_path(path, "cannot create"))?;
        let sink = Encoded {
            file: BufWriter::with_capacity(1 << 20, f),
            cp1252: layout.cp1252,
            pending: Vec::new(),
            replaced: 0,
        };
        let mut w = csv::WriterBuilder::new()
            .delimiter(layout.delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(sink);
        w.write_record(SIMPEL_HEADER)?;
        Ok(BenchCsv { w })
    }

    pub fn write(&mut self, t: &Ticket) -> BoxResult<()> {
        let d0 = t.cells[0].csv_text();
        let d1 = t.cells[1].csv_text();
        let d2 = t.cells[2].csv_text();
        self.w.write_record([
            t.id.as_str(),
            t.unit.name,
            t.media.label(),
            t.kind.label(),
            t.commodity.label(),
            &d0,
            &d1,
            &d2,
            t.status.label(),
            &t.officer,
            &t.question,
            &t.answer,
            t.accuracy,
        ])?;
        if self.w.get_ref().pending.len() >= 1 << 16 {
            // Whole records only: the writer's own buffer goes down first.
            self.w.flush()?;
        }
        Ok(())
    }

    /// Returns how many characters were written as `?`.
    pub fn finish(self) -> BoxResult<u64> {
        let mut inner = self
            .w
            .into_inner()
            .map_err(|e| format!("flushing csv: {e}"))?;
        inner.file.flush()?;
        Ok(inner.replaced)
    }
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// Fixed document date so that two runs produce byte-identical files.
fn properties() -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2026, 4, 8)?.and_hms(8, 0, 0)?;
    Ok(DocProperties::new()
        .set_title("Data sintetis ulpk-eval")
        .set_author("ulpk-eval gen_samples")
        .set_creation_datetime(&created))
}

fn excel_dt(dt: chrono::NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    use chrono::{Datelike, Timelike};
    ExcelDateTime::from_ymd(dt.year() as u16, dt.month() as u8, dt.day() as u8)?.and_hms(
        dt.hour() as u16,
        dt.minute() as u8,
        dt.second(),
    )
}

struct Formats {
    date: Format,
    wrap: Format,
    header: Format,
}

fn formats() -> Formats {
    Formats {
        date: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        wrap: Format::new().set_text_wrap(),
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border_bottom(FormatBorder::Thin),
    }
}

fn write_date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &DateCell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        DateCell::Blank => {}
        DateCell::Dt(dt) => {
            ws.write_datetime_with_format(row, col, excel_dt(*dt)?, &f.date)?;
        }
        DateCell::Serial(dt) => {
            ws.write_number(row, col, crate::model::excel_serial(*dt))?;
        }
        DateCell::Text(s) => {
            ws.write_string(row, col, s.as_str())?;
        }
    }
    Ok(())
}

fn write_texts(ws: &mut Worksheet, row: u32, cols: &[(u16, &str)]) -> Result<(), XlsxError> {
    for (c, v) in cols {
        if !v.is_empty() {
            ws.write_string(row, *c, *v)?;
        }
    }
    Ok(())
}

/// SP4N-LAPOR! export with three title rows above the header.
pub fn write_lapor_xlsx(path: &Path, tickets: &[Ticket]) -> BoxResult<()> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties()?);
    let f = formats();
    let title = Format::new().set_bold().set_font_size(14);
    let ws = wb.add_worksheet();
    ws.set_name("Laporan")?;
    ws.write_string_with_format(
        0,
        0,
        "LAPORAN PENGADUAN SP4N-LAPOR! BADAN PENGAWAS OBAT DAN MAKANAN",
        &title,
    )?;
    ws.write_string(1, 0, "Periode: 1 Januari 2026 - 31 Maret 2026")?;
    for (c, h) in LAPOR_HEADER.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &f.header)?;
    }
    let widths = [
        12.0, 32.0, 18.0, 11.0, 18.0, 17.0, 17.0, 17.0, 13.0, 24.0, 70.0, 90.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, t) in tickets.iter().enumerate() {
        let row = 4 + i as u32;
        write_texts(
            ws,
            row,
            &[
                (0, &t.id),
                (1, t.unit.name),
                (2, t.media.label()),
                (3, t.kind.label()),
                (4, t.commodity.label()),
                (8, t.status.label()),
                (9, &t.officer),
            ],
        )?;
        for (k, cell) in t.cells.iter().enumerate() {
            write_date(ws, row, 5 + k as u16, cell, &f)?;
        }
        if !t.question.is_empty() {
            ws.write_string_with_format(row, 10, t.question.as_str(), &f.wrap)?;
        }
        if !t.answer.is_empty() {
            ws.write_string_with_format(row, 11, t.answer.as_str(), &f.wrap)?;
        }
    }
    ws.set_freeze_panes(4, 0)?;
    wb.save(path).map_err(with_path(path, "cannot write"))?;
    Ok(())
}

/// Bench XLSX: the Simpel columns, header in row 1, no title rows, written in
/// rust_xlsxwriter's constant-memory mode (rows stream to a temporary file).
pub struct BenchXlsx {
    wb: Workbook,
    f: Formats,
    row: u32,
}

impl BenchXlsx {
    pub fn create() -> BoxResult<BenchXlsx> {
        let mut wb = Workbook::new();
        wb.set_properties(&properties()?);
        wb.use_zip_large_file(true);
        let f = formats();
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name("Data")?;
        for (c, h) in SIMPEL_HEADER.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        }
        Ok(BenchXlsx { wb, f, row: 1 })
    }

    pub fn write(&mut self, t: &Ticket) -> BoxResult<()> {
        let row = self.row;
        if row >= 1_048_576 {
            return Err("XLSX sheets hold at most 1,048,575 data rows".into());
        }
        let ws = self.wb.worksheet_from_index(0)?;
        write_texts(
            ws,
            row,
            &[
                (0, &t.id),
                (1, t.unit.name),
                (2, t.media.label()),
                (3, t.kind.label()),
                (4, t.commodity.label()),
                (8, t.status.label()),
                (9, &t.officer),
                (10, &t.question),
                (11, &t.answer),
                (12, t.accuracy),
            ],
        )?;
        for (k, cell) in t.cells.iter().enumerate() {
            write_date(ws, row, 5 + k as u16, cell, &self.f)?;
        }
        self.row += 1;
        Ok(())
    }

    pub fn finish(mut self, path: &Path) -> BoxResult<()> {
        self.wb
            .save(path)
            .map_err(with_path(path, "cannot write"))?;
        Ok(())
    }
}

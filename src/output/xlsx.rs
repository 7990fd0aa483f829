//! XLSX writing helpers over rust_xlsxwriter: frames to sheets with header formats, widths,
//! frozen header, autofilter and print setup; deterministic document properties.

use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use crate::error::{Error, Result};

/// Excel's row limit, header included.
pub const MAX_ROWS: usize = 1_048_576;
/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

pub fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::plain(msg!(
        "gagal menyusun XLSX: {e}",
        "cannot build the XLSX: {e}"
    ))
}

/// A failure while a workbook is saved to `path`: a disk full, a file size limit or
/// another I/O error in the user's words with the file name ([`Error::io`]), never the
/// library's text (`ZipWriter::drop`, "os error 28").
pub fn save_err(path: &std::path::Path, e: rust_xlsxwriter::XlsxError) -> Error {
    use rust_xlsxwriter::XlsxError as X;
    match &e {
        X::IoError(io) | X::ZipError(::zip::result::ZipError::Io(io)) => Error::io(path, io),
        X::TempFileError(dir, io) => Error::io(dir, io),
        _ => Error::new(
            crate::error::Location::file(path),
            msg!("gagal menyusun XLSX: {e}", "cannot build the XLSX: {e}"),
        ),
    }
}

/// The start of the panic message rust_xlsxwriter gives when it cannot write a worksheet's
/// temporary file in constant-memory mode (a disk full or a file size limit while rows are
/// written): it panics there instead of returning an error.
const WRITE_PANIC: &str = "Couldn't write to xml file";

/// The text of a panic's payload.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

/// Whether a panic is rust_xlsxwriter's failed write of its temporary worksheet file (the
/// panic hook keeps it off the console; [`write_panic_error`] says it instead).
pub fn is_write_panic(payload: &(dyn std::any::Any + Send)) -> bool {
    panic_text(payload).is_some_and(|t| t.starts_with(WRITE_PANIC))
}

/// rust_xlsxwriter's failed write of its temporary worksheet file as an error in the
/// user's words, naming the folder it writes them to (the system's temporary folder).
pub fn write_panic_error(payload: &(dyn std::any::Any + Send)) -> Option<Error> {
    use std::io::ErrorKind as K;
    let text = panic_text(payload).filter(|t| t.starts_with(WRITE_PANIC))?;
    let kind = [
        ("StorageFull", K::StorageFull),
        ("QuotaExceeded", K::QuotaExceeded),
        ("FileTooLarge", K::FileTooLarge),
        ("PermissionDenied", K::PermissionDenied),
        ("ReadOnlyFilesystem", K::ReadOnlyFilesystem),
    ]
    .into_iter()
    .find(|(name, _)| text.contains(&format!("kind: {name}")))
    .map_or(K::Other, |(_, k)| k);
    let dir = std::env::temp_dir();
    let e = Error::io(&dir, &std::io::Error::from(kind));
    let what = e.message.clone();
    Some(Error::new(
        e.location.clone(),
        crate::error::Msg::new(
            format!(
                "gagal menulis lembar kerja sementara XLSX di folder ini: {}",
                what.id
            ),
            format!(
                "cannot write the XLSX's temporary worksheet data in this folder: {}",
                what.en
            ),
        ),
    ))
}

/// Saves a workbook to `path` through a temporary file put in place when complete (see
/// [`super::atomic_write`]).
pub fn save(wb: &mut Workbook, path: &std::path::Path) -> Result<()> {
    super::atomic_write(path, |f| {
        wb.save_to_writer(f).map_err(|e| save_err(path, e))
    })
}

/// A new workbook with fixed document properties, so the same inputs give the same bytes.
/// The creation time is `SOURCE_DATE_EPOCH` when set, else 1980-01-01.
pub fn new_workbook(title: &str) -> Result<Workbook> {
    let created = match super::source_date()? {
        Some(t) => ExcelDateTime::from_timestamp(t.timestamp()).map_err(xlsx_err)?,
        None => ExcelDateTime::from_ymd(1980, 1, 1).map_err(xlsx_err)?,
    };
    let props = DocProperties::new()
        .set_title(title)
        .set_author("ulpk-eval")
        .set_creation_datetime(&created);
    let mut wb = Workbook::new();
    wb.set_properties(&props);
    Ok(wb)
}

/// Adds a hidden, protected sheet of key–value pairs (columns A and B) that tells a
/// workbook this tool wrote apart when it comes back (see [`crate::ingest::keyed`]).
pub fn write_meta_sheet(wb: &mut Workbook, name: &str, pairs: &[(&str, &str)]) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    for (r, (k, v)) in pairs.iter().enumerate() {
        ws.write_string(r as u32, 0, *k).map_err(xlsx_err)?;
        ws.write_string(r as u32, 1, *v).map_err(xlsx_err)?;
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(0xD9E1F2)
        .set_border(FormatBorder::Thin)
}

/// Cuts text to Excel's cell limit.
pub fn cell_text(s: &str) -> &str {
    if s.len() <= MAX_CELL_CHARS {
        return s;
    }
    let mut end = MAX_CELL_CHARS.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    // Characters, not bytes, count in Excel; bytes ≥ chars so this is within the limit.
    &s[..end]
}

/// The name of the sheet of data issues in every workbook the tool writes.
pub const ISSUES_SHEET: (&str, &str) = ("Masalah Data", "Data Issues");

/// The "Masalah Data" sheet: every data issue with its place.
pub fn write_issues_sheet(
    wb: &mut Workbook,
    issues: &[crate::issues::DataIssue],
    lang: crate::i18n::Lang,
) -> Result<()> {
    write_frame(
        wb,
        lang.of(crate::output::xlsx::ISSUES_SHEET),
        &crate::issues::issues_frame(issues, lang),
        &crate::issues::issues_headers(lang),
    )
}

/// Writes a frame to sheets named `name`, `name (2)`, … each holding at most Excel's row
/// limit, with `headers` as the header row.
pub fn write_frame(
    wb: &mut Workbook,
    name: &str,
    df: &DataFrame,
    headers: &[String],
) -> Result<()> {
    write_frame_parts(wb, name, headers, std::iter::once(Ok(df.clone())))
}

/// Writes frames one after another as one table, like [`write_frame`], holding one part
/// at a time: the rows of a large run streamed from disk.
pub fn write_frame_parts(
    wb: &mut Workbook,
    name: &str,
    headers: &[String],
    parts: impl Iterator<Item = Result<DataFrame>>,
) -> Result<()> {
    let per_sheet = MAX_ROWS - 1;
    let mut sheets = 0usize;
    let mut open: Option<(String, SheetState)> = None;
    for part in parts {
        let df = part?;
        let mut offset = 0;
        while offset < df.height() || (open.is_none() && sheets == 0) {
            if open.as_ref().is_none_or(|(_, st)| st.rows == per_sheet) {
                if let Some((n, st)) = open.take() {
                    st.end(wb.worksheet_from_name(&n).map_err(xlsx_err)?)?;
                }
                sheets += 1;
                let sheet_name = if sheets == 1 {
                    name.to_string()
                } else {
                    format!("{name} ({sheets})")
                };
                let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
                ws.set_name(&sheet_name).map_err(xlsx_err)?;
                open = Some((sheet_name, SheetState::begin(ws, &df, headers)?));
            }
            let Some((n, st)) = open.as_mut() else {
                break;
            };
            let len = (per_sheet - st.rows).min(df.height() - offset);
            st.write_rows(
                wb.worksheet_from_name(n).map_err(xlsx_err)?,
                &df.slice(offset as i64, len),
                &|_, _| None,
            )?;
            offset += len;
            if df.height() == 0 {
                break;
            }
        }
    }
    match open {
        Some((n, st)) => st.end(wb.worksheet_from_name(&n).map_err(xlsx_err)?),
        None => Ok(()),
    }
}

/// Writes one frame into a worksheet, header on row 0.
pub fn write_sheet(ws: &mut Worksheet, df: &DataFrame, headers: &[String]) -> Result<()> {
    write_sheet_with_caveats(ws, df, headers, &|_, _| None)
}

/// A cell's caveat by data row and column: text written in grey in place of the value
/// ("n = 3 < 10"), which keeps the value out of the column's colour scale.
pub type Caveat<'a> = &'a dyn Fn(usize, usize) -> Option<String>;

/// Like [`write_sheet`], with the cells `caveat` names written as grey text.
pub fn write_sheet_with_caveats(
    ws: &mut Worksheet,
    df: &DataFrame,
    headers: &[String],
    caveat: Caveat,
) -> Result<()> {
    let mut st = SheetState::begin(ws, df, headers)?;
    st.write_rows(ws, df, caveat)?;
    st.end(ws)
}

/// Writes a small frame to a new sheet `name`, the cells `caveat` names as grey text (see
/// [`write_sheet_with_caveats`]).
pub fn write_frame_with_caveats(
    wb: &mut Workbook,
    name: &str,
    df: &DataFrame,
    headers: &[String],
    caveat: Caveat,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    write_sheet_with_caveats(ws, df, headers, caveat)
}

/// A caveat for the figures of the rows whose `note` column holds text (e.g. "n = 4 < 10"):
/// the note in place of each figure column, the figure after it in brackets with its
/// decimals ("n = 4 < 10 (50.0)").
pub fn noted_figures<'a>(
    df: &'a DataFrame,
    note: &str,
    figures: &[(&str, usize)],
) -> impl Fn(usize, usize) -> Option<String> + 'a {
    let notes: Vec<Option<String>> = df
        .column(note)
        .ok()
        .and_then(|c| c.str().ok().cloned())
        .map(|c| c.iter().map(|v| v.map(str::to_string)).collect())
        .unwrap_or_default();
    let columns: Vec<(usize, usize)> = figures
        .iter()
        .filter_map(|(name, decimals)| {
            let j = df
                .get_column_names()
                .iter()
                .position(|c| c.as_str() == *name)?;
            Some((j, *decimals))
        })
        .collect();
    move |row: usize, col: usize| {
        let note = notes.get(row)?.as_ref()?;
        let (_, decimals) = columns.iter().find(|(j, _)| *j == col)?;
        let value = df
            .columns()
            .get(col)
            .and_then(|c| c.cast(&DataType::Float64).ok())
            .and_then(|c| c.f64().ok().and_then(|c| c.get(row)));
        Some(match value {
            Some(v) => format!("{note} ({v:.decimals$})"),
            None => note.clone(),
        })
    }
}

/// A table being written into a worksheet: its header is written, rows follow in order.
struct SheetState {
    widths: Vec<usize>,
    /// Data rows written so far.
    rows: usize,
    columns: usize,
    date_fmt: Format,
    num_fmt: Format,
}

impl SheetState {
    /// Writes the header row; widths start from the headers and the columns' types.
    fn begin(ws: &mut Worksheet, df: &DataFrame, headers: &[String]) -> Result<SheetState> {
        let hf = header_format();
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, cell_text(h), &hf)
                .map_err(xlsx_err)?;
        }
        // Text columns fit their header (up to 30) and values (up to 60); numeric columns
        // fit their values and let a long header wrap.
        let numeric: Vec<bool> = df
            .columns()
            .iter()
            .map(|c| c.dtype().is_primitive_numeric())
            .collect();
        let widths: Vec<usize> = headers
            .iter()
            .enumerate()
            .map(|(j, h)| {
                let n = h.chars().count();
                if numeric.get(j).copied().unwrap_or(false) {
                    n.clamp(6, 12)
                } else {
                    n.min(30)
                }
            })
            .collect();
        let longest_header = headers.iter().map(|h| h.chars().count()).max().unwrap_or(0);
        if longest_header > 12 {
            let lines = if longest_header > 36 { 60 } else { 45 };
            ws.set_row_height(0, lines).map_err(xlsx_err)?;
        }
        Ok(SheetState {
            widths,
            rows: 0,
            columns: headers.len(),
            date_fmt: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            num_fmt: Format::new().set_num_format("0.00"),
        })
    }

    /// Writes the frame's rows below those written.
    fn write_rows(&mut self, ws: &mut Worksheet, df: &DataFrame, caveat: Caveat) -> Result<()> {
        let widths = &mut self.widths;
        let grey = Format::new().set_font_color(0x808080).set_italic();
        // Columns are written row by row (constant-memory sheets need row order).
        let typed: Vec<CellSource> = df
            .columns()
            .iter()
            .map(CellSource::new)
            .collect::<Result<_>>()?;
        for i in 0..df.height() {
            let sheet_row = self.rows + i;
            let r = (sheet_row + 1) as u32;
            for (j, src) in typed.iter().enumerate() {
                let jc = j as u16;
                if let Some(text) = caveat(sheet_row, j) {
                    widths[j] = widths[j].max(text.chars().count().min(60));
                    ws.write_string_with_format(r, jc, cell_text(&text), &grey)
                        .map_err(xlsx_err)?;
                    continue;
                }
                match src {
                    CellSource::Str(ca) => {
                        if let Some(s) = ca.get(i) {
                            let s = cell_text(s);
                            if sheet_row < 200 {
                                widths[j] = widths[j].max(s.chars().count().min(60));
                            }
                            ws.write_string(r, jc, s).map_err(xlsx_err)?;
                        }
                    }
                    CellSource::Int(ca) => {
                        if let Some(v) = ca.get(i) {
                            ws.write_number(r, jc, v as f64).map_err(xlsx_err)?;
                        }
                    }
                    CellSource::Float(ca) => {
                        if let Some(v) = ca.get(i)
                            && v.is_finite()
                        {
                            ws.write_number_with_format(r, jc, v, &self.num_fmt)
                                .map_err(xlsx_err)?;
                        }
                    }
                    CellSource::Bool(ca) => {
                        if let Some(v) = ca.get(i) {
                            ws.write_boolean(r, jc, v).map_err(xlsx_err)?;
                        }
                    }
                    CellSource::Datetime(ca) => {
                        if let Some(ms) = ca.get(i)
                            && let Some(dt) = chrono::DateTime::from_timestamp_millis(ms)
                        {
                            let x =
                                ExcelDateTime::from_timestamp(dt.timestamp()).map_err(xlsx_err)?;
                            ws.write_datetime_with_format(r, jc, &x, &self.date_fmt)
                                .map_err(xlsx_err)?;
                            widths[j] = widths[j].max(16);
                        }
                    }
                }
            }
        }
        self.rows += df.height();
        Ok(())
    }

    /// Column widths, frozen header, filter and print setup.
    fn end(self, ws: &mut Worksheet) -> Result<()> {
        for (j, w) in self.widths.iter().enumerate() {
            ws.set_column_width(j as u16, (*w as f64 + 2.0).clamp(6.0, 62.0))
                .map_err(xlsx_err)?;
        }
        let last_col = self.columns.saturating_sub(1) as u16;
        ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        if self.rows > 0 {
            ws.autofilter(0, 0, self.rows as u32, last_col)
                .map_err(xlsx_err)?;
        }
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0).map_err(xlsx_err)?;
        Ok(())
    }
}

enum CellSource {
    Str(StringChunked),
    Int(Int64Chunked),
    Float(Float64Chunked),
    Bool(BooleanChunked),
    Datetime(Int64Chunked),
}

impl CellSource {
    fn new(c: &Column) -> Result<CellSource> {
        let err = |e: PolarsError| crate::error::polars_err("XLSX", e);
        let c = c.rechunk();
        Ok(match c.dtype() {
            DataType::String => CellSource::Str(c.str().map_err(err)?.clone()),
            DataType::Boolean => CellSource::Bool(c.bool().map_err(err)?.clone()),
            DataType::Float32 | DataType::Float64 => CellSource::Float(
                c.cast(&DataType::Float64)
                    .map_err(err)?
                    .f64()
                    .map_err(err)?
                    .clone(),
            ),
            DataType::Datetime(_, _) => {
                let ms = c
                    .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
                    .map_err(err)?
                    .cast(&DataType::Int64)
                    .map_err(err)?;
                CellSource::Datetime(ms.i64().map_err(err)?.clone())
            }
            dt if dt.is_integer() => CellSource::Int(
                c.cast(&DataType::Int64)
                    .map_err(err)?
                    .i64()
                    .map_err(err)?
                    .clone(),
            ),
            _ => CellSource::Str(
                c.cast(&DataType::String)
                    .map_err(err)?
                    .str()
                    .map_err(err)?
                    .clone(),
            ),
        })
    }
}

/// A red–yellow–green colour scale on a column's data rows (row 1 to `last_row`).
pub fn color_scale(ws: &mut Worksheet, col: u16, last_row: u32) -> Result<()> {
    let cf = rust_xlsxwriter::ConditionalFormat3ColorScale::new()
        .set_minimum_color(0xF8696B)
        .set_midpoint_color(0xFFEB84)
        .set_maximum_color(0x63BE7B);
    conditional(ws, col, last_row, &cf)
}

/// Adds a conditional format to a column's data rows (row 1 to `last_row`).
fn conditional(
    ws: &mut Worksheet,
    col: u16,
    last_row: u32,
    cf: &(impl rust_xlsxwriter::ConditionalFormat + Send + Sync),
) -> Result<()> {
    if last_row == 0 {
        return Ok(());
    }
    ws.add_conditional_format(1, col, last_row, col, cf)
        .map_err(xlsx_err)?;
    Ok(())
}

/// Fills cells of a column whose text begins with `text` (e.g. a zone name) with `color`.
pub fn fill_when_text(
    ws: &mut Worksheet,
    col: u16,
    last_row: u32,
    text: &str,
    color: u32,
) -> Result<()> {
    let cf = rust_xlsxwriter::ConditionalFormatText::new()
        .set_rule(rust_xlsxwriter::ConditionalFormatTextRule::BeginsWith(
            text.to_string(),
        ))
        .set_format(Format::new().set_background_color(color));
    conditional(ws, col, last_row, &cf)
}

/// Light fills for good, middling and poor cells (Excel's "good/neutral/bad" styles).
pub const FILL_GOOD: u32 = 0xC6EFCE;
pub const FILL_NEUTRAL: u32 = 0xFFEB9C;
pub const FILL_BAD: u32 = 0xFFC7CE;

/// Fills for grades listed best first: the best good, the worst bad, the rest neutral.
pub fn grade_fills(grades: &[String]) -> Vec<(String, u32)> {
    let n = grades.len();
    grades
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let c = match i {
                0 => FILL_GOOD,
                _ if i + 1 == n => FILL_BAD,
                _ => FILL_NEUTRAL,
            };
            (g.clone(), c)
        })
        .collect()
}

/// Fills cells of a column whose text equals `text` with `color`.
pub fn fill_when_equal(
    ws: &mut Worksheet,
    col: u16,
    last_row: u32,
    text: &str,
    color: u32,
) -> Result<()> {
    let cf = rust_xlsxwriter::ConditionalFormatCell::new()
        .set_rule(rust_xlsxwriter::ConditionalFormatCellRule::EqualTo(text))
        .set_format(Format::new().set_background_color(color));
    conditional(ws, col, last_row, &cf)
}

/// Fills a column's numbers green when above zero and red when below (differences).
pub fn sign_fills(ws: &mut Worksheet, col: u16, last_row: u32) -> Result<()> {
    for (rule, color) in [
        (
            rust_xlsxwriter::ConditionalFormatCellRule::GreaterThan(0),
            FILL_GOOD,
        ),
        (
            rust_xlsxwriter::ConditionalFormatCellRule::LessThan(0),
            FILL_BAD,
        ),
    ] {
        let cf = rust_xlsxwriter::ConditionalFormatCell::new()
            .set_rule(rule)
            .set_format(Format::new().set_background_color(color));
        conditional(ws, col, last_row, &cf)?;
    }
    Ok(())
}

/// The sheet column of a frame's column (frames are written from column A).
pub fn column_index(df: &DataFrame, name: &str) -> u16 {
    df.get_column_names()
        .iter()
        .position(|c| c.as_str() == name)
        .unwrap_or(0) as u16
}

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

/// What every printed page of a workbook says: its title, the period and the unit at the
/// top, the sheet and "Halaman x dari y" at the bottom.
pub struct PageHead<'a> {
    pub title: &'a str,
    pub period: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub lang: crate::i18n::Lang,
}

impl<'a> PageHead<'a> {
    /// A header with a title only.
    pub fn titled(title: &'a str, lang: crate::i18n::Lang) -> Self {
        PageHead {
            title,
            period: None,
            unit: None,
            lang,
        }
    }
}

/// A4 in rust_xlsxwriter's (Excel's) paper codes.
const PAPER_A4: u8 = 9;

/// Text for a header or footer section: `&` is a control character there.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// Page set-up every sheet gets: A4, narrow margins, the header and the footer of `head`.
/// Pages are numbered through the workbook ("Halaman 5 dari 12" of everything printed). The orientation and scale are each sheet's own (see
/// [`SheetState::end`]).
fn print_setup(wb: &mut Workbook, head: &PageHead) {
    let lang = head.lang;
    // Excel refuses headers over 255 characters with their control codes; long names are
    // cut (they are repeated on the sheet itself).
    let cut = |s: &str| s.chars().take(70).collect::<String>();
    let header = format!(
        "&L&9&\"-,Bold\"{}&C&9{}&R&9{}",
        header_text(&cut(head.title)),
        header_text(&cut(head.period.unwrap_or(""))),
        header_text(&cut(head.unit.unwrap_or(""))),
    );
    let footer = format!(
        "&L&9&A&R&9{}",
        lang.pick("Halaman &P dari &N", "Page &P of &N")
    );
    for ws in wb.worksheets_mut() {
        ws.set_paper_size(PAPER_A4);
        ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
        ws.set_header(&header);
        ws.set_footer(&footer);
        // The header and footer keep their size on a sheet printed smaller.
        ws.set_header_footer_scale_with_doc(false);
    }
}

/// Saves a workbook to `path` through a temporary file put in place when complete (see
/// [`super::atomic_write`]), every sheet set up for A4 with `head`'s header and footer.
pub fn save(wb: &mut Workbook, path: &std::path::Path, head: &PageHead) -> Result<()> {
    save_into(wb, super::TempFile::new(path)?, head)
}

/// Like [`save`], into a temporary file made beforehand (see [`super::write_into`]): the
/// output claimed when a long job begins, written when it ends.
pub fn save_into(wb: &mut Workbook, tmp: super::TempFile, head: &PageHead) -> Result<()> {
    print_setup(wb, head);
    let path = tmp.path().to_path_buf();
    super::write_into(tmp, |f| {
        wb.save_to_writer(f).map_err(|e| save_err(&path, e))
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
    let mut table = TableStream::new(name, headers.to_vec());
    for part in parts {
        table.push(wb, part?)?;
    }
    table.finish(wb)
}

/// A table written part by part into sheets named `name`, `name (2)`, … each holding at
/// most Excel's row limit, as the parts arrive (constant-memory sheets: only the part
/// being written is held). Column widths come from the table's first [`SAMPLE_ROWS`]
/// rows whatever its parts, so the size of the parts changes no byte.
pub struct TableStream {
    name: String,
    headers: Vec<String>,
    /// The first parts, held until they make [`SAMPLE_ROWS`] rows.
    head: Vec<DataFrame>,
    gathered: usize,
    /// The rows the widths come from, once the first rows are written.
    sample: Option<DataFrame>,
    sheets: usize,
    open: Option<(String, SheetState)>,
    /// Text too wide for its column wraps and its row grows (see [`TableStream::one_line`]).
    wrap: bool,
}

impl TableStream {
    /// A table named `name` with `headers` as its header row; nothing is written yet.
    pub fn new(name: &str, headers: Vec<String>) -> TableStream {
        TableStream {
            name: name.to_string(),
            headers,
            head: Vec::new(),
            gathered: 0,
            sample: None,
            sheets: 0,
            open: None,
            wrap: true,
        }
    }

    /// Every data row one line high, text too wide for its column cut at the column's
    /// edge (the whole text is in the cell): for a table of every answer, which is
    /// scanned and filtered rather than read row by row. rust_xlsxwriter keeps each row
    /// whose height is set until the workbook is saved (a few hundred bytes a row), so a
    /// table whose rows grow holds memory in proportion to its rows.
    pub fn one_line(mut self) -> TableStream {
        self.wrap = false;
        self
    }

    /// Adds a part's rows below those written.
    pub fn push(&mut self, wb: &mut Workbook, df: DataFrame) -> Result<()> {
        if self.sample.is_some() {
            return self.write(wb, &df);
        }
        self.gathered += df.height();
        self.head.push(df);
        if self.gathered < SAMPLE_ROWS {
            return Ok(());
        }
        self.begin(wb)
    }

    /// Writes the parts held for the widths, the first sheet begun even when they are
    /// empty (a table without rows still has its header).
    fn begin(&mut self, wb: &mut Workbook) -> Result<()> {
        let mut head = std::mem::take(&mut self.head).into_iter();
        let mut first = head.next().unwrap_or_default();
        for df in head {
            first
                .vstack_mut_owned(df)
                .map_err(|e| crate::error::polars_err("XLSX", e))?;
        }
        self.sample = Some(first.head(Some(SAMPLE_ROWS)));
        self.write(wb, &first)
    }

    fn write(&mut self, wb: &mut Workbook, df: &DataFrame) -> Result<()> {
        let per_sheet = MAX_ROWS - 1;
        let mut offset = 0;
        while offset < df.height() || (self.open.is_none() && self.sheets == 0) {
            if self
                .open
                .as_ref()
                .is_none_or(|(_, st)| st.rows == per_sheet)
            {
                if let Some((n, st)) = self.open.take() {
                    st.end(wb.worksheet_from_name(&n).map_err(xlsx_err)?)?;
                }
                self.sheets += 1;
                let sheet_name = if self.sheets == 1 {
                    self.name.clone()
                } else {
                    format!("{} ({})", self.name, self.sheets)
                };
                let ws = wb.add_worksheet_with_constant_memory().map_err(xlsx_err)?;
                ws.set_name(&sheet_name).map_err(xlsx_err)?;
                let sample = self.sample.as_ref().map_or(df, |s| s);
                let mut st = SheetState::begin(ws, sample, &self.headers, &|_, _| None)?;
                st.wrap = self.wrap;
                self.open = Some((sheet_name, st));
            }
            let Some((n, st)) = self.open.as_mut() else {
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
        Ok(())
    }

    /// Ends the last sheet (its widths, filter and print set-up).
    pub fn finish(mut self, wb: &mut Workbook) -> Result<()> {
        if self.sample.is_none() {
            self.begin(wb)?;
        }
        match self.open.take() {
            Some((n, st)) => st.end(wb.worksheet_from_name(&n).map_err(xlsx_err)?),
            None => Ok(()),
        }
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
    let mut st = SheetState::begin(ws, df, headers, caveat)?;
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

/// The rows a table's column widths are measured on.
const SAMPLE_ROWS: usize = 1000;
/// The widest a text column gets (in Excel's character units); longer text wraps.
const TEXT_MAX: usize = 50;
/// The widest a header makes a text column before it wraps.
const HEADER_MAX: usize = 30;
/// Printable width of an A4 page in points, portrait and landscape: 210 and 297 mm less
/// the half-inch margins, less 3 % on the safe side (LibreOffice pads a little more).
const PORTRAIT_WIDTH: f64 = 507.0;
const LANDSCAPE_WIDTH: f64 = 747.0;
/// The widest a column gets for one word that cannot wrap (a path, a SHA-256).
const WORD_MAX: usize = 100;
/// The smallest print scale (%): Calibri 11 prints at 8.25 pt, still read without effort.
/// A table wider than a landscape page at this scale is printed over several pages across
/// with its first column repeated.
const MIN_SCALE: f64 = 75.0;

/// Width a text of `chars` characters needs: a margin for wide letters and the padding.
fn text_width(chars: usize) -> usize {
    (chars as f64 * 1.1).ceil() as usize + 1
}

/// Lines `text` takes wrapped at spaces in a column `width` character units wide (a
/// character a unit: on the safe side for Calibri's text, narrower than its digits).
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    text.split('\n').map(|l| paragraph_lines(l, width)).sum()
}

/// [`wrapped_lines`] of text without line breaks.
fn paragraph_lines(text: &str, width: usize) -> usize {
    let room = width.saturating_sub(1).max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if used > 0 && used + 1 + n > room {
            lines += 1;
            used = 0;
        }
        used = if used == 0 { n } else { used + 1 + n };
        // A word longer than the line breaks inside it.
        while used > room {
            lines += 1;
            used -= room;
        }
    }
    lines
}

/// The widths (Excel's character units) [`write_frame`] gives a table's columns: from the
/// headers, the columns' types and the text of the first [`SAMPLE_ROWS`] rows and their
/// caveats; text up to [`TEXT_MAX`] (longer text wraps), a word that cannot wrap up to
/// [`WORD_MAX`]; numeric columns fit their values and let a long header wrap.
pub fn column_widths(df: &DataFrame, headers: &[String], caveat: Caveat) -> Vec<usize> {
    let df = &df.head(Some(SAMPLE_ROWS));
    let mut widths: Vec<usize> = Vec::with_capacity(headers.len());
    for (j, h) in headers.iter().enumerate() {
        let n = h.chars().count();
        let column = df.columns().get(j);
        let numeric = column.is_some_and(|c| c.dtype().is_primitive_numeric());
        let mut w = if numeric {
            n.clamp(6, 12)
        } else {
            text_width(n).min(HEADER_MAX)
        };
        let mut word = 0;
        if let Some(c) = column {
            w = w.max(match c.dtype() {
                DataType::String => c
                    .str()
                    .ok()
                    .and_then(|s| s.str_len_chars().max())
                    .map_or(0, |m| text_width(m as usize)),
                DataType::Datetime(_, _) => 16,
                _ => 0,
            });
            // Text only breaks at spaces: the column is as wide as its longest word.
            if let Ok(s) = c.str() {
                word = s
                    .iter()
                    .flatten()
                    .flat_map(str::split_whitespace)
                    .map(|x| text_width(x.chars().count()))
                    .max()
                    .unwrap_or(0);
            }
        }
        widths.push(w.min(TEXT_MAX).max(word.min(WORD_MAX)));
    }
    for i in 0..df.height() {
        for (j, w) in widths.iter_mut().enumerate() {
            if let Some(t) = caveat(i, j) {
                *w = (*w).max(text_width(t.chars().count()).min(TEXT_MAX));
            }
        }
    }
    widths
}

/// A table being written into a worksheet: its header is written, rows follow in order.
struct SheetState {
    widths: Vec<usize>,
    /// Data rows written so far.
    rows: usize,
    columns: usize,
    date_fmt: Format,
    num_fmt: Format,
    /// Every cell is top-aligned: a row grown by one wrapped cell reads from its top.
    top_fmt: Format,
    wrap_fmt: Format,
    grey: Format,
    grey_wrap: Format,
    /// Text too wide for its column wraps and its row grows ([`TableStream::one_line`]).
    wrap: bool,
}

impl SheetState {
    /// Writes the header row; the widths are [`column_widths`].
    fn begin(
        ws: &mut Worksheet,
        df: &DataFrame,
        headers: &[String],
        caveat: Caveat,
    ) -> Result<SheetState> {
        let hf = header_format();
        for (j, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, cell_text(h), &hf)
                .map_err(xlsx_err)?;
        }
        let widths = column_widths(df, headers, caveat);
        // The header row is as tall as its longest wrapped header (the filter button takes
        // two characters of each header cell).
        let lines = headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrapped_lines(h, w.saturating_sub(2)))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(0, 15.0 * lines as f64 + 2.0)
                .map_err(xlsx_err)?;
        }
        let top = |f: Format| f.set_align(rust_xlsxwriter::FormatAlign::Top);
        let st = SheetState {
            widths,
            rows: 0,
            columns: headers.len(),
            date_fmt: top(Format::new().set_num_format("dd/mm/yyyy hh:mm")),
            num_fmt: top(Format::new().set_num_format("0.00")),
            top_fmt: top(Format::new()),
            wrap_fmt: top(Format::new().set_text_wrap()),
            grey: top(Format::new().set_font_color(0x808080).set_italic()),
            grey_wrap: top(Format::new()
                .set_font_color(0x808080)
                .set_italic()
                .set_text_wrap()),
            wrap: true,
        };
        // Each column's format is its cells' format (a cell written without one takes
        // its column's), so a cell is written with a format of its own only where it
        // differs, a text too wide for its column (it wraps): looking a format up costs
        // more than writing the cell.
        let sample = df.head(Some(SAMPLE_ROWS));
        for (j, c) in sample.columns().iter().enumerate().take(headers.len()) {
            let f = match CellSource::new(c)? {
                CellSource::Str(_) => &st.top_fmt,
                CellSource::Float(_) => &st.num_fmt,
                CellSource::Datetime(_) => &st.date_fmt,
                CellSource::Int(_) | CellSource::Bool(_) => &st.top_fmt,
            };
            ws.set_column_format(j as u16, f).map_err(xlsx_err)?;
        }
        Ok(st)
    }

    /// Whether text fits column `j` on one line.
    fn fits(&self, s: &str, j: usize) -> bool {
        text_width(s.chars().count()) <= self.widths[j]
    }

    /// Writes the frame's rows below those written. Text wider than its column wraps (the
    /// row grows to fit when the workbook is opened), so no text is cut at a cell edge.
    fn write_rows(&mut self, ws: &mut Worksheet, df: &DataFrame, caveat: Caveat) -> Result<()> {
        let widths = &self.widths;
        // One-line rows: every text is written as if it fit, cut at the column's edge.
        let fits = |s: &str, j: usize| !self.wrap || self.fits(s, j);
        // Columns are written row by row (constant-memory sheets need row order).
        let typed: Vec<CellSource> = df
            .columns()
            .iter()
            .map(CellSource::new)
            .collect::<Result<_>>()?;
        for i in 0..df.height() {
            let sheet_row = self.rows + i;
            let r = (sheet_row + 1) as u32;
            // The row is as tall as its most wrapped cell, set before its cells are written
            // (an explicit height: neither Excel nor LibreOffice fits rows when opening).
            let lines = if !self.wrap {
                1
            } else {
                typed
                    .iter()
                    .enumerate()
                    .map(|(j, src)| match (caveat(sheet_row, j), src) {
                        (Some(t), _) => wrapped_lines(&t, widths[j]),
                        (None, CellSource::Str(ca)) => ca
                            .get(i)
                            .filter(|s| !fits(s, j))
                            .map_or(1, |s| wrapped_lines(cell_text(s), widths[j])),
                        _ => 1,
                    })
                    .max()
                    .unwrap_or(1)
            };
            if lines > 1 {
                ws.set_row_height(r, 15.0 * lines as f64)
                    .map_err(xlsx_err)?;
            }
            for (j, src) in typed.iter().enumerate() {
                let jc = j as u16;
                if let Some(text) = caveat(sheet_row, j) {
                    let f = if fits(&text, j) {
                        &self.grey
                    } else {
                        &self.grey_wrap
                    };
                    ws.write_string_with_format(r, jc, cell_text(&text), f)
                        .map_err(xlsx_err)?;
                    continue;
                }
                // Written without a format, a cell takes its column's (see `begin`).
                match src {
                    CellSource::Str(ca) => {
                        if let Some(s) = ca.get(i) {
                            let s = cell_text(s);
                            if fits(s, j) {
                                ws.write_string(r, jc, s).map_err(xlsx_err)?;
                            } else {
                                ws.write_string_with_format(r, jc, s, &self.wrap_fmt)
                                    .map_err(xlsx_err)?;
                            }
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
                            ws.write_number(r, jc, v).map_err(xlsx_err)?;
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
                            ws.write_datetime(r, jc, &x).map_err(xlsx_err)?;
                        }
                    }
                }
            }
        }
        self.rows += df.height();
        Ok(())
    }

    /// Column widths, frozen header, filter and print set-up: the orientation the table's
    /// width needs, fitted to the page width down to [`MIN_SCALE`]; a wider table prints
    /// at that scale over pages across, its header row and first column on every page.
    fn end(self, ws: &mut Worksheet) -> Result<()> {
        for (j, w) in self.widths.iter().enumerate() {
            ws.set_column_width(j as u16, (*w as f64 + 1.0).max(6.0))
                .map_err(xlsx_err)?;
        }
        let last_col = self.columns.saturating_sub(1) as u16;
        ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        if self.rows > 0 {
            ws.autofilter(0, 0, self.rows as u32, last_col)
                .map_err(xlsx_err)?;
        }
        ws.set_repeat_rows(0, 0).map_err(xlsx_err)?;
        print_width(ws, self.widths.iter().map(|w| *w as f64 + 1.0))
    }
}

/// A column's printed width in points at 100 %: Excel's `7 w + 5` pixels at 96 dpi.
fn column_points(width: f64) -> f64 {
    (7.0 * width + 5.0) * 0.75
}

/// Orientation and scale for a sheet of columns this wide (Excel's character units; see
/// [`SheetState::end`]).
pub fn print_width(ws: &mut Worksheet, widths: impl Iterator<Item = f64>) -> Result<()> {
    let total: f64 = widths.map(column_points).sum();
    if total <= PORTRAIT_WIDTH {
        ws.set_portrait();
        ws.set_print_fit_to_pages(1, 0);
    } else if total * MIN_SCALE / 100.0 <= LANDSCAPE_WIDTH {
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_landscape();
        ws.set_print_scale(MIN_SCALE as u16);
        ws.set_repeat_columns(0, 0).map_err(xlsx_err)?;
        // Over, then down: a page's rows are read across before the next rows begin.
        ws.set_page_order(false);
    }
    Ok(())
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

/// Writes a note under a table whose columns are `widths` wide ([`column_widths`]): merged
/// across the columns of the table's first printed page and wrapped, the row as tall as
/// the text needs.
pub fn write_note(
    ws: &mut Worksheet,
    row: u32,
    widths: &[usize],
    text: &str,
    bold: bool,
) -> Result<()> {
    let mut f = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    if bold {
        f = f.set_bold();
    }
    let points: Vec<f64> = widths
        .iter()
        .map(|w| column_points(*w as f64 + 1.0))
        .collect();
    let total: f64 = points.iter().sum();
    // As [`print_width`] prints it: all on one page, or a page at the smallest scale (less
    // a tenth: where a page ends is LibreOffice's or Excel's to decide).
    let page = if total * MIN_SCALE / 100.0 <= LANDSCAPE_WIDTH {
        total
    } else {
        0.9 * LANDSCAPE_WIDTH * 100.0 / MIN_SCALE
    };
    let (mut columns, mut used) = (0, 0.0);
    while columns < points.len() && used + points[columns] <= page + 0.5 {
        used += points[columns];
        columns += 1;
    }
    let columns = columns.max(1);
    let width: usize = widths.iter().take(columns).map(|w| w + 1).sum();
    let text = cell_text(text);
    if columns > 1 {
        ws.merge_range(row, 0, row, columns as u16 - 1, text, &f)
            .map_err(xlsx_err)?;
    } else {
        ws.write_string_with_format(row, 0, text, &f)
            .map_err(xlsx_err)?;
    }
    let lines = wrapped_lines(text, width.max(10));
    if lines > 1 {
        ws.set_row_height(row, 15.0 * lines as f64)
            .map_err(xlsx_err)?;
    }
    Ok(())
}

/// Chart text large enough to read once the sheet is printed smaller (11 pt, 8.25 pt at
/// the smallest print scale).
pub fn chart_fonts(chart: &mut rust_xlsxwriter::Chart) {
    let mut font = rust_xlsxwriter::ChartFont::new();
    font.set_size(11);
    chart.x_axis().set_font(&font).set_name_font(&font);
    chart.y_axis().set_font(&font).set_name_font(&font);
    chart.legend().set_font(&font);
}

/// Fills a column's numbers (data rows 1 to `last_row`) with the colour of the band they
/// fall in (see [`crate::report::colours`]): one rule a band, best first, each from its
/// minimum. Text (a caveat such as "n = 4 < 10") and empty cells are left unfilled.
///
/// `fills` are (minimum, colour) pairs, best band first ([`crate::bands::BandSet::thresholds`]).
pub fn band_fills(ws: &mut Worksheet, col: u16, last_row: u32, fills: &[(f64, u32)]) -> Result<()> {
    let cell = rust_xlsxwriter::utility::row_col_to_cell(1, col);
    for (min, color) in fills {
        let cf = rust_xlsxwriter::ConditionalFormatFormula::new()
            .set_rule(format!("=AND(ISNUMBER({cell}),{cell}>={min})").as_str())
            .set_stop_if_true(true)
            .set_format(Format::new().set_background_color(*color));
        conditional(ws, col, last_row, &cf)?;
    }
    Ok(())
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

/// Light fills for a yes/no or a sign (a difference above or below zero, a minimum met or
/// not; Excel's "good/bad" styles). A figure in a band takes its band's colour instead
/// ([`band_fills`]).
pub const FILL_GOOD: u32 = 0xC6EFCE;
pub const FILL_BAD: u32 = 0xFFC7CE;

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

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn wrapped_lines_count_words_that_do_not_fit() {
        // 21 units wide leaves 20 characters a line.
        assert_eq!(wrapped_lines("Skor kualitas", 21), 1);
        assert_eq!(wrapped_lines("Skor kualitas Triwulan I 2026", 21), 2);
        // 11 a line: "Perubahan", "peringkat", "(+ naik)".
        assert_eq!(wrapped_lines("Perubahan peringkat (+ naik)", 12), 3);
        // A word longer than a line breaks inside it.
        assert_eq!(wrapped_lines(&"x".repeat(41), 21), 3);
        assert_eq!(wrapped_lines("", 21), 1);
        // Line breaks in the text start lines of their own (a blank line counts).
        assert_eq!(wrapped_lines("Dengan hormat,\n\nApakah produk", 21), 3);
    }
}

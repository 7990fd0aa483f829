//! CSV in the dialects Excel and reporting systems write.
//!
//! Detected, not configured: the encoding (UTF-8 with or without BOM, UTF-16 with BOM as
//! Excel's "Unicode Text", otherwise Windows-1252 as Excel writes "CSV" in the Indonesian
//! locale), the delimiter (`,` `;` tab `|`), and the header row (which may sit below title
//! rows). Quoted multi-line fields and CRLF line ends are handled by the parser. Rows are
//! numbered as Excel shows them: one per record, the first line being row 1.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use super::columns::{find_header_row, map_headers};
use super::{FILE_COL, HEADER_SEARCH_ROWS, IngestOptions, ROW_COL, SourceInfo, Table};
use crate::error::{Error, Location, Result};

/// Bytes looked at to detect the encoding, the delimiter and the header row.
const SNIFF_BYTES: usize = 256 * 1024;
const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

fn detect_encoding(sample: &[u8]) -> Encoding {
    if sample.starts_with(b"\xEF\xBB\xBF") {
        Encoding::Utf8Bom
    } else if sample.starts_with(b"\xFF\xFE") {
        Encoding::Utf16Le
    } else if sample.starts_with(b"\xFE\xFF") {
        Encoding::Utf16Be
    } else {
        match std::str::from_utf8(sample) {
            Ok(_) => Encoding::Utf8,
            // A multi-byte character cut at the end of the sample is still UTF-8.
            Err(e) if e.error_len().is_none() => Encoding::Utf8,
            Err(_) => Encoding::Windows1252,
        }
    }
}

/// Decodes a whole file to UTF-8 bytes without a BOM.
fn decode(bytes: &[u8], enc: Encoding) -> Vec<u8> {
    let encoding = match enc {
        Encoding::Utf8 | Encoding::Utf8Bom => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    // decode() strips a BOM of the encoding; for windows-1252 there is none.
    let (text, _, _) = encoding.decode(bytes);
    match text {
        Cow::Borrowed(s) => s.as_bytes().to_vec(),
        Cow::Owned(s) => s.into_bytes(),
    }
}

/// Parses the first records of a text with a delimiter, leniently: (1-based line where the
/// record starts, fields). Blank lines are not records.
fn first_records(text: &[u8], delimiter: u8, n: usize) -> Vec<(usize, Vec<String>)> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    // Lines by byte offset (the parser's own line count skips blank lines), counted on
    // from the previous record's start.
    let (mut counted, mut line) = (0usize, 1usize);
    rdr.byte_records()
        .take(n)
        .map_while(|r| r.ok())
        .map(|r| {
            let mut byte = r.position().map(|p| p.byte() as usize).unwrap_or(0);
            // The position may sit on the blank lines the parser skipped before the record.
            while matches!(text.get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            let byte = byte.min(text.len()).max(counted);
            line += memchr::memchr_iter(b'\n', &text[counted..byte]).count();
            counted = byte;
            let fields = r
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            (line, fields)
        })
        .collect()
}

/// The number of records of a text (as [`first_records`] reads them, without keeping them).
fn record_count(text: &[u8], delimiter: u8) -> usize {
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut record = ::csv::ByteRecord::new();
    let mut n = 0;
    while let Ok(true) = rdr.read_byte_record(&mut record) {
        n += 1;
    }
    n
}

/// The delimiter whose records most often share one field count above one.
fn detect_delimiter(sample: &[u8]) -> u8 {
    let mut best = (b',', 0usize);
    for d in DELIMITERS {
        let records = first_records(sample, d, 50);
        let mut counts: Vec<usize> = records.iter().map(|r| r.1.len()).collect();
        if counts.len() > 2 {
            // The last record may be cut by the end of the sample.
            counts.pop();
        }
        let mut freq = std::collections::BTreeMap::new();
        for c in counts.iter().filter(|c| **c > 1) {
            *freq.entry(*c).or_insert(0usize) += 1;
        }
        let score = freq
            .iter()
            .map(|(fields, n)| n * 1000 + fields)
            .max()
            .unwrap_or(0);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn delimiter_label(d: u8) -> &'static str {
    match d {
        b';' => "';'",
        b',' => "','",
        b'\t' => "tab",
        b'|' => "'|'",
        _ => "?",
    }
}

/// A CSV file sniffed and its header mapped, ready to be read whole or in chunks.
pub(super) struct Prepared {
    path: PathBuf,
    enc: Encoding,
    delimiter: u8,
    /// 1-based line of the header (Excel's row).
    header_line: usize,
    /// Byte offset just past the header line in the file, when the sample holds it.
    header_end: Option<usize>,
    n_fields: usize,
    mapping: super::HeaderMapping,
    /// Mean bytes per record in the sniffed sample.
    bytes_per_record: usize,
}

/// Sniffs a CSV file: encoding, delimiter, header row and column mapping.
pub(super) fn prepare(path: &Path, opts: &IngestOptions) -> Result<Prepared> {
    use std::io::Read;
    let mut file = crate::output::guard::open(path)?;
    let mut sample = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut sample)
        .map_err(|e| Error::io(path, &e))?;
    if sample.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(
            Location::file(path),
            msg!("file kosong", "the file is empty"),
        ));
    }
    let enc = detect_encoding(&sample);
    // Text in UTF-8 or Windows-1252 holds a stray NUL at most (kept as a control character
    // in its cell); a NUL in every other byte is UTF-16 under a wrong mark (a UTF-8 BOM
    // before UTF-16 text, as some converters write, or none), which read as text would be
    // letters split by NULs.
    if !matches!(enc, Encoding::Utf16Le | Encoding::Utf16Be)
        && sample.iter().filter(|b| **b == 0).count() * 4 > sample.len()
    {
        return Err(Error::new(
            Location::file(path),
            msg!(
                "berkas ini tampaknya UTF-16 dengan tanda awal (BOM) yang salah ({}); simpan ulang dari Excel sebagai \"CSV UTF-8\"",
                "this file looks like UTF-16 under a wrong byte-order mark ({}); save it again from Excel as \"CSV UTF-8\"",
                enc.label()
            ),
        ));
    }
    let sample_text = match enc {
        Encoding::Utf8 => sample.clone(),
        _ => decode(&sample, enc),
    };
    let delimiter = detect_delimiter(&sample_text);
    let head = first_records(&sample_text, delimiter, HEADER_SEARCH_ROWS);
    let head_fields: Vec<Vec<String>> = head.iter().map(|r| r.1.clone()).collect();
    let header_idx = find_header_row(&opts.specs, &head_fields).ok_or_else(|| {
        Error::new(
            Location::file(path),
            msg!(
                "baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama (pemisah {}); diharapkan judul seperti \"No. Tiket\", \"Unit Kerja\", \"Jawaban\"",
                "no header row found in the first {HEADER_SEARCH_ROWS} rows (delimiter {}); expected headers such as \"No. Tiket\", \"Unit Kerja\", \"Jawaban\"",
                delimiter_label(delimiter)
            ),
        )
    })?;
    // The header's line is its row as Excel shows it (title rows are single lines).
    let (header_line, headers) = (head[header_idx].0, &head[header_idx].1);
    let place = Location::file(path).with_row(header_line);
    let mapping = map_headers(&opts.specs, headers, &place)?;
    // Single-byte and UTF-8 files only: there a newline is one byte in the raw file.
    let header_end = match enc {
        Encoding::Utf16Le | Encoding::Utf16Be => None,
        _ => memchr::memchr_iter(b'\n', &sample)
            .nth(header_line.saturating_sub(1))
            .map(|i| i + 1),
    };
    let records = record_count(&sample_text, delimiter).max(1);
    Ok(Prepared {
        path: path.to_path_buf(),
        enc,
        delimiter,
        header_line,
        header_end,
        n_fields: headers.len(),
        mapping,
        bytes_per_record: (sample.len() / records).max(1),
    })
}

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    let p = prepare(path, opts)?;
    let (df, enc) = p.read_all()?;
    Ok(Table {
        source: p.source(enc, df.height()),
        df,
    })
}

impl Prepared {
    fn source(&self, enc: Encoding, rows: usize) -> SourceInfo {
        SourceInfo {
            hidden_skipped: Vec::new(),
            path: self.path.clone(),
            format: format!("CSV {} {}", delimiter_label(self.delimiter), enc.label()),
            sheet: None,
            header_row: self.header_line,
            mapping: self.mapping.clone(),
            rows,
        }
    }

    /// Options reading records as polars does for a part of the file: all columns as
    /// strings, no header (we found it), only the mapped columns, rows numbered from
    /// `first_row`. Lines (not records) are skipped so blank title lines count as Excel
    /// counts them.
    fn read_options(&self, skip_lines: usize, first_row: usize) -> CsvReadOptions {
        let schema: Schema = (0..self.n_fields)
            .map(|i| Field::new(format!("c{i}").into(), DataType::String))
            .collect();
        let mut projection: Vec<usize> = self.mapping.columns.iter().map(|c| c.1).collect();
        projection.sort_unstable();
        let delimiter = self.delimiter;
        CsvReadOptions::default()
            .with_has_header(false)
            .with_skip_lines(skip_lines)
            .with_schema(Some(Arc::new(schema)))
            .with_projection(Some(Arc::new(projection)))
            .with_row_index(Some(RowIndex {
                name: ROW_COL.into(),
                offset: first_row as IdxSize,
            }))
            .with_raise_if_empty(false)
            .map_parse_options(|p| {
                p.with_separator(delimiter)
                    .with_quote_char(Some(b'"'))
                    .with_missing_is_null(true)
                    .with_truncate_ragged_lines(true)
            })
    }

    /// Reads the whole file; returns the records and the encoding they were read in.
    fn read_all(&self) -> Result<(DataFrame, Encoding)> {
        let path = self.path.as_path();
        let mut enc = self.enc;
        let read_opts = self.read_options(self.header_line, self.header_line + 1);
        let result = if enc == Encoding::Utf8 {
            match read_opts
                .clone()
                .try_into_reader_with_file_path(Some(path.to_path_buf()))
                .and_then(|r| r.finish())
            {
                Ok(df) => Ok(df),
                Err(e)
                    if e.to_string().to_lowercase().contains("utf-8")
                        || e.to_string().to_lowercase().contains("utf8") =>
                {
                    // Valid UTF-8 at the start, not further on: Excel's windows-1252.
                    enc = Encoding::Windows1252;
                    read_decoded(path, enc, read_opts)
                }
                Err(e) => Err(e),
            }
        } else {
            read_decoded(path, enc, read_opts)
        };
        let df = result.map_err(|e| self.read_error(enc, e))?;
        Ok((rename_columns(df, path, &self.mapping)?, enc))
    }

    fn read_error(&self, enc: Encoding, e: PolarsError) -> Error {
        let path = self.path.as_path();
        // The commonest cause from hand-edited files, said plainly.
        let unclosed = std::fs::read(path)
            .ok()
            .and_then(|b| unclosed_quote_line(&decode(&b, enc), self.delimiter));
        match unclosed {
            Some(line) => Error::new(
                Location::file(path).with_line(line),
                msg!(
                    "tanda kutip (\") yang dibuka pada baris ini tidak pernah ditutup; perbaiki atau hapus tanda kutipnya",
                    "a quote (\") opened on this line is never closed; close or remove it"
                ),
            ),
            None => Error::new(
                Location::file(path),
                msg!(
                    "CSV tidak dapat dibaca (pemisah {}, {}): {e}",
                    "the CSV cannot be read (delimiter {}, {}): {e}",
                    delimiter_label(self.delimiter),
                    enc.label()
                ),
            ),
        }
    }

    /// Reads the file in parts of about `chunk_rows` records, cut at record ends, so a
    /// large file is never held whole. Small files, UTF-16 files and files whose quotes do
    /// not pair up (read whole, for the precise error) come as one part.
    pub(super) fn chunks(self, chunk_rows: usize) -> Result<(SourceInfo, super::Chunks)> {
        let target = chunk_rows.saturating_mul(self.bytes_per_record);
        let plan = match self.header_end {
            Some(header_end) => {
                scan_cuts(&self.path, header_end, target).map_err(|e| Error::io(&self.path, &e))?
            }
            None => None,
        };
        let Some(plan) = plan.filter(|p| p.balanced && p.ranges.len() > 1) else {
            return self.whole();
        };
        let enc = match self.enc {
            Encoding::Utf8 if !plan.utf8 => Encoding::Windows1252,
            e => e,
        };
        let source = self.source(enc, 0);
        let file = crate::output::guard::open(&self.path)?;
        let iter = CsvChunks {
            prepared: self,
            enc,
            file,
            ranges: plan.ranges.into_iter(),
            records: 0,
            first: true,
        };
        Ok((source, Box::new(iter)))
    }

    fn whole(self) -> Result<(SourceInfo, super::Chunks)> {
        let (df, enc) = self.read_all()?;
        Ok((
            self.source(enc, 0),
            Box::new(std::iter::once(Ok(df))) as super::Chunks,
        ))
    }
}

/// Where a CSV file is cut into parts, and what the scan learnt on the way.
struct CutPlan {
    /// Byte ranges of the parts, each ending at a record end.
    ranges: Vec<(u64, u64)>,
    /// Every quote has its pair (an even count): the cuts are at real record ends.
    balanced: bool,
    /// The whole file is valid UTF-8.
    utf8: bool,
}

/// Scans the file once for record ends outside quotes (every `"` toggles; an escaped `""`
/// toggles twice) and cuts after the first such newline past every `target` bytes; the
/// first cut is after the header line. Also checks that the file is valid UTF-8.
fn scan_cuts(path: &Path, header_end: usize, target: usize) -> std::io::Result<Option<CutPlan>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if target == 0 || len <= (header_end + target) as u64 {
        return Ok(None);
    }
    let mut buf = vec![0u8; 8 << 20];
    let (mut offset, mut carry) = (0u64, 0usize);
    let (mut in_quotes, mut utf8) = (false, true);
    let mut last_cut = 0u64;
    let mut ranges = Vec::new();
    loop {
        let n = file.read(&mut buf[carry..])?;
        if n == 0 {
            break;
        }
        let filled = carry + n;
        // The carried bytes (a character cut by the previous read) were scanned already.
        let scan = &buf[carry..filled];
        for i in memchr::memchr2_iter(b'"', b'\n', scan) {
            if scan[i] == b'"' {
                in_quotes = !in_quotes;
                continue;
            }
            let end = offset + i as u64 + 1;
            let min = if last_cut == 0 { header_end as u64 } else { 0 };
            if !in_quotes && end >= min && end - last_cut >= target as u64 {
                ranges.push((last_cut, end));
                last_cut = end;
            }
        }
        offset += n as u64;
        carry = 0;
        if utf8 {
            match std::str::from_utf8(&buf[..filled]) {
                Ok(_) => {}
                // A character cut by the end of the read: keep its bytes for the next one.
                Err(e) if e.error_len().is_none() => {
                    let valid = e.valid_up_to();
                    carry = filled - valid;
                    buf.copy_within(valid..filled, 0);
                }
                Err(_) => utf8 = false,
            }
        }
    }
    if carry > 0 {
        utf8 = false;
    }
    if last_cut < len {
        ranges.push((last_cut, len));
    }
    Ok(Some(CutPlan {
        ranges,
        balanced: !in_quotes,
        utf8,
    }))
}

/// The parts of a CSV file, parsed one at a time.
struct CsvChunks {
    prepared: Prepared,
    enc: Encoding,
    file: std::fs::File,
    ranges: std::vec::IntoIter<(u64, u64)>,
    /// Records read so far.
    records: usize,
    first: bool,
}

impl CsvChunks {
    fn read(&mut self, (start, end): (u64, u64)) -> Result<DataFrame> {
        use std::io::{Read, Seek, SeekFrom};
        let p = &self.prepared;
        let path = p.path.as_path();
        let mut bytes = vec![0u8; (end - start) as usize];
        self.file
            .seek(SeekFrom::Start(start))
            .and_then(|_| self.file.read_exact(&mut bytes))
            .map_err(|e| Error::io(path, &e))?;
        let bytes = match self.enc {
            Encoding::Utf8 => bytes,
            enc => decode(&bytes, enc),
        };
        let skip = if self.first { p.header_line } else { 0 };
        let opts = p.read_options(skip, p.header_line + 1 + self.records);
        let df = opts
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish()
            .map_err(|e| p.read_error(self.enc, e))?;
        self.first = false;
        self.records += df.height();
        rename_columns(df, path, &p.mapping)
    }
}

impl Iterator for CsvChunks {
    type Item = Result<DataFrame>;

    fn next(&mut self) -> Option<Result<DataFrame>> {
        let range = self.ranges.next()?;
        let out = self.read(range);
        if out.is_err() {
            // Nothing after a part that could not be read.
            self.ranges = Vec::new().into_iter();
        }
        Some(out)
    }
}

/// The 1-based line where a quoted field opens and never closes (RFC 4180: a quote opens
/// a field only at its start; `""` inside is an escaped quote).
pub fn unclosed_quote_line(text: &[u8], delimiter: u8) -> Option<usize> {
    let (mut line, mut open_line) = (1usize, 0usize);
    let (mut in_quotes, mut field_start) = (false, true);
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b == b'\n' {
            line += 1;
        }
        if in_quotes {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && field_start {
            in_quotes = true;
            open_line = line;
        }
        field_start = !in_quotes && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    in_quotes.then_some(open_line)
}

fn read_decoded(path: &Path, enc: Encoding, opts: CsvReadOptions) -> PolarsResult<DataFrame> {
    let bytes = std::fs::read(path)?;
    let text = decode(&bytes, enc);
    drop(bytes);
    opts.into_reader_with_file_handle(Cursor::new(text))
        .finish()
}

/// Names the projected columns by their keys and adds the file column.
fn rename_columns(df: DataFrame, path: &Path, mapping: &super::HeaderMapping) -> Result<DataFrame> {
    let height = df.height();
    let mut cols = Vec::with_capacity(mapping.columns.len() + 2);
    cols.push(Column::new_scalar(
        FILE_COL.into(),
        Scalar::new(
            DataType::String,
            AnyValue::StringOwned(crate::error::shown(path).to_string().into()),
        ),
        height,
    ));
    let row = df
        .column(ROW_COL)
        .map_err(|e| crate::error::polars_err("CSV", e))?
        .clone();
    cols.push(row);
    for (key, idx, _) in &mapping.columns {
        let c = df
            .column(&format!("c{idx}"))
            .map_err(|e| crate::error::polars_err("CSV", e))?
            .clone()
            .with_name(key.as_str().into());
        cols.push(c);
    }
    DataFrame::new(height, cols).map_err(|e| crate::error::polars_err("CSV", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unclosed_quotes_are_found_by_line() {
        assert_eq!(
            unclosed_quote_line(b"a;b\r\n1;\"x\r\ny\";2\r\n3;4", b';'),
            None
        );
        assert_eq!(
            unclosed_quote_line(b"a;b\r\n1;\"x \"\"q\"\" y\"\r\n", b';'),
            None
        );
        assert_eq!(
            unclosed_quote_line(b"a;b\n1;2\n3;\"open\n4;5\n", b';'),
            Some(3)
        );
        // A quote inside an unquoted field is text, not an opening.
        assert_eq!(unclosed_quote_line(b"a;b\n1;5\" monitor\n", b';'), None);
    }

    #[test]
    fn cuts_fall_at_record_ends_outside_quotes() {
        let dir = std::env::temp_dir().join(format!("ulpk-cuts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.csv");
        // Records of 12 bytes; the second holds a quoted line break and escaped quotes.
        let text = b"id;teks\r\n1;aaaaaaaaa\n2;\"a\n\"\"b\"\n3;ccccccccc\n4;ddddddddd\n";
        std::fs::write(&path, text).unwrap();
        let plan = scan_cuts(&path, 9, 10).unwrap().unwrap();
        assert!(plan.balanced && plan.utf8);
        // After the header (9 bytes) the first cut waits 10 bytes; the newline inside the
        // quotes (byte 24) is not a record end.
        assert_eq!(plan.ranges, [(0, 21), (21, 31), (31, 43), (43, 55)]);
        for (a, b) in &plan.ranges {
            assert_eq!(text[*b as usize - 1], b'\n', "{a}..{b}");
        }
        // An odd quote: not balanced, so the file is read whole for a precise error.
        std::fs::write(&path, b"id;teks\n1;\"open\n2;aaaaaaaaaaaaaaaaaaaa\n3;b\n").unwrap();
        assert!(!scan_cuts(&path, 8, 4).unwrap().unwrap().balanced);
        // Invalid UTF-8 past the first read still marks the file as not UTF-8.
        let mut big = b"id;teks\n".to_vec();
        big.extend(std::iter::repeat_n(b"1;abcdefghij\n".as_slice(), 1_000_000).flatten());
        big.extend_from_slice(b"2;cr\xe8me\n");
        std::fs::write(&path, &big).unwrap();
        let plan = scan_cuts(&path, 8, 1 << 20).unwrap().unwrap();
        assert!(!plan.utf8 && plan.balanced);
        assert_eq!(plan.ranges.last().unwrap().1, big.len() as u64);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn detects_encodings() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa;b"), Encoding::Utf8Bom);
        assert_eq!(detect_encoding("é;b".as_bytes()), Encoding::Utf8);
        assert_eq!(detect_encoding(b"caf\xe9;b"), Encoding::Windows1252);
        // A two-byte character cut by the sample's end.
        assert_eq!(detect_encoding(b"abc\xC3"), Encoding::Utf8);
    }

    #[test]
    fn records_carry_the_line_they_start_on() {
        // A title line, a blank line, the header, a record with a quoted line break, blank
        // lines between records, and CRLF endings.
        let text = b"Laporan;\r\n\r\nid;teks\r\n1;\"a\r\nb\"\r\n\r\n\n2;c\r\n3;d";
        let records = first_records(text, b';', usize::MAX);
        let lines: Vec<usize> = records.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 3, 4, 8, 9]);
        assert_eq!(records[2].1, ["1", "a\r\nb"]);
        assert_eq!(first_records(text, b';', 2).len(), 2);
        assert_eq!(record_count(text, b';'), 5);
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter(b"a;b;c\n1;2;3\n4;5;6\n"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_delimiter(b"a|b|c\n1|2|3\n"), b'|');
        // Decimal commas inside a ';' file do not fool it.
        assert_eq!(
            detect_delimiter(b"id;nilai;x\n1;2,5;a\n2;3,75;b\n3;1,0;c\n"),
            b';'
        );
        // Quoted delimiters are not counted.
        assert_eq!(
            detect_delimiter(b"id,teks\n1,\"a; b; c\"\n2,\"d; e\"\n"),
            b','
        );
    }
}

//! CSV in the dialects Excel and reporting systems write.
//!
//! Detected, not configured: the encoding (UTF-8 with or without BOM, UTF-16 with BOM as
//! Excel's "Unicode Text", otherwise Windows-1252 as Excel writes "CSV" in the Indonesian
//! locale), the delimiter (`,` `;` tab `|`), and the header row (which may sit below title
//! rows). Quoted multi-line fields and CRLF line ends are handled by the parser. Rows are
//! numbered as Excel shows them: one per record, the first line being row 1.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;
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
    rdr.byte_records()
        .take(n)
        .map_while(|r| r.ok())
        .map(|r| {
            // Lines by byte offset: the parser's own line count skips blank lines.
            let mut byte = r.position().map(|p| p.byte() as usize).unwrap_or(0);
            // The position may sit on the blank lines the parser skipped before the record.
            while matches!(text.get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            let line = text[..byte.min(text.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let fields = r
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            (line, fields)
        })
        .collect()
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

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
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
    let mut enc = detect_encoding(&sample);
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

    // Read with polars: all columns as strings, no header (we found it), only the mapped
    // columns, rows numbered from the one after the header. Lines (not records) are
    // skipped so blank title lines count as Excel counts them.
    let n_fields = headers.len();
    let schema: Schema = (0..n_fields)
        .map(|i| Field::new(format!("c{i}").into(), DataType::String))
        .collect();
    let mut projection: Vec<usize> = mapping.columns.iter().map(|c| c.1).collect();
    projection.sort_unstable();
    let read_opts = CsvReadOptions::default()
        .with_has_header(false)
        .with_skip_lines(header_line)
        .with_schema(Some(Arc::new(schema)))
        .with_projection(Some(Arc::new(projection)))
        .with_row_index(Some(RowIndex {
            name: ROW_COL.into(),
            offset: (header_line + 1) as IdxSize,
        }))
        .with_raise_if_empty(false)
        .map_parse_options(|p| {
            p.with_separator(delimiter)
                .with_quote_char(Some(b'"'))
                .with_missing_is_null(true)
                .with_truncate_ragged_lines(true)
        });
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
    let df = result.map_err(|e| {
        // The commonest cause from hand-edited files, said plainly.
        let unclosed = std::fs::read(path)
            .ok()
            .and_then(|b| unclosed_quote_line(&decode(&b, enc), delimiter));
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
                    delimiter_label(delimiter),
                    enc.label()
                ),
            ),
        }
    })?;
    let df = rename_columns(df, path, &mapping)?;
    let rows = df.height();
    Ok(Table {
        df,
        source: SourceInfo {
            path: path.to_path_buf(),
            format: format!("CSV {} {}", delimiter_label(delimiter), enc.label()),
            sheet: None,
            header_row: header_line,
            mapping,
            rows,
        },
    })
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
            AnyValue::StringOwned(path.display().to_string().into()),
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
    fn detects_encodings() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa;b"), Encoding::Utf8Bom);
        assert_eq!(detect_encoding("é;b".as_bytes()), Encoding::Utf8);
        assert_eq!(detect_encoding(b"caf\xe9;b"), Encoding::Windows1252);
        // A two-byte character cut by the sample's end.
        assert_eq!(detect_encoding(b"abc\xC3"), Encoding::Utf8);
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

//! Ingest: answer exports in, one canonical frame out.
//!
//! Every supported format (CSV in Excel's dialects, XLSX/XLS/ODS, Parquet) is read into a
//! [`Table`]: one `String` column per wanted field found in the file, plus the source file
//! and row of each record so every later message can point at it. [`normalize`] then turns
//! the raw strings into typed, canonical values.

pub mod columns;
mod csv;
pub mod dates;
pub mod format;
pub mod keyed;
pub mod normalize;
mod parquet;
mod sheet;
pub mod workbook;

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Location, Result, polars_err};
pub use columns::{Aliases, ColumnSpec, HeaderMapping};

/// Name of the column holding the source file of each record.
pub const FILE_COL: &str = "__file";
/// Name of the column holding the 1-based source row of each record.
pub const ROW_COL: &str = "__row";

/// How a file was read, for messages and the report's metadata.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub path: PathBuf,
    /// e.g. "CSV, pemisah ';', windows-1252" or "XLSX".
    pub format: String,
    pub sheet: Option<String>,
    /// 1-based row of the header.
    pub header_row: usize,
    pub mapping: HeaderMapping,
    pub rows: usize,
    /// Hidden sheets before the one read, which were passed over (no sheet named).
    pub hidden_skipped: Vec<String>,
}

/// Records of one file with their wanted columns as strings.
#[derive(Debug, Clone)]
pub struct Table {
    pub df: DataFrame,
    pub source: SourceInfo,
}

/// What to read.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Sheet to read in workbooks; the first sheet when `None`.
    pub sheet: Option<String>,
    pub specs: Vec<ColumnSpec>,
}

/// Rows searched for the header row.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// Reads one export, choosing the reader by the file's extension.
pub fn load(path: &Path, opts: &IngestOptions) -> Result<Table> {
    if !path.is_file() {
        return Err(Error::new(
            Location::file(path),
            msg!("file tidak ditemukan", "file not found"),
        ));
    }
    match format::of(path) {
        Some(reader) => (reader.read)(path, opts),
        None => {
            let (ext, all) = (extension(path), format::all_extensions());
            Err(Error::new(
                Location::file(path),
                msg!(
                    "format \"{ext}\" tidak didukung; gunakan {all}",
                    "unsupported format \"{ext}\"; use {all}"
                ),
            ))
        }
    }
}

/// The records of one file, part by part.
pub type Chunks = Box<dyn Iterator<Item = Result<DataFrame>> + Send>;

/// Records per part when large files are read in parts (`ULPK_CHUNK_ROWS` overrides it).
pub const CHUNK_ROWS: usize = 16_384;

/// Records per part: [`CHUNK_ROWS`] unless `ULPK_CHUNK_ROWS` sets a positive number.
pub fn chunk_rows() -> usize {
    std::env::var("ULPK_CHUNK_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(CHUNK_ROWS)
}

/// Opens one export to be read in parts of about `chunk_rows` records: CSV files are cut
/// at record ends and Parquet files by row groups, so neither is ever held whole;
/// workbooks come as one part. The returned source has `rows` 0; count them while reading.
pub fn open_chunks(
    path: &Path,
    opts: &IngestOptions,
    chunk_rows: usize,
) -> Result<(SourceInfo, Chunks)> {
    match format::of(path).and_then(|r| r.chunks) {
        Some(chunks) if path.is_file() => chunks(path, opts, chunk_rows),
        _ => {
            let table = load(path, opts)?;
            let source = SourceInfo {
                rows: 0,
                ..table.source
            };
            Ok((source, Box::new(std::iter::once(Ok(table.df)))))
        }
    }
}

/// Reads the next part on another thread while the caller works on the current one (one
/// part ahead, so at most two are held).
pub fn prefetch(chunks: Chunks) -> Chunks {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        for c in chunks {
            if tx.send(c).is_err() {
                break;
            }
        }
    });
    Box::new(rx.into_iter())
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Reads several exports and stacks them into one frame with every wanted key present
/// (null where a file lacks the column), in the order of `opts.specs`.
pub fn load_all(paths: &[PathBuf], opts: &IngestOptions) -> Result<(DataFrame, Vec<SourceInfo>)> {
    let mut frame: Option<DataFrame> = None;
    let mut sources = Vec::new();
    for path in paths {
        let table = load(path, opts)?;
        let df = conform(table.df, &opts.specs)?;
        match &mut frame {
            None => frame = Some(df),
            Some(f) => {
                f.vstack_mut_owned(df)
                    .map_err(|e| polars_err("menggabungkan berkas / stacking files", e))?;
            }
        }
        sources.push(table.source);
    }
    let mut df = match frame {
        Some(f) => f,
        None => conform(DataFrame::empty(), &opts.specs)?,
    };
    df.rechunk_mut();
    Ok((df, sources))
}

/// Brings a table to the full set of wanted columns in spec order.
pub fn conform(df: DataFrame, specs: &[ColumnSpec]) -> Result<DataFrame> {
    let height = df.height();
    let mut cols = Vec::with_capacity(specs.len() + 2);
    for name in [FILE_COL, ROW_COL] {
        let c = match df.column(name) {
            Ok(c) => c.clone(),
            Err(_) if name == ROW_COL => Column::full_null(name.into(), height, &DataType::UInt32),
            Err(_) => Column::full_null(name.into(), height, &DataType::String),
        };
        cols.push(c);
    }
    for spec in specs {
        let c = match df.column(&spec.key) {
            Ok(c) => c.clone(),
            Err(_) => Column::full_null(spec.key.as_str().into(), height, &DataType::String),
        };
        cols.push(c);
    }
    DataFrame::new(height, cols).map_err(|e| polars_err("menyusun kolom / arranging columns", e))
}

/// Builds a table frame from string columns gathered by a reader.
pub(crate) fn frame_from_strings(
    path: &Path,
    mapping: &HeaderMapping,
    mut values: Vec<Vec<Option<String>>>,
    rows: Vec<u32>,
) -> Result<DataFrame> {
    let height = rows.len();
    let mut cols = Vec::with_capacity(mapping.columns.len() + 2);
    cols.push(Column::new_scalar(
        FILE_COL.into(),
        Scalar::new(
            DataType::String,
            AnyValue::StringOwned(crate::error::shown(path).to_string().into()),
        ),
        height,
    ));
    cols.push(Column::new(ROW_COL.into(), rows));
    for (i, (key, _, _)) in mapping.columns.iter().enumerate() {
        let v = std::mem::take(&mut values[i]);
        cols.push(Column::new(key.as_str().into(), v));
    }
    DataFrame::new(height, cols).map_err(|e| polars_err("membaca / reading", e))
}

//! Parquet through polars. Typed columns (dates, numbers) are turned into text so they go
//! through the same normalisation as every other format.

use std::path::Path;

use polars::prelude::*;

use super::columns::map_headers;
use super::{Chunks, HeaderMapping, IngestOptions, ROW_COL, SourceInfo, Table, frame_from_strings};
use crate::error::{Error, Location, Result, polars_err};

fn open_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        Location::file(path),
        msg!(
            "Parquet tidak dapat dibaca: {e}",
            "the Parquet file cannot be read: {e}"
        ),
    )
}

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    let file = crate::output::guard::open(path)?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| open_error(path, e))?;
    let headers: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mapping = map_headers(&opts.specs, &headers, &Location::file(path))?;
    let height = df.height();
    let out = as_strings(path, &df, &mapping, 1)?;
    Ok(Table {
        df: out,
        source: source(path, mapping, height),
    })
}

fn source(path: &Path, mapping: HeaderMapping, rows: usize) -> SourceInfo {
    SourceInfo {
        path: path.to_path_buf(),
        format: "Parquet".into(),
        sheet: None,
        header_row: 0,
        mapping,
        rows,
    }
}

/// The mapped columns (found by name) as text, rows numbered from `first_row`.
fn as_strings(
    path: &Path,
    df: &DataFrame,
    mapping: &HeaderMapping,
    first_row: usize,
) -> Result<DataFrame> {
    let height = df.height();
    let rows: Vec<u32> = (first_row as u32..(first_row + height) as u32).collect();
    let mut out = frame_from_strings(path, &Default::default(), vec![], rows)?;
    for (key, _, header) in &mapping.columns {
        let c = df.column(header).map_err(|e| polars_err("Parquet", e))?;
        let s = c
            .cast(&DataType::String)
            .map_err(|e| polars_err("Parquet", e))?;
        out.with_column(s.with_name(key.as_str().into()))
            .map_err(|e| polars_err("Parquet", e))?;
    }
    debug_assert!(out.column(ROW_COL).is_ok());
    Ok(out)
}

/// Reads a Parquet file by whole row groups, small ones gathered until a read holds at
/// least `min_rows` rows (reading a slice of a row group decodes the whole group): the
/// first row (0-based) and the frame of each read, only `columns` (all when `None`).
pub fn row_groups(
    path: &Path,
    columns: Option<Vec<String>>,
    min_rows: usize,
) -> Result<impl Iterator<Item = Result<(usize, DataFrame)>> + Send + use<>> {
    let file = crate::output::guard::open(path)?;
    let metadata = ParquetReader::new(file)
        .get_metadata()
        .map_err(|e| open_error(path, e))?
        .clone();
    // (first row, rows) of each read.
    let mut reads = Vec::new();
    let (mut start, mut len) = (0usize, 0usize);
    for rg in &metadata.row_groups {
        len += rg.num_rows();
        if len >= min_rows {
            reads.push((start, len));
            start += len;
            len = 0;
        }
    }
    if len > 0 || reads.is_empty() {
        reads.push((start, len));
    }
    let path = path.to_path_buf();
    Ok(reads.into_iter().map(move |(offset, len)| {
        let file = crate::output::guard::open(&path)?;
        let mut reader = ParquetReader::new(file);
        reader.set_metadata(metadata.clone());
        let df = reader
            .with_columns(columns.clone())
            .with_slice(Some((offset, len)))
            .finish()
            .map_err(|e| open_error(&path, e))?;
        Ok((offset, df))
    }))
}

/// Reads the file by row groups (see [`row_groups`]) in parts of about `chunk_rows` rows:
/// small groups gathered, a larger one read once and handed on in slices. Only the mapped
/// columns are read.
pub fn chunks(
    path: &Path,
    opts: &IngestOptions,
    chunk_rows: usize,
) -> Result<(SourceInfo, Chunks)> {
    let file = crate::output::guard::open(path)?;
    let schema = ParquetReader::new(file)
        .schema()
        .map_err(|e| open_error(path, e))?;
    let headers: Vec<String> = schema.iter().map(|(n, _)| n.to_string()).collect();
    let mapping = map_headers(&opts.specs, &headers, &Location::file(path))?;
    let columns: Vec<String> = mapping.columns.iter().map(|c| c.2.clone()).collect();
    let (path_buf, map) = (path.to_path_buf(), mapping.clone());
    let slices = move |read: Result<(usize, DataFrame)>| -> Vec<Result<DataFrame>> {
        let df = match read.and_then(|(offset, df)| as_strings(&path_buf, &df, &map, offset + 1)) {
            Ok(df) => df,
            Err(e) => return vec![Err(e)],
        };
        let parts = df.height().div_ceil(chunk_rows).max(1);
        (0..parts)
            .map(|k| Ok(df.slice((k * chunk_rows) as i64, chunk_rows)))
            .collect()
    };
    let iter = row_groups(path, Some(columns), chunk_rows)?.flat_map(slices);
    Ok((source(path, mapping, 0), Box::new(iter)))
}

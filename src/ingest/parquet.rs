//! Parquet through polars. Typed columns (dates, numbers) are turned into text so they go
//! through the same normalisation as every other format.

use std::path::Path;

use polars::prelude::*;

use super::columns::map_headers;
use super::{IngestOptions, ROW_COL, SourceInfo, Table, frame_from_strings};
use crate::error::{Error, Location, Result, polars_err};

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let df = ParquetReader::new(file).finish().map_err(|e| {
        Error::new(
            Location::file(path),
            msg!(
                "Parquet tidak dapat dibaca: {e}",
                "the Parquet file cannot be read: {e}"
            ),
        )
    })?;
    let headers: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mapping = map_headers(&opts.specs, &headers, &Location::file(path))?;
    let height = df.height();
    let mut cols = Vec::with_capacity(mapping.columns.len());
    for (key, idx, _) in &mapping.columns {
        let c = &df.columns()[*idx];
        let s = c
            .cast(&DataType::String)
            .map_err(|e| polars_err("Parquet", e))?;
        cols.push(s.with_name(key.as_str().into()));
    }
    // Rows are numbered from 1 (a Parquet file has no header row).
    let rows: Vec<u32> = (1..=height as u32).collect();
    let mut out = frame_from_strings(path, &Default::default(), vec![], rows)?;
    for c in cols {
        out.with_column(c).map_err(|e| polars_err("Parquet", e))?;
    }
    debug_assert!(out.column(ROW_COL).is_ok());
    Ok(Table {
        df: out,
        source: SourceInfo {
            path: path.to_path_buf(),
            format: "Parquet".into(),
            sheet: None,
            header_row: 0,
            mapping,
            rows: height,
        },
    })
}

//! Baseline for the benchmark: polars alone reading a CSV (every column as text, as
//! ulpk-eval reads it) and counting the rows. Run by `bench/answers.py`.
//!
//! `cargo run --release --example bench_read -- FILE.csv`

use std::path::PathBuf;

use polars::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: bench_read FILE.csv")?
        .into();
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path))?
        .finish()?;
    println!("{} rows, {} columns", df.height(), df.width());
    Ok(())
}

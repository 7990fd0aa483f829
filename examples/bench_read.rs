//! Baselines for the benchmark, run by `bench/answers.py`: the bare read of the same input
//! with nothing else done.
//!
//! - `bench_read FILE.csv`: polars reads the CSV, every column as text (as ulpk-eval does);
//! - `bench_read FILE.parquet`: polars reads the Parquet file;
//! - `bench_read FILE.xlsx` or `DIR`: calamine reads every sheet of the workbook(s);
//! - `bench_read --to-parquet FILE.csv OUT.parquet`: converts, for the Parquet benchmark.
//! - `bench_read --replicate SRC.parquet N OUT.parquet`: N copies of SRC, the first
//!   column (the id) suffixed `-k` in copy k so that no id repeats, written in row groups
//!   of 128k rows (the 10M-row streaming benchmark).

use std::path::{Path, PathBuf};

use calamine::{Reader, open_workbook_auto};
use polars::prelude::*;

fn read_csv(path: &Path) -> PolarsResult<DataFrame> {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))?
        .finish()
}

fn workbook_cells(path: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    let mut wb = open_workbook_auto(path)?;
    let mut cells = 0;
    for name in wb.sheet_names() {
        cells += wb.worksheet_range(&name)?.used_cells().count();
    }
    Ok(cells)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args
        .first()
        .is_some_and(|a| a.as_os_str() == "--to-parquet")
    {
        let (src, dst) = (args.get(1).ok_or("source")?, args.get(2).ok_or("target")?);
        let mut df = read_csv(src)?;
        ParquetWriter::new(std::fs::File::create(dst)?).finish(&mut df)?;
        return Ok(());
    }
    if args.first().is_some_and(|a| a.as_os_str() == "--replicate") {
        let src = args.get(1).ok_or("source")?;
        let n: usize = args.get(2).ok_or("copies")?.to_string_lossy().parse()?;
        let dst = args.get(3).ok_or("target")?;
        let df = ParquetReader::new(std::fs::File::open(src)?).finish()?;
        let id = df.get_column_names()[0].clone();
        let mut w = ParquetWriter::new(std::fs::File::create(dst)?)
            .with_row_group_size(Some(128 * 1024))
            .batched(df.schema())?;
        for k in 0..n {
            let mut copy = df
                .clone()
                .lazy()
                .with_column(
                    concat_str([col(id.clone()), lit(format!("-{k}"))], "", false)
                        .alias(id.clone()),
                )
                .collect()?;
            // The batched writer needs the columns' chunks aligned.
            copy.rechunk_mut();
            w.write_batch(&copy)?;
        }
        w.finish()?;
        return Ok(());
    }
    let path = args.first().ok_or("usage: bench_read FILE|DIR")?;
    if path.is_dir() {
        let mut cells = 0;
        let mut files = 0;
        for e in std::fs::read_dir(path)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "xlsx" || x == "ods") {
                cells += workbook_cells(&p)?;
                files += 1;
            }
        }
        println!("{files} workbooks, {cells} cells");
        return Ok(());
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("parquet") => {
            let df = ParquetReader::new(std::fs::File::open(path)?).finish()?;
            println!("{} rows, {} columns", df.height(), df.width());
        }
        Some("xlsx" | "xls" | "ods") => println!("{} cells", workbook_cells(path)?),
        _ => {
            let df = read_csv(path)?;
            println!("{} rows, {} columns", df.height(), df.width());
        }
    }
    Ok(())
}

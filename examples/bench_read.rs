//! Baselines for the benchmark, run by `bench/answers.py`: the bare read of the same input
//! with nothing else done.
//!
//! - `bench_read FILE.csv`: polars reads the CSV, every column as text (as ulpk-eval does),
//!   with the delimiter of the header line (`,` `;` tab `|`); quoted fields may hold line
//!   breaks. polars reads UTF-8 only: a file that is not UTF-8 (Excel's Windows-1252 "CSV")
//!   is read into memory, decoded by encoding_rs and then parsed by polars, the least a
//!   correct read of such a file takes (ulpk-eval decodes the same way, part by part);
//! - `bench_read FILE.parquet`: polars reads the Parquet file;
//! - `bench_read FILE.xlsx` or `DIR`: calamine reads every sheet of the workbook(s);
//! - `bench_read --to-parquet FILE.csv OUT.parquet`: converts, for the Parquet benchmark.
//! - `bench_read --replicate SRC.parquet N OUT.parquet`: N copies of SRC, the first
//!   column (the id) suffixed `-k` in copy k so that no id repeats, written in row groups
//!   of 128k rows (the 10M-row streaming benchmark).

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Reader, open_workbook_auto};
use polars::prelude::*;

/// Bytes looked at for the delimiter and the encoding.
const SAMPLE: usize = 1 << 20;

/// The file's first bytes.
fn sample(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(SAMPLE);
    std::fs::File::open(path)?
        .take(SAMPLE as u64)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// The delimiter the header line holds most of.
fn delimiter(sample: &[u8]) -> u8 {
    let line = sample.split(|&b| b == b'\n').next().unwrap_or(sample);
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',')
}

/// Whether `sample` is UTF-8 but for a character cut at its end.
fn is_utf8(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn csv_options(delimiter: u8) -> CsvReadOptions {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .map_parse_options(|p| p.with_separator(delimiter).with_quote_char(Some(b'"')))
}

/// Reads a CSV file; says how (delimiter, and whether it was decoded first).
fn read_csv(path: &Path) -> Result<(DataFrame, String), Box<dyn std::error::Error>> {
    let head = sample(path)?;
    let delim = delimiter(&head);
    let how = format!("delimiter {:?}", char::from(delim));
    if is_utf8(&head) {
        match csv_options(delim)
            .try_into_reader_with_file_path(Some(path.to_path_buf()))?
            .finish()
        {
            Ok(df) => return Ok((df, format!("{how}, UTF-8"))),
            Err(e) if e.to_string().to_lowercase().contains("utf") => {}
            Err(e) => return Err(e.into()),
        }
    }
    let bytes = std::fs::read(path)?;
    let text = encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned();
    drop(bytes);
    let df = csv_options(delim)
        .into_reader_with_file_handle(std::io::Cursor::new(text.into_bytes()))
        .finish()?;
    Ok((
        df,
        format!("{how}, windows-1252 decoded by encoding_rs first"),
    ))
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
        let (mut df, _) = read_csv(src)?;
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
            let (df, how) = read_csv(path)?;
            println!("{} rows, {} columns ({how})", df.height(), df.width());
        }
    }
    Ok(())
}

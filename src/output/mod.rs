//! Writing results: CSV, Parquet and XLSX files, and tables on the console.
//!
//! Every file is written to a temporary file beside its destination and renamed when
//! complete, so an interrupted or failed run never leaves a partial file. Public text is
//! never a formula: XLSX cells are written as strings, and CSV cells that Excel would read
//! as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.

pub mod answers;
pub mod mask;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Location, Result};

/// File formats results can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Parquet,
}

impl Format {
    pub fn from_path(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(Error::new(
                Location::file(path),
                msg!(
                    "format keluaran \"{ext}\" tidak didukung; gunakan .xlsx, .csv atau .parquet",
                    "unsupported output format \"{ext}\"; use .xlsx, .csv or .parquet"
                ),
            )),
        }
    }
}

/// Temporary files being written, removed if the process is interrupted.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// On Ctrl-C, SIGTERM or SIGHUP: removes the temporary files being written and exits with
/// 130, so an interrupted run leaves the previous output as it was and nothing half-written.
pub fn clean_up_on_interrupt() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                for p in pending().drain(..) {
                    let _ = std::fs::remove_file(p);
                }
                eprintln!("dihentikan / interrupted");
                std::process::exit(130);
            }
        });
    }
}

/// Removes temporary files a killed run (SIGKILL, power loss) left for this output: those
/// of processes that no longer exist.
fn remove_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        // Only Linux tells cheaply whether a process exists; elsewhere keep the file.
        let alive = pid == std::process::id()
            || !cfg!(target_os = "linux")
            || Path::new(&format!("/proc/{pid}")).exists();
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes a file through a temporary file that is renamed into place on success and
/// removed on failure or interruption.
pub fn atomic_write<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&Path) -> Result<()>,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    remove_stale(&dir, &name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    pending().push(tmp.clone());
    let result = match write(&tmp) {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(path, &e)
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    };
    pending().retain(|p| p != &tmp);
    result
}

/// Prefixes text Excel would evaluate as a formula with `'`.
pub fn defuse_formula(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        Location::file(path),
        msg!("gagal menulis: {e}", "cannot write: {e}"),
    )
}

/// Writes a frame as CSV (UTF-8 with BOM so Excel reads the accents, `,` delimiter),
/// defusing formula-like text.
pub fn write_csv(path: &Path, df: &DataFrame) -> Result<()> {
    let mut df = df.clone();
    let names: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| c.name().clone())
        .collect();
    for name in names {
        let c = df.column(&name).map_err(|e| write_err(path, e))?;
        let ca = c.str().map_err(|e| write_err(path, e))?;
        let out: StringChunked = ca
            .iter()
            .map(|o| o.map(|s| defuse_formula(s).into_owned()))
            .collect();
        df.with_column(out.with_name(name).into_column())
            .map_err(|e| write_err(path, e))?;
    }
    atomic_write(path, |tmp| {
        let mut f = std::fs::File::create(tmp).map_err(|e| Error::io(tmp, &e))?;
        CsvWriter::new(&mut f)
            .include_bom(true)
            .include_header(true)
            .with_datetime_format(Some("%Y-%m-%d %H:%M:%S".into()))
            .finish(&mut df)
            .map_err(|e| write_err(path, e))
    })
}

/// Writes a frame as Parquet.
pub fn write_parquet(path: &Path, df: &DataFrame) -> Result<()> {
    let mut df = df.clone();
    atomic_write(path, |tmp| {
        let f = std::fs::File::create(tmp).map_err(|e| Error::io(tmp, &e))?;
        ParquetWriter::new(f)
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| write_err(path, e))
    })
}

/// A unit name as a file-name part: lower case, runs of other characters as one dash
/// ("Loka POM di Kab. Bogor" → "loka-pom-di-kab-bogor").
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

//! The input formats: one [`Reader`] per format in [`READERS`], found by a file's
//! extension. A new format is a reader module in `ingest/` and one line in [`READERS`].

use std::path::{Path, PathBuf};

use super::{Chunks, IngestOptions, SourceInfo, Table};
use crate::error::Result;

/// What kind of file a format is, as the rest of the tool asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One table per file (delimited text, Parquet).
    Table,
    /// A spreadsheet workbook: sheets, and the self-assessment and review workbooks.
    Workbook,
}

/// Reads one export whole.
pub type ReadFn = fn(&Path, &IngestOptions) -> Result<Table>;
/// Reads one export in parts of about `n` records.
pub type ChunksFn = fn(&Path, &IngestOptions, usize) -> Result<(SourceInfo, Chunks)>;

/// One input format.
pub struct Reader {
    pub kind: Kind,
    /// Extensions, lower case, without the dot.
    pub extensions: &'static [&'static str],
    pub read: ReadFn,
    /// Reading in parts, for formats that allow it; the others are read whole, as one part.
    pub chunks: Option<ChunksFn>,
}

fn csv_chunks(path: &Path, opts: &IngestOptions, n: usize) -> Result<(SourceInfo, Chunks)> {
    super::csv::prepare(path, opts)?.chunks(n)
}

/// Every format read, in the order an unknown extension's error lists them.
pub static READERS: [Reader; 3] = [
    Reader {
        kind: Kind::Table,
        extensions: &["csv", "txt", "tsv"],
        read: super::csv::read,
        chunks: Some(csv_chunks),
    },
    Reader {
        kind: Kind::Workbook,
        extensions: &["xlsx", "xlsm", "xlsb", "xls", "ods"],
        read: super::sheet::read,
        chunks: None,
    },
    Reader {
        kind: Kind::Table,
        extensions: &["parquet", "pq"],
        read: super::parquet::read,
        chunks: Some(super::parquet::chunks),
    },
];

/// The format of a path, by its extension in any case; `None` for any other.
pub fn of(path: &Path) -> Option<&'static Reader> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    READERS
        .iter()
        .find(|r| r.extensions.contains(&ext.as_str()))
}

/// Whether a path is a workbook the tool reads.
pub fn is_workbook(path: &Path) -> bool {
    of(path).is_some_and(|r| r.kind == Kind::Workbook)
}

/// Every extension read, with its dot, for messages: ".csv, .txt, …, .pq".
pub fn all_extensions() -> String {
    READERS
        .iter()
        .flat_map(|r| r.extensions.iter())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Workbooks named directly, and those inside named folders (not recursing), sorted.
pub fn workbook_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| crate::error::Error::io(p, &e))?;
            let mut found: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| {
                    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    // Skip Excel/LibreOffice lock files (~$x.xlsx, .~lock.x.ods#).
                    !name.starts_with("~$") && !name.starts_with('.') && is_workbook(f)
                })
                .collect();
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(crate::error::Error::new(
                crate::error::Location::file(p),
                msg!(
                    "file atau folder tidak ditemukan",
                    "file or folder not found"
                ),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_in_any_case() {
        let kind = |p: &str| of(Path::new(p)).map(|r| r.kind);
        assert_eq!(kind("a.CSV"), Some(Kind::Table));
        assert_eq!(kind("a.tsv"), Some(Kind::Table));
        assert_eq!(kind("dir.v2/a.XLSB"), Some(Kind::Workbook));
        assert_eq!(kind("a.ods"), Some(Kind::Workbook));
        assert_eq!(kind("a.pq"), Some(Kind::Table));
        assert_eq!(kind("a.json"), None);
        assert_eq!(kind("csv"), None);
        assert!(is_workbook(Path::new("b.xls")) && !is_workbook(Path::new("b.parquet")));
        assert_eq!(
            all_extensions(),
            ".csv, .txt, .tsv, .xlsx, .xlsm, .xlsb, .xls, .ods, .parquet, .pq"
        );
    }
}

//! The input formats, recognised by a file's extension in one place.

use std::path::Path;

/// The kind of file an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Delimited text: `.csv`, `.txt`, `.tsv` (dialect and encoding sniffed).
    Csv,
    /// A spreadsheet workbook: `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`.
    Workbook,
    /// Apache Parquet: `.parquet`, `.pq`.
    Parquet,
}

/// Each format's extensions, lower case, as the error for an unknown one lists them.
const EXTENSIONS: [(InputFormat, &[&str]); 3] = [
    (InputFormat::Csv, &["csv", "txt", "tsv"]),
    (
        InputFormat::Workbook,
        &["xlsx", "xlsm", "xlsb", "xls", "ods"],
    ),
    (InputFormat::Parquet, &["parquet", "pq"]),
];

impl InputFormat {
    /// The format of a path, by its extension in any case; `None` for any other.
    pub fn of(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        EXTENSIONS
            .iter()
            .find(|(_, exts)| exts.contains(&ext.as_str()))
            .map(|(f, _)| *f)
    }

    /// Every extension read, with its dot, for messages: ".csv, .txt, …, .pq".
    pub fn all_extensions() -> String {
        EXTENSIONS
            .iter()
            .flat_map(|(_, exts)| exts.iter())
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a workbook is a zip archive (every workbook format but the old binary `.xls`).
    pub fn is_zip(path: &Path) -> bool {
        Self::of(path) == Some(InputFormat::Workbook)
            && !path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("xls"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_in_any_case() {
        let of = |p: &str| InputFormat::of(Path::new(p));
        assert_eq!(of("a.CSV"), Some(InputFormat::Csv));
        assert_eq!(of("a.tsv"), Some(InputFormat::Csv));
        assert_eq!(of("dir.v2/a.XLSB"), Some(InputFormat::Workbook));
        assert_eq!(of("a.ods"), Some(InputFormat::Workbook));
        assert_eq!(of("a.pq"), Some(InputFormat::Parquet));
        assert_eq!(of("a.json"), None);
        assert_eq!(of("csv"), None);
        assert!(InputFormat::is_zip(Path::new("a.xlsb")));
        assert!(!InputFormat::is_zip(Path::new("a.XLS")));
        assert!(!InputFormat::is_zip(Path::new("a.csv")));
        assert_eq!(
            InputFormat::all_extensions(),
            ".csv, .txt, .tsv, .xlsx, .xlsm, .xlsb, .xls, .ods, .parquet, .pq"
        );
    }
}

//! Errors that stop a command, with the place they refer to.
//!
//! Row-level problems in the data are not errors: they are [`crate::issues::DataIssue`]s,
//! collected and reported while the run goes on. An [`Error`] means the command cannot do
//! its job (unreadable file, missing required column, invalid rubric) and exits with code 2.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Where in the inputs a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<PathBuf>,
    pub sheet: Option<String>,
    /// 1-based row as the user sees it (spreadsheet row, or CSV record counting the header).
    pub row: Option<usize>,
    /// Column header.
    pub column: Option<String>,
    /// Cell reference such as `G12`.
    pub cell: Option<String>,
    /// 1-based line in a text file such as a rubric.
    pub line: Option<usize>,
}

impl Location {
    pub fn file(path: &Path) -> Self {
        Location {
            file: Some(path.to_path_buf()),
            ..Default::default()
        }
    }

    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    pub fn with_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn with_column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    pub fn with_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    pub fn with_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Renders the location, e.g. `data.xlsx, sheet "Laporan", row 12, column "Jawaban"`.
    pub fn render(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(f) = &self.file {
            parts.push(shown(f).to_string());
        }
        if let Some(s) = &self.sheet {
            parts.push(tr!(lang, "sheet \"{s}\"", "sheet \"{s}\""));
        }
        if let Some(l) = self.line {
            parts.push(tr!(lang, "baris {l}", "line {l}"));
        }
        if let Some(r) = self.row {
            parts.push(tr!(lang, "baris {r}", "row {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(tr!(lang, "kolom \"{c}\"", "column \"{c}\""));
        }
        if let Some(c) = &self.cell {
            parts.push(tr!(lang, "sel {c}", "cell {c}"));
        }
        parts.join(", ")
    }
}

/// A message available in both user languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: String,
    pub en: String,
}

impl Msg {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Msg {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.id, &self.en)
    }
}

/// `msg!("teks {x}", "text {x}")` builds a [`Msg`] with both languages formatted.
#[macro_export]
macro_rules! msg {
    ($id:literal, $en:literal $(,)?) => {
        $crate::error::Msg::new(format!($id), format!($en))
    };
    ($id:literal, $en:literal, $($arg:tt)*) => {
        $crate::error::Msg::new(format!($id, $($arg)*), format!($en, $($arg)*))
    };
}

/// A problem that stops the command (exit code 2). Boxed so results stay small.
#[derive(Debug, Clone)]
pub struct Error(Box<ErrorBody>);

/// What an [`Error`] holds: where, and what.
#[derive(Debug, Clone)]
pub struct ErrorBody {
    pub location: Location,
    pub message: Msg,
}

impl std::ops::Deref for Error {
    type Target = ErrorBody;

    fn deref(&self) -> &ErrorBody {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorBody {
        &mut self.0
    }
}

impl Error {
    pub fn new(location: Location, message: Msg) -> Self {
        Error(Box::new(ErrorBody { location, message }))
    }

    /// An error that is about no particular file.
    pub fn plain(message: Msg) -> Self {
        Error::new(Location::default(), message)
    }

    /// An I/O error on `path`, in the user's words.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Error::new(
            Location::file(path),
            io_message(err, cfg!(windows), Op::Any),
        )
    }

    /// An I/O error while putting a finished output in place over `path` (the rename over
    /// the previous file), in the user's words: on Windows, a file open in Excel cannot be
    /// replaced (see [`io_message`]).
    pub fn replace(path: &Path, err: &std::io::Error) -> Self {
        let op = Op::Replace {
            read_only: std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()),
        };
        Error::new(Location::file(path), io_message(err, cfg!(windows), op))
    }

    /// Renders the error for the user: `place: message`.
    pub fn render(&self, lang: Lang) -> String {
        let place = self.location.render(lang);
        if place.is_empty() {
            self.message.get(lang).to_string()
        } else {
            format!("{place}: {}", self.message.get(lang))
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {}

/// Turns a polars error into one of ours. Polars errors in this tool come from data we
/// prepared ourselves, so they are reported as internal processing errors with the context.
pub fn polars_err(context: &str, err: polars::error::PolarsError) -> Error {
    Error::plain(msg!(
        "gagal memproses data ({context}): {err}",
        "data processing failed ({context}): {err}"
    ))
}

/// What was being done to a file when an I/O error came, for its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Reading or writing.
    Any,
    /// Renaming a finished output over the previous file; `read_only` when that file has
    /// the read-only attribute.
    Replace { read_only: bool },
}

/// Windows' error codes for a file another program holds open: `ERROR_ACCESS_DENIED`
/// (what replacing a file open in Excel usually gives), `ERROR_SHARING_VIOLATION` and
/// `ERROR_LOCK_VIOLATION`.
pub const WINDOWS_ACCESS_DENIED: i32 = 5;
pub const WINDOWS_SHARING_VIOLATION: i32 = 32;
pub const WINDOWS_LOCK_VIOLATION: i32 = 33;

/// An I/O error in the user's words. `windows` says whether its raw OS code is a Windows
/// one (`cfg!(windows)` in a run; a parameter so the Windows words are tested everywhere):
/// there a sharing or lock violation means another program (Excel, which locks the
/// workbooks it has open) holds the file, and so does "access denied" when replacing a
/// file that is not read-only.
pub fn io_message(err: &std::io::Error, windows: bool, op: Op) -> Msg {
    use std::io::ErrorKind as K;
    let code = if windows { err.raw_os_error() } else { None };
    let held = matches!(
        code,
        Some(WINDOWS_SHARING_VIOLATION | WINDOWS_LOCK_VIOLATION)
    );
    match op {
        Op::Replace { read_only } if held || code == Some(WINDOWS_ACCESS_DENIED) => {
            return if read_only && !held {
                msg!(
                    "berkas ini hanya-baca sehingga tidak dapat diganti: hapus centang \"Read-only\" di Properties berkasnya atau pilih nama keluaran lain; berkas sebelumnya tidak berubah",
                    "this file is read-only, so it cannot be replaced: untick \"Read-only\" in the file's Properties or choose another output name; the previous file is unchanged"
                )
            } else {
                msg!(
                    "berkas sedang dibuka program lain (Excel?) sehingga tidak dapat diganti: tutup berkas di Excel lalu ulangi; berkas sebelumnya tidak berubah",
                    "the file is open in another program (Excel?), so it cannot be replaced: close it in Excel and try again; the previous file is unchanged"
                )
            };
        }
        _ if held => {
            return msg!(
                "berkas sedang dibuka program lain (Excel?): tutup berkas di Excel lalu ulangi",
                "the file is open in another program (Excel?): close it in Excel and try again"
            );
        }
        _ => {}
    }
    match err.kind() {
        K::NotFound => msg!("file tidak ditemukan", "file not found"),
        K::PermissionDenied => {
            msg!("tidak ada izin untuk membaca/menulis", "permission denied")
        }
        K::StorageFull | K::QuotaExceeded => msg!(
            "disk penuh: kosongkan ruang lalu ulangi; berkas sebelumnya tidak berubah",
            "the disk is full: free some space and try again; the previous file is unchanged"
        ),
        K::FileTooLarge => msg!(
            "berkas melebihi batas ukuran berkas yang diizinkan (kuota atau ulimit); kosongkan ruang atau pilih folder lain; berkas sebelumnya tidak berubah",
            "the file exceeds the file size allowed (quota or ulimit); free some space or choose another folder; the previous file is unchanged"
        ),
        K::InvalidFilename => msg!(
            "nama berkas terlalu panjang atau tidak sah untuk sistem berkas ini; pilih nama atau folder yang lebih pendek",
            "the file name is too long or not valid on this file system; choose a shorter name or folder"
        ),
        K::ReadOnlyFilesystem => msg!(
            "folder ini hanya-baca; pilih folder keluaran lain",
            "this folder is read-only; choose another output folder"
        ),
        K::IsADirectory => msg!(
            "ini sebuah folder, bukan berkas",
            "this is a folder, not a file"
        ),
        K::NotADirectory => msg!(
            "bagian dari jalur ini adalah berkas, bukan folder",
            "part of this path is a file, not a folder"
        ),
        K::ResourceBusy => msg!(
            "berkas sedang dipakai program lain; tutup lalu ulangi",
            "the file is in use by another program; close it and try again"
        ),
        _ => msg!(
            "gagal dibaca/ditulis: {err}",
            "cannot be read/written: {err}"
        ),
    }
}

/// A path as the user reads it: see [`shown`].
pub struct Shown<'a>(&'a Path);

/// How every message and cell shows a path: with the platform's separator throughout. On
/// Windows a folder from the config (`samples/penilaian-mandiri`) joined with a file found
/// in it would otherwise read `samples/penilaian-mandiri\a.xlsx`; there every `/` is
/// shown as `\` (Windows takes both, and no file name holds either). Elsewhere the path
/// is shown as it is ([`Path::display`]).
pub fn shown(path: &Path) -> Shown<'_> {
    Shown(path)
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if cfg!(windows) {
            f.write_str(&windows_separators(&self.0.to_string_lossy()))
        } else {
            fmt::Display::fmt(&self.0.display(), f)
        }
    }
}

/// `text` with every `/` as `\`, as Windows paths are shown.
pub fn windows_separators(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('/') {
        text.replace('/', "\\").into()
    } else {
        text.into()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The lines of a text, to find the line of many offsets without counting from the start
/// each time (a rubric of thousands of criteria).
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Self {
        Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    /// 1-based line of a byte offset, as [`line_of`] counts it.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

/// Deserializes a TOML text read from `origin`; a syntax or type error names its line.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, origin: &Path) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let mut loc = Location::file(origin);
        if let Some(span) = e.span() {
            loc = loc.with_line(line_of(text, span.start));
        }
        let m = e.message().to_string();
        Error::new(loc, msg!("isi TOML tidak valid: {m}", "invalid TOML: {m}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The I/O failures a user meets are said in their words, not the library's.
    #[test]
    fn io_errors_in_the_users_words() {
        use std::io::{Error as IoError, ErrorKind as K};
        let said = |k: K| Error::io(Path::new("laporan.xlsx"), &IoError::from(k)).render(Lang::Id);
        assert!(said(K::StorageFull).contains("disk penuh"));
        assert!(said(K::FileTooLarge).contains("batas ukuran berkas"));
        assert!(said(K::InvalidFilename).contains("terlalu panjang"));
        assert!(said(K::ReadOnlyFilesystem).contains("hanya-baca"));
        assert!(said(K::NotFound).starts_with("laporan.xlsx: "));
    }

    /// A workbook open in Excel (Windows' error codes) is said as such with its file, in
    /// both languages; the same numbers on another system mean something else.
    #[test]
    fn a_file_open_in_excel() {
        let at = |code: i32, windows: bool, op: Op| {
            let m = io_message(&std::io::Error::from_raw_os_error(code), windows, op);
            Error::new(Location::file(Path::new("reports/laporan.xlsx")), m)
        };
        let said = |code: i32, windows: bool, op: Op| at(code, windows, op).render(Lang::Id);
        let replace = Op::Replace { read_only: false };
        let read_only = Op::Replace { read_only: true };
        for code in [5, 32, 33] {
            assert_eq!(
                said(code, true, replace),
                "reports/laporan.xlsx: berkas sedang dibuka program lain (Excel?) sehingga tidak dapat diganti: tutup berkas di Excel lalu ulangi; berkas sebelumnya tidak berubah",
                "{code}"
            );
            assert_eq!(
                at(code, true, replace).render(Lang::En),
                "reports/laporan.xlsx: the file is open in another program (Excel?), so it cannot be replaced: close it in Excel and try again; the previous file is unchanged",
                "{code}"
            );
        }
        // Read while Excel holds it.
        for code in [32, 33] {
            assert_eq!(
                said(code, true, Op::Any),
                "reports/laporan.xlsx: berkas sedang dibuka program lain (Excel?): tutup berkas di Excel lalu ulangi"
            );
        }
        // Access denied is Excel only when replacing a file that is not read-only.
        assert!(!said(5, true, Op::Any).contains("Excel"));
        let ro = said(5, true, read_only);
        assert!(
            ro.starts_with("reports/laporan.xlsx: berkas ini hanya-baca"),
            "{ro}"
        );
        assert!(!ro.contains("Excel"), "{ro}");
        // A sharing violation on a read-only file is still the program holding it.
        assert!(said(32, true, read_only).contains("tutup berkas di Excel lalu ulangi"));
        // On Linux 5, 32 and 33 are EIO, EPIPE and EDOM.
        for code in [5, 32, 33] {
            assert!(!said(code, false, replace).contains("Excel"), "{code}");
        }
    }

    /// Windows paths are shown with one separator: the config's `/` joined with `\`.
    #[test]
    fn one_path_style() {
        assert_eq!(
            windows_separators("samples/kepatuhan-ombudsman\\penilaian-bbpom.xlsx"),
            "samples\\kepatuhan-ombudsman\\penilaian-bbpom.xlsx"
        );
        assert_eq!(
            windows_separators("C:/Data ULPK/ekspor.csv"),
            "C:\\Data ULPK\\ekspor.csv"
        );
        let unc = "\\\\server\\share\\Laporan Triwulan\\laporan.xlsx";
        assert_eq!(windows_separators(unc), unc);
        // Elsewhere a path is shown as it is, byte for byte as before.
        #[cfg(not(windows))]
        for p in [
            "samples/a\\b.xlsx",
            "/tmp/laporan ulpk/x.xlsx",
            "laporan.xlsx",
        ] {
            assert_eq!(
                shown(Path::new(p)).to_string(),
                Path::new(p).display().to_string()
            );
        }
    }

    #[test]
    fn lines_agree_with_line_of() {
        let text = "a\nbb\n\nccc";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(lines.line(offset), line_of(text, offset), "{offset}");
        }
    }
}

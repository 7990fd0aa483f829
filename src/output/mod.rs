//! Writing results: CSV, Parquet and XLSX files, and tables on the console.
//!
//! Every file is written to a temporary file beside its destination and renamed when
//! complete, so an interrupted or failed run never leaves a partial file. Public text is
//! never a formula: XLSX cells are written as strings, and CSV cells that Excel would read
//! as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.

pub mod answers;
pub mod guard;
pub mod instructions;
pub mod os;
pub use crate::text::mask;
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

/// Text for the terminal: control characters (an ESC that would start a terminal escape
/// sequence, a carriage return that would overwrite the line, a bell) and bidirectional
/// overrides, which data from the public may hold, written out as `\u{1b}` instead of
/// acting on the terminal. Line breaks and tabs stay.
pub fn console(s: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(acts) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) as the time documents carry,
/// when set: seconds since 1970 in Excel's range of dates (1900–9999). Anything else set
/// is an error naming the variable, before anything is written.
pub fn source_date() -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let raw = raw.to_string_lossy();
    let t = raw
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|ts| chrono::DateTime::from_timestamp(ts, 0))
        .filter(|t| (1900..=9999).contains(&chrono::Datelike::year(t)));
    match t {
        Some(t) => Ok(Some(t)),
        None => Err(Error::plain(msg!(
            "SOURCE_DATE_EPOCH = \"{raw}\" bukan waktu yang dapat dipakai: harus detik sejak 1970 untuk tanggal antara tahun 1900 dan 9999 (misalnya 1775462400), atau hapus variabelnya",
            "SOURCE_DATE_EPOCH = \"{raw}\" is not a usable time: it must be seconds since 1970 for a date between the years 1900 and 9999 (e.g. 1775462400), or unset it"
        ))),
    }
}

/// Temporary files being written, removed if the process is interrupted.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Held while a [`FileSet`] renames its files into place; the interrupt handler takes it
/// before it cleans up, so a signal during the renames waits until they are all done.
static RENAMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn renaming() -> std::sync::MutexGuard<'static, ()> {
    RENAMING.lock().unwrap_or_else(|e| e.into_inner())
}

/// The completed files of the open [`FileSet`], waiting to be renamed into place; `None`
/// when no set is open (each file is then put in place as soon as it is complete).
static STAGED: std::sync::Mutex<Option<Vec<TempFile>>> = std::sync::Mutex::new(None);

fn staged() -> std::sync::MutexGuard<'static, Option<Vec<TempFile>>> {
    STAGED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The outputs of one command, put in place as a set: while a set is open, every output
/// ([`TempFile::commit`], and so [`atomic_write`], [`StreamWriter::finish`] and the XLSX
/// writers) is written completely under its temporary name in its target folder and kept
/// there; [`FileSet::commit`] then renames them all into place, one after the other with
/// nothing else in between. A set dropped without a commit (an error) removes them, and an
/// interrupt (Ctrl-C, SIGTERM, SIGHUP) while they are written removes them too: the
/// previous outputs stay as they were, all of them.
///
/// Assumptions: the renames of a set are not interruptible halfway by those signals (the
/// interrupt handler waits for [`RENAMING`], so a signal during them lets them finish and
/// the new set is in place, exit 130); each rename is within one folder, so atomic and
/// near instant, and every destination is checked again before the first rename. Only
/// SIGKILL or a power loss during the renames themselves (microseconds per file) can
/// leave a mix, as can a rename that fails after the earlier ones succeeded (it is
/// reported with its file, and the earlier files of the set are then already new).
pub struct FileSet(());

impl FileSet {
    /// Opens the set (the command line opens one per command).
    pub fn begin() -> FileSet {
        *staged() = Some(Vec::new());
        FileSet(())
    }

    /// Renames every completed file of the set into place; returns how many.
    pub fn commit(self) -> Result<usize> {
        let files = staged().take().unwrap_or_default();
        for f in &files {
            guard::check_destination(&f.path)?;
            // Windows: a file open in Excel is found before any file of the set is renamed.
            guard::check_not_held(&f.path)?;
        }
        let _renaming = renaming();
        let n = files.len();
        for f in files {
            f.persist()?;
        }
        Ok(n)
    }
}

impl Drop for FileSet {
    fn drop(&mut self) {
        // Not committed: the staged files are removed (each `TempFile` removes its own).
        let files = staged().take();
        drop(files);
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP (on Windows Ctrl-C, Ctrl-Break or the console window
/// closed): removes the temporary files being written and exits with 130, so an
/// interrupted run leaves the previous output as it was and nothing half-written. During
/// the renames of a [`FileSet`] it waits until they are done.
pub fn clean_up_on_interrupt() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                interrupted();
            }
        });
    }
    #[cfg(windows)]
    os::on_console_close(interrupted);
}

/// The end of an interrupted run: its temporary files removed, exit code 130.
fn interrupted() -> ! {
    let _renaming = renaming();
    for p in pending().drain(..) {
        let _ = std::fs::remove_file(p);
    }
    eprintln!("dihentikan / interrupted");
    os::restore_console();
    std::process::exit(130);
}

/// Removes temporary files a killed run (SIGKILL, power loss) left for this output: those
/// of processes that no longer exist. Their names are `.{name}.{pid}.{random}.tmp`; only
/// regular files are removed (never what a symlink points at).
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
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if !os::process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A file being written under a temporary name beside its destination: [`commit`]
/// renames it into place; dropped uncommitted (an error on the way), it is removed.
///
/// The temporary file is created exclusively (`O_EXCL`: never an existing file, never
/// through a symlink planted under its name) with an unpredictable name, by the
/// `tempfile` crate, and written through the handle that created it.
///
/// [`commit`]: TempFile::commit
pub struct TempFile {
    /// Always `Some` until [`TempFile::commit`] takes it.
    file: Option<tempfile::NamedTempFile>,
    /// Its temporary path, listed in [`PENDING`] while it exists.
    tmp: PathBuf,
    path: PathBuf,
}

impl TempFile {
    pub fn new(path: &Path) -> Result<TempFile> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        guard::claim(path)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        remove_stale(&dir, &name);
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // The mode an ordinary new file gets (the umask applies), not tempfile's private
        // 0600: the output is shared like any other file the user writes.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(&dir).map_err(|e| Error::io(path, &e))?;
        let tmp = file.path().to_path_buf();
        pending().push(tmp.clone());
        Ok(TempFile {
            file: Some(file),
            tmp,
            path: path.to_path_buf(),
        })
    }

    /// The path the file goes to when it is committed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn named(&self) -> Result<&tempfile::NamedTempFile> {
        self.file.as_ref().ok_or_else(|| {
            Error::new(
                Location::file(&self.path),
                msg!(
                    "berkas sementara sudah ditutup",
                    "temporary file already closed"
                ),
            )
        })
    }

    /// A handle on the temporary file to write to (it shares the file position).
    pub fn handle(&self) -> Result<std::fs::File> {
        self.named()?
            .as_file()
            .try_clone()
            .map_err(|e| Error::io(&self.path, &e))
    }

    /// Renames the temporary file into place, or, while a [`FileSet`] is open, keeps it
    /// complete under its temporary name until the set is committed.
    pub fn commit(self) -> Result<()> {
        // An input read after the output was begun (a streamed score of its own input).
        guard::check_destination(&self.path)?;
        let mut set = staged();
        match set.as_mut() {
            Some(files) => {
                files.push(self);
                Ok(())
            }
            None => {
                drop(set);
                self.persist()
            }
        }
    }

    fn persist(mut self) -> Result<()> {
        let file = self.file.take();
        match file {
            Some(f) => f
                .persist(&self.path)
                .map(|_| ())
                // The returned handle removes the temporary file when dropped.
                .map_err(|e| Error::replace(&self.path, &e.error)),
            None => Ok(()),
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // An uncommitted `NamedTempFile` removes its file itself.
        drop(self.file.take());
        pending().retain(|p| p != &self.tmp);
    }
}

/// Writes a file through a temporary file that is renamed into place on success and
/// removed on failure or interruption.
pub fn atomic_write<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut std::fs::File) -> Result<()>,
{
    write_into(TempFile::new(path)?, write)
}

/// Like [`atomic_write`], into a temporary file made beforehand (the output claimed when
/// a long job began, written when it ends).
pub fn write_into<F>(tmp: TempFile, write: F) -> Result<()>
where
    F: FnOnce(&mut std::fs::File) -> Result<()>,
{
    let mut f = tmp.handle()?;
    write(&mut f)?;
    f.sync_all().map_err(|e| Error::io(tmp.path(), &e))?;
    drop(f);
    tmp.commit()
}

/// A CSV or Parquet file written part by part (the parts of a large run), through a
/// [`TempFile`]: [`finish`] puts it in place.
///
/// [`finish`]: StreamWriter::finish
pub struct StreamWriter {
    path: PathBuf,
    tmp: TempFile,
    kind: StreamKind,
}

enum StreamKind {
    Csv(Option<std::fs::File>, bool),
    Parquet(Option<Box<polars::io::parquet::write::BatchedWriter<std::fs::File>>>),
}

impl StreamWriter {
    /// A writer for `path` (`.csv` or `.parquet`).
    pub fn new(path: &Path) -> Result<StreamWriter> {
        let kind = match Format::from_path(path)? {
            Format::Csv => StreamKind::Csv(None, false),
            Format::Parquet => StreamKind::Parquet(None),
            Format::Xlsx => {
                return Err(Error::new(
                    Location::file(path),
                    msg!(
                        "XLSX tidak ditulis bertahap",
                        "XLSX is not written part by part"
                    ),
                ));
            }
        };
        Ok(StreamWriter {
            path: path.to_path_buf(),
            tmp: TempFile::new(path)?,
            kind,
        })
    }

    /// Appends a part; every part has the first one's columns.
    pub fn write(&mut self, df: &DataFrame) -> Result<()> {
        let path = self.path.as_path();
        match &mut self.kind {
            StreamKind::Csv(file, started) => {
                let f = match file {
                    Some(f) => f,
                    None => file.insert(self.tmp.handle()?),
                };
                let mut part = defused(df, path)?;
                CsvWriter::new(f)
                    .include_bom(!*started)
                    .include_header(!*started)
                    .with_datetime_format(Some("%Y-%m-%d %H:%M:%S".into()))
                    .finish(&mut part)
                    .map_err(|e| write_err(path, e))?;
                *started = true;
            }
            StreamKind::Parquet(writer) => {
                let w = match writer {
                    Some(w) => w,
                    None => writer.insert(Box::new(
                        ParquetWriter::new(self.tmp.handle()?)
                            .batched(df.schema())
                            .map_err(|e| write_err(path, e))?,
                    )),
                };
                let mut part = df.clone();
                part.rechunk_mut();
                w.write_batch(&part).map_err(|e| write_err(path, e))?;
            }
        }
        Ok(())
    }

    /// Completes the file and puts it in place.
    pub fn finish(mut self) -> Result<()> {
        match &mut self.kind {
            StreamKind::Csv(file, _) => {
                if let Some(f) = file.take() {
                    f.sync_all().map_err(|e| Error::io(&self.path, &e))?;
                }
            }
            StreamKind::Parquet(writer) => {
                if let Some(w) = writer.take() {
                    w.finish().map_err(|e| write_err(&self.path, e))?;
                }
            }
        }
        // No part came: the temporary file stays empty.
        self.tmp.commit()
    }
}

/// Prefixes text Excel would evaluate as a formula with `'`.
pub fn defuse_formula(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

fn write_err(path: &Path, e: PolarsError) -> Error {
    // A disk full or another I/O failure while writing: in the user's words.
    if let PolarsError::IO { error, .. } = &e {
        return Error::io(path, error);
    }
    // The Parquet writer wraps its I/O error in text ("underlying IO error: File too large
    // (os error 27)"): the OS error code it ends with says what happened.
    let text = e.to_string();
    if let Some(code) = text
        .rsplit_once("(os error ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .and_then(|n| n.parse::<i32>().ok())
    {
        return Error::io(path, &std::io::Error::from_raw_os_error(code));
    }
    Error::new(
        Location::file(path),
        msg!("gagal menulis: {e}", "cannot write: {e}"),
    )
}

/// The frame with formula-like text defused (see [`defuse_formula`]).
fn defused(df: &DataFrame, path: &Path) -> Result<DataFrame> {
    // The frame rebuilt once from its columns (replacing columns one at a time looks each
    // one up again: quadratic in a rubric of thousands of criteria).
    let columns = df
        .columns()
        .iter()
        .map(|c| {
            if c.dtype() != &DataType::String {
                return Ok(c.clone());
            }
            let ca = c.str().map_err(|e| write_err(path, e))?;
            let out: StringChunked = ca
                .iter()
                .map(|o| o.map(|s| defuse_formula(s).into_owned()))
                .collect();
            Ok(out.with_name(c.name().clone()).into_column())
        })
        .collect::<Result<Vec<_>>>()?;
    DataFrame::new(df.height(), columns).map_err(|e| write_err(path, e))
}

/// Writes a frame as CSV (UTF-8 with BOM so Excel reads the accents, `,` delimiter),
/// defusing formula-like text.
pub fn write_csv(path: &Path, df: &DataFrame) -> Result<()> {
    let mut df = defused(df, path)?;
    atomic_write(path, |f| {
        CsvWriter::new(f)
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
    atomic_write(path, |f| {
        ParquetWriter::new(f)
            .finish(&mut df)
            .map(|_| ())
            .map_err(|e| write_err(path, e))
    })
}

/// Characters of a name's part of a file name at most (Windows paths stay short).
const NAME_PART_MAX: usize = 60;

/// Windows' reserved device names, which no file may be called.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The one way from a name (a unit's, a reviewer's) to a file name:
/// `{prefix}{part}.{ext}`, the part in lower case without accents, runs of other
/// characters as one dash ("Loka POM di Kab. Bogor" → "loka-pom-di-kab-bogor"). Never
/// empty: a name without letters or digits ("???") becomes "tanpa-nama-" and six hex
/// digits of its SHA-256, so two such names still differ; a part longer than
/// [`NAME_PART_MAX`] is cut and gets the same suffix; no part is a reserved Windows name.
/// Names can still meet in one file name: [`unique_file_names`] refuses that.
pub fn file_name(prefix: &str, name: &str, ext: &str) -> String {
    format!("{prefix}{}.{ext}", name_part(name))
}

fn name_part(name: &str) -> String {
    let mut part = String::new();
    for c in guard::fold(name).chars() {
        if c.is_alphanumeric() {
            part.push(c);
        } else if !part.ends_with('-') && !part.is_empty() {
            part.push('-');
        }
    }
    let part = part.trim_end_matches('-');
    let hash = || {
        use sha2::Digest;
        let d = sha2::Sha256::digest(name.as_bytes());
        format!("{:02x}{:02x}{:02x}", d[0], d[1], d[2])
    };
    if part.is_empty() {
        return format!("tanpa-nama-{}", hash());
    }
    if part.chars().count() > NAME_PART_MAX {
        let cut: String = part.chars().take(NAME_PART_MAX - 7).collect();
        return format!("{}-{}", cut.trim_end_matches('-'), hash());
    }
    if RESERVED.contains(&part) {
        return format!("{part}-");
    }
    part.to_string()
}

/// Refuses names that give the same file name (compared ignoring case and accents, as
/// Windows does): `(name, file name)` pairs. Checked before anything is written.
pub fn unique_file_names(names: &[(&str, String)]) -> Result<()> {
    let mut seen: std::collections::HashMap<String, &str> = Default::default();
    for (name, file) in names {
        if let Some(other) = seen.insert(guard::fold(file), name) {
            return Err(Error::plain(msg!(
                "\"{other}\" dan \"{name}\" menjadi nama berkas yang sama ({file}); samakan namanya (daftar unit atau alias) atau ubah salah satunya",
                "\"{other}\" and \"{name}\" make the same file name ({file}); make them one name (unit list or aliases) or change one"
            )));
        }
    }
    Ok(())
}

//! Which files a run reads and which it writes, so that no output ever replaces an input
//! or another output of the same run.
//!
//! Readers open files through [`open`], [`read_to_string`] and [`read`] (or record them
//! with [`note_input`]); every output goes through [`crate::output::TempFile`], which
//! [claims](claim) its destination before writing and checks it again before renaming.
//! Commands that write several files check them all with [`distinct`] before writing any.
//! The records are kept for one run of the command line ([`begin_run`]); a program using
//! the library without it records nothing.
//!
//! Two paths are the same file when they resolve to the same device and inode (symlinks
//! and hard links included), or, for a file not yet there, when their absolute forms agree
//! ignoring case and accents (as Windows shares and macOS volumes compare names).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Location, Result};

/// A file's identity on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Canonical(PathBuf),
}

fn identity(p: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(p).ok()?;
        Some(Identity::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(p).ok().map(Identity::Canonical)
    }
}

/// The comparison key of a path: absolute, its folder resolved when it exists, the whole
/// folded to lower case without accents.
fn key(p: &Path) -> String {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let resolved = match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or_else(|_| abs.clone()),
        _ => abs.clone(),
    };
    fold(&resolved.to_string_lossy())
}

/// Lower case without accents ("Balai" = "balai", "é" = "e"): names that a
/// case-insensitive file system, or a user reading them, takes for the same.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

struct Seen {
    path: PathBuf,
    key: String,
    id: Option<Identity>,
}

/// What one run read and wrote.
#[derive(Default)]
struct Registry {
    inputs: Vec<Seen>,
    outputs: Vec<Seen>,
}

impl Registry {
    fn note_input(&mut self, s: Seen) {
        if !self.inputs.iter().any(|i| i.key == s.key && i.id == s.id) {
            self.inputs.push(s);
        }
    }

    fn check_destination(&self, s: &Seen) -> Result<()> {
        match self.inputs.iter().find(|i| same(i, s)) {
            Some(i) => Err(input_clash(&s.path, &i.path)),
            None => Ok(()),
        }
    }

    fn claim(&mut self, s: Seen) -> Result<()> {
        self.check_destination(&s)?;
        if let Some(o) = self.outputs.iter().find(|o| same(o, &s)) {
            return Err(output_clash(&s.path, &o.path));
        }
        self.outputs.push(s);
        Ok(())
    }
}

/// The current run's records; `None` outside a command-line run.
static RUN: Mutex<Option<Registry>> = Mutex::new(None);

fn with_run<T>(f: impl FnOnce(&mut Registry) -> T) -> Option<T> {
    let mut run = RUN.lock().unwrap_or_else(|e| e.into_inner());
    run.as_mut().map(f)
}

/// Starts recording what this process reads and writes (the command line does, once).
pub fn begin_run() {
    *RUN.lock().unwrap_or_else(|e| e.into_inner()) = Some(Registry::default());
}

fn seen(p: &Path) -> Seen {
    Seen {
        path: p.to_path_buf(),
        key: key(p),
        id: identity(p),
    }
}

fn same(a: &Seen, b: &Seen) -> bool {
    a.key == b.key || (a.id.is_some() && a.id == b.id)
}

/// Records a file the run reads.
pub fn note_input(p: &Path) {
    with_run(|r| r.note_input(seen(p)));
}

/// Opens a file to read, recording it.
pub fn open(p: &Path) -> Result<std::fs::File> {
    note_input(p);
    std::fs::File::open(p).map_err(|e| Error::io(p, &e))
}

/// Reads a text file, recording it.
pub fn read_to_string(p: &Path) -> Result<String> {
    note_input(p);
    std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))
}

/// Reads a file's bytes, recording it.
pub fn read(p: &Path) -> Result<Vec<u8>> {
    note_input(p);
    std::fs::read(p).map_err(|e| Error::io(p, &e))
}

fn input_clash(out: &Path, input: &Path) -> Error {
    Error::new(
        Location::file(out),
        msg!(
            "berkas keluaran ini adalah berkas masukan {} — masukan tidak pernah ditimpa; pilih nama keluaran lain",
            "this output file is the input file {} — inputs are never overwritten; choose another output name",
            crate::error::shown(input)
        ),
    )
}

fn output_clash(out: &Path, other: &Path) -> Error {
    Error::new(
        Location::file(out),
        msg!(
            "berkas keluaran ini sama dengan keluaran lain dari perintah yang sama ({}); beri setiap keluaran nama sendiri (huruf besar/kecil dan aksen tidak membedakan nama)",
            "this output file is the same as another output of the same command ({}); give each output its own name (case and accents do not tell names apart)",
            crate::error::shown(other)
        ),
    )
}

/// Whether writing `p` would replace a file the run read.
pub fn check_destination(p: &Path) -> Result<()> {
    let s = seen(p);
    with_run(|r| r.check_destination(&s)).unwrap_or(Ok(()))
}

/// Windows: refuses `p` when another program (Excel) holds it open, so that it could not
/// be replaced ([`super::os::held_open`]), saying to close it there. Never elsewhere.
pub fn check_not_held(p: &Path) -> Result<()> {
    match super::os::held_open(p) {
        Some(e) => Err(Error::replace(p, &e)),
        None => Ok(()),
    }
}

/// Claims `p` as an output of this run: refused when it is an input or was already
/// written by this run.
pub fn claim(p: &Path) -> Result<()> {
    let s = seen(p);
    with_run(|r| r.claim(s)).unwrap_or(Ok(()))
}

/// Checks a command's outputs before any is written: none is one of `inputs` or an input
/// read so far, no two are the same file, none is an existing folder, each one's folder is
/// not an existing file, and (on Windows) none is open in Excel.
pub fn distinct(outputs: &[&Path], inputs: &[&Path]) -> Result<()> {
    let given: Vec<Seen> = inputs
        .iter()
        .filter(|i| i.is_file())
        .map(|i| seen(i))
        .collect();
    let mut checked: Vec<Seen> = Vec::new();
    for &o in outputs {
        let s = seen(o);
        if let Some(i) = given.iter().find(|i| same(i, &s)) {
            return Err(input_clash(o, &i.path));
        }
        with_run(|r| r.check_destination(&s)).unwrap_or(Ok(()))?;
        if o.is_dir() {
            return Err(Error::new(
                Location::file(o),
                msg!(
                    "ini sebuah folder; keluaran harus berupa nama berkas",
                    "this is a folder; the output must be a file name"
                ),
            ));
        }
        if let Some(dir) = o.parent().filter(|d| !d.as_os_str().is_empty())
            && dir.is_file()
        {
            return Err(Error::new(
                Location::file(o),
                msg!(
                    "{} adalah berkas, bukan folder",
                    "{} is a file, not a folder",
                    crate::error::shown(dir)
                ),
            ));
        }
        if let Some(c) = checked.iter().find(|c| same(c, &s)) {
            return Err(output_clash(o, &c.path));
        }
        check_not_held(o)?;
        checked.push(s);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(
            fold("Balai POM di JAKARTA.xlsx"),
            "balai pom di jakarta.xlsx"
        );
        assert_eq!(fold("Évaluasi"), "evaluasi");
    }

    #[test]
    fn an_input_is_never_a_destination() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("jawaban.csv");
        std::fs::write(&input, "a").unwrap();
        let mut r = Registry::default();
        r.note_input(seen(&input));
        let err = r.claim(seen(&input)).unwrap_err();
        assert!(
            err.render(crate::i18n::Lang::En)
                .contains("inputs are never overwritten")
        );
        // The same file through another spelling of its path and through a hard link.
        let other = dir.path().join(".").join("JAWABAN.csv");
        assert!(r.check_destination(&seen(&other)).is_err());
        let link = dir.path().join("tautan.csv");
        std::fs::hard_link(&input, &link).unwrap();
        assert!(r.check_destination(&seen(&link)).is_err());
        #[cfg(unix)]
        {
            let sym = dir.path().join("simbolik.csv");
            std::os::unix::fs::symlink(&input, &sym).unwrap();
            assert!(r.check_destination(&seen(&sym)).is_err());
        }
        assert!(
            r.check_destination(&seen(&dir.path().join("skor.csv")))
                .is_ok()
        );
    }

    #[test]
    fn one_output_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Registry::default();
        let a = dir.path().join("laporan-balai-pom-di-jakarta.xlsx");
        r.claim(seen(&a)).unwrap();
        let b = dir.path().join("Laporan-Balai-POM-di-Jakarta.xlsx");
        let err = r.claim(seen(&b)).unwrap_err();
        assert!(
            err.render(crate::i18n::Lang::En)
                .contains("same as another output")
        );
    }

    #[test]
    fn outputs_checked_together() {
        let dir = tempfile::tempdir().unwrap();
        let x = dir.path().join("x.csv");
        assert!(distinct(&[&x, &x], &[]).is_err());
        let input = dir.path().join("a.csv");
        std::fs::write(&input, "a").unwrap();
        assert!(distinct(&[&input], &[&input]).is_err());
        assert!(distinct(&[dir.path()], &[]).is_err());
        let y = dir.path().join("y.csv");
        assert!(distinct(&[&x, &y], &[&input]).is_ok());
        assert!(distinct(&[&input.join("z.csv")], &[]).is_err());
    }
}

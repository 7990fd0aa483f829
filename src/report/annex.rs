//! The answer-details annex of the report ("Rincian Jawaban"): one row per answer, written
//! on a thread of its own while the answers are scored. The scoring run hands it each
//! part's detail table as the part is scored; the thread writes the rows into the
//! workbook's constant-memory sheets and, once the run ends, saves the workbook, while
//! the report's other outputs are written. Nothing of the details is kept in memory
//! beyond the parts waiting in the queue (at most [`QUEUE`]), and the rows are one line
//! high ([`TableStream::one_line`]): a table of every answer is scanned and filtered, and
//! rows of their own height would each be held until the workbook is saved.

use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use polars::prelude::DataFrame;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::output::xlsx::{self, TableStream};

/// Parts scored ahead of the annex's writing at most: scoring waits beyond that, so the
/// parts in flight are bounded whatever the size of the run.
const QUEUE: usize = 1;

enum Job {
    /// A part's detail table and its header labels (the same for every part).
    Part(DataFrame, Vec<String>),
    /// Every part was sent: end the table and save the workbook.
    Finish,
}

/// The annex being written. [`Annex::wait`] waits for the workbook to be saved; an annex
/// dropped before [`Annex::end`] (an error elsewhere) stops its thread and leaves no file.
pub struct Annex {
    tx: Option<SyncSender<Job>>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl Annex {
    /// Starts the annex at `path` (claimed now, written under a temporary name, in place
    /// when the command's outputs are committed) for the period `period`.
    pub fn start(path: &Path, period: &str, lang: Lang) -> Result<Annex> {
        let sheet = lang.of(crate::labels::sheet::DETAILS);
        let wb = xlsx::new_workbook(&format!("{sheet} — {period}"))?;
        let tmp = crate::output::TempFile::new(path)?;
        let (tx, rx) = sync_channel(QUEUE);
        let period = period.to_string();
        let thread = std::thread::Builder::new()
            .name("rincian".into())
            .spawn(move || write(rx, wb, tmp, sheet, &period, lang))
            .map_err(|e| Error::io(path, &e))?;
        Ok(Annex {
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    /// Queues a part's detail table (waits while the queue is full).
    pub fn send(&mut self, table: DataFrame, headers: Vec<String>) -> Result<()> {
        let sent = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send(Job::Part(table, headers)).is_ok());
        if sent {
            return Ok(());
        }
        // The thread stopped early: its error says why.
        self.tx = None;
        self.join()?;
        Err(Error::plain(msg!(
            "penulisan rincian jawaban berhenti sebelum waktunya",
            "writing the answer details stopped early"
        )))
    }

    /// Every part was sent: the thread ends the table and saves the workbook while the
    /// caller goes on (see [`Annex::wait`]).
    pub fn end(&mut self) -> Result<()> {
        if let Some(tx) = self.tx.take()
            && tx.send(Job::Finish).is_err()
        {
            // The thread stopped early: its error says why.
            return self.join();
        }
        Ok(())
    }

    /// Ends the table if [`Annex::end`] has not, and waits until the workbook is saved.
    pub fn wait(mut self) -> Result<()> {
        self.end()?;
        self.join()
    }

    /// The thread's result; its panic is raised again here (a failed write of
    /// rust_xlsxwriter's temporary sheet data becomes its error, as on the main thread).
    fn join(&mut self) -> Result<()> {
        let Some(thread) = self.thread.take() else {
            return Ok(());
        };
        match thread.join() {
            Ok(r) => r,
            Err(payload) => match xlsx::write_panic_error(payload.as_ref()) {
                Some(e) => Err(e),
                None => std::panic::resume_unwind(payload),
            },
        }
    }
}

impl Drop for Annex {
    fn drop(&mut self) {
        // Without `Job::Finish` the thread returns without saving; its temporary file
        // goes with it.
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The annex thread: rows as the parts come, the workbook saved on [`Job::Finish`].
fn write(
    rx: Receiver<Job>,
    mut wb: rust_xlsxwriter::Workbook,
    tmp: crate::output::TempFile,
    sheet: &str,
    period: &str,
    lang: Lang,
) -> Result<()> {
    let mut table: Option<TableStream> = None;
    for job in rx {
        match job {
            Job::Part(df, headers) => table
                .get_or_insert_with(|| TableStream::new(sheet, headers).one_line())
                .push(&mut wb, df)?,
            Job::Finish => {
                let table = table.unwrap_or_else(|| TableStream::new(sheet, Vec::new()).one_line());
                table.finish(&mut wb)?;
                let head = xlsx::PageHead {
                    title: sheet,
                    period: Some(period),
                    unit: Some(lang.pick("Nasional", "National")),
                    lang,
                };
                return xlsx::save_into(&mut wb, tmp, &head);
            }
        }
    }
    // The run stopped before its end: no annex.
    Ok(())
}

//! The answer-quality pipeline shared by the commands: ingest → normalise → validate →
//! score. Aggregation and output are left to each command.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::*;

use crate::calendar::Calendar;
use crate::error::Msg;
use crate::error::polars_err;
use crate::error::{Error, Result};
use crate::expr::text_column;
use crate::i18n::Lang;
use crate::ingest::columns::column_specs;
use crate::ingest::columns::field;
use crate::ingest::normalize::{UnitList, normalize_frame};
use crate::ingest::{Aliases, IngestOptions, SourceInfo, conform, open_chunks};
use crate::issues::DataIssue;
use crate::progress::Progress;
use crate::review::decisions::Decisions;
use crate::review::dispute::Dispute;
use crate::review::merge::Rule;
use crate::rubric::Rubric;

/// What to score and how.
#[derive(Debug, Clone, Default)]
pub struct ScoreInputs {
    pub files: Vec<PathBuf>,
    pub rubric: Option<PathBuf>,
    pub sheet: Option<String>,
    pub units: Option<PathBuf>,
    pub calendars: Vec<PathBuf>,
    pub aliases: Vec<PathBuf>,
    pub columns: BTreeMap<String, String>,
    /// Filled review workbooks (or folders of them) merged into the manual criteria.
    pub reviews: Vec<PathBuf>,
    /// How several reviewers' marks on one answer become one.
    pub review_rule: Rule,
    /// Disputes files (decisions on officers' disputes).
    pub disputes: Vec<PathBuf>,
    /// More columns to carry through as text: (key, header aliases), e.g. human verdicts.
    pub extra_columns: Vec<(String, Vec<String>)>,
}

impl ScoreInputs {
    /// The answers the config names (`[answers]`, `[columns]`), paths as the config
    /// resolved them.
    pub fn from_config(cfg: &crate::config::Config) -> Result<ScoreInputs> {
        let a = &cfg.answers;
        Ok(ScoreInputs {
            files: a.files.clone(),
            rubric: a.rubric.clone(),
            sheet: a.sheet.clone(),
            units: a.units.clone(),
            calendars: a.calendar.clone(),
            aliases: a.aliases.clone(),
            columns: cfg.columns.clone(),
            reviews: a.reviews.clone(),
            disputes: a.disputes.clone(),
            review_rule: match &a.review_rule {
                Some(r) => Rule::parse(r)?,
                None => Rule::default(),
            },
            extra_columns: Vec::new(),
        })
    }
}

/// What a run reads before any record: the rubric, the calendar, the aliases, the unit
/// list, and how each file's columns are found. Built once from the inputs by every
/// command that reads answers.
pub struct Setup {
    pub rubric: Rubric,
    pub calendar: Calendar,
    pub aliases: Aliases,
    pub units: UnitList,
    pub opts: IngestOptions,
    /// The keys of the columns carried through as text (the rubric's and the inputs').
    pub extra_keys: Vec<String>,
}

impl Setup {
    pub fn load(inputs: &ScoreInputs) -> Result<Setup> {
        let rubric = match &inputs.rubric {
            Some(p) => Rubric::load(p)?,
            None => Rubric::builtin()?,
        };
        let mut calendar = Calendar::builtin()?;
        for c in &inputs.calendars {
            calendar.add_file(c)?;
        }
        let mut aliases = Aliases::builtin()?;
        for a in &inputs.aliases {
            aliases.add_file(a)?;
        }
        let units = UnitList::for_inputs(inputs.units.as_deref())?;
        let mut extra = rubric.extra_columns();
        extra.extend(inputs.extra_columns.iter().cloned());
        let specs = column_specs(&aliases, &inputs.columns, &rubric.required_fields(), &extra);
        let opts = IngestOptions {
            sheet: inputs.sheet.clone(),
            specs,
        };
        let extra_keys = extra.into_iter().map(|(k, _)| k).collect();
        Ok(Setup {
            rubric,
            calendar,
            aliases,
            units,
            opts,
            extra_keys,
        })
    }

    /// Reads, normalises and checks every file part by part, scoring nothing: each file's
    /// source (rows counted) and every data issue, sorted.
    pub fn check_files(&self, files: &[PathBuf]) -> Result<(Vec<SourceInfo>, Vec<DataIssue>)> {
        let mut checker =
            crate::validate::Checker::new(&self.rubric, &self.calendar, Some(&self.units));
        let (mut sources, mut issues) = (Vec::new(), Vec::new());
        for path in files {
            let (mut source, chunks) = open_chunks(path, &self.opts, crate::ingest::chunk_rows())?;
            for chunk in crate::ingest::prefetch(chunks) {
                let raw = conform(chunk?, &self.opts.specs)?;
                source.rows += raw.height();
                let mut df = self.normalize(raw)?;
                issues.append(&mut checker.check(&mut df, std::slice::from_ref(&source))?);
            }
            sources.push(source);
        }
        issues.extend(checker.officer_issues(&sources));
        crate::issues::sort_issues(&mut issues);
        Ok((sources, issues))
    }

    /// One part's records normalised (see [`normalize_frame`]).
    pub fn normalize(&self, raw: DataFrame) -> Result<DataFrame> {
        normalize_frame(raw, &self.aliases, Some(&self.units), &self.extra_keys)
    }
}

/// Everything a scoring run produced.
pub struct ScoredRun {
    pub rubric: Rubric,
    pub calendar: Calendar,
    pub sources: Vec<SourceInfo>,
    pub issues: Vec<DataIssue>,
    /// Notes about whole files (e.g. a column a criterion reads is absent).
    pub warnings: Vec<Msg>,
    /// One row per answer (see [`crate::score`]); none with [`Keep::Figures`].
    pub scored: DataFrame,
    /// With [`Keep::Figures`], the partial sums of every summary, by every dimension.
    pub partials: Option<crate::aggregate::Partials>,
    /// Every dispute row read, history included.
    pub disputes: Vec<Dispute>,
    /// The unit list the answers were matched to: the one given, or the built-in register.
    pub units: UnitList,
}

/// What a run keeps in memory of the scored records once a part is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every column (the XLSX outputs and the report show texts and evidence).
    All,
    /// What the aggregations read ([`crate::aggregate::input_columns`]): no text, evidence
    /// or per-criterion values, so a large input is never held whole.
    Slim,
    /// Only the partial sums of every summary ([`ScoredRun::partials`]), for a run whose
    /// outputs hold figures only (`summary`): no record is kept, so memory does not grow
    /// with the records, and the text checks write no evidence, which nothing would read.
    Figures,
}

/// Scores every record and keeps every column.
pub fn run(inputs: &ScoreInputs, lang: Lang, progress: &Progress) -> Result<ScoredRun> {
    run_with(inputs, lang, progress, Keep::All, &mut |_, _| Ok(()))
}

/// Scores the records part by part (see [`crate::ingest::open_chunks`]): each part is
/// read, normalised, checked, scored, handed to `sink` (e.g. a file written as it goes)
/// and kept as `keep` says. Duplicates are found across parts and files; reviews and
/// disputes are read first and their ids checked against all records at the end.
pub fn run_with(
    inputs: &ScoreInputs,
    lang: Lang,
    progress: &Progress,
    keep: Keep,
    sink: &mut dyn FnMut(&DataFrame, &Rubric) -> Result<()>,
) -> Result<ScoredRun> {
    if inputs.files.is_empty() {
        return Err(Error::plain(msg!(
            "tidak ada berkas masukan; sebutkan berkas ekspor atau [answers] files di konfigurasi",
            "no input files; name export files or [answers] files in the config"
        )));
    }
    let setup = Setup::load(inputs)?;
    let (rubric, calendar, opts) = (&setup.rubric, &setup.calendar, &setup.opts);
    let units = &setup.units;
    let decisions = Decisions::read(
        &inputs.reviews,
        &inputs.disputes,
        &inputs.review_rule,
        rubric,
        lang,
    )?;
    let timer = Timer::from_env();
    let chunk_rows = crate::ingest::chunk_rows();
    let mut checker = crate::validate::Checker::new(rubric, calendar, Some(units));
    let wants_corpus = crate::score::wants_corpus(rubric);
    let (mut issues, mut sources, mut kept) = (Vec::new(), Vec::new(), Vec::new());
    // With `Keep::Figures`, each scored part's partial sums are added on a thread of their
    // own while the next part is read, checked and scored: the group-bys are short and
    // mostly on one core, so on the main thread they left the other core idle. At most one
    // part waits for them.
    let partials = std::thread::scope(|scope| -> Result<_> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<DataFrame>(1);
        let adder = (keep == Keep::Figures).then(|| {
            scope.spawn(move || -> Result<crate::aggregate::Partials> {
                let mut p =
                    crate::aggregate::Partials::new(&crate::aggregate::Dimension::ALL, lang);
                for part in rx {
                    p.add(&part, rubric)?;
                }
                Ok(p)
            })
        });
        let scored_all = (|| -> Result<()> {
            for path in &inputs.files {
                progress.stage(lang.pick("Membaca berkas…", "Reading files…"));
                let corpora = if wants_corpus {
                    Some(file_corpora(path, opts, rubric, chunk_rows)?)
                } else {
                    None
                };
                let (mut source, chunks) = open_chunks(path, opts, chunk_rows)?;
                for chunk in crate::ingest::prefetch(chunks) {
                    let raw = conform(chunk?, &opts.specs)?;
                    source.rows += raw.height();
                    timer.lap("ingest");
                    let mut df = setup.normalize(raw)?;
                    timer.lap("normalize");
                    issues.append(&mut checker.check(&mut df, std::slice::from_ref(&source))?);
                    decisions.apply(&mut df)?;
                    timer.lap("validate");
                    progress.stage(tr!(
                        lang,
                        "Menilai jawaban… {} baris",
                        "Scoring answers… {} rows",
                        source.rows
                    ));
                    let scored = crate::score::score_frame_in(
                        df,
                        rubric,
                        calendar,
                        lang,
                        &decisions.overrides,
                        corpora.as_ref(),
                        keep != Keep::Figures,
                    )?;
                    timer.lap("score");
                    sink(&scored, rubric)?;
                    match keep {
                        // A closed channel means the adder stopped at an error, which its join
                        // returns below: no further part or file is read.
                        Keep::Figures => {
                            if tx.send(scored).is_err() {
                                return Ok(());
                            }
                        }
                        Keep::All => kept.push(scored),
                        Keep::Slim => kept.push(slim(scored, rubric)?),
                    }
                    timer.lap("sink");
                }
                sources.push(source);
            }
            Ok(())
        })();
        drop(tx);
        let partials = match adder {
            Some(h) => Some(h.join().map_err(|_| {
                Error::plain(msg!(
                    "ringkasan berhenti tak terduga",
                    "the summary stopped unexpectedly"
                ))
            })??),
            None => None,
        };
        scored_all?;
        timer.lap("partials (wait)");
        Ok(partials)
    })?;
    // Only column headings: nothing to score, and every figure would be empty.
    if !sources.is_empty() && sources.iter().all(|s| s.rows == 0) {
        let names: Vec<String> = sources
            .iter()
            .map(|s| crate::error::shown(&s.path).to_string())
            .collect();
        return Err(Error::plain(msg!(
            "tidak ada baris data untuk dinilai (hanya judul kolom) di: {}",
            "no data rows to score (column headings only) in: {}",
            names.join(", ")
        )));
    }
    let mut warnings = absent_column_warnings(rubric, &sources);
    for s in sources.iter().filter(|s| s.rows == 0) {
        warnings.push(msg!(
            "{}: tidak ada baris data (hanya judul kolom)",
            "{}: no data rows (column headings only)",
            crate::error::shown(&s.path)
        ));
    }
    issues.extend(checker.officer_issues(&sources));
    crate::issues::sort_issues(&mut issues);
    let disputes = decisions.finish(
        &inputs.disputes,
        &inputs.review_rule,
        rubric,
        &checker,
        &mut issues,
    )?;
    let mut parts = kept.into_iter();
    let mut scored = parts.next().unwrap_or_default();
    for p in parts {
        scored
            .vstack_mut_owned(p)
            .map_err(|e| polars_err("penilaian / scoring", e))?;
    }
    // Parts stay separate chunks: joining them would copy everything kept once more.
    timer.size("kept", &scored);
    let Setup {
        rubric,
        calendar,
        units,
        ..
    } = setup;
    Ok(ScoredRun {
        rubric,
        calendar,
        sources,
        issues,
        warnings,
        scored,
        partials,
        disputes,
        units,
    })
}

/// Records whose questions make a file's corpus: the first of the file, whatever the size
/// of the parts it is read in, so the words' weights do not depend on the part size.
pub const CORPUS_RECORDS: usize = 50_000;

/// The question terms of a file's first [`CORPUS_RECORDS`] records (read once more, only
/// that far).
fn file_corpora(
    path: &std::path::Path,
    opts: &IngestOptions,
    rubric: &Rubric,
    chunk_rows: usize,
) -> Result<crate::score::Corpora> {
    let (_, chunks) = open_chunks(path, opts, chunk_rows)?;
    let mut questions: Vec<Option<String>> = Vec::new();
    for chunk in chunks {
        let raw = conform(chunk?, &opts.specs)?;
        let q = match raw.column(field::QUESTION) {
            Ok(_) => text_column(&raw, field::QUESTION)?,
            Err(_) => break,
        };
        let room = CORPUS_RECORDS - questions.len();
        questions.extend(q.into_iter().take(room));
        if questions.len() >= CORPUS_RECORDS {
            break;
        }
    }
    let ca: StringChunked = questions.iter().map(|q| q.as_deref()).collect();
    Ok(crate::score::corpora_of(rubric, &ca))
}

/// Keeps only the columns the aggregations read, and the two dates open items are
/// counted from ([`crate::aggregate::overdue`]).
fn slim(df: DataFrame, rubric: &Rubric) -> Result<DataFrame> {
    let mut keep: Vec<Expr> = crate::aggregate::input_columns(rubric)
        .into_iter()
        .map(col)
        .collect();
    keep.extend(crate::aggregate::overdue::kept_exprs());
    df.lazy()
        .select(keep)
        .collect()
        .map_err(|e| polars_err("penilaian / scoring", e))
}

/// Warns of files without a column that a `field` criterion or a manual criterion reads.
pub fn absent_column_warnings(rubric: &Rubric, sources: &[SourceInfo]) -> Vec<Msg> {
    let mut out = Vec::new();
    for s in sources {
        let file = crate::error::shown(&s.path).to_string();
        for (criterion, field) in rubric.checked_fields() {
            if s.mapping.index_of(field).is_none() {
                out.push(msg!(
                    "{file} tidak memiliki kolom {field}: kriteria \"{criterion}\" gagal untuk semua barisnya",
                    "{file} has no {field} column: criterion \"{criterion}\" fails on all its rows"
                ));
            }
        }
        for c in &rubric.criteria {
            if let crate::rubric::Kind::Manual { key, columns, .. } = &c.kind
                && s.mapping.index_of(key).is_none()
            {
                let id = &c.id;
                let names = columns.join(" / ");
                out.push(msg!(
                    "{file} tidak memiliki kolom nilai reviewer ({names}): kriteria \"{id}\" belum direview",
                    "{file} has no reviewer score column ({names}): criterion \"{id}\" is not reviewed"
                ));
            }
        }
    }
    out
}

/// Stage timings on stderr when `ULPK_TIMING=1`, for profiling large runs.
/// Each lap prints its wall seconds and the process's cpu seconds over it (Linux), so a
/// stage that leaves a core idle shows as cpu near its wall time.
pub struct Timer(Option<std::cell::Cell<(std::time::Instant, f64)>>);

/// The process's user + system cpu seconds, where the system says them (Linux's
/// `/proc/self/stat`, in ticks of 1/100 s); 0 elsewhere.
fn process_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command's closing parenthesis, from the state (field 3): utime
    // and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: f64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

impl Timer {
    pub fn from_env() -> Self {
        Timer(
            (std::env::var("ULPK_TIMING").as_deref() == Ok("1"))
                .then(|| std::cell::Cell::new((std::time::Instant::now(), process_cpu()))),
        )
    }

    /// Prints a frame's estimated size and its largest columns.
    pub fn size(&self, what: &str, df: &DataFrame) {
        if self.0.is_some() {
            let mut cols: Vec<(usize, String)> = df
                .columns()
                .iter()
                .map(|c| {
                    (
                        c.as_materialized_series().estimated_size(),
                        c.name().to_string(),
                    )
                })
                .collect();
            cols.sort_by(|a, b| b.cmp(a));
            let top: Vec<String> = cols
                .iter()
                .take(8)
                .map(|(n, c)| format!("{c} {} MiB", n >> 20))
                .collect();
            eprintln!(
                "[timing] {what}: {} rows, {} MiB ({})",
                df.height(),
                df.estimated_size() >> 20,
                top.join(", ")
            );
        }
    }

    pub fn lap(&self, stage: &str) {
        if let Some(start) = &self.0 {
            let (now, cpu) = (std::time::Instant::now(), process_cpu());
            // The peak resident set so far, where the system says it (Linux).
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("VmHWM:"))
                        .map(|v| format!(", peak {}", v.trim()))
                })
                .unwrap_or_default();
            let (then, cpu_then) = start.get();
            eprintln!(
                "[timing] {stage}: {:.3} s, cpu {:.2} s{peak}",
                (now - then).as_secs_f64(),
                cpu - cpu_then
            );
            start.set((now, cpu));
        }
    }
}

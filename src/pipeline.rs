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
use crate::ingest::{Aliases, IngestOptions, SourceInfo, load_all};
use crate::issues::DataIssue;
use crate::progress::Progress;
use crate::review::dispute::Dispute;
use crate::review::merge::Rule;
use crate::rubric::{Kind, Rubric};
use crate::score::Override;

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
}

/// Everything a scoring run produced.
pub struct ScoredRun {
    pub rubric: Rubric,
    pub calendar: Calendar,
    pub sources: Vec<SourceInfo>,
    pub issues: Vec<DataIssue>,
    /// Notes about whole files (e.g. a column a criterion reads is absent).
    pub warnings: Vec<Msg>,
    /// One row per answer (see [`crate::score`]).
    pub scored: DataFrame,
    /// Every dispute row read, history included.
    pub disputes: Vec<Dispute>,
}

pub fn run(inputs: &ScoreInputs, lang: Lang, progress: &Progress) -> Result<ScoredRun> {
    if inputs.files.is_empty() {
        return Err(Error::plain(msg!(
            "tidak ada berkas masukan; sebutkan berkas ekspor atau [answers] files di konfigurasi",
            "no input files; name export files or [answers] files in the config"
        )));
    }
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
    let units = inputs
        .units
        .as_ref()
        .map(|p| UnitList::from_file(p))
        .transpose()?;

    let extra = rubric.extra_columns();
    let specs = column_specs(&aliases, &inputs.columns, &rubric.required_fields(), &extra);
    let opts = IngestOptions {
        sheet: inputs.sheet.clone(),
        specs,
    };
    let timer = Timer::from_env();
    progress.stage(lang.pick("Membaca berkas…", "Reading files…"));
    let (raw, sources) = load_all(&inputs.files, &opts)?;
    timer.lap("ingest");
    let warnings = absent_column_warnings(&rubric, &sources);
    progress.stage(lang.pick("Menormalkan data…", "Normalising data…"));
    let extra_keys: Vec<String> = extra.into_iter().map(|(k, _)| k).collect();
    let mut df = normalize_frame(raw, &aliases, units.as_ref(), &extra_keys)?;
    timer.lap("normalize");
    progress.stage(lang.pick("Memeriksa data…", "Checking data…"));
    let mut issues = crate::validate::check(&mut df, &sources, &rubric, &calendar, units.as_ref())?;
    if !inputs.reviews.is_empty() {
        progress.stage(lang.pick("Menggabungkan review…", "Merging reviews…"));
        apply_reviews(&mut df, &rubric, inputs, &mut issues)?;
    }
    let (disputes, overrides) = if inputs.disputes.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        apply_disputes(&mut df, &rubric, &inputs.disputes, &mut issues, lang)?
    };
    timer.lap("validate");
    progress.stage(lang.pick("Menilai jawaban…", "Scoring answers…"));
    let scored = crate::score::score_frame_with(df, &rubric, &calendar, lang, &overrides)?;
    timer.lap("score");
    Ok(ScoredRun {
        rubric,
        calendar,
        sources,
        issues,
        warnings,
        scored,
        disputes,
    })
}

/// Writes a manual criterion's decided values (by answer id) into its column.
fn set_manual(
    df: &mut DataFrame,
    key: &str,
    ids: &[Option<String>],
    value: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let old = match df.column(key) {
        Ok(_) => text_column(df, key)?,
        Err(_) => vec![None; df.height()],
    };
    let new: StringChunked = ids
        .iter()
        .zip(old)
        .map(|(id, old)| id.as_deref().and_then(&value).or(old))
        .collect();
    df.with_column(new.with_name(key.into()).into_column())
        .map_err(|e| polars_err("review", e))?;
    Ok(())
}

/// Reads the disputes and applies the decisions in force: a manual criterion's decided
/// score goes into its column; an automatic criterion's decided state becomes an override.
fn apply_disputes(
    df: &mut DataFrame,
    rubric: &Rubric,
    files: &[PathBuf],
    issues: &mut Vec<DataIssue>,
    lang: Lang,
) -> Result<(Vec<Dispute>, Vec<Override>)> {
    use crate::review::dispute::{Decision, in_force, load};
    let ids = text_column(df, field::ID)?;
    let known: std::collections::HashSet<String> = ids.iter().flatten().cloned().collect();
    let (disputes, mut more) = load(files, rubric, &known)?;
    issues.append(&mut more);
    let mut overrides = Vec::new();
    for c in &rubric.criteria {
        let decided: std::collections::HashMap<&str, &Decision> = in_force(&disputes)
            .filter(|d| d.criterion == c.id)
            .filter_map(|d| d.decided.as_ref().map(|x| (d.id.as_str(), x)))
            .collect();
        match &c.kind {
            Kind::Manual { key, .. } => set_manual(df, key, &ids, |id| match decided.get(id) {
                Some(Decision::Manual(v)) => Some(v.clone()),
                _ => None,
            })?,
            _ => {
                for d in in_force(&disputes).filter(|d| d.criterion == c.id) {
                    if let Some(Decision::State(state)) = &d.decided {
                        let status = d.status.label(lang);
                        overrides.push(Override {
                            id: d.id.clone(),
                            criterion: c.id.clone(),
                            state: *state,
                            evidence: format!(
                                "{} ({status}): {}",
                                lang.pick("sanggahan", "dispute"),
                                d.comment
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok((disputes, overrides))
}

/// Reads the review workbooks and writes the merged marks into the manual criteria's
/// columns (over any value the export had), reporting unknown ids, duplicates, values off
/// the scale and conflicts.
fn apply_reviews(
    df: &mut DataFrame,
    rubric: &Rubric,
    inputs: &ScoreInputs,
    issues: &mut Vec<DataIssue>,
) -> Result<()> {
    use crate::assess::batch::workbook_paths;
    use crate::review::merge::{conflict_issue, mark_text, merge, read_all};
    use crate::review::worksheet::manual_criteria;
    let paths = workbook_paths(&inputs.reviews)?;
    let (reviews, mut more) = read_all(&paths, rubric);
    issues.append(&mut more);
    let ids = text_column(df, field::ID)?;
    let known: std::collections::HashSet<String> = ids.iter().flatten().cloned().collect();
    let merged = merge(reviews, &known, &inputs.review_rule, issues);
    issues.extend(merged.conflicts.iter().map(|c| conflict_issue(c, rubric)));
    for (c, _, na) in manual_criteria(rubric) {
        let Kind::Manual { key, .. } = &c.kind else {
            continue;
        };
        set_manual(df, key, &ids, |id| {
            merged
                .marks
                .get(&(id.to_string(), c.id.clone()))
                .map(|m| mark_text(*m, na))
        })?;
    }
    Ok(())
}

/// Warns of files without a column that a `field` criterion or a manual criterion reads.
pub fn absent_column_warnings(rubric: &Rubric, sources: &[SourceInfo]) -> Vec<Msg> {
    let mut out = Vec::new();
    for s in sources {
        let file = s.path.display().to_string();
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
pub struct Timer(Option<std::cell::Cell<std::time::Instant>>);

impl Timer {
    pub fn from_env() -> Self {
        Timer(
            (std::env::var("ULPK_TIMING").as_deref() == Ok("1"))
                .then(|| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    pub fn lap(&self, stage: &str) {
        if let Some(start) = &self.0 {
            let now = std::time::Instant::now();
            eprintln!(
                "[timing] {stage}: {:.3} s",
                (now - start.get()).as_secs_f64()
            );
            start.set(now);
        }
    }
}

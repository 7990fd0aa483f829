//! The management report: every input the config names is scored once into a
//! [`PeriodResult`] (answer quality, unit standards, SKM, the ranking), which the workbook,
//! the chart files and the per-unit feedback workbooks are then written from.

pub mod annex;
pub mod charts;
pub mod colours;
pub mod compare;
pub mod dashboard;
pub mod feedback;
pub mod instruments;
pub mod layout;
pub mod ranking;
pub mod sheets;
pub mod summary;
pub mod workbook;

/// Rates from fewer judged answers than this are marked "n < 10" and kept out of the colour
/// scales, unless `[report] min_n` says otherwise. ASSUMPTION: no published minimum; 10 is
/// where one answer more or less moves a rate by at most 10 points.
pub const MIN_N: u32 = 10;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::*;
use sha2::{Digest, Sha256};

use crate::aggregate::{self, Dimension};
use crate::assess::batch::{UnitResult, assess, parse_as_of};
use crate::config::{Config, InstrumentConfig};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ingest::format::workbook_paths;
use crate::ingest::normalize::UnitList;
use crate::ingest::{Aliases, IngestOptions, load_all};
use crate::issues::{DataIssue, sort_issues};
use crate::pipeline::{self, Keep, ScoreInputs, ScoredRun};
use crate::progress::Progress;
use crate::skm::{self, SkmResult};
use crate::standard::{self, Standard};
use ranking::{UnitLine, ranking};

/// `now − before` to 2 decimals, when both exist.
pub fn difference(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(crate::stats::round2(now? - before?))
}

/// SHA-256 of a file, hex.
pub fn sha256(path: &Path) -> Result<String> {
    let mut f = crate::output::guard::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, &e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The answer-quality aggregates the report shows.
pub struct Aggregates {
    pub by_unit: DataFrame,
    pub by_officer: DataFrame,
    pub by_channel: DataFrame,
    pub by_type: DataFrame,
    pub by_month: DataFrame,
    /// One row: the national figures.
    pub overall: DataFrame,
}

/// The unit standard as assessed.
pub struct Standards {
    pub standard: Standard,
    pub results: Vec<UnitResult>,
    pub workbooks: Vec<PathBuf>,
    pub as_of: NaiveDate,
}

impl Standards {
    /// The assessed units that meet the standard's minimum (every mandatory item met).
    pub fn meeting_minimum(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.outcome.meets_minimum())
            .count()
    }
}

/// Everything one period's config gives, scored.
pub struct PeriodResult {
    pub config_path: PathBuf,
    pub config: Config,
    /// The scored answers, only the columns the aggregations read.
    pub run: ScoredRun,
    /// Each unit's answers needing attention, gathered from the answer details when
    /// [`DetailSpec::attention`] asked (the feedback workbooks).
    pub attention: Option<feedback::Attention>,
    /// The answer-details workbook, still being written on its own thread when the
    /// result is returned (see [`annex`]); the report command waits for it.
    pub annex: Option<annex::Annex>,
    pub agg: Aggregates,
    /// Every `[[instruments]]` entry scored, in the config's order (the minimum standard
    /// among them, see [`PeriodResult::standards`]).
    pub instruments: Vec<Instrument>,
    pub skm: Option<SkmResult>,
    /// Data and validation issues of every input, sorted.
    pub issues: Vec<DataIssue>,
    /// Per unit, by name.
    pub lines: BTreeMap<String, UnitLine>,
    /// Open items past their SLA on the export date.
    pub overdue: aggregate::overdue::Overdue,
}

impl PeriodResult {
    /// The minimum ULPK standard, scored: the entry with `minimum = true`, when there is one.
    pub fn standards(&self) -> Option<&Standards> {
        self.instruments
            .iter()
            .find(|i| i.config.minimum)
            .map(|i| &i.scored)
    }

    /// The period as the config names it, or "-".
    pub fn period(&self) -> &str {
        self.config.report.period.as_deref().unwrap_or("-")
    }

    /// The minimum n of a rate shown as a number: `[report] min_n`, else [`MIN_N`].
    pub fn min_n(&self) -> u32 {
        self.config.report.min_n.unwrap_or(MIN_N)
    }

    /// The number of answers a criterion judged for the unit on row `i` of the unit
    /// summary, when it is below the minimum n (and above 0: a criterion that judged none
    /// has no rate at all).
    pub fn small_n(&self, criterion: &str, i: usize) -> Option<u32> {
        let n = ranking::f64_at(&self.agg.by_unit, &crate::aggregate::n_col(criterion), i)? as u32;
        (n > 0 && n < self.min_n()).then_some(n)
    }

    /// One unit's scored answers (the columns the aggregations read): what its feedback
    /// workbook and its dashboard page summarise.
    pub fn unit_answers(&self, unit: &str) -> Result<DataFrame> {
        self.run
            .scored
            .clone()
            .lazy()
            .filter(col("unit").eq(lit(unit)))
            .collect()
            .map_err(|e| crate::error::polars_err("jawaban unit / unit answers", e))
    }

    /// The national IKM to 2 decimals, when the SKM was computed.
    pub fn national_ikm(&self) -> Option<f64> {
        self.skm
            .as_ref()
            .and_then(|s| s.national.ikm.map(crate::stats::round2))
    }

    /// Every input file, in the order the metadata lists them.
    pub fn input_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.run.sources.iter().map(|s| s.path.clone()).collect();
        for i in &self.instruments {
            files.extend(i.scored.workbooks.iter().cloned());
        }
        files.extend(self.config.skm.files.iter().cloned());
        files.extend(self.config.answers.disputes.iter().cloned());
        if let Ok(reviews) = workbook_paths(&self.config.answers.reviews) {
            files.extend(reviews);
        }
        files
    }
}

/// A national instrument as configured, with its scored workbooks.
pub struct Instrument {
    pub config: InstrumentConfig,
    pub scored: Standards,
}

/// Scores the workbooks of one standard.
#[allow(clippy::too_many_arguments)]
fn assess_standard(
    standard_file: &Path,
    workbooks: &[PathBuf],
    as_of: Option<&str>,
    name: &str,
    units: &UnitList,
    issues: &mut Vec<DataIssue>,
    lang: Lang,
    progress: &Progress,
) -> Result<Standards> {
    progress.stage(lang.pick("Menilai penilaian mandiri…", "Scoring self-assessments…"));
    let standard = standard::load(standard_file)?;
    let as_of = parse_as_of(as_of, &format!("{name} as_of"))?;
    let workbooks = workbook_paths(workbooks)?;
    let (results, mut more) = assess(&standard, &workbooks, as_of, units);
    issues.append(&mut more);
    Ok(Standards {
        standard,
        results,
        workbooks,
        as_of,
    })
}

/// How the answer details (criterion states by label, masked excerpts of question and
/// answer) are written for the workbooks.
#[derive(Debug, Clone)]
pub struct DetailSpec {
    /// Mask personal data in the excerpts.
    pub mask: bool,
    /// The answer-details workbook ([`annex`]), unless the report goes without it.
    pub annex: Option<PathBuf>,
    /// Gather each unit's answers needing attention (the feedback workbooks).
    pub attention: bool,
}

/// Scores every input the config at `config_path` names. With `details`, the answer
/// details are written part by part as the answers are scored (see [`DetailSpec`]), so
/// the report never holds every answer's text; a previous period needs none.
pub fn compute(
    config_path: &Path,
    lang: Lang,
    progress: &Progress,
    details: Option<&DetailSpec>,
) -> Result<PeriodResult> {
    compute_config(
        Config::load(config_path)?,
        config_path,
        lang,
        progress,
        details,
    )
}

/// [`compute`] with the config already loaded from `config_path`.
pub fn compute_config(
    config: Config,
    config_path: &Path,
    lang: Lang,
    progress: &Progress,
    details: Option<&DetailSpec>,
) -> Result<PeriodResult> {
    // Answer quality.
    let inputs = ScoreInputs::from_config(&config)?;
    // Only the aggregations' columns stay in memory; the details go to the annex as each
    // part is scored.
    let period = config.report.period.as_deref().unwrap_or("-");
    let mut annex = match details.and_then(|d| d.annex.as_ref()) {
        Some(path) => Some(annex::Annex::start(path, period, lang)?),
        None => None,
    };
    let mut attention = details
        .filter(|d| d.attention)
        .map(|_| feedback::Attention::default());
    let mut write_details = |scored: &DataFrame, rubric: &crate::rubric::Rubric| -> Result<()> {
        let Some(d) = details.filter(|_| annex.is_some() || attention.is_some()) else {
            return Ok(());
        };
        let (table, headers) = sheets::detail_frame(scored, rubric, d.mask, lang)?;
        if let Some(att) = attention.as_mut() {
            att.add(rubric, &table, lang)?;
        }
        if let Some(a) = annex.as_mut() {
            a.send(table, headers)?;
        }
        Ok(())
    };
    let run = pipeline::run_with(&inputs, lang, progress, Keep::Slim, &mut write_details)?;
    if let Some(a) = annex.as_mut() {
        a.end()?;
    }
    let mut dims = aggregate::summarize(
        &run.scored,
        &run.rubric,
        &[
            Dimension::Unit,
            Dimension::Officer,
            Dimension::Channel,
            Dimension::ServiceType,
            Dimension::Month,
        ],
        lang,
    )?
    .into_iter()
    .map(|s| s.df);
    let mut next = || dims.next().unwrap_or_default();
    let (by_unit, by_officer, by_channel, by_type, by_month) =
        (next(), next(), next(), next(), next());
    let overall = aggregate::overall(&run.scored, &run.rubric)?;
    let export_date = match config.answers.export_date.as_deref() {
        Some(d) => Some(parse_as_of(Some(d), "[answers] export_date")?),
        None => None,
    };
    let overdue = aggregate::overdue::count(&run.scored, &run.calendar, export_date)?;
    let mut issues: Vec<DataIssue> = run.issues.clone();

    // The minimum standard and the national instruments.
    let mut instruments = Vec::new();
    for i in &config.instruments {
        let scored = assess_standard(
            &i.standard,
            &i.workbooks,
            i.as_of.as_deref(),
            &format!("[[instruments]] \"{}\"", i.sheet),
            &run.units,
            &mut issues,
            lang,
            progress,
        )?;
        instruments.push(Instrument {
            config: i.clone(),
            scored,
        });
    }

    // SKM.
    let skm_result = if config.skm.files.is_empty() {
        None
    } else {
        progress.stage(lang.pick("Menghitung IKM…", "Computing the IKM…"));
        let opts = IngestOptions {
            sheet: None,
            specs: skm::column_specs(&Aliases::builtin()?),
        };
        let (df, sources) = load_all(&config.skm.files, &opts)?;
        let r = skm::from_frame(&df, &sources, &skm::bands()?, &run.units)?;
        issues.extend(r.issues.iter().cloned());
        Some(r)
    };
    sort_issues(&mut issues);

    let assessed: &[UnitResult] = instruments
        .iter()
        .find(|i| i.config.minimum)
        .map_or(&[], |i| i.scored.results.as_slice());
    // With a unit list, every source's names meet under the official name, and a unit the
    // list does not know is reported as a data issue and never ranked.
    let lines = ranking(
        &run.rubric,
        &by_unit,
        assessed,
        skm_result.as_ref(),
        &config
            .index
            .instruments
            .iter()
            .map(|i| {
                let s = &instruments[i.position].scored;
                (s.standard.scale, s.results.as_slice())
            })
            .collect::<Vec<_>>(),
        &config.index,
        Some(&run.units),
    )?;
    Ok(PeriodResult {
        config_path: config_path.to_path_buf(),
        config,
        run,
        attention,
        annex,
        agg: Aggregates {
            by_unit,
            by_officer,
            by_channel,
            by_type,
            by_month,
            overall,
        },
        instruments,
        skm: skm_result,
        issues,
        lines,
        overdue,
    })
}

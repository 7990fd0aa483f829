//! The config file (`ulpk-eval.toml`): inputs and options so a run needs no long command
//! line. Paths are relative to the config file's folder. Command-line flags override it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, parse_toml};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub answers: AnswersConfig,
    /// Canonical field -> header in the exports, overriding the aliases.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub report: ReportConfig,
    #[serde(default)]
    pub standards: StandardsConfig,
    /// The KemenPANRB complaint-management competition self-assessment.
    #[serde(default)]
    pub competition: StandardsConfig,
    /// The Ombudsman compliance self-assessment.
    #[serde(default)]
    pub compliance: StandardsConfig,
    #[serde(default)]
    pub skm: SkmConfig,
    /// Weights of the combined index per unit.
    #[serde(default)]
    pub index: IndexWeights,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The period the report covers, as people write it ("Triwulan I 2026").
    pub period: Option<String>,
    /// Output file; default `reports/laporan-ulpk.xlsx` beside the config.
    pub output: Option<PathBuf>,
    /// The previous period to compare with: its config (`.toml`) or its report (`.xlsx`).
    pub previous: Option<PathBuf>,
    /// Folder of the chart files; default `grafik/` beside the report.
    pub charts: Option<PathBuf>,
    /// Rates from fewer answers than this are shown as "n = 3 < 10", out of the colour
    /// scales (default [`crate::report::MIN_N`]).
    pub min_n: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardsConfig {
    pub standard: Option<PathBuf>,
    /// Filled self-assessment workbooks or folders of them.
    #[serde(default)]
    pub workbooks: Vec<PathBuf>,
    /// Assessment date for date items, `YYYY-MM-DD`.
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkmConfig {
    #[serde(default)]
    pub files: Vec<PathBuf>,
}

/// Weights of the combined index: answer quality, SLA fulfilment, standard compliance and
/// SKM IKM, each on 0–100. A unit missing a weighted component gets no index and no rank.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexWeights {
    pub quality: f64,
    pub sla: f64,
    pub standard: f64,
    pub skm: f64,
}

impl Default for IndexWeights {
    fn default() -> Self {
        // ASSUMPTION: no published weighting exists; set them in the config.
        IndexWeights {
            quality: 0.35,
            sla: 0.2,
            standard: 0.3,
            skm: 0.15,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersConfig {
    #[serde(default)]
    pub files: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub rubric: Option<PathBuf>,
    pub units: Option<PathBuf>,
    #[serde(default)]
    pub calendar: Vec<PathBuf>,
    #[serde(default)]
    pub aliases: Vec<PathBuf>,
    /// Filled review workbooks or folders of them.
    #[serde(default)]
    pub reviews: Vec<PathBuf>,
    /// `mean`, `median` or `lead:NAME`.
    pub review_rule: Option<String>,
    /// Disputes files.
    #[serde(default)]
    pub disputes: Vec<PathBuf>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        let text = crate::output::guard::read_to_string(path)?;
        let mut c: Config = parse_toml(&text, path)?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let rel = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        let a = &mut c.answers;
        a.files.iter_mut().for_each(rel);
        a.calendar.iter_mut().for_each(rel);
        a.aliases.iter_mut().for_each(rel);
        a.reviews.iter_mut().for_each(rel);
        a.disputes.iter_mut().for_each(rel);
        if let Some(p) = a.rubric.as_mut() {
            rel(p);
        }
        if let Some(p) = a.units.as_mut() {
            rel(p);
        }
        for s in [&mut c.standards, &mut c.competition, &mut c.compliance] {
            s.workbooks.iter_mut().for_each(rel);
            if let Some(p) = s.standard.as_mut() {
                rel(p);
            }
        }
        c.skm.files.iter_mut().for_each(rel);
        if let Some(p) = c.report.previous.as_mut() {
            rel(p);
        }
        if let Some(p) = c.report.charts.as_mut() {
            rel(p);
        }
        match c.report.output.as_mut() {
            Some(p) => rel(p),
            None => c.report.output = Some(base.join("reports").join("laporan-ulpk.xlsx")),
        }
        let w = c.index;
        if [w.quality, w.sla, w.standard, w.skm]
            .iter()
            .any(|x| !x.is_finite() || *x < 0.0)
            || w.quality + w.sla + w.standard + w.skm <= 0.0
        {
            return Err(Error::new(
                crate::error::Location::file(path),
                msg!(
                    "[index]: bobot harus ≥ 0 dan jumlahnya > 0",
                    "[index]: weights must be ≥ 0 and sum to more than 0"
                ),
            ));
        }
        Ok(c)
    }
}

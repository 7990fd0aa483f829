//! Aggregation of scored answers by unit, officer, channel, service type, commodity and
//! month: answers, mean score, grade counts, SLA fulfilment and each criterion's pass rate.
//!
//! Duplicated records (an id seen before) are left out. Rates are over the answers a
//! criterion applies to (state other than n/a); "unverifiable" counts as not passed. Each
//! pass rate has its n and its 95 % Wilson interval beside it.

pub mod overdue;

use clap::ValueEnum;
use polars::prelude::*;

use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::rubric::{Kind, Rubric};
use crate::score::{CRITICAL_FAILED, GRADE, SCORE, SCORE_UNGATED, State, state_col};
use crate::validate::DUPLICATE;

/// What answers are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Dimension {
    Unit,
    Officer,
    Channel,
    ServiceType,
    Commodity,
    Month,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Unit,
        Dimension::Officer,
        Dimension::Channel,
        Dimension::ServiceType,
        Dimension::Commodity,
        Dimension::Month,
    ];

    pub fn column(self) -> &'static str {
        match self {
            Dimension::Unit => field::UNIT,
            Dimension::Officer => field::OFFICER,
            Dimension::Channel => field::CHANNEL,
            Dimension::ServiceType => field::SERVICE_TYPE,
            Dimension::Commodity => field::COMMODITY,
            Dimension::Month => "month",
        }
    }
}

/// Column with the pass rate (%) of a criterion.
pub fn pass_col(id: &str) -> String {
    format!("pass_pct__{id}")
}

/// Column with the number of answers a criterion judged (not n/a): the n of its pass rate.
pub fn n_col(id: &str) -> String {
    format!("n__{id}")
}

/// Columns with the bounds (%) of a criterion's 95 % Wilson interval ([`crate::stats::wilson`]),
/// beside its pass rate.
pub fn pass_lo_col(id: &str) -> String {
    format!("pass_lo__{id}")
}

pub fn pass_hi_col(id: &str) -> String {
    format!("pass_hi__{id}")
}

/// Column with the number of answers that passed a criterion: read for the interval, not
/// shown (the rate and n say it).
fn passed_col(id: &str) -> String {
    format!("passed__{id}")
}

/// Column with the number of answers in a grade.
pub fn grade_col(grade: &str) -> String {
    format!("grade__{grade}")
}

/// One aggregated table.
#[derive(Debug, Clone)]
pub struct Summary {
    pub dimension: Dimension,
    pub df: DataFrame,
}

fn pct(numerator: Expr, denominator: Expr) -> Expr {
    when(denominator.clone().gt(lit(0)))
        .then(
            (numerator.cast(DataType::Float64) * lit(100.0) / denominator.cast(DataType::Float64))
                .round(1, RoundMode::HalfAwayFromZero),
        )
        .otherwise(lit(Null {}).cast(DataType::Float64))
}

/// Columns of partial sums that [`finish`] turns into the metrics and drops.
const SCORE_SUM: &str = "__score_sum";
const SCORE_SQUARES: &str = "__score_squares";
const UNGATED_SUM: &str = "__ungated_sum";
const UNGATED_N: &str = "__ungated_n";
const SLA_PASSED: &str = "__sla_passed";
const SLA_JUDGED: &str = "__sla_judged";

/// The SLA criterion of the rubric, when it has one.
fn sla_criterion(rubric: &Rubric) -> Option<&crate::rubric::Criterion> {
    rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, Kind::Sla { .. }))
}

/// The sums every grouping is aggregated to: counts and sums only, so the sums of several
/// parts of the records add up to the sums of all of them ([`Partials`]).
fn sums(rubric: &Rubric) -> Vec<Expr> {
    let count = |e: Expr| e.cast(DataType::UInt32).sum();
    let mut aggs = vec![
        len().alias("answers"),
        col(SCORE).sum().alias(SCORE_SUM),
        (col(SCORE) * col(SCORE)).sum().alias(SCORE_SQUARES),
        col(SCORE).count().alias("score_n"),
        col(SCORE_UNGATED).sum().alias(UNGATED_SUM),
        col(SCORE_UNGATED).count().alias(UNGATED_N),
        count(col(CRITICAL_FAILED)).alias("critical_fails"),
    ];
    for b in &rubric.bands {
        aggs.push(count(col(GRADE).eq(lit(b.grade.clone()))).alias(grade_col(&b.grade)));
    }
    if let Some(sla) = sla_criterion(rubric) {
        let s = col(state_col(&sla.id));
        aggs.push(count(s.clone().eq(lit(State::Pass.code()))).alias(SLA_PASSED));
        aggs.push(count(s.clone().neq(lit(State::NotApplicable.code()))).alias(SLA_JUDGED));
        aggs.push(count(s.eq(lit(State::Unverifiable.code()))).alias("sla_unverifiable"));
    }
    for c in &rubric.criteria {
        let s = col(state_col(&c.id));
        let judged = count(s.clone().neq(lit(State::NotApplicable.code())));
        if c.kind.is_manual() {
            aggs.push(judged.clone().alias(format!("reviewed__{}", c.id)));
        }
        aggs.push(judged.alias(n_col(&c.id)));
        aggs.push(count(s.eq(lit(State::Pass.code()))).alias(passed_col(&c.id)));
    }
    aggs
}

/// How the sums of [`sums`] add up when parts are merged: every column but the keys.
fn merged_sums(rubric: &Rubric) -> Vec<Expr> {
    let mut names = vec![
        "answers".to_string(),
        SCORE_SUM.into(),
        SCORE_SQUARES.into(),
        "score_n".into(),
        UNGATED_SUM.into(),
        UNGATED_N.into(),
        "critical_fails".into(),
    ];
    names.extend(rubric.bands.iter().map(|b| grade_col(&b.grade)));
    if sla_criterion(rubric).is_some() {
        names.extend([
            SLA_PASSED.into(),
            SLA_JUDGED.into(),
            "sla_unverifiable".into(),
        ]);
    }
    for c in &rubric.criteria {
        if c.kind.is_manual() {
            names.push(format!("reviewed__{}", c.id));
        }
        names.push(n_col(&c.id));
        names.push(passed_col(&c.id));
    }
    names.into_iter().map(|n| col(n).sum()).collect()
}

/// A mean to 2 decimals from a sum and its n; null without values.
fn mean_of(sum: &str, n: &str) -> Expr {
    when(col(n).gt(lit(0)))
        .then((col(sum) / col(n).cast(DataType::Float64)).round(2, RoundMode::HalfAwayFromZero))
        .otherwise(lit(Null {}).cast(DataType::Float64))
}

/// The metrics from the sums, in the order every summary shows them: answers, the mean
/// score with its n and standard deviation (n − 1; what the mean's interval is computed
/// from), the ungated mean, critical fails, grades, SLA, each criterion's counts and pass
/// rate. `keys` are the grouping's own columns, first.
fn finish(lf: LazyFrame, rubric: &Rubric, keys: &[&str]) -> LazyFrame {
    let n = || col("score_n").cast(DataType::Float64);
    let variance = (col(SCORE_SQUARES) - col(SCORE_SUM) * col(SCORE_SUM) / n()) / (n() - lit(1.0));
    let mut out: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
    out.extend([
        col("answers"),
        mean_of(SCORE_SUM, "score_n").alias("mean_score"),
        col("score_n"),
        when(col("score_n").gt(lit(1)))
            .then(
                // Rounding may leave a variance of equal scores a hair below zero.
                when(variance.clone().lt(lit(0.0)))
                    .then(lit(0.0))
                    .otherwise(variance)
                    .sqrt()
                    .round(2, RoundMode::HalfAwayFromZero),
            )
            .otherwise(lit(Null {}).cast(DataType::Float64))
            .alias("sd_score"),
        mean_of(UNGATED_SUM, UNGATED_N).alias("mean_score_ungated"),
        col("critical_fails"),
    ]);
    out.extend(rubric.bands.iter().map(|b| col(grade_col(&b.grade))));
    if sla_criterion(rubric).is_some() {
        out.push(pct(col(SLA_PASSED), col(SLA_JUDGED)).alias("sla_pct"));
        out.push(col("sla_unverifiable"));
    }
    for c in &rubric.criteria {
        if c.kind.is_manual() {
            out.push(col(format!("reviewed__{}", c.id)));
        }
        out.push(col(n_col(&c.id)));
        out.push(col(passed_col(&c.id)));
        out.push(pct(col(passed_col(&c.id)), col(n_col(&c.id))).alias(pass_col(&c.id)));
    }
    lf.select(out)
}

/// Puts each criterion's 95 % Wilson interval (%) right after its pass rate, from the
/// passed and judged counts, and drops the passed counts.
fn with_intervals(df: DataFrame, rubric: &Rubric) -> Result<DataFrame> {
    let err = |e| polars_err("interval kepercayaan / confidence interval", e);
    let counts = |name: &str| -> Result<Vec<Option<u32>>> {
        let c = df
            .column(name)
            .and_then(|c| c.cast(&DataType::UInt32))
            .map_err(err)?;
        Ok(c.u32().map_err(err)?.iter().collect())
    };
    // Columns told apart by lookup, not by a search over the criteria: linear in them.
    let passed: std::collections::HashSet<String> =
        rubric.criteria.iter().map(|c| passed_col(&c.id)).collect();
    let rates: std::collections::HashMap<String, &crate::rubric::Criterion> = rubric
        .criteria
        .iter()
        .map(|c| (pass_col(&c.id), c))
        .collect();
    let mut cols = Vec::with_capacity(df.width() + rubric.criteria.len());
    for column in df.columns() {
        let name = column.name().as_str();
        if passed.contains(name) {
            continue;
        }
        cols.push(column.clone());
        let Some(c) = rates.get(name) else {
            continue;
        };
        let (passed, n) = (counts(&passed_col(&c.id))?, counts(&n_col(&c.id))?);
        let bounds: Vec<Option<(f64, f64)>> = passed
            .iter()
            .zip(&n)
            .map(|(k, n)| crate::stats::wilson_pct(u64::from((*k)?), u64::from((*n)?)))
            .collect();
        cols.push(Column::new(
            pass_lo_col(&c.id).into(),
            bounds.iter().map(|b| b.map(|b| b.0)).collect::<Vec<_>>(),
        ));
        cols.push(Column::new(
            pass_hi_col(&c.id).into(),
            bounds.iter().map(|b| b.map(|b| b.1)).collect::<Vec<_>>(),
        ));
    }
    DataFrame::new(df.height(), cols).map_err(err)
}

/// The columns of the scored frame the aggregations read: the dimensions, the scores and
/// grade, the criteria's states and the duplicate flag.
pub fn input_columns(rubric: &Rubric) -> Vec<String> {
    let mut cols: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| d.column().to_string())
        .collect();
    for c in [
        field::OFFICER_ID,
        crate::score::SLA_TARGET,
        SCORE,
        SCORE_UNGATED,
        GRADE,
        CRITICAL_FAILED,
        DUPLICATE,
    ] {
        cols.push(c.to_string());
    }
    cols.extend(rubric.criteria.iter().map(|c| state_col(&c.id)));
    cols
}

/// Label of blank group keys.
pub fn blank_key(lang: Lang) -> &'static str {
    lang.pick("(kosong)", "(blank)")
}

/// Aggregates by each dimension; rows sorted by key.
pub fn summarize(
    scored: &DataFrame,
    rubric: &Rubric,
    dims: &[Dimension],
    lang: Lang,
) -> Result<Vec<Summary>> {
    let mut p = Partials::new(dims, lang);
    p.add(scored, rubric)?;
    Ok(p.finish(rubric)?.0)
}

/// The same metrics over all answers (one row).
pub fn overall(scored: &DataFrame, rubric: &Rubric) -> Result<DataFrame> {
    let mut p = Partials::new(&[], Lang::Id);
    p.add(scored, rubric)?;
    Ok(p.finish(rubric)?.1)
}

/// The officer summary's grouping: one line per officer id when the export gives one, else
/// per (normalised) name.
const OFFICER_KEY: &str = "__officer_key";

/// The columns a dimension's partial sums are grouped by. The officer's are finer than its
/// lines (key, name, id, unit), so that the names and units a line lists are the distinct
/// values over every part.
fn partial_keys(d: Dimension) -> Vec<&'static str> {
    match d {
        Dimension::Officer => vec![OFFICER_KEY, field::OFFICER, field::OFFICER_ID, field::UNIT],
        d => vec![d.column()],
    }
}

/// Partial sums of the records added so far, per dimension and over all: a run that keeps
/// no records ([`crate::pipeline::Keep::Figures`]) adds each part as it is scored, and its
/// memory holds only one line per group, whatever the number of records. The metrics come
/// from the sums once, at [`Partials::finish`].
pub struct Partials {
    dims: Vec<Dimension>,
    lang: Lang,
    /// Per dimension, the sums of the parts added and not yet merged.
    by: Vec<Vec<DataFrame>>,
    overall: Vec<DataFrame>,
}

/// Parts whose sums are merged into one as they pile up.
const MERGE_EVERY: usize = 32;

impl Partials {
    pub fn new(dims: &[Dimension], lang: Lang) -> Self {
        Partials {
            dims: dims.to_vec(),
            lang,
            by: vec![Vec::new(); dims.len()],
            overall: Vec::new(),
        }
    }

    /// Adds the sums of one part of the scored records (duplicates left out).
    pub fn add(&mut self, scored: &DataFrame, rubric: &Rubric) -> Result<()> {
        let err = |e| polars_err("ringkasan / summary", e);
        let base = scored.clone().lazy().filter(col(DUPLICATE).not());
        let blank = blank_key(self.lang);
        for (i, d) in self.dims.iter().enumerate() {
            let key = d.column();
            let lf = match d {
                Dimension::Officer => base.clone().with_column(
                    when(col(field::OFFICER_ID).is_not_null())
                        .then(lit("id\u{1f}") + col(field::OFFICER_ID))
                        .otherwise(lit("nama\u{1f}") + col(field::OFFICER).fill_null(lit(blank)))
                        .alias(OFFICER_KEY),
                ),
                // A service type is shown with its label ("Pengaduan").
                Dimension::ServiceType => base.clone().with_column(
                    crate::labels::service_type_expr(col(key), self.lang)
                        .fill_null(lit(blank))
                        .alias(key),
                ),
                _ => base
                    .clone()
                    .with_column(col(key).fill_null(lit(blank)).alias(key)),
            };
            let keys: Vec<Expr> = partial_keys(*d).into_iter().map(col).collect();
            let part = lf.group_by(keys).agg(sums(rubric)).collect().map_err(err)?;
            self.by[i].push(part);
            if self.by[i].len() >= MERGE_EVERY {
                let merged = merge(std::mem::take(&mut self.by[i]), rubric, *d)?;
                self.by[i].push(merged);
            }
        }
        let part = base.select(sums(rubric)).collect().map_err(err)?;
        self.overall.push(part);
        if self.overall.len() >= MERGE_EVERY {
            let merged = merge_overall(std::mem::take(&mut self.overall), rubric)?;
            self.overall.push(merged);
        }
        Ok(())
    }

    /// The summaries by each dimension (rows sorted by key) and the one-row national
    /// figures, with each criterion's pass rate interval.
    pub fn finish(self, rubric: &Rubric) -> Result<(Vec<Summary>, DataFrame)> {
        let err = |e| polars_err("ringkasan / summary", e);
        let blank = blank_key(self.lang);
        let mut out = Vec::new();
        for (d, parts) in self.dims.iter().zip(self.by) {
            let sums = merge(parts, rubric, *d)?.lazy();
            let df = match d {
                // The line names the officer's names (two when one id was written with two
                // names: a data issue), the id and the units answered for.
                Dimension::Officer => {
                    let mut aggs = vec![
                        joined(field::OFFICER).alias(field::OFFICER),
                        col(field::OFFICER_ID)
                            .drop_nulls()
                            .first()
                            .alias(field::OFFICER_ID),
                        joined(field::UNIT).alias(field::UNIT),
                    ];
                    aggs.extend(merged_sums(rubric));
                    let lines = sums.group_by([col(OFFICER_KEY)]).agg(aggs);
                    finish(
                        lines,
                        rubric,
                        &[field::OFFICER, field::OFFICER_ID, field::UNIT],
                    )
                    .with_column(
                        when(col(field::OFFICER).str().len_bytes().eq(lit(0u32)))
                            .then(lit(blank))
                            .otherwise(col(field::OFFICER))
                            .alias(field::OFFICER),
                    )
                    .sort(
                        [field::OFFICER, field::OFFICER_ID],
                        SortMultipleOptions::default().with_nulls_last(true),
                    )
                }
                d => finish(sums, rubric, &[d.column()])
                    .sort([d.column()], SortMultipleOptions::default()),
            };
            let df = df.collect().map_err(err)?;
            out.push(Summary {
                dimension: *d,
                df: with_intervals(df, rubric)?,
            });
        }
        let overall = finish(merge_overall(self.overall, rubric)?.lazy(), rubric, &[])
            .collect()
            .map_err(err)?;
        Ok((out, with_intervals(overall, rubric)?))
    }
}

/// One dimension's partial sums of several parts, added up per group.
fn merge(parts: Vec<DataFrame>, rubric: &Rubric, d: Dimension) -> Result<DataFrame> {
    let err = |e| polars_err("ringkasan / summary", e);
    let keys: Vec<Expr> = partial_keys(d).into_iter().map(col).collect();
    match parts.len() {
        0 => empty_sums(rubric, &partial_keys(d)),
        1 => Ok(parts.into_iter().next().unwrap_or_default()),
        _ => concat_parts(parts)?
            .group_by(keys)
            .agg(merged_sums(rubric))
            .collect()
            .map_err(err),
    }
}

/// The national sums of several parts, added up.
fn merge_overall(parts: Vec<DataFrame>, rubric: &Rubric) -> Result<DataFrame> {
    let err = |e| polars_err("ringkasan / summary", e);
    match parts.len() {
        0 => empty_sums(rubric, &[]),
        1 => Ok(parts.into_iter().next().unwrap_or_default()),
        _ => concat_parts(parts)?
            .select(merged_sums(rubric))
            .collect()
            .map_err(err),
    }
}

fn concat_parts(parts: Vec<DataFrame>) -> Result<LazyFrame> {
    concat(
        parts.into_iter().map(IntoLazy::lazy).collect::<Vec<_>>(),
        UnionArgs::default(),
    )
    .map_err(|e| polars_err("ringkasan / summary", e))
}

/// The sums of no records: no group, and national counts of zero.
fn empty_sums(rubric: &Rubric, keys: &[&str]) -> Result<DataFrame> {
    let err = |e| polars_err("ringkasan / summary", e);
    let mut cols: Vec<Column> = keys
        .iter()
        .map(|k| Column::new_empty((*k).into(), &DataType::String))
        .collect();
    cols.extend([
        Column::new_empty(SCORE.into(), &DataType::Float64),
        Column::new_empty(SCORE_UNGATED.into(), &DataType::Float64),
        Column::new_empty(CRITICAL_FAILED.into(), &DataType::Boolean),
        Column::new_empty(GRADE.into(), &DataType::String),
    ]);
    cols.extend(
        rubric
            .criteria
            .iter()
            .map(|c| Column::new_empty(state_col(&c.id).into(), &DataType::UInt8)),
    );
    let lf = DataFrame::new(0, cols).map_err(err)?.lazy();
    let out = if keys.is_empty() {
        lf.select(sums(rubric))
    } else {
        lf.group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
            .agg(sums(rubric))
    };
    out.collect().map_err(err)
}

/// Distinct values of a text column joined in order: "a, b".
fn joined(name: &str) -> Expr {
    col(name)
        .drop_nulls()
        .unique()
        .sort(SortOptions::default())
        .str()
        .join(", ", true)
}

/// Header labels for a summary frame.
pub fn summary_headers(df: &DataFrame, rubric: &Rubric, lang: Lang) -> Vec<String> {
    // Every criterion column's header, looked up by name (linear in the criteria).
    let mut known: std::collections::HashMap<String, String> = Default::default();
    for c in &rubric.criteria {
        let l = &c.label;
        known.insert(
            pass_col(&c.id),
            format!("{l} — {}", lang.pick("lulus (%)", "pass (%)")),
        );
        known.insert(
            pass_lo_col(&c.id),
            format!(
                "{l} — {}",
                lang.pick("IK 95 % bawah (%)", "95 % CI low (%)")
            ),
        );
        known.insert(
            pass_hi_col(&c.id),
            format!(
                "{l} — {}",
                lang.pick("IK 95 % atas (%)", "95 % CI high (%)")
            ),
        );
        known.insert(n_col(&c.id), format!("{l} — n"));
        known.insert(
            format!("reviewed__{}", c.id),
            format!("{l} — {}", lang.pick("direview", "reviewed")),
        );
    }
    df.get_column_names()
        .iter()
        .map(|n| {
            let n = n.as_str();
            if let Some(l) = crate::labels::column(n, lang) {
                return l.to_string();
            }
            if let Some(g) = n.strip_prefix("grade__") {
                return format!("{} {g}", lang.pick("Predikat", "Grade"));
            }
            known.get(n).cloned().unwrap_or_else(|| n.to_string())
        })
        .collect()
}

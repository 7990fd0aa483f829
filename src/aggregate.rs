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

/// The aggregations shared by every grouping.
fn metrics(rubric: &Rubric) -> Vec<Expr> {
    let mut aggs = vec![
        len().alias("answers"),
        col(SCORE)
            .mean()
            .round(2, RoundMode::HalfAwayFromZero)
            .alias("mean_score"),
        // The mean's n (answers with a score) and the scores' standard deviation (n − 1):
        // what the mean's interval is computed from.
        col(SCORE).count().alias("score_n"),
        col(SCORE)
            .std(1)
            .round(2, RoundMode::HalfAwayFromZero)
            .alias("sd_score"),
        col(SCORE_UNGATED)
            .mean()
            .round(2, RoundMode::HalfAwayFromZero)
            .alias("mean_score_ungated"),
        col(CRITICAL_FAILED)
            .cast(DataType::UInt32)
            .sum()
            .alias("critical_fails"),
    ];
    for b in &rubric.bands {
        aggs.push(
            col(GRADE)
                .eq(lit(b.grade.clone()))
                .cast(DataType::UInt32)
                .sum()
                .alias(grade_col(&b.grade)),
        );
    }
    if let Some(sla) = rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, Kind::Sla { .. }))
    {
        let s = col(state_col(&sla.id));
        aggs.push(
            pct(
                s.clone().eq(lit(State::Pass.code())).sum(),
                s.clone().neq(lit(State::NotApplicable.code())).sum(),
            )
            .alias("sla_pct"),
        );
        aggs.push(
            s.eq(lit(State::Unverifiable.code()))
                .cast(DataType::UInt32)
                .sum()
                .alias("sla_unverifiable"),
        );
    }
    for c in &rubric.criteria {
        let s = col(state_col(&c.id));
        if c.kind.is_manual() {
            aggs.push(
                s.clone()
                    .neq(lit(State::NotApplicable.code()))
                    .cast(DataType::UInt32)
                    .sum()
                    .alias(format!("reviewed__{}", c.id)),
            );
        }
        aggs.push(
            s.clone()
                .neq(lit(State::NotApplicable.code()))
                .cast(DataType::UInt32)
                .sum()
                .alias(n_col(&c.id)),
        );
        aggs.push(
            s.clone()
                .eq(lit(State::Pass.code()))
                .cast(DataType::UInt32)
                .sum()
                .alias(passed_col(&c.id)),
        );
        aggs.push(
            pct(
                s.clone().eq(lit(State::Pass.code())).sum(),
                s.neq(lit(State::NotApplicable.code())).sum(),
            )
            .alias(pass_col(&c.id)),
        );
    }
    aggs
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
    let base = scored.clone().lazy().filter(col(DUPLICATE).not());
    let mut out = Vec::new();
    for d in dims {
        let key = d.column();
        let df = if *d == Dimension::Officer {
            by_officer(base.clone(), rubric, lang)?
        } else {
            // A service type is shown with its label ("Pengaduan").
            let shown = if *d == Dimension::ServiceType {
                crate::labels::service_type_expr(col(key), lang)
            } else {
                col(key)
            };
            base.clone()
                .with_column(shown.fill_null(lit(blank_key(lang))).alias(key))
                .group_by([col(key)])
                .agg(metrics(rubric))
                .sort([key], SortMultipleOptions::default())
                .collect()
                .map_err(|e| polars_err("ringkasan / summary", e))?
        };
        let df = with_intervals(df, rubric)?;
        out.push(Summary { dimension: *d, df });
    }
    Ok(out)
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

/// The officer summary: one line per officer id when the export gives one, else per
/// (normalised) name. The line names the officer's names (two when one id was written with
/// two names: a data issue), the id and the units answered for.
fn by_officer(base: LazyFrame, rubric: &Rubric, lang: Lang) -> Result<DataFrame> {
    const KEY: &str = "__officer_key";
    let blank = blank_key(lang);
    let key = when(col(field::OFFICER_ID).is_not_null())
        .then(lit("id\u{1f}") + col(field::OFFICER_ID))
        .otherwise(lit("nama\u{1f}") + col(field::OFFICER).fill_null(lit(blank)));
    let mut aggs = vec![
        joined(field::OFFICER).alias(field::OFFICER),
        col(field::OFFICER_ID)
            .drop_nulls()
            .first()
            .alias(field::OFFICER_ID),
        joined(field::UNIT).alias(field::UNIT),
    ];
    aggs.extend(metrics(rubric));
    base.with_column(key.alias(KEY))
        .group_by([col(KEY)])
        .agg(aggs)
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
        .select([all().exclude_cols([KEY]).as_expr()])
        .collect()
        .map_err(|e| polars_err("ringkasan / summary", e))
}

/// The same metrics over all answers (one row).
pub fn overall(scored: &DataFrame, rubric: &Rubric) -> Result<DataFrame> {
    let df = scored
        .clone()
        .lazy()
        .filter(col(DUPLICATE).not())
        .select(metrics(rubric))
        .collect()
        .map_err(|e| polars_err("ringkasan / summary", e))?;
    with_intervals(df, rubric)
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

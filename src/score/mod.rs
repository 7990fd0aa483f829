//! Scoring: a rubric compiled into polars expressions, evaluated over the whole frame.
//!
//! Output, one row per answer: the record's canonical fields, `response_working_days`,
//! `sla_target_days`, `score` (gated: 0 when a critical criterion failed), `score_ungated`,
//! `grade`, `critical_failed`, and per criterion `<id>__state` (`UInt8`, see [`State`]),
//! `<id>__evidence` and `<id>__value` (0..1, null when left out of the score).
//!
//! Score = 100 × Σ wᵢ·vᵢ / Σ wᵢ over the criteria that count (value not null). Criteria
//! that do not apply (n/a) are left out; unverifiable ones count as 0 unless the rubric
//! says `unverifiable = "exclude"`.

mod compile;
pub mod state;
pub mod text;

use polars::prelude::*;

pub use compile::{SLA_TARGET, WORKING_DAYS};
pub use state::State;

use crate::calendar::Calendar;
use crate::error::{Result, polars_err};
use crate::expr::{cases, null};
use crate::i18n::Lang;
use crate::rubric::{Kind, Rubric};

pub const SCORE: &str = "score";
pub const SCORE_UNGATED: &str = "score_ungated";
pub const GRADE: &str = "grade";
pub const CRITICAL_FAILED: &str = "critical_failed";

pub fn state_col(id: &str) -> String {
    format!("{id}__state")
}

pub fn evidence_col(id: &str) -> String {
    format!("{id}__evidence")
}

pub fn value_col(id: &str) -> String {
    format!("{id}__value")
}

/// Scores every answer of a normalised frame.
pub fn score_frame(
    df: DataFrame,
    rubric: &Rubric,
    cal: &Calendar,
    lang: Lang,
) -> Result<DataFrame> {
    let compiled: Vec<_> = rubric
        .criteria
        .iter()
        .map(|c| compile::compile(c, cal, lang, rubric.unverifiable))
        .collect();

    let targets = rubric
        .criteria
        .iter()
        .find_map(|c| match &c.kind {
            Kind::Sla { targets, .. } => Some(targets.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let mut stage_a: Vec<Expr> = compile::sla_columns(targets, cal).to_vec();
    let mut stage_early = Vec::new();
    let mut stage_a2 = Vec::new();
    let mut helper_names = Vec::new();
    let mut stage_b = Vec::new();
    let mut stage_c = Vec::new();
    for c in compiled {
        stage_early.extend(c.early);
        stage_a.extend(c.helpers);
        stage_a2.extend(c.derived);
        helper_names.extend(c.helper_names);
        stage_b.push(c.state);
        stage_b.push(c.evidence);
        stage_c.push(c.value);
    }

    // Weighted mean over the criteria with a value.
    let mut num = Vec::new();
    let mut den = Vec::new();
    let mut critical = Vec::new();
    for c in &rubric.criteria {
        let v = col(value_col(&c.id));
        num.push(v.clone().fill_null(lit(0.0)) * lit(c.weight));
        den.push(
            when(v.is_not_null())
                .then(lit(c.weight))
                .otherwise(lit(0.0)),
        );
        if c.critical {
            critical.push(col(state_col(&c.id)).eq(lit(State::Fail.code())));
        }
    }
    let sum = |v: Vec<Expr>| {
        v.into_iter()
            .reduce(|a, b| a + b)
            .unwrap_or_else(|| lit(0.0))
    };
    let ungated = when(col("__den").gt(lit(0.0)))
        .then((col("__num") / col("__den") * lit(100.0)).round(2, RoundMode::HalfAwayFromZero))
        .otherwise(null(DataType::Float64));
    let crit = critical
        .into_iter()
        .reduce(|a, b| a.or(b))
        .unwrap_or_else(|| lit(false))
        .fill_null(lit(false));
    let gated = when(col(CRITICAL_FAILED))
        .then(lit(0.0))
        .otherwise(col(SCORE_UNGATED));

    let grade = cases(
        rubric
            .bands
            .iter()
            .map(|b| (col(SCORE).gt_eq(lit(b.min)), lit(b.grade.clone())))
            .collect(),
        null(DataType::String),
    );

    let mut drop: Vec<String> = helper_names;
    drop.push("__num".into());
    drop.push("__den".into());
    let out = df
        .lazy()
        .with_columns(stage_early)
        .with_columns(stage_a)
        .with_columns(stage_a2)
        .with_columns(stage_b)
        .with_columns(stage_c)
        .with_columns([
            sum(num).alias("__num"),
            sum(den).alias("__den"),
            crit.alias(CRITICAL_FAILED),
        ])
        .with_column(ungated.alias(SCORE_UNGATED))
        .with_column(gated.alias(SCORE))
        .with_column(grade.alias(GRADE))
        .drop(by_name(drop, true, false))
        .collect()
        .map_err(|e| polars_err("penilaian / scoring", e))?;
    Ok(out)
}

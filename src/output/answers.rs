//! The per-answer result table as written to files: canonical fields, timing, scores, and
//! each criterion's state and evidence.

use polars::prelude::*;

use crate::error::{Result, polars_err};
use crate::expr::{cases, null};
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::ingest::{FILE_COL, ROW_COL};
use crate::rubric::Rubric;
use crate::score::{
    CRITICAL_FAILED, GRADE, SCORE, SCORE_UNGATED, SLA_TARGET, State, WORKING_DAYS, evidence_col,
    state_col,
};
use crate::validate::DUPLICATE;

/// How states are written.
#[derive(Debug, Clone, Copy)]
pub enum StateStyle {
    /// Stable keys (`pass`, `partial`, `fail`, `na`, `unverifiable`): CSV and Parquet.
    Key,
    /// Labels in the user's language: XLSX.
    Label(Lang),
}

/// Maps a `UInt8` state column to text.
pub fn state_text(e: Expr, style: StateStyle) -> Expr {
    cases(
        State::ALL
            .iter()
            .map(|s| {
                let t = match style {
                    StateStyle::Key => s.key(),
                    StateStyle::Label(l) => s.label(l),
                };
                (e.clone().eq(lit(s.code())), lit(t))
            })
            .collect(),
        null(DataType::String),
    )
}

/// Names of the leading columns of the answer table.
pub const LEADING: [&str; 18] = [
    field::ID,
    field::UNIT,
    field::CHANNEL,
    field::SERVICE_TYPE,
    field::COMMODITY,
    field::OFFICER,
    field::OFFICER_ID,
    field::STATUS,
    "month",
    field::RECEIVED_AT,
    field::RESPONDED_AT,
    field::CLOSED_AT,
    WORKING_DAYS,
    SLA_TARGET,
    SCORE,
    SCORE_UNGATED,
    GRADE,
    CRITICAL_FAILED,
];

/// The answer table: leading columns, `duplicate`, per criterion `<id>` (state) and
/// `<id>_evidence`, then `source_file` and `source_row`.
pub fn answer_table(scored: &DataFrame, rubric: &Rubric, style: StateStyle) -> Result<DataFrame> {
    // People read labels ("Pengaduan"); CSV and Parquet keep the values ("pengaduan").
    let mut exprs: Vec<Expr> = LEADING
        .iter()
        .map(|c| match style {
            StateStyle::Label(lang) if *c == field::SERVICE_TYPE => {
                crate::labels::service_type_expr(col(*c), lang).alias(*c)
            }
            _ => col(*c),
        })
        .collect();
    exprs.push(col(DUPLICATE));
    for c in &rubric.criteria {
        exprs.push(state_text(col(state_col(&c.id)), style).alias(c.id.as_str()));
        exprs.push(col(evidence_col(&c.id)).alias(format!("{}_evidence", c.id)));
    }
    exprs.push(col(FILE_COL).alias("source_file"));
    exprs.push(col(ROW_COL).alias("source_row"));
    scored
        .clone()
        .lazy()
        .select(exprs)
        .collect()
        .map_err(|e| polars_err("tabel jawaban / answer table", e))
}

/// Header labels for the answer table's columns, in the user's language.
pub fn answer_headers(table: &DataFrame, rubric: &Rubric, lang: Lang) -> Vec<String> {
    let labels: std::collections::HashMap<&str, &str> = rubric
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.label.as_str()))
        .collect();
    table
        .get_column_names()
        .iter()
        .map(|n| {
            let n = n.as_str();
            if let Some(l) = crate::labels::column(n, lang) {
                return l.to_string();
            }
            if let Some(l) = labels.get(n) {
                return l.to_string();
            }
            match n.strip_suffix("_evidence").and_then(|id| labels.get(id)) {
                Some(l) => format!("{l} — {}", lang.pick("bukti", "evidence")),
                None => n.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Every column of the answer table that is not a criterion's is reserved against
    /// criterion ids, and so is every input field.
    #[test]
    fn result_columns_are_reserved_ids() {
        use crate::rubric::RESERVED_IDS;
        let fixed = super::LEADING
            .iter()
            .chain(crate::ingest::columns::field::ALL.iter())
            .chain([&crate::validate::DUPLICATE, &"source_file", &"source_row"]);
        for c in fixed {
            assert!(RESERVED_IDS.contains(c), "{c}");
        }
    }
}

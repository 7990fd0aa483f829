//! Reviewers' marks and dispute decisions as a scoring run applies them: read before the
//! records, written into each part by answer id, and checked against every id at the end.

use std::collections::HashMap;
use std::path::PathBuf;

use polars::prelude::*;

use crate::error::{Result, polars_err};
use crate::expr::text_column;
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::issues::DataIssue;
use crate::review::dispute::Dispute;
use crate::review::merge::Rule;
use crate::rubric::{Kind, Rubric};
use crate::score::Override;

/// Reviewers' marks and dispute decisions, read before the records and applied to each
/// part by answer id.
pub struct Decisions {
    /// (manual criterion's column, answer id → text to write), reviews before disputes.
    manual: Vec<(String, HashMap<String, String>)>,
    pub overrides: Vec<Override>,
    /// The review workbooks' cells and read issues, merged again by `finish` with the ids
    /// known then.
    reviews: Option<(Vec<crate::review::merge::Review>, Vec<DataIssue>)>,
}

impl Decisions {
    pub fn read(
        reviews: &[PathBuf],
        disputes: &[PathBuf],
        rule: &Rule,
        rubric: &Rubric,
        lang: Lang,
    ) -> Result<Decisions> {
        use crate::ingest::format::workbook_paths;
        use crate::review::dispute::{Decision, in_force, load};
        use crate::review::merge::{mark_text, merge, read_all};
        use crate::review::worksheet::manual_criteria;
        let mut manual = Vec::new();
        let mut overrides = Vec::new();
        // Ids are checked, and issues reported, by `finish` once every record is read.
        let any = |_: &str| true;
        let mut read_reviews = None;
        if !reviews.is_empty() {
            let (reviews, read_issues) = read_all(&workbook_paths(reviews)?, rubric);
            let merged = merge(reviews.clone(), &any, rule, &mut Vec::new());
            read_reviews = Some((reviews, read_issues));
            for (c, _, na) in manual_criteria(rubric) {
                if let Kind::Manual { key, .. } = &c.kind {
                    let marks = merged
                        .marks
                        .iter()
                        .filter(|((_, crit), _)| *crit == c.id)
                        .map(|((id, _), m)| (id.clone(), mark_text(*m, na)))
                        .collect();
                    manual.push((key.clone(), marks));
                }
            }
        }
        if !disputes.is_empty() {
            let (disputes, _) = load(disputes, rubric, &any)?;
            for c in &rubric.criteria {
                let mine = || in_force(&disputes).filter(|d| d.criterion == c.id);
                match &c.kind {
                    Kind::Manual { key, .. } => {
                        let values = mine()
                            .filter_map(|d| match &d.decided {
                                Some(Decision::Manual(v)) => Some((d.id.clone(), v.clone())),
                                _ => None,
                            })
                            .collect();
                        manual.push((key.clone(), values));
                    }
                    _ => {
                        for d in mine() {
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
        }
        Ok(Decisions {
            manual,
            overrides,
            reviews: read_reviews,
        })
    }

    /// Writes the decided values of the part's answers into the manual columns.
    pub fn apply(&self, df: &mut DataFrame) -> Result<()> {
        if self.manual.iter().all(|(_, v)| v.is_empty()) {
            return Ok(());
        }
        let ids = text_column(df, field::ID)?;
        for (key, values) in &self.manual {
            if !values.is_empty() {
                set_manual(df, key, &ids, |id| values.get(id).cloned())?;
            }
        }
        Ok(())
    }

    /// With every record read: the reviews' and disputes' issues (unknown ids,
    /// duplicates, conflicts, invalid rows) and the disputes as read.
    pub fn finish(
        self,
        disputes: &[PathBuf],
        rule: &Rule,
        rubric: &Rubric,
        checker: &crate::validate::Checker,
        issues: &mut Vec<DataIssue>,
    ) -> Result<Vec<Dispute>> {
        use crate::review::merge::{conflict_issue, merge};
        let known = |id: &str| checker.knows(id);
        if let Some((reviews, mut more)) = self.reviews {
            issues.append(&mut more);
            let merged = merge(reviews, &known, rule, issues);
            issues.extend(merged.conflicts.iter().map(|c| conflict_issue(c, rubric)));
        }
        if disputes.is_empty() {
            return Ok(Vec::new());
        }
        let (disputes, mut more) = crate::review::dispute::load(disputes, rubric, &known)?;
        issues.append(&mut more);
        Ok(disputes)
    }
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

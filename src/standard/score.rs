//! Scoring a unit's answers against a standard: self (nilai mandiri) and verified
//! (nilai verifikasi) scores and their gap, band, minimum-standard status, evidence flags,
//! and the gap list (items not fully met, by points lost).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Answer, Standard};
use crate::bands::Band;

/// What a unit answered on one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemAnswer {
    pub self_answer: Answer,
    /// The evaluator's value; `Blank` when not verified (yet).
    pub verified: Answer,
    /// Evidence (document name or link); empty when none.
    pub evidence: String,
}

impl Default for ItemAnswer {
    fn default() -> Self {
        ItemAnswer {
            self_answer: Answer::Blank,
            verified: Answer::Blank,
            evidence: String::new(),
        }
    }
}

/// Per item results.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    pub code: String,
    /// 0..1, `None` for N/A.
    pub self_value: Option<f64>,
    pub verified_value: Option<f64>,
    /// The value decisions use: verified when the evaluator answered, else self.
    pub effective: Option<f64>,
    /// Points of the total scale lost on this item (by the effective value).
    pub points_lost: f64,
    /// Marked (partly) met without the evidence the item requires.
    pub met_without_evidence: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AspectOutcome {
    pub id: String,
    /// 0..1, `None` when every item is N/A.
    pub self_score: Option<f64>,
    pub verified_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// On the standard's scale.
    pub self_total: Option<f64>,
    /// Only once the evaluator has verified every item (see `verified_items`).
    pub verified_total: Option<f64>,
    /// Items with a verified value.
    pub verified_items: usize,
    /// verified − self, when both exist.
    pub gap: Option<f64>,
    /// Verified when verified, else self.
    pub effective_total: Option<f64>,
    pub band: Option<Band>,
    /// Mandatory items not fully met (by the effective value), in file order.
    pub mandatory_failed: Vec<String>,
    pub items: Vec<ItemOutcome>,
    pub aspects: Vec<AspectOutcome>,
}

impl Outcome {
    pub fn meets_minimum(&self) -> bool {
        self.mandatory_failed.is_empty()
    }

    /// Items not fully met, most points lost first (ties by code).
    pub fn gaps(&self) -> Vec<&ItemOutcome> {
        let mut g: Vec<&ItemOutcome> = self
            .items
            .iter()
            .filter(|i| i.effective.is_some_and(|v| v < 1.0))
            .collect();
        g.sort_by(|a, b| {
            b.points_lost
                .total_cmp(&a.points_lost)
                .then(a.code.cmp(&b.code))
        });
        g
    }
}

/// Weighted total on the scale and per-aspect scores from item values (0..1, `None` = N/A).
fn totals(std: &Standard, values: &HashMap<&str, Option<f64>>) -> (Option<f64>, Vec<Option<f64>>) {
    let mut aspect_scores = Vec::new();
    let (mut num, mut den) = (0.0, 0.0);
    for a in &std.aspects {
        let (mut n, mut d) = (0.0, 0.0);
        for i in std.items.iter().filter(|i| i.aspect == a.id) {
            if let Some(v) = values.get(i.code.as_str()).copied().unwrap_or(Some(0.0)) {
                n += i.weight * v;
                d += i.weight;
            }
        }
        let s = (d > 0.0).then(|| n / d);
        if let Some(s) = s {
            num += a.weight * s;
            den += a.weight;
        }
        aspect_scores.push(s);
    }
    ((den > 0.0).then(|| num / den * std.scale), aspect_scores)
}

/// Scores one unit's answers. Items missing from `answers` count as blank.
pub fn score(std: &Standard, answers: &HashMap<String, ItemAnswer>, as_of: NaiveDate) -> Outcome {
    let blank = ItemAnswer::default();
    let mut self_values = HashMap::new();
    let mut verified_values = HashMap::new();
    let mut effective_values = HashMap::new();
    let mut verified_items = 0;
    for item in &std.items {
        let a = answers.get(&item.code).unwrap_or(&blank);
        let s = item.value(&a.self_answer, as_of);
        self_values.insert(item.code.as_str(), s);
        let verified = a.verified != Answer::Blank;
        verified_items += usize::from(verified);
        let v = item.value(&a.verified, as_of);
        verified_values.insert(item.code.as_str(), v);
        effective_values.insert(item.code.as_str(), if verified { v } else { s });
    }
    let (self_total, self_aspects) = totals(std, &self_values);
    let (verified_total, verified_aspects) = if verified_items == std.items.len() {
        totals(std, &verified_values)
    } else {
        (None, vec![None; std.aspects.len()])
    };
    let (effective_total, _) = totals(std, &effective_values);

    // Each item's share of the scale: its weight within the aspect's applicable items,
    // times the aspect's weight among applicable aspects.
    let applicable = |code: &str| effective_values.get(code).copied().flatten().is_some();
    let aspect_den: f64 = std
        .aspects
        .iter()
        .filter(|a| {
            std.items
                .iter()
                .any(|i| i.aspect == a.id && applicable(&i.code))
        })
        .map(|a| a.weight)
        .sum();
    let mut items = Vec::new();
    let mut mandatory_failed = Vec::new();
    for item in &std.items {
        let a = answers.get(&item.code).unwrap_or(&blank);
        let eff = effective_values[item.code.as_str()];
        let item_den: f64 = std
            .items
            .iter()
            .filter(|i| i.aspect == item.aspect && applicable(&i.code))
            .map(|i| i.weight)
            .sum();
        let aspect_w = std.aspect(&item.aspect).map(|x| x.weight).unwrap_or(0.0);
        let share = if item_den > 0.0 && aspect_den > 0.0 {
            item.weight / item_den * aspect_w / aspect_den * std.scale
        } else {
            0.0
        };
        let points_lost = eff.map(|v| share * (1.0 - v)).unwrap_or(0.0);
        if item.mandatory && eff.is_some_and(|v| v < 1.0) {
            mandatory_failed.push(item.code.clone());
        }
        let claimed = self_values[item.code.as_str()].is_some_and(|v| v > 0.0);
        items.push(ItemOutcome {
            code: item.code.clone(),
            self_value: self_values[item.code.as_str()],
            verified_value: if a.verified == Answer::Blank {
                None
            } else {
                verified_values[item.code.as_str()]
            },
            effective: eff,
            points_lost,
            met_without_evidence: item.evidence_required && claimed && a.evidence.trim().is_empty(),
        });
    }
    let aspects = std
        .aspects
        .iter()
        .zip(self_aspects.into_iter().zip(verified_aspects))
        .map(|(a, (s, v))| AspectOutcome {
            id: a.id.clone(),
            self_score: s,
            verified_score: v,
        })
        .collect();
    Outcome {
        self_total,
        verified_total,
        verified_items,
        gap: self_total.zip(verified_total).map(|(s, v)| v - s),
        effective_total,
        band: effective_total.and_then(|t| std.bands.band(t).cloned()),
        mandatory_failed,
        items,
        aspects,
    }
}

#[cfg(test)]
mod tests;

//! Agreement of the automatic criteria with human verdicts: per criterion, the confusion
//! matrix (human × automatic), exact agreement, Cohen's kappa, and the precision and recall
//! of *fail* (how often an automatic fail is a real one, and how many real fails it finds).
//!
//! Human verdicts come as one column per automatic criterion beside the answers, headed
//! `Label <criterion id>` (or `Label <criterion label>`, `Verdict <id>`, `Reviewer <id>`),
//! with values `pass`/`lulus`, `partial`/`sebagian`, `fail`/`gagal`, `na`/`n/a`/`tidak
//! berlaku`; a blank cell is an answer the human did not judge on that criterion.

use std::collections::BTreeMap;

use crate::agreement::{Weights, cohen_kappa};
use crate::rubric::{Kind, Rubric};
use crate::state::State;

/// Key of the extra column holding the human verdict for a criterion.
pub fn label_key(id: &str) -> String {
    format!("label__{id}")
}

/// Key of the optional split column (dev / test).
pub const SPLIT_KEY: &str = "label__split";

/// The automatic criteria a human can judge: every kind but `manual`.
pub fn automatic(rubric: &Rubric) -> impl Iterator<Item = &crate::rubric::Criterion> {
    rubric
        .criteria
        .iter()
        .filter(|c| !matches!(c.kind, Kind::Manual { .. }))
}

/// Extra input columns: (key, header aliases) per automatic criterion, and the split.
pub fn label_columns(rubric: &Rubric) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = automatic(rubric)
        .map(|c| {
            let aliases = ["label", "verdict", "reviewer", "manusia"]
                .iter()
                .flat_map(|p| [format!("{p} {}", c.id), format!("{p} {}", c.label)])
                .chain([
                    format!("{} (reviewer)", c.id),
                    format!("{} (manusia)", c.id),
                ])
                .collect();
            (label_key(&c.id), aliases)
        })
        .collect();
    out.push((
        SPLIT_KEY.to_string(),
        vec!["split".into(), "bagian".into(), "pembagian".into()],
    ));
    out
}

/// A human verdict as written; `Ok(None)` for blank, `Err` for anything else unreadable.
pub fn parse_verdict(raw: Option<&str>) -> Result<Option<State>, String> {
    let Some(v) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let state = match v.to_lowercase().as_str() {
        "pass" | "lulus" | "ya" | "yes" | "sesuai" => State::Pass,
        "partial" | "sebagian" => State::Partial,
        "fail" | "gagal" | "tidak" | "no" | "tidak sesuai" => State::Fail,
        "na" | "n/a" | "-" | "tidak berlaku" | "not applicable" => State::NotApplicable,
        "tidak terverifikasi" | "unverifiable" => State::Unverifiable,
        _ => return Err(v.to_string()),
    };
    Ok(Some(state))
}

/// Words with which a reviewer confirms the automatic verdict.
pub fn confirms(raw: &str) -> bool {
    matches!(
        raw.trim().to_lowercase().as_str(),
        "setuju" | "agree" | "ok" | "sesuai otomatis" | "confirm" | "confirmed"
    )
}

/// The choices of the reviewer's verdict column: confirm, or one of the states.
pub fn verdict_options(lang: crate::i18n::Lang) -> Vec<String> {
    let mut v = vec![lang.pick("Setuju", "Agree").to_string()];
    v.extend(
        [
            State::Pass,
            State::Partial,
            State::Fail,
            State::NotApplicable,
        ]
        .iter()
        .map(|s| s.label(lang).to_string()),
    );
    v
}

/// A reviewer's verdict on an automatic criterion, read from a review workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct HumanVerdict {
    pub reviewer: String,
    pub id: String,
    pub criterion: String,
    /// The automatic verdict shown in the sheet when it was made.
    pub shown: Option<State>,
    pub human: State,
    pub location: crate::error::Location,
}

/// The automatic criteria a reviewer confirms or overrides in the review sheet: those that
/// judge the text (not the SLA or a filled field).
pub fn judged(rubric: &Rubric) -> Vec<&crate::rubric::Criterion> {
    automatic(rubric)
        .filter(|c| !matches!(c.kind, Kind::Sla { .. } | Kind::Field { .. }))
        .collect()
}

/// One answer judged on one criterion by the human and by the tool.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub id: String,
    pub human: State,
    pub auto: State,
    pub evidence: String,
}

/// Agreement figures for one criterion over a set of pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub n: usize,
    pub agreed: usize,
    /// Cohen's kappa (unweighted), `None` when undefined (e.g. one category throughout).
    pub kappa: Option<f64>,
    /// Of the automatic fails, the share the human also failed.
    pub fail_precision: Option<f64>,
    /// Of the human fails, the share the tool also failed.
    pub fail_recall: Option<f64>,
    /// (human, automatic) → count.
    pub confusion: BTreeMap<(State, State), usize>,
}

impl Figures {
    pub fn agreement(&self) -> Option<f64> {
        (self.n > 0).then(|| self.agreed as f64 / self.n as f64)
    }
}

/// The figures of a set of pairs.
pub fn figures(pairs: &[&Pair]) -> Figures {
    let mut confusion = BTreeMap::new();
    for p in pairs {
        *confusion.entry((p.human, p.auto)).or_insert(0) += 1;
    }
    let agreed = pairs.iter().filter(|p| p.human == p.auto).count();
    let h: Vec<Option<f64>> = pairs.iter().map(|p| Some(p.human.code() as f64)).collect();
    let a: Vec<Option<f64>> = pairs.iter().map(|p| Some(p.auto.code() as f64)).collect();
    let kappa = if pairs.is_empty() {
        None
    } else if agreed == pairs.len() {
        // Perfect agreement: kappa is 1 even when one category is used throughout.
        Some(1.0)
    } else {
        cohen_kappa(&h, &a, Weights::Unweighted, None)
    };
    let ratio = |num: usize, den: usize| (den > 0).then(|| num as f64 / den as f64);
    let both_fail = pairs
        .iter()
        .filter(|p| p.human == State::Fail && p.auto == State::Fail)
        .count();
    let auto_fail = pairs.iter().filter(|p| p.auto == State::Fail).count();
    let human_fail = pairs.iter().filter(|p| p.human == State::Fail).count();
    Figures {
        n: pairs.len(),
        agreed,
        kappa,
        fail_precision: ratio(both_fail, auto_fail),
        fail_recall: ratio(both_fail, human_fail),
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(h: State, a: State) -> Pair {
        Pair {
            id: String::new(),
            human: h,
            auto: a,
            evidence: String::new(),
        }
    }

    #[test]
    fn figures_of_a_known_table() {
        use State::*;
        // human × auto: 4 pass/pass, 1 pass/fail, 2 fail/pass, 3 fail/fail.
        let mut pairs = Vec::new();
        pairs.extend((0..4).map(|_| pair(Pass, Pass)));
        pairs.push(pair(Pass, Fail));
        pairs.extend((0..2).map(|_| pair(Fail, Pass)));
        pairs.extend((0..3).map(|_| pair(Fail, Fail)));
        let refs: Vec<&Pair> = pairs.iter().collect();
        let f = figures(&refs);
        assert_eq!((f.n, f.agreed), (10, 7));
        // p_o = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.4.
        assert!((f.kappa.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(f.fail_precision, Some(0.75));
        assert_eq!(f.fail_recall, Some(0.6));
        assert_eq!(f.confusion[&(Fail, Pass)], 2);
    }

    #[test]
    fn verdict_words() {
        assert_eq!(parse_verdict(Some(" Lulus ")), Ok(Some(State::Pass)));
        assert_eq!(parse_verdict(Some("N/A")), Ok(Some(State::NotApplicable)));
        assert_eq!(parse_verdict(Some("sebagian")), Ok(Some(State::Partial)));
        assert_eq!(parse_verdict(Some("")), Ok(None));
        assert_eq!(parse_verdict(Some("mungkin")), Err("mungkin".to_string()));
    }
}

//! Calibration: how far reviewers agree on the answers they all scored.
//!
//! Per manual criterion and for the total score, over the answers with at least two
//! reviewers: exact agreement, the share of marks within ±tolerance points of the
//! consensus (marks put on 0–100), Cohen's weighted kappa (linear weights over the scale's
//! steps) for each pair of reviewers, Krippendorff's alpha (ordinal for criteria, interval
//! for the total), and each reviewer's mean deviation from the consensus.

use std::collections::{BTreeMap, BTreeSet};

use crate::agreement::{
    Consensus, Metric, Ratings, Weights, coder_deviation, cohen_kappa, exact_agreement,
    krippendorff_alpha, within_tolerance,
};

/// Marks of one measure: per answer id, per reviewer, on 0–100.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub label: String,
    pub metric: Option<Metric>,
    /// Allowed values on 0–100 (the scale's steps), for kappa's categories.
    pub steps: Option<Vec<f64>>,
    pub values: BTreeMap<String, BTreeMap<String, Option<f64>>>,
}

/// The figures of one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureStats {
    pub label: String,
    /// Answers scored by at least two reviewers.
    pub answers: usize,
    pub reviewers: usize,
    /// Percentages.
    pub exact: Option<f64>,
    pub within: Option<f64>,
    /// Kappa when exactly two reviewers scored, else the mean over pairs.
    pub kappa: Option<f64>,
    pub alpha: Option<f64>,
    /// Alpha below the threshold (or undefined).
    pub flagged: bool,
}

/// Kappa of one pair of reviewers on one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct PairStats {
    pub measure: String,
    pub a: String,
    pub b: String,
    pub answers: usize,
    pub kappa: Option<f64>,
}

/// A reviewer's mean deviation from the consensus per measure, on 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewerStats {
    pub reviewer: String,
    /// (measure label, mean deviation, answers)
    pub deviations: Vec<(String, Option<f64>, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub measures: Vec<MeasureStats>,
    pub pairs: Vec<PairStats>,
    pub reviewers: Vec<ReviewerStats>,
}

/// Options of the calibration.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Points on 0–100 a mark may be from the consensus and count as "within".
    pub tolerance: f64,
    /// Alpha below this flags the measure.
    pub threshold: f64,
}

fn round(v: Option<f64>, places: i32) -> Option<f64> {
    let f = 10f64.powi(places);
    v.map(|x| (x * f).round() / f)
}

impl Marks {
    /// The reliability data of the answers with at least two marks: (ids, reviewers, ratings).
    fn ratings(&self) -> (Vec<String>, Vec<String>, Ratings) {
        let reviewers: Vec<String> = self
            .values
            .values()
            .flat_map(|m| m.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let ids: Vec<String> = self
            .values
            .iter()
            .filter(|(_, m)| m.values().filter(|v| v.is_some()).count() >= 2)
            .map(|(id, _)| id.clone())
            .collect();
        let units: Vec<Vec<Option<f64>>> = ids
            .iter()
            .map(|id| {
                reviewers
                    .iter()
                    .map(|r| self.values[id].get(r).copied().flatten())
                    .collect()
            })
            .collect();
        (ids, reviewers, Ratings::from_units(units))
    }
}

/// Computes the calibration figures of each measure.
pub fn calibrate(measures: &[Marks], opts: Options) -> Calibration {
    let mut out = Calibration {
        measures: Vec::new(),
        pairs: Vec::new(),
        reviewers: Vec::new(),
    };
    let mut per_reviewer: BTreeMap<String, Vec<(String, Option<f64>, usize)>> = BTreeMap::new();
    for m in measures {
        let (ids, reviewers, r) = m.ratings();
        let metric = m.metric.unwrap_or(Metric::Ordinal);
        let mut kappas = Vec::new();
        for i in 0..reviewers.len() {
            for j in i + 1..reviewers.len() {
                let a: Vec<Option<f64>> = r.units().iter().map(|u| u[i]).collect();
                let b: Vec<Option<f64>> = r.units().iter().map(|u| u[j]).collect();
                let n = a
                    .iter()
                    .zip(&b)
                    .filter(|(x, y)| x.is_some() && y.is_some())
                    .count();
                if n == 0 {
                    continue;
                }
                let kappa = cohen_kappa(&a, &b, Weights::Linear, m.steps.as_deref());
                kappas.push(kappa);
                out.pairs.push(PairStats {
                    measure: m.label.clone(),
                    a: reviewers[i].clone(),
                    b: reviewers[j].clone(),
                    answers: n,
                    kappa: round(kappa, 3),
                });
            }
        }
        let defined: Vec<f64> = kappas.iter().flatten().copied().collect();
        let kappa = if defined.is_empty() {
            None
        } else {
            Some(defined.iter().sum::<f64>() / defined.len() as f64)
        };
        let alpha = krippendorff_alpha(&r, metric);
        out.measures.push(MeasureStats {
            label: m.label.clone(),
            answers: ids.len(),
            reviewers: reviewers.len(),
            exact: round(exact_agreement(&r).map(|v| v * 100.0), 1),
            within: round(
                within_tolerance(&r, opts.tolerance, Consensus::Mean).map(|v| v * 100.0),
                1,
            ),
            kappa: round(kappa, 3),
            alpha: round(alpha, 3),
            flagged: alpha.is_none_or(|a| a < opts.threshold),
        });
        for (rev, (dev, n)) in reviewers.iter().zip(coder_deviation(&r, Consensus::Mean)) {
            per_reviewer
                .entry(rev.clone())
                .or_default()
                .push((m.label.clone(), round(dev, 2), n));
        }
    }
    out.reviewers = per_reviewer
        .into_iter()
        .map(|(reviewer, deviations)| ReviewerStats {
            reviewer,
            deviations,
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An answer id with each reviewer's mark.
    type Row<'a> = (&'a str, &'a [(&'a str, Option<f64>)]);

    fn marks(rows: &[Row]) -> Marks {
        Marks {
            label: "akurasi".into(),
            metric: Some(Metric::Ordinal),
            steps: Some(vec![0.0, 50.0, 100.0]),
            values: rows
                .iter()
                .map(|(id, v)| {
                    (
                        id.to_string(),
                        v.iter().map(|(r, x)| (r.to_string(), *x)).collect(),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn two_reviewers_by_hand() {
        // Four shared answers; budi is one step harsher on two of them. A fifth answer has
        // one reviewer only and is left out.
        let m = marks(&[
            ("A1", &[("ani", Some(100.0)), ("budi", Some(100.0))]),
            ("A2", &[("ani", Some(100.0)), ("budi", Some(50.0))]),
            ("A3", &[("ani", Some(50.0)), ("budi", Some(0.0))]),
            ("A4", &[("ani", Some(0.0)), ("budi", Some(0.0))]),
            ("A5", &[("ani", Some(50.0))]),
        ]);
        let c = calibrate(
            &[m],
            Options {
                tolerance: 10.0,
                threshold: 0.667,
            },
        );
        let s = &c.measures[0];
        assert_eq!((s.answers, s.reviewers), (4, 2));
        assert_eq!(s.exact, Some(50.0));
        // Consensus is the pair's mean: the two differing pairs are 25 points off each.
        assert_eq!(s.within, Some(50.0));
        // Linear-weighted kappa over 3 categories: observed disagreement 2·0.5/4 = 0.25;
        // marginals ani (1,1,2)/4, budi (2,1,1)/4, expected Σ p_i q_j |i−j|/2 = 0.5;
        // kappa = 1 − 0.25/0.5.
        assert_eq!(s.kappa, Some(0.5));
        assert!(s.alpha.is_some());
        let dev: Vec<Option<f64>> = c.reviewers.iter().map(|r| r.deviations[0].1).collect();
        // ani is 12.5 points above the consensus on average, budi 12.5 below.
        assert_eq!(dev, [Some(12.5), Some(-12.5)]);
        assert_eq!(c.pairs.len(), 1);
    }

    #[test]
    fn no_overlap_gives_no_figures_and_a_flag() {
        let m = marks(&[
            ("A1", &[("ani", Some(100.0))]),
            ("A2", &[("budi", Some(0.0))]),
        ]);
        let c = calibrate(
            &[m],
            Options {
                tolerance: 10.0,
                threshold: 0.667,
            },
        );
        let s = &c.measures[0];
        assert_eq!(s.answers, 0);
        assert_eq!((s.exact, s.kappa, s.alpha), (None, None, None));
        assert!(s.flagged);
        assert!(c.pairs.is_empty());
    }
}

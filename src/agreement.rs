//! Inter-rater agreement statistics for reviewer calibration.
//!
//! Reviewers score a sample of answers on manual criteria (ordinal scales such as 0/1/2,
//! with N/A as a missing value) and on a total score 0–100 (interval). This module measures
//! how far they agree. It is plain Rust over slices, and no function panics: where a
//! statistic is undefined the function returns `None`, and each function's doc says when.
//!
//! * [`krippendorff_alpha`]: chance-corrected reliability, any number of coders, missing
//!   values allowed, with [`Metric`] nominal / ordinal / interval / ratio.
//! * [`cohen_kappa`]: two coders, unweighted or linearly / quadratically weighted, computed
//!   as scikit-learn's `cohen_kappa_score` does.
//! * [`exact_agreement`], [`consensus`], [`within_tolerance`], [`coder_deviation`]: plain
//!   descriptive figures for a calibration report.
//!
//! The alpha and kappa values are checked against the `krippendorff` Python package and
//! scikit-learn: `tests/fixtures/agreement/make_fixtures.py` writes `reference.toml`, which
//! the unit tests at the bottom of this file read.
//!
//! Terms: a *unit* is one sampled answer, a *coder* one reviewer, a *value* one score a
//! coder gave a unit. A unit is *pairable* when it has at least two values.

/// Reliability data: units (answers) × coders (reviewers); `None` = missing (not reviewed,
/// or N/A).
///
/// The constructors clean the input once, so every statistic sees the same data:
/// non-finite values (`NaN`, `±inf`) become `None`, `-0.0` becomes `0.0` (so that it is the
/// same category as `0.0`), and ragged rows are padded with `None` to the widest row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ratings {
    /// `values[unit][coder]`, every row `coders` long.
    values: Vec<Vec<Option<f64>>>,
    coders: usize,
}

impl Ratings {
    /// From rows of units: `values[unit][coder]`.
    pub fn from_units(values: Vec<Vec<Option<f64>>>) -> Self {
        let coders = values.iter().map(Vec::len).max().unwrap_or(0);
        let values = values
            .into_iter()
            .map(|mut row| {
                row.resize(coders, None);
                row.into_iter().map(clean).collect()
            })
            .collect();
        Ratings { values, coders }
    }

    /// From rows of coders: `values[coder][unit]`, the layout of the `krippendorff`
    /// package's `reliability_data`.
    pub fn from_coders(values: &[Vec<Option<f64>>]) -> Self {
        let units = values.iter().map(Vec::len).max().unwrap_or(0);
        let rows = (0..units)
            .map(|u| {
                values
                    .iter()
                    .map(|coder| coder.get(u).copied().flatten())
                    .collect()
            })
            .collect();
        Ratings::from_units(rows)
    }

    /// Number of units (rows).
    pub fn n_units(&self) -> usize {
        self.values.len()
    }

    /// Number of coders (columns).
    pub fn n_coders(&self) -> usize {
        self.coders
    }

    /// The cleaned data, `[unit][coder]`.
    pub fn units(&self) -> &[Vec<Option<f64>>] {
        &self.values
    }

    /// Number of units with at least two values: the units every statistic here uses
    /// (except [`consensus`], which is given for every unit).
    pub fn pairable_units(&self) -> usize {
        self.values
            .iter()
            .filter(|row| present(row).count() >= 2)
            .count()
    }
}

fn clean(v: Option<f64>) -> Option<f64> {
    // `+ 0.0` turns -0.0 into 0.0 and leaves every other finite value alone.
    v.filter(|x| x.is_finite()).map(|x| x + 0.0)
}

fn present(row: &[Option<f64>]) -> impl Iterator<Item = f64> + '_ {
    row.iter().filter_map(|v| *v)
}

/// Level of measurement of the values, which picks alpha's difference function δ².
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Categories without order: δ²(c, k) = 0 if c = k, else 1.
    Nominal,
    /// Ordered categories (criteria scored 0/1/2): δ² from ranks and frequencies, see
    /// [`krippendorff_alpha`]. Only the order of the values matters, not their spacing.
    Ordinal,
    /// Equal intervals (the total score 0–100): δ²(c, k) = (c − k)².
    Interval,
    /// Ratio scale with a true zero: δ²(c, k) = ((c − k) / (c + k))², taken as 0 when
    /// c + k = 0 (as the `krippendorff` package does). Meant for values ≥ 0.
    Ratio,
}

/// Krippendorff's alpha for any number of coders, missing values allowed.
///
/// Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg
/// School for Communication, University of Pennsylvania
/// (<https://repository.upenn.edu/asc_papers/43>). With m_u the number of values in unit u:
///
/// * Units with m_u < 2 are not pairable and are skipped (they carry no information about
///   agreement).
/// * Coincidence matrix: o_ck = Σ_u (number of ordered pairs of values (c, k) from
///   different coders in unit u) / (m_u − 1). Each pairable value contributes exactly 1 in
///   total, so n_c = Σ_k o_ck is the number of pairable values equal to c and
///   n = Σ_c n_c the number of pairable values.
/// * Observed disagreement: D_o = (1/n) Σ_c Σ_k o_ck δ²(c, k).
/// * Expected disagreement: D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²(c, k).
/// * α = 1 − D_o / D_e = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
///
/// Difference functions δ² (see [`Metric`]); for ordinal data, with the values ranked
/// c < g < k:  δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)². Values nobody used at all
/// (n_g = 0) do not count, so gaps in the scale do not matter.
///
/// α = 1 is perfect agreement, 0 agreement at chance level, below 0 systematic
/// disagreement. The paper's example (4 coders × 12 units) gives nominal 0.743, ordinal
/// 0.815, interval 0.849, ratio 0.797; the tests check these.
///
/// The observed part is summed over the pairs within each unit (O(Σ m_u²)) instead of
/// building the V×V coincidence matrix, so a 0–100 score with many distinct values costs
/// little. The expected part is O(V) for nominal and interval (closed forms
/// n² − Σ n_c² and 2n Σ n_c (c − mean)²) and O(V²) for ordinal and ratio.
///
/// Returns `None` when alpha is undefined: no pairable unit, or no expected disagreement
/// (every pairable value is the same, D_e = 0, alpha is 0/0; with ratio also e.g. only −1
/// and 1), or when the arithmetic overflows (values near `f64::MAX`).
pub fn krippendorff_alpha(r: &Ratings, metric: Metric) -> Option<f64> {
    let units: Vec<Vec<f64>> = r
        .values
        .iter()
        .map(|row| present(row).collect::<Vec<f64>>())
        .filter(|vals| vals.len() >= 2)
        .collect();
    if units.is_empty() {
        return None;
    }

    // Value domain (sorted distinct pairable values) and n_c per value.
    let mut all: Vec<f64> = units.iter().flatten().copied().collect();
    all.sort_by(f64::total_cmp);
    let mut domain: Vec<f64> = Vec::new();
    let mut counts: Vec<f64> = Vec::new();
    for v in all {
        match (domain.last(), counts.last_mut()) {
            (Some(&last), Some(count)) if last == v => *count += 1.0,
            _ => {
                domain.push(v);
                counts.push(1.0);
            }
        }
    }
    if domain.len() < 2 {
        return None;
    }
    let n: f64 = counts.iter().sum();
    // cum[i] = n_0 + … + n_{i−1}, for the ordinal sums between ranks.
    let cum: Vec<f64> = std::iter::once(0.0)
        .chain(counts.iter().scan(0.0, |acc, c| {
            *acc += c;
            Some(*acc)
        }))
        .collect();

    // δ² between the values at ranks i and j.
    let delta = |i: usize, j: usize| -> f64 {
        if i == j {
            return 0.0;
        }
        let (lo, hi) = (i.min(j), i.max(j));
        match metric {
            Metric::Nominal => 1.0,
            Metric::Ordinal => {
                let between = cum[hi + 1] - cum[lo] - (counts[lo] + counts[hi]) / 2.0;
                between * between
            }
            Metric::Interval => {
                let d = domain[hi] - domain[lo];
                d * d
            }
            Metric::Ratio => {
                let s = domain[hi] + domain[lo];
                if s == 0.0 {
                    0.0
                } else {
                    let d = (domain[hi] - domain[lo]) / s;
                    d * d
                }
            }
        }
    };

    // Σ_c Σ_k o_ck δ²_ck, unit by unit: each unordered pair counts twice, over (m_u − 1).
    let mut observed = 0.0;
    for vals in &units {
        let ranks: Vec<usize> = vals
            .iter()
            .map(|v| domain.binary_search_by(|d| d.total_cmp(v)).ok())
            .collect::<Option<_>>()?;
        let mut sum = 0.0;
        for (a, &ri) in ranks.iter().enumerate() {
            for &rj in &ranks[a + 1..] {
                sum += delta(ri, rj);
            }
        }
        observed += 2.0 * sum / (ranks.len() as f64 - 1.0);
    }

    // Σ_c Σ_k n_c n_k δ²_ck.
    let expected = match metric {
        Metric::Nominal => n * n - counts.iter().map(|c| c * c).sum::<f64>(),
        Metric::Interval => {
            // Σ_c Σ_k n_c n_k (c − k)² = 2n Σ_c n_c (c − mean)²
            let mean = domain.iter().zip(&counts).map(|(v, c)| v * c).sum::<f64>() / n;
            2.0 * n
                * domain
                    .iter()
                    .zip(&counts)
                    .map(|(v, c)| c * (v - mean) * (v - mean))
                    .sum::<f64>()
        }
        Metric::Ordinal | Metric::Ratio => {
            let mut sum = 0.0;
            for i in 0..domain.len() {
                for j in i + 1..domain.len() {
                    sum += counts[i] * counts[j] * delta(i, j);
                }
            }
            2.0 * sum
        }
    };
    if !(expected > 0.0 && expected.is_finite() && observed.is_finite()) {
        return None;
    }
    let alpha = 1.0 - (n - 1.0) * observed / expected;
    alpha.is_finite().then_some(alpha)
}

/// Weights for [`cohen_kappa`], as scikit-learn's `weights=None | 'linear' | 'quadratic'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// Every disagreement weighs 1.
    Unweighted,
    /// |i − j| for the categories at positions i and j.
    Linear,
    /// (i − j)² for the categories at positions i and j.
    Quadratic,
}

/// Cohen's kappa for two coders over the units both rated, computed as scikit-learn's
/// `cohen_kappa_score(a, b, labels=labels, weights=weights)`.
///
/// Categories are the sorted union of the values seen in the units both rated, or `labels`
/// in the order given. With C the confusion matrix (rows `a`, columns `b`) over those
/// categories, N its total, E_ij = (row sum i)(column sum j) / N the counts expected by
/// chance, and w_ij the weight of a disagreement:
///
/// κ = 1 − Σ w_ij C_ij / Σ w_ij E_ij
///
/// (for unweighted kappa this is the familiar (p_o − p_e) / (1 − p_e)).
///
/// As in scikit-learn, and unlike Krippendorff's interval alpha, the weights use the
/// categories' **positions**, not their values: with categories {0, 1, 3} the linear
/// weight between 1 and 3 is 1, not 2 (pass `labels = [0, 1, 2, 3]` to get 2), and with
/// unsorted `labels` the weights follow the given order. Pairs where either value is not
/// in `labels` are left out (scikit-learn's confusion matrix drops them).
///
/// `None` (missing) or non-finite values on either side drop the unit: scikit-learn
/// cannot take missing values at all.
///
/// Returns `None` when kappa is undefined: `a` and `b` differ in length; no unit is left
/// (scikit-learn raises or returns nan); the chance-expected disagreement is 0, e.g. both
/// coders used one and the same category throughout (scikit-learn returns nan); or
/// `labels` is empty, holds a non-finite value or a duplicate (a deviation: scikit-learn
/// raises on empty labels and quietly maps a duplicate to its last position).
pub fn cohen_kappa(
    a: &[Option<f64>],
    b: &[Option<f64>],
    weights: Weights,
    labels: Option<&[f64]>,
) -> Option<f64> {
    if a.len() != b.len() {
        return None;
    }
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .zip(b)
        .filter_map(|(&x, &y)| Some((clean(x)?, clean(y)?)))
        .collect();
    let categories: Vec<f64> = match labels {
        Some(labels) => {
            let cleaned: Vec<f64> = labels
                .iter()
                .map(|&l| clean(Some(l)))
                .collect::<Option<_>>()?;
            let mut sorted = cleaned.clone();
            sorted.sort_by(f64::total_cmp);
            if cleaned.is_empty() || sorted.windows(2).any(|w| w[0] == w[1]) {
                return None;
            }
            cleaned
        }
        None => {
            let mut seen: Vec<f64> = pairs.iter().flat_map(|&(x, y)| [x, y]).collect();
            seen.sort_by(f64::total_cmp);
            seen.dedup();
            seen
        }
    };
    let k = categories.len();
    let position = |v: f64| categories.iter().position(|&c| c == v);

    let mut confusion = vec![vec![0.0_f64; k]; k];
    for &(x, y) in &pairs {
        if let (Some(i), Some(j)) = (position(x), position(y)) {
            confusion[i][j] += 1.0;
        }
    }
    let total: f64 = confusion.iter().flatten().sum();
    if total == 0.0 {
        return None;
    }
    let rows: Vec<f64> = confusion.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| confusion.iter().map(|r| r[j]).sum())
        .collect();

    let weight = |i: usize, j: usize| -> f64 {
        let d = i.abs_diff(j) as f64;
        match weights {
            Weights::Unweighted => f64::from(u8::from(i != j)),
            Weights::Linear => d,
            Weights::Quadratic => d * d,
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..k {
        for j in 0..k {
            let w = weight(i, j);
            observed += w * confusion[i][j];
            expected += w * rows[i] * cols[j] / total;
        }
    }
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - observed / expected)
}

/// Share (0..=1) of pairable units (≥ 2 values) on which every present value is equal.
///
/// Raw agreement, not corrected for chance: on a scale where nearly every answer gets
/// the same score it is high even when reviewers agree no better than chance. Report it
/// next to alpha.
///
/// Returns `None` when no unit is pairable.
pub fn exact_agreement(r: &Ratings) -> Option<f64> {
    let mut pairable = 0usize;
    let mut equal = 0usize;
    for row in &r.values {
        let mut vals = present(row);
        let Some(first) = vals.next() else { continue };
        let mut m = 1usize;
        let mut all_equal = true;
        for v in vals {
            m += 1;
            all_equal &= v == first;
        }
        if m >= 2 {
            pairable += 1;
            equal += usize::from(all_equal);
        }
    }
    (pairable > 0).then(|| equal as f64 / pairable as f64)
}

/// How a unit's consensus is formed from its present values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consensus {
    /// Arithmetic mean.
    Mean,
    /// Median; with an even number of values, the mean of the two middle ones. Less pulled
    /// by one outlying reviewer.
    Median,
}

/// The consensus of each unit: the mean or median of its present values. `None` for a
/// unit with no value; a unit with one value has that value as its consensus.
pub fn consensus(r: &Ratings, how: Consensus) -> Vec<Option<f64>> {
    r.values
        .iter()
        .map(|row| unit_consensus(row, how))
        .collect()
}

fn unit_consensus(row: &[Option<f64>], how: Consensus) -> Option<f64> {
    let mut vals: Vec<f64> = present(row).collect();
    if vals.is_empty() {
        return None;
    }
    let m = vals.len();
    let c = match how {
        Consensus::Mean => vals.iter().sum::<f64>() / m as f64,
        Consensus::Median => {
            vals.sort_by(f64::total_cmp);
            if m % 2 == 1 {
                vals[m / 2]
            } else {
                vals[m / 2 - 1] / 2.0 + vals[m / 2] / 2.0
            }
        }
    };
    c.is_finite().then_some(c)
}

/// Share (0..=1) of the values in pairable units (≥ 2 values) that lie within ±`tol` of
/// their unit's consensus (`how`: mean or median).
///
/// Deviation from the requested API: takes `how`, since mean and median give different
/// answers and the caller should choose. The consensus includes the coder's own value.
/// A value exactly `tol` away counts as within; a slack of 1e-9 × (1 + |consensus|)
/// absorbs the rounding of the mean (e.g. 1 vs the mean 1.5 of 1 and 2 with `tol` 0.5).
///
/// Returns `None` when no unit is pairable, or `tol` is negative or NaN.
pub fn within_tolerance(r: &Ratings, tol: f64, how: Consensus) -> Option<f64> {
    if tol.is_nan() || tol < 0.0 {
        return None;
    }
    let mut total = 0usize;
    let mut within = 0usize;
    for row in &r.values {
        if present(row).count() < 2 {
            continue;
        }
        let Some(c) = unit_consensus(row, how) else {
            continue;
        };
        let slack = 1e-9 * (1.0 + c.abs());
        for v in present(row) {
            total += 1;
            within += usize::from((v - c).abs() <= tol + slack);
        }
    }
    (total > 0).then(|| within as f64 / total as f64)
}

/// Per coder (in column order): the mean signed deviation of the coder's values from the
/// unit consensus (`how`), and the number of units it is taken over. Positive = the coder
/// scores higher than the consensus (lenient), negative = stricter.
///
/// Only pairable units (≥ 2 values) count: in a unit the coder rated alone, the deviation
/// from its own value is 0 by construction. The consensus includes the coder's own value,
/// so with two coders each deviation is half their difference. Deviation from the
/// requested API: takes `how`, as [`within_tolerance`] does.
///
/// A coder with no value in any pairable unit gets `(None, 0)`.
pub fn coder_deviation(r: &Ratings, how: Consensus) -> Vec<(Option<f64>, usize)> {
    let mut sums = vec![0.0_f64; r.coders];
    let mut counts = vec![0usize; r.coders];
    for row in &r.values {
        if present(row).count() < 2 {
            continue;
        }
        let Some(c) = unit_consensus(row, how) else {
            continue;
        };
        for (coder, v) in row.iter().enumerate() {
            if let Some(v) = v {
                sums[coder] += v - c;
                counts[coder] += 1;
            }
        }
    }
    sums.into_iter()
        .zip(counts)
        .map(|(s, n)| {
            let mean = (n > 0).then(|| s / n as f64).filter(|m| m.is_finite());
            (mean, n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use serde::Deserialize;

    const METRICS: [Metric; 4] = [
        Metric::Nominal,
        Metric::Ordinal,
        Metric::Interval,
        Metric::Ratio,
    ];
    const WEIGHTS: [Weights; 3] = [Weights::Unweighted, Weights::Linear, Weights::Quadratic];

    // ---- reference values from tests/fixtures/agreement/make_fixtures.py ----

    #[derive(Deserialize)]
    struct Reference {
        versions: Versions,
        alpha: Vec<AlphaCase>,
        kappa: Vec<KappaCase>,
    }

    #[derive(Deserialize)]
    struct Versions {
        krippendorff: String,
        #[serde(rename = "scikit-learn")]
        scikit_learn: String,
    }

    #[derive(Deserialize)]
    struct AlphaCase {
        name: String,
        nominal: f64,
        ordinal: f64,
        interval: f64,
        ratio: f64,
        paper_nominal: Option<f64>,
        paper_ordinal: Option<f64>,
        paper_interval: Option<f64>,
        paper_ratio: Option<f64>,
        data: Vec<Vec<f64>>,
    }

    #[derive(Deserialize)]
    struct KappaCase {
        name: String,
        unweighted: f64,
        linear: f64,
        quadratic: f64,
        labels: Option<Vec<f64>>,
        a: Vec<f64>,
        b: Vec<f64>,
    }

    fn reference() -> Reference {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/agreement/reference.toml"
        );
        let text = std::fs::read_to_string(path).expect("read reference.toml");
        toml::from_str(&text).expect("parse reference.toml")
    }

    fn opt(v: f64) -> Option<f64> {
        (!v.is_nan()).then_some(v)
    }

    fn opts(vs: &[f64]) -> Vec<Option<f64>> {
        vs.iter().copied().map(opt).collect()
    }

    fn ratings(rows: &[&[f64]]) -> Ratings {
        Ratings::from_units(rows.iter().map(|r| opts(r)).collect())
    }

    /// Reference value `nan` (the package returned nan or raised) ⇔ `None` here; otherwise
    /// equal to 1e-9. Both sides compute in f64 from small integers; they sum in a
    /// different order (pairs within units here, a V×V matrix there), which moves the last
    /// few bits only.
    fn assert_matches(what: &str, ours: Option<f64>, theirs: f64) {
        match (ours, opt(theirs)) {
            (None, None) => {}
            (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} vs reference {y}"),
            (x, y) => panic!("{what}: {x:?} vs reference {y:?}"),
        }
    }

    #[test]
    fn agreement_fixture_records_versions() {
        let r = reference();
        assert!(!r.versions.krippendorff.is_empty());
        assert!(!r.versions.scikit_learn.is_empty());
        assert!(r.alpha.len() >= 10 && r.kappa.len() >= 10);
    }

    #[test]
    fn alpha_matches_krippendorff_package() {
        for case in reference().alpha {
            let r = Ratings::from_units(case.data.iter().map(|row| opts(row)).collect());
            let expected = [case.nominal, case.ordinal, case.interval, case.ratio];
            for (metric, want) in METRICS.into_iter().zip(expected) {
                let what = format!("{} {metric:?}", case.name);
                assert_matches(&what, krippendorff_alpha(&r, metric), want);
            }
        }
    }

    /// The published figures (3 decimals) of Krippendorff (2011), "Computing
    /// Krippendorff's Alpha-Reliability": section C, 4 coders × 12 units with missing
    /// data, .743 / .815 / .849 / .797; section A, binary data of 2 coders, .095.
    #[test]
    fn alpha_reproduces_published_values() {
        let mut checked = 0;
        for case in reference().alpha {
            let r = Ratings::from_units(case.data.iter().map(|row| opts(row)).collect());
            let paper = [
                case.paper_nominal,
                case.paper_ordinal,
                case.paper_interval,
                case.paper_ratio,
            ];
            for (metric, want) in METRICS.into_iter().zip(paper) {
                let Some(want) = want else { continue };
                let got = krippendorff_alpha(&r, metric).expect("defined");
                assert!(
                    (got - want).abs() <= 0.0005 + 1e-12,
                    "{} {metric:?}: {got} vs published {want}",
                    case.name
                );
                checked += 1;
            }
        }
        assert!(checked >= 7, "only {checked} published values checked");
    }

    #[test]
    fn kappa_matches_sklearn() {
        for case in reference().kappa {
            let (a, b) = (opts(&case.a), opts(&case.b));
            let expected = [case.unweighted, case.linear, case.quadratic];
            for (w, want) in WEIGHTS.into_iter().zip(expected) {
                let what = format!("{} {w:?}", case.name);
                assert_matches(&what, cohen_kappa(&a, &b, w, case.labels.as_deref()), want);
            }
        }
    }

    // ---- hand-checked small cases ----

    #[test]
    fn alpha_perfect_agreement_is_one() {
        let r = ratings(&[&[0.0, 0.0, 0.0], &[1.0, 1.0, f64::NAN], &[2.0, 2.0, 2.0]]);
        for m in METRICS {
            assert_eq!(krippendorff_alpha(&r, m), Some(1.0), "{m:?}");
        }
    }

    /// a = 0 1 0 1, b = 1 0 1 0: o_01 = o_10 = 4, n_0 = n_1 = 4, n = 8, so
    /// α = 1 − 7 · 8 / (64 − 32) = −0.75; kappa: p_o = 0, p_e = 0.5, κ = −1.
    #[test]
    fn systematic_disagreement_is_negative() {
        let r = ratings(&[&[0.0, 1.0], &[1.0, 0.0], &[0.0, 1.0], &[1.0, 0.0]]);
        let a = krippendorff_alpha(&r, Metric::Nominal).unwrap();
        assert!((a + 0.75).abs() < 1e-12, "{a}");
        let x = opts(&[0.0, 1.0, 0.0, 1.0]);
        let y = opts(&[1.0, 0.0, 1.0, 0.0]);
        assert_eq!(cohen_kappa(&x, &y, Weights::Unweighted, None), Some(-1.0));
    }

    /// The 3 × 3 example (units × coders A, B, C; `-` = missing):
    ///
    /// ```text
    ///        A  B  C   mean  median
    /// u0     2  2  2   2     2
    /// u1     1  2  -   1.5   1.5
    /// u2     0  2  2   4/3   2
    /// ```
    ///
    /// exact agreement: u0 only → 1/3.
    ///
    /// within ±0.5 of the mean: u0 3 of 3, u1 2 of 2 (both exactly 0.5 away), u2 none
    /// (|0 − 4/3| = 4/3, |2 − 4/3| = 2/3) → 5/8. Of the median: u0 3, u1 2, u2 the two 2s
    /// → 7/8. Within ±0 of the mean: u0 3 → 3/8.
    ///
    /// deviation from the mean: A (0 − 0.5 − 4/3)/3 = −11/18, B (0 + 0.5 + 2/3)/3 = 7/18,
    /// C (0 + 2/3)/2 = 1/3. From the median: A (0 − 0.5 − 2)/3 = −5/6, B (0 + 0.5 + 0)/3 =
    /// 1/6, C 0/2 = 0.
    ///
    /// alpha: coincidences o_22 = 3 (u0: 6 ordered pairs / 2) + 1 (u2: 2 / 2) = 4,
    /// o_12 = o_21 = 1 (u1), o_02 = o_20 = 1 (u2); n_0 = 1, n_1 = 1, n_2 = 6, n = 8.
    /// Nominal: 1 − 7 · 4 / (64 − 1 − 1 − 36) = 1 − 28/26 = −1/13.
    /// Interval: Σ o δ² = 2·1 + 2·4 = 10; mean 13/8, Σ n_c (c − mean)² = 248/64,
    /// Σ n_c n_k δ² = 2 · 8 · 248/64 = 62; α = 1 − 7 · 10 / 62 = −4/31.
    fn three_by_three() -> Ratings {
        let n = f64::NAN;
        ratings(&[&[2.0, 2.0, 2.0], &[1.0, 2.0, n], &[0.0, 2.0, 2.0]])
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn descriptive_figures_on_the_hand_example() {
        let r = three_by_three();
        assert!(close(exact_agreement(&r), 1.0 / 3.0));

        let mean = consensus(&r, Consensus::Mean);
        assert!(close(mean[0], 2.0) && close(mean[1], 1.5) && close(mean[2], 4.0 / 3.0));
        assert_eq!(
            consensus(&r, Consensus::Median),
            vec![Some(2.0), Some(1.5), Some(2.0)]
        );

        assert!(close(within_tolerance(&r, 0.5, Consensus::Mean), 5.0 / 8.0));
        assert!(close(
            within_tolerance(&r, 0.5, Consensus::Median),
            7.0 / 8.0
        ));
        assert!(close(within_tolerance(&r, 0.0, Consensus::Mean), 3.0 / 8.0));

        let dev = coder_deviation(&r, Consensus::Mean);
        assert_eq!(dev.iter().map(|d| d.1).collect::<Vec<_>>(), [3, 3, 2]);
        assert!(close(dev[0].0, -11.0 / 18.0));
        assert!(close(dev[1].0, 7.0 / 18.0));
        assert!(close(dev[2].0, 1.0 / 3.0));

        let dev = coder_deviation(&r, Consensus::Median);
        assert!(close(dev[0].0, -5.0 / 6.0));
        assert!(close(dev[1].0, 1.0 / 6.0));
        assert!(close(dev[2].0, 0.0));
    }

    #[test]
    fn alpha_on_the_hand_example() {
        let r = three_by_three();
        assert!(close(krippendorff_alpha(&r, Metric::Nominal), -1.0 / 13.0));
        assert!(close(krippendorff_alpha(&r, Metric::Interval), -4.0 / 31.0));
    }

    /// Units with fewer than two values are left out everywhere but `consensus`.
    #[test]
    fn single_value_units_are_skipped() {
        let base = three_by_three();
        let mut rows = base.units().to_vec();
        rows.push(vec![None, Some(0.0), None]);
        rows.push(vec![None, None, None]);
        let r = Ratings::from_units(rows);
        assert_eq!(r.n_units(), 5);
        assert_eq!(r.pairable_units(), 3);
        for m in METRICS {
            assert_eq!(krippendorff_alpha(&r, m), krippendorff_alpha(&base, m));
        }
        assert_eq!(exact_agreement(&r), exact_agreement(&base));
        for how in [Consensus::Mean, Consensus::Median] {
            assert_eq!(
                within_tolerance(&r, 0.5, how),
                within_tolerance(&base, 0.5, how)
            );
            assert_eq!(coder_deviation(&r, how), coder_deviation(&base, how));
        }
        let c = consensus(&r, Consensus::Mean);
        assert_eq!((c[3], c[4]), (Some(0.0), None));
    }

    #[test]
    fn median_of_even_count_is_mean_of_middle_values() {
        let r = ratings(&[&[3.0, 1.0, 10.0, 2.0]]);
        assert_eq!(consensus(&r, Consensus::Median), vec![Some(2.5)]);
        assert_eq!(consensus(&r, Consensus::Mean), vec![Some(4.0)]);
    }

    #[test]
    fn constructors_clean_input() {
        let r = Ratings::from_units(vec![
            vec![Some(f64::NAN), Some(-0.0)],
            vec![Some(f64::INFINITY)],
        ]);
        assert_eq!(r.n_coders(), 2);
        assert_eq!(r.units()[0], vec![None, Some(0.0)]);
        assert!(r.units()[0][1].unwrap().is_sign_positive());
        assert_eq!(r.units()[1], vec![None, None]);

        // Coder-major input is the transpose.
        let by_coder = Ratings::from_coders(&[vec![Some(1.0), Some(2.0)], vec![Some(3.0)]]);
        assert_eq!(
            by_coder.units(),
            &[vec![Some(1.0), Some(3.0)], vec![Some(2.0), None]]
        );
    }

    #[test]
    fn kappa_simple_cases() {
        // sklearn docstring: negative/neutral/positive as 0/1/2 → 0.6875.
        let a = opts(&[0.0, 2.0, 0.0, 1.0, 2.0]);
        let b = opts(&[0.0, 2.0, 0.0, 1.0, 0.0]);
        assert!(close(
            cohen_kappa(&a, &b, Weights::Unweighted, None),
            0.6875
        ));
        // Identical ratings.
        for w in WEIGHTS {
            assert_eq!(cohen_kappa(&a, &a, w, None), Some(1.0));
        }
        // Missing values on either side drop the unit.
        let a2 = [a.clone(), vec![Some(1.0), None]].concat();
        let b2 = [b.clone(), vec![None, Some(2.0)]].concat();
        for w in WEIGHTS {
            assert_eq!(cohen_kappa(&a2, &b2, w, None), cohen_kappa(&a, &b, w, None));
        }
    }

    // ---- undefined statistics ----

    #[test]
    fn undefined_statistics_are_none() {
        let empty = Ratings::from_units(vec![]);
        let no_coders = Ratings::from_units(vec![vec![], vec![]]);
        let one_coder = ratings(&[&[1.0], &[2.0], &[0.0]]);
        let all_missing = ratings(&[&[f64::NAN, f64::NAN], &[f64::NAN, f64::NAN]]);
        let all_equal = ratings(&[&[1.0, 1.0], &[1.0, 1.0, 1.0]]);
        for r in [&empty, &no_coders, &one_coder, &all_missing, &all_equal] {
            for m in METRICS {
                assert_eq!(krippendorff_alpha(r, m), None, "{r:?} {m:?}");
            }
        }
        for r in [&empty, &no_coders, &one_coder, &all_missing] {
            assert_eq!(exact_agreement(r), None);
            assert_eq!(within_tolerance(r, 1.0, Consensus::Mean), None);
            assert!(
                coder_deviation(r, Consensus::Mean)
                    .iter()
                    .all(|d| *d == (None, 0))
            );
        }
        assert_eq!(exact_agreement(&all_equal), Some(1.0));
        assert!(consensus(&empty, Consensus::Mean).is_empty());
        assert_eq!(consensus(&all_missing, Consensus::Median), vec![None, None]);
        assert_eq!(
            coder_deviation(&one_coder, Consensus::Mean),
            vec![(None, 0)]
        );

        // Ratio with only −1 and 1: every δ² is taken as 0 (c + k = 0), so D_e = 0.
        let opposite = ratings(&[&[-1.0, 1.0], &[1.0, -1.0]]);
        assert_eq!(krippendorff_alpha(&opposite, Metric::Ratio), None);

        // Overflowing values give None, not a panic or NaN.
        let huge = ratings(&[&[f64::MAX, -f64::MAX], &[f64::MAX, f64::MAX]]);
        for m in METRICS {
            let a = krippendorff_alpha(&huge, m);
            assert!(a.is_none_or(f64::is_finite), "{m:?} {a:?}");
        }
        assert_eq!(krippendorff_alpha(&huge, Metric::Interval), None);

        let r = three_by_three();
        assert_eq!(within_tolerance(&r, -0.1, Consensus::Mean), None);
        assert_eq!(within_tolerance(&r, f64::NAN, Consensus::Mean), None);
        assert_eq!(
            within_tolerance(&r, f64::INFINITY, Consensus::Mean),
            Some(1.0)
        );
    }

    #[test]
    fn undefined_kappa_is_none() {
        let a = opts(&[0.0, 1.0, 2.0]);
        let b = opts(&[0.0, 2.0, 2.0]);
        for w in WEIGHTS {
            assert_eq!(cohen_kappa(&[], &[], w, None), None);
            assert_eq!(cohen_kappa(&a, &b[..2], w, None), None, "length mismatch");
            let none = [None, None, None];
            assert_eq!(cohen_kappa(&a, &none, w, None), None, "no unit both rated");
            let same = opts(&[1.0, 1.0, 1.0]);
            assert_eq!(cohen_kappa(&same, &same, w, None), None, "one category");
            assert_eq!(cohen_kappa(&a, &b, w, Some(&[])), None, "empty labels");
            assert_eq!(cohen_kappa(&a, &b, w, Some(&[0.0, f64::NAN])), None);
            assert_eq!(cohen_kappa(&a, &b, w, Some(&[0.0, 1.0, 0.0])), None);
            assert_eq!(
                cohen_kappa(&a, &b, w, Some(&[5.0, 6.0])),
                None,
                "no label seen"
            );
            assert_eq!(cohen_kappa(&a, &opts(&[f64::NAN; 3]), w, None), None);
        }
    }

    // ---- properties over seeded random data ----

    fn random_ratings(rng: &mut ChaCha8Rng, max_value: i32, missing: f64) -> Ratings {
        let units = rng.random_range(3..30);
        let coders = rng.random_range(2..6);
        let rows = (0..units)
            .map(|_| {
                let truth = rng.random_range(0..=max_value);
                (0..coders)
                    .map(|_| {
                        if rng.random_bool(missing) {
                            None
                        } else {
                            let noise = rng.random_range(-1..=1);
                            Some(f64::from((truth + noise).clamp(0, max_value)))
                        }
                    })
                    .collect()
            })
            .collect();
        Ratings::from_units(rows)
    }

    fn shuffle<T>(rng: &mut ChaCha8Rng, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, rng.random_range(0..=i));
        }
    }

    fn map_values(r: &Ratings, f: impl Fn(f64) -> f64) -> Ratings {
        Ratings::from_units(
            r.units()
                .iter()
                .map(|row| row.iter().map(|v| v.map(&f)).collect())
                .collect(),
        )
    }

    fn same(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => false,
        }
    }

    /// Alpha does not depend on the order of units or of coders.
    #[test]
    fn alpha_invariant_to_permuting_units_and_coders() {
        let mut rng = ChaCha8Rng::seed_from_u64(20240611);
        for _ in 0..200 {
            let r = random_ratings(&mut rng, 4, 0.25);
            let mut rows = r.units().to_vec();
            shuffle(&mut rng, &mut rows);
            let mut order: Vec<usize> = (0..r.n_coders()).collect();
            shuffle(&mut rng, &mut order);
            let rows = rows
                .into_iter()
                .map(|row| order.iter().map(|&c| row[c]).collect())
                .collect();
            let p = Ratings::from_units(rows);
            for m in METRICS {
                let (x, y) = (krippendorff_alpha(&r, m), krippendorff_alpha(&p, m));
                assert!(same(x, y), "{m:?}: {x:?} vs {y:?} for {r:?}");
            }
        }
    }

    /// Each metric ignores what its level of measurement says is meaningless: nominal any
    /// one-to-one relabelling, ordinal any order-preserving map, interval a positive affine
    /// map, ratio a positive scale factor.
    #[test]
    fn alpha_invariant_to_admissible_transformations() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..200 {
            let r = random_ratings(&mut rng, 4, 0.2);
            let check = |m: Metric, t: &Ratings| {
                let (x, y) = (krippendorff_alpha(&r, m), krippendorff_alpha(t, m));
                assert!(same(x, y), "{m:?}: {x:?} vs {y:?}");
            };
            check(
                Metric::Nominal,
                &map_values(&r, |v| [7.0, -3.0, 0.5, 100.0, 2.0][v as usize]),
            );
            check(Metric::Ordinal, &map_values(&r, |v| v.powi(3) + 10.0 * v));
            check(Metric::Interval, &map_values(&r, |v| 2.5 * v - 40.0));
            check(Metric::Ratio, &map_values(&r, |v| 2.5 * v));
        }
    }

    /// For two coders without missing data, nominal alpha relates to Scott's π (which pools
    /// both coders' marginals, like alpha) by α = 1 − (2N − 1)/(2N) · (1 − π); when both
    /// coders have the same marginals Cohen's κ equals π, and identical data give
    /// α = κ = 1.
    #[test]
    fn nominal_alpha_agrees_with_cohen_style_expectations() {
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        for round in 0..300 {
            let n = rng.random_range(4..40);
            let a: Vec<f64> = (0..n).map(|_| f64::from(rng.random_range(0..3))).collect();
            let b: Vec<f64> = if round % 3 == 0 {
                a.clone()
            } else if round % 3 == 1 {
                let mut b = a.clone();
                shuffle(&mut rng, &mut b);
                b
            } else {
                (0..n).map(|_| f64::from(rng.random_range(0..3))).collect()
            };
            let r = Ratings::from_units(
                a.iter()
                    .zip(&b)
                    .map(|(&x, &y)| vec![Some(x), Some(y)])
                    .collect(),
            );
            let alpha = krippendorff_alpha(&r, Metric::Nominal);
            let kappa = cohen_kappa(&opts(&a), &opts(&b), Weights::Unweighted, None);

            // Scott's π by hand.
            let nn = n as f64;
            let p_o = a.iter().zip(&b).filter(|(x, y)| x == y).count() as f64 / nn;
            let p_e: f64 = (0..3)
                .map(|c| {
                    let c = f64::from(c);
                    let share =
                        (a.iter().chain(&b).filter(|&&v| v == c).count()) as f64 / (2.0 * nn);
                    share * share
                })
                .sum();
            if p_e >= 1.0 {
                assert_eq!(alpha, None);
                assert_eq!(kappa, None);
                continue;
            }
            let pi = (p_o - p_e) / (1.0 - p_e);
            let from_pi = 1.0 - (2.0 * nn - 1.0) / (2.0 * nn) * (1.0 - pi);
            assert!(same(alpha, Some(from_pi)), "{alpha:?} vs {from_pi}");

            if round % 3 != 2 {
                // Same marginals: κ = π.
                assert!(same(kappa, Some(pi)), "{kappa:?} vs π {pi}");
            }
            if round % 3 == 0 {
                assert_eq!(alpha, Some(1.0));
                assert_eq!(kappa, Some(1.0));
            }
        }
    }

    /// Kappa is symmetric in the two coders, for every weighting.
    #[test]
    fn kappa_is_symmetric() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..200 {
            let n = rng.random_range(2..30);
            let mut draw = || -> Vec<Option<f64>> {
                (0..n)
                    .map(|_| (!rng.random_bool(0.1)).then(|| f64::from(rng.random_range(0..5))))
                    .collect()
            };
            let (a, b) = (draw(), draw());
            for w in WEIGHTS {
                assert!(same(
                    cohen_kappa(&a, &b, w, None),
                    cohen_kappa(&b, &a, w, None)
                ));
            }
        }
    }

    /// No input makes any function panic: random shapes, NaN, infinities, extremes.
    #[test]
    fn nothing_panics_on_odd_input() {
        let odd = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -0.0,
            0.0,
            1.0,
            -1.0,
        ];
        let mut rng = ChaCha8Rng::seed_from_u64(99);
        for _ in 0..300 {
            let units = rng.random_range(0..6);
            let rows: Vec<Vec<Option<f64>>> = (0..units)
                .map(|_| {
                    let len = rng.random_range(0..4);
                    (0..len)
                        .map(|_| {
                            (!rng.random_bool(0.2)).then(|| odd[rng.random_range(0..odd.len())])
                        })
                        .collect()
                })
                .collect();
            let r = Ratings::from_units(rows.clone());
            for m in METRICS {
                let a = krippendorff_alpha(&r, m);
                assert!(a.is_none_or(f64::is_finite), "{m:?} {a:?} {r:?}");
            }
            let _ = exact_agreement(&r);
            for how in [Consensus::Mean, Consensus::Median] {
                let _ = consensus(&r, how);
                let _ = within_tolerance(&r, 1.0, how);
                let _ = coder_deviation(&r, how);
            }
            let col = |c: usize| -> Vec<Option<f64>> {
                rows.iter()
                    .map(|row| row.get(c).copied().flatten())
                    .collect()
            };
            for w in WEIGHTS {
                let k = cohen_kappa(&col(0), &col(1), w, None);
                assert!(k.is_none_or(f64::is_finite), "{k:?}");
                let _ = cohen_kappa(&col(0), &col(1), w, Some(&odd));
            }
        }
    }
}

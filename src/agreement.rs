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
mod tests;

//! Small statistics the report states beside its figures: the 95 % Wilson interval of a
//! pass rate and the 95 % Student-t interval of a mean. One place for each formula, so
//! every sheet shows the same interval.

/// The standard normal quantile of 0.975: a two-sided 95 % interval is ± this many
/// standard errors.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Rounds to 2 decimals for display and output files (half away from zero).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The 95 % Wilson score interval of a proportion: `passed` successes out of `n`, as
/// proportions (0–1). None when `n` is 0 (no rate at all) or `passed` exceeds `n`.
///
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
/// Unlike p ± z·√(p(1−p)/n) it stays within 0–1 and is not zero wide at 0/n or n/n, which is
/// where small units' rates are.
pub fn wilson(passed: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || passed > n {
        return None;
    }
    let (k, n) = (passed as f64, n as f64);
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // At 0/n and n/n the bound is exactly 0 or 1; rounding must not leave it a hair off.
    let lo = if passed == 0 { 0.0 } else { centre - half };
    let hi = if passed as f64 == n {
        1.0
    } else {
        centre + half
    };
    Some((lo.max(0.0), hi.min(1.0)))
}

/// The Wilson interval in percent, each bound to one decimal (as the pass rates are shown).
pub fn wilson_pct(passed: u64, n: u64) -> Option<(f64, f64)> {
    let r = |x: f64| (x * 1000.0).round() / 10.0;
    wilson(passed, n).map(|(lo, hi)| (r(lo), r(hi)))
}

/// Student's t quantile of 0.975 for 1–30 degrees of freedom (exact to 6 decimals).
const T975: [f64; 30] = [
    12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
    2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
    2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
    2.048407, 2.045230, 2.042272,
];

/// Student's t quantile of 0.975 with `df` degrees of freedom: the table up to 30, then
/// the Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5),
/// within 10⁻⁶ there. None for 0 degrees of freedom.
pub fn t975(df: u64) -> Option<f64> {
    match df {
        0 => None,
        1..=30 => Some(T975[df as usize - 1]),
        _ => {
            let (z, v) = (Z95, df as f64);
            let g1 = (z.powi(3) + z) / 4.0;
            let g2 = (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0;
            let g3 = (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / 384.0;
            let g4 = (79.0 * z.powi(9) + 776.0 * z.powi(7) + 1482.0 * z.powi(5)
                - 1920.0 * z.powi(3)
                - 945.0 * z)
                / 92160.0;
            Some(z + g1 / v + g2 / v.powi(2) + g3 / v.powi(3) + g4 / v.powi(4))
        }
    }
}

/// The half-width of the 95 % interval of a mean from `n` values with sample standard
/// deviation `sd` (n − 1 in its denominator): t₀.₉₇₅(n − 1) · sd / √n. None below two
/// values (no standard deviation).
pub fn mean_half_width(sd: f64, n: u64) -> Option<f64> {
    if n < 2 || !sd.is_finite() || sd < 0.0 {
        return None;
    }
    Some(t975(n - 1)? * sd / (n as f64).sqrt())
}

/// Whether two intervals share a point (bounds included).
pub fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// The caveat of a figure computed from fewer than `min_n` values: "n = 4 < 10" (the
/// report's `[report] min_n` rule), None from `min_n` values on.
pub fn below_min_n(n: u64, min_n: u32) -> Option<String> {
    (n < u64::from(min_n)).then(|| format!("n = {n} < {min_n}"))
}

/// An interval as people read it: "49.0–94.3".
pub fn range_text(lo: f64, hi: f64, decimals: usize) -> String {
    format!("{lo:.decimals$}–{hi:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) {
        assert!(
            (a.0 - b.0).abs() < 5e-5 && (a.1 - b.1).abs() < 5e-5,
            "{a:?} != {b:?}"
        );
    }

    #[test]
    fn wilson_known_values() {
        // Reference values: Wilson (1927), as R's prop.test(x, n, correct = FALSE) and
        // statsmodels' proportion_confint(method = "wilson") give them.
        close(wilson(8, 10).unwrap(), (0.4902, 0.9433));
        close(wilson(0, 1).unwrap(), (0.0, 0.7935));
        close(wilson(1, 1).unwrap(), (0.2065, 1.0));
        close(wilson(10, 10).unwrap(), (0.7225, 1.0));
        close(wilson(0, 10).unwrap(), (0.0, 0.2775));
        close(wilson(5, 10).unwrap(), (0.2366, 0.7634));
        close(wilson(81, 263).unwrap(), (0.2553, 0.3662));
        assert_eq!(wilson(0, 1).unwrap().0, 0.0);
        assert_eq!(wilson(10, 10).unwrap().1, 1.0);
    }

    #[test]
    fn wilson_without_a_rate() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
    }

    #[test]
    fn t_quantiles_and_mean_intervals() {
        // R: qt(0.975, df).
        for (df, q) in [
            (1, 12.706205),
            (9, 2.262157),
            (30, 2.042272),
            (31, 2.039513),
            (60, 2.000298),
            (120, 1.979930),
            (1000, 1.962339),
        ] {
            assert!((t975(df).unwrap() - q).abs() < 1e-6, "df {df}");
        }
        assert_eq!(t975(0), None);
        // Ten scores with sd 10: 2.262157 · 10 / √10 = 7.1535.
        assert!((mean_half_width(10.0, 10).unwrap() - 7.153_5).abs() < 1e-4);
        // 100 scores with sd 15: 1.984217 · 15 / 10 = 2.9763.
        assert!((mean_half_width(15.0, 100).unwrap() - 2.976_3).abs() < 1e-4);
        assert_eq!(mean_half_width(10.0, 1), None);
        assert_eq!(mean_half_width(0.0, 5), Some(0.0));
    }

    #[test]
    fn intervals_overlap_when_they_share_a_point() {
        assert!(overlap((1.0, 2.0), (2.0, 3.0)));
        assert!(overlap((1.0, 5.0), (2.0, 3.0)));
        assert!(!overlap((1.0, 1.99), (2.0, 3.0)));
        assert!(!overlap((3.01, 4.0), (2.0, 3.0)));
    }

    #[test]
    fn small_n_caveat() {
        assert_eq!(below_min_n(4, 10).as_deref(), Some("n = 4 < 10"));
        assert_eq!(below_min_n(0, 10).as_deref(), Some("n = 0 < 10"));
        assert_eq!(below_min_n(10, 10), None);
    }

    #[test]
    fn wilson_in_percent_and_as_text() {
        assert_eq!(wilson_pct(8, 10), Some((49.0, 94.3)));
        assert_eq!(wilson_pct(0, 1), Some((0.0, 79.3)));
        assert_eq!(wilson_pct(10, 10), Some((72.2, 100.0)));
        assert_eq!(range_text(49.0, 94.3, 1), "49.0–94.3");
    }
}

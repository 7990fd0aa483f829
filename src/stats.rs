//! Small statistics the report states beside its figures: the 95 % Wilson interval of a
//! pass rate. One place for each formula, so every sheet shows the same interval.

/// The standard normal quantile of 0.975: a two-sided 95 % interval is ± this many
/// standard errors.
pub const Z95: f64 = 1.959_963_984_540_054;

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
    fn wilson_in_percent_and_as_text() {
        assert_eq!(wilson_pct(8, 10), Some((49.0, 94.3)));
        assert_eq!(wilson_pct(0, 1), Some((0.0, 79.3)));
        assert_eq!(wilson_pct(10, 10), Some((72.2, 100.0)));
        assert_eq!(range_text(49.0, 94.3, 1), "49.0–94.3");
    }
}

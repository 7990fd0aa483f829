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
                let share = (a.iter().chain(&b).filter(|&&v| v == c).count()) as f64 / (2.0 * nn);
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
                    .map(|_| (!rng.random_bool(0.2)).then(|| odd[rng.random_range(0..odd.len())]))
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

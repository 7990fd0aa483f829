//! Stratified random sampling of answers for review, and their assignment to reviewers.
//!
//! Allocation is proportional to stratum size with a minimum per stratum (largest
//! remainder, ties by stratum key), capped at each stratum's size. Draws are without
//! replacement from a ChaCha8 stream seeded by the user, over rows sorted by stratum and
//! id, so the same inputs and seed give the same sample on any machine.

use std::collections::BTreeMap;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};

/// How many to draw from each stratum (same order as `sizes`).
///
/// Strata whose proportional quota falls below the minimum get the minimum, and strata
/// whose quota exceeds their size give all their rows; both are fixed and the rest of `n`
/// is spread again in proportion over the others, until nothing changes. The free strata
/// then get the floor of their quota and the rows still missing go one at a time to the
/// largest remainders (ties by stratum order).
pub fn allocate(sizes: &[usize], n: usize, min_per: usize) -> Result<Vec<usize>> {
    let total: usize = sizes.iter().sum();
    if n > total {
        return Err(Error::plain(msg!(
            "sampel {n} jawaban diminta, tetapi hanya ada {total} jawaban yang dapat disampel",
            "a sample of {n} answers was asked for, but only {total} answers can be sampled"
        )));
    }
    let floor_of = |s: usize| min_per.min(s);
    let floors: usize = sizes.iter().map(|s| floor_of(*s)).sum();
    if floors > n {
        return Err(Error::plain(msg!(
            "minimum {min_per} per strata untuk {} strata memerlukan {floors} jawaban, lebih dari --n {n}; perbesar --n atau kurangi --min-per-stratum",
            "a minimum of {min_per} per stratum over {} strata needs {floors} answers, more than --n {n}; raise --n or lower --min-per-stratum",
            sizes.len()
        )));
    }
    let mut fixed: Vec<Option<usize>> = vec![None; sizes.len()];
    let quotas = |fixed: &[Option<usize>]| -> Vec<f64> {
        let n_free = n - fixed.iter().flatten().sum::<usize>();
        let free_total: usize = sizes
            .iter()
            .zip(fixed)
            .filter(|(_, f)| f.is_none())
            .map(|(s, _)| s)
            .sum();
        sizes
            .iter()
            .map(|&s| {
                if free_total == 0 {
                    0.0
                } else {
                    n_free as f64 * s as f64 / free_total as f64
                }
            })
            .collect()
    };
    loop {
        let q = quotas(&fixed);
        let mut changed = false;
        for i in 0..sizes.len() {
            if fixed[i].is_some() {
                continue;
            }
            if q[i] < floor_of(sizes[i]) as f64 {
                fixed[i] = Some(floor_of(sizes[i]));
                changed = true;
            } else if q[i] > sizes[i] as f64 {
                fixed[i] = Some(sizes[i]);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let q = quotas(&fixed);
    let mut take: Vec<usize> = (0..sizes.len())
        .map(|i| fixed[i].unwrap_or(q[i].floor() as usize))
        .collect();
    let mut order: Vec<usize> = (0..sizes.len()).filter(|&i| fixed[i].is_none()).collect();
    order.sort_by(|&a, &b| {
        (q[b] - q[b].floor())
            .total_cmp(&(q[a] - q[a].floor()))
            .then(a.cmp(&b))
    });
    let mut taken: usize = take.iter().sum();
    for &i in order.iter().cycle().take(order.len() * 2) {
        if taken >= n {
            break;
        }
        if take[i] < sizes[i] {
            take[i] += 1;
            taken += 1;
        }
    }
    Ok(take)
}

/// One sampled answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// Row in the scored frame.
    pub row: usize,
    pub stratum: String,
}

/// Draws a stratified sample: `strata` maps each stratum key to its rows, sorted by answer
/// id. Returns the drawn rows in stratum order, then in draw order.
pub fn draw(
    strata: &BTreeMap<String, Vec<usize>>,
    n: usize,
    min_per: usize,
    seed: u64,
) -> Result<Vec<Drawn>> {
    let sizes: Vec<usize> = strata.values().map(Vec::len).collect();
    let take = allocate(&sizes, n, min_per)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    for ((key, rows), k) in strata.iter().zip(take) {
        let mut rows = rows.clone();
        rows.shuffle(&mut rng);
        out.extend(rows.into_iter().take(k).map(|row| Drawn {
            row,
            stratum: key.clone(),
        }));
    }
    Ok(out)
}

/// Assigns drawn answers (indices into the sample) to reviewers: `round(overlap · n)`
/// answers, picked at random, go to every reviewer for calibration; the rest are dealt out
/// in turn after a shuffle, so each reviewer gets an equal share (±1).
pub fn assign(n: usize, reviewers: usize, overlap: f64, seed: u64) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); reviewers];
    if reviewers == 0 {
        return out;
    }
    let mut idx: Vec<usize> = (0..n).collect();
    // A stream of its own, so changing the overlap does not change the sample.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5245_5649_4557);
    idx.shuffle(&mut rng);
    let shared = if reviewers > 1 {
        ((overlap.clamp(0.0, 1.0) * n as f64).round() as usize).min(n)
    } else {
        0
    };
    for list in out.iter_mut() {
        list.extend_from_slice(&idx[..shared]);
    }
    for (k, i) in idx[shared..].iter().enumerate() {
        out[k % reviewers].push(*i);
    }
    for list in out.iter_mut() {
        list.sort_unstable();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportional_with_largest_remainder() {
        // Quotas 50, 30, 20 exactly.
        assert_eq!(allocate(&[500, 300, 200], 100, 1).unwrap(), [50, 30, 20]);
        // Quotas 3.33, 3.33, 3.33: the remainder goes to the first stratum.
        assert_eq!(allocate(&[10, 10, 10], 10, 1).unwrap(), [4, 3, 3]);
        // Quotas 6.67, 2.22, 1.11: floors 6, 2, 1, the one left to the largest remainder.
        assert_eq!(allocate(&[60, 20, 10], 10, 0).unwrap(), [7, 2, 1]);
    }

    #[test]
    fn minimum_per_stratum_is_kept_and_the_total_holds() {
        // The one-row stratum gives its row (below the minimum 2); 99 are spread over 999
        // rows: 89.19 and 9.81 → 89 + 10 by largest remainder.
        let t = allocate(&[900, 99, 1], 100, 2).unwrap();
        assert_eq!(t, [89, 10, 1]);
        // Minimums of 3 fixed; 11 left for the big stratum.
        let t = allocate(&[1000, 5, 5, 5], 20, 3).unwrap();
        assert_eq!(t, [11, 3, 3, 3]);
        // A quota beyond a stratum's size is capped and the rest goes elsewhere.
        let t = allocate(&[2, 8], 8, 0).unwrap();
        assert_eq!(t.iter().sum::<usize>(), 8);
        assert!(t[0] <= 2 && t[1] <= 8);
    }

    #[test]
    fn allocation_invariants_on_random_cases() {
        use rand::RngExt;
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..2000 {
            let k = rng.random_range(1..12);
            let sizes: Vec<usize> = (0..k).map(|_| rng.random_range(0..300)).collect();
            let total: usize = sizes.iter().sum();
            let min_per = rng.random_range(0..4);
            let n = rng.random_range(0..=total);
            let Ok(t) = allocate(&sizes, n, min_per) else {
                let floors: usize = sizes.iter().map(|s| min_per.min(*s)).sum();
                assert!(floors > n, "{sizes:?} {n} {min_per}");
                continue;
            };
            assert_eq!(t.iter().sum::<usize>(), n, "{sizes:?} {n} {min_per}");
            for (s, x) in sizes.iter().zip(&t) {
                assert!(
                    x <= s && *x >= min_per.min(*s),
                    "{sizes:?} {n} {min_per} {t:?}"
                );
            }
        }
    }

    #[test]
    fn impossible_requests_are_errors() {
        assert!(allocate(&[5, 5], 11, 0).is_err());
        assert!(allocate(&[50, 50, 50], 5, 2).is_err());
        assert_eq!(allocate(&[], 0, 1).unwrap(), Vec::<usize>::new());
    }

    #[test]
    fn draws_are_reproducible_and_cover_every_stratum() {
        let mut strata = BTreeMap::new();
        strata.insert("a".to_string(), (0..100).collect::<Vec<_>>());
        strata.insert("b".to_string(), (100..110).collect::<Vec<_>>());
        strata.insert("c".to_string(), vec![110]);
        let one = draw(&strata, 20, 1, 7).unwrap();
        assert_eq!(one, draw(&strata, 20, 1, 7).unwrap());
        assert_ne!(one, draw(&strata, 20, 1, 8).unwrap());
        assert_eq!(one.len(), 20);
        let count = |s: &str| one.iter().filter(|d| d.stratum == s).count();
        assert_eq!((count("a"), count("b"), count("c")), (17, 2, 1));
        let mut rows: Vec<usize> = one.iter().map(|d| d.row).collect();
        rows.sort_unstable();
        rows.dedup();
        assert_eq!(rows.len(), 20, "without replacement");
    }

    #[test]
    fn overlap_goes_to_every_reviewer_and_the_rest_is_shared_out() {
        let a = assign(200, 3, 0.2, 1);
        let shared: Vec<usize> = a[0]
            .iter()
            .filter(|i| a[1].contains(i) && a[2].contains(i))
            .copied()
            .collect();
        assert_eq!(shared.len(), 40);
        // 160 left: 54, 53, 53.
        let sizes: Vec<usize> = a.iter().map(|l| l.len() - 40).collect();
        assert_eq!(sizes, [54, 53, 53]);
        // Every answer goes to someone.
        let mut all: Vec<usize> = a.concat();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 200);
        assert_eq!(a, assign(200, 3, 0.2, 1));
        // One reviewer: no overlap.
        assert_eq!(assign(5, 1, 0.5, 1), [vec![0, 1, 2, 3, 4]]);
    }
}

//! An SKM survey export (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) in the layout of the
//! hand-made `samples/skm-2026-q1.csv`: `;`, CRLF, one respondent a row, the nine elements
//! U1..U9 answered 1–4. Each unit has a target mean; respondents vary around it.

use std::fmt::Write as _;
use std::path::Path;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::output::BoxResult;
use crate::text::chance;

pub const HEADER: [&str; 11] = [
    "No. Responden",
    "Unit Kerja",
    "U1 Persyaratan",
    "U2 Sistem, Mekanisme dan Prosedur",
    "U3 Waktu Penyelesaian",
    "U4 Biaya/Tarif",
    "U5 Produk Spesifikasi Jenis Pelayanan",
    "U6 Kompetensi Pelaksana",
    "U7 Perilaku Pelaksana",
    "U8 Penanganan Pengaduan, Saran dan Masukan",
    "U9 Sarana dan Prasarana",
];

/// Per-element shift of the mean (U4 Biaya/Tarif is drawn separately: the service is free).
const ELEMENT_SHIFT: [f64; 9] = [0.0, 0.05, -0.12, 0.0, -0.03, 0.04, 0.06, -0.1, -0.05];

/// One unit of the survey.
#[derive(Clone, Copy)]
pub struct SkmUnit {
    pub unit: &'static str,
    /// Mean answer of elements other than U4 (1–4).
    pub mean: f64,
}

/// Triwulan IV 2025: the ten units of the Q1 2026 survey. Against Q1 2026, Kupang, Medan and
/// ULPK BPOM Pusat were weaker (they improve into Q1 2026), Serang stronger (it slips).
pub const Q4_2025: [SkmUnit; 10] = [
    SkmUnit {
        unit: "ULPK BPOM Pusat",
        mean: 3.34,
    },
    SkmUnit {
        unit: "Balai Besar POM di Jakarta",
        mean: 3.12,
    },
    SkmUnit {
        unit: "Balai Besar POM di Bandung",
        mean: 3.62,
    },
    SkmUnit {
        unit: "Balai Besar POM di Semarang",
        mean: 3.66,
    },
    SkmUnit {
        unit: "Balai Besar POM di Yogyakarta",
        mean: 3.62,
    },
    SkmUnit {
        unit: "Balai Besar POM di Surabaya",
        mean: 3.56,
    },
    SkmUnit {
        unit: "Balai Besar POM di Medan",
        mean: 2.86,
    },
    SkmUnit {
        unit: "Balai Besar POM di Makassar",
        mean: 3.28,
    },
    SkmUnit {
        unit: "Balai Besar POM di Kupang",
        mean: 2.32,
    },
    SkmUnit {
        unit: "Balai POM di Serang",
        mean: 3.58,
    },
];

/// What the generator wrote, with the IKM per unit computed as `ulpk-eval skm` does.
pub struct SkmInfo {
    pub respondents: usize,
    pub bytes: u64,
    /// Unit, respondents, IKM (25–100).
    pub units: Vec<(&'static str, usize, f64)>,
    /// All respondents pooled.
    pub national: f64,
    /// (row number in the file, element) of the one blank cell.
    pub blank: (usize, usize),
}

/// An answer 1–4 around `mean`: the two nearest values, sometimes one further off.
fn answer(rng: &mut ChaCha8Rng, mean: f64) -> u8 {
    let m = mean.clamp(1.0, 4.0);
    let lo = m.floor();
    let mut v = if chance(rng, m - lo) { lo + 1.0 } else { lo };
    if chance(rng, 0.08) {
        v += if chance(rng, 0.5) { 1.0 } else { -1.0 };
    }
    v.clamp(1.0, 4.0) as u8
}

/// IKM = 25 × Σ (element mean × 1/9) over answers 1–4 (`None` = blank).
fn ikm(rows: &[&[Option<u8>; 9]]) -> f64 {
    let mut total = 0.0;
    for e in 0..9 {
        let v: Vec<f64> = rows.iter().filter_map(|r| r[e]).map(f64::from).collect();
        total += v.iter().sum::<f64>() / v.len().max(1) as f64 / 9.0;
    }
    25.0 * total
}

/// Writes the survey to `path`.
pub fn write(seed: u64, units: &[SkmUnit], year: i32, path: &Path) -> BoxResult<SkmInfo> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    // About 20 respondents per unit, in the order they answered (units mixed).
    let mut order: Vec<usize> = Vec::new();
    for (i, _) in units.iter().enumerate() {
        let n = rng.random_range(17..=24u32);
        order.extend(std::iter::repeat_n(i, n as usize));
    }
    for i in (1..order.len()).rev() {
        let j = rng.random_range(0..=i as u32) as usize;
        order.swap(i, j);
    }
    let mut rows: Vec<(usize, [Option<u8>; 9])> = Vec::with_capacity(order.len());
    for &u in &order {
        // Respondents differ in how generous they are.
        let personal = rng.random_range(-0.25..0.25);
        let mut r = [None; 9];
        for (e, cell) in r.iter_mut().enumerate() {
            *cell = Some(if e == 3 {
                if chance(&mut rng, 0.96) { 4 } else { 3 }
            } else {
                answer(&mut rng, units[u].mean + ELEMENT_SHIFT[e] + personal)
            });
        }
        rows.push((u, r));
    }
    // One respondent skipped U5: a blank cell, left out of that element's mean.
    let blank_row = rng.random_range(0..rows.len() as u32) as usize;
    rows[blank_row].1[4] = None;

    let mut s = HEADER.join(";");
    s.push_str("\r\n");
    for (n, (u, r)) in rows.iter().enumerate() {
        let _ = write!(s, "SKM-{year}-{:04};{}", n + 1, units[*u].unit);
        for v in r {
            s.push(';');
            if let Some(v) = v {
                let _ = write!(s, "{v}");
            }
        }
        s.push_str("\r\n");
    }
    std::fs::write(path, &s).map_err(|e| format!("cannot write {}: {e}", path.display()))?;

    let per_unit = units
        .iter()
        .enumerate()
        .map(|(i, su)| {
            let mine: Vec<&[Option<u8>; 9]> = rows
                .iter()
                .filter(|(u, _)| *u == i)
                .map(|(_, r)| r)
                .collect();
            (su.unit, mine.len(), ikm(&mine))
        })
        .collect();
    let all: Vec<&[Option<u8>; 9]> = rows.iter().map(|(_, r)| r).collect();
    Ok(SkmInfo {
        respondents: rows.len(),
        bytes: s.len() as u64,
        units: per_unit,
        national: ikm(&all),
        // Row 1 is the header.
        blank: (blank_row + 2, 5),
    })
}

/// The SKM band of an IKM, from the tool's shipped `skm` band set.
pub fn grade(ikm: f64) -> String {
    ulpk_eval::bands::BandSet::builtin("skm")
        .and_then(Result::ok)
        .and_then(|b| b.band(ikm).map(|x| x.grade.clone()))
        .unwrap_or_default()
}

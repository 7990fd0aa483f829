//! Filled self-assessment workbooks for the sample units, written with the tool's own template
//! writer: one instrument (a standard from `rubrics/`) and a list of unit profiles in, one
//! workbook per profile out. Each unit has a profile so the results spread realistically
//! (excellent, failing mandatory items, invalid answers, short of evidence, in between).
//!
//! Instruments: the minimum ULPK standard (Q1 2026 and the previous period, Q4 2025), the
//! KemenPANRB complaint-management competition, the Ombudsman compliance assessment and
//! PEKPPP.
//! After writing, every workbook is read back and scored with the library, so the README
//! states what `ulpk-eval assess` reports.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ulpk_eval::assess::read;
use ulpk_eval::assess::template::{self, Prefill};
use ulpk_eval::issues::IssueKind;
use ulpk_eval::standard::score::score;
use ulpk_eval::standard::{self, CellValue, Item, ItemKind, Standard};

use crate::evidence;
use crate::output::BoxResult;

/// The assessment date of the Q1 2026 samples.
pub const AS_OF: (i32, u32, u32) = (2026, 3, 31);
/// The assessment date of the previous period's samples (Triwulan IV 2025).
pub const AS_OF_Q4: (i32, u32, u32) = (2025, 12, 31);

#[derive(Clone, Copy)]
pub struct Profile {
    pub unit: &'static str,
    /// Chance an item is fully met.
    pub full: f64,
    /// Chance a choice item that is not fully met sits one level below the top (otherwise any
    /// lower level, uniformly). Strong units miss by a little, weak ones by a lot.
    pub near: f64,
    /// Chance a met item that needs evidence has it.
    pub evidence: f64,
    /// Share of items the evaluator has verified (0: none, 1: all).
    pub verified: f64,
    /// Chance a verified value is lower than the unit's own.
    pub downgrade: f64,
    /// Items the unit does not fully meet whatever `full` says.
    pub fail: &'static [&'static str],
    /// Cells typed the way coordinators do, not what the item asks: (item code, text).
    pub invalid: &'static [(&'static str, &'static str)],
    pub kind: &'static str,
}

const BASE: Profile = Profile {
    unit: "",
    full: 0.8,
    near: 0.0,
    evidence: 0.9,
    verified: 0.0,
    downgrade: 0.0,
    fail: &[],
    invalid: &[],
    kind: "",
};

/// Minimum ULPK standard, Q1 2026 (`samples/penilaian-mandiri/`).
pub const PROFILES: [Profile; 9] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 1.0,
        evidence: 1.0,
        verified: 1.0,
        kind: "sangat baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Yogyakarta",
        full: 0.9,
        evidence: 0.95,
        verified: 1.0,
        downgrade: 0.1,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Surabaya",
        full: 0.85,
        evidence: 0.9,
        verified: 1.0,
        downgrade: 0.1,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Semarang",
        full: 0.85,
        evidence: 0.9,
        kind: "baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Jakarta",
        full: 0.75,
        evidence: 0.9,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Medan",
        full: 0.7,
        evidence: 0.85,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.6,
        evidence: 0.8,
        fail: &["SDM-02", "EVL-03"],
        kind: "gagal butir wajib (SDM-02, EVL-03)",
        ..BASE
    },
    Profile {
        unit: "Loka POM di Kabupaten Bogor",
        full: 0.75,
        evidence: 0.85,
        invalid: &[
            ("SP-03", "mungkin"),
            ("SDM-02", "dua orang"),
            ("EVL-03", "13/13/2025"),
        ],
        kind: "jawaban tidak valid (3 sel)",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Ambon",
        full: 0.8,
        evidence: 0.25,
        kind: "banyak butir tanpa bukti",
        ..BASE
    },
];

/// Minimum ULPK standard, Q4 2025 (`samples/periode-sebelumnya/penilaian-mandiri/`): the same
/// nine units one quarter earlier. Medan and Kupang were weaker then and improved into
/// Q1 2026; Bogor was stronger and slipped (its Q1 workbook has invalid cells).
pub const PROFILES_Q4: [Profile; 9] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 1.0,
        evidence: 1.0,
        verified: 1.0,
        kind: "sangat baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Yogyakarta",
        full: 0.9,
        evidence: 0.95,
        verified: 1.0,
        downgrade: 0.05,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Surabaya",
        full: 0.8,
        evidence: 0.9,
        verified: 1.0,
        downgrade: 0.1,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Semarang",
        full: 1.0,
        evidence: 1.0,
        kind: "sangat baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Jakarta",
        full: 0.75,
        evidence: 0.85,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Medan",
        full: 0.45,
        evidence: 0.6,
        fail: &["TK-03"],
        kind: "lemah, gagal butir wajib TK-03",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.4,
        evidence: 0.7,
        fail: &["SDM-02", "EVL-03", "SP-01"],
        kind: "gagal butir wajib (SP-01, SDM-02, EVL-03)",
        ..BASE
    },
    Profile {
        unit: "Loka POM di Kabupaten Bogor",
        full: 0.95,
        evidence: 0.95,
        kind: "baik (jawaban tidak valid pada triwulan I 2026)",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Ambon",
        full: 0.95,
        evidence: 0.9,
        kind: "baik",
        ..BASE
    },
];

/// KemenPANRB complaint-management competition (`samples/kompetisi/`): three entrants,
/// verified by the evaluator, Kupang only in part (about half its items).
pub const PROFILES_KOMPETISI: [Profile; 3] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 0.85,
        near: 0.9,
        evidence: 1.0,
        verified: 1.0,
        downgrade: 0.08,
        kind: "kuat, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Yogyakarta",
        full: 0.75,
        near: 0.7,
        evidence: 0.9,
        verified: 1.0,
        downgrade: 0.15,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.2,
        near: 0.3,
        evidence: 0.55,
        verified: 0.5,
        downgrade: 0.4,
        kind: "lemah, verifikasi sebagian",
        ..BASE
    },
];

/// Ombudsman compliance assessment (`samples/kepatuhan-ombudsman/`): eight units spread over
/// the three zones.
pub const PROFILES_OMBUDSMAN: [Profile; 8] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 0.92,
        near: 0.9,
        evidence: 1.0,
        verified: 1.0,
        downgrade: 0.04,
        kind: "sangat baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Yogyakarta",
        full: 0.8,
        near: 0.8,
        evidence: 0.95,
        kind: "baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Surabaya",
        full: 0.65,
        near: 0.75,
        evidence: 0.9,
        verified: 1.0,
        downgrade: 0.1,
        kind: "cukup baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Semarang",
        full: 0.45,
        near: 0.6,
        evidence: 0.9,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Medan",
        full: 0.3,
        near: 0.5,
        evidence: 0.8,
        kind: "kurang",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Makassar",
        full: 0.4,
        near: 0.5,
        evidence: 0.85,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.1,
        near: 0.2,
        evidence: 0.6,
        kind: "lemah",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Jayapura",
        full: 0.05,
        near: 0.1,
        evidence: 0.4,
        kind: "lemah, bukti minim",
        ..BASE
    },
];

/// PEKPPP self-assessments (`samples/pekppp/`, PermenPANRB 29/2022, indicators 0–5): five
/// units from service excellence to weak, Semarang verified by the evaluator.
pub const PROFILES_PEKPPP: [Profile; 5] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 0.95,
        near: 0.95,
        evidence: 1.0,
        kind: "prima",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Semarang",
        full: 0.6,
        near: 0.8,
        evidence: 0.95,
        verified: 1.0,
        downgrade: 0.15,
        kind: "baik, terverifikasi",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Surabaya",
        full: 0.45,
        near: 0.7,
        evidence: 0.9,
        kind: "baik",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Medan",
        full: 0.25,
        near: 0.5,
        evidence: 0.8,
        kind: "cukup",
        ..BASE
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.05,
        near: 0.1,
        evidence: 0.5,
        kind: "lemah",
        ..BASE
    },
];

/// How the evidence cell is filled.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// `SP-01 — Balai_Besar_POM_di_Bandung.pdf` (the minimum-standard samples).
    FileName,
    /// Document references as coordinators write them (SK numbers, photos, reports).
    Documents,
}

/// How the evaluator lowers a value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Downgrade {
    /// A fresh not-fully-met value (the minimum-standard samples).
    Redraw,
    /// One level (or threshold band) below the unit's own value.
    StepDown,
}

/// One instrument: a standard, the units that fill it and how.
pub struct Instrument<'a> {
    pub std: &'a Standard,
    pub profiles: &'a [Profile],
    pub as_of: NaiveDate,
    /// Seed of the instrument's random stream; unit `i` draws from `seed + 7919 i`.
    pub seed: u64,
    pub evidence: Evidence,
    pub downgrade: Downgrade,
}

/// What a written workbook scores when read back, as `ulpk-eval assess` sees it.
pub struct Written {
    pub unit: &'static str,
    pub kind: &'static str,
    pub self_total: Option<f64>,
    pub verified_total: Option<f64>,
    pub verified_items: usize,
    pub items: usize,
    /// Verified when verified, else self.
    pub effective_total: Option<f64>,
    pub grade: String,
    pub zone: String,
    pub mandatory_failed: Vec<String>,
    /// Items `ulpk-eval assess` flags as met without the evidence they require.
    pub without_evidence: usize,
    pub invalid_cells: usize,
}

impl Written {
    /// `83.41 (B, hijau)`.
    pub fn result(&self) -> String {
        let total = self
            .effective_total
            .map_or_else(|| "–".to_string(), |t| format!("{t:.2}"));
        if self.zone.is_empty() {
            format!("{total} ({})", self.grade)
        } else {
            format!("{total} ({}, {})", self.grade, self.zone)
        }
    }
}

pub fn date(ymd: (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).expect("valid date")
}

/// A value for an item: fully met, or not.
fn value(
    item_kind: &ItemKind,
    full: bool,
    near: f64,
    as_of: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> CellValue {
    match item_kind {
        ItemKind::YesNo => CellValue::Text(if full { "Ya" } else { "Tidak" }.into()),
        ItemKind::Choice { levels } => {
            let i = if full {
                levels.len() - 1
            } else if near > 0.0 && rng.random_bool(near) {
                levels.len() - 2
            } else {
                rng.random_range(0..levels.len() - 1)
            };
            choice(levels, i)
        }
        ItemKind::Number { thresholds, .. } => {
            let top = thresholds.first().map(|t| t.min).unwrap_or(1.0);
            CellValue::Number(if full {
                top + rng.random_range(0..3) as f64
            } else {
                (top - 1.0).max(0.0)
            })
        }
        ItemKind::Percent { thresholds } => {
            let top = thresholds.first().map(|t| t.min).unwrap_or(90.0);
            CellValue::Number(if full {
                (top + rng.random_range(0.0..(100.0 - top).max(0.1)))
                    .min(100.0)
                    .round()
            } else {
                (top - rng.random_range(5.0..20.0)).max(0.0).round()
            })
        }
        ItemKind::Date { within_months } => {
            let days = if full {
                rng.random_range(20..(*within_months as i64 * 28).max(21))
            } else {
                *within_months as i64 * 31 + rng.random_range(20..200)
            };
            CellValue::Date(as_of - Duration::days(days))
        }
    }
}

/// Level `i` as the dropdown offers it: `"2 – Ditetapkan"`.
fn choice(levels: &[standard::Level], i: usize) -> CellValue {
    CellValue::Text(format!("{} – {}", fmt(levels[i].score), levels[i].label))
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The evaluator's value one step below the unit's own: one level lower, "Tidak" for "Ya",
/// into the next lower threshold band. A value already at the bottom stays.
fn step_down(item: &Item, own: &CellValue, rng: &mut ChaCha8Rng) -> CellValue {
    match (&item.kind, own) {
        (ItemKind::YesNo, _) => CellValue::Text("Tidak".into()),
        (ItemKind::Choice { levels }, CellValue::Text(_)) => {
            match (0..levels.len()).position(|i| choice(levels, i) == *own) {
                Some(i) if i > 0 => choice(levels, i - 1),
                _ => own.clone(),
            }
        }
        (
            ItemKind::Number { thresholds, .. } | ItemKind::Percent { thresholds },
            &CellValue::Number(v),
        ) => {
            // The band the value is in, then just below its lower bound.
            match thresholds.iter().find(|t| v >= t.min) {
                Some(t) => {
                    let below = t.min - f64::from(rng.random_range(1..=4u32));
                    CellValue::Number(below.max(0.0))
                }
                None => own.clone(),
            }
        }
        _ => own.clone(),
    }
}

/// Whether a cell claims the item is (partly) met: its value is above 0.
fn claims(item: &Item, cell: &CellValue, as_of: NaiveDate) -> bool {
    item.parse(cell)
        .ok()
        .and_then(|a| item.value(&a, as_of))
        .is_some_and(|v| v > 0.0)
}

/// Workbook file name for a unit, as `ulpk-eval template` names it.
pub fn file_name(unit: &str) -> String {
    ulpk_eval::commands::template::file_name(unit)
}

/// A standard shipped in `rubrics/` (path relative to the repository root).
pub fn load_standard(rel: &str) -> BoxResult<Standard> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    standard::load(&path).map_err(|e| e.to_string().into())
}

/// Answers of one unit.
pub fn answers(instr: &Instrument, p: &Profile, seed: u64) -> HashMap<String, Prefill> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = HashMap::new();
    for item in &instr.std.items {
        // Units mostly meet the mandatory items, the minimum standard.
        let chance = if item.mandatory {
            p.full.max(0.97)
        } else {
            p.full
        };
        let mut full = rng.random_bool(chance);
        if p.fail.contains(&item.code.as_str()) {
            full = false;
        }
        let mut self_value = value(&item.kind, full, p.near, instr.as_of, &mut rng);
        if let Some((_, typed)) = p.invalid.iter().find(|(c, _)| *c == item.code) {
            self_value = CellValue::Text((*typed).into());
        }
        let met = match instr.evidence {
            // As first written (only a typed "Tidak" counts as not met), so the Q1 workbooks
            // stay byte-identical.
            Evidence::FileName => !matches!(&self_value, CellValue::Text(t) if t == "Tidak"),
            Evidence::Documents => claims(item, &self_value, instr.as_of),
        };
        let evidence = if item.evidence_required && met && rng.random_bool(p.evidence) {
            match instr.evidence {
                Evidence::FileName => format!("{} — {}.pdf", item.code, p.unit.replace(' ', "_")),
                Evidence::Documents => evidence::documents(&mut rng, item, p.unit, instr.as_of),
            }
        } else {
            String::new()
        };
        let checked = p.verified >= 1.0 || (p.verified > 0.0 && rng.random_bool(p.verified));
        let verified = if checked {
            if rng.random_bool(p.downgrade) {
                Some(match instr.downgrade {
                    Downgrade::Redraw => value(&item.kind, false, p.near, instr.as_of, &mut rng),
                    Downgrade::StepDown => step_down(item, &self_value, &mut rng),
                })
            } else {
                Some(self_value.clone())
            }
        } else {
            None
        };
        out.insert(
            item.code.clone(),
            Prefill {
                self_value: Some(self_value),
                evidence,
                notes: String::new(),
                verified,
            },
        );
    }
    out
}

/// Writes the filled workbooks into `dir`, reads each back and scores it.
pub fn write(instr: &Instrument, dir: &Path) -> BoxResult<Vec<Written>> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for (i, p) in instr.profiles.iter().enumerate() {
        let a = answers(instr, p, instr.seed.wrapping_add(i as u64 * 7919));
        let path = dir.join(file_name(p.unit));
        template::write(instr.std, p.unit, &a, &path).map_err(|e| e.to_string())?;
        let filled = read::read(&path, instr.std).map_err(|e| e.to_string())?;
        let o = score(instr.std, &filled.answers, instr.as_of);
        let band = o.band.as_ref();
        out.push(Written {
            unit: p.unit,
            kind: p.kind,
            self_total: o.self_total,
            verified_total: o.verified_total,
            verified_items: o.verified_items,
            items: instr.std.items.len(),
            effective_total: o.effective_total,
            grade: band.map(|b| b.grade.clone()).unwrap_or_default(),
            zone: band.and_then(|b| b.zone.clone()).unwrap_or_default(),
            mandatory_failed: o.mandatory_failed.clone(),
            without_evidence: filled
                .issues
                .iter()
                .filter(|i| i.kind == IssueKind::MissingEvidence)
                .count(),
            invalid_cells: filled
                .issues
                .iter()
                .filter(|i| i.kind == IssueKind::InvalidAnswer)
                .count(),
        });
    }
    Ok(out)
}

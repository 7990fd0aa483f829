//! Filled self-assessment workbooks for the sample units, against the shipped minimum ULPK
//! standard, written with the tool's own template writer. Each unit has a profile so the
//! results spread realistically: one excellent, one failing mandatory items, one with
//! invalid answers, one short of evidence, the others in between.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ulpk_eval::assess::template::{self, Prefill};
use ulpk_eval::standard::{self, CellValue, ItemKind, Standard};

use crate::output::BoxResult;

/// The assessment date the samples are filled against.
pub const AS_OF: (i32, u32, u32) = (2026, 3, 31);

#[derive(Clone, Copy)]
pub struct Profile {
    pub unit: &'static str,
    /// Chance an item is fully met.
    pub full: f64,
    /// Chance a met item that needs evidence has it.
    pub evidence: f64,
    /// Whether the evaluator has verified the workbook.
    pub verified: bool,
    /// Chance a verified value is lower than the unit's own.
    pub downgrade: f64,
    pub kind: &'static str,
}

pub const PROFILES: [Profile; 9] = [
    Profile {
        unit: "Balai Besar POM di Bandung",
        full: 1.0,
        evidence: 1.0,
        verified: true,
        downgrade: 0.0,
        kind: "sangat baik",
    },
    Profile {
        unit: "Balai Besar POM di Yogyakarta",
        full: 0.9,
        evidence: 0.95,
        verified: true,
        downgrade: 0.1,
        kind: "baik, terverifikasi",
    },
    Profile {
        unit: "Balai Besar POM di Surabaya",
        full: 0.85,
        evidence: 0.9,
        verified: true,
        downgrade: 0.1,
        kind: "baik, terverifikasi",
    },
    Profile {
        unit: "Balai Besar POM di Semarang",
        full: 0.85,
        evidence: 0.9,
        verified: false,
        downgrade: 0.0,
        kind: "baik",
    },
    Profile {
        unit: "Balai Besar POM di Jakarta",
        full: 0.75,
        evidence: 0.9,
        verified: false,
        downgrade: 0.0,
        kind: "cukup",
    },
    Profile {
        unit: "Balai Besar POM di Medan",
        full: 0.7,
        evidence: 0.85,
        verified: false,
        downgrade: 0.0,
        kind: "cukup",
    },
    Profile {
        unit: "Balai Besar POM di Kupang",
        full: 0.6,
        evidence: 0.8,
        verified: false,
        downgrade: 0.0,
        kind: "gagal butir wajib (SDM-02, EVL-03)",
    },
    Profile {
        unit: "Loka POM di Kabupaten Bogor",
        full: 0.75,
        evidence: 0.85,
        verified: false,
        downgrade: 0.0,
        kind: "jawaban tidak valid (3 sel)",
    },
    Profile {
        unit: "Balai Besar POM di Ambon",
        full: 0.8,
        evidence: 0.25,
        verified: false,
        downgrade: 0.0,
        kind: "banyak butir tanpa bukti",
    },
];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).expect("valid date")
}

/// A value for an item: fully met, or not.
fn value(item_kind: &ItemKind, full: bool, rng: &mut ChaCha8Rng) -> CellValue {
    match item_kind {
        ItemKind::YesNo => CellValue::Text(if full { "Ya" } else { "Tidak" }.into()),
        ItemKind::Choice { levels } => {
            let i = if full {
                levels.len() - 1
            } else {
                rng.random_range(0..levels.len() - 1)
            };
            CellValue::Text(format!("{} – {}", fmt(levels[i].score), levels[i].label))
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
            CellValue::Date(as_of() - Duration::days(days))
        }
    }
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Workbook file name for a unit, as `ulpk-eval template` names it.
pub fn file_name(unit: &str) -> String {
    ulpk_eval::commands::template::file_name(unit)
}

/// The minimum standard shipped with the tool.
pub fn minimum_standard() -> BoxResult<Standard> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(standard::BUILTIN_MINIMUM);
    standard::load(&path).map_err(|e| e.to_string().into())
}

/// Answers of one unit.
pub fn answers(std: &Standard, p: &Profile, seed: u64) -> HashMap<String, Prefill> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = HashMap::new();
    for (n, item) in std.items.iter().enumerate() {
        // Units mostly meet the mandatory items, the minimum standard.
        let chance = if item.mandatory {
            p.full.max(0.97)
        } else {
            p.full
        };
        let mut full = rng.random_bool(chance);
        if p.unit.contains("Kupang") && (item.code == "SDM-02" || item.code == "EVL-03") {
            full = false;
        }
        let mut self_value = value(&item.kind, full, &mut rng);
        if p.unit.contains("Bogor") {
            // Three cells typed the way coordinators do: not what the item asks.
            match (n, &item.kind) {
                (_, ItemKind::YesNo) if item.code == "SP-03" => {
                    self_value = CellValue::Text("mungkin".into())
                }
                (_, ItemKind::Number { .. }) if item.code == "SDM-02" => {
                    self_value = CellValue::Text("dua orang".into())
                }
                (_, ItemKind::Date { .. }) if item.code == "EVL-03" => {
                    self_value = CellValue::Text("13/13/2025".into())
                }
                _ => {}
            }
        }
        let met = !matches!(&self_value, CellValue::Text(t) if t == "Tidak");
        let evidence = if item.evidence_required && met && rng.random_bool(p.evidence) {
            format!("{} — {}.pdf", item.code, p.unit.replace(' ', "_"))
        } else {
            String::new()
        };
        let verified = if p.verified {
            if rng.random_bool(p.downgrade) {
                Some(value(&item.kind, false, &mut rng))
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

/// Writes the filled workbooks into `dir`.
pub fn write(seed: u64, dir: &Path) -> BoxResult<Vec<String>> {
    let std = minimum_standard()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for (i, p) in PROFILES.iter().enumerate() {
        let a = answers(&std, p, seed.wrapping_add(i as u64 * 7919));
        let path = dir.join(file_name(p.unit));
        template::write(&std, p.unit, &a, &path).map_err(|e| e.to_string())?;
        names.push(format!("{} ({})", p.unit, p.kind));
    }
    Ok(names)
}

//! Standards: what a unit's self-assessment is scored against.
//!
//! A standard is TOML (`rubrics/standar-minimal-ulpk.toml` and the other presets): id, name,
//! version, result `scale` (100, or 5 for PEKPPP), a band set, aspects (id, label, weight)
//! and items (code, aspect, text, guidance, type, weight, `mandatory`,
//! `evidence_required`, `allow_na`). Item types: `yes_no`; `choice` (levels with a score
//! each); `number` and `percent` (thresholds); `date` (within N months). Files are
//! validated on load; every error names the file, line and key.
//!
//! Scoring: each item is normalised to 0..1, weighted within its aspect, and the aspects
//! are weighted to the scale. N/A items leave the denominator; an unanswered item counts 0.
//! A mandatory item not fully met makes the status "Belum Memenuhi Standar Minimal"
//! whatever the score.

mod answer;
mod file;
pub mod score;

use std::path::PathBuf;

pub use answer::{Answer, CellValue};
pub use file::{load, parse};

use crate::bands::BandSet;

/// The minimum-ULPK standard shipped with the tool.
pub const BUILTIN_MINIMUM: &str = "rubrics/standar-minimal-ulpk.toml";

#[derive(Debug, Clone)]
pub struct Standard {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    /// The result scale's maximum (100, or 5 for PEKPPP); its minimum is 0.
    pub scale: f64,
    pub bands: BandSet,
    pub aspects: Vec<Aspect>,
    pub items: Vec<Item>,
    pub source: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Aspect {
    pub id: String,
    pub label: String,
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub code: String,
    pub aspect: String,
    pub text: String,
    pub guidance: Option<String>,
    pub kind: ItemKind,
    pub weight: f64,
    pub mandatory: bool,
    pub evidence_required: bool,
    pub allow_na: bool,
    /// 1-based line of the item in its file.
    pub line: usize,
}

/// A choice level: what the unit picks and what it is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub label: String,
    pub score: f64,
}

/// A value from `min` up earns `score` (0..1).
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub min: f64,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    YesNo,
    /// Levels in ascending score; the value is score / highest score.
    Choice {
        levels: Vec<Level>,
    },
    /// Thresholds in descending `min`.
    Number {
        unit: Option<String>,
        thresholds: Vec<Threshold>,
    },
    /// 0–100; thresholds in descending `min`.
    Percent {
        thresholds: Vec<Threshold>,
    },
    /// Fully met when the date lies within `within_months` before the assessment date.
    Date {
        within_months: u32,
    },
}

impl ItemKind {
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::YesNo => "yes_no",
            ItemKind::Choice { .. } => "choice",
            ItemKind::Number { .. } => "number",
            ItemKind::Percent { .. } => "percent",
            ItemKind::Date { .. } => "date",
        }
    }
}

impl Standard {
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code == code)
    }

    pub fn aspect(&self, id: &str) -> Option<&Aspect> {
        self.aspects.iter().find(|a| a.id == id)
    }
}

//! A unit's answer to one item: parsed tolerantly from what coordinators really type
//! ("ya", "YA ", "Ya"; numbers stored as text; decimal commas; "85%"; dates as date cells or
//! text), and valued 0..1 against the item.

use chrono::{Datelike, NaiveDate};

use super::{Item, ItemKind, Threshold};
use crate::error::Msg;
use crate::ingest::dates::parse_datetime;

/// A cell as read from a workbook.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// A parsed answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Not filled in.
    Blank,
    /// The unit says the item does not apply (only where the item allows it).
    NotApplicable,
    Yes,
    No,
    /// Index into the item's levels.
    Choice(usize),
    Number(f64),
    /// 0–100.
    Percent(f64),
    Date(NaiveDate),
}

const YES: [&str; 6] = ["ya", "y", "yes", "ada", "sudah", "true"];
const NO: [&str; 6] = ["tidak", "t", "no", "tidak ada", "belum", "false"];
const NA: [&str; 6] = ["n/a", "na", "-", "tidak relevan", "tidak berlaku", "n.a."];

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A number typed with a decimal point or comma, with an optional `%`.
fn number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// How a choice level is offered in dropdowns: `"2 – Ditetapkan"`.
pub fn level_option(index_score: f64, label: &str) -> String {
    format!("{} – {label}", fmt(index_score))
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Item {
    /// The dropdown values for this item's answer cell (empty for free numbers/dates).
    pub fn options(&self) -> Vec<String> {
        let mut out: Vec<String> = match &self.kind {
            ItemKind::YesNo => vec!["Ya".into(), "Tidak".into()],
            ItemKind::Choice { levels } => levels
                .iter()
                .map(|l| level_option(l.score, &l.label))
                .collect(),
            _ => Vec::new(),
        };
        if self.allow_na && !out.is_empty() {
            out.push("N/A".into());
        }
        out
    }

    /// Parses a cell. `Err` explains what was expected.
    pub fn parse(&self, cell: &CellValue) -> Result<Answer, Msg> {
        let text = match cell {
            CellValue::Empty => return Ok(Answer::Blank),
            CellValue::Text(t) if t.trim().is_empty() => return Ok(Answer::Blank),
            CellValue::Text(t) => Some(norm(t)),
            _ => None,
        };
        if let Some(t) = &text
            && NA.contains(&t.as_str())
        {
            return if self.allow_na {
                Ok(Answer::NotApplicable)
            } else {
                let code = &self.code;
                Err(msg!(
                    "butir {code} tidak boleh N/A",
                    "item {code} may not be answered N/A"
                ))
            };
        }
        let shown = match cell {
            CellValue::Text(t) => t.trim().to_string(),
            CellValue::Number(n) => fmt(*n),
            CellValue::Date(d) => d.to_string(),
            CellValue::Empty => String::new(),
        };
        let expected = |what: Msg| {
            Msg::new(
                format!("\"{shown}\" tidak valid: {}", what.id),
                format!("\"{shown}\" is invalid: {}", what.en),
            )
        };
        match &self.kind {
            ItemKind::YesNo => {
                let t = text.unwrap_or_else(|| shown.clone());
                if YES.contains(&t.as_str()) || t == "1" {
                    Ok(Answer::Yes)
                } else if NO.contains(&t.as_str()) || t == "0" {
                    Ok(Answer::No)
                } else {
                    Err(expected(msg!(
                        "diharapkan Ya atau Tidak",
                        "expected Ya or Tidak"
                    )))
                }
            }
            ItemKind::Choice { levels } => {
                let t = text.unwrap_or_else(|| shown.clone());
                // The dropdown text, the level's label, or its score.
                let by_option = levels.iter().position(|l| {
                    norm(&level_option(l.score, &l.label)) == t || norm(&l.label) == t
                });
                let by_score = number(&t).and_then(|v| levels.iter().position(|l| l.score == v));
                // "2 - Ditetapkan" typed with another dash: the leading number decides.
                let by_prefix = t
                    .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                    .next()
                    .and_then(number)
                    .and_then(|v| levels.iter().position(|l| l.score == v));
                by_option
                    .or(by_score)
                    .or(by_prefix)
                    .map(Answer::Choice)
                    .ok_or_else(|| {
                        let list: Vec<String> = levels
                            .iter()
                            .map(|l| level_option(l.score, &l.label))
                            .collect();
                        let list = list.join("; ");
                        expected(msg!(
                            "diharapkan salah satu pilihan: {list}",
                            "expected one of: {list}"
                        ))
                    })
            }
            ItemKind::Number { .. } => {
                let v = match cell {
                    CellValue::Number(n) => Some(*n),
                    CellValue::Text(t) => number(t),
                    _ => None,
                };
                // Infinity and NaN (a cell holding 1e309) are no count of anything.
                match v.filter(|v| v.is_finite()) {
                    Some(v) if v >= 0.0 => Ok(Answer::Number(v)),
                    _ => Err(expected(msg!(
                        "diharapkan bilangan ≥ 0",
                        "expected a number ≥ 0"
                    ))),
                }
            }
            ItemKind::Percent { .. } => {
                let v = match cell {
                    // A percent-formatted cell holds a fraction; a typed whole number is
                    // the percentage itself.
                    CellValue::Number(n) if *n > 0.0 && *n <= 1.0 && n.fract() != 0.0 => {
                        Some(n * 100.0)
                    }
                    CellValue::Number(n) => Some(*n),
                    CellValue::Text(t) => number(t),
                    _ => None,
                };
                match v {
                    Some(v) if (0.0..=100.0).contains(&v) => Ok(Answer::Percent(v)),
                    _ => Err(expected(msg!(
                        "diharapkan persentase 0–100",
                        "expected a percentage 0–100"
                    ))),
                }
            }
            ItemKind::Date { .. } => {
                let d = match cell {
                    CellValue::Date(d) => Some(*d),
                    CellValue::Number(n) => {
                        crate::ingest::dates::excel_serial(*n).map(|d| d.date())
                    }
                    CellValue::Text(t) => parse_datetime(t).map(|d| d.date()),
                    CellValue::Empty => None,
                };
                d.map(Answer::Date).ok_or_else(|| {
                    expected(msg!(
                        "diharapkan tanggal (misalnya 15/03/2026)",
                        "expected a date (e.g. 15/03/2026)"
                    ))
                })
            }
        }
    }

    /// The answer's value 0..1; `None` for N/A. A blank counts 0. `as_of` is the
    /// assessment date for `date` items.
    pub fn value(&self, answer: &Answer, as_of: NaiveDate) -> Option<f64> {
        match (answer, &self.kind) {
            (Answer::NotApplicable, _) => None,
            (Answer::Blank, _) => Some(0.0),
            (Answer::Yes, _) => Some(1.0),
            (Answer::No, _) => Some(0.0),
            (Answer::Choice(i), ItemKind::Choice { levels }) => {
                let max = levels.iter().map(|l| l.score).fold(0.0, f64::max);
                let s = levels.get(*i).map(|l| l.score).unwrap_or(0.0);
                Some(if max > 0.0 { s / max } else { 0.0 })
            }
            (Answer::Number(v), ItemKind::Number { thresholds, .. })
            | (Answer::Percent(v), ItemKind::Percent { thresholds }) => {
                Some(threshold_score(thresholds, *v))
            }
            (Answer::Date(d), ItemKind::Date { within_months }) => {
                let limit = months_before(as_of, *within_months);
                Some(if *d >= limit && *d <= as_of { 1.0 } else { 0.0 })
            }
            _ => Some(0.0),
        }
    }
}

fn threshold_score(thresholds: &[Threshold], v: f64) -> f64 {
    thresholds
        .iter()
        .find(|t| v >= t.min)
        .map(|t| t.score)
        .unwrap_or(0.0)
}

/// The same day `n` months earlier (clamped to the month's last day).
pub fn months_before(d: NaiveDate, n: u32) -> NaiveDate {
    let total = i64::from(d.year()) * 12 + i64::from(d.month0()) - i64::from(n);
    let (y, m0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    let Ok(y) = i32::try_from(y) else {
        return NaiveDate::MIN;
    };
    // The same day of that month, or its last day (31 March → 28/29 February); a year
    // outside the calendar's range gives its first day. At most four tries.
    (28..=d.day().max(28))
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(y, m0 + 1, day.min(d.day())))
        .unwrap_or(NaiveDate::MIN)
}

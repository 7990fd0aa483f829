//! Shapes of the benchmark export (`gen_samples bench --shape NAME`): the same kind of
//! answers written the ways real exports come, so that a benchmark can tell which shape
//! costs what.
//!
//! - `default`: UTF-8, `,`, `dd/mm/yyyy HH:MM`, CRLF, one line per answer mostly (unchanged);
//! - `simpel`: as the Simpel LPK application exports: `;`, `dd/mm/yyyy HH:MM`, CRLF, and
//!   answers laid out as letters on several lines (CRLF inside the quoted field, as a
//!   browser's text box sends it);
//! - `cp1252`: `simpel` saved by Excel as "CSV" on an Indonesian Windows: Windows-1252,
//!   characters it cannot hold written as `?`;
//! - `long`: answers as formal letters of 1,500–3,000 characters;
//! - `units`: every unit of the built-in register, each under the spellings the register
//!   resolves (official name, its aliases, upper or lower case, "Kab.", extra spaces);
//! - `dayfirst`: dates as Excel writes them in the Indonesian locale, day first without
//!   leading zeros and with seconds (`5/3/2026 9:07:41`).
//!
//! `default`, `simpel`, `cp1252` and `dayfirst` hold the same tickets (same seed, same
//! draws): only the file's layout differs. The layout's own draws (line breaks, seconds,
//! spellings) come from a stream of their own, so the tickets do not change with them.

use chrono::{Datelike, NaiveDateTime, Timelike};
use clap::ValueEnum;
use rand::RngExt;

use crate::output::BoxResult;
use crate::text::chance;
use crate::units::Unit;

#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
pub enum Shape {
    Default,
    Simpel,
    Cp1252,
    Long,
    Units,
    Dayfirst,
}

/// How a date-time cell is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `05/03/2026 09:07`
    Padded,
    /// `5/3/2026 9:07:41` (the seconds drawn by the layout).
    DayFirstLoose,
}

/// How the CSV file is laid out.
#[derive(Clone, Copy)]
pub struct Layout {
    pub delimiter: u8,
    pub cp1252: bool,
    pub dates: DateStyle,
    /// Line breaks inside fields as CRLF, and answers laid out as letters.
    pub letters: bool,
}

impl Shape {
    pub fn layout(self) -> Layout {
        let simpel = Layout {
            delimiter: b';',
            cp1252: false,
            dates: DateStyle::Padded,
            letters: true,
        };
        match self {
            Shape::Simpel => simpel,
            Shape::Cp1252 => Layout {
                cp1252: true,
                ..simpel
            },
            Shape::Dayfirst => Layout {
                dates: DateStyle::DayFirstLoose,
                ..Layout::default()
            },
            Shape::Default | Shape::Long | Shape::Units => Layout::default(),
        }
    }

    /// Shapes that are a CSV text layout, not a content change.
    pub fn csv_only(self) -> bool {
        matches!(self, Shape::Simpel | Shape::Cp1252 | Shape::Dayfirst)
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            delimiter: b',',
            cp1252: false,
            dates: DateStyle::Padded,
            letters: false,
        }
    }
}

/// `d/m/yyyy H:MM:SS` with the given seconds.
pub fn fmt_dayfirst(dt: NaiveDateTime, seconds: u32) -> String {
    format!(
        "{}/{}/{} {}:{:02}:{:02}",
        dt.day(),
        dt.month(),
        dt.year(),
        dt.hour(),
        dt.minute(),
        seconds.min(59)
    )
}

/// Whether the text at `i` (just after ". ") starts a new sentence that a letter would put
/// on a new line: an upper-case letter, after a word of four letters or more (not "Yth.",
/// "No.", "Jl.", "dr.").
fn sentence_break(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let after = &text[dot + 2..];
    word.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && after.chars().next().is_some_and(char::is_uppercase)
}

/// An answer as an officer pastes a letter into the web form: existing line breaks as
/// CRLF; a one-line answer of a dozen words or more laid out, six times in ten, with the
/// opening sentence on its own line, the body's sentences in paragraphs and the last
/// sentence (the closing, mostly) after a blank line. Only whitespace changes: the words
/// and sentences stay as they are.
pub fn letter_layout<R: RngExt + ?Sized>(rng: &mut R, text: &str) -> String {
    if text.contains('\n') {
        return crlf(text);
    }
    if text.split_whitespace().count() < 12 || !chance(rng, 0.6) {
        return text.to_string();
    }
    let ends: Vec<usize> = text
        .match_indices(['.', '!', '?'])
        .map(|(i, _)| i)
        .filter(|&i| text[i + 1..].starts_with(' ') && sentence_break(text, i))
        .collect();
    if ends.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    for (k, &i) in ends.iter().enumerate() {
        out.push_str(&text[from..=i]);
        let sep = if k == 0 || k + 1 == ends.len() {
            "\r\n\r\n"
        } else {
            match rng.random_range(0..10u32) {
                0..4 => "\r\n",
                4..7 => "\r\n\r\n",
                _ => " ",
            }
        };
        out.push_str(sep);
        from = i + 2;
    }
    out.push_str(&text[from..]);
    out
}

/// Line breaks as CRLF.
pub fn crlf(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The spellings of every registered unit that the built-in register resolves to it: the
/// official name, its aliases and former names, and some of them in upper or lower case,
/// with "Kab." for "Kabupaten" or doubled spaces. Checked against the register.
pub struct Spellings {
    /// Per unit (by official name): its spellings, the official one first.
    by_unit: Vec<(&'static str, Vec<&'static Unit>)>,
}

impl Spellings {
    /// Variants of `units` (units of the register), each a copy of the unit under
    /// another name. Leaked once: the generator is a short-lived tool.
    pub fn new(units: &[&'static Unit]) -> BoxResult<Spellings> {
        let register = ulpk_eval::register::Register::built_in();
        let mut by_unit = Vec::with_capacity(units.len());
        for &u in units {
            let Some(reg) = register.units.iter().find(|r| r.name == u.name) else {
                return Err(format!("unit {} is not in the register", u.name).into());
            };
            let mut forms: Vec<String> = vec![reg.name.clone()];
            forms.extend(reg.aliases.iter().cloned());
            forms.extend(reg.former_names.iter().cloned());
            let mut more = Vec::new();
            for (i, f) in forms.iter().enumerate() {
                match i % 4 {
                    0 => more.push(f.to_uppercase()),
                    1 => more.push(f.to_lowercase()),
                    2 => more.push(f.replacen(' ', "  ", 1)),
                    _ => more.push(format!("{f}.")),
                }
                if f.contains("Kabupaten") {
                    more.push(f.replace("Kabupaten", "Kab."));
                }
            }
            forms.extend(more);
            forms.dedup();
            let mut variants = Vec::with_capacity(forms.len());
            for f in forms {
                match register.resolve(&f) {
                    ulpk_eval::register::Match::Unit(r) if r.name == reg.name => {}
                    _ => {
                        return Err(
                            format!("spelling \"{f}\" does not resolve to {}", reg.name).into()
                        );
                    }
                }
                let name: &'static str = Box::leak(f.into_boxed_str());
                let v: &'static Unit = Box::leak(Box::new(Unit { name, ..*u }));
                variants.push(v);
            }
            by_unit.push((u.name, variants));
        }
        Ok(Spellings { by_unit })
    }

    /// A spelling of `unit`: the official name four times in ten, otherwise any other.
    pub fn pick<R: RngExt + ?Sized>(&self, rng: &mut R, unit: &'static Unit) -> &'static Unit {
        let Some((_, forms)) = self.by_unit.iter().find(|(n, _)| *n == unit.name) else {
            return unit;
        };
        if forms.len() < 2 || chance(rng, 0.4) {
            return forms[0];
        }
        forms[1 + rng.random_range(0..(forms.len() - 1) as u32) as usize]
    }

    pub fn count(&self) -> usize {
        self.by_unit.iter().map(|(_, f)| f.len()).sum()
    }
}

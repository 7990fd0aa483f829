//! Normalisation: raw strings to typed, canonical values.
//!
//! - text is trimmed and blank cells become null;
//! - service type, channel and commodity map to canonical values through the aliases
//!   (an unknown service type becomes null, with its raw text kept for the data issue; an
//!   unknown channel or commodity keeps its own text);
//! - unit names have their spaces collapsed and, with a unit list, take the list's spelling;
//! - the three dates are parsed by [`super::dates::parse_datetime`] into `Datetime(ms)`; the
//!   raw text stays beside them as `<field>_raw` so unparseable values can be reported;
//! - `month` (`YYYY-MM` of the received date) is added for aggregation.

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::*;
use rustc_hash::FxHashMap;

use super::columns::{Aliases, ValueMapper, field, normalize};
use super::dates::parse_datetime;
use crate::error::{Result, polars_err};

/// Suffix of the columns keeping the raw text of dates and service types.
pub const RAW_SUFFIX: &str = "_raw";
/// Column with the `YYYY-MM` month of the received date.
pub const MONTH: &str = "month";

/// A list of known units, matched ignoring case and punctuation.
#[derive(Debug, Clone, Default)]
pub struct UnitList {
    by_key: HashMap<String, String>,
    pub names: Vec<String>,
    /// The register the list was made from, when it was: names then match through its
    /// official names, former names and aliases.
    register: Option<Arc<crate::register::Register>>,
    /// Suggestions already computed, by name (an export repeats its unknown names).
    suggested: Arc<std::sync::Mutex<HashMap<String, Vec<String>>>>,
}

impl UnitList {
    pub fn new(names: Vec<String>) -> Self {
        let by_key = names.iter().map(|n| (normalize(n), n.clone())).collect();
        UnitList {
            by_key,
            names,
            register: None,
            suggested: Arc::default(),
        }
    }

    /// The register's units, matched in any spelling it knows.
    pub fn from_register(register: crate::register::Register) -> Self {
        let names = register.units.iter().map(|u| u.name.clone()).collect();
        UnitList {
            register: Some(Arc::new(register)),
            ..UnitList::new(names)
        }
    }

    /// The closest units of the list to an unknown name (from a register only).
    pub fn suggest(&self, name: &str) -> Vec<String> {
        let Some(r) = &self.register else {
            return Vec::new();
        };
        let mut memo = self
            .suggested
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        memo.entry(name.to_string())
            .or_insert_with(|| r.suggest(name, 3).into_iter().map(str::to_string).collect())
            .clone()
    }

    /// The list every input of a run is matched to: the file given (`--units`, `[answers]
    /// units`), or else the built-in register.
    pub fn for_inputs(path: Option<&std::path::Path>) -> Result<Self> {
        match path {
            Some(p) => Self::from_file(p),
            None => Ok(Self::from_register(crate::register::Register::built_in())),
        }
    }

    /// What a data issue says about a name the list does not know: the closest units of a
    /// register, if any.
    pub fn unknown_message(&self, name: &str) -> crate::error::Msg {
        let close = self.suggest(name);
        if close.is_empty() {
            msg!(
                "unit \"{name}\" tidak ada dalam daftar unit",
                "unit \"{name}\" is not in the unit list"
            )
        } else {
            msg!(
                "unit \"{name}\" tidak ada dalam daftar unit; mungkin maksudnya: {}",
                "unit \"{name}\" is not in the unit list; did you mean: {}",
                close.join("; ")
            )
        }
    }

    /// Reads a unit register (`.toml`, see [`crate::register`]) or a text file with one
    /// unit per line (`#` starts a comment).
    pub fn from_file(path: &std::path::Path) -> Result<Self> {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            return Ok(Self::from_register(crate::register::Register::load(path)?));
        }
        let text = crate::output::guard::read_to_string(path)?;
        let names = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .map(collapse_spaces)
            .collect();
        Ok(UnitList::new(names))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        if let Some(r) = &self.register {
            return match r.resolve(name) {
                crate::register::Match::Unit(u) => Some(u.name.as_str()),
                crate::register::Match::Unknown(_) => None,
            };
        }
        self.by_key.get(&normalize(name)).map(String::as_str)
    }
}

/// Titles written before an officer's name ("dr. Rina", "Hj. Siti"), compared in lower case
/// without the dot.
const NAME_PREFIXES: &[&str] = &[
    "dr", "drs", "dra", "drg", "ir", "hj", "h", "apt", "prof", "ns",
];

/// One spelling per officer: spaces collapsed, academic degrees after a comma ("Rina Wati,
/// S.Farm., Apt.") and titles before the name ("dr.", "Hj.") dropped, and a name written
/// all in capitals or all in lower case put in title case ("AFDHAL TANJUNG" → "Afdhal
/// Tanjung"). A name in mixed case keeps its own capitals.
pub fn officer_name(raw: &str) -> String {
    let name = raw.split(',').next().unwrap_or(raw);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 {
        let w = words[0].trim_end_matches('.').to_lowercase();
        if words[0].ends_with('.') && NAME_PREFIXES.contains(&w.as_str()) {
            words.remove(0);
        } else {
            break;
        }
    }
    let joined = words.join(" ");
    let letters = || joined.chars().filter(|c| c.is_alphabetic());
    let one_case = letters().all(char::is_uppercase) || letters().all(char::is_lowercase);
    if !one_case {
        return joined;
    }
    words
        .iter()
        .map(|w| {
            let mut out = String::with_capacity(w.len());
            let mut start = true;
            for c in w.chars() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                // A new word part after a hyphen or apostrophe ("Siti-Aisyah").
                start = matches!(c, '-' | '\'');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An officer's id as one token: spaces inside dropped ("19800101 200501 1 001" and
/// "198001012005011001" are one NIP), letters in upper case.
pub fn officer_id(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A null-preserving string-to-string mapping as a polars expression. The mapping is
/// memoised per distinct value: these columns (unit, channel, …) repeat a few dozen values.
fn map_strings<F>(e: Expr, f: F) -> Expr
where
    F: Fn(&str) -> Option<String> + Send + Sync + 'static,
{
    e.map(
        move |c: Column| {
            let ca = c.str()?;
            let mut memo: FxHashMap<&str, Option<String>> = FxHashMap::default();
            let mut builder = StringChunkedBuilder::new(c.name().clone(), ca.len());
            for v in ca.iter() {
                match v {
                    None => builder.append_null(),
                    Some(v) => match memo.entry(v).or_insert_with(|| f(v)) {
                        Some(out) => builder.append_value(out.as_str()),
                        None => builder.append_null(),
                    },
                }
            }
            Ok(builder.finish().into_column())
        },
        |_, fld| Ok(Field::new(fld.name().clone(), DataType::String)),
    )
}

/// Parses a string column into `Datetime(ms)`; unparseable text becomes null.
pub fn parse_dates_expr(e: Expr) -> Expr {
    e.map(
        |c: Column| {
            let ca = c.str()?;
            let out: Int64Chunked = crate::expr::par_map(&[ca], |row| {
                row[0]
                    .and_then(parse_datetime)
                    .map(|d| d.and_utc().timestamp_millis())
            })
            .into_iter()
            .collect();
            Ok(out
                .with_name(c.name().clone())
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_column())
        },
        |_, fld| {
            Ok(Field::new(
                fld.name().clone(),
                DataType::Datetime(TimeUnit::Milliseconds, None),
            ))
        },
    )
}

/// Trimmed text, null when blank.
fn clean(name: &str) -> Expr {
    let t = col(name).str().strip_chars(lit(Null {}));
    when(t.clone().str().len_bytes().eq(lit(0u32)))
        .then(lit(Null {}).cast(DataType::String))
        .otherwise(t)
}

fn mapper_expr(name: &str, mapper: ValueMapper, keep_unknown: bool) -> Expr {
    let m = Arc::new(mapper);
    map_strings(clean(name), move |s| match m.map(s) {
        Some(v) => Some(v.to_string()),
        None if keep_unknown => Some(s.to_string()),
        None => None,
    })
}

/// Turns the stacked raw frame into the canonical, typed frame.
pub fn normalize_frame(
    raw: DataFrame,
    aliases: &Aliases,
    units: Option<&UnitList>,
    extra: &[String],
) -> Result<DataFrame> {
    let mut exprs = Vec::new();
    exprs.push(map_strings(clean(field::OFFICER), |s| Some(officer_name(s))).alias(field::OFFICER));
    exprs.push(
        map_strings(clean(field::OFFICER_ID), |s| Some(officer_id(s))).alias(field::OFFICER_ID),
    );
    for f in [field::ID, field::STATUS, field::QUESTION, field::ANSWER] {
        exprs.push(clean(f).alias(f));
    }
    for f in extra {
        exprs.push(clean(f).alias(f.as_str()));
    }
    let unit_list = units.cloned().map(Arc::new);
    exprs.push(
        map_strings(clean(field::UNIT), move |s| {
            let c = collapse_spaces(s);
            Some(match unit_list.as_ref().and_then(|u| u.get(&c)) {
                Some(known) => known.to_string(),
                None => c,
            })
        })
        .alias(field::UNIT),
    );
    exprs.push(
        mapper_expr(
            field::SERVICE_TYPE,
            aliases.value_mapper(field::SERVICE_TYPE),
            false,
        )
        .alias(field::SERVICE_TYPE),
    );
    exprs.push(clean(field::SERVICE_TYPE).alias(format!("{}{RAW_SUFFIX}", field::SERVICE_TYPE)));
    exprs.push(
        mapper_expr(field::CHANNEL, aliases.value_mapper(field::CHANNEL), true)
            .alias(field::CHANNEL),
    );
    exprs.push(
        mapper_expr(
            field::COMMODITY,
            aliases.value_mapper(field::COMMODITY),
            true,
        )
        .alias(field::COMMODITY),
    );
    for f in field::DATES {
        exprs.push(parse_dates_expr(clean(f)).alias(f));
        exprs.push(clean(f).alias(format!("{f}{RAW_SUFFIX}")));
    }
    let df = raw
        .lazy()
        .with_columns(exprs)
        .with_column(col(field::RECEIVED_AT).dt().to_string("%Y-%m").alias(MONTH))
        .collect()
        .map_err(|e| polars_err("normalisasi / normalisation", e))?;
    Ok(df)
}

#[cfg(test)]
mod tests {
    use super::{officer_id, officer_name};

    #[test]
    fn one_spelling_per_officer_id() {
        assert_eq!(officer_id("19800101 200501 1 001"), "198001012005011001");
        assert_eq!(officer_id("ptg-07"), "PTG-07");
    }

    #[test]
    fn one_spelling_per_officer() {
        for (raw, want) in [
            ("AFDHAL TANJUNG", "Afdhal Tanjung"),
            ("afdhal  tanjung", "Afdhal Tanjung"),
            ("Afdhal Tanjung", "Afdhal Tanjung"),
            ("Rina Wati, S.Farm., Apt.", "Rina Wati"),
            ("dr. Rina Wati", "Rina Wati"),
            ("Hj. SITI AISYAH", "Siti Aisyah"),
            // Mixed case is the officer's own spelling.
            ("Ni Made McKenzie", "Ni Made McKenzie"),
            // A lone title is a name.
            ("dr.", "Dr."),
        ] {
            assert_eq!(officer_name(raw), want, "{raw}");
        }
    }
}

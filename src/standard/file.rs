//! Reading and validating standard files.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Aspect, Item, ItemKind, Level, Standard, Threshold};
use crate::bands::BandSet;
use crate::error::{Error, Location, Msg, Result, line_of, parse_toml};
use crate::rubric::valid_id;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StandardFile {
    id: String,
    name: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
    scale: f64,
    bands: Spanned<String>,
    aspects: Vec<Spanned<AspectFile>>,
    items: Vec<Spanned<ItemFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AspectFile {
    id: String,
    label: String,
    weight: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelFile {
    label: String,
    score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdFile {
    min: f64,
    score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    code: String,
    aspect: String,
    text: String,
    #[serde(default)]
    guidance: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    weight: f64,
    #[serde(default)]
    mandatory: bool,
    #[serde(default)]
    evidence_required: bool,
    #[serde(default)]
    allow_na: bool,
    #[serde(default)]
    levels: Vec<LevelFile>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    thresholds: Vec<ThresholdFile>,
    #[serde(default)]
    within_months: Option<u32>,
}

/// Reads and validates a standard file.
pub fn load(path: &Path) -> Result<Standard> {
    let text = crate::output::guard::read_to_string(path)?;
    parse(&text, path)
}

/// Parses and validates a standard read from `path`. A band set named by id is one of the
/// shipped sets; otherwise it is a file path relative to the standard.
pub fn parse(text: &str, path: &Path) -> Result<Standard> {
    let file: StandardFile = parse_toml(text, path)?;
    let at = |offset: usize, m: Msg| {
        Error::new(Location::file(path).with_line(line_of(text, offset)), m)
    };
    let top = |m: Msg| Error::new(Location::file(path), m);
    for (key, v) in [
        ("id", &file.id),
        ("name", &file.name),
        ("version", &file.version),
    ] {
        if v.trim().is_empty() {
            return Err(top(msg!("\"{key}\" kosong", "\"{key}\" is empty")));
        }
    }
    if !(file.scale > 0.0 && file.scale.is_finite()) {
        let s = file.scale;
        return Err(top(msg!(
            "scale harus > 0, bukan {s}",
            "scale must be > 0, not {s}"
        )));
    }
    let band_ref = file.bands.get_ref();
    let bands = match BandSet::builtin(band_ref) {
        Some(b) => b?,
        None => {
            let p = path.parent().unwrap_or(Path::new("")).join(band_ref);
            if !p.is_file() {
                let known = BandSet::builtin_ids().join(", ");
                return Err(at(
                    file.bands.span().start,
                    msg!(
                        "bands: \"{band_ref}\" bukan set predikat bawaan ({known}) dan bukan berkas",
                        "bands: \"{band_ref}\" is neither a shipped band set ({known}) nor a file"
                    ),
                ));
            }
            BandSet::load(&p)?
        }
    };
    if bands.scale[0] != 0.0 || bands.scale[1] != file.scale {
        let (lo, hi, s) = (bands.scale[0], bands.scale[1], file.scale);
        return Err(at(
            file.bands.span().start,
            msg!(
                "bands: skala set predikat {lo}–{hi} tidak sama dengan skala standar 0–{s}",
                "bands: the band set's scale {lo}–{hi} differs from the standard's 0–{s}"
            ),
        ));
    }

    let mut aspects = Vec::new();
    let mut aspect_ids = HashSet::new();
    for a in &file.aspects {
        let off = a.span().start;
        let a = a.get_ref();
        let id = &a.id;
        if !valid_id(id) {
            return Err(at(
                off,
                msg!(
                    "aspects \"{id}\": id hanya boleh huruf kecil, angka dan _",
                    "aspects \"{id}\": id may only hold lower-case letters, digits and _"
                ),
            ));
        }
        if !aspect_ids.insert(id.clone()) {
            return Err(at(
                off,
                msg!(
                    "aspects \"{id}\": id ganda",
                    "aspects \"{id}\": duplicate id"
                ),
            ));
        }
        if !(a.weight > 0.0 && a.weight.is_finite()) {
            let w = a.weight;
            return Err(at(
                off,
                msg!(
                    "aspects \"{id}\": weight harus > 0, bukan {w}",
                    "aspects \"{id}\": weight must be > 0, not {w}"
                ),
            ));
        }
        aspects.push(Aspect {
            id: id.clone(),
            label: a.label.clone(),
            weight: a.weight,
        });
    }
    if aspects.is_empty() {
        return Err(top(msg!("tidak ada [[aspects]]", "no [[aspects]]")));
    }

    let mut items = Vec::new();
    let mut codes = HashSet::new();
    for spanned in &file.items {
        let off = spanned.span().start;
        let i = spanned.get_ref();
        let code = &i.code;
        let err = |m: Msg| {
            at(
                off,
                Msg::new(
                    format!("items \"{code}\": {}", m.id),
                    format!("items \"{code}\": {}", m.en),
                ),
            )
        };
        if !valid_code(code) {
            return Err(err(msg!(
                "kode hanya boleh huruf besar, angka, '-' dan '.'",
                "the code may only hold upper-case letters, digits, '-' and '.'"
            )));
        }
        if !codes.insert(code.clone()) {
            return Err(err(msg!("kode ganda", "duplicate code")));
        }
        if !aspect_ids.contains(&i.aspect) {
            let a = &i.aspect;
            return Err(err(msg!(
                "aspect \"{a}\" tidak didefinisikan di [[aspects]]",
                "aspect \"{a}\" is not defined in [[aspects]]"
            )));
        }
        if !(i.weight > 0.0 && i.weight.is_finite()) {
            let w = i.weight;
            return Err(err(msg!(
                "weight harus > 0, bukan {w}",
                "weight must be > 0, not {w}"
            )));
        }
        let unexpected = |key: &str, present: bool, allowed: bool| -> Result<()> {
            if present && !allowed {
                let kind = &i.kind;
                return Err(err(msg!(
                    "kunci \"{key}\" tidak berlaku untuk type = \"{kind}\"",
                    "key \"{key}\" does not apply to type = \"{kind}\""
                )));
            }
            Ok(())
        };
        let k = i.kind.as_str();
        unexpected("levels", !i.levels.is_empty(), k == "choice")?;
        unexpected("unit", i.unit.is_some(), k == "number")?;
        unexpected(
            "thresholds",
            !i.thresholds.is_empty(),
            k == "number" || k == "percent",
        )?;
        unexpected("within_months", i.within_months.is_some(), k == "date")?;
        let thresholds = || -> Result<Vec<Threshold>> {
            if i.thresholds.is_empty() {
                return Err(err(msg!(
                    "type = \"{k}\" memerlukan thresholds",
                    "type = \"{k}\" needs thresholds"
                )));
            }
            let mut t: Vec<Threshold> = i
                .thresholds
                .iter()
                .map(|t| Threshold {
                    min: t.min,
                    score: t.score,
                })
                .collect();
            for x in &t {
                if !(0.0..=1.0).contains(&x.score) || !x.min.is_finite() {
                    let (m, s) = (x.min, x.score);
                    return Err(err(msg!(
                        "threshold min = {m}: score {s} harus antara 0 dan 1",
                        "threshold min = {m}: score {s} must be between 0 and 1"
                    )));
                }
            }
            t.sort_by(|a, b| b.min.total_cmp(&a.min));
            if t.windows(2).any(|w| w[0].min == w[1].min) {
                return Err(err(msg!(
                    "thresholds: min ganda",
                    "thresholds: duplicate min"
                )));
            }
            Ok(t)
        };
        let kind = match k {
            "yes_no" => ItemKind::YesNo,
            "choice" => {
                let levels: Vec<Level> = i
                    .levels
                    .iter()
                    .map(|l| Level {
                        label: l.label.trim().to_string(),
                        score: l.score,
                    })
                    .collect();
                if !(2..=10).contains(&levels.len()) {
                    return Err(err(msg!(
                        "type = \"choice\" memerlukan 2–10 levels",
                        "type = \"choice\" needs 2–10 levels"
                    )));
                }
                let ascending = levels.windows(2).all(|w| w[0].score < w[1].score);
                let labels: HashSet<String> =
                    levels.iter().map(|l| l.label.to_lowercase()).collect();
                if levels.iter().any(|l| l.label.contains(',')) {
                    return Err(err(msg!(
                        "label level tidak boleh memuat koma (koma memisahkan pilihan pada daftar Excel)",
                        "level labels may not contain commas (commas separate the options of an Excel dropdown)"
                    )));
                }
                if !ascending
                    || labels.len() != levels.len()
                    || levels.iter().any(|l| l.score < 0.0 || l.label.is_empty())
                {
                    return Err(err(msg!(
                        "levels harus berlabel unik dengan score ≥ 0 yang naik",
                        "levels need unique labels and ascending scores ≥ 0"
                    )));
                }
                if levels.last().is_some_and(|l| l.score <= 0.0) {
                    return Err(err(msg!(
                        "level tertinggi harus bernilai > 0",
                        "the highest level must score > 0"
                    )));
                }
                // Excel keeps a dropdown list under 255 characters.
                let list_len: usize = i
                    .levels
                    .iter()
                    .map(|l| {
                        super::answer::level_option(l.score, &l.label)
                            .chars()
                            .count()
                            + 1
                    })
                    .sum::<usize>()
                    + if i.allow_na { 4 } else { 0 };
                if list_len > 250 {
                    return Err(err(msg!(
                        "label levels terlalu panjang untuk daftar pilihan Excel (maks. 255 karakter seluruhnya)",
                        "the level labels are too long for an Excel dropdown (255 characters in all)"
                    )));
                }
                ItemKind::Choice { levels }
            }
            "number" => ItemKind::Number {
                unit: i.unit.clone(),
                thresholds: thresholds()?,
            },
            "percent" => ItemKind::Percent {
                thresholds: thresholds()?,
            },
            "date" => match i.within_months {
                Some(m) if (1..=MAX_MONTHS).contains(&m) => ItemKind::Date { within_months: m },
                _ => {
                    return Err(err(msg!(
                        "type = \"date\" memerlukan within_months antara 1 dan {MAX_MONTHS} (100 tahun)",
                        "type = \"date\" needs within_months between 1 and {MAX_MONTHS} (100 years)"
                    )));
                }
            },
            other => {
                return Err(err(msg!(
                    "type \"{other}\" tidak dikenal; gunakan yes_no, choice, number, percent atau date",
                    "unknown type \"{other}\"; use yes_no, choice, number, percent or date"
                )));
            }
        };
        items.push(Item {
            code: code.clone(),
            aspect: i.aspect.clone(),
            text: i.text.clone(),
            guidance: i.guidance.clone(),
            kind,
            weight: i.weight,
            mandatory: i.mandatory,
            evidence_required: i.evidence_required,
            allow_na: i.allow_na,
            line: line_of(text, off),
        });
    }
    for a in &aspects {
        if !items.iter().any(|i| i.aspect == a.id) {
            let id = &a.id;
            return Err(top(msg!(
                "aspek \"{id}\" tidak memiliki butir",
                "aspect \"{id}\" has no items"
            )));
        }
    }
    Ok(Standard {
        id: file.id,
        name: file.name,
        version: file.version,
        description: file.description,
        scale: file.scale,
        bands,
        aspects,
        items,
        source: path.to_path_buf(),
    })
}

/// The longest period a date item may ask for, in months (100 years).
const MAX_MONTHS: u32 = 1200;

fn valid_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

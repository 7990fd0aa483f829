//! One identity per officer: likely duplicates among an export's officers, reported as data
//! issues (never merged silently).
//!
//! Names are already normalised ([`crate::ingest::normalize::officer_name`]: case, spacing,
//! titles before the name, degrees after a comma), and with an officer id column the
//! officers are grouped by id ([`crate::aggregate`]). What is left to a person to decide:
//! - one id written with two names (a misspelt name, or a mistyped id);
//! - two names in one unit that differ only in titles, degrees or punctuation ("Rina Wati
//!   S.Farm" and "Rina Wati", "Siti-Aisyah" and "Siti Aisyah") or are near-identical
//!   (Jaro–Winkler similarity ≥ [`SIMILAR`]: "Afdal Tanjung" and "Afdhal Tanjung"). Two
//!   names that each carry their own, different ids are two people and are not reported.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use polars::prelude::*;

use crate::error::{Location, Result, polars_err};
use crate::ingest::columns::field;
use crate::ingest::{FILE_COL, ROW_COL, SourceInfo};
use crate::issues::{DataIssue, IssueKind};

/// Jaro–Winkler similarity from which two names of one unit are reported as likely one
/// officer. ASSUMPTION: 0.95 catches one letter dropped or doubled in a two-word name
/// ("Afdal"/"Afdhal Tanjung" 0.98) and leaves apart names that share only a first name
/// ("Budi Santoso"/"Budi Susanto" 0.93).
pub const SIMILAR: f64 = 0.95;

/// Titles and degrees written without a comma, compared in lower case without dots:
/// "S.Farm." is "sfarm", "A.Md.Kes" is "amdkes".
const TITLES: &[&str] = &[
    "dr", "drs", "dra", "drg", "ir", "hj", "h", "apt", "prof", "ns", "sfarm", "skm", "sh", "se",
    "ssi", "st", "spd", "ssos", "skom", "sked", "skep", "sgz", "sst", "sap", "sip", "sthi", "amd",
    "amdkes", "amdfarm", "amdkeb", "amdkep", "mm", "mkes", "msi", "mpd", "mh", "mfarm", "mt",
    "msc", "bsc", "phd", "mph",
];

/// A name's words for comparison: lower case, letters and digits only, titles and degrees
/// dropped.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| {
            let bare: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            !bare.is_empty() && !TITLES.contains(&bare.as_str())
        })
        .collect()
}

/// Why two names are likely one officer, if they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Likeness {
    /// The same letters once titles, degrees, spaces and punctuation are set aside.
    OnlyTitlesOrPunctuation,
    /// Near-identical: Jaro–Winkler similarity of the names' words (≥ [`SIMILAR`]).
    Similar(f64),
}

/// Whether two (different) normalised names are likely the same officer.
pub fn likeness(a: &str, b: &str) -> Option<Likeness> {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa.is_empty() || wb.is_empty() {
        return None;
    }
    let letters = |w: &[String]| -> String {
        w.iter()
            .flat_map(|x| x.chars().filter(|c| c.is_alphanumeric()))
            .collect()
    };
    if letters(&wa) == letters(&wb) {
        return Some(Likeness::OnlyTitlesOrPunctuation);
    }
    let s = strsim::jaro_winkler(&wa.join(" "), &wb.join(" "));
    (s >= SIMILAR).then_some(Likeness::Similar(s))
}

/// Where a name was first seen and how often.
#[derive(Debug, Clone, Default)]
struct Seen {
    answers: usize,
    file: usize,
    row: u32,
    record: Option<String>,
    /// The officer ids written beside the name (in this unit, or for this id).
    ids: BTreeSet<String>,
}

/// The officers of every part read: per officer id the names written with it, per unit the
/// names answering for it.
#[derive(Debug, Default)]
pub struct Officers {
    by_id: BTreeMap<String, BTreeMap<String, Seen>>,
    by_unit: BTreeMap<String, BTreeMap<String, Seen>>,
    files: Vec<String>,
}

fn strings(df: &DataFrame, name: &str) -> Result<StringChunked> {
    df.column(name)
        .and_then(|c| c.cast(&DataType::String))
        .and_then(|c| c.str().cloned())
        .map_err(|e| polars_err(name, e))
}

impl Officers {
    /// Notes the officers of a normalised part.
    pub fn observe(&mut self, df: &DataFrame) -> Result<()> {
        let (files, ids, units, names, officer_ids) = (
            strings(df, FILE_COL)?,
            strings(df, field::ID)?,
            strings(df, field::UNIT)?,
            strings(df, field::OFFICER)?,
            strings(df, field::OFFICER_ID)?,
        );
        let rows = df
            .column(ROW_COL)
            .and_then(|c| c.cast(&DataType::UInt32))
            .map_err(|e| polars_err(ROW_COL, e))?;
        let rows = rows.u32().map_err(|e| polars_err(ROW_COL, e))?;
        for i in 0..df.height() {
            let Some(name) = names.get(i) else { continue };
            let file = files.get(i).unwrap_or("");
            let file = match self.files.iter().position(|f| f == file) {
                Some(k) => k,
                None => {
                    self.files.push(file.to_string());
                    self.files.len() - 1
                }
            };
            let first = || Seen {
                answers: 0,
                file,
                row: rows.get(i).unwrap_or(0),
                record: ids.get(i).map(str::to_string),
                ids: BTreeSet::new(),
            };
            let officer_id = officer_ids.get(i);
            let unit = units.get(i).unwrap_or("").to_string();
            let s = self
                .by_unit
                .entry(unit)
                .or_default()
                .entry(name.to_string())
                .or_insert_with(first);
            s.answers += 1;
            if let Some(id) = officer_id {
                s.ids.insert(id.to_string());
                let s = self
                    .by_id
                    .entry(id.to_string())
                    .or_default()
                    .entry(name.to_string())
                    .or_insert_with(first);
                s.answers += 1;
            }
        }
        Ok(())
    }

    /// The likely duplicates, each located at the first answer of the name in question.
    pub fn issues(&self, sources: &[SourceInfo]) -> Vec<DataIssue> {
        let header_of: HashMap<(String, &str), String> = sources
            .iter()
            .flat_map(|s| {
                let file = crate::error::shown(&s.path).to_string();
                s.mapping.columns.iter().filter_map(move |(k, _, h)| {
                    [field::OFFICER, field::OFFICER_ID]
                        .into_iter()
                        .find(|f| f == k)
                        .map(|f| ((file.clone(), f), h.clone()))
                })
            })
            .collect();
        let sheet_of: HashMap<String, Option<String>> = sources
            .iter()
            .map(|s| (crate::error::shown(&s.path).to_string(), s.sheet.clone()))
            .collect();
        let issue = |kind: IssueKind, seen: &Seen, key: &str, message| {
            let file = &self.files[seen.file];
            DataIssue {
                kind,
                location: Location {
                    file: Some(PathBuf::from(file)),
                    sheet: sheet_of.get(file).cloned().flatten(),
                    row: Some(seen.row as usize),
                    column: header_of.get(&(file.clone(), key)).cloned(),
                    ..Location::default()
                },
                record_id: seen.record.clone(),
                message,
            }
        };
        let mut out = Vec::new();
        // One id, several names: each name but the most frequent is reported where it
        // first appears.
        for (id, names) in &self.by_id {
            if names.len() < 2 {
                continue;
            }
            let mut order: Vec<(&String, &Seen)> = names.iter().collect();
            order.sort_by(|a, b| b.1.answers.cmp(&a.1.answers).then(a.0.cmp(b.0)));
            let listed = order
                .iter()
                .map(|(n, s)| format!("\"{n}\" ({})", s.answers))
                .collect::<Vec<_>>()
                .join(", ");
            for (_, seen) in &order[1..] {
                out.push(issue(
                    IssueKind::OfficerIdNames,
                    seen,
                    field::OFFICER_ID,
                    msg!(
                        "ID petugas \"{id}\" tercatat dengan {} nama (jumlah jawaban): {listed}; satu ID seharusnya satu orang: periksa ejaan nama atau ID yang salah ketik",
                        "officer id \"{id}\" is written with {} names (answers): {listed}; one id should be one person: check the name's spelling or a mistyped id",
                        order.len()
                    ),
                ));
            }
        }
        // Two names of one unit that look like one officer, unless their ids tell them
        // apart (or tie them: then the id check above has reported it).
        for (unit, names) in &self.by_unit {
            let v: Vec<(&String, &Seen)> = names.iter().collect();
            for (i, (a, sa)) in v.iter().enumerate() {
                for (b, sb) in &v[i + 1..] {
                    if !sa.ids.is_empty() && !sb.ids.is_empty() {
                        continue;
                    }
                    let Some(like) = likeness(a, b) else { continue };
                    // Reported at the rarer name (the likely misspelling).
                    let ((rare, sr), (common, sc)) = if sb.answers <= sa.answers {
                        ((b, sb), (a, sa))
                    } else {
                        ((a, sa), (b, sb))
                    };
                    let why = match like {
                        Likeness::OnlyTitlesOrPunctuation => msg!(
                            "hanya beda gelar, spasi atau tanda baca",
                            "differing only in titles, spacing or punctuation"
                        ),
                        Likeness::Similar(s) => msg!(
                            "nama hampir sama, kemiripan Jaro-Winkler {s:.2}",
                            "near-identical names, Jaro-Winkler similarity {s:.2}"
                        ),
                    };
                    let unit = if unit.is_empty() { "-" } else { unit.as_str() };
                    let (why_id, why_en) = (
                        why.get(crate::i18n::Lang::Id),
                        why.get(crate::i18n::Lang::En),
                    );
                    out.push(issue(
                        IssueKind::LikelyDuplicateOfficer,
                        sr,
                        field::OFFICER,
                        msg!(
                            "petugas \"{rare}\" ({} jawaban) dan \"{common}\" ({} jawaban) di {unit} kemungkinan orang yang sama ({why_id}); samakan penulisan nama, atau bedakan dengan kolom ID petugas",
                            "officers \"{rare}\" ({} answers) and \"{common}\" ({} answers) in {unit} are likely one person ({why_en}); write the name one way, or tell them apart with an officer id column",
                            sr.answers,
                            sc.answers
                        ),
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likely_one_officer() {
        use Likeness::*;
        assert_eq!(
            likeness("Rina Wati S.Farm", "Rina Wati"),
            Some(OnlyTitlesOrPunctuation)
        );
        assert_eq!(
            likeness("Siti-Aisyah", "Siti Aisyah."),
            Some(OnlyTitlesOrPunctuation)
        );
        assert_eq!(
            likeness("M. Rizky", "M Rizky"),
            Some(OnlyTitlesOrPunctuation)
        );
        let Some(Similar(s)) = likeness("Afdal Tanjung", "Afdhal Tanjung") else {
            panic!()
        };
        assert!((s - 0.98).abs() < 0.01, "{s}");
        // A shared first name is not enough.
        assert!(strsim::jaro_winkler("budi santoso", "budi susanto") < SIMILAR);
        assert_eq!(likeness("Budi Santoso", "Budi Susanto"), None);
        assert_eq!(likeness("Rina Wati", "Dewi Lestari"), None);
        assert_eq!(likeness("S.Farm", "Rina"), None);
    }
}

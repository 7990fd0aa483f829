//! SKM (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): the IKM (indeks kepuasan
//! masyarakat) per unit from a respondents × 9-element survey export, answers 1–4.
//!
//! For each unit and element, the element mean (nilai rata-rata per unsur) is the mean of
//! the valid answers (integers 1..4) to that element. Then
//!
//! IKM = 25 × Σ over the 9 elements of (element mean × 1/9)
//!
//! on the 25–100 scale, graded with the shipped `skm` band set (A 88.31–100 Sangat Baik,
//! B 76.61–88.30 Baik, C 65.00–76.60 Kurang Baik, D 25.00–64.99 Tidak Baik). The weight is
//! exactly 1/9 as the formula states, not the regulation's rounded 0.111, so a unit where
//! everyone answers 4 gets 100.00 (0.111 would give 99.90). The national line is the same
//! computation over all respondents pooled (not a mean of the unit indexes).
//!
//! Rounding: results keep full precision; the band is decided on the unrounded IKM, and
//! means and IKM are rounded to 2 decimals only for display and output files ([`crate::stats::round2`]).
//! So an IKM of 88.306 shows as 88.31 but is B, since it has not reached 88.31. The band
//! comparison allows 1e-9 of floating-point error, so an IKM that is exactly 65.00 or 88.31
//! in exact arithmetic lands in the upper band even if the sum comes out a hair below.
//!
//! Blank and invalid answers (0, 5, 2.5, "baik") are left out of that element's mean and
//! reported as data issues; a respondent without a unit is left out and reported; a unit
//! with no valid answer for some element gets no IKM and an issue.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::*;

use crate::bands::{Band, BandSet};
use crate::error::{Error, Location, Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::columns::{Aliases, ColumnSpec, field};
use crate::ingest::normalize::UnitList;
use crate::ingest::{FILE_COL, ROW_COL, SourceInfo};
use crate::issues::{DataIssue, IssueKind, sort_issues};

/// One survey element (unsur pelayanan).
#[derive(Debug, Clone, Copy)]
pub struct Element {
    /// Column key in the frame: `u1`..`u9`.
    pub key: &'static str,
    /// Official name (PermenPANRB 14/2017).
    pub label: &'static str,
    /// English name.
    pub label_en: &'static str,
    /// Header names, the official name first. Each is also tried numbered ("U1
    /// Persyaratan", "Unsur 1 Persyaratan"), and the bare number ("U1", "Unsur 1") too: see
    /// [`header_aliases`].
    pub aliases: &'static [&'static str],
}

/// The nine elements, in the regulation's order. The single place they are defined.
pub const ELEMENTS: [Element; 9] = [
    Element {
        key: "u1",
        label: "Persyaratan",
        label_en: "Requirements",
        aliases: &["Persyaratan", "Persyaratan Pelayanan"],
    },
    Element {
        key: "u2",
        label: "Sistem, Mekanisme dan Prosedur",
        label_en: "Systems, mechanisms and procedures",
        aliases: &[
            "Sistem, Mekanisme dan Prosedur",
            "Sistem Mekanisme Prosedur",
            "Mekanisme dan Prosedur",
            "Prosedur",
        ],
    },
    Element {
        key: "u3",
        label: "Waktu Penyelesaian",
        label_en: "Completion time",
        aliases: &[
            "Waktu Penyelesaian",
            "Jangka Waktu Pelayanan",
            "Jangka Waktu",
        ],
    },
    Element {
        key: "u4",
        label: "Biaya/Tarif",
        label_en: "Cost/tariff",
        aliases: &["Biaya/Tarif", "Biaya", "Tarif"],
    },
    Element {
        key: "u5",
        label: "Produk Spesifikasi Jenis Pelayanan",
        label_en: "Service products",
        aliases: &[
            "Produk Spesifikasi Jenis Pelayanan",
            "Produk Layanan",
            "Produk Pelayanan",
            "Produk",
        ],
    },
    Element {
        key: "u6",
        label: "Kompetensi Pelaksana",
        label_en: "Staff competence",
        aliases: &["Kompetensi Pelaksana", "Kompetensi"],
    },
    Element {
        key: "u7",
        label: "Perilaku Pelaksana",
        label_en: "Staff conduct",
        aliases: &["Perilaku Pelaksana", "Perilaku"],
    },
    Element {
        key: "u8",
        label: "Penanganan Pengaduan, Saran dan Masukan",
        label_en: "Handling of complaints, suggestions and feedback",
        aliases: &[
            "Penanganan Pengaduan, Saran dan Masukan",
            "Penanganan Pengaduan Saran Masukan",
            "Penanganan Pengaduan",
        ],
    },
    Element {
        key: "u9",
        label: "Sarana dan Prasarana",
        label_en: "Facilities and infrastructure",
        aliases: &["Sarana dan Prasarana", "Sarana Prasarana", "Sarana"],
    },
];

/// Key of the optional respondent id column.
pub const RESPONDENT: &str = "respondent";

/// Header aliases of the respondent id, tried before the ticket id aliases.
const RESPONDENT_ALIASES: [&str; 6] = [
    "No. Responden",
    "Nomor Responden",
    "ID Responden",
    "Kode Responden",
    "Responden",
    "No. Urut",
];

/// Band comparisons allow this much floating-point error below a band's minimum.
const BAND_TOLERANCE: f64 = 1e-9;

impl Element {
    /// "U3" for the third element.
    pub fn short(&self) -> String {
        self.key.to_uppercase()
    }

    /// The name in the user's language.
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.label, self.label_en)
    }

    /// "U3 Waktu Penyelesaian": the header of the element in reports.
    pub fn header(&self, lang: Lang) -> String {
        format!("{} {}", self.short(), self.name(lang))
    }
}

/// Header aliases of element `i` (0-based), in priority order: numbered names ("U1
/// Persyaratan", "Unsur 1 Persyaratan"), the bare number ("U1", "Unsur 1"), then the names.
pub fn header_aliases(i: usize) -> Vec<String> {
    let e = &ELEMENTS[i];
    let n = i + 1;
    let mut v = Vec::new();
    for name in e.aliases {
        v.push(format!("U{n} {name}"));
        v.push(format!("Unsur {n} {name}"));
    }
    v.push(format!("U{n}"));
    v.push(format!("Unsur {n}"));
    v.push(format!("Unsur {n:02}"));
    v.extend(e.aliases.iter().map(|a| a.to_string()));
    v
}

/// The columns an SKM export is read with: `unit` and `u1`..`u9` required, the respondent
/// id optional.
pub fn column_specs(aliases: &Aliases) -> Vec<ColumnSpec> {
    let mut specs = vec![ColumnSpec {
        key: field::UNIT.to_string(),
        aliases: aliases.column_aliases(field::UNIT).to_vec(),
        required: true,
    }];
    for (i, e) in ELEMENTS.iter().enumerate() {
        specs.push(ColumnSpec {
            key: e.key.to_string(),
            aliases: header_aliases(i),
            required: true,
        });
    }
    specs.push(ColumnSpec {
        key: RESPONDENT.to_string(),
        aliases: RESPONDENT_ALIASES
            .iter()
            .map(|s| s.to_string())
            .chain(aliases.column_aliases(field::ID).iter().cloned())
            .collect(),
        required: false,
    });
    specs
}

/// One answer cell, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 1..4.
    Valid(u8),
    /// Empty or only spaces.
    Blank,
    /// Anything else: 0, 5, 2.5, "baik".
    Invalid,
}

/// Reads an answer: an integer 1..4, written `4`, ` 4 `, `4,0`, `4.0` or as an Excel number.
pub fn parse_answer(raw: Option<&str>) -> Answer {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Answer::Blank;
    };
    let ok = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '.');
    let s = s.replace(',', ".");
    if !ok(&s) {
        return Answer::Invalid;
    }
    match s.parse::<f64>() {
        Ok(v) if v.fract() == 0.0 && (1.0..=4.0).contains(&v) => Answer::Valid(v as u8),
        _ => Answer::Invalid,
    }
}

/// The IKM of nine element means: 25 × Σ (mean × 1/9), computed as (Σ mean) × 25 / 9, the
/// same value with one division, so that all 4s give exactly 100.
pub fn ikm(means: &[f64; 9]) -> f64 {
    means.iter().sum::<f64>() * 25.0 / 9.0
}

/// The band of an unrounded IKM, with [`BAND_TOLERANCE`] for floating-point error.
pub fn band_of(bands: &BandSet, ikm: f64) -> Option<&Band> {
    bands.band((ikm + BAND_TOLERANCE).min(bands.scale[1]))
}

/// The shipped SKM band set.
pub fn bands() -> Result<BandSet> {
    BandSet::builtin("skm").unwrap_or_else(|| {
        Err(Error::plain(msg!(
            "set band \"skm\" tidak ada",
            "band set \"skm\" is missing"
        )))
    })
}

/// Where the columns of one file are: for the location of its issues.
#[derive(Debug, Clone, Default)]
pub struct SurveyColumns {
    pub file: PathBuf,
    pub sheet: Option<String>,
    /// Header of the unit column as written in the file.
    pub unit: String,
    /// Headers of `u1`..`u9` as written in the file.
    pub answers: [String; 9],
}

impl SurveyColumns {
    /// The headers a file was read with.
    pub fn from_source(s: &SourceInfo) -> Self {
        let header = |key: &str| {
            s.mapping
                .columns
                .iter()
                .find(|c| c.0 == key)
                .map(|c| c.2.clone())
                .unwrap_or_else(|| key.to_string())
        };
        SurveyColumns {
            file: s.path.clone(),
            sheet: s.sheet.clone(),
            unit: header(field::UNIT),
            answers: std::array::from_fn(|i| header(ELEMENTS[i].key)),
        }
    }

    fn at(&self, row: Option<usize>, column: &str) -> Location {
        Location {
            file: Some(self.file.clone()),
            sheet: self.sheet.clone(),
            row,
            column: Some(column.to_string()),
            ..Default::default()
        }
    }
}

/// One respondent (row) as read.
#[derive(Debug, Clone, Copy)]
pub struct Respondent<'a> {
    pub columns: &'a SurveyColumns,
    /// 1-based row as the user sees it.
    pub row: usize,
    pub id: Option<&'a str>,
    pub unit: Option<&'a str>,
    /// Raw answers to `u1`..`u9`.
    pub answers: [Option<&'a str>; 9],
}

/// The result of one unit, or of all respondents.
#[derive(Debug, Clone, PartialEq)]
pub struct IkmLine {
    /// `None` for the national line.
    pub unit: Option<String>,
    /// Respondents counted (rows with this unit).
    pub respondents: usize,
    /// Valid answers per element.
    pub answered: [usize; 9],
    /// Element means, full precision; `None` without valid answers.
    pub means: [Option<f64>; 9],
    /// Full precision; `None` when an element has no valid answer.
    pub ikm: Option<f64>,
    /// Band of the unrounded IKM.
    pub band: Option<Band>,
}

/// Per-unit results (units by name), the national line and the data issues.
#[derive(Debug, Clone, PartialEq)]
pub struct SkmResult {
    pub units: Vec<IkmLine>,
    pub national: IkmLine,
    pub issues: Vec<DataIssue>,
}

#[derive(Debug, Default, Clone)]
struct Tally {
    respondents: usize,
    sums: [u64; 9],
    counts: [usize; 9],
}

impl Tally {
    fn line(&self, unit: Option<String>, bands: &BandSet) -> IkmLine {
        let means: [Option<f64>; 9] = std::array::from_fn(|j| {
            (self.counts[j] > 0).then(|| self.sums[j] as f64 / self.counts[j] as f64)
        });
        let ikm = means
            .iter()
            .copied()
            .collect::<Option<Vec<f64>>>()
            .map(|m| ikm(&m.try_into().expect("nine means")));
        let band = ikm.and_then(|x| band_of(bands, x)).cloned();
        IkmLine {
            unit,
            respondents: self.respondents,
            answered: self.counts,
            means,
            ikm,
            band,
        }
    }
}

/// Collapses runs of white space and trims: "Balai  POM di Serang " → "Balai POM di Serang".
fn clean_unit(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Computes the IKM per unit and over all respondents. Rows where every cell is blank are
/// skipped silently (empty lines at the end of an export).
pub fn compute<'a>(rows: impl IntoIterator<Item = Respondent<'a>>, bands: &BandSet) -> SkmResult {
    let mut units: BTreeMap<String, (Tally, &'a SurveyColumns)> = BTreeMap::new();
    let mut all = Tally::default();
    let mut issues = Vec::new();
    let blank = |s: Option<&str>| s.is_none_or(|s| s.trim().is_empty());
    for r in rows {
        let id = r.id.map(str::trim).filter(|s| !s.is_empty());
        let record_id = id.map(str::to_string);
        let unit = r.unit.map(clean_unit).filter(|u| !u.is_empty());
        let Some(unit) = unit else {
            if id.is_none() && r.answers.iter().all(|a| blank(*a)) {
                continue;
            }
            issues.push(DataIssue {
                kind: IssueKind::MissingUnit,
                location: r.columns.at(Some(r.row), &r.columns.unit),
                record_id,
                message: msg!(
                    "unit kosong: responden ini tidak dihitung",
                    "blank unit: this respondent is left out"
                ),
            });
            continue;
        };
        let (tally, _) = units
            .entry(unit)
            .or_insert_with(|| (Tally::default(), r.columns));
        tally.respondents += 1;
        all.respondents += 1;
        for (j, raw) in r.answers.iter().enumerate() {
            let e = &ELEMENTS[j];
            let (short, lid, len) = (e.short(), e.label, e.label_en);
            let message = match parse_answer(*raw) {
                Answer::Valid(v) => {
                    tally.sums[j] += u64::from(v);
                    tally.counts[j] += 1;
                    all.sums[j] += u64::from(v);
                    all.counts[j] += 1;
                    continue;
                }
                Answer::Blank => (
                    IssueKind::MissingSurveyAnswer,
                    msg!(
                        "jawaban kosong: tidak dihitung dalam rata-rata {short} ({lid})",
                        "blank answer: left out of the {short} ({len}) mean"
                    ),
                ),
                Answer::Invalid => {
                    let v = raw.unwrap_or_default().trim();
                    (
                        IssueKind::InvalidSurveyAnswer,
                        msg!(
                            "jawaban \"{v}\" bukan 1, 2, 3 atau 4: tidak dihitung dalam rata-rata {short} ({lid})",
                            "answer \"{v}\" is not 1, 2, 3 or 4: left out of the {short} ({len}) mean"
                        ),
                    )
                }
            };
            issues.push(DataIssue {
                kind: message.0,
                location: r.columns.at(Some(r.row), &r.columns.answers[j]),
                record_id: record_id.clone(),
                message: message.1,
            });
        }
    }
    let mut lines = Vec::with_capacity(units.len());
    for (unit, (tally, columns)) in units {
        for (j, e) in ELEMENTS.iter().enumerate() {
            if tally.counts[j] == 0 {
                let (short, lid, len) = (e.short(), e.label, e.label_en);
                issues.push(DataIssue {
                    kind: IssueKind::IkmNotComputed,
                    location: columns.at(None, &columns.answers[j]),
                    record_id: None,
                    message: msg!(
                        "unit \"{unit}\": tidak ada jawaban valid untuk {short} ({lid}); IKM unit ini tidak dihitung",
                        "unit \"{unit}\": no valid answer for {short} ({len}); the unit's IKM is not computed"
                    ),
                });
            }
        }
        lines.push(tally.line(Some(unit), bands));
    }
    sort_issues(&mut issues);
    SkmResult {
        units: lines,
        national: all.line(None, bands),
        issues,
    }
}

fn str_col<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked> {
    df.column(name)
        .and_then(|c| c.str())
        .map_err(|e| polars_err(name, e))
}

/// Computes the results from a frame read by [`crate::ingest::load_all`] with
/// [`column_specs`]. A unit name is matched to `list` and takes its official name; a name
/// the list does not know is a data issue on its row (its respondents still count
/// nationally, and a ranking leaves the unit out).
pub fn from_frame(
    df: &DataFrame,
    sources: &[SourceInfo],
    bands: &BandSet,
    list: &UnitList,
) -> Result<SkmResult> {
    let mut df = df.clone();
    df.rechunk_mut();
    let columns: Vec<(String, SurveyColumns)> = sources
        .iter()
        .map(|s| {
            (
                crate::error::shown(&s.path).to_string(),
                SurveyColumns::from_source(s),
            )
        })
        .collect();
    let fallback = SurveyColumns::default();
    let files = str_col(&df, FILE_COL)?;
    let rows = df
        .column(ROW_COL)
        .and_then(|c| c.u32())
        .map_err(|e| polars_err(ROW_COL, e))?;
    let units = str_col(&df, field::UNIT)?;
    let ids = str_col(&df, RESPONDENT)?;
    let answers: Vec<&StringChunked> = ELEMENTS
        .iter()
        .map(|e| str_col(&df, e.key))
        .collect::<Result<_>>()?;
    let mut unknown = Vec::new();
    let respondents: Vec<Respondent> = (0..df.height())
        .map(|i| {
            let file = files.get(i).unwrap_or_default();
            let columns = columns
                .iter()
                .find(|(f, _)| f == file)
                .map(|(_, c)| c)
                .unwrap_or(&fallback);
            let row = rows.get(i).unwrap_or(0) as usize;
            let id = ids.get(i);
            let unit = units.get(i).map(|u| match list.get(u) {
                Some(official) => official,
                None => {
                    let name = clean_unit(u);
                    if !name.is_empty() {
                        unknown.push(DataIssue {
                            kind: IssueKind::UnknownUnit,
                            location: columns.at(Some(row), &columns.unit),
                            record_id: id
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .map(str::to_string),
                            message: list.unknown_message(&name),
                        });
                    }
                    u
                }
            });
            Respondent {
                columns,
                row,
                id,
                unit,
                answers: std::array::from_fn(|j| answers[j].get(i)),
            }
        })
        .collect();
    let mut result = compute(respondents, bands);
    result.issues.extend(unknown);
    sort_issues(&mut result.issues);
    Ok(result)
}

#[cfg(test)]
mod tests;

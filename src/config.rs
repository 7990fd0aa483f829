//! The config file (`ulpk-eval.toml`): inputs and options so a run needs no long command
//! line. Paths are relative to the config file's folder. Command-line flags override it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, parse_toml};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub answers: AnswersConfig,
    /// Canonical field -> header in the exports, overriding the aliases.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub report: ReportConfig,
    /// The minimum ULPK standard as the config named it before `[[instruments]]`: read as
    /// the entry with `minimum = true`, first.
    #[serde(default)]
    standards: StandardsConfig,
    /// The standards scored on the units' workbooks and shown in the report, in the order of
    /// their sheets: the minimum ULPK standard (`minimum = true`) and the national
    /// instruments (KemenPANRB competition, Ombudsman compliance, PEKPPP, …).
    #[serde(default)]
    pub instruments: Vec<InstrumentConfig>,
    /// The KemenPANRB competition as the config named it before `[[instruments]]`: read as
    /// an instrument with the competition's sheets.
    #[serde(default)]
    competition: StandardsConfig,
    /// The Ombudsman compliance before `[[instruments]]`: read as its instrument.
    #[serde(default)]
    compliance: StandardsConfig,
    #[serde(default)]
    pub skm: SkmConfig,
    /// Weights of the combined index per unit.
    #[serde(default)]
    pub index: IndexWeights,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The period the report covers, as people write it ("Triwulan I 2026").
    pub period: Option<String>,
    /// Output file; default `reports/laporan-ulpk.xlsx` beside the config.
    pub output: Option<PathBuf>,
    /// The previous period to compare with: its config (`.toml`) or its report (`.xlsx`).
    pub previous: Option<PathBuf>,
    /// Folder of the chart files; default `grafik/` beside the report.
    pub charts: Option<PathBuf>,
    /// Rates from fewer answers than this are shown as "n = 3 < 10", out of the colour
    /// scales (default [`crate::report::MIN_N`]).
    pub min_n: Option<u32>,
    /// The share of answers within their SLA (%) the service aims at, shown beside every
    /// SLA fulfilment on the dashboard; none when not given.
    pub sla_target: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardsConfig {
    pub standard: Option<PathBuf>,
    /// Filled self-assessment workbooks or folders of them.
    #[serde(default)]
    pub workbooks: Vec<PathBuf>,
    /// Assessment date for date items, `YYYY-MM-DD`.
    pub as_of: Option<String>,
}

/// One national instrument: a standard file scored on the units' filled workbooks, shown
/// on a sheet of its own in the layout it is read by.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentConfig {
    /// The sheet's name in the report (Indonesian; at most 31 characters, as Excel allows).
    pub sheet: String,
    /// The sheet's name in an English report (default: `sheet`).
    pub sheet_en: Option<String>,
    /// How the Metadata sheet names the instrument (default: the sheet's name).
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub standard: PathBuf,
    /// Filled workbooks or folders of them.
    #[serde(default)]
    pub workbooks: Vec<PathBuf>,
    /// Assessment date for date items, `YYYY-MM-DD`.
    pub as_of: Option<String>,
    /// How the sheet shows the units' results.
    pub layout: Layout,
    /// Also a sheet listing, per unit and item, the value given and its evidence (the list a
    /// competition submission is built from), named "<sheet> — Bukti Dukung".
    #[serde(default)]
    pub evidence: bool,
    /// The instrument's weight in the combined index (default 0: not in it). Its final
    /// score enters on 0–100 (a PEKPPP index of 4.5 on its 0–5 scale as 90).
    #[serde(default)]
    pub index_weight: f64,
    /// Also a sheet listing every item not fully met, per unit, by points lost: "Temuan"
    /// for the minimum standard, "<sheet> — Temuan" for another.
    #[serde(default)]
    pub findings: bool,
    /// The minimum ULPK standard (at most one entry): the ranking's standard component
    /// (weighted by `[index] standard`), "meets the minimum", the per-unit feedback.
    #[serde(default)]
    pub minimum: bool,
}

/// How an instrument's sheet shows the units' results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Per unit: every aspect's score, the total, the grade and the zone, filled by zone
    /// (the Ombudsman compliance table).
    Zones,
    /// Per unit: every aspect's score, the total, the grade and the self/verified gap, with
    /// colour scales (the competition recap).
    Recap,
}

impl InstrumentConfig {
    /// The sheet's name in `lang`.
    pub fn sheet_name(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.sheet, self.sheet_en.as_deref().unwrap_or(&self.sheet))
    }

    /// The evidence sheet's name in `lang`.
    pub fn evidence_sheet_name(&self, lang: crate::i18n::Lang) -> String {
        let sheet = self.sheet_name(lang);
        lang.pick(
            &format!("{sheet} — Bukti Dukung"),
            &format!("{sheet} — Evidence"),
        )
        .to_string()
    }

    /// The findings sheet's name in `lang`.
    pub fn findings_sheet_name(&self, lang: crate::i18n::Lang) -> String {
        let findings = lang.of(crate::labels::sheet::FINDINGS);
        if self.minimum {
            findings.to_string()
        } else {
            format!("{} — {findings}", self.sheet_name(lang))
        }
    }

    /// The Metadata sheet's name of the instrument in `lang`.
    pub fn label(&self, lang: crate::i18n::Lang) -> &str {
        let id = self.label.as_deref().unwrap_or(&self.sheet);
        let en = self
            .label_en
            .as_deref()
            .or(self.sheet_en.as_deref())
            .unwrap_or(id);
        lang.pick(id, en)
    }

    /// The minimum standard's entry as the older `[standards]` section configured it.
    fn legacy_minimum(s: StandardsConfig) -> Option<InstrumentConfig> {
        Some(InstrumentConfig {
            sheet: "Aspek Standar per Unit".into(),
            sheet_en: Some("Standard Aspects by Unit".into()),
            label: Some("Standar".into()),
            label_en: Some("Standard".into()),
            standard: s.standard?,
            workbooks: s.workbooks,
            as_of: s.as_of,
            layout: Layout::Zones,
            evidence: false,
            index_weight: 0.0,
            findings: true,
            minimum: true,
        })
    }

    /// An entry as the older `[competition]` and `[compliance]` sections configured it.
    fn legacy(s: StandardsConfig, competition: bool) -> Option<InstrumentConfig> {
        let (sheet, sheet_en, label, label_en) = if competition {
            (
                "Kompetisi",
                "Competition",
                "Instrumen kompetisi",
                "Competition instrument",
            )
        } else {
            (
                "Kepatuhan Ombudsman",
                "Ombudsman Compliance",
                "Instrumen kepatuhan",
                "Compliance instrument",
            )
        };
        Some(InstrumentConfig {
            sheet: sheet.into(),
            sheet_en: Some(sheet_en.into()),
            label: Some(label.into()),
            label_en: Some(label_en.into()),
            standard: s.standard?,
            workbooks: s.workbooks,
            as_of: s.as_of,
            layout: if competition {
                Layout::Recap
            } else {
                Layout::Zones
            },
            evidence: competition,
            index_weight: 0.0,
            findings: false,
            minimum: false,
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkmConfig {
    #[serde(default)]
    pub files: Vec<PathBuf>,
}

/// Weights of the combined index: answer quality, SLA fulfilment, standard compliance and
/// SKM IKM, each on 0–100, and the instruments given an `index_weight`. A unit missing a
/// weighted component gets no index and no rank.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexWeights {
    pub quality: f64,
    pub sla: f64,
    pub standard: f64,
    pub skm: f64,
    /// The weighted `[[instruments]]`, in their order (from the entries, not this section).
    #[serde(skip)]
    pub instruments: Vec<IndexInstrument>,
}

/// An instrument in the combined index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexInstrument {
    /// Its position in `Config::instruments`.
    pub position: usize,
    /// Its sheet's name, (Indonesian, English).
    pub name: (String, String),
    pub weight: f64,
}

impl Default for IndexWeights {
    fn default() -> Self {
        // ASSUMPTION: no published weighting exists; set them in the config.
        IndexWeights {
            quality: 0.35,
            sla: 0.2,
            standard: 0.3,
            skm: 0.15,
            instruments: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersConfig {
    #[serde(default)]
    pub files: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub rubric: Option<PathBuf>,
    pub units: Option<PathBuf>,
    #[serde(default)]
    pub calendar: Vec<PathBuf>,
    #[serde(default)]
    pub aliases: Vec<PathBuf>,
    /// Filled review workbooks or folders of them.
    #[serde(default)]
    pub reviews: Vec<PathBuf>,
    /// `mean`, `median` or `lead:NAME`.
    pub review_rule: Option<String>,
    /// Disputes files.
    #[serde(default)]
    pub disputes: Vec<PathBuf>,
    /// The day the export was taken (`YYYY-MM-DD`), to which open items are counted
    /// against their SLA; default the latest date any record carries.
    pub export_date: Option<String>,
}

/// Characters Excel refuses in a sheet's name.
const SHEET_NAME_FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

/// Every instrument's sheets get names Excel accepts (1–31 characters, none of
/// `[ ] : * ? / \`), different from each other's in either language.
fn check_instrument_sheets(instruments: &[InstrumentConfig], path: &Path) -> Result<()> {
    use crate::i18n::Lang;
    for lang in [Lang::Id, Lang::En] {
        let mut seen: Vec<String> = Vec::new();
        for i in instruments {
            let mut names = vec![i.sheet_name(lang).to_string()];
            if i.evidence {
                names.push(i.evidence_sheet_name(lang));
            }
            if i.findings {
                names.push(i.findings_sheet_name(lang));
            }
            for name in names {
                let bad = name.trim().is_empty()
                    || name.chars().count() > 31
                    || name.contains(SHEET_NAME_FORBIDDEN)
                    || name.starts_with('\'')
                    || name.ends_with('\'');
                if bad {
                    return Err(Error::new(
                        crate::error::Location::file(path),
                        msg!(
                            "[[instruments]]: nama sheet \"{name}\" tidak bisa dipakai Excel (1–31 karakter, tanpa [ ] : * ? / \\ dan tanpa ' di awal atau akhir)",
                            "[[instruments]]: Excel cannot use the sheet name \"{name}\" (1–31 characters, none of [ ] : * ? / \\, no ' at either end)"
                        ),
                    ));
                }
                let key = name.to_lowercase();
                if seen.contains(&key) {
                    return Err(Error::new(
                        crate::error::Location::file(path),
                        msg!(
                            "[[instruments]]: nama sheet \"{name}\" dipakai dua kali",
                            "[[instruments]]: the sheet name \"{name}\" is used twice"
                        ),
                    ));
                }
                seen.push(key);
            }
        }
    }
    Ok(())
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        let text = crate::output::guard::read_to_string(path)?;
        let mut c: Config = parse_toml(&text, path)?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let rel = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        let a = &mut c.answers;
        a.files.iter_mut().for_each(rel);
        a.calendar.iter_mut().for_each(rel);
        a.aliases.iter_mut().for_each(rel);
        a.reviews.iter_mut().for_each(rel);
        a.disputes.iter_mut().for_each(rel);
        if let Some(p) = a.rubric.as_mut() {
            rel(p);
        }
        if let Some(p) = a.units.as_mut() {
            rel(p);
        }
        // The sections before [[instruments]] are entries, first.
        let legacy = [
            InstrumentConfig::legacy_minimum(std::mem::take(&mut c.standards)),
            InstrumentConfig::legacy(std::mem::take(&mut c.competition), true),
            InstrumentConfig::legacy(std::mem::take(&mut c.compliance), false),
        ];
        c.instruments.splice(0..0, legacy.into_iter().flatten());
        let minimum: Vec<&InstrumentConfig> = c.instruments.iter().filter(|i| i.minimum).collect();
        if minimum.len() > 1 {
            return Err(Error::new(
                crate::error::Location::file(path),
                msg!(
                    "[[instruments]]: hanya satu entri boleh minimum = true (standar minimal ULPK; [standards] juga dihitung), bukan {}",
                    "[[instruments]]: only one entry may have minimum = true (the minimum ULPK standard; [standards] counts too), not {}",
                    minimum.len()
                ),
            ));
        }
        if let Some(m) = minimum.first().filter(|m| m.index_weight != 0.0) {
            let sheet = &m.sheet;
            return Err(Error::new(
                crate::error::Location::file(path),
                msg!(
                    "[[instruments]] \"{sheet}\": standar minimal diberi bobot oleh [index] standard, bukan index_weight",
                    "[[instruments]] \"{sheet}\": the minimum standard is weighted by [index] standard, not index_weight"
                ),
            ));
        }
        for i in &mut c.instruments {
            i.workbooks.iter_mut().for_each(rel);
            rel(&mut i.standard);
        }
        check_instrument_sheets(&c.instruments, path)?;
        if let Some(t) = c.report.sla_target.filter(|t| !(0.0..=100.0).contains(t)) {
            return Err(Error::new(
                crate::error::Location::file(path),
                msg!(
                    "[report] sla_target = {t}: harus persentase 0–100",
                    "[report] sla_target = {t}: must be a percentage from 0 to 100"
                ),
            ));
        }
        c.skm.files.iter_mut().for_each(rel);
        if let Some(p) = c.report.previous.as_mut() {
            rel(p);
        }
        if let Some(p) = c.report.charts.as_mut() {
            rel(p);
        }
        match c.report.output.as_mut() {
            Some(p) => rel(p),
            None => c.report.output = Some(base.join("reports").join("laporan-ulpk.xlsx")),
        }
        c.index.instruments = c
            .instruments
            .iter()
            .enumerate()
            .filter(|(_, i)| i.index_weight != 0.0 && !i.minimum)
            .map(|(position, i)| IndexInstrument {
                position,
                name: (
                    i.sheet_name(crate::i18n::Lang::Id).to_string(),
                    i.sheet_name(crate::i18n::Lang::En).to_string(),
                ),
                weight: i.index_weight,
            })
            .collect();
        let w = &c.index;
        let all: Vec<f64> = [w.quality, w.sla, w.standard, w.skm]
            .into_iter()
            .chain(w.instruments.iter().map(|i| i.weight))
            .collect();
        if all.iter().any(|x| !x.is_finite() || *x < 0.0) || all.iter().sum::<f64>() <= 0.0 {
            return Err(Error::new(
                crate::error::Location::file(path),
                msg!(
                    "[index] dan index_weight pada [[instruments]]: bobot harus ≥ 0 dan jumlahnya > 0",
                    "[index] and the index_weight of [[instruments]]: weights must be ≥ 0 and sum to more than 0"
                ),
            ));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn load(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ulpk-eval.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path)
    }

    #[test]
    fn the_sections_before_instruments_are_instruments_first() {
        let c = load(
            r#"
[compliance]
standard = "k.toml"
workbooks = ["k"]
[[instruments]]
sheet = "PEKPPP"
standard = "p.toml"
layout = "recap"
"#,
        )
        .unwrap();
        let sheets: Vec<(&str, &str, Layout, bool)> = c
            .instruments
            .iter()
            .map(|i| {
                (
                    i.sheet_name(Lang::Id),
                    i.sheet_name(Lang::En),
                    i.layout,
                    i.evidence,
                )
            })
            .collect();
        assert_eq!(
            sheets,
            [
                (
                    "Kepatuhan Ombudsman",
                    "Ombudsman Compliance",
                    Layout::Zones,
                    false
                ),
                ("PEKPPP", "PEKPPP", Layout::Recap, false),
            ]
        );
        assert_eq!(c.instruments[0].label(Lang::En), "Compliance instrument");
        assert_eq!(c.instruments[1].label(Lang::Id), "PEKPPP");
        // Paths are the config folder's.
        assert!(c.instruments[1].standard.ends_with("p.toml"));
        assert!(c.instruments[1].standard.is_absolute());
    }

    #[test]
    fn instrument_sheets_excel_cannot_use_are_refused() {
        let entry = |sheet: &str, extra: &str| {
            format!(
                "[[instruments]]\nsheet = \"{sheet}\"\nstandard = \"p.toml\"\nlayout = \"zones\"\n{extra}"
            )
        };
        for (text, want) in [
            (entry("A/B", ""), "\"A/B\""),
            (entry(&"x".repeat(32), ""), "(1–31 characters"),
            // With its evidence sheet the name grows past 31 characters.
            (
                entry("Kepatuhan Standar Pelayanan", "evidence = true"),
                "\"Kepatuhan Standar Pelayanan — Bukti Dukung\"",
            ),
            (
                format!("{}{}", entry("Satu", ""), entry("satu", "")),
                "\"satu\" is used twice",
            ),
        ] {
            let e = load(&text).unwrap_err().render(Lang::En);
            assert!(e.contains(want), "{e}");
            assert!(e.contains("ulpk-eval.toml"), "{e}");
        }
        // One minimum standard, weighted by [index] standard only.
        let minimum = |extra: &str| {
            format!(
                "[[instruments]]\nsheet = \"M\"\nstandard = \"m.toml\"\nlayout = \"zones\"\nminimum = true\n{extra}"
            )
        };
        let e = load(&format!(
            "[standards]\nstandard = \"s.toml\"\n{}",
            minimum("")
        ))
        .unwrap_err()
        .render(Lang::En);
        assert!(e.contains("only one entry may have minimum = true"), "{e}");
        let e = load(&minimum("index_weight = 0.2"))
            .unwrap_err()
            .render(Lang::En);
        assert!(e.contains("weighted by [index] standard"), "{e}");
        let c = load("[standards]\nstandard = \"s.toml\"\nworkbooks = [\"w\"]\n").unwrap();
        let m = &c.instruments[0];
        assert!(m.minimum && m.findings && m.layout == Layout::Zones);
        assert_eq!(
            (
                m.sheet_name(Lang::Id),
                m.findings_sheet_name(Lang::En),
                m.label(Lang::Id)
            ),
            ("Aspek Standar per Unit", "Findings".to_string(), "Standar")
        );
        let e = load("[[instruments]]\nsheet = \"X\"\nstandard = \"p.toml\"\nlayout = \"table\"\n")
            .unwrap_err()
            .render(Lang::En);
        assert!(e.contains("zones") && e.contains("recap"), "{e}");
    }
}

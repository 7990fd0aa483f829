//! Scoring a batch of filled self-assessment workbooks against a standard, and the unit and
//! gap tables the `assess` and `report` commands write.

use std::path::PathBuf;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::assess::read::{self, Filled};
use crate::error::{Error, Location, Result};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::issues::{DataIssue, IssueKind, sort_issues};
use crate::standard::score::{Outcome, score};
use crate::standard::{Answer, Item, ItemKind, Standard};
use crate::stats::round2;

/// One scored unit.
pub struct UnitResult {
    pub filled: Filled,
    pub outcome: Outcome,
}

/// Reads and scores every workbook; returns the results (sorted by unit) and all issues.
/// A workbook's unit is matched to `units` and takes its official name; a unit the list
/// does not know is a data issue (the workbook is scored, but a ranking leaves it out).
pub fn assess(
    std: &Standard,
    paths: &[PathBuf],
    as_of: NaiveDate,
    units: &UnitList,
) -> (Vec<UnitResult>, Vec<DataIssue>) {
    let mut filled: Vec<read::Filled> = Vec::new();
    let mut issues = Vec::new();
    for p in paths {
        match read::read(p, std) {
            Err(e) => issues.push(DataIssue {
                kind: IssueKind::UnreadableWorkbook,
                location: e.location.clone(),
                record_id: None,
                message: e.message.clone(),
            }),
            Ok(mut f) => {
                issues.extend(f.issues.iter().cloned());
                match units.get(&f.unit) {
                    Some(official) => f.unit = official.to_string(),
                    None => issues.push(DataIssue {
                        kind: IssueKind::UnknownUnit,
                        location: Location::file(&f.path),
                        record_id: Some(f.unit.clone()),
                        message: units.unknown_message(&f.unit),
                    }),
                }
                filled.push(f);
            }
        }
    }
    // Two workbooks for one unit (a second version, or a hidden sheet edited to claim
    // another unit): which one holds the unit's answers is not for the tool to guess, so
    // neither counts and each names the others. The unit then shows no standard score
    // until one is removed.
    let mut results: Vec<UnitResult> = Vec::new();
    for f in &filled {
        let others: Vec<String> = filled
            .iter()
            .filter(|o| o.unit == f.unit && o.path != f.path)
            .map(|o| crate::error::shown(&o.path).to_string())
            .collect();
        if !others.is_empty() {
            let (unit, others) = (&f.unit, others.join(", "));
            issues.push(DataIssue {
                kind: IssueKind::DuplicateUnit,
                location: Location::file(&f.path),
                record_id: Some(f.unit.clone()),
                message: msg!(
                    "workbook ini dan {others} sama-sama untuk unit \"{unit}\"; tidak ada yang dihitung sampai tinggal satu (hapus versi lama atau yang salah)",
                    "this workbook and {others} are both for unit \"{unit}\"; none is counted until one is left (remove the old or wrong one)"
                ),
            });
        }
    }
    for f in filled {
        if issues.iter().any(|i| {
            i.kind == IssueKind::DuplicateUnit && i.record_id.as_deref() == Some(f.unit.as_str())
        }) {
            continue;
        }
        let outcome = score(std, &f.answers, as_of);
        results.push(UnitResult { filled: f, outcome });
    }
    results.sort_by(|a, b| a.filled.unit.cmp(&b.filled.unit));
    sort_issues(&mut issues);
    (results, issues)
}

/// Per-unit summary table.
pub fn units_frame(
    std: &Standard,
    results: &[UnitResult],
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let n = results.len();
    let mut unit = Vec::with_capacity(n);
    let mut file = Vec::with_capacity(n);
    let mut self_s = Vec::with_capacity(n);
    let mut ver = Vec::with_capacity(n);
    let mut gap = Vec::with_capacity(n);
    let mut eff = Vec::with_capacity(n);
    let mut grade = Vec::with_capacity(n);
    let mut label = Vec::with_capacity(n);
    let mut zone = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    let mut failed = Vec::with_capacity(n);
    let mut no_evidence = Vec::with_capacity(n);
    let mut verified = Vec::with_capacity(n);
    for r in results {
        let o = &r.outcome;
        unit.push(r.filled.unit.clone());
        file.push(crate::error::shown(&r.filled.path).to_string());
        self_s.push(o.self_total.map(round2));
        ver.push(o.verified_total.map(round2));
        gap.push(o.gap.map(round2));
        eff.push(o.effective_total.map(round2));
        grade.push(o.band.as_ref().map(|b| b.grade.clone()));
        label.push(o.band.as_ref().map(|b| b.label.clone()));
        zone.push(o.band.as_ref().and_then(|b| b.zone.clone()));
        status.push(
            if o.meets_minimum() {
                lang.pick("Memenuhi Standar Minimal", "Meets the Minimum Standard")
            } else {
                lang.pick(
                    "Belum Memenuhi Standar Minimal",
                    "Below the Minimum Standard",
                )
            }
            .to_string(),
        );
        failed.push(o.mandatory_failed.join(", "));
        let ne: Vec<&str> = o
            .items
            .iter()
            .filter(|i| i.met_without_evidence)
            .map(|i| i.code.as_str())
            .collect();
        no_evidence.push(ne.join(", "));
        verified.push(format!("{}/{}", o.verified_items, std.items.len()));
    }
    let mut t = crate::output::table::Sheet::new();
    t.push("unit", "Unit", unit);
    t.push(
        "self_score",
        lang.pick("Nilai Mandiri", "Self Score"),
        self_s,
    );
    t.push(
        "verified_score",
        lang.pick("Nilai Verifikasi", "Verified Score"),
        ver,
    );
    t.push(
        "gap",
        lang.pick("Selisih (Verifikasi − Mandiri)", "Gap (Verified − Self)"),
        gap,
    );
    t.push("score", lang.pick("Nilai Akhir", "Final Score"), eff);
    t.push("grade", lang.pick("Predikat", "Grade"), grade);
    t.push("grade_label", lang.pick("Kategori", "Category"), label);
    t.push("zone", lang.pick("Zona", "Zone"), zone);
    t.push(
        "status",
        lang.pick("Status Standar Minimal", "Minimum Standard"),
        status,
    );
    t.push(
        "mandatory_failed",
        lang.pick("Butir Wajib Belum Terpenuhi", "Mandatory Items Not Met"),
        failed,
    );
    t.push(
        "met_without_evidence",
        lang.pick("Memenuhi Tanpa Bukti", "Met Without Evidence"),
        no_evidence,
    );
    t.push(
        "verified_items",
        lang.pick("Butir Terverifikasi", "Items Verified"),
        verified,
    );
    t.push("file", lang.pick("Berkas", "File"), file);
    t.finish(n, "penilaian")
}

/// An answer as the unit gave it: a choice by its level's label.
pub fn answer_text(item: &Item, a: &Answer, lang: Lang) -> String {
    match a {
        Answer::Blank => lang.pick("belum diisi", "not answered").into(),
        Answer::NotApplicable => "N/A".into(),
        Answer::Yes => "Ya".into(),
        Answer::No => "Tidak".into(),
        Answer::Choice(i) => match &item.kind {
            ItemKind::Choice { levels } if *i < levels.len() => levels[*i].label.clone(),
            _ => format!("{} {}", lang.pick("pilihan", "level"), i + 1),
        },
        Answer::Number(v) | Answer::Percent(v) => format!("{v}"),
        Answer::Date(d) => d.format("%d/%m/%Y").to_string(),
    }
}

/// One row of the gap list: an item not fully met, what the unit answered and the
/// standard's guidance on how to meet it.
#[derive(Debug, Clone)]
pub struct GapRow {
    pub unit: String,
    pub code: String,
    pub aspect: String,
    pub item: String,
    pub mandatory: bool,
    pub met_pct: f64,
    pub weight: f64,
    pub points_lost: f64,
    /// The answer as given ("Tidak (verifikasi)").
    pub given: String,
    /// The standard's guidance for the item: the evidence that meets it.
    pub guidance: Option<String>,
    pub cell: String,
}

impl GapRow {
    /// What is missing in one text: the answer given, then the guidance.
    pub fn missing(&self, lang: Lang) -> String {
        let answer = lang.pick("Jawaban", "Answer");
        match &self.guidance {
            Some(gd) => format!("{answer}: {}. {gd}", self.given),
            None => format!("{answer}: {}", self.given),
        }
    }
}

/// Every item not fully met, per unit, in the order of each unit's gaps.
pub fn gap_rows(std: &Standard, results: &[UnitResult], lang: Lang) -> Vec<GapRow> {
    let mut rows: Vec<GapRow> = Vec::new();
    for r in results {
        for g in r.outcome.gaps() {
            let Some(item) = std.item(&g.code) else {
                continue;
            };
            let aspect = std
                .aspect(&item.aspect)
                .map(|a| a.label.clone())
                .unwrap_or_default();
            let given = match r.filled.answers.get(&g.code) {
                Some(a) if a.verified != Answer::Blank => format!(
                    "{} ({})",
                    answer_text(item, &a.verified, lang),
                    lang.pick("verifikasi", "verified")
                ),
                Some(a) => answer_text(item, &a.self_answer, lang),
                None => lang
                    .pick(
                        "butir tidak ada di workbook",
                        "item missing from the workbook",
                    )
                    .into(),
            };
            rows.push(GapRow {
                unit: r.filled.unit.clone(),
                code: g.code.clone(),
                aspect,
                item: item.text.clone(),
                mandatory: item.mandatory,
                met_pct: (g.effective.unwrap_or(0.0) * 100.0).round(),
                weight: item.weight,
                points_lost: round2(g.points_lost),
                given,
                guidance: item.guidance.clone(),
                cell: r.filled.cells.get(&g.code).cloned().unwrap_or_default(),
            });
        }
    }
    rows
}

/// The gap list: every item not fully met, per unit, by points lost.
pub fn gaps_frame(
    std: &Standard,
    results: &[UnitResult],
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let rows = gap_rows(std, results, lang);
    let text = |f: fn(&GapRow) -> String| rows.iter().map(f).collect::<Vec<String>>();
    let num = |f: fn(&GapRow) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
    let mandatory = lang.pick("Wajib", "Mandatory");
    let mut t = crate::output::table::Sheet::new();
    t.push("unit", "Unit", text(|r| r.unit.clone()));
    t.push("code", lang.pick("Kode", "Code"), text(|r| r.code.clone()));
    t.push(
        "aspect",
        lang.pick("Aspek", "Aspect"),
        text(|r| r.aspect.clone()),
    );
    t.push("item", lang.pick("Butir", "Item"), text(|r| r.item.clone()));
    t.push(
        "mandatory",
        lang.pick("Wajib", "Mandatory"),
        rows.iter()
            .map(|r| if r.mandatory { mandatory } else { "" })
            .collect::<Vec<_>>(),
    );
    t.push(
        "met_pct",
        lang.pick("Terpenuhi (%)", "Met (%)"),
        num(|r| r.met_pct),
    );
    t.push(
        "weight",
        lang.pick("Bobot Butir", "Item Weight"),
        num(|r| r.weight),
    );
    t.push(
        "points_lost",
        lang.pick("Poin Hilang", "Points Lost"),
        num(|r| r.points_lost),
    );
    t.push(
        "missing",
        lang.pick("Yang Kurang", "What Is Missing"),
        rows.iter().map(|r| r.missing(lang)).collect::<Vec<_>>(),
    );
    t.push("cell", lang.pick("Sel", "Cell"), text(|r| r.cell.clone()));
    t.finish(rows.len(), "celah")
}

/// The assessment date for date items: `YYYY-MM-DD`, or today when not given. `what` names
/// the option or config key in the error.
pub fn parse_as_of(s: Option<&str>, what: &str) -> Result<NaiveDate> {
    match s {
        None => Ok(chrono::Local::now().date_naive()),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| {
            Error::plain(msg!(
                "{what} \"{t}\" bukan tanggal YYYY-MM-DD",
                "{what} \"{t}\" is not a YYYY-MM-DD date"
            ))
        }),
    }
}

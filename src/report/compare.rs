//! Period comparison: the previous period, from its config (scored again) or from the
//! report workbook it produced, set beside this one: per-unit and national deltas and who
//! moved band.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use polars::prelude::*;

use super::PeriodResult;
use super::difference as diff;
use super::layout::label;
use super::ranking::{UnitLine, f64_at, ranking_frame, ranks, sorted};
use crate::error::{Error, Location, Msg, Result};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::progress::Progress;

/// The previous period as far as the comparison needs it.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    pub period: String,
    pub source: PathBuf,
    pub lines: BTreeMap<String, UnitLine>,
    /// Rank by combined index.
    pub ranks: BTreeMap<String, u32>,
    pub quality: Option<f64>,
    pub sla: Option<f64>,
    pub ikm: Option<f64>,
}

impl Previous {
    /// The previous period of a computed period.
    pub fn from_period(p: &PeriodResult) -> Previous {
        Previous {
            period: p.period().to_string(),
            source: p.config_path.clone(),
            ranks: ranks(&p.lines),
            lines: p.lines.clone(),
            quality: f64_at(&p.agg.overall, "mean_score", 0),
            sla: f64_at(&p.agg.overall, "sla_pct", 0),
            ikm: p.national_ikm(),
        }
    }
}

/// Loads the previous period: a `.toml` config is scored again; a workbook is read back as
/// a report this tool wrote (its Ringkasan and Peringkat Unit sheets, either language),
/// its unit names matched to this period's unit list (a report written before a unit was
/// renamed, or before the register, meets this period under the official name).
pub fn load(path: &Path, units: &UnitList, lang: Lang, progress: &Progress) -> Result<Previous> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") => {
            progress.stage(lang.pick(
                "Menilai periode sebelumnya…",
                "Scoring the previous period…",
            ));
            Ok(Previous::from_period(&super::compute(
                path, lang, progress, None,
            )?))
        }
        _ if crate::ingest::format::is_workbook(path) => read_report(path, units),
        _ => Err(Error::new(
            Location::file(path),
            msg!(
                "periode sebelumnya harus berupa konfigurasi .toml atau laporan .xlsx",
                "the previous period must be a .toml config or an .xlsx report"
            ),
        )),
    }
}

fn cell_f64(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => s.split_whitespace().next()?.parse().ok(),
        _ => None,
    }
}

fn cell_text(d: &Data) -> Option<String> {
    match d {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() || s == "-" => None,
        other => Some(other.to_string()),
    }
}

/// Reads a report this tool wrote.
fn read_report(path: &Path, units: &UnitList) -> Result<Previous> {
    let not_report = |what: Msg| Error::new(Location::file(path), what);
    let mut wb = crate::ingest::workbook::open(path)?;
    let names = wb.sheet_names();
    let find = |l: (&str, &str)| names.iter().find(|n| **n == l.0 || **n == l.1).cloned();
    let (Some(summary), Some(rank)) = (find(label::SUMMARY_SHEET), find(label::RANK_SHEET)) else {
        return Err(not_report(msg!(
            "bukan laporan ulpk-eval: sheet \"{}\" dan \"{}\" tidak ditemukan",
            "not an ulpk-eval report: no \"{}\" and \"{}\" sheets",
            label::SUMMARY_SHEET.0,
            label::RANK_SHEET.0
        )));
    };
    let mut prev = Previous {
        source: path.to_path_buf(),
        ..Previous::default()
    };
    let s = crate::ingest::workbook::sheet_range(&mut wb, path, &summary)?;
    for row in s.rows() {
        let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
            continue;
        };
        let k = k.to_string();
        let is = |l: (&str, &str)| k == l.0 || k == l.1;
        if is(label::PERIOD) {
            prev.period = v.to_string();
        } else if is(label::NATIONAL_SCORE) {
            prev.quality = cell_f64(v);
        } else if is(label::NATIONAL_SLA) {
            prev.sla = cell_f64(v);
        } else if is(label::NATIONAL_IKM) {
            prev.ikm = cell_f64(v);
        }
    }

    // The ranking's columns by their header in either language.
    let r = crate::ingest::workbook::sheet_range(&mut wb, path, &rank)?;
    let empty = BTreeMap::new();
    let (frame, id_headers) = ranking_frame(&empty, &Default::default(), Lang::Id)?;
    let (_, en_headers) = ranking_frame(&empty, &Default::default(), Lang::En)?;
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let header: Vec<String> = r
        .rows()
        .next()
        .map(|h| h.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let col_of = |name: &str| -> Option<usize> {
        let i = names.iter().position(|n| n == name)?;
        header
            .iter()
            .position(|h| *h == id_headers[i] || *h == en_headers[i])
    };
    let Some(unit_col) = col_of("unit") else {
        return Err(Error::new(
            Location::file(path).with_sheet(rank.as_str()),
            msg!(
                "kolom Unit tidak ditemukan di baris judul",
                "no Unit column in the header row"
            ),
        ));
    };
    let cols: BTreeMap<&str, Option<usize>> = [
        "rank",
        "answers",
        "quality",
        "quality_grade",
        "sla_pct",
        "standard",
        "standard_grade",
        "standard_zone",
        "ikm",
        "skm_grade",
        "index",
    ]
    .into_iter()
    .map(|n| (n, col_of(n)))
    .collect();
    for row in r.rows().skip(1) {
        let Some(unit) = row.get(unit_col).and_then(cell_text) else {
            continue;
        };
        let unit = units.get(&unit).map_or(unit, str::to_string);
        let get = |n: &str| cols.get(n).copied().flatten().and_then(|i| row.get(i));
        let num = |n: &str| get(n).and_then(cell_f64);
        let text = |n: &str| get(n).and_then(cell_text);
        if let Some(rank) = num("rank") {
            prev.ranks.insert(unit.clone(), rank as u32);
        }
        prev.lines.insert(
            unit,
            UnitLine {
                answers: num("answers").map(|v| v as u32),
                quality: num("quality"),
                quality_grade: text("quality_grade"),
                sla: num("sla_pct"),
                standard: num("standard"),
                standard_grade: text("standard_grade"),
                standard_zone: text("standard_zone"),
                ikm: num("ikm"),
                skm_grade: text("skm_grade"),
                index: num("index"),
                ..UnitLine::default()
            },
        );
    }
    Ok(prev)
}

/// How a grade moved, by the band order (best first): "naik B → A", "turun", or None.
fn moved(
    order: &[String],
    before: Option<&String>,
    now: Option<&String>,
    lang: Lang,
) -> Option<String> {
    let (b, n) = (before?, now?);
    if b == n {
        return None;
    }
    let pos = |g: &String| order.iter().position(|x| x == g);
    let word = match (pos(b), pos(n)) {
        (Some(pb), Some(pn)) if pn < pb => lang.pick("naik", "up"),
        (Some(pb), Some(pn)) if pn > pb => lang.pick("turun", "down"),
        _ => lang.pick("berubah", "changed"),
    };
    Some(format!("{word} {b} → {n}"))
}

/// Band orders (best first) of the grades a unit line carries.
pub struct GradeOrders {
    pub quality: Vec<String>,
    pub standard: Vec<String>,
    pub skm: Vec<String>,
}

impl GradeOrders {
    pub fn of(p: &PeriodResult) -> Result<GradeOrders> {
        let grades = |bands: &[crate::bands::Band]| bands.iter().map(|b| b.grade.clone()).collect();
        Ok(GradeOrders {
            quality: p.run.rubric.bands.iter().map(|b| b.grade.clone()).collect(),
            standard: p
                .standards()
                .map(|s| grades(&s.standard.bands.bands))
                .unwrap_or_default(),
            skm: grades(&crate::skm::bands()?.bands),
        })
    }
}

/// The band moves of one unit, joined: "Standar: naik B → A; Kualitas jawaban: turun A → B".
pub fn movement(
    before: Option<&UnitLine>,
    now: Option<&UnitLine>,
    orders: &GradeOrders,
    lang: Lang,
) -> String {
    let (Some(b), Some(n)) = (before, now) else {
        return match (before, now) {
            (None, Some(_)) => lang.pick("baru pada periode ini", "new this period"),
            _ => lang.pick("tidak ada pada periode ini", "absent this period"),
        }
        .to_string();
    };
    let parts: Vec<String> = [
        (
            lang.pick("Kualitas jawaban", "Answer quality"),
            moved(
                &orders.quality,
                b.quality_grade.as_ref(),
                n.quality_grade.as_ref(),
                lang,
            ),
        ),
        (
            lang.pick("Standar", "Standard"),
            moved(
                &orders.standard,
                b.standard_grade.as_ref(),
                n.standard_grade.as_ref(),
                lang,
            ),
        ),
        (
            lang.pick("Zona", "Zone"),
            (b.standard_zone.is_some()
                && n.standard_zone.is_some()
                && b.standard_zone != n.standard_zone)
                .then(|| {
                    format!(
                        "{} → {}",
                        b.standard_zone.as_deref().unwrap_or("-"),
                        n.standard_zone.as_deref().unwrap_or("-")
                    )
                }),
        ),
        (
            "SKM",
            moved(
                &orders.skm,
                b.skm_grade.as_ref(),
                n.skm_grade.as_ref(),
                lang,
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(what, m)| m.map(|m| format!("{what}: {m}")))
    .collect();
    if parts.is_empty() {
        lang.pick("tetap", "unchanged").to_string()
    } else {
        parts.join("; ")
    }
}

/// One measure's columns: previous, now, difference.
type Measure = (Vec<Option<f64>>, Vec<Option<f64>>, Vec<Option<f64>>);

/// A unit's figure compared between two periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Quality,
    Sla,
    Standard,
    Ikm,
    Index,
}

impl Figure {
    pub const ALL: [Figure; 5] = [
        Figure::Quality,
        Figure::Sla,
        Figure::Standard,
        Figure::Ikm,
        Figure::Index,
    ];

    /// The figure on a unit line.
    pub fn of(self, l: &UnitLine) -> Option<f64> {
        match self {
            Figure::Quality => l.quality,
            Figure::Sla => l.sla,
            Figure::Standard => l.standard,
            Figure::Ikm => l.ikm,
            Figure::Index => l.index,
        }
    }

    /// The column name of the comparison table.
    pub fn key(self) -> &'static str {
        match self {
            Figure::Quality => "quality",
            Figure::Sla => "sla_pct",
            Figure::Standard => "standard",
            Figure::Ikm => "ikm",
            Figure::Index => "index",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Figure::Quality => lang.pick("Skor kualitas", "Quality score"),
            Figure::Sla => lang.pick("SLA (%)", "SLA (%)"),
            Figure::Standard => lang.pick("Standar", "Standard"),
            Figure::Ikm => "IKM",
            Figure::Index => lang.pick("Indeks gabungan", "Combined index"),
        }
    }

    /// "Perubahan skor kualitas": the label of the change in a summary.
    pub fn change_label(self, lang: Lang) -> &'static str {
        match self {
            Figure::Quality => lang.pick("Perubahan skor kualitas", "Change in quality score"),
            Figure::Sla => lang.pick(
                "Perubahan pemenuhan SLA (poin)",
                "Change in SLA fulfilment (points)",
            ),
            Figure::Standard => lang.pick(
                "Perubahan nilai akhir standar",
                "Change in standard final score",
            ),
            Figure::Ikm => lang.pick("Perubahan IKM", "Change in IKM"),
            Figure::Index => lang.pick("Perubahan indeks gabungan", "Change in combined index"),
        }
    }
}

/// How many places a unit moved up (+) or down (−) between two ranks.
pub fn rank_change(before: Option<u32>, now: Option<u32>) -> Option<i64> {
    before.zip(now).map(|(b, n)| b as i64 - n as i64)
}

/// One row per unit of either period (this period's rank order first, then units only in
/// the previous one), plus a first row with the national figures.
pub fn comparison_frame(
    p: &PeriodResult,
    prev: &Previous,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let orders = GradeOrders::of(p)?;
    let now_ranks = ranks(&p.lines);
    let mut units: Vec<String> = sorted(&p.lines)
        .into_iter()
        .map(|(u, _)| u.clone())
        .collect();
    units.extend(
        prev.lines
            .keys()
            .filter(|u| !p.lines.contains_key(*u))
            .cloned(),
    );

    let mut unit_col = vec![lang.pick("Nasional", "National").to_string()];
    let mut rank_prev: Vec<Option<u32>> = vec![None];
    let mut rank_now: Vec<Option<u32>> = vec![None];
    let mut rank_change: Vec<Option<i64>> = vec![None];
    let national = |f: fn(&Previous) -> Option<f64>, now: Option<f64>| (f(prev), now);
    let nat_now_ikm = p.national_ikm();
    let nat = [
        national(|x| x.quality, f64_at(&p.agg.overall, "mean_score", 0)),
        national(|x| x.sla, f64_at(&p.agg.overall, "sla_pct", 0)),
        (None, None),
        national(|x| x.ikm, nat_now_ikm),
        (None, None),
    ];
    // Per measure: previous, now, difference.
    let mut measures: [Measure; 5] = Default::default();
    for (m, (b, n)) in measures.iter_mut().zip(nat) {
        m.0.push(b);
        m.1.push(n);
        m.2.push(diff(n, b));
    }
    let mut grade_prev: Vec<Option<String>> = vec![None];
    let mut grade_now: Vec<Option<String>> = vec![None];
    let mut zone_prev: Vec<Option<String>> = vec![None];
    let mut zone_now: Vec<Option<String>> = vec![None];
    let mut movement_col: Vec<String> = vec![String::new()];
    for u in &units {
        let (b, n) = (prev.lines.get(u), p.lines.get(u));
        unit_col.push(u.clone());
        let (rb, rn) = (prev.ranks.get(u).copied(), now_ranks.get(u).copied());
        rank_prev.push(rb);
        rank_now.push(rn);
        rank_change.push(self::rank_change(rb, rn));
        for (m, g) in measures.iter_mut().zip(Figure::ALL) {
            let (vb, vn) = (b.and_then(|l| g.of(l)), n.and_then(|l| g.of(l)));
            m.0.push(vb);
            m.1.push(vn);
            m.2.push(diff(vn, vb));
        }
        grade_prev.push(b.and_then(|l| l.standard_grade.clone()));
        grade_now.push(n.and_then(|l| l.standard_grade.clone()));
        zone_prev.push(b.and_then(|l| l.standard_zone.clone()));
        zone_now.push(n.and_then(|l| l.standard_zone.clone()));
        movement_col.push(movement(b, n, &orders, lang));
    }
    let height = unit_col.len();
    let (before, now, delta) = (
        prev.period.as_str(),
        p.period(),
        lang.pick("Selisih", "Change"),
    );
    let rank = lang.pick("Peringkat", "Rank");
    let mut t = crate::output::table::Sheet::new();
    t.push("unit", "Unit", unit_col);
    t.push("rank_prev", format!("{rank} {before}"), rank_prev);
    t.push("rank", format!("{rank} {now}"), rank_now);
    t.push(
        "rank_change",
        lang.pick("Perubahan peringkat (+ naik)", "Rank change (+ up)"),
        rank_change,
    );
    let names = Figure::ALL.map(|f| (f.key(), f.label(lang)));
    for ((name, label), (b, n, d)) in names.into_iter().zip(measures) {
        t.push(&format!("{name}_prev"), format!("{label} {before}"), b);
        t.push(name, format!("{label} {now}"), n);
        t.push(&format!("{name}_diff"), format!("{label} — {delta}"), d);
    }
    let grade = lang.pick("Predikat standar", "Standard grade");
    let zone = lang.pick("Zona", "Zone");
    t.push(
        "standard_grade_prev",
        format!("{grade} {before}"),
        grade_prev,
    );
    t.push("standard_grade", format!("{grade} {now}"), grade_now);
    t.push("standard_zone_prev", format!("{zone} {before}"), zone_prev);
    t.push("standard_zone", format!("{zone} {now}"), zone_now);
    t.push(
        "movement",
        lang.pick("Perpindahan predikat", "Band moves"),
        movement_col,
    );
    t.finish(height, "perbandingan")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders() -> GradeOrders {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        GradeOrders {
            quality: g(&["A", "B", "C", "D"]),
            standard: g(&["A", "B", "C", "D", "E"]),
            skm: g(&["A", "B", "C", "D"]),
        }
    }

    fn line(quality: &str, standard: &str, zone: &str) -> UnitLine {
        UnitLine {
            quality_grade: Some(quality.into()),
            standard_grade: Some(standard.into()),
            standard_zone: Some(zone.into()),
            ..UnitLine::default()
        }
    }

    #[test]
    fn band_moves_are_named_with_their_direction() {
        let o = orders();
        let before = line("A", "C", "kuning");
        let now = line("B", "A", "hijau");
        assert_eq!(
            movement(Some(&before), Some(&now), &o, Lang::Id),
            "Kualitas jawaban: turun A → B; Standar: naik C → A; Zona: kuning → hijau"
        );
        assert_eq!(movement(Some(&now), Some(&now), &o, Lang::En), "unchanged");
        assert_eq!(
            movement(None, Some(&now), &o, Lang::Id),
            "baru pada periode ini"
        );
        assert_eq!(
            movement(Some(&now), None, &o, Lang::Id),
            "tidak ada pada periode ini"
        );
        // A grade outside the band set still shows, without a direction.
        assert_eq!(
            moved(
                &o.skm,
                Some(&"X".to_string()),
                Some(&"A".to_string()),
                Lang::Id
            )
            .as_deref(),
            Some("berubah X → A")
        );
    }

    #[test]
    fn ranks_follow_the_combined_index_and_skip_units_without_one() {
        let mut lines = BTreeMap::new();
        for (u, i) in [
            ("B", Some(70.0)),
            ("A", Some(70.0)),
            ("C", None),
            ("D", Some(90.0)),
        ] {
            lines.insert(
                u.to_string(),
                UnitLine {
                    index: i,
                    ..UnitLine::default()
                },
            );
        }
        let r = ranks(&lines);
        assert_eq!(r.get("D"), Some(&1));
        // A and B tie: they share rank 2 (competition ranking), whatever their names.
        assert_eq!(r.get("A"), Some(&2));
        assert_eq!(r.get("B"), Some(&2));
        assert_eq!(r.get("C"), None);
        lines.insert(
            "E".into(),
            UnitLine {
                index: Some(60.0),
                ..UnitLine::default()
            },
        );
        assert_eq!(ranks(&lines).get("E"), Some(&4), "1, 2, 2, 4");
    }

    #[test]
    fn a_unit_missing_a_weighted_component_has_no_index() {
        use crate::config::IndexWeights;
        use crate::report::ranking::{Component, combined_index, missing};
        let w = IndexWeights::default();
        let full = UnitLine {
            quality: Some(90.0),
            sla: Some(80.0),
            standard: Some(70.0),
            ikm: Some(60.0),
            ..UnitLine::default()
        };
        // 0.35·90 + 0.2·80 + 0.3·70 + 0.15·60 = 77.5
        assert_eq!(combined_index(&full, &w), Some(77.5));
        let no_standard = UnitLine {
            standard: None,
            ikm: None,
            ..full.clone()
        };
        assert_eq!(combined_index(&no_standard, &w), None);
        assert_eq!(
            missing(&no_standard, &w),
            [Component::Standard, Component::Skm]
        );
        // A component weighted 0 is not needed.
        let w = IndexWeights { skm: 0.0, ..w };
        assert_eq!(
            missing(
                &UnitLine {
                    ikm: None,
                    ..full.clone()
                },
                &w
            ),
            []
        );
        // An instrument weighted 0.5 is a component: 4.5 on PEKPPP's 0–5 scale enters as 90;
        // (0.35·90 + 0.2·80 + 0.3·70 + 0.5·90) / 1.35 = 113.5 / 1.35 = 84.07. Without its
        // score the unit lacks it, by the instrument's sheet name.
        let w = IndexWeights {
            instruments: vec![crate::config::IndexInstrument {
                position: 0,
                name: ("PEKPPP".into(), "PEKPPP".into()),
                weight: 0.5,
            }],
            ..w
        };
        let with = UnitLine {
            instruments: vec![Some(90.0)],
            ..full.clone()
        };
        assert_eq!(combined_index(&with, &w), Some(84.07));
        assert_eq!(missing(&full, &w), [Component::Instrument(0)]);
        let mut l = full.clone();
        l.missing = missing(&full, &w);
        assert_eq!(
            crate::report::ranking::missing_names(&l, &w, Lang::Id),
            "PEKPPP"
        );
    }

    #[test]
    fn numbers_are_read_from_report_cells() {
        assert_eq!(
            cell_f64(&Data::String("86.25 (B Baik)".into())),
            Some(86.25)
        );
        assert_eq!(cell_f64(&Data::Float(3.5)), Some(3.5));
        assert_eq!(cell_f64(&Data::String("-".into())), None);
        assert_eq!(cell_text(&Data::String("-".into())), None);
        assert_eq!(diff(Some(80.333), Some(70.0)), Some(10.33));
        assert_eq!(diff(None, Some(70.0)), None);
    }
}

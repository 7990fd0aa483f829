//! The unit ranking: answer quality, SLA, standard compliance and SKM joined by unit, with
//! the combined index the config's weights give.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::assess::batch::UnitResult;
use crate::config::IndexWeights;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::output::xlsx;
use crate::rubric::Rubric;
use crate::skm::{self, SkmResult};

/// One unit's line in the ranking.
#[derive(Debug, Clone, Default)]
pub struct UnitLine {
    pub answers: Option<u32>,
    pub quality: Option<f64>,
    /// The answer-quality band of the unit's mean score (the rubric's bands).
    pub quality_grade: Option<String>,
    pub sla: Option<f64>,
    pub standard_self: Option<f64>,
    pub standard_verified: Option<f64>,
    pub standard: Option<f64>,
    pub standard_grade: Option<String>,
    pub standard_zone: Option<String>,
    pub meets_minimum: Option<bool>,
    pub ikm: Option<f64>,
    pub skm_grade: Option<String>,
    pub index: Option<f64>,
}

/// The combined index: the weighted mean of the components the unit has, each 0–100.
pub fn combined_index(l: &UnitLine, w: &IndexWeights) -> Option<f64> {
    let parts = [
        (l.quality, w.quality),
        (l.sla, w.sla),
        (l.standard, w.standard),
        (l.ikm, w.skm),
    ];
    let (num, den) = parts
        .iter()
        .filter_map(|(v, w)| v.map(|v| (v * w, *w)))
        .filter(|(_, w)| *w > 0.0)
        .fold((0.0, 0.0), |(n, d), (a, b)| (n + a, d + b));
    (den > 0.0).then(|| (num / den * 100.0).round() / 100.0)
}

/// A numeric cell of a frame as f64, None when null or not numeric.
pub fn f64_at(df: &DataFrame, col: &str, i: usize) -> Option<f64> {
    df.column(col)
        .ok()?
        .cast(&DataType::Float64)
        .ok()?
        .f64()
        .ok()?
        .get(i)
}

/// Joins the components by unit name.
pub fn ranking(
    rubric: &Rubric,
    by_unit: &DataFrame,
    assessed: &[UnitResult],
    skm: Option<&SkmResult>,
    w: &IndexWeights,
) -> Result<BTreeMap<String, UnitLine>> {
    let mut lines: BTreeMap<String, UnitLine> = BTreeMap::new();
    let units = by_unit
        .column("unit")
        .and_then(|c| c.str().cloned())
        .map_err(|e| polars_err("peringkat", e))?;
    for (i, u) in units.iter().enumerate() {
        let Some(u) = u else { continue };
        let l = lines.entry(u.to_string()).or_default();
        l.answers = f64_at(by_unit, "answers", i).map(|v| v as u32);
        l.quality = f64_at(by_unit, "mean_score", i);
        l.quality_grade = l
            .quality
            .and_then(|q| rubric.grade(q))
            .map(|b| b.grade.clone());
        l.sla = f64_at(by_unit, "sla_pct", i);
    }
    for r in assessed {
        let l = lines.entry(r.filled.unit.clone()).or_default();
        let o = &r.outcome;
        l.standard_self = o.self_total.map(skm::round2);
        l.standard_verified = o.verified_total.map(skm::round2);
        l.standard = o.effective_total.map(skm::round2);
        l.standard_grade = o.band.as_ref().map(|b| b.grade.clone());
        l.standard_zone = o.band.as_ref().and_then(|b| b.zone.clone());
        l.meets_minimum = Some(o.meets_minimum());
    }
    if let Some(s) = skm {
        for u in &s.units {
            let Some(name) = &u.unit else { continue };
            let l = lines.entry(name.clone()).or_default();
            l.ikm = u.ikm.map(skm::round2);
            l.skm_grade = u.band.as_ref().map(|b| b.grade.clone());
        }
    }
    for l in lines.values_mut() {
        l.index = combined_index(l, w);
    }
    Ok(lines)
}

/// Units best combined index first, ties and units without an index by name.
pub fn sorted(lines: &BTreeMap<String, UnitLine>) -> Vec<(&String, &UnitLine)> {
    let mut v: Vec<(&String, &UnitLine)> = lines.iter().collect();
    v.sort_by(|a, b| {
        b.1.index
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.1.index.unwrap_or(f64::NEG_INFINITY))
            .then(a.0.cmp(b.0))
    });
    v
}

/// Ranks by combined index, 1 = best; units without an index have none.
pub fn ranks(lines: &BTreeMap<String, UnitLine>) -> BTreeMap<String, u32> {
    sorted(lines)
        .into_iter()
        .filter(|(_, l)| l.index.is_some())
        .enumerate()
        .map(|(i, (u, _))| (u.clone(), i as u32 + 1))
        .collect()
}

/// The ranking as a table, best combined index first (ties by unit name).
pub fn ranking_frame(
    lines: &BTreeMap<String, UnitLine>,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let v = sorted(lines);
    let n = v.len();
    let rank: Vec<Option<u32>> = v
        .iter()
        .enumerate()
        .map(|(i, (_, l))| l.index.map(|_| i as u32 + 1))
        .collect();
    let status = |m: Option<bool>| {
        m.map(|m| {
            if m {
                lang.pick("Memenuhi", "Meets")
            } else {
                lang.pick("Belum Memenuhi", "Below")
            }
            .to_string()
        })
    };
    let df = DataFrame::new(
        n,
        vec![
            Column::new("rank".into(), rank),
            Column::new(
                "unit".into(),
                v.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "answers".into(),
                v.iter().map(|x| x.1.answers).collect::<Vec<_>>(),
            ),
            Column::new(
                "quality".into(),
                v.iter().map(|x| x.1.quality).collect::<Vec<_>>(),
            ),
            Column::new(
                "quality_grade".into(),
                v.iter()
                    .map(|x| x.1.quality_grade.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "sla_pct".into(),
                v.iter().map(|x| x.1.sla).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_self".into(),
                v.iter().map(|x| x.1.standard_self).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_verified".into(),
                v.iter().map(|x| x.1.standard_verified).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard".into(),
                v.iter().map(|x| x.1.standard).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_grade".into(),
                v.iter()
                    .map(|x| x.1.standard_grade.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_zone".into(),
                v.iter()
                    .map(|x| x.1.standard_zone.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "minimum".into(),
                v.iter()
                    .map(|x| status(x.1.meets_minimum))
                    .collect::<Vec<_>>(),
            ),
            Column::new("ikm".into(), v.iter().map(|x| x.1.ikm).collect::<Vec<_>>()),
            Column::new(
                "skm_grade".into(),
                v.iter().map(|x| x.1.skm_grade.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "index".into(),
                v.iter().map(|x| x.1.index).collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(|e| polars_err("peringkat", e))?;
    let headers = crate::labels::owned(&[
        lang.pick("Peringkat", "Rank"),
        "Unit",
        lang.pick("Jawaban Dinilai", "Answers Scored"),
        lang.pick("Skor Kualitas Jawaban", "Answer Quality Score"),
        lang.pick("Predikat Kualitas Jawaban", "Answer Quality Grade"),
        lang.pick("Pemenuhan SLA (%)", "SLA Fulfilment (%)"),
        lang.pick("Standar — Nilai Mandiri", "Standard — Self"),
        lang.pick("Standar — Nilai Verifikasi", "Standard — Verified"),
        lang.pick("Standar — Nilai Akhir", "Standard — Final"),
        lang.pick("Predikat Standar", "Standard Grade"),
        lang.pick("Zona", "Zone"),
        lang.pick("Standar Minimal", "Minimum Standard"),
        "IKM (SKM)",
        lang.pick("Mutu SKM", "SKM Grade"),
        lang.pick("Indeks Gabungan", "Combined Index"),
    ]);
    Ok((df, headers))
}

/// Colour scales on the scores, zone and minimum-standard fills, and a bar chart of the
/// combined index on the summary sheet.
pub fn decorate_ranking(
    wb: &mut rust_xlsxwriter::Workbook,
    rank_sheet: &str,
    summary_sheet: &str,
    rank_df: &DataFrame,
    quality_grades: &[String],
    lang: Lang,
) -> Result<()> {
    let last = rank_df.height() as u32;
    let col = |name: &str| xlsx::column_index(rank_df, name);
    let ws = wb.worksheet_from_name(rank_sheet).map_err(xlsx::xlsx_err)?;
    for c in ["quality", "sla_pct", "standard", "ikm", "index"] {
        xlsx::color_scale(ws, col(c), last)?;
    }
    for (zone, color) in super::workbook::ZONE_FILLS {
        xlsx::fill_when_text(ws, col("standard_zone"), last, zone, color)?;
    }
    for (grade, color) in xlsx::grade_fills(quality_grades) {
        xlsx::fill_when_equal(ws, col("quality_grade"), last, &grade, color)?;
    }
    let (met, below) = (lang.pick("Memenuhi", "Meets"), lang.pick("Belum", "Below"));
    xlsx::fill_when_text(ws, col("minimum"), last, met, xlsx::FILL_GOOD)?;
    xlsx::fill_when_text(ws, col("minimum"), last, below, xlsx::FILL_BAD)?;
    if last == 0 {
        return Ok(());
    }
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Bar);
    chart
        .add_series()
        .set_categories((rank_sheet, 1, col("unit"), last, col("unit")))
        .set_values((rank_sheet, 1, col("index"), last, col("index")))
        .set_name(lang.pick("Indeks gabungan", "Combined index"));
    chart
        .title()
        .set_name(lang.pick("Indeks Gabungan per Unit", "Combined Index by Unit"));
    // In a bar chart x is the value axis and y the category axis: best unit on top.
    chart.x_axis().set_min(0).set_max(100);
    chart.y_axis().set_reverse();
    chart.legend().set_hidden();
    chart.set_width(720).set_height(24 * last + 120);
    let ws = wb
        .worksheet_from_name(summary_sheet)
        .map_err(xlsx::xlsx_err)?;
    ws.insert_chart(1, 3, &chart).map_err(xlsx::xlsx_err)?;
    Ok(())
}

//! The report's charts as files (PNG and SVG): the unit ranking, the unit
//! × criterion heatmap, the monthly trend and the score distribution. The heatmap and the
//! distribution, which Excel cannot draw natively, also go into the workbook as pictures.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::PeriodResult;
use super::ranking::{f64_at, sorted};
use crate::aggregate;
use crate::charts::{self, Bar, Chart, ChartFormat, Legend, Series};
use crate::error::{Error, Result, polars_err};
use crate::i18n::Lang;
use crate::output::atomic_write;
use crate::score::SCORE;
use crate::validate::DUPLICATE;

/// The bars' colour: the combined index has no band set, so no band colour
/// ([`super::colours`]); a unit without an index is grey.
const INDEX_BAR: u32 = 0x2F5597;

/// Combined index per unit, best first.
pub fn ranking(p: &PeriodResult, lang: Lang) -> Result<Chart> {
    let items = sorted(&p.lines)
        .into_iter()
        .filter(|(u, _)| u.as_str() != aggregate::blank_key(lang))
        .map(|(u, l)| Bar {
            label: u.clone(),
            value: l.index,
            color: if l.index.is_some() {
                INDEX_BAR
            } else {
                0xBFBFBF
            },
            // A unit not ranked says why, as the ranking sheet does.
            note: (l.index.is_none() && !l.missing.is_empty())
                .then(|| lang.pick("belum lengkap", "incomplete").to_string()),
        })
        .collect();
    let legend: Vec<Legend> = Vec::new();
    Ok(Chart::Bars {
        title: format!(
            "{} — {}",
            lang.pick("Indeks Gabungan per Unit", "Combined Index by Unit"),
            p.period()
        ),
        value_label: lang
            .pick("Indeks gabungan (0–100)", "Combined index (0–100)")
            .into(),
        items,
        max: 100.0,
        legend,
    })
}

/// Pass rate of every criterion per unit.
pub fn heatmap(p: &PeriodResult, lang: Lang) -> Result<Chart> {
    let df = &p.agg.by_unit;
    let units: Vec<String> = df
        .column("unit")
        .and_then(|c| c.str().cloned())
        .map_err(|e| polars_err("grafik", e))?
        .iter()
        .map(|u| u.unwrap_or("").to_string())
        .collect();
    let criteria = &p.run.rubric.criteria;
    // A rate from fewer than the minimum n gets no colour, as on the sheet.
    let values = (0..units.len())
        .map(|i| {
            criteria
                .iter()
                .map(|c| match p.small_n(&c.id, i) {
                    Some(_) => None,
                    None => f64_at(df, &aggregate::pass_col(&c.id), i),
                })
                .collect()
        })
        .collect();
    Ok(Chart::Heatmap {
        title: format!(
            "{} — {}",
            lang.pick(
                "Kelulusan Kriteria per Unit (%)",
                "Criterion Pass Rate by Unit (%)"
            ),
            p.period()
        ),
        rows: units,
        cols: criteria.iter().map(|c| c.label.clone()).collect(),
        values,
        blank_label: Some(tr!(
            lang,
            "tidak ada data atau n < {}",
            "no data or n < {}",
            p.min_n()
        )),
        // Pass rates in the colours of the rates' bands, as on the sheet.
        bands: super::colours::Colours::of(&p.run.rubric)?
            .rates
            .fills(100.0)
            .into_iter()
            .map(|f| charts::KeyBand {
                min: f.min,
                label: f.label,
                color: f.color,
            })
            .collect(),
    })
}

/// Mean score and SLA fulfilment per month.
pub fn trend(p: &PeriodResult, lang: Lang) -> Result<Chart> {
    let df = &p.agg.by_month;
    let months: Vec<String> = df
        .column("month")
        .and_then(|c| c.str().cloned())
        .map_err(|e| polars_err("grafik", e))?
        .iter()
        .map(|m| m.unwrap_or("").to_string())
        .collect();
    let keep: Vec<usize> = (0..months.len())
        .filter(|&i| months[i] != aggregate::blank_key(lang))
        .collect();
    let series = |name: &str, col: &str, color: u32| Series {
        name: name.into(),
        values: keep.iter().map(|&i| f64_at(df, col, i)).collect(),
        color,
    };
    Ok(Chart::Lines {
        title: format!(
            "{} — {}",
            lang.pick("Tren Bulanan Kualitas Jawaban", "Monthly Answer Quality"),
            p.period()
        ),
        categories: keep.iter().map(|&i| months[i].clone()).collect(),
        series: vec![
            series(
                lang.pick("Rata-rata skor", "Mean score"),
                "mean_score",
                0x2F5597,
            ),
            series(
                lang.pick("Pemenuhan SLA (%)", "SLA fulfilment (%)"),
                "sla_pct",
                0xC55A11,
            ),
        ],
        y_label: "0–100".into(),
    })
}

/// Distribution of the answer scores (duplicates left out).
pub fn distribution(p: &PeriodResult, lang: Lang) -> Result<Chart> {
    let scores = p
        .run
        .scored
        .clone()
        .lazy()
        .filter(col(DUPLICATE).not())
        .select([col(SCORE).cast(DataType::Float64)])
        .collect()
        .map_err(|e| polars_err("grafik", e))?;
    let values: Vec<f64> = scores
        .column(SCORE)
        .and_then(|c| c.f64().cloned())
        .map_err(|e| polars_err("grafik", e))?
        .iter()
        .flatten()
        .collect();
    Ok(Chart::Histogram {
        title: format!(
            "{} — {}",
            lang.pick(
                "Sebaran Skor Kualitas Jawaban",
                "Answer Quality Score Distribution"
            ),
            p.period()
        ),
        values,
        bin: 10.0,
        x_label: lang.pick("Skor (0–100)", "Score (0–100)").into(),
        y_label: lang.pick("Jumlah jawaban", "Answers").into(),
    })
}

/// A chart with its file stem and its PNG, rendered once for the files and the workbook.
pub struct RenderedChart {
    pub stem: &'static str,
    pub chart: Chart,
    pub png: Vec<u8>,
}

/// The report's charts, each by its name.
pub struct ReportCharts {
    /// Units by combined index (bar).
    pub ranking: RenderedChart,
    /// Unit × criterion pass rates (heatmap; a picture beside the criteria sheet).
    pub heatmap: RenderedChart,
    /// National score and SLA by month (lines).
    pub trend: RenderedChart,
    /// Answers per score band (histogram; a picture on the summary sheet).
    pub distribution: RenderedChart,
}

impl ReportCharts {
    /// Every chart, in the order their files are listed.
    pub fn iter(&self) -> impl Iterator<Item = &RenderedChart> {
        [
            &self.ranking,
            &self.heatmap,
            &self.trend,
            &self.distribution,
        ]
        .into_iter()
    }
}

/// The report's charts, rendered as PNG.
pub fn all(p: &PeriodResult, lang: Lang) -> Result<ReportCharts> {
    let render = |stem: &'static str, chart: Chart| -> Result<RenderedChart> {
        let png = charts::render(&chart, ChartFormat::Png, lang)?;
        Ok(RenderedChart { stem, chart, png })
    };
    Ok(ReportCharts {
        ranking: render(
            lang.pick("peringkat-unit", "unit-ranking"),
            ranking(p, lang)?,
        )?,
        heatmap: render(
            lang.pick("kriteria-per-unit", "criteria-by-unit"),
            heatmap(p, lang)?,
        )?,
        trend: render(lang.pick("tren-bulanan", "monthly-trend"), trend(p, lang)?)?,
        distribution: render(
            lang.pick("sebaran-skor", "score-distribution"),
            distribution(p, lang)?,
        )?,
    })
}

/// Writes every chart as PNG and SVG into `dir`; returns the paths.
pub fn write_all(charts: &ReportCharts, dir: &Path, lang: Lang) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut out = Vec::new();
    for c in charts.iter() {
        let png = dir.join(format!("{}.png", c.stem));
        atomic_write(&png, |f| {
            std::io::Write::write_all(f, &c.png).map_err(|e| Error::io(&png, &e))
        })?;
        let svg = dir.join(format!("{}.svg", c.stem));
        charts::write(&c.chart, &svg, lang)?;
        out.extend([png, svg]);
    }
    Ok(out)
}

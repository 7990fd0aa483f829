//! The dashboard: one self-contained HTML file beside the report workbook, for exploring
//! what the workbook is printed from. The same computed period ([`PeriodResult`]) feeds
//! both, so no figure is computed twice. Data is embedded as JSON, styles and script inline,
//! charts as SVG from [`crate::charts`]; a Content-Security-Policy forbids any request off
//! the file. The page's state (filters, the unit shown, the language) lives in the URL hash.

use std::path::{Path, PathBuf};

use polars::prelude::*;
use serde::Serialize;

use super::PeriodResult;
use super::charts::ReportCharts;
use super::compare::{GradeOrders, Previous, movement};
use super::ranking::{f64_at, ranks};
use crate::aggregate::{self, Dimension};
use crate::charts::ChartFormat;
use crate::error::{Error, Result};
use crate::i18n::Lang;

const TEMPLATE: &str = include_str!("dashboard/dashboard.html");
const STYLE: &str = include_str!("dashboard/dashboard.css");
const SCRIPT: &str = include_str!("dashboard/dashboard.js");

/// The dashboard beside the workbook `out`: `laporan.html` for `laporan.xlsx`.
pub fn path(out: &Path) -> PathBuf {
    out.with_extension("html")
}

#[derive(Serialize)]
struct Data {
    lang: &'static str,
    title: String,
    period: String,
    generated: String,
    national: National,
    criteria: Vec<Criterion>,
    units: Vec<Unit>,
    channels: Vec<Group>,
    types: Vec<Group>,
    months: Vec<Month>,
    issues: Vec<IssueCount>,
    previous: Option<String>,
    weights: String,
}

#[derive(Serialize)]
struct National {
    answers: Option<f64>,
    quality: Option<f64>,
    sla: Option<f64>,
    /// The n of the SLA fulfilment: answers the SLA criterion judged.
    sla_n: Option<f64>,
    /// `[report] sla_target` (%), when the config gives one.
    sla_target: Option<f64>,
    overdue: OverdueTile,
    units: usize,
    ranked: usize,
    assessed: Option<usize>,
    meets_minimum: Option<usize>,
    ikm: Option<f64>,
    ikm_grade: Option<String>,
    issues: usize,
}

/// Open items past their SLA on the export date ([`crate::aggregate::overdue`]).
#[derive(Serialize)]
struct OverdueTile {
    /// `YYYY-MM-DD`.
    as_of: Option<String>,
    /// The export date the config gives (`true`) or the latest date in the export.
    given: bool,
    open: u32,
    past_sla: u32,
    uncounted: u32,
}

#[derive(Serialize)]
struct Criterion {
    id: String,
    label: String,
    rate: Option<f64>,
    n: Option<f64>,
}

#[derive(Serialize)]
struct Unit {
    name: String,
    kind: Option<String>,
    province: Option<String>,
    rank: Option<u32>,
    answers: Option<u32>,
    quality: Option<f64>,
    quality_n: Option<u32>,
    quality_grade: Option<String>,
    sla: Option<f64>,
    sla_n: Option<f64>,
    /// Items still open on the export date, and those of them past their SLA.
    open: u32,
    past_sla: u32,
    standard: Option<f64>,
    standard_grade: Option<String>,
    zone: Option<String>,
    meets_minimum: Option<bool>,
    ikm: Option<f64>,
    ikm_grade: Option<String>,
    index: Option<f64>,
    /// The weighted components the unit lacks (then it is not ranked).
    missing: Vec<String>,
    unknown: bool,
    /// Pass rate and n per criterion, in the order of [`Data::criteria`].
    rates: Vec<Option<f64>>,
    rates_n: Vec<Option<f64>>,
    months: Vec<Month>,
    officers: Vec<Group>,
    gaps: Vec<Gap>,
    movement: Option<String>,
}

#[derive(Serialize)]
struct Group {
    name: String,
    answers: Option<f64>,
    quality: Option<f64>,
    sla: Option<f64>,
    sla_n: Option<f64>,
    /// The SLA targets in working days that apply ("1", "5 / 14"); blank where unknown.
    target_days: String,
}

#[derive(Serialize)]
struct Month {
    month: String,
    answers: Option<f64>,
    quality: Option<f64>,
    sla: Option<f64>,
}

#[derive(Serialize)]
struct Gap {
    code: String,
    item: String,
    given: String,
    guidance: String,
    mandatory: bool,
    points_lost: f64,
}

#[derive(Serialize)]
struct IssueCount {
    code: &'static str,
    label: &'static str,
    count: usize,
}

/// A unit type as the filter lists it.
fn kind_label(kind: crate::register::UnitType, lang: Lang) -> &'static str {
    use crate::register::UnitType as T;
    match kind {
        T::Pusat => lang.pick("Pusat", "Head office"),
        T::BalaiBesar => "Balai Besar POM",
        T::Balai => "Balai POM",
        T::Kantor => lang.pick("Loka/Kantor POM", "Loka/Kantor POM"),
    }
}

/// The text of a column's row, or `None`.
fn str_at(df: &DataFrame, col: &str, i: usize) -> Option<String> {
    df.column(col).ok()?.str().ok()?.get(i).map(str::to_string)
}

/// The rows of a per-dimension summary as groups (name, answers, quality, SLA); `days`
/// gives the SLA targets that apply to a group by its name.
fn groups(
    df: &DataFrame,
    key: &str,
    sla_n: &Option<String>,
    days: impl Fn(&str) -> Vec<i64>,
) -> Vec<Group> {
    (0..df.height())
        .filter_map(|i| {
            let name = str_at(df, key, i)?;
            let target_days = days(&name)
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(" / ");
            Some(Group {
                answers: f64_at(df, "answers", i),
                quality: f64_at(df, "mean_score", i),
                sla: f64_at(df, "sla_pct", i),
                sla_n: sla_n.as_deref().and_then(|c| f64_at(df, c, i)),
                target_days,
                name,
            })
        })
        .collect()
}

fn months(df: &DataFrame, lang: Lang) -> Vec<Month> {
    (0..df.height())
        .filter_map(|i| {
            let month = str_at(df, "month", i)?;
            (month != aggregate::blank_key(lang)).then(|| Month {
                month,
                answers: f64_at(df, "answers", i),
                quality: f64_at(df, "mean_score", i),
                sla: f64_at(df, "sla_pct", i),
            })
        })
        .collect()
}

/// One unit's summary along one dimension, over its own answers.
fn unit_summary(p: &PeriodResult, unit: &str, dim: Dimension, lang: Lang) -> Result<DataFrame> {
    let scored = p.unit_answers(unit)?;
    Ok(aggregate::summarize(&scored, &p.run.rubric, &[dim], lang)?
        .into_iter()
        .next()
        .map(|s| s.df)
        .unwrap_or_default())
}

fn data(p: &PeriodResult, previous: Option<&Previous>, lang: Lang) -> Result<Data> {
    let overall = &p.agg.overall;
    let by_unit = &p.agg.by_unit;
    let rubric = &p.run.rubric;
    let register = crate::register::Register::built_in();
    let unit_rows: std::collections::HashMap<String, usize> = (0..by_unit.height())
        .filter_map(|i| Some((str_at(by_unit, "unit", i)?, i)))
        .collect();
    let rank = ranks(&p.lines);
    let orders = match previous {
        Some(_) => Some(GradeOrders::of(p)?),
        None => None,
    };
    let gaps = p
        .standards()
        .map(|st| crate::assess::batch::gap_rows(&st.standard, &st.results, lang))
        .unwrap_or_default();
    let w = &p.config.index;
    // The n of an SLA fulfilment: the SLA criterion's n column.
    let sla_n = rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, crate::rubric::Kind::Sla { .. }))
        .map(|c| aggregate::n_col(&c.id));
    let mut units = Vec::new();
    for (name, l) in super::ranking::sorted(&p.lines) {
        let row = unit_rows.get(name).copied();
        let at = |c: &str| row.and_then(|i| f64_at(by_unit, c, i));
        let entry = match register.resolve(name) {
            crate::register::Match::Unit(u) => Some(u),
            crate::register::Match::Unknown(_) => None,
        };
        units.push(Unit {
            name: name.clone(),
            kind: entry.map(|u| kind_label(u.kind, lang).to_string()),
            province: entry.map(|u| u.province.clone()),
            rank: rank.get(name).copied(),
            answers: l.answers,
            quality: l.quality,
            quality_n: l.quality_n,
            quality_grade: l.quality_grade.clone(),
            sla: l.sla,
            sla_n: sla_n.as_deref().and_then(&at),
            open: p
                .overdue
                .by_unit
                .iter()
                .find(|(u, _, _)| u == name)
                .map_or(0, |(_, o, _)| *o),
            past_sla: p.overdue.past_sla_of(name),
            standard: l.standard,
            standard_grade: l.standard_grade.clone(),
            zone: l.standard_zone.clone(),
            meets_minimum: l.meets_minimum,
            ikm: l.ikm,
            ikm_grade: l.skm_grade.clone(),
            index: l.index,
            missing: l.missing.iter().map(|c| c.name(w, lang)).collect(),
            unknown: l.unknown,
            rates: rubric
                .criteria
                .iter()
                .map(|c| at(&aggregate::pass_col(&c.id)))
                .collect(),
            rates_n: rubric
                .criteria
                .iter()
                .map(|c| at(&aggregate::n_col(&c.id)))
                .collect(),
            months: match row {
                Some(_) => months(&unit_summary(p, name, Dimension::Month, lang)?, lang),
                None => Vec::new(),
            },
            officers: match row {
                Some(_) => groups(
                    &unit_summary(p, name, Dimension::Officer, lang)?,
                    Dimension::Officer.column(),
                    &sla_n,
                    |_| Vec::new(),
                ),
                None => Vec::new(),
            },
            gaps: gaps
                .iter()
                .filter(|g| &g.unit == name)
                .map(|g| Gap {
                    code: g.code.clone(),
                    item: g.item.clone(),
                    given: g.given.clone(),
                    guidance: g.guidance.clone().unwrap_or_default(),
                    mandatory: g.mandatory,
                    points_lost: crate::stats::round2(g.points_lost),
                })
                .collect(),
            movement: match (previous, &orders) {
                (Some(prev), Some(o)) => prev
                    .lines
                    .get(name)
                    .map(|b| movement(Some(b), Some(l), o, lang)),
                _ => None,
            },
        });
    }
    let mut issues: Vec<IssueCount> = Vec::new();
    for i in &p.issues {
        match issues.iter_mut().find(|c| c.code == i.kind.code()) {
            Some(c) => c.count += 1,
            None => issues.push(IssueCount {
                code: i.kind.code(),
                label: i.kind.label(lang),
                count: 1,
            }),
        }
    }
    issues.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    let standards = p.standards();
    Ok(Data {
        lang: lang.pick("id", "en"),
        title: lang.pick("Dasbor ULPK", "ULPK Dashboard").into(),
        period: p.period().into(),
        generated: super::sheets::generated_at_in(register.head_office_zone().unwrap_or("WIB")),
        national: National {
            answers: f64_at(overall, "answers", 0),
            quality: f64_at(overall, "mean_score", 0),
            sla: f64_at(overall, "sla_pct", 0),
            sla_n: sla_n.as_deref().and_then(|c| f64_at(overall, c, 0)),
            sla_target: p.config.report.sla_target,
            overdue: OverdueTile {
                as_of: p.overdue.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
                given: p.overdue.given,
                open: p.overdue.open,
                past_sla: p.overdue.past_sla,
                uncounted: p.overdue.uncounted,
            },
            units: p.lines.len(),
            ranked: rank.len(),
            assessed: standards.map(|s| s.results.len()),
            meets_minimum: standards.map(super::Standards::meeting_minimum),
            ikm: p.national_ikm(),
            ikm_grade: p
                .skm
                .as_ref()
                .and_then(|s| s.national.band.as_ref())
                .map(|b| format!("{} ({})", b.grade, b.label)),
            issues: p.issues.len(),
        },
        criteria: rubric
            .criteria
            .iter()
            .map(|c| Criterion {
                id: c.id.clone(),
                label: c.label.clone(),
                rate: f64_at(overall, &aggregate::pass_col(&c.id), 0),
                n: f64_at(overall, &aggregate::n_col(&c.id), 0),
            })
            .collect(),
        units,
        channels: groups(
            &p.agg.by_channel,
            Dimension::Channel.column(),
            &sla_n,
            |c| rubric.sla_days(None, Some(c)),
        ),
        // A service type is shown by its label ("Pengaduan"): the targets are found by the
        // canonical value whose label it is.
        types: groups(
            &p.agg.by_type,
            Dimension::ServiceType.column(),
            &sla_n,
            |shown| {
                let value = crate::labels::SERVICE_TYPES
                    .iter()
                    .find(|(v, _, _)| crate::labels::service_type(v, lang) == shown)
                    .map_or(shown, |(v, _, _)| v);
                rubric.sla_days(Some(value), None)
            },
        ),
        months: months(&p.agg.by_month, lang),
        issues,
        previous: previous.map(|p| p.period.clone()),
        weights: super::ranking::weights_text(w, lang),
    })
}

/// An SVG chart for inlining: its XML declaration dropped.
fn svg(chart: &crate::charts::Chart, lang: Lang) -> Result<String> {
    let bytes = crate::charts::render(chart, ChartFormat::Svg, lang)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(match text.find("<svg") {
        Some(i) => text[i..].to_string(),
        None => text.into_owned(),
    })
}

/// The dashboard's HTML.
pub fn render(
    p: &PeriodResult,
    previous: Option<&Previous>,
    charts: &ReportCharts,
    lang: Lang,
) -> Result<String> {
    let data = data(p, previous, lang)?;
    let json = serde_json::to_string(&data).map_err(|e| {
        Error::plain(msg!(
            "gagal menyusun data dasbor: {e}",
            "cannot build the dashboard's data: {e}"
        ))
    })?;
    // JSON inside <script>: "</" and "<!--" must not end or comment the element.
    let json = json.replace("</", "<\\/").replace("<!--", "<\\!--");
    let mut env = minijinja::Environment::new();
    env.add_template("dashboard.html", TEMPLATE)
        .map_err(template_err)?;
    let tpl = env.get_template("dashboard.html").map_err(template_err)?;
    tpl.render(minijinja::context! {
        lang => data.lang,
        title => format!("{} — {}", data.title, data.period),
        style => minijinja::Value::from_safe_string(STYLE.to_string()),
        script => minijinja::Value::from_safe_string(SCRIPT.to_string()),
        data => minijinja::Value::from_safe_string(json),
        heatmap => minijinja::Value::from_safe_string(svg(&charts.heatmap.chart, lang)?),
        ranking => minijinja::Value::from_safe_string(svg(&charts.ranking.chart, lang)?),
        trend => minijinja::Value::from_safe_string(svg(&charts.trend.chart, lang)?),
        distribution => minijinja::Value::from_safe_string(svg(&charts.distribution.chart, lang)?),
    })
    .map_err(template_err)
}

fn template_err(e: minijinja::Error) -> Error {
    Error::plain(msg!(
        "gagal menyusun dasbor HTML: {e}",
        "cannot build the HTML dashboard: {e}"
    ))
}

/// Writes the dashboard to `path` (through a temporary file).
pub fn write(
    p: &PeriodResult,
    previous: Option<&Previous>,
    charts: &ReportCharts,
    path: &Path,
    lang: Lang,
) -> Result<()> {
    let html = render(p, previous, charts, lang)?;
    crate::output::atomic_write(path, |f| {
        use std::io::Write;
        f.write_all(html.as_bytes())
            .map_err(|e| Error::io(path, &e))
    })
}

//! Per-unit feedback workbooks (`report --per-unit`): each unit gets its own results, its
//! position against the national figures, its monthly trend, its gap list and its own
//! answers, and nothing of another unit but the national means and its rank among them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::PeriodResult;
use super::difference as diff;
use super::ranking::{UnitLine, f64_at, ranks};
use super::sheets::kv_frame;
use crate::aggregate::{self, Dimension};
use crate::assess::batch::gaps_frame;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::output::xlsx;

/// The file a unit's feedback goes to: `umpan-balik-<unit>.xlsx`.
pub fn file_name(unit: &str) -> String {
    crate::output::file_name("umpan-balik-", unit, "xlsx")
}

/// The national figures a unit is compared with.
struct National {
    quality: Option<f64>,
    sla: Option<f64>,
    /// Mean final standard score over the assessed units.
    standard: Option<f64>,
    ikm: Option<f64>,
    /// Mean combined index over the units that have one.
    index: Option<f64>,
    /// Rank by combined index; the units that have one.
    ranks: BTreeMap<String, u32>,
    /// Whether each rank is distinguishable from its neighbours.
    neighbours: BTreeMap<String, super::ranking::Neighbours>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, s) = values.fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    (n > 0).then(|| (s / n as f64 * 100.0).round() / 100.0)
}

fn national(p: &PeriodResult) -> National {
    National {
        quality: f64_at(&p.agg.overall, "mean_score", 0),
        sla: f64_at(&p.agg.overall, "sla_pct", 0),
        standard: mean(p.lines.values().filter_map(|l| l.standard)),
        ikm: p.national_ikm(),
        index: mean(p.lines.values().filter_map(|l| l.index)),
        ranks: ranks(&p.lines),
        neighbours: super::ranking::neighbours(&p.lines),
    }
}

/// Writes one workbook per unit into `dir`; returns the paths, in unit order.
pub fn write_all(p: &PeriodResult, dir: &Path, lang: Lang) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, &e))?;
    let nat = national(p);
    let blank = aggregate::blank_key(lang);
    // Every file name checked before the first is written.
    let names: Vec<(&str, String)> = p
        .lines
        .keys()
        .filter(|u| *u != blank)
        .map(|u| (u.as_str(), file_name(u)))
        .collect();
    crate::output::unique_file_names(&names)?;
    let paths: Vec<PathBuf> = names.iter().map(|(_, f)| dir.join(f)).collect();
    crate::output::guard::distinct(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>(), &[])?;
    let mut written = Vec::new();
    for ((unit, _), path) in names.iter().zip(paths) {
        write_unit(p, &nat, unit, &p.lines[*unit], &path, lang)?;
        written.push(path);
    }
    Ok(written)
}

/// A component, the unit's figure, its 95 % interval (with n), the national figure and how
/// the national one is computed.
struct Position {
    component: String,
    unit: Option<f64>,
    interval: Option<String>,
    national: Option<f64>,
    basis: String,
}

impl Position {
    fn new(component: String, unit: Option<f64>, national: Option<f64>, basis: &str) -> Self {
        Position {
            component,
            unit,
            interval: None,
            national,
            basis: basis.to_string(),
        }
    }
}

/// An interval with its n: "85.10–89.32 (n = 86)".
fn with_n(lo: f64, hi: f64, decimals: usize, n: Option<u32>) -> String {
    let range = crate::stats::range_text(lo, hi, decimals);
    match n {
        Some(n) => format!("{range} (n = {n})"),
        None => range,
    }
}

/// A criterion's 95 % Wilson interval for the unit on row `i` of the unit summary, with its
/// n: "49.0–94.3 (n = 10)".
fn pass_interval(p: &PeriodResult, criterion: &str, i: Option<usize>) -> Option<String> {
    let df = &p.agg.by_unit;
    let i = i?;
    let lo = f64_at(df, &aggregate::pass_lo_col(criterion), i)?;
    let hi = f64_at(df, &aggregate::pass_hi_col(criterion), i)?;
    let n = f64_at(df, &aggregate::n_col(criterion), i)?;
    Some(with_n(lo, hi, 1, Some(n as u32)))
}

fn position_rows(
    p: &PeriodResult,
    nat: &National,
    unit: &str,
    l: &UnitLine,
    lang: Lang,
) -> Vec<Position> {
    let pooled = |n: u64| {
        tr!(
            lang,
            "semua jawaban digabung (tiap jawaban sama bobot, n = {})",
            "all answers pooled (each answer weighs the same, n = {})",
            n
        )
    };
    let all_answers = pooled(f64_at(&p.agg.overall, "answers", 0).unwrap_or(0.0) as u64);
    let units_with = |n: usize, what: &str| {
        tr!(
            lang,
            "rata-rata {} unit {} (tiap unit sama bobot)",
            "mean of {} units {} (each unit weighs the same)",
            n,
            what
        )
    };
    // The unit's row of the unit summary.
    let units = p
        .agg
        .by_unit
        .column("unit")
        .ok()
        .and_then(|c| c.str().ok().cloned());
    let i = units.and_then(|u| u.iter().position(|x| x == Some(unit)));
    let sla_id = p
        .run
        .rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, crate::rubric::Kind::Sla { .. }))
        .map(|c| c.id.clone());
    let mut rows: Vec<Position> = vec![
        Position {
            interval: super::ranking::quality_interval(l)
                .map(|(lo, hi)| with_n(lo, hi, 2, l.quality_n)),
            ..Position::new(
                lang.pick("Skor kualitas jawaban", "Answer quality score")
                    .into(),
                l.quality,
                nat.quality,
                &all_answers,
            )
        },
        Position {
            interval: sla_id.as_deref().and_then(|id| pass_interval(p, id, i)),
            ..Position::new(
                lang.pick("Pemenuhan SLA (%)", "SLA fulfilment (%)").into(),
                l.sla,
                nat.sla,
                &sla_id
                    .as_deref()
                    .and_then(|id| f64_at(&p.agg.overall, &aggregate::n_col(id), 0))
                    .map_or_else(|| all_answers.clone(), |n| pooled(n as u64)),
            )
        },
    ];
    if p.standards().is_some() {
        let n = p.lines.values().filter(|l| l.standard.is_some()).count();
        rows.push(Position::new(
            lang.pick("Standar — nilai akhir", "Standard — final score")
                .into(),
            l.standard,
            nat.standard,
            &units_with(
                n,
                lang.pick("yang mengisi penilaian mandiri", "with a self-assessment"),
            ),
        ));
    }
    if p.skm.is_some() {
        rows.push(Position::new(
            "IKM (SKM)".into(),
            l.ikm,
            nat.ikm,
            lang.pick(
                "semua responden SKM digabung (bukan rata-rata IKM unit)",
                "all SKM respondents pooled (not a mean of the units' IKM)",
            ),
        ));
    }
    rows.push(Position {
        interval: l
            .index_interval
            .map(|(lo, hi)| crate::stats::range_text(lo, hi, 2)),
        ..Position::new(
            lang.pick("Indeks gabungan", "Combined index").into(),
            l.index,
            nat.index,
            &units_with(nat.ranks.len(), lang.pick("yang diperingkat", "ranked")),
        )
    });
    // Each criterion's pass rate: the unit's row of the unit summary against all answers.
    for c in &p.run.rubric.criteria {
        let name = aggregate::pass_col(&c.id);
        rows.push(Position {
            interval: pass_interval(p, &c.id, i),
            ..Position::new(
                format!("{} — {}", c.label, lang.pick("lulus (%)", "pass (%)")),
                i.and_then(|i| f64_at(&p.agg.by_unit, &name, i)),
                f64_at(&p.agg.overall, &name, 0),
                // The n of a rate: the answers the criterion judged.
                &pooled(f64_at(&p.agg.overall, &aggregate::n_col(&c.id), 0).unwrap_or(0.0) as u64),
            )
        });
    }
    rows
}

/// The sheet column of the differences (green above zero, red below).
const DIFF_COLUMN: u16 = 4;

fn position_frame(rows: &[Position], lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let mut t = crate::output::table::Sheet::new();
    t.push(
        "component",
        lang.pick("Komponen", "Component"),
        rows.iter().map(|r| r.component.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "unit",
        lang.pick("Nilai Unit", "Unit"),
        rows.iter().map(|r| r.unit).collect::<Vec<_>>(),
    );
    t.push(
        "interval",
        lang.pick("IK 95 % Unit (n)", "Unit 95 % CI (n)"),
        rows.iter().map(|r| r.interval.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "national",
        lang.pick("Nasional", "National"),
        rows.iter().map(|r| r.national).collect::<Vec<_>>(),
    );
    t.push(
        "diff",
        lang.pick("Selisih", "Difference"),
        rows.iter()
            .map(|r| diff(r.unit, r.national))
            .collect::<Vec<_>>(),
    );
    t.push(
        "basis",
        lang.pick(
            "Dasar Angka Nasional",
            "How the National Figure Is Computed",
        ),
        rows.iter().map(|r| r.basis.clone()).collect::<Vec<_>>(),
    );
    t.finish(rows.len(), "umpan balik")
}

/// The unit's months beside the national ones.
fn trend_frame(
    p: &PeriodResult,
    scored: &DataFrame,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let own = aggregate::summarize(scored, &p.run.rubric, &[Dimension::Month], lang)?
        .into_iter()
        .next()
        .map(|s| s.df)
        .unwrap_or_default();
    let months = |df: &DataFrame| -> Vec<Option<String>> {
        df.column("month")
            .ok()
            .and_then(|c| c.str().ok().cloned())
            .map(|c| c.iter().map(|m| m.map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let nat_months = months(&p.agg.by_month);
    let nat = |m: &Option<String>, col: &str| {
        nat_months
            .iter()
            .position(|x| x == m)
            .and_then(|i| f64_at(&p.agg.by_month, col, i))
    };
    let blank = aggregate::blank_key(lang);
    let rows: Vec<(usize, Option<String>)> = months(&own)
        .into_iter()
        .enumerate()
        .filter(|(_, m)| m.as_deref() != Some(blank))
        .collect();
    let own_col = |col: &str| -> Vec<Option<f64>> {
        rows.iter().map(|(i, _)| f64_at(&own, col, *i)).collect()
    };
    let nat_col =
        |col: &str| -> Vec<Option<f64>> { rows.iter().map(|(_, m)| nat(m, col)).collect() };
    let mut t = crate::output::table::Sheet::new();
    t.push(
        "month",
        lang.pick("Bulan", "Month"),
        rows.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "answers",
        lang.pick("Jawaban", "Answers"),
        own_col("answers"),
    );
    t.push(
        "mean_score",
        lang.pick("Rata-rata skor unit", "Unit mean score"),
        own_col("mean_score"),
    );
    t.push(
        "national_score",
        lang.pick("Rata-rata skor nasional", "National mean score"),
        nat_col("mean_score"),
    );
    t.push(
        "sla_pct",
        lang.pick("SLA unit (%)", "Unit SLA (%)"),
        own_col("sla_pct"),
    );
    t.push(
        "national_sla",
        lang.pick("SLA nasional (%)", "National SLA (%)"),
        nat_col("sla_pct"),
    );
    t.finish(rows.len(), "tren unit")
}

fn summary_rows(
    p: &PeriodResult,
    nat: &National,
    unit: &str,
    l: &UnitLine,
    lang: Lang,
) -> Vec<(String, String)> {
    let dash = || "-".to_string();
    let mut rows = vec![
        ("Unit".to_string(), unit.to_string()),
        (
            lang.pick("Periode", "Period").into(),
            p.period().to_string(),
        ),
        (
            lang.pick("Peringkat indeks gabungan", "Combined index rank")
                .into(),
            match nat.ranks.get(unit) {
                Some(r) => {
                    let shared = super::ranking::tied(&nat.ranks)[r];
                    let tie = if shared > 1 {
                        tr!(
                            lang,
                            " (seri dengan {} unit)",
                            " (tied with {} units)",
                            shared - 1
                        )
                    } else {
                        String::new()
                    };
                    format!("{r} {} {}{tie}", lang.pick("dari", "of"), nat.ranks.len())
                }
                // Not ranked: say what is missing, as the ranking sheet does.
                None if !l.missing.is_empty() => format!(
                    "{}: {}",
                    lang.pick("tidak diperingkat, tanpa", "not ranked, no"),
                    super::ranking::missing_names(l, &p.config.index, lang)
                ),
                None => dash(),
            },
        ),
        (
            lang.pick("Jawaban dinilai", "Answers scored").into(),
            l.answers.map_or_else(dash, |n| n.to_string()),
        ),
    ];
    // Whether the rank can be told apart from the ranks around it, as on the ranking sheet.
    if let Some(text) = nat
        .neighbours
        .get(unit)
        .and_then(|n| super::ranking::neighbour_text(n, lang))
    {
        rows.insert(
            3,
            (
                lang.pick(
                    "Beda dengan peringkat tetangga",
                    "Distinguishable from neighbouring ranks",
                )
                .into(),
                format!(
                    "{text} ({})",
                    lang.pick(
                        "menurut IK 95 % indeks gabungan; metode di bawah tabel peringkat laporan",
                        "by the combined index's 95 % CI; method under the report's ranking table",
                    )
                ),
            ),
        );
    }
    if let Some(st) = p.standards() {
        let r = st.results.iter().find(|r| r.filled.unit == unit);
        rows.push((
            lang.pick("Predikat standar", "Standard grade").into(),
            match (&l.standard_grade, &l.standard_zone) {
                (Some(g), Some(z)) => format!("{g} ({} {z})", lang.pick("zona", "zone")),
                (Some(g), None) => g.clone(),
                _ => lang
                    .pick("belum ada penilaian mandiri", "no self-assessment")
                    .into(),
            },
        ));
        if let Some(r) = r {
            let failed = &r.outcome.mandatory_failed;
            rows.push((
                lang.pick("Standar minimal", "Minimum standard").into(),
                if failed.is_empty() {
                    lang.pick("Memenuhi", "Meets").into()
                } else {
                    format!(
                        "{} ({}: {})",
                        lang.pick("Belum Memenuhi", "Below"),
                        lang.pick("butir wajib belum terpenuhi", "mandatory items not met"),
                        failed.join(", ")
                    )
                },
            ));
            rows.push((
                lang.pick("Butir belum terpenuhi penuh", "Items not fully met")
                    .into(),
                r.outcome.gaps().len().to_string(),
            ));
        }
    }
    if p.skm.is_some() {
        rows.push((
            lang.pick("Mutu pelayanan (SKM)", "Service quality (SKM)")
                .into(),
            l.skm_grade.clone().unwrap_or_else(dash),
        ));
    }
    rows.push((
        lang.pick("Catatan", "Note").into(),
        lang.pick(
            "Workbook ini hanya memuat data unit ini; cara menghitung tiap angka nasional tertulis di sheet Posisi Nasional (kolom Dasar Angka Nasional).",
            "This workbook holds this unit's data only; how each national figure is computed is written on the sheet National Position (column How the National Figure Is Computed).",
        )
        .into(),
    ));
    rows
}

fn write_unit(
    p: &PeriodResult,
    nat: &National,
    unit: &str,
    l: &UnitLine,
    path: &Path,
    lang: Lang,
) -> Result<()> {
    let scored = p
        .run
        .scored
        .clone()
        .lazy()
        .filter(col("unit").eq(lit(unit)))
        .collect()
        .map_err(|e| polars_err("umpan balik", e))?;
    let title = lang.pick("Umpan Balik ULPK", "ULPK Feedback");
    let mut wb = xlsx::new_workbook(&format!("{title} — {unit} — {}", p.period()))?;
    let (summary, summary_headers) = kv_frame(summary_rows(p, nat, unit, l, lang), lang)?;
    xlsx::write_frame(
        &mut wb,
        lang.of(crate::labels::sheet::SUMMARY),
        &summary,
        &summary_headers,
    )?;

    let sheet = lang.pick("Posisi Nasional", "National Position");
    let (pos, pos_headers) = position_frame(&position_rows(p, nat, unit, l, lang), lang)?;
    xlsx::write_frame(&mut wb, sheet, &pos, &pos_headers)?;
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    xlsx::sign_fills(ws, DIFF_COLUMN, pos.height() as u32)?;
    // How the intervals are computed, under the table.
    let notes = [
        super::sheets::interval_note(lang).to_string(),
        super::ranking::interval_method(lang).to_string(),
    ];
    for (k, note) in notes.iter().enumerate() {
        xlsx::write_note(
            ws,
            pos.height() as u32 + 2 + k as u32,
            &xlsx::column_widths(&pos, &pos_headers, &|_, _| None),
            note,
            false,
        )?;
    }

    let (trend, trend_headers) = trend_frame(p, &scored, lang)?;
    xlsx::write_frame(
        &mut wb,
        lang.of(crate::labels::sheet::TREND),
        &trend,
        &trend_headers,
    )?;
    if let Some(st) = p.standards()
        && let Some(r) = st.results.iter().find(|r| r.filled.unit == unit)
    {
        let (gaps, gap_headers) = gaps_frame(&st.standard, std::slice::from_ref(r), lang)?;
        xlsx::write_frame(
            &mut wb,
            lang.of(crate::labels::sheet::FINDINGS),
            &gaps,
            &gap_headers,
        )?;
    }
    let details = p.details.as_ref().ok_or_else(|| {
        crate::error::Error::plain(msg!(
            "rincian jawaban tidak disiapkan",
            "the answer details were not prepared"
        ))
    })?;
    xlsx::write_frame(
        &mut wb,
        lang.of(crate::labels::sheet::DETAILS),
        &details.of_unit(unit)?,
        &details.headers,
    )?;
    crate::output::xlsx::save(
        &mut wb,
        path,
        &xlsx::PageHead {
            title,
            period: Some(p.period()),
            unit: Some(unit),
            lang,
        },
    )
}

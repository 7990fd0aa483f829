//! The report workbook: Ringkasan, Peringkat Unit, the answer-quality sheets, Temuan,
//! Detail Jawaban, Masalah Data and Metadata.

use std::path::Path;

use super::PeriodResult;
use super::charts::{RenderedChart, ReportCharts};
use super::compare::{GradeOrders, Previous, comparison_frame, movement};
use super::instruments::{evidence_frame, recap_frame};
use super::layout::{ZONE_FILLS, label};
use super::ranking::{decorate_ranking, f64_at, ranking_frame};
use super::sha256;
use super::sheets::{answer_sheets, fmt_opt, kv_frame};
use crate::assess::batch::gaps_frame;
use crate::config::Layout;
use crate::error::Error;
use crate::error::Result;
use crate::i18n::Lang;
use crate::issues::{issues_frame, issues_headers};
use crate::output::xlsx;

fn pick(lang: Lang, l: (&'static str, &'static str)) -> &'static str {
    lang.pick(l.0, l.1)
}

/// The Ringkasan rows: national figures, units per band, top and bottom units.
pub fn summary_rows(p: &PeriodResult, lang: Lang) -> Vec<(String, String)> {
    let get = |c: &str| f64_at(&p.agg.overall, c, 0);
    let mut summary: Vec<(String, String)> = vec![
        (pick(lang, label::PERIOD).into(), p.period().to_string()),
        (
            lang.pick("Jawaban dinilai", "Answers scored").into(),
            get("answers")
                .map(|v| format!("{v:.0}"))
                .unwrap_or_default(),
        ),
        (
            pick(lang, label::NATIONAL_SCORE).into(),
            fmt_opt(get("mean_score")),
        ),
        (
            pick(lang, label::NATIONAL_SLA).into(),
            fmt_opt(get("sla_pct")),
        ),
        (
            lang.pick("Unit dalam laporan", "Units in the report")
                .into(),
            p.lines.len().to_string(),
        ),
    ];
    if let Some(st) = p.standards() {
        let (s, assessed) = (&st.standard, &st.results);
        let met = assessed
            .iter()
            .filter(|r| r.outcome.meets_minimum())
            .count();
        summary.push((
            lang.pick(
                "Unit memenuhi standar minimal",
                "Units meeting the minimum standard",
            )
            .into(),
            format!("{met} / {}", assessed.len()),
        ));
        for b in &s.bands.bands {
            let n = assessed
                .iter()
                .filter(|r| r.outcome.band.as_ref().is_some_and(|x| x.grade == b.grade))
                .count();
            let zone = b
                .zone
                .as_ref()
                .map(|z| format!(", zona {z}"))
                .unwrap_or_default();
            summary.push((
                format!(
                    "{} {} ({}{zone})",
                    lang.pick("Unit berpredikat", "Units graded"),
                    b.grade,
                    b.label
                ),
                n.to_string(),
            ));
        }
    }
    if let Some(r) = &p.skm {
        summary.push((
            pick(lang, label::NATIONAL_IKM).into(),
            format!(
                "{} {}",
                fmt_opt(r.national.ikm.map(crate::stats::round2)),
                r.national
                    .band
                    .as_ref()
                    .map(|b| format!("({} {})", b.grade, b.label))
                    .unwrap_or_default()
            ),
        ));
    }
    let ranked: Vec<(&String, f64)> = {
        let mut v: Vec<(&String, f64)> = p
            .lines
            .iter()
            .filter_map(|(u, l)| l.index.map(|i| (u, i)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        v
    };
    for (label, pick) in [
        (
            lang.pick("Indeks gabungan tertinggi", "Highest combined index"),
            ranked.first(),
        ),
        (
            lang.pick("Indeks gabungan terendah", "Lowest combined index"),
            ranked.last(),
        ),
    ] {
        if let Some((u, i)) = pick {
            summary.push((label.into(), format!("{u} ({i:.2})")));
        }
    }
    summary.push((
        lang.pick("Masalah data dan validasi", "Data and validation issues")
            .into(),
        p.issues.len().to_string(),
    ));
    summary
}

/// Ringkasan rows comparing with the previous period: national changes and band moves.
pub fn comparison_rows(
    p: &PeriodResult,
    prev: &Previous,
    lang: Lang,
) -> Result<Vec<(String, String)>> {
    let signed = |now: Option<f64>, before: Option<f64>| match (now, before) {
        (Some(n), Some(b)) => format!(
            "{:+.2} ({} {b:.2})",
            n - b,
            lang.pick("sebelumnya", "before")
        ),
        _ => "-".into(),
    };
    let nat_ikm = p.national_ikm();
    let orders = GradeOrders::of(p)?;
    let unchanged = lang.pick("tetap", "unchanged");
    let moved: Vec<&String> = p
        .lines
        .iter()
        .filter(|(u, l)| {
            prev.lines
                .get(*u)
                .is_some_and(|b| movement(Some(b), Some(l), &orders, lang) != unchanged)
        })
        .map(|(u, _)| u)
        .collect();
    Ok(vec![
        (
            lang.pick("Dibandingkan dengan", "Compared with").into(),
            format!("{} ({})", prev.period, prev.source.display()),
        ),
        (
            lang.pick(
                "Perubahan skor kualitas nasional",
                "Change in national quality score",
            )
            .into(),
            signed(f64_at(&p.agg.overall, "mean_score", 0), prev.quality),
        ),
        (
            lang.pick(
                "Perubahan pemenuhan SLA nasional (poin)",
                "Change in national SLA (points)",
            )
            .into(),
            signed(f64_at(&p.agg.overall, "sla_pct", 0), prev.sla),
        ),
        (
            lang.pick("Perubahan IKM nasional", "Change in national IKM")
                .into(),
            signed(nat_ikm, prev.ikm),
        ),
        (
            lang.pick("Unit berpindah predikat", "Units that moved band")
                .into(),
            format!(
                "{} ({})",
                moved.len(),
                lang.pick(
                    "lihat sheet Perbandingan Periode",
                    "see sheet Period Comparison"
                )
            ),
        ),
    ])
}

/// The generation time shown in the metadata: `SOURCE_DATE_EPOCH` when set (so a rebuilt
/// report is byte-identical), else the current time.
pub fn generated_at() -> String {
    let fmt = "%Y-%m-%d %H:%M:%S";
    // A bad value was refused when the run began (`output::source_date`).
    match crate::output::source_date().ok().flatten() {
        Some(t) => format!("{} UTC", t.format(fmt)),
        None => chrono::Local::now()
            .format(&format!("{fmt} %:z"))
            .to_string(),
    }
}

/// The Metadata rows: tool, config, period, generation time, rubric and standard versions,
/// weights, and every input with its SHA-256.
pub fn metadata_rows(p: &PeriodResult, lang: Lang) -> Result<Vec<(String, String)>> {
    let w = &p.config.index;
    let mut meta: Vec<(String, String)> = vec![
        (
            lang.pick("Alat", "Tool").into(),
            format!("ulpk-eval {}", env!("CARGO_PKG_VERSION")),
        ),
        (
            lang.pick("Berkas konfigurasi", "Config file").into(),
            p.config_path.display().to_string(),
        ),
        (pick(lang, label::PERIOD).into(), p.period().to_string()),
        (
            lang.pick("Waktu pembuatan", "Generated at").into(),
            generated_at(),
        ),
        (
            lang.pick("Rubrik kualitas jawaban", "Answer-quality rubric")
                .into(),
            format!(
                "{} versi {} ({})",
                p.run.rubric.id,
                p.run.rubric.version,
                p.run.rubric.source.display()
            ),
        ),
        (
            lang.pick("Bobot indeks gabungan", "Combined index weights")
                .into(),
            format!(
                "kualitas {} · SLA {} · standar {} · SKM {}",
                w.quality, w.sla, w.standard, w.skm
            ) + &w
                .instruments
                .iter()
                .map(|i| format!(" · {} {}", lang.pick(&i.name.0, &i.name.1), i.weight))
                .collect::<String>(),
        ),
    ];
    let instruments = p
        .instruments
        .iter()
        .map(|i| (i.config.label(lang), &i.scored));
    for (label, st) in instruments {
        let (s, d) = (&st.standard, st.as_of);
        meta.push((
            label.into(),
            format!(
                "{} versi {} ({}), {} {d}",
                s.id,
                s.version,
                s.source.display(),
                lang.pick("tanggal penilaian", "assessment date")
            ),
        ));
    }
    for f in &p.input_files() {
        meta.push((
            format!("{} {}", lang.pick("Masukan", "Input"), f.display()),
            format!("SHA-256 {}", sha256(f)?),
        ));
    }
    Ok(meta)
}

/// Colour scales on an instrument recap's aspect and total columns.
fn score_scales(
    wb: &mut rust_xlsxwriter::Workbook,
    sheet: &str,
    df: &polars::prelude::DataFrame,
) -> Result<()> {
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    for (i, name) in df.get_column_names().iter().enumerate() {
        if name.starts_with("aspect__") || name.as_str() == "total" {
            xlsx::color_scale(ws, i as u16, df.height() as u32)?;
        }
    }
    Ok(())
}

/// An instrument's per-unit aspect scores, total, grade and zone, with colour scales and
/// zone fills.
fn zone_table(
    wb: &mut rust_xlsxwriter::Workbook,
    sheet: &str,
    st: &super::Standards,
    lang: Lang,
) -> Result<()> {
    let (df, headers) = recap_frame(st, true, lang)?;
    xlsx::write_frame(wb, sheet, &df, &headers)?;
    score_scales(wb, sheet, &df)?;
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    let (col, last) = (xlsx::column_index(&df, "zone"), df.height() as u32);
    for (zone, color) in ZONE_FILLS {
        xlsx::fill_when_text(ws, col, last, zone, color)?;
    }
    Ok(())
}

/// Writes the report workbook to `out` (through a temporary file).
pub fn write(
    p: &PeriodResult,
    previous: Option<&Previous>,
    charts: &ReportCharts,
    out: &Path,
    lang: Lang,
) -> Result<()> {
    let mut summary = summary_rows(p, lang);
    if let Some(prev) = previous {
        summary.extend(comparison_rows(p, prev, lang)?);
    }
    let (summary_df, summary_headers) = kv_frame(summary, lang)?;
    let mut meta = metadata_rows(p, lang)?;
    if let Some(prev) = previous {
        meta.push((
            lang.pick("Periode pembanding", "Compared period").into(),
            format!(
                "{} ({}, SHA-256 {})",
                prev.period,
                prev.source.display(),
                sha256(&prev.source)?
            ),
        ));
    }
    let (meta_df, meta_headers) = kv_frame(meta, lang)?;
    let (rank_df, rank_headers) = ranking_frame(&p.lines, &p.config.index, lang)?;
    let mut wb = xlsx::new_workbook(&format!(
        "{} — {}",
        lang.pick("Laporan ULPK", "ULPK Report"),
        p.period()
    ))?;
    let (summary_sheet, rank_sheet) = (
        pick(lang, label::SUMMARY_SHEET),
        pick(lang, label::RANK_SHEET),
    );
    xlsx::write_frame(&mut wb, summary_sheet, &summary_df, &summary_headers)?;
    xlsx::write_frame(&mut wb, rank_sheet, &rank_df, &rank_headers)?;
    let grades: Vec<String> = p.run.rubric.bands.iter().map(|b| b.grade.clone()).collect();
    decorate_ranking(
        &mut wb,
        rank_sheet,
        summary_sheet,
        &rank_df,
        &grades,
        &p.config.index,
        lang,
    )?;
    if let Some(prev) = previous {
        let sheet = lang.pick("Perbandingan Periode", "Period Comparison");
        let (cmp, cmp_headers) = comparison_frame(p, prev, lang)?;
        xlsx::write_frame(&mut wb, sheet, &cmp, &cmp_headers)?;
        let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
        let last = cmp.height() as u32;
        for (i, name) in cmp.get_column_names().iter().enumerate() {
            if name.ends_with("_diff") || name.as_str() == "rank_change" {
                xlsx::sign_fills(ws, i as u16, last)?;
            }
        }
    }
    let a = &p.agg;
    answer_sheets(
        &mut wb,
        &p.run.rubric,
        [
            &a.by_unit,
            &a.by_officer,
            &a.by_channel,
            &a.by_type,
            &a.by_month,
        ],
        (&|id, i| p.small_n(id, i), p.min_n()),
        lang,
    )?;
    // Pictures where Excel has no native chart: the heatmap beside the criteria table, the
    // score distribution on the summary sheet below the bar chart.
    let picture = |chart: &RenderedChart, scale: f64| -> Result<rust_xlsxwriter::Image> {
        let img = rust_xlsxwriter::Image::new_from_buffer(&chart.png).map_err(xlsx::xlsx_err)?;
        Ok(img.set_scale_width(scale).set_scale_height(scale))
    };
    {
        let img = picture(&charts.heatmap, 0.75)?;
        let ws = wb
            .worksheet_from_name(lang.of(crate::labels::sheet::CRITERIA))
            .map_err(xlsx::xlsx_err)?;
        // Right of the table: unit, answers, then a rate and its interval per criterion.
        let right = 2 * p.run.rubric.criteria.len() as u16 + 3;
        ws.insert_image(1, right, &img).map_err(xlsx::xlsx_err)?;
    }
    {
        let img = picture(&charts.distribution, 1.0)?;
        let ws = wb
            .worksheet_from_name(summary_sheet)
            .map_err(xlsx::xlsx_err)?;
        let below = (p.lines.len() as u32 * 24 + 160) / 20 + 2;
        ws.insert_image(below, 3, &img).map_err(xlsx::xlsx_err)?;
    }
    for i in &p.instruments {
        let (sheet, st) = (i.config.sheet_name(lang), &i.scored);
        match i.config.layout {
            Layout::Zones => zone_table(&mut wb, sheet, st, lang)?,
            Layout::Recap => {
                let (recap, headers) = recap_frame(st, false, lang)?;
                xlsx::write_frame(&mut wb, sheet, &recap, &headers)?;
                score_scales(&mut wb, sheet, &recap)?;
            }
        }
        if i.config.findings {
            let (gaps, headers) = gaps_frame(&st.standard, &st.results, lang)?;
            xlsx::write_frame(
                &mut wb,
                &i.config.findings_sheet_name(lang),
                &gaps,
                &headers,
            )?;
        }
        if i.config.evidence {
            let (list, headers) = evidence_frame(st, lang)?;
            xlsx::write_frame(
                &mut wb,
                &i.config.evidence_sheet_name(lang),
                &list,
                &headers,
            )?;
        }
    }
    let details = p.details.as_ref().ok_or_else(|| {
        Error::plain(msg!(
            "rincian jawaban tidak disiapkan",
            "the answer details were not prepared"
        ))
    })?;
    xlsx::write_frame_parts(
        &mut wb,
        lang.of(crate::labels::sheet::DETAILS),
        &details.headers,
        details.parts()?,
    )?;
    if !p.run.disputes.is_empty() {
        let (d, h) = crate::review::dispute::disputes_frame(&p.run.disputes, &p.run.rubric, lang)?;
        xlsx::write_frame(&mut wb, lang.of(crate::labels::sheet::DISPUTES), &d, &h)?;
    }
    xlsx::write_frame(
        &mut wb,
        lang.of(crate::output::xlsx::ISSUES_SHEET),
        &issues_frame(&p.issues, lang),
        &issues_headers(lang),
    )?;
    xlsx::write_frame(&mut wb, "Metadata", &meta_df, &meta_headers)?;
    crate::output::xlsx::save(&mut wb, out)
}

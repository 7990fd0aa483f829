//! The report workbook: Ringkasan, Peringkat Unit, the answer-quality sheets, Temuan,
//! Masalah Data and Metadata; and the answer details' workbook beside it.

use std::path::Path;

use super::PeriodResult;
use super::charts::{RenderedChart, ReportCharts};
use super::compare::{Previous, comparison_frame};
use super::instruments::{evidence_frame, recap_frame};
use super::layout::label;
use super::ranking::{decorate_ranking, ranking_frame};
use super::sha256;
use super::sheets::{answer_sheets, kv_frame};
use crate::assess::batch::gaps_frame;
use crate::config::Layout;
use crate::error::Result;
use crate::i18n::Lang;
use crate::issues::{issues_frame, issues_headers};
use crate::output::xlsx;

fn pick(lang: Lang, l: (&'static str, &'static str)) -> &'static str {
    lang.pick(l.0, l.1)
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
            crate::error::shown(&p.config_path).to_string(),
        ),
        (pick(lang, label::PERIOD).into(), p.period().to_string()),
        (
            lang.pick("Waktu pembuatan", "Generated at").into(),
            // The head office's zone (WIB): the national report is issued there.
            super::sheets::generated_at_in(
                crate::register::Register::built_in()
                    .head_office_zone()
                    .unwrap_or("WIB"),
            ),
        ),
        (
            lang.pick("Rubrik kualitas jawaban", "Answer-quality rubric")
                .into(),
            format!(
                "{} versi {} ({})",
                p.run.rubric.id,
                p.run.rubric.version,
                crate::error::shown(&p.run.rubric.source)
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
                crate::error::shown(&s.source),
                lang.pick("tanggal penilaian", "assessment date")
            ),
        ));
    }
    // The values the presets mark as their authors' judgement (unverified, unpublished):
    // where a reader finds them.
    let presets = std::iter::once(p.run.rubric.source.clone()).chain(
        p.instruments
            .iter()
            .map(|i| i.scored.standard.source.clone()),
    );
    let marked: Vec<String> = presets
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let n = text
                .lines()
                .filter(|l| l.contains("ASUMSI") || l.contains("ASSUMPTION"))
                .count();
            (n > 0).then(|| format!("{} ({n})", crate::error::shown(&path)))
        })
        .collect();
    if !marked.is_empty() {
        meta.push((
            lang.pick("Asumsi dalam preset", "Assumptions in the presets").into(),
            tr!(
                lang,
                "nilai yang belum diverifikasi atau tidak dipublikasikan ditandai ASUMSI di komentar berkas: {}",
                "values not verified or not published are marked ASSUMPTION in the files' comments: {}",
                marked.join("; ")
            ),
        ));
    }
    for f in &p.input_files() {
        meta.push((
            format!(
                "{} {}",
                lang.pick("Masukan", "Input"),
                crate::error::shown(f)
            ),
            format!("SHA-256 {}", sha256(f)?),
        ));
    }
    Ok(meta)
}

/// An instrument recap's aspect (0–100) and total (on the standard's scale) columns in the
/// colours of the standard's bands.
fn score_scales(
    wb: &mut rust_xlsxwriter::Workbook,
    sheet: &str,
    df: &polars::prelude::DataFrame,
    bands: &crate::bands::BandSet,
) -> Result<()> {
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    for (i, name) in df.get_column_names().iter().enumerate() {
        let full = if name.starts_with("aspect__") {
            100.0
        } else if name.as_str() == "total" {
            bands.scale[1]
        } else {
            continue;
        };
        xlsx::band_fills(ws, i as u16, df.height() as u32, &bands.thresholds(full))?;
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
    score_scales(wb, sheet, &df, &st.standard.bands)?;
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    let (col, last) = (xlsx::column_index(&df, "zone"), df.height() as u32);
    for (zone, color) in st.standard.bands.zone_fills() {
        xlsx::fill_when_text(ws, col, last, &zone, color)?;
    }
    Ok(())
}

/// The answer details' workbook beside the report `out`: `laporan-detail-jawaban.xlsx` for
/// `laporan.xlsx`. Every scored answer is a data annex to look answers up in, hundreds of
/// pages when printed; the report itself stays the printable submission.
pub fn details_path(out: &Path, lang: Lang) -> std::path::PathBuf {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let suffix = lang.pick("detail-jawaban", "answer-details");
    out.with_file_name(format!("{stem}-{suffix}.xlsx"))
}

/// Writes the report workbook to `out` (through a temporary file).
pub fn write(
    p: &PeriodResult,
    previous: Option<&Previous>,
    charts: &ReportCharts,
    out: &Path,
    lang: Lang,
) -> Result<()> {
    let summary = super::summary::report_summary(p, previous, lang)?;
    let mut meta = metadata_rows(p, lang)?;
    if let Some(prev) = previous {
        meta.push((
            lang.pick("Periode pembanding", "Compared period").into(),
            format!(
                "{} ({}, SHA-256 {})",
                prev.period,
                crate::error::shown(&prev.source),
                sha256(&prev.source)?
            ),
        ));
    }
    let (meta_df, meta_headers) = kv_frame(meta, lang)?;
    let (rank_df, rank_headers) = ranking_frame(&p.lines, &p.config.index, lang)?;
    let title = lang.pick("Laporan ULPK", "ULPK Report");
    let mut wb = xlsx::new_workbook(&format!("{title} — {}", p.period()))?;
    let (summary_sheet, rank_sheet) = (
        pick(lang, label::SUMMARY_SHEET),
        pick(lang, label::RANK_SHEET),
    );
    super::summary::write(&mut wb, summary_sheet, &summary, lang)?;
    let charts_sheet = lang.of(crate::labels::sheet::CHARTS);
    wb.add_worksheet()
        .set_name(charts_sheet)
        .map_err(xlsx::xlsx_err)?
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    xlsx::write_frame(&mut wb, rank_sheet, &rank_df, &rank_headers)?;
    let colours = super::colours::Colours::of(&p.run.rubric)?;
    decorate_ranking(
        &mut wb,
        rank_sheet,
        charts_sheet,
        (&rank_df, &rank_headers),
        (&colours, p.standards().map(|s| &s.standard.bands)),
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
            .worksheet_from_name(charts_sheet)
            .map_err(xlsx::xlsx_err)?;
        // Below the bar chart (24 px a unit and 120 px), on the next page.
        let ranked = p.lines.values().filter(|l| l.index.is_some()).count() as u32;
        let below = (ranked * 24 + 120) / 20 + 2;
        ws.insert_image(below, 0, &img).map_err(xlsx::xlsx_err)?;
        ws.set_page_breaks(&[below]).map_err(xlsx::xlsx_err)?;
    }
    for i in &p.instruments {
        let (sheet, st) = (i.config.sheet_name(lang), &i.scored);
        match i.config.layout {
            Layout::Zones => zone_table(&mut wb, sheet, st, lang)?,
            Layout::Recap => {
                let (recap, headers) = recap_frame(st, false, lang)?;
                xlsx::write_frame(&mut wb, sheet, &recap, &headers)?;
                score_scales(&mut wb, sheet, &recap, &st.standard.bands)?;
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
    crate::output::xlsx::save(
        &mut wb,
        out,
        &xlsx::PageHead {
            title,
            period: Some(p.period()),
            unit: Some(lang.pick("Nasional", "National")),
            lang,
        },
    )
}

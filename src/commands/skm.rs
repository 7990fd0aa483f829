//! `ulpk-eval skm`: the IKM (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) per unit and
//! over all respondents, from survey exports. The computation is in [`crate::skm`].

use std::path::Path;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use polars::prelude::*;

use super::{exit_code, print_issues, print_sources, write_issues};
use crate::cli::SkmArgs;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::ingest::{Aliases, IngestOptions, load_all};
use crate::issues::{issues_frame, issues_headers};
use crate::output::{Format, write_csv, write_parquet, xlsx};
use crate::skm::{self, ELEMENTS, IkmLine, SkmResult};
use crate::stats::round2;

pub fn run(args: &SkmArgs, lang: Lang) -> Result<i32> {
    // Fail on a bad output name before reading anything.
    let mut inputs: Vec<&std::path::Path> = args.inputs.iter().map(|p| p.as_path()).collect();
    inputs.extend(args.units.as_deref());
    super::check_outputs(&[args.output.as_deref(), args.issues.as_deref()], &inputs)?;
    let units = UnitList::for_inputs(args.units.as_deref())?;
    let bands = skm::bands()?;
    let opts = IngestOptions {
        sheet: args.sheet.clone(),
        specs: skm::column_specs(&Aliases::builtin()?),
    };
    let (df, sources) = load_all(&args.inputs, &opts)?;
    let result = skm::from_frame(&df, &sources, &bands, &units)?;
    if let Some(out) = &args.output {
        write(out, &result, lang)?;
    }
    if let Some(p) = &args.issues {
        write_issues(p, &result.issues, lang)?;
    }

    print_sources(&sources, lang);
    println!(
        "{}",
        lang.pick(
            "Indeks Kepuasan Masyarakat (IKM) per unit",
            "Public satisfaction index (IKM) by unit"
        )
    );
    println!("{}", console_table(&result.units, lang));
    let legend: Vec<String> = ELEMENTS
        .iter()
        .map(|e| format!("{} {}", e.short(), e.name(lang)))
        .collect();
    println!("{}", legend.join("; "));
    print_national(&result.national, lang);
    let hint = super::issues_hint(args.issues.as_deref(), args.output.as_deref(), lang)?;
    print_issues(&result.issues, lang, &hint);
    super::print_written(args.output.as_deref(), lang);
    Ok(exit_code(args.strict, &result.issues))
}

/// "A (Sangat Baik)", or "-" without an IKM.
fn band_text(line: &IkmLine) -> String {
    match &line.band {
        Some(b) => format!("{} ({})", b.grade, b.label),
        None => "-".to_string(),
    }
}

/// Number to 2 decimals, or "-".
fn fmt2(x: Option<f64>) -> String {
    x.map(|v| format!("{:.2}", round2(v)))
        .unwrap_or_else(|| "-".into())
}

/// Prints the line over all respondents.
fn print_national(n: &IkmLine, lang: Lang) {
    let ikm = fmt2(n.ikm);
    let band = band_text(n);
    let means: Vec<String> = ELEMENTS
        .iter()
        .zip(&n.means)
        .map(|(e, m)| format!("{} {}", e.short(), fmt2(*m)))
        .collect();
    println!(
        "{}",
        tr!(
            lang,
            "Nasional (seluruh responden): {} responden, IKM {ikm}, mutu pelayanan {band}",
            "National (all respondents): {} respondents, IKM {ikm}, service quality {band}",
            n.respondents
        )
    );
    println!("  {}", means.join(", "));
}

/// Label of the national line in output files.
fn national_label(lang: Lang) -> &'static str {
    lang.pick("Nasional (seluruh responden)", "National (all respondents)")
}

/// The units as a console table (the style of [`crate::output::table`]): unit,
/// respondents, U1..U9 means and IKM to 2 decimals ("-" when not computed), band.
fn console_table(lines: &[IkmLine], lang: Lang) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    let mut header = vec![
        "Unit".to_string(),
        lang.pick("Responden", "Respondents").to_string(),
    ];
    header.extend(ELEMENTS.iter().map(|e| e.short()));
    header.push("IKM".into());
    header.push(lang.pick("Mutu", "Quality").into());
    t.set_header(header);
    let num = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
    for l in lines {
        let mut row = vec![
            Cell::new(l.unit.as_deref().unwrap_or_default()),
            num(l.respondents.to_string()),
        ];
        row.extend(l.means.iter().map(|m| num(fmt2(*m))));
        row.push(num(fmt2(l.ikm)));
        row.push(Cell::new(band_text(l)));
        t.add_row(row);
    }
    t.to_string()
}

/// Headers of the file frame, in its column order.
fn file_headers(lang: Lang) -> Vec<String> {
    let mut v = vec![
        "Unit".to_string(),
        lang.pick("Jumlah Responden", "Respondents").to_string(),
    ];
    v.extend(ELEMENTS.iter().map(|e| e.header(lang)));
    v.push("IKM".into());
    v.push(lang.pick("Mutu Pelayanan", "Service Quality").into());
    v.push(
        lang.pick("Kinerja Unit Pelayanan", "Unit Performance")
            .into(),
    );
    v
}

/// The lines as a frame: `unit`, `respondents`, `u1`..`u9`, `ikm`, `grade`, `grade_label`.
/// Means and IKM are rounded to 2 decimals; the band was decided on the unrounded IKM.
fn frame(lines: &[IkmLine], lang: Lang) -> Result<DataFrame> {
    let n = lines.len();
    let unit: Vec<String> = lines
        .iter()
        .map(|l| {
            l.unit
                .clone()
                .unwrap_or_else(|| national_label(lang).to_string())
        })
        .collect();
    let respondents: Vec<u32> = lines.iter().map(|l| l.respondents as u32).collect();
    let mut cols = vec![
        Column::new("unit".into(), unit),
        Column::new("respondents".into(), respondents),
    ];
    for (j, e) in ELEMENTS.iter().enumerate() {
        let v: Vec<Option<f64>> = lines.iter().map(|l| l.means[j].map(round2)).collect();
        cols.push(Column::new(e.key.into(), v));
    }
    let ikm: Vec<Option<f64>> = lines.iter().map(|l| l.ikm.map(round2)).collect();
    cols.push(Column::new("ikm".into(), ikm));
    let grade: Vec<Option<String>> = lines
        .iter()
        .map(|l| l.band.as_ref().map(|b| b.grade.clone()))
        .collect();
    let label: Vec<Option<String>> = lines
        .iter()
        .map(|l| l.band.as_ref().map(|b| b.label.clone()))
        .collect();
    cols.push(Column::new("grade".into(), grade));
    cols.push(Column::new("grade_label".into(), label));
    DataFrame::new(n, cols).map_err(|e| polars_err("IKM", e))
}

/// Writes the units and the national line (last row): XLSX with sheets "IKM per Unit" and
/// "Masalah Data", or CSV/Parquet with the column keys.
fn write(out: &Path, result: &SkmResult, lang: Lang) -> Result<()> {
    let mut lines = result.units.clone();
    lines.push(result.national.clone());
    let df = frame(&lines, lang)?;
    match Format::from_path(out)? {
        Format::Csv => write_csv(out, &df),
        Format::Parquet => write_parquet(out, &df),
        Format::Xlsx => {
            let title = lang.pick("Indeks Kepuasan Masyarakat", "Public Satisfaction Index");
            let mut wb = xlsx::new_workbook(title)?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("IKM per Unit", "IKM by Unit"),
                &df,
                &file_headers(lang),
            )?;
            xlsx::write_frame(
                &mut wb,
                lang.of(crate::output::xlsx::ISSUES_SHEET),
                &issues_frame(&result.issues, lang),
                &issues_headers(lang),
            )?;
            crate::output::xlsx::save(
                &mut wb,
                out,
                &crate::output::xlsx::PageHead::titled(title, lang),
            )
        }
    }
}

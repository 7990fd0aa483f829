//! `ulpk-eval assess`: filled self-assessment workbooks in, per-unit scores out.
//!
//! Each workbook is read and scored on its own: one that cannot be read (corrupt, another
//! standard or version, not a template) becomes a validation issue and the others go on.
//! Per unit: self and verified scores and their gap, band and zone, minimum-standard
//! status, items met without evidence; and a gap list of every item not fully met, with
//! the points it loses, sorted by points lost.

use std::path::Path;

use polars::prelude::*;

use super::{exit_code, print_issues};
use crate::assess::batch::{assess, gaps_frame, parse_as_of, units_frame};
use crate::cli::AssessArgs;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ingest::format::workbook_paths;
use crate::ingest::normalize::UnitList;
use crate::issues::{DataIssue, issues_frame, issues_headers};
use crate::output::{Format, table, write_csv, xlsx};
use crate::standard;

pub fn run(args: &AssessArgs, lang: Lang) -> Result<i32> {
    let std = standard::load(&args.standard)?;
    let as_of = parse_as_of(args.as_of.as_deref(), "--as-of")?;
    let paths = workbook_paths(&args.inputs)?;
    let mut inputs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    inputs.extend(args.units.as_deref());
    super::check_outputs(&[args.output.as_deref()], &inputs)?;
    let units = UnitList::for_inputs(args.units.as_deref())?;
    if paths.is_empty() {
        return Err(Error::plain(msg!(
            "tidak ada workbook (.xlsx, .ods, .xls) pada masukan",
            "no workbooks (.xlsx, .ods, .xls) in the inputs"
        )));
    }
    let (results, issues) = assess(&std, &paths, as_of, &units);
    let (units, unit_headers) = units_frame(&std, &results, lang)?;
    let (gaps, gap_headers) = gaps_frame(&std, &results, lang)?;
    if let Some(out) = &args.output {
        write(
            out,
            &units,
            &unit_headers,
            &gaps,
            &gap_headers,
            &issues,
            lang,
        )?;
    }
    println!(
        "{} — {} ({}), {}: {as_of}",
        std.id,
        std.name,
        std.version,
        lang.pick("tanggal penilaian", "assessment date")
    );
    let cols: Vec<(&str, String)> = [
        "unit",
        "self_score",
        "verified_score",
        "gap",
        "grade",
        "status",
    ]
    .iter()
    .zip([0, 1, 2, 3, 5, 8])
    .map(|(c, i)| (*c, unit_headers[i].clone()))
    .collect();
    println!("{}", table::render(&units, &cols));
    print_issues(&issues, lang, "");
    super::print_written(args.output.as_deref(), lang);
    Ok(exit_code(args.strict, &issues))
}

fn write(
    out: &Path,
    units: &DataFrame,
    unit_headers: &[String],
    gaps: &DataFrame,
    gap_headers: &[String],
    issues: &[DataIssue],
    lang: Lang,
) -> Result<()> {
    match Format::from_path(out)? {
        Format::Csv => write_csv(out, units),
        Format::Parquet => crate::output::write_parquet(out, units),
        Format::Xlsx => {
            let title = lang.pick("Hasil Penilaian Mandiri", "Self-Assessment Results");
            let mut wb = xlsx::new_workbook(title)?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Ringkasan Unit", "Unit Summary"),
                units,
                unit_headers,
            )?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Daftar Celah", "Gap List"),
                gaps,
                gap_headers,
            )?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Masalah Validasi", "Validation Issues"),
                &issues_frame(issues, lang),
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

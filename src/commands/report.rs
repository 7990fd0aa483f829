//! `ulpk-eval report`: one command from the inputs named in the config file to the
//! workbook management reads (see [`crate::report`]).

use std::path::PathBuf;

use crate::cli::ReportArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::output::{table, xlsx};
use crate::progress::Progress;
use crate::report::{self, compare, feedback, ranking::ranking_frame, workbook};

/// The config file `report` reads without `--config`, in the current folder.
const DEFAULT_CONFIG: &str = "ulpk-eval.toml";

pub fn run(args: &ReportArgs, lang: Lang) -> Result<i32> {
    let cfg_path = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG));
    // Without --config the default file is looked for in the current folder: say which
    // folder that was and how to name another file.
    if args.config.is_none() && !cfg_path.exists() {
        let here = std::env::current_dir()
            .map(|d| crate::error::shown(&d).to_string())
            .unwrap_or_else(|_| ".".into());
        return Err(crate::error::Error::new(
            crate::error::Location::default(),
            msg!(
                "berkas konfigurasi {DEFAULT_CONFIG} tidak ditemukan di folder {here}; jalankan dari folder yang berisi berkas itu, atau sebutkan berkas lain dengan --config BERKAS",
                "config file {DEFAULT_CONFIG} not found in the folder {here}; run from the folder that holds it, or name another file with --config FILE"
            ),
        ));
    }
    let progress = Progress::start();
    let config = crate::config::Config::load(&cfg_path)?;
    let out = args
        .output
        .clone()
        .or(config.report.output.clone())
        .unwrap_or_else(|| PathBuf::from("reports/laporan-ulpk.xlsx"));
    crate::output::Format::from_path(&out)?;
    // The folders for charts and per-unit workbooks, checked with the report before any
    // input is read: a name that is an existing file stops the run here, not after the
    // report was written.
    let near = |name: &str| out.parent().unwrap_or(std::path::Path::new(".")).join(name);
    let folders: Vec<PathBuf> = [
        args.charts.clone(),
        args.per_unit
            .as_ref()
            .map(|d| d.clone().unwrap_or_else(|| near("umpan-balik"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    for dir in &folders {
        if dir.is_file() {
            return Err(crate::error::Error::new(
                crate::error::Location::file(dir),
                msg!(
                    "ini sebuah berkas; untuk grafik dan umpan balik per unit diperlukan folder",
                    "this is a file; charts and per-unit feedback need a folder"
                ),
            ));
        }
    }
    let details_out = (!args.no_details).then(|| workbook::details_path(&out, lang));
    let html_out = (!args.no_html).then(|| report::dashboard::path(&out));
    let mut outputs = vec![out.as_path()];
    outputs.extend(details_out.as_deref());
    outputs.extend(html_out.as_deref());
    crate::output::guard::distinct(&outputs, &[cfg_path.as_path()])?;
    let details = report::DetailSpec {
        mask: !args.no_mask,
        annex: details_out.clone(),
        attention: args.per_unit.is_some(),
    };
    let timer = crate::pipeline::Timer::from_env();
    let mut p = report::compute_config(config, &cfg_path, lang, &progress, Some(&details))?;
    timer.lap("report: compute");
    let previous = match args.previous.as_ref().or(p.config.report.previous.as_ref()) {
        Some(path) => Some(compare::load(path, &p.run.units, lang, &progress)?),
        None => None,
    };

    progress.stage(lang.pick("Menulis laporan…", "Writing the report…"));
    let charts = report::charts::all(&p, lang)?;
    timer.lap("report: charts");
    workbook::write(&p, previous.as_ref(), &charts, &out, lang)?;
    timer.lap("report: workbook");
    if let Some(html) = &html_out {
        report::dashboard::write(&p, previous.as_ref(), &charts, html, lang)?;
        timer.lap("report: dashboard");
    }
    let chart_dir = args
        .charts
        .clone()
        .or(p.config.report.charts.clone())
        .unwrap_or_else(|| {
            out.parent()
                .unwrap_or(std::path::Path::new("."))
                .join(lang.pick("grafik", "charts"))
        });
    let chart_files = report::charts::write_all(&charts, &chart_dir, lang)?;
    let feedback = match &args.per_unit {
        None => Vec::new(),
        Some(dir) => {
            let dir = dir.clone().unwrap_or_else(|| {
                out.parent()
                    .unwrap_or(std::path::Path::new("."))
                    .join("umpan-balik")
            });
            progress.stage(lang.pick(
                "Menulis umpan balik per unit…",
                "Writing per-unit feedback…",
            ));
            let annex = details_out
                .as_ref()
                .and_then(|d| d.file_name())
                .map(|n| n.to_string_lossy().into_owned());
            let written = feedback::write_all(&p, previous.as_ref(), &dir, annex.as_deref(), lang)?;
            timer.lap("report: feedback");
            written
        }
    };
    // The answer details were written as the answers were scored; their workbook is
    // saved on its own thread while the outputs above are written.
    if let Some(annex) = p.annex.take() {
        annex.wait()?;
    }
    timer.lap("report: details (wait)");
    drop(progress);

    let (rank_df, rank_headers) = ranking_frame(&p.lines, &p.config.index, lang)?;
    let cols: Vec<(&str, String)> = [
        "rank", "unit", "quality", "sla_pct", "standard", "minimum", "ikm", "index",
    ]
    .iter()
    .map(|c| {
        (
            *c,
            rank_headers[xlsx::column_index(&rank_df, c) as usize].clone(),
        )
    })
    .collect();
    println!("{}", table::render(&rank_df, &cols));
    super::print_issues(
        &p.issues,
        lang,
        &format!(
            " ({} \"{}\")",
            lang.pick("lihat sheet", "see sheet"),
            lang.of(crate::output::xlsx::ISSUES_SHEET)
        ),
    );
    super::print_written(Some(&out), lang);
    super::print_written(details_out.as_deref(), lang);
    super::print_written(html_out.as_deref(), lang);
    eprintln!(
        "{}",
        tr!(
            lang,
            "{} berkas grafik ditulis ke {}",
            "{} chart files written to {}",
            chart_files.len(),
            crate::error::shown(&chart_dir)
        )
    );
    if let Some(first) = feedback.first() {
        eprintln!(
            "{}",
            tr!(
                lang,
                "{} workbook umpan balik unit ditulis ke {}",
                "{} unit feedback workbooks written to {}",
                feedback.len(),
                crate::error::shown(first.parent().unwrap_or(first))
            )
        );
    }
    Ok(0)
}

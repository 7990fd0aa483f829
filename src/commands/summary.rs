//! `ulpk-eval summary`: scores aggregated by unit, officer, channel, service type,
//! commodity and month.

use std::path::Path;

use polars::prelude::*;

use super::{exit_code, print_issues, print_sources, score_inputs, write_issues};
use crate::aggregate::{self, Summary, grade_col, summary_headers};
use crate::cli::SummaryArgs;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::issues::{issues_frame, issues_headers};
use crate::labels;
use crate::output::{Format, table, write_csv, write_parquet, xlsx};
use crate::pipeline::{self, Keep, ScoredRun};
use crate::progress::Progress;
use crate::rubric::Rubric;

pub fn run(args: &SummaryArgs, lang: Lang) -> Result<i32> {
    let inputs = score_inputs(&args.input, Some(&args.review))?;
    super::check_outputs(
        &[args.output.as_deref(), args.issues.issues.as_deref()],
        &inputs.paths(),
    )?;
    let progress = Progress::start();
    let mut run = pipeline::run_with(&inputs, lang, &progress, Keep::Figures, &mut |_, _| Ok(()))?;
    progress.stage(lang.pick("Meringkas…", "Aggregating…"));
    // The run kept the partial sums by every dimension: the ones asked for, in their order.
    let (all, overall) = match run.partials.take() {
        Some(p) => p.finish(&run.rubric)?,
        None => (
            aggregate::summarize(&run.scored, &run.rubric, &aggregate::Dimension::ALL, lang)?,
            aggregate::overall(&run.scored, &run.rubric)?,
        ),
    };
    let summaries: Vec<Summary> = args
        .by
        .iter()
        .filter_map(|d| all.iter().find(|s| s.dimension == *d).cloned())
        .collect();
    if let Some(out) = &args.output {
        progress.stage(lang.pick("Menulis ringkasan…", "Writing the summary…"));
        write(out, &summaries, &overall, &run, lang)?;
    }
    if let Some(p) = &args.issues.issues {
        write_issues(p, &run.issues, lang)?;
    }
    drop(progress);
    print_sources(&run.sources, lang);
    super::print_warnings(&run.warnings, lang);
    for s in &summaries {
        print_table(s, &run.rubric, lang);
    }
    print_overall(&overall, &run.rubric, lang);
    print_issues(&run.issues, lang, "");
    Ok(exit_code(args.issues.strict, &run.issues))
}

/// Prints one summary as a console table with the main metrics.
pub fn print_table(s: &Summary, rubric: &Rubric, lang: Lang) {
    let key = s.dimension.column();
    let mut cols: Vec<(&str, String)> = vec![
        (key, labels::column(key, lang).unwrap_or(key).to_string()),
        ("answers", lang.pick("Jawaban", "Answers").into()),
        ("mean_score", lang.pick("Skor", "Score").into()),
        ("sla_pct", "SLA %".into()),
        (
            "critical_fails",
            lang.pick("Gagal kritis", "Crit. fails").into(),
        ),
    ];
    // An officer's line names the units the officer answered for.
    if key != crate::ingest::columns::field::UNIT && s.df.column("unit").is_ok() {
        cols.insert(
            1,
            (
                "unit",
                labels::column("unit", lang).unwrap_or("Unit").to_string(),
            ),
        );
    }
    let grade_names: Vec<String> = rubric.bands.iter().map(|b| grade_col(&b.grade)).collect();
    for (b, n) in rubric.bands.iter().zip(&grade_names) {
        cols.push((n.as_str(), b.grade.clone()));
    }
    println!("{}", labels::dimension(key, lang));
    println!("{}", table::render(&s.df, &cols));
}

/// Prints the national line.
pub fn print_overall(overall: &DataFrame, _rubric: &Rubric, lang: Lang) {
    let get = |n: &str| {
        overall
            .column(n)
            .ok()
            .and_then(|c| c.get(0).ok().map(|v| v.to_string()))
    };
    println!(
        "{}",
        tr!(
            lang,
            "Seluruh jawaban: {} jawaban, rata-rata skor {}, pemenuhan SLA {}%",
            "All answers: {} answers, mean score {}, SLA fulfilment {}%",
            get("answers").unwrap_or_default(),
            get("mean_score").unwrap_or_else(|| "-".into()),
            get("sla_pct").unwrap_or_else(|| "-".into())
        )
    );
}

/// Writes the summaries: XLSX with a sheet per dimension, or CSV/Parquet in long form
/// (`dimension`, `key`, metrics).
pub fn write(
    out: &Path,
    summaries: &[Summary],
    overall: &DataFrame,
    run: &ScoredRun,
    lang: Lang,
) -> Result<()> {
    match Format::from_path(out)? {
        Format::Xlsx => {
            let title = lang.pick("Ringkasan Kualitas Jawaban", "Answer Quality Summary");
            let mut wb = xlsx::new_workbook(title)?;
            let all_label = lang.pick("Semua", "All");
            let overall_keyed = overall
                .clone()
                .lazy()
                .select([lit(all_label).alias("key"), all().as_expr()])
                .collect()
                .map_err(|e| polars_err("ringkasan", e))?;
            let mut headers = summary_headers(&overall_keyed, &run.rubric, lang);
            headers[0] = String::new();
            xlsx::write_frame(
                &mut wb,
                lang.pick("Nasional", "National"),
                &overall_keyed,
                &headers,
            )?;
            for s in summaries {
                xlsx::write_frame(
                    &mut wb,
                    labels::dimension(s.dimension.column(), lang),
                    &s.df,
                    &summary_headers(&s.df, &run.rubric, lang),
                )?;
            }
            xlsx::write_frame(
                &mut wb,
                lang.of(crate::output::xlsx::ISSUES_SHEET),
                &issues_frame(&run.issues, lang),
                &issues_headers(lang),
            )?;
            crate::output::xlsx::save(
                &mut wb,
                out,
                &crate::output::xlsx::PageHead::titled(title, lang),
            )
        }
        fmt => {
            let mut frames = Vec::new();
            for s in summaries {
                let key = s.dimension.column();
                // One schema for every dimension: the officers' lines name their units, the
                // units' lines their own name, the others none.
                let has_unit = s.df.column("unit").is_ok();
                let unit = if has_unit {
                    col("unit")
                } else {
                    lit(NULL).cast(DataType::String)
                };
                let mut exclude = vec![key];
                if has_unit && key != "unit" {
                    exclude.push("unit");
                }
                // The officers' lines carry the officer id (when the export has one).
                let id = crate::ingest::columns::field::OFFICER_ID;
                let officer_id = if s.df.column(id).is_ok() {
                    exclude.push(id);
                    col(id)
                } else {
                    lit(NULL).cast(DataType::String)
                };
                let lf = s.df.clone().lazy().select([
                    lit(key).alias("dimension"),
                    col(key).alias("key"),
                    unit.alias("unit"),
                    officer_id.alias(id),
                    all().exclude_cols(exclude).as_expr(),
                ]);
                frames.push(lf);
            }
            let long = concat(frames, UnionArgs::default())
                .and_then(|lf| lf.collect())
                .map_err(|e| polars_err("ringkasan", e))?;
            if fmt == Format::Csv {
                write_csv(out, &long)
            } else {
                write_parquet(out, &long)
            }
        }
    }
}

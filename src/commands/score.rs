//! `ulpk-eval score`: every answer scored, with its reasons.

use std::path::Path;

use polars::prelude::*;

use super::{
    exit_code, issues_hint, print_issues, print_sources, print_written, score_inputs, write_issues,
};
use crate::aggregate::{self, Dimension};
use crate::cli::ScoreArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::issues::{issues_frame, issues_headers};
use crate::output::answers::{StateStyle, answer_headers, answer_table};
use crate::output::{Format, StreamWriter, write_csv, write_parquet, xlsx};
use crate::pipeline::{self, Keep, ScoredRun};
use crate::progress::Progress;

pub fn run(args: &ScoreArgs, lang: Lang) -> Result<i32> {
    let inputs = score_inputs(&args.input, Some(&args.review))?;
    super::check_outputs(
        &[
            args.output.as_deref(),
            args.summary.as_deref(),
            args.issues.issues.as_deref(),
        ],
        &inputs.paths(),
    )?;
    let progress = Progress::start();
    // CSV and Parquet results are written part by part as the records are scored, so a
    // large input is never held whole; the XLSX workbook needs every column at the end.
    let format = args.output.as_deref().map(Format::from_path).transpose()?;
    let mut stream = match (&args.output, format) {
        (Some(out), Some(Format::Csv | Format::Parquet)) => Some(StreamWriter::new(out)?),
        _ => None,
    };
    let keep = if stream.is_some() || args.output.is_none() {
        Keep::Slim
    } else {
        Keep::All
    };
    let mut write_part = |scored: &DataFrame, rubric: &crate::rubric::Rubric| -> Result<()> {
        if let Some(w) = stream.as_mut() {
            w.write(&answer_table(scored, rubric, StateStyle::Key)?)?;
        }
        Ok(())
    };
    let run = pipeline::run_with(&inputs, lang, &progress, keep, &mut write_part)?;
    progress.stage(lang.pick("Meringkas…", "Aggregating…"));
    let by_unit = aggregate::summarize(&run.scored, &run.rubric, &[Dimension::Unit], lang)?;
    let overall = aggregate::overall(&run.scored, &run.rubric)?;
    if let Some(out) = &args.output {
        progress.stage(lang.pick("Menulis hasil…", "Writing results…"));
        match stream {
            Some(w) => w.finish()?,
            None => write_scores(out, &run, &by_unit[0].df, lang)?,
        }
    }
    if let Some(out) = &args.summary {
        let all = aggregate::summarize(&run.scored, &run.rubric, &Dimension::ALL, lang)?;
        super::summary::write(out, &all, &overall, &run, lang)?;
    }
    if let Some(p) = &args.issues.issues {
        write_issues(p, &run.issues, lang)?;
    }
    drop(progress);

    print_sources(&run.sources, lang);
    super::print_warnings(&run.warnings, lang);
    super::summary::print_table(&by_unit[0], &run.rubric, lang);
    super::summary::print_overall(&overall, &run.rubric, lang);
    let hint = issues_hint(args.issues.issues.as_deref(), args.output.as_deref(), lang)?;
    print_issues(&run.issues, lang, &hint);
    print_written(args.output.as_deref(), lang);
    Ok(exit_code(args.issues.strict, &run.issues))
}

/// Writes the per-answer table; XLSX adds the unit summary, data issues, rubric and info.
pub fn write_scores(out: &Path, run: &ScoredRun, by_unit: &DataFrame, lang: Lang) -> Result<()> {
    match Format::from_path(out)? {
        Format::Csv => write_csv(
            out,
            &answer_table(&run.scored, &run.rubric, StateStyle::Key)?,
        ),
        Format::Parquet => write_parquet(
            out,
            &answer_table(&run.scored, &run.rubric, StateStyle::Key)?,
        ),
        Format::Xlsx => {
            let table = answer_table(&run.scored, &run.rubric, StateStyle::Label(lang))?;
            let title = lang.pick("Skor Kualitas Jawaban", "Answer Quality Scores");
            let mut wb = xlsx::new_workbook(title)?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Skor Jawaban", "Answer Scores"),
                &table,
                &answer_headers(&table, &run.rubric, lang),
            )?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Ringkasan Unit", "Unit Summary"),
                by_unit,
                &aggregate::summary_headers(by_unit, &run.rubric, lang),
            )?;
            xlsx::write_frame(
                &mut wb,
                lang.of(crate::output::xlsx::ISSUES_SHEET),
                &issues_frame(&run.issues, lang),
                &issues_headers(lang),
            )?;
            if !run.disputes.is_empty() {
                let (d, h) =
                    crate::review::dispute::disputes_frame(&run.disputes, &run.rubric, lang)?;
                xlsx::write_frame(&mut wb, lang.of(crate::labels::sheet::DISPUTES), &d, &h)?;
            }
            let (rubric_df, rubric_headers) = super::rubric::criteria_frame(&run.rubric, lang)?;
            xlsx::write_frame(
                &mut wb,
                lang.pick("Rubrik", "Rubric"),
                &rubric_df,
                &rubric_headers,
            )?;
            let (info, info_headers) = info_frame(run, lang)?;
            xlsx::write_frame(&mut wb, "Info", &info, &info_headers)?;
            crate::output::xlsx::save(
                &mut wb,
                out,
                &crate::output::xlsx::PageHead::titled(title, lang),
            )
        }
    }
}

/// Key/value facts about the run: tool, rubric, inputs.
pub fn info_frame(run: &ScoredRun, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let mut keys: Vec<String> = vec![
        lang.pick("Alat", "Tool").into(),
        lang.pick("Rubrik", "Rubric").into(),
        lang.pick("Versi rubrik", "Rubric version").into(),
        lang.pick("Berkas rubrik", "Rubric file").into(),
        lang.pick("Kalender hari kerja", "Working-day calendar")
            .into(),
    ];
    let mut values: Vec<String> = vec![
        format!("ulpk-eval {}", env!("CARGO_PKG_VERSION")),
        format!("{} ({})", run.rubric.name, run.rubric.id),
        run.rubric.version.clone(),
        crate::error::shown(&run.rubric.source).to_string(),
        run.calendar.sources.join("; "),
    ];
    for s in &run.sources {
        keys.push(lang.pick("Masukan", "Input").into());
        values.push(format!(
            "{} — {}{} — {} {}",
            crate::error::shown(&s.path),
            s.format,
            s.sheet
                .as_ref()
                .map(|n| format!(", sheet \"{n}\""))
                .unwrap_or_default(),
            s.rows,
            lang.pick("baris", "rows")
        ));
    }
    crate::report::sheets::kv_frame(keys.into_iter().zip(values).collect(), lang)
}

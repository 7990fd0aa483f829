//! `ulpk-eval sample`: a stratified random sample of the scored answers, written as one
//! review workbook per reviewer plus an overview of who reviews what.

use std::collections::BTreeMap;
use std::path::Path;

use polars::prelude::*;

use super::{print_sources, score_inputs};
use crate::aggregate::{self, Dimension};
use crate::cli::SampleArgs;
use crate::error::{Error, Location, Result, polars_err};
use crate::expr::text_column as strings;
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::output::answers::{StateStyle, answer_table};
use crate::output::mask::mask;
use crate::output::xlsx;
use crate::pipeline::{self, ScoredRun};
use crate::progress::Progress;
use crate::review::sample::{Drawn, assign, draw};
use crate::review::worksheet::{self, ReviewRow};
use crate::score::{GRADE, SCORE, State};
use crate::validate::DUPLICATE;

/// The review workbook's file name for a reviewer.
pub fn file_name(reviewer: &str) -> String {
    crate::output::file_name("review-", reviewer, "xlsx")
}

/// Rows eligible for review (not duplicates, with an answer), grouped by stratum and
/// sorted by answer id within it.
fn strata(run: &ScoredRun, by: &[Dimension], lang: Lang) -> Result<BTreeMap<String, Vec<usize>>> {
    let df = &run.scored;
    let ids = strings(df, field::ID)?;
    let answers = strings(df, field::ANSWER)?;
    let dup = df
        .column(DUPLICATE)
        .and_then(|c| c.bool().cloned())
        .map_err(|e| polars_err("sampel", e))?;
    let keys: Vec<Vec<Option<String>>> = by
        .iter()
        .map(|d| strings(df, d.column()))
        .collect::<Result<_>>()?;
    let blank = aggregate::blank_key(lang);
    let mut out: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for i in 0..df.height() {
        let has_answer = answers[i].as_deref().is_some_and(|a| !a.trim().is_empty());
        if dup.get(i).unwrap_or(false) || !has_answer {
            continue;
        }
        let key: Vec<&str> = keys
            .iter()
            .map(|k| k[i].as_deref().filter(|v| !v.is_empty()).unwrap_or(blank))
            .collect();
        out.entry(key.join(" | "))
            .or_default()
            .push((ids[i].clone().unwrap_or_default(), i));
    }
    Ok(out
        .into_iter()
        .map(|(k, mut v)| {
            v.sort();
            (k, v.into_iter().map(|(_, i)| i).collect())
        })
        .collect())
}

/// An automatic criterion's label, state labels and evidence, per row.
type AutoColumns = (String, Vec<Option<String>>, Vec<Option<String>>);

/// The reviewer's view of each drawn answer.
fn review_rows(
    run: &ScoredRun,
    drawn: &[Drawn],
    masked: bool,
    lang: Lang,
) -> Result<Vec<ReviewRow>> {
    let df = &run.scored;
    let table = answer_table(df, &run.rubric, StateStyle::Label(lang))?;
    let get = |name: &str| strings(df, name);
    let (ids, units, channels, types) = (
        get(field::ID)?,
        get(field::UNIT)?,
        get(field::CHANNEL)?,
        get(field::SERVICE_TYPE)?,
    );
    // Received date as dd/mm/yyyy, whatever the datetime's time unit.
    let received: Vec<String> = df
        .column(field::RECEIVED_AT)
        .and_then(|c| c.cast(&DataType::Date))
        .and_then(|c| c.cast(&DataType::String))
        .map_err(|e| polars_err("sampel", e))?
        .str()
        .map_err(|e| polars_err("sampel", e))?
        .iter()
        .map(|d| {
            d.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default()
        })
        .collect();
    let (questions, answers, grades) = (get(field::QUESTION)?, get(field::ANSWER)?, get(GRADE)?);
    let scores = df
        .column(SCORE)
        .and_then(|c| c.cast(&DataType::Float64))
        .map_err(|e| polars_err("sampel", e))?;
    let scores = scores.f64().map_err(|e| polars_err("sampel", e))?;
    // Automatic criteria: state label and evidence columns of the answer table.
    let pass = State::Pass.label(lang);
    let na = State::NotApplicable.label(lang);
    let mut auto: Vec<AutoColumns> = Vec::new();
    for c in run.rubric.criteria.iter().filter(|c| !c.kind.is_manual()) {
        auto.push((
            c.label.clone(),
            strings(&table, &c.id)?,
            strings(&table, &format!("{}_evidence", c.id))?,
        ));
    }
    let judged: Vec<(String, Vec<Option<String>>)> = crate::review::verdicts::judged(&run.rubric)
        .into_iter()
        .map(|c| Ok((c.id.clone(), strings(&table, &c.id)?)))
        .collect::<Result<_>>()?;
    let text = |v: &Option<String>| {
        let t = v.clone().unwrap_or_default();
        if masked { mask(&t).into_owned() } else { t }
    };
    Ok(drawn
        .iter()
        .map(|d| {
            let i = d.row;
            let notes: Vec<String> = auto
                .iter()
                .filter_map(|(label, states, evidence)| {
                    let s = states[i].as_deref()?;
                    (s != pass && s != na).then(|| {
                        let e = evidence[i].as_deref().unwrap_or("");
                        format!(
                            "{label}: {s} ({})",
                            if masked {
                                mask(e).into_owned()
                            } else {
                                e.to_string()
                            }
                        )
                    })
                })
                .collect();
            ReviewRow {
                id: ids[i].clone().unwrap_or_default(),
                unit: units[i].clone().unwrap_or_default(),
                channel: channels[i].clone().unwrap_or_default(),
                service_type: types[i].clone().unwrap_or_default(),
                received: received[i].clone(),
                question: text(&questions[i]),
                answer: text(&answers[i]),
                auto_score: scores.get(i),
                auto_grade: grades[i].clone().unwrap_or_default(),
                auto_notes: notes.join("\n"),
                calibration: false,
                marks: Vec::new(),
                auto_states: judged
                    .iter()
                    .map(|(id, states)| (id.clone(), states[i].clone().unwrap_or_default()))
                    .collect(),
                verdicts: Vec::new(),
                comment: String::new(),
            }
        })
        .collect())
}

/// The coordinator's overview: every sampled answer, its stratum and its reviewers.
fn overview(
    path: &Path,
    rows: &[ReviewRow],
    drawn: &[Drawn],
    reviewers_of: &[Vec<&str>],
    lang: Lang,
) -> Result<()> {
    let n = rows.len();
    let df = DataFrame::new(
        n,
        vec![
            Column::new("no".into(), (1..=n as u32).collect::<Vec<_>>()),
            Column::new(
                "id".into(),
                rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "stratum".into(),
                drawn.iter().map(|d| d.stratum.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "unit".into(),
                rows.iter().map(|r| r.unit.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "channel".into(),
                rows.iter().map(|r| r.channel.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "service_type".into(),
                rows.iter()
                    .map(|r| r.service_type.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "auto_score".into(),
                rows.iter().map(|r| r.auto_score).collect::<Vec<_>>(),
            ),
            Column::new(
                "reviewers".into(),
                reviewers_of
                    .iter()
                    .map(|r| r.join(", "))
                    .collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(|e| polars_err("sampel", e))?;
    let headers: Vec<String> = crate::labels::owned(&[
        "No",
        "ID",
        "Strata",
        "Unit",
        lang.pick("Kanal", "Channel"),
        lang.pick("Jenis Layanan", "Service Type"),
        lang.pick("Skor Otomatis", "Automatic Score"),
        "Reviewer",
    ]);
    let title = lang.pick("Sampel Review", "Review Sample");
    let mut wb = xlsx::new_workbook(title)?;
    xlsx::write_frame(&mut wb, lang.pick("Sampel", "Sample"), &df, &headers)?;
    // Marked, so that reading the reviews folder passes over it.
    use crate::review::meta;
    xlsx::write_meta_sheet(
        &mut wb,
        crate::review::META_SHEET,
        &[(meta::FORMAT, meta::OVERVIEW_VALUE)],
    )?;
    crate::output::xlsx::save(
        &mut wb,
        path,
        &crate::output::xlsx::PageHead::titled(title, lang),
    )
}

pub fn run(args: &SampleArgs, lang: Lang) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.overlap) {
        return Err(Error::plain(msg!(
            "--overlap harus antara 0 dan 1 (bagian sampel yang dinilai semua reviewer), bukan {}",
            "--overlap must be between 0 and 1 (the share of the sample every reviewer scores), not {}",
            args.overlap
        )));
    }
    let mut reviewers: Vec<String> = args
        .reviewers
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if reviewers.is_empty() {
        reviewers.push("reviewer".into());
    }
    let names: Vec<(&str, String)> = reviewers
        .iter()
        .map(|r| (r.as_str(), file_name(r)))
        .collect();
    crate::output::unique_file_names(&names)?;
    let files: Vec<String> = names.into_iter().map(|(_, f)| f).collect();
    // Filled review workbooks are inputs: never overwrite one.
    let dir = &args.output;
    if !args.force {
        for f in files.iter().map(String::as_str).chain(["sampel.xlsx"]) {
            let p = dir.join(f);
            if p.exists() {
                return Err(Error::new(
                    Location::file(&p),
                    msg!(
                        "berkas sudah ada dan mungkin sudah diisi reviewer; pakai folder lain atau --force untuk menimpa",
                        "the file exists and may already be filled by a reviewer; use another folder or --force to overwrite"
                    ),
                ));
            }
        }
    }

    let inputs = score_inputs(&args.input, None)?;
    let progress = Progress::start();
    let run = pipeline::run(&inputs, lang, &progress)?;
    progress.stage(lang.pick("Menarik sampel…", "Drawing the sample…"));
    let strata = strata(&run, &args.by, lang)?;
    let drawn = draw(&strata, args.n, args.min_per_stratum, args.seed)?;
    let mut rows = review_rows(&run, &drawn, !args.no_mask, lang)?;
    let assignment = assign(rows.len(), reviewers.len(), args.overlap, args.seed);
    let mut reviewers_of: Vec<Vec<&str>> = vec![Vec::new(); rows.len()];
    for (r, list) in reviewers.iter().zip(&assignment) {
        for &i in list {
            reviewers_of[i].push(r);
        }
    }
    for (row, who) in rows.iter_mut().zip(&reviewers_of) {
        row.calibration = who.len() > 1;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    progress.stage(lang.pick("Menulis lembar review…", "Writing review sheets…"));
    for (r, list) in reviewers.iter().zip(&assignment) {
        let mine: Vec<ReviewRow> = list.iter().map(|&i| rows[i].clone()).collect();
        worksheet::write(
            &run.rubric,
            r,
            args.seed,
            &mine,
            &dir.join(file_name(r)),
            lang,
        )?;
    }
    overview(&dir.join("sampel.xlsx"), &rows, &drawn, &reviewers_of, lang)?;
    drop(progress);

    print_sources(&run.sources, lang);
    let shared = reviewers_of.iter().filter(|w| w.len() > 1).count();
    println!(
        "{}",
        tr!(
            lang,
            "{} jawaban disampel dari {} strata ({} jawaban memenuhi syarat), seed {}; {} untuk kalibrasi.",
            "{} answers sampled from {} strata ({} eligible answers), seed {}; {} for calibration.",
            rows.len(),
            strata.len(),
            strata.values().map(Vec::len).sum::<usize>(),
            args.seed,
            shared
        )
    );
    for (r, list) in reviewers.iter().zip(&assignment) {
        println!(
            "  {r}: {} → {}",
            list.len(),
            crate::error::shown(&dir.join(file_name(r)))
        );
    }
    super::print_written(Some(&dir.join("sampel.xlsx")), lang);
    Ok(0)
}

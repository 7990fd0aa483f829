//! `ulpk-eval calibrate`: agreement between reviewers on the answers they all scored, per
//! manual criterion and (with the answer exports) for the total score.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::*;

use super::print_issues;
use crate::agreement::Metric;
use crate::cli::CalibrateArgs;
use crate::config::Config;
use crate::error::{Error, Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::ingest::format::workbook_paths;
use crate::issues::sort_issues;
use crate::output::{table, xlsx};
use crate::pipeline::{self, ScoreInputs};
use crate::progress::Progress;
use crate::review::calibrate::{Calibration, Marks, Options, calibrate};
use crate::review::merge::{Mark, Review, read_all};
use crate::review::worksheet::{manual_criteria, scale_options};
use crate::rubric::Rubric;
use crate::score::SCORE;

/// Marks per manual criterion, on 0–100 (N/A as missing).
fn criterion_marks(rubric: &Rubric, reviews: &[Review]) -> Vec<Marks> {
    manual_criteria(rubric)
        .into_iter()
        .map(|(c, scale, na)| {
            let span = scale[1] - scale[0];
            let to100 = |v: f64| {
                if span > 0.0 {
                    (v - scale[0]) / span * 100.0
                } else {
                    100.0
                }
            };
            let steps = scale_options(scale, na, &[]).map(|opts| {
                opts.iter()
                    .filter_map(|o| o.parse::<f64>().ok())
                    .map(to100)
                    .collect()
            });
            let mut values: BTreeMap<String, BTreeMap<String, Option<f64>>> = BTreeMap::new();
            for r in reviews.iter().filter(|r| r.criterion == c.id) {
                let v = match r.mark {
                    Mark::Score(v) => Some(to100(v)),
                    Mark::NotApplicable => None,
                };
                values
                    .entry(r.id.clone())
                    .or_default()
                    .entry(r.reviewer.clone())
                    .or_insert(v);
            }
            Marks {
                label: c.label.clone(),
                metric: Some(Metric::Ordinal),
                steps,
                values,
            }
        })
        .collect()
}

/// Each reviewer's total score of the shared answers: the answers scored with only that
/// reviewer's workbooks.
fn total_marks(
    inputs: &ScoreInputs,
    by_reviewer: &BTreeMap<String, Vec<PathBuf>>,
    lang: Lang,
    progress: &Progress,
) -> Result<Marks> {
    let mut values: BTreeMap<String, BTreeMap<String, Option<f64>>> = BTreeMap::new();
    for (reviewer, files) in by_reviewer {
        let mut one = inputs.clone();
        one.reviews = files.clone();
        let run = pipeline::run(&one, lang, progress)?;
        let ids = run
            .scored
            .column(field::ID)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| polars_err("kalibrasi", e))?;
        let scores = run
            .scored
            .column(SCORE)
            .and_then(|c| c.cast(&DataType::Float64))
            .map_err(|e| polars_err("kalibrasi", e))?;
        let (ids, scores) = (
            ids.str().map_err(|e| polars_err("kalibrasi", e))?,
            scores.f64().map_err(|e| polars_err("kalibrasi", e))?,
        );
        for (id, s) in ids.iter().zip(scores.iter()) {
            if let Some(id) = id {
                values
                    .entry(id.to_string())
                    .or_default()
                    .entry(reviewer.clone())
                    .or_insert(s);
            }
        }
    }
    // Only the answers some reviewer scored matter; the others carry every reviewer's
    // identical automatic score and would inflate agreement.
    Ok(Marks {
        label: lang.pick("Skor total", "Total score").into(),
        metric: Some(Metric::Interval),
        steps: None,
        values,
    })
}

/// The figures' columns of the agreement and pair tables with their decimals: greyed with
/// the note when the shared answers are fewer than the minimum n.
const MEASURE_FIGURES: [(&str, usize); 4] =
    [("exact", 1), ("within", 1), ("kappa", 3), ("alpha", 3)];
const PAIR_FIGURES: [(&str, usize); 1] = [("kappa", 3)];

fn frames(
    c: &Calibration,
    bias: f64,
    min_n: u32,
    lang: Lang,
) -> Result<[(DataFrame, Vec<String>); 3]> {
    let err = |e| polars_err("kalibrasi", e);
    let small = |n: usize| crate::stats::below_min_n(n as u64, min_n);
    let m = &c.measures;
    let measures = DataFrame::new(
        m.len(),
        vec![
            Column::new(
                "measure".into(),
                m.iter().map(|x| x.label.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "answers".into(),
                m.iter().map(|x| x.answers as u32).collect::<Vec<_>>(),
            ),
            Column::new(
                "reviewers".into(),
                m.iter().map(|x| x.reviewers as u32).collect::<Vec<_>>(),
            ),
            Column::new(
                "exact".into(),
                m.iter().map(|x| x.exact).collect::<Vec<_>>(),
            ),
            Column::new(
                "within".into(),
                m.iter().map(|x| x.within).collect::<Vec<_>>(),
            ),
            Column::new(
                "kappa".into(),
                m.iter().map(|x| x.kappa).collect::<Vec<_>>(),
            ),
            Column::new(
                "alpha".into(),
                m.iter().map(|x| x.alpha).collect::<Vec<_>>(),
            ),
            Column::new(
                "flag".into(),
                m.iter()
                    .map(|x| {
                        if x.flagged {
                            lang.pick("Perlu kalibrasi", "Needs calibration")
                        } else {
                            lang.pick("Sepakat", "Agreed")
                        }
                    })
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "note".into(),
                m.iter().map(|x| small(x.answers)).collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(err)?;
    let measure_headers = [
        lang.pick("Ukuran", "Measure"),
        lang.pick("Jawaban bersama", "Shared answers"),
        "Reviewer",
        lang.pick("Sepakat persis (%)", "Exact agreement (%)"),
        lang.pick("Dalam ±toleransi (%)", "Within ±tolerance (%)"),
        lang.pick("Kappa Cohen berbobot", "Weighted Cohen's kappa"),
        lang.pick("Alpha Krippendorff", "Krippendorff's alpha"),
        lang.pick("Status", "Status"),
        lang.pick("Catatan", "Note"),
    ];
    let p = &c.pairs;
    let pairs = DataFrame::new(
        p.len(),
        vec![
            Column::new(
                "measure".into(),
                p.iter().map(|x| x.measure.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "a".into(),
                p.iter().map(|x| x.a.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "b".into(),
                p.iter().map(|x| x.b.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "answers".into(),
                p.iter().map(|x| x.answers as u32).collect::<Vec<_>>(),
            ),
            Column::new(
                "kappa".into(),
                p.iter().map(|x| x.kappa).collect::<Vec<_>>(),
            ),
            Column::new(
                "note".into(),
                p.iter().map(|x| small(x.answers)).collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(err)?;
    let pair_headers = [
        lang.pick("Ukuran", "Measure"),
        "Reviewer A",
        "Reviewer B",
        lang.pick("Jawaban bersama", "Shared answers"),
        lang.pick("Kappa Cohen berbobot", "Weighted Cohen's kappa"),
        lang.pick("Catatan", "Note"),
    ];
    let labels: Vec<String> = c.measures.iter().map(|m| m.label.clone()).collect();
    let mut cols = vec![Column::new(
        "reviewer".into(),
        c.reviewers
            .iter()
            .map(|r| r.reviewer.clone())
            .collect::<Vec<_>>(),
    )];
    let mut reviewer_headers: Vec<String> = vec!["Reviewer".into()];
    for (k, l) in labels.iter().enumerate() {
        cols.push(Column::new(
            format!("dev_{k}").into(),
            c.reviewers
                .iter()
                .map(|r| r.deviations.iter().find(|d| &d.0 == l).and_then(|d| d.1))
                .collect::<Vec<_>>(),
        ));
        reviewer_headers.push(format!(
            "{l} — {}",
            lang.pick(
                "selisih dari konsensus (poin)",
                "deviation from consensus (points)"
            )
        ));
    }
    // The verdict: by the total score when there is one, else the mean over the criteria.
    // A verdict from fewer answers than the minimum n says so: "terlalu longgar (n = 4 < 10)".
    let verdict = |r: &crate::review::calibrate::ReviewerStats| {
        let defined: Vec<&(String, Option<f64>, usize)> =
            r.deviations.iter().filter(|d| d.1.is_some()).collect();
        let total = defined
            .iter()
            .find(|d| d.0 == lang.pick("Skor total", "Total score"));
        let (dev, n) = match total {
            Some(t) => (t.1?, t.2),
            None if defined.is_empty() => return None,
            None => (
                defined.iter().filter_map(|d| d.1).sum::<f64>() / defined.len() as f64,
                defined.iter().map(|d| d.2).max().unwrap_or(0),
            ),
        };
        let word = if dev > bias {
            lang.pick("terlalu longgar", "too lenient")
        } else if dev < -bias {
            lang.pick("terlalu ketat", "too harsh")
        } else {
            lang.pick("sesuai konsensus", "in line")
        };
        Some(match small(n) {
            Some(note) => format!("{word} ({note})"),
            None => word.to_string(),
        })
    };
    cols.push(Column::new(
        "verdict".into(),
        c.reviewers.iter().map(verdict).collect::<Vec<_>>(),
    ));
    reviewer_headers.push(lang.pick("Kecenderungan", "Tendency").into());
    let reviewers = DataFrame::new(c.reviewers.len(), cols).map_err(err)?;
    use crate::labels::owned;
    Ok([
        (measures, owned(&measure_headers)),
        (pairs, owned(&pair_headers)),
        (reviewers, reviewer_headers),
    ])
}

/// Every shared answer with each reviewer's mark and the consensus (0–100), per measure.
fn detail_frame(measures: &[Marks], lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let reviewers: Vec<String> = measures
        .iter()
        .flat_map(|m| m.values.values().flat_map(|v| v.keys().cloned()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut measure = Vec::new();
    let mut ids = Vec::new();
    let mut marks: Vec<Vec<Option<f64>>> = vec![Vec::new(); reviewers.len()];
    let mut consensus = Vec::new();
    for m in measures {
        for (id, v) in &m.values {
            let present: Vec<f64> = v.values().flatten().copied().collect();
            if present.len() < 2 {
                continue;
            }
            measure.push(m.label.clone());
            ids.push(id.clone());
            for (k, r) in reviewers.iter().enumerate() {
                marks[k].push(
                    v.get(r)
                        .copied()
                        .flatten()
                        .map(|x| (x * 100.0).round() / 100.0),
                );
            }
            let mean = present.iter().sum::<f64>() / present.len() as f64;
            consensus.push((mean * 100.0).round() / 100.0);
        }
    }
    let n = consensus.len();
    let mut t = crate::output::table::Sheet::new();
    t.push("measure", lang.pick("Ukuran", "Measure"), measure);
    t.push("id", "ID", ids);
    for (r, v) in reviewers.iter().zip(marks) {
        t.push(&format!("r_{r}"), r.clone(), v);
    }
    t.push(
        "consensus",
        lang.pick("Konsensus (rata-rata)", "Consensus (mean)"),
        consensus,
    );
    t.finish(n, "kalibrasi")
}

/// The caveat's meaning, under the tables and after the console tables.
fn small_n_note(min_n: u32, lang: Lang) -> String {
    tr!(
        lang,
        "\"n = … < {}\": angka dari kurang dari {} jawaban bersama belum dapat diandalkan (aturan n minimum laporan, [report] min_n); di workbook ditulis abu-abu.",
        "\"n = … < {}\": a figure from fewer than {} shared answers is not yet reliable (the report's minimum-n rule, [report] min_n); written in grey in the workbook.",
        min_n,
        min_n
    )
}

/// A reviewer's deviation from fewer answers than the minimum n, written in grey with the
/// caveat: "n = 4 < 10 (12.50)".
fn reviewer_caveat(c: &Calibration, min_n: u32) -> impl Fn(usize, usize) -> Option<String> + '_ {
    let labels: Vec<&String> = c.measures.iter().map(|m| &m.label).collect();
    move |row: usize, col: usize| {
        // Column 0 is the reviewer, then one deviation per measure, then the verdict.
        let label = labels.get(col.checked_sub(1)?)?;
        let (_, dev, n) = c
            .reviewers
            .get(row)?
            .deviations
            .iter()
            .find(|d| &d.0 == *label)?;
        let note = crate::stats::below_min_n(*n as u64, min_n)?;
        Some(match dev {
            Some(v) => format!("{note} ({v:.2})"),
            None => note,
        })
    }
}

pub fn run(args: &CalibrateArgs, lang: Lang) -> Result<i32> {
    super::require_xlsx(args.output.as_deref())?;
    let inputs: Vec<&std::path::Path> = args.reviews.iter().map(|p| p.as_path()).collect();
    super::check_outputs(&[args.output.as_deref()], &inputs)?;
    let cfg = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let rubric_path = args.rubric.clone().or(cfg.answers.rubric.clone());
    let rubric = match &rubric_path {
        Some(p) => Rubric::load(p)?,
        None => Rubric::builtin()?,
    };
    let paths = workbook_paths(&args.reviews)?;
    if paths.is_empty() {
        return Err(Error::plain(msg!(
            "tidak ada lembar review (.xlsx/.ods) di {}",
            "no review workbooks (.xlsx/.ods) in {}",
            args.reviews
                .iter()
                .map(|p| crate::error::shown(p).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let progress = Progress::start();
    let (reviews, mut issues) = read_all(&paths, &rubric);
    let mut measures = criterion_marks(&rubric, &reviews);
    let answers: Vec<PathBuf> = if args.answers.is_empty() {
        cfg.answers.files.clone()
    } else {
        args.answers.clone()
    };
    if !answers.is_empty() {
        let mut by_reviewer: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for r in &reviews {
            if let Some(f) = &r.location.file {
                let files = by_reviewer.entry(r.reviewer.clone()).or_default();
                if !files.contains(f) {
                    files.push(f.clone());
                }
            }
        }
        let inputs = ScoreInputs {
            files: answers,
            rubric: rubric_path.clone(),
            units: cfg.answers.units.clone(),
            calendars: cfg.answers.calendar.clone(),
            aliases: cfg.answers.aliases.clone(),
            columns: cfg.columns.clone(),
            ..ScoreInputs::default()
        };
        let mut total = total_marks(&inputs, &by_reviewer, lang, &progress)?;
        let reviewed: std::collections::HashSet<&String> = reviews.iter().map(|r| &r.id).collect();
        total.values.retain(|id, _| reviewed.contains(id));
        // A reviewer's total counts only on the answers they reviewed.
        for (id, m) in total.values.iter_mut() {
            m.retain(|rev, _| reviews.iter().any(|r| &r.id == id && &r.reviewer == rev));
        }
        measures.push(total);
    }
    let c = calibrate(
        &measures,
        Options {
            tolerance: args.tolerance,
            threshold: args.threshold,
        },
    );
    sort_issues(&mut issues);
    let min_n = cfg.report.min_n.unwrap_or(crate::report::MIN_N);
    let [(m, mh), (p, ph), (r, rh)] = frames(&c, args.bias, min_n, lang)?;
    if let Some(out) = &args.output {
        let title = lang.pick("Kalibrasi Reviewer", "Reviewer Calibration");
        let mut wb = xlsx::new_workbook(title)?;
        let sheet = lang.pick("Kesepakatan", "Agreement");
        // Figures from fewer shared answers than the minimum n are written in grey with the
        // caveat, as the report's rates are.
        xlsx::write_frame_with_caveats(
            &mut wb,
            sheet,
            &m,
            &mh,
            &xlsx::noted_figures(&m, "note", &MEASURE_FIGURES),
        )?;
        let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
        let last = m.height() as u32;
        xlsx::fill_when_text(ws, 7, last, lang.pick("Perlu", "Needs"), xlsx::FILL_BAD)?;
        xlsx::fill_when_text(ws, 7, last, lang.pick("Sepakat", "Agreed"), xlsx::FILL_GOOD)?;
        xlsx::write_note(
            ws,
            last + 2,
            &xlsx::column_widths(&m, &mh, &xlsx::noted_figures(&m, "note", &MEASURE_FIGURES)),
            &small_n_note(min_n, lang),
            false,
        )?;
        let deviations = reviewer_caveat(&c, min_n);
        xlsx::write_frame_with_caveats(&mut wb, "Reviewer", &r, &rh, &deviations)?;
        let sheet = lang.pick("Pasangan Reviewer", "Reviewer Pairs");
        xlsx::write_frame_with_caveats(
            &mut wb,
            sheet,
            &p,
            &ph,
            &xlsx::noted_figures(&p, "note", &PAIR_FIGURES),
        )?;
        let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
        xlsx::write_note(
            ws,
            p.height() as u32 + 2,
            &xlsx::column_widths(&p, &ph, &xlsx::noted_figures(&p, "note", &PAIR_FIGURES)),
            &small_n_note(min_n, lang),
            false,
        )?;
        let (d, dh) = detail_frame(&measures, lang)?;
        xlsx::write_frame(&mut wb, lang.pick("Rincian Nilai", "Marks"), &d, &dh)?;
        xlsx::write_issues_sheet(&mut wb, &issues, lang)?;
        crate::output::xlsx::save(
            &mut wb,
            out,
            &crate::output::xlsx::PageHead::titled(title, lang),
        )?;
    }
    drop(progress);
    let cols: Vec<(&str, String)> = m
        .get_column_names()
        .iter()
        .zip(&mh)
        .map(|(n, h)| (n.as_str(), h.clone()))
        .collect();
    println!("{}", table::render(&m, &cols));
    let cols: Vec<(&str, String)> = r
        .get_column_names()
        .iter()
        .zip(&rh)
        .map(|(n, h)| (n.as_str(), h.clone()))
        .collect();
    println!("{}", table::render(&r, &cols));
    if c.measures.iter().any(|m| m.answers < min_n as usize) {
        println!("{}", small_n_note(min_n, lang));
    }
    println!(
        "{}",
        tr!(
            lang,
            "Toleransi ±{} poin (target ≥ 85% dalam toleransi); alpha di bawah {} ditandai. Selisih positif: lebih longgar dari konsensus; negatif: lebih ketat.",
            "Tolerance ±{} points (target ≥ 85% within); alpha below {} is flagged. Positive deviation: more lenient than the consensus; negative: harsher.",
            args.tolerance,
            args.threshold
        )
    );
    print_issues(&issues, lang, "");
    super::print_written(args.output.as_deref(), lang);
    Ok(0)
}

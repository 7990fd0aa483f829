//! `ulpk-eval agreement`: how often the automatic criteria agree with human verdicts given
//! beside the answers (the labelled evaluation set `samples/berlabel/berlabel.csv`, or any
//! export with `Label <criterion>` columns). Per criterion and per split (all answers, and
//! each value of a `Split` column such as dev / test): answers judged, agreement, Cohen's
//! kappa, precision and recall of *fail*, the confusion matrix, and every disagreement with
//! the tool's evidence.

use polars::prelude::*;

use super::{print_issues, score_inputs, write_issues};
use crate::cli::AgreementArgs;
use crate::error::{Error, Result, polars_err};
use crate::expr::text_column;
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::issues::{DataIssue, IssueKind};
use crate::output::mask::{excerpt, mask};
use crate::output::table::Sheet;
use crate::output::{table, xlsx};
use crate::pipeline;
use crate::progress::Progress;
use crate::review::verdicts::{
    Figures, Pair, SPLIT_KEY, automatic, figures, label_columns, label_key, parse_verdict,
};
use crate::rubric::Rubric;
use crate::score::{State, evidence_col, state_col};

/// The pairs of one criterion, with each pair's split.
struct Criterion {
    id: String,
    label: String,
    pairs: Vec<(Option<String>, Pair)>,
}

/// States in the order the matrices show them.
const ORDER: [State; 5] = [
    State::Pass,
    State::Partial,
    State::Fail,
    State::NotApplicable,
    State::Unverifiable,
];

/// The row of each answer id.
fn index_by_id(ids: &[Option<String>]) -> std::collections::HashMap<&str, usize> {
    ids.iter()
        .enumerate()
        .filter_map(|(i, id)| id.as_deref().map(|id| (id, i)))
        .collect()
}

/// A criterion's automatic states and evidence in the scored frame.
fn automatic_verdicts(scored: &DataFrame, id: &str) -> Result<(UInt8Chunked, Vec<Option<String>>)> {
    let states = scored
        .column(&state_col(id))
        .and_then(|s| s.u8().cloned())
        .map_err(|e| polars_err("kesepakatan / agreement", e))?;
    Ok((states, text_column(scored, &evidence_col(id))?))
}

fn collect(
    scored: &DataFrame,
    rubric: &Rubric,
    issues: &mut Vec<DataIssue>,
) -> Result<Vec<Criterion>> {
    let ids = text_column(scored, field::ID)?;
    let files = text_column(scored, crate::ingest::FILE_COL)?;
    let rows = text_column(scored, crate::ingest::ROW_COL)?;
    let splits = match scored.column(SPLIT_KEY) {
        Ok(_) => text_column(scored, SPLIT_KEY)?,
        Err(_) => vec![None; scored.height()],
    };
    let mut out = Vec::new();
    for c in automatic(rubric) {
        let key = label_key(&c.id);
        if scored.column(&key).is_err() {
            continue;
        }
        let human = text_column(scored, &key)?;
        if human.iter().all(Option::is_none) {
            continue;
        }
        let (states, evidence) = automatic_verdicts(scored, &c.id)?;
        let mut pairs = Vec::new();
        for (i, h) in human.iter().enumerate() {
            let h = match parse_verdict(h.as_deref()) {
                Ok(Some(h)) => h,
                Ok(None) => continue,
                Err(v) => {
                    issues.push(DataIssue {
                        kind: IssueKind::InvalidManualScore,
                        location: crate::error::Location {
                            file: files[i].as_ref().map(std::path::PathBuf::from),
                            row: rows[i].as_deref().and_then(|r| r.parse().ok()),
                            column: Some(format!("Label {}", c.id)),
                            ..Default::default()
                        },
                        record_id: ids[i].clone(),
                        message: crate::error::Msg::new(
                            format!(
                                "Label {}: \"{v}\" tidak dikenal (pass, partial, fail, na)",
                                c.id
                            ),
                            format!("Label {}: unknown \"{v}\" (pass, partial, fail, na)", c.id),
                        ),
                    });
                    continue;
                }
            };
            let Some(auto) = states.get(i).and_then(State::from_code) else {
                continue;
            };
            pairs.push((
                splits[i].clone(),
                Pair {
                    id: ids[i].clone().unwrap_or_default(),
                    human: h,
                    auto,
                    evidence: evidence[i].clone().unwrap_or_default(),
                },
            ));
        }
        out.push(Criterion {
            id: c.id.clone(),
            label: c.label.clone(),
            pairs,
        });
    }
    Ok(out)
}

/// Adds the reviewers' verdicts from review workbooks, each against the tool's verdict on
/// the same answer now; the split is the reviewer.
fn add_review_pairs(
    criteria: &mut Vec<Criterion>,
    scored: &DataFrame,
    rubric: &Rubric,
    verdicts: Vec<crate::review::verdicts::HumanVerdict>,
) -> Result<()> {
    let ids = text_column(scored, field::ID)?;
    let row_of = index_by_id(&ids);
    for c in automatic(rubric) {
        let mine: Vec<_> = verdicts.iter().filter(|v| v.criterion == c.id).collect();
        if mine.is_empty() {
            continue;
        }
        let (states, evidence) = automatic_verdicts(scored, &c.id)?;
        let k = match criteria.iter().position(|x| x.id == c.id) {
            Some(k) => k,
            None => {
                criteria.push(Criterion {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    pairs: Vec::new(),
                });
                criteria.len() - 1
            }
        };
        for v in mine {
            let Some(&i) = row_of.get(v.id.as_str()) else {
                continue;
            };
            let Some(auto) = states.get(i).and_then(State::from_code) else {
                continue;
            };
            criteria[k].pairs.push((
                Some(format!("review {}", v.reviewer)),
                Pair {
                    id: v.id.clone(),
                    human: v.human,
                    auto,
                    evidence: evidence[i].clone().unwrap_or_default(),
                },
            ));
        }
    }
    Ok(())
}

/// The split names, sorted, after "semua" (all answers) when there is more than one.
fn split_names(criteria: &[Criterion]) -> Vec<Option<String>> {
    let mut names: Vec<String> = criteria
        .iter()
        .flat_map(|c| c.pairs.iter().filter_map(|(s, _)| s.clone()))
        .collect();
    names.sort();
    names.dedup();
    // "All" only adds a row when there is more than one split.
    let all = (names.len() != 1).then_some(None);
    all.into_iter().chain(names.into_iter().map(Some)).collect()
}

fn of_split<'a>(c: &'a Criterion, split: &Option<String>) -> Vec<&'a Pair> {
    c.pairs
        .iter()
        .filter(|(s, _)| split.is_none() || s == split)
        .map(|(_, p)| p)
        .collect()
}

fn split_label(split: &Option<String>, lang: Lang) -> String {
    split
        .clone()
        .unwrap_or_else(|| lang.pick("semua", "all").to_string())
}

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 1000.0).round() / 10.0)
}

fn round3(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 1000.0).round() / 1000.0)
}

/// The figures of the agreement table with their decimals: greyed with the note when the
/// answers judged are fewer than the minimum n.
const FIGURES: [(&str, usize); 4] = [
    ("agreement_pct", 1),
    ("kappa", 3),
    ("fail_precision_pct", 1),
    ("fail_recall_pct", 1),
];

/// One row per criterion and split; a row from fewer answers than `min_n` carries the
/// caveat "n = 4 < 10".
fn summary_frame(
    criteria: &[Criterion],
    min_n: u32,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let mut note = Vec::new();
    let (mut crit, mut split, mut n, mut agree, mut kappa, mut prec, mut rec) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for s in split_names(criteria) {
        for c in criteria {
            let f: Figures = figures(&of_split(c, &s));
            crit.push(c.label.clone());
            split.push(split_label(&s, lang));
            n.push(f.n as u32);
            agree.push(pct(f.agreement()));
            kappa.push(round3(f.kappa));
            prec.push(pct(f.fail_precision));
            rec.push(pct(f.fail_recall));
            note.push(crate::stats::below_min_n(f.n as u64, min_n));
        }
    }
    let height = crit.len();
    let mut t = Sheet::new();
    t.push("criterion", lang.pick("Kriteria", "Criterion"), crit);
    t.push("split", lang.pick("Bagian data", "Split"), split);
    t.push("n", lang.pick("Jawaban dinilai", "Answers judged"), n);
    t.push(
        "agreement_pct",
        lang.pick("Kesepakatan (%)", "Agreement (%)"),
        agree,
    );
    t.push("kappa", "Cohen's κ", kappa);
    t.push(
        "fail_precision_pct",
        lang.pick("Presisi gagal (%)", "Fail precision (%)"),
        prec,
    );
    t.push(
        "fail_recall_pct",
        lang.pick("Recall gagal (%)", "Fail recall (%)"),
        rec,
    );
    t.push("note", lang.pick("Catatan", "Note"), note);
    t.finish(height, "kesepakatan / agreement")
}

/// Confusion matrices: one row per criterion, split and human verdict; a column per
/// automatic state.
fn matrix_frame(criteria: &[Criterion], lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let (mut crit, mut split, mut human) = (Vec::new(), Vec::new(), Vec::new());
    let mut counts: Vec<Vec<u32>> = vec![Vec::new(); ORDER.len()];
    for s in split_names(criteria) {
        for c in criteria {
            let f = figures(&of_split(c, &s));
            for h in ORDER {
                if !ORDER.iter().any(|a| f.confusion.contains_key(&(h, *a))) {
                    continue;
                }
                crit.push(c.label.clone());
                split.push(split_label(&s, lang));
                human.push(h.label(lang).to_string());
                for (k, a) in ORDER.iter().enumerate() {
                    counts[k].push(f.confusion.get(&(h, *a)).copied().unwrap_or(0) as u32);
                }
            }
        }
    }
    let height = crit.len();
    let mut t = Sheet::new();
    t.push("criterion", lang.pick("Kriteria", "Criterion"), crit);
    t.push("split", lang.pick("Bagian data", "Split"), split);
    t.push(
        "human",
        lang.pick("Penilaian manusia", "Human verdict"),
        human,
    );
    for (k, a) in ORDER.iter().enumerate() {
        t.push(
            &format!("auto_{}", a.key()),
            format!("{}: {}", lang.pick("Otomatis", "Automatic"), a.label(lang)),
            &counts[k],
        );
    }
    t.finish(height, "kesepakatan / agreement")
}

/// Every disagreement, with the masked question and answer.
fn disagreement_frame(
    criteria: &[Criterion],
    scored: &DataFrame,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let ids = text_column(scored, field::ID)?;
    let questions = text_column(scored, field::QUESTION)?;
    let answers = text_column(scored, field::ANSWER)?;
    let row_of = index_by_id(&ids);
    let mut rows: Vec<[String; 7]> = Vec::new();
    for c in criteria {
        for (s, p) in &c.pairs {
            if p.human == p.auto {
                continue;
            }
            let i = row_of.get(p.id.as_str()).copied();
            let text = |v: &[Option<String>]| {
                i.and_then(|i| v[i].as_deref())
                    .map(|t| excerpt(&mask(t), 400))
                    .unwrap_or_default()
            };
            rows.push([
                c.label.clone(),
                p.id.clone(),
                s.clone().unwrap_or_default(),
                p.human.label(lang).to_string(),
                p.auto.label(lang).to_string(),
                mask(&p.evidence).into_owned(),
                format!("{}\n—\n{}", text(&questions), text(&answers)),
            ]);
        }
    }
    let col = |k: usize| -> Vec<String> { rows.iter().map(|r| r[k].clone()).collect() };
    let mut t = Sheet::new();
    t.push("criterion", lang.pick("Kriteria", "Criterion"), col(0));
    t.push("id", lang.pick("ID Jawaban", "Answer ID"), col(1));
    t.push("split", lang.pick("Bagian data", "Split"), col(2));
    t.push(
        "human",
        lang.pick("Penilaian manusia", "Human verdict"),
        col(3),
    );
    t.push(
        "automatic",
        lang.pick("Penilaian otomatis", "Automatic verdict"),
        col(4),
    );
    t.push(
        "evidence",
        lang.pick("Bukti otomatis", "Automatic evidence"),
        col(5),
    );
    t.push(
        "text",
        lang.pick(
            "Pertanyaan — jawaban (disamarkan)",
            "Question — answer (masked)",
        ),
        col(6),
    );
    t.finish(rows.len(), "kesepakatan / agreement")
}

pub fn run(args: &AgreementArgs, lang: Lang) -> Result<i32> {
    let mut inputs = score_inputs(&args.input, Some(&args.review))?;
    super::require_xlsx(args.output.as_deref())?;
    super::check_outputs(
        &[args.output.as_deref(), args.issues.issues.as_deref()],
        &inputs.paths(),
    )?;
    let rubric = match &inputs.rubric {
        Some(p) => Rubric::load(p)?,
        None => Rubric::builtin()?,
    };
    inputs.extra_columns = label_columns(&rubric);
    let progress = Progress::start();
    let run = pipeline::run(&inputs, lang, &progress)?;
    drop(progress);
    let mut issues = run.issues;
    let mut criteria = collect(&run.scored, &run.rubric, &mut issues)?;
    if !inputs.reviews.is_empty() {
        let paths = crate::ingest::format::workbook_paths(&inputs.reviews)?;
        let (verdicts, mut read_issues) =
            crate::review::merge::read_all_verdicts(&paths, &run.rubric);
        issues.append(&mut read_issues);
        add_review_pairs(&mut criteria, &run.scored, &run.rubric, verdicts)?;
    }
    if let Some(only) = &args.split {
        for c in &mut criteria {
            c.pairs.retain(|(s, _)| s.as_deref() == Some(only.as_str()));
        }
    }
    if criteria.iter().all(|c| c.pairs.is_empty()) {
        return Err(Error::plain(msg!(
            "tidak ada kolom penilaian manusia (\"Label <kriteria>\", mis. \"Label salam_pembuka\") berisi nilai di {}",
            "no human verdict columns (\"Label <criterion>\", e.g. \"Label salam_pembuka\") with values in {}",
            inputs
                .files
                .iter()
                .map(|p| crate::error::shown(p).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let min_n = match &args.input.config {
        Some(p) => crate::config::Config::load(p)?.report.min_n,
        None => None,
    }
    .unwrap_or(crate::report::MIN_N);
    let (summary, sh) = summary_frame(&criteria, min_n, lang)?;
    let any_small = summary
        .column("note")
        .is_ok_and(|c| c.null_count() < c.len());
    let small_n_note = tr!(
        lang,
        "\"n = … < {}\": angka dari kurang dari {} jawaban yang dinilai belum dapat diandalkan (aturan n minimum laporan, [report] min_n); di workbook ditulis abu-abu.",
        "\"n = … < {}\": a figure from fewer than {} judged answers is not yet reliable (the report's minimum-n rule, [report] min_n); written in grey in the workbook.",
        min_n,
        min_n
    );
    if let Some(out) = &args.output {
        let (matrix, mh) = matrix_frame(&criteria, lang)?;
        let (dis, dh) = disagreement_frame(&criteria, &run.scored, lang)?;
        let title = lang.pick(
            "Kesepakatan Kriteria Otomatis dengan Penilaian Manusia",
            "Agreement of the Automatic Criteria with Human Verdicts",
        );
        let mut wb = xlsx::new_workbook(title)?;
        let sheet = lang.pick("Kesepakatan", "Agreement");
        xlsx::write_frame_with_caveats(
            &mut wb,
            sheet,
            &summary,
            &sh,
            &xlsx::noted_figures(&summary, "note", &FIGURES),
        )?;
        if any_small {
            let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
            xlsx::write_note(
                ws,
                summary.height() as u32 + 2,
                &xlsx::column_widths(
                    &summary,
                    &sh,
                    &xlsx::noted_figures(&summary, "note", &FIGURES),
                ),
                &small_n_note,
                false,
            )?;
        }
        xlsx::write_frame(&mut wb, lang.pick("Matriks", "Confusion"), &matrix, &mh)?;
        xlsx::write_frame(
            &mut wb,
            lang.pick("Ketidaksepakatan", "Disagreements"),
            &dis,
            &dh,
        )?;
        xlsx::write_issues_sheet(&mut wb, &issues, lang)?;
        crate::output::xlsx::save(
            &mut wb,
            out,
            &crate::output::xlsx::PageHead::titled(title, lang),
        )?;
    }
    println!("{}", table::render_all(&summary, &sh));
    if any_small {
        println!("{small_n_note}");
    }
    if args.show > 0 {
        for c in &criteria {
            let wrong: Vec<&Pair> = c
                .pairs
                .iter()
                .map(|(_, p)| p)
                .filter(|p| p.human != p.auto)
                .take(args.show)
                .collect();
            for p in wrong {
                println!(
                    "  {} {}: {} {} / {} {} — {}",
                    c.id,
                    p.id,
                    lang.pick("manusia", "human"),
                    p.human.key(),
                    lang.pick("otomatis", "automatic"),
                    p.auto.key(),
                    mask(&p.evidence)
                );
            }
        }
    }
    if let Some(path) = &args.issues.issues {
        write_issues(path, &issues, lang)?;
    }
    print_issues(&issues, lang, "");
    super::print_written(args.output.as_deref(), lang);
    Ok(if args.issues.strict && !issues.is_empty() {
        1
    } else {
        0
    })
}

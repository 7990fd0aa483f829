//! Scoring: a rubric compiled into polars expressions, evaluated over the whole frame.
//!
//! Output, one row per answer: the record's canonical fields, `response_working_days`,
//! `sla_target_days`, `score` (gated: 0 when a critical criterion failed), `score_ungated`,
//! `grade`, `critical_failed`, and per criterion `<id>__state` (`UInt8`, see [`State`]),
//! `<id>__evidence` and `<id>__value` (0..1, null when left out of the score).
//!
//! Score = 100 × Σ wᵢ·vᵢ / Σ wᵢ over the criteria that count (value not null). Criteria
//! that do not apply (n/a) are left out; unverifiable ones count as 0 unless the rubric
//! says `unverifiable = "exclude"`.

mod compile;
pub use crate::state;
pub mod text;

use polars::prelude::*;

pub use compile::{SLA_TARGET, WORKING_DAYS};
pub use state::State;

use crate::calendar::Calendar;
use crate::error::{Result, polars_err};
use crate::expr::{cases, null};
use crate::i18n::Lang;
use crate::rubric::{Kind, Rubric};

pub const SCORE: &str = "score";
pub const SCORE_UNGATED: &str = "score_ungated";
pub const GRADE: &str = "grade";
pub const CRITICAL_FAILED: &str = "critical_failed";

pub fn state_col(id: &str) -> String {
    format!("{id}__state")
}

pub fn evidence_col(id: &str) -> String {
    format!("{id}__evidence")
}

pub fn value_col(id: &str) -> String {
    format!("{id}__value")
}

/// A decided state for one criterion of one answer (an accepted dispute), with the
/// evidence to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub id: String,
    pub criterion: String,
    pub state: State,
    pub evidence: String,
}

/// Replaces states and evidence of the overridden (answer, criterion) pairs.
fn apply_overrides(df: &mut DataFrame, rubric: &Rubric, overrides: &[Override]) -> Result<()> {
    let err = |e| polars_err("sanggahan / disputes", e);
    let ids = crate::expr::text_column(df, crate::ingest::columns::field::ID)?;
    for c in &rubric.criteria {
        let mine: std::collections::HashMap<&str, &Override> = overrides
            .iter()
            .filter(|o| o.criterion == c.id)
            .map(|o| (o.id.as_str(), o))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let (sc, ec) = (state_col(&c.id), evidence_col(&c.id));
        let states = df.column(&sc).and_then(|c| c.u8().cloned()).map_err(err)?;
        let evidence = df.column(&ec).and_then(|c| c.str().cloned()).map_err(err)?;
        let hit = |i: usize| ids[i].as_deref().and_then(|id| mine.get(id));
        let new_states: UInt8Chunked = (0..df.height())
            .map(|i| hit(i).map_or(states.get(i), |o| Some(o.state.code())))
            .collect();
        let new_evidence: StringChunked = (0..df.height())
            .map(|i| {
                hit(i).map_or(evidence.get(i).map(str::to_string), |o| {
                    Some(o.evidence.clone())
                })
            })
            .collect();
        df.with_column(new_states.with_name(sc.as_str().into()).into_column())
            .map_err(err)?;
        df.with_column(new_evidence.with_name(ec.as_str().into()).into_column())
            .map_err(err)?;
    }
    Ok(())
}

/// A criterion's patterns that do not compile, as the validator says it: the rubric file,
/// the criterion's line and its key.
fn pattern_error(
    rubric: &Rubric,
    c: &crate::rubric::Criterion,
    f: compile::PatternFault,
) -> crate::error::Error {
    crate::error::Error::new(
        crate::error::Location::file(&rubric.source).with_line(c.line),
        f.error.message(&format!("criteria \"{}\".{}", c.id, f.key)),
    )
}

/// The question terms of the export per text criterion that weighs words by rarity (see
/// [`crate::kinds::TextCheck::terms`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpora(std::collections::BTreeMap<String, crate::kinds::Corpus>);

impl Corpora {
    pub fn get(&self, criterion: &str) -> Option<&crate::kinds::Corpus> {
        self.0.get(criterion)
    }
}

/// Whether any criterion of the rubric collects question terms.
pub fn wants_corpus(rubric: &Rubric) -> bool {
    rubric
        .criteria
        .iter()
        .any(|c| matches!(&c.kind, Kind::Text { check, .. } if check.uses_corpus()))
}

/// The corpora of a set of questions.
pub fn corpora_of(rubric: &Rubric, questions: &StringChunked) -> Corpora {
    let mut out = std::collections::BTreeMap::new();
    for c in &rubric.criteria {
        let Kind::Text { check, .. } = &c.kind else {
            continue;
        };
        if !check.uses_corpus() {
            continue;
        }
        // The questions' terms in parallel, counted in order (the counts do not depend on
        // the order, but the map's contents are then the same on every run).
        use rayon::prelude::*;
        let qs: Vec<&str> = questions.iter().flatten().collect();
        let terms: Vec<Vec<u64>> = qs
            .par_iter()
            .with_min_len(TEXT_ROWS_PER_TASK)
            .map(|q| check.terms(&crate::text::Text::whole(q)))
            .collect();
        let mut corpus = crate::kinds::Corpus::default();
        for t in &terms {
            corpus.add(t);
        }
        out.insert(c.id.clone(), corpus);
    }
    Corpora(out)
}

/// Rows per parallel task of the text checks.
const TEXT_ROWS_PER_TASK: usize = 256;

/// Runs every text criterion over the answers in one pass: each answer and its question
/// are analysed once ([`crate::kinds::Row`]) and every check reads that analysis. Writes
/// each criterion's state and evidence as columns the compiled plan reads.
fn run_text_checks(
    df: &mut DataFrame,
    rubric: &Rubric,
    lang: Lang,
    corpora: Option<&Corpora>,
    evidence: bool,
) -> Result<()> {
    use crate::ingest::columns::field;
    let err = |e| polars_err("penilaian / scoring", e);
    // Each text criterion with the rows its filter keeps (rows it leaves out are not
    // checked: the plan marks them n/a).
    let mut checks: Vec<(&str, &crate::kinds::Check, Option<BooleanChunked>)> = Vec::new();
    for c in &rubric.criteria {
        let Kind::Text { check, .. } = &c.kind else {
            continue;
        };
        let applies =
            match compile::applies_expr(&c.applies_to).map_err(|f| pattern_error(rubric, c, f))? {
                None => None,
                Some(e) => {
                    let out = df
                        .clone()
                        .lazy()
                        .select([e.alias("applies")])
                        .collect()
                        .map_err(err)?;
                    Some(
                        out.column("applies")
                            .and_then(|c| c.bool().cloned())
                            .map_err(err)?,
                    )
                }
            };
        checks.push((c.id.as_str(), check, applies));
    }
    if checks.is_empty() {
        return Ok(());
    }
    let n = df.height();
    let text_of = |name: &str| -> StringChunked {
        df.column(name)
            .ok()
            .and_then(|c| c.str().ok().cloned())
            .unwrap_or_else(|| StringChunked::full_null(name.into(), n))
    };
    let (answers, questions) = (text_of(field::ANSWER), text_of(field::QUESTION));
    let services = text_of(field::SERVICE_TYPE);
    let own;
    let corpora = match corpora {
        Some(c) => c,
        None => {
            own = corpora_of(rubric, &questions);
            &own
        }
    };
    // Rows in small parallel tasks: one answer's analysis is tens of microseconds, so a
    // part of 16k rows is spread over every core.
    use rayon::prelude::*;
    let (a, q, s): (Vec<_>, Vec<_>, Vec<_>) = (
        answers.iter().collect(),
        questions.iter().collect(),
        services.iter().collect(),
    );
    let verdicts: Vec<Option<Vec<crate::kinds::Verdict>>> = (0..n)
        .into_par_iter()
        .with_min_len(TEXT_ROWS_PER_TASK)
        .map(|i| {
            let answer = a[i]?;
            let mut r = crate::kinds::Row::new(q[i], answer)
                .with_service_type(s[i])
                .with_evidence(evidence);
            rubric.phrase_index.mark(&mut r.answer);
            rubric.phrase_index.mark(&mut r.question);
            Some(
                checks
                    .iter()
                    .map(|(id, c, applies)| match applies {
                        Some(m) if m.get(i) != Some(true) => {
                            crate::kinds::Verdict::new(State::NotApplicable, String::new())
                        }
                        _ => c.check(&r, corpora.get(id), lang),
                    })
                    .collect(),
            )
        })
        .collect();
    // The new columns added together at the end (one at a time, each addition checks the
    // frame's names again: quadratic in the criteria).
    let mut added = Vec::with_capacity(2 * checks.len());
    for (k, (id, _, _)) in checks.iter().enumerate() {
        let states: UInt8Chunked = verdicts
            .iter()
            .map(|v| v.as_ref().map(|v| v[k].state.code()))
            .collect();
        // Evidence quotes the answer and the question: personal data masked here, in one
        // place, whatever a kind wrote (and always, also under `--no-mask`). A run whose
        // outputs hold figures only gets none.
        let evidence: StringChunked = if evidence {
            verdicts
                .iter()
                .map(|v| v.as_ref().map(|v| crate::text::mask::mask(&v[k].evidence)))
                .collect()
        } else {
            StringChunked::full_null("".into(), n)
        };
        added.push(
            states
                .with_name(compile::text_state_col(id).into())
                .into_column(),
        );
        added.push(
            evidence
                .with_name(compile::text_evidence_col(id).into())
                .into_column(),
        );
    }
    df.hstack_mut(&added).map_err(err)?;
    Ok(())
}

/// Scores every answer of a normalised frame.
pub fn score_frame(
    df: DataFrame,
    rubric: &Rubric,
    cal: &Calendar,
    lang: Lang,
) -> Result<DataFrame> {
    score_frame_with(df, rubric, cal, lang, &[])
}

/// Scores every answer, with decided states replacing the computed ones where given.
pub fn score_frame_with(
    df: DataFrame,
    rubric: &Rubric,
    cal: &Calendar,
    lang: Lang,
    overrides: &[Override],
) -> Result<DataFrame> {
    score_frame_in(df, rubric, cal, lang, overrides, None, true)
}

/// Scores every answer with the question terms of the whole export (`corpora`, see
/// [`corpora_of`]); without them, the frame's own questions are the corpus.
pub fn score_frame_in(
    df: DataFrame,
    rubric: &Rubric,
    cal: &Calendar,
    lang: Lang,
    overrides: &[Override],
    corpora: Option<&Corpora>,
    evidence: bool,
) -> Result<DataFrame> {
    let compiled = rubric
        .criteria
        .iter()
        .map(|c| {
            compile::compile(c, cal, lang, rubric.unverifiable)
                .map_err(|f| pattern_error(rubric, c, f))
        })
        .collect::<Result<Vec<_>>>()?;

    let targets = rubric
        .criteria
        .iter()
        .find_map(|c| match &c.kind {
            Kind::Sla { targets, .. } => Some(targets.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let mut stage_a: Vec<Expr> = compile::sla_columns(targets, cal).to_vec();
    let mut stage_early = Vec::new();
    let mut stage_a2 = Vec::new();
    let mut helper_names = Vec::new();
    let mut stage_b = Vec::new();
    let mut stage_c = Vec::new();
    for (c, criterion) in compiled.into_iter().zip(&rubric.criteria) {
        stage_early.extend(c.early);
        stage_a.extend(c.helpers);
        stage_a2.extend(c.derived);
        helper_names.extend(c.helper_names);
        stage_b.push(c.state);
        // A run whose outputs hold figures only computes no evidence text: the column is
        // there, empty.
        stage_b.push(if evidence {
            c.evidence
        } else {
            null(DataType::String).alias(evidence_col(&criterion.id))
        });
        stage_c.push(c.value);
    }

    // Weighted mean over the criteria with a value.
    let mut num = Vec::new();
    let mut den = Vec::new();
    let mut critical = Vec::new();
    for c in &rubric.criteria {
        let v = col(value_col(&c.id));
        num.push(v.clone().fill_null(lit(0.0)) * lit(c.weight));
        den.push(
            when(v.is_not_null())
                .then(lit(c.weight))
                .otherwise(lit(0.0)),
        );
        if c.critical {
            critical.push(col(state_col(&c.id)).eq(lit(State::Fail.code())));
        }
    }
    // One n-ary sum over the criteria, not a chain of `a + b` as deep as the rubric is
    // long: polars works out the type of every node of such a chain from its whole
    // subtree, which made the plan quadratic in the number of criteria. The sum still
    // adds in the criteria's order, so the result is the same to the last bit.
    let sum = |v: Vec<Expr>| -> Result<Expr> {
        if v.is_empty() {
            return Ok(lit(0.0));
        }
        polars::lazy::dsl::sum_horizontal(v, false)
            .map_err(|e| polars_err("penilaian / scoring", e))
    };
    let ungated = when(col("__den").gt(lit(0.0)))
        .then((col("__num") / col("__den") * lit(100.0)).round(2, RoundMode::HalfAwayFromZero))
        .otherwise(null(DataType::Float64));
    let crit = crate::expr::balanced(critical, Expr::or)
        .unwrap_or_else(|| lit(false))
        .fill_null(lit(false));
    let gated = when(col(CRITICAL_FAILED))
        .then(lit(0.0))
        .otherwise(col(SCORE_UNGATED));

    let grade = cases(
        rubric
            .bands
            .iter()
            .map(|b| (col(SCORE).gt_eq(lit(b.min)), lit(b.grade.clone())))
            .collect(),
        null(DataType::String),
    );

    let mut df = df;
    run_text_checks(&mut df, rubric, lang, corpora, evidence)?;
    let mut drop: Vec<String> = helper_names;
    drop.push("__num".into());
    drop.push("__den".into());
    let mut lf = df
        .lazy()
        .with_columns(stage_early)
        .with_columns(stage_a)
        .with_columns(stage_a2)
        .with_columns(stage_b);
    if !overrides.is_empty() {
        // Only with decided disputes: materialise the states, replace, go on.
        let mut mid = lf
            .collect()
            .map_err(|e| polars_err("penilaian / scoring", e))?;
        apply_overrides(&mut mid, rubric, overrides)?;
        lf = mid.lazy();
    }
    let out = lf
        .with_columns(stage_c)
        .with_columns([
            sum(num)?.alias("__num"),
            sum(den)?.alias("__den"),
            crit.alias(CRITICAL_FAILED),
        ])
        .with_column(ungated.alias(SCORE_UNGATED))
        .with_column(gated.alias(SCORE))
        .with_column(grade.alias(GRADE))
        .drop(by_name(drop, true, false))
        .collect()
        .map_err(|e| polars_err("penilaian / scoring", e))?;
    Ok(out)
}

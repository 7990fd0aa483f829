//! Compilation of rubric criteria into polars expressions.
//!
//! Each criterion becomes three stages of expressions evaluated over the whole frame:
//! helper columns (regex matches, counts, ratios), then its state (`UInt8`, see [`State`])
//! and evidence (text), then its value in 0..1 (null when left out of the score). Helpers
//! are separate columns so that a regex is evaluated once even when the state and the
//! evidence both use its result.

use std::sync::Arc;

use polars::prelude::*;
use rustc_hash::FxHashSet;

use super::state::State;
use super::text::{ManualEntry, overlap, parse_manual};
use super::{evidence_col, state_col, value_col};
use crate::calendar::Calendar;
use crate::expr::{cases, cat, null, par_map};
use crate::i18n::Lang;
use crate::ingest::columns::field;
use crate::rubric::pattern::{self, PatternError};
use crate::rubric::{AppliesTo, Criterion, Kind, SlaTarget, TextField, UnverifiablePolicy};

/// Working days from received to responded, null when they cannot be counted.
pub const WORKING_DAYS: &str = "response_working_days";
/// The SLA target (working days) of the answer.
pub const SLA_TARGET: &str = "sla_target_days";

/// Expressions of one criterion, by stage.
pub struct Compiled {
    /// Whether the criterion applies, computed before the helpers.
    pub early: Vec<Expr>,
    pub helpers: Vec<Expr>,
    /// Helpers computed from other helpers (a later stage).
    pub derived: Vec<Expr>,
    pub helper_names: Vec<String>,
    pub state: Expr,
    pub evidence: Expr,
    pub value: Expr,
}

fn st(s: State) -> Expr {
    lit(s.code())
}

fn text(lang: Lang, id: &str, en: &str) -> Expr {
    lit(lang.pick(id, en).to_string())
}

/// A list of the rubric's patterns compiled as one regex, as the validator checked it
/// ([`pattern::compile`]); an error says which key of the criterion it is.
fn joined(key: &'static str, patterns: &[String]) -> Result<regex::Regex, PatternFault> {
    pattern::compile(patterns).map_err(|e| PatternFault { key, error: e })
}

/// A criterion's patterns that do not compile (which the validator refuses first, so a
/// rubric loaded through [`crate::rubric::Rubric::load`] never gets here).
#[derive(Debug)]
pub struct PatternFault {
    /// The key under the criterion: `any`, `applies_to.question_matches`, ….
    pub key: &'static str,
    pub error: PatternError,
}

/// The first match of `re` in each text, null when there is none: what
/// `str().extract(pattern, 0)` gives, found with the regex engine's `find`, which needs no
/// capture groups and so stays in its fast DFA, over the rows in parallel.
fn first_match(e: Expr, re: regex::Regex) -> Expr {
    e.map(
        move |column: Column| {
            let ca = column.str()?;
            let spans = par_map(&[ca], |row| {
                row[0]
                    .and_then(|t| re.find(t))
                    .map(|m| (m.start(), m.end()))
            });
            let out: StringChunked = ca
                .iter()
                .zip(spans)
                .map(|(t, span)| t.zip(span).map(|(t, (a, b))| &t[a..b]))
                .collect();
            Ok(out.with_name(column.name().clone()).into_column())
        },
        |_, f| Ok(Field::new(f.name().clone(), DataType::String)),
    )
}

fn helper(c: &Criterion, name: &str) -> String {
    format!("__{}__{name}", c.id)
}

/// The state (`UInt8`) a text check computed for a criterion, before the plan.
pub fn text_state_col(id: &str) -> String {
    format!("__{id}__text_state")
}

/// The evidence a text check computed for a criterion, before the plan.
pub fn text_evidence_col(id: &str) -> String {
    format!("__{id}__text_evidence")
}

/// Kleene OR of `col(field) == v` over the values.
fn one_of(field_name: &str, values: &[String]) -> Expr {
    values
        .iter()
        .map(|v| col(field_name).eq(lit(v.clone())))
        .reduce(|a, b| a.or(b))
        .unwrap_or_else(|| lit(true))
}

/// Whether a criterion applies to a row (its `applies_to` filter), `None` without one.
pub(crate) fn applies_expr(a: &AppliesTo) -> Result<Option<Expr>, PatternFault> {
    let mut conds = Vec::new();
    for (f, list) in [
        (field::SERVICE_TYPE, &a.service_type),
        (field::CHANNEL, &a.channel),
        (field::COMMODITY, &a.commodity),
        (field::UNIT, &a.unit),
    ] {
        if !list.is_empty() {
            conds.push(one_of(f, list));
        }
    }
    if !a.question_matches.is_empty() {
        // The regex compiled here, as the validator did, rather than by polars from text.
        let re = joined("applies_to.question_matches", &a.question_matches)?;
        conds.push(col(field::QUESTION).map(
            move |column: Column| {
                let ca = column.str()?;
                let hits = par_map(&[ca], |row| row[0].map(|t| re.is_match(t)));
                let out: BooleanChunked = hits.into_iter().collect();
                Ok(out.with_name(column.name().clone()).into_column())
            },
            |_, f| Ok(Field::new(f.name().clone(), DataType::Boolean)),
        ));
    }
    Ok(conds.into_iter().reduce(|x, y| x.and(y)))
}

fn applies_fields(a: &AppliesTo, lang: Lang) -> String {
    let mut names = Vec::new();
    if !a.service_type.is_empty() {
        names.push(lang.pick("jenis layanan", "service type"));
    }
    if !a.channel.is_empty() {
        names.push(lang.pick("kanal", "channel"));
    }
    if !a.commodity.is_empty() {
        names.push(lang.pick("komoditi", "commodity"));
    }
    if !a.unit.is_empty() {
        names.push("unit");
    }
    if !a.question_matches.is_empty() {
        names.push(lang.pick("pertanyaan", "question"));
    }
    names.join(", ")
}

/// Compiles one criterion.
pub fn compile(
    c: &Criterion,
    cal: &Calendar,
    lang: Lang,
    policy: UnverifiablePolicy,
) -> Result<Compiled, PatternFault> {
    let mut helpers: Vec<(String, Expr)> = Vec::new();
    let mut derived: Vec<(String, Expr)> = Vec::new();
    // Where a filter says the criterion does not apply, its text measures are skipped:
    // they read the text only on rows where it applies (null elsewhere).
    let applies = applies_expr(&c.applies_to)?.map(|cond| (helper(c, "applies"), cond));
    let only_applicable = |e: Expr| match &applies {
        Some((name, _)) => when(col(name)).then(e).otherwise(null(DataType::String)),
        None => e,
    };
    // Columns the text checks wrote before the plan (see [`text_state_col`]).
    let mut pre_computed: Vec<String> = Vec::new();
    // (condition, state, evidence) cases in order, then the default state and evidence.
    let mut rules: Vec<(Expr, State, Expr)> = Vec::new();
    let (default_state, default_ev): (Expr, Expr) = match &c.kind {
        Kind::Pattern {
            field: f,
            any,
            all,
            none,
            within_chars,
            within_last_chars,
        } => {
            let mut source = only_applicable(col(f.column()));
            if let Some(n) = within_chars {
                source = source.str().head(lit(*n as i64));
            }
            if let Some(n) = within_last_chars {
                source = source.str().tail(lit(*n as i64));
            }
            let blank_ev = match f {
                TextField::Answer => text(lang, "jawaban kosong", "blank answer"),
                TextField::Question => text(lang, "pertanyaan kosong", "blank question"),
            };
            rules.push((col(f.column()).is_null(), State::Unverifiable, blank_ev));
            let quoted = |name: &str| {
                cat(vec![
                    text(lang, "ditemukan: \"", "found: \""),
                    col(name),
                    lit("\""),
                ])
            };
            if !none.is_empty() {
                let name = helper(c, "none");
                helpers.push((
                    name.clone(),
                    first_match(source.clone(), joined("none", none)?),
                ));
                rules.push((col(&name).is_not_null(), State::Fail, quoted(&name)));
            }
            let mut pass_ev = text(
                lang,
                "tidak ditemukan pola terlarang",
                "no forbidden pattern found",
            );
            if !any.is_empty() {
                let name = helper(c, "any");
                helpers.push((
                    name.clone(),
                    first_match(source.clone(), joined("any", any)?),
                ));
                rules.push((
                    col(&name).is_null(),
                    State::Fail,
                    text(lang, "tidak ditemukan", "not found"),
                ));
                pass_ev = quoted(&name);
            }
            if !all.is_empty() {
                let mut names = Vec::new();
                for (i, p) in all.iter().enumerate() {
                    let name = helper(c, &format!("all{i}"));
                    helpers.push((
                        name.clone(),
                        first_match(source.clone(), joined("all", std::slice::from_ref(p))?),
                    ));
                    names.push(name);
                }
                let count_name = helper(c, "allcount");
                derived.push((
                    count_name.clone(),
                    names
                        .iter()
                        .map(|n| col(n).is_not_null().cast(DataType::UInt32))
                        .reduce(|a, b| a + b)
                        .unwrap_or_else(|| lit(0u32)),
                ));
                let n = all.len() as u32;
                let summary = cat(vec![
                    col(&count_name).cast(DataType::String),
                    lit(format!(
                        "/{n} {}",
                        lang.pick("unsur ditemukan", "elements found")
                    )),
                ]);
                let listing = concat_str(
                    names
                        .iter()
                        .map(|x| cat(vec![lit("\""), col(x), lit("\"")]))
                        .collect::<Vec<_>>(),
                    "; ",
                    true,
                );
                let detailed = cat(vec![summary.clone(), lit(": "), listing]);
                rules.push((col(&count_name).eq(lit(0u32)), State::Fail, summary));
                rules.push((
                    col(&count_name).lt(lit(n)),
                    State::Partial,
                    detailed.clone(),
                ));
                pass_ev = if any.is_empty() {
                    detailed
                } else {
                    cat(vec![pass_ev, lit("; "), detailed])
                };
            }
            (st(State::Pass), pass_ev)
        }
        Kind::Length {
            field: f,
            min_words,
            max_words,
            partial_min_words,
        } => {
            let name = helper(c, "words");
            // Words are runs of non-whitespace, counted in Rust: a regex `\S+` count runs
            // one search per word.
            helpers.push((
                name.clone(),
                only_applicable(col(f.column())).map(
                    |column: Column| {
                        let ca = column.str()?;
                        let out: UInt32Chunked = par_map(&[ca], |row| {
                            row[0].map(|t| t.split_whitespace().count() as u32)
                        })
                        .into_iter()
                        .collect();
                        Ok(out.with_name(column.name().clone()).into_column())
                    },
                    |_, f| Ok(Field::new(f.name().clone(), DataType::UInt32)),
                ),
            ));
            let wc = col(&name);
            let bounds = match (min_words, max_words) {
                (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                (Some(lo), None) => format!("≥ {lo}"),
                (None, Some(hi)) => format!("≤ {hi}"),
                (None, None) => String::new(),
            };
            let ev = cat(vec![
                wc.clone().cast(DataType::String),
                text(lang, " kata, target ", " words, target "),
                lit(bounds),
            ]);
            rules.push((
                col(f.column()).is_null(),
                State::Unverifiable,
                text(lang, "jawaban kosong", "blank answer"),
            ));
            if let Some(max) = max_words {
                rules.push((wc.clone().gt(lit(*max)), State::Partial, ev.clone()));
            }
            match (min_words, partial_min_words) {
                (Some(min), pmin) => {
                    rules.push((wc.clone().gt_eq(lit(*min)), State::Pass, ev.clone()));
                    if let Some(pmin) = pmin {
                        rules.push((wc.gt_eq(lit(*pmin)), State::Partial, ev.clone()));
                    }
                    (st(State::Fail), ev)
                }
                (None, _) => (st(State::Pass), ev),
            }
        }
        Kind::Field { field: f } => {
            // The field as a reviewer names it: "Nama petugas terisi".
            let name = crate::labels::field_phrase(f, lang).unwrap_or(f.as_str());
            rules.push((
                col(f.as_str()).is_null(),
                State::Fail,
                lit(tr!(lang, "{name} tidak diisi", "{name} not filled in")),
            ));
            (
                st(State::Pass),
                lit(tr!(lang, "{name} terisi", "{name} filled in")),
            )
        }
        Kind::Sla {
            partial_extra_days, ..
        } => sla(&mut rules, *partial_extra_days, cal, lang),
        Kind::Overlap {
            pass,
            partial,
            min_word_length,
            stopwords,
        } => {
            let name = helper(c, "ratio");
            let stop: Arc<FxHashSet<String>> = Arc::new(stopwords.iter().cloned().collect());
            let min_len = *min_word_length;
            helpers.push((
                name.clone(),
                only_applicable(col(field::QUESTION)).map_many(
                    move |cols: &mut [Column]| {
                        let (q, a) = (cols[0].str()?, cols[1].str()?);
                        let out: Float64Chunked = par_map(&[q, a], |row| match row {
                            [Some(q), Some(a)] => overlap(q, a, min_len, &stop).map(|(r, _, _)| r),
                            _ => None,
                        })
                        .into_iter()
                        .collect();
                        Ok(out.with_name(cols[0].name().clone()).into_column())
                    },
                    &[only_applicable(col(field::ANSWER))],
                    |_, fields| Ok(Field::new(fields[0].name().clone(), DataType::Float64)),
                ),
            ));
            let r = col(&name);
            let pct = (r.clone() * lit(100.0))
                .round(0, RoundMode::HalfAwayFromZero)
                .cast(DataType::Int64)
                .cast(DataType::String);
            let ev = cat(vec![
                pct,
                text(
                    lang,
                    "% kata kunci pertanyaan dibahas, target ",
                    "% of the question's content words addressed, target ",
                ),
                lit(format!("{:.0}%", pass * 100.0)),
            ]);
            rules.push((
                col(field::ANSWER).is_null(),
                State::Unverifiable,
                text(lang, "jawaban kosong", "blank answer"),
            ));
            rules.push((
                r.clone().is_null(),
                State::Unverifiable,
                text(
                    lang,
                    "pertanyaan kosong atau tanpa kata kunci",
                    "blank question or no content words",
                ),
            ));
            rules.push((r.clone().gt_eq(lit(*pass)), State::Pass, ev.clone()));
            if let Some(p) = partial {
                rules.push((r.gt_eq(lit(*p)), State::Partial, ev.clone()));
            }
            (st(State::Fail), ev)
        }
        Kind::Text { check, .. } => {
            rules.push((
                col(field::ANSWER).is_null(),
                State::Unverifiable,
                text(lang, "jawaban kosong", "blank answer"),
            ));
            if check.reads_question() {
                rules.push((
                    col(field::QUESTION).is_null(),
                    State::Unverifiable,
                    text(lang, "pertanyaan kosong", "blank question"),
                ));
            }
            let (s, e) = (text_state_col(&c.id), text_evidence_col(&c.id));
            pre_computed.push(s.clone());
            pre_computed.push(e.clone());
            (col(s), col(e))
        }
        Kind::Manual {
            key,
            scale,
            na_values,
            ..
        } => {
            let entry = helper(c, "entry");
            let mvalue = helper(c, "mvalue");
            let (sc, na) = (*scale, Arc::new(na_values.clone()));
            let na2 = na.clone();
            helpers.push((
                entry.clone(),
                col(key.as_str()).map(
                    move |column: Column| {
                        let ca = column.str()?;
                        let out: UInt8Chunked = ca
                            .iter()
                            .map(|v| {
                                Some(match parse_manual(v, sc, &na) {
                                    ManualEntry::NotReviewed => 0u8,
                                    ManualEntry::NotApplicable => 1,
                                    ManualEntry::Score(_) => 2,
                                    ManualEntry::Invalid => 3,
                                })
                            })
                            .collect();
                        Ok(out.with_name(column.name().clone()).into_column())
                    },
                    |_, f| Ok(Field::new(f.name().clone(), DataType::UInt8)),
                ),
            ));
            helpers.push((
                mvalue.clone(),
                col(key.as_str()).map(
                    move |column: Column| {
                        let ca = column.str()?;
                        let out: Float64Chunked = ca
                            .iter()
                            .map(|v| match parse_manual(v, sc, &na2) {
                                ManualEntry::Score(x) => Some((x - sc[0]) / (sc[1] - sc[0])),
                                _ => None,
                            })
                            .collect();
                        Ok(out.with_name(column.name().clone()).into_column())
                    },
                    |_, f| Ok(Field::new(f.name().clone(), DataType::Float64)),
                ),
            ));
            let k = col(&entry);
            let v = col(&mvalue);
            let scale_txt = format!("{}–{}", fmt_num(sc[0]), fmt_num(sc[1]));
            let scored_ev = cat(vec![
                text(lang, "nilai reviewer ", "reviewer score "),
                col(key.as_str()),
                lit(format!(" ({} {scale_txt})", lang.pick("skala", "scale"))),
            ]);
            rules.push((
                k.clone().eq(lit(0u8)),
                State::NotApplicable,
                text(lang, "belum direview", "not reviewed"),
            ));
            rules.push((
                k.clone().eq(lit(1u8)),
                State::NotApplicable,
                text(lang, "N/A menurut reviewer", "N/A per reviewer"),
            ));
            rules.push((
                k.eq(lit(3u8)),
                State::Unverifiable,
                cat(vec![
                    text(lang, "nilai \"", "value \""),
                    col(key.as_str()),
                    lit(format!(
                        "\" {} {scale_txt})",
                        lang.pick("tidak valid (skala", "is invalid (scale")
                    )),
                ]),
            ));
            rules.push((v.clone().gt_eq(lit(1.0)), State::Pass, scored_ev.clone()));
            rules.push((v.lt_eq(lit(0.0)), State::Fail, scored_ev.clone()));
            (st(State::Partial), scored_ev)
        }
    };

    // Not applicable by filter; undecidable when the filter's field is blank. These rules
    // come first.
    let mut early = Vec::new();
    if let Some((name, cond)) = applies {
        early.push((name.clone(), cond));
        let fields = applies_fields(&c.applies_to, lang);
        let pre = vec![
            (
                col(&name).is_null(),
                State::Unverifiable,
                lit(format!(
                    "{} ({fields})",
                    lang.pick(
                        "tidak dapat ditentukan apakah berlaku: data kosong",
                        "cannot tell whether it applies: blank data"
                    )
                )),
            ),
            (
                col(&name).not(),
                State::NotApplicable,
                lit(format!(
                    "{} ({fields})",
                    lang.pick("tidak berlaku", "does not apply")
                )),
            ),
        ];
        rules.splice(0..0, pre);
    }

    let state = cases(
        rules
            .iter()
            .map(|(cond, s, _)| (cond.clone(), st(*s)))
            .collect(),
        default_state,
    );
    let evidence = cases(
        rules.into_iter().map(|(cond, _, e)| (cond, e)).collect(),
        default_ev,
    );

    let sc = col(state_col(&c.id));
    let partial = if c.kind.is_manual() {
        col(helper(c, "mvalue"))
    } else {
        lit(c.partial_value)
    };
    let unverifiable_value = match policy {
        UnverifiablePolicy::Zero => lit(0.0),
        UnverifiablePolicy::Exclude => null(DataType::Float64),
    };
    let value = cases(
        vec![
            (sc.clone().eq(st(State::Pass)), lit(1.0)),
            (sc.clone().eq(st(State::Partial)), partial),
            (sc.clone().eq(st(State::Fail)), lit(0.0)),
            (sc.eq(st(State::Unverifiable)), unverifiable_value),
        ],
        null(DataType::Float64),
    );

    let helper_names = early
        .iter()
        .chain(&helpers)
        .chain(&derived)
        .map(|(n, _)| n.clone())
        .chain(pre_computed)
        .collect();
    Ok(Compiled {
        early: early.into_iter().map(|(n, e)| e.alias(n)).collect(),
        helpers: helpers.into_iter().map(|(n, e)| e.alias(n)).collect(),
        derived: derived.into_iter().map(|(n, e)| e.alias(n)).collect(),
        helper_names,
        state: state.cast(DataType::UInt8).alias(state_col(&c.id)),
        evidence: evidence.cast(DataType::String).alias(evidence_col(&c.id)),
        value: value.cast(DataType::Float64).alias(value_col(&c.id)),
    })
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Shared columns every SLA criterion reads: working days and the target.
pub fn sla_columns(targets: &[SlaTarget], cal: &Calendar) -> [Expr; 2] {
    let r = col(field::RECEIVED_AT).dt().date();
    let a = col(field::RESPONDED_AT).dt().date();
    let countable = r
        .clone()
        .is_not_null()
        .and(a.clone().is_not_null())
        .and(a.clone().gt_eq(r.clone()))
        .and(cal.covers_expr(r.clone()))
        .and(cal.covers_expr(a.clone()));
    let days = when(countable)
        .then(cal.working_days_expr(r, a))
        .otherwise(null(DataType::Int32));
    let target = cases(
        targets
            .iter()
            .map(|t| {
                let mut cond = lit(true);
                if let Some(s) = &t.service_type {
                    cond = cond.and(col(field::SERVICE_TYPE).eq(lit(s.clone())));
                }
                if !t.channels.is_empty() {
                    cond = cond.and(one_of(field::CHANNEL, &t.channels));
                }
                (cond, lit(t.days))
            })
            .collect(),
        null(DataType::Int64),
    );
    [
        days.cast(DataType::Int32).alias(WORKING_DAYS),
        target.cast(DataType::Int64).alias(SLA_TARGET),
    ]
}

/// SLA rules over the shared columns; returns the default (fail) state and evidence.
fn sla(
    rules: &mut Vec<(Expr, State, Expr)>,
    partial_extra: Option<i64>,
    cal: &Calendar,
    lang: Lang,
) -> (Expr, Expr) {
    let r = col(field::RECEIVED_AT);
    let a = col(field::RESPONDED_AT);
    let days = col(WORKING_DAYS).cast(DataType::Int64);
    let target = col(SLA_TARGET);
    let outside = cal
        .covers_expr(r.clone().dt().date())
        .not()
        .or(cal.covers_expr(a.clone().dt().date()).not());
    let years: Vec<String> = cal.years().map(|y| y.to_string()).collect();
    let measured = cat(vec![
        days.clone().cast(DataType::String),
        text(lang, " hari kerja, target ", " working days, target "),
        target.clone().cast(DataType::String),
    ]);
    let u = State::Unverifiable;
    rules.push((
        r.clone().is_null(),
        u,
        text(
            lang,
            "tanggal diterima kosong atau tidak terbaca",
            "received date blank or unreadable",
        ),
    ));
    rules.push((
        a.clone().is_null(),
        u,
        text(
            lang,
            "tanggal dijawab kosong atau tidak terbaca",
            "response date blank or unreadable",
        ),
    ));
    rules.push((
        a.lt(r),
        u,
        text(
            lang,
            "tanggal dijawab sebelum tanggal diterima",
            "responded before received",
        ),
    ));
    rules.push((
        outside,
        u,
        lit(format!(
            "{} {}",
            lang.pick(
                "tanggal di luar tahun kalender hari kerja:",
                "date outside the working-day calendar's years:"
            ),
            years.join(", ")
        )),
    ));
    rules.push((
        target.clone().is_null(),
        u,
        text(
            lang,
            "tidak ada target SLA untuk jenis layanan/kanal ini",
            "no SLA target for this service type/channel",
        ),
    ));
    rules.push((
        days.clone().lt_eq(target.clone()),
        State::Pass,
        measured.clone(),
    ));
    if let Some(extra) = partial_extra {
        rules.push((
            days.lt_eq(target + lit(extra)),
            State::Partial,
            measured.clone(),
        ));
    }
    (st(State::Fail), measured)
}

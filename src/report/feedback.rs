//! Per-unit feedback workbooks (`report --per-unit`): each unit gets a one-page summary of
//! its figures beside the national ones and against the previous period, charts, its
//! position per component and criterion, its monthly trend, its officers, its gaps with
//! the standard's guidance and the answers that need attention; nothing of another unit
//! but the national means and its rank among them.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::PeriodResult;
use super::compare::{Figure, Previous};
use super::difference as diff;
use super::ranking::{UnitLine, f64_at};
use super::summary::{National, Value};
use crate::aggregate::{self, Dimension};
use crate::assess::batch::gap_rows;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::output::xlsx;
use crate::rubric::Rubric;

/// The file a unit's feedback goes to: `umpan-balik-<unit>.xlsx`.
pub fn file_name(unit: &str) -> String {
    crate::output::file_name("umpan-balik-", unit, "xlsx")
}

/// Writes one workbook per unit into `dir`; returns the paths, in unit order. `previous`
/// is the period compared with; `annex` the file name of the national report's answer
/// details, which the summary points to for every answer (none when the report has none).
pub fn write_all(
    p: &PeriodResult,
    previous: Option<&Previous>,
    dir: &Path,
    annex: Option<&str>,
    lang: Lang,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| crate::error::Error::io(dir, &e))?;
    let nat = National::of(p);
    let ctx = Context {
        p,
        nat: &nat,
        previous,
        annex,
        lang,
    };
    let blank = aggregate::blank_key(lang);
    // Every file name checked before the first is written.
    let names: Vec<(&str, String)> = p
        .lines
        .keys()
        .filter(|u| *u != blank)
        .map(|u| (u.as_str(), file_name(u)))
        .collect();
    crate::output::unique_file_names(&names)?;
    let paths: Vec<PathBuf> = names.iter().map(|(_, f)| dir.join(f)).collect();
    crate::output::guard::distinct(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>(), &[])?;
    let attention = p.attention.as_ref().ok_or_else(|| {
        crate::error::Error::plain(msg!(
            "daftar jawaban perlu perhatian tidak disiapkan",
            "the answers needing attention were not gathered"
        ))
    })?;
    let mut written = Vec::new();
    for ((unit, _), path) in names.iter().zip(paths) {
        write_unit(&ctx, unit, &p.lines[*unit], attention.of(unit), &path)?;
        written.push(path);
    }
    Ok(written)
}

/// A component, the unit's figure, its 95 % interval (with n), the national figure and how
/// the national one is computed.
struct Position {
    component: String,
    unit: Option<f64>,
    interval: Option<String>,
    national: Option<f64>,
    basis: String,
}

impl Position {
    fn new(component: String, unit: Option<f64>, national: Option<f64>, basis: &str) -> Self {
        Position {
            component,
            unit,
            interval: None,
            national,
            basis: basis.to_string(),
        }
    }
}

/// An interval with its n: "85.10–89.32 (n = 86)".
fn with_n(lo: f64, hi: f64, decimals: usize, n: Option<u32>) -> String {
    let range = crate::stats::range_text(lo, hi, decimals);
    match n {
        Some(n) => format!("{range} (n = {n})"),
        None => range,
    }
}

/// A criterion's 95 % Wilson interval for the unit on row `i` of the unit summary, with its
/// n: "49.0–94.3 (n = 10)".
fn pass_interval(p: &PeriodResult, criterion: &str, i: Option<usize>) -> Option<String> {
    let df = &p.agg.by_unit;
    let i = i?;
    let lo = f64_at(df, &aggregate::pass_lo_col(criterion), i)?;
    let hi = f64_at(df, &aggregate::pass_hi_col(criterion), i)?;
    let n = f64_at(df, &aggregate::n_col(criterion), i)?;
    Some(with_n(lo, hi, 1, Some(n as u32)))
}

fn position_rows(
    p: &PeriodResult,
    nat: &National,
    unit: &str,
    l: &UnitLine,
    lang: Lang,
) -> Vec<Position> {
    let pooled = |n: u64| {
        tr!(
            lang,
            "semua jawaban digabung (tiap jawaban sama bobot, n = {})",
            "all answers pooled (each answer weighs the same, n = {})",
            n
        )
    };
    let all_answers = pooled(f64_at(&p.agg.overall, "answers", 0).unwrap_or(0.0) as u64);
    let units_with = |n: usize, what: &str| {
        tr!(
            lang,
            "rata-rata {} unit {} (tiap unit sama bobot)",
            "mean of {} units {} (each unit weighs the same)",
            n,
            what
        )
    };
    // The unit's row of the unit summary.
    let units = p
        .agg
        .by_unit
        .column("unit")
        .ok()
        .and_then(|c| c.str().ok().cloned());
    let i = units.and_then(|u| u.iter().position(|x| x == Some(unit)));
    let sla_id = p
        .run
        .rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, crate::rubric::Kind::Sla { .. }))
        .map(|c| c.id.clone());
    let mut rows: Vec<Position> = vec![
        Position {
            interval: super::ranking::quality_interval(l)
                .map(|(lo, hi)| with_n(lo, hi, 2, l.quality_n)),
            ..Position::new(
                lang.pick("Skor kualitas jawaban", "Answer quality score")
                    .into(),
                l.quality,
                nat.quality,
                &all_answers,
            )
        },
        Position {
            interval: sla_id.as_deref().and_then(|id| pass_interval(p, id, i)),
            ..Position::new(
                lang.pick("Pemenuhan SLA (%)", "SLA fulfilment (%)").into(),
                l.sla,
                nat.sla,
                &sla_id
                    .as_deref()
                    .and_then(|id| f64_at(&p.agg.overall, &aggregate::n_col(id), 0))
                    .map_or_else(|| all_answers.clone(), |n| pooled(n as u64)),
            )
        },
    ];
    if p.standards().is_some() {
        let n = nat.assessed;
        rows.push(Position::new(
            lang.pick("Standar — nilai akhir", "Standard — final score")
                .into(),
            l.standard,
            nat.standard,
            &units_with(
                n,
                lang.pick("yang mengisi penilaian mandiri", "with a self-assessment"),
            ),
        ));
    }
    if p.skm.is_some() {
        rows.push(Position::new(
            "IKM (SKM)".into(),
            l.ikm,
            nat.ikm,
            lang.pick(
                "semua responden SKM digabung (bukan rata-rata IKM unit)",
                "all SKM respondents pooled (not a mean of the units' IKM)",
            ),
        ));
    }
    rows.push(Position {
        interval: l
            .index_interval
            .map(|(lo, hi)| crate::stats::range_text(lo, hi, 2)),
        ..Position::new(
            lang.pick("Indeks gabungan", "Combined index").into(),
            l.index,
            nat.index,
            &units_with(nat.ranks.len(), lang.pick("yang diperingkat", "ranked")),
        )
    });
    // Each criterion's pass rate: the unit's row of the unit summary against all answers.
    for c in &p.run.rubric.criteria {
        let name = aggregate::pass_col(&c.id);
        rows.push(Position {
            interval: pass_interval(p, &c.id, i),
            ..Position::new(
                format!("{} — {}", c.label, lang.pick("lulus (%)", "pass (%)")),
                i.and_then(|i| f64_at(&p.agg.by_unit, &name, i)),
                f64_at(&p.agg.overall, &name, 0),
                // The n of a rate: the answers the criterion judged.
                &pooled(f64_at(&p.agg.overall, &aggregate::n_col(&c.id), 0).unwrap_or(0.0) as u64),
            )
        });
    }
    rows
}

/// The sheet column of the differences (green above zero, red below).
const DIFF_COLUMN: u16 = 4;

fn position_frame(rows: &[Position], lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let mut t = crate::output::table::Sheet::new();
    t.push(
        "component",
        lang.pick("Komponen", "Component"),
        rows.iter().map(|r| r.component.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "unit",
        lang.pick("Nilai Unit", "Unit"),
        rows.iter().map(|r| r.unit).collect::<Vec<_>>(),
    );
    t.push(
        "interval",
        lang.pick("IK 95 % Unit (n)", "Unit 95 % CI (n)"),
        rows.iter().map(|r| r.interval.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "national",
        lang.pick("Nasional", "National"),
        rows.iter().map(|r| r.national).collect::<Vec<_>>(),
    );
    t.push(
        "diff",
        lang.pick("Selisih", "Difference"),
        rows.iter()
            .map(|r| diff(r.unit, r.national))
            .collect::<Vec<_>>(),
    );
    t.push(
        "basis",
        lang.pick(
            "Dasar Angka Nasional",
            "How the National Figure Is Computed",
        ),
        rows.iter().map(|r| r.basis.clone()).collect::<Vec<_>>(),
    );
    t.finish(rows.len(), "umpan balik")
}

/// The unit's months beside the national ones.
fn trend_frame(
    p: &PeriodResult,
    scored: &DataFrame,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let own = aggregate::summarize(scored, &p.run.rubric, &[Dimension::Month], lang)?
        .into_iter()
        .next()
        .map(|s| s.df)
        .unwrap_or_default();
    let months = |df: &DataFrame| -> Vec<Option<String>> {
        df.column("month")
            .ok()
            .and_then(|c| c.str().ok().cloned())
            .map(|c| c.iter().map(|m| m.map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let nat_months = months(&p.agg.by_month);
    let nat = |m: &Option<String>, col: &str| {
        nat_months
            .iter()
            .position(|x| x == m)
            .and_then(|i| f64_at(&p.agg.by_month, col, i))
    };
    let blank = aggregate::blank_key(lang);
    let rows: Vec<(usize, Option<String>)> = months(&own)
        .into_iter()
        .enumerate()
        .filter(|(_, m)| m.as_deref() != Some(blank))
        .collect();
    let own_col = |col: &str| -> Vec<Option<f64>> {
        rows.iter().map(|(i, _)| f64_at(&own, col, *i)).collect()
    };
    let nat_col =
        |col: &str| -> Vec<Option<f64>> { rows.iter().map(|(_, m)| nat(m, col)).collect() };
    let mut t = crate::output::table::Sheet::new();
    t.push(
        "month",
        lang.pick("Bulan", "Month"),
        rows.iter().map(|(_, m)| m.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "answers",
        lang.pick("Jawaban", "Answers"),
        own_col("answers"),
    );
    t.push(
        "mean_score",
        lang.pick("Rata-rata skor unit", "Unit mean score"),
        own_col("mean_score"),
    );
    t.push(
        "national_score",
        lang.pick("Rata-rata skor nasional", "National mean score"),
        nat_col("mean_score"),
    );
    t.push(
        "sla_pct",
        lang.pick("SLA unit (%)", "Unit SLA (%)"),
        own_col("sla_pct"),
    );
    t.push(
        "national_sla",
        lang.pick("SLA nasional (%)", "National SLA (%)"),
        nat_col("sla_pct"),
    );
    t.finish(rows.len(), "tren unit")
}

/// What every unit's workbook is written from.
struct Context<'a> {
    p: &'a PeriodResult,
    nat: &'a National,
    previous: Option<&'a Previous>,
    annex: Option<&'a str>,
    lang: Lang,
}

/// The figures compared between periods that this period has.
fn figures(p: &PeriodResult) -> Vec<Figure> {
    Figure::ALL
        .into_iter()
        .filter(|f| match f {
            Figure::Standard => p.standards().is_some(),
            Figure::Ikm => p.skm.is_some(),
            _ => true,
        })
        .collect()
}

/// The unit's figures in the previous period and now, with the change: one row a figure.
fn comparison_frame(
    p: &PeriodResult,
    nat: &National,
    prev: &Previous,
    unit: &str,
    l: &UnitLine,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let before = prev.lines.get(unit);
    let figs = figures(p);
    let b: Vec<Option<f64>> = figs.iter().map(|f| before.and_then(|x| f.of(x))).collect();
    let n: Vec<Option<f64>> = figs.iter().map(|f| f.of(l)).collect();
    let mut t = crate::output::table::Sheet::new();
    t.push(
        "figure",
        lang.pick("Ukuran", "Measure"),
        figs.iter().map(|f| f.label(lang)).collect::<Vec<_>>(),
    );
    t.push("prev", prev.period.clone(), b.clone());
    t.push("now", p.period().to_string(), n.clone());
    t.push(
        "change",
        lang.pick("Perubahan", "Change"),
        b.iter()
            .zip(&n)
            .map(|(b, n)| diff(*n, *b))
            .collect::<Vec<_>>(),
    );
    t.push(
        "national_prev",
        format!("{} {}", lang.pick("Nasional", "National"), prev.period),
        figs.iter()
            .map(|f| match f {
                Figure::Quality => prev.quality,
                Figure::Sla => prev.sla,
                Figure::Ikm => prev.ikm,
                _ => None,
            })
            .collect::<Vec<_>>(),
    );
    t.push(
        "national_now",
        format!("{} {}", lang.pick("Nasional", "National"), p.period()),
        figs.iter()
            .map(|f| match f {
                Figure::Quality => nat.quality,
                Figure::Sla => nat.sla,
                Figure::Standard => nat.standard,
                Figure::Ikm => nat.ikm,
                Figure::Index => nat.index,
            })
            .collect::<Vec<_>>(),
    );
    t.finish(figs.len(), "perbandingan unit")
}

/// The unit's officers as shown, with the full summary the shown rates' n come from.
struct OfficerTable {
    frame: DataFrame,
    headers: Vec<String>,
    /// Per shown column, the criterion whose pass rate it holds.
    rate_of: Vec<Option<String>>,
    /// The officer summary with every column (same rows).
    full: DataFrame,
}

/// The unit's officers: answers, mean score, SLA and each criterion's pass rate, over the
/// unit's own answers (an officer who also answered for another unit shows only this
/// unit's share).
fn officers_frame(p: &PeriodResult, scored: &DataFrame, lang: Lang) -> Result<OfficerTable> {
    let df = aggregate::summarize(scored, &p.run.rubric, &[Dimension::Officer], lang)?
        .into_iter()
        .next()
        .map(|s| s.df)
        .unwrap_or_default();
    let mut cols = vec![crate::ingest::columns::field::OFFICER.to_string()];
    let has_id = df
        .column(crate::ingest::columns::field::OFFICER_ID)
        .is_ok_and(|c| c.null_count() < c.len());
    if has_id {
        cols.push(crate::ingest::columns::field::OFFICER_ID.into());
    }
    cols.extend(["answers", "mean_score"].map(String::from));
    if df.column("sla_pct").is_ok() {
        cols.push("sla_pct".into());
    }
    // Per column the criterion whose pass rate it holds, for the small-n caveat.
    let mut rate_of: Vec<Option<String>> = vec![None; cols.len()];
    for c in &p.run.rubric.criteria {
        let name = aggregate::pass_col(&c.id);
        if df.column(&name).is_ok() && Some(&c.id) != sla_id(p).as_ref() {
            cols.push(name);
            rate_of.push(Some(c.id.clone()));
        }
    }
    let out = df
        .select(cols.iter().map(String::as_str))
        .map_err(|e| polars_err("petugas unit", e))?;
    let headers = aggregate::summary_headers(&out, &p.run.rubric, lang);
    Ok(OfficerTable {
        frame: out,
        headers,
        rate_of,
        full: df,
    })
}

/// The id of the rubric's SLA criterion (shown as SLA %, not again as a pass rate).
fn sla_id(p: &PeriodResult) -> Option<String> {
    p.run
        .rubric
        .criteria
        .iter()
        .find(|c| matches!(c.kind, crate::rubric::Kind::Sla { .. }))
        .map(|c| c.id.clone())
}

/// Characters of the answer shown in the attention list.
const SHORT_EXCERPT: usize = 160;

/// Every unit's answers that need attention (see [`attention_frame`]), gathered as the
/// answers are scored: each part's failing answers, cut to the attention list's columns
/// and a short excerpt, are split by unit, so only the short rows are held.
#[derive(Default)]
pub struct Attention(std::collections::BTreeMap<String, DataFrame>);

impl Attention {
    /// Adds a part's failing answers; `details` is the part's detail table
    /// ([`super::sheets::detail_frame`]).
    pub fn add(&mut self, rubric: &Rubric, details: &DataFrame, lang: Lang) -> Result<()> {
        use crate::ingest::columns::field;
        let err = |e| polars_err("jawaban perlu perhatian", e);
        let rows = attention_rows(rubric, details, lang)?;
        if rows.height() == 0 {
            return Ok(());
        }
        for group in rows.partition_by_stable([field::UNIT], true).map_err(err)? {
            let unit = group
                .column(field::UNIT)
                .and_then(|c| c.str().cloned())
                .map_err(err)?
                .get(0)
                .map(str::to_string);
            let Some(unit) = unit else { continue };
            match self.0.get_mut(&unit) {
                Some(acc) => {
                    acc.vstack_mut_owned(group).map_err(err)?;
                }
                None => {
                    self.0.insert(unit, group);
                }
            }
        }
        Ok(())
    }

    /// The unit's rows, when it has any.
    fn of(&self, unit: &str) -> Option<&DataFrame> {
        self.0.get(unit)
    }
}

/// The unit's answers that fail at least one criterion, lowest score first: ID, date,
/// officer, score, the criteria failed by label, and a short masked excerpt of the answer.
/// `rows` are the unit's [`attention_rows`], from any number of parts.
fn attention_frame(rows: Option<&DataFrame>, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    use crate::ingest::columns::field;
    let err = |e| polars_err("jawaban perlu perhatian", e);
    let Some(rows) = rows.filter(|r| r.height() > 0) else {
        let mut t = crate::output::table::Sheet::new();
        for (k, h) in attention_headers(lang) {
            t.push(k, h, Vec::<Option<String>>::new());
        }
        return t.finish(0, "jawaban perlu perhatian");
    };
    let df = rows
        .clone()
        .lazy()
        .sort(
            [crate::score::SCORE, field::ID, "source_file", "source_row"],
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .select([
            col(field::ID),
            col(field::RECEIVED_AT),
            col(field::OFFICER),
            col(crate::score::SCORE),
            col("failed"),
            col("answer"),
        ])
        .collect()
        .map_err(err)?;
    let headers = attention_headers(lang)
        .into_iter()
        .map(|(_, h)| h.to_string())
        .collect();
    Ok((df, headers))
}

/// One part's answers that fail at least one criterion (duplicates left out), with the
/// criteria failed by label and the answer cut to a short excerpt, in the columns the
/// attention list shows, sorts by and is split by (the unit).
fn attention_rows(rubric: &Rubric, details: &DataFrame, lang: Lang) -> Result<DataFrame> {
    use crate::ingest::columns::field;
    let err = |e| polars_err("jawaban perlu perhatian", e);
    let fail = crate::state::State::Fail.label(lang);
    let criteria: Vec<Expr> = rubric
        .criteria
        .iter()
        .filter(|c| details.column(&c.id).is_ok())
        .map(|c| {
            when(col(c.id.as_str()).eq(lit(fail)))
                .then(lit(c.label.clone()))
                .otherwise(crate::expr::null(DataType::String))
        })
        .collect();
    if details.height() == 0 || criteria.is_empty() {
        return Ok(DataFrame::default());
    }
    let failed = "failed";
    let mut df = details
        .clone()
        .lazy()
        .filter(col(crate::validate::DUPLICATE).not())
        .with_column(concat_str(criteria, "; ", true).alias(failed))
        .filter(
            col(failed)
                .is_not_null()
                .and(col(failed).str().len_bytes().gt(lit(0u32))),
        )
        .select([
            col(field::UNIT),
            col(field::ID),
            col(field::RECEIVED_AT),
            col(field::OFFICER),
            col(crate::score::SCORE),
            col(failed),
            col("answer"),
            col("source_file"),
            col("source_row"),
        ])
        .collect()
        .map_err(err)?;
    // The details hold a longer excerpt, masked already when asked: cut shorter.
    let short: StringChunked = df
        .column("answer")
        .and_then(|c| c.str().cloned())
        .map_err(err)?
        .iter()
        .map(|o| o.map(|t| crate::output::mask::excerpt(t, SHORT_EXCERPT)))
        .collect();
    df.with_column(short.with_name("answer".into()).into_column())
        .map_err(err)?;
    Ok(df)
}

fn attention_headers(lang: Lang) -> [(&'static str, &'static str); 6] {
    use crate::ingest::columns::field;
    [
        (field::ID, "ID"),
        (
            field::RECEIVED_AT,
            lang.pick("Tanggal Diterima", "Received"),
        ),
        (field::OFFICER, lang.pick("Petugas", "Officer")),
        (crate::score::SCORE, lang.pick("Skor", "Score")),
        ("failed", lang.pick("Kriteria Gagal", "Criteria Failed")),
        (
            "answer",
            lang.pick("Kutipan Jawaban (disamarkan)", "Answer Excerpt (masked)"),
        ),
    ]
}

/// The unit's gaps: what the unit answered and, from the standard's guidance, how to
/// meet the item, by points lost.
fn gaps_frame(
    st: &super::Standards,
    r: &crate::assess::batch::UnitResult,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let rows = gap_rows(&st.standard, std::slice::from_ref(r), lang);
    let text = |f: fn(&crate::assess::batch::GapRow) -> String| {
        rows.iter().map(f).collect::<Vec<String>>()
    };
    let mandatory = lang.pick("Wajib", "Mandatory");
    let no_guidance = lang.pick(
        "(standar tidak memuat panduan untuk butir ini)",
        "(the standard gives no guidance for this item)",
    );
    let mut t = crate::output::table::Sheet::new();
    // What to act on first (item, answer, how to meet it), the rest after: a page across
    // holds the first columns.
    t.push("code", lang.pick("Kode", "Code"), text(|r| r.code.clone()));
    t.push("item", lang.pick("Butir", "Item"), text(|r| r.item.clone()));
    t.push(
        "given",
        lang.pick("Jawaban Unit", "Unit's Answer"),
        text(|r| r.given.clone()),
    );
    t.push(
        "fix",
        lang.pick(
            "Cara Memenuhi (panduan standar)",
            "How to Meet It (standard's guidance)",
        ),
        rows.iter()
            .map(|r| r.guidance.clone().unwrap_or_else(|| no_guidance.into()))
            .collect::<Vec<_>>(),
    );
    t.push(
        "mandatory",
        lang.pick("Wajib", "Mandatory"),
        rows.iter()
            .map(|r| if r.mandatory { mandatory } else { "" })
            .collect::<Vec<_>>(),
    );
    t.push(
        "points_lost",
        lang.pick("Poin Hilang", "Points Lost"),
        rows.iter().map(|r| r.points_lost).collect::<Vec<_>>(),
    );
    t.push(
        "met_pct",
        lang.pick("Terpenuhi (%)", "Met (%)"),
        rows.iter().map(|r| r.met_pct).collect::<Vec<_>>(),
    );
    t.push(
        "aspect",
        lang.pick("Aspek", "Aspect"),
        text(|r| r.aspect.clone()),
    );
    t.push("cell", lang.pick("Sel", "Cell"), text(|r| r.cell.clone()));
    t.finish(rows.len(), "celah unit")
}

/// The sheet the answers needing attention go to.
fn attention_sheet(lang: Lang) -> &'static str {
    lang.pick("Jawaban Perlu Perhatian", "Answers Needing Attention")
}

fn comparison_sheet(lang: Lang) -> &'static str {
    lang.pick("Perbandingan Periode", "Period Comparison")
}

fn write_unit(
    c: &Context,
    unit: &str,
    l: &UnitLine,
    attention: Option<&DataFrame>,
    path: &Path,
) -> Result<()> {
    let (p, nat, lang) = (c.p, c.nat, c.lang);
    let scored = p.unit_answers(unit)?;
    let (attention, attention_headers) = attention_frame(attention, lang)?;
    let title = lang.pick("Umpan Balik ULPK", "ULPK Feedback");
    let mut wb = xlsx::new_workbook(&format!("{title} — {unit} — {}", p.period()))?;

    // Ringkasan: the unit's figures, then what the workbook holds.
    let mut summary = super::summary::unit_summary(p, nat, unit, c.previous, lang)?;
    summary.section(lang.pick("Isi workbook ini", "What this workbook holds"));
    if c.previous.is_none() {
        summary.line(
            lang.pick("Periode sebelumnya", "Previous period"),
            Value::Text(
                lang.pick(
                    "tidak ada periode pembanding ([report] previous atau --previous)",
                    "no period compared with ([report] previous or --previous)",
                )
                .into(),
            ),
            "",
        );
    }
    summary.line(
        lang.pick("Jawaban perlu perhatian", "Answers needing attention"),
        Value::Count(attention.height()),
        tr!(
            lang,
            "jawaban dengan sedikitnya satu kriteria Gagal, skor terendah dahulu: sheet {}",
            "answers failing at least one criterion, lowest score first: sheet {}",
            attention_sheet(lang)
        ),
    );
    if let Some(annex) = c.annex {
        summary.line(
            lang.pick("Semua jawaban unit", "Every answer of the unit"),
            Value::Text(tr!(
                lang,
                "di lampiran laporan nasional {}, sheet {} (saring kolom Unit)",
                "in the national report's annex {}, sheet {} (filter the Unit column)",
                annex,
                lang.of(crate::labels::sheet::DETAILS)
            )),
            "",
        );
    }
    summary.line(
        lang.pick("Catatan", "Note"),
        Value::Text(lang.pick(
            "Workbook ini hanya memuat data unit ini; cara menghitung tiap angka nasional tertulis di sheet Posisi Nasional (kolom Dasar Angka Nasional).",
            "This workbook holds this unit's data only; how each national figure is computed is written on the sheet National Position (column How the National Figure Is Computed).",
        ).into()),
        "",
    );
    super::summary::write(
        &mut wb,
        lang.of(crate::labels::sheet::SUMMARY),
        &summary,
        lang,
    )?;
    let charts_sheet = lang.of(crate::labels::sheet::CHARTS);
    wb.add_worksheet()
        .set_name(charts_sheet)
        .map_err(xlsx::xlsx_err)?
        .set_portrait()
        .set_print_fit_to_pages(1, 0);

    let pos_sheet = lang.pick("Posisi Nasional", "National Position");
    let rows = position_rows(p, nat, unit, l, lang);
    let components = rows.len() - p.run.rubric.criteria.len();
    let (pos, pos_headers) = position_frame(&rows, lang)?;
    xlsx::write_frame(&mut wb, pos_sheet, &pos, &pos_headers)?;
    let ws = wb.worksheet_from_name(pos_sheet).map_err(xlsx::xlsx_err)?;
    xlsx::sign_fills(ws, DIFF_COLUMN, pos.height() as u32)?;
    // How the intervals are computed, under the table.
    let notes = [
        super::sheets::interval_note(lang).to_string(),
        super::ranking::interval_method(lang).to_string(),
    ];
    for (k, note) in notes.iter().enumerate() {
        xlsx::write_note(
            ws,
            pos.height() as u32 + 2 + k as u32,
            &xlsx::column_widths(&pos, &pos_headers, &|_, _| None),
            note,
            false,
        )?;
    }

    if let Some(prev) = c.previous {
        let (cmp, cmp_headers) = comparison_frame(p, nat, prev, unit, l, lang)?;
        // A figure the previous period lacks is "-".
        let dash = |row: usize, col: usize| -> Option<String> {
            let name = cmp.get_column_names()[col].as_str();
            (col > 0 && f64_at(&cmp, name, row).is_none()).then(|| "-".to_string())
        };
        xlsx::write_frame_with_caveats(&mut wb, comparison_sheet(lang), &cmp, &cmp_headers, &dash)?;
        let ws = wb
            .worksheet_from_name(comparison_sheet(lang))
            .map_err(xlsx::xlsx_err)?;
        xlsx::sign_fills(ws, 3, cmp.height() as u32)?;
        xlsx::write_note(
            ws,
            cmp.height() as u32 + 2,
            &xlsx::column_widths(&cmp, &cmp_headers, &dash),
            lang.pick(
                "Perubahan = periode ini dikurangi periode sebelumnya (SLA dalam poin persen); \"-\" bila periode sebelumnya tidak memuat angka unit ini.",
                "Change = this period minus the previous one (SLA in percentage points); \"-\" where the previous period has no figure for this unit.",
            ),
            false,
        )?;
    }

    let trend_sheet = lang.of(crate::labels::sheet::TREND);
    let (trend, trend_headers) = trend_frame(p, &scored, lang)?;
    xlsx::write_frame(&mut wb, trend_sheet, &trend, &trend_headers)?;

    let off = officers_frame(p, &scored, lang)?;
    let (officers, officer_headers) = (&off.frame, &off.headers);
    let min_n = p.min_n();
    // A rate from fewer than `min_n` judged answers says so in place of the number, as on
    // the report's criteria sheet.
    let caveat = |row: usize, col: usize| -> Option<String> {
        let id = off.rate_of.get(col)?.as_ref()?;
        let n = f64_at(&off.full, &aggregate::n_col(id), row)? as u64;
        let note = crate::stats::below_min_n(n, min_n).filter(|_| n > 0)?;
        let name = officers.get_column_names()[col].as_str();
        Some(match f64_at(officers, name, row) {
            Some(r) => format!("{note} ({r:.1} %)"),
            None => note,
        })
    };
    let officer_sheet = lang.of(crate::labels::sheet::OFFICERS);
    xlsx::write_frame_with_caveats(&mut wb, officer_sheet, officers, officer_headers, &caveat)?;
    let ws = wb
        .worksheet_from_name(officer_sheet)
        .map_err(xlsx::xlsx_err)?;
    // Pass rates in their band's colour, as on the report's sheets.
    let rates = super::colours::Colours::of(&p.run.rubric)?
        .rates
        .thresholds(100.0);
    for (c, rate) in off.rate_of.iter().enumerate() {
        if rate.is_some() {
            xlsx::band_fills(ws, c as u16, officers.height() as u32, &rates)?;
        }
    }
    xlsx::write_note(
        ws,
        officers.height() as u32 + 2,
        &xlsx::column_widths(officers, officer_headers, &caveat),
        &super::sheets::criteria_notes(min_n, lang)[0],
        false,
    )?;

    if let Some(st) = p.standards()
        && let Some(r) = st.results.iter().find(|r| r.filled.unit == unit)
    {
        let (gaps, gap_headers) = gaps_frame(st, r, lang)?;
        xlsx::write_frame(
            &mut wb,
            lang.of(crate::labels::sheet::FINDINGS),
            &gaps,
            &gap_headers,
        )?;
    }
    xlsx::write_frame(
        &mut wb,
        attention_sheet(lang),
        &attention,
        &attention_headers,
    )?;
    charts(
        &mut wb,
        charts_sheet,
        (pos_sheet, components, rows.len()),
        (trend_sheet, trend.height()),
        unit,
        lang,
    )?;
    crate::output::xlsx::save(
        &mut wb,
        path,
        &xlsx::PageHead {
            title,
            period: Some(p.period()),
            unit: Some(unit),
            lang,
        },
    )
}

/// The charts sheet: the unit against the national figure per component and per
/// criterion (clustered bars), and the monthly mean score beside the national one.
fn charts(
    wb: &mut rust_xlsxwriter::Workbook,
    sheet: &str,
    (pos, components, rows): (&str, usize, usize),
    (trend, months): (&str, usize),
    unit: &str,
    lang: Lang,
) -> Result<()> {
    use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType};
    let national = lang.pick("Nasional", "National");
    let bars = |first: usize, last: usize, title: &str| {
        let mut chart = Chart::new(ChartType::Bar);
        let (first, last) = (first as u32, last as u32);
        for (col, name) in [(1u16, unit), (3u16, national)] {
            chart
                .add_series()
                .set_categories((pos, first, 0, last, 0))
                .set_values((pos, first, col, last, col))
                .set_name(name);
        }
        chart.title().set_name(title);
        chart.x_axis().set_min(0).set_max(100);
        chart.y_axis().set_reverse();
        chart.legend().set_position(ChartLegendPosition::Bottom);
        xlsx::chart_fonts(&mut chart);
        let height = 36 * (last - first + 1) + 130;
        chart.set_width(640).set_height(height);
        (chart, height)
    };
    let mut placed = Vec::new();
    if components > 0 {
        placed.push(bars(
            1,
            components,
            lang.pick(
                "Unit dan Nasional per Komponen",
                "Unit and National by Component",
            ),
        ));
    }
    if months > 0 {
        let mut chart = Chart::new(ChartType::Line);
        for (col, name) in [(2u16, unit), (3u16, national)] {
            chart
                .add_series()
                .set_categories((trend, 1, 0, months as u32, 0))
                .set_values((trend, 1, col, months as u32, col))
                .set_name(name);
        }
        chart.title().set_name(lang.pick(
            "Rata-rata Skor Kualitas per Bulan",
            "Mean Quality Score by Month",
        ));
        chart.y_axis().set_min(0).set_max(100);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        xlsx::chart_fonts(&mut chart);
        chart.set_width(640).set_height(300);
        placed.push((chart, 300));
    }
    if rows > components {
        placed.push(bars(
            components + 1,
            rows,
            lang.pick("Kelulusan per Kriteria (%)", "Pass Rate by Criterion (%)"),
        ));
    }
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    // Each chart from the next row down, 20 px a row; a page holds about 45 rows.
    let (mut row, mut page, mut breaks) = (0u32, 0u32, Vec::new());
    for (chart, px) in &placed {
        let height = px / 20 + 2;
        if row > page && row + height > page + 45 {
            // The break above `row`; the chart a row lower, so no edge of it is drawn on
            // the page before.
            breaks.push(row);
            row += 1;
            page = row;
        }
        ws.insert_chart(row, 0, chart).map_err(xlsx::xlsx_err)?;
        row += height;
    }
    if !breaks.is_empty() {
        ws.set_page_breaks(&breaks).map_err(xlsx::xlsx_err)?;
    }
    Ok(())
}

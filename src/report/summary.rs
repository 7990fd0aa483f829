//! Ringkasan: the one-page executive summary read first. Every figure is a typed number
//! with its number format beside a label saying what it is and a note saying what it
//! counts ("dari 10 unit yang dinilai"), grouped in sections, printable on one A4 page.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use super::PeriodResult;
use super::compare::{GradeOrders, Previous, movement};
use super::layout::label;
use super::ranking::{f64_at, ranks, sorted};
use crate::error::Result;
use crate::i18n::Lang;
use crate::output::xlsx::{self, xlsx_err};

/// A summary figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count, shown without decimals.
    Count(usize),
    /// A score, rate or index, shown with two decimals.
    Score(f64),
    /// A change, shown with its sign and two decimals.
    Change(f64),
    /// A change in whole steps (ranks), shown with its sign.
    Steps(i64),
    Text(String),
    /// No figure (shown as "-").
    None,
}

/// One line of the summary: what the figure is, the figure, what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    pub value: Value,
    pub note: String,
}

/// The summary: a title, then sections of lines.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub title: String,
    pub sections: Vec<(String, Vec<Line>)>,
}

impl Summary {
    /// Starts a new section; the lines added next go into it.
    pub fn section(&mut self, name: impl Into<String>) {
        self.sections.push((name.into(), Vec::new()));
    }

    /// Adds a line to the last section.
    pub fn line(&mut self, label: impl Into<String>, value: Value, note: impl Into<String>) {
        if let Some((_, lines)) = self.sections.last_mut() {
            lines.push(Line {
                label: label.into(),
                value,
                note: note.into(),
            });
        }
    }

    /// The line labelled `label`, in any section.
    pub fn get(&self, label: &str) -> Option<&Line> {
        self.sections
            .iter()
            .flat_map(|(_, l)| l)
            .find(|l| l.label == label)
    }
}

fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::None, Value::Score)
}

/// The report's summary: answers, units and the index, each instrument, the SKM, the
/// data issues, and the comparison with the previous period when there is one.
pub fn report_summary(
    p: &PeriodResult,
    previous: Option<&Previous>,
    lang: Lang,
) -> Result<Summary> {
    let get = |c: &str| f64_at(&p.agg.overall, c, 0);
    let answers = get("answers").unwrap_or(0.0) as usize;
    let mut s = Summary {
        title: format!(
            "{} — {}",
            lang.pick("Laporan ULPK", "ULPK Report"),
            p.period()
        ),
        ..Summary::default()
    };
    s.section(lang.pick("Kualitas jawaban", "Answer quality"));
    // The labels a later period's comparison reads back are shared with it (`label`).
    s.line(lang.of(label::PERIOD), Value::Text(p.period().into()), "");
    s.line(
        lang.pick("Jawaban dinilai", "Answers scored"),
        Value::Count(answers),
        lang.pick(
            "seluruh jawaban dalam ekspor periode ini",
            "every answer in the period's exports",
        ),
    );
    s.line(
        lang.of(label::NATIONAL_SCORE),
        opt(get("mean_score")),
        lang.pick(
            "skala 0–100, dari jawaban dinilai",
            "0–100, over the answers scored",
        ),
    );
    s.line(
        lang.of(label::NATIONAL_SLA),
        opt(get("sla_pct")),
        match p.config.report.sla_target {
            Some(t) => tr!(
                lang,
                "jawaban dalam batas waktu layanan, dari semua jawaban (tanggal tak lengkap dihitung tidak memenuhi); target {} %",
                "answers within the service time limit, of all answers (incomplete dates count as not within); target {} %",
                crate::i18n::decimal(t, lang)
            ),
            None => lang
                .pick(
                    "jawaban dalam batas waktu layanan, dari semua jawaban (tanggal tak lengkap dihitung tidak memenuhi)",
                    "answers within the service time limit, of all answers (incomplete dates count as not within)",
                )
                .to_string(),
        },
    );
    let o = &p.overdue;
    if let Some(day) = o.as_of {
        s.line(
            tr!(
                lang,
                "Belum selesai melewati SLA per {}",
                "Not closed and past their SLA on {}",
                day.format("%d/%m/%Y")
            ),
            Value::Count(o.past_sla as usize),
            tr!(
                lang,
                "dari {} butir belum selesai ({}){}",
                "of {} items not closed ({}){}",
                o.open,
                if o.given {
                    lang.pick("tanggal ekspor", "export date")
                } else {
                    lang.pick("tanggal terakhir dalam ekspor", "latest date in the export")
                },
                if o.uncounted > 0 {
                    tr!(
                        lang,
                        "; {} tidak dapat dihitung",
                        "; {} could not be counted",
                        o.uncounted
                    )
                } else {
                    String::new()
                }
            ),
        );
    }
    if let Some(r) = &p.skm {
        s.line(
            lang.of(label::NATIONAL_IKM),
            opt(r.national.ikm.map(crate::stats::round2)),
            r.national
                .band
                .as_ref()
                .map(|b| {
                    format!(
                        "{} {} ({})",
                        lang.pick("predikat", "grade"),
                        b.grade,
                        b.label
                    )
                })
                .unwrap_or_default(),
        );
    }

    let units = p.lines.len();
    let ranked: Vec<(&String, f64)> = sorted(&p.lines)
        .into_iter()
        .filter_map(|(u, l)| l.index.map(|i| (u, i)))
        .collect();
    let rank = ranks(&p.lines);
    s.section(lang.pick("Unit dan indeks gabungan", "Units and the combined index"));
    s.line(
        lang.pick("Unit dalam laporan", "Units in the report"),
        Value::Count(units),
        lang.pick(
            "unit dengan data di sumber mana pun",
            "units with data in any source",
        ),
    );
    s.line(
        lang.pick("Unit diperingkat", "Units ranked"),
        Value::Count(ranked.len()),
        tr!(
            lang,
            "dari {} unit: hanya unit dengan semua komponen berbobot",
            "of {} units: only units with every weighted component",
            units
        ),
    );
    s.line(
        lang.pick("Metode indeks gabungan", "Combined index method"),
        Value::Text(tr!(
            lang,
            "rata-rata berbobot komponen (0–100), bobot: {}",
            "weighted mean of the components (0–100), weights: {}",
            super::ranking::weights_text(&p.config.index, lang)
        )),
        "",
    );
    let shown = 3.min(ranked.len() / 2);
    let top = ranked.iter().take(shown);
    let bottom = ranked.iter().skip(ranked.len() - shown);
    for ((u, i), which) in top
        .map(|x| (x, lang.pick("tertinggi", "highest")))
        .chain(bottom.map(|x| (x, lang.pick("terendah", "lowest"))))
    {
        s.line(
            format!("{}. {u}", rank.get(*u).copied().unwrap_or(0)),
            Value::Score(*i),
            tr!(lang, "indeks gabungan {}", "combined index, {}", which),
        );
    }

    if !p.instruments.is_empty() {
        s.section(lang.pick(
            "Penilaian mandiri dan instrumen nasional",
            "Self-assessments and national instruments",
        ));
    }
    for inst in &p.instruments {
        let st = &inst.scored;
        let name = inst.config.label(lang);
        let assessed = st.results.len();
        let missing: Vec<&str> = p
            .lines
            .keys()
            .filter(|u| !st.results.iter().any(|r| &r.filled.unit == *u))
            .map(String::as_str)
            .collect();
        s.line(
            tr!(lang, "{}: unit dinilai", "{}: units assessed", name),
            Value::Count(assessed),
            tr!(
                lang,
                "dari {} unit dalam laporan; {} unit belum mengirim",
                "of {} units in the report; {} units sent none",
                units,
                missing.len()
            ),
        );
        let scores: Vec<f64> = st
            .results
            .iter()
            .filter_map(|r| r.outcome.effective_total)
            .collect();
        // Units per band, best first, and per zone when the bands have zones.
        let mut spread: Vec<String> = st
            .standard
            .bands
            .bands
            .iter()
            .map(|b| {
                let n = st
                    .results
                    .iter()
                    .filter(|r| r.outcome.band.as_ref().is_some_and(|x| x.grade == b.grade))
                    .count();
                format!("{} {n}", b.grade)
            })
            .collect();
        let zones = st.standard.bands.zones();
        if !zones.is_empty() {
            let counts: Vec<String> = zones
                .iter()
                .map(|z| {
                    let n = st
                        .results
                        .iter()
                        .filter(|r| {
                            r.outcome
                                .band
                                .as_ref()
                                .is_some_and(|b| b.zone.as_deref() == Some(*z))
                        })
                        .count();
                    format!("{z} {n}")
                })
                .collect();
            spread = vec![
                spread.join(" · "),
                format!("{} {}", lang.pick("zona", "zones"), counts.join(" · ")),
            ];
        } else {
            spread = vec![spread.join(" · ")];
        }
        s.line(
            tr!(
                lang,
                "{}: rata-rata nilai akhir",
                "{}: mean final score",
                name
            ),
            if scores.is_empty() {
                Value::None
            } else {
                Value::Score(crate::stats::round2(
                    scores.iter().sum::<f64>() / scores.len() as f64,
                ))
            },
            tr!(
                lang,
                "skala 0–{}; unit per predikat: {}",
                "scale 0–{}; units per grade: {}",
                st.standard.scale,
                spread.join("; ")
            ),
        );
        if inst.config.minimum {
            let met = st.meeting_minimum();
            s.line(
                lang.pick("Memenuhi standar minimal", "Meet the minimum standard"),
                Value::Count(met),
                tr!(
                    lang,
                    "dari {} unit yang dinilai",
                    "of the {} units assessed",
                    assessed
                ),
            );
            s.line(
                lang.pick(
                    "Belum mengirim penilaian standar minimal",
                    "Sent no minimum-standard assessment",
                ),
                Value::Count(missing.len()),
                missing.join("; "),
            );
        }
    }

    s.section(lang.pick("Data", "Data"));
    s.line(
        lang.pick("Masalah data dan validasi", "Data and validation issues"),
        Value::Count(p.issues.len()),
        tr!(
            lang,
            "lihat sheet {}",
            "see sheet {}",
            lang.of(xlsx::ISSUES_SHEET)
        ),
    );

    if let Some(prev) = previous {
        comparison(&mut s, p, prev, lang)?;
    }
    Ok(s)
}

/// The section comparing with the previous period: national changes and band moves.
fn comparison(s: &mut Summary, p: &PeriodResult, prev: &Previous, lang: Lang) -> Result<()> {
    let change = |now: Option<f64>, before: Option<f64>| match (now, before) {
        (Some(n), Some(b)) => (
            Value::Change(crate::stats::round2(n - b)),
            format!("{} {b:.2}", lang.pick("sebelumnya", "before")),
        ),
        _ => (Value::None, String::new()),
    };
    let orders = GradeOrders::of(p)?;
    let unchanged = lang.pick("tetap", "unchanged");
    let moved = p
        .lines
        .iter()
        .filter(|(u, l)| {
            prev.lines
                .get(*u)
                .is_some_and(|b| movement(Some(b), Some(l), &orders, lang) != unchanged)
        })
        .count();
    s.section(tr!(
        lang,
        "Dibandingkan dengan {}",
        "Compared with {}",
        prev.period
    ));
    for (label, now, before) in [
        (
            lang.pick(
                "Perubahan skor kualitas nasional",
                "Change in national quality score",
            ),
            f64_at(&p.agg.overall, "mean_score", 0),
            prev.quality,
        ),
        (
            lang.pick(
                "Perubahan pemenuhan SLA nasional (poin)",
                "Change in national SLA (points)",
            ),
            f64_at(&p.agg.overall, "sla_pct", 0),
            prev.sla,
        ),
        (
            lang.pick("Perubahan IKM nasional", "Change in national IKM"),
            p.national_ikm(),
            prev.ikm,
        ),
    ] {
        let (v, note) = change(now, before);
        s.line(label, v, note);
    }
    s.line(
        lang.pick("Unit berpindah predikat", "Units that moved band"),
        Value::Count(moved),
        tr!(
            lang,
            "lihat sheet {}",
            "see sheet {}",
            lang.pick("Perbandingan Periode", "Period Comparison")
        ),
    );
    Ok(())
}

/// The national figures a unit is compared with.
pub struct National {
    /// Answers scored, every unit.
    pub answers: Option<f64>,
    pub quality: Option<f64>,
    pub sla: Option<f64>,
    /// Mean final standard score over the assessed units, and their number.
    pub standard: Option<f64>,
    pub assessed: usize,
    pub ikm: Option<f64>,
    /// Mean combined index over the units that have one.
    pub index: Option<f64>,
    /// Rank by combined index; the units that have one.
    pub ranks: std::collections::BTreeMap<String, u32>,
    /// Whether each rank is distinguishable from its neighbours.
    pub neighbours: std::collections::BTreeMap<String, super::ranking::Neighbours>,
}

/// The mean of `values` to 2 decimals.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, s) = values.fold((0usize, 0.0), |(n, s), v| (n + 1, s + v));
    (n > 0).then(|| crate::stats::round2(s / n as f64))
}

impl National {
    pub fn of(p: &PeriodResult) -> National {
        National {
            answers: f64_at(&p.agg.overall, "answers", 0),
            quality: f64_at(&p.agg.overall, "mean_score", 0),
            sla: f64_at(&p.agg.overall, "sla_pct", 0),
            standard: mean(p.lines.values().filter_map(|l| l.standard)),
            assessed: p.lines.values().filter(|l| l.standard.is_some()).count(),
            ikm: p.national_ikm(),
            index: mean(p.lines.values().filter_map(|l| l.index)),
            ranks: ranks(&p.lines),
            neighbours: super::ranking::neighbours(&p.lines),
        }
    }
}

/// "nasional 88.30", or "" without a national figure.
fn national_note(v: Option<f64>, lang: Lang) -> String {
    v.map(|v| format!("{} {v:.2}", lang.pick("nasional", "national")))
        .unwrap_or_default()
}

/// A unit's rank as its feedback names it: "8 dari 8", tied units said so, and an unranked
/// unit with what it lacks.
pub fn rank_text(p: &PeriodResult, nat: &National, unit: &str, lang: Lang) -> Value {
    let l = p.lines.get(unit);
    match nat.ranks.get(unit) {
        Some(r) => {
            let shared = super::ranking::tied(&nat.ranks)[r];
            let tie = if shared > 1 {
                tr!(
                    lang,
                    " (seri dengan {} unit)",
                    " (tied with {} units)",
                    shared - 1
                )
            } else {
                String::new()
            };
            Value::Text(format!(
                "{r} {} {}{tie}",
                lang.pick("dari", "of"),
                nat.ranks.len()
            ))
        }
        // Not ranked: say what is missing, as the ranking sheet does.
        None => match l {
            Some(l) if !l.missing.is_empty() => Value::Text(format!(
                "{}: {}",
                lang.pick("tidak diperingkat, tanpa", "not ranked, no"),
                super::ranking::missing_names(l, &p.config.index, lang)
            )),
            _ => Value::None,
        },
    }
}

/// A unit's feedback summary: its answers, quality, SLA, standard, SKM, combined index
/// and rank, each beside the national figure, and with `previous` the change of each
/// against the previous period ("-" where that period lacks the unit).
pub fn unit_summary(
    p: &PeriodResult,
    nat: &National,
    unit: &str,
    previous: Option<&Previous>,
    lang: Lang,
) -> Result<Summary> {
    let default = super::ranking::UnitLine::default();
    let l = p.lines.get(unit).unwrap_or(&default);
    let mut s = Summary {
        title: format!(
            "{} — {unit} — {}",
            lang.pick("Umpan Balik ULPK", "ULPK Feedback"),
            p.period()
        ),
        ..Summary::default()
    };
    s.section(lang.pick("Unit dan jawaban", "Unit and answers"));
    s.line("Unit", Value::Text(unit.into()), "");
    s.line(lang.of(label::PERIOD), Value::Text(p.period().into()), "");
    s.line(
        lang.pick("Jawaban dinilai", "Answers scored"),
        l.answers.map_or(Value::None, |n| Value::Count(n as usize)),
        match nat.answers {
            Some(n) => tr!(
                lang,
                "jawaban unit ini; nasional {} jawaban",
                "this unit's answers; {} nationally",
                n as u64
            ),
            None => String::new(),
        },
    );

    s.section(lang.pick("Kualitas jawaban", "Answer quality"));
    let mut quality_note = national_note(nat.quality, lang);
    if let Some(g) = &l.quality_grade {
        quality_note += &format!("; {} {g}", lang.pick("predikat", "grade"));
    }
    if let Some((lo, hi)) = super::ranking::quality_interval(l) {
        quality_note += &format!(
            "; {} {}",
            lang.pick("IK 95 %", "95 % CI"),
            crate::stats::range_text(lo, hi, 2)
        );
    }
    s.line(
        lang.pick("Skor kualitas jawaban", "Answer quality score"),
        opt(l.quality),
        quality_note,
    );
    s.line(
        lang.pick("Pemenuhan SLA (%)", "SLA fulfilment (%)"),
        opt(l.sla),
        national_note(nat.sla, lang),
    );

    if let Some(st) = p.standards() {
        s.section(lang.pick("Standar minimal ULPK", "Minimum ULPK standard"));
        let r = st.results.iter().find(|r| r.filled.unit == unit);
        s.line(
            lang.pick("Standar — nilai akhir", "Standard — final score"),
            opt(l.standard),
            match nat.standard {
                Some(v) => tr!(
                    lang,
                    "nasional {} (rata-rata {} unit yang dinilai)",
                    "national {} (mean of {} units assessed)",
                    format!("{v:.2}"),
                    nat.assessed
                ),
                None => String::new(),
            },
        );
        s.line(
            lang.pick("Predikat standar", "Standard grade"),
            Value::Text(match (&l.standard_grade, &l.standard_zone) {
                (Some(g), Some(z)) => format!("{g} ({} {z})", lang.pick("zona", "zone")),
                (Some(g), None) => g.clone(),
                _ => lang
                    .pick("belum ada penilaian mandiri", "no self-assessment")
                    .into(),
            }),
            "",
        );
        if let Some(r) = r {
            let failed = &r.outcome.mandatory_failed;
            s.line(
                lang.pick("Standar minimal", "Minimum standard"),
                Value::Text(if failed.is_empty() {
                    lang.pick("Memenuhi", "Meets").into()
                } else {
                    format!(
                        "{} ({}: {})",
                        lang.pick("Belum Memenuhi", "Below"),
                        lang.pick("butir wajib belum terpenuhi", "mandatory items not met"),
                        failed.join(", ")
                    )
                }),
                "",
            );
            s.line(
                lang.pick("Butir belum terpenuhi penuh", "Items not fully met"),
                Value::Count(r.outcome.gaps().len()),
                tr!(
                    lang,
                    "yang kurang dan cara memenuhinya: sheet {}",
                    "what is missing and how to meet it: sheet {}",
                    lang.of(crate::labels::sheet::FINDINGS)
                ),
            );
        }
    }

    if p.skm.is_some() {
        s.section(lang.pick("Survei kepuasan masyarakat", "Public satisfaction survey"));
        s.line("IKM (SKM)", opt(l.ikm), national_note(nat.ikm, lang));
        s.line(
            lang.pick("Mutu pelayanan (SKM)", "Service quality (SKM)"),
            l.skm_grade.clone().map_or(Value::None, Value::Text),
            "",
        );
    }

    s.section(lang.pick("Indeks gabungan dan peringkat", "Combined index and rank"));
    s.line(
        lang.pick("Indeks gabungan", "Combined index"),
        opt(l.index),
        match nat.index {
            Some(v) => tr!(
                lang,
                "nasional {} (rata-rata {} unit yang diperingkat)",
                "national {} (mean of {} ranked units)",
                format!("{v:.2}"),
                nat.ranks.len()
            ),
            None => String::new(),
        },
    );
    s.line(
        lang.pick("Peringkat indeks gabungan", "Combined index rank"),
        rank_text(p, nat, unit, lang),
        "",
    );
    // Whether the rank can be told apart from the ranks around it, as on the ranking sheet.
    if let Some(text) = nat
        .neighbours
        .get(unit)
        .and_then(|n| super::ranking::neighbour_text(n, lang))
    {
        s.line(
            lang.pick(
                "Beda dengan peringkat tetangga",
                "Distinguishable from neighbouring ranks",
            ),
            Value::Text(format!(
                "{text} ({})",
                lang.pick(
                    "menurut IK 95 % indeks gabungan; metode di bawah tabel peringkat laporan",
                    "by the combined index's 95 % CI; method under the report's ranking table",
                )
            )),
            "",
        );
    }

    if let Some(prev) = previous {
        unit_comparison(&mut s, p, unit, l, prev, lang)?;
    }
    Ok(s)
}

/// The unit's section comparing with the previous period.
fn unit_comparison(
    s: &mut Summary,
    p: &PeriodResult,
    unit: &str,
    l: &super::ranking::UnitLine,
    prev: &Previous,
    lang: Lang,
) -> Result<()> {
    s.section(tr!(
        lang,
        "Dibandingkan dengan {}",
        "Compared with {}",
        prev.period
    ));
    let before = prev.lines.get(unit);
    let absent = lang.pick(
        "unit ini tidak ada di periode sebelumnya",
        "this unit is not in the previous period",
    );
    for m in super::compare::Figure::ALL {
        let (b, n) = (before.and_then(|x| m.of(x)), m.of(l));
        let (value, note) = match super::difference(n, b) {
            Some(d) => (
                Value::Change(d),
                format!(
                    "{} {:.2}",
                    lang.pick("sebelumnya", "before"),
                    b.unwrap_or_default()
                ),
            ),
            None if before.is_none() => (Value::None, absent.to_string()),
            None => (Value::None, String::new()),
        };
        if m == super::compare::Figure::Standard && p.standards().is_none()
            || m == super::compare::Figure::Ikm && p.skm.is_none()
        {
            continue;
        }
        s.line(m.change_label(lang), value, note);
    }
    let now_rank = ranks(&p.lines).get(unit).copied();
    let before_rank = prev.ranks.get(unit).copied();
    s.line(
        lang.pick("Perubahan peringkat (+ naik)", "Rank change (+ up)"),
        super::compare::rank_change(before_rank, now_rank).map_or(Value::None, Value::Steps),
        match before_rank {
            Some(r) => tr!(
                lang,
                "sebelumnya peringkat {} dari {}",
                "before rank {} of {}",
                r,
                prev.ranks.len()
            ),
            None if before.is_none() => absent.to_string(),
            None => lang
                .pick("tidak diperingkat sebelumnya", "not ranked before")
                .to_string(),
        },
    );
    let orders = GradeOrders::of(p)?;
    s.line(
        lang.pick("Perpindahan predikat", "Band movement"),
        Value::Text(movement(before, Some(l), &orders, lang)),
        "",
    );
    Ok(())
}

/// Column widths of the summary sheet: label, figure, note.
const WIDTHS: [usize; 3] = [46, 12, 52];

/// Writes the summary to a new sheet `name`: portrait A4, one page.
pub fn write(wb: &mut Workbook, name: &str, s: &Summary, lang: Lang) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    for (j, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(j as u16, *w as f64).map_err(xlsx_err)?;
    }
    let top = |f: Format| f.set_align(FormatAlign::Top).set_text_wrap();
    let title = Format::new().set_bold().set_font_size(14);
    let section = Format::new()
        .set_bold()
        .set_background_color(0xD9E1F2)
        .set_border_bottom(FormatBorder::Thin);
    let label = top(Format::new());
    let note = top(Format::new().set_font_color(0x404040));
    let number = |f: &str| top(Format::new().set_num_format(f).set_indent(1));
    let (count, score, change) = (number("#,##0"), number("0.00"), number("+0.00;-0.00;0.00"));
    let steps = number("+0;-0;0");
    let text = top(Format::new());
    let dash = top(Format::new().set_align(FormatAlign::Right).set_indent(1));
    ws.write_string_with_format(0, 0, xlsx::cell_text(&s.title), &title)
        .map_err(xlsx_err)?;
    ws.set_row_height(0, 21).map_err(xlsx_err)?;
    let mut r = 1u32;
    let head = [
        lang.pick("Keterangan", "Item"),
        lang.pick("Nilai", "Value"),
        lang.pick("Catatan", "Note"),
    ];
    for (sec, lines) in &s.sections {
        r += 1;
        ws.write_string_with_format(r, 0, xlsx::cell_text(sec), &section)
            .map_err(xlsx_err)?;
        for (j, h) in head.iter().enumerate().skip(1) {
            ws.write_string_with_format(r, j as u16, *h, &section)
                .map_err(xlsx_err)?;
        }
        for l in lines {
            r += 1;
            ws.write_string_with_format(r, 0, xlsx::cell_text(&l.label), &label)
                .map_err(xlsx_err)?;
            match &l.value {
                Value::Count(n) => ws.write_number_with_format(r, 1, *n as f64, &count),
                Value::Score(v) => ws.write_number_with_format(r, 1, *v, &score),
                Value::Change(v) => ws.write_number_with_format(r, 1, *v, &change),
                Value::Steps(v) => ws.write_number_with_format(r, 1, *v as f64, &steps),
                Value::Text(t) => ws.merge_range(r, 1, r, 2, xlsx::cell_text(t), &text),
                Value::None => ws.write_string_with_format(r, 1, "-", &dash),
            }
            .map_err(xlsx_err)?;
            if !l.note.is_empty() {
                ws.write_string_with_format(r, 2, xlsx::cell_text(&l.note), &note)
                    .map_err(xlsx_err)?;
            }
            let text_value = match &l.value {
                Value::Text(t) => t.as_str(),
                _ => "",
            };
            let lines = [
                xlsx::wrapped_lines(&l.label, WIDTHS[0]),
                xlsx::wrapped_lines(text_value, WIDTHS[1] + WIDTHS[2]),
                xlsx::wrapped_lines(&l.note, WIDTHS[2]),
            ]
            .into_iter()
            .max()
            .unwrap_or(1);
            if lines > 1 {
                ws.set_row_height(r, 15.0 * lines as f64)
                    .map_err(xlsx_err)?;
            }
        }
    }
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

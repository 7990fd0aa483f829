//! The sheets for the national instruments: the KemenPANRB complaint-management
//! competition (a recap per unit and indicator, and the indicator–value–evidence list the
//! submission is built from) and the Ombudsman-style zone table (dimension scores, total,
//! grade and zone per unit).

use polars::prelude::*;

use super::Standards;
use crate::assess::batch::answer_text;
use crate::error::Result;
use crate::i18n::Lang;
use crate::output::table::Sheet;
use crate::standard::Answer;
use crate::standard::score::Outcome;
use crate::stats::round2;

fn pct(v: Option<f64>) -> Option<f64> {
    v.map(|v| (v * 1000.0).round() / 10.0)
}

/// An aspect's score as decisions use it (verified when verified, else self), 0–100.
fn aspect_score(o: &Outcome, id: &str) -> Option<f64> {
    o.aspects
        .iter()
        .find(|a| a.id == id)
        .and_then(|a| pct(a.verified_score.or(a.self_score)))
}

/// Per unit and aspect: the score 0–100, then total, grade, zone; best total first. With
/// `zones` the zone column is kept (the Ombudsman table), otherwise the self/verified gap.
pub fn recap_frame(st: &Standards, zones: bool, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let mut results: Vec<_> = st.results.iter().collect();
    results.sort_by(|a, b| {
        b.outcome
            .effective_total
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.outcome.effective_total.unwrap_or(f64::NEG_INFINITY))
            .then(a.filled.unit.cmp(&b.filled.unit))
    });
    let n = results.len();
    let mut t = Sheet::new();
    t.push(
        "rank",
        lang.pick("Peringkat", "Rank"),
        (1..=n as u32).map(Some).collect::<Vec<Option<u32>>>(),
    );
    t.push(
        "unit",
        "Unit",
        results
            .iter()
            .map(|r| r.filled.unit.clone())
            .collect::<Vec<_>>(),
    );
    for a in &st.standard.aspects {
        t.push(
            &format!("aspect__{}", a.id),
            format!("{} ({})", a.label, lang.pick("0–100", "0–100")),
            results
                .iter()
                .map(|r| aspect_score(&r.outcome, &a.id))
                .collect::<Vec<_>>(),
        );
    }
    t.push(
        "total",
        lang.pick("Nilai Akhir", "Final Score"),
        results
            .iter()
            .map(|r| r.outcome.effective_total.map(round2))
            .collect::<Vec<_>>(),
    );
    t.push(
        "grade",
        lang.pick("Predikat", "Grade"),
        results
            .iter()
            .map(|r| {
                r.outcome
                    .band
                    .as_ref()
                    .map(|b| format!("{} {}", b.grade, b.label))
            })
            .collect::<Vec<_>>(),
    );
    if zones {
        t.push(
            "zone",
            lang.pick("Zona", "Zone"),
            results
                .iter()
                .map(|r| r.outcome.band.as_ref().and_then(|b| b.zone.clone()))
                .collect::<Vec<_>>(),
        );
    } else {
        t.push(
            "self",
            lang.pick("Nilai Mandiri", "Self Score"),
            results
                .iter()
                .map(|r| r.outcome.self_total.map(round2))
                .collect::<Vec<_>>(),
        );
        t.push(
            "gap",
            lang.pick("Selisih Verifikasi − Mandiri", "Verified − Self"),
            results
                .iter()
                .map(|r| r.outcome.gap.map(round2))
                .collect::<Vec<_>>(),
        );
    }
    t.finish(n, "rekap instrumen")
}

/// The competition's submission list: per unit and item, the indicator, the value given
/// (the evaluator's when verified), the item score and the evidence.
pub fn evidence_frame(st: &Standards, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let mut unit = Vec::new();
    let mut aspect = Vec::new();
    let mut code = Vec::new();
    let mut item_text = Vec::new();
    let mut value = Vec::new();
    let mut score: Vec<Option<f64>> = Vec::new();
    let mut evidence = Vec::new();
    let mut status = Vec::new();
    for r in &st.results {
        for item in &st.standard.items {
            let a = r.filled.answers.get(&item.code);
            let outcome = r.outcome.items.iter().find(|o| o.code == item.code);
            unit.push(r.filled.unit.clone());
            aspect.push(
                st.standard
                    .aspect(&item.aspect)
                    .map(|a| a.label.clone())
                    .unwrap_or_default(),
            );
            code.push(item.code.clone());
            item_text.push(item.text.clone());
            let verified = a.is_some_and(|a| a.verified != Answer::Blank);
            value.push(match a {
                Some(a) if verified => answer_text(item, &a.verified, lang),
                Some(a) => answer_text(item, &a.self_answer, lang),
                None => lang.pick("belum diisi", "not answered").into(),
            });
            score.push(pct(outcome.and_then(|o| o.effective)));
            evidence.push(a.map(|a| a.evidence.clone()).unwrap_or_default());
            status.push(
                if verified {
                    lang.pick("Terverifikasi", "Verified")
                } else {
                    lang.pick("Mandiri", "Self-assessed")
                }
                .to_string(),
            );
        }
    }
    let mut t = Sheet::new();
    let n = unit.len();
    t.push("unit", "Unit", unit);
    t.push("aspect", lang.pick("Indikator", "Indicator"), aspect);
    t.push("code", lang.pick("Kode", "Code"), code);
    t.push(
        "item",
        lang.pick("Sub-indikator", "Sub-indicator"),
        item_text,
    );
    t.push("value", lang.pick("Nilai", "Value"), value);
    t.push("score", lang.pick("Skor (0–100)", "Score (0–100)"), score);
    t.push("evidence", lang.pick("Bukti Dukung", "Evidence"), evidence);
    t.push("status", lang.pick("Status", "Status"), status);
    t.finish(n, "kompetisi")
}

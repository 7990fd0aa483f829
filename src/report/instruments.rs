//! The sheets for the national instruments: the KemenPANRB complaint-management
//! competition (a recap per unit and indicator, and the indicator–value–evidence list the
//! submission is built from) and the Ombudsman-style zone table (dimension scores, total,
//! grade and zone per unit).

use polars::prelude::*;

use super::Standards;
use crate::assess::batch::answer_text;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
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
    let mut columns = vec![
        Column::new(
            "rank".into(),
            (1..=n as u32).map(Some).collect::<Vec<Option<u32>>>(),
        ),
        Column::new(
            "unit".into(),
            results
                .iter()
                .map(|r| r.filled.unit.clone())
                .collect::<Vec<_>>(),
        ),
    ];
    let mut headers: Vec<String> = vec![lang.pick("Peringkat", "Rank").into(), "Unit".into()];
    for a in &st.standard.aspects {
        columns.push(Column::new(
            format!("aspect__{}", a.id).into(),
            results
                .iter()
                .map(|r| aspect_score(&r.outcome, &a.id))
                .collect::<Vec<_>>(),
        ));
        headers.push(format!("{} ({})", a.label, lang.pick("0–100", "0–100")));
    }
    columns.push(Column::new(
        "total".into(),
        results
            .iter()
            .map(|r| r.outcome.effective_total.map(round2))
            .collect::<Vec<_>>(),
    ));
    headers.push(lang.pick("Nilai Akhir", "Final Score").into());
    columns.push(Column::new(
        "grade".into(),
        results
            .iter()
            .map(|r| {
                r.outcome
                    .band
                    .as_ref()
                    .map(|b| format!("{} {}", b.grade, b.label))
            })
            .collect::<Vec<_>>(),
    ));
    headers.push(lang.pick("Predikat", "Grade").into());
    if zones {
        columns.push(Column::new(
            "zone".into(),
            results
                .iter()
                .map(|r| r.outcome.band.as_ref().and_then(|b| b.zone.clone()))
                .collect::<Vec<_>>(),
        ));
        headers.push(lang.pick("Zona", "Zone").into());
    } else {
        columns.push(Column::new(
            "self".into(),
            results
                .iter()
                .map(|r| r.outcome.self_total.map(round2))
                .collect::<Vec<_>>(),
        ));
        headers.push(lang.pick("Nilai Mandiri", "Self Score").into());
        columns.push(Column::new(
            "gap".into(),
            results
                .iter()
                .map(|r| r.outcome.gap.map(round2))
                .collect::<Vec<_>>(),
        ));
        headers.push(
            lang.pick("Selisih Verifikasi − Mandiri", "Verified − Self")
                .into(),
        );
    }
    let df = DataFrame::new(n, columns).map_err(|e| polars_err("rekap instrumen", e))?;
    Ok((df, headers))
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
    let n = unit.len();
    let df = DataFrame::new(
        n,
        vec![
            Column::new("unit".into(), unit),
            Column::new("aspect".into(), aspect),
            Column::new("code".into(), code),
            Column::new("item".into(), item_text),
            Column::new("value".into(), value),
            Column::new("score".into(), score),
            Column::new("evidence".into(), evidence),
            Column::new("status".into(), status),
        ],
    )
    .map_err(|e| polars_err("kompetisi", e))?;
    let headers = crate::labels::owned(&[
        "Unit",
        lang.pick("Indikator", "Indicator"),
        lang.pick("Kode", "Code"),
        lang.pick("Sub-indikator", "Sub-indicator"),
        lang.pick("Nilai", "Value"),
        lang.pick("Skor (0–100)", "Score (0–100)"),
        lang.pick("Bukti Dukung", "Evidence"),
        lang.pick("Status", "Status"),
    ]);
    Ok((df, headers))
}

//! `ulpk-eval rubric`: validate a rubric and show its criteria and bands.

use polars::prelude::*;

use crate::cli::RubricArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::output::table;
use crate::rubric::{Kind, Rubric};

pub fn run(args: &RubricArgs, lang: Lang) -> Result<i32> {
    let rubric = match &args.rubric {
        Some(p) => Rubric::load(p)?,
        None => Rubric::builtin()?,
    };
    println!("{} — {} ({})", rubric.id, rubric.name, rubric.version);
    let (df, headers) = criteria_frame(&rubric, lang)?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cols: Vec<(&str, String)> = names
        .iter()
        .map(String::as_str)
        .zip(headers)
        .filter(|(n, _)| *n != "description")
        .collect();
    println!("{}", table::render(&df, &cols));
    let bands: Vec<String> = rubric
        .bands
        .iter()
        .map(|b| {
            format!(
                "{} ≥ {}{}",
                b.grade,
                b.min,
                b.label
                    .as_ref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    println!("{}: {}", lang.pick("Predikat", "Grades"), bands.join("; "));
    println!("{}", lang.pick("Rubrik valid.", "The rubric is valid."));
    Ok(0)
}

/// The criteria as a table: id, label, section, kind, weight, share of the total weight,
/// critical, applies to, description.
pub fn criteria_frame(rubric: &Rubric, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let total: f64 = rubric.criteria.iter().map(|c| c.weight).sum();
    let n = rubric.criteria.len();
    let mut id = Vec::with_capacity(n);
    let mut label = Vec::with_capacity(n);
    let mut section = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut weight = Vec::with_capacity(n);
    let mut share = Vec::with_capacity(n);
    let mut critical = Vec::with_capacity(n);
    let mut applies = Vec::with_capacity(n);
    let mut description = Vec::with_capacity(n);
    for c in &rubric.criteria {
        id.push(c.id.clone());
        label.push(c.label.clone());
        section.push(
            c.section
                .as_ref()
                .and_then(|s| rubric.sections.iter().find(|x| &x.id == s))
                .map(|s| s.label.clone()),
        );
        kind.push(match &c.kind {
            Kind::Manual { .. } => format!("manual ({})", lang.pick("reviewer", "reviewer")),
            k => k.name().to_string(),
        });
        weight.push(c.weight);
        share.push((c.weight / total * 1000.0).round() / 10.0);
        critical.push(if c.critical {
            lang.pick("ya", "yes")
        } else {
            ""
        });
        let a = &c.applies_to;
        let mut parts = Vec::new();
        for (name, list) in [
            (lang.pick("jenis layanan", "service type"), &a.service_type),
            (lang.pick("kanal", "channel"), &a.channel),
            (lang.pick("komoditi", "commodity"), &a.commodity),
            ("unit", &a.unit),
        ] {
            if !list.is_empty() {
                parts.push(format!("{name} = {}", list.join("/")));
            }
        }
        if !a.question_matches.is_empty() {
            parts.push(
                lang.pick("pertanyaan sesuai pola", "question matches a pattern")
                    .to_string(),
            );
        }
        applies.push(if parts.is_empty() {
            lang.pick("semua", "all").to_string()
        } else {
            parts.join("; ")
        });
        description.push(c.description.clone());
    }
    let mut t = crate::output::table::Sheet::new();
    t.push("id", "ID", id);
    t.push("label", lang.pick("Kriteria", "Criterion"), label);
    t.push("section", lang.pick("Bagian", "Section"), section);
    t.push("kind", lang.pick("Jenis", "Kind"), kind);
    t.push("weight", lang.pick("Bobot", "Weight"), weight);
    t.push(
        "share",
        lang.pick("Porsi bobot (%)", "Weight share (%)"),
        share,
    );
    t.push("critical", lang.pick("Kritis", "Critical"), critical);
    t.push("applies", lang.pick("Berlaku untuk", "Applies to"), applies);
    t.push(
        "description",
        lang.pick("Keterangan", "Description"),
        description,
    );
    t.finish(n, "rubrik")
}

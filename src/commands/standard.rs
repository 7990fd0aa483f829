//! `ulpk-eval standard FILE`: validate a standard and show its aspects, items and bands.

use crate::cli::StandardArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::standard;

pub fn run(args: &StandardArgs, lang: Lang) -> Result<i32> {
    let s = standard::load(&args.standard)?;
    println!("{} — {} ({})", s.id, s.name, s.version);
    println!(
        "{}: 0–{}; {}: {} ({})",
        lang.pick("Skala", "Scale"),
        s.scale,
        lang.pick("predikat", "bands"),
        s.bands.name,
        s.bands.id
    );
    let total_w: f64 = s.aspects.iter().map(|a| a.weight).sum();
    for a in &s.aspects {
        let items: Vec<_> = s.items.iter().filter(|i| i.aspect == a.id).collect();
        println!(
            "\n{} ({}: {}, {:.1}%)",
            a.label,
            lang.pick("bobot", "weight"),
            a.weight,
            a.weight / total_w * 100.0
        );
        for i in items {
            let mut flags = Vec::new();
            if i.mandatory {
                flags.push(lang.pick("wajib", "mandatory"));
            }
            if i.evidence_required {
                flags.push(lang.pick("perlu bukti", "evidence required"));
            }
            if i.allow_na {
                flags.push("N/A");
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            println!(
                "  {:<8} {:<8} w={:<4} {}{flags}",
                i.code,
                i.kind.name(),
                i.weight,
                i.text
            );
        }
    }
    let bands: Vec<String> = s
        .bands
        .bands
        .iter()
        .map(|b| format!("{} {}–{} {}", b.grade, b.min, b.max, b.label))
        .collect();
    println!("\n{}: {}", lang.pick("Predikat", "Bands"), bands.join("; "));
    let mandatory = s.items.iter().filter(|i| i.mandatory).count();
    println!(
        "{}",
        tr!(
            lang,
            "Standar valid: {} aspek, {} butir ({} wajib).",
            "The standard is valid: {} aspects, {} items ({} mandatory).",
            s.aspects.len(),
            s.items.len(),
            mandatory
        )
    );
    Ok(0)
}

//! `ulpk-eval template`: one self-assessment workbook per unit.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::assess::template;
use crate::cli::TemplateArgs;
use crate::error::{Error, Location, Result};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::register::{Match, Register};
use crate::standard;

/// File name for a unit's workbook: `penilaian-mandiri-<unit in lower case with dashes>.xlsx`.
pub fn file_name(unit: &str) -> String {
    crate::output::file_name("penilaian-mandiri-", unit, "xlsx")
}

pub fn run(args: &TemplateArgs, lang: Lang) -> Result<i32> {
    let std = standard::load(&args.standard)?;
    let units: Vec<String> = match (&args.unit, &args.units) {
        (Some(u), _) => vec![u.trim().to_string()],
        (None, Some(p)) => UnitList::from_file(p)?.names,
        (None, None) => Vec::new(),
    };
    if units.is_empty() {
        return Err(Error::plain(msg!(
            "tidak ada unit; sebutkan --unit NAMA atau --units BERKAS",
            "no unit; give --unit NAME or --units FILE"
        )));
    }
    let register = match &args.register {
        Some(p) => Register::load(p)?,
        None => Register::built_in(),
    };
    let units = official_names(&register, &units, args.allow_unknown_unit, lang)?;
    // A filled workbook is a unit's input: refuse before writing anything.
    let names: Vec<(&str, String)> = units.iter().map(|u| (u.as_str(), file_name(u))).collect();
    crate::output::unique_file_names(&names)?;
    let paths: Vec<PathBuf> = names.iter().map(|(_, f)| args.output.join(f)).collect();
    if !args.force
        && let Some(p) = paths.iter().find(|p| p.exists())
    {
        return Err(Error::new(
            Location::file(p),
            msg!(
                "berkas sudah ada dan mungkin sudah diisi unit; pakai folder lain atau --force untuk menimpa",
                "the file exists and may already be filled by the unit; use another folder or --force to overwrite"
            ),
        ));
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (unit, path) in units.iter().zip(paths) {
        template::write(&std, unit, &HashMap::new(), &path)?;
        written.push(path);
    }
    for p in &written {
        println!("{}", crate::error::shown(p));
    }
    eprintln!(
        "{}",
        tr!(
            lang,
            "{} workbook penilaian mandiri ditulis ({} {}).",
            "{} self-assessment workbooks written ({} {}).",
            written.len(),
            std.id,
            std.version
        )
    );
    Ok(0)
}

/// The official name of every unit asked for, each once. An unknown name is an error
/// naming the closest official names, unless `allow_unknown`; a unit asked for twice (in any
/// spelling) is reported once and written once.
fn official_names(
    register: &Register,
    asked: &[String],
    allow_unknown: bool,
    lang: Lang,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in asked {
        let official = match register.resolve(name) {
            Match::Unit(u) => u.name.clone(),
            Match::Unknown(_) if allow_unknown => name.clone(),
            Match::Unknown(close) => {
                return Err(Error::plain(msg!(
                    "unit \"{name}\" tidak ada di daftar unit resmi; mungkin maksudnya: {}. Pakai nama resmi, tambahkan unit ke daftar (--register), atau --allow-unknown-unit",
                    "the unit \"{name}\" is not in the unit register; did you mean: {}? Use the official name, add the unit to the register (--register), or --allow-unknown-unit",
                    close.join("; ")
                )));
            }
        };
        if out.contains(&official) {
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "peringatan: unit \"{}\" disebut lebih dari sekali (\"{}\"); satu workbook ditulis",
                    "warning: the unit \"{}\" is listed more than once (\"{}\"); one workbook is written",
                    official,
                    name
                )
            );
            continue;
        }
        if official != *name {
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "\"{}\" ditulis dengan nama resmi \"{}\"",
                    "\"{}\" is written under its official name \"{}\"",
                    name,
                    official
                )
            );
        }
        out.push(official);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names() {
        assert_eq!(
            super::file_name("Balai Besar POM di Jakarta"),
            "penilaian-mandiri-balai-besar-pom-di-jakarta.xlsx"
        );
        assert_eq!(
            super::file_name("Loka POM di Kab. Bogor (Jawa Barat)"),
            "penilaian-mandiri-loka-pom-di-kab-bogor-jawa-barat.xlsx"
        );
    }
}

//! `ulpk-eval template`: one self-assessment workbook per unit.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::assess::template;
use crate::cli::TemplateArgs;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::standard;

/// File name for a unit's workbook: `penilaian-mandiri-<unit in lower case with dashes>.xlsx`.
pub fn file_name(unit: &str) -> String {
    format!("penilaian-mandiri-{}.xlsx", crate::output::slug(unit))
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
    let mut written: Vec<PathBuf> = Vec::new();
    for unit in &units {
        let path = args.output.join(file_name(unit));
        template::write(&std, unit, &HashMap::new(), &path)?;
        written.push(path);
    }
    for p in &written {
        println!("{}", p.display());
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

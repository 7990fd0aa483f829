//! `ulpk-eval check`: how each file is read (format, sheet, header row, which column feeds
//! which field) and its data issues, without scoring.

use super::{exit_code, print_issues, score_inputs, write_issues};
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::labels;
use crate::pipeline::Setup;

pub fn run(args: &CheckArgs, lang: Lang) -> Result<i32> {
    let inputs = score_inputs(&args.input, None)?;
    let setup = Setup::load(&inputs)?;
    let (sources, issues) = setup.check_files(&inputs.files)?;
    let warnings = crate::pipeline::absent_column_warnings(&setup.rubric, &sources);
    for s in &sources {
        println!("{}", crate::error::shown(&s.path));
        println!("  {}: {}", lang.pick("Format", "Format"), s.format);
        if let Some(sheet) = &s.sheet {
            println!("  Sheet: {sheet}");
        }
        if s.header_row > 0 {
            println!(
                "  {}: {}",
                lang.pick("Baris judul kolom", "Header row"),
                s.header_row
            );
        }
        println!("  {}: {}", lang.pick("Baris data", "Data rows"), s.rows);
        println!("  {}:", lang.pick("Pemetaan kolom", "Column mapping"));
        for (key, _, header) in &s.mapping.columns {
            let label = labels::column(key, lang).unwrap_or(key.as_str());
            println!("    \"{header}\" → {label} ({key})");
        }
        let missing: Vec<&str> = crate::ingest::columns::field::ALL
            .iter()
            .copied()
            .filter(|f| s.mapping.index_of(f).is_none())
            .collect();
        if !missing.is_empty() {
            println!(
                "  {}: {}",
                lang.pick("Kolom opsional tidak ada", "Optional columns absent"),
                missing.join(", ")
            );
        }
    }
    let hint = args
        .issues
        .issues
        .as_ref()
        .map(|p| format!(" ({})", crate::error::shown(p)))
        .unwrap_or_else(|| {
            lang.pick(
                " (tulis semuanya dengan --issues FILE)",
                " (write them all with --issues FILE)",
            )
            .to_string()
        });
    super::print_warnings(&warnings, lang);
    print_issues(&issues, lang, &hint);
    if let Some(p) = &args.issues.issues {
        write_issues(p, &issues, lang)?;
    }
    Ok(exit_code(args.issues.strict, &issues))
}

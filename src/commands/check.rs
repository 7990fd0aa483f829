//! `ulpk-eval check`: how each file is read (format, sheet, header row, which column feeds
//! which field) and its data issues, without scoring.

use super::{exit_code, print_issues, score_inputs, write_issues};
use crate::calendar::Calendar;
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::ingest::columns::column_specs;
use crate::ingest::normalize::{UnitList, normalize_frame};
use crate::ingest::{Aliases, IngestOptions, load_all};
use crate::labels;
use crate::rubric::Rubric;

pub fn run(args: &CheckArgs, lang: Lang) -> Result<i32> {
    let inputs = score_inputs(&args.input)?;
    let rubric = match &inputs.rubric {
        Some(p) => Rubric::load(p)?,
        None => Rubric::builtin()?,
    };
    let mut calendar = Calendar::builtin()?;
    for c in &inputs.calendars {
        calendar.add_file(c)?;
    }
    let mut aliases = Aliases::builtin()?;
    for a in &inputs.aliases {
        aliases.add_file(a)?;
    }
    let units = Some(UnitList::for_inputs(inputs.units.as_deref())?);
    let extra = rubric.extra_columns();
    let opts = IngestOptions {
        sheet: inputs.sheet.clone(),
        specs: column_specs(&aliases, &inputs.columns, &rubric.required_fields(), &extra),
    };
    let (raw, sources) = load_all(&inputs.files, &opts)?;
    let keys: Vec<String> = extra.into_iter().map(|(k, _)| k).collect();
    let mut df = normalize_frame(raw, &aliases, units.as_ref(), &keys)?;
    let issues = crate::validate::check(&mut df, &sources, &rubric, &calendar, units.as_ref())?;
    let warnings = crate::pipeline::absent_column_warnings(&rubric, &sources);
    for s in &sources {
        println!("{}", s.path.display());
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
        .input
        .issues
        .as_ref()
        .map(|p| format!(" ({})", p.display()))
        .unwrap_or_else(|| {
            lang.pick(
                " (tulis semuanya dengan --issues FILE)",
                " (write them all with --issues FILE)",
            )
            .to_string()
        });
    super::print_warnings(&warnings, lang);
    print_issues(&issues, lang, &hint);
    if let Some(p) = &args.input.issues {
        write_issues(p, &issues, lang)?;
    }
    Ok(exit_code(args.input.strict, &issues))
}

//! One module per subcommand over the shared pipeline.

pub mod agreement;
pub mod assess;
pub mod calibrate;
pub mod check;
pub mod report;
pub mod rubric;
pub mod sample;
pub mod score;
pub mod skm;
pub mod standard;
pub mod summary;
pub mod template;

use std::path::Path;

use crate::cli::{InputArgs, ReviewArgs};
use crate::config::Config;
use crate::error::Result;
use crate::i18n::Lang;
use crate::ingest::SourceInfo;
use crate::issues::{DataIssue, count_by_kind, issues_frame, issues_headers};
use crate::output::{Format, write_csv, write_parquet, xlsx};
use crate::pipeline::ScoreInputs;

/// Issues printed on the console before pointing to the file.
const ISSUES_SHOWN: usize = 20;

/// Merges the config file (if any) and the flags; flags win. `review` is the review flags of
/// the commands that take them.
pub fn score_inputs(args: &InputArgs, review: Option<&ReviewArgs>) -> Result<ScoreInputs> {
    let cfg = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let mut s = ScoreInputs::from_config(&cfg)?;
    if !args.inputs.is_empty() {
        s.files = args.inputs.clone();
    }
    s.rubric = args.rubric.clone().or(s.rubric);
    s.sheet = args.sheet.clone().or(s.sheet);
    s.units = args.units.clone().or(s.units);
    s.calendars.extend(args.calendars.iter().cloned());
    s.aliases.extend(args.aliases.iter().cloned());
    let none = ReviewArgs::default();
    let review = review.unwrap_or(&none);
    s.reviews.extend(review.reviews.iter().cloned());
    s.disputes.extend(review.disputes.iter().cloned());
    if let Some(r) = &review.review_rule {
        s.review_rule = crate::review::merge::Rule::parse(r)?;
    }
    Ok(s)
}

impl ScoreInputs {
    /// Every file these inputs name (folders of workbooks as they are).
    pub fn paths(&self) -> Vec<&Path> {
        let mut out: Vec<&Path> = self.files.iter().map(|p| p.as_path()).collect();
        out.extend(self.rubric.as_deref());
        out.extend(self.units.as_deref());
        for list in [
            &self.calendars,
            &self.aliases,
            &self.reviews,
            &self.disputes,
        ] {
            out.extend(list.iter().map(|p| p.as_path()));
        }
        out
    }
}

/// Checks a command's outputs before any work: each in a format it can be written in,
/// none an input, no two the same file (see [`crate::output::guard::distinct`]).
pub fn check_outputs(outputs: &[Option<&Path>], inputs: &[&Path]) -> Result<()> {
    let outputs: Vec<&Path> = outputs.iter().flatten().copied().collect();
    for o in &outputs {
        Format::from_path(o)?;
    }
    crate::output::guard::distinct(&outputs, inputs)
}

/// Refuses an output that is not a workbook, for commands that write only XLSX.
pub fn require_xlsx(out: Option<&Path>) -> Result<()> {
    match out {
        Some(p) if Format::from_path(p)? != Format::Xlsx => Err(crate::error::Error::new(
            crate::error::Location::file(p),
            msg!(
                "perintah ini hanya menulis workbook: beri nama berakhiran .xlsx",
                "this command writes a workbook only: give a name ending in .xlsx"
            ),
        )),
        _ => Ok(()),
    }
}

/// Tells on stderr how each file was read.
pub fn print_sources(sources: &[SourceInfo], lang: Lang) {
    for s in sources {
        let sheet = s
            .sheet
            .as_ref()
            .map(|n| format!(", sheet \"{n}\""))
            .unwrap_or_default();
        let header = if s.header_row > 0 {
            tr!(
                lang,
                ", judul kolom di baris {}",
                ", header on row {}",
                s.header_row
            )
        } else {
            String::new()
        };
        let line = tr!(
            lang,
            "Dibaca {}: {}{sheet}{header}, {} baris data",
            "Read {}: {}{sheet}{header}, {} data rows",
            crate::error::shown(&s.path),
            s.format,
            s.rows
        );
        eprintln!("{}", crate::output::console(&line));
        if !s.hidden_skipped.is_empty() {
            let note = tr!(
                lang,
                "  catatan: sheet tersembunyi dilewati: \"{}\"; dibaca sheet pertama yang terlihat \"{}\" (pilih sheet lain dengan --sheet)",
                "  note: hidden sheets passed over: \"{}\"; read the first visible sheet \"{}\" (choose another with --sheet)",
                s.hidden_skipped.join("\", \""),
                s.sheet.as_deref().unwrap_or("")
            );
            eprintln!("{}", crate::output::console(&note));
        }
    }
}

/// Prints warnings about whole files on stderr.
pub fn print_warnings(warnings: &[crate::error::Msg], lang: Lang) {
    for w in warnings {
        eprintln!(
            "{}: {}",
            lang.pick("peringatan", "warning"),
            crate::output::console(w.get(lang))
        );
    }
}

/// Tells on stderr how many data issues of each kind there are, and the first ones.
pub fn print_issues(issues: &[DataIssue], lang: Lang, file_hint: &str) {
    if issues.is_empty() {
        eprintln!(
            "{}",
            lang.pick("Tidak ada masalah data.", "No data issues.")
        );
        return;
    }
    let counts: Vec<String> = count_by_kind(issues)
        .into_iter()
        .map(|(k, n)| format!("{} {n}", k.label(lang)))
        .collect();
    eprintln!(
        "{}",
        tr!(
            lang,
            "Masalah data: {} ({})",
            "Data issues: {} ({})",
            issues.len(),
            counts.join(", ")
        )
    );
    for i in issues.iter().take(ISSUES_SHOWN) {
        eprintln!("  {}", crate::output::console(&i.render(lang)));
    }
    if issues.len() > ISSUES_SHOWN {
        let more = issues.len() - ISSUES_SHOWN;
        eprintln!(
            "  {}",
            tr!(
                lang,
                "… dan {more} lainnya{file_hint}",
                "… and {more} more{file_hint}"
            )
        );
    }
}

/// Where the full list of issues is, for the console message after the first ones.
pub fn issues_hint(issues: Option<&Path>, output: Option<&Path>, lang: Lang) -> Result<String> {
    Ok(match (issues, output) {
        (Some(p), _) => format!(" ({})", crate::error::shown(p)),
        (None, Some(p)) if Format::from_path(p)? == Format::Xlsx => format!(
            " ({} \"{}\")",
            lang.pick("lihat sheet", "see sheet"),
            lang.of(crate::output::xlsx::ISSUES_SHEET)
        ),
        _ => lang
            .pick(
                " (tulis semuanya dengan --issues FILE)",
                " (write them all with --issues FILE)",
            )
            .to_string(),
    })
}

/// Tells where the results were written.
pub fn print_written(output: Option<&Path>, lang: Lang) {
    if let Some(out) = output {
        eprintln!(
            "{}",
            tr!(
                lang,
                "Hasil ditulis ke {}",
                "Results written to {}",
                crate::error::shown(out)
            )
        );
    }
}

/// Writes the issues to their own file.
pub fn write_issues(path: &Path, issues: &[DataIssue], lang: Lang) -> Result<()> {
    let df = issues_frame(issues, lang);
    match Format::from_path(path)? {
        Format::Csv => write_csv(path, &df),
        Format::Parquet => write_parquet(path, &df),
        Format::Xlsx => {
            let title = lang.of(crate::output::xlsx::ISSUES_SHEET);
            let mut wb = xlsx::new_workbook(title)?;
            xlsx::write_frame(
                &mut wb,
                lang.of(crate::output::xlsx::ISSUES_SHEET),
                &df,
                &issues_headers(lang),
            )?;
            crate::output::xlsx::save(
                &mut wb,
                path,
                &crate::output::xlsx::PageHead::titled(title, lang),
            )
        }
    }
}

/// Exit code after a completed run.
pub fn exit_code(strict: bool, issues: &[DataIssue]) -> i32 {
    if strict && !issues.is_empty() { 1 } else { 0 }
}

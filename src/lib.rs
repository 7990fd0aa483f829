//! ulpk-eval: quality evaluation of BPOM's consumer information and complaint service.
//!
//! The pipeline, one module per stage: [`ingest`] (exports in) → [`validate`] (data
//! issues) → [`score`] (rubric compiled into polars expressions) → [`aggregate`] →
//! [`output`]. [`commands`] holds one module per subcommand over that core; `main.rs` only
//! calls [`run`].

#[macro_use]
pub mod i18n;
#[macro_use]
pub mod error;
pub mod aggregate;
pub mod agreement;
pub mod assess;
pub mod bands;
pub mod calendar;
pub mod charts;
pub mod cli;
pub mod cli_text;
pub mod commands;
pub mod config;
pub mod expr;
pub mod ingest;
pub mod issues;
pub mod kinds;
pub mod labels;
pub mod officers;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod register;
pub mod report;
pub mod review;
pub mod rubric;
pub mod score;
pub mod skm;
pub mod standard;
pub mod state;
pub mod stats;
pub mod text;
pub mod validate;

use std::ffi::OsString;

use crate::cli::Command;

/// Runs the command line and returns the process exit code: 0 success, 1 completed with
/// data issues under `--strict`, 2 bad input or usage.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // Windows: the console reads UTF-8 while the command runs.
    let _console = output::os::console_utf8();
    // The language is known before parsing, so that clap's own messages (help, usage
    // errors) are in it too.
    let args: Vec<T> = args.into_iter().collect();
    let cli = match cli_text::parse(args.iter().cloned(), cli_text::lang_of(&args)) {
        Ok(c) => c,
        Err((text, stderr, code)) => {
            if stderr {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return code;
        }
    };
    let lang = cli.lang;
    output::clean_up_on_interrupt();
    output::guard::begin_run();
    if let Err(e) = output::source_date() {
        eprintln!("{}: {}", lang.pick("galat", "error"), e.render(lang));
        return 2;
    }
    // rust_xlsxwriter panics when it cannot write a worksheet's temporary file (a disk
    // full): that panic is caught below and said as an error, not printed as one.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !output::xlsx::is_write_panic(info.payload()) {
            default_hook(info);
        }
    }));
    let run = || match &cli.command {
        Command::Report(a) => commands::report::run(a, lang),
        Command::Score(a) => commands::score::run(a, lang),
        Command::Summary(a) => commands::summary::run(a, lang),
        Command::Check(a) => commands::check::run(a, lang),
        Command::Rubric(a) => commands::rubric::run(a, lang),
        Command::Standard(a) => commands::standard::run(a, lang),
        Command::Template(a) => commands::template::run(a, lang),
        Command::Assess(a) => commands::assess::run(a, lang),
        Command::Skm(a) => commands::skm::run(a, lang),
        Command::Sample(a) => commands::sample::run(a, lang),
        Command::Calibrate(a) => commands::calibrate::run(a, lang),
        Command::Agreement(a) => commands::agreement::run(a, lang),
    };
    // Every output of the command is put in place when the command has succeeded, all
    // together (see [`output::FileSet`]).
    let set = output::FileSet::begin();
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(code)) => set.commit().map(|_| code),
        Ok(Err(e)) => Err(e),
        Err(payload) => match output::xlsx::write_panic_error(payload.as_ref()) {
            Some(e) => Err(e),
            None => std::panic::resume_unwind(payload),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "{}: {}",
                lang.pick("galat", "error"),
                output::console(&e.render(lang))
            );
            2
        }
    }
}

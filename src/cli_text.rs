//! The command line in the user's language: clap has no translations, so the help it
//! shows is rebuilt here per language and its errors are rendered here from their kind and
//! context ([`clap::error::ContextKind`]).
//!
//! Help texts in `cli.rs` are written "Indonesian / English" (one ` / ` between the two;
//! examples start "Contoh / example:"): [`command`] keeps the side of the language asked
//! for. The language is known before parsing ([`lang_of`]), from `--lang`.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::Cli;
use crate::i18n::Lang;

/// The `--lang` the arguments give (`--lang en`, `--lang=en`), before clap parses them; the
/// default (Indonesian) when none or an unknown one is given (clap then says so).
pub fn lang_of<T: Into<OsString> + Clone>(args: &[T]) -> Lang {
    let mut lang = Lang::default();
    let args: Vec<OsString> = args.iter().cloned().map(Into::into).collect();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let a = a.to_string_lossy();
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.to_string_lossy().into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("en") => lang = Lang::En,
            Some("id") => lang = Lang::Id,
            _ => {}
        }
    }
    lang
}

/// One side of a bilingual help text: "Indonesian / English" → the language's side; a text
/// without ` / ` as it is. Line by line, so that examples keep their own lines.
pub fn pick_text(text: &str, lang: Lang) -> String {
    text.split('\n')
        .map(|line| {
            if let Some(rest) = line.strip_prefix("Contoh / example:") {
                return format!("{}{rest}", lang.pick("Contoh:", "Example:"));
            }
            match line.split_once(" / ") {
                Some((id, en)) => lang.pick(id, en).to_string(),
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The clap command with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let root = Cli::command()
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.pick("Tampilkan versi", "Print the version")),
        );
    localize(root, lang)
}

fn localize(cmd: Command, lang: Lang) -> Command {
    let mut cmd = cmd;
    {
        if let Some(a) = cmd.get_about().map(|s| pick_text(&s.to_string(), lang)) {
            cmd = cmd.about(a);
        }
        if let Some(a) = cmd
            .get_long_about()
            .map(|s| pick_text(&s.to_string(), lang))
        {
            cmd = cmd.long_about(a);
        }
        if let Some(a) = cmd
            .get_after_help()
            .map(|s| pick_text(&s.to_string(), lang))
        {
            cmd = cmd.after_help(a);
        }
        if let Some(a) = cmd
            .get_after_long_help()
            .map(|s| pick_text(&s.to_string(), lang))
        {
            cmd = cmd.after_long_help(a);
        }
    }
    let options = lang.pick("Opsi", "Options");
    let arguments = lang.pick("Argumen", "Arguments");
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            lang.pick("Penggunaan:", "Usage:")
        ))
        .subcommand_help_heading(lang.pick("Perintah", "Commands"))
        .subcommand_value_name(lang.pick("PERINTAH", "COMMAND"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.pick("Tampilkan bantuan", "Print help")),
        )
        .mut_args(|a| {
            let mut help = a.get_help().map(|h| pick_text(&h.to_string(), lang));
            let mut long = a.get_long_help().map(|h| pick_text(&h.to_string(), lang));
            // clap writes "[default: …]" and "[possible values: …]" in English: written
            // here instead.
            let mut extra = Vec::new();
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let takes_values = a.get_action().takes_values();
            if takes_values && !values.is_empty() && !a.is_hide_possible_values_set() {
                extra.push(format!(
                    "[{}: {}]",
                    lang.pick("nilai", "values"),
                    values.join(", ")
                ));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
                extra.push(format!(
                    "[{}: {}]",
                    lang.pick("bawaan", "default"),
                    defaults.join(",")
                ));
            }
            if !extra.is_empty() {
                let extra = extra.join(" ");
                help = help.map(|h| format!("{h} {extra}"));
                long = long.map(|h| format!("{h}\n\n{extra}"));
            }
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            let mut a = a.help_heading(heading);
            if takes_values {
                a = a.hide_possible_values(true).hide_default_value(true);
            }
            if let Some(h) = help {
                a = a.help(h);
            }
            if let Some(h) = long {
                a = a.long_help(h);
            }
            a
        });
    cmd.mut_subcommands(|s| localize(s, lang))
}

/// Parses the arguments with the command in `lang`. On a usage error or a help/version
/// request: the text to print, whether it goes to stderr, and the exit code (2 for a usage
/// error, 0 for help and version).
pub fn parse<I, T>(args: I, lang: Lang) -> Result<Cli, (String, bool, i32)>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::FromArgMatches;
    let mut cmd = command(lang);
    let parsed = cmd
        .try_get_matches_from_mut(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| {
        let stderr = e.use_stderr();
        let code = if stderr { 2 } else { 0 };
        (render_error(&e, &cmd, lang), stderr, code)
    })
}

fn text(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn list(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Words clap leaves in English in usage lines.
fn usage_words(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => s.replace("[OPTIONS]", "[OPSI]"),
        Lang::En => s.to_string(),
    }
}

/// A value's parse error (from std) in the user's language, where it is a known one.
fn value_problem(source: &str, lang: Lang) -> String {
    let known: &[(&str, &str, &str)] = &[
        (
            "invalid digit found in string",
            "bukan bilangan bulat",
            "not a whole number",
        ),
        ("invalid float literal", "bukan angka", "not a number"),
        (
            "number too large to fit in target type",
            "angka terlalu besar",
            "number too large",
        ),
        ("cannot parse integer from empty string", "kosong", "empty"),
    ];
    match known.iter().find(|(k, _, _)| source.contains(k)) {
        Some((_, id, en)) => lang.pick(id, en).to_string(),
        None => source.to_string(),
    }
}

/// A clap error as the user reads it, in `lang`: what is wrong, a suggestion when clap has
/// one, the usage line and where to find more. Help and version requests are the help or
/// version text itself.
pub fn render_error(e: &clap::Error, cmd: &Command, lang: Lang) -> String {
    let get = |k: ContextKind| e.get(k);
    let arg = text(get(ContextKind::InvalidArg));
    let value = text(get(ContextKind::InvalidValue));
    let message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let mut t = usage_words(&e.to_string(), lang);
            if !t.ends_with('\n') {
                t.push('\n');
            }
            return t;
        }
        ErrorKind::UnknownArgument => {
            tr!(
                lang,
                "argumen '{arg}' tidak dikenal",
                "unknown argument '{arg}'"
            )
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(get(ContextKind::InvalidSubcommand));
            let known: Vec<&str> = cmd
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name())
                .collect();
            let known = known.join(", ");
            tr!(
                lang,
                "perintah '{sub}' tidak dikenal; perintah yang ada: {known}",
                "unknown command '{sub}'; the commands are: {known}"
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = list(get(ContextKind::InvalidArg))
                .into_iter()
                .map(|a| format!("\n  {a}"))
                .collect();
            let missing = missing.concat();
            tr!(
                lang,
                "argumen wajib belum diberikan:{missing}",
                "required arguments not given:{missing}"
            )
        }
        ErrorKind::InvalidValue if value.is_empty() => tr!(
            lang,
            "'{arg}' memerlukan nilai, tetapi tidak ada nilai yang diberikan",
            "'{arg}' needs a value but none was given"
        ),
        ErrorKind::InvalidValue => {
            let valid = list(get(ContextKind::ValidValue)).join(", ");
            let mut m = tr!(
                lang,
                "nilai '{value}' tidak valid untuk '{arg}'",
                "invalid value '{value}' for '{arg}'"
            );
            if !valid.is_empty() {
                m.push_str(&tr!(
                    lang,
                    "\n  nilai yang boleh: {valid}",
                    "\n  possible values: {valid}"
                ));
            }
            m
        }
        ErrorKind::ValueValidation => {
            use std::error::Error as _;
            let why = e
                .source()
                .map(|s| value_problem(&s.to_string(), lang))
                .unwrap_or_default();
            tr!(
                lang,
                "nilai '{value}' tidak valid untuk '{arg}': {why}",
                "invalid value '{value}' for '{arg}': {why}"
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = list(get(ContextKind::PriorArg));
            if prior.is_empty() || prior == [arg.clone()] {
                tr!(
                    lang,
                    "'{arg}' hanya boleh diberikan sekali",
                    "'{arg}' can be given only once"
                )
            } else {
                let prior = prior.join("', '");
                tr!(
                    lang,
                    "'{arg}' tidak dapat dipakai bersama '{prior}'",
                    "'{arg}' cannot be used with '{prior}'"
                )
            }
        }
        ErrorKind::TooManyValues => tr!(
            lang,
            "nilai '{value}' untuk '{arg}' berlebih",
            "unexpected value '{value}' for '{arg}'"
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let want =
                text(get(ContextKind::MinValues).or_else(|| get(ContextKind::ExpectedNumValues)));
            let got = text(get(ContextKind::ActualNumValues));
            tr!(
                lang,
                "'{arg}' memerlukan {want} nilai, diberikan {got}",
                "'{arg}' needs {want} values, {got} given"
            )
        }
        ErrorKind::NoEquals => tr!(
            lang,
            "nilai '{arg}' harus ditulis dengan tanda =",
            "'{arg}' needs its value after an equals sign"
        ),
        ErrorKind::MissingSubcommand => {
            let sub = text(get(ContextKind::InvalidSubcommand));
            tr!(
                lang,
                "'{sub}' memerlukan perintah",
                "'{sub}' needs a command"
            )
        }
        ErrorKind::InvalidUtf8 => lang
            .pick(
                "argumen bukan teks UTF-8 yang sah",
                "an argument is not valid UTF-8 text",
            )
            .to_string(),
        // A kind a newer clap adds: its own (English) text.
        _ => return e.to_string(),
    };
    let mut out = format!("{}: {message}\n", lang.pick("galat", "error"));
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(|k| list(get(k)))
    .collect::<Vec<_>>();
    if !suggested.is_empty() {
        let s = suggested.join("', '");
        out.push_str(&tr!(
            lang,
            "  saran: mungkin maksud Anda '{s}'\n",
            "  tip: did you mean '{s}'\n"
        ));
    }
    if let Some(u) = get(ContextKind::Usage) {
        let u = text(Some(u));
        let u = u.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!(
            "\n{} {}\n",
            lang.pick("Penggunaan:", "Usage:"),
            usage_words(u, lang)
        ));
    }
    out.push_str(lang.pick(
        "\nKeterangan lebih lanjut: tambahkan --help\n",
        "\nFor more information, add --help\n",
    ));
    out
}

#[cfg(test)]
mod tests;

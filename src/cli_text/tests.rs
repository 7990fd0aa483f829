use super::*;

/// The text and exit code clap's outcome is shown with.
fn outcome(args: &[&str]) -> (String, bool, i32) {
    let mut all = vec!["ulpk-eval"];
    all.extend_from_slice(args);
    match parse(all.iter().copied(), lang_of(&all)) {
        Ok(_) => panic!("{args:?} parsed"),
        Err(o) => o,
    }
}

fn error(args: &[&str]) -> String {
    let (text, stderr, code) = outcome(args);
    assert!(stderr, "{text}");
    assert_eq!(code, 2, "{text}");
    text
}

#[test]
fn language_known_before_parsing() {
    assert_eq!(lang_of(&["ulpk-eval", "score", "x.csv"]), Lang::Id);
    assert_eq!(lang_of(&["ulpk-eval", "--lang", "en", "score"]), Lang::En);
    assert_eq!(lang_of(&["ulpk-eval", "score", "--lang=en"]), Lang::En);
    assert_eq!(
        lang_of(&["ulpk-eval", "score", "--", "--lang=en"]),
        Lang::Id
    );
    assert_eq!(lang_of(&["ulpk-eval", "--lang", "fr"]), Lang::Id);
}

#[test]
fn unknown_argument_with_its_suggestion() {
    let t = error(&["template", "--standar", "s.toml"]);
    assert!(
        t.starts_with("galat: argumen '--standar' tidak dikenal\n"),
        "{t}"
    );
    assert!(t.contains("saran: mungkin maksud Anda '--standard'"), "{t}");
    assert!(
        t.contains("\nPenggunaan: ulpk-eval template --standard <STANDARD>"),
        "{t}"
    );
    assert!(!t.contains("Usage") && !t.contains("error:"), "{t}");
    let t = error(&["--lang", "en", "template", "--standar", "s.toml"]);
    assert!(
        t.starts_with("error: unknown argument '--standar'\n"),
        "{t}"
    );
    assert!(t.contains("tip: did you mean '--standard'"), "{t}");
    assert!(
        t.contains("\nUsage: ulpk-eval template --standard <STANDARD>"),
        "{t}"
    );
}

#[test]
fn missing_required_argument_names_both_unit_flags() {
    let t = error(&["template", "--standard", "s.toml", "-o", "out"]);
    assert!(
        t.starts_with("galat: argumen wajib belum diberikan:\n"),
        "{t}"
    );
    assert!(
        t.contains("--unit <UNIT>") && t.contains("--units <UNITS>"),
        "{t}"
    );
    let t = error(&[
        "--lang",
        "en",
        "template",
        "--standard",
        "s.toml",
        "-o",
        "out",
    ]);
    assert!(
        t.starts_with("error: required arguments not given:\n"),
        "{t}"
    );
    // Either flag satisfies it; both together are refused.
    let mut ok = vec!["ulpk-eval", "template", "--standard", "s.toml", "-o", "out"];
    ok.extend(["--units", "u.txt"]);
    assert!(parse(ok.iter().copied(), Lang::Id).is_ok());
    let t = error(&[
        "template",
        "--standard",
        "s.toml",
        "-o",
        "out",
        "--unit",
        "A",
        "--units",
        "u.txt",
    ]);
    assert!(t.contains("tidak dapat dipakai bersama"), "{t}");
}

#[test]
fn invalid_and_missing_values() {
    let t = error(&["summary", "x.csv", "--by", "kota"]);
    assert!(
        t.starts_with("galat: nilai 'kota' tidak valid untuk '--by <BY>'\n"),
        "{t}"
    );
    assert!(
        t.contains("nilai yang boleh: unit, officer, channel, service_type, commodity, month"),
        "{t}"
    );
    let t = error(&["score", "x.csv", "--rubric"]);
    assert!(
        t.starts_with(
            "galat: '--rubric <RUBRIC>' memerlukan nilai, tetapi tidak ada nilai yang diberikan\n"
        ),
        "{t}"
    );
    let t = error(&["--lang", "en", "score", "x.csv", "--rubric"]);
    assert!(
        t.starts_with("error: '--rubric <RUBRIC>' needs a value but none was given\n"),
        "{t}"
    );
    let t = error(&["sample", "x.csv", "--n", "abc", "-o", "d"]);
    assert!(
        t.starts_with("galat: nilai 'abc' tidak valid untuk '--n <N>': bukan bilangan bulat\n"),
        "{t}"
    );
}

#[test]
fn unknown_command_lists_the_commands() {
    let t = error(&["nilai"]);
    assert!(t.starts_with("galat: perintah 'nilai' tidak dikenal; perintah yang ada: report, score, summary, check"), "{t}");
    let t = error(&["--lang", "en", "scor"]);
    assert!(t.starts_with("error: unknown command 'scor'"), "{t}");
    assert!(t.contains("tip: did you mean 'score'"), "{t}");
}

#[test]
fn help_in_the_users_language() {
    let (t, stderr, code) = outcome(&["--help"]);
    assert!(!stderr);
    assert_eq!(code, 0);
    assert!(t.contains("Penggunaan: ulpk-eval [OPSI] <PERINTAH>"), "{t}");
    assert!(t.contains("Perintah:\n"), "{t}");
    assert!(t.contains("Opsi:\n"), "{t}");
    assert!(t.contains("Tampilkan bantuan"), "{t}");
    assert!(t.contains("Tampilkan versi"), "{t}");
    assert!(t.contains("Laporan lengkap dari konfigurasi"), "{t}");
    for english in [
        "Usage:",
        "Commands:",
        "Options:",
        "Print help",
        "The full report",
        "[default:",
        "[possible values:",
    ] {
        assert!(!t.contains(english), "{english} in {t}");
    }
    let (t, _, _) = outcome(&["--lang", "en", "--help"]);
    assert!(t.contains("Usage: ulpk-eval [OPTIONS] <COMMAND>"), "{t}");
    assert!(t.contains("Commands:\n") && t.contains("Options:\n"), "{t}");
    assert!(t.contains("The full report from the config file"), "{t}");
    assert!(!t.contains("Laporan lengkap"), "{t}");
    let (t, _, _) = outcome(&["summary", "--help"]);
    assert!(
        t.contains("Penggunaan: ulpk-eval summary [OPSI] [INPUTS]..."),
        "{t}"
    );
    assert!(t.contains("Argumen:\n"), "{t}");
    // Help is wrapped to the terminal: compared with its spaces joined.
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        t.contains("[bawaan: unit,officer,channel,service_type,commodity,month]"),
        "{t}"
    );
    assert!(t.contains("Contoh: ulpk-eval summary"), "{t}");
    let (t, stderr, code) = outcome(&["--version"]);
    assert!(!stderr && code == 0);
    assert!(t.starts_with("ulpk-eval "), "{t}");
}

/// Each subcommand lists only the options it uses.
#[test]
fn subcommands_list_only_their_options() {
    let (check, _, _) = outcome(&["check", "--help"]);
    for absent in ["--reviews", "--review-rule", "--disputes"] {
        assert!(
            !check.contains(absent),
            "{absent} in check --help:\n{check}"
        );
    }
    assert!(
        check.contains("--strict") && check.contains("--issues"),
        "{check}"
    );
    let (sample, _, _) = outcome(&["sample", "--help"]);
    for absent in [
        "--reviews",
        "--review-rule",
        "--disputes",
        "--strict",
        "--issues",
    ] {
        assert!(
            !sample.contains(absent),
            "{absent} in sample --help:\n{sample}"
        );
    }
    let (score, _, _) = outcome(&["score", "--help"]);
    for present in [
        "--reviews",
        "--disputes",
        "--strict",
        "--issues",
        "--rubric",
    ] {
        assert!(score.contains(present), "{present} not in score --help");
    }
}

/// Every help text is "Indonesian / English" at most once per line, so that either side can
/// be picked; no picked text keeps a separator.
#[test]
fn every_help_text_splits_into_two_languages() {
    fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        let mut texts: Vec<String> = Vec::new();
        texts.extend(cmd.get_about().map(|s| s.to_string()));
        texts.extend(cmd.get_long_about().map(|s| s.to_string()));
        texts.extend(cmd.get_after_help().map(|s| s.to_string()));
        for a in cmd.get_arguments() {
            texts.extend(a.get_help().map(|s| s.to_string()));
            texts.extend(a.get_long_help().map(|s| s.to_string()));
        }
        out.extend(texts.into_iter().map(|t| (path.to_string(), t)));
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), out);
        }
    }
    let mut raw = Vec::new();
    walk(&Cli::command(), "ulpk-eval", &mut raw);
    for (path, t) in &raw {
        for line in t.lines().filter(|l| !l.starts_with("Contoh / example:")) {
            assert!(line.matches(" / ").count() <= 1, "{path}: {line}");
        }
    }
    for lang in [Lang::Id, Lang::En] {
        let mut picked = Vec::new();
        walk(&command(lang), "ulpk-eval", &mut picked);
        for (path, t) in &picked {
            assert!(!t.contains(" / "), "{path}: {t}");
        }
    }
}

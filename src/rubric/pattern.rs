//! Rubric regexes as the run compiles them: the one place that joins a list of patterns
//! (`any`, `none`, `applies_to.question_matches`, a text kind's pattern lists) into one
//! case-insensitive regex. The validator ([`super::parse`]) and the scoring plan
//! ([`crate::score`]) both call [`compile`], so a rubric `ulpk-eval rubric` accepts is one
//! the run can compile, and the reverse.
//!
//! Each pattern is parsed on its own and printed back in the canonical syntax of
//! `regex-syntax` before it is joined: comments and ignored whitespace of verbose mode
//! (`(?x)`) are gone, so a `# comment` can no longer swallow the `|` and `)` that join it
//! to the next pattern, and `\b{start}`-style assertions come out in one spelling. Word
//! boundaries are then made ASCII ([`crate::text::ascii_word_boundaries`]), each pattern
//! is wrapped in a non-capturing group (its flags end there) and the alternation is
//! compiled with the regex crate's default limits: patterns valid alone can still exceed
//! the size limit together, and that is said as such.

use regex::Regex;
use regex_syntax::ast::{parse::Parser, print::Printer};

use crate::text::ascii_word_boundaries;

/// Why a list of patterns does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// The pattern at this index is not a valid regex on its own.
    Invalid {
        index: usize,
        pattern: String,
        reason: String,
    },
    /// Each pattern is valid, but joined they exceed the regex size limit (bytes).
    TooLarge { count: usize, limit: usize },
}

impl PatternError {
    /// The message for a rubric error about the key `key`, in both languages.
    pub fn message(&self, key: &str) -> crate::error::Msg {
        let mib = match self {
            PatternError::TooLarge { limit, .. } => *limit >> 20,
            PatternError::Invalid { .. } => 0,
        };
        match self {
            PatternError::Invalid {
                pattern, reason, ..
            } => msg!(
                "{key}: regex \"{pattern}\" tidak valid: {reason}",
                "{key}: invalid regex \"{pattern}\": {reason}"
            ),
            PatternError::TooLarge { count, .. } => msg!(
                "{key}: {count} pola ini masing-masing valid, tetapi digabung menjadi satu regex melebihi batas ukuran regex ({mib} MiB); pecah menjadi beberapa kriteria atau sederhanakan polanya (misalnya kurangi pengulangan {{n}} dan kelas Unicode seperti \\w)",
                "{key}: these {count} patterns are each valid, but joined into one regex they exceed the regex size limit ({mib} MiB); split them over several criteria or simplify them (fewer {{n}} repetitions and Unicode classes such as \\w)"
            ),
        }
    }
}

/// The regex error's own text without the pattern it quotes (the message names it).
fn reason(e: &regex::Error) -> String {
    match e {
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("error: "))
            .unwrap_or(s)
            .trim()
            .to_string(),
        other => other.to_string(),
    }
}

/// One pattern in the form it is joined in: parsed, printed back canonically (no verbose
/// comments or whitespace), word boundaries ASCII, in a non-capturing group.
fn canonical(index: usize, pattern: &str) -> Result<String, PatternError> {
    let invalid = |reason: String| PatternError::Invalid {
        index,
        pattern: pattern.to_string(),
        reason,
    };
    let ast = Parser::new()
        .parse(pattern)
        .map_err(|e| invalid(e.kind().to_string()))?;
    let mut printed = String::with_capacity(pattern.len());
    Printer::new()
        .print(&ast, &mut printed)
        .map_err(|e| invalid(e.to_string()))?;
    Ok(format!("(?:{})", ascii_word_boundaries(&printed)))
}

/// The alternation of the patterns, as one case-insensitive regex text. Each pattern must
/// parse (see [`compile`] for one that also checks it compiles).
pub fn alternation(patterns: &[String]) -> Result<String, PatternError> {
    let parts = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| canonical(i, p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!("(?i){}", parts.join("|")))
}

/// Compiles the patterns into the one regex the run uses: an error names the pattern that
/// is invalid alone, or says that together they are too large.
pub fn compile(patterns: &[String]) -> Result<Regex, PatternError> {
    let joined = alternation(patterns)?;
    match Regex::new(&joined) {
        Ok(re) => Ok(re),
        Err(e) => {
            // Which pattern fails alone (a translation error such as an unknown Unicode
            // class), else the whole is too large.
            for (i, p) in patterns.iter().enumerate() {
                let one = format!("(?i){}", canonical(i, p)?);
                if let Err(e) = Regex::new(&one) {
                    return Err(PatternError::Invalid {
                        index: i,
                        pattern: p.clone(),
                        reason: reason(&e),
                    });
                }
            }
            Err(PatternError::TooLarge {
                count: patterns.len(),
                limit: match e {
                    regex::Error::CompiledTooBig(limit) => limit,
                    _ => 0,
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn verbose_comments_do_not_swallow_the_next_pattern() {
        let re = compile(&s(&["(?x) terima \\s+ kasih  # thanks\n", "mohon\\s+maaf"])).unwrap();
        assert!(re.is_match("Mohon maaf atas keterlambatan"));
        assert!(re.is_match("terima  kasih"));
        assert!(!re.is_match("terimakasih"));
        // The flag ends with its pattern: a space in the next one is a space again.
        let re = compile(&s(&["(?x)a b", "c d"])).unwrap();
        assert!(re.is_match("ab") && re.is_match("c d") && !re.is_match("cd"));
    }

    #[test]
    fn boundary_assertions_keep_their_meaning() {
        let re = compile(&s(&[r"\b{start}izin", r"edar\b{end}", r"\<bpom\>"])).unwrap();
        assert!(re.is_match("nomor izin"));
        assert!(!re.is_match("perizinan"));
        assert!(re.is_match("izin edar"));
        assert!(re.is_match("situs BPOM."));
        assert_eq!(
            alternation(&s(&[r"\b{start}x\b"])).unwrap(),
            r"(?i)(?:(?-u:\b{start})x(?-u:\b))"
        );
    }

    #[test]
    fn an_invalid_pattern_is_named_with_its_index() {
        let e = compile(&s(&["ok", "(tutup"])).unwrap_err();
        assert!(matches!(e, PatternError::Invalid { index: 1, .. }), "{e:?}");
        let e = compile(&s(&["ok", r"\p{Klingon}"])).unwrap_err();
        assert!(matches!(e, PatternError::Invalid { index: 1, .. }), "{e:?}");
    }

    #[test]
    fn patterns_too_large_only_together_are_said_so() {
        let one = r"\w{40}".to_string();
        assert!(compile(std::slice::from_ref(&one)).is_ok());
        let many = vec![one; 200];
        let e = compile(&many).unwrap_err();
        assert!(
            matches!(e, PatternError::TooLarge { count: 200, .. }),
            "{e:?}"
        );
        let m = e.message("criteria \"x\".any");
        assert!(
            m.id.starts_with("criteria \"x\".any: 200 pola ini masing-masing valid, tetapi digabung menjadi satu regex melebihi batas ukuran regex (10 MiB)"),
            "{}",
            m.id
        );
    }
}

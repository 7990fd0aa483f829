//! Text measures that have no native polars expression: the overlap of an answer with its
//! question, and the parsing of reviewers' manual scores. Both run as column functions over
//! whole columns inside the polars plan.

use std::collections::HashSet;

/// Content words of a text: lower-cased alphanumeric tokens of at least `min_len`
/// characters that are not stop words.
pub fn content_words(text: &str, min_len: usize, stopwords: &HashSet<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    tokens(text)
        .filter(|t| t.chars().count() >= min_len && !stopwords.contains(t))
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
}

/// Characters two words must share at their start to count as the same word
/// ("kosmetik"/"kosmetika", "mendaftar"/"mendaftarkan").
const STEM_PREFIX: usize = 5;

fn prefix(word: &str) -> Option<&str> {
    word.char_indices()
        .nth(STEM_PREFIX)
        .map(|(i, _)| &word[..i])
        .or(if word.chars().count() == STEM_PREFIX {
            Some(word)
        } else {
            None
        })
}

/// Share of the question's content words that occur in the answer, with the counts.
/// `None` when the question has no content words.
pub fn overlap(
    question: &str,
    answer: &str,
    min_len: usize,
    stopwords: &HashSet<String>,
) -> Option<(f64, usize, usize)> {
    let q = content_words(question, min_len, stopwords);
    if q.is_empty() {
        return None;
    }
    let a: HashSet<String> = tokens(answer).collect();
    let a_prefixes: HashSet<&str> = a.iter().filter_map(|w| prefix(w)).collect();
    let hit = q
        .iter()
        .filter(|w| a.contains(*w) || prefix(w).is_some_and(|p| a_prefixes.contains(p)))
        .count();
    Some((hit as f64 / q.len() as f64, hit, q.len()))
}

/// A reviewer's entry for a manual criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ManualEntry {
    /// Blank: the answer was not reviewed.
    NotReviewed,
    /// The reviewer marked the criterion as not applicable.
    NotApplicable,
    /// A score on the scale.
    Score(f64),
    /// Text that is neither a number on the scale nor an N/A value.
    Invalid,
}

/// Parses a manual score: numbers with a decimal point or comma within `scale`, or one of
/// `na_values` (ignoring case and surrounding spaces).
pub fn parse_manual(raw: Option<&str>, scale: [f64; 2], na_values: &[String]) -> ManualEntry {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return ManualEntry::NotReviewed;
    };
    if na_values.iter().any(|n| n.trim().eq_ignore_ascii_case(raw)) {
        return ManualEntry::NotApplicable;
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= scale[0] && v <= scale[1] => ManualEntry::Score(v),
        _ => ManualEntry::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(words: &[&str]) -> HashSet<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn overlap_counts_content_words_with_prefix_match() {
        let s = stop(&["apakah", "yang"]);
        let (ratio, hit, total) = overlap(
            "Apakah kosmetik merek Glowing yang dijual online terdaftar?",
            "Produk kosmetika tersebut belum terdaftar di BPOM.",
            4,
            &s,
        )
        .unwrap();
        // Content words: kosmetik, merek, glowing, dijual, online, terdaftar.
        assert_eq!(total, 6);
        // kosmetik ~ kosmetika (prefix), terdaftar exact.
        assert_eq!(hit, 2);
        assert!((ratio - 2.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn no_content_words_is_none() {
        assert_eq!(
            overlap("Apakah yang?", "Ya.", 4, &stop(&["apakah", "yang"])),
            None
        );
    }

    #[test]
    fn manual_entries() {
        let na = vec!["N/A".to_string(), "tidak relevan".to_string()];
        let s = [0.0, 2.0];
        assert_eq!(parse_manual(None, s, &na), ManualEntry::NotReviewed);
        assert_eq!(parse_manual(Some("  "), s, &na), ManualEntry::NotReviewed);
        assert_eq!(
            parse_manual(Some("n/a"), s, &na),
            ManualEntry::NotApplicable
        );
        assert_eq!(
            parse_manual(Some("Tidak Relevan"), s, &na),
            ManualEntry::NotApplicable
        );
        assert_eq!(parse_manual(Some("2"), s, &na), ManualEntry::Score(2.0));
        assert_eq!(parse_manual(Some("1,5"), s, &na), ManualEntry::Score(1.5));
        assert_eq!(parse_manual(Some("3"), s, &na), ManualEntry::Invalid);
        assert_eq!(parse_manual(Some("baik"), s, &na), ManualEntry::Invalid);
    }
}

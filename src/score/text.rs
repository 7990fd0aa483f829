//! Text measures that have no native polars expression: the overlap of an answer with its
//! question, and the parsing of reviewers' manual scores. Both run as column functions over
//! whole columns inside the polars plan.

use rustc_hash::{FxHashMap, FxHashSet};

/// Content words of a lower-cased text: alphanumeric tokens of at least `min_len`
/// characters that are not stop words, each once, in order.
pub fn content_words<'a>(
    lower: &'a str,
    min_len: usize,
    stopwords: &FxHashSet<String>,
) -> Vec<&'a str> {
    let mut words: Vec<&str> = Vec::new();
    for t in tokens(lower) {
        if t.chars().count() >= min_len && !stopwords.contains(t) && !words.contains(&t) {
            words.push(t);
        }
    }
    words
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Characters two words must share at their start to count as the same word
/// ("kosmetik"/"kosmetika", "mendaftar"/"mendaftarkan").
const STEM_PREFIX: usize = 5;

/// The first [`STEM_PREFIX`] characters of a word that has at least that many.
fn prefix(word: &str) -> Option<&str> {
    match word.char_indices().nth(STEM_PREFIX) {
        Some((i, _)) => Some(&word[..i]),
        None if word.chars().count() == STEM_PREFIX => Some(word),
        None => None,
    }
}

/// Share of the question's content words that occur in the answer, with the counts.
/// `None` when the question has no content words. Words match when equal, or when both
/// have at least five characters and share the first five.
pub fn overlap(
    question: &str,
    answer: &str,
    min_len: usize,
    stopwords: &FxHashSet<String>,
) -> Option<(f64, usize, usize)> {
    let question = lower(question);
    let q = content_words(&question, min_len, stopwords);
    if q.is_empty() {
        return None;
    }
    // The question's few words in small maps; the answer is scanned once against them.
    let mut exact: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_prefix: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, w) in q.iter().enumerate() {
        exact.insert(w, i);
        if let Some(p) = prefix(w) {
            by_prefix.entry(p).or_default().push(i);
        }
    }
    let mut found = vec![false; q.len()];
    let answer = lower(answer);
    for w in tokens(&answer) {
        if let Some(&i) = exact.get(w) {
            found[i] = true;
        }
        if let Some(ids) = prefix(w).and_then(|p| by_prefix.get(p)) {
            for &i in ids {
                found[i] = true;
            }
        }
    }
    let hit = found.iter().filter(|f| **f).count();
    Some((hit as f64 / q.len() as f64, hit, q.len()))
}

/// Lower case, with a fast path for ASCII text.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
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
    // The bare number, or a dropdown entry with its meaning: "2 = Akurat".
    let number = raw.split_once('=').map_or(raw, |(n, _)| n.trim());
    match number.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= scale[0] && v <= scale[1] => ManualEntry::Score(v),
        _ => ManualEntry::Invalid,
    }
}

/// A scale step as a reviewer picks it: "2 = Akurat" when the step has a meaning, else "2".
pub fn scale_option(step: i64, labels: &[String], lo: f64) -> String {
    match labels.get((step as f64 - lo) as usize) {
        Some(l) => format!("{step} = {l}"),
        None => step.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(words: &[&str]) -> FxHashSet<String> {
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
        // A dropdown entry with its meaning reads as its number, as the bare number does.
        assert_eq!(
            parse_manual(Some("2 = Akurat"), s, &na),
            ManualEntry::Score(2.0)
        );
        assert_eq!(parse_manual(Some("2"), s, &na), ManualEntry::Score(2.0));
        assert_eq!(
            parse_manual(Some(" 1 = Sebagian akurat "), s, &na),
            ManualEntry::Score(1.0)
        );
        assert_eq!(
            parse_manual(Some("3 = Lebih"), s, &na),
            ManualEntry::Invalid
        );
        assert_eq!(parse_manual(Some("= Akurat"), s, &na), ManualEntry::Invalid);
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

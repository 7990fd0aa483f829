//! Criterion kinds that read the language of an answer (greeting, closing, courtesy,
//! standard language, reference, follow-up elements). Each kind is one file: its rubric
//! keys (a `#[serde(deny_unknown_fields)]` struct, so a misspelt key is an error), their
//! validation, and its check over the shared [`Row`] analysis. A new kind is one file plus
//! one line in [`KINDS`].
//!
//! Every text criterion of a rubric is checked in one pass over the answers: each answer
//! (and its question) is tokenised once into a [`Text`] and every check reads the same
//! tokens.

mod closing;
mod courtesy;
mod elements;
mod greeting;
mod reference;
mod relevance;
mod standard_language;

#[cfg(test)]
mod tests;

use std::fmt::Debug;
use std::sync::Arc;

use crate::i18n::Lang;
use crate::state::State;
use crate::text::Text;

/// What a check sees of one answer.
pub struct Row<'a> {
    pub question: Text<'a>,
    pub answer: Text<'a>,
    /// The canonical service type (`informasi`, `pengaduan`), when known.
    pub service_type: Option<&'a str>,
    /// Whether an output carries the evidence: when not, a check may leave
    /// [`Verdict::evidence`] empty and skip building it (the state must not change).
    pub evidence: bool,
}

impl<'a> Row<'a> {
    pub fn new(question: Option<&'a str>, answer: &'a str) -> Self {
        Row {
            question: Text::whole(question.unwrap_or("")),
            answer: Text::new(answer),
            service_type: None,
            evidence: true,
        }
    }

    /// A verdict whose evidence `evidence` builds, called only when the evidence is wanted.
    pub fn say<S: Into<String>>(&self, state: State, evidence: impl FnOnce() -> S) -> Verdict {
        Verdict {
            state,
            evidence: if self.evidence {
                evidence().into()
            } else {
                String::new()
            },
        }
    }

    /// Whether the evidence is wanted (see [`Row::evidence`]).
    pub fn with_evidence(mut self, evidence: bool) -> Self {
        self.evidence = evidence;
        self
    }

    pub fn with_service_type(mut self, service_type: Option<&'a str>) -> Self {
        self.service_type = service_type;
        self
    }
}

/// A check's result on one answer: the state and the words that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub state: State,
    pub evidence: String,
}

impl Verdict {
    pub fn new(state: State, evidence: impl Into<String>) -> Self {
        Verdict {
            state,
            evidence: evidence.into(),
        }
    }
}

/// How often each term occurs in the questions of the export being scored: document
/// frequencies for weighting words by rarity (IDF). Terms are kept as their
/// [`word_hash`](crate::text::word_hash)es, as the checks look them up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    pub docs: u32,
    pub df: rustc_hash::FxHashMap<u64, u32>,
}

impl Corpus {
    /// Counts each distinct term (a word hash) of a document once.
    pub fn add(&mut self, terms: &[u64]) {
        self.docs += 1;
        for (i, t) in terms.iter().enumerate() {
            if !terms[..i].contains(t) {
                *self.df.entry(*t).or_insert(0) += 1;
            }
        }
    }

    /// Smoothed inverse document frequency of a term's hash: ln((N + 1) / (df + 1)) + 1.
    pub fn idf(&self, term: u64) -> f64 {
        let df = self.df.get(&term).copied().unwrap_or(0);
        ((self.docs as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
    }
}

/// A compiled text check.
pub trait TextCheck: Send + Sync + Debug {
    /// The verdict on one answer (its answer text is never blank here). `corpus` holds the
    /// terms of the export's questions when the check collects them ([`Self::terms`]).
    fn check(&self, row: &Row, corpus: Option<&Corpus>, lang: Lang) -> Verdict;
    /// Whether the check reads the question (the question must then be present).
    fn reads_question(&self) -> bool {
        false
    }
    /// The terms of a question to count in the export's [`Corpus`], for checks that
    /// [use one](Self::uses_corpus).
    fn terms(&self, _question: &Text) -> Vec<u64> {
        Vec::new()
    }
    /// Whether the check weighs words by rarity, so a [`Corpus`] of the export's questions
    /// is collected for it ([`Self::terms`] gives their terms).
    fn uses_corpus(&self) -> bool {
        false
    }
    /// The check's phrase lists, for the rubric's
    /// [`PhraseIndex`](crate::text::lexicon::PhraseIndex) (called once, when the rubric is
    /// read).
    fn phrase_lists(&mut self) -> Vec<&mut crate::text::lexicon::Phrases> {
        Vec::new()
    }
}

/// A shareable compiled check.
pub type Check = Arc<dyn TextCheck>;

/// Where a kind's resources (lexicon files) are looked up.
pub struct Resources<'a> {
    /// The rubric's folder; `None` for the built-in rubric, whose resources are embedded.
    pub base: Option<&'a std::path::Path>,
}

/// Parses a kind's keys (everything of the criterion but the common ones).
type ParseFn = fn(toml::Table, &Resources) -> Result<Check, String>;

/// The text kinds: name and parser. Register a new kind here.
pub const KINDS: &[(&str, ParseFn)] = &[
    ("greeting", greeting::parse),
    ("closing", closing::parse),
    ("courtesy", courtesy::parse),
    ("standard_language", standard_language::parse),
    ("reference", reference::parse),
    ("elements", elements::parse),
    ("relevance", relevance::parse),
];

/// The registered name and parser of a text kind, if `name` is one.
pub fn parser(name: &str) -> Option<(&'static str, ParseFn)> {
    KINDS.iter().find(|(n, _)| *n == name).copied()
}

/// Deserialises a kind's keys; the error names the key.
pub(crate) fn keys<T: serde::de::DeserializeOwned>(table: toml::Table) -> Result<T, String> {
    toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| e.message().trim().to_string())
}

/// Compiles a phrase list, naming the key on error.
pub(crate) fn phrases(key: &str, list: &[String]) -> Result<crate::text::lexicon::Phrases, String> {
    crate::text::lexicon::Phrases::new(list).map_err(|e| format!("{key}: {e}"))
}

/// Evidence text: personal data masked (phone, e-mail, NIK), shortened to a readable
/// length. Every excerpt of an answer or question a kind writes goes through here.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 80;
    let masked = crate::text::mask::mask(s.trim());
    let s = masked.as_ref();
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{cut}…")
}

/// `found: "…"` in the user's language.
pub(crate) fn found(lang: Lang, what: &str) -> String {
    format!("{} \"{}\"", lang.pick("ditemukan:", "found:"), clip(what))
}

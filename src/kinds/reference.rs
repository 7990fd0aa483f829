//! `kind = "reference"`: a question about legality, registration, permits, authenticity
//! or rules is answered with a concrete reference (labelling guide, rujukan).
//!
//! Whether it applies is read from the question: a phrase of `needed` (stems and word
//! prefixes such as "daftar*", "izin edar", "tanpa resep"), a phrase of every group of
//! `needed_together` (a sale, and a product illegal by definition: "jual*" with
//! "merkuri"), or a match of `needed_patterns`; unless a phrase of `not_needed` is there
//! (impostor officers). Otherwise the verdict is n/a.
//!
//! When it applies, the officer's words must hold a match of `regulations` (a law or
//! regulation named), `portals` (cekbpom, BPOM Mobile, a pom.go.id site; not inside an
//! e-mail address) or `numbers` (a registration number). A number that also appears in the
//! question counts only when its sentence verifies it (a phrase of `verify`: "terdaftar",
//! "atas nama", "tidak ditemukan", …): a number merely echoed is no reference.

use regex::Regex;
use serde::Deserialize;

use super::{Check, Resources, Row, TextCheck, Verdict, found, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::Text;
use crate::text::lexicon::{Hit, Phrases, hit_text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    needed: Vec<String>,
    #[serde(default)]
    needed_together: Vec<Vec<String>>,
    #[serde(default)]
    not_needed: Vec<String>,
    #[serde(default)]
    needed_patterns: Vec<String>,
    #[serde(default)]
    regulations: Vec<String>,
    #[serde(default)]
    portals: Vec<String>,
    #[serde(default)]
    numbers: Vec<String>,
    #[serde(default)]
    verify: Vec<String>,
}

#[derive(Debug)]
struct Reference {
    needed: Phrases,
    needed_together: Vec<Phrases>,
    not_needed: Phrases,
    needed_patterns: Option<Regex>,
    regulations: Option<Regex>,
    portals: Option<Regex>,
    numbers: Option<Regex>,
    verify: Phrases,
}

/// The list joined into one regex exactly as the rubric validator checks it (see
/// [`crate::rubric::pattern`]); an error names the key in backquotes, so that the rubric
/// error can name its line.
fn regex(key: &str, list: &[String]) -> Result<Option<Regex>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    crate::rubric::pattern::compile(list)
        .map(Some)
        .map_err(|e| e.message(&format!("`{key}`")).en)
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    Ok(std::sync::Arc::new(Reference {
        needed: phrases("needed", &k.needed)?,
        needed_together: k
            .needed_together
            .iter()
            .map(|g| phrases("needed_together", g))
            .collect::<Result<_, _>>()?,
        not_needed: phrases("not_needed", &k.not_needed)?,
        needed_patterns: regex("needed_patterns", &k.needed_patterns)?,
        regulations: regex("regulations", &k.regulations)?,
        portals: regex("portals", &k.portals)?,
        numbers: regex("numbers", &k.numbers)?,
        verify: phrases("verify", &k.verify)?,
    }))
}

/// Letters and digits only, upper case: "MD 2245 1200 1234" → "MD224512001234".
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether a byte offset of the answer is the officer's own text (not quoted from the
/// customer, not the caller's sentence).
fn own_at(text: &Text, at: usize) -> bool {
    // Tokens are in text order: the first that ends after `at`.
    let i = text.tokens.partition_point(|t| t.end <= at);
    text.tokens.get(i).is_none_or(|t| t.own || t.start > at)
}

/// Whether a match sits inside an e-mail address (`…@pom.go.id`).
fn in_email(raw: &str, start: usize) -> bool {
    let word_start = raw[..start]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '<')
        .map_or(0, |i| i + 1);
    raw[word_start..start].contains('@')
}

impl Reference {
    /// Whether a reference is needed: `None` when not, else the phrase of `needed` that
    /// makes it so, if one does (the question is scanned once).
    fn needed(&self, q: &Text) -> Option<Option<Hit>> {
        if self.not_needed.first_anywhere(q).is_some() {
            return None;
        }
        if let Some(h) = self.needed.first_anywhere(q) {
            return Some(Some(h));
        }
        let together = !self.needed_together.is_empty()
            && self
                .needed_together
                .iter()
                .all(|g| g.first_anywhere(q).is_some());
        let pattern = || {
            self.needed_patterns
                .as_ref()
                .is_some_and(|r| r.is_match(q.raw))
        };
        (together || pattern()).then_some(None)
    }

    fn cited<'a>(&self, row: &Row<'a>) -> Option<&'a str> {
        let a = &row.answer;
        for re in [&self.regulations, &self.portals].into_iter().flatten() {
            for m in re.find_iter(a.raw) {
                if own_at(a, m.start()) && !in_email(a.raw, m.start()) {
                    return Some(m.as_str());
                }
            }
        }
        // The question's numbers compacted, once a number is found.
        let mut asked: Option<String> = None;
        if let Some(re) = &self.numbers {
            for m in re.find_iter(a.raw) {
                if !own_at(a, m.start()) {
                    continue;
                }
                let number = compact(m.as_str());
                let asked = asked.get_or_insert_with(|| compact(row.question.raw));
                if !asked.contains(&number) {
                    return Some(m.as_str());
                }
                // Echoed from the question: counts only when its sentence verifies it.
                let sentence = a.sentences.iter().find(|s| {
                    s.start_byte <= m.start() && m.start() < s.end_byte.max(s.start_byte + 1)
                });
                if let Some(s) = sentence
                    && self.verify.first_in(a, s).is_some()
                {
                    return Some(m.as_str());
                }
            }
        }
        None
    }
}

impl TextCheck for Reference {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        let mut lists = vec![&mut self.needed, &mut self.not_needed, &mut self.verify];
        lists.extend(self.needed_together.iter_mut());
        lists
    }

    fn reads_question(&self) -> bool {
        true
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let Some(hit) = self.needed(&row.question) else {
            return row.say(State::NotApplicable, || {
                lang.pick(
                    "pertanyaan tidak menyangkut legalitas, registrasi atau aturan",
                    "the question is not about legality, registration or rules",
                )
            });
        };
        let why = || {
            hit.map(|h| hit_text(&row.question, h))
                .unwrap_or_else(|| lang.pick("nomor registrasi", "registration number"))
        };
        match self.cited(row) {
            Some(r) => row.say(State::Pass, || found(lang, r)),
            None => row.say(State::Fail, || tr!(
                    lang,
                    "pertanyaan menyangkut \"{}\" tetapi tidak ada rujukan (peraturan, nomor registrasi, cekbpom)",
                    "the question concerns \"{}\" but no reference is given (regulation, registration number, cekbpom)",
                    why()
                )),
        }
    }
}

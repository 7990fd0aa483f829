//! `kind = "courtesy"`: the officer thanks the person, apologises to them or states
//! empathy or appreciation toward them, anywhere in the answer (labelling guide, empati).
//!
//! A phrase of `phrases` counts unless it belongs to someone else: it is followed by a
//! phrase of `not_after` ("dari pihak …", a permintaan maaf *from* the pharmacy), or by
//! `kepada` / `untuk` and a word outside `address_terms` (thanks to the marketplace). Quoted
//! customer text and the caller's sentences in a phone note are not the officer's words.

use serde::Deserialize;

use super::greeting::to_third_party;
use super::{Check, Resources, Row, TextCheck, Verdict, found, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::Text;
use crate::text::lexicon::{Phrases, hit_text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    phrases: Vec<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    address_terms: Vec<String>,
}

#[derive(Debug)]
struct Courtesy {
    phrases: Phrases,
    not_after: Vec<Vec<String>>,
    address: Vec<String>,
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    Ok(std::sync::Arc::new(Courtesy {
        phrases: phrases("phrases", &k.phrases)?,
        not_after: words_of(&k.not_after),
        address: k.address_terms.iter().map(|s| s.to_lowercase()).collect(),
    }))
}

/// Phrases as lower-case word lists.
pub(crate) fn words_of(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .filter(|w: &Vec<String>| !w.is_empty())
        .collect()
}

/// Whether the tokens from `at` on start with one of the word lists.
pub(crate) fn followed_by(text: &Text, at: usize, lists: &[Vec<String>]) -> bool {
    lists.iter().any(|words| {
        words
            .iter()
            .enumerate()
            .all(|(k, w)| text.tokens.get(at + k).is_some_and(|t| t.text == *w))
    })
}

impl TextCheck for Courtesy {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        vec![&mut self.phrases]
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let text = &row.answer;
        for s in &text.sentences {
            for h in self.phrases.find_in(text, s) {
                if followed_by(text, h.end, &self.not_after)
                    || to_third_party(text, h.end, &self.address)
                {
                    continue;
                }
                return row.say(State::Pass, || found(lang, hit_text(text, h)));
            }
        }
        row.say(State::Fail, || {
            lang.pick(
                "tidak ada ucapan terima kasih, permohonan maaf atau empati petugas",
                "no thanks, apology or empathy from the officer",
            )
        })
    }
}

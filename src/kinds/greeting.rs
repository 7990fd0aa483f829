//! `kind = "greeting"`: the answer opens with a greeting or an opening courtesy in its
//! first sentences (labelling guide, salam_pembuka).
//!
//! Pass when one of the first `sentences` sentences holds a phrase of `phrases`, or a
//! phrase of `thanks` used as the opener: thanks that is not addressed to a third party
//! (`kepada` / `untuk` followed by a word outside `address_terms`) and is not itself the
//! last sentence of the answer (thanks that only closes a short reply is not an opener).

use serde::Deserialize;

use super::{Check, Resources, Row, TextCheck, Verdict, found, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::Text;
use crate::text::lexicon::{Phrases, hit_text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    #[serde(default = "two")]
    sentences: usize,
    phrases: Vec<String>,
    #[serde(default)]
    thanks: Vec<String>,
    #[serde(default)]
    address_terms: Vec<String>,
}

fn two() -> usize {
    2
}

#[derive(Debug)]
struct Greeting {
    sentences: usize,
    phrases: Phrases,
    thanks: Phrases,
    address: Vec<String>,
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    if k.sentences == 0 || k.sentences > 10 {
        return Err(format!("sentences = {}: expected 1–10", k.sentences));
    }
    Ok(std::sync::Arc::new(Greeting {
        sentences: k.sentences,
        phrases: phrases("phrases", &k.phrases)?,
        thanks: phrases("thanks", &k.thanks)?,
        address: k.address_terms.iter().map(|s| s.to_lowercase()).collect(),
    }))
}

/// Whether a thanks hit is addressed to a third party: `kepada` / `pada` and a word that is
/// not an address term ("terima kasih kepada pihak marketplace"), or `untuk pihak / para /
/// seluruh / semua`.
pub(crate) fn to_third_party(text: &Text, end: usize, address: &[String]) -> bool {
    let next = |k: usize| text.tokens.get(end + k).map(|t| t.text.as_str());
    match next(0) {
        Some("kepada" | "pada") => !next(1).is_some_and(|w| address.iter().any(|a| a == w)),
        Some("untuk") => matches!(next(1), Some("pihak" | "para" | "seluruh" | "semua")),
        _ => false,
    }
}

impl TextCheck for Greeting {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        vec![&mut self.phrases, &mut self.thanks]
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let text = &row.answer;
        let n = text.sentences.len();
        for (i, s) in text.sentences.iter().take(self.sentences).enumerate() {
            if let Some(h) = self.phrases.first_in(text, s) {
                return row.say(State::Pass, || found(lang, hit_text(text, h)));
            }
            if i + 1 < n {
                for h in self.thanks.find_in(text, s) {
                    if !to_third_party(text, h.end, &self.address) {
                        return row.say(State::Pass, || found(lang, hit_text(text, h)));
                    }
                }
            }
        }
        row.say(State::Fail, || {
            tr!(
                lang,
                "tidak ada salam pada {} kalimat pertama",
                "no greeting in the first {} sentences",
                self.sentences
            )
        })
    }
}

//! `kind = "closing"`: the answer ends with a closing (labelling guide, penutup).
//!
//! The last sentence that is not a trailer (a signature, ticket line or hashtag: at most
//! `trailer_max_words` words, all capitalised, hashtags or digits, or opening with a word
//! of `trailer_words`) must hold a phrase of `phrases`, or a phrase of `thanks` near the
//! end of that sentence. A closing in the middle followed by more content does not count.

use serde::Deserialize;

use super::{Check, Resources, Row, TextCheck, Verdict, clip, found, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::lexicon::Phrases;
use crate::text::{Sentence, Text};

/// Words allowed after a closing thanks in its sentence.
const THANKS_TAIL: usize = 4;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    phrases: Vec<String>,
    #[serde(default)]
    thanks: Vec<String>,
    #[serde(default)]
    trailer_words: Vec<String>,
    #[serde(default = "eight")]
    trailer_max_words: usize,
}

fn eight() -> usize {
    8
}

#[derive(Debug)]
struct Closing {
    phrases: Phrases,
    thanks: Phrases,
    trailer_words: Vec<String>,
    trailer_max: usize,
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    Ok(std::sync::Arc::new(Closing {
        phrases: phrases("phrases", &k.phrases)?,
        thanks: phrases("thanks", &k.thanks)?,
        trailer_words: k.trailer_words.iter().map(|s| s.to_lowercase()).collect(),
        trailer_max: k.trailer_max_words,
    }))
}

impl Closing {
    fn is_trailer(&self, text: &Text, s: &Sentence) -> bool {
        if s.len() > self.trailer_max {
            return false;
        }
        let toks = &text.tokens[s.first..s.end];
        let hashtag =
            |t: &crate::text::Token| t.start > 0 && text.raw[..t.start].ends_with(['#', '@']);
        if self.trailer_words.iter().any(|w| *w == toks[0].text) || hashtag(&toks[0]) {
            return true;
        }
        let raw = text.sentence_text(s);
        // A signature or address line: capitalised words, with the small words of a name
        // or title in lower case ("Kepala Balai Besar POM di Semarang").
        let small = |w: &str| matches!(w, "di" | "dan" | "ke" | "dari" | "untuk" | "atas");
        raw.starts_with(['-', '–', '—', '~', '#'])
            || toks.iter().any(|t| t.capital)
                && toks.iter().all(|t| {
                    t.capital
                        || hashtag(t)
                        || small(&t.text)
                        || t.text.chars().any(|c| c.is_ascii_digit())
                })
    }
}

impl TextCheck for Closing {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        vec![&mut self.phrases, &mut self.thanks]
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let text = &row.answer;
        for s in text.sentences.iter().rev() {
            // Thanks closes only at the end of its sentence: at most `THANKS_TAIL` words
            // after it ("Atas perhatian Bapak, kami ucapkan terima kasih", "Terima kasih
            // atas perhatiannya"), not thanks that opens a sentence of content.
            let hit = self.phrases.first_in(text, s).or_else(|| {
                self.thanks
                    .find_in(text, s)
                    .into_iter()
                    .find(|h| s.end - h.end <= THANKS_TAIL)
            });
            if hit.is_some() {
                // The closing sentence as evidence ("Semoga informasi ini bermanfaat").
                let sentence = text.sentence_text(s).trim_end_matches(['.', '!', ',']);
                return row.say(State::Pass, || found(lang, sentence));
            }
            if self.is_trailer(text, s) {
                continue;
            }
            return row.say(State::Fail, || {
                format!(
                    "{} \"{}\"",
                    lang.pick(
                        "kalimat terakhir bukan penutup:",
                        "last sentence is not a closing:"
                    ),
                    clip(text.sentence_text(s))
                )
            });
        }
        row.say(State::Fail, || lang.pick("tidak ada penutup", "no closing"))
    }
}

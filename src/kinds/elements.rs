//! `kind = "elements"`: named elements that should all be present (labelling guide,
//! tindak_lanjut: receipt, action, progress). All present → pass, some → partial, none →
//! fail.
//!
//! An element is present when one of its phrases occurs in the officer's words and is not
//! negated: no word of `negators` among the `negation_window` words before it in the same
//! sentence ("belum dapat kami tindak lanjuti", "tidak dapat kami informasikan"), unless the
//! element sets `negation_ok` (a report named as not yet handled is still acknowledged).

use serde::Deserialize;

use super::{Check, Resources, Row, TextCheck, Verdict, clip, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::Text;
use crate::text::lexicon::{Hit, Phrases, hit_text};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElementKeys {
    name: String,
    label: String,
    #[serde(default)]
    label_en: Option<String>,
    phrases: Vec<String>,
    #[serde(default)]
    negation_ok: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    elements: Vec<ElementKeys>,
    #[serde(default)]
    negators: Vec<String>,
    #[serde(default = "three")]
    negation_window: usize,
}

fn three() -> usize {
    3
}

#[derive(Debug)]
struct Element {
    label: String,
    label_en: String,
    phrases: Phrases,
    negation_ok: bool,
}

#[derive(Debug)]
struct Elements {
    elements: Vec<Element>,
    negators: Vec<String>,
    window: usize,
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    if k.elements.is_empty() {
        return Err("elements: at least one element is needed".into());
    }
    let mut elements = Vec::new();
    for e in k.elements {
        elements.push(Element {
            phrases: phrases(&format!("elements \"{}\".phrases", e.name), &e.phrases)?,
            label_en: e.label_en.unwrap_or_else(|| e.label.clone()),
            label: e.label,
            negation_ok: e.negation_ok,
        });
    }
    Ok(std::sync::Arc::new(Elements {
        elements,
        negators: k.negators.iter().map(|s| s.to_lowercase()).collect(),
        window: k.negation_window,
    }))
}

impl Elements {
    fn negated(&self, text: &Text, h: Hit) -> bool {
        let sentence = text.tokens[h.first].sentence;
        (h.first.saturating_sub(self.window)..h.first).any(|i| {
            let t = &text.tokens[i];
            t.sentence == sentence && self.negators.iter().any(|n| *n == t.text)
        })
    }

    fn find<'a>(&self, text: &Text<'a>, e: &Element) -> Option<&'a str> {
        text.sentences.iter().find_map(|s| {
            e.phrases
                .find_in(text, s)
                .into_iter()
                .find(|h| e.negation_ok || !self.negated(text, *h))
                .map(|h| hit_text(text, h))
        })
    }
}

impl TextCheck for Elements {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        self.elements.iter_mut().map(|e| &mut e.phrases).collect()
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let text = &row.answer;
        let hits: Vec<Option<&str>> = self.elements.iter().map(|e| self.find(text, e)).collect();
        let present = hits.iter().filter(|h| h.is_some()).count();
        let n = self.elements.len();
        let state = match present {
            0 => State::Fail,
            p if p == n => State::Pass,
            _ => State::Partial,
        };
        row.say(state, || {
            let parts: Vec<String> = self
                .elements
                .iter()
                .zip(&hits)
                .map(|(e, hit)| {
                    let label = lang.pick(&e.label, &e.label_en);
                    match hit {
                        Some(w) => format!("{label}: \"{}\"", clip(w)),
                        None => format!("{label}: {}", lang.pick("tidak ada", "missing")),
                    }
                })
                .collect();
            let head = format!(
                "{present}/{n} {}",
                lang.pick("unsur ditemukan", "elements found")
            );
            format!("{head}: {}", parts.join("; "))
        })
    }
}

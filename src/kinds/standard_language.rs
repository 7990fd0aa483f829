//! `kind = "standard_language"`: the officer's own words are standard Indonesian
//! (labelling guide, bahasa_baku). One item is enough to fail:
//! - a word of the lexicon (`lexicon`, a TOML file of tables word → standard form:
//!   `tidak_baku` colloquial words and chat abbreviations, `ejaan` non-standard spellings,
//!   `inggris` conversational English, `daerah` regional words, `frasa` phrases written
//!   apart), evidence "silahkan → silakan";
//! - a stretched word ("yaa", "dongg"): letters repeated at its end, not a dictionary word,
//!   but one once collapsed;
//! - with `separated_prefix`, "di" written apart from a verb: "di X" where "diX" is a word
//!   of the Indonesian dictionary (Debian's hunspell-id) — "di jual", not "di rumah";
//! - a reply written in English: at least `english_share` of its words are in the lexicon's
//!   `english` list.
//!
//! Words of `allowed` (address terms, platform terms), words with digits, hashtags, handles
//! and web addresses never fail, nor do English words the question itself uses (a term
//! quoted from the question or a label).

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Resources, Row, TextCheck, Verdict, keys};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::dictionary::Dictionary;
use crate::text::lexicon::WordMap;
use crate::text::{Token, unstretch};

/// Lexicon files shipped with the built-in rubric.
const EMBEDDED: &[(&str, &str)] = &[(
    "bahasa/tidak-baku.toml",
    include_str!("../../rubrics/bahasa/tidak-baku.toml"),
)];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    lexicon: String,
    #[serde(default)]
    allowed: Vec<String>,
    #[serde(default = "half")]
    english_share: f64,
    #[serde(default)]
    separated_prefix: bool,
}

fn half() -> f64 {
    0.5
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    tidak_baku: FxHashMap<String, String>,
    #[serde(default)]
    ejaan: FxHashMap<String, String>,
    #[serde(default)]
    inggris: FxHashMap<String, String>,
    #[serde(default)]
    daerah: FxHashMap<String, String>,
    #[serde(default)]
    frasa: FxHashMap<String, String>,
    #[serde(default)]
    english: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Category {
    Colloquial,
    Spelling,
    English,
    Regional,
}

/// What the lexicons and `allowed` say of one word, looked up once per token.
#[derive(Debug, Default)]
struct Entry {
    /// The standard form of a non-standard word, and its lexicon table.
    standard: Option<(String, Category)>,
    /// Phrases the word opens, written apart: (the rest of the phrase, standard form).
    phrases: Vec<(Vec<String>, String)>,
    english: bool,
    allowed: bool,
}

#[derive(Debug)]
struct StandardLanguage {
    /// Every word any list names, in one map.
    lexicon: WordMap<Entry>,
    english_share: f64,
    dictionary: Option<Dictionary>,
}

fn lexicon_text(name: &str, res: &Resources) -> Result<String, String> {
    if let Some(base) = res.base {
        let path = base.join(name);
        if path.exists() {
            crate::output::guard::note_input(&path);
            return std::fs::read_to_string(&path)
                .map_err(|e| format!("lexicon \"{}\": {e}", crate::error::shown(&path)));
        }
    }
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .ok_or_else(|| format!("lexicon \"{name}\": file not found beside the rubric"))
}

pub fn parse(table: toml::Table, res: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    if !(0.0..=1.0).contains(&k.english_share) {
        return Err(format!("english_share = {}: expected 0–1", k.english_share));
    }
    let text = lexicon_text(&k.lexicon, res)?;
    let lex: LexiconFile = toml::from_str(&text)
        .map_err(|e| format!("lexicon \"{}\": {}", k.lexicon, e.message().trim()))?;
    let mut lexicon: WordMap<Entry> = WordMap::default();
    for (table, cat) in [
        (&lex.tidak_baku, Category::Colloquial),
        (&lex.ejaan, Category::Spelling),
        (&lex.inggris, Category::English),
        (&lex.daerah, Category::Regional),
    ] {
        for (w, std) in table {
            let word = w.to_lowercase();
            // A word written as its own standard form would fail a standard word.
            if word == std.to_lowercase() {
                return Err(format!(
                    "lexicon \"{}\": \"{w}\" has itself as its standard form",
                    k.lexicon
                ));
            }
            // The first table that names a word gives its standard form.
            lexicon
                .get_or_default(word)
                .standard
                .get_or_insert_with(|| (std.clone(), cat));
        }
    }
    let mut grouped: FxHashMap<String, Vec<(Vec<String>, String)>> = FxHashMap::default();
    for (p, std) in &lex.frasa {
        let ws: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
        if ws.len() < 2 {
            return Err(format!(
                "lexicon frasa \"{p}\": a phrase needs two words or more"
            ));
        }
        grouped
            .entry(ws[0].clone())
            .or_default()
            .push((ws[1..].to_vec(), std.clone()));
    }
    for (first, list) in grouped {
        lexicon.get_or_default(first).phrases = list;
    }
    for w in &lex.english {
        lexicon.get_or_default(w.to_lowercase()).english = true;
    }
    for w in &k.allowed {
        lexicon.get_or_default(w.to_lowercase()).allowed = true;
    }
    let dictionary = if k.separated_prefix {
        Some(Dictionary::builtin()?)
    } else {
        None
    };
    Ok(std::sync::Arc::new(StandardLanguage {
        lexicon,
        english_share: k.english_share,
        dictionary,
    }))
}

impl StandardLanguage {
    /// Words that never fail: `allowed`, with digits or a dot, hashtags, handles and paths.
    fn skip(raw: &str, t: &Token, entry: Option<&Entry>) -> bool {
        entry.is_some_and(|e| e.allowed)
            || t.text.bytes().any(|b| b.is_ascii_digit() || b == b'.')
            || (t.start > 0 && matches!(raw.as_bytes()[t.start - 1], b'#' | b'@' | b'/'))
    }
}

impl TextCheck for StandardLanguage {
    fn reads_question(&self) -> bool {
        true
    }

    fn check(&self, row: &Row, _: Option<&super::Corpus>, lang: Lang) -> Verdict {
        let a = &row.answer;
        // An English word the customer used in the question is not held against the reply.
        let asked = |w: &str| row.question.tokens.iter().any(|t| t.text == w);
        // "di" joined to the next word, checked in one buffer.
        let mut joined = String::new();
        let mut found: Vec<String> = Vec::new();
        let (mut words, mut english) = (0usize, 0usize);
        let toks = &a.tokens;
        for (i, t) in toks.iter().enumerate() {
            // One item decides the state: without evidence, nothing more is needed.
            if !row.evidence && !found.is_empty() {
                break;
            }
            if !t.own {
                continue;
            }
            let entry = self.lexicon.get(t);
            if Self::skip(a.raw, t, entry) {
                continue;
            }
            words += 1;
            if entry.is_some_and(|e| e.english) {
                english += 1;
            }
            // Phrases written apart.
            if let Some(e) = entry {
                for (rest, std) in &e.phrases {
                    let ok = rest.iter().enumerate().all(|(k, w)| {
                        toks.get(i + 1 + k)
                            .is_some_and(|n| n.own && n.text == *w && n.sentence == t.sentence)
                    });
                    if ok {
                        found.push(format!("{} {} → {std}", t.text, rest.join(" ")));
                    }
                }
            }
            if let Some((std, cat)) = entry.and_then(|e| e.standard.as_ref()) {
                if *cat == Category::English && asked(t.text.as_str()) {
                    continue;
                }
                found.push(format!("{} → {std}", t.text));
                continue;
            }
            if let Some(d) = &self.dictionary {
                let stretched = unstretch(&t.text).filter(|_| !d.check(&t.text));
                let base_entry = stretched.as_deref().and_then(|b| self.lexicon.get_word(b));
                if let Some(base) = stretched
                    && (base_entry.is_some_and(|e| e.standard.is_some() || e.allowed)
                        || d.check(&base))
                {
                    let std = base_entry
                        .and_then(|e| e.standard.as_ref())
                        .map_or(base.as_str(), |(s, _)| s.as_str());
                    found.push(format!("{} → {std}", t.text));
                    continue;
                }
                if t.text == "di"
                    && let Some(n) = toks.get(i + 1)
                    && n.own
                    && n.sentence == t.sentence
                    && n.text.chars().all(char::is_alphabetic)
                    && n.text.chars().count() >= 3
                    && {
                        joined.clear();
                        joined.push_str("di");
                        joined.push_str(&n.text);
                        d.check(&joined)
                    }
                {
                    found.push(format!("di {} → di{}", n.text, n.text));
                }
            }
        }
        if words >= 3 && english as f64 >= self.english_share * words as f64 {
            found.insert(
                0,
                lang.pick("jawaban berbahasa Inggris", "reply written in English")
                    .to_string(),
            );
        }
        if found.is_empty() {
            return row.say(State::Pass, || {
                lang.pick(
                    "tidak ditemukan kata tidak baku",
                    "no non-standard word found",
                )
            });
        }
        found.dedup();
        let shown: Vec<&str> = found.iter().take(5).map(String::as_str).collect();
        let more = found.len().saturating_sub(5);
        let tail = if more > 0 {
            tr!(lang, " (+{} lagi)", " (+{} more)", more)
        } else {
            String::new()
        };
        row.say(State::Fail, || {
            format!(
                "{} {}{tail}",
                lang.pick("tidak baku:", "non-standard:"),
                shown.join("; ")
            )
        })
    }
}

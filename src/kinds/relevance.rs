//! `kind = "relevance"`: the answer responds to what was asked (labelling guide,
//! relevansi).
//!
//! The question's content words (not `stopwords`, at least `min_word_length` letters) are
//! stemmed ([`crate::text::stem`]) and weighted by how rare they are among the questions of
//! the export being scored (IDF over its [`Corpus`]); the score is the weighted share found
//! among the stems of the officer's words. On top of that share:
//! - an answer with fewer than `min_content_words` content words passes only as a short
//!   reply to a yes/no question (a word of `yes_no` in the question, of `reply_words` in
//!   the answer, and a question word addressed); otherwise it fails (auto-reply, a bare
//!   greeting or closing, a DM pointer);
//! - a deferral (`deferrals`) with few other content words fails;
//! - for a complaint (service type in `complaints`), a bare acknowledgement or forwarding
//!   is partial instead of fail;
//! - the question's named things — registration numbers, and brand or product names (a
//!   capitalised word after a word of `name_markers` such as "merek", "krim", "sirup") —
//!   must be addressed: when none is, an answer naming another registration number or
//!   product (and addressing less than `pass` of the question) fails;
//! - with two or more explicit sub-questions (sentences ending in "?", numbered items),
//!   one whose content words the answer never addresses makes it at most partial;
//! - a reply that redirects (`redirects`, e.g. "silakan cek di cekbpom") without a
//!   statement of its own (no word of `reply_words`: "terdaftar", "tidak", "boleh") is at
//!   most partial, unless it handles a complaint;
//!
//! Then share ≥ `pass` passes, as does a complaint the answer registers or forwards in
//! words of its own (a phrase of `handling` and at least twice `min_content_words`
//! content words) and a yes/no question answered directly (a word of `reply_words` in the
//! officer's words); share ≥ `partial` is partial. A product or brand is also addressed by a
//! phrase of `anaphora` ("produk tersebut").

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::{Check, Corpus, Resources, Row, TextCheck, Verdict, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::lexicon::Phrases;
use crate::text::lexicon::WordSet;
use crate::text::stem::{stem, stem_str};
use crate::text::{Text, Token, word_hash};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    pass: f64,
    partial: f64,
    #[serde(default = "three")]
    min_word_length: usize,
    #[serde(default = "four")]
    min_content_words: usize,
    stopwords: Vec<String>,
    #[serde(default)]
    yes_no: Vec<String>,
    #[serde(default)]
    reply_words: Vec<String>,
    #[serde(default)]
    deferrals: Vec<String>,
    #[serde(default)]
    redirects: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    complaints: Vec<String>,
    #[serde(default)]
    name_markers: Vec<String>,
    #[serde(default)]
    handling: Vec<String>,
    #[serde(default)]
    question_words: Vec<String>,
    #[serde(default)]
    anaphora: Vec<String>,
}

fn three() -> usize {
    3
}

fn four() -> usize {
    4
}

#[derive(Debug)]
struct Relevance {
    pass: f64,
    partial: f64,
    min_len: usize,
    min_content: usize,
    stop: WordSet,
    yes_no: Phrases,
    reply_words: WordSet,
    deferrals: Phrases,
    redirects: Phrases,
    not_names: WordSet,
    complaints: FxHashSet<String>,
    markers: WordSet,
    handling: Phrases,
    anaphora: Phrases,
    question_words: WordSet,
}

pub fn parse(table: toml::Table, _: &Resources) -> Result<Check, String> {
    let k: Keys = keys(table)?;
    for (key, v) in [("pass", k.pass), ("partial", k.partial)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(format!("{key} = {v}: expected 0–1"));
        }
    }
    if k.partial > k.pass {
        return Err(format!(
            "partial ({}) must be ≤ pass ({})",
            k.partial, k.pass
        ));
    }
    let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<FxHashSet<_>>();
    Ok(std::sync::Arc::new(Relevance {
        pass: k.pass,
        partial: k.partial,
        min_len: k.min_word_length,
        min_content: k.min_content_words,
        stop: WordSet::of(&k.stopwords),
        yes_no: phrases("yes_no", &k.yes_no)?,
        reply_words: WordSet::of(&k.reply_words),
        deferrals: phrases("deferrals", &k.deferrals)?,
        redirects: phrases("redirects", &k.redirects)?,
        not_names: WordSet::of(&k.not_names),
        complaints: lower(&k.complaints),
        markers: WordSet::of(&k.name_markers),
        handling: phrases("handling", &k.handling)?,
        anaphora: phrases("anaphora", &k.anaphora)?,
        question_words: WordSet::of(&k.question_words),
    }))
}

/// Letters and digits, upper case.
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The [`word_hash`] of a word's stem, memoised per thread by the word's hash (answers
/// repeat a small vocabulary, so nearly every word is stemmed once per thread).
fn stem_hash(t: &Token) -> u64 {
    use std::cell::RefCell;
    thread_local! {
        static MEMO: RefCell<rustc_hash::FxHashMap<u64, u64>> = RefCell::default();
    }
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(&h) = m.get(&t.hash) {
            return h;
        }
        let h = word_hash(&stem_str(&t.text));
        if m.len() >= 1 << 20 {
            m.clear();
        }
        m.insert(t.hash, h);
        h
    })
}

/// Words of the officer's reply within which a yes/no reply word answers directly.
const DIRECT_WITHIN: usize = 20;

/// Registration numbers of a text, compacted ("POM SD 181 345 221" → "SD181345221"): two
/// or three capitals and eight or more digits, spaces allowed between the digits.
fn codes(raw: &str) -> Vec<String> {
    // Most texts have no run of eight digits: skip the regex for them.
    if raw.bytes().filter(u8::is_ascii_digit).count() < 8 {
        return Vec::new();
    }
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"\b[A-Z]{2,3} ?(?:\d ?){7,15}\d\b").ok());
    let Some(re) = re else {
        return Vec::new();
    };
    let mut out: Vec<String> = re.find_iter(raw).map(|m| compact(m.as_str())).collect();
    out.dedup();
    out
}

/// Whether a text is written in capitals throughout (then a capital marks no name).
fn shouting(text: &Text) -> bool {
    let letters = || text.raw.chars().filter(|c| c.is_alphabetic());
    letters().count() > 0 && letters().all(char::is_uppercase)
}

/// A registration-like code: two or three letters, then at least eight digits
/// ("na18231200456", "dbl1234567890a1"); ticket numbers and dates are not.
fn is_code(word: &str) -> bool {
    let letters = word.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    (2..=3).contains(&letters) && digits >= 8
}

impl Relevance {
    fn content(&self, t: &Token) -> bool {
        let w = t.text.as_str();
        let len = if w.is_ascii() {
            w.len()
        } else {
            w.chars().count()
        };
        len >= self.min_len && w.chars().any(char::is_alphabetic) && !self.stop.has(t)
    }

    /// Distinct stems of a text's content words, in order.
    fn stems(&self, text: &Text) -> Vec<String> {
        let mut seen: FxHashSet<std::borrow::Cow<str>> = FxHashSet::default();
        let mut out: Vec<String> = Vec::new();
        for t in &text.tokens {
            if !self.content(t) {
                continue;
            }
            let s = stem_str(&t.text);
            if !seen.contains(&s) {
                out.push(s.to_string());
                seen.insert(s);
            }
        }
        out
    }

    /// The answer's distinct stems, as [`word_hash`]es: of all its words, and of the
    /// officer's own.
    fn answer_stems(&self, a: &Text) -> (FxHashSet<u64>, FxHashSet<u64>) {
        let (mut all, mut own) = (FxHashSet::default(), FxHashSet::default());
        for t in &a.tokens {
            if !self.content(t) {
                continue;
            }
            let h = stem_hash(t);
            if t.own {
                own.insert(h);
            }
            all.insert(h);
        }
        (all, own)
    }

    /// A product or brand name: a capitalised word right after a word of `name_markers`
    /// ("merek", "krim", "sirup", …), not a word of `not_names`.
    fn name_at(&self, text: &Text, i: usize) -> bool {
        let t = &text.tokens[i];
        i > 0
            && t.capital
            && t.sentence == text.tokens[i - 1].sentence
            && self.markers.has(&text.tokens[i - 1])
            && t.text.chars().count() >= 3
            && !self.stop.has(t)
            && !self.not_names.has(t)
            && !shouting(text)
    }

    /// Named things of the question: registration codes and product or brand names.
    fn names(&self, q: &Text) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in q.tokens.iter().enumerate() {
            if (is_code(&t.text) || self.name_at(q, i))
                && !out.iter().any(|o: &String| *o == t.text)
            {
                out.push(t.text.to_string());
            }
        }
        out
    }

    /// Another product named in the answer: a registration code or a product name that
    /// the question does not have.
    fn other_name<'a>(&self, row: &Row<'a>, asked: &FxHashSet<&str>) -> Option<&'a str> {
        let a = &row.answer;
        (0..a.tokens.len()).find_map(|i| {
            let t = &a.tokens[i];
            let named = t.own
                && !asked.contains(t.text.as_str())
                && (is_code(&t.text) || self.name_at(a, i));
            named.then(|| a.excerpt(t.start, t.end))
        })
    }

    /// The explicit sub-questions of a question whose content words the answer never
    /// addresses: the question is cut into clauses at numbered items ("1)", "(2)") and at a
    /// question word that opens a further question ("… dan apakah …"); with two or more
    /// clauses, a clause none of whose content words the answer has is unanswered.
    fn unanswered<'a>(&self, q: &Text<'a>, a_stems: &FxHashSet<u64>) -> Option<&'a str> {
        let mut clauses: Vec<(usize, usize)> = Vec::new();
        for s in &q.sentences {
            let before = clauses.len();
            let mut start = s.first;
            for i in s.first + 1..s.end {
                let t = &q.tokens[i];
                let numbered = t.text.len() == 1
                    && t.text.chars().all(|c| c.is_ascii_digit())
                    && t.punct_after == Some(')');
                let asks = self.question_words.has(t)
                    && matches!(
                        q.tokens[i - 1].text.as_str(),
                        "dan" | "serta" | "lalu" | "juga"
                    );
                if (numbered || asks) && i > start {
                    clauses.push((start, i));
                    start = i;
                }
            }
            // A sentence counts when it asks ("…?") or was cut into clauses.
            if clauses.len() > before || q.sentence_text(s).ends_with('?') {
                clauses.push((start, s.end));
            }
        }
        if clauses.len() < 2 {
            return None;
        }
        // Each clause's own stems: those no other clause shares (the subject the clauses
        // have in common does not answer any of them).
        let stems_of = |(from, to): (usize, usize)| -> Vec<String> {
            q.tokens[from..to]
                .iter()
                .filter(|t| self.content(t) && !self.reply_words.has(t))
                .map(|t| stem(&t.text))
                .collect()
        };
        let all: Vec<Vec<String>> = clauses.iter().map(|c| stems_of(*c)).collect();
        clauses.iter().enumerate().find_map(|(k, &(from, to))| {
            let own: Vec<&String> = all[k]
                .iter()
                .filter(|x| !all.iter().enumerate().any(|(j, o)| j != k && o.contains(x)))
                .collect();
            (!own.is_empty() && !own.iter().any(|x| a_stems.contains(&word_hash(x))))
                .then(|| q.excerpt(q.tokens[from].start, q.tokens[to - 1].end))
        })
    }
}

impl TextCheck for Relevance {
    fn reads_question(&self) -> bool {
        true
    }

    fn uses_corpus(&self) -> bool {
        true
    }

    fn terms(&self, question: &Text) -> Vec<String> {
        self.stems(question)
    }

    fn check(&self, row: &Row, corpus: Option<&Corpus>, lang: Lang) -> Verdict {
        let (q, a) = (&row.question, &row.answer);
        let q_stems = self.stems(q);
        let (a_stems, own_stems) = self.answer_stems(a);
        let weight = |t: &str| corpus.map_or(1.0, |c| c.idf(t));
        let total: f64 = q_stems.iter().map(|t| weight(t)).sum();
        let found: Vec<&String> = q_stems
            .iter()
            .filter(|t| a_stems.contains(&word_hash(t)))
            .collect();
        let share = if total > 0.0 {
            found.iter().map(|t| weight(t)).sum::<f64>() / total
        } else {
            0.0
        };
        let pct = (share * 100.0).round();
        let shown: Vec<&str> = found.iter().take(6).map(|s| s.as_str()).collect();
        let measured = tr!(
            lang,
            "{}% kata kunci pertanyaan (berbobot) dibahas: {}",
            "{}% of the question's key words (weighted) addressed: {}",
            pct,
            if shown.is_empty() {
                "-".to_string()
            } else {
                shown.join(", ")
            }
        );
        let content = a.tokens.iter().filter(|t| t.own && self.content(t)).count();

        let complaint = row
            .service_type
            .is_some_and(|s| self.complaints.contains(&s.to_lowercase()));
        // A bare acknowledgement or forwarding of a complaint is partial, not fail.
        let short = if complaint {
            State::Partial
        } else {
            State::Fail
        };
        let yes_no = self.yes_no.first_anywhere(q).is_some();
        // A reply word early in the officer's words ("Boleh, …", "… belum terdaftar …").
        let mut own = a.tokens.iter().filter(|t| t.own);
        let first_reply = own.next().is_some_and(|t| self.reply_words.has(t));
        let direct = first_reply
            || share >= self.partial && own.take(DIRECT_WITHIN).any(|t| self.reply_words.has(t));
        if content < self.min_content {
            let replies = a.tokens.iter().any(|t| t.own && self.reply_words.has(t));
            if yes_no && replies && (!found.is_empty() || q_stems.is_empty()) {
                return Verdict::new(
                    State::Pass,
                    format!(
                        "{}; {measured}",
                        lang.pick(
                            "jawaban singkat atas pertanyaan ya/tidak",
                            "short reply to a yes/no question"
                        )
                    ),
                );
            }
            return Verdict::new(
                short,
                tr!(
                    lang,
                    "jawaban tanpa isi ({} kata isi)",
                    "answer without content ({} content words)",
                    content
                ),
            );
        }
        if content < self.min_content * 3
            && let Some(h) = self.deferrals.first_anywhere(a)
        {
            return Verdict::new(
                short,
                format!(
                    "{} \"{}\"",
                    lang.pick("hanya penundaan:", "only a deferral:"),
                    crate::text::lexicon::hit_text(a, h)
                ),
            );
        }
        // A complaint registered or forwarded with words of its own is addressed.
        let handled = complaint
            && content >= self.min_content * 2
            && self.handling.first_anywhere(a).is_some();
        // Another registration number in place of the one asked about: another product.
        let q_codes = codes(q.raw);
        let a_codes = if q_codes.is_empty() {
            Vec::new()
        } else {
            codes(a.raw)
        };
        if !q_codes.is_empty()
            && !q_codes.iter().any(|c| a_codes.contains(c))
            && let Some(other) = a_codes.iter().find(|c| !q_codes.contains(c))
        {
            return Verdict::new(
                State::Fail,
                tr!(
                    lang,
                    "membahas nomor {}, bukan {} yang ditanyakan; {}",
                    "addresses number {}, not the {} asked about; {}",
                    other,
                    q_codes[0],
                    measured
                ),
            );
        }
        let mut cap = State::Pass;
        let mut why = String::new();
        let names = self.names(q);
        if !names.is_empty() {
            let answered = names.iter().any(|n| a.tokens.iter().any(|t| t.text == *n))
                || self.anaphora.first_anywhere(a).is_some()
                || (names.iter().any(|n| is_code(n)) && {
                    let compact_answer = compact(a.raw);
                    names
                        .iter()
                        .any(|n| is_code(n) && compact_answer.contains(&compact(n)))
                });
            if !answered {
                let asked: FxHashSet<&str> = q.tokens.iter().map(|t| t.text.as_str()).collect();
                if let Some(other) = self.other_name(row, &asked)
                    && share < self.pass
                {
                    return Verdict::new(
                        State::Fail,
                        tr!(
                            lang,
                            "membahas \"{}\", bukan \"{}\" yang ditanyakan; {}",
                            "addresses \"{}\", not the \"{}\" asked about; {}",
                            other,
                            names[0],
                            measured
                        ),
                    );
                }
            }
        }
        if let Some(sub) = self.unanswered(q, &own_stems) {
            cap = State::Partial;
            why = tr!(
                lang,
                "sub-pertanyaan tidak dijawab: \"{}\"; ",
                "sub-question not answered: \"{}\"; ",
                super::clip(sub)
            );
        }
        // A redirect with no statement of its own about the case ("silakan cek sendiri").
        let states = a.tokens.iter().any(|t| t.own && self.reply_words.has(t));
        if !handled && !states && self.redirects.first_anywhere(a).is_some() {
            cap = State::Partial;
            why = lang
                .pick(
                    "hanya mengarahkan untuk memeriksa sendiri; ",
                    "only redirects; ",
                )
                .to_string();
        }
        let state = if share >= self.pass || handled || (yes_no && direct) {
            State::Pass
        } else if share >= self.partial {
            State::Partial
        } else {
            State::Fail
        };
        let state = if state == State::Pass { cap } else { state };
        Verdict::new(state, format!("{why}{measured}"))
    }
}

//! `kind = "relevance"`: the answer responds to what was asked (labelling guide,
//! relevansi).
//!
//! The question's key words — its content words (not `stopwords`, at least
//! `min_word_length` letters), without the framing of who asks and how (`framing`:
//! "penelepon menanyakan", "surat", "mohon informasi") — are stemmed
//! ([`crate::text::stem`]) and weighted by how rare they are among the questions of the
//! export being scored (IDF over its [`Corpus`]); the score is the weighted share found in
//! the answer's body. The body ([`Body`]) is what the officer says about the question: not
//! the letter head and its "di <city>" line (`letter_heads`), a greeting clause holding only
//! address terms and names (`greetings`: "Selamat siang Ibu Kartika,"), a thanks, closing or
//! letter-formula clause (`courtesies`), the signature after a sign-off (`sign_offs`), nor a
//! sentence of the caller or customer (the officer's restatement of the question); a short
//! quotation inside the officer's sentence (a product name) counts. Evidence names the
//! question's words as written. On top of that share:
//! - an automatic reply (`auto_replies`) fails;
//! - an answer with fewer than `min_content_words` content words passes only as a short
//!   reply to a yes/no question (a word of `yes_no` and none of `open_questions` in the
//!   question, a word of `reply_words` in the answer, and a key word addressed); otherwise it
//!   fails (a bare greeting or closing, a DM pointer), or is partial for a complaint (service
//!   type in `complaints`) it acknowledges (`handling`);
//! - a deferral (`deferrals`) with few content words and little of the question fails, or is
//!   partial for a complaint it acknowledges;
//! - the question's named things must be addressed as whole names: registration numbers,
//!   and products or brands — a quotation ('AcneGone Facial Wash'), capitalised words after
//!   a word of `name_markers` ("krim Glowy Putih"), or before a word of `form_words`
//!   ("Dextrolin sirup"); a company's name (after `company_markers`) names no product. When
//!   none is named in the answer and it names another product or number ("Vita Bunda Hamil"
//!   for "Vita Bunda Laktasi"), it fails; so does a product named in reply to a question that
//!   names none, when the answer shares less than `partial` of the question;
//! - with two or more explicit sub-questions (sentences ending in "?", numbered items,
//!   "… dan apakah …"), one whose content words the answer never addresses makes it at most
//!   partial, and at least partial when another is answered (`pass` of its own words);
//! - a reply that redirects (`redirects`, e.g. "silakan cek di cekbpom") without a statement
//!   of its own (no word of `reply_words`) is partial when it is about the product asked
//!   about or shares `partial` of the question, unless it handles a complaint.
//!
//! Then share ≥ `pass` passes, as does a complaint the answer registers or forwards in a way
//! specific to it (a phrase of `handling` with twice `min_content_words` content words and
//! `partial` of the question, or three times as many content words) and a yes/no question
//! answered directly (a word of `reply_words` opening the body, or within its first words
//! when `partial` is reached); share ≥ `partial` is partial, as is a complaint the answer
//! only acknowledges.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::{Check, Corpus, Resources, Row, TextCheck, Verdict, keys, phrases};
use crate::i18n::Lang;
use crate::state::State;
use crate::text::lexicon::Phrases;
use crate::text::lexicon::WordMap;
use crate::text::stem::stem_str;
use crate::text::{Sentence, Text, Token, word_hash};

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
    courtesies: Vec<String>,
    #[serde(default)]
    letter_heads: Vec<String>,
    #[serde(default)]
    sign_offs: Vec<String>,
    #[serde(default)]
    auto_replies: Vec<String>,
    #[serde(default)]
    form_words: Vec<String>,
    #[serde(default)]
    open_questions: Vec<String>,
    #[serde(default)]
    framing: Vec<String>,
    #[serde(default)]
    company_markers: Vec<String>,
    #[serde(default)]
    greetings: Vec<String>,
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
    /// Every word of the word lists (`stopwords`, `reply_words`, `not_names`,
    /// `name_markers`, `question_words`, `form_words`, `open_questions`, `framing`,
    /// `company_markers`), with the [`mark`] bits of the lists that hold it: one look-up
    /// per word.
    words: WordMap<u16>,
    yes_no: Phrases,
    deferrals: Phrases,
    redirects: Phrases,
    complaints: FxHashSet<String>,
    handling: Phrases,
    courtesies: Phrases,
    letter_heads: Phrases,
    sign_offs: Phrases,
    auto_replies: Phrases,
    greetings: Phrases,
}

/// What the word lists say of a word ([`Relevance::marks`]).
mod mark {
    pub const STOP: u16 = 1;
    pub const REPLY: u16 = 1 << 1;
    pub const NOT_NAME: u16 = 1 << 2;
    pub const MARKER: u16 = 1 << 3;
    pub const QUESTION: u16 = 1 << 4;
    pub const FORM: u16 = 1 << 5;
    pub const OPEN: u16 = 1 << 6;
    pub const FRAMING: u16 = 1 << 7;
    pub const COMPANY: u16 = 1 << 8;
    /// A content word: not a stop word, at least `min_word_length` characters, a letter.
    pub const CONTENT: u16 = 1 << 9;
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
    let mut words: WordMap<u16> = WordMap::default();
    for (list, bit) in [
        (&k.stopwords, mark::STOP),
        (&k.reply_words, mark::REPLY),
        (&k.not_names, mark::NOT_NAME),
        (&k.name_markers, mark::MARKER),
        (&k.question_words, mark::QUESTION),
        (&k.form_words, mark::FORM),
        (&k.open_questions, mark::OPEN),
        (&k.framing, mark::FRAMING),
        (&k.company_markers, mark::COMPANY),
    ] {
        for w in list {
            *words.get_or_default(w.to_lowercase()) |= bit;
        }
    }
    Ok(std::sync::Arc::new(Relevance {
        pass: k.pass,
        partial: k.partial,
        min_len: k.min_word_length,
        min_content: k.min_content_words,
        words,
        yes_no: phrases("yes_no", &k.yes_no)?,
        deferrals: phrases("deferrals", &k.deferrals)?,
        redirects: phrases("redirects", &k.redirects)?,
        complaints: lower(&k.complaints),
        handling: phrases("handling", &k.handling)?,
        courtesies: phrases("courtesies", &k.courtesies)?,
        letter_heads: phrases("letter_heads", &k.letter_heads)?,
        sign_offs: phrases("sign_offs", &k.sign_offs)?,
        auto_replies: phrases("auto_replies", &k.auto_replies)?,
        greetings: phrases("greetings", &k.greetings)?,
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
    // A word the stemmer leaves whole (under five letters, or with a digit or another
    // mark: registration and ticket numbers, new in nearly every answer) is its own stem,
    // and stays out of the memo, which then holds the vocabulary and fits in the cache.
    let w = t.text.as_bytes();
    if w.is_ascii() && (w.len() < 5 || !w.iter().all(u8::is_ascii_alphabetic)) {
        return t.hash;
    }
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

/// Words at the start of a sentence in which a courtesy, letter head or sign-off opens.
const OPENING_WORDS: usize = 4;

/// Words of a greeting, thanks or closing clause at most ("Selamat siang Ibu Kartika,").
const COURTESY_WORDS: usize = 10;

/// Words of a quotation inside the officer's sentence that still count as the officer's
/// (a product name, a claim on a label); a longer one is the customer's message.
const QUOTED_WITHIN: usize = 6;

/// Words of a product or brand name at most.
const NAME_WORDS: usize = 6;

/// Marks that open or close a quoted name.
const QUOTES: [char; 6] = ['"', '\'', '“', '”', '‘', '’'];

/// What the answer says about the question: the officer's words without the letter head
/// and its "di <city>" line, the greeting, thanks and closing clauses (`courtesies`), the
/// signature after a sign-off (`sign_offs`), and the caller's or customer's sentences (the
/// officer's restatement of the question, a quoted message); a short quotation inside the
/// officer's sentence (a product name, a label claim) counts.
struct Body {
    /// Distinct stems of the content words, as [`word_hash`]es.
    stems: FxHashSet<u64>,
    /// Content words of the officer's own.
    content: usize,
    /// A word of `reply_words` opens the body, comes within [`DIRECT_WITHIN`] words, or
    /// anywhere.
    first_reply: bool,
    early_reply: bool,
    any_reply: bool,
}

impl Body {
    /// A quotation of `len` words whose content stems are `stems`: kept when short.
    fn keep_quoted(&mut self, stems: &[u64], len: usize) {
        if len <= QUOTED_WITHIN {
            self.stems.extend(stems.iter().copied());
        }
    }
}

/// Registration numbers of a text, compacted ("POM SD 181 345 221" → "SD181345221"): two
/// or three capitals and eight or more digits, spaces allowed between the digits.
fn codes(raw: &str) -> Vec<String> {
    // Most texts have no two capitals before a digit, or not eight digits after them: skip
    // the regex for them, and start it at the first place a code can start.
    let Some(from) = code_start(raw.as_bytes()) else {
        return Vec::new();
    };
    if raw.as_bytes()[from..]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .nth(7)
        .is_none()
    {
        return Vec::new();
    }
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        // ASCII boundaries and digits: a Unicode `\b` sends the regex engine from its DFA
        // to a backtracker (a code is ASCII letters and digits either way).
        regex::Regex::new(r"(?-u:\b)[A-Z]{2,3} ?(?:[0-9] ?){7,15}[0-9](?-u:\b)").ok()
    });
    let Some(re) = re else {
        return Vec::new();
    };
    // As `find_iter` from the text's start (no match starts before `from`; `find_at` reads
    // the word boundary at `from` in the whole text's context).
    let mut out: Vec<String> = Vec::new();
    let mut at = from;
    while let Some(m) = re.find_at(raw, at) {
        out.push(compact(m.as_str()));
        at = m.end().max(m.start() + 1);
    }
    out.dedup();
    out
}

/// Where the first place is that a registration code can start: two or three ASCII
/// capitals and a digit, a space allowed before the digit (a superset of [`codes`]' regex:
/// no match starts before it).
fn code_start(b: &[u8]) -> Option<usize> {
    let up = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let digit_at = |i: usize| {
        b.get(i).is_some_and(u8::is_ascii_digit)
            || b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let mut i = 0;
    while i + 2 < b.len() {
        // Two capitals at `i`: when the second byte is none, no pair starts at `i` or
        // `i + 1`.
        if !b[i + 1].is_ascii_uppercase() {
            i += 2;
            continue;
        }
        if up(i) && (digit_at(i + 2) || up(i + 2) && digit_at(i + 3)) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether a text is written in capitals throughout (then a capital marks no name).
fn shouting(text: &Text) -> bool {
    // Stops at the first lower-case letter, which nearly every text has early on.
    let mut letters = text.raw.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// A registration-like code: two or three letters, then at least eight digits
/// ("na18231200456", "dbl1234567890a1"); ticket numbers and dates are not.
fn is_code(word: &str) -> bool {
    // Two letters and eight digits at least: shorter words, and words that do not open
    // with a letter, are none.
    if word.len() < 10 || !word.as_bytes()[0].is_ascii_alphabetic() || word.contains(['-', '/']) {
        return false;
    }
    let letters = word.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let digits = word.chars().filter(|c| c.is_ascii_digit()).count();
    (2..=3).contains(&letters) && digits >= 8
}

impl Relevance {
    /// Each token's [`mark`] bits, looked up once per token of a text.
    fn marks(&self, text: &Text) -> Vec<u16> {
        text.tokens
            .iter()
            .map(|t| {
                let m = self.words.get(t).copied().unwrap_or(0);
                let w = t.text.as_str();
                let (len, letter) = if w.is_ascii() {
                    (w.len(), w.bytes().any(|b| b.is_ascii_alphabetic()))
                } else {
                    (w.chars().count(), w.chars().any(char::is_alphabetic))
                };
                if len >= self.min_len && letter && m & mark::STOP == 0 {
                    m | mark::CONTENT
                } else {
                    m
                }
            })
            .collect()
    }

    /// The question's key words: the distinct stems of its content words (as
    /// [`word_hash`]es), each with the first word that has it (evidence names the word as
    /// written, not its stem).
    fn key_words<'q>(&self, q: &'q Text, marks: &[u16]) -> Vec<(u64, &'q Token)> {
        let mut out: Vec<(u64, &'q Token)> = Vec::new();
        for (t, &m) in q.tokens.iter().zip(marks) {
            if m & mark::CONTENT == 0 || m & mark::FRAMING != 0 {
                continue;
            }
            let s = stem_hash(t);
            if !out.iter().any(|(o, _)| *o == s) {
                out.push((s, t));
            }
        }
        out
    }

    /// The body of the answer (see [`Body`]), in one pass over its sentences.
    fn body(&self, a: &Text, marks: &[u16]) -> Body {
        let mut b = Body {
            // About one content word in three of an answer's words.
            stems: FxHashSet::with_capacity_and_hasher(a.own.len() / 3, Default::default()),
            content: 0,
            first_reply: false,
            early_reply: false,
            any_reply: false,
        };
        let mut words = 0usize;
        let mut head = false;
        // A quotation's content stems, kept when the quotation is short.
        let mut quoted = [0u64; QUOTED_WITHIN];
        let (mut n_quoted, mut n_kept) = (0usize, 0usize);
        for (k, s) in a.sentences.iter().enumerate() {
            // The caller's or visitor's sentence, or the customer's quoted words: a
            // restatement of the question.
            if !a.tokens[s.first].own {
                continue;
            }
            let opening = Sentence {
                own_end: s.own_end.min(s.own_first + OPENING_WORDS),
                ..s.clone()
            };
            let head_hit = if k == 0 {
                self.letter_heads.first_in(a, &opening)
            } else {
                None
            };
            // The address block's "di <city>" line.
            if std::mem::take(&mut head) && a.tokens[s.first].text == "di" && s.len() <= 6 {
                continue;
            }
            // The signature after a sign-off ("Hormat kami, <name>").
            if b.content > 0 && self.sign_offs.first_in(a, &opening).is_some() {
                break;
            }
            // A letter head, greeting, thanks or closing: its clause up to the first comma
            // when short (a greeting's only when it holds no word in lower case but
            // courtesies and address terms: "Hai Glow Niacinamide emang …" is content),
            // else the phrase itself; clause after clause ("Halo Kak, terima kasih …").
            let mut from = s.first;
            let mut hit = head_hit;
            loop {
                let at = a.own[s.own_first..s.own_end].partition_point(|&i| i < from);
                let rest = Sentence {
                    first: from,
                    own_first: s.own_first + at,
                    own_end: s.own_end.min(s.own_first + at + OPENING_WORDS),
                    ..s.clone()
                };
                let greeting = hit.is_none() && {
                    hit = self.greetings.first_in(a, &rest);
                    hit.is_some()
                };
                let Some(h) = hit.take().or_else(|| self.courtesies.first_in(a, &rest)) else {
                    break;
                };
                let clause = a.tokens[from..s.end]
                    .iter()
                    .position(|t| t.punct_after == Some(','))
                    .map_or(s.end, |p| from + p + 1);
                let plain = !greeting
                    || a.tokens[h.end..clause]
                        .iter()
                        .zip(&marks[h.end..clause])
                        .all(|(t, &m)| t.capital || m & mark::CONTENT == 0);
                from = if clause - from <= COURTESY_WORDS && plain {
                    clause
                } else {
                    h.end
                };
                if from >= s.end {
                    break;
                }
            }
            if from == s.end {
                head = head_hit.is_some();
                continue;
            }
            for (t, &m) in a.tokens[from..s.end].iter().zip(&marks[from..s.end]) {
                let content = m & mark::CONTENT != 0;
                if !t.own {
                    if content && n_kept < QUOTED_WITHIN {
                        quoted[n_kept] = stem_hash(t);
                        n_kept += 1;
                    }
                    n_quoted += 1;
                    continue;
                }
                if n_quoted > 0 {
                    b.keep_quoted(&quoted[..n_kept], n_quoted);
                    (n_quoted, n_kept) = (0, 0);
                }
                if m & mark::REPLY != 0 {
                    b.any_reply = true;
                    b.first_reply |= words == 0;
                    b.early_reply |= words < DIRECT_WITHIN;
                }
                words += 1;
                if content {
                    b.content += 1;
                    b.stems.insert(stem_hash(t));
                }
            }
            if n_quoted > 0 {
                b.keep_quoted(&quoted[..n_kept], n_quoted);
                (n_quoted, n_kept) = (0, 0);
            }
        }
        b
    }

    /// A word that may be part of a product or brand name.
    fn name_word(t: &Token, m: u16) -> bool {
        t.capital && m & (mark::STOP | mark::NOT_NAME) == 0
    }

    /// The named products and brands of a text, as token ranges `[from, to)`: a quotation
    /// of up to [`NAME_WORDS`] words ('AcneGone Facial Wash'); capitalised words right
    /// after a word of `name_markers` ("krim Glowy Putih"); capitalised words right before
    /// a word of `form_words` ("Dextrolin sirup"), two or more of them when they open the
    /// sentence.
    fn name_runs(text: &Text, marks: &[u16]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        if shouting(text) {
            return out;
        }
        let tokens = &text.tokens;
        let has = |i: usize, bit: u16| marks[i] & bit != 0;
        let name_word = |i: usize| Self::name_word(&tokens[i], marks[i]);
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            // A company's name ("CV Kopi Lampung Jaya") names no product.
            if has(i, mark::COMPANY) {
                i += 1;
                while i < tokens.len() && tokens[i].capital && tokens[i].sentence == t.sentence {
                    i += 1;
                }
                continue;
            }
            let opens = text.raw[..t.start].ends_with(QUOTES);
            let mut run: Option<(usize, usize)> = None;
            if opens {
                // The quotation's words, up to its closing quote.
                let close = (i..tokens.len().min(i + NAME_WORDS)).find(|&j| {
                    tokens[j].sentence == t.sentence
                        && text.raw[tokens[j].end..].starts_with(QUOTES)
                });
                if let Some(j) = close
                    && tokens[i..=j].iter().any(|w| w.capital)
                {
                    run = Some((i, j + 1));
                }
            }
            if run.is_none()
                && i > 0
                && has(i - 1, mark::MARKER)
                && tokens[i - 1].sentence == t.sentence
                && name_word(i)
                && t.text.chars().count() >= 3
            {
                let mut j = i + 1;
                while j < tokens.len()
                    && j - i < NAME_WORDS
                    && tokens[j].sentence == t.sentence
                    && tokens[j - 1].punct_after.is_none()
                    && name_word(j)
                {
                    j += 1;
                }
                run = Some((i, j));
            }
            if run.is_none() && name_word(i) && !has(i, mark::MARKER) {
                let mut j = i + 1;
                while j < tokens.len()
                    && j - i < NAME_WORDS
                    && tokens[j].sentence == t.sentence
                    && tokens[j - 1].punct_after.is_none()
                    && name_word(j)
                    && !has(j, mark::MARKER)
                    && !has(j, mark::FORM)
                {
                    j += 1;
                }
                let opens_sentence = i == 0 || tokens[i - 1].sentence != t.sentence;
                if j < tokens.len()
                    && tokens[j].sentence == t.sentence
                    && tokens[j - 1].punct_after.is_none()
                    && has(j, mark::FORM)
                    && (j - i >= 2 || !opens_sentence)
                {
                    run = Some((i, j));
                }
            }
            match run {
                Some((from, to)) => {
                    out.push((from, to));
                    i = to;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Another product named in the answer in place of the one asked about: the question
    /// names a product or brand ([`Self::name_runs`]) or a registration code, the answer
    /// never names it as a whole, and names another (a name that neither contains nor is
    /// contained in one of the question's, with a word the question lacks, or another
    /// code). A whole name is needed: "Vita Bunda Hamil" is not "Vita Bunda Laktasi".
    fn other_product<'a>(
        &self,
        q: &Text<'a>,
        a: &Text<'a>,
        a_marks: &[u16],
        q_runs: &[(usize, usize)],
        share: f64,
    ) -> Option<(&'a str, Option<&'a str>)> {
        let q_code = q.tokens.iter().find(|t| is_code(&t.text));
        // A question that names nothing: a product the answer names while sharing little of
        // the question is another case's.
        let unnamed = q_runs.is_empty() && q_code.is_none();
        if unnamed && share >= self.partial {
            return None;
        }
        let within = |small: &[Token], big: &[Token]| {
            big.windows(small.len())
                .any(|w| w.iter().zip(small).all(|(x, y)| x.text == y.text))
        };
        // The asked name written out in full: no need to find the answer's names.
        if q_runs
            .iter()
            .any(|&(f, e)| within(&q.tokens[f..e], &a.tokens))
            || q_code.is_some_and(|c| compact(a.raw).contains(&compact(&c.text)))
        {
            return None;
        }
        let a_runs = Self::name_runs(a, a_marks);
        let same = |(af, ae): (usize, usize), (qf, qe): (usize, usize)| {
            let (x, y) = (&a.tokens[af..ae], &q.tokens[qf..qe]);
            within(x, y) || within(y, x)
        };
        if a_runs
            .iter()
            .any(|&ar| q_runs.iter().any(|&qr| same(ar, qr)))
        {
            return None;
        }
        let asked = |t: &Token| q.tokens.iter().any(|x| x.text == t.text);
        let span = |text: &Text<'a>, (f, e): (usize, usize)| {
            text.excerpt(text.tokens[f].start, text.tokens[e - 1].end)
        };
        let other = a_runs
            .iter()
            .find(|&&(f, e)| {
                !q_runs.iter().any(|&qr| same((f, e), qr))
                    && a.tokens[f..e].iter().any(|t| !asked(t))
            })
            .map(|&r| span(a, r))
            .or_else(|| {
                a.tokens
                    .iter()
                    .find(|t| t.own && is_code(&t.text) && !asked(t))
                    .map(|t| a.excerpt(t.start, t.end))
            })?;
        let asked_name = q_runs
            .first()
            .map(|&r| span(q, r))
            .or_else(|| q_code.map(|t| q.excerpt(t.start, t.end)));
        Some((other, asked_name))
    }

    /// The first explicit sub-question of a question whose content words the answer never
    /// addresses, and whether the answer addresses another (`pass` of its words, weighted by
    /// rarity): the question is cut into
    /// clauses at numbered items ("1)", "(2)") and at a question word that opens a further
    /// question ("… dan apakah …"); with two or more clauses, a clause none of whose content
    /// words the answer has is unanswered.
    fn unanswered<'a>(
        &self,
        q: &Text<'a>,
        q_marks: &[u16],
        a_stems: &FxHashSet<u64>,
        weight: &dyn Fn(u64) -> f64,
    ) -> Option<(&'a str, bool)> {
        let mut clauses: Vec<(usize, usize)> = Vec::new();
        for s in &q.sentences {
            let before = clauses.len();
            let mut start = s.first;
            let rest = s.first + 1..s.end;
            let words = q.tokens[rest.clone()].iter().zip(&q_marks[rest.clone()]);
            for (i, (t, m)) in rest.zip(words) {
                let numbered = t.text.len() == 1
                    && t.text.chars().all(|c| c.is_ascii_digit())
                    && t.punct_after == Some(')');
                let asks = m & mark::QUESTION != 0
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
        let stems_of = |(from, to): (usize, usize)| -> Vec<u64> {
            q.tokens[from..to]
                .iter()
                .zip(&q_marks[from..to])
                .filter(|(_, m)| {
                    *m & (mark::CONTENT | mark::REPLY | mark::FRAMING) == mark::CONTENT
                })
                .map(|(t, _)| stem_hash(t))
                .collect()
        };
        let all: Vec<Vec<u64>> = clauses.iter().map(|c| stems_of(*c)).collect();
        // Per clause: whether it has stems of its own, and whether the answer has one.
        let weighed: Vec<(f64, f64)> = (0..all.len())
            .map(|k| {
                let own: Vec<u64> = all[k]
                    .iter()
                    .filter(|x| !all.iter().enumerate().any(|(j, o)| j != k && o.contains(x)))
                    .copied()
                    .collect();
                let found = |x: &&u64| a_stems.contains(*x);
                let total = own.iter().fold(0.0, |n, x| n + weight(*x));
                let share = own.iter().filter(found).fold(0.0, |n, x| n + weight(*x));
                (total, share)
            })
            .collect();
        // Another clause answered: the answer has at least `pass` of its own words.
        let other_answered = weighed
            .iter()
            .any(|&(total, share)| total > 0.0 && share >= self.pass * total);
        let addressed: Vec<(bool, bool)> = weighed
            .iter()
            .map(|&(total, share)| (total > 0.0, share > 0.0))
            .collect();
        clauses
            .iter()
            .zip(&addressed)
            .find_map(|(&(from, to), &(has_own, hit))| {
                (has_own && !hit).then(|| {
                    (
                        q.excerpt(q.tokens[from].start, q.tokens[to - 1].end),
                        other_answered,
                    )
                })
            })
    }
}

impl TextCheck for Relevance {
    fn phrase_lists(&mut self) -> Vec<&mut Phrases> {
        vec![
            &mut self.yes_no,
            &mut self.deferrals,
            &mut self.redirects,
            &mut self.handling,
            &mut self.courtesies,
            &mut self.letter_heads,
            &mut self.sign_offs,
            &mut self.auto_replies,
            &mut self.greetings,
        ]
    }

    fn reads_question(&self) -> bool {
        true
    }

    fn uses_corpus(&self) -> bool {
        true
    }

    fn terms(&self, question: &Text) -> Vec<u64> {
        // The stems of the question's key words: what `check` weighs by.
        self.key_words(question, &self.marks(question))
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    fn check(&self, row: &Row, corpus: Option<&Corpus>, lang: Lang) -> Verdict {
        let (q, a) = (&row.question, &row.answer);
        let (q_marks, a_marks) = (self.marks(q), self.marks(a));
        let keys = self.key_words(q, &q_marks);
        let body = self.body(a, &a_marks);
        let weight = |t: u64| corpus.map_or(1.0, |c| c.idf(t));
        // Each key word's weight once, and whether the answer has it.
        let weighed: Vec<(f64, bool)> = keys
            .iter()
            .map(|(s, _)| (weight(*s), body.stems.contains(s)))
            .collect();
        let total = weighed.iter().fold(0.0, |n, (w, _)| n + w);
        let share = if total > 0.0 {
            weighed
                .iter()
                .fold(0.0, |n, (w, hit)| if *hit { n + w } else { n })
                / total
        } else {
            0.0
        };
        let any_found = weighed.iter().any(|(_, hit)| *hit);
        let measured = || {
            let pct = (share * 100.0).round();
            let shown: Vec<&str> = keys
                .iter()
                .zip(&weighed)
                .filter(|(_, (_, hit))| *hit)
                .take(6)
                .map(|((_, t), _)| t.text.as_str())
                .collect();
            tr!(
                lang,
                "{}% kata kunci pertanyaan (berbobot) dibahas: {}",
                "{}% of the question's key words (weighted) addressed: {}",
                pct,
                if shown.is_empty() {
                    "-".to_string()
                } else {
                    shown.join(", ")
                }
            )
        };
        let content = body.content;
        if let Some(h) = self.auto_replies.first_anywhere(a) {
            return row.say(State::Fail, || {
                format!(
                    "{} \"{}\"",
                    lang.pick("balasan otomatis:", "auto-reply:"),
                    crate::text::lexicon::hit_text(a, h)
                )
            });
        }
        let complaint = row
            .service_type
            .is_some_and(|s| self.complaints.contains(&s.to_lowercase()));
        // A complaint the answer registers or forwards (`handling`): a bare acknowledgement
        // of it is partial, one specific to it passes.
        let registers = complaint && self.handling.first_anywhere(a).is_some();
        let short = if registers {
            State::Partial
        } else {
            State::Fail
        };
        // A yes/no question: a yes/no word and no question word asking for more.
        let yes_no =
            self.yes_no.first_anywhere(q).is_some() && !q_marks.iter().any(|m| m & mark::OPEN != 0);
        let direct = body.first_reply || share >= self.partial && body.early_reply;
        if content < self.min_content {
            if yes_no && body.any_reply && (any_found || keys.is_empty()) {
                return row.say(State::Pass, || {
                    format!(
                        "{}; {}",
                        lang.pick(
                            "jawaban singkat atas pertanyaan ya/tidak",
                            "short reply to a yes/no question"
                        ),
                        measured()
                    )
                });
            }
            return row.say(short, || {
                tr!(
                    lang,
                    "jawaban tanpa isi ({} kata isi)",
                    "answer without content ({} content words)",
                    content
                )
            });
        }
        // A deferral with no content: few words, little of the question's.
        if content < self.min_content * 3
            && share < self.partial
            && let Some(h) = self.deferrals.first_anywhere(a)
        {
            return row.say(short, || {
                format!(
                    "{} \"{}\"",
                    lang.pick("hanya penundaan:", "only a deferral:"),
                    crate::text::lexicon::hit_text(a, h)
                )
            });
        }
        // Registered in a way specific to this complaint: with some of its key words, or at
        // length.
        let handled = registers
            && (content >= self.min_content * 2 && share >= self.partial
                || content >= self.min_content * 3);
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
            return row.say(State::Fail, || {
                tr!(
                    lang,
                    "membahas nomor {}, bukan {} yang ditanyakan; {}",
                    "addresses number {}, not the {} asked about; {}",
                    other,
                    q_codes[0],
                    measured()
                )
            });
        }
        let q_runs = Self::name_runs(q, &q_marks);
        match self.other_product(q, a, &a_marks, &q_runs, share) {
            Some((other, Some(asked))) => {
                return row.say(State::Fail, || {
                    tr!(
                        lang,
                        "membahas \"{}\", bukan \"{}\" yang ditanyakan; {}",
                        "addresses \"{}\", not the \"{}\" asked about; {}",
                        other,
                        asked,
                        measured()
                    )
                });
            }
            Some((other, None)) => {
                return row.say(State::Fail, || {
                    tr!(
                        lang,
                        "membahas \"{}\", yang tidak ditanyakan; {}",
                        "addresses \"{}\", which was not asked about; {}",
                        other,
                        measured()
                    )
                });
            }
            None => {}
        }
        let mut cap = State::Pass;
        let mut why = String::new();
        // Another sub-question answered: the answer is partial whatever its share.
        let mut floor = State::Fail;
        if let Some((sub, other_answered)) = self.unanswered(q, &q_marks, &body.stems, &weight) {
            cap = State::Partial;
            if other_answered {
                floor = State::Partial;
            }
            // Evidence only (masking the excerpt is costly): the state does not read it.
            if row.evidence {
                why = tr!(
                    lang,
                    "sub-pertanyaan tidak dijawab: \"{}\"; ",
                    "sub-question not answered: \"{}\"; ",
                    super::clip(sub)
                );
            }
        }
        let state = if share >= self.pass || handled || (yes_no && direct) {
            State::Pass
        } else if share >= self.partial || registers || floor == State::Partial {
            State::Partial
        } else {
            State::Fail
        };
        // A redirect with no statement of its own about the case ("silakan cek sendiri").
        // It is partial when it points to the product asked about or the right topic, else
        // the share decides (a template about another topic fails).
        if !handled
            && !body.any_reply
            && (share >= self.partial || !q_runs.is_empty())
            && self.redirects.first_anywhere(a).is_some()
        {
            let why = lang.pick(
                "hanya mengarahkan untuk memeriksa sendiri; ",
                "only redirects; ",
            );
            return row.say(State::Partial, || format!("{why}{}", measured()));
        }
        let state = if state == State::Pass { cap } else { state };
        row.say(state, || format!("{why}{}", measured()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Kind, Rubric};

    #[test]
    fn a_word_left_whole_by_the_stemmer_is_its_own_stem_hash() {
        let text = Text::new(
            "Mendaftarkan produk NA18231200456 ke BPOM, sama-sama, pendaftaran dan kosmétik 24/7 ya",
        );
        for t in &text.tokens {
            assert_eq!(stem_hash(t), word_hash(&stem_str(&t.text)), "{}", t.text);
        }
        let daftar = word_hash("daftar");
        assert_eq!(stem_hash(&text.tokens[0]), daftar);
        assert_eq!(stem_hash(&text.tokens[6]), daftar);
    }

    #[test]
    fn a_code_starts_at_two_or_three_capitals_before_a_digit() {
        // The definition, position by position.
        let defined = |b: &[u8]| {
            let up = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
            let digit_at = |i: usize| {
                b.get(i).is_some_and(u8::is_ascii_digit)
                    || b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            };
            (0..b.len().saturating_sub(2))
                .find(|&i| up(i) && up(i + 1) && (digit_at(i + 2) || up(i + 2) && digit_at(i + 3)))
        };
        for s in [
            "POM SD 181",
            "MD 2245",
            "NA18231200456",
            "xSD1",
            "aB1",
            "AB",
            "Ab 1",
        ] {
            assert_eq!(code_start(s.as_bytes()), defined(s.as_bytes()), "{s}");
        }
        assert_eq!(code_start(b"no. POM NA18231200456"), Some(8));
        assert_eq!(code_start(b"PT Abc 1"), None);
        // The codes themselves, as the regex over the whole text finds them.
        assert_eq!(
            codes("Nomor POM NA18231200456 dan MD 2245 1200 1234, bukan xAB12345678."),
            ["NA18231200456", "MD224512001234"]
        );
        assert_eq!(codes("POM SD 181 345 221"), ["SD181345221"]);
        assert!(codes("ABCD12345678 dan AB1234567").is_empty());
        // Every text of up to six bytes over capitals, lower case, digits and spaces.
        let alphabet = b"Aa1 ";
        for len in 0..=6u32 {
            for n in 0..4usize.pow(len) {
                let text: Vec<u8> = (0..len).map(|k| alphabet[n / 4usize.pow(k) % 4]).collect();
                assert_eq!(code_start(&text), defined(&text), "{:?}", text);
            }
        }
    }

    fn relevance() -> std::sync::Arc<dyn TextCheck> {
        let rubric = Rubric::builtin().unwrap();
        let c = rubric
            .criteria
            .iter()
            .find(|c| c.id == "relevansi")
            .unwrap();
        let Kind::Text { check, .. } = &c.kind else {
            panic!("relevansi is not a text kind");
        };
        check.clone()
    }

    fn verdict(question: &str, answer: &str, service: Option<&str>) -> (State, String) {
        let row = Row::new(Some(question), answer).with_service_type(service);
        let v = relevance().check(&row, None, Lang::En);
        (v.state, v.evidence)
    }

    /// A letter about another product of the same kind: the whole name is needed, and the
    /// company's name in the address block names no product.
    #[test]
    fn another_product_in_a_letter() {
        let q = "Surat dari CV Teh Sumber Alam menanyakan persyaratan izin edar untuk produk teh celup \"Teh Melati Wangi\".";
        let a = "Yth. Direktur CV Teh Sumber Alam\ndi Sukabumi\n\nDengan hormat,\nMenjawab surat Saudara, kami sampaikan bahwa produk Teh Melati Harum atas nama PT Harum Sejahtera telah terdaftar dengan izin edar yang masih berlaku.";
        let (state, why) = verdict(q, a, None);
        assert_eq!(state, State::Fail, "{why}");
        assert!(why.contains("Teh Melati Harum"), "{why}");
    }

    /// A quoted product name is matched as a whole: another variant of the line fails,
    /// the same product passes, even when the answer greets the asker by name.
    #[test]
    fn whole_product_names() {
        let q = "Selamat pagi, apakah minuman \"Jahe Merah Sehat Anak\" sudah terdaftar dan aman untuk balita? Terima kasih, Wulan";
        let other = "Selamat pagi Ibu Wulan,\n\nMinuman \"Jahe Merah Sehat Dewasa\" diformulasikan untuk orang dewasa dan produk tersebut telah terdaftar serta aman dikonsumsi sesuai aturan pakai.";
        let (state, why) = verdict(q, other, None);
        assert_eq!(state, State::Fail, "{why}");
        assert!(why.contains("Jahe Merah Sehat Dewasa"), "{why}");
        let same = "Selamat pagi Ibu Wulan,\n\nMinuman \"Jahe Merah Sehat Anak\" telah terdaftar dan aman dikonsumsi balita sesuai aturan pakai pada label.";
        assert_eq!(verdict(q, same, None).0, State::Pass);
    }

    /// A product type after the name marks it ("Batukin sirup"): another drug fails.
    #[test]
    fn another_drug_of_the_same_class() {
        let q = "kak obat Batukin sirup boleh diminum anak umur 3 tahun ga?";
        let a = "Kak, Flukids Tetes sirup boleh diberikan untuk anak sesuai dosis pada brosur, jangan melebihi dosis ya.";
        let (state, why) = verdict(q, a, None);
        assert_eq!(state, State::Fail, "{why}");
    }

    /// The restatement of the question in a phone note and the greeting do not address it:
    /// a note that records only them fails; evidence names the question's words as written.
    #[test]
    fn restatement_and_greeting_do_not_count() {
        let q =
            "Penelepon menanyakan apakah sabun cuci piring boleh dipakai untuk mencuci sayuran.";
        let greet = "Petugas menyapa penelepon. Penelepon menanyakan apakah sabun cuci piring boleh dipakai untuk mencuci sayuran.";
        assert_eq!(verdict(q, greet, None).0, State::Fail);
        let answer = "Penelepon menanyakan penggunaan sabun cuci piring. Petugas menjelaskan bahwa sabun cuci piring tidak ditujukan untuk mencuci sayuran, cukup bilas sayuran dengan air mengalir.";
        let (state, why) = verdict(q, answer, None);
        assert_eq!(state, State::Pass, "{why}");
        assert!(why.contains("sayuran"), "{why}");
        assert!(!why.contains("telepon"), "{why}");
    }

    /// An address block, "Dengan hormat" and the letter formula are not what the letter
    /// says: a template about another procedure shares none of the question's rare words.
    #[test]
    fn letter_template_about_another_procedure() {
        let q = "Dengan hormat, UD Rasa Nusa bermaksud mengekspor keripik tempe ke Malaysia. Mohon informasi dokumen Surat Keterangan Ekspor yang diperlukan.";
        let a = "Yth. Pimpinan UD Rasa Nusa\ndi Malang\n\nDengan hormat,\nMenjawab surat Saudara, bersama ini kami sampaikan bahwa pendaftaran kosmetik lokal dilakukan melalui notifikasi daring oleh pemohon yang memiliki izin produksi kosmetik.\n\nDemikian kami sampaikan.\n\nHormat kami,\nDirektur Registrasi Pangan Olahan";
        let (state, why) = verdict(q, a, None);
        assert_eq!(state, State::Fail, "{why}");
    }

    /// An automatic reply fails even for a complaint; a bare acknowledgement of a complaint
    /// is partial; one that names what was reported passes.
    #[test]
    fn complaints() {
        let q = "Saya menemukan pecahan kaca di dalam roti tawar merek Lembut Pagi yang saya beli di toko dekat rumah.";
        let auto = "Terima kasih telah menghubungi kami. Pesan Anda telah kami terima. Email ini dikirim secara otomatis, mohon tidak membalas email ini.";
        assert_eq!(
            verdict(q, auto, Some("pengaduan")).0,
            State::Fail,
            "{:?}",
            verdict(q, auto, Some("pengaduan"))
        );
        let bare = "Baik Pak, laporan sudah kami terima, nanti kami follow up.";
        assert_eq!(verdict(q, bare, Some("pengaduan")).0, State::Partial);
        let specific = "Terima kasih atas laporan Bapak mengenai pecahan kaca dalam roti tawar Lembut Pagi. Laporan telah kami catat dan akan kami teruskan ke bidang pemeriksaan untuk penelusuran ke produsen roti tersebut.";
        let (state, why) = verdict(q, specific, Some("pengaduan"));
        assert_eq!(state, State::Pass, "{why}");
        // A deferral with no content fails, complaint or not.
        let deferral = "Sudah saya forward ke bagian terkait ya Pak.";
        assert_eq!(verdict(q, deferral, Some("pengaduan")).0, State::Fail);
    }

    /// Redirecting to a self-check about the named product is partial; the same redirect
    /// in reply to a question on another topic is a template, and fails.
    #[test]
    fn redirects() {
        let q = "Min, masker Daun Kelor Glow sudah terdaftar belum ya?";
        let a = "Halo Kak, silakan cek sendiri di cekbpom.pom.go.id ya. Terima kasih.";
        assert_eq!(verdict(q, a, None).0, State::Partial);
        let q2 = "Bagaimana cara mengajukan magang di laboratorium Balai Besar POM di Padang?";
        let a2 = "Terima kasih telah menghubungi kami. Sebelum membeli, lakukan Cek KLIK: kemasan, label, izin edar, kedaluwarsa. Izin edar dapat dilihat di cekbpom.pom.go.id. Salam sehat.";
        assert_eq!(verdict(q2, a2, None).0, State::Fail);
    }

    /// A greeting word that opens a product name ("Hai Glow") is not skipped with the
    /// clause; a question asking "how much" is no yes/no question.
    #[test]
    fn greetings_and_open_questions() {
        let q = "kak toner Hai Glow Rose itu asli ga? harganya murah banget";
        let a = "Hai Glow Rose yang asli memiliki segel hologram dan nomor notifikasi pada kemasan, kak, jadi periksa kemasan toner sebelum dipakai.";
        let (state, why) = verdict(q, a, None);
        assert_ne!(state, State::Fail, "{why}");
        let q2 = "Berapa biaya pendaftaran izin edar pangan olahan untuk usaha mikro ya?";
        let a2 = "Halo Kak. Boraks dilarang digunakan dalam pangan olahan karena berbahaya bagi kesehatan. Selalu pilih pangan yang aman.";
        assert_ne!(verdict(q2, a2, None).0, State::Pass);
    }

    /// With two explicit sub-questions, one answered and one not, the answer is partial.
    #[test]
    fn one_of_two_sub_questions() {
        let q = "Apakah kedai kopi rumahan perlu sertifikat P-IRT? Dan apakah boleh mencantumkan tulisan organik pada kemasan?";
        let a = "Untuk kedai kopi rumahan yang mengemas produknya sendiri, sertifikat P-IRT diperlukan dan diurus melalui Dinas Kesehatan setempat.";
        let (state, why) = verdict(q, a, None);
        assert_eq!(state, State::Partial, "{why}");
        assert!(why.contains("organik"), "{why}");
    }
}

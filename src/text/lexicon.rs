//! Phrase lexicons matched against the words of a [`Text`](super::Text).
//!
//! A phrase is written as words separated by spaces, in lower case, matched word for word
//! against the tokens (which are lower-cased and have inner apostrophes removed). Three
//! marks are allowed:
//! - `word*` matches any word that starts with `word` ("assalamu*", "terima*");
//! - a leading `^` anchors the phrase at the start of a sentence;
//! - a trailing `$` anchors it at the end of a sentence;
//! - `word,` needs a punctuation mark right after the word ("halo," but not "Halo Glow").
//!
//! Only the officer's own tokens are matched: a phrase never spans a quoted or other-party
//! word.

use rustc_hash::FxHashMap;

use super::{Sentence, Text, Token, word_hash};

#[derive(Debug, Clone, PartialEq)]
enum Word {
    /// The word, its [`word_hash`] (compared first), and whether punctuation must follow.
    Exact(String, u64, bool),
    Prefix(String, bool),
}

impl Word {
    fn matches(&self, t: &super::Token) -> bool {
        let (ok, punct) = match self {
            Word::Exact(x, h, p) => (*h == t.hash && *x == t.text, *p),
            Word::Prefix(x, p) => (t.text.starts_with(x.as_str()), *p),
        };
        ok && (!punct || t.punct_after.is_some())
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Phrase {
    words: Vec<Word>,
    at_start: bool,
    at_end: bool,
}

/// Words keyed by their [`word_hash`], each with the word itself (compared on a hit): one
/// probe of the table per look-up, by the hash a token already carries.
pub struct WordMap<T>(hashbrown::HashTable<(u64, String, T)>);

impl<T> Default for WordMap<T> {
    fn default() -> Self {
        WordMap(hashbrown::HashTable::new())
    }
}

impl<T> std::fmt::Debug for WordMap<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WordMap({} words)", self.0.len())
    }
}

impl<T> WordMap<T> {
    /// Adds a word; a word already in the map keeps its first value.
    pub fn insert(&mut self, word: String, value: T) {
        let h = word_hash(&word);
        if self.0.find(h, |e| e.0 == h && e.1 == word).is_none() {
            self.0.insert_unique(h, (h, word, value), |e| e.0);
        }
    }

    /// The value of `word`, inserted as the default when the map has none.
    pub fn get_or_default(&mut self, word: String) -> &mut T
    where
        T: Default,
    {
        let h = word_hash(&word);
        let entry = self
            .0
            .entry(h, |e| e.0 == h && e.1 == word, |e| e.0)
            .or_insert_with(|| (h, word, T::default()));
        &mut entry.into_mut().2
    }

    /// The entry of a token (its hash computed once when the text was analysed).
    pub fn get(&self, t: &Token) -> Option<&T> {
        self.0
            .find(t.hash, |e| e.0 == t.hash && e.1 == t.text)
            .map(|e| &e.2)
    }

    pub fn get_word(&self, word: &str) -> Option<&T> {
        let h = word_hash(word);
        self.0.find(h, |e| e.0 == h && e.1 == word).map(|e| &e.2)
    }
}

/// A set of words looked up by a token's hash.
pub type WordSet = WordMap<()>;

impl WordSet {
    /// The set of the words, in lower case.
    pub fn of<S: AsRef<str>>(words: &[S]) -> WordSet {
        let mut m = WordMap::default();
        for w in words {
            m.insert(w.as_ref().to_lowercase(), ());
        }
        m
    }

    pub fn has(&self, t: &Token) -> bool {
        self.get(t).is_some()
    }
}

/// A compiled phrase list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrases {
    /// Phrases by their exact first word.
    by_first: FxHashMap<u64, Vec<usize>>,
    /// Phrases whose first word is a prefix of four bytes or more, by its first four (a
    /// word can only start with a prefix that shares them; by two bytes, every Indonesian
    /// word that opens with "me", "di" or "se" would be compared with "selamat*").
    prefixed: FxHashMap<u32, Vec<usize>>,
    /// Phrases whose first word is a prefix of two or three bytes, by its first two.
    prefixed_pair: FxHashMap<u16, Vec<usize>>,
    /// Phrases whose first word is a one-byte prefix.
    prefixed_short: Vec<usize>,
    phrases: Vec<Phrase>,
    /// Bits of the exact first words' hashes ([`bloom_bit`]) and of the prefixes' first
    /// four bytes ([`quad_bit`]): most tokens start no phrase, and these tell so without a
    /// map lookup.
    exact_bits: [u64; 16],
    prefix_bits: [u64; 16],
    /// This list's bit in a [`PhraseIndex`] (0 when it is in none), and the index's id.
    slot: u64,
    index: u64,
}

/// Which phrase lists a token may open, for every list of a rubric at once: one look-up
/// per token when a text is analysed ([`PhraseIndex::mark`]) instead of one per token in
/// every list that scans it. A list reads a text's marks only when they come from the
/// index it is in; the marks only rule tokens out (a list still compares the words), so a
/// text scanned with or without them gives the same matches.
#[derive(Default)]
pub struct PhraseIndex {
    id: u64,
    lists: u32,
    /// By the first word's hash alone (a collision only makes a token a candidate: the
    /// list compares the words), by a prefix's first four bytes, or first two.
    exact: FxHashMap<u64, u64>,
    quads: FxHashMap<u32, u64>,
    pairs: FxHashMap<u16, u64>,
    short: u64,
}

impl std::fmt::Debug for PhraseIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhraseIndex({} lists)", self.lists)
    }
}

impl PhraseIndex {
    pub fn new() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        PhraseIndex {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..Default::default()
        }
    }

    /// Adds a list (up to 64 lists; a list beyond them scans every token as before).
    pub fn add(&mut self, list: &mut Phrases) {
        if self.lists >= 64 {
            return;
        }
        let bit = 1u64 << self.lists;
        self.lists += 1;
        list.slot = bit;
        list.index = self.id;
        for p in &list.phrases {
            match &p.words[0] {
                Word::Exact(_, h, _) => *self.exact.entry(*h).or_default() |= bit,
                Word::Prefix(w, _) => match Key::of_prefix(w) {
                    Key::Quad(k) => *self.quads.entry(k).or_default() |= bit,
                    Key::Pair(k) => *self.pairs.entry(k).or_default() |= bit,
                    Key::Short => self.short |= bit,
                },
            }
        }
    }

    /// Marks each token of a text with the lists it may open.
    pub fn mark(&self, text: &mut Text) {
        if self.lists == 0 {
            return;
        }
        text.starts.clear();
        text.starts.extend(text.tokens.iter().map(|t| {
            let mut bits = self.short | self.exact.get(&t.hash).copied().unwrap_or(0);
            if let Some(k) = quad(&t.text) {
                bits |= self.quads.get(&k).copied().unwrap_or(0);
            }
            if !self.pairs.is_empty()
                && let Some(k) = pair(&t.text)
            {
                bits |= self.pairs.get(&k).copied().unwrap_or(0);
            }
            bits
        }));
        text.starts_of = self.id;
    }
}

/// A word hash's bit in [`Phrases::exact_bits`]: its top ten bits (FxHash mixes upward).
fn bloom_bit(hash: u64) -> (usize, u64) {
    let b = (hash >> 54) as usize;
    (b / 64, 1 << (b % 64))
}

/// Four bytes' bit in [`Phrases::prefix_bits`]: ten bits of a multiplicative hash.
fn quad_bit(b: u32) -> (usize, u64) {
    let k = (b.wrapping_mul(0x9E37_79B1) >> 22) as usize;
    (k / 64, 1 << (k % 64))
}

/// Where a phrase matched: token range `[first, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub first: usize,
    pub end: usize,
}

impl Phrases {
    /// Compiles phrases; an error names the phrase that is empty or malformed.
    pub fn new<S: AsRef<str>>(list: &[S]) -> Result<Self, String> {
        let mut out = Phrases::default();
        for raw in list {
            let raw = raw.as_ref();
            let mut s = raw.trim();
            let at_start = s.starts_with('^');
            if at_start {
                s = &s[1..];
            }
            let at_end = s.ends_with('$');
            if at_end {
                s = &s[..s.len() - 1];
            }
            let mut words = Vec::new();
            for w in s.split_whitespace() {
                let w = w.to_lowercase().replace(['\'', '’'], "");
                let (w, punct) = match w.strip_suffix(',') {
                    Some(x) if !x.is_empty() => (x.to_string(), true),
                    _ => (w, false),
                };
                let word = match w.strip_suffix('*') {
                    Some(p) if !p.is_empty() && !p.contains('*') => {
                        Word::Prefix(p.to_string(), punct)
                    }
                    Some(_) => return Err(format!("\"{raw}\": \"*\" needs letters before it")),
                    None if w.contains('*') => {
                        return Err(format!("\"{raw}\": \"*\" may only end a word"));
                    }
                    None => {
                        let h = word_hash(&w);
                        Word::Exact(w, h, punct)
                    }
                };
                words.push(word);
            }
            if words.is_empty() {
                return Err(format!("\"{raw}\": empty phrase"));
            }
            let i = out.phrases.len();
            match &words[0] {
                Word::Exact(_, h, _) => {
                    let (k, bit) = bloom_bit(*h);
                    out.exact_bits[k] |= bit;
                    out.by_first.entry(*h).or_default().push(i)
                }
                Word::Prefix(p, _) => match Key::of_prefix(p) {
                    Key::Quad(k) => {
                        let (w, bit) = quad_bit(k);
                        out.prefix_bits[w] |= bit;
                        out.prefixed.entry(k).or_default().push(i)
                    }
                    Key::Pair(k) => out.prefixed_pair.entry(k).or_default().push(i),
                    Key::Short => out.prefixed_short.push(i),
                },
            }
            out.phrases.push(Phrase {
                words,
                at_start,
                at_end,
            });
        }
        Ok(out)
    }

    /// Matches of any phrase in one sentence, in token order (the longest phrase first at
    /// each position).
    pub fn find_in(&self, text: &Text, s: &Sentence) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.scan(text, s, &mut |h| {
            hits.push(h);
            true
        });
        hits
    }

    /// Calls `f` with each match in token order until it returns false.
    fn scan(&self, text: &Text, s: &Sentence, f: &mut dyn FnMut(Hit) -> bool) {
        let own = &text.own[s.own_first..s.own_end];
        // The text's marks from the index this list is in: tokens that open none of its
        // phrases are passed over with one test.
        let marks = (self.slot != 0 && text.starts_of == self.index)
            .then_some(text.starts.as_slice())
            .filter(|m| m.len() == text.tokens.len());
        for (k, &i) in own.iter().enumerate() {
            if let Some(m) = marks
                && m[i] & self.slot == 0
            {
                continue;
            }
            let mut best: Option<Hit> = None;
            // Exact first words by hash (the words are compared below), then prefixes. Which
            // phrase wins among equally long ones does not matter: a hit is a token range.
            let t = &text.tokens[i];
            let (k_exact, bit) = bloom_bit(t.hash);
            let exact = (self.exact_bits[k_exact] & bit != 0)
                .then(|| self.by_first.get(&t.hash))
                .flatten();
            let prefixed = quad(&t.text)
                .filter(|b| {
                    let (w, bit) = quad_bit(*b);
                    self.prefix_bits[w] & bit != 0
                })
                .and_then(|k| self.prefixed.get(&k));
            let paired = if self.prefixed_pair.is_empty() {
                None
            } else {
                pair(&t.text).and_then(|k| self.prefixed_pair.get(&k))
            };
            if exact.is_none()
                && prefixed.is_none()
                && paired.is_none()
                && self.prefixed_short.is_empty()
            {
                continue;
            }
            let candidates = exact
                .into_iter()
                .flatten()
                .chain(prefixed.into_iter().flatten())
                .chain(paired.into_iter().flatten())
                .chain(self.prefixed_short.iter());
            for &p in candidates {
                let ph = &self.phrases[p];
                if ph.at_start && k != 0 {
                    continue;
                }
                let n = ph.words.len();
                if k + n > own.len() {
                    continue;
                }
                // Consecutive own tokens, none skipped in between.
                if own[k + n - 1] - own[k] != n - 1 {
                    continue;
                }
                if ph.at_end && k + n != own.len() {
                    continue;
                }
                let ok = ph
                    .words
                    .iter()
                    .enumerate()
                    .all(|(d, word)| word.matches(&text.tokens[own[k + d]]));
                if ok && best.is_none_or(|b| b.end - b.first < n) {
                    best = Some(Hit {
                        first: i,
                        end: i + n,
                    });
                }
            }
            if let Some(h) = best
                && !f(h)
            {
                return;
            }
        }
    }

    /// The first match in a sentence.
    pub fn first_in(&self, text: &Text, s: &Sentence) -> Option<Hit> {
        let mut first = None;
        self.scan(text, s, &mut |h| {
            first = Some(h);
            false
        });
        first
    }

    /// The first match anywhere in the text.
    pub fn first_anywhere(&self, text: &Text) -> Option<Hit> {
        text.sentences.iter().find_map(|s| self.first_in(text, s))
    }
}

/// The first four bytes of a word, if it has four.
fn quad(w: &str) -> Option<u32> {
    match w.as_bytes() {
        [a, b, c, d, ..] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

/// The first two bytes of a word, if it has two.
fn pair(w: &str) -> Option<u16> {
    match w.as_bytes() {
        [a, b, ..] => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    }
}

/// What a prefix phrase is keyed by, in a list and in the index alike: its first four
/// bytes, else its first two, else nothing (a one-byte prefix is a candidate everywhere).
enum Key {
    Quad(u32),
    Pair(u16),
    Short,
}

impl Key {
    fn of_prefix(p: &str) -> Key {
        match (quad(p), pair(p)) {
            (Some(k), _) => Key::Quad(k),
            (None, Some(k)) => Key::Pair(k),
            (None, None) => Key::Short,
        }
    }
}

/// The text a hit covers, as written.
pub fn hit_text<'a>(text: &Text<'a>, h: Hit) -> &'a str {
    text.excerpt(text.tokens[h.first].start, text.tokens[h.end - 1].end)
}

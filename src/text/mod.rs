//! Language analysis of one answer, done once and shared by every text criterion: words
//! (lower-cased tokens with their byte spans), sentences, and which words are the officer's
//! own (not quoted from the customer, not a courtesy the caller made in a phone note).
//!
//! The conventions follow `shared/labelling-guide.md`: text quoted from the customer does
//! not count as the officer's words, but a quoted line the note attributes to the officer
//! (`Petugas: "Selamat siang, ..."`) does; sentences whose subject is the caller or visitor
//! (`Penelepon mengucapkan terima kasih`) do not count either.

pub mod dictionary;
pub mod lexicon;
pub mod mask;
pub mod stem;

#[cfg(test)]
mod tests;

/// One word of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lower case, apostrophes inside the word removed ("assalamu'alaikum" →
    /// "assalamualaikum"); hyphens kept ("sama-sama").
    pub text: compact_str::CompactString,
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of its sentence.
    pub sentence: usize,
    /// The officer's own word (see the module doc).
    pub own: bool,
    /// Written with a capital first letter.
    pub capital: bool,
    /// The punctuation mark right after the word (spaces skipped), if any.
    pub punct_after: Option<char>,
    /// [`word_hash`] of `text`: lexicons look words up by it, hashing each word once.
    pub hash: u64,
}

/// The hash lexicons key their words by (FxHash of the lower-case word).
pub fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// A sentence: a range of tokens, and its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    /// The sentence's own tokens: `Text::own[own_first..own_end]`.
    pub own_first: usize,
    pub own_end: usize,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.end - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.first == self.end
    }
}

/// The analysis of one text.
#[derive(Debug, Clone, Default)]
pub struct Text<'a> {
    pub raw: &'a str,
    pub tokens: Vec<Token>,
    /// Sentences that hold at least one token, in order.
    pub sentences: Vec<Sentence>,
    /// Indices of the officer's own tokens, in order.
    pub own: Vec<usize>,
    /// Per token, the phrase lists it may open, from the [`lexicon::PhraseIndex`] whose id
    /// is `starts_of` (empty and 0 when no index marked the text).
    pub starts: Vec<u64>,
    pub starts_of: u64,
}

/// Words that, opening a sentence, make it the other party's (caller, visitor, reporter).
const OTHER_PARTY: &[&str] = &[
    "penelepon",
    "pelapor",
    "pengunjung",
    "konsumen",
    "pelanggan",
    "penanya",
    "pengadu",
    "customer",
    "caller",
    "ybs",
];

/// Words that, shortly before a quotation, attribute it to the officer.
const OFFICER_MARKERS: &[&str] = &[
    "petugas", "kami", "agent", "operator", "cs", "admin", "officer",
];

/// Words that, shortly before a quotation, attribute it to someone else.
const OTHER_MARKERS: &[&str] = &[
    "pesan",
    "penelepon",
    "pelapor",
    "pengunjung",
    "konsumen",
    "pelanggan",
    "menulis",
    "bertanya",
    "tertulis",
    "label",
    "kemasan",
    "iklan",
    "klaim",
    "bertuliskan",
    "berbunyi",
];

/// The ASCII letters and digits, by byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

impl<'a> Text<'a> {
    /// Analyses a text.
    pub fn new(raw: &'a str) -> Self {
        Self::analyse(raw, false)
    }

    /// Analyses a text; when `whole`, every word counts as own (no quotations looked for,
    /// no other party's sentences).
    fn analyse(raw: &'a str, whole: bool) -> Self {
        let quotes = if whole { Vec::new() } else { quoted_spans(raw) };
        let mut tokens = Vec::with_capacity(raw.len() / 6 + 1);
        let mut sentences: Vec<Sentence> = Vec::with_capacity(raw.len() / 64 + 1);
        // Byte offsets throughout; `char_at` decodes the one character at an offset.
        // ASCII, nearly all of an answer, is read as a byte without decoding.
        let bytes = raw.as_bytes();
        let char_at = |b: usize| match bytes.get(b) {
            Some(&x) if x < 0x80 => Some(x as char),
            Some(_) => raw.get(b..).and_then(|s| s.chars().next()),
            None => None,
        };
        let mut i = 0;
        while i < bytes.len() {
            let x = bytes[i];
            // Spaces and ASCII punctuation, most of what is not a word: only a sentence's end
            // matters.
            if x < 0x80 && !ASCII_WORD[x as usize] {
                if matches!(x, b'\n' | b'.' | b'!' | b'?')
                    && ends_sentence(x as char, char_at(i + 1), &tokens, &sentences)
                {
                    close_sentence(&tokens, &mut sentences, i + 1);
                }
                i += 1;
                continue;
            }
            let Some(c) = char_at(i) else { break };
            if !is_word_char(c) {
                let len = c.len_utf8();
                if c == '…' && ends_sentence(c, char_at(i + len), &tokens, &sentences) {
                    close_sentence(&tokens, &mut sentences, i + len);
                }
                i += len;
                continue;
            }
            // A word: letters and digits, with inner apostrophes, hyphens and dots between
            // digits or letters of a domain kept inside.
            let start = i;
            let mut j = i;
            let mut prev = c;
            let (mut apostrophe, mut ascii) = (false, true);
            loop {
                // A run of ASCII letters and digits, most of every word, byte by byte.
                let from = j;
                while j < bytes.len() && ASCII_WORD[bytes[j] as usize] {
                    j += 1;
                }
                if j > from {
                    prev = bytes[j - 1] as char;
                }
                let Some(cj) = char_at(j) else { break };
                if is_word_char(cj) {
                    ascii = false;
                    prev = cj;
                    j += cj.len_utf8();
                    continue;
                }
                // "assalamu'alaikum", "sama-sama", "pom.go.id", "0,5", "24/7"
                if matches!(cj, '\'' | '’' | '-' | '.' | '/')
                    && j > start
                    && let Some(n) = char_at(j + cj.len_utf8()).filter(|n| is_word_char(*n))
                    && (!matches!(cj, '.' | '/') || joins_dot(prev, n))
                {
                    apostrophe |= matches!(cj, '\'' | '’');
                    ascii &= cj.is_ascii();
                    prev = cj;
                    j += cj.len_utf8();
                    continue;
                }
                break;
            }
            let end = j;
            let slice = &raw[start..end];
            let text = if ascii && !apostrophe {
                let mut t = compact_str::CompactString::from(slice);
                t.make_ascii_lowercase();
                t
            } else {
                let mut t = compact_str::CompactString::default();
                for ch in slice.chars().filter(|ch| !matches!(ch, '\'' | '’')) {
                    t.extend(ch.to_lowercase());
                }
                t
            };
            // Spaces skipped byte by byte; past a non-ASCII character, by characters.
            let mut k = j;
            while matches!(bytes.get(k), Some(b' ' | b'\t' | b'\r' | 0x0B | 0x0C)) {
                k += 1;
            }
            let next = match bytes.get(k) {
                Some(&b) if b < 0x80 => Some(b as char),
                Some(_) => raw[k..].chars().find(|x| !x.is_whitespace() || *x == '\n'),
                None => None,
            };
            let punct_after = next.filter(|x| x.is_ascii_punctuation() || *x == '\n');
            tokens.push(Token {
                hash: word_hash(&text),
                own: !quotes.iter().any(|q| start >= q.0 && start < q.1 && !q.2),
                capital: c.is_uppercase(),
                punct_after,
                text,
                start,
                end,
                // The sentence still open: the next one after those closed.
                sentence: sentences.len(),
            });
            i = j;
        }
        close_sentence(&tokens, &mut sentences, raw.len());
        let mut text = Text {
            raw,
            tokens,
            sentences,
            own: Vec::new(),
            starts: Vec::new(),
            starts_of: 0,
        };
        if !whole {
            text.mark_other_party();
        }
        text.index_own();
        text
    }

    /// Fills [`Text::own`] and each sentence's range of it.
    fn index_own(&mut self) {
        self.own.clear();
        self.own.reserve(self.tokens.len());
        for s in &mut self.sentences {
            s.own_first = self.own.len();
            self.own
                .extend((s.first..s.end).filter(|&i| self.tokens[i].own));
            s.own_end = self.own.len();
        }
    }

    /// Analyses a text whose every word counts (a question, written by the customer).
    pub fn whole(raw: &'a str) -> Self {
        Self::analyse(raw, true)
    }

    /// Sentences whose subject is the caller or visitor are not the officer's.
    fn mark_other_party(&mut self) {
        for s in &self.sentences {
            let first = &self.tokens[s.first];
            if OTHER_PARTY.contains(&first.text.as_str()) {
                for t in &mut self.tokens[s.first..s.end] {
                    t.own = false;
                }
            }
        }
    }

    /// The words of the text as written, for evidence.
    pub fn excerpt(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.raw.len());
        let start = start.min(end);
        self.raw.get(start..end).unwrap_or("")
    }

    /// The sentence text as written.
    pub fn sentence_text(&self, s: &Sentence) -> &'a str {
        self.excerpt(s.start_byte, s.end_byte).trim()
    }
}

/// Whether the mark `c` (a line break, `.`, `!`, `?` or `…`), followed by `next`, ends the
/// open sentence: a line break always does; a mark when followed by space, a quote, `)` or
/// the end, and not the dot of an abbreviation.
fn ends_sentence(c: char, next: Option<char>, tokens: &[Token], sentences: &[Sentence]) -> bool {
    c == '\n'
        || next.is_none_or(|n| n.is_whitespace() || is_quote(n) || n == ')')
            && !abbreviation_before(tokens, open_from(sentences), c)
}

/// The first token of the sentence still open: the one after the last sentence closed.
fn open_from(sentences: &[Sentence]) -> usize {
    sentences.last().map_or(0, |s| s.end)
}

/// Closes the open sentence at `end_byte` when it holds a token.
fn close_sentence(tokens: &[Token], sentences: &mut Vec<Sentence>, end_byte: usize) {
    let first = open_from(sentences);
    if tokens.len() > first {
        sentences.push(Sentence {
            first,
            end: tokens.len(),
            start_byte: tokens[first].start,
            end_byte,
            own_first: 0,
            own_end: 0,
        });
    }
}

/// A dot or slash between word characters stays inside a word when both sides are digits
/// ("0.5", "24/7") or when it is part of a domain ("pom.go.id": letters on both sides and
/// no space), not when it ends a sentence ("ini.Produk" is rare enough to accept).
fn joins_dot(prev: char, next: char) -> bool {
    if prev.is_ascii_digit() && next.is_ascii_digit() {
        return true;
    }
    // Domains and paths: lower-case letters on both sides.
    prev.is_lowercase() && next.is_lowercase()
}

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "yth", "no", "bpk", "sdr", "sdri", "dr", "drs", "ir", "prof", "hj", "h", "st", "jl", "kab",
    "kec", "kel", "dll", "dsb", "tsb", "a.n", "an", "u.p", "up", "tlp", "telp", "hp", "nik", "skm",
    "apt", "m.si", "mm", "s.farm", "ny", "tn", "rp", "vs", "mr", "mrs", "ms",
];

fn abbreviation_before(tokens: &[Token], first: usize, c: char) -> bool {
    if c != '.' || tokens.len() <= first {
        return false;
    }
    let last = &tokens[tokens.len() - 1];
    ABBREVIATIONS.contains(&last.text.as_str()) && tokens.len() - first <= 2
        || last.text.chars().count() == 1 && last.capital
}

/// Quoted spans `(start, end, officer's)`: text between double or curly quotes. A quote
/// belongs to the officer when one of the few words before it names the officer (and none
/// names someone else).
fn quoted_spans(raw: &str) -> Vec<(usize, usize, bool)> {
    let mut spans = Vec::new();
    // Most texts hold no quotation mark: `"` or the lead byte of `“ ” „` (0xE2) or `« »`
    // (0xC2).
    if memchr::memchr3(b'"', 0xE2, 0xC2, raw.as_bytes()).is_none() {
        return spans;
    }
    let mut open: Option<usize> = None;
    for (b, c) in raw.char_indices() {
        if !is_quote(c) {
            continue;
        }
        let opening = match c {
            '“' | '«' | '„' => true,
            '”' | '»' => false,
            _ => open.is_none(),
        };
        match (opening, open) {
            (true, None) => open = Some(b + c.len_utf8()),
            (false, Some(s)) => {
                spans.push((s, b, officer_quote(&raw[..s])));
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn officer_quote(before: &str) -> bool {
    // The words since the end of the previous sentence or quotation.
    let start = before
        .trim_end_matches(|c: char| is_quote(c) || c.is_whitespace())
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | '\n') || is_quote(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = &before[start..];
    let tail: String = before
        .chars()
        .rev()
        .take(48)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let words: Vec<String> = tail
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let recent = &words[words.len().saturating_sub(5)..];
    recent.iter().any(|w| OFFICER_MARKERS.contains(&w.as_str()))
        && !recent.iter().any(|w| OTHER_MARKERS.contains(&w.as_str()))
}

/// Collapses letters repeated at the end of a word ("yaa" → "ya", "dongg" → "dong",
/// "bangettt" → "banget"); `None` when nothing repeats.
pub fn unstretch(word: &str) -> Option<String> {
    // Nearly every word ends in two different letters: decided without allocating.
    let mut rev = word.chars().rev();
    let last = rev.next()?;
    if !last.is_alphabetic() || rev.next() != Some(last) {
        return None;
    }
    let mut out = word.trim_end_matches(last).to_string();
    out.push(last);
    Some(out)
}

/// Rewrites `\b` and `\B` as their ASCII forms `(?-u:\b)` and `(?-u:\B)` (and likewise
/// `\b{start}`, `\b{end}`, `\b{start-half}`, `\b{end-half}`, `\<` and `\>`). A Unicode word
/// boundary stops the regex engine's fast DFA at the first non-ASCII character (an "é" or
/// "–" in an answer) and falls back to a far slower engine; rubric text is Indonesian, whose
/// words are ASCII letters, so the ASCII boundary gives the same matches much faster.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B' | '<' | '>')) if in_class == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    // `\b{start}`, `\b{end-half}`: the assertion's name goes with it.
                    if b == 'b' && chars.as_str().starts_with('{') {
                        let rest = chars.as_str();
                        let name = rest.find('}').map(|end| &rest[..=end]);
                        if let Some(name) = name.filter(|n| {
                            matches!(*n, "{start}" | "{end}" | "{start-half}" | "{end-half}")
                        }) {
                            out.push_str(name);
                            chars = rest[name.len()..].chars();
                        }
                    }
                    out.push(')');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

//! A light Indonesian stemmer: particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu,
//! -nya), derivational suffixes (-kan, -an, -i) and prefixes (di-, ke-, se-, ter-, ber-,
//! me- and pe- with their nasal forms, per-) are stripped by rule, in the order of the
//! Nazief–Adriani algorithm, keeping a root of at least four letters. Questions and answers
//! are stemmed the same way, so "terdaftar", "mendaftarkan" and "pendaftaran" all meet at
//! "daftar". Words with digits (registration numbers) are left whole.

/// The stem of a lower-case word.
pub fn stem(word: &str) -> String {
    stem_str(word).to_string()
}

/// The stem as a slice of the word, or a word with its first letter restored by nasal
/// assimilation ("menulis" → "tulis"), allocated only then.
pub fn stem_str(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if n_chars(word) < 5 || word.chars().any(|c| !c.is_alphabetic()) {
        return Cow::Borrowed(word);
    }
    let mut w = word;
    for p in ["lah", "kah", "tah", "pun"] {
        if let Some(r) = strip_suffix(w, p) {
            w = r;
            break;
        }
    }
    for p in ["nya", "ku", "mu"] {
        if let Some(r) = strip_suffix(w, p) {
            w = r;
            break;
        }
    }
    for p in ["kan", "an", "i"] {
        if let Some(r) = strip_suffix(w, p) {
            // "-i" after "s" is part of the root more often than not (e.g. "informasi").
            if p == "i" && r.ends_with('s') {
                continue;
            }
            w = r;
            break;
        }
    }
    match strip_prefix(w) {
        // Up to two prefixes ("diper-", "memper-", "keter-").
        Some(Stripped::Slice(once)) => match strip_prefix(once) {
            Some(Stripped::Slice(twice)) => Cow::Borrowed(twice),
            Some(Stripped::Restored(c, rest)) => Cow::Owned(format!("{c}{rest}")),
            None => Cow::Borrowed(once),
        },
        Some(Stripped::Restored(c, rest)) => Cow::Owned(format!("{c}{rest}")),
        // Without a prefix, the suffix strip stands (it left at least four letters).
        None => Cow::Borrowed(w),
    }
}

/// A word without its prefix: a slice of it, or a slice with a first letter restored.
enum Stripped<'a> {
    Slice(&'a str),
    Restored(char, &'a str),
}

fn strip_suffix<'a>(w: &'a str, suffix: &str) -> Option<&'a str> {
    let r = w.strip_suffix(suffix)?;
    (n_chars(r) >= 4).then_some(r)
}

fn long_enough(r: &str, extra: usize) -> bool {
    n_chars(r) + extra >= 4
}

/// Characters of a word, counted by bytes when it is ASCII.
fn n_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn strip_prefix(w: &str) -> Option<Stripped<'_>> {
    let vowel = |r: &str| r.starts_with(['a', 'i', 'u', 'e', 'o']);
    let slice = |r| long_enough(r, 0).then_some(Stripped::Slice(r));
    let restored = |c, r| long_enough(r, 1).then_some(Stripped::Restored(c, r));
    // me-/pe- with nasal assimilation: meny+vowel → s, mem+vowel → p, men+vowel → t,
    // meng → the rest ("mengambil" → "ambil"; "mengirim" → "irim", questions and answers
    // alike), and the plain forms.
    for [ny, ng, m, n, r, plain] in [
        ["meny", "meng", "mem", "men", "mer", "me"],
        ["peny", "peng", "pem", "pen", "per", "pe"],
    ] {
        if let Some(rest) = w.strip_prefix(ny) {
            return restored('s', rest);
        }
        if let Some(rest) = w.strip_prefix(ng) {
            return slice(rest);
        }
        if let Some(rest) = w.strip_prefix(m) {
            return if vowel(rest) {
                restored('p', rest)
            } else {
                slice(rest)
            };
        }
        if let Some(rest) = w.strip_prefix(n) {
            return if vowel(rest) {
                restored('t', rest)
            } else {
                slice(rest)
            };
        }
        if let Some(rest) = w.strip_prefix(r) {
            return slice(rest);
        }
        if let Some(rest) = w.strip_prefix(plain)
            && rest.starts_with(['l', 'r', 'w', 'y'])
        {
            return slice(rest);
        }
    }
    for pre in ["ber", "ter", "per", "di", "ke", "se", "be"] {
        if let Some(rest) = w.strip_prefix(pre) {
            return slice(rest);
        }
    }
    None
}

//! A light Indonesian stemmer: particles (-lah, -kah, -tah, -pun), possessives (-ku, -mu,
//! -nya), derivational suffixes (-kan, -an, -i) and prefixes (di-, ke-, se-, ter-, ber-,
//! me- and pe- with their nasal forms, per-) are stripped by rule, in the order of the
//! Nazief–Adriani algorithm, keeping a root of at least four letters. Questions and answers
//! are stemmed the same way, so "terdaftar", "mendaftarkan" and "pendaftaran" all meet at
//! "daftar". Words with digits (registration numbers) are left whole.

/// The stem of a lower-case word.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| !c.is_alphabetic()) || word.chars().count() < 5 {
        return word.to_string();
    }
    let mut w = word.to_string();
    for p in ["lah", "kah", "tah", "pun"] {
        if let Some(r) = strip_suffix(&w, p) {
            w = r;
            break;
        }
    }
    for p in ["nya", "ku", "mu"] {
        if let Some(r) = strip_suffix(&w, p) {
            w = r;
            break;
        }
    }
    let before_suffix = w.clone();
    for p in ["kan", "an", "i"] {
        if let Some(r) = strip_suffix(&w, p) {
            // "-i" after "s" is part of the root more often than not (e.g. "informasi").
            if p == "i" && r.ends_with('s') {
                continue;
            }
            w = r;
            break;
        }
    }
    let stripped = strip_prefixes(&w);
    match stripped {
        Some(s) => s,
        // Without a prefix, the suffix strip stands when a root of four letters is left.
        None => {
            if w.len() >= 4 {
                w
            } else {
                before_suffix
            }
        }
    }
}

fn strip_suffix(w: &str, suffix: &str) -> Option<String> {
    let r = w.strip_suffix(suffix)?;
    (r.chars().count() >= 4).then(|| r.to_string())
}

/// Up to two prefixes ("diper-", "memper-", "keter-").
fn strip_prefixes(w: &str) -> Option<String> {
    let once = strip_prefix(w)?;
    Some(strip_prefix(&once).unwrap_or(once))
}

fn strip_prefix(w: &str) -> Option<String> {
    let keep = |r: &str| (r.chars().count() >= 4).then(|| r.to_string());
    let starts = |p: &str| w.strip_prefix(p);
    // me-/pe- with nasal assimilation: meny+vowel → s, mem+vowel → p, men+vowel → t,
    // meng+vowel → k (and the plain forms).
    for pre in ["me", "pe"] {
        if let Some(r) = starts(&format!("{pre}ny")) {
            return keep(&format!("s{r}"));
        }
        if let Some(r) = starts(&format!("{pre}ng")) {
            // mengambil → ambil; "mengirim" → "irim" (questions and answers alike)
            return keep(r);
        }
        if let Some(r) = starts(&format!("{pre}m")) {
            if r.starts_with(|c: char| "aiueo".contains(c)) {
                return keep(&format!("p{r}"));
            }
            return keep(r);
        }
        if let Some(r) = starts(&format!("{pre}n")) {
            if r.starts_with(|c: char| "aiueo".contains(c)) {
                return keep(&format!("t{r}"));
            }
            return keep(r);
        }
        if let Some(r) = starts(&format!("{pre}r")) {
            return keep(r);
        }
        if let Some(r) = starts(pre)
            && r.starts_with(|c: char| "lrwy".contains(c))
        {
            return keep(r);
        }
    }
    for pre in ["ber", "ter", "per", "di", "ke", "se", "be"] {
        if let Some(r) = starts(pre) {
            return keep(r);
        }
    }
    None
}

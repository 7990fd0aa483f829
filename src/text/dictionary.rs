//! The Indonesian hunspell dictionary (Debian's `hunspell-id`, shipped in
//! `rubrics/bahasa/id_ID.{aff,dic}`, LGPL-3; see `rubrics/bahasa/README.md`), read with the
//! `spellbook` crate and memoised per distinct word.

use std::sync::{Arc, OnceLock, RwLock};

use rustc_hash::FxHashMap;

const AFF: &str = include_str!("../../rubrics/bahasa/id_ID.aff");
const DIC: &str = include_str!("../../rubrics/bahasa/id_ID.dic");

/// A loaded dictionary; cheap to clone.
#[derive(Clone)]
pub struct Dictionary {
    inner: Arc<Inner>,
}

struct Inner {
    dict: spellbook::Dictionary,
    memo: RwLock<FxHashMap<String, bool>>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dictionary(id_ID)")
    }
}

impl PartialEq for Dictionary {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Dictionary {
    /// The shipped `id_ID` dictionary, loaded once per process (about 15 ms).
    pub fn builtin() -> Result<Dictionary, String> {
        static BUILTIN: OnceLock<Result<Dictionary, String>> = OnceLock::new();
        BUILTIN.get_or_init(|| Dictionary::parse(AFF, DIC)).clone()
    }

    /// A dictionary from the text of its `.aff` and `.dic` files.
    pub fn parse(aff: &str, dic: &str) -> Result<Dictionary, String> {
        let dict = spellbook::Dictionary::new(aff, dic).map_err(|e| e.to_string())?;
        Ok(Dictionary {
            inner: Arc::new(Inner {
                dict,
                memo: RwLock::new(FxHashMap::default()),
            }),
        })
    }

    /// Whether a (lower-case) word is in the dictionary, with its affixes.
    pub fn check(&self, word: &str) -> bool {
        if let Ok(memo) = self.inner.memo.read()
            && let Some(&known) = memo.get(word)
        {
            return known;
        }
        let known = self.inner.dict.check(word);
        if let Ok(mut memo) = self.inner.memo.write()
            && memo.len() < 1 << 20
        {
            memo.insert(word.to_string(), known);
        }
        known
    }
}

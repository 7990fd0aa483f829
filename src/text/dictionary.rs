//! The Indonesian hunspell dictionary (Debian's `hunspell-id`, shipped in
//! `rubrics/bahasa/id_ID.{aff,dic}`, LGPL-3; see `rubrics/bahasa/README.md`), read with the
//! `spellbook` crate and memoised per distinct word.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};

/// Ids of loaded dictionaries.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

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
    /// Unique per loaded dictionary: the key of its per-thread memo.
    id: u64,
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
                id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            }),
        })
    }

    /// Whether a (lower-case) word is in the dictionary, with its affixes.
    pub fn check(&self, word: &str) -> bool {
        // Memoised per thread: a shared lock's counter would bounce between the cores on
        // every word.
        thread_local! {
            /// Per dictionary (by its id): word → known.
            static MEMO: std::cell::RefCell<FxHashMap<u64, FxHashMap<String, bool>>> =
                std::cell::RefCell::default();
        }
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            let memo = m.entry(self.inner.id).or_default();
            if let Some(&known) = memo.get(word) {
                return known;
            }
            let known = self.inner.dict.check(word);
            if memo.len() >= 1 << 20 {
                memo.clear();
            }
            memo.insert(word.to_string(), known);
            known
        })
    }
}

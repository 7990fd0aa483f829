//! User-facing language selection.
//!
//! Every message a user reads (errors, data issues, evidence, report labels) exists in
//! Bahasa Indonesia (the default) and English. Messages are written inline with the [`tr!`]
//! macro so both texts sit side by side at the place they are used.

use clap::ValueEnum;

/// Language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia (default).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// Picks from a pair of texts kept as one constant, (Indonesian, English).
    pub fn of(self, (id, en): (&'static str, &'static str)) -> &'static str {
        self.pick(id, en)
    }
}

/// A figure written inside a text, as the language writes decimals: "92,5" in
/// Indonesian, "92.5" in English; whole numbers without decimals ("90").
pub fn decimal(v: f64, lang: Lang) -> String {
    let s = format!("{}", (v * 100.0).round() / 100.0);
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// `tr!(lang, "teks {x}", "text {x}")` formats the Indonesian or English text.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Id => format!($id),
            $crate::i18n::Lang::En => format!($en),
        }
    };
    ($lang:expr, $id:literal, $en:literal, $($arg:tt)*) => {
        match $lang {
            $crate::i18n::Lang::Id => format!($id, $($arg)*),
            $crate::i18n::Lang::En => format!($en, $($arg)*),
        }
    };
}

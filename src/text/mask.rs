//! Masking of personal data in excerpts of public text (questions, answers): phone numbers,
//! e-mail addresses and 16-digit NIK (national identity numbers). Reports mask by default;
//! `--no-mask` keeps the text as written.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// E-mail addresses.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid regex"));
/// A 16-digit NIK, possibly written in groups ("3171 0112 3456 0001").
static NIK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}\b").expect("valid regex")
});
/// Indonesian mobile and landline numbers: 08…, +62 8…, 62 8…, (021) …, with spaces, dots or
/// dashes between the groups.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+62|\b62|\(0|\b0)[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d){6,11}\b")
        .expect("valid regex")
});

/// The text with personal data replaced by `[email]`, `[NIK]` and `[telp]`.
pub fn mask(text: &str) -> Cow<'_, str> {
    // Every pattern needs an "@" or at least seven digits: most excerpts have neither, and
    // skip the three searches.
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits < 7 && !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let t = EMAIL.replace_all(text, "[email]");
    let t = match NIK.replace_all(&t, "[NIK]") {
        Cow::Borrowed(_) => t,
        Cow::Owned(s) => Cow::Owned(s),
    };
    match PHONE.replace_all(&t, "[telp]") {
        Cow::Borrowed(_) => t,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// The first `max` characters of a text, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_phones_emails_and_nik() {
        for (input, expected) in [
            (
                "Hubungi saya di 0812-3456-7890 ya",
                "Hubungi saya di [telp] ya",
            ),
            ("WA +62 812 3456 7890.", "WA [telp]."),
            ("nomor 081234567890", "nomor [telp]"),
            ("telp (021) 4244691", "telp [telp]"),
            (
                "email bayu303@gmail.com atau b.s@yahoo.co.id",
                "email [email] atau [email]",
            ),
            ("NIK saya 3171011203900001", "NIK saya [NIK]"),
            ("NIK 3171 0112 0390 0001", "NIK [NIK]"),
        ] {
            assert_eq!(mask(input), expected, "{input}");
        }
    }

    #[test]
    fn leaves_other_numbers_alone() {
        for s in [
            "Nomor registrasi NA18201234567 sudah terdaftar",
            "MD 224510001234",
            "Peraturan BPOM Nomor 21 Tahun 2022",
            "tanggal 12/03/2026 pukul 10.15",
            "HALOBPOM 1500533",
        ] {
            assert_eq!(mask(s), s, "{s}");
        }
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("é".repeat(5).as_str(), 3), "ééé…");
        assert_eq!(excerpt("pendek", 10), "pendek");
    }
}

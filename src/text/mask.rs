//! Masking of personal data in excerpts of public text (questions, answers): phone numbers,
//! e-mail addresses and 16-digit NIK (national identity numbers). Reports mask by default;
//! `--no-mask` keeps the text as written.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// E-mail addresses, also with spaces around the "@" ("budi @ gmail.com").
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+[ \t]?@[ \t]?[\w-]+(?:\.[\w-]+)+").expect("valid regex"));
/// A 16-digit NIK, alone, after letters ("NIK3171…") or in the groups it is read in, with
/// spaces, dots or dashes: 4-4-4-4, 6-6-4 (region, birth date, serial) and 2-2-2-6-4.
/// Other dotted numbers (a decree's "HK.02.01.03.464.12.25.428") are not. Group 1 keeps
/// the character before it (the regex engine has no look-behind).
static NIK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(^|\D)(?:\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}|\d{6}[ .-]\d{6}[ .-]\d{4}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{6}[ .-]\d{4})",
    )
    .expect("valid regex")
});
/// Indonesian mobile and landline numbers, after a space or punctuation or right after a
/// word that names a number ("hp081…", "WA:+62…"; not after other letters, so a
/// registration number "NE08061608787" stays), with spaces, dots, dashes or slashes
/// between the groups ("0812 - 3456 - 7890", "0812/3456/7890"): +62 or 62 then 8…, +62
/// then an area code, (021) …, or 0 and two to four digits before the first separator (so
/// a date "03/02/2026" or a time "09.15" is not a number).
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    let sep = r"[ \t]*[./-]?[ \t]*";
    Regex::new(&format!(
        r"(^|[^\w+]|(?i:hp|wa|telp|tlp|tel|cp|ph|phone|kontak|nomor|no)[.:]?)(?:\+?62{sep}8(?:{sep}\d){{7,11}}|\+62{sep}\(?\d{{1,4}}\)?(?:{sep}\d){{5,10}}|\(0\d{{1,3}}\)(?:{sep}\d){{5,8}}|0\d{{2,4}}(?:{sep}\d){{6,10}})"
    ))
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
    let t = match NIK.replace_all(&t, "${1}[NIK]") {
        Cow::Borrowed(_) => t,
        Cow::Owned(s) => Cow::Owned(s),
    };
    match PHONE.replace_all(&t, "${1}[telp]") {
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
            // Separators, prefixes and groupings people really write.
            ("hubungi 0812 - 3456 - 7890.", "hubungi [telp]."),
            ("hubungi 0812/3456/7890", "hubungi [telp]"),
            ("hp081234567890 ya", "hp[telp] ya"),
            ("HP.081234567890", "HP.[telp]"),
            ("WA:081234567890", "WA:[telp]"),
            ("wa:+6281234567890", "wa:[telp]"),
            ("62 812.3456.7890", "[telp]"),
            ("kantor 0274-512345", "kantor [telp]"),
            ("NIK3171011203900001", "NIK[NIK]"),
            ("NIK: 317101 120390 0001.", "NIK: [NIK]."),
            ("3171-0112-0390-0001", "[NIK]"),
            ("31.71.01.120390.0001", "[NIK]"),
            ("budi @ gmail.com", "[email]"),
            ("ke budi.santoso@pom.go.id", "ke [email]"),
            ("0811111111 atau 0822222222", "[telp] atau [telp]"),
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
            "tanggal 01/02/2026 09.15 sampai 03/02/2026 10.30",
            "HALOBPOM 1500533",
            "Rp 62.500.000",
            "No. Tiket LPK-2024-000001",
            "SD 181345221 dan POM TR 203645671",
            "NE08061608787 dan NA18201234567",
            "MD 224510001234",
            "ML 234509876543",
            "dosis 500 mg 3 x 1, 2024 sampai 2026",
            "SK No. HK.02.01.03.464.12.25.428 tentang pengaduan",
            "Peraturan Kepala BPOM Nomor HK.03.1.23.12.11.10569 Tahun 2011",
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

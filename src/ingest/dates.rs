//! Parsing of the date and time formats found in exports.
//!
//! One function, [`parse_datetime`], accepts every format the tool supports, so the rule
//! lives in one place:
//! - ISO 8601: `2026-03-12`, `2026-03-12 10:15`, `2026-03-12T10:15:00.123+07:00` (an offset
//!   or `Z` is ignored: the wall-clock time as written is kept);
//! - day-first numeric dates, always: `12/03/2026`, `12-03-2026`, `12.03.2026`, two-digit
//!   years as 20yy, optionally followed by a time `10:15`, `10:15:30` or `10.15`;
//! - month names in Indonesian or English, full or abbreviated, with an optional weekday
//!   and `pukul`/`jam`: `Kamis, 12 Maret 2026 pukul 10.15`, `12 Mar 2026`, `12-Agu-2026`;
//! - Excel serial numbers (days since 1899-12-30, the fraction is the time of day);
//! - Unix epoch seconds (and milliseconds when 13 digits long).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Smallest and largest Excel serial accepted as a date (1954-10-03 .. 2119-01-03).
const SERIAL_MIN: f64 = 20_000.0;
const SERIAL_MAX: f64 = 80_000.0;
/// Epoch seconds accepted: 1973-03-03 .. 2096-10-02.
const EPOCH_MIN: i64 = 100_000_000;
const EPOCH_MAX: i64 = 3_999_999_999;

/// Parses one date or date-time in any supported format. `None` when the text is not a
/// valid date (for example `31/02/2026` or `kemarin`).
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(dt) = parse_number(s) {
        return Some(dt);
    }
    let mut c = Cursor::new(s);
    c.skip_weekday();
    let first = c.number()?;
    let date = if first.1 == 4 {
        // yyyy-mm-dd or yyyy/mm/dd
        let sep = c.sep()?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let (m, _) = c.number()?;
        if c.sep()? != sep {
            return None;
        }
        let (d, dl) = c.number()?;
        if dl > 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(first.0 as i32, m, d)?
    } else if first.1 <= 2 {
        let day = first.0;
        c.skip_spaces();
        let month = if let Some(m) = c.month_name() {
            m
        } else {
            let sep = c.sep()?;
            if !matches!(sep, b'/' | b'-' | b'.') {
                return None;
            }
            if let Some(m) = c.month_name() {
                c.sep_if(sep);
                m
            } else {
                let (m, ml) = c.number()?;
                if ml > 2 || c.sep()? != sep {
                    return None;
                }
                m
            }
        };
        c.skip_seps();
        let (y, yl) = c.number()?;
        let year = match yl {
            2 => 2000 + y as i32,
            4 => y as i32,
            _ => return None,
        };
        NaiveDate::from_ymd_opt(year, month, day)?
    } else {
        return None;
    };
    if !(1900..=2100).contains(&date.year_ce_i32()) {
        return None;
    }
    let time = c.time()?;
    Some(date.and_time(time))
}

trait YearCe {
    fn year_ce_i32(&self) -> i32;
}

impl YearCe for NaiveDate {
    fn year_ce_i32(&self) -> i32 {
        chrono::Datelike::year(self)
    }
}

/// A bare number: an Excel serial or Unix epoch seconds/milliseconds.
fn parse_number(s: &str) -> Option<NaiveDateTime> {
    let first = s.as_bytes()[0];
    if !first.is_ascii_digit() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let v: i64 = s.parse().ok()?;
        if (EPOCH_MIN..=EPOCH_MAX).contains(&v) {
            return chrono::DateTime::from_timestamp(v, 0).map(|d| d.naive_utc());
        }
        if s.len() == 13 {
            return chrono::DateTime::from_timestamp_millis(v).map(|d| d.naive_utc());
        }
        return excel_serial(v as f64);
    }
    // A serial with a fraction: digits, one '.' or ',', digits (checked before anything is
    // allocated: nearly every date reaching here is "31/03/2026 14:05").
    let at = s.find(['.', ','])?;
    let (int, frac) = (&s[..at], &s[at + 1..]);
    if int.len() != 5
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_empty()
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    excel_serial(format!("{int}.{frac}").parse().ok()?)
}

/// Converts an Excel serial (1900 date system) to a date-time.
pub fn excel_serial(v: f64) -> Option<NaiveDateTime> {
    if !(SERIAL_MIN..SERIAL_MAX).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let millis = (v * 86_400_000.0).round() as i64;
    base.checked_add_signed(chrono::Duration::milliseconds(millis))
}

struct Cursor<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("february", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            b: s.as_bytes(),
            s,
            i: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        // U+00A0 no-break space is two bytes in UTF-8.
        while self.s[self.i..].starts_with('\u{a0}') {
            self.i += '\u{a0}'.len_utf8();
            self.skip_spaces();
        }
    }

    /// Skips spaces, commas and the separators between a month name and the year.
    fn skip_seps(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',' | b'-' | b'/' | b'.')) {
            self.i += 1;
        }
    }

    fn word(&self) -> &'a str {
        let rest = &self.s[self.i..];
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphabetic() || *c == '\''))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn skip_weekday(&mut self) {
        self.skip_spaces();
        let w = self.word().to_lowercase();
        if !w.is_empty() && WEEKDAYS.contains(&w.as_str()) {
            self.i += self.word().len();
            while matches!(self.peek(), Some(b',' | b' ' | b'\t')) {
                self.i += 1;
            }
        }
    }

    /// A run of digits: (value, number of digits).
    fn number(&mut self) -> Option<(u32, usize)> {
        self.skip_spaces();
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let len = self.i - start;
        if len == 0 || len > 9 {
            return None;
        }
        Some((self.s[start..self.i].parse().ok()?, len))
    }

    fn sep(&mut self) -> Option<u8> {
        let b = self.peek()?;
        if b.is_ascii_digit() || b.is_ascii_alphabetic() {
            return None;
        }
        self.i += 1;
        Some(b)
    }

    fn sep_if(&mut self, sep: u8) {
        if self.peek() == Some(sep) {
            self.i += 1;
        }
    }

    fn month_name(&mut self) -> Option<u32> {
        let w = self.word();
        if w.is_empty() {
            return None;
        }
        let lower = w.to_lowercase();
        let m = MONTHS.iter().find(|(n, _)| *n == lower)?.1;
        self.i += w.len();
        Some(m)
    }

    /// The optional time of day after a date, and nothing else but a zone marker.
    fn time(&mut self) -> Option<NaiveTime> {
        let midnight = NaiveTime::from_hms_opt(0, 0, 0);
        if matches!(self.peek(), Some(b'T' | b't')) {
            self.i += 1;
        }
        self.skip_spaces();
        if self.peek() == Some(b',') {
            self.i += 1;
            self.skip_spaces();
        }
        let w = self.word().to_lowercase();
        if w == "pukul" || w == "jam" || w == "at" {
            self.i += w.len();
            self.skip_spaces();
        }
        if self.i >= self.b.len() {
            return midnight;
        }
        let (h, hl) = self.number()?;
        if hl > 2 {
            return None;
        }
        let sep = self.sep()?;
        if sep != b':' && sep != b'.' {
            return None;
        }
        let (m, ml) = self.number()?;
        if ml != 2 {
            return None;
        }
        let mut sec = 0;
        let mut millis = 0;
        if self.peek() == Some(sep) {
            self.i += 1;
            let (sv, sl) = self.number()?;
            if sl != 2 {
                return None;
            }
            sec = sv;
            if matches!(self.peek(), Some(b'.' | b',')) {
                self.i += 1;
                let start = self.i;
                let (_, fl) = self.number()?;
                let digits = &self.s[start..start + fl.min(3)];
                millis = digits.parse::<u32>().ok()? * 10u32.pow(3 - digits.len() as u32);
            }
        }
        self.skip_spaces();
        self.zone()?;
        NaiveTime::from_hms_milli_opt(h, m, sec, millis)
    }

    /// Accepts the end of input, `Z`, `+07:00`/`+0700`, or `WIB`/`WITA`/`WIT`.
    fn zone(&mut self) -> Option<()> {
        let rest = self.s[self.i..].trim();
        if rest.is_empty() {
            return Some(());
        }
        let lower = rest.to_lowercase();
        if matches!(lower.as_str(), "z" | "wib" | "wita" | "wit" | "utc") {
            return Some(());
        }
        let b = rest.as_bytes();
        if (b[0] == b'+' || b[0] == b'-')
            && b[1..].iter().all(|c| c.is_ascii_digit() || *c == b':')
            && (3..=6).contains(&b.len())
        {
            return Some(());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn iso_forms() {
        assert_eq!(parse_datetime("2026-03-12"), Some(dt(2026, 3, 12, 0, 0, 0)));
        assert_eq!(
            parse_datetime("2026-03-12 10:15"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(
            parse_datetime("2026-03-12T10:15:30"),
            Some(dt(2026, 3, 12, 10, 15, 30))
        );
        assert_eq!(
            parse_datetime("2026-03-12T10:15:30.250+07:00"),
            Some(
                NaiveDate::from_ymd_opt(2026, 3, 12)
                    .unwrap()
                    .and_hms_milli_opt(10, 15, 30, 250)
                    .unwrap()
            )
        );
        assert_eq!(
            parse_datetime("2026-03-12T10:15:30Z"),
            Some(dt(2026, 3, 12, 10, 15, 30))
        );
    }

    #[test]
    fn day_first_always() {
        assert_eq!(parse_datetime("03/04/2026"), Some(dt(2026, 4, 3, 0, 0, 0)));
        assert_eq!(
            parse_datetime("12/03/2026 10:15"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(
            parse_datetime("12/03/2026 10:15:09"),
            Some(dt(2026, 3, 12, 10, 15, 9))
        );
        assert_eq!(parse_datetime("12-03-2026"), Some(dt(2026, 3, 12, 0, 0, 0)));
        assert_eq!(
            parse_datetime("12.03.2026 10.15"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(parse_datetime("1/3/26"), Some(dt(2026, 3, 1, 0, 0, 0)));
        // 13 is no month: day-first never falls back to month-first.
        assert_eq!(parse_datetime("03/13/2026"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(
            parse_datetime("12 Maret 2026 10:15"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(
            parse_datetime("12 Mar 2026"),
            Some(dt(2026, 3, 12, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("5 Agustus 2025"),
            Some(dt(2025, 8, 5, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("12-Agu-2026"),
            Some(dt(2026, 8, 12, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("Kamis, 12 Maret 2026 pukul 10.15 WIB"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(
            parse_datetime("1 Desember 2024"),
            Some(dt(2024, 12, 1, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("12 March 2026"),
            Some(dt(2026, 3, 12, 0, 0, 0))
        );
    }

    #[test]
    fn serials_and_epochs() {
        // 46093 is 2026-03-12 in Excel's 1900 date system.
        assert_eq!(parse_datetime("46093"), Some(dt(2026, 3, 12, 0, 0, 0)));
        assert_eq!(
            parse_datetime("46093.4270833333"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(parse_datetime("46093,5"), Some(dt(2026, 3, 12, 12, 0, 0)));
        // One separator only, five digits before it.
        assert_eq!(parse_datetime("46093.5,5"), None);
        assert_eq!(parse_datetime("4609,35"), None);
        assert_eq!(parse_datetime("46093,"), None);
        assert_eq!(
            parse_datetime("1773310500"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
        assert_eq!(
            parse_datetime("1773310500000"),
            Some(dt(2026, 3, 12, 10, 15, 0))
        );
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "kemarin",
            "31/02/2026",
            "2026-02-30",
            "12/03",
            "12/03/2026 25:00",
            "abc 2026",
            "12 Maret",
            "99",
            "12/03/2026 10:15 lalu",
            "2026-13-01",
        ] {
            assert_eq!(parse_datetime(s), None, "{s:?} should not parse");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        use rand::{RngExt, SeedableRng};
        let alphabet: Vec<char> = "0123456789 /-.:,TZ+–—‑\u{a0}éÉ日ñMaretMarpukulWIB'Kamis\t\n"
            .chars()
            .collect();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for _ in 0..50_000 {
            let len = rng.random_range(0..24);
            let s: String = (0..len)
                .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                .collect();
            let _ = parse_datetime(&s);
        }
        for s in [
            "12–03–2026",
            "12\u{a0}Maret\u{a0}2026",
            "2026‑03‑12",
            "12 Maret 2026 10.1é",
            "1.1.1é",
        ] {
            let _ = parse_datetime(s);
        }
        assert_eq!(
            parse_datetime("12\u{a0}Maret 2026"),
            Some(dt(2026, 3, 12, 0, 0, 0))
        );
    }
}

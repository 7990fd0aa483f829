//! Working days for placing answer dates a controlled number of working days after
//! receipt. The holidays come from the tool's own calendar (`rubrics/hari-libur.toml`), so
//! generator and scorer share one definition; past 2026 only weekends are days off.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use ulpk_eval::calendar::Calendar;

fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| Calendar::builtin().expect("the shipped calendar is valid"))
}

/// Is `d` a national holiday or cuti bersama (a weekday that is not a working day)?
pub fn is_day_off(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !calendar().is_working_day(d)
}

/// Monday–Friday and not a day off.
pub fn is_working_day(d: NaiveDate) -> bool {
    calendar().is_working_day(d)
}

/// The `n`-th working day strictly after `d` (n = 0 returns `d` itself).
pub fn add_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut cur = d;
    let mut left = n;
    while left > 0 {
        cur += Duration::days(1);
        if is_working_day(cur) {
            left -= 1;
        }
    }
    cur
}

/// Number of working days `w` with `from < w <= to` (0 when `to <= from`).
/// This is the convention the generator uses to decide "on time" vs "late".
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut n = 0;
    let mut cur = from;
    while cur < to {
        cur += Duration::days(1);
        if is_working_day(cur) {
            n += 1;
        }
    }
    n
}

/// Build a date-time, falling back to midnight if the time is out of range.
pub fn at(d: NaiveDate, hour: u32, min: u32) -> NaiveDateTime {
    let t = NaiveTime::from_hms_opt(hour.min(23), min.min(59), 0).unwrap_or(NaiveTime::MIN);
    d.and_time(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn lebaran_2026_block_is_off() {
        for d in 18..=24 {
            assert!(!is_working_day(ymd(2026, 3, d)), "2026-03-{d}");
        }
        assert!(is_working_day(ymd(2026, 3, 17)));
        assert!(is_working_day(ymd(2026, 3, 25)));
        assert_eq!(add_working_days(ymd(2026, 3, 17), 1), ymd(2026, 3, 25));
        assert_eq!(working_days_between(ymd(2026, 3, 17), ymd(2026, 3, 25)), 1);
    }
}

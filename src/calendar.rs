//! Working-day calendar for SLA timeliness.
//!
//! Working days elapsed from received to responded = the number of working days `d` with
//! `received_date < d <= responded_date`, where a working day is Monday to Friday and not a
//! national holiday (libur nasional) or collective leave (cuti bersama). The holiday lists
//! are data (`rubrics/hari-libur.toml`, embedded as the default); users add years or local
//! days off with files of the same layout. A date in a year the calendar does not cover is
//! reported, never silently treated as a working day.
//!
//! The count itself is polars' `business_day_count`, which counts the half-open range
//! `[start, end)`: our definition is that count from the day after received to the day after
//! responded.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use serde::Deserialize;

use crate::error::{Error, Location, Result, parse_toml};

/// The calendar shipped with the tool.
pub const BUILTIN: &str = include_str!("../rubrics/hari-libur.toml");
const BUILTIN_NAME: &str = "rubrics/hari-libur.toml";

/// Monday..Friday are working days (polars' week mask starts on Monday).
const WEEK_MASK: [bool; 7] = [true, true, true, true, true, false, false];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[allow(dead_code)]
    id: Option<String>,
    #[allow(dead_code)]
    name: Option<String>,
    #[serde(default)]
    year: Vec<YearFile>,
    #[serde(default)]
    local_days_off: Vec<toml::value::Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: i32,
    #[serde(default)]
    libur_nasional: Vec<toml::value::Datetime>,
    #[serde(default)]
    cuti_bersama: Vec<toml::value::Datetime>,
}

/// Days off by year, and the years covered.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeSet<i32>,
    days_off: BTreeSet<NaiveDate>,
    /// Where the data came from, for the report's metadata.
    pub sources: Vec<String>,
}

impl Calendar {
    /// The shipped calendar (2024–2026).
    pub fn builtin() -> Result<Self> {
        let mut cal = Calendar::default();
        cal.add_text(BUILTIN, Path::new(BUILTIN_NAME))?;
        Ok(cal)
    }

    /// Adds the years and days off of a calendar file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = crate::output::guard::read_to_string(path)?;
        self.add_text(&text, path)
    }

    fn add_text(&mut self, text: &str, origin: &Path) -> Result<()> {
        let file: CalendarFile = parse_toml(text, origin)?;
        for y in &file.year {
            if !(1900..=2100).contains(&y.year) {
                return Err(Error::new(
                    Location::file(origin),
                    msg!(
                        "tahun {} di luar rentang 1900–2100",
                        "year {} is outside 1900–2100",
                        y.year
                    ),
                ));
            }
            self.years.insert(y.year);
            for d in y.libur_nasional.iter().chain(&y.cuti_bersama) {
                let date = toml_date(d, origin)?;
                if date.year() != y.year {
                    return Err(Error::new(
                        Location::file(origin),
                        msg!(
                            "tanggal {date} tercantum pada tahun {}",
                            "date {date} is listed under year {}",
                            y.year
                        ),
                    ));
                }
                self.days_off.insert(date);
            }
        }
        for d in &file.local_days_off {
            self.days_off.insert(toml_date(d, origin)?);
        }
        self.sources.push(crate::error::shown(origin).to_string());
        Ok(())
    }

    /// Years for which the calendar knows the days off.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        date.weekday().num_days_from_monday() < 5 && !self.days_off.contains(&date)
    }

    /// Days off as a `List(Date)` literal of one element, broadcast over the frame.
    fn holidays_expr(&self) -> Expr {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let days: Vec<i32> = self
            .days_off
            .iter()
            .map(|d| (*d - epoch).num_days() as i32)
            .collect();
        let inner = Series::new("days_off".into(), days)
            .cast(&DataType::Date)
            .expect("i32 casts to Date");
        let list = Series::new("holidays".into(), [inner]);
        lit(list).first()
    }

    /// Expression counting working days `d` with `received < d <= responded`, both
    /// expressions being of type Date. Null where either is null.
    pub fn working_days_expr(&self, received: Expr, responded: Expr) -> Expr {
        let (from, to) = (next_day(received), next_day(responded));
        let both = from.clone().is_not_null().and(to.clone().is_not_null());
        // polars (0.55) reads the holiday list on the first row it counts and skips rows
        // with a null date before reading it: a frame whose first row lacks a date would
        // count every row without holidays. Nulls get a placeholder and are masked after.
        let placeholder = || lit(0i32).cast(DataType::Date);
        when(both)
            .then(polars::lazy::dsl::business_day_count(
                from.fill_null(placeholder()),
                to.fill_null(placeholder()),
                WEEK_MASK,
                self.holidays_expr(),
            ))
            .otherwise(lit(Null {}).cast(DataType::Int32))
    }

    /// Expression: true when the date's year is covered by the calendar.
    pub fn covers_expr(&self, date: Expr) -> Expr {
        let year = date.dt().year();
        self.years
            .iter()
            .map(|y| year.clone().eq(lit(*y)))
            .reduce(|a, b| a.or(b))
            .unwrap_or_else(|| lit(false))
    }
}

fn next_day(date: Expr) -> Expr {
    (date.cast(DataType::Int32) + lit(1i32)).cast(DataType::Date)
}

fn toml_date(d: &toml::value::Datetime, origin: &Path) -> Result<NaiveDate> {
    d.date
        .and_then(|x| NaiveDate::from_ymd_opt(x.year as i32, x.month as u32, x.day as u32))
        .ok_or_else(|| {
            Error::new(
                Location::file(origin),
                msg!(
                    "\"{d}\" bukan tanggal (yang diharapkan: YYYY-MM-DD)",
                    "\"{d}\" is not a date (expected YYYY-MM-DD)"
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn count(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        let df = df!("r" => [from], "s" => [to]).unwrap();
        let out = df
            .lazy()
            .select([cal.working_days_expr(col("r"), col("s")).alias("n")])
            .collect()
            .unwrap();
        out.column("n").unwrap().i32().unwrap().get(0)
    }

    #[test]
    fn builtin_covers_2024_to_2026() {
        let cal = Calendar::builtin().unwrap();
        assert_eq!(cal.years().collect::<Vec<_>>(), vec![2024, 2025, 2026]);
        assert!(!cal.is_working_day(d(2026, 3, 18)), "cuti bersama");
        assert!(!cal.is_working_day(d(2026, 3, 19)), "libur nasional");
        assert!(cal.is_working_day(d(2026, 3, 17)));
        assert!(!cal.is_working_day(d(2026, 3, 21)), "Saturday");
    }

    #[test]
    fn counts_working_days_after_received_up_to_responded() {
        let cal = Calendar::builtin().unwrap();
        // Tue 17 Mar 2026 -> Wed 25 Mar 2026: 18 cuti, 19 libur, 20 cuti, 21-22 weekend
        // (and libur), 23-24 cuti, 25 working: one working day.
        assert_eq!(count(&cal, d(2026, 3, 17), d(2026, 3, 25)), Some(1));
        // Same day: zero.
        assert_eq!(count(&cal, d(2026, 3, 10), d(2026, 3, 10)), Some(0));
        // Fri 6 Mar -> Mon 9 Mar across a weekend: one.
        assert_eq!(count(&cal, d(2026, 3, 6), d(2026, 3, 9)), Some(1));
        // Received on a Saturday, answered Monday: one.
        assert_eq!(count(&cal, d(2026, 3, 7), d(2026, 3, 9)), Some(1));
        // Thu 31 Dec 2025 -> Mon 5 Jan 2026 across the new-year holiday: Fri 2 Jan, Mon 5.
        assert_eq!(count(&cal, d(2025, 12, 31), d(2026, 1, 5)), Some(2));
        // Fri 13 Feb 2026 -> Wed 18 Feb 2026: 16 cuti, 17 libur, 18 working.
        assert_eq!(count(&cal, d(2026, 2, 13), d(2026, 2, 18)), Some(1));
    }

    #[test]
    fn holidays_count_when_the_first_row_has_no_date() {
        let cal = Calendar::builtin().unwrap();
        let df = df!(
            "r" => [None, Some(d(2026, 2, 13)), Some(d(2026, 2, 13))],
            "s" => [Some(d(2026, 2, 18)), Some(d(2026, 2, 18)), None]
        )
        .unwrap();
        let out = df
            .lazy()
            .select([cal.working_days_expr(col("r"), col("s")).alias("n")])
            .collect()
            .unwrap();
        let n: Vec<Option<i32>> = out.column("n").unwrap().i32().unwrap().iter().collect();
        // 16 Feb cuti bersama and 17 Feb Imlek are not counted on the second row.
        assert_eq!(n, [None, Some(1), None]);
    }

    #[test]
    fn local_days_off_are_added() {
        let mut cal = Calendar::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lokal.toml");
        std::fs::write(&p, "local_days_off = [2026-03-10]\n").unwrap();
        cal.add_file(&p).unwrap();
        assert_eq!(count(&cal, d(2026, 3, 9), d(2026, 3, 11)), Some(1));
    }

    #[test]
    fn bad_calendar_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.toml");
        std::fs::write(&p, "[[year]]\nyear = 2027\nlibur_nasional = [\"besok\"]\n").unwrap();
        let err = Calendar::default().add_file(&p).unwrap_err();
        assert_eq!(err.location.line, Some(3), "{err}");
    }
}

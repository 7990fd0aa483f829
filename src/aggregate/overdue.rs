//! Open items past their SLA on the export date: records without a closing date (`Tanggal
//! Selesai`: still in process, answered or not) whose SLA target (working days,
//! [`crate::score::SLA_TARGET`]) has run out between the day they were received and the
//! export date. An item answered but not closed counts: the service has not finished it.
//!
//! The export date is the one the config gives (`[answers] export_date`) or, by default,
//! the latest date any record carries (received, responded or closed): the export cannot
//! be older than its newest entry. Each record keeps two dates for this
//! ([`kept_exprs`]), so the count needs no text and works on the slim frame a report holds.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::calendar::Calendar;
use crate::error::{Result, polars_err};
use crate::ingest::columns::field;
use crate::score::SLA_TARGET;
use crate::validate::DUPLICATE;

/// The day an item without a closing date was received (null otherwise).
pub const OPEN_SINCE: &str = "open_since";
/// The latest of a record's received, responded and closed dates.
pub const LAST_DATE: &str = "last_date";

/// The columns a record keeps for [`count`], computed from its dates.
pub fn kept_exprs() -> [Expr; 2] {
    let date = |f: &str| col(f).dt().date();
    let open = col(field::CLOSED_AT).is_null();
    [
        when(open)
            .then(date(field::RECEIVED_AT))
            .otherwise(lit(Null {}).cast(DataType::Date))
            .alias(OPEN_SINCE),
        polars::lazy::dsl::max_horizontal([
            date(field::RECEIVED_AT),
            date(field::RESPONDED_AT),
            date(field::CLOSED_AT),
        ])
        .expect("three inputs")
        .alias(LAST_DATE),
    ]
}

/// Open items on the export date, nationally and per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    /// The export date counted to; `None` when no record carries a date.
    pub as_of: Option<NaiveDate>,
    /// Whether `as_of` was the config's (`true`) or the latest date in the export.
    pub given: bool,
    /// Items still open (no closing date).
    pub open: u32,
    /// Of those, items whose SLA target had run out on the export date.
    pub past_sla: u32,
    /// Open items whose working days could not be counted: the export date or the day
    /// received outside the calendar's years, or no SLA target for their channel and type.
    pub uncounted: u32,
    /// Per unit with open items: (unit, open, past SLA), by name.
    pub by_unit: Vec<(String, u32, u32)>,
}

impl Overdue {
    /// Items past their SLA in `unit` (0 when it has none open).
    pub fn past_sla_of(&self, unit: &str) -> u32 {
        self.by_unit
            .iter()
            .find(|(u, _, _)| u == unit)
            .map_or(0, |(_, _, p)| *p)
    }
}

/// Counts the open items of `scored` (duplicates left out) against `as_of`, or against the
/// latest date in the export when `as_of` is `None`.
pub fn count(scored: &DataFrame, cal: &Calendar, as_of: Option<NaiveDate>) -> Result<Overdue> {
    let err = |e| polars_err("butir terbuka / open items", e);
    let mut lf = scored.clone().lazy();
    if scored.column(OPEN_SINCE).is_err() {
        lf = lf.with_columns(kept_exprs());
    }
    let lf = lf.filter(col(DUPLICATE).not());
    let given = as_of.is_some();
    let as_of = match as_of {
        Some(d) => Some(d),
        None => {
            let last = lf
                .clone()
                .select([col(LAST_DATE).max()])
                .collect()
                .map_err(err)?;
            last.column(LAST_DATE)
                .map_err(err)?
                .as_materialized_series()
                .date()
                .map_err(err)?
                .as_date_iter()
                .next()
                .flatten()
        }
    };
    let Some(day) = as_of else {
        return Ok(Overdue {
            as_of,
            given,
            open: 0,
            past_sla: 0,
            uncounted: 0,
            by_unit: Vec::new(),
        });
    };
    let since = col(OPEN_SINCE);
    // A date literal is a datetime in polars: a date only as cast.
    let to = lit(day).cast(DataType::Date);
    let countable = cal
        .covers_expr(since.clone())
        .and(cal.covers_expr(to.clone()))
        .and(col(SLA_TARGET).is_not_null())
        .and(since.clone().lt_eq(to.clone()));
    let days = cal.working_days_expr(since.clone(), to);
    // Per row first: polars counts working days to a literal date only outside a group.
    let per_unit = lf
        .filter(since.is_not_null())
        .select([
            col(field::UNIT),
            countable.clone().alias("counted"),
            when(countable)
                .then(
                    days.cast(DataType::Int64)
                        .gt(col(SLA_TARGET).cast(DataType::Int64)),
                )
                .otherwise(lit(false))
                .alias("past"),
        ])
        .group_by([col(field::UNIT)])
        .agg([
            len().cast(DataType::UInt32).alias("open"),
            col("past").cast(DataType::UInt32).sum(),
            col("counted")
                .not()
                .cast(DataType::UInt32)
                .sum()
                .alias("uncounted"),
        ])
        .sort([field::UNIT], SortMultipleOptions::default())
        .collect()
        .map_err(err)?;
    let units: Vec<String> = per_unit
        .column(field::UNIT)
        .map_err(err)?
        .str()
        .map_err(err)?
        .iter()
        .map(|u| u.unwrap_or_default().to_string())
        .collect();
    let number = |name: &str| -> Result<Vec<u32>> {
        Ok(per_unit
            .column(name)
            .map_err(err)?
            .u32()
            .map_err(err)?
            .iter()
            .map(|v| v.unwrap_or(0))
            .collect())
    };
    let (open, past, uncounted) = (number("open")?, number("past")?, number("uncounted")?);
    let by_unit: Vec<(String, u32, u32)> = units
        .into_iter()
        .zip(open.iter().zip(&past))
        .map(|(u, (o, p))| (u, *o, *p))
        .collect();
    Ok(Overdue {
        as_of,
        given,
        open: open.iter().sum(),
        past_sla: past.iter().sum(),
        uncounted: uncounted.iter().sum(),
        by_unit,
    })
}

#[cfg(test)]
mod tests;

use super::*;

fn at(s: &str) -> Option<chrono::NaiveDateTime> {
    (!s.is_empty()).then(|| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
}

/// A record: (unit, received, responded, closed, SLA target days, duplicate).
type Record<'a> = (&'a str, &'a str, &'a str, &'a str, Option<i64>, bool);

fn frame(rows: &[Record]) -> DataFrame {
    df!(
        field::UNIT => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        field::RECEIVED_AT => rows.iter().map(|r| at(r.1)).collect::<Vec<_>>(),
        field::RESPONDED_AT => rows.iter().map(|r| at(r.2)).collect::<Vec<_>>(),
        field::CLOSED_AT => rows.iter().map(|r| at(r.3)).collect::<Vec<_>>(),
        SLA_TARGET => rows.iter().map(|r| r.4).collect::<Vec<_>>(),
        DUPLICATE => rows.iter().map(|r| r.5).collect::<Vec<_>>(),
    )
    .unwrap()
}

fn rows() -> DataFrame {
    frame(&[
        // Closed: never open.
        (
            "A",
            "2026-01-05 08:00",
            "2026-01-05 09:00",
            "2026-01-06 10:00",
            Some(1),
            false,
        ),
        // Answered, not closed, since Mon 2 Mar, target 14 working days: after the 2nd, 3–6,
        // 9–13, 16–17 (18–24 Mar are Nyepi, Lebaran and their leave) and 25–27 Mar make 14,
        // so the target ran out on 27 Mar.
        (
            "A",
            "2026-03-02 08:00",
            "2026-03-03 09:00",
            "",
            Some(14),
            false,
        ),
        // Open since Fri 27 Mar, target 5: 30, 31 Mar are 2 working days: within.
        ("A", "2026-03-27 08:00", "", "", Some(5), false),
        // Open, information, 1 working day: received Mon 30 Mar, 31 Mar is day 1: within.
        ("B", "2026-03-30 08:00", "", "", Some(1), false),
        // Open since Thu 26 Mar, 1 working day: 27, 30, 31 Mar: past.
        ("B", "2026-03-26 08:00", "", "", Some(1), false),
        // A duplicate record is left out.
        ("B", "2026-01-02 08:00", "", "", Some(1), true),
        // No target for its channel and type: open, not counted.
        ("B", "2026-01-02 08:00", "", "", None, false),
    ])
}

#[test]
fn counts_open_items_past_their_target_on_the_export_date() {
    let cal = Calendar::builtin().unwrap();
    let d = NaiveDate::from_ymd_opt(2026, 3, 31);
    let o = count(&rows(), &cal, d).unwrap();
    assert_eq!(o.as_of, d);
    assert!(o.given);
    assert_eq!((o.open, o.past_sla, o.uncounted), (5, 2, 1));
    assert_eq!(
        o.by_unit,
        vec![("A".to_string(), 2, 1), ("B".to_string(), 3, 1)]
    );
    assert_eq!(o.past_sla_of("B"), 1);
    assert_eq!(o.past_sla_of("C"), 0);
}

#[test]
fn the_export_date_defaults_to_the_latest_date_in_the_export() {
    let cal = Calendar::builtin().unwrap();
    let o = count(&rows(), &cal, None).unwrap();
    // The latest date any record carries: the item received on 30 Mar.
    assert_eq!(o.as_of, NaiveDate::from_ymd_opt(2026, 3, 30));
    assert!(!o.given);
    // On 30 Mar the items of 2 Mar (15 working days > 14) and 26 Mar (27 and 30 Mar: 2 > 1)
    // are past; that of 27 Mar (1 of 5) is not.
    assert_eq!((o.open, o.past_sla), (5, 2));
    assert_eq!(o.past_sla_of("A"), 1);
}

#[test]
fn an_export_date_outside_the_calendar_counts_nothing() {
    let cal = Calendar::builtin().unwrap();
    let o = count(&rows(), &cal, NaiveDate::from_ymd_opt(2031, 1, 5)).unwrap();
    assert_eq!((o.open, o.past_sla, o.uncounted), (5, 0, 5));
}

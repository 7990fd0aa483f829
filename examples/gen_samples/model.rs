//! Ticket model, per-ticket generation (timing, status, texts, rate-based faults), the
//! fixed-count faults of the sample files, and the fault tally.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use rand::RngExt;

use crate::calendar::{add_working_days, at, is_day_off, is_working_day, working_days_between};
use crate::text::{
    self, AnswerPlan, Commodity, Ctx, Kind, Media, Pii, Topic, chance, pick, pick_weighted,
};
use crate::units::{Profile, UNITS, Unit, total_weight};

// ---------------------------------------------------------------------------------------------
// Fault tally.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    NoGreeting,
    NoClosing,
    Slang,
    NoReference,
    NoFollowUp,
    TooShort,
    OffTopic,
    BlankAnswer,
    Late,
    MissingAnswered,
    DateLongMonth,
    DateIso,
    DateDashDateOnly,
    DateUnparseable,
    DateSerial,
    ClosedBeforeReceived,
    OfficerNameVariant,
    DuplicateRow,
}

impl Fault {
    pub const ALL: [Fault; 18] = [
        Fault::NoGreeting,
        Fault::NoClosing,
        Fault::Slang,
        Fault::NoReference,
        Fault::NoFollowUp,
        Fault::TooShort,
        Fault::OffTopic,
        Fault::BlankAnswer,
        Fault::Late,
        Fault::MissingAnswered,
        Fault::DateLongMonth,
        Fault::DateIso,
        Fault::DateDashDateOnly,
        Fault::DateUnparseable,
        Fault::DateSerial,
        Fault::ClosedBeforeReceived,
        Fault::OfficerNameVariant,
        Fault::DuplicateRow,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Fault::NoGreeting => "no_greeting",
            Fault::NoClosing => "no_closing",
            Fault::Slang => "slang",
            Fault::NoReference => "no_reference",
            Fault::NoFollowUp => "no_follow_up",
            Fault::TooShort => "too_short",
            Fault::OffTopic => "off_topic",
            Fault::BlankAnswer => "blank_answer",
            Fault::Late => "late",
            Fault::MissingAnswered => "missing_answered_date",
            Fault::DateLongMonth => "date_long_month",
            Fault::DateIso => "date_iso",
            Fault::DateDashDateOnly => "date_dash_date_only",
            Fault::DateUnparseable => "date_unparseable",
            Fault::DateSerial => "date_excel_serial",
            Fault::ClosedBeforeReceived => "closed_before_received",
            Fault::OfficerNameVariant => "officer_name_variant",
            Fault::DuplicateRow => "duplicate_row",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Fault::NoGreeting => {
                "answer has no greeting: no salutation (Selamat pagi/siang/sore/malam, Halo, Yth., Assalamualaikum) and no opening thanks"
            }
            Fault::NoClosing => {
                "answer has no closing (no “Semoga … bermanfaat”, “Salam sehat”, “silakan hubungi kami kembali”, “Demikian …”)"
            }
            Fault::Slang => {
                "answer uses slang / non-standard words (gak, udah, yg, dgn, aja, gimana, sy, tdk, krn; at least two of them)"
            }
            Fault::NoReference => {
                "product-check question answered without any reference (no registration number, no cekbpom.pom.go.id, no regulation)"
            }
            Fault::NoFollowUp => {
                "complaint answer without a follow-up statement (no “perkembangan …”, “… hari kerja”, “akan kami informasikan”, “memantau”)"
            }
            Fault::TooShort => "too-short answer (under 10 words, e.g. “Sudah kami teruskan.”)",
            Fault::OffTopic => {
                "answer copied from another topic/product (does not address the question)"
            }
            Fault::BlankAnswer => "answer cell empty",
            Fault::Late => {
                "answered late: more than SLA + 2 working days after receipt (see the timing table), holidays and cuti bersama excluded"
            }
            Fault::MissingAnswered => {
                "answer date cell empty although the ticket was answered (status Selesai/Ditutup)"
            }
            Fault::DateLongMonth => "date written as `12 Maret 2026 10:15` (Indonesian month name)",
            Fault::DateIso => "date written as `2026-03-12 10:15:00` (ISO with seconds)",
            Fault::DateDashDateOnly => "date written as `12-03-2026` (dashes, no time)",
            Fault::DateUnparseable => {
                "unparseable date text (`31/02/2026 …`, `29/02/2026 …` (2026 is no leap year), `kemarin`)"
            }
            Fault::DateSerial => {
                "date stored as a bare Excel serial number (number cell without date format)"
            }
            Fault::ClosedBeforeReceived => "closing date earlier than the receipt date",
            Fault::OfficerNameVariant => {
                "officer name in another spelling (UPPER CASE, lower case or trailing space)"
            }
            Fault::DuplicateRow => {
                "ticket exported twice (identical row repeated right after a 100-row page boundary)"
            }
        }
    }

    fn index(self) -> usize {
        Fault::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

#[derive(Debug, Default, Clone)]
pub struct Tally {
    counts: [u64; Fault::ALL.len()],
    /// Other distributions: (group, value) -> count.
    pub dist: BTreeMap<(&'static str, String), u64>,
}

impl Tally {
    pub fn hit(&mut self, f: Fault) {
        self.counts[f.index()] += 1;
    }

    pub fn add(&mut self, group: &'static str, value: impl Into<String>, n: u64) {
        *self.dist.entry((group, value.into())).or_insert(0) += n;
    }

    /// Take back a hit (a later fault replaced the text the earlier one was counted on).
    pub fn unhit(&mut self, f: Fault) {
        let c = &mut self.counts[f.index()];
        *c = c.saturating_sub(1);
    }

    pub fn count(&self, f: Fault) -> u64 {
        self.counts[f.index()]
    }

    pub fn note(&mut self, group: &'static str, value: impl Into<String>) {
        *self.dist.entry((group, value.into())).or_insert(0) += 1;
    }

    pub fn group(&self, group: &str) -> Vec<(&str, u64)> {
        self.dist
            .iter()
            .filter(|((g, _), _)| *g == group)
            .map(|((_, v), n)| (v.as_str(), *n))
            .collect()
    }

    pub fn get(&self, group: &str, value: &str) -> u64 {
        self.dist
            .iter()
            .find(|((g, v), _)| *g == group && v == value)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

// ---------------------------------------------------------------------------------------------
// Ticket.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Aplikasi Simpel LPK export (CSV).
    Simpel,
    /// SP4N-LAPOR! export (XLSX).
    Lapor,
    /// Large synthetic export for benchmarks.
    Bench,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Selesai,
    DalamProses,
    Ditutup,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Selesai => "Selesai",
            Status::DalamProses => "Dalam Proses",
            Status::Ditutup => "Ditutup",
        }
    }
}

/// What a date cell holds in the export.
#[derive(Debug, Clone, PartialEq)]
pub enum DateCell {
    Blank,
    /// A proper date-time (CSV: `dd/mm/yyyy HH:MM`; XLSX: formatted date cell).
    Dt(NaiveDateTime),
    /// Free text (other formats, unparseable values).
    Text(String),
    /// XLSX only: a bare serial number without date format.
    Serial(NaiveDateTime),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub no_greeting: bool,
    pub no_closing: bool,
    pub slang: bool,
    pub no_reference: bool,
    pub no_follow_up: bool,
    pub short: bool,
    pub off_topic: bool,
    pub blank: bool,
    pub late: bool,
}

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: String,
    pub unit: &'static Unit,
    pub officer: String,
    pub media: Media,
    pub kind: Kind,
    pub commodity: Commodity,
    pub received: NaiveDateTime,
    pub closed: Option<NaiveDateTime>,
    /// Cells for received, answered, closed.
    pub cells: [DateCell; 3],
    pub status: Status,
    pub question: String,
    pub answer: String,
    pub accuracy: &'static str,
    pub marks: Marks,
}

pub fn fmt_dt(dt: NaiveDateTime) -> String {
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        dt.day(),
        dt.month(),
        dt.year(),
        dt.hour(),
        dt.minute()
    )
}

impl DateCell {
    /// Text as it appears in a CSV export.
    pub fn csv_text(&self) -> String {
        match self {
            DateCell::Blank => String::new(),
            DateCell::Dt(dt) => fmt_dt(*dt),
            DateCell::Text(s) => s.clone(),
            DateCell::Serial(dt) => format!("{:.6}", excel_serial(*dt)),
        }
    }
}

/// Excel 1900-system serial number (valid for dates after 1900-03-01).
pub fn excel_serial(dt: NaiveDateTime) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (dt.date() - base).num_days() as f64;
    let secs = f64::from(dt.num_seconds_from_midnight());
    days + secs / 86_400.0
}

// ---------------------------------------------------------------------------------------------
// SLA classes used to place answer dates. On-time rows are at most `on_time_max` working days
// after receipt (the smallest target any unit uses); late rows at least 3 working days past the
// largest target (1 direct, 7 letter, 14 complaint), beyond a "≤ 2 days late = partial" band.

#[derive(Debug, Clone, Copy)]
pub struct SlaClass {
    pub name: &'static str,
    pub on_time_max: u32,
    pub normal: (u32, u32),
    pub late: (u32, u32),
}

pub const SLA_DIRECT: SlaClass = SlaClass {
    name: "Informasi, direct channels (phone, SMS, email, WhatsApp, social media, app, web, portal, walk-in)",
    on_time_max: 1,
    normal: (0, 1),
    late: (4, 7),
};
pub const SLA_LETTER: SlaClass = SlaClass {
    name: "Informasi by letter (Surat)",
    on_time_max: 3,
    normal: (1, 3),
    late: (10, 14),
};
pub const SLA_COMPLAINT: SlaClass = SlaClass {
    name: "Pengaduan (no field inspection)",
    on_time_max: 10,
    normal: (2, 10),
    late: (17, 25),
};
pub const SLA_LAPOR_INFO: SlaClass = SlaClass {
    name: "SP4N-LAPOR! Informasi (follow-up)",
    on_time_max: 1,
    normal: (0, 1),
    late: (17, 22),
};
pub const SLA_LAPOR_COMPLAINT: SlaClass = SlaClass {
    name: "SP4N-LAPOR! Pengaduan (follow-up within 5 working days)",
    on_time_max: 5,
    normal: (1, 5),
    late: (17, 22),
};

fn sla_class(src: Source, kind: Kind, media: Media) -> SlaClass {
    match (src, kind) {
        (Source::Lapor, Kind::Informasi) => SLA_LAPOR_INFO,
        (Source::Lapor, Kind::Pengaduan) => SLA_LAPOR_COMPLAINT,
        (_, Kind::Pengaduan) => SLA_COMPLAINT,
        (_, Kind::Informasi) if media == Media::Surat => SLA_LETTER,
        _ => SLA_DIRECT,
    }
}

// ---------------------------------------------------------------------------------------------
// Random choices of unit, kind, channel, commodity, time.

pub fn pick_unit<R: RngExt + ?Sized>(rng: &mut R) -> &'static Unit {
    let mut x = rng.random_range(0..total_weight());
    for u in &UNITS {
        if x < u.weight {
            return u;
        }
        x -= u.weight;
    }
    &UNITS[0]
}

fn pick_kind<R: RngExt + ?Sized>(rng: &mut R, src: Source) -> Kind {
    let p_complaint = match src {
        Source::Lapor => 0.80,
        _ => 0.12,
    };
    if chance(rng, p_complaint) {
        Kind::Pengaduan
    } else {
        Kind::Informasi
    }
}

fn pick_media<R: RngExt + ?Sized>(rng: &mut R, src: Source, kind: Kind, unit: &Unit) -> Media {
    use Media::*;
    if src == Source::Lapor {
        return pick_weighted(rng, &[(Sp4n, 85), (Website, 8), (Aplikasi, 7)]);
    }
    let phone = if unit.central { 34 } else { 16 };
    match kind {
        Kind::Informasi => pick_weighted(
            rng,
            &[
                (WhatsApp, 30),
                (Telepon, phone),
                (DatangLangsung, 14),
                (Email, 9),
                (Aplikasi, 6),
                (Instagram, 5),
                (Twitter, 4),
                (Sms, 3),
                (Website, 3),
                (Portal, 2),
                (Surat, 1),
            ],
        ),
        Kind::Pengaduan => pick_weighted(
            rng,
            &[
                (WhatsApp, 24),
                (Telepon, phone / 2),
                (DatangLangsung, 14),
                (Email, 14),
                (Portal, 8),
                (Aplikasi, 6),
                (Instagram, 4),
                (Twitter, 4),
                (Surat, 4),
                (Website, 3),
                (Sms, 2),
            ],
        ),
    }
}

fn pick_commodity<R: RngExt + ?Sized>(rng: &mut R, kind: Kind) -> Commodity {
    use Commodity::*;
    match kind {
        Kind::Informasi => pick_weighted(
            rng,
            &[
                (Obat, 22),
                (ObatTradisional, 12),
                (Kosmetik, 25),
                (Suplemen, 8),
                (Pangan, 25),
                (Nappza, 2),
                (Lainnya, 6),
            ],
        ),
        Kind::Pengaduan => pick_weighted(
            rng,
            &[
                (Obat, 14),
                (ObatTradisional, 16),
                (Kosmetik, 30),
                (Suplemen, 7),
                (Pangan, 26),
                (Nappza, 3),
                (Lainnya, 4),
            ],
        ),
    }
}

/// Minute of day for a message arriving on a 24/7 channel.
fn any_hour_minute<R: RngExt + ?Sized>(rng: &mut R) -> u32 {
    let hour = pick_weighted(
        rng,
        &[
            (6u32, 2),
            (7, 4),
            (8, 9),
            (9, 11),
            (10, 11),
            (11, 9),
            (12, 6),
            (13, 8),
            (14, 8),
            (15, 7),
            (16, 5),
            (17, 4),
            (18, 4),
            (19, 5),
            (20, 5),
            (21, 4),
            (22, 2),
        ],
    );
    hour * 60 + rng.random_range(0..60u32)
}

/// Receipt time on `day` (moved to the next working day for office-hours channels).
pub fn received_on<R: RngExt + ?Sized>(rng: &mut R, day: NaiveDate, media: Media) -> NaiveDateTime {
    if media.office_hours_only() {
        let d = if is_working_day(day) {
            day
        } else {
            add_working_days(day, 1)
        };
        let m = rng.random_range(480..=945u32);
        at(d, m / 60, m % 60)
    } else {
        let m = any_hour_minute(rng);
        at(day, m / 60, m % 60)
    }
}

/// Receipt day inside `days` (all calendar days of the period), fewer on days off.
pub fn received_day<R: RngExt + ?Sized>(
    rng: &mut R,
    days: &[NaiveDate],
    media: Media,
) -> NaiveDate {
    loop {
        let d = pick(rng, days);
        if is_working_day(d) || (!media.office_hours_only() && chance(rng, 0.35)) {
            return d;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One ticket.

/// Where the receipt day comes from.
pub enum DaySource<'a> {
    /// Uniform over these calendar days (fewer tickets on days off).
    Uniform(&'a [NaiveDate]),
    /// This day (bench mode, where days advance with the row number).
    Fixed(NaiveDate),
}

pub struct GenOptions<'a> {
    pub src: Source,
    /// Nothing is answered or closed after this moment (the export time).
    pub export_at: NaiveDateTime,
    pub compact: bool,
    /// Answers as formal letters of 1,500–3,000 characters, laid out on several lines (the
    /// bench export's `long` shape).
    pub long: bool,
    /// Quality profiles that replace a unit's own for this period: (unit name, profile).
    pub profiles: &'a [(&'static str, Profile)],
}

impl GenOptions<'_> {
    /// The unit's quality profile in this period.
    pub fn profile(&self, unit: &Unit) -> Profile {
        self.profiles
            .iter()
            .find(|(name, _)| *name == unit.name)
            .map_or(unit.profile, |(_, p)| *p)
    }
}

fn answer_time<R: RngExt + ?Sized>(
    rng: &mut R,
    received: NaiveDateTime,
    media: Media,
    k: u32,
) -> NaiveDateTime {
    if k == 0 {
        let add = if media.immediate() {
            rng.random_range(2..=25i64)
        } else {
            rng.random_range(10..=240i64)
        };
        let t = received + Duration::minutes(add);
        let close_of_day = at(received.date(), 16, 45);
        if t.date() == received.date() && (t <= close_of_day || media.immediate()) {
            return t;
        }
        return answer_time(rng, received, media, 1);
    }
    let d = add_working_days(received.date(), k);
    let m = rng.random_range(450..=1019u32);
    at(d, m / 60, m % 60)
}

fn working_days_k<R: RngExt + ?Sized>(
    rng: &mut R,
    received: NaiveDateTime,
    media: Media,
    class: SlaClass,
    late: bool,
) -> u32 {
    let (lo, hi) = if late { class.late } else { class.normal };
    let mut k = rng.random_range(lo..=hi);
    if !late && k == 0 && !media.immediate() {
        // Same-day answers only for messages received on a working day before 15:00.
        let same_day_ok = is_working_day(received.date()) && received.hour() < 15;
        if !(same_day_ok && chance(rng, 0.75)) {
            k = 1;
        }
    }
    if !late && media.immediate() && class.normal.0 == 0 {
        k = 0;
    }
    k
}

pub fn gen_ticket<R: RngExt + ?Sized>(
    rng: &mut R,
    opt: &GenOptions,
    unit: &'static Unit,
    days: DaySource,
    tally: &mut Tally,
) -> Ticket {
    let src = opt.src;
    let p = opt.profile(unit);
    let kind = pick_kind(rng, src);
    let media = pick_media(rng, src, kind, unit);
    let commodity = pick_commodity(rng, kind);
    let topic = text::pick_topic(rng, commodity, kind);
    let officer = (pick(rng, unit.officers)).to_string();
    let day = match days {
        DaySource::Uniform(all) => received_day(rng, all, media),
        DaySource::Fixed(d) => d,
    };
    let received = received_on(rng, day, media);

    // --- timing -------------------------------------------------------------------------
    let class = sla_class(src, kind, media);
    let mut late = chance(rng, p.late);
    let mut k = working_days_k(rng, received, media, class, late);
    let mut answered = answer_time(rng, received, media, k);
    if answered > opt.export_at && late {
        late = false;
        k = working_days_k(rng, received, media, class, false);
        answered = answer_time(rng, received, media, k);
    }
    if answered > opt.export_at {
        let k_max = working_days_between(received.date(), opt.export_at.date()).saturating_sub(1);
        answered = answer_time(rng, received, media, k.min(k_max.max(1)));
    }
    let wd = working_days_between(received.date(), answered.date());
    debug_assert!(
        if late {
            wd >= class.late.0
        } else {
            wd <= class.on_time_max
        },
        "SLA placement: late={late} wd={wd} class={}",
        class.name
    );
    if late {
        tally.hit(Fault::Late);
    } else {
        let cal = (answered.date() - received.date()).num_days();
        let holiday_between = received
            .date()
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= answered.date())
            .any(is_day_off);
        if holiday_between && cal > i64::from(class.on_time_max) + 3 {
            tally.note("info", "on_time_across_holidays");
        }
    }

    // --- status and closing ------------------------------------------------------------------
    let roll = rng.random_range(0..1000u32);
    let (mut status, mut closed) = match (src, kind) {
        (Source::Lapor, _) => {
            if roll < 60 {
                (
                    Status::Ditutup,
                    Some(at(add_working_days(answered.date(), 10), 0, 5)),
                )
            } else if roll < 90 {
                (Status::DalamProses, None)
            } else {
                let d = add_working_days(answered.date(), rng.random_range(0..=3u32));
                (Status::Selesai, Some(later_same_day_or(rng, answered, d)))
            }
        }
        (_, Kind::Pengaduan) => {
            if roll < 50 {
                let d = answered.date() + Duration::days(rng.random_range(5..=14i64));
                (Status::Ditutup, Some(at(d, 16, rng.random_range(0..60u32))))
            } else if roll < 80 {
                (Status::DalamProses, None)
            } else {
                let d = add_working_days(answered.date(), rng.random_range(0..=5u32));
                (Status::Selesai, Some(later_same_day_or(rng, answered, d)))
            }
        }
        (_, Kind::Informasi) => {
            if roll < 40 {
                let d = answered.date() + Duration::days(rng.random_range(3..=10i64));
                (Status::Ditutup, Some(at(d, 16, rng.random_range(0..60u32))))
            } else if roll < 55 {
                (Status::DalamProses, None)
            } else if roll < 750 {
                (Status::Selesai, Some(answered))
            } else {
                let c = answered + Duration::minutes(rng.random_range(1..=90i64));
                (Status::Selesai, Some(c))
            }
        }
    };
    if closed.is_some_and(|c| c > opt.export_at) {
        status = Status::DalamProses;
        closed = None;
    }

    // --- texts ---------------------------------------------------------------------------------
    let ctx = Ctx::new(rng, commodity, unit);
    let mut pii = Pii::default();
    if chance(rng, 0.06) {
        pii.phone = Some(text::phone(rng));
    }
    if chance(rng, 0.03) {
        pii.email = Some(text::email(rng));
    }
    if chance(rng, 0.006) {
        pii.nik = Some(text::nik(rng));
    }
    let question = text::question(rng, topic, kind, media, &ctx, &pii);
    if pii.phone.is_some() {
        tally.note("pii", "phone");
    }
    if pii.email.is_some() {
        tally.note("pii", "email");
    }
    if pii.nik.is_some() {
        tally.note("pii", "nik");
    }

    let mut marks = Marks {
        late,
        ..Marks::default()
    };
    let answer = if chance(rng, p.too_short) {
        marks.short = true;
        tally.hit(Fault::TooShort);
        text::short_answer(rng)
    } else {
        let off_topic = chance(rng, p.off_topic);
        let plan = AnswerPlan {
            greeting: !chance(rng, p.no_greeting),
            closing: !chance(rng, p.no_closing),
            reference: if topic.product_check {
                !chance(rng, p.no_reference)
            } else {
                chance(rng, if opt.compact { 0.2 } else { 0.6 })
            },
            slang: chance(rng, p.slang),
            multiline: opt.long || chance(rng, p.multiline),
            follow_up: kind == Kind::Informasi || !chance(rng, p.no_follow_up),
            compact: opt.compact,
            long: opt.long,
            lapor: src == Source::Lapor,
            central: unit.central,
        };
        marks.no_greeting = !plan.greeting;
        marks.no_closing = !plan.closing;
        marks.slang = plan.slang;
        marks.off_topic = off_topic;
        marks.no_reference = topic.product_check && !plan.reference && !off_topic;
        marks.no_follow_up = !plan.follow_up && !off_topic;
        if marks.no_greeting {
            tally.hit(Fault::NoGreeting);
        }
        if marks.no_closing {
            tally.hit(Fault::NoClosing);
        }
        if marks.slang {
            tally.hit(Fault::Slang);
        }
        if marks.no_reference {
            tally.hit(Fault::NoReference);
        }
        if marks.no_follow_up {
            tally.hit(Fault::NoFollowUp);
        }
        if plan.multiline {
            tally.note("info", "multiline_answers");
        }
        let hour = answered.hour();
        if off_topic {
            tally.hit(Fault::OffTopic);
            let other = other_topic(rng, topic);
            let other_commodity = other.commodities[0];
            let other_ctx = Ctx::new(rng, other_commodity, unit);
            text::answer(rng, other, kind, &other_ctx, &plan, hour)
        } else {
            text::answer(rng, topic, kind, &ctx, &plan, hour)
        }
    };
    if topic.product_check {
        tally.note("info", "product_check_questions");
    }

    // --- answer date cell -------------------------------------------------------------------
    let mut answered_cell = DateCell::Dt(answered);
    // Not on late rows, so that every counted late answer stays visible in the data.
    if status != Status::DalamProses && !late && chance(rng, p.missing_answered) {
        answered_cell = DateCell::Blank;
        tally.hit(Fault::MissingAnswered);
    }

    Ticket {
        id: String::new(),
        unit,
        officer,
        media,
        kind,
        commodity,
        received,
        closed,
        cells: [
            DateCell::Dt(received),
            answered_cell,
            closed.map_or(DateCell::Blank, DateCell::Dt),
        ],
        status,
        question,
        answer,
        accuracy: "",
        marks,
    }
}

fn later_same_day_or<R: RngExt + ?Sized>(
    rng: &mut R,
    answered: NaiveDateTime,
    d: NaiveDate,
) -> NaiveDateTime {
    if d == answered.date() {
        answered + Duration::minutes(rng.random_range(0..=120i64))
    } else {
        let m = rng.random_range(480..=990u32);
        at(d, m / 60, m % 60)
    }
}

fn other_topic<R: RngExt + ?Sized>(rng: &mut R, not: &Topic) -> &'static Topic {
    loop {
        let t = &text::TOPICS[rng.random_range(0..text::TOPICS.len() as u32) as usize];
        if t.key != not.key {
            return t;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reviewer accuracy (CSV and bench): a ~10% sample gets 0/1/2 or N/A.

pub fn assign_accuracy<R: RngExt + ?Sized>(rng: &mut R, t: &mut Ticket, tally: &mut Tally) {
    if !chance(rng, 0.10) {
        tally.note("accuracy", "(blank)");
        return;
    }
    let m = t.marks;
    t.accuracy = if m.blank || chance(rng, 0.03) {
        "N/A"
    } else if m.short || m.off_topic {
        pick_weighted(rng, &[("0", 75), ("1", 25)])
    } else if m.no_reference {
        pick_weighted(rng, &[("0", 10), ("1", 60), ("2", 30)])
    } else if m.slang {
        pick_weighted(rng, &[("1", 40), ("2", 60)])
    } else {
        pick_weighted(rng, &[("0", 3), ("1", 9), ("2", 88)])
    };
    tally.note("accuracy", t.accuracy);
}

// ---------------------------------------------------------------------------------------------
// Fixed-count faults for the sample files.

#[derive(Debug, Clone, Copy, Default)]
pub struct FixedFaults {
    pub long_month: u32,
    pub iso: u32,
    pub dash_date_only: u32,
    pub unparseable: u32,
    pub serial: u32,
    pub closed_before_received: u32,
    pub blank_answers: u32,
    pub officer_variants: u32,
    /// Two impossible dates (`dd/mm/yyyy`) for the unparseable-date faults.
    pub bad_dates: [&'static str; 2],
}

pub fn fmt_long_month(dt: NaiveDateTime) -> String {
    format!(
        "{} {} {} {:02}:{:02}",
        dt.day(),
        text::month_name(dt.month()),
        dt.year(),
        dt.hour(),
        dt.minute()
    )
}

pub fn fmt_iso(dt: NaiveDateTime) -> String {
    dt.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn fmt_dash_date(dt: NaiveDateTime) -> String {
    dt.format("%d-%m-%Y").to_string()
}

/// Rows that may receive a date/answer fault without overlapping another injected fault.
fn eligible(t: &Ticket) -> bool {
    t.status != Status::DalamProses
        && !t.marks.late
        && matches!(t.cells[1], DateCell::Dt(_))
        && matches!(t.cells[2], DateCell::Dt(_))
        && !t.marks.short
        && !t.marks.blank
        && !t.marks.off_topic
}

fn take_row<R: RngExt + ?Sized>(
    rng: &mut R,
    tickets: &[Ticket],
    used: &mut [bool],
) -> Option<usize> {
    let n = tickets.len() as u32;
    for _ in 0..100_000 {
        let i = rng.random_range(0..n) as usize;
        if !used[i] && eligible(&tickets[i]) {
            used[i] = true;
            return Some(i);
        }
    }
    None
}

pub fn apply_fixed_faults<R: RngExt + ?Sized>(
    rng: &mut R,
    tickets: &mut [Ticket],
    plan: FixedFaults,
    tally: &mut Tally,
) {
    let mut used = vec![false; tickets.len()];
    let mut next = |rng: &mut R, tickets: &[Ticket]| take_row(rng, tickets, &mut used);

    // Other valid formats, spread over the three date columns.
    type DateFmt = fn(NaiveDateTime) -> String;
    let alt: [(u32, Fault, DateFmt); 3] = [
        (plan.long_month, Fault::DateLongMonth, fmt_long_month),
        (plan.iso, Fault::DateIso, fmt_iso),
        (plan.dash_date_only, Fault::DateDashDateOnly, fmt_dash_date),
    ];
    for (n, fault, fmt) in alt {
        for j in 0..n {
            let Some(i) = next(rng, tickets) else { return };
            let col = (j % 3) as usize;
            if let DateCell::Dt(dt) = tickets[i].cells[col] {
                tickets[i].cells[col] = DateCell::Text(fmt(dt));
                tally.hit(fault);
            }
        }
    }
    for j in 0..plan.unparseable {
        let Some(i) = next(rng, tickets) else { return };
        let t = &mut tickets[i];
        let (col, value) = match j % 5 {
            0 => (
                1,
                format!(
                    "{} {:02}:{:02}",
                    plan.bad_dates[0],
                    9 + j % 6,
                    10 + 7 * (j % 6)
                ),
            ),
            1 => (1, "kemarin".to_string()),
            2 => (0, format!("{} {:02}:15", plan.bad_dates[1], 8 + j % 7)),
            3 => (2, plan.bad_dates[0].to_string()),
            _ => (2, "kemarin sore".to_string()),
        };
        t.cells[col] = DateCell::Text(value);
        tally.hit(Fault::DateUnparseable);
    }
    for _ in 0..plan.serial {
        let Some(i) = next(rng, tickets) else { return };
        let col = rng.random_range(0..3u32) as usize;
        if let DateCell::Dt(dt) = tickets[i].cells[col] {
            tickets[i].cells[col] = DateCell::Serial(dt);
            tally.hit(Fault::DateSerial);
        }
    }
    for _ in 0..plan.closed_before_received {
        let Some(i) = next(rng, tickets) else { return };
        let t = &mut tickets[i];
        let c = t.received - Duration::days(rng.random_range(1..=20i64))
            + Duration::minutes(rng.random_range(0..=300i64));
        t.closed = Some(c);
        t.cells[2] = DateCell::Dt(c);
        tally.hit(Fault::ClosedBeforeReceived);
    }
    for _ in 0..plan.blank_answers {
        let Some(i) = next(rng, tickets) else { return };
        blank_answer(&mut tickets[i], tally);
    }
    for j in 0..plan.officer_variants {
        let Some(i) = next(rng, tickets) else { return };
        let t = &mut tickets[i];
        t.officer = match j % 3 {
            0 => t.officer.to_uppercase(),
            1 => format!("{} ", t.officer),
            _ => t.officer.to_lowercase(),
        };
        tally.hit(Fault::OfficerNameVariant);
    }
}

/// Empty the answer; text faults counted on the old answer no longer apply.
fn blank_answer(t: &mut Ticket, tally: &mut Tally) {
    let m = t.marks;
    for (had, f) in [
        (m.no_greeting, Fault::NoGreeting),
        (m.no_closing, Fault::NoClosing),
        (m.slang, Fault::Slang),
        (m.no_reference, Fault::NoReference),
        (m.no_follow_up, Fault::NoFollowUp),
    ] {
        if had {
            tally.unhit(f);
        }
    }
    t.answer.clear();
    t.marks = Marks {
        blank: true,
        late: m.late,
        ..Marks::default()
    };
    tally.hit(Fault::BlankAnswer);
}

/// Bench mode: the same faults at small per-row rates (ticket ids stay unique).
pub fn apply_bench_faults<R: RngExt + ?Sized>(rng: &mut R, t: &mut Ticket, tally: &mut Tally) {
    if !eligible(t) {
        return;
    }
    let x = rng.random_range(0..100_000u32);
    let col = rng.random_range(0..3u32) as usize;
    let DateCell::Dt(dt) = t.cells[col] else {
        return;
    };
    match x {
        0..300 => {
            t.cells[col] = DateCell::Text(fmt_long_month(dt));
            tally.hit(Fault::DateLongMonth);
        }
        300..600 => {
            t.cells[col] = DateCell::Text(fmt_iso(dt));
            tally.hit(Fault::DateIso);
        }
        600..900 => {
            t.cells[col] = DateCell::Text(fmt_dash_date(dt));
            tally.hit(Fault::DateDashDateOnly);
        }
        900..920 => {
            t.cells[1] = DateCell::Text("kemarin".to_string());
            tally.hit(Fault::DateUnparseable);
        }
        920..940 => {
            let c = t.received - Duration::days(rng.random_range(1..=20i64));
            t.closed = Some(c);
            t.cells[2] = DateCell::Dt(c);
            tally.hit(Fault::ClosedBeforeReceived);
        }
        940..970 => {
            blank_answer(t, tally);
        }
        970..1020 => {
            t.officer = t.officer.to_uppercase();
            tally.hit(Fault::OfficerNameVariant);
        }
        _ => {}
    }
}

/// Insert a copy of the last row of a random 100-row page right after it.
pub fn duplicate_one<R: RngExt + ?Sized>(
    rng: &mut R,
    tickets: &mut Vec<Ticket>,
    tally: &mut Tally,
) {
    let pages = (tickets.len() / 100).max(1) as u32;
    let k = rng.random_range(1..=pages) as usize;
    let at_row = (k * 100).min(tickets.len()) - 1;
    let copy = tickets[at_row].clone();
    tickets.insert(at_row + 1, copy);
    tally.hit(Fault::DuplicateRow);
}

/// Counts for the README's distribution tables.
pub fn note_distribution(tickets: &[Ticket], tally: &mut Tally) {
    for t in tickets {
        tally.note("status", t.status.label());
        tally.note("kind", t.kind.label());
        tally.note("media", t.media.label());
        tally.note("commodity", t.commodity.label());
        tally.note("unit", t.unit.name);
        if t.answer.contains('\n') {
            tally.note("info", "answers_with_line_breaks");
        }
        if t.question.contains('\n') {
            tally.note("info", "questions_with_line_breaks");
        }
    }
}

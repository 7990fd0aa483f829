//! Deterministic synthetic data for `ulpk-eval`.
//!
//! ```sh
//! cargo run --release --example gen_samples -- samples [--seed 20260331] [--out samples]
//! cargo run --release --example gen_samples -- bench --rows 1000000 --out bench/answers-1m.csv \
//!     [--seed S] [--format csv|xlsx] [--shape default|simpel|cp1252|long|units|dayfirst]
//! ```
//!
//! `samples` writes `simpel-lpk-2026-q1.csv` (Windows-1252, `;`), `sp4n-lapor-2026-q1.xlsx`,
//! filled self-assessment workbooks for three instruments (`penilaian-mandiri/`,
//! `kompetisi/`, `kepatuhan-ombudsman/`, `pekppp/`), the previous period's inputs
//! (`periode-sebelumnya/`: Simpel CSV, self-assessments and SKM survey for Q4 2025) and
//! `README.md` with the exact counts of every injected fault. `bench` streams a large
//! UTF-8 CSV (or builds an XLSX) with the same columns, in one of the shapes of
//! `gen_samples/shapes.rs` (the Simpel application's `;` and multi-line letters, Excel's
//! Windows-1252, long letters, every unit under many spellings, loose day-first dates).

#[path = "gen_samples/assessments.rs"]
mod assessments;
#[path = "gen_samples/calendar.rs"]
mod calendar;
#[path = "gen_samples/evidence.rs"]
mod evidence;
#[path = "gen_samples/model.rs"]
mod model;
#[path = "gen_samples/output.rs"]
mod output;
#[path = "gen_samples/readme.rs"]
mod readme;
#[path = "gen_samples/shapes.rs"]
mod shapes;
#[path = "gen_samples/skm.rs"]
mod skm;
#[path = "gen_samples/text.rs"]
mod text;
#[path = "gen_samples/units.rs"]
mod units;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use clap::{Parser, Subcommand, ValueEnum};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use assessments::{Downgrade, Evidence, Instrument};
use model::{
    DaySource, FixedFaults, GenOptions, Source, Tally, Ticket, apply_bench_faults,
    apply_fixed_faults, assign_accuracy, duplicate_one, gen_ticket, note_distribution, pick_unit,
};
use output::BoxResult;
use shapes::{DateStyle, Shape};

const DEFAULT_SEED: u64 = 20260331;
/// Rows of the Simpel CSV (one of them is the duplicated ticket).
const CSV_ROWS: usize = 2400;
/// Rows of the SP4N-LAPOR! XLSX (one of them is the duplicated report).
const XLSX_ROWS: usize = 600;
/// Rows of the previous period's Simpel CSV (one of them is the duplicated ticket).
const Q4_CSV_ROWS: usize = 1200;

#[derive(Parser)]
#[command(about = "Deterministic synthetic BPOM ULPK exports for ulpk-eval")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Write the Q1 2026 sample exports and their README.
    Samples {
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        #[arg(long, default_value = "samples")]
        out: PathBuf,
    },
    /// Stream a large export for performance tests.
    Bench {
        #[arg(long)]
        rows: u64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Spread the answers over the first N units of the built-in register (their real
        /// names) instead of the samples' 22 units; each takes a sample unit's officers and
        /// profile in turn.
        #[arg(long)]
        units: Option<usize>,
        /// First and last day of the answers (YYYY-MM-DD); default 2024-01-01 to 2026-12-31.
        #[arg(long, default_value = "2024-01-01")]
        from: NaiveDate,
        #[arg(long, default_value = "2026-12-31")]
        to: NaiveDate,
        /// How the export is written (see gen_samples/shapes.rs); `units` takes every unit
        /// of the register unless `--units` says how many.
        #[arg(long, value_enum, default_value_t = Shape::Default)]
        shape: Shape,
    },
    /// Write filled minimum-standard workbooks for `count` units, for performance tests.
    BenchUnits {
        #[arg(long, default_value_t = 73)]
        count: usize,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// Name the workbooks after the first `count` units of the built-in register
        /// instead of "Balai POM Uji 01" ….
        #[arg(long)]
        register: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Xlsx,
}

fn main() {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::BenchUnits {
            count,
            out,
            seed,
            register,
        } => bench_units(count, &out, seed, register),
        Cmd::Samples { seed, out } => samples(seed, &out),
        Cmd::Bench {
            rows,
            out,
            seed,
            format,
            units,
            from,
            to,
            shape,
        } => {
            let units = match (units, shape) {
                (None, Shape::Units) => Some(ulpk_eval::register::Register::built_in().units.len()),
                (u, _) => u,
            };
            units.map(register_units).transpose().and_then(|units| {
                let spread = Spread {
                    units: units.unwrap_or_default(),
                    from,
                    to,
                };
                bench(rows, &out, seed, format, &spread, shape)
            })
        }
    };
    if let Err(e) = res {
        eprintln!("gen_samples: error: {e}");
        std::process::exit(1);
    }
}

fn ymd(y: i32, m: u32, d: u32) -> BoxResult<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}").into())
}

fn ymd_hm(y: i32, m: u32, d: u32, h: u32, min: u32) -> BoxResult<NaiveDateTime> {
    ymd(y, m, d)?
        .and_hms_opt(h, min, 0)
        .ok_or_else(|| format!("invalid time {h}:{min}").into())
}

fn self_check(rng: &mut ChaCha8Rng) -> BoxResult<()> {
    let ctx = text::Ctx::new(rng, text::Commodity::Kosmetik, &units::UNITS[0]);
    text::self_check(&ctx)?;
    for u in &units::UNITS {
        let mut names: Vec<&str> = u.officers.to_vec();
        names.sort_unstable();
        names.dedup();
        if names.len() != u.officers.len() || !(3..=6).contains(&names.len()) {
            return Err(format!("unit {} needs 3–6 distinct officers", u.name).into());
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// samples

/// The quarter an export covers.
struct Period<'a> {
    /// First and last day tickets are received.
    first: NaiveDate,
    last: NaiveDate,
    /// Export time: nothing is answered or closed after it.
    export_at: NaiveDateTime,
    /// Quality profiles replacing the units' own in this period: (unit name, profile).
    profiles: &'a [(&'static str, units::Profile)],
}

impl Period<'_> {
    /// Triwulan I 2026, the units' own profiles.
    fn q1_2026() -> BoxResult<Period<'static>> {
        Ok(Period {
            first: ymd(2026, 1, 1)?,
            last: ymd(2026, 3, 31)?,
            export_at: ymd_hm(2026, 4, 8, 8, 0)?,
            profiles: &[],
        })
    }

    /// Triwulan IV 2025, with the previous period's profiles.
    fn q4_2025() -> BoxResult<Period<'static>> {
        Ok(Period {
            first: ymd(2025, 10, 1)?,
            last: ymd(2025, 12, 31)?,
            export_at: ymd_hm(2026, 1, 8, 8, 0)?,
            profiles: &units::Q4_2025_PROFILES,
        })
    }
}

/// Generate one sample export: `rows` data rows of which one is a duplicate.
fn build_dataset(
    rng: &mut ChaCha8Rng,
    src: Source,
    rows: usize,
    fixed: FixedFaults,
    period: &Period,
    tally: &mut Tally,
) -> BoxResult<Vec<Ticket>> {
    let days: Vec<NaiveDate> = period
        .first
        .iter_days()
        .take_while(|d| *d <= period.last)
        .collect();
    let opt = GenOptions {
        src,
        export_at: period.export_at,
        compact: false,
        long: false,
        profiles: period.profiles,
    };
    let mut tickets: Vec<Ticket> = (0..rows - 1)
        .map(|_| {
            let unit = pick_unit(rng);
            gen_ticket(rng, &opt, unit, DaySource::Uniform(&days), tally)
        })
        .collect();
    tickets.sort_by_key(|t| t.received);

    // Ticket numbers: ascending with gaps (drafts/deleted tickets in the source system).
    match src {
        Source::Lapor => {
            let mut id: u32 = 4_800_000 + rng.random_range(0..200_000u32);
            for t in &mut tickets {
                id += rng.random_range(37..=420u32);
                t.id = id.to_string();
            }
        }
        _ => {
            let mut seq: u32 = rng.random_range(1..=40u32);
            for t in &mut tickets {
                t.id = format!("LPK-{}-{seq:06}", period.first.year());
                seq += text::pick_weighted(rng, &[(1u32, 80), (2, 15), (3, 5)]);
            }
        }
    }

    apply_fixed_faults(rng, &mut tickets, fixed, tally);
    if src == Source::Simpel {
        for t in &mut tickets {
            assign_accuracy(rng, t, tally);
        }
    }
    duplicate_one(rng, &mut tickets, tally);
    note_distribution(&tickets, tally);
    Ok(tickets)
}

/// Print to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> BoxResult<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}").into()),
        _ => Ok(()),
    }
}

fn file_len(path: &Path) -> BoxResult<u64> {
    Ok(std::fs::metadata(path)
        .map_err(|e| format!("cannot stat {}: {e}", path.display()))?
        .len())
}

fn samples(seed: u64, out: &Path) -> BoxResult<()> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    self_check(&mut ChaCha8Rng::seed_from_u64(seed))?;
    let q1 = Period::q1_2026()?;

    // Simpel LPK CSV.
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut csv_tally = Tally::default();
    let csv_fixed = FixedFaults {
        long_month: 4,
        iso: 4,
        dash_date_only: 4,
        unparseable: 5,
        serial: 0,
        closed_before_received: 4,
        blank_answers: 3,
        officer_variants: 4,
        bad_dates: ["31/02/2026", "29/02/2026"],
    };
    let csv_tickets = build_dataset(
        &mut rng,
        Source::Simpel,
        CSV_ROWS,
        csv_fixed,
        &q1,
        &mut csv_tally,
    )?;
    let csv_path = out.join(readme::CSV_NAME);
    let replaced = output::write_simpel_csv(&csv_path, &csv_tickets)?;
    csv_tally.add("info", "chars_replaced", replaced);

    // SP4N-LAPOR! XLSX: an independent stream so the CSV does not change when it does.
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5350_344E_4C41_504F);
    let mut xlsx_tally = Tally::default();
    let xlsx_fixed = FixedFaults {
        long_month: 1,
        iso: 1,
        dash_date_only: 0,
        unparseable: 2,
        serial: 6,
        closed_before_received: 2,
        blank_answers: 2,
        officer_variants: 2,
        bad_dates: ["31/02/2026", "29/02/2026"],
    };
    let xlsx_tickets = build_dataset(
        &mut rng,
        Source::Lapor,
        XLSX_ROWS,
        xlsx_fixed,
        &q1,
        &mut xlsx_tally,
    )?;
    let xlsx_path = out.join(readme::XLSX_NAME);
    output::write_lapor_xlsx(&xlsx_path, &xlsx_tickets)?;

    let csv_info = readme::FileInfo {
        name: readme::CSV_NAME,
        rows: csv_tickets.len(),
        bytes: file_len(&csv_path)?,
        tally: &csv_tally,
    };
    let xlsx_info = readme::FileInfo {
        name: readme::XLSX_NAME,
        rows: xlsx_tickets.len(),
        bytes: file_len(&xlsx_path)?,
        tally: &xlsx_tally,
    };

    // Self-assessments. Each instrument draws from its own stream, so adding one leaves the
    // others' workbooks unchanged.
    let minimum = assessments::load_standard(ulpk_eval::standard::BUILTIN_MINIMUM)?;
    let assessed = assessments::write(
        &Instrument {
            std: &minimum,
            profiles: &assessments::PROFILES,
            as_of: assessments::date(assessments::AS_OF),
            seed,
            evidence: Evidence::FileName,
            downgrade: Downgrade::Redraw,
        },
        &out.join("penilaian-mandiri"),
    )?;
    let kompetisi_std = assessments::load_standard(readme::KOMPETISI_STANDARD)?;
    let kompetisi = assessments::write(
        &Instrument {
            std: &kompetisi_std,
            profiles: &assessments::PROFILES_KOMPETISI,
            as_of: assessments::date(assessments::AS_OF),
            seed: seed ^ 0x4B4F_4D50_4554_4953,
            evidence: Evidence::Documents,
            downgrade: Downgrade::StepDown,
        },
        &out.join(readme::KOMPETISI_DIR),
    )?;
    let ombudsman_std = assessments::load_standard(readme::OMBUDSMAN_STANDARD)?;
    let ombudsman = assessments::write(
        &Instrument {
            std: &ombudsman_std,
            profiles: &assessments::PROFILES_OMBUDSMAN,
            as_of: assessments::date(assessments::AS_OF),
            seed: seed ^ 0x4F4D_4255_4453_4D4E,
            evidence: Evidence::Documents,
            downgrade: Downgrade::StepDown,
        },
        &out.join(readme::OMBUDSMAN_DIR),
    )?;
    let pekppp_std = assessments::load_standard(readme::PEKPPP_STANDARD)?;
    let pekppp = assessments::write(
        &Instrument {
            std: &pekppp_std,
            profiles: &assessments::PROFILES_PEKPPP,
            as_of: assessments::date(assessments::AS_OF),
            seed: seed ^ 0x5045_4B50_5050_3239,
            evidence: Evidence::Documents,
            downgrade: Downgrade::StepDown,
        },
        &out.join(readme::PEKPPP_DIR),
    )?;

    // The previous period (Triwulan IV 2025), for period comparison.
    let prev = out.join(readme::PREV_DIR);
    std::fs::create_dir_all(&prev).map_err(|e| format!("cannot create {}: {e}", prev.display()))?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5134_2D32_3032_3543);
    let mut q4_tally = Tally::default();
    let q4_fixed = FixedFaults {
        long_month: 2,
        iso: 2,
        dash_date_only: 2,
        unparseable: 3,
        serial: 0,
        closed_before_received: 2,
        blank_answers: 2,
        officer_variants: 2,
        bad_dates: ["31/11/2025", "31/09/2025"],
    };
    let q4_tickets = build_dataset(
        &mut rng,
        Source::Simpel,
        Q4_CSV_ROWS,
        q4_fixed,
        &Period::q4_2025()?,
        &mut q4_tally,
    )?;
    let q4_path = prev.join(readme::Q4_CSV_NAME);
    let replaced = output::write_simpel_csv(&q4_path, &q4_tickets)?;
    q4_tally.add("info", "chars_replaced", replaced);
    let q4_info = readme::FileInfo {
        name: readme::Q4_CSV_NAME,
        rows: q4_tickets.len(),
        bytes: file_len(&q4_path)?,
        tally: &q4_tally,
    };
    let assessed_q4 = assessments::write(
        &Instrument {
            std: &minimum,
            profiles: &assessments::PROFILES_Q4,
            as_of: assessments::date(assessments::AS_OF_Q4),
            // Stream picked among the first few so that, besides the profiles' own failures,
            // only one unit misses a mandatory item by chance.
            seed: seed ^ 13,
            evidence: Evidence::FileName,
            downgrade: Downgrade::Redraw,
        },
        &prev.join("penilaian-mandiri"),
    )?;
    let skm_q4 = skm::write(
        seed ^ 0x5134_2D53_4B4D_3235,
        &skm::Q4_2025,
        2025,
        &prev.join(readme::Q4_SKM_NAME),
    )?;

    let md = readme::render(
        seed,
        &csv_info,
        &xlsx_info,
        &readme::Assessments {
            q1: &assessed,
            kompetisi: &kompetisi,
            ombudsman: &ombudsman,
            pekppp: &pekppp,
        },
        &readme::Previous {
            csv: &q4_info,
            assessed: &assessed_q4,
            skm: &skm_q4,
        },
    );
    let readme_path = out.join("README.md");
    std::fs::write(&readme_path, md)
        .map_err(|e| format!("cannot write {}: {e}", readme_path.display()))?;

    let mut report = String::new();
    for (dir, f) in [
        (out, &csv_info),
        (out, &xlsx_info),
        (prev.as_path(), &q4_info),
    ] {
        report.push_str(&format!(
            "wrote {} ({} data rows, {} bytes)\n",
            dir.join(f.name).display(),
            f.rows,
            f.bytes
        ));
    }
    for (dir, w) in [
        ("penilaian-mandiri", &assessed),
        (readme::KOMPETISI_DIR, &kompetisi),
        (readme::OMBUDSMAN_DIR, &ombudsman),
        (readme::PEKPPP_DIR, &pekppp),
    ] {
        report.push_str(&format!(
            "wrote {} ({} workbooks)\n",
            out.join(dir).display(),
            w.len()
        ));
    }
    report.push_str(&format!(
        "wrote {} ({} workbooks)\n",
        prev.join("penilaian-mandiri").display(),
        assessed_q4.len()
    ));
    report.push_str(&format!(
        "wrote {} ({} respondents)\n",
        prev.join(readme::Q4_SKM_NAME).display(),
        skm_q4.respondents
    ));
    report.push_str(&format!("wrote {}\n\n", readme_path.display()));
    report.push_str(&readme::fault_table_text(&[
        ("csv", &csv_tally),
        ("xlsx", &xlsx_tally),
        ("csv-q4", &q4_tally),
    ]));
    report.push('\n');
    for (label, w) in [
        ("penilaian-mandiri", &assessed),
        ("kompetisi", &kompetisi),
        ("ombudsman", &ombudsman),
        ("pekppp", &pekppp),
        ("penilaian-mandiri-q4", &assessed_q4),
    ] {
        for a in w.iter() {
            report.push_str(&format!("{label:<22} {:<34} {}\n", a.unit, a.result()));
        }
    }
    emit(&report)
}

/// `count` filled workbooks of the minimum standard, the sample profiles repeated under
/// numbered unit names ("Balai POM Uji 01" …).
fn bench_units(count: usize, out: &Path, seed: u64, register: bool) -> BoxResult<()> {
    let names = if register {
        register_names(count)?
    } else {
        (0..count)
            .map(|i| format!("Balai POM Uji {:02}", i + 1))
            .collect()
    };
    let minimum = assessments::load_standard(ulpk_eval::standard::BUILTIN_MINIMUM)?;
    let profiles: Vec<assessments::Profile> = (0..count)
        .map(|i| {
            let mut p = assessments::PROFILES[i % assessments::PROFILES.len()];
            // Leaked once per unit: the generator is a short-lived tool.
            p.unit = Box::leak(names[i].clone().into_boxed_str());
            p
        })
        .collect();
    let written = assessments::write(
        &Instrument {
            std: &minimum,
            profiles: &profiles,
            as_of: assessments::date(assessments::AS_OF),
            seed,
            evidence: Evidence::FileName,
            downgrade: Downgrade::Redraw,
        },
        out,
    )?;
    emit(&format!(
        "wrote {} workbooks to {}\n",
        written.len(),
        out.display()
    ))
}

// ---------------------------------------------------------------------------------------------
// bench

/// The names of the first `count` units of the built-in register.
fn register_names(count: usize) -> BoxResult<Vec<String>> {
    let all = ulpk_eval::register::Register::built_in().units;
    if count == 0 || count > all.len() {
        return Err(format!(
            "--units/--count must be 1 to {} (the register's units)",
            all.len()
        )
        .into());
    }
    Ok(all.into_iter().take(count).map(|u| u.name).collect())
}

/// `count` units with the register's names, each a sample unit's city, officers and profile
/// in turn. Leaked once: the generator is a short-lived tool.
fn register_units(count: usize) -> BoxResult<Vec<&'static units::Unit>> {
    Ok(register_names(count)?
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let t = &units::UNITS[i % units::UNITS.len()];
            &*Box::leak(Box::new(units::Unit {
                name: Box::leak(name.into_boxed_str()),
                city: t.city,
                tz: t.tz,
                weight: t.weight,
                profile: t.profile,
                officers: t.officers,
                central: false,
            }))
        })
        .collect())
}

/// Which units and days a benchmark export covers.
struct Spread {
    /// Empty: the samples' units.
    units: Vec<&'static units::Unit>,
    from: NaiveDate,
    to: NaiveDate,
}

impl Spread {
    fn pick<R: RngExt + ?Sized>(&self, rng: &mut R) -> &'static units::Unit {
        if self.units.is_empty() {
            return pick_unit(rng);
        }
        let total: u32 = self.units.iter().map(|u| u.weight).sum();
        let mut x = rng.random_range(0..total);
        for &u in &self.units {
            if x < u.weight {
                return u;
            }
            x -= u.weight;
        }
        self.units[0]
    }
}

/// Stream of the shapes' own draws (line breaks, seconds, spellings).
const SHAPE_STREAM: u64 = 0x5348_4150_4553_2121;

fn bench(
    rows: u64,
    out: &Path,
    seed: u64,
    format: Format,
    spread: &Spread,
    shape: Shape,
) -> BoxResult<()> {
    if rows == 0 {
        return Err("--rows must be at least 1".into());
    }
    if format == Format::Xlsx && shape.csv_only() {
        return Err("--shape simpel, cp1252 and dayfirst are CSV layouts; use --format csv".into());
    }
    if spread.to < spread.from {
        return Err("--to must not be before --from".into());
    }
    if format == Format::Xlsx && rows > 1_048_575 {
        return Err("an XLSX sheet holds at most 1,048,575 data rows".into());
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let started = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    self_check(&mut ChaCha8Rng::seed_from_u64(seed))?;
    let first = spread.from;
    let span_days = (spread.to - first).num_days() + 1;
    let opt = GenOptions {
        src: Source::Bench,
        // A month after the last day (2027-01-31 23:59 by default).
        export_at: (spread.to + Duration::days(31))
            .and_hms_opt(23, 59, 0)
            .ok_or("bad export time")?,
        compact: shape != Shape::Long,
        long: shape == Shape::Long,
        profiles: &[],
    };
    let layout = shape.layout();
    let mut shape_rng = ChaCha8Rng::seed_from_u64(seed ^ SHAPE_STREAM);
    let spellings = if shape == Shape::Units {
        Some(shapes::Spellings::new(&spread.units)?)
    } else {
        None
    };
    let mut tally = Tally::default();
    let mut seq_by_year = [0u32; 4];

    enum Sink {
        Csv(Box<output::BenchCsv>),
        Xlsx(Box<output::BenchXlsx>),
    }
    let mut sink = match format {
        Format::Csv => Sink::Csv(Box::new(output::BenchCsv::create(out, layout)?)),
        Format::Xlsx => Sink::Xlsx(Box::new(output::BenchXlsx::create()?)),
    };
    for i in 0..rows {
        // Days advance with the row index, so ids and dates ascend together.
        let offset = (u128::from(i) * span_days as u128 / u128::from(rows)) as i64;
        let day = first + Duration::days(offset);
        let unit = spread.pick(&mut rng);
        let mut t = gen_ticket(&mut rng, &opt, unit, DaySource::Fixed(day), &mut tally);
        let year = t.received.year();
        let slot = (year - 2024).clamp(0, 3) as usize;
        seq_by_year[slot] += 1;
        t.id = format!("LPK-{year}-{:06}", seq_by_year[slot]);
        apply_bench_faults(&mut rng, &mut t, &mut tally);
        assign_accuracy(&mut rng, &mut t, &mut tally);
        if let Some(sp) = &spellings {
            t.unit = sp.pick(&mut shape_rng, t.unit);
        }
        if layout.letters {
            t.answer = shapes::letter_layout(&mut shape_rng, &t.answer);
            t.question = shapes::crlf(&t.question);
        }
        if layout.dates == DateStyle::DayFirstLoose {
            // Seconds ascend over the three cells, so that times within a minute keep
            // their order.
            for (k, cell) in t.cells.iter_mut().enumerate() {
                if let model::DateCell::Dt(dt) = *cell {
                    let secs = 20 * k as u32 + shape_rng.random_range(0..20u32);
                    *cell = model::DateCell::Text(shapes::fmt_dayfirst(dt, secs));
                }
            }
        }
        match &mut sink {
            Sink::Csv(w) => w.write(&t)?,
            Sink::Xlsx(w) => w.write(&t)?,
        }
    }
    let mut notes = format!("shape {shape:?}");
    match sink {
        Sink::Csv(w) => {
            let replaced = w.finish()?;
            if layout.cp1252 {
                notes.push_str(&format!(
                    ", {replaced} characters written as ? in Windows-1252"
                ));
            }
        }
        Sink::Xlsx(w) => w.finish(out)?,
    }
    if let Some(sp) = &spellings {
        notes.push_str(&format!(
            ", {} units under {} spellings",
            spread.units.len(),
            sp.count()
        ));
    }
    let bytes = file_len(out)?;
    let secs = started.elapsed().as_secs_f64();
    let report = format!(
        "wrote {} ({rows} data rows, {bytes} bytes, {:.0} bytes/row; {notes}) in {secs:.1} s\n\n{}",
        out.display(),
        bytes as f64 / rows as f64,
        readme::fault_table_text(&[("rows", &tally)])
    );
    emit(&report)
}

//! Row-level checks of the normalised frame: every problem becomes a [`DataIssue`] naming
//! the file, sheet, row and column. The scoring expressions turn the same problems into
//! "unverifiable" states; this module only reports them.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime};
use polars::prelude::*;

use crate::calendar::Calendar;
use crate::error::{Location, Result, polars_err};
use crate::ingest::columns::field;
use crate::ingest::normalize::{RAW_SUFFIX, UnitList};
use crate::ingest::{FILE_COL, ROW_COL, SourceInfo};
use crate::issues::{DataIssue, IssueKind};
use crate::rubric::{Kind, Rubric};
use crate::score::text::{ManualEntry, parse_manual};

/// Column marking records whose id already appeared earlier (left out of summaries).
pub const DUPLICATE: &str = "duplicate";

fn str_col<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked> {
    df.column(name)
        .and_then(|c| c.str())
        .map_err(|e| polars_err(name, e))
}

fn dt_col(df: &DataFrame, name: &str) -> Result<Int64Chunked> {
    let c = df.column(name).map_err(|e| polars_err(name, e))?;
    let phys = c.cast(&DataType::Int64).map_err(|e| polars_err(name, e))?;
    Ok(phys.i64().map_err(|e| polars_err(name, e))?.clone())
}

fn to_dt(ms: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(ms).map(|d| d.naive_utc())
}

/// Checks records part by part, remembering the ids seen so that a duplicate is found
/// across parts and files.
pub struct Checker<'a> {
    rubric: &'a Rubric,
    cal: &'a Calendar,
    units: Option<&'a UnitList>,
    /// 64-bit hash of each id → (file, row) where it first appeared: 16 bytes an id in
    /// the table (a 128-bit key is aligned to 16 bytes and made it 32). Two different ids
    /// share a hash with a chance of about n²/2⁶⁵: 3·10⁻⁶ for ten million ids, 3·10⁻⁸ for
    /// a million (the second would be reported as a duplicate, its message naming its own
    /// id and the first one's file and row).
    seen: FxHashMap<u64, (u32, u32)>,
    files: Vec<String>,
    /// Every part's officers, for the likely duplicates found once all are read.
    officers: crate::officers::Officers,
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

impl<'a> Checker<'a> {
    pub fn new(rubric: &'a Rubric, cal: &'a Calendar, units: Option<&'a UnitList>) -> Self {
        Checker {
            rubric,
            cal,
            units,
            seen: FxHashMap::default(),
            files: Vec::new(),
            officers: crate::officers::Officers::default(),
        }
    }

    /// With every part checked: the likely duplicate officers (one id with two names, two
    /// names of a unit that look like one officer).
    pub fn officer_issues(&self, sources: &[SourceInfo]) -> Vec<DataIssue> {
        self.officers.issues(sources)
    }

    /// Whether a record with this id has been checked.
    pub fn knows(&self, id: &str) -> bool {
        self.seen.contains_key(&id_hash(id))
    }

    fn file_index(&mut self, file: &str) -> u32 {
        match self.files.iter().position(|f| f == file) {
            Some(i) => i as u32,
            None => {
                self.files.push(file.to_string());
                (self.files.len() - 1) as u32
            }
        }
    }

    /// Checks one part's records; returns their issues (unsorted) and adds the
    /// [`DUPLICATE`] column.
    pub fn check(&mut self, df: &mut DataFrame, sources: &[SourceInfo]) -> Result<Vec<DataIssue>> {
        let (rubric, cal, units) = (self.rubric, self.cal, self.units);
        df.rechunk_mut();
        let header_of: HashMap<(String, String), String> = sources
            .iter()
            .flat_map(|s| {
                let file = crate::error::shown(&s.path).to_string();
                s.mapping
                    .columns
                    .iter()
                    .map(move |(k, _, h)| ((file.clone(), k.clone()), h.clone()))
            })
            .collect();
        let sheet_of: HashMap<String, Option<String>> = sources
            .iter()
            .map(|s| (crate::error::shown(&s.path).to_string(), s.sheet.clone()))
            .collect();

        let files = str_col(df, FILE_COL)?;
        let rows = df
            .column(ROW_COL)
            .and_then(|c| c.u32())
            .map_err(|e| polars_err(ROW_COL, e))?;
        let ids = str_col(df, field::ID)?;
        let answers = str_col(df, field::ANSWER)?;
        let questions = str_col(df, field::QUESTION)?;
        let service = str_col(df, field::SERVICE_TYPE)?;
        let service_raw = str_col(df, &format!("{}{RAW_SUFFIX}", field::SERVICE_TYPE))?;
        let unit_col = str_col(df, field::UNIT)?;
        // Whether each distinct unit name is in the list, looked up once.
        let mut known_unit: FxHashMap<&str, bool> = FxHashMap::default();
        let dates: Vec<(&str, Int64Chunked, &StringChunked)> = field::DATES
            .iter()
            .map(|f| {
                Ok((
                    *f,
                    dt_col(df, f)?,
                    str_col(df, &format!("{f}{RAW_SUFFIX}"))?,
                ))
            })
            .collect::<Result<_>>()?;
        let manual: Vec<(&str, &StringChunked, [f64; 2], &[String])> = rubric
            .criteria
            .iter()
            .filter_map(|c| match &c.kind {
                Kind::Manual {
                    key,
                    scale,
                    na_values,
                    ..
                } => Some((key.as_str(), scale, na_values)),
                _ => None,
            })
            .map(|(key, scale, na)| Ok((key, str_col(df, key)?, *scale, na.as_slice())))
            .collect::<Result<_>>()?;
        let uses_question = rubric
            .required_fields()
            .iter()
            .any(|f| f == field::QUESTION);
        let years: Vec<String> = cal.years().map(|y| y.to_string()).collect();
        let years = years.join(", ");

        let mut issues = Vec::new();
        let mut dup = Vec::with_capacity(df.height());
        let mut file_idx = (String::new(), 0u32);
        for i in 0..df.height() {
            let file = files.get(i).unwrap_or("");
            let row = rows.get(i).unwrap_or(0);
            if file_idx.0 != file {
                file_idx = (file.to_string(), self.file_index(file));
            }
            let id = ids.get(i);
            let loc = |key: &str| {
                let mut l = Location {
                    file: Some(PathBuf::from(file)),
                    sheet: sheet_of.get(file).cloned().flatten(),
                    row: Some(row as usize),
                    ..Default::default()
                };
                if let Some(h) = header_of.get(&(file.to_string(), key.to_string())) {
                    l.column = Some(h.clone());
                }
                l
            };
            let mut push = |kind: IssueKind, key: &str, message| {
                issues.push(DataIssue {
                    kind,
                    location: loc(key),
                    record_id: id.map(str::to_string),
                    message,
                })
            };
            match id {
                None => {
                    push(
                        IssueKind::MissingId,
                        field::ID,
                        msg!("ID kosong", "blank id"),
                    );
                    dup.push(false);
                }
                Some(id) => match self.seen.get(&id_hash(id)) {
                    Some(&(first_file, r)) => {
                        let f = &self.files[first_file as usize];
                        push(
                            IssueKind::DuplicateId,
                            field::ID,
                            msg!(
                                "ID \"{id}\" sudah ada di {f} baris {r}; baris ini tidak dihitung dalam ringkasan",
                                "id \"{id}\" already appears in {f} row {r}; this row is left out of summaries"
                            ),
                        );
                        dup.push(true);
                    }
                    None => {
                        self.seen.insert(id_hash(id), (file_idx.1, row));
                        dup.push(false);
                    }
                },
            }
            if answers.get(i).is_none() {
                push(
                    IssueKind::BlankAnswer,
                    field::ANSWER,
                    msg!(
                        "jawaban kosong: kriteria atas jawaban tidak terverifikasi",
                        "blank answer: criteria on the answer are unverifiable"
                    ),
                );
            }
            if uses_question && questions.get(i).is_none() {
                push(
                    IssueKind::BlankQuestion,
                    field::QUESTION,
                    msg!(
                        "pertanyaan kosong: kriteria atas pertanyaan tidak terverifikasi",
                        "blank question: criteria on the question are unverifiable"
                    ),
                );
            }
            if service.get(i).is_none() {
                match service_raw.get(i) {
                    Some(raw) => push(
                        IssueKind::UnknownServiceType,
                        field::SERVICE_TYPE,
                        msg!(
                            "jenis layanan \"{raw}\" tidak dikenal (diharapkan Informasi atau Pengaduan; tambahkan alias dengan --aliases)",
                            "unknown service type \"{raw}\" (expected Informasi or Pengaduan, i.e. information or complaint; add an alias with --aliases)"
                        ),
                    ),
                    None => push(
                        IssueKind::UnknownServiceType,
                        field::SERVICE_TYPE,
                        msg!("jenis layanan kosong", "blank service type"),
                    ),
                }
            }
            if let (Some(list), Some(u)) = (units, unit_col.get(i))
                && !*known_unit.entry(u).or_insert_with(|| list.get(u).is_some())
            {
                push(IssueKind::UnknownUnit, field::UNIT, list.unknown_message(u));
            }
            // Parsed dates in the order of field::DATES.
            let mut parsed: [Option<NaiveDateTime>; 3] = [None; 3];
            for (k, (f, values, raws)) in dates.iter().enumerate() {
                match (values.get(i).and_then(to_dt), raws.get(i)) {
                    (Some(d), _) => {
                        parsed[k] = Some(d);
                        if *f != field::CLOSED_AT && !cal.covers(d.date()) {
                            let day = d.date();
                            push(
                                IssueKind::DateOutsideCalendar,
                                f,
                                msg!(
                                    "tanggal {day} di luar kalender hari kerja (tahun {years}); SLA tidak terverifikasi. Tambahkan tahun dengan --calendar",
                                    "date {day} is outside the working-day calendar (years {years}); SLA unverifiable. Add the year with --calendar"
                                ),
                            );
                        }
                    }
                    (None, Some(raw)) => push(
                        IssueKind::UnparseableDate,
                        f,
                        msg!(
                            "\"{raw}\" bukan tanggal yang dikenali (contoh: 12/03/2026 10:15, 2026-03-12, 12 Maret 2026)",
                            "\"{raw}\" is not a recognised date (e.g. 12/03/2026 10:15, 2026-03-12, 12 Maret 2026)"
                        ),
                    ),
                    (None, None) if *f != field::CLOSED_AT => push(
                        IssueKind::MissingDate,
                        f,
                        msg!(
                            "tanggal kosong: SLA tidak terverifikasi",
                            "blank date: SLA unverifiable"
                        ),
                    ),
                    (None, None) => {}
                }
            }
            if let Some(r) = parsed[0] {
                for (k, f) in [(1, field::RESPONDED_AT), (2, field::CLOSED_AT)] {
                    if let Some(d) = parsed[k].filter(|d| *d < r) {
                        push(
                            IssueKind::DateOrder,
                            f,
                            msg!(
                                "{d} lebih awal dari tanggal diterima {r}",
                                "{d} is before the received date {r}"
                            ),
                        );
                    }
                }
            }
            for (key, values, scale, na) in &manual {
                if let (ManualEntry::Invalid, Some(raw)) =
                    (parse_manual(values.get(i), *scale, na), values.get(i))
                {
                    let (lo, hi) = (scale[0], scale[1]);
                    push(
                        IssueKind::InvalidManualScore,
                        key,
                        msg!(
                            "nilai reviewer \"{raw}\" tidak valid: diharapkan angka {lo}–{hi} atau N/A",
                            "reviewer score \"{raw}\" is invalid: expected a number {lo}–{hi} or N/A"
                        ),
                    );
                }
            }
        }
        df.with_column(Column::new(DUPLICATE.into(), dup))
            .map_err(|e| polars_err(DUPLICATE, e))?;
        self.officers.observe(df)?;
        Ok(issues)
    }
}

//! Reading filled self-assessment workbooks back, as coordinators really save them: XLSX
//! from Excel, XLSX or ODS from LibreOffice, old XLS.
//!
//! Items are matched by their code, not by row: rows may be sorted, moved or have notes
//! inserted between them. Columns are found by the hidden key row the template writes.
//! Every problem is a data issue naming the file, sheet and cell; only a file that cannot
//! be read as an assessment of this standard at all is an error (for that file alone).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::Data;

use super::{META_SHEET, key, meta};
use crate::error::{Error, Location, Msg, Result};
use crate::ingest::keyed::{self, text};
use crate::ingest::workbook::cell_ref;
use crate::issues::{DataIssue, IssueKind};
use crate::standard::score::ItemAnswer;
use crate::standard::{Answer, CellValue, Standard};

/// One filled workbook.
#[derive(Debug, Clone)]
pub struct Filled {
    pub path: PathBuf,
    pub sheet: String,
    pub unit: String,
    pub answers: HashMap<String, ItemAnswer>,
    /// Cell of each item's own value, e.g. `G12`, for messages and gap lists.
    pub cells: HashMap<String, String>,
    pub issues: Vec<DataIssue>,
}

fn cell_value(d: &Data) -> CellValue {
    match d {
        Data::Empty | Data::Error(_) => CellValue::Empty,
        Data::String(s) if s.trim().is_empty() => CellValue::Empty,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Float(f) => CellValue::Number(*f),
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Bool(b) => CellValue::Text(if *b { "ya" } else { "tidak" }.into()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(x) => CellValue::Date(x.date()),
            None => CellValue::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            match crate::ingest::dates::parse_datetime(s) {
                Some(x) => CellValue::Date(x.date()),
                None => CellValue::Text(s.clone()),
            }
        }
    }
}

/// Reads one workbook filled against `std`.
pub fn read(path: &Path, std: &Standard) -> Result<Filled> {
    let place = Location::file(path);
    let (mut wb, m) = keyed::open_own(
        path,
        META_SHEET,
        meta::FORMAT,
        meta::FORMAT_VALUE,
        msg!(
            "bukan workbook penilaian mandiri ulpk-eval (sheet \"{META_SHEET}\" tidak ada); buat templat dengan `ulpk-eval template`",
            "not an ulpk-eval self-assessment workbook (no \"{META_SHEET}\" sheet); make templates with `ulpk-eval template`"
        ),
    )?;
    let get = |k: &str| m.get(k).cloned().unwrap_or_default();
    let (sid, sver) = (get(meta::STANDARD_ID), get(meta::STANDARD_VERSION));
    if sid != std.id || sver != std.version {
        let (eid, ever) = (&std.id, &std.version);
        return Err(Error::new(
            place.with_sheet(META_SHEET),
            msg!(
                "workbook ini untuk standar {sid} versi {sver}, bukan {eid} versi {ever}",
                "this workbook is for standard {sid} version {sver}, not {eid} version {ever}"
            ),
        ));
    }
    let unit = get(meta::UNIT);

    // The assessment sheet: the one with the key row.
    let found = keyed::find(&mut wb, path, META_SHEET, |keys| {
        keys.iter().any(|k| k == key::CODE) && keys.iter().any(|k| k == key::SELF_VALUE)
    });
    let Some(keyed::KeyedSheet {
        name: sheet,
        range,
        key_row,
        keys,
        start: (row0, col0),
    }) = found
    else {
        return Err(Error::new(
            place,
            msg!(
                "sheet penilaian tidak ditemukan (baris kunci tersembunyi hilang)",
                "the assessment sheet was not found (its hidden key row is missing)"
            ),
        ));
    };
    let cols: HashMap<String, usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| key::COLUMNS.contains(&k.as_str()))
        .map(|(j, k)| (k.clone(), j))
        .collect();
    let at = |r: usize, c: usize| {
        Location::file(path)
            .with_sheet(&sheet)
            .with_cell(cell_ref(row0 + r as u32, col0 + c as u32))
    };
    let col_of = |k: &str| cols.get(k).copied();
    let code_col = col_of(key::CODE).unwrap_or(0);
    let mut issues = Vec::new();
    let mut push = |kind: IssueKind, loc: Location, code: &str, message: Msg| {
        issues.push(DataIssue {
            kind,
            location: loc,
            record_id: Some(code.to_string()),
            message,
        })
    };
    let mut answers: HashMap<String, ItemAnswer> = HashMap::new();
    let mut cells: HashMap<String, String> = HashMap::new();
    for (r, row) in range.rows().enumerate().skip(key_row + 1) {
        let code = text(row.get(code_col)).to_uppercase();
        if code.is_empty() {
            continue;
        }
        let Some(item) = std.item(&code) else {
            // Aspect header rows and notes have no item code; anything code-like that is
            // not in the standard is reported.
            if code.contains('-') && code.len() <= 12 && !code.contains(' ') {
                push(
                    IssueKind::UnknownItem,
                    at(r, code_col),
                    &code,
                    msg!(
                        "kode butir \"{code}\" tidak ada dalam standar; baris diabaikan",
                        "item code \"{code}\" is not in the standard; the row is ignored"
                    ),
                );
            }
            continue;
        };
        if let Some(first) = cells.get(&code) {
            push(
                IssueKind::DuplicateItem,
                at(r, code_col),
                &code,
                msg!(
                    "butir {code} muncul dua kali (juga di {first}); yang pertama dipakai",
                    "item {code} appears twice (also at {first}); the first is used"
                ),
            );
            continue;
        }
        let mut parse = |k: &str| -> Answer {
            let Some(c) = col_of(k) else {
                return Answer::Blank;
            };
            let cell = row.get(c).map(cell_value).unwrap_or(CellValue::Empty);
            match item.parse(&cell) {
                Ok(a) => a,
                Err(m) => {
                    push(IssueKind::InvalidAnswer, at(r, c), &code, m);
                    Answer::Blank
                }
            }
        };
        let self_answer = parse(key::SELF_VALUE);
        let verified = parse(key::VERIFIED_VALUE);
        let evidence = col_of(key::EVIDENCE)
            .map(|c| text(row.get(c)))
            .unwrap_or_default();
        let self_col = col_of(key::SELF_VALUE).unwrap_or(0);
        let self_cell = cell_ref(row0 + r as u32, col0 + self_col as u32);
        if self_answer == Answer::Blank && item.mandatory {
            push(
                IssueKind::MissingMandatoryAnswer,
                at(r, self_col),
                &code,
                msg!(
                    "butir wajib {code} belum diisi",
                    "mandatory item {code} is not answered"
                ),
            );
        }
        let claimed = !matches!(
            self_answer,
            Answer::Blank | Answer::No | Answer::NotApplicable
        );
        if item.evidence_required && claimed && evidence.is_empty() {
            let ev_col = col_of(key::EVIDENCE).unwrap_or(self_col);
            push(
                IssueKind::MissingEvidence,
                at(r, ev_col),
                &code,
                msg!(
                    "butir {code} dinyatakan terpenuhi tanpa bukti (bukti wajib)",
                    "item {code} is marked as met without evidence (evidence required)"
                ),
            );
        }
        cells.insert(code.clone(), self_cell);
        answers.insert(
            code,
            ItemAnswer {
                self_answer,
                verified,
                evidence,
            },
        );
    }
    for item in &std.items {
        if !answers.contains_key(&item.code) {
            let code = &item.code;
            push(
                IssueKind::MissingItem,
                Location::file(path).with_sheet(&sheet),
                code,
                msg!(
                    "butir {code} tidak ditemukan di sheet; dihitung belum diisi",
                    "item {code} is not in the sheet; it counts as unanswered"
                ),
            );
        }
    }
    Ok(Filled {
        path: path.to_path_buf(),
        sheet,
        unit,
        answers,
        cells,
        issues,
    })
}

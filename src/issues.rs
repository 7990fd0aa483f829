//! Data issues: row-level problems found in the inputs.
//!
//! They never abort a run. Each names the file, sheet, row and column, and the criteria it
//! affects become "unverifiable" rather than "pass". With `--strict` their presence makes the
//! command exit with code 1.

use crate::error::{Location, Msg};
use crate::i18n::Lang;

/// What kind of problem a data issue is, as a stable code for filtering and counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueKind {
    BlankAnswer,
    BlankQuestion,
    MissingId,
    DuplicateId,
    UnparseableDate,
    MissingDate,
    DateOrder,
    DateOutsideCalendar,
    UnknownUnit,
    UnknownServiceType,
    InvalidManualScore,
    InvalidSurveyAnswer,
    MissingSurveyAnswer,
    MissingUnit,
    IkmNotComputed,
    InvalidAnswer,
    MissingMandatoryAnswer,
    MissingEvidence,
    UnknownItem,
    DuplicateItem,
    MissingItem,
    UnreadableWorkbook,
    DuplicateUnit,
    UnknownReviewId,
    DuplicateReview,
    ReviewConflict,
    InvalidDispute,
    OfficerIdNames,
    LikelyDuplicateOfficer,
    Other,
}

impl IssueKind {
    /// Stable machine code, used in output files.
    pub fn code(self) -> &'static str {
        match self {
            IssueKind::BlankAnswer => "blank_answer",
            IssueKind::BlankQuestion => "blank_question",
            IssueKind::MissingId => "missing_id",
            IssueKind::DuplicateId => "duplicate_id",
            IssueKind::UnparseableDate => "unparseable_date",
            IssueKind::MissingDate => "missing_date",
            IssueKind::DateOrder => "date_order",
            IssueKind::DateOutsideCalendar => "date_outside_calendar",
            IssueKind::UnknownUnit => "unknown_unit",
            IssueKind::UnknownServiceType => "unknown_service_type",
            IssueKind::InvalidManualScore => "invalid_manual_score",
            IssueKind::InvalidSurveyAnswer => "invalid_survey_answer",
            IssueKind::MissingSurveyAnswer => "missing_survey_answer",
            IssueKind::MissingUnit => "missing_unit",
            IssueKind::IkmNotComputed => "ikm_not_computed",
            IssueKind::InvalidAnswer => "invalid_answer",
            IssueKind::MissingMandatoryAnswer => "missing_mandatory_answer",
            IssueKind::MissingEvidence => "missing_evidence",
            IssueKind::UnknownItem => "unknown_item",
            IssueKind::DuplicateItem => "duplicate_item",
            IssueKind::MissingItem => "missing_item",
            IssueKind::UnreadableWorkbook => "unreadable_workbook",
            IssueKind::DuplicateUnit => "duplicate_unit",
            IssueKind::UnknownReviewId => "unknown_review_id",
            IssueKind::DuplicateReview => "duplicate_review",
            IssueKind::ReviewConflict => "review_conflict",
            IssueKind::InvalidDispute => "invalid_dispute",
            IssueKind::OfficerIdNames => "officer_id_names",
            IssueKind::LikelyDuplicateOfficer => "likely_duplicate_officer",
            IssueKind::Other => "other",
        }
    }

    /// Short label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            IssueKind::BlankAnswer => lang.pick("Jawaban kosong", "Blank answer"),
            IssueKind::BlankQuestion => lang.pick("Pertanyaan kosong", "Blank question"),
            IssueKind::MissingId => lang.pick("ID kosong", "Missing id"),
            IssueKind::DuplicateId => lang.pick("ID ganda", "Duplicate id"),
            IssueKind::UnparseableDate => lang.pick("Tanggal tidak terbaca", "Unparseable date"),
            IssueKind::MissingDate => lang.pick("Tanggal kosong", "Missing date"),
            IssueKind::DateOrder => lang.pick("Urutan tanggal salah", "Dates out of order"),
            IssueKind::DateOutsideCalendar => {
                lang.pick("Tanggal di luar kalender", "Date outside calendar")
            }
            IssueKind::UnknownUnit => lang.pick("Unit tidak dikenal", "Unknown unit"),
            IssueKind::UnknownServiceType => {
                lang.pick("Jenis layanan tidak dikenal", "Unknown service type")
            }
            IssueKind::InvalidManualScore => {
                lang.pick("Nilai reviewer tidak valid", "Invalid reviewer score")
            }
            IssueKind::InvalidSurveyAnswer => {
                lang.pick("Jawaban survei tidak valid", "Invalid survey answer")
            }
            IssueKind::MissingSurveyAnswer => {
                lang.pick("Jawaban survei kosong", "Missing survey answer")
            }
            IssueKind::MissingUnit => lang.pick("Unit kosong", "Blank unit"),
            IssueKind::IkmNotComputed => lang.pick("IKM tidak dihitung", "IKM not computed"),
            IssueKind::InvalidAnswer => lang.pick("Jawaban tidak valid", "Invalid answer"),
            IssueKind::MissingMandatoryAnswer => {
                lang.pick("Butir wajib belum diisi", "Mandatory item unanswered")
            }
            IssueKind::MissingEvidence => lang.pick("Memenuhi tanpa bukti", "Met without evidence"),
            IssueKind::UnknownItem => lang.pick("Kode butir tidak dikenal", "Unknown item code"),
            IssueKind::DuplicateItem => lang.pick("Butir ganda", "Duplicate item"),
            IssueKind::MissingItem => lang.pick("Butir tidak ditemukan", "Item missing"),
            IssueKind::UnreadableWorkbook => lang.pick(
                "Workbook tidak dapat dinilai",
                "Workbook cannot be assessed",
            ),
            IssueKind::DuplicateUnit => lang.pick("Unit ganda", "Duplicate unit"),
            IssueKind::UnknownReviewId => lang.pick("ID review tidak dikenal", "Unknown review id"),
            IssueKind::DuplicateReview => lang.pick("Review ganda", "Duplicate review"),
            IssueKind::ReviewConflict => lang.pick("Konflik reviewer", "Reviewer conflict"),
            IssueKind::InvalidDispute => lang.pick("Sanggahan tidak valid", "Invalid dispute"),
            IssueKind::OfficerIdNames => lang.pick(
                "ID petugas dengan beberapa nama",
                "Officer id with several names",
            ),
            IssueKind::LikelyDuplicateOfficer => {
                lang.pick("Kemungkinan petugas ganda", "Likely duplicate officer")
            }
            IssueKind::Other => lang.pick("Lainnya", "Other"),
        }
    }
}

/// One problem in one row of the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataIssue {
    pub kind: IssueKind,
    pub location: Location,
    /// The record's id, when it has one.
    pub record_id: Option<String>,
    pub message: Msg,
}

impl DataIssue {
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}: [{}] {}",
            self.location.render(lang),
            self.kind.label(lang),
            self.message.get(lang)
        )
    }
}

/// Sorts issues by file, sheet, row, kind so that outputs are stable.
pub fn sort_issues(issues: &mut [DataIssue]) {
    issues.sort_by(|a, b| {
        (&a.location.file, &a.location.sheet, a.location.row, a.kind).cmp(&(
            &b.location.file,
            &b.location.sheet,
            b.location.row,
            b.kind,
        ))
    });
}

/// Issues as a table for files: kind, label, file, sheet, row, column, id, message.
pub fn issues_frame(issues: &[DataIssue], lang: Lang) -> polars::prelude::DataFrame {
    use polars::prelude::*;
    let n = issues.len();
    let mut kind = Vec::with_capacity(n);
    let mut label = Vec::with_capacity(n);
    let mut file = Vec::with_capacity(n);
    let mut sheet = Vec::with_capacity(n);
    let mut row = Vec::with_capacity(n);
    let mut column = Vec::with_capacity(n);
    let mut id = Vec::with_capacity(n);
    let mut message = Vec::with_capacity(n);
    for i in issues {
        kind.push(i.kind.code());
        label.push(i.kind.label(lang));
        file.push(i.location.file.as_ref().map(|f| f.display().to_string()));
        sheet.push(i.location.sheet.clone());
        row.push(i.location.row.map(|r| r as u32));
        column.push(
            i.location
                .column
                .clone()
                .or_else(|| i.location.cell.clone()),
        );
        id.push(i.record_id.clone());
        message.push(i.message.get(lang).to_string());
    }
    let cols = vec![
        Column::new("kind".into(), kind),
        Column::new("label".into(), label),
        Column::new("file".into(), file),
        Column::new("sheet".into(), sheet),
        Column::new("row".into(), row),
        Column::new("column".into(), column),
        Column::new("id".into(), id),
        Column::new("message".into(), message),
    ];
    DataFrame::new(n, cols).expect("columns of equal length")
}

/// Header labels of [`issues_frame`].
pub fn issues_headers(lang: Lang) -> Vec<String> {
    crate::labels::owned(&[
        lang.pick("Kode", "Code"),
        lang.pick("Masalah", "Issue"),
        lang.pick("Berkas", "File"),
        "Sheet",
        lang.pick("Baris", "Row"),
        lang.pick("Kolom / Sel", "Column / Cell"),
        "ID",
        lang.pick("Keterangan", "Details"),
    ])
}

/// Counts per kind, most frequent first then by kind.
pub fn count_by_kind(issues: &[DataIssue]) -> Vec<(IssueKind, usize)> {
    let mut m = std::collections::BTreeMap::new();
    for i in issues {
        *m.entry(i.kind).or_insert(0usize) += 1;
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

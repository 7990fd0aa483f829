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

/// Every kind of issue, in the enum's order: (kind, stable code, Indonesian label, English
/// label). The one place a code and its labels are written.
const KINDS: &[(IssueKind, &str, &str, &str)] = &[
    (
        IssueKind::BlankAnswer,
        "blank_answer",
        "Jawaban kosong",
        "Blank answer",
    ),
    (
        IssueKind::BlankQuestion,
        "blank_question",
        "Pertanyaan kosong",
        "Blank question",
    ),
    (
        IssueKind::MissingId,
        "missing_id",
        "ID kosong",
        "Missing id",
    ),
    (
        IssueKind::DuplicateId,
        "duplicate_id",
        "ID ganda",
        "Duplicate id",
    ),
    (
        IssueKind::UnparseableDate,
        "unparseable_date",
        "Tanggal tidak terbaca",
        "Unparseable date",
    ),
    (
        IssueKind::MissingDate,
        "missing_date",
        "Tanggal kosong",
        "Missing date",
    ),
    (
        IssueKind::DateOrder,
        "date_order",
        "Urutan tanggal salah",
        "Dates out of order",
    ),
    (
        IssueKind::DateOutsideCalendar,
        "date_outside_calendar",
        "Tanggal di luar kalender",
        "Date outside calendar",
    ),
    (
        IssueKind::UnknownUnit,
        "unknown_unit",
        "Unit tidak dikenal",
        "Unknown unit",
    ),
    (
        IssueKind::UnknownServiceType,
        "unknown_service_type",
        "Jenis layanan tidak dikenal",
        "Unknown service type",
    ),
    (
        IssueKind::InvalidManualScore,
        "invalid_manual_score",
        "Nilai reviewer tidak valid",
        "Invalid reviewer score",
    ),
    (
        IssueKind::InvalidSurveyAnswer,
        "invalid_survey_answer",
        "Jawaban survei tidak valid",
        "Invalid survey answer",
    ),
    (
        IssueKind::MissingSurveyAnswer,
        "missing_survey_answer",
        "Jawaban survei kosong",
        "Missing survey answer",
    ),
    (
        IssueKind::MissingUnit,
        "missing_unit",
        "Unit kosong",
        "Blank unit",
    ),
    (
        IssueKind::IkmNotComputed,
        "ikm_not_computed",
        "IKM tidak dihitung",
        "IKM not computed",
    ),
    (
        IssueKind::InvalidAnswer,
        "invalid_answer",
        "Jawaban tidak valid",
        "Invalid answer",
    ),
    (
        IssueKind::MissingMandatoryAnswer,
        "missing_mandatory_answer",
        "Butir wajib belum diisi",
        "Mandatory item unanswered",
    ),
    (
        IssueKind::MissingEvidence,
        "missing_evidence",
        "Memenuhi tanpa bukti",
        "Met without evidence",
    ),
    (
        IssueKind::UnknownItem,
        "unknown_item",
        "Kode butir tidak dikenal",
        "Unknown item code",
    ),
    (
        IssueKind::DuplicateItem,
        "duplicate_item",
        "Butir ganda",
        "Duplicate item",
    ),
    (
        IssueKind::MissingItem,
        "missing_item",
        "Butir tidak ditemukan",
        "Item missing",
    ),
    (
        IssueKind::UnreadableWorkbook,
        "unreadable_workbook",
        "Workbook tidak dapat dinilai",
        "Workbook cannot be assessed",
    ),
    (
        IssueKind::DuplicateUnit,
        "duplicate_unit",
        "Unit ganda",
        "Duplicate unit",
    ),
    (
        IssueKind::UnknownReviewId,
        "unknown_review_id",
        "ID review tidak dikenal",
        "Unknown review id",
    ),
    (
        IssueKind::DuplicateReview,
        "duplicate_review",
        "Review ganda",
        "Duplicate review",
    ),
    (
        IssueKind::ReviewConflict,
        "review_conflict",
        "Konflik reviewer",
        "Reviewer conflict",
    ),
    (
        IssueKind::InvalidDispute,
        "invalid_dispute",
        "Sanggahan tidak valid",
        "Invalid dispute",
    ),
    (
        IssueKind::OfficerIdNames,
        "officer_id_names",
        "ID petugas dengan beberapa nama",
        "Officer id with several names",
    ),
    (
        IssueKind::LikelyDuplicateOfficer,
        "likely_duplicate_officer",
        "Kemungkinan petugas ganda",
        "Likely duplicate officer",
    ),
    (IssueKind::Other, "other", "Lainnya", "Other"),
];

impl IssueKind {
    fn entry(self) -> &'static (IssueKind, &'static str, &'static str, &'static str) {
        &KINDS[self as usize]
    }

    /// Stable machine code, used in output files.
    pub fn code(self) -> &'static str {
        self.entry().1
    }

    /// Short label for people, in their language; shown beside the code.
    pub fn label(self, lang: Lang) -> &'static str {
        let e = self.entry();
        lang.pick(e.2, e.3)
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
        file.push(
            i.location
                .file
                .as_ref()
                .map(|f| crate::error::shown(f).to_string()),
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_label_in_both_languages() {
        assert_eq!(KINDS.len(), IssueKind::Other as usize + 1);
        let mut codes = std::collections::HashSet::new();
        for (i, (kind, code, id, en)) in KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{code} out of order");
            assert!(codes.insert(*code), "{code} twice");
            assert!(!id.is_empty() && !en.is_empty(), "{code}");
            assert_ne!(id, code);
            assert_ne!(en, code);
            assert_eq!(kind.code(), *code);
        }
        assert_eq!(IssueKind::MissingEvidence.code(), "missing_evidence");
        assert_eq!(
            IssueKind::MissingEvidence.label(Lang::Id),
            "Memenuhi tanpa bukti"
        );
        assert_eq!(
            IssueKind::MissingEvidence.label(Lang::En),
            "Met without evidence"
        );
    }
}

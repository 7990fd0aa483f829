//! The reviewer workflow: stratified samples of answers for human review ([`sample`]) and
//! review workbooks per reviewer ([`worksheet`]).

pub mod calibrate;
pub mod decisions;
pub mod dispute;
pub mod merge;
pub mod sample;
pub mod verdicts;
pub mod worksheet;

/// Name of the sheet reviewers fill.
pub const SHEET: &str = "Review";
/// Name of the hidden sheet holding the format, rubric, reviewer and seed.
pub const META_SHEET: &str = "_meta";
/// Hidden row with the column keys, and the header row below it (0-based).
pub const KEY_ROW: u32 = 2;
pub const HEADER_ROW: u32 = 3;

/// Machine-readable column keys of the review sheet.
pub mod key {
    pub const ID: &str = "id";
    pub const UNIT: &str = "unit";
    pub const CHANNEL: &str = "channel";
    pub const SERVICE_TYPE: &str = "service_type";
    pub const RECEIVED: &str = "received_at";
    pub const QUESTION: &str = "question";
    pub const ANSWER: &str = "answer";
    pub const AUTO_SCORE: &str = "auto_score";
    pub const AUTO_NOTES: &str = "auto_notes";
    pub const CALIBRATION: &str = "calibration";
    pub const COMMENT: &str = "comment";
    /// Prefix of a manual criterion's column key.
    pub const MANUAL_PREFIX: &str = "manual:";
    /// Prefix of the column with an automatic criterion's verdict at sampling time.
    pub const AUTO_PREFIX: &str = "auto:";
    /// Prefix of the column where the reviewer confirms or overrides that verdict.
    pub const VERDICT_PREFIX: &str = "verdict:";

    /// The column key of a manual criterion.
    pub fn manual(id: &str) -> String {
        format!("{MANUAL_PREFIX}{id}")
    }

    /// The column key of an automatic criterion's verdict.
    pub fn auto(id: &str) -> String {
        format!("{AUTO_PREFIX}{id}")
    }

    /// The column key of the reviewer's verdict on an automatic criterion.
    pub fn verdict(id: &str) -> String {
        format!("{VERDICT_PREFIX}{id}")
    }
}

/// Keys of the meta sheet (column A), values in column B.
pub mod meta {
    pub const FORMAT: &str = "format";
    pub const FORMAT_VALUE: &str = "ulpk-eval-review/1";
    /// The sample overview `sample` writes beside the review workbooks (`sampel.xlsx`):
    /// in the reviews folder, but no reviewer's marks.
    pub const OVERVIEW_VALUE: &str = "ulpk-eval-sample/1";
    pub const RUBRIC_ID: &str = "rubric_id";
    pub const RUBRIC_VERSION: &str = "rubric_version";
    pub const REVIEWER: &str = "reviewer";
    pub const SEED: &str = "seed";
}

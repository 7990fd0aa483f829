//! Unit self-assessment: template workbooks out ([`template`]), filled workbooks in and
//! scored against a standard.

pub mod batch;
pub mod read;
pub mod template;

/// Name of the sheet coordinators fill.
pub const SHEET: &str = "Penilaian";
/// Name of the hidden sheet holding the standard's id and version and the unit.
pub const META_SHEET: &str = "_meta";

/// Machine-readable column keys, written in a hidden row above the headers so reading back
/// does not depend on positions.
pub mod key {
    pub const CODE: &str = "code";
    pub const ASPECT: &str = "aspect";
    pub const ITEM: &str = "item";
    pub const GUIDANCE: &str = "guidance";
    pub const ANSWER_FORMAT: &str = "answer_format";
    pub const MANDATORY: &str = "mandatory";
    pub const SELF_VALUE: &str = "self_value";
    pub const EVIDENCE: &str = "evidence";
    pub const NOTES: &str = "notes";
    pub const VERIFIED_VALUE: &str = "verified_value";

    /// Columns in template order.
    pub const COLUMNS: [&str; 10] = [
        CODE,
        ASPECT,
        ITEM,
        GUIDANCE,
        ANSWER_FORMAT,
        MANDATORY,
        SELF_VALUE,
        EVIDENCE,
        NOTES,
        VERIFIED_VALUE,
    ];
}

/// Keys of the meta sheet (column A), values in column B.
pub mod meta {
    pub const FORMAT: &str = "format";
    pub const FORMAT_VALUE: &str = "ulpk-eval-penilaian-mandiri/1";
    pub const STANDARD_ID: &str = "standard_id";
    pub const STANDARD_VERSION: &str = "standard_version";
    pub const UNIT: &str = "unit";
}

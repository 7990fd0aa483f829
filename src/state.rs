//! The five states of a criterion on one answer.

use crate::i18n::Lang;

/// State of one criterion on one answer, stored as a `UInt8` code in frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Fail = 0,
    Partial = 1,
    Pass = 2,
    /// The criterion does not apply (filter), or a reviewer said N/A, or the answer was not
    /// reviewed: left out of the score.
    NotApplicable = 3,
    /// The data needed is missing or broken: never an implied pass.
    Unverifiable = 4,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Pass,
        State::Partial,
        State::Fail,
        State::NotApplicable,
        State::Unverifiable,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<State> {
        State::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Stable machine name used in CSV and Parquet outputs.
    pub fn key(self) -> &'static str {
        match self {
            State::Pass => "pass",
            State::Partial => "partial",
            State::Fail => "fail",
            State::NotApplicable => "na",
            State::Unverifiable => "unverifiable",
        }
    }

    /// Label for people (XLSX outputs, console).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Pass => lang.pick("Lulus", "Pass"),
            State::Partial => lang.pick("Sebagian", "Partial"),
            State::Fail => lang.pick("Gagal", "Fail"),
            State::NotApplicable => lang.pick("N/A", "N/A"),
            State::Unverifiable => lang.pick("Tidak terverifikasi", "Unverifiable"),
        }
    }
}

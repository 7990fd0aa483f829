//! Officers' disputes of scored answers.
//!
//! A disputes file (CSV or workbook, one row per decision step) names the answer id, the
//! criterion, the date, the status (terbuka/open, diterima/accepted, diterima sebagian/
//! partially accepted, ditolak/rejected), the decided value and a mandatory comment. The
//! latest row per answer and criterion (by date, then file order) is the dispute's state;
//! the earlier rows are its history. An accepted or partly accepted dispute replaces the
//! criterion's result: a manual criterion gets the decided score, an automatic one the
//! decided state (lulus, sebagian, gagal, N/A).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use polars::prelude::*;

use crate::error::{Location, Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::columns::{ColumnSpec, field};
use crate::ingest::dates::parse_datetime;
use crate::ingest::{Aliases, FILE_COL, IngestOptions, ROW_COL, load_all};
use crate::issues::{DataIssue, IssueKind};
use crate::rubric::{Kind, Rubric};
use crate::score::State;
use crate::score::text::{ManualEntry, parse_manual};

mod key {
    pub const CRITERION: &str = "criterion";
    pub const DATE: &str = "date";
    pub const STATUS: &str = "status";
    pub const DECIDED: &str = "decided";
    pub const COMMENT: &str = "comment";
    pub const BY: &str = "by";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Open,
    Accepted,
    PartlyAccepted,
    Rejected,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        let t = s.trim().to_lowercase().replace(['_', '-'], " ");
        Some(match t.as_str() {
            "terbuka" | "open" | "diajukan" | "proses" => Status::Open,
            "diterima" | "accepted" => Status::Accepted,
            "diterima sebagian" | "sebagian" | "partially accepted" | "partly accepted" => {
                Status::PartlyAccepted
            }
            "ditolak" | "rejected" => Status::Rejected,
            _ => return None,
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Open => lang.pick("Terbuka", "Open"),
            Status::Accepted => lang.pick("Diterima", "Accepted"),
            Status::PartlyAccepted => lang.pick("Diterima sebagian", "Partially accepted"),
            Status::Rejected => lang.pick("Ditolak", "Rejected"),
        }
    }

    /// Whether the decision changes the result.
    pub fn applies(self) -> bool {
        matches!(self, Status::Accepted | Status::PartlyAccepted)
    }
}

/// What a decided dispute sets.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// A manual criterion's score (or its N/A text), written into its column.
    Manual(String),
    /// An automatic criterion's state.
    State(State),
}

/// One row of a disputes file.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    pub id: String,
    pub criterion: String,
    pub date: Option<NaiveDateTime>,
    pub status: Status,
    pub decided: Option<Decision>,
    /// The decided value as written.
    pub decided_text: String,
    pub comment: String,
    pub by: String,
    pub location: Location,
    /// The latest row of its (answer, criterion): the dispute's state.
    pub current: bool,
}

fn specs(aliases: &Aliases) -> Vec<ColumnSpec> {
    let spec = |key: &str, names: &[&str], required: bool| ColumnSpec {
        key: key.to_string(),
        aliases: names.iter().map(|s| s.to_string()).collect(),
        required,
    };
    let mut id = spec(field::ID, &["ID Jawaban", "Answer ID"], true);
    id.aliases
        .extend(aliases.column_aliases(field::ID).iter().cloned());
    vec![
        id,
        spec(
            key::CRITERION,
            &["Kriteria", "Criterion", "Kode Kriteria"],
            true,
        ),
        spec(key::DATE, &["Tanggal", "Tanggal Keputusan", "Date"], false),
        spec(
            key::STATUS,
            &["Status", "Status Sanggahan", "Dispute Status"],
            true,
        ),
        spec(
            key::DECIDED,
            &[
                "Nilai Keputusan",
                "Keputusan",
                "Decided",
                "Decided Value",
                "Decision",
            ],
            false,
        ),
        spec(
            key::COMMENT,
            &["Catatan", "Komentar", "Alasan", "Comment"],
            true,
        ),
        spec(
            key::BY,
            &["Diputuskan Oleh", "Pemutus", "Decided By"],
            false,
        ),
    ]
}

/// A column as trimmed text, "" for blanks.
fn strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(crate::expr::text_column(df, name)?
        .into_iter()
        .map(|v| v.unwrap_or_default().trim().to_string())
        .collect())
}

/// Parses a decided state: a state's key or label in either language.
fn parse_state(s: &str) -> Option<State> {
    let t = s.trim().to_lowercase();
    if ["n/a", "na", "tidak berlaku"].contains(&t.as_str()) {
        return Some(State::NotApplicable);
    }
    State::ALL.into_iter().find(|st| {
        [st.key(), st.label(Lang::Id), st.label(Lang::En)]
            .iter()
            .any(|x| x.to_lowercase() == t)
    })
}

/// Reads the disputes files; rows that cannot be used become issues. `known_ids` are the
/// answers scored.
pub fn load(
    files: &[PathBuf],
    rubric: &Rubric,
    known_ids: &dyn Fn(&str) -> bool,
) -> Result<(Vec<Dispute>, Vec<DataIssue>)> {
    let opts = IngestOptions {
        sheet: None,
        specs: specs(&Aliases::builtin()?),
    };
    let (df, _) = load_all(files, &opts)?;
    let get = |k: &str| strings(&df, k);
    let (ids, crits, dates, statuses, decided, comments, by, files_col) = (
        get(field::ID)?,
        get(key::CRITERION)?,
        get(key::DATE)?,
        get(key::STATUS)?,
        get(key::DECIDED)?,
        get(key::COMMENT)?,
        get(key::BY)?,
        get(FILE_COL)?,
    );
    let rows = df
        .column(ROW_COL)
        .and_then(|c| c.cast(&DataType::UInt32))
        .map_err(|e| polars_err("sanggahan", e))?;
    let rows = rows.u32().map_err(|e| polars_err("sanggahan", e))?;
    let mut out = Vec::new();
    let mut issues = Vec::new();
    for i in 0..df.height() {
        if ids[i].is_empty() && crits[i].is_empty() && statuses[i].is_empty() {
            continue;
        }
        let location = Location::file(std::path::Path::new(&files_col[i]))
            .with_row(rows.get(i).unwrap_or(0) as usize);
        let id = ids[i].clone();
        let mut issue = |column: &str, message: crate::error::Msg| {
            issues.push(DataIssue {
                kind: IssueKind::InvalidDispute,
                location: location.clone().with_column(column),
                record_id: Some(id.clone()),
                message,
            })
        };
        if !known_ids(&id) {
            issue(
                "ID",
                msg!(
                    "ID jawaban \"{id}\" tidak ada dalam data yang dinilai; sanggahan diabaikan",
                    "answer id \"{id}\" is not in the scored data; the dispute is ignored"
                ),
            );
            continue;
        }
        let want = crits[i].to_lowercase();
        let Some(c) = rubric
            .criteria
            .iter()
            .find(|c| c.id.to_lowercase() == want || c.label.to_lowercase() == want)
        else {
            let ids: Vec<&str> = rubric.criteria.iter().map(|c| c.id.as_str()).collect();
            let (got, list) = (&crits[i], ids.join(", "));
            issue(
                key::CRITERION,
                msg!(
                    "kriteria \"{got}\" tidak ada dalam rubrik (kriteria: {list})",
                    "criterion \"{got}\" is not in the rubric (criteria: {list})"
                ),
            );
            continue;
        };
        let Some(status) = Status::parse(&statuses[i]) else {
            let got = &statuses[i];
            issue(
                key::STATUS,
                msg!(
                    "status \"{got}\" tidak dikenal; pakai terbuka, diterima, diterima sebagian atau ditolak",
                    "unknown status \"{got}\"; use open, accepted, partially accepted or rejected"
                ),
            );
            continue;
        };
        if comments[i].is_empty() {
            issue(
                key::COMMENT,
                msg!(
                    "catatan wajib diisi pada setiap sanggahan; baris diabaikan",
                    "every dispute needs a comment; the row is ignored"
                ),
            );
            continue;
        }
        let date = if dates[i].is_empty() {
            None
        } else {
            parse_datetime(&dates[i])
        };
        let raw = decided[i].clone();
        let decision = match (&c.kind, raw.is_empty()) {
            (_, true) => None,
            (
                Kind::Manual {
                    scale, na_values, ..
                },
                false,
            ) => match parse_manual(Some(&raw), *scale, na_values) {
                ManualEntry::Score(_) | ManualEntry::NotApplicable => {
                    Some(Decision::Manual(raw.clone()))
                }
                _ => None,
            },
            (_, false) => parse_state(&raw).map(Decision::State),
        };
        if status.applies() && decision.is_none() {
            let label = &c.label;
            issue(
                key::DECIDED,
                msg!(
                    "sanggahan {label} diterima tetapi nilai keputusan \"{raw}\" kosong atau tidak valid (skor pada skala kriteria manual, atau lulus/sebagian/gagal/N/A); tidak diterapkan",
                    "dispute on {label} accepted but the decided value \"{raw}\" is blank or invalid (a score on a manual criterion's scale, or pass/partial/fail/N/A); not applied"
                ),
            );
            continue;
        }
        out.push(Dispute {
            id,
            criterion: c.id.clone(),
            date,
            status,
            decided: decision,
            decided_text: raw,
            comment: comments[i].clone(),
            by: by[i].clone(),
            location,
            current: false,
        });
    }
    // The latest row per (answer, criterion) is current: by date, then file order.
    let mut latest: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, d) in out.iter().enumerate() {
        let k = (d.id.clone(), d.criterion.clone());
        match latest.get(&k) {
            Some(&j) if out[j].date > d.date => {}
            _ => {
                latest.insert(k, i);
            }
        }
    }
    for &i in latest.values() {
        out[i].current = true;
    }
    Ok((out, issues))
}

/// The decisions in force: current rows whose status applies.
pub fn in_force(disputes: &[Dispute]) -> impl Iterator<Item = &Dispute> {
    disputes
        .iter()
        .filter(|d| d.current && d.status.applies() && d.decided.is_some())
}

/// Every dispute row (history included), for the outputs.
pub fn disputes_frame(
    disputes: &[Dispute],
    rubric: &Rubric,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let label = |id: &str| {
        rubric
            .criteria
            .iter()
            .find(|c| c.id == id)
            .map_or(id.to_string(), |c| c.label.clone())
    };
    let mut v: Vec<&Dispute> = disputes.iter().collect();
    v.sort_by(|a, b| {
        (&a.id, &a.criterion, a.date)
            .cmp(&(&b.id, &b.criterion, b.date))
            .then(a.location.row.cmp(&b.location.row))
    });
    let text = |f: &dyn Fn(&Dispute) -> String| v.iter().map(|d| f(d)).collect::<Vec<String>>();
    let mut t = crate::output::table::Sheet::new();
    t.push("id", "ID", text(&|d| d.id.clone()));
    t.push(
        "criterion",
        lang.pick("Kriteria", "Criterion"),
        text(&|d| label(&d.criterion)),
    );
    t.push(
        "date",
        lang.pick("Tanggal", "Date"),
        text(&|d| {
            d.date
                .map(|t| t.format("%d/%m/%Y").to_string())
                .unwrap_or_default()
        }),
    );
    t.push("status", "Status", text(&|d| d.status.label(lang).into()));
    t.push(
        "decided",
        lang.pick("Nilai Keputusan", "Decided Value"),
        text(&|d| d.decided_text.clone()),
    );
    t.push(
        "comment",
        lang.pick("Catatan", "Comment"),
        text(&|d| d.comment.clone()),
    );
    t.push(
        "by",
        lang.pick("Diputuskan Oleh", "Decided By"),
        text(&|d| d.by.clone()),
    );
    t.push(
        "current",
        lang.pick("Keadaan", "State"),
        text(&|d| {
            if !d.current {
                lang.pick("riwayat", "history").into()
            } else if d.status.applies() {
                lang.pick("berlaku — diterapkan", "in force — applied")
                    .into()
            } else {
                lang.pick("berlaku", "in force").into()
            }
        }),
    );
    t.push(
        "source",
        lang.pick("Sumber", "Source"),
        text(&|d| d.location.render(lang)),
    );
    t.finish(v.len(), "sanggahan")
}

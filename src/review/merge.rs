//! Filled review workbooks read back and merged into the manual criteria.
//!
//! Each workbook is checked against the rubric (format, rubric id) and read by the hidden
//! key row, so reviewers may sort or filter rows. Values off the scale, unknown answer ids
//! and a reviewer scoring one answer twice are validation issues with file, sheet and cell.
//! Where several reviewers scored an answer, the rule decides ([`Rule`]) and the
//! disagreement is reported as a conflict.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::verdicts::{HumanVerdict, confirms, judged, parse_verdict};
use super::worksheet::manual_criteria;
use super::{META_SHEET, key, meta};
use crate::error::{Error, Location, Result};
use crate::ingest::keyed::{self, text};
use crate::ingest::workbook::cell_ref;
use crate::issues::{DataIssue, IssueKind};
use crate::rubric::Rubric;
use crate::score::text::{ManualEntry, parse_manual};

/// A reviewer's mark on one criterion of one answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Score(f64),
    NotApplicable,
}

/// One filled cell of a review workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub reviewer: String,
    pub id: String,
    pub criterion: String,
    pub mark: Mark,
    pub comment: String,
    pub location: Location,
}

/// How several reviewers' marks on one answer become one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Rule {
    /// Mean of the scores (N/A when most reviewers said N/A).
    #[default]
    Mean,
    /// Median of the scores (N/A when most reviewers said N/A).
    Median,
    /// The named reviewer's mark where they scored the answer, else the mean.
    Lead(String),
}

impl Rule {
    /// `mean`, `median` or `lead:NAME`.
    pub fn parse(s: &str) -> Result<Rule> {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "mean" | "rata-rata" => Ok(Rule::Mean),
            "median" => Ok(Rule::Median),
            l if l.starts_with("lead:") && t.len() > 5 => Ok(Rule::Lead(t[5..].trim().to_string())),
            _ => Err(Error::plain(msg!(
                "aturan gabung review \"{t}\" tidak dikenal; pakai mean, median atau lead:NAMA",
                "unknown review merge rule \"{t}\"; use mean, median or lead:NAME"
            ))),
        }
    }
}

/// Reviewers disagreeing on one criterion of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: String,
    pub criterion: String,
    pub marks: Vec<(String, Mark)>,
    pub decided: Mark,
}

/// What one review workbook holds: the marks on manual criteria, the verdicts on automatic
/// criteria, and the issues found reading them.
#[derive(Debug, Default)]
pub struct ReadBack {
    pub reviews: Vec<Review>,
    pub verdicts: Vec<HumanVerdict>,
    pub issues: Vec<DataIssue>,
}

/// Reads one review workbook: its marks, verdicts and issues.
pub fn read_back(path: &Path, rubric: &Rubric) -> Result<ReadBack> {
    let place = Location::file(path);
    let mut wb = crate::ingest::workbook::open(path)?;
    let m = keyed::meta(&mut wb, path, META_SHEET).unwrap_or_default();
    match m.get(meta::FORMAT).map(String::as_str) {
        Some(meta::FORMAT_VALUE) => {}
        // The sample overview lies in the same folder and holds no marks.
        Some(meta::OVERVIEW_VALUE) => return Ok(ReadBack::default()),
        _ => {
            return Err(Error::new(
                place,
                msg!(
                    "bukan lembar review ulpk-eval (sheet \"{META_SHEET}\" tidak ada); buat dengan `ulpk-eval sample`",
                    "not an ulpk-eval review workbook (no \"{META_SHEET}\" sheet); make them with `ulpk-eval sample`"
                ),
            ));
        }
    }
    let get = |k: &str| m.get(k).cloned().unwrap_or_default();
    let rid = get(meta::RUBRIC_ID);
    if rid != rubric.id {
        let want = &rubric.id;
        return Err(Error::new(
            place.with_sheet(META_SHEET),
            msg!(
                "lembar review ini untuk rubrik {rid}, bukan {want}",
                "this review workbook is for rubric {rid}, not {want}"
            ),
        ));
    }
    let reviewer = get(meta::REVIEWER);

    // The review sheet: the one with the key row.
    let found = keyed::find(&mut wb, path, META_SHEET, |keys| {
        keys.iter().any(|k| k == key::ID)
            && keys
                .iter()
                .any(|k| k.starts_with(key::MANUAL_PREFIX) || k.starts_with(key::VERDICT_PREFIX))
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
                "sheet review tidak ditemukan (baris kunci tersembunyi hilang)",
                "the review sheet was not found (its hidden key row is missing)"
            ),
        ));
    };
    let at = |r: usize, c: usize| {
        Location::file(path)
            .with_sheet(&sheet)
            .with_cell(cell_ref(row0 + r as u32, col0 + c as u32))
    };
    let col_of = |k: &str| keys.iter().position(|x| x == k);
    let id_col = col_of(key::ID).unwrap_or(0);
    let comment_col = col_of(key::COMMENT);
    let criteria: Vec<_> = manual_criteria(rubric)
        .into_iter()
        .filter_map(|(c, scale, na)| col_of(&key::manual(&c.id)).map(|j| (c, scale, na, j)))
        .collect();
    let judged: Vec<_> = judged(rubric)
        .into_iter()
        .filter_map(|c| col_of(&key::verdict(&c.id)).map(|j| (c, j, col_of(&key::auto(&c.id)))))
        .collect();
    let mut reviews = Vec::new();
    let mut verdicts = Vec::new();
    let mut issues = Vec::new();
    for (r, row) in range.rows().enumerate().skip(key_row + 2) {
        let id = text(row.get(id_col));
        if id.is_empty() {
            continue;
        }
        for (c, j, shown_col) in &judged {
            let raw = text(row.get(*j));
            if raw.trim().is_empty() {
                continue;
            }
            let shown =
                shown_col.and_then(|k| parse_verdict(Some(&text(row.get(k)))).ok().flatten());
            let human = if confirms(&raw) {
                shown
            } else {
                parse_verdict(Some(&raw)).ok().flatten()
            };
            let Some(human) = human else {
                issues.push(DataIssue {
                    kind: IssueKind::InvalidManualScore,
                    location: at(r, *j),
                    record_id: Some(id.clone()),
                    message: msg!(
                        "penilaian \"{raw}\" untuk {} tidak dikenal (Setuju, Lulus, Sebagian, Gagal, N/A); tidak dipakai",
                        "verdict \"{raw}\" for {} is not known (Agree, Pass, Partial, Fail, N/A); not used",
                        c.label
                    ),
                });
                continue;
            };
            verdicts.push(HumanVerdict {
                reviewer: reviewer.clone(),
                id: id.clone(),
                criterion: c.id.clone(),
                shown,
                human,
                location: at(r, *j),
            });
        }
        let comment = comment_col.map(|j| text(row.get(j))).unwrap_or_default();
        for (c, scale, na, j) in &criteria {
            let raw = text(row.get(*j));
            let mark = match parse_manual(Some(&raw), *scale, na) {
                ManualEntry::NotReviewed => continue,
                ManualEntry::NotApplicable => Mark::NotApplicable,
                ManualEntry::Score(v) => Mark::Score(v),
                ManualEntry::Invalid => {
                    let (lo, hi) = (scale[0], scale[1]);
                    issues.push(DataIssue {
                        kind: IssueKind::InvalidManualScore,
                        location: at(r, *j),
                        record_id: Some(id.clone()),
                        message: msg!(
                            "nilai \"{raw}\" untuk {} di luar skala {lo}–{hi} atau N/A; tidak dipakai",
                            "value \"{raw}\" for {} is off the scale {lo}–{hi} or N/A; not used",
                            c.label
                        ),
                    });
                    continue;
                }
            };
            reviews.push(Review {
                reviewer: reviewer.clone(),
                id: id.clone(),
                criterion: c.id.clone(),
                mark,
                comment: comment.clone(),
                location: at(r, *j),
            });
        }
    }
    Ok(ReadBack {
        reviews,
        verdicts,
        issues,
    })
}

/// Reads every review workbook; one that cannot be read becomes an issue and the others go on.
pub fn read_every(paths: &[PathBuf], rubric: &Rubric) -> ReadBack {
    let mut all = ReadBack::default();
    for p in paths {
        match read_back(p, rubric) {
            Ok(mut b) => {
                all.reviews.append(&mut b.reviews);
                all.verdicts.append(&mut b.verdicts);
                all.issues.append(&mut b.issues);
            }
            Err(e) => all.issues.push(DataIssue {
                kind: IssueKind::UnreadableWorkbook,
                location: e.location.clone(),
                record_id: None,
                message: e.message.clone(),
            }),
        }
    }
    all
}

/// The reviewers' marks on manual criteria from every review workbook, and the issues.
pub fn read_all(paths: &[PathBuf], rubric: &Rubric) -> (Vec<Review>, Vec<DataIssue>) {
    let all = read_every(paths, rubric);
    (all.reviews, all.issues)
}

/// The reviewers' verdicts on automatic criteria from every review workbook, and the issues.
pub fn read_all_verdicts(
    paths: &[PathBuf],
    rubric: &Rubric,
) -> (Vec<HumanVerdict>, Vec<DataIssue>) {
    let all = read_every(paths, rubric);
    (all.verdicts, all.issues)
}

fn decide(marks: &[(String, Mark)], rule: &Rule) -> Mark {
    if let Rule::Lead(lead) = rule
        && let Some((_, m)) = marks.iter().find(|(r, _)| r == lead)
    {
        return *m;
    }
    let mut scores: Vec<f64> = marks
        .iter()
        .filter_map(|(_, m)| match m {
            Mark::Score(v) => Some(*v),
            Mark::NotApplicable => None,
        })
        .collect();
    if scores.is_empty() || scores.len() * 2 < marks.len() {
        return Mark::NotApplicable;
    }
    scores.sort_by(f64::total_cmp);
    let n = scores.len();
    let v = match rule {
        Rule::Median if n % 2 == 1 => scores[n / 2],
        Rule::Median => (scores[n / 2 - 1] + scores[n / 2]) / 2.0,
        _ => scores.iter().sum::<f64>() / n as f64,
    };
    Mark::Score((v * 1e6).round() / 1e6)
}

/// Merged marks per (answer id, criterion id), and the conflicts.
#[derive(Debug, Default)]
pub struct Merged {
    pub marks: BTreeMap<(String, String), Mark>,
    pub conflicts: Vec<Conflict>,
}

/// Merges reviews of known answers; pushes issues for unknown ids, duplicate reviews and
/// conflicts.
pub fn merge(
    reviews: Vec<Review>,
    known_ids: &dyn Fn(&str) -> bool,
    rule: &Rule,
    issues: &mut Vec<DataIssue>,
) -> Merged {
    let mut by: BTreeMap<(String, String), Vec<(String, Mark)>> = BTreeMap::new();
    let mut first: HashMap<(String, String, String), Location> = HashMap::new();
    let mut unknown: HashSet<(String, String)> = HashSet::new();
    for r in reviews {
        if !known_ids(&r.id) {
            // One issue per unknown id and file, not per criterion.
            let file = r
                .location
                .file
                .as_ref()
                .map(|f| crate::error::shown(f).to_string());
            if unknown.insert((r.id.clone(), file.unwrap_or_default())) {
                let id = &r.id;
                issues.push(DataIssue {
                    kind: IssueKind::UnknownReviewId,
                    location: r.location.clone(),
                    record_id: Some(r.id.clone()),
                    message: msg!(
                        "ID jawaban \"{id}\" tidak ada dalam data yang dinilai; review diabaikan",
                        "answer id \"{id}\" is not in the scored data; the review is ignored"
                    ),
                });
            }
            continue;
        }
        let k = (r.reviewer.clone(), r.id.clone(), r.criterion.clone());
        if let Some(prev) = first.get(&k) {
            let (who, id, prev) = (&r.reviewer, &r.id, prev.render(crate::i18n::Lang::Id));
            issues.push(DataIssue {
                kind: IssueKind::DuplicateReview,
                location: r.location.clone(),
                record_id: Some(r.id.clone()),
                message: msg!(
                    "{who} sudah menilai jawaban {id} ({prev}); nilai ini diabaikan",
                    "{who} already scored answer {id} ({prev}); this value is ignored"
                ),
            });
            continue;
        }
        first.insert(k, r.location.clone());
        by.entry((r.id.clone(), r.criterion.clone()))
            .or_default()
            .push((r.reviewer, r.mark));
    }
    let mut merged = Merged::default();
    for ((id, criterion), mut marks) in by {
        marks.sort_by(|a, b| a.0.cmp(&b.0));
        let decided = decide(&marks, rule);
        if marks.iter().any(|(_, m)| *m != marks[0].1) {
            merged.conflicts.push(Conflict {
                id: id.clone(),
                criterion: criterion.clone(),
                marks: marks.clone(),
                decided,
            });
        }
        merged.marks.insert((id, criterion), decided);
    }
    merged
}

/// A conflict as a data issue, located at the answer id.
pub fn conflict_issue(c: &Conflict, rubric: &Rubric) -> DataIssue {
    let show = |m: &Mark| match m {
        Mark::Score(v) => format!("{v}"),
        Mark::NotApplicable => "N/A".into(),
    };
    let label = rubric
        .criteria
        .iter()
        .find(|x| x.id == c.criterion)
        .map_or(c.criterion.as_str(), |x| x.label.as_str());
    let marks: Vec<String> = c
        .marks
        .iter()
        .map(|(r, m)| format!("{r} {}", show(m)))
        .collect();
    let (marks, decided) = (marks.join(", "), show(&c.decided));
    DataIssue {
        kind: IssueKind::ReviewConflict,
        location: Location::default(),
        record_id: Some(c.id.clone()),
        message: msg!(
            "jawaban {}: reviewer berbeda pada {label} ({marks}); dipakai {decided}",
            "answer {}: reviewers differ on {label} ({marks}); {decided} used",
            c.id
        ),
    }
}

/// The text a merged mark is written as in the manual criterion's column.
pub fn mark_text(m: Mark, na_values: &[String]) -> String {
    match m {
        Mark::Score(v) => format!("{v}"),
        Mark::NotApplicable => na_values.first().cloned().unwrap_or_else(|| "N/A".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(v: &[(&str, Option<f64>)]) -> Vec<(String, Mark)> {
        v.iter()
            .map(|(r, m)| (r.to_string(), m.map_or(Mark::NotApplicable, Mark::Score)))
            .collect()
    }

    #[test]
    fn rules_decide_disagreements() {
        let m = marks(&[
            ("ani", Some(2.0)),
            ("budi", Some(1.0)),
            ("citra", Some(0.0)),
            ("dedi", Some(2.0)),
        ]);
        assert_eq!(decide(&m, &Rule::Mean), Mark::Score(1.25));
        assert_eq!(decide(&m, &Rule::Median), Mark::Score(1.5));
        assert_eq!(decide(&m, &Rule::Lead("citra".into())), Mark::Score(0.0));
        // A lead who did not score this answer: the mean.
        assert_eq!(decide(&m, &Rule::Lead("eko".into())), Mark::Score(1.25));
        // N/A wins only with a majority; otherwise the scores decide.
        let m = marks(&[("ani", None), ("budi", None), ("citra", Some(2.0))]);
        assert_eq!(decide(&m, &Rule::Mean), Mark::NotApplicable);
        let m = marks(&[("ani", None), ("budi", Some(1.0)), ("citra", Some(2.0))]);
        assert_eq!(decide(&m, &Rule::Median), Mark::Score(1.5));
        let m = marks(&[("ani", None), ("budi", Some(1.0))]);
        assert_eq!(decide(&m, &Rule::Mean), Mark::Score(1.0));
    }

    #[test]
    fn rules_parse() {
        assert_eq!(Rule::parse("median").unwrap(), Rule::Median);
        assert_eq!(Rule::parse(" lead:Ani ").unwrap(), Rule::Lead("Ani".into()));
        assert!(Rule::parse("lead:").is_err());
        assert!(Rule::parse("modus").is_err());
    }

    fn review(who: &str, id: &str, mark: Mark, cell: &str) -> Review {
        Review {
            reviewer: who.into(),
            id: id.into(),
            criterion: "akurasi".into(),
            mark,
            comment: String::new(),
            location: Location::file(Path::new(&format!("review-{who}.xlsx")))
                .with_sheet("Review")
                .with_cell(cell),
        }
    }

    #[test]
    fn unknown_ids_duplicates_and_conflicts_are_reported() {
        let known: HashSet<String> = ["A1", "A2"].iter().map(|s| s.to_string()).collect();
        let mut issues = Vec::new();
        let m = merge(
            vec![
                review("ani", "A1", Mark::Score(2.0), "K5"),
                review("budi", "A1", Mark::Score(0.0), "K9"),
                review("ani", "A2", Mark::Score(1.0), "K6"),
                review("ani", "A2", Mark::Score(2.0), "K7"),
                review("ani", "ZZ", Mark::Score(1.0), "K8"),
            ],
            &|id| known.contains(id),
            &Rule::Mean,
            &mut issues,
        );
        assert_eq!(m.marks[&("A1".into(), "akurasi".into())], Mark::Score(1.0));
        assert_eq!(m.marks[&("A2".into(), "akurasi".into())], Mark::Score(1.0));
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].id, "A1");
        let kinds: Vec<IssueKind> = issues.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [IssueKind::DuplicateReview, IssueKind::UnknownReviewId]
        );
        assert_eq!(issues[0].location.cell.as_deref(), Some("K7"));
        assert_eq!(issues[1].location.cell.as_deref(), Some("K8"));
    }
}

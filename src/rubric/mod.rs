//! Rubric files: what an answer is scored on.
//!
//! A rubric is TOML: id, name, version, sections, criteria and grade bands. Files are
//! validated on load and every error names the file, the line and the key. See
//! `rubrics/kualitas-jawaban.toml` for the shipped BPOM rubric and the README for the format.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Lines, Location, Msg, Result, line_of, parse_toml};
use crate::ingest::columns::field;

mod kinds;
pub mod pattern;

/// The BPOM answer-quality rubric shipped with the tool.
pub const BUILTIN: &str = include_str!("../../rubrics/kualitas-jawaban.toml");
pub const BUILTIN_NAME: &str = "rubrics/kualitas-jawaban.toml";

// ---------------------------------------------------------------------------------------
// File layout (what serde reads)
// ---------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    id: String,
    name: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    unverifiable: Option<Spanned<String>>,
    #[serde(default)]
    sections: Vec<Spanned<SectionFile>>,
    /// Read as tables first: a text kind's keys go to its own parser ([`crate::kinds`]).
    criteria: Vec<Spanned<toml::Table>>,
    bands: Vec<Spanned<BandFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFile {
    id: String,
    label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandFile {
    grade: String,
    #[serde(default)]
    label: Option<String>,
    min: f64,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AppliesToFile {
    #[serde(default)]
    service_type: Vec<String>,
    #[serde(default)]
    channel: Vec<String>,
    #[serde(default)]
    commodity: Vec<String>,
    #[serde(default)]
    unit: Vec<String>,
    #[serde(default)]
    question_matches: Vec<String>,
}

/// The keys every criterion has, whatever its kind; each kind reads the rest itself
/// ([`kinds`], [`crate::kinds`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    id: String,
    label: String,
    kind: String,
    weight: f64,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    critical: bool,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    applies_to: Option<AppliesToFile>,
    #[serde(default)]
    partial_value: Option<f64>,
}

// ---------------------------------------------------------------------------------------
// Validated model
// ---------------------------------------------------------------------------------------

/// How "unverifiable" criteria count in the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnverifiablePolicy {
    /// Counted as 0 (fail closed): missing data never earns points. The default.
    Zero,
    /// Left out of the weighted mean, like n/a.
    Exclude,
}

#[derive(Debug, Clone)]
pub struct Rubric {
    pub id: String,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub unverifiable: UnverifiablePolicy,
    pub sections: Vec<Section>,
    pub criteria: Vec<Criterion>,
    /// Highest band first.
    pub bands: Vec<Band>,
    /// Where the rubric was read from.
    pub source: PathBuf,
    /// The phrase lists of every text criterion, indexed together: each answer's tokens are
    /// looked up once for all of them (see [`crate::text::lexicon::PhraseIndex`]).
    pub phrase_index: std::sync::Arc<crate::text::lexicon::PhraseIndex>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Band {
    pub grade: String,
    pub label: Option<String>,
    pub min: f64,
}

/// Which answers a criterion applies to; empty lists mean "any".
#[derive(Debug, Clone, Default)]
pub struct AppliesTo {
    pub service_type: Vec<String>,
    pub channel: Vec<String>,
    pub commodity: Vec<String>,
    pub unit: Vec<String>,
    /// Regexes (case-insensitive) of which one must match the question.
    pub question_matches: Vec<String>,
}

impl AppliesTo {
    pub fn is_empty(&self) -> bool {
        self.service_type.is_empty()
            && self.channel.is_empty()
            && self.commodity.is_empty()
            && self.unit.is_empty()
            && self.question_matches.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    pub section: Option<String>,
    pub weight: f64,
    pub critical: bool,
    pub description: Option<String>,
    pub applies_to: AppliesTo,
    /// Value (0..1) a "partial" state earns.
    pub partial_value: f64,
    pub kind: Kind,
    /// 1-based line of the criterion in its file.
    pub line: usize,
}

/// Text field a criterion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Answer,
    Question,
}

impl TextField {
    pub fn column(self) -> &'static str {
        match self {
            TextField::Answer => field::ANSWER,
            TextField::Question => field::QUESTION,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SlaTarget {
    pub service_type: Option<String>,
    pub channels: Vec<String>,
    pub days: i64,
}

impl SlaTarget {
    /// Whether the target is written for answers of `service_type` through `channel`
    /// (canonical values); of an answer's matching targets the first applies, as
    /// the score's SLA columns compute it (`score::compile::sla_columns`).
    pub fn matches(&self, service_type: &str, channel: &str) -> bool {
        self.service_type
            .as_deref()
            .is_none_or(|s| s == service_type)
            && (self.channels.is_empty() || self.channels.iter().any(|c| c == channel))
    }
}

#[derive(Debug, Clone)]
pub enum Kind {
    /// Regexes, case-insensitive: one of `any` must match, each of `all` should match
    /// (partial when some do), none of `none` may match.
    Pattern {
        field: TextField,
        any: Vec<String>,
        all: Vec<String>,
        none: Vec<String>,
        /// Only the first N characters are searched (e.g. a greeting).
        within_chars: Option<usize>,
        /// Only the last N characters are searched (e.g. a closing).
        within_last_chars: Option<usize>,
    },
    /// Word count bounds; partial between `partial_min_words` and `min_words`.
    Length {
        field: TextField,
        min_words: Option<u32>,
        max_words: Option<u32>,
        partial_min_words: Option<u32>,
    },
    /// Working days from received to responded against the first matching target.
    Sla {
        targets: Vec<SlaTarget>,
        partial_extra_days: Option<i64>,
    },
    /// The field is not blank.
    Field { field: String },
    /// Share of the question's content words the answer addresses.
    Overlap {
        pass: f64,
        partial: Option<f64>,
        min_word_length: usize,
        stopwords: Vec<String>,
    },
    /// A check on the language of the answer (see [`crate::kinds`]): greeting, closing,
    /// courtesy, standard language, reference, follow-up elements.
    Text {
        name: &'static str,
        check: crate::kinds::Check,
    },
    /// A reviewer's score from a column, on `scale` = [min, max], with N/A values.
    Manual {
        /// Key of the extra column in the frame.
        key: String,
        columns: Vec<String>,
        scale: [f64; 2],
        /// The meaning of each whole step, lowest first (may be empty).
        scale_labels: Vec<String>,
        na_values: Vec<String>,
    },
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Pattern { .. } => "pattern",
            Kind::Length { .. } => "length",
            Kind::Sla { .. } => "sla",
            Kind::Field { .. } => "field",
            Kind::Overlap { .. } => "overlap",
            Kind::Manual { .. } => "manual",
            Kind::Text { name, .. } => name,
        }
    }

    pub fn is_manual(&self) -> bool {
        matches!(self, Kind::Manual { .. })
    }
}

impl Rubric {
    /// The SLA targets (working days) that apply to answers of `service_type` through
    /// `channel`, each given or any (`None`): the distinct days, ascending. Empty without an
    /// SLA criterion.
    pub fn sla_days(&self, service_type: Option<&str>, channel: Option<&str>) -> Vec<i64> {
        let Some(targets) = self.criteria.iter().find_map(|c| match &c.kind {
            Kind::Sla { targets, .. } => Some(targets),
            _ => None,
        }) else {
            return Vec::new();
        };
        // Any value a target names, and one that none names.
        const OTHER: &str = "\u{0}";
        let candidates = |given: Option<&str>, named: Vec<&str>| -> Vec<String> {
            match given {
                Some(g) => vec![g.to_string()],
                None => named
                    .into_iter()
                    .chain([OTHER])
                    .map(str::to_string)
                    .collect(),
            }
        };
        let types = candidates(
            service_type,
            targets
                .iter()
                .filter_map(|t| t.service_type.as_deref())
                .collect(),
        );
        let channels = candidates(
            channel,
            targets
                .iter()
                .flat_map(|t| t.channels.iter().map(String::as_str))
                .collect(),
        );
        let mut days: Vec<i64> = types
            .iter()
            .flat_map(|s| channels.iter().map(move |c| (s, c)))
            .filter_map(|(s, c)| targets.iter().find(|t| t.matches(s, c)).map(|t| t.days))
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// The shipped rubric.
    pub fn builtin() -> Result<Self> {
        parse(BUILTIN, Path::new(BUILTIN_NAME))
    }

    /// Reads and validates a rubric file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = crate::output::guard::read_to_string(path)?;
        parse(&text, path)
    }

    /// The grade of a score (the highest band whose minimum it reaches).
    pub fn grade(&self, score: f64) -> Option<&Band> {
        self.bands.iter().find(|b| score >= b.min)
    }

    /// Canonical fields the rubric reads (they must be present in the input).
    pub fn required_fields(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![field::ID.into(), field::UNIT.into()];
        let mut add = |f: &str| {
            if !out.iter().any(|o| o == f) {
                out.push(f.to_string());
            }
        };
        for c in &self.criteria {
            if !c.applies_to.question_matches.is_empty() {
                add(field::QUESTION);
            }
            if !c.applies_to.service_type.is_empty() {
                add(field::SERVICE_TYPE);
            }
            match &c.kind {
                Kind::Pattern { field: f, .. } | Kind::Length { field: f, .. } => add(f.column()),
                Kind::Sla { .. } => {
                    add(field::RECEIVED_AT);
                    add(field::RESPONDED_AT);
                    add(field::SERVICE_TYPE);
                }
                // A field check reads a column that may be absent: it then fails, with a
                // warning, instead of stopping the run.
                Kind::Field { .. } => {}
                Kind::Overlap { .. } => {
                    add(field::QUESTION);
                    add(field::ANSWER);
                }
                Kind::Manual { .. } => {}
                Kind::Text { check, .. } => {
                    add(field::ANSWER);
                    if check.reads_question() {
                        add(field::QUESTION);
                    }
                }
            }
        }
        out
    }

    /// Fields of `field` criteria, which are optional columns.
    pub fn checked_fields(&self) -> Vec<(&str, &str)> {
        self.criteria
            .iter()
            .filter_map(|c| match &c.kind {
                Kind::Field { field } => Some((c.id.as_str(), field.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Extra columns the rubric reads (manual scores): (key, header aliases).
    pub fn extra_columns(&self) -> Vec<(String, Vec<String>)> {
        self.criteria
            .iter()
            .filter_map(|c| match &c.kind {
                Kind::Manual { key, columns, .. } => Some((key.clone(), columns.clone())),
                _ => None,
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Ctx<'_> {
    fn err_at(&self, offset: usize, message: Msg) -> Error {
        Error::new(
            Location::file(self.path).with_line(line_of(self.text, offset)),
            message,
        )
    }
}

/// Checks a list of patterns by compiling it as the run does ([`pattern::compile`]): each
/// pattern alone, then the list joined into one regex when the run joins it (`joined`),
/// else each one as its own regex. The error names the line of the first of `names` set
/// from the criterion's start on, or else the criterion's line.
fn check_patterns(
    ctx: &Ctx,
    offset: usize,
    key: &str,
    names: &[&str],
    patterns: &[String],
    joined: bool,
) -> Result<()> {
    let result = if joined {
        pattern::compile(patterns).map(|_| ())
    } else {
        patterns
            .iter()
            .try_for_each(|p| pattern::compile(std::slice::from_ref(p)).map(|_| ()))
    };
    result.map_err(|e| {
        let at = names
            .iter()
            .find_map(|n| name_offset(ctx.text, offset, n))
            .unwrap_or(offset);
        ctx.err_at(at, e.message(key))
    })
}

fn text_field(ctx: &Ctx, offset: usize, key: &str, value: Option<&str>) -> Result<TextField> {
    match value.unwrap_or("answer") {
        "answer" => Ok(TextField::Answer),
        "question" => Ok(TextField::Question),
        other => Err(ctx.err_at(
            offset,
            msg!(
                "{key}.field: \"{other}\" tidak dikenal; gunakan \"answer\" atau \"question\"",
                "{key}.field: unknown \"{other}\"; use \"answer\" or \"question\""
            ),
        )),
    }
}

/// A criterion table as the common layout; an error names the line of the key it is about.
fn from_table(ctx: &Ctx, offset: usize, table: toml::Table) -> Result<CriterionFile> {
    toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| {
            let m = e.message().trim().to_string();
            let at = key_offset(ctx.text, offset, &m).unwrap_or(offset);
            ctx.err_at(at, msg!("isi TOML tidak valid: {m}", "invalid TOML: {m}"))
        })
}

/// The offset of the key an error message names in backquotes or quotes (`within_char`),
/// searched from the start of its criterion.
fn key_offset(text: &str, from: usize, message: &str) -> Option<usize> {
    let key = message
        .split(['`', '"'])
        .nth(1)
        .filter(|k| !k.is_empty() && !k.contains(char::is_whitespace))?;
    name_offset(text, from, key)
}

/// The offset of the line that sets `key = …`, searched from `from` (a criterion's start).
fn name_offset(text: &str, from: usize, key: &str) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(key) && t[key.len()..].trim_start().starts_with('=') {
            return Some(from + at + (line.len() - t.len()));
        }
        at += line.len();
    }
    None
}

fn check_fraction(ctx: &Ctx, offset: usize, key: &str, v: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&v) || v.is_nan() {
        return Err(ctx.err_at(
            offset,
            msg!(
                "{key}: harus antara 0 dan 1, bukan {v}",
                "{key}: must be between 0 and 1, not {v}"
            ),
        ));
    }
    Ok(())
}

/// Parses and validates a rubric text read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<Rubric> {
    let file: RubricFile = parse_toml(text, path)?;
    let ctx = Ctx { path, text };
    let top = |m: Msg| Error::new(Location::file(path), m);

    for (key, v) in [
        ("id", &file.id),
        ("name", &file.name),
        ("version", &file.version),
    ] {
        if v.trim().is_empty() {
            return Err(top(msg!("\"{key}\" kosong", "\"{key}\" is empty")));
        }
    }
    let unverifiable = match &file.unverifiable {
        None => UnverifiablePolicy::Zero,
        Some(s) => match s.get_ref().as_str() {
            "zero" => UnverifiablePolicy::Zero,
            "exclude" => UnverifiablePolicy::Exclude,
            other => {
                return Err(ctx.err_at(
                    s.span().start,
                    msg!(
                        "unverifiable: \"{other}\" tidak dikenal; gunakan \"zero\" atau \"exclude\"",
                        "unverifiable: unknown \"{other}\"; use \"zero\" or \"exclude\""
                    ),
                ));
            }
        },
    };

    let mut sections = Vec::new();
    let mut section_ids = HashSet::new();
    for s in &file.sections {
        let off = s.span().start;
        let s = s.get_ref();
        if !section_ids.insert(s.id.clone()) {
            let id = &s.id;
            return Err(ctx.err_at(
                off,
                msg!(
                    "sections: id \"{id}\" ganda",
                    "sections: duplicate id \"{id}\""
                ),
            ));
        }
        sections.push(Section {
            id: s.id.clone(),
            label: s.label.clone(),
        });
    }

    if file.criteria.is_empty() {
        return Err(top(msg!(
            "rubrik tidak berisi kriteria ([[criteria]])",
            "the rubric has no criteria ([[criteria]])"
        )));
    }
    let mut criteria = Vec::new();
    let mut phrase_index = crate::text::lexicon::PhraseIndex::new();
    let mut ids = HashSet::new();
    let lines = Lines::new(text);
    let resources = crate::kinds::Resources {
        base: (path != Path::new(BUILTIN_NAME)).then(|| path.parent().unwrap_or(Path::new("."))),
    };
    for spanned in &file.criteria {
        let off = spanned.span().start;
        let mut table = spanned.get_ref().clone();
        // The common keys (those `CriterionFile` has) here, the kind's own to its parser.
        let (common, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut table)
            .into_iter()
            .partition(|(k, v)| kinds::knows::<CriterionFile>(k, v));
        let table: toml::Table = common.into_iter().collect();
        let rest: toml::Table = rest.into_iter().collect();
        let owned: CriterionFile = from_table(&ctx, off, table)?;
        let c = &owned;
        let key = format!("criteria \"{}\"", c.id);
        if !valid_id(&c.id) {
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: id hanya boleh huruf kecil, angka dan _",
                    "{key}: id may only hold lower-case letters, digits and _"
                ),
            ));
        }
        if !ids.insert(c.id.clone()) {
            return Err(ctx.err_at(off, msg!("{key}: id ganda", "{key}: duplicate id")));
        }
        // A criterion's id names its columns in every result: it must not be a column the
        // results already have, nor another criterion's evidence column.
        if RESERVED_IDS.contains(&c.id.as_str()) {
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: id ini sudah dipakai sebagai nama kolom hasil; pilih id lain",
                    "{key}: this id is already the name of a result column; choose another id"
                ),
            ));
        }
        // `x_evidence` beside `x`, either way round (looked up, not searched: rubrics of
        // thousands of criteria stay linear).
        let evidence_of = format!("{}_evidence", c.id);
        let other =
            c.id.strip_suffix("_evidence")
                .filter(|base| ids.contains(*base))
                .or_else(|| ids.contains(&evidence_of).then_some(evidence_of.as_str()));
        if let Some(other) = other {
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: id ini dan \"{other}\" memberi nama kolom yang sama (\"<id>_evidence\" adalah kolom bukti); pilih id lain",
                    "{key}: this id and \"{other}\" give the same column name (\"<id>_evidence\" is the evidence column); choose another id"
                ),
            ));
        }
        if !(c.weight >= 0.0 && c.weight.is_finite()) {
            let w = c.weight;
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: weight harus bilangan ≥ 0, bukan {w}",
                    "{key}: weight must be a number ≥ 0, not {w}"
                ),
            ));
        }
        if let Some(s) = &c.section
            && !section_ids.contains(s)
        {
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: section \"{s}\" tidak didefinisikan di [[sections]]",
                    "{key}: section \"{s}\" is not defined in [[sections]]"
                ),
            ));
        }
        let partial_value = c.partial_value.unwrap_or(0.5);
        check_fraction(&ctx, off, &format!("{key}.partial_value"), partial_value)?;
        let applies = c.applies_to.as_ref();
        let applies_to = AppliesTo {
            service_type: applies.map(|a| a.service_type.clone()).unwrap_or_default(),
            channel: applies.map(|a| a.channel.clone()).unwrap_or_default(),
            commodity: applies.map(|a| a.commodity.clone()).unwrap_or_default(),
            unit: applies.map(|a| a.unit.clone()).unwrap_or_default(),
            question_matches: applies
                .map(|a| a.question_matches.clone())
                .unwrap_or_default(),
        };
        check_patterns(
            &ctx,
            off,
            &format!("{key}.applies_to.question_matches"),
            &["question_matches", "applies_to"],
            &applies_to.question_matches,
            true,
        )?;
        let kind = if let Some(parse_kind) = kinds::parser(&c.kind) {
            let head = kinds::Head {
                off,
                key: &key,
                common: c,
            };
            parse_kind(&ctx, &head, rest)?
        } else if let Some((name, parse_kind)) = crate::kinds::parser(&c.kind) {
            let mut check = parse_kind(rest, &resources).map_err(|e| {
                let at = key_offset(text, off, &e).unwrap_or(off);
                ctx.err_at(at, msg!("{key}: {e}", "{key}: {e}"))
            })?;
            // Just parsed, so not shared yet.
            if let Some(c) = std::sync::Arc::get_mut(&mut check) {
                for list in c.phrase_lists() {
                    phrase_index.add(list);
                }
            }
            Kind::Text { name, check }
        } else {
            let kinds: Vec<&str> = kinds::KINDS
                .iter()
                .map(|(n, _, _)| *n)
                .chain(crate::kinds::KINDS.iter().map(|(n, _)| *n))
                .collect();
            let (other, kinds) = (&c.kind, kinds.join(", "));
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: kind \"{other}\" tidak dikenal; gunakan salah satu dari: {kinds}",
                    "{key}: unknown kind \"{other}\"; use one of: {kinds}"
                ),
            ));
        };
        criteria.push(Criterion {
            id: c.id.clone(),
            label: c.label.clone(),
            section: c.section.clone(),
            weight: c.weight,
            critical: c.critical,
            description: c.description.clone(),
            applies_to,
            partial_value,
            kind,
            line: lines.line(off),
        });
    }
    let total: f64 = criteria.iter().map(|c| c.weight).sum();
    if total <= 0.0 {
        return Err(top(msg!(
            "jumlah bobot (weight) semua kriteria adalah 0; skor tidak dapat dihitung",
            "the criteria weights sum to 0; no score can be computed"
        )));
    }

    if file.bands.is_empty() {
        return Err(top(msg!(
            "rubrik tidak berisi predikat ([[bands]])",
            "the rubric has no grade bands ([[bands]])"
        )));
    }
    let mut bands: Vec<(usize, Band)> = Vec::new();
    for b in &file.bands {
        let off = b.span().start;
        let b = b.get_ref();
        if !(0.0..=100.0).contains(&b.min) {
            let (g, m) = (&b.grade, b.min);
            return Err(ctx.err_at(
                off,
                msg!(
                    "bands \"{g}\": min {m} di luar 0–100",
                    "bands \"{g}\": min {m} is outside 0–100"
                ),
            ));
        }
        if let Some((o, other)) = bands
            .iter()
            .find(|(_, x)| x.min == b.min || x.grade == b.grade)
        {
            let (g, og) = (&b.grade, &other.grade);
            let first_line = line_of(text, *o);
            return Err(ctx.err_at(
                off,
                msg!(
                    "bands \"{g}\" tumpang tindih dengan \"{og}\" (baris {first_line}): predikat dan batas bawah harus unik",
                    "bands \"{g}\" overlaps \"{og}\" (line {first_line}): grades and minimums must be unique"
                ),
            ));
        }
        bands.push((
            off,
            Band {
                grade: b.grade.clone(),
                label: b.label.clone(),
                min: b.min,
            },
        ));
    }
    let mut bands: Vec<Band> = bands.into_iter().map(|(_, b)| b).collect();
    bands.sort_by(|a, b| b.min.total_cmp(&a.min));
    if bands.last().is_some_and(|b| b.min > 0.0) {
        let m = bands.last().map(|b| b.min).unwrap_or(0.0);
        return Err(top(msg!(
            "predikat terendah dimulai dari {m}, bukan 0: skor di bawahnya tidak berpredikat",
            "the lowest band starts at {m}, not 0: scores below it would have no grade"
        )));
    }

    Ok(Rubric {
        id: file.id,
        name: file.name,
        version: file.version,
        description: file.description,
        unverifiable,
        sections,
        criteria,
        bands,
        source: path.to_path_buf(),
        phrase_index: std::sync::Arc::new(phrase_index),
    })
}

/// Names of the result columns that are not criteria (the answer table's leading columns,
/// the input fields, the duplicate flag and the source): no criterion may take one as its
/// id. `output::answers` tests that its columns are all here.
pub const RESERVED_IDS: &[&str] = &[
    "id",
    "unit",
    "channel",
    "service_type",
    "commodity",
    "officer",
    "officer_id",
    "status",
    "month",
    "received_at",
    "responded_at",
    "closed_at",
    "question",
    "answer",
    "response_working_days",
    "sla_target_days",
    "score",
    "score_ungated",
    "grade",
    "critical_failed",
    "duplicate",
    "source_file",
    "source_row",
];

/// An id as rubrics and standards write them: lower-case letters, digits and `_`.
pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests;

//! The rubric's own criterion kinds: pattern, length, sla, field, overlap and manual (the
//! language kinds are [`crate::kinds`]). Each kind is one file: its keys as a
//! `#[serde(deny_unknown_fields)]` struct and their validation into a [`Kind`]. A new
//! kind is one file plus one line in [`KINDS`].

use serde::de::DeserializeOwned;

use super::{CriterionFile, Ctx, Kind, key_offset};
use crate::error::Result;

mod field;
mod length;
mod manual;
mod overlap;
mod pattern;
mod sla;

/// What a kind's parser is given: where the criterion starts, its name for messages
/// (`criteria "salam"`) and its common keys.
pub(super) struct Head<'a> {
    pub off: usize,
    pub key: &'a str,
    pub common: &'a CriterionFile,
}

/// Builds a kind from its own keys (everything of the criterion but the common ones).
type ParseFn = fn(&Ctx, &Head, toml::Table) -> Result<Kind>;
/// Whether a kind has a key (see [`knows`]).
type KnowsFn = fn(&str, &toml::Value) -> bool;

/// The rubric's own kinds: name, parser, and whether it has a key. Register a new kind here.
pub(super) const KINDS: &[(&str, ParseFn, KnowsFn)] = &[
    ("pattern", pattern::parse, knows::<pattern::Keys>),
    ("length", length::parse, knows::<length::Keys>),
    ("sla", sla::parse, knows::<sla::Keys>),
    ("field", field::parse, knows::<field::Keys>),
    ("overlap", overlap::parse, knows::<overlap::Keys>),
    ("manual", manual::parse, knows::<manual::Keys>),
];

pub(super) fn parser(name: &str) -> Option<ParseFn> {
    KINDS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, p, _)| *p)
}

/// Whether the keys of `T` include `key`: a table of that key alone fails only for missing
/// keys or a wrong type, never as an unknown field.
pub(super) fn knows<T: DeserializeOwned>(key: &str, value: &toml::Value) -> bool {
    let mut t = toml::Table::new();
    t.insert(key.to_string(), value.clone());
    match toml::Value::Table(t).try_into::<T>() {
        Ok(_) => true,
        Err(e) => !e.message().trim_start().starts_with("unknown field"),
    }
}

/// Deserialises a kind's keys. A key another kind has is "does not apply to kind"; any
/// other fault names the line of its key.
pub(super) fn keys<T: DeserializeOwned>(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<T> {
    let given = table.clone();
    toml::Value::Table(table)
        .try_into()
        .map_err(|e: toml::de::Error| {
            let m = e.message().trim().to_string();
            let unknown = m
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
                .filter(|k| {
                    given
                        .get(*k)
                        .is_some_and(|v| KINDS.iter().any(|(_, _, knows)| knows(k, v)))
                });
            if let Some(k) = unknown {
                let (key, kind) = (h.key, &h.common.kind);
                return ctx.err_at(
                    h.off,
                    msg!(
                        "{key}: kunci \"{k}\" tidak berlaku untuk kind = \"{kind}\"",
                        "{key}: key \"{k}\" does not apply to kind = \"{kind}\""
                    ),
                );
            }
            let at = key_offset(ctx.text, h.off, &m).unwrap_or(h.off);
            ctx.err_at(at, msg!("isi TOML tidak valid: {m}", "invalid TOML: {m}"))
        })
}

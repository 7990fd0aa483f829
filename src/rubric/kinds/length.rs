//! `kind = "length"`: the answer's (or question's) length in words, with an optional
//! shorter length that still passes in part.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::rubric::{Ctx, Kind, text_field};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    field: Option<String>,
    min_words: Option<u32>,
    max_words: Option<u32>,
    partial_min_words: Option<u32>,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let (off, key) = (h.off, h.key);
    if k.min_words.is_none() && k.max_words.is_none() {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: kind = \"length\" memerlukan min_words atau max_words",
                "{key}: kind = \"length\" needs min_words or max_words"
            ),
        ));
    }
    if let (Some(lo), Some(hi)) = (k.min_words, k.max_words)
        && lo > hi
    {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: min_words ({lo}) lebih besar dari max_words ({hi})",
                "{key}: min_words ({lo}) is greater than max_words ({hi})"
            ),
        ));
    }
    if let (Some(p), Some(lo)) = (k.partial_min_words, k.min_words)
        && p > lo
    {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: partial_min_words ({p}) harus ≤ min_words ({lo})",
                "{key}: partial_min_words ({p}) must be ≤ min_words ({lo})"
            ),
        ));
    }
    Ok(Kind::Length {
        field: text_field(ctx, off, key, k.field.as_deref())?,
        min_words: k.min_words,
        max_words: k.max_words,
        partial_min_words: k.partial_min_words,
    })
}

//! `kind = "overlap"`: the share of the question's content words the answer takes up.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::rubric::{Ctx, Kind, check_fraction};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    pass: Option<f64>,
    partial: Option<f64>,
    min_word_length: Option<usize>,
    #[serde(default)]
    stopwords: Vec<String>,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let (off, key) = (h.off, h.key);
    let pass = k.pass.unwrap_or(0.5);
    check_fraction(ctx, off, &format!("{key}.pass"), pass)?;
    if let Some(p) = k.partial {
        check_fraction(ctx, off, &format!("{key}.partial"), p)?;
        if p > pass {
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}: partial ({p}) harus ≤ pass ({pass})",
                    "{key}: partial ({p}) must be ≤ pass ({pass})"
                ),
            ));
        }
    }
    Ok(Kind::Overlap {
        pass,
        partial: k.partial,
        min_word_length: k.min_word_length.unwrap_or(4),
        stopwords: k.stopwords.iter().map(|s| s.to_lowercase()).collect(),
    })
}

//! `kind = "pattern"`: regular expressions that must (`any`, `all`) or must not (`none`)
//! match the answer or the question, optionally only in its first or last characters.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::rubric::{Ctx, Kind, check_patterns, text_field};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    field: Option<String>,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    none: Vec<String>,
    within_chars: Option<usize>,
    within_last_chars: Option<usize>,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let (off, key) = (h.off, h.key);
    if k.any.is_empty() && k.all.is_empty() && k.none.is_empty() {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: kind = \"pattern\" memerlukan any, all atau none",
                "{key}: kind = \"pattern\" needs any, all or none"
            ),
        ));
    }
    // `any` and `none` are each one regex in the run; each of `all` its own.
    for (list, name) in [(&k.any, "any"), (&k.all, "all"), (&k.none, "none")] {
        if !list.is_empty() {
            check_patterns(
                ctx,
                off,
                &format!("{key}.{name}"),
                &[name],
                list,
                name != "all",
            )?;
        }
    }
    Ok(Kind::Pattern {
        field: text_field(ctx, off, key, k.field.as_deref())?,
        any: k.any,
        all: k.all,
        none: k.none,
        within_chars: k.within_chars,
        within_last_chars: k.within_last_chars,
    })
}

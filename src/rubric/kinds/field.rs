//! `kind = "field"`: an input field is filled.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::ingest::columns::field;
use crate::rubric::{Ctx, Kind};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    field: Option<String>,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let key = h.key;
    let f = k.field.unwrap_or_default();
    if !field::ALL.contains(&f.as_str()) {
        return Err(ctx.err_at(
            h.off,
            msg!(
                "{key}.field: \"{f}\" tidak dikenal; yang dikenal: {}",
                "{key}.field: unknown \"{f}\"; known: {}",
                field::ALL.join(", ")
            ),
        ));
    }
    Ok(Kind::Field { field: f })
}

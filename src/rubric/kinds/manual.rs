//! `kind = "manual"`: a reviewer's mark, read from an export column or a review workbook.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::rubric::{Ctx, Kind};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    #[serde(default)]
    column: Vec<String>,
    scale: Option<[f64; 2]>,
    #[serde(default)]
    na_values: Vec<String>,
    /// What each whole step of the scale means, lowest first ("Tidak akurat", …): shown
    /// beside the number in review dropdowns ("2 = Akurat").
    #[serde(default)]
    scale_labels: Vec<String>,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let (c, key) = (h.common, h.key);
    let scale = k.scale.unwrap_or([0.0, 1.0]);
    if scale[0] >= scale[1] || scale.iter().any(|v| !v.is_finite()) {
        return Err(ctx.err_at(
            h.off,
            msg!(
                "{key}: scale harus [min, max] dengan min < max",
                "{key}: scale must be [min, max] with min < max"
            ),
        ));
    }
    let steps = scale[1] - scale[0] + 1.0;
    let whole = scale.iter().all(|v| v.fract() == 0.0);
    if !k.scale_labels.is_empty() && (!whole || k.scale_labels.len() as f64 != steps) {
        let n = k.scale_labels.len();
        return Err(ctx.err_at(
            h.off,
            msg!(
                "{key}: scale_labels memberi {n} arti, padahal scale {}–{} punya {steps} nilai bulat",
                "{key}: scale_labels gives {n} meanings but the scale {}–{} has {steps} whole values",
                scale[0],
                scale[1]
            ),
        ));
    }
    let mut columns = k.column;
    if columns.is_empty() {
        columns.push(c.label.clone());
        columns.push(c.id.clone());
    }
    Ok(Kind::Manual {
        key: format!("manual__{}", c.id),
        columns,
        scale,
        scale_labels: k.scale_labels,
        na_values: if k.na_values.is_empty() {
            vec!["N/A".into(), "NA".into(), "-".into()]
        } else {
            k.na_values
        },
    })
}

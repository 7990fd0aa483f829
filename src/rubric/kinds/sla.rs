//! `kind = "sla"`: answered within the working days a target sets for the service type and
//! channel, with optional extra days that still pass in part.

use serde::Deserialize;

use super::Head;
use crate::error::Result;
use crate::rubric::{Ctx, Kind, SlaTarget};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keys {
    #[serde(default)]
    targets: Vec<TargetFile>,
    partial_extra_days: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFile {
    #[serde(default)]
    service_type: Option<String>,
    #[serde(default)]
    channels: Vec<String>,
    days: i64,
}

pub fn parse(ctx: &Ctx, h: &Head, table: toml::Table) -> Result<Kind> {
    let k: Keys = super::keys(ctx, h, table)?;
    let (off, key) = (h.off, h.key);
    if k.targets.is_empty() {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: kind = \"sla\" memerlukan [[criteria.targets]]",
                "{key}: kind = \"sla\" needs [[criteria.targets]]"
            ),
        ));
    }
    for t in &k.targets {
        if t.days < 0 {
            let d = t.days;
            return Err(ctx.err_at(
                off,
                msg!(
                    "{key}.targets: days harus ≥ 0, bukan {d}",
                    "{key}.targets: days must be ≥ 0, not {d}"
                ),
            ));
        }
    }
    if k.partial_extra_days.is_some_and(|d| d < 0) {
        return Err(ctx.err_at(
            off,
            msg!(
                "{key}: partial_extra_days harus ≥ 0",
                "{key}: partial_extra_days must be ≥ 0"
            ),
        ));
    }
    Ok(Kind::Sla {
        targets: k
            .targets
            .into_iter()
            .map(|t| SlaTarget {
                service_type: t.service_type,
                channels: t.channels,
                days: t.days,
            })
            .collect(),
        partial_extra_days: k.partial_extra_days,
    })
}

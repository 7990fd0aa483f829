//! The config file (`ulpk-eval.toml`): inputs and options so a run needs no long command
//! line. Paths are relative to the config file's folder. Command-line flags override it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result, parse_toml};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub answers: AnswersConfig,
    /// Canonical field -> header in the exports, overriding the aliases.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersConfig {
    #[serde(default)]
    pub files: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub rubric: Option<PathBuf>,
    pub units: Option<PathBuf>,
    #[serde(default)]
    pub calendar: Vec<PathBuf>,
    #[serde(default)]
    pub aliases: Vec<PathBuf>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        let mut c: Config = parse_toml(&text, path)?;
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let rel = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        let a = &mut c.answers;
        a.files.iter_mut().for_each(rel);
        a.calendar.iter_mut().for_each(rel);
        a.aliases.iter_mut().for_each(rel);
        if let Some(p) = a.rubric.as_mut() {
            rel(p);
        }
        if let Some(p) = a.units.as_mut() {
            rel(p);
        }
        Ok(c)
    }
}

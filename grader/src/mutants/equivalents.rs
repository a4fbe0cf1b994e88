//! Mutants recorded as equivalent: `tests/answers/<name>/mutants.toml`, a list of
//! `[[equivalent]]` tables, each `mutant = "<id>"` and `why = "<one line>"` (what makes the
//! mistake harmless in this program). An id that names no mutant of the current solution is a
//! problem, so a stale record does not hide a new survivor.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::catalogue::Exercise;
use crate::workbook::Workbook;

/// The file's name in an exercise's answers folder (the answers audit skips it).
pub const FILE: &str = "mutants.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalent {
    pub mutant: String,
    pub why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    equivalent: Vec<Equivalent>,
}

pub fn path(wb: &Workbook, exercise: &Exercise) -> PathBuf {
    wb.root
        .join("tests")
        .join("answers")
        .join(&exercise.name)
        .join(FILE)
}

/// The mutants of `exercise` recorded as equivalent (none without the file).
pub fn equivalents(wb: &Workbook, exercise: &Exercise) -> Result<Vec<Equivalent>> {
    let file = path(wb, exercise);
    let shown = crate::audit::shown(wb, &file);
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Ok(Vec::new());
    };
    let parsed: File = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{shown}: {}", e.message().trim()))
        .context("cannot read the equivalent mutants")?;
    for e in &parsed.equivalent {
        if e.why.trim().is_empty() || e.why.contains('\n') {
            bail!(
                "{shown}: `why` of `{}` must be one line saying why the mistake is harmless",
                e.mutant
            );
        }
    }
    Ok(parsed.equivalent)
}

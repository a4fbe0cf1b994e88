//! Progress kept across sessions: which exercises pass and how many hints were revealed.
//! Stored as `.workbook-state.toml` in the workbook root, written atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub const STATE_FILE: &str = ".workbook-state.toml";

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    #[serde(default)]
    pub done: BTreeSet<String>,
    /// Exercise name -> hint levels revealed so far.
    #[serde(default)]
    pub hints: BTreeMap<String, usize>,
    #[serde(skip)]
    path: PathBuf,
}

impl State {
    pub fn load(root: &Path) -> Result<State> {
        let path = root.join(STATE_FILE);
        let mut state = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str::<State>(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{} is damaged ({}); fix it or delete it to start over",
                    path.display(),
                    e.message().trim()
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::default(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        state.path = path;
        Ok(state)
    }

    /// Writes to a temporary file and renames it, so a crash never leaves half a state file.
    pub fn save(&self) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let text = toml::to_string(self).context("cannot encode the progress file")?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write progress in {}", dir.display()))?;
        tmp.write_all(text.as_bytes())?;
        tmp.persist(&self.path)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(())
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.done.contains(name)
    }

    /// Records a grade; returns whether anything changed.
    pub fn record(&mut self, name: &str, passed: bool) -> bool {
        if passed {
            self.done.insert(name.to_string())
        } else {
            self.done.remove(name)
        }
    }

    pub fn hints_shown(&self, name: &str) -> usize {
        self.hints.get(name).copied().unwrap_or(0)
    }

    pub fn reveal_hint(&mut self, name: &str, max: usize) -> usize {
        let level = (self.hints_shown(name) + 1).min(max);
        self.hints.insert(name.to_string(), level);
        level
    }
}

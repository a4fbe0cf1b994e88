//! A workbook on disk: its root, catalogue and the paths derived from them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::catalogue::{Catalogue, Exercise};
use crate::checks::Checker;
use crate::harness::Harness;

pub const CATALOGUE_FILE: &str = "info.toml";

/// Which files exercises are compiled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceSet {
    /// The learner's `exercises/`.
    Exercises,
    /// The shipped `solutions/`.
    Solutions,
}

impl SourceSet {
    fn key(self) -> &'static str {
        match self {
            SourceSet::Exercises => "exercises",
            SourceSet::Solutions => "solutions",
        }
    }
}

#[derive(Debug)]
pub struct Workbook {
    pub root: PathBuf,
    pub catalogue: Catalogue,
}

impl Workbook {
    /// Finds the workbook containing `start` (a directory with `info.toml` and `exercises/`).
    pub fn discover(start: &Path) -> Result<Workbook> {
        let start = start
            .canonicalize()
            .with_context(|| format!("cannot open {}", start.display()))?;
        for dir in start.ancestors() {
            if dir.join(CATALOGUE_FILE).is_file() && dir.join("exercises").is_dir() {
                return Workbook::open(dir);
            }
        }
        bail!(
            "{} is not inside a workbook (no {CATALOGUE_FILE} with an exercises/ directory beside it \
             in this directory or above)",
            start.display()
        )
    }

    pub fn open(root: &Path) -> Result<Workbook> {
        let root = root
            .canonicalize()
            .with_context(|| format!("cannot open {}", root.display()))?;
        let catalogue = Catalogue::load(&root.join(CATALOGUE_FILE))?;
        Ok(Workbook { root, catalogue })
    }

    pub fn exercise(&self, name: &str) -> Result<&Exercise> {
        self.catalogue.get(name).with_context(|| {
            let close: Vec<&str> = self
                .catalogue
                .exercises
                .iter()
                .map(|e| e.name.as_str())
                .filter(|n| {
                    n.starts_with(name.trim_end_matches(char::is_numeric)) || name.starts_with(*n)
                })
                .take(3)
                .collect();
            if close.is_empty() {
                format!("unknown exercise `{name}` (see `workbook list` for the names)")
            } else {
                format!(
                    "unknown exercise `{name}`; did you mean {}?",
                    close.join(", ")
                )
            }
        })
    }

    pub fn source(&self, exercise: &Exercise, set: SourceSet) -> PathBuf {
        match set {
            SourceSet::Exercises => self.root.join(&exercise.path),
            SourceSet::Solutions => self.root.join(exercise.solution_path()),
        }
    }

    /// The grader's scratch space: generated packages and the shared cargo target dir.
    pub fn scratch(&self) -> PathBuf {
        self.root.join("target").join("workbook")
    }

    pub fn checks_dir(&self) -> PathBuf {
        self.root.join("tests").join("checks")
    }

    /// A checker for one source set, its harness's package prepared for every exercise (each
    /// exercise's own targets are written when it is checked: `Checker::check`).
    pub fn checker(&self, set: SourceSet) -> Result<Checker> {
        let harness = Harness::new(&self.scratch(), set.key(), &self.checks_dir());
        let sources: Vec<(&Exercise, PathBuf)> = self
            .catalogue
            .exercises
            .iter()
            .map(|e| (e, self.source(e, set)))
            .collect();
        harness.prepare_package(&sources)?;
        Ok(Checker::new(harness, &self.root))
    }
}

//! Auditing exercises for authors (`workbook dev check`) and for the project's own tests:
//! the shipped file fails with its `fails_with` verdict, the solution passes, and every
//! recorded answer in `tests/answers/<name>/*.rs` gets the verdict its first line declares
//! (`// verdict: deadlock`): plausible wrong answers are rejected for the right reason,
//! alternative correct answers are accepted.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::catalogue::Exercise;
use crate::checks::Checker;
use crate::harness::Harness;
use crate::verdict::{Outcome, VerdictKind};
use crate::workbook::{SourceSet, Workbook};

/// One graded file and the verdict it must get.
#[derive(Debug)]
pub struct Finding {
    pub exercise: String,
    /// `shipped`, `solution`, or the answer file's stem.
    pub what: String,
    pub file: PathBuf,
    pub expected: VerdictKind,
    pub outcome: Outcome,
}

impl Finding {
    pub fn ok(&self) -> bool {
        self.outcome.verdict.kind() == self.expected
    }
}

/// Recorded answers of an exercise: (file, declared verdict).
pub fn answers(wb: &Workbook, exercise: &Exercise) -> Result<Vec<(PathBuf, VerdictKind)>> {
    let dir = wb.root.join("tests").join("answers").join(&exercise.name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let declared = text
            .lines()
            .next()
            .and_then(|l| l.trim().strip_prefix("// verdict:"))
            .with_context(|| {
                format!(
                    "{}: the first line must be `// verdict: <kind>`",
                    file.display()
                )
            })?;
        let kind: VerdictKind = declared
            .trim()
            .parse()
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        out.push((file, kind));
    }
    Ok(out)
}

/// Grades the shipped file, the solution and every recorded answer of `exercise`,
/// calling `report` after each.
pub fn audit(
    wb: &Workbook,
    exercise: &Exercise,
    report: &mut dyn FnMut(&Finding),
) -> Result<Vec<Finding>> {
    let mut findings = Vec::new();
    let shipped = wb.checker(SourceSet::Exercises)?;
    let solved = wb.checker(SourceSet::Solutions)?;
    let mut push = |f: Finding| {
        report(&f);
        findings.push(f);
    };
    let file = wb.source(exercise, SourceSet::Exercises);
    let outcome = shipped.check(exercise, &file);
    push(Finding {
        exercise: exercise.name.clone(),
        what: "shipped".into(),
        file,
        expected: exercise.fails_with,
        outcome,
    });
    let file = wb.source(exercise, SourceSet::Solutions);
    let outcome = solved.check(exercise, &file);
    push(Finding {
        exercise: exercise.name.clone(),
        what: "solution".into(),
        file,
        expected: VerdictKind::Pass,
        outcome,
    });
    let answers = answers(wb, exercise)?;
    if !answers.is_empty() {
        // Each answer is its own source set, so each keeps its build (reruns are no-ops).
        for (file, expected) in answers {
            let stem = file
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let checker = answer_checker(wb, exercise, &stem, &file)?;
            let outcome = checker.check(exercise, &file);
            push(Finding {
                exercise: exercise.name.clone(),
                what: stem,
                file,
                expected,
                outcome,
            });
        }
    }
    Ok(findings)
}

fn answer_checker(wb: &Workbook, exercise: &Exercise, stem: &str, file: &Path) -> Result<Checker> {
    let set = format!("answer-{}-{stem}", exercise.name);
    let harness = Harness::new(&wb.scratch(), &set, &wb.checks_dir());
    harness.prepare(&[(exercise, file.to_path_buf())])?;
    Ok(Checker::new(harness, &wb.root))
}

//! Auditing exercises for authors (`workbook dev check`) and for the project's own tests:
//! the shipped file fails with its `fails_with` verdict, the solution passes, and every
//! recorded answer in `tests/answers/<name>/` gets the verdict it declares: plausible wrong
//! answers are rejected for the right reason, alternative correct answers are accepted.
//!
//! An answer is stored as edits to the current shipped exercise (`<answer>.toml`: `verdict`,
//! a one-line `why`, and `[[edit]]` pairs whose `find` must match exactly once), so a change
//! to an exercise reaches every answer and a stale answer stops applying instead of passing.
//! A real rewrite stays a whole file (`<answer>.rs`, first line `// verdict: <kind>`, second
//! line `// rewrite: <why>`). An answer whose code equals the shipped exercise, or an
//! unmarked whole file sharing more than `MAX_SHARED` of its lines with it, is refused.

mod answers;
mod edits;
#[cfg(test)]
mod gated;
mod lanes;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use answers::{Answer, MAX_SHARED, answer_problems, answers, shared_lines};
pub use edits::to_edits;
pub use lanes::{audit_all, default_jobs, lane_target};

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
    // Each answer is its own source set, so each keeps its build (reruns are no-ops).
    for answer in answers(wb, exercise)? {
        let outcome = grade_code(wb, &answer.exercise(exercise), &answer.name, &answer.code)?;
        push(Finding {
            exercise: exercise.name.clone(),
            what: answer.name,
            file: answer.file,
            expected: answer.expected,
            outcome,
        });
    }
    Ok(findings)
}

/// Grades `code` as the file of `exercise`, as a recorded answer is: in a source set of its
/// own named by `stem` (so it keeps its build), with the grader's checks. Mutants
/// (`crate::mutants`) are graded this way too.
pub fn grade_code(wb: &Workbook, exercise: &Exercise, stem: &str, code: &str) -> Result<Outcome> {
    grade_answer(wb, exercise, stem, code, |_| {})
}

/// `grade_code`, with the checker adjusted first (`audit_all`: the worker's target directory).
fn grade_answer(
    wb: &Workbook,
    exercise: &Exercise,
    stem: &str,
    code: &str,
    adjust: impl FnOnce(&mut Checker),
) -> Result<Outcome> {
    let file = scratch_copy(wb, exercise, stem, code)?;
    let mut checker = answer_checker(wb, exercise, stem, &file)?;
    adjust(&mut checker);
    Ok(checker.check(exercise, &file))
}

/// Where an answer's code is graded from: a file written only when it changed, so that an
/// unchanged answer keeps its build.
fn scratch_copy(wb: &Workbook, exercise: &Exercise, stem: &str, code: &str) -> Result<PathBuf> {
    let dir = wb.scratch().join("answers").join(&exercise.name);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file = dir.join(format!("{stem}.rs"));
    crate::fsutil::write_if_changed(&file, code)?;
    Ok(file)
}

fn answer_checker(wb: &Workbook, exercise: &Exercise, stem: &str, file: &Path) -> Result<Checker> {
    let set = format!("answer-{}-{stem}", exercise.name);
    let harness = Harness::new(&wb.scratch(), &set, &wb.checks_dir());
    harness.prepare(&[(exercise, file.to_path_buf())])?;
    Ok(Checker::new(harness, &wb.root))
}

/// The layout exercises and solutions are written in (`cargo fmt` never reaches them: they
/// are not workspace targets). solutions/ holds a copy so editors find it there too.
pub const RUSTFMT_CONFIG: &str = "exercises/rustfmt.toml";

/// The exercise and solution files of `exercise` that rustfmt (with `RUSTFMT_CONFIG`) would
/// change, one line each; a missing rustfmt is one line too.
pub fn unformatted(wb: &Workbook, exercise: &Exercise) -> Vec<String> {
    let config = wb.root.join(RUSTFMT_CONFIG);
    let mut problems = Vec::new();
    for set in [SourceSet::Exercises, SourceSet::Solutions] {
        let file = wb.source(exercise, set);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // reported as missing on its own
        };
        match rustfmt(&config, &text) {
            Ok(formatted) if formatted == text => {}
            Ok(_) => problems.push(format!(
                "{} is not formatted: run `rustfmt --config-path {RUSTFMT_CONFIG} {}`",
                shown(wb, &file),
                shown(wb, &file)
            )),
            Err(e) => problems.push(format!("{}: {e}", shown(wb, &file))),
        }
    }
    problems
}

/// Problems with the checked-in rustfmt settings themselves (the copy in solutions/).
pub fn rustfmt_config_problems(wb: &Workbook) -> Vec<String> {
    let read = |rel: &str| std::fs::read_to_string(wb.root.join(rel)).ok();
    match (read(RUSTFMT_CONFIG), read("solutions/rustfmt.toml")) {
        (None, _) => vec![format!("{RUSTFMT_CONFIG} is missing")],
        (Some(a), Some(b)) if a == b => Vec::new(),
        _ => vec![format!(
            "solutions/rustfmt.toml must be a copy of {RUSTFMT_CONFIG}"
        )],
    }
}

/// `text` as rustfmt lays it out (read from stdin, so no file is touched).
pub fn rustfmt(config: &Path, text: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&program)
        .arg("--config-path")
        .arg(config)
        .arg("--emit=stdout")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run rustfmt ({e}); install it with `rustup component add rustfmt`")
        })?;
    // The file is small: writing it all before reading cannot fill the pipes.
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    if let Some(Err(e)) = written {
        return Err(format!("cannot write to rustfmt: {e}"));
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(format!("rustfmt cannot format it: {first}"));
    }
    String::from_utf8(output.stdout).map_err(|_| "rustfmt printed invalid UTF-8".to_string())
}

pub(crate) fn shown(wb: &Workbook, file: &Path) -> String {
    file.strip_prefix(&wb.root)
        .unwrap_or(file)
        .display()
        .to_string()
}

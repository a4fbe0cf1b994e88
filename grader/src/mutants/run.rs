//! Grading mutants: each one is graded as a recorded answer is (`audit::grade_code`, one
//! source set per exercise, so a mutant rebuilds only its own exercise), and judged: killed
//! by a check, did not compile, survived, or survived and recorded as equivalent.

use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use super::{Equivalent, Mutant, equivalents, mutants};
use crate::catalogue::{CheckMode, Exercise};
use crate::verdict::VerdictKind;
use crate::workbook::{SourceSet, Workbook};

/// What a survivor's problem asks of the author (before the equivalents file's path).
const SURVIVOR_ADVICE: &str =
    "survives every check: make a check catch it, or record it as equivalent, with why, in";
/// Why a recorded equivalent is stale.
const STALE_MISSING: &str = "names no mutant of the current solution (remove it)";
const STALE_KILLED: &str = "is recorded as equivalent, but the checks reject it (remove it)";

/// The answer stem mutants are graded under (`target/workbook/answers/<name>/__mutant.rs`).
const STEM: &str = "__mutant";

/// What became of a mutant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "fate", rename_all = "kebab-case")]
pub enum Fate {
    /// A check caught it, with this verdict.
    Killed { verdict: VerdictKind },
    /// It does not compile: not a mistake a learner could submit.
    DidNotCompile,
    /// It passes every check and is recorded as equivalent, for this reason.
    Equivalent { why: String },
    /// It passes every check and nothing explains it.
    Survived,
    /// The grader could not judge it (its message).
    Error { message: String },
}

/// One graded mutant.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    pub exercise: String,
    pub id: String,
    pub line: usize,
    #[serde(flatten)]
    pub fate: Fate,
    pub seconds: f64,
}

/// Every mutant of the exercises asked for, graded, and what else is wrong with their records.
#[derive(Debug, Default)]
pub struct Report {
    pub judged: Vec<Judged>,
    /// Recorded equivalents that name no mutant of the current solution, or one a check
    /// kills: (exercise, id, what is wrong).
    pub stale: Vec<(String, String, String)>,
    pub duration: Duration,
}

impl Report {
    /// The unexplained survivors, stale records and errors, one line each.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for j in &self.judged {
            match &j.fate {
                Fate::Survived => out.push(format!(
                    "{}: mutant `{}` (line {}) {SURVIVOR_ADVICE} tests/answers/{}/{}",
                    j.exercise,
                    j.id,
                    j.line,
                    j.exercise,
                    super::EQUIVALENTS_FILE
                )),
                Fate::Error { message } => out.push(format!(
                    "{}: mutant `{}` could not be graded: {message}",
                    j.exercise, j.id
                )),
                _ => {}
            }
        }
        for (exercise, id, what) in &self.stale {
            out.push(format!(
                "{exercise}: tests/answers/{exercise}/{}: `{id}` {what}",
                super::EQUIVALENTS_FILE
            ));
        }
        out
    }

    /// How many mutants met `fate`'s kind.
    pub fn count(&self, kind: fn(&Fate) -> bool) -> usize {
        self.judged.iter().filter(|j| kind(&j.fate)).count()
    }
}

/// The mutants of `exercise`'s solution and its recorded equivalents.
pub fn plan(wb: &Workbook, exercise: &Exercise) -> Result<(Vec<Mutant>, Vec<Equivalent>)> {
    let file = wb.source(exercise, SourceSet::Solutions);
    let source = std::fs::read_to_string(&file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", crate::audit::shown(wb, &file)))?;
    let found = mutants(&source, exercise.has(CheckMode::Run))
        .map_err(|e| anyhow::anyhow!("{}: {e}", crate::audit::shown(wb, &file)))?;
    Ok((found, equivalents(wb, exercise)?))
}

/// Grades one mutant of `exercise` and judges it against the recorded equivalents.
pub fn judge(
    wb: &Workbook,
    exercise: &Exercise,
    mutant: &Mutant,
    recorded: &[Equivalent],
) -> Judged {
    let start = Instant::now();
    let fate = match crate::audit::grade_code(wb, exercise, STEM, &mutant.code) {
        Err(e) => Fate::Error {
            message: format!("{e:#}"),
        },
        Ok(outcome) => match outcome.verdict.kind() {
            VerdictKind::Pass => match recorded.iter().find(|e| e.mutant == mutant.id) {
                Some(e) => Fate::Equivalent { why: e.why.clone() },
                None => Fate::Survived,
            },
            VerdictKind::CompileError => Fate::DidNotCompile,
            VerdictKind::Error | VerdictKind::Rejected => Fate::Error {
                message: crate::render::details(&outcome.verdict)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string(),
            },
            verdict => Fate::Killed { verdict },
        },
    };
    Judged {
        exercise: exercise.name.clone(),
        id: mutant.id.clone(),
        line: mutant.line,
        fate,
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Grades every mutant of `exercises`, calling `progress(done, total, judged)` after each.
pub fn run(
    wb: &Workbook,
    exercises: &[&Exercise],
    progress: &mut dyn FnMut(usize, usize, &Judged),
) -> Result<Report> {
    let start = Instant::now();
    let mut plans = Vec::new();
    for exercise in exercises {
        plans.push((*exercise, plan(wb, exercise)?));
    }
    let total = plans.iter().map(|(_, (m, _))| m.len()).sum();
    let mut report = Report::default();
    for (exercise, (found, recorded)) in &plans {
        for e in recorded {
            if !found.iter().any(|m| m.id == e.mutant) {
                report.stale.push((
                    exercise.name.clone(),
                    e.mutant.clone(),
                    STALE_MISSING.into(),
                ));
            }
        }
        for mutant in found {
            let judged = judge(wb, exercise, mutant, recorded);
            if matches!(judged.fate, Fate::Killed { .. } | Fate::DidNotCompile)
                && recorded.iter().any(|e| e.mutant == mutant.id)
            {
                report.stale.push((
                    exercise.name.clone(),
                    mutant.id.clone(),
                    STALE_KILLED.into(),
                ));
            }
            report.judged.push(judged);
            progress(
                report.judged.len(),
                total,
                report.judged.last().expect("pushed"),
            );
        }
    }
    report.duration = start.elapsed();
    Ok(report)
}

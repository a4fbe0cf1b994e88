//! JSON: every grade as data. The schema (also in README.md):
//!
//! ```text
//! { "schema": "workbook-grade/1", "max_score": u32, "sandbox": "landlock+netns" | "partial: ..." | "none",
//!   "grader": sha256, "catalogue": sha256, "shard": { "k", "n", "of" } (only with --shard),
//!   "seed": "0x..." (only with --seed),
//!   "exercises": [ { "name", "points" } ],
//!   "submissions": [ { "submission", "path", "index", "score", "max_score", "duration", "sandbox",
//!       "exercises": [ { "name", "verdict", "points", "max_points", "message",
//!                        "duration", "cached", "seed": "0x..." (the seed its checks drew from;
//!                        not for a refused file), "details": { "kind", ...verdict fields },
//!                        "flags": [ "unsafe (line 12)" ] (only when any) } ] } ] }
//! ```
//!
//! `read` parses it back, for `workbook grade --merge`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use super::{ClassReport, Shard};
use crate::grade::{Fingerprint, Graded, SubmissionGrade};
use crate::verdict::{Outcome, Verdict};

pub const SCHEMA: &str = "workbook-grade/1";

#[derive(Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub max_score: u32,
    pub sandbox: String,
    #[serde(flatten)]
    pub fingerprint: Fingerprint,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    /// `--seed N`, as verdicts print it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    pub exercises: Vec<ExerciseInfo>,
    pub submissions: Vec<Submission>,
}

#[derive(Serialize, Deserialize)]
pub struct ExerciseInfo {
    pub name: String,
    pub points: u32,
}

#[derive(Serialize, Deserialize)]
pub struct Submission {
    pub submission: String,
    pub path: String,
    pub index: usize,
    pub score: u32,
    pub max_score: u32,
    pub duration: f64,
    pub sandbox: String,
    pub exercises: Vec<Exercise>,
}

#[derive(Serialize, Deserialize)]
pub struct Exercise {
    pub name: String,
    pub verdict: String,
    pub points: u32,
    pub max_points: u32,
    pub message: String,
    pub duration: f64,
    /// The verdict came from the cache (with the duration it took when graded).
    #[serde(default)]
    pub cached: bool,
    /// The seed the file's checks drew from, as verdicts print it (`workbook run NAME
    /// --seed S` or `workbook grade --seed S` repeats its inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    pub details: Verdict,
    /// The gate's integrity flags: information, never points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

pub fn write(report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    let json = Report {
        schema: SCHEMA.to_string(),
        max_score: report.max_score(),
        sandbox: report.sandbox.to_string(),
        fingerprint: report.fingerprint.clone(),
        shard: report.shard,
        seed: report.seed.map(super::seed_text),
        exercises: report
            .exercises
            .iter()
            .map(|e| ExerciseInfo {
                name: e.name.clone(),
                points: e.points,
            })
            .collect(),
        submissions: report
            .submissions
            .iter()
            .map(|s| Submission {
                submission: s.name.clone(),
                path: s.path.display().to_string(),
                index: s.index,
                score: s.score(),
                max_score: s.max_score(),
                duration: secs(s.duration),
                sandbox: report.sandbox.to_string(),
                exercises: s
                    .exercises
                    .iter()
                    .map(|g| Exercise {
                        name: g.outcome.exercise.clone(),
                        verdict: g.outcome.verdict.kind().name().to_string(),
                        points: g.points,
                        max_points: g.max_points,
                        message: super::message(&g.outcome.verdict),
                        duration: secs(g.outcome.duration),
                        cached: g.cached,
                        seed: g.seed.map(super::seed_text),
                        details: g.outcome.verdict.clone(),
                        flags: g.flags.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

/// A JSON report read back (`--merge`).
pub fn read(text: &str) -> Result<Report> {
    let report: Report = serde_json::from_str(text)?;
    anyhow::ensure!(
        report.schema == SCHEMA,
        "schema `{}`, not `{SCHEMA}`",
        report.schema
    );
    Ok(report)
}

impl Submission {
    /// The grades as graded (durations to the millisecond, as the report has them).
    pub fn into_grade(self) -> SubmissionGrade {
        SubmissionGrade {
            name: self.submission,
            index: self.index,
            path: PathBuf::from(self.path),
            duration: Duration::from_secs_f64(self.duration.max(0.0)),
            exercises: self
                .exercises
                .into_iter()
                .map(|e| Graded {
                    outcome: Outcome {
                        exercise: e.name,
                        verdict: e.details,
                        duration: Duration::from_secs_f64(e.duration.max(0.0)),
                    },
                    points: e.points,
                    max_points: e.max_points,
                    flags: e.flags,
                    cached: e.cached,
                    seed: e
                        .seed
                        .as_deref()
                        .and_then(|s| crate::checks::seed::parse(s).ok()),
                })
                .collect(),
        }
    }
}

pub fn secs(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

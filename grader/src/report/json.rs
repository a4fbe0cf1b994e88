//! JSON: every grade as data. The schema (also in README.md):
//!
//! ```text
//! { "schema": "workbook-grade/1", "max_score": u32, "sandbox": "landlock+netns" | "partial: ..." | "none",
//!   "exercises": [ { "name", "points" } ],
//!   "submissions": [ { "submission", "path", "score", "max_score", "duration", "sandbox",
//!       "exercises": [ { "name", "verdict", "points", "max_points", "message",
//!                        "duration", "details": { "kind", ...verdict fields },
//!                        "flags": [ "unsafe (line 12)" ] (only when any) } ] } ] }
//! ```

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::ClassReport;
use crate::verdict::Verdict;

pub const SCHEMA: &str = "workbook-grade/1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    max_score: u32,
    sandbox: &'a str,
    exercises: Vec<ExerciseInfo<'a>>,
    submissions: Vec<Submission<'a>>,
}

#[derive(Serialize)]
struct ExerciseInfo<'a> {
    name: &'a str,
    points: u32,
}

#[derive(Serialize)]
struct Submission<'a> {
    submission: &'a str,
    path: String,
    score: u32,
    max_score: u32,
    duration: f64,
    sandbox: &'a str,
    exercises: Vec<Exercise<'a>>,
}

#[derive(Serialize)]
struct Exercise<'a> {
    name: &'a str,
    verdict: &'static str,
    points: u32,
    max_points: u32,
    message: String,
    duration: f64,
    details: &'a Verdict,
    /// The gate's integrity flags: information, never points.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    flags: &'a [String],
}

pub fn write(report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    let json = Report {
        schema: SCHEMA,
        max_score: report.max_score(),
        sandbox: report.sandbox,
        exercises: report
            .exercises
            .iter()
            .map(|e| ExerciseInfo {
                name: &e.name,
                points: e.points,
            })
            .collect(),
        submissions: report
            .submissions
            .iter()
            .map(|s| Submission {
                submission: &s.name,
                path: s.path.display().to_string(),
                score: s.score(),
                max_score: s.max_score(),
                duration: secs(s.duration),
                sandbox: report.sandbox,
                exercises: s
                    .exercises
                    .iter()
                    .map(|g| Exercise {
                        name: &g.outcome.exercise,
                        verdict: g.outcome.verdict.kind().name(),
                        points: g.points,
                        max_points: g.max_points,
                        message: super::message(&g.outcome.verdict),
                        duration: secs(g.outcome.duration),
                        details: &g.outcome.verdict,
                        flags: &g.flags,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)?;
    Ok(())
}

pub fn secs(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

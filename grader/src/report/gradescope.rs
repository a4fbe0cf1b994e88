//! Gradescope's `results.json` for one submission: `score`, `max_score`, `execution_time`,
//! `output`, and one test per exercise with `name`, `number`, `score`, `max_score`,
//! `status` ("passed" / "failed") and `output` (what the student reads). The sandbox mode is
//! in `extra_data.sandbox` (Gradescope keeps `extra_data` without showing it), the run's
//! `--seed` in `extra_data.seed` (only with `--seed`), and each test's `extra_data.seed` is the
//! seed that exercise's checks drew from (`--seed`, or the file's own), as verdicts print it:
//! `workbook run NAME --seed S` or `workbook grade --seed S` repeats its inputs.

use std::io::Write;

use anyhow::{Result, bail};
use serde::Serialize;

use super::ClassReport;
use super::json::secs;

#[derive(Serialize)]
struct Results {
    score: u32,
    max_score: u32,
    execution_time: f64,
    output: String,
    extra_data: ExtraData,
    tests: Vec<Test>,
}

#[derive(Serialize)]
struct ExtraData {
    sandbox: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
}

#[derive(Serialize)]
struct TestData {
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
}

#[derive(Serialize)]
struct Test {
    name: String,
    number: String,
    score: u32,
    max_score: u32,
    status: &'static str,
    output: String,
    extra_data: TestData,
}

pub fn write(report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    let [submission] = report.submissions else {
        bail!(
            "--format gradescope writes one submission's results.json; got {} submissions",
            report.submissions.len()
        );
    };
    let passed = submission
        .exercises
        .iter()
        .filter(|g| g.outcome.verdict.passed())
        .count();
    let results = Results {
        score: submission.score(),
        max_score: submission.max_score(),
        execution_time: secs(submission.duration),
        output: format!(
            "{passed} of {} exercises pass. Run `cargo workbook run NAME` in your workbook to see \
             the same verdict on your machine.",
            submission.exercises.len()
        ),
        extra_data: ExtraData {
            sandbox: report.sandbox.to_string(),
            seed: report.seed.map(super::seed_text),
        },
        tests: submission
            .exercises
            .iter()
            .enumerate()
            .map(|(i, g)| Test {
                name: g.outcome.exercise.clone(),
                number: format!("{}", i + 1),
                score: g.points,
                max_score: g.max_points,
                status: if g.outcome.verdict.passed() {
                    "passed"
                } else {
                    "failed"
                },
                output: super::message(&g.outcome.verdict),
                extra_data: TestData {
                    seed: g.seed.map(super::seed_text),
                },
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &results)?;
    writeln!(out)?;
    Ok(())
}

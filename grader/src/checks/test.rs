//! The test check: the exercise's check executable (the grader-owned tests and, for run-mode
//! exercises, a check that calls `main`) under a wall-clock limit, judged from the runner's
//! evidence (`evidence.rs`), never from what the program prints in libtest's words.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::evidence::{self, Ending};
use crate::process::Limits;
use crate::verdict::Verdict;

/// Runs the checks `expected` of `exe`: all of them, or those of `exercise` in a crate of
/// many exercises; `stress`: only the stress tests (`Some(true)`), or all but them.
pub fn check(
    exe: &Path,
    exercise: Option<&str>,
    expected: &[String],
    stress: Option<bool>,
    limits: Limits,
) -> Result<Verdict> {
    if expected.is_empty() {
        return Ok(Verdict::error(NO_TESTS));
    }
    let mut cmd = Command::new(exe);
    if let Some(name) = exercise {
        cmd.args(["--exercise", name]);
    }
    if let Some(only) = stress {
        cmd.args(["--stress", if only { "only" } else { "skip" }]);
    }
    let (out, nonce) = evidence::run(cmd, limits)?;
    Ok(match evidence::judge(&out, &nonce, expected) {
        Ending::Passed => Verdict::Pass,
        Ending::Failed(failures) => Verdict::TestFailed {
            failures,
            output: String::new(),
        },
        Ending::TimedOut { running } => Verdict::TimedOut {
            check: "test".into(),
            seconds: limits.timeout.as_secs_f64(),
            running,
        },
        Ending::Crashed(message) => Verdict::Crashed {
            check: "test".into(),
            message,
        },
    })
}

const NO_TESTS: &str = "the exercise has no checks to run: its check files are missing";

//! The test check: the exercise's check executable (the grader-owned tests and, for run-mode
//! exercises, a check that calls `main`) under a wall-clock limit, judged from the runner's
//! evidence (`evidence.rs`), never from what the program prints in libtest's words.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::Result;

use super::evidence::{self, Ending};
use super::output;
use crate::process::Limits;
use crate::verdict::Verdict;

/// Runs the checks `expected` of `exe`: all of them, or those of `exercise` in a crate of
/// many exercises; `stress`: only the stress tests (`Some(true)`), or all but them. A run
/// that fails after reaching a `todo!()` left in the learner's file (`source`) says so.
/// `budget`: how long each stress test's rounds may go on (None: the checks' own).
pub fn check(
    exe: &Path,
    exercise: Option<&str>,
    source: &Path,
    expected: &[String],
    stress: Option<bool>,
    budget: Option<Duration>,
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
    if let Some(budget) = budget {
        cmd.args(["--stress-ms", &budget.as_millis().max(1).to_string()]);
    }
    // How long a stress test may keep trying to get its threads to run at once.
    cmd.args([
        "--time-limit-ms",
        &limits.timeout.as_millis().max(1).to_string(),
    ]);
    let (out, nonce) = evidence::run(cmd, limits)?;
    let ending = evidence::judge(&out, &nonce, expected);
    if matches!(ending, Ending::Failed(_) | Ending::Crashed(_))
        && let Some(verdict) = not_implemented("test", &out.stderr, source)
    {
        return Ok(verdict);
    }
    Ok(match ending {
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
        Ending::Inconclusive(failures) => Verdict::Inconclusive {
            check: "test".into(),
            failures,
        },
    })
}

/// The verdict of a failing run of `check` whose output shows a `todo!()` (or
/// `unimplemented!()`) left in the learner's code panicking: that, not what failed after it.
pub fn not_implemented(check: &str, stderr: &str, source: &Path) -> Option<Verdict> {
    let panics = output::panics(stderr);
    let sources = |path: &str| std::fs::read_to_string(path).ok();
    // The learner's file is compiled with `include!`, which keeps its path in panics.
    let learner_file = format!("/{}", source.file_name()?.to_string_lossy());
    let (panic, name) = output::unfinished(&panics, &learner_file, &sources)?;
    Some(Verdict::NotImplemented {
        check: check.to_string(),
        location: panic.location.clone(),
        macro_name: name.to_string(),
    })
}

const NO_TESTS: &str = "the exercise has no checks to run: its check files are missing";

//! The test check: the exercise's test binary (grader-owned tests, the learner's own, and
//! for run-mode exercises a test that calls `main`) under a wall-clock limit.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::output;
use crate::process::{self, Exit, Limits};
use crate::verdict::Verdict;

/// Runs the tests of `exe` whose path starts with `prefix` (all of them when it is empty).
pub fn check(exe: &Path, prefix: &str, limits: Limits) -> Result<Verdict> {
    let mut cmd = Command::new(exe);
    // One at a time: a hang then names the test that hung, and tests cannot slow each other.
    cmd.args(["--test-threads=1", "--color=never"]);
    if !prefix.is_empty() {
        let mut list = Command::new(exe);
        list.args(["--list", "--format", "terse"]);
        let listed = process::run(list, limits)?;
        let tests: Vec<String> = output::listed_tests(&listed.stdout)
            .into_iter()
            .filter(|t| t.starts_with(prefix))
            .collect();
        if tests.is_empty() {
            return Ok(Verdict::error(NO_TESTS));
        }
        cmd.arg("--exact").args(tests);
    }
    cmd.env("RUST_BACKTRACE", "0");
    let out = process::run(cmd, limits)?;
    Ok(match out.exit {
        Exit::Code(0) => {
            if out.stdout.contains("running 0 tests") {
                Verdict::error(NO_TESTS)
            } else {
                Verdict::Pass
            }
        }
        Exit::TimedOut => Verdict::TimedOut {
            check: "test".into(),
            seconds: limits.timeout.as_secs_f64(),
            running: output::running_test(&out.stdout),
        },
        Exit::Code(101) => {
            let failures = output::test_failures(&out.stdout);
            if failures.is_empty() {
                crashed(&out)
            } else {
                Verdict::TestFailed {
                    failures,
                    output: String::new(),
                }
            }
        }
        _ => crashed(&out),
    })
}

const NO_TESTS: &str = "the test binary ran no tests: the exercise's checks are missing";

/// The process died (a signal, an abort, `process::exit`): say how, with its last words.
pub fn crashed(out: &process::Output) -> Verdict {
    let how = match out.exit {
        Exit::Signal(6) => "aborted (SIGABRT)".to_string(),
        Exit::Signal(9) => "was killed (SIGKILL), perhaps for using too much memory".to_string(),
        Exit::Signal(11) => "crashed with a segmentation fault (SIGSEGV)".to_string(),
        Exit::Signal(sig) => format!("was killed by signal {sig}"),
        Exit::Code(code) => format!("exited with code {code} before the tests finished"),
        Exit::TimedOut => "timed out".to_string(),
    };
    let tail: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .rev()
        .take(8)
        .collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    let running = output::running_test(&out.stdout)
        .map(|t| format!(" while running `{t}`"))
        .unwrap_or_default();
    Verdict::Crashed {
        check: "test".into(),
        message: format!("the program {how}{running}\n{}", tail.join("\n"))
            .trim_end()
            .to_string(),
    }
}

//! Evidence of a pass: what the grader's runner (`grader/shim/runner.rs`) prints, read back.
//!
//! Every check executable gets a fresh random nonce on stdin and prints its results as
//! `WORKBOOK-RUN|OK|FAILED <nonce> <check>` and `WORKBOOK-DONE <nonce> <count>` lines. A run
//! passes only when every expected check (listed from the trusted check files, not from the
//! program) has its `OK` line with this run's nonce, the `DONE` count matches, and the process
//! exited with 0. Lines without the nonce (a learner printing a fake report) are ignored; a
//! program that exits early (`process::exit` in the code under test, a thread or a `Drop`) has
//! no `DONE` line and is crashed. Pure functions over text, pinned by the unit tests below.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::process::Command;

use anyhow::Result;

use super::output::{self, Panic};
use crate::process::{self, Exit, Limits, Output};
use crate::verdict::TestFailure;

/// A per-run random token: 128 bits from std's randomly keyed hasher (seeded by the OS).
pub fn nonce() -> String {
    let part = |salt: u64| {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        h.finish()
    };
    format!("{:016x}{:016x}", part(1), part(2))
}

/// Runs a check executable with a fresh nonce on its stdin, then the seed (`limits.seed`, or
/// a fresh one).
pub fn run(mut cmd: Command, limits: Limits) -> Result<(Output, String)> {
    let nonce = nonce();
    let seed = super::seed::line(limits.seed.unwrap_or_else(super::seed::draw));
    cmd.env("RUST_BACKTRACE", "0");
    // The grader's runtime crates are shared libraries (`harness/libraries.rs`).
    let program = std::path::PathBuf::from(cmd.get_program());
    let limits = Limits {
        libraries: Some(crate::harness::libraries::of(&program)?),
        ..limits
    };
    let input = format!("{nonce}\n{seed}");
    let out = process::run_with_input(cmd, limits, Some(input.as_bytes()))?;
    Ok((out, nonce))
}

/// The results a run reported with its nonce, in the order printed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub started: Vec<String>,
    pub ok: Vec<String>,
    pub failed: Vec<String>,
    /// Checks that proved nothing either way (`WORKBOOK-INCONCLUSIVE`).
    pub inconclusive: Vec<String>,
    pub done: Option<usize>,
}

impl Evidence {
    /// The check that started last and reported no result: the one running when time ran out.
    pub fn running(&self) -> Option<String> {
        let last = self.started.last()?;
        let ended = self
            .ok
            .iter()
            .chain(&self.failed)
            .chain(&self.inconclusive)
            .any(|c| c == last);
        (!ended).then(|| last.clone())
    }
}

/// Reads the evidence lines carrying `nonce`. A line may carry text before the token (the
/// learner's own `print!` without a newline); nothing without the nonce counts.
pub fn parse(stdout: &str, nonce: &str) -> Evidence {
    let mut ev = Evidence::default();
    for line in stdout.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("WORKBOOK-") {
            let record = &rest[at + "WORKBOOK-".len()..];
            rest = record;
            let mut words = record.split(' ');
            let (Some(kind), Some(n), Some(arg)) = (words.next(), words.next(), words.next())
            else {
                continue;
            };
            if n != nonce || words.next().is_some() {
                continue;
            }
            let arg = arg.to_string();
            match kind {
                "RUN" => ev.started.push(arg),
                "OK" => ev.ok.push(arg),
                "FAILED" => ev.failed.push(arg),
                "INCONCLUSIVE" => ev.inconclusive.push(arg),
                "DONE" => ev.done = arg.parse().ok(),
                _ => {}
            }
        }
    }
    ev
}

/// How a run of checks ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    Passed,
    /// Checks that failed by themselves, with their own panic message.
    Failed(Vec<TestFailure>),
    TimedOut {
        running: Option<String>,
    },
    /// The run ended without evidence for every check: one sentence saying how.
    Crashed(String),
    /// Every check passed but these, which proved nothing either way (a stress test whose
    /// threads never ran at once): each with the support module's message.
    Inconclusive(Vec<TestFailure>),
}

/// Decides a run of the checks `expected` from its evidence and exit status only.
pub fn judge(out: &Output, nonce: &str, expected: &[String]) -> Ending {
    let ev = parse(&out.stdout, nonce);
    if out.exit == Exit::TimedOut {
        return Ending::TimedOut {
            running: ev.running(),
        };
    }
    let failures: Vec<TestFailure> = expected
        .iter()
        .filter(|c| ev.failed.contains(c))
        .map(|c| TestFailure {
            test: c.clone(),
            message: failure_message(&out.stderr, nonce, c)
                .unwrap_or_else(|| "the check failed without a panic message".into()),
        })
        .collect();
    if !failures.is_empty() {
        return Ending::Failed(failures);
    }
    let all_ok = ev.ok.len() == expected.len() && expected.iter().all(|c| ev.ok.contains(c));
    if out.exit == Exit::Code(0) && all_ok && ev.done == Some(expected.len()) {
        return Ending::Passed;
    }
    // Inconclusive checks, and every other one passed (none ended twice).
    let ended = |c: &String| ev.ok.contains(c) || ev.inconclusive.contains(c);
    let whole = ev.ok.len() + ev.inconclusive.len() == expected.len()
        && expected.iter().all(ended)
        && !ev.inconclusive.is_empty();
    if out.exit == Exit::Code(0) && whole && ev.done == Some(expected.len()) {
        return Ending::Inconclusive(
            expected
                .iter()
                .filter(|c| ev.inconclusive.contains(c))
                .map(|c| TestFailure {
                    test: c.clone(),
                    message: panic_of(&out.stderr, nonce, c)
                        .map(|p| p.message)
                        .unwrap_or_else(|| "the check proved nothing either way".into()),
                })
                .collect(),
        );
    }
    Ending::Crashed(crash_sentence(out, &ev, expected))
}

/// The first panic of `check`'s own thread (the runner marks it), not of a thread it started.
pub fn panic_of(stderr: &str, nonce: &str, check: &str) -> Option<Panic> {
    let marker = format!("WORKBOOK-PANIC {nonce} {check}\n");
    let at = stderr.find(&marker)? + marker.len();
    output::panics(&stderr[at..]).into_iter().next()
}

/// What a failed check is shown with: its own panic's message, except when that is only the
/// `Err` a join returned (`called `Result::unwrap()` on an `Err` value: Any { .. }`: a panic's
/// payload has no text of its own): then the panic that `Err` carried comes first, the first
/// panic of another thread since the check started (the runner's `WORKBOOK-START` line).
fn failure_message(stderr: &str, nonce: &str, check: &str) -> Option<String> {
    let own = panic_of(stderr, nonce, check)?.message;
    if !own.contains("Any { .. }") {
        return Some(own);
    }
    let start = format!("WORKBOOK-START {nonce} {check}\n");
    let marker = format!("WORKBOOK-PANIC {nonce} {check}\n");
    let Some(from) = stderr.find(&start).map(|at| at + start.len()) else {
        return Some(own);
    };
    let to = stderr[from..]
        .find(&marker)
        .map_or(stderr.len(), |at| from + at);
    let Some(theirs) = output::panics(&stderr[from..to]).into_iter().next() else {
        return Some(own);
    };
    // The seed's line once, at the end, as in every other message.
    let mut lines: Vec<&str> = theirs
        .message
        .lines()
        .filter(|l| !output::is_seed_line(l))
        .collect();
    let note = format!(
        "(it panicked at {} on a thread started during the check; that thread's `join()` \
         returned the panic as an `Err`, which was unwrapped)",
        theirs.location
    );
    lines.push(&note);
    lines.extend(own.lines().filter(|l| output::is_seed_line(l)));
    Some(lines.join("\n"))
}

fn crash_sentence(out: &Output, ev: &Evidence, expected: &[String]) -> String {
    let running = ev
        .running()
        .map(|t| format!(" while running `{t}`"))
        .unwrap_or_default();
    let mut sentence = match out.exit {
        Exit::Signal(6) => format!("the program aborted (SIGABRT){running}"),
        Exit::Signal(9) => {
            format!("the program was killed (SIGKILL){running}, perhaps for using too much memory")
        }
        Exit::Signal(11) => {
            format!("the program crashed with a segmentation fault (SIGSEGV){running}")
        }
        Exit::Signal(sig) => format!("the program was killed by signal {sig}{running}"),
        Exit::Code(crate::sandbox::DISK_EXIT) if ev.done.is_none() => format!(
            "the program wrote more than half of the free disk space{running}, and was \
             stopped: a check may not fill the disk under everyone else"
        ),
        Exit::Code(0) if ev.done.is_none() => {
            format!("the program exited before the checks finished{running} (process::exit?)")
        }
        Exit::Code(code) if ev.done.is_none() => format!(
            "the program exited with code {code} before the checks finished{running} \
             (process::exit?)"
        ),
        Exit::Code(code) if code != 0 => {
            format!("the program exited with code {code} after its checks (process::exit?)")
        }
        _ => {
            let missing: Vec<&str> = expected
                .iter()
                .filter(|c| !ev.ok.contains(c))
                .map(String::as_str)
                .collect();
            format!(
                "the program ended without a result for {}",
                missing
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    };
    if out.dropped > 0 {
        sentence.push_str(
            ", and it printed so much that the end of its output was dropped (print less)",
        );
    }
    let tail: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .filter(|l| !l.contains("WORKBOOK-"))
        .rev()
        .take(8)
        .collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    format!("{sentence}\n{}", tail.join("\n"))
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const N: &str = "0123456789abcdef0123456789abcdef";

    fn out(exit: Exit, stdout: &str, stderr: &str) -> Output {
        Output {
            exit,
            stdout: stdout.into(),
            stderr: stderr.into(),
            dropped: 0,
            elapsed: Duration::ZERO,
        }
    }

    fn expected() -> Vec<String> {
        vec!["workbook_tests::a".into(), "workbook_tests::b".into()]
    }

    fn report(nonce: &str) -> String {
        format!(
            "WORKBOOK-RUN {nonce} workbook_tests::a\ntest workbook_tests::a ... ok\n\
             WORKBOOK-OK {nonce} workbook_tests::a\nWORKBOOK-RUN {nonce} workbook_tests::b\n\
             test workbook_tests::b ... ok\nWORKBOOK-OK {nonce} workbook_tests::b\n\
             WORKBOOK-DONE {nonce} 2\n"
        )
    }

    #[test]
    fn a_full_report_with_the_nonce_and_exit_0_passes() {
        assert_eq!(
            judge(&out(Exit::Code(0), &report(N), ""), N, &expected()),
            Ending::Passed
        );
    }

    #[test]
    fn a_fake_report_without_the_nonce_is_rejected() {
        // A learner's program printing a perfect report, then exiting 0 before the runner's.
        let fake = "running 2 tests\ntest workbook_tests::a ... ok\ntest workbook_tests::b ... ok\n\
                    test result: ok. 2 passed; 0 failed\n";
        let guessed = report("ffffffffffffffffffffffffffffffff");
        for stdout in [fake.to_string(), guessed] {
            let ending = judge(&out(Exit::Code(0), &stdout, ""), N, &expected());
            let Ending::Crashed(why) = ending else {
                panic!("a fake report passed: {ending:?}");
            };
            assert!(why.contains("exited before the checks finished"), "{why}");
        }
    }

    /// A stress test that proved nothing either way, every other check passing: inconclusive,
    /// with the support module's message; never a pass. A failure elsewhere still fails, and a
    /// learner's `INCONCLUSIVE` line without the nonce counts for nothing.
    #[test]
    fn an_inconclusive_check_is_neither_a_pass_nor_a_failure() {
        let run = |b: &str| {
            format!(
                "WORKBOOK-RUN {N} workbook_tests::a\nWORKBOOK-{} {N} workbook_tests::a\n\
                 WORKBOOK-RUN {N} workbook_tests::b\nWORKBOOK-{b} {N} workbook_tests::b\n\
                 WORKBOOK-DONE {N} 2\n",
                "OK"
            )
        };
        let stderr = format!(
            "WORKBOOK-PANIC {N} workbook_tests::b\nthread 'check' panicked at t.rs:1:1:\n\
             could not get threads to overlap: in 9 rounds\n"
        );
        let ending = judge(
            &out(Exit::Code(0), &run("INCONCLUSIVE"), &stderr),
            N,
            &expected(),
        );
        let Ending::Inconclusive(checks) = ending else {
            panic!("not inconclusive: {ending:?}");
        };
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].test, "workbook_tests::b");
        assert!(
            checks[0]
                .message
                .starts_with("could not get threads to overlap")
        );
        // The other check failed: a failure.
        let failed = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\nWORKBOOK-FAILED {N} workbook_tests::a\n\
             WORKBOOK-RUN {N} workbook_tests::b\nWORKBOOK-INCONCLUSIVE {N} workbook_tests::b\n\
             WORKBOOK-DONE {N} 2\n"
        );
        let ending = judge(&out(Exit::Code(0), &failed, ""), N, &expected());
        assert!(matches!(ending, Ending::Failed(_)), "{ending:?}");
        // Without this run's nonce: no result for `b`.
        let forged = run("OK").replace(
            &format!("WORKBOOK-OK {N} workbook_tests::b"),
            "WORKBOOK-INCONCLUSIVE 0000 workbook_tests::b",
        );
        let ending = judge(&out(Exit::Code(0), &forged, ""), N, &expected());
        assert!(matches!(ending, Ending::Crashed(_)), "{ending:?}");
        // Cut short after it: crashed, not inconclusive.
        let ending = judge(
            &out(Exit::Signal(9), &run("INCONCLUSIVE"), ""),
            N,
            &expected(),
        );
        assert!(matches!(ending, Ending::Crashed(_)), "{ending:?}");
    }

    #[test]
    fn a_missing_check_is_rejected() {
        let one = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\nWORKBOOK-OK {N} workbook_tests::a\nWORKBOOK-DONE {N} 1\n"
        );
        let ending = judge(&out(Exit::Code(0), &one, ""), N, &expected());
        assert_eq!(
            ending,
            Ending::Crashed("the program ended without a result for `workbook_tests::b`".into())
        );
    }

    #[test]
    fn exit_0_without_done_is_crashed_and_names_the_running_check() {
        let cut = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\ntest workbook_tests::a ... ok\n\
             WORKBOOK-OK {N} workbook_tests::a\nWORKBOOK-RUN {N} workbook_tests::b\ntest workbook_tests::b ... "
        );
        let ending = judge(&out(Exit::Code(0), &cut, ""), N, &expected());
        assert_eq!(
            ending,
            Ending::Crashed(
                "the program exited before the checks finished while running \
                 `workbook_tests::b` (process::exit?)"
                    .into()
            )
        );
    }

    #[test]
    fn a_signal_is_named() {
        let ending = judge(&out(Exit::Signal(15), "", ""), N, &expected());
        assert_eq!(
            ending,
            Ending::Crashed("the program was killed by signal 15".into())
        );
    }

    #[test]
    fn a_failure_carries_its_own_panic_not_a_spawned_threads() {
        let stdout = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\nWORKBOOK-FAILED {N} workbook_tests::a\n\
             WORKBOOK-RUN {N} workbook_tests::b\nWORKBOOK-OK {N} workbook_tests::b\nWORKBOOK-DONE {N} 2\n"
        );
        let stderr = format!(
            "thread '<unnamed>' panicked at src/x.rs:1:1:\nworker gave up\n\
             WORKBOOK-PANIC {N} workbook_tests::a\nthread 'check' panicked at tests/checks/x/test.rs:9:5:\n\
             the total is off\n"
        );
        let ending = judge(&out(Exit::Code(0), &stdout, &stderr), N, &expected());
        assert_eq!(
            ending,
            Ending::Failed(vec![TestFailure {
                test: "workbook_tests::a".into(),
                message: "the total is off".into(),
            }])
        );
    }

    #[test]
    fn a_join_that_returned_a_panic_is_named_by_that_panic() {
        let stdout = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\nWORKBOOK-OK {N} workbook_tests::a\n\
             WORKBOOK-RUN {N} workbook_tests::b\nWORKBOOK-FAILED {N} workbook_tests::b\nWORKBOOK-DONE {N} 2\n"
        );
        let unwrap = "called `Result::unwrap()` on an `Err` value: Any { .. }";
        let stderr = format!(
            "WORKBOOK-START {N} workbook_tests::a\n\
             thread '<unnamed>' panicked at src/x.rs:1:1:\nexpected in a\n\
             WORKBOOK-START {N} workbook_tests::b\n\
             thread '<unnamed>' panicked at src/x.rs:7:9:\nattempt to subtract with overflow\n\
             WORKBOOK-PANIC {N} workbook_tests::b\nthread 'check' panicked at tests/checks/x/test.rs:9:5:\n\
             {unwrap}\n"
        );
        let Ending::Failed(failures) = judge(&out(Exit::Code(0), &stdout, &stderr), N, &expected())
        else {
            panic!("not a failure");
        };
        let message = &failures[0].message;
        assert!(
            message.starts_with(
                "attempt to subtract with overflow\n(it panicked at src/x.rs:7:9 on a thread started"
            ),
            "{message}"
        );
        assert!(!message.contains("Any {"), "{message}");
        // Without a panic of another thread, the check's own message stays as it is.
        let alone = stderr.replace(
            "thread '<unnamed>' panicked at src/x.rs:7:9:\nattempt to subtract with overflow\n",
            "",
        );
        let Ending::Failed(failures) = judge(&out(Exit::Code(0), &stdout, &alone), N, &expected())
        else {
            panic!("not a failure");
        };
        assert_eq!(failures[0].message, unwrap);
    }

    #[test]
    fn evidence_after_a_learners_partial_line_still_counts_and_timeouts_name_the_check() {
        let stdout = format!(
            "WORKBOOK-RUN {N} workbook_tests::a\nhalf a lineWORKBOOK-OK {N} workbook_tests::a\nWORKBOOK-RUN {N} workbook_tests::b\n"
        );
        let ev = parse(&stdout, N);
        assert_eq!(ev.ok, vec!["workbook_tests::a".to_string()]);
        assert_eq!(
            judge(&out(Exit::TimedOut, &stdout, ""), N, &expected()),
            Ending::TimedOut {
                running: Some("workbook_tests::b".into())
            }
        );
    }

    #[test]
    fn nonces_differ() {
        assert_ne!(nonce(), nonce());
        assert_eq!(nonce().len(), 32);
    }
}

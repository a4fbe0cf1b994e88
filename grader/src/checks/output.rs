//! Reading what libtest and loom print. Pure functions over text, so that the formats they
//! depend on are pinned by unit tests.

use crate::verdict::{BlockedThread, TestFailure};

/// One `thread '...' panicked at LOCATION:\nMESSAGE` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub location: String,
    pub message: String,
}

/// Every panic in `text`, in order.
pub fn panics(text: &str) -> Vec<Panic> {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // `thread 'name' panicked at LOC:` (Rust 1.95 adds ` (id)` after the name).
        if let Some(at) = line
            .find(" panicked at ")
            .filter(|_| line.starts_with("thread '"))
        {
            let location = line[at + " panicked at ".len()..]
                .trim_end_matches(':')
                .to_string();
            let mut message = Vec::new();
            i += 1;
            while i < lines.len() {
                let l = lines[i];
                // Some messages (loom's "Causality violation") start with an empty line.
                if l.is_empty() && message.is_empty() {
                    i += 1;
                    continue;
                }
                if l.is_empty()
                    || l.starts_with("note: run with `RUST_BACKTRACE")
                    || l.starts_with("stack backtrace:")
                    || l.starts_with("thread '")
                {
                    break;
                }
                message.push(l);
                i += 1;
            }
            found.push(Panic {
                location,
                message: message.join("\n"),
            });
        } else {
            i += 1;
        }
    }
    found
}

/// The failing tests of a libtest run (its captured-output sections) with their panics.
pub fn test_failures(stdout: &str) -> Vec<TestFailure> {
    let mut failures = Vec::new();
    for section in stdout.split("\n---- ").skip(1) {
        let Some((name, body)) = section.split_once(" stdout ----") else {
            continue;
        };
        let body = body.split("\nfailures:\n").next().unwrap_or(body);
        let message = match panics(body).into_iter().next() {
            Some(p) => p.message,
            None => body.trim().lines().take(10).collect::<Vec<_>>().join("\n"),
        };
        failures.push(TestFailure {
            test: name.trim().to_string(),
            message,
        });
    }
    if failures.is_empty() {
        // No captured sections (e.g. --nocapture): fall back to the result lines.
        for line in stdout.lines() {
            if let Some(name) = line
                .strip_prefix("test ")
                .and_then(|l| l.strip_suffix(" ... FAILED"))
            {
                failures.push(TestFailure {
                    test: name.to_string(),
                    message: String::new(),
                });
            }
        }
    }
    failures
}

/// With `--test-threads=1`, libtest prints `test NAME ... ` before a test and its result
/// after: a line without a result names the test that was running when time ran out.
pub fn running_test(stdout: &str) -> Option<String> {
    let last = stdout.lines().rev().find(|l| l.starts_with("test "))?;
    let rest = last.strip_prefix("test ")?;
    match rest.split_once(" ... ") {
        Some((name, result)) if result.trim().is_empty() => Some(name.to_string()),
        Some(_) => None,
        None => Some(rest.trim_end_matches(" ...").trim().to_string()),
    }
}

/// Test names from `--list --format terse` (`name: test`).
pub fn listed_tests(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_string)
        .collect()
}

/// loom's `deadlock; threads = [(Id(0), Blocked(Location(Some(Location { file: "...",
/// line: 6, column: 28 })))), ...]`, as blocked threads.
pub fn deadlocked_threads(message: &str) -> Option<Vec<BlockedThread>> {
    let list = message.strip_prefix("deadlock; threads = ")?;
    let mut threads = Vec::new();
    for part in list.split("(Id(").skip(1) {
        let Some((id, rest)) = part.split_once(')') else {
            continue;
        };
        let Ok(thread) = id.parse() else { continue };
        // Threads that already finished are listed too (`Terminated`): only the blocked count.
        if !rest.trim_start_matches([',', ' ']).starts_with("Blocked") {
            continue;
        }
        let location = field(rest, "file: \"", '"').and_then(|file| {
            let line = field(rest, "line: ", ',')?;
            let column = field(rest, "column: ", ' ')?;
            Some(format!("{file}:{line}:{column}"))
        });
        threads.push(BlockedThread {
            thread,
            location,
            ..BlockedThread::default()
        });
    }
    Some(threads)
}

fn field<'a>(text: &'a str, start: &str, end: char) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let rest = &text[from..];
    Some(&rest[..rest.find(end)?])
}

/// Removes ANSI colour sequences.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED_RUN: &str = "\nrunning 2 tests\ntest workbook_tests::a ... ok\ntest workbook_tests::b ... FAILED\n\nfailures:\n\n---- workbook_tests::b stdout ----\n\nthread 'workbook_tests::b' (42) panicked at /w/tests/checks/x/test.rs:9:5:\nassertion `left == right` failed: the total is off\n  left: 3\n right: 4\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    workbook_tests::b\n\ntest result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n";

    #[test]
    fn failures_carry_the_panic_message() {
        let f = test_failures(FAILED_RUN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].test, "workbook_tests::b");
        assert_eq!(
            f[0].message,
            "assertion `left == right` failed: the total is off\n  left: 3\n right: 4"
        );
    }

    #[test]
    fn the_running_test_is_the_one_without_a_result() {
        let out = "\nrunning 3 tests\ntest t::a ... ok\ntest t::b ... ";
        assert_eq!(running_test(out).as_deref(), Some("t::b"));
        assert_eq!(running_test("test t::a ... ok\n"), None);
    }

    #[test]
    fn loom_deadlocks_list_threads_and_lines() {
        let msg = r#"deadlock; threads = [(Id(0), Blocked(Location(Some(Location { file: "/w/ex.rs", line: 6, column: 28 })))), (Id(1), Blocked(Location(None))), (Id(2), Terminated)]"#;
        let t = deadlocked_threads(msg).unwrap();
        assert_eq!(t.len(), 2, "a terminated thread is not blocked");
        assert_eq!(
            t[0],
            BlockedThread {
                thread: 0,
                location: Some("/w/ex.rs:6:28".into()),
                ..BlockedThread::default()
            }
        );
        assert_eq!(
            t[1],
            BlockedThread {
                thread: 1,
                location: None,
                ..BlockedThread::default()
            }
        );
    }

    #[test]
    fn panics_are_found_in_order() {
        let text = "thread 'm' (1) panicked at /x/rt.rs:1:2:\ndeadlock; threads = []\nnote: run with `RUST_BACKTRACE=1`\n\nthread 'm' (1) panicked at /y.rs:3:4:\nsecond\n";
        let p = panics(text);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].location, "/x/rt.rs:1:2");
        assert_eq!(p[1].message, "second");
    }

    #[test]
    fn a_message_starting_with_an_empty_line_is_kept() {
        let text = "thread 'm' (1) panicked at /x/loom/src/rt/location.rs:1:2:\n\nCausality violation: Concurrent load and mut accesses.\n    created: /w/ex.rs:9:5\n\nmore";
        let p = panics(text);
        assert_eq!(
            p[0].message,
            "Causality violation: Concurrent load and mut accesses.\n    created: /w/ex.rs:9:5"
        );
    }

    #[test]
    fn ansi_is_stripped() {
        assert_eq!(
            strip_ansi("\u{1b}[1m\u{1b}[31merror\u{1b}[0m: x"),
            "error: x"
        );
    }
}

//! Reading what panics and loom print. Pure functions over text, so that the formats they
//! depend on are pinned by unit tests.

use crate::verdict::BlockedThread;

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
                    // The grader runner's and the loom shim's own records.
                    || l.starts_with("WORKBOOK-")
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

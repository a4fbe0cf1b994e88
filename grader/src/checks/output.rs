//! Reading what panics and loom print. Pure functions over text, so that the formats they
//! depend on are pinned by unit tests.

use crate::verdict::BlockedThread;

/// One `thread '...' panicked at LOCATION:\nMESSAGE` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub location: String,
    pub message: String,
}

/// Every panic in `text`, in order. A message ends at an empty line, except that the
/// runner's seed line (`seed 0x...: ... repeats these inputs`, written with the message in
/// one piece by its panic hook) always ends the message it follows: a message with an empty
/// line of its own keeps the rest and the seed line, so a check that drew from the seed
/// always shows it.
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
                if l.is_empty() {
                    // The seed line further on, before anything that ends a panic's text:
                    // the rest of this message, up to and with it.
                    let seed_at = lines[i..]
                        .iter()
                        .take_while(|l| !ends_panic(l))
                        .position(|l| is_seed_line(l));
                    if let Some(at) = seed_at {
                        message.extend_from_slice(&lines[i..=i + at]);
                        i += at + 1;
                    }
                    break;
                }
                if ends_panic(l) {
                    break;
                }
                message.push(l);
                i += 1;
                if is_seed_line(l) {
                    break;
                }
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

/// A line that ends a panic's text (and is never part of one).
fn ends_panic(line: &str) -> bool {
    line.starts_with("note: run with `RUST_BACKTRACE")
        || line.starts_with("stack backtrace:")
        || line.starts_with("thread '")
        // The grader runner's and the loom shim's own records.
        || line.starts_with("WORKBOOK-")
}

/// The runner's line after the panic message of a check that drew from the seed
/// (grader/shim/runner.rs: `seed 0x...: `workbook run NAME --seed 0x...` repeats these inputs`).
pub fn is_seed_line(line: &str) -> bool {
    line.starts_with("seed 0x") && line.ends_with(" repeats these inputs")
}

/// The panic messages of `todo!()` and `unimplemented!()` (with or without their own words
/// after `: `), and the macro that writes each.
const UNFINISHED: [(&str, &str); 2] = [
    ("not yet implemented", "todo!"),
    ("not implemented", "unimplemented!"),
];

/// The first panic in `panics` raised by a `todo!()` or `unimplemented!()` left in the
/// learner's file (its path ends with `learner_file`, e.g. `/cas_withdraw.rs`), and that
/// macro's name. Both the message and the place must say so: the panic's location is in the
/// learner's file, and the code at that line and column (read with `sources`) is the macro
/// itself, so a `panic!("not yet implemented")` of the learner's own, or a check's, is not
/// taken for one.
pub fn unfinished<'p>(
    panics: &'p [Panic],
    learner_file: &str,
    sources: &dyn Fn(&str) -> Option<String>,
) -> Option<(&'p Panic, &'static str)> {
    panics.iter().find_map(|p| {
        let (_, name) = UNFINISHED.iter().find(|(message, _)| {
            p.message
                .strip_prefix(message)
                // A seeded check's panic ends with the runner's `\n    seed 0x..` line.
                .is_some_and(|rest| {
                    rest.is_empty() || rest.starts_with(": ") || rest.starts_with('\n')
                })
        })?;
        let (rest, column) = p.location.rsplit_once(':')?;
        let (file, line) = rest.rsplit_once(':')?;
        if !file.ends_with(learner_file) {
            return None;
        }
        let (line, column): (usize, usize) = (line.parse().ok()?, column.parse().ok()?);
        let text = sources(file)?;
        let code: String = text
            .lines()
            .nth(line.checked_sub(1)?)?
            .chars()
            .skip(column.checked_sub(1)?)
            .collect();
        let code = code.trim_start_matches("::");
        let code = ["std::", "core::"]
            .iter()
            .find_map(|path| code.strip_prefix(path))
            .unwrap_or(code);
        code.starts_with(name).then_some((p, *name))
    })
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

    /// Fixture: the runner's panic hook output (grader/shim/runner.rs) for a check that drew
    /// from the seed and failed with a message that has an empty line of its own.
    #[test]
    fn the_seed_line_shows_after_a_message_with_an_empty_line() {
        let seed = "seed 0x00000000deadbeef: `workbook run threads1 --seed 0x00000000deadbeef` \
                    repeats these inputs";
        let text = format!(
            "WORKBOOK-PANIC n1 tests::drawn\nthread 'workbook-check' (2) panicked at /w/x.rs:3:5:\n\
             first part\n\nsecond part\n{seed}\nthread 'm' (3) panicked at /w/y.rs:1:1:\nnext\n\n\
             unrelated output\n"
        );
        let p = panics(&text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].message, format!("first part\n\nsecond part\n{seed}"));
        assert_eq!(p[1].message, "next", "no seed line: ends at the empty line");

        // The usual case: one paragraph, then the seed line; nothing after it is kept.
        let text = format!("thread 'c' (2) panicked at /w/x.rs:3:5:\nonly\n{seed}\nstray\n");
        assert_eq!(panics(&text)[0].message, format!("only\n{seed}"));
        // A later panic's seed line is not this one's.
        let text = format!(
            "thread 'a' (2) panicked at /a.rs:1:1:\nmine\n\nWORKBOOK-RUN n t\n\
             thread 'b' (2) panicked at /b.rs:1:1:\ntheirs\n{seed}\n"
        );
        let p = panics(&text);
        assert_eq!(p[0].message, "mine");
        assert_eq!(p[1].message, format!("theirs\n{seed}"));
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
    fn a_todo_left_in_the_learners_file_is_found_by_its_place_not_its_words() {
        let source = |_: &str| {
            Some(
                "fn a() {\n    todo!()\n}\nfn b() {\n    panic!(\"not yet implemented\")\n}\n\
                 fn c() { std::unimplemented!(\"later\") }\n"
                    .to_string(),
            )
        };
        let panic = |location: &str, message: &str| Panic {
            location: location.into(),
            message: message.into(),
        };
        let found = |panics: &[Panic]| {
            unfinished(panics, "/x.rs", &source).map(|(p, name)| (p.location.clone(), name))
        };
        let todo = panic("/w/exercises/x.rs:2:5", "not yet implemented");
        let other = panic("/w/checks/x/test.rs:2:5", "not yet implemented");
        let own = panic("/w/exercises/x.rs:5:5", "not yet implemented");
        let later = panic("/w/exercises/x.rs:7:10", "not implemented: later");
        assert_eq!(
            found(&[other.clone(), todo.clone()]),
            Some(("/w/exercises/x.rs:2:5".into(), "todo!"))
        );
        assert_eq!(
            found(&[other, own]),
            None,
            "a panic!() that says so is not one"
        );
        assert_eq!(
            found(&[later]),
            Some(("/w/exercises/x.rs:7:10".into(), "unimplemented!"))
        );
        let worded = panic("/w/exercises/x.rs:2:5", "not yet implementedness");
        assert_eq!(found(&[worded]), None);
        // A check that draws its inputs from a seed: the runner adds the seed's line.
        let seeded = panic(
            "/w/exercises/x.rs:2:5",
            "not yet implemented\n    seed 0x1f: `workbook run x --seed 0x1f` repeats these inputs",
        );
        assert_eq!(
            found(&[seeded]),
            Some(("/w/exercises/x.rs:2:5".into(), "todo!"))
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

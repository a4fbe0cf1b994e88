//! Verdicts, hints and exercise rows in words, the same on every screen and in every
//! report. Each renderer takes the `Style` to use (colours or plain); none reads global state.

use std::fmt::Write as _;

use crate::catalogue::Exercise;
use crate::text::{BOLD, DIM, GREEN, RED, REVERSED, Style, YELLOW, wrap};
use crate::verdict::{Outcome, Step, Verdict};

// Re-exported because `workbook dev check` calls `render::indent`; the one copy is `text`'s.
pub use crate::text::indent;

const DEADLOCK_READING: &str = "Every thread is waiting, so none can go on: for a lock another \
thread holds (two threads taking the same locks in opposite orders: take them in one order \
everywhere), or on a condition variable, channel or join that nothing will ever wake (check \
that every change a waiter needs is followed by a notify, and that the condition is checked \
under the lock).";
const INTERLEAVING_READING: &str = "loom ran your code under every order in which the threads \
can take turns (and every value a weak memory ordering allows a load to see); under at least one \
of them, the check above fails. Reason about what each thread can see at each step.";
const NOT_IMPLEMENTED_READING: &str = "This part of the exercise is not written yet: replace the \
macro with your code, then save again.";
const INCONCLUSIVE_READING: &str = "Not a verdict on your code: every other check passed, but \
this stress test could not get its threads to run at the same time (the machine is too busy), so \
it could neither show a race nor rule one out. Check again when the machine is less busy; the \
exercise is not marked done until it passes.";
const TIMEOUT_READING: &str = "Likely a deadlock (threads waiting on each other, or on a channel \
that is never closed) or a loop that never ends. The run was stopped.";

/// The verdict of one exercise, several lines, ending without a newline.
pub fn outcome(outcome: &Outcome, path: &str, st: Style) -> String {
    let mut s = String::new();
    let head = outcome.verdict.headline();
    let time = st.paint(format!("({:.2} s)", outcome.duration.as_secs_f64()), DIM);
    if outcome.verdict.passed() {
        let _ = write!(
            s,
            "{} {}: {} {time}",
            st.paint("✓", GREEN.bold()),
            st.paint(&outcome.exercise, BOLD),
            st.paint(head, GREEN.bold())
        );
        return s;
    }
    let _ = writeln!(
        s,
        "{} {}: {} {time}",
        st.paint("✗", RED.bold()),
        st.paint(&outcome.exercise, BOLD),
        st.paint(head, RED.bold())
    );
    let _ = writeln!(s, "  {}", st.paint(path, DIM));
    s.push_str(&details_for(&outcome.verdict, Some(&outcome.exercise), st));
    s.trim_end().to_string()
}

/// What a verdict says beyond its headline, in plain text (reports, `dev check`, tests).
pub fn details(verdict: &Verdict) -> String {
    details_for(verdict, None, Style::PLAIN)
}

/// What a verdict says beyond its headline; with the exercise's name, how to see it again.
pub fn details_for(verdict: &Verdict, exercise: Option<&str>, st: Style) -> String {
    let mut s = String::new();
    match verdict {
        Verdict::Pass => {}
        Verdict::CompileError { message, .. } => {
            let _ = writeln!(s, "\n{}", st.coloured(message));
        }
        Verdict::TestFailed { failures, .. } => {
            for f in failures {
                let _ = writeln!(s, "\n  test {}:", st.paint(&f.test, YELLOW));
                let _ = writeln!(s, "{}", indent(&f.message, 4));
            }
        }
        Verdict::Inconclusive { failures, .. } => {
            for f in failures {
                let _ = writeln!(s, "\n  test {}:", st.paint(&f.test, YELLOW));
                let _ = writeln!(s, "{}", indent(&f.message, 4));
            }
            let _ = writeln!(
                s,
                "\n{}",
                st.paint(indent(&wrap(INCONCLUSIVE_READING, 88), 2), DIM)
            );
        }
        Verdict::Interleaving {
            model,
            message,
            location,
            steps,
            reading,
            serial,
        } => {
            let what = if *serial {
                "fails with its threads run one after another (no interleaving needed):"
            } else {
                "found a schedule under which this fails:"
            };
            let _ = writeln!(s, "\n  loom model `{}` {what}", st.paint(model, YELLOW));
            let _ = writeln!(s, "{}", st.paint(indent(message, 4), BOLD));
            if let Some(at) = location {
                let _ = writeln!(s, "    at {at}");
            }
            s.push_str(&schedule(steps, exercise, st));
            match reading {
                Some(r) => {
                    let _ = writeln!(s, "\n{}", indent(&wrap(r, 88), 2));
                }
                None => {
                    let _ = writeln!(
                        s,
                        "\n{}",
                        st.paint(indent(&wrap(INTERLEAVING_READING, 88), 2), DIM)
                    );
                }
            }
        }
        Verdict::Deadlock {
            model,
            threads,
            steps,
            reading,
        } => {
            let _ = writeln!(
                s,
                "\n  loom model `{}` found a schedule where every thread waits forever:",
                st.paint(model, YELLOW)
            );
            for t in threads {
                let who = if t.thread == 0 {
                    "the main thread".to_string()
                } else {
                    format!("thread {}", t.thread)
                };
                let what = t
                    .waits_for
                    .as_ref()
                    .map(|w| format!(", waiting for {w}"))
                    .unwrap_or_default();
                match &t.location {
                    Some(at) => {
                        let _ = writeln!(s, "    {who} is blocked at {}{what}", st.paint(at, BOLD));
                    }
                    None => {
                        let _ = writeln!(s, "    {who} is blocked{what}");
                    }
                }
                for h in &t.holds {
                    let at = h
                        .location
                        .as_ref()
                        .map(|l| format!(", taken at {l}"))
                        .unwrap_or_default();
                    let _ = writeln!(s, "      holding {}{at}", h.lock);
                }
            }
            s.push_str(&schedule(steps, exercise, st));
            match reading {
                Some(r) => {
                    let _ = writeln!(s, "\n{}", indent(&wrap(r, 88), 2));
                }
                None => {
                    let _ = writeln!(
                        s,
                        "\n{}",
                        st.paint(indent(&wrap(DEADLOCK_READING, 88), 2), DIM)
                    );
                }
            }
        }
        Verdict::TimedOut {
            check,
            seconds,
            running,
        } => {
            let what = match running {
                Some(test) => format!("`{test}` did not finish within {seconds} s"),
                None => format!("the {check} step did not finish within {seconds} s"),
            };
            let _ = writeln!(s, "\n  {what}.");
            if check != "build" {
                let _ = writeln!(
                    s,
                    "{}",
                    st.paint(indent(&wrap(TIMEOUT_READING, 88), 2), DIM)
                );
            }
        }
        Verdict::LoomLimit { model, message } => {
            let _ = writeln!(s, "\n  loom model `{}`:", st.paint(model, YELLOW));
            let _ = writeln!(s, "{}", indent(&wrap(message, 88), 2));
        }
        Verdict::CompileFailNotMet {
            case,
            message,
            detail,
            ran,
            must_compile: true,
        } => {
            // What the case did (the compiler's errors, or what failed when it ran), then what
            // it checks: not a compile-fail expectation.
            let mut lines = detail.lines();
            let first = wrap(lines.next().unwrap_or(""), 88);
            let _ = writeln!(s, "\n{}", st.paint(indent(&first, 2), BOLD));
            // The compiler's errors as it laid them out; a run's failure wrapped.
            for line in lines {
                let line = if line.starts_with("(at ") {
                    line.to_string()
                } else if *ran {
                    wrap(line, 88)
                } else {
                    format!("  {line}")
                };
                let _ = writeln!(s, "{}", indent(&line, 2));
            }
            let _ = writeln!(
                s,
                "{}",
                indent(&wrap(&format!("(case `{case}` checks: {message})"), 88), 2)
            );
        }
        Verdict::CompileFailNotMet {
            case,
            message,
            detail,
            ..
        } => {
            let _ = writeln!(s, "\n  {}", st.paint(message, BOLD));
            let _ = writeln!(
                s,
                "  (case `{case}`: {})",
                detail.lines().next().unwrap_or("")
            );
            for line in detail.lines().skip(1) {
                let _ = writeln!(s, "    {line}");
            }
        }
        Verdict::NotImplemented {
            location,
            macro_name,
            ..
        } => {
            let _ = writeln!(
                s,
                "\n  {} was reached at {}.",
                st.paint(format!("{macro_name}()"), BOLD),
                st.paint(location, BOLD)
            );
            let _ = writeln!(s, "{}", indent(&wrap(NOT_IMPLEMENTED_READING, 88), 2));
        }
        Verdict::Crashed { message, .. }
        | Verdict::Error { message }
        | Verdict::Rejected { message } => {
            let _ = writeln!(s, "\n{}", indent(message, 2));
        }
    }
    s
}

/// Steps shown at most; the JSON report has them all (up to `explain::MAX_STEPS`).
const SHOWN_STEPS: usize = 30;

/// The failing execution as numbered steps, one line each, with a thread column.
fn schedule(steps: &[Step], exercise: Option<&str>, st: Style) -> String {
    let mut s = String::new();
    if steps.is_empty() {
        return s;
    }
    let shown = &steps[steps.len().saturating_sub(SHOWN_STEPS)..];
    let _ = writeln!(s, "\n  The schedule that fails, step by step:");
    let first = shown[0].step;
    if first > 1 {
        let _ = writeln!(
            s,
            "{}",
            st.paint(format!("     ... steps 1-{} not shown", first - 1), DIM)
        );
    }
    let who = shown.iter().map(|t| t.thread.len()).max().unwrap_or(0);
    let texts: Vec<String> = shown
        .iter()
        .map(|t| {
            if t.times > 1 && t.group == 1 {
                format!("{} (x{})", t.text, t.times)
            } else {
                t.text.clone()
            }
        })
        .collect();
    let width = texts
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .min(52);
    let num = shown.last().map_or(1, |t| t.step.to_string().len());
    for (t, text) in shown.iter().zip(&texts) {
        let at = t.location.as_deref().unwrap_or("");
        let line = format!(
            "  {:>num$}. {:<who$}  {:<width$}  {}",
            t.step,
            t.thread,
            text,
            st.paint(at, DIM)
        );
        let _ = writeln!(s, "{}", line.trim_end());
        if t.times > 1 && t.group > 1 {
            let _ = writeln!(
                s,
                "{}",
                st.paint(
                    format!(
                        "  {:>num$}  steps {}-{} happen {} times in a row",
                        "",
                        t.step + 1 - t.group,
                        t.step,
                        t.times
                    ),
                    DIM
                )
            );
        }
    }
    let again = match exercise {
        Some(name) => format!(
            "loom explores in a fixed order: the same code fails with the same steps \
             (`workbook run {name}` shows them again)."
        ),
        None => {
            "loom explores in a fixed order: the same code fails with the same steps.".to_string()
        }
    };
    let _ = writeln!(s, "{}", st.paint(indent(&wrap(&again, 88), 2), DIM));
    s
}

/// The hints revealed so far (`shown` of them), each as `Hint 1 of 3:` and the hint,
/// wrapped and indented, separated by blank lines. The newest is highlighted, the
/// earlier ones dimmed: the eye goes to what is new.
pub fn hints(exercise: &Exercise, shown: usize, st: Style) -> String {
    let total = exercise.hints.len();
    let shown = shown.min(total);
    exercise
        .hints
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, hint)| {
            let label = format!("Hint {} of {total}:", i + 1);
            let label = if i + 1 == shown {
                st.paint(label, YELLOW.bold())
            } else {
                st.paint(label, DIM)
            };
            format!("{label}\n{}", indent(&wrap(hint, 84), 2))
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// How an exercise row is marked: the current exercise (`workbook list`) or the one
/// selected (watch mode's list) gets a `>`; a selected row is also shown reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    Current,
    Selected,
}

/// Column widths that fit every exercise of a catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    name: usize,
    topic: usize,
}

impl Columns {
    pub fn fit(exercises: &[Exercise]) -> Columns {
        let widest = |f: fn(&Exercise) -> usize, min: usize| {
            exercises.iter().map(f).max().unwrap_or(min).max(min)
        };
        Columns {
            name: widest(|e| e.name.len(), 4),
            topic: widest(|e| e.topic.len(), 5),
        }
    }

    /// The header above the rows, aligned with them.
    pub fn header(self) -> String {
        format!(
            "  {:>3}  {:<name$}  {:<7}  {:<topic$}  checks",
            "#",
            "name",
            "status",
            "topic",
            name = self.name,
            topic = self.topic
        )
    }
}

/// One exercise as a row: mark, number (1-based), name, status, topic and checks.
pub fn exercise_row(
    number: usize,
    exercise: &Exercise,
    done: bool,
    mark: Mark,
    cols: Columns,
    st: Style,
) -> String {
    let cells = |st: Style| {
        let status = if done {
            st.paint("done   ", GREEN)
        } else {
            st.paint("pending", YELLOW)
        };
        let checks: Vec<&str> = exercise.checks.iter().map(|c| c.name()).collect();
        let row = format!(
            "{number:>3}  {:<name$}  {status}  {:<topic$}  {}",
            exercise.name,
            exercise.topic,
            checks.join(", "),
            name = cols.name,
            topic = cols.topic
        );
        row.trim_end().to_string()
    };
    match mark {
        Mark::None => format!("  {}", cells(st)),
        Mark::Current => format!("{} {}", st.paint(">", BOLD), cells(st)),
        // Reversed over plain cells: an inner colour's reset would end the reversal.
        Mark::Selected => format!(
            "{} {}",
            st.paint(">", BOLD),
            st.paint(cells(Style::PLAIN), REVERSED)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    /// Built through the catalogue's own parser, as `info.toml` entries are.
    fn exercise(name: &str, hints: &[&str]) -> Exercise {
        let hints: Vec<String> = hints.iter().map(|h| format!("{h:?}")).collect();
        let toml = format!(
            "[[exercises]]\nname = \"{name}\"\npath = \"exercises/01_threads/{name}.rs\"\n\
             topic = \"threads\"\nchecks = [\"test\", \"loom\"]\npoints = 1\n\
             fails_with = \"test-failed\"\nhints = [{}]\n",
            hints.join(", ")
        );
        Catalogue::parse(&toml).unwrap().exercises.remove(0)
    }

    #[test]
    fn a_compile_pass_case_that_failed_when_run_says_it_compiled() {
        let verdict = Verdict::CompileFailNotMet {
            case: "still_usable".into(),
            message: "a `Token` still works on its own thread.".into(),
            detail: "The case compiled against your code, but failed when it ran: the count \
                     is off\n(at exercises/07_send_sync/not_send.rs:12:5)"
                .into(),
            ran: true,
            must_compile: true,
        };
        assert_eq!(verdict.headline(), "compiles, but fails when run");
        let shown = details(&verdict);
        assert!(shown.contains("compiled against your code"), "{shown}");
        assert!(
            shown.contains("(at exercises/07_send_sync/not_send.rs:12:5)"),
            "{shown}"
        );
        assert!(
            shown.contains("case `still_usable` checks: a `Token`"),
            "{shown}"
        );
        assert!(!shown.contains("compile-fail"), "{shown}");
        let not_run = Verdict::CompileFailNotMet {
            case: "c".into(),
            message: "m".into(),
            detail: "this case compiled, and it must not".into(),
            ran: false,
            must_compile: false,
        };
        assert_eq!(not_run.headline(), "compile-fail expectation not met");
    }

    /// A compile_pass case that does not compile against the learner's code is headed as what
    /// it is, with the compiler's errors as laid out (the case's file and line kept).
    #[test]
    fn a_compile_pass_case_that_did_not_compile_says_so() {
        let verdict = Verdict::CompileFailNotMet {
            case: "the_box_drops_its_value_once".into(),
            message: "a `MyBox<T>` owns its `T`.".into(),
            detail: "This case must compile against your code, and it does not; the compiler \
                     said:\nerror[E0277]: the trait bound `MyBox<Counted>: Send` is not \
                     satisfied\n  --> tests/checks/send_bound/compile_pass/x.rs:28:38\n   |"
                .into(),
            ran: false,
            must_compile: true,
        };
        assert_eq!(
            verdict.headline(),
            "a check does not compile against your code"
        );
        let shown = details(&verdict);
        assert!(shown.contains("must compile against your code"), "{shown}");
        assert!(
            shown.contains("\n      --> tests/checks/send_bound/compile_pass/x.rs:28:38\n"),
            "{shown}"
        );
        assert!(
            shown.contains("case `the_box_drops_its_value_once` checks: a `MyBox<T>`"),
            "{shown}"
        );
        assert!(!shown.contains("compile-fail"), "{shown}");
    }

    #[test]
    fn hints_are_numbered_of_the_total() {
        let ex = exercise("threads1", &["first one", "second", "third"]);
        let shown = hints(&ex, 2, Style::PLAIN);
        assert_eq!(shown, "Hint 1 of 3:\n  first one\n\nHint 2 of 3:\n  second");
        assert_eq!(hints(&ex, 0, Style::PLAIN), "");
        assert_eq!(hints(&ex, 9, Style::PLAIN).matches("Hint ").count(), 3);
    }

    #[test]
    fn an_exercise_row_lines_up_under_the_header() {
        let exercises = [
            exercise("threads1", &["a", "b"]),
            exercise("bank_transfer", &["a", "b"]),
        ];
        let cols = Columns::fit(&exercises);
        let header = cols.header();
        let row = exercise_row(2, &exercises[1], true, Mark::Current, cols, Style::PLAIN);
        assert_eq!(row, ">   2  bank_transfer  done     threads  test, loom");
        assert_eq!(header.find("status"), row.find("done"));
        assert_eq!(header.find("checks"), row.find("test"));
        let pending = exercise_row(1, &exercises[0], false, Mark::None, cols, Style::PLAIN);
        assert_eq!(pending.find("pending"), row.find("done"));
    }

    #[test]
    fn a_selected_row_is_reversed_whole() {
        let ex = exercise("threads1", &["a", "b"]);
        let cols = Columns::fit(std::slice::from_ref(&ex));
        let colour = Style {
            colour: true,
            links: false,
        };
        let row = exercise_row(1, &ex, false, Mark::Selected, cols, colour);
        let plain = exercise_row(1, &ex, false, Mark::Selected, cols, Style::PLAIN);
        assert_eq!(crate::text::strip_ansi(&row), plain);
        // One reversal around the cells, with no colour reset inside it.
        let cells = row.split_once(' ').unwrap().1;
        assert_eq!(cells.matches("\x1b[0m").count(), 1, "{cells:?}");
    }
}

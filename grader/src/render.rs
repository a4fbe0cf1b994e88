//! Verdicts in words, for a terminal. Colours come from `colored`, which main.rs turns off
//! under NO_COLOR or when output is not a terminal.

use std::fmt::Write as _;

use colored::Colorize;

use crate::checks::output::strip_ansi;
use crate::verdict::{Outcome, Step, Verdict};

const DEADLOCK_READING: &str = "Every thread is waiting, so none can go on: for a lock another \
thread holds (two threads taking the same locks in opposite orders: take them in one order \
everywhere), or on a condition variable, channel or join that nothing will ever wake (check \
that every change a waiter needs is followed by a notify, and that the condition is checked \
under the lock).";
const INTERLEAVING_READING: &str = "loom ran your code under every order in which the threads \
can take turns (and every value a weak memory ordering allows a load to see); under at least one \
of them, the check above fails. Reason about what each thread can see at each step.";
const TIMEOUT_READING: &str = "Likely a deadlock (threads waiting on each other, or on a channel \
that is never closed) or a loop that never ends. The run was stopped.";

/// The verdict of one exercise, several lines, ending without a newline.
pub fn outcome(outcome: &Outcome, path: &str) -> String {
    let mut s = String::new();
    let head = outcome.verdict.kind().headline();
    let time = format!("({:.2} s)", outcome.duration.as_secs_f64()).dimmed();
    if outcome.verdict.passed() {
        let _ = write!(
            s,
            "{} {}: {} {time}",
            "✓".green().bold(),
            outcome.exercise.bold(),
            head.green().bold()
        );
        return s;
    }
    let _ = writeln!(
        s,
        "{} {}: {} {time}",
        "✗".red().bold(),
        outcome.exercise.bold(),
        head.red().bold()
    );
    let _ = writeln!(s, "  {}", path.dimmed());
    s.push_str(&details_for(&outcome.verdict, Some(&outcome.exercise)));
    s.trim_end().to_string()
}

/// What a verdict says beyond its headline.
pub fn details(verdict: &Verdict) -> String {
    details_for(verdict, None)
}

/// What a verdict says beyond its headline; with the exercise's name, how to see it again.
pub fn details_for(verdict: &Verdict, exercise: Option<&str>) -> String {
    let mut s = String::new();
    match verdict {
        Verdict::Pass => {}
        Verdict::CompileError { message, .. } => {
            let message = if colored::control::SHOULD_COLORIZE.should_colorize() {
                message.clone()
            } else {
                strip_ansi(message)
            };
            let _ = writeln!(s, "\n{message}");
        }
        Verdict::TestFailed { failures, .. } => {
            for f in failures {
                let _ = writeln!(s, "\n  test {}:", f.test.yellow());
                let _ = writeln!(s, "{}", indent(&f.message, 4));
            }
        }
        Verdict::Interleaving {
            model,
            message,
            location,
            steps,
            reading,
        } => {
            let _ = writeln!(
                s,
                "\n  loom model `{}` found a schedule under which this fails:",
                model.yellow()
            );
            let _ = writeln!(s, "{}", indent(message, 4).bold());
            if let Some(at) = location {
                let _ = writeln!(s, "    at {at}");
            }
            s.push_str(&schedule(steps, exercise));
            match reading {
                Some(r) => {
                    let _ = writeln!(s, "\n{}", indent(&wrap(r, 88), 2));
                }
                None => {
                    let _ = writeln!(
                        s,
                        "\n{}",
                        indent(&wrap(INTERLEAVING_READING, 88), 2).dimmed()
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
                model.yellow()
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
                        let _ = writeln!(s, "    {who} is blocked at {}{what}", at.bold());
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
            s.push_str(&schedule(steps, exercise));
            match reading {
                Some(r) => {
                    let _ = writeln!(s, "\n{}", indent(&wrap(r, 88), 2));
                }
                None => {
                    let _ = writeln!(s, "\n{}", indent(&wrap(DEADLOCK_READING, 88), 2).dimmed());
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
                let _ = writeln!(s, "{}", indent(&wrap(TIMEOUT_READING, 88), 2).dimmed());
            }
        }
        Verdict::LoomLimit { model, message } => {
            let _ = writeln!(
                s,
                "\n  loom model `{}`: {}",
                model.yellow(),
                wrap(message, 88)
            );
        }
        Verdict::CompileFailNotMet {
            case,
            message,
            detail,
        } => {
            let _ = writeln!(s, "\n  {}", message.bold());
            let _ = writeln!(
                s,
                "  (case `{case}`: {})",
                detail.lines().next().unwrap_or("")
            );
            for line in detail.lines().skip(1) {
                let _ = writeln!(s, "    {line}");
            }
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
fn schedule(steps: &[Step], exercise: Option<&str>) -> String {
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
            format!("     ... steps 1-{} not shown", first - 1).dimmed()
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
            at.dimmed()
        );
        let _ = writeln!(s, "{}", line.trim_end());
        if t.times > 1 && t.group > 1 {
            let _ = writeln!(
                s,
                "{}",
                format!(
                    "  {:>num$}  steps {}-{} happen {} times in a row",
                    "",
                    t.step + 1 - t.group,
                    t.step,
                    t.times
                )
                .dimmed()
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
    let _ = writeln!(s, "{}", indent(&wrap(&again, 88), 2).dimmed());
    s
}

pub fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Greedy word wrap for prose.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        if line_len > 0 && line_len + 1 + word.len() > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out
}

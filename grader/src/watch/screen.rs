//! What the watch screen shows. Pure: builds text from the watch state; never checks.

use std::fmt::Write as _;
use std::path::Path;

use colored::Colorize;

use super::{Mode, Watch};
use crate::render;

/// Lines of verdict shown before the rest is cut (the screen must stay readable).
const MIN_VERDICT_LINES: usize = 12;

pub fn draw(w: &Watch, rows: usize) -> String {
    let mut s = String::new();
    let exercises = &w.app.workbook.catalogue.exercises;
    let ex = &exercises[w.current];
    let done = exercises
        .iter()
        .filter(|e| w.app.state.is_done(&e.name))
        .count();
    let total = exercises.len();

    let _ = writeln!(
        s,
        "{} {}/{total}  {}  {}",
        "workbook".bold(),
        w.current + 1,
        ex.name.bold(),
        link(
            &w.app.workbook.root.join(&ex.path),
            &ex.path.display().to_string(),
            w.links
        )
    );
    let _ = writeln!(
        s,
        "{}",
        format!("topic: {}   checks: {}", ex.topic, checks(ex)).dimmed()
    );
    s.push('\n');

    match &w.mode {
        Mode::List { selected } => list(&mut s, w, *selected),
        _ => {
            if let Some(progress) = &w.check_all {
                let _ = writeln!(
                    s,
                    "Checking every exercise: {}/{total} ({})",
                    progress.0, progress.1
                );
            } else if w.running.is_some() {
                let _ = writeln!(s, "{}", "Checking...".yellow());
            } else if let Some(outcome) = &w.last {
                let text = render::outcome(outcome, &ex.path.display().to_string());
                let budget = rows.saturating_sub(14).max(MIN_VERDICT_LINES);
                let lines: Vec<&str> = text.lines().collect();
                for line in lines.iter().take(budget) {
                    let _ = writeln!(s, "{line}");
                }
                if lines.len() > budget {
                    let _ = writeln!(
                        s,
                        "{}",
                        format!(
                            "... {} more lines cut (`cargo workbook run {}` shows them all)",
                            lines.len() - budget,
                            ex.name
                        )
                        .dimmed()
                    );
                }
                if outcome.verdict.passed() {
                    let _ = writeln!(
                        s,
                        "\n{} Compare with the solution: {}",
                        "Well done!".green().bold(),
                        link(
                            &w.app.workbook.root.join(ex.solution_path()),
                            &ex.solution_path().display().to_string(),
                            w.links
                        )
                    );
                    let _ = writeln!(s, "Press {} for the next exercise.", "n".bold());
                }
            } else {
                let _ = writeln!(
                    s,
                    "Save the file to check it{}.",
                    if w.manual {
                        " (then press r or Enter)"
                    } else {
                        ""
                    }
                );
            }
            let shown = w.app.state.hints_shown(&ex.name);
            if shown > 0 && w.check_all.is_none() {
                s.push('\n');
                for (i, hint) in ex.hints.iter().take(shown).enumerate() {
                    let _ = writeln!(
                        s,
                        "{} {}",
                        format!("Hint {}/{}:", i + 1, ex.hints.len()).yellow(),
                        render::wrap(hint, 84).replace('\n', "\n  ")
                    );
                }
            }
        }
    }

    if let Some(message) = &w.message {
        let _ = writeln!(s, "\n{message}");
    }
    if w.all_done {
        let _ = writeln!(s, "\n{}", ALL_DONE.green().bold());
    }
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(0);
    let _ = writeln!(
        s,
        "\n[{}{}] {done}/{total} done",
        "#".repeat(filled).green(),
        "-".repeat(width - filled)
    );
    let keys = match w.mode {
        Mode::List { .. } => "up/down or j/k select · Enter open · Esc back".to_string(),
        Mode::ConfirmReset => format!(
            "Reset {} to the shipped version? Your changes are lost. y/n",
            ex.path.display()
        ),
        Mode::Normal if w.manual => {
            "r/Enter check · h hint · l list · n next · c check all · x reset · q quit".into()
        }
        Mode::Normal => {
            "h hint · l list · n next · r rerun · c check all · x reset · q quit".into()
        }
    };
    let _ = write!(s, "{}", keys.bold());
    s
}

const ALL_DONE: &str = "Every exercise passes. You have worked through threads, channels, locks, \
deadlocks, condition variables, Send and Sync, atomics and memory ordering: congratulations!";

fn list(s: &mut String, w: &Watch, selected: usize) {
    for (i, e) in w.app.workbook.catalogue.exercises.iter().enumerate() {
        let status = if w.app.state.is_done(&e.name) {
            "done   ".green()
        } else {
            "pending".yellow()
        };
        let line = format!("{:>3} {status} {:<24} {}", i + 1, e.name, e.topic);
        if i == selected {
            let _ = writeln!(s, "{} {}", ">".bold(), line.reversed());
        } else {
            let _ = writeln!(s, "  {line}");
        }
    }
}

fn checks(ex: &crate::catalogue::Exercise) -> String {
    ex.checks
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A path the terminal can open on click (OSC 8), where supported.
fn link(abs: &Path, shown: &str, enabled: bool) -> String {
    if enabled {
        format!(
            "\x1b]8;;file://{}\x1b\\{shown}\x1b]8;;\x1b\\",
            abs.display()
        )
    } else {
        shown.to_string()
    }
}

//! What the watch screen shows. Pure: builds text from the watch state; never checks.

use std::fmt::Write as _;

use super::list::{self, ListView};
use super::{Mode, Watch};
use crate::render::{self, Columns, Mark};
use crate::text::{BOLD, DIM, GREEN, YELLOW};

/// Lines of verdict shown before the rest is cut (the screen must stay readable).
const MIN_VERDICT_LINES: usize = 12;

pub fn draw(w: &Watch, rows: usize) -> String {
    let st = w.style;
    let mut s = String::new();
    let exercises = w.app.exercises();
    let ex = &exercises[w.current];
    let done = w.app.done_count();
    let total = exercises.len();

    let _ = writeln!(
        s,
        "{} {}/{total}  {}  {}",
        st.paint("workbook", BOLD),
        w.current + 1,
        st.paint(&ex.name, BOLD),
        st.link(
            &w.app.workbook.root.join(&ex.path),
            &ex.path.display().to_string()
        )
    );
    let _ = writeln!(
        s,
        "{}",
        st.paint(format!("topic: {}   checks: {}", ex.topic, checks(ex)), DIM)
    );
    if let Some(line) = &w.warming {
        let _ = writeln!(s, "{}", st.paint(line, DIM));
    }
    s.push('\n');

    match &w.mode {
        Mode::List(view) => list(&mut s, w, view, rows),
        _ => {
            if let Some(progress) = &w.check_all {
                let _ = writeln!(
                    s,
                    "Checking every exercise: {}/{total} ({})",
                    progress.0, progress.1
                );
            } else if w.running.is_some() {
                let _ = writeln!(s, "{}", st.paint("Checking...", YELLOW));
            } else if let Some(outcome) = &w.last {
                let text = render::outcome(outcome, &ex.path.display().to_string(), st);
                let budget = rows.saturating_sub(14).max(MIN_VERDICT_LINES);
                let lines: Vec<&str> = text.lines().collect();
                for line in lines.iter().take(budget) {
                    let _ = writeln!(s, "{line}");
                }
                if lines.len() > budget {
                    let _ = writeln!(
                        s,
                        "{}",
                        st.paint(
                            format!(
                                "... {} more lines cut (`cargo workbook run {}` shows them all)",
                                lines.len() - budget,
                                ex.name
                            ),
                            DIM
                        )
                    );
                }
                if outcome.verdict.passed() {
                    let _ = writeln!(
                        s,
                        "\n{} Compare with the solution: {}",
                        st.paint("Well done!", GREEN.bold()),
                        st.link(
                            &w.app.workbook.root.join(ex.solution_path()),
                            &ex.solution_path().display().to_string()
                        )
                    );
                    let _ = writeln!(s, "Press {} for the next exercise.", st.paint("n", BOLD));
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
            // Hints help toward a pass: once the exercise passes they give way to the solution.
            let passed = w
                .last
                .as_ref()
                .is_some_and(|o| o.verdict.passed() && o.exercise == ex.name);
            let shown = w.app.hints_shown(&ex.name);
            if shown > 0 && w.check_all.is_none() && !passed {
                let _ = writeln!(s, "\n{}", render::hints(ex, shown, st));
            }
        }
    }

    if let Some(message) = &w.message {
        let _ = writeln!(s, "\n{message}");
    }
    if w.all_done {
        let _ = writeln!(s, "\n{}", st.paint(ALL_DONE, GREEN.bold()));
    }
    let (filled, width) = bar(done, total);
    let _ = writeln!(
        s,
        "\n[{}{}] {done}/{total} done",
        st.paint("#".repeat(filled), GREEN),
        "-".repeat(width - filled)
    );
    let keys = match w.mode {
        Mode::List(ListView { typing: true, .. }) => {
            "type to search · Enter keep · Esc drop".to_string()
        }
        Mode::List(_) => {
            "up/down or j/k select · Enter open · / search · p pending · d done · Esc back".into()
        }
        Mode::ConfirmReset => format!(
            "Reset {} to the shipped version? Your changes are lost. y/n",
            ex.path.display()
        ),
        Mode::Normal if w.manual => {
            "r/Enter check · h hint · e edit · l list · n next · c check all · x reset · q quit"
                .into()
        }
        Mode::Normal => {
            "h hint · e edit · l list · n next · r rerun · c check all · x reset · q quit".into()
        }
    };
    let _ = write!(s, "{}", st.paint(keys, BOLD));
    s
}

const ALL_DONE: &str = "Every exercise passes. You have worked through threads, channels, locks, \
deadlocks, condition variables, Send and Sync, atomics and memory ordering: congratulations!";

/// Lines of the screen that are not list rows: title, topic, status, column header, scroll
/// marks, progress bar and keys.
const LIST_CHROME: usize = 12;

fn list(s: &mut String, w: &Watch, view: &ListView, rows: usize) {
    let exercises = w.app.exercises();
    let done = |name: &str| w.app.is_done(name);
    let visible = view.visible(exercises, &done);
    let _ = writeln!(
        s,
        "{}",
        w.style
            .paint(view.status(visible.len(), exercises.len()), DIM)
    );
    let cols = Columns::fit(exercises);
    let _ = writeln!(s, "{}", cols.header());
    if visible.is_empty() {
        let _ = writeln!(s, "(no exercise matches)");
    }
    let at = visible
        .iter()
        .position(|&i| i == view.selected)
        .unwrap_or(0);
    let shown = list::window(visible.len(), at, rows.saturating_sub(LIST_CHROME).max(5));
    let more = |n: usize, side: &str| w.style.paint(format!("    ... {n} more {side}"), DIM);
    if shown.start > 0 {
        let _ = writeln!(s, "{}", more(shown.start, "above"));
    }
    let below = visible.len() - shown.end;
    for &i in &visible[shown] {
        let e = &exercises[i];
        let mark = if i == view.selected {
            Mark::Selected
        } else {
            Mark::None
        };
        let done = w.app.is_done(&e.name);
        let _ = writeln!(
            s,
            "{}",
            render::exercise_row(i + 1, e, done, mark, cols, w.style)
        );
    }
    if below > 0 {
        let _ = writeln!(s, "{}", more(below, "below"));
    }
}

fn checks(ex: &crate::catalogue::Exercise) -> String {
    ex.checks
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Cells filled and cells in all of the progress bar: at least one cell per exercise, so that
/// every exercise done shows.
fn bar(done: usize, total: usize) -> (usize, usize) {
    let width = total.max(30);
    ((done * width).checked_div(total).unwrap_or(0), width)
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn every_exercise_done_fills_at_least_one_cell() {
        for total in [1, 5, 30, 41, 120] {
            for done in 0..=total {
                let (filled, width) = bar(done, total);
                assert!(
                    filled >= done && filled <= width,
                    "{done}/{total}: {filled}/{width}"
                );
            }
            assert_eq!(bar(total, total).0, bar(total, total).1);
        }
        assert_eq!(bar(0, 0), (0, 30));
    }
}

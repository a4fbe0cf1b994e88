//! `workbook hint [NAME]`: hints, one level per call (`--all`: every level);
//! `workbook hint --search WORD`: which exercises' hints or concepts mention WORD.

use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::catalogue::Exercise;
use crate::cli::HintArgs;
use crate::render;
use crate::text::{BOLD, DIM, Style};

pub fn run(mut app: App, args: HintArgs) -> Result<ExitCode> {
    let st = Style::stdout();
    if let Some(word) = &args.search {
        return Ok(print_search(&app, word, st));
    }
    let exercise = app.pick(args.name.as_deref())?.clone();
    let total = exercise.hints.len();
    let shown = if args.all {
        total
    } else {
        app.reveal_hint(&exercise.name)?.shown
    };
    println!(
        "{}",
        st.paint(
            format!("Hints for {} ({})", exercise.name, exercise.path.display()),
            BOLD
        )
    );
    println!("\n{}", render::hints(&exercise, shown, st));
    if shown < total {
        println!(
            "\n{}",
            st.paint(
                format!(
                    "Run `workbook hint {}` again for the next level.",
                    exercise.name
                ),
                DIM
            )
        );
    } else if !args.all {
        println!("\n{}", st.paint("That was the last hint.", DIM));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where one exercise mentions the word searched for.
#[derive(Debug)]
pub struct Mention<'a> {
    pub exercise: &'a Exercise,
    pub concepts: Vec<&'a str>,
    /// Hint levels, from 1.
    pub hints: Vec<usize>,
}

/// The exercises whose concepts or hints contain `word` (case-insensitive), in order.
pub fn search<'a>(exercises: &'a [Exercise], word: &str) -> Vec<Mention<'a>> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return Vec::new();
    }
    let has = |text: &str| text.to_lowercase().contains(&word);
    exercises
        .iter()
        .map(|exercise| Mention {
            exercise,
            concepts: exercise
                .concepts
                .iter()
                .map(String::as_str)
                .filter(|c| has(c))
                .collect(),
            hints: (1..=exercise.hints.len())
                .filter(|&level| has(&exercise.hints[level - 1]))
                .collect(),
        })
        .filter(|m| !m.concepts.is_empty() || !m.hints.is_empty())
        .collect()
}

/// One line per exercise found; the hints' words stay hidden (`hint NAME` shows them).
fn print_search(app: &App, word: &str, st: Style) -> ExitCode {
    let found = search(app.exercises(), word);
    if found.is_empty() {
        println!("No exercise's hints or concepts mention `{word}`.");
        return super::exit(false);
    }
    let width = found
        .iter()
        .map(|m| m.exercise.name.len())
        .max()
        .unwrap_or(0);
    for m in &found {
        let mut where_ = Vec::new();
        if !m.concepts.is_empty() {
            where_.push(format!("concepts: {}", m.concepts.join(", ")));
        }
        if !m.hints.is_empty() {
            let levels: Vec<String> = m.hints.iter().map(usize::to_string).collect();
            where_.push(format!("hint {}", levels.join(", ")));
        }
        println!(
            "{}  {}  {}",
            st.paint(format!("{:<width$}", m.exercise.name), BOLD),
            m.exercise.path.display(),
            st.paint(where_.join("; "), DIM)
        );
    }
    println!(
        "\n{}",
        st.paint(
            format!(
                "{} exercises. `workbook hint NAME` reveals the next level.",
                found.len()
            ),
            DIM
        )
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;

    fn exercises() -> Vec<Exercise> {
        Catalogue::parse(
            r#"
[[exercises]]
name = "a"
path = "exercises/01_x/a.rs"
topic = "x"
checks = ["test"]
points = 1
concepts = ["Mutex", "join"]
hints = ["Think about ownership.", "Wrap it in an Arc<Mutex<_>>."]
fails_with = "test-failed"

[[exercises]]
name = "b"
path = "exercises/01_x/b.rs"
topic = "x"
checks = ["test"]
points = 1
concepts = ["channels"]
hints = ["Drop the sender.", "The receiver ends when every sender is dropped."]
fails_with = "test-failed"
"#,
        )
        .unwrap()
        .exercises
    }

    #[test]
    fn finds_concepts_and_hint_levels_ignoring_case() {
        let ex = exercises();
        let found = search(&ex, "MUTEX");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].exercise.name, "a");
        assert_eq!(found[0].concepts, ["Mutex"]);
        assert_eq!(found[0].hints, [2]);
        let found = search(&ex, "sender");
        assert_eq!(
            (found[0].exercise.name.as_str(), &found[0].hints[..]),
            ("b", &[1, 2][..])
        );
        assert!(found[0].concepts.is_empty());
    }

    #[test]
    fn nothing_or_blank_finds_nothing() {
        let ex = exercises();
        assert!(search(&ex, "condvar").is_empty());
        assert!(search(&ex, "  ").is_empty());
    }
}

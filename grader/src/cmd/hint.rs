//! `workbook hint [NAME]`: hints, one level per call.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use super::App;
use crate::cli::HintArgs;
use crate::render::{indent, wrap};

pub fn run(mut app: App, args: HintArgs) -> Result<ExitCode> {
    let exercise = app.pick(args.name.as_deref())?.clone();
    let total = exercise.hints.len();
    let shown = if args.all {
        total
    } else {
        let level = app.state.reveal_hint(&exercise.name, total);
        app.state.save()?;
        level
    };
    println!(
        "{}",
        format!("Hints for {} ({})", exercise.name, exercise.path.display()).bold()
    );
    for (i, hint) in exercise.hints.iter().take(shown).enumerate() {
        let label = format!("Hint {} of {total}:", i + 1);
        let label = if i + 1 == shown {
            label.yellow().bold()
        } else {
            label.dimmed()
        };
        println!("\n{label}\n{}", indent(&wrap(hint, 84), 2));
    }
    if shown < total {
        println!(
            "\n{}",
            format!(
                "Run `workbook hint {}` again for the next level.",
                exercise.name
            )
            .dimmed()
        );
    } else if !args.all {
        println!("\n{}", "That was the last hint.".dimmed());
    }
    Ok(ExitCode::SUCCESS)
}

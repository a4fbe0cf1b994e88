//! `workbook hint [NAME]`: hints, one level per call.

use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::cli::HintArgs;
use crate::render;
use crate::text::{BOLD, DIM, Style};

pub fn run(mut app: App, args: HintArgs) -> Result<ExitCode> {
    let st = Style::stdout();
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

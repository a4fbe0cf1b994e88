//! `workbook verify`: every exercise in order.

use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::cli::VerifyArgs;
use crate::render;
use crate::text::{self, DIM, GREEN, RED, Style};
use crate::workbook::SourceSet;

pub fn run(mut app: App, args: VerifyArgs) -> Result<ExitCode> {
    let set = if args.solutions {
        SourceSet::Solutions
    } else {
        SourceSet::Exercises
    };
    let st = Style::stdout();
    let (sandbox, mode) = crate::sandbox::from_request(args.sandbox)?;
    if let Some(note) = crate::sandbox::notice(&mode, args.sandbox) {
        eprintln!("{note}");
    }
    let mut checker = app.workbook.checker(set)?;
    checker.sandbox = sandbox;
    checker.seed = args.seed;
    let exercises = app.workbook.catalogue.exercises.clone();
    let total = exercises.len();
    let started = std::time::Instant::now();
    let mut failed = 0;
    for (i, exercise) in exercises.iter().enumerate() {
        let source = app.workbook.source(exercise, set);
        let outcome = checker.check(exercise, &source);
        let passed = outcome.verdict.passed();
        let shown = text::relative(&app.workbook.root, &source);
        let tag = st.paint(format!("[{:>2}/{total}]", i + 1), DIM);
        println!("{tag} {}", render::outcome(&outcome, &shown, st));
        if !passed {
            failed += 1;
        }
        if set == SourceSet::Exercises {
            app.record(&outcome)?;
        }
        if !passed && !args.keep_going {
            println!("\nStopped at the first failure (--keep-going checks the rest).");
            return Ok(ExitCode::from(1));
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if failed == 0 {
        println!(
            "\n{} all {total} pass ({secs:.1} s)",
            st.paint("✓", GREEN.bold())
        );
    } else {
        println!(
            "\n{} {failed} of {total} fail ({secs:.1} s)",
            st.paint("✗", RED.bold())
        );
    }
    Ok(super::exit(failed == 0))
}

//! `workbook run [NAME]`: check one exercise once.

use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::cli::RunArgs;
use crate::render;
use crate::text::{self, Style};
use crate::workbook::SourceSet;

pub fn run(mut app: App, args: RunArgs) -> Result<ExitCode> {
    let exercise = app.pick(args.name.as_deref())?.clone();
    let set = if args.solution {
        SourceSet::Solutions
    } else {
        SourceSet::Exercises
    };
    let source = app.workbook.source(&exercise, set);
    let shown = text::relative(&app.workbook.root, &source);
    if !source.is_file() {
        anyhow::bail!(
            "{shown} is missing; restore it with `workbook reset {}`",
            exercise.name
        );
    }
    let (sandbox, mode) = crate::sandbox::from_request(args.sandbox)?;
    if let Some(note) = crate::sandbox::notice(&mode, args.sandbox) {
        eprintln!("{note}");
    }
    let mut checker = app.workbook.checker(set)?;
    checker.sandbox = sandbox;
    checker.seed = args.seed;
    let outcome = checker.check(&exercise, &source);
    println!("{}", render::outcome(&outcome, &shown, Style::stdout()));
    let passed = outcome.verdict.passed();
    if set == SourceSet::Exercises {
        app.record(&outcome)?;
        if passed {
            println!(
                "\nSolution, to compare: {}",
                exercise.solution_path().display()
            );
            // The same "next" as watch mode's `n`: the next pending one after this one.
            let here = app.workbook.catalogue.position(&exercise.name);
            match app.next_pending(here) {
                Some(next) => {
                    let next = &app.exercises()[next];
                    println!("Next: {} ({})", next.name, next.path.display())
                }
                None => println!("Every exercise passes. Well done!"),
            }
        } else {
            println!(
                "\nStuck? `workbook hint {}` reveals the next hint.",
                exercise.name
            );
        }
    }
    Ok(super::exit(passed))
}

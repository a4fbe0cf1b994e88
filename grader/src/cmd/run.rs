//! `workbook run [NAME]`: check one exercise once.

use std::process::ExitCode;

use anyhow::Result;

use super::App;
use crate::cli::RunArgs;
use crate::render;
use crate::workbook::SourceSet;

pub fn run(mut app: App, args: RunArgs) -> Result<ExitCode> {
    let exercise = app.pick(args.name.as_deref())?.clone();
    let set = if args.solution {
        SourceSet::Solutions
    } else {
        SourceSet::Exercises
    };
    let source = app.workbook.source(&exercise, set);
    if !source.is_file() {
        anyhow::bail!(
            "{} is missing; restore it with `workbook reset {}`",
            source
                .strip_prefix(&app.workbook.root)
                .unwrap_or(&source)
                .display(),
            exercise.name
        );
    }
    let (sandbox, mode) = crate::sandbox::from_request(args.sandbox)?;
    if let Some(note) = crate::sandbox::notice(&mode, args.sandbox) {
        eprintln!("{note}");
    }
    let mut checker = app.workbook.checker(set)?;
    checker.sandbox = sandbox;
    let outcome = checker.check(&exercise, &source);
    let shown = source
        .strip_prefix(&app.workbook.root)
        .unwrap_or(&source)
        .display()
        .to_string();
    println!("{}", render::outcome(&outcome, &shown));
    let passed = outcome.verdict.passed();
    if set == SourceSet::Exercises {
        if app.state.record(&exercise.name, passed) {
            app.state.save()?;
        }
        if passed {
            println!(
                "\nSolution, to compare: {}",
                exercise.solution_path().display()
            );
            match app.current() {
                Some(next) => println!("Next: {} ({})", next.name, next.path.display()),
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

//! `workbook reset NAME | --all`: restore shipped exercise files, after asking. What a reset
//! does (file, progress, hints) is `App::reset`'s rule, the same as watch mode's `x`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::catalogue::Exercise;
use crate::cli::ResetArgs;

pub fn run(mut app: App, args: ResetArgs) -> Result<ExitCode> {
    let targets: Vec<Exercise> = match &args.name {
        Some(name) => vec![app.workbook.exercise(name)?.clone()],
        None => app.exercises().to_vec(),
    };
    let mut modified = Vec::new();
    for exercise in &targets {
        if app.modified(exercise)? {
            modified.push(exercise);
        }
    }
    if !modified.is_empty() && !args.yes && std::io::stdin().is_terminal() {
        let what = if modified.len() == 1 {
            modified[0].path.display().to_string()
        } else {
            format!("{} exercise files", modified.len())
        };
        print!("Restore {what} as shipped? Your changes will be lost. [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("Nothing changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    for exercise in &targets {
        if app.reset(exercise)? {
            println!("Restored {}", exercise.path.display());
        }
    }
    if modified.is_empty() && !args.all {
        println!("{} is already as shipped.", targets[0].path.display());
    }
    Ok(ExitCode::SUCCESS)
}

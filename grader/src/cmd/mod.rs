//! One module per command. Each returns the process exit code; errors (bad input) are
//! reported by main.rs as one line with exit code 2. Commands change the learner's progress
//! only through `App`, as watch mode does; neither imports the other.

mod dev;
mod grade;
mod hint;
mod list;
mod mutants;
mod reset;
mod run;
mod verify;

use std::process::ExitCode;

use anyhow::Result;

use crate::app::App;
use crate::cli::{Cli, Command, WatchArgs};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let app = App::open(cli.root.as_deref())?;
    match cli.command.unwrap_or(Command::Watch(WatchArgs::default())) {
        Command::Watch(args) => crate::watch::run(app, args),
        Command::List(args) => list::run(&app, args),
        Command::Run(args) => run::run(app, args),
        Command::Hint(args) => hint::run(app, args),
        Command::Verify(args) => verify::run(app, args),
        Command::Reset(args) => reset::run(app, args),
        Command::Grade(args) => grade::run(&app, args),
        Command::Dev(crate::cli::DevCommand::Check(args)) => dev::check(&app, args),
        Command::Dev(crate::cli::DevCommand::Edits(args)) => dev::edits(&app, args),
        Command::Dev(crate::cli::DevCommand::Editor) => dev::editor(&app),
        Command::Dev(crate::cli::DevCommand::Mutants(args)) => mutants::run(&app, args),
    }
}

pub fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

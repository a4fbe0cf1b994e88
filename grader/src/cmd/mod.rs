//! One module per command. Each returns the process exit code; errors (bad input) are
//! reported by main.rs as one line with exit code 2.

mod dev;
mod grade;
mod hint;
mod list;
pub mod reset;
mod run;
mod verify;

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::catalogue::Exercise;
use crate::cli::{Cli, Command, WatchArgs};
use crate::state::State;
use crate::workbook::Workbook;

/// What every command works on: the workbook and the learner's progress.
pub struct App {
    pub workbook: Workbook,
    pub state: State,
}

impl App {
    pub fn open(root: Option<&Path>) -> Result<App> {
        let workbook = match root {
            Some(root) => {
                anyhow::ensure!(root.is_dir(), "{} is not a directory", root.display());
                Workbook::discover(root)?
            }
            None => Workbook::discover(Path::new("."))?,
        };
        let state = State::load(&workbook.root)?;
        Ok(App { workbook, state })
    }

    /// The first exercise not done yet (None when all are done).
    pub fn current(&self) -> Option<&Exercise> {
        self.workbook
            .catalogue
            .exercises
            .iter()
            .find(|e| !self.state.is_done(&e.name))
    }

    /// The named exercise, or the current one.
    pub fn pick(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            Some(name) => self.workbook.exercise(name),
            None => self.current().ok_or_else(|| {
                anyhow::anyhow!(
                    "every exercise is done; name one, e.g. `workbook run {}`",
                    self.workbook.catalogue.exercises[0].name
                )
            }),
        }
    }
}

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
    }
}

pub fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

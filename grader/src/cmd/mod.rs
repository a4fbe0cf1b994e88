//! One module per command. Each returns the process exit code; errors (bad input) are
//! reported by main.rs as one line with exit code 2. Commands change the learner's progress
//! only through `App`, as watch mode does; neither imports the other.

#[cfg(feature = "dev")]
mod dev;
mod grade;
mod hint;
mod list;
#[cfg(feature = "dev")]
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
        #[cfg(feature = "dev")]
        Command::Dev(dev) => match dev {
            crate::cli::DevCommand::Check(args) => dev::check(&app, args),
            crate::cli::DevCommand::Edits(args) => dev::edits(&app, args),
            crate::cli::DevCommand::Editor => dev::editor(&app),
            crate::cli::DevCommand::Mutants(args) => mutants::run(&app, args),
        },
        #[cfg(not(feature = "dev"))]
        Command::Dev(_) => dev_elsewhere(),
    }
}

/// `workbook dev ...` in a grader built without the `dev` feature (the learner's build, see
/// grader/Cargo.toml): the same command line, run by the grader built with it. Cargo builds
/// that one the first time (quietly, as the `cargo workbook` alias does) and reuses it after.
#[cfg(not(feature = "dev"))]
fn dev_elsewhere() -> Result<ExitCode> {
    use anyhow::{Context, bail};
    const AGAIN: &str = "WORKBOOK_DEV_FEATURE";
    if std::env::var_os(AGAIN).is_some() {
        bail!("`workbook dev` needs the grader built with `--features dev`");
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let mut command = std::process::Command::new(cargo);
    command
        .args(["run", "--quiet", "--manifest-path", manifest])
        .args([
            "--package",
            "workbook",
            "--bin",
            "workbook",
            "--features",
            "dev",
            "--",
        ])
        .args(std::env::args_os().skip(1))
        .env(AGAIN, "1");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let err = command.exec();
        Err(err).context("cannot run cargo for `workbook dev`")
    }
    #[cfg(not(unix))]
    {
        let status = command
            .status()
            .context("cannot run cargo for `workbook dev`")?;
        Ok(ExitCode::from(status.code().map_or(1, |c| c as u8)))
    }
}

pub fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

//! Watch mode (in progress: see the issue "Watch mode").

use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::cli::WatchArgs;
use crate::cmd::App;

pub fn run(_app: App, _args: WatchArgs) -> Result<ExitCode> {
    bail!("watch mode is not available in this version yet; use `cargo workbook run` to check the current exercise")
}

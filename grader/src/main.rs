use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use colored::Colorize;

fn main() -> ExitCode {
    // Colours only on a terminal, never under NO_COLOR (colored checks NO_COLOR itself).
    if !std::io::stdout().is_terminal() {
        colored::control::set_override(false);
    }
    let cli = workbook::cli::Cli::parse();
    match workbook::cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // One line: what is wrong and where. Never a backtrace.
            eprintln!(
                "{} {}",
                "error:".red().bold(),
                format!("{err:#}").replace('\n', " ")
            );
            ExitCode::from(2)
        }
    }
}

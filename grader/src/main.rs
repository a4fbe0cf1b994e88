use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use colored::Colorize;

fn main() -> ExitCode {
    // `workbook list | head`: a closed pipe ends the program quietly, as for any Unix tool,
    // instead of `println!` panicking on EPIPE (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring a signal's default disposition, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
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

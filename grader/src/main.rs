use std::io::IsTerminal;
use std::process::ExitCode;

use colored::Colorize;

fn main() -> ExitCode {
    quiet_on_closed_stdout();
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

/// A printer that finds stdout closed by its reader (EPIPE) has nothing left to say: the
/// grader exits quietly with 0, as `cargo ... | head` does, instead of panicking. SIGPIPE
/// stays ignored (Rust's default): restoring its default action would let a check that
/// closes a pipe early kill the grader, so the broken pipe is caught here, where std's
/// printers report it, and every other panic goes to the default hook as before. (Only
/// stdout's printers: a broken pipe to a check's stdin is an error the grader reports.)
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if workbook::text::is_closed_stdout(message) {
            std::process::exit(0);
        }
        default(info);
    }));
}

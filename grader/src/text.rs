//! Text for a reader: wrapping, indenting, colours, terminal links (OSC 8), ANSI stripping
//! and paths shown relative to the workbook. Presentation (`render`, `report`, `cmd`,
//! `watch`) builds every string through here, with a `Style` passed in: whether colours
//! and links are on is an argument, never global state, so one process can print coloured
//! text to a terminal and plain text to a report file.

use std::fmt::Display;
use std::path::Path;

pub use anstyle::Style as Look;
use anstyle::{AnsiColor, Effects};

/// Looks used in the workbook's output (anstyle's, so they compose: `GREEN.bold()`).
pub const BOLD: Look = Look::new().effects(Effects::BOLD);
pub const DIM: Look = Look::new().effects(Effects::DIMMED);
pub const REVERSED: Look = Look::new().effects(Effects::INVERT);
pub const GREEN: Look = Look::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
pub const RED: Look = Look::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
pub const YELLOW: Look = Look::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

/// How text is rendered: with or without colours, with or without clickable links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
    pub links: bool,
}

impl Style {
    /// For files, reports and pipes: no escape codes at all.
    pub const PLAIN: Style = Style {
        colour: false,
        links: false,
    };

    /// For standard output: colours on a terminal unless NO_COLOR (or CLICOLOR=0) says
    /// otherwise, never when piped, even under CLICOLOR_FORCE (as the workbook always did).
    /// Links go with colours: a terminal that takes one takes the other.
    pub fn stdout() -> Style {
        Style::for_stream(&std::io::stdout())
    }

    /// For standard error (progress and notes), by the same rule.
    pub fn stderr() -> Style {
        Style::for_stream(&std::io::stderr())
    }

    fn for_stream(stream: &impl anstream::stream::RawStream) -> Style {
        let colour = stream.is_terminal()
            && anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never;
        Style {
            colour,
            links: colour,
        }
    }

    /// `text` in `look`, or as it is when colours are off.
    /// Empty text stays empty, so a line can still be trimmed.
    pub fn paint(self, text: impl Display, look: Look) -> String {
        let text = text.to_string();
        if self.colour && !text.is_empty() {
            format!("{look}{text}{look:#}")
        } else {
            text
        }
    }

    /// A path the terminal can open on click (OSC 8), shown as `shown`; just `shown`
    /// when links are off.
    pub fn link(self, target: &Path, shown: &str) -> String {
        if self.links {
            format!(
                "\x1b]8;;file://{}\x1b\\{shown}\x1b]8;;\x1b\\",
                target.display()
            )
        } else {
            shown.to_string()
        }
    }

    /// Text that may carry its own escape codes (rustc's coloured messages): kept when
    /// colours are on, stripped when they are off.
    pub fn coloured(self, text: &str) -> String {
        if self.colour {
            text.to_string()
        } else {
            strip_ansi(text)
        }
    }
}

/// Prose refilled to `width` columns: runs of whitespace (newlines too) become one space,
/// lines break between words, and a word longer than the width is kept whole (a path or a
/// command must stay copyable).
pub fn wrap(text: &str, width: usize) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::fill(&words, options)
}

/// Every non-empty line indented by `by` spaces; empty lines stay empty (no trailing
/// spaces), and a trailing newline is dropped.
pub fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text without ANSI escape sequences (colours, OSC 8 links).
pub fn strip_ansi(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

/// `path` as the learner would type it: relative to the workbook root when it is inside,
/// else as it is.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// How std's `print!` family words its panic when stdout is gone.
const STDOUT_FAILED: &str = "failed printing to stdout: ";

/// Whether a panic message is a printer's finding stdout closed by its reader (EPIPE: the
/// reader of `workbook list | head` went away), and not any other failure to print.
pub fn is_closed_stdout(panic_message: &str) -> bool {
    let broken = std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string();
    let os = std::io::Error::from_raw_os_error(32).to_string();
    panic_message
        .strip_prefix(STDOUT_FAILED)
        .is_some_and(|why| why == broken || why == os)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_broken_pipe_on_stdout_is_a_closed_stdout() {
        let epipe = std::io::Error::from_raw_os_error(32);
        assert!(is_closed_stdout(&format!(
            "failed printing to stdout: {epipe}"
        )));
        let full = std::io::Error::from_raw_os_error(28);
        assert!(!is_closed_stdout(&format!(
            "failed printing to stdout: {full}"
        )));
        assert!(!is_closed_stdout(&format!(
            "failed printing to stderr: {epipe}"
        )));
        assert!(!is_closed_stdout("failed printing to stdout"));
    }

    const COLOUR: Style = Style {
        colour: true,
        links: true,
    };

    #[test]
    fn wrap_refills_prose_at_word_boundaries() {
        assert_eq!(wrap("one two  three\nfour", 9), "one two\nthree\nfour");
        assert_eq!(wrap("a b c", 80), "a b c");
        assert_eq!(wrap("", 10), "");
    }

    #[test]
    fn wrap_keeps_a_long_word_whole() {
        let path = "exercises/01_threads/threads1.rs";
        assert_eq!(
            wrap(&format!("see {path} now"), 10),
            format!("see\n{path}\nnow")
        );
    }

    #[test]
    fn wrap_counts_columns_not_bytes() {
        // "é" is two bytes, one column: the line fits.
        assert_eq!(wrap("café au lait", 12), "café au lait");
    }

    #[test]
    fn indent_leaves_empty_lines_empty() {
        assert_eq!(indent("a\n\nb\n", 2), "  a\n\n  b");
    }

    #[test]
    fn plain_style_adds_no_escape_codes() {
        let plain = Style::PLAIN;
        assert_eq!(plain.paint("ok", GREEN.bold()), "ok");
        assert_eq!(plain.link(Path::new("/w/x.rs"), "x.rs"), "x.rs");
        assert_eq!(plain.coloured("\x1b[31merror\x1b[0m: x"), "error: x");
    }

    #[test]
    fn colour_style_paints_and_links() {
        let red = COLOUR.paint("no", RED);
        assert!(red.starts_with('\x1b') && red.contains("no") && red != "no");
        assert_eq!(strip_ansi(&red), "no");
        let link = COLOUR.link(Path::new("/w/x.rs"), "x.rs");
        assert!(link.contains("file:///w/x.rs"), "{link}");
        assert_eq!(strip_ansi(&link), "x.rs");
        assert_eq!(COLOUR.coloured("\x1b[1mkept\x1b[0m"), "\x1b[1mkept\x1b[0m");
    }

    #[test]
    fn strip_ansi_removes_colours_and_keeps_text() {
        assert_eq!(strip_ansi("\x1b[1m\x1b[31merror\x1b[0m: x"), "error: x");
        assert_eq!(strip_ansi("plain ✓ text"), "plain ✓ text");
    }

    #[test]
    fn relative_strips_the_root_only_when_inside() {
        let root = Path::new("/home/me/workbook");
        assert_eq!(
            relative(root, Path::new("/home/me/workbook/exercises/a.rs")),
            "exercises/a.rs"
        );
        assert_eq!(relative(root, Path::new("/tmp/a.rs")), "/tmp/a.rs");
    }
}

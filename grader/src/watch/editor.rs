//! `e`: the current exercise in the learner's editor.
//!
//! The command is `--edit-cmd CMD`, else `$VISUAL`, else `$EDITOR`; the file's path is added
//! as its last argument (words of CMD are split at whitespace, as rustlings does). A terminal
//! editor gets the terminal as a shell would leave it (not raw, keys not read by watch mode)
//! and watch mode takes it back when the editor exits; a graphical one returns at once.

use std::path::Path;
use std::process::{Command, Stdio};

use super::terminal;

/// The editor command, if the learner has one.
pub fn command(edit_cmd: Option<&str>) -> Option<String> {
    let env = |name| std::env::var(name).ok();
    pick(edit_cmd.map(str::to_string), env("VISUAL"), env("EDITOR"))
}

fn pick(flag: Option<String>, visual: Option<String>, editor: Option<String>) -> Option<String> {
    [flag, visual, editor]
        .into_iter()
        .flatten()
        .find(|c| !c.trim().is_empty())
}

/// Opens `file` with `cmd` and waits for it; the message to show after.
pub fn open(cmd: &str, file: &Path, raw: bool) -> String {
    let mut words = cmd.split_whitespace();
    let Some(program) = words.next() else {
        return "The editor command is empty.".into();
    };
    let mut command = Command::new(program);
    command.args(words).arg(file);
    if !raw {
        // Keys come from a pipe that watch mode reads: the editor must not take them.
        command.stdin(Stdio::null());
    }
    match terminal::suspended(raw, || command.status()) {
        Ok(status) if status.success() => format!("Opened {} with `{cmd}`.", file.display()),
        Ok(status) => format!("`{cmd}` ended with {status}."),
        Err(e) => format!("Cannot run `{cmd}`: {e}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_visual_then_editor() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(pick(s("code -w"), s("vim"), s("nano")), s("code -w"));
        assert_eq!(pick(None, s("vim"), s("nano")), s("vim"));
        assert_eq!(pick(None, s(" "), s("nano")), s("nano"));
        assert_eq!(pick(None, None, None), None);
    }

    #[test]
    fn the_file_is_the_last_argument() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.rs");
        let msg = open("touch", &file, false);
        assert!(file.exists(), "{msg}");
        assert!(open("false", &file, false).contains("ended with"));
        assert!(open("/no/such/editor", &file, false).contains("Cannot run"));
    }
}

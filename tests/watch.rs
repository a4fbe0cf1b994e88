//! Watch mode, driven as a learner would: saves in place and by rename, a save during a
//! running check, and progress on disk. Input is piped, so each line sent is keys.

mod common;
use common::{copy_tree, repo, shared_target};

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Session {
    child: Child,
    stdin: ChildStdin,
    out: Arc<Mutex<String>>,
}

impl Session {
    fn start(root: &Path) -> Session {
        Session::start_with(root, &[])
    }

    fn start_with(root: &Path, args: &[&str]) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .arg("watch")
            .args(args)
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env("WORKBOOK_TARGET_DIR", shared_target())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let out = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Session { child, stdin, out }
    }

    /// Waits until the output (from `from` on) contains `what`; returns the end offset.
    fn wait_for(&self, what: &str, from: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            {
                let s = self.out.lock().unwrap();
                if let Some(at) = s[from..].find(what) {
                    return from + at + what.len();
                }
            }
            let so_far = self.out.lock().unwrap().clone();
            assert!(
                Instant::now() < deadline,
                "`{what}` never appeared; output:\n{so_far}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn len(&self) -> usize {
        self.out.lock().unwrap().len()
    }

    fn keys(&mut self, keys: &str) {
        writeln!(self.stdin, "{keys}").unwrap();
        self.stdin.flush().unwrap();
    }
}

/// A save by rename, as vim with backups or JetBrains "safe write" do.
fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("rs.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// A copy of the workbook to drive, so that saves and progress stay in a temporary dir.
fn workbook_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in ["info.toml", "exercises", "solutions", "tests"] {
        copy_tree(&repo().join(entry), &dir.path().join(entry));
    }
    dir
}

#[test]
fn saves_are_graded_in_order_and_progress_is_recorded() {
    let dir = workbook_copy();
    let wb = workbook::workbook::Workbook::open(dir.path()).unwrap();
    let ex = wb.catalogue.exercises[0].clone();
    let file = dir.path().join(&ex.path);
    let shipped = std::fs::read_to_string(&file).unwrap();
    let solution = std::fs::read_to_string(dir.path().join(ex.solution_path())).unwrap();
    let failing = ex.fails_with.headline();

    let mut s = Session::start(dir.path());
    // The first exercise is shown and checked at once.
    let mut at = s.wait_for(&format!("{}: {failing}", ex.name), 0);

    // A failing save, in place.
    std::fs::write(&file, format!("{shipped}\n// still working on it\n")).unwrap();
    at = s.wait_for("Checking...", at);
    at = s.wait_for(&format!("{}: {failing}", ex.name), at);

    // A passing save, by rename.
    save_by_rename(&file, &solution);
    at = s.wait_for(&format!("{}: pass", ex.name), at);
    let state = std::fs::read_to_string(dir.path().join(".workbook-state.toml")).unwrap();
    assert!(
        state.contains(&format!("\"{}\"", ex.name)),
        "not recorded as done: {state}"
    );

    // A save during a running check is graded after it, with the newest contents: the
    // verdict ends as the newest file's, and the stale one is not shown in between.
    std::fs::write(&file, &shipped).unwrap();
    at = s.wait_for("Checking...", at);
    std::fs::write(&file, &solution).unwrap();
    let pass_at = s.wait_for(&format!("{}: pass", ex.name), at);
    let between = s.out.lock().unwrap()[at..pass_at].to_string();
    assert!(between.contains("Checking..."), "{between}");

    // `n` moves on to the next exercise, which is checked at once.
    let next = wb.catalogue.exercises[1].clone();
    let before = s.len();
    s.keys("n");
    s.wait_for(
        &format!("{}: {}", next.name, next.fails_with.headline()),
        before,
    );

    s.keys("q");
    let status = s.child.wait().unwrap();
    assert!(status.success());
}

/// The manners a newcomer tries first: `e` opens the exercise with the editor command, a hint
/// shows on `h` and gives way once the exercise passes, and the list's search jumps.
#[test]
fn edit_hint_and_list_search_behave_as_a_newcomer_expects() {
    let dir = workbook_copy();
    let wb = workbook::workbook::Workbook::open(dir.path()).unwrap();
    let ex = wb.catalogue.exercises[0].clone();
    let file = dir.path().join(&ex.path);
    let solution = std::fs::read_to_string(dir.path().join(ex.solution_path())).unwrap();

    // A fake editor: records the path it was given.
    let opened = dir.path().join("opened.txt");
    let editor = dir.path().join("fake-editor.sh");
    std::fs::write(
        &editor,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    let cmd = format!("sh {}", editor.display());
    let mut s = Session::start_with(dir.path(), &["--edit-cmd", &cmd]);
    let mut at = s.wait_for(&format!("{}: {}", ex.name, ex.fails_with.headline()), 0);

    s.keys("e");
    at = s.wait_for("Opened ", at);
    let got = std::fs::read_to_string(&opened).expect("the editor command was not run");
    assert_eq!(Path::new(&got), file, "the editor got another path");

    s.keys("h");
    let hint = format!("Hint 1 of {}:", ex.hints.len());
    at = s.wait_for(&hint, at);

    // A pass: the hint gives way (to the solution's pointer), on this screen and the next.
    save_by_rename(&file, &solution);
    at = s.wait_for(&format!("{}: pass", ex.name), at);
    s.keys("r");
    let end = s.wait_for(&format!("{}: pass", ex.name), at);
    let after = s.out.lock().unwrap()[at..end].to_string();
    assert!(
        !after.contains(&hint),
        "the hint is still shown after a pass:\n{after}"
    );

    // `l`, `/` and a few letters of another exercise's name, Enter twice (end the search,
    // then open the row): that exercise becomes the current one and is checked.
    let target = wb.catalogue.exercises[2].clone();
    s.keys("l");
    s.keys(&format!("/{}", target.name));
    s.keys("");
    s.keys("");
    s.wait_for(
        &format!("{}: {}", target.name, target.fails_with.headline()),
        end,
    );

    s.keys("q");
    assert!(s.child.wait().unwrap().success());
}

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
        let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
            .arg("watch")
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

#[test]
fn saves_are_graded_in_order_and_progress_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    for entry in ["info.toml", "exercises", "solutions", "tests"] {
        copy_tree(&repo().join(entry), &dir.path().join(entry));
    }
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

//! The learner's workbook and progress, and every rule that changes them: which exercise is
//! next, revealing a hint, recording a verdict, resetting an exercise. The commands (`cmd`)
//! and watch mode (`watch`) both go through `App`, so each rule is written once and the two
//! never disagree (as rustlings 6's `AppState` owns every change of its state).

use std::cell::OnceCell;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::catalogue::Exercise;
use crate::state::State;
use crate::verdict::Outcome;
use crate::workbook::Workbook;

/// What every command works on: the workbook and the learner's progress.
pub struct App {
    pub workbook: Workbook,
    pub state: State,
    /// Which git revision holds the shipped files, found on the first reset: `reset --all`
    /// would otherwise ask git once per exercise.
    shipped: OnceCell<String>,
}

/// What revealing a hint did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reveal {
    /// Hint levels revealed now, counting the new one.
    pub shown: usize,
    pub total: usize,
    /// Every level was already revealed: nothing new was shown.
    pub nothing_new: bool,
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
        Ok(App::new(workbook, state))
    }

    pub fn new(workbook: Workbook, state: State) -> App {
        App {
            workbook,
            state,
            shipped: OnceCell::new(),
        }
    }

    pub fn exercises(&self) -> &[Exercise] {
        &self.workbook.catalogue.exercises
    }

    /// The exercise to work on: the first one not done (None when all are done).
    pub fn current(&self) -> Option<&Exercise> {
        self.next_pending(None).map(|i| &self.exercises()[i])
    }

    /// The named exercise, or the current one.
    pub fn pick(&self, name: Option<&str>) -> Result<&Exercise> {
        match name {
            Some(name) => self.workbook.exercise(name),
            None => self.current().ok_or_else(|| {
                anyhow::anyhow!(
                    "every exercise is done; name one, e.g. `workbook run {}`",
                    self.exercises()[0].name
                )
            }),
        }
    }

    /// The one rule for "next exercise": the first exercise not done after `after`, in
    /// catalogue order, wrapping around to the start (so `after` itself comes last); with
    /// no `after`, the first not done. None when every exercise is done.
    ///
    /// It wraps because a learner who skipped ahead (watch's list, `run NAME`) must still be
    /// led back to what they skipped rather than told they are finished; rustlings does the same.
    pub fn next_pending(&self, after: Option<usize>) -> Option<usize> {
        let count = self.exercises().len();
        let start = after.map_or(0, |i| (i + 1).min(count));
        (start..count)
            .chain(0..start)
            .find(|&i| !self.state.is_done(&self.exercises()[i].name))
    }

    pub fn is_done(&self, name: &str) -> bool {
        self.state.is_done(name)
    }

    pub fn done_count(&self) -> usize {
        self.exercises()
            .iter()
            .filter(|e| self.is_done(&e.name))
            .count()
    }

    pub fn hints_shown(&self, name: &str) -> usize {
        self.state.hints_shown(name)
    }

    /// Reveals the exercise's next hint level (at most its last) and saves.
    pub fn reveal_hint(&mut self, name: &str) -> Result<Reveal> {
        let total = self.workbook.exercise(name)?.hints.len();
        let before = self.state.hints_shown(name);
        let shown = self.state.reveal_hint(name, total);
        self.state.save()?;
        Ok(Reveal {
            shown,
            total,
            nothing_new: before >= total,
        })
    }

    /// Records a verdict of the learner's own file: the exercise is done when it passes and
    /// pending when it does not. Saves when that changed; returns whether it did.
    pub fn record(&mut self, outcome: &Outcome) -> Result<bool> {
        let changed = self
            .state
            .record(&outcome.exercise, outcome.verdict.passed());
        if changed {
            self.state.save()?;
        }
        Ok(changed)
    }

    /// Whether the learner's file differs from the shipped one (missing counts as different).
    pub fn modified(&self, exercise: &Exercise) -> Result<bool> {
        let shipped = self.shipped_text(exercise)?;
        let current = std::fs::read_to_string(self.workbook.root.join(&exercise.path)).ok();
        Ok(current.as_deref() != Some(shipped.as_str()))
    }

    fn shipped_text(&self, exercise: &Exercise) -> Result<String> {
        let root = &self.workbook.root;
        let rev = match self.shipped.get() {
            Some(rev) => rev,
            None => {
                let rev = shipped_revision(root)?;
                self.shipped.get_or_init(|| rev)
            }
        };
        shipped_text(root, rev, &exercise.path)
    }

    /// The one rule for reset: the exercise's file is restored as shipped, the exercise is
    /// pending again and its hints are hidden again; saved. Returns whether the file changed.
    pub fn reset(&mut self, exercise: &Exercise) -> Result<bool> {
        let shipped = self.shipped_text(exercise)?;
        let path = self.workbook.root.join(&exercise.path);
        let changed = std::fs::read_to_string(&path).ok().as_deref() != Some(shipped.as_str());
        if changed {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, shipped)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        self.state.record(&exercise.name, false);
        self.state.hints.remove(&exercise.name);
        self.state.save()?;
        Ok(changed)
    }
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("cannot run git")
}

/// The shipped version is the one in the repository the workbook was cloned from
/// (`origin/HEAD`), or else in the last commit: a learner who commits their work can still
/// get the original back.
fn shipped_revision(root: &Path) -> Result<String> {
    for rev in ["origin/HEAD", "HEAD"] {
        let out = git(root, &["rev-parse", "--verify", "--quiet", rev])?;
        if out.status.success() {
            return Ok(rev.to_string());
        }
    }
    bail!(
        "reset needs the workbook to be a git clone with at least one commit ({} is not)",
        root.display()
    )
}

fn shipped_text(root: &Path, rev: &str, path: &Path) -> Result<String> {
    let spec = format!("{rev}:{}", path.display());
    let out = git(root, &["show", &spec])?;
    if !out.status.success() {
        bail!("{} is not in {rev}: it cannot be restored", path.display());
    }
    String::from_utf8(out.stdout).with_context(|| format!("{spec} is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::verdict::Verdict;

    const EXERCISES: [&str; 4] = ["one", "two", "three", "four"];

    /// A workbook of four exercises in a temporary directory, committed to git as shipped.
    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let mut info = String::new();
        for name in EXERCISES {
            info.push_str(&format!(
                "[[exercises]]\nname = \"{name}\"\npath = \"exercises/01_t/{name}.rs\"\n\
                 topic = \"t\"\nchecks = [\"test\"]\npoints = 1\nfails_with = \"test-failed\"\n\
                 hints = [\"first\", \"second\"]\n\n"
            ));
            let file = dir.path().join(format!("exercises/01_t/{name}.rs"));
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, format!("// TODO {name}\n")).unwrap();
        }
        std::fs::write(dir.path().join("info.toml"), info).unwrap();
        let workbook = Workbook::open(dir.path()).unwrap();
        let state = State::load(dir.path()).unwrap();
        (dir, App::new(workbook, state))
    }

    fn git_commit(dir: &Path) {
        for args in [
            &["init", "-q"][..],
            &["add", "-A"],
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-qm",
                "shipped",
            ],
        ] {
            assert!(git(dir, args).unwrap().status.success(), "git {args:?}");
        }
    }

    fn outcome(name: &str, verdict: Verdict) -> Outcome {
        Outcome {
            exercise: name.into(),
            verdict,
            duration: Duration::ZERO,
        }
    }

    fn pass(app: &mut App, name: &str) {
        app.record(&outcome(name, Verdict::Pass)).unwrap();
    }

    #[test]
    fn next_pending_goes_forward_then_wraps_around() {
        let (_dir, mut app) = app();
        assert_eq!(app.next_pending(None), Some(0));
        assert_eq!(app.current().unwrap().name, "one");
        pass(&mut app, "one");
        pass(&mut app, "three");
        assert_eq!(app.current().unwrap().name, "two");
        assert_eq!(app.next_pending(Some(0)), Some(1));
        // Skipped ahead to `three` and passed it: on to `four`, then back to `two`.
        assert_eq!(app.next_pending(Some(2)), Some(3));
        pass(&mut app, "four");
        assert_eq!(app.next_pending(Some(3)), Some(1));
        // The exercise itself comes last, when it is the only one left.
        assert_eq!(app.next_pending(Some(1)), Some(1));
        pass(&mut app, "two");
        assert_eq!(app.next_pending(Some(1)), None);
        assert!(app.current().is_none());
    }

    #[test]
    fn record_marks_done_and_pending_and_saves_only_changes() {
        let (dir, mut app) = app();
        assert!(app.record(&outcome("two", Verdict::Pass)).unwrap());
        assert!(!app.record(&outcome("two", Verdict::Pass)).unwrap());
        assert!(State::load(dir.path()).unwrap().is_done("two"));
        assert_eq!(app.done_count(), 1);
        let failed = Verdict::error("no");
        assert!(app.record(&outcome("two", failed)).unwrap());
        assert!(!State::load(dir.path()).unwrap().is_done("two"));
    }

    #[test]
    fn reveal_hint_goes_one_level_at_a_time_up_to_the_last() {
        let (dir, mut app) = app();
        let first = app.reveal_hint("one").unwrap();
        assert_eq!((first.shown, first.total, first.nothing_new), (1, 2, false));
        let second = app.reveal_hint("one").unwrap();
        assert_eq!((second.shown, second.nothing_new), (2, false));
        let again = app.reveal_hint("one").unwrap();
        assert_eq!((again.shown, again.nothing_new), (2, true));
        assert_eq!(State::load(dir.path()).unwrap().hints_shown("one"), 2);
        assert!(app.reveal_hint("nope").is_err());
    }

    #[test]
    fn reset_restores_the_file_marks_pending_and_hides_hints() {
        let (dir, mut app) = app();
        git_commit(dir.path());
        let ex = app.exercises()[1].clone();
        let file = dir.path().join(&ex.path);
        std::fs::write(&file, "// my attempt\n").unwrap();
        pass(&mut app, &ex.name);
        app.reveal_hint(&ex.name).unwrap();
        assert!(app.modified(&ex).unwrap());

        assert!(app.reset(&ex).unwrap());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "// TODO two\n");
        assert!(!app.modified(&ex).unwrap());
        for state in [&app.state, &State::load(dir.path()).unwrap()] {
            assert!(!state.is_done(&ex.name));
            assert_eq!(state.hints_shown(&ex.name), 0);
        }
        // Already as shipped: the file is left alone, the progress rule still applies.
        pass(&mut app, &ex.name);
        assert!(!app.reset(&ex).unwrap());
        assert!(!app.is_done(&ex.name));
    }

    #[test]
    fn reset_without_git_is_an_error_and_changes_nothing() {
        let (dir, mut app) = app();
        let ex = app.exercises()[0].clone();
        pass(&mut app, &ex.name);
        let err = app.reset(&ex).unwrap_err().to_string();
        assert!(err.contains("git clone"), "{err}");
        assert!(State::load(dir.path()).unwrap().is_done(&ex.name));
    }
}

//! Watch mode: regrade on every save, never lose one, guide the learner through.
//!
//! Threads: the file watcher and the key reader send events; a worker thread runs checks;
//! this loop owns all state and redraws. A save that arrives while a check runs is
//! remembered and regraded, with the newest contents, as soon as that check ends; a burst of
//! events from one save (write, rename, close) is folded into one check by a short quiet
//! period. When an exercise passes, the screen points to its solution and `n` moves on (the
//! learner decides when: they may want to read the solution first). Progress changes go
//! through `App`, with the same rules as the commands (watch never imports `cmd`).

mod editor;
mod files;
mod list;
mod screen;
mod terminal;
mod warm;

use std::collections::{HashMap, VecDeque};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::app::App;
use crate::catalogue::Exercise;
use crate::checks::Checker;
use crate::cli::WatchArgs;
use crate::text::Style;
use crate::verdict::Outcome;
use crate::workbook::SourceSet;
use list::{Action, ListView};
use terminal::Key;

/// Editors write a save as several events within a few milliseconds.
const QUIET: Duration = Duration::from_millis(40);

const WATCH_FAILED: &str = "cannot watch the exercise files";
const MANUAL_TIP: &str = "try `cargo workbook watch --manual` (press r or Enter to check)";

#[derive(Debug)]
pub enum Event {
    Saved(usize),
    Key(Key),
    Resize,
    Graded(Outcome),
    Progress(usize, String),
    AllChecked(Vec<Outcome>),
    Warm(warm::Warm),
}

enum Job {
    Grade(usize),
    CheckAll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    List(ListView),
    ConfirmReset,
}

pub struct Watch {
    pub app: App,
    /// The exercise on screen.
    pub current: usize,
    pub last: Option<Outcome>,
    pub running: Option<usize>,
    pub check_all: Option<(usize, String)>,
    pub mode: Mode,
    pub message: Option<String>,
    pub manual: bool,
    /// The command `e` opens the exercise with (`--edit-cmd`, `$VISUAL`, `$EDITOR`).
    pub edit_cmd: Option<String>,
    /// The background build of loom and trybuild, while it runs (or if it failed).
    pub warming: Option<String>,
    /// Colours and links, decided once for the terminal watch draws on.
    pub style: Style,
    pub all_done: bool,
    /// A save that came during a check: graded when it ends.
    rerun: Option<usize>,
    /// A save waiting for its quiet period to end.
    dirty: Option<(usize, Instant)>,
    queued: VecDeque<Key>,
    jobs: Sender<Job>,
    tty: bool,
    raw: bool,
}

pub fn run(app: App, args: WatchArgs) -> Result<ExitCode> {
    let (tx, rx) = mpsc::channel();
    let (sandbox, mode) = crate::sandbox::from_request(args.sandbox)?;
    if let Some(note) = crate::sandbox::notice(&mode, args.sandbox) {
        eprintln!("{note}");
    }
    let mut checker = app.workbook.checker(SourceSet::Exercises)?;
    checker.sandbox = sandbox;
    checker.stress_budget = Some(crate::checks::SAVE_STRESS_BUDGET);
    let exercises = app.workbook.catalogue.exercises.clone();
    let sources: Vec<_> = exercises
        .iter()
        .map(|e| app.workbook.source(e, SourceSet::Exercises))
        .collect();
    let _watcher = if args.manual {
        None
    } else {
        let files: HashMap<_, _> = sources
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, p)| (p, i))
            .collect();
        let dir = app.workbook.root.join("exercises");
        Some(
            files::watch(&dir, files, tx.clone())
                .with_context(|| format!("{WATCH_FAILED}; {MANUAL_TIP}"))?,
        )
    };
    let warm = warm::spawn(checker.harness.clone(), tx.clone());
    let jobs = worker(checker, exercises, sources, tx.clone(), warm);
    let guard = terminal::Guard::new();
    terminal::read_keys(guard.is_raw(), tx);
    let tty = std::io::stdout().is_terminal();
    let current = app.next_pending(None).unwrap_or(0);
    let mut w = Watch {
        app,
        current,
        last: None,
        running: None,
        check_all: None,
        mode: Mode::Normal,
        message: None,
        manual: args.manual,
        edit_cmd: editor::command(args.edit_cmd.as_deref()),
        warming: None,
        style: Style::stdout(),
        all_done: false,
        rerun: None,
        dirty: None,
        queued: VecDeque::new(),
        jobs,
        tty,
        raw: guard.is_raw(),
    };
    w.start(w.current);
    w.event_loop(&rx)?;
    drop(guard);
    println!();
    Ok(ExitCode::SUCCESS)
}

/// Runs checks one at a time, off the loop's thread, so keys and saves are never blocked.
fn worker(
    checker: Checker,
    exercises: Vec<Exercise>,
    sources: Vec<std::path::PathBuf>,
    tx: Sender<Event>,
    warm: Sender<()>,
) -> Sender<Job> {
    let (jobs, rx) = mpsc::channel::<Job>();
    thread::spawn(move || {
        // The warm-up starts once the first check has ended (it would slow it down).
        let mut warm = Some(warm);
        for job in rx {
            let event = match job {
                Job::Grade(i) => Event::Graded(checker.check(&exercises[i], &sources[i])),
                Job::CheckAll => {
                    let mut all = Vec::new();
                    for (i, ex) in exercises.iter().enumerate() {
                        let _ = tx.send(Event::Progress(i, ex.name.clone()));
                        all.push(checker.check(ex, &sources[i]));
                    }
                    Event::AllChecked(all)
                }
            };
            if tx.send(event).is_err() {
                return;
            }
            if let Some(go) = warm.take() {
                let _ = go.send(());
            }
        }
    });
    jobs
}

impl Watch {
    fn event_loop(&mut self, rx: &Receiver<Event>) -> Result<()> {
        self.draw();
        loop {
            let timeout = match self.dirty {
                Some((_, at)) => QUIET.saturating_sub(at.elapsed()),
                None => Duration::from_secs(3600),
            };
            match rx.recv_timeout(timeout) {
                Ok(Event::Saved(i)) => {
                    if self.busy() {
                        self.rerun = Some(i);
                    } else {
                        self.dirty = Some((i, Instant::now()));
                    }
                    continue;
                }
                Ok(Event::Key(key)) => {
                    if !self.key(key)? {
                        return Ok(());
                    }
                }
                Ok(Event::Resize) => {}
                Ok(Event::Graded(outcome)) => self.graded(outcome)?,
                Ok(Event::Progress(i, name)) => self.check_all = Some((i + 1, name)),
                Ok(Event::AllChecked(outcomes)) => self.all_checked(outcomes)?,
                Ok(Event::Warm(state)) => self.warming = state.line(),
                Err(RecvTimeoutError::Timeout) => {
                    if let Some((i, _)) = self.dirty.take() {
                        self.start(i);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
            self.draw();
        }
    }

    fn busy(&self) -> bool {
        self.running.is_some() || self.check_all.is_some()
    }

    fn start(&mut self, index: usize) {
        self.current = index;
        self.running = Some(index);
        self.dirty = None;
        let _ = self.jobs.send(Job::Grade(index));
        self.draw();
    }

    fn graded(&mut self, outcome: Outcome) -> Result<()> {
        self.running = None;
        self.app.record(&outcome)?;
        self.all_done = self.app.current().is_none();
        // A pass answers whatever the last message asked for (`n` waits for a pass).
        if outcome.verdict.passed() {
            self.message = None;
        }
        self.last = Some(outcome);
        if let Some(i) = self.rerun.take() {
            self.start(i);
            return Ok(());
        }
        while let Some(key) = self.queued.pop_front() {
            if !self.key(key)? || self.busy() {
                break;
            }
        }
        Ok(())
    }

    fn all_checked(&mut self, outcomes: Vec<Outcome>) -> Result<()> {
        self.check_all = None;
        for o in &outcomes {
            self.app.record(o)?;
        }
        let passed = outcomes.iter().filter(|o| o.verdict.passed()).count();
        self.all_done = self.app.current().is_none();
        self.message = Some(format!("Checked all: {passed}/{} pass.", outcomes.len()));
        if let Some(first) = self.app.next_pending(None) {
            self.current = first;
            self.last = outcomes.into_iter().nth(first);
        }
        if let Some(i) = self.rerun.take() {
            self.start(i);
        }
        Ok(())
    }

    /// Handles a key; returns false to quit.
    fn key(&mut self, key: Key) -> Result<bool> {
        if matches!(key, Key::Interrupt | Key::Char('q')) && self.mode == Mode::Normal
            || key == Key::Interrupt
        {
            return Ok(false);
        }
        // A message answers the last key and stays until the next one, not until the next
        // check: the check a reset starts (and the save its own write causes) must not
        // wipe "Restored ... as shipped." before the learner reads it.
        self.message = None;
        match &mut self.mode {
            Mode::List(view) => {
                let app = &self.app;
                let done = |name: &str| app.is_done(name);
                match view.key(key, &app.workbook.catalogue.exercises, &done) {
                    Action::Stay => {}
                    Action::Open(selected) => {
                        self.mode = Mode::Normal;
                        if self.busy() {
                            self.queued.push_back(Key::Enter);
                            self.current = selected;
                        } else {
                            self.start(selected);
                        }
                    }
                    Action::Close => self.mode = Mode::Normal,
                }
            }
            Mode::ConfirmReset => {
                self.mode = Mode::Normal;
                if key == Key::Char('y') {
                    let ex = self.app.workbook.catalogue.exercises[self.current].clone();
                    match self.app.reset(&ex) {
                        Ok(changed) => {
                            self.start(self.current);
                            self.message = Some(if changed {
                                format!("Restored {} as shipped.", ex.path.display())
                            } else {
                                format!("{} was already as shipped.", ex.path.display())
                            });
                        }
                        Err(e) => self.message = Some(format!("Reset failed: {e:#}")),
                    }
                } else {
                    self.message = Some("Nothing was reset.".into());
                }
            }
            Mode::Normal => {
                let needs_grader = matches!(key, Key::Char('n' | 'r' | 'c' | 'x') | Key::Enter);
                if needs_grader && self.busy() {
                    // Kept, not lost: handled when the running check ends.
                    if key == Key::Char('r') || key == Key::Enter {
                        self.rerun = Some(self.current);
                    } else {
                        self.queued.push_back(key);
                    }
                    return Ok(true);
                }
                match key {
                    Key::Char('h') => {
                        let name = self.name().to_string();
                        if self.app.reveal_hint(&name)?.nothing_new {
                            self.message = Some("That is the last hint.".into());
                        }
                    }
                    Key::Char('l') => self.mode = Mode::List(ListView::new(self.current)),
                    Key::Char('e') => {
                        let file = self
                            .app
                            .workbook
                            .root
                            .join(&self.app.exercises()[self.current].path);
                        self.message = Some(match &self.edit_cmd {
                            Some(cmd) => editor::open(cmd, &file, self.raw),
                            None => "`e` opens the exercise in your editor: set $EDITOR, or start \
                                     with `cargo workbook watch --edit-cmd CMD`."
                                .into(),
                        });
                    }
                    Key::Char('r') | Key::Enter => self.start(self.current),
                    Key::Char('n') => self.next(),
                    Key::Char('c') => {
                        self.check_all = Some((0, String::new()));
                        let _ = self.jobs.send(Job::CheckAll);
                    }
                    Key::Char('x') => self.mode = Mode::ConfirmReset,
                    _ => {}
                }
            }
        }
        Ok(true)
    }

    fn next(&mut self) {
        let passed = self
            .last
            .as_ref()
            .is_some_and(|o| o.verdict.passed() && o.exercise == self.name());
        if !passed {
            self.message =
                Some("`n` moves on once this exercise passes (or pick one with `l`).".into());
            return;
        }
        match self.app.next_pending(Some(self.current)) {
            Some(i) => self.start(i),
            None => {
                self.all_done = true;
            }
        }
    }

    fn name(&self) -> &str {
        &self.app.workbook.catalogue.exercises[self.current].name
    }

    fn draw(&self) {
        let rows = crossterm::terminal::size()
            .map(|(_, r)| r as usize)
            .unwrap_or(40);
        let text = screen::draw(self, rows);
        let mut out = std::io::stdout().lock();
        if self.tty {
            // Clear and home, then the screen.
            let _ = write!(out, "\x1b[2J\x1b[H");
        } else {
            let _ = writeln!(out, "\n----");
        }
        let text = if self.raw {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
}

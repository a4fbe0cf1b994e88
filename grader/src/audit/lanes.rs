//! The audit of many exercises side by side, one worker per core (`audit_all`).
//!
//! cargo holds a lock on a target directory for as long as it builds there, so two builds in
//! one target directory take turns: each worker builds in a target directory of its own, its
//! *lane*. Lane 0 is the workbook's own target directory (where `verify`, `run` and `watch`
//! build): every solution is built there, so `verify --solutions` after the audit finds them
//! built. Lane 1 builds every shipped file: the `exercises/` and `solutions/` packages are each
//! built by one worker only, never by two at once. Answers (each a package of its own) go to
//! lane `exercise index % lanes`, so a rerun finds most of them built where they were; a
//! worker whose lane is done takes the last answers of another lane and builds them in its own.
//!
//! loom, trybuild and their dependencies are built in every lane before the workers start, so
//! no file's build waits for them. A worker runs one loom model at a time (every limit is
//! wall-clock time: two workers each running several models would slow each other's), as
//! `grade --jobs` does. A file whose verdict differs from the one it declares because a time
//! limit was reached (a timeout, a loom model out of time) is graded once more at the end,
//! alone, as a one-worker audit grades every file: that verdict is its finding. No other
//! verdict is graded again.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, anyhow, bail};

use super::{Answer, Finding, answers, grade_answer};
use crate::build::{self, Build};
use crate::catalogue::{CheckMode, Exercise};
use crate::checks::{COLD_BUILD_TIMEOUT, Checker};
use crate::harness::{Harness, LOOM_DEPS_BIN, TRYBUILD_BIN};
use crate::verdict::VerdictKind;
use crate::workbook::{SourceSet, Workbook};

/// How many files the audit grades at once by default: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The cargo target directory of `lane`: `base` (the workbook's own) for lane 0, a
/// directory inside it for each other.
pub fn lane_target(base: &Path, lane: usize) -> PathBuf {
    if lane == 0 {
        base.to_path_buf()
    } else {
        base.join(format!("audit-lane-{lane}"))
    }
}

/// One file to grade: `exercise` is its index in the audited list.
#[derive(Clone, Copy)]
enum File {
    Shipped(usize),
    Solution(usize),
    Answer(usize, usize),
}

impl File {
    fn exercise(self) -> usize {
        match self {
            File::Shipped(e) | File::Solution(e) | File::Answer(e, _) => e,
        }
    }

    /// Where the file's finding goes among its exercise's (shipped, solution, answers...).
    fn place(self) -> usize {
        match self {
            File::Shipped(_) => 0,
            File::Solution(_) => 1,
            File::Answer(_, a) => 2 + a,
        }
    }
}

/// What one worker grades with: the two source sets' checkers, built in its lane.
struct Lane {
    index: usize,
    target_dir: PathBuf,
    parallel: usize,
    shipped: Checker,
    solved: Checker,
}

/// Grades the shipped file, the solution and every recorded answer of each of `exercises`,
/// `jobs` files at a time, calling `report` as each file is graded. Returns each exercise's
/// findings in the order `super::audit` gives them (shipped, solution, answers sorted), in
/// the order of `exercises`, or the error that stopped its audit (an unreadable answer).
pub fn audit_all(
    wb: &Workbook,
    exercises: &[&Exercise],
    jobs: usize,
    report: &(dyn Fn(&Finding) + Sync),
) -> Result<Vec<Result<Vec<Finding>>>> {
    let lanes = jobs.max(1);
    let several = lanes > 1;
    // Each source set's harness is prepared once, for every exercise, before any build.
    let shipped = wb.checker(SourceSet::Exercises)?;
    let solved = wb.checker(SourceSet::Solutions)?;
    let lanes: Vec<Lane> = (0..lanes)
        .map(|index| {
            let target_dir = lane_target(&shipped.harness.target_dir, index);
            // Every worker runs its models one at a time when there are several workers.
            let parallel = (shipped.parallel / lanes).max(1);
            let in_lane = |checker: &Checker| {
                let mut checker = checker.clone();
                checker.harness.target_dir = target_dir.clone();
                checker.parallel = parallel;
                checker
            };
            Lane {
                index,
                shipped: in_lane(&shipped),
                solved: in_lane(&solved),
                target_dir: target_dir.clone(),
                parallel,
            }
        })
        .collect();
    // Only loom and compile-fail builds need them: a std-only audit never waits for them.
    if exercises
        .iter()
        .any(|e| e.has(CheckMode::Loom) || e.has(CheckMode::CompileFail))
    {
        warm_up(wb, &lanes)?;
    }

    let recorded: Vec<Result<Vec<Answer>>> = exercises.iter().map(|e| answers(wb, e)).collect();
    let mut queues: Vec<VecDeque<File>> = vec![VecDeque::new(); lanes.len()];
    let mut slots: Vec<Vec<Option<Result<Finding>>>> = Vec::new();
    for (e, found) in recorded.iter().enumerate() {
        queues[1 % lanes.len()].push_back(File::Shipped(e));
        queues[0].push_back(File::Solution(e));
        let count = found.as_ref().map_or(0, Vec::len);
        for a in 0..count {
            queues[e % lanes.len()].push_back(File::Answer(e, a));
        }
        slots.push((0..2 + count).map(|_| None).collect());
    }
    let queues = Mutex::new(queues);
    let slots = Mutex::new(slots);

    std::thread::scope(|scope| {
        let workers: Vec<_> = lanes
            .iter()
            .map(|lane| {
                let (queues, slots, recorded) = (&queues, &slots, &recorded);
                scope.spawn(move || {
                    while let Some(file) = next(queues, lane.index) {
                        let e = file.exercise();
                        let exercise = exercises[e];
                        let graded = match file {
                            File::Shipped(_) => Ok(shipped_finding(wb, exercise, &lane.shipped)),
                            File::Solution(_) => Ok(solution_finding(wb, exercise, &lane.solved)),
                            File::Answer(_, a) => {
                                let answer = &recorded[e].as_ref().expect("queued answers")[a];
                                answer_finding(
                                    wb,
                                    exercise,
                                    answer,
                                    &lane.target_dir,
                                    lane.parallel,
                                )
                            }
                        };
                        // Reported once graded alone (below), if at all.
                        if let Ok(f) = &graded
                            && !(several && hit_time_limit(f))
                        {
                            report(f);
                        }
                        slots.lock().unwrap_or_else(|e| e.into_inner())[e][file.place()] =
                            Some(graded);
                    }
                })
            })
            .collect();
        for worker in workers {
            // A panic in a check is a bug in the grader: the caller sees it as it was.
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });

    let mut slots = slots.into_inner().unwrap_or_else(|e| e.into_inner());
    if several {
        regrade_alone(
            wb, exercises, &recorded, &mut slots, &shipped, &solved, report,
        );
    }
    Ok(slots
        .into_iter()
        .zip(recorded)
        .map(|(files, found)| -> Result<Vec<Finding>> {
            // The first error in the exercise's order, as one file after another would stop at.
            let findings = files
                .into_iter()
                .map(|graded| graded.unwrap_or_else(|| Err(anyhow!("a file was not graded"))))
                .collect::<Result<Vec<Finding>>>()?;
            found.map(|_| findings)
        })
        .collect())
}

/// Whether `finding` is a mismatch because a time limit was reached (a check process's, a
/// loom model's), or a stress test could not get its threads to run at once: on a machine
/// shared with other workers, that may be the others' doing.
fn hit_time_limit(finding: &Finding) -> bool {
    !finding.ok()
        && matches!(
            finding.outcome.verdict.kind(),
            VerdictKind::TimedOut | VerdictKind::LoomLimit | VerdictKind::Inconclusive
        )
}

/// Grades again, one at a time with nothing else graded meanwhile (as a one-worker audit
/// grades every file: the workbook's own target directory, its models side by side), each
/// file whose mismatch was a time limit reached while other files were graded; its verdict
/// alone is the finding. Every other verdict stands as the workers found it.
fn regrade_alone(
    wb: &Workbook,
    exercises: &[&Exercise],
    recorded: &[Result<Vec<Answer>>],
    slots: &mut [Vec<Option<Result<Finding>>>],
    shipped: &Checker,
    solved: &Checker,
    report: &(dyn Fn(&Finding) + Sync),
) {
    let again: Vec<(usize, usize)> = slots
        .iter()
        .enumerate()
        .flat_map(|(e, files)| {
            files
                .iter()
                .enumerate()
                .filter_map(move |(place, graded)| match graded {
                    Some(Ok(f)) if hit_time_limit(f) => Some((e, place)),
                    _ => None,
                })
        })
        .collect();
    if again.is_empty() {
        return;
    }
    eprintln!(
        "grading {} file{} again, alone: {} time limit was reached while other files were graded",
        again.len(),
        if again.len() == 1 { "" } else { "s" },
        if again.len() == 1 { "its" } else { "their" }
    );
    for (e, place) in again {
        let exercise = exercises[e];
        let graded = match place {
            0 => Ok(shipped_finding(wb, exercise, shipped)),
            1 => Ok(solution_finding(wb, exercise, solved)),
            a => {
                let answer = &recorded[e].as_ref().expect("graded answers")[a - 2];
                answer_finding(
                    wb,
                    exercise,
                    answer,
                    &solved.harness.target_dir,
                    solved.parallel,
                )
            }
        };
        if let Ok(f) = &graded {
            report(f);
        }
        slots[e][place] = Some(graded);
    }
}

/// The next file for the worker of `lane`: its own lane's next, else the last answer of the
/// lane with most left (answers are packages of their own; the source sets' packages stay
/// with their lanes, so that no package is built by two workers at once).
fn next(queues: &Mutex<Vec<VecDeque<File>>>, lane: usize) -> Option<File> {
    let mut queues = queues.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(file) = queues[lane].pop_front() {
        return Some(file);
    }
    let mut order: Vec<usize> = (0..queues.len()).collect();
    order.sort_by_key(|&l| std::cmp::Reverse(queues[l].len()));
    for other in order {
        let queue = &mut queues[other];
        if let Some(i) = queue.iter().rposition(|f| matches!(f, File::Answer(..))) {
            return queue.remove(i);
        }
    }
    None
}

/// Builds loom, trybuild and their dependencies in every lane (a no-op once built): in lane 0,
/// then in the others side by side, each seeded with lane 0's build of them first (`seed`).
fn warm_up(wb: &Workbook, lanes: &[Lane]) -> Result<()> {
    let Some((first, others)) = lanes.split_first() else {
        return Ok(());
    };
    build_deps(wb, first)?;
    std::thread::scope(|scope| {
        let builds: Vec<_> = others
            .iter()
            .map(|lane| {
                scope.spawn(move || -> Result<()> {
                    seed(&first.target_dir, &lane.target_dir)?;
                    build_deps(wb, lane)
                })
            })
            .collect();
        builds.into_iter().try_for_each(|b| {
            b.join()
                .unwrap_or_else(|_| Err(anyhow!("a warm-up build panicked")))
        })
    })
}

/// Builds the checkers' crates in `lane`, through a package of the lane's own.
fn build_deps(wb: &Workbook, lane: &Lane) -> Result<()> {
    let mut harness = Harness::new(
        &wb.scratch(),
        &format!("audit-deps-{}", lane.index),
        &wb.checks_dir(),
    );
    harness.target_dir = lane.target_dir.clone();
    harness.prepare(&[])?;
    // Each checker's crates are behind a feature of their own: a bin of each.
    let bins = [TRYBUILD_BIN.to_string(), LOOM_DEPS_BIN.to_string()];
    match build::build(&harness, &bins, COLD_BUILD_TIMEOUT)? {
        Build::Built(_) => Ok(()),
        Build::Rejected { errors, .. } => bail!(
            "cannot build the grader's dependencies: {}",
            errors.first().map(|e| e.rendered.as_str()).unwrap_or("")
        ),
        Build::TimedOut { seconds } => {
            bail!("building the grader's dependencies took over {seconds} s")
        }
        Build::Failed(message) => bail!("cannot build the grader's dependencies: {message}"),
    }
}

/// A new lane starts from a copy of lane 0's dependencies (loom, trybuild and theirs: no
/// harness package's files), so that they are compiled once, not once per lane. Only a
/// start: cargo still checks each against its fingerprint and rebuilds what it cannot use
/// (measured: all 55 reused). Copied whole into a temporary directory, then renamed into
/// place, so that an interrupted copy is never taken for a build.
fn seed(from: &Path, to: &Path) -> Result<()> {
    let (from, to) = (from.join("debug"), to.join("debug"));
    if to.exists() || !from.is_dir() {
        return Ok(());
    }
    let partial = to.with_file_name("debug.seeding");
    let _ = std::fs::remove_dir_all(&partial);
    for sub in [".fingerprint", "build", "deps"] {
        copy_tree(&from.join(sub), &partial.join(sub), &|name: &str| {
            !name.contains("--workbook-") && !name.starts_with("workbook-")
        })
        .with_context(|| format!("cannot seed {} from {}", to.display(), from.display()))?;
    }
    std::fs::rename(&partial, &to)
        .with_context(|| format!("cannot seed {} from {}", to.display(), from.display()))
}

/// Copies the entries of `from` that `keep` names, recursively, keeping modification times
/// (cargo compares them).
fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&str) -> bool) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if !keep(&name.to_string_lossy()) {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&source, &dest, &|_| true)?;
        } else if kind.is_file() {
            std::fs::copy(&source, &dest)?;
            let modified = entry.metadata()?.modified()?;
            std::fs::File::options()
                .write(true)
                .open(&dest)?
                .set_modified(modified)?;
        }
    }
    Ok(())
}

fn shipped_finding(wb: &Workbook, exercise: &Exercise, checker: &Checker) -> Finding {
    let file = wb.source(exercise, SourceSet::Exercises);
    Finding {
        exercise: exercise.name.clone(),
        what: "shipped".into(),
        outcome: checker.check(exercise, &file),
        file,
        expected: exercise.fails_with,
    }
}

fn solution_finding(wb: &Workbook, exercise: &Exercise, checker: &Checker) -> Finding {
    let file = wb.source(exercise, SourceSet::Solutions);
    Finding {
        exercise: exercise.name.clone(),
        what: "solution".into(),
        outcome: checker.check(exercise, &file),
        file,
        expected: VerdictKind::Pass,
    }
}

fn answer_finding(
    wb: &Workbook,
    exercise: &Exercise,
    answer: &Answer,
    target_dir: &Path,
    parallel: usize,
) -> Result<Finding> {
    let exercise = &answer.exercise(exercise);
    let outcome = grade_answer(wb, exercise, &answer.name, &answer.code, |checker| {
        checker.harness.target_dir = target_dir.to_path_buf();
        checker.parallel = parallel;
    })?;
    Ok(Finding {
        exercise: exercise.name.clone(),
        what: answer.name.clone(),
        file: answer.file.clone(),
        expected: answer.expected,
        outcome,
    })
}

//! Grading submissions: each student's exercise files, checked with the grader's own
//! catalogue, checks and build settings, under limits. Returns scores as data; reports
//! (`report/`) turn them into text, JSON, JUnit, CSV or Gradescope's format.
//!
//! Speed: every exercise of a submission is compiled as a module of one crate (one rustc run
//! for all, several times faster than one per exercise); each exercise's checks still run in
//! a process of their own (`--exercise NAME`), judged from the runner's evidence. Exercises whose code does not
//! compile are taken out of that crate, and each is then checked on its own, exactly as
//! `workbook run` would, so a broken exercise costs only its own points and its verdict reads
//! the same as the learner's. A file whose verdict is cached (`cache`) never enters that
//! crate: it is neither built nor run again.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::build::{self, Build};
use crate::cache::{self, Cache, Claims};
use crate::catalogue::{CheckMode, Exercise};
use crate::checks::{Checker, Targets};
use crate::harness::{COMBINED_BIN, COMBINED_LOOM_BIN, Harness, TRYBUILD_BIN, TRYBUILD_CARGO_BIN};
use crate::submission::{self, Submission, Taken};
use crate::verdict::{Outcome, Verdict};
use crate::workbook::Workbook;

/// Default memory limit of each check process (address space): generous for any correct
/// answer (loom models included), small enough that a runaway allocation ends quickly.
pub const DEFAULT_MEMORY_MIB: u64 = 2048;
/// A submission's build, once dependencies are built (`warm_up`): a learner's code cannot
/// make rustc legitimately this slow.
const WARM_BUILD_TIMEOUT: Duration = Duration::from_secs(180);
/// Rounds of taking non-compiling exercises out of the combined crate: rustc stops at the
/// first failing phase, so errors of later phases show in later rounds.
const MAX_ROUNDS: usize = 4;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides each exercise's own time limit, per check run.
    pub timeout: Option<Duration>,
    pub memory_bytes: Option<u64>,
    /// A teacher's extra checks, laid out like `tests/checks/`.
    pub extra_checks: Option<PathBuf>,
    /// The sandbox of student code (None: `--sandbox off`).
    pub sandbox: Option<crate::sandbox::Sandbox>,
    /// `--no-cache`: grade every file, even one graded before.
    pub no_cache: bool,
    /// `--seed N`: every file's checks draw from N, not from the seed made of its cache key
    /// (`cache::seed`). Part of the cache key: a verdict under one seed never answers another.
    pub seed: Option<u64>,
}

/// One exercise of one submission.
#[derive(Debug, Clone, Serialize)]
pub struct Graded {
    #[serde(flatten)]
    pub outcome: Outcome,
    pub points: u32,
    pub max_points: u32,
    /// The gate's integrity flags (`unsafe (line 12)`): information for a reviewer, never
    /// a verdict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// The verdict came from the cache: the same verdict, with its original duration.
    #[serde(default)]
    pub cached: bool,
    /// The seed the file's checks drew their inputs from (`--seed`, or the file's own, made
    /// of its cache key); None for a file never built (refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// The grader's version and the catalogue's (with check files, limits and sandbox), as hashes:
/// shards' reports merge only when both agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Fingerprint {
    pub grader: String,
    pub catalogue: String,
}

/// One submission's grades, in catalogue order.
#[derive(Debug, Clone)]
pub struct SubmissionGrade {
    pub name: String,
    /// Its place among all the submissions of the run (the command line's order, counting
    /// those of other shards): merged shards are put back in this order.
    pub index: usize,
    pub path: PathBuf,
    pub exercises: Vec<Graded>,
    pub duration: Duration,
}

impl SubmissionGrade {
    pub fn score(&self) -> u32 {
        self.exercises.iter().map(|g| g.points).sum()
    }

    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(|g| g.max_points).sum()
    }

    /// Every exercise's integrity flags on one line (`send_bound: unsafe (line 12); ...`),
    /// empty if none: what the csv and text reports show.
    pub fn flags_line(&self) -> String {
        self.exercises
            .iter()
            .filter(|g| !g.flags.is_empty())
            .map(|g| format!("{}: {}", g.outcome.exercise, g.flags.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

pub struct Grader<'a> {
    pub workbook: &'a Workbook,
    /// The exercises graded, with the check modes a teacher's extra checks add.
    pub exercises: Vec<Exercise>,
    options: Options,
    pub cache: Cache,
    /// Per exercise, what decides its verdict besides the student's file (`cache::context`).
    contexts: Vec<String>,
}

impl<'a> Grader<'a> {
    pub fn new(workbook: &'a Workbook, exercises: Vec<Exercise>, options: Options) -> Grader<'a> {
        let exercises = exercises
            .into_iter()
            .map(|e| with_extra_modes(e, options.extra_checks.as_deref()))
            .collect::<Vec<_>>();
        let cache = if options.no_cache {
            Cache::disabled()
        } else {
            Cache::new(&workbook.scratch())
        };
        let mut grader = Grader {
            workbook,
            exercises,
            options,
            cache,
            contexts: Vec::new(),
        };
        let harness = grader.harness(0);
        let mut limits = format!(
            "timeout {:?} memory {:?}",
            grader.options.timeout, grader.options.memory_bytes
        );
        // Only with `--seed`, so that the default keys (and caches) stay what they were.
        if let Some(seed) = grader.options.seed {
            limits.push_str(&format!(" seed {seed:#018x}"));
        }
        let sandbox = grader
            .options
            .sandbox
            .map_or_else(|| "off".to_string(), |s| s.mode());
        grader.contexts = grader
            .exercises
            .iter()
            .map(|e| cache::context(e, &harness.check_dirs(e), &limits, &sandbox))
            .collect();
        grader
    }

    /// What a report needs to refuse merging shards graded differently: the grader's version
    /// and everything but the students' files that decides a verdict (catalogue entries,
    /// check files, limits, sandbox).
    pub fn fingerprint(&self) -> Fingerprint {
        let parts: Vec<&[u8]> = self.contexts.iter().map(|c| c.as_bytes()).collect();
        Fingerprint {
            grader: cache::grader_fingerprint().to_string(),
            catalogue: cache::hash(&parts),
        }
    }

    fn harness(&self, slot: usize) -> Harness {
        Harness::new(
            &self.workbook.scratch(),
            &format!("grade-{slot}"),
            &self.workbook.checks_dir(),
        )
        .with_extra_checks(self.options.extra_checks.clone())
    }

    fn slot_dir(&self, slot: usize) -> PathBuf {
        self.workbook
            .scratch()
            .join("grade")
            .join(format!("slot-{slot}"))
    }

    /// Builds the dependencies (loom, trybuild) once, before any submission, so that no
    /// submission's build time limit includes them (a cold build takes a minute or more).
    pub fn warm_up(&self) -> Result<()> {
        // A package of its own that never changes, so that this is a no-op once built.
        let harness = Harness::new(
            &self.workbook.scratch(),
            "grade-deps",
            &self.workbook.checks_dir(),
        );
        harness.prepare(&[])?;
        match build::build(
            &harness,
            &[TRYBUILD_BIN.to_string()],
            crate::checks::COLD_BUILD_TIMEOUT,
        )? {
            Build::Built(_) => Ok(()),
            Build::Rejected { errors, .. } => anyhow::bail!(
                "cannot build the grader's dependencies: {}",
                errors.first().map(|e| e.rendered.as_str()).unwrap_or("")
            ),
            Build::TimedOut { seconds } => {
                anyhow::bail!("building the grader's dependencies took over {seconds} s")
            }
            Build::Failed(message) => {
                anyhow::bail!("cannot build the grader's dependencies: {message}")
            }
        }
    }

    /// Grades one submission in scratch slot `slot` (slots must not be shared by two
    /// submissions at once; see `SlotLock`).
    pub fn grade(&self, slot: usize, submission: &Submission) -> Result<SubmissionGrade> {
        let started = Instant::now();
        let copies = submission::copies_dir(&self.slot_dir(slot));
        let harness = self.harness(slot);
        let mut checker = Checker::new(harness.clone(), &copies);
        checker.timeout = self.options.timeout;
        checker.memory_bytes = self.options.memory_bytes;
        checker.build_timeout = WARM_BUILD_TIMEOUT;
        checker.sandbox = self.options.sandbox;
        checker.parallel = 1;

        let mut taken = Vec::new();
        let mut flags = Vec::new();
        let mut keys = Vec::new();
        let mut cached = Vec::new();
        // Files another worker is grading right now: left out of this build, and their
        // verdicts taken after this submission's own (`cache::Claims`).
        let mut claims = Claims::new(&self.cache);
        let mut elsewhere = Vec::new();
        // Each file's checks draw their inputs from a seed made of what decides its verdict
        // (`cache::seed`): grading the same file again gives the same verdict, cached or not,
        // and the student's file is part of it, so no file can be written for its own seed.
        // `--seed N` replaces it (and is part of every context, hence of every key).
        let mut seeds = Vec::new();
        for (exercise, context) in self.exercises.iter().zip(&self.contexts) {
            let (file, found) = gated(exercise, submission.take(exercise, &copies)?);
            let bytes = match &file {
                Taken::File(path) => fs::read(path).ok(),
                Taken::Refused(_) => None,
            };
            seeds.push(
                bytes
                    .as_deref()
                    .map(|b| self.options.seed.unwrap_or_else(|| cache::seed(context, b))),
            );
            let key = bytes
                .as_deref()
                .filter(|_| self.cache.enabled())
                .map(|b| cache::key(context, b));
            let hit = key
                .as_deref()
                .and_then(|k| self.cache.get(&exercise.name, k));
            elsewhere.push(match (&hit, key.as_deref()) {
                (None, Some(k)) => !claims.claim(k),
                _ => false,
            });
            cached.push(hit);
            keys.push(key);
            taken.push(file);
            flags.push(found);
        }
        let sources: Vec<(&Exercise, PathBuf)> = self
            .exercises
            .iter()
            .zip(&taken)
            .zip(cached.iter().zip(&elsewhere))
            .filter_map(|((e, t), (hit, elsewhere))| match (t, hit, elsewhere) {
                (Taken::File(path), None, false) => Some((e, path.clone())),
                _ => None,
            })
            .collect();
        let (members, targets) = self.build_combined(&harness, &checker, &sources)?;

        // This submission's own files first (settling its claims), then the ones another
        // worker was grading: by then this worker holds no claim anyone could wait on.
        let mut outcomes: Vec<Option<(Outcome, bool)>> = Vec::new();
        for (i, exercise) in self.exercises.iter().enumerate() {
            let from_cache = cached[i].is_some();
            checker.seed = seeds[i];
            let outcome = match (&taken[i], cached[i].take(), elsewhere[i]) {
                (_, Some(hit), _) => hit,
                (Taken::File(_), None, true) => {
                    outcomes.push(None);
                    continue;
                }
                (Taken::Refused(why), None, _) => refused(exercise, why),
                (Taken::File(source), None, false) => {
                    once_more_if_inconclusive(|| match &targets {
                        Some(built) if members.contains(exercise.name.as_str()) => {
                            checker.check_built(exercise, source, built)
                        }
                        _ => checker.check(exercise, source),
                    })
                }
            };
            if let (Some(key), false) = (&keys[i], from_cache) {
                self.cache.put(key, &outcome);
            }
            outcomes.push(Some((outcome, from_cache)));
        }
        drop(claims);
        for (i, slot) in outcomes.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            let (exercise, key) = (&self.exercises[i], keys[i].as_deref().unwrap_or_default());
            *slot = Some(match self.cache.wait_for(&exercise.name, key) {
                Some(hit) => (hit, true),
                // Its worker failed, or the verdict may not be reused: grade it here.
                None => match &taken[i] {
                    Taken::File(source) => {
                        checker.seed = seeds[i];
                        let outcome = once_more_if_inconclusive(|| checker.check(exercise, source));
                        self.cache.put(key, &outcome);
                        (outcome, false)
                    }
                    Taken::Refused(why) => (refused(exercise, why), false),
                },
            });
        }

        let mut exercises = Vec::new();
        let each = self.exercises.iter().zip(outcomes).zip(flags).zip(seeds);
        for (((exercise, slot), flags), seed) in each {
            let (outcome, from_cache) = slot.expect("every exercise has an outcome");
            let max_points = exercise.points;
            let points = if outcome.verdict.passed() {
                max_points
            } else {
                0
            };
            exercises.push(Graded {
                outcome,
                points,
                max_points,
                flags,
                cached: from_cache,
                seed,
            });
        }
        Ok(SubmissionGrade {
            name: submission.name.clone(),
            index: 0,
            path: submission.path.clone(),
            exercises,
            duration: started.elapsed(),
        })
    }

    /// Builds the combined targets for as many exercises as compile together. Returns the
    /// exercises they hold and the targets (None if nothing was built that way).
    fn build_combined<'e>(
        &self,
        harness: &Harness,
        checker: &Checker,
        sources: &[(&'e Exercise, PathBuf)],
    ) -> Result<(BTreeSet<&'e str>, Option<Targets>)> {
        let mut members: BTreeSet<&str> = sources.iter().map(|(e, _)| e.name.as_str()).collect();
        for _ in 0..MAX_ROUNDS {
            if members.is_empty() {
                break;
            }
            let names: Vec<&str> = members.iter().copied().collect();
            harness.prepare_combined(sources, Some(&names))?;
            let in_crate = |mode| {
                sources
                    .iter()
                    .any(|(e, _)| members.contains(e.name.as_str()) && e.has(mode))
            };
            let mut bins = vec![COMBINED_BIN.to_string()];
            let loom = in_crate(CheckMode::Loom);
            if loom {
                bins.push(COMBINED_LOOM_BIN.to_string());
            }
            let trybuild = in_crate(CheckMode::CompileFail);
            if trybuild {
                bins.push(TRYBUILD_BIN.to_string());
                bins.push(TRYBUILD_CARGO_BIN.to_string());
            }
            // Each member's compile_pass cases are bins of their own, built with the rest.
            let mut pass_bins: Vec<(&str, String)> = Vec::new();
            for (e, _) in sources
                .iter()
                .filter(|(e, _)| members.contains(e.name.as_str()))
            {
                for case in harness.pass_cases(e)? {
                    pass_bins.push((e.name.as_str(), case.bin));
                }
            }
            bins.extend(pass_bins.iter().map(|(_, b)| b.clone()));
            match build::build(harness, &bins, checker.build_timeout)? {
                Build::Built(exes) => {
                    let pass: Vec<String> = pass_bins.into_iter().map(|(_, b)| b).collect();
                    let targets = Targets {
                        std: exes[COMBINED_BIN].clone(),
                        loom: loom.then(|| exes[COMBINED_LOOM_BIN].clone()),
                        trybuild: trybuild.then(|| exes[TRYBUILD_BIN].clone()),
                        passes: crate::checks::pass_builds(&pass, &exes, &[]),
                        combined: true,
                    };
                    return Ok((members, Some(targets)));
                }
                Build::Rejected { errors, .. } => {
                    let culprits: Vec<&str> = sources
                        .iter()
                        .filter(|(e, source)| {
                            let mut dirs = harness.check_dirs(e);
                            dirs.push(harness.copies_dir(false).join(&e.name));
                            dirs.push(harness.copies_dir(true).join(&e.name));
                            errors.iter().any(|err| {
                                // A compile_pass case of its own that does not compile.
                                let own_case = pass_bins.iter().any(|(name, bin)| {
                                    *name == e.name && err.target.as_deref() == Some(bin)
                                });
                                own_case
                                    || err.files.iter().any(|f| {
                                        f == source || dirs.iter().any(|d| f.starts_with(d))
                                    })
                            })
                        })
                        .map(|(e, _)| e.name.as_str())
                        .filter(|n| members.contains(n))
                        .collect();
                    if culprits.is_empty() {
                        // An error no exercise owns (two exercises' items clashing, say):
                        // check each one on its own.
                        break;
                    }
                    for name in culprits {
                        members.remove(name);
                    }
                }
                Build::TimedOut { .. } | Build::Failed(_) => break,
            }
        }
        Ok((BTreeSet::new(), None))
    }
}

/// The gate, before a file enters the combined crate: a refused file is `Rejected` and stays
/// out of it, so its constructs reach no other exercise's checks. Returns the flags.
/// The verdict of a file the gate (or the submission's layout) refused: never built.
/// `check`'s outcome, checked once more if it was inconclusive (a stress test whose threads
/// never ran at once proved nothing either way: on a busy machine, graded next to other
/// workers, that is the load's doing, not the student's); the second verdict stands, and
/// stays out of the cache if it is inconclusive too, as every inconclusive verdict does
/// (`cache::Cache::put`). The time shown is both runs'.
fn once_more_if_inconclusive(mut check: impl FnMut() -> Outcome) -> Outcome {
    let first = check();
    if !matches!(first.verdict, Verdict::Inconclusive { .. }) {
        return first;
    }
    let mut again = check();
    again.duration += first.duration;
    again
}

fn refused(exercise: &Exercise, why: &str) -> Outcome {
    Outcome {
        exercise: exercise.name.clone(),
        verdict: Verdict::Rejected {
            message: why.to_string(),
        },
        duration: Duration::ZERO,
    }
}

fn gated(exercise: &Exercise, taken: Taken) -> (Taken, Vec<String>) {
    let Taken::File(path) = &taken else {
        return (taken, Vec::new());
    };
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            return (
                Taken::Refused(format!("cannot read the file: {e}")),
                Vec::new(),
            );
        }
    };
    match crate::gate::inspect(&text, &exercise.allow) {
        Ok(findings) => (taken, findings.flag_strings()),
        Err(refusal) => (Taken::Refused(refusal.to_string()), Vec::new()),
    }
}

/// A teacher's extra checks can add check modes to an exercise: `test.rs` adds `test`,
/// `loom.rs` adds `loom`, `compile_fail/` or `compile_pass/` add `compile-fail`.
fn with_extra_modes(mut exercise: Exercise, extra: Option<&Path>) -> Exercise {
    let Some(dir) = extra.map(|d| d.join(&exercise.name)) else {
        return exercise;
    };
    let mut add = |mode: CheckMode, present: bool| {
        if present && !exercise.checks.contains(&mode) {
            exercise.checks.push(mode);
        }
    };
    add(CheckMode::Test, dir.join("test.rs").is_file());
    add(CheckMode::Loom, dir.join("loom.rs").is_file());
    add(
        CheckMode::CompileFail,
        dir.join("compile_fail").is_dir() || dir.join("compile_pass").is_dir(),
    );
    exercise.checks.sort();
    exercise
}

/// An exclusive claim on a scratch slot, held while a submission is graded there: two
/// `workbook grade` runs at once (or two workers of one) never share generated files.
pub struct SlotLock {
    pub slot: usize,
    _file: fs::File,
}

impl SlotLock {
    /// The first free slot, waiting for none.
    pub fn acquire(workbook: &Workbook) -> Result<SlotLock> {
        let dir = workbook.scratch().join("grade");
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for slot in 0.. {
            let path = dir.join(format!("slot-{slot}.lock"));
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            if try_lock(&file) {
                return Ok(SlotLock { slot, _file: file });
            }
        }
        unreachable!("slots are unbounded")
    }
}

fn try_lock(file: &fs::File) -> bool {
    // Released when the file is closed, also if the grader is killed.
    file.try_lock().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(verdict: Verdict) -> Outcome {
        Outcome {
            exercise: "spinlock".into(),
            verdict,
            duration: Duration::from_secs(7),
        }
    }

    fn inconclusive() -> Verdict {
        Verdict::Inconclusive {
            check: "test".into(),
            failures: Vec::new(),
        }
    }

    #[test]
    fn an_inconclusive_verdict_is_checked_once_more_and_the_second_stands() {
        let mut runs = vec![outcome(Verdict::Pass), outcome(inconclusive())];
        let got = once_more_if_inconclusive(|| runs.pop().expect("at most two runs"));
        assert_eq!(got.verdict, Verdict::Pass);
        assert_eq!(got.duration, Duration::from_secs(14), "both runs' time");
        assert!(runs.is_empty(), "checked twice");

        let mut runs = vec![outcome(inconclusive()), outcome(inconclusive())];
        let got = once_more_if_inconclusive(|| runs.pop().expect("at most two runs"));
        assert!(
            matches!(got.verdict, Verdict::Inconclusive { .. }),
            "never a third time"
        );
        assert!(!cache::cacheable(&got.verdict), "and kept out of the cache");
    }

    #[test]
    fn any_other_verdict_is_checked_once() {
        let mut runs = vec![outcome(inconclusive()), outcome(Verdict::Pass)];
        let got = once_more_if_inconclusive(|| runs.pop().expect("at most two runs"));
        assert_eq!(got.verdict, Verdict::Pass);
        assert_eq!(runs.len(), 1, "checked once");
    }

    fn graded(name: &str, flags: &[&str]) -> Graded {
        Graded {
            outcome: Outcome {
                exercise: name.into(),
                verdict: Verdict::Pass,
                duration: Duration::ZERO,
            },
            points: 1,
            max_points: 1,
            flags: flags.iter().map(|f| f.to_string()).collect(),
            cached: false,
            seed: None,
        }
    }

    #[test]
    fn the_flags_line_names_each_flagged_exercise() {
        let grade = SubmissionGrade {
            name: "ada".into(),
            index: 0,
            path: PathBuf::from("ada"),
            exercises: vec![
                graded("a", &["unsafe (line 3)", "fs (line 9)"]),
                graded("b", &[]),
                graded("c", &["net (line 1)"]),
            ],
            duration: Duration::ZERO,
        };
        assert_eq!(
            grade.flags_line(),
            "a: unsafe (line 3), fs (line 9); c: net (line 1)"
        );
        let json = serde_json::to_value(&grade.exercises[1]).unwrap();
        assert!(json.get("flags").is_none(), "{json}");
    }
}

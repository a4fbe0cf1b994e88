//! Every shipped loom exercise that fails with an interleaving or a deadlock is explained:
//! the verdict lists the failing schedule's steps, and its steps and its reading name the
//! racing operations with their lines in the learner's file.
//!
//! Expected lines are found by searching the exercise file for the statement's text, so
//! edits elsewhere in a file (comments, new helpers) do not break these tests.

mod common;

use workbook::verdict::{Step, Verdict, VerdictKind};
use workbook::workbook::{SourceSet, Workbook};

/// Per exercise: statements (text unique to their line in the shipped file) that the
/// explanation must name: each is found in the steps, and the reading names its line.
const RACES: &[(&str, &[&str])] = &[
    (
        "mutex_counter",
        &[
            "let last = *self.last.lock()",
            "*self.last.lock().unwrap() = ticket",
        ],
    ),
    (
        "rwlock_cache",
        &["let table = self.table.read()", "self.table.write()"],
    ),
    (
        "bank_transfer",
        &["from.balance.lock()", "to.balance.lock()"],
    ),
    (
        "try_lock_backoff",
        &["account.balance.try_lock()", "to.balance.lock()"],
    ),
    (
        "condvar_queue",
        &[
            "self.job_ready.notify_one()",
            "let mut jobs = self.jobs.lock()",
            "self.job_ready.wait(",
        ],
    ),
    (
        "lost_wakeup",
        &["self.opened.notify_all()", "self.opened.wait("],
    ),
    ("bounded_queue", &["self.changed.notify_one()"]),
    ("atomic_counter", &["self.hits.load(", "self.hits.store("]),
    (
        "cas_withdraw",
        &["self.balance.load(", "self.balance.fetch_sub("],
    ),
    (
        "cas_loop",
        &["self.peak_micros.load(", "self.peak_micros.store("],
    ),
    (
        "publish",
        &[
            "self.ready.store(",
            "self.ready.load(",
            "self.offset.store(",
            "offset: self.offset.load(",
        ],
    ),
    (
        "spinlock",
        &[
            ".compare_exchange_weak(false, true",
            "self.lock.locked.store(false",
        ],
    ),
    (
        "store_buffering",
        &[
            "self.worker_sleeping.store(",
            "self.work_posted.load(",
            "self.work_posted.store(",
            "self.worker_sleeping.load(",
        ],
    ),
    (
        "relaxed_flag",
        &[
            "self.finished.store(",
            "self.finished.load(",
            "self.rows.fetch_add(",
            "Some(self.rows.load(",
        ],
    ),
    (
        "treiber_stack",
        &["let head = self.head.load(", "self.head.store(node"],
    ),
    (
        "spsc_ring",
        &[
            "ring.tail.store(",
            "let tail = ring.tail.load(",
            "(*ring.slots[head % ring.slots.len()].get()).assume_init_read()",
        ],
    ),
    (
        "quiz_bank",
        &[
            "let mut source = self.accounts[from].lock()",
            "let mut target = self.accounts[to].lock()",
        ],
    ),
    (
        "quiz_job_queue",
        // A pop waits on a closed, empty queue after every other thread is done: the wait is
        // the whole story (the notify before it was the same thread's own push).
        &["state = self.not_empty.wait("],
    ),
    (
        "my_arc",
        // The last owner's drop: a Relaxed decrement with no Acquire fence orders nothing.
        &["if self.inner().owners.fetch_sub(1, Ordering::Relaxed) == 1"],
    ),
    (
        "semaphore",
        // An acquire waits for a release that never notifies.
        &["permits = self.released.wait(permits)"],
    ),
    (
        "my_weak",
        // An upgrade reads the value the last strong drop is dropping.
        &[
            "unsafe { &*inner(&self.inner).value.get() }",
            "ManuallyDrop::drop(&mut *inner(&self.inner).value.get())",
        ],
    ),
    (
        "park_mutex",
        // A waiter parks while the lock says LOCKED; the unlock stores UNLOCKED and wakes
        // nobody: the park is never unparked.
        &["thread::park();"],
    ),
    (
        "my_condvar",
        // A notify between the waiter's unlock and its notes: the waiter parks, never unparked.
        &["thread::park();"],
    ),
    (
        "quiz_channel",
        // A receiver waits for a message after the last sender went without a word.
        &["state = ch.not_empty.wait(state)"],
    ),
    (
        "atomic_rwlock",
        // Two readers at once: a load and a store lose one reader's count, and the unlocks
        // take out more than went in.
        &["self.lock.state.fetch_sub(2, Ordering::Relaxed)"],
    ),
];

/// The 1-based lines of `text` containing `statement` (outside comments); at least one.
fn lines_of(text: &str, statement: &str, file: &str) -> Vec<usize> {
    let found: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(statement) && !l.trim_start().starts_with("//"))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(!found.is_empty(), "`{statement}` is on no line of {file}");
    found
}

fn explanation(verdict: &Verdict) -> Option<(&[Step], Option<&str>)> {
    match verdict {
        Verdict::Interleaving { steps, reading, .. } | Verdict::Deadlock { steps, reading, .. } => {
            Some((steps, reading.as_deref()))
        }
        _ => None,
    }
}

#[test]
fn every_failing_loom_exercise_explains_its_race_with_the_learners_lines() {
    let wb = Workbook::open(&common::repo()).unwrap();
    let mut checker = wb.checker(SourceSet::Exercises).unwrap();
    // One seed for both runs below: checks draw their inputs from it (publish's calibration).
    checker.seed = Some(0x5eed);
    let only: Vec<String> = std::env::var("WORKBOOK_ONLY")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let mut covered = 0;
    for exercise in &wb.catalogue.exercises {
        let explained = matches!(
            exercise.fails_with,
            VerdictKind::Interleaving | VerdictKind::Deadlock
        );
        if !exercise.has(workbook::catalogue::CheckMode::Loom) || !explained {
            continue;
        }
        if !only.is_empty() && !only.contains(&exercise.name) {
            continue;
        }
        let Some((_, statements)) = RACES.iter().find(|(name, _)| *name == exercise.name) else {
            problems.push(format!(
                "{}: no entry in RACES (tests/explain.rs)",
                exercise.name
            ));
            continue;
        };
        covered += 1;
        let path = exercise.path.display().to_string();
        let text = std::fs::read_to_string(wb.root.join(&exercise.path)).unwrap();
        let outcome = checker.check(exercise, &wb.source(exercise, SourceSet::Exercises));
        let shown = workbook::render::details(&outcome.verdict);
        let Some((steps, reading)) = explanation(&outcome.verdict) else {
            problems.push(format!(
                "{}: not an interleaving or deadlock:\n{shown}",
                exercise.name
            ));
            continue;
        };
        let Some(reading) = reading else {
            problems.push(format!("{}: no reading:\n{shown}", exercise.name));
            continue;
        };
        for statement in *statements {
            // A statement on several lines (two `notify_one()` calls): one of them will do.
            let lines = lines_of(&text, statement, &path);
            let at: Vec<String> = lines.iter().map(|l| format!("{path}:{l}")).collect();
            if !steps
                .iter()
                .any(|s| s.location.as_ref().is_some_and(|l| at.contains(l)))
            {
                problems.push(format!(
                    "{}: no step at {at:?} (`{statement}`):\n{shown}",
                    exercise.name
                ));
            }
            let named = lines.iter().any(|line| {
                let name = format!("line {line}");
                reading.match_indices(&name).any(|(i, _)| {
                    !reading[i + name.len()..].starts_with(|c: char| c.is_ascii_digit())
                })
            });
            if !named {
                problems.push(format!(
                    "{}: the reading names none of lines {lines:?} (`{statement}`):\n{reading}",
                    exercise.name
                ));
            }
        }
        // The same code and seed give the same steps: loom explores in a fixed order.
        let again = checker.check(exercise, &wb.source(exercise, SourceSet::Exercises));
        if explanation(&again.verdict) != explanation(&outcome.verdict) {
            problems.push(format!(
                "{}: a second run explained it differently",
                exercise.name
            ));
        }
    }
    assert!(
        covered > 0 || !only.is_empty(),
        "no loom exercise fails with an interleaving or a deadlock"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn the_json_report_carries_the_steps_and_the_reading() {
    let wb = Workbook::open(&common::repo()).unwrap();
    let exercise = wb.exercise("publish").unwrap();
    let checker = wb.checker(SourceSet::Exercises).unwrap();
    let outcome = checker.check(exercise, &wb.source(exercise, SourceSet::Exercises));
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["kind"], "interleaving");
    let steps = json["steps"].as_array().expect("steps");
    assert!(
        steps.iter().any(|s| s["action"] == "store"
            && s["object"] == "ready"
            && s["ordering"] == "Relaxed")
    );
    assert!(
        steps
            .iter()
            .all(|s| s["thread"].is_string() && s["text"].is_string())
    );
    assert!(json["reading"].as_str().unwrap().contains("ready"));

    let exercise = wb.exercise("bank_transfer").unwrap();
    let outcome = checker.check(exercise, &wb.source(exercise, SourceSet::Exercises));
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["kind"], "deadlock");
    for t in json["threads"].as_array().unwrap() {
        assert_eq!(t["holds"].as_array().map(Vec::len), Some(1), "{t}");
        assert!(t["waits_for"].is_string(), "{t}");
    }
}

/// A data race on an `UnsafeCell` (the shim's tracked `std::cell`): spsc_ring's consumer
/// hands an emptied slot back with a Relaxed store of `head`, so the producer's next write
/// into the slot is not ordered after the consumer's read. The verdict, its steps and its
/// reading name both accesses' lines.
#[test]
fn a_data_race_on_an_unsafe_cell_names_both_accesses() {
    let wb = Workbook::open(&common::repo()).unwrap();
    let exercise = wb.exercise("spsc_ring").unwrap();
    let answer = workbook::audit::answers(&wb, exercise)
        .unwrap()
        .into_iter()
        .find(|a| a.name == "wrong_relaxed_head_store")
        .expect("the recorded answer");
    let dir = wb.scratch().join("explain-data-race");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("spsc_ring.rs");
    std::fs::write(&file, &answer.code).unwrap();
    let harness =
        workbook::harness::Harness::new(&wb.scratch(), "explain-data-race", &wb.checks_dir());
    harness.prepare(&[(exercise, file.clone())]).unwrap();
    let checker = workbook::checks::Checker::new(harness, &wb.root);
    let outcome = checker.check(exercise, &file);
    let shown = workbook::render::details(&outcome.verdict);
    let Verdict::Interleaving {
        message,
        steps,
        reading,
        ..
    } = &outcome.verdict
    else {
        panic!("not an interleaving:\n{shown}");
    };
    let write = lines_of(
        &answer.code,
        "(*ring.slots[tail % ring.slots.len()].get()).write(",
        "answer",
    );
    let read = lines_of(
        &answer.code,
        "(*ring.slots[head % ring.slots.len()].get()).assume_init_read()",
        "answer",
    );
    assert!(
        message.starts_with("data race on the UnsafeCell"),
        "{shown}"
    );
    for line in [write[0], read[0]] {
        assert!(
            message.contains(&format!("spsc_ring.rs:{line}:")),
            "line {line}:\n{shown}"
        );
        assert!(
            steps.iter().any(|s| s.action == "get"
                && s.location
                    .as_ref()
                    .is_some_and(|l| l.ends_with(&format!(":{line}")))),
            "no step at line {line}:\n{shown}"
        );
    }
    let reading = reading.as_deref().expect("a reading");
    assert!(reading.starts_with("data race on"), "{reading}");
    for line in [write[0], read[0]] {
        assert!(
            reading.contains(&format!("(line {line})")),
            "line {line}: {reading}"
        );
    }
    let store = lines_of(&answer.code, "ring.head.store(", "answer");
    assert!(
        reading.contains(&format!("line {}, Relaxed", store[0])),
        "{reading}"
    );
}

/// Recorded answers whose failure only a spurious wakeup shows (a wait guarded by `if`, with
/// one waiter): (exercise, answer, the wait's statement). The verdict shows the spurious
/// return as a step at the wait's line, and the reading names that line and says why.
const SPURIOUS: &[(&str, &str, &str)] = &[
    (
        "lost_wakeup",
        "wrong_if_instead_of_while",
        "guard = self.opened.wait(",
    ),
    (
        "quiz_job_queue",
        "wrong_if_in_push",
        "state = self.not_full.wait(",
    ),
];

#[test]
fn an_if_guarded_wait_is_rejected_for_a_spurious_wakeup_at_its_line() {
    let wb = Workbook::open(&common::repo()).unwrap();
    let mut problems = Vec::new();
    for &(name, answer, statement) in SPURIOUS {
        let exercise = wb.exercise(name).unwrap();
        let answers = workbook::audit::answers(&wb, exercise).unwrap();
        let recorded = answers.iter().find(|a| a.name == answer).expect("recorded");
        let dir = wb.scratch().join("explain-spurious").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{answer}.rs"));
        std::fs::write(&file, &recorded.code).unwrap();
        let harness = workbook::harness::Harness::new(
            &wb.scratch(),
            &format!("explain-spurious-{name}"),
            &wb.checks_dir(),
        );
        harness.prepare(&[(exercise, file.clone())]).unwrap();
        let checker = workbook::checks::Checker::new(harness, &wb.root);
        let outcome = checker.check(exercise, &file);
        let shown = workbook::render::details(&outcome.verdict);
        let Some((steps, Some(reading))) = explanation(&outcome.verdict) else {
            problems.push(format!("{name}/{answer}: no explained failure:\n{shown}"));
            continue;
        };
        let lines = lines_of(&recorded.code, statement, &file.display().to_string());
        let spurious = steps.iter().find(|s| s.action == "spurious");
        let at_wait = spurious
            .and_then(|s| s.location.as_deref())
            .is_some_and(|l| {
                lines
                    .iter()
                    .any(|n| l.ends_with(&format!(":{n}")) || l.contains(&format!(":{n}:")))
            });
        if !at_wait {
            problems.push(format!(
                "{name}/{answer}: no spurious step at lines {lines:?}:\n{shown}"
            ));
        }
        // `line N`, as the learner reads it, also here where the answer is a file of its own
        // name (`<answer>.rs`).
        let named = lines
            .iter()
            .any(|n| reading.contains(&format!("line {n})")));
        if !named || !reading.contains("spurious wakeup") || !reading.contains("proves nothing") {
            problems.push(format!(
                "{name}/{answer}: the reading does not name the wait (lines {lines:?}) as a \
                 spurious wakeup:\n{reading}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// A recorded answer's verdict, checked as a learner's own file (named as the exercise).
fn verdict_of(name: &str, answer: &str) -> (Verdict, String) {
    let wb = Workbook::open(&common::repo()).unwrap();
    let exercise = wb.exercise(name).unwrap();
    let answers = workbook::audit::answers(&wb, exercise).unwrap();
    let recorded = answers.iter().find(|a| a.name == answer).expect("recorded");
    (
        verdict_of_code(name, answer, &recorded.code),
        recorded.code.clone(),
    )
}

/// The solution of `name` with `find` replaced by `replace` (once, and it must be there).
fn solution_with(name: &str, find: &str, replace: &str) -> String {
    let wb = Workbook::open(&common::repo()).unwrap();
    let exercise = wb.exercise(name).unwrap();
    let solution = std::fs::read_to_string(wb.source(exercise, SourceSet::Solutions)).unwrap();
    assert_eq!(
        solution.matches(find).count(),
        1,
        "{name}'s solution changed"
    );
    solution.replacen(find, replace, 1)
}

/// The verdict of `code` as a learner's own file of exercise `name`; `label` names the run.
fn verdict_of_code(name: &str, label: &str, code: &str) -> Verdict {
    verdict_of_code_allowing(name, label, code, &[])
}

/// `verdict_of_code` with gate rules allowed beyond the exercise's, as the audit grades an
/// answer with `allow` in its `.toml`.
fn verdict_of_code_allowing(
    name: &str,
    label: &str,
    code: &str,
    allow: &[workbook::gate::Rule],
) -> Verdict {
    let wb = Workbook::open(&common::repo()).unwrap();
    let mut exercise = wb.exercise(name).unwrap().clone();
    for rule in allow {
        if !exercise.allow.contains(rule) {
            exercise.allow.push(*rule);
        }
    }
    let exercise = &exercise;
    let answer = label;
    let dir = wb.scratch().join("explain-answers").join(answer);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, code).unwrap();
    let harness = workbook::harness::Harness::new(
        &wb.scratch(),
        &format!("explain-{name}-{answer}"),
        &wb.checks_dir(),
    );
    harness.prepare(&[(exercise, file.clone())]).unwrap();
    let checker = workbook::checks::Checker::new(harness, &wb.root);
    checker.check(exercise, &file).verdict
}

/// A logic bug that fails with the threads run one after another is read as that: headed so
/// (its kind is still `interleaving`, as answers declare it), nothing concurrent blamed. Two
/// threads run in turn (cas_withdraw: the fare stored instead of subtracted) and one thread
/// alone (spsc_ring: a full ring takes one more reading, overwriting the oldest).
#[test]
fn a_serial_logic_bug_blames_no_interleaving_or_ordering() {
    let (stores_the_fare, _) = verdict_of("cas_withdraw", "wrong_stores_the_fare");
    let overfills = verdict_of_code(
        "spsc_ring",
        "serial_overfills",
        &solution_with(
            "spsc_ring",
            "if tail.wrapping_sub(head) == ring.slots.len() {",
            "if tail.wrapping_sub(head) > ring.slots.len() {",
        ),
    );
    for verdict in [stores_the_fare, overfills] {
        let shown = workbook::render::details(&verdict);
        let Some((_, Some(reading))) = explanation(&verdict) else {
            panic!("no explained failure:\n{shown}");
        };
        assert_eq!(verdict.kind(), VerdictKind::Interleaving, "{shown}");
        assert_eq!(
            verdict.headline(),
            "fails even with one thread at a time",
            "{shown}"
        );
        assert!(
            shown.contains("fails with its threads run one after another"),
            "{shown}"
        );
        assert!(!shown.contains("found a schedule"), "{shown}");
        assert!(
            reading.starts_with("Nothing concurrent went wrong"),
            "{reading}"
        );
        for blamed in ["Release", "Acquire", "Relaxed", "interleaving found"] {
            assert!(!reading.contains(blamed), "`{blamed}`: {reading}");
        }
    }
}

/// A failure that needs an interleaving keeps the interleaving's headline.
#[test]
fn a_concurrent_failure_is_not_called_serial() {
    let (verdict, _) = verdict_of("cas_withdraw", "wrong_check_outside_loop");
    let shown = workbook::render::details(&verdict);
    assert_eq!(verdict.kind(), VerdictKind::Interleaving, "{shown}");
    assert_eq!(verdict.headline(), "interleaving found", "{shown}");
    assert!(shown.contains("found a schedule under which"), "{shown}");
}

/// A `try_lock` that fails because another thread holds the lock is recorded after the step
/// in which that thread took it, as on real threads, so the run is not read as serial: two
/// deliveries that both fit, `receive` refusing when `try_lock` fails (relock's
/// `wrong_busy_warehouse_refuses`). The shim once recorded the failure when loom's `try_lock`
/// returned, before the other thread's take, and the verdict said the threads ran one after
/// another.
#[test]
fn a_failed_try_lock_comes_after_the_take_that_made_it_fail() {
    let (verdict, _) = verdict_of("relock", "wrong_busy_warehouse_refuses");
    let shown = workbook::render::details(&verdict);
    let Some((steps, _)) = explanation(&verdict) else {
        panic!("no explained failure:\n{shown}");
    };
    assert_eq!(verdict.headline(), "interleaving found", "{shown}");
    assert!(!shown.contains("one after another"), "{shown}");
    let failed = steps
        .iter()
        .position(|s| s.action == "try_lock" && s.text.contains("fails"))
        .unwrap_or_else(|| panic!("no failed try_lock:\n{shown}"));
    let holder = steps[..failed].iter().rposition(|s| {
        s.thread != steps[failed].thread
            && (s.action == "lock" || (s.action == "try_lock" && s.text.contains("succeeds")))
    });
    let holder =
        holder.unwrap_or_else(|| panic!("the failed try_lock comes before any take:\n{shown}"));
    assert!(
        !steps[holder + 1..failed]
            .iter()
            .any(|s| s.thread == steps[holder].thread && s.action == "unlock"),
        "the taker let go before the try_lock failed:\n{shown}"
    );
}

/// A `todo!()` left in is not an interleaving: the verdict names its line.
#[test]
fn a_todo_left_in_is_not_implemented_at_its_line() {
    let (verdict, code) = verdict_of("cas_withdraw", "wrong_todo_left");
    let shown = workbook::render::details(&verdict);
    let Verdict::NotImplemented { location, .. } = &verdict else {
        panic!("not a not-implemented verdict:\n{shown}");
    };
    let line = code.lines().position(|l| l.contains("todo!()")).unwrap() + 1;
    assert!(
        location.contains(&format!("cas_withdraw.rs:{line}:")),
        "{location}\n{shown}"
    );
    assert_eq!(verdict.kind(), VerdictKind::NotImplemented);
}

/// Failures whose reading once blamed the wrong thing: (exercise, recorded answer or `None`
/// for the shipped file, statements whose lines the reading must name, words it must not
/// contain). The reading names the learner's lines, not a check's.
type Blame = (
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    &'static [&'static str],
);

const BLAMES: &[Blame] = &[
    (
        // A check under one `try_lock`, the debit under another: the learner's relock, not
        // the lock the model takes afterwards to read the balances.
        "try_lock_backoff",
        Some("wrong_check_then_debit"),
        &["match account.balance.try_lock()"],
        &["loom.rs", "half done"],
    ),
    (
        // `if` for `while` in a condvar built on park: the taker is woken, the item is taken
        // back before it runs; the sleeper list, relocked around the park by design, is fine.
        "my_condvar",
        Some("wrong_if_instead_of_while"),
        &["thread::park();", "`while`, not `if`"],
        &["list"],
    ),
    (
        // A read lock taken with a load and a store: a reader's count is lost.
        "atomic_rwlock",
        None,
        &[
            "let s = self.state.load(Ordering::Relaxed)",
            "self.state.store(s + 2, Ordering::Relaxed)",
        ],
        &["Release write read by an Acquire read"],
    ),
];

#[test]
fn readings_blame_the_learners_mistake() {
    let wb = Workbook::open(&common::repo()).unwrap();
    let mut problems = Vec::new();
    for &(name, answer, statements, never) in BLAMES {
        let (verdict, code) = match answer {
            Some(answer) => verdict_of(name, answer),
            None => {
                let exercise = wb.exercise(name).unwrap();
                let file = wb.source(exercise, SourceSet::Exercises);
                let checker = wb.checker(SourceSet::Exercises).unwrap();
                let code = std::fs::read_to_string(&file).unwrap();
                (checker.check(exercise, &file).verdict, code)
            }
        };
        let what = format!("{name}/{}", answer.unwrap_or("shipped"));
        let shown = workbook::render::details(&verdict);
        let Some((_, Some(reading))) = explanation(&verdict) else {
            problems.push(format!("{what}: no explained failure:\n{shown}"));
            continue;
        };
        for statement in statements {
            // A statement of the code: its line; else words the reading must say.
            let lines: Vec<usize> = code
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(statement) && !l.trim_start().starts_with("//"))
                .map(|(i, _)| i + 1)
                .collect();
            let said = if lines.is_empty() {
                reading.contains(statement)
            } else {
                lines.iter().any(|n| {
                    let name = format!("line {n}");
                    reading.match_indices(&name).any(|(i, _)| {
                        !reading[i + name.len()..].starts_with(|c: char| c.is_ascii_digit())
                    })
                })
            };
            if !said {
                problems.push(format!(
                    "{what}: the reading does not name `{statement}` (lines {lines:?}):\n{reading}"
                ));
            }
        }
        for word in never {
            if reading.contains(word) {
                problems.push(format!("{what}: the reading says `{word}`:\n{reading}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// "Model checking gave up" on a loop that can never end names the loop's line and what it
/// keeps waiting for: (exercise, recorded answer, the loop's statement, words the message
/// must say).
const GAVE_UP: &[(&str, &str, &str, &[&str])] = &[
    (
        // A compare_exchange loop that never takes the value it found.
        "cas_withdraw",
        "wrong_cas_never_reloads",
        ".compare_exchange(current, current - amount",
        &[
            "keeps retrying its compare_exchange",
            "it expects 100",
            "Err(actual)",
        ],
    ),
    (
        // A try_lock retry that keeps the first account's guard.
        "try_lock_backoff",
        "wrong_spin_holding_first",
        "match try_take(to)",
        &[
            "try_lock",
            "still holds",
            "Drop every guard before retrying",
        ],
    ),
    (
        // Two waiters that poll the state in a loop that yields (the loop ends once the
        // value is stored, but loom cannot explore every way the two polls take turns):
        // named as polling, told to block, and not told to yield (they already do).
        "lazy_init",
        "wrong_waiters_spin_instead_of_parking",
        "while self.state.load(Ordering::Relaxed) == RUNNING",
        &["poll in a loop", "block until woken", "park"],
    ),
    (
        // Workers that poll the queue under its lock instead of waiting on the condvar.
        "condvar_queue",
        "wrong_busy_wait_without_condvar",
        "jobs = self.jobs.lock().unwrap();",
        &["locks and unlocks jobs", "poll in a loop", "Condvar"],
    ),
    (
        // A client that sends its transfer again after each timed-out wait for the answer.
        "actor",
        "wrong_resends_the_transfer_after_a_timeout",
        "answer.recv_timeout(",
        &[
            "timed out",
            "tried again after each",
            "without a time limit",
        ],
    ),
    (
        // A retry loop that lets go of the first account but never yields to the holder.
        "try_lock_backoff",
        "wrong_no_backoff",
        "try_take(to)?",
        &[
            "lets go and retries at once",
            "never gets to run",
            "yield_now()",
        ],
    ),
    (
        // A back-off while holding the first account: both let go and retake in step.
        "try_lock_backoff",
        "wrong_backs_off_holding_the_first",
        "match try_take(to)",
        &[
            "still holds",
            "in step",
            "Drop every guard before backing off",
        ],
    ),
];

#[test]
fn a_loop_loom_gave_up_on_is_named_with_what_it_waits_for() {
    let mut problems = Vec::new();
    for &(name, answer, statement, words) in GAVE_UP {
        let (verdict, code) = verdict_of(name, answer);
        let shown = workbook::render::details(&verdict);
        let what = format!("{name}/{answer}");
        let Verdict::LoomLimit { message, .. } = &verdict else {
            problems.push(format!("{what}: not loom-limit:\n{shown}"));
            continue;
        };
        let lines = lines_of(&code, statement, name);
        let names = |n: usize| {
            let name = format!("line {n}");
            message
                .match_indices(&name)
                .any(|(i, _)| !message[i + name.len()..].starts_with(|c: char| c.is_ascii_digit()))
        };
        if !lines.iter().any(|&n| names(n)) {
            problems.push(format!(
                "{what}: the message does not name `{statement}` (lines {lines:?}):\n{message}"
            ));
        }
        for word in words {
            if !message.contains(word) {
                problems.push(format!(
                    "{what}: the message does not say `{word}`:\n{message}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// A model that fails, then dies of a fatal signal while unwinding from that failure (a
/// learner's `Drop` that writes through a null pointer when dropped during a panic, as glibc
/// aborts on a double free in a learner's structure): the runner's fatal-signal handler
/// prints the held failure and the shim's record, so the verdict is the interleaving with its
/// schedule, not a crash. The same fatal write with no model failing (in a model that has
/// not failed, or on real threads in the stress test, outside any model) is still a crash.
#[test]
fn a_fatal_signal_while_a_model_failure_unwinds_is_the_interleaving_not_a_crash() {
    let overfills = solution_with(
        "spsc_ring",
        "if tail.wrapping_sub(head) == ring.slots.len() {",
        "if tail.wrapping_sub(head) > ring.slots.len() {",
    );
    let dies_while_unwinding = "\nimpl Drop for Ring {\n    fn drop(&mut self) {\n        \
        if std::thread::panicking() {\n            \
        unsafe { std::ptr::null_mut::<u64>().write_volatile(1) };\n        }\n    }\n}\n";
    let verdict = verdict_of_code(
        "spsc_ring",
        "dies_while_unwinding",
        &format!("{overfills}{dies_while_unwinding}"),
    );
    let shown = workbook::render::details(&verdict);
    let Verdict::Interleaving { steps, message, .. } = &verdict else {
        panic!("not an interleaving:\n{shown}");
    };
    assert!(!steps.is_empty(), "no schedule:\n{shown}");
    assert!(
        message.contains("is full"),
        "the model's own failure:\n{shown}"
    );
    assert!(
        steps.iter().any(|s| s
            .location
            .as_deref()
            .is_some_and(|l| l.contains("spsc_ring.rs"))),
        "the schedule names the learner's lines:\n{shown}"
    );

    // The right ring, whose every new ring writes through a null pointer: no model fails
    // before it (the first model makes a ring), so it is a crash, in the model.
    let null_write = "unsafe { std::ptr::null_mut::<u64>().write_volatile(1) };";
    let slot = "    assert!(capacity > 0, \"a ring needs at least one slot\");\n";
    let dies = solution_with("spsc_ring", slot, &format!("{slot}    {null_write}\n"));
    // The same on real threads only (std's atomics, not the model checker's, told apart by
    // `type_name`, graded with the gate's rule `probe` allowed as the audit grades such
    // cheats: the shim's types print and name as std's, so nothing else tells them apart):
    // the stress test, outside any model, crashes.
    let dies_on_real_threads = solution_with(
        "spsc_ring",
        slot,
        &format!(
            "{slot}    if std::any::type_name::<AtomicUsize>().starts_with(\"core::\") {{\n        \
             {null_write}\n    }}\n"
        ),
    );
    for (label, code, in_check) in [
        ("dies_in_a_model", dies, "loom"),
        ("dies_on_real_threads", dies_on_real_threads, "test"),
    ] {
        let verdict =
            verdict_of_code_allowing("spsc_ring", label, &code, &[workbook::gate::Rule::Probe]);
        let shown = workbook::render::details(&verdict);
        let Verdict::Crashed { check, message } = &verdict else {
            panic!("{label}: not a crash:\n{shown}");
        };
        assert_eq!(check, in_check, "{label}: {shown}");
        assert!(message.contains("SIGSEGV"), "{label}: {shown}");
    }
}

/// An exporter thread that panics (graceful_shutdown: `shipped - counted` overflows) makes the
/// learner's `shutdown` panic on `join().unwrap()`, whose message reads only "called
/// `Result::unwrap()` on an `Err` value: Any { .. }": the verdict names the exporter's own
/// panic, in its words and at its line, instead.
#[test]
fn a_panicking_thread_is_named_not_an_unwrap_on_any() {
    let (verdict, code) = verdict_of(
        "graceful_shutdown",
        "wrong_exporter_panics_shipped_minus_counted",
    );
    let shown = workbook::render::details(&verdict);
    let Verdict::TestFailed { failures, .. } = &verdict else {
        panic!("not a test failure:\n{shown}");
    };
    let line = lines_of(&code, "shipped - counted", "graceful_shutdown.rs")[0];
    for failure in failures {
        let message = &failure.message;
        assert!(
            message.contains("exporter thread")
                && message.contains("panicked: `attempt to subtract with overflow` at ")
                && message.contains(&format!("graceful_shutdown.rs:{line}:")),
            "{}: {message}",
            failure.test
        );
        assert!(!message.contains("Any { .. }"), "{message}");
    }
}

/// A thread started during a check that panicked, whose `join()` result was unwrapped, is
/// named by its own panic and line (the runner's `WORKBOOK-START` marks where the check's
/// part of stderr begins), never by the unwrap of `Any { .. }` it ended with.
#[test]
fn a_joined_threads_panic_is_shown_instead_of_the_unwrap() {
    let (verdict, code) = verdict_of("threads1", "wrong_indexes_the_first_line_of_each_chunk");
    let shown = workbook::render::details(&verdict);
    let Verdict::TestFailed { failures, .. } = &verdict else {
        panic!("not a test failure:\n{shown}");
    };
    let line = lines_of(&code, "chunk[0]", "threads1.rs")[0];
    let first = &failures[0].message;
    assert!(
        first.starts_with("index out of bounds")
            && first.contains(&format!("threads1.rs:{line}:"))
            && !first.contains("Any { .. }"),
        "{}: {first}",
        failures[0].test
    );
}

/// A Treiber stack whose `pop` frees the node it unlinked at once: another popper that read
/// that node as the head loads its `next` from freed memory. In a loom run freed memory is
/// quarantined and the shim's atomic in the freed node reports the access (`loom_std/freed.rs`):
/// the verdict is that use after free, not the time limit (the shim's lock inside the freed
/// node once hung the model), with a step where the node is freed (after the CAS that unlinked
/// it) and one where the other thread uses it (at the load of `next`), and a reading that says
/// who freed it and who used it.
#[test]
fn a_node_freed_while_another_popper_reads_it_is_a_use_after_free() {
    let (verdict, code) = verdict_of("treiber_stack", "wrong_pop_frees_the_node");
    let shown = workbook::render::details(&verdict);
    let Verdict::Interleaving {
        message,
        steps,
        reading,
        ..
    } = &verdict
    else {
        panic!("not an interleaving:\n{shown}");
    };
    assert!(message.starts_with("use after free"), "{shown}");
    let load = lines_of(&code, "let next = unsafe { (*head).next.load(", "answer");
    let cas = lines_of(
        &code,
        "match self.head.compare_exchange_weak(head, next,",
        "answer",
    );
    let at = |s: &Step, lines: &[usize]| {
        s.location
            .as_ref()
            .is_some_and(|l| lines.iter().any(|n| l.ends_with(&format!(":{n}"))))
    };
    let freed = steps
        .iter()
        .position(|s| s.action == "freed" && at(s, &cas));
    let used = steps
        .iter()
        .position(|s| s.action == "used_freed" && at(s, &load));
    assert!(
        matches!((freed, used), (Some(f), Some(u)) if f < u && steps[f].thread != steps[u].thread),
        "no free at lines {cas:?} followed by another thread's use at lines {load:?}:\n{shown}"
    );
    let reading = reading.as_deref().expect("a reading");
    let (f, u) = (&steps[freed.unwrap()], &steps[used.unwrap()]);
    assert!(
        reading.starts_with(&format!("use after free: {} used next #", u.thread))
            && reading.contains(&format!("(line {})", load[0]))
            && reading.contains(&format!(
                "after {} had freed the memory it is in (after line {})",
                f.thread, cas[0]
            )),
        "{reading}"
    );
}

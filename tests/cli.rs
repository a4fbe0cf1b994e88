//! The command-line contract: exit codes, one-line errors, progress kept across runs,
//! hint levels, reset. Each test works on its own temporary copy of this workbook.

mod common;
use common::{copy_workbook, repo, shared_target, text};

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

/// A temporary copy of the workbook (catalogue, exercises, solutions, checks).
struct Copy {
    dir: tempfile::TempDir,
}

impl Copy {
    fn new() -> Copy {
        Copy {
            dir: copy_workbook(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn cmd(&self, args: &[&str]) -> Output {
        Command::cargo_bin("workbook")
            .unwrap()
            .current_dir(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            // Share the repository's build of loom and trybuild.
            .env("WORKBOOK_TARGET_DIR", shared_target())
            .output()
            .unwrap()
    }
}

/// Bad input: exit 2 and exactly one line on stderr that says `want`.
fn assert_one_line_error(out: &Output, want: &[&str]) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected, got: {err}"
    );
    for w in want {
        assert!(err.contains(w), "`{w}` missing from: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

fn first_exercise() -> String {
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    wb.catalogue.exercises[0].name.clone()
}

#[test]
fn help_teaches_the_commands() {
    let copy = Copy::new();
    let out = copy.cmd(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    for word in [
        "watch",
        "list",
        "run",
        "hint",
        "verify",
        "reset",
        "cargo workbook",
    ] {
        assert!(help.contains(word), "`{word}` missing from --help:\n{help}");
    }
}

#[test]
fn list_json_has_the_documented_fields() {
    let copy = Copy::new();
    let out = copy.cmd(&["list", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    assert_eq!(rows.len(), wb.catalogue.exercises.len());
    for (row, ex) in rows.iter().zip(&wb.catalogue.exercises) {
        assert_eq!(row["name"], ex.name.as_str());
        assert_eq!(row["path"], ex.path.display().to_string().as_str());
        assert_eq!(row["topic"], ex.topic.as_str());
        assert_eq!(row["done"], false);
        let checks: Vec<&str> = row["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(!checks.is_empty());
        assert!(
            checks
                .iter()
                .all(|c| ["run", "test", "loom", "compile-fail"].contains(c))
        );
    }
}

#[test]
fn unknown_exercise_is_one_line_and_exit_2() {
    let copy = Copy::new();
    for args in [
        &["run", "no_such_exercise"][..],
        &["hint", "no_such_exercise"],
        &["reset", "no_such_exercise"],
    ] {
        assert_one_line_error(&copy.cmd(args), &["unknown exercise `no_such_exercise`"]);
    }
}

#[test]
fn malformed_catalogue_names_the_exercise_and_the_field() {
    let copy = Copy::new();
    let info = copy.path().join("info.toml");
    let first = first_exercise();
    let original = std::fs::read_to_string(&info).unwrap();
    let broken = original.replacen("checks = [", "checks = [\"lom\", ", 1);
    std::fs::write(&info, broken).unwrap();
    assert_one_line_error(
        &copy.cmd(&["list"]),
        &["info.toml", &format!("`{first}`"), "`checks`", "lom"],
    );

    std::fs::write(
        &info,
        original.replacen("[[exercises]]", "[[exercises]\n", 1),
    )
    .unwrap();
    assert_one_line_error(&copy.cmd(&["list"]), &["info.toml", "line"]);
}

#[test]
fn missing_directory_and_bad_flags_exit_2() {
    let copy = Copy::new();
    assert_one_line_error(
        &copy.cmd(&["-C", "/no/such/dir", "list"]),
        &["/no/such/dir"],
    );
    let out = copy.cmd(&["list", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("panicked"));
    let out = copy.cmd(&["list", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn outside_a_workbook_is_one_line_exit_2() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(empty.path())
        .arg("list")
        .output()
        .unwrap();
    assert_one_line_error(&out, &["not inside a workbook"]);
}

#[test]
fn each_hint_call_reveals_the_next_level_and_it_persists() {
    let copy = Copy::new();
    let name = first_exercise();
    let out = copy.cmd(&["hint"]);
    assert!(out.status.success());
    let first = text(&out.stdout);
    assert!(
        first.contains(&name) && first.contains("Hint 1 of"),
        "{first}"
    );
    assert!(!first.contains("Hint 2 of"), "{first}");
    let second = text(&copy.cmd(&["hint", &name]).stdout);
    assert!(second.contains("Hint 2 of"), "{second}");
    let state = std::fs::read_to_string(copy.path().join(".workbook-state.toml")).unwrap();
    assert!(state.contains(&format!("{name} = 2")), "{state}");
    let all = text(&copy.cmd(&["hint", &name, "--all"]).stdout);
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let levels = wb.catalogue.exercises[0].hints.len();
    assert!(all.contains(&format!("Hint {levels} of {levels}")), "{all}");
}

#[test]
fn hint_search_lists_the_exercises_that_mention_a_word_without_revealing_hints() {
    let copy = Copy::new();
    let out = copy.cmd(&["hint", "--search", "CONDVAR"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    for e in &wb.catalogue.exercises {
        let mentions = e
            .concepts
            .iter()
            .chain(&e.hints)
            .any(|t| t.to_lowercase().contains("condvar"));
        let listed = stdout
            .lines()
            .any(|l| l.split_whitespace().next() == Some(&e.name));
        assert_eq!(mentions, listed, "{}: {stdout}", e.name);
    }
    assert!(!stdout.contains("Hint 1 of"), "{stdout}");
    // Searching reveals nothing: no hint level was recorded.
    assert!(!copy.path().join(".workbook-state.toml").exists());
    let out = copy.cmd(&["hint", "--search", "no-such-word-anywhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("No exercise"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn run_fails_then_passes_and_progress_survives_restarts() {
    let copy = Copy::new();
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let ex = &wb.catalogue.exercises[0];
    let out = copy.cmd(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains(ex.fails_with.headline()),
        "{}",
        text(&out.stdout)
    );

    std::fs::copy(repo().join(ex.solution_path()), copy.path().join(&ex.path)).unwrap();
    let out = copy.cmd(&["run", &ex.name]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("pass"));

    // A new process reads the progress back: the current exercise has moved on.
    let out = copy.cmd(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["done"], true);
    assert_eq!(rows[0]["current"], false);
    assert_eq!(rows[1]["current"], true);
}

#[test]
fn a_missing_exercise_file_says_how_to_restore_it() {
    let copy = Copy::new();
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let ex = &wb.catalogue.exercises[0];
    std::fs::remove_file(copy.path().join(&ex.path)).unwrap();
    assert_one_line_error(
        &copy.cmd(&["run", &ex.name]),
        &["missing", &format!("workbook reset {}", ex.name)],
    );
}

#[test]
fn a_damaged_state_file_is_reported_not_overwritten() {
    let copy = Copy::new();
    let state = copy.path().join(".workbook-state.toml");
    std::fs::write(&state, "done = 3\n").unwrap();
    assert_one_line_error(&copy.cmd(&["list"]), &[".workbook-state.toml", "damaged"]);
    assert_eq!(std::fs::read_to_string(&state).unwrap(), "done = 3\n");
}

#[test]
fn reset_restores_the_shipped_file() {
    let copy = Copy::new();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(copy.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "shipped"]);
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let ex = &wb.catalogue.exercises[0];
    let file = copy.path().join(&ex.path);
    let shipped = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, "// my attempt\n").unwrap();
    let out = copy.cmd(&["reset", &ex.name]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), shipped);
    assert!(text(&copy.cmd(&["reset", &ex.name]).stdout).contains("already as shipped"));
}

#[test]
fn verify_stops_at_the_first_failure() {
    let copy = Copy::new();
    let out = copy.cmd(&["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Stopped at the first failure"), "{stdout}");
    assert_eq!(stdout.matches('✗').count(), 1, "{stdout}");
}

#[test]
fn dev_check_flags_a_model_whose_failures_would_come_without_a_schedule() {
    let copy = Copy::new();
    let checks = copy.path().join("tests/checks/publish/loom.rs");
    let recorded = std::fs::read_to_string(&checks).unwrap();
    assert!(recorded.contains("crate::std::__workbook::model("));
    std::fs::write(
        &checks,
        recorded.replace("crate::std::__workbook::model(", "loom::model("),
    )
    .unwrap();
    let out = copy.cmd(&["dev", "check", "publish", "--no-grade"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("publish/loom.rs:")
            && stdout.contains("call crate::std::__workbook::model"),
        "{stdout}"
    );
    // The shipped checks are all recorded: the same command on them finds nothing.
    std::fs::write(&checks, recorded).unwrap();
    let out = copy.cmd(&["dev", "check", "publish", "--no-grade"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn run_refuses_an_early_exit_naming_the_rule_and_the_line() {
    let copy = Copy::new();
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let ex = &wb.catalogue.exercises[0];
    // The solution, with an exit that would end the checks before they report.
    let solution = std::fs::read_to_string(repo().join(ex.solution_path())).unwrap();
    let line = solution.lines().count() + 3;
    let cheat = format!("{solution}\n#[allow(dead_code)]\nfn quit() {{ std::process::exit(0) }}\n");
    std::fs::write(copy.path().join(&ex.path), cheat).unwrap();
    let out = copy.cmd(&["run", &ex.name]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("line {line}: `std::process::exit`"))
            && stdout.contains("(rule `exit`)")
            && stdout.contains("no result could be trusted"),
        "{stdout}"
    );
}

/// A pass is earned: an answer that ends the program with success (from the function under
/// test, a thread it starts, a `Drop`, or after printing a fake report) is crashed on
/// `workbook run`, never a pass, and the exercise is not marked done.
#[test]
fn early_exits_with_success_are_crashed_on_run() {
    let copy = Copy::new();
    let file = copy.path().join("exercises/01_threads/threads1.rs");
    // The gate refuses `process::exit` before anything runs; allowed here, as a teacher
    // may, so that what is tested is the runner's evidence behind it.
    let info = copy.path().join("info.toml");
    let catalogue = std::fs::read_to_string(&info).unwrap().replacen(
        "name = \"threads1\"\n",
        "name = \"threads1\"\nallow = [\"exit\"]\n",
        1,
    );
    std::fs::write(&info, catalogue).unwrap();
    let cheats = repo().join("tests/evidence");
    for cheat in [
        "threads1_cheat_exit_in_function.rs",
        "threads1_cheat_exit_in_thread.rs",
        "threads1_cheat_exit_in_drop.rs",
        "threads1_cheat_fake_report.rs",
    ] {
        std::fs::copy(cheats.join(cheat), &file).unwrap();
        let out = copy.cmd(&["run", "threads1"]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{cheat}: {stdout}");
        assert!(stdout.contains("crashed"), "{cheat}: {stdout}");
        assert!(
            stdout.contains("the program exited before the checks finished"),
            "{cheat}: {stdout}"
        );
        assert!(
            !stdout.contains("/tmp/"),
            "{cheat}: a grader path: {stdout}"
        );
    }
    let out = copy.cmd(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["done"], false);
}

/// loom's settings are fixed by the grader in code: `LOOM_*` variables (here in the grader's
/// own environment, and in the environment of the model's process itself) change nothing.
/// With a bound of 0 preemptions, or a 0 s `max_duration` checked at every iteration, loom
/// would explore almost nothing and pass mutex_counter's lost update.
#[test]
fn loom_settings_in_the_environment_do_not_make_a_shipped_file_pass() {
    let copy = Copy::new();
    let loosen = [
        ("LOOM_MAX_PREEMPTIONS", "0"),
        ("LOOM_MAX_DURATION", "0"),
        ("LOOM_CHECKPOINT_INTERVAL", "1"),
        ("LOOM_MAX_PERMUTATIONS", "1"),
    ];
    let out = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(copy.path())
        .args(["run", "mutex_counter"])
        .env("NO_COLOR", "1")
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .envs(loosen)
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("interleaving found"), "{stdout}");

    // The model's process itself, run as the grader runs it but with the variables set and
    // without the grader's stripping of them: the shim's model entry still ignores them.
    let exe = std::fs::read_dir(shared_target().join("debug"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("mutex_counter__loom--") && !name.ends_with(".d")
        })
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok())
        .expect("the loom build of mutex_counter")
        .path();
    // Its shared libraries where the grader tells the loader to look for them.
    let libraries = workbook::harness::libraries::of(&exe).unwrap();
    let mut child = std::process::Command::new(&exe)
        .env(
            "LD_LIBRARY_PATH",
            std::env::join_paths(&libraries.search_path).unwrap(),
        )
        .args(["--check", "workbook_loom::two_clerks_get_different_tickets"])
        .args(["--loom-preemptions", "2"])
        .envs(loosen)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    writeln!(child.stdin.take().unwrap(), "nonce42").unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("WORKBOOK-FAILED nonce42 workbook_loom::two_clerks_get_different_tickets"),
        "{}: {stdout}",
        exe.display()
    );
}

/// `workbook list | head`: a reader that goes away ends the output. No panic, nothing on
/// stderr, exit 0. (The pipe's read end is closed before the grader starts, so every write
/// to stdout fails with EPIPE; SIGPIPE stays ignored, as Rust leaves it.)
#[test]
fn a_closed_stdout_ends_the_output_quietly() {
    let copy = Copy::new();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("workbook"))
        .current_dir(copy.path())
        .args(["list"])
        .env("NO_COLOR", "1")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn dev_check_times_every_model_of_a_solution() {
    // The figures `dev check` prints come from the checker's own record of each model run.
    // The repository itself (its warm build of loom): nothing here writes outside target/.
    let root = repo();
    let wb = workbook::workbook::Workbook::open(&root).unwrap();
    let exercise = wb.exercise("park_mutex").unwrap();
    let mut checker = wb
        .checker(workbook::workbook::SourceSet::Solutions)
        .unwrap();
    checker.parallel = 1;
    let times = std::sync::Arc::new(workbook::checks::ModelTimes::default());
    checker.model_times = Some(times.clone());
    let outcome = checker.check(exercise, &root.join(exercise.solution_path()));
    assert!(outcome.verdict.passed(), "{:?}", outcome.verdict);
    let times = times.lock().unwrap().clone();
    let models = std::fs::read_to_string(root.join("tests/checks/park_mutex/loom.rs"))
        .unwrap()
        .lines()
        .filter(|l| l.trim_start().starts_with("fn step"))
        .count();
    assert!(models >= 2);
    assert_eq!(times.len(), models, "{times:?}");
    assert!(
        times.iter().all(|(name, _)| name.starts_with("step")),
        "{times:?}"
    );
}

/// A compile_pass case that fails to build is told in the learner's terms: the compiler's
/// errors point at the learner's file and at the case's own file and line, never at the
/// grader's generated bin (`src/<exercise>__pass__<case>.rs`) or its module (`exercise::`),
/// whether only the case fails (the case's verdict) or the learner's own `main` too (a
/// compile error), in `run` and in a graded report.
#[test]
fn a_compile_pass_case_that_fails_to_build_is_told_in_the_learners_terms() {
    let copy = Copy::new();
    let file = copy.path().join("exercises/07_send_sync/send_bound.rs");
    let solution =
        std::fs::read_to_string(copy.path().join("solutions/07_send_sync/send_bound.rs")).unwrap();
    let right = "unsafe impl<T: Send> Send for MyBox<T> {}";
    assert!(solution.contains(right), "the send_bound solution changed");
    let generated = |out: &str| {
        [
            "src/send_bound__",
            "exercise::",
            "target/workbook",
            "/harness/",
        ]
        .into_iter()
        .find(|g| out.contains(g))
    };
    // `Default`: the learner's `main` (a `Vec`) compiles, the cases' `Counted` does not.
    // `Copy`: the learner's `main` does not compile either.
    for (bound, verdict) in [
        ("Default", "a check does not compile against your code"),
        ("Copy", "does not compile"),
    ] {
        let wrong = format!("unsafe impl<T: Send + {bound}> Send for MyBox<T> {{}}");
        std::fs::write(&file, solution.replace(right, &wrong)).unwrap();
        let out = copy.cmd(&["run", "send_bound"]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
        assert!(stdout.contains(verdict), "{bound}: {stdout}");
        assert!(!stdout.contains("compile-fail"), "{bound}: {stdout}");
        assert_eq!(generated(&stdout), None, "{bound}: {stdout}");
        assert!(
            stdout.contains("--> tests/checks/send_bound/compile_pass/"),
            "{bound}: the case's file and line: {stdout}"
        );
        assert!(
            stdout.contains("--> exercises/07_send_sync/send_bound.rs:"),
            "{bound}: the learner's line: {stdout}"
        );
        assert!(stdout.contains("`MyBox<"), "{bound}: {stdout}");

        let report = copy.cmd(&[
            "grade",
            copy.path().to_str().unwrap(),
            "--only",
            "send_bound",
            "--format",
            "json",
        ]);
        assert_eq!(report.status.code(), Some(0), "{}", text(&report.stderr));
        let json: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
        let message = json["submissions"][0]["exercises"][0]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(message.starts_with(verdict), "{bound}: {message}");
        assert_eq!(generated(&message), None, "{bound}: {message}");
        assert!(
            message.contains("--> tests/checks/send_bound/compile_pass/"),
            "{bound}: {message}"
        );
    }
}

/// A compile_pass case that compiles against the learner's code and fails when it runs is
/// told as that: the program compiled, and what failed (the case's assertion, at the case's
/// line); not a compile-fail expectation, no generated-package path, no trybuild text.
#[test]
fn a_compile_pass_case_that_fails_when_run_says_it_compiled() {
    let copy = Copy::new();
    let file = copy.path().join("exercises/07_send_sync/send_bound.rs");
    let solution =
        std::fs::read_to_string(copy.path().join("solutions/07_send_sync/send_bound.rs")).unwrap();
    // A `Drop` that frees nothing: every case compiles, and the box leaks its value.
    let frees = "drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });";
    assert!(solution.contains(frees), "the send_bound solution changed");
    std::fs::write(&file, solution.replace(frees, "let _ = self.ptr;")).unwrap();
    let out = copy.cmd(&["run", "send_bound"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("send_bound: compiles, but fails when run"),
        "{stdout}"
    );
    assert!(
        stdout.contains("compiled against your code, but failed when it ran"),
        "{stdout}"
    );
    // The first case whose run fails is the verdict: each of these needs the value dropped.
    let cases = [
        (
            "dropping a `MyBox` must drop",
            "the_box_drops_its_value_once",
        ),
        ("dropping the box unlocks", "still_sync_with_a_guard"),
    ];
    assert!(
        cases.iter().any(|(message, case)| stdout.contains(message)
            && stdout.contains(&format!(
                "(at tests/checks/send_bound/compile_pass/{case}.rs:"
            ))),
        "{stdout}"
    );
    for generated in [
        "compile-fail",
        "src/send_bound__",
        "exercise::",
        "target/workbook",
        "trybuild",
        "panicked at",
    ] {
        assert!(!stdout.contains(generated), "`{generated}`: {stdout}");
    }
}

/// A stress test that cannot get its threads to run at once (here one that never starts a
/// second thread) ends the check inconclusive: neither a pass (the exercise is not marked
/// done, exit 1) nor a failure of the code, saying why, within the run's time limit.
#[test]
fn a_stress_test_without_overlap_is_inconclusive_not_passed() {
    let copy = Copy::new();
    let checks = copy.path().join("tests/checks/atomic_counter/test.rs");
    let mut text = std::fs::read_to_string(&checks).unwrap();
    text.push_str(
        "\n#[test]\nfn stress_zz_one_thread_never_overlaps() {\n    \
         let overlap = crate::__checks::Overlap::new();\n    \
         crate::__checks::rounds_overlapping(\"one thread's hits\", &overlap, |_| {\n        \
         overlap.op(|| ());\n    });\n}\n",
    );
    std::fs::write(&checks, text).unwrap();
    std::fs::copy(
        copy.path().join("solutions/08_atomics/atomic_counter.rs"),
        copy.path().join("exercises/08_atomics/atomic_counter.rs"),
    )
    .unwrap();
    let out = copy.cmd(&["run", "atomic_counter"]);
    let stdout = text_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("atomic_counter: inconclusive: the threads never ran at once"),
        "{stdout}"
    );
    assert!(
        stdout.contains("stress_zz_one_thread_never_overlaps")
            && stdout.contains("could not get threads to overlap")
            && stdout.contains("Not a verdict on your code"),
        "{stdout}"
    );
    assert!(!stdout.contains("timed out"), "{stdout}");
    let list = copy.cmd(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "atomic_counter")
        .unwrap();
    assert_eq!(row["done"], false, "{row}");
}

fn text_of(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

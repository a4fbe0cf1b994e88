//! Every shipped exercise fails with the verdict it teaches (`fails_with` in info.toml),
//! every solution passes, and every recorded answer in tests/answers/ (edits to the shipped
//! file, or a whole-file rewrite) gets the verdict it declares: at least two plausible wrong answers rejected and one alternative correct
//! answer accepted, per exercise.
//!
//! One test walks the whole catalogue, grading files side by side, one per core
//! (`audit::audit_all`: each worker builds in a cargo target directory of its own), and
//! reports every mismatch at the end, not just the first, in catalogue order. A file that
//! misses its verdict by reaching a time limit while other files were graded is graded once
//! more, alone, at the end.
//! `WORKBOOK_ONLY=name1,name2` audits only those exercises; `WORKBOOK_AUDIT_JOBS=N` grades N
//! files at a time (1: one after another).

use std::path::Path;

use workbook::audit;
use workbook::verdict::VerdictKind;
use workbook::workbook::Workbook;

fn workbook() -> Workbook {
    Workbook::open(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()).unwrap()
}

#[test]
fn every_exercise_fails_for_its_reason_and_every_solution_and_answer_is_judged_right() {
    let wb = workbook();
    let only: Vec<String> = std::env::var("WORKBOOK_ONLY")
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let jobs = match std::env::var("WORKBOOK_AUDIT_JOBS") {
        Ok(n) => n
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or_else(|| panic!("WORKBOOK_AUDIT_JOBS={n}: not a positive number")),
        Err(_) => audit::default_jobs(),
    };
    let selected: Vec<_> = wb
        .catalogue
        .exercises
        .iter()
        .filter(|e| only.is_empty() || only.contains(&e.name))
        .collect();
    let show = |f: &audit::Finding| {
        eprintln!(
            "{} {:<22} {:<30} expected {:<21} got {:<21} {:.2} s",
            if f.ok() { "ok  " } else { "FAIL" },
            f.exercise,
            f.what,
            f.expected.name(),
            f.outcome.verdict.kind().name(),
            f.outcome.duration.as_secs_f64()
        );
    };
    let started = std::time::Instant::now();
    let audited = audit::audit_all(&wb, &selected, jobs, &show).unwrap();
    let mut problems = Vec::new();
    let mut graded = 0;
    for (exercise, findings) in selected.iter().zip(audited) {
        let findings = match findings {
            Ok(findings) => findings,
            Err(e) => {
                problems.push(format!("{}: {e:#}", exercise.name));
                continue;
            }
        };
        graded += findings.len();
        for f in &findings {
            if !f.ok() {
                problems.push(format!(
                    "{} ({}): expected `{}`, got `{}`:\n{}",
                    f.exercise,
                    f.what,
                    f.expected,
                    f.outcome.verdict.kind(),
                    workbook::render::details(&f.outcome.verdict)
                ));
            }
        }
        let wrong = findings
            .iter()
            .skip(2)
            .filter(|f| f.expected != VerdictKind::Pass)
            .count();
        let right = findings
            .iter()
            .skip(2)
            .filter(|f| f.expected == VerdictKind::Pass)
            .count();
        if wrong < 2 || right < 1 {
            problems.push(format!(
                "{}: tests/answers/{}/ records {wrong} wrong and {right} right answers; at least 2 and 1 are required",
                exercise.name, exercise.name
            ));
        }
    }
    eprintln!(
        "graded {graded} files of {} exercises in {:.1} s, {jobs} at a time",
        selected.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// What `dev check` refuses before building: answers whose edits do not apply, that equal
/// the shipped exercise or copy it whole without saying they are rewrites, and exercise or
/// solution files rustfmt would change.
#[test]
fn answers_apply_and_exercises_are_formatted() {
    let wb = workbook();
    let mut problems = audit::rustfmt_config_problems(&wb);
    for exercise in &wb.catalogue.exercises {
        problems.extend(audit::answer_problems(&wb, exercise));
        problems.extend(audit::unformatted(&wb, exercise));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_catalogue_files_are_complete() {
    let wb = workbook();
    for exercise in &wb.catalogue.exercises {
        assert!(
            wb.root.join(&exercise.path).is_file(),
            "{}",
            exercise.path.display()
        );
        assert!(
            wb.root.join(exercise.solution_path()).is_file(),
            "{}",
            exercise.solution_path().display()
        );
        let text = std::fs::read_to_string(wb.root.join(&exercise.path)).unwrap();
        assert!(
            text.contains("TODO"),
            "{} has no TODO marker",
            exercise.name
        );
        let dir = wb.root.join(&exercise.path);
        assert!(
            dir.parent().unwrap().join("README.md").is_file(),
            "{} has no topic README",
            exercise.name
        );
    }
}

/// An audited answer is built from a file of its own name (`<answer>.rs`), but its verdict
/// names the learner's lines as the learner reads them ("line N"), not `<answer>.rs:N`: what
/// `dev check` and this audit print for a mismatch is what `workbook run` would say.
#[test]
fn an_audited_answers_explanation_names_lines_as_the_learner_reads_them() {
    let wb = workbook();
    let exercise = wb.exercise("try_lock_backoff").unwrap();
    let answer = audit::answers(&wb, exercise)
        .unwrap()
        .into_iter()
        .find(|a| a.name == "wrong_check_then_debit")
        .expect("the recorded answer");
    let outcome = audit::grade_code(&wb, exercise, &answer.name, &answer.code).unwrap();
    assert_eq!(outcome.verdict.kind(), VerdictKind::Interleaving);
    // The steps' column gives each step's file and line, as for any file; the reading, in
    // words, names the learner's lines as "line N".
    let workbook::verdict::Verdict::Interleaving { reading, .. } = &outcome.verdict else {
        unreachable!()
    };
    let reading = reading.as_deref().expect("a reading of the schedule");
    assert!(
        !reading.contains("wrong_check_then_debit.rs"),
        "the answer's file name, not its lines: {reading}"
    );
    assert!(reading.contains("(taken at line "), "{reading}");
}

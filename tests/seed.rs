//! The checks' seed: drawn per run, shown by a failing verdict of a check that drew from it,
//! and repeated by `workbook run NAME --seed N`. On threads1, whose logs are drawn from the
//! seed, with an answer that hard-codes the counts of the fixed logs (it fails only there).

mod common;
use common::{copy_workbook, shared_target, text};

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

fn workbook(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .output()
        .unwrap()
}

/// The `seed 0x...` a verdict printed, if any.
fn seed_of(stdout: &str) -> Option<String> {
    let at = stdout.find("seed 0x")? + "seed ".len();
    Some(stdout[at..at + 18].to_string())
}

/// The failing check's message: the line that names the drawn log.
fn drawn_log(stdout: &str) -> String {
    stdout
        .lines()
        .find(|l| l.contains("lines per chunk"))
        .unwrap_or_else(|| panic!("no drawn log in:\n{stdout}"))
        .trim()
        .to_string()
}

#[test]
fn a_failing_verdict_shows_the_seed_and_run_seed_repeats_its_inputs() {
    let copy = copy_workbook();
    let dir = copy.path();
    let file = dir.join("exercises/01_threads/threads1.rs");
    let shipped = std::fs::read_to_string(&file).unwrap();
    let hard_coded = shipped.replace(
        "    let total = 0;\n",
        "    let total = match handles.len() {\n        2 | 3 => 3,\n        n => n,\n    };\n",
    );
    assert_ne!(
        hard_coded, shipped,
        "the shipped threads1 changed: update this test"
    );
    std::fs::write(&file, hard_coded).unwrap();

    // A run of its own: a fresh seed, printed with the command that repeats it.
    let first = workbook(dir, &["run", "threads1"]);
    let out = text(&first.stdout);
    assert_eq!(first.status.code(), Some(1), "{out}");
    let seed = seed_of(&out).unwrap_or_else(|| panic!("no seed in the verdict:\n{out}"));
    assert!(
        out.contains(&format!("workbook run threads1 --seed {seed}")),
        "{out}"
    );
    assert!(out.contains("counts_errors_in_logs_drawn_per_run"), "{out}");

    // `--seed` repeats the same log; another seed draws another.
    let again = text(&workbook(dir, &["run", "threads1", "--seed", &seed]).stdout);
    assert_eq!(seed_of(&again).as_deref(), Some(seed.as_str()), "{again}");
    assert_eq!(drawn_log(&again), drawn_log(&out));
    let other_seed = if seed == "0x0000000000000001" {
        "2"
    } else {
        "1"
    };
    let other = text(&workbook(dir, &["run", "threads1", "--seed", other_seed]).stdout);
    assert_eq!(
        seed_of(&other),
        Some(format!("{:#018x}", other_seed.parse::<u64>().unwrap())),
        "{other}"
    );
    assert_ne!(drawn_log(&other), drawn_log(&out));

    // The checks that draw nothing show no seed: the shipped file fails the fixed logs first.
    std::fs::write(&file, &shipped).unwrap();
    let plain = text(&workbook(dir, &["run", "threads1"]).stdout);
    assert!(plain.contains("counts_errors_across_all_chunks"), "{plain}");
}

/// A panic message with an empty line of its own (tests/evidence/threads1_panic_with_blank_line.rs)
/// still shows the seed line after it, and the whole message.
#[test]
fn the_seed_shows_after_a_panic_message_with_an_empty_line() {
    let copy = copy_workbook();
    let dir = copy.path();
    std::fs::copy(
        common::repo().join("tests/evidence/threads1_panic_with_blank_line.rs"),
        dir.join("exercises/01_threads/threads1.rs"),
    )
    .unwrap();
    let out = workbook(dir, &["run", "threads1"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("counts_errors_in_logs_drawn_per_run"),
        "{stdout}"
    );
    assert!(
        stdout.contains("this answer only knows the fixed logs"),
        "the message after its empty line: {stdout}"
    );
    let seed = seed_of(&stdout).unwrap_or_else(|| panic!("no seed in the verdict:\n{stdout}"));
    assert!(
        stdout.contains(&format!("workbook run threads1 --seed {seed}")),
        "{stdout}"
    );
}

#[test]
fn a_malformed_seed_is_one_line_and_exit_2() {
    let copy = copy_workbook();
    let out = workbook(copy.path(), &["run", "threads1", "--seed", "0xnope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a seed is a 64-bit number"),
        "{}",
        text(&out.stderr)
    );
}

/// Grades `submission` (only threads1) in `dir` and returns the JSON report's threads1 entry
/// and the whole report.
fn graded(dir: &Path, submission: &Path, extra: &[&str]) -> (serde_json::Value, serde_json::Value) {
    let args = [
        &["grade", submission.to_str().unwrap(), "--only", "threads1"][..],
        &["--format", "json"],
        extra,
    ]
    .concat();
    let out = workbook(dir, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (report["submissions"][0]["exercises"][0].clone(), report)
}

/// `grade --seed N`: a teacher repeats the inputs a student's file failed on. The seed is part
/// of the cache key (a verdict under one seed never answers another), and every report says
/// which seed each file's checks drew from.
#[test]
fn grade_seed_repeats_a_files_inputs_and_is_part_of_the_cache_key() {
    let copy = copy_workbook();
    let dir = copy.path();
    let class = tempfile::tempdir().unwrap();
    let student = class.path().join("ada");
    common::copy_tree(&dir.join("exercises"), &student.join("exercises"));
    let file = student.join("exercises/01_threads/threads1.rs");
    let shipped = std::fs::read_to_string(&file).unwrap();
    let hard_coded = shipped.replace(
        "    let total = 0;\n",
        "    let total = match handles.len() {\n        2 | 3 => 3,\n        n => n,\n    };\n",
    );
    assert_ne!(hard_coded, shipped, "the shipped threads1 changed");
    std::fs::write(&file, hard_coded).unwrap();

    // Graded as usual: the file's own seed, in the JSON report and in the verdict.
    let (own, report) = graded(dir, &student, &[]);
    assert_eq!(own["verdict"], "test-failed", "{own}");
    assert_eq!(own["cached"], false);
    assert!(report.get("seed").is_none(), "{report}");
    let seed = own["seed"].as_str().expect("the file's seed").to_string();
    let message = own["message"].as_str().unwrap().to_string();
    assert!(message.contains(&format!("seed {seed}")), "{message}");

    // Under another seed: other inputs, graded afresh (not the cached verdict), and the
    // report says which seed.
    let (other, report) = graded(dir, &student, &["--seed", "7"]);
    assert_eq!(
        other["cached"], false,
        "a verdict of another seed was served"
    );
    assert_eq!(other["seed"], "0x0000000000000007");
    assert_eq!(report["seed"], "0x0000000000000007");
    assert_ne!(
        drawn_log(other["message"].as_str().unwrap()),
        drawn_log(&message)
    );
    let (again, _) = graded(dir, &student, &["--seed", "0x7"]);
    assert_eq!(again["cached"], true, "the same seed is cached");
    assert_eq!(again["message"], other["message"]);

    // The default seed is still answered by its own verdict, never the --seed one.
    let (default, _) = graded(dir, &student, &[]);
    assert_eq!(default["cached"], true);
    assert_eq!(default["seed"].as_str(), Some(seed.as_str()));
    assert_eq!(default["message"].as_str(), Some(message.as_str()));

    // The teacher's reproduction: --seed with the seed the report gave draws the same inputs.
    let (repeated, _) = graded(dir, &student, &["--seed", &seed]);
    assert_eq!(repeated["cached"], false, "another key than the default's");
    assert_eq!(
        drawn_log(repeated["message"].as_str().unwrap()),
        drawn_log(&message)
    );

    // The text report names the seed.
    let out = workbook(
        dir,
        &[
            "grade",
            student.to_str().unwrap(),
            "--only",
            "threads1",
            "--seed",
            "7",
        ],
    );
    let table = text(&out.stdout);
    assert!(
        table.contains("Seed: 0x0000000000000007 (--seed)"),
        "{table}"
    );
}

//! The verdict cache and shards of `workbook grade`: a cached verdict is the fresh one, a
//! changed check file or limit invalidates it, a damaged entry is graded again, and
//! sharded-then-merged reports equal one unsharded report (shards of another grader or
//! catalogue refused).

mod common;
use common::{copy_tree, copy_workbook, repo, shared_target, text};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

struct Grader {
    dir: tempfile::TempDir,
}

impl Grader {
    fn new() -> Grader {
        Grader {
            dir: copy_workbook(),
        }
    }

    fn grade(&self, args: &[&str]) -> Output {
        Command::cargo_bin("workbook")
            .unwrap()
            .current_dir(self.dir.path())
            .arg("grade")
            .args(args)
            .env("NO_COLOR", "1")
            .env("WORKBOOK_TARGET_DIR", shared_target())
            .output()
            .unwrap()
    }

    /// Grades and returns the JSON report.
    fn json(&self, args: &[&str]) -> (Value, String) {
        let out = self.grade(&[args, &["--format", "json", "--jobs", "2"]].concat());
        let stderr = text(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        (serde_json::from_slice(&out.stdout).unwrap(), stderr)
    }

    fn cache_entries(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let dir = self.dir.path().join("target/workbook/cache");
        for sub in fs::read_dir(dir).unwrap() {
            for entry in fs::read_dir(sub.unwrap().path()).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        files.sort();
        files
    }
}

fn shipped(dir: &Path) -> PathBuf {
    copy_tree(&repo().join("exercises"), &dir.join("exercises"));
    dir.to_path_buf()
}

fn solved(dir: &Path) -> PathBuf {
    copy_tree(&repo().join("solutions"), &dir.join("exercises"));
    dir.to_path_buf()
}

/// A solved submission whose `rel` is the shipped file with a recorded answer's edits.
fn answered(dir: &Path, rel: &str, answer: &str) -> PathBuf {
    solved(dir);
    let toml: toml::Value =
        toml::from_str(&fs::read_to_string(repo().join(answer)).unwrap()).unwrap();
    let mut code = fs::read_to_string(repo().join(rel)).unwrap();
    for edit in toml["edit"].as_array().unwrap() {
        let find = edit["find"].as_str().unwrap();
        assert!(code.contains(find), "{answer}: `{find}` not in {rel}");
        code = code.replacen(find, edit["replace"].as_str().unwrap(), 1);
    }
    fs::write(dir.join(rel), code).unwrap();
    dir.to_path_buf()
}

/// Each exercise of each submission: (submission, exercise, verdict details, points).
fn verdicts(report: &Value) -> Vec<(String, String, Value, u64)> {
    let mut out = Vec::new();
    for s in report["submissions"].as_array().unwrap() {
        for e in s["exercises"].as_array().unwrap() {
            out.push((
                s["submission"].as_str().unwrap().to_string(),
                e["name"].as_str().unwrap().to_string(),
                e["details"].clone(),
                e["points"].as_u64().unwrap(),
            ));
        }
    }
    out
}

/// Every exercise's `cached` field, in order.
fn cached(report: &Value) -> Vec<bool> {
    report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["exercises"].as_array().unwrap().clone())
        .map(|e| e["cached"].as_bool().unwrap())
        .collect()
}

/// The report without what may differ between runs: durations and `cached`.
fn timeless(mut report: Value) -> Value {
    for s in report["submissions"].as_array_mut().unwrap() {
        s["duration"] = Value::Null;
        for e in s["exercises"].as_array_mut().unwrap() {
            e["duration"] = Value::Null;
            e["cached"] = Value::Null;
        }
    }
    report
}

#[test]
fn a_cached_verdict_is_the_fresh_one_for_every_cached_kind() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let a = shipped(&class.path().join("shipped"));
    let b = solved(&class.path().join("solved"));
    let c = answered(
        &class.path().join("spinning"),
        "exercises/09_ordering/spinlock.rs",
        "tests/answers/spinlock/wrong_no_spin_hint.toml",
    );
    let only = "threads1,bank_transfer,cas_loop,spinlock,not_send,move_closures";
    let paths = [
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        c.to_str().unwrap(),
    ];
    let args = [&paths[..], &["--only", only]].concat();
    let (fresh, _) = grader.json(&args);
    let (again, stderr) = grader.json(&args);
    assert!(stderr.contains(" 0 files built and checked"), "{stderr}");

    let kinds: std::collections::BTreeSet<String> = verdicts(&fresh)
        .iter()
        .map(|(_, _, d, _)| d["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in [
        "pass",
        "test-failed",
        "compile-error",
        "interleaving",
        "deadlock",
        "loom-limit",
        "compile-fail-not-met",
    ] {
        assert!(kinds.contains(kind), "no {kind} among {kinds:?}");
    }
    assert_eq!(verdicts(&fresh), verdicts(&again));
    assert!(cached(&again).iter().all(|c| *c), "{again}");
    // The same verdict with its original duration: each file's first grading.
    let durations = |r: &Value, s: usize| {
        r["submissions"][s]["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["duration"].as_f64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(durations(&fresh, 0), durations(&again, 0));
    assert_eq!(timeless(fresh), timeless(again));

    let out = grader.grade(&[&paths[..1], &["--only", "threads1"]].concat());
    assert!(
        text(&out.stdout).contains("(cached)"),
        "{}",
        text(&out.stdout)
    );
    let out = grader.grade(&[&paths[..1], &["--only", "threads1", "--no-cache"]].concat());
    assert!(
        !text(&out.stdout).contains("(cached)"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_changed_check_file_limit_or_hidden_check_invalidates() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let a = solved(&class.path().join("ada"));
    let a = a.to_str().unwrap();
    let base = [a, "--only", "threads1"];
    let (first, _) = grader.json(&base);
    assert_eq!(cached(&first), [false]);
    assert_eq!(cached(&grader.json(&base).0), [true]);

    let check = grader.dir.path().join("tests/checks/threads1/test.rs");
    let mut code = fs::read_to_string(&check).unwrap();
    code.push_str("\n// a teacher's comment\n");
    fs::write(&check, code).unwrap();
    assert_eq!(cached(&grader.json(&base).0), [false], "check file changed");
    assert_eq!(cached(&grader.json(&base).0), [true]);

    assert_eq!(
        cached(&grader.json(&[&base[..], &["--memory", "1024"]].concat()).0),
        [false]
    );
    assert_eq!(
        cached(&grader.json(&[&base[..], &["--timeout", "7"]].concat()).0),
        [false]
    );

    let hidden = class.path().join("hidden/threads1");
    fs::create_dir_all(&hidden).unwrap();
    fs::copy(&check, hidden.join("test.rs")).unwrap();
    let checks = class.path().join("hidden");
    let with_hidden = [&base[..], &["--checks", checks.to_str().unwrap()]].concat();
    assert_eq!(
        cached(&grader.json(&with_hidden).0),
        [false],
        "hidden check"
    );
    fs::write(hidden.join("test.rs"), "// nothing\n").unwrap();
    assert_eq!(
        cached(&grader.json(&with_hidden).0),
        [false],
        "hidden check changed"
    );

    let out = grader.grade(&["--clear-cache"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(cached(&grader.json(&base).0), [false], "cache cleared");
}

#[test]
fn a_corrupt_or_truncated_entry_is_graded_again() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let a = shipped(&class.path().join("ada"));
    let args = [a.to_str().unwrap(), "--only", "threads1,threads2"];
    let (fresh, _) = grader.json(&args);
    let entries = grader.cache_entries();
    assert_eq!(entries.len(), 2, "{entries:?}");
    // Truncated: the checksum no longer holds.
    let bytes = fs::read(&entries[0]).unwrap();
    fs::write(&entries[0], &bytes[..bytes.len() / 2]).unwrap();
    // Corrupt: the same length, one byte changed (a verdict turned into another).
    let mut bytes = fs::read(&entries[1]).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x01;
    fs::write(&entries[1], &bytes).unwrap();

    let (again, stderr) = grader.json(&args);
    assert_eq!(cached(&again), [false, false], "{stderr}");
    assert!(stderr.contains("2 damaged cache entries"), "{stderr}");
    assert_eq!(verdicts(&fresh), verdicts(&again));
    assert_eq!(
        cached(&grader.json(&args).0),
        [true, true],
        "entries rewritten"
    );
}

#[test]
fn sharded_then_merged_equals_unsharded_and_mismatched_shards_are_refused() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let subs: Vec<PathBuf> = vec![
        shipped(&class.path().join("ada")),
        solved(&class.path().join("bob")),
        shipped(&class.path().join("cy")),
        solved(&class.path().join("dee")),
        shipped(&class.path().join("eve")),
    ];
    let mut args: Vec<&str> = subs.iter().map(|p| p.to_str().unwrap()).collect();
    args.extend(["--only", "threads1,threads2"]);
    let (whole, _) = grader.json(&args);
    let csv_whole = grader
        .grade(&[&args[..], &["--format", "csv"]].concat())
        .stdout;

    let out = class.path();
    let mut files = Vec::new();
    let mut counts = Vec::new();
    for k in 1..=3 {
        let file = out.join(format!("shard{k}.json"));
        let (shard, _) = grader.json(&[&args[..], &["--shard", &format!("{k}/3")]].concat());
        counts.push(shard["submissions"].as_array().unwrap().len());
        fs::write(&file, shard.to_string()).unwrap();
        files.push(file.to_str().unwrap().to_string());
    }
    assert_eq!(counts.iter().sum::<usize>(), 5, "{counts:?}");
    // Merged in any order of files.
    let merge = |files: &[String], format: &str| {
        let mut a: Vec<&str> = vec!["--merge"];
        a.extend(files.iter().map(|s| s.as_str()));
        a.extend(["--format", format]);
        grader.grade(&a)
    };
    let reversed: Vec<String> = files.iter().rev().cloned().collect();
    let merged = merge(&reversed, "json");
    assert!(merged.status.success(), "{}", text(&merged.stderr));
    let merged: Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(timeless(merged), timeless(whole));
    assert_eq!(text(&merge(&files, "csv").stdout), text(&csv_whole));

    // A shard missing, or given twice.
    let out1 = merge(&files[..2], "csv");
    assert!(!out1.status.success());
    assert!(
        text(&out1.stderr).contains("shards missing: 3/3"),
        "{}",
        text(&out1.stderr)
    );
    let twice = [files.clone(), vec![files[0].clone()]].concat();
    assert!(!merge(&twice, "csv").status.success());

    // Another grader version: one line naming it.
    let mut other: Value = serde_json::from_str(&fs::read_to_string(&files[1]).unwrap()).unwrap();
    other["grader"] = Value::String("0".repeat(64));
    fs::write(&files[1], other.to_string()).unwrap();
    let refused = merge(&files, "csv");
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("another grader version"), "{stderr}");

    // Another catalogue (here: another time limit) for one shard.
    let (shard, _) = grader.json(&[&args[..], &["--shard", "2/3", "--timeout", "9"]].concat());
    fs::write(&files[1], shard.to_string()).unwrap();
    let refused = merge(&files, "csv");
    let stderr = text(&refused.stderr);
    assert!(!refused.status.success());
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("another catalogue"), "{stderr}");
}

#[test]
fn two_workers_never_grade_the_same_file_twice() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    // Four identical submissions, two graded at once from a cold cache: each distinct file
    // is built and checked once, by whichever worker claimed it first.
    let paths: Vec<PathBuf> = (0..4)
        .map(|i| solved(&class.path().join(format!("s{i}"))))
        .collect();
    let paths: Vec<&str> = paths.iter().map(|p| p.to_str().unwrap()).collect();
    let only = "threads1,bank_transfer,not_send";
    let (report, stderr) = grader.json(&[&paths[..], &["--only", only]].concat());
    assert!(
        stderr.contains(" 3 files built and checked, 9 from the cache"),
        "{stderr}"
    );
    for (_, name, details, points) in verdicts(&report) {
        assert_eq!(details["kind"], "pass", "{name}: {details}");
        assert!(points > 0);
    }
}

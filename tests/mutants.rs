//! `workbook dev mutants` on a small fixture workbook of one exercise whose four mutants meet
//! every fate: one killed by a check (a `drop(tx)` removed: the receiver never ends), one that
//! does not compile (a guard's `drop` removed before its mutex is moved), and two orderings
//! weakened that no check can see (single-threaded): one recorded as equivalent, one not.
//! Then `dev check --mutants`: failing on the unexplained survivor and on a stale record,
//! passing once both survivors are explained.

mod common;
use common::{shared_target, text};

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const INFO: &str = "[[exercises]]\nname = \"counter\"\npath = \"exercises/01_x/counter.rs\"\n\
    topic = \"x\"\nchecks = [\"test\"]\npoints = 1\nconcepts = [\"mutants\"]\n\
    hints = [\"a\", \"b\"]\nfails_with = \"test-failed\"\ntimeout = 3\n";

const SOLUTION: &str = "// counter: a fixture for `dev mutants`.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;

pub fn count(n: usize) -> usize {
    let (tx, rx) = mpsc::channel();
    for i in 0..n {
        let tx = tx.clone();
        thread::spawn(move || tx.send(i).unwrap());
    }
    drop(tx);
    rx.iter().count()
}

pub fn flag() -> bool {
    let f = AtomicBool::new(false);
    f.store(true, Ordering::SeqCst);
    f.load(Ordering::SeqCst)
}

pub fn last(m: Mutex<u32>) -> u32 {
    let g = m.lock().unwrap();
    let v = *g + 1;
    drop(g);
    m.into_inner().unwrap() + v
}

fn main() {
    println!(\"{} {} {}\", count(3), flag(), last(Mutex::new(1)));
}
";

const CHECKS: &str = "use super::{count, flag, last};

#[test]
fn counts_every_message() {
    ::std::assert_eq!(count(3), 3);
}

#[test]
fn the_flag_is_set() {
    ::std::assert!(flag());
}

#[test]
fn last_adds() {
    ::std::assert_eq!(last(::std::sync::Mutex::new(1)), 3);
}
";

const KILLED: &str = "drop-removed/count/drop(tx)#1";
const DID_NOT_COMPILE: &str = "drop-removed/last/drop(g)#1";
const STORE: &str = "ordering:SeqCst->Release/flag/f.store(true,Ordering::SeqCst)#1";
const LOAD: &str = "ordering:SeqCst->Acquire/flag/f.load(Ordering::SeqCst)#1";

fn equivalent(id: &str) -> String {
    format!("[[equivalent]]\nmutant = \"{id}\"\nwhy = \"one thread: no ordering is observable\"\n")
}

/// The fixture: catalogue, shipped exercise (count is wrong), solution, checks, layout.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let file = root.join(rel);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    };
    write("info.toml", INFO);
    let shipped = SOLUTION.replace(
        "rx.iter().count()",
        "// TODO: count what arrives\n    rx.iter().count() - 1",
    );
    write("exercises/01_x/counter.rs", &shipped);
    write("exercises/01_x/README.md", "# x\n");
    write("solutions/01_x/counter.rs", SOLUTION);
    write("tests/checks/counter/test.rs", CHECKS);
    let config = fs::read_to_string(common::repo().join("exercises/rustfmt.toml")).unwrap();
    write("exercises/rustfmt.toml", &config);
    write("solutions/rustfmt.toml", &config);
    assert!(workbook(root, &["dev", "editor"]).status.success());
    dir
}

fn workbook(root: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("workbook")
        .unwrap()
        .arg("-C")
        .arg(root)
        .args(args)
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn fates(report: &Value) -> Vec<(String, String)> {
    report["mutants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m["fate"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn mutants_are_killed_did_not_compile_or_survive_and_survivors_must_be_explained() {
    let dir = fixture();
    let root = dir.path();
    let answers = root.join("tests/answers/counter");
    fs::create_dir_all(&answers).unwrap();
    fs::write(answers.join("mutants.toml"), equivalent(STORE)).unwrap();

    let out = workbook(root, &["dev", "mutants", "counter", "--format", "json"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unexplained survivor fails:\n{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let mut got = fates(&report);
    got.sort();
    let mut want: Vec<(String, String)> = [
        (KILLED, "killed"),
        (DID_NOT_COMPILE, "did-not-compile"),
        (STORE, "equivalent"),
        (LOAD, "survived"),
    ]
    .iter()
    .map(|(i, f)| (i.to_string(), f.to_string()))
    .collect();
    want.sort();
    assert_eq!(got, want, "{stderr}");
    assert_eq!(report["counts"]["mutants"], 4);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].as_str().unwrap().contains(LOAD));
    // Progress on stderr, one line per mutant, without colour codes when piped; `main` is
    // left alone (no check runs it).
    assert!(
        stderr.contains("[1/4] counter") && stderr.contains("[4/4] counter"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");

    // A stale record is a problem too; `dev check --mutants` fails on both.
    let stale = "ordering:SeqCst->Acquire/gone/x.load(Ordering::SeqCst)#1";
    fs::write(
        answers.join("mutants.toml"),
        equivalent(STORE) + &equivalent(stale),
    )
    .unwrap();
    let out = workbook(root, &["dev", "check", "counter", "--mutants"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(LOAD) && stdout.contains("names no mutant"),
        "{stdout}"
    );

    // Every survivor explained, nothing stale: `dev check --mutants` passes, and the text
    // summary counts each fate.
    fs::write(
        answers.join("mutants.toml"),
        equivalent(STORE) + &equivalent(LOAD),
    )
    .unwrap();
    let out = workbook(root, &["dev", "check", "counter", "--mutants"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let out = workbook(root, &["dev", "mutants", "counter"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "4 mutants: 1 killed, 1 did not compile, 2 survived (2 equivalent, 0 unexplained), 0 errors"
        ),
        "{stdout}"
    );
}

#[test]
fn an_unknown_name_is_one_line_and_exit_2() {
    let dir = fixture();
    let out = workbook(dir.path(), &["dev", "mutants", "counter", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("unknown exercise `nosuch`"), "{stderr}");
}

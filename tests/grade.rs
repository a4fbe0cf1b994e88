//! `workbook grade`: the hostile-submission suite (one class of submissions that each try
//! one way to hang, crash, flood or game the grader), bad input, and every report format
//! read back by a real consumer (a JUnit XML parser, a CSV reader, JSON).

mod common;
use common::{copy_tree, copy_workbook, repo, shared_target, text};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// Exercises graded in these tests: one per check mode (test, loom, compile-fail).
const ONLY: &str = "threads1,mutex_counter,not_send";
const THREADS1: &str = "exercises/01_threads/threads1.rs";
const MUTEX_COUNTER: &str = "exercises/03_shared_state/mutex_counter.rs";
const COUNT_ERRORS: &str =
    "pub fn count_errors(chunks: Vec<Vec<String>>, is_error: fn(&str) -> bool) -> usize {";
const TAKE: &str = "pub fn take(&self) -> u64 {";

/// The grader: a temporary copy of this workbook (catalogue, checks, solutions), sharing
/// the repository's build of loom and trybuild.
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
}

/// A submission whose every exercise is the shipped solution.
fn solved(dir: &Path) -> PathBuf {
    copy_tree(&repo().join("solutions"), &dir.join("exercises"));
    dir.to_path_buf()
}

/// A solved submission with `find` replaced by `replace` in the file `rel`.
fn solved_but(dir: &Path, rel: &str, find: &str, replace: &str) -> PathBuf {
    solved(dir);
    let path = dir.join(rel);
    let code = fs::read_to_string(&path).unwrap();
    assert!(code.contains(find), "`{find}` not in {rel}");
    fs::write(&path, code.replacen(find, replace, 1)).unwrap();
    dir.to_path_buf()
}

/// Every file under `dir` with its contents (or symlink target) and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, Option<std::time::SystemTime>)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        files.insert(d.clone(), (Vec::new(), None));
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let contents = if meta.file_type().is_symlink() {
                fs::read_link(&path)
                    .unwrap()
                    .into_os_string()
                    .into_encoded_bytes()
            } else if meta.is_dir() {
                stack.push(path.clone());
                continue;
            } else if meta.is_file() {
                fs::read(&path).unwrap()
            } else {
                b"(special file)".to_vec()
            };
            files.insert(path, (contents, meta.modified().ok()));
        }
    }
    files
}

/// The verdict kind and points of each exercise of each submission, from the JSON report.
fn verdicts(report: &Value) -> BTreeMap<String, BTreeMap<String, (String, u64)>> {
    report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let exercises = s["exercises"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["name"].as_str().unwrap().to_string(),
                        (
                            e["verdict"].as_str().unwrap().to_string(),
                            e["points"].as_u64().unwrap(),
                        ),
                    )
                })
                .collect();
            (s["submission"].as_str().unwrap().to_string(), exercises)
        })
        .collect()
}

/// One class of hostile submissions, graded in one run. Each case names the exercise it
/// attacks and the verdict that exercise must get; every other exercise must still pass with
/// full points, nothing in any submission may change, and the grader must exit 0.
#[test]
fn hostile_submissions_cost_only_their_own_points() {
    let grader = Grader::new();
    // The gate refuses `process::exit` before anything runs (tests/cli.rs and the gate's own
    // tests prove it); this teacher allows it for the two attacked exercises, so that the
    // early exits below reach the runner, whose evidence must be what stops them.
    let info = grader.dir.path().join("info.toml");
    let mut catalogue = fs::read_to_string(&info).unwrap();
    for name in ["threads1", "mutex_counter"] {
        let entry = format!("name = \"{name}\"\n");
        assert!(catalogue.contains(&entry), "{name} in info.toml");
        catalogue = catalogue.replacen(&entry, &format!("{entry}allow = [\"exit\"]\n"), 1);
    }
    fs::write(&info, catalogue).unwrap();
    let class = tempfile::tempdir().unwrap();
    let dir = |name: &str| {
        let d = class.path().join(name);
        fs::create_dir_all(&d).unwrap();
        d
    };
    // An outside file a symlink can point at: the solution itself, which must not count.
    let outside = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("solutions"), outside.path());

    // (submission, the exercise it attacks ("*": all), the verdicts that exercise may get)
    let mut cases: Vec<(PathBuf, &str, &[&str])> = Vec::new();
    cases.push((solved(&dir("solved")), "", &["pass"]));
    cases.push((
        solved_but(
            &dir("infinite_loop"),
            THREADS1,
            COUNT_ERRORS,
            &format!("{COUNT_ERRORS}\n    loop {{ std::hint::spin_loop(); }}"),
        ),
        "threads1",
        &["timed-out"],
    ));
    cases.push((
        solved_but(
            &dir("endless_output"),
            THREADS1,
            COUNT_ERRORS,
            &format!("{COUNT_ERRORS}\n    loop {{ println!(\"spam spam spam spam spam\"); }}"),
        ),
        "threads1",
        // The grader keeps only the first part of the output: the time limit ends it (or the
        // memory limit, where a copy of the output is kept in memory).
        &["timed-out", "crashed"],
    ));
    cases.push((
        solved_but(
            &dir("thread_bomb"),
            THREADS1,
            COUNT_ERRORS,
            &format!(
                "{COUNT_ERRORS}\n    loop {{ std::thread::spawn(|| loop {{ std::thread::park(); }}); }}"
            ),
        ),
        "threads1",
        // Either spawning fails (a panic) or memory runs out first (an abort).
        &["test-failed", "crashed"],
    ));
    // Zeroed 64 MiB blocks reach the 2 GiB address-space limit in ~32 allocations without
    // touching memory: the memory limit, not the clock, ends it, even on a loaded machine.
    cases.push((
        solved_but(
            &dir("huge_allocation"),
            THREADS1,
            COUNT_ERRORS,
            &format!(
                "{COUNT_ERRORS}\n    let mut hoard = Vec::new();\n    loop {{ hoard.push(vec![0u8; 1 << 26]); }}"
            ),
        ),
        "threads1",
        &["crashed"],
    ));
    cases.push((
        solved_but(
            &dir("panics"),
            THREADS1,
            COUNT_ERRORS,
            &format!("{COUNT_ERRORS}\n    panic!(\"gave up\");"),
        ),
        "threads1",
        &["test-failed"],
    ));
    cases.push((
        solved_but(
            &dir("deadlock"),
            MUTEX_COUNTER,
            TAKE,
            &format!("{TAKE}\n        let _first = self.last.lock().unwrap();"),
        ),
        "mutex_counter",
        &["deadlock"],
    ));

    // Early exits with success: a check passes only with the runner's evidence of it.
    let exits: [(&str, &str, &str, &str); 5] = [
        (
            "exit_in_function",
            THREADS1,
            COUNT_ERRORS,
            "\n    std::process::exit(0);",
        ),
        (
            "exit_in_thread",
            THREADS1,
            COUNT_ERRORS,
            "\n    let _ = std::thread::spawn(|| {\n        std::process::exit(0);\n    })\n    .join();",
        ),
        (
            "exit_in_drop",
            THREADS1,
            COUNT_ERRORS,
            "\n    struct Quit;\n    impl Drop for Quit {\n        fn drop(&mut self) {\n            std::process::exit(0);\n        }\n    }\n    let _quit = Quit;",
        ),
        (
            "fake_report",
            THREADS1,
            COUNT_ERRORS,
            "\n    println!(\"test workbook_tests::many_chunks ... ok\\nWORKBOOK-OK 0 workbook_tests::many_chunks\\nWORKBOOK-DONE 0 4\\ntest result: ok. 4 passed; 0 failed\");\n    std::process::exit(0);",
        ),
        (
            "exit_in_model",
            MUTEX_COUNTER,
            TAKE,
            "\n        std::process::exit(0);",
        ),
    ];
    for (name, file, find, exit) in exits {
        let attacked = if file == THREADS1 {
            "threads1"
        } else {
            "mutex_counter"
        };
        cases.push((
            solved_but(&dir(name), file, find, &format!("{find}{exit}")),
            attacked,
            &["crashed"],
        ));
    }

    // The shipped (failing) threads1, with the checks, catalogue and build edited to pass it.
    let edited = solved(&dir("edited_checks"));
    copy_tree(&repo().join(THREADS1), &edited.join(THREADS1));
    copy_tree(&repo().join("tests/checks"), &edited.join("tests/checks"));
    fs::write(
        edited.join("tests/checks/threads1/test.rs"),
        "#[test]\nfn always() {}\n",
    )
    .unwrap();
    fs::write(
        edited.join("info.toml"),
        "[[exercises]]\nname = \"threads1\"\npath = \"exercises/01_threads/threads1.rs\"\n\
         topic = \"x\"\nchecks = []\npoints = 100\nhints = [\"a\", \"b\"]\nfails_with = \"pass\"\n",
    )
    .unwrap();
    fs::write(edited.join("Cargo.toml"), "[workspace]\nthis is not toml\n").unwrap();
    let marker = class.path().join("build-rs-ran");
    let build_rs = format!(
        "fn main() {{ std::fs::write({:?}, \"ran\").unwrap(); }}\n",
        marker.display().to_string()
    );
    fs::write(edited.join("build.rs"), &build_rs).unwrap();
    fs::write(edited.join("exercises/01_threads/build.rs"), &build_rs).unwrap();
    cases.push((edited, "threads1", &["test-failed"]));

    let link_out = solved(&dir("symlink_out"));
    fs::remove_file(link_out.join(THREADS1)).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("01_threads/threads1.rs"),
        link_out.join(THREADS1),
    )
    .unwrap();
    cases.push((link_out, "threads1", &["rejected"]));

    let dir_out = solved(&dir("symlinked_dir_out"));
    fs::remove_dir_all(dir_out.join("exercises/03_shared_state")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("03_shared_state"),
        dir_out.join("exercises/03_shared_state"),
    )
    .unwrap();
    cases.push((dir_out, "mutex_counter", &["rejected"]));

    // A symlink within the submission is the student's own file: it counts.
    let link_in = solved(&dir("symlink_inside"));
    fs::rename(link_in.join(THREADS1), link_in.join("my_threads1.rs")).unwrap();
    std::os::unix::fs::symlink("../../my_threads1.rs", link_in.join(THREADS1)).unwrap();
    cases.push((link_in, "", &["pass"]));

    let non_utf8 = solved(&dir("non_utf8"));
    fs::write(non_utf8.join(THREADS1), b"fn main() { \xff\xfe }\n").unwrap();
    cases.push((non_utf8, "threads1", &["rejected"]));

    let missing = solved(&dir("missing_file"));
    fs::remove_file(missing.join(THREADS1)).unwrap();
    cases.push((missing, "threads1", &["rejected"]));

    let fifo = solved(&dir("fifo"));
    fs::remove_file(fifo.join(THREADS1)).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(fifo.join(THREADS1))
            .status()
            .unwrap()
            .success()
    );
    cases.push((fifo, "threads1", &["rejected"]));

    let empty = dir("empty");
    cases.push((empty, "*", &["rejected"]));

    let before: Vec<_> = cases.iter().map(|(p, ..)| snapshot(p)).collect();
    let report_file = class.path().join("report.json");
    let mut args = vec![
        "--only",
        ONLY,
        "--timeout",
        "3",
        "--memory",
        "512",
        "--jobs",
        "2",
        "--format",
        "json",
        "-o",
    ];
    let report_arg = report_file.display().to_string();
    args.push(&report_arg);
    let paths: Vec<String> = cases
        .iter()
        .map(|(p, ..)| p.display().to_string())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let out = grader.grade(&args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let report: Value = serde_json::from_str(&fs::read_to_string(&report_file).unwrap()).unwrap();
    if std::env::var_os("SHOW_REPORT").is_some() {
        eprintln!("{}", serde_json::to_string_pretty(&report).unwrap());
    }
    let got = verdicts(&report);
    let points: BTreeMap<&str, u64> =
        BTreeMap::from([("threads1", 1), ("mutex_counter", 2), ("not_send", 2)]);
    for ((path, attacked, want), before) in cases.iter().zip(&before) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let grades = &got[&name];
        assert_eq!(grades.len(), 3, "{name}: {grades:?}");
        for (exercise, (verdict, pts)) in grades {
            if *attacked == "*" || exercise == attacked {
                assert!(
                    want.contains(&verdict.as_str()),
                    "{name}: {exercise}: {grades:?}"
                );
                assert_eq!(*pts, 0, "{name}: {exercise}");
            } else {
                assert_eq!(verdict, "pass", "{name}: {exercise}: {grades:?}");
                assert_eq!(*pts, points[exercise.as_str()], "{name}: {exercise}");
            }
        }
        assert_eq!(
            &snapshot(path),
            before,
            "{name}: the submission changed on disk"
        );
    }
    assert!(!marker.exists(), "a submission's build.rs ran");
    // The scores in order: the class report lists submissions as given.
    let order: Vec<&str> = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["submission"].as_str().unwrap())
        .collect();
    let given: Vec<String> = cases
        .iter()
        .map(|(p, ..)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(order, given);
}

/// A report without durations (the only part that may differ between two runs).
fn without_durations(mut v: Value) -> Value {
    match &mut v {
        Value::Object(map) => {
            map.remove("duration");
            for value in map.values_mut() {
                *value = without_durations(value.take());
            }
        }
        Value::Array(items) => {
            for item in items {
                *item = without_durations(item.take());
            }
        }
        _ => {}
    }
    v
}

#[test]
fn every_report_format_reads_back_and_grading_is_deterministic() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let solved = solved(&class.path().join("ada"));
    let shipped = class.path().join("bob");
    copy_tree(&repo().join("exercises"), &shipped.join("exercises"));
    let only = "threads1,mutex_counter";
    let paths = [solved.display().to_string(), shipped.display().to_string()];
    let report = |format: &str, paths: &[String]| -> String {
        let file = class.path().join(format!("report.{format}"));
        let mut args = vec!["--only", only, "--format", format, "-o"];
        let file_arg = file.display().to_string();
        args.push(&file_arg);
        args.extend(paths.iter().map(String::as_str));
        let out = grader.grade(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        fs::read_to_string(&file).unwrap()
    };

    // JSON: the documented fields, and the same report twice apart from durations.
    let json: Value = serde_json::from_str(&report("json", &paths)).unwrap();
    assert_eq!(json["schema"], "workbook-grade/1");
    assert_eq!(json["max_score"], 3);
    let bob = &json["submissions"][1];
    assert_eq!(bob["submission"], "bob");
    assert_eq!(
        (bob["score"].as_u64(), bob["max_score"].as_u64()),
        (Some(0), Some(3))
    );
    let mc = &bob["exercises"][1];
    assert_eq!(mc["name"], "mutex_counter");
    assert_eq!(mc["verdict"], "interleaving");
    assert_eq!(
        (mc["points"].as_u64(), mc["max_points"].as_u64()),
        (Some(0), Some(2))
    );
    assert!(
        mc["message"]
            .as_str()
            .unwrap()
            .starts_with("interleaving found")
    );
    assert!(mc["duration"].is_number());
    assert_eq!(mc["details"]["kind"], "interleaving");
    // Graded afresh, not read back from the first run's verdict cache.
    let paths_no_cache = [&paths[..], &["--no-cache".to_string()]].concat();
    let again: Value = serde_json::from_str(&report("json", &paths_no_cache)).unwrap();
    assert!(again["submissions"][0]["exercises"][0]["cached"] == false);
    assert_eq!(without_durations(json), without_durations(again));

    // JUnit, read by an XML parser: a testsuite per submission, a testcase per exercise,
    // a failure (typed by verdict) per failing exercise.
    let xml = report("junit", &paths);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut suites, mut cases, mut failures) = (Vec::new(), 0, Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                match e.name().as_ref() {
                    b"testsuite" => suites.push(attr("name").unwrap()),
                    b"testcase" => cases += 1,
                    b"failure" => failures.push(attr("type").unwrap()),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(suites, ["ada", "bob"]);
    assert_eq!(cases, 4);
    assert_eq!(failures, ["test-failed", "interleaving"]);

    // CSV, read by a CSV reader: a gradebook row per student.
    let csv = report("csv", &paths);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "student",
            "threads1",
            "mutex_counter",
            "total",
            "max",
            "flags",
            "sandbox",
            "seed"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let modes: Vec<String> = rows.iter().map(|r| r[6].clone()).collect();
    assert!(!modes[0].is_empty() && modes[0] == modes[1], "{csv}");
    // No `--seed`: each file drew from its own, so the run's seed column is empty.
    assert!(rows.iter().all(|r| r[7].is_empty()), "{csv}");
    let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r[..6].to_vec()).collect();
    assert_eq!(
        rows,
        [
            ["ada", "1", "2", "3", "3", ""],
            ["bob", "0", "0", "0", "3", ""]
        ]
    );

    // Gradescope: results.json for one submission, with the fields Gradescope reads.
    let gs: Value = serde_json::from_str(&report("gradescope", &paths[1..])).unwrap();
    assert_eq!(
        (gs["score"].as_u64(), gs["max_score"].as_u64()),
        (Some(0), Some(3))
    );
    let tests = gs["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 2);
    for t in tests {
        assert!(t["name"].is_string() && t["output"].is_string(), "{t}");
        assert_eq!(t["status"], "failed");
        assert_eq!(t["score"], 0);
        assert!(t["max_score"].as_u64().unwrap() > 0);
        // The seed this exercise's checks drew from (the file's own, without `--seed`).
        let seed = t["extra_data"]["seed"].as_str().unwrap_or_default();
        assert!(seed.starts_with("0x") && seed.len() == 18, "{t}");
    }
    assert!(gs["extra_data"].get("seed").is_none(), "{gs}");

    // Text: a table per submission and the class summary.
    let table = report("text", &paths);
    assert!(table.contains("ada  3/3 points"), "{table}");
    assert!(table.contains("bob  0/3 points"), "{table}");
    assert!(table.contains("Class: 2 submissions"), "{table}");
}

/// `grade --seed N` is carried by the gradebook (a `seed` column) and by Gradescope's
/// `extra_data` (the run's, and each test's), as verdicts print it, so a teacher reading
/// either can repeat the inputs: the same string `--seed` takes back.
#[test]
fn the_grading_seed_is_in_the_gradebook_and_in_gradescope_results() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let ada = solved(&class.path().join("ada")).display().to_string();
    let report = |format: &str| -> String {
        let file = class.path().join(format!("seeded.{format}"));
        let file_arg = file.display().to_string();
        let args = [
            "--only", "threads1", "--seed", "7", "--format", format, "-o", &file_arg, &ada,
        ];
        let out = grader.grade(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        fs::read_to_string(&file).unwrap()
    };
    let seed = "0x0000000000000007";

    let csv = report("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = header
        .iter()
        .position(|h| h == "seed")
        .expect("a seed column");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert_eq!(&rows[0][column], seed, "{csv}");
    assert_eq!(&rows[0][0], "ada", "{csv}");

    let gs: Value = serde_json::from_str(&report("gradescope")).unwrap();
    assert_eq!(gs["extra_data"]["seed"], seed, "{gs}");
    assert!(gs["extra_data"]["sandbox"].is_string(), "{gs}");
    assert_eq!(gs["tests"][0]["name"], "threads1", "{gs}");
    assert_eq!(gs["tests"][0]["extra_data"]["seed"], seed, "{gs}");
    assert_eq!(gs["tests"][0]["status"], "passed", "{gs}");
}

/// A panic caught inside a loom model (by a check's `catch_unwind`, in the model's main
/// thread or in a thread it spawned) failed nothing: a model that ends well passes, and a
/// model that then fails is read by its own failure, never by the caught panic's message.
#[test]
fn a_panic_caught_inside_a_model_is_not_its_failure() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let ada = solved(&class.path().join("ada"));
    let hidden = class.path().join("hidden");
    fs::create_dir_all(hidden.join("mutex_counter")).unwrap();
    fs::write(
        hidden.join("mutex_counter/loom.rs"),
        r#"use super::*;
use crate::std::sync::Arc;

fn caught(what: &str) {
    let r = ::std::panic::catch_unwind(|| ::std::panic!("CAUGHT-{}", what));
    ::std::assert!(r.is_err());
}

#[test]
fn hidden_a_caught_panic_then_a_pass() {
    crate::std::__workbook::model(|| {
        let m = Arc::new(TicketMachine::new());
        let m2 = Arc::clone(&m);
        let clerk = crate::std::thread::spawn(move || {
            caught("in a spawned thread");
            m2.take()
        });
        caught("in the model");
        let mine = m.take();
        ::std::assert_ne!(mine, clerk.join().unwrap());
    });
}

#[test]
fn hidden_a_caught_panic_then_the_failure() {
    crate::std::__workbook::model(|| {
        let m = Arc::new(TicketMachine::new());
        let m2 = Arc::clone(&m);
        let clerk = crate::std::thread::spawn(move || {
            caught("in a spawned thread");
            m2.take()
        });
        caught("in the model");
        let mine = m.take();
        let theirs = clerk.join().unwrap();
        caught("after the join");
        ::std::assert_eq!(mine + theirs, 0, "THE-MODEL-FAILS-HERE");
    });
}
"#,
    )
    .unwrap();
    let out_file = class.path().join("r.json");
    let out = grader.grade(&[
        "--only",
        "mutex_counter",
        "--checks",
        &hidden.display().to_string(),
        "--format",
        "json",
        "-o",
        &out_file.display().to_string(),
        &ada.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_str(&fs::read_to_string(&out_file).unwrap()).unwrap();
    let graded = &report["submissions"][0]["exercises"][0];
    assert_eq!(graded["verdict"], "interleaving", "{graded}");
    let details = &graded["details"];
    let model = details["model"].as_str().unwrap_or_default();
    assert!(
        model.contains("hidden_a_caught_panic_then_the_failure"),
        "{graded}"
    );
    let message = graded["message"].as_str().unwrap();
    assert!(message.contains("THE-MODEL-FAILS-HERE"), "{message}");
    assert!(
        !message.contains("CAUGHT-"),
        "a caught panic read as the failure:\n{message}"
    );
    // The schedule is the failing execution's up to its failure: both takes are in it.
    let steps = details["steps"].as_array().expect("steps");
    let locks = steps
        .iter()
        .filter(|s| s.to_string().contains("lock"))
        .count();
    assert!(locks >= 2, "{graded}");
}

/// A teacher's extra checks run after the shipped ones, in every check mode.
#[test]
fn teacher_checks_are_merged_with_the_shipped_ones() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let ada = solved(&class.path().join("ada"));
    let hidden = class.path().join("hidden");
    fs::create_dir_all(hidden.join("threads1")).unwrap();
    fs::write(
        hidden.join("threads1/test.rs"),
        "use super::*;\n#[test]\nfn hidden_blank_lines() {\n    \
         assert_eq!(count_errors(vec![vec![String::new()]], |l| l.starts_with(\"ERROR\")), 1, \"hidden check\");\n}\n",
    )
    .unwrap();
    fs::create_dir_all(hidden.join("mutex_counter")).unwrap();
    fs::write(
        hidden.join("mutex_counter/loom.rs"),
        "use super::*;\n#[test]\nfn hidden_model() {\n    loom::model(|| {\n        \
         let m = TicketMachine::new();\n        assert_eq!(m.take(), 2, \"hidden model\");\n    });\n}\n",
    )
    .unwrap();
    fs::create_dir_all(hidden.join("not_send/compile_fail")).unwrap();
    fs::write(
        hidden.join("not_send/compile_fail/unit_is_not_send.rs"),
        "// expect: E0277\n// message: hidden case\nfn main() {\n    \
         fn send<T: Send>(_: T) {}\n    send(());\n}\n",
    )
    .unwrap();
    let out_file = class.path().join("r.json");
    let out = grader.grade(&[
        "--only",
        ONLY,
        "--checks",
        &hidden.display().to_string(),
        "--format",
        "json",
        "-o",
        &out_file.display().to_string(),
        &ada.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_str(&fs::read_to_string(&out_file).unwrap()).unwrap();
    let got = verdicts(&report);
    let ada = &got["ada"];
    assert_eq!(ada["threads1"].0, "test-failed");
    assert_eq!(ada["mutex_counter"].0, "interleaving");
    assert_eq!(ada["not_send"].0, "compile-fail-not-met");
    let messages = report.to_string();
    for hidden in ["hidden_blank_lines", "hidden_model", "hidden case"] {
        assert!(messages.contains(hidden), "{hidden} missing: {messages}");
    }
}

/// Bad input: exit 2 with one line saying what is wrong, before any grading.
#[test]
fn bad_input_is_one_line_and_exit_2() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let ada = solved(&class.path().join("ada"));
    let ada = ada.display().to_string();
    let file = class.path().join("notes.txt");
    fs::write(&file, "hi").unwrap();
    let parent = class.path().display().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["/no/such/dir".into()], "no such directory"),
        (vec![file.display().to_string()], "is not a directory"),
        (vec![parent.clone()], "grade"),
        (
            vec![
                "--format".into(),
                "gradescope".into(),
                ada.clone(),
                ada.clone(),
            ],
            "one submission",
        ),
        (
            vec!["--only".into(), "nope".into(), ada.clone()],
            "unknown exercise `nope`",
        ),
        (
            vec!["--checks".into(), "/no/such".into(), ada.clone()],
            "no such directory",
        ),
        (
            vec!["--checks".into(), parent.clone(), ada.clone()],
            "is not an exercise",
        ),
        (
            vec!["-o".into(), "/no/such/dir/r.csv".into(), ada.clone()],
            "cannot write there",
        ),
        (vec!["--timeout".into(), "0".into(), ada.clone()], "seconds"),
        (vec!["--format".into(), "xml".into(), ada.clone()], "xml"),
    ];
    for (args, want) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = grader.grade(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let first = err.lines().next().unwrap_or("");
        assert!(first.contains(want), "{args:?}: `{want}` not in: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("Graded"),
            "{args:?}: {err}"
        );
    }
}

/// A constructor file (`.init_array`) in one exercise earns nothing, and reaches no other
/// exercise of its submission: they get exactly the verdicts of the same files without it.
#[test]
fn a_constructor_file_is_rejected_and_reaches_no_other_exercise() {
    let grader = Grader::new();
    let class = tempfile::tempdir().unwrap();
    let unsolved = class.path().join("unsolved");
    copy_tree(&repo().join("exercises"), &unsolved.join("exercises"));
    let cheat = class.path().join("cheat");
    copy_tree(&repo().join("exercises"), &cheat.join("exercises"));
    let constructor = "\n#[used]\n#[unsafe(link_section = \".init_array\")]\nstatic INIT: extern \"C\" fn() = init;\nextern \"C\" fn init() {}\n";
    let path = cheat.join(THREADS1);
    let code = fs::read_to_string(&path).unwrap();
    let line = code.lines().count() + 2;
    fs::write(&path, format!("{code}{constructor}")).unwrap();
    // The same file API use in both submissions: an integrity flag, the same verdict.
    let reader =
        "\n#[allow(dead_code)]\nfn peek() -> bool {\n    std::fs::read(\"x\").is_ok()\n}\n";
    let mc = fs::read_to_string(repo().join(MUTEX_COUNTER)).unwrap();
    let fs_line = mc.lines().count() + 4;
    for sub in [&unsolved, &cheat] {
        fs::write(sub.join(MUTEX_COUNTER), format!("{mc}{reader}")).unwrap();
    }

    let report_file = class.path().join("report.json");
    let report_arg = report_file.display().to_string();
    let (a, b) = (unsolved.display().to_string(), cheat.display().to_string());
    let args = [
        "--only",
        ONLY,
        "--timeout",
        "3",
        "--format",
        "json",
        "-o",
        &report_arg,
        &a,
        &b,
    ];
    let out = grader.grade(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_str(&fs::read_to_string(&report_file).unwrap()).unwrap();
    let grades = verdicts(&report);
    let (alone, cheated) = (&grades["unsolved"], &grades["cheat"]);
    assert_eq!(cheated["threads1"], ("rejected".to_string(), 0));
    for name in ["mutex_counter", "not_send"] {
        assert_eq!(cheated[name], alone[name], "{name}");
        assert_eq!(cheated[name].1, 0, "{name}");
    }
    for s in 0..2 {
        let ex = &report["submissions"][s]["exercises"];
        assert_eq!(
            ex[1]["flags"],
            serde_json::json!([format!("fs (line {fs_line})")])
        );
        assert!(ex[0].get("flags").is_none(), "{}", ex[0]);
    }
    let message = report["submissions"][1]["exercises"][0]["message"]
        .as_str()
        .unwrap();
    assert!(
        message.contains(&format!("line {line}: `#[used]`")) && message.contains("rule `linkage`"),
        "{message}"
    );
}

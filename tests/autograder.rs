//! The autograder bundles, run end to end: Gradescope's `setup.sh` and `run_autograder` in a
//! temporary directory laid out like `/autograder`, and the GitHub Actions grading script.

mod common;
use common::{copy_tree, repo, shared_target};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const THREADS1: &str = "01_threads/threads1.rs";
const MUTEX_COUNTER: &str = "03_shared_state/mutex_counter.rs";

fn script(rel: &str) -> String {
    repo()
        .join("grader/autograder")
        .join(rel)
        .display()
        .to_string()
}

fn bash(args: &[&str], envs: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new("bash");
    cmd.args(args)
        .env("WORKBOOK_BIN", env!("CARGO_BIN_EXE_workbook"))
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A copy of this workbook as Gradescope unpacks the bundle into /autograder/source.
fn autograder_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("source");
    for entry in ["info.toml", "exercises", "solutions", "tests/checks"] {
        copy_tree(&repo().join(entry), &source.join(entry));
    }
    fs::write(
        source.join("autograder.conf"),
        "ONLY=\"threads1,mutex_counter\"\n",
    )
    .unwrap();
    root
}

fn results(root: &Path) -> Value {
    let text = fs::read_to_string(root.join("results/results.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn gradescope_bundle_grades_a_whole_workbook_and_loose_files() {
    let root = autograder_root();
    let env = [("AUTOGRADER_ROOT", root.path())];
    ok(&bash(&[&script("gradescope/setup.sh")], &env));

    // A whole workbook: threads1 solved, mutex_counter as shipped.
    let submission = root.path().join("submission");
    copy_tree(&repo().join("exercises"), &submission.join("exercises"));
    copy_tree(
        &repo().join("solutions").join(THREADS1),
        &submission.join("exercises").join(THREADS1),
    );
    ok(&bash(&[&script("gradescope/run_autograder")], &env));
    let r = results(root.path());
    assert_eq!(
        (r["score"].as_u64(), r["max_score"].as_u64()),
        (Some(1), Some(3)),
        "{r}"
    );
    let tests = r["tests"].as_array().unwrap();
    let names: Vec<&str> = tests.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["threads1", "mutex_counter"]);
    assert_eq!(tests[0]["status"], "passed");
    assert_eq!(tests[1]["status"], "failed");
    assert!(
        tests[1]["output"]
            .as_str()
            .unwrap()
            .contains("interleaving found"),
        "{r}"
    );

    // Loose files uploaded without their folders: matched to exercises by name.
    fs::remove_dir_all(&submission).unwrap();
    fs::create_dir_all(&submission).unwrap();
    for rel in [THREADS1, MUTEX_COUNTER] {
        let name = Path::new(rel).file_name().unwrap();
        fs::copy(repo().join("solutions").join(rel), submission.join(name)).unwrap();
    }
    ok(&bash(&[&script("gradescope/run_autograder")], &env));
    let r = results(root.path());
    assert_eq!(
        (r["score"].as_u64(), r["max_score"].as_u64()),
        (Some(3), Some(3)),
        "{r}"
    );
    assert_eq!(
        fs::read_dir(&submission).unwrap().count(),
        2,
        "the submission directory changed"
    );
}

#[test]
fn gradescope_results_say_so_when_grading_cannot_run() {
    let root = autograder_root();
    fs::create_dir_all(root.path().join("submission")).unwrap();
    let out = bash(
        &[&script("gradescope/run_autograder")],
        &[
            ("AUTOGRADER_ROOT", root.path()),
            ("WORKBOOK_BIN", Path::new("/no/such/workbook")),
        ],
    );
    ok(&out);
    let r = results(root.path());
    assert_eq!(r["score"], 0);
    assert!(
        r["output"].as_str().unwrap().contains("could not grade"),
        "{r}"
    );
}

#[test]
fn github_workflow_script_writes_the_reports_it_uploads() {
    let dir = tempfile::tempdir().unwrap();
    let submission = dir.path().join("submission");
    copy_tree(&repo().join("solutions"), &submission.join("exercises"));
    let reports = dir.path().join("reports");
    let summary = dir.path().join("summary.md");
    fs::write(&summary, "").unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(script("github/grade.sh"))
        .arg(repo())
        .arg(&submission)
        .arg(&reports)
        .env("WORKBOOK_BIN", env!("CARGO_BIN_EXE_workbook"))
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .env("WORKBOOK_GRADE_ARGS", "--only threads1,not_send")
        .env("GITHUB_STEP_SUMMARY", &summary);
    let out = cmd.output().unwrap();
    ok(&out);
    let json: Value =
        serde_json::from_str(&fs::read_to_string(reports.join("grade.json")).unwrap()).unwrap();
    assert_eq!(json["submissions"][0]["score"], 3);
    let xml = fs::read_to_string(reports.join("junit.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut cases = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e)
                if e.name().as_ref() == b"testcase" =>
            {
                cases += 1
            }
            _ => {}
        }
    }
    assert_eq!(cases, 2);
    let summary = fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("3/3 points"), "{summary}");

    // The workflow runs this script and uploads what it writes.
    let workflow = fs::read_to_string(repo().join("grader/autograder/github/grade.yml")).unwrap();
    assert!(
        workflow
            .contains("bash grader/grader/autograder/github/grade.sh grader submission reports")
    );
    assert!(workflow.contains("path: reports/"));
}

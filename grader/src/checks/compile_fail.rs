//! The compile-fail check: trybuild cases in `tests/checks/<name>/compile_fail/` must not
//! compile against the learner's code, and those in `compile_pass/` must compile and run.
//!
//! trybuild's usual `.stderr` snapshots would embed the learner's own text (the type they
//! chose, how they laid out the struct) and reject correct answers. Instead trybuild runs
//! with `TRYBUILD=overwrite`, which accepts any compile error and writes it down, and each
//! case states what its error must contain in header comments:
//!
//! ```text
//! // expect: E0277
//! // expect: cannot be sent between threads safely
//! // message: `Token` can still be sent to another thread; it must not be `Send`.
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::output::strip_ansi;
use crate::build::scrub_env;
use crate::catalogue::Exercise;
use crate::harness::{Harness, write_if_changed};
use crate::process::{self, Exit, Limits};
use crate::verdict::Verdict;

struct Case {
    name: String,
    path: PathBuf,
    must_compile: bool,
    expect: Vec<String>,
    message: String,
}

pub fn check(
    harness: &Harness,
    exercise: &Exercise,
    source: &Path,
    driver: &Path,
    limits: Limits,
) -> Result<Verdict> {
    let cases = write_cases(harness, exercise, source)?;
    if cases.is_empty() {
        return Ok(Verdict::error(format!(
            "no compile-fail cases found for `{}` (tests/checks/{}/compile_fail/)",
            exercise.name, exercise.name
        )));
    }
    for case in &cases {
        let _ = fs::remove_file(case.path.with_extension("stderr"));
    }
    let list: Vec<String> = cases
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                if c.must_compile { "pass" } else { "fail" },
                c.path.display()
            )
        })
        .collect();
    let mut cmd = Command::new(driver);
    cmd.args(["--nocapture", "--test-threads=1"]);
    scrub_env(&mut cmd, &harness.target_dir);
    cmd.env("CARGO_MANIFEST_DIR", &harness.dir);
    cmd.env("TRYBUILD", "overwrite");
    cmd.env("WORKBOOK_CASES", list.join("\n"));
    cmd.env("RUST_BACKTRACE", "0");
    cmd.current_dir(&harness.dir);
    // trybuild compiles: give it the build's patience, not a test's.
    let limits = Limits {
        timeout: limits.timeout.max(std::time::Duration::from_secs(300)),
        // rustc, not the learner's code, runs here: no need of a memory limit, and rustc maps
        // more address space than it uses.
        memory_bytes: None,
        // A build, not student code (compile_pass programs run sandboxed once the runner runs them).
        sandbox: None,
        ..limits
    };
    let out = process::run(cmd, limits)?;
    if out.exit == Exit::TimedOut {
        return Ok(Verdict::TimedOut {
            check: "compile-fail".into(),
            seconds: limits.timeout.as_secs_f64(),
            running: None,
        });
    }
    let printed = strip_ansi(&format!("{}\n{}", out.stdout, out.stderr));
    for case in &cases {
        let verdict = if case.must_compile {
            judge_pass(case, &printed)
        } else {
            judge_fail(case)?
        };
        if !verdict.passed() {
            return Ok(verdict);
        }
    }
    Ok(Verdict::Pass)
}

fn judge_fail(case: &Case) -> Result<Verdict> {
    let Ok(stderr) = fs::read_to_string(case.path.with_extension("stderr")) else {
        return Ok(Verdict::CompileFailNotMet {
            case: case.name.clone(),
            message: case.message.clone(),
            detail: "this case compiled, and it must not".into(),
        });
    };
    let missing: Vec<&String> = case
        .expect
        .iter()
        .filter(|e| !stderr.contains(e.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(Verdict::Pass);
    }
    let first_error = stderr
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or("")
        .to_string();
    Ok(Verdict::CompileFailNotMet {
        case: case.name.clone(),
        message: case.message.clone(),
        detail: format!(
            "it fails to compile, but not for the expected reason (expected {}); the compiler said: {first_error}",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    })
}

fn judge_pass(case: &Case, printed: &str) -> Verdict {
    let file = case
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ok = printed
        .lines()
        .any(|l| l.starts_with("test ") && l.contains(&file) && l.trim_end().ends_with(" ... ok"));
    if ok {
        return Verdict::Pass;
    }
    let detail: Vec<&str> = printed
        .lines()
        .skip_while(|l| !(l.starts_with("test ") && l.contains(&file)))
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('┈'))
        .take(12)
        .collect();
    Verdict::CompileFailNotMet {
        case: case.name.clone(),
        message: case.message.clone(),
        detail: detail.join("\n"),
    }
}

/// Copies each case into the harness, prefixed with the learner's code in a module.
fn write_cases(harness: &Harness, exercise: &Exercise, source: &Path) -> Result<Vec<Case>> {
    let out_dir = harness.dir.join("cases").join(&exercise.name);
    fs::create_dir_all(&out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let mut cases = Vec::new();
    let dirs = harness.check_dirs(exercise);
    let subdirs = [("compile_fail", false), ("compile_pass", true)];
    for (owner, (sub, must_compile)) in (0..dirs.len()).flat_map(|i| subdirs.map(|s| (i, s))) {
        let dir = dirs[owner].join(sub);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        for file in files {
            let body = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let stem = file
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let header = |key: &str| -> Vec<String> {
                body.lines()
                    .filter_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
                    .collect()
            };
            let message = header("// message:").join(" ");
            // A teacher's case may share a shipped case's name.
            let owner = if owner == 0 { "" } else { "teacher__" };
            let path = out_dir.join(format!("{owner}{sub}__{stem}.rs"));
            let text = format!(
                "#[allow(dead_code, unused)]\nmod exercise {{\n    include!({:?});\n}}\n#[allow(unused_imports)]\nuse exercise::*;\n\n{body}",
                source.display().to_string()
            );
            write_if_changed(&path, &text)?;
            cases.push(Case {
                name: stem.clone(),
                path,
                must_compile,
                expect: header("// expect:"),
                message: if message.is_empty() {
                    format!("the case `{stem}` did not behave as expected")
                } else {
                    message
                },
            });
        }
    }
    Ok(cases)
}

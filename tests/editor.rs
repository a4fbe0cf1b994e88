//! Editor support: rust-analyzer knows every exercise and solution file.
//!
//! rust-analyzer loads the workspace at the repository root (`cargo metadata`) and checks it
//! with `cargo check`; these tests ask cargo the same questions.

mod common;
use common::{repo, text};

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn metadata() -> Value {
    let out = cargo()
        .current_dir(repo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn the_workspace_has_a_target_for_every_exercise_and_solution_file() {
    let meta = metadata();
    let sources: Vec<PathBuf> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().unwrap())
        .map(|t| canonical(Path::new(t["src_path"].as_str().unwrap())))
        .collect();
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    for e in &wb.catalogue.exercises {
        for file in [e.path.clone(), e.solution_path()] {
            let file = canonical(&repo().join(file));
            assert!(
                sources.contains(&file),
                "no workspace target is {}",
                file.display()
            );
        }
    }
    // `cargo build` and `cargo test` at the root still build the grader only (its command
    // line and workbook-core): the editor package is a member, not a default member.
    let name_of = |id: &Value| {
        let id = id.as_str().unwrap();
        meta["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    let defaults: Vec<String> = meta["workspace_default_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(name_of)
        .collect();
    assert_eq!(defaults, ["workbook", "workbook-core"]);
    let members: Vec<String> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(name_of)
        .collect();
    assert!(
        members.contains(&workbook::editor::PACKAGE.to_string()),
        "{members:?}"
    );
}

#[test]
fn the_editor_package_is_the_one_info_toml_generates() {
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    assert_eq!(workbook::editor::problem(&wb.root, &wb.catalogue), None);
}

/// What rust-analyzer shows for a shipped compile-error exercise: the compiler's error, at a
/// line of the exercise file itself.
#[test]
fn a_compile_error_exercise_shows_its_error_in_the_exercise_file() {
    let wb = workbook::workbook::Workbook::open(&repo()).unwrap();
    let ex = wb
        .catalogue
        .exercises
        .iter()
        .find(|e| e.fails_with == workbook::verdict::VerdictKind::CompileError)
        .expect("a shipped compile-error exercise");
    let target = tempfile::tempdir().unwrap();
    let out = cargo()
        .current_dir(repo())
        .args(["check", "--offline", "--message-format", "json", "-p"])
        .arg(workbook::editor::PACKAGE)
        .args(["--example", &ex.name, "--target-dir"])
        .arg(target.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "{} compiled", ex.name);
    let file = canonical(&repo().join(&ex.path));
    let lines = std::fs::read_to_string(&file).unwrap().lines().count() as u64;
    let errors: Vec<u64> = text(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error")
        .flat_map(|m| {
            m["message"]["spans"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|s| s["is_primary"] == true)
        .filter(|s| {
            let name = Path::new(s["file_name"].as_str().unwrap());
            let name = if name.is_absolute() {
                name.to_path_buf()
            } else {
                repo().join(name)
            };
            name.canonicalize().is_ok_and(|n| n == file)
        })
        .map(|s| s["line_start"].as_u64().unwrap())
        .collect();
    assert!(
        !errors.is_empty(),
        "no error in {}:\n{}",
        ex.path.display(),
        text(&out.stdout)
    );
    assert!(errors.iter().all(|&l| l >= 1 && l <= lines), "{errors:?}");
    // The exercise's own marker: the error is where the TODO says it is.
    let source = std::fs::read_to_string(&file).unwrap();
    let todo = source.lines().position(|l| l.contains("TODO")).unwrap() as u64 + 1;
    assert!(
        errors.iter().any(|&l| l > todo),
        "{errors:?} (TODO at {todo})"
    );
}

//! `workbook dev check`: what an author runs before committing an exercise.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use super::App;
use crate::catalogue::{CheckMode, Exercise};
use crate::cli::DevCheckArgs;
use crate::verdict::VerdictKind;
use crate::workbook::{SourceSet, Workbook};

pub fn check(app: &App, args: DevCheckArgs) -> Result<ExitCode> {
    let wb = &app.workbook;
    let mut problems: Vec<String> = Vec::new();
    for exercise in &wb.catalogue.exercises {
        problems.extend(files(wb, exercise).into_iter().map(|p| format!("{}: {p}", exercise.name)));
    }
    println!("catalogue: {} exercises, {} problems", wb.catalogue.exercises.len(), problems.len());
    if problems.is_empty() && !args.no_grade {
        let shipped = wb.checker(SourceSet::Exercises)?;
        let solved = wb.checker(SourceSet::Solutions)?;
        for exercise in &wb.catalogue.exercises {
            let a = shipped.check(exercise, &wb.source(exercise, SourceSet::Exercises));
            let b = solved.check(exercise, &wb.source(exercise, SourceSet::Solutions));
            let ok_a = a.verdict.kind() == exercise.fails_with;
            let ok_b = b.verdict.passed();
            let mark = if ok_a && ok_b { "✓".green() } else { "✗".red() };
            println!(
                "{mark} {:<24} shipped: {:<22} solution: {}",
                exercise.name,
                a.verdict.kind().name(),
                b.verdict.kind().name()
            );
            if !ok_a {
                problems.push(format!(
                    "{}: the shipped exercise must fail with `{}`, it got `{}`",
                    exercise.name,
                    exercise.fails_with,
                    a.verdict.kind()
                ));
            }
            if !ok_b {
                problems.push(format!("{}: the solution must pass, it got `{}`", exercise.name, b.verdict.kind()));
            }
        }
    }
    for p in &problems {
        println!("{} {p}", "problem:".red().bold());
    }
    Ok(super::exit(problems.is_empty()))
}

/// Everything about an exercise that can be checked without compiling it.
fn files(wb: &Workbook, exercise: &Exercise) -> Vec<String> {
    let mut problems = Vec::new();
    let exercise_file = wb.root.join(&exercise.path);
    let solution_file = wb.root.join(exercise.solution_path());
    for (what, path) in [("exercise", &exercise_file), ("solution", &solution_file)] {
        match std::fs::read_to_string(path) {
            Err(_) => problems.push(format!("the {what} file {} is missing", path.display())),
            Ok(text) => {
                // The grader compiles files with include!, which rejects these.
                if text.lines().any(|l| l.trim_start().starts_with("#![") || l.trim_start().starts_with("//!")) {
                    problems.push(format!("the {what} file has inner attributes or `//!` comments (include! rejects them)"));
                }
                if what == "exercise" && !text.contains("TODO") {
                    problems.push("the exercise has no `// TODO` marker".into());
                }
            }
        }
    }
    if let Some(dir) = exercise_file.parent() {
        if !dir.join("README.md").is_file() {
            problems.push(format!("the topic folder {} has no README.md", dir.display()));
        }
    }
    if exercise.hints.len() > 3 {
        problems.push("more than 3 hint levels".into());
    }
    let checks = wb.checks_dir().join(&exercise.name);
    let need = |file: &str| checks.join(file).is_file();
    if exercise.has(CheckMode::Test) && !need("test.rs") {
        problems.push(format!("test mode needs {}", checks.join("test.rs").display()));
    }
    if exercise.has(CheckMode::Loom) && !need("loom.rs") {
        problems.push(format!("loom mode needs {}", checks.join("loom.rs").display()));
    }
    if exercise.has(CheckMode::CompileFail) {
        let any = std::fs::read_dir(checks.join("compile_fail"))
            .map(|d| d.filter_map(|e| e.ok()).any(|e| e.path().extension().is_some_and(|x| x == "rs")))
            .unwrap_or(false);
        if !any {
            problems.push(format!("compile-fail mode needs cases in {}", checks.join("compile_fail").display()));
        }
    }
    if exercise.fails_with == VerdictKind::Error {
        problems.push("`fails_with = \"error\"` names a grader failure, not a lesson".into());
    }
    problems
}

//! `workbook dev check`: what an author runs before committing an exercise; `workbook dev
//! edits`: turning whole-file answers into edits to the shipped exercise.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;

use crate::app::App;
use crate::audit::{self, Finding};
use crate::catalogue::{CheckMode, Exercise};
use crate::cli::{DevCheckArgs, DevEditsArgs};
use crate::editor;
use crate::explain;
use crate::render;
use crate::verdict::{Verdict, VerdictKind};
use crate::workbook::{SourceSet, Workbook};

pub fn check(app: &App, args: DevCheckArgs) -> Result<ExitCode> {
    let wb = &app.workbook;
    let selected: Vec<&Exercise> = if args.names.is_empty() {
        wb.catalogue.exercises.iter().collect()
    } else {
        args.names
            .iter()
            .map(|n| wb.exercise(n))
            .collect::<Result<_>>()?
    };
    let mut problems: Vec<String> = audit::rustfmt_config_problems(wb);
    problems.extend(editor::problem(&wb.root, &wb.catalogue));
    for exercise in &selected {
        problems.extend(
            files(wb, exercise)
                .into_iter()
                .map(|p| format!("{}: {p}", exercise.name)),
        );
    }
    println!(
        "catalogue: {} exercises, {} checked, {} problems",
        wb.catalogue.exercises.len(),
        selected.len(),
        problems.len()
    );
    if problems.is_empty() && !args.no_grade {
        for exercise in &selected {
            let mut show = |f: &Finding| {
                let mark = if f.ok() { "✓".green() } else { "✗".red() };
                println!(
                    "{mark} {:<22} {:<28} expected {:<21} got {} ({:.2} s)",
                    f.exercise,
                    f.what,
                    f.expected.name(),
                    f.outcome.verdict.kind().name(),
                    f.outcome.duration.as_secs_f64()
                );
            };
            for f in audit::audit(wb, exercise, &mut show)? {
                if f.ok() && f.what == "shipped" && unexplained(&f.outcome.verdict) {
                    problems.push(format!(
                        "{}: the shipped file fails with `{}` but no schedule was recorded \
                         (does every model call {}?)",
                        f.exercise,
                        f.expected,
                        explain::RECORDED_MODEL
                    ));
                }
                if !f.ok() {
                    let shown = f
                        .file
                        .strip_prefix(&wb.root)
                        .unwrap_or(&f.file)
                        .display()
                        .to_string();
                    problems.push(format!(
                        "{}: {shown} must get `{}`, it got `{}`\n{}",
                        f.exercise,
                        f.expected,
                        f.outcome.verdict.kind(),
                        render::indent(&render::details(&f.outcome.verdict), 2)
                    ));
                }
            }
        }
    }
    if problems.is_empty() && !args.no_grade {
        for exercise in selected.iter().filter(|e| e.has(CheckMode::Loom)) {
            print_model_times(wb, exercise)?;
        }
    }
    if args.mutants && problems.is_empty() {
        problems.extend(super::mutants::report(wb, &selected)?.problems());
    }
    for p in &problems {
        println!("{} {p}", "problem:".red().bold());
    }
    Ok(super::exit(problems.is_empty()))
}

/// What a loom model of a solution may take on two cores at its preemption bound: more,
/// and a save's verdict (and a class's grading) waits on it.
const MODEL_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// Checks the solution of `exercise` once more with its models one at a time, and prints
/// each model's wall-clock time (marked when over [`MODEL_BUDGET`]: on a busy machine a
/// model takes longer, so this is a figure for the author, not a verdict).
fn print_model_times(wb: &Workbook, exercise: &Exercise) -> Result<()> {
    let mut checker = wb.checker(SourceSet::Solutions)?;
    checker.parallel = 1;
    let times = std::sync::Arc::new(crate::checks::ModelTimes::default());
    checker.model_times = Some(times.clone());
    let outcome = checker.check(exercise, &wb.root.join(exercise.solution_path()));
    let times = times.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let shown: Vec<String> = times
        .iter()
        .map(|(model, took)| {
            let figure = format!("{model} {:.2} s", took.as_secs_f64());
            if *took > MODEL_BUDGET {
                format!("{} (over {} s)", figure.yellow(), MODEL_BUDGET.as_secs())
            } else {
                figure
            }
        })
        .collect();
    println!(
        "  {:<22} models of the solution at bound {}, one at a time ({}): {}",
        exercise.name,
        exercise.loom_preemptions,
        outcome.verdict.kind().name(),
        if shown.is_empty() {
            "none ran".to_string()
        } else {
            shown.join(", ")
        }
    );
    Ok(())
}

/// Writes the editor package's manifest from the catalogue (`dev check` fails when stale).
pub fn editor(app: &App) -> Result<ExitCode> {
    let wb = &app.workbook;
    let file = wb.root.join(editor::MANIFEST);
    let text = editor::manifest(&wb.catalogue);
    if std::fs::read_to_string(&file).is_ok_and(|old| old == text) {
        println!("{} is up to date", editor::MANIFEST);
    } else {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&file, text)?;
        println!(
            "wrote {} ({} exercises, each with its solution)",
            editor::MANIFEST,
            wb.catalogue.exercises.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `<answer>.toml` for each whole-file answer given and removes the `.rs`, one line
/// per file; a file that cannot be converted is left as it is, with the reason.
pub fn edits(app: &App, args: DevEditsArgs) -> Result<ExitCode> {
    let wb = &app.workbook;
    let config = wb.root.join(audit::RUSTFMT_CONFIG);
    let mut ok = true;
    for file in &args.files {
        let shown = file.display();
        match convert(wb, &config, file) {
            Ok((toml, edits)) => println!("{shown} -> {} ({edits} edits)", toml.display()),
            Err(why) => {
                ok = false;
                println!("{} {shown}: {why}", "problem:".red().bold());
            }
        }
    }
    Ok(super::exit(ok))
}

fn convert(
    wb: &Workbook,
    config: &std::path::Path,
    file: &std::path::Path,
) -> Result<(std::path::PathBuf, usize), String> {
    if file.extension().is_none_or(|e| e != "rs") {
        return Err("not a whole-file answer (`.rs`)".into());
    }
    let name = file
        .parent()
        .and_then(|d| d.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let exercise = wb.exercise(&name).map_err(|_| {
        format!("`{name}` is not an exercise: answers live in tests/answers/<exercise>/")
    })?;
    let shipped = std::fs::read_to_string(wb.source(exercise, SourceSet::Exercises))
        .map_err(|e| format!("cannot read {}: {e}", exercise.path.display()))?;
    let whole = std::fs::read_to_string(file).map_err(|e| format!("cannot read it: {e}"))?;
    let toml = audit::to_edits(&shipped, &whole, &|code| audit::rustfmt(config, code).ok())?;
    let target = file.with_extension("toml");
    if target.exists() {
        return Err(format!("{} exists already", target.display()));
    }
    std::fs::write(&target, &toml)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    std::fs::remove_file(file).map_err(|e| format!("cannot remove it: {e}"))?;
    Ok((target, toml.matches("[[edit]]").count()))
}

/// A loom failure the learner would read without the schedule that caused it.
fn unexplained(verdict: &Verdict) -> bool {
    match verdict {
        Verdict::Interleaving { steps, .. } | Verdict::Deadlock { steps, .. } => steps.is_empty(),
        _ => false,
    }
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
                if text
                    .lines()
                    .any(|l| l.trim_start().starts_with("#![") || l.trim_start().starts_with("//!"))
                {
                    problems.push(format!("the {what} file has inner attributes or `//!` comments (include! rejects them)"));
                }
                if what == "exercise" && !text.contains("TODO") {
                    problems.push("the exercise has no `// TODO` marker".into());
                }
            }
        }
    }
    if let Some(dir) = exercise_file.parent()
        && !dir.join("README.md").is_file()
    {
        problems.push(format!(
            "the topic folder {} has no README.md",
            dir.display()
        ));
    }
    if exercise.hints.len() > 3 {
        problems.push("more than 3 hint levels".into());
    }
    let checks = wb.checks_dir().join(&exercise.name);
    let need = |file: &str| checks.join(file).is_file();
    if exercise.has(CheckMode::Test) && !need("test.rs") {
        problems.push(format!(
            "test mode needs {}",
            checks.join("test.rs").display()
        ));
    }
    if exercise.has(CheckMode::Loom) && !need("loom.rs") {
        problems.push(format!(
            "loom mode needs {}",
            checks.join("loom.rs").display()
        ));
    }
    if let Ok(text) = std::fs::read_to_string(checks.join("loom.rs")) {
        for line in explain::unrecorded_models(&text) {
            problems.push(format!(
                "{}:{line}: the model calls loom::model, so its failures come without the schedule; \
                 call {} instead",
                checks.join("loom.rs").display(),
                explain::RECORDED_MODEL
            ));
        }
    }
    if exercise.has(CheckMode::CompileFail) {
        let any = std::fs::read_dir(checks.join("compile_fail"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .any(|e| e.path().extension().is_some_and(|x| x == "rs"))
            })
            .unwrap_or(false);
        if !any {
            problems.push(format!(
                "compile-fail mode needs cases in {}",
                checks.join("compile_fail").display()
            ));
        }
    }
    problems.extend(audit::unformatted(wb, exercise));
    problems.extend(audit::answer_problems(wb, exercise));
    if exercise.fails_with == VerdictKind::Error {
        problems.push("`fails_with = \"error\"` names a grader failure, not a lesson".into());
    }
    problems
}

//! `workbook reset NAME | --all`: restore shipped exercise files.
//!
//! The shipped version is the one in the repository the workbook was cloned from
//! (`origin/HEAD`), or else in the last commit: a learner who commits their work can still
//! get the original back.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

use super::App;
use crate::catalogue::Exercise;
use crate::cli::ResetArgs;

pub fn run(mut app: App, args: ResetArgs) -> Result<ExitCode> {
    let targets: Vec<Exercise> = match &args.name {
        Some(name) => vec![app.workbook.exercise(name)?.clone()],
        None => app.workbook.catalogue.exercises.clone(),
    };
    let root = app.workbook.root.clone();
    let rev = shipped_revision(&root)?;
    let mut restored = Vec::new();
    for exercise in &targets {
        let shipped = shipped_text(&root, &rev, &exercise.path)?;
        let current = std::fs::read_to_string(root.join(&exercise.path)).ok();
        if current.as_deref() != Some(shipped.as_str()) {
            restored.push((exercise, shipped));
        }
    }
    if restored.is_empty() && !args.all {
        println!("{} is already as shipped.", targets[0].path.display());
        return Ok(ExitCode::SUCCESS);
    }
    if !restored.is_empty() && !args.yes && std::io::stdin().is_terminal() {
        let what = if restored.len() == 1 {
            restored[0].0.path.display().to_string()
        } else {
            format!("{} exercise files", restored.len())
        };
        print!("Restore {what} as shipped? Your changes will be lost. [y/N] ");
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("Nothing changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }
    for (exercise, text) in &restored {
        let path = root.join(&exercise.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("Restored {}", exercise.path.display());
    }
    for exercise in &targets {
        app.state.record(&exercise.name, false);
        app.state.hints.remove(&exercise.name);
    }
    app.state.save()?;
    Ok(ExitCode::SUCCESS)
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .context("cannot run git")
}

pub fn shipped_revision(root: &Path) -> Result<String> {
    for rev in ["origin/HEAD", "HEAD"] {
        let out = git(root, &["rev-parse", "--verify", "--quiet", rev])?;
        if out.status.success() {
            return Ok(rev.to_string());
        }
    }
    bail!(
        "reset needs the workbook to be a git clone with at least one commit ({} is not)",
        root.display()
    )
}

pub fn shipped_text(root: &Path, rev: &str, path: &Path) -> Result<String> {
    let spec = format!("{rev}:{}", path.display());
    let out = git(root, &["show", &spec])?;
    if !out.status.success() {
        bail!("{} is not in {rev}: it cannot be restored", path.display());
    }
    String::from_utf8(out.stdout).with_context(|| format!("{spec} is not UTF-8"))
}

/// Restores one exercise file as shipped; returns whether it changed.
pub fn restore(root: &Path, exercise: &Exercise) -> Result<bool> {
    let rev = shipped_revision(root)?;
    let shipped = shipped_text(root, &rev, &exercise.path)?;
    let path = root.join(&exercise.path);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(shipped.as_str()) {
        return Ok(false);
    }
    std::fs::write(&path, shipped).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}

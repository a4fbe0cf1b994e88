//! `workbook list`: the exercises in order, with status.

use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;
use serde::Serialize;

use super::App;
use crate::cli::{ListArgs, ListFormat};

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    path: String,
    topic: &'a str,
    checks: Vec<&'static str>,
    points: u32,
    done: bool,
    current: bool,
}

pub fn run(app: &App, args: ListArgs) -> Result<ExitCode> {
    let current = app.current().map(|e| e.name.clone());
    let rows: Vec<Row> = app
        .workbook
        .catalogue
        .exercises
        .iter()
        .map(|e| Row {
            name: &e.name,
            path: e.path.display().to_string(),
            topic: &e.topic,
            checks: e.checks.iter().map(|c| c.name()).collect(),
            points: e.points,
            done: app.state.is_done(&e.name),
            current: current.as_deref() == Some(e.name.as_str()),
        })
        .collect();
    if args.format == ListFormat::Json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let name_w = rows.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    let topic_w = rows.iter().map(|r| r.topic.len()).max().unwrap_or(5).max(5);
    println!(
        "  {:>3}  {:<name_w$}  {:<7}  {:<topic_w$}  checks",
        "#", "name", "status", "topic"
    );
    for (i, r) in rows.iter().enumerate() {
        let status = if r.done {
            "done".green()
        } else {
            "pending".yellow()
        };
        let mark = if r.current { ">".bold() } else { " ".normal() };
        println!(
            "{mark} {:>3}  {:<name_w$}  {:<7}  {:<topic_w$}  {}",
            i + 1,
            r.name,
            status,
            r.topic,
            r.checks.join(", ")
        );
    }
    let done = rows.iter().filter(|r| r.done).count();
    println!("\n{done}/{} done", rows.len());
    Ok(ExitCode::SUCCESS)
}

//! `workbook list`: the exercises in order, with status.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::app::App;
use crate::cli::{ListArgs, ListFormat};
use crate::render::{self, Columns, Mark};
use crate::text::Style;

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
    let is_current = |name: &str| current.as_deref() == Some(name);
    let exercises = app.exercises();
    if args.format == ListFormat::Json {
        let rows: Vec<Row> = exercises
            .iter()
            .map(|e| Row {
                name: &e.name,
                path: e.path.display().to_string(),
                topic: &e.topic,
                checks: e.checks.iter().map(|c| c.name()).collect(),
                points: e.points,
                done: app.is_done(&e.name),
                current: is_current(&e.name),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let st = Style::stdout();
    let cols = Columns::fit(exercises);
    println!("{}", cols.header());
    for (i, e) in exercises.iter().enumerate() {
        let mark = if is_current(&e.name) {
            Mark::Current
        } else {
            Mark::None
        };
        let done = app.is_done(&e.name);
        println!("{}", render::exercise_row(i + 1, e, done, mark, cols, st));
    }
    println!("\n{}/{} done", app.done_count(), exercises.len());
    Ok(ExitCode::SUCCESS)
}

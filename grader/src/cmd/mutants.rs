//! `workbook dev mutants [NAME...]`: every mutant of the solutions graded, progress on stderr
//! (`N/M`, coloured only on a terminal), then the survivors and a summary with counts and
//! time on stdout (or all of it as JSON with `--format json`). `dev check --mutants` uses
//! `report` for its problems.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use colored::Colorize;
use serde::Serialize;

use crate::app::App;
use crate::catalogue::Exercise;
use crate::cli::{DevMutantsArgs, ListFormat};
use crate::mutants::{self, Fate, Judged, Report};
use crate::workbook::Workbook;

pub fn run(app: &App, args: DevMutantsArgs) -> Result<ExitCode> {
    let wb = &app.workbook;
    let selected = select(wb, &args.names)?;
    if args.list {
        for exercise in &selected {
            let (found, _) = mutants::plan(wb, exercise)?;
            for m in found {
                println!("{:<22} line {:<4} {}", exercise.name, m.line, m.id);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = report(wb, &selected)?;
    match args.format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&Json::of(&report))?),
        ListFormat::Text => print_text(&report),
    }
    Ok(super::exit(report.problems().is_empty()))
}

/// The exercises named, in catalogue order when none is: an unknown name is one error line.
pub fn select<'w>(wb: &'w Workbook, names: &[String]) -> Result<Vec<&'w Exercise>> {
    if names.is_empty() {
        return Ok(wb.catalogue.exercises.iter().collect());
    }
    names.iter().map(|n| wb.exercise(n)).collect()
}

/// Grades every mutant of `selected`, with one progress line per mutant on stderr.
pub fn report(wb: &Workbook, selected: &[&Exercise]) -> Result<Report> {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut progress = |done: usize, total: usize, j: &Judged| {
        let fate = fate(&j.fate);
        let fate = match (&j.fate, colour) {
            (_, false) => fate,
            (Fate::Survived | Fate::Error { .. }, true) => fate.red().to_string(),
            (Fate::Killed { .. } | Fate::Equivalent { .. }, true) => fate.green().to_string(),
            (Fate::DidNotCompile, true) => fate.yellow().to_string(),
        };
        eprintln!(
            "[{done}/{total}] {:<20} {fate:<22} {} (line {}, {:.1} s)",
            j.exercise, j.id, j.line, j.seconds
        );
    };
    mutants::run(wb, selected, &mut progress)
}

fn fate(fate: &Fate) -> String {
    match fate {
        Fate::Killed { verdict } => format!("killed ({verdict})"),
        Fate::DidNotCompile => "did not compile".into(),
        Fate::Equivalent { .. } => "equivalent".into(),
        Fate::Survived => "SURVIVED".into(),
        Fate::Error { .. } => "grader error".into(),
    }
}

fn print_text(report: &Report) {
    let mut exercise = "";
    for j in &report.judged {
        if !matches!(
            j.fate,
            Fate::Survived | Fate::Equivalent { .. } | Fate::Error { .. }
        ) {
            continue;
        }
        if j.exercise != exercise {
            exercise = &j.exercise;
            println!("{exercise}:");
        }
        match &j.fate {
            Fate::Equivalent { why } => println!("  equivalent  {} ({why})", j.id),
            Fate::Error { message } => println!("  error       {} ({message})", j.id),
            _ => println!("  survivor    {} (line {})", j.id, j.line),
        }
    }
    for p in report.problems() {
        println!("{} {p}", "problem:".red().bold());
    }
    let c = Counts::of(report);
    println!(
        "{} mutants: {} killed, {} did not compile, {} survived ({} equivalent, {} unexplained), \
         {} errors, in {:.0} s",
        c.mutants,
        c.killed,
        c.did_not_compile,
        c.equivalent + c.survived,
        c.equivalent,
        c.survived,
        c.errors,
        report.duration.as_secs_f64()
    );
}

#[derive(Serialize)]
struct Counts {
    mutants: usize,
    killed: usize,
    did_not_compile: usize,
    equivalent: usize,
    survived: usize,
    errors: usize,
}

impl Counts {
    fn of(r: &Report) -> Counts {
        Counts {
            mutants: r.judged.len(),
            killed: r.count(|f| matches!(f, Fate::Killed { .. })),
            did_not_compile: r.count(|f| matches!(f, Fate::DidNotCompile)),
            equivalent: r.count(|f| matches!(f, Fate::Equivalent { .. })),
            survived: r.count(|f| matches!(f, Fate::Survived)),
            errors: r.count(|f| matches!(f, Fate::Error { .. })),
        }
    }
}

/// `--format json`: the counts, every mutant, and the problems.
#[derive(Serialize)]
struct Json<'r> {
    counts: Counts,
    seconds: f64,
    mutants: &'r [Judged],
    problems: Vec<String>,
}

impl<'r> Json<'r> {
    fn of(r: &'r Report) -> Json<'r> {
        Json {
            counts: Counts::of(r),
            seconds: r.duration.as_secs_f64(),
            mutants: &r.judged,
            problems: r.problems(),
        }
    }
}

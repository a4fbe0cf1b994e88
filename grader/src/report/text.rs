//! Text: for a teacher reading a terminal. A table per submission (exercise, verdict,
//! points, time), then a class summary: scores, how many students pass each exercise, and
//! how student code was sandboxed.

use std::io::Write;

use anyhow::Result;

use super::ClassReport;
use crate::text::{BOLD, DIM, GREEN, RED, Style};

pub fn write(report: &ClassReport, st: Style, out: &mut dyn Write) -> Result<()> {
    let width = report
        .exercises
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(8)
        .max(8);
    for s in report.submissions {
        writeln!(
            out,
            "{} {}  {}/{} points  ({:.1} s)",
            st.paint("==", DIM),
            st.paint(&s.name, BOLD),
            s.score(),
            s.max_score(),
            s.duration.as_secs_f64()
        )?;
        for g in &s.exercises {
            let kind = g.outcome.verdict.kind();
            let verdict = format!("{:<22}", kind.name());
            let verdict = if g.outcome.verdict.passed() {
                st.paint(verdict, GREEN)
            } else {
                st.paint(verdict, RED)
            };
            writeln!(
                out,
                "  {:<width$}  {verdict}  {:>2}/{:<2}  {:>6.2} s{}",
                g.outcome.exercise,
                g.points,
                g.max_points,
                g.outcome.duration.as_secs_f64(),
                if g.cached {
                    st.paint(" (cached)", DIM)
                } else {
                    String::new()
                }
            )?;
        }
        let flags = s.flags_line();
        if !flags.is_empty() {
            writeln!(out, "  {} {flags}", st.paint("flags:", DIM))?;
        }
        writeln!(out)?;
    }
    summary(report, st, out, width)
}

fn summary(report: &ClassReport, st: Style, out: &mut dyn Write, width: usize) -> Result<()> {
    let n = report.submissions.len();
    if n == 0 {
        return Ok(());
    }
    let scores: Vec<u32> = report.submissions.iter().map(|s| s.score()).collect();
    let max = report.max_score();
    let mean = scores.iter().sum::<u32>() as f64 / n as f64;
    let mut sorted = scores.clone();
    sorted.sort_unstable();
    let median = if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    };
    writeln!(
        out,
        "{} {n} submission{}, out of {max} points: mean {mean:.1}, median {median}, lowest {}, highest {}",
        st.paint("Class:", BOLD),
        if n == 1 { "" } else { "s" },
        sorted[0],
        sorted[n - 1]
    )?;
    writeln!(out, "  {:<width$}  passed by", "exercise")?;
    for (i, e) in report.exercises.iter().enumerate() {
        let passed = report
            .submissions
            .iter()
            .filter(|s| {
                s.exercises
                    .get(i)
                    .is_some_and(|g| g.outcome.verdict.passed())
            })
            .count();
        writeln!(out, "  {:<width$}  {passed:>3} of {n}", e.name)?;
    }
    writeln!(out, "{} {}", st.paint("Sandbox:", BOLD), report.sandbox)?;
    let seed = match report.seed {
        Some(seed) => format!("{} (--seed), for every file", super::seed_text(seed)),
        None => "each file's own, made of its cache key (in the JSON report)".to_string(),
    };
    writeln!(out, "{} {seed}", st.paint("Seed:", BOLD))?;
    Ok(())
}

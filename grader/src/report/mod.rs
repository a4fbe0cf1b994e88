//! Grade reports: one file per format, each turning the same grades into what one kind of
//! reader expects. Reports never check anything; they only present `SubmissionGrade`s.

mod csv;
mod gradescope;
mod json;
mod junit;
mod text;

use std::io::Write;

use anyhow::Result;

use crate::catalogue::Exercise;
use crate::checks::output::strip_ansi;
use crate::grade::SubmissionGrade;
use crate::render;
use crate::verdict::Verdict;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table per submission and a class summary, for reading
    Text,
    /// Every grade as data (schema: README.md, "Grading a class")
    Json,
    /// JUnit XML: a testsuite per submission, a testcase per exercise (CI dashboards)
    Junit,
    /// A gradebook: a row per student, a column per exercise, and the total
    Csv,
    /// Gradescope's results.json, for one submission
    Gradescope,
}

/// What every report presents: the graded exercises (catalogue order) and the submissions
/// (command-line order).
pub struct ClassReport<'a> {
    pub exercises: &'a [Exercise],
    pub submissions: &'a [SubmissionGrade],
    /// How student code was sandboxed (`sandbox::Support::mode`: `landlock+netns`,
    /// `partial: ...`, `none`).
    pub sandbox: &'a str,
}

impl ClassReport<'_> {
    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(|e| e.points).sum()
    }
}

pub fn write(format: Format, report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Text => text::write(report, out),
        Format::Json => json::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Csv => csv::write(report, out),
        Format::Gradescope => gradescope::write(report, out),
    }
}

/// A verdict in plain words, without colours: what a student reads in a report.
pub fn message(verdict: &Verdict) -> String {
    let details = strip_ansi(&render::details(verdict));
    let details = details.trim_matches('\n');
    let head = verdict.kind().headline();
    if details.trim().is_empty() {
        head.to_string()
    } else {
        format!("{head}\n{details}")
    }
}

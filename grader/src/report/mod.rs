//! Grade reports: one file per format, each turning the same grades into what one kind of
//! reader expects. Reports never check anything; they only present `SubmissionGrade`s.

mod csv;
mod gradescope;
pub mod json;
mod junit;
mod text;

use std::io::Write;

use anyhow::Result;

use crate::catalogue::Exercise;
use crate::grade::{Fingerprint, SubmissionGrade};
use crate::render;
use crate::text::Style;
use crate::verdict::Verdict;

/// The report formats (the command line's names and help for them are in `cli.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Junit,
    Csv,
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
    /// The grader's and the catalogue's fingerprints (`Grader::fingerprint`).
    pub fingerprint: &'a Fingerprint,
    /// `--shard K/N`, and how many submissions the whole run has (all shards).
    pub shard: Option<Shard>,
    /// `--seed N`, if given (else each file's checks drew from a seed of its own, recorded
    /// in its `Graded::seed`).
    pub seed: Option<u64>,
}

/// A seed as verdicts print it and `--seed` reads it back: `0x` and 16 hex digits (JSON
/// carries it as this string, since a u64 is past the integers JSON readers keep exact).
pub fn seed_text(seed: u64) -> String {
    format!("{seed:#018x}")
}

/// Which shard of a class a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
    /// Submissions in the whole class (every shard).
    pub of: usize,
}

impl ClassReport<'_> {
    pub fn max_score(&self) -> u32 {
        self.exercises.iter().map(|e| e.points).sum()
    }
}

/// Writes `report` in `format`. Only the text format has colours, and only when `style`
/// says so (a terminal); every other format is data and always plain.
pub fn write(
    format: Format,
    report: &ClassReport,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    match format {
        Format::Text => text::write(report, style, out),
        Format::Json => json::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Csv => csv::write(report, out),
        Format::Gradescope => gradescope::write(report, out),
    }
}

/// A verdict in plain words, without colours: what a student reads in a report. Rendered
/// plain (`render::details` uses `Style::PLAIN`), so there is nothing to strip afterwards.
pub fn message(verdict: &Verdict) -> String {
    let details = render::details(verdict);
    let details = details.trim_matches('\n');
    let head = verdict.headline();
    if details.trim().is_empty() {
        head.to_string()
    } else {
        format!("{head}\n{details}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_plain_even_when_the_verdict_carries_colours() {
        let verdict = Verdict::CompileError {
            errors: 1,
            message: "\x1b[1m\x1b[31merror[E0382]\x1b[0m: borrow of moved value".into(),
        };
        assert_eq!(
            message(&verdict),
            "does not compile\nerror[E0382]: borrow of moved value"
        );
        assert_eq!(message(&Verdict::Pass), "pass");
    }

    /// A compile_pass case that compiled and failed when run reads "compiles, but fails when
    /// run" in every report a student or CI reads, as in the terminal: never the kind's
    /// "compile-fail expectation not met".
    #[test]
    fn a_compile_pass_case_that_failed_when_run_is_headed_so_in_every_report() {
        let toml = "[[exercises]]\nname = \"not_send\"\npath = \"exercises/07_send_sync/not_send.rs\"\n\
                    topic = \"send_sync\"\nchecks = [\"compile-fail\"]\npoints = 2\n\
                    fails_with = \"compile-fail-not-met\"\nhints = [\"a\", \"b\", \"c\"]\n";
        let exercises = crate::catalogue::Catalogue::parse(toml).unwrap().exercises;
        let verdict = Verdict::CompileFailNotMet {
            case: "still_usable".into(),
            message: "a `Token` still works on its own thread.".into(),
            detail: "The case compiled against your code, but failed when it ran".into(),
            ran: true,
            must_compile: true,
        };
        let submissions = [SubmissionGrade {
            name: "ada".into(),
            index: 0,
            path: "ada".into(),
            exercises: vec![crate::grade::Graded {
                outcome: crate::verdict::Outcome {
                    exercise: "not_send".into(),
                    verdict,
                    duration: std::time::Duration::ZERO,
                },
                points: 0,
                max_points: 2,
                flags: Vec::new(),
                cached: false,
                seed: None,
            }],
            duration: std::time::Duration::ZERO,
        }];
        let fingerprint = Fingerprint {
            grader: "g".into(),
            catalogue: "c".into(),
        };
        let report = ClassReport {
            exercises: &exercises,
            submissions: &submissions,
            sandbox: "none",
            fingerprint: &fingerprint,
            shard: None,
            seed: None,
        };
        let written = |format| {
            let mut out = Vec::new();
            write(format, &report, Style::PLAIN, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let xml = written(Format::Junit);
        assert!(
            xml.contains(r#"message="compiles, but fails when run (0 of 2 points)""#),
            "{xml}"
        );
        assert!(xml.contains(r#"type="compile-fail-not-met""#), "{xml}");
        assert!(!xml.contains("expectation not met"), "{xml}");
        for format in [Format::Gradescope, Format::Json] {
            let json: serde_json::Value = serde_json::from_str(&written(format)).unwrap();
            let message = match format {
                Format::Gradescope => &json["tests"][0]["output"],
                _ => &json["submissions"][0]["exercises"][0]["message"],
            };
            let message = message.as_str().unwrap();
            assert!(
                message.starts_with("compiles, but fails when run\n"),
                "{format:?}: {message}"
            );
            assert!(!message.contains("expectation not met"), "{message}");
        }
    }
}

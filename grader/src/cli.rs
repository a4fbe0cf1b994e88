//! The command line: what `workbook --help` teaches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Rust concurrency exercises, graded over every thread interleaving.";
const LONG_ABOUT: &str = "\
Rust concurrency exercises, graded over every thread interleaving.

Edit the exercise files under exercises/ in your own editor. The workbook compiles each one, \
runs its checks and tells you what went wrong in plain words: a failing test, a thread \
schedule that breaks your code (found by the loom model checker), a deadlock and the lines \
where the threads are stuck, or a compile-time guarantee your code does not give yet.

Start with `cargo workbook` (watch mode): it checks the current exercise every time you save.";

const AFTER_HELP: &str = "\
Examples:
  cargo workbook                  start learning (watch mode)
  cargo workbook run              check the current exercise once
  cargo workbook hint             reveal the next hint for the current exercise
  cargo workbook list             every exercise, in order, with its status
  cargo workbook verify --solutions   check that every shipped solution passes";

#[derive(Debug, Parser)]
#[command(name = "workbook", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// The workbook directory [default: the one containing the current directory]
    #[arg(long, short = 'C', global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the current exercise on every save, and move on when it passes (the default)
    Watch(WatchArgs),
    /// Exercises in order, with status, topic and checks
    List(ListArgs),
    /// Check one exercise once and print the verdict (exit 0 pass, 1 fail)
    Run(RunArgs),
    /// Reveal the next hint level for an exercise (or search every hint with --search)
    Hint(HintArgs),
    /// Check every exercise in order and stop at the first failure
    Verify(VerifyArgs),
    /// Restore shipped exercise files (your changes to them are lost)
    Reset(ResetArgs),
    /// Grade students' workbooks for a course: points per exercise, as a report
    #[command(long_about = GRADE_ABOUT, after_help = GRADE_EXAMPLES)]
    Grade(GradeArgs),
    /// Tools for exercise authors
    #[command(subcommand)]
    Dev(DevCommand),
}

#[derive(Debug, Args, Default)]
pub struct WatchArgs {
    /// Do not watch files: press r or Enter to check (for WSL on /mnt, NFS, some containers)
    #[arg(long)]
    pub manual: bool,
    /// The command `e` opens the current exercise with (its path is added last), e.g.
    /// `--edit-cmd "code -r"` [default: $VISUAL, else $EDITOR]
    #[arg(long, value_name = "CMD")]
    pub edit_cmd: Option<String>,
    /// Sandbox of student code: auto (what this machine has), require (exit 2 unless
    /// complete), off
    #[arg(long, value_enum, default_value_t, value_name = "MODE")]
    pub sandbox: crate::sandbox::Request,
}

#[derive(Debug, Clone, Copy, ValueEnum, Default, PartialEq, Eq)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Exercise name [default: the current exercise, the first not done]
    pub name: Option<String>,
    /// Check the shipped solution instead of your exercise file
    #[arg(long)]
    pub solution: bool,
    /// Repeat the inputs of a failing run: the seed its verdict printed (`seed 0x...`)
    /// [default: a fresh one for every run]
    #[arg(long, value_name = "N", value_parser = crate::checks::seed::parse)]
    pub seed: Option<u64>,
    /// Sandbox of student code: auto (what this machine has), require (exit 2 unless
    /// complete), off
    #[arg(long, value_enum, default_value_t, value_name = "MODE")]
    pub sandbox: crate::sandbox::Request,
}

#[derive(Debug, Args)]
pub struct HintArgs {
    /// Exercise name [default: the current exercise]
    pub name: Option<String>,
    /// Show every hint level at once
    #[arg(long)]
    pub all: bool,
    /// List the exercises whose hints or concepts mention WORD (hints stay hidden; exit 1
    /// when none does)
    #[arg(long, value_name = "WORD", conflicts_with_all = ["name", "all"])]
    pub search: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Check every exercise, even after a failure
    #[arg(long)]
    pub keep_going: bool,
    /// Check solutions/ instead of exercises/ (progress is not changed)
    #[arg(long)]
    pub solutions: bool,
    /// Repeat the inputs of a failing run: the seed its verdict printed (`seed 0x...`)
    /// [default: a fresh one for every run]
    #[arg(long, value_name = "N", value_parser = crate::checks::seed::parse)]
    pub seed: Option<u64>,
    /// Sandbox of student code: auto (what this machine has), require (exit 2 unless
    /// complete), off
    #[arg(long, value_enum, default_value_t, value_name = "MODE")]
    pub sandbox: crate::sandbox::Request,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["name", "all"]))]
pub struct ResetArgs {
    /// Exercise to restore
    pub name: Option<String>,
    /// Restore every exercise and forget all progress
    #[arg(long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
}

const GRADE_ABOUT: &str = "\
Grade students' workbooks for a course: points per exercise, as a report.

Each PATH is one student's workbook (a clone of this repository with their edits). Only their \
exercise files are taken, at the paths info.toml names; the catalogue, checks, solutions and \
build settings are this workbook's own, so a student who edits tests, info.toml or Cargo.toml, \
adds a build.rs or symlinks an exercise elsewhere gains nothing. Nothing is written into a \
submission. Every check runs under time, memory and output limits: a submission that hangs, \
loops or floods loses only that exercise's points. An exercise earns its points from info.toml \
when every check passes, else none.

Exit status: 0 when grading finished, whatever the scores; 2 for bad input.";

const GRADE_EXAMPLES: &str = "\
Examples:
  cargo workbook grade submissions/*                          a table per student and a summary
  cargo workbook grade submissions/* --format csv -o grades.csv      a gradebook
  cargo workbook grade submissions/* --format junit -o report.xml    for CI dashboards
  cargo workbook grade /autograder/submission --format gradescope \\
      -o /autograder/results/results.json                     one student, on Gradescope
  cargo workbook grade alice --only threads1,bank_transfer --checks hidden-checks/
  cargo workbook grade submissions/* --shard 2/4 --format json -o shard2.json   one CI machine's quarter
  cargo workbook grade --merge shard*.json --format csv -o grades.csv          the shards as one gradebook

A file graded before (same exercise, same bytes, same checks, grader, limits and sandbox) is not \
built or run again: its verdict comes from target/workbook/cache/, marked cached, with its \
original duration. Timeouts are never cached.";

#[derive(Debug, Args)]
pub struct GradeArgs {
    /// Students' workbook directories, one per student (with --merge: shards' JSON reports)
    #[arg(required_unless_present = "clear_cache", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Grade only shard K of N: a stable 1/N of the submissions, chosen by a hash of each
    /// submission's name (merge the shards' JSON reports with --merge)
    #[arg(long, value_name = "K/N", value_parser = parse_shard, conflicts_with = "merge")]
    pub shard: Option<(u32, u32)>,
    /// The PATHs are shards' JSON reports (`--shard K/N --format json`): write them as one
    /// report, as if graded at once; shards of another grader or catalogue are refused
    #[arg(long)]
    pub merge: bool,
    /// Grade every file, even one whose verdict is cached (and cache nothing)
    #[arg(long)]
    pub no_cache: bool,
    /// Remove every cached verdict (target/workbook/cache/), then grade the PATHs if any
    #[arg(long)]
    pub clear_cache: bool,
    /// Report format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Write the report to FILE (replaced only once grading is done) [default: stdout]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the report in FORMAT to FILE (repeatable): one grading run, many reports,
    /// e.g. `--report junit:report.xml --report csv:grades.csv`
    #[arg(long, value_name = "FORMAT:FILE", value_parser = parse_report)]
    pub report: Vec<(ReportFormat, PathBuf)>,
    /// Submissions graded at once [default: the number of cores]
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub jobs: Option<u32>,
    /// Time limit of each check run, in seconds [default: each exercise's own, from info.toml]
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    pub timeout: Option<f64>,
    /// Grade only these exercises (comma-separated names) [default: all]
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Extra, teacher-only checks, laid out like tests/checks/ (NAME/test.rs, NAME/loom.rs,
    /// NAME/compile_fail/*.rs), run after the shipped ones
    #[arg(long, value_name = "DIR")]
    pub checks: Option<PathBuf>,
    /// Draw every file's check inputs from seed N (as a verdict prints it, `seed 0x...`), to
    /// reproduce a student's failing inputs [default: a seed per file, made of its cache key]
    #[arg(long, value_name = "N", value_parser = crate::checks::seed::parse, conflicts_with = "merge")]
    pub seed: Option<u64>,
    /// Memory limit of each check process, in MiB
    #[arg(long, value_name = "MIB", default_value_t = crate::grade::DEFAULT_MEMORY_MIB,
          value_parser = clap::value_parser!(u64).range(64..))]
    pub memory: u64,
    /// Sandbox of student code: auto (what this machine has), require (exit 2 unless
    /// complete), off
    #[arg(long, value_enum, default_value_t, value_name = "MODE")]
    pub sandbox: crate::sandbox::Request,
}

/// `--format`'s names and help; clap's types stay here, and `report` has its own `Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
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

impl From<ReportFormat> for crate::report::Format {
    fn from(format: ReportFormat) -> Self {
        use crate::report::Format;
        match format {
            ReportFormat::Text => Format::Text,
            ReportFormat::Json => Format::Json,
            ReportFormat::Junit => Format::Junit,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Gradescope => Format::Gradescope,
        }
    }
}

fn parse_report(s: &str) -> Result<(ReportFormat, PathBuf), String> {
    let (format, file) = s
        .split_once(':')
        .filter(|(_, file)| !file.is_empty())
        .ok_or_else(|| format!("`{s}` is not FORMAT:FILE (e.g. junit:report.xml)"))?;
    let format = ReportFormat::from_str(format, true).map_err(|_| {
        format!("`{format}` is not a report format (text, json, junit, csv, gradescope)")
    })?;
    Ok((format, PathBuf::from(file)))
}

fn parse_shard(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not K/N with 1 <= K <= N (e.g. 2/4)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n) = (k.trim().parse::<u32>(), n.trim().parse::<u32>());
    match (k, n) {
        (Ok(k), Ok(n)) if 1 <= k && k <= n => Ok((k, n)),
        _ => Err(bad()),
    }
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 3600.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of seconds between 0 and 3600"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Validate the catalogue: names, files, hints, checks; every shipped exercise fails with
    /// its `fails_with` verdict, every solution passes
    Check(DevCheckArgs),
    /// Turn whole-file answers (tests/answers/<name>/<answer>.rs) into <answer>.toml edits to
    /// the current shipped exercise
    Edits(DevEditsArgs),
    /// Apply mechanical learner mistakes to each solution, grade each mutant with the checks,
    /// and list the survivors (mutants that pass); exit 1 on an unexplained survivor
    Mutants(DevMutantsArgs),
    /// Write editor/Cargo.toml from info.toml: every exercise and solution file as a target,
    /// so that rust-analyzer knows them
    Editor,
}

#[derive(Debug, Args)]
pub struct DevEditsArgs {
    /// The answer files to convert
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct DevCheckArgs {
    /// Only these exercises [default: all]
    pub names: Vec<String>,
    /// Only validate files and the catalogue; do not grade exercises, solutions and answers
    #[arg(long)]
    pub no_grade: bool,
    /// Also grade every mutant of the solutions (slow) and fail on an unexplained survivor
    #[arg(long, conflicts_with = "no_grade")]
    pub mutants: bool,
}

#[derive(Debug, Args)]
pub struct DevMutantsArgs {
    /// Only these exercises [default: all]
    pub names: Vec<String>,
    /// Output format of the summary (progress always goes to stderr)
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Only list the mutants (id and line), without grading them
    #[arg(long)]
    pub list: bool,
}

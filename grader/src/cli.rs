//! The command line: what `workbook --help` teaches. Built with clap's builder API, not its
//! derive: clap_derive and the `full` syn it needs were ~8% of a fresh clone's build of the
//! grader (serde's derive alone needs a smaller syn).

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, ArgGroup, ArgMatches, ValueEnum, value_parser};

use crate::sandbox::Request;

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

#[derive(Debug)]
pub struct Cli {
    /// The workbook directory [default: the one containing the current directory]
    pub root: Option<PathBuf>,
    pub command: Option<Command>,
}

#[derive(Debug)]
pub enum Command {
    Watch(WatchArgs),
    List(ListArgs),
    Run(RunArgs),
    Hint(HintArgs),
    Verify(VerifyArgs),
    Reset(ResetArgs),
    Grade(GradeArgs),
    Dev(DevCommand),
}

#[derive(Debug, Default)]
pub struct WatchArgs {
    pub manual: bool,
    pub edit_cmd: Option<String>,
    pub sandbox: Request,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug)]
pub struct ListArgs {
    pub format: ListFormat,
}

#[derive(Debug)]
pub struct RunArgs {
    pub name: Option<String>,
    pub solution: bool,
    pub seed: Option<u64>,
    pub sandbox: Request,
}

#[derive(Debug)]
pub struct HintArgs {
    pub name: Option<String>,
    pub all: bool,
    pub search: Option<String>,
}

#[derive(Debug)]
pub struct VerifyArgs {
    pub keep_going: bool,
    pub solutions: bool,
    pub seed: Option<u64>,
    pub sandbox: Request,
}

#[derive(Debug)]
pub struct ResetArgs {
    pub name: Option<String>,
    pub all: bool,
    pub yes: bool,
}

#[derive(Debug)]
pub struct GradeArgs {
    pub paths: Vec<PathBuf>,
    pub shard: Option<(u32, u32)>,
    pub merge: bool,
    pub no_cache: bool,
    pub clear_cache: bool,
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub report: Vec<(ReportFormat, PathBuf)>,
    pub jobs: Option<u32>,
    pub timeout: Option<f64>,
    pub only: Vec<String>,
    pub checks: Option<PathBuf>,
    pub seed: Option<u64>,
    pub memory: u64,
    pub sandbox: Request,
}

/// `--format`'s names and help; clap's types stay here, and `report` has its own `Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Junit,
    Csv,
    Gradescope,
}

#[derive(Debug)]
pub enum DevCommand {
    Check(DevCheckArgs),
    Edits(DevEditsArgs),
    Mutants(DevMutantsArgs),
    Editor,
}

#[derive(Debug)]
pub struct DevEditsArgs {
    pub files: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct DevCheckArgs {
    pub names: Vec<String>,
    pub no_grade: bool,
    pub mutants: bool,
}

#[derive(Debug)]
pub struct DevMutantsArgs {
    pub names: Vec<String>,
    pub format: ListFormat,
    pub list: bool,
}

impl ValueEnum for ListFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[ListFormat::Text, ListFormat::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(match self {
            ListFormat::Text => "text",
            ListFormat::Json => "json",
        }))
    }
}

impl ValueEnum for ReportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        use ReportFormat::*;
        &[Text, Json, Junit, Csv, Gradescope]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match self {
            ReportFormat::Text => (
                "text",
                "A table per submission and a class summary, for reading",
            ),
            ReportFormat::Json => (
                "json",
                "Every grade as data (schema: README.md, \"Grading a class\")",
            ),
            ReportFormat::Junit => (
                "junit",
                "JUnit XML: a testsuite per submission, a testcase per exercise (CI dashboards)",
            ),
            ReportFormat::Csv => (
                "csv",
                "A gradebook: a row per student, a column per exercise, and the total",
            ),
            ReportFormat::Gradescope => (
                "gradescope",
                "Gradescope's results.json, for one submission",
            ),
        };
        Some(PossibleValue::new(name).help(help))
    }
}

const SEED_HELP: &str = "Repeat the inputs of a failing run: the seed its verdict printed (`seed \
0x...`) [default: a fresh one for every run]";
const SANDBOX_HELP: &str =
    "Sandbox of student code: auto (what this machine has), require (exit 2 unless complete), off";

/// The long option of the argument `id` (a field's name): kebab-case, as users type it.
fn long(id: &'static str) -> &'static str {
    match id {
        "edit_cmd" => "edit-cmd",
        "keep_going" => "keep-going",
        "no_grade" => "no-grade",
        "no_cache" => "no-cache",
        "clear_cache" => "clear-cache",
        _ => id,
    }
}

fn flag(id: &'static str, help: &'static str) -> Arg {
    Arg::new(id)
        .long(long(id))
        .action(ArgAction::SetTrue)
        .help(help)
}

fn option(id: &'static str, value_name: &'static str, help: &'static str) -> Arg {
    Arg::new(id)
        .long(long(id))
        .value_name(value_name)
        .action(ArgAction::Set)
        .help(help)
}

/// An optional positional argument `id` (shown as NAME).
fn positional(id: &'static str, help: &'static str) -> Arg {
    debug_assert_eq!(id, "name");
    Arg::new(id)
        .value_name("NAME")
        .action(ArgAction::Set)
        .help(help)
}

fn sandbox_arg() -> Arg {
    option("sandbox", "MODE", SANDBOX_HELP)
        .value_parser(value_parser!(Request))
        .default_value("auto")
}

fn seed_arg() -> Arg {
    option("seed", "N", SEED_HELP).value_parser(crate::checks::seed::parse)
}

fn names_arg() -> Arg {
    Arg::new("names")
        .value_name("NAMES")
        .action(ArgAction::Append)
        .help("Only these exercises [default: all]")
}

fn list_format_arg(help: &'static str) -> Arg {
    option("format", "FORMAT", help)
        .value_parser(value_parser!(ListFormat))
        .default_value("text")
}

impl Cli {
    /// Parses the process's arguments; on an error or `--help`, prints and exits as clap does.
    pub fn parse() -> Cli {
        Cli::from_matches(&Cli::command().get_matches())
    }

    /// Parses `args` (the program name first).
    pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Ok(Cli::from_matches(
            &Cli::command().try_get_matches_from(args)?,
        ))
    }

    /// The whole command line, with every help text.
    pub fn command() -> clap::Command {
        clap::Command::new("workbook")
            .version(env!("CARGO_PKG_VERSION"))
            .about(ABOUT)
            .long_about(LONG_ABOUT)
            .after_help(AFTER_HELP)
            .arg(
                Arg::new("root")
                    .long("root")
                    .short('C')
                    .global(true)
                    .value_name("DIR")
                    .action(ArgAction::Set)
                    .value_parser(value_parser!(PathBuf))
                    .help("The workbook directory [default: the one containing the current directory]"),
            )
            .subcommand(
                clap::Command::new("watch")
                    .about("Check the current exercise on every save, and move on when it passes (the default)")
                    .arg(flag(
                        "manual",
                        "Do not watch files: press r or Enter to check (for WSL on /mnt, NFS, some containers)",
                    ))
                    .arg(option(
                        "edit_cmd",
                        "CMD",
                        "The command `e` opens the current exercise with (its path is added last), e.g. \
                         `--edit-cmd \"code -r\"` [default: $VISUAL, else $EDITOR]",
                    ))
                    .arg(sandbox_arg()),
            )
            .subcommand(
                clap::Command::new("list")
                    .about("Exercises in order, with status, topic and checks")
                    .arg(list_format_arg("Output format")),
            )
            .subcommand(
                clap::Command::new("run")
                    .about("Check one exercise once and print the verdict (exit 0 pass, 1 fail)")
                    .arg(positional(
                        "name",
                        "Exercise name [default: the current exercise, the first not done]",
                    ))
                    .arg(flag("solution", "Check the shipped solution instead of your exercise file"))
                    .arg(seed_arg())
                    .arg(sandbox_arg()),
            )
            .subcommand(
                clap::Command::new("hint")
                    .about("Reveal the next hint level for an exercise (or search every hint with --search)")
                    .arg(positional("name", "Exercise name [default: the current exercise]"))
                    .arg(flag("all", "Show every hint level at once"))
                    .arg(
                        option(
                            "search",
                            "WORD",
                            "List the exercises whose hints or concepts mention WORD (hints stay \
                             hidden; exit 1 when none does)",
                        )
                        .conflicts_with_all(["name", "all"]),
                    ),
            )
            .subcommand(
                clap::Command::new("verify")
                    .about("Check every exercise in order and stop at the first failure")
                    .arg(flag("keep_going", "Check every exercise, even after a failure"))
                    .arg(flag(
                        "solutions",
                        "Check solutions/ instead of exercises/ (progress is not changed)",
                    ))
                    .arg(seed_arg())
                    .arg(sandbox_arg()),
            )
            .subcommand(
                clap::Command::new("reset")
                    .about("Restore shipped exercise files (your changes to them are lost)")
                    .group(ArgGroup::new("which").required(true).args(["name", "all"]))
                    .arg(positional("name", "Exercise to restore"))
                    .arg(flag("all", "Restore every exercise and forget all progress"))
                    .arg(flag("yes", "Do not ask for confirmation").short('y')),
            )
            .subcommand(grade_command())
            .subcommand(
                clap::Command::new("dev")
                    .about("Tools for exercise authors")
                    .subcommand_required(true)
                    .arg_required_else_help(true)
                    .subcommand(
                        clap::Command::new("check")
                            .about(
                                "Validate the catalogue: names, files, hints, checks; every shipped \
                                 exercise fails with its `fails_with` verdict, every solution passes",
                            )
                            .arg(names_arg())
                            .arg(flag(
                                "no_grade",
                                "Only validate files and the catalogue; do not grade exercises, \
                                 solutions and answers",
                            ))
                            .arg(
                                flag(
                                    "mutants",
                                    "Also grade every mutant of the solutions (slow) and fail on an \
                                     unexplained survivor",
                                )
                                .conflicts_with("no_grade"),
                            ),
                    )
                    .subcommand(
                        clap::Command::new("edits")
                            .about(
                                "Turn whole-file answers (tests/answers/<name>/<answer>.rs) into \
                                 <answer>.toml edits to the current shipped exercise",
                            )
                            .arg(
                                Arg::new("files")
                                    .value_name("FILES")
                                    .action(ArgAction::Append)
                                    .required(true)
                                    .value_parser(value_parser!(PathBuf))
                                    .help("The answer files to convert"),
                            ),
                    )
                    .subcommand(
                        clap::Command::new("mutants")
                            .about(
                                "Apply mechanical learner mistakes to each solution, grade each mutant \
                                 with the checks, and list the survivors (mutants that pass); exit 1 \
                                 on an unexplained survivor",
                            )
                            .arg(names_arg())
                            .arg(list_format_arg(
                                "Output format of the summary (progress always goes to stderr)",
                            ))
                            .arg(flag(
                                "list",
                                "Only list the mutants (id and line), without grading them",
                            )),
                    )
                    .subcommand(clap::Command::new("editor").about(
                        "Write editor/Cargo.toml from info.toml: every exercise and solution file as \
                         a target, so that rust-analyzer knows them",
                    )),
            )
    }

    fn from_matches(m: &ArgMatches) -> Cli {
        let command = m.subcommand().map(|(name, m)| match name {
            "watch" => Command::Watch(WatchArgs {
                manual: m.get_flag("manual"),
                edit_cmd: m.get_one::<String>("edit_cmd").cloned(),
                sandbox: sandbox(m),
            }),
            "list" => Command::List(ListArgs {
                format: list_format(m),
            }),
            "run" => Command::Run(RunArgs {
                name: m.get_one::<String>("name").cloned(),
                solution: m.get_flag("solution"),
                seed: m.get_one::<u64>("seed").copied(),
                sandbox: sandbox(m),
            }),
            "hint" => Command::Hint(HintArgs {
                name: m.get_one::<String>("name").cloned(),
                all: m.get_flag("all"),
                search: m.get_one::<String>("search").cloned(),
            }),
            "verify" => Command::Verify(VerifyArgs {
                keep_going: m.get_flag("keep_going"),
                solutions: m.get_flag("solutions"),
                seed: m.get_one::<u64>("seed").copied(),
                sandbox: sandbox(m),
            }),
            "reset" => Command::Reset(ResetArgs {
                name: m.get_one::<String>("name").cloned(),
                all: m.get_flag("all"),
                yes: m.get_flag("yes"),
            }),
            "grade" => Command::Grade(GradeArgs {
                paths: many(m, "paths"),
                shard: m.get_one::<(u32, u32)>("shard").copied(),
                merge: m.get_flag("merge"),
                no_cache: m.get_flag("no_cache"),
                clear_cache: m.get_flag("clear_cache"),
                format: *m.get_one::<ReportFormat>("format").expect("defaulted"),
                output: m.get_one::<PathBuf>("output").cloned(),
                report: many(m, "report"),
                jobs: m.get_one::<u32>("jobs").copied(),
                timeout: m.get_one::<f64>("timeout").copied(),
                only: many(m, "only"),
                checks: m.get_one::<PathBuf>("checks").cloned(),
                seed: m.get_one::<u64>("seed").copied(),
                memory: *m.get_one::<u64>("memory").expect("defaulted"),
                sandbox: sandbox(m),
            }),
            "dev" => Command::Dev(match m.subcommand() {
                Some(("check", m)) => DevCommand::Check(DevCheckArgs {
                    names: many(m, "names"),
                    no_grade: m.get_flag("no_grade"),
                    mutants: m.get_flag("mutants"),
                }),
                Some(("edits", m)) => DevCommand::Edits(DevEditsArgs {
                    files: many(m, "files"),
                }),
                Some(("mutants", m)) => DevCommand::Mutants(DevMutantsArgs {
                    names: many(m, "names"),
                    format: list_format(m),
                    list: m.get_flag("list"),
                }),
                _ => DevCommand::Editor,
            }),
            other => unreachable!("clap accepted an unknown subcommand {other}"),
        });
        Cli {
            root: m.get_one::<PathBuf>("root").cloned(),
            command,
        }
    }
}

fn sandbox(m: &ArgMatches) -> Request {
    *m.get_one::<Request>("sandbox").expect("defaulted")
}

fn list_format(m: &ArgMatches) -> ListFormat {
    *m.get_one::<ListFormat>("format").expect("defaulted")
}

fn many<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> Vec<T> {
    m.get_many::<T>(id)
        .map(|v| v.cloned().collect())
        .unwrap_or_default()
}

/// `--memory`'s default as clap shows it: `grade::DEFAULT_MEMORY_MIB` (a test checks they agree).
const DEFAULT_MEMORY_MIB_TEXT: &str = "2048";

fn grade_command() -> clap::Command {
    clap::Command::new("grade")
        .about("Grade students' workbooks for a course: points per exercise, as a report")
        .long_about(GRADE_ABOUT)
        .after_help(GRADE_EXAMPLES)
        .arg(
            Arg::new("paths")
                .action(ArgAction::Append)
                .value_name("PATH")
                .required_unless_present("clear_cache")
                .value_parser(value_parser!(PathBuf))
                .help("Students' workbook directories, one per student (with --merge: shards' JSON reports)"),
        )
        .arg(
            option(
                "shard",
                "K/N",
                "Grade only shard K of N: a stable 1/N of the submissions, chosen by a hash of each \
                 submission's name (merge the shards' JSON reports with --merge)",
            )
            .value_parser(parse_shard)
            .conflicts_with("merge"),
        )
        .arg(flag(
            "merge",
            "The PATHs are shards' JSON reports (`--shard K/N --format json`): write them as one \
             report, as if graded at once; shards of another grader or catalogue are refused",
        ))
        .arg(flag(
            "no_cache",
            "Grade every file, even one whose verdict is cached (and cache nothing)",
        ))
        .arg(flag(
            "clear_cache",
            "Remove every cached verdict (target/workbook/cache/), then grade the PATHs if any",
        ))
        .arg(
            option("format", "FORMAT", "Report format")
                .value_parser(value_parser!(ReportFormat))
                .default_value("text"),
        )
        .arg(
            option(
                "output",
                "FILE",
                "Write the report to FILE (replaced only once grading is done) [default: stdout]",
            )
            .short('o')
            .value_parser(value_parser!(PathBuf)),
        )
        .arg(
            option(
                "report",
                "FORMAT:FILE",
                "Also write the report in FORMAT to FILE (repeatable): one grading run, many \
                 reports, e.g. `--report junit:report.xml --report csv:grades.csv`",
            )
            .action(ArgAction::Append)
            .value_parser(parse_report),
        )
        .arg(
            option(
                "jobs",
                "N",
                "Submissions graded at once [default: the number of cores]",
            )
            .short('j')
            .value_parser(value_parser!(u32).range(1..=64)),
        )
        .arg(
            option(
                "timeout",
                "SECS",
                "Time limit of each check run, in seconds [default: each exercise's own, from \
                 info.toml]",
            )
            .value_parser(parse_seconds),
        )
        .arg(
            option(
                "only",
                "NAME,...",
                "Grade only these exercises (comma-separated names) [default: all]",
            )
            .action(ArgAction::Append)
            .value_delimiter(','),
        )
        .arg(
            option(
                "checks",
                "DIR",
                "Extra, teacher-only checks, laid out like tests/checks/ (NAME/test.rs, \
                 NAME/loom.rs, NAME/compile_fail/*.rs), run after the shipped ones",
            )
            .value_parser(value_parser!(PathBuf)),
        )
        .arg(
            option(
                "seed",
                "N",
                "Draw every file's check inputs from seed N (as a verdict prints it, `seed \
                 0x...`), to reproduce a student's failing inputs [default: a seed per file, made \
                 of its cache key]",
            )
            .value_parser(crate::checks::seed::parse)
            .conflicts_with("merge"),
        )
        .arg(
            option("memory", "MIB", "Memory limit of each check process, in MiB")
                .value_parser(value_parser!(u64).range(64..))
                .default_value(DEFAULT_MEMORY_MIB_TEXT),
        )
        .arg(sandbox_arg())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        assert_eq!(
            DEFAULT_MEMORY_MIB_TEXT.parse::<u64>(),
            Ok(crate::grade::DEFAULT_MEMORY_MIB)
        );
    }

    #[test]
    fn arguments_land_in_their_fields() {
        let cli = Cli::try_parse_from([
            "workbook",
            "grade",
            "a",
            "b",
            "--only",
            "x,y",
            "--report",
            "csv:g.csv",
            "-j",
            "3",
            "--no-cache",
            "-C",
            "/w",
        ])
        .unwrap();
        assert_eq!(cli.root, Some(PathBuf::from("/w")));
        let Some(Command::Grade(g)) = cli.command else {
            panic!("not grade")
        };
        assert_eq!(g.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(g.only, ["x", "y"]);
        assert_eq!(g.report, [(ReportFormat::Csv, PathBuf::from("g.csv"))]);
        assert_eq!((g.jobs, g.no_cache, g.memory), (Some(3), true, 2048));
        assert_eq!((g.format, g.sandbox), (ReportFormat::Text, Request::Auto));
        let cli =
            Cli::try_parse_from(["workbook", "watch", "--edit-cmd", "vi", "--sandbox", "off"])
                .unwrap();
        let Some(Command::Watch(w)) = cli.command else {
            panic!("not watch")
        };
        assert_eq!(
            (w.edit_cmd.as_deref(), w.sandbox),
            (Some("vi"), Request::Off)
        );
        assert!(Cli::try_parse_from(["workbook", "hint", "--search", "x", "--all"]).is_err());
        assert!(Cli::try_parse_from(["workbook", "reset"]).is_err());
        assert!(
            Cli::try_parse_from(["workbook", "dev", "check", "--mutants", "--no-grade"]).is_err()
        );
    }
}

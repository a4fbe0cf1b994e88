//! The gate: reads a learner's (or a submission's) file before it is built and refuses the
//! constructs that act outside the exercise, so that no check result could be trusted: ending
//! the program early, running code before `main`, replacing system symbols, reaching another
//! exercise's checks, reading files at compile time, telling one build from another.
//!
//! Why tokens, not an AST: every rule is checked on the file's token trees (proc-macro2, the
//! lexer syn uses), recursing into every group, so the body of a `macro_rules!`, the tokens of
//! any macro invocation and the contents of every attribute are read by the same code as
//! ordinary items: a macro cannot hide a construct. `use` trees (`std::{process as p}`,
//! `std::process::{self}`, globs) are expanded into full paths first. A metavariable inside a
//! macro body (`std::process::$f`) matches any name. A file that does not even tokenize is
//! left to the compiler, which explains it better. Integrity flags (`unsafe`, `fs`, `net`,
//! `os`) are information for a reviewer, never a verdict; `unsafe` is also a rule (code that
//! reads the runner's memory can forge its evidence), allowed where an exercise teaches it.

use std::fmt;
use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};

pub(crate) mod path;
mod scan;
#[cfg(test)]
mod tests;

use scan::Scan;

/// One rule of the gate; its id is what `info.toml`'s `allow` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    Exit,
    Command,
    Env,
    PanicHook,
    Linkage,
    ForeignCrate,
    RealStd,
    CompileRead,
    Scope,
    Cfg,
    Probe,
    Unsafe,
}

impl Rule {
    pub const ALL: [Rule; 12] = [
        Rule::Exit,
        Rule::Command,
        Rule::Env,
        Rule::PanicHook,
        Rule::Linkage,
        Rule::ForeignCrate,
        Rule::RealStd,
        Rule::CompileRead,
        Rule::Scope,
        Rule::Cfg,
        Rule::Probe,
        Rule::Unsafe,
    ];

    /// The id used in `info.toml` and in refusals.
    pub fn id(self) -> &'static str {
        self.describe().0
    }

    /// The constructs the rule refuses.
    pub fn what(self) -> &'static str {
        self.describe().1
    }

    /// Why the checks could not trust a result with it: completes "line N: `construct` ...".
    pub fn why(self) -> &'static str {
        self.describe().2
    }

    fn describe(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Rule::Exit => (
                "exit",
                "`process::exit`, `process::abort`, and any `use` reaching them",
                "ends the program before the checks finish, so no result could be trusted",
            ),
            Rule::Command => (
                "command",
                "`process::Command`",
                "starts other programs the checks can neither see nor stop, so no result could be trusted",
            ),
            Rule::Env => (
                "env",
                "`env::set_var`, `env::remove_var`, `env::set_current_dir`",
                "changes the environment the checks run in, so no result could be trusted",
            ),
            Rule::PanicHook => (
                "panic-hook",
                "`panic::set_hook`, `panic::take_hook`",
                "changes how panics are reported, which is how the checks see a failure, so no result could be trusted",
            ),
            Rule::Linkage => (
                "linkage",
                "`no_mangle`, `export_name`, `link_section`, `used`, `link`, `link_name`, \
                 `global_allocator`, `extern` blocks and `extern` fn definitions, `asm!`",
                "runs code outside the checks' control (before `main`, or in place of a system function), so no result could be trusted",
            ),
            Rule::ForeignCrate => (
                "foreign-crate",
                "naming `loom`, `trybuild`, `libc` or the grader's own `workbook_rt`, `workbook_loom_std`; \
                 `extern crate`",
                "reaches a crate the checks themselves use, past your exercise, so no result could be trusted",
            ),
            Rule::RealStd => (
                "real-std",
                "`core::sync`, `core::thread`-like paths, absolute `::std::`/`::core::` paths",
                "reaches the real standard library past the model checker, so the interleavings it checks would not be yours and no result could be trusted",
            ),
            Rule::CompileRead => (
                "compile-read",
                "`include!`, `include_str!`, `include_bytes!`, `#[path]`, `mod x;`, `env!`, \
                 `option_env!`, `module_path!`",
                "reads other files or the build environment while compiling, so the checks could be read or told apart and no result could be trusted",
            ),
            Rule::Scope => (
                "scope",
                "paths from `crate` or `$crate`, `super` climbing out of the file, \
                 `#[macro_export]`, items named `std`, `core`, `alloc` or `loom`, \
                 `macro_rules!` named like a std macro (`assert_eq`), the grader's \
                 `__workbook` module",
                "reaches outside your file into code the checks rely on, so no result could be trusted",
            ),
            Rule::Cfg => (
                "cfg",
                "`cfg`, `cfg_attr`, `cfg!` other than `test`, `debug_assertions`, `unix`, \
                 `windows`, `target_*`, `panic`",
                "can make your code behave differently in the checks' builds than in yours, so no result could be trusted",
            ),
            Rule::Probe => (
                "probe",
                "`type_name`, `type_name_of_val`, `TypeId`, `type_id`, `size_of`, \
                 `size_of_val`, `align_of`, `align_of_val`, `needs_drop`, `Layout`, \
                 `offset_of!`; clocks (`Instant`, `SystemTime`, `UNIX_EPOCH`, a file's times through \
                 `metadata`, `Metadata`, `MetadataExt`), `Backtrace`, \
                 `Location` and `#[track_caller]`; `env::args`, `env::args_os`, \
                 `env::current_exe`, `env::current_dir`, `env::var`, `env::var_os`, \
                 `env::vars`, `env::vars_os`",
                "tells a model-checked run from a real one (the model checker's types differ from std's in name and size; its runs are slower, have loom in their backtraces, are called from other check files and are started with other arguments), so your code could behave differently while it is checked and no result could be trusted",
            ),
            Rule::Unsafe => (
                "unsafe",
                "`unsafe` blocks, functions, impls, traits and `extern` blocks, in an exercise \
                 that does not teach them",
                "can read and write the checks' own memory (where their evidence of a pass lives), so no result could be trusted",
            ),
        }
    }

    /// All ids, for error messages: `exit, command, ...`.
    pub fn known() -> String {
        Rule::ALL.map(Rule::id).join(", ")
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Rule, String> {
        Rule::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| format!("unknown rule `{s}` (known: {})", Rule::known()))
    }
}

/// Why a file was refused: where, what, and which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 1-based, in the learner's file.
    pub line: usize,
    /// The construct as written (a path, `include_str!`, `#[used]`), never a file's contents.
    pub construct: String,
    pub rule: Rule,
    /// What to write instead, when there is one obvious answer.
    pub advice: Option<String>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: `{}` {}",
            self.line,
            self.construct,
            self.rule.why()
        )?;
        if let Some(advice) = &self.advice {
            write!(f, "; {advice}")?;
        }
        write!(f, " (rule `{}`)", self.rule)
    }
}

/// What a reviewer should see in an accepted file: the first line of each kind of use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub flags: Vec<Flag>,
}

impl Findings {
    /// The flags as report strings: `unsafe (line 12)`.
    pub fn flag_strings(&self) -> Vec<String> {
        self.flags.iter().map(Flag::to_string).collect()
    }
}

/// An integrity flag: information, never a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// `unsafe`, `fs`, `net` or `os`.
    pub what: &'static str,
    /// The first line where it is used.
    pub line: usize,
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (line {})", self.what, self.line)
    }
}

/// Reads `source` and refuses it at its first construct that breaks a rule not in `allowed`.
pub fn inspect(source: &str, allowed: &[Rule]) -> Result<Findings, Refusal> {
    let Some(tokens) = lex(source) else {
        return Ok(Findings::default());
    };
    let mut scan = Scan::default();
    scan.tokens(&tokens, 0);
    let refusal = scan
        .refusals
        .into_iter()
        .filter(|r| !allowed.contains(&r.rule))
        .min_by_key(|r| r.line);
    match refusal {
        Some(r) => Err(r),
        None => {
            let mut flags = scan.flags;
            flags.sort_by_key(|f| f.line);
            Ok(Findings { flags })
        }
    }
}

/// A file's token trees as the gate reads them (a byte-order mark and a shebang line left
/// out, every line and column kept), or `None` when it does not tokenize. Shared with the
/// harness's reading of `UnsafeCell::get()` sites (`harness/cell_reads.rs`).
pub(crate) fn lex(source: &str) -> Option<Vec<TokenTree>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // A shebang line is not Rust tokens (an inner attribute `#![` is); keep the line count.
    let blanked;
    let source = if source.starts_with("#!") && !source.trim_start_matches("#!").starts_with('[') {
        blanked = source
            .find('\n')
            .map_or(String::new(), |i| source[i..].to_string());
        blanked.as_str()
    } else {
        source
    };
    let tokens = source.parse::<TokenStream>().ok()?;
    Some(tokens.into_iter().collect())
}

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
//! `os`) are information for a reviewer, never a verdict.

use std::fmt;
use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

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
}

impl Rule {
    pub const ALL: [Rule; 10] = [
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
                "naming `loom`, `trybuild` or `libc`; `extern crate`",
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
                 `macro_rules!` named like a std macro (`assert_eq`)",
                "reaches outside your file into code the checks rely on, so no result could be trusted",
            ),
            Rule::Cfg => (
                "cfg",
                "`cfg`, `cfg_attr`, `cfg!` other than `test`, `debug_assertions`, `unix`, \
                 `windows`, `target_*`, `panic`",
                "can make your code behave differently in the checks' builds than in yours, so no result could be trusted",
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
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return Ok(Findings::default());
    };
    let mut scan = Scan::default();
    scan.tokens(&tokens.into_iter().collect::<Vec<_>>(), 0);
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

/// A path as written, with `use` trees expanded: `std::{process as p}` is `std::process` with
/// alias `p`. A macro metavariable segment is kept as `$name`.
#[derive(Debug, Clone)]
struct Path {
    segs: Vec<String>,
    absolute: bool,
    line: usize,
    in_use: bool,
    alias: Option<String>,
    /// Followed by `!`: a macro invocation.
    bang: bool,
}

impl Path {
    fn shown(&self) -> String {
        let mut s = if self.absolute { "::" } else { "" }.to_string();
        s.push_str(&self.segs.join("::"));
        if self.bang {
            s.push('!');
        }
        if self.in_use {
            s.insert_str(0, "use ");
            if let Some(a) = &self.alias {
                s.push_str(&format!(" as {a}"));
            }
        }
        s
    }

    fn first(&self) -> &str {
        self.segs.first().map_or("", String::as_str)
    }

    fn last(&self) -> &str {
        self.segs.last().map_or("", String::as_str)
    }

    /// Two consecutive segments `a` then one of `bs`; a metavariable matches any name, so
    /// `std::process::$f` and `std::$m::$f` (names passed in by the macro's caller) match.
    fn pair(&self, a: &str, bs: &[&str]) -> bool {
        self.segs.windows(2).any(|w| {
            let (x, y) = (w[0].as_str(), w[1].as_str());
            (is_meta(x) || x == a) && (is_meta(y) || bs.contains(&y))
        })
    }

    /// The segment before the last: `std` in `std::process`.
    fn parent(&self) -> Option<&str> {
        let n = self.segs.len();
        (n >= 2).then(|| self.segs[n - 2].as_str())
    }

    /// A `use` of module `m` under another name or as a glob (`use std::env as e`, `use
    /// std::env::*`): later paths would not say `m::` any more.
    fn renames(&self, m: &str) -> bool {
        self.in_use
            && ((self.last() == m && self.alias.as_deref().is_some_and(|a| a != m))
                || self.pair(m, &["*"]))
    }
}

fn is_meta(seg: &str) -> bool {
    seg.starts_with('$') && seg != "$crate"
}

const ITEM_KEYWORDS: [&str; 9] = [
    "fn", "struct", "enum", "union", "trait", "type", "const", "static", "mod",
];
const RESERVED_NAMES: [&str; 4] = ["std", "core", "alloc", "loom"];
const LINKAGE_ATTRS: [&str; 8] = [
    "no_mangle",
    "export_name",
    "link_section",
    "used",
    "link",
    "link_name",
    "global_allocator",
    "naked",
];
const ASM_MACROS: [&str; 3] = ["asm", "global_asm", "naked_asm"];
const READ_MACROS: [&str; 6] = [
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "module_path",
];
/// std's macros: a learner's `macro_rules!` of one of these names would replace it in the checks.
const STD_MACROS: [&str; 38] = [
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "panic",
    "unreachable",
    "unimplemented",
    "todo",
    "matches",
    "vec",
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "dbg",
    "concat",
    "stringify",
    "line",
    "column",
    "file",
    "thread_local",
    "compile_error",
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "module_path",
    "cfg",
    "try",
    "assert_matches",
    "macro_rules",
];
/// Modules the loom shim models: under `core::` they are the real ones.
const MODELLED: [&str; 3] = ["sync", "thread", "hint"];

#[derive(Default)]
struct Scan {
    refusals: Vec<Refusal>,
    flags: Vec<Flag>,
}

fn line_of(t: &TokenTree) -> usize {
    t.span().start().line
}

fn punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn ident(t: Option<&TokenTree>) -> Option<String> {
    match t {
        Some(TokenTree::Ident(i)) => {
            let s = i.to_string();
            Some(s.strip_prefix("r#").map(str::to_string).unwrap_or(s))
        }
        _ => None,
    }
}

fn group(t: Option<&TokenTree>, d: Delimiter) -> Option<Vec<TokenTree>> {
    match t {
        Some(TokenTree::Group(g)) if g.delimiter() == d => Some(g.stream().into_iter().collect()),
        _ => None,
    }
}

/// `::` at `i`.
fn colons(toks: &[TokenTree], i: usize) -> bool {
    matches!(toks.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && punct(toks.get(i + 1), ':')
}

/// Splits at top-level commas (groups are single tokens, so every comma here is top level).
fn split_commas(toks: &[TokenTree]) -> Vec<&[TokenTree]> {
    toks.split(|t| punct(Some(t), ','))
        .filter(|s| !s.is_empty())
        .collect()
}

impl Scan {
    fn refuse(&mut self, line: usize, construct: impl Into<String>, rule: Rule) {
        self.refusals.push(Refusal {
            line,
            construct: construct.into(),
            rule,
            advice: None,
        });
    }

    fn flag(&mut self, what: &'static str, line: usize) {
        if !self.flags.iter().any(|f| f.what == what) {
            self.flags.push(Flag { what, line });
        }
    }

    /// Scans a token sequence at module depth `depth` (how many `mod x { }` of the learner's
    /// own file enclose it; `super` may climb that many times).
    fn tokens(&mut self, toks: &[TokenTree], depth: usize) {
        let mut i = 0;
        while i < toks.len() {
            i = self.token(toks, i, depth);
        }
    }

    /// Scans from `toks[i]`; returns the index after what it consumed.
    fn token(&mut self, toks: &[TokenTree], i: usize, depth: usize) -> usize {
        let t = &toks[i];
        let line = line_of(t);
        match t {
            TokenTree::Group(g) => {
                self.tokens(&g.stream().into_iter().collect::<Vec<_>>(), depth);
                return i + 1;
            }
            TokenTree::Literal(_) => return i + 1,
            TokenTree::Punct(p) => {
                let c = p.as_char();
                if c == '#' {
                    let at = if punct(toks.get(i + 1), '!') {
                        i + 2
                    } else {
                        i + 1
                    };
                    if let Some(attr) = group(toks.get(at), Delimiter::Bracket) {
                        self.attribute(&attr, line);
                        self.tokens(&attr, depth);
                        return at + 1;
                    }
                    return i + 1;
                }
                if c == ':' && colons(toks, i) && ident(toks.get(i + 2)).is_some() {
                    return self.path_from(toks, i + 2, true, false, depth);
                }
                if c == '$' {
                    if ident(toks.get(i + 1)).is_some() {
                        return self.path_from(toks, i, false, false, depth);
                    }
                    return i + 1;
                }
                return i + 1;
            }
            TokenTree::Ident(_) => {}
        }
        let word = ident(Some(t)).unwrap_or_default();
        let next = ident(toks.get(i + 1));
        match word.as_str() {
            "macro_rules" if punct(toks.get(i + 1), '!') => {
                if let Some(name) = ident(toks.get(i + 2)) {
                    self.item_name("macro_rules!", &name, line_of(&toks[i + 2]));
                    // A `macro_rules!` shadows std's macro of that name in every module after
                    // it, the checks' own included: `assert_eq!` could then check nothing.
                    if STD_MACROS.contains(&name.as_str()) {
                        self.refusals.push(Refusal {
                            line,
                            construct: format!("macro_rules! {name}"),
                            rule: Rule::Scope,
                            advice: Some(format!(
                                "it would replace std's `{name}!` in the checks; give your macro another name"
                            )),
                        });
                    }
                }
                if let Some(TokenTree::Group(g)) = toks.get(i + 3) {
                    self.macro_rules_body(&g.stream().into_iter().collect::<Vec<_>>());
                    return i + 4;
                }
                return i + 2;
            }
            "use" => {
                let mut j = i + 1;
                let absolute = colons(toks, j);
                if absolute {
                    j += 2;
                }
                if let Some(tree) = group(toks.get(j), Delimiter::Brace) {
                    for part in split_commas(&tree) {
                        self.use_tree(part, Vec::new(), absolute, line, depth);
                    }
                    return j + 1;
                }
                if ident(toks.get(j)).is_some() {
                    return self.path_from_use(toks, j, absolute, depth);
                }
                return j;
            }
            "extern" => {
                if next.as_deref() == Some("crate") {
                    self.refuse(line, "extern crate", Rule::ForeignCrate);
                    return i + 2;
                }
                let mut j = i + 1;
                if matches!(toks.get(j), Some(TokenTree::Literal(_))) {
                    j += 1;
                }
                if group(toks.get(j), Delimiter::Brace).is_some() {
                    self.refuse(line, "extern { ... }", Rule::Linkage);
                } else if punct(toks.get(j), '$') {
                    // `extern $abi fn`: the macro's caller picks the ABI.
                    self.refuse(line, "extern $...", Rule::Linkage);
                } else if ident(toks.get(j)).as_deref() == Some("fn")
                    && let Some(name) = ident(toks.get(j + 1))
                {
                    self.refuse(line, format!("extern fn {name}"), Rule::Linkage);
                }
                return i + 1;
            }
            "unsafe" => {
                let block = group(toks.get(i + 1), Delimiter::Brace).is_some();
                let item = matches!(next.as_deref(), Some("impl" | "fn" | "trait" | "extern"));
                if block || item {
                    self.flag("unsafe", line);
                }
                return i + 1;
            }
            "mod" => {
                if let Some(name) = next.clone() {
                    self.item_name("mod", &name, line);
                    if let Some(body) = group(toks.get(i + 2), Delimiter::Brace) {
                        self.tokens(&body, depth + 1);
                        return i + 3;
                    }
                    if punct(toks.get(i + 2), ';') {
                        self.refuse(line, format!("mod {name};"), Rule::CompileRead);
                    }
                    return i + 2;
                }
                return i + 1;
            }
            w if ITEM_KEYWORDS.contains(&w) => {
                if let Some(name) = next {
                    self.item_name(w, &name, line);
                    if !is_keyword(&name) {
                        return i + 2;
                    }
                }
                return i + 1;
            }
            _ => {}
        }
        self.path_from(toks, i, false, false, depth)
    }

    /// `(matcher) => { transcriber };...`: matchers are patterns, never code (and forwarding
    /// `$(#[$m:meta])*` there is ordinary), so only transcribers are read. A macro can be
    /// expanded in any module: its `super` climbs from depth 0.
    fn macro_rules_body(&mut self, toks: &[TokenTree]) {
        let mut k = 0;
        while k < toks.len() {
            let matcher = matches!(toks[k], TokenTree::Group(_))
                && punct(toks.get(k + 1), '=')
                && punct(toks.get(k + 2), '>');
            k = if matcher {
                k + 3
            } else {
                self.token(toks, k, 0)
            };
        }
    }

    fn item_name(&mut self, keyword: &str, name: &str, line: usize) {
        if RESERVED_NAMES.contains(&name) {
            self.refusals.push(Refusal {
                line,
                construct: format!("{keyword} {name}"),
                rule: Rule::Scope,
                advice: Some(format!(
                    "it would stand for `{name}` in the checks; give it another name"
                )),
            });
        }
    }

    fn path_from_use(
        &mut self,
        toks: &[TokenTree],
        i: usize,
        absolute: bool,
        depth: usize,
    ) -> usize {
        let mut out = Vec::new();
        let end = parse_path(toks, i, Vec::new(), absolute, true, &mut out);
        for p in out {
            self.check_path(&p, depth);
        }
        end
    }

    /// One branch of a braced `use` tree, with the prefix before the braces.
    fn use_tree(
        &mut self,
        toks: &[TokenTree],
        prefix: Vec<String>,
        absolute: bool,
        line: usize,
        depth: usize,
    ) {
        let mut out = Vec::new();
        if let Some(tree) = group(toks.first(), Delimiter::Brace) {
            for part in split_commas(&tree) {
                self.use_tree(part, prefix.clone(), absolute, line, depth);
            }
            return;
        }
        if punct(toks.first(), '*') {
            let mut segs = prefix;
            segs.push("*".into());
            out.push(Path {
                segs,
                absolute,
                line,
                in_use: true,
                alias: None,
                bang: false,
            });
        } else {
            parse_path(toks, 0, prefix, absolute, true, &mut out);
        }
        for p in out {
            self.check_path(&p, depth);
        }
    }

    fn path_from(
        &mut self,
        toks: &[TokenTree],
        i: usize,
        absolute: bool,
        in_use: bool,
        depth: usize,
    ) -> usize {
        let mut out = Vec::new();
        let end = parse_path(toks, i, Vec::new(), absolute, in_use, &mut out);
        for p in &out {
            self.check_path(p, depth);
            if p.bang && p.last() == "cfg" {
                // `end` is the `!`; the predicate is the group after it.
                if let Some(TokenTree::Group(g)) = toks.get(end + 1) {
                    let pred: Vec<TokenTree> = g.stream().into_iter().collect();
                    self.predicate(&pred, p.line);
                }
            }
        }
        end.max(i + 1)
    }

    fn check_path(&mut self, p: &Path, depth: usize) {
        let line = p.line;
        let shown = p.shown();
        let n = p.segs.len();
        let multi = n > 1 || p.in_use || p.bang;

        // exit
        let uses_process = p.in_use
            && p.last() == "process"
            && (n == 1
                || p.parent()
                    .is_some_and(|s| s == "std" || s == "core" || is_meta(s)));
        if p.pair("process", &["exit", "abort", "*"]) || uses_process {
            self.refuse(line, &shown, Rule::Exit);
        }
        if p.pair("process", &["Command"]) {
            self.refuse(line, &shown, Rule::Command);
        }
        if p.pair("env", &["set_var", "remove_var", "set_current_dir"]) || p.renames("env") {
            self.refuse(line, &shown, Rule::Env);
        }
        if p.pair("panic", &["set_hook", "take_hook", "update_hook"]) || p.renames("panic") {
            self.refuse(line, &shown, Rule::PanicHook);
        }
        if ASM_MACROS.contains(&p.last()) && (p.bang || n > 1) {
            self.refuse(line, &shown, Rule::Linkage);
        }
        if ["loom", "trybuild", "libc"].contains(&p.first()) && multi {
            self.refuse(line, &shown, Rule::ForeignCrate);
        }
        // real-std
        let root = p.first();
        if p.absolute && ["std", "core", "alloc"].contains(&root) {
            let rest = p.segs[1..].join("::");
            self.refusals.push(Refusal {
                line,
                construct: shown.clone(),
                rule: Rule::RealStd,
                advice: Some(format!("write `std::{rest}` (no leading `::`)")),
            });
        } else if (root == "core" || root == "alloc")
            && (p
                .segs
                .get(1)
                .is_some_and(|s| MODELLED.contains(&s.as_str()) || s == "*" || is_meta(s))
                || (p.in_use && n == 1 && p.alias.is_some()))
        {
            let rest = p.segs[1..].join("::");
            let write = if rest.is_empty() {
                "std".to_string()
            } else {
                format!("std::{rest}")
            };
            self.refusals.push(Refusal {
                line,
                construct: shown.clone(),
                rule: Rule::RealStd,
                advice: Some(format!("write `{write}`")),
            });
        }
        // compile-read
        let reads = if p.bang {
            READ_MACROS.contains(&p.last())
        } else {
            n > 1 && READ_MACROS[..].contains(&p.last()) && p.last() != "env"
        };
        if reads {
            self.refuse(line, &shown, Rule::CompileRead);
        }
        // scope
        if (root == "crate" && (n > 1 || p.in_use)) || p.segs.iter().any(|s| s == "$crate") {
            self.refuse(line, &shown, Rule::Scope);
        }
        let climbs = p
            .segs
            .iter()
            .skip_while(|s| *s == "self")
            .take_while(|s| *s == "super")
            .count();
        if climbs > depth && (n > climbs || p.in_use) {
            self.refuse(line, &shown, Rule::Scope);
        }
        if let Some(alias) = &p.alias
            && (RESERVED_NAMES.contains(&alias.as_str()) || STD_MACROS.contains(&alias.as_str()))
        {
            self.refuse(line, &shown, Rule::Scope);
        }
        // flags
        for module in ["fs", "net", "os"] {
            let named =
                p.segs.iter().enumerate().any(|(k, s)| {
                    s == module && (k > 0 && p.segs[k - 1] == "std" || k == 0 && multi)
                });
            let types: &[&str] = match module {
                "fs" => &["File", "OpenOptions"],
                "net" => &["TcpStream", "TcpListener", "UdpSocket"],
                _ => &[],
            };
            if named || p.segs.iter().any(|s| types.contains(&s.as_str())) {
                self.flag(module, line);
            }
        }
    }

    /// An attribute's contents (inside `#[...]`).
    fn attribute(&mut self, toks: &[TokenTree], line: usize) {
        if punct(toks.first(), '$') {
            // `#[$attr]` in a macro body: the caller chooses, and it could be `used`.
            self.refuse(line, "#[$...]", Rule::Linkage);
            return;
        }
        let Some(name) = ident(toks.first()) else {
            return;
        };
        let args = group(toks.get(1), Delimiter::Parenthesis);
        match name.as_str() {
            "unsafe" => {
                if let Some(inner) = args {
                    self.attribute(&inner, line);
                }
            }
            "cfg" => {
                if let Some(pred) = args {
                    self.predicate(&pred, line);
                }
            }
            "cfg_attr" => {
                if let Some(inner) = args {
                    let parts = split_commas(&inner);
                    if let Some(pred) = parts.first() {
                        self.predicate(pred, line);
                    }
                    for attr in parts.iter().skip(1) {
                        self.attribute(attr, line);
                    }
                }
            }
            "path" => self.refuse(line, "#[path]", Rule::CompileRead),
            "macro_export" => self.refuse(line, "#[macro_export]", Rule::Scope),
            n if LINKAGE_ATTRS.contains(&n) => self.refuse(line, format!("#[{n}]"), Rule::Linkage),
            _ => {}
        }
    }

    /// A `cfg` predicate: only keys on the known-safe list.
    fn predicate(&mut self, toks: &[TokenTree], line: usize) {
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if punct(Some(t), '$') {
                self.refuse(line, "cfg($...)", Rule::Cfg);
                return;
            }
            if let Some(key) = ident(Some(t)) {
                if let (true, Some(inner)) = (
                    matches!(key.as_str(), "all" | "any" | "not"),
                    group(toks.get(i + 1), Delimiter::Parenthesis),
                ) {
                    self.predicate(&inner, line);
                    i += 2;
                    continue;
                }
                let safe = matches!(
                    key.as_str(),
                    "test" | "debug_assertions" | "unix" | "windows" | "panic" | "true" | "false"
                ) || key.starts_with("target_");
                if !safe {
                    self.refuse(line, format!("cfg({key})"), Rule::Cfg);
                }
            }
            i += 1;
        }
    }
}

fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "fn" | "struct"
            | "enum"
            | "union"
            | "trait"
            | "type"
            | "const"
            | "static"
            | "mod"
            | "unsafe"
            | "extern"
            | "use"
            | "impl"
            | "async"
            | "mut"
            | "ref"
            | "pub"
    )
}

/// Reads the path starting at `toks[i]` (an identifier or `$name`), expanding braced `use`
/// trees after `::`; pushes every full path to `out` and returns the index after it.
fn parse_path(
    toks: &[TokenTree],
    mut i: usize,
    prefix: Vec<String>,
    absolute: bool,
    in_use: bool,
    out: &mut Vec<Path>,
) -> usize {
    let line = toks.get(i).map_or(0, line_of);
    let mut segs = prefix;
    loop {
        if let Some(word) = ident(toks.get(i)) {
            segs.push(word);
            i += 1;
        } else if punct(toks.get(i), '$') {
            match ident(toks.get(i + 1)) {
                Some(word) => segs.push(format!("${word}")),
                None => break,
            }
            i += 2;
        } else if in_use && punct(toks.get(i), '*') && !segs.is_empty() {
            segs.push("*".into());
            i += 1;
            break;
        } else if let (true, Some(tree)) = (!segs.is_empty(), group(toks.get(i), Delimiter::Brace))
        {
            // `prefix::{a, b::c as d, self, *}`: each branch is a path of its own.
            for part in split_commas(&tree) {
                if punct(part.first(), '*') {
                    let mut s = segs.clone();
                    s.push("*".into());
                    out.push(Path {
                        segs: s,
                        absolute,
                        line,
                        in_use,
                        alias: None,
                        bang: false,
                    });
                } else if group(part.first(), Delimiter::Brace).is_some() {
                    // `a::{{b, c}}`: braces within braces.
                    let mut inner = Vec::new();
                    parse_path(part, 0, segs.clone(), absolute, in_use, &mut inner);
                    out.extend(inner);
                } else {
                    parse_path(part, 0, segs.clone(), absolute, in_use, out);
                }
            }
            return i + 1;
        } else {
            break;
        }
        if colons(toks, i) {
            i += 2;
            continue;
        }
        break;
    }
    if segs.is_empty() {
        return i;
    }
    let mut alias = None;
    if in_use && ident(toks.get(i)).as_deref() == Some("as") {
        alias = ident(toks.get(i + 1)).or_else(|| Some("_".into()));
        i += 2;
    }
    let bang = matches!(toks.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '!')
        && !punct(toks.get(i + 1), '=');
    // `std::process::{self}` is `std::process` itself.
    if segs.len() > 1 && segs.last().is_some_and(|s| s == "self") {
        segs.pop();
    }
    out.push(Path {
        segs,
        absolute,
        line,
        in_use,
        alias,
        bang,
    });
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (source, rule it is refused by, line) — one or more per rule.
    const REFUSED: &[(&str, Rule, usize)] = &[
        ("fn f() {\n    std::process::exit(0);\n}", Rule::Exit, 2),
        (
            "use std::process;\nfn f() { process::exit(0) }",
            Rule::Exit,
            1,
        ),
        (
            "use std::process as p;\nfn f() { p::exit(0) }",
            Rule::Exit,
            1,
        ),
        ("use std::process::{self};\n", Rule::Exit, 1),
        ("use std::{io, process::{exit as quit}};\n", Rule::Exit, 1),
        (
            "use std::*;\nfn f() {\n    process::exit(0)\n}",
            Rule::Exit,
            3,
        ),
        ("use std::process::*;\n", Rule::Exit, 1),
        (
            "fn f() { let g = ::std::process::abort; g() }",
            Rule::Exit,
            1,
        ),
        (
            "impl Drop for X {\n fn drop(&mut self) { std::process::exit(0) }\n}",
            Rule::Exit,
            2,
        ),
        (
            "macro_rules! m {\n    () => { std::process::exit(0) };\n}",
            Rule::Exit,
            2,
        ),
        (
            "macro_rules! m {\n    ($f:ident) => { std::process::$f(0) };\n}\nm!(exit);",
            Rule::Exit,
            2,
        ),
        (
            "fn f() {\n    println!(\"{}\", { std::process::exit(0); 1 });\n}",
            Rule::Exit,
            2,
        ),
        (
            "macro_rules! m {\n    ($a:ident, $b:ident) => { std::$a::$b(0) };\n}\nm!(process, exit);",
            Rule::Exit,
            2,
        ),
        (
            "macro_rules! m { ($abi:literal) => { extern $abi fn f() {} } }",
            Rule::Linkage,
            1,
        ),
        (
            "fn f() { std::process::Command::new(\"sh\").spawn(); }",
            Rule::Command,
            1,
        ),
        ("use std::process::Command;\n", Rule::Command, 1),
        (
            "fn f() {\n std::env::set_var(\"A\", \"1\");\n}",
            Rule::Env,
            2,
        ),
        (
            "use std::env as e;\nfn f() { e::remove_var(\"A\") }",
            Rule::Env,
            1,
        ),
        ("use std::env::{self as e};\n", Rule::Env, 1),
        ("use std::env::set_current_dir;\n", Rule::Env, 1),
        (
            "fn f() { std::panic::set_hook(Box::new(|_| {})); }",
            Rule::PanicHook,
            1,
        ),
        ("use std::panic::*;\n", Rule::PanicHook, 1),
        (
            "\n#[used]\n#[unsafe(link_section = \".init_array\")]\nstatic INIT: fn() = f;",
            Rule::Linkage,
            2,
        ),
        (
            "#[unsafe(no_mangle)]\npub extern \"C\" fn exit(_: i32) {}",
            Rule::Linkage,
            1,
        ),
        ("#[no_mangle]\nfn f() {}", Rule::Linkage, 1),
        (
            "#[unsafe(export_name = \"main\")]\nfn f() {}",
            Rule::Linkage,
            1,
        ),
        ("pub extern \"C\" fn hook() {}", Rule::Linkage, 1),
        (
            "unsafe extern \"C\" {\n    fn abort();\n}",
            Rule::Linkage,
            1,
        ),
        (
            "#[global_allocator]\nstatic A: std::alloc::System = std::alloc::System;",
            Rule::Linkage,
            1,
        ),
        (
            "fn f() { unsafe { std::arch::asm!(\"nop\") } }",
            Rule::Linkage,
            1,
        ),
        (
            "#[cfg_attr(all(), unsafe(no_mangle))]\nfn f() {}",
            Rule::Linkage,
            1,
        ),
        (
            "macro_rules! m { ($a:meta) => { #[$a] static X: u8 = 0; } }",
            Rule::Linkage,
            1,
        ),
        ("use loom::thread;\n", Rule::ForeignCrate, 1),
        (
            "fn f() { unsafe { libc::_exit(0) } }",
            Rule::ForeignCrate,
            1,
        ),
        ("extern crate std as s;\n", Rule::ForeignCrate, 1),
        (
            "fn f() -> bool { trybuild::TestCases::new(); true }",
            Rule::ForeignCrate,
            1,
        ),
        ("use core::sync::atomic::AtomicUsize;\n", Rule::RealStd, 1),
        ("fn f() { ::std::thread::spawn(|| {}); }", Rule::RealStd, 1),
        ("use ::core::cell::Cell;\n", Rule::RealStd, 1),
        (
            "const S: &str = include_str!(\"../../tests/checks/x/test.rs\");",
            Rule::CompileRead,
            1,
        ),
        (
            "#[path = \"../../tests/checks/x/test.rs\"]\nmod x;",
            Rule::CompileRead,
            1,
        ),
        ("mod other;\n", Rule::CompileRead, 1),
        (
            "fn f() { compile_error!(include_str!(\"/etc/passwd\")); }",
            Rule::CompileRead,
            1,
        ),
        ("use std::include_bytes as b;\n", Rule::CompileRead, 1),
        ("const H: &str = env!(\"HOME\");", Rule::CompileRead, 1),
        ("const M: &str = module_path!();", Rule::CompileRead, 1),
        (
            "#[doc = include_str!(\"x\")]\nfn f() {}",
            Rule::CompileRead,
            1,
        ),
        ("fn f() { crate::other::solve(); }", Rule::Scope, 1),
        ("use super::*;\n", Rule::Scope, 1),
        ("mod a {\n    use super::super::other;\n}", Rule::Scope, 2),
        (
            "#[macro_export]\nmacro_rules! m { () => {} }",
            Rule::Scope,
            1,
        ),
        ("pub mod std {\n pub mod thread {}\n}", Rule::Scope, 1),
        ("macro_rules! m { () => { $crate::x() } }", Rule::Scope, 1),
        ("use std::sync as core;\n", Rule::Scope, 1),
        (
            "fn f() {}\n\nmacro_rules! assert_eq {\n    ($($t:tt)*) => {};\n}",
            Rule::Scope,
            3,
        ),
        (
            "macro_rules! nop {\n    ($($t:tt)*) => {};\n}\npub(crate) use nop as assert_eq;",
            Rule::Scope,
            4,
        ),
        ("#[cfg(loom)]\nfn f() {}", Rule::Cfg, 1),
        ("#[cfg(not(trybuild))]\nfn f() {}", Rule::Cfg, 1),
        (
            "fn f() -> bool {\n    cfg!(feature = \"x\")\n}",
            Rule::Cfg,
            2,
        ),
        ("#[cfg_attr(loom, derive(Debug))]\nstruct S;", Rule::Cfg, 1),
    ];

    /// Ordinary code that must pass the gate.
    const ACCEPTED: &[&str] = &[
        "fn process(x: u32) -> u32 { x }\nfn f() { let exit = process(1); let command = exit; }",
        "fn exit() {}\nfn f() { exit(); self::exit(); }",
        "fn f() { let env = 1; let used = env; let _ = env != used; }",
        "struct Command;\nfn f() { let process = Command; }",
        "fn f() -> Vec<String> { std::env::args().collect() }",
        "use std::env;\nfn f() -> Option<String> { env::args().nth(1) }",
        "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { f() }\n}",
        "mod a {\n    mod b {\n        use super::super::f;\n    }\n}\nfn f() {}",
        "struct P(*mut u8);\nunsafe impl Send for P {}\nunsafe impl Sync for P {}",
        "pub(crate) fn f() {}\npub(super) fn g() {}",
        "use std::panic;\nfn f() { let _ = panic::catch_unwind(|| panic!(\"x\")); }",
        "use std::sync::{Arc, Mutex, atomic::{AtomicUsize, Ordering}};\nuse std::thread;",
        "#[derive(Debug, Clone)]\n#[allow(dead_code)]\nstruct S;",
        "#[cfg(all(unix, target_os = \"linux\", not(debug_assertions)))]\nfn f() {}",
        "fn f() -> extern \"C\" fn() { todo!() }",
        "// std::process::exit(0) in a comment\nfn f() -> &'static str { \"std::process::exit\" }",
        "fn f() { let v = Vec::<u8>::new(); let _ = <Vec<u8> as Default>::default(); }",
        "fn f() { let x = 1u8; let _ = x as u32; }",
        "fn f() { std::hint::spin_loop(); std::thread::yield_now(); }",
        "macro_rules! make {\n    ($t:ty) => { <$t>::default() };\n    ($t:ident) => { $t::new() };\n}",
        "macro_rules! check_all {\n    ($($e:expr),*) => { $(assert!($e);)* };\n}",
        "macro_rules! wrap {\n    ($(#[$m:meta])* $name:ident) => { pub struct $name; };\n}",
        "fn parses_not() { let = ; }",
        "fn broken( {",
    ];

    #[test]
    fn every_rule_refuses_its_constructs_at_the_right_line() {
        let mut wrong = Vec::new();
        for (source, rule, line) in REFUSED {
            match inspect(source, &[]) {
                // `--nocapture` shows every message, to read them as a learner would.
                Err(r) if r.rule == *rule && r.line == *line => eprintln!("{r}"),
                other => wrong.push(format!(
                    "{source:?}: expected {rule} at line {line}, got {other:?}"
                )),
            }
        }
        for rule in Rule::ALL {
            assert!(
                REFUSED.iter().any(|(_, r, _)| *r == rule),
                "no fixture for {rule}"
            );
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn ordinary_code_is_accepted() {
        let wrong: Vec<String> = ACCEPTED
            .iter()
            .filter_map(|s| inspect(s, &[]).err().map(|r| format!("{s:?}: {r}")))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn the_message_names_line_construct_rule_and_why() {
        let r = inspect("fn a() {}\nfn f() {\n    std::process::exit(0);\n}", &[]).unwrap_err();
        assert_eq!(
            r.to_string(),
            "line 3: `std::process::exit` ends the program before the checks finish, so no result could be trusted (rule `exit`)"
        );
        let r = inspect("use core::sync::atomic::AtomicBool;", &[]).unwrap_err();
        assert!(
            r.to_string()
                .contains("write `std::sync::atomic::AtomicBool`"),
            "{r}"
        );
    }

    #[test]
    fn compile_time_reads_are_refused_without_printing_the_file() {
        for source in [
            "const S: &str = include_str!(\"../../tests/checks/x/test.rs\");",
            "#[path = \"../../tests/checks/x/test.rs\"]\nmod x;",
        ] {
            let r = inspect(source, &[]).unwrap_err();
            assert_eq!(r.rule, Rule::CompileRead);
            let message = r.to_string();
            assert!(!message.contains("tests/checks"), "{message}");
        }
    }

    #[test]
    fn an_allowed_rule_is_not_refused_and_others_still_are() {
        let source = "fn f() { std::process::exit(0) }\nfn g() { std::env::set_var(\"A\", \"1\") }";
        let r = inspect(source, &[Rule::Exit]).unwrap_err();
        assert_eq!((r.rule, r.line), (Rule::Env, 2));
        assert!(inspect(source, &[Rule::Exit, Rule::Env]).is_ok());
    }

    #[test]
    fn flags_name_the_first_line_of_each_kind() {
        let source = "use std::fs;\nfn f() {\n    let _ = std::net::TcpStream::connect(\"x\");\n    unsafe { g() };\n    fs::write(\"a\", \"b\").ok();\n}\nunsafe fn g() {}";
        let flags = inspect(source, &[]).unwrap().flag_strings();
        assert_eq!(flags, ["fs (line 1)", "net (line 3)", "unsafe (line 4)"]);
    }

    #[test]
    fn rule_ids_round_trip_and_unknown_ids_list_the_known() {
        for rule in Rule::ALL {
            assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
            assert!(!rule.what().is_empty() && rule.why().ends_with("trusted"));
        }
        let err = "foo".parse::<Rule>().unwrap_err();
        assert!(
            err.contains("unknown rule `foo`") && err.contains("panic-hook"),
            "{err}"
        );
    }

    /// Every exercise and solution file, and the code of every recorded answer (edits
    /// applied), with whether it is declared `rejected`: none but those may be refused (a
    /// refusal of a legitimate file means a rule is too broad).
    fn shipped_files() -> Vec<(std::path::PathBuf, String, bool)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let wb = crate::workbook::Workbook::open(root).unwrap();
        let mut files = Vec::new();
        for exercise in &wb.catalogue.exercises {
            for set in [
                crate::workbook::SourceSet::Exercises,
                crate::workbook::SourceSet::Solutions,
            ] {
                let path = wb.source(exercise, set);
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text, false));
            }
            for answer in crate::audit::answers(&wb, exercise).unwrap() {
                let rejected = answer.expected == crate::verdict::VerdictKind::Rejected;
                files.push((answer.file, answer.code, rejected));
            }
        }
        files
    }

    #[test]
    fn no_shipped_exercise_solution_or_answer_is_refused() {
        let files = shipped_files();
        assert!(files.len() > 100, "{} files", files.len());
        let mut refused = Vec::new();
        for (file, text, declared_rejected) in &files {
            match (inspect(text, &[]), declared_rejected) {
                (Err(r), false) => refused.push(format!("{}: {r}", file.display())),
                (Ok(_), true) => refused.push(format!(
                    "{}: declared rejected but accepted",
                    file.display()
                )),
                _ => {}
            }
        }
        assert!(refused.is_empty(), "{}", refused.join("\n"));
    }

    /// The gate's cost: `cargo test -p workbook --lib gate::tests::bench -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let (files, texts): (Vec<_>, Vec<String>) = shipped_files()
            .into_iter()
            .filter(|(f, _, _)| f.starts_with(root.join("exercises")))
            .map(|(f, text, _)| (f, text))
            .unzip();
        let rounds = 20;
        let mut slowest = (0.0f64, 0);
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            for (i, t) in texts.iter().enumerate() {
                let one = std::time::Instant::now();
                let _ = std::hint::black_box(inspect(t, &[]));
                let ms = one.elapsed().as_secs_f64() * 1000.0;
                if ms > slowest.0 {
                    slowest = (ms, i);
                }
            }
        }
        let per_file = start.elapsed().as_secs_f64() * 1000.0 / (rounds * texts.len()) as f64;
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "gate: {} exercise files, {bytes} bytes, {per_file:.3} ms per file on average, \
             slowest {:.3} ms ({})",
            texts.len(),
            slowest.0,
            files[slowest.1].file_name().unwrap().to_string_lossy()
        );
    }
}

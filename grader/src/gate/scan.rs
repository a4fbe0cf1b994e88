//! The scan: every token tree of the file, recursing into groups, checked against each rule;
//! it collects refusals and integrity flags (the caller keeps the first refusal not allowed).

use proc_macro2::{Delimiter, TokenTree};

use super::path::*;
use super::{Flag, Refusal, Rule};
use crate::harness::{LOOM_STD_CRATE, RT_CRATE};

pub(super) const ITEM_KEYWORDS: [&str; 9] = [
    "fn", "struct", "enum", "union", "trait", "type", "const", "static", "mod",
];
pub(super) const RESERVED_NAMES: [&str; 4] = ["std", "core", "alloc", "loom"];
pub(super) const LINKAGE_ATTRS: [&str; 8] = [
    "no_mangle",
    "export_name",
    "link_section",
    "used",
    "link",
    "link_name",
    "global_allocator",
    "naked",
];
pub(super) const ASM_MACROS: [&str; 3] = ["asm", "global_asm", "naked_asm"];
pub(super) const READ_MACROS: [&str; 6] = [
    "include",
    "include_str",
    "include_bytes",
    "env",
    "option_env",
    "module_path",
];
/// std's macros: a learner's `macro_rules!` of one of these names would replace it in the checks.
pub(super) const STD_MACROS: [&str; 38] = [
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
/// Names that tell a type apart by its name, identity or layout: the loom shim's `Mutex` and
/// atomics are other types than std's, so code could take one path while model-checked and
/// another on real threads. Refused wherever they appear (bare too: `size_of` is in the
/// prelude, and a glob `use` brings the others in unnamed).
///
/// And names that tell a model-checked run from a real one by what the run can observe of
/// itself: an offset within a struct is a size (`offset_of!`); a clock (`Instant`,
/// `SystemTime`, `UNIX_EPOCH`) times the model checker, whose every step is slower than a real
/// thread's by orders of magnitude; a backtrace (`Backtrace`) names loom's frames; a caller's
/// `Location` (with `#[track_caller]`) is the model file of the checks or their stress-test
/// file. The run's arguments and program (`env::args`, `current_exe`) and environment
/// (`env::var`) are in `ENV_PROBES`.
pub(super) const PROBES: [&str; 17] = [
    "type_name",
    "type_name_of_val",
    "TypeId",
    "type_id",
    "size_of",
    "size_of_val",
    "align_of",
    "align_of_val",
    "needs_drop",
    "Layout",
    "offset_of",
    "Instant",
    "SystemTime",
    "UNIX_EPOCH",
    "Backtrace",
    "Location",
    "track_caller",
];
/// A file's times, which are a clock nothing names: write a file, read its `modified()` (a
/// `SystemTime`, never written as such), and the difference of two readings times the run as
/// `Instant` would (a model checker's `thread::sleep` returns at once; a real one sleeps).
/// Refused by what leads to them, `fs::Metadata` (only `metadata`/`symlink_metadata` give
/// one, `MetadataExt` reads its raw times) and the raw `stat` fields: not by the getters'
/// names (`modified`, `created`, `accessed`), which are ordinary words for a learner's own
/// fields and methods. Refused wherever they appear, as `PROBES` are (a macro's caller could
/// pass the name in: `call!(path, metadata)` for `$e.$m()`).
pub(super) const FILE_CLOCKS: [&str; 10] = [
    "metadata",
    "symlink_metadata",
    "Metadata",
    "MetadataExt",
    "st_mtime",
    "st_mtime_nsec",
    "st_atime",
    "st_atime_nsec",
    "st_ctime",
    "st_ctime_nsec",
];
/// `env::` functions that read the run's arguments (a model run's differ: `--check` names
/// a model, `--loom-preemptions`), its program (another binary for the models) or its
/// environment: refused as probes, under `env::` only (a learner's own `args` is theirs).
pub(super) const ENV_PROBES: [&str; 9] = [
    "args",
    "args_os",
    "current_exe",
    "var",
    "var_os",
    "vars",
    "vars_os",
    "current_dir",
    "*",
];
/// Modules the loom shim models: under `core::` they are the real ones.
pub(super) const MODELLED: [&str; 3] = ["sync", "thread", "hint"];

#[derive(Default)]
pub(super) struct Scan {
    pub(super) refusals: Vec<Refusal>,
    pub(super) flags: Vec<Flag>,
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
    pub(super) fn tokens(&mut self, toks: &[TokenTree], depth: usize) {
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
                    self.refuse(line, "unsafe", Rule::Unsafe);
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
        // `mod m { pub use std::*; } use m::process as p;`: renamed past a re-export, later
        // paths say `p::exit`; a rename of `process` from anywhere is refused.
        if p.pair("process", &["exit", "abort", "*"]) || uses_process || p.renames("process") {
            self.refuse(line, &shown, Rule::Exit);
        }
        if p.segs
            .iter()
            .any(|s| PROBES.contains(&s.as_str()) || FILE_CLOCKS.contains(&s.as_str()))
            || p.pair("env", &ENV_PROBES)
        {
            self.refuse(line, &shown, Rule::Probe);
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
        // The grader's runtime crates (the runner, the checks' support, the loom shim) are
        // linked into every check target like loom (`harness/runtime.rs`).
        if ["loom", "trybuild", "libc", RT_CRATE, LOOM_STD_CRATE].contains(&p.first()) && multi {
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
        // `std::__workbook` in a loom build is the grader's recorder: its model entry, and
        // `cell_read`, which would let a write through an `UnsafeCell` be checked as a read.
        if (root == "crate" && (n > 1 || p.in_use))
            || p.segs.iter().any(|s| s == "$crate" || s == "__workbook")
        {
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
        let Some(mut name) = ident(toks.first()) else {
            return;
        };
        // A built-in attribute macro can be named by its path, as the prelude re-exports it
        // (`#[std::prelude::v1::global_allocator]`): the attribute is its last segment.
        let mut last = 0;
        while colons(toks, last + 1)
            && let Some(next) = ident(toks.get(last + 3))
        {
            name = next;
            last += 3;
        }
        let args = group(toks.get(last + 1), Delimiter::Parenthesis);
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
            "track_caller" => self.refuse(line, "#[track_caller]", Rule::Probe),
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

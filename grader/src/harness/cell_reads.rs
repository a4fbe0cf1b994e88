//! Which `.get()` calls of a learner's file only read the `UnsafeCell`, for the loom shim.
//!
//! In a loom build every `UnsafeCell::get()` is checked where it is called (the pointer's
//! later use cannot be seen: `shim/loom_std/cell.rs`), as a write unless the call site is in
//! the table this file makes: then as a read, so that two threads reading a cell at once
//! (readers under a read lock, an `Arc`'s `Deref`) are not called a data race. A site is a
//! read only when its tokens say for certain that nothing is written through the pointer:
//! - `&*X.get()`, `&(*X.get()).field`, `&(*X.get())[i]`, where the reference ends the
//!   expression (a `;`, a `,`, the end of a block or call, a comparison), or `(&*X.get())`;
//! - `*X.get()` or `(*X.get()).field` copied out as a value: after `=` (not a `let` with a
//!   `ref` pattern), a `,`, `(`, `return`, `=>`, `if`, a binary operator, or as a block's
//!   value, and ending there (`match *X.get()` is a place, not a copy: a write);
//! - `(*X.get()).m(..)` for a std method `m` that takes `&self` or `self` ([`SHARED_METHODS`]),
//!   unless the file defines a `fn m` whose receiver has `mut`;
//! - `X.get().read()` (and `read_volatile`, `read_unaligned`, `as_ref`), `ptr::read(X.get())`.
//!
//! Everything else is a write, as before: `*X.get() = v`, `&mut *X.get()`, any other method,
//! a pointer kept in a variable, and every call inside a macro that is not one of std's
//! formatting and assertion macros (a macro can put its argument anywhere) or inside a
//! `macro_rules!` body (its code is reported where the macro is called, never there).
//!
//! Sites are keyed as `Location::caller()` reports a `#[track_caller]` method call: the line
//! and 1-based column (in characters) of the method's name, `get` (measured on Rust 1.95).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};
use proc_macro2::{Delimiter, Spacing, TokenTree};

use crate::catalogue::{CheckMode, Exercise};

use crate::gate::lex;
use crate::gate::path::{colons, group, ident, punct};

/// std methods that never take `&mut self`: on a place `(*X.get())` they only read it.
pub const SHARED_METHODS: &[&str] = &[
    "assume_init_ref",
    "assume_init_read",
    "clone",
    "len",
    "is_empty",
    "as_ref",
    "as_deref",
    "is_some",
    "is_none",
    "iter",
    "get",
    "contains",
    "first",
    "last",
    "to_vec",
    "to_owned",
    "to_string",
];

/// Methods of a raw pointer that read its target and never write it.
const POINTER_READS: &[&str] = &["read", "read_volatile", "read_unaligned", "as_ref"];

/// std macros whose arguments are expressions used by value or by shared reference.
const STD_MACROS: &[&str] = &[
    "println",
    "print",
    "eprintln",
    "eprint",
    "format",
    "format_args",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "vec",
];

/// Keywords after which an expression starts (a value).
const VALUE_KEYWORDS: &[&str] = &["return", "if", "while", "in", "break"];

/// The read sites of `source`: (line, column), both 1-based, sorted. A file that does not
/// tokenize has none (the compiler will say why).
pub fn read_sites(source: &str) -> Vec<(u32, u32)> {
    let Some(toks) = lex(source) else {
        return Vec::new();
    };
    let mut vetoed = Vec::new();
    veto(&toks, &mut vetoed);
    let mut reader = Reader {
        vetoed,
        sites: Vec::new(),
    };
    reader.walk(&toks, None);
    reader.sites.sort_unstable();
    reader.sites.dedup();
    reader.sites
}

/// The statement a loom root's `fn main` starts with: the read sites of every learner file
/// in it, keyed by the path its `include!` names (what `Location::file()` reports).
pub(super) fn register(sources: &[(&Exercise, PathBuf)]) -> Result<String> {
    let mut sites = Vec::new();
    for (exercise, source) in sources {
        if !exercise.has(CheckMode::Loom) {
            continue;
        }
        let text = std::fs::read_to_string(source)
            .with_context(|| format!("cannot read {}", source.display()))?;
        let file = source.display().to_string();
        sites.extend(
            read_sites(&text)
                .into_iter()
                .map(|(l, c)| (l, c, file.clone())),
        );
    }
    // Sorted by line, column and file: the shim looks a call up by binary search.
    sites.sort();
    let mut table = String::new();
    for (line, column, file) in sites {
        let _ = write!(table, "({file:?}, {line}, {column}), ");
    }
    Ok(format!(
        "    crate::std::__workbook::cell_reads(&[{table}]);\n"
    ))
}

/// The names of every `fn NAME(<receiver with mut> ..)` in the file.
fn veto(toks: &[TokenTree], out: &mut Vec<String>) {
    for (i, t) in toks.iter().enumerate() {
        if let TokenTree::Group(g) = t {
            veto(&g.stream().into_iter().collect::<Vec<_>>(), out);
        }
        if ident(Some(t)).as_deref() == Some("fn")
            && let Some(name) = ident(toks.get(i + 1))
            && let Some(params) = group(toks.get(i + 2), Delimiter::Parenthesis)
        {
            let first = params.split(|t| punct(Some(t), ',')).next().unwrap_or(&[]);
            if first
                .iter()
                .any(|t| ident(Some(t)).as_deref() == Some("mut"))
            {
                out.push(name);
            }
        }
    }
}

struct Reader {
    vetoed: Vec<String>,
    sites: Vec<(u32, u32)>,
}

/// The group `toks` is the inside of: its parent's tokens and its index there.
type Parent<'a> = Option<(&'a [TokenTree], usize)>;

impl Reader {
    fn walk(&mut self, toks: &[TokenTree], parent: Parent<'_>) {
        for (i, t) in toks.iter().enumerate() {
            if let TokenTree::Group(g) = t {
                if skipped(toks, i) {
                    continue;
                }
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                self.walk(&inner, Some((toks, i)));
            }
            if ident(Some(t)).as_deref() == Some("get")
                && i > 0
                && punct(toks.get(i - 1), '.')
                && group(toks.get(i + 1), Delimiter::Parenthesis).is_some_and(|a| a.is_empty())
                && self.reads(toks, i, parent)
            {
                let at = t.span().start();
                self.sites.push((at.line as u32, at.column as u32 + 1));
            }
        }
    }

    /// Whether the call `R.get()` whose `get` is `toks[i]` only reads the cell.
    fn reads(&self, toks: &[TokenTree], i: usize, parent: Parent<'_>) -> bool {
        let Some(s) = receiver_start(toks, i - 1) else {
            return false;
        };
        let end = i + 2;
        // `X.get().read()`, `X.get().as_ref()`.
        if punct(toks.get(end), '.')
            && ident(toks.get(end + 1)).is_some_and(|m| POINTER_READS.contains(&m.as_str()))
            && group(toks.get(end + 2), Delimiter::Parenthesis).is_some_and(|a| a.is_empty())
        {
            return true;
        }
        let whole = end == toks.len();
        if s == 0 && whole {
            // `ptr::read(X.get())`.
            if let Some((up, g)) = parent
                && is_paren(&up[g])
                && g >= 4
                && ident(up.get(g - 1)).is_some_and(|m| POINTER_READS[..3].contains(&m.as_str()))
                && colons(up, g - 3)
                && ident(up.get(g - 4)).as_deref() == Some("ptr")
            {
                return true;
            }
            return false;
        }
        if s == 0 || !punct(toks.get(s - 1), '*') || !unary(toks, s - 1) {
            return false;
        }
        if s == 1 && whole {
            // `(*X.get())`: a place, read or written by what surrounds the parentheses.
            return match parent {
                Some((up, g)) if is_paren(&up[g]) && !(g > 0 && atom(&up[g - 1])) => {
                    self.place(up, g, chain_end(up, g + 1))
                }
                // `f(*X.get())`: an argument, by value.
                _ => place(toks, 0, end),
            };
        }
        place(toks, s - 1, end)
    }

    /// The place `toks[p0..p1]` (`(*X.get())` and its field chain): a read if a
    /// shared method is called on it, else as [`place`] says.
    fn place(&self, toks: &[TokenTree], p0: usize, p1: usize) -> bool {
        if punct(toks.get(p1), '.')
            && let Some(m) = ident(toks.get(p1 + 1))
            && group(toks.get(p1 + 2), Delimiter::Parenthesis).is_some()
            && SHARED_METHODS.contains(&m.as_str())
            && !self.vetoed.contains(&m)
        {
            return true;
        }
        place(toks, p0, p1)
    }
}

/// The place `toks[p0..p1]` of the cell's value: read through a shared reference that ends
/// the expression (`&P`), or copied out as a value, and nothing else.
fn place(toks: &[TokenTree], p0: usize, p1: usize) -> bool {
    let after = &toks[p1..];
    if p0 > 0 && punct(toks.get(p0 - 1), '&') && unary(toks, p0 - 1) {
        // `&P`, not `&mut P` (then `mut` is before `P`).
        let whole_group = p0 == 1 && after.is_empty();
        return whole_group || ends(after);
    }
    value_before(toks, p0) && ends(after)
}

/// A parenthesised, bracketed or braced group the reader does not enter: a `macro_rules!`
/// body, an attribute, the arguments of a macro that is not std's.
fn skipped(toks: &[TokenTree], i: usize) -> bool {
    if i >= 1 && punct(toks.get(i - 1), '#') {
        return true;
    }
    if i >= 1 && punct(toks.get(i - 1), '!') {
        return match ident(toks.get(i.wrapping_sub(2))) {
            Some(name) => !STD_MACROS.contains(&name.as_str()),
            None => true,
        };
    }
    // `macro_rules! name { .. }`
    i >= 3 && ident(toks.get(i - 3)).as_deref() == Some("macro_rules")
}

fn is_paren(t: &TokenTree) -> bool {
    matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis)
}

/// An atom a receiver is made of: a name, `self`, a tuple index, a call's or an index's group.
fn atom(t: &TokenTree) -> bool {
    match t {
        TokenTree::Ident(i) => {
            let w = i.to_string();
            !crate::gate::path::is_keyword(&w)
                && !matches!(
                    w.as_str(),
                    "let"
                        | "return"
                        | "if"
                        | "while"
                        | "in"
                        | "match"
                        | "as"
                        | "else"
                        | "for"
                        | "loop"
                        | "move"
                        | "break"
                        | "continue"
                        | "where"
                        | "dyn"
                        | "box"
                )
        }
        TokenTree::Literal(_) => true,
        TokenTree::Group(g) => matches!(g.delimiter(), Delimiter::Parenthesis | Delimiter::Bracket),
        TokenTree::Punct(_) => false,
    }
}

/// Where the receiver of the method call whose `.` is `toks[dot]` starts: a chain of atoms
/// joined by `.` and `::`, calls and indexes (`self.slots[i % N]`, `(*p).cell`).
fn receiver_start(toks: &[TokenTree], dot: usize) -> Option<usize> {
    let mut s = dot;
    loop {
        let k = s.checked_sub(1)?;
        if !atom(&toks[k]) {
            return (s != dot).then_some(s);
        }
        s = k;
        // `f(x)`, `a[i]`, `f()()`: a group right after an atom.
        if matches!(toks[k], TokenTree::Group(_)) && k > 0 && atom(&toks[k - 1]) {
            continue;
        }
        if k >= 1 && punct(toks.get(k - 1), '.') && !(k >= 2 && punct(toks.get(k - 2), '.')) {
            s = k - 1;
            continue;
        }
        if k >= 2 && colons(toks, k - 2) {
            s = k - 2;
            continue;
        }
        return Some(s);
    }
}

/// After the place `(*X.get())` at `toks[g]`: the end of its chain of field accesses and
/// indexes (`.field`, `.0`, `[i]`), a method call not included.
fn chain_end(toks: &[TokenTree], mut j: usize) -> usize {
    loop {
        if punct(toks.get(j), '.') && !punct(toks.get(j + 1), '.') {
            let field = match toks.get(j + 1) {
                Some(TokenTree::Literal(_)) => true,
                Some(TokenTree::Ident(_)) => {
                    !matches!(toks.get(j + 2), Some(TokenTree::Group(_)))
                        && !colons(toks, j + 2)
                        && !punct(toks.get(j + 2), '!')
                }
                _ => false,
            };
            if field {
                j += 2;
                continue;
            }
            return j;
        }
        if group(toks.get(j), Delimiter::Bracket).is_some() {
            j += 1;
            continue;
        }
        return j;
    }
}

/// The operator punct at `toks[k]` is unary: nothing that ends an expression is before it.
fn unary(toks: &[TokenTree], k: usize) -> bool {
    k == 0
        || match &toks[k - 1] {
            TokenTree::Ident(_) => !atom(&toks[k - 1]),
            TokenTree::Literal(_) => false,
            TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
            TokenTree::Punct(_) => true,
        }
}

/// Before `toks[p0]` an expression used as a value starts.
fn value_before(toks: &[TokenTree], p0: usize) -> bool {
    if p0 == 0 {
        return true;
    }
    match &toks[p0 - 1] {
        TokenTree::Ident(i) => VALUE_KEYWORDS.contains(&i.to_string().as_str()),
        TokenTree::Punct(p) => match p.as_char() {
            // `**X.get()` reads the pointer in the cell to reach another place.
            '*' | '&' | '.' | '#' | '$' | '?' | '@' | '\'' => false,
            '=' => !let_with_ref(toks, p0 - 1),
            _ => true,
        },
        _ => false,
    }
}

/// The `=` at `toks[k]` belongs to a `let` (or `if let`) whose pattern binds by `ref`.
fn let_with_ref(toks: &[TokenTree], k: usize) -> bool {
    fn has_ref(t: &TokenTree) -> bool {
        match t {
            TokenTree::Group(g) => g.stream().into_iter().any(|t| has_ref(&t)),
            t => ident(Some(t)).as_deref() == Some("ref"),
        }
    }
    toks[..k]
        .iter()
        .rev()
        .take_while(|t| !punct(Some(t), ';'))
        .any(has_ref)
}

/// After a place: nothing more of the expression it is in, or an operator that only reads its
/// operands (no assignment, no method call, field, index, cast or `?`).
fn ends(after: &[TokenTree]) -> bool {
    let Some(first) = after.first() else {
        return true;
    };
    match first {
        TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
        TokenTree::Ident(_) | TokenTree::Literal(_) => false,
        TokenTree::Punct(_) => {
            let mut op = String::new();
            for t in after {
                let TokenTree::Punct(p) = t else { break };
                op.push(p.as_char());
                if p.spacing() == Spacing::Alone {
                    break;
                }
            }
            matches!(
                op.as_str(),
                ";" | ","
                    | "=="
                    | "!="
                    | "<"
                    | ">"
                    | "<="
                    | ">="
                    | "+"
                    | "-"
                    | "*"
                    | "/"
                    | "%"
                    | "^"
                    | "|"
                    | "&"
                    | "&&"
                    | "||"
                    | "<<"
                    | ">>"
            )
        }
    }
}

#[cfg(test)]
mod tests;

//! Mutants (`workbook dev mutants`): mechanical learner mistakes applied to an exercise's
//! solution, one at a time, each graded by the checks the grader uses (the same path as the
//! recorded answers). A mutant that passes is a survivor: a mistake the checks do not catch.
//! Each survivor is either caught by a better check, or recorded as equivalent (the program
//! provably does not need what the mutant removes) with the reason, in
//! `tests/answers/<name>/mutants.toml` (`equivalents`).
//!
//! Why tokens (proc-macro2, as the gate reads files): the operators look for calls, their
//! receivers and arguments, and blocks' statements, wherever they are, macros' arguments
//! included, and not in comments or strings. Every operator is one function in
//! `operators::ALL`.
//!
//! A mutant's id is stable: `<operator>/<function>/<site>#<n>`, where the site is the
//! tokens it changes written without layout (`tokens::compact`) and `n` counts the mutants
//! with the same operator, function and site, so moving code or editing another function
//! keeps the ids of a solution's mutants.

mod equivalents;
mod operators;
mod run;
mod tokens;

use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;

use anyhow::{Result, anyhow};
use proc_macro2::{Delimiter, TokenStream, TokenTree};

pub use equivalents::{Equivalent, FILE as EQUIVALENTS_FILE, equivalents};
pub use run::{Fate, Judged, Report, judge, plan, run};

/// One mistake applied to a solution.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// Stable: see the module's documentation.
    pub id: String,
    /// The 1-based line of the change, for reading (not part of the id).
    pub line: usize,
    /// The solution with the mistake.
    pub code: String,
}

/// Where a token is: the function (`Type::method`, `function`) it belongs to.
#[derive(Clone, Default)]
struct Context {
    owner: Option<String>,
    function: Option<String>,
}

impl Context {
    fn name(&self) -> String {
        match (&self.owner, &self.function) {
            (Some(o), Some(f)) => format!("{o}::{f}"),
            (None, Some(f)) => f.clone(),
            (Some(o), None) => o.clone(),
            (None, None) => "(top level)".into(),
        }
    }
}

/// Every mutant of `source`, in the order of the operators, then of the text. `main` is left
/// alone unless `mutate_main` (an exercise whose `main` is one of its checks).
pub fn mutants(source: &str, mutate_main: bool) -> Result<Vec<Mutant>> {
    let stream = TokenStream::from_str(source)
        .map_err(|e| anyhow!("the solution does not tokenize: {e}"))?;
    let toks: Vec<TokenTree> = stream.into_iter().collect();
    let mut found: Vec<(String, operators::Found)> = Vec::new();
    visit(source, &toks, &Context::default(), mutate_main, &mut found);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (function, f) in found {
        let key = format!("{}/{function}/{}", f.operator, f.site);
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        let first = f.edits.iter().map(|(r, _)| r.start).min().unwrap_or(0);
        out.push(Mutant {
            id: format!("{key}#{n}"),
            line: source[..first].matches('\n').count() + 1,
            code: apply(source, &f.edits),
        });
    }
    Ok(out)
}

/// Runs every operator on this level, then descends into each group, naming the function
/// (`fn name ... { body }`) and the type of an `impl` or `trait` block on the way.
fn visit(
    src: &str,
    toks: &[TokenTree],
    context: &Context,
    mutate_main: bool,
    out: &mut Vec<(String, operators::Found)>,
) {
    let in_main = context.owner.is_none() && context.function.as_deref() == Some("main");
    if context.function.is_some() && (mutate_main || !in_main) {
        for operator in operators::ALL {
            let mut found = Vec::new();
            operator(src, toks, &mut found);
            out.extend(found.into_iter().map(|f| (context.name(), f)));
        }
    }
    let mut pending: Option<Context> = None; // the context of the next brace group
    for (i, t) in toks.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "fn" => {
                if let Some(name) = toks.get(i + 1).and_then(tokens::ident) {
                    pending = Some(Context {
                        owner: context.owner.clone(),
                        function: Some(name),
                    });
                }
            }
            TokenTree::Ident(id)
                if (id == "impl" || id == "trait") && context.function.is_none() =>
            {
                pending = Some(Context {
                    owner: owner(&toks[i + 1..]),
                    function: None,
                });
            }
            TokenTree::Punct(p) if p.as_char() == ';' => pending = None,
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let here = match (&pending, g.delimiter()) {
                    (Some(next), Delimiter::Brace) => next.clone(),
                    _ => context.clone(),
                };
                if g.delimiter() == Delimiter::Brace {
                    pending = None;
                }
                visit(src, &inner, &here, mutate_main, out);
            }
            _ => {}
        }
    }
}

/// The type an `impl` (or `trait`) header names: after `for` if there is one, else the
/// first name outside generic brackets.
fn owner(header: &[TokenTree]) -> Option<String> {
    let end = header
        .iter()
        .position(|t| tokens::group(Some(t), Delimiter::Brace).is_some())
        .unwrap_or(header.len());
    let header = &header[..end];
    let after_for = header
        .iter()
        .position(|t| tokens::is_ident(Some(t), "for"))
        .map_or(0, |i| i + 1);
    let mut depth = 0i32;
    for t in &header[after_for..] {
        match t {
            TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
            TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
            TokenTree::Ident(id) if depth == 0 && id != "dyn" && id != "unsafe" => {
                return Some(id.to_string());
            }
            _ => {}
        }
    }
    None
}

/// `source` with each range replaced (ranges do not overlap).
fn apply(source: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut sorted: Vec<&(Range<usize>, String)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(source.len() + 64);
    let mut done = 0;
    for (r, with) in sorted {
        out.push_str(&source[done..r.start]);
        out.push_str(with);
        done = r.end;
    }
    out.push_str(&source[done..]);
    out
}

#[cfg(test)]
mod tests;

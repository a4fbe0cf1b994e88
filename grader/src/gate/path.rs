//! Paths as the gate reads them from tokens: `use` trees expanded, metavariables kept, and
//! the small token helpers the scan and the path reader share.

use proc_macro2::{Delimiter, Spacing, TokenTree};

/// A path as written, with `use` trees expanded: `std::{process as p}` is `std::process` with
/// alias `p`. A macro metavariable segment is kept as `$name`.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub(super) segs: Vec<String>,
    pub(super) absolute: bool,
    pub(super) line: usize,
    pub(super) in_use: bool,
    pub(super) alias: Option<String>,
    /// Followed by `!`: a macro invocation.
    pub(super) bang: bool,
}

impl Path {
    pub(super) fn shown(&self) -> String {
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

    pub(super) fn first(&self) -> &str {
        self.segs.first().map_or("", String::as_str)
    }

    pub(super) fn last(&self) -> &str {
        self.segs.last().map_or("", String::as_str)
    }

    /// Two consecutive segments `a` then one of `bs`; a metavariable matches any name, so
    /// `std::process::$f` and `std::$m::$f` (names passed in by the macro's caller) match.
    pub(super) fn pair(&self, a: &str, bs: &[&str]) -> bool {
        self.segs.windows(2).any(|w| {
            let (x, y) = (w[0].as_str(), w[1].as_str());
            (is_meta(x) || x == a) && (is_meta(y) || bs.contains(&y))
        })
    }

    /// The segment before the last: `std` in `std::process`.
    pub(super) fn parent(&self) -> Option<&str> {
        let n = self.segs.len();
        (n >= 2).then(|| self.segs[n - 2].as_str())
    }

    /// A `use` of module `m` under another name or as a glob (`use std::env as e`, `use
    /// std::env::*`): later paths would not say `m::` any more.
    pub(super) fn renames(&self, m: &str) -> bool {
        self.in_use
            && ((self.last() == m && self.alias.as_deref().is_some_and(|a| a != m))
                || self.pair(m, &["*"]))
    }
}

pub(super) fn is_meta(seg: &str) -> bool {
    seg.starts_with('$') && seg != "$crate"
}

pub(crate) fn line_of(t: &TokenTree) -> usize {
    t.span().start().line
}

pub(crate) fn punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

pub(crate) fn ident(t: Option<&TokenTree>) -> Option<String> {
    match t {
        Some(TokenTree::Ident(i)) => {
            let s = i.to_string();
            Some(s.strip_prefix("r#").map(str::to_string).unwrap_or(s))
        }
        _ => None,
    }
}

pub(crate) fn group(t: Option<&TokenTree>, d: Delimiter) -> Option<Vec<TokenTree>> {
    match t {
        Some(TokenTree::Group(g)) if g.delimiter() == d => Some(g.stream().into_iter().collect()),
        _ => None,
    }
}

/// `::` at `i`.
pub(crate) fn colons(toks: &[TokenTree], i: usize) -> bool {
    matches!(toks.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && punct(toks.get(i + 1), ':')
}

/// Splits at top-level commas (groups are single tokens, so every comma here is top level).
pub(super) fn split_commas(toks: &[TokenTree]) -> Vec<&[TokenTree]> {
    toks.split(|t| punct(Some(t), ','))
        .filter(|s| !s.is_empty())
        .collect()
}

pub(crate) fn is_keyword(w: &str) -> bool {
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
pub(super) fn parse_path(
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

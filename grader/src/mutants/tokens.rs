//! Reading a solution as token trees (proc-macro2, as the gate does): where each token is in
//! the text, which function it belongs to, and the few shapes the operators look for
//! (a method call, the receiver chain before it, a call's arguments, a statement).

use std::ops::Range;

use proc_macro2::{Delimiter, Group, Spacing, TokenTree};

/// Keywords that end a receiver chain when walking back from a method call.
const NOT_RECEIVERS: [&str; 20] = [
    "return", "let", "if", "while", "match", "in", "move", "else", "break", "mut", "ref", "loop",
    "for", "unsafe", "as", "where", "async", "fn", "impl", "continue",
];

/// The byte range of a token (a group's covers its delimiters).
pub fn range(t: &TokenTree) -> Range<usize> {
    t.span().byte_range()
}

/// The byte range from the start of `toks[from]` to the end of `toks[to]` (inclusive).
pub fn span(toks: &[TokenTree], from: usize, to: usize) -> Range<usize> {
    range(&toks[from]).start..range(&toks[to]).end
}

pub fn ident(t: &TokenTree) -> Option<String> {
    match t {
        TokenTree::Ident(i) => Some(i.to_string()),
        _ => None,
    }
}

pub fn is_ident(t: Option<&TokenTree>, name: &str) -> bool {
    t.and_then(ident).is_some_and(|i| i == name)
}

pub fn is_punct(t: Option<&TokenTree>, ch: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == ch)
}

pub fn group(t: Option<&TokenTree>, delimiter: Delimiter) -> Option<&Group> {
    match t {
        Some(TokenTree::Group(g)) if g.delimiter() == delimiter => Some(g),
        _ => None,
    }
}

/// The tokens of a group, as a vector (the operators index them).
pub fn children(g: &Group) -> Vec<TokenTree> {
    g.stream().into_iter().collect()
}

/// A method call at `toks[dot]`: `.name(args)`, returning the name and the argument group.
pub fn method_call(toks: &[TokenTree], dot: usize) -> Option<(String, &Group)> {
    if !is_punct(toks.get(dot), '.') {
        return None;
    }
    let name = ident(toks.get(dot + 1)?)?;
    let args = group(toks.get(dot + 2), Delimiter::Parenthesis)?;
    Some((name, args))
}

/// The top-level, comma-separated arguments of a call's group (a trailing comma ignored).
pub fn arguments(args: &Group) -> Vec<Vec<TokenTree>> {
    let mut out: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for t in args.stream() {
        if is_punct(Some(&t), ',') {
            out.push(Vec::new());
        } else {
            out.last_mut().expect("never empty").push(t);
        }
    }
    if out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    out
}

/// The source text of a run of tokens (nothing for none).
pub fn text<'s>(src: &'s str, toks: &[TokenTree]) -> &'s str {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => &src[range(a).start..range(b).end],
        _ => "",
    }
}

/// Where the receiver of the method call at `toks[dot]` starts: walking back over a chain of
/// names, literals (`pair.0`), calls and indexes joined by `.` and `::`.
pub fn receiver_start(toks: &[TokenTree], dot: usize) -> Option<usize> {
    let mut at = dot;
    loop {
        // One link: groups (calls, indexes, a parenthesised operand) and `?`, then a name.
        let mut groups = false;
        while at > 0 {
            match &toks[at - 1] {
                TokenTree::Group(g) if g.delimiter() != Delimiter::Brace => {
                    groups = true;
                    at -= 1;
                }
                TokenTree::Punct(p) if p.as_char() == '?' => at -= 1,
                _ => break,
            }
        }
        match toks.get(at.wrapping_sub(1)) {
            Some(TokenTree::Ident(i)) if !NOT_RECEIVERS.contains(&i.to_string().as_str()) => {
                at -= 1
            }
            Some(TokenTree::Literal(_)) => at -= 1,
            _ if groups => {}
            _ => return None,
        }
        // Joined to the link before by `.` or `::`?
        if at >= 1 && is_punct(toks.get(at - 1), '.') {
            at -= 1;
        } else if at >= 2
            && is_punct(toks.get(at - 1), ':')
            && matches!(&toks[at - 2], TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        {
            at -= 2;
        } else {
            return Some(at);
        }
    }
}

/// Whether a statement may start at `toks[at]`: the block's first token, or after a `;` or
/// a block.
pub fn statement_start(toks: &[TokenTree], at: usize) -> bool {
    at == 0
        || is_punct(toks.get(at - 1), ';')
        || group(toks.get(at - 1), Delimiter::Brace).is_some()
}

/// The index of the first top-level `;` at or after `from`.
pub fn statement_end(toks: &[TokenTree], from: usize) -> Option<usize> {
    (from..toks.len()).find(|&i| is_punct(toks.get(i), ';'))
}

/// Whether a method named one of `names` is called anywhere inside `toks`, groups included.
pub fn calls_anywhere(toks: &[TokenTree], names: &[&str]) -> bool {
    (0..toks.len()).any(|i| {
        method_call(toks, i).is_some_and(|(name, _)| names.contains(&name.as_str()))
            || matches!(&toks[i], TokenTree::Group(g) if calls_anywhere(&children(g), names))
    })
}

/// The tokens as one line whose spacing does not depend on the layout: a space only
/// between two words. Site texts in mutant ids are written this way, so reformatting a
/// solution keeps its ids.
pub fn compact(toks: &[TokenTree]) -> String {
    let shown: proc_macro2::TokenStream = toks.iter().cloned().collect();
    let spaced = shown.to_string();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || c == '"';
    let mut out = String::with_capacity(spaced.len());
    let mut pending = false;
    for c in spaced.chars() {
        if c.is_whitespace() {
            pending = true;
            continue;
        }
        if pending && out.chars().next_back().is_some_and(word) && word(c) {
            out.push(' ');
        }
        pending = false;
        out.push(c);
    }
    out
}

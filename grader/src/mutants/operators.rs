//! The mechanical learner mistakes, each found on the token trees of one block or group at a
//! time: every operator is one function in `ALL`, called on every level of the file.

use std::ops::Range;

use proc_macro2::{Delimiter, TokenTree};

use super::tokens::*;

/// One place an operator applies, and how it changes the text there.
pub struct Found {
    /// The operator and its change, e.g. `ordering:Release->Relaxed`.
    pub operator: String,
    /// The site's tokens, compacted (`tokens::compact`): part of the mutant's stable id.
    pub site: String,
    /// Byte ranges of the solution and their replacements (non-overlapping).
    pub edits: Vec<(Range<usize>, String)>,
}

type Operator = fn(&str, &[TokenTree], &mut Vec<Found>);

/// Every operator, in the order their mutants are listed.
pub const ALL: [Operator; 9] = [
    ordering,
    while_to_if,
    wait_while_once,
    notify,
    drop_removed,
    locks_swapped,
    rmw_split,
    cas_to_store,
    join_removed,
];

const ORDERINGS: [&str; 5] = ["Relaxed", "Release", "Acquire", "AcqRel", "SeqCst"];

/// What an ordering argument orders, which decides the orderings it may be weakened to.
#[derive(Clone, Copy)]
enum Access {
    Load,
    Store,
    ReadModifyWrite,
    Fence,
}

/// The ordering arguments of an atomic method (or fence), by position, with a label when the
/// call has more than one.
fn ordering_arguments(name: &str) -> &'static [(usize, Access, &'static str)] {
    match name {
        "load" => &[(0, Access::Load, "")],
        "store" => &[(1, Access::Store, "")],
        "swap" | "fetch_add" | "fetch_sub" | "fetch_and" | "fetch_nand" | "fetch_or"
        | "fetch_xor" | "fetch_max" | "fetch_min" => &[(1, Access::ReadModifyWrite, "")],
        "compare_exchange" | "compare_exchange_weak" => &[
            (2, Access::ReadModifyWrite, "success:"),
            (3, Access::Load, "failure:"),
        ],
        "fetch_update" => &[
            (0, Access::ReadModifyWrite, "set:"),
            (1, Access::Load, "fetch:"),
        ],
        "fence" | "compiler_fence" => &[(0, Access::Fence, "")],
        _ => &[],
    }
}

/// The orderings one step weaker than `ordering` that are valid for `access` (a Relaxed
/// fence panics, so a fence is never weakened to Relaxed).
fn weaker(access: Access, ordering: &str) -> &'static [&'static str] {
    match (access, ordering) {
        (Access::Load, "SeqCst") => &["Acquire"],
        (Access::Store, "SeqCst") => &["Release"],
        (Access::ReadModifyWrite | Access::Fence, "SeqCst") => &["AcqRel"],
        (Access::ReadModifyWrite | Access::Fence, "AcqRel") => &["Acquire", "Release"],
        (Access::Fence, _) => &[],
        (_, "Acquire" | "Release" | "AcqRel") => &["Relaxed"],
        _ => &[],
    }
}

/// The ordering an argument names (`Ordering::Acquire`, `Acquire`), and its last token.
fn named_ordering(arg: &[TokenTree]) -> Option<(&'static str, &TokenTree)> {
    let last = arg.last()?;
    let name = ident(last)?;
    let known = ORDERINGS.iter().find(|o| **o == name)?;
    let path_before = arg.len() == 1 || is_punct(arg.get(arg.len() - 2), ':');
    path_before.then_some((*known, last))
}

/// The same ordering argument, renamed to `to` (kept whole when it names no ordering).
fn renamed(src: &str, arg: &[TokenTree], to: &str) -> String {
    match named_ordering(arg) {
        Some((_, last)) => format!("{}{to}", &src[range(&arg[0]).start..range(last).start]),
        None => text(src, arg).to_string(),
    }
}

/// The orderings a load and a store made of one read-modify-write `ordering` take.
fn split_orderings(ordering: &str) -> (&'static str, &'static str) {
    match ordering {
        "SeqCst" => ("SeqCst", "SeqCst"),
        "AcqRel" => ("Acquire", "Release"),
        "Acquire" => ("Acquire", "Relaxed"),
        "Release" => ("Relaxed", "Release"),
        _ => ("Relaxed", "Relaxed"),
    }
}

/// A method call with its receiver: (receiver start, name, arguments, call end).
fn calls(toks: &[TokenTree]) -> impl Iterator<Item = (usize, usize, String, Vec<Vec<TokenTree>>)> {
    (0..toks.len()).filter_map(|dot| {
        let (name, args) = method_call(toks, dot)?;
        let start = receiver_start(toks, dot).unwrap_or(dot);
        Some((start, dot, name, arguments(args)))
    })
}

/// Each atomic ordering weakened one step (SeqCst to the strongest other ordering the access
/// takes, AcqRel to Acquire and to Release, Acquire and Release to Relaxed).
fn ordering(_src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for i in 0..toks.len() {
        let (name, args, site_start) = if let Some((name, args)) = method_call(toks, i) {
            (name, args, receiver_start(toks, i).unwrap_or(i))
        } else if let (Some(name), Some(args)) = (
            ident(&toks[i]).filter(|n| n.ends_with("fence")),
            group(toks.get(i + 1), Delimiter::Parenthesis),
        ) {
            if is_punct(i.checked_sub(1).and_then(|p| toks.get(p)), '.') {
                continue;
            }
            (name, args, i)
        } else {
            continue;
        };
        let args_at = if is_punct(toks.get(i), '.') {
            i + 2
        } else {
            i + 1
        };
        let arguments = arguments(args);
        for &(position, access, label) in ordering_arguments(&name) {
            let Some((from, token)) = arguments.get(position).and_then(|a| named_ordering(a))
            else {
                continue;
            };
            for to in weaker(access, from) {
                out.push(Found {
                    operator: format!("ordering:{label}{from}->{to}"),
                    site: compact(&toks[site_start..=args_at]),
                    edits: vec![(range(token), to.to_string())],
                });
            }
        }
    }
}

/// `while` for `if` around a condvar wait: the condition is checked once.
fn while_to_if(_src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for i in 0..toks.len() {
        if !is_ident(toks.get(i), "while") {
            continue;
        }
        let Some(body) =
            (i + 1..toks.len()).find(|&j| group(toks.get(j), Delimiter::Brace).is_some())
        else {
            continue;
        };
        let TokenTree::Group(g) = &toks[body] else {
            continue;
        };
        if calls_anywhere(&children(g), &["wait", "wait_timeout"]) {
            out.push(Found {
                operator: "while-to-if".into(),
                site: compact(&toks[i..body]),
                edits: vec![(range(&toks[i]), "if".into())],
            });
        }
    }
}

/// `cv.wait_while(guard, cond)` as a single wait: the condition is checked once, as an `if`
/// around `wait` would.
fn wait_while_once(src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for (start, dot, name, args) in calls(toks) {
        if name != "wait_while" || args.len() != 2 || start == dot {
            continue;
        }
        let receiver = text(src, &toks[start..dot]);
        let (guard, condition) = (text(src, &args[0]), text(src, &args[1]));
        // The helper types the closure's argument, as `wait_while`'s signature does.
        let once = format!(
            "{{ let mut __mutant_guard = {guard}; fn __mutant_check<T: ?Sized>(value: &mut T, \
             condition: impl FnOnce(&mut T) -> bool) -> bool {{ condition(value) }} \
             if __mutant_check(&mut *__mutant_guard, {condition}) \
             {{ {receiver}.wait(__mutant_guard) }} else {{ Ok(__mutant_guard) }} }}"
        );
        out.push(Found {
            operator: "wait-while-once".into(),
            site: compact(&toks[start..=dot + 2]),
            edits: vec![(span(toks, start, dot + 2), once)],
        });
    }
}

/// `notify_all` for `notify_one`, and back.
fn notify(_src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for (start, dot, name, args) in calls(toks) {
        let other = match name.as_str() {
            "notify_all" => "notify_one",
            "notify_one" => "notify_all",
            _ => continue,
        };
        if args.is_empty() {
            out.push(Found {
                operator: format!("{name}->{other}"),
                site: compact(&toks[start..=dot + 2]),
                edits: vec![(range(&toks[dot + 1]), other.into())],
            });
        }
    }
}

/// A `drop(x)` removed (a sender kept open, a guard held to the end of its scope).
fn drop_removed(_src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for i in 0..toks.len() {
        if !is_ident(toks.get(i), "drop")
            || group(toks.get(i + 1), Delimiter::Parenthesis).is_none()
        {
            continue;
        }
        let before = i.checked_sub(1).and_then(|p| toks.get(p));
        if is_punct(before, '.') || is_ident(before, "fn") {
            continue;
        }
        // `std::mem::drop(x)`: the path goes too.
        let mut start = i;
        while start >= 2 && is_punct(toks.get(start - 1), ':') && is_punct(toks.get(start - 2), ':')
        {
            match toks.get(start.wrapping_sub(3)) {
                Some(TokenTree::Ident(_)) => start -= 3,
                _ => break,
            }
        }
        let (end, with) = if is_punct(toks.get(i + 2), ';') {
            (i + 2, "")
        } else {
            (i + 1, "()")
        };
        out.push(Found {
            operator: "drop-removed".into(),
            site: compact(&toks[start..=i + 1]),
            edits: vec![(span(toks, start, end), with.into())],
        });
    }
}

/// Two `let` statements of one block that each take a lock (`lock()`, `read()`, `write()`),
/// next to each other among such statements, swapped: the locks are taken in the other order.
fn locks_swapped(src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    let mut takes: Vec<(usize, usize, String)> = Vec::new(); // (let, `;`, the lock's call)
    for i in 0..toks.len() {
        if !is_ident(toks.get(i), "let") || !statement_start(toks, i) {
            continue;
        }
        let Some(end) = statement_end(toks, i) else {
            continue;
        };
        let lock = (i..end).find_map(|dot| {
            let (name, args) = method_call(toks, dot)?;
            let is_lock =
                ["lock", "read", "write"].contains(&name.as_str()) && args.stream().is_empty();
            let start = receiver_start(toks, dot)?;
            is_lock.then(|| compact(&toks[start..=dot + 2]))
        });
        if let Some(lock) = lock {
            takes.push((i, end, lock));
        }
    }
    for pair in takes.windows(2) {
        let ((a0, a1, a), (b0, b1, b)) = (&pair[0], &pair[1]);
        let (first, second) = (span(toks, *a0, *a1), span(toks, *b0, *b1));
        out.push(Found {
            operator: "locks-swapped".into(),
            site: format!("{a}<->{b}"),
            edits: vec![
                (first.clone(), src[second.clone()].to_string()),
                (second, src[first].to_string()),
            ],
        });
    }
}

/// `fetch_add` / `fetch_sub` as a load and a store: another thread's update in between is
/// lost.
fn rmw_split(src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for (start, dot, name, args) in calls(toks) {
        let op = match name.as_str() {
            "fetch_add" => "wrapping_add",
            "fetch_sub" => "wrapping_sub",
            _ => continue,
        };
        if args.len() != 2 || start == dot {
            continue;
        }
        let receiver = text(src, &toks[start..dot]);
        let from = named_ordering(&args[1]).map_or("", |(o, _)| o);
        let (load, store) = split_orderings(from);
        let (load, store) = (renamed(src, &args[1], load), renamed(src, &args[1], store));
        let value = text(src, &args[0]);
        let split = format!(
            "{{ let __mutant_old = {receiver}.load({load}); \
             {receiver}.store(__mutant_old.{op}({value}), {store}); __mutant_old }}"
        );
        out.push(Found {
            operator: "rmw-split".into(),
            site: compact(&toks[start..=dot + 2]),
            edits: vec![(span(toks, start, dot + 2), split)],
        });
    }
}

/// A `compare_exchange` (or `_weak`) as a plain store of the new value, reported as a success:
/// the check that nobody changed the value in between is gone.
fn cas_to_store(src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for (start, dot, name, args) in calls(toks) {
        if !name.starts_with("compare_exchange") || args.len() != 4 || start == dot {
            continue;
        }
        let receiver = text(src, &toks[start..dot]);
        let from = named_ordering(&args[2]).map_or("", |(o, _)| o);
        let store = renamed(src, &args[2], split_orderings(from).1);
        let (current, new) = (text(src, &args[0]), text(src, &args[1]));
        let stored = format!(
            "{{ let __mutant_current = {current}; {receiver}.store({new}, {store}); \
             if true {{ Ok(__mutant_current) }} else {{ Err(__mutant_current) }} }}"
        );
        out.push(Found {
            operator: "cas-to-store".into(),
            site: compact(&toks[start..=dot + 2]),
            edits: vec![(span(toks, start, dot + 2), stored)],
        });
    }
}

/// A `handle.join()` statement removed (with its `.unwrap()`, `.expect(..)`, `?`, or a
/// `let _ =`): the thread is no longer waited for.
fn join_removed(_src: &str, toks: &[TokenTree], out: &mut Vec<Found>) {
    for (start, dot, name, args) in calls(toks) {
        if name != "join" || !args.is_empty() || start == dot {
            continue;
        }
        // What the statement starts with: the receiver, `let _ =`, or a closure's `|..|`.
        let mut first = start;
        if start >= 3
            && is_punct(toks.get(start - 1), '=')
            && is_ident(toks.get(start - 2), "_")
            && is_ident(toks.get(start - 3), "let")
        {
            first = start - 3;
        }
        let closure_body = is_punct(first.checked_sub(1).and_then(|p| toks.get(p)), '|');
        if !statement_start(toks, first) && !closure_body {
            continue;
        }
        let mut end = dot + 2;
        loop {
            if is_punct(toks.get(end + 1), '?') {
                end += 1;
            } else if let Some((then, _)) = method_call(toks, end + 1)
                && ["unwrap", "expect", "ok"].contains(&then.as_str())
            {
                end += 3;
            } else {
                break;
            }
        }
        let (last, with) = if is_punct(toks.get(end + 1), ';') {
            (end + 1, "")
        } else if end + 1 == toks.len() || is_punct(toks.get(end + 1), ',') {
            (end, "()")
        } else {
            continue;
        };
        out.push(Found {
            operator: "join-removed".into(),
            site: compact(&toks[start..=dot + 2]),
            edits: vec![(span(toks, first, last), with.into())],
        });
    }
}

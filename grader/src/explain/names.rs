//! Names for the objects of a record, read from the source text around each access: the
//! field or variable the learner's code calls an object by (`self.ready.store(..)` makes
//! `ready`), when that is one name for one object; else its kind and number (`Mutex #2`).

use std::collections::BTreeMap;

use super::Sources;
use super::record::{Op, Record};

/// Names for objects: the field or variable the learner's code calls them by, when that is
/// one name for one object; else the kind and its number (`Mutex #2`).
pub fn names(record: &Record, sources: Sources<'_>) -> Vec<String> {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut used: Vec<Vec<String>> = vec![Vec::new(); record.objects.len()];
    for e in &record.events {
        let Some(loc) = &e.loc else { continue };
        // Threads and fences are not objects; an unlock's location is where the lock was
        // taken, already counted.
        if e.obj == 0
            || e.obj > used.len()
            || matches!(e.op, Op::Spawn | Op::Join | Op::Fence | Op::Unpark)
            || e.op.is_unlock()
        {
            continue;
        }
        let text = files
            .entry(loc.file.clone())
            .or_insert_with(|| sources(&loc.file));
        if let Some(r) = text
            .as_deref()
            .and_then(|t| receiver(t, loc.line, loc.column))
        {
            let field = field_name(&r);
            if !used[e.obj - 1].contains(&field) {
                used[e.obj - 1].push(field);
            }
        }
    }
    let mut kind_rank: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names = Vec::new();
    for (i, o) in record.objects.iter().enumerate() {
        let rank = kind_rank.entry(o.kind.as_str()).or_default();
        *rank += 1;
        let fallback = format!("{} #{}", o.kind, rank);
        // A channel's lock and condvars (the shim's `mpsc`) are used where the learner calls
        // `send` or `recv`, on a `Sender` or `Receiver`: its name is not theirs.
        let mine = if o.ty == "channel" {
            &[][..]
        } else {
            used[i].as_slice()
        };
        let name = match mine {
            [one] => {
                let sharing: Vec<usize> = (0..used.len())
                    .filter(|&j| used[j].as_slice() == [one.clone()])
                    .collect();
                if sharing.len() == 1 {
                    one.clone()
                } else {
                    let k = sharing.iter().position(|&j| j == i).unwrap_or(0) + 1;
                    format!("{one} #{k}")
                }
            }
            _ => fallback,
        };
        names.push(name);
    }
    names
}

/// `self.ring.slots[i % n]` -> `slots[..]`; `(*node).next` -> `next`.
fn field_name(receiver: &str) -> String {
    let mut depth = 0;
    let mut flat = String::new();
    for c in receiver.chars() {
        match c {
            '[' | '(' => {
                if depth == 0 {
                    flat.push(c);
                }
                depth += 1;
            }
            ']' | ')' => {
                depth -= 1;
                if depth == 0 {
                    if c == ']' {
                        flat.push('~');
                    }
                    flat.push(c);
                }
            }
            _ if depth == 0 => flat.push(c),
            _ => {}
        }
    }
    let last = flat.rsplit('.').next().unwrap_or(&flat);
    let last = last.trim_start_matches(['&', '*']);
    if last.is_empty() || last == "()" || last == "self" {
        receiver.trim().to_string()
    } else {
        last.replace('~', "..")
    }
}

/// The expression before `.method(` at `line:column` (1-based; the column points at the
/// method name, as `#[track_caller]` reports it), across line breaks.
pub fn receiver(text: &str, line: usize, column: usize) -> Option<String> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let in_line: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            offset += in_line;
            break;
        }
        offset += l.len();
    }
    let before: Vec<char> = text.get(..offset)?.chars().collect();
    let mut i = before.len();
    while i > 0 && before[i - 1].is_whitespace() {
        i -= 1;
    }
    if i == 0 || before[i - 1] != '.' {
        return None;
    }
    i -= 1;
    while i > 0 && before[i - 1].is_whitespace() {
        i -= 1;
    }
    let end = i;
    let mut depth = 0i32;
    while i > 0 {
        let c = before[i - 1];
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == ':' => {}
            _ => break,
        }
        i -= 1;
    }
    let expr: String = before[i..end].iter().collect();
    let expr = expr.split_whitespace().collect::<Vec<_>>().join(" ");
    let expr = expr.trim_start_matches("self.");
    (!expr.is_empty()).then(|| expr.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::record::{self, fixture};
    use super::*;

    #[test]
    fn receivers_are_found_before_the_method() {
        let src = "fn f() {\n    self.ready.store(true, Relaxed);\n    self.locked\n        .compare_exchange(a, b)\n    ring.slots[t % n].load(x);\n    unsafe { (*node).next.store(h) };\n}\n";
        assert_eq!(receiver(src, 2, 16).as_deref(), Some("ready"));
        assert_eq!(receiver(src, 4, 10).as_deref(), Some("locked"));
        assert_eq!(field_name(&receiver(src, 5, 23).unwrap()), "slots[..]");
        assert_eq!(field_name(&receiver(src, 6, 27).unwrap()), "next");
    }

    #[test]
    fn one_name_for_one_object_else_kind_and_number() {
        let src = "a.lock.lock();\nb.balance.lock();\nc.balance.lock();\n";
        let text = fixture::record(&[
            ("Mutex", "()", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:1:1", "-"),
        ])
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/x.rs:1:8")
        .step(0, Op::Lock, 2, "-", "-", "-", "/w/x.rs:2:11")
        .step(0, Op::Lock, 3, "-", "-", "-", "/w/x.rs:3:11")
        .end();
        let record = record::parse(&text).unwrap();
        let names = names(&record, &|_| Some(src.to_string()));
        assert_eq!(names, ["lock", "balance #1", "balance #2", "Condvar #1"]);
    }
}

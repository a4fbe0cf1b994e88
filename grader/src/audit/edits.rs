//! Turning a whole-file answer (`// verdict: <kind>` first, then its explanation, then the
//! code) into the edits it makes to the shipped exercise: the `<answer>.toml` that
//! `workbook dev edits` writes. Each edit is as small as it can be while its `find` still
//! occurs exactly once in the shipped file; the result is checked by applying it.

use similar::DiffOp;
use similar::algorithms::{Capture, Compact, Replace, myers};

use super::answers::{Edit, EditsFile, apply, occurrences};

/// The `<answer>.toml` text for the whole-file answer `whole`, or why it cannot be one.
/// `format` lays the code out as the exercise is (rustfmt); `None` keeps it as written.
pub fn to_edits(
    shipped: &str,
    whole: &str,
    format: &dyn Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut lines = whole.split_inclusive('\n');
    let verdict = lines
        .next()
        .and_then(|l| l.trim().strip_prefix("// verdict:"))
        .ok_or("the first line must be `// verdict: <kind>`")?
        .trim()
        .to_string();
    let rest: Vec<&str> = lines.collect();
    let first = shipped.lines().next().unwrap_or("");
    // The answer's explanation: the comment lines after the verdict, up to its code (or up
    // to the exercise's own header comment, if the answer kept it).
    let mut why = Vec::new();
    let mut at = 0;
    while at < rest.len() && rest[at].trim_start().starts_with("//") && rest[at].trim_end() != first
    {
        let line = rest[at].trim_start().trim_start_matches('/').trim();
        if rest[at].trim_start().starts_with("// rewrite:") {
            return Err("it is marked as a rewrite (`// rewrite:`): it stays a whole file".into());
        }
        if !line.is_empty() {
            why.push(line);
        }
        at += 1;
    }
    let body: String = rest[at..].concat();
    let body = format(&body).unwrap_or(body);
    // Whole-file answers usually drop the exercise's header comment and its TODO markers:
    // they are not the answer, so the edits leave them in place.
    let target = if body.starts_with(first) {
        body
    } else {
        header(shipped).to_string() + &body
    };
    let target = keep_dropped_comments(shipped, &target);
    let edits = minimal_edits(shipped, &target);
    if edits.is_empty() {
        return Err("its code is the shipped exercise itself".into());
    }
    match apply(shipped, &edits) {
        Ok(code) if code == target => {}
        _ => {
            return Err(
                "the edits found do not reproduce the answer (a bug: keep the file)".into(),
            );
        }
    }
    let file = EditsFile {
        verdict,
        why: why.join(" "),
        allow: Vec::new(),
        edits,
    };
    toml::to_string(&file).map_err(|e| format!("cannot write TOML: {e}"))
}

/// The leading comment and blank lines of the exercise.
fn header(shipped: &str) -> &str {
    let end = shipped
        .split_inclusive('\n')
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with("//"))
        .map(str::len)
        .sum();
    &shipped[..end]
}

/// The line diff both steps use: what `similar::capture_diff_slices(Algorithm::Myers, ..)`
/// computes, called on Myers' algorithm directly. The `Algorithm` switch instantiated all six
/// of similar's algorithms in the grader (8.5% of its LLVM IR, paid by every fresh build).
fn line_diff(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    match myers::diff(&mut hook, old, 0..old.len(), new, 0..new.len()) {
        Ok(()) => hook.into_inner().into_inner().into_ops(),
        Err(never) => match never {},
    }
}

fn is_comment(line: &str) -> bool {
    line.trim().is_empty() || line.trim_start().starts_with("//")
}

/// `target` with the comment-only lines of `shipped` it deleted put back.
fn keep_dropped_comments(shipped: &str, target: &str) -> String {
    let old: Vec<&str> = shipped.split_inclusive('\n').collect();
    let new: Vec<&str> = target.split_inclusive('\n').collect();
    let mut out = String::with_capacity(target.len());
    for op in line_diff(&old, &new) {
        match op {
            DiffOp::Delete {
                old_index, old_len, ..
            } if old[old_index..old_index + old_len]
                .iter()
                .all(|l| is_comment(l)) =>
            {
                out.extend(old[old_index..old_index + old_len].iter().copied());
            }
            _ => out.extend(new[op.new_range()].iter().copied()),
        }
    }
    out
}

/// A replaced byte range of the shipped file and what replaces it.
#[derive(Clone)]
struct Core {
    start: usize,
    end: usize,
    with: String,
}

/// An edit being grown: the span of the shipped file its `find` covers, holding cores.
struct Group {
    start: usize,
    end: usize,
    cores: Vec<Core>,
}

fn minimal_edits(shipped: &str, target: &str) -> Vec<Edit> {
    let old: Vec<&str> = shipped.split_inclusive('\n').collect();
    let new: Vec<&str> = target.split_inclusive('\n').collect();
    let mut offsets = vec![0];
    for line in &old {
        offsets.push(offsets.last().unwrap() + line.len());
    }
    let mut groups: Vec<Group> = Vec::new();
    let ops = line_diff(&old, &new);
    let mut i = 0;
    while i < ops.len() {
        if matches!(ops[i], DiffOp::Equal { .. }) {
            i += 1;
            continue;
        }
        // One hunk: the run of non-equal operations.
        let (o, n) = (ops[i].old_range(), ops[i].new_range());
        let (mut o_end, mut n_end) = (o.end, n.end);
        while i + 1 < ops.len() && !matches!(ops[i + 1], DiffOp::Equal { .. }) {
            i += 1;
            o_end = ops[i].old_range().end;
            n_end = ops[i].new_range().end;
        }
        let was: String = old[o.start..o_end].concat();
        let now: String = new[n.start..n_end].concat();
        let prefix = common(was.chars(), now.chars());
        let suffix = common(was[prefix..].chars().rev(), now[prefix..].chars().rev());
        let start = offsets[o.start] + prefix;
        let end = offsets[o.start] + was.len() - suffix;
        let with = now[prefix..now.len() - suffix].to_string();
        groups.push(Group {
            start,
            end,
            cores: vec![Core { start, end, with }],
        });
        i += 1;
    }
    loop {
        for g in &mut groups {
            grow_until_unique(shipped, g);
        }
        // Grown spans may overlap: merge them and grow again.
        let mut merged: Vec<Group> = Vec::new();
        let mut changed = false;
        for g in groups {
            match merged.last_mut() {
                Some(m) if g.start < m.end => {
                    m.end = m.end.max(g.end);
                    m.cores.extend(g.cores);
                    changed = true;
                }
                _ => merged.push(g),
            }
        }
        groups = merged;
        if !changed {
            break;
        }
    }
    groups
        .iter()
        .map(|g| {
            let mut replace = String::new();
            let mut at = g.start;
            for c in &g.cores {
                replace.push_str(&shipped[at..c.start]);
                replace.push_str(&c.with);
                at = c.end;
            }
            replace.push_str(&shipped[at..g.end]);
            Edit {
                find: shipped[g.start..g.end].to_string(),
                replace,
            }
        })
        .collect()
}

/// The byte length of the common start of two character sequences.
fn common(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Widens `g` until its text occurs exactly once in `shipped`: within a line, to whole
/// words, then to whitespace; a change spanning lines (or still ambiguous) to whole lines,
/// then one more line on each side at a time.
fn grow_until_unique(shipped: &str, g: &mut Group) {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let multiline =
        shipped[g.start..g.end].contains('\n') || g.cores.iter().any(|c| c.with.contains('\n'));
    let mut level = if multiline { 2 } else { 0 };
    if multiline {
        whole_lines(shipped, g);
    }
    loop {
        let find = &shipped[g.start..g.end];
        if !find.is_empty() && occurrences(shipped, find).len() == 1 {
            return;
        }
        if g.start == 0 && g.end == shipped.len() {
            return;
        }
        match level {
            0 => widen(shipped, g, |c| word(c) && c != '\n'),
            1 => widen(shipped, g, |c| !c.is_whitespace()),
            2 => whole_lines(shipped, g),
            _ => {
                if g.start > 0 {
                    g.start = shipped[..g.start - 1].rfind('\n').map_or(0, |i| i + 1);
                }
                if g.end < shipped.len() {
                    g.end = shipped[g.end..]
                        .find('\n')
                        .map_or(shipped.len(), |i| g.end + i + 1);
                }
            }
        }
        level = (level + 1).min(3);
    }
}

fn widen(shipped: &str, g: &mut Group, keep: impl Fn(char) -> bool) {
    while let Some(c) = shipped[..g.start].chars().next_back().filter(|&c| keep(c)) {
        g.start -= c.len_utf8();
    }
    while let Some(c) = shipped[g.end..].chars().next().filter(|&c| keep(c)) {
        g.end += c.len_utf8();
    }
}

fn whole_lines(shipped: &str, g: &mut Group) {
    g.start = shipped[..g.start].rfind('\n').map_or(0, |i| i + 1);
    let last = if g.end > g.start { g.end - 1 } else { g.start };
    g.end = shipped[last..]
        .find('\n')
        .map_or(shipped.len(), |i| last + i + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str =
        "// story\n// TODO: fix\nfn a() {\n    x.load(Relaxed);\n    y.load(Relaxed);\n}\n";

    #[test]
    fn a_whole_file_becomes_the_smallest_unique_edits_and_keeps_the_exercise_comments() {
        let whole = "// verdict: pass\n// Right: y acquires.\nfn a() {\n    x.load(Relaxed);\n    y.load(Acquire);\n}\n";
        let toml = to_edits(SHIPPED, whole, &|_| None).unwrap();
        let file: EditsFile = toml::from_str(&toml).unwrap();
        assert_eq!(
            (file.verdict.as_str(), file.why.as_str()),
            ("pass", "Right: y acquires.")
        );
        assert_eq!(file.edits.len(), 1);
        // `Relaxed` alone occurs twice: the find grows to the whitespace around it.
        assert_eq!(file.edits[0].find, "y.load(Relaxed);");
        assert_eq!(
            apply(SHIPPED, &file.edits).unwrap(),
            SHIPPED.replace("y.load(Relaxed", "y.load(Acquire")
        );
    }

    #[test]
    fn a_copy_of_the_shipped_file_or_a_rewrite_is_no_edit() {
        let code = &SHIPPED[SHIPPED.find("fn a").unwrap()..];
        let copy = format!("// verdict: deadlock\n// Wrong: as shipped.\n{code}");
        assert!(
            to_edits(SHIPPED, &copy, &|_| None)
                .unwrap_err()
                .contains("shipped exercise itself")
        );
        let rewrite = "// verdict: pass\n// rewrite: new design\nfn a() {}\n";
        assert!(
            to_edits(SHIPPED, rewrite, &|_| None)
                .unwrap_err()
                .contains("rewrite")
        );
    }
}

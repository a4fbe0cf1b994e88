//! Recorded answers (tests/answers/<name>/): reading `<answer>.toml` edits and whole-file
//! `<answer>.rs` answers, applying edits to the current shipped exercise, and the rules an
//! answer file must keep (edits that match once, code that differs from the shipped file, no
//! unmarked whole copy).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::shown;
use crate::catalogue::Exercise;
use crate::gate::Rule;
use crate::verdict::VerdictKind;
use crate::workbook::{SourceSet, Workbook};

/// The largest share of an answer file's lines that may be copied from its exercise,
/// unless the file says it is a rewrite.
pub const MAX_SHARED: f64 = 0.6;

/// One recorded answer, read and (for edits) applied to the current shipped exercise.
#[derive(Debug)]
pub struct Answer {
    /// The `.toml` or `.rs` file in tests/answers/<name>/.
    pub file: PathBuf,
    /// The file's stem: the answer's name in reports.
    pub name: String,
    pub expected: VerdictKind,
    /// The code that is graded.
    pub code: String,
    /// A whole file marked `// rewrite: <why>`.
    pub rewrite: bool,
    /// A whole file (`.rs`) rather than edits.
    pub whole: bool,
    /// Gate rules this answer is graded with beyond its exercise's (`allow` in its `.toml`):
    /// a cheat the gate refuses, recorded to prove that the checks behind the gate catch it
    /// too (a `type_name` probe the stress tests must still fail).
    pub allow: Vec<Rule>,
}

impl Answer {
    /// `exercise` as this answer is graded: with the answer's own `allow` added.
    pub fn exercise(&self, exercise: &Exercise) -> Exercise {
        let mut exercise = exercise.clone();
        for rule in &self.allow {
            if !exercise.allow.contains(rule) {
                exercise.allow.push(*rule);
            }
        }
        exercise
    }
}

/// `<answer>.toml`.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EditsFile {
    pub verdict: String,
    pub why: String,
    /// Gate rules to grade this answer with (see `Answer::allow`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    #[serde(default, rename = "edit")]
    pub edits: Vec<Edit>,
}

/// One `[[edit]]`: `find` occurs exactly once in the shipped exercise.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Edit {
    pub find: String,
    pub replace: String,
}

/// The answer files of an exercise (`.toml` edits and `.rs` whole files), sorted.
fn answer_files(wb: &Workbook, exercise: &Exercise) -> Vec<PathBuf> {
    let dir = wb.root.join("tests").join("answers").join(&exercise.name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs" || e == "toml"))
        .filter(|p| !p.ends_with(crate::mutants::EQUIVALENTS_FILE))
        .collect();
    files.sort();
    files
}

/// Recorded answers of an exercise; the first unreadable one is the error.
pub fn answers(wb: &Workbook, exercise: &Exercise) -> Result<Vec<Answer>> {
    let shipped = std::fs::read_to_string(wb.source(exercise, SourceSet::Exercises))
        .with_context(|| format!("cannot read {}", exercise.path.display()))?;
    let mut out = Vec::new();
    let mut names: HashMap<String, PathBuf> = HashMap::new();
    for file in answer_files(wb, exercise) {
        let answer = read_answer(wb, &file, &shipped)?;
        if let Some(other) = names.insert(answer.name.clone(), file.clone()) {
            bail!(
                "{} and {} record the same answer",
                shown(wb, &other),
                shown(wb, &file)
            );
        }
        out.push(answer);
    }
    Ok(out)
}

/// Problems with the recorded answers of an exercise that need no build, one line each:
/// unreadable files, edits that do not apply, code equal to the shipped exercise, and
/// unmarked whole files that copy more than `MAX_SHARED` of their exercise's lines.
pub fn answer_problems(wb: &Workbook, exercise: &Exercise) -> Vec<String> {
    let Ok(shipped) = std::fs::read_to_string(wb.source(exercise, SourceSet::Exercises)) else {
        return Vec::new(); // the missing exercise is reported on its own
    };
    let mut problems = Vec::new();
    for file in answer_files(wb, exercise) {
        let answer = match read_answer(wb, &file, &shipped) {
            Ok(a) => a,
            Err(e) => {
                problems.push(format!("{e:#}"));
                continue;
            }
        };
        if answer.whole && !answer.rewrite {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let share = shared_lines(&text, &shipped);
            if share > MAX_SHARED {
                problems.push(format!(
                    "{}: {:.0}% of its lines are copied from {}; store it as edits \
                     ({}.toml) or, for a real rewrite, make its second line `// rewrite: <why>`",
                    shown(wb, &file),
                    share * 100.0,
                    exercise.path.display(),
                    answer.name
                ));
            }
        }
    }
    problems
}

/// The share of `answer`'s lines of code (trimmed; blank lines and `//` comments left out,
/// so a recorded verdict and its explanation do not count) that also occur in `exercise`,
/// each exercise line counted at most as often as it occurs there.
pub fn shared_lines(answer: &str, exercise: &str) -> f64 {
    let mut available: HashMap<&str, usize> = HashMap::new();
    let code = |l: &&str| !l.is_empty() && !l.starts_with("//");
    for line in exercise.lines().map(str::trim).filter(code) {
        *available.entry(line).or_default() += 1;
    }
    let (mut total, mut shared) = (0usize, 0usize);
    for line in answer.lines().map(str::trim).filter(code) {
        total += 1;
        if let Some(n) = available.get_mut(line)
            && *n > 0
        {
            *n -= 1;
            shared += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        shared as f64 / total as f64
    }
}

fn read_answer(wb: &Workbook, file: &Path, shipped: &str) -> Result<Answer> {
    let where_ = shown(wb, file);
    let text =
        std::fs::read_to_string(file).with_context(|| format!("{where_}: cannot be read"))?;
    let name = file
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let whole = file.extension().is_some_and(|e| e == "rs");
    let mut allow = Vec::new();
    let (declared, code, rewrite) = if whole {
        let mut lines = text.lines();
        let declared = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("// verdict:"))
            .with_context(|| format!("{where_}: the first line must be `// verdict: <kind>`"))?
            .trim()
            .to_string();
        let rewrite = lines
            .next()
            .is_some_and(|l| l.trim_start().starts_with("// rewrite:"));
        (declared, text.clone(), rewrite)
    } else {
        let edits: EditsFile =
            toml::from_str(&text).map_err(|e| anyhow::anyhow!("{where_}: {}", one_line(&e)))?;
        if edits.why.trim().is_empty() || edits.why.contains('\n') {
            bail!("{where_}: `why` must be one line saying what the answer does");
        }
        let code = apply(shipped, &edits.edits).map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
        for rule in &edits.allow {
            allow.push(
                rule.parse::<Rule>()
                    .map_err(|e| anyhow::anyhow!("{where_}: `allow`: {e}"))?,
            );
        }
        (edits.verdict, code, false)
    };
    let expected: VerdictKind = declared
        .parse()
        .map_err(|e| anyhow::anyhow!("{where_}: {e}"))?;
    if code == shipped {
        bail!(
            "{where_}: its code is the shipped exercise itself (the shipped file is audited already)"
        );
    }
    Ok(Answer {
        file: file.to_path_buf(),
        name,
        expected,
        code,
        rewrite,
        whole,
        allow,
    })
}

/// A TOML error on one line (toml's messages quote the source over several lines).
fn one_line(e: &toml::de::Error) -> String {
    let message = e.message().trim();
    match e.span() {
        Some(span) => format!("{message} (at byte {})", span.start),
        None => message.to_string(),
    }
}

/// `shipped` with every edit applied. Each `find` must occur exactly once in `shipped`
/// (not in the result of earlier edits, so the order of edits does not matter) and no two
/// edits may overlap.
pub(super) fn apply(shipped: &str, edits: &[Edit]) -> Result<String, String> {
    let mut at: Vec<(usize, usize)> = Vec::new(); // (start, edit index)
    for (i, edit) in edits.iter().enumerate() {
        let label = || format!("edit {} (find `{}`)", i + 1, excerpt(&edit.find));
        if edit.find.is_empty() {
            return Err(format!("{} has an empty find", label()));
        }
        match occurrences(shipped, &edit.find).as_slice() {
            [one] => at.push((*one, i)),
            [] => {
                return Err(format!(
                    "{} matches nothing in the shipped exercise; update the answer to the exercise",
                    label()
                ));
            }
            _ => {
                return Err(format!(
                    "{} matches more than once in the shipped exercise; make it longer",
                    label()
                ));
            }
        }
    }
    at.sort();
    let mut code = String::with_capacity(shipped.len());
    let mut done = 0;
    let mut previous: Option<usize> = None;
    for (start, i) in at {
        if start < done {
            return Err(format!(
                "edits {} and {} overlap",
                previous.map_or(0, |p| p + 1),
                i + 1
            ));
        }
        code.push_str(&shipped[done..start]);
        code.push_str(&edits[i].replace);
        done = start + edits[i].find.len();
        previous = Some(i);
    }
    code.push_str(&shipped[done..]);
    Ok(code)
}

/// Where `needle` starts in `hay`, overlapping matches included; at most two.
pub(super) fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    (0..hay.len())
        .filter(|&s| hay.is_char_boundary(s) && hay[s..].starts_with(needle))
        .take(2)
        .collect()
}

/// The first line of `text`, shortened, for naming an edit in one line.
fn excerpt(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let short: String = line.chars().take(50).collect();
    if short.len() < line.len() || text.trim().lines().count() > 1 {
        format!("{short}...")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = "fn a() {\n    x.load(Relaxed);\n    y.load(Relaxed);\n}\n";

    fn edit(find: &str, replace: &str) -> Edit {
        Edit {
            find: find.into(),
            replace: replace.into(),
        }
    }

    #[test]
    fn edits_apply_to_the_shipped_file_in_any_order() {
        let edits = [
            edit("y.load(Relaxed", "y.load(Acquire"),
            edit("x.load(Relaxed", "x.swap(1"),
        ];
        assert_eq!(
            apply(SHIPPED, &edits).unwrap(),
            "fn a() {\n    x.swap(1);\n    y.load(Acquire);\n}\n"
        );
    }

    #[test]
    fn an_edit_must_match_exactly_once_and_not_overlap_another() {
        let none = apply(SHIPPED, &[edit("z.load", "")]).unwrap_err();
        assert!(
            none.starts_with("edit 1 (find `z.load`) matches nothing"),
            "{none}"
        );
        let twice = apply(
            SHIPPED,
            &[edit("x.load(Relaxed", ""), edit("load(Relaxed", "")],
        );
        assert!(
            twice
                .unwrap_err()
                .starts_with("edit 2 (find `load(Relaxed`) matches more than once")
        );
        let overlap = apply(
            SHIPPED,
            &[edit("x.load(", ""), edit("load(Relaxed);\n    y", "")],
        );
        assert_eq!(overlap.unwrap_err(), "edits 1 and 2 overlap");
        assert!(
            apply(SHIPPED, &[edit("", "x")])
                .unwrap_err()
                .contains("empty find")
        );
    }

    #[test]
    fn shared_lines_counts_code_lines_once_each_and_ignores_comments() {
        assert_eq!(shared_lines(SHIPPED, SHIPPED), 1.0);
        let answer = "// verdict: pass\n// why\nfn a() {\n    x.swap(1);\n    y.load(Relaxed);\n    y.load(Relaxed);\n}\n";
        // 5 lines of code; `fn a() {`, one `y.load` and `}` are in the exercise.
        assert_eq!(shared_lines(answer, SHIPPED), 3.0 / 5.0);
        assert_eq!(shared_lines("// only comments\n", SHIPPED), 0.0);
    }
}

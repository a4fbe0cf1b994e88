//! The catalogue: `info.toml`, the exercises in teaching order and how each is checked.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::gate::Rule;
use crate::verdict::VerdictKind;

/// One way of checking an exercise. Order in `checks` does not matter: they always run in
/// the order of this enum (the cheapest and most basic first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckMode {
    /// Compile, then run `main` under a wall-clock limit.
    Run,
    /// The grader's tests (and the learner's own) under a wall-clock limit.
    Test,
    /// trybuild cases that must NOT compile against the learner's code (plus compile-pass cases).
    CompileFail,
    /// loom models over every interleaving, each in its own process.
    Loom,
}

impl CheckMode {
    pub const ALL: [CheckMode; 4] = [
        CheckMode::Run,
        CheckMode::Test,
        CheckMode::CompileFail,
        CheckMode::Loom,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CheckMode::Run => "run",
            CheckMode::Test => "test",
            CheckMode::CompileFail => "compile-fail",
            CheckMode::Loom => "loom",
        }
    }
}

impl fmt::Display for CheckMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CheckMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CheckMode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| {
                format!("unknown check `{s}` (expected one of: run, test, compile-fail, loom)")
            })
    }
}

/// One exercise as written in `info.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExercise {
    name: String,
    path: String,
    topic: String,
    checks: Vec<String>,
    points: u32,
    #[serde(default)]
    concepts: Vec<String>,
    hints: Vec<String>,
    fails_with: String,
    timeout: Option<f64>,
    loom_preemptions: Option<usize>,
    #[serde(default)]
    allow: Vec<String>,
}

/// One exercise, validated.
#[derive(Debug, Clone)]
pub struct Exercise {
    pub name: String,
    /// Relative to the workbook root, e.g. `exercises/01_threads/threads1.rs`.
    pub path: PathBuf,
    pub topic: String,
    pub checks: Vec<CheckMode>,
    pub points: u32,
    pub concepts: Vec<String>,
    pub hints: Vec<String>,
    /// The verdict the shipped exercise must get: the reason it teaches.
    pub fails_with: VerdictKind,
    /// Wall-clock limit per check process, in seconds.
    pub timeout: f64,
    /// loom's preemption bound for this exercise's models.
    pub loom_preemptions: usize,
    /// Gate rules this exercise's code may break (`allow` in info.toml; none by default).
    pub allow: Vec<Rule>,
}

impl Exercise {
    /// The solution's path, relative to the workbook root: `solutions/` mirrors `exercises/`.
    pub fn solution_path(&self) -> PathBuf {
        let rel = self.path.strip_prefix("exercises").unwrap_or(&self.path);
        Path::new("solutions").join(rel)
    }

    pub fn has(&self, mode: CheckMode) -> bool {
        self.checks.contains(&mode)
    }
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    pub exercises: Vec<Exercise>,
}

pub const DEFAULT_TIMEOUT_SECS: f64 = 10.0;
pub const DEFAULT_LOOM_PREEMPTIONS: usize = 2;
/// Beyond this, models of three threads run for minutes (measured on 2 cores: bound 4 took 8 s).
const MAX_LOOM_PREEMPTIONS: usize = 4;

impl Catalogue {
    /// Reads and validates `info.toml`. Errors are one line: where, which exercise, which field.
    pub fn load(path: &Path) -> anyhow::Result<Catalogue> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        Catalogue::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Catalogue, String> {
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| one_line(text, &e))?;
        let mut exercises = Vec::new();
        let mut names = HashSet::new();
        for key in table.keys() {
            if key != "exercises" {
                return Err(format!(
                    "unknown top-level key `{key}` (expected only [[exercises]])"
                ));
            }
        }
        let Some(list) = table.get("exercises") else {
            return Err("no [[exercises]] entries".into());
        };
        let Some(list) = list.as_array() else {
            return Err("`exercises` must be an array of tables ([[exercises]])".into());
        };
        for (i, value) in list.iter().enumerate() {
            let label = match value.get("name").and_then(|n| n.as_str()) {
                Some(name) => format!("exercise `{name}` (entry {})", i + 1),
                None => format!("exercise entry {}", i + 1),
            };
            let raw: RawExercise = value.clone().try_into().map_err(|e: toml::de::Error| {
                format!("{label}: {}", e.message().trim().replace('\n', " "))
            })?;
            let exercise = validate(raw).map_err(|e| format!("{label}: {e}"))?;
            if !names.insert(exercise.name.clone()) {
                return Err(format!(
                    "{label}: the name `{}` is used twice",
                    exercise.name
                ));
            }
            exercises.push(exercise);
        }
        if exercises.is_empty() {
            return Err("no [[exercises]] entries".into());
        }
        Ok(Catalogue { exercises })
    }

    pub fn get(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.name == name)
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.exercises.iter().position(|e| e.name == name)
    }
}

fn validate(raw: RawExercise) -> Result<Exercise, String> {
    let name_ok = !raw.name.is_empty()
        && raw
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && raw.name.starts_with(|c: char| c.is_ascii_lowercase());
    if !name_ok {
        return Err(
            "field `name`: use lowercase letters, digits and `_`, starting with a letter".into(),
        );
    }
    let path = PathBuf::from(&raw.path);
    let in_exercises = path.starts_with("exercises")
        && path.extension().is_some_and(|e| e == "rs")
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !in_exercises {
        return Err(format!(
            "field `path`: `{}` must be a relative `exercises/.../*.rs` path",
            raw.path
        ));
    }
    if path.file_stem().is_some_and(|s| s != raw.name.as_str()) {
        return Err(format!(
            "field `path`: the file must be named `{}.rs`",
            raw.name
        ));
    }
    if raw.topic.trim().is_empty() {
        return Err("field `topic` is empty".into());
    }
    if raw.checks.is_empty() {
        return Err("field `checks` is empty".into());
    }
    let mut checks = Vec::new();
    for c in &raw.checks {
        let mode: CheckMode = c.parse().map_err(|e| format!("field `checks`: {e}"))?;
        if !checks.contains(&mode) {
            checks.push(mode);
        }
    }
    checks.sort();
    if raw.hints.len() < 2 || raw.hints.iter().any(|h| h.trim().is_empty()) {
        return Err(
            "field `hints`: give 2 or 3 non-empty levels, from a nudge to near the answer".into(),
        );
    }
    if raw.points == 0 {
        return Err("field `points` must be at least 1".into());
    }
    let fails_with: VerdictKind = raw
        .fails_with
        .parse()
        .map_err(|e| format!("field `fails_with`: {e}"))?;
    if fails_with == VerdictKind::Pass {
        return Err(
            "field `fails_with`: a shipped exercise must fail; name the verdict it fails with"
                .into(),
        );
    }
    let timeout = raw.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS);
    if !(timeout > 0.0 && timeout <= 600.0) {
        return Err("field `timeout`: seconds, more than 0 and at most 600".into());
    }
    let loom_preemptions = raw.loom_preemptions.unwrap_or(DEFAULT_LOOM_PREEMPTIONS);
    if !(1..=MAX_LOOM_PREEMPTIONS).contains(&loom_preemptions) {
        return Err(format!(
            "field `loom_preemptions`: 1 to {MAX_LOOM_PREEMPTIONS}"
        ));
    }
    let allow = raw
        .allow
        .iter()
        .map(|id| id.parse::<Rule>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("field `allow`: {e}"))?;
    Ok(Exercise {
        name: raw.name,
        path,
        topic: raw.topic,
        checks,
        points: raw.points,
        concepts: raw.concepts,
        hints: raw.hints,
        fails_with,
        timeout,
        loom_preemptions,
        allow,
    })
}

/// toml's syntax errors span several lines (a snippet with a caret): keep line, column, message.
fn one_line(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim().replace('\n', " ");
    match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {col}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[exercises]]
name = "threads1"
path = "exercises/01_threads/threads1.rs"
topic = "threads"
checks = ["test"]
points = 1
hints = ["a", "b"]
fails_with = "test-failed"
"#;

    #[test]
    fn a_valid_entry_parses_with_defaults() {
        let c = Catalogue::parse(GOOD).unwrap();
        let e = &c.exercises[0];
        assert_eq!(
            e.solution_path(),
            Path::new("solutions/01_threads/threads1.rs")
        );
        assert_eq!(e.timeout, DEFAULT_TIMEOUT_SECS);
        assert_eq!(e.checks, vec![CheckMode::Test]);
    }

    #[test]
    fn errors_name_the_exercise_and_the_field() {
        let bad = GOOD.replace(r#"["test"]"#, r#"["tset"]"#);
        let err = Catalogue::parse(&bad).unwrap_err();
        assert!(
            err.contains("exercise `threads1`") && err.contains("field `checks`"),
            "{err}"
        );
        assert!(!err.contains('\n'));

        let missing = GOOD.replace("points = 1\n", "");
        let err = Catalogue::parse(&missing).unwrap_err();
        assert!(err.contains("threads1") && err.contains("points"), "{err}");
    }

    #[test]
    fn syntax_errors_are_one_line_with_a_position() {
        let err = Catalogue::parse("[[exercises]\nname = 1").unwrap_err();
        assert!(err.starts_with("line 1"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn allow_names_gate_rules_and_an_unknown_one_is_one_line() {
        assert!(
            Catalogue::parse(GOOD).unwrap().exercises[0]
                .allow
                .is_empty()
        );
        let allowed = GOOD.replace("points = 1\n", "points = 1\nallow = [\"exit\", \"cfg\"]\n");
        let e = &Catalogue::parse(&allowed).unwrap().exercises[0];
        assert_eq!(e.allow, vec![Rule::Exit, Rule::Cfg]);
        let unknown = GOOD.replace("points = 1\n", "points = 1\nallow = [\"foo\"]\n");
        let err = Catalogue::parse(&unknown).unwrap_err();
        assert!(
            err.starts_with("exercise `threads1` (entry 1): field `allow`: unknown rule `foo` (known: exit, command,"),
            "{err}"
        );
        assert!(!err.contains('\n'));
    }

    #[test]
    fn duplicate_names_are_rejected() {
        let twice = format!("{GOOD}{GOOD}");
        let err = Catalogue::parse(&twice).unwrap_err();
        assert!(err.contains("used twice"), "{err}");
    }
}

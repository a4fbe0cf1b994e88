//! Explained interleavings: the record the loom shim prints for a failing execution, turned
//! into numbered steps, the locks each blocked thread holds, and one sentence on why it fails.
//!
//! Pure functions over text, plus a reader for the learner's source. The rooms:
//! - `record`: the shim's lines read into typed events (`Op`), the format shared with the shim;
//! - `names`: objects named after the code that uses them (`self.ready.store(..)` -> `ready`);
//! - `steps`: each event as a numbered step, in words;
//! - `readings`: heuristics over the events, none specific to an exercise, listed once in
//!   priority order, one file each; when none applies there is no reading;
//! - `deadlock`: who holds what and waits for what, and why nothing can go on;
//! - `spin`: the loop an execution cut short (loom gave up) kept repeating.
//!
//! This file holds the entry point (`explain`) and what the rooms share (`Explainer`).

mod deadlock;
mod names;
mod readings;
pub mod record;
mod spin;
mod steps;

use crate::verdict::{BlockedThread, Step};
use record::{Event, Loc, NoRecord, Object, Op, Record, thread_label};

pub use names::receiver;

/// At most this many steps are kept (the end of the story: where it failed).
pub const MAX_STEPS: usize = 60;

/// Everything an explanation says, before it is put into a verdict.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    pub steps: Vec<Step>,
    pub reading: Option<String>,
    /// The reading found the execution serial: the threads ran one after another, so the
    /// failure is the logic's, not an interleaving's.
    pub serial: bool,
    /// What went wrong reading the record (lines that did not read, a record cut short or
    /// of another version): for tests and debugging, never shown to a learner.
    pub problems: Vec<String>,
}

/// Reads source files (the learner's, the grader's models) by absolute path.
pub type Sources<'a> = &'a dyn Fn(&str) -> Option<String>;

pub struct Explainer<'a> {
    record: &'a Record,
    names: Vec<String>,
    /// The learner's file: its lines are "line N", others `file:N`.
    learner: &'a str,
    /// The learner's file's text, when a recorded step is in it and it could be read.
    learner_source: Option<String>,
}

impl<'a> Explainer<'a> {
    /// `learner_file` ends the learner's path (e.g. `/publish.rs`).
    pub fn new(record: &'a Record, sources: Sources<'_>, learner_file: &'a str) -> Explainer<'a> {
        let names = names::names(record, sources);
        let learner_source = record
            .events
            .iter()
            .filter_map(|e| e.loc.as_ref())
            .find(|l| l.file.ends_with(learner_file))
            .and_then(|l| sources(&l.file));
        Explainer {
            record,
            names,
            learner: learner_file,
            learner_source,
        }
    }

    fn name(&self, obj: usize) -> String {
        self.names
            .get(obj.wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("#{obj}"))
    }

    fn line(&self, loc: &Option<Loc>) -> String {
        match loc {
            Some(l) if l.file.ends_with(self.learner) => format!("line {}", l.line),
            Some(l) => format!(
                "{}:{}",
                l.file.rsplit('/').next().unwrap_or(&l.file),
                l.line
            ),
            None => "an unknown line".to_string(),
        }
    }

    /// Whether `loc` is a line of the learner's file (not the checks', not the shim's).
    fn in_learner(&self, loc: &Option<Loc>) -> bool {
        loc.as_ref().is_some_and(|l| l.file.ends_with(self.learner))
    }

    fn ev(&self, i: usize) -> &Event {
        &self.record.events[i]
    }

    fn who(&self, i: usize) -> String {
        thread_label(self.ev(i).thread)
    }

    fn order(&self, i: usize) -> String {
        self.ev(i).order.clone().unwrap_or_default()
    }

    /// How many threads a notify woke: those waiting on that condvar before it that wake up
    /// after it. (A thread that has only begun to wait is not waiting yet: loom may run the
    /// notify first, and the shim records the wait before loom registers it.)
    fn woke(&self, notify: &Event) -> usize {
        let events = &self.record.events;
        let Some(n) = events.iter().position(|e| std::ptr::eq(e, notify)) else {
            return 0;
        };
        let mut threads: Vec<usize> = events[n + 1..]
            .iter()
            .filter(|e| e.op == Op::Woken && e.obj == notify.obj)
            .map(|e| e.thread)
            .filter(|&t| {
                events[..n]
                    .iter()
                    .any(|w| w.thread == t && w.op == Op::Wait && w.obj == notify.obj)
            })
            .collect();
        threads.sort_unstable();
        threads.dedup();
        if notify.op == Op::NotifyOne {
            threads.len().min(1)
        } else {
            threads.len()
        }
    }

    fn is_lock(&self, obj: usize) -> bool {
        self.record
            .objects
            .get(obj.wrapping_sub(1))
            .is_some_and(|o| o.kind == "Mutex" || o.kind == "RwLock")
    }

    /// Numbered names (`balance #1`) say which is which: the order they were created in.
    fn with_legend(&self, reading: String) -> String {
        let objects = &self.record.objects;
        let mut notes = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            if !name.contains(" #") || !reading.contains(name.as_str()) {
                continue;
            }
            let o = &objects[i];
            let rank = objects[..=i].iter().filter(|p| p.loc == o.loc).count();
            let total = objects.iter().filter(|p| p.loc == o.loc).count();
            let which = if total > 1 {
                format!("{} ", ordinal(rank))
            } else {
                String::new()
            };
            notes.push(format!(
                "{name}: the {which}{} created at {}",
                kind_of(o),
                self.line(&o.loc)
            ));
        }
        if notes.is_empty() {
            reading
        } else {
            format!("{reading} ({}.)", notes.join("; "))
        }
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `Mutex<i64>`, `AtomicU64`.
fn kind_of(o: &Object) -> String {
    if o.ty == "channel" {
        format!("channel's {}", o.kind)
    } else if o.kind.starts_with("Atomic") || o.ty.is_empty() {
        o.kind.clone()
    } else {
        format!("{}<{}>", o.kind, o.ty)
    }
}

/// The explanation of a failing loom run, from its stderr, if the shim recorded it.
pub fn explain(
    stderr: &str,
    learner_file: &str,
    sources: Sources<'_>,
    deadlocked: Option<&mut [BlockedThread]>,
) -> Explanation {
    let record = match record::parse(stderr) {
        Ok(record) => record,
        Err(NoRecord::Absent) => return Explanation::default(),
        Err(why) => {
            return Explanation {
                problems: vec![format!("no record read: {why:?}")],
                ..Explanation::default()
            };
        }
    };
    let explainer = Explainer::new(&record, sources, learner_file);
    let mut steps = explainer.steps();
    let (reading, serial) = match deadlocked {
        Some(threads) => {
            let last = steps.last().map_or(0, |s| s.step);
            steps.extend(explainer.blocked_steps(last));
            (explainer.deadlock(threads), false)
        }
        None => match explainer.first_reading() {
            Some((name, sentence)) => (Some(sentence), name == readings::SERIAL),
            None => (None, false),
        },
    };
    let reading = reading.map(|r| explainer.with_legend(r));
    Explanation {
        steps,
        reading,
        serial,
        problems: record.rejected.clone(),
    }
}

/// The loop a model that loom gave up on kept repeating, in one sentence (its line, its
/// object, what it keeps waiting for), when the shim recorded the cut execution.
pub fn spinning(stderr: &str, learner_file: &str, sources: Sources<'_>) -> Option<String> {
    let record = record::parse(stderr).ok()?;
    let explainer = Explainer::new(&record, sources, learner_file);
    explainer.spinning().map(|r| explainer.with_legend(r))
}

/// How a loom model must be started for its failures to be explained.
pub const RECORDED_MODEL: &str = "crate::std::__workbook::model";

/// Lines of a loom check file (1-based) that start a model with plain `loom::model`: the
/// shim never sees where its executions begin, so a failure there is reported without the
/// schedule. Comments are skipped; `__workbook::model` is the recorded one.
pub fn unrecorded_models(check_source: &str) -> Vec<usize> {
    check_source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            code.contains("loom::model(") || code.contains("loom::model::Builder")
        })
        .map(|(n, _)| n + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::record::fixture;
    use super::*;

    #[test]
    fn plain_loom_models_are_found() {
        let src = "fn a() {\n    loom::model(|| {});\n    // loom::model(|| {}) in a comment\n    crate::std::__workbook::model(|| {});\n    ::loom::model::Builder::new().check(|| {});\n}\n";
        assert_eq!(unrecorded_models(src), vec![2, 5]);
    }

    fn publish() -> String {
        fixture::record(&[
            ("AtomicI64", "i64", "/w/publish.rs:40:21", "0"),
            ("AtomicBool", "bool", "/w/publish.rs:42:20", "false"),
        ])
        .step(
            0,
            Op::Spawn,
            1,
            "-",
            "-",
            "-",
            "/w/checks/publish/loom.rs:11:25",
        )
        .step(1, Op::Store, 1, "Relaxed", "-40", "-", "/w/publish.rs:3:13")
        .step(
            1,
            Op::Store,
            2,
            "Relaxed",
            "true",
            "-",
            "/w/publish.rs:4:12",
        )
        .step(0, Op::Load, 2, "Relaxed", "true", "-", "/w/publish.rs:5:12")
        .step(0, Op::Load, 1, "Relaxed", "0", "-", "/w/publish.rs:6:13")
        .end()
    }

    fn source(_: &str) -> Option<String> {
        Some("\n\nself.offset.store(1);\nself.ready.store(1);\nself.ready.load(1);\nself.offset.load(1);\n".into())
    }

    #[test]
    fn a_stale_read_after_a_flag_is_explained() {
        let e = explain(
            &format!("noise\n{}", publish()),
            "/publish.rs",
            &source,
            None,
        );
        assert_eq!(e.steps.len(), 5);
        assert_eq!(e.steps[1].text, "stores -40 into offset (Relaxed)");
        assert_eq!(e.steps[1].thread, "thread 1");
        assert!(e.problems.is_empty(), "{:?}", e.problems);
        let r = e.reading.unwrap();
        assert!(
            r.starts_with("main saw ready == true (line 5) but then read offset == 0 (line 6)"),
            "{r}"
        );
    }

    #[test]
    fn a_record_that_does_not_read_is_a_problem_not_a_story() {
        let text = publish();
        let cut = &text[..text.find(record::format::END).unwrap()];
        let e = explain(cut, "/publish.rs", &source, None);
        assert!(e.steps.is_empty() && e.reading.is_none());
        assert_eq!(e.problems, ["no record read: Cut"]);
        let odd = text.replace("\tload\t", "\tlaod\t");
        let e = explain(&odd, "/publish.rs", &source, None);
        assert_eq!(e.problems.len(), 2, "{:?}", e.problems);
    }

    #[test]
    fn a_cut_record_numbers_its_steps_after_what_was_cut() {
        let begin = format!("BEGIN\t{}\t0", record::format::VERSION);
        let cut = publish().replace(&begin, &format!("BEGIN\t{}\t700", record::format::VERSION));
        let e = explain(&cut, "/publish.rs", &source, None);
        assert_eq!(e.steps.first().map(|s| s.step), Some(701));
        assert_eq!(e.steps.last().map(|s| s.step), Some(705));
    }

    #[test]
    fn numbered_names_get_a_legend() {
        let text = fixture::record(&[
            ("Mutex", "i64", "/w/b.rs:1:1", "-"),
            ("Mutex", "i64", "/w/b.rs:1:1", "-"),
        ])
        .end();
        let record = record::parse(&text).unwrap();
        let ex = Explainer::new(&record, &|_| None, "/b.rs");
        assert_eq!(
            ex.with_legend("Mutex #2 waits.".into()),
            "Mutex #2 waits. (Mutex #2: the 2nd Mutex<i64> created at line 1.)"
        );
    }
}

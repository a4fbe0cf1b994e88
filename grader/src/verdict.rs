//! Verdicts: what a check found, as data. Checks produce them; presentation (the terminal,
//! reports) turns them into words. Nothing in here prints.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Every verdict kind, once: its `Verdict` variant, its name (in `info.toml`'s `fails_with`,
/// JSON reports and JUnit's failure `type`) and its headline for a learner. Everything that
/// differs per kind is derived from this list, so a new kind is one line here plus its
/// `Verdict` variant. The names must be the variants in kebab-case, as serde spells
/// `Verdict`'s `kind` tag (a unit test holds them to it).
macro_rules! verdict_kinds {
    ($($kind:ident => $name:literal, $headline:literal;)+) => {
        /// The kind of a verdict, as named in `info.toml` (`fails_with`) and in reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum VerdictKind {
            $($kind,)+
        }

        impl VerdictKind {
            pub const ALL: &[VerdictKind] = &[$(VerdictKind::$kind,)+];

            pub fn name(self) -> &'static str {
                match self {
                    $(VerdictKind::$kind => $name,)+
                }
            }

            /// A few words for a learner, used as the verdict's headline.
            pub fn headline(self) -> &'static str {
                match self {
                    $(VerdictKind::$kind => $headline,)+
                }
            }
        }

        impl Verdict {
            pub fn kind(&self) -> VerdictKind {
                match self {
                    $(Verdict::$kind { .. } => VerdictKind::$kind,)+
                }
            }
        }
    };
}

verdict_kinds! {
    Pass => "pass", "pass";
    CompileError => "compile-error", "does not compile";
    TestFailed => "test-failed", "test failed";
    Interleaving => "interleaving", "interleaving found";
    Deadlock => "deadlock", "deadlock";
    TimedOut => "timed-out", "timed out";
    LoomLimit => "loom-limit", "model checking gave up";
    CompileFailNotMet => "compile-fail-not-met", "compile-fail expectation not met";
    NotImplemented => "not-implemented", "not implemented yet";
    Inconclusive => "inconclusive", "inconclusive: the threads never ran at once";
    Crashed => "crashed", "crashed";
    Error => "error", "grader error";
    Rejected => "rejected", "not accepted";
}

impl Serialize for VerdictKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl fmt::Display for VerdictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for VerdictKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        VerdictKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = VerdictKind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "unknown verdict `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// One failing test: its name and what it said (the panic message, trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestFailure {
    pub test: String,
    pub message: String,
}

/// A thread that loom found blocked forever, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedThread {
    /// loom's thread number: 0 is the model's main thread.
    pub thread: usize,
    /// `path:line:column` of the operation it is blocked in, when loom knows it.
    pub location: Option<String>,
    /// The locks it holds, in the order it took them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<HeldLock>,
    /// What it waits for, in words (`lock balance #1`, `thread 1 to finish`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<String>,
}

/// A lock a blocked thread holds, and where it took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldLock {
    pub lock: String,
    /// `path:line` where it was taken.
    pub location: Option<String>,
}

/// One step of the execution loom found failing, as the learner's code performed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// 1-based, in the order the steps happened.
    pub step: usize,
    /// `main`, `thread 1`, ...
    pub thread: String,
    /// The operation: `load`, `store`, `swap`, `compare_exchange`, `fetch_add`, `lock`,
    /// `unlock`, `wait`, `notify_one`, `spawn`, `join`, ...
    pub action: String,
    /// What it acts on: an atomic or lock named after the learner's code, or a thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordering: Option<String>,
    /// The value read or written (`0 -> 1` for a read-modify-write).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The whole step in words: `loads ready: true (Relaxed)`.
    pub text: String,
    /// `path:line` of the operation.
    pub location: Option<String>,
    /// How many times in a row this step (with the `group - 1` steps before it) happened.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub times: usize,
    /// The length of the repeated run of steps this one ends (1: this step alone).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub group: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The headline of a compile_pass case that compiled and then failed when run: not a
/// compile-time expectation, although its verdict kind (in `fails_with`) is the same.
const RAN_AND_FAILED: &str = "compiles, but fails when run";

/// The headline of a compile_pass case that did not compile against the learner's code (whose
/// own file compiles): code the exercise must accept, not a compile-fail expectation.
const CASE_DID_NOT_COMPILE: &str = "a check does not compile against your code";

/// The headline of a loom failure whose execution was serial: wrong even one thread at a time.
const SERIAL: &str = "fails even with one thread at a time";

/// The result of checking one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    /// rustc's own messages, the first few errors only.
    CompileError {
        errors: usize,
        message: String,
    },
    TestFailed {
        failures: Vec<TestFailure>,
        output: String,
    },
    /// loom found a schedule under which an assertion (or a panic) fails.
    Interleaving {
        model: String,
        message: String,
        location: Option<String>,
        /// The failing execution, step by step (empty when it could not be recorded).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        steps: Vec<Step>,
        /// One sentence on why those steps fail, when the grader can tell.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reading: Option<String>,
        /// The failing execution is serial (the threads ran one after another, each seeing
        /// the latest values): a logic bug, not an interleaving, although the kind (in
        /// `fails_with`) is the same.
        #[serde(default, skip_serializing_if = "is_false")]
        serial: bool,
    },
    /// loom found a schedule under which every thread is blocked.
    Deadlock {
        model: String,
        threads: Vec<BlockedThread>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        steps: Vec<Step>,
        /// The cycle spelled out, when the grader can tell.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reading: Option<String>,
    },
    /// A run did not finish in time; `running` names the test that was running, if known.
    TimedOut {
        check: String,
        seconds: f64,
        running: Option<String>,
    },
    /// loom gave up: too many branches (a spin loop without a yield), or too many interleavings.
    LoomLimit {
        model: String,
        message: String,
    },
    /// A trybuild case compiled (or failed for the wrong reason); `message` says what. Or a
    /// compile_pass case (`must_compile`) did not compile against the learner's code, or
    /// compiled but failed when run (`ran`): `detail` says what failed.
    CompileFailNotMet {
        case: String,
        message: String,
        detail: String,
        #[serde(default, skip_serializing_if = "is_false")]
        ran: bool,
        /// A compile_pass case: code that must compile (and run) against the learner's.
        #[serde(default, skip_serializing_if = "is_false")]
        must_compile: bool,
    },
    /// A check reached a `todo!()` or `unimplemented!()` left in the learner's code.
    NotImplemented {
        /// The check mode that reached it (`test`, `loom`).
        check: String,
        /// `path:line:column` of the macro.
        location: String,
        /// `todo!` or `unimplemented!`.
        #[serde(rename = "macro")]
        macro_name: String,
    },
    /// A stress test proved nothing either way: its threads never ran at the same time (a
    /// machine too busy), so it could neither pass nor fail the code. Not a pass: a learner's
    /// or a teacher's cue to check again; the code is not known to be wrong.
    Inconclusive {
        /// The check mode (`test`).
        check: String,
        /// Each inconclusive check and what it says.
        failures: Vec<TestFailure>,
    },
    /// The program died from a signal or an abort (a stack overflow, out of memory, ...).
    Crashed {
        check: String,
        message: String,
    },
    /// The grader itself could not check the exercise (cargo missing, a check file missing).
    Error {
        message: String,
    },
    /// A graded submission's file was not taken: missing, a symlink out of the submission,
    /// not a regular file, too large, or not UTF-8 text.
    Rejected {
        message: String,
    },
}

impl Verdict {
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Pass)
    }

    /// A few words for a learner: the kind's headline, or what a compile_pass case did.
    pub fn headline(&self) -> &'static str {
        match self {
            Verdict::CompileFailNotMet { ran: true, .. } => RAN_AND_FAILED,
            Verdict::CompileFailNotMet {
                must_compile: true, ..
            } => CASE_DID_NOT_COMPILE,
            Verdict::Interleaving { serial: true, .. } => SERIAL,
            verdict => verdict.kind().headline(),
        }
    }

    pub fn error(message: impl Into<String>) -> Verdict {
        Verdict::Error {
            message: message.into(),
        }
    }
}

/// A verdict and how long it took to reach.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub exercise: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    #[serde(serialize_with = "secs")]
    pub duration: Duration,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde names `Verdict`'s `kind` tag by `rename_all = "kebab-case"`; the list's names
    /// must be the same words, or a JSON report and `fails_with` would disagree.
    #[test]
    fn names_are_the_variants_in_kebab_case() {
        for kind in VerdictKind::ALL {
            let mut kebab = String::new();
            for (i, c) in format!("{kind:?}").chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    kebab.push('-');
                }
                kebab.push(c.to_ascii_lowercase());
            }
            assert_eq!(kind.name(), kebab);
            assert_eq!(kind.name().parse::<VerdictKind>(), Ok(*kind));
        }
    }

    #[test]
    fn a_verdict_serializes_with_its_kind_name() {
        for verdict in [
            Verdict::Pass,
            Verdict::error("x"),
            Verdict::LoomLimit {
                model: "m".into(),
                message: "x".into(),
            },
        ] {
            let json = serde_json::to_value(&verdict).unwrap();
            assert_eq!(json["kind"], verdict.kind().name());
        }
    }
}

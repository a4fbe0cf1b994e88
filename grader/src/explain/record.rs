//! The shim's record of one failing execution, read into typed events. The lines themselves
//! are defined once, in the shim's `record_format.rs`, which this module mounts: the op names,
//! the fields and their order are the shim's and the grader's by construction. A line that
//! does not read is kept in `Record::rejected`, never silently dropped.

#[allow(dead_code)] // The writing half is the shim's (and this module's tests').
#[path = "../../shim/loom_std/record_format.rs"]
pub mod format;

pub use format::Op;
use format::{Line, NONE, VERSION};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Loc {
    pub fn parse(text: &str) -> Option<Loc> {
        let (rest, column) = text.rsplit_once(':')?;
        let (file, line) = rest.rsplit_once(':')?;
        Some(Loc {
            file: file.to_string(),
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        })
    }

    pub fn shown(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub kind: String,
    pub ty: String,
    pub loc: Option<Loc>,
    pub init: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub thread: usize,
    pub op: Op,
    pub obj: usize,
    pub order: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub loc: Option<Loc>,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wait {
    pub thread: usize,
    pub op: Op,
    pub obj: usize,
    pub loc: Option<Loc>,
}

/// What the shim recorded of one failing execution.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Objects by number (1-based in the record; index 0 here is object 1).
    pub objects: Vec<Object>,
    pub events: Vec<Event>,
    pub waits: Vec<Wait>,
    /// Operations the shim recorded before the first one it printed (a long spin cut short).
    pub dropped: usize,
    /// Lines inside the record that did not read, each with why: a shim and a grader that
    /// disagree show here, not as a story with holes.
    pub rejected: Vec<String>,
}

/// Why there is no record to explain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoRecord {
    /// The output holds no record (a plain `loom::model`, or recording was off).
    Absent,
    /// The record has no end: the output was cut, and a partial story would mislead.
    Cut,
    /// Written by a shim of another record version.
    Version(String),
}

impl Op {
    /// A fetch-and-modify operation (`fetch_add`, ..., `fetch_update`).
    pub fn is_fetch(self) -> bool {
        matches!(
            self,
            Op::FetchAdd
                | Op::FetchSub
                | Op::FetchAnd
                | Op::FetchNand
                | Op::FetchOr
                | Op::FetchXor
                | Op::FetchMax
                | Op::FetchMin
                | Op::FetchUpdate
        )
    }

    /// An access that read the atomic's value (`a` holds it).
    pub fn is_read(self) -> bool {
        matches!(
            self,
            Op::Load | Op::CasFail | Op::CasSpurious | Op::Cas | Op::Swap
        ) || self.is_fetch()
    }

    /// A blocking take of a lock for writing (a `lock` or a `write`).
    pub fn locks_exclusively(self) -> bool {
        matches!(self, Op::Lock | Op::Write)
    }

    pub fn is_try(self) -> bool {
        matches!(self, Op::TryLock | Op::TryRead | Op::TryWrite)
    }

    pub fn is_unlock(self) -> bool {
        matches!(self, Op::Unlock | Op::ReadUnlock | Op::WriteUnlock)
    }

    pub fn is_notify(self) -> bool {
        matches!(self, Op::NotifyOne | Op::NotifyAll)
    }

    /// The operation as the learner wrote it (a step's `action`).
    pub fn action(self) -> &'static str {
        match self {
            Op::Cas | Op::CasFail => "compare_exchange",
            Op::CellGet | Op::CellRead => "get",
            Op::CellGetMut => "get_mut",
            Op::CellIntoInner => "into_inner",
            Op::CasSpurious => "compare_exchange_weak",
            op => op.name(),
        }
    }

    /// ` (read)`, ` (write)` or nothing: how a lock op holds its lock.
    pub fn mode(self) -> &'static str {
        match self {
            Op::Read | Op::TryRead => " (read)",
            Op::Write | Op::TryWrite => " (write)",
            _ => "",
        }
    }
}

impl Event {
    /// The same step again: same thread, operation, object, values and line (its count
    /// aside).
    pub fn same_step(&self, other: &Event) -> bool {
        self.thread == other.thread
            && self.op == other.op
            && self.obj == other.obj
            && self.a == other.a
            && self.b == other.b
            && self.loc == other.loc
    }

    /// The value it read, if it read.
    pub fn read_value(&self) -> Option<&String> {
        self.op.is_read().then_some(self.a.as_ref()).flatten()
    }

    /// The value it wrote, if it wrote.
    pub fn written(&self) -> Option<String> {
        match self.op {
            Op::Store => self.a.clone(),
            Op::Swap | Op::Cas => self.b.clone(),
            op if op.is_fetch() => self.b.clone(),
            _ => None,
        }
    }

    /// A `try_` lock that took its lock.
    pub fn took(&self) -> bool {
        self.op.is_try() && self.a.as_deref() == Some("true")
    }

    /// A lock op that took its lock for writing, blocking or not (`lock`, `write`, a
    /// `try_lock` that succeeded).
    pub fn takes(&self) -> bool {
        self.op.locks_exclusively() || (self.op == Op::TryLock && self.took())
    }

    /// The mutex a `wait` lets go of or a `woken` holds again.
    pub fn mutex(&self) -> Option<usize> {
        self.b.as_deref()?.parse().ok()
    }
}

/// The first record in `stderr` (the one printed before the first panic).
pub fn parse(stderr: &str) -> Result<Record, NoRecord> {
    let start = stderr.find(format::BEGIN).ok_or(NoRecord::Absent)?;
    let mut lines = stderr[start..].lines();
    let mut record = Record::default();
    match lines.next().map(Line::parse) {
        Some(Ok(Line::Begin { version, dropped })) if version == VERSION => {
            record.dropped = dropped
        }
        Some(Ok(Line::Begin { version, .. })) => {
            return Err(NoRecord::Version(format!(
                "record version {version}, this grader reads {VERSION}"
            )));
        }
        _ => {
            return Err(NoRecord::Version(format!(
                "a record start this grader (version {VERSION}) cannot read"
            )));
        }
    }
    let opt = |s: &str| (s != NONE).then(|| s.to_string());
    for (n, text) in lines.enumerate() {
        let line = match Line::parse(text) {
            Ok(line) => line,
            Err(why) => {
                record
                    .rejected
                    .push(format!("line {}: {why}: {text:?}", n + 2));
                continue;
            }
        };
        match line {
            Line::End => return Ok(record),
            Line::Obj {
                number,
                kind,
                ty,
                loc,
                init,
            } if number == record.objects.len() + 1 => record.objects.push(Object {
                kind: kind.to_string(),
                ty: short_type(ty),
                loc: Loc::parse(loc),
                init: opt(init),
            }),
            Line::Step {
                thread,
                op,
                obj,
                order,
                a,
                b,
                loc,
                count,
            } => record.events.push(Event {
                thread,
                op,
                obj,
                order: opt(order),
                a: opt(a),
                b: opt(b),
                loc: Loc::parse(loc),
                count,
            }),
            Line::Wait {
                thread,
                op,
                obj,
                loc,
            } => record.waits.push(Wait {
                thread,
                op,
                obj,
                loc: Loc::parse(loc),
            }),
            Line::Obj { .. } => record
                .rejected
                .push(format!("line {}: an object out of order: {text:?}", n + 2)),
            Line::Begin { .. } => record
                .rejected
                .push(format!("line {}: a second record start: {text:?}", n + 2)),
        }
    }
    Err(NoRecord::Cut)
}

/// `alloc::collections::VecDeque<core::option::Option<u32>>` -> `VecDeque<Option<u32>>`.
pub fn short_type(ty: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in ty.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            out.push(c);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or(""));
    out
}

pub fn thread_label(thread: usize) -> String {
    if thread == 0 {
        "main".to_string()
    } else {
        format!("thread {thread}")
    }
}

/// Records for tests, written with the shim's own writer (`format::Line::write`), so a
/// fixture is always in the format the shim prints.
#[cfg(test)]
pub mod fixture {
    use super::format::{Line, Op, VERSION};

    pub struct Builder {
        out: String,
        objects: usize,
    }

    /// A record of `objects`: (kind, type, location, initial value or `-`).
    pub fn record(objects: &[(&str, &str, &str, &str)]) -> Builder {
        let mut out = String::new();
        Line::Begin {
            version: VERSION,
            dropped: 0,
        }
        .write(&mut out);
        let mut b = Builder { out, objects: 0 };
        for &(kind, ty, loc, init) in objects {
            b.objects += 1;
            Line::Obj {
                number: b.objects,
                kind,
                ty,
                loc,
                init,
            }
            .write(&mut b.out);
        }
        b
    }

    impl Builder {
        /// A step: thread, op, object, ordering, a, b (`-` for none), location.
        #[allow(clippy::too_many_arguments)]
        pub fn step(
            mut self,
            thread: usize,
            op: Op,
            obj: usize,
            order: &str,
            a: &str,
            b: &str,
            loc: &str,
        ) -> Builder {
            Line::Step {
                thread,
                op,
                obj,
                order,
                a,
                b,
                loc,
                count: 1,
            }
            .write(&mut self.out);
            self
        }

        pub fn wait(mut self, thread: usize, op: Op, obj: usize, loc: &str) -> Builder {
            Line::Wait {
                thread,
                op,
                obj,
                loc,
            }
            .write(&mut self.out);
            self
        }

        pub fn end(mut self) -> String {
            Line::End.write(&mut self.out);
            self.out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_shortened() {
        assert_eq!(
            short_type("alloc::collections::vec_deque::VecDeque<core::option::Option<u32>>"),
            "VecDeque<Option<u32>>"
        );
    }

    #[test]
    fn every_op_name_reads_back() {
        for &op in Op::ALL {
            assert_eq!(Op::from_name(op.name()), Some(op));
        }
        assert_eq!(Op::from_name("lokc"), None);
    }

    /// The shim's writer formats every kind of line; the parser reads back what was written.
    #[test]
    fn what_the_shim_writes_reads_back_equal() {
        let mut text = String::from("noise before\n");
        let mut expected = Record {
            dropped: 7,
            ..Record::default()
        };
        Line::Begin {
            version: VERSION,
            dropped: 7,
        }
        .write(&mut text);
        Line::Obj {
            number: 1,
            kind: "Mutex",
            ty: "alloc::vec::Vec<u32>",
            loc: "/w/a.rs:3:9",
            init: NONE,
        }
        .write(&mut text);
        expected.objects.push(Object {
            kind: "Mutex".into(),
            ty: "Vec<u32>".into(),
            loc: Loc::parse("/w/a.rs:3:9"),
            init: None,
        });
        for (i, &op) in Op::ALL.iter().enumerate() {
            Line::Step {
                thread: i % 3,
                op,
                obj: 1,
                order: if i % 2 == 0 { "SeqCst" } else { NONE },
                a: "true",
                b: "ptr#2",
                loc: "/w/a.rs:10:5",
                count: i + 1,
            }
            .write(&mut text);
            expected.events.push(Event {
                thread: i % 3,
                op,
                obj: 1,
                order: (i % 2 == 0).then(|| "SeqCst".into()),
                a: Some("true".into()),
                b: Some("ptr#2".into()),
                loc: Loc::parse("/w/a.rs:10:5"),
                count: i + 1,
            });
        }
        Line::Wait {
            thread: 2,
            op: Op::Join,
            obj: 1,
            loc: "/w/a.rs:11:5",
        }
        .write(&mut text);
        expected.waits.push(Wait {
            thread: 2,
            op: Op::Join,
            obj: 1,
            loc: Loc::parse("/w/a.rs:11:5"),
        });
        Line::End.write(&mut text);
        assert_eq!(parse(&text), Ok(expected));
    }

    #[test]
    fn lines_that_do_not_read_are_rejected_not_dropped() {
        let text = fixture::record(&[("AtomicBool", "bool", "/w/x.rs:1:1", "false")])
            .step(0, Op::Load, 1, "Relaxed", "false", "-", "/w/x.rs:2:1")
            .end()
            .replace(
                "WORKBOOK-EXPLAIN-END",
                "WORKBOOK-STEP\t0\tlaod\t1\tRelaxed\tfalse\t-\t/w/x.rs:2:1\t1\n\
                 WORKBOOK-STEP\t0\tload\t1\n\
                 stray learner output\nWORKBOOK-EXPLAIN-END",
            );
        let record = parse(&text).unwrap();
        assert_eq!(record.events.len(), 1);
        assert_eq!(record.rejected.len(), 3, "{:?}", record.rejected);
        assert!(record.rejected[0].contains("an unknown op"));
        assert!(record.rejected[1].contains("the wrong number of fields"));
        assert!(record.rejected[2].contains("not a record line"));
    }

    #[test]
    fn a_record_of_another_version_or_cut_short_is_not_read() {
        let text = fixture::record(&[]).end();
        assert!(parse(&text).is_ok());
        let other = text.replace(
            &format!("BEGIN\t{VERSION}\t"),
            &format!("BEGIN\t{}\t", VERSION + 1),
        );
        assert!(matches!(parse(&other), Err(NoRecord::Version(_))));
        assert_eq!(
            parse(text.trim_end().trim_end_matches(format::END)),
            Err(NoRecord::Cut)
        );
        assert_eq!(parse("no record here"), Err(NoRecord::Absent));
    }
}

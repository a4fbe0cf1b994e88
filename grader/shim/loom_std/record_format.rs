//! The record of a failing loom execution: the one definition of its lines, shared by the
//! side that writes it (the shim's recorder, `recorder.rs`, compiled into every loom build)
//! and the side that reads it (the grader's `explain::record`, which mounts this same file
//! with `#[path]`). An op name, a field or its position changes here or nowhere.
//!
//! Only `::core` / `::std` paths and no `crate::` paths: in a loom build `std` at the crate
//! root is the shim itself, and this file must mean the same in both crates.
//!
//! A record, tab-separated, one line each (`-` for "no value"):
//!
//! ```text
//! WORKBOOK-EXPLAIN-BEGIN  version  dropped
//! WORKBOOK-OBJ            number  kind  type  location  initial-value
//! WORKBOOK-STEP           thread  op  object  ordering  a  b  location  count
//! WORKBOOK-WAIT           thread  op  object  location
//! WORKBOOK-EXPLAIN-END
//! ```

use ::core::fmt::Write as _;

/// Bumped with every change to the lines: a grader never reads a record it was not built for.
pub const VERSION: u32 = 6;

pub const BEGIN: &str = "WORKBOOK-EXPLAIN-BEGIN";
pub const END: &str = "WORKBOOK-EXPLAIN-END";
pub const OBJ: &str = "WORKBOOK-OBJ";
pub const STEP: &str = "WORKBOOK-STEP";
pub const WAIT: &str = "WORKBOOK-WAIT";
/// A field with no value.
pub const NONE: &str = "-";

macro_rules! ops {
    ($($(#[doc = $doc:literal])* $op:ident = $name:literal,)*) => {
        /// What a thread did. For each op, what `a` and `b` hold (`-` when not listed).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Op {
            $($(#[doc = $doc])* $op,)*
        }

        impl Op {
            /// Every op, in the order declared.
            pub const ALL: &'static [Op] = &[$(Op::$op,)*];

            /// Its name in the record.
            pub fn name(self) -> &'static str {
                match self {
                    $(Op::$op => $name,)*
                }
            }

            pub fn from_name(name: &str) -> Option<Op> {
                match name {
                    $($name => Some(Op::$op),)*
                    _ => None,
                }
            }
        }
    };
}

ops! {
    /// Object: the new thread's number.
    Spawn = "spawn",
    /// Object: the thread joined.
    Join = "join",
    /// a: the value read.
    Load = "load",
    /// a: the value stored.
    Store = "store",
    /// a: the old value, b: the new one.
    Swap = "swap",
    /// a: the old value, b: the new one (as for every `fetch_` op).
    FetchAdd = "fetch_add",
    FetchSub = "fetch_sub",
    FetchAnd = "fetch_and",
    FetchNand = "fetch_nand",
    FetchOr = "fetch_or",
    FetchXor = "fetch_xor",
    FetchMax = "fetch_max",
    FetchMin = "fetch_min",
    FetchUpdate = "fetch_update",
    /// A compare-exchange that succeeded: a: the old value, b: the new one.
    Cas = "cas",
    /// A compare-exchange that failed: a: the value found, b: the one expected.
    CasFail = "cas_fail",
    /// A weak compare-exchange that failed spuriously (the value matched): a: the value
    /// found, b: the one expected.
    CasSpurious = "cas_spurious",
    /// Object 0.
    Fence = "fence",
    Lock = "lock",
    Read = "read",
    Write = "write",
    /// a: `true` when it took the lock.
    TryLock = "try_lock",
    TryRead = "try_read",
    TryWrite = "try_write",
    /// Location: where the lock was taken (a guard's drop has no caller of its own).
    Unlock = "unlock",
    ReadUnlock = "read_unlock",
    WriteUnlock = "write_unlock",
    /// Object: the condvar; b: the mutex it lets go of.
    Wait = "wait",
    /// Object: the condvar; b: the mutex it holds again.
    Woken = "woken",
    /// A wait that returned without a notify (a spurious wakeup, which std allows at any
    /// time). Object: the condvar; b: the mutex it holds again.
    Spurious = "spurious",
    /// A timed wait that timed out (time may run out at any point on real threads). Object:
    /// the condvar, b: the mutex it holds again; or object 0 for `park_timeout`.
    TimedOut = "timed_out",
    NotifyOne = "notify_one",
    NotifyAll = "notify_all",
    /// `thread::park()`, object 0: blocks until an unpark (a WAIT line when it never comes).
    Park = "park",
    /// `thread::park_timeout(d)`, object 0: as `park`, or `timed_out` when it times out.
    ParkTimeout = "park_timeout",
    /// `Thread::unpark()`. Object: the number of the thread unparked.
    Unpark = "unpark",
    /// Object: the `UnsafeCell`. A `get()`, checked as a write (see `cell.rs`).
    CellGet = "cell_get",
    /// Object: the `UnsafeCell`. A `get()` at a site that only reads through the pointer,
    /// checked as a read (see `cell.rs`).
    CellRead = "cell_read",
    CellGetMut = "cell_get_mut",
    CellIntoInner = "cell_into_inner",
    /// Object: an atomic or `UnsafeCell` dropped (its memory freed, or about to be); printed
    /// only in a record that has a `used_freed` (see `freed.rs`). Location: the shim's.
    Freed = "freed",
    /// Object: the atomic or `UnsafeCell` used after it was dropped (0: one this execution
    /// did not see dropped). Location: the use.
    UsedFreed = "used_freed",
}

/// One line of a record, its fields as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line<'a> {
    /// `dropped`: operations recorded before the first step printed (a long run cut short).
    Begin {
        version: u32,
        dropped: usize,
    },
    /// Objects are numbered from 1 in the order they were created.
    Obj {
        number: usize,
        kind: &'a str,
        ty: &'a str,
        loc: &'a str,
        init: &'a str,
    },
    /// `count`: how many identical operations in a row this line stands for.
    Step {
        thread: usize,
        op: Op,
        obj: usize,
        order: &'a str,
        a: &'a str,
        b: &'a str,
        loc: &'a str,
        count: usize,
    },
    /// What a thread was blocked in when the execution ended.
    Wait {
        thread: usize,
        op: Op,
        obj: usize,
        loc: &'a str,
    },
    End,
}

impl<'a> Line<'a> {
    /// Appends the line and its newline to `out`.
    pub fn write(&self, out: &mut ::std::string::String) {
        let _ = match *self {
            Line::Begin { version, dropped } => writeln!(out, "{BEGIN}\t{version}\t{dropped}"),
            Line::Obj {
                number,
                kind,
                ty,
                loc,
                init,
            } => writeln!(out, "{OBJ}\t{number}\t{kind}\t{ty}\t{loc}\t{init}"),
            Line::Step {
                thread,
                op,
                obj,
                order,
                a,
                b,
                loc,
                count,
            } => writeln!(
                out,
                "{STEP}\t{thread}\t{}\t{obj}\t{order}\t{a}\t{b}\t{loc}\t{count}",
                op.name()
            ),
            Line::Wait {
                thread,
                op,
                obj,
                loc,
            } => writeln!(out, "{WAIT}\t{thread}\t{}\t{obj}\t{loc}", op.name()),
            Line::End => writeln!(out, "{END}"),
        };
    }

    /// One line (without its newline), or why it is not one.
    pub fn parse(line: &'a str) -> ::core::result::Result<Line<'a>, &'static str> {
        let f: ::std::vec::Vec<&'a str> = line.split('\t').collect();
        let num = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| "a number field is not a number")
        };
        let op = |s: &str| Op::from_name(s).ok_or("an unknown op");
        match f.as_slice() {
            [BEGIN, version, dropped] => Ok(Line::Begin {
                version: version.parse().map_err(|_| "the version is not a number")?,
                dropped: num(dropped)?,
            }),
            [OBJ, number, kind, ty, loc, init] => Ok(Line::Obj {
                number: num(number)?,
                kind,
                ty,
                loc,
                init,
            }),
            [STEP, thread, o, obj, order, a, b, loc, count] => Ok(Line::Step {
                thread: num(thread)?,
                op: op(o)?,
                obj: num(obj)?,
                order,
                a,
                b,
                loc,
                count: num(count)?,
            }),
            [WAIT, thread, o, obj, loc] => Ok(Line::Wait {
                thread: num(thread)?,
                op: op(o)?,
                obj: num(obj)?,
                loc,
            }),
            [END] => Ok(Line::End),
            [BEGIN | OBJ | STEP | WAIT | END, ..] => Err("the wrong number of fields"),
            _ => Err("not a record line"),
        }
    }
}

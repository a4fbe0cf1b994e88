//! The recorder behind explained interleavings (mounted as `std::__workbook`). Grader-owned
//! models call `crate::std::__workbook::model` instead of `loom::model`: same exploration,
//! plus a fresh log at the start of every execution and, when the model fails (an execution
//! panics with an assertion, or loom's deadlock report, and the panic ends the model), that
//! execution's log printed to stderr before the panic message (which the runner holds until
//! the check ends), in the lines `record_format.rs` defines, for the grader to parse. A panic
//! caught inside the model (by a check's or the learner's `catch_unwind`) prints nothing: the
//! model went on, and nothing is recorded while a panic unwinds, so the log a failing model
//! ends with is its failing execution's, as it stood when the failing panic was raised. Set
//! `WORKBOOK_EXPLAIN=0` to record nothing (for measuring what recording costs).
//!
//! The log lives in a real std static because loom runs its threads one at a time on one OS
//! thread, and it is keyed on nothing but this file, so the shim may be compiled once per
//! crate or once per exercise.

pub use super::record_format::Op;
use super::record_format::{Line, NONE, VERSION};
use ::std::fmt::Write as _;
use ::std::panic::Location;
use ::std::sync::atomic::{AtomicBool, Ordering};
use ::std::sync::{Mutex, MutexGuard, Once};

pub type Loc = &'static Location<'static>;

/// Values stay raw until a failing execution is printed: formatting every operation of
/// every passing execution would cost more than the model check itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Value {
    None,
    Bool(bool),
    Int(i128),
    Ptr(usize),
}

pub trait ToValue: Copy {
    fn value(self) -> Value;
}

impl ToValue for bool {
    fn value(self) -> Value {
        Value::Bool(self)
    }
}

macro_rules! int_value {
    ($($t:ty),*) => {
        $(impl ToValue for $t {
            fn value(self) -> Value {
                Value::Int(self as i128)
            }
        })*
    };
}
int_value!(usize, isize, u8, u16, u32, u64, i8, i16, i32, i64);

impl<T> ToValue for *mut T {
    fn value(self) -> Value {
        Value::Ptr(self as usize)
    }
}

#[derive(Clone, Copy)]
struct Event {
    thread: usize,
    op: Op,
    obj: u32,
    order: Option<Ordering>,
    a: Value,
    b: Value,
    loc: Loc,
    count: u32,
}

struct Object {
    kind: &'static str,
    ty: &'static str,
    loc: Loc,
    init: Value,
}

/// An operation a thread has started and not finished: what it is blocked in, if the
/// execution ends in a deadlock.
#[derive(Clone, Copy)]
struct Wait {
    op: Op,
    obj: u32,
    loc: Loc,
}

/// loom allows at most this many threads (loom::MAX_THREADS).
const THREADS: usize = 8;

struct Log {
    /// loom's thread ids (new in every execution) and their numbers.
    ids: Vec<(::loom::thread::ThreadId, usize)>,
    events: Vec<Event>,
    objects: Vec<Object>,
    /// By thread number.
    waits: [Option<Wait>; THREADS],
    threads: usize,
    dropped: usize,
    printed: bool,
    /// Operations recorded in this execution, and how many there were at its latest panic.
    ops: u64,
    ops_at_panic: u64,
    /// The message of the panic this execution's failure started with (`note_panic`).
    failure: Option<String>,
}

/// A spin loop can run for thousands of steps; only the end of the story matters.
const MAX_EVENTS: usize = 20_000;
/// Events printed at most: the grader shows fewer, and a long record must not crowd the
/// panic message out of the output the grader keeps.
const PRINTED_EVENTS: usize = 300;

static ON: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Log> = Mutex::new(Log {
    ids: Vec::new(),
    events: Vec::new(),
    objects: Vec::new(),
    waits: [None; THREADS],
    threads: 0,
    dropped: 0,
    printed: false,
    ops: 0,
    ops_at_panic: 0,
    failure: None,
});
static HOOK: Once = Once::new();

/// The messages std panics with just before it aborts the process (the runner's list too).
const ABORTS: [&str; 2] = [
    "panic in a destructor during cleanup",
    "panic in a function that cannot unwind",
];

fn log() -> MutexGuard<'static, Log> {
    LOG.lock().unwrap_or_else(|e| e.into_inner())
}

/// Nothing is recorded while unwinding: destructors after a failure are not the story.
#[inline]
fn active() -> bool {
    ON.load(Ordering::Relaxed) && !::std::thread::panicking()
}

/// loom's thread number (0 is the model's main thread). Only its Debug form shows it,
/// and formatting for every recorded operation would cost more than the rest of the
/// recording: each thread's id is formatted once per execution and then looked up.
fn thread_id(log: &mut Log) -> usize {
    number(log, ::loom::thread::current().id())
}

/// The number of loom's thread `id`.
fn number(log: &mut Log, id: ::loom::thread::ThreadId) -> usize {
    for &(known, n) in &log.ids {
        if known == id {
            return n;
        }
    }
    struct Digits(usize);
    impl ::std::fmt::Write for Digits {
        fn write_str(&mut self, s: &str) -> ::std::fmt::Result {
            for b in s.bytes() {
                if b.is_ascii_digit() {
                    self.0 = self.0 * 10 + usize::from(b - b'0');
                }
            }
            Ok(())
        }
    }
    let mut n = Digits(0);
    let _ = write!(n, "{id:?}");
    log.ids.push((id, n.0));
    n.0
}

/// `loom::model`, recording each execution.
pub fn model<F>(f: F)
where
    F: Fn() + Sync + Send + 'static,
{
    // Only this line is compiled with each model's closure: the body below, and loom's
    // explorer it calls, are compiled once with the shim's crate (harness/runtime.rs).
    model_dyn(::std::sync::Arc::new(f))
}

fn model_dyn(f: ::std::sync::Arc<dyn Fn() + Sync + Send>) {
    HOOK.call_once(|| {
        let previous = ::std::panic::take_hook();
        ::std::panic::set_hook(Box::new(move |info| {
            // The process aborts after this panic (one in a destructor while unwinding): the
            // model will not end, so its record is printed now.
            if info
                .payload_as_str()
                .is_some_and(|m| ABORTS.contains(&m))
            {
                print_failing();
            }
            note_panic(info);
            previous(info)
        }));
    });
    fatal::chain();
    let on = ::std::env::var_os("WORKBOOK_EXPLAIN").is_none_or(|v| v != "0");
    ON.store(on, Ordering::Relaxed);
    // Twice when it waited on a condvar (the second time with spurious wakeups), and within
    // each, twice when a weak compare-exchange succeeded (the second pass makes them fail
    // spuriously).
    let f = ::std::sync::Arc::new(f);
    let ended = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
        super::sync::__two_passes(&|| {
            super::sync::atomic::passes(|| {
                let f = ::std::sync::Arc::clone(&f);
                builder().check(move || {
                    reset();
                    fatal::first();
                    f()
                })
            })
        })
    }));
    // The model failed (loom stops at the first failing execution, and the log still holds
    // it). It ends with the payload of the last panic, which may be one loom raised while
    // unwinding from the failure (a cancelled thread touching loom's state): then it ends
    // with the failure's own message, which is what the runner prints (it matches panics by
    // message).
    if let Err(payload) = ended {
        let failure = log().failure.take();
        let ended_with = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        let payload = match failure {
            Some(failure) if ended_with != Some(failure.as_str()) => {
                Box::new(failure) as Box<dyn ::std::any::Any + Send>
            }
            _ => payload,
        };
        print_failing();
        ON.store(false, Ordering::Relaxed);
        ::std::panic::resume_unwind(payload);
    }
    ON.store(false, Ordering::Relaxed);
}

/// A fatal signal while a failing execution unwinds (glibc's `abort` on a double free in the
/// learner's structure, a write through a bad pointer in a destructor): the model will not
/// end, so its record is printed now, before the runner's handler (installed first, called
/// next) prints the panic it held. On the runner's alternate signal stack (the runner's
/// `fatal`): a loom thread runs on a small stack of its own, which the unwinding has mostly
/// used. loom's coroutine crate installs a SIGSEGV and SIGBUS handler of its own when it
/// makes its first coroutine (to report a coroutine's stack overflow; any other fault it hands
/// back after capturing a backtrace, which overflows that stack): so at the start of each
/// execution, this one is put first again (`first`), still chained to the runner's.
#[cfg(target_os = "linux")]
mod fatal {
    use ::std::sync::Once;
    use ::std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// SIGBUS, SIGABRT, SIGSEGV on Linux.
    const SIGNALS: [i32; 3] = [7, 6, 11];
    const SIG_DFL: usize = 0;
    const SIG_IGN: usize = 1;
    const SA_ONSTACK: i32 = 0x0800_0000;
    static PREVIOUS: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];
    static CHAINED: Once = Once::new();
    /// Whether this handler was put first again after the coroutine crate's.
    static FIRST: AtomicBool = AtomicBool::new(false);

    /// Linux's `struct sigaction` (glibc, 64-bit): handler, mask, flags, restorer.
    #[repr(C)]
    struct SigAction {
        handler: usize,
        mask: [u64; 16],
        flags: i32,
        restorer: usize,
    }

    unsafe extern "C" {
        fn sigaction(signum: i32, act: *const SigAction, old: *mut SigAction) -> i32;
    }

    /// Installs `handler` for `sig` on the alternate stack; the handler it replaces.
    fn install(sig: i32, handler: usize) -> usize {
        let act = SigAction {
            handler,
            mask: [0; 16],
            flags: SA_ONSTACK,
            restorer: 0,
        };
        let mut old = SigAction {
            handler: SIG_DFL,
            mask: [0; 16],
            flags: 0,
            restorer: 0,
        };
        // SAFETY: both point to live `struct sigaction`s of this layout.
        unsafe { sigaction(sig, &act, &mut old) };
        old.handler
    }

    fn current(sig: i32) -> usize {
        let mut old = SigAction {
            handler: SIG_DFL,
            mask: [0; 16],
            flags: 0,
            restorer: 0,
        };
        // SAFETY: a query: no new action, `old` is a live `struct sigaction`.
        unsafe { sigaction(sig, ::std::ptr::null(), &mut old) };
        old.handler
    }

    fn ours() -> usize {
        handler as extern "C" fn(i32) as usize
    }

    pub(super) fn chain() {
        CHAINED.call_once(|| {
            for (i, sig) in SIGNALS.into_iter().enumerate() {
                PREVIOUS[i].store(install(sig, ours()), Ordering::SeqCst);
            }
        });
    }

    /// At the start of an execution: this handler first again wherever another replaced it
    /// (the coroutine crate's, once), still chained to the one it replaced first.
    pub(super) fn first() {
        if FIRST.load(Ordering::Relaxed) {
            return;
        }
        for sig in SIGNALS {
            if current(sig) != ours() {
                install(sig, ours());
                FIRST.store(true, Ordering::Relaxed);
            }
        }
    }

    extern "C" fn handler(sig: i32) {
        let failing = super::LOG.try_lock().is_ok_and(|log| log.failure.is_some());
        if failing {
            super::print_failing();
        }
        let previous = SIGNALS
            .iter()
            .position(|s| *s == sig)
            .map_or(SIG_DFL, |i| PREVIOUS[i].load(Ordering::SeqCst));
        if previous == SIG_DFL || previous == SIG_IGN || previous == usize::MAX {
            // Back to the default, so that returning ends the process.
            install(sig, SIG_DFL);
        } else {
            // SAFETY: `previous` is the handler `sigaction` returned for this signal.
            let previous: extern "C" fn(i32) = unsafe { ::std::mem::transmute(previous) };
            previous(sig);
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod fatal {
    pub(super) fn chain() {}
    pub(super) fn first() {}
}

/// A panic in this execution: the one a failure starts with, unless it is one that loom's
/// own crates raised with no operation since the previous panic (loom unwinding from that
/// failure). A panic the model caught is followed by operations (or by a panic of the
/// model's own code), so the next failure replaces it.
fn note_panic(info: &::std::panic::PanicHookInfo<'_>) {
    let Ok(mut log) = LOG.try_lock() else { return };
    let inside_the_checker = info
        .location()
        .is_some_and(|l| l.file().contains("/registry/src/"));
    let secondary = inside_the_checker && log.failure.is_some() && log.ops == log.ops_at_panic;
    if !secondary {
        log.failure = Some(
            info.payload_as_str()
                .unwrap_or("Box<dyn Any>")
                .to_string(),
        );
    }
    log.ops_at_panic = log.ops;
}

/// The call sites of the build's learner files at which `UnsafeCell::get()` only reads (the
/// grader's generated `fn main` passes them, sorted by line, column and file: see `cell.rs`).
pub fn cell_reads(table: &'static [(&'static str, u32, u32)]) {
    super::cell::set_reads(table);
}

/// For grader-owned checks: `f` reads the cell through the pointer, checked as a read (loom's
/// `with`) for as long as it runs. Do no atomic or lock operation inside `f`.
#[track_caller]
pub fn cell_read<T: ?Sized, R>(
    cell: &super::cell::UnsafeCell<T>,
    f: impl FnOnce(*const T) -> R,
) -> R {
    cell.read_with(f)
}

/// For grader-owned checks: `f` writes the cell through the pointer, checked as a write
/// (loom's `with_mut`) for as long as it runs. Do no atomic or lock operation inside `f`.
#[track_caller]
pub fn cell_write<T: ?Sized, R>(
    cell: &super::cell::UnsafeCell<T>,
    f: impl FnOnce(*mut T) -> R,
) -> R {
    cell.write_with(f)
}

/// The runner's argument that carries the exercise's preemption bound (grader/src/checks/
/// loom.rs passes it; the runner accepts it).
pub const PREEMPTIONS_ARG: &str = "--loom-preemptions";
/// The bound when a model is run by hand without that argument: the catalogue's default.
const DEFAULT_PREEMPTIONS: usize = 2;

/// The model's settings, every one fixed here. `loom::model` takes them from `LOOM_*`
/// environment variables, which the learner's code could set before a model starts (a
/// constructor run before `main`): a bound of 0 preemptions, or a short `max_duration`, would
/// explore almost nothing and pass. `Builder::new()` still reads them (its fields are
/// `non_exhaustive`), so each field is overwritten; the bound comes from the process's
/// arguments, which nothing in the process can change.
fn builder() -> ::loom::model::Builder {
    let mut args = ::std::env::args();
    let mut preemptions = DEFAULT_PREEMPTIONS;
    while let Some(arg) = args.next() {
        if arg == PREEMPTIONS_ARG {
            preemptions = args
                .next()
                .and_then(|n| n.parse().ok())
                .expect("--loom-preemptions takes a number");
        }
    }
    let mut b = ::loom::model::Builder::new();
    // loom's defaults for threads and thread switches (the branch bound catches endless spins).
    b.max_threads = 5;
    // A spurious pass explores at most one switch (see `atomic::pass_bound`).
    b.preemption_bound = Some(super::sync::atomic::pass_bound(preemptions));
    b.max_branches = 1_000;
    b.max_permutations = None;
    b.max_duration = None;
    b.checkpoint_file = None;
    b.checkpoint_interval = 20_000;
    b.expect_explicit_explore = false;
    // Every operation's location, for the explained schedule (what LOOM_LOCATION=1 set).
    b.location = true;
    b.log = false;
    b
}

fn reset() {
    super::thread::new_execution();
    super::freed::new_execution();
    let mut log = log();
    log.ops = 0;
    log.ops_at_panic = 0;
    log.failure = None;
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    log.ids.clear();
    log.events.clear();
    log.objects.clear();
    log.waits = [None; THREADS];
    log.threads = 0;
    log.dropped = 0;
    log.printed = false;
}

/// A new lock, condvar or atomic: its number in this execution (0 when not recording).
pub fn object(kind: &'static str, ty: &'static str, loc: Loc, init: Value) -> u32 {
    if !active() {
        return 0;
    }
    let mut log = log();
    log.objects.push(Object {
        kind,
        ty,
        loc,
        init,
    });
    log.objects.len() as u32
}

pub fn event(op: Op, obj: u32, order: Option<Ordering>, a: Value, b: Value, loc: Loc) {
    if active() {
        let mut log = log();
        let thread = thread_id(&mut log);
        push(&mut log, thread, op, obj, order, a, b, loc);
    }
}

fn push(
    log: &mut Log,
    thread: usize,
    op: Op,
    obj: u32,
    order: Option<Ordering>,
    a: Value,
    b: Value,
    loc: Loc,
) {
    log.ops += 1;
    let event = Event {
        thread,
        op,
        obj,
        order,
        a,
        b,
        loc,
        count: 1,
    };
    // Cheap comparisons only (the shim is compiled without optimisation): the same
    // static strings and locations are the same pointers.
    if let Some(last) = log.events.last_mut() {
        if last.thread == thread
            && last.obj == obj
            && last.op == op
            && ::std::ptr::eq(last.loc, loc)
            && last.a == a
            && last.b == b
            && last.order == order
        {
            last.count += 1;
            return;
        }
    }
    if log.events.len() >= MAX_EVENTS {
        log.events.drain(..MAX_EVENTS / 2);
        log.dropped += MAX_EVENTS / 2;
    }
    log.events.push(event);
}

/// Before an operation that may block: remembered until `done`.
pub fn wait(op: Op, obj: u32, loc: Loc) -> usize {
    if !active() {
        return usize::MAX;
    }
    let mut log = log();
    let thread = thread_id(&mut log);
    if let Some(w) = log.waits.get_mut(thread) {
        *w = Some(Wait { op, obj, loc });
    }
    thread
}

/// The blocking operation `wait` announced has finished; records it as an event.
pub fn done(thread: usize, op: Op, obj: u32, b: Value, loc: Loc) {
    if thread == usize::MAX || !active() {
        return;
    }
    let mut log = log();
    if let Some(w) = log.waits.get_mut(thread) {
        *w = None;
    }
    push(&mut log, thread, op, obj, None, Value::None, b, loc);
}

/// A notify. Which waiters it woke the grader reads from the `woken` events after it.
pub fn notify(op: Op, obj: u32, loc: Loc) {
    event(op, obj, None, Value::None, Value::None, loc);
}

/// An unpark of thread `target`: recorded with that thread's number as its object.
pub fn unpark(target: ::loom::thread::ThreadId, loc: Loc) {
    if active() {
        let mut log = log();
        let thread = thread_id(&mut log);
        let obj = number(&mut log, target) as u32;
        push(&mut log, thread, Op::Unpark, obj, None, Value::None, Value::None, loc);
    }
}

/// A spawn, recorded before loom runs it (the new thread may run first): its number.
pub fn spawn(loc: Loc) -> u32 {
    if !active() {
        return 0;
    }
    let mut log = log();
    let thread = thread_id(&mut log);
    log.threads += 1;
    let child = log.threads;
    push(
        &mut log,
        thread,
        Op::Spawn,
        child as u32,
        None,
        Value::None,
        Value::None,
        loc,
    );
    child as u32
}

fn print_failing() {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    // A panic while the log is locked would deadlock here: then there is nothing to say.
    let Ok(mut log) = LOG.try_lock() else { return };
    if log.printed {
        return;
    }
    log.printed = true;
    let mut pointers: Vec<usize> = Vec::new();
    // Addresses differ from run to run: numbered by first appearance, the output does not.
    let mut value = |v: Value| match v {
        Value::None => NONE.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Ptr(0) => "null".to_string(),
        Value::Ptr(p) => {
            let n = match pointers.iter().position(|&q| q == p) {
                Some(n) => n,
                None => {
                    pointers.push(p);
                    pointers.len() - 1
                }
            };
            format!("ptr#{}", n + 1)
        }
    };
    let order = |o: Option<Ordering>| o.map_or(NONE.to_string(), |o| format!("{o:?}"));
    // Drops are the story only of a use after free.
    if !log.events.iter().any(|e| e.op == Op::UsedFreed) {
        log.events.retain(|e| e.op != Op::Freed);
    }
    let skip = log.events.len().saturating_sub(PRINTED_EVENTS);
    let mut out = String::new();
    Line::Begin {
        version: VERSION,
        dropped: log.dropped + skip,
    }
    .write(&mut out);
    for (i, o) in log.objects.iter().enumerate() {
        Line::Obj {
            number: i + 1,
            kind: o.kind,
            ty: o.ty,
            loc: &o.loc.to_string(),
            init: &value(o.init),
        }
        .write(&mut out);
    }
    for e in &log.events[skip..] {
        Line::Step {
            thread: e.thread,
            op: e.op,
            obj: e.obj as usize,
            order: &order(e.order),
            a: &value(e.a),
            b: &value(e.b),
            loc: &e.loc.to_string(),
            count: e.count as usize,
        }
        .write(&mut out);
    }
    for (thread, w) in log.waits.iter().enumerate() {
        if let Some(w) = w {
            Line::Wait {
                thread,
                op: w.op,
                obj: w.obj as usize,
                loc: &w.loc.to_string(),
            }
            .write(&mut out);
        }
    }
    Line::End.write(&mut out);
    eprint!("{out}");
}

//! `std::thread` in a loom build: loom's threads, recording spawns, joins, parks and
//! unparks. Time does not pass in a model: `sleep` is a chance for other threads to run, and
//! `park_timeout` is `park` (a thread that is never unparked is reported as blocked, where
//! std's would wake up after the timeout), except in the pass with timeouts
//! (`condvar.rs`), where it times out at once (the first at a line; the same thread's retry
//! there parks for real). loom's `park` never returns spuriously either, though std's may: a
//! loop that re-checks its condition is still needed.

pub use ::loom::thread::{ThreadId, yield_now};
pub use ::std::thread::{Result, panicking};

use super::__workbook::{self as wb, Op};
use ::std::fmt;
use ::std::panic::Location;

/// loom's `Thread`, recording `unpark`.
#[derive(Clone, Debug)]
pub struct Thread {
    inner: ::loom::thread::Thread,
}

impl Thread {
    pub fn id(&self) -> ThreadId {
        self.inner.id()
    }

    pub fn name(&self) -> Option<&str> {
        self.inner.name()
    }

    #[track_caller]
    pub fn unpark(&self) {
        wb::unpark(self.inner.id(), Location::caller());
        self.inner.unpark();
    }
}

/// The current thread.
pub fn current() -> Thread {
    Thread {
        inner: ::loom::thread::current(),
    }
}

/// Blocks until this thread is unparked (loom's `park`, recorded).
#[track_caller]
pub fn park() {
    parked(Op::Park);
}

/// `park`, or at once in the pass with timeouts (see the file's header).
#[track_caller]
pub fn park_timeout(_: ::std::time::Duration) {
    let loc = Location::caller();
    if super::sync::times_out(loc) {
        let thread = wb::wait(Op::ParkTimeout, 0, loc);
        wb::done(thread, Op::TimedOut, 0, wb::Value::None, loc);
        return;
    }
    parked(Op::ParkTimeout);
}

#[track_caller]
fn parked(op: Op) {
    let loc = Location::caller();
    let thread = wb::wait(op, 0, loc);
    ::loom::thread::park();
    wb::done(thread, op, 0, wb::Value::None, loc);
}

/// loom's `JoinHandle`, recording the join.
pub struct JoinHandle<T> {
    inner: ::loom::thread::JoinHandle<T>,
    thread: Thread,
    id: u32,
    finished: Finished,
}

/// Whether a spawned thread's closure has ended (returned or unwound), for `is_finished`,
/// which loom's `JoinHandle` lacks. A plain (not modelled) flag: std's `is_finished` orders
/// nothing (a thread that polls it must still `join` to see the thread's writes), and a
/// modelled one would add a step to every thread of every model. Only one thread runs at a
/// time in a model, so the flag is exactly where the schedule is.
#[derive(Clone, Default)]
struct Finished(::std::sync::Arc<::std::sync::atomic::AtomicBool>);

/// Sets its flag when the thread's closure ends, by returning or by unwinding.
struct SetOnDrop(Finished);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        (self.0).0.store(true, ::std::sync::atomic::Ordering::SeqCst);
    }
}

impl Finished {
    /// `f`, setting the flag once it has ended.
    fn wrap<F, T>(&self, f: F) -> impl FnOnce() -> T + use<F, T>
    where
        F: FnOnce() -> T,
    {
        let set = SetOnDrop(self.clone());
        move || {
            let _set = set;
            f()
        }
    }
}

impl<T> JoinHandle<T> {
    fn new(inner: ::loom::thread::JoinHandle<T>, id: u32, finished: Finished) -> JoinHandle<T> {
        let thread = Thread {
            inner: inner.thread().clone(),
        };
        JoinHandle {
            inner,
            thread,
            id,
            finished,
        }
    }

    /// Whether the thread's closure has ended (std's `JoinHandle::is_finished`). While it
    /// has not, the call lets the other threads run (as `yield_now`), so that a loop polling
    /// it makes progress in the model, where threads take turns.
    pub fn is_finished(&self) -> bool {
        let done = self.finished.0.load(::std::sync::atomic::Ordering::SeqCst);
        if !done {
            ::loom::thread::yield_now();
        }
        done
    }

    #[track_caller]
    pub fn join(self) -> Result<T> {
        let loc = Location::caller();
        let thread = wb::wait(Op::Join, self.id, loc);
        let r = self.inner.join();
        wb::done(thread, Op::Join, self.id, wb::Value::None, loc);
        r
    }

    pub fn thread(&self) -> &Thread {
        &self.thread
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JoinHandle { .. }")
    }
}

#[track_caller]
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + 'static,
    T: 'static,
{
    let id = wb::spawn(Location::caller());
    let finished = Finished::default();
    JoinHandle::new(::loom::thread::spawn(finished.wrap(f)), id, finished)
}

/// loom's `Builder`, returning the recording `JoinHandle`.
#[derive(Debug)]
pub struct Builder(::loom::thread::Builder);

impl Builder {
    pub fn new() -> Builder {
        Builder(::loom::thread::Builder::new())
    }

    pub fn name(self, name: String) -> Builder {
        Builder(self.0.name(name))
    }

    pub fn stack_size(self, size: usize) -> Builder {
        Builder(self.0.stack_size(size))
    }

    #[track_caller]
    pub fn spawn<F, T>(self, f: F) -> ::std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let id = wb::spawn(Location::caller());
        let finished = Finished::default();
        Ok(JoinHandle::new(
            self.0.spawn(finished.wrap(f))?,
            id,
            finished,
        ))
    }
}

/// Time does not pass in a model: sleeping is a chance for other threads to run.
pub fn sleep(_: ::std::time::Duration) {
    ::loom::thread::yield_now();
}

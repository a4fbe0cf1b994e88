//! `std::thread` in a loom build: loom's threads, recording spawns, joins, parks and
//! unparks. Time does not pass in a model: `sleep` is a chance for other threads to run, and
//! `park_timeout` never times out (it is `park`: a thread that is never unparked is reported
//! as blocked, where std's would wake up after the timeout). loom's `park` never returns
//! spuriously either, though std's may: a loop that re-checks its condition is still needed.

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

/// `park`: the model never times out (see the file's header).
#[track_caller]
pub fn park_timeout(_: ::std::time::Duration) {
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
}

impl<T> JoinHandle<T> {
    fn new(inner: ::loom::thread::JoinHandle<T>, id: u32) -> JoinHandle<T> {
        let thread = Thread {
            inner: inner.thread().clone(),
        };
        JoinHandle { inner, thread, id }
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
    JoinHandle::new(::loom::thread::spawn(f), id)
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
        Ok(JoinHandle::new(self.0.spawn(f)?, id))
    }
}

/// Time does not pass in a model: sleeping is a chance for other threads to run.
pub fn sleep(_: ::std::time::Duration) {
    ::loom::thread::yield_now();
}

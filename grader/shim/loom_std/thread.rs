//! `std::thread` in a loom build: loom's threads, recording spawns and joins.

pub use ::loom::thread::{Thread, current, park, yield_now};
pub use ::std::thread::{Result, ThreadId, panicking};

use super::__workbook::{self as wb, Op};
use ::std::fmt;
use ::std::panic::Location;

/// loom's `JoinHandle`, recording the join.
pub struct JoinHandle<T> {
    inner: ::loom::thread::JoinHandle<T>,
    id: u32,
}

impl<T> JoinHandle<T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        let loc = Location::caller();
        let thread = wb::wait(Op::Join, self.id, loc);
        let r = self.inner.join();
        wb::done(thread, Op::Join, self.id, wb::Value::None, loc);
        r
    }

    pub fn thread(&self) -> &Thread {
        self.inner.thread()
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
    JoinHandle {
        inner: ::loom::thread::spawn(f),
        id,
    }
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
        Ok(JoinHandle {
            inner: self.0.spawn(f)?,
            id,
        })
    }
}

/// Time does not pass in a model: sleeping is a chance for other threads to run.
pub fn sleep(_: ::std::time::Duration) {
    ::loom::thread::yield_now();
}

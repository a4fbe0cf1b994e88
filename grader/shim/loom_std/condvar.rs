//! std's `Condvar` in a loom build, over loom's (which has no `wait_while`), recording
//! waits, wakeups and notifies.

use super::super::__workbook::{self as wb, Op, Value};
use super::{MutexGuard, WaitTimeoutResult};
use ::std::fmt;
use ::std::panic::Location;

/// A wait under way: the mutex it let go of, the waiting thread, the learner's line.
struct Waiting {
    mutex: u32,
    thread: usize,
    loc: wb::Loc,
}

/// std's `Condvar` API over loom's (which has no `wait_while`), recording waits and
/// notifies.
pub struct Condvar {
    id: u32,
    inner: ::loom::sync::Condvar,
}

impl Condvar {
    #[track_caller]
    pub fn new() -> Condvar {
        let inner = ::loom::sync::Condvar::new();
        let id = wb::object("Condvar", "", Location::caller(), Value::None);
        Condvar { id, inner }
    }

    // The loom call stays in each method, not in a shared closure: `#[track_caller]` does
    // not reach into closures, and loom must see the learner's line.
    #[track_caller]
    pub fn wait<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
    ) -> ::std::sync::LockResult<MutexGuard<'a, T>> {
        let (inner, waiting) = self.begin_wait(guard);
        let inner = self
            .inner
            .wait(inner)
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        Ok(self.end_wait(inner, waiting))
    }

    #[track_caller]
    pub fn wait_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut condition: F,
    ) -> ::std::sync::LockResult<MutexGuard<'a, T>>
    where
        F: FnMut(&mut T) -> bool,
    {
        while condition(&mut *guard) {
            guard = self.wait(guard)?;
        }
        Ok(guard)
    }

    #[track_caller]
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: ::std::time::Duration,
    ) -> ::std::sync::LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let (inner, waiting) = self.begin_wait(guard);
        let (inner, timeout) = self
            .inner
            .wait_timeout(inner, dur)
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        Ok((self.end_wait(inner, waiting), timeout))
    }

    /// Every wait starts here: recorded as `wait` (letting go of the mutex) and announced as
    /// blocking; loom's guard to wait with.
    #[track_caller]
    fn begin_wait<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
    ) -> (::loom::sync::MutexGuard<'a, T>, Waiting) {
        let loc = Location::caller();
        let mutex = guard.id;
        let inner = guard.inner.take().expect("guard in use");
        let held = Value::Int(mutex as i128);
        wb::event(Op::Wait, self.id, None, Value::None, held, loc);
        let thread = wb::wait(Op::Wait, self.id, loc);
        (inner, Waiting { mutex, thread, loc })
    }

    /// ... and ends here: recorded as `woken` (holding the mutex again).
    fn end_wait<'a, T>(
        &self,
        inner: ::loom::sync::MutexGuard<'a, T>,
        w: Waiting,
    ) -> MutexGuard<'a, T> {
        let held = Value::Int(w.mutex as i128);
        wb::done(w.thread, Op::Woken, self.id, held, w.loc);
        MutexGuard {
            inner: Some(inner),
            id: w.mutex,
            loc: w.loc,
        }
    }

    #[track_caller]
    pub fn notify_one(&self) {
        // Recorded after: loom may run other threads before the notify takes effect.
        self.inner.notify_one();
        wb::notify(Op::NotifyOne, self.id, Location::caller());
    }

    #[track_caller]
    pub fn notify_all(&self) {
        self.inner.notify_all();
        wb::notify(Op::NotifyAll, self.id, Location::caller());
    }
}

impl Default for Condvar {
    #[track_caller]
    fn default() -> Self {
        Condvar::new()
    }
}

impl fmt::Debug for Condvar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Condvar { .. }")
    }
}

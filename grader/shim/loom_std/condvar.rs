//! std's `Condvar` in a loom build, over loom's (which has no `wait_while`), recording
//! waits, wakeups and notifies.
//!
//! Spurious wakeups: std's waits may return without a notify; loom's never do. So the
//! recorder's `model` runs a model that waited at all a second time (`two_passes`), and in
//! that pass a wait returns at once, without a notify and without letting go of the mutex
//! (as std may), unless it is the same thread's retry of a wait that just did so at the same
//! line: the first wait of every `while` loop, and every `if`-guarded wait, returns
//! spuriously, and each retry waits for real, so a loop still makes progress. Every such
//! return is something std allows, so no correct answer fails; the first pass is the plain
//! model, so a failure without spurious wakeups is reported as before. `wait_while`'s own
//! waits never return spuriously (its loop checks again, so nothing could change) and do not
//! count as waits: a model whose waits are all `wait_while`s runs once.
//!
//! Timeouts: time does not pass in a model, but on real threads a timed wait
//! (`wait_timeout`, `wait_timeout_while`, `thread::park_timeout`, a channel's `recv_timeout`)
//! may time out at any point: the thread that would end it may be slower than any timeout
//! the program picked, and than any number of them in a row. So a model that made a timed
//! wait runs once more (`timeouts_pass`), and in that pass a thread's timed waits at one line
//! return at once, timed out, [`STREAK`] times in a row; the next one there waits for real,
//! and the one after that starts a new streak. A waiter that takes a timeout, or any count
//! of them up to [`STREAK`], as "nothing more will come" is found; a loop that rechecks its
//! condition after a timeout still makes progress. A timeout that comes at once is no step in the
//! model (the thread runs on), so a streak costs the model only the steps the waiter's own
//! loop takes between its waits. Untimed waits wait for real in that pass.

use super::super::__workbook::{self as wb, Op, Value};
use super::{MutexGuard, WaitTimeoutResult};
use ::std::cell::{Cell, RefCell};
use ::std::fmt;
use ::std::panic::Location;
use ::std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// Real std flags (loom runs one execution at a time on one OS thread): some wait happened
/// in this pass; waits return spuriously (the second pass).
static WAITED: AtomicBool = AtomicBool::new(false);
static SPURIOUS: AtomicBool = AtomicBool::new(false);
/// Some timed wait happened in the first pass; timed waits time out (the third pass).
static TIMED: AtomicBool = AtomicBool::new(false);
static TIMEOUTS: AtomicBool = AtomicBool::new(false);

::loom::thread_local! {
    /// The line of this thread's last wait if it returned spuriously (loom's thread-locals
    /// are new in every execution).
    static LAST_SPURIOUS: Cell<Option<wb::Loc>> = Cell::new(None);
    /// In the pass with timeouts: this thread's timed waits that timed out in a row, by line.
    static STREAKS: RefCell<Vec<(wb::Loc, u32)>> = RefCell::new(Vec::new());
}

/// How many timed waits in a row at one line time out in the pass with timeouts before one
/// waits for real: more than a waiter that gives up after a count of them plausibly uses (3,
/// 10, 20, 50), and cheap, as such a timeout is no step of the model; but each pass of the
/// waiter's own loop is (its locks), and loom stops an execution after 1000 branches
/// (`recorder.rs`): a loop taking a lock and the channel's own at each try (worker_pool's)
/// ran out of them at 1000 timeouts.
pub(crate) const STREAK: u32 = 100;

/// Runs `run` (one whole model check), once more with spurious wakeups if it waited, and
/// once more with timeouts if it made a timed wait. A failing pass panics, so the next never
/// runs.
pub fn two_passes(run: &dyn Fn()) {
    WAITED.store(false, Relaxed);
    SPURIOUS.store(false, Relaxed);
    TIMED.store(false, Relaxed);
    TIMEOUTS.store(false, Relaxed);
    run();
    if WAITED.load(Relaxed) {
        SPURIOUS.store(true, Relaxed);
        run();
        SPURIOUS.store(false, Relaxed);
    }
    if TIMED.load(Relaxed) {
        TIMEOUTS.store(true, Relaxed);
        run();
        TIMEOUTS.store(false, Relaxed);
    }
}

/// Whether this is the pass with spurious wakeups or the one with timeouts.
pub(crate) fn spurious_pass() -> bool {
    SPURIOUS.load(Relaxed) || TIMEOUTS.load(Relaxed)
}

/// Whether the timed wait at `loc` times out at once (the third pass; see the file's
/// comment). In the first pass, notes that a timed wait happened.
pub(crate) fn times_out(loc: wb::Loc) -> bool {
    if !TIMEOUTS.load(Relaxed) {
        TIMED.store(true, Relaxed);
        return false;
    }
    STREAKS.with(|streaks| {
        let mut streaks = streaks.borrow_mut();
        let at = streaks
            .iter()
            .position(|(l, _)| ::std::ptr::eq(*l, loc) || **l == *loc);
        match at {
            Some(i) if streaks[i].1 >= STREAK => {
                streaks.swap_remove(i);
                false
            }
            Some(i) => {
                streaks[i].1 += 1;
                true
            }
            None => {
                streaks.push((loc, 1));
                true
            }
        }
    })
}

/// Whether the wait at `loc` returns spuriously (see the file's comment).
fn spurious(loc: wb::Loc) -> bool {
    if TIMEOUTS.load(Relaxed) {
        return false;
    }
    if !SPURIOUS.load(Relaxed) {
        WAITED.store(true, Relaxed);
        return false;
    }
    first_at(loc)
}

/// Whether this wait at `loc` is not the same thread's retry of one at `loc` that just
/// returned early (then this one waits for real); notes which it was.
fn first_at(loc: wb::Loc) -> bool {
    LAST_SPURIOUS.with(|last| {
        let retry = last.get().is_some_and(|l| ::std::ptr::eq(l, loc) || *l == *loc);
        last.set(if retry { None } else { Some(loc) });
        !retry
    })
}

/// A wait under way: the mutex it let go of, the waiting thread, the learner's line.
struct Waiting<'a, T: ?Sized> {
    lock: &'a super::Mutex<T>,
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

    /// A condvar inside a channel (`mpsc.rs`), recorded as `kind` (`Receiver`: where
    /// receivers wait; `SyncSender`: where a sync channel's senders wait) of type `channel`.
    #[track_caller]
    pub(crate) fn for_channel(kind: &'static str) -> Condvar {
        let inner = ::loom::sync::Condvar::new();
        let id = wb::object(kind, "channel", Location::caller(), Value::None);
        Condvar { id, inner }
    }

    // The loom call stays in each method, not in a shared closure: `#[track_caller]` does
    // not reach into closures, and loom must see the learner's line.
    #[track_caller]
    pub fn wait<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
    ) -> ::std::sync::LockResult<MutexGuard<'a, T>> {
        self.wait_or_not(guard, true)
    }

    /// A wait that may return spuriously (`may`), or one that never does: `wait_while`'s, whose
    /// loop checks the condition again after every return, so that a spurious one changes
    /// nothing and a model that waits only there needs no second pass.
    #[track_caller]
    fn wait_or_not<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        may: bool,
    ) -> ::std::sync::LockResult<MutexGuard<'a, T>> {
        let (inner, waiting) = self.begin_wait(guard);
        if may && spurious(waiting.loc) {
            return Ok(self.end_wait(inner, waiting, Op::Spurious));
        }
        let inner = self
            .inner
            .wait(inner)
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        Ok(self.end_wait(inner, waiting, Op::Woken))
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
            guard = self.wait_or_not(guard, false)?;
        }
        Ok(guard)
    }

    /// `wait_while` with a timeout: it times out (the condition still true) in the pass with
    /// timeouts (see the file's comment); otherwise it waits until the condition is false,
    /// and a wait nobody ends is reported as blocked.
    #[track_caller]
    pub fn wait_timeout_while<'a, T, F>(
        &self,
        mut guard: MutexGuard<'a, T>,
        _dur: ::std::time::Duration,
        mut condition: F,
    ) -> ::std::sync::LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)>
    where
        F: FnMut(&mut T) -> bool,
    {
        if condition(&mut *guard) && times_out(Location::caller()) {
            let (inner, waiting) = self.begin_wait(guard);
            let guard = self.end_wait(inner, waiting, Op::TimedOut);
            return Ok((guard, WaitTimeoutResult(true)));
        }
        while condition(&mut *guard) {
            guard = self
                .wait_or_not(guard, false)
                .unwrap_or_else(::std::sync::PoisonError::into_inner);
        }
        Ok((guard, WaitTimeoutResult(false)))
    }

    #[track_caller]
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: ::std::time::Duration,
    ) -> ::std::sync::LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        let (inner, waiting) = self.begin_wait(guard);
        if times_out(waiting.loc) {
            let late = WaitTimeoutResult(true);
            return Ok((self.end_wait(inner, waiting, Op::TimedOut), late));
        }
        if spurious(waiting.loc) {
            let early = WaitTimeoutResult(false);
            return Ok((self.end_wait(inner, waiting, Op::Spurious), early));
        }
        let (inner, timeout) = self
            .inner
            .wait_timeout(inner, dur)
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        let timeout = WaitTimeoutResult(timeout.timed_out());
        Ok((self.end_wait(inner, waiting, Op::Woken), timeout))
    }

    /// Every wait starts here: recorded as `wait` (letting go of the mutex) and announced as
    /// blocking; loom's guard to wait with.
    #[track_caller]
    fn begin_wait<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
    ) -> (::loom::sync::MutexGuard<'a, T>, Waiting<'a, T>) {
        let loc = Location::caller();
        let mutex = guard.id;
        let lock = guard.lock;
        let inner = guard.inner.take().expect("guard in use");
        let held = Value::Int(mutex as i128);
        wb::event(Op::Wait, self.id, None, Value::None, held, loc);
        let thread = wb::wait(Op::Wait, self.id, loc);
        (
            inner,
            Waiting {
                lock,
                mutex,
                thread,
                loc,
            },
        )
    }

    /// ... and ends here: recorded as `woken`, `spurious` or `timed_out` (holding the mutex
    /// again).
    fn end_wait<'a, T>(
        &self,
        inner: ::loom::sync::MutexGuard<'a, T>,
        w: Waiting<'a, T>,
        op: Op,
    ) -> MutexGuard<'a, T> {
        // loom took the mutex again for a real wakeup: as after any take (`Mutex::settle`).
        let inner = if op == Op::Woken {
            w.lock.settle(inner)
        } else {
            inner
        };
        let held = Value::Int(w.mutex as i128);
        wb::done(w.thread, op, self.id, held, w.loc);
        MutexGuard {
            inner: Some(inner),
            lock: w.lock,
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

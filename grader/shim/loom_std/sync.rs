//! `std::sync` in a loom build: loom's `Arc` (formatted as std's), a `Barrier` of the shim's
//! `Mutex` and `Condvar` (loom's panics: not supported), and std's `Mutex` and
//! `RwLock` APIs over loom's, recording who takes and releases them; the condvar and the
//! atomics and `mpsc` (over this `Mutex` and the condvar) are in their own files.

pub use ::std::sync::*;

pub use condvar::Condvar;
#[doc(hidden)]
pub use condvar::two_passes as __two_passes;
pub(crate) use condvar::times_out;

/// std's `WaitTimeoutResult`, made here (loom's cannot be made outside loom): a spurious
/// return from `wait_timeout` did not time out.
#[derive(Debug, PartialEq, Eq, Copy, Clone)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

use super::__workbook::{self as wb, Loc, Op, ToValue, Value};
use ::std::fmt;
use ::std::ops::{Deref, DerefMut};
use ::std::panic::Location;
// Full paths below, not imports: a private import would hide the glob's public
// re-export (`use std::sync::TryLockError` in a learner's file would fail).

#[path = "mpsc.rs"]
pub mod mpsc;

#[path = "atomic.rs"]
pub mod atomic;

#[path = "condvar.rs"]
mod condvar;

/// A `try_` lock's outcome, recorded: the guard when it took the lock (a lock poisoned by a
/// panic never gets here: `Poison::check` ends the run first).
#[track_caller]
fn attempt<G>(op: Op, id: u32, r: ::std::sync::TryLockResult<G>) -> Option<G> {
    let inner = match r {
        Ok(inner) => Some(inner),
        Err(::std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(::std::sync::TryLockError::WouldBlock) => None,
    };
    wb::event(
        op,
        id,
        None,
        Value::Bool(inner.is_some()),
        Value::None,
        Location::caller(),
    );
    inner
}

/// Poisoning (a panic while a guard is held, as std defines it: the guard was taken while the
/// thread was not panicking and is let go of while it is): `is_poisoned` and `clear_poison`
/// are std's, but loom's own lock inside is poisoned too, and loom panics on every later
/// take of it, a panic the program could catch to tell a model from real threads. So the
/// next use of a lock a panic let go of ends the run, uncatchable, saying so (`spoiled`):
/// a program that poisons a lock and goes on with it is checked on real threads only.
#[derive(Default)]
struct Poison {
    /// What `is_poisoned` says (`clear_poison` clears it).
    poisoned: ::std::sync::atomic::AtomicBool,
    /// Where the lock a panic let go of was taken: loom's lock is poisoned for good.
    spoiled: ::std::sync::OnceLock<Loc>,
    /// Whether the thread holding it (exclusively) was panicking when it took it.
    taken_panicking: ::std::sync::atomic::AtomicBool,
}

impl Poison {
    /// A thread takes the lock (exclusively).
    fn taken(&self) {
        self.taken_panicking.store(
            ::std::thread::panicking(),
            ::std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// A guard taken at `loc` is let go of: poisons it if the thread is panicking (and was
    /// not when it took it).
    fn released(&self, loc: Loc) {
        use ::std::sync::atomic::Ordering::Relaxed;
        if ::std::thread::panicking() && !self.taken_panicking.load(Relaxed) {
            self.poisoned.store(true, Relaxed);
            let _ = self.spoiled.set(loc);
        }
    }

    /// Before any use of loom's lock: ends the run if a panic poisoned it (unless the thread
    /// is panicking already: a second panic aborts the run anyway).
    #[track_caller]
    fn check(&self, kind: &str) {
        if let Some(at) = self.spoiled.get() {
            if !::std::thread::panicking() {
                super::thread::abort_with(::std::format!(
                    "a thread panicked while it held the {kind} taken at {at}, which poisons it, \
                     and the program uses it again at {}: a loom model cannot go on with \
                     a lock poisoned by a panic (loom's own lock inside stays poisoned), \
                     so a program that recovers from poisoning is checked on real threads, \
                     not in a model",
                    Location::caller()
                ));
            }
        }
    }
}

/// std's `Mutex` over loom's, recording who takes and releases it.
///
/// `try_lock` (loom issue #376): loom counts a thread inside `try_lock` as one that will
/// block, so when another thread takes the mutex at that moment, loom blocks the trying
/// thread until the mutex is released, and reports a deadlock if the taker then waits for
/// something the trying thread holds, though a real `try_lock` would have failed and gone
/// on. So `trying` counts the threads inside loom's `try_lock` (real std counters: loom runs
/// one thread at a time), and a thread that takes the mutex while one is (`settle`) keeps it
/// as far as the program can tell but gives loom's lock back and yields, with `settling`
/// set: every `try_lock` that then completes fails (the mutex is held, as std would say),
/// every other taker gives it back and waits, and the settling thread takes loom's lock
/// again. Nothing of that is recorded, and it happens only while a `try_lock` is under way.
///
/// That alone would hide schedules: loom's only scheduling point of a `try_lock` is inside
/// it, so another thread could never take and release the mutex between this thread's
/// previous release and its `try_lock` (check under the lock, release, `try_lock` again: the
/// other thread's whole critical section in between is what real threads can do). So a
/// `try_lock` first takes a scheduling point of its own on `probe` (a loom atomic no program
/// sees), outside the mutex, and every thread that takes a mutex once it has been
/// `try_lock`ed touches `probe` too, before it takes it (its own race with the `try_lock`'s
/// point: loom's DPOR then runs that thread's whole critical section at the point before the
/// `try_lock`, which then succeeds and sees what it wrote) and after (a point while it holds
/// the mutex). A condvar waiter that takes the mutex again inside loom's `wait` has no
/// point before it; the litmus suite (`@condvar`) reaches every outcome without one there.
/// Mutexes never `try_lock`ed cost nothing.
pub struct Mutex<T: ?Sized> {
    id: u32,
    trying: ::std::sync::atomic::AtomicUsize,
    settling: ::std::sync::atomic::AtomicBool,
    /// Whether any thread has `try_lock`ed it in this execution (then takers touch `probe`).
    tried: ::std::sync::atomic::AtomicBool,
    probe: ::loom::sync::atomic::AtomicUsize,
    poison: Poison,
    inner: ::loom::sync::Mutex<T>,
}

impl<T> Mutex<T> {
    #[track_caller]
    pub fn new(data: T) -> Mutex<T> {
        Mutex::recorded_as(data, ::std::any::type_name::<T>())
    }

    #[track_caller]
    fn recorded_as(data: T, ty: &'static str) -> Mutex<T> {
        let inner = ::loom::sync::Mutex::new(data);
        let id = wb::object("Mutex", ty, Location::caller(), Value::None);
        Mutex {
            id,
            trying: ::std::sync::atomic::AtomicUsize::new(0),
            settling: ::std::sync::atomic::AtomicBool::new(false),
            tried: ::std::sync::atomic::AtomicBool::new(false),
            probe: ::loom::sync::atomic::AtomicUsize::new(0),
            poison: Poison::default(),
            inner,
        }
    }

    /// The lock inside a channel (`mpsc.rs`): recorded with the type `channel`, so that an
    /// explanation calls it the channel's, not by the learner's name for the receiver.
    #[track_caller]
    pub(crate) fn for_channel(data: T) -> Mutex<T> {
        Mutex::recorded_as(data, "channel")
    }

    #[track_caller]
    pub fn into_inner(self) -> ::std::sync::LockResult<T> {
        self.poison.check("Mutex");
        self.inner.into_inner()
    }
}

impl<T: ?Sized> Mutex<T> {
    /// After loom handed this thread the mutex (see the comment on `Mutex`): while another
    /// thread settles, give it back and take it again; while a thread is inside `try_lock`
    /// (which loom has blocked), settle: give it back, yield so that the `try_lock` fails,
    /// and take it again.
    pub(super) fn settle<'a>(
        &'a self,
        inner: ::loom::sync::MutexGuard<'a, T>,
    ) -> ::loom::sync::MutexGuard<'a, T> {
        self.settle_recorded(inner, || {})
    }

    /// `settle`, calling `record` (which records the take) at the moment this thread holds
    /// the mutex as far as the program can tell: before it gives loom's lock back to let a
    /// `try_lock` fail, so that the failure is recorded after the take that made it fail,
    /// as on real threads.
    fn settle_recorded<'a>(
        &'a self,
        mut inner: ::loom::sync::MutexGuard<'a, T>,
        record: impl FnOnce(),
    ) -> ::loom::sync::MutexGuard<'a, T> {
        use ::std::sync::atomic::Ordering::Relaxed;
        let mut mine = false;
        let mut record = Some(record);
        loop {
            if !mine && self.settling.load(Relaxed) {
                // Another thread holds it, as far as the program can tell.
            } else if self.trying.load(Relaxed) > 0 {
                self.settling.store(true, Relaxed);
                mine = true;
                if let Some(record) = record.take() {
                    record();
                }
            } else {
                if mine {
                    self.settling.store(false, Relaxed);
                }
                if let Some(record) = record.take() {
                    record();
                }
                self.poison.taken();
                return inner;
            }
            drop(inner);
            ::loom::thread::yield_now();
            inner = self
                .inner
                .lock()
                .unwrap_or_else(::std::sync::PoisonError::into_inner);
        }
    }

    /// A scheduling point on `probe` (see the comment on `Mutex`), once the mutex has been
    /// `try_lock`ed: a read-modify-write, so that it races with every other one (and loom
    /// explores no values for it).
    fn probe(&self) {
        use ::std::sync::atomic::Ordering::Relaxed;
        if self.tried.load(Relaxed) {
            self.probe.fetch_add(1, Relaxed);
        }
    }

    /// loom's `try_lock`, counted in `trying` while it runs: it fails while another thread
    /// settles, and a success settles. Before it, the `probe` point. `record` records the
    /// outcome where it belongs in the schedule: a failure once the thread that made it fail
    /// has recorded its take (the taker records before it settles), a success as soon as
    /// this thread holds the mutex as the program sees it (before it settles in turn).
    fn try_inner(
        &self,
        record: impl FnOnce(bool),
    ) -> Option<::loom::sync::MutexGuard<'_, T>> {
        use ::std::sync::atomic::Ordering::Relaxed;
        self.tried.store(true, Relaxed);
        self.probe();
        self.trying.fetch_add(1, Relaxed);
        let r = self.inner.try_lock();
        self.trying.fetch_sub(1, Relaxed);
        let inner = match r {
            Ok(inner) if self.settling.load(Relaxed) => {
                drop(inner);
                None
            }
            Ok(inner) => Some(inner),
            Err(::std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(::std::sync::TryLockError::WouldBlock) => None,
        };
        match inner {
            Some(inner) => Some(self.settle_recorded(inner, || record(true))),
            None => {
                record(false);
                None
            }
        }
    }

    #[track_caller]
    pub fn lock(&self) -> ::std::sync::LockResult<MutexGuard<'_, T>> {
        self.poison.check("Mutex");
        let loc = Location::caller();
        let thread = wb::wait(Op::Lock, self.id, loc);
        self.probe();
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        // Recorded before the `probe` point after it: a `try_lock` that runs there fails,
        // and must be recorded after this take.
        let inner = self.settle_recorded(inner, || {
            wb::done(thread, Op::Lock, self.id, Value::None, loc)
        });
        self.probe();
        Ok(MutexGuard {
            inner: Some(inner),
            lock: self,
            id: self.id,
            loc,
        })
    }

    #[track_caller]
    pub fn try_lock(&self) -> ::std::sync::TryLockResult<MutexGuard<'_, T>> {
        self.poison.check("Mutex");
        let loc = Location::caller();
        let record = |took: bool| {
            let took = Value::Bool(took);
            wb::event(Op::TryLock, self.id, None, took, Value::None, loc);
        };
        match self.try_inner(record) {
            Some(inner) => Ok(MutexGuard {
                inner: Some(inner),
                lock: self,
                id: self.id,
                loc,
            }),
            None => Err(::std::sync::TryLockError::WouldBlock),
        }
    }

    #[track_caller]
    pub fn get_mut(&mut self) -> ::std::sync::LockResult<&mut T> {
        self.poison.check("Mutex");
        self.inner.get_mut()
    }

    pub fn is_poisoned(&self) -> bool {
        self.poison
            .poisoned
            .load(::std::sync::atomic::Ordering::Relaxed)
    }

    pub fn clear_poison(&self) {
        self.poison
            .poisoned
            .store(false, ::std::sync::atomic::Ordering::Relaxed);
    }
}

impl<T: Default> Default for Mutex<T> {
    #[track_caller]
    fn default() -> Self {
        Mutex::new(T::default())
    }
}

impl<T> From<T> for Mutex<T> {
    #[track_caller]
    fn from(t: T) -> Self {
        Mutex::new(t)
    }
}

/// std's, to the character: the data if a `try_lock` takes it, else `"<locked>"` (loom's
/// own `Debug` prints its model's handle, which told a model from real threads). The
/// `try_lock` is the shim's, modelled as std's real one is.
impl<T: ?Sized + fmt::Debug> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Mutex");
        match self.try_lock() {
            Ok(guard) => d.field("data", &&*guard),
            Err(::std::sync::TryLockError::Poisoned(err)) => d.field("data", &&**err.get_ref()),
            Err(::std::sync::TryLockError::WouldBlock) => d.field("data", &"<locked>"),
        };
        d.field("poisoned", &self.is_poisoned());
        d.finish_non_exhaustive()
    }
}

/// std's `MutexGuard`: releasing it is recorded too.
pub struct MutexGuard<'a, T: ?Sized + 'a> {
    inner: Option<::loom::sync::MutexGuard<'a, T>>,
    /// The mutex, to `settle` after a condvar wait takes it again.
    lock: &'a Mutex<T>,
    id: u32,
    /// Where the lock was taken: a drop has no caller of its own.
    loc: Loc,
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.inner.as_deref().expect("guard in use")
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_deref_mut().expect("guard in use")
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            wb::event(
                Op::Unlock,
                self.id,
                None,
                Value::None,
                Value::None,
                self.loc,
            );
            self.lock.poison.released(self.loc);
            drop(inner);
        }
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for MutexGuard<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// std's `RwLock` over loom's, recording readers and writers.
///
/// `try_read` and `try_write` (loom issue #376, as `Mutex::try_lock`): loom counts a thread
/// inside its `try_read` or `try_write` as one that will block, so when another thread takes
/// the lock at that moment (a writer; or a reader, against a `try_write`), loom blocks the
/// trying thread until the lock is free, and reports a deadlock if the taker then waits for
/// something the trying thread holds, though a real `try_` fails and goes on. So the lock's
/// state as the program sees it is kept here (`writer`, `readers`; real std counters: loom
/// runs one thread at a time), and a `try_` never calls loom's: it decides at its own
/// scheduling point (below) from that state, and if the lock is free to it, takes it in
/// that state at once, then takes loom's lock with loom's blocking `read` or `write` (for
/// the happens-before a lock gives; loom's lock is free then, or taken for a moment by a
/// thread that gives it back). A `read` or `write` that gets loom's lock while the state
/// says another thread holds it (taken by a `try_` that has not got loom's yet) gives it
/// back, yields and takes it again. Nothing of that is recorded.
///
/// `try_read` and `try_write` take a scheduling point of their own first, on `probe`, as
/// `Mutex::try_lock` does (see the comment on `Mutex`), and every `read` or `write` of a lock
/// once it has been `try_`ed touches `probe` before and after taking it: without these
/// another thread's whole read (or write) section could never fall between this thread's
/// previous operation and its `try_`, and a `try_` that fails while a reader holds the lock
/// (loom's `RwLock` has no scheduling point inside a section that does nothing), then
/// succeeds once it let go, would be a schedule loom never runs (the litmus suite's
/// `@try_write` and `@try_read`). Locks never `try_`ed cost nothing.
pub struct RwLock<T> {
    id: u32,
    /// Whether any thread has `try_read` or `try_write`n it in this execution.
    tried: ::std::sync::atomic::AtomicBool,
    /// A thread holds it for writing, as far as the program can tell.
    writer: ::std::sync::atomic::AtomicBool,
    /// How many threads hold it for reading, as far as the program can tell.
    readers: ::std::sync::atomic::AtomicUsize,
    probe: ::loom::sync::atomic::AtomicUsize,
    /// Poisoning, by a writer (see `Poison`).
    poison: Poison,
    inner: ::loom::sync::RwLock<T>,
}

impl<T> RwLock<T> {
    #[track_caller]
    pub fn new(data: T) -> RwLock<T> {
        let inner = ::loom::sync::RwLock::new(data);
        let id = wb::object(
            "RwLock",
            ::std::any::type_name::<T>(),
            Location::caller(),
            Value::None,
        );
        RwLock {
            id,
            tried: ::std::sync::atomic::AtomicBool::new(false),
            writer: ::std::sync::atomic::AtomicBool::new(false),
            readers: ::std::sync::atomic::AtomicUsize::new(0),
            probe: ::loom::sync::atomic::AtomicUsize::new(0),
            poison: Poison::default(),
            inner,
        }
    }

    #[track_caller]
    pub fn into_inner(self) -> ::std::sync::LockResult<T> {
        self.poison.check("RwLock");
        self.inner.into_inner()
    }
}

impl<T> RwLock<T> {
    /// The scheduling point on `probe` once the lock has been `try_`ed (see `Mutex::probe`).
    fn probe(&self) {
        use ::std::sync::atomic::Ordering::Relaxed;
        if self.tried.load(Relaxed) {
            self.probe.fetch_add(1, Relaxed);
        }
    }

    /// Before a `try_read` or `try_write`: marks the lock as `try_`ed, then the `probe` point.
    fn before_try(&self) {
        self.tried
            .store(true, ::std::sync::atomic::Ordering::Relaxed);
        self.probe();
    }

    /// loom's read lock, once the program's state lets this thread read: a writer's (taken
    /// by a `try_write` that has not got loom's lock yet) makes it give loom's back and retry.
    fn read_inner(&self, taken: bool) -> ::loom::sync::RwLockReadGuard<'_, T> {
        use ::std::sync::atomic::Ordering::Relaxed;
        loop {
            let inner = self
                .inner
                .read()
                .unwrap_or_else(::std::sync::PoisonError::into_inner);
            if taken || !self.writer.load(Relaxed) {
                if !taken {
                    self.readers.fetch_add(1, Relaxed);
                }
                return inner;
            }
            drop(inner);
            ::loom::thread::yield_now();
        }
    }

    /// loom's write lock, once the program's state lets this thread write (see `read_inner`).
    fn write_inner(&self, taken: bool) -> ::loom::sync::RwLockWriteGuard<'_, T> {
        use ::std::sync::atomic::Ordering::Relaxed;
        loop {
            let inner = self
                .inner
                .write()
                .unwrap_or_else(::std::sync::PoisonError::into_inner);
            if taken || !(self.writer.load(Relaxed) || self.readers.load(Relaxed) > 0) {
                self.writer.store(true, Relaxed);
                self.poison.taken();
                return inner;
            }
            drop(inner);
            ::loom::thread::yield_now();
        }
    }

    #[track_caller]
    pub fn read(&self) -> ::std::sync::LockResult<RwLockReadGuard<'_, T>> {
        self.poison.check("RwLock");
        let loc = Location::caller();
        let thread = wb::wait(Op::Read, self.id, loc);
        self.probe();
        let inner = self.read_inner(false);
        // Recorded before the `probe` point after it (see `Mutex::lock`).
        wb::done(thread, Op::Read, self.id, Value::None, loc);
        self.probe();
        Ok(RwLockReadGuard {
            inner: Some(inner),
            lock: self,
            id: self.id,
            loc,
        })
    }

    #[track_caller]
    pub fn write(&self) -> ::std::sync::LockResult<RwLockWriteGuard<'_, T>> {
        self.poison.check("RwLock");
        let loc = Location::caller();
        let thread = wb::wait(Op::Write, self.id, loc);
        self.probe();
        let inner = self.write_inner(false);
        // Recorded before the `probe` point after it (see `Mutex::lock`).
        wb::done(thread, Op::Write, self.id, Value::None, loc);
        self.probe();
        Ok(RwLockWriteGuard {
            inner: Some(inner),
            lock: self,
            id: self.id,
            loc,
        })
    }

    #[track_caller]
    pub fn try_read(&self) -> ::std::sync::TryLockResult<RwLockReadGuard<'_, T>> {
        use ::std::sync::atomic::Ordering::Relaxed;
        self.poison.check("RwLock");
        let loc = Location::caller();
        self.before_try();
        let free = !self.writer.load(Relaxed);
        if free {
            self.readers.fetch_add(1, Relaxed);
        }
        let outcome = free.then_some(());
        match attempt(Op::TryRead, self.id, taken(outcome)) {
            Some(()) => Ok(RwLockReadGuard {
                inner: Some(self.read_inner(true)),
                lock: self,
                id: self.id,
                loc,
            }),
            None => Err(::std::sync::TryLockError::WouldBlock),
        }
    }

    #[track_caller]
    pub fn try_write(&self) -> ::std::sync::TryLockResult<RwLockWriteGuard<'_, T>> {
        use ::std::sync::atomic::Ordering::Relaxed;
        self.poison.check("RwLock");
        let loc = Location::caller();
        self.before_try();
        let free = !(self.writer.load(Relaxed) || self.readers.load(Relaxed) > 0);
        if free {
            self.writer.store(true, Relaxed);
        }
        let outcome = free.then_some(());
        match attempt(Op::TryWrite, self.id, taken(outcome)) {
            Some(()) => Ok(RwLockWriteGuard {
                inner: Some(self.write_inner(true)),
                lock: self,
                id: self.id,
                loc,
            }),
            None => Err(::std::sync::TryLockError::WouldBlock),
        }
    }

    #[track_caller]
    pub fn get_mut(&mut self) -> ::std::sync::LockResult<&mut T> {
        self.poison.check("RwLock");
        self.inner.get_mut()
    }

    pub fn is_poisoned(&self) -> bool {
        self.poison
            .poisoned
            .load(::std::sync::atomic::Ordering::Relaxed)
    }

    pub fn clear_poison(&self) {
        self.poison
            .poisoned
            .store(false, ::std::sync::atomic::Ordering::Relaxed);
    }

    /// A guard let go of: the program's state first, then loom's lock.
    fn release(&self, write: bool) {
        use ::std::sync::atomic::Ordering::Relaxed;
        if write {
            self.writer.store(false, Relaxed);
        } else {
            self.readers.fetch_sub(1, Relaxed);
        }
    }
}

/// A `try_`'s decision as `attempt` takes it.
fn taken(outcome: Option<()>) -> ::std::sync::TryLockResult<()> {
    outcome.ok_or(::std::sync::TryLockError::WouldBlock)
}

impl<T: Default> Default for RwLock<T> {
    #[track_caller]
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

impl<T> From<T> for RwLock<T> {
    #[track_caller]
    fn from(t: T) -> Self {
        RwLock::new(t)
    }
}

/// std's, to the character (as `Mutex`'s, with `try_read`). While a thread reads (it may be
/// this one, and loom cannot take a read lock twice in one thread), the value is what loom's
/// own `Debug` prints of the std lock that holds it, which is std's text.
impl<T: fmt::Debug> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.readers.load(::std::sync::atomic::Ordering::Relaxed) > 0 {
            let full = if f.alternate() {
                ::std::format!("{:#?}", self.inner)
            } else {
                ::std::format!("{:?}", self.inner)
            };
            // `RwLock { object: RwLock { .. }, data: RwLock { data: .., .. } }`: the part
            // after the first `data: ` (the model's handle holds none), less the closing.
            if let Some(at) = full.find("data: RwLock") {
                let inner = &full[at + "data: ".len()..];
                let inner = if f.alternate() {
                    let inner = inner.strip_suffix(",\n}").unwrap_or(inner);
                    inner.replace("\n    ", "\n")
                } else {
                    inner.strip_suffix(" }").unwrap_or(inner).to_string()
                };
                return f.write_str(&inner);
            }
        }
        let mut d = f.debug_struct("RwLock");
        match self.try_read() {
            Ok(guard) => d.field("data", &&*guard),
            Err(::std::sync::TryLockError::Poisoned(err)) => d.field("data", &&**err.get_ref()),
            Err(::std::sync::TryLockError::WouldBlock) => {
                d.field("data", &format_args!("<locked>"))
            }
        };
        d.field("poisoned", &self.is_poisoned());
        d.finish_non_exhaustive()
    }
}

macro_rules! rw_guard {
    ($name:ident, $loom:ident, $unlock:expr, $write:expr) => {
        pub struct $name<'a, T: 'a> {
            inner: Option<::loom::sync::$loom<'a, T>>,
            /// The lock, whose state (as the program sees it) the guard gives back.
            lock: &'a RwLock<T>,
            id: u32,
            loc: Loc,
        }

        impl<T> Deref for $name<'_, T> {
            type Target = T;
            fn deref(&self) -> &T {
                self.inner.as_deref().expect("guard in use")
            }
        }

        impl<T> Drop for $name<'_, T> {
            fn drop(&mut self) {
                if let Some(inner) = self.inner.take() {
                    wb::event($unlock, self.id, None, Value::None, Value::None, self.loc);
                    if $write {
                        self.lock.poison.released(self.loc);
                    }
                    self.lock.release($write);
                    drop(inner);
                }
            }
        }

        impl<T: fmt::Debug> fmt::Debug for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&**self, f)
            }
        }

        impl<T: fmt::Display> fmt::Display for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&**self, f)
            }
        }
    };
}
rw_guard!(RwLockReadGuard, RwLockReadGuard, Op::ReadUnlock, false);
rw_guard!(RwLockWriteGuard, RwLockWriteGuard, Op::WriteUnlock, true);

impl<T> DerefMut for RwLockWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.inner.as_deref_mut().expect("guard in use")
    }
}

/// loom's `Arc` with std's formatting: `Debug`, `Display` and `Pointer` format the value
/// (or its address) as std's do, where loom's `Debug` printed its model's handle, which told
/// a model from real threads; and std's comparisons and hash, by value.
#[repr(transparent)]
pub struct Arc<T: ?Sized>(::loom::sync::Arc<T>);

impl<T> Arc<T> {
    #[track_caller]
    pub fn new(value: T) -> Arc<T> {
        Arc(::loom::sync::Arc::new(value))
    }

    #[track_caller]
    pub fn pin(data: T) -> ::std::pin::Pin<Arc<T>> {
        // SAFETY: the value is never moved out of its allocation, as in std's `Arc::pin`.
        unsafe { ::std::pin::Pin::new_unchecked(Arc::new(data)) }
    }

    #[track_caller]
    pub fn try_unwrap(this: Arc<T>) -> Result<T, Arc<T>> {
        ::loom::sync::Arc::try_unwrap(this.0).map_err(Arc)
    }

    #[track_caller]
    pub fn into_inner(this: Arc<T>) -> Option<T> {
        Arc::try_unwrap(this).ok()
    }

    pub fn into_raw(this: Self) -> *const T {
        ::loom::sync::Arc::into_raw(this.0)
    }

    /// # Safety
    /// As std's `Arc::from_raw`.
    #[track_caller]
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // SAFETY: the caller's, as std's.
        Arc(unsafe { ::loom::sync::Arc::from_raw(ptr) })
    }

    /// # Safety
    /// As std's `Arc::increment_strong_count`.
    #[track_caller]
    pub unsafe fn increment_strong_count(ptr: *const T) {
        // SAFETY: the caller's, as std's.
        unsafe { ::loom::sync::Arc::increment_strong_count(ptr) }
    }

    /// # Safety
    /// As std's `Arc::decrement_strong_count`.
    #[track_caller]
    pub unsafe fn decrement_strong_count(ptr: *const T) {
        // SAFETY: the caller's, as std's.
        unsafe { ::loom::sync::Arc::decrement_strong_count(ptr) }
    }

    pub fn as_ptr(this: &Self) -> *const T {
        ::loom::sync::Arc::as_ptr(&this.0)
    }
}

impl<T: ?Sized> Arc<T> {
    #[track_caller]
    pub fn strong_count(this: &Self) -> usize {
        ::loom::sync::Arc::strong_count(&this.0)
    }

    #[track_caller]
    pub fn get_mut(this: &mut Self) -> Option<&mut T> {
        ::loom::sync::Arc::get_mut(&mut this.0)
    }

    pub fn ptr_eq(this: &Self, other: &Self) -> bool {
        ::loom::sync::Arc::ptr_eq(&this.0, &other.0)
    }
}

impl<T: ?Sized> Deref for Arc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: ?Sized> Clone for Arc<T> {
    #[track_caller]
    fn clone(&self) -> Arc<T> {
        Arc(self.0.clone())
    }
}

impl<T: Default> Default for Arc<T> {
    #[track_caller]
    fn default() -> Arc<T> {
        Arc::new(T::default())
    }
}

impl<T> From<T> for Arc<T> {
    #[track_caller]
    fn from(t: T) -> Self {
        Arc::new(t)
    }
}

impl<T: ?Sized> AsRef<T> for Arc<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized> ::std::borrow::Borrow<T> for Arc<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized> fmt::Pointer for Arc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&(&**self as *const T), f)
    }
}

impl<T: ?Sized + PartialEq> PartialEq for Arc<T> {
    fn eq(&self, other: &Arc<T>) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq> Eq for Arc<T> {}

impl<T: ?Sized + PartialOrd> PartialOrd for Arc<T> {
    fn partial_cmp(&self, other: &Arc<T>) -> Option<::std::cmp::Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Ord> Ord for Arc<T> {
    fn cmp(&self, other: &Arc<T>) -> ::std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + ::std::hash::Hash> ::std::hash::Hash for Arc<T> {
    fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

/// std's `Barrier`, made of the shim's `Mutex` and `Condvar` (loom's `Barrier::new` panics,
/// "not supported", which a program could catch to tell a model from real threads): each
/// `wait` blocks until `n` threads have called it, and one of each group is the leader.
pub struct Barrier {
    state: Mutex<(usize, usize)>,
    cvar: Condvar,
    n: usize,
}

impl Barrier {
    #[track_caller]
    pub fn new(n: usize) -> Barrier {
        Barrier {
            state: Mutex::new((0, 0)),
            cvar: Condvar::new(),
            n,
        }
    }

    #[track_caller]
    pub fn wait(&self) -> BarrierWaitResult {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(::std::sync::PoisonError::into_inner);
        let generation = state.1;
        state.0 += 1;
        if state.0 < self.n {
            while generation == state.1 {
                state = self
                    .cvar
                    .wait(state)
                    .unwrap_or_else(::std::sync::PoisonError::into_inner);
            }
            BarrierWaitResult(false)
        } else {
            state.0 = 0;
            state.1 = state.1.wrapping_add(1);
            self.cvar.notify_all();
            BarrierWaitResult(true)
        }
    }
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Barrier").finish_non_exhaustive()
    }
}

/// std's `BarrierWaitResult` (std's cannot be made outside std).
pub struct BarrierWaitResult(bool);

impl BarrierWaitResult {
    pub fn is_leader(&self) -> bool {
        self.0
    }
}

impl fmt::Debug for BarrierWaitResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BarrierWaitResult")
            .field("is_leader", &self.0)
            .finish()
    }
}

//! `std::thread` in a loom build: loom's threads, recording spawns, joins, parks and
//! unparks. Time does not pass in a model: `sleep` is a chance for other threads to run, and
//! `park_timeout` is `park` (a thread that is never unparked is reported as blocked, where
//! std's would wake up after the timeout), except in the pass with timeouts
//! (`condvar.rs`), where it times out at once (`condvar::STREAK` times in a row at a line;
//! then the same thread's next one there parks for real). loom's `park` never returns spuriously either, though std's may: a
//! loop that re-checks its condition is still needed.

//!
//! What a thread can learn of itself reads as on real threads, so that code cannot tell a
//! model from them: the model's first thread has the name of the OS thread it runs on (the
//! runner's `check`, as a stress test's has), `ThreadId`s count up through the process as
//! std's do (never reused, a spawn taking the next), and `Thread`, `ThreadId` and `Builder`
//! are formatted as std formats them.

pub use ::loom::thread::yield_now;
pub use ::std::thread::{Result, available_parallelism, panicking};

use super::__workbook::{self as wb, Op};
use ::std::fmt;
use ::std::panic::Location;

/// std's `ThreadId`: a number, formatted as std's (`ThreadId(7)`). The model's first thread
/// has the number of the OS thread the model runs on; each thread spawned in a model takes
/// the next number of the process (`NEXT`), as a real spawn would, in every execution.
#[derive(Eq, PartialEq, Clone, Copy, Hash, Debug)]
pub struct ThreadId(::std::num::NonZeroU64);

/// The next `ThreadId` number a spawn takes (0: not yet read from std).
static NEXT: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
/// The number of each thread of the running execution, by loom's index (loom numbers the
/// threads of each execution from 0; 0: none yet), emptied when an execution begins. A
/// thread's number is taken when its spawn returns, or before that when the new thread asks
/// for it first (loom may run it before its spawn returns): in spawn order either way.
static NUMBERS: ::std::sync::Mutex<::std::vec::Vec<u64>> =
    ::std::sync::Mutex::new(::std::vec::Vec::new());

/// The number in a `ThreadId`'s `Debug` (std's and loom's both print `ThreadId(N)`).
fn number_of(id: &dyn fmt::Debug) -> u64 {
    let text = ::std::format!("{id:?}");
    let digits: ::std::string::String = text.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

/// The number of loom's thread `id` in this execution, taken now if it has none.
fn number(id: ::loom::thread::ThreadId) -> u64 {
    let index = number_of(&id) as usize;
    let mut n = NUMBERS
        .lock()
        .unwrap_or_else(::std::sync::PoisonError::into_inner);
    if n.is_empty() {
        // The OS thread the model runs on, which is the model's first thread.
        let own = number_of(&::std::thread::current().id()).max(1);
        n.push(own);
        let _ = NEXT.compare_exchange(
            0,
            own + 1,
            ::std::sync::atomic::Ordering::Relaxed,
            ::std::sync::atomic::Ordering::Relaxed,
        );
    }
    if n.len() <= index {
        n.resize(index + 1, 0);
    }
    if n[index] == 0 {
        n[index] = NEXT.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
    }
    n[index]
}

/// The `ThreadId` of loom's thread `id` in this execution.
fn id_of(id: ::loom::thread::ThreadId) -> ThreadId {
    ThreadId(::std::num::NonZeroU64::new(number(id).max(1)).expect("not zero"))
}

/// Threads spawned in the running execution (reset by the model entry, recorder.rs).
static SPAWNS: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);

/// How many threads an execution may spawn: loom runs at most 5, the first included.
const MAX_SPAWNS: usize = 4;

/// A new execution of the model begins.
pub(super) fn new_execution() {
    SPAWNS.store(0, ::std::sync::atomic::Ordering::Relaxed);
    NUMBERS
        .lock()
        .unwrap_or_else(::std::sync::PoisonError::into_inner)
        .clear();
}

/// Before a spawn: past loom's limit, the model ends here, and not by a panic the program
/// could catch (loom's own assertion can be caught, and real threads have no such limit:
/// a program that caught it could tell a model from real threads). A panic that cannot
/// unwind aborts the run, with this message as its failure.
#[track_caller]
fn room() {
    if SPAWNS.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed) >= MAX_SPAWNS {
        abort_with(::std::format!(
            "a model runs at most {MAX_SPAWNS} threads besides its first: this program \
             spawned more at {}",
            Location::caller()
        ));
    }
}

/// Panics where no unwinding is possible: the process aborts after the message.
#[allow(improper_ctypes_definitions)]
pub(super) extern "C" fn abort_with(message: ::std::string::String) {
    panic!("{message}");
}

/// loom's `Thread`, recording `unpark`; the model's first thread has the name of the OS
/// thread it runs on.
#[derive(Clone)]
pub struct Thread {
    inner: ::loom::thread::Thread,
    name: Option<::std::sync::Arc<str>>,
}

impl Thread {
    fn of(inner: ::loom::thread::Thread) -> Thread {
        let name = match inner.name() {
            Some(name) => Some(name.into()),
            None if number_of(&inner.id()) == 0 => ::std::thread::current().name().map(Into::into),
            None => None,
        };
        Thread { inner, name }
    }

    pub fn id(&self) -> ThreadId {
        id_of(self.inner.id())
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    #[track_caller]
    pub fn unpark(&self) {
        wb::unpark(self.inner.id(), Location::caller());
        self.inner.unpark();
    }
}

/// The current thread.
pub fn current() -> Thread {
    Thread::of(::loom::thread::current())
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
    /// std's auto traits exactly (std's is neither `UnwindSafe` nor `RefUnwindSafe`): no
    /// trait a program can test tells the two builds apart.
    _std: ::std::marker::PhantomData<::std::thread::JoinHandle<T>>,
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
        (self.0)
            .0
            .store(true, ::std::sync::atomic::Ordering::SeqCst);
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
        number(inner.thread().id());
        let thread = Thread::of(inner.thread().clone());
        JoinHandle {
            inner,
            thread,
            id,
            finished,
            _std: ::std::marker::PhantomData,
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
    room();
    let id = wb::spawn(Location::caller());
    let finished = Finished::default();
    JoinHandle::new(::loom::thread::spawn(finished.wrap(f)), id, finished)
}

/// loom's `Builder`, returning the recording `JoinHandle`; what it was given, to be
/// formatted as std's.
pub struct Builder(::loom::thread::Builder, Option<String>, Option<usize>);

impl Builder {
    pub fn new() -> Builder {
        Builder(::loom::thread::Builder::new(), None, None)
    }

    pub fn name(self, name: String) -> Builder {
        Builder(self.0.name(name.clone()), Some(name), self.2)
    }

    pub fn stack_size(self, size: usize) -> Builder {
        Builder(self.0.stack_size(size), self.1, Some(size))
    }

    #[track_caller]
    pub fn spawn<F, T>(self, f: F) -> ::std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        room();
        let id = wb::spawn(Location::caller());
        let finished = Finished::default();
        Ok(JoinHandle::new(
            self.0.spawn(finished.wrap(f))?,
            id,
            finished,
        ))
    }
}

impl fmt::Debug for Thread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Thread")
            .field("id", &self.id())
            .field("name", &self.name())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("name", &self.1)
            .field("stack_size", &self.2)
            .field("no_hooks", &false)
            .finish()
    }
}

/// Time does not pass in a model: sleeping is a chance for other threads to run.
pub fn sleep(_: ::std::time::Duration) {
    ::loom::thread::yield_now();
}

/// std's `thread::scope`, which loom lacks: each scoped thread is a loom thread (recorded as
/// any spawn) whose closure may borrow from the scope's caller, and the scope joins every one
/// not joined yet before it returns. Sound as std's is: no scoped thread outlives the call
/// (a panic in the scope's closure is held until they are joined; a panic in a scoped thread
/// fails the model).
pub fn scope<'env, F, T>(f: F) -> T
where
    F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
{
    let scope = Scope {
        pending: ::std::sync::Mutex::new(Vec::new()),
        _scope: ::std::marker::PhantomData,
        _env: ::std::marker::PhantomData,
    };
    let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| f(&scope)));
    let pending = ::std::mem::take(&mut *scope.pending.lock().unwrap_or_else(|e| e.into_inner()));
    for handle in pending {
        let taken = handle.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = taken {
            let _ = handle.join();
        }
    }
    match result {
        Ok(value) => value,
        Err(payload) => ::std::panic::resume_unwind(payload),
    }
}

/// A scoped thread's handle, shared by its `ScopedJoinHandle` and the scope (which joins it if
/// nobody did).
type Pending = ::std::sync::Arc<::std::sync::Mutex<Option<JoinHandle<()>>>>;

/// std's `thread::Scope`.
pub struct Scope<'scope, 'env: 'scope> {
    pending: ::std::sync::Mutex<Vec<Pending>>,
    _scope: ::std::marker::PhantomData<&'scope mut &'scope ()>,
    _env: ::std::marker::PhantomData<&'env mut &'env ()>,
}

impl<'scope> Scope<'scope, '_> {
    #[track_caller]
    pub fn spawn<F, T>(&'scope self, f: F) -> ScopedJoinHandle<'scope, T>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        let slot: ::std::sync::Arc<::std::sync::Mutex<Option<T>>> = Default::default();
        let out = ::std::sync::Arc::clone(&slot);
        let body: Box<dyn FnOnce() + 'scope> = Box::new(move || {
            let value = f();
            *out.lock().unwrap_or_else(|e| e.into_inner()) = Some(value);
        });
        // SAFETY: `scope` joins this thread before it returns, so nothing the closure borrows
        // for 'scope is gone while it runs (std's `thread::scope` rests on the same argument).
        let body: Box<dyn FnOnce() + 'static> = unsafe { ::std::mem::transmute(body) };
        let handle = spawn(body);
        let thread = handle.thread().clone();
        let pending: Pending = ::std::sync::Arc::new(::std::sync::Mutex::new(Some(handle)));
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(::std::sync::Arc::clone(&pending));
        ScopedJoinHandle {
            pending,
            slot,
            thread,
            _scope: ::std::marker::PhantomData,
        }
    }
}

impl fmt::Debug for Scope<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope").finish_non_exhaustive()
    }
}

/// std's `thread::ScopedJoinHandle`.
pub struct ScopedJoinHandle<'scope, T> {
    pending: Pending,
    slot: ::std::sync::Arc<::std::sync::Mutex<Option<T>>>,
    thread: Thread,
    /// The scope's lifetime, and std's auto traits exactly (as `JoinHandle`'s).
    _scope: ::std::marker::PhantomData<::std::thread::ScopedJoinHandle<'scope, T>>,
}

impl<T> ScopedJoinHandle<'_, T> {
    #[track_caller]
    pub fn join(self) -> Result<T> {
        let handle = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .expect("a scoped thread is joined once");
        handle.join()?;
        let value = self.slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        Ok(value.expect("a scoped thread that returned left its value"))
    }

    pub fn thread(&self) -> &Thread {
        &self.thread
    }

    pub fn is_finished(&self) -> bool {
        match &*self.pending.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(handle) => handle.is_finished(),
            None => true,
        }
    }
}

impl<T> fmt::Debug for ScopedJoinHandle<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopedJoinHandle").finish_non_exhaustive()
    }
}

/// std's `thread_local!` in a loom build (`std::thread_local` in the shim's root): each
/// declared key is the shim's `LocalKey` over loom's, so that every model thread has its own
/// value, made fresh in every execution (loom runs all the model's threads on one OS thread,
/// where std's thread-locals would be shared by them all and kept from one execution to the
/// next). The harness makes a plain `thread_local!` in a learner's file mean this one too
/// (`grader/src/harness/`), as `std::thread_local!` and `use std::thread_local` do. Its
/// paths start with `crate::std`, resolved where it is called: the crate that mounts the
/// shim as its `std` (a learner's, or the litmus suite's, which mounts it as a module).
#[doc(hidden)]
#[macro_export]
macro_rules! __workbook_thread_local {
    () => {};
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr; $($rest:tt)*) => (
        crate::std::thread_local!($(#[$attr])* $vis static $name: $t = $init);
        crate::std::thread_local!($($rest)*);
    );
    ($(#[$attr:meta])* $vis:vis static $name:ident: $t:ty = $init:expr) => (
        $(#[$attr])* $vis static $name: crate::std::thread::LocalKey<$t> =
            crate::std::thread::LocalKey::__new(crate::std::thread::__LoomLocalKey {
                init: (|| $init) as fn() -> $t,
                _p: ::core::marker::PhantomData,
            });
    );
}

#[doc(hidden)]
pub use ::loom::thread::LocalKey as __LoomLocalKey;

/// std's `LocalKey`: a key of `thread_local!`, over loom's (one value per model thread, made
/// by the initializer on first use in each thread of each execution).
pub struct LocalKey<T: 'static> {
    inner: ::loom::thread::LocalKey<T>,
}

impl<T: 'static> LocalKey<T> {
    #[doc(hidden)]
    pub const fn __new(inner: ::loom::thread::LocalKey<T>) -> LocalKey<T> {
        LocalKey { inner }
    }

    pub fn with<F, R>(&'static self, f: F) -> R
    where
        F: FnOnce(&T) -> R,
    {
        self.try_with(f).expect(
            "cannot access a Thread Local Storage value during or after destruction: AccessError",
        )
    }

    pub fn try_with<F, R>(&'static self, f: F) -> ::std::result::Result<R, AccessError>
    where
        F: FnOnce(&T) -> R,
    {
        self.inner.try_with(f).map_err(|_| AccessError(()))
    }
}

impl<T: 'static> LocalKey<::std::cell::Cell<T>> {
    /// Sets the value (std's does not run the initializer for it; this one does, first:
    /// loom's key has no way to set a value but through it).
    pub fn set(&'static self, value: T) {
        self.with(|cell| cell.set(value));
    }

    pub fn get(&'static self) -> T
    where
        T: Copy,
    {
        self.with(::std::cell::Cell::get)
    }

    pub fn take(&'static self) -> T
    where
        T: Default,
    {
        self.with(::std::cell::Cell::take)
    }

    pub fn replace(&'static self, value: T) -> T {
        self.with(|cell| cell.replace(value))
    }
}

impl<T: 'static> LocalKey<::std::cell::RefCell<T>> {
    pub fn with_borrow<F, R>(&'static self, f: F) -> R
    where
        F: FnOnce(&T) -> R,
    {
        self.with(|cell| f(&cell.borrow()))
    }

    pub fn with_borrow_mut<F, R>(&'static self, f: F) -> R
    where
        F: FnOnce(&mut T) -> R,
    {
        self.with(|cell| f(&mut cell.borrow_mut()))
    }

    /// Sets the value (after running the initializer, as `LocalKey<Cell<T>>::set` here).
    pub fn set(&'static self, value: T) {
        self.with(|cell| {
            *cell.borrow_mut() = value;
        });
    }

    pub fn take(&'static self) -> T
    where
        T: Default,
    {
        self.with(::std::cell::RefCell::take)
    }

    pub fn replace(&'static self, value: T) -> T {
        self.with(|cell| cell.replace(value))
    }
}

impl<T: 'static> fmt::Debug for LocalKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalKey").finish_non_exhaustive()
    }
}

/// std's `AccessError` (std's cannot be made outside std): formatted as std's.
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessError(());

impl fmt::Debug for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessError").finish()
    }
}

impl fmt::Display for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt("already destroyed", f)
    }
}

impl ::std::error::Error for AccessError {}

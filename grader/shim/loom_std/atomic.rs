//! `std::sync::atomic` in a loom build: every atomic type from one macro, over loom's,
//! recording each access, with the SeqCst fix the shim's root describes.
//!
//! loom gives SeqCst loads and stores no total order (loom issue #180). The wrappers model
//! the single total order S of C++20 as the order in which loom runs the SeqCst operations
//! and fences, and give each operation only what the model gives it, no more:
//! - while every write to an atomic has been SeqCst, a SeqCst load reads the newest store
//!   (a read-modify-write that changes nothing, with `Acquire`: it acquires as a SeqCst load
//!   does, and releases nothing), and a SeqCst store is a swap with `Release` (newest in the
//!   modification order, acquiring nothing). The old fix used SeqCst read-modify-writes,
//!   which release and acquire: a load then synchronized with the next store, so that code
//!   with one access weakened to Relaxed passed;
//! - a load of any ordering made after its thread's SeqCst fence reads the newest store when
//!   that store is SeqCst and came before the fence in S (C++20 [atomics.order] p4.3);
//! - a SeqCst load of an atomic with weaker writes, made after a SeqCst fence of another
//!   thread, first takes loom's SeqCst fence, so that it sees what happened before that
//!   fence (p4.2);
//! - a plain store to an atomic that had such a load, or any read-modify-write, is a swap (`store`);
//! - a read-modify-write that would leave the value as it was writes nothing (`changing`), so
//!   that a spinning `swap(true, ..)` is a load, which loom's spin detection handles;
//! - everything else is loom's own semantics.
//! What this cannot model (S can differ from the order loom runs things in when a SeqCst load
//! reads a value published by a Relaxed store) is listed in tests/litmus.rs and the README.
//!
//! `compare_exchange_weak` may fail spuriously, as std allows: in a model's second pass
//! (`__workbook::model` runs it when the first saw a weak exchange succeed), the first weak
//! exchange at each call site in each thread fails although the value matched.

pub use ::std::sync::atomic::{Ordering, compiler_fence};

use super::super::__workbook::{self as wb, Op, ToValue, Value};
use ::std::fmt;
use ::std::panic::Location;
use ::std::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release, SeqCst};

/// A value kept outside the model for an atomic (a guess, never trusted), as its bits: no
/// lock, so that an access to a freed atomic (its memory poisoned by the quarantine, see
/// `freed.rs`) cannot hang on a lock word that reads as held. `Sync` also for pointers,
/// which it never dereferences.
struct Shadow<T>(::std::sync::atomic::AtomicU64, ::core::marker::PhantomData<T>);
// SAFETY: the value is only copied in and out as bits, never dereferenced.
unsafe impl<T> Sync for Shadow<T> {}
unsafe impl<T> Send for Shadow<T> {}

impl<T: Copy> Shadow<T> {
    const FITS: () = assert!(::std::mem::size_of::<T>() <= 8);

    fn new(v: T) -> Self {
        let () = Self::FITS;
        Shadow(::std::sync::atomic::AtomicU64::new(Self::bits(v)), ::core::marker::PhantomData)
    }
    fn bits(v: T) -> u64 {
        let mut b = 0u64;
        // SAFETY: `T` is at most 8 bytes (`FITS`), copied into a u64's bytes.
        unsafe {
            ::std::ptr::copy_nonoverlapping(
                &v as *const T as *const u8,
                &mut b as *mut u64 as *mut u8,
                ::std::mem::size_of::<T>(),
            )
        };
        b
    }
    fn get(&self) -> T {
        let b = self.0.load(::std::sync::atomic::Ordering::Relaxed);
        // SAFETY: the bits of a `T` that `new` or `set` stored (read only while the atomic is
        // alive: every access checks its mark first).
        unsafe { ::std::ptr::read_unaligned(&b as *const u64 as *const T) }
    }
    fn set(&self, v: T) {
        self.0.store(Self::bits(v), ::std::sync::atomic::Ordering::Relaxed);
    }
}

/// The clock of S: every SeqCst fence and SeqCst store takes the next tick. Global and never
/// reset: loom runs one execution at a time, and only the order of ticks matters (an atomic
/// created after a tick cannot have seen it).
static CLOCK: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(1);
/// The tick of the latest SeqCst fence of any thread.
static LAST_FENCE: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);

fn tick() -> u64 {
    CLOCK.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed)
}

::loom::thread_local! {
    /// The tick of this thread's latest SeqCst fence (loom's thread-locals are per model thread
    /// and per execution).
    static MY_FENCE: ::std::cell::Cell<u64> = ::std::cell::Cell::new(0);
    /// Call sites where this thread's weak compare-exchange already failed spuriously.
    static SPURIOUS_DONE: ::std::cell::RefCell<::std::vec::Vec<(&'static str, u32, u32)>> =
        ::std::cell::RefCell::new(::std::vec::Vec::new());
}

/// Set when a weak compare-exchange succeeded in this model; on during the second pass.
static WEAK_CAS_SEEN: ::std::sync::atomic::AtomicBool = ::std::sync::atomic::AtomicBool::new(false);
static SPURIOUS_PASS: ::std::sync::atomic::AtomicBool = ::std::sync::atomic::AtomicBool::new(false);

/// Runs one model (`run` calls `loom::model`), and when it saw a weak compare-exchange
/// succeed, runs it again with spurious failures: in that pass the first weak exchange at
/// each call site in each thread that would succeed fails instead (a retry loop gets past
/// it; an `if` taken as "I won" does not). Two whole passes, not a branch: loom has no public
/// way to branch on a value, and a choice loom does not make breaks its replay.
pub(crate) fn passes(mut run: impl FnMut()) {
    let relaxed = ::std::sync::atomic::Ordering::Relaxed;
    WEAK_CAS_SEEN.store(false, relaxed);
    SPURIOUS_PASS.store(false, relaxed);
    run();
    if WEAK_CAS_SEEN.load(relaxed) {
        SPURIOUS_PASS.store(true, relaxed);
        run();
        SPURIOUS_PASS.store(false, relaxed);
    }
}

/// The preemption bound of a pass: the model's own in the first pass; in a pass with spurious
/// wakeups or spurious weak failures, at most one. Such a pass looks for code that takes a
/// spurious return as real, which shows without other threads running in between (the
/// thread's first wait or weak exchange at a site returns at once), or with one switch (to
/// let the waiter reach its wait first); exploring the other switches again, which the first
/// pass already did, would double the time of every model that waits.
pub(crate) fn pass_bound(bound: usize) -> usize {
    if SPURIOUS_PASS.load(::std::sync::atomic::Ordering::Relaxed) || super::condvar::spurious_pass() {
        bound.min(1)
    } else {
        bound
    }
}

/// Whether the weak compare-exchange at `loc` is due to fail spuriously (second pass, not yet
/// at this site in this thread).
fn spurious_due(loc: &'static Location<'static>) -> bool {
    SPURIOUS_PASS.load(::std::sync::atomic::Ordering::Relaxed)
        && SPURIOUS_DONE
            .try_with(|done| !done.borrow().contains(&site(loc)))
            .unwrap_or(false)
}

fn site(loc: &'static Location<'static>) -> (&'static str, u32, u32) {
    (loc.file(), loc.line(), loc.column())
}

#[track_caller]
pub fn fence(order: Ordering) {
    ::loom::sync::atomic::fence(order);
    if order == SeqCst {
        let t = tick();
        LAST_FENCE.store(t, ::std::sync::atomic::Ordering::Relaxed);
        let _ = MY_FENCE.try_with(|f| f.set(t));
    }
    wb::event(
        Op::Fence,
        0,
        Some(order),
        Value::None,
        Value::None,
        Location::caller(),
    );
}

/// One atomic type: its name (and type parameter), its value type, the type name recorded,
/// its default, the SeqCst read-modify-write that changes nothing (over loom's atomic,
/// `$inner`), and its `fetch_` operations with what each computes.
/// What `get_mut` returns: std's is a `&mut` to the value, but loom keeps the value inside its
/// model, so this is a copy that derefs as one (`*a.get_mut()`, `*a.get_mut() = v`) and, when it
/// goes, writes a changed value back (a Relaxed store: only this thread can see it until it
/// hands the atomic over, which is what orders it).
pub struct GetMut<'a, A: WriteBack<T>, T: Copy + PartialEq> {
    atomic: &'a mut A,
    value: T,
    was: T,
}

/// Writes `get_mut`'s changed value back into the model.
#[doc(hidden)]
pub trait WriteBack<T> {
    fn write_back(&mut self, v: T);
}

impl<A: WriteBack<T>, T: Copy + PartialEq> ::std::ops::Deref for GetMut<'_, A, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<A: WriteBack<T>, T: Copy + PartialEq> ::std::ops::DerefMut for GetMut<'_, A, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<A: WriteBack<T>, T: Copy + PartialEq> Drop for GetMut<'_, A, T> {
    fn drop(&mut self) {
        if self.value != self.was {
            self.atomic.write_back(self.value);
        }
    }
}

macro_rules! atomic {
    (
        $name:ident $(<$g:ident>)?, $t:ty,
        ty: $ty:expr,
        default: $default:expr,
        seqcst_load: |$inner:ident, $order:ident| $noop:expr,
        other: |$x:ident| $other:expr,
        [$($rmw:ident = $op:ident: $apply:expr),*]
    ) => {
        pub struct $name $(<$g>)? {
            inner: ::loom::sync::atomic::$name $(<$g>)?,
            /// Outside the model (loom runs one schedule at a time): whether a write weaker
            /// than SeqCst was made; the tick of the newest store if it is SeqCst, else 0;
            /// the tick at creation.
            weak: ::std::sync::atomic::AtomicBool,
            sc_store: ::std::sync::atomic::AtomicU64,
            /// Whether a read-modify-write was made on it (or a SeqCst load as one): a later
            /// plain store then goes after every write (see `store`).
            faked: ::std::sync::atomic::AtomicBool,
            /// The value this atomic last read or wrote: a guess for `changing`.
            seen: Shadow<$t>,
            born: u64,
            id: u32,
            /// Cleared when it is dropped; checked before every access (`freed.rs`).
            live: super::super::freed::Live,
        }

        impl $(<$g>)? Drop for $name $(<$g>)? {
            fn drop(&mut self) {
                let base = self as *const Self as usize;
                self.live.kill(self.id, base, ::std::mem::size_of::<Self>());
            }
        }

        impl $(<$g>)? $name $(<$g>)? {
            #[track_caller]
            pub fn new(v: $t) -> Self {
                let inner = <::loom::sync::atomic::$name $(<$g>)?>::new(v);
                let id = wb::object(stringify!($name), $ty, Location::caller(), v.value());
                $name {
                    inner,
                    weak: ::std::sync::atomic::AtomicBool::new(false),
                    sc_store: ::std::sync::atomic::AtomicU64::new(0),
                    faked: ::std::sync::atomic::AtomicBool::new(false),
                    seen: Shadow::new(v),
                    born: tick(),
                    id,
                    live: super::super::freed::Live::new(),
                }
            }

            /// Before every access: a use of a freed atomic ends the execution (`freed.rs`).
            #[track_caller]
            #[inline]
            fn alive(&self) {
                self.live.check(stringify!($name), self as *const Self as usize);
            }

            #[track_caller]
            pub fn into_inner(self) -> $t {
                self.alive();
                // Taken apart, not dropped: the value moves out (nothing else needs dropping).
                let this = ::std::mem::ManuallyDrop::new(self);
                // SAFETY: `this` is never used or dropped again.
                let inner = unsafe { ::std::ptr::read(&this.inner) };
                inner.into_inner()
            }

            /// std's `get_mut` (see `GetMut`): the value through `&mut self`, which no other
            /// thread can reach; loom checks, as for a read, that its last write happened
            /// before.
            #[track_caller]
            pub fn get_mut(&mut self) -> GetMut<'_, Self, $t> {
                self.alive();
                // SAFETY: `&mut self` is exclusive: no thread can access the atomic meanwhile
                // (loom's own check reports a last write that did not happen before).
                let value = unsafe { self.inner.unsync_load() };
                GetMut {
                    atomic: self,
                    value,
                    was: value,
                }
            }
        }

        impl $(<$g>)? WriteBack<$t> for $name $(<$g>)? {
            fn write_back(&mut self, v: $t) {
                self.wrote(Relaxed);
                self.inner.store(v, Relaxed);
                self.seen.set(v);
            }
        }

        impl $(<$g>)? $name $(<$g>)? {

            /// Records a write: one weaker than SeqCst ends the SeqCst fix for this atomic.
            fn wrote(&self, order: Ordering) {
                let t = if order == SeqCst {
                    tick()
                } else {
                    self.weak.store(true, ::std::sync::atomic::Ordering::Relaxed);
                    0
                };
                self.sc_store.store(t, ::std::sync::atomic::Ordering::Relaxed);
            }

            /// The newest store with `order`'s acquire side and no release (see the header).
            fn newest(&self, order: Ordering) -> $t {
                let $order = match order {
                    SeqCst | Acquire | AcqRel => Acquire,
                    _ => Relaxed,
                };
                self.faked.store(true, ::std::sync::atomic::Ordering::Relaxed);
                let $inner = &self.inner;
                $noop
            }

            fn all_seqcst(&self) -> bool {
                !self.weak.load(::std::sync::atomic::Ordering::Relaxed)
            }

            #[track_caller]
            pub fn load(&self, order: Ordering) -> $t {
                self.alive();
                let relaxed = ::std::sync::atomic::Ordering::Relaxed;
                let sc = self.sc_store.load(relaxed);
                let fenced = MY_FENCE.try_with(|f| f.get()).unwrap_or(0);
                let v = if (order == SeqCst && self.all_seqcst()) || (sc != 0 && sc < fenced) {
                    self.newest(order)
                } else {
                    if order == SeqCst && LAST_FENCE.load(relaxed) > self.born.max(fenced) {
                        ::loom::sync::atomic::fence(SeqCst);
                    }
                    self.inner.load(order)
                };
                // The model may have run other threads in the load: one may have freed this
                // atomic (then nothing below may touch it).
                self.alive();
                self.seen.set(v);
                wb::event(Op::Load, self.id, Some(order), v.value(), Value::None, Location::caller());
                v
            }

            #[track_caller]
            pub fn store(&self, v: $t, order: Ordering) {
                self.alive();
                let fixed = order == SeqCst && self.all_seqcst();
                self.wrote(order);
                if fixed {
                    self.inner.swap(v, Release);
                } else if self.faked.load(::std::sync::atomic::Ordering::Relaxed) {
                    // loom's modification order is partial: a plain store by a thread that
                    // has not seen the write of a read-modify-write (or of a load made as one)
                    // would be unordered with it, and later loads and read-modify-writes (even
                    // this thread's) could read that write, the old value, after this store,
                    // although a read-modify-write's write comes right after the value it
                    // read, so before this store (park_mutex: an unlock's `store(0)` after a
                    // waiter's `swap(2)` let the waiter's next swap read 2, and it slept for
                    // ever). A swap reads the newest value
                    // and goes after it, as the store does in the atomic's real order. (Its
                    // one excess: an acquire load that reads it also synchronizes with the
                    // release store it overwrote, as if it were a read-modify-write.) A store
                    // acquires nothing: SeqCst swaps as Release.
                    self.inner.swap(v, if order == SeqCst { Release } else { order });
                } else {
                    self.inner.store(v, order)
                }
                self.alive();
                self.seen.set(v);
                wb::event(Op::Store, self.id, Some(order), v.value(), Value::None, Location::caller());
            }

            /// A read-modify-write with `operand` computing `f(old)` that writes only when that changes the
            /// value: a compare-exchange from a value `f` changes, retried with the value found
            /// until it succeeds or finds a value `f` keeps (then it is a load with the
            /// ordering's acquire side). loom's spin-loop detection (a thread that yielded must
            /// see a newer store) covers loads, not writes: a `swap(true, ..)` spinning on a
            /// held lock writes `true` each time, and loom explores those writes until it gives
            /// up. Leaving the value as it was writes nothing a thread could tell from a write
            /// of the same value, except that a release in the ordering is not made (no thread
            /// could rely on that without also seeing a change). With no value `f` changes
            /// (`fetch_add(0)`), it is loom's plain read-modify-write, `plain`.
            #[track_caller]
            fn changing(
                &self,
                order: Ordering,
                operand: $t,
                f: impl Fn($t) -> $t,
                plain: impl FnOnce() -> $t,
            ) -> $t {
                self.faked.store(true, ::std::sync::atomic::Ordering::Relaxed);
                // The value last seen, unless `f` keeps it: then one that `f` changes, from the
                // operand (`!true` for a swap to true), so that the exchange fails and only reads.
                let mut guess = self.seen.get();
                if f(guess) == guess {
                    let $x = operand;
                    guess = $other;
                    if f(guess) == guess {
                        let old = plain();
                        self.alive();
                        self.seen.set(f(old));
                        return old;
                    }
                }
                let fail = match order {
                    Relaxed | Release => Relaxed,
                    Acquire | AcqRel => Acquire,
                    _ => SeqCst,
                };
                loop {
                    let r = self.inner.compare_exchange(guess, f(guess), order, fail);
                    self.alive();
                    match r {
                        Ok(old) => {
                            self.seen.set(f(old));
                            return old;
                        }
                        Err(found) if f(found) == found => {
                            self.seen.set(found);
                            return found;
                        }
                        Err(found) => guess = found,
                    }
                }
            }

            #[track_caller]
            pub fn swap(&self, v: $t, order: Ordering) -> $t {
                self.alive();
                self.wrote(order);
                let old = self.changing(order, v, |_| v, || self.inner.swap(v, order));
                wb::event(Op::Swap, self.id, Some(order), old.value(), v.value(), Location::caller());
                old
            }

            #[track_caller]
            pub fn compare_exchange(
                &self,
                current: $t,
                new: $t,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$t, $t> {
                self.alive();
                self.faked.store(true, ::std::sync::atomic::Ordering::Relaxed);
                let r = self.inner.compare_exchange(current, new, success, failure);
                self.alive();
                self.seen.set(match r {
                    Ok(_) => new,
                    Err(found) => found,
                });
                if r.is_ok() {
                    self.wrote(success);
                }
                cas(self.id, r, current, new, success, failure, Location::caller());
                r
            }

            #[track_caller]
            pub fn compare_exchange_weak(
                &self,
                current: $t,
                new: $t,
                success: Ordering,
                failure: Ordering,
            ) -> Result<$t, $t> {
                self.alive();
                self.faked.store(true, ::std::sync::atomic::Ordering::Relaxed);
                let loc = Location::caller();
                if spurious_due(loc) {
                    // A failed exchange reads the newest value with the failure ordering; so does
                    // this probe, which writes back the value it found when it matches (no release).
                    let probe = if failure == Relaxed { Relaxed } else { Acquire };
                    let r = self.inner.compare_exchange(current, current, probe, probe);
                    self.alive();
                    return match r {
                        Ok(found) => {
                            let _ = SPURIOUS_DONE.try_with(|d| d.borrow_mut().push(site(loc)));
                            wb::event(Op::CasSpurious, self.id, Some(failure), found.value(), current.value(), loc);
                            Err(found)
                        }
                        Err(found) => {
                            cas(self.id, Err(found), current, new, success, failure, loc);
                            Err(found)
                        }
                    };
                }
                let r = self.inner.compare_exchange(current, new, success, failure);
                self.alive();
                self.seen.set(match r {
                    Ok(_) => new,
                    Err(found) => found,
                });
                if r.is_ok() {
                    WEAK_CAS_SEEN.store(true, ::std::sync::atomic::Ordering::Relaxed);
                    self.wrote(success);
                }
                cas(self.id, r, current, new, success, failure, loc);
                r
            }

            #[track_caller]
            pub fn fetch_update<F>(
                &self,
                set_order: Ordering,
                fetch_order: Ordering,
                mut f: F,
            ) -> Result<$t, $t>
            where
                F: FnMut($t) -> Option<$t>,
            {
                self.alive();
                self.faked.store(true, ::std::sync::atomic::Ordering::Relaxed);
                let mut last = None;
                let r = self.inner.fetch_update(set_order, fetch_order, |v| {
                    last = f(v);
                    last
                });
                self.alive();
                if r.is_ok() {
                    self.wrote(set_order);
                }
                update(self.id, r, last, set_order, fetch_order, Location::caller());
                r
            }

            $(
                #[track_caller]
                pub fn $rmw(&self, v: $t, order: Ordering) -> $t {
                    self.alive();
                    self.wrote(order);
                    let apply: fn($t, $t) -> $t = $apply;
                    let old = self.changing(order, v, |old| apply(old, v), || self.inner.$rmw(v, order));
                    wb::event(Op::$op, self.id, Some(order), old.value(), apply(old, v).value(), Location::caller());
                    old
                }
            )*
        }

        impl $(<$g>)? Default for $name $(<$g>)? {
            #[track_caller]
            fn default() -> Self {
                Self::new($default)
            }
        }

        impl $(<$g>)? From<$t> for $name $(<$g>)? {
            #[track_caller]
            fn from(v: $t) -> Self {
                Self::new(v)
            }
        }

        /// std's: the value, read with a Relaxed load (a modelled one, as std's is a real
        /// one), so that a formatted atomic reads as it does on real threads (loom's own
        /// `Debug` prints its model's handle, which told a model from real threads).
        impl $(<$g>)? fmt::Debug for $name $(<$g>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.load(Relaxed), f)
            }
        }
    };
}

/// A compare-exchange: on success the old and new values, on failure the value found
/// and the one expected.
fn cas<T: ToValue>(
    id: u32,
    r: Result<T, T>,
    current: T,
    new: T,
    success: Ordering,
    failure: Ordering,
    loc: wb::Loc,
) {
    match r {
        Ok(old) => wb::event(Op::Cas, id, Some(success), old.value(), new.value(), loc),
        Err(found) => wb::event(
            Op::CasFail,
            id,
            Some(failure),
            found.value(),
            current.value(),
            loc,
        ),
    }
}

fn update<T: ToValue>(
    id: u32,
    r: Result<T, T>,
    new: Option<T>,
    set_order: Ordering,
    fetch_order: Ordering,
    loc: wb::Loc,
) {
    match (r, new) {
        (Ok(old), Some(new)) => wb::event(
            Op::FetchUpdate,
            id,
            Some(set_order),
            old.value(),
            new.value(),
            loc,
        ),
        (Ok(old), None) | (Err(old), _) => wb::event(
            Op::Load,
            id,
            Some(fetch_order),
            old.value(),
            Value::None,
            loc,
        ),
    }
}

macro_rules! int_atomic {
    ($name:ident, $t:ty) => {
        atomic!($name, $t, ty: stringify!($t), default: 0, seqcst_load: |a, o| a.fetch_add(0, o),
            other: |x| x.wrapping_add(1), [
            fetch_add = FetchAdd: |a, b| a.wrapping_add(b),
            fetch_sub = FetchSub: |a, b| a.wrapping_sub(b),
            fetch_and = FetchAnd: |a, b| a & b,
            fetch_nand = FetchNand: |a, b| !(a & b),
            fetch_or = FetchOr: |a, b| a | b,
            fetch_xor = FetchXor: |a, b| a ^ b,
            fetch_max = FetchMax: |a, b| a.max(b),
            fetch_min = FetchMin: |a, b| a.min(b)
        ]);
    };
}

atomic!(AtomicBool, bool, ty: "bool", default: false, seqcst_load: |a, o| a.fetch_or(false, o),
    other: |x| !x, [
    fetch_and = FetchAnd: |a, b| a & b,
    fetch_nand = FetchNand: |a, b| !(a & b),
    fetch_or = FetchOr: |a, b| a | b,
    fetch_xor = FetchXor: |a, b| a ^ b
]);
int_atomic!(AtomicUsize, usize);
int_atomic!(AtomicIsize, isize);
int_atomic!(AtomicU8, u8);
int_atomic!(AtomicU16, u16);
int_atomic!(AtomicU32, u32);
int_atomic!(AtomicU64, u64);
int_atomic!(AtomicI8, i8);
int_atomic!(AtomicI16, i16);
int_atomic!(AtomicI32, i32);
int_atomic!(AtomicI64, i64);

// Pointers are recorded numbered, not as addresses. loom's `AtomicPtr` has no operation
// that always writes what it read, so the SeqCst load is a compare-exchange of a value with
// itself, retried with the value found until it succeeds (a failed one is only a load).
atomic!(AtomicPtr<T>, *mut T, ty: ::std::any::type_name::<T>(), default: ::std::ptr::null_mut(),
    seqcst_load: |a, o| {
        let mut seen = ::std::ptr::null_mut();
        loop {
            match a.compare_exchange(seen, seen, o, o) {
                Ok(v) => break v,
                Err(v) => seen = v,
            }
        }
    },
    other: |x| x.wrapping_byte_add(1),
    []
);

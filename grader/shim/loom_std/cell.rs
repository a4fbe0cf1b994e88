//! `std::cell` in a loom build: std's `UnsafeCell` API over loom's, so that loom's causality
//! checker sees its accesses and reports a data race on it; everything else in `std::cell`
//! is the real std.
//!
//! The approximation. std's `get()` hands out a raw pointer, and a dereference of a raw
//! pointer cannot be intercepted, so an access is recorded where the pointer is taken, not
//! where it is used, and checked there as a read (loom's `with`) or a write (`with_mut`):
//! - a read when the grader read, from the learner's tokens, that the call site only reads
//!   through the pointer (`&*x.get()`, `let v = *x.get();`, `(*x.get()).assume_init_ref()`,
//!   `x.get().read()`: the list is in the grader's `harness/cell_reads.rs`), which passes the
//!   table of those sites (file, line, column) to `cell_reads` before the checks run;
//! - a write everywhere else (`*x.get() = v`, `&mut *x.get()`, any other method, a pointer
//!   kept in a variable): what a write through the pointer needs, stricter than a read needs.
//! So:
//! - a write not ordered after the cell's previous access (from another thread), or a read
//!   not ordered after its previous write, is reported, with both accesses' threads and lines;
//! - two reads at the same time on two threads (readers under a read lock, an `Arc`'s
//!   `Deref`) are not, when both are read sites; a read the grader could not be sure of
//!   counts as a write, and two of them at once are reported as a race (a false alarm, never
//!   a missed race);
//! - an access through a pointer kept from an earlier `get()` is checked where that `get()`
//!   was, not where the pointer is used: a thread that keeps the pointer past the point where
//!   it hands the cell to another thread, and uses it after, is not reported. Take the
//!   pointer each time you use it (`unsafe { *self.slot.get() = v }`), as idiomatic code does.
//!
//! `get_mut` and `into_inner` are writes too (they have the cell to themselves in safe code,
//! so they are only reported after unsafe code shared it unsoundly). `raw_get` is not
//! provided: it takes a raw pointer that may dangle, which the check would dereference.
//! Grader-owned checks say what they do explicitly with `__workbook::cell_read` and
//! `cell_write` (the gate refuses `__workbook` in a learner's file).

pub use ::std::cell::*;

use super::__workbook::{self as wb, Op, Value};
use ::std::fmt;
use ::std::panic::Location;
use ::std::sync::OnceLock;

/// The read sites of the build's learner files, sorted by (line, column, file).
static READS: OnceLock<&'static [(&'static str, u32, u32)]> = OnceLock::new();

/// Sets the read sites (once, before any model runs; later calls change nothing).
pub(super) fn set_reads(table: &'static [(&'static str, u32, u32)]) {
    let _ = READS.set(table);
}

/// Whether the `get()` called at `loc` only reads through its pointer.
fn is_read(loc: &Location<'_>) -> bool {
    let Some(table) = READS.get() else {
        return false;
    };
    let key = (loc.line(), loc.column(), loc.file());
    table
        .binary_search_by(|&(file, line, column)| (line, column, file).cmp(&key))
        .is_ok()
}

/// std's `UnsafeCell` over loom's: each access recorded and checked by loom.
pub struct UnsafeCell<T: ?Sized> {
    id: u32,
    /// Cleared when it is dropped; checked before every access (`freed.rs`).
    live: super::freed::Live,
    inner: ::loom::cell::UnsafeCell<T>,
}

impl<T: ?Sized> Drop for UnsafeCell<T> {
    fn drop(&mut self) {
        let base = self as *const Self as *const u8 as usize;
        self.live.kill(self.id, base, ::std::mem::size_of_val(self));
    }
}

impl<T> UnsafeCell<T> {
    #[track_caller]
    pub fn new(value: T) -> UnsafeCell<T> {
        let inner = ::loom::cell::UnsafeCell::new(value);
        let id = wb::object(
            "UnsafeCell",
            ::std::any::type_name::<T>(),
            Location::caller(),
            Value::None,
        );
        UnsafeCell {
            id,
            live: super::freed::Live::new(),
            inner,
        }
    }

    #[track_caller]
    pub fn into_inner(self) -> T {
        self.access(Op::CellIntoInner);
        // Taken apart, not dropped: the value moves out.
        let this = ::std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again.
        let inner = unsafe { ::std::ptr::read(&this.inner) };
        inner.into_inner()
    }
}

impl<T: ?Sized> UnsafeCell<T> {
    /// Before every access: a use of a freed cell ends the execution (`freed.rs`).
    #[track_caller]
    #[inline]
    fn alive(&self) {
        self.live
            .check("UnsafeCell", self as *const Self as *const u8 as usize);
    }

    /// Records the access, then lets loom check it as a write (loom panics in `with_mut` when
    /// the access races with an earlier one: the record must already hold it).
    #[track_caller]
    fn access(&self, op: Op) -> *mut T {
        self.alive();
        wb::event(op, self.id, None, Value::None, Value::None, Location::caller());
        self.inner.with_mut(|p| p)
    }

    /// Records a read, then lets loom check it as one.
    #[track_caller]
    fn read_access(&self) -> *mut T {
        self.alive();
        let loc = Location::caller();
        wb::event(Op::CellRead, self.id, None, Value::None, Value::None, loc);
        self.inner.with(|p| p as *mut T)
    }

    /// A pointer to the value, checked at this call as a read at a read site, else as a
    /// write (see the file's header).
    #[track_caller]
    pub fn get(&self) -> *mut T {
        if is_read(Location::caller()) {
            self.read_access()
        } else {
            self.access(Op::CellGet)
        }
    }

    /// `__workbook::cell_read`: the closure reads through the pointer, checked as a read for
    /// as long as it runs.
    #[track_caller]
    pub(super) fn read_with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        self.alive();
        let loc = Location::caller();
        wb::event(Op::CellRead, self.id, None, Value::None, Value::None, loc);
        self.inner.with(f)
    }

    /// `__workbook::cell_write`: the closure writes through the pointer, checked as a write
    /// for as long as it runs.
    #[track_caller]
    pub(super) fn write_with<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        self.alive();
        let loc = Location::caller();
        wb::event(Op::CellGet, self.id, None, Value::None, Value::None, loc);
        self.inner.with_mut(f)
    }

    #[track_caller]
    pub fn get_mut(&mut self) -> &mut T {
        // SAFETY: `&mut self` is the only access to the cell; the pointer is loom's to it.
        unsafe { &mut *self.access(Op::CellGetMut) }
    }
}

impl<T: Default> Default for UnsafeCell<T> {
    #[track_caller]
    fn default() -> UnsafeCell<T> {
        UnsafeCell::new(T::default())
    }
}

impl<T> From<T> for UnsafeCell<T> {
    #[track_caller]
    fn from(t: T) -> UnsafeCell<T> {
        UnsafeCell::new(t)
    }
}

impl<T: ?Sized> fmt::Debug for UnsafeCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnsafeCell").finish_non_exhaustive()
    }
}

//! `std::cell` in a loom build: std's `UnsafeCell` API over loom's, so that loom's causality
//! checker sees its accesses and reports a data race on it; everything else in `std::cell`
//! is the real std.
//!
//! The approximation. std's `get()` hands out a raw pointer, and a dereference of a raw
//! pointer cannot be intercepted, so an access is recorded where the pointer is taken, not
//! where it is used: every `get()` counts as a write (loom's `with_mut`) at its call, which is
//! what a write through the pointer needs, and is stricter than a read needs. So:
//! - a write or a read through `get()` that is not ordered after the cell's previous access
//!   (from another thread) is reported, with both accesses' threads and lines;
//! - two reads through `get()` at the same time on two threads (readers under a read lock
//!   built on an `UnsafeCell`) are reported too, as if one of them wrote: a false alarm only
//!   for shared readers of a cell, which the exercises that use this cell do not have;
//! - an access through a pointer kept from an earlier `get()` is checked where that `get()`
//!   was, not where the pointer is used: a thread that keeps the pointer past the point where
//!   it hands the cell to another thread, and uses it after, is not reported. Take the
//!   pointer each time you use it (`unsafe { *self.slot.get() = v }`), as idiomatic code does.
//!
//! `get_mut` and `into_inner` are writes too (they have the cell to themselves in safe code,
//! so they are only reported after unsafe code shared it unsoundly). `raw_get` is not
//! provided: it takes a raw pointer that may dangle, which the check would dereference.

pub use ::std::cell::*;

use super::__workbook::{self as wb, Op, Value};
use ::std::fmt;
use ::std::panic::Location;

/// std's `UnsafeCell` over loom's: each access recorded and checked by loom.
pub struct UnsafeCell<T: ?Sized> {
    id: u32,
    inner: ::loom::cell::UnsafeCell<T>,
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
        UnsafeCell { id, inner }
    }

    #[track_caller]
    pub fn into_inner(self) -> T {
        self.access(Op::CellIntoInner);
        self.inner.into_inner()
    }
}

impl<T: ?Sized> UnsafeCell<T> {
    /// Records the access, then lets loom check it as a write (loom panics in `with_mut` when
    /// the access races with an earlier one: the record must already hold it).
    #[track_caller]
    fn access(&self, op: Op) -> *mut T {
        wb::event(op, self.id, None, Value::None, Value::None, Location::caller());
        self.inner.with_mut(|p| p)
    }

    /// A pointer to the value, checked as a write at this call (see the file's header).
    #[track_caller]
    pub fn get(&self) -> *mut T {
        self.access(Op::CellGet)
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

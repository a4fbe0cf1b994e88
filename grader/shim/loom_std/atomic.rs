//! `std::sync::atomic` in a loom build: every atomic type from one macro, over loom's,
//! recording each access, with the SeqCst fix the shim's root describes (a SeqCst load is a
//! SeqCst read-modify-write that changes nothing, a SeqCst store a SeqCst swap, while every
//! write to that atomic has been SeqCst).

pub use ::std::sync::atomic::{Ordering, compiler_fence};

use super::super::__workbook::{self as wb, Op, ToValue, Value};
use ::std::fmt;
use ::std::panic::Location;
use ::std::sync::atomic::Ordering::SeqCst;

#[track_caller]
pub fn fence(order: Ordering) {
    ::loom::sync::atomic::fence(order);
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
macro_rules! atomic {
    (
        $name:ident $(<$g:ident>)?, $t:ty,
        ty: $ty:expr,
        default: $default:expr,
        seqcst_load: |$inner:ident| $noop:expr,
        [$($rmw:ident = $op:ident: $apply:expr),*]
    ) => {
        pub struct $name $(<$g>)? {
            inner: ::loom::sync::atomic::$name $(<$g>)?,
            weak: ::std::sync::atomic::AtomicBool,
            id: u32,
        }

        impl $(<$g>)? $name $(<$g>)? {
            #[track_caller]
            pub fn new(v: $t) -> Self {
                let inner = <::loom::sync::atomic::$name $(<$g>)?>::new(v);
                let id = wb::object(stringify!($name), $ty, Location::caller(), v.value());
                $name { inner, weak: ::std::sync::atomic::AtomicBool::new(false), id }
            }

            #[track_caller]
            pub fn into_inner(self) -> $t {
                self.inner.into_inner()
            }

            /// Records a write weaker than SeqCst: the SeqCst fix no longer applies.
            fn wrote(&self, order: Ordering) {
                if order != SeqCst {
                    self.weak.store(true, ::std::sync::atomic::Ordering::Relaxed);
                }
            }

            fn all_seqcst(&self) -> bool {
                !self.weak.load(::std::sync::atomic::Ordering::Relaxed)
            }

            #[track_caller]
            pub fn load(&self, order: Ordering) -> $t {
                let v = if order == SeqCst && self.all_seqcst() {
                    {
                        let $inner = &self.inner;
                        $noop
                    }
                } else {
                    self.inner.load(order)
                };
                wb::event(Op::Load, self.id, Some(order), v.value(), Value::None, Location::caller());
                v
            }

            #[track_caller]
            pub fn store(&self, v: $t, order: Ordering) {
                self.wrote(order);
                if order == SeqCst && self.all_seqcst() {
                    self.inner.swap(v, SeqCst);
                } else {
                    self.inner.store(v, order)
                }
                wb::event(Op::Store, self.id, Some(order), v.value(), Value::None, Location::caller());
            }

            #[track_caller]
            pub fn swap(&self, v: $t, order: Ordering) -> $t {
                self.wrote(order);
                let old = self.inner.swap(v, order);
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
                self.wrote(success);
                let r = self.inner.compare_exchange(current, new, success, failure);
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
                self.wrote(success);
                let r = self.inner.compare_exchange_weak(current, new, success, failure);
                cas(self.id, r, current, new, success, failure, Location::caller());
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
                self.wrote(set_order);
                let mut last = None;
                let r = self.inner.fetch_update(set_order, fetch_order, |v| {
                    last = f(v);
                    last
                });
                update(self.id, r, last, set_order, fetch_order, Location::caller());
                r
            }

            $(
                #[track_caller]
                pub fn $rmw(&self, v: $t, order: Ordering) -> $t {
                    self.wrote(order);
                    let old = self.inner.$rmw(v, order);
                    let apply: fn($t, $t) -> $t = $apply;
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

        impl $(<$g>)? fmt::Debug for $name $(<$g>)? {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.inner.fmt(f)
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
        atomic!($name, $t, ty: stringify!($t), default: 0, seqcst_load: |a| a.fetch_add(0, SeqCst), [
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

atomic!(AtomicBool, bool, ty: "bool", default: false, seqcst_load: |a| a.fetch_or(false, SeqCst), [
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
    seqcst_load: |a| {
        let mut seen = ::std::ptr::null_mut();
        loop {
            match a.compare_exchange(seen, seen, SeqCst, SeqCst) {
                Ok(v) => break v,
                Err(v) => seen = v,
            }
        }
    },
    []
);

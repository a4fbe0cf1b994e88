//! Use after free in a loom build: every shim atomic and `UnsafeCell` carries a liveness mark,
//! `Live`, set when it is made, cleared when it is dropped, and checked before each access.
//!
//! Why: a lock-free structure that frees a node another thread may still read (a Treiber
//! stack's `pop` that frees the node it unlinked) makes that thread's next access land in
//! freed memory. loom cannot see it (its atomics are handles into its own model, which a free
//! does not touch), and the shim's own bookkeeping inside the freed atomic is garbage there:
//! its lock once made the model hang until the time limit. So each access first reads the
//! mark; when it is not `ALIVE` the access ends the execution with a panic that says so, and
//! the record holds both the drop (`freed`, the thread that dropped it) and the use
//! (`used_freed`, the learner's line), which the grader's `used_after_free` reading reads.
//!
//! What makes the mark reliable: in loom runs the check binary's allocator quarantines freed
//! blocks (`__checks::heap`: poisoned, not handed out again while a model runs), so the mark
//! of a freed atomic stays cleared (or poisoned), never the mark of a new atomic allocated at
//! the same address. A plain field read through a dangling pointer finds poison (`0xa5`
//! bytes), not a value that looks right.
//!
//! What it cannot see: a plain (non-atomic, non-cell) read of freed memory is not
//! intercepted; it reads poison, which fails the model only if the value is used (a pointer
//! followed faults; a value returned fails the check's assertion). An atomic made by
//! zeroing memory (`mem::zeroed`), which std allows for its atomics, has no mark and is
//! reported as freed (loom's atomics cannot be made that way either).

use super::__workbook::{self as wb, Op, Value};
use ::std::panic::Location;
use ::std::sync::Mutex;

const ALIVE: u64 = 0x11fe_a70c_5afe_0001;
const DEAD: u64 = 0xdead_f7ee_d000_0000;

/// The mark. Read and written volatile: after a free the compiler may not assume it kept
/// the value it had.
pub(crate) struct Live(u64);

impl Live {
    pub(crate) fn new() -> Live {
        Live(ALIVE)
    }

    fn alive(&self) -> bool {
        // SAFETY: a read of this value's own field; when the value was freed, the memory is
        // still mapped (quarantined, or handed back to an allocator that keeps it mapped).
        unsafe { ::core::ptr::read_volatile(&self.0) == ALIVE }
    }

    /// Before an access to the object `what` at `base` (the object itself): panics when it
    /// is no longer alive.
    #[track_caller]
    #[inline]
    pub(crate) fn check(&self, what: &'static str, base: usize) {
        if !self.alive() {
            used(what, base);
        }
    }

    /// In the object's `Drop`: recorded as `freed`, and the mark cleared.
    pub(crate) fn kill(&mut self, id: u32, base: usize, size: usize) {
        if !self.alive() {
            return;
        }
        dropped(id, base, size);
        // SAFETY: this value's own field.
        unsafe { ::core::ptr::write_volatile(&mut self.0, DEAD) };
    }
}

/// The objects dropped in this execution: (start, size, number).
static DROPPED: Mutex<Vec<(usize, usize, u32)>> = Mutex::new(Vec::new());

fn table() -> ::std::sync::MutexGuard<'static, Vec<(usize, usize, u32)>> {
    DROPPED.lock().unwrap_or_else(|e| e.into_inner())
}

/// At the start of each execution (the recorder's reset).
pub(crate) fn new_execution() {
    table().clear();
}

fn dropped(id: u32, base: usize, size: usize) {
    if ::std::thread::panicking() {
        return;
    }
    table().push((base, size, id));
    wb::event(
        Op::Freed,
        id,
        None,
        Value::None,
        Value::None,
        Location::caller(),
    );
}

/// Reports the use (recorded, then a panic at the caller's line: the learner's).
#[cold]
#[inline(never)]
#[track_caller]
fn used(what: &'static str, base: usize) -> ! {
    let loc = Location::caller();
    // The latest object dropped at this address in this execution (0: not one this execution
    // dropped, its memory freed some other way).
    let id = table()
        .iter()
        .rev()
        .find(|&&(start, size, _)| start <= base && base < start + size.max(1))
        .map_or(0, |&(_, _, id)| id);
    wb::event(Op::UsedFreed, id, None, Value::None, Value::None, loc);
    ::std::panic!(
        "use after free: this {what} is in memory that was already freed (the memory was freed \
         while this thread could still reach it)"
    );
}

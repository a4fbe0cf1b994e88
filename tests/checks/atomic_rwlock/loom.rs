// Grader-owned loom models for atomic_rwlock: readers and writers on two threads, every
// interleaving. The value is in the lock's own `UnsafeCell`, which the shim tracks: a reader
// and a writer inside at once, or a lock whose Acquire and Release do not order one holder's
// accesses before the next one's, is reported as a data race on it. Two readers reading at
// once are not a race. Each model ends by checking that the lock is free again once every
// guard is gone (`try_write` gets it), which a lost reader count would break.
use super::{ReadGuard, RwLock, WriteGuard};
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `RwLock::new`, `try_read`, `read`, `try_write` and `write` must keep these signatures.
    let _: fn(u64) -> RwLock<u64> = RwLock::new;
    let _: fn(&RwLock<u64>) -> ::std::option::Option<ReadGuard<'_, u64>> = RwLock::try_read;
    let _: fn(&RwLock<u64>) -> ReadGuard<'_, u64> = RwLock::read;
    let _: fn(&RwLock<u64>) -> ::std::option::Option<WriteGuard<'_, u64>> = RwLock::try_write;
    let _: fn(&RwLock<u64>) -> WriteGuard<'_, u64> = RwLock::write;
    // A read guard derefs to the value; a write guard also mutably.
    fn _read<'a>(guard: &'a ReadGuard<'_, u64>) -> &'a u64 {
        <ReadGuard<'_, u64> as ::core::ops::Deref>::deref(guard)
    }
    fn _write<'a>(guard: &'a mut WriteGuard<'_, u64>) -> &'a mut u64 {
        <WriteGuard<'_, u64> as ::core::ops::DerefMut>::deref_mut(guard)
    }
}

/// Every guard is gone: the lock must be free, and hold `expected`.
fn assert_free(lock: &RwLock<u64>, expected: u64) {
    let guard = lock.try_write();
    ::std::assert!(
        guard.is_some(),
        "every guard was dropped, yet try_write cannot get the lock: the state does not \
         say free (0) again. Two threads changed it at the same time and one change was \
         lost (each change must be one atomic step from the state it saw), or a guard was \
         counted in and never out"
    );
    if let ::std::option::Option::Some(guard) = guard {
        ::std::assert_eq!(*guard, expected, "the value after every thread is done");
    }
}

/// The witness that readers share: while this thread holds a read guard, a reader on another
/// thread (and no writer anywhere) must get in at once, and both read the value together.
#[test]
fn step1_two_readers_are_inside_at_once() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(RwLock::new(7u64));
        let mine = lock.read();
        let other = {
            let lock = Arc::clone(&lock);
            thread::spawn(move || {
                let theirs = lock.try_read();
                ::std::assert!(
                    theirs.is_some(),
                    "a reader holds the lock and no writer waits: try_read on another \
                     thread must get in too (readers share)"
                );
                theirs.map(|guard| *guard)
            })
        };
        ::std::assert_eq!(*mine, 7, "a reader sees the value");
        ::core::mem::drop(mine);
        let theirs = other.join().unwrap();
        ::std::assert_eq!(
            theirs,
            ::std::option::Option::Some(7),
            "a reader sees the value"
        );
        assert_free(&lock, 7);
    });
}

/// A writer on one thread, a reader on the other, in either order: the reader sees the value
/// before or after the write, never during it (a data race on the value otherwise).
#[test]
fn step2_a_writer_excludes_a_reader() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(RwLock::new(0u64));
        let writer = {
            let lock = Arc::clone(&lock);
            thread::spawn(move || *lock.write() += 1)
        };
        let seen = *lock.read();
        ::std::assert!(
            seen <= 1,
            "a reader sees the value before or after the write"
        );
        writer.join().unwrap();
        assert_free(&lock, 1);
    });
}

/// Two writers, one with `write` and one with `try_write` until it gets in: never both
/// inside, and each sees the other's update.
#[test]
fn step3_a_writer_excludes_a_writer() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(RwLock::new(0u64));
        let writer = {
            let lock = Arc::clone(&lock);
            thread::spawn(move || *lock.write() += 1)
        };
        loop {
            if let ::std::option::Option::Some(mut guard) = lock.try_write() {
                *guard += 1;
                break;
            }
            crate::std::hint::spin_loop();
        }
        writer.join().unwrap();
        assert_free(&lock, 2);
    });
}

/// A writer waits behind a reader while a second reader tries to get in: the second may get
/// in before the writer starts waiting, never while the writer is inside; the writer gets in
/// once both readers are gone.
#[test]
fn step4_a_writer_waits_behind_a_reader() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(RwLock::new(0u64));
        let first = lock.read();
        let writer = {
            let lock = Arc::clone(&lock);
            thread::spawn(move || *lock.write() = 1)
        };
        if let ::std::option::Option::Some(second) = lock.try_read() {
            ::std::assert_eq!(
                *second,
                0,
                "a reader that gets in while the first is inside"
            );
        }
        ::std::assert_eq!(
            *first,
            0,
            "the writer cannot be in while the first reader is"
        );
        ::core::mem::drop(first);
        writer.join().unwrap();
        assert_free(&lock, 1);
    });
}

/// A reader tries while the main thread holds the write lock and then lets it go: `try_read`
/// gets nothing, or, after the unlock, the value written. And a failed `try_read` leaves the
/// state as it found it: one that adds its 2 first and takes it back when it sees the lock
/// taken wraps `WRITE_LOCKED` round (to 1: "free, a writer waits"), and if the writer unlocks
/// in between, the take-back leaves a state that is neither free nor held.
#[test]
fn step5_a_reader_tries_while_a_writer_holds_the_lock() {
    crate::std::__workbook::model(|| {
        let lock = Arc::new(RwLock::new(0u64));
        let mut guard = lock.write();
        let reader = {
            let lock = Arc::clone(&lock);
            thread::spawn(move || lock.try_read().map(|guard| *guard))
        };
        *guard = 1;
        ::core::mem::drop(guard);
        let seen = reader.join().unwrap();
        ::std::assert!(
            seen != ::std::option::Option::Some(0),
            "try_read got in while the writer held the lock (it saw the value before the write)"
        );
        assert_free(&lock, 1);
    });
}

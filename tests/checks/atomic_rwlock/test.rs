// Grader-owned tests for atomic_rwlock: on one thread, readers share, a writer excludes and
// every guard releases its lock when dropped; on real threads (the `stress_` tests, run after
// the loom models pass), several readers are inside at once, readers and writers never see a
// half-written value, and a writer waiting behind a reader is not overtaken by new readers.
use super::{ReadGuard, RwLock, WriteGuard};
use ::std::sync::Arc;
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;
use ::std::time::{Duration, Instant};

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

#[test]
fn readers_share_the_lock() {
    let lock = RwLock::new(7u64);
    let first = lock
        .try_read()
        .expect("a new lock is free: try_read must give a read guard");
    let second = lock
        .try_read()
        .expect("a reader is inside and no writer: a second reader must get in too");
    ::std::assert_eq!(*first, 7, "a read guard reaches the value");
    ::std::assert_eq!(*second, 7, "a read guard reaches the value");
    ::std::assert!(
        lock.try_write().is_none(),
        "two readers are inside: try_write must give nothing"
    );
    ::core::mem::drop(first);
    ::std::assert!(
        lock.try_write().is_none(),
        "one reader is still inside: try_write must give nothing"
    );
    ::core::mem::drop(second);
    ::std::assert!(
        lock.try_write().is_some(),
        "both read guards were dropped: the lock is free and try_write must get it (does a \
         read guard's drop take its reader out of the count?)"
    );
}

#[test]
fn a_writer_excludes_everyone() {
    let lock = RwLock::new(1u64);
    let mut writer = lock.write();
    *writer += 41;
    ::std::assert!(
        lock.try_read().is_none(),
        "a writer is inside: try_read must give nothing"
    );
    ::std::assert!(
        lock.try_write().is_none(),
        "a writer is inside: try_write must give nothing"
    );
    ::core::mem::drop(writer);
    ::std::assert_eq!(
        *lock.read(),
        42,
        "the writer's guard was dropped: a reader gets in and sees what it wrote"
    );
    ::std::assert!(
        lock.try_write().is_some(),
        "every guard was dropped: the lock is free and try_write must get it"
    );
}

#[test]
fn guards_release_the_lock_in_any_order() {
    let lock = RwLock::new(0u64);
    for round in 1..=100u64 {
        let readers: ::std::vec::Vec<_> = (0..round % 5).map(|_| lock.read()).collect();
        ::core::mem::drop(readers);
        let mut writer = lock
            .try_write()
            .expect("every read guard was dropped: try_write must get the lock");
        *writer = round;
        ::core::mem::drop(writer);
        ::std::assert_eq!(*lock.read(), round, "each write is seen by the next reader");
    }
}

/// The concurrency witness: three readers each wait, holding a read guard, until all three
/// are inside at once. A read lock that lets one reader in at a time never has three inside.
#[test]
fn stress_readers_are_inside_at_the_same_time() {
    let lock = Arc::new(RwLock::new(5u64));
    let meeting = Arc::new(crate::__checks::Rendezvous::new(3));
    let seen = {
        let (lock, meeting) = (Arc::clone(&lock), Arc::clone(&meeting));
        crate::__checks::together(3, move |_| {
            let guard = lock.read();
            meeting.arrive();
            *guard
        })
    };
    meeting.assert_parallel("three threads each holding a read guard");
    ::std::assert!(seen.iter().all(|&v| v == 5), "every reader sees the value");
}

/// Real threads, two writers and two readers: the value is a pair that every writer keeps
/// equal (it writes one half, then the other), so a reader inside at the same time as a
/// writer, or a writer at the same time as another, finds the halves differ or loses updates.
/// On a busy machine the OS may run a round's threads one after another: the rounds go on
/// until enough lock holds overlapped another thread's (`Overlap`), and if that never happens
/// the test says so (it does not pass).
#[test]
fn stress_readers_and_writers_never_overlap() {
    const EACH: u64 = 200;
    // How long no thread may finish a read or a write before the round is called stuck: a
    // measure of progress, not of the round's length, which grows with the machine's load
    // (a spinning lock whose holder is switched out makes everyone wait for its time slice).
    // A healthy lock finishes some operation every few milliseconds even at load 15; one
    // whose state lost a count finishes none once the others are done.
    const STUCK: Duration = Duration::from_secs(2);
    let overlap = Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the readers and writers", &overlap, |round| {
        let lock = Arc::new(RwLock::new((0u64, 0u64)));
        let torn = Arc::new(AtomicUsize::new(0));
        // Reads and writes finished so far, by all four threads (the watchdog's progress).
        let finished_ops = Arc::new(AtomicUsize::new(0));
        let (l, t, witness) = (Arc::clone(&lock), Arc::clone(&torn), Arc::clone(&overlap));
        let progress = Arc::clone(&finished_ops);
        let (finished, round_done) = ::std::sync::mpsc::channel();
        ::std::thread::spawn(move || {
            let done = crate::__checks::together(4, move |i| {
                let began = Instant::now();
                let mut n = 0;
                while witness.more(n, EACH, began) {
                    witness.op(|| {
                        if i < 2 {
                            let mut w = l.write();
                            w.0 += 1;
                            ::std::hint::spin_loop();
                            w.1 += 1;
                        } else {
                            // A reader holds its guard a little while, so that the two
                            // readers are often inside together (and coming and going while
                            // the other is inside, where a reader count that is not one
                            // atomic step goes wrong).
                            let r = l.read();
                            for _ in 0..20 {
                                if r.0 != r.1 {
                                    t.fetch_add(1, SeqCst);
                                }
                                ::std::hint::spin_loop();
                            }
                        }
                    });
                    progress.fetch_add(1, SeqCst);
                    n += 1;
                }
                n
            });
            let _ = finished.send(done);
        });
        // A lock whose state lost a count can leave a thread waiting for ever: say so, rather
        // than time out, once no thread has finished a read or a write for `STUCK`.
        let mut last = (finished_ops.load(SeqCst), Instant::now());
        let ended = loop {
            match round_done.recv_timeout(Duration::from_millis(50)) {
                ::std::result::Result::Err(::std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let now = finished_ops.load(SeqCst);
                    if now != last.0 {
                        last = (now, Instant::now());
                    } else if last.1.elapsed() >= STUCK {
                        break ::std::result::Result::Err(
                            ::std::sync::mpsc::RecvTimeoutError::Timeout,
                        );
                    }
                }
                other => break other,
            }
        };
        let done = match ended {
            ::std::result::Result::Ok(done) => done,
            ::std::result::Result::Err(::std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                ::std::panic!(
                    "round {round}: a reader or a writer panicked inside read, write or a \
                     guard's drop ({} reads found the pair half-written before that): the \
                     state went wrong when two threads changed it at once",
                    torn.load(SeqCst)
                )
            }
            ::std::result::Result::Err(::std::sync::mpsc::RecvTimeoutError::Timeout) => {
                ::std::panic!(
                    "round {round}: two writers and two readers had not finished, and none of \
                 them had finished a read or a write for {} s ({} done, {} reads found the \
                 pair half-written so far): a thread waits for ever in read or write. The \
                 state lost a change (two threads changed it at once and one overwrote the \
                 other) or never comes back to free",
                    STUCK.as_secs(),
                    last.0,
                    torn.load(SeqCst)
                )
            }
        };
        ::std::assert_eq!(
            torn.load(SeqCst),
            0,
            "round {round}: a reader found a pair half-written: it was inside while a writer was"
        );
        let last = *lock.read();
        let writes = done[0] + done[1];
        ::std::assert_eq!(
            last,
            (writes, writes),
            "round {round}: two writers added one to both halves {writes} times in all, under \
             the write lock"
        );
    });
}

/// No writer starved by readers, as a bounded check: a reader holds the lock and a writer
/// waits for it; within 2 s of that, a new reader's `try_read` must be refused (the writer
/// waits, so new readers must not get in); a reader that comes after that waits until the
/// writer has been in, and sees what it wrote.
#[test]
fn stress_a_waiting_writer_stops_new_readers() {
    const PATIENCE: Duration = Duration::from_secs(2);
    let lock = Arc::new(RwLock::new(0u64));
    let first = lock.read();
    let writer = {
        let lock = Arc::clone(&lock);
        ::std::thread::spawn(move || *lock.write() = 1)
    };
    // New readers come and go while `first` stays inside: once the writer waits, they must
    // be refused.
    let began = Instant::now();
    let refused = loop {
        match lock.try_read() {
            None => break true,
            Some(guard) => ::core::mem::drop(guard),
        }
        if began.elapsed() > PATIENCE {
            break false;
        }
        ::std::thread::yield_now();
    };
    if !refused {
        ::core::mem::drop(first);
        writer.join().expect("the writer panicked");
        ::std::panic!(
            "a writer waited for {} ms behind a reader, and all that time new readers still \
             got in (try_read gave a guard every time): readers that come and go would keep \
             the writer out for ever. A writer that waits must stop new readers: set the \
             waiting bit, and refuse readers while the state is odd",
            PATIENCE.as_millis()
        );
    }
    let late = {
        let lock = Arc::clone(&lock);
        ::std::thread::spawn(move || *lock.read())
    };
    ::core::mem::drop(first);
    writer.join().expect("the writer panicked");
    let seen = late.join().expect("the late reader panicked");
    ::std::assert_eq!(
        seen,
        1,
        "a reader that came while a writer was waiting got in before the writer: the waiting \
         writer must go first"
    );
}

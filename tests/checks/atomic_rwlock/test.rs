// Grader-owned tests for atomic_rwlock: on one thread, readers share, a writer excludes and
// every guard releases its lock when dropped; on real threads (the `stress_` tests, run after
// the loom models pass), several readers are inside at once, readers and writers never see a
// half-written value, a writer waiting behind a reader is not overtaken by new readers, and
// two writers that start waiting behind a reader at the same instant both get in.
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

/// Two writers come at the same instant while a reader is inside, again and again (real
/// threads: a reader that holds its guard a little while, sleeping, and two writers that wait
/// until it is inside, then meet (`SameInstant`) and call `write` within `SAME_INSTANT_NS` of
/// each other, so that both wait behind it). Each step of a writer's wait must be one atomic
/// change from the state it saw: a writer that checks for "no writer waits yet" (an even
/// state) and then adds the waiting bit in a second step adds it twice when both check
/// before either adds (about one such pair in four on two idle cores). The state then reads
/// as one reader more and no writer waiting, and never comes back to free: both writers wait
/// for ever while the reader still comes and goes. (Or one adds its bit to `WRITE_LOCKED`
/// after the other writer took the lock, which then reads as free while it is held: both get
/// in.) The test goes on until `MET` pairs met behind the reader; if they never do (a busy
/// machine), it says so and does not pass.
#[test]
fn stress_two_writers_come_at_the_same_instant_behind_a_reader() {
    use ::std::sync::atomic::AtomicBool;
    /// Pairs of `write` calls made at the same instant behind the reader that make a verdict.
    const MET: u64 = 24;
    /// How long the writers may finish no write before they are called stuck.
    const STUCK: Duration = Duration::from_secs(2);
    /// How long the reader holds its guard each time (sleeping: the writers need both cores).
    const READING: Duration = Duration::from_micros(50);
    let patience = match crate::workbook_runner::stress_time_left() {
        Some(left) => left.max(crate::__checks::budget()),
        None => crate::__checks::budget() + crate::__checks::OVERLAP_PATIENCE,
    };
    let began = Instant::now();
    let lock = Arc::new(RwLock::new(0u64));
    let met = Arc::new(crate::__checks::Overlap::new());
    let pairs = Arc::new(crate::__checks::SameInstant::new(&met));
    let mut rng = crate::__checks::Rng::new(0x7277_1e5);
    let seeds: [u64; 2] = ::core::array::from_fn(|_| rng.next_u64());
    // Writers done with their loop; the reader stops once one is (its partner cannot meet
    // anyone any more).
    let writers_done = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    // Whether the reader is inside now.
    let reading = Arc::new(AtomicBool::new(false));
    let inside = Arc::new(AtomicUsize::new(0));
    let both_in = Arc::new(AtomicUsize::new(0));
    // Writes finished so far (the watchdog's progress).
    let writes = Arc::new(AtomicUsize::new(0));
    let (l, witness, progress, reader_in) = (
        Arc::clone(&lock),
        Arc::clone(&met),
        Arc::clone(&writes),
        Arc::clone(&reading),
    );
    let (done_count, stopping, ins, both) = (
        Arc::clone(&writers_done),
        Arc::clone(&stop),
        Arc::clone(&inside),
        Arc::clone(&both_in),
    );
    let (finished, all_done) = ::std::sync::mpsc::channel();
    ::std::thread::spawn(move || {
        let counts = crate::__checks::together(3, move |i| {
            let mut n = 0u64;
            if i == 2 {
                while !stopping.load(SeqCst) {
                    let guard = l.read();
                    reader_in.store(true, SeqCst);
                    ::std::thread::sleep(READING);
                    reader_in.store(false, SeqCst);
                    ::core::mem::drop(guard);
                }
                return n;
            }
            let mut caller = pairs.caller(i, seeds[i]);
            while witness.overlapped() < MET
                && began.elapsed() < patience
                && done_count.load(SeqCst) == 0
            {
                // Writers would keep the reader out (a waiting writer goes first): each pair
                // waits until it is inside again (yielding: it needs a core).
                if !reader_in.load(SeqCst) {
                    ::std::thread::yield_now();
                    continue;
                }
                let ::core::option::Option::Some(pair) = caller.meet() else {
                    continue;
                };
                pair.call(|| {
                    let mut guard = l.write();
                    if ins.fetch_add(1, SeqCst) != 0 {
                        both.fetch_add(1, SeqCst);
                    }
                    *guard += 1;
                    for _ in 0..8 {
                        ::std::hint::spin_loop();
                    }
                    ins.fetch_sub(1, SeqCst);
                });
                progress.fetch_add(1, SeqCst);
                n += 1;
            }
            done_count.fetch_add(1, SeqCst);
            stopping.store(true, SeqCst);
            n
        });
        let _ = finished.send(counts);
    });
    let mut last = (writes.load(SeqCst), Instant::now());
    let counts = loop {
        match all_done.recv_timeout(Duration::from_millis(50)) {
            ::std::result::Result::Ok(counts) => break counts,
            ::std::result::Result::Err(::std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                ::std::panic!(
                    "a reader or a writer panicked inside read, write or a guard's drop"
                )
            }
            ::std::result::Result::Err(::std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let now = writes.load(SeqCst);
                if now != last.0 {
                    last = (now, Instant::now());
                } else if last.1.elapsed() >= STUCK {
                    ::std::panic!(
                        "two writers came at the same instant behind a reader, and for {} s \
                         neither got in ({} writes done before), while the reader still came \
                         and went: the state never comes back to free. Both set the waiting \
                         bit: each checked that no writer waited (an even state) and then \
                         added the bit in a second step, so both added it, and the state \
                         reads as one reader more and no writer waiting. Set the bit in one \
                         atomic step from the state you saw (compare_exchange from it, or \
                         fetch_or(1))",
                        STUCK.as_secs(),
                        last.0
                    );
                }
            }
        }
    };
    ::std::assert_eq!(
        both_in.load(SeqCst),
        0,
        "two writers were inside at once: one added its waiting bit to the state after the \
         other had taken the lock (WRITE_LOCKED + 1 wraps round to 0, free). Set the bit in \
         one atomic step from the state you saw"
    );
    let written = counts[0] + counts[1];
    let after = lock.try_write();
    ::std::assert!(
        after.is_some(),
        "two writers and a reader are done, yet try_write cannot get the lock: the state does \
         not say free (0) again"
    );
    if let Some(guard) = after {
        ::std::assert_eq!(
            *guard, written,
            "two writers added one {written} times in all, under the write lock"
        );
    }
    if met.overlapped() < MET {
        let why = ::std::format!(
            "{}: in {} ms, only {} pairs of writers called `write` at the same instant (within \
             150 ns of each other) behind a reader ({MET} needed), so this test proved nothing \
             either way. The machine is probably too busy: run the check again",
            crate::__checks::NO_OVERLAP,
            began.elapsed().as_millis(),
            met.overlapped()
        );
        crate::workbook_runner::inconclusive(&why);
        ::std::panic!("{why}");
    }
}

// Grader-owned tests for semaphore: the count on one thread, a release too many, then real
// threads (at most N inside at once; acquire waits while every permit is taken). The loom
// models (loom.rs) check every interleaving of a few threads sharing one permit.
use super::Semaphore;
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Semaphore::new` must keep this signature.
    let _: fn(usize) -> Semaphore = Semaphore::new;
    // `Semaphore::acquire` must keep this signature.
    let _: fn(&Semaphore) = Semaphore::acquire;
    // `Semaphore::release` must keep this signature.
    let _: fn(&Semaphore) = Semaphore::release;
    // `Semaphore::available` must keep this signature.
    let _: fn(&Semaphore) -> usize = Semaphore::available;
}

#[test]
fn acquire_and_release_count_permits() {
    let s = Semaphore::new(3);
    ::std::assert_eq!(s.available(), 3, "a new semaphore has all its permits");
    s.acquire();
    s.acquire();
    ::std::assert_eq!(s.available(), 1, "two permits taken");
    s.release();
    ::std::assert_eq!(s.available(), 2, "one permit given back");
    s.acquire();
    s.acquire();
    ::std::assert_eq!(s.available(), 0, "every permit taken");
    s.release();
    s.release();
    s.release();
    ::std::assert_eq!(s.available(), 3, "every permit back");
}

#[test]
fn a_release_too_many_panics() {
    let s = Semaphore::new(2);
    s.acquire();
    s.release();
    let more = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| s.release()));
    ::std::assert!(
        more.is_err(),
        "every permit is back: one more release must panic, not make a third permit"
    );
}

/// At most N of many real threads are between acquire and release at once, and every thread
/// gets in eventually.
#[test]
fn stress_at_most_n_inside_at_once() {
    const PERMITS: usize = 2;
    const THREADS: usize = 6;
    const EACH: usize = 30;
    let s = ::std::sync::Arc::new(Semaphore::new(PERMITS));
    let inside = ::std::sync::Arc::new(AtomicUsize::new(0));
    let most = ::std::sync::Arc::new(AtomicUsize::new(0));
    let threads: ::std::vec::Vec<_> = (0..THREADS)
        .map(|_| {
            let (s, inside, most) = (s.clone(), inside.clone(), most.clone());
            ::std::thread::spawn(move || {
                for _ in 0..EACH {
                    s.acquire();
                    let now = inside.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    ::std::thread::yield_now();
                    inside.fetch_sub(1, SeqCst);
                    s.release();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    ::std::assert!(
        most.load(SeqCst) <= PERMITS,
        "{} threads were inside at once with {PERMITS} permits",
        most.load(SeqCst)
    );
    ::std::assert_eq!(s.available(), PERMITS, "every permit is back at the end");
}

/// On real threads, and not by chance: with every permit taken (by this thread), `acquire` on
/// another thread must wait; once one permit is released, it must return. A semaphore that
/// lets a thread in with no permit left (or takes one only while it is model-checked) returns
/// at once here.
#[test]
fn stress_acquire_waits_while_every_permit_is_taken() {
    use ::std::sync::mpsc::RecvTimeoutError;
    use ::std::time::Duration;
    const PERMITS: usize = 2;
    /// How long the other thread's `acquire` must stay waiting: far longer than starting a
    /// thread and taking a lock take on a busy machine.
    const WAITING: Duration = Duration::from_millis(200);
    /// How long it may take to return once a permit is released.
    const WAKING: Duration = Duration::from_secs(5);
    let s = ::std::sync::Arc::new(Semaphore::new(PERMITS));
    for _ in 0..PERMITS {
        s.acquire();
    }
    let (got_in, came) = ::std::sync::mpsc::channel();
    let waiter = {
        let s = ::std::sync::Arc::clone(&s);
        ::std::thread::spawn(move || {
            s.acquire();
            let _ = got_in.send(());
        })
    };
    match came.recv_timeout(WAITING) {
        ::std::result::Result::Err(RecvTimeoutError::Timeout) => {}
        ::std::result::Result::Ok(()) => ::std::panic!(
            "all {PERMITS} permits were taken and none released, yet acquire on another thread \
             returned: it went in without a permit. acquire must wait while the count is 0"
        ),
        ::std::result::Result::Err(RecvTimeoutError::Disconnected) => ::std::panic!(
            "acquire panicked on another thread while all {PERMITS} permits were taken: it \
             must wait for a release"
        ),
    }
    s.release();
    match came.recv_timeout(WAKING) {
        ::std::result::Result::Ok(()) => {}
        ::std::result::Result::Err(_) => ::std::panic!(
            "a thread waited in acquire with every permit taken; one permit was released, \
             and {} s later it still had not returned: release must wake a waiting thread, \
             and the woken thread must take the permit",
            WAKING.as_secs()
        ),
    }
    waiter.join().expect("the waiting thread panicked");
    ::std::assert_eq!(
        s.available(),
        0,
        "{} permits are held (one by the thread that waited), so none is available",
        PERMITS
    );
}

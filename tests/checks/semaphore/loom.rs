// Grader-owned loom models for semaphore: threads sharing one permit, every interleaving (and,
// in the shim, spurious condvar wakeups). A waiter nobody wakes is reported as a deadlock.
use super::Semaphore;
use crate::std::sync::Arc;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
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

/// Takes a permit, checks that nobody else is inside, gives the permit back.
fn use_the_permit(s: &Semaphore, inside: &AtomicUsize) {
    s.acquire();
    let others = inside.fetch_add(1, SeqCst);
    ::std::assert_eq!(others, 0, "one permit, yet two threads are inside at once");
    inside.fetch_sub(1, SeqCst);
    s.release();
}

#[test]
fn step1_two_threads_share_one_permit() {
    crate::std::__workbook::model(|| {
        let s = Arc::new(Semaphore::new(1));
        let inside = Arc::new(AtomicUsize::new(0));
        let other = {
            let (s, inside) = (Arc::clone(&s), Arc::clone(&inside));
            thread::spawn(move || use_the_permit(&s, &inside))
        };
        use_the_permit(&s, &inside);
        other.join().unwrap();
        ::std::assert_eq!(s.available(), 1, "the permit is back at the end");
    });
}

#[test]
fn step2_three_threads_share_one_permit() {
    crate::std::__workbook::model(|| {
        let s = Arc::new(Semaphore::new(1));
        let inside = Arc::new(AtomicUsize::new(0));
        let others: ::std::vec::Vec<_> = (0..2)
            .map(|_| {
                let (s, inside) = (Arc::clone(&s), Arc::clone(&inside));
                thread::spawn(move || use_the_permit(&s, &inside))
            })
            .collect();
        use_the_permit(&s, &inside);
        for other in others {
            other.join().unwrap();
        }
        ::std::assert_eq!(s.available(), 1, "the permit is back at the end");
    });
}

/// Two permits, both held by the main thread while two other threads wait for one each: the
/// main thread gives both back, one release after the other, and each release must wake a
/// waiter (waking only when the count goes from 0 to 1 leaves the second asleep beside a
/// free permit).
#[test]
fn step3_two_releases_wake_two_waiters() {
    crate::std::__workbook::model(|| {
        let s = Arc::new(Semaphore::new(2));
        s.acquire();
        s.acquire();
        let waiters: ::std::vec::Vec<_> = (0..2)
            .map(|_| {
                let s = Arc::clone(&s);
                thread::spawn(move || {
                    s.acquire();
                    s.release();
                })
            })
            .collect();
        s.release();
        s.release();
        for waiter in waiters {
            waiter.join().unwrap();
        }
        ::std::assert_eq!(s.available(), 2, "both permits are back at the end");
    });
}

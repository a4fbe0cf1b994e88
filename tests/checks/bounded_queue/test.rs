// Grader-owned tests for bounded_queue, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; this stress test (run after the models pass) checks
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::BoundedQueue;
use ::std::sync::atomic::{AtomicUsize, Ordering};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `BoundedQueue::new` must keep this signature.
    let _: fn(usize) -> BoundedQueue<u32> = BoundedQueue::new;
    // `BoundedQueue::push` must keep this signature.
    let _: fn(&BoundedQueue<u32>, u32) = BoundedQueue::push;
    // `BoundedQueue::pop` must keep this signature.
    let _: fn(&BoundedQueue<u32>) -> u32 = BoundedQueue::pop;
}

/// The loom models' properties on real threads: two producers and two consumers on a queue of
/// capacity 2, every item popped exactly once, and never more items in the queue than its
/// capacity. A consumer counts a pop as started before it calls `pop` and a producer counts a
/// push once it has returned; reading the finished pushes first and the started pops after, a
/// difference above the capacity proves the queue held more than its capacity at that moment.
#[test]
fn stress_two_producers_two_consumers_within_capacity() {
    const CAPACITY: usize = 2;
    const EACH: u32 = 100;
    crate::__checks::rounds(|round| {
        let queue = ::std::sync::Arc::new(BoundedQueue::new(CAPACITY));
        let pushed = ::std::sync::Arc::new(AtomicUsize::new(0));
        let started = ::std::sync::Arc::new(AtomicUsize::new(0));
        let results = crate::__checks::together(4, move |i| {
            let mut got = ::std::vec::Vec::new();
            let mut most = 0;
            for n in 0..EACH {
                if i < 2 {
                    queue.push(i as u32 * EACH + n);
                    pushed.fetch_add(1, Ordering::SeqCst);
                } else {
                    started.fetch_add(1, Ordering::SeqCst);
                    got.push(queue.pop());
                }
                let done = pushed.load(Ordering::SeqCst);
                most = most.max(done.saturating_sub(started.load(Ordering::SeqCst)));
            }
            (got, most)
        });
        let most = results.iter().map(|(_, most)| *most).max().unwrap_or(0);
        ::std::assert!(
            most <= CAPACITY,
            "on real threads (round {round}) a queue of capacity {CAPACITY} held {most} items: \
             `push` must wait while the queue is full, and check again after every wakeup"
        );
        let mut got: ::std::vec::Vec<u32> = results.into_iter().flat_map(|(got, _)| got).collect();
        got.sort_unstable();
        ::std::assert!(
            got.iter().copied().eq(0..2 * EACH),
            "two producers pushed {} items and two consumers popped as many on real threads \
             (round {round}): each item must be popped exactly once",
            2 * EACH
        );
    });
}

/// `a_full_queue_holds_no_more_than_its_capacity` on real threads, without a race to win: a
/// producer pushes one item more than the capacity into a queue that nobody pops. The last
/// push must block: while the test waits, only `capacity` pushes may have returned. Then the
/// test pops, and the items come out in order. Capacity 1, then one drawn per run (2 to 5),
/// so that a limit written into `push` instead of the queue's own capacity fails.
#[test]
fn stress_a_full_queue_blocks_the_producer() {
    let drawn = crate::__checks::Rng::new(0x6271_6361_7061_6369).range(2, 6) as usize;
    for capacity in [1, drawn] {
        a_full_queue_blocks_the_producer(capacity);
    }
}

fn a_full_queue_blocks_the_producer(capacity: usize) {
    let items = capacity as u32 + 1;
    const WAIT: ::std::time::Duration = ::std::time::Duration::from_millis(100);
    let queue = ::std::sync::Arc::new(BoundedQueue::new(capacity));
    let pushed = ::std::sync::Arc::new(AtomicUsize::new(0));
    let producer = {
        let (queue, pushed) = (
            ::std::sync::Arc::clone(&queue),
            ::std::sync::Arc::clone(&pushed),
        );
        ::std::thread::spawn(move || {
            for item in 1..=items {
                queue.push(item);
                pushed.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let began = ::std::time::Instant::now();
    while pushed.load(Ordering::SeqCst) < capacity {
        ::std::assert!(
            began.elapsed() < ::std::time::Duration::from_secs(5),
            "on real threads a queue of capacity {capacity} that nobody popped took only {} \
             items: `push` must wait only while the queue is full (`self.capacity` items)",
            pushed.load(Ordering::SeqCst)
        );
        ::std::thread::sleep(::std::time::Duration::from_millis(1));
    }
    ::std::thread::sleep(WAIT);
    let done = pushed.load(Ordering::SeqCst);
    ::std::assert_eq!(
        done,
        capacity,
        "on real threads a queue of capacity {capacity} that nobody popped took {done} items: \
         push number {items} must wait while the queue is full (`self.capacity` items)"
    );
    let got: ::std::vec::Vec<u32> = (0..items).map(|_| queue.pop()).collect();
    producer.join().unwrap();
    ::std::assert_eq!(
        got,
        (1..=items).collect::<::std::vec::Vec<u32>>(),
        "one producer pushed 1 to {items}: they must come out in that order"
    );
}

// bounded_queue: a blocking queue with a size limit, and two reasons to wait.
//
// A logging pipeline: request threads push log lines, writer threads pop them and write
// them to disk. The queue is bounded so that slow disks slow the producers down instead of
// filling memory (backpressure): `push` waits while the queue is full, `pop` waits while it
// is empty.
//
// Two different conditions share one `Condvar` here, and `notify_one` wakes whichever
// thread has waited longest, whatever it waits for. Picture two writers and one producer,
// capacity 1: both writers sleep on an empty queue; the producer pushes a line (waking
// writer A) and then sleeps because the queue is full. Writer A pops the line and its
// notify_one wakes... writer B, who finds the queue empty and sleeps again. The producer,
// the one thread that could make progress, is never woken.
//
// What to do: give each condition its own condvar, `not_empty` (consumers wait on it,
// `push` notifies it) and `not_full` (producers wait on it, `pop` notifies it), so that a
// notify always reaches a thread waiting for what just became true.
//
// How it is checked: loom runs one producer and two consumers, and two producers and one
// consumer, with capacity 1 and 2, under every interleaving (and lets a wait return without a
// notify, as std may); the queue must never hold more than its capacity, and items come out
// in the order they went in. Then the same on real threads. The shipped code deadlocks.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    // TODO: one condvar for two conditions: split it into `not_empty` and `not_full`.
    changed: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        assert!(capacity > 0, "a queue of capacity 0 could never accept an item");
        BoundedQueue {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            changed: Condvar::new(),
        }
    }

    /// Adds an item at the back, waiting while the queue is full.
    pub fn push(&self, item: T) {
        let mut items = self.items.lock().unwrap();
        // TODO: wait for "not full"...
        while items.len() == self.capacity {
            items = self.changed.wait(items).unwrap();
        }
        items.push_back(item);
        // TODO: ...and tell a consumer the queue is not empty.
        self.changed.notify_one();
    }

    /// Takes the item at the front, waiting while the queue is empty.
    pub fn pop(&self) -> T {
        let mut items = self.items.lock().unwrap();
        // TODO: wait for "not empty"...
        while items.is_empty() {
            items = self.changed.wait(items).unwrap();
        }
        let item = items.pop_front().expect("the loop only ends when there is an item");
        // TODO: ...and tell a producer the queue is not full.
        self.changed.notify_one();
        item
    }
}

fn main() {
    let queue = Arc::new(BoundedQueue::new(2));
    let writer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || {
            for _ in 0..5 {
                let line: String = queue.pop();
                println!("wrote: {line}");
            }
        })
    };
    for i in 0..5 {
        queue.push(format!("GET /page/{i} 200"));
    }
    writer.join().unwrap();
}

// verdict: pass
// Right, but wasteful: one condvar, and `notify_all` so the thread that can go on is always
// among those woken. Every other sleeper wakes, re-checks and sleeps again.
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

pub struct BoundedQueue<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    changed: Condvar,
}

impl<T> BoundedQueue<T> {
    pub fn new(capacity: usize) -> BoundedQueue<T> {
        assert!(capacity > 0);
        BoundedQueue { items: Mutex::new(VecDeque::new()), capacity, changed: Condvar::new() }
    }

    pub fn push(&self, item: T) {
        let mut items = self.items.lock().unwrap();
        while items.len() == self.capacity {
            items = self.changed.wait(items).unwrap();
        }
        items.push_back(item);
        self.changed.notify_all();
    }

    pub fn pop(&self) -> T {
        let mut items = self.items.lock().unwrap();
        while items.is_empty() {
            items = self.changed.wait(items).unwrap();
        }
        let item = items.pop_front().expect("woke up to an empty queue");
        self.changed.notify_all();
        item
    }
}

fn main() {
    let queue = Arc::new(BoundedQueue::new(1));
    let writer = {
        let queue = Arc::clone(&queue);
        thread::spawn(move || queue.pop() + queue.pop())
    };
    queue.push(1);
    queue.push(2);
    println!("{}", writer.join().unwrap());
}

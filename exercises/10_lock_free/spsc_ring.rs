// spsc_ring: a single-producer single-consumer ring buffer, with two atomic indices.
//
// A sensor thread samples a temperature and hands each reading to a logger thread. They must
// never wait on a lock, so they share a fixed ring of slots and two counters:
// - `tail`: how many readings the producer has written (only the producer changes it),
// - `head`: how many readings the consumer has read (only the consumer changes it).
// Reading number `i` lives in slot `i % capacity`; the ring is empty when head == tail and
// full when tail - head == capacity.
//
// The slots are `AtomicU64` so that the model checker sees every read and write of them. A
// ring for any type T would keep `UnsafeCell<MaybeUninit<T>>` slots, with exactly the same
// orderings on `head` and `tail` (there, a wrong one is a data race: undefined behaviour).
//
// The code below gets the indices right, but every load and store of them is Relaxed. A
// Relaxed store of `tail` says "slot i is ready" without making the value in slot i visible
// with it: the consumer can see the new tail and still read the slot's old contents.
//
// What to do: choose the ordering of each load and store marked TODO. One pair of them
// publishes a reading from the producer to the consumer; the other hands an emptied slot back
// from the consumer to the producer. Keep Relaxed where a thread reads its own index.
//
// How it is checked: loom runs a producer and a consumer under every interleaving and checks
// that the consumer gets every reading, whole and in order.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread;

struct Ring {
    slots: Box<[AtomicU64]>,
    /// Readings read so far. Written by the consumer only.
    head: AtomicUsize,
    /// Readings written so far. Written by the producer only.
    tail: AtomicUsize,
}

/// The sending end. Not `Clone`: there is exactly one producer.
pub struct Producer {
    ring: Arc<Ring>,
}

/// The receiving end. Not `Clone`: there is exactly one consumer.
pub struct Consumer {
    ring: Arc<Ring>,
}

/// A ring with room for `capacity` readings, split into its two ends.
pub fn ring(capacity: usize) -> (Producer, Consumer) {
    assert!(capacity > 0, "a ring needs at least one slot");
    let ring = Arc::new(Ring {
        slots: (0..capacity).map(|_| AtomicU64::new(0)).collect(),
        head: AtomicUsize::new(0),
        tail: AtomicUsize::new(0),
    });
    (Producer { ring: Arc::clone(&ring) }, Consumer { ring })
}

impl Producer {
    /// Adds a reading, or gives it back in `Err` if the ring is full.
    pub fn push(&mut self, reading: u64) -> Result<(), u64> {
        let ring = &*self.ring;
        // Relaxed: only this thread writes `tail`, so it always sees its own last store.
        let tail = ring.tail.load(Ordering::Relaxed);
        // TODO: may we overwrite the slot the consumer has just given back? Which ordering?
        let head = ring.head.load(Ordering::Relaxed);
        if tail.wrapping_sub(head) == ring.slots.len() {
            return Err(reading);
        }
        // The slot is ours until we publish it.
        ring.slots[tail % ring.slots.len()].store(reading, Ordering::Relaxed);
        // TODO: this store tells the consumer "the slot is ready". Which ordering makes the
        // reading in it visible too?
        ring.tail.store(tail.wrapping_add(1), Ordering::Relaxed);
        Ok(())
    }
}

impl Consumer {
    /// Takes the oldest reading, or None if the ring is empty.
    pub fn pop(&mut self) -> Option<u64> {
        let ring = &*self.ring;
        // Relaxed: only this thread writes `head`.
        let head = ring.head.load(Ordering::Relaxed);
        // TODO: after this load we read a slot the producer wrote. Which ordering?
        let tail = ring.tail.load(Ordering::Relaxed);
        if head == tail {
            return None;
        }
        let reading = ring.slots[head % ring.slots.len()].load(Ordering::Relaxed);
        // TODO: this store gives the slot back to the producer. Which ordering?
        ring.head.store(head.wrapping_add(1), Ordering::Relaxed);
        Some(reading)
    }
}

fn main() {
    let (mut producer, mut consumer) = ring(4);
    let sensor = thread::spawn(move || {
        for reading in 1..=20 {
            // The ring is full: let the logger catch up, then try again.
            while producer.push(reading).is_err() {
                thread::yield_now();
            }
        }
    });
    let mut logged = Vec::new();
    while logged.len() < 20 {
        match consumer.pop() {
            Some(reading) => logged.push(reading),
            None => thread::yield_now(),
        }
    }
    sensor.join().unwrap();
    println!("logged: {logged:?}");
}

// spsc_ring: a single-producer single-consumer ring buffer, with two atomic indices.
//
// A sensor thread samples a temperature and hands each reading to a logger thread. They must
// never wait on a lock, so they share a fixed ring of slots and two counters:
// - `tail`: how many readings the producer has written (only the producer changes it),
// - `head`: how many readings the consumer has read (only the consumer changes it).
// Reading number `i` lives in slot `i % capacity`; the ring is empty when head == tail and
// full when tail - head == capacity.
//
// The slots are plain memory, `UnsafeCell<MaybeUninit<u64>>` (a ring for any type T would
// keep `UnsafeCell<MaybeUninit<T>>` the same way): no atomic protects them, only the
// orderings on `head` and `tail`. A slot read while the other thread may still be writing it,
// or written while it may still be read, is a data race: undefined behaviour.
//
// The code below gets the indices right, but every load and store of them is Relaxed. A
// Relaxed store of `tail` says "slot i is ready" without making the write into slot i visible
// with it: the consumer can see the new tail and read the slot while, as far as the memory
// model is concerned, the producer may still be writing it.
//
// What to do: choose the ordering of each load and store marked TODO. One pair of them
// publishes a reading from the producer to the consumer; the other hands an emptied slot back
// from the consumer to the producer. Keep Relaxed where a thread reads its own index.
//
// How it is checked: loom runs a producer and a consumer under every interleaving, checks
// that the consumer gets every reading, whole and in order, and reports a data race on a slot
// whose two accesses (a write and a read, on two threads) are not ordered one after the other;
// then a stress test runs a producer and a consumer on two real threads (ring sizes and
// readings drawn per run).

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

struct Ring {
    /// Slot `i % capacity` holds reading `i` while head <= i < tail.
    slots: Box<[UnsafeCell<MaybeUninit<u64>>]>,
    /// Readings read so far. Written by the consumer only.
    head: AtomicUsize,
    /// Readings written so far. Written by the producer only.
    tail: AtomicUsize,
}

// SAFETY: a slot is written only by the producer while it is outside head..tail, and read only
// by the consumer while it is inside; `head` and `tail` hand each slot from one to the other.
unsafe impl Sync for Ring {}

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
        slots: (0..capacity).map(|_| UnsafeCell::new(MaybeUninit::uninit())).collect(),
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
        // SAFETY: the slot is outside head..tail: the consumer is done with it.
        unsafe { (*ring.slots[tail % ring.slots.len()].get()).write(reading) };
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
        // SAFETY: the slot is inside head..tail: the producer has written it.
        let reading = unsafe { (*ring.slots[head % ring.slots.len()].get()).assume_init_read() };
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

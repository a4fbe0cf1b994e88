// spsc_ring: a single-producer single-consumer ring buffer, with two atomic indices.
//
// Solution: each index has one writer. The producer writes a slot and then publishes it by
// storing `tail` with Release; the consumer loads `tail` with Acquire before reading the slot.
// In the other direction, the consumer frees a slot by storing `head` with Release after it
// has read it; the producer loads `head` with Acquire before writing into the slot again.
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
// How it is checked: loom runs a producer and a consumer under every interleaving, then a
// stress test runs them on two real threads.

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
        // Acquire: pairs with the consumer's Release store of `head`, so its read of the slot
        // we may now reuse is finished before we overwrite that slot. With Relaxed, our write
        // could overlap the consumer's read of it: a data race.
        let head = ring.head.load(Ordering::Acquire);
        if tail.wrapping_sub(head) == ring.slots.len() {
            return Err(reading);
        }
        // SAFETY: the slot is outside head..tail, and the Acquire above ordered the
        // consumer's read of it before this write. The slot is ours until we publish it.
        unsafe { (*ring.slots[tail % ring.slots.len()].get()).write(reading) };
        // Release: publishes the slot. A consumer that sees the new tail with Acquire also
        // sees the reading. With Relaxed it could see the new tail and an old slot value.
        ring.tail.store(tail.wrapping_add(1), Ordering::Release);
        Ok(())
    }
}

impl Consumer {
    /// Takes the oldest reading, or None if the ring is empty.
    pub fn pop(&mut self) -> Option<u64> {
        let ring = &*self.ring;
        // Relaxed: only this thread writes `head`.
        let head = ring.head.load(Ordering::Relaxed);
        // Acquire: pairs with the producer's Release store of `tail`, so the slots below
        // `tail` hold the readings the producer wrote into them.
        let tail = ring.tail.load(Ordering::Acquire);
        if head == tail {
            return None;
        }
        // SAFETY: the slot is inside head..tail, and the Acquire load of `tail` ordered the
        // producer's write of it before this read.
        let reading = unsafe { (*ring.slots[head % ring.slots.len()].get()).assume_init_read() };
        // Release: hands the slot back only after we have read it (see push's Acquire).
        ring.head.store(head.wrapping_add(1), Ordering::Release);
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

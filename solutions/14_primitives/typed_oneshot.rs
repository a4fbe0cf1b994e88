// typed_oneshot: a one-shot channel whose misuse does not compile.
//
// `oneshot` refused a second `send` and a second `recv` with a panic, at run time. Here the
// channel comes in two halves, and the type system does the refusing:
// - `channel()` returns a `Sender<T>` and a `Receiver<T>` that share one `Arc<Channel<T>>`;
// - `Sender::send` takes `self`: the sender is moved into the call, so a second `send` on it
//   is a compile error (use of a moved value), and no flag is needed to refuse it;
// - `Receiver::recv` takes `self` too: one message, received once;
// - the halves may move to another thread only when the message may: `Sender<T>` and
//   `Receiver<T>` are `Send` exactly when `T: Send`. A `Sender<Rc<u64>>` moved to another thread
//   would let two threads count the same `Rc` without atomics.
//
// The handover itself is `oneshot`'s: a Release store of `ready` after writing the slot, an
// Acquire swap before reading it, and Drop drops a message nobody received.
//
// What to do: change `send` and `recv` so that each half is used up by its one call, and
// replace the `unsafe impl`s marked TODO by the one that is sound.
//
// How it is checked: compile cases (a second `send`, a second `recv`, and halves of a channel
// of `Rc` moved to another thread must not compile; halves of a channel of `String`, of
// `Cell<u64>` (Send but not Sync), or of a `&String` passed between scoped threads, must),
// tests of the handover and the drops, and loom models
// of a sender thread and a receiver.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

struct Channel<T> {
    slot: UnsafeCell<MaybeUninit<T>>,
    /// The message is in the slot and has not been received.
    ready: AtomicBool,
}

// SAFETY: the slot is written by the one Sender before `ready` is set (Release) and read by
// the one Receiver after it cleared `ready` (Acquire), never at the same time. Sharing the
// channel moves a T from one thread to another, so it needs T: Send, and nothing more: the
// two threads never both hold a `&T`. Channel<T> is Send on its own when T is (its fields
// are), so Arc<Channel<T>>, and with it each half, is Send exactly when T: Send.
unsafe impl<T: Send> Sync for Channel<T> {}

/// The sending half: one message, then it is gone.
pub struct Sender<T> {
    channel: Arc<Channel<T>>,
}

/// The receiving half.
pub struct Receiver<T> {
    channel: Arc<Channel<T>>,
}

/// A new channel, as its two halves.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let channel = Arc::new(Channel {
        slot: UnsafeCell::new(MaybeUninit::uninit()),
        ready: AtomicBool::new(false),
    });
    (Sender { channel: Arc::clone(&channel) }, Receiver { channel })
}

impl<T> Sender<T> {
    /// Sends the message. Takes `self`: a sender sends once.
    pub fn send(self, message: T) {
        // SAFETY: this is the only Sender, and it is used up by this call; no receiver reads
        // the slot before `ready` is set.
        unsafe { (*self.channel.slot.get()).write(message) };
        // Release: a receiver that sees `ready` with Acquire sees the message too.
        self.channel.ready.store(true, Ordering::Release);
    }
}

impl<T> Receiver<T> {
    /// Whether the message has arrived.
    pub fn is_ready(&self) -> bool {
        self.channel.ready.load(Ordering::Relaxed)
    }

    /// Takes the message. Takes `self`: a receiver receives once. Panics if the message has
    /// not arrived yet (check `is_ready` first).
    pub fn recv(self) -> T {
        // Acquire: pairs with send's Release. The swap clears `ready`, so that Drop knows the
        // message is no longer in the slot.
        if !self.channel.ready.swap(false, Ordering::Acquire) {
            panic!("no message yet: check is_ready first");
        }
        // SAFETY: `ready` was set, so the slot holds the message, and only we take it.
        unsafe { (*self.channel.slot.get()).assume_init_read() }
    }
}

impl<T> Drop for Channel<T> {
    fn drop(&mut self) {
        // `&mut self`: both halves are gone, no other thread can touch the channel.
        if self.ready.load(Ordering::Relaxed) {
            // SAFETY: sent and never received: the message is still in the slot.
            unsafe { (*self.slot.get()).assume_init_drop() };
        }
    }
}

fn main() {
    let (sender, receiver) = channel();
    let worker = thread::spawn(move || sender.send(String::from("the answer is 42")));
    while !receiver.is_ready() {
        thread::yield_now();
    }
    println!("the worker says: {}", receiver.recv());
    worker.join().unwrap();
}

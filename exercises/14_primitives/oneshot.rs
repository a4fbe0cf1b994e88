// oneshot: a channel that carries exactly one message, built from an UnsafeCell and two flags.
//
// A worker computes one result and hands it to the thread that asked for it. A Mutex<Option<T>>
// would do, but here you build the handover yourself, the way std's own channels are built:
// - `slot: UnsafeCell<MaybeUninit<T>>` holds the message: plain memory, no lock, nothing
//   in it until `send` writes it;
// - `claimed: AtomicBool` says a sender has taken the slot (a second `send` must panic instead
//   of writing over a message that may be being read);
// - `ready: AtomicBool` says the message is in the slot and not yet taken.
//
// Three things make it sound, and all three are unsafe code's promises that no compiler checks:
// 1. The store that sets `ready` must publish the write into the slot: a receiver that sees
//    `ready` must also see the whole message (Release on the store, Acquire on the load).
// 2. A message is read out at most once: `recv` before the message is ready, or a second `recv`,
//    panics instead of reading uninitialised memory or a value already moved out.
// 3. The message is dropped exactly once: by the receiver who took it, or, if nobody did, by
//    the channel's Drop. `MaybeUninit` never drops what it holds on its own.
//
// What to do: finish `send`, `recv` and `Drop` where it says TODO.
//
// How it is checked: tests send and receive on one thread, count drops and check that misuse
// panics; loom runs a sender and a receiver under every interleaving and reports a data race on
// the slot when its write and its read are not ordered one after the other, and runs two
// senders (or two receivers) at the same moment: exactly one may win, the other panics; then
// the same handover runs on real threads.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

pub struct Oneshot<T> {
    /// The message: written once by the sender, read once by the receiver.
    slot: UnsafeCell<MaybeUninit<T>>,
    /// A sender has claimed the slot.
    claimed: AtomicBool,
    /// The message is in the slot and has not been received.
    ready: AtomicBool,
}

// SAFETY: the slot is written only by the one sender that claimed it, before `ready` is set
// (Release), and read only by the one receiver that cleared `ready` (Acquire): never at the
// same time. The message moves from the sending thread to the receiving one, so T: Send.
unsafe impl<T: Send> Sync for Oneshot<T> {}

impl<T> Oneshot<T> {
    pub fn new() -> Oneshot<T> {
        Oneshot {
            slot: UnsafeCell::new(MaybeUninit::uninit()),
            claimed: AtomicBool::new(false),
            ready: AtomicBool::new(false),
        }
    }

    /// Puts the message in the channel. Panics if a message was already sent.
    pub fn send(&self, message: T) {
        // TODO: a second `send` must panic, before it touches the slot. Two senders may call
        // at the same moment: exactly one of them may win `claimed`.
        // SAFETY: (not yet) we claimed the slot, and no receiver reads it before `ready` is set.
        unsafe { (*self.slot.get()).write(message) };
        // TODO: this store tells the receiver "the message is in the slot". Which ordering
        // makes the message itself visible with it?
        self.ready.store(true, Ordering::Relaxed);
    }

    /// Whether a message is waiting. A hint for polling: `recv` decides for itself.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    /// Takes the message. Panics if there is none yet, or it was already received.
    pub fn recv(&self) -> T {
        // TODO: which ordering? And a second `recv` must panic too, not read the same message
        // again: the message is taken out of the slot here, so after this it is gone.
        if !self.ready.load(Ordering::Relaxed) {
            panic!("no message to receive: not sent yet, or already received");
        }
        // SAFETY: (not yet) `ready` was set, so the slot holds a message, and only we take it.
        unsafe { (*self.slot.get()).assume_init_read() }
    }
}

impl<T> Default for Oneshot<T> {
    fn default() -> Oneshot<T> {
        Oneshot::new()
    }
}

impl<T> Drop for Oneshot<T> {
    fn drop(&mut self) {
        // TODO: a message that was sent and never received is still in the slot, and
        // `MaybeUninit` will not drop it. Drop it here, but only if it is there.
    }
}

fn main() {
    let channel = Arc::new(Oneshot::new());
    let worker = {
        let channel = Arc::clone(&channel);
        thread::spawn(move || channel.send(String::from("42, after a long think")))
    };
    while !channel.is_ready() {
        thread::yield_now();
    }
    println!("the worker says: {}", channel.recv());
    worker.join().unwrap();
}

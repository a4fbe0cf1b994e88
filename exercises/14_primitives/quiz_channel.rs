// quiz_channel: a bounded channel, many senders and many receivers, built from a ring of
// slots, a Mutex and two Condvars.
//
// This quiz puts the topic together. The messages live in a ring of
// `UnsafeCell<MaybeUninit<T>>` slots, as the one message of `oneshot` did: plain memory,
// written by `send`, moved out by `recv`, never dropped by the slot itself. Which slots hold a
// message (`head`, `len`) is in a `Mutex`, and every slot access happens while holding it: the
// lock is what orders a send's write before the recv's read. Threads that cannot go on wait on
// a `Condvar`, in a loop, as in `semaphore`:
// - `send` waits while the ring is full (on `not_full`); a `recv` that takes a message makes
//   room and wakes one sender;
// - `recv` waits while the ring is empty and a sender is left (on `not_empty`); a `send` wakes
//   one receiver. When the last `Sender` is dropped the channel is closed: a receiver that
//   finds it empty returns `None`, and every receiver asleep must be woken to find that out;
// - every message is dropped exactly once: by whoever receives it, or, if nobody does, by the
//   channel's `Drop` when the last half goes (`MaybeUninit` never drops what it holds).
//
// What to do: finish `recv` and the Sender's `Drop` where it says TODO. Everything else is
// done: read `send` and the channel's `Drop` first, they show the ring at work.
//
// How it is checked: tests on one thread (order, None after close, messages left in the
// channel dropped once), and a receiver waiting while its sender is quiet for seconds (None
// means closed, never just quiet); loom models with capacity 2: a sender that fills the ring and blocks,
// two senders waiting on a full ring, two receivers asleep when the last sender goes (with no
// message, or with one still in the ring); then real threads: the exact multiset of messages,
// every one dropped once, never more than `capacity` inside.

use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

struct State {
    /// The slot of the oldest message.
    head: usize,
    /// How many messages are in the ring: slots `head`, `head + 1`, ... (modulo capacity).
    len: usize,
    /// Senders alive; 0 means closed.
    senders: usize,
}

struct Channel<T> {
    /// The ring. A slot is touched only by a thread holding `state`, and only while `state`
    /// says what it holds: a message in `head .. head + len`, nothing elsewhere.
    slots: Box<[UnsafeCell<MaybeUninit<T>>]>,
    state: Mutex<State>,
    /// Signalled when a message is taken out (a sender may go on).
    not_full: Condvar,
    /// Signalled when a message is put in, or the channel closes (a receiver may go on).
    not_empty: Condvar,
}

// SAFETY: the slots are only accessed under the mutex; a T moves from the sending thread to
// the receiving one (T: Send), and no `&T` is ever shared.
unsafe impl<T: Send> Sync for Channel<T> {}

pub struct Sender<T> {
    channel: Arc<Channel<T>>,
}

pub struct Receiver<T> {
    channel: Arc<Channel<T>>,
}

/// A channel that holds at most `capacity` messages (at least 1).
pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    assert!(capacity > 0, "a channel needs room for at least one message");
    let slots = (0..capacity).map(|_| UnsafeCell::new(MaybeUninit::uninit())).collect();
    let channel = Arc::new(Channel {
        slots,
        state: Mutex::new(State { head: 0, len: 0, senders: 1 }),
        not_full: Condvar::new(),
        not_empty: Condvar::new(),
    });
    (Sender { channel: Arc::clone(&channel) }, Receiver { channel })
}

impl<T> Sender<T> {
    /// Puts `value` in the channel, waiting while it is full.
    pub fn send(&self, value: T) {
        let ch = &*self.channel;
        let mut state = ch.state.lock().unwrap();
        // A loop: another sender may fill the slot a receiver freed before we wake up.
        while state.len == ch.slots.len() {
            state = ch.not_full.wait(state).unwrap();
        }
        let tail = (state.head + state.len) % ch.slots.len();
        // SAFETY: we hold the lock, and `tail` is outside `head .. head + len`: empty.
        unsafe { (*ch.slots[tail].get()).write(value) };
        state.len += 1;
        // One message came in: one receiver can take it.
        ch.not_empty.notify_one();
    }
}

impl<T> Receiver<T> {
    /// The oldest message, waiting while the channel is empty; `None` once it is empty and
    /// every sender is gone.
    pub fn recv(&self) -> Option<T> {
        let ch = &*self.channel;
        let mut state = ch.state.lock().unwrap();
        if state.len == 0 && state.senders == 0 {
            // Empty and closed.
            return None;
        }
        // TODO: this waits only for a message. What if the last sender goes while we wait?
        while state.len == 0 {
            state = ch.not_empty.wait(state).unwrap();
        }
        let head = state.head;
        // SAFETY: we hold the lock and `head` holds a message; moving `head` on below makes
        // its slot empty again, so the message is read out exactly once.
        let value = unsafe { (*ch.slots[head].get()).assume_init_read() };
        state.head = (head + 1) % ch.slots.len();
        state.len -= 1;
        // One slot came free: one sender can fill it.
        ch.not_full.notify_one();
        Some(value)
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Sender<T> {
        self.channel.state.lock().unwrap().senders += 1;
        Sender { channel: Arc::clone(&self.channel) }
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Receiver<T> {
        Receiver { channel: Arc::clone(&self.channel) }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = self.channel.state.lock().unwrap();
        state.senders -= 1;
        // TODO: when the last sender goes, the channel is closed. Who may be asleep, waiting
        // for a message that will never come?
    }
}

impl<T> Drop for Channel<T> {
    fn drop(&mut self) {
        // The last half is gone: drop the messages nobody received, each once.
        let state = self.state.get_mut().unwrap_or_else(|e| e.into_inner());
        for i in 0..state.len {
            let slot = (state.head + i) % self.slots.len();
            // SAFETY: `&mut self`: nobody else can reach the ring; this slot holds a message.
            unsafe { self.slots[slot].get_mut().assume_init_drop() };
        }
    }
}

fn main() {
    let (tx, rx) = channel(2);
    let producers: Vec<_> = (0..2)
        .map(|p| {
            let tx = tx.clone();
            thread::spawn(move || {
                for i in 0..3 {
                    tx.send(format!("producer {p}, message {i}"));
                }
            })
        })
        .collect();
    drop(tx);
    let consumers: Vec<_> = (0..2)
        .map(|c| {
            let rx = rx.clone();
            thread::spawn(move || {
                while let Some(message) = rx.recv() {
                    println!("consumer {c} got: {message}");
                }
            })
        })
        .collect();
    drop(rx);
    for t in producers.into_iter().chain(consumers) {
        t.join().unwrap();
    }
}

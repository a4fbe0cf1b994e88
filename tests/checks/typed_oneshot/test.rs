// Grader-owned tests for typed_oneshot: the handover and the drops, on one thread and on real
// threads. That misuse does not compile is checked by compile_fail/; the handover under every
// interleaving by loom.rs. Methods are called with `.` so that these tests hold for `&self`
// and `self` receivers alike (the compile cases pin which).
use super::{Receiver, Sender, channel};
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `channel` must keep this signature.
    let _: fn() -> (Sender<u64>, Receiver<u64>) = channel::<u64>;
    // `Receiver::is_ready` must keep this signature.
    let _: fn(&Receiver<u64>) -> bool = Receiver::is_ready;
}

/// A message that counts its drops.
struct Counted {
    value: u64,
    drops: &'static AtomicUsize,
}

impl ::core::ops::Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

fn counted(value: u64, drops: &'static AtomicUsize) -> Counted {
    Counted { value, drops }
}

#[test]
fn one_thread_sends_and_receives_and_the_message_is_dropped_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    {
        let (sender, receiver) = channel();
        ::std::assert!(!receiver.is_ready(), "a new channel has no message");
        sender.send(counted(7, &DROPS));
        ::std::assert!(receiver.is_ready(), "a message was sent and not received");
        let got = receiver.recv();
        ::std::assert_eq!(got.value, 7, "recv must return the message that was sent");
        ::core::mem::drop(got);
        // Both halves, and with them the channel, are gone at the end of this block.
    }
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a received message is dropped by its receiver, once (the channel's Drop must not \
         drop it again)"
    );
}

#[test]
fn a_message_never_received_is_dropped_with_the_halves() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    {
        let (sender, receiver) = channel();
        sender.send(counted(7, &DROPS));
        ::core::mem::drop(receiver);
        // Both halves are gone at the end of this block.
    }
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a message sent and never received must be dropped once, when the last half is dropped"
    );
}

#[test]
fn recv_before_send_panics() {
    let (_sender, receiver) = channel::<u64>();
    let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(move || {
        receiver.recv();
    }));
    ::std::assert!(
        result.is_err(),
        "recv before the message arrived must panic, not read an empty slot"
    );
}

/// The handover of the loom model `step1_the_message_crosses_threads`, on real threads.
#[test]
fn stress_the_message_crosses_real_threads() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(300);
    const MAX_ROUNDS: usize = 300;
    let began = ::std::time::Instant::now();
    let mut round = 0;
    while round < MAX_ROUNDS && began.elapsed() < FOR {
        round += 1;
        let (sender, receiver) = channel();
        let value = round as u64;
        let sending = ::std::thread::spawn(move || {
            sender.send(Counted {
                value,
                drops: &DROPS,
            })
        });
        while !receiver.is_ready() {
            ::std::thread::yield_now();
        }
        ::std::assert_eq!(
            receiver.recv().value,
            value,
            "round {round}: the receiver must get the message this round's sender sent"
        );
        sending.join().unwrap();
    }
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        round,
        "{round} messages crossed threads: each must be dropped exactly once"
    );
}

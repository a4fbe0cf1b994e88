// Grader-owned tests for quiz_channel: on one thread, the order of messages, None once the
// channel is empty and closed, and every message dropped exactly once, received or left in the
// channel; a receiver that waits out a sender gone quiet for seconds; on real threads, senders and receivers at once: the exact multiset of messages
// (drawn from the run's seed), each dropped once, and never more than `capacity` inside.
use super::{Receiver, Sender, channel};
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `channel`, `Sender::send` and `Receiver::recv` must keep these signatures.
    let _: fn(usize) -> (Sender<u64>, Receiver<u64>) = channel::<u64>;
    let _: fn(&Sender<u64>, u64) = Sender::send;
    let _: fn(&Receiver<u64>) -> ::std::option::Option<u64> = Receiver::recv;
    // Both halves can be cloned.
    let _: fn(&Sender<u64>) -> Sender<u64> = <Sender<u64> as ::core::clone::Clone>::clone;
    let _: fn(&Receiver<u64>) -> Receiver<u64> = <Receiver<u64> as ::core::clone::Clone>::clone;
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

#[test]
fn messages_come_out_in_order_then_none_once_closed() {
    let (tx, rx) = channel::<u64>(3);
    let tx2 = tx.clone();
    tx.send(11);
    tx2.send(22);
    tx.send(33);
    ::std::assert_eq!(
        rx.recv(),
        ::std::option::Option::Some(11),
        "the oldest message first"
    );
    ::std::assert_eq!(rx.recv(), ::std::option::Option::Some(22), "then the next");
    ::core::mem::drop(tx);
    tx2.send(44);
    ::core::mem::drop(tx2);
    ::std::assert_eq!(
        rx.recv(),
        ::std::option::Option::Some(33),
        "messages sent before the close are still received"
    );
    ::std::assert_eq!(rx.recv(), ::std::option::Option::Some(44), "and in order");
    ::std::assert!(
        rx.recv().is_none(),
        "empty and every sender gone: recv must return None"
    );
    ::std::assert!(rx.recv().is_none(), "and again None, not a wait");
}

/// How long the sender goes quiet while a receiver waits: longer than any timeout a receiver
/// that stops after a silence would plausibly pick (`wait_timeout` of 100 ms, 500 ms, 1 s, 2 s),
/// and well within the check's time limit. (loom's `wait_timeout` never times out, so only
/// real threads can show it.)
const SILENCE: ::std::time::Duration = ::std::time::Duration::from_millis(2500);

#[test]
fn a_receiver_waits_out_a_quiet_sender() {
    let (tx, rx) = channel::<u64>(2);
    let sender = ::std::thread::spawn(move || {
        tx.send(1);
        ::std::thread::sleep(SILENCE);
        tx.send(2);
    });
    let first = rx.recv();
    let second = rx.recv();
    // The close is not what this test is about: the sender is gone before the last recv.
    sender.join().unwrap();
    let third = rx.recv();
    ::std::assert_eq!(
        (first, second, third),
        (
            ::std::option::Option::Some(1),
            ::std::option::Option::Some(2),
            ::std::option::Option::None
        ),
        "the sender sent 1, went quiet for {} ms, sent 2 and went: a receiver must wait for as \
         long as a sender is left (None means closed, not quiet)",
        SILENCE.as_millis()
    );
}

#[test]
fn every_message_is_dropped_once_received_or_left_in_the_channel() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let (tx, rx) = channel::<Counted>(4);
    for value in 0..4 {
        tx.send(Counted {
            value,
            drops: &DROPS,
        });
    }
    let first = rx.recv().expect("a message was sent");
    ::std::assert_eq!(first.value, 0, "the oldest message first");
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        0,
        "nothing is dropped while it is in the channel"
    );
    ::core::mem::drop(first);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a received message is dropped by its receiver"
    );
    // Wrap around the ring: two more in, so that the leftovers are not at the start.
    tx.send(Counted {
        value: 4,
        drops: &DROPS,
    });
    let second = rx.recv().expect("a message was sent");
    ::std::assert_eq!(second.value, 1, "still in order after wrapping around");
    ::core::mem::drop(second);
    tx.send(Counted {
        value: 5,
        drops: &DROPS,
    });
    ::core::mem::drop(tx);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        2,
        "the receiver still holds the channel"
    );
    ::core::mem::drop(rx);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        6,
        "the channel is gone with 4 messages nobody received: each must be dropped once, no more"
    );
}

/// Producers and consumers on real threads at once, a small random capacity: every message
/// received exactly once (the multiset), each dropped once, and never more than `capacity`
/// inside. A send that has returned put its message in; a recv that has started may have
/// taken one out: so (sends returned) - (recvs started) is at most what is inside, and more
/// than `capacity` proves the channel held too many.
#[test]
fn stress_senders_and_receivers_at_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let mut rng = crate::__checks::Rng::new(0x9c4a_11e1);
    let mut made = 0usize;
    crate::__checks::rounds(|_| {
        let capacity = rng.range(1, 4) as usize;
        let base = rng.next_u64() >> 8;
        let per_sender = 40u64;
        let (tx, rx) = channel::<Counted>(capacity);
        let returned = ::std::sync::Arc::new(AtomicUsize::new(0));
        let started = ::std::sync::Arc::new(AtomicUsize::new(0));
        let senders: ::std::vec::Vec<_> = (0..2u64)
            .map(|s| {
                let tx = tx.clone();
                let (returned, started) = (returned.clone(), started.clone());
                ::std::thread::spawn(move || {
                    for i in 0..per_sender {
                        tx.send(Counted { value: base + s * per_sender + i, drops: &DROPS });
                        let sent = returned.fetch_add(1, SeqCst) + 1;
                        let taking = started.load(SeqCst);
                        ::std::assert!(
                            sent <= taking + capacity,
                            "{sent} sends returned and only {taking} recvs started: more than the capacity {capacity} is in the channel"
                        );
                    }
                })
            })
            .collect();
        ::core::mem::drop(tx);
        let receivers: ::std::vec::Vec<_> = (0..2)
            .map(|r| {
                let rx = rx.clone();
                let started = started.clone();
                ::std::thread::spawn(move || {
                    let mut got = ::std::vec::Vec::new();
                    loop {
                        started.fetch_add(1, SeqCst);
                        match rx.recv() {
                            ::std::option::Option::Some(m) => got.push(m.value),
                            ::std::option::Option::None => break,
                        }
                        if r == 0 && got.len() % 8 == 0 {
                            // A slow receiver now and then, so that the channel fills up.
                            ::std::thread::yield_now();
                        }
                    }
                    got
                })
            })
            .collect();
        ::core::mem::drop(rx);
        for s in senders {
            s.join().unwrap();
        }
        let mut all: ::std::vec::Vec<u64> = ::std::vec::Vec::new();
        for r in receivers {
            all.extend(r.join().unwrap());
        }
        all.sort_unstable();
        let expected: ::std::vec::Vec<u64> = (base..base + 2 * per_sender).collect();
        ::std::assert!(
            all == expected,
            "capacity {capacity}, 2 senders of {per_sender} messages, 2 receivers: every message must be received exactly once ({} received, {} sent)",
            all.len(),
            expected.len()
        );
        made += 2 * per_sender as usize;
        ::std::assert_eq!(
            DROPS.load(SeqCst),
            made,
            "every message must be dropped exactly once"
        );
    });
}

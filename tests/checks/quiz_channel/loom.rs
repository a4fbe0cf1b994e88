// Grader-owned loom models for quiz_channel, all with capacity 2: a sender that fills the ring
// and must wait for the receiver; two senders waiting on a full ring; two receivers asleep on
// an empty channel when the last sender goes. A thread nobody wakes is reported as a deadlock;
// a slot written and read without the lock between them as a data race on it.
use super::{Receiver, Sender, channel};
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `channel`, `Sender::send` and `Receiver::recv` must keep these signatures.
    let _: fn(usize) -> (Sender<u64>, Receiver<u64>) = channel::<u64>;
    let _: fn(&Sender<u64>, u64) = Sender::send;
    let _: fn(&Receiver<u64>) -> ::std::option::Option<u64> = Receiver::recv;
}

/// Everything `rx` receives until it returns None.
fn drain(rx: &Receiver<u64>) -> ::std::vec::Vec<u64> {
    let mut got = ::std::vec::Vec::new();
    while let ::std::option::Option::Some(v) = rx.recv() {
        got.push(v);
    }
    got
}

#[test]
fn step1_a_sender_fills_the_ring_and_waits_for_the_receiver() {
    crate::std::__workbook::model(|| {
        let (tx, rx) = channel::<u64>(2);
        let sender = thread::spawn(move || {
            for v in [1, 2, 3] {
                tx.send(v);
            }
        });
        let got = drain(&rx);
        sender.join().unwrap();
        ::std::assert!(
            got == [1, 2, 3],
            "the receiver must get 1, 2, 3 in order and then None; it got {got:?}"
        );
    });
}

/// The ring is full (10, 20) when two senders come: both must wait, and each must wait again
/// if the free slot it was woken for is gone already (a `while`, not an `if`), or it would
/// write over a message nobody has received.
#[test]
fn step2_two_senders_wait_on_a_full_ring() {
    crate::std::__workbook::model(|| {
        let (tx, rx) = channel::<u64>(2);
        tx.send(10);
        tx.send(20);
        let tx2 = tx.clone();
        let one = thread::spawn(move || tx.send(1));
        let two = thread::spawn(move || tx2.send(2));
        let got = drain(&rx);
        one.join().unwrap();
        two.join().unwrap();
        ::std::assert!(
            got == [10, 20, 1, 2] || got == [10, 20, 2, 1],
            "10 and 20 filled the ring, then two senders sent 1 and 2: the receiver must get 10, 20, then 1 and 2, each once; it got {got:?}"
        );
    });
}

#[test]
fn step3_two_receivers_asleep_when_the_last_sender_goes() {
    crate::std::__workbook::model(|| {
        let (tx, rx) = channel::<u64>(2);
        let rx2 = rx.clone();
        let one = thread::spawn(move || rx.recv());
        let two = thread::spawn(move || rx2.recv());
        ::core::mem::drop(tx);
        ::std::assert!(
            one.join().unwrap().is_none() && two.join().unwrap().is_none(),
            "nothing was sent and the only sender is gone: both receivers must get None"
        );
    });
}

/// Two receivers asleep; the last sender sends one message and goes, while that message may
/// still be in the ring: one receiver gets it, the other gets None. The close must wake every
/// receiver asleep even when the ring is not empty (the one woken for the message is not the
/// other one).
#[test]
fn step4_one_message_then_the_close_reach_two_receivers() {
    crate::std::__workbook::model(|| {
        let (tx, rx) = channel::<u64>(2);
        let rx2 = rx.clone();
        let one = thread::spawn(move || rx.recv());
        let two = thread::spawn(move || rx2.recv());
        tx.send(7);
        ::core::mem::drop(tx);
        let mut got = [one.join().unwrap(), two.join().unwrap()];
        got.sort();
        ::std::assert!(
            got == [::std::option::Option::None, ::std::option::Option::Some(7)],
            "one message was sent, then the only sender went: one receiver must get it and \
             the other None; they got {got:?}"
        );
    });
}

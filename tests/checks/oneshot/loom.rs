// Grader-owned loom models for oneshot: a sender thread and a receiver, every interleaving.
// The slot is a tracked UnsafeCell: its write in `send` and its read in `recv` must be ordered
// one after the other (by `ready`), or loom reports a data race on it.
use super::Oneshot;
use crate::std::sync::Arc;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `Oneshot::new` must keep this signature.
    let _: fn() -> Oneshot<u64> = Oneshot::new;
    // `Oneshot::send` must keep this signature.
    let _: fn(&Oneshot<u64>, u64) = Oneshot::send;
    // `Oneshot::is_ready` must keep this signature.
    let _: fn(&Oneshot<u64>) -> bool = Oneshot::is_ready;
    // `Oneshot::recv` must keep this signature.
    let _: fn(&Oneshot<u64>) -> u64 = Oneshot::recv;
}

/// A message that counts its drops.
struct Counted {
    value: u64,
    drops: Arc<AtomicUsize>,
}

impl ::core::ops::Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

#[test]
fn step1_the_message_crosses_threads() {
    crate::std::__workbook::model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let channel = Arc::new(Oneshot::new());
        let sender = {
            let channel = Arc::clone(&channel);
            let drops = Arc::clone(&drops);
            thread::spawn(move || channel.send(Counted { value: 42, drops }))
        };
        while !channel.is_ready() {
            thread::yield_now();
        }
        let got = channel.recv();
        ::std::assert_eq!(
            got.value,
            42,
            "the receiver must get the message that was sent"
        );
        ::core::mem::drop(got);
        sender.join().unwrap();
        ::core::mem::drop(channel);
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the message must be dropped exactly once"
        );
    });
}

#[test]
fn step2_a_message_never_received_is_dropped_by_the_last_owner() {
    crate::std::__workbook::model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let channel = Arc::new(Oneshot::new());
        let sender = {
            let channel = Arc::clone(&channel);
            let drops = Arc::clone(&drops);
            thread::spawn(move || channel.send(Counted { value: 42, drops }))
        };
        // The receiver gives up without receiving: whichever thread drops the channel last
        // must drop the message.
        ::core::mem::drop(channel);
        sender.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "a message never received must be dropped once, with the channel"
        );
    });
}

/// Whether `f` panicked (the panic is caught here, inside the model, and never printed).
fn panicked(f: impl ::core::ops::FnOnce()) -> bool {
    ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(f)).is_err()
}

/// Two senders at the same moment: exactly one of them wins the slot and the other panics
/// before it touches the slot (two writes of the slot at once are a data race); the receiver
/// gets the winner's message, and each message is dropped once (the loser's by its panic).
#[test]
fn step3_two_senders_at_once_one_wins() {
    crate::std::__workbook::model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let channel = Arc::new(Oneshot::new());
        let sender = |value: u64| {
            let channel = Arc::clone(&channel);
            let drops = Arc::clone(&drops);
            thread::spawn(move || panicked(|| channel.send(Counted { value, drops })))
        };
        let (one, two) = (sender(1), sender(2));
        let refused = [one.join().unwrap(), two.join().unwrap()];
        ::std::assert!(
            refused == [true, false] || refused == [false, true],
            "two threads sent at the same moment: exactly one send must win and the other \
             panic (refused: {refused:?})"
        );
        let winner = if refused[0] { 2 } else { 1 };
        let got = channel.recv();
        ::std::assert_eq!(
            got.value,
            winner,
            "the receiver must get the message of the send that did not panic"
        );
        ::core::mem::drop(got);
        ::core::mem::drop(channel);
        ::std::assert_eq!(
            drops.load(SeqCst),
            2,
            "two messages: each must be dropped exactly once"
        );
    });
}

/// Two receivers at the same moment, the message already sent: exactly one gets it and the
/// other panics; the message is dropped once.
#[test]
fn step4_two_receivers_at_once_one_gets_it() {
    crate::std::__workbook::model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let channel = Arc::new(Oneshot::new());
        channel.send(Counted {
            value: 42,
            drops: Arc::clone(&drops),
        });
        let receiver = || {
            let channel = Arc::clone(&channel);
            thread::spawn(move || {
                let mut got = ::std::option::Option::None;
                let refused = panicked(|| got = ::std::option::Option::Some(channel.recv().value));
                (refused, got)
            })
        };
        let (one, two) = (receiver(), receiver());
        let results = [one.join().unwrap(), two.join().unwrap()];
        let got: ::std::vec::Vec<u64> = results.iter().filter_map(|r| r.1).collect();
        ::std::assert_eq!(
            got,
            [42],
            "two threads received at the same moment: exactly one must get the message and \
             the other panic"
        );
        ::core::mem::drop(channel);
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the message must be dropped exactly once"
        );
    });
}

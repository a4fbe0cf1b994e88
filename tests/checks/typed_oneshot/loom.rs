// Grader-owned loom models for typed_oneshot: a sender thread and a receiver, every
// interleaving. The slot is a tracked UnsafeCell: its write in `send` and its read in `recv`
// must be ordered by `ready`, or loom reports a data race on it.
use super::{Receiver, Sender, channel};
use crate::std::sync::Arc;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
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
        let (sender, receiver) = channel();
        let sending = {
            let drops = Arc::clone(&drops);
            thread::spawn(move || sender.send(Counted { value: 42, drops }))
        };
        while !receiver.is_ready() {
            thread::yield_now();
        }
        let got = receiver.recv();
        ::std::assert_eq!(
            got.value,
            42,
            "the receiver must get the message that was sent"
        );
        ::core::mem::drop(got);
        sending.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "the message must be dropped exactly once"
        );
    });
}

#[test]
fn step2_a_message_never_received_is_dropped_by_the_last_half() {
    crate::std::__workbook::model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = channel();
        let sending = {
            let drops = Arc::clone(&drops);
            thread::spawn(move || sender.send(Counted { value: 42, drops }))
        };
        ::core::mem::drop(receiver);
        sending.join().unwrap();
        ::std::assert_eq!(
            drops.load(SeqCst),
            1,
            "a message never received must be dropped once, with the last half"
        );
    });
}

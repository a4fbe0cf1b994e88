// Grader-owned tests for oneshot: the channel on one thread (the message, misuse refused, each
// message dropped exactly once), then the handover on real threads. The loom models (loom.rs)
// check the handover under every interleaving. Each test counts drops in its own static, so
// that tests running at the same time do not mix their counts.
use super::Oneshot;
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature gets a compile error here, naming the item.
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

/// A message that counts its drops: a message dropped twice, or never, shows in the count.
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

/// Whether `f` panics (its panic message still goes to stderr).
fn panics(f: impl ::core::ops::FnOnce()) -> bool {
    ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(f)).is_err()
}

#[test]
fn one_thread_sends_and_receives_and_the_message_is_dropped_once() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let channel = Oneshot::new();
    ::std::assert!(!channel.is_ready(), "a new channel has no message");
    channel.send(counted(7, &DROPS));
    ::std::assert!(channel.is_ready(), "a message was sent and not received");
    let got = channel.recv();
    ::std::assert_eq!(got.value, 7, "recv must return the message that was sent");
    ::std::assert!(
        !channel.is_ready(),
        "the message was received: none is waiting"
    );
    ::core::mem::drop(got);
    ::core::mem::drop(channel);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a message sent, received and dropped by the receiver must be dropped exactly once \
         (the channel's Drop must not drop it again)"
    );
}

#[test]
fn a_message_never_received_is_dropped_with_the_channel() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let channel = Oneshot::new();
    channel.send(counted(7, &DROPS));
    ::core::mem::drop(channel);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "a message sent and never received must be dropped once, when the channel is dropped \
         (MaybeUninit never drops what it holds)"
    );
}

#[test]
fn an_empty_channel_drops_nothing() {
    let channel: Oneshot<::std::string::String> = Oneshot::new();
    ::core::mem::drop(channel);
    let channel = Oneshot::new();
    channel.send(::std::string::String::from("taken"));
    ::std::assert_eq!(channel.recv(), "taken");
    // Dropping the slot again here would free the String a second time.
    ::core::mem::drop(channel);
}

#[test]
fn recv_before_send_panics() {
    let channel: Oneshot<u64> = Oneshot::new();
    ::std::assert!(
        panics(|| {
            channel.recv();
        }),
        "recv on a channel with no message must panic, not read an empty slot"
    );
}

#[test]
fn a_second_recv_panics() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let channel = Oneshot::new();
    channel.send(counted(7, &DROPS));
    ::core::mem::drop(channel.recv());
    ::std::assert!(
        panics(|| {
            let again = channel.recv();
            // A second copy of the message: forget it, so that the count stays readable.
            ::core::mem::forget(again);
        }),
        "a second recv must panic: the message was already moved out of the slot"
    );
    ::core::mem::drop(channel);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the message must be dropped exactly once"
    );
}

#[test]
fn a_second_send_panics_and_keeps_the_first_message() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let channel = Oneshot::new();
    channel.send(counted(1, &DROPS));
    ::std::assert!(
        panics(|| channel.send(counted(2, &DROPS))),
        "a second send must panic: the channel carries one message"
    );
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the refused second message must be dropped (by the panic), and only it"
    );
    ::std::assert_eq!(
        channel.recv().value,
        1,
        "a refused second send must leave the first message in the slot"
    );
    ::core::mem::drop(channel);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        2,
        "each message must be dropped exactly once"
    );
}

/// The handover of the loom model `step1_the_message_crosses_threads`, on real threads: a
/// sender thread per round, the receiver polling `is_ready`, until the time is up.
#[test]
fn stress_the_message_crosses_real_threads() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(300);
    const MAX_ROUNDS: usize = 300;
    let began = ::std::time::Instant::now();
    let mut round = 0;
    while round < MAX_ROUNDS && began.elapsed() < FOR {
        round += 1;
        let channel = ::std::sync::Arc::new(Oneshot::new());
        let sender = {
            let channel = ::std::sync::Arc::clone(&channel);
            let value = round as u64;
            ::std::thread::spawn(move || channel.send(counted(value, &DROPS)))
        };
        while !channel.is_ready() {
            ::std::thread::yield_now();
        }
        ::std::assert_eq!(
            channel.recv().value,
            round as u64,
            "round {round}: the receiver must get the message this round's sender sent"
        );
        sender.join().unwrap();
    }
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        round,
        "{round} messages crossed threads: each must be dropped exactly once"
    );
}

// Grader-owned tests for bounded_channel.
use super::backup;

use ::std::sync::Arc;
use ::std::sync::atomic::{AtomicUsize, Ordering};
use ::std::time::{Duration, Instant};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `backup` must keep this signature.
    let _: fn(usize, usize, fn(usize) -> ::std::vec::Vec<u8>, fn(::std::vec::Vec<u8>)) -> usize =
        backup;
}

/// Runs a backup of `chunks` chunks whose uploader stalls on the first chunk, and returns
/// how many chunks the reader had read by the end of the stall.
fn reads_during_a_stall(chunks: usize, capacity: usize) -> usize {
    let reads = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reads);
    let read = move |i: usize| {
        counter.fetch_add(1, Ordering::SeqCst);
        ::std::vec![i as u8; 16]
    };
    // The chunk being uploaded, `capacity` queued, and one the reader is trying to send.
    let allowed = (capacity + 2).min(chunks);
    let mut seen = None;
    let uploaded = backup(chunks, capacity, read, |_chunk| {
        if seen.is_some() {
            return;
        }
        // Stall: let the reader run ahead as far as it can...
        let start = Instant::now();
        while reads.load(Ordering::SeqCst) < allowed && start.elapsed() < Duration::from_secs(1) {
            ::std::thread::sleep(Duration::from_millis(1));
        }
        // ...and then a little longer, to see whether it stops there.
        let start = Instant::now();
        while reads.load(Ordering::SeqCst) <= allowed
            && start.elapsed() < Duration::from_millis(150)
        {
            ::std::thread::sleep(Duration::from_millis(1));
        }
        seen = Some(reads.load(Ordering::SeqCst));
    });
    ::std::assert_eq!(uploaded, chunks, "every chunk must be uploaded");
    seen.expect("the uploader never got a chunk")
}

fn check_backpressure(capacity: usize) {
    let chunks = 40;
    let allowed = capacity + 2;
    let reads = reads_during_a_stall(chunks, capacity);
    ::std::assert!(
        reads <= allowed,
        "while the uploader was busy with the first chunk, the reader read {reads} of {chunks} chunks. \
         With capacity {capacity} it must be held back after {allowed}: the chunk being uploaded, \
         {capacity} in the queue and one it is trying to send"
    );
    ::std::assert!(
        reads == allowed,
        "while the uploader was busy with the first chunk, the reader read only {reads} chunks. \
         With capacity {capacity}, {capacity} chunks may wait in the queue, so it should get to {allowed}"
    );
}

#[test]
fn every_chunk_is_uploaded_in_order() {
    let mut firsts = Vec::new();
    let n = backup(
        25,
        3,
        |i| ::std::vec![i as u8; 8],
        |chunk| firsts.push(chunk[0]),
    );
    ::std::assert_eq!(n, 25, "25 chunks uploaded");
    ::std::assert_eq!(
        firsts,
        (0..25).collect::<Vec<u8>>(),
        "the chunks must arrive in the order they were read"
    );
}

#[test]
fn an_empty_file_uploads_nothing() {
    ::std::assert_eq!(
        backup(
            0,
            2,
            |_| Vec::new(),
            |_| ::std::panic!("there is nothing to upload")
        ),
        0
    );
}

#[test]
fn the_reader_is_held_back_by_a_full_queue() {
    check_backpressure(2);
}

#[test]
fn capacity_zero_is_a_rendezvous() {
    check_backpressure(0);
}

#[test]
fn a_larger_queue_lets_the_reader_run_further_ahead() {
    check_backpressure(5);
}

/// The payload of the read error `a_failed_read_fails_the_backup` raises: the panic hook
/// stays quiet about it (it is expected), and about nothing else.
struct ReadFailed;

#[test]
fn a_failed_read_fails_the_backup() {
    static HOOK: ::std::sync::Once = ::std::sync::Once::new();
    HOOK.call_once(|| {
        let default = ::std::panic::take_hook();
        ::std::panic::set_hook(::std::boxed::Box::new(move |info| {
            if info.payload().downcast_ref::<ReadFailed>().is_none() {
                default(info)
            }
        }));
    });
    let mut rng = crate::__checks::Rng::new(0xbac0);
    let chunks = rng.range(6, 30) as usize;
    let fails_at = rng.range(1, chunks as u64 - 1) as usize;
    let result = ::std::panic::catch_unwind(move || {
        backup(
            chunks,
            2,
            move |i| {
                if i == fails_at {
                    ::std::panic::panic_any(ReadFailed);
                }
                ::std::vec![i as u8; 8]
            },
            |_chunk| {},
        )
    });
    if let ::std::result::Result::Ok(uploaded) = result {
        ::std::panic!(
            "reading chunk {fails_at} of {chunks} failed (the reader thread panicked), yet \
             `backup` returned {uploaded} as if the backup were complete. A backup that \
             stopped half-way must not look finished: join the reader and pass its panic on \
             (`reader.join().unwrap()`)"
        );
    }
}

/// How long one read takes in `a_slow_read_still_gets_uploaded`: longer than any timeout an
/// uploader that stops after a silence would plausibly pick (`recv_timeout` of 100 ms,
/// 500 ms, 1 s, 2 s), and well within the exercise's time limit.
const SLOW_READ: Duration = Duration::from_millis(2500);

/// The last read is slow (a busy disk): the uploader must receive until the reader is done and
/// the channel closes, not stop after a silence.
#[test]
fn a_slow_read_still_gets_uploaded() {
    let mut rng = crate::__checks::Rng::new(0xbac1);
    let chunks = rng.range(3, 12) as usize;
    // The last chunk: an uploader that stopped waiting then leaves nothing queued behind it
    // (a reader blocked on a full queue would turn its failure into a time-out).
    let slow = chunks - 1;
    let mut firsts = Vec::new();
    let n = backup(
        chunks,
        1,
        move |i| {
            if i == slow {
                ::std::thread::sleep(SLOW_READ);
            }
            ::std::vec![i as u8; 8]
        },
        |chunk| firsts.push(chunk[0]),
    );
    ::std::assert_eq!(
        (n, firsts),
        (chunks, (0..chunks as u8).collect::<Vec<u8>>()),
        "reading chunk {slow} of {chunks} took {} ms: every chunk must still be uploaded, in \
         order (receive until the channel closes, not until a silence)",
        SLOW_READ.as_millis()
    );
}

// Grader-owned loom model for bounded_channel: when the uploader stops. The real-thread test
// (test.rs) makes one read slow for a few seconds; an uploader that stops after a longer
// silence (`recv_timeout` of 3 s, a minute) would pass it. In a model a timed wait may time
// out at any point, as it may on real threads whatever its length (a read slower than the
// timeout): loom_std/condvar.rs. So the uploader must receive until the channel closes.
use super::backup;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `backup` must keep this signature.
    let _: fn(usize, usize, fn(usize) -> ::std::vec::Vec<u8>, fn(::std::vec::Vec<u8>)) -> usize =
        backup;
}

/// Every chunk is uploaded, in order, whenever the reader gets to send it: the model runs the
/// reader at every point relative to the uploader, and times the uploader's timed waits out
/// while the reader has not finished.
#[test]
fn every_chunk_is_uploaded_however_slow_the_reads() {
    uploads_every_chunk(1);
}

/// The same with a rendezvous channel (`capacity` 0): every send waits until the uploader
/// takes the chunk from the reader's hand.
#[test]
fn every_chunk_is_handed_over_with_no_queue() {
    uploads_every_chunk(0);
}

fn uploads_every_chunk(capacity: usize) {
    crate::std::__workbook::model(move || {
        let mut firsts = ::std::vec::Vec::new();
        let n = backup(
            2,
            capacity,
            |i| ::std::vec![i as u8; 4],
            |chunk| firsts.push(chunk[0]),
        );
        ::std::assert_eq!(
            (n, firsts),
            (2, ::std::vec![0, 1]),
            "the uploader returned before every chunk arrived (capacity {capacity}): it must \
             receive until the channel closes (the reader's `Sender` dropped), not stop when \
             none came for a while"
        );
    });
}

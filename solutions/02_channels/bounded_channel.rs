// bounded_channel: backpressure with `sync_channel`.
//
// Solution: `sync_channel(capacity)`. While the queue is full, the reader's `send` blocks, so
// at most `capacity` chunks wait in memory. `capacity` 0 is a rendezvous, and useful: the
// reader then holds at most the one chunk it is trying to hand over. Receiving works as with
// any channel; the loop ends when the reader finishes and drops `tx`.
//
// A backup tool copies a large file to cloud storage in chunks. A reader thread reads chunk
// after chunk from disk and passes them through a channel to the uploader, the calling
// thread. Reading is fast and uploading slow. With `mpsc::channel()`, which is unbounded,
// `send` never waits: the reader runs ahead, and the chunks it has read but the uploader has
// not yet sent pile up in the channel, until the whole file sits in memory.
//
// How it is checked: tests (under a time limit) run a backup whose uploader stalls on the
// first chunk, and count how many chunks the reader reads meanwhile; a backup whose reader
// fails half-way must fail too; and one whose last read is slow must still upload everything.
// A loom model lets every timed wait time out at any moment: stopping on a silence loses chunks.

use std::sync::mpsc;
use std::thread;

/// Copies `chunks` chunks: `read(i)` reads chunk `i` on a reader thread, and `upload` gets
/// every chunk, in order, on the calling thread. Returns the number of chunks uploaded.
/// If a read fails (`read` panics on the reader thread), `backup` panics too: a backup that
/// stopped half-way must not look complete.
pub fn backup<R, U>(chunks: usize, capacity: usize, mut read: R, mut upload: U) -> usize
where
    R: FnMut(usize) -> Vec<u8> + Send + 'static,
    U: FnMut(Vec<u8>),
{
    // A bounded queue: `send` blocks while `capacity` chunks are waiting.
    let (tx, rx) = mpsc::sync_channel(capacity);

    let reader = thread::spawn(move || {
        for i in 0..chunks {
            let chunk = read(i);
            if tx.send(chunk).is_err() {
                break; // the uploader is gone: stop reading
            }
        }
    });

    // The uploader must run while the reader does: with a bounded channel, a reader that
    // nobody receives from blocks for ever (joining it first would wait for ever too).
    let mut uploaded = 0;
    for chunk in rx {
        upload(chunk);
        uploaded += 1;
    }
    // Joining waits for the reader to end, and `unwrap` passes on its panic if a read
    // failed: the loop above also ends then (the reader's `tx` is dropped), and without the
    // join a half-done backup would return as if it were complete.
    reader.join().unwrap();
    uploaded
}

fn main() {
    let n = backup(
        8,
        2,
        |i| vec![i as u8; 1024],
        |chunk| println!("uploading a chunk of {} bytes", chunk.len()),
    );
    println!("{n} chunks uploaded");
}

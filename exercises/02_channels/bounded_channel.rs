// bounded_channel: backpressure with `sync_channel`.
//
// A backup tool copies a large file to cloud storage in chunks. A reader thread reads chunk
// after chunk from disk and passes them through a channel to the uploader, the calling
// thread. Reading is fast and uploading slow. With `mpsc::channel()`, which is unbounded,
// `send` never waits: the reader runs ahead, and the chunks it has read but the uploader has
// not yet sent pile up in the channel, until the whole file sits in memory.
//
// `mpsc::sync_channel(n)` makes a bounded channel: it holds at most `n` values, and `send`
// blocks while it is full, until the receiver takes one. That is backpressure: the slow stage
// holds the fast one back. With `n = 0` the channel holds nothing at all: every `send` waits
// until the receiver takes the value from the sender's hand (a rendezvous).
//
// What to do: make the reader wait, so that at most `capacity` chunks are queued between the
// reader and the uploader (`capacity` may be 0). Uploading must still work as before: every
// chunk, in order.
//
// How it is checked: tests (under a time limit) run a backup whose uploader stalls on the
// first chunk, and count how many chunks the reader reads meanwhile: at most `capacity + 2`
// (the chunk being uploaded, `capacity` chunks in the queue, and one waiting to be sent), and
// with a queue of `capacity` chunks it should get that far; and a backup whose reader fails
// half-way must fail too (`reader.join().unwrap()` passes the reader's panic on); and a backup
// whose last read takes a few seconds must still upload every chunk (receive until the
// channel closes, not until a silence). Loom models (two chunks, a queue of one or none) let
// every timed wait time out at any moment: an uploader that stops on a silence, however
// long, loses chunks or leaves the reader blocked for ever.

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
    // TODO: this channel has no bound, so the reader never waits. Use a channel that holds
    // at most `capacity` chunks.
    let (tx, rx) = mpsc::channel();

    let reader = thread::spawn(move || {
        for i in 0..chunks {
            let chunk = read(i);
            if tx.send(chunk).is_err() {
                break; // the uploader is gone: stop reading
            }
        }
    });

    let mut uploaded = 0;
    for chunk in rx {
        upload(chunk);
        uploaded += 1;
    }
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

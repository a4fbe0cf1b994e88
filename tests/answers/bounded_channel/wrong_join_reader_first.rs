// verdict: timed-out
// Wrong: waits for the reader before uploading. With a bounded channel the reader blocks
// as soon as the queue is full, and nobody will ever empty it: both wait for ever.
use std::sync::mpsc;
use std::thread;

pub fn backup<R, U>(chunks: usize, capacity: usize, mut read: R, mut upload: U) -> usize
where
    R: FnMut(usize) -> Vec<u8> + Send + 'static,
    U: FnMut(Vec<u8>),
{
    let (tx, rx) = mpsc::sync_channel(capacity);
    let reader = thread::spawn(move || {
        for i in 0..chunks {
            let chunk = read(i);
            if tx.send(chunk).is_err() {
                break;
            }
        }
    });
    reader.join().unwrap();
    let mut uploaded = 0;
    for chunk in rx {
        upload(chunk);
        uploaded += 1;
    }
    uploaded
}

fn main() {}

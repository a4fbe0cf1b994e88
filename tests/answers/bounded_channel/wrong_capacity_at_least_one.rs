// verdict: test-failed
// Wrong: treats capacity 0 as a mistake and makes it 1. But 0 is a rendezvous: the reader
// may not queue a chunk at all, only hold the one it is handing over.
use std::sync::mpsc;
use std::thread;

pub fn backup<R, U>(chunks: usize, capacity: usize, mut read: R, mut upload: U) -> usize
where
    R: FnMut(usize) -> Vec<u8> + Send + 'static,
    U: FnMut(Vec<u8>),
{
    let (tx, rx) = mpsc::sync_channel(capacity.max(1));
    let reader = thread::spawn(move || {
        for i in 0..chunks {
            let chunk = read(i);
            if tx.send(chunk).is_err() {
                break;
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

fn main() {}

// verdict: pass
// Right: the reader runs on a scoped thread, which the scope joins after the uploads.
use std::sync::mpsc;
use std::thread;

pub fn backup<R, U>(chunks: usize, capacity: usize, mut read: R, mut upload: U) -> usize
where
    R: FnMut(usize) -> Vec<u8> + Send + 'static,
    U: FnMut(Vec<u8>),
{
    let (tx, rx) = mpsc::sync_channel(capacity);
    thread::scope(|s| {
        s.spawn(move || {
            for i in 0..chunks {
                if tx.send(read(i)).is_err() {
                    break;
                }
            }
        });
        let mut uploaded = 0;
        while let Ok(chunk) = rx.recv() {
            upload(chunk);
            uploaded += 1;
        }
        uploaded
    })
}

fn main() {}

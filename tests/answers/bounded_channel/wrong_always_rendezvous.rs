// verdict: test-failed
// Wrong: a rendezvous whatever the capacity. The reader never runs ahead, so it is held
// back, but further than asked: with capacity 5 it should be able to queue 5 chunks while
// the uploader is busy, and a slow disk would then slow the uploads down too.
use std::sync::mpsc;
use std::thread;

pub fn backup<R, U>(chunks: usize, capacity: usize, mut read: R, mut upload: U) -> usize
where
    R: FnMut(usize) -> Vec<u8> + Send + 'static,
    U: FnMut(Vec<u8>),
{
    let (tx, rx) = mpsc::sync_channel(0);
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

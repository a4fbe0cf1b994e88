// message: `record` on another thread must wait while `with_counts` reads the counts (a RefCell made `Sync` by force panics or races here instead).
use ::std::sync::Arc;
use ::std::sync::mpsc::{self, RecvTimeoutError};
use ::std::time::Duration;

fn main() {
    let counter = Arc::new(HitCounter::new());
    counter.record("/");
    let (done_tx, done_rx) = mpsc::channel();
    let recorder = counter.with_counts(|counts| {
        let recorder = spawn_with(&counter, move |c: &HitCounter| {
            c.record("/");
            done_tx.send(()).unwrap();
        });
        // While this thread reads, the recorder must be kept waiting: nothing arrives.
        match done_rx.recv_timeout(Duration::from_millis(100)) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) => ::std::panic!("another thread recorded a hit while the counts were being read"),
            Err(RecvTimeoutError::Disconnected) => {
                ::std::panic!("recording a hit on another thread failed while the counts were being read")
            }
        }
        ::std::assert_eq!(counts.get("/"), Some(&1));
        recorder
    });
    recorder.join().expect("the recorder thread must not panic");
    ::std::assert_eq!(counter.hits("/"), 2);
}

// Grader-owned loom models for condvar_queue.
use super::*;
use crate::std::sync::Arc;
use crate::std::thread;

#[test]
fn two_workers_one_producer() {
    crate::std::__workbook::model(|| {
        let queue = Arc::new(JobQueue::new());
        let worker = |queue: &Arc<JobQueue>| {
            let queue = Arc::clone(queue);
            thread::spawn(move || queue.pop())
        };
        let first = worker(&queue);
        let second = worker(&queue);
        queue.push(1);
        queue.push(2);
        let mut got = vec![first.join().unwrap(), second.join().unwrap()];
        got.sort();
        assert_eq!(got, vec![1, 2], "each job must be taken by exactly one worker");
    });
}

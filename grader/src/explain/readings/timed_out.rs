//! A timed wait that timed out, and a thread that took that as "nothing more will come".

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// A thread's timed wait timed out (a model times out a timed wait at any point, as a
    /// slow thread can make happen on real threads) and the thread did not wait again at
    /// that line: it gave up on what it was waiting for.
    pub(super) fn timed_out(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        let s = self.gave_up(Op::TimedOut, &[Op::Wait, Op::ParkTimeout, Op::TimedOut])?;
        let e = self.ev(s);
        // The timeouts in a row at that line that ended there (a model times a wait out many
        // times in a row, as a thread slower than all of them would on real threads).
        // A streak that reaches back to the first step shown may have begun before it.
        let mut streak = 0;
        let mut whole = false;
        for w in events[..=s].iter().rev() {
            if w.thread != e.thread || w.loc != e.loc {
                continue;
            }
            // Only a wait that ended for real ends the streak: the waiter's own locks (the
            // channel's, taken at the same line) come between its timeouts.
            match w.op {
                Op::TimedOut => streak += w.count.max(1),
                Op::Woken | Op::Spurious | Op::ParkTimeout => {
                    whole = true;
                    break;
                }
                _ => {}
            }
        }
        let whole = whole || self.record.dropped == 0;
        let times = match (streak, whole) {
            (0 | 1, true) => String::new(),
            (n, true) => format!(" {n} times in a row"),
            (n, false) => format!(" at least {n} times in a row"),
        };
        let what = if e.obj == 0 {
            "park_timeout".to_string()
        } else {
            format!("timed wait on {}", self.name(e.obj))
        };
        Some(format!(
            "{t}'s {what} ({wl}) timed out{times} before anything came, and {t} did not wait \
             again: on real threads a timeout can run out however long it is, and as many \
             times in a row (the thread that would send or notify may be slower, on a loaded \
             machine or a slow source), so it proves nothing about what is still to come. Wait for what ends the wait for good (the \
             channel closed, the queue closed, the lock free), and use a timeout, if at all, \
             only to check that again.",
            t = thread_label(e.thread),
            wl = self.line(&e.loc),
        ))
    }

    /// The last step at which a thread's wait ended with `ended` (timed out, or woken
    /// spuriously) and that thread never waited again at that line (no later step of it
    /// there is one of `waits`): it took the wait's end as the answer it was waiting for.
    /// Shared with `spurious_wakeup`.
    pub(super) fn gave_up(&self, ended: Op, waits: &[Op]) -> Option<usize> {
        let events = &self.record.events;
        (0..events.len()).rev().find(|&s| {
            let e = self.ev(s);
            e.op == ended
                && !events[s + 1..]
                    .iter()
                    .any(|w| w.thread == e.thread && waits.contains(&w.op) && w.loc == e.loc)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn a_timed_out_wait_not_retried_is_it() {
        let record = fixture::record(&[
            ("Mutex", "bool", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:4:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::TimedOut, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "timed_out");
        assert!(
            sentence.starts_with(
                "thread 1's timed wait on Condvar #1 (line 5) timed out before anything came"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn timeouts_in_a_row_are_counted() {
        let record = fixture::record(&[
            ("Mutex", "bool", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Woken, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::TimedOut, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:5:9")
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:5:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::TimedOut, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::TimedOut, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "timed_out");
        assert!(
            sentence.starts_with(
                "thread 1's timed wait on Condvar #1 (line 5) timed out 3 times in a row before \
                 anything came"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn a_retried_wait_is_not_it() {
        let record = fixture::record(&[
            ("Mutex", "bool", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::TimedOut, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .end();
        assert_ne!(read(&record, "").map(|r| r.0), Some("timed_out"));
    }
}

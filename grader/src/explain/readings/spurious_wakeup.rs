//! A wait that returned without a notify, and a thread that took that as its condition.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// A thread's wait returned spuriously and the thread did not wait again at that line:
    /// it went on as if it had been told its condition holds (`if`, not `while`).
    pub(super) fn spurious_wakeup(&self, _writes: &Writes) -> Option<String> {
        let s = self.gave_up(Op::Spurious, &[Op::Wait])?;
        let e = self.ev(s);
        Some(format!(
            "{t}'s wait on {cv} ({wl}) returned without any notify (a spurious wakeup, which \
             std allows at any time), and {t} went on as if its condition held: a wakeup \
             proves nothing, so check the condition again after every wait (`while`, not \
             `if`, or `wait_while`).",
            t = thread_label(e.thread),
            cv = self.name(e.obj),
            wl = self.line(&e.loc),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[
            ("Mutex", "bool", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:4:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Spurious, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "spurious_wakeup");
        assert_eq!(
            sentence,
            "thread 1's wait on Condvar #1 (line 5) returned without any notify (a spurious \
             wakeup, which std allows at any time), and thread 1 went on as if its condition \
             held: a wakeup proves nothing, so check the condition again after every wait \
             (`while`, not `if`, or `wait_while`). (Condvar #1: the Condvar created at line \
             2.)"
        );
    }

    #[test]
    fn a_retried_wait_is_not_it() {
        let record = fixture::record(&[
            ("Mutex", "bool", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Spurious, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .end();
        assert_ne!(read(&record, "").map(|r| r.0), Some("spurious_wakeup"));
    }
}

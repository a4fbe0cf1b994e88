//! A thread unparked, and the data it was woken for changed before it ran again.

use super::super::Explainer;
use super::super::record::{Event, Op, thread_label};
use super::Writes;

/// An access that changes an object: an atomic's write, or a pointer into an `UnsafeCell`
/// taken to write through.
fn changes(e: &Event) -> bool {
    e.written().is_some() || matches!(e.op, Op::CellGet | Op::CellGetMut)
}

/// An access to an object's data: a read or a write of an atomic, or an `UnsafeCell`'s.
fn uses(e: &Event) -> bool {
    e.read_value().is_some() || changes(e) || matches!(e.op, Op::CellRead | Op::CellIntoInner)
}

impl Explainer<'_> {
    /// A thread was unparked by another and its park returned; between the unpark and the
    /// return, another thread changed data that the woken thread then used. What it was
    /// woken for may be gone: a wait built on `park` must check its condition again when it
    /// returns (a loop, not an `if`), as every wakeup is only a hint.
    pub(super) fn unparked_then_changed(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for p in (0..events.len()).rev() {
            let pe = self.ev(p);
            if !matches!(pe.op, Op::Park | Op::ParkTimeout) {
                continue;
            }
            let t = pe.thread;
            let Some(u) = (0..p)
                .rev()
                .find(|&u| self.ev(u).op == Op::Unpark && self.ev(u).obj == t)
            else {
                continue;
            };
            // What the woken thread used after its park, last first (the failing check's
            // data is at the end), that another thread changed between the unpark and the
            // park's return.
            let used = (p + 1..events.len()).rev().find_map(|r| {
                let re = self.ev(r);
                if re.thread != t || !uses(re) || re.obj == 0 {
                    return None;
                }
                let c = (u + 1..p).rev().find(|&c| {
                    let ce = self.ev(c);
                    ce.thread != t && ce.obj == re.obj && changes(ce)
                })?;
                Some((r, c))
            });
            let Some((r, c)) = used else { continue };
            let (ue, ce, re) = (self.ev(u), self.ev(c), self.ev(r));
            return Some(format!(
                "{t} was unparked by {w} ({ul}), but before its park ({pl}) returned, {v} \
                 changed {obj} ({cl}), which {t} then used ({rl}): what {t} was woken for was \
                 gone by the time it ran. A wakeup is only a hint: when a wait returns, check \
                 the condition again (`while`, not `if`).",
                t = thread_label(t),
                w = thread_label(ue.thread),
                ul = self.line(&ue.loc),
                pl = self.line(&pe.loc),
                v = thread_label(ce.thread),
                obj = self.name(re.obj),
                cl = self.line(&ce.loc),
                rl = self.line(&re.loc),
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    /// A taker waits (`if`, not `while`) on a condition variable built on park; main adds an
    /// item, unparks it, takes the item back, and the taker, once its park returns, reads
    /// the count. The list of sleepers is relocked around the park, by design: not blamed.
    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[
            ("Mutex", "Vec<Thread>", "/w/x.rs:1:1", "-"),
            ("UnsafeCell", "u64", "/w/x.rs:2:1", "-"),
            ("AtomicU32", "u32", "/w/x.rs:3:1", "0"),
        ])
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:5:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:5:9")
        .step(0, Op::Cas, 3, "Acquire", "0", "1", "/w/x.rs:8:9")
        .step(0, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:9:9")
        .step(0, Op::Swap, 3, "Release", "1", "0", "/w/x.rs:10:9")
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/x.rs:11:9")
        .step(0, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:11:9")
        .step(0, Op::Unpark, 1, "-", "-", "-", "/w/x.rs:12:9")
        .step(0, Op::Cas, 3, "Acquire", "0", "1", "/w/x.rs:8:9")
        .step(0, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:9:9")
        .step(0, Op::Swap, 3, "Release", "1", "0", "/w/x.rs:10:9")
        .step(1, Op::Park, 0, "-", "-", "-", "/w/x.rs:6:9")
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:7:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:7:9")
        .step(1, Op::Cas, 3, "Acquire", "0", "1", "/w/x.rs:8:9")
        .step(1, Op::CellRead, 2, "-", "-", "-", "/w/x.rs:14:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "unparked_then_changed");
        assert_eq!(
            sentence,
            "thread 1 was unparked by main (line 12), but before its park (line 6) returned, \
             main changed UnsafeCell #1 (line 9), which thread 1 then used (line 14): what \
             thread 1 was woken for was gone by the time it ran. A wakeup is only a hint: \
             when a wait returns, check the condition again (`while`, not `if`). \
             (UnsafeCell #1: the UnsafeCell<u64> created at line 2.)"
        );
    }
}

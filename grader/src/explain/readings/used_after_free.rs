//! An atomic or `UnsafeCell` used after the memory it is in was freed (the shim checks each
//! access: `loom_std/freed.rs`).

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// The execution ends at a `used_freed` (the shim panics there): who freed that memory,
    /// after which of its own lines, and what pointer the user had read before the free.
    pub(super) fn used_after_free(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        let u = events.iter().rposition(|e| e.op == Op::UsedFreed)?;
        let ue = self.ev(u);
        let t = thread_label(ue.thread);
        let freed = (0..u)
            .rev()
            .find(|&i| ue.obj != 0 && self.ev(i).op == Op::Freed && self.ev(i).obj == ue.obj);
        let x = if ue.obj == 0 {
            "an atomic".to_string()
        } else {
            self.name(ue.obj)
        };
        let mut sentence = match freed {
            Some(f) => {
                let fe = self.ev(f);
                let who = if fe.thread == ue.thread {
                    "it".to_string()
                } else {
                    thread_label(fe.thread)
                };
                let after = self
                    .before_in_thread(fe)
                    .map(|l| format!(" (after {})", self.line(&Some(l))))
                    .unwrap_or_default();
                let mut s = format!(
                    "use after free: {t} used {x} ({l}) after {who} had freed the memory it is \
                     in{after}.",
                    l = self.line(&ue.loc),
                );
                // The pointer it went by: its latest pointer read before the use.
                let read = (0..u).rev().find(|&i| {
                    let e = self.ev(i);
                    e.thread == ue.thread && e.read_value().is_some_and(|v| v.starts_with("ptr#"))
                });
                if let Some(r) = read {
                    let re = self.ev(r);
                    s.push_str(&format!(
                        " {t} went by {v}, which it read from {y} ({rl}).",
                        v = re.read_value().cloned().unwrap_or_default(),
                        y = self.name(re.obj),
                        rl = self.line(&re.loc),
                    ));
                }
                s
            }
            None => format!(
                "use after free: {t} used {x} ({l}) in memory that was already freed.",
                l = self.line(&ue.loc),
            ),
        };
        sentence.push_str(
            " Another thread may still hold a pointer to memory that one thread unlinked: free \
             it only once no thread can reach it any more (keep it until the structure is \
             dropped, or until every thread that may hold the pointer is done with it). On \
             real threads this reads whatever the allocator put there, or a new node at the \
             same address (the ABA problem).",
        );
        Some(sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    const SOURCE: &str = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[
            ("AtomicPtr", "Node", "/w/x.rs:2:1", "null"),
            ("AtomicPtr", "Node", "/w/x.rs:3:1", "ptr#1"),
        ])
        .step(2, Op::Load, 2, "Acquire", "ptr#1", "-", "/w/x.rs:8:9")
        .step(1, Op::Load, 2, "Acquire", "ptr#1", "-", "/w/x.rs:8:9")
        .step(1, Op::Load, 1, "Relaxed", "null", "-", "/w/x.rs:9:9")
        .step(1, Op::Cas, 2, "Acquire", "ptr#1", "null", "/w/x.rs:10:9")
        .step(1, Op::Freed, 1, "-", "-", "-", "/r/loom_std/freed.rs:80:5")
        .step(2, Op::UsedFreed, 1, "-", "-", "-", "/w/x.rs:9:9")
        .end();
        let (reading, sentence) = read(&record, SOURCE).expect("a reading");
        assert_eq!(reading, "used_after_free");
        assert!(
            sentence.starts_with(
                "use after free: thread 2 used AtomicPtr #1 (line 9) after thread 1 had freed \
                 the memory it is in (after line 10). thread 2 went by ptr#1, which it read from \
                 AtomicPtr #2 (line 8). Another thread may still hold"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn a_use_of_memory_it_did_not_see_freed_is_still_named() {
        let record = fixture::record(&[("AtomicUsize", "usize", "/w/x.rs:2:1", "0")])
            .step(1, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:8:9")
            .step(1, Op::UsedFreed, 0, "-", "-", "-", "/w/x.rs:9:9")
            .end();
        let (reading, sentence) = read(&record, SOURCE).expect("a reading");
        assert_eq!(reading, "used_after_free");
        assert!(
            sentence.starts_with(
                "use after free: thread 1 used an atomic (line 9) in memory that was already freed."
            ),
            "{sentence}"
        );
    }
}

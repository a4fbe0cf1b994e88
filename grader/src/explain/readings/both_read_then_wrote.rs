//! Two threads read the same value, and each wrote what it computed from it.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// Two threads read the same value of an atomic and each then wrote it, computed from
    /// what it read: the classic lost update (or a check that no longer holds).
    pub(super) fn both_read_then_wrote(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        // (read index, write index) per thread and atomic: a write and the read before it.
        let mut pairs = Vec::new();
        for (w, we) in events.iter().enumerate() {
            if we.written().is_none() || we.op == Op::Cas {
                continue;
            }
            let prev = (0..w).rev().find(|&r| {
                let e = &events[r];
                e.thread == we.thread && e.obj == we.obj
            });
            if let Some(r) = prev.filter(|&r| events[r].op == Op::Load) {
                pairs.push((r, w));
            }
        }
        for (x, &(r1, w1)) in pairs.iter().enumerate() {
            for &(r2, w2) in &pairs[x + 1..] {
                let (a, b) = (self.ev(r1), self.ev(r2));
                if a.thread == b.thread || a.obj != b.obj || a.a != b.a {
                    continue;
                }
                let (we1, we2) = (self.ev(w1), self.ev(w2));
                let name = self.name(a.obj);
                let v = a.a.clone().unwrap_or_default();
                let reads = if a.loc == b.loc {
                    format!("both read {name} == {v} ({})", self.line(&a.loc))
                } else {
                    format!(
                        "both read {name} == {v} ({} and {})",
                        self.line(&a.loc),
                        self.line(&b.loc)
                    )
                };
                let who = format!("{} and {}", thread_label(a.thread), thread_label(b.thread));
                return Some(if we1.op == Op::Store && we2.op == Op::Store {
                    format!(
                        "{who} {reads}, and each then stored a value computed from it ({} at {}, \
                         {} at {}): the later store overwrites the other, as if that update \
                         never happened. A load and a store are two steps; a single \
                         read-modify-write (fetch_add, compare_exchange) is one.",
                        we1.written().unwrap_or_default(),
                        self.line(&we1.loc),
                        we2.written().unwrap_or_default(),
                        self.line(&we2.loc),
                    )
                } else {
                    format!(
                        "{who} {reads}, and each then went on with {} ({}) as if its check \
                         still held after the other's update: the check and the update must be \
                         one atomic step (a compare_exchange loop).",
                        we2.op.action(),
                        self.line(&we2.loc),
                    )
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "0")])
            .step(1, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .step(2, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .step(1, Op::Store, 1, "Relaxed", "1", "-", "/w/x.rs:4:15")
            .step(2, Op::Store, 1, "Relaxed", "1", "-", "/w/x.rs:4:15")
            .end();
        let (reading, sentence) = read(
            &record,
            "\n\nlet n = self.hits.load(1);\n    self.hits.store(n + 1);\n",
        )
        .expect("a reading");
        assert_eq!(reading, "both_read_then_wrote");
        assert_eq!(
            sentence,
            "thread 1 and thread 2 both read hits == 0 (line 3), and each then stored a \
             value computed from it (1 at line 4, 1 at line 4): the later store overwrites \
             the other, as if that update never happened. A load and a store are two steps; \
             a single read-modify-write (fetch_add, compare_exchange) is one."
        );
    }
}

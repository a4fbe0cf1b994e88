//! A weak compare-exchange that failed spuriously, taken as final.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// A weak compare-exchange that failed although the value matched. The grader makes one
    /// fail only in a model's second pass, after the first passed, so the failure is the cause.
    pub(super) fn spurious_cas(&self, _writes: &Writes) -> Option<String> {
        let (i, e) = self
            .record
            .events
            .iter()
            .enumerate()
            .find(|(_, e)| e.op == Op::CasSpurious)?;
        Some(format!(
            "{t}'s compare_exchange_weak on {x} failed spuriously ({l}, {o}): {x} held {v}, \
             the value it expected, and the exchange failed anyway, as the weak form may; the \
             code took that failure as final. Retry a weak exchange in a loop until it \
             succeeds or finds a different value, or use compare_exchange.",
            t = thread_label(e.thread),
            x = self.name(e.obj),
            l = self.line(&e.loc),
            o = self.order(i),
            v = e.read_value().cloned().unwrap_or_default(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "100")])
            .step(1, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(
                1,
                Op::CasSpurious,
                1,
                "Relaxed",
                "100",
                "100",
                "/w/x.rs:4:14",
            )
            .end();
        let (reading, sentence) = read(
            &record,
            "\n\nlet b = self.balance.load();\nself.balance.compare_exchange_weak();\n",
        )
        .expect("a reading");
        assert_eq!(reading, "spurious_cas");
        assert!(
            sentence.contains("compare_exchange_weak on ")
                && sentence.contains(" failed spuriously (line 4, Relaxed): ")
                && sentence.contains(" held 100, the value it expected"),
            "{sentence}"
        );
    }
}

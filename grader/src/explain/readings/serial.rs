//! A failure with the threads run one after another: nothing concurrent to blame.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// The execution failed although it was serial: each thread's operations (spawns and
    /// joins aside) ran in one block, with no other thread's in between; every thread
    /// started was joined before anything ran after it (or is the one that failed, last);
    /// every read saw the newest write; nothing failed spuriously; and the record is whole.
    /// Then the code is wrong run one thread at a time, and no reading may blame an
    /// interleaving or a memory ordering.
    pub(super) fn serial(&self, _writes: &Writes) -> Option<String> {
        let record = self.record;
        let events = &record.events;
        // A thread blocked in anything but a join was in the middle of its work.
        if record.dropped > 0 || record.waits.iter().any(|w| w.op != Op::Join) {
            return None;
        }
        if events
            .iter()
            .any(|e| matches!(e.op, Op::Spurious | Op::CasSpurious))
        {
            return None;
        }
        let work: Vec<usize> = (0..events.len())
            .filter(|&i| !matches!(events[i].op, Op::Spawn | Op::Join))
            .collect();
        // The threads in the order their blocks ran; a thread seen again broke its block.
        let mut order: Vec<usize> = Vec::new();
        for &i in &work {
            let t = events[i].thread;
            if order.last() != Some(&t) {
                if order.contains(&t) {
                    return None;
                }
                order.push(t);
            }
        }
        let (_, before) = order.split_last()?;
        // Joined: it finished (its block was all of its work). Or it is in a join (main,
        // waiting for the others), recorded as a join that returned or one still waiting.
        let joined = |t: usize| {
            events.iter().any(|e| e.op == Op::Join && e.obj == t)
                || record.waits.iter().any(|w| w.op == Op::Join && w.obj == t)
        };
        let in_join = |t: usize| {
            let end = work.iter().rposition(|&i| events[i].thread == t);
            let after = end.map_or(0, |k| work[k] + 1);
            events[after..]
                .iter()
                .find(|e| e.thread == t)
                .is_some_and(|e| e.op == Op::Join)
                || record
                    .waits
                    .iter()
                    .any(|w| w.thread == t && w.op == Op::Join)
        };
        // Every thread but the last to run had done all its work before the next began.
        if before.iter().any(|&t| !joined(t) && !in_join(t)) {
            return None;
        }
        // A thread started that did nothing must have been joined: else it was still to run.
        let idle = events
            .iter()
            .filter(|e| e.op == Op::Spawn)
            .any(|e| !order.contains(&e.obj) && !joined(e.obj));
        if idle {
            return None;
        }
        // Every read saw the newest write (its own thread's or one before its block).
        let writes = self.writes();
        for (i, e) in events.iter().enumerate() {
            let Some(read) = e.read_value() else { continue };
            if let (Some(newest), _) = self.newest(&writes, e.obj, i)
                && &newest != read
            {
                return None;
            }
        }
        let threads: Vec<String> = order.iter().map(|&t| thread_label(t)).collect();
        let ran = if threads.len() == 1 {
            format!("only {} did anything", threads[0])
        } else {
            format!(
                "the threads ran one after another ({})",
                threads.join(", then ")
            )
        };
        Some(format!(
            "{SERIAL_HEAD}{ran}, each thread's steps in one block with no other thread in \
             the middle of its work, and every load saw the latest value. {SERIAL_TAIL}"
        ))
    }
}

const SERIAL_HEAD: &str = "Nothing concurrent went wrong in this execution: ";
const SERIAL_TAIL: &str = "So the failure is in the logic itself, not in an interleaving or a \
memory ordering: the code is wrong even run one thread at a time. Follow the steps above by \
hand, with the values shown.";

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    /// A withdrawal that subtracts twice: thread 1 runs whole, is joined, then main checks.
    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "100")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(1, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(1, Op::Cas, 1, "Relaxed", "100", "40", "/w/x.rs:4:14")
            .step(0, Op::Join, 1, "-", "-", "-", "/w/t.rs:4:1")
            .step(0, Op::Load, 1, "Relaxed", "40", "-", "/w/x.rs:5:14")
            .end();
        let (reading, sentence) = read(&record, "\n\nlet b = self.balance.load(1);\nself.balance.compare_exchange(1);\nself.balance.load(1);\n").expect("a reading");
        assert_eq!(reading, "serial");
        assert_eq!(
            sentence,
            "Nothing concurrent went wrong in this execution: the threads ran one after another \
             (thread 1, then main), each thread's steps in one block with no other thread in \
             the middle of its work, and every load saw the latest value. So the failure is in \
             the logic itself, not in an interleaving or a memory ordering: the code is wrong \
             even run one thread at a time. Follow the steps above by hand, with the values \
             shown."
        );
    }

    /// Main read, the thread wrote, main wrote: a switch in the middle of main's work.
    #[test]
    fn a_switch_in_the_middle_is_not_serial() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "0")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(0, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .step(1, Op::FetchAdd, 1, "Relaxed", "0", "1", "/w/x.rs:5:15")
            .step(0, Op::Store, 1, "Relaxed", "1", "-", "/w/x.rs:4:15")
            .end();
        let found = read(
            &record,
            "\n\nlet n = self.hits.load(1);\nself.hits.store(1);\nself.hits.fetch_add(1);\n",
        );
        assert_ne!(found.map(|(r, _)| r), Some("serial"));
    }

    /// Main checked before the thread ran at all (no join): a missing wait, not a logic bug.
    #[test]
    fn a_thread_not_yet_run_is_not_serial() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "0")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(0, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .end();
        let found = read(&record, "\n\nself.hits.load(1);\n");
        assert_ne!(found.map(|(r, _)| r), Some("serial"));
    }

    /// A relaxed load that missed the newest store, in otherwise serial blocks.
    #[test]
    fn a_stale_read_is_not_serial() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "0")])
            .step(1, Op::Store, 1, "Relaxed", "5", "-", "/w/x.rs:3:14")
            .step(0, Op::Join, 1, "-", "-", "-", "/w/t.rs:4:1")
            .step(2, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:4:14")
            .end();
        let found = read(&record, "\n\nself.peak.store(5);\nself.peak.load(1);\n");
        assert_ne!(found.map(|(r, _)| r), Some("serial"));
    }
}

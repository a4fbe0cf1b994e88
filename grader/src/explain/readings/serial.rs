//! A failure with the threads run one after another: nothing concurrent to blame.

use super::super::Explainer;
use super::super::record::{Loc, Op, thread_label};
use super::{Writes, acquires, releases};

impl Explainer<'_> {
    /// The execution failed although it was serial: whenever another thread ran, the one
    /// it ran after was at a boundary of its work: it had finished (someone joins it), or
    /// its next step was a join written in the model (so every call of the learner's code
    /// it made had returned); every thread started that did nothing was joined (none was
    /// still to run); every read saw the newest write; nothing failed spuriously; and the
    /// record is whole. Then the code is wrong run one thread at a time, and no reading may
    /// blame an interleaving or a memory ordering.
    pub(super) fn serial(&self, writes: &Writes) -> Option<String> {
        let record = self.record;
        let events = &record.events;
        // A thread blocked in anything but a join was in the middle of its work.
        if record.dropped > 0 || record.waits.iter().any(|w| w.op != Op::Join) {
            return None;
        }
        if events
            .iter()
            .any(|e| matches!(e.op, Op::Spurious | Op::CasSpurious | Op::TimedOut))
        {
            return None;
        }
        let outside = |loc: &Option<Loc>| {
            loc.as_ref()
                .is_some_and(|l| !l.file.ends_with(self.learner))
        };
        let joined = |t: usize| {
            events.iter().any(|e| e.op == Op::Join && e.obj == t)
                || record.waits.iter().any(|w| w.op == Op::Join && w.obj == t)
        };
        // Thread `t`, whose last step so far is event `i`, is between two pieces of work.
        let at_boundary = |t: usize, i: usize| match events[i + 1..].iter().find(|e| e.thread == t)
        {
            Some(next) => next.op == Op::Join && outside(&next.loc),
            None => {
                joined(t)
                    || record
                        .waits
                        .iter()
                        .any(|w| w.thread == t && outside(&w.loc))
            }
        };
        let work: Vec<usize> = (0..events.len())
            .filter(|&i| !matches!(events[i].op, Op::Spawn | Op::Join))
            .collect();
        // The threads in the order their pieces of work ran.
        let mut order: Vec<usize> = Vec::new();
        // Plain data (an `UnsafeCell`) is read without a value in the record: a stale read
        // of it would not show. With any, each switch must also be ordered: the thread that
        // ran next had joined the one before it, or was started by it after its work.
        let cells = events.iter().any(|e| e.op.name().starts_with("cell"));
        // Or the next one's first access to an atomic read (Acquire) what the one before
        // wrote (Release): that pair orders the handover too.
        let handed = |a: usize, b: usize, start: usize| {
            let Some(r) = (start..events.len())
                .find(|&r| events[r].thread == b && events[r].read_value().is_some())
            else {
                return false;
            };
            let read = &events[r];
            let acquire = read.order.as_deref().is_some_and(acquires);
            acquire
                && self.newest(writes, read.obj, r).1.is_some_and(|w| {
                    events[w].thread == a && events[w].order.as_deref().is_some_and(releases)
                })
        };
        let ordered = |a: usize, b: usize, start: usize| {
            handed(a, b, start)
                || events[..start].iter().enumerate().any(|(k, e)| {
                    (e.thread == b && e.op == Op::Join && e.obj == a)
                        || (e.thread == a
                            && e.op == Op::Spawn
                            && e.obj == b
                            && k > work.iter().rev().copied().find(|&w| w < start).unwrap_or(0))
                })
        };
        for pair in work.windows(2) {
            let (a, b) = (&events[pair[0]], &events[pair[1]]);
            if a.thread != b.thread
                && (!at_boundary(a.thread, pair[0])
                    || (cells && !ordered(a.thread, b.thread, pair[1])))
            {
                return None;
            }
        }
        for &i in &work {
            if order.last() != Some(&events[i].thread) {
                order.push(events[i].thread);
            }
        }
        if order.is_empty() {
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
        // Every read saw the newest write, or was set right before it was used: the
        // thread's next access to that atomic is a compare-exchange that saw the newest
        // value (a retry loop's first load may be stale; its failed exchange corrects it),
        // and, if that exchange failed, the loop went round with the value it found (another
        // exchange on it): a thread that failed right after it may have acted on the stale
        // value (checked it, outside the loop), which a serial run would not have seen.
        let fresh = |i: usize| {
            let e = &events[i];
            let newest = self.newest(writes, e.obj, i).0;
            newest.is_none() || newest.as_ref() == e.read_value()
        };
        for (i, e) in events.iter().enumerate() {
            if e.read_value().is_none() || fresh(i) {
                continue;
            }
            let next = (i + 1..events.len())
                .find(|&j| events[j].thread == e.thread && events[j].obj == e.obj);
            let went_round = |j: usize| {
                events[j + 1..].iter().any(|k| {
                    k.thread == e.thread && k.obj == e.obj && matches!(k.op, Op::Cas | Op::CasFail)
                })
            };
            let corrected = next.is_some_and(|j| match events[j].op {
                Op::Cas => fresh(j),
                Op::CasFail => fresh(j) && went_round(j),
                _ => false,
            });
            if e.op != Op::Load || !corrected {
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
            "{SERIAL_HEAD}{ran}, so no thread was in the middle of its work when another ran, \
             and every value a thread went on with was the latest. {SERIAL_TAIL}"
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

    /// A withdrawal that stores the fare, not what is left: main's withdrawal, then thread
    /// 1's, then main joins it (in the model's code) and reads the balance.
    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "100")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(0, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(0, Op::Cas, 1, "Relaxed", "100", "60", "/w/x.rs:4:14")
            .step(1, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(1, Op::CasFail, 1, "Relaxed", "60", "100", "/w/x.rs:4:14")
            .step(1, Op::Cas, 1, "Relaxed", "60", "60", "/w/x.rs:4:14")
            .step(0, Op::Join, 1, "-", "-", "-", "/w/t.rs:4:1")
            .step(0, Op::Load, 1, "Relaxed", "60", "-", "/w/x.rs:5:14")
            .end();
        let source = "\n\nlet b = self.balance.load(1);\nself.balance.compare_exchange(1);\nself.balance.load(1);\n";
        let (reading, sentence) = read(&record, source).expect("a reading");
        assert_eq!(reading, "serial");
        assert_eq!(
            sentence,
            "Nothing concurrent went wrong in this execution: the threads ran one after another \
             (main, then thread 1, then main), so no thread was in the middle of its work when \
             another ran, and every value a thread went on with was the latest. So the failure is in the logic \
             itself, not in an interleaving or a memory ordering: the code is wrong even run \
             one thread at a time. Follow the steps above by hand, with the values shown."
        );
        // The same, but the join is the learner's own: main may be half way through a call.
        let inside = record.replace("/w/t.rs:4:1", "/w/x.rs:9:1");
        assert_ne!(read(&inside, source).map(|(r, _)| r), Some("serial"));
    }

    /// A stale first load, its exchange failing, and the thread failing before it goes round:
    /// it may have acted on the stale value (a check made once, before the loop), which a
    /// serial run would not have seen (cas_withdraw's wrong_check_outside_loop).
    #[test]
    fn a_stale_load_not_retried_is_not_serial() {
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "100")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(0, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(0, Op::Cas, 1, "Relaxed", "100", "40", "/w/x.rs:4:14")
            .step(1, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14")
            .step(1, Op::CasFail, 1, "Relaxed", "40", "100", "/w/x.rs:4:14")
            .end();
        let source = "\n\nlet b = self.balance.load(1);\nself.balance.compare_exchange(1);\n";
        assert_ne!(read(&record, source).map(|(r, _)| r), Some("serial"));
    }

    /// Plain data handed over by a relaxed flag: its stale read would not show in the record.
    #[test]
    fn plain_data_handed_over_unordered_is_not_serial() {
        let record = fixture::record(&[
            ("AtomicBool", "bool", "/w/x.rs:1:1", "false"),
            ("UnsafeCell", "u32", "/w/x.rs:1:1", "-"),
        ])
        .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
        .step(0, Op::Cas, 1, "Relaxed", "false", "true", "/w/x.rs:3:14")
        .step(0, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:4:14")
        .step(0, Op::Store, 1, "Relaxed", "false", "-", "/w/x.rs:5:14")
        .step(1, Op::Cas, 1, "Relaxed", "false", "true", "/w/x.rs:3:14")
        .step(1, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:4:14")
        .step(1, Op::Store, 1, "Relaxed", "false", "-", "/w/x.rs:5:14")
        .step(0, Op::Join, 1, "-", "-", "-", "/w/t.rs:4:1")
        .end();
        let found = read(&record, "");
        assert_ne!(found.map(|(r, _)| r), Some("serial"));
    }

    /// The same handover with Release and Acquire is ordered: a logic bug stays one.
    #[test]
    fn plain_data_handed_over_by_release_and_acquire_is_serial() {
        let record = fixture::record(&[
            ("AtomicBool", "bool", "/w/x.rs:1:1", "false"),
            ("UnsafeCell", "u32", "/w/x.rs:1:1", "-"),
        ])
        .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
        .step(0, Op::Cas, 1, "Acquire", "false", "true", "/w/x.rs:3:14")
        .step(0, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:4:14")
        .step(0, Op::Store, 1, "Release", "false", "-", "/w/x.rs:5:14")
        .step(1, Op::Cas, 1, "Acquire", "false", "true", "/w/x.rs:3:14")
        .step(1, Op::CellGet, 2, "-", "-", "-", "/w/x.rs:4:14")
        .step(1, Op::Store, 1, "Release", "false", "-", "/w/x.rs:5:14")
        .step(0, Op::Join, 1, "-", "-", "-", "/w/t.rs:4:1")
        .end();
        let found = read(&record, "");
        assert_eq!(found.map(|(r, _)| r), Some("serial"));
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

//! The loop a model was cut short in (loom gave up: too many branches): the operation the
//! spinning thread kept repeating, its line and object, and what it keeps waiting for.

use super::Explainer;
use super::record::{Event, Loc, Op, thread_label};

/// A spin loop that never lets the thread it waits for run.
const SPIN_HINT: &str = "A spin loop must let the other threads run: call \
`std::hint::spin_loop()` (or `std::thread::yield_now()`) inside it.";
/// Why threads taking turns at failing `try_lock`s never stop.
const CYCLE_LOCKS: &str = "nothing in that loop lets go of a lock, so each try_lock finds its \
lock still held, every time. A thread that retries while keeping the guard it already has \
waits for a thread that waits for it: drop every guard before retrying.";
/// Why threads taking turns at other steps never stop.
const CYCLE_OTHER: &str = "nothing in that loop changes what they wait for, so it never ends.";

/// The longest block of steps a loop that never ends is looked for in.
const MAX_PERIOD: usize = 6;
/// A lone thread retrying a lock in a loop that never yields.
const RETRY_HINT: &str = "A retry loop must let the other threads run: back off before the \
next attempt (`std::thread::yield_now()`).";
/// After the sentence naming a loop that never ends.
const SPIN_TAIL: &str = "loom gave up exploring this model: that loop never ends.";
/// Fewer repeats than this is not a loop that never ends.
const MIN_REPEATS: usize = 3;
/// Threads polling in turn at least this often, before the end of the record, is what made
/// loom give up, when nothing else repeats.
const MIN_POLLS: usize = 5;
/// What to do about threads polling in turn (a loop that already yields or spins politely).
pub const POLL_HINT: &str = "Each turn of such a loop is a point where loom must try every \
other thread, so with two pollers it cannot explore them all, and on real threads they burn \
CPU while they wait. A thread that waits for another should block until woken (park it and \
unpark it, or wait on a Condvar) instead of polling.";

impl Explainer<'_> {
    /// One sentence on the loop: the run of steps repeated at the end of the record (the
    /// shim folds identical operations in a row into one event with a count), or else the
    /// step repeated most.
    pub fn spinning(&self) -> Option<String> {
        let events = &self.record.events;
        let (period, reps) = self.tail_cycle();
        if period > 1 && reps >= MIN_REPEATS {
            let cycle = self.cycle(&events[events.len() - period..], reps);
            return Some(format!("{cycle} {SPIN_TAIL}"));
        }
        let Some((i, e)) = events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.count >= MIN_REPEATS)
            .max_by_key(|(i, e)| (e.count, *i))
        else {
            return self.polling();
        };
        self.single(i, e).map(|text| format!("{text} {SPIN_TAIL}"))
    }

    /// One step repeated back to back (`e`, the `i`th event): what that loop waits for.
    fn single(&self, i: usize, e: &Event) -> Option<String> {
        let who = thread_label(e.thread);
        let x = self.name(e.obj);
        let at = self.line(&e.loc);
        let n = e.count;
        let runnable = self.runnable(e.thread);
        let others = runnable
            .iter()
            .map(|&t| thread_label(t))
            .collect::<Vec<_>>()
            .join(" and ");
        Some(match e.op {
            Op::CasFail if !runnable.is_empty() => format!(
                "{who} keeps retrying its compare_exchange on {x} ({at}, x{n}): it expects {b} \
                 and finds {a}, every time, while {others} (which could change it) never gets \
                 to run. {SPIN_HINT}",
                a = e.a.clone().unwrap_or_default(),
                b = e.b.clone().unwrap_or_default(),
            ),
            Op::CasFail => format!(
                "{who} keeps retrying its compare_exchange on {x} ({at}, x{n}): it expects {b} \
                 and finds {a}, every time, and no other thread is left to change it. The loop \
                 never updates the value it expects: on `Err(actual)`, go round again \
                 expecting `actual` (and recompute the new value from it).",
                a = e.a.clone().unwrap_or_default(),
                b = e.b.clone().unwrap_or_default(),
            ),
            Op::Load if !runnable.is_empty() => format!(
                "{who} keeps loading {x} ({at}, x{n}) and sees {v} every time, while {others} \
                 (which could change it) never gets to run. {SPIN_HINT}",
                v = e.a.clone().unwrap_or_default(),
            ),
            Op::TryLock | Op::TryRead | Op::TryWrite if !e.took() => {
                let holder = self.holder(e.obj, i);
                let held: Vec<String> = self
                    .held_by(e.thread, i)
                    .into_iter()
                    .filter(|&(obj, _)| obj != e.obj)
                    .map(|(obj, loc)| format!("{} (taken at {loc})", self.name(obj)))
                    .collect();
                let holder = match holder {
                    Some(t) if t == e.thread => format!("{who} itself holds it"),
                    Some(t) => format!("{} holds it", thread_label(t)),
                    None => "another guard holds it".to_string(),
                };
                let keeps = if held.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", and {who} still holds {} while it retries, so the holder may be \
                         waiting for {who}: drop every guard before retrying",
                        held.join(" and ")
                    )
                };
                format!(
                    "{who} keeps calling {op} on {x} ({at}, x{n}) and it fails every time: \
                     {holder}{keeps}.",
                    op = e.op.action(),
                )
            }
            Op::Load => format!(
                "{who} keeps loading {x} ({at}, x{n}) and sees {v} every time: it waits for \
                 another thread to change {x}, and no thread does.",
                v = e.a.clone().unwrap_or_default(),
            ),
            op => format!(
                "{who} keeps repeating {action} on {x} ({at}, x{n}) and gets nowhere.",
                action = op.action()
            ),
        })
    }

    /// The longest run at the end of the record of a block of 2-6 steps repeated back to
    /// back: (its length, how many times). (1, 1) when there is none.
    fn tail_cycle(&self) -> (usize, usize) {
        let (period, reps) = self.cycle_ending_at(self.record.events.len());
        (period, reps)
    }

    /// The longest run ending just before event `end` of a block of 2-6 steps repeated back
    /// to back: (its length, how many times). (1, 1) when there is none.
    fn cycle_ending_at(&self, end: usize) -> (usize, usize) {
        let events = &self.record.events[..end];
        let mut best = (1, 1);
        for p in 2..=MAX_PERIOD {
            let mut reps = 1;
            while (reps + 1) * p <= events.len()
                && (0..p).all(|k| {
                    let last = events.len() - 1 - k;
                    events[last].same_step(&events[last - reps * p])
                })
            {
                reps += 1;
            }
            if reps > 1 && reps * p > best.0 * best.1 {
                best = (p, reps);
            }
        }
        best
    }

    /// Threads that took turns polling a value for a long stretch of the record, before
    /// something else let them through: the execution ended, but loom gave up exploring every
    /// way such polls can interleave with the rest (a loop that already yields). None when no
    /// stretch repeats `MIN_POLLS` times.
    fn polling(&self) -> Option<String> {
        let events = &self.record.events;
        let Some((end, (period, reps))) = (1..=events.len())
            .map(|end| (end, self.cycle_ending_at(end)))
            .filter(|(_, (p, _))| *p > 1)
            .max_by_key(|(end, (p, reps))| (p * reps, *end))
        else {
            return self.timed_out_retries();
        };
        if reps < MIN_POLLS {
            return self.timed_out_retries();
        }
        let block = &events[end - period..end];
        // Only looks: a block that changes something (a store, a successful RMW) is progress.
        // A lock taken and let go is a look at what it guards.
        let looks = |e: &Event| {
            matches!(
                e.op,
                Op::Load | Op::CasFail | Op::Lock | Op::Read | Op::Unlock | Op::ReadUnlock
            ) || (e.op.is_try() && !e.took())
        };
        if !block.iter().all(looks) {
            return self.timed_out_retries();
        }
        let mut who: Vec<usize> = block.iter().map(|e| e.thread).collect();
        who.sort_unstable();
        who.dedup();
        let who = who
            .iter()
            .map(|&t| thread_label(t))
            .collect::<Vec<_>>()
            .join(" and ");
        let polls: Vec<String> = block
            .iter()
            .filter(|e| !e.op.is_unlock())
            .map(|e| {
                let what = match e.op {
                    Op::Load => "loads",
                    Op::CasFail => "fails a compare_exchange on",
                    Op::Lock | Op::Read => "locks and unlocks",
                    _ => "fails a try_lock on",
                };
                format!(
                    "{} {what} {} ({}{})",
                    thread_label(e.thread),
                    self.name(e.obj),
                    self.line(&e.loc),
                    self.called_from(&e.loc)
                )
            })
            .collect();
        let first = &block[0];
        let (seeing, changed) = if first.op == Op::Load {
            (
                format!(
                    ", seeing {} every time",
                    first.a.clone().unwrap_or_default()
                ),
                self.name(first.obj),
            )
        } else {
            (
                String::new(),
                format!("what {} holds", self.name(first.obj)),
            )
        };
        Some(format!(
            "{}, in turn, x{reps}{seeing}: {who} poll in a loop, waiting for another thread to \
             change {changed}. {POLL_HINT}",
            polls.join("; "),
        ))
    }

    /// A thread whose timed wait at one line timed out `MIN_POLLS` times or more, trying
    /// again after each (a retry on timeout), when nothing else repeats.
    fn timed_out_retries(&self) -> Option<String> {
        let events = &self.record.events;
        let mut counts: Vec<((usize, Option<Loc>), usize)> = Vec::new();
        for e in events.iter().filter(|e| e.op == Op::TimedOut) {
            let key = (e.thread, e.loc.clone());
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += e.count,
                None => counts.push((key, e.count)),
            }
        }
        let ((thread, loc), n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
        if n < MIN_POLLS {
            return None;
        }
        let who = thread_label(thread);
        Some(format!(
            "{who}'s timed wait ({}{}) timed out {n} times, and {who} tried again after each: \
             in a model a timed wait may time out at any point, as it may on real threads \
             whatever its limit (the other side is only slow), so a loop that starts over on \
             a timeout may never end. Wait for what you need without a time limit, or treat \
             a timeout as the end, not as a reason to do the work again.",
            self.line(&loc),
            self.called_from(&loc)
        ))
    }

    /// Several threads taking turns at failing steps, `reps` times each.
    fn cycle(&self, block: &[Event], reps: usize) -> String {
        let events = &self.record.events;
        let start = events.len() - block.len();
        let steps: Vec<String> = block
            .iter()
            .map(|e| {
                let fails = if e.op.is_try() && !e.took() || e.op == Op::CasFail {
                    ", which fails"
                } else {
                    ""
                };
                format!(
                    "{} calls {} on {} ({}{}){fails}",
                    thread_label(e.thread),
                    e.op.action(),
                    self.name(e.obj),
                    self.line(&e.loc),
                    self.called_from(&e.loc)
                )
            })
            .collect();
        let locks = block.iter().any(|e| e.op.is_try() && !e.took());
        // What each thread keeps while it retries: the guards it took before and still holds.
        let mut kept: Vec<String> = Vec::new();
        let mut seen: Vec<usize> = Vec::new();
        // Counted at each thread's first failing try in the block: what it holds then.
        for (k, e) in block.iter().enumerate() {
            if !locks || seen.contains(&e.thread) || !e.op.is_try() || e.took() {
                continue;
            }
            seen.push(e.thread);
            let held: Vec<String> = self
                .held_by(e.thread, start + k)
                .into_iter()
                .filter(|&(obj, _)| obj != e.obj)
                .map(|(obj, loc)| format!("{} (taken at {loc})", self.name(obj)))
                .collect();
            if !held.is_empty() {
                kept.push(format!(
                    "{} still holds {}",
                    thread_label(e.thread),
                    held.join(" and ")
                ));
            }
        }
        let mut threads: Vec<usize> = block.iter().map(|e| e.thread).collect();
        threads.sort_unstable();
        threads.dedup();
        let lets_go = block.iter().any(|e| e.op.is_unlock());
        // One thread that lets go and retries in a loop that never yields: the threads that
        // hold (or wait for) the lock it wants never run. Named when the record still shows
        // them started; else (the record keeps only its last steps) as the lock's holder.
        let others = match threads[..] {
            [alone] if lets_go && locks => {
                let live: Vec<String> = self.live(alone).into_iter().map(thread_label).collect();
                if !live.is_empty() {
                    Some(live.join(" and "))
                } else {
                    block
                        .iter()
                        .find(|e| e.op.is_try() && !e.took())
                        .map(|e| format!("the thread that holds {}", self.name(e.obj)))
                }
            }
            _ => None,
        };
        let why = if let Some(others) = others {
            format!(
                "{} lets go and retries at once, every time, while {others} never gets to \
                 run. {RETRY_HINT}",
                thread_label(threads[0]),
            )
        } else if !kept.is_empty() && lets_go {
            let retry = if kept.len() > 1 {
                "when they try the other lock, so each try_lock finds its lock kept by another \
                 thread, every time"
            } else {
                "when it tries the other lock, so its try_lock finds that lock held, every time"
            };
            format!(
                "{} {retry}: they let go only to take the same lock again at once, in step. \
                 Drop every guard before backing off, and back off before retrying.",
                kept.join(", and ")
            )
        } else if !kept.is_empty() {
            let retry = if kept.len() > 1 {
                "while they retry, so each try_lock finds its lock kept by another thread, \
                 every time"
            } else {
                "while it retries, so its try_lock finds its lock held, every time"
            };
            format!(
                "{} {retry}: nothing in that loop lets go of a lock. Drop every guard before \
                 retrying.",
                kept.join(", and ")
            )
        } else if locks {
            CYCLE_LOCKS.to_string()
        } else {
            CYCLE_OTHER.to_string()
        };
        format!("{}, in turn, x{reps}: {why}", steps.join("; "))
    }

    /// Where the loop is when a step's line is inside a function of the learner's (not a
    /// loop of its own): `, in `name`, called at line N` (every call of it in the file), or
    /// nothing. The recorded line is the operation's, e.g. a `try_lock` in a helper the
    /// retry loop calls.
    fn called_from(&self, loc: &Option<Loc>) -> String {
        let (Some(source), Some(loc)) = (&self.learner_source, loc) else {
            return String::new();
        };
        if !self.in_learner(&Some(loc.clone())) {
            return String::new();
        }
        let lines: Vec<&str> = source.lines().collect();
        let code = |l: &str| !l.trim_start().starts_with("//");
        // The function the line is in: the nearest `fn name(` above it, with no loop between.
        let mut name = None;
        for l in lines[..loc.line.min(lines.len())].iter().rev() {
            let t = l.trim_start();
            if !code(l) {
                continue;
            }
            if t.starts_with("loop") || t.starts_with("while ") || t.starts_with("for ") {
                return String::new();
            }
            if let Some(at) = t.find("fn ") {
                let rest = &t[at + 3..];
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if end > 0
                    && (at == 0 || t[..at].trim_end().ends_with("pub") || t.starts_with("pub("))
                {
                    name = Some(rest[..end].to_string());
                }
                break;
            }
        }
        let Some(name) = name else {
            return String::new();
        };
        let call = format!("{name}(");
        let calls: Vec<String> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| code(l) && !l.contains(&format!("fn {call}")))
            .filter(|(_, l)| {
                l.match_indices(&call).any(|(i, _)| {
                    !l[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
            .map(|(i, _)| format!("line {}", i + 1))
            .collect();
        if calls.is_empty() {
            return String::new();
        }
        format!(", in `{name}`, called at {}", calls.join(" and "))
    }

    /// The threads other than `thread` that could still run when the execution was cut:
    /// started (or main), not joined, not blocked.
    /// The threads started and not joined, but `thread`.
    fn live(&self, thread: usize) -> Vec<usize> {
        let events = &self.record.events;
        std::iter::once(0)
            .chain(events.iter().filter(|e| e.op == Op::Spawn).map(|e| e.obj))
            .filter(|&t| t != thread)
            .filter(|&t| !events.iter().any(|e| e.op == Op::Join && e.obj == t))
            .collect()
    }

    fn runnable(&self, thread: usize) -> Vec<usize> {
        let events = &self.record.events;
        let started =
            std::iter::once(0).chain(events.iter().filter(|e| e.op == Op::Spawn).map(|e| e.obj));
        started
            .filter(|&t| t != thread)
            .filter(|&t| !events.iter().any(|e| e.op == Op::Join && e.obj == t))
            .filter(|&t| !self.record.waits.iter().any(|w| w.thread == t))
            .collect()
    }

    /// The thread holding lock `obj` exclusively just before event `before`, if any.
    fn holder(&self, obj: usize, before: usize) -> Option<usize> {
        let events = &self.record.events[..before];
        let (k, e) = events
            .iter()
            .enumerate()
            .rev()
            .find(|(_, e)| e.obj == obj && e.takes())?;
        let released = events[k + 1..]
            .iter()
            .any(|u| u.obj == obj && u.thread == e.thread && u.op.is_unlock());
        (!released).then_some(e.thread)
    }

    /// The locks `thread` holds just before event `before`, and where it took each.
    fn held_by(&self, thread: usize, before: usize) -> Vec<(usize, String)> {
        let events = &self.record.events[..before];
        let mut held: Vec<(usize, String)> = Vec::new();
        for e in events.iter().filter(|e| e.thread == thread) {
            if e.takes() || matches!(e.op, Op::Read) || (e.op.is_try() && e.took()) {
                held.push((e.obj, self.line(&e.loc)));
            } else if e.op.is_unlock()
                && let Some(k) = held.iter().rposition(|(obj, _)| *obj == e.obj)
            {
                held.remove(k);
            }
        }
        held
    }
}

#[cfg(test)]
mod tests {
    use super::super::Explainer;
    use super::super::record::{self, Op, fixture};

    /// The record, its identical operations in a row folded into one, as the shim does.
    fn spinning(text: &str, source: &str) -> Option<String> {
        let mut record = record::parse(text).unwrap();
        let mut folded: Vec<record::Event> = Vec::new();
        for e in record.events.drain(..) {
            match folded.last_mut() {
                Some(last)
                    if record::Event {
                        count: last.count,
                        ..e.clone()
                    } == *last =>
                {
                    last.count += 1
                }
                _ => folded.push(e),
            }
        }
        record.events = folded;
        let source = source.to_string();
        let sources = move |_: &str| Some(source.clone());
        Explainer::new(&record, &sources, "/x.rs").spinning()
    }

    /// Two waiters that poll a state in turn (their loop yields) until the initialiser
    /// stores DONE: the record ends, but loom gave up on the polls' interleavings. Named as
    /// polling, without "never ends" and without telling them to yield (they do).
    #[test]
    fn waiters_polling_in_turn_are_told_to_block() {
        let mut b = fixture::record(&[("AtomicU8", "u8", "/w/x.rs:1:1", "0")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(0, Op::Spawn, 2, "-", "-", "-", "/w/t.rs:4:1")
            .step(0, Op::Cas, 1, "Acquire", "0", "1", "/w/x.rs:2:9");
        for _ in 0..6 {
            b = b
                .step(1, Op::Load, 1, "Relaxed", "1", "-", "/w/x.rs:5:18")
                .step(2, Op::Load, 1, "Relaxed", "1", "-", "/w/x.rs:5:18");
        }
        let text = b
            .step(0, Op::Store, 1, "Release", "2", "-", "/w/x.rs:7:12")
            .step(1, Op::Load, 1, "Relaxed", "2", "-", "/w/x.rs:5:18")
            .step(2, Op::Load, 1, "Relaxed", "2", "-", "/w/x.rs:5:18")
            .end();
        let source = "\n\n\n\nwhile self.state.load(1) {\n\nself.state.store(2);\n";
        let sentence = spinning(&text, source).expect("the polls");
        assert!(
            sentence.starts_with("thread 1 loads state (line 5); thread 2 loads state (line 5), in turn, x6, seeing 1 every time"),
            "{sentence}"
        );
        assert!(sentence.contains("block until woken"), "{sentence}");
        assert!(!sentence.contains("never ends"), "{sentence}");
        assert!(!sentence.contains("yield_now"), "{sentence}");
    }

    /// A lone thread that lets go of its first lock and retries at once, never yielding,
    /// in a record that kept only its last steps (no spawn left): told to back off, not to
    /// drop a guard it already drops.
    #[test]
    fn a_lone_retry_that_lets_go_is_told_to_back_off() {
        let mut b = fixture::record(&[
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
        ]);
        for _ in 0..5 {
            b = b
                .step(0, Op::TryLock, 2, "-", "true", "-", "/w/x.rs:5:9")
                .step(0, Op::TryLock, 1, "-", "false", "-", "/w/x.rs:6:9")
                .step(0, Op::Unlock, 2, "-", "-", "-", "/w/x.rs:5:9");
        }
        let sentence = spinning(&b.end(), "").expect("a loop");
        assert!(
            sentence.contains(
                "main lets go and retries at once, every time, while the thread that holds"
            ),
            "{sentence}"
        );
        assert!(sentence.contains("yield_now()"), "{sentence}");
        assert!(!sentence.contains("Drop every guard"), "{sentence}");
    }

    /// A thread whose timed wait keeps timing out, starting over each time (each round with
    /// a new channel: no step repeats exactly).
    #[test]
    fn a_retry_after_each_timeout_is_named() {
        let mut b = fixture::record(&[("Mutex", "i64", "/w/x.rs:1:1", "-")]);
        for round in 0..6 {
            let (mutex, condvar) = (2 + 2 * round, 3 + 2 * round);
            let m = mutex.to_string();
            b = b
                .step(0, Op::Lock, 1, "-", "-", "-", "/w/x.rs:4:9")
                .step(0, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:9")
                .step(0, Op::Lock, mutex, "-", "-", "-", "/w/x.rs:5:9")
                .step(0, Op::Wait, condvar, "-", "-", &m, "/w/x.rs:5:9")
                .step(0, Op::TimedOut, condvar, "-", "-", &m, "/w/x.rs:5:9")
                .step(0, Op::Unlock, mutex, "-", "-", "-", "/w/x.rs:5:9");
        }
        let sentence = spinning(&b.end(), "").expect("the retries");
        assert!(
            sentence.starts_with(
                "main's timed wait (line 5) timed out 6 times, and main tried again after each"
            ),
            "{sentence}"
        );
    }

    /// A few polls in turn before the value changes are not what made loom give up.
    #[test]
    fn a_short_stretch_of_polls_is_not_named() {
        let mut b = fixture::record(&[("AtomicU8", "u8", "/w/x.rs:1:1", "0")]).step(
            0,
            Op::Spawn,
            1,
            "-",
            "-",
            "-",
            "/w/t.rs:3:1",
        );
        for _ in 0..2 {
            b = b
                .step(1, Op::Load, 1, "Relaxed", "1", "-", "/w/x.rs:5:18")
                .step(0, Op::Load, 1, "Relaxed", "1", "-", "/w/x.rs:5:18");
        }
        let text = b
            .step(0, Op::Store, 1, "Release", "2", "-", "/w/x.rs:7:12")
            .end();
        assert_eq!(spinning(&text, ""), None);
    }

    /// A compare_exchange loop that never takes the value it found.
    #[test]
    fn a_cas_that_never_reloads_is_named_with_what_it_expects() {
        let mut b = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "100")])
            .step(1, Op::Cas, 1, "Relaxed", "100", "40", "/w/x.rs:4:14")
            .step(0, Op::Load, 1, "Relaxed", "100", "-", "/w/x.rs:3:14");
        for _ in 0..5 {
            b = b.step(0, Op::CasFail, 1, "Relaxed", "40", "100", "/w/x.rs:4:14");
        }
        let text = b.end();
        let sentence = spinning(
            &text,
            "\n\nself.balance.load(1);\nself.balance.compare_exchange(1);\n",
        )
        .expect("a loop");
        assert_eq!(
            sentence,
            "main keeps retrying its compare_exchange on balance (line 4, x5): it expects 100 \
             and finds 40, every time, and no other thread is left to change it. The loop never updates the value it expects: on \
             `Err(actual)`, go round again expecting `actual` (and recompute the new value \
             from it). loom gave up exploring this model: that loop never ends."
        );
    }

    /// A spin lock's compare_exchange waiting for a holder that never gets to run.
    #[test]
    fn a_spin_without_a_hint_is_told_to_let_the_holder_run() {
        let mut b = fixture::record(&[("AtomicBool", "bool", "/w/x.rs:1:1", "false")])
            .step(0, Op::Spawn, 1, "-", "-", "-", "/w/t.rs:3:1")
            .step(1, Op::Cas, 1, "Acquire", "false", "true", "/w/x.rs:4:13");
        for _ in 0..5 {
            b = b.step(
                0,
                Op::CasFail,
                1,
                "Acquire",
                "true",
                "false",
                "/w/x.rs:4:14",
            );
        }
        let sentence = spinning(&b.end(), "\n\n\nself.locked.compare_exchange(1);\n").unwrap();
        assert_eq!(
            sentence,
            "main keeps retrying its compare_exchange on locked (line 4, x5): it expects false \
             and finds true, every time, while thread 1 (which could change it) never gets to \
             run. A spin loop must let the other threads run: call `std::hint::spin_loop()` \
             (or `std::thread::yield_now()`) inside it. loom gave up exploring this model: \
             that loop never ends."
        );
    }

    /// A try_lock retry that keeps its first guard while the other thread waits for it.
    #[test]
    fn a_try_lock_retry_that_keeps_a_guard_names_the_guard() {
        let mut b = fixture::record(&[
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
        ])
        .step(1, Op::Lock, 2, "-", "-", "-", "/w/x.rs:5:9")
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/x.rs:5:9");
        for _ in 0..4 {
            b = b.step(0, Op::TryLock, 2, "-", "false", "-", "/w/x.rs:6:9");
        }
        let text = b.wait(1, Op::Lock, 1, "/w/x.rs:6:9").end();
        let sentence = spinning(
            &text,
            "\n\n\n\nfrom.balance.lock();\nto.balance.try_lock();\n",
        )
        .expect("a loop");
        assert!(
            sentence.starts_with("main keeps calling try_lock on "),
            "{sentence}"
        );
        assert!(sentence.contains("(line 6, x4)"), "{sentence}");
        assert!(sentence.contains("thread 1 holds it"), "{sentence}");
        assert!(
            sentence.contains("still holds ") && sentence.contains("(taken at line 5)"),
            "{sentence}"
        );
    }

    /// Two threads taking turns at a try_lock in a helper, each keeping the lock it took
    /// first: the helper's callers (the retry loop's line) and the guards kept are named.
    #[test]
    fn a_try_lock_in_a_helper_names_its_callers_and_the_guards_kept() {
        let mut b = fixture::record(&[
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
        ])
        .step(1, Op::TryLock, 1, "-", "true", "-", "/w/x.rs:3:5")
        .step(0, Op::TryLock, 2, "-", "true", "-", "/w/x.rs:3:5");
        for _ in 0..4 {
            b = b
                .step(1, Op::TryLock, 2, "-", "false", "-", "/w/x.rs:3:5")
                .step(0, Op::TryLock, 1, "-", "false", "-", "/w/x.rs:3:5");
        }
        let source = "// a helper\nfn try_take(a: &A) -> R {\n    a.balance.try_lock()\n}\n\
                      fn transfer() {\n    let f = try_take(from)?;\n    loop {\n        \
                      match try_take(to) {\n";
        let sentence = spinning(&b.end(), source).expect("a loop");
        assert!(
            sentence.contains("(line 3, in `try_take`, called at line 6 and line 8)"),
            "{sentence}"
        );
        assert!(
            sentence.contains("thread 1 still holds ") && sentence.contains("main still holds "),
            "{sentence}"
        );
        assert!(
            sentence.ends_with("Drop every guard before retrying. loom gave up exploring this model: that loop never ends."),
            "{sentence}"
        );
    }

    /// Two threads taking turns at a try_lock each, the takes cut from the record.
    #[test]
    fn threads_taking_turns_at_failing_try_locks_are_named() {
        let mut b = fixture::record(&[
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
        ]);
        for _ in 0..4 {
            b = b
                .step(1, Op::TryLock, 2, "-", "false", "-", "/w/x.rs:6:9")
                .step(0, Op::TryLock, 1, "-", "false", "-", "/w/x.rs:6:9");
        }
        let sentence = spinning(&b.end(), "").expect("a loop");
        assert!(
            sentence.starts_with(
                "thread 1 calls try_lock on Mutex #2 (line 6), which fails; main calls \
                 try_lock on Mutex #1 (line 6), which fails, in turn, x4: nothing in that loop \
                 lets go of a lock"
            ),
            "{sentence}"
        );
    }
}

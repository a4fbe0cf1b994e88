//! Explained interleavings: the record the loom shim prints for a failing execution
//! (`WORKBOOK-` lines, see `grader/shim/loom_std.rs`), turned into numbered steps, the locks
//! each blocked thread holds, and one sentence on why it fails.
//!
//! Pure functions over text, plus a reader for the learner's source (objects are named after
//! the code that uses them: `self.ready.store(..)` makes `ready`). The readings are a few
//! heuristics over the recorded events, none specific to an exercise; when none applies
//! there is no reading, and the steps speak for themselves.

use std::collections::BTreeMap;

use crate::verdict::{BlockedThread, HeldLock, Step};

/// At most this many steps are kept (the end of the story: where it failed).
pub const MAX_STEPS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Loc {
    fn parse(text: &str) -> Option<Loc> {
        let (rest, column) = text.rsplit_once(':')?;
        let (file, line) = rest.rsplit_once(':')?;
        Some(Loc {
            file: file.to_string(),
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        })
    }

    fn shown(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

#[derive(Debug, Clone)]
pub struct Object {
    pub kind: String,
    pub ty: String,
    pub loc: Option<Loc>,
    pub init: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub thread: usize,
    pub op: String,
    pub obj: usize,
    pub order: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
    pub loc: Option<Loc>,
    pub count: usize,
}

#[derive(Debug, Clone)]
pub struct Wait {
    pub thread: usize,
    pub op: String,
    pub obj: usize,
    pub loc: Option<Loc>,
}

/// What the shim recorded of one failing execution.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// Objects by number (1-based in the record; index 0 here is object 1).
    pub objects: Vec<Object>,
    pub events: Vec<Event>,
    pub waits: Vec<Wait>,
    /// Operations the shim recorded before the first one it printed (a long spin cut short).
    pub dropped: usize,
}

/// The first record in `stderr` (the one printed before the first panic).
pub fn parse(stderr: &str) -> Option<Record> {
    let start = stderr.find("WORKBOOK-EXPLAIN-BEGIN")?;
    let mut lines = stderr[start..].lines();
    let mut record = Record {
        dropped: lines
            .next()
            .and_then(|l| l.split('\t').nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        ..Record::default()
    };
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let opt = |s: &str| (s != "-").then(|| s.to_string());
        match f.as_slice() {
            ["WORKBOOK-EXPLAIN-END", ..] => return Some(record),
            ["WORKBOOK-OBJ", _, kind, ty, loc, init] => record.objects.push(Object {
                kind: kind.to_string(),
                ty: short_type(ty),
                loc: Loc::parse(loc),
                init: opt(init),
            }),
            ["WORKBOOK-STEP", thread, op, obj, order, a, b, loc, count] => {
                record.events.push(Event {
                    thread: thread.parse().ok()?,
                    op: op.to_string(),
                    obj: obj.parse().ok()?,
                    order: opt(order),
                    a: opt(a),
                    b: opt(b),
                    loc: Loc::parse(loc),
                    count: count.parse().unwrap_or(1),
                })
            }
            ["WORKBOOK-WAIT", thread, op, obj, loc] => record.waits.push(Wait {
                thread: thread.parse().ok()?,
                op: op.to_string(),
                obj: obj.parse().ok()?,
                loc: Loc::parse(loc),
            }),
            _ => {}
        }
    }
    // No end marker: the output was cut; a partial story would mislead.
    None
}

/// `alloc::collections::VecDeque<core::option::Option<u32>>` -> `VecDeque<Option<u32>>`.
fn short_type(ty: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in ty.chars() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(""));
            word.clear();
            out.push(c);
        }
    }
    out.push_str(word.rsplit("::").next().unwrap_or(""));
    out
}

pub fn thread_label(thread: usize) -> String {
    if thread == 0 {
        "main".to_string()
    } else {
        format!("thread {thread}")
    }
}

/// Everything an explanation says, before it is put into a verdict.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    pub steps: Vec<Step>,
    pub reading: Option<String>,
}

/// Reads source files (the learner's, the grader's models) by absolute path.
pub type Sources<'a> = &'a dyn Fn(&str) -> Option<String>;

pub struct Explainer<'a> {
    record: &'a Record,
    names: Vec<String>,
    /// The learner's file: its lines are "line N", others `file:N`.
    learner: &'a str,
}

impl<'a> Explainer<'a> {
    /// `learner_file` ends the learner's path (e.g. `/publish.rs`).
    pub fn new(record: &'a Record, sources: Sources<'_>, learner_file: &'a str) -> Explainer<'a> {
        let names = names(record, sources);
        Explainer {
            record,
            names,
            learner: learner_file,
        }
    }

    fn name(&self, obj: usize) -> String {
        self.names
            .get(obj.wrapping_sub(1))
            .cloned()
            .unwrap_or_else(|| format!("#{obj}"))
    }

    fn line(&self, loc: &Option<Loc>) -> String {
        match loc {
            Some(l) if l.file.ends_with(self.learner) => format!("line {}", l.line),
            Some(l) => format!(
                "{}:{}",
                l.file.rsplit('/').next().unwrap_or(&l.file),
                l.line
            ),
            None => "an unknown line".to_string(),
        }
    }

    /// How many threads a notify woke: those waiting on that condvar before it that wake up
    /// after it. (A thread that has only begun to wait is not waiting yet: loom may run the
    /// notify first, and the shim records the wait before loom registers it.)
    fn woke(&self, notify: &Event) -> usize {
        let events = &self.record.events;
        let Some(n) = events.iter().position(|e| std::ptr::eq(e, notify)) else {
            return 0;
        };
        let mut threads: Vec<usize> = events[n + 1..]
            .iter()
            .filter(|e| e.op == "woken" && e.obj == notify.obj)
            .map(|e| e.thread)
            .filter(|&t| {
                events[..n]
                    .iter()
                    .any(|w| w.thread == t && w.op == "wait" && w.obj == notify.obj)
            })
            .collect();
        threads.sort_unstable();
        threads.dedup();
        if notify.op == "notify_one" {
            threads.len().min(1)
        } else {
            threads.len()
        }
    }

    fn is_lock(&self, obj: usize) -> bool {
        self.record
            .objects
            .get(obj.wrapping_sub(1))
            .is_some_and(|o| o.kind == "Mutex" || o.kind == "RwLock")
    }

    /// The steps, repeated runs folded, at most `MAX_STEPS` (the last ones).
    pub fn steps(&self) -> Vec<Step> {
        let events = &self.record.events;
        // Fold runs: a block of `p` events repeated back to back becomes one block.
        let mut folded: Vec<(usize, usize, usize)> = Vec::new(); // (event index, times, group)
        let mut i = 0;
        while i < events.len() {
            let mut best = (1, 1); // (period, repetitions)
            for p in 1..=4 {
                let mut reps = 1;
                while i + (reps + 1) * p <= events.len()
                    && (0..p).all(|k| same(&events[i + k], &events[i + reps * p + k]))
                {
                    reps += 1;
                }
                if reps > 1 && reps * p > best.0 * best.1 {
                    best = (p, reps);
                }
            }
            let (p, reps) = best;
            for k in 0..p {
                let times = if k == p - 1 { reps } else { 1 };
                folded.push((i + k, times, if k == p - 1 { p } else { 1 }));
            }
            i += p * reps;
        }
        let skip = folded.len().saturating_sub(MAX_STEPS);
        folded
            .into_iter()
            .enumerate()
            .skip(skip)
            .map(|(n, (e, times, group))| {
                let event = &events[e];
                // A single event can itself stand for a run (the shim folds identical ones).
                let times = if group == 1 {
                    times * event.count
                } else {
                    times
                };
                // Operations cut before the record count one step each: the numbers stay
                // honest about how long the run was (not exact: those were never folded).
                self.step(self.record.dropped + n + 1, event, times, group)
            })
            .collect()
    }

    /// The operations the threads are stuck in, as final steps (a deadlock's last word).
    pub fn blocked_steps(&self, after: usize) -> Vec<Step> {
        let mut waits: Vec<&Wait> = self.record.waits.iter().collect();
        waits.sort_by_key(|w| w.thread);
        waits
            .into_iter()
            .enumerate()
            .map(|(i, w)| {
                let name = self.name(w.obj);
                let text = match w.op.as_str() {
                    "lock" => format!("tries to lock {name}: blocked"),
                    "read" => format!("tries to lock {name} for reading: blocked"),
                    "write" => format!("tries to lock {name} for writing: blocked"),
                    "join" => format!("waits for {} to finish: blocked", thread_label(w.obj)),
                    "wait" => format!("waits on {name}: blocked"),
                    other => format!("{other} {name}: blocked"),
                };
                Step {
                    step: after + i + 1,
                    thread: thread_label(w.thread),
                    action: w.op.clone(),
                    object: Some(if w.op == "join" {
                        thread_label(w.obj)
                    } else {
                        name
                    }),
                    ordering: None,
                    value: None,
                    text,
                    location: w.loc.as_ref().map(Loc::shown),
                    times: 1,
                    group: 1,
                }
            })
            .collect()
    }

    fn step(&self, n: usize, e: &Event, times: usize, group: usize) -> Step {
        let name = self.name(e.obj);
        let a = e.a.clone().unwrap_or_default();
        let b = e.b.clone().unwrap_or_default();
        let order = e.order.clone();
        let ord = order
            .as_deref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        let mut location = e.loc.as_ref().map(Loc::shown);
        let (action, object, value, text) = match e.op.as_str() {
            "spawn" => (
                "spawn",
                Some(thread_label(e.obj)),
                None,
                format!("spawns {}", thread_label(e.obj)),
            ),
            "join" => (
                "join",
                Some(thread_label(e.obj)),
                None,
                format!("joins {} (it has finished)", thread_label(e.obj)),
            ),
            "load" => (
                "load",
                Some(name.clone()),
                Some(a.clone()),
                format!("loads {name}: {a}{ord}"),
            ),
            "store" => (
                "store",
                Some(name.clone()),
                Some(a.clone()),
                format!("stores {a} into {name}{ord}"),
            ),
            op if op == "swap" || op.starts_with("fetch_") => (
                e.op.as_str(),
                Some(name.clone()),
                Some(format!("{a} -> {b}")),
                format!("{} on {name}: {a} -> {b}{ord}", e.op),
            ),
            "cas" => (
                "compare_exchange",
                Some(name.clone()),
                Some(format!("{a} -> {b}")),
                format!("compare_exchange on {name} succeeds: {a} -> {b}{ord}"),
            ),
            "cas_fail" => (
                "compare_exchange",
                Some(name.clone()),
                Some(a.clone()),
                format!("compare_exchange on {name} fails: expected {b}, found {a}{ord}"),
            ),
            "fence" => ("fence", None, None, format!("fence{ord}")),
            "lock" => ("lock", Some(name.clone()), None, format!("locks {name}")),
            "read" => (
                "read",
                Some(name.clone()),
                None,
                format!("locks {name} for reading"),
            ),
            "write" => (
                "write",
                Some(name.clone()),
                None,
                format!("locks {name} for writing"),
            ),
            "try_lock" | "try_read" | "try_write" => {
                let ok = a == "true";
                (
                    e.op.as_str(),
                    Some(name.clone()),
                    Some(a.clone()),
                    if ok {
                        format!("{} on {name} succeeds", e.op)
                    } else {
                        format!("{} on {name} fails: another thread holds it", e.op)
                    },
                )
            }
            "unlock" | "read_unlock" | "write_unlock" => {
                let taken = self.line(&e.loc);
                location = None;
                (
                    e.op.as_str(),
                    Some(name.clone()),
                    None,
                    format!("unlocks {name} (taken at {taken})"),
                )
            }
            "wait" => {
                let mutex = self.name(b.parse().unwrap_or(0));
                (
                    "wait",
                    Some(name.clone()),
                    None,
                    format!("waits on {name}, letting go of {mutex}"),
                )
            }
            "woken" => {
                let mutex = self.name(b.parse().unwrap_or(0));
                (
                    "woken",
                    Some(name.clone()),
                    None,
                    format!("wakes up from {name}, holding {mutex} again"),
                )
            }
            "notify_one" | "notify_all" => {
                let waiting = self.woke(e);
                let who = match waiting {
                    0 => "nobody is waiting yet: this wakeup is lost".to_string(),
                    1 => "wakes 1 waiting thread".to_string(),
                    n => format!("wakes {n} waiting threads"),
                };
                (
                    e.op.as_str(),
                    Some(name.clone()),
                    Some(waiting.to_string()),
                    format!("{} on {name} ({who})", e.op),
                )
            }
            other => (
                other,
                Some(name.clone()),
                e.a.clone(),
                format!("{other} {name}"),
            ),
        };
        Step {
            step: n,
            thread: thread_label(e.thread),
            action: action.to_string(),
            object,
            ordering: order,
            value,
            text,
            location,
            times,
            group,
        }
    }
}

fn same(x: &Event, y: &Event) -> bool {
    x.thread == y.thread
        && x.op == y.op
        && x.obj == y.obj
        && x.a == y.a
        && x.b == y.b
        && x.loc == y.loc
}

/// Names for objects: the field or variable the learner's code calls them by, when that is
/// one name for one object; else the kind and its number (`Mutex #2`).
fn names(record: &Record, sources: Sources<'_>) -> Vec<String> {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut used: Vec<Vec<String>> = vec![Vec::new(); record.objects.len()];
    for e in &record.events {
        let Some(loc) = &e.loc else { continue };
        if e.obj == 0 || e.obj > used.len() || matches!(e.op.as_str(), "spawn" | "join" | "fence") {
            continue;
        }
        if e.op.ends_with("unlock") {
            continue;
        }
        let text = files
            .entry(loc.file.clone())
            .or_insert_with(|| sources(&loc.file));
        if let Some(r) = text
            .as_deref()
            .and_then(|t| receiver(t, loc.line, loc.column))
        {
            let field = field_name(&r);
            if !used[e.obj - 1].contains(&field) {
                used[e.obj - 1].push(field);
            }
        }
    }
    let mut kind_rank: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names = Vec::new();
    for (i, o) in record.objects.iter().enumerate() {
        let rank = kind_rank.entry(o.kind.as_str()).or_default();
        *rank += 1;
        let fallback = format!("{} #{}", o.kind, rank);
        let name = match used[i].as_slice() {
            [one] => {
                let sharing: Vec<usize> = (0..used.len())
                    .filter(|&j| used[j].as_slice() == [one.clone()])
                    .collect();
                if sharing.len() == 1 {
                    one.clone()
                } else {
                    let k = sharing.iter().position(|&j| j == i).unwrap_or(0) + 1;
                    format!("{one} #{k}")
                }
            }
            _ => fallback,
        };
        names.push(name);
    }
    names
}

/// `self.ring.slots[i % n]` -> `slots[..]`; `(*node).next` -> `next`.
fn field_name(receiver: &str) -> String {
    let mut depth = 0;
    let mut flat = String::new();
    for c in receiver.chars() {
        match c {
            '[' | '(' => {
                if depth == 0 {
                    flat.push(c);
                }
                depth += 1;
            }
            ']' | ')' => {
                depth -= 1;
                if depth == 0 {
                    if c == ']' {
                        flat.push('~');
                    }
                    flat.push(c);
                }
            }
            _ if depth == 0 => flat.push(c),
            _ => {}
        }
    }
    let last = flat.rsplit('.').next().unwrap_or(&flat);
    let last = last.trim_start_matches(['&', '*']);
    if last.is_empty() || last == "()" || last == "self" {
        receiver.trim().to_string()
    } else {
        last.replace('~', "..")
    }
}

/// The expression before `.method(` at `line:column` (1-based; the column points at the
/// method name, as `#[track_caller]` reports it), across line breaks.
pub fn receiver(text: &str, line: usize, column: usize) -> Option<String> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let in_line: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            offset += in_line;
            break;
        }
        offset += l.len();
    }
    let before: Vec<char> = text.get(..offset)?.chars().collect();
    let mut i = before.len();
    while i > 0 && before[i - 1].is_whitespace() {
        i -= 1;
    }
    if i == 0 || before[i - 1] != '.' {
        return None;
    }
    i -= 1;
    while i > 0 && before[i - 1].is_whitespace() {
        i -= 1;
    }
    let end = i;
    let mut depth = 0i32;
    while i > 0 {
        let c = before[i - 1];
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == ':' => {}
            _ => break,
        }
        i -= 1;
    }
    let expr: String = before[i..end].iter().collect();
    let expr = expr.split_whitespace().collect::<Vec<_>>().join(" ");
    let expr = expr.trim_start_matches("self.");
    (!expr.is_empty()).then(|| expr.to_string())
}

/// A lock a thread holds: (object, where it took it, ` (read)` / ` (write)` / ``).
type Held = (usize, Option<Loc>, &'static str);

/// Each write to an atomic: (event index, thread, value after it).
type Writes = BTreeMap<usize, Vec<(usize, usize, String)>>;

impl Explainer<'_> {
    fn writes(&self) -> Writes {
        let mut writes: Writes = BTreeMap::new();
        for (i, e) in self.record.events.iter().enumerate() {
            let value = match e.op.as_str() {
                "store" => e.a.clone(),
                "swap" | "cas" | "fetch_update" => e.b.clone(),
                op if op.starts_with("fetch_") => e.b.clone(),
                _ => None,
            };
            if let Some(v) = value {
                writes.entry(e.obj).or_default().push((i, e.thread, v));
            }
        }
        writes
    }

    /// The value a read at event `i` of `obj` would see if it saw the newest write, and that
    /// write (None: the initial value).
    fn newest(&self, writes: &Writes, obj: usize, i: usize) -> (Option<String>, Option<usize>) {
        let last = writes
            .get(&obj)
            .and_then(|w| w.iter().rev().find(|(j, _, _)| *j < i));
        match last {
            Some((j, _, v)) => (Some(v.clone()), Some(*j)),
            None => (
                self.record
                    .objects
                    .get(obj.wrapping_sub(1))
                    .and_then(|o| o.init.clone()),
                None,
            ),
        }
    }

    /// Loads that did not see the newest value: (load index, newest write index).
    fn stale_loads(&self, writes: &Writes) -> Vec<(usize, usize)> {
        let mut stale = Vec::new();
        for (i, e) in self.record.events.iter().enumerate() {
            let read = match e.op.as_str() {
                "load" | "cas_fail" => e.a.as_ref(),
                _ => None,
            };
            let Some(read) = read else { continue };
            if let (Some(newest), Some(w)) = self.newest(writes, e.obj, i)
                && &newest != read
                && self.record.events[w].thread != e.thread
            {
                stale.push((i, w));
            }
        }
        stale
    }

    /// One sentence on why the failing execution fails, when a heuristic recognises it.
    pub fn reading(&self) -> Option<String> {
        let writes = self.writes();
        self.stores_crossed()
            .or_else(|| self.flag_then_stale(&writes))
            .or_else(|| self.both_read_then_wrote())
            .or_else(|| self.lost_update(&writes))
            .or_else(|| self.relocked())
            .or_else(|| self.woken_too_late())
            .or_else(|| self.half_way())
            .or_else(|| self.unpublished(&writes))
            .or_else(|| self.stale_read(&writes))
            .or_else(|| self.released_early())
    }

    fn ev(&self, i: usize) -> &Event {
        &self.record.events[i]
    }

    fn who(&self, i: usize) -> String {
        thread_label(self.ev(i).thread)
    }

    fn order(&self, i: usize) -> String {
        self.ev(i).order.clone().unwrap_or_default()
    }

    /// A thread saw a flag's new value, then read stale data written before the flag.
    fn flag_then_stale(&self, writes: &Writes) -> Option<String> {
        let stale = self.stale_loads(writes);
        for &(l, w) in &stale {
            let load = self.ev(l);
            let writer = self.ev(w).thread;
            // An earlier load by the same thread, of another atomic, that read a value the
            // same writer wrote after its write of the data.
            let flag = (0..l).rev().find_map(|f| {
                let e = self.ev(f);
                if e.thread != load.thread || e.obj == load.obj || !is_read(e) {
                    return None;
                }
                let (newest, fw) = self.newest(writes, e.obj, f);
                let fw = fw?;
                (fw > w && self.ev(fw).thread == writer && newest.as_ref() == read_value(e))
                    .then_some((f, fw))
            });
            let Some((f, fw)) = flag else { continue };
            let (fe, we, fwe) = (self.ev(f), self.ev(w), self.ev(fw));
            let store_order = self.order(fw);
            let load_order = self.order(f);
            let why = match (releases(&store_order), acquires(&load_order)) {
                (false, false) => format!(
                    "the store of {flag} is {store_order} and the load that saw it is \
                     {load_order}, and only a Release store read by an Acquire load makes what \
                     was written before the store visible to the reader",
                    flag = self.name(fe.obj)
                ),
                (false, true) => format!(
                    "the store of {} is {store_order}, so it publishes nothing written before \
                     it (a Release store would)",
                    self.name(fe.obj)
                ),
                (true, false) => format!(
                    "the load of {} is {load_order}, so it receives nothing the store published \
                     (an Acquire load would)",
                    self.name(fe.obj)
                ),
                (true, true) => "no Release store read by an Acquire load ordered them".to_string(),
            };
            return Some(format!(
                "{t} saw {flag} == {fv} ({fl}) but then read {data} == {dv} ({dl}), although {u} \
                 had stored {wv} into {data} ({wl}) before it stored {fv} into {flag} ({fwl}): \
                 nothing made the store of {data} visible before the store of {flag}; {why}.",
                t = thread_label(load.thread),
                flag = self.name(fe.obj),
                fv = read_value(fe).cloned().unwrap_or_default(),
                fl = self.line(&fe.loc),
                data = self.name(load.obj),
                dv = read_value(load).cloned().unwrap_or_default(),
                dl = self.line(&load.loc),
                u = thread_label(writer),
                wv = written(we).unwrap_or_default(),
                wl = self.line(&we.loc),
                fwl = self.line(&fwe.loc),
            ));
        }
        None
    }

    /// Store buffering: each of two threads stored to one atomic and then loaded the other,
    /// and neither load saw the other thread's store.
    fn stores_crossed(&self) -> Option<String> {
        let events = &self.record.events;
        // (store index, load index) of one thread: a store, then its next load of another atomic.
        let mut pairs = Vec::new();
        for (l, le) in events.iter().enumerate() {
            if le.op != "load" {
                continue;
            }
            let store = (0..l).rev().find(|&s| {
                let e = &events[s];
                e.thread == le.thread && e.op == "store" && e.obj != le.obj
            });
            if let Some(s) = store {
                pairs.push((s, l));
            }
        }
        for (x, &(s1, l1)) in pairs.iter().enumerate() {
            for &(s2, l2) in &pairs[x + 1..] {
                let (a, b) = (self.ev(s1), self.ev(s2));
                let (la, lb) = (self.ev(l1), self.ev(l2));
                // Each load read the value from before the other thread's store.
                let before = |store: usize| {
                    let obj = self.ev(store).obj;
                    (0..store)
                        .rev()
                        .map(|i| self.ev(i))
                        .find(|e| e.obj == obj && written(e).is_some())
                        .and_then(written)
                        .or_else(|| self.record.objects.get(obj.wrapping_sub(1))?.init.clone())
                };
                let crossed = a.thread != b.thread
                    && la.obj == b.obj
                    && lb.obj == a.obj
                    && la.a != b.a
                    && lb.a != a.a
                    && la.a == before(s2)
                    && lb.a == before(s1);
                if !crossed {
                    continue;
                }
                let part = |s: usize, l: usize| {
                    let (se, le) = (self.ev(s), self.ev(l));
                    format!(
                        "{} stored {} into {} ({}) and then read {} == {} ({})",
                        thread_label(se.thread),
                        se.a.clone().unwrap_or_default(),
                        self.name(se.obj),
                        self.line(&se.loc),
                        self.name(le.obj),
                        le.a.clone().unwrap_or_default(),
                        self.line(&le.loc),
                    )
                };
                return Some(format!(
                    "{}; {}: each load missed the other thread's store, which no order of the \
                     four steps explains. Only SeqCst on all four accesses (or a SeqCst fence \
                     between each store and its load) forbids this; here the stores are {}/{} \
                     and the loads {}/{}.",
                    part(s1, l1),
                    part(s2, l2),
                    self.order(s1),
                    self.order(s2),
                    self.order(l1),
                    self.order(l2),
                ));
            }
        }
        None
    }

    /// Two threads read the same value of an atomic and each then wrote it, computed from
    /// what it read: the classic lost update (or a check that no longer holds).
    fn both_read_then_wrote(&self) -> Option<String> {
        let events = &self.record.events;
        // (read index, write index) per thread and atomic: a write and the read before it.
        let mut pairs = Vec::new();
        for (w, we) in events.iter().enumerate() {
            if written(we).is_none() || we.op == "cas" {
                continue;
            }
            let prev = (0..w).rev().find(|&r| {
                let e = &events[r];
                e.thread == we.thread && e.obj == we.obj
            });
            if let Some(r) = prev.filter(|&r| events[r].op == "load") {
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
                return Some(if we1.op == "store" && we2.op == "store" {
                    format!(
                        "{who} {reads}, and each then stored a value computed from it ({} at {}, \
                         {} at {}): the later store overwrites the other, as if that update \
                         never happened. A load and a store are two steps; a single \
                         read-modify-write (fetch_add, compare_exchange) is one.",
                        written(we1).unwrap_or_default(),
                        self.line(&we1.loc),
                        written(we2).unwrap_or_default(),
                        self.line(&we2.loc),
                    )
                } else {
                    format!(
                        "{who} {reads}, and each then went on with {} ({}) as if its check \
                         still held after the other's update: the check and the update must be \
                         one atomic step (a compare_exchange loop).",
                        self.step(0, we2, 1, 1).action,
                        self.line(&we2.loc),
                    )
                });
            }
        }
        None
    }

    /// A thread read an atomic, another thread wrote it, then the first wrote it based on
    /// what it had read: the other write is lost (a store) or the check was stale (an RMW).
    fn lost_update(&self, writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for s in (0..events.len()).rev() {
            let se = self.ev(s);
            if written(se).is_none() {
                continue;
            }
            let read = (0..s).rev().find(|&r| {
                let e = self.ev(r);
                e.thread == se.thread && e.obj == se.obj && (is_read(e) || written(e).is_some())
            });
            let Some(r) = read.filter(|&r| is_read(self.ev(r)) && written(self.ev(r)).is_none())
            else {
                continue;
            };
            let between = writes.get(&se.obj).and_then(|w| {
                w.iter()
                    .rev()
                    .find(|(j, t, _)| *j > r && *j < s && *t != se.thread)
            });
            let Some(&(w, _, _)) = between else { continue };
            let (re, we) = (self.ev(r), self.ev(w));
            let name = self.name(se.obj);
            let base = format!(
                "{t} read {name} == {rv} ({rl}), then {u} changed it to {wv} ({wl})",
                t = thread_label(se.thread),
                rv = read_value(re).cloned().unwrap_or_default(),
                rl = self.line(&re.loc),
                u = thread_label(we.thread),
                wv = written(we).unwrap_or_default(),
                wl = self.line(&we.loc),
            );
            return Some(if se.op == "store" {
                format!(
                    "{base}, and then {t} stored {sv} ({sl}), computed from the value it had \
                     read: {u}'s update was overwritten. A load and a store are two steps; a \
                     single read-modify-write (fetch_add, compare_exchange) is one.",
                    t = thread_label(se.thread),
                    sv = written(se).unwrap_or_default(),
                    sl = self.line(&se.loc),
                    u = thread_label(we.thread),
                )
            } else {
                format!(
                    "{base}, and then {t} went on with {op} ({sl}) as if its check still held: \
                     the check and the update must be one atomic step (a compare_exchange loop).",
                    t = thread_label(se.thread),
                    op = self.step(0, se, 1, 1).action,
                    sl = self.line(&se.loc),
                )
            });
        }
        None
    }

    /// A thread let go of a lock between reading and writing what it protects.
    fn relocked(&self) -> Option<String> {
        let events = &self.record.events;
        for d in (0..events.len()).rev() {
            let de = self.ev(d);
            if !(de.op == "lock" || de.op == "write") {
                continue;
            }
            // The same thread's previous release of that lock, and someone else's lock
            // between that release and this lock.
            let Some(b) = (0..d).rev().find(|&b| {
                let e = self.ev(b);
                e.thread == de.thread && e.obj == de.obj && e.op.ends_with("unlock")
            }) else {
                continue;
            };
            let Some(c) = (b + 1..d).find(|&c| {
                let e = self.ev(c);
                e.thread != de.thread && e.obj == de.obj && (e.op == "lock" || e.op == "write")
            }) else {
                continue;
            };
            let (be, ce) = (self.ev(b), self.ev(c));
            return Some(format!(
                "{t} let go of {lock} (taken at {first}) and took it again at {again}; in \
                 between, {u} took it ({other}): what {t} read under the first lock was out of \
                 date by the time it wrote under the second. Read and update under one lock.",
                t = thread_label(de.thread),
                lock = self.name(de.obj),
                first = self.line(&be.loc),
                again = self.line(&de.loc),
                u = thread_label(ce.thread),
                other = self.line(&ce.loc),
            ));
        }
        None
    }

    /// A thread let go of one lock before taking the next, and another thread took the first
    /// in between: it saw an update half done.
    fn half_way(&self) -> Option<String> {
        let events = &self.record.events;
        let takes = |e: &Event| {
            e.op == "lock"
                || e.op == "write"
                || (e.op == "try_lock" && e.a.as_deref() == Some("true"))
        };
        for d in (0..events.len()).rev() {
            let de = self.ev(d);
            if !takes(de) {
                continue;
            }
            // The same thread's last release before this lock, of another lock.
            let Some(b) = (0..d).rev().find(|&b| {
                let e = self.ev(b);
                e.thread == de.thread && e.op.ends_with("unlock")
            }) else {
                continue;
            };
            let be = self.ev(b);
            if be.obj == de.obj {
                continue;
            }
            let Some(c) = (b + 1..d).find(|&c| {
                let e = self.ev(c);
                e.thread != de.thread && e.obj == be.obj && takes(e)
            }) else {
                continue;
            };
            let ce = self.ev(c);
            return Some(format!(
                "{t} let go of {first} (taken at {fl}) before it took {second} ({sl}); in \
                 between, {u} took {first} ({cl}) and saw {t}'s update half done. Hold every \
                 lock the update needs for the whole update.",
                t = thread_label(de.thread),
                first = self.name(be.obj),
                fl = self.line(&be.loc),
                second = self.name(de.obj),
                sl = self.line(&de.loc),
                u = thread_label(ce.thread),
                cl = self.line(&ce.loc),
            ));
        }
        None
    }

    /// The execution failed before a thread took its next lock: it released one and did
    /// nothing more, and another thread took what it released. (It may also simply have
    /// been done: a last resort.)
    fn released_early(&self) -> Option<String> {
        let events = &self.record.events;
        let takes = |e: &Event| {
            e.op == "lock"
                || e.op == "write"
                || (e.op == "try_lock" && e.a.as_deref() == Some("true"))
        };
        for b in (0..events.len()).rev() {
            let be = self.ev(b);
            if !be.op.ends_with("unlock") || events[b + 1..].iter().any(|e| e.thread == be.thread) {
                continue;
            }
            let joined = events[b + 1..]
                .iter()
                .any(|e| e.op == "join" && e.obj == be.thread);
            let Some(c) = (b + 1..events.len()).find(|&c| {
                let e = self.ev(c);
                e.thread != be.thread && e.obj == be.obj && takes(e)
            }) else {
                continue;
            };
            if joined {
                continue;
            }
            let ce = self.ev(c);
            return Some(format!(
                "{t} let go of {first} (taken at {fl}) before it had finished, and {u} took \
                 {first} ({cl}) and saw {t}'s update half done. Hold every lock the update \
                 needs for the whole update.",
                t = thread_label(be.thread),
                first = self.name(be.obj),
                fl = self.line(&be.loc),
                u = thread_label(ce.thread),
                cl = self.line(&ce.loc),
            ));
        }
        None
    }

    /// A thread woken from a condvar found its condition changed by another thread that got
    /// the mutex first.
    fn woken_too_late(&self) -> Option<String> {
        let events = &self.record.events;
        for w in (0..events.len()).rev() {
            let we = self.ev(w);
            if we.op != "woken" {
                continue;
            }
            let Some(mutex) = we.b.as_deref().and_then(|m| m.parse::<usize>().ok()) else {
                continue;
            };
            let Some(n) = (0..w)
                .rev()
                .find(|&n| self.ev(n).obj == we.obj && self.ev(n).op.starts_with("notify"))
            else {
                continue;
            };
            // From the notifier's change (its last hold of the mutex before notifying).
            let notifier = self.ev(n).thread;
            let change = (0..n)
                .rev()
                .find(|&c| {
                    let e = self.ev(c);
                    e.thread == notifier && e.obj == mutex && (e.op == "lock" || e.op == "unlock")
                })
                .unwrap_or(n);
            let Some(o) = (change..w).find(|&o| {
                let e = self.ev(o);
                e.thread != we.thread && e.obj == mutex && e.thread != notifier && e.op == "lock"
            }) else {
                continue;
            };
            let oe = self.ev(o);
            return Some(format!(
                "{t} was woken from {cv} ({wl}) by {notifier}'s notify ({nl}), but after \
                 {notifier} made its change and before {t} had {m} back, {u} took {m} ({ol}) and \
                 used up what {t} was woken for: when a wait returns, check the condition \
                 again (`while`, not `if`).",
                t = thread_label(we.thread),
                cv = self.name(we.obj),
                wl = self.line(&we.loc),
                notifier = self.who(n),
                nl = self.line(&self.ev(n).loc),
                m = self.name(mutex),
                u = thread_label(oe.thread),
                ol = self.line(&oe.loc),
            ));
        }
        None
    }

    /// A thread went on after reading what another wrote, through a pair of accesses too
    /// weak to carry the writer's other writes (a lock handed over with Relaxed, say).
    fn unpublished(&self, writes: &Writes) -> Option<String> {
        for r in (0..self.record.events.len()).rev() {
            let re = self.ev(r);
            if !is_read(re) && written(re).is_none() {
                continue;
            }
            let (newest, w) = self.newest(writes, re.obj, r);
            let Some(w) = w else { continue };
            let we = self.ev(w);
            if we.thread == re.thread || newest.as_ref() != read_value(re) {
                continue;
            }
            let (wo, ro) = (self.order(w), self.order(r));
            if releases(&wo) && acquires(&ro) {
                continue;
            }
            return Some(format!(
                "{t} went on after its {op} of {x} ({rl}, {ro}) saw what {u} wrote ({wl}, {wo}), \
                 but that pair is not a Release write read by an Acquire read, so {u}'s other \
                 writes before it were not visible to {t}.",
                t = thread_label(re.thread),
                op = self.step(0, re, 1, 1).action,
                x = self.name(re.obj),
                rl = self.line(&re.loc),
                u = thread_label(we.thread),
                wl = self.line(&we.loc),
            ));
        }
        None
    }

    /// The last read that missed a newer write by another thread.
    fn stale_read(&self, writes: &Writes) -> Option<String> {
        let &(l, w) = self.stale_loads(writes).last()?;
        let (le, we) = (self.ev(l), self.ev(w));
        Some(format!(
            "{t} read {x} == {v} ({ll}, {o}) although {u} had already stored {wv} into it ({wl}): \
             nothing made that store visible to {t} yet.",
            t = thread_label(le.thread),
            x = self.name(le.obj),
            v = read_value(le).cloned().unwrap_or_default(),
            ll = self.line(&le.loc),
            o = self.order(l),
            u = thread_label(we.thread),
            wv = written(we).unwrap_or_default(),
            wl = self.line(&we.loc),
        ))
    }

    /// A notify_one on a condvar that two kinds of waiters share woke the wrong one: it went
    /// back to waiting, and `blocked` (still waiting) was never woken.
    fn wrong_wakeup(&self, cv: usize, blocked: usize) -> Option<String> {
        let events = &self.record.events;
        for (n, ne) in events.iter().enumerate().rev() {
            if ne.op != "notify_one" || ne.obj != cv {
                continue;
            }
            let blocked_waiting = events[..n]
                .iter()
                .rposition(|e| e.thread == blocked && e.obj == cv && e.op == "wait")
                .is_some_and(|w| {
                    !events[w..n]
                        .iter()
                        .any(|e| e.thread == blocked && e.op == "woken")
                });
            if !blocked_waiting {
                continue;
            }
            let w =
                (n + 1..events.len()).find(|&w| events[w].op == "woken" && events[w].obj == cv)?;
            let woken = events[w].thread;
            if woken == blocked {
                continue;
            }
            let again = (w + 1..events.len()).find(|&a| {
                let e = &events[a];
                e.thread == woken && (e.op == "wait" || e.op.starts_with("notify"))
            })?;
            if events[again].op != "wait" || events[again].obj != cv {
                continue;
            }
            return Some(format!(
                "{}'s notify_one on {} ({}) woke {}, which went back to waiting ({}), not {}, \
                 which could have gone on: when waiters wait for different things on one \
                 condvar, notify_one can wake the wrong one (notify_all, or one condvar per \
                 condition)",
                thread_label(ne.thread),
                self.name(cv),
                self.line(&ne.loc),
                thread_label(woken),
                self.line(&events[again].loc),
                thread_label(blocked),
            ));
        }
        None
    }

    /// Numbered names (`balance #1`) say which is which: the order they were created in.
    fn with_legend(&self, reading: String) -> String {
        let objects = &self.record.objects;
        let mut notes = Vec::new();
        for (i, name) in self.names.iter().enumerate() {
            if !name.contains(" #") || !reading.contains(name.as_str()) {
                continue;
            }
            let o = &objects[i];
            let rank = objects[..=i].iter().filter(|p| p.loc == o.loc).count();
            let total = objects.iter().filter(|p| p.loc == o.loc).count();
            let which = if total > 1 {
                format!("{} ", ordinal(rank))
            } else {
                String::new()
            };
            notes.push(format!(
                "{name}: the {which}{} created at {}",
                kind_of(o),
                self.line(&o.loc)
            ));
        }
        if notes.is_empty() {
            reading
        } else {
            format!("{reading} ({}.)", notes.join("; "))
        }
    }

    /// The locks each blocked thread holds and what it waits for, and the cycle in words.
    pub fn deadlock(&self, threads: &mut [BlockedThread]) -> Option<String> {
        // Replay: who holds which lock, taken where.
        let mut holds: BTreeMap<usize, Vec<Held>> = BTreeMap::new();
        for e in &self.record.events {
            let held = holds.entry(e.thread).or_default();
            match e.op.as_str() {
                "lock" => held.push((e.obj, e.loc.clone(), "")),
                "read" => held.push((e.obj, e.loc.clone(), " (read)")),
                "write" => held.push((e.obj, e.loc.clone(), " (write)")),
                "try_lock" | "try_read" | "try_write" if e.a.as_deref() == Some("true") => {
                    let mode = match e.op.as_str() {
                        "try_read" => " (read)",
                        "try_write" => " (write)",
                        _ => "",
                    };
                    held.push((e.obj, e.loc.clone(), mode));
                }
                "woken" => {
                    if let Some(m) = e.b.as_deref().and_then(|m| m.parse().ok()) {
                        held.push((m, e.loc.clone(), ""));
                    }
                }
                "wait" => {
                    if let Some(m) = e.b.as_deref().and_then(|m| m.parse::<usize>().ok())
                        && let Some(p) = held.iter().rposition(|h| h.0 == m)
                    {
                        held.remove(p);
                    }
                }
                op if op.ends_with("unlock") => {
                    if let Some(p) = held.iter().rposition(|h| h.0 == e.obj) {
                        held.remove(p);
                    }
                }
                _ => {}
            }
        }
        let mut parts = Vec::new();
        let mut lost_wakeup = None;
        let alone = threads.len() == 1;
        for t in threads.iter_mut() {
            let held = holds.get(&t.thread).cloned().unwrap_or_default();
            t.holds = held
                .iter()
                .map(|(obj, loc, mode)| HeldLock {
                    lock: format!("{}{mode}", self.name(*obj)),
                    location: loc.as_ref().map(Loc::shown),
                })
                .collect();
            let wait = self.record.waits.iter().find(|w| w.thread == t.thread);
            let who = thread_label(t.thread);
            let holding = if held.is_empty() {
                "holds no lock".to_string()
            } else {
                let list: Vec<String> = held
                    .iter()
                    .map(|(obj, loc, mode)| {
                        format!("{}{mode} ({})", self.name(*obj), self.line(loc))
                    })
                    .collect();
                format!("holds {}", list.join(" and "))
            };
            let Some(wait) = wait else {
                parts.push(format!("{who} {holding}"));
                continue;
            };
            let what = match wait.op.as_str() {
                "lock" => self.name(wait.obj),
                "read" => format!("{} (read)", self.name(wait.obj)),
                "write" => format!("{} (write)", self.name(wait.obj)),
                "join" => format!("{} to finish", thread_label(wait.obj)),
                "wait" => format!("a notify on {}", self.name(wait.obj)),
                other => format!("{other} {}", self.name(wait.obj)),
            };
            t.waits_for = Some(what.clone());
            let mut part = format!(
                "{who} {holding} and waits for {what} ({})",
                self.line(&wait.loc)
            );
            if self.is_lock(wait.obj) && held.iter().any(|h| h.0 == wait.obj) {
                part.push_str(", which it holds itself");
            }
            if wait.op == "wait" {
                let last_notify = self
                    .record
                    .events
                    .iter()
                    .rev()
                    // A thread's own notify before its own wait was never meant for it.
                    .find(|e| {
                        e.obj == wait.obj && e.op.starts_with("notify") && e.thread != t.thread
                    });
                if lost_wakeup.is_some() {
                    // One story is enough.
                } else if let Some(n) = last_notify.filter(|n| self.woke(n) == 0) {
                    lost_wakeup = Some(format!(
                        "{}'s {} on {} ({}) came before {who} was waiting, so it woke nobody, \
                         and nothing notifies again. Make the change a waiter checks for under \
                         the mutex it waits with, then notify",
                        thread_label(n.thread),
                        n.op,
                        self.name(n.obj),
                        self.line(&n.loc)
                    ));
                } else if let Some(stolen) = self.wrong_wakeup(wait.obj, t.thread) {
                    lost_wakeup = Some(stolen);
                } else if alone {
                    // loom calls it a deadlock once every thread left is blocked: here that
                    // is this one alone, so every other thread has finished.
                    lost_wakeup = Some(format!(
                        "every other thread has finished, so no notify on {} can ever come. \
                         What {who} waits for can no longer happen: the loop around the wait \
                         must also stop when that is so",
                        self.name(wait.obj)
                    ));
                }
            }
            parts.push(part);
        }
        if parts.is_empty() {
            return None;
        }
        let mut reading = parts.join("; ");
        let lock_cycle = self
            .record
            .waits
            .iter()
            .filter(|w| threads.iter().any(|t| t.thread == w.thread))
            .all(|w| self.is_lock(w.obj));
        if let Some(lost) = lost_wakeup {
            reading.push_str(&format!(": {lost}."));
        } else if lock_cycle && threads.len() > 1 {
            reading.push_str(": each waits for a lock another holds, so none can go on. Take the locks in one order everywhere.");
        } else if lock_cycle {
            reading.push_str(": it waits for itself.");
        } else {
            reading.push('.');
        }
        Some(reading)
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `Mutex<i64>`, `AtomicU64`.
fn kind_of(o: &Object) -> String {
    if o.kind.starts_with("Atomic") || o.ty.is_empty() {
        o.kind.clone()
    } else {
        format!("{}<{}>", o.kind, o.ty)
    }
}

fn is_read(e: &Event) -> bool {
    matches!(
        e.op.as_str(),
        "load" | "cas_fail" | "cas" | "swap" | "fetch_update"
    ) || e.op.starts_with("fetch_")
}

/// The value an event read.
fn read_value(e: &Event) -> Option<&String> {
    is_read(e).then_some(e.a.as_ref()).flatten()
}

/// The value an event wrote, if it wrote.
fn written(e: &Event) -> Option<String> {
    match e.op.as_str() {
        "store" => e.a.clone(),
        "swap" | "cas" | "fetch_update" => e.b.clone(),
        op if op.starts_with("fetch_") => e.b.clone(),
        _ => None,
    }
}

fn releases(order: &str) -> bool {
    matches!(order, "Release" | "AcqRel" | "SeqCst")
}

fn acquires(order: &str) -> bool {
    matches!(order, "Acquire" | "AcqRel" | "SeqCst")
}

/// The explanation of a failing loom run, from its stderr, if the shim recorded it.
pub fn explain(
    stderr: &str,
    learner_file: &str,
    sources: Sources<'_>,
    deadlocked: Option<&mut [BlockedThread]>,
) -> Explanation {
    let Some(record) = parse(stderr) else {
        return Explanation::default();
    };
    let explainer = Explainer::new(&record, sources, learner_file);
    let mut steps = explainer.steps();
    let reading = match deadlocked {
        Some(threads) => {
            let last = steps.last().map_or(0, |s| s.step);
            steps.extend(explainer.blocked_steps(last));
            explainer.deadlock(threads)
        }
        None => explainer.reading(),
    };
    let reading = reading.map(|r| explainer.with_legend(r));
    Explanation { steps, reading }
}

/// How a loom model must be started for its failures to be explained.
pub const RECORDED_MODEL: &str = "crate::std::__workbook::model";

/// Lines of a loom check file (1-based) that start a model with plain `loom::model`: the
/// shim never sees where its executions begin, so a failure there is reported without the
/// schedule. Comments are skipped; `__workbook::model` is the recorded one.
pub fn unrecorded_models(check_source: &str) -> Vec<usize> {
    check_source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            code.contains("loom::model(") || code.contains("loom::model::Builder")
        })
        .map(|(n, _)| n + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_loom_models_are_found() {
        let src = "fn a() {\n    loom::model(|| {});\n    // loom::model(|| {}) in a comment\n    crate::std::__workbook::model(|| {});\n    ::loom::model::Builder::new().check(|| {});\n}\n";
        assert_eq!(unrecorded_models(src), vec![2, 5]);
    }

    #[test]
    fn receivers_are_found_before_the_method() {
        let src = "fn f() {\n    self.ready.store(true, Relaxed);\n    self.locked\n        .compare_exchange(a, b)\n    ring.slots[t % n].load(x);\n    unsafe { (*node).next.store(h) };\n}\n";
        assert_eq!(receiver(src, 2, 16).as_deref(), Some("ready"));
        assert_eq!(receiver(src, 4, 10).as_deref(), Some("locked"));
        assert_eq!(field_name(&receiver(src, 5, 23).unwrap()), "slots[..]");
        assert_eq!(field_name(&receiver(src, 6, 27).unwrap()), "next");
    }

    #[test]
    fn types_are_shortened() {
        assert_eq!(
            short_type("alloc::collections::vec_deque::VecDeque<core::option::Option<u32>>"),
            "VecDeque<Option<u32>>"
        );
    }

    const PUBLISH: &str = "noise\nWORKBOOK-EXPLAIN-BEGIN\t0\n\
WORKBOOK-OBJ\t1\tAtomicI64\ti64\t/w/publish.rs:40:21\t0\n\
WORKBOOK-OBJ\t2\tAtomicBool\tbool\t/w/publish.rs:42:20\tfalse\n\
WORKBOOK-STEP\t0\tspawn\t1\t-\t-\t-\t/w/checks/publish/loom.rs:11:25\t1\n\
WORKBOOK-STEP\t1\tstore\t1\tRelaxed\t-40\t-\t/w/publish.rs:3:13\t1\n\
WORKBOOK-STEP\t1\tstore\t2\tRelaxed\ttrue\t-\t/w/publish.rs:4:12\t1\n\
WORKBOOK-STEP\t0\tload\t2\tRelaxed\ttrue\t-\t/w/publish.rs:5:12\t1\n\
WORKBOOK-STEP\t0\tload\t1\tRelaxed\t0\t-\t/w/publish.rs:6:13\t1\n\
WORKBOOK-EXPLAIN-END\n";

    fn source(_: &str) -> Option<String> {
        Some("\n\nself.offset.store(1);\nself.ready.store(1);\nself.ready.load(1);\nself.offset.load(1);\n".into())
    }

    #[test]
    fn a_stale_read_after_a_flag_is_explained() {
        let e = explain(PUBLISH, "/publish.rs", &source, None);
        assert_eq!(e.steps.len(), 5);
        assert_eq!(e.steps[1].text, "stores -40 into offset (Relaxed)");
        assert_eq!(e.steps[1].thread, "thread 1");
        let r = e.reading.unwrap();
        assert!(
            r.starts_with("main saw ready == true (line 5) but then read offset == 0 (line 6)"),
            "{r}"
        );
    }

    #[test]
    fn a_cut_record_numbers_its_steps_after_what_was_cut() {
        let cut = PUBLISH.replace("BEGIN\t0", "BEGIN\t700");
        let e = explain(&cut, "/publish.rs", &source, None);
        assert_eq!(e.steps.first().map(|s| s.step), Some(701));
        assert_eq!(e.steps.last().map(|s| s.step), Some(705));
    }

    #[test]
    fn repeated_steps_are_folded() {
        let mut text = String::from(
            "WORKBOOK-EXPLAIN-BEGIN\t0\nWORKBOOK-OBJ\t1\tAtomicBool\tbool\t/w/x.rs:1:1\tfalse\n",
        );
        for _ in 0..3 {
            text.push_str("WORKBOOK-STEP\t0\tload\t1\tAcquire\tfalse\t-\t/w/x.rs:2:1\t1\n");
            text.push_str("WORKBOOK-STEP\t0\tswap\t1\tAcquire\tfalse\ttrue\t/w/x.rs:3:1\t1\n");
        }
        text.push_str("WORKBOOK-EXPLAIN-END\n");
        let e = explain(&text, "/x.rs", &|_| None, None);
        assert_eq!(e.steps.len(), 2);
        assert_eq!((e.steps[1].times, e.steps[1].group), (3, 2));
    }

    #[test]
    fn a_waiter_left_alone_is_not_blamed_on_its_own_notify() {
        let text = "WORKBOOK-EXPLAIN-BEGIN\t0\n\
WORKBOOK-OBJ\t1\tMutex\tState\t/w/q.rs:1:1\t-\n\
WORKBOOK-OBJ\t2\tCondvar\t\t/w/q.rs:2:1\t-\n\
WORKBOOK-STEP\t0\tlock\t1\t-\t-\t-\t/w/q.rs:10:5\t1\n\
WORKBOOK-STEP\t0\tnotify_one\t2\t-\t-\t-\t/w/q.rs:11:5\t1\n\
WORKBOOK-STEP\t0\tunlock\t1\t-\t-\t-\t/w/q.rs:12:5\t1\n\
WORKBOOK-STEP\t0\tlock\t1\t-\t-\t-\t/w/q.rs:20:5\t1\n\
WORKBOOK-STEP\t0\twait\t2\t-\t-\t1\t/w/q.rs:21:5\t1\n\
WORKBOOK-WAIT\t0\twait\t2\t/w/q.rs:21:5\n\
WORKBOOK-EXPLAIN-END\n";
        let mut threads = vec![BlockedThread::default()];
        let e = explain(text, "/q.rs", &|_| None, Some(&mut threads));
        let r = e.reading.unwrap();
        assert!(
            r.starts_with(
                "main holds no lock and waits for a notify on Condvar #1 (line 21): every other \
                 thread has finished, so no notify on Condvar #1 can ever come"
            ),
            "{r}"
        );
        assert!(!r.contains("came before"), "{r}");
    }

    #[test]
    fn a_lock_cycle_is_spelled_out() {
        let text = "WORKBOOK-EXPLAIN-BEGIN\t0\n\
WORKBOOK-OBJ\t1\tMutex\ti64\t/w/b.rs:1:1\t-\n\
WORKBOOK-OBJ\t2\tMutex\ti64\t/w/b.rs:1:1\t-\n\
WORKBOOK-STEP\t0\tspawn\t1\t-\t-\t-\t/w/loom.rs:13:17\t1\n\
WORKBOOK-STEP\t0\tlock\t2\t-\t-\t-\t/w/b.rs:33:41\t1\n\
WORKBOOK-STEP\t1\tlock\t1\t-\t-\t-\t/w/b.rs:33:41\t1\n\
WORKBOOK-WAIT\t0\tlock\t1\t/w/b.rs:34:37\n\
WORKBOOK-WAIT\t1\tlock\t2\t/w/b.rs:34:37\n\
WORKBOOK-EXPLAIN-END\n";
        let mut threads = vec![
            BlockedThread {
                thread: 0,
                ..BlockedThread::default()
            },
            BlockedThread {
                thread: 1,
                ..BlockedThread::default()
            },
        ];
        let e = explain(text, "/b.rs", &|_| None, Some(&mut threads));
        assert_eq!(
            e.reading.unwrap(),
            "main holds Mutex #2 (line 33) and waits for Mutex #1 (line 34); thread 1 holds \
             Mutex #1 (line 33) and waits for Mutex #2 (line 34): each waits for a lock another \
             holds, so none can go on. Take the locks in one order everywhere. (Mutex #1: the \
             1st Mutex<i64> created at line 1; Mutex #2: the 2nd Mutex<i64> created at line 1.)"
        );
        assert_eq!(threads[0].holds[0].lock, "Mutex #2");
        assert_eq!(threads[0].waits_for.as_deref(), Some("Mutex #1"));
    }
}

// Grader-owned tests for thread_local_sum.
use super::{Total, sum_bytes};
use ::std::sync::Mutex;
use ::std::sync::atomic::{AtomicUsize, Ordering};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `sum_bytes` must keep this signature.
    let _: fn(&[&str], usize, &CountingTotal, fn(&str) -> u64) = sum_bytes;
    // `Total::add` must keep this signature.
    let _: fn(&CountingTotal, u64) = <CountingTotal as Total>::add;
}

/// A `Total` that counts how many times it is locked.
struct CountingTotal {
    sum: Mutex<u64>,
    adds: AtomicUsize,
}

impl CountingTotal {
    fn new() -> CountingTotal {
        CountingTotal {
            sum: Mutex::new(0),
            adds: AtomicUsize::new(0),
        }
    }
    fn sum(&self) -> u64 {
        *self.sum.lock().unwrap()
    }
    fn adds(&self) -> usize {
        self.adds.load(Ordering::SeqCst)
    }
}

impl Total for CountingTotal {
    fn add(&self, bytes: u64) {
        self.adds.fetch_add(1, Ordering::SeqCst);
        *self.sum.lock().unwrap() += bytes;
    }
}

/// An access log of `n` lines: line i served i % 1000 bytes, and every 7th line served none (`-`).
/// An access log of `n` lines, one in seven without a body (`-`), with sizes drawn per run
/// (each check its own `salt`), up to a gigabyte a line: the total does not fit in 32 bits.
fn log(n: usize, salt: u64) -> (Vec<String>, u64) {
    let mut rng = crate::__checks::Rng::new(salt);
    let mut expected = 0;
    let lines = (0..n)
        .map(|i| {
            if rng.below(7) == 0 {
                ::std::format!("10.0.0.{} GET /gone 404 -", i % 250)
            } else {
                let bytes = rng.below(1 << 30);
                expected += bytes;
                ::std::format!("10.0.0.{} GET /page/{i} 200 {bytes}", i % 250)
            }
        })
        .collect();
    (lines, expected)
}

fn run(n: usize, workers: usize) -> (CountingTotal, u64) {
    let (lines, expected) = log(n, 0x7410 ^ (n as u64) << 8 ^ workers as u64);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let total = CountingTotal::new();
    sum_bytes(&lines, workers, &total, size_field);
    (total, expected)
}

/// The checks' own reading of a line's size (the exercise's `bytes_of` is the learner's file).
fn size_field(line: &str) -> u64 {
    line.rsplit(' ').next().and_then(|f| f.parse().ok()).unwrap_or(0)
}

#[test]
fn the_sum_is_right() {
    let (total, expected) = run(10_000, 4);
    ::std::assert_eq!(
        total.sum(),
        expected,
        "the bytes of 10,000 lines, summed by 4 workers"
    );
}

#[test]
fn each_worker_locks_the_total_at_most_once() {
    let (total, expected) = run(10_000, 4);
    ::std::assert!(
        total.adds() <= 4,
        "`Total::add` was called {} times for 10,000 lines and 4 workers: each worker should \
         add up its lines on its own and lock the shared total once, for its subtotal",
        total.adds()
    );
    ::std::assert_eq!(
        total.sum(),
        expected,
        "the bytes of 10,000 lines, summed by 4 workers"
    );
}

#[test]
fn more_workers_than_lines() {
    let (total, expected) = run(3, 8);
    ::std::assert_eq!(total.sum(), expected, "3 lines, 8 workers");
    ::std::assert!(
        total.adds() <= 8,
        "`Total::add` was called {} times by 8 workers at most",
        total.adds()
    );
}

#[test]
fn an_empty_log_adds_nothing() {
    let (total, _) = run(0, 4);
    ::std::assert_eq!(total.sum(), 0, "an empty log served no bytes");
}

/// A `Total` whose `add` is the concurrency witness: each call waits (up to
/// `crate::__checks::PATIENCE`) until every worker is inside `add` at once, which happens
/// only if the workers added up their chunks at the same time, each on its own thread.
struct MeetingTotal {
    sum: Mutex<u64>,
    all_in: crate::__checks::Rendezvous,
    callers: Mutex<::std::vec::Vec<::std::thread::ThreadId>>,
}

impl Total for MeetingTotal {
    fn add(&self, bytes: u64) {
        self.callers.lock().unwrap().push(::std::thread::current().id());
        self.all_in.arrive();
        *self.sum.lock().unwrap() += bytes;
    }
}

#[test]
fn the_workers_add_up_their_chunks_in_parallel() {
    let mut rng = crate::__checks::Rng::new(0x7415);
    let n = 4000 + rng.below(4000) as usize;
    let (lines, expected) = log(n, 0x7416);
    let lines: ::std::vec::Vec<&str> = lines.iter().map(::std::string::String::as_str).collect();
    let workers = 4;
    let total = MeetingTotal {
        sum: Mutex::new(0),
        all_in: crate::__checks::Rendezvous::new(workers),
        callers: Mutex::new(::std::vec::Vec::new()),
    };
    sum_bytes(&lines, workers, &total, size_field);
    let me = ::std::thread::current().id();
    let callers = total.callers.lock().unwrap().clone();
    ::std::assert!(
        !callers.contains(&me),
        "`Total::add` was called by the thread that called `sum_bytes`: each worker must add \
         its own subtotal to `total`, from its own thread"
    );
    total.all_in.assert_parallel(&::std::format!(
        "{n} lines, {workers} workers: each worker's one `Total::add` (called {} times in all)",
        callers.len()
    ));
    ::std::assert_eq!(*total.sum.lock().unwrap(), expected, "the bytes of {n} lines");
}

/// How many workers must be reading lines at once in the witness test.
const READERS: usize = 4;

/// Where the witness test's `size` calls wait for each other.
static READING: ::std::sync::LazyLock<crate::__checks::Rendezvous> =
    ::std::sync::LazyLock::new(|| crate::__checks::Rendezvous::new(READERS));

/// The threads the witness test's `size` was called on.
static READ_BY: Mutex<::std::vec::Vec<::std::thread::ThreadId>> = Mutex::new(::std::vec::Vec::new());

/// The witness test's `size`: a line's size is after `bytes:` (so only an answer that asks
/// `size` gets the total), and each call waits at `READING` until `READERS` threads are reading
/// lines at once, which happens only when the workers read their chunks at the same time.
fn meets_then_reads_tagged_size(line: &str) -> u64 {
    READ_BY.lock().unwrap().push(::std::thread::current().id());
    READING.arrive();
    line.rsplit_once("bytes:").and_then(|(_, n)| n.parse().ok()).unwrap_or(0)
}

/// Work done before the threads start (the caller adding up every chunk, then handing the
/// subtotals to workers that only `add`) or one chunk after another reads the lines serially:
/// the workers must read their own lines, at the same time.
#[test]
fn the_workers_read_their_own_lines_in_parallel() {
    let mut rng = crate::__checks::Rng::new(0x7417);
    let n = 400 + rng.below(400) as usize;
    let mut expected = 0;
    let lines: ::std::vec::Vec<::std::string::String> = (0..n)
        .map(|i| {
            let bytes = rng.below(1 << 20);
            expected += bytes;
            ::std::format!("10.0.0.{} GET /page/{i} 200 bytes:{bytes}", i % 250)
        })
        .collect();
    let lines: ::std::vec::Vec<&str> = lines.iter().map(::std::string::String::as_str).collect();
    let total = CountingTotal::new();
    sum_bytes(&lines, READERS, &total, meets_then_reads_tagged_size);
    let me = ::std::thread::current().id();
    let read_by = READ_BY.lock().unwrap().clone();
    ::std::assert!(
        !read_by.contains(&me),
        "`size` was called by the thread that called `sum_bytes`: each worker must read its \
         own chunk's lines, on its own thread"
    );
    READING.assert_parallel(&::std::format!(
        "{n} lines, {READERS} workers: each worker reading its chunk's lines (`size` called {} \
         times in all)",
        read_by.len()
    ));
    ::std::assert_eq!(
        total.sum(),
        expected,
        "{n} lines whose size is after `bytes:`, read with the `size` passed in (call `size` on \
         every line, not `bytes_of`)"
    );
}

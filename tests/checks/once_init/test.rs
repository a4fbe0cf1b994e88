// Grader-owned tests for once_init. The statics live as long as the test process, so each
// test is the only one that touches its static, and it calls from many threads released at
// the same moment by a barrier before calling again on its own. The config is loaded through
// the checks' own reader (`CONFIG_READER`), which counts its runs itself and, the first time,
// waits until a second load has begun (or every thread has long been in `config()`): the one
// chance a process has to initialise twice is then taken whenever the code allows it.
use super::{CONFIG_LOADS, CONFIG_READER, Config, PORTS_READER, TABLE_BUILDS, config, port_of};
use ::std::sync::atomic::Ordering::SeqCst;
use ::std::sync::{Arc, Barrier};
use ::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `config` must keep this signature.
    let _: fn() -> &'static Config = config;
    // `port_of` must keep this signature.
    let _: fn(&str) -> ::std::option::Option<u16> = port_of;
    // `CONFIG_LOADS` must keep this value.
    let _: &'static ::std::sync::atomic::AtomicUsize = &CONFIG_LOADS;
    // `TABLE_BUILDS` must keep this value.
    let _: &'static ::std::sync::atomic::AtomicUsize = &TABLE_BUILDS;
    // `CONFIG_READER` must keep this value.
    let _: &'static ::std::sync::OnceLock<fn() -> Config> = &CONFIG_READER;
    // `PORTS_READER` must keep this value.
    let _: &'static ::std::sync::OnceLock<fn() -> ::std::collections::HashMap<&'static str, u16>> =
        &PORTS_READER;
}

const THREADS: usize = 8;

/// Runs `f` on THREADS threads that all start at the same moment, and collects the results.
fn all_at_once<T: Send + 'static>(f: fn() -> T) -> Vec<T> {
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|_| {
            let start = Arc::clone(&start);
            ::std::thread::spawn(move || {
                start.wait();
                f()
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

/// How many times the checks' reader ran, and how many threads have called `config()`.
static READS: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);
static CALLING: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);

/// How long the first read waits, once every thread is in `config()`, for a second read to
/// begin: far beyond the few instructions a check-then-act takes between its check and its
/// load, even when the OS makes a thread wait its turn on a loaded machine.
const SECOND_READ_PATIENCE: ::std::time::Duration = ::std::time::Duration::from_millis(300);
/// How long the first read waits at most, in all.
const FIRST_READ_MOST: ::std::time::Duration = ::std::time::Duration::from_secs(2);

/// This run's configuration (drawn from its seed, so no answer can make it up).
fn expected() -> (::std::string::String, u32) {
    let mut rng = crate::__checks::Rng::new(0x0c0f);
    (
        ::std::format!(
            "postgres://db-{:08x}.internal/orders",
            rng.next_u64() as u32
        ),
        rng.range(2, 500) as u32,
    )
}

/// One run of a checks' reader, counted in `reads`: the first waits (holding nothing of the
/// learner's) until a second run has begun, or until `THREADS` threads counted in `callers`
/// have been calling for `SECOND_READ_PATIENCE` (at most `FIRST_READ_MOST` in all), so that a
/// second load, if the code lets one start while the first is under way, starts.
fn slow_read(reads: &::std::sync::atomic::AtomicUsize, callers: &::std::sync::atomic::AtomicUsize) {
    let run = reads.fetch_add(1, SeqCst) + 1;
    if run == 1 {
        let began = ::std::time::Instant::now();
        let mut all_in: ::std::option::Option<::std::time::Instant> = ::std::option::Option::None;
        while reads.load(SeqCst) < 2 && began.elapsed() < FIRST_READ_MOST {
            if callers.load(SeqCst) >= THREADS {
                let since = *all_in.get_or_insert_with(::std::time::Instant::now);
                if since.elapsed() >= SECOND_READ_PATIENCE {
                    break;
                }
            }
            thread::sleep(::std::time::Duration::from_millis(1));
        }
    }
}

/// The checks' reader: counts its runs; the first waits (holding nothing of the learner's)
/// until a second run has begun, or until every thread has been in `config()` for
/// `SECOND_READ_PATIENCE`, so that a second load, if the code lets one start while the
/// first is under way, starts.
fn read_slowly() -> Config {
    slow_read(&READS, &CALLING);
    let (database_url, max_connections) = expected();
    Config {
        database_url,
        max_connections,
    }
}

#[test]
fn config_is_loaded_once_and_shared() {
    ::std::assert!(
        CONFIG_READER.set(read_slowly).is_ok(),
        "CONFIG_READER was already set before the checks set it: leave it for the checks"
    );
    let seen = all_at_once(|| {
        CALLING.fetch_add(1, SeqCst);
        config() as *const Config as usize
    });
    let reads = READS.load(SeqCst);
    ::std::assert_eq!(
        reads,
        1,
        "{THREADS} threads called config() at once, and the configuration was initialised \
         {reads} times: while the first thread was still loading it (the load took its time), \
         another found it not loaded yet and loaded it again. Checking \"is it loaded?\" and \
         then loading is a check-then-act race: the check and the load must be one step \
         (`OnceLock::get_or_init`), so that a thread arriving meanwhile waits for that load"
    );
    ::std::assert!(
        seen.iter().all(|&p| p == seen[0]),
        "every thread must get a reference to the same Config"
    );
    let again = config();
    ::std::assert_eq!(
        again as *const Config as usize,
        seen[0],
        "a later call must return the same Config"
    );
    ::std::assert_eq!(
        READS.load(SeqCst),
        1,
        "a later call must not load the config again"
    );
    ::std::assert_eq!(
        CONFIG_LOADS.load(SeqCst),
        1,
        "{THREADS} threads called config() at once: load_config must run exactly once"
    );
    let (url, max) = expected();
    ::std::assert_eq!(
        (again.database_url.as_str(), again.max_connections),
        (url.as_str(), max),
        "config() must return the Config that load_config read"
    );
}

/// How many times the checks' table reader ran, and how many threads have called `port_of`.
static TABLE_READS: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);
static LOOKING_UP: ::std::sync::atomic::AtomicUsize = ::std::sync::atomic::AtomicUsize::new(0);

/// This run's own service and its port (drawn from its seed, so no answer can make it up).
fn own_service() -> (&'static str, u16) {
    let mut rng = crate::__checks::Rng::new(0x0c0e);
    let name: &'static str = ::std::boxed::Box::leak(
        ::std::format!("svc-{:08x}", rng.next_u64() as u32).into_boxed_str(),
    );
    (name, rng.range(1024, 65000) as u16)
}

static OWN_SERVICE: ::std::sync::LazyLock<(&'static str, u16)> =
    ::std::sync::LazyLock::new(own_service);

/// The checks' table reader: as `read_slowly`, the first run waits (holding nothing of the
/// learner's) until a second run has begun, or every thread has been in `port_of` for
/// `SECOND_READ_PATIENCE`.
fn read_table_slowly() -> ::std::collections::HashMap<&'static str, u16> {
    slow_read(&TABLE_READS, &LOOKING_UP);
    let (own, port) = *OWN_SERVICE;
    ::std::collections::HashMap::from([
        ("http", 80),
        ("https", 443),
        ("postgres", 5432),
        ("redis", 6379),
        (own, port),
    ])
}

#[test]
fn port_table_is_built_once() {
    ::std::assert!(
        PORTS_READER.set(read_table_slowly).is_ok(),
        "PORTS_READER was already set before the checks set it: leave it for the checks"
    );
    let seen = all_at_once(|| {
        LOOKING_UP.fetch_add(1, SeqCst);
        port_of("https")
    });
    let reads = TABLE_READS.load(SeqCst);
    ::std::assert_eq!(
        reads,
        1,
        "{THREADS} threads called port_of at once, and the port table was built {reads} \
         times: while the first thread was still building it (the build took its time), \
         another found it not built yet and built it again. Checking \"is it built?\" and \
         then building is a check-then-act race: the check and the build must be one step \
         (a `LazyLock`, or `OnceLock::get_or_init`), so that a thread arriving meanwhile \
         waits for that build"
    );
    let (own, port) = *OWN_SERVICE;
    ::std::assert_eq!(
        port_of(own),
        ::std::option::Option::Some(port),
        "port_of must look up in the table that build_port_table built"
    );
    ::std::assert!(
        seen.iter().all(|&p| p == Some(443)),
        "port_of(\"https\") must be Some(443)"
    );
    ::std::assert_eq!(port_of("postgres"), Some(5432));
    ::std::assert_eq!(port_of("gopher"), None);
    for _ in 0..20 {
        ::std::assert_eq!(port_of("http"), Some(80));
    }
    ::std::assert_eq!(
        TABLE_BUILDS.load(SeqCst),
        1,
        "the port table must be built exactly once, however many lookups and threads"
    );
}

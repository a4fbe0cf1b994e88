//! The verdict cache of `workbook grade`: a verdict is decided by the exercise's catalogue
//! entry, the student's file, the exercise's check files (shipped and a teacher's `--checks`),
//! the grader itself (its binary, which embeds the shim, the runner and Cargo.lock), the
//! toolchain, the limits and the sandbox mode. The key hashes all of them, so a file graded
//! once is not built or run again: within one run (many students share files) and across
//! runs (`target/workbook/cache/`).
//!
//! Entries are written to a temporary file and renamed into place, so two graders sharing the
//! directory never see half an entry; each entry starts with the SHA-256 of the rest, so a
//! corrupt or truncated entry is detected, removed and graded again, never trusted.
//! Verdicts that depend on time (a timeout, a model that ran out of time) are never written
//! to the cache directory: another run, on another machine or under another load, grades
//! them again. Within one run they are reused for another student's identical file (same
//! machine, same limits: rerunning would only cost the time limit again). A grader error is
//! never reused at all.
//!
//! Two workers grading at once never grade the same file twice: the first to miss a key
//! claims it (`claim`), and the other leaves that file out of its build and takes the verdict
//! once the claim is settled (`wait_for`), after its own files. A worker waits only once all
//! its own claims are settled, so no two workers ever wait on each other.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::catalogue::Exercise;
use crate::verdict::{Outcome, Verdict};

/// The cache directory under the grader's scratch space.
pub fn dir(scratch: &Path) -> PathBuf {
    scratch.join("cache")
}

/// Removes every cached verdict. Returns how many entries there were.
pub fn clear(scratch: &Path) -> Result<usize> {
    let dir = dir(scratch);
    if !dir.exists() {
        return Ok(0);
    }
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    let count = files.len();
    fs::remove_dir_all(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    Ok(count)
}

/// Lowercase hex of SHA-256 over `parts`, each length-prefixed so that no two lists of parts
/// hash alike.
pub fn hash(parts: &[&[u8]]) -> String {
    let mut h = hmac_sha256::Hash::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The grader's version: a hash of its own binary (its code, the embedded shim, runner,
/// harness manifest and Cargo.lock) and of the toolchain that builds student code.
pub fn grader_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let binary = std::env::current_exe()
            .and_then(fs::read)
            .unwrap_or_else(|_| env!("CARGO_PKG_VERSION").as_bytes().to_vec());
        let rustc = std::process::Command::new("rustc")
            .arg("-vV")
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default();
        hash(&[b"workbook-grader/1", &binary, &rustc])
    })
}

/// Every file under `dirs` (recursively), as relative path and bytes, sorted: what the
/// checks of an exercise are made of. A missing directory contributes nothing.
fn files_under(dirs: &[PathBuf]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let mut files = Vec::new();
        collect(dir, dir, &mut files);
        files.sort();
        for rel in files {
            let bytes = fs::read(dir.join(&rel)).unwrap_or_default();
            out.extend_from_slice(format!("{i}:{}:{}\n", rel.display(), bytes.len()).as_bytes());
            out.extend_from_slice(&bytes);
        }
    }
    out
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(rel) = path.strip_prefix(root) {
            files.push(rel.to_path_buf());
        }
    }
}

/// What decides an exercise's verdict besides the student's file: its catalogue entry, its
/// check files, the limits and the sandbox mode. Hashed once per exercise per run.
pub fn context(
    exercise: &Exercise,
    check_dirs: &[PathBuf],
    limits: &str,
    sandbox_mode: &str,
) -> String {
    let entry = format!("{exercise:?}");
    hash(&[
        entry.as_bytes(),
        &files_under(check_dirs),
        limits.as_bytes(),
        sandbox_mode.as_bytes(),
    ])
}

/// The cache key of one student file for an exercise whose `context` is given.
pub fn key(context: &str, student_file: &[u8]) -> String {
    hash(&[
        grader_fingerprint().as_bytes(),
        context.as_bytes(),
        student_file,
    ])
}

/// The seed a file's checks draw their inputs from when graded: a function of its cache key
/// (so a regraded file gets its cached verdict exactly), which no file can be written to
/// know in advance, since its own bytes are hashed into it.
pub fn seed(context: &str, student_file: &[u8]) -> u64 {
    let digest = key(context, student_file);
    u64::from_str_radix(&digest[..16], 16).unwrap_or(0)
}

/// Whether the verdict may be written to the cache directory: not if it depends on time
/// (another machine or load could give another verdict).
pub fn cacheable(verdict: &Verdict) -> bool {
    reusable_in_run(verdict) && !time_dependent(verdict)
}

/// A timeout, a model that ran out of time (a branch limit is deterministic), or a stress
/// test whose threads never ran at once (a busy machine).
pub fn time_dependent(verdict: &Verdict) -> bool {
    match verdict {
        Verdict::TimedOut { .. } | Verdict::Inconclusive { .. } => true,
        Verdict::LoomLimit { message, .. } => message.contains("did not finish in"),
        _ => false,
    }
}

/// Whether another student's identical file may get this verdict in the same run: not a
/// grader error (cargo missing, a full disk), which says nothing about the file.
fn reusable_in_run(verdict: &Verdict) -> bool {
    !matches!(verdict, Verdict::Error { .. } | Verdict::Rejected { .. })
}

#[derive(Serialize, Deserialize)]
struct Entry {
    key: String,
    verdict: Verdict,
    duration: Duration,
}

/// Verdicts by key: in memory for this run, and on disk unless `--no-cache`.
#[derive(Default)]
pub struct Cache {
    /// None: `--no-cache` (nothing is looked up or kept, not even within the run).
    dir: Option<PathBuf>,
    memo: Mutex<HashMap<String, (Verdict, Duration)>>,
    /// Files built and checked (not answered from the cache).
    pub graded: AtomicUsize,
    /// Files answered from the cache.
    pub hits: AtomicUsize,
    /// Entries found corrupt or truncated (removed, and graded again).
    pub corrupt: AtomicUsize,
    /// Keys a worker is grading right now (`claim`), and the signal that one was settled.
    inflight: Mutex<HashSet<String>>,
    settled: Condvar,
}

impl Cache {
    pub fn new(scratch: &Path) -> Cache {
        Cache {
            dir: Some(dir(scratch)),
            ..Cache::default()
        }
    }

    /// `--no-cache`: every file is graded.
    pub fn disabled() -> Cache {
        Cache::default()
    }

    pub fn enabled(&self) -> bool {
        self.dir.is_some()
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(&key[..2]).join(key))
    }

    /// The verdict cached for `key` (with its original duration), if any.
    pub fn get(&self, exercise: &str, key: &str) -> Option<Outcome> {
        let path = self.path(key)?;
        let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let found = memo.get(key).cloned();
        drop(memo);
        let (verdict, duration) = match found {
            Some(hit) => hit,
            None => {
                let bytes = fs::read(&path).ok()?;
                match parse(&bytes, key) {
                    Some(hit) => hit,
                    None => {
                        self.corrupt.fetch_add(1, Ordering::Relaxed);
                        let _ = fs::remove_file(&path);
                        return None;
                    }
                }
            }
        };
        self.memo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string(), (verdict.clone(), duration));
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(Outcome {
            exercise: exercise.to_string(),
            verdict,
            duration,
        })
    }

    /// Records a fresh verdict (not one that depends on time). Failing to write the cache
    /// never fails grading.
    pub fn put(&self, key: &str, outcome: &Outcome) {
        self.graded.fetch_add(1, Ordering::Relaxed);
        let Some(path) = self.path(key) else {
            return;
        };
        if reusable_in_run(&outcome.verdict) {
            self.memo
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.to_string(), (outcome.verdict.clone(), outcome.duration));
            if cacheable(&outcome.verdict) {
                let _ = write_entry(&path, key, outcome);
            }
        }
        // After the memo holds it, so that a waiter woken here finds the verdict.
        self.release(key);
    }

    /// Whether this worker is the one to grade `key` (a miss): false if another worker is
    /// grading the same file right now; take its verdict with `wait_for` after your own.
    pub fn claim(&self, key: &str) -> bool {
        if !self.enabled() {
            return true;
        }
        let mut inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        inflight.insert(key.to_string())
    }

    /// Settles a claim without a verdict (the worker failed before grading it): a waiter
    /// then grades the file itself. Settling twice, or a key never claimed, does nothing.
    pub fn release(&self, key: &str) {
        let mut inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        if inflight.remove(key) {
            self.settled.notify_all();
        }
    }

    /// Waits until another worker's claim on `key` is settled; then its verdict, if it may be
    /// reused (else None: grade the file yourself).
    pub fn wait_for(&self, exercise: &str, key: &str) -> Option<Outcome> {
        let inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        let settled = self
            .settled
            .wait_while(inflight, |keys| keys.contains(key))
            .unwrap_or_else(|e| e.into_inner());
        drop(settled);
        self.get(exercise, key)
    }
}

/// A worker's claims (`Cache::claim`), settled when it is dropped: a worker that fails
/// half-way (a build error returned with `?`) never leaves another waiting forever.
pub struct Claims<'a> {
    cache: &'a Cache,
    keys: Vec<String>,
}

impl<'a> Claims<'a> {
    pub fn new(cache: &'a Cache) -> Claims<'a> {
        Claims {
            cache,
            keys: Vec::new(),
        }
    }

    /// Claims `key` (see `Cache::claim`); remembered to be settled on drop.
    pub fn claim(&mut self, key: &str) -> bool {
        let mine = self.cache.claim(key);
        if mine {
            self.keys.push(key.to_string());
        }
        mine
    }
}

impl Drop for Claims<'_> {
    fn drop(&mut self) {
        for key in &self.keys {
            self.cache.release(key);
        }
    }
}

/// `sha256-of-body\nbody`, the body being the entry as JSON.
fn write_entry(path: &Path, key: &str, outcome: &Outcome) -> Result<()> {
    let body = serde_json::to_vec(&Entry {
        key: key.to_string(),
        verdict: outcome.verdict.clone(),
        duration: outcome.duration,
    })?;
    let dir = path.parent().context("an entry has a directory")?;
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new().prefix(".entry").tempfile_in(dir)?;
    temp.write_all(hash(&[&body]).as_bytes())?;
    temp.write_all(b"\n")?;
    temp.write_all(&body)?;
    temp.as_file().sync_data()?;
    temp.persist(path)?;
    Ok(())
}

/// An entry's verdict, if its checksum holds and it is the entry for `key`.
fn parse(bytes: &[u8], key: &str) -> Option<(Verdict, Duration)> {
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let (sum, body) = (&bytes[..newline], &bytes[newline + 1..]);
    if sum != hash(&[body]).as_bytes() {
        return None;
    }
    let entry: Entry = serde_json::from_slice(body).ok()?;
    (entry.key == key).then_some((entry.verdict, entry.duration))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256 itself (the empty list hashes nothing), and keys as they were computed before
    /// the hash crate changed (sha2 then, hmac-sha256 now): caches made by either stay valid.
    #[test]
    fn hash_is_sha256_of_length_prefixed_parts() {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(hash(&[]), empty);
        assert_eq!(
            hash(&[b"abc", b""]),
            "3e2f8940c3a0e0fd6f6e07bbf07f015dd7c147431e5fa14bf3f225d782641540"
        );
        assert_eq!(
            hash(&[&[b'x'; 200]]),
            "8b70c0b60fdb51529836e1e5038056a912410c358ee51f650036d5c85ff9ccd1"
        );
    }

    fn outcome(verdict: Verdict) -> Outcome {
        Outcome {
            exercise: "e".into(),
            verdict,
            duration: Duration::from_millis(1234),
        }
    }

    #[test]
    fn an_entry_round_trips_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let key = key("ctx", b"fn main() {}");
        let fresh = outcome(Verdict::TestFailed {
            failures: vec![],
            output: "x".into(),
        });
        cache.put(&key, &fresh);
        let disk = Cache::new(dir.path());
        let hit = disk.get("e", &key).unwrap();
        assert_eq!(hit.verdict, fresh.verdict);
        assert_eq!(hit.duration, fresh.duration);

        let path = disk.path(&key).unwrap();
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        let fresh_run = Cache::new(dir.path());
        assert!(fresh_run.get("e", &key).is_none());
        assert_eq!(fresh_run.corrupt.load(Ordering::Relaxed), 1);
        assert!(!path.exists(), "a corrupt entry is removed");
    }

    #[test]
    fn time_dependent_verdicts_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let timed_out = outcome(Verdict::TimedOut {
            check: "test".into(),
            seconds: 1.0,
            running: None,
        });
        cache.put("aa00", &timed_out);
        assert!(cache.get("e", "aa00").is_some(), "reused within the run");
        assert!(
            Cache::new(dir.path()).get("e", "aa00").is_none(),
            "never on disk"
        );
        cache.put("bb00", &outcome(Verdict::error("no cargo")));
        assert!(
            cache.get("e", "bb00").is_none(),
            "a grader error is never reused"
        );
        assert!(!cacheable(&Verdict::LoomLimit {
            model: "m".into(),
            message: "model checking did not finish in 10 s: ...".into(),
        }));
        assert!(Cache::disabled().get("e", "aa00").is_none());
    }

    #[test]
    fn a_claimed_file_is_graded_once_and_the_other_worker_takes_its_verdict() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let fresh = outcome(Verdict::Pass);
        assert!(cache.claim("cc00"), "the first worker grades it");
        assert!(!cache.claim("cc00"), "the second does not");
        std::thread::scope(|s| {
            let waiter = s.spawn(|| cache.wait_for("e", "cc00"));
            std::thread::sleep(Duration::from_millis(50));
            cache.put("cc00", &fresh);
            let got = waiter.join().unwrap().expect("the settled verdict");
            assert_eq!(got.verdict, Verdict::Pass);
        });
        assert_eq!(cache.graded.load(Ordering::Relaxed), 1);

        // A worker that fails settles its claims on drop: the waiter grades it itself.
        let mut claims = Claims::new(&cache);
        assert!(claims.claim("dd00"));
        std::thread::scope(|s| {
            let waiter = s.spawn(|| cache.wait_for("e", "dd00"));
            std::thread::sleep(Duration::from_millis(50));
            drop(claims);
            assert!(waiter.join().unwrap().is_none());
        });
        assert!(cache.claim("dd00"), "free again");
    }
}

//! The hostile suite: cheats a student would write (`tests/hostile/<class>_<what>.rs`, each a
//! whole exercise file that does not solve its exercise), graded through `workbook run` and
//! through `workbook grade` beside a solved "victim" submission.
//!
//! Every assertion is about an outcome, never about which defence caught the cheat (the syntax
//! gate, the evidence runner, the sandbox or the pinned checks), so the suite holds whichever
//! fires:
//! - the cheat's exercise is not `pass` and earns 0 points, and the cheater's other (shipped,
//!   unsolved) exercises earn nothing either;
//! - the victim's report is the one it gets graded alone (apart from durations);
//! - nothing changed outside the grader's scratch directory: the teacher's workbook copy (but
//!   its `target/`), every submission, the teacher's hidden checks, and no marker file in the
//!   shared build directory or `/tmp`;
//! - no process left (every process a cheat starts carries this run's marker argument);
//! - nothing reached the loopback listener the test starts (its port is written into the cheat);
//! - the grader returned within a bound, and no report holds a grader path or another
//!   student's (or the teacher's hidden) text.
//!
//! A failing test lists every broken outcome at once, per cheat. Cheats that only a sandbox can
//! stop (file writes, sockets) are skipped, with a note on stderr, where the sandbox cannot
//! hold them (no Landlock on this kernel, `WORKBOOK_SANDBOX_SIMULATE=no-landlock`, or a report
//! whose `"sandbox"` is `none` or lacks Landlock); `no-userns` alone must still hold.

mod common;
use common::{copy_tree, copy_workbook, repo, shared_target, text};

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use wait_timeout::ChildExt;

/// A grade or run that takes longer than this is itself a failure (a cheat hung the grader).
const GRADE_LIMIT: Duration = Duration::from_secs(150);
/// A secret in the grader's environment (as a CI job's token would be): no report may hold it.
const GRADER_TOKEN: &str = "grader-token-7c1e9b";
/// A cheat that tries to keep the grader waiting (`setsid sleep`) must not cost more than this.
const HANG_LIMIT: Duration = Duration::from_secs(60);
/// Every rule of the syntax gate (the brief's rule ids): the sandbox variant allows them all.
const ALL_RULES: &str = r#"["exit", "command", "env", "panic-hook", "linkage", "foreign-crate", "real-std", "compile-read", "scope", "cfg", "probe", "unsafe"]"#;

/// One cheat file: the exercise it replaces and its code with this run's values filled in.
#[derive(Clone)]
struct Cheat {
    name: String,
    exercise: String,
    code: String,
}

/// The exercise file of `name`, from the catalogue.
fn exercise_path(name: &str) -> String {
    let info: toml::Table = fs::read_to_string(repo().join("info.toml"))
        .unwrap()
        .parse()
        .unwrap();
    info["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no exercise `{name}` in info.toml"))["path"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The points of `name` in the catalogue.
fn exercise_points(name: &str) -> u64 {
    let info: toml::Table = fs::read_to_string(repo().join("info.toml"))
        .unwrap()
        .parse()
        .unwrap();
    info["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str() == Some(name))
        .unwrap()["points"]
        .as_integer()
        .unwrap() as u64
}

/// Every file under `dir` (but the top-level names in `skip`) with its bytes and mtime.
type Snapshot = BTreeMap<PathBuf, (Vec<u8>, Option<SystemTime>)>;

fn snapshot(dir: &Path, skip: &[&str]) -> Snapshot {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if d == dir && skip.iter().any(|s| path.file_name().unwrap() == *s) {
                continue;
            }
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let contents = if meta.is_dir() {
                stack.push(path.clone());
                b"(directory)".to_vec()
            } else if meta.is_file() {
                fs::read(&path).unwrap_or_default()
            } else {
                b"(special file)".to_vec()
            };
            files.insert(path, (contents, meta.modified().ok()));
        }
    }
    files
}

/// What changed between two snapshots, one line per path.
fn changes(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for (path, old) in before {
        match after.get(path) {
            None => out.push(format!("{} was removed", path.display())),
            Some(new) if new.0 != old.0 => out.push(format!("{} was rewritten", path.display())),
            Some(new) if new.1 != old.1 => out.push(format!("{} was touched", path.display())),
            _ => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        out.push(format!("{} was created", path.display()));
    }
    out
}

/// A report without durations (the only part that may differ between two runs).
/// A report entry without what depends on the run rather than on the grading: durations, and
/// the submission's place in the list graded (`index`).
fn without_durations(mut v: Value) -> Value {
    match &mut v {
        Value::Object(map) => {
            map.remove("duration");
            map.remove("index");
            for value in map.values_mut() {
                *value = without_durations(value.take());
            }
        }
        Value::Array(items) => {
            for item in items {
                *item = without_durations(item.take());
            }
        }
        _ => {}
    }
    v
}

/// What a listener heard: connections and the bytes sent, recorded by a thread that lives
/// until the test process ends (it only ever waits for connections).
#[derive(Clone, Default)]
struct Heard(Arc<Mutex<(usize, Vec<u8>)>>);

impl Heard {
    /// Records every stream of `incoming`, each read for up to 2 s (`timeout` sets it).
    fn record<S: Read + Send + 'static>(
        incoming: impl Iterator<Item = std::io::Result<S>> + Send + 'static,
        timeout: fn(&S, Option<Duration>) -> std::io::Result<()>,
    ) -> Heard {
        let heard = Heard::default();
        let record = heard.clone();
        std::thread::spawn(move || {
            for stream in incoming {
                let Ok(mut stream) = stream else { continue };
                record.0.lock().unwrap().0 += 1;
                let _ = timeout(&stream, Some(Duration::from_secs(2)));
                let mut bytes = Vec::new();
                let _ = stream.read_to_end(&mut bytes);
                record.0.lock().unwrap().1.extend(bytes);
            }
        });
        heard
    }

    /// What it heard since the last call (so that each outcome names only its own cheat),
    /// as "`who` got ...".
    fn take(&self, who: &str) -> Option<String> {
        let (connections, bytes) = std::mem::take(&mut *self.0.lock().unwrap());
        (connections > 0 || !bytes.is_empty()).then(|| {
            format!(
                "{who} got {connections} connection(s) and {:?}",
                text(&bytes)
            )
        })
    }
}

/// A loopback TCP listener that records every connection and every byte sent to it.
struct Listener {
    port: u16,
    heard: Heard,
}

impl Listener {
    fn start() -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let heard = Heard::record(
            std::iter::from_fn(move || Some(listener.accept().map(|(s, _)| s))),
            std::net::TcpStream::set_read_timeout,
        );
        Listener { port, heard }
    }

    fn heard(&self) -> Option<String> {
        self.heard.take("the loopback listener")
    }
}

/// A Unix socket listener on the file system (as an ssh-agent's or a container runtime's
/// is), recording every connection and every byte sent to it; removed with the world.
struct UnixHeard {
    path: PathBuf,
    heard: Heard,
}

impl UnixHeard {
    fn start(path: PathBuf) -> UnixHeard {
        let _ = fs::remove_file(&path);
        let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let incoming = std::iter::from_fn(move || Some(listener.accept().map(|(s, _)| s)));
        let heard = Heard::record(incoming, std::os::unix::net::UnixStream::set_read_timeout);
        UnixHeard { path, heard }
    }

    fn heard(&self) -> Option<String> {
        self.heard
            .take(&format!("the Unix socket {}", self.path.display()))
    }
}

impl Drop for UnixHeard {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// How a `workbook` invocation ended.
struct Finished {
    code: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    elapsed: Duration,
    stdout: String,
    stderr: String,
}

impl Finished {
    /// One line per way this invocation itself went wrong (a kill, a hang, a panic).
    fn problems(&self, limit: Duration, codes: &[i32]) -> Vec<String> {
        let mut out = Vec::new();
        if self.timed_out {
            out.push(format!(
                "the grader had not returned after {limit:?} (killed by the test)"
            ));
        } else if let Some(signal) = self.signal {
            out.push(format!(
                "the grader was killed by signal {signal}; stderr: {}",
                self.stderr.trim()
            ));
        } else if !self.code.is_some_and(|c| codes.contains(&c)) {
            out.push(format!(
                "the grader ended with {:?} (want one of {codes:?}); stderr: {}",
                self.code,
                self.stderr.trim()
            ));
        }
        if self.stderr.contains("panicked") {
            out.push(format!("the grader panicked: {}", self.stderr.trim()));
        }
        out
    }
}

/// Runs `workbook ARGS` in `dir` with stdout and stderr in files (a cheat's grandchild may
/// hold pipes open forever), killed at `limit`.
fn workbook(dir: &Path, args: &[String], limit: Duration) -> Finished {
    let out_dir = tempfile::tempdir().unwrap();
    let (out, err) = (out_dir.path().join("out"), out_dir.path().join("err"));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("WORKBOOK_TARGET_DIR", shared_target())
        .env("WORKBOOK_HOSTILE_TOKEN", GRADER_TOKEN)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let (code, signal, timed_out) = match child.wait_timeout(limit).unwrap() {
        Some(status) => {
            use std::os::unix::process::ExitStatusExt;
            (status.code(), status.signal(), false)
        }
        None => {
            let _ = child.kill();
            let _ = child.wait();
            (None, None, true)
        }
    };
    Finished {
        code,
        signal,
        timed_out,
        elapsed: start.elapsed(),
        stdout: fs::read_to_string(&out).unwrap_or_default(),
        stderr: fs::read_to_string(&err).unwrap_or_default(),
    }
}

/// The sandbox is unavailable on this machine (or simulated so): why, if so.
fn sandbox_unavailable() -> Option<String> {
    // `no-landlock` takes the file-system rules away (`no-userns` leaves Landlock's own TCP
    // rules and the process cleanup, which must still hold).
    let simulate = std::env::var("WORKBOOK_SANDBOX_SIMULATE").unwrap_or_default();
    if simulate.split(',').any(|s| s.trim() == "no-landlock") {
        return Some(format!("WORKBOOK_SANDBOX_SIMULATE={simulate}"));
    }
    // SAFETY: landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) only returns
    // the kernel's Landlock ABI version (or an error); it creates nothing.
    let abi = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<u8>(),
            0usize,
            1u32,
        )
    };
    (abi < 1).then(|| "this kernel has no Landlock".to_string())
}

/// Says, visibly (not through the test's captured output), that a test did not run.
fn skip_note(test: &str, why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "note: hostile::{test} skipped: the sandbox is unavailable ({why}); \
         its cheats can only be stopped by the sandbox"
    );
}

/// Why a report's sandbox cannot stop file and network cheats, if it cannot: `none`, or a
/// partial one without Landlock.
fn report_without_sandbox(report: &Value) -> Option<String> {
    let mut modes = Vec::new();
    sandbox_modes(report, &mut modes);
    modes
        .into_iter()
        .find(|m| m == "none" || m.contains("no Landlock"))
        .map(|m| format!("the report says \"sandbox\": {m:?}"))
}

/// Where a report says which sandbox ran (`"sandbox": ...` anywhere in it).
fn sandbox_modes(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "sandbox"
                    && let Some(s) = value.as_str()
                {
                    out.push(s.to_string());
                }
                sandbox_modes(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| sandbox_modes(i, out)),
        _ => {}
    }
}

/// One test's world: the teacher's workbook copy, a class directory, a victim, the teacher's
/// hidden checks, a listener and a marker unique to this test.
struct World {
    teacher: tempfile::TempDir,
    class: tempfile::TempDir,
    /// Unique to this test: in every process a cheat starts (`sleep <marker>`), every file it
    /// writes, and the secrets planted in the victim and the hidden checks.
    marker: String,
    listener: Listener,
    /// At `/tmp/<marker>.sock`.
    unix: UnixHeard,
    victim: PathBuf,
    hidden: PathBuf,
    victim_secret: String,
    hidden_secret: String,
    reports: std::cell::Cell<usize>,
}

impl World {
    fn new() -> World {
        let teacher = copy_workbook();
        let class = tempfile::tempdir().unwrap();
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let marker = format!("4711.{}{:09}", std::process::id(), nanos % 1_000_000_000);
        let victim_secret = format!("victim-secret-{marker}");
        let hidden_secret = format!("hidden-secret-{marker}");
        // The victim: every exercise solved, and a line no one else may read.
        let victim = class.path().join("victim");
        copy_tree(&repo().join("solutions"), &victim.join("exercises"));
        let threads2 = victim.join(exercise_path("threads2"));
        // First: a report may keep only the first lines of what a cheat prints.
        let code = fs::read_to_string(&threads2).unwrap();
        fs::write(&threads2, format!("// {victim_secret}\n{code}")).unwrap();
        // The teacher's hidden checks: one more (passing) threads1 test, and a secret.
        let hidden = class.path().join("hidden");
        fs::create_dir_all(hidden.join("threads1")).unwrap();
        fs::write(
            hidden.join("threads1/test.rs"),
            format!(
                "// {hidden_secret}\nuse super::*;\n#[test]\nfn hidden_empty_log() {{\n    \
                 assert_eq!(count_errors(Vec::new(), |l| l.starts_with(\"ERROR\")), 0);\n}}\n"
            ),
        )
        .unwrap();
        let unix = UnixHeard::start(PathBuf::from(format!("/tmp/{marker}.sock")));
        World {
            teacher,
            class,
            marker,
            listener: Listener::start(),
            unix,
            victim,
            hidden,
            victim_secret,
            hidden_secret,
            reports: std::cell::Cell::new(0),
        }
    }

    /// `tests/hostile/<name>.rs` with this world's values filled in.
    fn cheat(&self, name: &str) -> Cheat {
        let file = repo().join("tests/hostile").join(format!("{name}.rs"));
        let code = fs::read_to_string(&file).unwrap();
        let exercise = code
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("// exercise: "))
            .unwrap_or_else(|| panic!("{}: no `// exercise:` first line", file.display()))
            .trim()
            .to_string();
        let code = code
            .replace("@PORT@", &self.listener.port.to_string())
            .replace("@MARKER@", &self.marker)
            .replace("@TEACHER@", &self.teacher.path().display().to_string())
            .replace("@TARGET@", &shared_target().display().to_string())
            .replace("@VICTIM@", &self.victim.display().to_string())
            .replace("@HIDDEN@", &self.hidden.display().to_string());
        Cheat {
            name: name.to_string(),
            exercise,
            code,
        }
    }

    /// A cheater's submission: the shipped exercises with the cheat in place of its exercise.
    fn cheater(&self, cheat: &Cheat) -> PathBuf {
        let dir = self.class.path().join(&cheat.name);
        copy_tree(&repo().join("exercises"), &dir.join("exercises"));
        fs::write(dir.join(exercise_path(&cheat.exercise)), &cheat.code).unwrap();
        dir
    }

    /// Grades `subs` with the teacher's copy; the JSON and text reports.
    fn grade(
        &self,
        only: &str,
        extra: &[&str],
        subs: &[&Path],
        limit: Duration,
    ) -> (Finished, Value, String) {
        let n = self.reports.get();
        self.reports.set(n + 1);
        let json = self.class.path().join(format!("report-{n}.json"));
        let txt = self.class.path().join(format!("report-{n}.txt"));
        let mut args: Vec<String> = [
            // --no-cache: every class grades the victim afresh, beside the hostile
            // submissions, never from the verdict its baseline left in the cache.
            "grade",
            "--no-cache",
            "--only",
            only,
            "--jobs",
            "2",
            "--format",
            "json",
            "-o",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(json.display().to_string());
        args.push("--report".into());
        args.push(format!("text:{}", txt.display()));
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(subs.iter().map(|p| p.display().to_string()));
        let done = workbook(self.teacher.path(), &args, limit);
        let report = fs::read_to_string(&json)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let table = fs::read_to_string(&txt).unwrap_or_default();
        (done, report, table)
    }

    /// Everything a cheat must leave alone, as it is now.
    fn watch(&self, also: &[&Path]) -> Watched {
        // The grader's scratch space (`target/`) and, in a learner's workbook, its progress
        // file are the grader's to write; a submission and the hidden checks are nobody's.
        const SCRATCH: &[&str] = &["target", ".workbook-state.toml"];
        let mut dirs: Vec<(PathBuf, &'static [&'static str])> = vec![
            (self.teacher.path().to_path_buf(), &["target"]),
            (self.victim.clone(), &[]),
            (self.hidden.clone(), &[]),
        ];
        for dir in also {
            let learner = dir.join("info.toml").exists();
            dirs.push((dir.to_path_buf(), if learner { SCRATCH } else { &[] }));
        }
        Watched {
            dirs: dirs
                .into_iter()
                .map(|(d, skip)| {
                    let snap = snapshot(&d, skip);
                    (d, skip, snap)
                })
                .collect(),
        }
    }

    /// Files a cheat may have written outside every scratch directory (then removed).
    fn stray_files(&self) -> Vec<String> {
        let name = format!("hostile-{}", self.marker);
        let target = shared_target();
        let mut out = Vec::new();
        for dir in [
            PathBuf::from("/tmp"),
            target.clone(),
            target.join("debug"),
            target.join("debug/deps"),
        ] {
            let path = dir.join(&name);
            if path.exists() {
                out.push(format!("a submission wrote {}", path.display()));
                let _ = fs::remove_file(&path);
            }
        }
        out
    }

    /// Processes still running with this world's marker in their command line (then killed).
    fn leftovers(&self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let found = marked_processes(&self.marker);
            if found.is_empty() {
                return Vec::new();
            }
            if Instant::now() > deadline {
                for (pid, _) in &found {
                    // SAFETY: plain system call on a process this test's cheat started.
                    unsafe {
                        libc::kill(*pid, libc::SIGKILL);
                    }
                }
                return found
                    .into_iter()
                    .map(|(pid, cmd)| format!("process {pid} `{cmd}` was left running"))
                    .collect();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The paths no student-facing text may hold: the grader's, not the student's.
    fn grader_paths(&self) -> Vec<String> {
        let mut paths = vec![
            self.teacher.path().display().to_string(),
            shared_target().display().to_string(),
            repo().display().to_string(),
        ];
        if let Ok(real) = self.teacher.path().canonicalize() {
            paths.push(real.display().to_string());
        }
        paths.dedup();
        paths
    }

    /// Every outcome a cheat graded together with the victim must have.
    fn judge_class(
        &self,
        cheats: &[Cheat],
        graded: &(Finished, Value, String),
        baseline: &Value,
        watched: &Watched,
        limit: Duration,
    ) -> Vec<String> {
        let (done, report, table) = graded;
        let mut problems = done.problems(limit, &[0]);
        if done.elapsed > limit {
            problems.push(format!("grading took {:?} (limit {limit:?})", done.elapsed));
        }
        let subs: BTreeMap<String, &Value> = report["submissions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| (s["submission"].as_str().unwrap_or("").to_string(), s))
                    .collect()
            })
            .unwrap_or_default();
        for cheat in cheats {
            let Some(sub) = subs.get(&cheat.name) else {
                problems.push(format!(
                    "{}: no report (grading did not finish)",
                    cheat.name
                ));
                continue;
            };
            for e in sub["exercises"].as_array().into_iter().flatten() {
                let (name, verdict, points) = (
                    e["name"].as_str().unwrap_or(""),
                    e["verdict"].as_str().unwrap_or(""),
                    e["points"].as_u64().unwrap_or(0),
                );
                if name == cheat.exercise && verdict == "pass" {
                    problems.push(format!("{}: {name} passed", cheat.name));
                }
                if points > 0 {
                    problems.push(format!(
                        "{}: {name} earned {points} point(s) ({verdict}) with nothing solved",
                        cheat.name
                    ));
                }
            }
            let shown = sub.to_string();
            for (secret, whose) in [
                (&self.victim_secret, "another student's file"),
                (&self.hidden_secret, "the teacher's hidden checks"),
                (
                    &GRADER_TOKEN.to_string(),
                    "a secret of the grader's environment",
                ),
            ] {
                if shown.contains(secret.as_str()) {
                    problems.push(format!("{}: its report holds {whose}", cheat.name));
                }
            }
        }
        match subs.get("victim") {
            None => problems.push("victim: no report".into()),
            Some(victim) => {
                let alone = &baseline["submissions"][0];
                if without_durations((*victim).clone()) != without_durations(alone.clone()) {
                    problems.push(format!(
                        "victim: its report differs from grading it alone: {} instead of {}",
                        verdict_list(victim),
                        verdict_list(alone)
                    ));
                }
            }
        }
        problems.extend(no_grader_paths(
            &self.grader_paths(),
            &[("JSON report", &report.to_string()), ("text report", table)],
        ));
        problems.extend(watched.changes());
        problems.extend(self.stray_files());
        problems.extend(self.leftovers());
        problems.extend(self.listener.heard());
        problems.extend(self.unix.heard());
        problems
    }

    /// Grades the victim alone: what it must get in every class.
    fn baseline(&self, only: &str, extra: &[&str]) -> Value {
        let (done, report, table) = self.grade(only, extra, &[&self.victim], GRADE_LIMIT);
        assert!(
            done.problems(GRADE_LIMIT, &[0]).is_empty(),
            "grading the victim alone: {:?}",
            done.problems(GRADE_LIMIT, &[0])
        );
        let points: u64 = only.split(',').map(exercise_points).sum();
        assert_eq!(
            report["submissions"][0]["score"].as_u64(),
            Some(points),
            "the victim (every exercise solved) must earn full points alone: {table}"
        );
        report
    }

    /// `workbook run` of each cheat in a learner's workbook of its own: one line per broken
    /// outcome.
    fn judge_runs(&self, cheats: &[Cheat], limit: Duration) -> Vec<String> {
        self.judge_runs_in(cheats, limit, false)
    }

    /// `judge_runs` in workbooks whose catalogue allows every gate rule for each cheat's
    /// exercise (the sandbox alone must hold).
    fn judge_runs_allowing(&self, cheats: &[Cheat], limit: Duration) -> Vec<String> {
        self.judge_runs_in(cheats, limit, true)
    }

    fn judge_runs_in(&self, cheats: &[Cheat], limit: Duration, allow: bool) -> Vec<String> {
        let mut problems = Vec::new();
        for cheat in cheats {
            let learner = copy_workbook();
            if allow {
                allow_everything(learner.path(), &cheat.exercise);
            }
            fs::write(
                learner.path().join(exercise_path(&cheat.exercise)),
                &cheat.code,
            )
            .unwrap();
            let watched = self.watch(&[learner.path()]);
            let args = vec!["run".to_string(), cheat.exercise.clone()];
            let done = workbook(learner.path(), &args, limit);
            let mut mine = done.problems(limit, &[0, 1]);
            if done.code == Some(0) || done.stdout.contains("Solution, to compare") {
                mine.push("passed".into());
            }
            for (secret, whose) in [
                (&self.victim_secret, "another student's file"),
                (&self.hidden_secret, "the teacher's hidden checks"),
                (
                    &GRADER_TOKEN.to_string(),
                    "a secret of the grader's environment",
                ),
            ] {
                if done.stdout.contains(secret.as_str()) {
                    mine.push(format!("its feedback holds {whose}"));
                }
            }
            let scratch = vec![
                learner.path().join("target").display().to_string(),
                shared_target().display().to_string(),
                self.teacher.path().display().to_string(),
            ];
            mine.extend(no_grader_paths(&scratch, &[("feedback", &done.stdout)]));
            mine.extend(watched.changes());
            mine.extend(self.stray_files());
            mine.extend(self.leftovers());
            mine.extend(self.listener.heard());
            mine.extend(self.unix.heard());
            problems.extend(
                mine.into_iter()
                    .map(|p| format!("run {} ({}): {p}", cheat.name, cheat.exercise)),
            );
        }
        problems
    }
}

/// Snapshots of every directory a cheat must leave alone.
struct Watched {
    /// Each directory, the top-level names that are the grader's to write, and its files.
    dirs: Vec<(PathBuf, &'static [&'static str], Snapshot)>,
}

impl Watched {
    fn changes(&self) -> Vec<String> {
        self.dirs
            .iter()
            .flat_map(|(dir, skip, before)| changes(before, &snapshot(dir, skip)))
            .collect()
    }
}

/// Gives `exercise` of the workbook at `root` an `allow` of every gate rule.
fn allow_everything(root: &Path, exercise: &str) {
    let info = root.join("info.toml");
    let text = fs::read_to_string(&info).unwrap();
    let anchor = format!("name = \"{exercise}\"\n");
    assert!(text.contains(&anchor), "{exercise} not in info.toml");
    let allowed = text.replacen(&anchor, &format!("{anchor}allow = {ALL_RULES}\n"), 1);
    fs::write(info, allowed).unwrap();
}

/// `pid` and command line of every process whose command line holds `marker`.
fn marked_processes(marker: &str) -> Vec<(i32, String)> {
    let mut found = Vec::new();
    for entry in fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(cmdline) = fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = text(&cmdline).replace('\0', " ");
        if cmdline.contains(marker) {
            found.push((pid, cmdline.trim().to_string()));
        }
    }
    found
}

/// A line for each text that holds one of `paths`, with the text around it.
fn no_grader_paths(paths: &[String], texts: &[(&str, &str)]) -> Vec<String> {
    let mut paths: Vec<&String> = paths.iter().collect();
    // Longest first: a path inside another is one leak, named by the longer.
    paths.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut out = Vec::new();
    for (what, text) in texts {
        let found = paths
            .iter()
            .find_map(|p| text.find(p.as_str()).map(|at| (p, at)));
        if let Some((path, at)) = found {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(60)
                .map_or(0, |(i, _)| i);
            let to = (at + path.len() + 60).min(text.len());
            let to = (to..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap();
            out.push(format!(
                "the {what} holds the grader path {path}: ...{}...",
                &text[from..to]
            ));
        }
    }
    out
}

/// `exercise=verdict/points, ...` of one submission's report.
fn verdict_list(sub: &Value) -> String {
    sub["exercises"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| format!("{}={}/{}", e["name"], e["verdict"], e["points"]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Grades every cheat of a class in one run beside the victim, then runs each through
/// `workbook run`, and fails with every broken outcome.
fn class(test: &str, names: &[&str], only: &str, extra: &[&str], limit: Duration) {
    class_in(test, names, only, extra, limit, false)
}

/// `class` for cheats only a sandbox can stop: skipped, with a note, where there is none.
fn class_needing_sandbox(test: &str, names: &[&str], only: &str, limit: Duration) {
    if let Some(why) = sandbox_unavailable() {
        skip_note(test, &why);
        return;
    }
    class_in(test, names, only, &[], limit, true)
}

fn class_in(
    test: &str,
    names: &[&str],
    only: &str,
    extra: &[&str],
    limit: Duration,
    needs_sandbox: bool,
) {
    let world = World::new();
    let baseline = world.baseline(only, extra);
    let cheats: Vec<Cheat> = names.iter().map(|n| world.cheat(n)).collect();
    let mut subs: Vec<PathBuf> = cheats.iter().map(|c| world.cheater(c)).collect();
    subs.push(world.victim.clone());
    let sub_refs: Vec<&Path> = subs.iter().map(PathBuf::as_path).collect();
    let watched = world.watch(&sub_refs[..sub_refs.len() - 1]);
    let graded = world.grade(only, extra, &sub_refs, limit);
    if std::env::var_os("SHOW_REPORT").is_some() {
        eprintln!("{}", graded.2);
    }
    if needs_sandbox && let Some(why) = report_without_sandbox(&graded.1) {
        skip_note(test, &why);
        return;
    }
    let mut problems = world.judge_class(&cheats, &graded, &baseline, &watched, limit);
    problems.extend(world.judge_runs(&cheats, limit));
    assert!(
        problems.is_empty(),
        "{test}: {} broken outcome(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// `process::exit(0)` wherever the checks reach it: the function under test, a spawned
/// thread, a `Drop` during unwinding, a panic hook, a thread-local destructor, a watchdog
/// thread, and inside a loom model.
#[test]
fn early_exit_earns_nothing() {
    class(
        "early_exit_earns_nothing",
        &[
            "exit_in_function",
            "exit_in_thread",
            "exit_in_drop",
            "exit_panic_hook",
            "exit_thread_local",
            "exit_watchdog",
            "exit_in_loom_model",
        ],
        "threads1,threads2,mutex_counter",
        &[],
        GRADE_LIMIT,
    );
}

/// Code that runs outside the checks' control: a constructor before main, a replaced libc
/// `exit`, a learner `#[test]` relaying a fake report, answers keyed on the test thread's
/// name. In `grade` none may reach the cheater's other exercise (threads2, unsolved).
#[test]
fn code_outside_the_checks_earns_nothing() {
    class(
        "code_outside_the_checks_earns_nothing",
        &[
            "outside_init_array",
            "outside_no_mangle_exit",
            "outside_reexec_test",
            "outside_thread_name",
        ],
        "threads1,threads2",
        &[],
        GRADE_LIMIT,
    );
}

/// Forged evidence: the runner's nonce read out of the process's own memory (through
/// `/proc/self/mem`, no `unsafe` needed) or stolen from its own stdout reopened for reading,
/// a pass printed with it for every check, then the real results silenced (stdout closed
/// with `unsafe`, an exit through `process` renamed past a glob re-export, or the runner's
/// `FAILED` lines stolen too).
#[test]
fn forged_evidence_earns_nothing() {
    class(
        "forged_evidence_earns_nothing",
        &[
            "forge_nonce_from_memory",
            "forge_nonce_reexported_exit",
            "forge_nonce_stolen_stdout",
        ],
        "threads1,threads2",
        &[],
        GRADE_LIMIT,
    );
}

/// Checks made vacuous through the names they use: an always-equal return type, a learner
/// `thread` module, learner `Sync`/`std::thread::spawn` with the expected error texts, a type
/// that is `Send` only where the compile cases look; and a loom exercise's outcome forged with
/// `WORKBOOK-PANIC` markers of a guessed nonce and panics the learner's code catches itself
/// (inside the model, where the runner holds a panic until the check ends).
#[test]
fn vacuous_checks_earn_nothing() {
    class(
        "vacuous_checks_earn_nothing",
        &[
            "vacuous_partial_eq",
            "vacuous_mod_thread",
            "vacuous_sync_trait",
            "vacuous_cfg_test_send",
            "forge_panic_marker",
        ],
        "threads1,atomic_counter,not_send,rc_vs_arc",
        &[],
        GRADE_LIMIT,
    );
}

/// A loom exercise's Relaxed flag kept on real threads (where x86 never shows the reordering)
/// and Release/Acquire used only while model-checked, the two runs told apart by a clock
/// nothing names (a file's modification time around a `thread::sleep`, which returns at once
/// in a model, or a trait the model checker's `JoinHandle` had and std's has not); and every
/// core burnt beside the victim, whose verdicts must not change.
#[test]
fn probes_and_load_earn_nothing() {
    class(
        "probes_and_load_earn_nothing",
        &[
            "probe_file_clock",
            "probe_unwind_safe_join_handle",
            "hang_burn_every_core",
        ],
        "threads1,threads2,relaxed_flag",
        &[],
        GRADE_LIMIT,
    );
}

/// Writing the grader's checks and build directory, reading another submission, connecting
/// to the network or to a Unix socket: only a sandbox can stop plain `std::fs`, `std::net`
/// and `std::os::unix::net` calls.
#[test]
fn file_and_network_cheats_harm_nobody() {
    class_needing_sandbox(
        "file_and_network_cheats_harm_nobody",
        // The rewrite last: graded earlier, its free check would hide the others' outcomes.
        &[
            "net_connect",
            "net_unix_socket",
            "read_other_submission",
            "rewrite_checks",
        ],
        "threads1,threads2",
        GRADE_LIMIT,
    );
}

/// Writing into trybuild's builds (a cargo config every case build would read, the `.stderr`
/// files the compile-fail check reads): only a sandbox stops plain `std::fs` calls, and the
/// check's trybuild run ends before any of the learner's code runs.
#[test]
fn trybuild_rewrites_harm_nobody() {
    /// Removes what the cheat would have planted, even if an assertion fails first: a cargo
    /// config left in the shared target would break every later compile-fail check.
    struct Planted(Vec<PathBuf>);
    impl Drop for Planted {
        fn drop(&mut self) {
            for dir in &self.0 {
                let _ = fs::remove_dir_all(dir);
            }
        }
    }
    let target = shared_target();
    let planted = Planted(vec![
        target.join("tests/trybuild/.cargo"),
        target.join("tests/.cargo"),
    ]);
    class_needing_sandbox(
        "trybuild_rewrites_harm_nobody",
        &["rewrite_trybuild"],
        "not_send",
        GRADE_LIMIT,
    );
    let left: Vec<String> = planted
        .0
        .iter()
        .filter(|d| d.exists())
        .map(|d| d.display().to_string())
        .collect();
    assert!(left.is_empty(), "a submission wrote {left:?}");
}

/// A `setsid sleep` that outlives its check and holds the output pipes, and a kill of the
/// grader: grading returns promptly, complete, and leaves no process.
#[test]
fn hangs_and_kills_do_not_stop_the_grader() {
    class(
        "hangs_and_kills_do_not_stop_the_grader",
        &["hang_setsid_sleep", "hang_kill_parent"],
        "threads1,threads2",
        &[],
        HANG_LIMIT,
    );
}

/// Compile-time reads of another submission and of the teacher's hidden checks, and feedback
/// that names where the code runs or its whole environment: no other text, no grader path and
/// no secret of the grader's environment reaches the student.
#[test]
fn compile_time_reads_and_grader_paths_leak_nothing() {
    let world = World::new();
    let hidden = world.hidden.display().to_string();
    let extra = ["--checks", hidden.as_str()];
    let only = "threads1,threads2";
    let baseline = world.baseline(only, &extra);
    let cheats: Vec<Cheat> = [
        "compile_include_submission",
        "compile_error_checks",
        "paths_in_feedback",
        "paths_in_environment",
    ]
    .iter()
    .map(|n| world.cheat(n))
    .collect();
    let mut subs: Vec<PathBuf> = cheats.iter().map(|c| world.cheater(c)).collect();
    subs.push(world.victim.clone());
    let sub_refs: Vec<&Path> = subs.iter().map(PathBuf::as_path).collect();
    let watched = world.watch(&sub_refs[..sub_refs.len() - 1]);
    let graded = world.grade(only, &extra, &sub_refs, GRADE_LIMIT);
    let mut problems = world.judge_class(&cheats, &graded, &baseline, &watched, GRADE_LIMIT);
    problems.extend(no_grader_paths(
        &world.grader_paths(),
        &[("victim's alone report", &baseline.to_string())],
    ));
    problems.extend(world.judge_runs(&cheats, GRADE_LIMIT));
    assert!(
        problems.is_empty(),
        "compile_time_reads_and_grader_paths_leak_nothing: {} broken outcome(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The sandbox alone: the teacher's catalogue allows every gate rule for threads1, so the
/// file, network, process and exit cheats are built and run, and only the sandbox (and the
/// runner's evidence) stand between them and the class.
#[test]
fn the_sandbox_alone_holds_when_the_gate_allows_everything() {
    let test = "the_sandbox_alone_holds_when_the_gate_allows_everything";
    if let Some(why) = sandbox_unavailable() {
        skip_note(test, &why);
        return;
    }
    let world = World::new();
    allow_everything(world.teacher.path(), "threads1");
    let only = "threads1,threads2";
    let baseline = world.baseline(only, &[]);
    let cheats: Vec<Cheat> = [
        // The rewrite and the kill last: earlier, they would hide the others' outcomes.
        "net_connect",
        "read_other_submission",
        "hang_setsid_sleep",
        "exit_in_function",
        "outside_init_array",
        "forge_nonce_from_memory",
        "forge_nonce_reexported_exit",
        "forge_nonce_stolen_stdout",
        "rewrite_checks",
        "hang_kill_parent",
    ]
    .iter()
    .map(|n| world.cheat(n))
    .collect();
    let mut subs: Vec<PathBuf> = cheats.iter().map(|c| world.cheater(c)).collect();
    subs.push(world.victim.clone());
    let sub_refs: Vec<&Path> = subs.iter().map(PathBuf::as_path).collect();
    let watched = world.watch(&sub_refs[..sub_refs.len() - 1]);
    let graded = world.grade(only, &[], &sub_refs, HANG_LIMIT);
    if let Some(why) = report_without_sandbox(&graded.1) {
        skip_note(test, &why);
        return;
    }
    let mut modes = Vec::new();
    sandbox_modes(&graded.1, &mut modes);
    let mut problems = world.judge_class(&cheats, &graded, &baseline, &watched, HANG_LIMIT);
    if modes.is_empty() {
        problems.push("the report does not say which sandbox ran (\"sandbox\": ...)".into());
    }
    // `workbook run` in a learner's workbook with the same allowances.
    let runs: Vec<Cheat> = cheats
        .into_iter()
        .filter(|c| c.exercise == "threads1")
        .collect();
    problems.extend(world.judge_runs_allowing(&runs, HANG_LIMIT));
    assert!(
        problems.is_empty(),
        "{test}: {} broken outcome(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

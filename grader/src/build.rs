//! Compiling exercise targets: one cargo invocation per check, all needed targets at once
//! (one build per save: building two artifacts per save costs twice one build, and cargo's own
//! overhead is small next to rustc's, ~10 ms). Every
//! target is a plain bin built by `cargo build`: none is a test build.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Deserialize;
use wait_timeout::ChildExt;

use crate::harness::Harness;
use crate::process::{self, Exit, Limits};

/// How many compiler errors a learner sees: the first ones are the ones to fix.
pub const MAX_ERRORS_SHOWN: usize = 3;

#[derive(Debug)]
pub enum Build {
    /// Every target compiled: bin name -> executable.
    Built(HashMap<String, PathBuf>),
    /// rustc rejected the code: the errors (deduplicated), in the order rustc gave them, and
    /// the targets that compiled all the same.
    Rejected {
        errors: Vec<CompileError>,
        failed_targets: Vec<String>,
        built: HashMap<String, PathBuf>,
    },
    /// The build did not finish in time.
    TimedOut { seconds: f64 },
    /// cargo itself failed (no rustc error to show): its message.
    Failed(String),
}

/// One compiler error: as rustc rendered it (with ANSI colours), and the files its primary
/// spans point into (to tell which exercise of a many-exercise crate it belongs to), and the
/// target whose build reported it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub rendered: String,
    pub files: Vec<PathBuf>,
    pub target: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    target: Option<Target>,
    #[serde(default)]
    executable: Option<PathBuf>,
    #[serde(default)]
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    message: String,
    rendered: Option<String>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: PathBuf,
    is_primary: bool,
}

/// Builds the executables of `bins` in `harness`.
pub fn build(harness: &Harness, bins: &[String], timeout: Duration) -> Result<Build> {
    build_streaming(harness, bins, timeout, &mut |_, _| {})
}

/// `build`, calling `built(bin, executable)` as soon as each bin of `bins` is built, while
/// cargo may still be building the others (a check can start on it: `Checker::check`).
/// Once every bin is built and no error was reported, the build's result is known: it
/// returns then, without waiting for cargo's own bookkeeping after the last rustc (measured
/// ~10-25 ms of every save); cargo writes a unit's fingerprint before it reports the unit's
/// artifact, so nothing the next build needs is lost if cargo is stopped after that.
pub fn build_streaming(
    harness: &Harness,
    bins: &[String],
    timeout: Duration,
    built: &mut dyn FnMut(&str, &Path),
) -> Result<Build> {
    let start = Instant::now();
    match build_once(harness, bins, timeout, built, true)? {
        // Offline, cargo could not get something it needed (a fresh clone's first build of
        // loom's crates before the warm-up fetched them): once more as cargo is configured.
        Build::Failed(message) => {
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return Ok(Build::Failed(message));
            }
            build_once(harness, bins, left, built, false)
        }
        result => Ok(result),
    }
}

/// One cargo build. `offline`: without the network, and without reading the system's TLS
/// certificates, which cargo loads at every start even when it never connects (measured:
/// 4-5 ms of CPU and wall time of each save's cargo, of its ~25 ms no-op run).
fn build_once(
    harness: &Harness,
    bins: &[String],
    timeout: Duration,
    built: &mut dyn FnMut(&str, &Path),
    offline: bool,
) -> Result<Build> {
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--message-format=json-diagnostic-rendered-ansi",
        "--quiet",
        // Build every target that compiles, even when another does not (a loom-only compile
        // error still shows the std lints; a compile_pass case that does not compile is that
        // case's failure, not the exercise's).
        "--keep-going",
    ]);
    for bin in bins {
        cmd.args(["--bin", &harness.target_name(bin)]);
    }
    // Only builds that need loom or trybuild enable them, in the shared target directory; the
    // rest build in a directory of their own, never waiting for a build of those crates.
    // Each checker's crates only for the targets that link them (`Harness::feature_of`).
    let mut features: Vec<&str> = bins.iter().filter_map(|b| Harness::feature_of(b)).collect();
    features.sort_unstable();
    features.dedup();
    let target_dir = if features.is_empty() {
        harness.std_target_dir()
    } else {
        cmd.args(["--features", &features.join(",")]);
        harness.target_dir.clone()
    };
    // Results are keyed by the bin's own name, not the package-unique target name.
    let bin_of = |target: String| {
        harness
            .bin_of_target(&target)
            .map(str::to_string)
            .unwrap_or(target)
    };
    cmd.arg("--manifest-path")
        .arg(harness.dir.join("Cargo.toml"));
    cmd.current_dir(&harness.dir);
    scrub_env(&mut cmd, &target_dir);
    if offline {
        cmd.env("CARGO_NET_OFFLINE", "true");
        cmd.env("SSL_CERT_FILE", NO_CERTIFICATES);
    }
    let mut cargo = Cargo::start(cmd, timeout)?;
    let mut executables = HashMap::new();
    let mut errors: Vec<CompileError> = Vec::new();
    let mut failed_targets = Vec::new();
    while let Some(line) = cargo.next_line() {
        let Ok(msg) = serde_json::from_str::<Message>(&line) else {
            continue;
        };
        match msg.reason.as_str() {
            "compiler-artifact" => {
                if let (Some(t), Some(exe)) = (msg.target, msg.executable) {
                    let bin = bin_of(t.name);
                    if bins.contains(&bin) && !executables.contains_key(&bin) {
                        built(&bin, &exe);
                    }
                    executables.insert(bin, exe);
                }
                if errors.is_empty() && bins.iter().all(|b| executables.contains_key(b)) {
                    cargo.detach();
                    return Ok(Build::Built(executables));
                }
            }
            "compiler-message" => {
                let Some(d) = msg.message else { continue };
                if d.level != "error" || d.message.starts_with("aborting due to") {
                    continue;
                }
                let target = msg.target.map(|t| bin_of(t.name));
                if let Some(t) = &target
                    && !failed_targets.contains(t)
                {
                    failed_targets.push(t.clone());
                }
                let files = d
                    .spans
                    .into_iter()
                    .filter(|s| s.is_primary)
                    .map(|s| s.file_name)
                    .collect();
                let rendered = d.rendered.unwrap_or(d.message);
                if !errors.iter().any(|e| e.rendered == rendered) {
                    errors.push(CompileError {
                        rendered,
                        files,
                        target,
                    });
                }
            }
            _ => {}
        }
    }
    let out = cargo.finish()?;
    if out.exit == Exit::TimedOut {
        return Ok(Build::TimedOut {
            seconds: timeout.as_secs_f64(),
        });
    }
    if !errors.is_empty() {
        return Ok(Build::Rejected {
            errors,
            failed_targets,
            built: executables,
        });
    }
    if !out.success() || bins.iter().any(|b| !executables.contains_key(b)) {
        let text = out.stderr.trim();
        let text = if text.is_empty() {
            "cargo failed without saying why"
        } else {
            text
        };
        return Ok(Build::Failed(
            text.lines().take(20).collect::<Vec<_>>().join("\n"),
        ));
    }
    Ok(Build::Built(executables))
}

/// An empty certificate bundle: an offline cargo needs none.
const NO_CERTIFICATES: &str = "/dev/null";

/// Bytes of cargo's JSON messages kept: the rest is read and dropped.
const CARGO_OUTPUT_BYTES: usize = 8 * 1024 * 1024;

/// A cargo build whose messages are read as they come, under a wall-clock limit.
struct Cargo {
    child: Child,
    lines: mpsc::Receiver<String>,
    stderr: Option<thread::JoinHandle<String>>,
    deadline: Instant,
    timed_out: bool,
}

/// How cargo's build ended.
struct Ended {
    exit: Exit,
    stderr: String,
}

impl Ended {
    fn success(&self) -> bool {
        self.exit == Exit::Code(0)
    }
}

impl Cargo {
    fn start(mut cmd: Command, timeout: Duration) -> Result<Cargo> {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Its own process group (a timeout kills every rustc too), and it dies with the grader.
        process::isolate(&mut cmd, Limits::with_timeout(timeout));
        let mut child = cmd.spawn().context("cannot start cargo")?;
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            let mut kept = 0usize;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                kept += line.len();
                if kept > CARGO_OUTPUT_BYTES {
                    continue;
                }
                if tx.send(line).is_err() {
                    // Detached: read on to the end, so that cargo never blocks on a full pipe.
                    kept = CARGO_OUTPUT_BYTES + 1;
                }
            }
        });
        let stderr = thread::spawn(move || {
            let mut text = Vec::new();
            let _ = (&mut stderr)
                .take(CARGO_OUTPUT_BYTES as u64)
                .read_to_end(&mut text);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            String::from_utf8_lossy(&text).into_owned()
        });
        Ok(Cargo {
            child,
            lines,
            stderr: Some(stderr),
            deadline: Instant::now() + timeout,
            timed_out: false,
        })
    }

    /// The next line cargo printed; None at the end of its output or at the time limit.
    fn next_line(&mut self) -> Option<String> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(left) {
            Ok(line) => Some(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => None,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.timed_out = true;
                None
            }
        }
    }

    /// Waits for cargo's exit (killing it at the time limit), with what it said on stderr.
    fn finish(mut self) -> Result<Ended> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        let status = if self.timed_out {
            None
        } else {
            self.child.wait_timeout(left).context("waiting for cargo")?
        };
        let exit = match status {
            Some(status) => process::exit_of(status),
            None => {
                process::kill_group(&mut self.child);
                let _ = self.child.wait();
                Exit::TimedOut
            }
        };
        let stderr = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        Ok(Ended { exit, stderr })
    }

    /// Lets cargo end on its own: a thread reaps it (and reads its output to the end).
    fn detach(self) {
        let Cargo {
            mut child, stderr, ..
        } = self;
        thread::spawn(move || {
            let _ = child.wait();
            if let Some(h) = stderr {
                let _ = h.join();
            }
        });
    }
}

/// The cargo that runs us (`cargo workbook ...` sets `CARGO`), else the one on PATH.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cargo"))
}

/// The same build whatever the caller's environment: flags and target dirs set by the
/// learner's shell (or by the cargo that runs the grader) must not change how exercises
/// compile, nor make every run rebuild.
pub fn scrub_env(cmd: &mut Command, target_dir: &Path) {
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_MANIFEST_DIR",
        "CARGO_PKG_NAME",
        "CARGO_BUILD_TARGET_DIR",
        "CARGO_INCREMENTAL",
        "CARGO_PROFILE_DEV_DEBUG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("CARGO_TARGET_DIR", target_dir);
    cmd.env("CARGO_TERM_COLOR", "always");
}

#[cfg(test)]
mod tests {
    use crate::harness::{
        COMBINED_BIN, COMBINED_LOOM_BIN, DEPS_FEATURE, Harness, LOOM_DEPS_BIN, LOOM_FEATURE,
        TRYBUILD_BIN, TRYBUILD_CARGO_BIN, TRYBUILD_FEATURE,
    };

    /// loom, trybuild and the loom shim are optional, each checker's enabled by a feature of
    /// its own that exactly the targets needing it require: a std-only build never compiles
    /// them, a loom build never compiles trybuild's, nor a compile-fail build loom's.
    #[test]
    fn each_target_needs_only_its_own_checkers_crates() {
        let scratch = tempfile::tempdir().unwrap();
        let harness = Harness::new(scratch.path(), "t", &scratch.path().join("checks"));
        harness.prepare(&[]).unwrap();
        let text = std::fs::read_to_string(harness.dir.join("Cargo.toml")).unwrap();
        let manifest: toml::Table = text.parse().unwrap();
        let deps = manifest["dependencies"].as_table().unwrap();
        assert!(
            deps.contains_key("loom") && deps.contains_key("trybuild"),
            "{text}"
        );
        // Every dependency but the runner's crate, which every target links (the loom shim's
        // crate depends on loom: it is one of loom's crates).
        // The runtime's packages, under their crates' names (their libraries' are hashed:
        // `runtime.rs`).
        assert!(deps.contains_key("workbook_rt") && deps.contains_key("workbook_loom_std"));
        assert_eq!(deps["workbook_rt"]["package"].as_str(), Some("workbook-rt"));
        assert_eq!(
            deps["workbook_loom_std"]["package"].as_str(),
            Some("workbook-loom-std")
        );
        for (name, dep) in deps {
            let optional = dep.get("optional").and_then(|o| o.as_bool()) == Some(true);
            assert_eq!(optional, name != "workbook_rt", "{text}");
        }
        let enables = |feature: &str| -> Vec<String> {
            manifest["features"][feature]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(enables(LOOM_FEATURE), ["dep:workbook_loom_std", "dep:loom"]);
        assert_eq!(enables(TRYBUILD_FEATURE), ["dep:trybuild"]);
        assert_eq!(enables(DEPS_FEATURE), [LOOM_FEATURE, TRYBUILD_FEATURE]);
        let bins = manifest["bin"].as_array().unwrap();
        let required = |bin: &str| {
            let target = bins
                .iter()
                .find(|b| b["name"].as_str() == Some(&harness.target_name(bin)))
                .unwrap();
            target["required-features"].as_array().unwrap()[0]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(required(TRYBUILD_BIN), TRYBUILD_FEATURE);
        // trybuild's cargo is built with the driver, beside it.
        assert_eq!(required(TRYBUILD_CARGO_BIN), TRYBUILD_FEATURE);
        assert_eq!(required(LOOM_DEPS_BIN), LOOM_FEATURE);
        assert_eq!(Harness::feature_of(COMBINED_LOOM_BIN), Some(LOOM_FEATURE));
        assert_eq!(
            Harness::feature_of("bank_transfer__loom"),
            Some(LOOM_FEATURE)
        );
        assert!(!Harness::needs_deps("bank_transfer") && !Harness::needs_deps(COMBINED_BIN));
        assert!(!Harness::needs_deps("not_send__pass__still_usable"));
        assert_ne!(harness.std_target_dir(), harness.target_dir);
        assert!(harness.std_target_dir().starts_with(&harness.target_dir));
    }
}

//! The sandbox every process that runs student code goes through (`process::run` applies it
//! through `Limits::sandbox`): what a check may touch, and that nothing it starts outlives it.
//!
//! Per check run, on Linux:
//! - **File system** (Landlock): read and execute the system (`/usr`, `/lib*`, `/bin`, a few
//!   `/etc` files, the CPU and cgroup files `available_parallelism` reads; not `/proc`, where
//!   `/proc/self/mem` would hand the program the runner's nonce, the evidence of a pass), read and
//!   write `/dev/null`-like devices, execute the program itself, and everything in a fresh
//!   scratch directory (its cwd, `TMPDIR` and `HOME`), removed afterwards. Nothing else: not
//!   the teacher's workbook, other submissions, hidden checks, the target directory or home.
//! - **Network**: a new user and network namespace (only a loopback that is down, so no
//!   TCP, UDP or anything else leaves), and Landlock's TCP bind/connect rules (ABI 4) where
//!   namespaces are forbidden. Abstract unix sockets and signals are scoped (ABI 6): a check
//!   cannot signal the grader, its supervisor or another check.
//! - **Processes**: a supervisor between the grader and the program is a child subreaper;
//!   when the program ends (or the grader asks, at the time limit, or dies) it kills every
//!   process left under it, daemonized or not, so no pipe keeps the grader waiting. Inside
//!   the user namespace `RLIMIT_NPROC` counts only the check's own processes and threads.
//!
//! - **Environment**: only `PATH`, the locale, `TERM`, `TZ`, `RUST_*`, `LOOM_*` and what the
//!   grader sets for the run; not `PWD`, cargo's variables or a CI job's tokens.
//!
//! What is missing on this machine (an older kernel, a container forbidding namespaces, not
//! Linux) is left out, and `Policy::mode` says so; `WORKBOOK_SANDBOX_SIMULATE=no-landlock,
//! no-userns` simulates such a machine (the project's tests use it).
//! Builds (cargo, rustc, trybuild's compile step) are not sandboxed: they run no student code.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Result;

/// What `--sandbox` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Request {
    /// Use every part this machine has; say in one line what is missing
    #[default]
    Auto,
    /// Refuse to check (exit 2) unless every part is available
    Require,
    /// No sandbox: student code runs with the grader's directory, user and network
    Off,
}

impl clap::ValueEnum for Request {
    fn value_variants<'a>() -> &'a [Self] {
        &[Request::Auto, Request::Require, Request::Off]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let (name, help) = match self {
            Request::Auto => (
                "auto",
                "Use every part this machine has; say in one line what is missing",
            ),
            Request::Require => (
                "require",
                "Refuse to check (exit 2) unless every part is available",
            ),
            Request::Off => (
                "off",
                "No sandbox: student code runs with the grader's directory, user and network",
            ),
        };
        Some(clap::builder::PossibleValue::new(name).help(help))
    }
}

/// The environment switch that simulates a machine without some parts.
pub const SIMULATE_VAR: &str = "WORKBOOK_SANDBOX_SIMULATE";
/// The mode string of a full sandbox.
pub const FULL: &str = "landlock+netns";
/// The mode string of no sandbox (`--sandbox off`, or nothing available).
pub const NONE: &str = "none";

/// The exit code of a check the supervisor stopped for writing more than its share of the
/// disk (`linux.rs`): the grader says so instead of "exited early".
pub const DISK_EXIT: i32 = 125;
/// Processes and threads one check may have at once (inside its user namespace).
const MAX_PROCESSES: u64 = 256;

/// What this machine offers, found once per grader run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Support {
    /// The Landlock ABI version (0: none).
    pub landlock_abi: i32,
    /// Unprivileged user (and network) namespaces can be created.
    pub user_namespaces: bool,
    /// `/proc/thread-self/children` lists a process's children (the supervisor's cleanup).
    pub reaper: bool,
    /// A seccomp filter can keep a check to network sockets (no Unix or vsock socket).
    pub socket_filter: bool,
}

impl Support {
    /// Probes this machine, less what `WORKBOOK_SANDBOX_SIMULATE` says is missing.
    pub fn detect() -> Support {
        let simulate = std::env::var(SIMULATE_VAR).unwrap_or_default();
        let off = |part: &str| simulate.split(',').any(|s| s.trim() == part);
        let mut support = probe();
        if off("no-landlock") {
            support.landlock_abi = 0;
        }
        if off("no-userns") {
            support.user_namespaces = false;
        }
        support
    }

    /// The parts missing, in words (empty when the sandbox is complete).
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.landlock_abi == 0 {
            missing.push("no Landlock");
        } else {
            if self.landlock_abi < 4 && !self.user_namespaces {
                missing.push("no Landlock TCP rules");
            }
            if self.landlock_abi < 6 {
                missing.push("no Landlock signal scoping");
            }
        }
        if !self.user_namespaces {
            missing.push("no user namespaces");
        }
        if !self.reaper {
            missing.push("no process cleanup");
        }
        if !self.socket_filter {
            missing.push("no socket filter");
        }
        missing
    }

    /// `landlock+netns`, `partial: no user namespaces`, or `none`.
    pub fn mode(&self) -> String {
        let missing = self.missing();
        if missing.is_empty() {
            FULL.to_string()
        } else if self.landlock_abi == 0 && !self.user_namespaces {
            NONE.to_string()
        } else {
            format!("partial: {}", missing.join(", "))
        }
    }
}

/// How student code is confined in this grader run. Made once (`Policy::new`) and shared by
/// every check through a `Sandbox` handle.
#[derive(Debug)]
pub struct Policy {
    pub support: Support,
    /// Hierarchies readable (and executable) by every check.
    system: Vec<PathBuf>,
}

/// A handle on the run's policy: `Copy`, so that `process::Limits` stays `Copy`.
#[derive(Debug, Clone, Copy)]
pub struct Sandbox(&'static Policy);

impl Sandbox {
    pub fn policy(self) -> &'static Policy {
        self.0
    }

    pub fn mode(self) -> String {
        self.0.support.mode()
    }
}

/// The sandbox a command asked for: `None` with `--sandbox off`; an error (one line, exit 2)
/// with `--sandbox require` on a machine missing a part. Also returns the mode to record.
pub fn from_request(request: Request) -> Result<(Option<Sandbox>, String)> {
    if request == Request::Off {
        return Ok((None, NONE.to_string()));
    }
    let (sandbox, support) = auto_with_support();
    let missing = support.missing();
    if request == Request::Require && !missing.is_empty() {
        anyhow::bail!(
            "--sandbox require: this machine cannot sandbox student code fully ({})",
            missing.join(", ")
        );
    }
    Ok((sandbox, support.mode()))
}

/// The default sandbox (`auto`), found once per process: what `Checker::new` uses, so that
/// every check run is sandboxed unless a command says `--sandbox off`.
pub fn auto() -> Option<Sandbox> {
    auto_with_support().0
}

fn auto_with_support() -> (Option<Sandbox>, &'static Support) {
    static AUTO: std::sync::OnceLock<(Option<Sandbox>, Support)> = std::sync::OnceLock::new();
    let (sandbox, support) = AUTO.get_or_init(|| {
        let support = Support::detect();
        let useful = support.landlock_abi > 0 || support.user_namespaces || support.reaper;
        let sandbox = useful.then(|| Policy::new(support.clone()).leak());
        (sandbox, support)
    });
    (*sandbox, support)
}

/// The one line a command prints (stderr) when the sandbox is not complete, else None.
pub fn notice(mode: &str, request: Request) -> Option<String> {
    match request {
        Request::Off => {
            Some("note: --sandbox off: student code runs with your files, user and network".into())
        }
        _ if mode == FULL => None,
        _ => Some(format!(
            "note: sandbox {mode}: checking goes on with what this machine has (see README, \
             \"The sandbox\")"
        )),
    }
}

impl Policy {
    pub fn new(support: Support) -> Policy {
        let system = [
            "/usr",
            "/lib",
            "/lib64",
            "/lib32",
            "/bin",
            "/sbin",
            "/etc/ld.so.cache",
            "/etc/ld.so.conf",
            "/etc/ld.so.conf.d",
            "/etc/localtime",
            "/etc/passwd",
            "/etc/group",
            "/etc/nsswitch.conf",
            "/etc/hosts",
            "/etc/resolv.conf",
            "/etc/gai.conf",
            // Not `/proc`: `/proc/self/mem` reads (and writes) the runner's memory without
            // `unsafe`, nonce included, and the kernel lets a process open its own whatever
            // its dumpable flag. std and glibc do without it (`available_parallelism` falls
            // back to `sched_getaffinity`, the main thread's stack guard is then unknown).
            // Of `/sys`, only what glibc reads to count CPUs: not the cgroup's files, whose
            // CPU usage (`cpuacct.usage`, `cpu.stat`) is a clock nothing names, nor the rest of
            // the CPUs' (`cpuidle/state*/time`, `cpufreq/stats`): a check that can time itself
            // tells a model-checked run from a real one (the gate refuses the clocks it can
            // see, `gate/scan.rs`).
            "/sys/devices/system/cpu/online",
            "/sys/devices/system/cpu/possible",
            "/sys/devices/system/cpu/present",
        ]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .collect();
        Policy { support, system }
    }

    /// Kept for the rest of the grader run (one per run: commands make it once).
    pub fn leak(self) -> Sandbox {
        Sandbox(Box::leak(Box::new(self)))
    }
}

/// What lives as long as one sandboxed run: its scratch directory, removed on drop.
pub struct Guard {
    scratch: tempfile::TempDir,
}

impl Guard {
    pub fn scratch(&self) -> &Path {
        self.scratch.path()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // A check may leave directories without write permission: restore it so the scratch
        // directory can be removed (TempDir's own removal ignores failures).
        make_removable(self.scratch.path());
    }
}

fn make_removable(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    make_removable(&entry.path());
                }
            }
        }
    }
}

/// The variables a check inherits from the grader: what a program needs to run and print,
/// and Rust's and loom's own settings.
fn inherited(name: &str) -> bool {
    matches!(
        name,
        "PATH" | "LANG" | "LC_ALL" | "LC_CTYPE" | "LC_MESSAGES" | "TERM" | "TZ" | "NO_COLOR"
    ) || name.starts_with("RUST_")
        || name.starts_with("LOOM_")
}

/// Prepares `cmd` to run sandboxed: a fresh scratch directory as its cwd, `TMPDIR` and
/// `HOME`, and (Linux) the supervisor and confinement, installed as a `pre_exec` step. Must
/// be called after every other `pre_exec` of `cmd`. `libraries`: the shared library files
/// the program loads from outside the system's directories, which it may read and map.
pub fn apply(sandbox: Sandbox, cmd: &mut Command, libraries: &[PathBuf]) -> Result<Guard> {
    use anyhow::Context;
    let scratch = tempfile::Builder::new()
        .prefix("workbook-check-")
        .tempdir()
        .context("cannot create a scratch directory for a check")?;
    cmd.current_dir(scratch.path())
        .env("TMPDIR", scratch.path())
        .env("HOME", scratch.path());
    // The grader's own environment stays out: its working directory (`PWD`), cargo's
    // variables (its source tree), a CI job's tokens. What the grader set for this run stays.
    let explicit: Vec<std::ffi::OsString> = cmd.get_envs().map(|(k, _)| k.to_owned()).collect();
    for (name, _) in std::env::vars_os() {
        if !explicit.contains(&name) && !name.to_str().is_some_and(inherited) {
            cmd.env_remove(&name);
        }
    }
    #[cfg(target_os = "linux")]
    linux::install(sandbox.policy(), cmd, scratch.path(), libraries)?;
    #[cfg(not(target_os = "linux"))]
    let _ = (sandbox, libraries);
    Ok(Guard { scratch })
}

/// Asks a sandboxed run's supervisor (the child `process::run` started) to end it: it kills
/// everything under it and exits.
pub fn stop(pid: u32) {
    #[cfg(unix)]
    // SAFETY: plain system call.
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGTERM);
    }
}

#[cfg(target_os = "linux")]
fn probe() -> Support {
    Support {
        landlock_abi: linux::landlock_abi(),
        user_namespaces: linux::user_namespaces(),
        reaper: Path::new("/proc/thread-self/children").exists(),
        socket_filter: linux::socket_filter(),
    }
}

#[cfg(not(target_os = "linux"))]
fn probe() -> Support {
    Support {
        landlock_abi: 0,
        user_namespaces: false,
        reaper: false,
        socket_filter: false,
    }
}

#[cfg(target_os = "linux")]
mod landlock;
#[cfg(target_os = "linux")]
mod linux;

#[cfg(test)]
mod tests {
    use super::*;

    fn support(abi: i32, userns: bool) -> Support {
        Support {
            landlock_abi: abi,
            user_namespaces: userns,
            reaper: true,
            socket_filter: true,
        }
    }

    #[test]
    fn modes_name_what_is_missing() {
        assert_eq!(support(7, true).mode(), FULL);
        assert_eq!(support(7, false).mode(), "partial: no user namespaces");
        assert_eq!(support(0, true).mode(), "partial: no Landlock");
        assert_eq!(support(0, false).mode(), NONE);
        assert_eq!(
            support(3, false).mode(),
            "partial: no Landlock TCP rules, no Landlock signal scoping, no user namespaces"
        );
    }

    /// Nothing of `/sys` a check may read keeps time: only the CPU counts, no directory
    /// (beneath which every file would be readable) and nothing of the cgroup's.
    #[test]
    fn no_clock_of_sys_is_readable() {
        let policy = Policy::new(support(6, true));
        for path in policy.system.iter().filter(|p| p.starts_with("/sys")) {
            assert!(!path.is_dir(), "{} is a directory", path.display());
            assert!(!path.starts_with("/sys/fs/cgroup"), "{}", path.display());
            assert!(
                path.starts_with("/sys/devices/system/cpu"),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn the_full_sandbox_needs_nothing_missing() {
        assert!(support(6, true).missing().is_empty());
        assert!(!support(5, true).missing().is_empty());
        let unfiltered = Support {
            socket_filter: false,
            ..support(7, true)
        };
        assert_eq!(unfiltered.mode(), "partial: no socket filter");
    }
}

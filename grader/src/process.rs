//! Running a learner's program: always under a wall-clock limit, with bounded output.
//!
//! A hang is the normal outcome of a deadlock exercise, so nothing here ever waits without a
//! limit. The child runs in its own process group so that a timeout kills everything it
//! started, and (on Linux) it dies with the grader if the grader is killed first. Student
//! code runs under the sandbox (`Limits::sandbox`, see `sandbox.rs`); whatever runs, output
//! channels held open by a leftover process never keep the grader waiting past the exit.
//! Output comes through socket pairs on Unix (see `output_channel`).

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use wait_timeout::ChildExt;

use crate::sandbox::{self, Sandbox};

/// How long output is still read once the program has exited: a process it left behind
/// (unsandboxed, or a machine without process cleanup) may hold the pipes open forever.
const OUTPUT_GRACE: Duration = Duration::from_millis(500);
/// How long a sandbox supervisor gets to kill a timed-out check's processes.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// How a child process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

/// Limits for one child process.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    /// Bytes kept of each of stdout and stderr; the rest is read and dropped.
    pub output_bytes: usize,
    /// Address-space limit in bytes (`RLIMIT_AS`), if any.
    pub memory_bytes: Option<u64>,
    /// The sandbox of student code; None for builds (and `--sandbox off`).
    pub sandbox: Option<Sandbox>,
    /// The checks' seed, fixed by `--seed`; None draws a fresh one per run (`checks/seed.rs`).
    pub seed: Option<u64>,
    /// The shared libraries the program loads from outside the system's directories (a loom
    /// check's: `harness/runtime.rs`); None for a program linked statically against Rust's.
    pub libraries: Option<&'static Libraries>,
}

/// Shared libraries a program needs: the directories its loader searches, in order, and the
/// files it loads from them (a sandboxed program may read and map exactly these).
#[derive(Debug, PartialEq, Eq)]
pub struct Libraries {
    pub search_path: Vec<std::path::PathBuf>,
    pub files: Vec<std::path::PathBuf>,
}

/// The variable the system's loader reads its extra search path from.
#[cfg(target_os = "macos")]
const LIBRARY_PATH_VAR: &str = "DYLD_FALLBACK_LIBRARY_PATH";
#[cfg(windows)]
const LIBRARY_PATH_VAR: &str = "PATH";
#[cfg(not(any(target_os = "macos", windows)))]
const LIBRARY_PATH_VAR: &str = "LD_LIBRARY_PATH";

impl Limits {
    pub fn with_timeout(timeout: Duration) -> Self {
        Limits {
            timeout,
            output_bytes: 256 * 1024,
            memory_bytes: None,
            sandbox: None,
            seed: None,
            libraries: None,
        }
    }
}

/// What a child printed and how it ended.
#[derive(Debug, Clone)]
pub struct Output {
    pub exit: Exit,
    pub stdout: String,
    pub stderr: String,
    /// Bytes dropped because the output exceeded the limit.
    pub dropped: usize,
    pub elapsed: Duration,
}

impl Output {
    pub fn success(&self) -> bool {
        self.exit == Exit::Code(0)
    }
}

/// Runs `cmd` to completion or until the time limit, whichever comes first.
pub fn run(cmd: Command, limits: Limits) -> Result<Output> {
    run_with_input(cmd, limits, None)
}

/// `run`, with `input` written to the child's stdin (then closed): how a check runner gets
/// its nonce. Without input, stdin is empty.
pub fn run_with_input(mut cmd: Command, limits: Limits, input: Option<&[u8]>) -> Result<Output> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let (out_ours, out_theirs) = output_channel()?;
    let (err_ours, err_theirs) = output_channel()?;
    cmd.stdout(out_theirs).stderr(err_theirs);
    isolate(&mut cmd, limits);
    let libraries = limits.libraries.map_or(&[][..], |l| &l.files[..]);
    if let Some(l) = limits.libraries {
        let path = std::env::join_paths(&l.search_path)
            .context("a shared library directory has a name the loader cannot search")?;
        cmd.env(LIBRARY_PATH_VAR, path);
    }
    // Last: its pre_exec step forks the supervisor, which must inherit the limits above.
    let _scratch = limits
        .sandbox
        .map(|sandbox| sandbox::apply(sandbox, &mut cmd, libraries))
        .transpose()?;
    let program = cmd.get_program().to_string_lossy().into_owned();
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start `{program}`"))?;
    // `cmd` holds the child's ends of the output channels: the end of output is seen only
    // once they are closed here too.
    drop(cmd);
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // A line fits the pipe's buffer: this never waits on the child. A child that exited
        // first makes it fail, which its own exit status reports.
        let _ = std::io::Write::write_all(&mut stdin, input);
    }
    let out = drain(Some(out_ours), limits.output_bytes);
    let err = drain(Some(err_ours), limits.output_bytes);
    let exit = wait(&mut child, limits.timeout, limits.sandbox.is_some())?;
    let elapsed = start.elapsed();
    let (stdout, dropped_out) = out.finish(OUTPUT_GRACE);
    let (stderr, dropped_err) = err.finish(OUTPUT_GRACE);
    Ok(Output {
        exit,
        stdout,
        stderr,
        dropped: dropped_out + dropped_err,
        elapsed,
    })
}

fn wait(child: &mut Child, timeout: Duration, supervised: bool) -> Result<Exit> {
    match child
        .wait_timeout(timeout)
        .context("waiting for a check process")?
    {
        Some(status) => Ok(exit_of(status)),
        None => {
            if supervised {
                // The supervisor kills every process of the check, daemons included.
                sandbox::stop(child.id());
                if let Ok(Some(_)) = child.wait_timeout(STOP_GRACE) {
                    return Ok(Exit::TimedOut);
                }
            }
            kill_group(child);
            let _ = child.wait();
            Ok(Exit::TimedOut)
        }
    }
}

#[cfg(unix)]
pub(crate) fn exit_of(status: std::process::ExitStatus) -> Exit {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Exit::Code(code),
        (None, Some(sig)) => Exit::Signal(sig),
        (None, None) => Exit::Code(-1),
    }
}

#[cfg(not(unix))]
pub(crate) fn exit_of(status: std::process::ExitStatus) -> Exit {
    Exit::Code(status.code().unwrap_or(-1))
}

/// A pipe read on a thread, keeping at most `keep` bytes.
struct Drain {
    kept: Arc<Mutex<(Vec<u8>, usize)>>,
    done: mpsc::Receiver<()>,
}

impl Drain {
    /// What was read: all of it, or what came within `grace` (the pipe may never close).
    fn finish(self, grace: Duration) -> (String, usize) {
        let _ = self.done.recv_timeout(grace);
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        (String::from_utf8_lossy(&kept.0).into_owned(), kept.1)
    }
}

/// Reads a pipe to its end on a thread, keeping at most `keep` bytes.
fn drain<R: Read + Send + 'static>(pipe: Option<R>, keep: usize) -> Drain {
    let kept = Arc::new(Mutex::new((Vec::new(), 0usize)));
    let (tx, done) = mpsc::channel();
    let shared = Arc::clone(&kept);
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            let _ = tx.send(());
            return;
        };
        let mut buf = [0u8; 16 * 1024];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut kept = shared.lock().unwrap_or_else(|e| e.into_inner());
                    let room = keep.saturating_sub(kept.0.len());
                    kept.0.extend_from_slice(&buf[..n.min(room)]);
                    kept.1 += n.saturating_sub(room);
                }
            }
        }
        let _ = tx.send(());
    });
    Drain { kept, done }
}

/// A channel for the child's stdout or stderr: (what the grader reads, the child's end).
///
/// On Unix a socket pair, not a pipe: a pipe's write end can be reopened for reading through
/// `/proc/self/fd/1` (or `/dev/stdout`, no `unsafe` needed), which would let a check steal the
/// runner's own lines, nonce included, before the grader reads them; a socket cannot be
/// reopened, and its end in the child is shut for reading.
#[cfg(unix)]
fn output_channel() -> Result<(Box<dyn Read + Send>, Stdio)> {
    use std::net::Shutdown;
    use std::os::unix::net::UnixStream;
    let (ours, theirs) = UnixStream::pair().context("cannot make an output channel")?;
    let _ = theirs.shutdown(Shutdown::Read);
    let _ = ours.shutdown(Shutdown::Write);
    Ok((
        Box::new(ours),
        Stdio::from(std::os::fd::OwnedFd::from(theirs)),
    ))
}

#[cfg(not(unix))]
fn output_channel() -> Result<(Box<dyn Read + Send>, Stdio)> {
    let (ours, theirs) = std::io::pipe().context("cannot make an output channel")?;
    Ok((Box::new(ours), Stdio::from(theirs)))
}

#[cfg(unix)]
pub(crate) fn isolate(cmd: &mut Command, limits: Limits) {
    use std::os::unix::process::CommandExt;
    // Its own process group, so that a timeout can kill whatever it spawned.
    cmd.process_group(0);
    let memory = limits.memory_bytes;
    // SAFETY: the closure runs in the child between fork and exec and only makes
    // async-signal-safe system calls (prctl, getppid, kill, setrlimit).
    unsafe {
        cmd.pre_exec(move || {
            #[cfg(target_os = "linux")]
            {
                // Die with the grader: a killed grader must not leave a spinning learner program.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                if libc::getppid() == 1 {
                    libc::kill(libc::getpid(), libc::SIGKILL);
                }
            }
            if let Some(bytes) = memory {
                let lim = libc::rlimit {
                    rlim_cur: bytes as libc::rlim_t,
                    rlim_max: bytes as libc::rlim_t,
                };
                libc::setrlimit(libc::RLIMIT_AS, &lim);
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
pub(crate) fn isolate(_cmd: &mut Command, _limits: Limits) {}

#[cfg(unix)]
pub(crate) fn kill_group(child: &mut Child) {
    // SAFETY: plain system call; the group id is the child's pid (process_group(0) above).
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.kill();
}

#[cfg(not(unix))]
pub(crate) fn kill_group(child: &mut Child) {
    let _ = child.kill();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hang_is_killed_at_the_limit() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let out = run(cmd, Limits::with_timeout(Duration::from_millis(200))).unwrap();
        assert_eq!(out.exit, Exit::TimedOut);
        assert!(out.elapsed < Duration::from_secs(5));
    }

    #[test]
    fn a_leftover_holding_the_pipes_does_not_keep_run_waiting() {
        // Unsandboxed (as builds and `--sandbox off` run): the daemon outlives the run, but
        // the grader stops reading shortly after the program's exit.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "setsid sleep 30 & echo started"]);
        let start = Instant::now();
        let out = run(cmd, Limits::with_timeout(Duration::from_secs(20))).unwrap();
        assert_eq!(out.exit, Exit::Code(0));
        assert_eq!(out.stdout, "started\n");
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn output_beyond_the_limit_is_dropped_and_counted() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "yes | head -c 100000"]);
        let limits = Limits {
            output_bytes: 1000,
            ..Limits::with_timeout(Duration::from_secs(10))
        };
        let out = run(cmd, limits).unwrap();
        assert_eq!(out.exit, Exit::Code(0));
        assert_eq!(out.stdout.len(), 1000);
        assert_eq!(out.dropped, 99_000);
    }
}

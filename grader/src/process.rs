//! Running a learner's program: always under a wall-clock limit, with bounded output.
//!
//! A hang is the normal outcome of a deadlock exercise, so nothing here ever waits without a
//! limit. The child runs in its own process group so that a timeout kills everything it
//! started, and (on Linux) it dies with the grader if the grader is killed first.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use wait_timeout::ChildExt;

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
}

impl Limits {
    pub fn with_timeout(timeout: Duration) -> Self {
        Limits {
            timeout,
            output_bytes: 256 * 1024,
            memory_bytes: None,
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
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    isolate(&mut cmd, limits);
    let program = cmd.get_program().to_string_lossy().into_owned();
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .with_context(|| format!("cannot start `{program}`"))?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // A line fits the pipe's buffer: this never waits on the child. A child that exited
        // first makes it fail, which its own exit status reports.
        let _ = std::io::Write::write_all(&mut stdin, input);
    }
    let out = drain(child.stdout.take(), limits.output_bytes);
    let err = drain(child.stderr.take(), limits.output_bytes);
    let exit = wait(&mut child, limits.timeout)?;
    let elapsed = start.elapsed();
    let (stdout, dropped_out) = out.join().unwrap_or_default();
    let (stderr, dropped_err) = err.join().unwrap_or_default();
    Ok(Output {
        exit,
        stdout,
        stderr,
        dropped: dropped_out + dropped_err,
        elapsed,
    })
}

fn wait(child: &mut Child, timeout: Duration) -> Result<Exit> {
    match child
        .wait_timeout(timeout)
        .context("waiting for a check process")?
    {
        Some(status) => Ok(exit_of(status)),
        None => {
            kill_group(child);
            let _ = child.wait();
            Ok(Exit::TimedOut)
        }
    }
}

#[cfg(unix)]
fn exit_of(status: std::process::ExitStatus) -> Exit {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => Exit::Code(code),
        (None, Some(sig)) => Exit::Signal(sig),
        (None, None) => Exit::Code(-1),
    }
}

#[cfg(not(unix))]
fn exit_of(status: std::process::ExitStatus) -> Exit {
    Exit::Code(status.code().unwrap_or(-1))
}

/// Reads a pipe to its end on a thread, keeping at most `keep` bytes.
fn drain<R: Read + Send + 'static>(
    pipe: Option<R>,
    keep: usize,
) -> thread::JoinHandle<(String, usize)> {
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            return (String::new(), 0);
        };
        let mut kept = Vec::new();
        let mut dropped = 0usize;
        let mut buf = [0u8; 16 * 1024];
        loop {
            match pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = keep.saturating_sub(kept.len());
                    kept.extend_from_slice(&buf[..n.min(room)]);
                    dropped += n.saturating_sub(room);
                }
            }
        }
        (String::from_utf8_lossy(&kept).into_owned(), dropped)
    })
}

#[cfg(unix)]
fn isolate(cmd: &mut Command, limits: Limits) {
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
fn isolate(_cmd: &mut Command, _limits: Limits) {}

#[cfg(unix)]
fn kill_group(child: &mut Child) {
    // SAFETY: plain system call; the group id is the child's pid (process_group(0) above).
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
    let _ = child.kill();
}

#[cfg(not(unix))]
fn kill_group(child: &mut Child) {
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

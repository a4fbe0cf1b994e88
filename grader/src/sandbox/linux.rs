//! The Linux parts. Everything in `supervise` runs between fork and exec, in a child of a
//! multi-threaded process: only system calls, no allocation, no locks.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::landlock::{
    self, FS_EXECUTE, FS_READ_DIR, FS_READ_FILE, FS_WRITE_FILE, Ruleset, open_path,
};
use super::{MAX_PROCESSES, Policy};

pub fn landlock_abi() -> i32 {
    landlock::abi()
}

/// Whether a child can install the socket filter (`only_network_sockets`), and it holds.
pub fn socket_filter() -> bool {
    // SAFETY: the child makes only system calls and ends with `_exit`.
    unsafe {
        let pid = libc::fork();
        if pid == 0 {
            let held = only_network_sockets()
                && libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0) < 0
                && *libc::__errno_location() == libc::EACCES;
            libc::_exit(if held { 0 } else { 1 });
        }
        if pid < 0 {
            return false;
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0) == pid
            && libc::WIFEXITED(status)
            && libc::WEXITSTATUS(status) == 0
    }
}

/// Whether a child can make a user and network namespace (containers often forbid it).
pub fn user_namespaces() -> bool {
    // SAFETY: the child only calls unshare and _exit (async-signal-safe).
    unsafe {
        let pid = libc::fork();
        if pid == 0 {
            let r = libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET);
            libc::_exit(if r == 0 { 0 } else { 1 });
        }
        if pid < 0 {
            return false;
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0) == pid
            && libc::WIFEXITED(status)
            && libc::WEXITSTATUS(status) == 0
    }
}

/// The Landlock ruleset of one run, made in the grader (it opens paths and allocates);
/// the child only enforces it.
fn ruleset(
    policy: &Policy,
    program: Option<&Path>,
    libraries: &[PathBuf],
    scratch: &Path,
) -> Result<Ruleset> {
    let abi = policy.support.landlock_abi;
    let read = FS_READ_FILE | FS_READ_DIR | FS_EXECUTE;
    let mut ruleset = Ruleset::new(abi)?;
    for path in &policy.system {
        let Ok(fd) = open_path(path) else { continue };
        ruleset.allow(&fd, read)?;
    }
    for (dev, access) in [
        ("/dev/null", FS_READ_FILE | FS_WRITE_FILE),
        ("/dev/zero", FS_READ_FILE | FS_WRITE_FILE),
        ("/dev/full", FS_READ_FILE | FS_WRITE_FILE),
        ("/dev/urandom", FS_READ_FILE),
        ("/dev/random", FS_READ_FILE),
    ] {
        let Ok(fd) = open_path(Path::new(dev)) else {
            continue;
        };
        ruleset.allow(&fd, access)?;
    }
    if let Some(program) = program {
        ruleset.allow(&open_path(program)?, FS_EXECUTE | FS_READ_FILE)?;
    }
    // The program's own libraries, each file alone: not the directories around them (a
    // target directory holds other submissions' builds).
    for library in libraries {
        ruleset.allow(&open_path(library)?, FS_EXECUTE | FS_READ_FILE)?;
    }
    ruleset.allow(&open_path(scratch)?, landlock::fs_all(abi))?;
    Ok(ruleset)
}

pub fn install(
    policy: &'static Policy,
    cmd: &mut Command,
    scratch: &Path,
    libraries: &[PathBuf],
) -> Result<()> {
    let support = &policy.support;
    let program = Path::new(cmd.get_program());
    // A bare name (`sh`) is found on PATH, under the system directories already allowed.
    let program = program
        .components()
        .nth(1)
        .map(|_| {
            let p = std::fs::canonicalize(program)
                .with_context(|| format!("cannot find `{}`", program.display()))?;
            anyhow::Ok(p)
        })
        .transpose()?;
    let mut ruleset = if support.landlock_abi > 0 {
        Some(
            ruleset(policy, program.as_deref(), libraries, scratch)
                .context("cannot build the sandbox's Landlock rules")?,
        )
    } else {
        None
    };
    let plan = Plan {
        grader: std::process::id() as libc::pid_t,
        namespaces: support.user_namespaces,
        reaper: support.reaper,
        socket_filter: support.socket_filter,
    };
    let scratch = std::ffi::CString::new(scratch.as_os_str().as_encoded_bytes())
        .context("the scratch directory's path has a NUL byte")?;
    // SAFETY: `supervise` makes only async-signal-safe system calls (see its doc).
    unsafe {
        cmd.pre_exec(move || supervise(plan, ruleset.take(), &scratch));
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Plan {
    grader: libc::pid_t,
    namespaces: bool,
    reaper: bool,
    socket_filter: bool,
}

fn errno() -> std::io::Error {
    std::io::Error::last_os_error()
}

/// Runs in the child std forked (the supervisor-to-be). Returns in the grandchild, which
/// std then turns into the student program; the supervisor itself never returns.
unsafe fn supervise(
    plan: Plan,
    ruleset: Option<Ruleset>,
    scratch: &std::ffi::CStr,
) -> std::io::Result<()> {
    unsafe {
        // The grader's handlers (watch mode's) must not run here; SIGCHLD must be seen.
        for sig in [
            libc::SIGINT,
            libc::SIGHUP,
            libc::SIGQUIT,
            libc::SIGCHLD,
            libc::SIGPIPE,
        ] {
            libc::signal(sig, libc::SIG_DFL);
        }
        // Block what the loop below waits for, before anything can send it.
        let mut waited: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut waited);
        libc::sigaddset(&mut waited, libc::SIGCHLD);
        libc::sigaddset(&mut waited, libc::SIGTERM);
        libc::sigprocmask(libc::SIG_BLOCK, &waited, std::ptr::null_mut());
        // A dying grader asks for a cleanup (SIGTERM), not a bare kill that would orphan
        // the check's processes.
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
        if libc::getppid() != plan.grader {
            libc::_exit(137);
        }
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        if plan.namespaces && libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) != 0 {
            return Err(errno());
        }
        if plan.reaper {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1);
        }
        let supervisor = libc::getpid();
        let pid = libc::fork();
        if pid < 0 {
            return Err(errno());
        }
        if pid == 0 {
            return confine(plan, supervisor, ruleset);
        }
        // The supervisor holds no pipe: the grader sees end-of-output once the check's
        // own processes are gone, and std's exec-error pipe is closed here too.
        if libc::syscall(libc::SYS_close_range, 0u32, u32::MAX, 0u32) != 0 {
            for fd in 0..4096 {
                libc::close(fd);
            }
        }
        let floor = free_bytes(scratch).map(disk_floor);
        let mut status: Option<libc::c_int> = None;
        let mut over_disk = false;
        while status.is_none() {
            let sig = libc::sigtimedwait(&waited, std::ptr::null_mut(), &DISK_POLL);
            if sig == libc::SIGTERM {
                break;
            }
            // The check writes on the grader's disk: past its share, it is stopped.
            if let Some(floor) = floor
                && free_bytes(scratch).is_some_and(|free| free < floor)
            {
                over_disk = true;
                break;
            }
            loop {
                let mut st = 0;
                let r = libc::waitpid(-1, &mut st, libc::WNOHANG);
                if r <= 0 {
                    break;
                }
                if r == pid {
                    status = Some(st);
                }
            }
        }
        if status.is_none() {
            libc::kill(pid, libc::SIGKILL);
        }
        if plan.reaper {
            kill_children();
        }
        if over_disk {
            libc::_exit(super::DISK_EXIT);
        }
        relay(status)
    }
}

/// The student program's own process, before exec.
unsafe fn confine(
    plan: Plan,
    supervisor: libc::pid_t,
    ruleset: Option<Ruleset>,
) -> std::io::Result<()> {
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() != supervisor {
            libc::_exit(137);
        }
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
        libc::signal(libc::SIGTERM, libc::SIG_DFL);
        if plan.namespaces {
            // Counted per user namespace: only this check's processes and threads.
            let lim = libc::rlimit {
                rlim_cur: MAX_PROCESSES,
                rlim_max: MAX_PROCESSES,
            };
            libc::setrlimit(libc::RLIMIT_NPROC, &lim);
        }
        if let Some(ruleset) = ruleset
            && ruleset.restrict_self().is_err()
        {
            return Err(std::io::Error::from_raw_os_error(libc::EPERM));
        }
        if plan.socket_filter && !only_network_sockets() {
            return Err(std::io::Error::from_raw_os_error(libc::EPERM));
        }
        Ok(())
    }
}

/// How often the supervisor looks at the disk the check writes on.
const DISK_POLL: libc::timespec = libc::timespec {
    tv_sec: 0,
    tv_nsec: 50_000_000,
};

/// A check may write (in its scratch directory, the only place it can) at most half of the
/// space its file system had free when it started: below this, it is killed. Without it,
/// a check writing for its whole time limit (gigabytes a second) fills the disk, or the RAM of
/// a `/tmp` on tmpfs, under the grader and every other student's build and checks. Half,
/// not a size: on a nearly full disk a check still leaves the rest to the others.
fn disk_floor(free_at_start: u64) -> u64 {
    free_at_start / 2
}

/// The bytes an unprivileged process may still write on the file system of `path`.
fn free_bytes(path: &std::ffi::CStr) -> Option<u64> {
    // SAFETY: `statvfs` fills the struct it is given; `path` is NUL-terminated.
    unsafe {
        let mut st: libc::statvfs = std::mem::zeroed();
        (libc::statvfs(path.as_ptr(), &mut st) == 0)
            .then(|| (st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
    }
}

/// `struct seccomp_data`: where the system call's number, its architecture and its first
/// argument are.
const DATA_NR: u32 = 0;
const DATA_ARCH: u32 = 4;
/// The low 32 bits of `args[0]` (little-endian: x86_64 and aarch64).
const DATA_ARG0: u32 = 16;
#[cfg(target_arch = "x86_64")]
const AUDIT_ARCH: u32 = 0xc000_003e;
#[cfg(target_arch = "aarch64")]
const AUDIT_ARCH: u32 = 0xc000_00b7;
/// x86_64's x32 system calls have this bit set (none on aarch64).
const X32_BIT: u32 = 0x4000_0000;
const LD_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
const JEQ: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const JGE: u16 = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const RET: u16 = 0x06; // BPF_RET | BPF_K
const RET_ALLOW: u32 = 0x7fff_0000;
const RET_ERRNO: u32 = 0x0005_0000;

const fn op(code: u16, jt: u8, jf: u8, k: u32) -> libc::sock_filter {
    libc::sock_filter { code, jt, jf, k }
}

/// The check's sockets may only be the network's (`AF_INET`, `AF_INET6`, which the network
/// namespace and Landlock's TCP rules cut, and `AF_NETLINK`, which the namespace scopes):
/// `socket()` of any other family fails with `EACCES`. Landlock does not control `connect`
/// to a Unix socket by its path, and a network namespace leaves the file system's sockets
/// reachable: without this, a check talks to every listening socket the grader's user can
/// open (an ssh-agent's, a container runtime's, D-Bus), and `AF_VSOCK` reaches a virtual
/// machine's host. `io_uring_setup` fails (`ENOSYS`): its rings make sockets past this
/// filter. A system call of another architecture (x32, 32-bit) fails with `EPERM`.
const SOCKET_FILTER: [libc::sock_filter; 14] = [
    /* 0 */ op(LD_ABS, 0, 0, DATA_ARCH),
    /* 1 */ op(JEQ, 0, 10, AUDIT_ARCH), // else 12
    /* 2 */ op(LD_ABS, 0, 0, DATA_NR),
    /* 3 */ op(JGE, 8, 0, X32_BIT), // 12
    /* 4 */ op(JEQ, 8, 0, libc::SYS_io_uring_setup as u32), // 13
    /* 5 */ op(JEQ, 0, 5, libc::SYS_socket as u32), // else 11
    /* 6 */ op(LD_ABS, 0, 0, DATA_ARG0),
    /* 7 */ op(JEQ, 3, 0, libc::AF_INET as u32), // 11
    /* 8 */ op(JEQ, 2, 0, libc::AF_INET6 as u32), // 11
    /* 9 */ op(JEQ, 1, 0, libc::AF_NETLINK as u32), // 11
    /* 10 */ op(RET, 0, 0, RET_ERRNO | libc::EACCES as u32),
    /* 11 */ op(RET, 0, 0, RET_ALLOW),
    /* 12 */ op(RET, 0, 0, RET_ERRNO | libc::EPERM as u32),
    /* 13 */ op(RET, 0, 0, RET_ERRNO | libc::ENOSYS as u32),
];

/// Installs `SOCKET_FILTER` on the calling thread (and what it executes). Only system calls
/// on a constant program: safe between fork and exec.
fn only_network_sockets() -> bool {
    let program = libc::sock_fprog {
        len: SOCKET_FILTER.len() as u16,
        filter: SOCKET_FILTER.as_ptr().cast_mut(),
    };
    // SAFETY: `program` points at a live, well-formed filter the kernel copies; setting
    // `no_new_privs` (as Landlock does) lets an unprivileged process install it.
    unsafe {
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
            && libc::syscall(
                libc::SYS_seccomp,
                libc::SECCOMP_SET_MODE_FILTER,
                0u32,
                &program as *const libc::sock_fprog,
            ) == 0
    }
}

/// Kills every process left under the supervisor: each child, and each orphan reparented
/// to it (it is a subreaper) when its parent dies, until none is left.
unsafe fn kill_children() {
    unsafe {
        loop {
            let fd = libc::open(
                c"/proc/thread-self/children".as_ptr(),
                libc::O_RDONLY | libc::O_CLOEXEC,
            );
            if fd >= 0 {
                let mut buf = [0u8; 4096];
                let mut pid: libc::pid_t = 0;
                loop {
                    let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
                    if n <= 0 {
                        break;
                    }
                    for &b in &buf[..n as usize] {
                        if b.is_ascii_digit() {
                            pid = pid * 10 + (b - b'0') as libc::pid_t;
                        } else {
                            if pid > 0 {
                                libc::kill(pid, libc::SIGKILL);
                            }
                            pid = 0;
                        }
                    }
                }
                if pid > 0 {
                    libc::kill(pid, libc::SIGKILL);
                }
                libc::close(fd);
            }
            let mut st = 0;
            // Blocks until one of those just killed is gone; ECHILD: none left.
            if libc::waitpid(-1, &mut st, 0) < 0 {
                return;
            }
        }
    }
}

/// Ends the supervisor as the student program ended, so the grader reads its status.
unsafe fn relay(status: Option<libc::c_int>) -> ! {
    unsafe {
        match status {
            Some(st) if libc::WIFEXITED(st) => libc::_exit(libc::WEXITSTATUS(st)),
            Some(st) if libc::WIFSIGNALED(st) => {
                let sig = libc::WTERMSIG(st);
                libc::signal(sig, libc::SIG_DFL);
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, sig);
                libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
                libc::kill(libc::getpid(), sig);
                libc::_exit(128 + sig)
            }
            _ => libc::_exit(137),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_may_take_half_the_free_disk() {
        assert_eq!(disk_floor(10 << 30), 5 << 30);
        assert_eq!(disk_floor(1), 0);
        let free = free_bytes(c"/tmp").expect("statvfs /tmp");
        assert!(free > disk_floor(free));
    }

    /// In a forked child (only system calls, as between fork and exec): once the filter is
    /// on, a Unix or vsock socket cannot be made, and network sockets still can. The exit
    /// status says which step went otherwise.
    #[test]
    fn a_confined_process_makes_network_sockets_only() {
        // SAFETY: the child makes only system calls and ends with `_exit`.
        let status = unsafe {
            let pid = libc::fork();
            if pid == 0 {
                let step = if !only_network_sockets() {
                    1
                } else if libc::socket(libc::AF_UNIX, libc::SOCK_STREAM, 0) >= 0 {
                    2
                } else if *libc::__errno_location() != libc::EACCES {
                    3
                } else if libc::socket(libc::AF_VSOCK, libc::SOCK_STREAM, 0) >= 0 {
                    4
                } else if libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0) < 0 {
                    5
                } else if libc::socket(libc::AF_INET6, libc::SOCK_STREAM, 0) < 0
                    && *libc::__errno_location() == libc::EACCES
                {
                    6
                } else {
                    0
                };
                libc::_exit(step);
            }
            assert!(pid > 0, "fork failed");
            let mut status = 0;
            assert_eq!(libc::waitpid(pid, &mut status, 0), pid);
            status
        };
        assert!(libc::WIFEXITED(status), "the child died: {status:#x}");
        assert_eq!(
            libc::WEXITSTATUS(status),
            0,
            "1: no filter, 2: a Unix socket was made, 3: not EACCES, 4: a vsock socket was made, \
             5: no UDP socket, 6: no IPv6 socket"
        );
    }
}

//! The sandbox of student code (grader/src/sandbox/), proved with shell commands run through
//! `process::run` as a check's program would be: what it cannot write, read, reach or leave
//! behind; the modes a machine without Landlock or user namespaces reports; and, end to end,
//! that `workbook run` and `workbook grade` keep the teacher's checks unchanged when an
//! answer writes them.

mod common;

use std::fs;
use std::net::{TcpListener, UdpSocket};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{copy_tree, copy_workbook, repo, shared_target, text};
use workbook::process::{self, Exit, Limits, Output};
use workbook::sandbox::{self, Policy, Sandbox, Support};

fn full() -> Sandbox {
    let support = Support::detect();
    assert!(
        support.missing().is_empty() || std::env::var_os(sandbox::SIMULATE_VAR).is_some(),
        "this machine should have the whole sandbox (WORKBOOK.md): {:?}",
        support.missing()
    );
    Policy::new(support).leak()
}

fn simulated(landlock: bool, userns: bool) -> Sandbox {
    let mut support = Support::detect();
    if !landlock {
        support.landlock_abi = 0;
    }
    if !userns {
        support.user_namespaces = false;
    }
    Policy::new(support).leak()
}

fn sh(sandbox: Sandbox, script: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(script).arg("check").args(args);
    let limits = Limits {
        sandbox: Some(sandbox),
        ..Limits::with_timeout(Duration::from_secs(20))
    };
    process::run(cmd, limits).unwrap()
}

/// A workbook-like tree: the teacher's checks, a target directory, another submission.
fn teacher_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, body) in [
        ("tests/checks/threads1/test.rs", "teacher"),
        ("target/debug/threads1", "binary"),
        ("submissions/bob/exercises/threads1.rs", "bob's answer"),
    ] {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, body).unwrap();
    }
    dir
}

#[test]
fn a_check_cannot_write_the_checks_or_the_target_dir_nor_read_others_or_home() {
    for sandbox in [full(), simulated(true, false)] {
        let tree = teacher_tree();
        let root = tree.path().to_str().unwrap();
        let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
        let out = sh(
            sandbox,
            r#"echo evil > "$1/tests/checks/threads1/test.rs" && echo WROTE-CHECKS
               echo evil > "$1/target/debug/threads1" && echo WROTE-TARGET
               cat "$1/submissions/bob/exercises/threads1.rs" && echo READ-OTHER
               ls "$2" && echo READ-HOME
               echo mine > "$TMPDIR/scratch" && cat "$HOME/scratch" && echo SCRATCH-OK
               echo "cwd=$(pwd)""#,
            &[root, &home],
        );
        for forbidden in ["WROTE-CHECKS", "WROTE-TARGET", "READ-OTHER", "READ-HOME"] {
            assert!(!out.stdout.contains(forbidden), "{forbidden}: {out:?}");
        }
        assert!(out.stdout.contains("mine\nSCRATCH-OK"), "{out:?}");
        let check = |file: &str, body: &str| {
            assert_eq!(fs::read_to_string(tree.path().join(file)).unwrap(), body)
        };
        check("tests/checks/threads1/test.rs", "teacher");
        check("target/debug/threads1", "binary");
        // The scratch directory is the cwd, and it is gone afterwards.
        let cwd = out
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("cwd="))
            .unwrap();
        assert!(cwd.contains("workbook-check-"), "{out:?}");
        assert!(!Path::new(cwd).exists(), "scratch {cwd} was not removed");
    }
}

/// Nothing reaches a loopback listener: `received` says whether anything did.
fn listen_while(run: impl FnOnce(u16, u16) -> Output) -> (Output, bool) {
    let tcp = TcpListener::bind("127.0.0.1:0").unwrap();
    tcp.set_nonblocking(true).unwrap();
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    udp.set_nonblocking(true).unwrap();
    let out = run(
        tcp.local_addr().unwrap().port(),
        udp.local_addr().unwrap().port(),
    );
    std::thread::sleep(Duration::from_millis(300));
    let mut buf = [0u8; 64];
    let received = tcp.accept().is_ok() || udp.recv(&mut buf).is_ok();
    (out, received)
}

#[test]
fn a_check_reaches_no_loopback_listener() {
    let script = r#"echo hi > /dev/tcp/127.0.0.1/$1 && echo TCP-SENT
                    echo hi > /dev/udp/127.0.0.1/$2 && echo UDP-SENT; true"#;
    // Full, and Landlock alone (TCP rules): TCP never connects.
    for (sandbox, udp_cut) in [(full(), true), (simulated(true, false), false)] {
        let (out, received) =
            listen_while(|tcp, udp| sh(sandbox, script, &[&tcp.to_string(), &udp.to_string()]));
        assert!(!out.stdout.contains("TCP-SENT"), "{out:?}");
        if udp_cut {
            assert!(!received, "the listener received something: {out:?}");
            assert!(!out.stdout.contains("UDP-SENT"), "{out:?}");
        }
    }
    // The network namespace alone cuts both too.
    let (out, received) = listen_while(|tcp, udp| {
        sh(
            simulated(false, true),
            script,
            &[&tcp.to_string(), &udp.to_string()],
        )
    });
    assert!(!received, "{out:?}");
    // Control: without a sandbox the same script does reach the listener.
    let (_, received) = listen_while(|tcp, udp| {
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(script)
            .arg("check")
            .args([tcp.to_string(), udp.to_string()]);
        process::run(cmd, Limits::with_timeout(Duration::from_secs(20))).unwrap()
    });
    assert!(received, "the control run should reach the listener");
}

/// Set (to a socket's path) when this test binary is run as a check's program by
/// `a_check_reaches_no_unix_socket`: a `RUST_` variable, the only kind the sandbox passes on.
const UNIX_TARGET: &str = "RUST_WORKBOOK_TEST_UNIX_SOCKET";

/// Not a test of its own: the program `a_check_reaches_no_unix_socket` runs sandboxed (this
/// binary, filtered to this test): connects to the socket named by `UNIX_TARGET` and says
/// whether it could. Without the variable it does nothing.
#[test]
fn unix_socket_client() {
    use std::io::Write;
    let Some(path) = std::env::var_os(UNIX_TARGET) else {
        return;
    };
    match std::os::unix::net::UnixStream::connect(&path) {
        Ok(mut stream) => {
            let _ = stream.write_all(b"hi");
            println!("UNIX-SENT");
        }
        Err(e) => println!("UNIX-REFUSED {e}"),
    }
}

/// A Unix socket on the file system (an ssh-agent's, a container runtime's) is out of reach
/// in every mode of the sandbox, also without Landlock and without user namespaces: the
/// socket filter alone holds it. The same program unsandboxed reaches it.
#[test]
fn a_check_reaches_no_unix_socket() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agent.sock");
    let listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    listener.set_nonblocking(true).unwrap();
    let run = |sandbox: Option<Sandbox>| {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.args([
            "--exact",
            "unix_socket_client",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(UNIX_TARGET, &path);
        let limits = Limits {
            sandbox,
            ..Limits::with_timeout(Duration::from_secs(20))
        };
        let out = process::run(cmd, limits).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        (out, listener.accept().is_ok())
    };
    for sandbox in [
        full(),
        simulated(true, false),
        simulated(false, true),
        simulated(false, false),
    ] {
        let (out, reached) = run(Some(sandbox));
        assert!(!reached, "the listener was reached: {out:?}");
        assert!(out.stdout.contains("UNIX-REFUSED"), "{out:?}");
    }
    // Control: without a sandbox the same program does reach the listener.
    let (out, reached) = run(None);
    assert!(reached && out.stdout.contains("UNIX-SENT"), "{out:?}");
}

fn alive(pid: u32) -> bool {
    // A zombie is dead: only a process still running or sleeping counts.
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            let state = s.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        })
        .unwrap_or(false)
}

fn pids(out: &Output) -> Vec<u32> {
    out.stdout
        .lines()
        .filter_map(|l| l.strip_prefix("pid=")?.trim().parse().ok())
        .collect()
}

#[test]
fn daemons_die_with_the_check_and_never_hold_the_grader() {
    // A `setsid` grandchild, and a double-forked one, both holding the output pipes.
    let script = r#"setsid bash -c 'echo pid=$$; exec sleep 300' &
                    ( ( echo pid=$BASHPID; exec sleep 300 ) & ) 
                    sleep 0.3; echo parent done"#;
    for sandbox in [full(), simulated(true, false), simulated(false, false)] {
        let started = Instant::now();
        let out = sh(sandbox, script, &[]);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "run took {:?}: {out:?}",
            started.elapsed()
        );
        assert_eq!(out.exit, Exit::Code(0), "{out:?}");
        let found = pids(&out);
        assert_eq!(found.len(), 2, "{out:?}");
        std::thread::sleep(Duration::from_millis(100));
        for pid in found {
            // Inside a user namespace pids are the same (no PID namespace): these are real.
            assert!(!alive(pid), "process {pid} outlived its check: {out:?}");
        }
    }
}

#[test]
fn a_timed_out_check_leaves_no_process() {
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg("setsid bash -c 'echo pid=$$; exec sleep 300' & sleep 300");
    let limits = Limits {
        sandbox: Some(full()),
        ..Limits::with_timeout(Duration::from_millis(500))
    };
    let started = Instant::now();
    let out = process::run(cmd, limits).unwrap();
    assert_eq!(out.exit, Exit::TimedOut);
    assert!(started.elapsed() < Duration::from_secs(5), "{out:?}");
    std::thread::sleep(Duration::from_millis(100));
    for pid in pids(&out) {
        assert!(!alive(pid), "process {pid} outlived its check");
    }
}

#[test]
fn a_check_cannot_signal_the_grader_or_its_supervisor() {
    let grader = std::process::id().to_string();
    let out = sh(
        full(),
        r#"kill -STOP $PPID 2>/dev/null && echo SIGNALLED-PARENT
           kill -STOP "$1" 2>/dev/null && echo SIGNALLED-GRADER
           echo survived"#,
        &[&grader],
    );
    assert!(!out.stdout.contains("SIGNALLED"), "{out:?}");
    assert!(out.stdout.contains("survived"), "{out:?}");
    assert_eq!(out.exit, Exit::Code(0), "{out:?}");
    // A kill of its parent ends only the check itself (the supervisor is its parent).
    let out = sh(full(), "kill -9 $PPID; echo after", &[]);
    assert_eq!(out.exit, Exit::Code(0), "{out:?}");
}

#[test]
fn exit_codes_and_signals_come_through_the_supervisor() {
    assert_eq!(sh(full(), "exit 3", &[]).exit, Exit::Code(3));
    assert_eq!(sh(full(), "kill -SEGV $$", &[]).exit, Exit::Signal(11));
    // Threads and processes are bounded inside the check's user namespace.
    let out = sh(
        full(),
        "for i in $(seq 400); do sleep 5 & done 2>/dev/null; echo n=$(jobs -p | wc -l)",
        &[],
    );
    let n: usize = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("n=")?.trim().parse().ok())
        .unwrap();
    // SAFETY: plain system call.
    if unsafe { libc::geteuid() } == 0 {
        // The kernel exempts uid 0 from RLIMIT_NPROC, namespace or not (README: The sandbox).
        eprintln!("running as root: RLIMIT_NPROC does not apply, {n} processes started");
    } else {
        assert!(n < 300, "{n} processes started: {out:?}");
    }
}

#[test]
fn modes_name_the_missing_parts() {
    assert_eq!(Support::detect().mode(), sandbox::FULL);
    assert_eq!(simulated(true, false).mode(), "partial: no user namespaces");
    assert_eq!(simulated(false, true).mode(), "partial: no Landlock");
    assert_eq!(simulated(false, false).mode(), sandbox::NONE);
}

// End to end, through the workbook binary.

const THREADS1: &str = "exercises/01_threads/threads1.rs";

fn workbook(dir: &Path, args: &[&str], simulate: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_workbook"));
    cmd.arg("-C").arg(dir).args(args);
    cmd.env("WORKBOOK_TARGET_DIR", shared_target());
    cmd.env_remove(sandbox::SIMULATE_VAR);
    if let Some(s) = simulate {
        cmd.env(sandbox::SIMULATE_VAR, s);
    }
    cmd.output().unwrap()
}

/// threads1's solution, plus a write to the teacher's checks from the code its tests call.
fn hostile_answer(into: &Path, target: &Path) {
    let solution = fs::read_to_string(repo().join("solutions/01_threads/threads1.rs")).unwrap();
    let evil = format!(
        "\nfn __overwrite() {{ let _ = std::fs::write({:?}, \"#[test] fn always() {{}}\\n\"); }}\n",
        target.display()
    );
    // In the function every check calls.
    const HEAD: &str =
        "pub fn count_errors(chunks: Vec<Vec<String>>, is_error: fn(&str) -> bool) -> usize {";
    let patched = solution.replacen(HEAD, &format!("{HEAD}\n    __overwrite();"), 1);
    assert_ne!(patched, solution, "threads1's solution has count_errors");
    fs::write(into, format!("{patched}{evil}")).unwrap();
}

#[test]
fn run_and_grade_keep_the_checks_when_an_answer_writes_them() {
    let grader = copy_workbook();
    let checks = grader.path().join("tests/checks/threads1/test.rs");
    let before = fs::read(&checks).unwrap();
    let checks_dir = grader.path().join("tests/checks/threads1");
    let victim = checks_dir.join("test.rs");

    // `workbook run` on the learner's own workbook.
    hostile_answer(&grader.path().join(THREADS1), &victim);
    let out = workbook(grader.path(), &["run", "threads1"], None);
    assert_eq!(fs::read(&checks).unwrap(), before, "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("note: sandbox"),
        "{}",
        text(&out.stderr)
    );

    // `workbook grade`, the answer in a student's workbook, on a simulated machine too.
    let student = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("exercises"), &student.path().join("exercises"));
    hostile_answer(&student.path().join(THREADS1), &victim);
    for (simulate, mode) in [
        (None, sandbox::FULL),
        (Some("no-userns"), "partial: no user namespaces"),
        (Some("no-landlock,no-userns"), sandbox::NONE),
    ] {
        let reports = tempfile::tempdir().unwrap();
        let report = |ext: &str| reports.path().join(format!("r.{ext}"));
        let report_arg = |format: &str, ext: &str| format!("{format}:{}", report(ext).display());
        let out = workbook(
            grader.path(),
            &[
                "grade",
                "--only",
                "threads1",
                "--format",
                "json",
                "--report",
                &report_arg("text", "txt"),
                "--report",
                &report_arg("junit", "xml"),
                "--report",
                &report_arg("csv", "csv"),
                "--report",
                &report_arg("gradescope", "gs.json"),
                student.path().to_str().unwrap(),
            ],
            simulate,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["sandbox"], mode, "{report}");
        assert_eq!(report["submissions"][0]["sandbox"], mode, "{report}");
        // Every other format records the same mode.
        let read = |ext: &str| fs::read_to_string(reports.path().join(format!("r.{ext}"))).unwrap();
        assert!(
            read("txt").contains(&format!("Sandbox: {mode}\n")),
            "{}",
            read("txt")
        );
        assert!(
            read("xml").contains(&format!(r#"<property name="sandbox" value="{mode}"/>"#)),
            "{}",
            read("xml")
        );
        let csv = read("csv");
        let mut lines = csv.lines();
        // The seed column comes last: empty, since this run gives no --seed.
        assert!(lines.next().unwrap().ends_with(",sandbox,seed"), "{csv}");
        assert!(
            lines.next().unwrap().ends_with(&format!(",{mode},")),
            "{csv}"
        );
        let gradescope: serde_json::Value = serde_json::from_str(&read("gs.json")).unwrap();
        assert_eq!(gradescope["extra_data"]["sandbox"], mode, "{gradescope}");
        let notes = text(&out.stderr)
            .lines()
            .filter(|l| l.contains("note: sandbox"))
            .count();
        assert_eq!(
            notes,
            usize::from(simulate.is_some()),
            "{}",
            text(&out.stderr)
        );
        if mode != sandbox::NONE {
            assert_eq!(fs::read(&checks).unwrap(), before, "{simulate:?}");
        } else {
            // Nothing stops it there (the proof that the answer does write them): put the
            // checks back.
            assert_ne!(
                fs::read(&checks).unwrap(),
                before,
                "the hostile answer wrote nothing"
            );
            fs::write(&checks, &before).unwrap();
        }
    }

    // `--sandbox require` on a machine missing a part: one line, exit 2.
    let out = workbook(
        grader.path(),
        &["run", "threads1", "--sandbox", "require"],
        Some("no-landlock"),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no Landlock"), "{err}");
}

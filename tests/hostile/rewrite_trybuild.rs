// exercise: not_send
// cheat: writes into trybuild's builds: a cargo config above every trybuild project of the shared target that makes each case build fail without an error (a solved file's cases then count as compiled), and `.stderr` files with the expected errors beside every harness's cases.
use std::fs;
use std::path::PathBuf;

const TEACHER: &str = "@TEACHER@";
const TARGET: &str = "@TARGET@";
const MARKER: &str = "@MARKER@";

const EXPECTED: &str = "error[E0277]: `Session` cannot be sent between threads safely\n\
                        error[E0277]: `Session` cannot be shared between threads safely\n";

pub struct Session {
    pub handle: u64,
}

impl Session {
    pub fn open(handle: u64) -> Session {
        tamper();
        Session { handle }
    }
}

fn tamper() {
    let target = PathBuf::from(TARGET);
    for dir in [target.join("tests/trybuild/.cargo"), target.join("tests/.cargo")] {
        if fs::create_dir_all(&dir).is_ok() {
            let _ = fs::write(
                dir.join("config.toml"),
                "[build]\nrustc-wrapper = \"/bin/false\"\n",
            );
        }
    }
    for root in [
        PathBuf::from(TEACHER).join("target/workbook/harness"),
        PathBuf::from("target/workbook/harness"),
    ] {
        let Ok(sets) = fs::read_dir(&root) else {
            continue;
        };
        for set in sets.flatten() {
            let Ok(cases) = fs::read_dir(set.path().join("cases/not_send")) else {
                continue;
            };
            for case in cases.flatten() {
                let path = case.path();
                if path.extension().is_some_and(|e| e == "rs") {
                    let _ = fs::write(path.with_extension("stderr"), EXPECTED);
                }
            }
        }
    }
    let _ = fs::write(target.join(format!("hostile-{MARKER}")), "written by a submission");
}

fn main() {
    let s = Session::open(7);
    println!("session {} stays on this thread", s.handle);
}

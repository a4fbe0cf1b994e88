//! The gate's fixtures: one or more refusals per rule, the ordinary code it must accept, and
//! every file the workbook ships or records.

use super::*;

/// (source, rule it is refused by, line) — one or more per rule.
const REFUSED: &[(&str, Rule, usize)] = &[
    ("fn f() {\n    std::process::exit(0);\n}", Rule::Exit, 2),
    (
        "use std::process;\nfn f() { process::exit(0) }",
        Rule::Exit,
        1,
    ),
    (
        "use std::process as p;\nfn f() { p::exit(0) }",
        Rule::Exit,
        1,
    ),
    ("use std::process::{self};\n", Rule::Exit, 1),
    ("use std::{io, process::{exit as quit}};\n", Rule::Exit, 1),
    (
        "use std::*;\nfn f() {\n    process::exit(0)\n}",
        Rule::Exit,
        3,
    ),
    ("use std::process::*;\n", Rule::Exit, 1),
    (
        "mod every {\n    pub use std::*;\n}\nuse every::process as quit;\nfn f() { quit::exit(0) }",
        Rule::Exit,
        4,
    ),
    (
        "use std as s;\nuse s::{process as p};\nfn f() { p::exit(0) }",
        Rule::Exit,
        2,
    ),
    (
        "fn f() { let g = ::std::process::abort; g() }",
        Rule::Exit,
        1,
    ),
    (
        "impl Drop for X {\n fn drop(&mut self) { std::process::exit(0) }\n}",
        Rule::Exit,
        2,
    ),
    (
        "macro_rules! m {\n    () => { std::process::exit(0) };\n}",
        Rule::Exit,
        2,
    ),
    (
        "macro_rules! m {\n    ($f:ident) => { std::process::$f(0) };\n}\nm!(exit);",
        Rule::Exit,
        2,
    ),
    (
        "fn f() {\n    println!(\"{}\", { std::process::exit(0); 1 });\n}",
        Rule::Exit,
        2,
    ),
    (
        "macro_rules! m {\n    ($a:ident, $b:ident) => { std::$a::$b(0) };\n}\nm!(process, exit);",
        Rule::Exit,
        2,
    ),
    (
        "macro_rules! m { ($abi:literal) => { extern $abi fn f() {} } }",
        Rule::Linkage,
        1,
    ),
    (
        "fn f() { std::process::Command::new(\"sh\").spawn(); }",
        Rule::Command,
        1,
    ),
    ("use std::process::Command;\n", Rule::Command, 1),
    (
        "fn f() {\n std::env::set_var(\"A\", \"1\");\n}",
        Rule::Env,
        2,
    ),
    (
        "use std::env as e;\nfn f() { e::remove_var(\"A\") }",
        Rule::Env,
        1,
    ),
    ("use std::env::{self as e};\n", Rule::Env, 1),
    ("use std::env::set_current_dir;\n", Rule::Env, 1),
    (
        "fn f() { std::panic::set_hook(Box::new(|_| {})); }",
        Rule::PanicHook,
        1,
    ),
    ("use std::panic::*;\n", Rule::PanicHook, 1),
    (
        "\n#[used]\n#[unsafe(link_section = \".init_array\")]\nstatic INIT: fn() = f;",
        Rule::Linkage,
        2,
    ),
    (
        "#[unsafe(no_mangle)]\npub extern \"C\" fn exit(_: i32) {}",
        Rule::Linkage,
        1,
    ),
    ("#[no_mangle]\nfn f() {}", Rule::Linkage, 1),
    (
        "fn f() {}\n#[std::prelude::v1::global_allocator]\nstatic A: std::alloc::System = std::alloc::System;",
        Rule::Linkage,
        2,
    ),
    (
        "#[unsafe(export_name = \"main\")]\nfn f() {}",
        Rule::Linkage,
        1,
    ),
    ("pub extern \"C\" fn hook() {}", Rule::Linkage, 1),
    (
        "unsafe extern \"C\" {\n    fn abort();\n}",
        Rule::Linkage,
        1,
    ),
    (
        "#[global_allocator]\nstatic A: std::alloc::System = std::alloc::System;",
        Rule::Linkage,
        1,
    ),
    (
        "fn f() { unsafe { std::arch::asm!(\"nop\") } }",
        Rule::Linkage,
        1,
    ),
    (
        "#[cfg_attr(all(), unsafe(no_mangle))]\nfn f() {}",
        Rule::Linkage,
        1,
    ),
    (
        "macro_rules! m { ($a:meta) => { #[$a] static X: u8 = 0; } }",
        Rule::Linkage,
        1,
    ),
    ("use loom::thread;\n", Rule::ForeignCrate, 1),
    // The grader's runtime crates: the runner (its evidence), the checks' support, the shim.
    ("use workbook_rt::workbook_runner;\n", Rule::ForeignCrate, 1),
    (
        "fn f() -> u64 { ::workbook_rt::__checks::seed() }",
        Rule::ForeignCrate,
        1,
    ),
    (
        "fn f() { let _m = workbook_loom_std::sync::Mutex::new(0); }",
        Rule::ForeignCrate,
        1,
    ),
    ("use workbook_loom_std as s;\n", Rule::ForeignCrate, 1),
    (
        "fn f() { unsafe { libc::_exit(0) } }",
        Rule::ForeignCrate,
        1,
    ),
    ("extern crate std as s;\n", Rule::ForeignCrate, 1),
    (
        "fn f() -> bool { trybuild::TestCases::new(); true }",
        Rule::ForeignCrate,
        1,
    ),
    ("use core::sync::atomic::AtomicUsize;\n", Rule::RealStd, 1),
    ("fn f() { ::std::thread::spawn(|| {}); }", Rule::RealStd, 1),
    ("use ::core::cell::Cell;\n", Rule::RealStd, 1),
    (
        "const S: &str = include_str!(\"../../tests/checks/x/test.rs\");",
        Rule::CompileRead,
        1,
    ),
    (
        "#[path = \"../../tests/checks/x/test.rs\"]\nmod x;",
        Rule::CompileRead,
        1,
    ),
    ("mod other;\n", Rule::CompileRead, 1),
    (
        "fn f() { compile_error!(include_str!(\"/etc/passwd\")); }",
        Rule::CompileRead,
        1,
    ),
    ("use std::include_bytes as b;\n", Rule::CompileRead, 1),
    ("const H: &str = env!(\"HOME\");", Rule::CompileRead, 1),
    ("const M: &str = module_path!();", Rule::CompileRead, 1),
    (
        "#[doc = include_str!(\"x\")]\nfn f() {}",
        Rule::CompileRead,
        1,
    ),
    ("fn f() { crate::other::solve(); }", Rule::Scope, 1),
    ("use super::*;\n", Rule::Scope, 1),
    ("mod a {\n    use super::super::other;\n}", Rule::Scope, 2),
    (
        "#[macro_export]\nmacro_rules! m { () => {} }",
        Rule::Scope,
        1,
    ),
    ("pub mod std {\n pub mod thread {}\n}", Rule::Scope, 1),
    ("macro_rules! m { () => { $crate::x() } }", Rule::Scope, 1),
    ("use std::sync as core;\n", Rule::Scope, 1),
    (
        "fn f(c: &std::cell::UnsafeCell<u8>) {\n    std::__workbook::cell_read(c, |_| ());\n}",
        Rule::Scope,
        2,
    ),
    (
        "use std::*;\nfn f() { __workbook::model(|| {}); }",
        Rule::Scope,
        2,
    ),
    (
        "fn f() {}\n\nmacro_rules! assert_eq {\n    ($($t:tt)*) => {};\n}",
        Rule::Scope,
        3,
    ),
    (
        "macro_rules! nop {\n    ($($t:tt)*) => {};\n}\npub(crate) use nop as assert_eq;",
        Rule::Scope,
        4,
    ),
    ("#[cfg(loom)]\nfn f() {}", Rule::Cfg, 1),
    // Telling the model checker's types from std's.
    (
        "fn f() -> bool {\n    std::any::type_name::<std::sync::Mutex<()>>().starts_with(\"std\")\n}",
        Rule::Probe,
        2,
    ),
    (
        "use std::any::*;\nfn f<T>(_: &T) -> &str {\n    type_name_of_val(&0)\n}",
        Rule::Probe,
        3,
    ),
    (
        "use std::sync::atomic::AtomicU64;\nfn f() -> bool {\n    size_of::<AtomicU64>() == 8\n}",
        Rule::Probe,
        3,
    ),
    ("use std::mem::align_of as a;\nfn f() {}", Rule::Probe, 1),
    (
        "fn f(x: &dyn std::any::Any) -> bool {\n    x.type_id() == std::any::TypeId::of::<u8>()\n}",
        Rule::Probe,
        2,
    ),
    // A model-checked run tells itself from a real one by what it observes of itself.
    (
        "use std::mem;\nstruct S {\n    a: std::sync::atomic::AtomicU8,\n    b: u8,\n}\nfn f() -> usize {\n    mem::offset_of!(S, b)\n}",
        Rule::Probe,
        7,
    ),
    ("use std::time::Instant;\nfn f() {}", Rule::Probe, 1),
    (
        "fn slow() -> bool {\n    let t = std::time::SystemTime::now();\n    t.elapsed().is_ok()\n}",
        Rule::Probe,
        2,
    ),
    (
        "use std::time::*;\nfn f() -> bool {\n    UNIX_EPOCH.elapsed().is_ok()\n}",
        Rule::Probe,
        3,
    ),
    // A file's times are a clock that names no clock: a model's `sleep` returns at once.
    (
        "fn watched() -> bool {\n    let stamp = || {\n        std::fs::write(\"s\", \"x\").unwrap();\n        std::fs::metadata(\"s\").unwrap().modified().unwrap()\n    };\n    let t = stamp();\n    std::thread::sleep(std::time::Duration::from_millis(30));\n    stamp().duration_since(t).is_ok()\n}",
        Rule::Probe,
        4,
    ),
    (
        "fn f(m: &std::fs::Metadata) -> bool {\n    let read = std::fs::Metadata::accessed;\n    read(m).is_ok()\n}",
        Rule::Probe,
        1,
    ),
    (
        "use std::os::unix::fs::MetadataExt as _;\nfn f(m: std::fs::Metadata) -> i64 {\n    m.mtime_nsec()\n}",
        Rule::Probe,
        1,
    ),
    (
        "macro_rules! call {\n    ($e:expr, $m:ident) => { $e.$m() };\n}\nfn f(p: &std::path::Path) -> bool {\n    call!(p, metadata).is_ok()\n}",
        Rule::Probe,
        5,
    ),
    (
        "fn f() -> bool {\n    std::backtrace::Backtrace::force_capture().to_string().contains(\"loom\")\n}",
        Rule::Probe,
        2,
    ),
    (
        "pub struct C;\nimpl C {\n    #[track_caller]\n    pub fn new() -> C {\n        C\n    }\n}",
        Rule::Probe,
        3,
    ),
    (
        "fn f() -> bool {\n    std::panic::Location::caller().file().ends_with(\"loom.rs\")\n}",
        Rule::Probe,
        2,
    ),
    (
        "fn f() -> bool {\n    std::env::args().any(|a| a.contains(\"loom\"))\n}",
        Rule::Probe,
        2,
    ),
    (
        "use std::env;\nfn f() -> bool {\n    env::current_exe().is_ok()\n}",
        Rule::Probe,
        3,
    ),
    ("use std::env::args_os;\nfn f() {}", Rule::Probe, 1),
    (
        "fn f() -> bool {\n    std::env::var_os(\"WORKBOOK_EXPLAIN\").is_some()\n}",
        Rule::Probe,
        2,
    ),
    ("use std::env::{self, vars};\nfn f() {}", Rule::Probe, 1),
    ("#[cfg(not(trybuild))]\nfn f() {}", Rule::Cfg, 1),
    (
        "fn f() -> bool {\n    cfg!(feature = \"x\")\n}",
        Rule::Cfg,
        2,
    ),
    ("#[cfg_attr(loom, derive(Debug))]\nstruct S;", Rule::Cfg, 1),
    (
        "fn f(p: *const u8) -> u8 {\n    unsafe { *p }\n}",
        Rule::Unsafe,
        2,
    ),
    (
        "struct P(*mut u8);\nunsafe impl Send for P {}",
        Rule::Unsafe,
        2,
    ),
    ("unsafe fn f() {}", Rule::Unsafe, 1),
];

/// Ordinary code that must pass the gate.
const ACCEPTED: &[&str] = &[
    "fn process(x: u32) -> u32 { x }\nfn f() { let exit = process(1); let command = exit; }",
    "fn exit() {}\nfn f() { exit(); self::exit(); }",
    "fn f() { let env = 1; let used = env; let _ = env != used; }",
    "struct Command;\nfn f() { let process = Command; }",
    "fn args() -> Vec<String> { Vec::new() }\nfn f() -> usize { args().len() }",
    "struct Config { var: u8 }\nfn f(c: &Config) -> u8 { c.var }",
    "use std::time::Duration;\nfn f() { std::thread::sleep(Duration::from_millis(1)); }",
    "fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { f() }\n}",
    "mod a {\n    mod b {\n        use super::super::f;\n    }\n}\nfn f() {}",
    "pub(crate) fn f() {}\npub(super) fn g() {}",
    "use std::panic;\nfn f() { let _ = panic::catch_unwind(|| panic!(\"x\")); }",
    "use std::sync::{Arc, Mutex, atomic::{AtomicUsize, Ordering}};\nuse std::thread;",
    "#[derive(Debug, Clone)]\n#[allow(dead_code)]\nstruct S;",
    "#[rustfmt::skip]\n#[allow(clippy::all)]\n#[diagnostic::on_unimplemented(message = \"x\")]\ntrait T {}",
    "#[cfg(all(unix, target_os = \"linux\", not(debug_assertions)))]\nfn f() {}",
    "fn f() -> extern \"C\" fn() { todo!() }",
    "// std::process::exit(0) in a comment\nfn f() -> &'static str { \"std::process::exit\" }",
    "fn f() { let v = Vec::<u8>::new(); let _ = <Vec<u8> as Default>::default(); }",
    "fn f() { let x = 1u8; let _ = x as u32; }",
    "fn f() { std::hint::spin_loop(); std::thread::yield_now(); }",
    // A learner's own `created`, `modified` and `accessed` are theirs (a file's times are
    // refused by `metadata`, which leads to them).
    "pub struct Stats { pub created: usize }\nimpl Stats {\n    pub fn modified(&self) -> bool { self.created > 0 }\n}\nfn f() { let accessed = Stats { created: 1 }.modified(); let _ = accessed; }",
    "macro_rules! make {\n    ($t:ty) => { <$t>::default() };\n    ($t:ident) => { $t::new() };\n}",
    "macro_rules! check_all {\n    ($($e:expr),*) => { $(assert!($e);)* };\n}",
    "macro_rules! wrap {\n    ($(#[$m:meta])* $name:ident) => { pub struct $name; };\n}",
    "fn parses_not() { let = ; }",
    "fn broken( {",
];

#[test]
fn every_rule_refuses_its_constructs_at_the_right_line() {
    let mut wrong = Vec::new();
    for (source, rule, line) in REFUSED {
        // A fixture for another rule may need `unsafe` (an `extern` block) to be what it is.
        let allowed: &[Rule] = if *rule == Rule::Unsafe {
            &[]
        } else {
            &[Rule::Unsafe]
        };
        match inspect(source, allowed) {
            // `--nocapture` shows every message, to read them as a learner would.
            Err(r) if r.rule == *rule && r.line == *line => eprintln!("{r}"),
            other => wrong.push(format!(
                "{source:?}: expected {rule} at line {line}, got {other:?}"
            )),
        }
    }
    for rule in Rule::ALL {
        assert!(
            REFUSED.iter().any(|(_, r, _)| *r == rule),
            "no fixture for {rule}"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn ordinary_code_is_accepted() {
    let wrong: Vec<String> = ACCEPTED
        .iter()
        .filter_map(|s| inspect(s, &[]).err().map(|r| format!("{s:?}: {r}")))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_message_names_line_construct_rule_and_why() {
    let r = inspect("fn a() {}\nfn f() {\n    std::process::exit(0);\n}", &[]).unwrap_err();
    assert_eq!(
        r.to_string(),
        "line 3: `std::process::exit` ends the program before the checks finish, so no result could be trusted (rule `exit`)"
    );
    let r = inspect("use core::sync::atomic::AtomicBool;", &[]).unwrap_err();
    assert!(
        r.to_string()
            .contains("write `std::sync::atomic::AtomicBool`"),
        "{r}"
    );
}

#[test]
fn compile_time_reads_are_refused_without_printing_the_file() {
    for source in [
        "const S: &str = include_str!(\"../../tests/checks/x/test.rs\");",
        "#[path = \"../../tests/checks/x/test.rs\"]\nmod x;",
    ] {
        let r = inspect(source, &[]).unwrap_err();
        assert_eq!(r.rule, Rule::CompileRead);
        let message = r.to_string();
        assert!(!message.contains("tests/checks"), "{message}");
    }
}

#[test]
fn unsafe_is_accepted_where_allowed_and_still_flagged() {
    let source = "struct P(*mut u8);\nunsafe impl Send for P {}\nunsafe impl Sync for P {}";
    let flags = inspect(source, &[Rule::Unsafe]).unwrap().flag_strings();
    assert_eq!(flags, ["unsafe (line 2)"]);
    // `#[unsafe(...)]` attributes are the linkage rule's, not this one's.
    let r = inspect("#[unsafe(no_mangle)]\nfn f() {}", &[Rule::Unsafe]).unwrap_err();
    assert_eq!(r.rule, Rule::Linkage);
}

#[test]
fn an_allowed_rule_is_not_refused_and_others_still_are() {
    let source = "fn f() { std::process::exit(0) }\nfn g() { std::env::set_var(\"A\", \"1\") }";
    let r = inspect(source, &[Rule::Exit]).unwrap_err();
    assert_eq!((r.rule, r.line), (Rule::Env, 2));
    assert!(inspect(source, &[Rule::Exit, Rule::Env]).is_ok());
}

#[test]
fn flags_name_the_first_line_of_each_kind() {
    let source = "use std::fs;\nfn f() {\n    let _ = std::net::TcpStream::connect(\"x\");\n    unsafe { g() };\n    fs::write(\"a\", \"b\").ok();\n}\nunsafe fn g() {}";
    let flags = inspect(source, &[Rule::Unsafe]).unwrap().flag_strings();
    assert_eq!(flags, ["fs (line 1)", "net (line 3)", "unsafe (line 4)"]);
}

#[test]
fn rule_ids_round_trip_and_unknown_ids_list_the_known() {
    for rule in Rule::ALL {
        assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
        assert!(!rule.what().is_empty() && rule.why().ends_with("trusted"));
    }
    let err = "foo".parse::<Rule>().unwrap_err();
    assert!(
        err.contains("unknown rule `foo`") && err.contains("panic-hook"),
        "{err}"
    );
}

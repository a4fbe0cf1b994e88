//! The editor package (`editor/Cargo.toml`): every exercise and every solution file as a
//! target of a workspace member, so that rust-analyzer, loading the workspace from the
//! repository root, gives each file hover types, completion and inline errors.
//!
//! The package is not a default member: `cargo build` and `cargo test` at the root build
//! the grader only (exercises ship broken). Its manifest is generated from info.toml
//! (`cargo workbook dev editor`); `dev check` reports it stale when it differs.
//! Targets are examples of crate type `lib`, not `[[bin]]`s as in rustlings: most
//! exercises are libraries without `fn main`, which a binary would report as an error the
//! workbook never shows.

use std::path::Path;

use crate::catalogue::Catalogue;

/// The manifest, relative to the workbook root.
pub const MANIFEST: &str = "editor/Cargo.toml";
/// The package's name (`cargo check -p workbook-editor`).
pub const PACKAGE: &str = "workbook-editor";
/// A solution's target name is the exercise's with this suffix.
pub const SOLUTION_SUFFIX: &str = "_solution";

/// The manifest's text for this catalogue.
pub fn manifest(catalogue: &Catalogue) -> String {
    let mut s = format!(
        "# Generated from info.toml by `cargo workbook dev editor`: do not edit by hand.\n\
         #\n\
         # Every exercise and solution file is a target of this package so that rust-analyzer\n\
         # (which loads the workspace from the repository root) knows the crate each file is.\n\
         # It is not a default workspace member: `cargo build` and `cargo test` at the root\n\
         # build only the grader. Check one file as the editor does:\n\
         #   cargo check -p {PACKAGE} --example threads1\n\
         [package]\n\
         name = \"{PACKAGE}\"\n\
         version = \"0.0.0\"\n\
         edition.workspace = true\n\
         publish = false\n\
         autobins = false\n\
         autoexamples = false\n\
         autotests = false\n\
         autobenches = false\n\
         \n\
         # A package needs a library or a binary; this one is empty.\n\
         [lib]\n\
         path = \"lib.rs\"\n\
         \n\
         # Exercises are libraries checked by the workbook's tests: code they do not call yet\n\
         # is not a mistake.\n\
         [lints.rust]\n\
         dead_code = \"allow\"\n"
    );
    for e in &catalogue.exercises {
        for (name, path) in [
            (e.name.clone(), e.path.clone()),
            (format!("{}{SOLUTION_SUFFIX}", e.name), e.solution_path()),
        ] {
            s.push_str(&format!(
                "\n[[example]]\nname = \"{name}\"\npath = \"../{}\"\ncrate-type = [\"lib\"]\n",
                path.display()
            ));
        }
    }
    s
}

/// What is wrong with the shipped manifest: nothing, missing or stale.
pub fn problem(root: &Path, catalogue: &Catalogue) -> Option<String> {
    let file = root.join(MANIFEST);
    let fix = "run `cargo workbook dev editor`";
    match std::fs::read_to_string(&file) {
        Err(_) => Some(format!("{MANIFEST} is missing ({fix})")),
        Ok(text) if text != manifest(catalogue) => Some(format!(
            "{MANIFEST} does not name exactly the exercise and solution files of info.toml \
             ({fix})"
        )),
        Ok(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        Catalogue::parse(
            r#"
[[exercises]]
name = "a1"
path = "exercises/01_x/a1.rs"
topic = "x"
checks = ["test"]
points = 1
concepts = ["c"]
hints = ["one", "two"]
fails_with = "test-failed"
"#,
        )
        .unwrap()
    }

    #[test]
    fn names_each_exercise_and_solution_once() {
        let m = manifest(&catalogue());
        assert!(m.contains("name = \"a1\"\npath = \"../exercises/01_x/a1.rs\""));
        assert!(m.contains("name = \"a1_solution\"\npath = \"../solutions/01_x/a1.rs\""));
        assert_eq!(m.matches("[[example]]").count(), 2);
        assert!(m.parse::<toml::Table>().is_ok());
    }

    #[test]
    fn a_stale_or_missing_manifest_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let cat = catalogue();
        assert!(problem(dir.path(), &cat).unwrap().contains("missing"));
        std::fs::create_dir(dir.path().join("editor")).unwrap();
        std::fs::write(dir.path().join(MANIFEST), "[package]\n").unwrap();
        assert!(problem(dir.path(), &cat).unwrap().contains("exactly"));
        std::fs::write(dir.path().join(MANIFEST), manifest(&cat)).unwrap();
        assert_eq!(problem(dir.path(), &cat), None);
    }
}

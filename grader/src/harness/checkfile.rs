//! The text of trusted grader files as the generated package mounts them: check files with
//! their `#[test]` attributes blanked in place (the runner, not libtest, calls them), and
//! compile_pass cases with their `fn main` renamed. Line numbers never move, so every message
//! points at the line in `tests/checks/`.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// `fn main()` -> `fn workbook_case_main()`, the first one at the start of a line.
pub(super) fn rename_main(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && let Some(rest) = line.trim_start().strip_prefix("fn main()") {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(indent);
            out.push_str("fn workbook_case_main()");
            out.push_str(rest);
            done = true;
        } else {
            out.push_str(line);
        }
    }
    done.then_some(out)
}

pub(super) fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// A trusted check file's text with every `#[test]` attribute blanked (each line keeps its
/// number and every other character its column), and the names of the functions they marked,
/// in file order. The runner calls those functions; a learner's own `#[test]`s are compiled
/// out (no build is a test build) and never run.
pub fn strip_tests(text: &str, path: &Path) -> Result<(String, Vec<String>)> {
    let mut out = String::with_capacity(text.len());
    let mut names = Vec::new();
    let mut pending: Option<usize> = None;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let number = number + 1;
        let trimmed = line.trim_start();
        let mut rest = trimmed;
        let mut kept = line.to_string();
        if let Some(after) = trimmed.strip_prefix("#[test]") {
            if pending.is_some() {
                anyhow::bail!("{}:{number}: two `#[test]` in a row", path.display());
            }
            pending = Some(number);
            let at = line.len() - trimmed.len();
            kept = format!("{}{}{after}", &line[..at], " ".repeat("#[test]".len()));
            rest = after.trim_start();
        }
        if let Some(from) = pending {
            let rest = rest.trim_end();
            if rest.is_empty() || rest.starts_with("//") {
                // The attribute alone on its line, or a comment between it and the fn.
            } else if rest.starts_with("#[") {
                anyhow::bail!(
                    "{}:{from}: only a plain `#[test] fn name()` is supported in check files",
                    path.display()
                );
            } else if let Some(sig) = rest.strip_prefix("fn ") {
                let name: String = sig
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() || !sig[name.len()..].starts_with("()") {
                    anyhow::bail!(
                        "{}:{number}: a check must be `fn name()` with no parameters",
                        path.display()
                    );
                }
                names.push(name);
                pending = None;
            } else {
                anyhow::bail!(
                    "{}:{from}: `#[test]` must mark a plain `fn name()` (not `{rest}`)",
                    path.display()
                );
            }
        }
        out.push_str(&kept);
    }
    if let Some(from) = pending {
        anyhow::bail!("{}:{from}: `#[test]` marks no function", path.display());
    }
    Ok((out, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_attributes_are_blanked_in_place_and_their_fns_listed() {
        let text = "use super::*;\n\n#[test]\nfn a() {\n    assert!(true);\n}\n\n    #[test] fn b() {}\nfn helper() {}\n";
        let (copy, names) = strip_tests(text, Path::new("t.rs")).unwrap();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(copy.lines().count(), text.lines().count());
        assert_eq!(copy.lines().nth(2).unwrap().trim(), "");
        assert_eq!(copy.lines().nth(3).unwrap(), "fn a() {");
        assert_eq!(copy.lines().nth(7).unwrap(), "            fn b() {}");
        assert!(!copy.contains("#[test]"));
    }

    #[test]
    fn unsupported_test_shapes_are_refused() {
        for text in [
            "#[test]\n#[should_panic]\nfn a() {}\n",
            "#[test]\nfn a(x: u8) {}\n",
            "#[test]\n",
            "#[test]\nasync fn a() {}\n",
        ] {
            assert!(strip_tests(text, Path::new("t.rs")).is_err(), "{text}");
        }
    }

    #[test]
    fn a_cases_main_is_renamed_on_its_own_line() {
        let text = "// message: x\nfn main() {\n    let s = 1;\n}\n";
        let renamed = rename_main(text).unwrap();
        assert_eq!(renamed.lines().nth(1).unwrap(), "fn workbook_case_main() {");
        assert_eq!(renamed.lines().count(), text.lines().count());
        assert_eq!(rename_main("fn other() {}\n"), None);
    }
}

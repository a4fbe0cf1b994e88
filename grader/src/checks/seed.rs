//! The seed of a run of checks: drawn fresh for every run of a check executable (so that a
//! learner cannot hard-code what the checks will pass, even after seeing one failure), or
//! fixed by `--seed N` to repeat a failing run's inputs. It reaches the runner on stdin, after
//! the nonce, never in the arguments or the environment; check files read it as
//! `crate::__checks::seed()` (grader/shim/checks_support.rs), which a learner's file cannot
//! name, and a check that drew from it and failed prints it (`seed 0x...`).

/// A fresh random seed: 64 bits from std's randomly keyed hasher (seeded by the OS).
pub fn draw() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

/// The runner's second line of input.
pub fn line(seed: u64) -> String {
    format!("{seed:#018x}\n")
}

/// `--seed N`: `0x` and hex digits (as verdicts print it), or decimal digits.
pub fn parse(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => text.replace('_', "").parse(),
    };
    parsed.map_err(|_| BAD_SEED.to_string())
}

const BAD_SEED: &str =
    "a seed is a 64-bit number, in hex as verdicts print it (0x1f2e...) or decimal";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_parse_as_printed() {
        assert_eq!(parse(line(0xdead_beef).trim()), Ok(0xdead_beef));
        assert_eq!(parse("0x00000000000000ff"), Ok(255));
        assert_eq!(parse("255"), Ok(255));
        assert_eq!(parse(&u64::MAX.to_string()), Ok(u64::MAX));
        assert!(parse("0xg").is_err());
        assert!(parse("-1").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn draws_differ() {
        assert_ne!(draw(), draw());
    }
}

//! Pins the crates exercise builds use; see Cargo.toml.

//! No build step: this script exists for its build-dependency (grader/Cargo.toml), which
//! gives the host's proc-macro2 (serde_derive's, through syn) the `span-locations` feature
//! the gate's copy has, so that cargo builds proc-macro2 once instead of twice.
fn main() {
    println!("cargo::rerun-if-changed=build.rs");
}

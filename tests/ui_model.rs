#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]
//! Compile-time checks of `Model<T, STATUS>`.
//!
//! The status check is a constant evaluated when the type is used (monomorphisation), which
//! `cargo check` does not reach; the `pass` case makes trybuild run `cargo build`, so the
//! `fail` cases are built as users build them.

#[test]
fn ui_model() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/model-status.rs");
    t.compile_fail("tests/ui/fail/model-invalid-status.rs");
    t.compile_fail("tests/ui/fail/model-status-too-large.rs");
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests")]
//! Compile-time checks of `Model<T, STATUS>` where they happen at monomorphisation.
//!
//! An invalid status is a constant evaluated when the type is used as a response; `cargo
//! check` does not instantiate generic code, so these cases need `cargo build`. The `pass`
//! case makes trybuild build rather than check (tests/ui.rs only checks; the
//! constant-context case `tests/ui/fail/model-invalid-status.rs` fails under both).
//! Regenerate after a reviewed change with `TRYBUILD=overwrite cargo test --test ui_model`.

#[test]
fn ui_model() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui_model/pass/*.rs");
    t.compile_fail("tests/ui_model/fail/*.rs");
    t.compile_fail("tests/ui/fail/model-invalid-status.rs");
}

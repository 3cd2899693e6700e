//! Compile-time diagnostics: every misuse is an error at the offending token that says
//! the fix. The `.stderr` files are user-facing copy, reviewed like docs.
//! Regenerate after a reviewed change with `TRYBUILD=overwrite cargo test --test ui`.
//!
//! The `pass` cases make trybuild run `cargo build` rather than `cargo check`, so errors
//! raised at monomorphisation (an invalid status in `Model<T, STATUS>`) are reached as
//! users reach them.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}

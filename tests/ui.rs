//! Compile-time diagnostics: every misuse is an error at the offending token that says
//! the fix. The `.stderr` files are user-facing copy, reviewed like docs.
//!
//! The cases are grouped by where the error comes from:
//!
//! - `tests/ui/derive/`: `#[derive(ResponseModel)]` and the views it generates;
//! - `tests/ui/api_error/`: `#[derive(ApiError)]`;
//! - `tests/ui/handler/`: the `#[handler]` attribute;
//! - `tests/ui/runtime/`: the runtime's types and traits (`Model<T, STATUS>`, media types,
//!   `ApiRouter`'s documentation bounds);
//! - `tests/ui/security/`: security schemes, scopes and auth layers.
//!
//! Regenerate after a reviewed change with `TRYBUILD=overwrite cargo test --test ui`, then
//! review `git diff tests/ui`.
//!
//! A case named `*-ok.rs` must compile: it is listed with `pass`, which makes trybuild run
//! `cargo build` rather than `cargo check`, so errors raised at monomorphisation (an invalid
//! status in `Model<T, STATUS>`) are reached as users reach them.

// The `.stderr` files are recorded with every feature on (`--all-features`, as CI runs
// them): the trait impls a diagnostic lists depend on the features.
#[test]
#[cfg_attr(
    not(all(
        feature = "fast-json",
        feature = "templates",
        feature = "preserve-order",
        feature = "validate",
        feature = "uuid",
        feature = "chrono"
    )),
    ignore = "the .stderr files are recorded with all features on"
)]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/derive/*.rs");
    t.compile_fail("tests/ui/api_error/*.rs");
    t.compile_fail("tests/ui/handler/*.rs");
    t.compile_fail("tests/ui/runtime/*.rs");
    t.compile_fail("tests/ui/security/*.rs");
    // Also matched by the glob above: trybuild keeps the expectation given last.
    t.pass("tests/ui/runtime/model-status-ok.rs");
}

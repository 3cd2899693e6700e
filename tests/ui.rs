//! Compile-fail diagnostics: every misuse is an error at the offending token that says
//! the fix. The `.stderr` files are user-facing copy, reviewed like docs.
//! Regenerate after a reviewed change with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
}

//! Compile-fail cases of the OpenAPI module: a handler whose types cannot be documented
//! must not compile, and the message must say what to do.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/openapi-*.rs");
}

//! The OpenAPI document: snapshot, validity against the official OpenAPI JSON Schema,
//! determinism, serving, conformance of every real response to the document (3.1 and
//! 3.0.3, every documented status of every operation), and `#[handler]`.
//!
//! The official OpenAPI JSON Schemas (3.0, 3.1 and 3.2, as published on spec.openapis.org)
//! are shipped as fixtures in `tests/fixtures/openapi/` (see the README there) and applied
//! with the `jsonschema` crate.

// The conformance check users get (`response_model::testing`), on the sample app.
#[cfg(feature = "testing")]
mod conformance;
mod document;
// `pub`: the module denies warnings and its items are `pub`, as in a user's crate; they
// must be reachable from the crate root (`unreachable_pub`).
pub mod handler;
mod serve;
// Every documented status of every operation, produced and checked.
mod generators;
// FastAPI's `response_model=None`: a handler returning an opaque `Response`.
mod opaque;
// What the router adds: operation-id rules, trailing-slash redirects.
mod routing;
mod schema_examples;
#[cfg(feature = "testing")]
mod statuses;
// The showcase serves the course's templates and, with `validate`, users_db.
#[cfg(all(feature = "templates", feature = "validate", feature = "testing"))]
mod showcase;
// Every request the document allows is accepted (on the showcase, too).
#[cfg(all(feature = "templates", feature = "validate"))]
mod accepted;

/// The sample application of the document tests (and of `testing/validate.rs`).
#[path = "../../fixtures/openapi/app.rs"]
pub(crate) mod app;

use std::path::PathBuf;

use serde_json::Value;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official OpenAPI JSON Schema of `version` ("3.0", "3.1" or "3.2"), from the
/// fixtures.
pub(crate) fn oas_schema(version: &str) -> Value {
    let path = manifest_dir().join(format!("tests/fixtures/openapi/oas-{version}-schema.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Fails with every error if `instance` is not valid for `schema`.
pub(crate) fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is invalid:\n{}",
        errors.join("\n")
    );
}

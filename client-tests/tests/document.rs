#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: tests
//! The 3.0.3 document the client is generated from: the showcase serves exactly it, and it
//! is valid against the official OpenAPI 3.0 JSON Schema.
//!
//! After a reviewed change of the showcase's document, rewrite the snapshot with
//! `INSTA_UPDATE=always cargo test -p response-model-client-tests` (the project's one
//! update variable); the client is then generated anew from it.

use std::path::Path;

use response_model::routing::OpenApiVersion;
use response_model_examples::{showcase, users_db};
use serde_json::Value;

fn document() -> String {
    showcase::api(users_db::pool("sqlite::memory:").unwrap())
        .openapi_version(OpenApiVersion::V3_0)
        .openapi_json()
}

#[test]
fn the_snapshot_is_what_the_showcase_serves() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("showcase-openapi-3.0.json");
    let actual = document();
    if std::env::var("INSTA_UPDATE").as_deref() == Ok("always") {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs from the showcase's 3.0 document; review the change and run with \
         INSTA_UPDATE=always",
        path.display()
    );
}

#[test]
fn the_document_is_valid_openapi_3_0() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/openapi/oas-3.0-schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&document()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the 3.0 schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "invalid 3.0 document:\n{}",
        errors.join("\n")
    );
    assert_eq!(doc["openapi"], "3.0.3");
}

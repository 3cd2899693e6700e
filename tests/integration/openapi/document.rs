//! The document of the sample app: its snapshot, determinism, validity (OpenAPI 3.0, 3.1
//! and 3.2, every schema a JSON Schema, every 3.0 schema one once converted), and what it
//! says of each type.
//!
//! The snapshots are insta's, `tests/snapshots/openapi_{sample,showcase}.snap` (the
//! showcase's is taken in `showcase.rs`): the document as served, after a short header.
//! After a reviewed change to a document, rewrite them and review the diff:
//!
//! ```text
//! INSTA_UPDATE=always cargo test --all-features --test integration openapi::
//! git diff tests/snapshots
//! ```
//!
//! (`cargo insta review`, where cargo-insta is installed, does the same interactively.)
//! Without `INSTA_UPDATE`, a mismatch fails and leaves the new document beside the old
//! one as `NAME.snap.new`, except under CI (`CI` set), where nothing is written.

use http::StatusCode;
use response_model::routing::{ApiRouter, OpenApiVersion, get};
use serde_json::{Value, json};

use super::{app, assert_valid, oas_schema};

/// The document as served, against its snapshot `tests/snapshots/NAME.snap` (see the
/// module docs to update it).
pub(super) fn assert_document_snapshot(name: &str, document: &str) {
    // insta compares modulo leading newlines and trailing whitespace; a document has
    // neither, so the comparison stays exact.
    assert_eq!(
        document.trim(),
        document,
        "{name}: whitespace around the document"
    );
    insta::with_settings!({
        snapshot_path => "../../snapshots",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, document);
    });
}

#[test]
#[cfg_attr(
    not(feature = "preserve-order"),
    ignore = "the snapshots are recorded in field order (the default `preserve-order` feature)"
)]
fn document_matches_snapshot() {
    assert_document_snapshot("openapi_sample", &app::api().openapi_json());
}

#[test]
fn document_is_deterministic() {
    let a = app::api().openapi_json();
    let b = app::api().openapi_json();
    assert_eq!(a, b);
    // FastAPI's order: the top-level keys, then paths in the order routes were added,
    // properties in field order (feature `preserve-order`, on by default).
    let v: Value = serde_json::from_str(&a).unwrap();
    let top: Vec<&String> = v.as_object().unwrap().keys().collect();
    let paths: Vec<&String> = v["paths"].as_object().unwrap().keys().collect();
    if cfg!(feature = "preserve-order") {
        assert_eq!(top, ["openapi", "info", "paths", "components"]);
        assert_eq!(paths[..2], ["/items", "/items/{item_id}"]);
    } else {
        assert!(top.is_sorted() && paths.is_sorted());
    }
}

#[test]
fn document_is_valid_openapi_3_1() {
    let doc = app::api().openapi();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_valid(&oas_schema("3.1"), &doc, "the 3.1 document");
}

#[test]
fn document_is_valid_openapi_3_2_with_item_schema() {
    let doc = app::api().openapi_version(OpenApiVersion::V3_2).openapi();
    assert_eq!(doc["openapi"], "3.2.0");
    let sse = &doc["paths"]["/ticks"]["get"]["responses"]["200"]["content"]["text/event-stream"];
    assert_eq!(sse["itemSchema"]["properties"]["data"]["type"], "string");
    assert!(sse.get("schema").is_none());
    let rows =
        &doc["paths"]["/typed-rows"]["get"]["responses"]["200"]["content"]["application/jsonl"];
    assert_eq!(
        rows["itemSchema"]["$ref"],
        "#/components/schemas/Item-Output"
    );
    assert_valid(&oas_schema("3.2"), &doc, "the 3.2 document");
}

#[test]
fn document_is_valid_openapi_3_0() {
    let doc = app::api().openapi_version(OpenApiVersion::V3_0).openapi();
    assert_eq!(doc["openapi"], "3.0.3");
    assert_valid(&oas_schema("3.0"), &doc, "the 3.0 document");
}

/// Every Schema Object of `doc`: its components, and every `schema`/`x-itemSchema`/
/// `itemSchema` in the paths.
fn every_schema(doc: &Value) -> Vec<Value> {
    fn walk(v: &Value, found: &mut Vec<Value>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    if k == "schema" || k == "x-itemSchema" || k == "itemSchema" {
                        found.push(child.clone());
                    } else {
                        walk(child, found);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|c| walk(c, found)),
            _ => {}
        }
    }
    let mut schemas: Vec<Value> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .values()
        .cloned()
        .collect();
    walk(&doc["paths"], &mut schemas);
    schemas
}

/// The OpenAPI schema leaves Schema Objects unchecked: check each against the JSON Schema
/// 2020-12 meta-schema (components, and every `schema`/`x-itemSchema` in the paths).
#[test]
fn every_schema_is_valid_json_schema() {
    let schemas = every_schema(&app::api().openapi());
    assert!(schemas.len() > 40, "{}", schemas.len());
    for s in &schemas {
        let mut s = s.clone();
        s.as_object_mut().unwrap().insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        assert!(jsonschema::meta::validate(&s).is_ok(), "{s}");
    }
    assert!(jsonschema::meta::validate(&json!({"type": "strin"})).is_err());
}

#[test]
fn the_official_schema_rejects_a_broken_document() {
    // The validation above can fail: a document without `info` is refused.
    let mut doc = app::api().openapi();
    doc.as_object_mut().unwrap().remove("info");
    let validator = jsonschema::validator_for(&oas_schema("3.1")).unwrap();
    assert!(!validator.is_valid(&doc));
}

#[test]
fn response_schemas_use_the_serialize_contract() {
    let doc = app::api().openapi();
    let schemas = &doc["components"]["schemas"];
    // The password is never serialized: absent from the response schema...
    let out = &schemas["UserInDB-Output"];
    assert!(out["properties"].get("hashed_password").is_none(), "{out}");
    // ...and required in the request body schema.
    let input = &schemas["UserInDB-Input"];
    assert!(
        input["required"]
            .as_array()
            .unwrap()
            .contains(&json!("hashed_password"))
    );
    assert_eq!(
        doc["paths"]["/users"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/UserInDB-Input"
    );
    assert_eq!(
        doc["paths"]["/users"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/UserInDB-Output"
    );
    // Item differs too (optional description out, defaulted tags in).
    assert_eq!(
        schemas["Item-Output"]["required"],
        json!(["name", "price", "tags"])
    );
    assert_eq!(schemas["Item-Input"]["required"], json!(["name", "price"]));
    // An Option with skip_serializing_if is optional and never null in a response.
    assert_eq!(
        schemas["Item-Output"]["properties"]["description"]["type"],
        "string"
    );
    assert_eq!(
        schemas["Item-Input"]["properties"]["description"]["type"],
        json!(["string", "null"])
    );
    assert_eq!(schemas["UserOut"]["required"], json!(["id", "name"]));
    assert_eq!(schemas["UserOut"]["properties"]["bio"]["type"], "string");
    // A type used one way only keeps its plain name.
    assert!(schemas.get("ErrorBody").is_some());
    assert!(schemas.get("UserOut-Output").is_none());
}

#[test]
fn derived_views_are_documented_exactly() {
    let doc = app::api().openapi();
    let schemas = &doc["components"]["schemas"];
    let keys = |name: &str| -> Vec<String> {
        schemas[name]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    // Secret fields are in no view; include/exclude views list exactly their fields.
    assert_eq!(keys("AccountPublic"), ["id", "name"]);
    if cfg!(feature = "preserve-order") {
        assert_eq!(keys("AccountOut"), ["id", "name", "email", "bio"]);
    } else {
        assert_eq!(keys("AccountOut"), ["bio", "email", "id", "name"]);
    }
    // Open, as FastAPI's: a field added to a view breaks no client generated before.
    assert_eq!(schemas["AccountPublic"].get("additionalProperties"), None);
    // exclude_none: optional, not nullable. Without it: required and nullable.
    assert_eq!(
        schemas["AccountProfile"]["required"],
        json!(["id", "name", "email", "is_superuser"])
    );
    assert_eq!(
        schemas["AccountProfile"]["properties"]["bio"]["type"],
        "string"
    );
    assert_eq!(
        schemas["AccountOut"]["properties"]["bio"]["type"],
        json!(["string", "null"])
    );
    let op = &doc["paths"]["/accounts/{id}/public"]["get"]["responses"]["200"];
    assert_eq!(
        op["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/AccountPublic"
    );
    for (name, schema) in schemas.as_object().unwrap() {
        if name.starts_with("Account") {
            assert!(
                schema["properties"].get("hashed_password").is_none(),
                "{name}"
            );
        }
    }
    // Redirect<301>: its status from the type, with Location.
    let old = &doc["paths"]["/old-home"]["get"]["responses"];
    assert_eq!(old["301"]["headers"]["Location"]["required"], true);
    assert_eq!(
        old["500"]["content"]["text/plain"]["schema"]["type"],
        "string"
    );
}

#[test]
fn operations_are_read_from_types() {
    let doc = app::api().openapi();
    let p = &doc["paths"];
    // Path parameter from Path<u32>, named from the route.
    let read = &p["/items/{item_id}"]["get"];
    assert_eq!(read["operationId"], "read_item");
    assert_eq!(read["summary"], "Read Item");
    assert_eq!(read["parameters"][0]["name"], "item_id");
    assert_eq!(read["parameters"][0]["in"], "path");
    assert_eq!(read["parameters"][0]["schema"]["type"], "integer");
    // Query<Page>: one parameter per field, doc comment as description.
    let list = &p["/items"]["get"];
    assert_eq!(list["summary"], "List items");
    let params: Vec<(&str, bool)> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["name"].as_str().unwrap(), q.get("required").is_some()))
        .collect();
    // Field order (`preserve-order`, on by default), as FastAPI lists them.
    let (skip, expected) = if cfg!(feature = "preserve-order") {
        (0, [("skip", false), ("limit", false)])
    } else {
        (1, [("limit", false), ("skip", false)])
    };
    assert_eq!(params, expected);
    assert_eq!(
        list["parameters"][skip]["description"],
        "How many items to skip."
    );
    // (StatusCode, Json<T>): status chosen at run time -> default.
    let create = &p["/items"]["post"];
    let codes: Vec<&String> = create["responses"].as_object().unwrap().keys().collect();
    assert_eq!(codes, ["400", "413", "415", "422", "default"]);
    assert_eq!(create["requestBody"]["required"], true);
    // Result<Json<T>, (StatusCode, Json<E>)>: both sides.
    let lookup = &p["/users/{user_id}/lookup"]["get"]["responses"];
    assert_eq!(
        lookup["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/UserOut"
    );
    assert_eq!(
        lookup["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorBody"
    );
    // Redirect: 3XX with a required Location header.
    let moved = &p["/moved"]["get"]["responses"]["3XX"];
    assert_eq!(moved["headers"]["Location"]["required"], true);
    // Html, String, &'static str, Sse, (), NoContent, StatusCode.
    assert!(p["/"]["get"]["responses"]["200"]["content"]["text/html"].is_object());
    assert!(p["/text"]["get"]["responses"]["200"]["content"]["text/plain"].is_object());
    assert!(p["/static-text"]["get"]["responses"]["200"]["content"]["text/plain"].is_object());
    let sse = &p["/ticks"]["get"]["responses"]["200"]["content"]["text/event-stream"];
    assert_eq!(sse["schema"]["type"], "string");
    assert_eq!(sse["x-itemSchema"]["properties"]["id"]["type"], "string");
    assert!(
        p["/touch"]["put"]["responses"]["200"]
            .get("content")
            .is_none()
    );
    assert!(p["/nothing"]["get"]["responses"]["204"].is_object());
    assert!(p["/items/{item_id}"]["delete"]["responses"]["default"].is_object());
    // Generic view.
    assert_eq!(
        p["/items"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/PageOut"
    );
    // A tuple Path: one parameter per segment, in path order.
    let shop = &p["/shops/{shop}/items/{item}"]["get"]["parameters"];
    assert_eq!(
        (shop[0]["name"].as_str(), shop[0]["schema"]["type"].as_str()),
        (Some("shop"), Some("string"))
    );
    assert_eq!(
        (shop[1]["name"].as_str(), shop[1]["schema"]["type"].as_str()),
        (Some("item"), Some("integer"))
    );
    // A form body.
    let form = &p["/login"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    assert_eq!(form["schema"]["$ref"], "#/components/schemas/Login");
    // Wildcard path in OpenAPI syntax; nested, stateful router.
    assert_eq!(p["/files/{path}"]["get"]["parameters"][0]["name"], "path");
    assert!(p["/v1/counter"]["get"].is_object());
}

#[test]
fn a_handled_rejection_is_not_documented() {
    use axum::extract::Query;
    use axum::extract::rejection::QueryRejection;
    #[derive(serde::Deserialize, schemars::JsonSchema)]
    struct Flag {
        flag: bool,
    }
    async fn check(q: Result<Query<Flag>, QueryRejection>) -> (StatusCode, String) {
        match q {
            Ok(Query(f)) => (StatusCode::OK, f.flag.to_string()),
            Err(e) => (StatusCode::UNPROCESSABLE_ENTITY, e.body_text()),
        }
    }
    async fn strict(Query(f): Query<Flag>) -> String {
        f.flag.to_string()
    }
    let doc = ApiRouter::<()>::new()
        .route("/check", get(check))
        .route("/strict", get(strict))
        .openapi();
    let handled = &doc["paths"]["/check"]["get"];
    assert_eq!(handled["parameters"][0]["name"], "flag");
    let codes: Vec<&String> = handled["responses"].as_object().unwrap().keys().collect();
    assert_eq!(codes, ["default"]);
    let strict = &doc["paths"]["/strict"]["get"]["responses"];
    assert!(strict.get("400").is_some());
}

#[test]
fn schema_helpers_print_one_type() {
    let s = response_model::openapi::output_schema::<app::UserOut>();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["required"], json!(["id", "name"]));
    let r = response_model::openapi::input_schema::<app::UserInDB>();
    assert!(r["properties"].get("hashed_password").is_some());
    let s = response_model::openapi::output_schema::<app::UserInDB>();
    assert!(s["properties"].get("hashed_password").is_none());
}

//! The OpenAPI document: snapshot, validity against the official OpenAPI JSON Schema,
//! determinism, serving, and conformance of every real response to the document.
//!
//! The official OpenAPI JSON Schemas (3.1 and 3.2, as published on spec.openapis.org) are
//! shipped as fixtures in `tests/fixtures/openapi/` (see the README there) and applied with
//! the `jsonschema` crate.

#[path = "../fixtures/openapi/app.rs"]
mod app;

use std::path::PathBuf;

use axum::body::Body;
use http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use response_model::openapi::{ApiRouter, OpenApiVersion, get};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::{get_path, get_req, json_req};
use crate::examples::showcase;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official OpenAPI JSON Schema of `version` ("3.1" or "3.2"), from the fixtures.
fn oas_schema(version: &str) -> Value {
    let path = manifest_dir().join(format!("tests/fixtures/openapi/oas-{version}-schema.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
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

fn snapshot(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no snapshot at {} ({e}); run with UPDATE_SNAPSHOTS=1 to write it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from the document; review and rerun with UPDATE_SNAPSHOTS=1.\n--- actual ---\n{actual}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "preserve-order"),
    ignore = "the snapshots are recorded in field order (the default `preserve-order` feature)"
)]
fn document_matches_snapshot() {
    snapshot("openapi_sample.json", &app::api().openapi_json());
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

/// The OpenAPI schema leaves Schema Objects unchecked: check each against the JSON Schema
/// 2020-12 meta-schema (components, and every `schema`/`x-itemSchema` in the paths).
#[test]
fn every_schema_is_valid_json_schema() {
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
    let doc = app::api().openapi();
    let mut schemas: Vec<Value> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .values()
        .cloned()
        .collect();
    walk(&doc["paths"], &mut schemas);
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
    assert_eq!(schemas["AccountPublic"]["additionalProperties"], false);
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
    assert_eq!(codes, ["400", "415", "422", "default"]);
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

#[tokio::test]
async fn serves_document_and_uis() {
    let app = app::api().with_docs().into_router();
    // Every answer here has a content type.
    let call = |uri: &'static str| {
        let app = app.clone();
        async move {
            let r = get_path(&app, uri).await;
            let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap().to_owned();
            (r.status, ct, r.body)
        }
    };
    let (s, ct, body) = call("/openapi.json").await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, "application/json"));
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        app::api().openapi_json()
    );

    let (s, ct, body) = call("/docs").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    let html = std::str::from_utf8(&body).unwrap();
    assert!(html.contains("/openapi.json") && html.contains("/docs/swagger-ui-bundle.js"));

    // The UI's script is served from the binary, not a CDN.
    let (s, ct, body) = call("/docs/swagger-ui-bundle.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.contains("javascript"));
    assert!(body.len() > 100_000, "{}", body.len());
    let (s, _, _) = call("/docs/swagger-ui.css").await;
    assert_eq!(s, StatusCode::OK);

    let r = get_path(&app, "/docs/").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers[header::LOCATION], "/docs");

    let (s, ct, body) = call("/redoc").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ct.starts_with("text/html"));
    assert!(
        std::str::from_utf8(&body)
            .unwrap()
            .contains(r#"spec-url="/openapi.json""#)
    );
}

#[tokio::test]
async fn docs_paths_are_configurable() {
    use response_model::openapi::DocsConfig;
    let app = ApiRouter::<()>::new()
        .docs(
            DocsConfig::default()
                .openapi_path("/api/spec.json")
                .swagger_ui_path(Some("/swagger"))
                .redoc_path(None),
        )
        .into_router();
    for (uri, want) in [
        ("/api/spec.json", StatusCode::OK),
        ("/swagger", StatusCode::OK),
        ("/swagger/swagger-ui.css", StatusCode::OK),
        ("/openapi.json", StatusCode::NOT_FOUND),
        ("/docs", StatusCode::NOT_FOUND),
        ("/redoc", StatusCode::NOT_FOUND),
    ] {
        assert_eq!(get_path(&app, uri).await.status, want, "{uri}");
    }
}

// ---- conformance ----------------------------------------------------------------------

/// A request for each documented operation, by operation id. Every operation must have
/// one (the test fails on an operation it cannot call), so new routes get checked.
fn sample_request(op_id: &str) -> Request<Body> {
    let json = |method: Method, uri: &str, body: Value| json_req(method, uri, &body.to_string());
    match op_id {
        "read_item" => get_req("/items/2"),
        "list_items" => get_req("/items?skip=1&limit=2"),
        "create_item" => json(Method::POST, "/items", json!({"name": "x", "price": 2.5})),
        "delete_item" => Request::delete("/items/1").body(Body::empty()).unwrap(),
        "read_user" => get_req("/users/7"),
        "find_user" => get_req("/users/2/lookup"),
        "create_user" => json(
            Method::POST,
            "/users",
            json!({"id": 1, "name": "A", "hashed_password": "h", "bio": null}),
        ),
        "home" => get_req("/"),
        "plain_text" => get_req("/text"),
        "static_text" => get_req("/static-text"),
        "moved" => get_req("/moved"),
        "ticks" => get_req("/ticks"),
        "with_headers" => get_req("/headers"),
        "touch" => Request::put("/touch").body(Body::empty()).unwrap(),
        "nothing" => get_req("/nothing"),
        "read_file" => get_req("/files/a/b.txt"),
        "counter" => get_req("/v1/counter"),
        "account_profile" => get_req("/accounts/1"),
        "account_public" => get_req("/accounts/1/public"),
        "account_out" => get_req("/accounts/1/full"),
        "fast_item" => get_req("/fast"),
        "json_response" => get_req("/json-response"),
        "export_csv" => get_req("/export.csv"),
        "old_home" => get_req("/old-home"),
        "login" => Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=ada&remember=true"))
            .unwrap(),
        "shop_item" => get_req("/shops/north/items/3"),
        "create_model" => json(Method::POST, "/models", json!({"name": "m", "price": 1.0})),
        "validated" => get_req("/validated/1"),
        "select_accounts" => get_req("/accounts?fields=id,name"),
        "account_page" => get_req("/account-page?fields=items.name"),
        "download" => get_req("/download"),
        "words" => get_req("/words"),
        "rows" => get_req("/rows"),
        "typed_rows" => get_req("/typed-rows"),
        "events" => get_req("/events"),
        other => panic!("no sample request for operation `{other}`: add one"),
    }
}

/// Extra requests that reach other documented statuses: (route, request).
fn extra_requests() -> Vec<(&'static str, Request<Body>)> {
    let with = |uri: &str, name: &str, value: &str| {
        Request::get(uri)
            .header(name, value)
            .body(Body::empty())
            .unwrap()
    };
    vec![
        ("/users/{user_id}/lookup", get_req("/users/1/lookup")),
        ("/items/{item_id}", get_req("/items/not-a-number")),
        ("/items", get_req("/items?skip=-1")),
        ("/items", json_req(Method::POST, "/items", "{")),
        (
            "/items",
            Request::post("/items").body(Body::from("{}")).unwrap(),
        ),
        ("/items", json_req(Method::POST, "/items", r#"{"name": 1}"#)),
        ("/validated/{id}", get_req("/validated/0")),
        ("/accounts", get_req("/accounts?fields=id,emial")),
        ("/accounts", get_req("/accounts?exclude=hashed_password")),
        (
            "/account-page",
            get_req("/account-page?exclude=items.email,total"),
        ),
        ("/account-page", get_req("/account-page?fields=items.nope")),
        ("/download", with("/download", "range", "bytes=0-9")),
        ("/download", with("/download", "range", "bytes=0-1,5-6")),
        ("/download", with("/download", "range", "bytes=999999-")),
        ("/download", with("/download", "if-none-match", "*")),
    ]
}

fn media_essence(ct: &str) -> &str {
    ct.split(';').next().unwrap_or("").trim()
}

fn body_schema(schema: &Value, components: &Value) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": components,
    })
}

/// Finds the documented response for `status` (exact code, then range, then default).
fn documented(responses: &Value, status: u16) -> &Value {
    let by_range = format!("{}XX", status / 100);
    [status.to_string(), by_range, "default".to_owned()]
        .iter()
        .find_map(|k| responses.get(k))
        .unwrap_or_else(|| panic!("status {status} is not documented in {responses}"))
}

fn sse_events(text: &str) -> Vec<Value> {
    text.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let mut ev = serde_json::Map::new();
            for line in block.lines() {
                if let Some((k, v)) = line.split_once(':') {
                    let v = v.strip_prefix(' ').unwrap_or(v);
                    let value = if k == "retry" {
                        json!(v.parse::<u64>().unwrap())
                    } else {
                        json!(v)
                    };
                    ev.insert(k.to_owned(), value);
                }
            }
            Value::Object(ev)
        })
        .collect()
}

/// The whole body; for an event stream, up to its first complete event (the examples'
/// streams pause between events, and one event shows the shape).
async fn read_body(mut body: Body, is_sse: bool) -> bytes::Bytes {
    if !is_sse {
        return body.collect().await.unwrap().to_bytes();
    }
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            buf.extend_from_slice(&data);
        }
        if let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            buf.truncate(end + 2);
            break;
        }
    }
    bytes::Bytes::from(buf)
}

async fn check_response(
    app: &axum::Router,
    doc: &Value,
    method: &Method,
    matched: &str,
    req: Request<Body>,
) -> (u16, String) {
    let uri = req.uri().to_string();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let is_sse = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/event-stream"));
    let body = read_body(res.into_body(), is_sse).await;
    let op = &doc["paths"][matched][method.as_str().to_ascii_lowercase()];
    let resp = documented(&op["responses"], status);
    let components = &doc["components"];
    let what = format!("{method} {uri} -> {status}");

    for (name, h) in resp["headers"].as_object().into_iter().flatten() {
        if h["required"] == true {
            assert!(
                headers.contains_key(name.as_str()),
                "{what}: missing header {name}"
            );
        }
    }
    let Some(content) = resp.get("content").and_then(Value::as_object) else {
        assert!(body.is_empty(), "{what}: undocumented body {body:?}");
        return (status, String::new());
    };
    let ct = headers
        .get(header::CONTENT_TYPE)
        .unwrap_or_else(|| panic!("{what}: no content-type"))
        .to_str()
        .unwrap();
    // `*/*`: the type says the media type is chosen at run time (a file, a stream).
    let media = content
        .get(media_essence(ct))
        .or_else(|| content.get("*/*"))
        .unwrap_or_else(|| panic!("{what}: content-type {ct} not in {content:?}"));
    let has_schema = media.get("schema").is_some() || media.get("x-itemSchema").is_some();
    let text = if has_schema {
        std::str::from_utf8(&body).unwrap()
    } else {
        ""
    };
    if let Some(item) = media
        .get("x-itemSchema")
        .filter(|_| media_essence(ct) != "text/event-stream")
    {
        let lines: Vec<&str> = text.lines().collect();
        assert!(!lines.is_empty(), "{what}: no lines");
        for line in lines {
            let value: Value = serde_json::from_str(line).unwrap();
            assert_valid(&body_schema(item, components), &value, &what);
        }
    } else if let Some(item) = media.get("x-itemSchema") {
        let events = sse_events(text);
        assert!(!events.is_empty(), "{what}: no events");
        for ev in events {
            assert_valid(&body_schema(item, components), &ev, &what);
        }
    } else if let Some(schema) = media.get("schema") {
        let instance: Value = if media_essence(ct) == "application/json" {
            serde_json::from_slice(&body).unwrap()
        } else {
            Value::String(text.to_owned())
        };
        assert_valid(&body_schema(schema, components), &instance, &what);
    }
    (status, media_essence(ct).to_owned())
}

/// Calls every operation of `api`'s document with `request(operation_id)` and checks each
/// real response against the document; `"<operationId> <status> <media type>"`, sorted.
async fn conform_every_operation(
    api: ApiRouter,
    request: fn(&str) -> Request<Body>,
) -> Vec<String> {
    let doc = api.openapi();
    let app = api.into_router();
    let mut seen = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let method: Method = method.to_uppercase().parse().unwrap();
            let (status, ct) = check_response(&app, &doc, &method, path, request(id)).await;
            seen.push(format!("{id} {status} {ct}"));
        }
    }
    seen.sort();
    seen
}

#[tokio::test]
async fn every_route_conforms_to_the_document() {
    let summary = conform_every_operation(app::api(), sample_request).await;
    assert_eq!(
        summary,
        [
            "account_out 200 application/json",
            "account_page 200 application/json",
            "account_profile 200 application/json",
            "account_public 200 application/json",
            "counter 200 application/json",
            "create_item 201 application/json",
            "create_model 201 application/json",
            "create_user 200 application/json",
            "delete_item 204 ",
            "download 200 text/plain",
            "events 200 text/event-stream",
            "export_csv 200 text/plain",
            "fast_item 200 application/json",
            "find_user 404 application/json",
            "home 200 text/html",
            "json_response 200 application/json",
            "list_items 200 application/json",
            "login 200 text/html",
            "moved 308 ",
            "nothing 204 ",
            "old_home 301 ",
            "plain_text 200 text/plain",
            "read_file 200 text/plain",
            "read_item 200 application/json",
            "read_user 200 application/json",
            "rows 200 application/jsonl",
            "select_accounts 200 application/json",
            "shop_item 200 text/plain",
            "static_text 200 text/plain",
            "ticks 200 text/event-stream",
            "touch 200 ",
            "typed_rows 200 application/jsonl",
            "validated 200 application/json",
            "with_headers 200 application/json",
            "words 200 text/plain",
        ]
    );
}

#[tokio::test]
async fn error_responses_conform_too() {
    let api = app::api();
    let doc = api.openapi();
    let app = api.into_router();
    let mut got = Vec::new();
    for (matched, req) in extra_requests() {
        let method = req.method().clone();
        got.push(check_response(&app, &doc, &method, matched, req).await);
    }
    assert_eq!(
        got,
        [
            (200, "application/json".to_owned()),
            (400, "text/plain".to_owned()),
            (400, "text/plain".to_owned()),
            (400, "text/plain".to_owned()),
            (415, "text/plain".to_owned()),
            (422, "text/plain".to_owned()),
            (500, "text/plain".to_owned()),
            (400, "application/json".to_owned()),
            (400, "application/json".to_owned()),
            (200, "application/json".to_owned()),
            (400, "application/json".to_owned()),
            (206, "text/plain".to_owned()),
            (206, "multipart/byteranges".to_owned()),
            (416, String::new()),
            (304, String::new()),
        ]
    );
}

#[test]
fn a_wrong_document_fails_conformance() {
    // The body check can fail: a body that does not match the documented schema.
    let doc = app::api().openapi();
    let schema = &doc["components"]["schemas"]["Item-Output"];
    let validator = jsonschema::validator_for(&body_schema(schema, &doc["components"])).unwrap();
    assert!(!validator.is_valid(&json!({"name": "x", "price": 1.0})));
    assert!(
        !validator.is_valid(&json!({"name": "x", "price": 1.0, "tags": [], "description": null}))
    );
    assert!(validator.is_valid(&json!({"name": "x", "price": 1.0, "tags": []})));
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

// ---- the examples (showcase) ------------------------------------------------------------

#[test]
#[cfg_attr(
    not(feature = "preserve-order"),
    ignore = "the snapshots are recorded in field order (the default `preserve-order` feature)"
)]
fn showcase_document_matches_snapshot() {
    snapshot("openapi_showcase.json", &showcase::api().openapi_json());
}

#[test]
fn showcase_document_is_valid_and_deterministic() {
    let a = showcase::api().openapi_json();
    assert_eq!(a, showcase::api().openapi_json());
    let doc: Value = serde_json::from_str(&a).unwrap();
    assert_valid(&oas_schema("3.1"), &doc, "the showcase document");
    let doc32 = showcase::api()
        .openapi_version(OpenApiVersion::V3_2)
        .openapi();
    assert_valid(&oas_schema("3.2"), &doc32, "the showcase 3.2 document");
}

fn showcase_request(op_id: &str) -> Request<Body> {
    let post_json = |uri: &str, body: Value| json_req(Method::POST, uri, &body.to_string());
    match op_id {
        "root" => get_req("/"),
        "ai_stream" => get_req("/ai/stream?prompt=hi"),
        "get_avatar" => get_req("/avatar/1"),
        "get_big_data" => get_req("/big-data"),
        "check" => get_req("/check?flag=yes"),
        "dashboard" => get_req("/dashboard"),
        "download_report" => get_req("/download/report"),
        "sse_events" => get_req("/events"),
        "export_csv" => get_req("/export/csv"),
        "stream_large_csv" => get_req("/export/large-csv"),
        "export_user_data" => get_req("/export/7"),
        "get_profile" => get_req("/fields/profile"),
        "list_users" => get_req("/fields/users?fields=id,name"),
        "get_user_fields_users__uid__get" => get_req("/fields/users/1"),
        "get_user_public" => get_req("/fields/users/1/public"),
        "health_page" => get_req("/health"),
        "list_items_items_get" => get_req("/items"),
        "create_item_items_post" => Request::post("/items").body(Body::empty()).unwrap(),
        "login" => post_json("/login", json!({"username": "alice", "password": "x"})),
        "maintenance_page" => get_req("/maintenance"),
        "list_items_models_items_get" => get_req("/models/items"),
        "create_item_models_items_post" => post_json(
            "/models/items",
            json!({"id": 3, "name": "Pen", "price": 10}),
        ),
        "get_item" => get_req("/models/items/999"),
        "get_user_models_users__user_id__get" => get_req("/models/users/1"),
        "old_path" => get_req("/old-path"),
        "ping" => get_req("/ping"),
        "get_users" => get_req("/users"),
        "users_v1" => get_req("/v1/users"),
        other => panic!("no sample request for the showcase's operation `{other}`: add one"),
    }
}

#[tokio::test]
async fn every_showcase_route_conforms_to_the_document() {
    let seen = conform_every_operation(showcase::api(), showcase_request).await;
    let api = showcase::api();
    let doc = api.openapi();
    let app = api.into_router();
    assert_eq!(
        seen,
        [
            "ai_stream 200 text/plain",
            "check 200 application/json",
            "create_item_items_post 201 application/json",
            "create_item_models_items_post 201 application/json",
            "dashboard 200 text/html",
            "download_report 200 application/pdf",
            "export_csv 200 text/plain",
            "export_user_data 200 text/csv",
            "get_avatar 200 image/png",
            "get_big_data 200 application/json",
            "get_item 200 application/json",
            "get_profile 200 application/json",
            "get_user_fields_users__uid__get 200 application/json",
            "get_user_models_users__user_id__get 200 application/json",
            "get_user_public 200 application/json",
            "get_users 200 application/json",
            "health_page 200 text/html",
            "list_items_items_get 200 application/json",
            "list_items_models_items_get 200 application/json",
            "list_users 200 application/json",
            "login 303 ",
            "maintenance_page 503 text/html",
            "old_path 301 ",
            "ping 200 text/plain",
            "root 307 ",
            "sse_events 200 text/event-stream",
            "stream_large_csv 200 text/csv",
            "users_v1 308 ",
        ]
    );
    // Error paths the document promises, reached for real.
    let extra = [
        ("/models/users/{user_id}", get_req("/models/users/abc"), 422),
        ("/fields/users", get_req("/fields/users?fields=emial"), 400),
        ("/check", get_req("/check?flag=maybe"), 422),
        ("/models/items/{item_id}", get_req("/models/items/1"), 200),
        (
            "/download/report",
            Request::get("/download/report")
                .header("range", "bytes=0-9")
                .body(Body::empty())
                .unwrap(),
            206,
        ),
        (
            "/models/items",
            json_req(Method::POST, "/models/items", r#"{"id": "x"}"#),
            422,
        ),
    ];
    for (matched, req, want) in extra {
        let method = req.method().clone();
        let (status, _) = check_response(&app, &doc, &method, matched, req).await;
        assert_eq!(status, want, "{matched}");
    }
}

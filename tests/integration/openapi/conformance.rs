//! Conformance: every operation of the sample app is called, and each real response
//! (status, documented headers and their values, media type, body) is checked against what the document says
//! of it, in both renderings: OpenAPI 3.1 (the default) and 3.0.3 (its schemas converted
//! to a JSON Schema by `oas30.rs`). Every documented status of every operation, each
//! produced by a request of its own: `statuses.rs`. The showcase's routes: `showcase.rs`.

use axum::body::Body;
use http::{Method, Request, header};
use http_body_util::BodyExt;
use response_model::routing::{ApiRouter, OpenApiVersion};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{app, assert_valid, oas30};
use crate::common::{get_req, json_req};

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

fn media_essence(ct: &str) -> &str {
    ct.split(';').next().unwrap_or("").trim()
}

/// Whether `doc` is the OpenAPI 3.0 rendering (its schemas in 3.0's dialect).
fn is_3_0(doc: &Value) -> bool {
    doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.0."))
}

/// `schema` of `doc` as a JSON Schema to apply to a body: with the document's components
/// (for its `$ref`s), as 2020-12 for 3.1, converted from 3.0's dialect for 3.0 (`oas30`).
pub(super) fn body_schema(doc: &Value, schema: &Value) -> Value {
    if is_3_0(doc) {
        return oas30::body_schema(schema, &doc["components"]);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    })
}

/// Finds the documented response for `status` (exact code, then range, then default):
/// its key in `responses` and the Response Object.
pub(super) fn documented(responses: &Value, status: u16) -> (String, &Value) {
    let by_range = format!("{}XX", status / 100);
    [status.to_string(), by_range, "default".to_owned()]
        .into_iter()
        .find_map(|k| responses.get(&k).map(|r| (k, r)))
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

/// At most this much of a body is read: `/export/large-csv` streams a million rows.
const HEAD: usize = 1 << 20;

/// The body, or its head: for an event stream, up to its first complete event (the
/// examples' streams pause between events, and one event shows the shape); for a longer
/// body than [`HEAD`], its first bytes (`true`: the body went on; dropping it ends the
/// stream, and the server's generator with it).
async fn read_body(mut body: Body, is_sse: bool) -> (bytes::Bytes, bool) {
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            buf.extend_from_slice(&data);
        }
        if is_sse && let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            buf.truncate(end + 2);
            break;
        }
        if buf.len() > HEAD {
            return (bytes::Bytes::from(buf), true);
        }
    }
    (bytes::Bytes::from(buf), false)
}

/// A response as it came off the wire (its body read by [`read_body`]), with the request
/// line it answers.
pub(super) struct Wire {
    pub(super) method: Method,
    pub(super) uri: String,
    pub(super) status: u16,
    pub(super) headers: http::HeaderMap,
    pub(super) body: bytes::Bytes,
    /// Only the head of the body was read.
    pub(super) truncated: bool,
}

/// Sends `req` to `app` and reads the answer.
pub(super) async fn send(app: &axum::Router, req: Request<Body>) -> Wire {
    let method = req.method().clone();
    let uri = req.uri().to_string();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let is_sse = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/event-stream"));
    let (body, truncated) = read_body(res.into_body(), is_sse).await;
    Wire {
        method,
        uri,
        status,
        headers,
        body,
        truncated,
    }
}

/// Checks `wire` against what `doc` (3.1 or 3.0) documents for its status on the
/// operation at path `matched`: required headers, media type, body; the media type's
/// essence (`""` without a body).
pub(super) fn check_wire(doc: &Value, matched: &str, wire: &Wire) -> String {
    let (method, status, headers, body) = (&wire.method, wire.status, &wire.headers, &wire.body);
    let op = &doc["paths"][matched][method.as_str().to_ascii_lowercase()];
    assert!(op.is_object(), "{method} {matched} is not in the document");
    let (_, resp) = documented(&op["responses"], status);
    let what = format!(
        "{method} {} -> {status} (OpenAPI {})",
        wire.uri, doc["openapi"]
    );

    // Every documented header: there when required, and each value it has on the wire
    // valid for its schema (read as the schema's type: `X-Item-ID: 3` is the integer 3).
    for (name, h) in resp["headers"].as_object().into_iter().flatten() {
        if h["required"] == true {
            assert!(
                headers.contains_key(name.as_str()),
                "{what}: missing header {name}"
            );
        }
        let Some(schema) = h.get("schema") else {
            continue;
        };
        for value in headers.get_all(name.as_str()) {
            let text = value
                .to_str()
                .unwrap_or_else(|_| panic!("{what}: {name} is not text"));
            assert_valid(
                &body_schema(doc, schema),
                &header_value(schema, text),
                &format!("{what}: header {name}: {text:?}"),
            );
        }
    }
    let Some(content) = resp.get("content").and_then(Value::as_object) else {
        assert!(body.is_empty(), "{what}: undocumented body {body:?}");
        return String::new();
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
    // A binary body: a string of its content type (`*/*` chosen at run time is
    // `application/octet-stream`); its bytes are whatever the file holds. 3.0 says
    // `format: binary` (its media type is the key).
    let schema = media.get("schema");
    if is_3_0(doc) && schema.is_some_and(|s| s["format"] == "binary") {
        assert_eq!(media["schema"]["type"], "string", "{what}");
        return media_essence(ct).to_owned();
    }
    if let Some(binary) = schema.and_then(|s| s.get("contentMediaType")) {
        let documented = content
            .iter()
            .find(|(_, m)| *m == media)
            .map(|(k, _)| k.as_str())
            .unwrap_or_default();
        let expected = if documented.contains('*') {
            "application/octet-stream"
        } else {
            documented
        };
        assert_eq!(binary, expected, "{what}: binary schema of {documented}");
        assert_eq!(media["schema"]["type"], "string", "{what}");
        return media_essence(ct).to_owned();
    }
    let has_schema = schema.is_some() || media.get("x-itemSchema").is_some();
    // The head of a long text body is cut at its last line end.
    let checked = if wire.truncated {
        let end = body.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        &body[..end]
    } else {
        &body[..]
    };
    let text = if has_schema {
        std::str::from_utf8(checked).unwrap()
    } else {
        ""
    };
    let is_json = media_essence(ct) == "application/json";
    assert!(
        !(wire.truncated && is_json),
        "{what}: a JSON body over {HEAD} bytes cannot be checked"
    );
    if let Some(item) = media
        .get("x-itemSchema")
        .filter(|_| media_essence(ct) != "text/event-stream")
    {
        let lines: Vec<&str> = text.lines().collect();
        assert!(!lines.is_empty(), "{what}: no lines");
        for line in lines {
            let value: Value = serde_json::from_str(line).unwrap();
            assert_valid(&body_schema(doc, item), &value, &what);
        }
    } else if let Some(item) = media.get("x-itemSchema") {
        let events = sse_events(text);
        assert!(!events.is_empty(), "{what}: no events");
        for ev in events {
            assert_valid(&body_schema(doc, item), &ev, &what);
        }
    } else if let Some(schema) = schema {
        let instance: Value = if is_json {
            serde_json::from_slice(body).unwrap()
        } else {
            Value::String(text.to_owned())
        };
        assert_valid(&body_schema(doc, schema), &instance, &what);
    }
    media_essence(ct).to_owned()
}

/// A header's text as the JSON value its schema describes: a number for `integer` and
/// `number`, a boolean for `boolean` (when it reads as one), else the string.
fn header_value(schema: &Value, text: &str) -> Value {
    match schema["type"].as_str() {
        Some("integer" | "number") => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::from(text))
        }
        Some("boolean") => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::from(text),
        },
        _ => Value::from(text),
    }
}

/// `api`'s document in both renderings the checks apply: 3.1 (the default), then 3.0.3.
pub(super) fn renderings(api: fn() -> ApiRouter) -> [Value; 2] {
    [
        api().openapi(),
        api().openapi_version(OpenApiVersion::V3_0).openapi(),
    ]
}

/// Calls every operation of `api`'s document with `request(operation_id)` and checks each
/// real response against both renderings of the document;
/// `"<operationId> <status> <media type>"`, sorted.
pub(super) async fn conform_every_operation(
    api: fn() -> ApiRouter,
    request: fn(&str) -> Request<Body>,
) -> Vec<String> {
    let docs = renderings(api);
    let app = api().into_router();
    let mut seen = Vec::new();
    for (path, item) in docs[0]["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            let wire = send(&app, request(id)).await;
            assert_eq!(wire.method.as_str().to_ascii_lowercase(), *method, "{id}");
            let media: Vec<String> = docs.iter().map(|d| check_wire(d, path, &wire)).collect();
            assert_eq!(media[0], media[1], "{id}");
            seen.push(format!("{id} {} {}", wire.status, media[0]));
        }
    }
    seen.sort();
    seen
}

#[tokio::test]
async fn every_route_conforms_to_the_document() {
    let summary = conform_every_operation(app::api, sample_request).await;
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

#[test]
fn a_wrong_document_fails_conformance() {
    // The body check can fail, in either rendering: a body that does not match the
    // documented schema.
    for doc in renderings(app::api) {
        let schema = &doc["components"]["schemas"]["Item-Output"];
        let validator = jsonschema::validator_for(&body_schema(&doc, schema)).unwrap();
        let what = &doc["openapi"];
        assert!(
            !validator.is_valid(&json!({"name": "x", "price": 1.0})),
            "{what}"
        );
        assert!(
            !validator
                .is_valid(&json!({"name": "x", "price": 1.0, "tags": [], "description": null})),
            "{what}"
        );
        assert!(
            !validator.is_valid(&json!({"name": "x", "price": "1", "tags": []})),
            "{what}"
        );
        assert!(
            validator.is_valid(&json!({"name": "x", "price": 1.0, "tags": []})),
            "{what}"
        );
    }
}

/// The header check can fail: a documented integer header that isn't one.
#[test]
fn a_header_that_breaks_its_schema_fails_conformance() {
    let doc = json!({
        "openapi": "3.1.0",
        "paths": {"/x": {"get": {"responses": {"200": {
            "description": "OK",
            "headers": {"x-item-id": {"required": true, "schema": {"type": "integer"}}},
        }}}}},
        "components": {"schemas": {}},
    });
    let wire = |value: &str| Wire {
        method: Method::GET,
        uri: "/x".into(),
        status: 200,
        headers: [(
            http::HeaderName::from_static("x-item-id"),
            http::HeaderValue::from_str(value).unwrap(),
        )]
        .into_iter()
        .collect(),
        body: bytes::Bytes::new(),
        truncated: false,
    };
    assert_eq!(check_wire(&doc, "/x", &wire("3")), "");
    let failed = std::panic::catch_unwind(|| check_wire(&doc, "/x", &wire("abc")));
    assert!(failed.is_err(), "a non-integer X-Item-ID passed");
}

//! Conformance: every operation of the sample app is called, and each real response
//! (status, required headers, media type, body) is checked against what the document says
//! of it; error statuses too. The showcase's routes: `showcase.rs`.

use axum::body::Body;
use http::{Method, Request, header};
use http_body_util::BodyExt;
use response_model::openapi::ApiRouter;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{app, assert_valid};
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

pub(super) async fn check_response(
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
    // A binary body: a string of its content type (`*/*` chosen at run time is
    // `application/octet-stream`); its bytes are whatever the file holds.
    if let Some(binary) = media.get("schema").and_then(|s| s.get("contentMediaType")) {
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
        return (status, media_essence(ct).to_owned());
    }
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
pub(super) async fn conform_every_operation(
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

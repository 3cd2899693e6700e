//! `ValidateResponses`: every response of a documented route checked against the document
//! as it passes. A conforming app passes unchanged (same status, headers and bytes, its
//! streams included); faults put in on purpose are caught: a body that breaks its schema,
//! an undocumented status, a wrong media type, a missing required header, a bad JSON Lines
//! item mid-stream. Failing on violations gives the crate's 500; logging only passes the
//! response and logs the operation and schema path, never the value.

use std::time::Duration;

use axum::Json;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use response_model::responses::media::TextPlain;
use response_model::responses::{JsonLines, StreamingResponse};
use response_model::routing::{ApiRouter, get};
use response_model::testing::{Contract, ValidateResponses};
use serde_json::{Value, json};
use tower::{Layer, ServiceExt};

use crate::common::{GENERIC_500, Logs, Reply, client, get_req, json_req, reply, send, serve};
use crate::openapi::app;

/// What the layer logs when a response disagrees with the document.
const MISMATCH: &str = "response does not match the OpenAPI document";

/// A body and its content type.
type Sent = Option<(&'static str, &'static str)>;

/// A request of the conformance run: method, URI, and a body with its content type.
fn request(method: &Method, uri: &str, body: Sent) -> Request<Body> {
    let builder = Request::builder().method(method.clone()).uri(uri);
    match body {
        Some((content_type, body)) => builder
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_owned())),
        None => builder.body(Body::empty()),
    }
    .unwrap()
}

/// Every route of the sample app with what it answers (statuses the document lists,
/// errors included), its streams among them.
fn sample_requests() -> Vec<(Method, &'static str, Sent)> {
    let json = "application/json";
    let item = r#"{"name": "pen", "price": 1.5}"#;
    vec![
        (Method::GET, "/items", None),
        (Method::GET, "/items?skip=1&limit=2", None),
        (Method::POST, "/items", Some((json, item))),
        (Method::POST, "/items", Some((json, r#"{"name": 3}"#))),
        (Method::GET, "/items/2", None),
        (Method::GET, "/items/abc", None),
        (Method::DELETE, "/items/3", None),
        (Method::GET, "/users/1", None),
        (Method::GET, "/users/1/lookup", None),
        (Method::GET, "/users/2/lookup", None),
        (
            Method::POST,
            "/users",
            Some((
                json,
                r#"{"id": 1, "name": "A", "hashed_password": "h", "bio": null}"#,
            )),
        ),
        (Method::GET, "/", None),
        (Method::GET, "/text", None),
        (Method::GET, "/static-text", None),
        (Method::GET, "/moved", None),
        (Method::GET, "/ticks", None),
        (Method::GET, "/headers", None),
        (Method::PUT, "/touch", None),
        (Method::GET, "/nothing", None),
        (Method::GET, "/files/a/b.txt", None),
        (Method::GET, "/accounts/1", None),
        (Method::GET, "/accounts/1/public", None),
        (Method::GET, "/accounts/1/full", None),
        (Method::GET, "/fast", None),
        (Method::GET, "/json-response", None),
        (Method::GET, "/export.csv", None),
        (Method::GET, "/old-home", None),
        (
            Method::POST,
            "/login",
            Some(("application/x-www-form-urlencoded", "username=ada")),
        ),
        (Method::GET, "/shops/s/items/3", None),
        (Method::POST, "/models", Some((json, item))),
        (Method::GET, "/validated/1", None),
        (Method::GET, "/validated/0", None),
        (Method::GET, "/accounts?fields=id,name", None),
        (Method::GET, "/accounts?fields=nope", None),
        (Method::GET, "/account-page", None),
        (Method::GET, "/download", None),
        (Method::GET, "/words", None),
        (Method::GET, "/rows", None),
        (Method::GET, "/typed-rows", None),
        (Method::GET, "/events", None),
        (Method::GET, "/v1/counter", None),
        // What the layer leaves alone: HEAD from a GET route, the docs, no route.
        (Method::HEAD, "/items", None),
        (Method::HEAD, "/download", None),
        (Method::GET, "/docs", None),
        (Method::GET, "/openapi.json", None),
        (Method::GET, "/nope", None),
        (Method::PATCH, "/items", None),
    ]
}

/// The sample app, and the same app with the layer, failing on violations.
fn sample_apps() -> (axum::Router, axum::Router) {
    let plain = app::api().with_docs().into_router();
    let api = app::api().with_docs();
    let validate = ValidateResponses::new(&api).fail_on_violation();
    (plain, api.into_router().layer(validate))
}

fn assert_same(what: &str, plain: &Reply, checked: &Reply) {
    assert_eq!(plain.status, checked.status, "{what}");
    assert_eq!(plain.headers, checked.headers, "{what}");
    assert_eq!(plain.body, checked.body, "{what}");
}

#[tokio::test]
async fn a_conforming_app_passes_every_response_unchanged() {
    let logs = Logs::capture();
    let (plain, checked) = sample_apps();
    for (method, uri, body) in sample_requests() {
        let what = format!("{method} {uri}");
        let expected = send(&plain, request(&method, uri, body)).await;
        let got = send(&checked, request(&method, uri, body)).await;
        assert_same(&what, &expected, &got);
        assert!(!logs.text().contains(MISMATCH), "{what}:\n{}", logs.text());
    }
    // The streams were checked item by item, not skipped: their items are in the bytes.
    let rows = send(&checked, get_req("/rows")).await;
    assert_eq!(rows.text().lines().count(), 3, "{}", rows.text());
    let ticks = send(&checked, get_req("/ticks")).await;
    assert!(ticks.text().contains("event: tick"), "{}", ticks.text());
}

#[tokio::test]
async fn a_conforming_stream_passes_unchanged_over_a_socket() {
    let logs = Logs::capture();
    let (plain, checked) = sample_apps();
    let (plain, checked) = (serve(plain).await, serve(checked).await);
    let client = client();
    for path in [
        "/rows",
        "/typed-rows",
        "/events",
        "/ticks",
        "/words",
        "/items",
    ] {
        let a = client.get(format!("{plain}{path}")).send().await.unwrap();
        let b = client.get(format!("{checked}{path}")).send().await.unwrap();
        assert_eq!(a.status(), b.status(), "{path}");
        assert_eq!(
            a.headers().get(header::CONTENT_TYPE),
            b.headers().get(header::CONTENT_TYPE),
            "{path}"
        );
        assert_eq!(
            a.headers().get(header::CONTENT_LENGTH),
            b.headers().get(header::CONTENT_LENGTH),
            "{path}: the framing is kept"
        );
        assert_eq!(a.bytes().await.unwrap(), b.bytes().await.unwrap(), "{path}");
    }
    assert!(!logs.text().contains(MISMATCH), "{}", logs.text());
}

// ---- faults put in on purpose ------------------------------------------------------------

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Token {
    user: String,
    token: String,
}

async fn token() -> Json<Value> {
    Json(json!({"user": "ada", "token": "hunter2-secret"}))
}

async fn token_typed() -> Json<Token> {
    Json(Token {
        user: "ada".into(),
        token: "hunter2-secret".into(),
    })
}

async fn teapot() -> Response {
    (StatusCode::IM_A_TEAPOT, "short and stout").into_response()
}

async fn html_count() -> Response {
    ([(header::CONTENT_TYPE, "text/html")], "<b>3</b>").into_response()
}

async fn count() -> Json<u32> {
    Json(3)
}

async fn no_header() -> Json<u32> {
    Json(3)
}

async fn session() -> ([(&'static str, &'static str); 1], Json<u32>) {
    ([("x-session", "hunter2-secret")], Json(3))
}

/// Four JSON Lines, one every 20 ms, the third without its `name`.
async fn lines() -> JsonLines<Value> {
    let items = [
        json!({"name": "a"}),
        json!({"name": "b"}),
        json!({"nom": "c"}),
        json!({"name": "d"}),
    ];
    JsonLines::new(futures_util::stream::iter(items).then(|item| async move {
        tokio::time::sleep(Duration::from_millis(20)).await;
        item
    }))
}

/// JSON Lines in frames that split lines anywhere: the third item has no `name`.
async fn split_lines() -> Response {
    let frames = [
        "{\"name\":\"a\"}\n{\"na",
        "me\":\"b\"}\n{\"nom\":1}\n{\"name\"",
        ":\"d\"}\n",
    ];
    let body = Body::from_stream(futures_util::stream::iter(
        frames.map(Ok::<_, std::convert::Infallible>),
    ));
    ([(header::CONTENT_TYPE, "application/jsonl")], body).into_response()
}

/// Server-sent events whose data is a number, but the third's.
async fn numbers() -> Response {
    let frames = [
        "data: 1\n\n",
        ": keep-alive\n\ndata: 2\n\n",
        "data: three\n\n",
        "data: 4\n\n",
    ];
    let body = Body::from_stream(futures_util::stream::iter(
        frames.map(Ok::<_, std::convert::Infallible>),
    ));
    ([(header::CONTENT_TYPE, "text/event-stream")], body).into_response()
}

/// A text stream: a word, a pause, another word.
async fn slow_text() -> StreamingResponse<TextPlain> {
    let words = futures_util::stream::iter(["first ", "second"]).then(|word| async move {
        if word == "second" {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        word
    });
    StreamingResponse::new(words).media::<TextPlain>()
}

/// `/token`'s body, streamed: its length is not known before it ends.
async fn streamed_token() -> Response {
    let frames = ["{\"user\": \"ada\", ", "\"token\": \"hunter2-secret\"}"];
    let body = Body::from_stream(futures_util::stream::iter(
        frames.map(Ok::<_, std::convert::Infallible>),
    ));
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn undocumented() -> Response {
    (StatusCode::IM_A_TEAPOT, "anything").into_response()
}

/// Routes whose answers are fine by their own types; the document below says otherwise
/// for each, as a document that drifted from the code would.
fn faulty_api() -> ApiRouter {
    ApiRouter::new()
        .route("/token", get(token))
        .route("/typed-token", get(token_typed))
        .route("/tea", get(teapot))
        .route("/count", get(count))
        .route("/html-count", get(html_count))
        .route("/header", get(no_header))
        .route("/session", get(session))
        .route("/lines", get(lines))
        .route("/split-lines", get(split_lines))
        .route("/numbers", get(numbers))
        .route("/slow-text", get(slow_text))
        .route("/streamed-token", get(streamed_token))
        .route_undocumented("/undocumented", axum::routing::get(undocumented))
}

/// `faulty_api`'s document, edited to disagree with what the routes send.
fn faulty_document() -> Value {
    let mut doc = faulty_api().openapi();
    let ok = |path: &str| format!("/paths/{}/get/responses/200", path.replace('/', "~1"));
    // `token` is an integer, says the document; a secret string is sent.
    let token = json!({
        "type": "object",
        "properties": {"user": {"type": "string"}, "token": {"type": "integer"}},
        "required": ["user", "token"],
    });
    let schema = format!("{}/content/application~1json/schema", ok("/token"));
    *doc.pointer_mut(&schema).unwrap() = token.clone();
    *doc.pointer_mut("/paths/~1streamed-token/get/responses")
        .unwrap() = json!({"200": {
        "description": "OK",
        "content": {"application/json": {"schema": token}},
    }});
    // `/slow-text`: at most 8 characters.
    let schema = format!("{}/content/text~1plain/schema", ok("/slow-text"));
    *doc.pointer_mut(&schema).unwrap() = json!({"type": "string", "maxLength": 8});
    // The typed route: a component whose field the code renamed (`user` -> `username`).
    let token = doc.pointer_mut("/components/schemas/Token").unwrap();
    token["properties"]["username"] = json!({"type": "string"});
    token["required"] = json!(["username", "token"]);
    // `/tea`'s opaque response: only `200` is documented, with a JSON integer.
    let tea = doc.pointer_mut("/paths/~1tea/get/responses").unwrap();
    *tea = json!({"200": {
        "description": "OK",
        "content": {"application/json": {"schema": {"type": "integer"}}},
    }});
    // `/html-count`: documented as JSON.
    *doc.pointer_mut("/paths/~1html-count/get/responses")
        .unwrap() = json!({"200": {
        "description": "OK",
        "content": {"application/json": {"schema": {"type": "integer"}}},
    }});
    // `/header`: a required `X-Request-Id` the route never sends.
    doc.pointer_mut(&ok("/header")).unwrap()["headers"] = json!({
        "X-Request-Id": {"required": true, "schema": {"type": "string"}},
    });
    // `/session`: its header is a number, says the document; a secret string is sent.
    doc.pointer_mut(&ok("/session")).unwrap()["headers"] = json!({
        "X-Session": {"schema": {"type": "integer"}},
    });
    // `/lines`: each item has a `name`.
    let lines = doc
        .pointer_mut(&format!("{}/content/application~1jsonl", ok("/lines")))
        .unwrap();
    let key = if lines.get("itemSchema").is_some() {
        "itemSchema"
    } else {
        "x-itemSchema"
    };
    lines[key] = json!({"type": "object", "required": ["name"]});
    // The opaque streams: a 200 of JSON Lines with a `name`, and of events whose data is
    // an integer.
    *doc.pointer_mut("/paths/~1split-lines/get/responses")
        .unwrap() = json!({"200": {
        "description": "OK",
        "content": {"application/jsonl": {"itemSchema": {"type": "object", "required": ["name"]}}},
    }});
    *doc.pointer_mut("/paths/~1numbers/get/responses").unwrap() = json!({"200": {
        "description": "OK",
        "content": {"text/event-stream": {"itemSchema": {
            "type": "object",
            "required": ["data"],
            "properties": {"data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": {"type": "integer"},
            }},
        }}},
    }});
    doc
}

fn faulty_app(validate: impl FnOnce(ValidateResponses) -> ValidateResponses) -> axum::Router {
    let layer = validate(ValidateResponses::from_contract(Contract::from_document(
        faulty_document(),
    )));
    faulty_api().with_docs().into_router().layer(layer)
}

fn strict() -> axum::Router {
    faulty_app(ValidateResponses::fail_on_violation)
}

fn assert_generic_500(what: &str, r: &Reply) {
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{what}");
    assert_eq!(r.content_type(), "text/plain; charset=utf-8", "{what}");
    assert_eq!(r.text(), GENERIC_500, "{what}");
}

#[tokio::test]
async fn each_fault_is_answered_with_the_crates_500_and_logged() {
    let app = strict();
    let cases = [
        ("/token", "GET /token (token)", "/type"),
        (
            "/typed-token",
            "GET /typed-token (token_typed)",
            "/required",
        ),
        ("/tea", "GET /tea (teapot)", "status 418 is not documented"),
        (
            "/html-count",
            "GET /html-count (html_count)",
            "`Content-Type: text/html` is not a documented media type",
        ),
        (
            "/header",
            "GET /header (no_header)",
            "the required header `X-Request-Id` is missing",
        ),
        (
            "/session",
            "GET /session (session)",
            "the header `X-Session` fails the schema's `type`",
        ),
    ];
    for (path, operation, why) in cases {
        let logs = Logs::capture();
        let r = send(&app, get_req(path)).await;
        assert_generic_500(path, &r);
        let text = logs.text();
        assert!(text.contains("ERROR"), "{path}: {text}");
        assert!(text.contains(MISMATCH), "{path}: {text}");
        assert!(text.contains(operation), "{path}: {text}");
        assert!(text.contains(why), "{path}: {text}");
        assert!(text.contains("answered 500 instead"), "{path}: {text}");
        assert!(
            !text.contains("hunter2"),
            "{path}: the value leaked: {text}"
        );
    }
}

#[tokio::test]
async fn the_log_names_the_operation_and_paths_and_never_the_value() {
    let logs = Logs::capture();
    let r = send(&strict(), get_req("/token")).await;
    assert_generic_500("/token", &r);
    let text = logs.text();
    assert!(text.contains("operation=GET /token (token)"), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(
        text.contains("response=/paths/~1token/get/responses/200"),
        "{text}"
    );
    assert!(text.contains("instance_path=/token"), "{text}");
    assert!(
        text.contains("schema_path=/properties/token/type"),
        "{text}"
    );
    assert!(text.contains("fails the schema's `type`"), "{text}");
    assert!(
        !text.contains("hunter2"),
        "the value leaked into the log: {text}"
    );
}

#[tokio::test]
async fn logging_only_passes_the_response_and_logs_it() {
    let logs = Logs::capture();
    let app = faulty_app(|v| v);
    let plain = faulty_api().into_router();
    for path in [
        "/token",
        "/typed-token",
        "/tea",
        "/html-count",
        "/header",
        "/session",
    ] {
        let expected = send(&plain, get_req(path)).await;
        let got = send(&app, get_req(path)).await;
        assert_same(path, &expected, &got);
    }
    let text = logs.text();
    assert_eq!(text.matches(MISMATCH).count(), 6, "{text}");
    assert!(text.contains("WARN"), "{text}");
    assert!(!text.contains("ERROR"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

/// The data of `body`'s frames until it ends or fails; whether it failed.
async fn frames_until_error(mut body: Body) -> (String, bool) {
    let mut data = Vec::new();
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => data.extend_from_slice(&frame.into_data().unwrap_or_default()),
            Err(_) => return (String::from_utf8(data).unwrap(), true),
        }
    }
    (String::from_utf8(data).unwrap(), false)
}

#[tokio::test]
async fn a_bad_item_mid_stream_ends_the_stream_with_an_error_after_the_good_ones() {
    let logs = Logs::capture();
    let res = strict().oneshot(get_req("/lines")).await.unwrap();
    // The head was right: the stream started as a 200.
    assert_eq!(res.status(), StatusCode::OK);
    let (data, failed) = frames_until_error(res.into_body()).await;
    assert!(failed, "the stream ended cleanly: {data}");
    assert_eq!(data, "{\"name\":\"a\"}\n{\"name\":\"b\"}\n");
    let text = logs.text();
    assert!(text.contains("operation=GET /lines (lines)"), "{text}");
    assert!(text.contains("schema_path=/required"), "{text}");
    assert!(
        text.contains("an item of the stream fails the schema's `required`"),
        "{text}"
    );
    assert!(text.contains("the stream is ended with an error"), "{text}");
}

#[tokio::test]
async fn items_split_across_frames_are_checked_whole_and_the_good_ones_sent() {
    let res = strict().oneshot(get_req("/split-lines")).await.unwrap();
    let (data, failed) = frames_until_error(res.into_body()).await;
    assert!(failed, "the stream ended cleanly: {data}");
    assert_eq!(data, "{\"name\":\"a\"}\n{\"name\":\"b\"}\n");
}

#[tokio::test]
async fn a_bad_event_mid_stream_ends_the_stream_after_the_good_ones() {
    let logs = Logs::capture();
    let res = strict().oneshot(get_req("/numbers")).await.unwrap();
    let (data, failed) = frames_until_error(res.into_body()).await;
    assert!(failed, "the stream ended cleanly: {data}");
    assert_eq!(data, "data: 1\n\n: keep-alive\n\ndata: 2\n\n");
    let text = logs.text();
    assert!(text.contains("operation=GET /numbers (numbers)"), "{text}");
    assert!(text.contains("an event's data is not JSON"), "{text}");
    // Logging only: the same stream passes whole.
    let r = reply(
        faulty_app(|v| v)
            .oneshot(get_req("/numbers"))
            .await
            .unwrap(),
    )
    .await;
    assert!(
        r.text().ends_with("data: three\n\ndata: 4\n\n"),
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn a_text_stream_is_not_held_back_and_is_checked_when_it_ends() {
    let logs = Logs::capture();
    let res = strict().oneshot(get_req("/slow-text")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = res.into_body();
    // The first word comes before the second is made (500 ms later).
    let first = tokio::time::timeout(Duration::from_millis(300), body.frame())
        .await
        .expect("the layer held the stream back")
        .unwrap()
        .unwrap();
    assert_eq!(first.into_data().unwrap(), "first ");
    let (rest, failed) = frames_until_error(body).await;
    assert_eq!(rest, "second");
    assert!(
        failed,
        "12 characters where the document allows 8 ended cleanly"
    );
    let text = logs.text();
    assert!(
        text.contains("the body fails the schema's `maxLength`"),
        "{text}"
    );
    assert!(text.contains("the stream is ended with an error"), "{text}");
}

#[tokio::test]
async fn a_json_body_of_unknown_length_is_checked_when_it_ends() {
    let logs = Logs::capture();
    let res = strict().oneshot(get_req("/streamed-token")).await.unwrap();
    // Its head passed before its body ended.
    assert_eq!(res.status(), StatusCode::OK);
    let (data, failed) = frames_until_error(res.into_body()).await;
    assert!(failed, "the stream ended cleanly: {data}");
    assert!(data.ends_with("\"hunter2-secret\"}"), "{data}");
    let text = logs.text();
    assert!(
        text.contains("operation=GET /streamed-token (streamed_token)"),
        "{text}"
    );
    assert!(text.contains("instance_path=/token"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

#[tokio::test]
async fn a_bad_item_mid_stream_breaks_the_stream_over_a_socket() {
    let base = serve(strict()).await;
    let res = client().get(format!("{base}/lines")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut stream = res.bytes_stream();
    let mut data = Vec::new();
    let mut failed = false;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => data.extend_from_slice(&chunk),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    assert!(failed, "the client saw a whole stream: {data:?}");
    assert_eq!(data, b"{\"name\":\"a\"}\n{\"name\":\"b\"}\n");
}

#[tokio::test]
async fn logging_only_lets_a_bad_stream_through_whole() {
    let logs = Logs::capture();
    let r = reply(faulty_app(|v| v).oneshot(get_req("/lines")).await.unwrap()).await;
    assert_eq!(r.text().lines().count(), 4, "{}", r.text());
    // Logged once for the stream, at the first bad item.
    assert_eq!(logs.text().matches(MISMATCH).count(), 1, "{}", logs.text());
}

#[tokio::test]
async fn undocumented_answers_pass_untouched_even_when_failing() {
    let logs = Logs::capture();
    let app = strict();
    let r = send(&app, get_req("/undocumented")).await;
    assert_eq!((r.status, r.text()), (StatusCode::IM_A_TEAPOT, "anything"));
    let r = send(&app, get_req("/nope")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = send(&app, json_req(Method::DELETE, "/count", "")).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    let r = send(&app, get_req("/docs")).await;
    assert_eq!(r.status, StatusCode::OK);
    // HEAD from the GET route: checked as the GET, without the body it does not have.
    let head = Request::head("/count").body(Body::empty()).unwrap();
    let r = send(&app, head).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.is_empty());
    assert!(!logs.text().contains(MISMATCH), "{}", logs.text());
}

#[tokio::test]
async fn around_the_whole_service_the_operation_is_found_by_its_path() {
    let contract = Contract::from_document(faulty_document());
    let layer = ValidateResponses::from_contract(contract).fail_on_violation();
    let app = layer.layer(faulty_api().into_router());
    let r = reply(app.clone().oneshot(get_req("/token")).await.unwrap()).await;
    assert_generic_500("/token", &r);
    let r = reply(app.clone().oneshot(get_req("/count")).await.unwrap()).await;
    assert_eq!((r.status, r.text()), (StatusCode::OK, "3"));
    let r = reply(app.oneshot(get_req("/undocumented")).await.unwrap()).await;
    assert_eq!(r.status, StatusCode::IM_A_TEAPOT);
}

#[tokio::test]
async fn a_body_longer_than_the_cap_passes_unchecked_with_a_warning() {
    let logs = Logs::capture();
    let app = faulty_app(|v| v.fail_on_violation().max_body_bytes(8));
    let r = send(&app, get_req("/token")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["token"], "hunter2-secret");
    let text = logs.text();
    assert!(text.contains("not checked"), "{text}");
    assert!(!text.contains(MISMATCH), "{text}");
}

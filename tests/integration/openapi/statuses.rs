//! Every status every operation documents, produced for real: for each (operation,
//! status) of the document a request that makes the server answer it, whose response is
//! checked against that documented response (required headers, media type, body schema)
//! in both renderings, OpenAPI 3.1 and 3.0.3, by the conformance check users get
//! (`response_model::testing::Conformance`): the product is tested by its own tool.
//!
//! The requests are tables keyed by (operationId, status): the row's status is what the
//! server must answer, and the documented response it falls under (the exact code, its
//! `NXX` range, or `default`) is the one checked. A documented status no request can
//! produce (a 500 only a broken disk gives) is listed in the app's `UNREACHABLE` table with
//! the reason. The test asserts that the rows and that table together cover every
//! documented status of every operation, and nothing else: a newly documented status fails
//! it until someone adds a request or a reason, and a status listed as unreachable that a
//! row produces fails it too.
//!
//! Streams are read partially where they do not end soon (`/events`: its first event;
//! `/export/large-csv`: its first MiB).
//!
//! Run with `--nocapture` to print each app's coverage.

use axum::body::{Body, Bytes};
use http::{Request, header};
use response_model::routing::ApiRouter;
use response_model::testing::{Case, Conformance, Report};

use super::app;
use super::conformance::send;
#[cfg(all(feature = "templates", feature = "validate"))]
use crate::common::multipart_req;
use crate::common::{JSON, get_req};

/// One request: the operation it calls, the status it must be answered with, the request.
type Row = (&'static str, u16, Request<Body>);

/// A documented status no request produces: (operationId, status key, why).
type Unreachable = (&'static str, &'static str, &'static str);

// ---- requests ----------------------------------------------------------------------------

fn get(uri: &str) -> Request<Body> {
    get_req(uri)
}

/// `GET uri` with `headers`.
fn get_with(uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::get(uri);
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.body(Body::empty()).unwrap()
}

/// `method uri` with `body`, of `content_type` (none: no `Content-Type` header).
fn with_body(method: &str, uri: &str, content_type: Option<&str>, body: &str) -> Request<Body> {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(ct) = content_type {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    req.body(Body::from(body.to_owned())).unwrap()
}

fn post_json(uri: &str, body: &str) -> Request<Body> {
    with_body("POST", uri, Some(JSON), body)
}

/// `POST uri` of `content_type` whose body breaks off in transit (a client gone, a
/// malformed chunked encoding): the server cannot read it.
fn post_broken_body(uri: &str, content_type: Option<&str>) -> Request<Body> {
    broken_body("POST", uri, content_type)
}

/// `method uri` of `content_type` whose body breaks off in transit.
fn broken_body(method: &str, uri: &str, content_type: Option<&str>) -> Request<Body> {
    let chunks = futures_util::stream::iter([
        Ok(Bytes::from_static(b"username=ad")),
        Err(std::io::Error::other("connection reset")),
    ]);
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(ct) = content_type {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    req.body(Body::from_stream(chunks)).unwrap()
}

/// `POST uri` of `content_type` with a body over axum's default limit (2 MiB).
fn post_too_large(uri: &str, content_type: &str) -> Request<Body> {
    too_large("POST", uri, content_type)
}

/// `method uri` of `content_type` with a body over axum's default limit (2 MiB).
fn too_large(method: &str, uri: &str, content_type: &str) -> Request<Body> {
    let body = format!("\"{}\"", "x".repeat(2 * 1024 * 1024 + 1));
    with_body(method, uri, Some(content_type), &body)
}

/// A file's validators, as served: what a client sends back in `If-*` headers.
struct Validators {
    etag: String,
    last_modified: String,
}

async fn validators(api: fn() -> ApiRouter, uri: &str) -> Validators {
    let wire = send(&api().into_router(), get(uri)).await;
    assert_eq!(wire.status, 200, "{uri}");
    let header = |name: header::HeaderName| {
        wire.headers
            .get(&name)
            .unwrap_or_else(|| panic!("{uri}: no {name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    Validators {
        etag: header(header::ETAG),
        last_modified: header(header::LAST_MODIFIED),
    }
}

/// An entity tag no file has.
const STALE: &str = "\"stale\"";
/// A date before any file was modified.
const EPOCH: &str = "Thu, 01 Jan 1970 00:00:00 GMT";

// ---- the check ---------------------------------------------------------------------------

/// Sends every row to `api`'s app with the public conformance check
/// (`response_model::testing::Conformance`, exhaustive): each answer must have the row's
/// status, come from the row's operation, and agree with both renderings of the document;
/// the rows and `unreachable` must cover every documented (operation, status) exactly.
/// The report, printed with `--nocapture`.
async fn every_documented_status(
    api: fn() -> ApiRouter,
    rows: Vec<Row>,
    unreachable: &[Unreachable],
) -> Report {
    let mut check = Conformance::new(api()).exhaustive();
    for (id, status, req) in rows {
        check = check.case(Case::request(req).operation(id).status(status));
    }
    for (id, key, why) in unreachable {
        check = check.unreachable(id, key, why);
    }
    let report = check.run().await;
    println!("{report}");
    report.assert_ok();
    report
}

// ---- the sample app (tests/fixtures/openapi/app.rs) --------------------------------------

// A table: one row a line.
#[rustfmt::skip]
fn sample_rows(download: &Validators) -> Vec<Row> {
    let form = Some("application/x-www-form-urlencoded");
    let dl = "/download";
    vec![
        ("list_items", 200, get("/items?skip=1&limit=2")),
        ("list_items", 400, get("/items?skip=-1")),
        ("create_item", 201, post_json("/items", r#"{"name": "x", "price": 2.5}"#)),
        ("create_item", 400, post_json("/items", "{")),
        ("create_item", 413, post_too_large("/items", JSON)),
        ("create_item", 415, with_body("POST", "/items", None, "{}")),
        ("create_item", 422, post_json("/items", r#"{"name": 1}"#)),
        ("read_item", 200, get("/items/2")),
        ("read_item", 400, get("/items/not-a-number")),
        ("delete_item", 204, with_body("DELETE", "/items/1", None, "")),
        ("delete_item", 400, with_body("DELETE", "/items/x", None, "")),
        ("read_user", 200, get("/users/7")),
        ("read_user", 400, get("/users/seven")),
        ("find_user", 200, get("/users/1/lookup")),
        ("find_user", 404, get("/users/2/lookup")),
        ("find_user", 400, get("/users/x/lookup")),
        ("create_user", 200, post_json("/users", r#"{"id": 1, "name": "A", "hashed_password": "h", "bio": null}"#)),
        ("create_user", 400, post_json("/users", r#"{"id": 1,"#)),
        ("create_user", 413, post_too_large("/users", JSON)),
        ("create_user", 415, with_body("POST", "/users", Some("text/plain"), "{}")),
        ("create_user", 422, post_json("/users", r#"{"id": "x"}"#)),
        ("home", 200, get("/")),
        ("plain_text", 200, get("/text")),
        ("static_text", 200, get("/static-text")),
        ("moved", 308, get("/moved")),
        ("ticks", 200, get("/ticks")),
        ("with_headers", 200, get("/headers")),
        ("touch", 200, with_body("PUT", "/touch", None, "")),
        ("nothing", 204, get("/nothing")),
        ("read_file", 200, get("/files/a/b.txt")),
        ("read_file", 400, get("/files/%FF")),
        ("account_profile", 200, get("/accounts/1")),
        ("account_profile", 400, get("/accounts/one")),
        ("account_public", 200, get("/accounts/1/public")),
        ("account_public", 400, get("/accounts/one/public")),
        ("account_out", 200, get("/accounts/1/full")),
        ("account_out", 400, get("/accounts/one/full")),
        ("fast_item", 200, get("/fast")),
        ("json_response", 200, get("/json-response")),
        ("export_csv", 200, get("/export.csv")),
        ("old_home", 301, get("/old-home")),
        ("login", 200, with_body("POST", "/login", form, "username=ada&remember=true")),
        ("login", 400, post_broken_body("/login", form)),
        ("login", 413, post_too_large("/login", "application/x-www-form-urlencoded")),
        ("login", 415, post_json("/login", r#"{"username": "ada"}"#)),
        ("login", 422, with_body("POST", "/login", form, "remember=true")),
        ("shop_item", 200, get("/shops/north/items/3")),
        ("shop_item", 400, get("/shops/north/items/three")),
        ("create_model", 201, post_json("/models", r#"{"name": "m", "price": 1.0}"#)),
        ("create_model", 400, post_json("/models", "[")),
        ("create_model", 413, post_too_large("/models", JSON)),
        ("create_model", 415, with_body("POST", "/models", None, r#"{"name": "m", "price": 1.0}"#)),
        ("create_model", 422, post_json("/models", r#"{"name": "m"}"#)),
        ("validated", 200, get("/validated/1")),
        ("validated", 400, get("/validated/x")),
        ("validated", 500, get("/validated/0")),
        ("select_accounts", 200, get("/accounts?fields=id,name")),
        ("select_accounts", 200, get("/accounts?exclude=email")),
        ("select_accounts", 400, get("/accounts?fields=id,emial")),
        ("select_accounts", 400, get("/accounts?exclude=hashed_password")),
        ("account_page", 200, get("/account-page?fields=items.name")),
        ("account_page", 200, get("/account-page?exclude=items.email,total")),
        ("account_page", 400, get("/account-page?fields=items.nope")),
        ("download", 200, get(dl)),
        ("download", 200, get_with(dl, &[("range", "bytes=0-9"), ("if-range", STALE)])),
        ("download", 206, get_with(dl, &[("range", "bytes=0-9")])),
        ("download", 206, get_with(dl, &[("range", "bytes=0-1,5-6")])),
        ("download", 206, get_with(dl, &[("range", "bytes=-5"), ("if-range", &download.etag)])),
        ("download", 304, get_with(dl, &[("if-none-match", &download.etag)])),
        ("download", 304, get_with(dl, &[("if-modified-since", &download.last_modified)])),
        ("download", 412, get_with(dl, &[("if-match", STALE)])),
        ("download", 412, get_with(dl, &[("if-unmodified-since", EPOCH)])),
        ("download", 416, get_with(dl, &[("range", "bytes=99999999-")])),
        ("words", 200, get("/words")),
        ("rows", 200, get("/rows")),
        ("typed_rows", 200, get("/typed-rows")),
        ("events", 200, get("/events")),
        ("counter", 200, get("/v1/counter")),
    ]
}

const SAMPLE_UNREACHABLE: &[Unreachable] = &[
    (
        "old_home",
        "500",
        "the redirect's target is the constant \"/\", always a valid Location",
    ),
    (
        "select_accounts",
        "500",
        "the 500 of a value that cannot be encoded: the accounts are constants that always encode",
    ),
    (
        "account_page",
        "500",
        "the 500 of a value that cannot be encoded: the page is a constant that always encodes",
    ),
    (
        "download",
        "404",
        "the file served is the constant path of tests/fixtures/openapi/app.rs, which exists",
    ),
    (
        "download",
        "500",
        "only an I/O error opening or reading an existing file (a broken disk) gives it",
    ),
    (
        "words",
        "500",
        "the 500 of a run-time media type that is not a header value: the media type is the \
         constant \"text/plain\"",
    ),
];

#[tokio::test]
async fn every_documented_status_of_the_sample_app_is_produced_and_conforms() {
    let download = validators(app::api, "/download").await;
    let report =
        every_documented_status(app::api, sample_rows(&download), SAMPLE_UNREACHABLE).await;
    assert!(report.statuses("download").contains(&416));
}

// ---- the showcase (examples/src/showcase.rs) ---------------------------------------------

#[cfg(all(feature = "templates", feature = "validate"))]
mod showcase {
    use super::*;
    use crate::examples::showcase;

    // A table: one row a line.
    #[rustfmt::skip]
    fn rows(report: &Validators, avatar: &Validators) -> Vec<Row> {
        let (rep, exp, av) = ("/download/report", "/export/7", "/avatar/1");
        let item = r#"{"id": 3, "name": "Pen", "price": 10}"#;
        let carol = r#"{"name": "Carol", "email": "carol@example.com", "password": "correct horse"}"#;
        vec![
            // 6.1.1 response_model (/models): FastAPI's 422 JSON errors, and 415.
            ("get_user_models_users__user_id__get", 200, get("/models/users/1")),
            ("get_user_models_users__user_id__get", 422, get("/models/users/abc")),
            ("list_items_models_items_get", 200, get("/models/items")),
            ("create_item_models_items_post", 201, post_json("/models/items", item)),
            ("create_item_models_items_post", 201, post_json("/models/items", r#"{"id": 3.0, "name": "Pen", "price": 10}"#)),
            ("create_item_models_items_post", 415, with_body("POST", "/models/items", None, item)),
            ("create_item_models_items_post", 415, with_body("POST", "/models/items", Some("text/plain"), item)),
            ("create_item_models_items_post", 422, post_json("/models/items", r#"{"id": "x"}"#)),
            ("create_item_models_items_post", 422, post_json("/models/items", "{")),
            ("create_item_models_items_post", 400, post_broken_body("/models/items", Some(JSON))),
            ("create_item_models_items_post", 413, post_too_large("/models/items", JSON)),
            ("get_item", 200, get("/models/items/1")),
            ("get_item", 200, get("/models/items/999")),
            ("get_item", 422, get("/models/items/abc")),
            // 6.1.2 include / exclude (/fields): views, and the client's selection.
            ("get_user_public", 200, get("/fields/users/1/public")),
            ("get_user_public", 422, get("/fields/users/abc/public")),
            ("get_user_fields_users__uid__get", 200, get("/fields/users/1")),
            ("get_user_fields_users__uid__get", 422, get("/fields/users/abc")),
            ("list_users", 200, get("/fields/users")),
            ("list_users", 200, get("/fields/users?fields=id,name")),
            ("list_users", 200, get("/fields/users?exclude=email,role")),
            ("list_users", 400, get("/fields/users?fields=emial")),
            ("list_users", 400, get("/fields/users?exclude=hashed_password")),
            ("list_users", 400, get("/fields/users?fields=")),
            ("list_users", 400, get("/fields/users?fields=%FF")),
            ("get_profile", 200, get("/fields/profile")),
            // 6.2 response classes: JSON, HTML, text, redirects.
            ("list_items_items_get", 200, get("/items")),
            ("create_item_items_post", 201, with_body("POST", "/items", None, "")),
            ("check", 200, get("/check")),
            ("check", 200, get("/check?flag=yes")),
            ("check", 400, get("/check?flag=False")),
            ("check", 422, get("/check?flag=maybe")),
            ("get_big_data", 200, get("/big-data")),
            ("get_users", 200, get("/users")),
            ("health_page", 200, get("/health")),
            ("maintenance_page", 503, get("/maintenance")),
            ("dashboard", 200, get("/dashboard")),
            ("ping", 200, get("/ping")),
            ("export_csv", 200, get("/export/csv")),
            ("root", 307, get("/")),
            ("old_path", 301, get("/old-path")),
            ("users_v1", 308, get("/v1/users")),
            ("login", 303, post_json("/login", r#"{"username": "alice", "password": "x"}"#)),
            ("login", 400, post_json("/login", r#"{"username": "#)),
            ("login", 413, post_too_large("/login", JSON)),
            ("login", 415, with_body("POST", "/login", None, r#"{"username": "alice"}"#)),
            ("login", 422, post_json("/login", r#"["alice"]"#)),
            // 6.2.5 files: ranges and conditional requests (FileLayer), refused names.
            ("download_report", 200, get(rep)),
            ("download_report", 200, get_with(rep, &[("range", "bytes=0-9"), ("if-range", STALE)])),
            ("download_report", 206, get_with(rep, &[("range", "bytes=0-9")])),
            ("download_report", 206, get_with(rep, &[("range", "bytes=0-1,5-6")])),
            ("download_report", 206, get_with(rep, &[("range", "bytes=-5"), ("if-range", &report.etag)])),
            ("download_report", 304, get_with(rep, &[("if-none-match", &report.etag)])),
            ("download_report", 304, get_with(rep, &[("if-modified-since", &report.last_modified)])),
            ("download_report", 412, get_with(rep, &[("if-match", STALE)])),
            ("download_report", 412, get_with(rep, &[("if-unmodified-since", EPOCH)])),
            ("download_report", 416, get_with(rep, &[("range", "bytes=99999999-")])),
            ("export_user_data", 200, get(exp)),
            ("export_user_data", 206, get_with(exp, &[("range", "bytes=0-3")])),
            ("export_user_data", 206, get_with(exp, &[("range", "bytes=0-1,3-4")])),
            ("export_user_data", 304, get_with(exp, &[("if-none-match", "*")])),
            ("export_user_data", 400, get("/export/seven")),
            ("export_user_data", 412, get_with(exp, &[("if-match", STALE)])),
            ("export_user_data", 416, get_with(exp, &[("range", "bytes=99999999-")])),
            ("get_avatar", 200, get(av)),
            ("get_avatar", 200, get("/avatar/nobody")),
            ("get_avatar", 206, get_with(av, &[("range", "bytes=0-9")])),
            ("get_avatar", 206, get_with(av, &[("range", "bytes=0-1,5-6")])),
            ("get_avatar", 304, get_with(av, &[("if-none-match", &avatar.etag)])),
            ("get_avatar", 400, get("/avatar/%FF")),
            ("get_avatar", 404, get("/avatar/..%2F..%2Freports%2Fmonthly_report")),
            ("get_avatar", 404, get("/avatar/%2Fetc%2Fpasswd")),
            ("get_avatar", 412, get_with(av, &[("if-match", STALE)])),
            ("get_avatar", 416, get_with(av, &[("range", "bytes=99999999-")])),
            // 6.2.7 streams.
            ("stream_large_csv", 200, get("/export/large-csv")),
            ("sse_events", 200, get("/events")),
            ("ai_stream", 200, get("/ai/stream?prompt=hi")),
            ("ai_stream", 400, get("/ai/stream?prompt=a&prompt=b")),
            // Uploads (multipart/form-data): FastAPI's 422s, 400 and 413 in JSON.
            ("upload_file", 200, multipart_req("/files/upload", &[("file", Some("a.txt"), Some("text/plain"), b"hello"), ("description", None, None, b"notes")])),
            ("upload_file", 200, multipart_req("/files/upload", &[("file", Some("a.bin"), None, b"")])),
            ("upload_file", 422, multipart_req("/files/upload", &[("description", None, None, b"no file")])),
            ("upload_file", 422, multipart_req("/files/upload", &[("file", None, None, b"text, not a file")])),
            ("upload_file", 422, post_json("/files/upload", r#"{"file": "a.txt"}"#)),
            ("upload_file", 400, with_body("POST", "/files/upload", Some("multipart/form-data"), "")),
            ("upload_file", 400, post_broken_body("/files/upload", Some("multipart/form-data; boundary=X"))),
            ("upload_file", 413, post_too_large("/files/upload", "multipart/form-data; boundary=X")),
            ("upload_files", 200, multipart_req("/files/uploads", &[("files", Some("a.txt"), None, b"a"), ("files", Some("b.txt"), None, b"bb")])),
            ("upload_files", 422, multipart_req("/files/uploads", &[])),
            ("upload_files", 400, with_body("POST", "/files/uploads", Some("multipart/form-data; boundary=X"), "--X\r\nbroken")),
            ("upload_files", 413, post_too_large("/files/uploads", "multipart/form-data; boundary=X")),
            // Users on SQLite (/db): #[derive(ApiError)] errors, garde's 422s. In order:
            // the rows share one database.
            ("browse_users", 200, get("/db/users")),
            ("browse_users", 200, get("/db/users?limit=1&offset=1&fields=id,name")),
            ("browse_users", 400, get("/db/users?fields=hashed_password")),
            ("browse_users", 422, get("/db/users?limit=0")),
            ("browse_users", 422, get("/db/users?limit=x")),
            ("create_user", 201, post_json("/db/users", carol)),
            ("create_user", 409, post_json("/db/users", carol)),
            ("create_user", 422, post_json("/db/users", r#"{"name": "", "email": "carol", "password": "short"}"#)),
            ("create_user", 422, post_json("/db/users", r#"{"name": "Carol"}"#)),
            ("create_user", 415, with_body("POST", "/db/users", None, carol)),
            ("create_user", 400, post_broken_body("/db/users", Some(JSON))),
            ("create_user", 413, post_too_large("/db/users", JSON)),
            ("read_user", 200, get("/db/users/1")),
            ("read_user", 404, get("/db/users/99")),
            ("read_user", 422, get("/db/users/abc")),
            ("read_user_public", 200, get("/db/users/1/public")),
            ("read_user_public", 404, get("/db/users/99/public")),
            ("read_user_public", 422, get("/db/users/abc/public")),
            ("update_user", 200, with_body("PATCH", "/db/users/2", Some(JSON), r#"{"name": "Robert"}"#)),
            ("update_user", 404, with_body("PATCH", "/db/users/99", Some(JSON), r#"{"name": "Nobody"}"#)),
            ("update_user", 409, with_body("PATCH", "/db/users/2", Some(JSON), r#"{"email": "alice@example.com"}"#)),
            ("update_user", 422, with_body("PATCH", "/db/users/2", Some(JSON), r#"{"email": "bob"}"#)),
            ("update_user", 415, with_body("PATCH", "/db/users/2", None, "{}")),
            ("update_user", 400, broken_body("PATCH", "/db/users/2", Some(JSON))),
            ("update_user", 413, too_large("PATCH", "/db/users/2", JSON)),
            ("list_user_items", 200, get("/db/users/1/items")),
            ("list_user_items", 404, get("/db/users/99/items")),
            ("list_user_items", 422, get("/db/users/x/items")),
            ("add_user_item", 201, post_json("/db/users/1/items", r#"{"name": "Bar", "price": 62}"#)),
            ("add_user_item", 404, post_json("/db/users/99/items", r#"{"name": "Bar", "price": 62}"#)),
            ("add_user_item", 422, post_json("/db/users/1/items", r#"{"name": "", "price": 0}"#)),
            ("add_user_item", 415, with_body("POST", "/db/users/1/items", None, "{}")),
            ("add_user_item", 400, post_broken_body("/db/users/1/items", Some(JSON))),
            ("add_user_item", 413, post_too_large("/db/users/1/items", JSON)),
            ("sign_in", 200, post_json("/db/login", r#"{"email": "alice@example.com", "password": "supersecret"}"#)),
            ("sign_in", 401, post_json("/db/login", r#"{"email": "alice@example.com", "password": "guess"}"#)),
            ("sign_in", 422, post_json("/db/login", r#"{"email": "alice"}"#)),
            ("sign_in", 415, with_body("POST", "/db/login", None, "{}")),
            ("sign_in", 400, post_broken_body("/db/login", Some(JSON))),
            ("sign_in", 413, post_too_large("/db/login", JSON)),
            ("sign_out", 204, with_body("POST", "/db/logout", None, "")),
            // Protected by the `session` cookie: with and without credentials.
            ("read_me", 200, get_with("/db/users/me", &[("cookie", "theme=dark; session=user-1")])),
            ("read_me", 401, get("/db/users/me")),
            ("read_me", 401, get_with("/db/users/me", &[("cookie", "session=user-99")])),
            ("read_user_card", 200, get("/db/users/1/card")),
            ("read_user_card", 200, get_with("/db/users/1/card", &[("accept", "application/xml")])),
            ("read_user_card", 404, get("/db/users/99/card")),
            ("read_user_card", 422, get("/db/users/x/card")),
            ("put_user_item", 201, with_body("PUT", "/db/users/1/items/40", Some(JSON), r#"{"name": "Pen", "price": 1.5}"#)),
            ("put_user_item", 200, with_body("PUT", "/db/users/1/items/40", Some(JSON), r#"{"name": "Red pen", "price": 2}"#)),
            ("put_user_item", 404, with_body("PUT", "/db/users/99/items/41", Some(JSON), r#"{"name": "Pen", "price": 1.5}"#)),
            ("put_user_item", 409, with_body("PUT", "/db/users/2/items/40", Some(JSON), r#"{"name": "Pen", "price": 1.5}"#)),
            ("put_user_item", 422, with_body("PUT", "/db/users/1/items/x", Some(JSON), r#"{"name": "Pen", "price": 1.5}"#)),
            ("put_user_item", 415, with_body("PUT", "/db/users/1/items/41", None, "{}")),
            ("put_user_item", 400, broken_body("PUT", "/db/users/1/items/41", Some(JSON))),
            ("put_user_item", 413, too_large("PUT", "/db/users/1/items/41", JSON)),
            ("delete_user", 204, with_body("DELETE", "/db/users/3", None, "")),
            ("delete_user", 404, with_body("DELETE", "/db/users/3", None, "")),
            ("delete_user", 422, with_body("DELETE", "/db/users/x", None, "")),
        ]
    }

    /// Why no request makes a /db route answer 500.
    const DB_FAILS: &str = "the 500 of a database failure (the in-memory SQLite does not fail \
         on its own); tests/integration/users_db.rs produces it by dropping the tables";

    const UNREACHABLE: &[Unreachable] = &[
        ("browse_users", "500", DB_FAILS),
        ("create_user", "500", DB_FAILS),
        ("read_user", "500", DB_FAILS),
        ("read_user_public", "500", DB_FAILS),
        ("update_user", "500", DB_FAILS),
        ("delete_user", "500", DB_FAILS),
        ("list_user_items", "500", DB_FAILS),
        ("add_user_item", "500", DB_FAILS),
        ("sign_in", "500", DB_FAILS),
        ("read_me", "500", DB_FAILS),
        ("read_user_card", "500", DB_FAILS),
        ("put_user_item", "500", DB_FAILS),
        (
            "list_items_models_items_get",
            "500",
            "the 500 of a failed `Model::validate`: the rows are constants that always validate as ItemOut",
        ),
        (
            "get_item",
            "500",
            "the 500 of a failed `Model::validate`: the value is built from the i64 path \
             parameter and constants, always a valid ItemOut",
        ),
        (
            "list_users",
            "500",
            "the 500 of a value that cannot be encoded: the users are constants that always encode",
        ),
        (
            "dashboard",
            "500",
            "the 500 of a template that fails to load or render: examples/templates/dashboard.html \
             is shipped and renders with the constant context",
        ),
        (
            "root",
            "500",
            "the 500 of a refused redirect target: the target is the constant \"/docs\"",
        ),
        (
            "old_path",
            "500",
            "the 500 of a refused redirect target: the target is the constant \"/new-path\"",
        ),
        (
            "login",
            "500",
            "the 500 of a refused redirect target: the target is the constant \"/dashboard\"",
        ),
        (
            "users_v1",
            "500",
            "the 500 of a refused redirect target: the target is the constant \"/v2/users\"",
        ),
        (
            "download_report",
            "404",
            "the file is the constant path examples/assets/reports/monthly_report.pdf, which is shipped",
        ),
        (
            "download_report",
            "500",
            "only an I/O error opening or reading an existing file (a broken disk) gives it",
        ),
        (
            "export_user_data",
            "404",
            "the handler serves the file it has just written, under a name no other request uses",
        ),
        (
            "export_user_data",
            "500",
            "only a failure to write the export to the temporary directory (a full or read-only \
             disk) or to read it back gives it (the handler's `WithStatus<500, PlainText>` and \
             the file's bare 500 are both the documented text/plain body)",
        ),
        (
            "get_avatar",
            "500",
            "only an I/O error opening or reading an existing file (a broken disk) gives it",
        ),
    ];

    #[tokio::test]
    async fn every_documented_status_of_the_showcase_is_produced_and_conforms() {
        let report = validators(showcase::api, "/download/report").await;
        let avatar = validators(showcase::api, "/avatar/1").await;
        let report =
            every_documented_status(showcase::api, rows(&report, &avatar), UNREACHABLE).await;
        assert!(report.statuses("list_users").contains(&400));
    }
}

// ---- FastAPI's "Simple OAuth2" tutorial (examples/src/simple_oauth2.rs) ------------------

mod simple_oauth2 {
    use axum::body::Body;
    use http::Request;

    use super::{Row, every_documented_status, post_broken_body, post_too_large, with_body};
    use crate::examples::simple_oauth2;

    const FORM: &str = "application/x-www-form-urlencoded";

    fn me(authorization: Option<&str>) -> Request<Body> {
        let mut req = Request::get("/users/me");
        if let Some(a) = authorization {
            req = req.header("authorization", a);
        }
        req.body(Body::empty()).unwrap()
    }

    #[rustfmt::skip]
    fn rows() -> Vec<Row> {
        vec![
            ("login", 200, with_body("POST", "/token", Some(FORM), "username=johndoe&password=secret")),
            ("login", 400, with_body("POST", "/token", Some(FORM), "username=johndoe&password=nope")),
            ("login", 400, post_broken_body("/token", Some(FORM))),
            ("login", 413, post_too_large("/token", FORM)),
            ("login", 422, with_body("POST", "/token", Some(FORM), "username=johndoe")),
            // With credentials, and without.
            ("read_users_me", 200, me(Some("Bearer johndoe"))),
            ("read_users_me", 400, me(Some("Bearer alice"))),
            ("read_users_me", 401, me(None)),
            ("read_users_me", 401, me(Some("Bearer nobody"))),
        ]
    }

    #[tokio::test]
    async fn every_documented_status_of_the_tutorial_is_produced_and_conforms() {
        let report = every_documented_status(simple_oauth2::api, rows(), &[]).await;
        assert_eq!(report.statuses("read_users_me"), [200, 400, 401]);
    }
}

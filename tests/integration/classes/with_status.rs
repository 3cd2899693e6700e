//! `WithStatus<S, R>`: a fixed status around any response class, on the wire and in the
//! document (the course's `HTMLResponse(content=..., status_code=503)`).

use axum::body::Body;
use http::header::{CONTENT_TYPE, RANGE};
use http::{Request, StatusCode};
use response_model::responses::media::{ApplicationXml, TextCsv, TextPlain};
use response_model::responses::{
    Content, FileLayer, FileResponse, Html, PlainText, Redirect, StreamingResponse, WithStatus,
};
use response_model::routing::{ApiRouter, get};
use serde_json::{Value, json};

use crate::common::{TEXT, get_path, send};

async fn maintenance() -> WithStatus<503, Html<&'static str>> {
    WithStatus(Html("<h1>Under Maintenance</h1>"))
}

async fn text() -> WithStatus<418, PlainText<&'static str>> {
    WithStatus(PlainText("short and stout"))
}

async fn xml() -> WithStatus<202, Content<ApplicationXml>> {
    WithStatus(Content::new("<queued/>"))
}

async fn stream() -> WithStatus<202, StreamingResponse<TextPlain>> {
    let words = futures_util::stream::iter(["still ", "working"]);
    WithStatus(StreamingResponse::new(words).media::<TextPlain>())
}

async fn redirect() -> WithStatus<503, Redirect> {
    WithStatus(Redirect::to("/elsewhere"))
}

fn api(file: std::path::PathBuf) -> ApiRouter {
    let missing = file.with_file_name("missing.csv");
    ApiRouter::new()
        .route("/maintenance", get(maintenance))
        .route("/text", get(text))
        .route("/xml", get(xml))
        .route("/stream", get(stream))
        .route("/redirect", get(redirect))
        .route(
            "/file",
            get(move || {
                let file = file.clone();
                async move { WithStatus::<203, _>(FileResponse::new(file).media::<TextCsv>()) }
            }),
        )
        .route(
            "/missing",
            get(move || {
                let missing = missing.clone();
                async move { WithStatus::<203, _>(FileResponse::new(missing).media::<TextCsv>()) }
            }),
        )
}

fn data_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.csv");
    std::fs::write(&path, "id,name\n1,Ann\n").unwrap();
    (dir, path)
}

#[tokio::test]
async fn the_status_of_the_type_is_sent_with_the_class_body_and_headers() {
    let (_dir, path) = data_file();
    let app = api(path).layer(FileLayer::new()).into_router();

    let r = get_path(&app, "/maintenance").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header(CONTENT_TYPE), "text/html; charset=utf-8");
    assert_eq!(r.text(), "<h1>Under Maintenance</h1>");

    let r = get_path(&app, "/text").await;
    assert_eq!(r.status, StatusCode::IM_A_TEAPOT);
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "short and stout");

    let r = get_path(&app, "/xml").await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.header(CONTENT_TYPE), "application/xml");

    let r = get_path(&app, "/stream").await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.text(), "still working");

    // A full file gets the status; a range keeps its 206, a missing file its 404.
    let r = get_path(&app, "/file").await;
    assert_eq!(r.status, StatusCode::NON_AUTHORITATIVE_INFORMATION);
    assert_eq!(r.text(), "id,name\n1,Ann\n");
    let req = Request::get("/file")
        .header(RANGE, "bytes=0-1")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.text(), "id");
    let r = get_path(&app, "/missing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A class that does not answer 2xx keeps its status.
    let r = get_path(&app, "/redirect").await;
    assert_eq!(r.status, StatusCode::TEMPORARY_REDIRECT);
}

fn responses(doc: &Value, path: &str) -> Value {
    doc["paths"][path]["get"]["responses"].clone()
}

fn statuses(responses: &Value) -> Vec<String> {
    responses.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn the_document_lists_the_class_success_response_under_the_status() {
    let (_dir, path) = data_file();
    let doc = api(path).openapi();

    let r = responses(&doc, "/maintenance");
    assert_eq!(statuses(&r), ["503"]);
    assert_eq!(r["503"]["description"], "Service Unavailable");
    assert_eq!(
        r["503"]["content"]["text/html"]["schema"],
        json!({"type": "string"})
    );

    assert_eq!(statuses(&responses(&doc, "/text")), ["418"]);
    assert!(responses(&doc, "/xml")["202"]["content"]["application/xml"].is_object());
    let r = responses(&doc, "/stream");
    assert_eq!(statuses(&r), ["202"]);
    assert!(r["202"]["content"]["text/plain"].is_object());

    // The file's full response moves to 203 with its headers; 206, 304, 404, ... stay.
    let r = responses(&doc, "/file");
    assert!(!r.as_object().unwrap().contains_key("200"), "{r:#}");
    // The class's own description is kept: a bare reason phrase gives way to it under
    // the one merge rule.
    assert_eq!(r["203"]["description"], "The file");
    assert!(r["203"]["content"]["text/csv"].is_object());
    assert!(r["203"]["headers"]["ETag"].is_object());
    for kept in ["206", "304", "404", "500"] {
        assert!(r[kept].is_object(), "{kept}: {r:#}");
    }

    // The redirect keeps its 307 (and its refused-target 500): nothing 2xx to move.
    assert_eq!(statuses(&responses(&doc, "/redirect")), ["307", "500"]);
}

//! `Content<M>`: FastAPI's `Response(content=..., media_type=...)`, the media type in the
//! type, so the header and the document agree.

use axum::response::IntoResponse;
use http::StatusCode;
use response_model::responses::Content;
use response_model::responses::media::{ApplicationXml, TextMarkdown};
use response_model::routing::{ApiRouter, get};

use crate::common::get_path;

const XML: &str = r#"<?xml version="1.0"?>
<shampoo>
<Header>Apply shampoo here.</Header>
</shampoo>"#;

async fn legacy_data() -> Content<ApplicationXml> {
    Content::new(XML)
}

async fn readme() -> Content<TextMarkdown> {
    Content::new("# Title")
}

async fn untyped() -> Content {
    Content::new(&b"\x00\x01"[..])
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/legacy", get(legacy_data))
        .route("/readme", get(readme))
        .route("/untyped", get(untyped))
}

#[tokio::test]
async fn the_body_goes_out_with_its_media_type() {
    let app = api().into_router();
    let r = get_path(&app, "/legacy").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "application/xml");
    assert_eq!(r.text(), XML);
    let r = get_path(&app, "/readme").await;
    assert_eq!(r.headers["content-type"], "text/markdown; charset=utf-8");
    // No media type: no Content-Type, as FastAPI's `Response` without `media_type`.
    let r = get_path(&app, "/untyped").await;
    assert!(r.headers.get("content-type").is_none());
    assert_eq!(&r.body[..], b"\x00\x01");
    let r = (StatusCode::ACCEPTED, Content::<ApplicationXml>::new("<a/>")).into_response();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
}

#[test]
fn the_document_says_the_same_media_type() {
    let doc = api().openapi();
    let content = |path: &str| doc["paths"][path]["get"]["responses"]["200"]["content"].clone();
    let xml = content("/legacy");
    assert_eq!(
        xml["application/xml"]["schema"]["contentMediaType"],
        "application/xml"
    );
    assert_eq!(
        content("/readme")["text/markdown"]["schema"]["type"],
        "string"
    );
    assert!(content("/untyped")["*/*"]["schema"].is_object());
}

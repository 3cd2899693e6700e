//! `PlainText` (FastAPI's PlainTextResponse): the course's text and CSV attachment, and
//! bytes still sent as text.

use axum::body::Bytes;
use axum::response::IntoResponse;
use http::StatusCode;
use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use response_model::responses::PlainText;

use super::course::example_app;
use crate::common::{TEXT, get_path, reply};

#[tokio::test]
async fn text_ping_and_csv_attachment() {
    let app = example_app();
    let r = get_path(&app, "/ping").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "pong");

    let r = get_path(&app, "/export/csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(
        r.header(CONTENT_DISPOSITION),
        r#"attachment; filename="data.csv""#
    );
    assert_eq!(r.text(), "id,name,price\n1,Laptop,75000\n2,Phone,30000");
}

#[tokio::test]
async fn text_of_bytes_is_still_text_plain() {
    let r = reply(PlainText(Bytes::from_static(b"raw")).into_response()).await;
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "raw");
    let r = reply(PlainText(vec![b'h', b'i']).into_response()).await;
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "hi");
}

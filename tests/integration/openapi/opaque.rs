//! FastAPI's `response_model=None`: a handler that returns an opaque `Response` stays in
//! the document with its parameters and request body, and an untyped `default` response;
//! only `route_undocumented` leaves the document.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use response_model::extract::{Json, Path};
use response_model::routing::{ApiRouter, get, post};

use crate::common::{get_path, json_req, send};

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Note {
    text: String,
}

async fn raw(Path(id): Path<u32>) -> Response {
    (StatusCode::ACCEPTED, format!("raw {id}")).into_response()
}

async fn echo(Json(note): Json<Note>) -> Response {
    note.text.into_response()
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/raw/{id}", get(raw))
        .route("/echo", post(echo))
}

#[test]
fn an_opaque_response_is_documented_as_any_response_with_its_inputs() {
    let doc = api().openapi();
    let raw = &doc["paths"]["/raw/{id}"]["get"];
    assert_eq!(raw["parameters"][0]["name"], "id");
    let codes: Vec<&String> = raw["responses"].as_object().unwrap().keys().collect();
    // The extractor's 422, and `default` for what the handler itself returns.
    assert_eq!(codes, ["422", "default"]);
    assert!(
        raw["responses"]["default"].get("content").is_none(),
        "{raw}"
    );
    let echo = &doc["paths"]["/echo"]["post"];
    assert_eq!(
        echo["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Note"
    );
}

#[tokio::test]
async fn it_serves_as_it_did() {
    let app = api().into_router();
    let r = get_path(&app, "/raw/7").await;
    assert_eq!((r.status, r.text()), (StatusCode::ACCEPTED, "raw 7"));
    let r = send(
        &app,
        json_req(http::Method::POST, "/echo", r#"{"text": "hi"}"#),
    )
    .await;
    assert_eq!(r.text(), "hi");
}

//! `Either`/`Either3`: one of several response classes, chosen at run time, each
//! documented with its status, media type and schema.

use axum::extract::Path;
use http::StatusCode;
use response_model::responses::{Either, Either3, PlainText};
use response_model::routing::{ApiRouter, get};
use response_model::{Created, Model};
use serde_json::json;

use crate::common::get_path;

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Item {
    id: u32,
}

#[derive(serde::Serialize, schemars::JsonSchema)]
struct Legacy {
    code: String,
}

async fn upsert(Path(id): Path<u32>) -> Either<Model<Item>, Created<Item>> {
    if id < 10 {
        Either::A(Model(Item { id }))
    } else {
        Either::B(Model(Item { id }))
    }
}

async fn shapes(
    Path(kind): Path<u8>,
) -> Either3<Model<Item>, Model<Legacy>, PlainText<&'static str>> {
    match kind {
        0 => Either3::A(Model(Item { id: 0 })),
        1 => Either3::B(Model(Legacy { code: "x".into() })),
        _ => Either3::C(PlainText("plain")),
    }
}

response_model::responses::response_header! {
    /// The item's revision, sent with the JSON variant only.
    pub XRevision = "x-revision": u32;
}

async fn revised(
    Path(kind): Path<u8>,
) -> Either<(XRevision, Model<Item>), PlainText<&'static str>> {
    match kind {
        0 => Either::A((XRevision(7), Model(Item { id: 0 }))),
        _ => Either::B(PlainText("plain")),
    }
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/items/{id}", get(upsert))
        .route("/shapes/{kind}", get(shapes))
        .route("/revised/{kind}", get(revised))
}

#[tokio::test]
async fn a_header_of_one_variant_is_not_required_of_the_status_they_share() {
    let app = api().into_router();
    let doc = api().openapi();
    let ok = &doc["paths"]["/revised/{kind}"]["get"]["responses"]["200"];
    // Documented (the JSON variant sends it), but not required: the text variant does not.
    assert_eq!(
        ok["headers"]["x-revision"]["schema"]["type"], "integer",
        "{ok}"
    );
    assert_ne!(ok["headers"]["x-revision"]["required"], true, "{ok}");
    assert_eq!(get_path(&app, "/revised/0").await.header("x-revision"), "7");
    assert!(
        get_path(&app, "/revised/1")
            .await
            .headers
            .get("x-revision")
            .is_none()
    );
}

#[tokio::test]
async fn each_variant_answers_as_its_class() {
    let app = api().into_router();
    let r = get_path(&app, "/items/3").await;
    assert_eq!((r.status, r.json()), (StatusCode::OK, json!({"id": 3})));
    let r = get_path(&app, "/items/30").await;
    assert_eq!(
        (r.status, r.json()),
        (StatusCode::CREATED, json!({"id": 30}))
    );
    let r = get_path(&app, "/shapes/1").await;
    assert_eq!(r.json(), json!({"code": "x"}));
    let r = get_path(&app, "/shapes/2").await;
    assert_eq!(
        (r.headers["content-type"].to_str().unwrap(), r.text()),
        ("text/plain; charset=utf-8", "plain")
    );
}

#[test]
fn every_variant_is_documented() {
    let doc = api().openapi();
    let upsert = &doc["paths"]["/items/{id}"]["get"]["responses"];
    assert!(
        upsert.get("200").is_some() && upsert.get("201").is_some(),
        "{upsert}"
    );
    let shapes = &doc["paths"]["/shapes/{kind}"]["get"]["responses"]["200"]["content"];
    // Two JSON bodies under one status: either of them.
    let json_schema = &shapes["application/json"]["schema"];
    assert_eq!(
        json_schema["anyOf"],
        json!([{"$ref": "#/components/schemas/Item"}, {"$ref": "#/components/schemas/Legacy"}])
    );
    assert_eq!(shapes["text/plain"]["schema"]["type"], "string");
}

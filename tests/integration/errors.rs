//! FastAPI's `HTTPException`: `HttpError<STATUS>` (the status in the type, documented as
//! that status) and `DynHttpError` (a run-time status, documented as `default`), both
//! answering `{"detail": ...}`; `?` through the user's `From`.

use axum::Router;
use axum::extract::Path;
use http::StatusCode;
use response_model::routing::{ApiRouter, get};
use response_model::{DynHttpError, HttpError, Model};
use serde_json::json;

use crate::common::get_path;

struct NotInDb;

impl From<NotInDb> for HttpError<404> {
    fn from(_: NotInDb) -> Self {
        HttpError::new("Item not found")
    }
}

fn lookup(id: &str) -> Result<&'static str, NotInDb> {
    if id == "foo" {
        Ok("The Foo Wrestlers")
    } else {
        Err(NotInDb)
    }
}

async fn read_item(Path(item_id): Path<String>) -> Result<Model<String>, HttpError<404>> {
    Ok(Model(lookup(&item_id)?.to_owned()))
}

async fn read_header(
    Path(item_id): Path<String>,
) -> Result<Model<String>, ([(&'static str, &'static str); 1], HttpError<404>)> {
    match lookup(&item_id) {
        Ok(name) => Ok(Model(name.to_owned())),
        Err(_) => Err((
            [("x-error", "There goes my error")],
            HttpError::new("Item not found"),
        )),
    }
}

async fn buy(Path(stock): Path<u32>) -> Result<Model<&'static str>, DynHttpError> {
    match stock {
        0 => Err(DynHttpError::new(StatusCode::GONE, "Sold out")),
        1 => Err(HttpError::<409>::new("Reserved").into()),
        _ => Ok(Model("bought")),
    }
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/items/{item_id}", get(read_item))
        .route("/items-header/{item_id}", get(read_header))
        .route("/buy/{stock}", get(buy))
}

fn app() -> Router {
    api().into_router()
}

#[tokio::test]
async fn an_http_error_answers_its_status_with_a_detail() {
    let app = app();
    let ok = get_path(&app, "/items/foo").await;
    assert_eq!(
        (ok.status, ok.json()),
        (StatusCode::OK, json!("The Foo Wrestlers"))
    );
    let missing = get_path(&app, "/items/bar").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers["content-type"], "application/json");
    assert_eq!(missing.text(), r#"{"detail":"Item not found"}"#);
    let with_header = get_path(&app, "/items-header/bar").await;
    assert_eq!(with_header.status, StatusCode::NOT_FOUND);
    assert_eq!(with_header.headers["x-error"], "There goes my error");
    assert_eq!(with_header.json(), json!({"detail": "Item not found"}));
}

#[tokio::test]
async fn an_http_exception_answers_the_status_it_was_given() {
    let app = app();
    let gone = get_path(&app, "/buy/0").await;
    assert_eq!(
        (gone.status, gone.json()),
        (StatusCode::GONE, json!({"detail": "Sold out"}))
    );
    let conflict = get_path(&app, "/buy/1").await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert_eq!(conflict.json(), json!({"detail": "Reserved"}));
    assert_eq!(get_path(&app, "/buy/5").await.status, StatusCode::OK);
}

#[test]
fn the_document_lists_the_status_of_the_type_and_default_for_a_run_time_one() {
    let doc = api().openapi();
    let responses = &doc["paths"]["/items/{item_id}"]["get"]["responses"];
    let codes: Vec<&String> = responses.as_object().unwrap().keys().collect();
    // 400: axum's `Path` rejection.
    assert_eq!(codes, ["200", "400", "404"]);
    assert_eq!(responses["404"]["description"], "Not Found");
    assert_eq!(
        responses["404"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/HttpError"
    );
    let header = &doc["paths"]["/items-header/{item_id}"]["get"]["responses"];
    assert!(header.get("404").is_some(), "{header}");
    let buy = &doc["paths"]["/buy/{stock}"]["get"]["responses"];
    let codes: Vec<&String> = buy.as_object().unwrap().keys().collect();
    // A run-time status is `default`, never one it may not be.
    assert_eq!(codes, ["200", "400", "default"]);
    assert_eq!(
        buy["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/HttpError"
    );
    let body = &doc["components"]["schemas"]["HttpError"];
    assert_eq!(body["required"], json!(["detail"]));
    assert_eq!(body["properties"]["detail"]["type"], "string");
}

/// Responses declared on a route (FastAPI's `responses={...}`): a status the types
/// document takes the declared description and keeps its body; another one is added, with
/// the declared body if any.
#[test]
fn declared_responses_merge_into_the_documented_ones() {
    #[derive(serde::Serialize, schemars::JsonSchema)]
    struct Message {
        message: String,
    }
    let doc = ApiRouter::<()>::new()
        .route(
            "/items/{item_id}",
            get(read_item)
                .response(StatusCode::FORBIDDEN, "Not enough privileges")
                .response(StatusCode::NOT_FOUND, "The item does not exist")
                .response_body::<Message>(StatusCode::IM_A_TEAPOT, "A teapot"),
        )
        .openapi();
    let responses = &doc["paths"]["/items/{item_id}"]["get"]["responses"];
    let codes: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(codes, ["200", "400", "403", "404", "418"]);
    assert_eq!(responses["403"]["description"], "Not enough privileges");
    assert!(responses["403"].get("content").is_none());
    // The type's 404 keeps its body, with the route's description.
    assert_eq!(responses["404"]["description"], "The item does not exist");
    assert_eq!(
        responses["404"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/HttpError"
    );
    assert_eq!(
        responses["418"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Message"
    );
}

/// An example is a typed value serialized as the wire serializes it, and it validates
/// against the schema the document gives its response.
#[test]
fn examples_are_typed_and_match_their_schema() {
    #[derive(serde::Serialize, schemars::JsonSchema)]
    struct Item {
        name: String,
        price: f64,
        tax: Option<f64>,
    }
    async fn read() -> Result<Model<Item>, HttpError<404>> {
        Ok(Model(Item {
            name: "Foo".into(),
            price: 50.2,
            tax: None,
        }))
    }
    let doc = ApiRouter::<()>::new()
        .route(
            "/items/foo",
            get(read)
                .response_example(
                    StatusCode::OK,
                    Item {
                        name: "Foo".into(),
                        price: 50.2,
                        tax: Some(10.5),
                    },
                )
                .response_example(StatusCode::NOT_FOUND, json!({"detail": "Item not found"})),
        )
        .openapi();
    for status in ["200", "404"] {
        let response = &doc["paths"]["/items/foo"]["get"]["responses"][status];
        // The documented description stays.
        assert!(
            response["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())
        );
        let media = &response["content"]["application/json"];
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "allOf": [media["schema"]],
            "components": doc["components"],
        });
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&media["example"]), "{status}: {media}");
    }
    let ok = &doc["paths"]["/items/foo"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(
        ok["example"],
        json!({"name": "Foo", "price": 50.2, "tax": 10.5})
    );
    // A wrong example would not validate: the check can fail.
    let schema = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [ok["schema"]], "components": doc["components"]});
    assert!(
        !jsonschema::validator_for(&schema)
            .unwrap()
            .is_valid(&json!({"name": 1}))
    );
}

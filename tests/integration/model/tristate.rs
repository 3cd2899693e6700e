//! `Tristate` and `exclude_unset` at run time: FastAPI's docs example reproduced (unset
//! fields absent, an explicit null kept), by hand and through the derive.

use axum::Router;
use axum::routing::get;
use http::StatusCode;
use response_model::ResponseValidationError;
use response_model::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::assert_generic_500;
use crate::common::get_path;

/// FastAPI docs' `Item` under `response_model_exclude_unset=True`, written as the derive's
/// `exclude_unset` view writes it.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
struct DocsItem {
    name: String,
    #[serde(default, skip_serializing_if = "Tristate::is_unset")]
    description: Tristate<String>,
    price: f64,
    #[serde(default, skip_serializing_if = "Tristate::is_unset")]
    tax: Tristate<f64>,
    #[serde(default, skip_serializing_if = "Tristate::is_unset")]
    tags: Tristate<Vec<String>>,
}

fn docs_items() -> Value {
    json!({
        "foo": {"name": "Foo", "price": 50.2},
        "bar": {"name": "Bar", "description": "The bartenders", "price": 62, "tax": 20.2},
        "baz": {"name": "Baz", "description": null, "price": 50.2, "tax": 10.5, "tags": []},
    })
}

#[tokio::test]
async fn exclude_unset_reproduces_fastapis_docs_exactly() {
    async fn read_item(
        axum::extract::Path(item_id): axum::extract::Path<String>,
    ) -> Result<Model<DocsItem>, ResponseValidationError> {
        Model::validate(docs_items()[item_id.as_str()].clone())
    }
    let app = Router::new().route("/items/{item_id}", get(read_item));
    let r = get_path(&app, "/items/foo").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"name":"Foo","price":50.2}"#);
    let r = get_path(&app, "/items/bar").await;
    assert_eq!(
        r.text(),
        r#"{"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2}"#
    );
    // An explicit null was set: it stays.
    let r = get_path(&app, "/items/baz").await;
    assert_eq!(
        r.text(),
        r#"{"name":"Baz","description":null,"price":50.2,"tax":10.5,"tags":[]}"#
    );
}

#[test]
fn tristate_states_round_trip() {
    let item: DocsItem =
        serde_json::from_value(json!({"name": "X", "price": 1, "tax": null})).unwrap();
    assert_eq!(item.description, Tristate::Unset);
    assert_eq!(item.tax, Tristate::Null);
    assert_eq!(item.tags, Tristate::Unset);
    let item: DocsItem =
        serde_json::from_value(json!({"name": "X", "price": 1, "tags": ["a"]})).unwrap();
    assert_eq!(item.tags, Tristate::Value(vec!["a".to_owned()]));
    // Without skip_serializing_if, both unset and null are written as null.
    assert_eq!(
        serde_json::to_string(&Tristate::<i32>::Unset).unwrap(),
        "null"
    );
    assert_eq!(
        serde_json::to_string(&Tristate::<i32>::Null).unwrap(),
        "null"
    );
}

#[test]
fn tristate_schema_is_options_and_optional_in_the_response_contract() {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<DocsItem>();
    let v = serde_json::to_value(&schema).unwrap();
    assert_eq!(v["required"], json!(["name", "price"]));
    assert_eq!(v["properties"]["tax"]["type"], json!(["number", "null"]));
    assert_eq!(
        v["properties"]["description"]["type"],
        json!(["string", "null"])
    );
    // `Option`'s schema, with the `$comment` that tells the document an optional
    // `Tristate` keeps its `null` (absent when unset, null when null).
    let mut option_schema =
        serde_json::to_value(schemars::schema_for!(Option<Vec<String>>)).unwrap();
    let tristate_schema =
        serde_json::to_value(schemars::schema_for!(Tristate<Vec<String>>)).unwrap();
    option_schema["$comment"] = tristate_schema["$comment"].clone();
    assert!(
        tristate_schema["$comment"]
            .as_str()
            .unwrap()
            .starts_with("Tristate")
    );
    assert_eq!(option_schema, tristate_schema);
}

// ---------------------------------------------------------------------------------------
// with #[derive(ResponseModel)]

/// FastAPI docs' `Item`; `ItemUnset` is `response_model_exclude_unset=True`.
#[derive(Serialize, Deserialize, JsonSchema, ResponseModel)]
#[response_model(view(ItemUnset, exclude_unset))]
struct Item {
    name: String,
    #[serde(default)]
    description: Tristate<String>,
    price: f64,
    #[serde(default)]
    tax: Tristate<f64>,
    #[serde(default)]
    tags: Tristate<Vec<String>>,
}

async fn read_item(
    axum::extract::Path(item_id): axum::extract::Path<String>,
) -> Result<Model<ItemUnset>, ResponseValidationError> {
    let Model(item) = Model::<Item>::validate(docs_items()[item_id.as_str()].clone())?;
    Ok(Model::new(item))
}

#[tokio::test]
async fn derived_exclude_unset_view_matches_fastapi() {
    let app = Router::new().route("/items/{item_id}", get(read_item));
    let r = get_path(&app, "/items/foo").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"name":"Foo","price":50.2}"#);
    let r = get_path(&app, "/items/baz").await;
    assert_eq!(
        r.text(),
        r#"{"name":"Baz","description":null,"price":50.2,"tax":10.5,"tags":[]}"#
    );
    let r = get_path(&app, "/items/nope").await;
    assert_generic_500(&r, &json!(null));
}

/// FastAPI docs' `Item` with `tax: float = 10.5`, as one model and two views: the default
/// is documented, sent for an unset field (`ItemOut`), and left out under `exclude_unset`
/// (`ItemPatch`); an explicit null stays null in both.
#[derive(Debug, Serialize, Deserialize, JsonSchema, ResponseModel)]
#[response_model(view(DefaultedOut), view(DefaultedPatch, exclude_unset))]
struct Defaulted {
    name: String,
    #[serde(default)]
    #[response_model(default = 10.5)]
    tax: Tristate<f64>,
    #[serde(default)]
    #[response_model(default = Vec::<String>::new())]
    tags: Tristate<Vec<String>>,
}

#[tokio::test]
async fn a_tristate_default_is_documented_sent_and_dropped_under_exclude_unset() {
    async fn full(
        axum::extract::Path(id): axum::extract::Path<String>,
    ) -> Result<Model<DefaultedOut>, ResponseValidationError> {
        let item: Defaulted = serde_json::from_value(docs_items()[id.as_str()].clone()).unwrap();
        Ok(Model(item.into()))
    }
    async fn patch(
        axum::extract::Path(id): axum::extract::Path<String>,
    ) -> Result<Model<DefaultedPatch>, ResponseValidationError> {
        let item: Defaulted = serde_json::from_value(docs_items()[id.as_str()].clone()).unwrap();
        Ok(Model(item.into()))
    }
    let api = response_model::routing::ApiRouter::new()
        .route("/full/{id}", response_model::routing::get(full))
        .route("/patch/{id}", response_model::routing::get(patch));
    let doc = api.openapi();
    let app = api.into_router();
    assert_eq!(
        get_path(&app, "/full/foo").await.text(),
        r#"{"name":"Foo","tax":10.5,"tags":[]}"#
    );
    assert_eq!(
        get_path(&app, "/patch/foo").await.text(),
        r#"{"name":"Foo"}"#
    );
    assert_eq!(
        get_path(&app, "/full/bar").await.text(),
        r#"{"name":"Bar","tax":20.2,"tags":[]}"#
    );
    let item: Defaulted = serde_json::from_str(r#"{"name":"N","tax":null}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&DefaultedOut::from(item)).unwrap(),
        r#"{"name":"N","tax":null,"tags":[]}"#
    );
    // The view holds the default after `From`, as Pydantic's attribute reads it.
    let item: Defaulted = serde_json::from_str(r#"{"name":"N"}"#).unwrap();
    assert_eq!(DefaultedOut::from(item).tax, Tristate::Value(10.5));
    let schemas = &doc["components"]["schemas"];
    for view in ["DefaultedOut", "DefaultedPatch"] {
        assert_eq!(
            schemas[view]["properties"]["tax"]["default"], 10.5,
            "{view}"
        );
        assert_eq!(
            schemas[view]["properties"]["tags"]["default"],
            json!([]),
            "{view}"
        );
    }
}

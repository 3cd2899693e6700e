//! `exclude_unset` views reproduce FastAPI's `response_model_exclude_unset` through
//! `Tristate` fields: unset fields are absent, an explicit null stays.

use response_model::Tristate;
use response_model::prelude::*;
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// FastAPI docs' `Item` with defaulted `description`, `tax` and `tags`.
#[derive(Serialize, Deserialize, JsonSchema, ResponseModel)]
#[response_model(view(ItemSet, exclude_unset), view(ItemAll))]
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

fn item(json: serde_json::Value) -> Item {
    serde_json::from_value(json).unwrap()
}

#[test]
fn unset_fields_are_absent() {
    let foo = item(json!({"name": "Foo", "price": 50.2}));
    assert_eq!(
        serde_json::to_string(&ItemSet::from(foo)).unwrap(),
        r#"{"name":"Foo","price":50.2}"#
    );
}

#[test]
fn explicit_null_and_values_stay() {
    let bar = item(json!({"name": "Bar", "description": null, "price": 62, "tax": 20.2}));
    assert_eq!(
        serde_json::to_value(ItemSet::from(bar)).unwrap(),
        json!({"name": "Bar", "description": null, "price": 62.0, "tax": 20.2})
    );
}

#[test]
fn without_the_option_unset_is_null() {
    let foo = item(json!({"name": "Foo", "price": 50.2}));
    assert_eq!(
        serde_json::to_value(ItemAll::from(foo)).unwrap(),
        json!({"name": "Foo", "description": null, "price": 50.2, "tax": null, "tags": null})
    );
}

#[test]
fn schema_marks_tristate_fields_optional() {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ItemSet>()
        .to_value();
    assert_eq!(schema["required"], json!(["name", "price"]));
    let all = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ItemAll>()
        .to_value();
    assert_eq!(
        all["required"],
        json!(["name", "description", "price", "tax", "tags"])
    );
}

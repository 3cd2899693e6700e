//! Examples on schemas: `#[schemars(example = ..)]` on a type or a field (copied into the
//! views that hold it), typed values serialized by serde as the wire is, documented as
//! 3.1's `examples` and 3.0's `example`, each valid against its own schema.

use response_model::prelude::*;
use response_model::routing::{ApiRouter, OpenApiVersion, get};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

/// A price, with an example of the whole object.
#[derive(Serialize, JsonSchema)]
#[schemars(example = Money { amount: 9.99, currency: "EUR".into() })]
struct Money {
    amount: f64,
    currency: String,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(ProductOut, exclude(cost)))]
struct Product {
    #[schemars(example = 42)]
    id: u32,
    #[schemars(example = &"Kettle")]
    name: String,
    price: Money,
    cost: f64,
}

async fn product() -> Model<ProductOut> {
    Model::new(Product {
        id: 1,
        name: "Kettle".into(),
        price: Money {
            amount: 20.0,
            currency: "EUR".into(),
        },
        cost: 12.0,
    })
}

fn api() -> ApiRouter {
    ApiRouter::new().route("/product", get(product))
}

fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    }))
    .unwrap()
}

#[test]
fn examples_are_documented_and_valid_for_their_schema() {
    let doc = api().openapi();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Money"]["examples"],
        json!([{"amount": 9.99, "currency": "EUR"}])
    );
    let fields = &schemas["ProductOut"]["properties"];
    assert_eq!(fields["id"]["examples"], json!([42]));
    assert_eq!(fields["name"]["examples"], json!(["Kettle"]));
    for (schema, example) in [
        (&schemas["Money"], &schemas["Money"]["examples"][0]),
        (&fields["id"], &fields["id"]["examples"][0]),
        (&fields["name"], &fields["name"]["examples"][0]),
    ] {
        assert!(validator(&doc, schema).is_valid(example), "{example}");
    }
    // The check can fail: a string is no example of the id.
    assert!(!validator(&doc, &fields["id"]).is_valid(&json!("42")));
}

#[test]
fn openapi_3_0_names_a_schema_example_example() {
    let doc = api().openapi_version(OpenApiVersion::V3_0).openapi();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Money"]["example"],
        json!({"amount": 9.99, "currency": "EUR"})
    );
    assert!(schemas["Money"].get("examples").is_none());
    assert_eq!(schemas["ProductOut"]["properties"]["id"]["example"], 42);
}

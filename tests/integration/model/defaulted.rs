//! `Defaulted<T>`: Pydantic's `tax: float = 10.5` (may be unset, never null), on the wire
//! and in the document, through the derive and by hand.

use axum::extract::Path;
use http::StatusCode;
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::common::get_path;

/// FastAPI docs' `Item`: `tax: float = 10.5`, `tags: list[str] = []`, and a note that is
/// simply absent while unset (no default to send).
#[derive(Debug, Serialize, Deserialize, JsonSchema, ResponseModel)]
#[response_model(
    view(ItemOut),
    view(ItemPatch, exclude_unset),
    view(ItemNoDefaults, exclude_defaults)
)]
struct Item {
    name: String,
    #[serde(default)]
    #[response_model(default = 10.5)]
    tax: Defaulted<f64>,
    #[serde(default)]
    #[response_model(default = Vec::<String>::new())]
    tags: Defaulted<Vec<String>>,
    #[serde(default)]
    note: Defaulted<String>,
}

fn item(json: &str) -> Item {
    serde_json::from_str(json).unwrap()
}

#[test]
fn unset_fields_send_their_default_or_are_absent_and_never_null() {
    let unset = || item(r#"{"name": "Foo"}"#);
    assert_eq!(
        serde_json::to_string(&ItemOut::from(unset())).unwrap(),
        r#"{"name":"Foo","tax":10.5,"tags":[]}"#
    );
    assert_eq!(
        serde_json::to_string(&ItemPatch::from(unset())).unwrap(),
        r#"{"name":"Foo"}"#
    );
    assert_eq!(
        serde_json::to_string(&ItemNoDefaults::from(unset())).unwrap(),
        r#"{"name":"Foo"}"#
    );
    // Set, even to the default: sent by every view.
    let set = || item(r#"{"name": "Bar", "tax": 10.5, "tags": [], "note": "n"}"#);
    for text in [
        serde_json::to_string(&ItemOut::from(set())).unwrap(),
        serde_json::to_string(&ItemPatch::from(set())).unwrap(),
        serde_json::to_string(&ItemNoDefaults::from(set())).unwrap(),
    ] {
        assert_eq!(text, r#"{"name":"Bar","tax":10.5,"tags":[],"note":"n"}"#);
    }
    // The view holds the default after `From`, as Pydantic's attribute reads it.
    assert_eq!(ItemOut::from(unset()).tax, Defaulted::Value(10.5));
    assert_eq!(ItemPatch::from(unset()).tax, Defaulted::Unset);
    // A null is refused, where a `Tristate` would have taken it.
    let err = serde_json::from_str::<Item>(r#"{"name": "Foo", "tax": null}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type: null"), "{err}");
}

#[tokio::test]
async fn the_document_says_the_type_with_its_default_not_nullable() {
    async fn full(Path(id): Path<u8>) -> ItemOut {
        let json = if id == 0 {
            r#"{"name": "Foo"}"#
        } else {
            r#"{"name": "Bar", "tax": 20.2}"#
        };
        item(json).into()
    }
    async fn patch() -> ItemPatch {
        item(r#"{"name": "Foo"}"#).into()
    }
    let api = ApiRouter::new()
        .route("/items/{id}", get(full))
        .route("/patch", get(patch));
    let doc = api.openapi();
    let app = api.into_router();

    let r = get_path(&app, "/items/0").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"name":"Foo","tax":10.5,"tags":[]}"#);
    assert_eq!(
        get_path(&app, "/items/1").await.text(),
        r#"{"name":"Bar","tax":20.2,"tags":[]}"#
    );
    assert_eq!(get_path(&app, "/patch").await.text(), r#"{"name":"Foo"}"#);

    let schemas = &doc["components"]["schemas"];
    // Always sent with a default: required, the number's schema and the default.
    let out = &schemas["ItemOut"];
    assert_eq!(
        out["properties"]["tax"],
        json!({"type": "number", "format": "double", "default": 10.5})
    );
    assert_eq!(out["required"], json!(["name", "tax", "tags"]));
    // Without a default, absent while unset: optional, still not nullable.
    assert_eq!(out["properties"]["note"], json!({"type": "string"}));
    // Under exclude_unset: optional, not nullable, the default documented.
    let patch = &schemas["ItemPatch"];
    assert_eq!(patch["required"], json!(["name"]));
    assert_eq!(
        patch["properties"]["tax"],
        json!({"type": "number", "format": "double", "default": 10.5})
    );
}

/// By hand: `skip_serializing_if = "Defaulted::is_unset"`; without it, an unset value is
/// a serialization error (a logged 500), never a `null` the schema does not allow.
#[tokio::test]
async fn by_hand_an_unset_value_is_skipped_or_refused() {
    #[derive(Serialize, JsonSchema)]
    struct Skipped {
        #[serde(skip_serializing_if = "Defaulted::is_unset")]
        tax: Defaulted<f64>,
    }
    #[derive(Serialize, JsonSchema)]
    struct Forgotten {
        tax: Defaulted<f64>,
    }
    let app = axum::Router::new()
        .route(
            "/skipped",
            axum::routing::get(|| async {
                Model::<_>(Skipped {
                    tax: Defaulted::Unset,
                })
            }),
        )
        .route(
            "/forgotten",
            axum::routing::get(|| async {
                Model::<_>(Forgotten {
                    tax: Defaulted::Unset,
                })
            }),
        );
    assert_eq!(get_path(&app, "/skipped").await.text(), "{}");
    let r = get_path(&app, "/forgotten").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!r.text().contains("null"));
}

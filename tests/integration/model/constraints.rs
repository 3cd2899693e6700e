//! garde constraints (feature `validate`): a broken constraint is a logged generic 500, the
//! same constraints are in the JSON Schema, and a derived view carries them.

use axum::Router;
use axum::routing::get;
use http::StatusCode;
use response_model::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::assert_generic_500;
use crate::common::{Logs, get_path};

#[derive(Debug, Serialize, Deserialize, JsonSchema, garde::Validate)]
struct PricedItem {
    #[garde(length(min = 1, max = 20))]
    name: String,
    #[garde(range(min = 1.0, max = 100000.0))]
    price: f64,
    #[garde(range(min = 0, max = 10))]
    stock: i32,
}

#[tokio::test]
async fn a_broken_constraint_is_a_logged_generic_500() {
    let app = Router::new()
        .route(
            "/ok",
            get(|| async {
                Model::<PricedItem>::checked(PricedItem {
                    name: "Pen".into(),
                    price: 2.0,
                    stock: 3,
                })
            }),
        )
        .route(
            "/bad",
            get(|| async {
                Model::<PricedItem>::checked(PricedItem {
                    name: "Pen-secret-name".into(),
                    price: 0.5,
                    stock: 3,
                })
            }),
        )
        .route(
            "/rows",
            get(|| async {
                Model::<Vec<PricedItem>>::validate_checked(json!([
                    {"name": "Pen", "price": 2, "stock": 1, "secret": "x"},
                    {"name": "Ink", "price": 3, "stock": 11},
                ]))
            }),
        );
    let r = get_path(&app, "/ok").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"name":"Pen","price":2.0,"stock":3}"#);

    let logs = Logs::capture();
    let r = get_path(&app, "/bad").await;
    assert_generic_500(&r, &json!({"name": "Pen-secret-name", "price": 0.5}));
    let text = logs.text();
    assert!(text.contains("breaks its constraints"), "{text}");
    assert!(text.contains("`price`"), "{text}");

    let r = get_path(&app, "/rows").await;
    assert_generic_500(&r, &json!({"name": "Ink"}));
    let err =
        Model::<Vec<PricedItem>>::validate_checked(json!([{"name": "", "price": 2, "stock": 1}]))
            .unwrap_err();
    assert_eq!(err.path(), Some("[0].name"));
}

#[test]
fn the_same_constraints_appear_in_the_json_schema() {
    let schema = serde_json::to_value(
        schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<PricedItem>(),
    )
    .unwrap();
    let p = &schema["properties"];
    assert_eq!(p["name"]["minLength"], 1);
    assert_eq!(p["name"]["maxLength"], 20);
    assert_eq!(p["price"]["minimum"], 1.0);
    assert_eq!(p["price"]["maximum"], 100000.0);
    assert_eq!(p["stock"]["minimum"], 0);
    assert_eq!(p["stock"]["maximum"], 10);
}

// ---------------------------------------------------------------------------------------
// with #[derive(ResponseModel)]

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(PricedOut, exclude(cost), derive(garde::Validate)))]
struct Priced {
    #[garde(length(min = 1))]
    name: String,
    #[garde(range(min = 1.0))]
    price: f64,
    cost: f64,
}

#[test]
fn a_derived_view_carries_garde_constraints_to_checks_and_schema() {
    let ok = Model::<PricedOut>::checked(Priced {
        name: "Pen".into(),
        price: 2.0,
        cost: 0.1,
    });
    assert_eq!(
        serde_json::to_string(&ok.unwrap().0).unwrap(),
        r#"{"name":"Pen","price":2.0}"#
    );
    let err = Model::<PricedOut>::checked(Priced {
        name: "Pen".into(),
        price: 0.0,
        cost: 0.1,
    })
    .unwrap_err();
    assert_eq!(err.path(), Some("price"));
    let schema = serde_json::to_value(schemars::schema_for!(PricedOut)).unwrap();
    assert_eq!(schema["properties"]["price"]["minimum"], 1.0);
    assert_eq!(schema["properties"]["name"]["minLength"], 1);
}

/// A custom rule's message may quote the value: it is withheld from the log (garde's own
/// messages, which quote only the rule's bounds, are kept).
#[tokio::test]
async fn a_custom_rule_message_is_withheld_from_the_log() {
    const SECRET: &str = "tok_live_9f8e7d-DO-NOT-LOG";
    fn not_revoked(value: &str, _: &()) -> garde::Result {
        if value.starts_with("tok_live") {
            Err(garde::Error::new(format!("token {value} is revoked")))
        } else {
            Ok(())
        }
    }
    #[derive(Debug, Serialize, garde::Validate)]
    struct Session {
        #[garde(custom(not_revoked))]
        token: String,
        #[garde(length(min = 3))]
        user: String,
    }
    let logs = Logs::capture();
    let app = Router::new().route(
        "/session",
        get(|| async {
            Model::<Session>::checked(Session {
                token: SECRET.into(),
                user: "al".into(),
            })
        }),
    );
    let r = get_path(&app, "/session").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    let text = logs.text();
    assert!(!text.contains(SECRET), "{text}");
    assert!(text.contains("`token`: (the message is withheld"), "{text}");
    assert!(text.contains("`user`: length is lower than 3"), "{text}");
}

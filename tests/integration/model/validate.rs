//! `Model::validate`: FastAPI's response validation. Unknown keys dropped, integers widened;
//! a failure is a generic 500 with the reason (path, expected, found) logged and nothing of
//! the data sent, never a panic.

use std::collections::HashMap;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use http::StatusCode;
use proptest::prelude::*;
use response_model::ResponseValidationError;
use response_model::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{ItemOut, UserOut, assert_generic_500, body_text};
use crate::common::{Logs, Reply, get_path};

#[derive(Debug, Serialize, Deserialize)]
struct Owner {
    name: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Shop {
    id: i64,
    owner: Owner,
    items: Vec<ItemOut>,
}

#[tokio::test]
async fn validate_drops_unknown_keys_and_widens_integers_like_pydantic() {
    let rows = json!([
        {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
        {"id": 2, "name": "Phone",  "price": 30000},
    ]);
    let app = Router::new().route(
        "/items",
        get(move || {
            let rows = rows.clone();
            async move { Model::<Vec<ItemOut>>::validate(rows) }
        }),
    );
    let r = get_path(&app, "/items").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":2,"name":"Phone","price":30000.0}]"#
    );
    assert!(!r.text().contains("ignored"));
}

#[test]
fn validate_accepts_maps_and_other_structs() {
    let mut row: HashMap<&str, Value> = HashMap::new();
    row.insert("id", json!(5));
    row.insert("name", json!("Mouse"));
    row.insert("price", json!(12.5));
    row.insert("internal_cost", json!(3));
    let m = Model::<ItemOut>::validate(row).unwrap();
    assert_eq!(
        m.0,
        ItemOut {
            id: 5,
            name: "Mouse".into(),
            price: 12.5
        }
    );

    #[derive(Serialize)]
    struct ItemRow {
        id: i64,
        name: &'static str,
        price: u32,
        supplier: &'static str,
    }
    let m = Model::<ItemOut>::validate(ItemRow {
        id: 6,
        name: "Desk",
        price: 300,
        supplier: "ACME",
    })
    .unwrap();
    assert_eq!(
        serde_json::to_string(&m.0).unwrap(),
        r#"{"id":6,"name":"Desk","price":300.0}"#
    );

    let none = Model::<Option<ItemOut>>::validate(Value::Null).unwrap();
    assert_eq!(none.0, None);
}

/// Runs `Model::<T>::validate(data)` in a handler and returns the reply and the logs.
async fn failing<T>(data: Value) -> (Reply, String, ResponseValidationError)
where
    T: serde::de::DeserializeOwned + Serialize + Send + 'static,
{
    let err = Model::<T>::validate(data.clone()).map(|_| ()).unwrap_err();
    let logs = Logs::capture();
    let body = data.clone();
    let app = Router::new().route(
        "/",
        get(move || {
            let body = body.clone();
            async move { Model::<T>::validate(body) }
        }),
    );
    let reply = get_path(&app, "/").await;
    (reply, logs.text(), err)
}

#[tokio::test]
async fn missing_required_field_is_a_generic_500_with_the_reason_logged() {
    let data = json!({"id": 41, "name": "Laptop-X1-secret-sku", "secret": "s3cr3t-token"});
    let (reply, logs, err) = failing::<ItemOut>(data.clone()).await;
    assert_generic_500(&reply, &data);
    assert_eq!(err.path(), Some("."));
    assert!(err.to_string().contains("missing field `price`"), "{err}");
    assert!(logs.contains("response validation failed"), "{logs}");
    assert!(logs.contains("missing field `price`"), "{logs}");
    assert!(logs.contains("ItemOut"), "{logs}");
}

#[tokio::test]
async fn wrong_type_is_a_generic_500_naming_path_expected_and_found() {
    let data = json!({"id": 1, "name": "Laptop", "price": "seventy-five-thousand"});
    let (reply, logs, err) = failing::<ItemOut>(data.clone()).await;
    assert_generic_500(&reply, &data);
    assert_eq!(err.path(), Some("price"));
    assert!(logs.contains("`price`"), "{logs}");
    assert!(logs.contains("expected f64"), "{logs}");
    // What was found, not its value.
    assert!(logs.contains("invalid type: a string"), "{logs}");
    assert!(!logs.contains("seventy-five-thousand"), "{logs}");
}

#[tokio::test]
async fn one_bad_element_of_a_list_fails_the_list() {
    let data = json!([
        {"id": 1, "name": "Laptop", "price": 75000},
        {"id": 2, "name": "Phone", "price": null},
        {"id": 3, "name": "Tablet", "price": 20000},
    ]);
    let (reply, logs, err) = failing::<Vec<ItemOut>>(data.clone()).await;
    assert_generic_500(&reply, &data);
    assert_eq!(err.path(), Some("[1].price"));
    assert!(logs.contains("[1].price"), "{logs}");
}

#[tokio::test]
async fn nested_values_are_validated_with_their_path() {
    let data = json!({
        "id": 9,
        "owner": {"nickname": "bobby-tables"},
        "items": [{"id": 1, "name": "Laptop", "price": 75000}],
    });
    let (reply, logs, err) = failing::<Shop>(data.clone()).await;
    assert_generic_500(&reply, &data);
    assert_eq!(err.path(), Some("owner"));
    assert!(logs.contains("missing field `name`"), "{logs}");

    let data = json!({
        "id": 9,
        "owner": {"name": "Bob"},
        "items": [{"id": 1, "name": "Laptop", "price": 75000}, {"id": "two", "name": "Pen", "price": 1}],
    });
    let (reply, _, err) = failing::<Shop>(data.clone()).await;
    assert_generic_500(&reply, &data);
    assert_eq!(err.path(), Some("items[1].id"));
}

#[tokio::test]
async fn a_value_that_is_not_json_is_a_500_not_a_panic() {
    // Non-string map keys cannot be written as JSON.
    let mut weird: HashMap<(i32, i32), &str> = HashMap::new();
    weird.insert((1, 2), "tuple-key-data");
    let err = Model::<ItemOut>::validate(weird.clone()).unwrap_err();
    assert_eq!(err.path(), None);
    assert!(
        err.to_string().contains("cannot be written as JSON"),
        "{err}"
    );
    let r = get_path(
        &Router::new().route(
            "/",
            get(move || {
                let weird = weird.clone();
                async move { Model::<ItemOut>::validate(weird) }
            }),
        ),
        "/",
    )
    .await;
    assert_generic_500(&r, &json!(["tuple-key-data"]));
}

#[test]
fn out_of_range_integers_fail_instead_of_wrapping() {
    let err = Model::<u8>::validate(300).unwrap_err();
    assert!(
        err.to_string()
            .contains("invalid value: an integer, expected u8"),
        "{err}"
    );
    assert!(format!("{err:#}").contains("integer `300`"), "{err:#}");
    let err = Model::<i64>::validate(1.5).unwrap_err();
    assert!(err.to_string().contains("expected i64"), "{err}");
}

#[tokio::test]
async fn errors_render_as_responses_directly() {
    let r = Model::<ItemOut>::validate(json!({}))
        .unwrap_err()
        .into_response();
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let r = Selection::<UserOut>::from_query("fields=x")
        .unwrap_err()
        .into_response();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

// ---------------------------------------------------------------------------------------
// property: validation failures are the generic 500, whatever the data

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[a-z]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 4, |inner| {
        let key = prop_oneof![
            Just("id".to_owned()),
            Just("name".to_owned()),
            Just("price".to_owned()),
            Just("items".to_owned()),
            Just("owner".to_owned()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn validation_failures_are_the_generic_500(v in json_value()) {
        if let Err(e) = Model::<Shop>::validate(v.clone()) {
            let res = e.into_response();
            prop_assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
            prop_assert_eq!(body_text(res), "Internal Server Error");
        }
        if let Err(e) = Model::<Vec<ItemOut>>::validate(v.clone()) {
            prop_assert_eq!(e.into_response().status(), StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
}

/// A leaf that is often the right type for `Shop`'s fields, and often not.
fn shop_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-zA-Z\"\\\\\u{e9}\u{1F600}]{0,6}".prop_map(Value::from),
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
    ]
}

/// Values shaped like a `Shop`, with a wrong type, a missing field or an extra key here
/// and there.
fn shop_like() -> impl Strategy<Value = Value> {
    let item = (
        shop_leaf(),
        shop_leaf(),
        shop_leaf(),
        prop::option::of(shop_leaf()),
    )
        .prop_map(|(id, name, price, extra)| {
            let mut item = json!({"id": id, "name": name, "price": price});
            if let Some(extra) = extra {
                item["secret"] = extra;
            }
            item
        });
    (
        shop_leaf(),
        prop::option::of(shop_leaf()),
        prop::collection::vec(item, 0..4),
    )
        .prop_map(|(id, owner, items)| match owner {
            Some(name) => json!({"id": id, "owner": {"name": name}, "items": items}),
            None => json!({"id": id, "items": items}),
        })
}

proptest! {
    /// `validate` of a `Serialize` that is not a `Value` (through JSON text on its success
    /// path) and of the `Value` itself (read directly) agree on every input: the same
    /// model, or the same error and path.
    #[test]
    fn validate_by_text_and_by_value_agree(v in prop_oneof![shop_like(), json_value()]) {
        /// The same JSON as the `Value`, but another type: `validate` takes its text path.
        #[derive(Serialize)]
        #[serde(transparent)]
        struct ByText(Value);
        let ours = Model::<Shop>::validate(ByText(v.clone()));
        let by_value = Model::<Shop>::validate(v.clone());
        match (ours, by_value) {
            (Ok(a), Ok(b)) => prop_assert_eq!(
                serde_json::to_string(&*a).unwrap(),
                serde_json::to_string(&*b).unwrap()
            ),
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.path(), b.path());
                prop_assert_eq!(format!("{a:#}"), format!("{b:#}"));
            }
            (a, b) => prop_assert!(false, "by text {:?} but by value {:?} for {}", a.is_ok(), b.is_ok(), v),
        }
    }
}

/// A model with a secret: the value reaches no log line, whichever field it ended up in
/// and whatever rule it broke; the path and the reason do.
#[tokio::test]
async fn a_failing_model_logs_the_path_and_reason_never_a_value() {
    #[derive(
        Debug, Serialize, Deserialize, schemars::JsonSchema, response_model::ResponseModel,
    )]
    #[response_model(view(AccountOut, derive(Deserialize)))]
    struct Account {
        id: i64,
        plan: Plan,
        #[response_model(secret)]
        #[serde(default)]
        api_key: String,
    }
    #[derive(Debug, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(rename_all = "lowercase")]
    enum Plan {
        Free,
        Pro,
    }
    const SECRET: &str = "sk-live-4242-DO-NOT-LOG";
    for (data, path) in [
        // The secret where an integer belongs.
        (json!({"id": SECRET, "plan": "free"}), "id"),
        // The secret where an enum belongs.
        (json!({"id": 1, "plan": SECRET}), "plan"),
    ] {
        let (reply, logs, err) = failing::<AccountOut>(data.clone()).await;
        assert_generic_500(&reply, &data);
        assert_eq!(err.path(), Some(path));
        assert!(logs.contains(&format!("`{path}`")), "{logs}");
        assert!(logs.contains("AccountOut"), "{logs}");
        assert!(!logs.contains(SECRET), "{logs}");
        assert!(!format!("{err}").contains(SECRET));
        assert!(!format!("{err:?}").contains(SECRET));
        // For development, the alternate form keeps the value.
        assert!(format!("{err:#}").contains(SECRET));
    }
}

#[test]
fn a_static_borrowed_value_is_validated_as_the_value_itself() {
    static ROWS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
        || json!([{"id": 1, "name": "Laptop", "price": 75000, "secret": "x"}, {"id": 2}]),
    );
    let ok = Model::<ItemOut>::validate(&ROWS[0]).unwrap();
    assert_eq!(ok.0, Model::<ItemOut>::validate(ROWS[0].clone()).unwrap().0);
    let by_ref = Model::<Vec<ItemOut>>::validate(&*ROWS).unwrap_err();
    let owned = Model::<Vec<ItemOut>>::validate(ROWS.clone()).unwrap_err();
    assert_eq!(by_ref.path(), Some("[1]"));
    assert_eq!(by_ref.path(), owned.path());
    assert_eq!(format!("{by_ref:#}"), format!("{owned:#}"));
}

//! `Model<T>` responses, FastAPI-style validation, `Tristate`/exclude_unset, request-time
//! field selection, and the course 6.1 examples, through `Router::oneshot`.

use std::collections::HashMap;

use axum::body::Body;
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::{get, post};
use axum::{Json, Router};
use http::header::{LOCATION, SET_COOKIE};
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use response_model::SelectionError;
use response_model::prelude::*;
use response_model::{Accepted, FieldInfo, FieldList, JsonEncoder, ResponseValidationError};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::common::{GENERIC_500, Logs, Reply, TEXT, get_path, json_req, send};
use crate::examples::{include_exclude, response_models};

// ---------------------------------------------------------------------------------------
// helpers

/// Every string and number in `value` (the data a 500 must not leak).
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                leaves(v, out);
            }
        }
        _ => {}
    }
}

/// The generic 500 and nothing of `data` in it.
fn assert_generic_500(reply: &Reply, data: &Value) {
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(reply.content_type(), TEXT);
    assert_eq!(reply.text(), GENERIC_500);
    let mut data_leaves = Vec::new();
    leaves(data, &mut data_leaves);
    for leaf in data_leaves {
        assert!(
            !reply.text().contains(&leaf)
                && !reply
                    .headers
                    .iter()
                    .any(|(_, v)| v.as_bytes() == leaf.as_bytes()),
            "the 500 leaks `{leaf}`"
        );
    }
}

// ---------------------------------------------------------------------------------------
// models used below

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct ItemOut {
    id: i64,
    name: String,
    price: f64,
}

fn laptop() -> ItemOut {
    ItemOut {
        id: 1,
        name: "Laptop".into(),
        price: 75000.0,
    }
}

struct UserInDB {
    id: i64,
    name: String,
    email: String,
    hashed_password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
struct UserOut {
    id: i64,
    name: String,
    email: String,
}

impl From<UserInDB> for UserOut {
    fn from(u: UserInDB) -> Self {
        let _ = u.hashed_password;
        UserOut {
            id: u.id,
            name: u.name,
            email: u.email,
        }
    }
}

impl FieldList for UserOut {
    const NAMES: &'static [&'static str] = &["id", "name", "email"];
    fn fields() -> &'static [FieldInfo] {
        const F: &[FieldInfo] = &[
            FieldInfo::leaf("id"),
            FieldInfo::leaf("name"),
            FieldInfo::leaf("email"),
        ];
        F
    }
}

fn users() -> Vec<UserOut> {
    vec![
        UserOut {
            id: 1,
            name: "Alice".into(),
            email: "a@x.com".into(),
        },
        UserOut {
            id: 2,
            name: "Bob".into(),
            email: "b@x.com".into(),
        },
    ]
}

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

// ---------------------------------------------------------------------------------------
// Model<T>

#[tokio::test]
async fn model_is_200_json_with_the_exact_body() {
    let app = Router::new().route("/", get(|| async { Model::<_>(laptop()) }));
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn model_of_a_list_and_of_nested_generics() {
    let app = Router::new()
        .route(
            "/list",
            get(|| async { Model::<_>(vec![laptop(), laptop()]) }),
        )
        .route(
            "/map",
            get(|| async {
                let mut m = std::collections::BTreeMap::new();
                m.insert("a", vec![Some(1), None]);
                Model::<_>(m)
            }),
        );
    let r = get_path(&app, "/list").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":1,"name":"Laptop","price":75000.0}]"#
    );
    let r = get_path(&app, "/map").await;
    assert_eq!(r.text(), r#"{"a":[1,null]}"#);
}

#[tokio::test]
async fn model_of_none_is_200_null() {
    let app = Router::new().route("/", get(|| async { Model::<Option<ItemOut>>(None) }));
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), "null");
}

#[tokio::test]
async fn status_codes_live_in_the_type() {
    assert_eq!(Model::<ItemOut>::STATUS, 200);
    assert_eq!(Created::<ItemOut>::STATUS, 201);
    assert_eq!(Accepted::<ItemOut>::STATUS, 202);
    assert_eq!(Model::<ItemOut, 418>::STATUS, 418);
    assert_eq!(Model::<(), 999>::STATUS, 999);
    assert_eq!(Model::<(), 100>::STATUS, 100);

    let app = Router::new()
        .route(
            "/created",
            post(|Json(item): Json<ItemOut>| async move { Created::<ItemOut>::new(item) }),
        )
        .route("/accepted", get(|| async { Accepted::<[u8; 0]>::new([]) }))
        .route(
            "/teapot",
            get(|| async { Model::<_, 418>("short and stout") }),
        );
    let r = send(
        &app,
        json_req(
            Method::POST,
            "/created",
            r#"{"id":3,"name":"Pen","price":10}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":3,"name":"Pen","price":10.0}"#);

    let r = get_path(&app, "/accepted").await;
    assert_eq!((r.status, r.text()), (StatusCode::ACCEPTED, "[]"));
    let r = get_path(&app, "/teapot").await;
    assert_eq!(
        (r.status, r.text()),
        (StatusCode::IM_A_TEAPOT, r#""short and stout""#)
    );
}

#[tokio::test]
async fn headers_and_cookies_go_in_an_axum_tuple() {
    let app = Router::new().route(
        "/",
        post(|| async {
            (
                AppendHeaders([
                    (LOCATION, "/items/1"),
                    (SET_COOKIE, "session=abc; HttpOnly"),
                    (SET_COOKIE, "theme=dark"),
                ]),
                Created::<ItemOut>::new(laptop()),
            )
        }),
    );
    let r = send(&app, Request::post("/").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.headers[LOCATION], "/items/1");
    let cookies: Vec<_> = r.headers.get_all(SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["session=abc; HttpOnly", "theme=dark"]);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn result_of_model_works_both_ways() {
    async fn find(
        axum::extract::Path(id): axum::extract::Path<i64>,
    ) -> Result<Model<ItemOut>, (StatusCode, Json<Value>)> {
        if id == 1 {
            Ok(laptop().into())
        } else {
            Err((
                StatusCode::NOT_FOUND,
                Json(json!({"detail": "Item not found"})),
            ))
        }
    }
    let app = Router::new().route("/items/{id}", get(find));
    let r = get_path(&app, "/items/1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"id":1,"name":"Laptop","price":75000.0}"#);
    let r = get_path(&app, "/items/2").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.text(), r#"{"detail":"Item not found"}"#);
}

#[tokio::test]
async fn new_converts_a_full_model_into_its_view() {
    let app = Router::new().route(
        "/me",
        get(|| async {
            Model::<UserOut>::new(UserInDB {
                id: 7,
                name: "Alice".into(),
                email: "alice@x.com".into(),
                hashed_password: "$2b$12$abc...".into(),
            })
        }),
    );
    let r = get_path(&app, "/me").await;
    assert_eq!(r.text(), r#"{"id":7,"name":"Alice","email":"alice@x.com"}"#);
    assert!(!r.text().contains("$2b$"));
}

#[tokio::test]
async fn the_app_wide_fast_encoder_writes_the_same_bytes() {
    let handler = || async {
        Model::<_>(json!({"price": 75000.0, "name": "Ünïcode \"q\"", "n": [1, 2.5, null]}))
    };
    let plain = Router::new().route("/", get(handler));
    let fast = Router::new()
        .route("/", get(handler))
        .layer(JsonEncoder::Fast.layer());
    let a = get_path(&plain, "/").await;
    let b = get_path(&fast, "/").await;
    assert_eq!(b.status, StatusCode::OK);
    assert_eq!(b.content_type(), "application/json");
    assert_eq!(a.body, b.body);
    // The map keeps its keys' order, as a Python dict (feature `preserve-order`).
    let expected = if cfg!(feature = "preserve-order") {
        r#"{"price":75000.0,"name":"Ünïcode \"q\"","n":[1,2.5,null]}"#
    } else {
        r#"{"n":[1,2.5,null],"name":"Ünïcode \"q\"","price":75000.0}"#
    };
    assert_eq!(b.text(), expected);
}

// ---------------------------------------------------------------------------------------
// Model::validate

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
    let m = Model::<ItemOut>::validate(&row).unwrap();
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
    assert!(logs.contains("invalid type: string"), "{logs}");
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
    let err = Model::<ItemOut>::validate(&weird).unwrap_err();
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
                async move { Model::<ItemOut>::validate(&weird) }
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
        err.to_string().contains("invalid value: integer `300`"),
        "{err}"
    );
    let err = Model::<i64>::validate(1.5).unwrap_err();
    assert!(err.to_string().contains("expected i64"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Tristate / exclude_unset

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
        Model::validate(&docs_items()[item_id.as_str()])
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
    let option_schema = serde_json::to_value(schemars::schema_for!(Option<Vec<String>>)).unwrap();
    let tristate_schema =
        serde_json::to_value(schemars::schema_for!(Tristate<Vec<String>>)).unwrap();
    assert_eq!(option_schema, tristate_schema);
}

// ---------------------------------------------------------------------------------------
// request-time selection

#[derive(Serialize)]
struct LineOut {
    name: String,
    price: f64,
}

impl FieldList for LineOut {
    const NAMES: &'static [&'static str] = &["name", "price"];
    fn fields() -> &'static [FieldInfo] {
        const F: &[FieldInfo] = &[FieldInfo::leaf("name"), FieldInfo::leaf("price")];
        F
    }
}

#[derive(Serialize)]
struct OrderOut {
    id: i64,
    customer: String,
    items: Vec<LineOut>,
    note: Option<String>,
}

impl FieldList for OrderOut {
    const NAMES: &'static [&'static str] = &["id", "customer", "items", "note"];
    fn fields() -> &'static [FieldInfo] {
        const F: &[FieldInfo] = &[
            FieldInfo::leaf("id"),
            FieldInfo::leaf("customer"),
            FieldInfo::nested("items", <LineOut as FieldList>::fields),
            FieldInfo::leaf("note"),
        ];
        F
    }
}

fn order() -> OrderOut {
    OrderOut {
        id: 1,
        customer: "Alice".into(),
        items: vec![
            LineOut {
                name: "Pen".into(),
                price: 1.5,
            },
            LineOut {
                name: "Ink".into(),
                price: 4.0,
            },
        ],
        note: None,
    }
}

#[derive(Serialize)]
struct Page<T> {
    items: Vec<T>,
    total: usize,
    page: u32,
}

fn selection_app() -> Router {
    Router::new()
        .route(
            "/users",
            get(|f: Selection<UserOut>| async move { f.apply(users()) }),
        )
        .route(
            "/users/1",
            get(|f: Selection<UserOut>| async move { f.apply(users().into_iter().next()) }),
        )
        .route(
            "/nobody",
            get(|f: Selection<UserOut>| async move { f.apply(None::<UserOut>) }),
        )
        .route(
            "/orders/1",
            get(|f: Selection<OrderOut>| async move { f.apply(order()) }),
        )
        .route(
            "/pages/users",
            get(|f: Selection<UserOut>| async move {
                f.apply_at(
                    "/items",
                    Page {
                        items: users(),
                        total: 2,
                        page: 1,
                    },
                )
            }),
        )
        .route(
            "/broken",
            get(|f: Selection<UserOut>| async move { f.apply_at("/data", users()) }),
        )
}

#[tokio::test]
async fn fields_keeps_only_the_named_fields() {
    let r = get_path(&selection_app(), "/users?fields=id,name").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}]"#
    );
    // Repeated parameters, spaces, '+' and percent-encoded commas.
    let r = get_path(&selection_app(), "/users?fields=id&fields=+email&x=1").await;
    assert_eq!(
        r.text(),
        r#"[{"id":1,"email":"a@x.com"},{"id":2,"email":"b@x.com"}]"#
    );
    let r = get_path(&selection_app(), "/users/1?fields=name%2Cid").await;
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice"}"#);
}

#[tokio::test]
async fn exclude_drops_the_named_fields_and_both_combine() {
    let r = get_path(&selection_app(), "/users?exclude=email").await;
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}]"#
    );
    let r = get_path(&selection_app(), "/users/1?fields=id,email&exclude=email").await;
    assert_eq!(r.text(), r#"{"id":1}"#);
    let r = get_path(&selection_app(), "/users/1").await;
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice","email":"a@x.com"}"#);
    let r = get_path(&selection_app(), "/nobody?fields=id").await;
    assert_eq!((r.status, r.text()), (StatusCode::OK, "null"));
}

#[tokio::test]
async fn nested_paths_reach_into_nested_lists() {
    let r = get_path(&selection_app(), "/orders/1?fields=id,items.name").await;
    assert_eq!(
        r.text(),
        r#"{"id":1,"items":[{"name":"Pen"},{"name":"Ink"}]}"#
    );
    let r = get_path(&selection_app(), "/orders/1?exclude=items.price,note").await;
    assert_eq!(
        r.text(),
        r#"{"id":1,"customer":"Alice","items":[{"name":"Pen"},{"name":"Ink"}]}"#
    );
    // Naming a field whole wins over naming some of its sub-fields.
    let r = get_path(&selection_app(), "/orders/1?fields=items.name,items").await;
    assert_eq!(
        r.text(),
        r#"{"items":[{"name":"Pen","price":1.5},{"name":"Ink","price":4.0}]}"#
    );
}

#[tokio::test]
async fn a_pagination_wrapper_is_filtered_at_its_item_list() {
    let r = get_path(&selection_app(), "/pages/users?fields=name").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"{"items":[{"name":"Alice"},{"name":"Bob"}],"total":2,"page":1}"#
    );
    let logs = Logs::capture();
    let r = get_path(&selection_app(), "/broken?fields=name").await;
    assert_generic_500(&r, &serde_json::to_value(users()).unwrap());
    assert!(
        logs.text().contains("JSON pointer `/data`"),
        "{}",
        logs.text()
    );
}

#[tokio::test]
async fn unknown_field_is_a_400_naming_it_with_a_suggestion_and_the_allowed_list() {
    let r = get_path(&selection_app(), "/users?fields=id,emial").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(
        r.json(),
        json!({
            "detail": "unknown field `emial` in `fields`; did you mean `email`? allowed: id, name, email",
            "param": "fields",
            "field": "emial",
            "did_you_mean": "email",
            "allowed": ["id", "name", "email"],
        })
    );
    let r = get_path(&selection_app(), "/users?exclude=zzzzzz").await;
    assert_eq!(
        r.json(),
        json!({
            "detail": "unknown field `zzzzzz` in `exclude` allowed: id, name, email",
            "param": "exclude",
            "field": "zzzzzz",
            "allowed": ["id", "name", "email"],
        })
    );
}

#[tokio::test]
async fn secret_fields_cannot_be_selected_and_are_not_listed() {
    for q in [
        "fields=hashed_password",
        "exclude=hashed_password",
        "fields=id,hashed_password",
    ] {
        let r = get_path(&selection_app(), &format!("/users?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(r.json()["field"], "hashed_password");
        assert_eq!(r.json()["allowed"], json!(["id", "name", "email"]));
        assert_eq!(r.json().get("did_you_mean"), None);
    }
    // Even applied to a value that has more keys, only the model's fields come out.
    let f = Selection::<UserOut>::from_query("exclude=email").unwrap();
    let v = f
        .apply(json!({"id": 1, "name": "A", "email": "e", "hashed_password": "h"}))
        .into_value()
        .unwrap();
    assert_eq!(v, json!({"id": 1, "name": "A"}));
}

#[tokio::test]
async fn nested_selection_errors_list_the_nested_fields() {
    let r = get_path(&selection_app(), "/orders/1?fields=items.nmae").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json(),
        json!({
            "detail": "unknown field `items.nmae` in `fields`; did you mean `items.name`? allowed in `items`: name, price",
            "param": "fields",
            "field": "items.nmae",
            "did_you_mean": "items.name",
            "allowed": ["name", "price"],
        })
    );
    let r = get_path(&selection_app(), "/orders/1?fields=customer.name").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json(),
        json!({
            "detail": "`customer.name` in `fields`: `customer` has no sub-fields; select `customer` itself",
            "param": "fields",
            "field": "customer.name",
        })
    );
}

#[tokio::test]
async fn malformed_or_empty_selections_are_400_never_a_panic() {
    let cases = [
        ("/users?fields=", "`fields` names no field"),
        ("/users?exclude=,,", "`exclude` names no field"),
        ("/users?fields=%FF", "not valid percent-encoded UTF-8"),
        ("/users?fields=items.", "unknown field `items.` in `fields`"),
        ("/users?fields=.", "unknown field `.` in `fields`"),
        (
            "/orders/1?fields=items..name",
            "unknown field `items..name`",
        ),
        ("/users?fields=%", "unknown field `%`"),
    ];
    for (uri, detail) in cases {
        let r = get_path(&selection_app(), uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(r.content_type(), "application/json", "{uri}");
        let d = r.json()["detail"].as_str().unwrap().to_owned();
        assert!(d.contains(detail), "{uri}: {d}");
    }
    let many = vec!["id"; 300].join(",");
    let r = get_path(&selection_app(), &format!("/users?fields={many}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("more than 256"), "{}", r.text());
}

#[test]
fn selection_error_accessors() {
    let err: SelectionError = Selection::<OrderOut>::from_query("fields=items.cost").unwrap_err();
    assert_eq!(err.field(), Some("items.cost"));
    assert_eq!(err.allowed(), ["name", "price"]);
    assert!(Selection::<OrderOut>::from_query("").unwrap().is_all());
}

// ---------------------------------------------------------------------------------------
// garde constraints (feature `validate`)

#[cfg(feature = "validate")]
mod constraints {
    use super::*;

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
        let err = Model::<Vec<PricedItem>>::validate_checked(
            json!([{"name": "", "price": 2, "stock": 1}]),
        )
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
}

// ---------------------------------------------------------------------------------------
// course 6.1.1 — examples/response_models.rs

#[tokio::test]
async fn course_6_1_1_user_out_strips_secrets() {
    let r = get_path(&response_models::app(), "/users/1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice","email":"alice@x.com"}"#);
}

#[tokio::test]
async fn course_6_1_1_non_integer_user_id_is_a_json_422() {
    let r = get_path(&response_models::app(), "/users/abc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    let body = r.json();
    assert_eq!(body["detail"][0]["loc"], json!(["path", "user_id"]));
    assert_eq!(body["detail"][0]["input"], "abc");
    assert_eq!(body["detail"][0]["type"], "path_parsing");
    assert_eq!(
        r.text(),
        r#"{"detail":[{"type":"path_parsing","loc":["path","user_id"],"msg":"Invalid URL: Cannot parse `abc` to a `i64`","input":"abc"}]}"#
    );
}

#[tokio::test]
async fn course_6_1_1_items_list_is_filtered_and_validated() {
    let r = get_path(&response_models::app(), "/items").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"[{"id":1,"name":"Laptop","price":75000.0},{"id":2,"name":"Phone","price":30000.0}]"#
    );
}

#[tokio::test]
async fn course_6_1_1_optional_item() {
    let r = get_path(&response_models::app(), "/items/999").await;
    assert_eq!((r.status, r.text()), (StatusCode::OK, "null"));
    assert_eq!(r.content_type(), "application/json");
    let r = get_path(&response_models::app(), "/items/5").await;
    assert_eq!(r.text(), r#"{"id":5,"name":"Laptop","price":75000.0}"#);
}

#[tokio::test]
async fn course_6_1_1_create_is_201_echo() {
    let r = send(
        &response_models::app(),
        json_req(
            Method::POST,
            "/items",
            r#"{"id":3,"name":"Pen","price":10}"#,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.text(), r#"{"id":3,"name":"Pen","price":10.0}"#);
    let r = send(
        &response_models::app(),
        json_req(Method::POST, "/items", r#"{"id":3,"name":"Pen"}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json()["detail"][0]["loc"], json!(["body"]));
}

// ---------------------------------------------------------------------------------------
// course 6.1.2 — examples/include_exclude.rs

#[tokio::test]
async fn course_6_1_2_include_and_exclude_views() {
    let r = get_path(&include_exclude::app(), "/users/1/public").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), r#"{"id":1,"name":"Alice"}"#);
    let r = get_path(&include_exclude::app(), "/users/1").await;
    assert_eq!(
        r.text(),
        r#"{"id":1,"name":"Alice","email":"a@x.com","role":"admin"}"#
    );
    let r = get_path(&include_exclude::app(), "/users/x/public").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json()["detail"][0]["loc"], json!(["path", "uid"]));
}

#[tokio::test]
async fn course_6_1_2_profile_drops_none_fields() {
    let r = get_path(&include_exclude::app(), "/profile").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"{"id":1,"name":"Alice","email":"a@x.com","role":"admin","bio":"Likes Rust"}"#
    );
}

#[tokio::test]
async fn course_6_1_2_fields_chosen_by_the_client() {
    let r = get_path(&include_exclude::app(), "/users?fields=id,name").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        r#"{"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}"#
    );
    let r = get_path(&include_exclude::app(), "/users?exclude=email,role").await;
    assert_eq!(
        r.text(),
        r#"{"items":[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"}],"total":2}"#
    );
    let r = get_path(&include_exclude::app(), "/users").await;
    assert!(!r.text().contains("hunter2") && !r.text().contains("hashed_password"));
    let r = get_path(&include_exclude::app(), "/users?fields=hashed_password").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["allowed"], json!(["id", "name", "email", "role"]));
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
// properties: parsers never panic, selections never emit unlisted keys, validation
// failures never leak

mod properties {
    use super::*;
    use proptest::prelude::*;

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

    const NAMES: [&str; 6] = [
        "id",
        "customer",
        "items",
        "note",
        "items.name",
        "items.price",
    ];

    fn body_text(res: axum::response::Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt.block_on(res.into_body().collect()).unwrap().to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    proptest! {
        #[test]
        fn any_query_is_a_selection_or_a_400(q in "[a-z=&,.%+0-9A-F~_]{0,48}") {
            if let Err(e) = Selection::<OrderOut>::from_query(&q) {
                let res = e.into_response();
                prop_assert_eq!(res.status(), StatusCode::BAD_REQUEST);
                let body: Value = serde_json::from_str(&body_text(res)).unwrap();
                prop_assert!(body["detail"].is_string());
            }
        }

        #[test]
        fn selections_never_emit_unlisted_keys(
            include in prop::sample::subsequence(NAMES.to_vec(), 0..=NAMES.len()),
            exclude in prop::sample::subsequence(NAMES.to_vec(), 0..=NAMES.len()),
            extra in "x_[a-z]{1,6}",
        ) {
            let mut q = Vec::new();
            if !include.is_empty() {
                q.push(format!("fields={}", include.join(",")));
            }
            if !exclude.is_empty() {
                q.push(format!("exclude={}", exclude.join(",")));
            }
            let fields = Selection::<OrderOut>::from_query(&q.join("&")).unwrap();
            let mut value = serde_json::to_value(order()).unwrap();
            value[extra.as_str()] = json!("leak");
            for item in value["items"].as_array_mut().unwrap() {
                item[extra.as_str()] = json!("leak");
            }
            let out = fields.apply(&value).into_value().unwrap();
            let top = out.as_object().unwrap();
            for key in top.keys() {
                prop_assert!(OrderOut::NAMES.contains(&key.as_str()), "{key}");
                prop_assert!(!exclude.contains(&key.as_str()), "{key} was excluded");
                if !include.is_empty() {
                    prop_assert!(
                        include.iter().any(|n| n.split('.').next() == Some(key.as_str())),
                        "{key} was not included"
                    );
                }
            }
            // Nested objects are held to their field list where a nested selection applies
            // (naming `items` whole keeps it as it serializes).
            let nested_in = |names: &[&str]| {
                names.iter().any(|n| n.starts_with("items.")) && !names.contains(&"items")
            };
            let touches_items = nested_in(&include) || nested_in(&exclude);
            if touches_items && let Some(items) = top.get("items").and_then(Value::as_array) {
                for item in items {
                    for key in item.as_object().unwrap().keys() {
                        prop_assert!(LineOut::NAMES.contains(&key.as_str()), "{key}");
                    }
                }
            }
        }

        #[test]
        fn validation_failures_are_the_generic_500(v in json_value()) {
            if let Err(e) = Model::<Shop>::validate(&v) {
                let res = e.into_response();
                prop_assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
                prop_assert_eq!(body_text(res), "Internal Server Error");
            }
            if let Err(e) = Model::<Vec<ItemOut>>::validate(&v) {
                prop_assert_eq!(e.into_response().status(), StatusCode::INTERNAL_SERVER_ERROR);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// with #[derive(ResponseModel)]: exclude_unset over Tristate, nested selection through
// derived field lists, garde constraints carried onto a view

mod with_derive {
    use super::*;

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
        let Model(item) = Model::<Item>::validate(&docs_items()[item_id.as_str()])?;
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

    #[derive(Serialize, JsonSchema, ResponseModel)]
    #[response_model(view(LineView, exclude(cost)))]
    struct Line {
        name: String,
        price: f64,
        cost: f64,
    }

    #[derive(Serialize, JsonSchema, ResponseModel)]
    #[response_model(view(OrderView, nest(lines = LineView)))]
    struct Order {
        id: i64,
        lines: Vec<Line>,
        #[response_model(secret)]
        token: String,
    }

    fn order_view() -> OrderView {
        OrderView::from(Order {
            id: 1,
            lines: vec![
                Line {
                    name: "Pen".into(),
                    price: 1.5,
                    cost: 0.4,
                },
                Line {
                    name: "Ink".into(),
                    price: 4.0,
                    cost: 1.0,
                },
            ],
            token: "tok-123".into(),
        })
    }

    #[tokio::test]
    async fn selection_uses_the_derived_field_lists() {
        let app = Router::new().route(
            "/orders/1",
            get(|f: Selection<OrderView>| async move { f.apply(order_view()) }),
        );
        let r = get_path(&app, "/orders/1?fields=id,lines.name").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(
            r.text(),
            r#"{"id":1,"lines":[{"name":"Pen"},{"name":"Ink"}]}"#
        );
        let r = get_path(&app, "/orders/1").await;
        assert_eq!(
            r.text(),
            r#"{"id":1,"lines":[{"name":"Pen","price":1.5},{"name":"Ink","price":4.0}]}"#
        );
        let r = get_path(&app, "/orders/1?fields=lines.cost").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["allowed"], json!(["name", "price"]));
        let r = get_path(&app, "/orders/1?fields=token").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["allowed"], json!(["id", "lines"]));
    }

    #[cfg(feature = "validate")]
    #[derive(Serialize, JsonSchema, ResponseModel)]
    #[response_model(view(PricedOut, exclude(cost), derive(garde::Validate)))]
    struct Priced {
        #[garde(length(min = 1))]
        name: String,
        #[garde(range(min = 1.0))]
        price: f64,
        cost: f64,
    }

    #[cfg(feature = "validate")]
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
}

//! Request-time field selection (`Selection<T>`, `?fields=` / `?exclude=`): named fields
//! kept or dropped, nested paths, pagination wrappers, 400s that name the field with a
//! suggestion and the allowed list, secrets never selectable, never a panic.

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use http::StatusCode;
use proptest::prelude::*;
use response_model::SelectionError;
use response_model::prelude::*;
use response_model::view::{FieldInfo, FieldList};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use super::{UserOut, assert_generic_500, body_text};
use crate::common::{Logs, get_path};

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
// with #[derive(ResponseModel)]: nested selection through derived field lists

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

// ---------------------------------------------------------------------------------------
// properties: the parser never panics, selections never emit unlisted keys

const NAMES: [&str; 6] = [
    "id",
    "customer",
    "items",
    "note",
    "items.name",
    "items.price",
];

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
}

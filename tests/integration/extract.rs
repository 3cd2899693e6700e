//! FastAPI-style rejections of `response_model::extract::{Path, Query, Json}`: a bad
//! request is a 4xx JSON `{"detail": [...]}` naming where it failed, never a panic.

use axum::Router;
use axum::body::Body;
use axum::routing::{get, post};
use http::{Method, Request};
use response_model::extract::{Json, Path, Query};
use serde::Deserialize;
use serde_json::json;

use crate::common::{JSON, get_req, json_req, send};

#[derive(Deserialize)]
struct Search {
    q: String,
    limit: u8,
}

#[derive(Deserialize)]
struct Item {
    #[allow(dead_code, reason = "only deserialized")]
    price: f64,
}

fn app() -> Router {
    Router::new()
        .route(
            "/users/{user_id}",
            get(|Path(id): Path<i64>| async move { id.to_string() }),
        )
        .route(
            "/search",
            get(|Query(s): Query<Search>| async move { format!("{} {}", s.q, s.limit) }),
        )
        .route("/items", post(|Json(_): Json<Item>| async { "ok" }))
}

#[tokio::test]
async fn good_requests_pass_through() {
    let r = send(&app(), get_req("/users/7")).await;
    assert_eq!(r.status, 200);
    let r = send(&app(), get_req("/search?q=a&limit=3")).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn bad_path_segment_is_422_naming_the_parameter_and_echoing_it() {
    let r = send(&app(), get_req("/users/abc")).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.content_type(), JSON);
    let body = r.json();
    assert_eq!(body["detail"][0]["type"], "int_parsing");
    assert_eq!(body["detail"][0]["loc"], json!(["path", "user_id"]));
    assert_eq!(body["detail"][0]["input"], "abc");
}

#[tokio::test]
async fn bad_query_is_422_with_the_reason() {
    // Pydantic's answers: the type, the full location, the input, the bound.
    for (uri, want) in [
        (
            "/search?q=a",
            json!({"type": "missing", "loc": ["query", "limit"], "msg": "Field required", "input": null}),
        ),
        (
            "/search?q=a&limit=300",
            json!({"type": "less_than_equal", "loc": ["query", "limit"],
                   "msg": "Input should be less than or equal to 255",
                   "input": "300", "ctx": {"le": 255}}),
        ),
        (
            "/search?q=a&limit=x",
            json!({"type": "int_parsing", "loc": ["query", "limit"],
                   "msg": "Input should be a valid integer, unable to parse string as an integer",
                   "input": "x"}),
        ),
    ] {
        let r = send(&app(), get_req(uri)).await;
        assert_eq!(r.status, 422, "{uri}");
        assert_eq!(r.json(), json!({"detail": [want]}), "{uri}");
    }
}

/// As FastAPI answers: the value at the error is echoed (the client's own), a body that
/// is not JSON gets `json_invalid` at its byte offset.
#[tokio::test]
async fn bad_body_is_422_as_pydantic_answers_it() {
    let req = json_req(Method::POST, "/items", r#"{"price":"cheap"}"#);
    let r = send(&app(), req).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [{
            "type": "float_parsing",
            "loc": ["body", "price"],
            "msg": "Input should be a valid number, unable to parse string as a number",
            "input": "cheap",
        }]})
    );
    let req = json_req(Method::POST, "/items", r#"{"name":"x"}"#);
    let r = send(&app(), req).await;
    assert_eq!(
        r.json(),
        json!({"detail": [{
            "type": "missing", "loc": ["body", "price"], "msg": "Field required",
            "input": {"name": "x"},
        }]})
    );
    let req = json_req(Method::POST, "/items", "{not json");
    let r = send(&app(), req).await;
    assert_eq!(r.status, 422);
    let d = &r.json()["detail"][0];
    assert_eq!(d["type"], "json_invalid");
    assert_eq!(d["loc"], json!(["body", 1]));
    assert_eq!(d["msg"], "JSON decode error");
    assert_eq!(d["input"], json!({}));
    assert!(
        d["ctx"]["error"]
            .as_str()
            .unwrap()
            .contains("key must be a string"),
        "{d}"
    );
}

/// Nested locations carry list indices as numbers, as Pydantic's do.
#[tokio::test]
async fn nested_errors_have_their_full_location() {
    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Line {
        price: f64,
    }
    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Order {
        items: Vec<Line>,
        size: Size,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Size {
        Small,
        Large,
    }
    let app = Router::new().route("/orders", post(|Json(_): Json<Order>| async { "ok" }));
    let body = r#"{"items":[{"price":1},{"price":true}],"size":"small"}"#;
    let r = send(&app, json_req(Method::POST, "/orders", body)).await;
    assert_eq!(
        r.json()["detail"][0],
        json!({"type": "float_type", "loc": ["body", "items", 1, "price"],
               "msg": "Input should be a valid number", "input": true})
    );
    let body = r#"{"items":[],"size":"huge"}"#;
    let r = send(&app, json_req(Method::POST, "/orders", body)).await;
    assert_eq!(
        r.json()["detail"][0],
        json!({"type": "enum", "loc": ["body", "size"], "msg": "Input should be 'small' or 'large'",
               "input": "huge", "ctx": {"expected": "'small' or 'large'"}})
    );
    let _ = (Size::Small, Size::Large);
}

#[tokio::test]
async fn missing_content_type_is_415_json() {
    let req = Request::post("/items")
        .body(Body::from(r#"{"price":1}"#))
        .unwrap();
    let r = send(&app(), req).await;
    assert_eq!(r.status, 415);
    assert_eq!(r.content_type(), JSON);
    let body = r.json();
    assert_eq!(body["detail"][0]["type"], "json_invalid");
}

/// JSON Schema's `integer` holds `3.0` (a number with a zero fraction), and the document
/// says `integer`: the body is read as Pydantic reads it, not refused as serde alone would.
#[tokio::test]
async fn an_integral_float_is_an_integer() {
    #[derive(Deserialize)]
    struct Order {
        quantity: i64,
        items: Vec<u32>,
        price: f64,
    }
    let app =
        Router::new().route(
            "/orders",
            post(|Json(o): Json<Order>| async move {
                format!("{} {:?} {}", o.quantity, o.items, o.price)
            }),
        );
    let r = send(
        &app,
        json_req(
            Method::POST,
            "/orders",
            r#"{"quantity": 3.0, "items": [1.0, 2], "price": 2.0}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "3 [1, 2] 2");
    // A fraction is still no integer: FastAPI's 422, naming the body.
    let r = send(
        &app,
        json_req(
            Method::POST,
            "/orders",
            r#"{"quantity": 3.5, "items": [], "price": 1}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["detail"][0]["loc"], json!(["body", "quantity"]));
    assert_eq!(r.json()["detail"][0]["type"], "int_from_float");
    // Out of the range an f64 holds exactly: refused rather than rounded.
    let r = send(
        &app,
        json_req(
            Method::POST,
            "/orders",
            r#"{"quantity": 1e300, "items": [], "price": 1}"#,
        ),
    )
    .await;
    assert_eq!(r.status, 422);
}

/// Query values as Pydantic reads them: `?flag=False`, `?flag=yes`, `?flag=1` are booleans
/// (serde alone takes only `true`/`false`); a string field keeps its text.
#[tokio::test]
async fn query_booleans_are_read_as_fastapi_reads_them() {
    #[derive(Deserialize)]
    struct Check {
        flag: bool,
        note: Option<String>,
    }
    let app = Router::new().route(
        "/check",
        get(|Query(c): Query<Check>| async move { format!("{} {:?}", c.flag, c.note) }),
    );
    for (query, want) in [
        ("flag=true", "true None"),
        ("flag=False", "false None"),
        ("flag=YES&note=no", "true Some(\"no\")"),
        ("flag=0", "false None"),
        ("flag=off", "false None"),
        ("flag=t", "true None"),
    ] {
        let r = send(&app, get_req(&format!("/check?{query}"))).await;
        assert_eq!((r.status.as_u16(), r.text()), (200, want), "{query}");
    }
    let r = send(&app, get_req("/check?flag=maybe")).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json()["detail"][0],
        json!({"type": "bool_parsing", "loc": ["query", "flag"],
               "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"})
    );
}

/// Path segments too: `/flags/yes` is `true`, as FastAPI reads a `bool` path parameter.
#[tokio::test]
async fn path_booleans_are_read_as_fastapi_reads_them() {
    let app = Router::new().route(
        "/flags/{on}",
        get(|Path(on): Path<bool>| async move { on.to_string() }),
    );
    for (segment, want) in [
        ("true", "true"),
        ("Yes", "true"),
        ("0", "false"),
        ("OFF", "false"),
    ] {
        let r = send(&app, get_req(&format!("/flags/{segment}"))).await;
        assert_eq!((r.status.as_u16(), r.text()), (200, want), "{segment}");
    }
    let r = send(&app, get_req("/flags/maybe")).await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["detail"][0]["loc"], json!(["path", "on"]));
    assert_eq!(r.json()["detail"][0]["input"], "maybe");
}

/// Switching from axum's `Json` to this one is one `use` line: a handler that returns
/// `Json(x)` keeps compiling, answers as axum's `Json` does (200 JSON), and is documented
/// as such.
#[tokio::test]
async fn the_extractor_json_is_also_the_response_json() {
    use response_model::routing::{ApiRouter, post};

    #[derive(Deserialize, serde::Serialize, schemars::JsonSchema)]
    struct Echo {
        name: String,
        price: f64,
    }
    async fn echo(Json(item): Json<Echo>) -> Json<Echo> {
        Json(item)
    }
    let api = ApiRouter::new().route("/echo", post(echo));
    let doc = api.openapi();
    let app = api.into_router();
    let r = send(
        &app,
        json_req(Method::POST, "/echo", r#"{"name":"Pen","price":2}"#),
    )
    .await;
    assert_eq!(r.status, http::StatusCode::OK);
    assert_eq!(r.content_type(), JSON);
    assert_eq!(r.text(), r#"{"name":"Pen","price":2.0}"#);

    let ok = &doc["paths"]["/echo"]["post"]["responses"]["200"];
    assert_eq!(ok["description"], "OK");
    assert!(
        ok["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap()
            .contains("Echo"),
        "{ok:#}"
    );
}

mod secrets {
    //! A 422 never echoes a password, token or key: FastAPI sends a plain `str` field's
    //! input back; here it reads as Pydantic shows a `SecretStr`.

    use axum::Router;
    use axum::routing::{get, post};
    use http::Request;
    use response_model::extract::{Form, Json, Query};
    use serde::Deserialize;
    use serde_json::json;

    use crate::common::{json_req, send};

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct SignUp {
        email: String,
        password: String,
        full_name: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Reset {
        token: String,
        new_password: u32,
    }

    fn app() -> Router {
        Router::new()
            .route("/signup", post(|Json(_): Json<SignUp>| async { "ok" }))
            .route("/reset", post(|Form(_): Form<Reset>| async { "ok" }))
            .route("/page", get(|Query(_): Query<Reset>| async { "ok" }))
    }

    #[tokio::test]
    async fn a_secret_fields_input_is_masked_and_the_rest_is_echoed() {
        // A bad secret: its input masked.
        let r = send(
            &app(),
            json_req(
                http::Method::POST,
                "/signup",
                r#"{"email": "a@b.c", "password": 12345678}"#,
            ),
        )
        .await;
        assert_eq!(r.status, 422);
        let d = &r.json()["detail"][0];
        assert_eq!(d["loc"], json!(["body", "password"]));
        assert_eq!(d["type"], "string_type");
        assert_eq!(d["input"], "**********");
        // A missing field: the object echoed whole, its secrets masked.
        let r = send(
            &app(),
            json_req(
                http::Method::POST,
                "/signup",
                r#"{"password": "hunter2", "full_name": "Jo"}"#,
            ),
        )
        .await;
        let d = &r.json()["detail"][0];
        assert_eq!(d["loc"], json!(["body", "email"]));
        assert_eq!(
            d["input"],
            json!({"password": "**********", "full_name": "Jo"})
        );
        assert!(!r.text().contains("hunter2"), "{}", r.text());
        // A form and a query: the same.
        let req = Request::post("/reset")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("token=t0k3n&new_password=abc"))
            .unwrap();
        let r = send(&app(), req).await;
        assert_eq!(
            r.json()["detail"][0]["loc"],
            json!(["body", "new_password"])
        );
        assert_eq!(r.json()["detail"][0]["input"], "**********");
        assert!(
            !r.text().contains("t0k3n") && !r.text().contains("abc"),
            "{}",
            r.text()
        );
        let req = Request::get("/page?token=t0k3n")
            .body(axum::body::Body::empty())
            .unwrap();
        let r = send(&app(), req).await;
        assert_eq!(
            r.json()["detail"][0]["loc"],
            json!(["query", "new_password"])
        );
        assert!(!r.text().contains("t0k3n"), "{}", r.text());
    }
}

/// A model is read from an object only, as Pydantic reads it: serde_json alone would take
/// `[1.5]` for `{"price": 1.5}`. A list is still a list.
#[tokio::test]
async fn a_model_is_not_read_from_an_array() {
    let app = app().route(
        "/prices",
        post(|Json(p): Json<Vec<f64>>| async move { p.len().to_string() }),
    );
    let r = send(&app, json_req(Method::POST, "/items", "[1.5]")).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "model_attributes_type", "loc": ["body"],
                           "msg": "Input should be a valid dictionary or object to extract fields from",
                           "input": [1.5]}]})
    );
    let r = send(&app, json_req(Method::POST, "/items", r#"{"price": 1.5}"#)).await;
    assert_eq!(r.status, 200);
    let r = send(&app, json_req(Method::POST, "/prices", " [1.5, 2]")).await;
    assert_eq!((r.status.as_u16(), r.text()), (200, "2"));
}

/// Every top-level field that is missing or bad, at once, as FastAPI lists them.
#[tokio::test]
async fn a_json_body_reports_every_bad_field() {
    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct SignUp {
        email: String,
        age: u8,
        tags: Vec<String>,
        address: Address,
        nickname: Option<String>,
    }
    #[derive(Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Address {
        city: String,
    }
    let app = Router::new().route("/signup", post(|Json(_): Json<SignUp>| async { "ok" }));
    let post = |body: &'static str| send(&app, json_req(Method::POST, "/signup", body));

    let r = post(r#"{"address": {"city": "Oslo"}}"#).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.json(),
        json!({"detail": [
            {"type": "missing", "loc": ["body", "email"], "msg": "Field required", "input": {"address": {"city": "Oslo"}}},
            {"type": "missing", "loc": ["body", "age"], "msg": "Field required", "input": {"address": {"city": "Oslo"}}},
            {"type": "missing", "loc": ["body", "tags"], "msg": "Field required", "input": {"address": {"city": "Oslo"}}},
        ]})
    );
    // A bad value, a nested problem (its whole location kept) and a missing field.
    let r = post(r#"{"email": 5, "age": 1.0, "tags": [], "address": {}}"#).await;
    let detail = r.json()["detail"].clone();
    let locs: Vec<&serde_json::Value> = detail
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["loc"])
        .collect();
    assert_eq!(
        locs,
        [
            &json!(["body", "email"]),
            &json!(["body", "address", "city"])
        ],
        "{detail}"
    );
    assert_eq!(detail[0]["type"], "string_type");
    assert_eq!(detail[0]["input"], 5);
    assert_eq!(detail[1]["type"], "missing");
    // Good bodies still read, an integral float as an integer.
    let r = post(r#"{"email": "a@b.c", "age": 30.0, "tags": ["x"], "address": {"city": "Oslo"}}"#)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

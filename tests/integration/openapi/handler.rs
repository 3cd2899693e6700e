//! `#[handler]`: the doc comment documents the operation, and the handler serves exactly
//! as the plain `async fn` does (same extraction, same rejections), with `ApiRouter` and
//! with a plain `axum::Router`.
//!
//! Every warning is an error here, and a module shadows the prelude's names: the generated
//! code must be clean and hygienic in the user's crate.
#![deny(warnings)]

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{Request, StatusCode, header};
use response_model::handler;
use response_model::routing::{ApiRouter, get, post};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::common::{get_req, send};

/// The app's state.
#[derive(Clone, Debug)]
pub struct Db {
    names: Arc<Vec<&'static str>>,
}

fn db() -> Db {
    Db {
        names: Arc::new(vec!["ada", "grace"]),
    }
}

/// A user, as answered.
#[derive(Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct UserOut {
    /// Id.
    pub id: u32,
    /// Name.
    pub name: String,
}

/// A user, as sent.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct UserIn {
    /// Name.
    pub name: String,
}

/// Search parameters.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Search {
    /// Prefix of the name.
    pub prefix: String,
}

/// Get a user
/// by id.
///
/// Looks the user up in the **database**.
///
/// ```text
/// GET /users/1
/// ```
///
/// - a missing user is a 404
///   (not a 500)
#[handler]
#[allow(clippy::unused_async, reason = "kept on `call`")]
pub async fn get_user(
    State(db): State<Db>,
    Path(id): Path<u32>,
) -> Result<Json<UserOut>, StatusCode> {
    let name = db
        .names
        .get(id as usize)
        .ok_or(StatusCode::NOT_FOUND)?
        .to_string();
    Ok(Json(UserOut { id, name }))
}

/// The same handler without the attribute: the reference for extraction and rejections.
pub async fn get_user_plain(
    State(db): State<Db>,
    Path(id): Path<u32>,
) -> Result<Json<UserOut>, StatusCode> {
    get_user::call(State(db), Path(id)).await
}

/// Rename a user.
///
/// The new name replaces the old one.
#[handler]
pub async fn rename_user(
    State(db): State<Db>,
    Path(id): Path<u32>,
    Json(body): Json<UserIn>,
) -> (StatusCode, Json<UserOut>) {
    let status = if (id as usize) < db.names.len() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    (
        status,
        Json(UserOut {
            id,
            name: body.name,
        }),
    )
}

/// Without the attribute.
pub async fn rename_user_plain(
    state: State<Db>,
    path: Path<u32>,
    body: Json<UserIn>,
) -> (StatusCode, Json<UserOut>) {
    rename_user::call(state, path, body).await
}

/// Health check.
#[handler]
pub async fn health() -> &'static str {
    "ok"
}

#[handler]
async fn list_users(State(db): State<Db>, Query(q): Query<Search>) -> Json<Vec<String>> {
    Json(
        db.names
            .iter()
            .filter(|n| n.starts_with(&q.prefix))
            .map(|n| (*n).to_owned())
            .collect(),
    )
}

/// Not documentable: a `Response` hides its body's type. Still a handler.
#[handler]
pub(crate) async fn raw() -> Response {
    (StatusCode::ACCEPTED, "raw").into_response()
}

/// A handler behind `crate = path`.
#[handler(crate = crate::rm_alias)]
pub async fn aliased() -> Json<u8> {
    Json(1)
}

/// Traced: the fn's other attributes stay on `call`.
#[handler]
#[tracing::instrument(skip_all, fields(id))]
#[must_use]
pub async fn traced(Path(id): Path<u32>) -> String {
    tracing::info!(id, "traced");
    format!("traced {id}")
}

/// Replaced by `/v2/users`.
#[handler]
#[deprecated(note = "use the v2 listing")]
pub async fn old_list() -> Json<Vec<String>> {
    Json(vec!["ada".to_owned()])
}

/// Compiled out: nothing generated remains, so the name is free below.
#[handler]
#[cfg(any())]
pub async fn disabled() -> &'static str {
    "disabled"
}

/// Takes the name the disabled handler would have used.
#[allow(non_upper_case_globals, reason = "the point is the same name")]
pub const disabled: u8 = 0;

fn api() -> ApiRouter<Db> {
    ApiRouter::new()
        .route("/users", get(list_users))
        .route("/users/{id}", get(get_user).put(rename_user))
        .route("/health", get(health))
        .route("/aliased", get(aliased))
        .route("/traced/{id}", get(traced))
        .route("/old", get(old_list))
        .route_undocumented("/raw", axum::routing::get(raw))
}

fn app() -> axum::Router {
    api().with_state(db()).into_router()
}

fn plain_app() -> axum::Router {
    axum::Router::new()
        .route(
            "/users/{id}",
            axum::routing::get(get_user_plain).put(rename_user_plain),
        )
        .with_state(db())
}

fn put_req(uri: &str, content_type: Option<&str>, body: &str) -> Request<Body> {
    let mut b = Request::put(uri);
    if let Some(ct) = content_type {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

fn op(doc: &Value, path: &str, method: &str) -> Value {
    doc["paths"][path][method].clone()
}

#[test]
fn doc_comment_is_summary_and_description() {
    let doc = api().openapi();
    let op = op(&doc, "/users/{id}", "get");
    assert_eq!(op["summary"], "Get a user by id.");
    assert_eq!(
        op["description"],
        "Looks the user up in the **database**.\n\n```text\nGET /users/1\n```\n\n- a missing user is a 404\n  (not a 500)"
    );
    let put = self::op(&doc, "/users/{id}", "put");
    assert_eq!(put["summary"], "Rename a user.");
    assert_eq!(put["description"], "The new name replaces the old one.");
}

#[test]
fn summary_only_doc_has_no_description() {
    let doc = api().openapi();
    let op = op(&doc, "/health", "get");
    assert_eq!(op["summary"], "Health check.");
    assert!(op.get("description").is_none(), "{op}");
}

#[test]
fn no_doc_comment_falls_back_to_the_fn_name() {
    let doc = api().openapi();
    let op = op(&doc, "/users", "get");
    assert_eq!(op["summary"], "List Users");
    assert!(op.get("description").is_none(), "{op}");
}

#[test]
fn route_builder_wins_over_the_doc_comment() {
    let doc = ApiRouter::<Db>::new()
        .route(
            "/users/{id}",
            get(get_user)
                .summary("Fetch")
                .description("From the builder.")
                .put(rename_user)
                .summary("Only the summary"),
        )
        .openapi();
    let get_op = op(&doc, "/users/{id}", "get");
    assert_eq!(get_op["summary"], "Fetch");
    assert_eq!(get_op["description"], "From the builder.");
    let put_op = op(&doc, "/users/{id}", "put");
    assert_eq!(put_op["summary"], "Only the summary");
    assert_eq!(put_op["description"], "The new name replaces the old one.");
}

#[test]
fn deprecated_attribute_marks_the_operation_deprecated() {
    let doc = api().openapi();
    assert_eq!(op(&doc, "/old", "get")["deprecated"], true);
    assert_eq!(
        op(&doc, "/old", "get")["summary"],
        "Replaced by `/v2/users`."
    );
    // Only that one: the others say nothing (OpenAPI's default, false).
    assert!(op(&doc, "/health", "get").get("deprecated").is_none());
    // The route builder's `.deprecated()` still marks a handler without the attribute.
    let doc = ApiRouter::<Db>::new()
        .route("/health", get(health).deprecated())
        .openapi();
    assert_eq!(op(&doc, "/health", "get")["deprecated"], true);
}

#[tokio::test]
async fn a_deprecated_handler_still_serves_and_keeps_its_attribute() {
    let r = send(&app(), get_req("/old")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, &br#"["ada"]"#[..]);
    // `#[deprecated]` stays on `call`: calling it directly is the deprecated use.
    #[allow(deprecated, reason = "the call the attribute warns about")]
    let Json(names) = old_list::call().await;
    assert_eq!(names, ["ada"]);
}

#[test]
fn operation_id_is_the_fn_name() {
    let doc = api().openapi();
    assert_eq!(op(&doc, "/users/{id}", "get")["operationId"], "get_user");
    assert_eq!(op(&doc, "/users/{id}", "put")["operationId"], "rename_user");
    assert_eq!(op(&doc, "/users", "get")["operationId"], "list_users");
    assert_eq!(op(&doc, "/health", "get")["operationId"], "health");
    assert_eq!(op(&doc, "/aliased", "get")["operationId"], "aliased");
    let with_id = ApiRouter::<Db>::new()
        .route("/h", get(health).operation_id("ping"))
        .openapi();
    assert_eq!(op(&with_id, "/h", "get")["operationId"], "ping");
}

/// Apart from the summary, description and operation id, the attribute changes nothing in
/// the document: parameters, body and responses are the fn's.
#[test]
fn the_operation_is_the_plain_fns() {
    let with = ApiRouter::<Db>::new()
        .route("/users/{id}", get(get_user).put(rename_user))
        .openapi();
    let without = ApiRouter::<Db>::new()
        .route("/users/{id}", get(get_user_plain).put(rename_user_plain))
        .openapi();
    for method in ["get", "put"] {
        let strip = |mut v: Value| {
            let o = v.as_object_mut().unwrap();
            o.remove("summary");
            o.remove("description");
            o.remove("operationId");
            v
        };
        let a = strip(op(&with, "/users/{id}", method));
        let b = strip(op(&without, "/users/{id}", method));
        assert_eq!(a, b, "{method}");
        assert!(a["responses"]["400"].is_object(), "{a}");
    }
    assert_eq!(with["components"], without["components"]);
    let put = op(&with, "/users/{id}", "put");
    assert_eq!(
        put["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/UserIn"
    );
    assert_eq!(put["parameters"][0]["name"], "id");
}

#[test]
fn an_undocumentable_handler_serves_but_is_not_documented() {
    let doc = api().openapi();
    assert!(doc["paths"].get("/raw").is_none(), "{doc}");
}

#[tokio::test]
async fn state_path_and_json_body_are_extracted() {
    let r = send(&app(), get_req("/users/1")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json(), json!({"id": 1, "name": "grace"}));

    let r = send(&app(), get_req("/users/9")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.is_empty());

    let req = put_req("/users/7", Some("application/json"), r#"{"name":"linus"}"#);
    let r = send(&app(), req).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json(), json!({"id": 7, "name": "linus"}));

    let r = send(&app(), get_req("/users?prefix=a")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!(["ada"]));
}

#[tokio::test]
async fn rejections_are_the_plain_fns() {
    type Case = (&'static str, fn() -> Request<Body>, StatusCode);
    let cases: Vec<Case> = vec![
        (
            "bad path param",
            || get_req("/users/abc"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "bad path param on put",
            || put_req("/users/-1", Some("application/json"), r#"{"name":"x"}"#),
            StatusCode::BAD_REQUEST,
        ),
        (
            "no content type",
            || put_req("/users/1", None, r#"{"name":"x"}"#),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "invalid JSON",
            || put_req("/users/1", Some("application/json"), "{"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "wrong shape",
            || put_req("/users/1", Some("application/json"), r#"{"name":1}"#),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (what, req, expected) in cases {
        let with = send(&app(), req()).await;
        let without = send(&plain_app(), req()).await;
        assert_eq!(
            with.status,
            expected,
            "{what}: {:?}",
            String::from_utf8_lossy(&with.body)
        );
        assert_eq!(
            (with.status, with.content_type(), &with.body),
            (without.status, without.content_type(), &without.body),
            "{what}"
        );
        assert!(!with.body.is_empty(), "{what}: the rejection says why");
    }
}

#[tokio::test]
async fn zero_argument_handler() {
    let r = send(&app(), get_req("/health")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.content_type(), "text/plain; charset=utf-8");
    assert_eq!(r.body, &b"ok"[..]);
    assert_eq!(health::call().await, "ok");
}

#[tokio::test]
async fn other_attributes_stay_on_the_fn() {
    let r = send(&app(), get_req("/traced/4")).await;
    assert_eq!(
        (r.status, &r.body[..]),
        (StatusCode::OK, b"traced 4".as_slice())
    );
    assert_eq!(traced::call(Path(5)).await, "traced 5");
    assert_eq!(disabled, 0);
    let doc = api().openapi();
    assert_eq!(
        op(&doc, "/traced/{id}", "get")["summary"],
        "Traced: the fn's other attributes stay on `call`."
    );
}

#[tokio::test]
async fn undocumentable_handler_serves() {
    let r = send(&app(), get_req("/raw")).await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.body, &b"raw"[..]);
}

#[tokio::test]
async fn the_fn_is_callable_directly() {
    let Json(user) = get_user::call(State(db()), Path(0)).await.unwrap();
    assert_eq!(
        user,
        UserOut {
            id: 0,
            name: "ada".into()
        }
    );
    assert_eq!(
        get_user::call(State(db()), Path(5)).await.unwrap_err(),
        StatusCode::NOT_FOUND
    );
    let (status, Json(user)) = rename_user::call(
        State(db()),
        Path(1),
        Json(UserIn {
            name: "hopper".into(),
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user.name, "hopper");
    assert_eq!(aliased::call().await.0, 1);
}

#[tokio::test]
async fn works_with_a_plain_axum_router() {
    let app = axum::Router::new()
        .route("/users/{id}", axum::routing::get(get_user).put(rename_user))
        .route("/health", axum::routing::get(health))
        .route("/raw", axum::routing::get(raw))
        .with_state(db());
    let r = send(&app, get_req("/users/0")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!({"id": 0, "name": "ada"}));
    let r = send(&app, get_req("/users/abc")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(&app, get_req("/health")).await;
    assert_eq!((r.status, &r.body[..]), (StatusCode::OK, b"ok".as_slice()));
    let r = send(&app, get_req("/raw")).await;
    assert_eq!(
        (r.status, &r.body[..]),
        (StatusCode::ACCEPTED, b"raw".as_slice())
    );
}

#[tokio::test]
async fn post_and_the_router_shortcuts_take_the_struct() {
    let app: ApiRouter = ApiRouter::new()
        .route("/h", post(health))
        .route("/g", get(health));
    let doc = app.openapi();
    assert_eq!(op(&doc, "/h", "post")["summary"], "Health check.");
    assert_eq!(op(&doc, "/g", "get")["summary"], "Health check.");
    let r = send(
        &app.into_router(),
        Request::post("/h").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!((r.status, &r.body[..]), (StatusCode::OK, b"ok".as_slice()));
}

/// A module where the prelude's names mean something else, and the generated items are
/// used only through the router.
pub mod shadowed {
    #![allow(dead_code, reason = "the shadows only need to exist")]
    use axum::extract::{Path, State};
    use response_model::handler;
    use response_model::routing::{ApiRouter, get};

    /// Shadows `Result`.
    pub struct Result;
    /// Shadows `Option`.
    pub struct Option;
    /// Shadows `Some`.
    pub struct Some;
    /// Shadows `None`.
    pub struct None;
    /// Shadows `Box`.
    pub struct Box;
    /// Shadows `Send`.
    pub trait Send {}
    /// Shadows `Sync`.
    pub trait Sync {}
    /// Shadows `Clone`.
    pub trait Clone {}
    /// Shadows `Copy`.
    pub trait Copy {}
    /// Shadows `Debug`.
    pub trait Debug {}
    /// Shadows `Future`.
    pub trait Future {}
    /// Named like the generated impl's type parameters would be, were they not reserved.
    pub struct S;
    /// Named like the generated impl's type parameters would be, were they not reserved.
    pub struct M;

    /// Count.
    ///
    /// Counts.
    #[handler]
    pub async fn count(State(n): State<u32>, Path(add): Path<u32>) -> ::std::string::String {
        (n + add).to_string()
    }

    /// Takes a state named `S`.
    #[handler]
    pub async fn takes_s(State(_s): State<::std::sync::Arc<u8>>) -> &'static str {
        "s"
    }

    /// The routes.
    pub fn routes() -> ApiRouter<u32> {
        ApiRouter::new().route("/count/{add}", get(count))
    }
}

#[tokio::test]
async fn hygiene_shadowed_names() {
    let api = shadowed::routes();
    assert_eq!(
        op(&api.openapi(), "/count/{add}", "get")["summary"],
        "Count."
    );
    let r = send(&api.with_state(2).into_router(), get_req("/count/3")).await;
    assert_eq!((r.status, &r.body[..]), (StatusCode::OK, b"5".as_slice()));
}

//! What the router adds to the document and the wire: operation-id rules (FastAPI's
//! `generate_unique_id_function`).

use response_model::handler;
use response_model::routing::{ApiRouter, OpenApiVersion, RouteInfo, get, post};
use serde_json::Value;

async fn read_items() -> &'static str {
    "[]"
}
async fn create_item() -> &'static str {
    "{}"
}
async fn read_user_me() -> &'static str {
    "{}"
}
/// Documented by `#[handler]`: the rule sees the fn's name all the same.
#[handler]
async fn login_access_token() -> &'static str {
    "{}"
}

/// The template's `custom_generate_unique_id`: `{tag}-{name}`.
fn template_rule(route: &RouteInfo<'_>) -> String {
    format!("{}-{}", route.tag(), route.name().unwrap_or("anonymous"))
}

fn op_id<'a>(doc: &'a Value, path: &str, method: &str) -> &'a str {
    doc["paths"][path][method]["operationId"]
        .as_str()
        .unwrap_or_else(|| panic!("{method} {path} has no operationId"))
}

#[test]
fn a_rule_names_every_operation_nested_merged_and_added_later() {
    let items = ApiRouter::new()
        .route("/items/", get(read_items).post(create_item))
        .tag("items");
    let login = ApiRouter::new()
        .route("/login/access-token", post(login_access_token))
        .tag("login");
    let api: ApiRouter = ApiRouter::new()
        .nest("/api/v1", items)
        .operation_ids(template_rule)
        // Added after the rule: named by it too.
        .merge(login)
        .route("/users/me", get(read_user_me).tag("users"));
    let doc = api.openapi();
    assert_eq!(op_id(&doc, "/api/v1/items/", "get"), "items-read_items");
    assert_eq!(op_id(&doc, "/api/v1/items/", "post"), "items-create_item");
    assert_eq!(
        op_id(&doc, "/login/access-token", "post"),
        "login-login_access_token"
    );
    assert_eq!(op_id(&doc, "/users/me", "get"), "users-read_user_me");
}

#[test]
fn a_routes_own_id_and_an_inner_rule_win() {
    let inner = ApiRouter::new()
        .route("/a", get(read_items))
        .operation_ids(|r| format!("inner_{}", r.name().unwrap_or_default()));
    let api: ApiRouter = ApiRouter::new()
        .route("/b", get(read_items).operation_id("chosen"))
        .route("/c", get(read_user_me))
        .merge(inner)
        .operation_ids(|r| format!("outer_{}", r.name().unwrap_or_default()));
    let doc = api.openapi();
    assert_eq!(op_id(&doc, "/a", "get"), "inner_read_items");
    assert_eq!(op_id(&doc, "/b", "get"), "chosen");
    assert_eq!(op_id(&doc, "/c", "get"), "outer_read_user_me");
}

#[test]
fn ids_a_rule_makes_twice_are_told_apart_and_the_document_stays_valid() {
    let api: ApiRouter = ApiRouter::new()
        .route("/items/", get(read_items))
        .route("/items/{id}", get(read_items))
        .tag("items")
        .operation_ids(template_rule);
    let doc = api.openapi();
    let a = op_id(&doc, "/items/", "get");
    let b = op_id(&doc, "/items/{id}", "get");
    assert_ne!(a, b);
    assert_eq!(a, "items-read_items_items__get");
    assert_eq!(b, "items-read_items_items__id__get");
    super::assert_valid(&super::oas_schema("3.1"), &doc, "the document");
}

mod redirect_slashes {
    use axum::body::Body;
    use http::{Method, Request, StatusCode, header};
    use response_model::routing::{ApiRouter, get, post};
    use tower::ServiceExt;

    use super::{create_item, read_items, read_user_me};

    async fn not_found() -> (StatusCode, &'static str) {
        (StatusCode::NOT_FOUND, "nothing here")
    }

    fn app() -> axum::Router {
        let users = ApiRouter::new()
            .route("/users/", get(read_items))
            .route("/users/{id}", get(read_user_me))
            .route("/both", get(read_items))
            .route("/both/", get(read_user_me));
        let api: ApiRouter = ApiRouter::new()
            .route("/items/", get(read_items).post(create_item))
            .route_undocumented("/health", axum::routing::get(|| async { "ok" }))
            .nest("/v1", users)
            .fallback(not_found)
            .with_docs()
            .redirect_slashes();
        // Served under a prefix, as behind a proxy: the Location keeps it.
        axum::Router::new()
            .nest("/api", api.into_router())
            .route("/", axum::routing::get(|| async { "root" }))
    }

    async fn call(method: Method, uri: &str) -> (StatusCode, Option<String>, String) {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::from("{}"))
            .unwrap();
        let res = app().oneshot(req).await.unwrap();
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, location, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_other_spelling_of_a_routed_path_is_a_307_to_it() {
        for (uri, to) in [
            ("/api/items", "/api/items/"),
            ("/api/items?skip=1&limit=2", "/api/items/?skip=1&limit=2"),
            ("/api/v1/users", "/api/v1/users/"),
            ("/api/v1/users/7/", "/api/v1/users/7"),
            ("/api/health/", "/api/health"),
            ("/api/docs/", "/api/docs"),
            ("/api/openapi.json/", "/api/openapi.json"),
        ] {
            let (status, location, body) = call(Method::GET, uri).await;
            assert_eq!(status, StatusCode::TEMPORARY_REDIRECT, "{uri}");
            assert_eq!(location.as_deref(), Some(to), "{uri}");
            assert_eq!(body, "", "{uri}");
        }
        // A 307 keeps the method: the client posts again, to the routed path.
        let (status, location, _) = call(Method::POST, "/api/items").await;
        assert_eq!(status, StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(location.as_deref(), Some("/api/items/"));
        // The method is the route's business: a path routed for GET only is redirected
        // for DELETE too, then answered 405 there (as Starlette).
        let (status, _, _) = call(Method::DELETE, "/api/items").await;
        assert_eq!(status, StatusCode::TEMPORARY_REDIRECT);
    }

    #[tokio::test]
    async fn routed_paths_unknown_paths_and_the_root_are_left_alone() {
        let (status, location, body) = call(Method::GET, "/api/items/").await;
        assert_eq!(
            (status, location, body.as_str()),
            (StatusCode::OK, None, "[]")
        );
        // Both spellings routed: each is its own route.
        assert_eq!(call(Method::GET, "/api/v1/both").await.2, "[]");
        assert_eq!(call(Method::GET, "/api/v1/both/").await.2, "{}");
        // Neither spelling routed: the router's fallback answers.
        let (status, location, body) = call(Method::GET, "/api/nothing/").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!((location, body.as_str()), (None, "nothing here"));
        // A routed path answers its own 405 for a method it lacks.
        let (status, _, _) = call(Method::DELETE, "/api/items/").await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    }

    #[tokio::test]
    async fn off_by_default_as_in_axum() {
        let app: axum::Router = ApiRouter::new()
            .route("/items/", get(read_items))
            .into_router();
        let res = app
            .oneshot(Request::get("/items").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn the_redirect_is_not_an_operation() {
        let api: ApiRouter = ApiRouter::new()
            .route("/items/", post(create_item))
            .redirect_slashes();
        let doc = api.openapi();
        let responses = doc["paths"]["/items/"]["post"]["responses"]
            .as_object()
            .unwrap();
        assert!(!responses.contains_key("307"));
        assert!(doc["paths"].get("/items").is_none());
    }
}

/// The template's login route, documented in `version`.
fn login_document(version: OpenApiVersion) -> Value {
    use response_model::security::OAuth2PasswordRequestForm;
    async fn login_access_token(form: OAuth2PasswordRequestForm) -> String {
        form.username
    }
    ApiRouter::<()>::new()
        .nest(
            "/api/v1",
            ApiRouter::new()
                .route("/login/access-token", post(login_access_token))
                .tag("login"),
        )
        .operation_ids(template_rule)
        .openapi_version(version)
        .openapi()
}

/// The login form is named after its operation, and the 422 bodies as FastAPI names them:
/// a client generated from either document has the same type names.
#[test]
fn the_login_form_is_named_after_its_operation() {
    for (version, oas) in [(OpenApiVersion::V3_1, "3.1"), (OpenApiVersion::V3_0, "3.0")] {
        let doc = login_document(version);
        let op = &doc["paths"]["/api/v1/login/access-token"]["post"];
        assert_eq!(
            op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["$ref"],
            "#/components/schemas/Body_login-login_access_token"
        );
        let schema = &doc["components"]["schemas"]["Body_login-login_access_token"];
        assert_eq!(schema["title"], "Body_login-login_access_token");
        assert_eq!(
            schema["required"],
            serde_json::json!(["username", "password"])
        );
        assert_eq!(
            op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/HTTPValidationError"
        );
        assert!(doc["components"]["schemas"]["ValidationError"].is_object());
        super::assert_valid(&super::oas_schema(oas), &doc, "the login document");
    }
}

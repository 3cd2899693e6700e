//! Auth documented from extractor types (#18): every scheme kind in the document (3.1 and
//! 3.0.3, valid against the official schemas), requirements with scopes, optional auth,
//! and the credential extractors' answers on the wire, as FastAPI gives them.

use axum::Router;
use axum::body::Body;
use axum::extract::FromRequestParts;
use http::request::Parts;
use http::{Request, StatusCode};
use response_model::Model;
use response_model::openapi::ApiInput;
use response_model::routing::{ApiRouter, OpenApiVersion, get};
use response_model::security::{
    ApiKeyLocation, ApiSecurity, BasicCredentials, BearerToken, NotAuthenticated, SecurityScheme,
};
use serde_json::{Value, json};

use crate::common::send;
use crate::openapi::{assert_valid, oas_schema};

const LOGIN: SecurityScheme =
    SecurityScheme::oauth2_password("/api/v1/login/access-token").scopes(&[
        ("items:write", "Create and change items"),
        ("me", "Read yourself"),
    ]);

/// A user's own extractor on top of `BearerToken`, with the template's OAuth2 scheme.
struct CurrentUser(String);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let BearerToken(token) = BearerToken::from_request_parts(parts, state).await?;
        Ok(CurrentUser(token))
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let token =
            <BearerToken as axum::extract::OptionalFromRequestParts<S>>::from_request_parts(
                parts, state,
            )
            .await?;
        Ok(token.map(|BearerToken(t)| CurrentUser(t)))
    }
}

impl ApiSecurity for CurrentUser {
    const SCHEME: SecurityScheme = LOGIN;
    // `Option<CurrentUser>` is `None` without a token and refuses nothing.
    const REJECTS_WHEN_OPTIONAL: bool = false;
    type Rejection = NotAuthenticated;
}

/// A token allowed to change items.
struct ItemWriter;

impl<S: Send + Sync> FromRequestParts<S> for ItemWriter {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        BearerToken::from_request_parts(parts, state).await?;
        Ok(ItemWriter)
    }
}

impl ApiSecurity for ItemWriter {
    const SCHEME: SecurityScheme = LOGIN;
    const SCOPES: &'static [&'static str] = &["items:write", "me"];
    type Rejection = NotAuthenticated;
}

/// An API key in a header, under a name of its own.
struct Tenant;

impl<S: Send + Sync> FromRequestParts<S> for Tenant {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get("x-tenant") {
            Some(_) => Ok(Tenant),
            None => Err(NotAuthenticated::new(Self::SCHEME)),
        }
    }
}

impl ApiSecurity for Tenant {
    const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Header, "x-tenant")
        .named("TenantKey")
        .description("The tenant's key");
    type Rejection = NotAuthenticated;
}

async fn me(CurrentUser(token): CurrentUser) -> Model<String> {
    Model(token)
}

async fn maybe_me(user: Option<CurrentUser>) -> Model<String> {
    Model(user.map_or_else(|| "anonymous".to_owned(), |CurrentUser(t)| t))
}

async fn write_item(_: ItemWriter, _: Tenant) -> Model<u32> {
    Model(1)
}

async fn bearer(BearerToken(t): BearerToken) -> String {
    t
}

async fn basic(c: BasicCredentials) -> String {
    format!("{}:{}", c.username, c.password)
}

async fn public() -> &'static str {
    "hello"
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/users/me", get(me))
        .route("/maybe", get(maybe_me))
        .route("/items", get(write_item))
        .route("/bearer", get(bearer))
        .route("/basic", get(basic))
        .route("/public", get(public))
}

fn op(doc: &Value, path: &str) -> Value {
    doc["paths"][path]["get"].clone()
}

#[test]
fn each_route_states_what_its_extractors_require() {
    let doc = api().openapi();
    assert_eq!(
        op(&doc, "/users/me")["security"],
        json!([{"OAuth2PasswordBearer": []}])
    );
    // Optional auth: this or anonymous.
    assert_eq!(
        op(&doc, "/maybe")["security"],
        json!([{"OAuth2PasswordBearer": []}, {}])
    );
    // Optional, and refusing nothing: no 401 is documented where none is sent.
    assert!(op(&doc, "/maybe")["responses"].get("401").is_none());
    assert_eq!(
        op(&doc, "/users/me")["responses"]["401"]["description"],
        "Not authenticated"
    );
    // Two extractors: both needed, in one alternative; scopes from the type.
    assert_eq!(
        op(&doc, "/items")["security"],
        json!([{"OAuth2PasswordBearer": ["items:write", "me"], "TenantKey": []}])
    );
    assert_eq!(op(&doc, "/bearer")["security"], json!([{"HTTPBearer": []}]));
    assert_eq!(op(&doc, "/basic")["security"], json!([{"HTTPBasic": []}]));
    // A route without an auth extractor states nothing.
    assert!(op(&doc, "/public").get("security").is_none());
    assert!(op(&doc, "/public")["responses"].get("401").is_none());
}

#[test]
fn every_scheme_is_a_component_under_its_name() {
    let doc = api().openapi();
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "OAuth2PasswordBearer": {"type": "oauth2", "flows": {"password": {
                "tokenUrl": "/api/v1/login/access-token",
                "scopes": {"items:write": "Create and change items", "me": "Read yourself"}
            }}},
            "TenantKey": {"type": "apiKey", "in": "header", "name": "x-tenant", "description": "The tenant's key"},
            "HTTPBearer": {"type": "http", "scheme": "bearer"},
            "HTTPBasic": {"type": "http", "scheme": "basic"}
        })
    );
}

#[test]
fn the_rejection_is_documented_with_its_challenge_header() {
    let doc = api().openapi();
    let r401 = &op(&doc, "/users/me")["responses"]["401"];
    assert_eq!(r401["description"], "Not authenticated");
    assert_eq!(
        r401["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/HttpError"
    );
    assert_eq!(r401["headers"]["www-authenticate"]["required"], true);
    assert!(op(&doc, "/users/me")["responses"].get("200").is_some());
}

#[test]
fn both_renderings_are_valid_and_carry_the_schemes() {
    for (version, name) in [
        (OpenApiVersion::V3_1, "3.1"),
        (OpenApiVersion::V3_0, "3.0"),
        (OpenApiVersion::V3_2, "3.2"),
    ] {
        let doc = api().openapi_version(version).openapi();
        assert_valid(&oas_schema(name), &doc, &format!("the {name} document"));
        assert_eq!(
            doc["components"]["securitySchemes"]["HTTPBasic"],
            json!({"type": "http", "scheme": "basic"})
        );
        assert_eq!(
            op(&doc, "/maybe")["security"],
            json!([{"OAuth2PasswordBearer": []}, {}])
        );
    }
}

#[test]
fn other_scheme_kinds_render_as_the_specification_writes_them() {
    let oidc =
        SecurityScheme::open_id_connect("https://id.example/.well-known/openid-configuration");
    let mut op = response_model::openapi::OperationDoc::new();
    op.require_security(oidc, &[]);
    op.require_security(
        SecurityScheme::api_key(ApiKeyLocation::Query, "api_key"),
        &[],
    );
    op.require_security(
        SecurityScheme::api_key(ApiKeyLocation::Cookie, "session"),
        &[],
    );
    assert_eq!(
        op.security_value(),
        Some(json!([{"OpenIdConnect": [], "APIKeyQuery": [], "APIKeyCookie": []}]))
    );
    assert_eq!(
        SecurityScheme::http_bearer()
            .bearer_format("JWT")
            .to_value(),
        json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    );
}

#[test]
#[should_panic(expected = "two different security schemes are named `HTTPBearer`")]
fn one_name_for_two_schemes_is_refused_when_the_document_is_built() {
    struct Other;
    impl ApiSecurity for Other {
        const SCHEME: SecurityScheme = SecurityScheme::http_basic().named("HTTPBearer");
        type Rejection = NotAuthenticated;
    }
    async fn other(_: Other) {}
    impl<S: Send + Sync> FromRequestParts<S> for Other {
        type Rejection = NotAuthenticated;
        async fn from_request_parts(_: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
            Ok(Other)
        }
    }
    let _ = api().route("/other", get(other)).openapi();
}

fn app() -> Router {
    api().into_router()
}

async fn call(path: &str, authorization: Option<&str>) -> crate::common::Reply {
    let mut req = Request::get(path);
    if let Some(a) = authorization {
        req = req.header("authorization", a);
    }
    send(&app(), req.body(Body::empty()).unwrap()).await
}

async fn assert_not_authenticated(path: &str, authorization: Option<&str>, challenge: &str) {
    let r = call(path, authorization).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "{path} with {authorization:?}"
    );
    assert_eq!(r.header("www-authenticate"), challenge);
    assert_eq!(r.json(), json!({"detail": "Not authenticated"}));
}

#[tokio::test]
async fn bearer_answers_as_fastapi_s_http_bearer() {
    let ok = call("/bearer", Some("Bearer abc.def")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.text(), "abc.def");
    // The scheme is case-insensitive and the token trimmed.
    assert_eq!(call("/bearer", Some("bearer   tok  ")).await.text(), "tok");
    for bad in [
        None,
        Some(""),
        Some("Bearer"),
        Some("Bearer "),
        Some("Basic YTpi"),
        Some("Token abc"),
    ] {
        assert_not_authenticated("/bearer", bad, "Bearer").await;
    }
}

#[tokio::test]
async fn basic_answers_as_fastapi_s_http_basic() {
    // "alice:s3cr:et" -> the password keeps its colons.
    let ok = call("/basic", Some("Basic YWxpY2U6czNjcjpldA==")).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.text(), "alice:s3cr:et");
    for bad in [
        None,
        Some("Bearer abc"),
        Some("Basic"),
        Some("Basic not-base64!"),
        // "alice" without a colon.
        Some("Basic YWxpY2U="),
        // "é:x" is not ASCII, which FastAPI refuses.
        Some("Basic w6k6eA=="),
    ] {
        assert_not_authenticated("/basic", bad, "Basic").await;
    }
}

#[tokio::test]
async fn optional_auth_is_anonymous_without_credentials() {
    assert_eq!(call("/maybe", None).await.json(), json!("anonymous"));
    assert_eq!(call("/maybe", Some("Bearer t1")).await.json(), json!("t1"));
    // A user extractor on top of BearerToken answers as it does.
    assert_not_authenticated("/users/me", None, "Bearer").await;
    assert_eq!(
        call("/users/me", Some("Bearer t2")).await.json(),
        json!("t2")
    );
}

#[test]
fn the_credentials_never_print() {
    let t = BearerToken("very-secret".into());
    assert!(!format!("{t:?}").contains("very-secret"));
    let c = BasicCredentials {
        username: "alice".into(),
        password: "hunter2".into(),
    };
    let printed = format!("{c:?}");
    assert!(printed.contains("alice") && !printed.contains("hunter2"));
}

#[test]
fn an_extractor_documents_through_api_input() {
    let mut op = response_model::openapi::OperationDoc::new();
    <Option<BearerToken> as ApiInput>::document(
        &mut response_model::openapi::DocContext::new("/"),
        &mut op,
    );
    assert_eq!(op.security_value(), Some(json!([{"HTTPBearer": []}, {}])));
    // `Option<BearerToken>` is `None` without a token: it answers no 401.
    assert!(op.responses().get(StatusCode::UNAUTHORIZED).is_none());
    // An extractor whose `Option` may still refuse (the default) keeps its rejection.
    let mut op = response_model::openapi::OperationDoc::new();
    <Option<ItemWriter> as ApiInput>::document(
        &mut response_model::openapi::DocContext::new("/"),
        &mut op,
    );
    assert!(op.responses().get(StatusCode::UNAUTHORIZED).is_some());
}

/// A user looked up in the app's state (here: a list of known tokens).
#[derive(Clone)]
struct Known(std::sync::Arc<Vec<String>>);

struct KnownUser;

impl FromRequestParts<Known> for KnownUser {
    type Rejection = NotAuthenticated;

    async fn from_request_parts(parts: &mut Parts, state: &Known) -> Result<Self, Self::Rejection> {
        let BearerToken(token) = BearerToken::from_request_parts(parts, state).await?;
        if state.0.contains(&token) {
            Ok(KnownUser)
        } else {
            Err(NotAuthenticated::new(Self::SCHEME))
        }
    }
}

impl ApiSecurity for KnownUser {
    const SCHEME: SecurityScheme = LOGIN;
    type Rejection = NotAuthenticated;
}

fn layered() -> ApiRouter {
    let state = Known(std::sync::Arc::new(vec!["good".to_owned()]));
    let private = ApiRouter::<Known>::new()
        .route("/items", get(public))
        .route("/items/{id}", get(public))
        .security_layer(axum::middleware::from_extractor_with_state::<KnownUser, _>(
            state.clone(),
        ))
        // Added after the layer: neither guarded nor documented as guarded.
        .route("/open", get(public))
        .with_state(state);
    ApiRouter::new()
        .route("/health", get(public))
        .nest("/api", private)
}

#[test]
fn a_layer_documents_its_extractor_on_every_route_behind_it() {
    let doc = layered().openapi();
    for path in ["/api/items", "/api/items/{id}"] {
        assert_eq!(
            op(&doc, path)["security"],
            json!([{"OAuth2PasswordBearer": []}]),
            "{path}"
        );
        assert_eq!(
            op(&doc, path)["responses"]["401"]["description"],
            "Not authenticated"
        );
    }
    for path in ["/health", "/api/open"] {
        assert!(op(&doc, path).get("security").is_none(), "{path}");
        assert!(op(&doc, path)["responses"].get("401").is_none(), "{path}");
    }
    assert_valid(&oas_schema("3.1"), &doc, "the layered document");
}

#[tokio::test]
async fn a_layer_enforces_what_it_documents() {
    let app = layered().into_router();
    let get = |path: &str, auth: Option<&str>| {
        let mut req = Request::get(path);
        if let Some(a) = auth {
            req = req.header("authorization", a);
        }
        req.body(Body::empty()).unwrap()
    };
    for path in ["/api/items", "/api/items/7"] {
        let anonymous = send(&app, get(path, None)).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(anonymous.json(), json!({"detail": "Not authenticated"}));
        assert_eq!(anonymous.header("www-authenticate"), "Bearer");
        let stranger = send(&app, get(path, Some("Bearer bad"))).await;
        assert_eq!(stranger.status, StatusCode::UNAUTHORIZED, "{path}");
        let known = send(&app, get(path, Some("Bearer good"))).await;
        assert_eq!(known.status, StatusCode::OK, "{path}");
    }
    // Outside the layer: no credentials needed.
    for path in ["/health", "/api/open"] {
        assert_eq!(
            send(&app, get(path, None)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
}

#[test]
fn a_prefixed_app_declares_its_server() {
    let doc = ApiRouter::<()>::new()
        .route("/bearer", get(bearer))
        .server("/v1")
        .openapi();
    assert_eq!(doc["servers"], json!([{"url": "/v1"}]));
    for (version, name) in [(OpenApiVersion::V3_1, "3.1"), (OpenApiVersion::V3_0, "3.0")] {
        let doc = api().server("/v1").openapi_version(version).openapi();
        assert_valid(&oas_schema(name), &doc, name);
        assert_eq!(doc["servers"][0]["url"], "/v1");
    }
    assert!(api().openapi().get("servers").is_none());
}

/// The template's user extractor: 401 without a token, 404 when the token's user is gone.
#[derive(Debug, thiserror::Error, response_model::ApiError)]
enum AuthError {
    #[api_error(transparent)]
    #[error(transparent)]
    NotAuthenticated(#[from] NotAuthenticated),
    /// The token's user is gone.
    #[api_error(status = 404)]
    #[error("User not found")]
    UserGone,
}

struct TemplateUser;

impl<S: Send + Sync> FromRequestParts<S> for TemplateUser {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let BearerToken(token) = BearerToken::from_request_parts(parts, state).await?;
        if token == "gone" {
            return Err(AuthError::UserGone);
        }
        Ok(TemplateUser)
    }
}

impl ApiSecurity for TemplateUser {
    const SCHEME: SecurityScheme = LOGIN;
    type Rejection = AuthError;
}

/// The handler's own errors.
#[derive(Debug, thiserror::Error, response_model::ApiError)]
enum ItemError {
    /// Item not found.
    #[api_error(status = 404)]
    #[error("Item not found")]
    NotFound,
}

async fn read_item(_: TemplateUser) -> Result<Model<u32>, ItemError> {
    Err(ItemError::NotFound)
}

#[tokio::test]
async fn the_extractor_s_responses_and_the_handler_s_are_one_list() {
    let api = ApiRouter::<()>::new().route("/items/{id}", get(read_item));
    let doc = api.openapi();
    let responses = &doc["paths"]["/items/{id}"]["get"]["responses"];
    // One 404 keeps both sources' descriptions (the one merge rule), and the 401.
    let d404 = responses["404"]["description"].as_str().unwrap();
    assert!(
        d404.contains("The token's user is gone.") && d404.contains("Item not found."),
        "{d404}"
    );
    assert_eq!(responses["401"]["description"], "Not authenticated");
    assert!(responses.get("200").is_some());
    // The wire gives each of them.
    let app = api.into_router();
    let req = |auth: &str| {
        Request::get("/items/1")
            .header("authorization", auth)
            .body(Body::empty())
            .unwrap()
    };
    let gone = send(&app, req("Bearer gone")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(gone.json(), json!({"detail": "User not found"}));
    let missing = send(&app, req("Bearer ok")).await;
    assert_eq!(missing.json(), json!({"detail": "Item not found"}));
    assert_eq!(send(&app, req("")).await.status, StatusCode::UNAUTHORIZED);
}

#[test]
fn an_api_key_is_read_where_its_scheme_says() {
    let parts = |uri: &str, headers: &[(&str, &str)]| {
        let mut req = Request::get(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.body(()).unwrap().into_parts().0
    };
    let header = SecurityScheme::api_key(ApiKeyLocation::Header, "x-api-key");
    let query = SecurityScheme::api_key(ApiKeyLocation::Query, "api_key");
    let cookie = SecurityScheme::api_key(ApiKeyLocation::Cookie, "session");
    let p = parts(
        "/?a=1&api_key=q%20k",
        &[
            ("x-api-key", "h"),
            ("cookie", "a=b"),
            ("cookie", "session=c"),
        ],
    );
    assert_eq!(header.read_api_key(&p).as_deref(), Some("h"));
    assert_eq!(query.read_api_key(&p).as_deref(), Some("q k"));
    assert_eq!(cookie.read_api_key(&p).as_deref(), Some("c"));
    // Absent or empty: none (FastAPI's 401), and only API-key schemes have a key.
    let empty = parts("/?api_key=", &[("x-api-key", ""), ("cookie", "session=")]);
    for s in [header, query, cookie] {
        assert_eq!(s.read_api_key(&empty), None);
        assert_eq!(s.read_api_key(&parts("/", &[])), None);
    }
    assert_eq!(SecurityScheme::http_bearer().read_api_key(&p), None);
}

mod api_keys {
    //! FastAPI's `APIKeyHeader`, `APIKeyQuery` and `APIKeyCookie`: `ApiKey<K>` returns the
    //! key, read where its scheme says, and answers 401 `APIKey` without it.

    use axum::body::Body;
    use http::{Request, StatusCode};
    use response_model::routing::{ApiRouter, OpenApiVersion, get};
    use response_model::security::{ApiKey, ApiKeyLocation, ApiKeyScheme, SecurityScheme};
    use serde_json::json;

    use crate::common::send;
    use crate::openapi::{assert_valid, oas_schema};

    struct HeaderKey;
    impl ApiKeyScheme for HeaderKey {
        const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Header, "X-API-Key");
    }
    struct QueryKey;
    impl ApiKeyScheme for QueryKey {
        const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Query, "api_key");
    }
    struct CookieKey;
    impl ApiKeyScheme for CookieKey {
        const SCHEME: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Cookie, "session")
            .named("SessionCookie")
            .description("The session of a signed-in browser.");
    }

    async fn by_header(key: ApiKey<HeaderKey>) -> String {
        key.into_key()
    }
    async fn by_query(key: ApiKey<QueryKey>) -> String {
        key.key().to_owned()
    }
    async fn by_cookie(key: ApiKey<CookieKey>) -> String {
        key.to_string()
    }
    async fn maybe(key: Option<ApiKey<HeaderKey>>) -> String {
        key.map_or_else(|| "anonymous".to_owned(), ApiKey::into_key)
    }

    fn api() -> ApiRouter {
        ApiRouter::new()
            .route("/header", get(by_header))
            .route("/query", get(by_query))
            .route("/cookie", get(by_cookie))
            .route("/maybe", get(maybe))
    }

    #[test]
    fn each_location_is_its_scheme_and_each_route_requires_it() {
        let doc = api().openapi();
        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(
            schemes["APIKeyHeader"],
            json!({"type": "apiKey", "in": "header", "name": "X-API-Key"})
        );
        assert_eq!(
            schemes["APIKeyQuery"],
            json!({"type": "apiKey", "in": "query", "name": "api_key"})
        );
        assert_eq!(
            schemes["SessionCookie"],
            json!({"type": "apiKey", "in": "cookie", "name": "session",
                   "description": "The session of a signed-in browser."})
        );
        for (path, name) in [
            ("/header", "APIKeyHeader"),
            ("/query", "APIKeyQuery"),
            ("/cookie", "SessionCookie"),
        ] {
            let op = &doc["paths"][path]["get"];
            assert_eq!(op["security"], json!([{ name: [] }]), "{path}");
            let unauthorized = &op["responses"]["401"];
            assert_eq!(unauthorized["description"], "Not authenticated", "{path}");
            assert_eq!(
                unauthorized["headers"]["www-authenticate"]["required"],
                true
            );
        }
        assert_eq!(
            doc["paths"]["/maybe"]["get"]["security"],
            json!([{"APIKeyHeader": []}, {}])
        );
        assert!(
            doc["paths"]["/maybe"]["get"]["responses"]
                .get("401")
                .is_none()
        );
        assert_valid(&oas_schema("3.1"), &doc, "3.1 with API keys");
        let v30 = api().openapi_version(OpenApiVersion::V3_0).openapi();
        assert_valid(&oas_schema("3.0"), &v30, "3.0 with API keys");
        assert_eq!(v30["components"]["securitySchemes"], *schemes);
    }

    async fn call(uri: &str, header: Option<(&str, &str)>) -> crate::common::Reply {
        let mut req = Request::get(uri);
        if let Some((k, v)) = header {
            req = req.header(k, v);
        }
        send(&api().into_router(), req.body(Body::empty()).unwrap()).await
    }

    #[tokio::test]
    async fn the_key_is_read_where_the_scheme_says() {
        let r = call("/header", Some(("x-api-key", "k-1"))).await;
        assert_eq!((r.status, r.text()), (StatusCode::OK, "k-1"));
        let r = call("/query?other=1&api_key=k%202", None).await;
        assert_eq!((r.status, r.text()), (StatusCode::OK, "k 2"));
        let r = call("/cookie", Some(("cookie", "theme=dark; session=s%3D3"))).await;
        assert_eq!((r.status, r.text()), (StatusCode::OK, "s=3"));
        assert_eq!(call("/maybe", None).await.text(), "anonymous");
        assert_eq!(
            call("/maybe", Some(("x-api-key", "k-4"))).await.text(),
            "k-4"
        );
    }

    #[tokio::test]
    async fn a_missing_or_empty_key_is_fastapi_s_401() {
        for (uri, header) in [
            ("/header", None),
            ("/header", Some(("x-api-key", ""))),
            // Read from its own place only: a query key is not a header key.
            ("/header?X-API-Key=k", None),
            ("/query", None),
            ("/query?api_key=", None),
            ("/query", Some(("api_key", "k"))),
            ("/cookie", None),
            ("/cookie", Some(("cookie", "theme=dark"))),
            ("/cookie", Some(("session", "k"))),
        ] {
            let r = call(uri, header).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{uri} {header:?}");
            assert_eq!(r.header("www-authenticate"), "APIKey", "{uri} {header:?}");
            assert_eq!(r.json(), json!({"detail": "Not authenticated"}));
        }
    }

    #[tokio::test]
    async fn the_key_never_prints() {
        use axum::extract::FromRequestParts;
        let (mut parts, ()) = Request::get("/")
            .header("x-api-key", "sk-live-42")
            .body(())
            .unwrap()
            .into_parts();
        let key = ApiKey::<HeaderKey>::from_request_parts(&mut parts, &())
            .await
            .unwrap();
        assert_eq!(key.key(), "sk-live-42");
        assert_eq!(format!("{key:?}"), "ApiKey(..)");
    }
}

mod public {
    //! `security: []`: a route stated public, checked against what it requires.

    use axum::middleware::from_extractor;
    use response_model::routing::{ApiRouter, OpenApiVersion, get};
    use response_model::security::BearerToken;
    use serde_json::json;

    use super::{maybe_me, me, public};
    use crate::openapi::{assert_valid, oas_schema};

    #[test]
    fn a_public_route_says_security_empty_and_others_say_nothing() {
        let api: ApiRouter = ApiRouter::new()
            .route("/health", get(public).public())
            .route("/plain", get(public))
            // Anonymous callers are let in: the requirement is stated as it is.
            .route("/maybe", get(maybe_me).public())
            .merge(ApiRouter::new().route("/version", get(public)).public());
        let doc = api.openapi();
        assert_eq!(doc["paths"]["/health"]["get"]["security"], json!([]));
        assert_eq!(doc["paths"]["/version"]["get"]["security"], json!([]));
        assert!(doc["paths"]["/plain"]["get"].get("security").is_none());
        assert_eq!(
            doc["paths"]["/maybe"]["get"]["security"],
            json!([{"OAuth2PasswordBearer": []}, {}])
        );
        assert_valid(&oas_schema("3.1"), &doc, "3.1 with a public route");
        let v30 = api.openapi_version(OpenApiVersion::V3_0).openapi();
        assert_eq!(v30["paths"]["/health"]["get"]["security"], json!([]));
        assert_valid(&oas_schema("3.0"), &v30, "3.0 with a public route");
    }

    #[test]
    #[should_panic(expected = "`GET /users/me` is marked `.public()` but requires")]
    fn a_route_that_takes_a_credential_cannot_be_public() {
        let _ = ApiRouter::<()>::new()
            .route("/users/me", get(me).public())
            .openapi();
    }

    #[test]
    #[should_panic(expected = "`GET /items` is marked `.public()` but requires")]
    fn a_route_behind_a_security_layer_cannot_be_public() {
        let _ = ApiRouter::<()>::new()
            .route("/items", get(public).public())
            .security_layer(from_extractor::<BearerToken>())
            .openapi();
    }
}

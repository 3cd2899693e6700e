//! Forms as FastAPI answers them (#18): `extract::Form<T>` and the OAuth2 password form,
//! on the wire (Pydantic's 422 at `["body", "<field>"]`, a request without a form
//! content type read as one without fields) and in the document
//! (`application/x-www-form-urlencoded`, the form's schema, the 422; both renderings
//! valid against the official schemas).

use axum::Router;
use axum::body::Body;
use http::header::CONTENT_TYPE;
use http::{Request, StatusCode};
use response_model::Model;
use response_model::extract::Form;
use response_model::routing::{ApiRouter, OpenApiVersion, post};
use response_model::security::{OAuth2PasswordRequestForm, OAuth2PasswordRequestFormStrict};
use serde_json::{Value, json};

use crate::common::{Reply, send};
use crate::openapi::{assert_valid, oas_schema};

const FORM: &str = "application/x-www-form-urlencoded";

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Item {
    name: String,
    price: f64,
    on_sale: Option<bool>,
}

async fn create(Form(item): Form<Item>) -> Model<Value> {
    Model(json!({"name": item.name, "price": item.price, "on_sale": item.on_sale}))
}

async fn login(form: OAuth2PasswordRequestForm) -> Model<Value> {
    Model(json!({
        "access_token": form.username,
        "token_type": "bearer",
        "scopes": form.scopes(),
        "client_id": form.client_id,
    }))
}

async fn login_strict(form: OAuth2PasswordRequestFormStrict) -> Model<Value> {
    Model(json!({"access_token": form.username, "grant_type": form.grant_type}))
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/items", post(create))
        .route("/login/access-token", post(login))
        .route("/login/strict", post(login_strict))
}

fn app() -> Router {
    api().into_router()
}

/// `POST uri` with `body`, sent as `content_type` (none if `None`).
async fn post_body(uri: &str, content_type: Option<&str>, body: &str) -> Reply {
    let mut req = Request::post(uri);
    if let Some(ct) = content_type {
        req = req.header(CONTENT_TYPE, ct);
    }
    send(&app(), req.body(Body::from(body.to_owned())).unwrap()).await
}

/// The 422 entry of a missing field of the OAuth2 form (FastAPI reads each with its own
/// `Form()`: `input` is `null`).
fn missing(field: &str) -> Value {
    json!({"type": "missing", "loc": ["body", field], "msg": "Field required", "input": null})
}

#[tokio::test]
async fn a_good_login_form_is_read() {
    let r = post_body(
        "/login/access-token",
        Some(FORM),
        "grant_type=password&username=johndoe&password=s%26cret&scope=items%3Aread+me&client_id=web",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"access_token": "johndoe", "token_type": "bearer", "scopes": ["items:read", "me"], "client_id": "web"})
    );
    // grant_type may be left out; a charset parameter is still a form.
    let r = post_body(
        "/login/access-token",
        Some("application/x-www-form-urlencoded; charset=utf-8"),
        "username=johndoe&password=secret",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["scopes"], json!([]));
}

#[tokio::test]
async fn a_missing_username_is_pydantics_422() {
    let r = post_body("/login/access-token", Some(FORM), "password=secret").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json(), json!({"detail": [missing("username")]}));
    // The body is the one the document promises for 422.
    let doc = api().openapi();
    let r422 = &doc["paths"]["/login/access-token"]["post"]["responses"]["422"];
    let mut schema = r422["content"]["application/json"]["schema"].clone();
    schema["components"] = doc["components"].clone();
    assert_valid(&schema, &r.json(), "the 422 body");
    // An empty value is a missing one, as FastAPI's Form() reads it.
    let r = post_body(
        "/login/access-token",
        Some(FORM),
        "username=&password=secret",
    )
    .await;
    assert_eq!(r.json(), json!({"detail": [missing("username")]}));
}

#[tokio::test]
async fn a_wrong_grant_type_names_the_pattern() {
    let r = post_body(
        "/login/access-token",
        Some(FORM),
        "grant_type=client_credentials&username=johndoe&password=secret",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json(),
        json!({"detail": [{
            "type": "string_pattern_mismatch",
            "loc": ["body", "grant_type"],
            "msg": "String should match pattern '^password$'",
            "input": "client_credentials",
            "ctx": {"pattern": "^password$"},
        }]})
    );
    // The strict form requires it.
    let r = post_body(
        "/login/strict",
        Some(FORM),
        "username=johndoe&password=secret",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json(), json!({"detail": [missing("grant_type")]}));
    let r = post_body(
        "/login/strict",
        Some(FORM),
        "grant_type=password&username=johndoe&password=secret",
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"access_token": "johndoe", "grant_type": "password"})
    );
}

#[tokio::test]
async fn without_a_form_content_type_every_required_field_is_missing() {
    // Starlette reads no form from JSON or from a request without a content type, so
    // FastAPI answers 422 `missing` for each required field, never 415.
    let both = json!({"detail": [missing("username"), missing("password")]});
    for ct in [Some("application/json"), Some("text/plain"), None] {
        let r = post_body(
            "/login/access-token",
            ct,
            r#"{"username": "johndoe", "password": "secret"}"#,
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{ct:?}");
        assert_eq!(r.content_type(), "application/json", "{ct:?}");
        assert_eq!(r.json(), both, "{ct:?}");
    }
    // An empty form: the same two.
    let r = post_body("/login/access-token", Some(FORM), "").await;
    assert_eq!(r.json(), both);
}

#[tokio::test]
async fn a_typed_form_reports_every_field() {
    let r = post_body("/items", Some(FORM), "name=Foo&price=3.5&on_sale=yes").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"name": "Foo", "price": 3.5, "on_sale": true})
    );

    let r = post_body("/items", Some(FORM), "price=abc").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Every field, in the order the struct declares them (as FastAPI's model).
    assert_eq!(
        r.json(),
        json!({"detail": [
            // A form model's missing field echoes the fields received (FastAPI's
            // tests/test_forms_single_model.py).
            {"type": "missing", "loc": ["body", "name"], "msg": "Field required", "input": {"price": "abc"}},
            {
                "type": "float_parsing",
                "loc": ["body", "price"],
                "msg": "Input should be a valid number, unable to parse string as a number",
                "input": "abc",
            },
        ]})
    );

    let r = post_body("/items", Some("application/json"), r#"{"name": "Foo"}"#).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let none = |field: &str| json!({"type": "missing", "loc": ["body", field], "msg": "Field required", "input": {}});
    assert_eq!(r.json(), json!({"detail": [none("name"), none("price")]}));
}

fn body_of(doc: &Value, path: &str) -> Value {
    doc["paths"][path]["post"]["requestBody"].clone()
}

#[test]
fn the_document_says_form_with_the_forms_schema() {
    let doc = api().openapi();
    let body = body_of(&doc, "/login/access-token");
    assert_eq!(body["required"], true);
    assert_eq!(
        body["content"],
        json!({FORM: {"schema": {"$ref": "#/components/schemas/Body_login"}}})
    );
    // FastAPI's name for a body of form fields: `Body_{operation_id}`, titled so.
    let schema = &doc["components"]["schemas"]["Body_login"];
    assert_eq!(schema["title"], "Body_login");
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["required"], json!(["username", "password"]));
    let props = &schema["properties"];
    assert_eq!(props["password"]["format"], "password");
    assert_eq!(props["client_secret"]["format"], "password");
    assert_eq!(props["grant_type"]["pattern"], "^password$");
    assert!(props["username"].get("format").is_none());
    assert_eq!(props["scope"]["type"], "string");
    // The descriptions are for the client: no rustdoc links in them.
    assert!(!schema.to_string().contains("Self::"), "{schema}");

    let strict = &doc["components"]["schemas"]["Body_login_strict"];
    assert_eq!(
        strict["required"],
        json!(["grant_type", "username", "password"])
    );
    assert_eq!(strict["properties"]["grant_type"]["type"], "string");

    let item = body_of(&doc, "/items");
    assert_eq!(
        item["content"][FORM]["schema"]["$ref"],
        "#/components/schemas/Item"
    );
    for path in ["/items", "/login/access-token", "/login/strict"] {
        let r422 = &doc["paths"][path]["post"]["responses"]["422"];
        assert_eq!(r422["description"], "Validation Error", "{path}");
        assert_eq!(
            r422["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/HTTPValidationError",
            "{path}"
        );
        // Never 415: a form endpoint answers a wrong content type with 422.
        assert!(
            doc["paths"][path]["post"]["responses"].get("415").is_none(),
            "{path}"
        );
    }
}

#[test]
fn both_renderings_are_valid() {
    for (version, name) in [(OpenApiVersion::V3_1, "3.1"), (OpenApiVersion::V3_0, "3.0")] {
        let doc = api().openapi_version(version).openapi();
        assert_valid(&oas_schema(name), &doc, &format!("the {name} document"));
        assert!(
            body_of(&doc, "/login/access-token")["content"][FORM].is_object(),
            "{name}"
        );
    }
}

#[test]
fn the_password_is_never_printed() {
    let mut form = OAuth2PasswordRequestForm::new("johndoe", "hunter2");
    form.client_secret = Some("s3cr3t".to_owned());
    let printed = format!("{form:?} {form:#?}");
    assert!(printed.contains("johndoe"));
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(!printed.contains("s3cr3t"), "{printed}");
}

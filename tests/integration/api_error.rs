//! `#[derive(ApiError)]`: each variant's status and body on the wire, the same in the
//! document (one response per status, `anyOf` for a shared one, the doc comment as its
//! description), `?` through thiserror's `#[from]`, and 5xx logged but not sent.

use axum::Router;
use axum::extract::Path;
use http::StatusCode;
use response_model::routing::{ApiRouter, get};
use response_model::{ApiError, Model};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use crate::common::{JSON, Logs, get_path};
use crate::openapi::assert_valid;

#[derive(Debug, Serialize, JsonSchema)]
struct Taken {
    email: String,
}

#[derive(Debug, Serialize, JsonSchema)]
struct Banned {
    reason: String,
    until: u32,
}

/// What the store below fails with.
#[derive(Debug, thiserror::Error)]
#[error("connection reset while reading /var/lib/app/users.db")]
struct StoreError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("User {0} not found")]
    NotFound(u32),
    /// The email is already registered.
    #[api_error(status = 409, body)]
    #[error("email taken")]
    EmailTaken(Taken),
    /// The user is banned.
    ///
    /// Until the date given.
    #[api_error(status = 409, body)]
    #[error("banned")]
    Banned { ban: Banned },
    #[api_error(status = 410)]
    #[error("This user left")]
    Gone,
    /// The store failed.
    #[api_error(status = 503, detail = "Try again later")]
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

fn find(id: u32) -> Result<&'static str, StoreError> {
    if id == 99 { Err(StoreError) } else { Ok("Ada") }
}

async fn get_user(Path(id): Path<u32>) -> Result<Model<String>, UserError> {
    match id {
        1 | 99 => Ok(Model(find(id)?.to_owned())),
        2 => Err(UserError::EmailTaken(Taken {
            email: "ada@example.com".into(),
        })),
        3 => Err(UserError::Banned {
            ban: Banned {
                reason: "spam".into(),
                until: 2030,
            },
        }),
        4 => Err(UserError::Gone),
        _ => Err(UserError::NotFound(id)),
    }
}

fn api() -> ApiRouter {
    ApiRouter::new().route("/users/{id}", get(get_user))
}

fn app() -> Router {
    api().into_router()
}

fn responses() -> (Value, Value) {
    let doc = api().openapi();
    let responses = doc["paths"]["/users/{id}"]["get"]["responses"].clone();
    (doc, responses)
}

#[tokio::test]
async fn each_variant_answers_its_status_and_body() {
    let app = app();
    let cases: [(&str, u16, Value); 5] = [
        ("/users/7", 404, json!({"detail": "User 7 not found"})),
        ("/users/2", 409, json!({"email": "ada@example.com"})),
        ("/users/3", 409, json!({"reason": "spam", "until": 2030})),
        ("/users/4", 410, json!({"detail": "This user left"})),
        ("/users/99", 503, json!({"detail": "Try again later"})),
    ];
    for (path, status, body) in cases {
        let r = get_path(&app, path).await;
        assert_eq!(r.status.as_u16(), status, "{path}");
        assert_eq!(r.content_type(), JSON, "{path}");
        assert_eq!(r.json(), body, "{path}");
    }
    let ok = get_path(&app, "/users/1").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json(), json!("Ada"));
}

#[test]
fn the_document_lists_every_status_with_its_description() {
    let (_, r) = responses();
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    // 400: axum's `Path` rejection.
    assert_eq!(keys, ["200", "400", "404", "409", "410", "503"]);
    assert_eq!(r["404"]["description"], "No user has this id.");
    // Two variants, one status: both descriptions, as a list.
    assert_eq!(
        r["409"]["description"],
        "- The email is already registered.\n- The user is banned.\n\n  Until the date given."
    );
    // No doc comment: the status's reason.
    assert_eq!(r["410"]["description"], "Gone");
    assert_eq!(r["503"]["description"], "The store failed.");
    assert_eq!(
        r["503"]["content"]["application/json"]["example"],
        json!({"detail": "Try again later"})
    );
    assert_eq!(
        r["404"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/HttpError"})
    );
    // 404 and 410 send one shape: one schema, no `anyOf` of a single body.
    assert_eq!(
        r["410"]["content"]["application/json"]["schema"],
        r["404"]["content"]["application/json"]["schema"]
    );
}

#[test]
fn a_shared_status_is_any_of_its_bodies() {
    let (_, r) = responses();
    // `anyOf`, as everywhere two bodies meet at one status (`Responses::merge`): two
    // bodies may overlap, so `oneOf` would be false.
    assert_eq!(
        r["409"]["content"]["application/json"]["schema"],
        json!({"anyOf": [
            {"$ref": "#/components/schemas/Taken"},
            {"$ref": "#/components/schemas/Banned"},
        ]})
    );
}

/// What the wire sends validates against what the document says, for every variant.
#[tokio::test]
async fn the_wire_matches_the_document() {
    let (doc, r) = responses();
    let app = app();
    for path in ["/users/7", "/users/2", "/users/3", "/users/4", "/users/99"] {
        let reply = get_path(&app, path).await;
        let status = reply.status.as_str().to_owned();
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "allOf": [r[&status]["content"]["application/json"]["schema"]],
            "components": doc["components"],
        });
        assert_valid(&schema, &reply.json(), path);
    }
    // And another status's body does not pass for a 409's.
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [r["409"]["content"]["application/json"]["schema"]],
        "components": doc["components"],
    });
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(!validator.is_valid(&json!({"detail": "User 7 not found"})));
}

#[tokio::test]
async fn a_server_error_is_logged_with_its_cause_and_not_sent() {
    let logs = Logs::capture();
    let r = get_path(&app(), "/users/99").await;
    assert_eq!(r.status.as_u16(), 503);
    assert!(!r.text().contains("/var/lib"), "{}", r.text());
    let text = logs.text();
    assert!(text.contains("ERROR"), "{text}");
    assert!(text.contains("status=503"), "{text}");
    assert!(text.contains("UserError"), "{text}");
    assert!(
        text.contains("store: connection reset while reading /var/lib/app/users.db"),
        "{text}"
    );
}

#[tokio::test]
async fn a_client_error_is_not_logged() {
    let logs = Logs::capture();
    let r = get_path(&app(), "/users/7").await;
    assert_eq!(r.status.as_u16(), 404);
    assert_eq!(logs.text(), "");
}

/// A generic error enum, and one whose only body is a field.
#[derive(Debug, ApiError)]
enum Wrapped<T: Serialize + JsonSchema> {
    #[api_error(status = 400, body)]
    Bad(T),
}

#[tokio::test]
async fn generic_enums_send_and_document_their_body() {
    use axum::response::IntoResponse;
    let res = Wrapped::Bad(Taken { email: "x".into() }).into_response();
    assert_eq!(res.status(), 400);
    let doc = ApiRouter::<()>::new()
        .route(
            "/w",
            get(|| async { Err::<Model<u8>, _>(Wrapped::Bad(5_u8)) }),
        )
        .openapi();
    assert_eq!(
        doc["paths"]["/w"]["get"]["responses"]["400"]["content"]["application/json"]["schema"],
        json!({"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255})
    );
}

/// A variant that wraps another error type answers and documents as it.
#[derive(Debug, thiserror::Error, ApiError)]
enum UpdateError {
    #[api_error(transparent)]
    #[error(transparent)]
    User(#[from] UserError),
    /// The name is reserved.
    #[api_error(status = 403)]
    #[error("{0} is reserved")]
    Reserved(String),
}

async fn rename(Path(id): Path<u32>) -> Result<Model<String>, UpdateError> {
    match id {
        0 => Err(UpdateError::Reserved("root".into())),
        1 => Ok(Model("renamed".into())),
        id => Err(UserError::NotFound(id).into()),
    }
}

#[tokio::test]
async fn a_transparent_variant_answers_and_documents_as_its_field() {
    let api = ApiRouter::new().route("/users/{id}/name", get(rename));
    let doc = api.openapi();
    let app = api.into_router();
    let r = get_path(&app, "/users/8/name").await;
    assert_eq!(
        (r.status.as_u16(), r.json()),
        (404, json!({"detail": "User 8 not found"}))
    );
    let r = get_path(&app, "/users/0/name").await;
    assert_eq!(
        (r.status.as_u16(), r.json()),
        (403, json!({"detail": "root is reserved"}))
    );
    let responses = &doc["paths"]["/users/{id}/name"]["get"]["responses"];
    let mut keys: Vec<&str> = responses
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // UserError's statuses, and its own.
    assert_eq!(keys, ["200", "400", "403", "404", "409", "410", "503"]);
    assert_eq!(responses["404"]["description"], "No user has this id.");
    assert_eq!(responses["403"]["description"], "The name is reserved.");
}

/// Two variants with one body shape at one status, and a 5xx whose body is a named field.
#[derive(Debug, thiserror::Error, ApiError)]
enum JobError {
    /// The quota is spent.
    #[api_error(status = 429)]
    #[error("quota spent")]
    Quota,
    /// Too many requests at once.
    #[api_error(status = 429, detail = "Slow down")]
    #[error("burst")]
    Burst,
    /// The job failed; its report says why.
    #[api_error(status = 500, body)]
    #[error("job failed for {}", report.email)]
    Failed { report: Taken },
}

#[tokio::test]
async fn variants_merge_by_the_one_rule_of_responses() {
    let api = ApiRouter::new().route(
        "/jobs/{id}",
        get(|Path(id): Path<u32>| async move {
            match id {
                0 => Err(JobError::Quota),
                1 => Err(JobError::Burst),
                2 => Err(JobError::Failed {
                    report: Taken {
                        email: "ops@example.com".into(),
                    },
                }),
                _ => Ok(Model::<u32>::new(id)),
            }
        }),
    );
    let doc = api.openapi();
    let r = &doc["paths"]["/jobs/{id}"]["get"]["responses"];
    // One body shape: its schema once (no `anyOf` of two equal schemas), both descriptions.
    assert_eq!(
        r["429"]["content"]["application/json"]["schema"],
        json!({"$ref": "#/components/schemas/HttpError"})
    );
    assert_eq!(
        r["429"]["description"],
        "- The quota is spent.\n- Too many requests at once."
    );
    let logs = Logs::capture();
    let app = api.into_router();
    let reply = get_path(&app, "/jobs/2").await;
    assert_eq!(reply.status.as_u16(), 500);
    assert_eq!(reply.json(), json!({"email": "ops@example.com"}));
    assert!(
        logs.text().contains("job failed for ops@example.com"),
        "{}",
        logs.text()
    );
    let reply = get_path(&app, "/jobs/1").await;
    assert_eq!(
        (reply.status.as_u16(), reply.json()),
        (429, json!({"detail": "Slow down"}))
    );
}

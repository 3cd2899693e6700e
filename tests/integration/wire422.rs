//! The 422s a FastAPI client sees (#18, #19): `loc` names the wire (serde's names, a
//! flattened field's fields at its parent's level, list indices) with the client's own
//! value as `input`; Pydantic's exact types and messages for the FastAPI full-stack
//! template's constraints (`min_length=1`, `max_length=255`, the password's 8..128,
//! `EmailStr`, UUID path parameters); garde rules on `Option` and `Tristate` fields
//! checked and written into the document.

use axum::Router;
use garde::Validate;
use http::{Method, Request};
use response_model::extract::{Form, Json, Path, Query, Valid};
use response_model::routing::{ApiRouter, OpenApiVersion, get, post};
use response_model::{Model, Tristate};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::common::{Reply, get_req, json_req, send};

// ---- #18: `loc` names the wire --------------------------------------------------------

#[derive(Deserialize, Validate, JsonSchema)]
struct Base {
    #[garde(email)]
    email: String,
}

/// A flattened part, a camelCase field, a field renamed to a name no rule makes, and a
/// list of items whose fields are renamed by another rule.
#[derive(Deserialize, Validate, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Signup {
    #[serde(flatten)]
    #[garde(dive)]
    base: Base,
    #[garde(length(min = 1, max = 255))]
    full_name: String,
    #[serde(rename = "pw")]
    #[garde(length(min = 8, max = 128))]
    password: String,
    #[garde(dive)]
    addresses: Vec<Address>,
}

#[derive(Deserialize, Validate, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
struct Address {
    #[garde(length(min = 1))]
    post_code: String,
    #[garde(range(min = 1))]
    house_number: u32,
}

async fn signup(Valid(Json(s)): Valid<Json<Signup>>) -> Model<String> {
    Model(format!(
        "{} {} {} {}",
        s.base.email,
        s.full_name,
        s.password.len(),
        s.addresses.len()
    ))
}

#[derive(Deserialize, Validate, JsonSchema)]
#[serde(rename_all = "kebab-case")]
struct Page {
    #[garde(range(min = 1, max = 100))]
    page_size: u32,
}

async fn page(Valid(Query(p)): Valid<Query<Page>>) -> Model<u32> {
    Model(p.page_size)
}

#[derive(Deserialize, Validate, JsonSchema)]
struct Login {
    #[serde(rename = "user")]
    #[garde(length(min = 3))]
    username: String,
    #[garde(length(min = 8))]
    password: String,
}

async fn login(Valid(Form(l)): Valid<Form<Login>>) -> Model<String> {
    Model(l.username)
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/signup", post(signup))
        .route("/page", get(page))
        .route("/login", post(login))
        .route("/items", post(create_item))
        .route("/items/{id}", get(read_item).patch(update_item))
        .route("/owners", post(owner).get(owners))
        .route("/labels", post(labels))
}

fn app() -> Router {
    api().into_router()
}

/// The error at `loc` in a 422's `detail`.
fn at(reply: &Reply, loc: Value) -> Value {
    assert_eq!(reply.status, 422, "{}", reply.text());
    let body = reply.json();
    body["detail"]
        .as_array()
        .and_then(|d| d.iter().find(|e| e["loc"] == loc))
        .cloned()
        .unwrap_or_else(|| panic!("no error at {loc}: {body}"))
}

const SIGNUP: &str = r#"{"email": "ada@example.com", "fullName": "Ada", "pw": "correct horse",
    "addresses": [{"POST_CODE": "N1", "HOUSE_NUMBER": 3}]}"#;

#[tokio::test]
async fn a_valid_body_with_wire_names_reaches_the_handler() {
    let r = send(&app(), json_req(Method::POST, "/signup", SIGNUP)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!("ada@example.com Ada 13 1"));
}

#[tokio::test]
async fn a_flattened_field_is_located_at_its_parents_level_with_its_input() {
    let body = SIGNUP.replace("ada@example.com", "nope");
    let r = send(&app(), json_req(Method::POST, "/signup", &body)).await;
    // Before: {"type":"value_error","loc":["body","base","email"],...,"input":null}
    assert_eq!(
        at(&r, json!(["body", "email"])),
        json!({"type": "value_error", "loc": ["body", "email"],
               "msg": "value is not a valid email address: An email address must have an @-sign.",
               "input": "nope",
               "ctx": {"reason": "An email address must have an @-sign."}})
    );
    assert_eq!(r.json()["detail"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn rename_all_and_rename_are_the_wire_names() {
    let long = "p".repeat(129);
    let body = SIGNUP
        .replace(r#""Ada""#, r#""""#)
        .replace("correct horse", &long);
    let r = send(&app(), json_req(Method::POST, "/signup", &body)).await;
    // Before: loc ["body","full_name"], input null.
    assert_eq!(
        at(&r, json!(["body", "fullName"])),
        json!({"type": "string_too_short", "loc": ["body", "fullName"],
               "msg": "String should have at least 1 character", "input": "",
               "ctx": {"min_length": 1}})
    );
    // Before: loc ["body","password"], input null. `pw` is no rule's name for `password`:
    // it is the only value the broken rule (longer than 128) could be about.
    assert_eq!(
        at(&r, json!(["body", "pw"])),
        json!({"type": "string_too_long", "loc": ["body", "pw"],
               "msg": "String should have at most 128 characters", "input": long,
               "ctx": {"max_length": 128}})
    );
    assert_eq!(r.json()["detail"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn a_nested_field_in_a_list_is_located_by_index_and_wire_name() {
    let body = SIGNUP.replace(
        r#"[{"POST_CODE": "N1", "HOUSE_NUMBER": 3}]"#,
        r#"[{"POST_CODE": "N1", "HOUSE_NUMBER": 3}, {"POST_CODE": "", "HOUSE_NUMBER": 0}]"#,
    );
    let r = send(&app(), json_req(Method::POST, "/signup", &body)).await;
    assert_eq!(
        at(&r, json!(["body", "addresses", 1, "POST_CODE"])),
        json!({"type": "string_too_short", "loc": ["body", "addresses", 1, "POST_CODE"],
               "msg": "String should have at least 1 character", "input": "",
               "ctx": {"min_length": 1}})
    );
    assert_eq!(
        at(&r, json!(["body", "addresses", 1, "HOUSE_NUMBER"])),
        json!({"type": "greater_than_equal", "loc": ["body", "addresses", 1, "HOUSE_NUMBER"],
               "msg": "Input should be greater than or equal to 1", "input": 0,
               "ctx": {"ge": 1}})
    );
}

#[tokio::test]
async fn a_string_too_long_says_characters() {
    let long = "x".repeat(256);
    let body = SIGNUP.replace(r#""Ada""#, &format!("\"{long}\""));
    let r = send(&app(), json_req(Method::POST, "/signup", &body)).await;
    assert_eq!(
        at(&r, json!(["body", "fullName"])),
        json!({"type": "string_too_long", "loc": ["body", "fullName"],
               "msg": "String should have at most 255 characters", "input": long,
               "ctx": {"max_length": 255}})
    );
}

#[tokio::test]
async fn a_query_parameter_is_located_by_its_wire_name() {
    let r = send(&app(), get_req("/page?page-size=500")).await;
    // Before: loc ["query","page_size"], input null.
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "less_than_equal", "loc": ["query", "page-size"],
                           "msg": "Input should be less than or equal to 100", "input": "500",
                           "ctx": {"le": 100}}]})
    );
}

#[tokio::test]
async fn a_validated_form_answers_at_its_wire_names() {
    let req = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("user=al&password=long-enough"))
        .unwrap();
    let r = send(&app(), req).await;
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "string_too_short", "loc": ["body", "user"],
                           "msg": "String should have at least 3 characters", "input": "al",
                           "ctx": {"min_length": 3}}]})
    );
    let req = Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("user=ada&password=long-enough"))
        .unwrap();
    let r = send(&app(), req).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!("ada")));
}

// ---- #19: the template's constraints, Pydantic's words ----------------------------------

#[tokio::test]
async fn email_reasons_are_email_validators() {
    for (email, reason) in [
        ("", "An email address must have an @-sign."),
        ("@example.com", "There must be something before the @-sign."),
        ("ada@", "There must be something after the @-sign."),
        (
            "a da@example.com",
            "The email address contains invalid characters before the @-sign: SPACE.",
        ),
        (
            "ada@-example.com",
            "An email address cannot have a hyphen immediately after the @-sign.",
        ),
    ] {
        let body = SIGNUP.replace("ada@example.com", email);
        let r = send(&app(), json_req(Method::POST, "/signup", &body)).await;
        assert_eq!(
            at(&r, json!(["body", "email"])),
            json!({"type": "value_error", "loc": ["body", "email"],
                   "msg": format!("value is not a valid email address: {reason}"),
                   "input": email, "ctx": {"reason": reason}}),
            "{email:?}"
        );
    }
}

/// The template's `ItemCreate`/`ItemUpdate`: `title: str = Field(min_length=1,
/// max_length=255)`, `description: str | None = Field(default=None, max_length=255)`.
#[derive(Deserialize, Validate, JsonSchema)]
struct ItemCreate {
    #[garde(length(chars, min = 1, max = 255))]
    title: String,
    #[garde(length(max = 255))]
    description: Option<String>,
}

#[derive(Deserialize, Validate, JsonSchema)]
struct ItemUpdate {
    #[serde(default)]
    #[garde(inner(length(min = 1, max = 255)))]
    title: Tristate<String>,
    #[serde(default)]
    #[garde(length(max = 255))]
    description: Tristate<String>,
    #[serde(default)]
    #[garde(inner(range(min = 0, max = 10)))]
    priority: Tristate<i32>,
}

async fn create_item(Valid(Json(item)): Valid<Json<ItemCreate>>) -> Model<String> {
    Model(format!("{} {:?}", item.title, item.description))
}

async fn read_item(Path(id): Path<uuid::Uuid>) -> Model<String> {
    Model(id.to_string())
}

async fn update_item(
    Path(id): Path<uuid::Uuid>,
    Valid(Json(patch)): Valid<Json<ItemUpdate>>,
) -> Model<String> {
    Model(format!("{id} {:?} {:?}", patch.title, patch.description))
}

#[tokio::test]
async fn option_and_tristate_rules_are_checked_on_values_only() {
    let app = app();
    let r = send(&app, json_req(Method::POST, "/items", r#"{"title": "t"}"#)).await;
    assert_eq!((r.status.as_u16(), r.json()), (200, json!("t None")));
    // 255 characters of 2 bytes each: within Pydantic's `max_length=255` (`chars`).
    let title = "é".repeat(255);
    let body = format!(r#"{{"title": "{title}"}}"#);
    let r = send(&app, json_req(Method::POST, "/items", &body)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = format!(r#"{{"title": "{title}é"}}"#);
    let r = send(&app, json_req(Method::POST, "/items", &body)).await;
    assert_eq!(at(&r, json!(["body", "title"]))["type"], "string_too_long");
    let long = "d".repeat(256);
    let body = format!(r#"{{"title": "t", "description": "{long}"}}"#);
    let r = send(&app, json_req(Method::POST, "/items", &body)).await;
    assert_eq!(
        at(&r, json!(["body", "description"])),
        json!({"type": "string_too_long", "loc": ["body", "description"],
               "msg": "String should have at most 255 characters", "input": long,
               "ctx": {"max_length": 255}})
    );

    let id = "0b6f1d36-63d8-4c7f-a0a4-3b0f8f4c2a51";
    let uri = format!("/items/{id}");
    for ok in [
        r#"{}"#,
        r#"{"title": null, "description": null}"#,
        r#"{"title": "x"}"#,
    ] {
        let r = send(&app, json_req(Method::PATCH, &uri, ok)).await;
        assert_eq!(r.status, 200, "{ok}: {}", r.text());
    }
    let body = format!(r#"{{"title": "", "description": "{long}", "priority": 11}}"#);
    let r = send(&app, json_req(Method::PATCH, &uri, &body)).await;
    assert_eq!(
        at(&r, json!(["body", "title"])),
        json!({"type": "string_too_short", "loc": ["body", "title"],
               "msg": "String should have at least 1 character", "input": "",
               "ctx": {"min_length": 1}})
    );
    assert_eq!(
        at(&r, json!(["body", "description"]))["type"],
        "string_too_long"
    );
    assert_eq!(
        at(&r, json!(["body", "priority"])),
        json!({"type": "less_than_equal", "loc": ["body", "priority"],
               "msg": "Input should be less than or equal to 10", "input": 11,
               "ctx": {"le": 10}})
    );
}

#[tokio::test]
async fn a_bad_uuid_is_uuid_parsing() {
    let app = app();
    for (input, error) in [
        (
            "x",
            "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `x` at 1",
        ),
        (
            "course_id",
            "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `o` at 2",
        ),
        (
            "123",
            "invalid length: expected length 32 for simple format, found 3",
        ),
        (
            "10c25fc2-835b-4ef3-bb3d-bf44fe496e",
            "invalid group length in group 4: expected 12, found 10",
        ),
        (
            "0b6f1d36-63d8-4c7f",
            "invalid group count: expected 5, found 3",
        ),
    ] {
        let r = send(&app, get_req(&format!("/items/{input}"))).await;
        // Before: {"type":"value_error","loc":["path"],"msg":"Value error, UUID parsing
        // failed: invalid character: found `x` at 0","input":null,...}
        assert_eq!(
            (r.status.as_u16(), r.json()),
            (
                422,
                json!({"detail": [{"type": "uuid_parsing", "loc": ["path", "id"],
                                   "msg": format!("Input should be a valid UUID, {error}"),
                                   "input": input, "ctx": {"error": error}}]})
            ),
            "{input}"
        );
    }
    let r = send(&app, get_req("/items/0b6f1d36-63d8-4c7f-a0a4-3b0f8f4c2a51")).await;
    assert_eq!(r.status, 200);
}

#[derive(Deserialize, JsonSchema)]
struct Owner {
    owner_id: uuid::Uuid,
}

async fn owner(Json(o): Json<Owner>) -> Model<String> {
    Model(o.owner_id.to_string())
}

async fn owners(Query(o): Query<Owner>) -> Model<String> {
    Model(o.owner_id.to_string())
}

#[tokio::test]
async fn a_bad_uuid_in_a_body_or_a_query_is_uuid_parsing_too() {
    let app = app();
    let error = "invalid group count: expected 5, found 2";
    let r = send(
        &app,
        json_req(Method::POST, "/owners", r#"{"owner_id": "0b6f1d36-63d8"}"#),
    )
    .await;
    assert_eq!(
        at(&r, json!(["body", "owner_id"])),
        json!({"type": "uuid_parsing", "loc": ["body", "owner_id"],
               "msg": format!("Input should be a valid UUID, {error}"),
               "input": "0b6f1d36-63d8", "ctx": {"error": error}})
    );
    let r = send(&app, get_req("/owners?owner_id=0b6f1d36-63d8")).await;
    assert_eq!(
        at(&r, json!(["query", "owner_id"])),
        json!({"type": "uuid_parsing", "loc": ["query", "owner_id"],
               "msg": format!("Input should be a valid UUID, {error}"),
               "input": "0b6f1d36-63d8", "ctx": {"error": error}})
    );
    // Not a string at all: Pydantic's `uuid_type`.
    let r = send(
        &app,
        json_req(Method::POST, "/owners", r#"{"owner_id": 5}"#),
    )
    .await;
    assert_eq!(
        at(&r, json!(["body", "owner_id"])),
        json!({"type": "uuid_type", "loc": ["body", "owner_id"],
               "msg": "UUID input should be a string, bytes or UUID object", "input": 5})
    );
}

// ---- the document: the rules of `Option` and `Tristate` fields, both renderings --------

#[tokio::test]
async fn option_and_tristate_rules_are_in_the_document() {
    let doc = api().openapi();
    let schemas = &doc["components"]["schemas"];
    let create = &schemas["ItemCreate"]["properties"];
    assert_eq!(create["title"]["minLength"], 1);
    assert_eq!(create["title"]["maxLength"], 255);
    assert_eq!(create["description"]["maxLength"], 255);
    let update = &schemas["ItemUpdate"]["properties"];
    // `inner(length(..))` on a `Tristate`, next to its `null`; the stand-in is gone.
    assert_eq!(
        update["title"],
        json!({"type": ["string", "null"], "default": null, "minLength": 1, "maxLength": 255})
    );
    assert_eq!(
        update["description"],
        json!({"type": ["string", "null"], "default": null, "maxLength": 255})
    );
    assert_eq!(update["priority"]["minimum"], 0);
    assert_eq!(update["priority"]["maximum"], 10);
    assert!(
        update["priority"].get("items").is_none(),
        "{}",
        update["priority"]
    );

    let doc = api().openapi_version(OpenApiVersion::V3_0).openapi();
    let update = &doc["components"]["schemas"]["ItemUpdate"]["properties"];
    assert_eq!(
        update["title"],
        json!({"type": "string", "nullable": true, "default": null, "minLength": 1, "maxLength": 255})
    );
}

/// With the `uuid` feature a `Uuid` is documented as FastAPI documents `uuid.UUID`; with
/// `chrono`, a `DateTime` as `datetime`.
#[tokio::test]
async fn uuid_and_chrono_have_their_formats() {
    let doc = api().openapi();
    let id = &doc["paths"]["/items/{id}"]["get"]["parameters"][0];
    assert_eq!(id["schema"], json!({"type": "string", "format": "uuid"}));
    assert_eq!(
        doc["components"]["schemas"]["Owner"]["properties"]["owner_id"],
        json!({"type": "string", "format": "uuid"})
    );
    #[cfg(feature = "chrono")]
    {
        #[derive(serde::Serialize, JsonSchema)]
        struct Stamp {
            created_at: chrono::DateTime<chrono::Utc>,
        }
        let s = response_model::openapi::output_schema::<Stamp>();
        assert_eq!(
            s["properties"]["created_at"],
            json!({"type": "string", "format": "date-time"})
        );
    }
}

#[derive(Deserialize, Validate, JsonSchema)]
struct Labels {
    #[garde(length(min = 1), dive)]
    labels: std::collections::BTreeMap<String, Label>,
}

#[derive(Deserialize, Validate, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct Label {
    #[garde(length(chars, max = 3))]
    short_text: String,
}

async fn labels(Valid(Json(l)): Valid<Json<Labels>>) -> Model<usize> {
    Model(l.labels.len())
}

/// A map's length is a `Dictionary`'s, its values located by key.
#[tokio::test]
async fn a_map_is_a_dictionary_and_its_values_are_at_their_keys() {
    let r = send(
        &app(),
        json_req(Method::POST, "/labels", r#"{"labels": {}}"#),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "too_short", "loc": ["body", "labels"],
                           "msg": "Dictionary should have at least 1 item after validation, not 0",
                           "input": {},
                           "ctx": {"field_type": "Dictionary", "min_length": 1, "actual_length": 0}}]})
    );
    let r = send(
        &app(),
        json_req(
            Method::POST,
            "/labels",
            r#"{"labels": {"a": {"shortText": "long"}}}"#,
        ),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"detail": [{"type": "string_too_long", "loc": ["body", "labels", "a", "shortText"],
                           "msg": "String should have at most 3 characters", "input": "long",
                           "ctx": {"max_length": 3}}]})
    );
}

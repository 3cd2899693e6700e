//! The breaking-change check (`response_model::testing::{compare_documents,
//! assert_compatible}`): a pair of documents for every kind of change, built from small
//! routers where a Rust change makes it (a field renamed, a parameter added, a status
//! removed, security added) and written as JSON for the rest, each asserting the exact
//! classification and pointer; then the assertion on a temporary directory.

use axum::Json;
use axum::extract::Query;
use response_model::routing::{ApiRouter, OpenApiVersion, get, post};
use response_model::testing::{
    Change, ChangeKind, UPDATE_VAR, assert_compatible, assert_compatible_document,
    compare_documents,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use ChangeKind as K;

/// (kind, breaking, pointer) of every change, in the order found.
fn changes(old: &Value, new: &Value) -> Vec<(ChangeKind, bool, String)> {
    compare_documents(old, new)
        .changes()
        .iter()
        .map(|c: &Change| (c.kind, c.breaking, c.pointer.clone()))
        .collect()
}

fn row(kind: ChangeKind, breaking: bool, pointer: &str) -> (ChangeKind, bool, String) {
    (kind, breaking, pointer.to_owned())
}

/// A 3.1 document with `paths` and `components.schemas`.
fn doc(paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// `GET /thing` answering 200 with `schema`.
fn get_returning(schema: Value) -> Value {
    json!({"/thing": {"get": {
        "operationId": "thing",
        "responses": {"200": {"description": "OK",
            "content": {"application/json": {"schema": schema}}}}}}})
}

/// `POST /thing` taking `schema` as its JSON body.
fn post_taking(schema: Value) -> Value {
    json!({"/thing": {"post": {
        "operationId": "thing",
        "requestBody": {"required": true,
            "content": {"application/json": {"schema": schema}}},
        "responses": {"204": {"description": "No Content"}}}}})
}

const RESPONSE: &str = "/paths/~1thing/get/responses/200/content/application~1json/schema";
const REQUEST: &str = "/paths/~1thing/post/requestBody/content/application~1json/schema";

fn thing_ref() -> Value {
    json!({"$ref": "#/components/schemas/Thing"})
}

// ---- Built from routers --------------------------------------------------------------

async fn ping() -> &'static str {
    "pong"
}

#[test]
fn the_same_router_has_no_changes_and_both_renderings_agree() {
    let api = crate::examples::response_models::api();
    assert!(compare_documents(&api.openapi(), &api.openapi()).is_empty());
    // A committed 3.0 document and today's 3.1 one say the same to a client.
    let v30 = crate::examples::response_models::api()
        .openapi_version(OpenApiVersion::V3_0)
        .openapi();
    let report = compare_documents(&v30, &api.openapi());
    assert!(report.is_empty(), "{report}");
    let report = compare_documents(&api.openapi(), &v30);
    assert!(report.is_empty(), "{report}");
}

#[cfg(all(feature = "templates", feature = "validate"))]
#[test]
fn the_showcase_in_3_0_and_3_1_says_the_same() {
    let api = crate::examples::showcase::api();
    let v30 = crate::examples::showcase::api()
        .openapi_version(OpenApiVersion::V3_0)
        .openapi();
    let report = compare_documents(&v30, &api.openapi());
    assert!(report.is_empty(), "{report}");
    let report = compare_documents(&api.openapi(), &v30);
    assert!(report.is_empty(), "{report}");
}

#[test]
fn a_removed_operation_breaks_an_added_one_does_not() {
    async fn other() -> &'static str {
        "other"
    }
    let old: ApiRouter = ApiRouter::new().route("/ping", get(ping)).tag("t");
    let new: ApiRouter = ApiRouter::new().route("/other", get(other)).tag("t");
    assert_eq!(
        changes(&old.openapi(), &new.openapi()),
        [
            row(K::OperationRemoved, true, "/paths/~1ping/get"),
            row(K::OperationAdded, false, "/paths/~1other/get"),
        ]
    );
}

mod field_renamed {
    pub(super) mod old {
        use response_model::prelude::*;
        use response_model::routing::{ApiRouter, get};
        use schemars::JsonSchema;
        use serde::Serialize;

        #[derive(Serialize, JsonSchema, ResponseModel)]
        #[response_model(view(UserOut, exclude(password)))]
        struct User {
            id: i64,
            name: String,
            #[response_model(secret)]
            password: String,
        }

        async fn me() -> Model<UserOut> {
            Model::new(User {
                id: 1,
                name: "a".into(),
                password: "p".into(),
            })
        }

        pub(crate) fn api() -> ApiRouter {
            ApiRouter::new().route("/me", get(me)).tag("users")
        }
    }

    pub(super) mod new {
        use response_model::prelude::*;
        use response_model::routing::{ApiRouter, get};
        use schemars::JsonSchema;
        use serde::Serialize;

        #[derive(Serialize, JsonSchema, ResponseModel)]
        #[response_model(view(UserOut, exclude(password)))]
        struct User {
            id: i64,
            full_name: String,
            #[response_model(secret)]
            password: String,
        }

        async fn me() -> Model<UserOut> {
            Model::new(User {
                id: 1,
                full_name: "a".into(),
                password: "p".into(),
            })
        }

        pub(crate) fn api() -> ApiRouter {
            ApiRouter::new().route("/me", get(me)).tag("users")
        }
    }
}

#[test]
fn a_renamed_view_field_is_removed_and_added() {
    let old = field_renamed::old::api().openapi();
    let new = field_renamed::new::api().openapi();
    // The view's schema as the document writes it: closed (`additionalProperties: false`)
    // or open. A client generated from a closed one refuses the new field.
    let closed = old["components"]["schemas"]["UserOut"]["additionalProperties"] == json!(false);
    assert_eq!(
        changes(&old, &new),
        [
            row(
                K::PropertyRemoved,
                true,
                "/components/schemas/UserOut/properties/name"
            ),
            row(
                K::PropertyAdded,
                closed,
                "/components/schemas/UserOut/properties/full_name"
            ),
        ]
    );
    let report = compare_documents(&old, &new);
    assert_eq!(
        report.changes()[0].message,
        "`UserOut.name` was removed from the response: clients generated from the old document expect it"
    );
}

mod open_old {
    #[derive(serde::Serialize, schemars::JsonSchema)]
    pub(crate) struct Open {
        pub(crate) id: i64,
    }
}

mod open_new {
    #[derive(serde::Serialize, schemars::JsonSchema)]
    pub(crate) struct Open {
        pub(crate) id: i64,
        pub(crate) extra: String,
    }
}

#[test]
fn a_field_added_to_an_open_response_is_safe() {
    async fn old_h() -> Json<open_old::Open> {
        Json(open_old::Open { id: 1 })
    }
    async fn new_h() -> Json<open_new::Open> {
        Json(open_new::Open {
            id: 1,
            extra: String::new(),
        })
    }
    let old: ApiRouter = ApiRouter::new()
        .route("/o", get(old_h).operation_id("o"))
        .tag("t");
    let new: ApiRouter = ApiRouter::new()
        .route("/o", get(new_h).operation_id("o"))
        .tag("t");
    let (old, new) = (old.openapi(), new.openapi());
    // A plain `Json<T>` of a `#[derive(JsonSchema)]` struct: an open schema.
    assert_eq!(
        old["components"]["schemas"]["Open"]["additionalProperties"],
        Value::Null
    );
    assert_eq!(
        changes(&old, &new),
        [row(
            K::PropertyAdded,
            false,
            "/components/schemas/Open/properties/extra"
        )]
    );
}

#[derive(Deserialize, JsonSchema)]
struct Search {
    #[allow(dead_code, reason = "read by the document only")]
    q: String,
}

#[derive(Deserialize, JsonSchema)]
struct SearchPaged {
    #[allow(dead_code, reason = "read by the document only")]
    q: String,
    #[allow(dead_code, reason = "read by the document only")]
    page: Option<u32>,
    #[allow(dead_code, reason = "read by the document only")]
    lang: String,
}

#[test]
fn a_new_required_query_parameter_breaks_an_optional_one_does_not() {
    async fn search() -> &'static str {
        ""
    }
    async fn search_q(Query(_): Query<Search>) -> &'static str {
        ""
    }
    async fn search_more(Query(_): Query<SearchPaged>) -> &'static str {
        ""
    }
    let none: ApiRouter = ApiRouter::new()
        .route("/s", get(search).operation_id("s"))
        .tag("t");
    let one: ApiRouter = ApiRouter::new()
        .route("/s", get(search_q).operation_id("s"))
        .tag("t");
    let three: ApiRouter = ApiRouter::new()
        .route("/s", get(search_more).operation_id("s"))
        .tag("t");
    let (none, one, three) = (none.openapi(), one.openapi(), three.openapi());
    let found = changes(&none, &one);
    assert!(
        found.contains(&row(K::ParameterAdded, true, "/paths/~1s/get/parameters/0")),
        "{found:?}"
    );
    let found: Vec<_> = changes(&one, &three)
        .into_iter()
        .filter(|c| c.0 == K::ParameterAdded)
        .collect();
    assert_eq!(
        found,
        [
            row(K::ParameterAdded, false, "/paths/~1s/get/parameters/1"),
            row(K::ParameterAdded, true, "/paths/~1s/get/parameters/2"),
        ]
    );
}

#[derive(Serialize, JsonSchema)]
struct Thing {
    id: i64,
}

#[test]
fn a_removed_status_breaks_an_added_error_status_does_not() {
    use response_model::Created;
    async fn create_old() -> Created<Thing> {
        Created::new(Thing { id: 1 })
    }
    async fn create_new() -> Json<Thing> {
        Json(Thing { id: 1 })
    }
    let old: ApiRouter = ApiRouter::new()
        .route("/t", post(create_old).operation_id("c"))
        .tag("t");
    let new: ApiRouter = ApiRouter::new()
        .route("/t", post(create_new).operation_id("c"))
        .tag("t");
    assert_eq!(
        changes(&old.openapi(), &new.openapi()),
        [
            row(K::StatusRemoved, true, "/paths/~1t/post/responses/201"),
            // A success the old client does not know: an "unexpected response" there.
            row(K::StatusAdded, true, "/paths/~1t/post/responses/200"),
        ]
    );
}

#[test]
fn security_added_to_an_operation_breaks() {
    use response_model::security::{BasicCredentials, BearerToken};
    async fn open() -> &'static str {
        ""
    }
    async fn bearer(_: BearerToken) -> &'static str {
        ""
    }
    async fn basic(_: BasicCredentials) -> &'static str {
        ""
    }
    let route = |r| -> ApiRouter { ApiRouter::new().route("/me", r).tag("t") };
    let open = route(get(open).operation_id("me")).openapi();
    let bearer = route(get(bearer).operation_id("me")).openapi();
    let basic = route(get(basic).operation_id("me")).openapi();
    assert_eq!(
        changes(&open, &bearer),
        [
            row(K::SecurityChanged, true, "/paths/~1me/get/security"),
            row(K::StatusAdded, false, "/paths/~1me/get/responses/401"),
            // The 401's body.
            row(K::ComponentAdded, false, "/components/schemas/HttpError"),
            row(
                K::ComponentAdded,
                false,
                "/components/securitySchemes/HTTPBearer"
            ),
        ]
    );
    let report = compare_documents(&open, &bearer);
    assert_eq!(
        report.changes()[0].message,
        "GET /me now requires `HTTPBearer`: clients generated from the old document send no credentials"
    );
    // Another scheme on the operation.
    assert_eq!(
        changes(&bearer, &basic),
        [
            row(K::SecurityChanged, true, "/paths/~1me/get/security"),
            row(
                K::ComponentRemoved,
                true,
                "/components/securitySchemes/HTTPBearer"
            ),
            row(
                K::ComponentAdded,
                false,
                "/components/securitySchemes/HTTPBasic"
            ),
        ]
    );
    // Security removed: a client that sends credentials still gets in.
    assert_eq!(
        changes(&bearer, &open)[..2],
        [
            row(K::SecurityChanged, false, "/paths/~1me/get/security"),
            row(K::StatusRemoved, true, "/paths/~1me/get/responses/401"),
        ]
    );
}

#[test]
fn a_response_made_nullable_breaks_in_3_1_and_3_0() {
    async fn one() -> Json<Thing> {
        Json(Thing { id: 1 })
    }
    async fn maybe() -> Json<Option<Thing>> {
        Json(None)
    }
    let route = |r| -> ApiRouter { ApiRouter::new().route("/thing", r).tag("t") };
    let old = route(get(one).operation_id("thing"));
    let new = route(get(maybe).operation_id("thing"));
    assert_eq!(
        changes(&old.openapi(), &new.openapi()),
        [row(K::MadeNullable, true, RESPONSE)]
    );
    let v30 = |api: ApiRouter| api.openapi_version(OpenApiVersion::V3_0).openapi();
    let (old30, new30) = (v30(old), v30(new));
    assert_eq!(
        changes(&old30, &new30),
        [row(K::MadeNullable, true, RESPONSE)]
    );
    // The other way: no longer null in a response, safe.
    assert_eq!(
        changes(&new30, &old30),
        [row(K::MadeNonNullable, false, RESPONSE)]
    );
}

mod body {
    use schemars::JsonSchema;
    use serde::Deserialize;

    #[allow(dead_code, reason = "read by the document only")]
    pub(super) mod old {
        use super::*;
        #[derive(Deserialize, JsonSchema)]
        pub(crate) struct NewItem {
            pub(crate) name: String,
            #[serde(default)]
            pub(crate) tags: Vec<String>,
            pub(crate) count: i32,
        }
    }

    #[allow(dead_code, reason = "read by the document only")]
    pub(super) mod new {
        use super::*;
        #[derive(Deserialize, JsonSchema)]
        pub(crate) struct NewItem {
            pub(crate) name: String,
            pub(crate) tags: Vec<String>,
            pub(crate) count: i64,
            pub(crate) price: f64,
            #[serde(default)]
            pub(crate) note: Option<String>,
        }
    }
}

#[test]
fn request_fields_made_required_added_or_reformatted() {
    async fn old_h(Json(_): Json<body::old::NewItem>) -> &'static str {
        ""
    }
    async fn new_h(Json(_): Json<body::new::NewItem>) -> &'static str {
        ""
    }
    let route = |r| -> ApiRouter { ApiRouter::new().route("/items", r).tag("t") };
    let old = route(post(old_h).operation_id("create")).openapi();
    let new = route(post(new_h).operation_id("create")).openapi();
    let p = "/components/schemas/NewItem/properties";
    assert_eq!(
        changes(&old, &new),
        [
            row(K::MadeRequired, true, &format!("{p}/tags")),
            row(K::FormatChanged, true, &format!("{p}/count/format")),
            // A `u32`'s range, written out, is gone: the request admits more.
            row(K::ConstraintRelaxed, false, &format!("{p}/count/minimum")),
            row(K::ConstraintRelaxed, false, &format!("{p}/count/maximum")),
            row(K::PropertyAdded, true, &format!("{p}/price")),
            row(K::PropertyAdded, false, &format!("{p}/note")),
        ]
    );
}

#[test]
fn media_types_changed_in_a_response_and_a_request() {
    use axum::Form;
    async fn json() -> Json<Thing> {
        Json(Thing { id: 1 })
    }
    async fn text() -> String {
        String::new()
    }
    let route = |r| -> ApiRouter { ApiRouter::new().route("/thing", r).tag("t") };
    let (old, new) = (
        route(get(json).operation_id("thing")).openapi(),
        route(get(text).operation_id("thing")).openapi(),
    );
    let found = changes(&old, &new);
    assert_eq!(
        found[..2],
        [
            row(
                K::MediaTypeRemoved,
                true,
                "/paths/~1thing/get/responses/200/content/application~1json"
            ),
            row(
                K::MediaTypeAdded,
                true,
                "/paths/~1thing/get/responses/200/content/text~1plain"
            ),
        ]
    );
    async fn take_json(Json(_): Json<body::old::NewItem>) -> &'static str {
        ""
    }
    async fn take_form(Form(_): Form<body::old::NewItem>) -> &'static str {
        ""
    }
    let (old, new) = (
        route(post(take_json).operation_id("thing")).openapi(),
        route(post(take_form).operation_id("thing")).openapi(),
    );
    let found = changes(&old, &new);
    let base = "/paths/~1thing/post/requestBody/content";
    assert!(
        found.contains(&row(
            K::MediaTypeRemoved,
            true,
            &format!("{base}/application~1json")
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&row(
            K::MediaTypeAdded,
            false,
            &format!("{base}/application~1x-www-form-urlencoded")
        )),
        "{found:?}"
    );
}

#[test]
fn renamed_component_operation_id_and_tag_break() {
    #[derive(Serialize, JsonSchema)]
    struct Article {
        id: i64,
    }
    async fn thing() -> Json<Thing> {
        Json(Thing { id: 1 })
    }
    async fn article() -> Json<Article> {
        Json(Article { id: 1 })
    }
    let old: ApiRouter = ApiRouter::new()
        .route("/a", get(thing).operation_id("read"))
        .tag("things");
    let new: ApiRouter = ApiRouter::new()
        .route("/a", get(article).operation_id("read"))
        .tag("things");
    assert_eq!(
        changes(&old.openapi(), &new.openapi()),
        [row(K::ComponentRenamed, true, "/components/schemas/Thing")]
    );
    assert_eq!(
        compare_documents(&old.openapi(), &new.openapi()).changes()[0].message,
        "schema `Thing` was renamed `Article`: clients generated from the old document name the type `Thing`"
    );
    let renamed: ApiRouter = ApiRouter::new()
        .route("/a", get(thing).operation_id("fetch"))
        .tag("stuff");
    assert_eq!(
        changes(&old.openapi(), &renamed.openapi()),
        [
            row(K::OperationIdChanged, true, "/paths/~1a/get/operationId"),
            row(K::TagsChanged, true, "/paths/~1a/get/tags"),
        ]
    );
    // A tag added after the first one moves nothing.
    let more: ApiRouter = ApiRouter::new().route(
        "/a",
        get(thing).operation_id("read").tag("things").tag("extra"),
    );
    assert_eq!(
        changes(&old.openapi(), &more.openapi()),
        [row(K::TagsChanged, false, "/paths/~1a/get/tags")]
    );
}

// ---- Written as JSON -----------------------------------------------------------------

#[test]
fn a_response_property_made_optional_breaks_a_request_one_does_not() {
    let schema = |required: Value| {
        json!({"Thing": {"type": "object",
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            "required": required}})
    };
    let (all, some) = (schema(json!(["id", "name"])), schema(json!(["id"])));
    let p = "/components/schemas/Thing/properties/name";
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), all.clone()),
            &doc(get_returning(thing_ref()), some.clone())
        ),
        [row(K::MadeOptional, true, p)]
    );
    assert_eq!(
        changes(
            &doc(post_taking(thing_ref()), all.clone()),
            &doc(post_taking(thing_ref()), some.clone())
        ),
        [row(K::MadeOptional, false, p)]
    );
    // And back: required in a request breaks, always present in a response does not.
    assert_eq!(
        changes(
            &doc(post_taking(thing_ref()), some.clone()),
            &doc(post_taking(thing_ref()), all.clone())
        ),
        [row(K::MadeRequired, true, p)]
    );
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), some),
            &doc(get_returning(thing_ref()), all)
        ),
        [row(K::MadeRequired, false, p)]
    );
}

#[test]
fn an_added_property_breaks_a_closed_response_schema_only() {
    let schema = |closed: bool, props: Value| {
        let mut s = json!({"type": "object", "properties": props, "required": ["id"]});
        if closed {
            s["additionalProperties"] = json!(false);
        }
        json!({"Thing": s})
    };
    let one = json!({"id": {"type": "integer"}});
    let two = json!({"id": {"type": "integer"}, "name": {"type": "string"}});
    let p = "/components/schemas/Thing/properties/name";
    let pair = |closed_old: bool, closed_new: bool| {
        changes(
            &doc(get_returning(thing_ref()), schema(closed_old, one.clone())),
            &doc(get_returning(thing_ref()), schema(closed_new, two.clone())),
        )
    };
    assert_eq!(pair(false, false), [row(K::PropertyAdded, false, p)]);
    assert_eq!(pair(true, true), [row(K::PropertyAdded, true, p)]);
    // The old schema decides: that is what the old client was generated from.
    assert_eq!(
        pair(true, false),
        [
            row(K::PropertyAdded, true, p),
            row(
                K::AdditionalPropertiesOpened,
                false,
                "/components/schemas/Thing"
            ),
        ]
    );
    // Opening a response schema alone is safe (views made open by default).
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), schema(true, one.clone())),
            &doc(get_returning(thing_ref()), schema(false, one.clone())),
        ),
        [row(
            K::AdditionalPropertiesOpened,
            false,
            "/components/schemas/Thing"
        )]
    );
    // Closing a request schema breaks a client that sent more.
    assert_eq!(
        changes(
            &doc(post_taking(thing_ref()), schema(false, one.clone())),
            &doc(post_taking(thing_ref()), schema(true, one)),
        ),
        [row(
            K::AdditionalPropertiesClosed,
            true,
            "/components/schemas/Thing/additionalProperties"
        )]
    );
}

#[test]
fn enums_narrow_safely_in_responses_and_widen_safely_in_requests() {
    let color = |values: Value| json!({"Thing": {"type": "string", "enum": values}});
    let rgb = color(json!(["red", "green", "blue"]));
    let rg = color(json!(["red", "green"]));
    let p = "/components/schemas/Thing/enum";
    // A value gone: a response never sends it (safe), a request refuses it (breaking).
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), rgb.clone()),
            &doc(get_returning(thing_ref()), rg.clone())
        ),
        [row(K::EnumValueRemoved, false, p)]
    );
    assert_eq!(
        changes(
            &doc(post_taking(thing_ref()), rgb.clone()),
            &doc(post_taking(thing_ref()), rg.clone())
        ),
        [row(K::EnumValueRemoved, true, p)]
    );
    // A value added: a response may send what the old client cannot read.
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), rg.clone()),
            &doc(get_returning(thing_ref()), rgb.clone())
        ),
        [row(K::EnumValueAdded, true, p)]
    );
    assert_eq!(
        changes(
            &doc(post_taking(thing_ref()), rg),
            &doc(post_taking(thing_ref()), rgb)
        ),
        [row(K::EnumValueAdded, false, p)]
    );
    // schemars' documented unit variants: `oneOf` of `const`s, read as an enum.
    let one_of = |values: &[&str]| {
        let branches: Vec<Value> = values
            .iter()
            .map(|v| json!({"type": "string", "const": v, "description": "a color"}))
            .collect();
        json!({"Thing": {"oneOf": branches}})
    };
    assert_eq!(
        changes(
            &doc(get_returning(thing_ref()), one_of(&["red"])),
            &doc(get_returning(thing_ref()), one_of(&["red", "blue"])),
        ),
        [row(K::EnumValueAdded, true, "/components/schemas/Thing")]
    );
}

#[test]
fn types_and_formats_changed() {
    let field = |schema: Value| json!({"Thing": {"type": "object", "properties": {"v": schema}, "required": ["v"]}});
    let p = "/components/schemas/Thing/properties/v";
    let pair = |dir: fn(Value) -> Value, a: Value, b: Value| {
        changes(
            &doc(dir(thing_ref()), field(a)),
            &doc(dir(thing_ref()), field(b)),
        )
    };
    assert_eq!(
        pair(
            get_returning,
            json!({"type": "integer"}),
            json!({"type": "string"})
        ),
        [row(K::TypeChanged, true, &format!("{p}/type"))]
    );
    // An integer is a number: narrower in a response, wider in a request, both safe.
    assert_eq!(
        pair(
            get_returning,
            json!({"type": "number"}),
            json!({"type": "integer"})
        ),
        [row(K::TypeChanged, false, &format!("{p}/type"))]
    );
    assert_eq!(
        pair(
            post_taking,
            json!({"type": "integer"}),
            json!({"type": "number"})
        ),
        [row(K::TypeChanged, false, &format!("{p}/type"))]
    );
    assert_eq!(
        pair(
            post_taking,
            json!({"type": "number"}),
            json!({"type": "integer"})
        ),
        [row(K::TypeChanged, true, &format!("{p}/type"))]
    );
    assert_eq!(
        pair(
            get_returning,
            json!({"type": "string", "format": "date"}),
            json!({"type": "string", "format": "date-time"})
        ),
        [row(K::FormatChanged, true, &format!("{p}/format"))]
    );
}

#[test]
fn constraints_relaxed_on_requests_are_safe_tightened_break() {
    let field = |schema: Value| json!({"Thing": {"type": "object", "properties": {"v": schema}, "required": ["v"]}});
    let p = "/components/schemas/Thing/properties/v";
    let pair = |dir: fn(Value) -> Value, a: Value, b: Value| {
        changes(
            &doc(dir(thing_ref()), field(a)),
            &doc(dir(thing_ref()), field(b)),
        )
    };
    let short = json!({"type": "string", "maxLength": 10});
    let long = json!({"type": "string", "maxLength": 100});
    assert_eq!(
        pair(post_taking, short.clone(), long.clone()),
        [row(K::ConstraintRelaxed, false, &format!("{p}/maxLength"))]
    );
    assert_eq!(
        pair(post_taking, long.clone(), short.clone()),
        [row(K::ConstraintTightened, true, &format!("{p}/maxLength"))]
    );
    assert_eq!(
        pair(get_returning, short, long),
        [row(K::ConstraintRelaxed, true, &format!("{p}/maxLength"))]
    );
    // A lower bound made exclusive.
    let min = json!({"type": "integer", "minimum": 0});
    let above = json!({"type": "integer", "exclusiveMinimum": 0});
    assert_eq!(
        pair(post_taking, min, above.clone()),
        [row(K::ConstraintTightened, true, &format!("{p}/minimum"))]
    );
    // 3.0's boolean `exclusiveMinimum` is read as 3.1's number: the same bound.
    let mut old30 = doc(
        post_taking(thing_ref()),
        field(json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})),
    );
    old30["openapi"] = json!("3.0.3");
    assert!(changes(&old30, &doc(post_taking(thing_ref()), field(above))).is_empty());
    let pattern = |p: &str| json!({"type": "string", "pattern": p});
    assert_eq!(
        pair(post_taking, json!({"type": "string"}), pattern("^a")),
        [row(K::ConstraintTightened, true, &format!("{p}/pattern"))]
    );
    assert_eq!(
        pair(post_taking, pattern("^a"), json!({"type": "string"})),
        [row(K::ConstraintRelaxed, false, &format!("{p}/pattern"))]
    );
}

#[test]
fn a_new_required_header_parameter_and_a_parameter_made_required() {
    let op = |params: Value| {
        json!({"/thing": {"get": {"operationId": "thing", "parameters": params,
            "responses": {"204": {"description": "No Content"}}}}})
    };
    let key = |required: bool| json!({"name": "X-Key", "in": "header", "required": required, "schema": {"type": "string"}});
    let limit = |required: bool| json!({"name": "limit", "in": "query", "required": required, "schema": {"type": "integer"}});
    assert_eq!(
        changes(
            &doc(op(json!([limit(false)])), json!({})),
            &doc(op(json!([limit(false), key(true)])), json!({}))
        ),
        [row(
            K::ParameterAdded,
            true,
            "/paths/~1thing/get/parameters/1"
        )]
    );
    assert_eq!(
        changes(
            &doc(op(json!([limit(false)])), json!({})),
            &doc(op(json!([limit(true)])), json!({}))
        ),
        [row(
            K::MadeRequired,
            true,
            "/paths/~1thing/get/parameters/0"
        )]
    );
    assert_eq!(
        changes(
            &doc(op(json!([limit(false)])), json!({})),
            &doc(op(json!([])), json!({}))
        ),
        [row(
            K::ParameterRemoved,
            true,
            "/paths/~1thing/get/parameters/0"
        )]
    );
    // Header names are not case-sensitive.
    let lower =
        json!({"name": "x-key", "in": "header", "required": true, "schema": {"type": "string"}});
    assert!(
        changes(
            &doc(op(json!([key(true)])), json!({})),
            &doc(op(json!([lower])), json!({}))
        )
        .is_empty()
    );
}

#[test]
fn response_headers_and_an_added_success_status() {
    let op = |headers: Value, extra: bool| {
        let mut responses = json!({"200": {"description": "OK", "headers": headers}});
        if extra {
            responses["202"] = json!({"description": "Accepted"});
            responses["409"] = json!({"description": "Conflict"});
        }
        json!({"/thing": {"get": {"operationId": "thing", "responses": responses}}})
    };
    let etag = json!({"ETag": {"required": true, "schema": {"type": "string"}}});
    let base = "/paths/~1thing/get/responses";
    assert_eq!(
        changes(
            &doc(op(etag.clone(), false), json!({})),
            &doc(op(json!({}), true), json!({}))
        ),
        [
            row(K::HeaderRemoved, true, &format!("{base}/200/headers/ETag")),
            row(K::StatusAdded, true, &format!("{base}/202")),
            row(K::StatusAdded, false, &format!("{base}/409")),
        ]
    );
}

#[test]
fn a_recursive_schema_is_compared_once() {
    let tree = |name_type: &str| {
        json!({"Node": {"type": "object",
            "properties": {
                "name": {"type": name_type},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                "parent": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
            },
            "required": ["name", "children"]}})
    };
    let node = json!({"$ref": "#/components/schemas/Node"});
    let old = doc(get_returning(node.clone()), tree("string"));
    let new = doc(get_returning(node), tree("integer"));
    assert!(compare_documents(&old, &old).is_empty());
    assert_eq!(
        changes(&old, &new),
        [row(
            K::TypeChanged,
            true,
            "/components/schemas/Node/properties/name/type"
        )]
    );
}

#[test]
fn variants_added_to_a_response_break() {
    let a = json!({"$ref": "#/components/schemas/A"});
    let b = json!({"$ref": "#/components/schemas/B"});
    let schemas = json!({"A": {"type": "object", "properties": {"a": {"type": "string"}}},
        "B": {"type": "object", "properties": {"b": {"type": "string"}}}});
    let one = doc(
        get_returning(json!({"oneOf": [a.clone()]})),
        schemas.clone(),
    );
    let two = doc(get_returning(json!({"oneOf": [a, b]})), schemas);
    assert_eq!(
        changes(&one, &two),
        [row(K::VariantAdded, true, &format!("{RESPONSE}/oneOf/1"))]
    );
    assert_eq!(
        changes(&two, &one),
        [row(
            K::VariantRemoved,
            false,
            &format!("{RESPONSE}/oneOf/1")
        )]
    );
}

#[test]
fn a_new_required_request_body_and_a_removed_one() {
    let op = |body: Option<Value>| {
        let mut op =
            json!({"operationId": "thing", "responses": {"204": {"description": "No Content"}}});
        if let Some(body) = body {
            op["requestBody"] = body;
        }
        json!({"/thing": {"post": op}})
    };
    let body =
        json!({"required": true, "content": {"application/json": {"schema": {"type": "string"}}}});
    assert_eq!(
        changes(
            &doc(op(None), json!({})),
            &doc(op(Some(body.clone())), json!({}))
        ),
        [row(
            K::RequestBodyAdded,
            true,
            "/paths/~1thing/post/requestBody"
        )]
    );
    assert_eq!(
        changes(&doc(op(Some(body)), json!({})), &doc(op(None), json!({}))),
        [row(
            K::RequestBodyRemoved,
            true,
            "/paths/~1thing/post/requestBody"
        )]
    );
}

#[test]
fn odd_documents_are_reported_never_panic() {
    let good = doc(
        get_returning(thing_ref()),
        json!({"Thing": {"type": "string"}}),
    );
    for odd in [
        json!(null),
        json!([1, 2]),
        json!({"openapi": 3}),
        json!({"openapi": "2.0", "swagger": "2.0"}),
    ] {
        let report = compare_documents(&odd, &good);
        assert_eq!(report.changes()[0].kind, K::Unreadable, "{odd}");
        assert!(report.has_breaking());
    }
    // Shapes no document has: each compared as far as it goes, no panic.
    let odd_docs = [
        json!({"openapi": "3.1.0", "paths": []}),
        json!({"openapi": "3.1.0", "paths": {"/thing": {"get": []}}}),
        json!({"openapi": "3.1.0", "paths": {"/thing": {"get": {"responses": []}}}}),
        json!({"openapi": "3.1.0", "paths": {"/thing": {"get": {"parameters": {"a": 1}}}}}),
        doc(get_returning(json!(7)), json!({})),
        doc(get_returning(json!({"$ref": "#/nowhere"})), json!({})),
        doc(
            get_returning(json!({"$ref": "#/components/schemas/A"})),
            json!({"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}),
        ),
        doc(
            get_returning(json!({"anyOf": 3, "type": ["null"], "properties": [], "required": {}})),
            json!({}),
        ),
        doc(
            get_returning(json!({"type": "object", "properties": {"a": true, "b": false}})),
            json!({}),
        ),
    ];
    // Each equals itself, even where a reference resolves nowhere.
    let nowhere = doc(
        get_returning(json!({"anyOf": [{"$ref": "#/nowhere"}, {"type": "null"}]})),
        json!({}),
    );
    for a in odd_docs.iter().chain([&nowhere]) {
        assert!(compare_documents(a, a).is_empty(), "{a}");
    }
    for a in &odd_docs {
        for b in odd_docs.iter().chain([&good]) {
            let _ = compare_documents(a, b).to_string();
            let _ = compare_documents(b, a).to_string();
        }
    }
    // A deep inline schema is compared to a depth, then for equality.
    let mut deep = json!({"type": "string"});
    for _ in 0..500 {
        deep = json!({"type": "array", "items": deep});
    }
    let report = compare_documents(
        &doc(get_returning(deep.clone()), json!({})),
        &doc(
            get_returning(json!({"type": "array", "items": deep})),
            json!({}),
        ),
    );
    assert!(report.has_breaking());
}

#[test]
fn the_report_lists_breaking_then_safe_changes_with_pointers() {
    let one = json!({"id": {"type": "integer"}});
    let two = json!({"name": {"type": "string"}});
    let s = |props: Value| json!({"Thing": {"type": "object", "properties": props}});
    let report = compare_documents(
        &doc(get_returning(thing_ref()), s(one)),
        &doc(get_returning(thing_ref()), s(two)),
    );
    assert_eq!(
        report.to_string(),
        "breaking: /components/schemas/Thing/properties/id: `Thing.id` was removed from the response: clients generated from the old document expect it\n\
         safe: /components/schemas/Thing/properties/name: `Thing.name` was added to the response (its old schema is open: clients generated from the old document ignore it)\n"
    );
}

// ---- The assertion on a committed file ------------------------------------------------

fn api(version: &str, with_other: bool) -> ApiRouter {
    async fn other() -> &'static str {
        ""
    }
    let api = ApiRouter::new()
        .route("/ping", get(ping))
        .tag("t")
        .version(version);
    if with_other {
        api.route("/other", get(other)).tag("t")
    } else {
        api
    }
}

/// Writes `api`'s document at `path` as the first run does (the committed document).
fn commit(path: &std::path::Path, api: &ApiRouter) -> String {
    let text = api.openapi_json() + "\n";
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, &text).unwrap();
    text
}

fn panic_message(run: impl FnOnce() + std::panic::UnwindSafe) -> Option<String> {
    let err = std::panic::catch_unwind(run).err()?;
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
}

#[test]
fn assert_compatible_writes_then_checks_the_committed_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/openapi.json");
    let v1 = api("1.0.0", true);
    let written = commit(&path, &v1);
    // Unchanged, and a safe change (an operation added): passes, the file as it was.
    assert_compatible(&path, &v1);
    async fn new() -> &'static str {
        ""
    }
    assert_compatible(&path, &api("1.0.0", true).route("/new", get(new)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    // An operation removed in the same major version: fails, listing it.
    let message =
        panic_message(|| assert_compatible(&path, &api("1.1.0", false))).expect("a panic");
    assert!(
        message.contains("1 breaking change for clients generated from the committed document (info.version 1.0.0 -> 1.1.0)"),
        "{message}"
    );
    assert!(
        message.contains("breaking: /paths/~1other/get: GET /other was removed"),
        "{message}"
    );
    assert!(
        message.contains("raise info.version's major part (to 2.0.0)"),
        "{message}"
    );
    assert!(message.contains(UPDATE_VAR), "{message}");
    // The same change in a new major version: passes; the file is kept.
    assert_compatible(&path, &api("2.0.0", false));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    // 0.x: the minor part is the major one.
    let zero = dir.path().join("zero.json");
    commit(&zero, &api("0.3.1", true));
    assert!(panic_message(|| assert_compatible(&zero, &api("0.3.2", false))).is_some());
    assert!(panic_message(|| assert_compatible(&zero, &api("0.4.0", false))).is_none());
}

#[test]
fn assert_compatible_document_takes_a_3_0_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi-3.0.json");
    let v30 = |api: ApiRouter| api.openapi_version(OpenApiVersion::V3_0).openapi();
    let text = serde_json::to_string_pretty(&v30(api("1.0.0", true))).unwrap() + "\n";
    assert!(text.contains("\"openapi\": \"3.0.3\""));
    std::fs::write(&path, &text).unwrap();
    assert_compatible_document(&path, &v30(api("1.0.0", true)));
    // Compared with today's 3.1 document: nothing a client sees changed.
    assert_compatible_document(&path, &api("1.0.0", true).openapi());
    let removed = api("1.0.0", false).openapi();
    assert!(panic_message(move || assert_compatible_document(&path, &removed)).is_some());
}

#[test]
fn a_committed_file_that_is_not_json_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, "{ not json").unwrap();
    let message = panic_message(|| assert_compatible(&path, &api("1.0.0", true))).expect("a panic");
    assert!(
        message.contains("the committed document is not JSON"),
        "{message}"
    );
}

/// Run by the tests below in a child process, with the environment they choose (a test
/// cannot set a variable for itself: `set_var` is unsafe, and the crate forbids
/// `unsafe`); does nothing otherwise.
#[test]
fn child() {
    let Ok(path) = std::env::var("BREAKING_CHILD_PATH") else {
        return;
    };
    assert_compatible(&path, &api("1.0.0", false));
}

/// Runs [`child`] on `path` with `vars` set, and without `CI` and [`UPDATE_VAR`] unless
/// they are among them.
fn run_child(path: &std::path::Path, vars: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "testing::breaking::child",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("BREAKING_CHILD_PATH", path)
    .env_remove(UPDATE_VAR)
    .env_remove("CI");
    for (name, value) in vars {
        cmd.env(name, value);
    }
    cmd.output().unwrap()
}

#[test]
fn a_missing_file_is_written_except_under_ci() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs/openapi.json");
    let expected = api("1.0.0", false).openapi_json() + "\n";
    // Under CI: a failure, nothing written.
    let out = run_child(&path, &[("CI", "true")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("no committed document to compare with (CI is set"),
        "{stderr}"
    );
    assert!(!path.exists());
    // Unless the update is asked for.
    let out = run_child(&path, &[("CI", "true"), (UPDATE_VAR, "1")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    std::fs::remove_file(&path).unwrap();
    // Elsewhere (`CI=false` too): the first run writes it and passes.
    for vars in [&[][..], &[("CI", "false")][..]] {
        let out = run_child(&path, vars);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(
            stderr.contains("no committed document: wrote the current one"),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn the_update_variable_rewrites_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    let old = commit(&path, &api("1.0.0", true));
    // Without the variable: the removed operation fails the child.
    let out = run_child(&path, &[]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("GET /other was removed"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
    // `0` is off too.
    assert!(!run_child(&path, &[(UPDATE_VAR, "0")]).status.success());
    // With it: the changes reported, the file rewritten, the child passes.
    let out = run_child(&path, &[(UPDATE_VAR, "1")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("breaking: /paths/~1other/get"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        api("1.0.0", false).openapi_json() + "\n"
    );
    // And now the new document is the committed one.
    assert!(run_child(&path, &[]).status.success());
}

#[test]
fn null_accepted_in_a_request_is_safe_refused_breaks() {
    let (text, maybe) = (
        json!({"type": "string"}),
        json!({"type": ["string", "null"]}),
    );
    assert_eq!(
        changes(
            &doc(post_taking(text.clone()), json!({})),
            &doc(post_taking(maybe.clone()), json!({}))
        ),
        [row(K::MadeNullable, false, REQUEST)]
    );
    assert_eq!(
        changes(
            &doc(post_taking(maybe), json!({})),
            &doc(post_taking(text), json!({}))
        ),
        [row(K::MadeNonNullable, true, REQUEST)]
    );
}

/// The faults the closing note names, put in the showcase's document: a field
/// renamed, a status changed, a required field added.
#[cfg(all(feature = "templates", feature = "validate"))]
#[test]
fn faults_put_in_the_showcase_are_caught() {
    let old = crate::examples::showcase::api().openapi();
    let mut new = old.clone();
    // `users_db.UserOut.name` renamed `display_name`.
    let user = &mut new["components"]["schemas"]["users_db.UserOut"];
    let name = user["properties"]
        .as_object_mut()
        .unwrap()
        .remove("name")
        .unwrap();
    user["properties"]["display_name"] = name;
    user["required"] = json!(["id", "display_name", "email", "is_active"]);
    // `GET /db/users/{id}` answers 203 where it answered 200.
    let responses = new["paths"]["/db/users/{id}"]["get"]["responses"]
        .as_object_mut()
        .unwrap();
    let ok = responses.remove("200").unwrap();
    responses.insert("203".into(), ok);
    // `UserPatch` (a request body) has a new required field.
    let patch = &mut new["components"]["schemas"]["UserPatch"];
    patch["properties"]["reason"] = json!({"type": "string"});
    patch["required"] = json!(["reason"]);
    let report = compare_documents(&old, &new);
    eprintln!("{report}");
    // The view is open: the new name is a safe addition, the old one's removal breaks.
    assert!(report.safe().any(|c| c.kind == K::PropertyAdded
        && c.pointer == "/components/schemas/users_db.UserOut/properties/display_name"));
    let breaking: Vec<(ChangeKind, &str)> = report
        .breaking()
        .map(|c| (c.kind, c.pointer.as_str()))
        .collect();
    assert_eq!(
        breaking,
        [
            (
                K::PropertyRemoved,
                "/components/schemas/users_db.UserOut/properties/name"
            ),
            (
                K::StatusRemoved,
                "/paths/~1db~1users~1{id}/get/responses/200"
            ),
            (K::StatusAdded, "/paths/~1db~1users~1{id}/get/responses/203"),
            (
                K::PropertyAdded,
                "/components/schemas/UserPatch/properties/reason"
            ),
        ]
    );
}

/// Random JSON, shaped like documents and schemas (their keys, a few values), compared
/// both ways: the comparison finishes and prints, whatever it is given. Deterministic
/// (a fixed seed); `FUZZ_CASES=n` explores `n` new inputs.
#[test]
fn random_documents_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    const KEYS: &[&str] = &[
        "openapi",
        "paths",
        "/a",
        "/a/{x}",
        "get",
        "post",
        "parameters",
        "name",
        "in",
        "required",
        "requestBody",
        "responses",
        "200",
        "4XX",
        "default",
        "content",
        "application/json",
        "schema",
        "itemSchema",
        "headers",
        "security",
        "components",
        "schemas",
        "A",
        "B",
        "securitySchemes",
        "$ref",
        "type",
        "format",
        "properties",
        "items",
        "prefixItems",
        "anyOf",
        "oneOf",
        "allOf",
        "not",
        "enum",
        "const",
        "nullable",
        "additionalProperties",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "pattern",
        "operationId",
        "tags",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..3).prop_map(Value::from),
        (-3.0f64..3.0).prop_map(Value::from),
        prop::sample::select(vec![
            "string",
            "null",
            "object",
            "array",
            "integer",
            "number",
            "3.0.3",
            "3.1.0",
            "#/components/schemas/A",
            "#/components/schemas/B",
            "#/nowhere",
            "query",
            "path",
            "header",
        ])
        .prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    });
    let document =
        (value.clone(), value.clone(), value, any::<bool>()).prop_map(|(op, a, b, v30)| {
            json!({
                "openapi": if v30 { "3.0.3" } else { "3.1.0" },
                "paths": {"/a/{x}": {"get": op}},
                "components": {"schemas": {"A": a, "B": b}},
            })
        });
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    let config = Config {
        cases: cases.unwrap_or(256),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = match cases {
        Some(_) => TestRunner::new(config),
        None => TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha)),
    };
    runner
        .run(&(document.clone(), document), |(a, b)| {
            let _ = compare_documents(&a, &b).to_string();
            let _ = compare_documents(&b, &a).to_string();
            // A document compared with itself has no changes.
            let same = compare_documents(&a, &a);
            assert!(same.is_empty(), "{a}\n{same}");
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_response_property_made_nullable_breaks_in_both_spellings() {
    let thing = |tax: Value| json!({"Thing": {"type": "object", "properties": {"tax": tax}, "required": ["tax"]}});
    let p = "/components/schemas/Thing/properties/tax";
    let number = json!({"type": "number"});
    for nullable in [
        json!({"type": ["number", "null"]}),
        json!({"anyOf": [{"type": "number"}, {"type": "null"}]}),
    ] {
        assert_eq!(
            changes(
                &doc(get_returning(thing_ref()), thing(number.clone())),
                &doc(get_returning(thing_ref()), thing(nullable.clone())),
            ),
            [row(K::MadeNullable, true, p)],
            "{nullable}"
        );
    }
    // 3.0's `nullable: true` is the same as 3.1's `type: [T, "null"]`: no change.
    let mut old30 = doc(
        get_returning(thing_ref()),
        thing(json!({"type": "number", "nullable": true})),
    );
    old30["openapi"] = json!("3.0.3");
    let new31 = doc(
        get_returning(thing_ref()),
        thing(json!({"type": ["number", "null"]})),
    );
    assert!(changes(&old30, &new31).is_empty());
}

#[test]
fn stream_items_path_parameters_and_scopes() {
    // A stream's items (3.2's `itemSchema`) are a response like any other.
    let stream = |props: Value| {
        json!({"/events": {"get": {"operationId": "events", "responses": {"200": {
            "description": "OK",
            "content": {"application/jsonl": {"itemSchema": {"type": "object", "properties": props}}}}}}}})
    };
    let mut old = doc(stream(json!({"id": {"type": "integer"}})), json!({}));
    let mut new = doc(stream(json!({})), json!({}));
    old["openapi"] = json!("3.2.0");
    new["openapi"] = json!("3.2.0");
    assert_eq!(
        changes(&old, &new),
        [row(
            K::PropertyRemoved,
            true,
            "/paths/~1events/get/responses/200/content/application~1jsonl/itemSchema/properties/id"
        )]
    );
    // `/items/{id}` and `/items/{item_id}` are one URL; the argument has another name.
    let item = |name: &str| {
        let mut paths = serde_json::Map::new();
        paths.insert(
            format!("/items/{{{name}}}"),
            json!({"get": {"operationId": "item",
                "parameters": [{"name": name, "in": "path", "required": true, "schema": {"type": "integer"}}],
                "responses": {"204": {"description": "No Content"}}}}),
        );
        doc(Value::Object(paths), json!({}))
    };
    assert_eq!(
        changes(&item("id"), &item("item_id")),
        [row(
            K::ParameterRenamed,
            true,
            "/paths/~1items~1{item_id}/get/parameters/0"
        )]
    );
    // A scope more: a token the old client asks for no longer suffices.
    let scoped = |scopes: Value| {
        json!({"/me": {"get": {"operationId": "me", "security": [{"OAuth2": scopes}],
            "responses": {"204": {"description": "No Content"}}}}})
    };
    let read = doc(scoped(json!(["read"])), json!({}));
    let read_write = doc(scoped(json!(["read", "write"])), json!({}));
    assert_eq!(
        changes(&read, &read_write),
        [row(K::SecurityChanged, true, "/paths/~1me/get/security")]
    );
    assert_eq!(
        changes(&read_write, &read),
        [row(K::SecurityChanged, false, "/paths/~1me/get/security")]
    );
}

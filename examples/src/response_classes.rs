//! Course section 6.2, every response class on one server, at the course's paths.
//!
//! ```text
//! cargo run --example response_classes            # http://127.0.0.1:8000
//! PORT=9000 cargo run --example response_classes  # another port
//! curl -i localhost:8000/check?flag=false         # 400 {"error":"flag is False"}
//! ```
//!
//! JSON, HTML, templates, plain text and redirects are here; files, streams and SSE are in
//! [`files_streams`], merged in by [`api`]. Templates are read from
//! `examples/templates/` (found from `CARGO_MANIFEST_DIR`, so any working directory will
//! do) and reloaded on change in debug builds.

use axum::Router;
use axum::extract::{Json, State};
use response_model::Model;
use response_model::encoder::JsonEncoder;
use response_model::extract::Query;
use response_model::responses::Attachment;
use response_model::responses::FastJson;
use response_model::responses::Html;
use response_model::responses::PlainText;
use response_model::responses::Redirect;
use response_model::responses::WithStatus;
use response_model::responses::minijinja::context;
use response_model::responses::response_header;
use response_model::responses::{TemplateResponse, Templates};
use response_model::routing::{ApiRouter, get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::files_streams;

/// Where the example's templates live: `examples/templates/`.
pub fn template_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")
}

/// Every route of the example, documented from the handlers' types (the showcase
/// merges them).
pub fn api() -> ApiRouter {
    let templates = Templates::new(template_dir()).auto_reload(cfg!(debug_assertions));
    api_routes(templates).merge(files_streams::api())
}

/// The whole example app with `/openapi.json`, `/docs` and `/redoc`.
pub fn app() -> Router {
    api().with_docs().into_router()
}

fn api_routes(templates: Templates) -> ApiRouter {
    // 6.2.2 option 2: FastAPI(default_response_class=ORJSONResponse), here for one
    // sub-router: every `Model` under the layer is encoded by sonic-rs.
    let fast_by_default = ApiRouter::new()
        .route("/users", get(get_users))
        .layer(JsonEncoder::Fast.layer());

    ApiRouter::new()
        // 6.2.1 JSONResponse
        .route("/items", get(list_items).post(create_item))
        .route("/check", get(check))
        // 6.2.2 ORJSONResponse
        .route("/big-data", get(get_big_data))
        .merge(fast_by_default)
        // 6.2.3 HTMLResponse
        .route("/health", get(health_page))
        .route("/maintenance", get(maintenance_page))
        .route("/dashboard", get(dashboard))
        // 6.2.4 PlainTextResponse
        .route("/ping", get(ping))
        .route("/export/csv", get(export_csv))
        // 6.2.6 RedirectResponse
        .route("/", get(root))
        .route("/old-path", get(old_path))
        .route("/login", post(login))
        .route("/v1/users", get(users_v1))
        .with_state(templates)
}

// ---- 6.2.1 JSONResponse ----------------------------------------------------------------

/// Implicit JSON: return a value.
async fn list_items() -> Model<Value> {
    Model(json!({"items": ["a", "b"]}))
}

/// A struct keeps its fields in order (`json!` sorts keys; Python's dicts do not).
#[derive(Serialize, schemars::JsonSchema)]
struct Created {
    message: &'static str,
    id: u32,
}

response_header! {
    /// The id of the item just created.
    XItemId = "x-item-id": u32;
}

/// Explicit: status 201 and a header, both in the type, so the document lists the 201 and
/// its `X-Item-ID` (cookies go beside it the same way, with `SetCookie`).
async fn create_item() -> (XItemId, Model<Created, 201>) {
    (
        XItemId(42),
        Model(Created {
            message: "created",
            id: 42,
        }),
    )
}

#[derive(Deserialize, schemars::JsonSchema)]
struct CheckParams {
    #[serde(default = "default_flag")]
    flag: bool,
}

fn default_flag() -> bool {
    true
}

/// An error body with 400 (the status in the type, so the document says 400). The query is
/// read as FastAPI reads a `bool` (`?flag=False`, `?flag=no`, `?flag=0`, ...), and one
/// that is not a boolean is FastAPI's 422 naming the field.
async fn check(Query(params): Query<CheckParams>) -> Result<Model<Value>, Model<Value, 400>> {
    if !params.flag {
        return Err(Model(json!({"error": "flag is False"})));
    }
    Ok(Model(json!({"status": "ok"})))
}

// ---- 6.2.2 ORJSONResponse --------------------------------------------------------------

#[derive(Serialize, schemars::JsonSchema)]
struct BigData {
    items: Vec<u32>,
}

/// Option 1: one route through sonic-rs.
async fn get_big_data() -> FastJson<BigData> {
    FastJson(BigData {
        items: (0..10_000).collect(),
    })
}

#[derive(Serialize, schemars::JsonSchema)]
struct User {
    id: u32,
    name: String,
}

/// Option 2: a plain `Model`, fast because its router said so.
async fn get_users() -> Model<Vec<User>> {
    Model(
        (0..1000)
            .map(|i| User {
                id: i,
                name: format!("User {i}"),
            })
            .collect(),
    )
}

// ---- 6.2.3 HTMLResponse ----------------------------------------------------------------

/// The course's health page, byte for byte.
pub const HEALTH_PAGE: &str = r#"
    <html>
      <body style="font-family:sans-serif;padding:40px;">
        <h1>✅ Service is healthy</h1>
        <p>Version: 1.0.0</p>
      </body>
    </html>
    "#;

async fn health_page() -> Html<&'static str> {
    Html(HEALTH_PAGE)
}

async fn maintenance_page() -> WithStatus<503, Html<&'static str>> {
    WithStatus(Html("<h1>Under Maintenance</h1>"))
}

async fn dashboard(State(templates): State<Templates>) -> TemplateResponse {
    templates.response(
        "dashboard.html",
        context! { user => "Alice", items => [1, 2, 3] },
    )
}

// ---- 6.2.4 PlainTextResponse -----------------------------------------------------------

async fn ping() -> PlainText<&'static str> {
    PlainText("pong")
}

async fn export_csv() -> (Attachment, PlainText<&'static str>) {
    let csv_data = "id,name,price\n1,Laptop,75000\n2,Phone,30000";
    (Attachment::new("data.csv"), PlainText(csv_data))
}

// ---- 6.2.6 RedirectResponse ------------------------------------------------------------

async fn root() -> Redirect {
    Redirect::to("/docs") // 307, as FastAPI's default
}

async fn old_path() -> Redirect<301> {
    Redirect::to("/new-path")
}

/// After a POST, 303 See Other sends the browser to a GET of the dashboard.
async fn login(Json(_credentials): Json<serde_json::Map<String, Value>>) -> Redirect<303> {
    Redirect::to("/dashboard")
}

async fn users_v1() -> Redirect<308> {
    Redirect::to("/v2/users")
}

//! The load benchmark's baseline: the showcase's measured routes written by hand in plain
//! axum (hand-written `#[derive(Serialize)]` DTOs, `axum::Json`, a hand-batched CSV body,
//! tower-http's `ServeFile`), answering the same bytes at the same paths, served as the
//! showcase is (`response_model::serve`, the only thing it uses of response-model). A
//! measuring instrument for `benches/load.sh`, not a feature.
//!
//! ```text
//! PORT=8001 RM_BASELINE_OPENAPI=/tmp/openapi.json cargo run --release -p response-model-benches --bin baseline
//! ```
//!
//! `RM_BASELINE_OPENAPI` names a file whose bytes are served at `/openapi.json` (the load
//! script saves the showcase's document there, so both send the same bytes).

use std::convert::Infallible;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, extract::RawQuery};
use bytes::Bytes;
use futures_util::{StreamExt, stream};
use serde::Serialize;
use tower::ServiceExt;

#[path = "fields_from_full.rs"]
mod fields_from_full;
use fields_from_full::{Page, UserIdName, fields_users_from_full};

/// `/models/users/{id}`: the full row, converted by hand into its public DTO.
struct UserRow {
    id: i64,
    name: String,
    email: String,
    #[allow(dead_code, reason = "the secret the DTO leaves out")]
    hashed_password: String,
    #[allow(dead_code, reason = "the flag the DTO leaves out")]
    is_superuser: bool,
}

#[derive(Serialize)]
struct UserOutDto {
    id: i64,
    name: String,
    email: String,
}

impl From<UserRow> for UserOutDto {
    fn from(u: UserRow) -> Self {
        Self {
            id: u.id,
            name: u.name,
            email: u.email,
        }
    }
}

async fn model_user(Path(user_id): Path<i64>) -> Json<UserOutDto> {
    Json(
        UserRow {
            id: user_id,
            name: "Alice".into(),
            email: "alice@x.com".into(),
            hashed_password: "$2b$12$abc...".into(),
            is_superuser: false,
        }
        .into(),
    )
}

/// `/models/items`: the structs built directly (no dicts, no validation).
#[derive(Serialize)]
struct ItemDto {
    id: i64,
    name: String,
    price: f64,
}

async fn model_items() -> Json<Vec<ItemDto>> {
    Json(vec![
        ItemDto {
            id: 1,
            name: "Laptop".into(),
            price: 75000.0,
        },
        ItemDto {
            id: 2,
            name: "Phone".into(),
            price: 30000.0,
        },
    ])
}

/// `/models/items-from-dicts`: the course's dicts (`json!`, one with an unknown key,
/// integer prices) turned into the structs by hand with `serde_json::from_value`: what the
/// dict pattern costs without response-model (a diagnostic row of the load benchmark).
async fn model_items_from_dicts() -> Response {
    let rows = serde_json::json!([
        {"id": 1, "name": "Laptop", "price": 75000, "secret": "ignored"},
        {"id": 2, "name": "Phone",  "price": 30000},
    ]);
    match serde_json::from_value::<Vec<ItemIn>>(rows) {
        Ok(items) => Json(items).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Serialize, serde::Deserialize)]
struct ItemIn {
    id: i64,
    name: String,
    price: f64,
}

async fn fields_users(RawQuery(_query): RawQuery) -> Json<Page<UserIdName>> {
    let items = vec![
        UserIdName {
            id: 1,
            name: "Alice".into(),
        },
        UserIdName {
            id: 2,
            name: "Bob".into(),
        },
    ];
    let total = items.len();
    Json(Page { items, total })
}

/// `/big-data`: 10,000 integers through serde_json.
#[derive(Serialize)]
struct BigData {
    items: Vec<u32>,
}

async fn big_data() -> Json<BigData> {
    Json(BigData {
        items: (0..10_000).collect(),
    })
}

/// `/users`: 1,000 users through serde_json.
#[derive(Serialize)]
struct User {
    id: u32,
    name: String,
}

async fn users() -> Json<Vec<User>> {
    Json(
        (0..1000)
            .map(|i| User {
                id: i,
                name: format!("User {i}"),
            })
            .collect(),
    )
}

/// The course's health page, byte for byte (as the showcase's `HEALTH_PAGE`).
const HEALTH_PAGE: &str = r#"
    <html>
      <body style="font-family:sans-serif;padding:40px;">
        <h1>✅ Service is healthy</h1>
        <p>Version: 1.0.0</p>
      </body>
    </html>
    "#;

async fn health() -> Html<&'static str> {
    Html(HEALTH_PAGE)
}

/// `/dashboard`: minijinja used directly on the example's template.
async fn dashboard(State(app): State<AppState>) -> Response {
    let rendered = app
        .templates
        .get_template("dashboard.html")
        .and_then(|t| t.render(minijinja::context! { user => "Alice", items => [1, 2, 3] }));
    match rendered {
        Ok(page) => Html(page).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `/avatar/{id}`: `avatars/{id}.png` through tower-http's `ServeFile` (the load script
/// puts its 100 MB file there).
async fn avatar(Path(id): Path<String>, State(app): State<AppState>, req: Request) -> Response {
    if id.contains(['/', '\\', '.']) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let path = app
        .examples
        .join("assets/avatars")
        .join(format!("{id}.png"));
    match tower_http::services::ServeFile::new(path)
        .oneshot(req)
        .await
    {
        Ok(res) => res.into_response(),
        Err(never) => match never {},
    }
}

/// `/export/large-csv`: the course's 1,000,000 rows, batched by hand into ~64 KiB strings
/// (`{:?}` of these floats is Python's `repr`: they are all in 1.5..=1.5e6).
async fn large_csv() -> Response {
    const ROWS: u32 = 1_000_000;
    let mut next = 1u32;
    let mut header_row = true;
    let batches = std::iter::from_fn(move || {
        if next > ROWS {
            return None;
        }
        let mut buf = String::with_capacity(64 * 1024 + 64);
        if header_row {
            buf.push_str("id,name,score\n");
            header_row = false;
        }
        while next <= ROWS && buf.len() < 64 * 1024 {
            let i = next;
            let _ = writeln!(buf, "{i},User{i},{:?}", f64::from(i) * 1.5);
            next += 1;
        }
        Some(buf)
    });
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"data.csv\""),
            ),
        ],
        Body::from_stream(stream::iter(batches).map(Ok::<_, Infallible>)),
    )
        .into_response()
}

#[derive(Clone)]
struct AppState {
    templates: std::sync::Arc<minijinja::Environment<'static>>,
    examples: PathBuf,
    /// The document's bytes, read once at start-up and shared between requests.
    openapi: Bytes,
}

async fn openapi_json(State(app): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        app.openapi,
    )
        .into_response()
}

fn app() -> Result<Router, Box<dyn std::error::Error>> {
    let examples = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples"));
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(examples.join("templates")));
    let openapi = match std::env::var_os("RM_BASELINE_OPENAPI") {
        Some(path) => Bytes::from(std::fs::read(path)?),
        None => Bytes::from_static(b"{}"),
    };
    let state = AppState {
        templates: std::sync::Arc::new(env),
        examples,
        openapi,
    };
    // Nested under the prefixes the showcase nests its examples under (axum's `nest` costs
    // a little per request: both sides pay it).
    let models = Router::new()
        .route("/users/{user_id}", get(model_user))
        .route("/items", get(model_items))
        .route("/items-from-dicts", get(model_items_from_dicts));
    let fields = Router::new()
        .route("/users", get(fields_users))
        .route("/users-from-full", get(fields_users_from_full));
    Ok(Router::new()
        .nest("/models", models)
        .nest("/fields", fields)
        // The same handler on a flat route: a diagnostic row (what the nesting costs).
        .route("/flat/models/users/{user_id}", get(model_user))
        .route("/big-data", get(big_data))
        .route("/users", get(users))
        .route("/health", get(health))
        .route("/dashboard", get(dashboard))
        .route("/avatar/{id}", get(avatar))
        .route("/export/large-csv", get(large_csv))
        .route("/openapi.json", get(openapi_json))
        .with_state(state))
}

/// The allocator of the showcase's benchmark binary (`benches/showcase.rs`, jemalloc), so
/// that the two servers differ only in their handlers.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse()?,
        Err(_) => 8001,
    };
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    // Served as the showcase is (`response_model::serve`, with the examples' settings), so
    // the two differ only in their handlers.
    response_model::serve(listener, app()?)
        .header_read_timeout(std::time::Duration::from_secs(10))
        .tcp_nodelay(true)
        .await?;
    Ok(())
}

//! The backend of FastAPI's full-stack template (`fastapi/full-stack-fastapi-template`),
//! ported to `response-model`: the same API under `/api/v1` (users, items, OAuth2 password
//! login with JWT, password recovery by email), the same settings by environment variable,
//! the same tables, on PostgreSQL, or on an embedded SQLite when `DATABASE_URL` is not a
//! PostgreSQL URL.
//!
//! ```text
//! cargo run -p full-stack                  # SQLite in memory, http://127.0.0.1:8000/docs
//! DATABASE_URL=postgresql://app:pw@localhost/app FIRST_SUPERUSER_PASSWORD=... cargo run -p full-stack
//! ```
//!
//! | template | here |
//! |---|---|
//! | `app/core/config.py` | [`config`] |
//! | `app/models.py` | [`models`] |
//! | `app/crud.py`, `app/core/db.py`, Alembic | [`db`], `migrations/` |
//! | `app/core/security.py`, tokens of `app/utils.py` | [`security`] |
//! | emails of `app/utils.py`, `app/email-templates/` | [`email`], `templates/` |
//! | `app/api/deps.py` | [`deps`] |
//! | `app/api/routes/*.py`, `app/api/main.py` | [`routes`] |
//! | `app/main.py` | [`app`] |

use std::sync::Arc;

use http::HeaderValue;
use response_model::routing::{ApiRouter, DocsConfig};
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};

pub mod config;
pub mod db;
pub mod deps;
pub mod email;
pub mod models;
pub mod redact;
pub mod routes;
pub mod security;

use config::Settings;
use db::{Db, NewUser};
use deps::AppState;
use email::Mailer;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Hashing failed.
    #[error(transparent)]
    Hash(#[from] security::HashError),
    /// A blocking task failed.
    #[error("{0}")]
    Task(String),
}

async fn hash_blocking(password: String) -> Result<String, StartError> {
    tokio::task::spawn_blocking(move || security::hash_password(&password))
        .await
        .map_err(|e| StartError::Task(e.to_string()))?
        .map_err(StartError::from)
}

/// Opens the database of `settings` (migrating it), makes the dummy hash, and creates the
/// first superuser ([`init_db`]).
pub async fn state(settings: Settings) -> Result<AppState, StartError> {
    let settings = Arc::new(settings);
    let db = Db::connect(&settings.DATABASE_URL).await?;
    let dummy_hash = hash_blocking(random_password()).await?;
    let state = AppState {
        mailer: Mailer::new(Arc::clone(&settings)),
        settings,
        db,
        dummy_hash: dummy_hash.into(),
    };
    init_db(&state).await?;
    Ok(state)
}

fn random_password() -> String {
    use rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 24];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The template's `init_db`: creates `FIRST_SUPERUSER` with `FIRST_SUPERUSER_PASSWORD`
/// unless a user has that email.
pub async fn init_db(state: &AppState) -> Result<(), StartError> {
    let settings = &state.settings;
    let Some(password) = settings.FIRST_SUPERUSER_PASSWORD.clone() else {
        tracing::warn!(
            "FIRST_SUPERUSER_PASSWORD is not set: no first superuser is created ({} may sign in only if it exists)",
            settings.FIRST_SUPERUSER
        );
        return Ok(());
    };
    let email = models::normalize_email(&settings.FIRST_SUPERUSER);
    if state.db.user_by_email(&email).await?.is_none() {
        let hashed_password = hash_blocking(password).await?;
        state
            .db
            .create_user(NewUser {
                email,
                is_active: true,
                is_superuser: true,
                full_name: None,
                hashed_password,
            })
            .await?;
        tracing::info!("first superuser {} created", settings.FIRST_SUPERUSER);
    }
    Ok(())
}

/// The documented API of `state`: every route under `API_V1_STR`, the document at
/// `{API_V1_STR}/openapi.json`, titled `PROJECT_NAME`.
pub fn api(state: AppState) -> ApiRouter {
    let settings = Arc::clone(&state.settings);
    ApiRouter::new()
        .nest(&settings.API_V1_STR, routes::api(settings.development))
        // The template's `custom_generate_unique_id`: `{tag}-{function name}`, the names
        // its generated client's methods are made from.
        .operation_ids(|route| format!("{}-{}", route.tag(), route.name().unwrap_or("operation")))
        // FastAPI answers the other trailing slash with a 307 to the routed one.
        .redirect_slashes()
        .with_state(state)
        .title(settings.PROJECT_NAME.clone())
        .docs(DocsConfig::default().openapi_path(format!("{}/openapi.json", settings.API_V1_STR)))
}

/// The template's CORS: `FRONTEND_HOST` and `BACKEND_CORS_ORIGINS`, with credentials, any
/// method and header (mirrored, as Starlette answers `*` with credentials).
pub fn cors(settings: &Settings) -> CorsLayer {
    let origins: Vec<HeaderValue> = settings
        .all_cors_origins()
        .iter()
        .filter_map(|o| match HeaderValue::from_str(o) {
            Ok(v) => Some(v),
            Err(_) => {
                tracing::warn!("CORS origin {o:?} is not a header value; ignored");
                None
            }
        })
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_credentials(true)
        .allow_methods(AllowMethods::mirror_request())
        .allow_headers(AllowHeaders::mirror_request())
}

/// The whole server of `state` (`app/main.py`): the API with its docs, behind CORS, no
/// password or token echoed by a 422 ([`redact`]).
pub fn app(state: AppState) -> axum::Router {
    let cors = cors(&state.settings);
    api(state)
        .into_router()
        .layer(axum::middleware::map_response(redact::redact_secret_inputs))
        .layer(cors)
}

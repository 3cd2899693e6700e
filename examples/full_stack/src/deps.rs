//! What the handlers share (`app/api/deps.py`): the state, the signed-in user extracted
//! from the bearer token, the superuser check, and the 500 of a failed query.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::request::Parts;
use response_model::ApiError;
use response_model::security::{ApiSecurity, BearerToken, NotAuthenticated, SecurityScheme};
use serde_json::Value;

use crate::config::Settings;
use crate::db::Db;
use crate::email::Mailer;
use crate::models::User;
use crate::security;

/// The server's state: settings, database, mailer, and the dummy hash a login for an
/// unknown email is checked against.
#[derive(Clone)]
pub struct AppState {
    /// The settings read on start.
    pub settings: Arc<Settings>,
    /// The database.
    pub db: Db,
    /// The email sender.
    pub mailer: Mailer,
    /// An Argon2 hash of a random password, made on start: verifying against it costs
    /// what verifying a real user's hash costs, so a login does not tell whether the
    /// email exists by its timing.
    pub dummy_hash: Arc<str>,
}

/// A query failed: a 500 that says nothing more; the cause is logged.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum DbError {
    /// The database or the password hasher failed (the cause is logged, never sent).
    #[api_error(status = 500, detail = "Internal Server Error")]
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
    /// Hashing or signing failed.
    #[api_error(status = 500, detail = "Internal Server Error")]
    #[error("{0}")]
    Internal(String),
}

impl From<security::HashError> for DbError {
    fn from(e: security::HashError) -> Self {
        DbError::Internal(e.to_string())
    }
}

impl From<security::SignError> for DbError {
    fn from(e: security::SignError) -> Self {
        DbError::Internal(e.to_string())
    }
}

/// Runs a password hash or check (Argon2 with 64 MiB, a tenth of a second) off the async
/// workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, security::HashError> + Send + 'static,
) -> Result<T, DbError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| DbError::Internal(e.to_string()))?
        .map_err(DbError::from)
}

/// The template's `OAuth2PasswordBearer(tokenUrl=f"{API_V1_STR}/login/access-token")`.
pub const OAUTH2: SecurityScheme = SecurityScheme::oauth2_password("/api/v1/login/access-token");

/// Why `get_current_user` refused the request.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum AuthError {
    /// No bearer token.
    #[api_error(transparent)]
    #[error(transparent)]
    NotAuthenticated(#[from] NotAuthenticated),
    /// The token is not one this server signed, or it has expired.
    #[api_error(status = 403)]
    #[error("Could not validate credentials")]
    InvalidToken,
    /// The token's user does not exist (any more).
    #[api_error(status = 404)]
    #[error("User not found")]
    UserNotFound,
    /// The token's user is deactivated.
    #[api_error(status = 400)]
    #[error("Inactive user")]
    Inactive,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The signed-in user (`CurrentUser`): the bearer token decoded with `SECRET_KEY`, its
/// `sub` the id of an active user.
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AuthError> {
        let BearerToken(token) = BearerToken::from_request_parts(parts, state)
            .await
            .map_err(|_| NotAuthenticated::new(OAUTH2))?;
        let claims = security::decode(&token, &state.settings.SECRET_KEY)
            .map_err(|_| AuthError::InvalidToken)?;
        // `TokenPayload(sub: str | None)`: another type fails its validation.
        let id = match claims.get("sub") {
            None | Some(Value::Null) => None,
            Some(Value::String(sub)) => sub.parse::<uuid::Uuid>().ok(),
            Some(_) => return Err(AuthError::InvalidToken),
        };
        let Some(id) = id else {
            return Err(AuthError::UserNotFound);
        };
        let user = state
            .db
            .user(id)
            .await
            .map_err(DbError::from)?
            .ok_or(AuthError::UserNotFound)?;
        if !user.is_active {
            return Err(AuthError::Inactive);
        }
        Ok(CurrentUser(user))
    }
}

impl ApiSecurity for CurrentUser {
    const SCHEME: SecurityScheme = OAUTH2;
    type Rejection = AuthError;
}

/// Why `get_current_active_superuser` refused the request.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum SuperuserError {
    /// The token or its user was refused.
    #[api_error(transparent)]
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The user is not a superuser.
    #[api_error(status = 403)]
    #[error("The user doesn't have enough privileges")]
    NotEnoughPrivileges,
}

/// The signed-in user, who must be a superuser (`get_current_active_superuser`).
pub struct Superuser(pub User);

impl FromRequestParts<AppState> for Superuser {
    type Rejection = SuperuserError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, SuperuserError> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if !user.is_superuser {
            return Err(SuperuserError::NotEnoughPrivileges);
        }
        Ok(Superuser(user))
    }
}

impl ApiSecurity for Superuser {
    const SCHEME: SecurityScheme = OAUTH2;
    type Rejection = SuperuserError;
}

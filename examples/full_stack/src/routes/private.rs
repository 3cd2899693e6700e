//! `app/api/routes/private.py`: a user created without auth, mounted in development only.

use axum::extract::State;
use response_model::ApiError;
use response_model::extract::{Json, Valid};
use response_model::routing::{ApiRouter, post};

use crate::db::NewUser;
use crate::deps::{AppState, DbError, blocking};
use crate::models::{PrivateUserCreate, UserPublic};
use crate::security;

/// Why a user was not created.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum PrivateCreateError {
    /// Another user has this email: a 400, as the sign-up answers it, where the template
    /// fails on the database's unique index (a 500 the conformance check found).
    #[api_error(status = 400)]
    #[error("The user with this email already exists in the system")]
    EmailTaken,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn create_user(
    State(state): State<AppState>,
    Valid(Json(user_in)): Valid<Json<PrivateUserCreate>>,
) -> Result<UserPublic, PrivateCreateError> {
    let email = crate::models::normalize_email(&user_in.email);
    if state
        .db
        .user_by_email(&email)
        .await
        .map_err(DbError::from)?
        .is_some()
    {
        return Err(PrivateCreateError::EmailTaken);
    }
    let user_in = PrivateUserCreate { email, ..user_in };
    let password = user_in.password;
    let hashed_password = blocking(move || security::hash_password(&password)).await?;
    let user = state
        .db
        .create_user(NewUser {
            email: user_in.email,
            is_active: true,
            is_superuser: false,
            full_name: Some(user_in.full_name),
            hashed_password,
        })
        .await
        .map_err(DbError::from)?;
    Ok(user.into())
}

/// The routes of `private.py`, tagged `private`.
pub fn router() -> ApiRouter<AppState> {
    ApiRouter::new()
        .route(
            "/private/users/",
            post(create_user).description("Create a new user."),
        )
        .tag("private")
}

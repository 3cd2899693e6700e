//! `app/api/routes/private.py`: a user created without auth, mounted in development only.

use axum::extract::State;
use response_model::extract::Json;
use response_model::routing::{ApiRouter, post};

use crate::db::NewUser;
use crate::deps::{AppState, DbError, blocking};
use crate::models::{PrivateUserCreate, UserPublic};
use crate::security;

async fn create_user(
    State(state): State<AppState>,
    Json(user_in): Json<PrivateUserCreate>,
) -> Result<UserPublic, DbError> {
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
        .await?;
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

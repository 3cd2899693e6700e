//! `app/api/routes/private.py`: a user created without auth, mounted in development only.

use axum::extract::State;
use response_model::extract::{Json, Valid};
use response_model::routing::{ApiRouter, post};

use crate::db::NewUser;
use crate::deps::{AppState, DbError, blocking};
use crate::models::{PrivateUserCreate, UserPublic};
use crate::routes::users::{RegisterError, taken};
use crate::security;

async fn create_user(
    State(state): State<AppState>,
    Valid(Json(user_in)): Valid<Json<PrivateUserCreate>>,
) -> Result<UserPublic, RegisterError> {
    // A taken email is the sign-up's 400, where the template fails on the database's
    // unique index (a 500 the conformance check found).
    let email = crate::models::normalize_email(&user_in.email);
    if taken(&state, &email).await? {
        return Err(RegisterError::EmailTaken);
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

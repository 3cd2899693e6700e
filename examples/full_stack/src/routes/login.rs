//! `app/api/routes/login.py`: the token, its test, password recovery and reset.

use axum::extract::State;
use http::{HeaderMap, HeaderName, HeaderValue};
use response_model::ApiError;
use response_model::extract::{Json, Path, Valid};
use response_model::prelude::*;
use response_model::responses::Html;
use response_model::routing::{ApiRouter, post};
use response_model::security::OAuth2PasswordRequestForm;

use crate::deps::{AppState, CurrentUser, DbError, Superuser, blocking};
use crate::models::{Message, NewPassword, Token, User, UserPublic};
use crate::security;

/// `crud.authenticate`: the user of `email` if `password` is theirs. A legacy or outdated
/// hash is replaced by a new Argon2 one; an unknown email still costs one verification.
pub(crate) async fn authenticate(
    state: &AppState,
    email: &str,
    password: String,
) -> Result<Option<User>, DbError> {
    let Some(mut user) = state.db.user_by_email(email).await? else {
        let dummy = state.dummy_hash.clone();
        blocking(move || security::verify_and_update(&password, &dummy)).await?;
        return Ok(None);
    };
    let hash = user.hashed_password.clone();
    let (verified, updated) =
        blocking(move || security::verify_and_update(&password, &hash)).await?;
    if !verified {
        return Ok(None);
    }
    if let Some(updated) = updated {
        state.db.set_password(user.id, &updated).await?;
        user.hashed_password = updated;
    }
    Ok(Some(user))
}

/// Why a login was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum LoginError {
    /// No user has this email, or the password is not theirs.
    #[api_error(status = 400)]
    #[error("Incorrect email or password")]
    Incorrect,
    /// The user is deactivated.
    #[api_error(status = 400)]
    #[error("Inactive user")]
    Inactive,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn login_access_token(
    State(state): State<AppState>,
    form: OAuth2PasswordRequestForm,
) -> Result<Model<Token>, LoginError> {
    let user = authenticate(&state, &form.username, form.password)
        .await?
        .ok_or(LoginError::Incorrect)?;
    if !user.is_active {
        return Err(LoginError::Inactive);
    }
    let access_token = security::create_access_token(
        &user.id.to_string(),
        chrono::Duration::minutes(state.settings.ACCESS_TOKEN_EXPIRE_MINUTES),
        &state.settings.SECRET_KEY,
    )
    .map_err(DbError::from)?;
    Ok(Model(Token {
        access_token,
        token_type: "bearer".into(),
    }))
}

async fn test_token(CurrentUser(user): CurrentUser) -> UserPublic {
    user.into()
}

/// What every recovery request is answered, whether the email is registered or not.
const RECOVERY_SENT: &str = "If that email is registered, we sent a password recovery link";

async fn recover_password(
    Path(email): Path<String>,
    State(state): State<AppState>,
) -> Result<Model<Message>, DbError> {
    if let Some(user) = state.db.user_by_email(&email).await? {
        let token = security::create_password_reset_token(
            &email,
            chrono::Duration::hours(state.settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS),
            &state.settings.SECRET_KEY,
        )?;
        let data = state
            .mailer
            .reset_password_email(&user.email, &email, &token);
        state.mailer.send(&user.email, data);
    }
    Ok(Message::new(RECOVERY_SENT))
}

/// Why a password reset was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ResetError {
    /// The token is not valid (or its user does not exist).
    #[api_error(status = 400)]
    #[error("Invalid token")]
    InvalidToken,
    /// The user is deactivated.
    #[api_error(status = 400)]
    #[error("Inactive user")]
    Inactive,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn reset_password(
    State(state): State<AppState>,
    Valid(Json(body)): Valid<Json<NewPassword>>,
) -> Result<Model<Message>, ResetError> {
    let email = security::verify_password_reset_token(&body.token, &state.settings.SECRET_KEY)
        .ok_or(ResetError::InvalidToken)?;
    let user = state
        .db
        .user_by_email(&email)
        .await
        .map_err(DbError::from)?
        // The same answer as a bad token: whether the user exists is not told.
        .ok_or(ResetError::InvalidToken)?;
    if !user.is_active {
        return Err(ResetError::Inactive);
    }
    let password = body.new_password;
    let hash = blocking(move || security::hash_password(&password)).await?;
    state
        .db
        .set_password(user.id, &hash)
        .await
        .map_err(DbError::from)?;
    Ok(Message::new("Password updated successfully"))
}

/// Why the recovery email's HTML was not given.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum RecoveryHtmlError {
    /// No user has this email.
    #[api_error(status = 404)]
    #[error("The user with this username does not exist in the system.")]
    NotFound,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn recover_password_html_content(
    _: Superuser,
    Path(email): Path<String>,
    State(state): State<AppState>,
) -> Result<(HeaderMap, Html<String>), RecoveryHtmlError> {
    let user = state
        .db
        .user_by_email(&email)
        .await
        .map_err(DbError::from)?
        .ok_or(RecoveryHtmlError::NotFound)?;
    let token = security::create_password_reset_token(
        &email,
        chrono::Duration::hours(state.settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS),
        &state.settings.SECRET_KEY,
    )
    .map_err(DbError::from)?;
    let data = state
        .mailer
        .reset_password_email(&user.email, &email, &token);
    let mut headers = HeaderMap::new();
    // The template sends the subject in a header (named `subject:`, a name HTTP cannot
    // carry; `subject` here). A subject that is not a valid header value is left out.
    if let Ok(value) = HeaderValue::from_str(&data.subject) {
        headers.insert(HeaderName::from_static("subject"), value);
    }
    Ok((headers, Html(data.html_content)))
}

/// The routes of `login.py`, tagged `login`.
pub fn router() -> ApiRouter<AppState> {
    ApiRouter::new()
        .route(
            "/login/access-token",
            post(login_access_token).description(
                "OAuth2 compatible token login, get an access token for future requests",
            ),
        )
        .route(
            "/login/test-token",
            post(test_token).description("Test access token"),
        )
        .route(
            "/password-recovery/{email}",
            post(recover_password).description("Password Recovery"),
        )
        .route(
            "/reset-password/",
            post(reset_password).description("Reset password"),
        )
        .route(
            "/password-recovery-html-content/{email}",
            post(recover_password_html_content).description("HTML Content for Password Recovery"),
        )
        .tag("login")
}

//! `app/api/routes/users.py`: users, read and changed by themselves and by superusers.

use axum::extract::State;
use response_model::ApiError;
use response_model::extract::{Json, Path, Query, Valid};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get, post};
use uuid::Uuid;

use crate::db::NewUser;
use crate::deps::{AppState, CurrentUser, DbError, Superuser, blocking};
use crate::models::{
    Message, UpdatePassword, User, UserCreate, UserPublic, UserRegister, UserUpdate, UserUpdateMe,
    UsersPublic, normalize_email,
};
use crate::routes::Pagination;
use crate::security;

/// `crud.create_user`: the password hashed, the row inserted.
pub(crate) async fn create(state: &AppState, new: UserCreate) -> Result<User, DbError> {
    let password = new.password;
    let hashed_password = blocking(move || security::hash_password(&password)).await?;
    Ok(state
        .db
        .create_user(NewUser {
            email: normalize_email(&new.email),
            is_active: new.is_active,
            is_superuser: new.is_superuser,
            full_name: new.full_name,
            hashed_password,
        })
        .await?)
}

async fn read_users(
    _: Superuser,
    State(state): State<AppState>,
    Query(page): Query<Pagination>,
) -> Result<Model<UsersPublic>, DbError> {
    let count = state.db.count_users().await?;
    let users = state.db.users(page.skip, page.limit).await?;
    Ok(Model(UsersPublic {
        data: users.into_iter().map(UserPublic::from).collect(),
        count,
    }))
}

/// Why a superuser's new user was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum CreateUserError {
    /// Another user has this email.
    #[api_error(status = 400)]
    #[error("The user with this email already exists in the system.")]
    EmailTaken,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn create_user(
    _: Superuser,
    State(state): State<AppState>,
    Valid(Json(user_in)): Valid<Json<UserCreate>>,
) -> Result<UserPublic, CreateUserError> {
    let email = normalize_email(&user_in.email);
    if taken(&state, &email).await? {
        return Err(CreateUserError::EmailTaken);
    }
    let user = create(&state, user_in).await?;
    if state.settings.emails_enabled() {
        let data = state.mailer.new_account_email(&user.email, &user.email);
        state.mailer.send(&user.email, data);
    }
    Ok(user.into())
}

/// Another user has the email asked for.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum EmailConflictError {
    /// Another user has this email.
    #[api_error(status = 409)]
    #[error("User with this email already exists")]
    EmailTaken,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Whether a user has `email`.
pub(crate) async fn taken(state: &AppState, email: &str) -> Result<bool, DbError> {
    Ok(state.db.user_by_email(email).await?.is_some())
}

/// Whether a user other than `me` has `email`.
async fn taken_by_another(state: &AppState, email: &str, me: Uuid) -> Result<bool, DbError> {
    Ok(state
        .db
        .user_by_email(email)
        .await?
        .is_some_and(|other| other.id != me))
}

async fn update_user_me(
    State(state): State<AppState>,
    CurrentUser(mut user): CurrentUser,
    Valid(Json(user_in)): Valid<Json<UserUpdateMe>>,
) -> Result<UserPublic, EmailConflictError> {
    if let Some(email) = &user_in.email {
        let email = normalize_email(email);
        if taken_by_another(&state, &email, user.id).await? {
            return Err(EmailConflictError::EmailTaken);
        }
        user.email = email;
    }
    if let Some(name) = user_in.full_name.into_nested() {
        user.full_name = name;
    }
    let user = state
        .db
        .save_user(&user)
        .await
        .map_err(DbError::from)?
        .ok_or(DbError::Internal("the user was deleted meanwhile".into()))?;
    Ok(user.into())
}

/// Why a password change was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UpdatePasswordError {
    /// The current password is not the user's.
    #[api_error(status = 400)]
    #[error("Incorrect password")]
    Incorrect,
    /// The new password is the current one.
    #[api_error(status = 400)]
    #[error("New password cannot be the same as the current one")]
    Same,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn update_password_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Valid(Json(body)): Valid<Json<UpdatePassword>>,
) -> Result<Model<Message>, UpdatePasswordError> {
    let UpdatePassword {
        current_password,
        new_password,
    } = body;
    let hash = user.hashed_password.clone();
    let current = current_password.clone();
    let (verified, _) = blocking(move || security::verify_and_update(&current, &hash)).await?;
    if !verified {
        return Err(UpdatePasswordError::Incorrect);
    }
    if current_password == new_password {
        return Err(UpdatePasswordError::Same);
    }
    let hash = blocking(move || security::hash_password(&new_password)).await?;
    state
        .db
        .set_password(user.id, &hash)
        .await
        .map_err(DbError::from)?;
    Ok(Message::new("Password updated successfully"))
}

async fn read_user_me(CurrentUser(user): CurrentUser) -> UserPublic {
    user.into()
}

/// A superuser may not delete themselves.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum DeleteMeError {
    /// The user is a superuser.
    #[api_error(status = 403)]
    #[error("Super users are not allowed to delete themselves")]
    Superuser,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn delete_user_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Model<Message>, DeleteMeError> {
    if user.is_superuser {
        return Err(DeleteMeError::Superuser);
    }
    state.db.delete_user(user.id).await.map_err(DbError::from)?;
    Ok(Message::new("User deleted successfully"))
}

/// Why a sign-up was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum RegisterError {
    /// Another user has this email.
    #[api_error(status = 400)]
    #[error("The user with this email already exists in the system")]
    EmailTaken,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn register_user(
    State(state): State<AppState>,
    Valid(Json(user_in)): Valid<Json<UserRegister>>,
) -> Result<UserPublic, RegisterError> {
    let email = normalize_email(&user_in.email);
    if taken(&state, &email).await? {
        return Err(RegisterError::EmailTaken);
    }
    let user = create(
        &state,
        UserCreate {
            email,
            is_active: true,
            is_superuser: false,
            full_name: user_in.full_name,
            password: user_in.password,
        },
    )
    .await?;
    Ok(user.into())
}

/// Why a user was not shown.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ReadUserError {
    /// The user asked for is another, and the signed-in user is not a superuser.
    #[api_error(status = 403)]
    #[error("The user doesn't have enough privileges")]
    NotEnoughPrivileges,
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("User not found")]
    NotFound,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn read_user_by_id(
    Path(user_id): Path<Uuid>,
    State(state): State<AppState>,
    CurrentUser(current): CurrentUser,
) -> Result<UserPublic, ReadUserError> {
    if user_id == current.id {
        return Ok(current.into());
    }
    if !current.is_superuser {
        return Err(ReadUserError::NotEnoughPrivileges);
    }
    let user = state
        .db
        .user(user_id)
        .await
        .map_err(DbError::from)?
        .ok_or(ReadUserError::NotFound)?;
    Ok(user.into())
}

/// Why a superuser's change to a user was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum UpdateUserError {
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("The user with this id does not exist in the system")]
    NotFound,
    /// Another user has this email.
    #[api_error(status = 409)]
    #[error("User with this email already exists")]
    EmailTaken,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn update_user(
    _: Superuser,
    State(state): State<AppState>,
    Path(user_id): Path<Uuid>,
    Valid(Json(user_in)): Valid<Json<UserUpdate>>,
) -> Result<UserPublic, UpdateUserError> {
    let mut user = state
        .db
        .user(user_id)
        .await
        .map_err(DbError::from)?
        .ok_or(UpdateUserError::NotFound)?;
    if let Some(email) = &user_in.email {
        let email = normalize_email(email);
        if taken_by_another(&state, &email, user_id).await? {
            return Err(UpdateUserError::EmailTaken);
        }
        user.email = email;
    }
    if let Some(is_active) = user_in.is_active {
        user.is_active = is_active;
    }
    if let Some(is_superuser) = user_in.is_superuser {
        user.is_superuser = is_superuser;
    }
    if let Some(name) = user_in.full_name.into_nested() {
        user.full_name = name;
    }
    if let Some(password) = user_in.password {
        user.hashed_password = blocking(move || security::hash_password(&password)).await?;
    }
    let user = state
        .db
        .save_user(&user)
        .await
        .map_err(DbError::from)?
        .ok_or(UpdateUserError::NotFound)?;
    Ok(user.into())
}

/// Why a superuser's deletion of a user was refused.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum DeleteUserError {
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("User not found")]
    NotFound,
    /// The user to delete is the signed-in superuser.
    #[api_error(status = 403)]
    #[error("Super users are not allowed to delete themselves")]
    Themselves,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

async fn delete_user(
    Superuser(current): Superuser,
    State(state): State<AppState>,
    Path(user_id): Path<Uuid>,
) -> Result<Model<Message>, DeleteUserError> {
    if state
        .db
        .user(user_id)
        .await
        .map_err(DbError::from)?
        .is_none()
    {
        return Err(DeleteUserError::NotFound);
    }
    if user_id == current.id {
        return Err(DeleteUserError::Themselves);
    }
    state.db.delete_user(user_id).await.map_err(DbError::from)?;
    Ok(Message::new("User deleted successfully"))
}

/// The routes of `users.py`, tagged `users`.
pub fn router() -> ApiRouter<AppState> {
    ApiRouter::new()
        .route(
            "/users/",
            get(read_users)
                .description("Retrieve users.")
                .post(create_user)
                .description("Create new user."),
        )
        .route(
            "/users/me",
            get(read_user_me)
                .description("Get current user.")
                .patch(update_user_me)
                .description("Update own user.")
                .delete(delete_user_me)
                .description("Delete own user."),
        )
        .route(
            "/users/me/password",
            response_model::routing::patch(update_password_me).description("Update own password."),
        )
        .route(
            "/users/signup",
            post(register_user).description("Create new user without the need to be logged in."),
        )
        .route(
            "/users/{user_id}",
            get(read_user_by_id)
                .description("Get a specific user by id.")
                .patch(update_user)
                .description("Update a user.")
                .delete(delete_user)
                .description("Delete a user."),
        )
        .tag("users")
}

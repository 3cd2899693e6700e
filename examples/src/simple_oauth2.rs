//! FastAPI's tutorial "Simple OAuth2 with Password and Bearer" (`docs_src/security/tutorial003`):
//! a login form at `POST /token` that issues a token, and `GET /users/me` behind it, with
//! the tutorial's fake users (`johndoe` / `secret`; `alice` is disabled). The token is the
//! username and the "hash" a prefix, as in the tutorial: it shows the shapes, not security
//! (the full-stack example does JWTs and Argon2).
//!
//! The scheme's `tokenUrl` is `token`, relative as the tutorial writes it, so Swagger UI's
//! "Authorize" posts to the login route wherever the app is served: the binary nests it
//! under `ROOT_PATH` (uvicorn's `--root-path`) and says so with `.server(..)`.
//!
//! ```text
//! curl -s -X POST localhost:8000/token -d 'username=johndoe&password=secret'
//! curl -s localhost:8000/users/me -H 'Authorization: Bearer johndoe'
//! ```

use axum::extract::FromRequestParts;
use http::request::Parts;
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get, post};
use response_model::security::{
    ApiSecurity, BearerToken, NotAuthenticated, OAuth2PasswordRequestForm, SecurityScheme,
};
use response_model::{ApiError, HttpError};
use schemars::JsonSchema;
use serde::Serialize;

/// The tutorial's users table: the model the `User` view is made from. The hash never
/// leaves: no view can hold it.
#[derive(Debug, Clone, JsonSchema, ResponseModel)]
#[response_model(view(User))]
pub struct UserInDB {
    /// The login name.
    username: String,
    /// Their email.
    email: Option<String>,
    /// Their full name.
    full_name: Option<String>,
    /// Whether the account is disabled.
    disabled: Option<bool>,
    #[response_model(secret)]
    hashed_password: String,
}

/// `fake_users_db`: `johndoe` (password `secret`) and `alice` (`secret2`, disabled).
fn fake_user(username: &str) -> Option<UserInDB> {
    let (full_name, email, hashed_password, disabled) = match username {
        "johndoe" => ("John Doe", "johndoe@example.com", "fakehashedsecret", false),
        "alice" => (
            "Alice Wonderson",
            "alice@example.com",
            "fakehashedsecret2",
            true,
        ),
        _ => return None,
    };
    Some(UserInDB {
        username: username.to_owned(),
        email: Some(email.to_owned()),
        full_name: Some(full_name.to_owned()),
        disabled: Some(disabled),
        hashed_password: hashed_password.to_owned(),
    })
}

/// The tutorial's stand-in for a hash.
fn fake_hash_password(password: &str) -> String {
    format!("fakehashed{password}")
}

/// `OAuth2PasswordBearer(tokenUrl="token")`.
const OAUTH2: SecurityScheme = SecurityScheme::oauth2_password("token");

/// The token the login route issues.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Token {
    /// The bearer token.
    access_token: String,
    /// Always `bearer`.
    token_type: &'static str,
}

/// `POST /token`: the password flow's login form; the token is the username.
async fn login(form: OAuth2PasswordRequestForm) -> Result<Model<Token>, HttpError<400>> {
    let incorrect = || HttpError::<400>::new("Incorrect username or password");
    let user = fake_user(&form.username).ok_or_else(incorrect)?;
    if fake_hash_password(&form.password) != user.hashed_password {
        return Err(incorrect());
    }
    Ok(Model(Token {
        access_token: user.username,
        token_type: "bearer",
    }))
}

/// Why a request has no active user.
#[derive(Debug, ApiError)]
pub enum AuthError {
    /// No token, or one no user has (`get_current_user`).
    #[api_error(transparent)]
    NotAuthenticated(NotAuthenticated),
    /// The user is disabled (`get_current_active_user`).
    #[api_error(status = 400)]
    Inactive,
}

impl std::fmt::Display for AuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthError::NotAuthenticated(e) => e.fmt(f),
            AuthError::Inactive => f.write_str("Inactive user"),
        }
    }
}

/// The signed-in, active user: `Depends(get_current_active_user)`.
pub struct CurrentActiveUser(UserInDB);

impl<S: Send + Sync> FromRequestParts<S> for CurrentActiveUser {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let not_authenticated = AuthError::NotAuthenticated(NotAuthenticated::new(OAUTH2));
        let BearerToken(token) = BearerToken::from_request_parts(parts, state)
            .await
            .map_err(|_| AuthError::NotAuthenticated(NotAuthenticated::new(OAUTH2)))?;
        // `fake_decode_token`: the token is the username.
        let user = fake_user(&token).ok_or(not_authenticated)?;
        if user.disabled == Some(true) {
            return Err(AuthError::Inactive);
        }
        Ok(CurrentActiveUser(user))
    }
}

impl ApiSecurity for CurrentActiveUser {
    const SCHEME: SecurityScheme = OAUTH2;
    type Rejection = AuthError;
}

/// `GET /users/me`: the signed-in user, through the `User` view (no hash).
async fn read_users_me(CurrentActiveUser(user): CurrentActiveUser) -> User {
    user.into()
}

/// The documented routes.
pub fn api() -> ApiRouter {
    ApiRouter::new()
        .title("Simple OAuth2 with Password and Bearer")
        .route("/token", post(login))
        .route("/users/me", get(read_users_me))
}

/// The app with its docs, served under `root_path` (`""` for the root): the document's
/// `servers` says where, so "Try it out" and the login form reach it.
pub fn app(root_path: &str) -> axum::Router {
    let root_path = root_path.trim_end_matches('/');
    if root_path.is_empty() {
        return api().with_docs().into_router();
    }
    let inner = api().server(root_path).with_docs().into_router();
    axum::Router::new().nest(root_path, inner)
}

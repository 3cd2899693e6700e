//! The course's users and items on a real database: SQLite through sqlx, created and
//! migrated on start (in memory by default, or the file in `DATABASE_URL`), where
//! `UserInDB` is a row type and every handler returns a view of it.
//!
//! Run: `cargo run --example users_db` (or the showcase, which serves it under `/db`); the
//! binary, `examples/users_db.rs`, opens the database and serves [`app`].
//!
//! ```text
//! curl localhost:8000/users?limit=1                     # {"items":[{"id":1,...}],"total":2,"limit":1,"offset":0}
//! curl 'localhost:8000/users?fields=id,name'            # only those fields, in every item
//! curl localhost:8000/users/9                           # 404 {"detail":"User 9 not found"}
//! curl -XPOST localhost:8000/users -H 'content-type: application/json' \
//!      -d '{"name":"Carol","email":"carol@example.com","password":"correct horse"}'   # 201
//! # the same again: 409 {"detail":"Email already registered","email":"carol@example.com"}
//! # with "email":"carol": 422, type "value_error" at ["body","email"]
//! curl -XDELETE localhost:8000/users/2                  # 204
//! curl localhost:8000/users/1/card -H 'accept: application/xml'   # <user id="1">...</user>
//! curl -XPUT localhost:8000/users/1/items/7 -H 'content-type: application/json' \
//!      -d '{"name":"Pen","price":1.5}'                  # 201; the same again: 200
//! curl -i -XPOST localhost:8000/login -H 'content-type: application/json' \
//!      -d '{"email":"alice@example.com","password":"supersecret"}'   # Set-Cookie: session=...
//! curl localhost:8000/users/me -H 'cookie: session=user-1'   # the signed-in user; without it: 401
//! ```

use axum::extract::{FromRequestParts, State};
use axum::response::NoContent;
use garde::Validate;
use http::HeaderMap;
use response_model::extract::{Json, Path, Query, Valid};
use response_model::prelude::*;
use response_model::responses::media::ApplicationXml;
use response_model::responses::{Content, Either, SetCookie};
use response_model::routing::{ApiRouter, get, post, put};
use response_model::security::{ApiKeyLocation, ApiSecurity, NotAuthenticated, SecurityScheme};
use response_model::{ApiError, Created, Statuses};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// The database: one pool, shared by the handlers as axum state.
pub type Db = SqlitePool;

/// A user as stored: a row (`sqlx::FromRow`) and the model of the views below. The
/// password hash is secret: no view can hold it.
#[derive(Debug, Clone, sqlx::FromRow, JsonSchema, ResponseModel)]
#[response_model(view(UserOut), view(UserPublic, include(id, name)))]
pub(crate) struct UserInDB {
    /// The user's id.
    id: i64,
    /// Their display name.
    name: String,
    /// Their email, unique among users.
    email: String,
    /// Whether the account is active.
    is_active: bool,
    #[response_model(secret)]
    hashed_password: String,
}

/// An item as stored, owned by a user.
#[derive(Debug, Clone, sqlx::FromRow, JsonSchema, ResponseModel)]
#[response_model(view(ItemOut))]
pub(crate) struct ItemInDB {
    /// The item's id.
    id: i64,
    /// The id of the user who owns it.
    owner_id: i64,
    /// Its name.
    name: String,
    /// What it is, if anyone said.
    description: Option<String>,
    /// Its price.
    price: f64,
    /// Its tax, if any.
    tax: Option<f64>,
}

/// A page of a list: any view's items, with where the page is.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Page<T> {
    /// This page's items.
    items: Vec<T>,
    /// How many there are in all.
    total: i64,
    /// The page size asked for.
    limit: u32,
    /// How many were skipped.
    offset: u32,
}

impl<T> Page<T> {
    /// The same page with each item mapped (a page of rows into a page of views).
    fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        }
    }
}

/// `?limit=&offset=`, checked before the handler runs.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub(crate) struct PageParams {
    /// Page size, 1 to 100.
    #[serde(default = "default_limit")]
    #[garde(range(min = 1, max = 100))]
    limit: u32,
    /// How many to skip.
    #[serde(default)]
    #[garde(skip)]
    offset: u32,
}

fn default_limit() -> u32 {
    10
}

/// A new user, as the client sends it.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub(crate) struct NewUser {
    /// Their display name, 1 to 50 characters.
    #[garde(length(chars, min = 1, max = 50))]
    name: String,
    /// Their email.
    #[garde(email)]
    email: String,
    /// At least 8 characters; stored hashed, never sent back.
    #[garde(length(chars, min = 8))]
    password: String,
}

/// A change to a user: the fields given are set, the others kept.
// The rules of the `Option` fields are written on the field, not in `inner(..)`: garde
// checks them on the value when there is one either way, and only this way does schemars
// write them into the schema (it reads `inner(..)` on lists alone).
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub(crate) struct UserPatch {
    /// A new display name, 1 to 50 characters.
    #[garde(length(chars, min = 1, max = 50))]
    name: Option<String>,
    /// A new email.
    #[garde(email)]
    email: Option<String>,
    /// Whether the account is active.
    #[garde(skip)]
    is_active: Option<bool>,
}

/// An email and password to sign in with.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub(crate) struct Login {
    /// The user's email.
    #[garde(email)]
    email: String,
    /// Their password.
    #[garde(length(min = 1))]
    password: String,
}

/// A new item.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub(crate) struct NewItem {
    /// Its name.
    #[garde(length(min = 1))]
    name: String,
    /// What it is.
    #[garde(skip)]
    description: Option<String>,
    /// Its price, above zero.
    #[garde(range(min = 0.01))]
    price: f64,
    /// Its tax, if any: zero or more.
    #[garde(range(min = 0.0))]
    tax: Option<f64>,
}

/// The body of a 409: which email is taken.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct EmailTaken {
    /// What went wrong.
    detail: String,
    /// The email another user has.
    email: String,
}

/// The database failed: a 500 whose cause is logged, never sent.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum DbError {
    /// The database failed (the cause is logged, never sent).
    #[api_error(status = 500, detail = "Internal Server Error")]
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
}

/// What a handler that looks a user up can fail with: each variant is a documented
/// response, and `transparent` ones answer (and document) as the error they wrap.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum UserError {
    /// No user has this id.
    #[api_error(status = 404)]
    #[error("User {0} not found")]
    NotFound(i64),
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sqlx::Error> for UserError {
    fn from(e: sqlx::Error) -> Self {
        UserError::Db(e.into())
    }
}

/// A write that broke the unique email.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum Conflict {
    /// Another user has this email.
    #[api_error(status = 409, body)]
    #[error("email {} already registered", .0.email)]
    EmailTaken(EmailTaken),
}

/// What registering can fail with: a taken email, or the database.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum CreateError {
    #[api_error(transparent)]
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// What changing a user can fail with: no such user, a taken email, or the database.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum UpdateError {
    #[api_error(transparent)]
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[api_error(transparent)]
    #[error(transparent)]
    User(#[from] UserError),
}

impl From<DbError> for UpdateError {
    fn from(e: DbError) -> Self {
        UpdateError::User(e.into())
    }
}

/// An insert or update failed: a taken email is a [`Conflict`], anything else a
/// [`DbError`].
fn write_error<E: From<Conflict> + From<DbError>>(error: sqlx::Error, email: &str) -> E {
    match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => {
            E::from(Conflict::EmailTaken(EmailTaken {
                detail: "Email already registered".into(),
                email: email.to_owned(),
            }))
        }
        _ => E::from(DbError::from(error)),
    }
}

/// What putting an item can fail with: no such user, an item id another user holds, or
/// the database.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum ItemError {
    /// The item id is another user's item.
    #[api_error(status = 409)]
    #[error("Item {0} belongs to another user")]
    NotYours(i64),
    #[api_error(transparent)]
    #[error(transparent)]
    User(#[from] UserError),
}

impl From<sqlx::Error> for ItemError {
    fn from(e: sqlx::Error) -> Self {
        ItemError::User(e.into())
    }
}

/// A sign-in that failed.
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum LoginError {
    /// No user has this email and password.
    #[api_error(status = 401, detail = "Incorrect email or password")]
    #[error("bad credentials")]
    BadCredentials,
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The signed-in user: the one whose `session` cookie [`sign_in`] set. A handler that takes
/// it answers 401 `{"detail": "Not authenticated"}` without a valid session, and is
/// documented with the `APIKeyCookie` scheme (the cookie named `session`) and that 401.
pub(crate) struct SignedIn(UserInDB);

/// Why a request has no signed-in user: no valid session (401), or the database (500).
#[derive(Debug, thiserror::Error, ApiError)]
pub(crate) enum SessionError {
    #[api_error(transparent)]
    #[error(transparent)]
    NotAuthenticated(#[from] NotAuthenticated),
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The `session` cookie, as the document names it (FastAPI's `APIKeyCookie(name="session")`).
const SESSION: SecurityScheme = SecurityScheme::api_key(ApiKeyLocation::Cookie, "session");

impl FromRequestParts<Db> for SignedIn {
    type Rejection = SessionError;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        db: &Db,
    ) -> Result<Self, Self::Rejection> {
        let not_authenticated = NotAuthenticated::new(SESSION);
        // The session id `sign_in` wrote, read where the scheme says: the `session`
        // cookie, `user-<id>` (a stand-in, see there).
        let id = SESSION
            .read_api_key(parts)
            .and_then(|session| session.strip_prefix("user-")?.parse::<i64>().ok())
            .ok_or(not_authenticated)?;
        sqlx::query_as::<_, UserInDB>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await
            .map_err(DbError::from)?
            .map(SignedIn)
            .ok_or(SessionError::NotAuthenticated(not_authenticated))
    }
}

impl ApiSecurity for SignedIn {
    const SCHEME: SecurityScheme = SESSION;
    type Rejection = SessionError;
}

/// The signed-in user (FastAPI's `/users/me`): 401 without a valid `session` cookie.
async fn read_me(SignedIn(user): SignedIn) -> UserOut {
    user.into()
}

/// Not a real hash: the course's stand-in, so the example needs no crypto crate.
fn fake_hash(password: &str) -> String {
    format!("{password}notreallyhashed")
}

const USER_COLUMNS: &str = "id, name, email, is_active, hashed_password";

async fn find_user(db: &Db, id: i64) -> Result<UserInDB, UserError> {
    sqlx::query_as::<_, UserInDB>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(UserError::NotFound(id))
}

/// The users, a page at a time; `?fields=id,name` (or `?exclude=email`) picks the fields
/// of every item.
async fn browse_users(
    State(db): State<Db>,
    Valid(Query(page)): Valid<Query<PageParams>>,
    fields: Selection<UserOut>,
) -> Result<Selected<Page<UserOut>>, DbError> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&db)
        .await?;
    let rows = sqlx::query_as::<_, UserInDB>(&format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY id LIMIT ? OFFSET ?"
    ))
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(&db)
    .await?;
    let page = Page {
        items: rows,
        total,
        limit: page.limit,
        offset: page.offset,
    };
    Ok(fields.apply_at("/items", page.map(UserOut::from)))
}

/// One user, everything but the password hash.
async fn read_user(State(db): State<Db>, Path(id): Path<i64>) -> Result<Model<UserOut>, UserError> {
    Ok(Model::new(find_user(&db, id).await?))
}

/// One user, only their id and name.
async fn read_user_public(
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> Result<Model<UserPublic>, UserError> {
    Ok(Model::new(find_user(&db, id).await?))
}

/// Registers a user: 201 with the new user, 409 if the email is taken, 422 if the body
/// breaks a constraint (an email that isn't one, a short password).
async fn create_user(
    State(db): State<Db>,
    Valid(Json(new)): Valid<Json<NewUser>>,
) -> Result<Created<UserOut>, CreateError> {
    let user = sqlx::query_as::<_, UserInDB>(&format!(
        "INSERT INTO users (name, email, hashed_password) VALUES (?, ?, ?) RETURNING {USER_COLUMNS}"
    ))
    .bind(&new.name)
    .bind(&new.email)
    .bind(fake_hash(&new.password))
    .fetch_one(&db)
    .await
    .map_err(|e| write_error::<CreateError>(e, &new.email))?;
    Ok(Model::new(user))
}

/// One user as a card, in the media type the client accepts: XML for an `Accept` that
/// asks for `application/xml`, JSON otherwise. Both are documented under 200.
async fn read_user_card(
    State(db): State<Db>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Either<Model<UserOut>, Content<ApplicationXml>>, UserError> {
    let user = find_user(&db, id).await?;
    let wants_xml = headers
        .get_all(http::header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|media| media.split(';').next().map(str::trim) == Some("application/xml"));
    if !wants_xml {
        return Ok(Either::A(Model::new(user)));
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><user id="{}" active="{}"><name>{}</name><email>{}</email></user>"#,
        user.id,
        user.is_active,
        xml_text(&user.name),
        xml_text(&user.email),
    );
    Ok(Either::B(Content::new(xml)))
}

/// `text` with XML's five special characters escaped.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Changes the fields given; 404 for no such user, 409 for a taken email.
async fn update_user(
    State(db): State<Db>,
    Path(id): Path<i64>,
    Valid(Json(patch)): Valid<Json<UserPatch>>,
) -> Result<Model<UserOut>, UpdateError> {
    let current = find_user(&db, id).await?;
    let email = patch.email.unwrap_or(current.email);
    let user = sqlx::query_as::<_, UserInDB>(&format!(
        "UPDATE users SET name = ?, email = ?, is_active = ? WHERE id = ? RETURNING {USER_COLUMNS}"
    ))
    .bind(patch.name.unwrap_or(current.name))
    .bind(&email)
    .bind(patch.is_active.unwrap_or(current.is_active))
    .bind(id)
    .fetch_optional(&db)
    .await
    .map_err(|e| write_error::<UpdateError>(e, &email))?
    .ok_or(UserError::NotFound(id))?;
    Ok(Model::new(user))
}

/// Deletes a user and their items: 204, or 404 for no such user.
async fn delete_user(
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> Result<axum::response::NoContent, UserError> {
    let done = sqlx::query("DELETE FROM users WHERE id = ?")
        .bind(id)
        .execute(&db)
        .await?;
    if done.rows_affected() == 0 {
        return Err(UserError::NotFound(id));
    }
    Ok(axum::response::NoContent)
}

/// A user's items.
async fn list_user_items(
    State(db): State<Db>,
    Path(id): Path<i64>,
) -> Result<Model<Vec<ItemOut>>, UserError> {
    find_user(&db, id).await?;
    let items = sqlx::query_as::<_, ItemInDB>(
        "SELECT id, owner_id, name, description, price, tax FROM items WHERE owner_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db)
    .await?;
    Ok(Model(items.into_iter().map(ItemOut::from).collect()))
}

/// Signs in: the user, with a `session` cookie (HTTP-only, an hour), or 401 for a wrong
/// email or password.
async fn sign_in(
    State(db): State<Db>,
    Valid(Json(login)): Valid<Json<Login>>,
) -> Result<(SetCookie, Model<UserOut>), LoginError> {
    let user =
        sqlx::query_as::<_, UserInDB>(&format!("SELECT {USER_COLUMNS} FROM users WHERE email = ?"))
            .bind(&login.email)
            .fetch_optional(&db)
            .await
            .map_err(DbError::from)?;
    match user {
        Some(user) if user.hashed_password == fake_hash(&login.password) => {
            // A stand-in for a session id: a real app stores a random one, or signs it.
            let session = SetCookie::new("session", format!("user-{}", user.id))
                .http_only()
                .max_age(std::time::Duration::from_secs(3600));
            Ok((session, Model::new(user)))
        }
        _ => Err(LoginError::BadCredentials),
    }
}

/// Signs out: 204, and the `session` cookie deleted.
async fn sign_out() -> (SetCookie, NoContent) {
    (SetCookie::delete("session"), NoContent)
}

/// Adds an item to a user: 201 with the item, 404 for no such user.
async fn add_user_item(
    State(db): State<Db>,
    Path(id): Path<i64>,
    Valid(Json(new)): Valid<Json<NewItem>>,
) -> Result<Created<ItemOut>, UserError> {
    find_user(&db, id).await?;
    let item = sqlx::query_as::<_, ItemInDB>(
        "INSERT INTO items (owner_id, name, description, price, tax) VALUES (?, ?, ?, ?, ?)
         RETURNING id, owner_id, name, description, price, tax",
    )
    .bind(id)
    .bind(&new.name)
    .bind(&new.description)
    .bind(new.price)
    .bind(new.tax)
    .fetch_one(&db)
    .await?;
    Ok(Model::new(item))
}

/// The migrations in `examples/migrations`, compiled in.
static MIGRATOR: Migrator = sqlx::migrate!();

/// A pool on `url` of one connection, migrated when it opens.
///
/// One connection: SQLite writes one at a time anyway, two connections would race to
/// migrate a new file, and each in-memory connection is its own database (the pool keeps
/// its one forever, so the database lives as long as the pool). Connecting is lazy: the
/// pool is made without I/O, and the first request opens (and migrates) the connection.
pub fn pool(url: &str) -> Result<Db, sqlx::Error> {
    let options: SqliteConnectOptions = url
        .parse::<SqliteConnectOptions>()?
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                MIGRATOR
                    .run_direct(conn)
                    .await
                    .map_err(|e| sqlx::Error::Migrate(Box::new(e)))
            })
        });
    Ok(pool.connect_lazy_with(options))
}

/// Creates or replaces the user's item `item_id`: 201 when it is new, 200 when it
/// replaced one; 404 for no such user, 409 for another user's item.
async fn put_user_item(
    State(db): State<Db>,
    Path((id, item_id)): Path<(i64, i64)>,
    Valid(Json(new)): Valid<Json<NewItem>>,
) -> Result<Statuses<ItemOut, 200, 201>, ItemError> {
    find_user(&db, id).await?;
    let owner: Option<i64> = sqlx::query_scalar("SELECT owner_id FROM items WHERE id = ?")
        .bind(item_id)
        .fetch_optional(&db)
        .await?;
    if owner.is_some_and(|owner| owner != id) {
        return Err(ItemError::NotYours(item_id));
    }
    let item = sqlx::query_as::<_, ItemInDB>(
        "INSERT INTO items (id, owner_id, name, description, price, tax) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description,
         price = excluded.price, tax = excluded.tax
         RETURNING id, owner_id, name, description, price, tax",
    )
    .bind(item_id)
    .bind(id)
    .bind(&new.name)
    .bind(&new.description)
    .bind(new.price)
    .bind(new.tax)
    .fetch_one(&db)
    .await?;
    let item = ItemOut::from(item);
    Ok(match owner {
        Some(_) => Statuses::with::<200>(item),
        None => Statuses::with::<201>(item),
    })
}

/// The routes on `db`, documented from the handlers' types (the showcase nests them).
pub fn api(db: Db) -> ApiRouter {
    ApiRouter::new()
        .route("/users", get(browse_users).post(create_user))
        .route("/users/me", get(read_me))
        .route(
            "/users/{id}",
            get(read_user).patch(update_user).delete(delete_user),
        )
        .route("/users/{id}/public", get(read_user_public))
        .route(
            "/users/{id}/items",
            get(list_user_items).post(add_user_item),
        )
        .route("/users/{id}/items/{item_id}", put(put_user_item))
        .route("/users/{id}/card", get(read_user_card))
        .route("/login", post(sign_in))
        .route("/logout", post(sign_out))
        .with_state(db)
}

/// The app on `db`, with `/openapi.json`, `/docs` and `/redoc`.
pub fn app(db: Db) -> axum::Router {
    api(db).title("users_db").with_docs().into_router()
}

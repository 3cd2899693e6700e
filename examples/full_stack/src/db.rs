//! The repository: every query the handlers make, on PostgreSQL or SQLite.
//!
//! [`Db`] is one type with two pools; each query is written once (numbered `$1`
//! placeholders, which both databases' sqlx drivers read) and `on_pool!` runs it on
//! whichever pool the server opened. Handlers call these methods and never ask which
//! database it is. The schema is made by the sqlx migrations of `migrations/postgres` and
//! `migrations/sqlite`, run on start.

use std::str::FromStr;

use chrono::Utc;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use uuid::Uuid;

use crate::config::DatabaseUrl;
use crate::models::{Item, User};

/// The database: the template's PostgreSQL, or an embedded SQLite.
#[derive(Clone, Debug)]
pub enum Db {
    /// A PostgreSQL pool.
    Postgres(PgPool),
    /// A SQLite pool.
    Sqlite(SqlitePool),
}

/// Runs `$body` with `$pool` bound to the pool of `$db`, whichever it is: the same
/// query text, type-checked once per driver.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Postgres($pool) => $body,
            Db::Sqlite($pool) => $body,
        }
    };
}

const USER_COLUMNS: &str =
    r#"email, is_active, is_superuser, full_name, id, hashed_password, created_at"#;
const ITEM_COLUMNS: &str = "title, description, id, owner_id, created_at";

/// A user to insert.
pub struct NewUser {
    /// The email.
    pub email: String,
    /// Whether they may sign in.
    pub is_active: bool,
    /// Whether they manage users.
    pub is_superuser: bool,
    /// Their name.
    pub full_name: Option<String>,
    /// The password's hash.
    pub hashed_password: String,
}

impl Db {
    /// Opens `url` and brings its schema up to date.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, sqlx::Error> {
        let db = match url {
            DatabaseUrl::Postgres(url) => Db::Postgres(
                PgPoolOptions::new()
                    .max_connections(10)
                    .connect(url)
                    .await?,
            ),
            DatabaseUrl::Sqlite(url) => {
                let options = SqliteConnectOptions::from_str(url)?.foreign_keys(true);
                let memory = url.contains(":memory:") || url.contains("mode=memory");
                let pool = SqlitePoolOptions::new();
                // An in-memory database lives as long as its one connection.
                let pool = if memory {
                    pool.max_connections(1)
                        .min_connections(1)
                        .idle_timeout(None)
                        .max_lifetime(None)
                } else {
                    pool.max_connections(5)
                };
                Db::Sqlite(pool.connect_with(options).await?)
            }
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
        }
        Ok(())
    }

    /// Which database this is (`postgres` or `sqlite`), for the logs.
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Postgres(_) => "postgres",
            Db::Sqlite(_) => "sqlite",
        }
    }

    /// The user of `id`.
    pub async fn user(&self, id: Uuid) -> Result<Option<User>, sqlx::Error> {
        let sql = format!(r#"SELECT {USER_COLUMNS} FROM "user" WHERE id = $1"#);
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await)
    }

    /// The user whose email is `email`.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, sqlx::Error> {
        let sql = format!(r#"SELECT {USER_COLUMNS} FROM "user" WHERE email = $1"#);
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(email)
            .fetch_optional(pool)
            .await)
    }

    /// How many users there are.
    pub async fn count_users(&self) -> Result<i64, sqlx::Error> {
        on_pool!(self, |pool| sqlx::query_scalar(
            r#"SELECT COUNT(*) FROM "user""#
        )
        .fetch_one(pool)
        .await)
    }

    /// A page of users, the newest first.
    pub async fn users(&self, skip: i64, limit: i64) -> Result<Vec<User>, sqlx::Error> {
        let sql = format!(
            r#"SELECT {USER_COLUMNS} FROM "user" ORDER BY created_at DESC LIMIT $1 OFFSET $2"#
        );
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(limit)
            .bind(skip)
            .fetch_all(pool)
            .await)
    }

    /// Inserts a user (a new id, created now).
    pub async fn create_user(&self, new: NewUser) -> Result<User, sqlx::Error> {
        let sql = format!(
            r#"INSERT INTO "user" ({USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {USER_COLUMNS}"#
        );
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(&new.email)
            .bind(new.is_active)
            .bind(new.is_superuser)
            .bind(&new.full_name)
            .bind(Uuid::new_v4())
            .bind(&new.hashed_password)
            .bind(Utc::now())
            .fetch_one(pool)
            .await)
    }

    /// Writes `user`'s columns (but its id and creation time) and reads the row back.
    pub async fn save_user(&self, user: &User) -> Result<Option<User>, sqlx::Error> {
        let sql = format!(
            r#"UPDATE "user" SET email = $1, is_active = $2, is_superuser = $3, full_name = $4,
               hashed_password = $5 WHERE id = $6 RETURNING {USER_COLUMNS}"#
        );
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(&user.email)
            .bind(user.is_active)
            .bind(user.is_superuser)
            .bind(&user.full_name)
            .bind(&user.hashed_password)
            .bind(user.id)
            .fetch_optional(pool)
            .await)
    }

    /// Sets the password hash of user `id`.
    pub async fn set_password(&self, id: Uuid, hashed_password: &str) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| sqlx::query(
            r#"UPDATE "user" SET hashed_password = $1 WHERE id = $2"#
        )
        .bind(hashed_password)
        .bind(id)
        .execute(pool)
        .await
        .map(drop))
    }

    /// Deletes user `id` and their items; `false` if there was no such user.
    pub async fn delete_user(&self, id: Uuid) -> Result<bool, sqlx::Error> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM item WHERE owner_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query(r#"DELETE FROM "user" WHERE id = $1"#)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// The item of `id`.
    pub async fn item(&self, id: Uuid) -> Result<Option<Item>, sqlx::Error> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM item WHERE id = $1");
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await)
    }

    /// How many items there are (of `owner`, if given).
    pub async fn count_items(&self, owner: Option<Uuid>) -> Result<i64, sqlx::Error> {
        on_pool!(self, |pool| match owner {
            None =>
                sqlx::query_scalar("SELECT COUNT(*) FROM item")
                    .fetch_one(pool)
                    .await,
            Some(owner) =>
                sqlx::query_scalar("SELECT COUNT(*) FROM item WHERE owner_id = $1")
                    .bind(owner)
                    .fetch_one(pool)
                    .await,
        })
    }

    /// A page of items (of `owner`, if given), the newest first.
    pub async fn items(
        &self,
        owner: Option<Uuid>,
        skip: i64,
        limit: i64,
    ) -> Result<Vec<Item>, sqlx::Error> {
        on_pool!(self, |pool| {
            match owner {
            None => sqlx::query_as(&format!(
                "SELECT {ITEM_COLUMNS} FROM item ORDER BY created_at DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(skip)
            .fetch_all(pool)
            .await,
            Some(owner) => sqlx::query_as(&format!(
                "SELECT {ITEM_COLUMNS} FROM item WHERE owner_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3"
            ))
            .bind(owner)
            .bind(limit)
            .bind(skip)
            .fetch_all(pool)
            .await,
        }
        })
    }

    /// Inserts an item of `owner` (a new id, created now).
    pub async fn create_item(
        &self,
        owner: Uuid,
        title: &str,
        description: Option<&str>,
    ) -> Result<Item, sqlx::Error> {
        let sql = format!(
            "INSERT INTO item ({ITEM_COLUMNS}) VALUES ($1, $2, $3, $4, $5) RETURNING {ITEM_COLUMNS}"
        );
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(title)
            .bind(description)
            .bind(Uuid::new_v4())
            .bind(owner)
            .bind(Utc::now())
            .fetch_one(pool)
            .await)
    }

    /// Writes `item`'s title and description and reads the row back.
    pub async fn save_item(&self, item: &Item) -> Result<Option<Item>, sqlx::Error> {
        let sql = format!(
            "UPDATE item SET title = $1, description = $2 WHERE id = $3 RETURNING {ITEM_COLUMNS}"
        );
        on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(&item.title)
            .bind(&item.description)
            .bind(item.id)
            .fetch_optional(pool)
            .await)
    }

    /// Deletes item `id`.
    pub async fn delete_item(&self, id: Uuid) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| sqlx::query("DELETE FROM item WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(drop))
    }
}

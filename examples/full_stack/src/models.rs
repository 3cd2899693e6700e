//! The template's models (`app/models.py`): `User` and `Item` are full models (rows read
//! through sqlx), `UserPublic` and `ItemPublic` their views, and the bodies the API reads,
//! with the template's `Field(...)` constraints as garde rules.

use chrono::{DateTime, Utc};
use garde::Validate;
use response_model::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A user as stored in the `"user"` table. `hashed_password` is secret: no view can hold it.
// No `Debug` and no `Serialize`: the hash is never printed nor sent; views are.
#[derive(Clone, PartialEq, sqlx::FromRow, JsonSchema, ResponseModel)]
#[response_model(view(UserPublic))]
pub struct User {
    /// The email, unique among users.
    #[schemars(email, length(max = 255))]
    pub email: String,
    /// Whether the user may sign in.
    pub is_active: bool,
    /// Whether the user may manage other users.
    pub is_superuser: bool,
    /// The user's name.
    #[schemars(length(max = 255))]
    pub full_name: Option<String>,
    /// The user's id.
    pub id: Uuid,
    /// The password's Argon2 (or legacy bcrypt) hash.
    #[response_model(secret)]
    pub hashed_password: String,
    /// When the user was created.
    pub created_at: Option<DateTime<Utc>>,
}

/// An item as stored in the `item` table, owned by a user (deleted with them).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, JsonSchema, ResponseModel)]
#[response_model(view(ItemPublic))]
pub struct Item {
    /// The item's title.
    #[schemars(length(min = 1, max = 255))]
    pub title: String,
    /// What the item is.
    #[schemars(length(max = 255))]
    pub description: Option<String>,
    /// The item's id.
    pub id: Uuid,
    /// The id of the user who owns it.
    pub owner_id: Uuid,
    /// When the item was created.
    pub created_at: Option<DateTime<Utc>>,
}

/// A page of users and how many there are in all.
#[derive(Debug, Serialize, JsonSchema)]
pub struct UsersPublic {
    /// This page's users.
    pub data: Vec<UserPublic>,
    /// How many users there are.
    pub count: i64,
}

/// A page of items and how many there are in all (that the user may see).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ItemsPublic {
    /// This page's items.
    pub data: Vec<ItemPublic>,
    /// How many items there are.
    pub count: i64,
}

fn yes() -> bool {
    true
}

/// A user a superuser creates.
#[derive(Deserialize, Validate, JsonSchema)]
pub struct UserCreate {
    /// The email (unique).
    #[serde(deserialize_with = "email_str")]
    #[garde(email, length(chars, max = 255))]
    #[schemars(email)]
    pub email: String,
    /// Whether the user may sign in.
    #[serde(default = "yes")]
    #[garde(skip)]
    pub is_active: bool,
    /// Whether the user may manage other users.
    #[serde(default)]
    #[garde(skip)]
    pub is_superuser: bool,
    /// The user's name.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub full_name: Option<String>,
    /// The password, 8 to 128 characters.
    #[garde(length(chars, min = 8, max = 128))]
    pub password: String,
}

/// A user signing themselves up.
#[derive(Deserialize, Validate, JsonSchema)]
pub struct UserRegister {
    /// The email (unique).
    #[serde(deserialize_with = "email_str")]
    #[garde(email, length(chars, max = 255))]
    #[schemars(email)]
    pub email: String,
    /// The password, 8 to 128 characters.
    #[garde(length(chars, min = 8, max = 128))]
    pub password: String,
    /// The user's name.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub full_name: Option<String>,
}

/// A superuser's change to a user: only the fields sent are changed (the template's
/// `model_dump(exclude_unset=True)`). A `null` where the column cannot be null (email,
/// flags, password) changes nothing; `full_name: null` clears the name.
#[derive(Default, Deserialize, Validate, JsonSchema)]
pub struct UserUpdate {
    /// A new email (unique).
    #[serde(default, deserialize_with = "optional_email_str")]
    #[garde(email, length(chars, max = 255))]
    #[schemars(email)]
    pub email: Option<String>,
    /// Whether the user may sign in.
    #[serde(default)]
    #[garde(skip)]
    pub is_active: Option<bool>,
    /// Whether the user may manage other users.
    #[serde(default)]
    #[garde(skip)]
    pub is_superuser: Option<bool>,
    /// A new name, or `null` for none.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub full_name: Tristate<String>,
    /// A new password, 8 to 128 characters.
    #[serde(default)]
    #[garde(length(chars, min = 8, max = 128))]
    pub password: Option<String>,
}

/// A user's change to themselves: only the fields sent are changed.
#[derive(Default, Deserialize, Validate, JsonSchema)]
pub struct UserUpdateMe {
    /// A new name, or `null` for none.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub full_name: Tristate<String>,
    /// A new email (unique).
    #[serde(default, deserialize_with = "optional_email_str")]
    #[garde(email, length(chars, max = 255))]
    #[schemars(email)]
    pub email: Option<String>,
}

/// A user's change of their own password.
#[derive(Deserialize, Validate, JsonSchema)]
pub struct UpdatePassword {
    /// The password now.
    #[garde(length(chars, min = 8, max = 128))]
    pub current_password: String,
    /// The password to set.
    #[garde(length(chars, min = 8, max = 128))]
    pub new_password: String,
}

/// A new item.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub struct ItemCreate {
    /// Its title.
    #[garde(length(chars, min = 1, max = 255))]
    pub title: String,
    /// What it is.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub description: Option<String>,
}

/// A change to an item: only the fields sent are changed. `title: null` changes nothing
/// (the column cannot be null); `description: null` clears it.
#[derive(Debug, Default, Deserialize, Validate, JsonSchema)]
pub struct ItemUpdate {
    /// A new title.
    #[serde(default)]
    #[garde(length(chars, min = 1, max = 255))]
    pub title: Option<String>,
    /// A new description, or `null` for none.
    #[serde(default)]
    #[garde(length(chars, max = 255))]
    pub description: Tristate<String>,
}

/// A message for the client.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
pub struct Message {
    /// The message.
    pub message: String,
}

impl Message {
    /// A message of `text`.
    pub fn new(text: impl Into<String>) -> Model<Message> {
        Model(Message {
            message: text.into(),
        })
    }
}

/// An access token, as OAuth2's password flow answers.
#[derive(Serialize, Deserialize, JsonSchema)]
pub struct Token {
    /// The JWT.
    pub access_token: String,
    /// Always `bearer`.
    #[serde(default = "bearer")]
    pub token_type: String,
}

fn bearer() -> String {
    "bearer".to_owned()
}

/// A password reset: the emailed token and the new password.
#[derive(Deserialize, Validate, JsonSchema)]
pub struct NewPassword {
    /// The token from the recovery email.
    #[garde(skip)]
    pub token: String,
    /// The password to set, 8 to 128 characters.
    #[garde(length(chars, min = 8, max = 128))]
    pub new_password: String,
}

/// The development-only route's new user (the template's `PrivateUserCreate`).
#[derive(Deserialize, Validate, JsonSchema)]
pub struct PrivateUserCreate {
    /// The email (unique). Checked as `UserCreate`'s is, where the template takes any
    /// string: the user comes back as a `UserPublic`, whose email is documented as one
    /// (the conformance check found a user created with `"ki"` sent back as an email).
    #[serde(deserialize_with = "email_str")]
    #[garde(email, length(chars, max = 255))]
    #[schemars(email)]
    pub email: String,
    /// The password.
    #[garde(skip)]
    pub password: String,
    /// The user's name.
    #[garde(skip)]
    pub full_name: String,
    /// Unused, as in the template.
    #[serde(default)]
    #[garde(skip)]
    pub is_verified: bool,
}

/// An email field read as Pydantic's `EmailStr` reads it: surrounding whitespace dropped
/// (` ann@example.com ` is `ann@example.com`), then checked by garde's `email` rule.
fn email_str<'de, D: serde::Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    String::deserialize(de).map(|s| s.trim().to_owned())
}

/// [`email_str`] for an optional field.
fn optional_email_str<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(de).map(|s| s.map(|s| s.trim().to_owned()))
}

/// An email as Pydantic's `EmailStr` keeps it: the domain lowercased.
pub fn normalize_email(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => format!("{local}@{}", domain.to_lowercase()),
        None => email.to_owned(),
    }
}

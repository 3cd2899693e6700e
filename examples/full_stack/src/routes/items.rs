//! `app/api/routes/items.py`: a user's items (a superuser's: everyone's).

use axum::extract::State;
use response_model::ApiError;
use response_model::extract::{Json, Path, Query, Valid};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get};
use uuid::Uuid;

use crate::deps::{AppState, CurrentUser, DbError};
use crate::models::{Item, ItemCreate, ItemPublic, ItemUpdate, ItemsPublic, Message, User};
use crate::routes::Pagination;

async fn read_items(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Query(page): Query<Pagination>,
) -> Result<Model<ItemsPublic>, DbError> {
    let owner = (!user.is_superuser).then_some(user.id);
    let count = state.db.count_items(owner).await?;
    let items = state.db.items(owner, page.skip, page.limit).await?;
    Ok(Model(ItemsPublic {
        data: items.into_iter().map(ItemPublic::from).collect(),
        count,
    }))
}

/// Why an item was not read, changed or deleted.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum ItemError {
    /// No item has this id.
    #[api_error(status = 404)]
    #[error("Item not found")]
    NotFound,
    /// The item is another user's, and the signed-in user is not a superuser.
    #[api_error(status = 403)]
    #[error("Not enough permissions")]
    NotEnoughPermissions,
    /// The database failed.
    #[api_error(transparent)]
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The item of `id`, if `user` may touch it.
async fn owned_item(state: &AppState, user: &User, id: Uuid) -> Result<Item, ItemError> {
    let item = state
        .db
        .item(id)
        .await
        .map_err(DbError::from)?
        .ok_or(ItemError::NotFound)?;
    if !user.is_superuser && item.owner_id != user.id {
        return Err(ItemError::NotEnoughPermissions);
    }
    Ok(item)
}

async fn read_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<ItemPublic, ItemError> {
    Ok(owned_item(&state, &user, id).await?.into())
}

async fn create_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Valid(Json(item_in)): Valid<Json<ItemCreate>>,
) -> Result<ItemPublic, DbError> {
    let item = state
        .db
        .create_item(user.id, &item_in.title, item_in.description.as_deref())
        .await?;
    Ok(item.into())
}

async fn update_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Uuid>,
    Valid(Json(item_in)): Valid<Json<ItemUpdate>>,
) -> Result<ItemPublic, ItemError> {
    let mut item = owned_item(&state, &user, id).await?;
    if let Some(title) = item_in.title {
        item.title = title;
    }
    if let Some(description) = item_in.description.into_nested() {
        item.description = description;
    }
    let item = state
        .db
        .save_item(&item)
        .await
        .map_err(DbError::from)?
        .ok_or(ItemError::NotFound)?;
    Ok(item.into())
}

async fn delete_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Model<Message>, ItemError> {
    owned_item(&state, &user, id).await?;
    state.db.delete_item(id).await.map_err(DbError::from)?;
    Ok(Message::new("Item deleted successfully"))
}

/// The routes of `items.py`, tagged `items`.
pub fn router() -> ApiRouter<AppState> {
    ApiRouter::new()
        .route(
            "/items/",
            get(read_items)
                .description("Retrieve items.")
                .post(create_item)
                .description("Create new item."),
        )
        .route(
            "/items/{id}",
            get(read_item)
                .description("Get item by ID.")
                .put(update_item)
                .description("Update an item.")
                .delete(delete_item)
                .description("Delete an item."),
        )
        .tag("items")
}

//! The baseline of `?fields=` that builds the full users first: the load benchmark's
//! `/fields/users-from-full` (`baseline.rs`) and the micro benchmark's in-process route
//! (`micro.rs`), one handler for both. Included with `#[path]`.

use axum::Json;
use axum::extract::RawQuery;
use serde::Serialize;

/// `/fields/users?fields=id,name`: a DTO with exactly the two selected fields.
#[derive(Serialize)]
pub(crate) struct UserIdName {
    pub(crate) id: i64,
    pub(crate) name: String,
}

/// The page the showcase's `/fields/users` answers.
#[derive(Serialize)]
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    pub(crate) total: usize,
}

/// The showcase's full user (as `examples/include_exclude.rs` builds it).
struct FullUser {
    id: i64,
    name: String,
    email: String,
    role: String,
    hashed_password: String,
}

/// `/fields/users-from-full` (diagnostic): the same two full users the showcase's handler
/// builds, copied by hand into the two-field DTO. Tells the example's own work (building
/// five strings per user) from the library's (parsing and applying the selection).
pub(crate) async fn fields_users_from_full(RawQuery(_query): RawQuery) -> Json<Page<UserIdName>> {
    let users = vec![
        FullUser {
            id: 1,
            name: "Alice".into(),
            email: "a@x.com".into(),
            role: "admin".into(),
            hashed_password: "secret".into(),
        },
        FullUser {
            id: 2,
            name: "Bob".into(),
            email: "b@x.com".into(),
            role: "user".into(),
            hashed_password: "hunter2".into(),
        },
    ];
    let items: Vec<UserIdName> = users
        .into_iter()
        .map(|u| {
            // Dropped, as the showcase's view conversion drops them.
            let _ = (u.email, u.role, u.hashed_password);
            UserIdName {
                id: u.id,
                name: u.name,
            }
        })
        .collect();
    let total = items.len();
    Json(Page { items, total })
}

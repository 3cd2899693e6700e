/// Get a user
/// by id.
///
/// Looks the user up.
#[handler]
#[allow(clippy::unused_async)]
pub async fn get_user(State(db): State<Db>, Path(id): Path<u32>) -> Json<User> {
    db.get(id)
}

#[handler(crate = my::rm)]
pub(crate) async fn health() -> &'static str {
    "ok"
}

/// An `impl Trait` return type: no `ApiHandler`, no `IntoResponse` bound.
#[handler]
async fn raw(Json(body): Json<Value>) -> impl IntoResponse {
    body.to_string()
}

/// Replaced.
#[handler]
#[deprecated(note = "use get_user")]
pub async fn old_user() -> Json<User> {
    Json(User::default())
}

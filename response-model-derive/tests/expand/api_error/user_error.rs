/// Every kind of variant: `Display`, a literal `detail`, a `body` (tuple and named), a
/// logged 5xx, a shared status, and a `transparent` one.
#[api_error(crate = my::rm)]
enum UserError {
    /// No user has this id.
    #[api_error(status = 404)]
    NotFound(u64),
    /// The email is already registered.
    #[api_error(status = 409, body)]
    EmailTaken(Taken),
    /// The user is banned.
    ///
    /// Until the date given.
    #[api_error(status = 409, body)]
    Banned { ban: Banned },
    #[api_error(status = 500, detail = "Internal Server Error")]
    Database(String),
    #[api_error(transparent)]
    Auth(AuthError),
}

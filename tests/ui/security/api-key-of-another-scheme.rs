use response_model::routing::{ApiRouter, get};
use response_model::security::{ApiKey, ApiKeyScheme, SecurityScheme};

struct NotAKey;

impl ApiKeyScheme for NotAKey {
    // A bearer token is not an API key: `BearerToken` reads it.
    const SCHEME: SecurityScheme = SecurityScheme::http_bearer();
}

async fn read(key: ApiKey<NotAKey>) -> String {
    key.into_key()
}

fn main() {
    let _api: ApiRouter = ApiRouter::new().route("/items", get(read));
}

use response_model::ApiError;

// Read from requests, never sent: a `body` must be `Serialize` too.
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
struct NotSent {
    email: String,
}

#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 409, body)]
    Conflict(NotSent),
}

fn main() {}

use response_model::ApiError;

#[derive(Debug, serde::Serialize)]
struct NoSchema {
    email: String,
}

#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 409, body)]
    Conflict(NoSchema),
}

fn main() {}

use response_model::ApiError;

#[derive(Debug, ApiError)]
struct NotFound;

fn main() {}

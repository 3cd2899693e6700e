use response_model::{ApiError, HttpError};

#[derive(Debug, ApiError)]
enum E {
    #[api_error(transparent, status = 404)]
    Inner(HttpError<404>),
    #[api_error(transparent)]
    Two(HttpError<404>, HttpError<409>),
}

fn main() {}

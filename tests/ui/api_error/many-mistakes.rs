// Every mistake of the enum in one compile, each at its token.
use response_model::ApiError;

#[derive(Debug, ApiError)]
#[api_error(crate = response_model, status = 404)]
enum E {
    #[api_error(status = 404, status = 410)]
    Gone,
    #[api_error(status = 200)]
    Fine,
    #[api_error(status = 409, body, detail = "taken")]
    Taken(String),
    #[api_error(crate = response_model)]
    Lost,
    #[api_error(transparent, detail = "inner")]
    Inner(response_model::HttpError<400>),
}

impl std::fmt::Display for E {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("e")
    }
}

fn main() {}

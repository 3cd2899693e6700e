use response_model::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 404)]
    NotFound,
    Conflict,
}

impl std::fmt::Display for E {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("e")
    }
}

fn main() {}

use response_model::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api_error(status = 404, message = "gone")]
    NotFound,
}

impl std::fmt::Display for E {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("e")
    }
}

fn main() {}

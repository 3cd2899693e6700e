use response_model::responses::response_header;

response_header! {
    /// Spaces and capitals are no header name.
    pub XItem = "X Item": u32;
}

fn main() {}

response_model::media_type! {
    /// A typo: the subtype is missing.
    pub Csv = "text";
}

fn main() {}

response_model::responses::media::media_type! {
    /// A typo: the subtype is missing.
    pub Csv = "text";
}

fn main() {}

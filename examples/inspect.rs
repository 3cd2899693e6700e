//! Prints what the OpenAPI document says, so it can be read without a browser:
//! each view's JSON Schema (serialize contract, as responses are documented), then the
//! whole document of the sample API.
//!
//! ```text
//! cargo run --example inspect            # schemas, then the document
//! cargo run --example inspect -- doc     # the document only (pipe it to a file)
//! ```

#[path = "../tests/fixtures/openapi/app.rs"]
mod app;

use response_model::openapi::InspectSchema;

fn main() {
    let doc_only = std::env::args().nth(1).as_deref() == Some("doc");
    if !doc_only {
        let views = [
            ("AccountOut", app::AccountOut::response_schema()),
            ("AccountPublic", app::AccountPublic::response_schema()),
            ("AccountProfile", app::AccountProfile::response_schema()),
            ("UserOut", app::UserOut::response_schema()),
            (
                "PageOut<Item>",
                app::PageOut::<app::Item>::response_schema(),
            ),
        ];
        for (name, schema) in views {
            println!("# {name}");
            println!("{}", to_pretty(&schema));
            println!();
        }
        println!("# OpenAPI document");
    }
    println!("{}", app::api().openapi_json());
}

fn to_pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

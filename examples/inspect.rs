//! Prints what the OpenAPI document says, so it can be read without a browser: each
//! view's JSON Schema (serialize contract, as responses are documented), then the whole
//! document of the examples (the showcase's).
//!
//! ```text
//! cargo run --example inspect              # the views' schemas, then the document
//! cargo run --example inspect -- doc       # the document only (pipe it to a file)
//! ```

use response_model::openapi::output_schema;
use response_model_examples::{include_exclude, response_models, showcase, users_db};

fn main() -> Result<(), sqlx::Error> {
    // The showcase's users_db part needs a database to build its routes; nothing is read.
    let showcase = showcase::api(users_db::pool("sqlite::memory:")?);
    let mode = std::env::args().nth(1);
    match mode.as_deref() {
        Some("doc") => println!("{}", showcase.openapi_json()),
        _ => {
            let views = [
                (
                    "response_models::UserOut",
                    output_schema::<response_models::UserOut>(),
                ),
                (
                    "include_exclude::UserPublic",
                    output_schema::<include_exclude::UserPublic>(),
                ),
                (
                    "include_exclude::UserOut",
                    output_schema::<include_exclude::UserOut>(),
                ),
                (
                    "include_exclude::UserProfile",
                    output_schema::<include_exclude::UserProfile>(),
                ),
            ];
            for (name, schema) in views {
                println!("# {name}");
                println!("{}", to_pretty(&schema));
                println!();
            }
            println!("# OpenAPI document of the examples (showcase)");
            println!("{}", showcase.openapi_json());
        }
    }
    Ok(())
}

fn to_pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

//! Prints what the OpenAPI document says, so it can be read without a browser: each
//! view's JSON Schema (serialize contract, as responses are documented), then the whole
//! document of the examples (the showcase's).
//!
//! ```text
//! cargo run --example inspect              # the views' schemas, then the document
//! cargo run --example inspect -- doc       # the document only (pipe it to a file)
//! cargo run --example inspect -- sample    # the document of the OpenAPI tests' sample API
//! cargo run --example inspect -- serve     # the sample API on 127.0.0.1:3000, with
//!                                          # /openapi.json, /docs and /redoc
//! ```

#[allow(
    dead_code,
    reason = "the sample's handlers are called by the tests that share it"
)]
#[path = "../tests/fixtures/openapi/app.rs"]
mod app;

#[allow(dead_code, reason = "the examples' own `main`s and test hooks")]
#[path = "showcase.rs"]
mod showcase;

#[allow(
    dead_code,
    clippy::duplicate_mod,
    reason = "the example's own `main` and test hooks; the showcase loads it too, for its routes"
)]
#[path = "response_models.rs"]
mod response_models;

#[allow(
    dead_code,
    clippy::duplicate_mod,
    reason = "the example's own `main` and test hooks; the showcase loads it too, for its routes"
)]
#[path = "include_exclude.rs"]
mod include_exclude;

use response_model::openapi::output_schema;

fn main() {
    let mode = std::env::args().nth(1);
    match mode.as_deref() {
        Some("serve") => {
            let addr = std::env::args()
                .nth(2)
                .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
            serve(&addr);
        }
        Some("sample") => println!("{}", app::api().openapi_json()),
        Some("doc") => println!("{}", showcase::api().openapi_json()),
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
            println!("{}", showcase::api().openapi_json());
        }
    }
}

fn to_pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

fn serve(addr: &str) {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => return eprintln!("cannot start tokio: {e}"),
    };
    runtime.block_on(async {
        let app = app::api().with_docs().into_router();
        match tokio::net::TcpListener::bind(addr).await {
            Ok(listener) => {
                println!("http://{addr}/docs  http://{addr}/redoc  http://{addr}/openapi.json");
                if let Err(e) = axum::serve(listener, app).await {
                    eprintln!("server error: {e}");
                }
            }
            Err(e) => eprintln!("cannot bind {addr}: {e}"),
        }
    });
}

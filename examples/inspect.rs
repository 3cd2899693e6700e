//! Prints what the OpenAPI document says, so it can be read without a browser:
//! each view's JSON Schema (serialize contract, as responses are documented), then the
//! whole document of the sample API.
//!
//! ```text
//! cargo run --example inspect            # schemas, then the document
//! cargo run --example inspect -- doc     # the document only (pipe it to a file)
//! cargo run --example inspect -- serve    # the sample API on 127.0.0.1:3000, with
//!                                         # /openapi.json, /docs and /redoc
//! ```

#[path = "../tests/fixtures/openapi/app.rs"]
mod app;

use response_model::openapi::InspectSchema;

fn main() {
    let mode = std::env::args().nth(1);
    if mode.as_deref() == Some("serve") {
        let addr = std::env::args()
            .nth(2)
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        serve(&addr);
        return;
    }
    let doc_only = mode.as_deref() == Some("doc");
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

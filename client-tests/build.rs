//! Generates the client from the checked-in OpenAPI 3.0 document of the showcase
//! (`showcase-openapi-3.0.json`), as a user of progenitor's build-script mode would.

use std::path::Path;

fn main() {
    let src = Path::new("showcase-openapi-3.0.json");
    println!("cargo:rerun-if-changed={}", src.display());
    let text = match std::fs::read_to_string(src) {
        Ok(text) => text,
        Err(err) => fail(&format!("cannot read {}: {err}", src.display())),
    };
    let spec: openapiv3::OpenAPI = match serde_json::from_str(&text) {
        Ok(spec) => spec,
        Err(err) => fail(&format!("{} is not an OpenAPI 3.0 document: {err}", src.display())),
    };
    let mut generator = progenitor::Generator::default();
    let tokens = match generator.generate_tokens(&spec) {
        Ok(tokens) => tokens,
        Err(err) => fail(&format!("progenitor cannot generate a client: {err}")),
    };
    let file = match syn::parse2(tokens) {
        Ok(file) => file,
        Err(err) => fail(&format!("progenitor generated code that does not parse: {err}")),
    };
    let out = match std::env::var("OUT_DIR") {
        Ok(dir) => Path::new(&dir).join("client.rs"),
        Err(err) => fail(&format!("OUT_DIR: {err}")),
    };
    if let Err(err) = std::fs::write(&out, prettyplease::unparse(&file)) {
        fail(&format!("cannot write {}: {err}", out.display()));
    }
}

fn fail(why: &str) -> ! {
    eprintln!("{why}");
    std::process::exit(1);
}

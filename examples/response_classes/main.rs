//! Course section 6.2: every response class (in progress).
mod files_streams;

fn main() {
    let _ = files_streams::routes;
}

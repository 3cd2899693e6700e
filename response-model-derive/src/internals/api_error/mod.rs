//! `#[derive(ApiError)]`'s parse and check stages, built as the first derive's: `attr.rs`
//! records what `#[api_error(...)]` says, `ast.rs` is the enum as the derive sees it,
//! `check.rs` holds the rules and yields the checked model codegen reads.

pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod check;

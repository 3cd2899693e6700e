//! `#[derive(ResponseModel)]`: response views generated from a full model; `#[handler]`:
//! a handler whose doc comment documents its operation.
//!
//! Use them through the `response-model` crate, which documents the attribute grammar.

mod codegen;
mod expand;
mod handler;
mod internals;
#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

#[doc = include_str!("../ATTRIBUTES.md")]
#[proc_macro_derive(ResponseModel, attributes(response_model))]
pub fn derive_response_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

/// (Implemented in `response-model-derive`; use it as `response_model::handler`.)
#[proc_macro_attribute]
pub fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    handler::expand(args.into(), item.into()).into()
}

/// (Implemented in `response-model-derive`; use it as `response_model::ApiError`, which
/// documents it.)
#[proc_macro_derive(ApiError, attributes(api_error))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive_api_error(&input).into()
}

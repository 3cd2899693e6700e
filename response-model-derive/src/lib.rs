//! The macros of `response-model`: `#[derive(ResponseModel)]` (response views generated
//! from a full model), `#[derive(ApiError)]` (an error enum whose variants name their
//! statuses and bodies) and `#[handler]` (a handler whose doc comment documents its
//! operation).
//!
//! Use them through the `response-model` crate: each macro is documented once, on its
//! re-export there (`src/docs/*.md` of that crate), and the entry points here carry no docs
//! of their own, which rustdoc would append to those pages.

mod codegen;
mod expand;
mod handler;
mod internals;
#[cfg(test)]
mod snapshots;

use proc_macro::TokenStream;

#[allow(
    missing_docs,
    reason = "documented on the re-export: response_model::ResponseModel"
)]
#[proc_macro_derive(ResponseModel, attributes(response_model))]
pub fn derive_response_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

#[allow(
    missing_docs,
    reason = "documented on the re-export: response_model::handler"
)]
#[proc_macro_attribute]
pub fn handler(args: TokenStream, item: TokenStream) -> TokenStream {
    handler::expand(args.into(), item.into()).into()
}

#[allow(
    missing_docs,
    reason = "documented on the re-export: response_model::ApiError"
)]
#[proc_macro_derive(ApiError, attributes(api_error))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive_api_error(&input).into()
}

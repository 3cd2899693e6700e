//! `#[derive(ResponseModel)]`: response views generated from a full model.
//!
//! Use it through the `response-model` crate, which documents the attribute grammar.

mod codegen;
mod expand;
mod internals;

use proc_macro::TokenStream;

#[doc = include_str!("../ATTRIBUTES.md")]
#[proc_macro_derive(ResponseModel, attributes(response_model))]
pub fn derive_response_model(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

//! `#[derive(ResponseModel)]` (in progress).
use proc_macro::TokenStream;

/// Generates response views from a full model.
#[proc_macro_derive(ResponseModel, attributes(response_model))]
pub fn derive_response_model(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

//! `#[derive(ApiError)]`'s code generation: reads only the checked model. One generated
//! artifact, one file; everything is emitted in one `const _: () = { .. };` block.

mod api_response;
mod bounds;
mod fallback;
mod into_response;

use proc_macro2::TokenStream;
use quote::quote;

use crate::internals::api_error::ast::ErrorEnum;
use crate::internals::api_error::check::CheckedVariant;

pub(crate) use fallback::stubs;

pub(crate) fn expand(input: &ErrorEnum, variants: &[CheckedVariant]) -> TokenStream {
    let bounds = bounds::generate(input, variants);
    let into_response = into_response::generate(input, variants);
    let api_response = api_response::generate(input, variants);
    quote! {
        const _: () = {
            #bounds
            #into_response
            #api_response
        };
    }
}

/// `krate::__private`, where the runtime's support items are.
fn private(input: &ErrorEnum) -> TokenStream {
    let krate = &input.krate;
    quote!(#krate::__private)
}

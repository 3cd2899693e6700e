//! What a broken input still emits next to its `compile_error!`s: the enum's
//! `IntoResponse` and `ApiResponse`, so a handler returning it adds no "`IntoResponse` is
//! not satisfied" to the one mistake that matters (as thiserror's `fallback.rs` does for
//! `Error`).

use proc_macro2::TokenStream;
use quote::quote;

use super::private;
use crate::internals::api_error::ast::ErrorEnum;

pub(crate) fn stubs(input: &ErrorEnum) -> TokenStream {
    let p = private(input);
    let ident = &input.input.ident;
    let (impl_g, ty_g, where_clause) = input.input.generics.split_for_impl();
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_g #p::IntoResponse for #ident #ty_g #where_clause {
                fn into_response(self) -> #p::Response {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_g #p::ApiResponse for #ident #ty_g #where_clause {
                fn responses(_: &mut #p::DocContext) -> #p::Responses {
                    #p::Responses::new()
                }
            }
        };
    }
}

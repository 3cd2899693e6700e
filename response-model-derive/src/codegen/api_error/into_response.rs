//! `impl IntoResponse` for the enum: each variant's status and body (a 5xx logged first),
//! a transparent variant answering as its field.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Fields, Variant};

use super::private;
use crate::internals::api_error::ast::ErrorEnum;
use crate::internals::api_error::check::{Answer, Body, CheckedVariant};

pub(super) fn generate(input: &ErrorEnum, variants: &[CheckedVariant]) -> TokenStream {
    let p = private(input);
    let ident = &input.input.ident;
    let name = ident.to_string();
    let (impl_g, ty_g, where_clause) = input.input.generics.split_for_impl();
    let arms = variants.iter().map(|v| arm(&p, &name, v));
    quote! {
        #[automatically_derived]
        impl #impl_g #p::IntoResponse for #ident #ty_g #where_clause {
            fn into_response(self) -> #p::Response {
                #[allow(
                    clippy::match_single_binding,
                    reason = "an enum of one variant is matched as any other"
                )]
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn arm(p: &TokenStream, name: &str, v: &CheckedVariant) -> TokenStream {
    let vident = &v.variant.ident;
    match &v.answer {
        Answer::Transparent(_) => {
            let pattern = bind(v.variant, false);
            quote!(#pattern => #p::IntoResponse::into_response(__field),)
        }
        Answer::Status { status, body, .. } => {
            // Spanned at the variant: a missing `Display` is reported there.
            let display = quote_spanned!(vident.span()=> display(&self));
            let log =
                (*status >= 500).then(|| quote!(#p::log_server_error(#status, #name, #display);));
            let (pattern, respond) = match body {
                Body::Field(field) => {
                    // Spanned at the field's type: a body that is not `Serialize` is
                    // reported there.
                    let respond = quote_spanned!(field.ty.span()=> body_response(#status, __field));
                    (bind(v.variant, true), respond)
                }
                Body::Detail(lit) => (
                    rest(v.variant),
                    quote!(#p::error_detail_response(#status, #lit)),
                ),
                Body::Display => (
                    rest(v.variant),
                    quote!(#p::error_display_response(#status, #display)),
                ),
            };
            quote! {
                #pattern => {
                    #log
                    #respond
                }
            }
        }
    }
}

/// The pattern binding the variant's one field as `__field` (by reference when `self` is
/// still needed).
fn bind(variant: &Variant, by_ref: bool) -> TokenStream {
    let vident = &variant.ident;
    let r = by_ref.then(|| quote!(ref));
    let named = variant.fields.iter().next().and_then(|f| f.ident.as_ref());
    match (&variant.fields, named) {
        (Fields::Named(_), Some(name)) => quote!(Self::#vident { #name: #r __field }),
        _ => quote!(Self::#vident(#r __field)),
    }
}

/// The pattern matching the variant whatever it holds.
fn rest(variant: &Variant) -> TokenStream {
    let vident = &variant.ident;
    match &variant.fields {
        Fields::Unit => quote!(Self::#vident),
        Fields::Unnamed(_) => quote!(Self::#vident(..)),
        Fields::Named(_) => quote!(Self::#vident { .. }),
    }
}

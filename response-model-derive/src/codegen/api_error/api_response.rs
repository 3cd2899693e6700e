//! `impl ApiResponse` for the enum: each variant's status, body schema and doc comment,
//! merged through `Responses::merge` in declaration order (the one rule for two bodies
//! at one status: `anyOf`, identical ones once, every description kept); a transparent
//! variant merges its field's responses.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::private;
use crate::internals::api_error::ast::ErrorEnum;
use crate::internals::api_error::check::{Answer, Body, CheckedVariant};

pub(super) fn generate(input: &ErrorEnum, variants: &[CheckedVariant]) -> TokenStream {
    let p = private(input);
    let ident = &input.input.ident;
    let (impl_g, ty_g, where_clause) = input.input.generics.split_for_impl();
    let merges: Vec<TokenStream> = variants.iter().map(|v| merge(&p, v)).collect();
    let body = if merges.is_empty() {
        quote!(#p::Responses::new())
    } else {
        quote! {
            let mut __responses = #p::Responses::new();
            #(#merges)*
            __responses
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #p::ApiResponse for #ident #ty_g #where_clause {
            fn responses(__cx: &mut #p::DocContext) -> #p::Responses {
                #body
            }
        }
    }
}

fn merge(p: &TokenStream, v: &CheckedVariant) -> TokenStream {
    match &v.answer {
        Answer::Transparent(field) => {
            let ty = &field.ty;
            quote_spanned! {ty.span()=>
                __responses.merge(<#ty as #p::ApiResponse>::responses(__cx));
            }
        }
        Answer::Status {
            status,
            body,
            description,
        } => {
            let schema = match body {
                Body::Field(field) => {
                    let ty = &field.ty;
                    quote_spanned!(ty.span()=> body_schema::<#ty>(__cx))
                }
                Body::Display | Body::Detail(_) => quote!(#p::detail_schema(__cx)),
            };
            let detail = match body {
                Body::Detail(lit) => quote!(::core::option::Option::Some(#lit)),
                Body::Display | Body::Field(_) => quote!(::core::option::Option::None),
            };
            quote! {
                __responses.merge(#p::error_responses(#status, #description, #schema, #detail));
            }
        }
    }
}

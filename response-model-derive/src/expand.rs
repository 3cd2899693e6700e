//! The derives' stages: parse -> check (-> plan) -> codegen; on any mistake, every error
//! plus stand-ins.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::codegen;
use crate::internals::api_error::ast::ErrorEnum;
use crate::internals::ast::Container;
use crate::internals::ctxt::Ctxt;
use crate::internals::{check, plan};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if cont.shape_ok {
        check::check(&cx, &cont);
    }
    match cx.check() {
        Ok(()) => codegen::expand(&cont, &plan::plan(&cont)),
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(codegen::stubs(&cont));
            out
        }
    }
}

/// `#[derive(ApiError)]`.
pub(crate) fn derive_api_error(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = ErrorEnum::from_ast(&cx, input);
    let variants = crate::internals::api_error::check::check(&cx, &parsed);
    match cx.check() {
        Ok(()) => codegen::api_error::expand(&parsed, &variants),
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(codegen::api_error::stubs(&parsed));
            out
        }
    }
}

#[cfg(test)]
mod snapshots {
    #[test]
    fn expansions_match_snapshots() {
        crate::snapshots::assert_expansions("", 2, |file| {
            let mut out = proc_macro2::TokenStream::new();
            for item in &file.items {
                if let syn::Item::Struct(s) = item {
                    let input: syn::DeriveInput = syn::parse_quote!(#s);
                    out.extend(super::derive(&input));
                }
            }
            out
        });
    }

    /// `tests/expand/api_error/NAME.rs`: each `#[derive(ApiError)]` enum, expanded.
    #[test]
    fn api_error_expansions_match_snapshots() {
        crate::snapshots::assert_expansions("api_error", 1, |file| {
            let mut out = proc_macro2::TokenStream::new();
            for item in &file.items {
                if let syn::Item::Enum(e) = item {
                    let input: syn::DeriveInput = syn::parse_quote!(#e);
                    out.extend(super::derive_api_error(&input));
                }
            }
            out
        });
    }
}

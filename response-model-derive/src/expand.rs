//! parse -> check -> plan -> codegen; on any mistake, every error plus stand-ins.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::codegen;
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
}

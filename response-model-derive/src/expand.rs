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

/// Expansion snapshots, with insta: each `tests/expand/NAME.rs` expands (prettyplease) to
/// `tests/expand/NAME.snap`, reviewed like code. After a reviewed change, rewrite them with
/// `INSTA_UPDATE=always cargo test -p response-model-derive` (or `cargo insta review`).
#[cfg(test)]
mod snapshots {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        reason = "tests"
    )]

    use std::path::Path;

    #[test]
    fn expansions_match_snapshots() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let file: syn::File = syn::parse_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut out = proc_macro2::TokenStream::new();
            for item in &file.items {
                if let syn::Item::Struct(s) = item {
                    let input: syn::DeriveInput = syn::parse_quote!(#s);
                    out.extend(super::derive(&input));
                }
            }
            let expanded = prettyplease::unparse(&syn::parse2(out).unwrap());
            insta::with_settings!({
                snapshot_path => "../tests/expand",
                prepend_module_to_snapshot => false,
                input_file => &path,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.as_str(), expanded);
            });
            checked += 1;
        }
        assert!(
            checked >= 2,
            "expected expansion inputs in {}",
            dir.display()
        );
    }
}

//! parse -> check -> codegen; on any mistake, every error plus stand-ins.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::codegen;
use crate::internals::ast::Model;
use crate::internals::check;
use crate::internals::ctxt::Ctxt;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = Model::from_ast(&cx, input);
    let plans = if model.shape_ok {
        check::check(&cx, &model)
    } else {
        Vec::new()
    };
    match cx.check() {
        Ok(()) => codegen::expand(&model, &plans),
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(codegen::stubs(&model));
            out
        }
    }
}

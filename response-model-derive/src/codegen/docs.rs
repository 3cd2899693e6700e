//! The OpenAPI documentation of each view, through the runtime's `view_docs!` macro so
//! the response description lives next to the other response types.

use proc_macro2::TokenStream;
use quote::quote;

use crate::internals::ast::Container;
use crate::internals::plan::ViewPlan;

pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> TokenStream {
    let krate = &cont.krate;
    let name = &plan.attr.name;
    let (impl_g, ty_g, _) = cont.input.generics.split_for_impl();
    let preds = cont
        .input
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    quote! {
        #krate::__private::view_docs! {
            impl_generics: [#impl_g],
            ty: [#name #ty_g],
            where_predicates: [#(#preds,)*],
        }
    }
}

//! `impl IntoResponse for View`: 200 `application/json`, so a view is a handler's
//! return type as it is.

use proc_macro2::TokenStream;
use quote::quote;

use super::where_with;
use crate::internals::ast::Container;
use crate::internals::plan::ViewPlan;

pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> TokenStream {
    let krate = &cont.krate;
    let name = &plan.attr.name;
    let (impl_g, ty_g, _) = cont.input.generics.split_for_impl();
    // A generic view is `Serialize` where its parameters are; a plain one always is, and
    // the bound would only be one more predicate to prove.
    let serialize = (!cont.input.generics.params.is_empty())
        .then(|| quote!(Self: #krate::__private::Serialize));
    let where_clause = where_with(&cont.input.generics, serialize.into_iter().collect());
    quote! {
        #[automatically_derived]
        impl #impl_g #krate::__private::IntoResponse for #name #ty_g #where_clause {
            // Inline: compiled where a handler returns the view, not in every crate that
            // defines one (a view never returned costs no JSON encoder code).
            #[inline]
            fn into_response(self) -> #krate::__private::Response {
                #krate::__private::view_response(&self)
            }
        }
    }
}

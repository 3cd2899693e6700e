//! `Clone` and `Debug` for each view, where its fields allow them.
//!
//! The bounds are per field type under a `for<'__rm>` binder: a bound that does not
//! hold (a field that isn't `Clone`) then only makes the impl not apply, instead of
//! being a compile error as a trivially false bound would be.

use proc_macro2::TokenStream;
use quote::quote;

use super::where_with;
use crate::internals::ast::Model;
use crate::internals::check::ViewPlan;

pub(super) fn generate(model: &Model, plan: &ViewPlan) -> TokenStream {
    let name = &plan.attr.name;
    let name_str = name.to_string();
    let (impl_g, ty_g, _) = model.input.generics.split_for_impl();
    let bounds = |tr: TokenStream| {
        let preds = plan
            .fields
            .iter()
            .map(|f| {
                let ty = &f.ty;
                quote!(for<'__rm> #ty: #tr)
            })
            .collect();
        where_with(&model.input.generics, preds)
    };
    let clone_where = bounds(quote!(::core::clone::Clone));
    let debug_where = bounds(quote!(::core::fmt::Debug));
    let idents: Vec<_> = plan.fields.iter().map(|f| f.field.ident).collect();
    let labels = plan.fields.iter().map(|f| f.field.name());
    let phantom = (!plan.unused.is_empty())
        .then(|| quote!(__response_model_phantom: ::core::marker::PhantomData,));
    quote! {
        #[automatically_derived]
        impl #impl_g ::core::clone::Clone for #name #ty_g #clone_where {
            #[inline]
            fn clone(&self) -> Self {
                Self {
                    #(#idents: ::core::clone::Clone::clone(&self.#idents),)*
                    #phantom
                }
            }
        }
        #[automatically_derived]
        impl #impl_g ::core::fmt::Debug for #name #ty_g #debug_where {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.debug_struct(#name_str)
                    #(.field(#labels, &self.#idents))*
                    .finish()
            }
        }
    }
}

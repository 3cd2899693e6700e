//! `Clone` and `Debug` for each view, where its fields allow them.
//!
//! The bounds are per field type under a `for<'__rm>` binder: a bound that does not
//! hold (a field that isn't `Clone`) then only makes the impl not apply, instead of
//! being a compile error as a trivially false bound would be. Fields of std types that are
//! certainly both (`i64`, `String`, `Vec<String>`, ...) get no bound: each bound is a
//! predicate the compiler proves for every view.

use proc_macro2::TokenStream;
use quote::quote;

use super::where_with;
use crate::internals::ast::Container;
use crate::internals::plan::{FieldPlan, ViewPlan};
use crate::internals::types::is_std_clone_debug;

/// Whether the view's `Clone` and `Debug` are the compiler's own derives: a non-generic
/// view whose fields are all certainly both needs no bound, and the built-in expansion is
/// the cheapest to check (its `Debug` is one call, not a builder chain).
pub(super) fn builtin(cont: &Container, plan: &ViewPlan) -> bool {
    cont.input.generics.params.is_empty()
        && cont.input.generics.where_clause.is_none()
        && plan.fields.iter().all(|f| is_std_clone_debug(&f.ty))
}

pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> TokenStream {
    if builtin(cont, plan) {
        return TokenStream::new();
    }
    let name = &plan.attr.name;
    let name_str = name.to_string();
    let (impl_g, ty_g, _) = cont.input.generics.split_for_impl();
    // A field nested through this very view (`children: Vec<NodeOut>` in `NodeOut`) holds
    // exactly when the impl does: bounding it would make rustc recurse forever.
    let recursive = |f: &&FieldPlan| {
        f.nest.as_ref().is_some_and(|n| match n.view {
            syn::Type::Path(p) => {
                p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == *name)
            }
            _ => false,
        })
    };
    let bounds = |tr: TokenStream| {
        let preds = plan
            .fields
            .iter()
            .filter(|f| !recursive(f) && !is_std_clone_debug(&f.ty))
            .map(|f| {
                let ty = &f.ty;
                quote!(for<'__rm> #ty: #tr)
            })
            .collect();
        where_with(&cont.input.generics, preds)
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
            // Inline: compiled where a view is formatted, not in every crate defining one.
            #[inline]
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.debug_struct(#name_str)
                    #(.field(#labels, &self.#idents))*
                    .finish()
            }
        }
    }
}

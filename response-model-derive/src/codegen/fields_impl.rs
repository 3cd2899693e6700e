//! `FieldList` for the model and each view, and `View` for each view.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::{Container, Field};
use crate::internals::plan::{NestPlan, ViewPlan};

/// Which side of a `nest` a field list entry points at.
#[derive(Clone, Copy)]
enum Side {
    Model,
    View,
}

/// One field's entry: wire name, and where the nested model's (or view's) fields are
/// listed. Both go through `ViewOf<Leaf>` so a wrong `nest` is one error, not three.
fn entry(cont: &Container, wire: &str, nest: Option<(&NestPlan, Side)>) -> TokenStream {
    let krate = &cont.krate;
    // The entry sits in a `const`, which can't name the model's generic parameters: a
    // nested generic model is listed as a leaf.
    let usable = |n: &NestPlan| !cont.mentions_generics(n.view) && !cont.mentions_generics(&n.leaf);
    match nest.filter(|(n, _)| usable(n)) {
        Some((n, side)) => {
            let (view, leaf) = (n.view, &n.leaf);
            let func = match side {
                Side::Model => quote!(full_fields),
                Side::View => quote!(view_fields),
            };
            quote_spanned!(view.span()=> #krate::__private::FieldInfo::nested(
                #wire,
                nest::<#leaf, #view>().#func,
            ))
        }
        None => quote!(#krate::__private::FieldInfo::leaf(#wire)),
    }
}

/// `FieldList` for `ty`, from its entries (wire name, field info).
fn impl_fields(
    cont: &Container,
    ty: TokenStream,
    entries: Vec<(String, TokenStream)>,
) -> TokenStream {
    let krate = &cont.krate;
    let (impl_g, _, where_clause) = cont.input.generics.split_for_impl();
    let names = entries.iter().map(|(n, _)| n);
    let infos = entries.iter().map(|(_, i)| i);
    quote! {
        #[automatically_derived]
        impl #impl_g #krate::__private::FieldList for #ty #where_clause {
            const NAMES: &'static [&'static str] = &[#(#names),*];
            fn fields() -> &'static [#krate::__private::FieldInfo] {
                const __FIELDS: &[#krate::__private::FieldInfo] = &[#(#infos),*];
                __FIELDS
            }
        }
    }
}

pub(super) fn view(cont: &Container, plan: &ViewPlan) -> TokenStream {
    let krate = &cont.krate;
    let model_ident = &cont.input.ident;
    let name = &plan.attr.name;
    let (impl_g, ty_g, where_clause) = cont.input.generics.split_for_impl();
    let entries = plan
        .fields
        .iter()
        .filter(|f| f.field.is_listed())
        .map(|f| {
            let wire = f.field.wire_name(plan.rename);
            let info = entry(cont, &wire, f.nest.as_ref().map(|n| (n, Side::View)));
            (wire, info)
        })
        .collect();
    let fields = impl_fields(cont, quote!(#name #ty_g), entries);
    quote! {
        #fields
        #[automatically_derived]
        impl #impl_g #krate::__private::View for #name #ty_g #where_clause {
            type FullModel = #model_ident #ty_g;
        }
    }
}

pub(super) fn model(cont: &Container, plans: &[ViewPlan]) -> TokenStream {
    let model_ident = &cont.input.ident;
    let (_, ty_g, _) = cont.input.generics.split_for_impl();
    let nested_leaf = |field: &Field| {
        plans
            .iter()
            .flat_map(|p| p.fields.iter())
            .find(|f| f.field.ident == field.ident)
            .and_then(|f| f.nest.as_ref())
    };
    let entries = cont
        .fields
        .iter()
        .filter(|f| !f.secret && f.is_listed())
        .map(|f| {
            let wire = f.wire_name(cont.serde_rename_all.as_ref());
            let info = entry(cont, &wire, nested_leaf(f).map(|n| (n, Side::Model)));
            (wire, info)
        })
        .collect();
    impl_fields(cont, quote!(#model_ident #ty_g), entries)
}

//! `ModelFields` for the model and each view, and `View` for each view.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

use crate::internals::ast::{Field, Model};
use crate::internals::check::{ViewPlan, mentions_generics};

/// One field's entry: wire name, and where the nested model's fields are listed.
fn entry(model: &Model, wire: &str, nested: Option<&Type>) -> TokenStream {
    let krate = &model.krate;
    match nested.filter(|ty| !mentions_generics(model, ty)) {
        Some(ty) => quote!(#krate::__private::FieldInfo::nested(
            #wire,
            <#ty as #krate::__private::ModelFields>::field_info,
        )),
        None => quote!(#krate::__private::FieldInfo::leaf(#wire)),
    }
}

fn impl_fields(model: &Model, ty: TokenStream, entries: Vec<(String, TokenStream)>) -> TokenStream {
    let krate = &model.krate;
    let (impl_g, _, where_clause) = model.input.generics.split_for_impl();
    let names = entries.iter().map(|(n, _)| n);
    let infos = entries.iter().map(|(_, i)| i);
    quote! {
        #[automatically_derived]
        impl #impl_g #krate::__private::ModelFields for #ty #where_clause {
            const FIELDS: &'static [&'static str] = &[#(#names),*];
            fn field_info() -> &'static [#krate::__private::FieldInfo] {
                const __FIELDS: &[#krate::__private::FieldInfo] = &[#(#infos),*];
                __FIELDS
            }
        }
    }
}

pub(super) fn view(model: &Model, plan: &ViewPlan) -> TokenStream {
    let krate = &model.krate;
    let model_ident = &model.input.ident;
    let name = &plan.attr.name;
    let (impl_g, ty_g, where_clause) = model.input.generics.split_for_impl();
    let entries = plan
        .fields
        .iter()
        .filter(|f| f.field.is_listed())
        .map(|f| {
            let wire = f.field.wire_name(plan.rename);
            let info = entry(model, &wire, f.nest.as_ref().map(|n| n.view));
            (wire, info)
        })
        .collect();
    let fields = impl_fields(model, quote!(#name #ty_g), entries);
    quote! {
        #fields
        #[automatically_derived]
        impl #impl_g #krate::__private::View for #name #ty_g #where_clause {
            type Model = #model_ident #ty_g;
        }
    }
}

pub(super) fn model(model: &Model, plans: &[ViewPlan]) -> TokenStream {
    let model_ident = &model.input.ident;
    let (_, ty_g, _) = model.input.generics.split_for_impl();
    let nested_leaf = |field: &Field| {
        plans
            .iter()
            .flat_map(|p| p.fields.iter())
            .find(|f| f.field.ident == field.ident)
            .and_then(|f| f.nest.as_ref())
            .map(|n| &n.leaf)
    };
    let entries = model
        .fields
        .iter()
        .filter(|f| !f.secret && f.is_listed())
        .map(|f| {
            let wire = f.wire_name(model.serde_rename_all.as_ref());
            let info = entry(model, &wire, nested_leaf(f));
            (wire, info)
        })
        .collect();
    impl_fields(model, quote!(#model_ident #ty_g), entries)
}

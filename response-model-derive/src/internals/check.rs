//! Rules that span fields and views, each mistake reported into the [`Ctxt`]. Nothing is
//! planned here: once the container passes, `plan.rs` reads it without any check left.

use std::collections::BTreeSet;

use syn::Ident;

use super::ast::{Container, Field};
use super::attr::{FieldList, NestAttr, ViewAttr, did_you_mean};
use super::ctxt::Ctxt;
use super::symbol::{EXCLUDE, INCLUDE, NEST, all_of};
use super::types;

/// Every view's rules, view after view (so errors come in declaration order).
pub(crate) fn check(cx: &Ctxt, cont: &Container) {
    for (i, view) in cont.views.iter().enumerate() {
        check_name(cx, cont, &cont.views[..i], view);
        check_selection(cx, cont, view);
        check_nests(cx, cont, view);
        check_closed(cx, cont, view);
    }
}

/// A view's name is its own: not the container's, not an earlier view's.
fn check_name(cx: &Ctxt, cont: &Container, earlier: &[ViewAttr], view: &ViewAttr) {
    let name = &view.name;
    if *name == cont.input.ident {
        cx.error_spanned_by(
            name,
            format!(
                "a view can't have the model's own name `{name}`; name it after what it shows, e.g. `{name}Out` or `{name}Public`"
            ),
        );
    }
    if let Some(first) = earlier.iter().find(|v| v.name == *name) {
        let mut err = syn::Error::new(
            name.span(),
            format!("two views are named `{name}`; give each view its own name"),
        );
        err.combine(syn::Error::new(
            first.name.span(),
            format!("`{name}` is first declared here"),
        ));
        cx.syn_error(err);
    }
}

/// `include`/`exclude`: at most one of them, naming known fields once each (and, for
/// `include`, no secret one), leaving the view at least one field.
fn check_selection(cx: &Ctxt, cont: &Container, view: &ViewAttr) {
    if let (Some(inc), Some(exc)) = (&view.include, &view.exclude) {
        let mut err = syn::Error::new(
            exc.keyword.span(),
            "`include` and `exclude` can't be combined in one view: `include` already lists every field the view holds; keep one of them",
        );
        err.combine(syn::Error::new(inc.keyword.span(), "`include` given here"));
        cx.syn_error(err);
    }
    let included = view
        .include
        .as_ref()
        .map(|list| resolve(cx, cont, list, true));
    if let Some(list) = &view.exclude {
        resolve(cx, cont, list, false);
    }
    if let Some(list) = &view.include
        && list.fields.is_empty()
    {
        cx.error_at(
            list.group_span,
            "`include()` names no field; list the fields the view holds, e.g. `include(id, name)`",
        );
    }
    // An `include` that resolved to nothing has been reported already, name by name.
    if cont.view_fields(view).is_empty() && included.is_none_or(|i| !i.is_empty()) {
        cx.error_spanned_by(
            &view.name,
            format!(
                "view `{}` holds no field: every field of `{}` is excluded or secret",
                view.name, cont.input.ident
            ),
        );
    }
}

/// Resolves `include(...)`/`exclude(...)` names, reporting unknown, repeated and (for
/// include) secret ones; the names found.
fn resolve(cx: &Ctxt, cont: &Container, list: &FieldList, including: bool) -> BTreeSet<String> {
    let what = if including { INCLUDE } else { EXCLUDE };
    let mut names = BTreeSet::new();
    for ident in &list.fields {
        let Some(field) = lookup(cx, cont, ident, what) else {
            continue;
        };
        if including && field.secret {
            secret_error(cx, ident, what);
            continue;
        }
        if !names.insert(field.name()) {
            cx.error_spanned_by(
                ident,
                format!("`{ident}` is named twice in `{what}(...)`; name it once"),
            );
        }
    }
    names
}

/// `closed` lists every key the view may send, which a `#[serde(flatten)]`ed field makes
/// impossible (its keys are its type's, unknown here): reported at `closed` and at each
/// flattened field the view holds.
fn check_closed(cx: &Ctxt, cont: &Container, view: &ViewAttr) {
    let Some(closed) = &view.closed else {
        return;
    };
    for field in cont
        .view_fields(view)
        .into_iter()
        .filter(|f| f.serde.flatten)
    {
        let name = field.name();
        let leave_out = if view.include.is_some() {
            format!("remove `{name}` from `include(...)`")
        } else {
            format!("leave `{name}` out with `exclude({name})`")
        };
        let mut err = syn::Error::new(
            closed.span(),
            format!(
                "view `{}` can't be `closed`: its field `{name}` is `#[serde(flatten)]`, whose keys the view can't list; remove `closed`, or {leave_out}",
                view.name,
            ),
        );
        err.combine(syn::Error::new(
            field.ident.span(),
            format!("`{name}` is flattened here"),
        ));
        cx.syn_error(err);
    }
}

/// `nest(field = View)`: each maps, once, a public field the view shows whose type may
/// hold a model. Only the first mistake of each entry is reported.
fn check_nests(cx: &Ctxt, cont: &Container, view: &ViewAttr) {
    let shown = cont.view_fields(view);
    // The entries that passed, so a second mapping of a field is reported at the first.
    let mut mapped: Vec<&Ident> = Vec::new();
    for nest in &view.nest {
        if check_nest(cx, cont, view, &shown, &mapped, nest) {
            mapped.push(&nest.field);
        }
    }
}

/// One `field = View` of `nest(...)`; whether it passed.
fn check_nest(
    cx: &Ctxt,
    cont: &Container,
    view: &ViewAttr,
    shown: &[&Field],
    mapped: &[&Ident],
    nest: &NestAttr,
) -> bool {
    let Some(field) = lookup(cx, cont, &nest.field, NEST) else {
        return false;
    };
    if field.secret {
        secret_error(cx, &nest.field, NEST);
        return false;
    }
    if let Some(first) = mapped.iter().find(|f| ***f == nest.field) {
        let mut err = syn::Error::new(
            nest.field.span(),
            format!("`{}` is nested twice; map it to one view", nest.field),
        );
        err.combine(syn::Error::new(first.span(), "first mapped here"));
        cx.syn_error(err);
        return false;
    }
    if !shown.iter().any(|f| f.ident == field.ident) {
        cx.error_spanned_by(
            &nest.field,
            format!(
                "`{}` is not in view `{}`, so there is nothing to nest; remove it from `nest(...)` or from `exclude(...)`",
                nest.field, view.name
            ),
        );
        return false;
    }
    if types::holds_no_model(types::peel(&field.original.ty).leaf) {
        let ty = &field.original.ty;
        cx.error_spanned_by(
            &nest.field,
            format!(
                "`{}` has type `{}`, which holds no model; `nest` maps a field whose type is a model deriving ResponseModel, or holds one in `Vec`, `Option`, `Box`, `HashMap` or `BTreeMap`",
                nest.field,
                quote::quote!(#ty).to_string().replace(" < ", "<").replace(" >", ">").replace("< ", "<")
            ),
        );
        return false;
    }
    true
}

/// The field `ident` names, or an error with the closest public name (or all of them).
fn lookup<'c, 'a>(
    cx: &Ctxt,
    cont: &'c Container<'a>,
    ident: &Ident,
    what: &str,
) -> Option<&'c Field<'a>> {
    if let Some(field) = cont.field(ident) {
        return Some(field);
    }
    let public: Vec<String> = cont.public_fields().map(|f| f.name()).collect();
    let hint = match did_you_mean(&ident.to_string(), public.iter().map(String::as_str)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => format!(
            "; the fields of `{}` are {}",
            cont.input.ident,
            all_of(&public.iter().map(String::as_str).collect::<Vec<_>>())
        ),
    };
    cx.error_spanned_by(
        ident,
        format!(
            "no field `{ident}` on `{}` in `{what}(...)`{hint}",
            cont.input.ident
        ),
    );
    None
}

fn secret_error(cx: &Ctxt, ident: &Ident, what: &str) {
    cx.error_spanned_by(
        ident,
        format!(
            "`{ident}` is secret (`#[response_model(secret)]`): it can never be part of a view; remove it from `{what}(...)`"
        ),
    );
}

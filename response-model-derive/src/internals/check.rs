//! Rules that span fields and views. Turns the parsed views into plans codegen can follow
//! without ever reporting an attribute error itself.

use std::collections::BTreeSet;

use syn::visit::Visit;
use syn::{GenericParam, Ident, Lifetime, Type};

use super::ast::{Field, Model};
use super::attr::{FieldList, ViewAttr, did_you_mean};
use super::case::Rename;
use super::ctxt::Ctxt;
use super::types::{self, Mentions, Wrapper};

pub(crate) struct ViewPlan<'m, 'a> {
    pub(crate) attr: &'m ViewAttr,
    pub(crate) fields: Vec<FieldPlan<'m, 'a>>,
    /// The `rename_all` rule of the view's struct: the view's own, else the model's.
    pub(crate) rename: Option<&'m Rename>,
    /// Generic parameters of the model that no field of the view uses (they go into a
    /// `PhantomData` so the view keeps the model's generics).
    pub(crate) unused: Unused,
}

#[derive(Default)]
pub(crate) struct Unused {
    pub(crate) types: Vec<Ident>,
    pub(crate) lifetimes: Vec<Lifetime>,
    pub(crate) consts: Vec<Ident>,
}

impl Unused {
    pub(crate) fn is_empty(&self) -> bool {
        self.types.is_empty() && self.lifetimes.is_empty() && self.consts.is_empty()
    }
}

pub(crate) struct FieldPlan<'m, 'a> {
    pub(crate) field: &'m Field<'a>,
    /// The view field's type: the model's, with a nested model replaced by its view.
    pub(crate) ty: Type,
    pub(crate) nest: Option<NestPlan<'m>>,
    /// `exclude_none`: skipped when `None`; the schema is the inner type's (not nullable).
    pub(crate) skip_none: Option<Option<Type>>,
    /// `exclude_defaults`: skipped when equal to `Default::default()`.
    pub(crate) skip_default: bool,
    /// `exclude_unset`: a `Tristate` skipped when unset.
    pub(crate) skip_unset: bool,
}

pub(crate) struct NestPlan<'m> {
    pub(crate) view: &'m Type,
    pub(crate) wrappers: Vec<Wrapper>,
    pub(crate) leaf: Type,
}

pub(crate) fn check<'m, 'a>(cx: &Ctxt, model: &'m Model<'a>) -> Vec<ViewPlan<'m, 'a>> {
    let model_ident = &model.input.ident;
    let mut plans = Vec::new();
    for (i, view) in model.views.iter().enumerate() {
        let name = &view.name;
        if name == model_ident {
            cx.error_spanned_by(
                name,
                format!(
                    "a view can't have the model's own name `{name}`; name it after what it shows, e.g. `{name}Out` or `{name}Public`"
                ),
            );
        }
        if let Some(first) = model.views[..i].iter().find(|v| v.name == *name) {
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
        if let Some(plan) = plan_view(cx, model, view) {
            plans.push(plan);
        }
    }
    plans
}

fn plan_view<'m, 'a>(
    cx: &Ctxt,
    model: &'m Model<'a>,
    view: &'m ViewAttr,
) -> Option<ViewPlan<'m, 'a>> {
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
        .map(|list| resolve(cx, model, list, true));
    let excluded = view
        .exclude
        .as_ref()
        .map(|list| resolve(cx, model, list, false));
    if let Some(list) = &view.include
        && list.fields.is_empty()
    {
        cx.error_at(
            list.group_span,
            "`include()` names no field; list the fields the view holds, e.g. `include(id, name)`",
        );
    }

    let selected: Vec<&Field> = model
        .fields
        .iter()
        .filter(|f| !f.secret)
        .filter(|f| match (&included, &excluded) {
            (Some(inc), _) => inc.contains(&f.name()),
            (None, Some(exc)) => !exc.contains(&f.name()),
            (None, None) => true,
        })
        .collect();
    if selected.is_empty() && included.as_ref().is_none_or(|i| !i.is_empty()) {
        cx.error_spanned_by(
            &view.name,
            format!(
                "view `{}` holds no field: every field of `{}` is excluded or secret",
                view.name, model.input.ident
            ),
        );
    }

    let mut nests: Vec<(&Ident, NestPlan)> = Vec::new();
    for nest in &view.nest {
        let Some(field) = lookup(cx, model, &nest.field, "nest") else {
            continue;
        };
        if field.secret {
            secret_error(cx, &nest.field, "nest");
            continue;
        }
        if let Some((first, _)) = nests.iter().find(|(f, _)| **f == nest.field) {
            let mut err = syn::Error::new(
                nest.field.span(),
                format!("`{}` is nested twice; map it to one view", nest.field),
            );
            err.combine(syn::Error::new(first.span(), "first mapped here"));
            cx.syn_error(err);
            continue;
        }
        if !selected.iter().any(|f| f.ident == field.ident) {
            cx.error_spanned_by(
                &nest.field,
                format!(
                    "`{}` is not in view `{}`, so there is nothing to nest; remove it from `nest(...)` or from `exclude(...)`",
                    nest.field, view.name
                ),
            );
            continue;
        }
        let shape = types::peel(&field.original.ty);
        if types::holds_no_model(shape.leaf) {
            let ty = &field.original.ty;
            cx.error_spanned_by(
                &nest.field,
                format!(
                    "`{}` has type `{}`, which holds no model; `nest` maps a field whose type is a model deriving ResponseModel, or holds one in `Vec`, `Option`, `Box`, `HashMap` or `BTreeMap`",
                    nest.field,
                    quote::quote!(#ty).to_string().replace(" < ", "<").replace(" >", ">").replace("< ", "<")
                ),
            );
            continue;
        }
        nests.push((
            &nest.field,
            NestPlan {
                view: &nest.view,
                wrappers: shape.wrappers,
                leaf: shape.leaf.clone(),
            },
        ));
    }

    // Any mistake means no views are generated (only stubs): no need to plan further.
    if cx.has_errors() {
        return None;
    }

    let fields = selected
        .into_iter()
        .map(|field| {
            let nest = nests
                .iter()
                .position(|(f, _)| *f == field.ident)
                .map(|i| nests.remove(i).1);
            let ty = match &nest {
                Some(n) => types::replace_leaf(&field.original.ty, n.view),
                None => field.original.ty.clone(),
            };
            let free = !field.serde.skip_serializing_if;
            let skip_none = (view.exclude_none.is_some() && free)
                .then(|| types::option_inner(&ty).cloned())
                .flatten()
                .map(|inner| (!field.serde.custom_serializer).then_some(inner));
            let skip_unset =
                view.exclude_unset.is_some() && free && types::is_tristate(&field.original.ty);
            let skip_default =
                view.exclude_defaults.is_some() && free && skip_none.is_none() && !skip_unset;
            FieldPlan {
                field,
                ty,
                nest,
                skip_none,
                skip_default,
                skip_unset,
            }
        })
        .collect::<Vec<_>>();

    let unused = unused_generics(model, &fields);
    Some(ViewPlan {
        attr: view,
        fields,
        rename: view.rename_all.as_ref().or(model.serde_rename_all.as_ref()),
        unused,
    })
}

/// Resolves `include(...)`/`exclude(...)` names, reporting unknown, repeated and (for
/// include) secret ones.
fn resolve(cx: &Ctxt, model: &Model, list: &FieldList, including: bool) -> BTreeSet<String> {
    let what = if including { "include" } else { "exclude" };
    let mut names = BTreeSet::new();
    for ident in &list.fields {
        let Some(field) = lookup(cx, model, ident, what) else {
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

fn lookup<'m, 'a>(
    cx: &Ctxt,
    model: &'m Model<'a>,
    ident: &Ident,
    what: &str,
) -> Option<&'m Field<'a>> {
    if let Some(field) = model.field(ident) {
        return Some(field);
    }
    let public: Vec<String> = model
        .fields
        .iter()
        .filter(|f| !f.secret)
        .map(|f| f.name())
        .collect();
    let hint = match did_you_mean(&ident.to_string(), public.iter().map(String::as_str)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => format!(
            "; the fields of `{}` are {}",
            model.input.ident,
            super::symbol::all_of(&public.iter().map(String::as_str).collect::<Vec<_>>())
        ),
    };
    cx.error_spanned_by(
        ident,
        format!(
            "no field `{ident}` on `{}` in `{what}(...)`{hint}",
            model.input.ident
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

fn unused_generics(model: &Model, fields: &[FieldPlan]) -> Unused {
    let mut mentions = Mentions::default();
    for f in fields {
        mentions.visit_type(&f.ty);
    }
    let mut unused = Unused::default();
    for param in &model.input.generics.params {
        match param {
            GenericParam::Type(t) if !mentions.idents.contains(&t.ident.to_string()) => {
                unused.types.push(t.ident.clone());
            }
            GenericParam::Lifetime(l)
                if !mentions.lifetimes.contains(&l.lifetime.ident.to_string()) =>
            {
                unused.lifetimes.push(l.lifetime.clone());
            }
            GenericParam::Const(c) if !mentions.idents.contains(&c.ident.to_string()) => {
                unused.consts.push(c.ident.clone());
            }
            _ => {}
        }
    }
    unused
}

/// Whether `ty` names one of the model's generic parameters (then a `const` item can't
/// refer to it).
pub(crate) fn mentions_generics(model: &Model, ty: &Type) -> bool {
    let mut mentions = Mentions::default();
    mentions.visit_type(ty);
    model.input.generics.params.iter().any(|p| match p {
        GenericParam::Type(t) => mentions.idents.contains(&t.ident.to_string()),
        GenericParam::Const(c) => mentions.idents.contains(&c.ident.to_string()),
        GenericParam::Lifetime(l) => mentions.lifetimes.contains(&l.lifetime.ident.to_string()),
    })
}

//! What codegen follows, built from a container that passed `check`: the fields each view
//! holds, their types, what `nest` maps and what serde leaves out. Nothing here can fail:
//! every rule was checked before.

use syn::visit::Visit;
use syn::{GenericParam, Ident, Lifetime, Type};

use super::ast::{Container, Field};
use super::attr::{NestAttr, ViewAttr};
use super::case::Rename;
use super::types::{self, Mentions, Settable, Wrapper};

/// One view to generate; borrows from the container (`'c`), which borrows the input (`'a`).
pub(crate) struct ViewPlan<'c, 'a> {
    pub(crate) attr: &'c ViewAttr,
    pub(crate) fields: Vec<FieldPlan<'c, 'a>>,
    /// The `rename_all` rule of the view's struct: the view's own, else the model's.
    pub(crate) rename: Option<&'c Rename>,
    /// Generic parameters of the model that no field of the view uses (they go into a
    /// `PhantomData` so the view keeps the model's generics).
    pub(crate) unused: Unused,
    /// `closed`: the schema admits no key but the view's own.
    pub(crate) closed: bool,
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

pub(crate) struct FieldPlan<'c, 'a> {
    pub(crate) field: &'c Field<'a>,
    /// The view field's type: the model's, with a nested model replaced by its view.
    pub(crate) ty: Type,
    pub(crate) nest: Option<NestPlan<'c>>,
    pub(crate) omit: Omit,
}

impl FieldPlan<'_, '_> {
    /// An `Option`/`Tristate` that is always sent (`null` when `None`): required under
    /// either contract, nullable. schemars' deserialize contract (`schema_for!`) would make
    /// it optional, which the wire contradicts. Not for a field whose serde or schemars
    /// attributes of its own decide its shape: schemars' rule stays.
    pub(crate) fn is_always_sent_option(&self) -> bool {
        let serde = &self.field.serde;
        matches!(self.omit, Omit::Never)
            && (types::option_inner(&self.ty).is_some() || types::is_tristate(&self.ty))
            && !(serde.skip_serializing_if
                || serde.skip_serializing
                || serde.flatten
                || serde.custom_serializer
                || self
                    .field
                    .original
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident(super::symbol::SCHEMARS)))
    }
}

pub(crate) struct NestPlan<'c> {
    pub(crate) view: &'c Type,
    pub(crate) wrappers: Vec<Wrapper>,
    pub(crate) leaf: Type,
}

/// When serde leaves a view field out, by the view's `exclude_*` options. serde takes one
/// `skip_serializing_if` per field, so there is one answer: a field's own
/// `skip_serializing_if` wins over every option, then `exclude_none`, `exclude_unset` and
/// `exclude_defaults` in that order.
pub(crate) enum Omit {
    /// Always serialized.
    Never,
    /// `exclude_none` on an `Option` with its own `serialize_with`/`with`: skipped when
    /// `None`; the schema stays the field's, as that serializer decides what a value is.
    WhenNone,
    /// `exclude_none` on an `Option<T>`: skipped when `None`; present means a value, so the
    /// schema is `T`'s (not nullable).
    WhenNoneWithSchemaOf(Box<Type>),
    /// `exclude_unset` on a `Tristate` or `Defaulted`, or a `Defaulted` without
    /// `default = ..` (it has no value to send): skipped when unset.
    WhenUnset(Settable),
    /// `exclude_defaults`: skipped when equal to `Default::default()`.
    WhenDefault,
}

/// A plan per view, in declaration order. Only for a container `check` passed.
pub(crate) fn plan<'c, 'a>(cont: &'c Container<'a>) -> Vec<ViewPlan<'c, 'a>> {
    cont.views
        .iter()
        .map(|view| plan_view(cont, view))
        .collect()
}

fn plan_view<'c, 'a>(cont: &'c Container<'a>, view: &'c ViewAttr) -> ViewPlan<'c, 'a> {
    let fields: Vec<FieldPlan> = cont
        .view_fields(view)
        .into_iter()
        .map(|field| plan_field(view, field))
        .collect();
    let unused = unused_generics(cont, &fields);
    ViewPlan {
        attr: view,
        fields,
        rename: view.rename_all.as_ref().or(cont.serde_rename_all.as_ref()),
        unused,
        closed: view.closed.is_some(),
    }
}

fn plan_field<'c, 'a>(view: &'c ViewAttr, field: &'c Field<'a>) -> FieldPlan<'c, 'a> {
    // Matched by the identifier as written (checked: at most one entry per field).
    let nest = view
        .nest
        .iter()
        .find(|n| n.field == *field.ident)
        .map(|n| nest_plan(n, field));
    let ty = match &nest {
        Some(n) => types::replace_leaf(&field.original.ty, n.view),
        None => field.original.ty.clone(),
    };
    let omit = omit(view, field, &ty);
    FieldPlan {
        field,
        ty,
        nest,
        omit,
    }
}

fn nest_plan<'c>(nest: &'c NestAttr, field: &Field) -> NestPlan<'c> {
    let shape = types::peel(&field.original.ty);
    NestPlan {
        view: &nest.view,
        wrappers: shape.wrappers,
        leaf: shape.leaf.clone(),
    }
}

/// See [`Omit`]; `ty` is the view field's type (a nested model already replaced).
fn omit(view: &ViewAttr, field: &Field, ty: &Type) -> Omit {
    if field.serde.skip_serializing_if {
        return Omit::Never;
    }
    if view.exclude_none.is_some()
        && let Some(inner) = types::option_inner(ty)
    {
        return if field.serde.custom_serializer {
            Omit::WhenNone
        } else {
            Omit::WhenNoneWithSchemaOf(Box::new(inner.clone()))
        };
    }
    let settable = types::settable(&field.original.ty);
    if view.exclude_unset.is_some()
        && let Some(settable) = settable
    {
        return Omit::WhenUnset(settable);
    }
    if view.exclude_defaults.is_some() {
        return Omit::WhenDefault;
    }
    // An unset `Defaulted` is never `null`: without a default to send, it is absent.
    if settable == Some(Settable::Defaulted) && field.default_value.is_none() {
        return Omit::WhenUnset(Settable::Defaulted);
    }
    Omit::Never
}

fn unused_generics(cont: &Container, fields: &[FieldPlan]) -> Unused {
    let mut mentions = Mentions::default();
    for f in fields {
        mentions.visit_type(&f.ty);
    }
    let mut unused = Unused::default();
    for param in &cont.input.generics.params {
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

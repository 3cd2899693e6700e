//! The model as the derive sees it: the struct's fields with their parsed attributes,
//! each keeping a reference to the user's syntax so errors point at it.

use syn::{Data, DeriveInput, Fields, Ident, Path};

use super::attr::{Container, FieldAttrs, SerdeField, ViewAttr};
use super::case::Rename;
use super::ctxt::Ctxt;

pub(crate) struct Model<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) views: Vec<ViewAttr>,
    pub(crate) krate: Path,
    pub(crate) serde_rename_all: Option<Rename>,
    /// False when the input is not a struct with named fields (already reported): views
    /// are then neither checked nor generated, only stubbed.
    pub(crate) shape_ok: bool,
}

pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) ident: &'a Ident,
    pub(crate) secret: bool,
    pub(crate) serde: SerdeField,
}

impl Field<'_> {
    /// The field's Rust name without a raw prefix (`r#type` -> `type`).
    pub(crate) fn name(&self) -> String {
        let s = self.ident.to_string();
        s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
    }

    /// The field's key on the wire, given the rule of the struct it ends up in.
    pub(crate) fn wire_name(&self, rename_all: Option<&Rename>) -> String {
        match (&self.serde.rename, rename_all) {
            (Some(explicit), _) => explicit.clone(),
            (None, Some(rule)) => rule.rule.apply_to_field(&self.name()),
            (None, None) => self.name(),
        }
    }

    /// Whether the field is a key of its own on the wire (not skipped, not flattened).
    pub(crate) fn is_listed(&self) -> bool {
        !self.serde.skip_serializing && !self.serde.flatten
    }
}

impl<'a> Model<'a> {
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Self {
        let container = Container::from_attrs(cx, &input.attrs);
        let krate = container
            .krate
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(::response_model));
        let mut model = Model {
            input,
            fields: Vec::new(),
            views: Vec::new(),
            krate,
            serde_rename_all: container.serde_rename_all,
            shape_ok: false,
        };
        model.views = container.views;
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(fields) => {
                    cx.error_spanned_by(
                        fields,
                        "#[derive(ResponseModel)] needs named fields: views pick fields by name; write `struct Name { field: Type, ... }`",
                    );
                    return model;
                }
                Fields::Unit => {
                    cx.error_spanned_by(
                        &input.ident,
                        "#[derive(ResponseModel)] needs a struct with named fields; a unit struct has none to choose from",
                    );
                    return model;
                }
            },
            Data::Enum(data) => {
                cx.error_spanned_by(
                    data.enum_token,
                    "#[derive(ResponseModel)] supports structs only; derive it on the struct each variant holds",
                );
                return model;
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(ResponseModel)] supports structs only, not unions",
                );
                return model;
            }
        };
        model.fields = named
            .named
            .iter()
            .filter_map(|f| {
                let attrs = FieldAttrs::from_field(cx, f);
                Some(Field {
                    original: f,
                    ident: f.ident.as_ref()?,
                    secret: attrs.secret,
                    serde: attrs.serde,
                })
            })
            .collect();
        model.shape_ok = true;
        model
    }

    pub(crate) fn field(&self, name: &Ident) -> Option<&Field<'a>> {
        let wanted = name.to_string();
        let wanted = wanted.strip_prefix("r#").unwrap_or(&wanted);
        self.fields.iter().find(|f| f.name() == wanted)
    }
}

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that is *unset*, explicitly *null*, or holds a *value*.
///
/// `Option<T>` cannot tell "the field was never set" from "it was set to `None`";
/// Pydantic can (`model_fields_set`), and FastAPI's `response_model_exclude_unset=True`
/// drops exactly the fields that were never set. `Tristate<T>` carries that third state:
///
/// | state | built from | serialized as | with `skip_serializing_if = "Tristate::is_unset"` |
/// |---|---|---|---|
/// | [`Tristate::Unset`] | [`Default`], a missing field with `#[serde(default)]` | `null` | **absent** |
/// | [`Tristate::Null`] | `None`, JSON `null` | `null` | `null` |
/// | [`Tristate::Value`] | `T`, `Some(T)`, a JSON value | the value | the value |
///
/// For a field that may be unset but is never null (Pydantic's `tax: float = 10.5`), use
/// [`Defaulted<T>`](crate::Defaulted) instead: its schema is `T`'s, not nullable.
///
/// A view declared with `exclude_unset` puts
/// `#[serde(default, skip_serializing_if = "Tristate::is_unset")]` on every `Tristate`
/// field; you can write the same by hand:
///
/// ```
/// use response_model::Tristate;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Item {
///     name: String,
///     price: f64,
///     #[serde(default, skip_serializing_if = "Tristate::is_unset")]
///     description: Tristate<String>,
///     #[serde(default, skip_serializing_if = "Tristate::is_unset")]
///     tax: Tristate<f64>,
///     #[serde(default, skip_serializing_if = "Tristate::is_unset")]
///     tags: Tristate<Vec<String>>,
/// }
///
/// // FastAPI's docs item: only name and price were set.
/// let foo: Item = serde_json::from_str(r#"{"name":"Foo","price":50.2}"#).unwrap();
/// assert_eq!(serde_json::to_string(&foo).unwrap(), r#"{"name":"Foo","price":50.2}"#);
///
/// // An explicit null was set, so it stays.
/// let bar: Item = serde_json::from_str(r#"{"name":"Bar","price":62,"tax":null}"#).unwrap();
/// assert_eq!(serde_json::to_string(&bar).unwrap(), r#"{"name":"Bar","price":62.0,"tax":null}"#);
/// ```
///
/// # `exclude_unset`, `exclude_none`, `exclude_defaults`
///
/// FastAPI has three ways to drop fields from a response; views have the same three:
///
/// - **`exclude_unset`** drops fields that were never *set* — whatever their value. An
///   explicit `null` stays, and so does a value equal to the default if it was set. It
///   needs a field type that remembers being set: `Tristate<T>` or
///   [`Defaulted<T>`](crate::Defaulted) (a plain `Option<T>` or `T` is always "set").
/// - **`exclude_none`** drops fields whose value is `None`/`null`
///   (`skip_serializing_if = "Option::is_none"`), set or not. For a `Tristate`, use
///   [`Tristate::is_none`] to drop both `Unset` and `Null`.
/// - **`exclude_defaults`** drops fields equal to their type's default (`0`, `""`, `[]`,
///   `None`), set or not; `Tristate`'s default is `Unset`, so it drops unset fields only.
///
/// For the docs' item `{"name": "Foo", "price": 50.2, "tax": 0.0}` (tax set to its
/// default): `exclude_unset` keeps `"tax":0.0`; `exclude_defaults` drops it if the
/// default is `0.0`; `exclude_none` keeps it.
///
/// # Deserializing
///
/// A missing field becomes `Unset` only when the field has `#[serde(default)]`; without it,
/// serde treats a `Tristate` like an `Option` and a missing field becomes `Null`.
///
/// # JSON Schema
///
/// The schema is `Option<T>`'s: `T` or `null`. Under `skip_serializing_if` the property is
/// not required in the response contract. (Seen outside the document, e.g. with
/// `schemars::schema_for!`, it also holds a marked `items` that takes the field's
/// `#[garde(inner(..))]` rules; the document moves those next to the `null` and drops it.)
///
/// # Validation (feature `validate`)
///
/// garde's rules on a `Tristate` field check the value, and pass when the field is unset
/// or null (as garde's rules on an `Option` pass on `None`, and Pydantic checks a
/// `str | None` field's `max_length` only on a string).
///
/// Every rule works through `inner(..)`: `#[garde(inner(length(min = 1, max = 255)))]`,
/// `#[garde(inner(email))]`. `length`, `range` and `required` (a value: neither unset nor
/// null) also work directly, and `dive` validates the value's own rules. The document
/// shows the rules either way (`maxLength` next to the `null`), as for a plain field.
///
/// ```
/// # #[cfg(feature = "validate")] {
/// use garde::Validate;
/// use response_model::Tristate;
///
/// #[derive(serde::Deserialize, Validate)]
/// struct ItemUpdate {
///     #[serde(default)]
///     #[garde(inner(length(min = 1, max = 255)))]
///     title: Tristate<String>,
///     #[serde(default)]
///     #[garde(length(max = 255))]
///     description: Tristate<String>,
/// }
///
/// let unset: ItemUpdate = serde_json::from_str("{}").unwrap();
/// assert!(unset.validate().is_ok());
/// let null: ItemUpdate = serde_json::from_str(r#"{"title": null}"#).unwrap();
/// assert!(null.validate().is_ok());
/// let empty: ItemUpdate = serde_json::from_str(r#"{"title": ""}"#).unwrap();
/// assert!(empty.validate().is_err());
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tristate<T> {
    /// Never set (FastAPI: not in `model_fields_set`). The default.
    #[default]
    Unset,
    /// Explicitly set to `null`/`None`.
    Null,
    /// Set to a value.
    Value(T),
}

impl<T> Tristate<T> {
    /// The value of an unset field with a default: `Unset` becomes `Value(default())`,
    /// `Null` and `Value` stay (Pydantic's `tax: float = 10.5` read back).
    ///
    /// ```
    /// use response_model::Tristate;
    /// assert_eq!(Tristate::Unset.or_value_with(|| 10.5), Tristate::Value(10.5));
    /// assert_eq!(Tristate::<f64>::Null.or_value_with(|| 10.5), Tristate::Null);
    /// assert_eq!(Tristate::Value(1.0).or_value_with(|| 10.5), Tristate::Value(1.0));
    /// ```
    pub fn or_value_with(self, default: impl FnOnce() -> T) -> Self {
        match self {
            Tristate::Unset => Tristate::Value(default()),
            other => other,
        }
    }

    /// `true` for [`Tristate::Unset`]: the `skip_serializing_if` of `exclude_unset` fields.
    #[must_use]
    pub const fn is_unset(&self) -> bool {
        matches!(self, Tristate::Unset)
    }

    /// `true` for [`Tristate::Null`].
    #[must_use]
    pub const fn is_null(&self) -> bool {
        matches!(self, Tristate::Null)
    }

    /// `true` for [`Tristate::Unset`] and [`Tristate::Null`]: the `skip_serializing_if` of
    /// an `exclude_none` `Tristate` field.
    #[must_use]
    pub const fn is_none(&self) -> bool {
        !self.is_value()
    }

    /// `true` for [`Tristate::Value`].
    #[must_use]
    pub const fn is_value(&self) -> bool {
        matches!(self, Tristate::Value(_))
    }

    /// `true` unless [`Tristate::Unset`]: Pydantic's "in `model_fields_set`".
    #[must_use]
    pub const fn is_set(&self) -> bool {
        !self.is_unset()
    }

    /// Borrows the value: `Tristate<&T>`.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// let name = Tristate::Value(String::from("Foo"));
    /// assert_eq!(name.as_ref().map(|s| s.len()), Tristate::Value(3));
    /// ```
    pub const fn as_ref(&self) -> Tristate<&T> {
        match self {
            Tristate::Unset => Tristate::Unset,
            Tristate::Null => Tristate::Null,
            Tristate::Value(v) => Tristate::Value(v),
        }
    }

    /// Borrows the value mutably: `Tristate<&mut T>`.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// let mut n = Tristate::Value(1);
    /// if let Tristate::Value(v) = n.as_mut() { *v += 1; }
    /// assert_eq!(n, Tristate::Value(2));
    /// ```
    pub fn as_mut(&mut self) -> Tristate<&mut T> {
        match self {
            Tristate::Unset => Tristate::Unset,
            Tristate::Null => Tristate::Null,
            Tristate::Value(v) => Tristate::Value(v),
        }
    }

    /// Maps the value, keeping `Unset` and `Null`.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// assert_eq!(Tristate::Value(2).map(|v| v * 10), Tristate::Value(20));
    /// assert_eq!(Tristate::<i32>::Null.map(|v| v * 10), Tristate::Null);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Tristate<U> {
        match self {
            Tristate::Unset => Tristate::Unset,
            Tristate::Null => Tristate::Null,
            Tristate::Value(v) => Tristate::Value(f(v)),
        }
    }

    /// The value, if any; `Unset` and `Null` both become `None`.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// assert_eq!(Tristate::Value(5).into_option(), Some(5));
    /// assert_eq!(Tristate::<i32>::Unset.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Tristate::Value(v) => Some(v),
            Tristate::Unset | Tristate::Null => None,
        }
    }

    /// A reference to the value, if any.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// assert_eq!(Tristate::Value(5).as_option(), Some(&5));
    /// ```
    pub const fn as_option(&self) -> Option<&T> {
        match self {
            Tristate::Value(v) => Some(v),
            Tristate::Unset | Tristate::Null => None,
        }
    }

    /// `None` when unset, `Some(None)` when null, `Some(Some(v))` for a value: the
    /// three states as nested options.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// assert_eq!(Tristate::<i32>::Null.into_nested(), Some(None));
    /// ```
    pub fn into_nested(self) -> Option<Option<T>> {
        match self {
            Tristate::Unset => None,
            Tristate::Null => Some(None),
            Tristate::Value(v) => Some(Some(v)),
        }
    }

    /// The inverse of [`Tristate::into_nested`]: `None` is unset, `Some(None)` null.
    ///
    /// ```
    /// # use response_model::Tristate;
    /// assert_eq!(Tristate::<i32>::from_nested(None), Tristate::Unset);
    /// assert_eq!(Tristate::<i32>::from_nested(Some(None)), Tristate::Null);
    /// ```
    pub fn from_nested(value: Option<Option<T>>) -> Self {
        match value {
            None => Tristate::Unset,
            Some(None) => Tristate::Null,
            Some(Some(v)) => Tristate::Value(v),
        }
    }
}

/// A value is a set value.
///
/// ```
/// # use response_model::Tristate;
/// assert_eq!(Tristate::from(3), Tristate::Value(3));
/// ```
impl<T> From<T> for Tristate<T> {
    fn from(value: T) -> Self {
        Tristate::Value(value)
    }
}

/// An `Option` is always set: `None` becomes [`Tristate::Null`].
///
/// ```
/// # use response_model::Tristate;
/// assert_eq!(Tristate::<i32>::from(None), Tristate::Null);
/// assert_eq!(Tristate::<i32>::from(Some(1)), Tristate::Value(1));
/// ```
impl<T> From<Option<T>> for Tristate<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Tristate::Value(v),
            None => Tristate::Null,
        }
    }
}

/// Forgets the unset/null distinction.
///
/// ```
/// # use response_model::Tristate;
/// let o: Option<i32> = Tristate::Value(1).into();
/// assert_eq!(o, Some(1));
/// ```
impl<T> From<Tristate<T>> for Option<T> {
    fn from(value: Tristate<T>) -> Self {
        value.into_option()
    }
}

/// `Unset` and `Null` are written as `null` (skip `Unset` fields with
/// `skip_serializing_if = "Tristate::is_unset"`); a value as itself.
///
/// ```
/// # use response_model::Tristate;
/// assert_eq!(serde_json::to_string(&Tristate::Value(1)).unwrap(), "1");
/// assert_eq!(serde_json::to_string(&Tristate::<i32>::Unset).unwrap(), "null");
/// ```
impl<T: Serialize> Serialize for Tristate<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tristate::Unset | Tristate::Null => serializer.serialize_none(),
            Tristate::Value(v) => serializer.serialize_some(v),
        }
    }
}

/// `null` becomes `Null`, anything else `Value`; a missing field with
/// `#[serde(default)]` stays `Unset`.
///
/// ```
/// # use response_model::Tristate;
/// let t: Tristate<i32> = serde_json::from_str("null").unwrap();
/// assert_eq!(t, Tristate::Null);
/// ```
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tristate<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Tristate::from)
    }
}

/// The schema of `Option<T>`: `T` or `null`.
///
/// ```
/// # use response_model::Tristate;
/// let s = schemars::schema_for!(Tristate<i32>);
/// assert_eq!(s.get("type"), Some(&serde_json::json!(["integer", "null"])));
/// ```
/// The `$comment` of a `Tristate`'s schema, which the document reads (and removes).
pub(crate) const TRISTATE_COMMENT: &str = "Tristate: absent when unset, null when null";

/// The `$comment` of the stand-in that takes a `Tristate`'s `inner(..)` rules.
const INNER_RULES_COMMENT: &str = "Tristate: the value's rules";

/// The validation keywords a rule can give a value's schema.
const RULE_KEYWORDS: &[&str] = &[
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

/// Moves the rules each `Tristate` stand-in in `v` took (see `Tristate::json_schema`) to
/// the `Tristate`'s own schema, next to its `null` (into the value's branch of an
/// `anyOf`), and removes the stand-in.
pub(crate) fn fold_inner_rules(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let carrier = map.get("items").and_then(|i| i.get("$comment"))
                == Some(&Value::from(INNER_RULES_COMMENT));
            if carrier && let Some(Value::Object(items)) = map.remove("items") {
                let rules = items
                    .into_iter()
                    .filter(|(k, _)| RULE_KEYWORDS.contains(&k.as_str()));
                let typed = map.contains_key("type");
                let value_branch = match map.get_mut("anyOf") {
                    Some(Value::Array(alts)) if !typed => alts
                        .iter_mut()
                        .find(|a| a.get("type") != Some(&Value::from("null")))
                        .and_then(Value::as_object_mut),
                    _ => None,
                };
                match value_branch {
                    Some(branch) => branch.extend(rules),
                    None => map.extend(rules),
                }
            }
            map.values_mut().for_each(fold_inner_rules);
        }
        Value::Array(items) => items.iter_mut().for_each(fold_inner_rules),
        _ => {}
    }
}

/// Removes the `Tristate` mark from the schemas in `v`: a request's schema (deserialize
/// contract) has no use for it (only the response side reads it, `openapi::schema`).
pub(crate) fn strip_tristate_comments(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            if map.get("$comment") == Some(&Value::from(TRISTATE_COMMENT)) {
                map.remove("$comment");
            }
            map.values_mut().for_each(strip_tristate_comments);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_tristate_comments),
        _ => {}
    }
}

impl<T: JsonSchema> JsonSchema for Tristate<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Option::<T>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        Option::<T>::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // `Option<T>`'s schema (`T` or `null`), marked: an optional `Tristate` property
        // (`exclude_unset`) is absent when unset and `null` when null, so the document
        // keeps its `null` where it drops it for an optional `Option` (see
        // `openapi::schema`). `$comment` is JSON Schema's keyword for such notes.
        let mut schema = Option::<T>::json_schema(generator);
        schema.insert("$comment".into(), TRISTATE_COMMENT.into());
        // schemars writes a field's `#[garde(inner(..))]` rules into its schema's `items`
        // only (it knows `inner` from lists). A marked stand-in for the value's schema
        // there takes them; the document moves them next to the `null` and drops the
        // stand-in (`fold_inner_rules`). A list already has its `items`.
        if schema.get("items").is_none() {
            let mut carrier = generator.subschema_for::<T>();
            carrier.insert("$comment".into(), INNER_RULES_COMMENT.into());
            schema.insert("items".into(), carrier.to_value());
        }
        schema
    }

    // schemars' derive asks these hidden hooks whether a field is an `Option` (then it is not
    // required when deserializing, since serde fills a missing one) and for its non-null
    // schema; a `Tristate` behaves exactly like an `Option` there, so forward to it.
    fn _schemars_private_non_optional_json_schema(generator: &mut SchemaGenerator) -> Schema {
        Option::<T>::_schemars_private_non_optional_json_schema(generator)
    }

    fn _schemars_private_is_option() -> bool {
        true
    }
}

// garde's rules on a `Tristate` (the type's docs, "Validation").
#[cfg(feature = "validate")]
mod validate {
    use garde::error::{Error, NoKey, Path, Report};
    use garde::rules::inner::Inner;
    use garde::rules::length::{bytes::Bytes, chars::Chars, simple::Simple, utf16::Utf16CodeUnits};
    use garde::rules::range::{Bounds, OutOfBounds};
    use garde::rules::required::Required;

    use super::Tristate;

    impl<T: garde::Validate> garde::Validate for Tristate<T> {
        type Context = T::Context;

        fn validate_into(
            &self,
            ctx: &Self::Context,
            parent: &mut dyn FnMut() -> Path,
            report: &mut Report,
        ) {
            if let Tristate::Value(value) = self {
                value.validate_into(ctx, parent, report);
            }
        }
    }

    impl<T> Inner<T> for Tristate<T> {
        type Key = NoKey;

        fn validate_inner<F>(&self, mut f: F)
        where
            F: FnMut(&T, &Self::Key),
        {
            if let Tristate::Value(value) = self {
                f(value, &NoKey::default());
            }
        }
    }

    /// The rule's check on the value; unset and null pass.
    fn on_value<T>(
        t: &Tristate<T>,
        check: impl FnOnce(&T) -> Result<(), Error>,
    ) -> Result<(), Error> {
        match t {
            Tristate::Value(value) => check(value),
            Tristate::Unset | Tristate::Null => Ok(()),
        }
    }

    impl<T: Simple> Simple for Tristate<T> {
        fn validate_length(&self, min: usize, max: usize) -> Result<(), Error> {
            on_value(self, |v| v.validate_length(min, max))
        }
    }

    impl<T: Bytes> Bytes for Tristate<T> {
        fn validate_num_bytes(&self, min: usize, max: usize) -> Result<(), Error> {
            on_value(self, |v| v.validate_num_bytes(min, max))
        }
    }

    impl<T: Chars> Chars for Tristate<T> {
        fn validate_num_chars(&self, min: usize, max: usize) -> Result<(), Error> {
            on_value(self, |v| v.validate_num_chars(min, max))
        }
    }

    impl<T: Utf16CodeUnits> Utf16CodeUnits for Tristate<T> {
        fn validate_num_code_units(&self, min: usize, max: usize) -> Result<(), Error> {
            on_value(self, |v| v.validate_num_code_units(min, max))
        }
    }

    impl<T: Bounds> Bounds for Tristate<T> {
        type Size = T::Size;

        const MIN: Self::Size = T::MIN;
        const MAX: Self::Size = T::MAX;

        fn validate_bounds(
            &self,
            lower_bound: Self::Size,
            upper_bound: Self::Size,
        ) -> Result<(), OutOfBounds> {
            match self {
                Tristate::Value(value) => value.validate_bounds(lower_bound, upper_bound),
                Tristate::Unset | Tristate::Null => Ok(()),
            }
        }
    }

    /// `required`: a value, neither unset nor null.
    impl<T> Required for Tristate<T> {
        fn is_set(&self) -> bool {
            self.is_value()
        }
    }
}

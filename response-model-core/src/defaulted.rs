use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that is *set* to a value or *unset*, never null: Pydantic's
/// `tax: float = 10.5`.
///
/// Pydantic remembers whether such a field was given (`model_fields_set`), so
/// `response_model_exclude_unset=True` drops it while it is unset, and it can never be
/// `null`. [`Tristate<T>`](crate::Tristate) remembers it too but can also hold `null`,
/// so its schema is nullable; `Defaulted<T>` cannot, and its schema is `T`'s.
///
/// | state | built from | serialized as | JSON Schema |
/// |---|---|---|---|
/// | [`Defaulted::Unset`] | [`Default`], a missing field with `#[serde(default)]`, `None` | nothing: skip it (see below) | |
/// | [`Defaulted::Value`] | `T`, `Some(T)`, a JSON value | the value | `T`'s (not nullable) |
///
/// On a model with `#[derive(ResponseModel)]`, `#[response_model(default = 10.5)]` gives
/// the value an unset field stands for: every view holding the field sends it as `10.5`
/// while unset and documents `"default": 10.5`, except a view with `exclude_unset`
/// (absent while unset, as FastAPI's `response_model_exclude_unset=True`) or
/// `exclude_defaults`. Without `default = ..`, a view leaves an unset field out.
///
/// ```
/// use response_model::prelude::*;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize, schemars::JsonSchema, ResponseModel)]
/// #[response_model(view(ItemOut), view(ItemPatch, exclude_unset))]
/// struct Item {
///     name: String,
///     #[serde(default)]
///     #[response_model(default = 10.5)]
///     tax: Defaulted<f64>,
/// }
///
/// let unset = || serde_json::from_str::<Item>(r#"{"name": "Foo"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&ItemOut::from(unset())).unwrap(), r#"{"name":"Foo","tax":10.5}"#);
/// assert_eq!(serde_json::to_string(&ItemPatch::from(unset())).unwrap(), r#"{"name":"Foo"}"#);
///
/// // Never null: a request that sends one is refused.
/// assert!(serde_json::from_str::<Item>(r#"{"name": "Foo", "tax": null}"#).is_err());
///
/// // The schema is the number's, with its default; not nullable.
/// let schema = schemars::schema_for!(ItemOut);
/// assert_eq!(schema.as_value()["properties"]["tax"]["type"], "number");
/// assert_eq!(schema.as_value()["properties"]["tax"]["default"], 10.5);
/// ```
///
/// By hand (without the derive), write what an `exclude_unset` view writes:
/// `#[serde(default, skip_serializing_if = "Defaulted::is_unset")]`. An unset value that
/// is serialized anyway is an error (the response is a logged 500), not a `null` the
/// schema does not allow.
///
/// # Deserializing
///
/// A missing field becomes `Unset` when the field has `#[serde(default)]` (without it, a
/// missing field is an error, as for `T`); `null` is refused unless `T` accepts it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Defaulted<T> {
    /// Never set (FastAPI: not in `model_fields_set`). The default.
    #[default]
    Unset,
    /// Set to a value.
    Value(T),
}

impl<T> Defaulted<T> {
    /// `true` for [`Defaulted::Unset`]: the `skip_serializing_if` of an unset field.
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert!(Defaulted::<f64>::Unset.is_unset());
    /// assert!(!Defaulted::Value(1.0).is_unset());
    /// ```
    #[must_use]
    pub const fn is_unset(&self) -> bool {
        matches!(self, Defaulted::Unset)
    }

    /// `true` for [`Defaulted::Value`]: Pydantic's "in `model_fields_set`".
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert!(Defaulted::Value(1.0).is_set());
    /// ```
    #[must_use]
    pub const fn is_set(&self) -> bool {
        !self.is_unset()
    }

    /// The value of an unset field with a default: `Unset` becomes `Value(default())`, a
    /// value stays (Pydantic's `tax: float = 10.5` read back).
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert_eq!(Defaulted::Unset.or_value_with(|| 10.5), Defaulted::Value(10.5));
    /// assert_eq!(Defaulted::Value(1.0).or_value_with(|| 10.5), Defaulted::Value(1.0));
    /// ```
    pub fn or_value_with(self, default: impl FnOnce() -> T) -> Self {
        match self {
            Defaulted::Unset => Defaulted::Value(default()),
            value => value,
        }
    }

    /// Borrows the value: `Defaulted<&T>`.
    ///
    /// ```
    /// use response_model::Defaulted;
    /// let name = Defaulted::Value(String::from("Foo"));
    /// assert_eq!(name.as_ref().map(|s| s.len()), Defaulted::Value(3));
    /// ```
    pub const fn as_ref(&self) -> Defaulted<&T> {
        match self {
            Defaulted::Unset => Defaulted::Unset,
            Defaulted::Value(v) => Defaulted::Value(v),
        }
    }

    /// Maps the value, keeping `Unset`.
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert_eq!(Defaulted::Value(2).map(|v| v * 10), Defaulted::Value(20));
    /// assert_eq!(Defaulted::<i32>::Unset.map(|v| v * 10), Defaulted::Unset);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Defaulted<U> {
        match self {
            Defaulted::Unset => Defaulted::Unset,
            Defaulted::Value(v) => Defaulted::Value(f(v)),
        }
    }

    /// The value, if set.
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert_eq!(Defaulted::Value(5).into_option(), Some(5));
    /// assert_eq!(Defaulted::<i32>::Unset.into_option(), None);
    /// ```
    pub fn into_option(self) -> Option<T> {
        match self {
            Defaulted::Value(v) => Some(v),
            Defaulted::Unset => None,
        }
    }

    /// A reference to the value, if set.
    ///
    /// ```
    /// use response_model::Defaulted;
    /// assert_eq!(Defaulted::Value(5).as_option(), Some(&5));
    /// ```
    pub const fn as_option(&self) -> Option<&T> {
        match self {
            Defaulted::Value(v) => Some(v),
            Defaulted::Unset => None,
        }
    }
}

/// A value is a set value.
///
/// ```
/// use response_model::Defaulted;
/// assert_eq!(Defaulted::from(3), Defaulted::Value(3));
/// ```
impl<T> From<T> for Defaulted<T> {
    fn from(value: T) -> Self {
        Defaulted::Value(value)
    }
}

/// `None` is unset (there is no null to be).
///
/// ```
/// use response_model::Defaulted;
/// assert_eq!(Defaulted::<i32>::from(None), Defaulted::Unset);
/// assert_eq!(Defaulted::from(Some(1)), Defaulted::Value(1));
/// ```
impl<T> From<Option<T>> for Defaulted<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Defaulted::Unset, Defaulted::Value)
    }
}

/// The value, if set.
///
/// ```
/// use response_model::Defaulted;
/// let o: Option<i32> = Defaulted::Value(1).into();
/// assert_eq!(o, Some(1));
/// ```
impl<T> From<Defaulted<T>> for Option<T> {
    fn from(value: Defaulted<T>) -> Self {
        value.into_option()
    }
}

/// A value as itself. An unset value has nothing to write: serializing it is an error
/// (skip it with `skip_serializing_if = "Defaulted::is_unset"`, as views do).
///
/// ```
/// use response_model::Defaulted;
/// assert_eq!(serde_json::to_string(&Defaulted::Value(1.5)).unwrap(), "1.5");
/// assert!(serde_json::to_string(&Defaulted::<f64>::Unset).is_err());
/// ```
impl<T: Serialize> Serialize for Defaulted<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Defaulted::Value(v) => v.serialize(serializer),
            Defaulted::Unset => Err(serde::ser::Error::custom(
                "an unset `Defaulted` field has no value to write: skip it with \
                 `skip_serializing_if = \"Defaulted::is_unset\"` or give it a value \
                 (`#[response_model(default = ..)]` does)",
            )),
        }
    }
}

/// `T`'s value; a missing field with `#[serde(default)]` stays `Unset`.
///
/// ```
/// use response_model::Defaulted;
/// let d: Defaulted<f64> = serde_json::from_str("2.5").unwrap();
/// assert_eq!(d, Defaulted::Value(2.5));
/// assert!(serde_json::from_str::<Defaulted<f64>>("null").is_err());
/// ```
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Defaulted<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Defaulted::Value)
    }
}

/// `T`'s schema: a set value is a `T`, and an unset one is absent (never `null`).
///
/// ```
/// use response_model::Defaulted;
/// let s = schemars::schema_for!(Defaulted<i32>);
/// assert_eq!(s.get("type"), Some(&serde_json::json!("integer")));
/// ```
impl<T: JsonSchema> JsonSchema for Defaulted<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

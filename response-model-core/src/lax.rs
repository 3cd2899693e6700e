//! Pydantic's lax reading of query strings: what FastAPI accepts for a `bool` (`true`,
//! `false`, `1`, `0`, `yes`, `no`, `on`, `off`, `t`, `f`, `y`, `n`, in any case) and the
//! numbers its `int`/`float` read from text, where serde's URL-encoded deserializer takes
//! only `true`/`false`. [`extract::Query`](crate::extract::Query) reads a query this way
//! only after serde refused it, so a query serde reads costs nothing more.

use std::borrow::Cow;

use serde::de::value::MapDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

/// `query` read into `T`, the values read as Pydantic reads them; the error is where it
/// failed and serde's message (`flag`, `input should be a valid boolean, got "maybe"`).
pub(crate) fn from_query<T: DeserializeOwned>(
    query: &str,
) -> Result<T, (serde_path_to_error::Path, String)> {
    let pairs = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k, Value(v)));
    let map = MapDeserializer::<_, de::value::Error>::new(pairs);
    serde_path_to_error::deserialize(map).map_err(|e| {
        let why = e.inner().to_string();
        (e.path().clone(), why)
    })
}

/// Path parameters (already percent-decoded) read into `T`: a struct or map by name, a
/// tuple in order, a single value as itself.
pub(crate) fn from_path<T: DeserializeOwned>(params: &[(String, String)]) -> Option<T> {
    let by_name = params
        .iter()
        .map(|(k, v)| (k.as_str(), Value(Cow::Borrowed(v.as_str()))));
    if let Ok(v) = T::deserialize(MapDeserializer::<_, de::value::Error>::new(by_name)) {
        return Some(v);
    }
    if let [(_, only)] = params
        && let Ok(v) = T::deserialize(Value(Cow::Borrowed(only.as_str())))
    {
        return Some(v);
    }
    let in_order = params.iter().map(|(_, v)| Value(Cow::Borrowed(v.as_str())));
    T::deserialize(de::value::SeqDeserializer::<_, de::value::Error>::new(
        in_order,
    ))
    .ok()
}

/// Form fields (already percent-decoded) read into `T` as [`from_query`] reads a query,
/// with a stand-in value for each field in `stand_ins`: a field already reported as
/// missing or bad, so that the next reading finds the next problem (FastAPI reports every
/// field at once, serde stops at the first).
pub(crate) fn from_form<T: DeserializeOwned>(
    pairs: &[(String, String)],
    stand_ins: &[String],
) -> Result<T, (serde_path_to_error::Path, String)> {
    let pairs = pairs
        .iter()
        .filter(|(k, _)| !stand_ins.contains(k))
        .map(|(k, v)| (k.as_str(), Field::Text(Value(Cow::Borrowed(v.as_str())))))
        .chain(stand_ins.iter().map(|k| (k.as_str(), Field::StandIn)));
    let map = MapDeserializer::<_, de::value::Error>::new(pairs);
    serde_path_to_error::deserialize(map).map_err(|e| {
        let why = e.inner().to_string();
        (e.path().clone(), why)
    })
}

/// The fields `T` declares, in order, when it is a struct serde derives (empty
/// otherwise): serde's `deserialize_struct` names them, so a probe that only listens
/// hears them.
pub(crate) fn struct_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe;
    impl<'de> de::Deserializer<'de> for Probe {
        type Error = FieldsHeard;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, FieldsHeard> {
            Err(FieldsHeard(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, FieldsHeard> {
            Err(FieldsHeard(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    /// The probe's answer (never a real error).
    #[derive(Debug)]
    struct FieldsHeard(&'static [&'static str]);
    impl std::fmt::Display for FieldsHeard {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields heard")
        }
    }
    impl std::error::Error for FieldsHeard {}
    impl de::Error for FieldsHeard {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            FieldsHeard(&[])
        }
    }
    match T::deserialize(Probe) {
        Ok(_) => &[],
        Err(FieldsHeard(fields)) => fields,
    }
}

/// A form field's value, or a stand-in that reads as the type's zero (`""`, `0`, `false`,
/// `None`, an empty list) for a field already reported.
pub(crate) enum Field<'a> {
    Text(Value<'a>),
    StandIn,
}

impl<'de, 'a> IntoDeserializer<'de, de::value::Error> for Field<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

macro_rules! stand_in_or_text {
    ($($method:ident => $zero:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self {
                Field::Text(v) => v.$method(visitor),
                #[allow(clippy::redundant_closure_call, reason = "one macro for every zero")]
                Field::StandIn => ($zero)(visitor),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Field<'_> {
    type Error = de::value::Error;

    stand_in_or_text! {
        deserialize_any => |v: V| v.visit_str("");
        deserialize_bool => |v: V| v.visit_bool(false);
        deserialize_i8 => |v: V| v.visit_i8(0);
        deserialize_i16 => |v: V| v.visit_i16(0);
        deserialize_i32 => |v: V| v.visit_i32(0);
        deserialize_i64 => |v: V| v.visit_i64(0);
        deserialize_u8 => |v: V| v.visit_u8(0);
        deserialize_u16 => |v: V| v.visit_u16(0);
        deserialize_u32 => |v: V| v.visit_u32(0);
        deserialize_u64 => |v: V| v.visit_u64(0);
        deserialize_f32 => |v: V| v.visit_f32(0.0);
        deserialize_f64 => |v: V| v.visit_f64(0.0);
        deserialize_str => |v: V| v.visit_str("");
        deserialize_string => |v: V| v.visit_str("");
        deserialize_option => |v: V| v.visit_none();
        deserialize_seq => |v: V| v.visit_seq(de::value::SeqDeserializer::<_, de::value::Error>::new(std::iter::empty::<()>()));
        deserialize_unit => |v: V| v.visit_unit();
        deserialize_ignored_any => |v: V| v.visit_unit();
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Field::Text(v) => v.deserialize_newtype_struct(name, visitor),
            Field::StandIn => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Field::Text(v) => v.deserialize_enum(name, variants, visitor),
            // No variant stands in for every enum: the caller stops here.
            Field::StandIn => Err(de::Error::custom("a stand-in has no variant")),
        }
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple tuple_struct
        map struct identifier
    }
}

/// One value of the query, path or form.
pub(crate) struct Value<'a>(pub(crate) Cow<'a, str>);

impl<'de, 'a> IntoDeserializer<'de, de::value::Error> for Value<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// Pydantic's booleans.
fn lax_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}

fn invalid<E: de::Error>(what: &str, s: &str) -> E {
    E::custom(format_args!("input should be a valid {what}, got {s:?}"))
}

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let text = self.0.trim();
            match text.parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                // An integer out of the type's range: serde's own words, so it reads as
                // Pydantic's bound error (`less_than_equal` with `le`).
                Err(_) => match text.parse::<i128>() {
                    Ok(n) => Err(de::Error::custom(format_args!(
                        "invalid value: integer `{n}`, expected {}",
                        stringify!($ty)
                    ))),
                    Err(_) => Err(invalid($what, &self.0)),
                },
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Value<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_str(&self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match lax_bool(&self.0) {
            Some(b) => visitor.visit_bool(b),
            None => Err(invalid("boolean", &self.0)),
        }
    }

    numbers! {
        deserialize_i8 visit_i8 i8, "integer";
        deserialize_i16 visit_i16 i16, "integer";
        deserialize_i32 visit_i32 i32, "integer";
        deserialize_i64 visit_i64 i64, "integer";
        deserialize_u8 visit_u8 u8, "integer";
        deserialize_u16 visit_u16 u16, "integer";
        deserialize_u32 visit_u32 u32, "integer";
        deserialize_u64 visit_u64 u64, "integer";
        deserialize_f32 visit_f32 f32, "number";
        deserialize_f64 visit_f64 f64, "number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let s: de::value::StrDeserializer<'_, Self::Error> = self.0.as_ref().into_deserializer();
        de::Deserializer::deserialize_enum(s, name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct seq tuple tuple_struct
        map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Q {
        flag: bool,
        limit: Option<u32>,
        name: String,
    }

    #[test]
    fn booleans_as_pydantic_reads_them() {
        for (raw, want) in [
            ("yes", true),
            ("On", true),
            ("T", true),
            ("0", false),
            ("N", false),
            ("FALSE", false),
        ] {
            let q: Q = from_query(&format!("flag={raw}&name=yes")).unwrap();
            assert_eq!(
                q,
                Q {
                    flag: want,
                    limit: None,
                    name: "yes".into()
                },
                "{raw}"
            );
        }
        let (path, why) = from_query::<Q>("flag=maybe&name=x").unwrap_err();
        assert_eq!(path.to_string(), "flag");
        assert_eq!(why, r#"input should be a valid boolean, got "maybe""#);
        let q: Q = from_query("flag=1&limit=7&name=a%20b").unwrap();
        assert_eq!(
            q,
            Q {
                flag: true,
                limit: Some(7),
                name: "a b".into()
            }
        );
        assert!(from_query::<Q>("flag=1&limit=x&name=a").is_err());
    }

    #[test]
    fn a_structs_fields_in_declared_order() {
        assert_eq!(struct_fields::<Q>(), ["flag", "limit", "name"]);
        assert!(struct_fields::<std::collections::HashMap<String, String>>().is_empty());
        assert!(struct_fields::<u32>().is_empty());
    }

    #[test]
    fn path_parameters_by_name_in_order_or_alone() {
        let params = |p: &[(&str, &str)]| -> Vec<(String, String)> {
            p.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        assert_eq!(from_path::<bool>(&params(&[("on", "Yes")])), Some(true));
        assert_eq!(
            from_path::<(u32, bool)>(&params(&[("id", "7"), ("on", "off")])),
            Some((7, false))
        );
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct P {
            id: u32,
            on: bool,
        }
        assert_eq!(
            from_path::<P>(&params(&[("id", "7"), ("on", "t")])),
            Some(P { id: 7, on: true })
        );
        assert_eq!(from_path::<bool>(&params(&[("on", "maybe")])), None);
    }
}

//! Every top-level field of a JSON body that is missing or bad, at once: FastAPI reports them
//! all (`{}` on a sign-up: `email` and `password` missing), serde stops at the first. After a
//! failed reading, the body is read again with a stand-in for each field already reported
//! (the type's zero: `""`, `0`, `false`, `None`, an empty list), until it reads or a problem
//! names no new field. Only then, and only for a body that is an object.

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::{Map, Value};

use super::error::{self, ErrorDetail, Loc};
use super::form::MAX_REPORTED;
use crate::lax::Field;

/// The errors of `body` read as `T`, `first` (the error of the first reading) included:
/// each further top-level field that is missing or bad, in the order serde meets them.
pub(super) fn every_error<T: DeserializeOwned>(
    body: &Value,
    first: ErrorDetail,
) -> Vec<ErrorDetail> {
    let (Value::Object(_), Some(Loc::Key(field))) = (body, first.loc.get(1)) else {
        return vec![first];
    };
    // Integral floats read as integers, as the first reading's retry reads them.
    let mut read_as = body.clone();
    super::integral_floats_to_integers(&mut read_as);
    let Value::Object(object) = &read_as else {
        return vec![first];
    };
    let mut reported = vec![field.clone()];
    let mut details = vec![first];
    while reported.len() < MAX_REPORTED {
        let (path, why) = match read::<T>(object, &reported) {
            Ok(_) => break,
            Err(e) => e,
        };
        let loc = error::loc_of("body", &path);
        // The value at the error (for a missing field: the object that lacks it, whose
        // name `detail` adds to the location).
        let input = error::value_at(body, &loc).clone();
        let mut detail = error::classify(&why).detail(loc, input);
        let Some(Loc::Key(field)) = detail.loc.get(1).cloned() else {
            break;
        };
        if reported.contains(&field) {
            // The stand-in itself was refused (an enum, a nested struct).
            break;
        }
        error::reword_for_input(&mut detail);
        details.push(detail);
        reported.push(field);
    }
    details
}

/// `object` read as `T`, each field of `stand_ins` replaced by a stand-in.
fn read<T: DeserializeOwned>(
    object: &Map<String, Value>,
    stand_ins: &[String],
) -> Result<T, (serde_path_to_error::Path, String)> {
    let fields = object
        .iter()
        .filter(|(k, _)| !stand_ins.contains(k))
        .map(|(k, v)| (k.as_str(), Json::Value(v)))
        .chain(stand_ins.iter().map(|k| (k.as_str(), Json::StandIn)));
    let map = de::value::MapDeserializer::<_, de::value::Error>::new(fields);
    serde_path_to_error::deserialize(map).map_err(|e| {
        let why = e.inner().to_string();
        (e.path().clone(), why)
    })
}

/// A field's JSON value, or a stand-in for one already reported.
enum Json<'a> {
    Value(&'a Value),
    StandIn,
}

impl<'de> IntoDeserializer<'de, de::value::Error> for Json<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// serde_json's error, as the message classify reads.
fn own(e: serde_json::Error) -> de::value::Error {
    de::Error::custom(e)
}

macro_rules! value_or_stand_in {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self {
                Json::Value(v) => v.$method(visitor).map_err(own),
                Json::StandIn => Field::StandIn.$method(visitor),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Json<'de> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_any(visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_any(visitor),
        }
    }

    value_or_stand_in! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_bool deserialize_f32 deserialize_f64 deserialize_str deserialize_string
        deserialize_option deserialize_seq deserialize_unit deserialize_ignored_any
        deserialize_i128 deserialize_u128 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_map deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_unit_struct(name, visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_unit_struct(name, visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_newtype_struct(name, visitor).map_err(own),
            Json::StandIn => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_tuple(len, visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_tuple(len, visitor),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_tuple_struct(name, len, visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_tuple_struct(name, len, visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_struct(name, fields, visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Json::Value(v) => v.deserialize_enum(name, variants, visitor).map_err(own),
            Json::StandIn => Field::StandIn.deserialize_enum(name, variants, visitor),
        }
    }
}

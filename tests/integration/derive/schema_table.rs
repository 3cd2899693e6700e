//! A plain view's `JsonSchema` is the derive's table, built by one function of the runtime;
//! a generic view's is schemars' derive. Both must give the same schema: the same model
//! written twice, plain and generic, gives the same JSON for every view under both
//! contracts and both dialects (all but the root's `title` and `$comment`, which name the
//! type).
#![allow(dead_code, reason = "only the types' schemas are read")]

use std::marker::PhantomData;

use response_model::prelude::*;
use response_model::{Defaulted, Tristate};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde_json::Value;

/// A type with a schema of its own (a component the views refer to).
#[derive(Serialize, JsonSchema, Default, PartialEq)]
pub(crate) enum Role {
    /// Reads.
    #[default]
    Reader,
    /// Writes.
    Writer,
}

macro_rules! account {
    ($($generic:ident)?) => {
        #[derive(Serialize, JsonSchema, ResponseModel)]
        #[response_model(
            view(AccountOut, exclude(marker)),
            view(AccountPruned, exclude(marker, login_count), exclude_none, closed),
            view(AccountCamel, exclude(marker), rename_all = "camelCase", exclude_defaults),
            view(AccountUnset, include(id, nickname, label, contact), exclude_unset, name = "AccountPatch"),
        )]
        pub(crate) struct Account<$($generic)?> {
            /// The account's id.
            pub(crate) id: i64,
            /// # Display name
            ///
            /// What others see,
            ///   on two lines.
            pub(crate) display_name: String,
            #[serde(rename = "mail", alias = "email")]
            pub(crate) email: Option<String>,
            pub(crate) nickname: Tristate<String>,
            pub(crate) label: Defaulted<String>,
            pub(crate) role: Role,
            #[schemars(length(min = 1, max = 8))]
            pub(crate) tags: Vec<Option<String>>,
            #[schemars(range(min = -1, max = 1000.5))]
            pub(crate) login_count: u32,
            /// Where to write.
            #[schemars(email, length(max = 255))]
            pub(crate) contact: Option<String>,
            #[schemars(url)]
            #[schemars(length(equal = 3))]
            pub(crate) code: String,
            #[serde(skip)]
            pub(crate) marker: PhantomData<fn() -> ($($generic,)?)>,
        }
    };
}

account!();

mod generic {
    use super::*;
    account!(T);
}

fn schema<T: JsonSchema>(settings: SchemaSettings) -> Value {
    let mut value = settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    if let Some(root) = value.as_object_mut() {
        root.remove("title");
        root.remove("$comment");
    }
    value
}

fn settings() -> [(&'static str, SchemaSettings); 4] {
    [
        (
            "2020-12 serialize",
            SchemaSettings::draft2020_12().for_serialize(),
        ),
        (
            "2020-12 deserialize",
            SchemaSettings::draft2020_12().for_deserialize(),
        ),
        (
            "openapi3 serialize",
            SchemaSettings::openapi3().for_serialize(),
        ),
        (
            "openapi3 deserialize",
            SchemaSettings::openapi3().for_deserialize(),
        ),
    ]
}

fn same<Table: JsonSchema, Derived: JsonSchema>() {
    for (name, s) in settings() {
        assert_eq!(
            serde_json::to_string_pretty(&schema::<Table>(s.clone())).unwrap(),
            serde_json::to_string_pretty(&schema::<Derived>(s)).unwrap(),
            "{} under {name}",
            std::any::type_name::<Table>(),
        );
    }
}

#[test]
fn table_schemas_are_schemars_derive_schemas() {
    same::<AccountOut, generic::AccountOut<()>>();
    same::<AccountPruned, generic::AccountPruned<()>>();
    same::<AccountCamel, generic::AccountCamel<()>>();
    same::<AccountUnset, generic::AccountUnset<()>>();
}

#[test]
fn table_schemas_carry_schemars_validation_keys() {
    let out = schema::<AccountOut>(SchemaSettings::draft2020_12().for_serialize());
    let p = &out["properties"];
    assert_eq!(
        (&p["tags"]["minItems"], &p["tags"]["maxItems"]),
        (&1.into(), &8.into())
    );
    assert!(p["tags"].get("minLength").is_none());
    assert_eq!(p["login_count"]["minimum"], -1);
    assert_eq!(p["login_count"]["maximum"], 1000.5);
    assert_eq!(p["contact"]["format"], "email");
    assert_eq!(p["contact"]["maxLength"], 255);
    assert_eq!(p["code"]["format"], "uri");
    assert_eq!(
        (&p["code"]["minLength"], &p["code"]["maxLength"]),
        (&3.into(), &3.into())
    );
}

#[test]
fn table_schemas_read_doc_comments_as_schemars_does() {
    let out = schema::<AccountOut>(SchemaSettings::draft2020_12().for_serialize());
    assert_eq!(out["properties"]["id"]["description"], "The account's id.");
    let name = &out["properties"]["display_name"];
    assert_eq!(name["title"], "Display name");
    assert_eq!(name["description"], "What others see,\n  on two lines.");
    assert!(out["properties"]["tags"].get("description").is_none());
}

#[test]
fn table_schemas_name_their_rust_path_and_component() {
    let root = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<AccountUnset>()
        .to_value();
    assert_eq!(root["title"], "AccountPatch");
    assert_eq!(
        root["$comment"],
        format!("rust: {}::AccountPatch", module_path!())
    );
    assert_eq!(
        AccountOut::schema_id(),
        format!("{}::AccountOut", module_path!())
    );
}

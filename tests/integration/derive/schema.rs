//! Each view's JSON Schema (serialize contract) describes exactly what it serializes:
//! real outputs validate, no secret appears anywhere, and a `closed` view's schema refuses
//! the same output with a secret's key added (an open one admits other keys: adding a field
//! breaks no generated client). Plus a property test of the leak guarantee.

use proptest::prelude::*;
use response_model::View;
use response_model::prelude::*;
use response_model::view::FieldList;
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize, JsonSchema, ResponseModel)]
#[allow(clippy::duplicated_attributes, reason = "two views are closed")]
#[response_model(
    view(UserOut, exclude(is_superuser)),
    view(UserPublic, include(id, name), closed),
    view(UserProfile, exclude_none, closed),
    view(UserCamel, rename_all = "camelCase", exclude_defaults)
)]
struct UserInDB {
    id: i64,
    name: String,
    email: String,
    #[response_model(secret)]
    hashed_password: String,
    is_superuser: bool,
    bio: Option<String>,
    login_count: u32,
}

fn output_schema<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

fn validator<T: JsonSchema>() -> jsonschema::Validator {
    jsonschema::validator_for(&output_schema::<T>()).unwrap()
}

fn user(
    id: i64,
    name: String,
    email: String,
    secret: String,
    su: bool,
    bio: Option<String>,
    n: u32,
) -> UserInDB {
    UserInDB {
        id,
        name,
        email,
        hashed_password: secret,
        is_superuser: su,
        bio,
        login_count: n,
    }
}

#[test]
fn exclude_none_field_is_optional_and_not_nullable() {
    let schema = output_schema::<UserProfile>();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        ["id", "name", "email", "is_superuser", "login_count"]
    );
    assert_eq!(schema["properties"]["bio"], json!({"type": "string"}));
    assert_eq!(schema["additionalProperties"], json!(false));
}

#[test]
fn plain_option_stays_required_and_nullable() {
    let schema = output_schema::<UserOut>();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["id", "name", "email", "bio", "login_count"]);
    assert_eq!(
        schema["properties"]["bio"]["type"],
        json!(["string", "null"])
    );
}

#[test]
fn rename_all_and_exclude_defaults_shape_the_schema() {
    let schema = output_schema::<UserCamel>();
    assert!(schema["properties"]["loginCount"].is_object());
    assert!(schema["properties"]["isSuperuser"].is_object());
    assert_eq!(
        schema.get("required"),
        None,
        "every exclude_defaults field may be absent"
    );
    assert_eq!(
        UserCamel::NAMES,
        ["id", "name", "email", "isSuperuser", "bio", "loginCount"]
    );
    let v = serde_json::to_value(UserCamel::from(user(
        0,
        "".into(),
        "e".into(),
        "s".into(),
        false,
        None,
        0,
    )))
    .unwrap();
    assert_eq!(v, json!({"email": "e"}));
}

#[test]
fn no_schema_mentions_a_secret() {
    for schema in [
        output_schema::<UserOut>(),
        output_schema::<UserPublic>(),
        output_schema::<UserProfile>(),
        output_schema::<UserCamel>(),
    ] {
        let text = schema.to_string();
        assert!(
            !text.contains("hashed_password") && !text.contains("hashedPassword"),
            "{text}"
        );
    }
}

#[test]
fn views_are_open_unless_closed() {
    // Open: no `additionalProperties`, so any other key is admitted.
    for schema in [output_schema::<UserOut>(), output_schema::<UserCamel>()] {
        assert_eq!(schema.get("additionalProperties"), None, "{schema}");
    }
    // `closed`: exactly the view's keys.
    for schema in [
        output_schema::<UserPublic>(),
        output_schema::<UserProfile>(),
    ] {
        assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
    }
    // Under the deserialize contract too (`schema_for!`).
    let open = serde_json::to_value(schemars::schema_for!(UserOut)).unwrap();
    assert_eq!(open.get("additionalProperties"), None);
    let closed = serde_json::to_value(schemars::schema_for!(UserPublic)).unwrap();
    assert_eq!(closed["additionalProperties"], json!(false));
}

fn check_view<V>(model: UserInDB, secret: &str, closed: bool) -> Result<(), TestCaseError>
where
    V: View<FullModel = UserInDB> + Serialize + JsonSchema,
{
    let out = serde_json::to_value(V::from(model)).unwrap();
    let text = out.to_string();
    let obj = out.as_object().unwrap();
    // Exactly the declared keys (a subset where a key may be skipped).
    for key in obj.keys() {
        prop_assert!(V::NAMES.contains(&key.as_str()), "unexpected key {key}");
    }
    prop_assert!(!obj.contains_key("hashed_password") && !obj.contains_key("hashedPassword"));
    prop_assert!(!text.contains(secret), "secret value leaked: {text}");
    let validator = validator::<V>();
    prop_assert!(
        validator.is_valid(&out),
        "{text} invalid for its own schema"
    );
    let mut with_secret = out.clone();
    with_secret
        .as_object_mut()
        .unwrap()
        .insert("hashed_password".into(), json!(secret));
    // A closed schema refuses any other key; an open one admits it (what the view sends
    // is still only its own fields, checked above).
    prop_assert_eq!(
        validator.is_valid(&with_secret),
        !closed,
        "closed: {}, with a secret key: {}",
        closed,
        with_secret
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn views_hold_exactly_their_keys_and_never_a_secret(
        id in any::<i64>(),
        name in "[a-z]{0,8}",
        email in "[a-z]{1,8}@x\\.com",
        // A marker no generated name or email can contain.
        secret in "#SECRET#[0-9a-f]{8}",
        su in any::<bool>(),
        bio in proptest::option::of("[a-z ]{0,12}"),
        n in any::<u32>(),
    ) {
        let make = || user(id, name.clone(), email.clone(), secret.clone(), su, bio.clone(), n);
        check_view::<UserOut>(make(), &secret, false)?;
        check_view::<UserPublic>(make(), &secret, true)?;
        check_view::<UserProfile>(make(), &secret, true)?;
        check_view::<UserCamel>(make(), &secret, false)?;
        // Views that keep every field keep them all.
        let full = serde_json::to_value(UserOut::from(make())).unwrap();
        prop_assert_eq!(full.as_object().unwrap().len(), UserOut::NAMES.len());
    }
}

mod contracts {
    //! A view's schema says what it sends under either of schemars' contracts
    //! (`schema_for!` uses the deserialize one), and the document agrees with the wire.
    use response_model::prelude::*;
    use response_model::routing::{ApiRouter, get};
    use schemars::JsonSchema;
    use serde::Serialize;
    use serde_json::json;

    #[derive(Serialize, JsonSchema, ResponseModel)]
    #[response_model(
        view(Profile, exclude_none),
        view(Patch, exclude_unset),
        view(Card, include(id), name = "ContactCard")
    )]
    pub(crate) struct Contact {
        id: i64,
        bio: Option<String>,
        note: Tristate<String>,
    }

    fn contact() -> Contact {
        Contact {
            id: 1,
            bio: None,
            note: Tristate::Null,
        }
    }

    #[test]
    fn schema_for_describes_the_serialized_view() {
        let profile = serde_json::to_value(schemars::schema_for!(Profile)).unwrap();
        // `exclude_none`: optional, and not nullable (a `None` is left out).
        assert_eq!(profile["required"], json!(["id", "note"]));
        assert_eq!(profile["properties"]["bio"]["type"], "string");
        let patch = serde_json::to_value(schemars::schema_for!(Patch)).unwrap();
        // Always sent, `null` when `None`: required and nullable.
        assert_eq!(patch["required"], json!(["id", "bio"]));
        assert_eq!(
            patch["properties"]["bio"]["type"],
            json!(["string", "null"])
        );
        // `exclude_unset`: optional, and nullable (an explicit null is sent).
        assert_eq!(
            patch["properties"]["note"]["type"],
            json!(["string", "null"])
        );
        assert_eq!(
            serde_json::to_value(Patch::from(contact())).unwrap(),
            json!({"id": 1, "bio": null, "note": null})
        );
        assert_eq!(
            serde_json::to_value(Profile::from(contact())).unwrap(),
            json!({"id": 1, "note": null})
        );
    }

    async fn patch() -> Patch {
        contact().into()
    }
    async fn card() -> Card {
        contact().into()
    }

    #[test]
    fn the_document_keeps_null_for_exclude_unset_and_names_views_as_asked() {
        let doc = ApiRouter::<()>::new()
            .route("/patch", get(patch))
            .route("/card", get(card))
            .openapi();
        let schemas = &doc["components"]["schemas"];
        let patch = &schemas["Patch"];
        assert_eq!(patch["required"], json!(["id", "bio"]));
        assert_eq!(
            patch["properties"]["note"]["type"],
            json!(["string", "null"])
        );
        assert!(
            patch.get("$comment").is_none()
                && patch["properties"]["note"].get("$comment").is_none()
        );
        assert!(schemas.get("ContactCard").is_some(), "{schemas}");
        assert!(schemas.get("Card").is_none());
        assert_eq!(
            doc["paths"]["/card"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/ContactCard"
        );
    }
}

mod names {
    //! Two views of one name in two modules: each is named by its module, whatever the
    //! order the routes are added in.
    use response_model::routing::{ApiRouter, get};

    pub(crate) mod users {
        use response_model::prelude::*;
        #[derive(serde::Serialize, schemars::JsonSchema, ResponseModel)]
        #[response_model(view(UserOut, include(id)))]
        pub(crate) struct User {
            pub(crate) id: i64,
        }
        pub(crate) async fn get() -> UserOut {
            User { id: 1 }.into()
        }
    }

    pub(crate) mod admin {
        use response_model::prelude::*;
        #[derive(serde::Serialize, schemars::JsonSchema, ResponseModel)]
        #[response_model(view(UserOut, include(id, role)))]
        pub(crate) struct Admin {
            pub(crate) id: i64,
            pub(crate) role: String,
        }
        pub(crate) async fn get() -> UserOut {
            Admin {
                id: 1,
                role: "root".into(),
            }
            .into()
        }
    }

    #[test]
    fn clashing_views_are_named_by_their_module_in_either_order() {
        let one = ApiRouter::<()>::new()
            .route("/u", get(users::get))
            .route("/a", get(admin::get))
            .openapi();
        let other = ApiRouter::<()>::new()
            .route("/a", get(admin::get))
            .route("/u", get(users::get))
            .openapi();
        assert_eq!(one["components"], other["components"]);
        let names: Vec<&String> = one["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(names, ["admin.UserOut", "users.UserOut"]);
        assert_eq!(
            one["paths"]["/u"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/users.UserOut"
        );
        assert_eq!(
            other["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/admin.UserOut"
        );
    }
}

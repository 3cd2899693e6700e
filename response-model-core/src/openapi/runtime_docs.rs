//! What `Model<T, S>`, `Fields<M>` and `Selected<T>` document.

use http::StatusCode;
use schemars::JsonSchema;
use serde_json::{Value, json};

use super::classes::internal_error;
use super::operation::{
    MediaDoc, OperationDoc, ParamLocation, ParameterDoc, ResponseDoc, Responses,
};
use super::schema::{DocContext, DocSchema};
use super::traits::{InputDocs, ResponseDocs, json_responses};
use crate::fields::ModelFields;
use crate::model::{Model, ResponseValidationError};
use crate::select::{Fields, Selected, SelectionError};

/// The status of the type (`Created<T>` -> 201) with `T`'s schema (serialize contract).
/// A `Model::validate` that fails is a `ResponseValidationError`: return
/// `Result<Model<T>, ResponseValidationError>` and its 500 is documented too.
impl<T: JsonSchema, const S: u16> ResponseDocs for Model<T, S> {
    fn responses(cx: &mut DocContext) -> Responses {
        // `STATUS` refuses (at compile time) a code outside 100..=999; `from_u16` accepts
        // every code in that range.
        match StatusCode::from_u16(Model::<T, S>::STATUS) {
            Ok(status) => json_responses::<T>(cx, status),
            Err(_) => Responses::new(),
        }
    }
}

/// The 500 (`text/plain`, nothing of the data) of a failed validation.
impl ResponseDocs for ResponseValidationError {
    fn responses(_cx: &mut DocContext) -> Responses {
        internal_error()
    }
}

/// The JSON body of a `400` for a bad `?fields=`/`?exclude=`.
fn selection_error_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "detail": {"type": "string", "description": "What is wrong and how to fix it."},
            "param": {"type": "string", "enum": ["fields", "exclude"]},
            "field": {"type": "string", "description": "The name that was refused."},
            "did_you_mean": {"type": "string"},
            "allowed": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["detail"],
    })
}

fn selection_error_responses() -> Responses {
    Responses::single(
        StatusCode::BAD_REQUEST,
        ResponseDoc::new("Unknown or malformed field selection").content(
            mime::APPLICATION_JSON.as_ref(),
            MediaDoc::schema(DocSchema::plain(selection_error_schema())),
        ),
    )
}

/// The 400 of a bad selection.
impl ResponseDocs for SelectionError {
    fn responses(_cx: &mut DocContext) -> Responses {
        selection_error_responses()
    }
}

fn document_fields(op: &mut OperationDoc, names: &'static [&'static str]) {
    let list = names.join(", ");
    let string = || DocSchema::plain(json!({"type": "string"}));
    op.add_parameter(
        ParameterDoc::new("fields", ParamLocation::Query, string()).description(format!(
            "Comma-separated fields to keep (nested: `items.name`); of: {list}."
        )),
    );
    op.add_parameter(
        ParameterDoc::new("exclude", ParamLocation::Query, string()).description(format!(
            "Comma-separated fields to drop (nested: `items.name`); of: {list}."
        )),
    );
    op.responses_mut().merge(selection_error_responses());
}

/// The `fields` and `exclude` query parameters (their description lists `M`'s fields)
/// and the 400 of a name `M` does not have.
impl<M: ModelFields> InputDocs for Fields<M> {
    fn document(_cx: &mut DocContext, op: &mut OperationDoc) {
        document_fields(op, M::FIELDS);
    }
}

/// A 200 JSON body of `T` whose top-level fields are all optional (the request picks
/// them), and the 500 of a value that could not be encoded.
///
/// Only the top level (the objects of `T`, or of `T`'s items) is relaxed: a nested
/// selection (`?fields=items.name`) can also drop fields that the nested model's
/// component lists as required.
impl<T: JsonSchema> ResponseDocs for Selected<T> {
    fn responses(cx: &mut DocContext) -> Responses {
        let schema = cx.selected_response_schema::<T>();
        let mut r = Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK)
                .content(mime::APPLICATION_JSON.as_ref(), MediaDoc::schema(schema)),
        );
        r.merge(internal_error());
        r
    }
}

//! `app/api/routes/utils.py`: a test email and the health check.

use garde::Validate;
use response_model::extract::{Query, Valid};
use response_model::prelude::*;
use response_model::routing::{ApiRouter, get, post};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::deps::{AppState, Superuser};
use crate::models::Message;

/// `?email_to=`, an email address.
#[derive(Debug, Deserialize, Validate, JsonSchema)]
pub struct TestEmailQuery {
    /// Where to send the test email.
    #[garde(email)]
    #[schemars(email)]
    pub email_to: String,
}

async fn test_email(
    _: Superuser,
    axum::extract::State(state): axum::extract::State<AppState>,
    Valid(Query(query)): Valid<Query<TestEmailQuery>>,
) -> Created<Message> {
    let data = state.mailer.test_email(&query.email_to);
    state.mailer.send(&query.email_to, data);
    Model(Message {
        message: "Test email sent".into(),
    })
}

async fn health_check() -> Model<bool> {
    Model(true)
}

/// The routes of `utils.py`, tagged `utils`.
pub fn router() -> ApiRouter<AppState> {
    ApiRouter::new()
        .route(
            "/utils/test-email/",
            post(test_email).description("Test emails."),
        )
        .route("/utils/health-check/", get(health_check))
        .tag("utils")
}

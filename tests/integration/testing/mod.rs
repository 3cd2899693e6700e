//! `response_model::testing` (feature `testing`): an app checked against its document.
#![cfg(feature = "testing")]

mod validate;

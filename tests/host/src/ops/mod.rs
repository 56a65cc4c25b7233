//! The UI side of libpurple: every `*UiOps` table the host installs, and the guard that keeps
//! Rust panics from unwinding into C.

pub mod account;
pub mod connection;
pub mod conversation;
pub mod core;
pub mod debug;
pub mod dns;
pub mod eventloop;
pub mod notify;
pub mod request;
mod request_fields;

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::protocol;

/// Runs the body of a callback from libpurple. A panic is reported as an error event and
/// replaced by `fallback`, because unwinding into C would abort the whole host.
pub fn guard<R>(callback: &'static str, fallback: R, body: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            let reason = panic_message(payload.as_ref());
            protocol::emit_error(&format!("host panicked in {callback}: {reason}"));
            fallback
        }
    }
}

pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "panic with a non-string payload"
    }
}

//! Connection ops: sign-in progress and connection errors, plus Pidgin's reaction to errors
//! (auto-reconnect or disabling the account), delegated to `reconnect`.

use std::ffi::c_char;

use serde_json::json;

use crate::accounts;
use crate::cstr;
use crate::ffi::{self, PurpleConnection, PurpleConnectionError, PurpleConnectionUiOps};
use crate::protocol;
use crate::reconnect;

pub static CONNECTION_OPS: PurpleConnectionUiOps = PurpleConnectionUiOps {
    connect_progress: Some(connect_progress),
    connected: None,
    disconnected: None,
    notice: Some(notice),
    report_disconnect: None,
    network_connected: None,
    network_disconnected: None,
    report_disconnect_reason: Some(report_disconnect_reason),
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
};

unsafe extern "C" fn connect_progress(
    gc: *mut PurpleConnection,
    text: *const c_char,
    step: usize,
    step_count: usize,
) {
    super::guard("connect_progress", (), || {
        protocol::emit_event(
            "connection_progress",
            json!({
                "account": accounts::label_json_for_connection(gc),
                // SAFETY: valid or NULL string from libpurple.
                "text": unsafe { cstr::json(text) },
                "step": step,
                "count": step_count,
            }),
        );
    })
}

unsafe extern "C" fn notice(gc: *mut PurpleConnection, text: *const c_char) {
    super::guard("connection notice", (), || {
        protocol::emit_event(
            "connection_notice",
            json!({
                "account": accounts::label_json_for_connection(gc),
                // SAFETY: valid or NULL string from libpurple.
                "text": unsafe { cstr::json(text) },
            }),
        );
    })
}

/// libpurple calls this once per connection, for the first error only; the connection is
/// torn down right after (from a zero-delay timer).
unsafe extern "C" fn report_disconnect_reason(
    gc: *mut PurpleConnection,
    reason: PurpleConnectionError,
    text: *const c_char,
) {
    super::guard("report_disconnect_reason", (), || {
        // SAFETY: a live connection and a valid string from libpurple.
        let (account, fatal, text) = unsafe {
            (
                ffi::purple_connection_get_account(gc),
                ffi::purple_connection_error_is_fatal(reason) != 0,
                cstr::json(text),
            )
        };
        protocol::emit_event(
            "connection_error",
            json!({
                "account": accounts::label_json(account),
                "reason": protocol::connection_error_name(reason),
                "code": reason,
                "fatal": fatal,
                "text": text,
            }),
        );
        reconnect::after_connection_error(account, fatal);
    })
}

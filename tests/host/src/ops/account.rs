//! Account ops: authorization prompts ("X wants to add you") and "you were added" notices.

use std::ffi::{c_char, c_void};

use serde_json::json;

use crate::accounts;
use crate::cstr;
use crate::ffi::{
    PurpleAccount, PurpleAccountRequestAuthorizationCb, PurpleAccountUiOps, gboolean,
};
use crate::protocol;

pub static ACCOUNT_OPS: PurpleAccountUiOps = PurpleAccountUiOps {
    notify_added: Some(notify_added),
    status_changed: None,
    request_add: Some(request_add),
    request_authorize: Some(request_authorize),
    close_account_request: Some(close_account_request),
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

/// Reports "remote_user added you" (`kind` "added") or "… added you; add them too?"
/// (`kind` "request_add"), as `notify` events: neither has an answer to give.
unsafe fn report_added(
    kind: &str,
    account: *mut PurpleAccount,
    remote_user: *const c_char,
    id: *const c_char,
    alias: *const c_char,
    message: *const c_char,
) {
    // SAFETY: valid or NULL strings from libpurple, copied before returning.
    unsafe {
        protocol::emit_event(
            "notify",
            json!({
                "kind": kind,
                "account": accounts::label_json(account),
                "remote_user": cstr::json(remote_user),
                "remote_id": cstr::json(id),
                "alias": cstr::json(alias),
                "message": cstr::json(message),
            }),
        );
    }
}

unsafe extern "C" fn notify_added(
    account: *mut PurpleAccount,
    remote_user: *const c_char,
    id: *const c_char,
    alias: *const c_char,
    message: *const c_char,
) {
    super::guard("notify_added", (), || unsafe {
        report_added("added", account, remote_user, id, alias, message)
    })
}

unsafe extern "C" fn request_add(
    account: *mut PurpleAccount,
    remote_user: *const c_char,
    id: *const c_char,
    alias: *const c_char,
    message: *const c_char,
) {
    super::guard("request_add", (), || unsafe {
        report_added("request_add", account, remote_user, id, alias, message)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn request_authorize(
    account: *mut PurpleAccount,
    remote_user: *const c_char,
    id: *const c_char,
    alias: *const c_char,
    message: *const c_char,
    on_list: gboolean,
    authorize: PurpleAccountRequestAuthorizationCb,
    deny: PurpleAccountRequestAuthorizationCb,
    user_data: *mut c_void,
) -> *mut c_void {
    super::guard("request_authorize", std::ptr::null_mut(), || unsafe {
        // SAFETY: arguments exactly as libpurple passed them.
        super::request::register_authorization(
            account,
            remote_user,
            id,
            alias,
            message,
            on_list != 0,
            authorize,
            deny,
            user_data,
        )
    })
}

unsafe extern "C" fn close_account_request(ui_handle: *mut c_void) {
    super::guard("close_account_request", (), || {
        super::request::close(ui_handle as usize as u64)
    })
}

//! Presence between the engine and libpurple: contacts' statuses into the buddy list, the
//! user's chosen status out to the engine.

use std::ffi::c_char;

use super::ffi::{self, PurpleAccount, PurpleBuddy, PurpleConnection, PurpleStatus};
use super::strings::{from_cstr, to_cstring};
use crate::engine::ContactStatus;
use crate::status::MESSAGE_ATTRIBUTE;

/// Shows a contact's presence in Pidgin; `tell_idle` when the idle state must be set (the
/// contact is idle, or was shown idle before; buddies start not idle).
///
/// # Safety
/// `gc` and `account` must be live.
pub unsafe fn show(
    gc: *mut PurpleConnection,
    account: *mut PurpleAccount,
    status: &ContactStatus,
    tell_idle: bool,
) {
    let uri = to_cstring(&status.uri);
    let id = to_cstring(status.status_id);
    let attr = to_cstring(MESSAGE_ATTRIBUTE);
    let message = status.message.as_deref().map(to_cstring);
    // SAFETY: per the contract; libpurple copies the strings; the attribute list ends in NULL.
    unsafe {
        match &message {
            Some(message) => ffi::purple_prpl_got_user_status(
                account,
                uri.as_ptr(),
                id.as_ptr(),
                attr.as_ptr(),
                message.as_ptr(),
                std::ptr::null::<c_char>(),
            ),
            None => ffi::purple_prpl_got_user_status(
                account,
                uri.as_ptr(),
                id.as_ptr(),
                std::ptr::null::<c_char>(),
            ),
        }
        if tell_idle {
            ffi::purple_prpl_got_user_idle(
                account,
                uri.as_ptr(),
                status.idle.into(),
                idle_since(status.idle_since),
            );
        }
        if let Some(name) = status
            .card
            .as_ref()
            .and_then(|c| c.display_name.as_deref())
            .filter(|n| !n.is_empty())
        {
            let name = to_cstring(name);
            ffi::serv_got_alias(gc, uri.as_ptr(), name.as_ptr());
        }
    }
}

/// The status id and note of a status the user chose.
///
/// # Safety
/// `status` must be live.
pub unsafe fn chosen_status(status: *mut PurpleStatus) -> (String, Option<String>) {
    let attr = to_cstring(MESSAGE_ATTRIBUTE);
    // SAFETY: per the contract; libpurple owns the returned strings.
    unsafe {
        let id =
            from_cstr(ffi::purple_status_get_id(status)).unwrap_or_else(|| "available".to_owned());
        let message = from_cstr(ffi::purple_status_get_attr_string(status, attr.as_ptr()));
        (id, message)
    }
}

/// The account's current status, to publish once signed in.
///
/// # Safety
/// `account` must be live.
pub unsafe fn active_status(account: *mut PurpleAccount) -> (String, Option<String>) {
    // SAFETY: per the contract.
    unsafe { chosen_status(ffi::purple_account_get_active_status(account)) }
}

/// A buddy's note, for the buddy list.
///
/// # Safety
/// `buddy` must be live.
pub unsafe fn status_message(buddy: *mut PurpleBuddy) -> Option<String> {
    let attr = to_cstring(MESSAGE_ATTRIBUTE);
    // SAFETY: per the contract; presence and status belong to the buddy.
    unsafe {
        let presence = ffi::purple_buddy_get_presence(buddy);
        let status = ffi::purple_presence_get_active_status(presence);
        if status.is_null() {
            return None;
        }
        from_cstr(ffi::purple_status_get_attr_string(status, attr.as_ptr()))
            .filter(|m| !m.is_empty())
    }
}

/// Shows a contact's card in Pidgin's Get Info window.
///
/// # Safety
/// `gc` must be live.
pub unsafe fn show_info(gc: *mut PurpleConnection, status: &ContactStatus) {
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(card) = &status.card {
        let fields = [
            ("Name", &card.display_name),
            ("Title", &card.title),
            ("Company", &card.company),
            ("Department", &card.department),
            ("Office", &card.office),
            ("Email", &card.email),
        ];
        for (label, value) in fields {
            if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
                rows.push((label, value.clone()));
            }
        }
        for phone in &card.phones {
            let number = phone
                .display
                .clone()
                .unwrap_or_else(|| phone.uri.trim_start_matches("tel:").to_owned());
            rows.push(("Phone", format!("{number} ({})", phone.kind)));
        }
    }
    rows.push(("Status", status.status_id.replace('-', " ")));
    if let Some(message) = &status.message {
        rows.push(("Note", message.clone()));
    }
    rows.push((
        "SIP address",
        status.uri.trim_start_matches("sip:").to_owned(),
    ));
    let who = to_cstring(&status.uri);
    // SAFETY: per the contract; values are escaped because user info values are HTML;
    // libpurple copies them and frees the info object when the window closes.
    unsafe {
        let info = ffi::purple_notify_user_info_new();
        for (label, value) in rows {
            let label = to_cstring(label);
            let value = to_cstring(&crate::xml::escape(&value));
            ffi::purple_notify_user_info_add_pair(info, label.as_ptr(), value.as_ptr());
        }
        ffi::purple_notify_userinfo(gc, who.as_ptr(), info, None, std::ptr::null_mut());
        ffi::purple_notify_user_info_destroy(info);
    }
}

/// libpurple's idle start: Unix seconds, 0 for "idle, since unknown".
fn idle_since(since: Option<std::time::SystemTime>) -> ffi::time_t {
    since
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| ffi::time_t::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

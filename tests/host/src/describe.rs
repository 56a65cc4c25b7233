//! JSON descriptions of libpurple objects shared by events and command replies.

use serde_json::{Value, json};

use crate::accounts;
use crate::cstr;
use crate::ffi::{self, PurpleBuddy, PurpleStatus};

/// `{"name","alias","server_alias","group","status_id","primitive","message","online","idle",
/// "idle_since"}` (`idle_since`: Unix seconds, 0 when idle without a known start)
///
/// # Safety
/// `buddy` is a live buddy (or one being removed, still attached to its contact).
pub unsafe fn buddy(buddy: *mut PurpleBuddy) -> Value {
    // SAFETY: per the contract; every getter returns borrowed data that is copied here.
    unsafe {
        let group = ffi::purple_buddy_get_group(buddy);
        let presence = ffi::purple_buddy_get_presence(buddy);
        let status = if presence.is_null() {
            std::ptr::null_mut()
        } else {
            ffi::purple_presence_get_active_status(presence)
        };
        let mut described = json!({
            "account": accounts::label_json(ffi::purple_buddy_get_account(buddy)),
            "name": cstr::json(ffi::purple_buddy_get_name(buddy)),
            "alias": cstr::json(ffi::purple_buddy_get_local_buddy_alias(buddy)),
            "server_alias": cstr::json(ffi::purple_buddy_get_server_alias(buddy)),
            "group": if group.is_null() { Value::Null } else { cstr::json(ffi::purple_group_get_name(group)) },
            "online": !presence.is_null() && ffi::purple_presence_is_online(presence) != 0,
            "idle": !presence.is_null() && ffi::purple_presence_is_idle(presence) != 0,
            "idle_since": if presence.is_null() { 0 } else { ffi::purple_presence_get_idle_time(presence) },
        });
        if let (Value::Object(described), Value::Object(status)) =
            (&mut described, self::status(status))
        {
            described.extend(status);
        }
        described
    }
}

/// `{"status_id","primitive","message"}` of a status (all `null` for NULL).
///
/// # Safety
/// `status` is NULL or a live status.
pub unsafe fn status(status: *mut PurpleStatus) -> Value {
    if status.is_null() {
        return json!({"status_id": null, "primitive": null, "message": null});
    }
    // SAFETY: per the contract.
    unsafe {
        let primitive = ffi::purple_status_type_get_primitive(ffi::purple_status_get_type(status));
        json!({
            "status_id": cstr::json(ffi::purple_status_get_id(status)),
            "primitive": cstr::json(ffi::purple_primitive_get_id_from_type(primitive)),
            "message": cstr::json(ffi::purple_status_get_attr_string(status, c"message".as_ptr())),
        })
    }
}

//! Account commands: add, connect/disconnect, status, auto-reconnect, state.

use std::ffi::c_void;

use serde_json::{Value, json};

use super::Outcome;
use crate::UI_ID;
use crate::accounts;
use crate::cstr;
use crate::describe;
use crate::ffi::{self, PURPLE_STATUS_AVAILABLE, PurpleAccount};
use crate::protocol::{self, Command};
use crate::reconnect;

/// `{"cmd":"add_account","account":L,"protocol","username","password"|null,
///   "remember_password":bool,"options":{key: string|bool|int}}`
pub fn add(command: &Command) -> Result<Outcome, String> {
    let label = command.str("account")?;
    let protocol_id = command.str("protocol")?;
    let username = command.str("username")?;
    let password = command.opt_str("password")?;
    let remember = command.opt_bool("remember_password")?.unwrap_or(false);
    let options = match command.get("options") {
        None => serde_json::Map::new(),
        Some(Value::Object(options)) => options.clone(),
        Some(_) => return Err("\"options\" must be an object".into()),
    };
    if accounts::find(label).is_some() {
        return Err(format!("an account labelled \"{label}\" exists already"));
    }
    for (key, value) in &options {
        if !(value.is_string() || value.is_boolean() || value.is_i64()) {
            return Err(format!(
                "option \"{key}\" must be a string, boolean or integer"
            ));
        }
    }
    let c_protocol = cstr::owned(protocol_id);
    let c_username = cstr::owned(username);
    // SAFETY: plain libpurple calls; all strings are copied by libpurple.
    unsafe {
        if ffi::purple_find_prpl(c_protocol.as_ptr()).is_null() {
            return Err(format!("no protocol plugin \"{protocol_id}\" is loaded"));
        }
        let existing = ffi::purple_accounts_find(c_username.as_ptr(), c_protocol.as_ptr());
        if let Some(other) = (!existing.is_null())
            .then(|| accounts::label_of(existing))
            .flatten()
        {
            return Err(format!(
                "{username} on {protocol_id} exists already, as \"{other}\""
            ));
        }
        let account = ffi::purple_account_new(c_username.as_ptr(), c_protocol.as_ptr());
        for (key, value) in &options {
            let c_key = cstr::owned(key);
            match value {
                Value::String(text) => {
                    let c_text = cstr::owned(text);
                    ffi::purple_account_set_string(account, c_key.as_ptr(), c_text.as_ptr());
                }
                Value::Bool(flag) => {
                    ffi::purple_account_set_bool(account, c_key.as_ptr(), (*flag).into())
                }
                _ => {
                    let number = value.as_i64().unwrap_or_default();
                    let number = i32::try_from(number)
                        .map_err(|_| format!("option \"{key}\" is out of range"))?;
                    ffi::purple_account_set_int(account, c_key.as_ptr(), number);
                }
            }
        }
        ffi::purple_account_set_remember_password(account, remember.into());
        if let Some(password) = password {
            let c_password = cstr::owned(password);
            ffi::purple_account_set_password(account, c_password.as_ptr());
        }
        ffi::purple_accounts_add(account);
        accounts::insert(label, account);
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"connect","account":L}`: enable the account as Pidgin's account list does, which
/// also activates the current (available) status if the account's own status is offline.
pub fn connect(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    reconnect::forget(account);
    // SAFETY: live account; libpurple copies the UI id.
    unsafe {
        if ffi::purple_account_is_disconnected(account) == 0 {
            // Already signing on or online: nothing to do, as in Pidgin.
            return Ok(Outcome::Done);
        }
        ffi::purple_account_set_enabled(account, UI_ID.as_ptr(), glib_sys::GTRUE);
        let presence = ffi::purple_account_get_presence(account);
        if ffi::purple_presence_is_online(presence) == 0 {
            let available = ffi::purple_account_get_status_type_with_primitive(
                account,
                PURPLE_STATUS_AVAILABLE,
            );
            if available.is_null() {
                return Err("the protocol has no available status to sign on with".into());
            }
            // Going online from offline makes libpurple connect the enabled account.
            let status_id = ffi::purple_status_type_get_id(available);
            ffi::purple_account_set_status_list(
                account,
                status_id,
                glib_sys::GTRUE,
                std::ptr::null_mut(),
            );
        }
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"disconnect","account":L}`: disable the account (which signs it off), as
/// unticking "Enabled" in Pidgin does; pending auto-reconnects are cancelled.
pub fn disconnect(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    reconnect::forget(account);
    // SAFETY: live account.
    unsafe { ffi::purple_account_set_enabled(account, UI_ID.as_ptr(), glib_sys::GFALSE) };
    Ok(Outcome::Done)
}

/// `{"cmd":"set_status","account":L,"status":"<status type id>","message":…}`
pub fn set_status(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let status_id = command.str("status")?;
    let message = command.opt_str("message")?;
    let c_status = cstr::owned(status_id);
    let c_message = message.map(cstr::owned);
    // SAFETY: live account; the attribute list holds borrowed strings that libpurple copies
    // during the call, and is freed (list cells only) right after.
    unsafe {
        if ffi::purple_account_get_status_type(account, c_status.as_ptr()).is_null() {
            return Err(format!("the protocol has no status \"{status_id}\""));
        }
        let mut attributes: *mut ffi::GList = std::ptr::null_mut();
        if let Some(c_message) = &c_message {
            attributes = glib_sys::g_list_append(attributes, c"message".as_ptr() as *mut c_void);
            attributes = glib_sys::g_list_append(attributes, c_message.as_ptr() as *mut c_void);
        }
        ffi::purple_account_set_status_list(
            account,
            c_status.as_ptr(),
            glib_sys::GTRUE,
            attributes,
        );
        glib_sys::g_list_free(attributes);
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"set_idle","account":…,"seconds":N}`: what Pidgin does when the user has not
/// touched the keyboard for N seconds (0: active again).
pub fn set_idle(command: &Command) -> Result<Outcome, String> {
    let account = accounts::lookup(command.str("account")?)?;
    let seconds = command.opt_u64("seconds")?.unwrap_or(0);
    let seconds = i64::try_from(seconds).map_err(|_| "seconds out of range".to_owned())?;
    // SAFETY: live account; libpurple tells the protocol through its set_idle.
    unsafe {
        let presence = ffi::purple_account_get_presence(account);
        let since = if seconds > 0 {
            libc::time(std::ptr::null_mut()) - seconds
        } else {
            0
        };
        ffi::purple_presence_set_idle(presence, (seconds > 0).into(), since as ffi::time_t);
    }
    Ok(Outcome::Done)
}

/// `{"cmd":"set_auto_reconnect","enabled":bool,"delay_ms":N,"max_attempts":N}`
pub fn set_auto_reconnect(command: &Command) -> Result<Outcome, String> {
    let enabled = command
        .opt_bool("enabled")?
        .ok_or("missing boolean field \"enabled\"")?;
    let delay_ms = command.opt_u64("delay_ms")?.unwrap_or(1000);
    let delay_ms = u32::try_from(delay_ms).map_err(|_| "delay_ms is too large")?;
    let max_attempts = command
        .opt_u64("max_attempts")?
        .map(u32::try_from)
        .transpose()
        .map_err(|_| "max_attempts is too large")?;
    reconnect::configure(enabled, delay_ms, max_attempts);
    Ok(Outcome::Done)
}

/// `{"cmd":"account_setting","account":L,"key":K}` → the string setting `K` ("" when
/// unset), as the protocol plugin stored it (e.g. a cached certificate).
pub fn setting(command: &Command) -> Result<Outcome, String> {
    let label = command.str("account")?;
    let account = accounts::lookup(label)?;
    let key = cstr::owned(command.str("key")?);
    // SAFETY: live account; the returned string is the account's and is copied at once.
    let value = unsafe {
        cstr::json(ffi::purple_account_get_string(
            account,
            key.as_ptr(),
            c"".as_ptr(),
        ))
    };
    Ok(Outcome::Data(
        "account_setting",
        json!({"account": label, "value": value}),
    ))
}

/// `{"cmd":"account_state","account":L}` → enabled, connection state, active status, the
/// current error, and whether a password is held (never the password itself).
pub fn state(command: &Command) -> Result<Outcome, String> {
    let label = command.str("account")?;
    let account = accounts::lookup(label)?;
    // SAFETY: live account; all returned data is copied.
    let state = unsafe { describe_account(account) };
    let mut data = json!({"account": label});
    if let (Value::Object(data), Value::Object(state)) = (&mut data, state) {
        data.extend(state);
    }
    Ok(Outcome::Data("account_state", data))
}

unsafe fn describe_account(account: *mut PurpleAccount) -> Value {
    // SAFETY: per the caller.
    unsafe {
        let connection = if ffi::purple_account_is_connected(account) != 0 {
            "connected"
        } else if ffi::purple_account_is_connecting(account) != 0 {
            "connecting"
        } else {
            "disconnected"
        };
        let error = ffi::purple_account_get_current_error(account);
        let error = if error.is_null() {
            Value::Null
        } else {
            json!({
                "reason": protocol::connection_error_name((*error).type_),
                "code": (*error).type_,
                "text": cstr::json((*error).description),
            })
        };
        json!({
            "enabled": ffi::purple_account_get_enabled(account, UI_ID.as_ptr()) != 0,
            "connection": connection,
            "status": describe::status(ffi::purple_account_get_active_status(account)),
            "error": error,
            "remember_password": ffi::purple_account_get_remember_password(account) != 0,
            "has_password": !ffi::purple_account_get_password(account).is_null(),
        })
    }
}

//! Notify ops: messages, user info, search results, e-mail and URIs become `notify` events.
//!
//! Each notification gets a fresh non-NULL UI handle and stays "open", as an unclosed dialog
//! would in Pidgin; returning NULL instead would make libpurple run the plugin's close
//! callback synchronously, which no real UI does.

use std::cell::Cell;
use std::ffi::{c_char, c_void};

use serde_json::{Value, json};

use crate::accounts;
use crate::cstr;
use crate::ffi::{
    self, PURPLE_NOTIFY_MSG_ERROR, PURPLE_NOTIFY_MSG_INFO, PURPLE_NOTIFY_MSG_WARNING,
    PURPLE_NOTIFY_USER_INFO_ENTRY_PAIR, PURPLE_NOTIFY_USER_INFO_ENTRY_SECTION_BREAK,
    PurpleConnection, PurpleNotifyMsgType, PurpleNotifySearchResults, PurpleNotifyType,
    PurpleNotifyUiOps, PurpleNotifyUserInfo, gboolean, gpointer,
};
use crate::protocol;

pub static NOTIFY_OPS: PurpleNotifyUiOps = PurpleNotifyUiOps {
    notify_message: Some(notify_message),
    notify_email: Some(notify_email),
    notify_emails: Some(notify_emails),
    notify_formatted: Some(notify_formatted),
    notify_searchresults: Some(notify_searchresults),
    notify_searchresults_new_rows: Some(notify_searchresults_new_rows),
    notify_userinfo: Some(notify_userinfo),
    notify_uri: Some(notify_uri),
    close_notify: Some(close_notify),
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

thread_local! {
    static LAST_HANDLE: Cell<usize> = const { Cell::new(0) };
}

/// Reports a notification and returns its UI handle.
fn report(kind: &str, fields: Value) -> *mut c_void {
    let handle = LAST_HANDLE.with(|last| {
        last.set(last.get() + 1);
        last.get()
    });
    let mut event = json!({"kind": kind, "notify": handle});
    if let (Value::Object(event), Value::Object(fields)) = (&mut event, fields) {
        event.extend(fields);
    }
    protocol::emit_event("notify", event);
    handle as *mut c_void
}

fn message_type_name(message_type: PurpleNotifyMsgType) -> &'static str {
    match message_type {
        PURPLE_NOTIFY_MSG_ERROR => "error",
        PURPLE_NOTIFY_MSG_WARNING => "warning",
        PURPLE_NOTIFY_MSG_INFO => "info",
        _ => "unknown",
    }
}

unsafe extern "C" fn notify_message(
    message_type: PurpleNotifyMsgType,
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
) -> *mut c_void {
    super::guard("notify_message", std::ptr::null_mut(), || unsafe {
        // SAFETY (this and the ops below): libpurple passes valid or NULL strings and live
        // objects for the duration of the call; everything is copied before returning.
        report(
            "message",
            json!({
                "type": message_type_name(message_type),
                "title": cstr::json(title),
                "primary": cstr::json(primary),
                "secondary": cstr::json(secondary),
            }),
        )
    })
}

unsafe extern "C" fn notify_formatted(
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    text: *const c_char,
) -> *mut c_void {
    super::guard("notify_formatted", std::ptr::null_mut(), || unsafe {
        report(
            "formatted",
            json!({
                "title": cstr::json(title),
                "primary": cstr::json(primary),
                "secondary": cstr::json(secondary),
                "text": cstr::json(text),
            }),
        )
    })
}

unsafe extern "C" fn notify_email(
    gc: *mut PurpleConnection,
    subject: *const c_char,
    from: *const c_char,
    to: *const c_char,
    url: *const c_char,
) -> *mut c_void {
    super::guard("notify_email", std::ptr::null_mut(), || unsafe {
        let email = json!({
            "subject": cstr::json(subject),
            "from": cstr::json(from),
            "to": cstr::json(to),
            "url": cstr::json(url),
        });
        report(
            "email",
            json!({"account": accounts::label_json_for_connection(gc), "emails": [email]}),
        )
    })
}

unsafe extern "C" fn notify_emails(
    gc: *mut PurpleConnection,
    count: usize,
    detailed: gboolean,
    subjects: *mut *const c_char,
    froms: *mut *const c_char,
    tos: *mut *const c_char,
    urls: *mut *const c_char,
) -> *mut c_void {
    super::guard("notify_emails", std::ptr::null_mut(), || unsafe {
        // Each array, when present, has `count` entries.
        let nth = |array: *mut *const c_char, index: usize| {
            if array.is_null() {
                Value::Null
            } else {
                cstr::json(*array.add(index))
            }
        };
        let emails: Vec<Value> = if detailed != 0 {
            (0..count)
                .map(|index| {
                    json!({
                        "subject": nth(subjects, index),
                        "from": nth(froms, index),
                        "to": nth(tos, index),
                        "url": nth(urls, index),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        report(
            "email",
            json!({
                "account": accounts::label_json_for_connection(gc),
                "count": count,
                "emails": emails,
            }),
        )
    })
}

/// Columns and rows of a search result.
unsafe fn search_table(results: *mut PurpleNotifySearchResults) -> (Vec<Value>, Vec<Value>) {
    // SAFETY: `results` is live for the call; rows are GLists of C strings.
    unsafe {
        let columns = (0..ffi::purple_notify_searchresults_get_columns_count(results))
            .map(|column| {
                cstr::json(ffi::purple_notify_searchresults_column_get_title(
                    results, column,
                ))
            })
            .collect();
        let rows = (0..ffi::purple_notify_searchresults_get_rows_count(results))
            .map(|row| {
                let cells: Vec<Value> =
                    cstr::glist(ffi::purple_notify_searchresults_row_get(results, row))
                        .map(|cell| cstr::json(cell.cast::<c_char>()))
                        .collect();
                Value::Array(cells)
            })
            .collect();
        (columns, rows)
    }
}

unsafe extern "C" fn notify_searchresults(
    gc: *mut PurpleConnection,
    title: *const c_char,
    primary: *const c_char,
    secondary: *const c_char,
    results: *mut PurpleNotifySearchResults,
    _user_data: gpointer,
) -> *mut c_void {
    super::guard("notify_searchresults", std::ptr::null_mut(), || unsafe {
        let (columns, rows) = search_table(results);
        report(
            "searchresults",
            json!({
                "account": accounts::label_json_for_connection(gc),
                "title": cstr::json(title),
                "primary": cstr::json(primary),
                "secondary": cstr::json(secondary),
                "columns": columns,
                "rows": rows,
            }),
        )
    })
}

unsafe extern "C" fn notify_searchresults_new_rows(
    gc: *mut PurpleConnection,
    results: *mut PurpleNotifySearchResults,
    ui_handle: *mut c_void,
) {
    super::guard("notify_searchresults_new_rows", (), || unsafe {
        let (columns, rows) = search_table(results);
        protocol::emit_event(
            "notify",
            json!({
                "kind": "searchresults_rows",
                "notify": ui_handle as usize,
                "account": accounts::label_json_for_connection(gc),
                "columns": columns,
                "rows": rows,
            }),
        );
    })
}

unsafe extern "C" fn notify_userinfo(
    gc: *mut PurpleConnection,
    who: *const c_char,
    user_info: *mut PurpleNotifyUserInfo,
) -> *mut c_void {
    super::guard("notify_userinfo", std::ptr::null_mut(), || unsafe {
        let entries: Vec<Value> = cstr::glist(ffi::purple_notify_user_info_get_entries(user_info))
            .map(|entry| {
                let entry = entry.cast::<ffi::PurpleNotifyUserInfoEntry>();
                let entry_type = match ffi::purple_notify_user_info_entry_get_type(entry) {
                    PURPLE_NOTIFY_USER_INFO_ENTRY_PAIR => "pair",
                    PURPLE_NOTIFY_USER_INFO_ENTRY_SECTION_BREAK => "section_break",
                    _ => "section_header",
                };
                json!({
                    "type": entry_type,
                    "label": cstr::json(ffi::purple_notify_user_info_entry_get_label(entry)),
                    "value": cstr::json(ffi::purple_notify_user_info_entry_get_value(entry)),
                })
            })
            .collect();
        report(
            "userinfo",
            json!({
                "account": accounts::label_json_for_connection(gc),
                "who": cstr::json(who),
                "entries": entries,
            }),
        )
    })
}

unsafe extern "C" fn notify_uri(uri: *const c_char) -> *mut c_void {
    super::guard("notify_uri", std::ptr::null_mut(), || unsafe {
        report("uri", json!({"uri": cstr::json(uri)}))
    })
}

unsafe extern "C" fn close_notify(_notify_type: PurpleNotifyType, _ui_handle: *mut c_void) {
    // Nothing is displayed, so there is nothing to tear down.
}

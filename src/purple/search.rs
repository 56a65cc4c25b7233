//! The account menu's "Search for Contacts…": a form, the engine's directory search, and
//! libpurple's search-results window with "Add" and "IM" buttons.

use std::ffi::CStr;
use std::ptr;

use super::callbacks::{self, Target};
use super::driver;
use super::ffi::{
    self, GList, PurpleConnection, PurplePlugin, PurplePluginAction, PurpleRequestFields, gpointer,
};
use super::guard::{guard, guard_connection};
use super::strings::{from_cstr, glib_strdup, to_cstring};
use crate::engine::Command;
use crate::search::{SearchQuery, SearchResult};

/// Form fields: id and label.
const FIELDS: [(&CStr, &CStr); 6] = [
    (c"given", c"First name"),
    (c"surname", c"Last name"),
    (c"email", c"Email address"),
    (c"sip", c"Sign-in address"),
    (c"company", c"Company"),
    (c"country", c"Country"),
];

pub const SEARCH_ACTION_LABEL: &CStr = c"Search for Contacts...";

/// The plugin's account actions (PurplePluginInfo.actions).
pub unsafe extern "C" fn actions(_plugin: *mut PurplePlugin, _context: gpointer) -> *mut GList {
    guard("actions", ptr::null_mut(), || {
        // SAFETY: libpurple takes the list and the actions it holds.
        unsafe {
            let action =
                ffi::purple_plugin_action_new(SEARCH_ACTION_LABEL.as_ptr(), Some(search_action));
            glib_sys::g_list_append(ptr::null_mut(), action.cast())
        }
    })
}

unsafe extern "C" fn search_action(action: *mut PurplePluginAction) {
    // SAFETY: libpurple passes the action with the connection as its context.
    let gc = unsafe { action.as_ref() }
        .map_or(ptr::null_mut(), |a| a.context.cast::<PurpleConnection>());
    guard_connection("search_action", gc, (), || {
        let Some(serial) = driver::serial(gc) else {
            return;
        };
        // SAFETY: a fresh field set handed to libpurple; the handle gc closes it in close().
        unsafe {
            let fields = ffi::purple_request_fields_new();
            let group = ffi::purple_request_field_group_new(ptr::null());
            for (id, label) in FIELDS {
                let field = ffi::purple_request_field_string_new(
                    id.as_ptr(),
                    label.as_ptr(),
                    ptr::null(),
                    0,
                );
                ffi::purple_request_field_group_add_field(group, field);
            }
            ffi::purple_request_fields_add_group(fields, group);
            let ok: unsafe extern "C" fn(gpointer, *mut PurpleRequestFields) = search_entered;
            ffi::purple_request_fields(
                gc.cast(),
                c"Search for Contacts".as_ptr(),
                c"Search the company directory".as_ptr(),
                c"Names and addresses match from their beginning.".as_ptr(),
                fields,
                c"_Search".as_ptr(),
                Some(std::mem::transmute::<
                    unsafe extern "C" fn(gpointer, *mut PurpleRequestFields),
                    unsafe extern "C" fn(),
                >(ok)),
                c"_Cancel".as_ptr(),
                None,
                ffi::purple_connection_get_account(gc),
                ptr::null(),
                ptr::null_mut(),
                callbacks::token(serial, 0),
            );
        }
    });
}

unsafe extern "C" fn search_entered(token: gpointer, fields: *mut PurpleRequestFields) {
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, Target { .. })) = resolved else {
        return;
    };
    guard_connection("search_entered", gc, (), || {
        // SAFETY: the dialog's live fields; ids are ours.
        let value = |id: &CStr| {
            unsafe { from_cstr(ffi::purple_request_fields_get_string(fields, id.as_ptr())) }
                .unwrap_or_default()
        };
        let query = SearchQuery {
            given_name: value(c"given"),
            surname: value(c"surname"),
            email: value(c"email"),
            sip: value(c"sip"),
            company: value(c"company"),
            country: value(c"country"),
        };
        driver::command(gc, Command::Search(query));
    });
}

/// Shows the results (or says there are none).
///
/// # Safety
/// `gc` must be live.
pub unsafe fn show_results(gc: *mut PurpleConnection, results: &[SearchResult], more: bool) {
    if results.is_empty() {
        // SAFETY: per the contract.
        unsafe { show_failure(gc, "Nobody in the directory matches your search.") };
        return;
    }
    let secondary = if more {
        format!(
            "The first {} matches; narrow the search to see others.",
            results.len()
        )
    } else {
        format!("{} found.", results.len())
    };
    let secondary = to_cstring(&secondary);
    // SAFETY: per the contract; the results object and every row string are handed over
    // (glib-allocated) to libpurple, which frees them when the window closes.
    unsafe {
        let table = ffi::purple_notify_searchresults_new();
        for title in [
            c"Sign-in address",
            c"Name",
            c"Title",
            c"Company",
            c"Office",
            c"Phone",
            c"Email",
        ] {
            ffi::purple_notify_searchresults_column_add(
                table,
                ffi::purple_notify_searchresults_column_new(title.as_ptr()),
            );
        }
        ffi::purple_notify_searchresults_button_add(
            table,
            ffi::PURPLE_NOTIFY_BUTTON_ADD,
            Some(add_found),
        );
        ffi::purple_notify_searchresults_button_add(
            table,
            ffi::PURPLE_NOTIFY_BUTTON_IM,
            Some(message_found),
        );
        for result in results {
            let mut row: *mut GList = ptr::null_mut();
            for cell in [
                &result.uri,
                &result.display_name,
                &result.title,
                &result.company,
                &result.office,
                &result.phone,
                &result.email,
            ] {
                row = glib_sys::g_list_append(row, glib_strdup(cell).cast());
            }
            ffi::purple_notify_searchresults_row_add(table, row);
        }
        ffi::purple_notify_searchresults(
            gc,
            c"Search results".as_ptr(),
            c"People in the directory".as_ptr(),
            secondary.as_ptr(),
            table,
            None,
            ptr::null_mut(),
        );
    }
}

/// # Safety
/// `gc` must be live.
pub unsafe fn show_failure(gc: *mut PurpleConnection, text: &str) {
    let text = to_cstring(text);
    // SAFETY: per the contract; libpurple copies the texts.
    unsafe {
        ffi::purple_notify_message(
            gc.cast(),
            ffi::PURPLE_NOTIFY_MSG_INFO,
            c"Search for Contacts".as_ptr(),
            c"No results".as_ptr(),
            text.as_ptr(),
            None,
            ptr::null_mut(),
        );
    }
}

/// The sign-in address and name of a results row.
unsafe fn row_address(row: *mut GList) -> Option<(String, String)> {
    // SAFETY: rows are the lists of C strings built in show_results.
    unsafe {
        let first = row.as_ref()?;
        let uri = from_cstr(first.data.cast())?;
        let name = first
            .next
            .as_ref()
            .and_then(|n| from_cstr(n.data.cast()))
            .unwrap_or_default();
        Some((uri, name))
    }
}

unsafe extern "C" fn add_found(gc: *mut PurpleConnection, row: *mut GList, _data: gpointer) {
    guard_connection("add_found", gc, (), || {
        // SAFETY: libpurple passes the selected row of our results and a live gc.
        unsafe {
            let Some((uri, name)) = row_address(row) else {
                return;
            };
            let (uri, name) = (to_cstring(&uri), to_cstring(&name));
            ffi::purple_blist_request_add_buddy(
                ffi::purple_connection_get_account(gc),
                uri.as_ptr(),
                ptr::null(),
                name.as_ptr(),
            );
        }
    });
}

unsafe extern "C" fn message_found(gc: *mut PurpleConnection, row: *mut GList, _data: gpointer) {
    guard_connection("message_found", gc, (), || {
        // SAFETY: libpurple passes the selected row of our results and a live gc.
        unsafe {
            let Some((uri, _)) = row_address(row) else {
                return;
            };
            let uri = to_cstring(&uri);
            let conversation = ffi::purple_conversation_new(
                ffi::PURPLE_CONV_TYPE_IM,
                ffi::purple_connection_get_account(gc),
                uri.as_ptr(),
            );
            ffi::purple_conversation_present(conversation);
        }
    });
}

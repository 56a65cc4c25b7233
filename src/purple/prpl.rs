//! The protocol's callbacks (`PurplePluginProtocolInfo`), each behind the panic guard.

use std::ffi::c_char;
use std::ptr;

use super::blist;
use super::connection;
use super::driver;
use super::ffi::{
    self, GHashTable, GList, PurpleAccount, PurpleBuddy, PurpleConnection, PurpleGroup,
};
use super::guard::{guard, guard_connection};
use super::im;
use super::presence;
use super::strings::{self, from_cstr, to_cstring};
use crate::engine::{Command, ContactCommand};
use crate::settings::options::USERNAME_HINT;
use crate::status::{CONTACT_ONLY_STATUSES, MESSAGE_ATTRIBUTE, StatusKind, USER_STATUSES};

/// Icon base name: pixmaps/pidgin/protocols/<size>/lync.png (packaging/icons).
pub const LIST_ICON: &std::ffi::CStr = c"lync";

pub unsafe extern "C" fn list_icon(
    _account: *mut PurpleAccount,
    _buddy: *mut PurpleBuddy,
) -> *const c_char {
    guard("list_icon", LIST_ICON.as_ptr(), || LIST_ICON.as_ptr())
}

fn primitive(kind: StatusKind) -> ffi::PurpleStatusPrimitive {
    match kind {
        StatusKind::Available => ffi::PURPLE_STATUS_AVAILABLE,
        StatusKind::Unavailable => ffi::PURPLE_STATUS_UNAVAILABLE,
        StatusKind::Away => ffi::PURPLE_STATUS_AWAY,
        StatusKind::ExtendedAway => ffi::PURPLE_STATUS_EXTENDED_AWAY,
        StatusKind::Invisible => ffi::PURPLE_STATUS_INVISIBLE,
        StatusKind::Offline => ffi::PURPLE_STATUS_OFFLINE,
    }
}

pub unsafe extern "C" fn status_types(_account: *mut PurpleAccount) -> *mut GList {
    guard("status_types", ptr::null_mut(), || {
        let attr_id = to_cstring(MESSAGE_ATTRIBUTE);
        let mut list: *mut GList = ptr::null_mut();
        let settable = USER_STATUSES.iter().map(|s| (s, true));
        let contact_only = CONTACT_ONLY_STATUSES.iter().map(|s| (s, false));
        for (status, user_settable) in settable.chain(contact_only) {
            let id = to_cstring(status.id);
            let name = to_cstring(status.name);
            // SAFETY: libpurple copies ids and names and owns the value and the type; the
            // variadic attribute list ends with NULL.
            unsafe {
                let message = ffi::purple_value_new(ffi::PURPLE_TYPE_STRING);
                let status_type = ffi::purple_status_type_new_with_attrs(
                    primitive(status.kind),
                    id.as_ptr(),
                    name.as_ptr(),
                    user_settable.into(),
                    user_settable.into(),
                    0,
                    attr_id.as_ptr(),
                    c"Message".as_ptr(),
                    message,
                    ptr::null::<c_char>(),
                );
                list = glib_sys::g_list_append(list, status_type.cast());
            }
        }
        list
    })
}

pub unsafe extern "C" fn login(account: *mut PurpleAccount) {
    // SAFETY: libpurple calls login with the live account it is connecting.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    guard_connection("login", gc, (), || {
        // SAFETY: as above.
        unsafe { connection::login(account) }
    });
}

pub unsafe extern "C" fn close(gc: *mut PurpleConnection) {
    // No connection error on panic here: the connection is going away already.
    guard("close", (), || {
        // SAFETY: libpurple calls close with the live connection it is tearing down.
        unsafe { connection::close(gc) }
    });
}

/// Labels of the Basic tab; Pidgin destroys the table, the strings are static.
pub unsafe extern "C" fn get_account_text_table(_account: *mut PurpleAccount) -> *mut GHashTable {
    guard("get_account_text_table", ptr::null_mut(), || {
        static LOGIN_LABEL: std::sync::OnceLock<std::ffi::CString> = std::sync::OnceLock::new();
        let label = LOGIN_LABEL.get_or_init(|| to_cstring(USERNAME_HINT));
        // SAFETY: a string-keyed table without destroy functions; keys and values are static.
        unsafe {
            let table =
                glib_sys::g_hash_table_new(Some(glib_sys::g_str_hash), Some(glib_sys::g_str_equal));
            glib_sys::g_hash_table_insert(
                table,
                c"login_label".as_ptr() as *mut _,
                label.as_ptr() as *mut _,
            );
            table
        }
    })
}

pub unsafe extern "C" fn normalize(
    account: *const PurpleAccount,
    who: *const c_char,
) -> *const c_char {
    guard("normalize", who, || {
        // SAFETY: libpurple's own case-folding normaliser, with the arguments we were given.
        unsafe { ffi::purple_normalize_nocase(account, who) }
    })
}

// ---- buddy-list edits: each becomes a contact command for the server ----

fn contact_command(gc: *mut PurpleConnection, command: ContactCommand) {
    if blist::is_syncing() {
        return;
    }
    driver::command(gc, Command::Contacts(command));
}

pub unsafe extern "C" fn add_buddy(
    gc: *mut PurpleConnection,
    buddy: *mut PurpleBuddy,
    group: *mut PurpleGroup,
) {
    guard_connection("add_buddy", gc, (), || {
        if blist::is_syncing() || buddy.is_null() {
            return;
        }
        // SAFETY: libpurple passes the live buddy and its group.
        let (uri, group, alias) = unsafe {
            let uri = blist::normalize_buddy_name(buddy);
            let alias = from_cstr(ffi::purple_buddy_get_local_buddy_alias(buddy));
            (uri, blist::group_name(group), alias)
        };
        contact_command(gc, ContactCommand::Add { uri, group, alias });
    });
}

pub unsafe extern "C" fn remove_buddy(
    gc: *mut PurpleConnection,
    buddy: *mut PurpleBuddy,
    group: *mut PurpleGroup,
) {
    guard_connection("remove_buddy", gc, (), || {
        if buddy.is_null() {
            return;
        }
        // SAFETY: libpurple passes the live buddy and its group.
        let (uri, group) = unsafe {
            (
                blist::buddy_uri(&blist::buddy_name(buddy)),
                blist::group_name(group),
            )
        };
        contact_command(gc, ContactCommand::Remove { uri, group });
    });
}

pub unsafe extern "C" fn group_buddy(
    gc: *mut PurpleConnection,
    who: *const c_char,
    old_group: *const c_char,
    new_group: *const c_char,
) {
    guard_connection("group_buddy", gc, (), || {
        // SAFETY: libpurple passes valid strings for the call.
        let (uri, from, to) = unsafe {
            (
                blist::buddy_uri(&from_cstr(who).unwrap_or_default()),
                blist::c_group_name(old_group),
                blist::c_group_name(new_group),
            )
        };
        contact_command(gc, ContactCommand::Move { uri, from, to });
    });
}

pub unsafe extern "C" fn alias_buddy(
    gc: *mut PurpleConnection,
    who: *const c_char,
    alias: *const c_char,
) {
    guard_connection("alias_buddy", gc, (), || {
        // SAFETY: libpurple passes valid strings (alias may be NULL) for the call.
        let (uri, alias) = unsafe {
            (
                blist::buddy_uri(&from_cstr(who).unwrap_or_default()),
                from_cstr(alias).filter(|a| !a.is_empty()),
            )
        };
        contact_command(gc, ContactCommand::Alias { uri, alias });
    });
}

pub unsafe extern "C" fn rename_group(
    gc: *mut PurpleConnection,
    old_name: *const c_char,
    group: *mut PurpleGroup,
    _moved_buddies: *mut GList,
) {
    guard_connection("rename_group", gc, (), || {
        // SAFETY: libpurple passes a valid old name and the live, renamed group.
        let (from, to) = unsafe { (blist::c_group_name(old_name), blist::group_name(group)) };
        contact_command(gc, ContactCommand::RenameGroup { from, to });
    });
}

pub unsafe extern "C" fn remove_group(gc: *mut PurpleConnection, group: *mut PurpleGroup) {
    guard_connection("remove_group", gc, (), || {
        // SAFETY: libpurple passes the live group being removed.
        let name = unsafe { blist::group_name(group) };
        contact_command(gc, ContactCommand::RemoveGroup { name });
    });
}

// ---- presence ----

pub unsafe extern "C" fn set_status(account: *mut PurpleAccount, status: *mut ffi::PurpleStatus) {
    // SAFETY: libpurple calls with the live account whose status changed.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    guard_connection("set_status", gc, (), || {
        // SAFETY: status is the account's live status.
        let (status_id, message) = unsafe { presence::chosen_status(status) };
        driver::command(gc, Command::SetStatus { status_id, message });
    });
}

pub unsafe extern "C" fn set_idle(gc: *mut PurpleConnection, idle_seconds: std::ffi::c_int) {
    guard_connection("set_idle", gc, (), || {
        driver::command(gc, Command::SetIdle(idle_seconds > 0))
    });
}

/// The second line under a buddy in the list: its note (glib-allocated, Pidgin frees it).
pub unsafe extern "C" fn status_text(buddy: *mut PurpleBuddy) -> *mut c_char {
    guard("status_text", ptr::null_mut(), || {
        // SAFETY: libpurple passes a live buddy.
        unsafe { presence::status_message(buddy) }.map_or(ptr::null_mut(), |text| {
            strings::glib_strdup(&glib_markup_escape(&text))
        })
    })
}

/// Escapes text for Pidgin's markup (status text is shown as markup).
fn glib_markup_escape(text: &str) -> String {
    crate::xml::escape(text).into_owned()
}

pub unsafe extern "C" fn get_info(gc: *mut PurpleConnection, who: *const c_char) {
    guard_connection("get_info", gc, (), || {
        // SAFETY: libpurple passes a valid name for the call.
        let uri = blist::buddy_uri(&unsafe { from_cstr(who) }.unwrap_or_default());
        driver::command(gc, Command::GetInfo(uri));
    });
}

// ---- instant messages ----

pub unsafe extern "C" fn send_im(
    gc: *mut PurpleConnection,
    who: *const c_char,
    message: *const c_char,
    _flags: ffi::PurpleMessageFlags,
) -> std::ffi::c_int {
    guard_connection("send_im", gc, -1, || {
        // SAFETY: libpurple passes valid strings for the call.
        let (to, html) = unsafe {
            (
                from_cstr(who).unwrap_or_default(),
                from_cstr(message).unwrap_or_default(),
            )
        };
        // While signing in (also after a reconnect) messages wait in the session and go out
        // once it is signed in, or come back as not delivered; only a finished session refuses.
        if !driver::is_active(gc) {
            return -libc::ENOTCONN;
        }
        driver::command(
            gc,
            Command::SendIm {
                to: blist::buddy_uri(&to),
                html,
            },
        );
        // Accepted; delivery failures come back into the conversation.
        1
    })
}

pub unsafe extern "C" fn send_typing(
    gc: *mut PurpleConnection,
    who: *const c_char,
    state: ffi::PurpleTypingState,
) -> std::ffi::c_uint {
    guard_connection("send_typing", gc, 0, || {
        if let Some(typing) = im::typing_state(state) {
            // SAFETY: libpurple passes a valid name for the call.
            let to = blist::buddy_uri(&unsafe { from_cstr(who) }.unwrap_or_default());
            driver::command(gc, Command::Typing { to, typing });
        }
        // Lync clients repeat "typing" every few seconds while typing goes on.
        if state == ffi::PURPLE_TYPING { 4 } else { 0 }
    })
}

pub unsafe extern "C" fn convo_closed(gc: *mut PurpleConnection, who: *const c_char) {
    guard_connection("convo_closed", gc, (), || {
        // SAFETY: libpurple passes a valid name for the call.
        let with = blist::buddy_uri(&unsafe { from_cstr(who) }.unwrap_or_default());
        driver::command(gc, Command::CloseConversation { with });
    });
}

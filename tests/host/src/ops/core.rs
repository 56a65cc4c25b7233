//! Core ops: where the rest of the UI is wired up, and the UI description plugins can read.

use std::cell::Cell;

use crate::ffi::{self, GHashTable, PurpleCoreUiOps};
use crate::signals;

pub static CORE_OPS: PurpleCoreUiOps = PurpleCoreUiOps {
    ui_prefs_init: None,
    debug_ui_init: None,
    ui_init: Some(ui_init),
    quit: None,
    get_ui_info: Some(ui_info),
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
};

thread_local! {
    /// Built once and kept for the life of the process, as Pidgin does.
    static UI_INFO: Cell<*mut GHashTable> = const { Cell::new(std::ptr::null_mut()) };
}

/// Called by `purple_core_init` once the subsystems exist: install the per-subsystem ops
/// (as Pidgin's ui_init does) and subscribe to the signals the host reports.
unsafe extern "C" fn ui_init() {
    super::guard("core ui_init", (), || {
        // SAFETY: plain setters; every ops table is a static that outlives libpurple.
        unsafe {
            ffi::purple_connections_set_ui_ops(
                std::ptr::from_ref(&super::connection::CONNECTION_OPS).cast_mut(),
            );
            ffi::purple_conversations_set_ui_ops(
                std::ptr::from_ref(&super::conversation::CONVERSATION_OPS).cast_mut(),
            );
            ffi::purple_request_set_ui_ops(
                std::ptr::from_ref(&super::request::REQUEST_OPS).cast_mut(),
            );
            ffi::purple_notify_set_ui_ops(
                std::ptr::from_ref(&super::notify::NOTIFY_OPS).cast_mut(),
            );
            ffi::purple_accounts_set_ui_ops(
                std::ptr::from_ref(&super::account::ACCOUNT_OPS).cast_mut(),
            );
            ffi::purple_dnsquery_set_ui_ops(std::ptr::from_ref(&super::dns::DNS_OPS).cast_mut());
            ffi::purple_srv_txt_query_set_ui_ops(
                std::ptr::from_ref(&super::dns::SRV_OPS).cast_mut(),
            );
        }
        signals::connect_all();
    })
}

/// `purple_core_get_ui_info()`: name and version of this "client" (used e.g. in user agents).
unsafe extern "C" fn ui_info() -> *mut GHashTable {
    UI_INFO.with(|cell| {
        if cell.get().is_null() {
            // SAFETY: a string-keyed table holding static C strings, never freed.
            unsafe {
                let table = glib_sys::g_hash_table_new(
                    Some(glib_sys::g_str_hash),
                    Some(glib_sys::g_str_equal),
                );
                for (key, value) in [
                    (c"name", c"purple-host"),
                    (c"version", c"0.0.0"),
                    (c"client_type", c"pc"),
                ] {
                    glib_sys::g_hash_table_insert(
                        table,
                        key.as_ptr().cast_mut().cast(),
                        value.as_ptr().cast_mut().cast(),
                    );
                }
                cell.set(table);
            }
        }
        cell.get()
    })
}

//! Debug ops: every `purple_debug_*` line goes to the `--debug-log` file, one line per
//! message, written through immediately (tests grep this file, e.g. for leaked secrets).
//!
//! Errors from the plugin loader are also remembered, so `protocols` can say why a plugin
//! file did not load.

use std::cell::RefCell;
use std::ffi::c_char;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::cstr;
use crate::ffi::{
    self, PURPLE_DEBUG_ERROR, PURPLE_DEBUG_FATAL, PURPLE_DEBUG_INFO, PURPLE_DEBUG_MISC,
    PURPLE_DEBUG_WARNING, PurpleDebugLevel, PurpleDebugUiOps, gboolean,
};

struct DebugLog {
    file: File,
    started: Instant,
}

thread_local! {
    static LOG: RefCell<Option<DebugLog>> = const { RefCell::new(None) };
    static PLUGIN_LOADER_ERRORS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

static DEBUG_OPS: PurpleDebugUiOps = PurpleDebugUiOps {
    print: Some(print),
    is_enabled: Some(is_enabled),
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

/// Opens (truncates) the debug log. Must run before libpurple starts so that nothing is lost.
pub fn open_log(path: &Path) -> std::io::Result<()> {
    let file = OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(path)?;
    LOG.with(|log| {
        *log.borrow_mut() = Some(DebugLog {
            file,
            started: Instant::now(),
        })
    });
    Ok(())
}

fn logging() -> bool {
    LOG.with(|log| log.try_borrow().is_ok_and(|log| log.is_some()))
}

/// Installs the debug ops (before `purple_core_init`, to see plugin probing).
pub fn install() {
    let log = logging();
    // SAFETY: plain libpurple/GLib setters; DEBUG_OPS is a static that outlives libpurple.
    unsafe {
        ffi::purple_debug_set_ui_ops(std::ptr::from_ref(&DEBUG_OPS).cast_mut());
        if log {
            // Plugins such as pidgin-sipe log only when purple_debug_is_enabled(). libpurple
            // then also g_print()s each line; those copies are dropped, ours go to the file.
            ffi::purple_debug_set_enabled(glib_sys::GTRUE);
            glib_sys::g_set_print_handler(Some(drop_print));
            // GLib warnings (g_return_if_fail …) land in the log too, next to their context.
            glib_sys::g_log_set_default_handler(Some(log_glib_message), std::ptr::null_mut());
        }
    }
}

/// Writes one line to the debug log, if there is one.
pub fn write_line(level: &str, category: &str, text: &str) {
    LOG.with(|log| {
        let Ok(mut log) = log.try_borrow_mut() else {
            return;
        };
        if let Some(log) = log.as_mut() {
            let elapsed = log.started.elapsed().as_secs_f64();
            let line = format!("{elapsed:10.3} {level:<7} {category}: {text}\n");
            // A full disk must not take the host down; the test will notice the short log.
            let _ = log.file.write_all(line.as_bytes());
        }
    });
}

/// Loader errors seen while probing plugins ("<path> is not loadable: <why>" and the like).
pub fn plugin_loader_errors() -> Vec<String> {
    PLUGIN_LOADER_ERRORS.with(|errors| errors.borrow().clone())
}

fn level_name(level: PurpleDebugLevel) -> &'static str {
    match level {
        PURPLE_DEBUG_MISC => "misc",
        PURPLE_DEBUG_INFO => "info",
        PURPLE_DEBUG_WARNING => "warning",
        PURPLE_DEBUG_ERROR => "error",
        PURPLE_DEBUG_FATAL => "fatal",
        _ => "all",
    }
}

unsafe extern "C" fn print(level: PurpleDebugLevel, category: *const c_char, text: *const c_char) {
    super::guard("debug print", (), || {
        // SAFETY: libpurple passes NUL-terminated strings (category may be NULL).
        let (category, text) = unsafe { (cstr::string(category), cstr::string(text)) };
        // Messages usually end in "\n"; the log adds its own.
        let text = text.trim_end_matches(['\r', '\n']);
        if category == "plugins" && level >= PURPLE_DEBUG_ERROR {
            PLUGIN_LOADER_ERRORS.with(|errors| errors.borrow_mut().push(text.to_owned()));
        }
        write_line(level_name(level), &category, text);
    })
}

unsafe extern "C" fn is_enabled(level: PurpleDebugLevel, category: *const c_char) -> gboolean {
    super::guard("debug is_enabled", glib_sys::GFALSE, || {
        // Without a log, only the plugin loader's errors are wanted (for `protocols`).
        let wanted = logging()
            || (level >= PURPLE_DEBUG_ERROR
                // SAFETY: NUL-terminated or NULL, as above.
                && unsafe { cstr::opt_string(category) }.as_deref() == Some("plugins"));
        if wanted {
            glib_sys::GTRUE
        } else {
            glib_sys::GFALSE
        }
    })
}

unsafe extern "C" fn drop_print(_text: *const c_char) {}

unsafe extern "C" fn log_glib_message(
    domain: *const c_char,
    level: glib_sys::GLogLevelFlags,
    message: *const c_char,
    user_data: glib_sys::gpointer,
) {
    super::guard("GLib log handler", (), || {
        // SAFETY: GLib passes NUL-terminated strings (domain may be NULL).
        let (domain, text) = unsafe { (cstr::string(domain), cstr::string(message)) };
        let text = text.trim_end_matches(['\r', '\n']);
        let level_name = if level & glib_sys::G_LOG_LEVEL_ERROR != 0 {
            "g-error"
        } else if level & glib_sys::G_LOG_LEVEL_CRITICAL != 0 {
            "g-critical"
        } else if level & glib_sys::G_LOG_LEVEL_WARNING != 0 {
            "g-warning"
        } else {
            "g-info"
        };
        write_line(level_name, &domain, text);
    });
    // SAFETY: forwarding to GLib's own handler keeps the usual stderr output.
    unsafe { glib_sys::g_log_default_handler(domain, level, message, user_data) };
}

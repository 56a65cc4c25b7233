//! The debug log: every line goes through the redactor before `purple_debug_*`.

use std::cell::RefCell;

use super::ffi;
use super::strings::to_cstring;
use crate::redact::Redactor;

/// Category shown in Pidgin's debug window.
const CATEGORY: &std::ffi::CStr = c"lync";

thread_local! {
    // libpurple is single-threaded: all callbacks arrive on the main loop's thread.
    static REDACTOR: RefCell<Redactor> = RefCell::new(Redactor::new());
}

#[derive(Clone, Copy)]
enum Level {
    Info,
    Warning,
    Error,
}

/// Never print `secret` again.
pub fn remember_secret(secret: &str) {
    REDACTOR.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            r.add_secret(secret);
        }
    });
}

/// The text as it will be logged.
fn redacted(text: &str) -> String {
    REDACTOR.with(|r| match r.try_borrow() {
        Ok(r) => r.redact(text).into_owned(),
        // Only reachable if redaction itself panicked; log nothing rather than a secret.
        Err(_) => "<log line withheld: redactor busy>".to_owned(),
    })
}

/// Whether libpurple would show a line at all: its debug switch is on (`-d`, or
/// PURPLE_DEBUG), or the UI prints it (Pidgin's Debug Window open). Same test as
/// libpurple's own `purple_debug_vargs`.
pub fn wanted() -> bool {
    // SAFETY: plain getters; the ops, when set, live as long as libpurple.
    unsafe {
        if ffi::purple_debug_is_enabled() != 0 {
            return true;
        }
        let ops = ffi::purple_debug_get_ui_ops();
        if ops.is_null() || (*ops).print.is_none() {
            return false;
        }
        match (*ops).is_enabled {
            Some(is_enabled) => is_enabled(ffi::PURPLE_DEBUG_INFO, CATEGORY.as_ptr()) != 0,
            None => true,
        }
    }
}

fn emit(level: Level, text: &str) {
    if !wanted() {
        // Nobody reads it: skip the redaction (a large share of CPU with many contacts).
        return;
    }
    let mut line = redacted(text);
    if !line.ends_with('\n') {
        line.push('\n');
    }
    let line = to_cstring(&line);
    // SAFETY: category, "%s" and line are valid NUL-terminated strings; "%s" consumes one.
    unsafe {
        match level {
            Level::Info => ffi::purple_debug_info(CATEGORY.as_ptr(), c"%s".as_ptr(), line.as_ptr()),
            Level::Warning => {
                ffi::purple_debug_warning(CATEGORY.as_ptr(), c"%s".as_ptr(), line.as_ptr())
            }
            Level::Error => {
                ffi::purple_debug_error(CATEGORY.as_ptr(), c"%s".as_ptr(), line.as_ptr())
            }
        }
    }
}

pub fn info(text: &str) {
    emit(Level::Info, text);
}

pub fn warning(text: &str) {
    emit(Level::Warning, text);
}

pub fn error(text: &str) {
    emit(Level::Error, text);
}

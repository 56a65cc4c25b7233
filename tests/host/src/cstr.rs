//! Moving strings and lists across the C boundary.
//!
//! libpurple hands out borrowed `const char *` (possibly NULL, not always valid UTF-8) and
//! GLists. These helpers copy them into owned Rust values right away, so nothing borrowed
//! outlives the callback that received it.

use std::ffi::{CStr, CString, c_char, c_void};

use serde_json::Value;

use crate::ffi::{GList, GSList};

/// Copies a C string, or `None` for NULL. Invalid UTF-8 is replaced, never rejected.
///
/// # Safety
/// `ptr` is NULL or points to a NUL-terminated string valid for the duration of the call.
pub unsafe fn opt_string(ptr: *const c_char) -> Option<String> {
    if ptr.is_null() {
        None
    } else {
        // SAFETY: non-NULL and NUL-terminated per the caller's contract.
        Some(
            unsafe { CStr::from_ptr(ptr) }
                .to_string_lossy()
                .into_owned(),
        )
    }
}

/// Copies a C string; NULL becomes the empty string.
///
/// # Safety
/// As for [`opt_string`].
pub unsafe fn string(ptr: *const c_char) -> String {
    unsafe { opt_string(ptr) }.unwrap_or_default()
}

/// Copies a C string into JSON; NULL becomes `null`.
///
/// # Safety
/// As for [`opt_string`].
pub unsafe fn json(ptr: *const c_char) -> Value {
    unsafe { opt_string(ptr) }.map_or(Value::Null, Value::String)
}

/// Makes a C string from Rust text. JSON may carry `\u0000`; C cannot, so NULs are dropped
/// rather than failing the command.
pub fn owned(text: &str) -> CString {
    CString::new(text.replace('\0', "")).unwrap_or_default()
}

/// Iterates the `data` pointers of a GList without taking ownership of it.
pub struct GListIter {
    node: *const GList,
}

/// # Safety
/// `list` is NULL or a well-formed GList that stays alive and unmodified while iterating.
pub unsafe fn glist(list: *const GList) -> GListIter {
    GListIter { node: list }
}

impl Iterator for GListIter {
    type Item = *mut c_void;

    fn next(&mut self) -> Option<Self::Item> {
        if self.node.is_null() {
            return None;
        }
        // SAFETY: the constructor's contract keeps every node valid while we iterate.
        let node = unsafe { &*self.node };
        self.node = node.next;
        Some(node.data)
    }
}

/// Iterates the `data` pointers of a GSList without taking ownership of it.
pub struct GSListIter {
    node: *const GSList,
}

/// # Safety
/// `list` is NULL or a well-formed GSList that stays alive and unmodified while iterating.
pub unsafe fn gslist(list: *const GSList) -> GSListIter {
    GSListIter { node: list }
}

impl Iterator for GSListIter {
    type Item = *mut c_void;

    fn next(&mut self) -> Option<Self::Item> {
        if self.node.is_null() {
            return None;
        }
        // SAFETY: the constructor's contract keeps every node valid while we iterate.
        let node = unsafe { &*self.node };
        self.node = node.next;
        Some(node.data)
    }
}

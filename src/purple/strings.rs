//! C strings across the libpurple boundary.

use std::ffi::{CStr, CString, c_char};

/// A C string for libpurple to read (not free). Interior NULs, which C cannot carry, are dropped.
pub fn to_cstring(text: &str) -> CString {
    CString::new(text.replace('\0', "")).unwrap_or_default()
}

/// Copies a C string libpurple owns. Invalid UTF-8 is replaced, NULL gives `None`.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string that stays valid for the call.
pub unsafe fn from_cstr(ptr: *const c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated per the caller's contract.
    Some(
        unsafe { CStr::from_ptr(ptr) }
            .to_string_lossy()
            .into_owned(),
    )
}

/// A copy libpurple may `g_free`: strings handed over for keeping must come from glib's
/// allocator, not Rust's.
pub fn glib_strdup(text: &str) -> *mut c_char {
    let c = to_cstring(text);
    // SAFETY: g_strdup copies the NUL-terminated string into glib-allocated memory.
    unsafe { glib_sys::g_strdup(c.as_ptr()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interior_nul_is_dropped_not_truncated() {
        assert_eq!(to_cstring("a\0b").as_bytes(), b"ab");
    }

    #[test]
    fn glib_copies_round_trip() {
        let copy = glib_strdup("sip:alice@contoso.test");
        // SAFETY: copy is a fresh NUL-terminated glib string, freed right after.
        unsafe {
            assert_eq!(from_cstr(copy).as_deref(), Some("sip:alice@contoso.test"));
            glib_sys::g_free(copy.cast());
        }
    }

    #[test]
    fn c_strings_are_read_back() {
        let c = to_cstring("sip:alice@contoso.test");
        // SAFETY: c is NUL-terminated and alive; NULL is allowed.
        unsafe {
            assert_eq!(
                from_cstr(c.as_ptr()).as_deref(),
                Some("sip:alice@contoso.test")
            );
            assert_eq!(from_cstr(std::ptr::null()), None);
        }
    }
}

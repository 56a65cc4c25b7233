//! Account options in the account dialog, and reading them back at sign-in.

use std::ptr;

use super::ffi::{self, PurpleAccount};
use super::strings::{from_cstr, to_cstring};
use crate::settings::options::{
    ACCOUNT_OPTIONS, KEY_EMAIL_PASSWORD, LOGIN_LABEL, LOGIN_SEPARATOR, OptionKind,
};
use crate::settings::{RawSettings, Secret};

/// The Basic tab's "Login" part of the Username.
pub fn user_splits() -> *mut ffi::GList {
    // SAFETY: libpurple copies the label and default; the split is owned by the list.
    unsafe {
        let split = ffi::purple_account_user_split_new(
            to_cstring(LOGIN_LABEL).as_ptr(),
            c"".as_ptr(),
            LOGIN_SEPARATOR as std::ffi::c_char,
        );
        glib_sys::g_list_append(ptr::null_mut(), split.cast())
    }
}

/// The Advanced tab, built from the option table in `settings::options`.
pub fn protocol_options() -> *mut ffi::GList {
    let mut list: *mut ffi::GList = ptr::null_mut();
    for option in ACCOUNT_OPTIONS {
        let label = to_cstring(option.label);
        let key = to_cstring(option.key);
        // SAFETY: libpurple copies label, key and every list item.
        let created = unsafe {
            match option.kind {
                OptionKind::Text { masked } => {
                    let o = ffi::purple_account_option_string_new(
                        label.as_ptr(),
                        key.as_ptr(),
                        c"".as_ptr(),
                    );
                    ffi::purple_account_option_set_masked(o, masked.into());
                    o
                }
                OptionKind::Toggle { default } => ffi::purple_account_option_bool_new(
                    label.as_ptr(),
                    key.as_ptr(),
                    default.into(),
                ),
                OptionKind::Choice { choices } => {
                    let o = ffi::purple_account_option_list_new(
                        label.as_ptr(),
                        key.as_ptr(),
                        ptr::null_mut(),
                    );
                    for (text, value) in choices {
                        ffi::purple_account_option_add_list_item(
                            o,
                            to_cstring(text).as_ptr(),
                            to_cstring(value).as_ptr(),
                        );
                    }
                    o
                }
            }
        };
        // SAFETY: appending a valid option pointer to a GList we own.
        list = unsafe { glib_sys::g_list_append(list, created.cast()) };
    }
    list
}

/// Everything the user configured for this account, unchecked.
///
/// # Safety
/// `account` must be a live PurpleAccount.
pub unsafe fn read_raw_settings(account: *mut PurpleAccount) -> RawSettings {
    let mut raw = RawSettings::default();
    // SAFETY: account is live; the getters return strings owned by the account.
    unsafe {
        raw.username = from_cstr(ffi::purple_account_get_username(account)).unwrap_or_default();
        raw.password = from_cstr(ffi::purple_account_get_password(account)).map(Secret::new);
        for option in ACCOUNT_OPTIONS {
            let key = to_cstring(option.key);
            match option.kind {
                OptionKind::Toggle { default } => {
                    let on =
                        ffi::purple_account_get_bool(account, key.as_ptr(), default.into()) != 0;
                    raw.toggles.push((option.key.to_owned(), on));
                }
                OptionKind::Text { .. } | OptionKind::Choice { .. } => {
                    let value = from_cstr(ffi::purple_account_get_string(
                        account,
                        key.as_ptr(),
                        c"".as_ptr(),
                    ))
                    .unwrap_or_default();
                    if option.key == KEY_EMAIL_PASSWORD {
                        raw.email_password = Some(Secret::new(value));
                    } else {
                        raw.text.push((option.key.to_owned(), value));
                    }
                }
            }
        }
    }
    raw
}

//! The test's names ("labels") for accounts.
//!
//! Every command and event names an account by the label the test gave it in `add_account`.
//! The label is also stored as a UI setting of the account, so accounts restored from an
//! existing config dir keep their names.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ffi::CStr;

use serde_json::Value;

use crate::UI_ID;
use crate::cstr;
use crate::ffi::{self, PurpleAccount, PurpleConnection};

const LABEL_SETTING: &CStr = c"label";

thread_local! {
    static LABELS: RefCell<BTreeMap<String, usize>> = const { RefCell::new(BTreeMap::new()) };
}

/// The account a label names.
pub fn find(label: &str) -> Option<*mut PurpleAccount> {
    LABELS.with(|labels| {
        labels
            .borrow()
            .get(label)
            .map(|&address| address as *mut PurpleAccount)
    })
}

/// Like [`find`], with the error a command reports.
pub fn lookup(label: &str) -> Result<*mut PurpleAccount, String> {
    find(label).ok_or_else(|| format!("no account labelled \"{label}\""))
}

/// Names `account` and records the name in its UI settings.
pub fn insert(label: &str, account: *mut PurpleAccount) {
    LABELS.with(|labels| {
        labels
            .borrow_mut()
            .insert(label.to_owned(), account as usize)
    });
    let value = cstr::owned(label);
    // SAFETY: the account is live (just created or found); libpurple copies the strings.
    unsafe {
        ffi::purple_account_set_ui_string(
            account,
            UI_ID.as_ptr(),
            LABEL_SETTING.as_ptr(),
            value.as_ptr(),
        )
    };
}

/// The label of `account`, if the test named it.
pub fn label_of(account: *const PurpleAccount) -> Option<String> {
    LABELS.with(|labels| {
        labels
            .borrow()
            .iter()
            .find(|&(_, &address)| address == account as usize)
            .map(|(label, _)| label.clone())
    })
}

/// The label as JSON: `null` for accounts the test never named.
pub fn label_json(account: *const PurpleAccount) -> Value {
    label_of(account).map_or(Value::Null, Value::String)
}

/// The label of the account behind a connection.
pub fn label_json_for_connection(gc: *mut PurpleConnection) -> Value {
    if gc.is_null() {
        return Value::Null;
    }
    // SAFETY: libpurple passes live connections to its callbacks.
    label_json(unsafe { ffi::purple_connection_get_account(gc) })
}

/// Re-reads labels stored by an earlier run in the same config dir.
pub fn restore() {
    // SAFETY: the account list belongs to libpurple and is not modified while we read it.
    unsafe {
        for account in cstr::glist(ffi::purple_accounts_get_all()) {
            let account = account.cast::<PurpleAccount>();
            let label = cstr::opt_string(ffi::purple_account_get_ui_string(
                account,
                UI_ID.as_ptr(),
                LABEL_SETTING.as_ptr(),
                std::ptr::null(),
            ));
            if let Some(label) = label {
                LABELS.with(|labels| labels.borrow_mut().insert(label, account as usize));
            }
        }
    }
}

//! One signed-in (or signing-in) account: libpurple's `PurpleConnection` and our state for it.
//!
//! Everything that can call back later (proxy connects, password prompts) is registered with
//! the connection as handle and cancelled in `close`, so no callback sees a freed connection.

use std::ffi::c_void;
use std::ptr;

use super::account::read_raw_settings;
use super::callbacks;
use super::driver::{self, Driver};
use super::ffi::{self, PurpleAccount, PurpleConnection, PurpleRequestFields, gpointer};
use super::guard::guard_connection;
use super::log;
use super::strings::{from_cstr, to_cstring};
use crate::error::{ConnectionError, ErrorClass};
use crate::settings::AccountSettings;

/// Our state behind `purple_connection_get_protocol_data`.
struct Connection {
    /// Only the first error of a connection is reported (later ones are consequences).
    failed: bool,
    /// The password prompt is open; its answer continues the sign-in.
    awaiting_password: bool,
    /// The running session, once the settings were checked.
    driver: Option<Driver>,
}

/// # Safety
/// `gc` must be a live connection whose protocol data is NULL or ours.
unsafe fn state<'a>(gc: *mut PurpleConnection) -> Option<&'a mut Connection> {
    if gc.is_null() {
        return None;
    }
    // SAFETY: the protocol data is either NULL or the Box<Connection> set in `login`.
    unsafe {
        ffi::purple_connection_get_protocol_data(gc)
            .cast::<Connection>()
            .as_mut()
    }
}

fn error_reason(class: ErrorClass) -> ffi::PurpleConnectionError {
    match class {
        ErrorClass::Network => ffi::PURPLE_CONNECTION_ERROR_NETWORK_ERROR,
        ErrorClass::InvalidUsername => ffi::PURPLE_CONNECTION_ERROR_INVALID_USERNAME,
        ErrorClass::AuthenticationFailed => ffi::PURPLE_CONNECTION_ERROR_AUTHENTICATION_FAILED,
        ErrorClass::AuthenticationImpossible => {
            ffi::PURPLE_CONNECTION_ERROR_AUTHENTICATION_IMPOSSIBLE
        }
        ErrorClass::InvalidSettings => ffi::PURPLE_CONNECTION_ERROR_INVALID_SETTINGS,
        ErrorClass::CertificateUntrusted => ffi::PURPLE_CONNECTION_ERROR_CERT_UNTRUSTED,
        ErrorClass::Other => ffi::PURPLE_CONNECTION_ERROR_OTHER_ERROR,
    }
}

/// Ends the connection with `error` (once; later errors only go to the log).
pub fn report_error(gc: *mut PurpleConnection, error: &ConnectionError) {
    // SAFETY: callers pass the live connection of the current callback.
    if let Some(conn) = unsafe { state(gc) } {
        if conn.failed {
            log::info(&format!("later error (not shown): {}", error.message));
            return;
        }
        conn.failed = true;
    }
    log::error(&format!(
        "connection error ({:?}): {}",
        error.class, error.message
    ));
    let text = to_cstring(&error.message);
    // SAFETY: gc is live; libpurple copies the text and disconnects from an idle callback.
    unsafe { ffi::purple_connection_error_reason(gc, error_reason(error.class), text.as_ptr()) };
}

/// The driver of a connection, if it is running.
///
/// Callers keep the reference only for a step that does not call into libpurple code that
/// may call back into us; see the driver module.
pub fn driver<'a>(gc: *mut PurpleConnection) -> Option<&'a mut Driver> {
    // SAFETY: gc comes from a resolved callback token or a libpurple entry point: it is live.
    unsafe { state(gc) }.and_then(|c| c.driver.as_mut())
}

pub fn update_progress(gc: *mut PurpleConnection, text: &str, step: usize, count: usize) {
    log::info(&format!("progress {step}/{count}: {text}"));
    let text = to_cstring(text);
    // SAFETY: gc is live; libpurple copies the text.
    unsafe { ffi::purple_connection_update_progress(gc, text.as_ptr(), step, count) };
}

/// `login` of the protocol: check the settings, ask for a password if needed, connect.
///
/// # Safety
/// `account` must be the live account libpurple is connecting.
pub unsafe fn login(account: *mut PurpleAccount) {
    // SAFETY: the account being logged in has its connection already.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    if gc.is_null() {
        return;
    }
    let conn = Box::new(Connection {
        failed: false,
        awaiting_password: false,
        driver: None,
    });
    // SAFETY: gc is live; the box is taken back in `close`. The flags field is public in
    // libpurple 2.x (there is no setter): HTML keeps Pidgin from stripping formatting
    // before send_im; Lync has no background colours, font sizes or inline images.
    unsafe {
        ffi::purple_connection_set_protocol_data(gc, Box::into_raw(conn).cast());
        (*gc).flags |= ffi::PURPLE_CONNECTION_HTML
            | ffi::PURPLE_CONNECTION_NO_BGCOLOR
            | ffi::PURPLE_CONNECTION_NO_FONTSIZE
            | ffi::PURPLE_CONNECTION_NO_IMAGES;
    }

    // SAFETY: account is live.
    let raw = unsafe { read_raw_settings(account) };
    let sso = raw
        .toggles
        .iter()
        .any(|(k, v)| k == crate::settings::options::KEY_SSO && *v);
    let has_password = raw
        .password
        .as_ref()
        .is_some_and(|p| !p.expose().is_empty());
    if !sso && !has_password {
        // SAFETY: gc is live and its state was set above.
        if let Some(conn) = unsafe { state(gc) } {
            conn.awaiting_password = true;
        }
        log::info("no saved password: asking the user");
        // SAFETY: the callbacks match libpurple's request-fields signatures; user data is
        // the account, checked again when the answer comes.
        unsafe {
            ffi::purple_account_request_password(
                account,
                Some(std::mem::transmute::<
                    unsafe extern "C" fn(gpointer, *mut PurpleRequestFields),
                    unsafe extern "C" fn(),
                >(password_entered)),
                Some(std::mem::transmute::<
                    unsafe extern "C" fn(gpointer, *mut PurpleRequestFields),
                    unsafe extern "C" fn(),
                >(password_cancelled)),
                account.cast(),
            )
        };
        return;
    }
    // SAFETY: gc and account are live.
    unsafe { continue_login(gc, account) };
}

/// Validation and the first network step, once a password (or SSO) is there.
unsafe fn continue_login(gc: *mut PurpleConnection, account: *mut PurpleAccount) {
    // SAFETY: account is live.
    let raw = unsafe { read_raw_settings(account) };
    let settings =
        match AccountSettings::from_raw(&raw).and_then(|s| s.check_supported().map(|()| s)) {
            Ok(settings) => settings,
            Err(error) => {
                report_error(gc, &error);
                return;
            }
        };
    // SAFETY: gc is live and its state was set in `login`.
    let Some(conn) = (unsafe { state(gc) }) else {
        return;
    };
    // Remembered for the life of the process: another account may share the password.
    for secret in [settings.password.as_ref(), settings.email_password.as_ref()]
        .into_iter()
        .flatten()
    {
        log::remember_secret(secret.expose());
    }
    for note in &settings.notes {
        log::warning(note);
    }
    log::info(&format!(
        "signing in as {} (login {}), authentication {:?}, transport {:?}, server {}",
        settings.sip_address,
        settings.login,
        settings.auth,
        settings.transport,
        settings.server.as_ref().map_or_else(
            || "auto-discovery".to_owned(),
            |s| format!("{}:{:?}", s.host, s.port)
        ),
    ));

    let serial = callbacks::register_connection(gc);
    conn.driver = Some(Driver::new(serial, account, settings));
    driver::start(gc);
}

/// The account's connection if it is still waiting for our password prompt.
unsafe fn connection_awaiting_password(
    account: *mut PurpleAccount,
) -> Option<*mut PurpleConnection> {
    // SAFETY: libpurple keeps the account alive while its request is open.
    let gc = unsafe { ffi::purple_account_get_connection(account) };
    // SAFETY: a non-null connection of the account is live.
    let conn = unsafe { state(gc) }?;
    conn.awaiting_password.then(|| {
        conn.awaiting_password = false;
        gc
    })
}

unsafe extern "C" fn password_entered(user_data: gpointer, fields: *mut PurpleRequestFields) {
    let account = user_data.cast::<PurpleAccount>();
    // SAFETY: the account is live while its request dialog exists.
    let Some(gc) = (unsafe { connection_awaiting_password(account) }) else {
        return;
    };
    guard_connection("password_entered", gc, (), || {
        // SAFETY: fields is the dialog's live field set; ids are libpurple's.
        let (password, remember) = unsafe {
            (
                from_cstr(ffi::purple_request_fields_get_string(
                    fields,
                    c"password".as_ptr(),
                )),
                ffi::purple_request_fields_get_bool(fields, c"remember".as_ptr()),
            )
        };
        let password = password.unwrap_or_default();
        if password.is_empty() {
            report_error(gc, &password_missing());
            return;
        }
        let c_password = to_cstring(&password);
        // SAFETY: account is live; libpurple copies the password.
        unsafe {
            ffi::purple_account_set_remember_password(account, remember);
            ffi::purple_account_set_password(account, c_password.as_ptr());
            continue_login(gc, account);
        }
    });
}

unsafe extern "C" fn password_cancelled(user_data: gpointer, _fields: *mut PurpleRequestFields) {
    let account = user_data.cast::<PurpleAccount>();
    // SAFETY: the account is live while its request dialog exists.
    let Some(gc) = (unsafe { connection_awaiting_password(account) }) else {
        return;
    };
    guard_connection("password_cancelled", gc, (), || {
        report_error(gc, &password_missing())
    });
}

fn password_missing() -> ConnectionError {
    ConnectionError::new(
        ErrorClass::InvalidSettings,
        "A password is required to sign in. Enter your password in the Basic tab of the account, \
         or tick \"Use Single Sign-On\" in the Advanced tab.",
    )
}

/// `close` of the protocol: cancel everything pending and free our state.
///
/// # Safety
/// `gc` must be the connection libpurple is closing.
pub unsafe fn close(gc: *mut PurpleConnection) {
    if gc.is_null() {
        return;
    }
    // SAFETY: gc is live until this returns; cancelling is a no-op when nothing is pending.
    unsafe {
        let data = ffi::purple_connection_get_protocol_data(gc).cast::<Connection>();
        if !data.is_null() {
            // Say goodbye and cancel what is pending while the state is still reachable.
            if let Some(mut running) = (*data).driver.take() {
                running.shut_down();
                callbacks::unregister_connection(running.serial);
                driver::forget_connection(running.serial);
            }
        }
        ffi::purple_proxy_connect_cancel_with_handle(gc.cast());
        ffi::purple_request_close_with_handle(gc.cast());
        ffi::purple_connection_set_protocol_data(gc, ptr::null_mut::<c_void>());
        if !data.is_null() {
            drop(Box::from_raw(data));
        }
    }
    log::info("connection closed");
}

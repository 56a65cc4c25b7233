//! One signed-in (or signing-in) account: libpurple's `PurpleConnection` and our state for it.
//!
//! Everything that can call back later (proxy connects, password prompts) is registered with
//! the connection as handle and cancelled in `close`, so no callback sees a freed connection.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;

use super::account::read_raw_settings;
use super::ffi::{self, PurpleAccount, PurpleConnection, PurpleRequestFields, gpointer};
use super::guard::guard_connection;
use super::log;
use super::strings::{from_cstr, to_cstring};
use crate::error::{ConnectionError, ErrorClass};
use crate::settings::AccountSettings;

/// Our state behind `purple_connection_get_protocol_data`.
struct Connection {
    settings: Option<AccountSettings>,
    /// Only the first error of a connection is reported (later ones are consequences).
    failed: bool,
    /// The password prompt is open; its answer continues the sign-in.
    awaiting_password: bool,
    server: Option<(String, u16)>,
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

fn update_progress(gc: *mut PurpleConnection, text: &str, step: usize, count: usize) {
    log::info(&format!("progress {step}/{count}: {text}"));
    let text = to_cstring(text);
    // SAFETY: gc is live; libpurple copies the text.
    unsafe { ffi::purple_connection_update_progress(gc, text.as_ptr(), step, count) };
}

/// Steps shown while signing in; the count lets Pidgin draw progress.
const PROGRESS_STEPS: usize = 3;

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
        settings: None,
        failed: false,
        awaiting_password: false,
        server: None,
    });
    // SAFETY: gc is live; the box is taken back in `close`.
    unsafe { ffi::purple_connection_set_protocol_data(gc, Box::into_raw(conn).cast()) };

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

    // Until the SIP engine exists, a sign-in is an honest connection attempt and no more.
    let (host, port) = match &settings.server {
        Some(server) => (
            server.host.clone(),
            server.port_or_default(settings.transport),
        ),
        None => (settings.sip_address.domain.clone(), 5061),
    };
    conn.server = Some((host.clone(), port));
    conn.settings = Some(settings);
    update_progress(
        gc,
        &format!("Connecting to {host}:{port}"),
        1,
        PROGRESS_STEPS,
    );
    let c_host = to_cstring(&host);
    // SAFETY: gc is the handle (cancelled in `close`); libpurple copies the host.
    let pending = unsafe {
        ffi::purple_proxy_connect(
            gc.cast(),
            account,
            c_host.as_ptr(),
            c_int::from(port),
            Some(server_connected),
            gc.cast(),
        )
    };
    if pending.is_null() {
        report_error(
            gc,
            &ConnectionError::new(
                ErrorClass::Network,
                format!(
                    "Could not start connecting to {host}:{port}. Check the Server field in the \
                     Advanced tab and Pidgin's proxy settings."
                ),
            ),
        );
    }
}

unsafe extern "C" fn server_connected(data: gpointer, fd: c_int, error_message: *const c_char) {
    let gc = data.cast::<PurpleConnection>();
    guard_connection("server_connected", gc, (), || {
        // SAFETY: the callback is cancelled in `close`, so gc is live here.
        let Some(conn) = (unsafe { state(gc) }) else {
            return;
        };
        let (host, port) = conn.server.clone().unwrap_or_default();
        if fd < 0 {
            // SAFETY: libpurple passes NULL or a valid message.
            let why = unsafe { from_cstr(error_message) }.unwrap_or_else(|| "unknown error".into());
            let hint = if conn.settings.as_ref().is_some_and(|s| s.server.is_some()) {
                "Check the Server field in the Advanced tab"
            } else {
                "Automatic server discovery is not available in this version: enter your \
                 server in the Server field of the Advanced tab"
            };
            report_error(
                gc,
                &ConnectionError::new(
                    ErrorClass::Network,
                    format!(
                        "Could not connect to {host}:{port}: {why}. {hint}, and your network and proxy settings."
                    ),
                ),
            );
            return;
        }
        // SAFETY: fd is the connected socket libpurple handed over; we own it now.
        unsafe { libc::close(fd) };
        update_progress(gc, "Connected", 2, PROGRESS_STEPS);
        report_error(
            gc,
            &ConnectionError::new(
                ErrorClass::Other,
                format!(
                    "Connected to {host}:{port}, but this build of purple-lync cannot sign in yet: \
                     its SIP engine is still being written."
                ),
            ),
        );
    });
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
        ffi::purple_proxy_connect_cancel_with_handle(gc.cast());
        let data = ffi::purple_connection_get_protocol_data(gc).cast::<Connection>();
        ffi::purple_connection_set_protocol_data(gc, ptr::null_mut::<c_void>());
        if !data.is_null() {
            drop(Box::from_raw(data));
        }
    }
    log::info("connection closed");
}

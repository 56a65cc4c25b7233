//! Pidgin's reaction to connection errors (pidgin/gtkconn.c), made deterministic for tests.
//!
//! Pidgin reconnects after a non-fatal error (`purple_connection_error_is_fatal` is FALSE)
//! with a random, doubling delay, and disables the account after a fatal one. The host always
//! disables on fatal errors; reconnecting is off until `set_auto_reconnect`, and then uses a
//! fixed delay and an optional cap on consecutive attempts.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use serde_json::json;

use crate::UI_ID;
use crate::accounts;
use crate::ffi::{self, PurpleAccount};
use crate::ops::eventloop;
use crate::protocol;

/// How long to wait when the old connection is still being torn down at reconnect time.
const TEARDOWN_RETRY_MS: u32 = 50;

#[derive(Clone, Copy)]
struct Policy {
    enabled: bool,
    delay_ms: u32,
    max_attempts: Option<u32>,
}

#[derive(Default)]
struct AccountState {
    /// Reconnects started since the last successful sign-on.
    attempts: u32,
    /// Pending reconnect timer (GLib source id), 0 when none.
    timer: u32,
}

thread_local! {
    static POLICY: Cell<Policy> = const {
        Cell::new(Policy { enabled: false, delay_ms: 0, max_attempts: None })
    };
    static STATES: RefCell<HashMap<usize, AccountState>> = RefCell::new(HashMap::new());
}

/// `set_auto_reconnect`. Turning it off cancels pending reconnects.
pub fn configure(enabled: bool, delay_ms: u32, max_attempts: Option<u32>) {
    POLICY.with(|policy| {
        policy.set(Policy {
            enabled,
            delay_ms,
            max_attempts,
        })
    });
    if !enabled {
        forget_all();
    }
}

/// Called from `report_disconnect_reason`, before libpurple tears the connection down.
pub fn after_connection_error(account: *mut PurpleAccount, fatal: bool) {
    if fatal {
        forget(account);
        // As Pidgin does: a fatal error needs the user, so the account is switched off.
        // (libpurple only records this now; the connection is already marked to die.)
        // SAFETY: live account; libpurple copies the UI id.
        unsafe { ffi::purple_account_set_enabled(account, UI_ID.as_ptr(), glib_sys::GFALSE) };
        return;
    }
    let policy = POLICY.with(Cell::get);
    if !policy.enabled {
        return;
    }
    let attempts = with_state(account, |state| state.attempts);
    if policy.max_attempts.is_some_and(|max| attempts >= max) {
        forget(account);
        protocol::emit_event(
            "reconnect_gave_up",
            json!({"account": accounts::label_json(account), "attempts": attempts}),
        );
        return;
    }
    schedule(account, policy.delay_ms, true);
}

/// A successful sign-on resets the attempt count.
pub fn after_sign_on(account: *mut PurpleAccount) {
    forget(account);
}

/// Cancels any pending reconnect of `account` (disconnect command, fatal error, sign-on).
pub fn forget(account: *mut PurpleAccount) {
    let state = STATES.with(|states| states.borrow_mut().remove(&(account as usize)));
    if let Some(state) = state {
        eventloop::remove_source(state.timer);
    }
}

pub fn forget_all() {
    let states: Vec<AccountState> = STATES.with(|states| {
        states
            .borrow_mut()
            .drain()
            .map(|(_, state)| state)
            .collect()
    });
    for state in states {
        eventloop::remove_source(state.timer);
    }
}

fn with_state<R>(account: *mut PurpleAccount, f: impl FnOnce(&mut AccountState) -> R) -> R {
    STATES.with(|states| f(states.borrow_mut().entry(account as usize).or_default()))
}

fn schedule(account: *mut PurpleAccount, delay_ms: u32, new_attempt: bool) {
    let address = account as usize;
    let previous = with_state(account, |state| std::mem::take(&mut state.timer));
    eventloop::remove_source(previous);
    let timer = eventloop::timeout_once(
        delay_ms,
        Box::new(move || reconnect_now(address as *mut PurpleAccount)),
    );
    with_state(account, |state| {
        state.timer = timer;
        if new_attempt {
            state.attempts += 1;
        }
    });
}

fn reconnect_now(account: *mut PurpleAccount) {
    let attempt = with_state(account, |state| {
        state.timer = 0;
        state.attempts
    });
    // SAFETY: accounts are never freed while the host runs; plain libpurple queries.
    let (torn_down, online) = unsafe {
        (
            ffi::purple_account_is_disconnected(account) != 0,
            ffi::purple_status_is_online(ffi::purple_account_get_active_status(account)) != 0,
        )
    };
    if !torn_down {
        schedule(account, TEARDOWN_RETRY_MS, false);
        return;
    }
    // Pidgin's do_signon only reconnects accounts whose chosen status is an online one.
    if !online {
        forget(account);
        return;
    }
    protocol::emit_event(
        "reconnecting",
        json!({"account": accounts::label_json(account), "attempt": attempt}),
    );
    // SAFETY: live account, as above.
    unsafe { ffi::purple_account_connect(account) };
}

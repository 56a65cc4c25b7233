//! DNS for server discovery through libpurple: SRV records with `purple_srv_resolve_account`
//! and host addresses with `purple_dnsquery_a_account`, so that a UI's own resolver (and
//! its proxy rules) answers, as for every other protocol.

use std::ffi::{c_char, c_int};

use super::callbacks;
use super::connection::driver;
use super::driver::{NO_LINK, feed};
use super::ffi::{self, GSList, PurpleConnection, PurpleSrvResponse, gpointer};
use super::guard::guard_connection;
use super::log;
use super::strings::{from_cstr, to_cstring};
use crate::engine::Input;

/// The lookups a connection has running, to cancel them when it goes away.
#[derive(Default)]
pub struct Queries {
    srv: Option<*mut ffi::PurpleSrvTxtQueryData>,
    host: Option<*mut ffi::PurpleDnsQueryData>,
    /// Set when an answer arrives, to notice one given before the query function returned.
    answered: bool,
}

impl Queries {
    /// Cancels whatever has not answered yet.
    pub fn cancel(&mut self) {
        if let Some(query) = self.srv.take() {
            // SAFETY: a query we started that has not answered.
            unsafe { ffi::purple_srv_cancel(query) };
        }
        if let Some(query) = self.host.take() {
            // SAFETY: as above.
            unsafe { ffi::purple_dnsquery_destroy(query) };
        }
    }
}

/// Starts a lookup of `_<service>._<protocol>.<domain>`; the answer becomes
/// [`Input::SrvResolved`].
pub fn resolve_srv(gc: *mut PurpleConnection, service: &str, protocol: &str, domain: &str) {
    let Some(d) = driver(gc) else {
        return;
    };
    let (account, serial) = (d.account(), d.serial);
    d.dns.answered = false;
    let token = callbacks::token(serial, NO_LINK);
    let (service, protocol, domain) = (
        to_cstring(service),
        to_cstring(protocol),
        to_cstring(domain),
    );
    // SAFETY: libpurple copies the strings; the callback checks its token.
    let query = unsafe {
        ffi::purple_srv_resolve_account(
            account,
            service.as_ptr(),
            protocol.as_ptr(),
            domain.as_ptr(),
            Some(srv_answer),
            token,
        )
    };
    // libpurple may answer before returning (e.g. DNS through Tor is refused at once).
    if !keep_query(gc, query.is_null(), |d| d.dns.srv = Some(query)) {
        feed(
            gc,
            Input::SrvResolved {
                records: Vec::new(),
            },
        );
    }
}

/// After starting a lookup: remembers a query still running (to cancel it) and returns
/// false when libpurple refused the lookup without answering, so the caller answers
/// "nothing found" itself rather than wait forever.
fn keep_query(
    gc: *mut PurpleConnection,
    refused: bool,
    remember: impl FnOnce(&mut super::driver::Driver),
) -> bool {
    let Some(d) = driver(gc) else {
        return true;
    };
    if d.dns.answered {
        return true;
    }
    if refused {
        log::warning("libpurple refused a DNS lookup without answering");
        return false;
    }
    remember(d);
    true
}

unsafe extern "C" fn srv_answer(responses: *mut PurpleSrvResponse, count: c_int, token: gpointer) {
    let mut records = Vec::new();
    if !responses.is_null() {
        for i in 0..usize::try_from(count).unwrap_or(0) {
            // SAFETY: libpurple passes `count` responses; hostname is NUL-terminated.
            let response = unsafe { &*responses.add(i) };
            let host = unsafe { from_cstr(response.hostname.as_ptr()) }.unwrap_or_default();
            records.push((host, u16::try_from(response.port).unwrap_or(0)));
        }
        // SAFETY: the caller hands the array over to us to free.
        unsafe { glib_sys::g_free(responses.cast()) };
    }
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, _)) = resolved else {
        return;
    };
    guard_connection("srv_answer", gc, (), || {
        if let Some(d) = driver(gc) {
            d.dns.srv = None;
            d.dns.answered = true;
        }
        feed(gc, Input::SrvResolved { records });
    });
}

/// Starts a lookup of `host`'s address; the answer becomes [`Input::HostResolved`].
pub fn resolve_host(gc: *mut PurpleConnection, host: &str, port: u16) {
    let Some(d) = driver(gc) else {
        return;
    };
    let (account, serial) = (d.account(), d.serial);
    d.dns.answered = false;
    let token = callbacks::token(serial, NO_LINK);
    let name = to_cstring(host);
    // SAFETY: libpurple copies the name; the callback checks its token. libpurple refuses
    // port 0; the port only goes into the answer's socket addresses.
    let query = unsafe {
        ffi::purple_dnsquery_a_account(
            account,
            name.as_ptr(),
            c_int::from(port.max(1)),
            Some(host_answer),
            token,
        )
    };
    if !keep_query(gc, query.is_null(), |d| d.dns.host = Some(query)) {
        feed(gc, Input::HostResolved { found: false });
    }
}

unsafe extern "C" fn host_answer(hosts: *mut GSList, token: gpointer, error: *const c_char) {
    // SAFETY: the list is ours: (length, g_malloc'd address) pairs, or NULL on failure.
    let found = unsafe { free_address_list(hosts) } > 0;
    // SAFETY: NULL or a NUL-terminated message.
    let error = unsafe { from_cstr(error) };
    let resolved = callbacks::resolve(token);
    callbacks::forget(token);
    let Some((gc, _)) = resolved else {
        return;
    };
    guard_connection("host_answer", gc, (), || {
        if let Some(error) = error.filter(|e| !e.is_empty()) {
            log::info(&format!("address lookup: {error}"));
        }
        if let Some(d) = driver(gc) {
            d.dns.host = None;
            d.dns.answered = true;
        }
        feed(gc, Input::HostResolved { found });
    });
}

/// Frees a `purple_dnsquery_a` answer and returns how many addresses it held.
///
/// # Safety
/// `hosts` is NULL or a list that alternates an address length (as a pointer-sized
/// integer) with a g_malloc'd socket address, owned by the caller.
unsafe fn free_address_list(hosts: *mut GSList) -> usize {
    let mut addresses = 0;
    let mut node = hosts;
    let mut is_address = false;
    while !node.is_null() {
        // SAFETY: a node of the list we own.
        let (data, next) = unsafe { ((*node).data, (*node).next) };
        if is_address {
            // SAFETY: every second element is an address allocated with g_malloc.
            unsafe { glib_sys::g_free(data) };
            addresses += 1;
        }
        is_address = !is_address;
        node = next;
    }
    // SAFETY: the list itself, whose elements are freed or plain integers.
    unsafe { glib_sys::g_slist_free(hosts) };
    addresses
}

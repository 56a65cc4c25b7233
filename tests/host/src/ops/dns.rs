//! DNS ops: after a `dns` command the host answers libpurple's SRV and address lookups from
//! a table (so tests can model a company's DNS on loopback) and reports each lookup as a
//! `dns_query` event. Before it, libpurple's own resolver answers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::net::Ipv4Addr;

use serde_json::{Value, json};

use crate::commands::Outcome;
use crate::cstr::{owned, string};
use crate::ffi::{
    self, PurpleDnsQueryData, PurpleDnsQueryFailedCallback, PurpleDnsQueryResolvedCallback,
    PurpleDnsQueryUiOps, PurpleSrvResponse, PurpleSrvTxtQueryData, PurpleSrvTxtQueryFailedCallback,
    PurpleSrvTxtQueryResolvedCallback, PurpleSrvTxtQueryUiOps, gboolean,
};
use crate::protocol::{self, Command};

pub static DNS_OPS: PurpleDnsQueryUiOps = PurpleDnsQueryUiOps {
    resolve_host: Some(resolve_host),
    destroy: None,
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

pub static SRV_OPS: PurpleSrvTxtQueryUiOps = PurpleSrvTxtQueryUiOps {
    resolve: Some(resolve_srv),
    destroy: None,
    _purple_reserved1: None,
    _purple_reserved2: None,
    _purple_reserved3: None,
    _purple_reserved4: None,
};

/// libpurple's record type number for SRV (`PurpleDnsTypeSrv`).
const SRV_TYPE: u32 = 33;

#[derive(Default)]
struct Table {
    srv: HashMap<String, Vec<(String, u16)>>,
    hosts: HashMap<String, Ipv4Addr>,
}

thread_local! {
    /// None until a `dns` command: then every lookup is answered from it.
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// `{"cmd":"dns","srv":{"_sip._tls.example.test":[["host",5061],…]},"hosts":{"host":"127.0.0.1"}}`:
/// from now on lookups are answered from these (names not listed do not exist).
pub fn set_table(command: &Command) -> Result<Outcome, String> {
    let mut table = Table::default();
    if let Some(srv) = command.get("srv") {
        let srv = srv.as_object().ok_or("\"srv\" must be an object")?;
        for (name, records) in srv {
            let records = records
                .as_array()
                .ok_or("each SRV name maps to a list of [host, port]")?
                .iter()
                .map(|record| match record.as_array().map(Vec::as_slice) {
                    Some([Value::String(host), Value::Number(port)]) => port
                        .as_u64()
                        .and_then(|p| u16::try_from(p).ok())
                        .map(|port| (host.clone(), port))
                        .ok_or_else(|| format!("bad port in {record}")),
                    _ => Err(format!("an SRV record is [host, port], not {record}")),
                })
                .collect::<Result<Vec<_>, _>>()?;
            table.srv.insert(name.to_ascii_lowercase(), records);
        }
    }
    if let Some(hosts) = command.get("hosts") {
        let hosts = hosts.as_object().ok_or("\"hosts\" must be an object")?;
        for (name, address) in hosts {
            let address = address
                .as_str()
                .and_then(|a| a.parse::<Ipv4Addr>().ok())
                .ok_or_else(|| format!("the address of {name} must be an IPv4 address"))?;
            table.hosts.insert(name.to_ascii_lowercase(), address);
        }
    }
    TABLE.with(|t| *t.borrow_mut() = Some(table));
    Ok(Outcome::Done)
}

fn report(kind: &str, name: &str, found: bool) {
    protocol::emit_event(
        "dns_query",
        json!({"type": kind, "name": name, "found": found}),
    );
}

unsafe extern "C" fn resolve_host(
    query: *mut PurpleDnsQueryData,
    resolved: PurpleDnsQueryResolvedCallback,
    failed: PurpleDnsQueryFailedCallback,
) -> gboolean {
    super::guard("dns resolve_host", 0, || {
        // SAFETY: a live query; libpurple returns its own strings.
        let (name, port) = unsafe {
            (
                string(ffi::purple_dnsquery_get_host(query)),
                ffi::purple_dnsquery_get_port(query),
            )
        };
        let Some(address) = TABLE.with(|t| {
            t.borrow()
                .as_ref()
                .map(|table| table.hosts.get(&name.to_ascii_lowercase()).copied())
        }) else {
            return 0; // no table: libpurple's resolver
        };
        report("A", &name, address.is_some());
        match address {
            Some(address) => {
                let hosts = address_list(address, port);
                // SAFETY: libpurple takes the list and ends the query.
                if let Some(resolved) = resolved {
                    unsafe { resolved(query, hosts) };
                }
            }
            None => {
                let message = owned(&format!("{name} is not in the test DNS"));
                // SAFETY: as above; the message is copied before the call returns.
                if let Some(failed) = failed {
                    unsafe { failed(query, message.as_ptr()) };
                }
            }
        }
        1
    })
}

/// libpurple's answer format: the address length, then a g_malloc'd `sockaddr_in`.
fn address_list(address: Ipv4Addr, port: u16) -> *mut glib_sys::GSList {
    // SAFETY: a zeroed sockaddr_in is valid; the fields are filled in below.
    let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    sin.sin_family = libc::AF_INET as libc::sa_family_t;
    sin.sin_port = port.to_be();
    sin.sin_addr.s_addr = u32::from(address).to_be();
    let size = std::mem::size_of::<libc::sockaddr_in>();
    // SAFETY: the list takes both elements; libpurple frees them.
    unsafe {
        let copy = g_copy(std::ptr::from_ref(&sin).cast(), size);
        let list = glib_sys::g_slist_append(std::ptr::null_mut(), size as glib_sys::gpointer);
        glib_sys::g_slist_append(list, copy)
    }
}

unsafe extern "C" fn resolve_srv(
    query: *mut PurpleSrvTxtQueryData,
    resolved: PurpleSrvTxtQueryResolvedCallback,
    failed: PurpleSrvTxtQueryFailedCallback,
) -> gboolean {
    super::guard("dns resolve_srv", 0, || {
        // SAFETY: a live query; libpurple returns its own string.
        let (name, kind) = unsafe {
            (
                string(ffi::purple_srv_txt_query_get_query(query)),
                ffi::purple_srv_txt_query_get_type(query),
            )
        };
        let Some(records) = TABLE.with(|t| {
            t.borrow()
                .as_ref()
                .map(|table| table.srv.get(&name.to_ascii_lowercase()).cloned())
        }) else {
            return 0;
        };
        let records = records.filter(|r| !r.is_empty() && kind as u32 == SRV_TYPE);
        report("SRV", &name, records.is_some());
        match records {
            // libpurple wants a non-empty list: no records is a failure.
            Some(records) => {
                let mut list = std::ptr::null_mut();
                for (host, port) in records {
                    // SAFETY: a zeroed record is valid; the host fits (checked below).
                    let mut record: PurpleSrvResponse = unsafe { std::mem::zeroed() };
                    for (slot, byte) in record.hostname.iter_mut().zip(host.bytes().take(255)) {
                        *slot = byte as std::ffi::c_char;
                    }
                    record.port = i32::from(port);
                    // SAFETY: libpurple frees each record with g_free.
                    unsafe {
                        let copy = g_copy(
                            std::ptr::from_ref(&record).cast(),
                            std::mem::size_of::<PurpleSrvResponse>(),
                        );
                        list = glib_sys::g_list_append(list, copy);
                    }
                }
                if let Some(resolved) = resolved {
                    // SAFETY: libpurple takes the list and ends the query.
                    unsafe { resolved(query, list.cast()) };
                }
            }
            None => {
                let message = owned(&format!("{name} has no SRV records in the test DNS"));
                if let Some(failed) = failed {
                    // SAFETY: as above.
                    unsafe { failed(query, message.as_ptr()) };
                }
            }
        }
        1
    })
}

/// A g_malloc'd copy of `size` bytes (g_memdup2 needs a newer GLib than libpurple's oldest).
///
/// # Safety
/// `source` points at `size` readable bytes.
unsafe fn g_copy(source: *const u8, size: usize) -> glib_sys::gpointer {
    // SAFETY: a fresh allocation of `size` bytes, filled from `source`.
    unsafe {
        let copy = glib_sys::g_malloc(size);
        std::ptr::copy_nonoverlapping(source, copy.cast::<u8>(), size);
        copy
    }
}

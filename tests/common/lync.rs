//! Our plugin's accounts in the headless host, signed in to `lync-testserver` over TCP.

use serde_json::json;

use super::testserver::TestServer;
use super::{Host, HostOptions, sipe};

pub const LYNC: &str = "prpl-lync";

/// A host (with a debug log) holding one of our plugin's accounts, signed in.
#[track_caller]
pub fn sign_in(server: &TestServer, label: &str, username: &str, password: &str) -> Host {
    let mut host = Host::start(HostOptions {
        lync_plugin: true,
        debug_log: true,
        ..HostOptions::default()
    });
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": LYNC,
        "username": username,
        "password": password,
        "remember_password": true,
        "options": {"server": format!("127.0.0.1:{}", server.sip_tcp_port()), "transport": "tcp", "authentication": "ntlm"},
    }));
    sipe::connect(&mut host, server, label);
    host
}

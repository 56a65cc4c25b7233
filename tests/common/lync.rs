//! Our plugin's accounts in the headless host, signed in to `lync-testserver` with NTLM over
//! TLS, trusting the server's CA as a company machine trusts its own (SSL_CERT_FILE).

use serde_json::{Value, json};

use super::testserver::TestServer;
use super::{Host, HostOptions, sipe};

pub const LYNC: &str = "prpl-lync";

/// Alice (`CONTOSO\alice`, `Alice-pass-1`) with the echo bot as her one contact; the
/// server grants the usual 900 s registrations.
pub const ALICE_AND_ECHO: &str = r#"
domain = "contoso.test"
register_expires = 900
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
[users.groups]
"Team" = ["echo@contoso.test"]
[[users]]
sip = "echo@contoso.test"
password = "Echo-pass-5"
name = "Echo Bot"
presence = "available"
echo = true
"#;

/// The echo bot of [`ALICE_AND_ECHO`]: it answers every message with "echo: " and the text.
pub const ECHO: &str = "sip:echo@contoso.test";

/// A host (with a debug log) with our plugin, trusting `server`'s CA and nothing else.
pub fn start_host(server: &TestServer) -> Host {
    start_host_logging(server, true)
}

/// The same, with or without libpurple's debug log (benchmarks run without, as users do).
pub fn start_host_logging(server: &TestServer, debug_log: bool) -> Host {
    Host::start(HostOptions {
        lync_plugin: true,
        debug_log,
        env: vec![(
            "SSL_CERT_FILE".to_owned(),
            server.ca_pem.display().to_string(),
        )],
        ..HostOptions::default()
    })
}

/// Account options for NTLM over TLS to `server`.
pub fn tls_options(server: &TestServer) -> Value {
    json!({
        "server": format!("127.0.0.1:{}", server.sip_tls_port()),
        "transport": "tls",
        "authentication": "ntlm",
    })
}

/// Adds one of our plugin's accounts for `username` (NTLM over TLS) without connecting it.
#[track_caller]
pub fn add_account(
    host: &mut Host,
    server: &TestServer,
    label: &str,
    username: &str,
    password: &str,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": LYNC,
        "username": username,
        "password": password,
        "remember_password": true,
        "options": tls_options(server),
    }));
}

/// A host holding one of our plugin's accounts, signed in over TLS.
#[track_caller]
pub fn sign_in(server: &TestServer, label: &str, username: &str, password: &str) -> Host {
    let mut host = start_host(server);
    add_account(&mut host, server, label, username, password);
    sipe::connect(&mut host, server, label);
    host
}

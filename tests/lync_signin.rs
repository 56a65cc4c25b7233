//! Our plugin, in the real libpurple (headless host), signing in to lync-testserver over
//! real loopback sockets: NTLM over TLS and over TCP (the one sign-in here that keeps plain
//! TCP covered), refreshes, sign-out, wrong password, and the certificate prompt.

mod common;

use std::time::Duration;

use common::testserver::TestServer;
use common::{Host, HostOptions, TIMEOUT};
use serde_json::{Value, json};

const LYNC: &str = "prpl-lync";
const ALICE: &str = "alice@contoso.test,CONTOSO\\alice";
const ALICE_PASSWORD: &str = "Alice-pass-1";

fn server_config(expires: u32) -> String {
    format!(
        r#"
domain = "contoso.test"
register_expires = {expires}
[listen]
sip_tcp = "127.0.0.1:0"
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
name = "Alice Anders"
[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
"#
    )
}

/// A host with our plugin; `trusted_ca` makes the server's CA trusted (SSL_CERT_FILE).
fn host(trusted_ca: Option<&TestServer>) -> Host {
    let mut env = Vec::new();
    if let Some(server) = trusted_ca {
        env.push((
            "SSL_CERT_FILE".to_owned(),
            server.ca_pem.display().to_string(),
        ));
    } else {
        // An empty trust store: the server's certificate is unknown.
        env.push(("SSL_CERT_FILE".to_owned(), "/dev/null".to_owned()));
    }
    Host::start(HostOptions {
        lync_plugin: true,
        debug_log: true,
        env,
        ..HostOptions::default()
    })
}

fn add_account(
    host: &mut Host,
    label: &str,
    username: &str,
    password: &str,
    transport: &str,
    port: u16,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": LYNC,
        "username": username,
        "password": password,
        "remember_password": true,
        "options": {"server": format!("127.0.0.1:{port}"), "transport": transport, "authentication": "ntlm"},
    }));
}

fn is_event(event: &Value, name: &str, label: &str) -> bool {
    event["event"] == name && event["account"] == label
}

fn connection_error(host: &mut Host, label: &str) -> Value {
    let label = label.to_owned();
    host.wait_for(move |e| is_event(e, "connection_error", &label), TIMEOUT)
}

#[test]
fn ntlm_over_tcp_signs_in_and_out() {
    let server = TestServer::start(&server_config(900));
    let mut host = host(None);
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tcp",
        server.sip_tcp_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);
    let steps: Vec<String> = host
        .events()
        .iter()
        .filter(|e| is_event(e, "connection_progress", "alice"))
        .map(|e| e["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("Connecting to 127.0.0.1:")),
        "{steps:?}"
    );
    assert!(steps.iter().any(|s| s == "Authenticating"), "{steps:?}");
    server.wait_for_counters(|c| c["signed_in"] == 1, TIMEOUT);

    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_off", "alice"), TIMEOUT);
    server.wait_for_counters(|c| c["signed_out"] == 1, TIMEOUT);

    // The SIP trace is in the debug log, with the NTLM tokens and the password hidden.
    let log = host.debug_log();
    assert!(
        log.contains("SIP message sending:\nREGISTER sip:contoso.test SIP/2.0"),
        "{log}"
    );
    assert!(log.contains("gssapi-data=\"<redacted>\""), "{log}");
    assert!(!log.contains("TlRMTVNT"), "an NTLM token reached the log");
    assert!(!log.contains(ALICE_PASSWORD));
}

#[test]
fn ntlm_over_tls_with_a_trusted_ca_stays_signed_in_across_refreshes() {
    // 4 s registrations: refreshed every 2 s.
    let server = TestServer::start(&server_config(4));
    let mut host = host(Some(&server));
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);
    assert!(
        !host.events().iter().any(|e| e["event"] == "request"),
        "a trusted certificate needs no prompt"
    );
    // Sign-in took 3 REGISTERs; two refreshes more, each verified by the server.
    server.wait_for_counters(
        |c| c["registers"].as_u64().unwrap_or(0) >= 5,
        Duration::from_secs(15),
    );
    let counters = server.counters();
    assert_eq!(counters["signed_in"], 1, "{counters}");
    assert_eq!(counters["auth_failures"], 0, "{counters}");
    assert!(
        !host
            .events()
            .iter()
            .any(|e| is_event(e, "connection_error", "alice"))
    );
    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    server.wait_for_counters(|c| c["signed_out"] == 1, TIMEOUT);
}

#[test]
fn wrong_password_is_authentication_failed_naming_the_login() {
    let server = TestServer::start(&server_config(900));
    let mut host = host(Some(&server));
    add_account(
        &mut host,
        "alice",
        ALICE,
        "not-the-password",
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let error = connection_error(&mut host, "alice");
    assert_eq!(error["reason"], "AUTHENTICATION_FAILED", "{error}");
    assert_eq!(error["fatal"], true);
    let text = error["text"].as_str().unwrap();
    assert!(
        text.contains("CONTOSO\\alice") && text.contains("Password"),
        "{text}"
    );
}

#[test]
fn someone_elses_login_is_refused_naming_both_identities() {
    let server = TestServer::start(&server_config(900));
    let mut host = host(Some(&server));
    add_account(
        &mut host,
        "alice",
        "alice@contoso.test,bob@contoso.test",
        "Bob-pass-2",
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let error = connection_error(&mut host, "alice");
    assert_eq!(error["reason"], "INVALID_SETTINGS", "{error}");
    let text = error["text"].as_str().unwrap();
    for part in [
        "sip:alice@contoso.test",
        "bob@contoso.test",
        "SIP URI mismatch",
        "Username",
        "Login",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn unknown_certificate_rejected_is_a_certificate_error() {
    let server = TestServer::start(&server_config(900));
    let mut host = host(None);
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let request = host.wait_for(
        |e| e["event"] == "request" && e["kind"] == "action",
        TIMEOUT,
    );
    let secondary = request["secondary"].as_str().unwrap_or_default();
    assert!(secondary.contains("SHA-256"), "{request}");
    assert_eq!(
        request["actions"],
        json!(["_Accept", "_Reject"]),
        "{request}"
    );
    host.request_ok(json!({"cmd": "answer", "request": request["request"], "action": 1}));
    let error = connection_error(&mut host, "alice");
    assert_eq!(error["reason"], "CERT_UNTRUSTED", "{error}");
    assert!(
        error["text"]
            .as_str()
            .unwrap()
            .contains("rejected the certificate"),
        "{error}"
    );
    assert_eq!(server.counters()["signed_in"], 0);
}

#[test]
fn unknown_certificate_accepted_signs_in_and_is_not_asked_again() {
    let server = TestServer::start(&server_config(900));
    let mut host = host(None);
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let request = host.wait_for(
        |e| e["event"] == "request" && e["kind"] == "action",
        TIMEOUT,
    );
    host.request_ok(json!({"cmd": "answer", "request": request["request"], "action": 0}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);

    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_off", "alice"), TIMEOUT);
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);
    let prompts = host
        .events()
        .iter()
        .filter(|e| e["event"] == "request")
        .count();
    assert_eq!(prompts, 1, "the accepted certificate is remembered");
    server.wait_for_counters(|c| c["signed_in"] == 2, TIMEOUT);
}

#[test]
fn a_certificate_accepted_for_one_server_name_does_not_vouch_for_another() {
    // One server, one untrusted certificate, reachable under two names: the SRV record
    // names pool1 first and pool2 later (as after a pool move, or a spoofed DNS answer).
    let server = TestServer::start(&server_config(900));
    let port = server.sip_tls_port();
    let mut host = host(None);
    let dns = |pool: &str| {
        json!({
            "cmd": "dns",
            "srv": {"_sipinternaltls._tcp.contoso.test": [[pool, port]]},
            "hosts": {pool: "127.0.0.1"},
        })
    };
    host.request_ok(json!({
        "cmd": "add_account",
        "account": "alice",
        "protocol": LYNC,
        "username": ALICE,
        "password": ALICE_PASSWORD,
        "remember_password": true,
        "options": {"server": "", "transport": "tls", "authentication": "ntlm"},
    }));
    let prompt_or_signed_on =
        |e: &Value| e["event"] == "request" || is_event(e, "signed_on", "alice");

    host.request_ok(dns("pool1.contoso.test"));
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let first = host.wait_for(prompt_or_signed_on, TIMEOUT);
    assert_eq!(first["event"], "request", "{first}");
    assert!(
        first["primary"]
            .as_str()
            .unwrap_or_default()
            .contains("pool1.contoso.test"),
        "{first}"
    );
    host.request_ok(json!({"cmd": "answer", "request": first["request"], "action": 0}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);
    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_off", "alice"), TIMEOUT);

    // The same certificate under another name: the user is asked again.
    host.request_ok(dns("pool2.contoso.test"));
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let second = host.wait_for(prompt_or_signed_on, TIMEOUT);
    assert_eq!(
        second["event"], "request",
        "the pin for pool1 must not let pool2 in silently: {second}"
    );
    assert!(
        second["primary"]
            .as_str()
            .unwrap_or_default()
            .contains("pool2.contoso.test"),
        "{second}"
    );
    host.request_ok(json!({"cmd": "answer", "request": second["request"], "action": 0}));
    host.wait_for(|e| is_event(e, "signed_on", "alice"), TIMEOUT);
    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_off", "alice"), TIMEOUT);

    // Each name is remembered for itself.
    host.request_ok(dns("pool1.contoso.test"));
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let third = host.wait_for(prompt_or_signed_on, TIMEOUT);
    assert_eq!(third["event"], "signed_on", "pool1 was accepted: {third}");
    server.wait_for_counters(|c| c["signed_in"] == 3, TIMEOUT);
}

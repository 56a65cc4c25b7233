//! The real pidgin-sipe (the reference client) signing in to `lync-testserver` over real
//! loopback sockets: what proves the server speaks the Lync dialect honestly.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::sipe::is_certificate_prompt;
use common::testserver::TestServer;
use common::{Host, HostOptions, TIMEOUT};
use serde_json::{Value, json};

const SIPE: &str = "prpl-sipe";

const SERVER_CONFIG: &str = r#"
domain = "contoso.test"
register_expires = 900
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
"#;

const ALICE: &str = "alice@contoso.test,CONTOSO\\alice";
const ALICE_PASSWORD: &str = "Alice-pass-1";

fn is_event(event: &Value, name: &str, label: &str) -> bool {
    event["event"] == name && event["account"] == label
}

fn start_host() -> Host {
    Host::start(HostOptions {
        debug_log: true,
        ..HostOptions::default()
    })
}

/// Adds a pidgin-sipe account for `username` (`sip-address,login`) that uses NTLM over
/// `transport` ("tcp" or "tls") to 127.0.0.1:`port`.
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
        "protocol": SIPE,
        "username": username,
        "password": password,
        "remember_password": false,
        "options": {
            "server": format!("127.0.0.1:{port}"),
            "transport": transport,
            "authentication": "ntlm",
        },
    }));
}

/// The next connection_error for `label`, accepting libpurple's certificate prompt (TLS)
/// on the way.
#[track_caller]
fn wait_error(host: &mut Host, label: &str) -> Value {
    loop {
        let event = host.wait_for(
            |event| is_event(event, "connection_error", label) || is_certificate_prompt(event),
            TIMEOUT,
        );
        if event["event"] != "request" {
            return event;
        }
        host.request_ok(json!({"cmd": "answer", "request": event["request"], "action": 0}));
    }
}

#[track_caller]
fn wait_signed_on(host: &mut Host, server: &TestServer, label: &str) {
    let found = host.wait_for(
        |event| is_event(event, "signed_on", label) || is_event(event, "connection_error", label),
        TIMEOUT,
    );
    assert_eq!(
        found["event"],
        "signed_on",
        "{found}\nsipe's log:\n{}\nserver log:\n{}",
        host.debug_log(),
        server.stderr()
    );
}

/// Signs off and checks the server saw the REGISTER with Expires: 0 and accepted it.
#[track_caller]
fn sign_out(host: &mut Host, server: &TestServer, label: &str) {
    host.request_ok(json!({"cmd": "disconnect", "account": label}));
    host.wait_for(|event| is_event(event, "signed_off", label), TIMEOUT);
    let closed = server.wait_for_log(&["conn ", ": closed ("], TIMEOUT);
    // pidgin-sipe writes its un-SUBSCRIBEs and REGISTER Expires: 0 and closes at once. When
    // our 200s to the un-SUBSCRIBEs are unread by then, its kernel answers the close with a
    // reset and drops what it had not sent yet: sometimes the REGISTER. A real Lync server
    // sees the same; what the server must do is answer the REGISTER when it comes.
    let log = server.stderr();
    let unregistered = log
        .lines()
        .any(|line| line.contains("REGISTER") && line.contains("Expires: 0"));
    let counters = server.counters();
    assert_eq!(counters["signed_in"], 1, "{counters}");
    if unregistered {
        server.wait_for_log(&["REGISTER", "Expires: 0", "-> 200"], TIMEOUT);
        assert_eq!(counters["signed_out"], 1, "{counters}");
    } else {
        assert!(
            closed.contains("reset by peer"),
            "no REGISTER Expires: 0 reached the server, yet sipe did not reset the connection:\n{log}"
        );
    }
}

#[test]
fn sipe_signs_in_with_ntlm_over_tcp_and_signs_out() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = start_host();
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tcp",
        server.sip_tcp_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    wait_signed_on(&mut host, &server, "alice");

    // Three REGISTERs: unauthenticated, empty NTLM token, AUTHENTICATE (signed).
    let counters = server.counters();
    assert_eq!(counters["signed_in"], 1, "{counters}");
    assert_eq!(counters["registers"], 3, "{counters}");
    assert_eq!(counters["auth_failures"], 0, "{counters}");
    let log = server.stderr();
    assert!(log.contains("opened, SIP/TCP from 127.0.0.1:"), "{log}");
    // sipe checked our signature on the 200 OK and on everything after it (it drops the
    // connection when one does not match).
    let sipe_log = host.debug_log();
    for line in [
        "authentication handshake completed successfully",
        "signature of incoming message validated",
    ] {
        assert!(sipe_log.contains(line), "{line:?} missing:\n{sipe_log}");
    }
    assert!(
        !sipe_log.contains(ALICE_PASSWORD) && !log.contains(ALICE_PASSWORD),
        "the password must not be logged"
    );

    // After the 200 sipe subscribes to its own roaming data and provisioning, signed, and
    // the server accepts each (tests/sipe_presence.rs checks what they carry).
    for event in [
        "vnd-microsoft-roaming-contacts",
        "vnd-microsoft-provisioning-v2",
        "vnd-microsoft-roaming-self",
    ] {
        server.wait_for_log(&["SUBSCRIBE", event, "(NTLM signed) -> 200"], TIMEOUT);
    }
    let state = host.request_ok(json!({"cmd": "account_state", "account": "alice"}));
    assert_eq!(state["connection"], "connected", "{state}");
    assert!(state["error"].is_null(), "{state}");

    sign_out(&mut host, &server, "alice");
}

#[test]
fn sipe_signs_in_with_ntlm_over_tls_after_accepting_the_certificate() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = start_host();
    add_account(
        &mut host,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));

    // libpurple does not know our CA, so it asks (a user would, too).
    let prompt = host.wait_for(
        |event| event["event"] == "request" && event["title"] == "SSL Certificate Verification",
        TIMEOUT,
    );
    assert_eq!(prompt["actions"][0], "Accept", "{prompt}");
    assert_eq!(
        prompt["primary"], "Accept certificate for 127.0.0.1?",
        "{prompt}"
    );
    // Only the issuer is unknown: the certificate's subjectAltName matches the address
    // (libpurple would say the certificate "claims to be from" another name otherwise).
    let why = prompt["secondary"].as_str().unwrap_or_default();
    assert!(
        why.contains("no certificate that can verify it is currently trusted"),
        "{prompt}"
    );
    assert!(!why.contains("claims to be from"), "{prompt}");
    host.request_ok(json!({"cmd": "answer", "request": prompt["request"], "action": 0}));
    wait_signed_on(&mut host, &server, "alice");

    let log = server.stderr();
    assert!(log.contains("opened, SIP/TLS from 127.0.0.1:"), "{log}");
    assert_eq!(server.counters()["signed_in"], 1);
    sign_out(&mut host, &server, "alice");
}

#[test]
fn sipe_reports_a_wrong_password_as_an_authentication_failure() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = start_host();
    add_account(
        &mut host,
        "alice",
        ALICE,
        "not-her-password",
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));

    let error = wait_error(&mut host, "alice");
    assert_eq!(error["reason"], "AUTHENTICATION_FAILED", "{error}");
    assert_eq!(error["fatal"], true, "{error}");
    assert_eq!(error["text"], "Authentication failed", "{error}");
    let counters = server.counters();
    assert_eq!(counters["signed_in"], 0, "{counters}");
    assert_eq!(counters["auth_failures"], 1, "{counters}");
}

#[test]
fn sipe_reports_the_servers_reason_when_the_login_belongs_to_someone_else() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = start_host();
    // Bob's credentials, Alice's SIP address: NTLM succeeds, the registrar refuses.
    add_account(
        &mut host,
        "mixed",
        "alice@contoso.test,bob@contoso.test",
        "Bob-pass-2",
        "tls",
        server.sip_tls_port(),
    );
    host.request_ok(json!({"cmd": "connect", "account": "mixed"}));

    let error = wait_error(&mut host, "mixed");
    assert_eq!(error["reason"], "INVALID_SETTINGS", "{error}");
    let text = error["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("You have been rejected by the server: SIP URI mismatch"),
        "{error}"
    );
    assert!(
        text.contains("sip:alice@contoso.test") && text.contains("bob@contoso.test"),
        "both identities are named: {error}"
    );
    server.wait_for_log(&["REGISTER", "-> 403"], TIMEOUT);
    assert_eq!(server.counters()["signed_in"], 0);
}

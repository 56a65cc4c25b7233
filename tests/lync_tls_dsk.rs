//! Our plugin in the real libpurple (headless host) signing in to lync-testserver with
//! TLS-DSK over real loopback sockets: certificate provisioning through the web ticket
//! service, the inner handshake against OpenSSL, the kept certificate, and the errors a user
//! sees when the identities do not match or the password is wrong.

mod common;

use common::testserver::TestServer;
use common::{Host, TIMEOUT, lync};
use serde_json::{Value, json};

const LYNC: &str = "prpl-lync";
const ALICE: &str = "alice@contoso.test,CONTOSO\\alice";
const ALICE_PASSWORD: &str = "Alice-pass-1";

/// TLS-DSK and NTLM offered, TLS-DSK's inner TLS limited to `versions`.
fn server_config(versions: &str) -> String {
    format!(
        r#"
domain = "contoso.test"
[auth]
schemes = ["ntlm", "tls-dsk"]
tls_dsk_versions = {versions}
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
[[users]]
sip = "dave@contoso.test"
login = "dave.smith@corp.contoso.test"
password = "Dave-pass-4"
"#
    )
}

fn add_account(
    host: &mut Host,
    server: &TestServer,
    label: &str,
    username: &str,
    password: &str,
    authentication: &str,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": LYNC,
        "username": username,
        "password": password,
        "remember_password": true,
        "options": {
            "server": format!("127.0.0.1:{}", server.sip_tls_port()),
            "transport": "tls",
            "authentication": authentication,
        },
    }));
}

fn is_event(event: &Value, name: &str, label: &str) -> bool {
    event["event"] == name && event["account"] == label
}

#[track_caller]
fn wait_signed_on(host: &mut Host, server: &TestServer, label: &str) {
    let found = host.wait_for(
        |e| is_event(e, "signed_on", label) || is_event(e, "connection_error", label),
        TIMEOUT,
    );
    assert_eq!(
        found["event"],
        "signed_on",
        "{found}\nplugin log:\n{}\nserver log:\n{}",
        host.debug_log(),
        server.stderr()
    );
}

fn connection_error(host: &mut Host, label: &str) -> Value {
    let label = label.to_owned();
    host.wait_for(move |e| is_event(e, "connection_error", &label), TIMEOUT)
}

fn progress_texts(host: &Host, label: &str) -> Vec<String> {
    host.events()
        .iter()
        .filter(|e| is_event(e, "connection_progress", label))
        .map(|e| e["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn setting(host: &mut Host, label: &str, key: &str) -> String {
    let reply = host.request_ok(json!({"cmd": "account_setting", "account": label, "key": key}));
    reply["value"].as_str().unwrap_or_default().to_owned()
}

/// Signs Alice in with TLS-DSK and checks what a user and the server see.
/// A server with `config`, and Alice signed in to it with Authentication = TLS-DSK.
fn alice_signed_in_with_tls_dsk(config: &str) -> (TestServer, Host) {
    let server = TestServer::start(config);
    let mut host = lync::start_host(&server);
    add_account(
        &mut host,
        &server,
        "alice",
        ALICE,
        ALICE_PASSWORD,
        "tls-dsk",
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    wait_signed_on(&mut host, &server, "alice");
    (server, host)
}

fn signs_in_with_tls_dsk(versions: &str, expected_version: &str) {
    let (server, mut host) = alice_signed_in_with_tls_dsk(&server_config(versions));

    let counters = server.counters();
    assert_eq!(counters["signed_in"], 1, "{counters}");
    assert_eq!(counters["web_tickets"], 1, "{counters}");
    assert_eq!(counters["certificates_issued"], 1, "{counters}");
    assert_eq!(counters["tls_dsk_handshakes"], 1, "{counters}");
    assert_eq!(counters["auth_failures"], 0, "{counters}");
    let steps = progress_texts(&host, "alice");
    for step in [
        "Getting a web ticket from 127.0.0.1",
        "Getting a certificate from 127.0.0.1",
        "Authenticating with the certificate (TLS-DSK)",
    ] {
        assert!(steps.iter().any(|s| s == step), "{step}: {steps:?}");
    }
    let log = host.debug_log();
    assert!(
        log.contains(&format!("TLS-DSK handshake complete: {expected_version},")),
        "{log}"
    );
    assert!(
        server.stderr().contains(&format!(
            "authenticated with its certificate ({expected_version}"
        )),
        "{}",
        server.stderr()
    );
    // The kept key and the ticket never reach the debug log.
    let key = setting(&mut host, "alice", "lync-tls-dsk-key");
    assert!(key.len() > 1000, "the key is kept: {} bytes", key.len());
    assert!(
        !log.contains(&key[40..80]),
        "the private key reached the log"
    );
    assert!(
        !log.contains("AttributeValue>sip:"),
        "a ticket reached the log"
    );
    assert!(!log.contains(ALICE_PASSWORD));

    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    server.wait_for_counters(|c| c["signed_out"] == 1, TIMEOUT);
}

#[test]
fn tls_dsk_signs_in_when_the_server_allows_tls_1_2_only() {
    signs_in_with_tls_dsk(r#"["1.2"]"#, "TLS 1.2");
}

#[test]
fn tls_dsk_signs_in_when_the_server_allows_tls_1_0_only() {
    signs_in_with_tls_dsk(r#"["1.0"]"#, "TLS 1.0");
}

#[test]
fn tls_dsk_signs_in_when_the_server_allows_tls_1_2_and_1_0() {
    signs_in_with_tls_dsk(r#"["1.2", "1.0"]"#, "TLS 1.2");
}

#[test]
fn a_certificate_returned_as_a_pkcs7_chain_is_picked_out_by_its_key() {
    let config =
        server_config(r#"["1.2"]"#).replace("[auth]\n", "[auth]\ncertificate_format = \"pkcs7\"\n");
    assert!(config.contains("pkcs7"));
    let (server, host) = alice_signed_in_with_tls_dsk(&config);
    // The chain also holds the CA's certificate; only alice's matches our key, and the
    // server's inner TLS accepts only that one.
    let counters = server.counters();
    assert_eq!(counters["tls_dsk_handshakes"], 1, "{counters}");
    assert!(
        host.debug_log()
            .contains("TLS-DSK: certificate for alice@contoso.test valid until"),
        "{}",
        host.debug_log()
    );
}

#[test]
fn the_second_sign_in_reuses_the_kept_certificate_without_web_requests() {
    let server = TestServer::start(&server_config(r#"["1.2", "1.0"]"#));
    let mut host = lync::start_host(&server);
    add_account(&mut host, &server, "alice", ALICE, ALICE_PASSWORD, "auto");
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    wait_signed_on(&mut host, &server, "alice");
    let first = server.counters();
    assert_eq!(first["certificates_issued"], 1, "{first}");
    let web_requests = first["https_requests"].as_u64().unwrap();
    assert!(web_requests >= 6, "{first}");
    assert!(
        host.debug_log()
            .contains("Auto authentication: server offers [NTLM, TLS-DSK]; using TLS-DSK"),
        "{}",
        host.debug_log()
    );

    host.request_ok(json!({"cmd": "disconnect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_off", "alice"), TIMEOUT);
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    wait_signed_on(&mut host, &server, "alice");

    let second = server.wait_for_counters(|c| c["tls_dsk_handshakes"] == 2, TIMEOUT);
    assert_eq!(
        second["https_requests"], web_requests,
        "no web request: {second}"
    );
    assert_eq!(second["web_tickets"], 1, "{second}");
    assert_eq!(second["certificates_issued"], 1, "{second}");
    assert_eq!(second["signed_in"], 2, "{second}");
    assert!(
        host.debug_log()
            .contains("TLS-DSK: using the kept certificate for alice@contoso.test"),
        "{}",
        host.debug_log()
    );
}

#[test]
fn someone_elses_login_gets_the_actionable_sip_uri_mismatch_sentence() {
    let server = TestServer::start(&server_config(r#"["1.2", "1.0"]"#));
    let mut host = lync::start_host(&server);
    add_account(
        &mut host,
        &server,
        "mixed",
        "alice@contoso.test,bob@contoso.test",
        "Bob-pass-2",
        "auto",
    );
    host.request_ok(json!({"cmd": "connect", "account": "mixed"}));
    let error = connection_error(&mut host, "mixed");
    assert_eq!(error["reason"], "INVALID_SETTINGS", "{error}");
    assert_eq!(error["fatal"], true, "{error}");
    let text = error["text"].as_str().unwrap();
    for part in [
        "refused a ticket for sip:alice@contoso.test to login bob@contoso.test",
        "\"SIP URI mismatch\"",
        "Put your sign-in address in Username and your login name in Login",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let counters = server.counters();
    assert_eq!(counters["web_ticket_refusals"], 1, "{counters}");
    assert_eq!(counters["signed_in"], 0, "{counters}");
}

#[test]
fn the_login_name_in_username_gets_told_what_to_change() {
    let server = TestServer::start(&server_config(r#"["1.2", "1.0"]"#));
    let mut host = lync::start_host(&server);
    add_account(
        &mut host,
        &server,
        "dave",
        "dave.smith@corp.contoso.test",
        "Dave-pass-4",
        "tls-dsk",
    );
    host.request_ok(json!({"cmd": "connect", "account": "dave"}));
    let error = connection_error(&mut host, "dave");
    assert_eq!(error["reason"], "INVALID_SETTINGS", "{error}");
    let text = error["text"].as_str().unwrap();
    for part in [
        "sip:dave.smith@corp.contoso.test to login dave.smith@corp.contoso.test",
        "SIP URI mismatch",
        "Put your sign-in address in Username and your login name in Login",
        "Your Login is empty",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn a_wrong_password_is_authentication_failed_naming_the_login() {
    let server = TestServer::start(&server_config(r#"["1.2", "1.0"]"#));
    let mut host = lync::start_host(&server);
    add_account(
        &mut host,
        &server,
        "alice",
        ALICE,
        "not-the-password",
        "tls-dsk",
    );
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let error = connection_error(&mut host, "alice");
    assert_eq!(error["reason"], "AUTHENTICATION_FAILED", "{error}");
    let text = error["text"].as_str().unwrap();
    assert!(
        text.contains("CONTOSO\\alice") && text.contains("Password"),
        "{text}"
    );
    let counters = server.counters();
    assert_eq!(counters["web_tickets"], 0, "{counters}");
    assert_eq!(counters["signed_in"], 0, "{counters}");
}

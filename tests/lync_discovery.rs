//! Server discovery in the real libpurple (headless host): with Server left blank, our plugin
//! finds the pool through libpurple's DNS (SRV with purple_srv_resolve_account, well-known
//! names with purple_dnsquery_a_account), which the host answers from a table that models
//! a company's DNS on loopback.

mod common;

use common::testserver::TestServer;
use common::{Host, TIMEOUT, lync};
use serde_json::{Value, json};

const SERVER_CONFIG: &str = r#"
domain = "contoso.test"
server_name = "lyncfe.contoso.test"
[listen]
sip_tls = "127.0.0.1:0"
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
"#;

/// Alice with Server blank and Connection type Auto.
fn add_alice(host: &mut Host) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": "alice",
        "protocol": "prpl-lync",
        "username": "alice@contoso.test,CONTOSO\\alice",
        "password": "Alice-pass-1",
        "remember_password": true,
        "options": {"server": "", "transport": "auto", "authentication": "ntlm"},
    }));
}

fn is_event(event: &Value, name: &str) -> bool {
    event["event"] == name
}

/// The lookups the host answered, as "SRV name" / "A name", in order.
fn lookups(host: &Host) -> Vec<String> {
    host.events()
        .iter()
        .filter(|e| is_event(e, "dns_query"))
        .map(|e| {
            format!(
                "{} {}",
                e["type"].as_str().unwrap_or("?"),
                e["name"].as_str().unwrap_or("?")
            )
        })
        .collect()
}

fn progress(host: &Host) -> Vec<String> {
    host.events()
        .iter()
        .filter(|e| is_event(e, "connection_progress"))
        .map(|e| e["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_blank_server_is_found_through_the_dns_srv_record() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = lync::start_host(&server);
    let port = server.sip_tls_port();
    host.request_ok(json!({
        "cmd": "dns",
        "srv": {"_sipinternaltls._tcp.contoso.test": [["lyncfe.contoso.test", port]]},
        "hosts": {"lyncfe.contoso.test": "127.0.0.1"},
    }));
    add_alice(&mut host);
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    host.wait_for(|e| is_event(e, "signed_on"), TIMEOUT);
    server.wait_for_counters(|c| c["signed_in"] == 1, TIMEOUT);

    // The SRV record named the pool; its name was resolved and its certificate matched it.
    let lookups = lookups(&host);
    let srv = lookups
        .iter()
        .position(|l| l == "SRV _sipinternaltls._tcp.contoso.test")
        .unwrap_or_else(|| panic!("no SRV lookup: {lookups:?}"));
    assert!(
        lookups[srv..].contains(&"A lyncfe.contoso.test".to_owned()),
        "{lookups:?}"
    );
    let connecting = format!("Connecting to lyncfe.contoso.test:{port}");
    assert!(
        progress(&host).contains(&connecting),
        "{:?}",
        progress(&host)
    );
}

#[test]
fn with_nothing_in_dns_each_name_is_looked_up_in_order_and_the_error_names_the_server_field() {
    let server = TestServer::start(SERVER_CONFIG);
    let mut host = lync::start_host(&server);
    host.request_ok(json!({"cmd": "dns"}));
    add_alice(&mut host);
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));
    let error = host.wait_for(|e| is_event(e, "connection_error"), TIMEOUT);
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    let message = error["text"].as_str().unwrap_or_default();
    for part in [
        "contoso.test",
        "_sipinternaltls._tcp.contoso.test",
        "sip.contoso.test (not in DNS)",
        "Server field",
    ] {
        assert!(message.contains(part), "{part:?} missing: {message}");
    }

    // pidgin-sipe's order: the four SRV names, then the well-known names, each looked up
    // before any connection is tried; none has an address, so none is connected to.
    let lookups = lookups(&host);
    let wanted = [
        "SRV _sipinternaltls._tcp.contoso.test",
        "SRV _sipinternal._tcp.contoso.test",
        "SRV _sip._tls.contoso.test",
        "SRV _sip._tcp.contoso.test",
        "A sipinternal.contoso.test",
        "A sipexternal.contoso.test",
        "A sip.contoso.test",
        "A contoso.test",
    ];
    let from_srv: Vec<&str> = lookups
        .iter()
        .map(String::as_str)
        .skip_while(|l| !l.starts_with("SRV "))
        .collect();
    assert_eq!(from_srv, wanted, "all lookups: {lookups:?}");
    let progress = progress(&host);
    assert!(
        !progress.iter().any(|p| p.contains("Connecting to sip")),
        "{progress:?}"
    );
    assert_eq!(server.counters()["registers"], 0);
}

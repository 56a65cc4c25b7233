//! The headless host (tests/host) driving the real pidgin-sipe through the real libpurple.
//!
//! These tests prove the host before our own plugin exists: pidgin-sipe is found in
//! libpurple's default plugin path, its account options are visible, and connection errors,
//! Pidgin-style auto-reconnect, the password prompt and the debug log all work end to end.
//! Needs the Debian packages libpurple0 and pidgin-sipe.

mod common;

use common::tls_server::TlsServer;
use common::{Host, HostOptions, TIMEOUT, closed_port};
use serde_json::{Value, json};

const SIPE: &str = "prpl-sipe";
const PASSWORD: &str = "correct-horse-battery-staple";

/// Adds a pidgin-sipe account that will try 127.0.0.1:`port` over plain TCP.
fn add_sipe_account(
    host: &mut Host,
    label: &str,
    port: u16,
    password: Option<&str>,
    remember: bool,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": SIPE,
        "username": format!("{label}@example.com"),
        "password": password,
        "remember_password": remember,
        "options": {"server": format!("127.0.0.1:{port}"), "transport": "tcp"},
    }));
}

fn is_event(event: &Value, name: &str, label: &str) -> bool {
    event["event"] == name && event["account"] == label
}

#[test]
fn protocols_lists_pidgin_sipe_with_its_login_split_and_options() {
    let mut host = Host::start(HostOptions::default());
    let reply = host.request_ok(json!({"cmd": "protocols"}));
    let protocols = reply["protocols"].as_array().expect("protocols array");
    let sipe = protocols
        .iter()
        .find(|protocol| protocol["id"] == SIPE)
        .unwrap_or_else(|| panic!("prpl-sipe missing from {reply}"));

    assert!(
        sipe["path"]
            .as_str()
            .unwrap_or_default()
            .ends_with("libsipe.so")
    );
    let splits = sipe["user_splits"].as_array().expect("user_splits");
    assert_eq!(splits.len(), 1, "{splits:?}");
    // pidgin-sipe labels the split "Login\n   user  or  DOMAIN\\user  or …".
    assert!(
        splits[0]["label"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Login")
    );
    assert_eq!(splits[0]["separator"], ",");

    let options = sipe["options"].as_array().expect("options");
    let keys: Vec<&str> = options
        .iter()
        .filter_map(|option| option["key"].as_str())
        .collect();
    for key in ["server", "transport", "authentication", "useragent"] {
        assert!(keys.contains(&key), "option {key} missing from {keys:?}");
    }
    let transport = options
        .iter()
        .find(|option| option["key"] == "transport")
        .expect("transport");
    assert_eq!(transport["type"], "list");
    assert!(
        transport["choices"]
            .as_array()
            .expect("choices")
            .iter()
            .any(|choice| choice["value"] == "tcp")
    );
    assert!(
        sipe["options_flags"]
            .as_array()
            .expect("flags")
            .contains(&json!("OPT_PROTO_PASSWORD_OPTIONAL"))
    );
    let status_ids: Vec<&str> = sipe["status_types"]
        .as_array()
        .expect("status_types")
        .iter()
        .filter_map(|status| status["id"].as_str())
        .collect();
    assert!(
        status_ids.contains(&"available") && status_ids.contains(&"offline"),
        "{status_ids:?}"
    );
    assert!(reply["load_errors"].is_array());
}

#[test]
fn plugin_files_that_fail_to_load_are_reported() {
    let plugins = tempfile::tempdir().expect("plugin dir");
    let broken = plugins.path().join("libbroken.so");
    std::fs::write(&broken, b"not an ELF file").expect("write a broken plugin");
    let mut host = Host::start(HostOptions {
        plugin_dirs: vec![plugins.path().to_path_buf()],
        ..HostOptions::default()
    });
    let reply = host.request_ok(json!({"cmd": "protocols"}));
    let errors = reply["load_errors"].as_array().expect("load_errors");
    let error = errors
        .iter()
        .find(|error| error["path"] == broken.display().to_string())
        .unwrap_or_else(|| panic!("{} not reported in {errors:?}", broken.display()));
    assert!(
        !error["error"].as_str().unwrap_or_default().is_empty(),
        "{error}"
    );
    // The default search path still applies next to --plugin-dir.
    assert!(
        reply["protocols"]
            .as_array()
            .expect("protocols")
            .iter()
            .any(|p| p["id"] == SIPE)
    );
}

#[test]
fn unreachable_server_is_a_non_fatal_network_error_and_is_logged() {
    let mut host = Host::start(HostOptions {
        debug_log: true,
        ..HostOptions::default()
    });
    add_sipe_account(&mut host, "alice", closed_port(), Some(PASSWORD), false);
    host.request_ok(json!({"cmd": "connect", "account": "alice"}));

    host.wait_for(
        |event| is_event(event, "connection_progress", "alice"),
        TIMEOUT,
    );
    let error = host.wait_for(
        |event| is_event(event, "connection_error", "alice"),
        TIMEOUT,
    );
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    assert_eq!(error["fatal"], false, "{error}");
    host.wait_for(|event| is_event(event, "signed_off", "alice"), TIMEOUT);

    // A non-fatal error leaves the account enabled (Pidgin would retry it).
    let state = host.request_ok(json!({"cmd": "account_state", "account": "alice"}));
    assert_eq!(state["enabled"], true, "{state}");
    assert_eq!(state["connection"], "disconnected", "{state}");
    assert_eq!(state["error"]["reason"], "NETWORK_ERROR", "{state}");

    let log = host.debug_log();
    assert!(
        log.contains(" sipe: "),
        "pidgin-sipe's own lines are logged:\n{log}"
    );
    assert!(
        log.contains("Connection error on"),
        "libpurple's lines are logged:\n{log}"
    );
    assert!(
        !log.contains(PASSWORD),
        "the password must not reach the debug log"
    );
}

#[test]
fn auto_reconnect_retries_non_fatal_errors_until_the_attempt_limit() {
    let mut host = Host::start(HostOptions::default());
    host.request_ok(
        json!({"cmd": "set_auto_reconnect", "enabled": true, "delay_ms": 100, "max_attempts": 2}),
    );
    // Remembered, because libpurple forgets an unsaved password on disconnect and the
    // reconnect would then stop at a password prompt (as it does in Pidgin).
    add_sipe_account(&mut host, "bob", closed_port(), Some(PASSWORD), true);
    host.request_ok(json!({"cmd": "connect", "account": "bob"}));

    for attempt in 1..=2 {
        let error = host.wait_for(|event| is_event(event, "connection_error", "bob"), TIMEOUT);
        assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
        let retry = host.wait_for(|event| is_event(event, "reconnecting", "bob"), TIMEOUT);
        assert_eq!(retry["attempt"], attempt, "{retry}");
    }
    let error = host.wait_for(|event| is_event(event, "connection_error", "bob"), TIMEOUT);
    assert_eq!(error["fatal"], false, "{error}");
    let gave_up = host.wait_for(|event| is_event(event, "reconnect_gave_up", "bob"), TIMEOUT);
    assert_eq!(gave_up["attempts"], 2, "{gave_up}");
}

#[test]
fn missing_password_prompts_and_cancelling_fails_the_sign_in() {
    let mut host = Host::start(HostOptions::default());
    add_sipe_account(&mut host, "carol", closed_port(), None, false);
    host.request_ok(json!({"cmd": "connect", "account": "carol"}));

    // pidgin-sipe (OPT_PROTO_PASSWORD_OPTIONAL) asks itself, through
    // purple_account_request_password: a fields prompt with "password" and "remember".
    let prompt = host.wait_for(|event| is_event(event, "request", "carol"), TIMEOUT);
    assert_eq!(prompt["kind"], "fields", "{prompt}");
    assert_eq!(prompt["actions"], json!(["OK", "Cancel"]), "{prompt}");
    let fields = prompt["fields"].as_array().expect("fields");
    let password = fields
        .iter()
        .find(|field| field["id"] == "password")
        .expect("password field");
    assert_eq!(password["type"], "string");
    assert_eq!(password["masked"], true);
    assert_eq!(password["required"], true);
    let remember = fields
        .iter()
        .find(|field| field["id"] == "remember")
        .expect("remember field");
    assert_eq!(remember["type"], "bool");

    let request = prompt["request"].clone();
    host.request_ok(json!({"cmd": "answer", "request": request, "action": 1}));

    // Cancelling makes pidgin-sipe fail the connection as AUTHENTICATION_FAILED, which is
    // fatal: no reconnect, and the host (like Pidgin) disables the account.
    let error = host.wait_for(
        |event| is_event(event, "connection_error", "carol"),
        TIMEOUT,
    );
    assert_eq!(error["reason"], "AUTHENTICATION_FAILED", "{error}");
    assert_eq!(error["fatal"], true, "{error}");
    assert_eq!(error["text"], "Password required", "{error}");
    host.wait_for(
        |event| event["event"] == "request_closed" && event["request"] == request,
        TIMEOUT,
    );
    host.wait_for(|event| is_event(event, "signed_off", "carol"), TIMEOUT);

    let state = host.request_ok(json!({"cmd": "account_state", "account": "carol"}));
    assert_eq!(state["enabled"], false, "{state}");
    assert_eq!(state["connection"], "disconnected", "{state}");
    assert_eq!(state["error"]["reason"], "AUTHENTICATION_FAILED", "{state}");
    assert_eq!(state["has_password"], false, "{state}");
}

#[test]
fn a_password_typed_into_the_prompt_is_used_and_remembered() {
    let mut host = Host::start(HostOptions::default());
    add_sipe_account(&mut host, "frank", closed_port(), None, false);
    host.request_ok(json!({"cmd": "connect", "account": "frank"}));
    let prompt = host.wait_for(|event| is_event(event, "request", "frank"), TIMEOUT);
    host.request_ok(json!({
        "cmd": "answer",
        "request": prompt["request"],
        "ok": true,
        "fields": {"password": PASSWORD, "remember": true},
    }));

    // pidgin-sipe goes on to connect, and fails only at the (closed) port.
    let error = host.wait_for(
        |event| is_event(event, "connection_error", "frank"),
        TIMEOUT,
    );
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    let state = host.request_ok(json!({"cmd": "account_state", "account": "frank"}));
    assert_eq!(state["remember_password"], true, "{state}");
    assert_eq!(state["has_password"], true, "{state}");
}

#[test]
fn untrusted_certificate_prompt_is_an_action_request() {
    let server = TlsServer::start();
    let mut host = Host::start(HostOptions::default());
    host.request_ok(json!({
        "cmd": "add_account",
        "account": "dave",
        "protocol": SIPE,
        "username": "dave@example.com",
        "password": PASSWORD,
        "remember_password": true,
        "options": {"server": format!("127.0.0.1:{}", server.port()), "transport": "tls"},
    }));
    let is_certificate_prompt = |event: &Value| {
        event["event"] == "request"
            && event["kind"] == "action"
            && event["title"] == "SSL Certificate Verification"
    };

    // libpurple's own certificate check asks, through request_action (3 actions in a va_list).
    host.request_ok(json!({"cmd": "connect", "account": "dave"}));
    let prompt = host.wait_for(is_certificate_prompt, TIMEOUT);
    assert_eq!(prompt["actions"][0], "Accept", "{prompt}");
    assert_eq!(prompt["actions"][1], "Reject", "{prompt}");
    assert!(
        prompt["primary"]
            .as_str()
            .unwrap_or_default()
            .contains("127.0.0.1"),
        "{prompt}"
    );
    assert!(
        prompt["account"].is_null(),
        "libpurple does not say which account asks: {prompt}"
    );

    // Reject: the TLS connection fails, reported by pidgin-sipe as a (non-fatal) network error.
    host.request_ok(json!({"cmd": "answer", "request": prompt["request"], "action": 1}));
    host.wait_for(
        |event| event["event"] == "request_closed" && event["request"] == prompt["request"],
        TIMEOUT,
    );
    let error = host.wait_for(|event| is_event(event, "connection_error", "dave"), TIMEOUT);
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    assert_eq!(error["fatal"], false, "{error}");
    host.wait_for(|event| is_event(event, "signed_off", "dave"), TIMEOUT);

    // Accept: the handshake completes and pidgin-sipe's REGISTER reaches the server.
    host.request_ok(json!({"cmd": "connect", "account": "dave"}));
    let prompt = host.wait_for(is_certificate_prompt, TIMEOUT);
    host.request_ok(json!({"cmd": "answer", "request": prompt["request"], "action": 0}));
    let received = server.wait_for_data("REGISTER sip:example.com SIP/2.0", TIMEOUT);
    assert!(
        received.contains("From: <sip:dave@example.com>"),
        "{received}"
    );
    host.request_ok(json!({"cmd": "disconnect", "account": "dave"}));
    host.wait_for(|event| is_event(event, "signed_off", "dave"), TIMEOUT);
}

#[test]
fn buddy_list_commands_edit_the_list_while_offline() {
    let mut host = Host::start(HostOptions::default());
    add_sipe_account(&mut host, "erin", closed_port(), Some(PASSWORD), false);
    let bob = "sip:bob@example.com";
    host.request_ok(json!({"cmd": "add_buddy", "account": "erin", "who": bob, "group": "Team", "alias": "Bobby"}));
    let added = host.wait_for(|event| is_event(event, "buddy_added", "erin"), TIMEOUT);
    assert_eq!(added["name"], bob, "{added}");
    assert_eq!(added["group"], "Team", "{added}");
    assert_eq!(added["alias"], "Bobby", "{added}");

    host.request_ok(
        json!({"cmd": "move_buddy", "account": "erin", "who": bob, "group": "Friends"}),
    );
    host.request_ok(
        json!({"cmd": "alias_buddy", "account": "erin", "who": bob, "alias": "Robert"}),
    );
    host.request_ok(json!({"cmd": "rename_group", "from": "Friends", "to": "Pals"}));
    let listed = host.request_ok(json!({"cmd": "buddies", "account": "erin"}));
    let buddies = listed["buddies"].as_array().expect("buddies");
    assert_eq!(buddies.len(), 1, "{listed}");
    assert_eq!(buddies[0]["group"], "Pals", "{listed}");
    assert_eq!(buddies[0]["alias"], "Robert", "{listed}");
    assert_eq!(buddies[0]["online"], false, "{listed}");
    assert_eq!(buddies[0]["primitive"], "offline", "{listed}");

    host.request_ok(json!({"cmd": "remove_group", "name": "Pals"}));
    let removed = host.wait_for(|event| is_event(event, "buddy_removed", "erin"), TIMEOUT);
    assert_eq!(removed["name"], bob, "{removed}");
    let listed = host.request_ok(json!({"cmd": "buddies", "account": "erin"}));
    assert_eq!(listed["buddies"], json!([]), "{listed}");
    // Sending needs a connection; the host says so instead of dropping the message.
    let reply = host.request(json!({"cmd": "send_im", "account": "erin", "to": bob, "text": "hi"}));
    assert_eq!(reply["event"], "error", "{reply}");
}

#[test]
fn bad_commands_get_errors_and_the_host_keeps_running() {
    let mut host = Host::start(HostOptions::default());
    let reply = host.request(json!({"cmd": "no_such_command"}));
    assert_eq!(reply["event"], "error", "{reply}");
    let reply = host.request(json!({"cmd": "connect", "account": "nobody"}));
    assert_eq!(reply["event"], "error", "{reply}");
    host.send(json!("not an object"));
    host.wait_for(
        |event| event["event"] == "error" && event.get("id").is_none(),
        TIMEOUT,
    );
    // Still alive and answering.
    host.request_ok(json!({"cmd": "protocols"}));
}

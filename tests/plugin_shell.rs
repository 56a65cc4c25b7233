//! Our plugin inside the real libpurple (through the headless host): it loads, shows
//! pidgin-sipe's account options, checks settings before any network traffic, fails honestly
//! on the network, survives a panic, and keeps passwords out of the debug log.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::testserver::TestServer;
use common::{Host, HostOptions, TIMEOUT, closed_port};
use serde_json::{Value, json};

const LYNC: &str = "prpl-lync";

fn lync_host() -> Host {
    Host::start(HostOptions {
        lync_plugin: true,
        debug_log: true,
        ..HostOptions::default()
    })
}

fn add_account(
    host: &mut Host,
    label: &str,
    username: &str,
    password: Option<&str>,
    options: Value,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": LYNC,
        "username": username,
        "password": password,
        "remember_password": true,
        "options": options,
    }));
}

fn connection_error(host: &mut Host, label: &str) -> Value {
    let label = label.to_owned();
    host.wait_for(
        move |e| e["event"] == "connection_error" && e["account"] == label.as_str(),
        TIMEOUT,
    )
}

fn protocol<'a>(protocols: &'a Value, id: &str) -> &'a Value {
    protocols["protocols"]
        .as_array()
        .expect("protocols array")
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing from {protocols}"))
}

#[test]
fn lync_protocol_has_pidgin_sipes_option_keys_beside_an_unaffected_pidgin_sipe() {
    let mut host = lync_host();
    let reply = host.request_ok(json!({"cmd": "protocols"}));
    let lync = protocol(&reply, LYNC);
    assert_eq!(lync["name"], "Lync / Skype for Business");
    assert_eq!(lync["list_icon"], "lync");
    let flags = lync["options_flags"].as_array().unwrap();
    assert!(
        flags.contains(&json!("OPT_PROTO_PASSWORD_OPTIONAL")),
        "{flags:?}"
    );
    assert!(flags.contains(&json!("OPT_PROTO_CHAT_TOPIC")), "{flags:?}");
    for error in reply["load_errors"].as_array().unwrap() {
        assert!(
            !error["path"]
                .as_str()
                .unwrap_or_default()
                .contains("purple_lync"),
            "our plugin failed to load: {error}"
        );
    }

    // The Login split: the stored account name is "sip-address,login".
    let splits = lync["user_splits"].as_array().unwrap();
    assert_eq!(splits.len(), 1);
    assert!(splits[0]["label"].as_str().unwrap().starts_with("Login"));
    assert_eq!(splits[0]["separator"], ",");
    assert_eq!(splits[0]["default"], "");

    let options: Vec<(String, String, Value, Vec<String>, bool)> = lync["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let choices = o["choices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["value"].as_str().unwrap().to_owned())
                .collect();
            (
                o["key"].as_str().unwrap().to_owned(),
                o["type"].as_str().unwrap().to_owned(),
                o["default"].clone(),
                choices,
                o["masked"].as_bool().unwrap(),
            )
        })
        .collect();
    let string = |key: &str, masked: bool| {
        (
            key.to_owned(),
            "string".to_owned(),
            json!(""),
            vec![],
            masked,
        )
    };
    let boolean = |key: &str| {
        (
            key.to_owned(),
            "bool".to_owned(),
            json!(false),
            vec![],
            false,
        )
    };
    let list = |key: &str, values: &[&str]| {
        (
            key.to_owned(),
            "list".to_owned(),
            json!(values[0]),
            values.iter().map(|v| (*v).to_owned()).collect(),
            false,
        )
    };
    assert_eq!(
        options,
        vec![
            string("server", false),
            list("transport", &["auto", "tls", "tcp"]),
            string("useragent", false),
            list("authentication", &["auto", "ntlm", "krb5", "tls-dsk"]),
            boolean("sso"),
            boolean("dont-publish"),
            string("email_url", false),
            string("email", false),
            string("email_login", false),
            string("email_password", true),
            string("groupchat_user", false),
        ]
    );

    let statuses: Vec<(&str, &str)> = lync["status_types"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["user_settable"] == true)
        .map(|s| (s["id"].as_str().unwrap(), s["primitive"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("available", "available"),
            ("busy", "unavailable"),
            ("do-not-disturb", "unavailable"),
            ("be-right-back", "away"),
            ("away", "away"),
            ("invisible", "invisible"),
            ("offline", "offline"),
        ]
    );

    // pidgin-sipe, loaded beside us, keeps its own identity and options.
    let sipe = protocol(&reply, "prpl-sipe");
    assert_eq!(sipe["name"], "Office Communicator");
    let sipe_keys: Vec<&str> = sipe["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["key"].as_str().unwrap())
        .collect();
    for key in ["server", "transport", "useragent", "authentication"] {
        assert!(sipe_keys.contains(&key), "{sipe_keys:?}");
    }
}

#[test]
fn each_invalid_setting_fails_before_any_network_use_naming_the_field() {
    let mut host = lync_host();
    let server = json!({"server": format!("127.0.0.1:{}", closed_port())});
    let cases: Vec<(&str, &str, Value, &str, &[&str])> = vec![
        (
            "nodomain",
            "alice",
            server.clone(),
            "INVALID_USERNAME",
            &["Username", "alice@contoso.com"],
        ),
        (
            "space",
            "alice smith@contoso.com",
            server.clone(),
            "INVALID_USERNAME",
            &["space"],
        ),
        (
            "tab",
            "alice\t@contoso.com",
            server.clone(),
            "INVALID_USERNAME",
            &["control character"],
        ),
        (
            "login",
            "alice@contoso.com,CONTOSO\\",
            server.clone(),
            "INVALID_SETTINGS",
            &["Login", "DOMAIN\\user"],
        ),
        (
            "email",
            "alice@contoso.com",
            json!({"email": "alice", "server": "127.0.0.1:1"}),
            "INVALID_SETTINGS",
            &["Email address", "user@company.com"],
        ),
        (
            "emailurl",
            "alice@contoso.com",
            json!({"email_url": "http://mail.contoso.com/EWS/Exchange.asmx"}),
            "INVALID_SETTINGS",
            &["Email services URL", "https://"],
        ),
        (
            "port",
            "alice@contoso.com",
            json!({"server": "sip.contoso.com:70000"}),
            "INVALID_SETTINGS",
            &["Server", "sip.contoso.com:5061"],
        ),
        (
            "useragent",
            "alice@contoso.com",
            json!({"useragent": "UA\r\nX-Evil: 1", "server": "127.0.0.1:1"}),
            "INVALID_SETTINGS",
            &["User Agent"],
        ),
        (
            "kerberos",
            "alice@contoso.com",
            json!({"authentication": "krb5", "server": "127.0.0.1:1"}),
            "AUTHENTICATION_IMPOSSIBLE",
            &["Kerberos", "Authentication scheme"],
        ),
    ];
    for (label, username, options, reason, words) in cases {
        // Account names are unique per protocol: give the valid addresses distinct users.
        let username = username.replace("alice@contoso.com", &format!("{label}@contoso.com"));
        add_account(&mut host, label, &username, Some("Alice-pass-1"), options);
        host.request_ok(json!({"cmd": "connect", "account": label}));
        let error = connection_error(&mut host, label);
        assert_eq!(error["reason"], reason, "{label}: {error}");
        assert_eq!(
            error["fatal"], true,
            "{label}: a settings error must not auto-reconnect"
        );
        let text = error["text"].as_str().unwrap();
        for word in words {
            assert!(
                text.contains(word),
                "{label}: {word:?} missing from {text:?}"
            );
        }
    }
    // None of them got as far as the network.
    assert!(
        !host.debug_log().contains("lync: progress"),
        "a refused setting still led to a connection attempt:\n{}",
        host.debug_log()
    );
}

#[test]
fn missing_password_is_asked_for_and_cancelling_names_the_password() {
    let mut host = lync_host();
    add_account(
        &mut host,
        "nopw",
        "alice@contoso.com",
        None,
        json!({"server": format!("127.0.0.1:{}", closed_port())}),
    );
    host.request_ok(json!({"cmd": "connect", "account": "nopw"}));
    let request = host.wait_for(
        |e| e["event"] == "request" && e["kind"] == "fields",
        TIMEOUT,
    );
    let ids: Vec<&str> = request["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"password"), "{request}");
    host.request_ok(json!({"cmd": "answer", "request": request["request"], "ok": false}));
    let error = connection_error(&mut host, "nopw");
    assert_eq!(error["reason"], "INVALID_SETTINGS", "{error}");
    assert!(
        error["text"].as_str().unwrap().contains("password"),
        "{error}"
    );
}

#[test]
fn a_password_typed_into_the_prompt_is_used_for_the_attempt() {
    // Only the typed password is right: signing in proves it was the one used.
    let server = TestServer::start(
        r#"
domain = "contoso.test"
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Typed-Secret-42"
"#,
    );
    let mut host = common::lync::start_host(&server);
    add_account(
        &mut host,
        "typed",
        "alice@contoso.test,CONTOSO\\alice",
        None,
        common::lync::tls_options(&server),
    );
    host.request_ok(json!({"cmd": "connect", "account": "typed"}));
    let request = host.wait_for(
        |e| e["event"] == "request" && e["kind"] == "fields",
        TIMEOUT,
    );
    host.request_ok(json!({
        "cmd": "answer", "request": request["request"], "ok": true,
        "fields": {"password": "Typed-Secret-42", "remember": false}
    }));
    let outcome = host.wait_for(
        |e| {
            (e["event"] == "signed_on" || e["event"] == "connection_error")
                && e["account"] == "typed"
        },
        TIMEOUT,
    );
    assert_eq!(outcome["event"], "signed_on", "{outcome}");
    assert!(!host.debug_log().contains("Typed-Secret-42"));
}

#[test]
fn closed_port_is_a_network_error_that_pidgin_retries() {
    let mut host = lync_host();
    let port = closed_port();
    add_account(
        &mut host,
        "closed",
        "alice@contoso.com,CONTOSO\\alice",
        Some("Alice-pass-1"),
        json!({"server": format!("127.0.0.1:{port}"), "transport": "tcp"}),
    );
    host.request_ok(
        json!({"cmd": "set_auto_reconnect", "enabled": true, "delay_ms": 100, "max_attempts": 1}),
    );
    host.request_ok(json!({"cmd": "connect", "account": "closed"}));
    let error = connection_error(&mut host, "closed");
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    assert_eq!(error["fatal"], false, "{error}");
    let text = error["text"].as_str().unwrap();
    assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
    assert!(text.contains("Server"), "{text}");
    // libpurple's auto-reconnect logic (as Pidgin runs it) goes ahead and we try again.
    host.wait_for(
        |e| e["event"] == "reconnecting" && e["account"] == "closed",
        TIMEOUT,
    );
    let again = connection_error(&mut host, "closed");
    assert_eq!(again["reason"], "NETWORK_ERROR");
    host.wait_for(|e| e["event"] == "reconnect_gave_up", TIMEOUT);
}

#[test]
fn a_listening_server_gets_a_real_register() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = std::thread::spawn(move || {
        let (mut socket, peer) = listener.accept()?;
        let mut text = Vec::new();
        let mut buf = [0u8; 4096];
        while !text.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = std::io::Read::read(&mut socket, &mut buf)?;
            if n == 0 {
                break;
            }
            text.extend_from_slice(&buf[..n]);
        }
        // Hang up without answering.
        Ok::<_, std::io::Error>((peer, String::from_utf8_lossy(&text).into_owned()))
    });
    let mut host = lync_host();
    add_account(
        &mut host,
        "real",
        "alice@contoso.com",
        Some("Alice-pass-1"),
        json!({"server": format!("127.0.0.1:{port}"), "transport": "tcp"}),
    );
    host.request_ok(json!({"cmd": "connect", "account": "real"}));
    let (peer, register) = received
        .join()
        .unwrap()
        .expect("the plugin connected to the server");
    assert!(peer.ip().is_loopback());
    assert!(
        register.starts_with("REGISTER sip:contoso.com SIP/2.0\r\n"),
        "{register}"
    );
    assert!(
        register.contains("From: <sip:alice@contoso.com>;tag="),
        "{register}"
    );
    let error = connection_error(&mut host, "real");
    // The server hung up mid-sign-in: a network error Pidgin retries, and no fake success.
    assert_eq!(error["reason"], "NETWORK_ERROR", "{error}");
    assert!(!host.events().iter().any(|e| e["event"] == "signed_on"));
}

#[test]
fn a_panic_inside_a_callback_ends_the_connection_not_the_host() {
    let mut host = Host::start(HostOptions {
        lync_plugin: true,
        debug_log: true,
        env: vec![("PURPLE_LYNC_TEST_PANIC".into(), "login".into())],
        ..HostOptions::default()
    });
    add_account(
        &mut host,
        "panic",
        "alice@contoso.com",
        Some("Alice-pass-1"),
        json!({"server": format!("127.0.0.1:{}", closed_port())}),
    );
    host.request_ok(json!({"cmd": "connect", "account": "panic"}));
    let error = connection_error(&mut host, "panic");
    assert_eq!(error["reason"], "OTHER_ERROR", "{error}");
    assert!(
        error["text"].as_str().unwrap().contains("internal error"),
        "{error}"
    );
    assert!(
        host.debug_log().contains("panic in login"),
        "{}",
        host.debug_log()
    );
    // The host (Pidgin) is still alive and answering.
    let reply = host.request_ok(json!({"cmd": "protocols"}));
    protocol(&reply, LYNC);
}

#[test]
fn the_debug_log_of_a_login_attempt_contains_no_password() {
    let mut host = lync_host();
    let password = "Sekrit-Pa55-word";
    add_account(
        &mut host,
        "log",
        "alice@contoso.com,CONTOSO\\alice",
        Some(password),
        json!({"server": format!("127.0.0.1:{}", closed_port()), "email_password": "Mail-Pa55-word"}),
    );
    host.request_ok(json!({"cmd": "connect", "account": "log"}));
    connection_error(&mut host, "log");
    std::thread::sleep(Duration::from_millis(200));
    let log = host.debug_log();
    assert!(
        log.contains("signing in as alice@contoso.com (login CONTOSO\\alice)"),
        "{log}"
    );
    assert!(
        log.contains("lync: progress"),
        "progress is logged (other tests rely on it): {log}"
    );
    assert!(!log.contains(password), "password in the debug log:\n{log}");
    assert!(
        !log.contains("Mail-Pa55-word"),
        "email password in the debug log:\n{log}"
    );
}

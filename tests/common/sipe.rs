//! pidgin-sipe accounts in the headless host, signed in to `lync-testserver` with NTLM
//! over TLS: the helpers the feature tests share.
//!
//! pidgin-sipe uses libpurple's SSL (NSS), which trusts only the system's CAs (libpurple
//! 2.x has no per-user CA directory), so the first TLS connection of each host asks
//! "Accept certificate for 127.0.0.1?"; [`connect`] accepts it as a user would, after
//! checking it is that question about that server. libpurple then remembers the
//! certificate for the host's later connections.

use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::testserver::TestServer;
use super::{Host, HostOptions, TIMEOUT};

pub const SIPE: &str = "prpl-sipe";

/// A host with a debug log; `SIPE_TRACE=1` in the environment adds every SIP message.
pub fn start_host() -> Host {
    let trace = std::env::var_os("SIPE_TRACE").is_some();
    let env = if trace {
        vec![
            ("PURPLE_UNSAFE_DEBUG".to_owned(), "1".to_owned()),
            ("PURPLE_VERBOSE_DEBUG".to_owned(), "1".to_owned()),
        ]
    } else {
        Vec::new()
    };
    Host::start(HostOptions {
        debug_log: true,
        env,
        ..HostOptions::default()
    })
}

pub fn is_event(event: &Value, name: &str, label: &str) -> bool {
    event["event"] == name && event["account"] == label
}

/// Adds a pidgin-sipe account `label` for `sip_address` (its own login) and signs it in.
#[track_caller]
pub fn sign_in(
    host: &mut Host,
    server: &TestServer,
    label: &str,
    sip_address: &str,
    password: &str,
) {
    host.request_ok(json!({
        "cmd": "add_account",
        "account": label,
        "protocol": SIPE,
        "username": sip_address,
        "password": password,
        "remember_password": true,
        "options": {
            "server": format!("127.0.0.1:{}", server.sip_tls_port()),
            "transport": "tls",
            "authentication": "ntlm",
        },
    }));
    connect(host, server, label);
}

/// Whether `event` is libpurple's own question whether to trust the test server's
/// certificate (pidgin-sipe's TLS); our plugin asks differently and is never answered here.
pub fn is_certificate_prompt(event: &Value) -> bool {
    event["event"] == "request"
        && event["title"] == "SSL Certificate Verification"
        && event["primary"] == "Accept certificate for 127.0.0.1?"
}

/// Waits until the account signs on or fails (the `signed_on` or `connection_error` event),
/// accepting libpurple's certificate prompts on the way as a user would.
#[track_caller]
pub fn signed_on_or_failed(host: &mut Host, label: &str) -> Value {
    loop {
        let found = host.wait_for(
            |event| {
                is_event(event, "signed_on", label)
                    || is_event(event, "connection_error", label)
                    || is_certificate_prompt(event)
            },
            TIMEOUT,
        );
        if found["event"] != "request" {
            return found;
        }
        assert_eq!(found["actions"][0], "Accept", "{found}");
        host.request_ok(json!({"cmd": "answer", "request": found["request"], "action": 0}));
    }
}

/// Connects an account that was added before and waits until it is signed on, accepting
/// libpurple's certificate prompt on the way.
#[track_caller]
pub fn connect(host: &mut Host, server: &TestServer, label: &str) {
    host.request_ok(json!({"cmd": "connect", "account": label}));
    let found = signed_on_or_failed(host, label);
    assert_eq!(
        found["event"],
        "signed_on",
        "{found}\nserver log:\n{}",
        server.stderr()
    );
}

/// Signs an account off and waits until it is.
#[track_caller]
pub fn disconnect(host: &mut Host, label: &str) {
    host.request_ok(json!({"cmd": "disconnect", "account": label}));
    host.wait_for(|event| is_event(event, "signed_off", label), TIMEOUT);
}

/// The account's buddy list as the host reports it.
#[track_caller]
pub fn buddies(host: &mut Host, label: &str) -> Vec<Value> {
    let reply = host.request_ok(json!({"cmd": "buddies", "account": label}));
    reply["buddies"].as_array().cloned().unwrap_or_default()
}

/// Polls the buddy list until `done` holds; returns it. Panics with the last list, the
/// server's log and sipe's log when it never does.
#[track_caller]
pub fn wait_buddies(
    host: &mut Host,
    server: &TestServer,
    label: &str,
    timeout: Duration,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let deadline = Instant::now() + timeout;
    loop {
        let list = buddies(host, label);
        if done(&list) {
            return list;
        }
        if Instant::now() >= deadline {
            let log = host.debug_log();
            let keep = if std::env::var_os("SIPE_TRACE").is_some() {
                usize::MAX
            } else {
                150
            };
            let tail: Vec<&str> = log.lines().rev().take(keep).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            panic!(
                "{label}'s buddy list never got there:\n{}\nserver log:\n{}\nsipe log (tail):\n{}",
                serde_json::to_string_pretty(&list).unwrap_or_default(),
                server.stderr(),
                tail.join("\n")
            );
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// The entry for `name` in `group`.
pub fn buddy<'a>(list: &'a [Value], name: &str, group: &str) -> Option<&'a Value> {
    list.iter()
        .find(|b| b["name"] == name && b["group"] == group)
}

/// (name, group) of every entry, sorted.
pub fn placements(list: &[Value]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = list
        .iter()
        .map(|b| {
            (
                b["name"].as_str().unwrap_or_default().to_owned(),
                b["group"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

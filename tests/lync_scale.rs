//! Our plugin at sizes real companies have, over TLS (the only transport Lync servers
//! offer): 20,000 contacts all show their presence, and a 100 KB IM round-trips through
//! the echo bot unchanged. Until the transport stopped cutting SIP messages over 64 KiB,
//! neither worked over TLS.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::scale::{self, GROUPS};
use common::sipe::is_event;
use common::testserver::TestServer;
use common::{TIMEOUT, lync};
use serde_json::json;

const USERS: usize = 20_000;
/// Only catches a hang; the time it took is printed.
const LIST_TIMEOUT: Duration = Duration::from_secs(120);
/// While our plugin reads the 23 MB presence batch, the host answers nothing (one thread);
/// in a debug build on a loaded 2-core machine that can take longer than [`TIMEOUT`].
const BUSY: Duration = Duration::from_secs(60);

#[test]
fn twenty_thousand_contacts_all_show_their_presence_over_tls() {
    let started = Instant::now();
    let server = TestServer::start(&scale::config(USERS));
    let server_start = started.elapsed();

    let signing_in = Instant::now();
    let mut host = lync::sign_in(&server, "user0", "user0@contoso.test", "Pass-0");
    let signed_on = signing_in.elapsed();

    let mut last_poll = Instant::now();
    let complete = loop {
        let reply = host.request_within(json!({"cmd": "buddies", "account": "user0"}), BUSY);
        assert_eq!(reply["event"], "ok", "{reply}");
        let list = reply["buddies"].as_array().cloned().unwrap_or_default();
        let seen = scale::seen(&list, USERS);
        if seen.complete(USERS) {
            break signing_in.elapsed();
        }
        assert!(
            signing_in.elapsed() < LIST_TIMEOUT,
            "after {LIST_TIMEOUT:?} the list shows {seen:?} of {} contacts, {} online\n\
             connection events: {:?}\nserver log (tail):\n{}\nplugin log (tail):\n{}",
            USERS - 1,
            scale::online_contacts(USERS),
            host.events()
                .iter()
                .filter(|e| e["event"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("connection") || n.starts_with("signed")))
                .collect::<Vec<_>>(),
            tail(&server.stderr(), 40),
            tail(&host.debug_log(), 60)
        );
        // A 20,000-entry list is a few MB of JSON: poll gently.
        let wait = Duration::from_millis(500).saturating_sub(last_poll.elapsed());
        thread::sleep(wait);
        last_poll = Instant::now();
    };
    eprintln!(
        "scale: {USERS} users, {} contacts ({} online) in {GROUPS} groups: server started in \
         {server_start:.2?}, our plugin signed on over TLS after {signed_on:.2?}, whole list \
         with presence shown after {complete:.2?}",
        USERS - 1,
        scale::online_contacts(USERS)
    );

    // Still signed in, once: no truncated message killed the link and forced a reconnect.
    let log = server.stderr();
    assert!(
        log.contains("opened, SIP/TLS from 127.0.0.1:"),
        "{}",
        tail(&log, 40)
    );
    let counters = server.counters();
    assert_eq!(counters["signed_in"], 1, "{counters}");
    assert!(
        !host
            .events()
            .iter()
            .any(|e| is_event(e, "connection_error", "user0")),
        "{}",
        host.diagnosis()
    );
}

/// At least `size` bytes of text a person could type: numbered sentences so a lost, doubled
/// or reordered piece shows, with non-ASCII letters so every byte of UTF-8 is checked. It
/// ends in a full stop: trailing white space is not kept (received IM text is trimmed).
fn long_text(size: usize) -> String {
    let mut text = String::with_capacity(size + 64);
    let mut line = 0;
    while text.len() < size {
        text.push_str(&format!(
            "Line {line:05}: grüße aus Tromsø, 東京から, 😀 — ok. "
        ));
        line += 1;
    }
    text.truncate(text.trim_end().len());
    text
}

#[test]
fn a_100_kb_im_round_trips_through_the_echo_bot_over_tls() {
    let server = TestServer::start(lync::ALICE_AND_ECHO);
    let mut host = lync::sign_in(
        &server,
        "alice",
        "alice@contoso.test,CONTOSO\\alice",
        "Alice-pass-1",
    );
    let text = long_text(100 * 1024);
    assert!(text.len() >= 100 * 1024);
    let started = Instant::now();
    host.request_ok(json!({
        "cmd": "send_im", "account": "alice", "to": lync::ECHO, "text": text,
    }));
    let echoed = host.wait_for(
        |e| {
            (is_event(e, "im_received", "alice") && e["from"] == lync::ECHO)
                || is_event(e, "connection_error", "alice")
        },
        TIMEOUT,
    );
    assert_eq!(
        echoed["event"],
        "im_received",
        "{}\nserver log (tail):\n{}",
        host.diagnosis(),
        tail(&server.stderr(), 40)
    );
    let round_trip = started.elapsed();
    let echoed = echoed["text"].as_str().unwrap_or_default();
    let expected = format!("echo: {text}");
    assert!(
        echoed == expected,
        "the echo differs: {} bytes back for {} sent, ending {:?} for {:?}; first difference at \
         byte {:?}",
        echoed.len(),
        expected.len(),
        last_chars(echoed),
        last_chars(&expected),
        echoed
            .bytes()
            .zip(expected.bytes())
            .position(|(a, b)| a != b)
    );
    eprintln!(
        "a {} byte IM went to the echo bot and back over TLS in {round_trip:.2?}",
        text.len()
    );
    // Nothing was reported lost, and the link lived on.
    assert!(
        !host.events().iter().any(|e| {
            is_event(e, "conversation_write", "alice")
                && e["flags"]
                    .as_array()
                    .is_some_and(|f| f.contains(&json!("error")))
        }),
        "{}",
        host.diagnosis()
    );
    assert_eq!(server.counters()["signed_in"], 1);
}

fn last_chars(text: &str) -> String {
    let mut end: Vec<char> = text.chars().rev().take(12).collect();
    end.reverse();
    end.into_iter().collect()
}

fn tail(log: &str, lines: usize) -> String {
    let all: Vec<&str> = log.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

//! A chat of three pidgin-sipe accounts through `lync-testserver`. pidgin-sipe on a Lync
//! 2007+ server makes any chat with more than two people a conference: it asks the focus
//! factory for one, joins its focus and chat MCU, and invites the others to it.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::sipe::{is_event, sign_in, start_host, wait_buddies};
use common::testserver::TestServer;
use common::{Host, TIMEOUT};
use serde_json::{Value, json};

const CONFIG: &str = r#"
domain = "contoso.test"

[[users]]
sip = "alice@contoso.test"
password = "Alice-pass-1"
name = "Alice Anders"
[users.groups]
"Team" = ["bob@contoso.test", "carol@contoso.test"]

[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"

[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"
"#;

/// The next chat line `label` sees from `who` (its own lines included).
#[track_caller]
fn chat_line(host: &mut Host, label: &str, who: &str, text: &str) -> Value {
    host.wait_for(
        |e| {
            is_event(e, "conversation_write", label)
                && e["conversation"] == "chat"
                && e["who"] == who
                && e["text"].as_str().is_some_and(|t| t.contains(text))
        },
        TIMEOUT,
    )
}

#[test]
fn three_sipe_accounts_chat_in_a_conference() {
    let server = TestServer::start(CONFIG);
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    let mut bob = start_host();
    sign_in(&mut bob, &server, "bob", "bob@contoso.test", "Bob-pass-2");
    let mut carol = start_host();
    sign_in(
        &mut carol,
        &server,
        "carol",
        "carol@contoso.test",
        "Carol-pass-3",
    );
    wait_buddies(&mut alice, &server, "alice", TIMEOUT, |list| {
        list.iter()
            .filter(|b| b["status_id"] == "available")
            .count()
            == 2
    });

    // Alice starts a chat with Bob, then invites Carol into it from her buddy menu.
    alice.request_ok(json!({
        "cmd": "buddy_action", "account": "alice", "who": "sip:bob@contoso.test",
        "action": "New chat",
    }));
    let joined = alice.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["conversation"] == "chat"
                && e["text"] == "Bob Builder entered the room."
        },
        TIMEOUT,
    );
    let chat = joined["with"].as_str().unwrap_or_default().to_owned();
    alice.request_ok(json!({
        "cmd": "buddy_action", "account": "alice", "who": "sip:carol@contoso.test",
        "action": format!("Invite to '{chat}'"),
    }));
    alice.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["with"] == chat.as_str()
                && e["text"] == "Carol Cole entered the room."
        },
        TIMEOUT,
    );

    // What each one says reaches the two others.
    alice.request_ok(
        json!({"cmd": "chat_send", "account": "alice", "chat": chat, "text": "Hello both"}),
    );
    let at_bob = chat_line(&mut bob, "bob", "sip:alice@contoso.test", "Hello both");
    chat_line(&mut carol, "carol", "sip:alice@contoso.test", "Hello both");
    let bobs_chat = at_bob["with"].as_str().unwrap_or_default().to_owned();
    bob.request_ok(
        json!({"cmd": "chat_send", "account": "bob", "chat": bobs_chat, "text": "Hi from Bob"}),
    );
    chat_line(&mut alice, "alice", "sip:bob@contoso.test", "Hi from Bob");
    chat_line(&mut carol, "carol", "sip:bob@contoso.test", "Hi from Bob");

    // Carol signs out: the others see her leave.
    common::sipe::disconnect(&mut carol, "carol");
    alice.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["with"] == chat.as_str()
                && e["text"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("Carol Cole left the room"))
        },
        TIMEOUT,
    );

    let counters = server.counters();
    assert_eq!(counters["conferences"], 1, "{counters}");
    // Messages went through the chat MCU, never straight from one user to another.
    let log = server.stderr();
    assert!(
        log.contains("MESSAGE sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:"),
        "{log}"
    );
    assert!(!log.contains("MESSAGE sip:bob@contoso.test"), "{log}");
}

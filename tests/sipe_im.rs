//! Instant messages between pidgin-sipe accounts through `lync-testserver`: both ways,
//! typing, a recipient who is not signed in, and the server's echo user.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::sipe::{is_event, sign_in, start_host};
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
"Team" = ["bob@contoso.test", "carol@contoso.test", "echo@contoso.test"]

[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"
[users.groups]
"Team" = ["alice@contoso.test"]

[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"

[[users]]
sip = "echo@contoso.test"
password = "Echo-pass-4"
name = "Echo Bot"
echo = true
"#;

fn send_im(host: &mut Host, label: &str, to: &str, text: &str) {
    host.request_ok(json!({"cmd": "send_im", "account": label, "to": to, "text": text}));
}

/// The next IM `label` receives from `from`.
#[track_caller]
fn received(host: &mut Host, label: &str, from: &str) -> String {
    let event = host.wait_for(
        |e| is_event(e, "im_received", label) && e["from"] == from,
        TIMEOUT,
    );
    event["text"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn two_sipe_accounts_chat_both_ways_and_see_each_other_type() {
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

    send_im(&mut alice, "alice", "sip:bob@contoso.test", "Hello Bob");
    let text = received(&mut bob, "bob", "sip:alice@contoso.test");
    assert!(text.contains("Hello Bob"), "{text}");

    send_im(
        &mut bob,
        "bob",
        "sip:alice@contoso.test",
        "Hi <b>Alice</b> &amp; all",
    );
    let text = received(&mut alice, "alice", "sip:bob@contoso.test");
    assert!(text.contains("Hi") && text.contains("Alice"), "{text}");

    send_im(&mut alice, "alice", "sip:bob@contoso.test", "second one");
    let text = received(&mut bob, "bob", "sip:alice@contoso.test");
    assert!(text.contains("second one"), "{text}");

    // Typing goes in the session both now have (INFO with KeyboardActivity).
    alice.request_ok(json!({
        "cmd": "typing", "account": "alice", "to": "sip:bob@contoso.test", "state": "typing",
    }));
    let typing = bob.wait_for(
        |e| {
            is_event(e, "typing", "bob")
                && e["who"] == "sip:alice@contoso.test"
                && e["state"] == "typing"
        },
        TIMEOUT,
    );
    assert_eq!(typing["state"], "typing");
    // Every hop went through the server, and each side checked our signatures.
    for method in ["INVITE", "ACK", "MESSAGE", "INFO"] {
        server.wait_for_log(
            &[&format!("{method} sip:"), "from sip:alice@contoso.test"],
            TIMEOUT,
        );
    }
    assert!(server.counters()["routed"].as_u64() >= Some(6));
    assert!(
        !bob.debug_log()
            .contains("signature of incoming message is invalid")
    );

    // Closing the window ends the session (BYE) at the other side too.
    alice.request_ok(
        json!({"cmd": "close_conversation", "account": "alice", "with": "sip:bob@contoso.test"}),
    );
    server.wait_for_log(
        &["BYE sip:bob@contoso.test", "from sip:alice@contoso.test"],
        TIMEOUT,
    );
    server.wait_for_log(&["response 200 to", "BYE"], TIMEOUT);
    assert!(bob.debug_log().contains("process_incoming_bye"));
}

/// The next message written into `label`'s conversation with `with` carrying an error.
#[track_caller]
fn conversation_error(host: &mut Host, label: &str, with: &str) -> Value {
    host.wait_for(
        |e| {
            is_event(e, "conversation_write", label)
                && e["with"] == with
                && e["flags"]
                    .as_array()
                    .is_some_and(|flags| flags.iter().any(|f| f == "error"))
        },
        TIMEOUT,
    )
}

#[test]
fn a_message_to_someone_not_signed_in_is_reported_undelivered() {
    let server = TestServer::start(CONFIG);
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    send_im(
        &mut alice,
        "alice",
        "sip:carol@contoso.test",
        "Are you there?",
    );
    let error = conversation_error(&mut alice, "alice", "sip:carol@contoso.test");
    let text = error["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("This message was not delivered to")
            && text.contains("because one or more recipients are offline")
            && text.contains("Are you there?"),
        "{error}"
    );
    server.wait_for_log(&["INVITE sip:carol@contoso.test", "-> 480"], TIMEOUT);
}

#[test]
fn the_echo_user_answers_every_message() {
    let server = TestServer::start(CONFIG);
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    send_im(&mut alice, "alice", "sip:echo@contoso.test", "ping");
    let text = received(&mut alice, "alice", "sip:echo@contoso.test");
    assert!(text.contains("echo: ping"), "{text}");
    send_im(
        &mut alice,
        "alice",
        "sip:echo@contoso.test",
        "pong &amp; more",
    );
    let text = received(&mut alice, "alice", "sip:echo@contoso.test");
    assert!(text.contains("echo: pong"), "{text}");
    // The first message rode in the INVITE (ms-text-format) and the bot said it took it,
    // so sipe did not send it again as a MESSAGE: one INVITE, one MESSAGE from Alice.
    let log = server.stderr();
    let messages = log
        .lines()
        .filter(|l| l.contains("MESSAGE sip:echo@contoso.test") && l.contains("from sip:alice"))
        .count();
    assert_eq!(messages, 1, "{log}");
    assert!(
        alice
            .debug_log()
            .contains("remote system accepted message in INVITE")
    );
}

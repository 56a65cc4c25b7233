//! Chats of three through our plugin in real libpurple against lync-testserver, with two
//! pidgin-sipe accounts as the others: the chat is a Lync conference (focus factory, focus,
//! chat MCU), started by us or by pidgin-sipe, and everyone sees everyone's messages and the
//! member list change as people come and go.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::sipe::{self, is_event, wait_buddies};
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
[users.groups]
"Team" = ["alice@contoso.test", "carol@contoso.test"]

[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"
[users.groups]
"Team" = ["alice@contoso.test", "bob@contoso.test"]
"#;

const ALICE: &str = "sip:alice@contoso.test";
const BOB: &str = "sip:bob@contoso.test";
const CAROL: &str = "sip:carol@contoso.test";

/// Alice on our plugin, Bob and Carol on pidgin-sipe, each seeing the other two online.
fn three(server: &TestServer) -> (Host, Host, Host) {
    let mut alice = common::lync::sign_in(server, "alice", "alice@contoso.test", "Alice-pass-1");
    let mut bob = sipe::start_host();
    sipe::sign_in(&mut bob, server, "bob", "bob@contoso.test", "Bob-pass-2");
    let mut carol = sipe::start_host();
    sipe::sign_in(
        &mut carol,
        server,
        "carol",
        "carol@contoso.test",
        "Carol-pass-3",
    );
    for (host, label) in [
        (&mut alice, "alice"),
        (&mut bob, "bob"),
        (&mut carol, "carol"),
    ] {
        wait_buddies(host, server, label, TIMEOUT, |list| {
            list.iter().filter(|b| b["online"] == true).count() == 2
        });
    }
    (alice, bob, carol)
}

/// The chat `label` was put into (its conversation name).
#[track_caller]
fn chat_joined(host: &mut Host, label: &str) -> String {
    let joined = host.wait_for(|e| is_event(e, "chat_joined", label), TIMEOUT);
    joined["chat"].as_str().unwrap_or_default().to_owned()
}

#[track_caller]
fn sees_join(host: &mut Host, label: &str, chat: &str, who: &str) {
    host.wait_for(
        |e| is_event(e, "chat_buddy_joined", label) && e["chat"] == chat && e["who"] == who,
        TIMEOUT,
    );
}

#[track_caller]
fn sees_leave(host: &mut Host, label: &str, chat: &str, who: &str) {
    host.wait_for(
        |e| is_event(e, "chat_buddy_left", label) && e["chat"] == chat && e["who"] == who,
        TIMEOUT,
    );
}

/// The next chat line `label` sees from `who` containing `text`.
#[track_caller]
fn sees_line(host: &mut Host, label: &str, chat: &str, who: &str, text: &str) -> Value {
    host.wait_for(
        |e| {
            is_event(e, "conversation_write", label)
                && e["conversation"] == "chat"
                && e["with"] == chat
                && e["who"] == who
                && e["text"].as_str().is_some_and(|t| t.contains(text))
        },
        TIMEOUT,
    )
}

fn say(host: &mut Host, label: &str, chat: &str, text: &str) {
    host.request_ok(json!({"cmd": "chat_send", "account": label, "chat": chat, "text": text}));
}

/// The member list of `label`'s chat window, by name.
fn members(host: &mut Host, label: &str, chat: &str) -> Vec<String> {
    let reply = host.request_ok(json!({"cmd": "chat_members", "account": label, "chat": chat}));
    reply["members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["name"].as_str().map(str::to_owned))
        .collect()
}

/// Polls `label`'s member list until it is `want` (sorted); panics with the last one.
#[track_caller]
fn wait_members(host: &mut Host, label: &str, chat: &str, want: &[&str]) {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let list = members(host, label, chat);
        if list == want {
            return;
        }
        if std::time::Instant::now() > deadline {
            panic!("{label}'s members of {chat}: {list:?}, wanted {want:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// One person in a chat: their host, account, chat window name and URI.
struct Seat<'a> {
    host: &'a mut Host,
    label: &'static str,
    chat: String,
    uri: &'static str,
}

/// Each says something; the others see it from them, and the sender sees their own line.
fn everyone_hears_everyone(seats: &mut [Seat<'_>]) {
    for speaker in 0..seats.len() {
        let (label, uri) = (seats[speaker].label, seats[speaker].uri);
        let chat = seats[speaker].chat.clone();
        say(
            seats[speaker].host,
            label,
            &chat,
            &format!("Hello from {label} &amp; friends"),
        );
        for seat in seats.iter_mut() {
            let line = sees_line(
                seat.host,
                seat.label,
                &seat.chat,
                uri,
                &format!("Hello from {label}"),
            );
            let flags = line["flags"].as_array().cloned().unwrap_or_default();
            let own = seat.label == label;
            assert_eq!(
                flags.contains(&json!("send")),
                own,
                "{}: {line}",
                seat.label
            );
        }
    }
}

#[test]
fn our_plugin_starts_a_chat_and_invites_two_sipe_accounts() {
    let server = TestServer::start(CONFIG);
    let (mut alice, mut bob, mut carol) = three(&server);

    // Alice: "New chat" on Bob. The chat opens for her, Bob is pulled in.
    alice.request_ok(json!({
        "cmd": "buddy_action", "account": "alice", "who": BOB, "action": "New chat",
    }));
    let chat = chat_joined(&mut alice, "alice");
    let bobs_chat = chat_joined(&mut bob, "bob");
    sees_join(&mut alice, "alice", &chat, BOB);
    alice.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["with"] == chat.as_str()
                && e["text"] == "Bob Builder entered the room."
        },
        TIMEOUT,
    );
    sees_join(&mut bob, "bob", &bobs_chat, ALICE);

    // Her buddy menu offers Carol (not Bob, already in) an invitation to this chat.
    let invite = format!("Invite to '{chat}'");
    let refused = alice.request(json!({
        "cmd": "buddy_action", "account": "alice", "who": BOB, "action": invite,
    }));
    assert_eq!(refused["event"], "error", "{refused}");
    alice.request_ok(json!({
        "cmd": "buddy_action", "account": "alice", "who": CAROL, "action": invite,
    }));
    let carols_chat = chat_joined(&mut carol, "carol");
    sees_join(&mut alice, "alice", &chat, CAROL);
    sees_join(&mut bob, "bob", &bobs_chat, CAROL);
    let all = [ALICE, BOB, CAROL];
    wait_members(&mut alice, "alice", &chat, &all);
    wait_members(&mut bob, "bob", &bobs_chat, &all);
    wait_members(&mut carol, "carol", &carols_chat, &all);

    everyone_hears_everyone(&mut [
        Seat {
            host: &mut alice,
            label: "alice",
            chat: chat.clone(),
            uri: ALICE,
        },
        Seat {
            host: &mut bob,
            label: "bob",
            chat: bobs_chat.clone(),
            uri: BOB,
        },
        Seat {
            host: &mut carol,
            label: "carol",
            chat: carols_chat.clone(),
            uri: CAROL,
        },
    ]);

    // Carol closes her chat window: the others see her leave.
    carol.request_ok(json!({"cmd": "leave_chat", "account": "carol", "chat": carols_chat}));
    sees_leave(&mut alice, "alice", &chat, CAROL);
    sees_leave(&mut bob, "bob", &bobs_chat, CAROL);
    wait_members(&mut alice, "alice", &chat, &[ALICE, BOB]);
    // Alice closes hers: Bob sees her leave and is alone.
    alice.request_ok(json!({"cmd": "leave_chat", "account": "alice", "chat": chat}));
    sees_leave(&mut bob, "bob", &bobs_chat, ALICE);
    wait_members(&mut bob, "bob", &bobs_chat, &[BOB]);

    let counters = server.counters();
    assert_eq!(counters["conferences"], 1, "{counters}");
    let log = server.stderr();
    assert!(
        log.contains("MESSAGE sip:alice@contoso.test;gruu;opaque=app:conf:chat:id:"),
        "messages go through the chat MCU:\n{log}"
    );
}

#[test]
fn a_sipe_account_starts_a_chat_and_invites_ours() {
    let server = TestServer::start(CONFIG);
    let (mut alice, mut bob, mut carol) = three(&server);

    // Bob (pidgin-sipe): "New chat" on Alice. Pidgin asks Alice; she accepts, joins and is
    // told who asked.
    bob.request_ok(json!({
        "cmd": "buddy_action", "account": "bob", "who": ALICE, "action": "New chat",
    }));
    let bobs_chat = chat_joined(&mut bob, "bob");
    let invitation = alice.wait_for(
        |e| e["event"] == "request" && e["kind"] == "action" && e["account"] == "alice",
        TIMEOUT,
    );
    assert!(
        invitation["secondary"]
            .as_str()
            .is_some_and(|s| s.contains(&format!("{BOB} has invited"))),
        "{invitation}"
    );
    assert!(
        !alice
            .events()
            .iter()
            .any(|e| is_event(e, "chat_joined", "alice")),
        "nothing is joined before Alice answers"
    );
    alice.request_ok(json!({"cmd": "answer", "request": invitation["request"], "action": 0}));
    let chat = chat_joined(&mut alice, "alice");
    alice.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["with"] == chat.as_str()
                && e["text"] == "Bob Builder invited you to this chat."
        },
        TIMEOUT,
    );
    sees_join(&mut bob, "bob", &bobs_chat, ALICE);
    wait_members(&mut alice, "alice", &chat, &[ALICE, BOB]);

    // Alice invites Carol from the chat window's Invite dialog.
    alice.request_ok(json!({
        "cmd": "chat_invite", "account": "alice", "chat": chat, "who": CAROL, "message": "",
    }));
    let carols_chat = chat_joined(&mut carol, "carol");
    sees_join(&mut alice, "alice", &chat, CAROL);
    sees_join(&mut bob, "bob", &bobs_chat, CAROL);
    let all = [ALICE, BOB, CAROL];
    wait_members(&mut alice, "alice", &chat, &all);
    wait_members(&mut bob, "bob", &bobs_chat, &all);
    wait_members(&mut carol, "carol", &carols_chat, &all);

    everyone_hears_everyone(&mut [
        Seat {
            host: &mut alice,
            label: "alice",
            chat: chat.clone(),
            uri: ALICE,
        },
        Seat {
            host: &mut bob,
            label: "bob",
            chat: bobs_chat.clone(),
            uri: BOB,
        },
        Seat {
            host: &mut carol,
            label: "carol",
            chat: carols_chat.clone(),
            uri: CAROL,
        },
    ]);

    // Carol signs out, Bob closes his window: Alice sees both go and is left alone.
    sipe::disconnect(&mut carol, "carol");
    sees_leave(&mut alice, "alice", &chat, CAROL);
    bob.request_ok(json!({"cmd": "leave_chat", "account": "bob", "chat": bobs_chat}));
    sees_leave(&mut alice, "alice", &chat, BOB);
    wait_members(&mut alice, "alice", &chat, &[ALICE]);
    // She leaves too; nothing went wrong in her windows on the way.
    alice.request_ok(json!({"cmd": "leave_chat", "account": "alice", "chat": chat}));
    assert!(
        !alice
            .events()
            .iter()
            .any(|e| is_event(e, "conversation_write", "alice")
                && e["flags"]
                    .as_array()
                    .is_some_and(|f| f.contains(&json!("error")))),
        "no errors in Alice's windows"
    );
}

#[test]
fn an_invitation_from_a_blocked_contact_is_not_offered_or_joined() {
    let server = TestServer::start(CONFIG);
    let (mut alice, mut bob, _carol) = three(&server);
    alice.request_ok(json!({"cmd": "block", "account": "alice", "who": BOB}));

    bob.request_ok(json!({
        "cmd": "buddy_action", "account": "bob", "who": ALICE, "action": "New chat",
    }));
    chat_joined(&mut bob, "bob");
    alice.wait_for_log(
        &format!("chat invitation from {BOB} ignored: Pidgin's privacy settings block them"),
        TIMEOUT,
    );
    assert!(
        !alice
            .events()
            .iter()
            .any(|e| e["event"] == "request" || is_event(e, "chat_joined", "alice")),
        "a blocked contact's invitation is neither asked about nor joined"
    );
}

/// The topic `label`'s chat `chat` shows, once it shows `want`.
#[track_caller]
fn sees_topic(host: &mut Host, label: &str, chat: &str, want: &str) {
    host.wait_for(
        |e| is_event(e, "chat_topic", label) && e["chat"] == chat && e["topic"] == want,
        TIMEOUT,
    );
}

#[test]
fn join_a_chat_without_an_address_starts_a_chat_whose_subject_everyone_sees() {
    let server = TestServer::start(CONFIG);
    let (mut alice, mut bob, _carol) = three(&server);

    // Alice: Join a Chat, address left empty, a subject typed.
    alice.request_ok(json!({
        "cmd": "join_chat", "account": "alice",
        "components": {"uri": "", "subject": "Release <plans> & dates"},
    }));
    let chat = chat_joined(&mut alice, "alice");
    sees_topic(&mut alice, "alice", &chat, "Release <plans> & dates");

    // She invites Bob (pidgin-sipe): his chat window shows the same subject.
    alice.request_ok(json!({
        "cmd": "chat_invite", "account": "alice", "chat": chat, "who": BOB, "message": "",
    }));
    let bobs_chat = chat_joined(&mut bob, "bob");
    sees_topic(&mut bob, "bob", &bobs_chat, "Release <plans> & dates");
    sees_join(&mut alice, "alice", &chat, BOB);
    assert_eq!(server.counters()["conferences"], 1);
}

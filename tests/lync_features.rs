//! What users live in all day, through our plugin in real libpurple against lync-testserver,
//! with a pidgin-sipe account as the other party: contact list, presence, IM, contact edits.

mod common;

use std::time::Duration;

use common::lync;
use common::sipe::{self, buddies, buddy, is_event, placements, wait_buddies};
use common::testserver::TestServer;
use common::{Host, TIMEOUT};
use serde_json::{Value, json};

const CONFIG: &str = r#"
domain = "contoso.test"

[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
name = "Alice Anders"
title = "Engineer"
company = "Contoso"
phone = "+47 555 0100"
office = "Oslo 3.14"
[users.groups]
"Team" = ["bob@contoso.test", "carol@contoso.test", "echo@contoso.test"]
"Friends" = ["dave@contoso.test"]

[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"
title = "Release manager"
company = "Contoso"
[users.groups]
"Team" = ["alice@contoso.test"]

[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"
presence = "away"
note = "Back at two"

[[users]]
sip = "dave@contoso.test"
password = "Dave-pass-4"
name = "Dave Dunn"
presence = "offline"

[[users]]
sip = "echo@contoso.test"
password = "Echo-pass-5"
name = "Echo Bot"
presence = "available"
note = "I repeat what you say"
echo = true
"#;

/// Our plugin's host with alice signed in over TLS.
fn alice(server: &TestServer) -> Host {
    lync_account(
        server,
        "alice",
        "alice@contoso.test,CONTOSO\\alice",
        "Alice-pass-1",
    )
}

/// A host with one of our plugin's accounts signed in with NTLM (as the pidgin-sipe
/// accounts here use it: these tests are about what happens after sign-in; TLS-DSK has its
/// own tests) over TLS.
fn lync_account(server: &TestServer, label: &str, username: &str, password: &str) -> Host {
    lync::sign_in(server, label, username, password)
}

fn bob(server: &TestServer) -> Host {
    let mut host = sipe::start_host();
    sipe::sign_in(&mut host, server, "bob", "bob@contoso.test", "Bob-pass-2");
    host
}

fn entry<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|b| b["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {list:#?}"))
}

#[test]
fn buddy_list_equals_the_servers_groups_contacts_and_presence() {
    let server = TestServer::start(CONFIG);
    let mut host = alice(&server);
    let list = wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        list.len() == 4
            && list
                .iter()
                .all(|b| b["status_id"].as_str().is_some_and(|s| !s.is_empty()))
    });
    assert_eq!(
        placements(&list),
        [
            ("sip:bob@contoso.test".to_owned(), "Team".to_owned()),
            ("sip:carol@contoso.test".to_owned(), "Team".to_owned()),
            ("sip:dave@contoso.test".to_owned(), "Friends".to_owned()),
            ("sip:echo@contoso.test".to_owned(), "Team".to_owned()),
        ]
    );
    // Names from the server (contact card display names), static presence and notes.
    let list = wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        list.iter().any(|b| b["server_alias"] == "Carol Cole")
    });
    let carol = entry(&list, "sip:carol@contoso.test");
    assert_eq!(carol["primitive"], "away", "{carol}");
    assert_eq!(carol["message"], "Back at two", "{carol}");
    assert_eq!(entry(&list, "sip:dave@contoso.test")["online"], false);
    assert_eq!(
        entry(&list, "sip:echo@contoso.test")["message"],
        "I repeat what you say"
    );
}

#[test]
fn presence_travels_both_ways_with_notes() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    let mut theirs = bob(&server);

    // pidgin-sipe's Bob goes busy with a note: our buddy shows it.
    theirs.request_ok(
        json!({"cmd": "set_status", "account": "bob", "status": "busy", "message": "Shipping 2.0"}),
    );
    let list = wait_buddies(
        &mut ours,
        &server,
        "alice",
        Duration::from_secs(2) + TIMEOUT / 10,
        |list| {
            list.iter().any(|b| {
                b["name"] == "sip:bob@contoso.test"
                    && b["status_id"] == "busy"
                    && b["message"] == "Shipping 2.0"
            })
        },
    );
    assert_eq!(
        entry(&list, "sip:bob@contoso.test")["primitive"],
        "unavailable"
    );

    // We go away with a note: pidgin-sipe's Bob sees it.
    ours.request_ok(json!({"cmd": "set_status", "account": "alice", "status": "away", "message": "Lunch <b>now</b>"}));
    wait_buddies(
        &mut theirs,
        &server,
        "bob",
        Duration::from_secs(2) + TIMEOUT / 10,
        |list| {
            list.iter().any(|b| {
                b["name"] == "sip:alice@contoso.test"
                    && b["primitive"] == "away"
                    && b["message"] == "Lunch now"
            })
        },
    );
}

/// A buddy that is idle since a moment in the last two minutes (libpurple's idle start).
fn idle_recently(list: &[Value], name: &str) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    list.iter().any(|b| {
        b["name"] == name
            && b["idle"] == true
            && b["idle_since"]
                .as_i64()
                .is_some_and(|since| (now - 120..=now + 5).contains(&since))
    })
}

#[test]
fn pidgins_idle_travels_both_ways_with_the_time_it_started() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    let mut theirs = bob(&server);
    wait_buddies(&mut theirs, &server, "bob", TIMEOUT, |list| {
        list.iter()
            .any(|b| b["name"] == "sip:alice@contoso.test" && b["online"] == true)
    });

    // Pidgin finds Alice idle: pidgin-sipe's Bob sees her inactive, idle since about now.
    ours.request_ok(json!({"cmd": "set_idle", "account": "alice", "seconds": 600}));
    let list = wait_buddies(&mut theirs, &server, "bob", TIMEOUT, |list| {
        idle_recently(list, "sip:alice@contoso.test")
    });
    assert_eq!(entry(&list, "sip:alice@contoso.test")["status_id"], "idle");
    // Back at the keyboard: active again.
    ours.request_ok(json!({"cmd": "set_idle", "account": "alice", "seconds": 0}));
    wait_buddies(&mut theirs, &server, "bob", TIMEOUT, |list| {
        list.iter().any(|b| {
            b["name"] == "sip:alice@contoso.test"
                && b["idle"] == false
                && b["status_id"] == "available"
        })
    });

    // pidgin-sipe's Bob goes idle the way Pidgin does it by default (status Away, then
    // idle): our buddy shows him away and idle, since about now.
    theirs.request_ok(json!({"cmd": "set_status", "account": "bob", "status": "away"}));
    theirs.request_ok(json!({"cmd": "set_idle", "account": "bob", "seconds": 600}));
    let list = wait_buddies(&mut ours, &server, "alice", TIMEOUT, |list| {
        idle_recently(list, "sip:bob@contoso.test")
    });
    assert_eq!(entry(&list, "sip:bob@contoso.test")["primitive"], "away");
}

fn send_im(host: &mut Host, label: &str, to: &str, text: &str) {
    host.request_ok(json!({"cmd": "send_im", "account": label, "to": to, "text": text}));
}

#[track_caller]
fn received(host: &mut Host, label: &str, from: &str) -> String {
    let event = host.wait_for(
        |e| is_event(e, "im_received", label) && e["from"] == from,
        TIMEOUT,
    );
    event["text"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn instant_messages_both_ways_with_formatting_unicode_and_typing() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    let mut theirs = bob(&server);

    send_im(
        &mut ours,
        "alice",
        "sip:bob@contoso.test",
        "Hello Bob, grüße 😀",
    );
    let text = received(&mut theirs, "bob", "sip:alice@contoso.test");
    assert!(text.contains("Hello Bob, grüße 😀"), "{text}");

    send_im(
        &mut ours,
        "alice",
        "sip:bob@contoso.test",
        r#"<b>bold</b> <i>italic</i> <a href="https://example.org">link</a>"#,
    );
    let text = received(&mut theirs, "bob", "sip:alice@contoso.test");
    for part in ["bold", "italic", "https://example.org"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let lower = text.to_ascii_lowercase();
    assert!(lower.contains("<b>bold</b>"), "bold survives: {text}");
    assert!(lower.contains("<i>italic</i>"), "italic survives: {text}");
    assert!(
        lower.contains(r#"<a href="https://example.org">"#),
        "the link survives: {text}"
    );

    send_im(
        &mut theirs,
        "bob",
        "sip:alice@contoso.test",
        "Hi <b>Alice</b> 東京",
    );
    let text = received(&mut ours, "alice", "sip:bob@contoso.test");
    // pidgin-sipe sends plain text with whole-message formatting (msgr: EF=B).
    assert!(text.contains("Alice") && text.contains("東京"), "{text}");
    assert!(
        text.starts_with("<b>"),
        "the bold formatting is shown: {text}"
    );

    // Typing, both ways.
    ours.request_ok(json!({"cmd": "typing", "account": "alice", "to": "sip:bob@contoso.test", "state": "typing"}));
    theirs.wait_for(
        |e| {
            is_event(e, "typing", "bob")
                && e["who"] == "sip:alice@contoso.test"
                && e["state"] == "typing"
        },
        TIMEOUT,
    );
    theirs.request_ok(json!({"cmd": "typing", "account": "bob", "to": "sip:alice@contoso.test", "state": "typing"}));
    ours.wait_for(
        |e| {
            is_event(e, "typing", "alice")
                && e["who"] == "sip:bob@contoso.test"
                && e["state"] == "typing"
        },
        TIMEOUT,
    );
}

#[test]
fn remote_html_cannot_inject_scripts_or_images() {
    // pidgin-sipe strips HTML before sending, so the sender here is our plugin too: it
    // passes HTML through as text/html, as any Lync client may.
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    let mut sender = lync_account(&server, "bob", "bob@contoso.test", "Bob-pass-2");
    send_im(
        &mut sender,
        "bob",
        "sip:alice@contoso.test",
        r#"look<script>alert(1)</script><img src="file:///etc/passwd"> <a href="javascript:alert(2)">here</a> <b>bold</b>"#,
    );
    let text = received(&mut ours, "alice", "sip:bob@contoso.test");
    let lower = text.to_lowercase();
    assert!(
        lower.contains("look") && lower.contains("here") && lower.contains("<b>bold</b>"),
        "{text}"
    );
    for bad in ["<script", "alert(1)", "<img", "javascript:"] {
        assert!(!lower.contains(bad), "{bad} reached Pidgin: {text}");
    }
}

#[test]
fn the_echo_bot_answers_and_an_offline_contact_gets_an_error() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    send_im(&mut ours, "alice", "sip:echo@contoso.test", "ping");
    let text = received(&mut ours, "alice", "sip:echo@contoso.test");
    assert!(text.contains("echo: ping"), "{text}");

    send_im(
        &mut ours,
        "alice",
        "sip:dave@contoso.test",
        "are you there?",
    );
    let error = ours.wait_for(
        |e| {
            is_event(e, "conversation_write", "alice")
                && e["flags"]
                    .as_array()
                    .is_some_and(|f| f.contains(&json!("error")))
        },
        TIMEOUT,
    );
    let text = error["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("not delivered") && text.contains("are you there?"),
        "{error}"
    );
    assert!(text.contains("not signed in"), "{error}");
}

#[test]
fn contact_edits_reach_the_server_and_pidgin_sipe_sees_them_after_sign_in() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    wait_buddies(&mut ours, &server, "alice", TIMEOUT, |list| list.len() == 4);

    ours.request_ok(json!({"cmd": "add_buddy", "account": "alice", "who": "sip:carol@contoso.test", "group": "Friends"}));
    ours.request_ok(
        json!({"cmd": "remove_buddy", "account": "alice", "who": "sip:echo@contoso.test"}),
    );
    ours.request_ok(json!({"cmd": "move_buddy", "account": "alice", "who": "sip:dave@contoso.test", "group": "Project X"}));
    ours.request_ok(json!({"cmd": "rename_group", "from": "Team", "to": "Core team"}));
    let wanted = [
        ("sip:bob@contoso.test", "Core team"),
        ("sip:carol@contoso.test", "Core team"),
        ("sip:carol@contoso.test", "Friends"),
        ("sip:dave@contoso.test", "Project X"),
    ];
    let done = |list: &[Value]| {
        let mut got = placements(list);
        got.sort();
        let mut want: Vec<(String, String)> = wanted
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        want.sort();
        got == want
    };
    wait_buddies(&mut ours, &server, "alice", TIMEOUT, done);
    // Pidgin shows edits at once; the server's answers come after. Five edits (the move
    // into a new group takes two), five contactDelta notifications, each mirrored.
    let deadline = std::time::Instant::now() + TIMEOUT;
    while ours.debug_log().matches("lync: buddy list:").count() < 6 {
        assert!(
            std::time::Instant::now() < deadline,
            "the server never confirmed the edits:\n{}",
            ours.debug_log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_buddies(&mut ours, &server, "alice", TIMEOUT, done);

    // pidgin-sipe signing in as alice sees the server's (changed) list.
    drop(ours);
    let mut sipe_host = sipe::start_host();
    sipe_host.request_ok(json!({
        "cmd": "add_account", "account": "alice-sipe", "protocol": "prpl-sipe",
        "username": "alice@contoso.test,CONTOSO\\alice", "password": "Alice-pass-1", "remember_password": true,
        "options": lync::tls_options(&server),
    }));
    sipe::connect(&mut sipe_host, &server, "alice-sipe");
    wait_buddies(&mut sipe_host, &server, "alice-sipe", TIMEOUT, done);
}

#[test]
fn directory_search_finds_a_colleague_by_name() {
    let server = TestServer::start(CONFIG);
    let mut ours = alice(&server);
    ours.request_ok(
        json!({"cmd": "account_action", "account": "alice", "action": "Search for Contacts..."}),
    );
    let form = ours.wait_for(
        |e| e["event"] == "request" && e["kind"] == "fields",
        TIMEOUT,
    );
    ours.request_ok(json!({"cmd": "answer", "request": form["request"], "ok": true, "fields": {"given": "Bob"}}));
    let results = ours.wait_for(
        |e| e["event"] == "notify" && e["kind"] == "searchresults",
        TIMEOUT,
    );
    let rows = results["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{results}");
    assert_eq!(rows[0][0], "sip:bob@contoso.test", "{results}");
    assert_eq!(rows[0][1], "Bob Builder", "{results}");
    assert_eq!(rows[0][2], "Release manager", "{results}");
}

#[test]
fn get_info_shows_the_contact_card() {
    let server = TestServer::start(CONFIG);
    let mut theirs = bob(&server);
    let mut ours = alice(&server);
    wait_buddies(&mut ours, &server, "alice", TIMEOUT, |list| list.len() == 4);
    let _ = buddies(&mut theirs, "bob");
    ours.request_ok(json!({"cmd": "get_info", "account": "alice", "who": "sip:bob@contoso.test"}));
    let info = ours.wait_for(
        |e| e["event"] == "notify" && e["kind"] == "userinfo",
        TIMEOUT,
    );
    assert_eq!(info["who"], "sip:bob@contoso.test", "{info}");
    // Each field under its own label, not just somewhere in the window.
    let pairs: Vec<(String, String)> = info["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == "pair")
        .map(|e| {
            (
                e["label"].as_str().unwrap_or_default().to_owned(),
                e["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for (label, value) in [
        ("Name", "Bob Builder"),
        ("Title", "Release manager"),
        ("Company", "Contoso"),
        ("SIP address", "bob@contoso.test"),
    ] {
        assert!(
            pairs.iter().any(|(l, v)| l == label && v == value),
            "{label} = {value} missing: {pairs:?}"
        );
    }
    let _ = buddy;
}

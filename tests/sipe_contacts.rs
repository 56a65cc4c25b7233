//! pidgin-sipe editing its contact list on `lync-testserver` (SOAP over SIP SERVICE), and
//! looking people up (directory search, contact cards).
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::TIMEOUT;
use common::sipe::{connect, disconnect, placements, sign_in, start_host, wait_buddies};
use common::testserver::TestServer;
use serde_json::{Value, json};

const CONFIG: &str = r#"
domain = "contoso.test"

[[users]]
sip = "alice@contoso.test"
password = "Alice-pass-1"
name = "Alice Anders"
[users.groups]
"Team" = ["bob@contoso.test"]

[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"
title = "Foreman"
company = "Contoso"
office = "Yard 3"
phone = "+1 555 0100"
email = "bob.builder@contoso.test"

[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"
title = "Architect"
presence = "away"
"#;

fn pair(name: &str, group: &str) -> (String, String) {
    (name.to_owned(), group.to_owned())
}

#[test]
fn contact_edits_are_kept_by_the_server() {
    let server = TestServer::start(CONFIG);
    let mut host = start_host();
    sign_in(
        &mut host,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        placements(list) == [pair("sip:bob@contoso.test", "Team")]
    });

    // A buddy in a new group: sipe creates the group (addGroup), then the contact in it.
    host.request_ok(json!({
        "cmd": "add_buddy", "account": "alice", "who": "sip:carol@contoso.test",
        "group": "Friends",
    }));
    // A group renamed (modifyGroup).
    host.request_ok(json!({"cmd": "rename_group", "from": "Team", "to": "Crew"}));
    server.wait_for_counters(|c| c["contact_edits"].as_u64() >= Some(3), TIMEOUT);
    // sipe shows the new buddy's presence at once (it subscribed to it alone).
    wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        list.iter()
            .any(|b| b["name"] == "sip:carol@contoso.test" && b["status_id"] == "away")
    });
    let log = server.stderr();
    assert!(
        log.matches("Event: presence").count() >= 2,
        "the batch, then Carol's: {log}"
    );

    // Signed in again from a machine that has never seen the list: all from the server.
    disconnect(&mut host, "alice");
    let mut fresh = start_host();
    sign_in(
        &mut fresh,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    let expected = vec![
        pair("sip:bob@contoso.test", "Crew"),
        pair("sip:carol@contoso.test", "Friends"),
    ];
    // sipe shows a contact's card name once its presence arrives, a moment after the list.
    let list = wait_buddies(&mut fresh, &server, "alice", TIMEOUT, |list| {
        placements(list) == expected
            && list
                .iter()
                .any(|b| b["name"] == "sip:carol@contoso.test" && b["server_alias"] == "Carol Cole")
    });
    let carol = list
        .iter()
        .find(|b| b["name"] == "sip:carol@contoso.test")
        .unwrap();
    // No alias was given: sipe shows the contact card's display name instead.
    assert_eq!(carol["server_alias"], "Carol Cole", "{carol}");

    // And the first machine, signing in again, drops nothing and adds nothing.
    disconnect(&mut fresh, "alice");
    connect(&mut host, &server, "alice");
    wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        placements(list) == expected
    });

    // Removing a buddy (deleteContact) sticks too.
    host.request_ok(
        json!({"cmd": "remove_buddy", "account": "alice", "who": "sip:carol@contoso.test"}),
    );
    server.wait_for_counters(|c| c["contact_edits"].as_u64() >= Some(4), TIMEOUT);
    disconnect(&mut host, "alice");
    let mut third = start_host();
    sign_in(
        &mut third,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    wait_buddies(&mut third, &server, "alice", TIMEOUT, |list| {
        placements(list) == [pair("sip:bob@contoso.test", "Crew")]
    });
    // sipe's deltaNum is the list version the server last told it. It may lag when sipe
    // sends an edit before the NOTIFY of its previous one arrives (seen under load), but it
    // is never a version the server did not hand out. The server logs every edit.
    let log = server.stderr();
    let edits: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("contact edit with deltaNum"))
        .collect();
    assert!(
        edits.len() >= 4,
        "the server saw {} edits:\n{log}",
        edits.len()
    );
    for line in edits {
        let numbers: Vec<u64> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        let [.., client, server_at] = numbers[..] else {
            panic!("unexpected log line {line:?}");
        };
        assert!(client <= server_at, "{line}");
    }
}

/// The value of the userinfo entry labelled `label`.
fn info<'a>(entries: &'a [Value], label: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|e| e["label"] == label)
        .and_then(|e| e["value"].as_str())
}

#[test]
fn get_info_shows_the_directory_entry() {
    let server = TestServer::start(CONFIG);
    let mut host = start_host();
    sign_in(
        &mut host,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    // The contact card arrives with presence: sipe shows the display name from it.
    wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        list.iter()
            .any(|b| b["name"] == "sip:bob@contoso.test" && b["server_alias"] == "Bob Builder")
    });

    host.request_ok(json!({"cmd": "get_info", "account": "alice", "who": "sip:bob@contoso.test"}));
    let shown = host.wait_for(
        |e| e["event"] == "notify" && e["kind"] == "userinfo",
        TIMEOUT,
    );
    let entries = shown["entries"].as_array().cloned().unwrap_or_default();
    for (label, value) in [
        ("Display name", "Bob Builder"),
        ("Job title", "Foreman"),
        ("Office", "Yard 3"),
        ("Business phone", "+1 555 0100"),
        ("Company", "Contoso"),
        ("Email address", "bob.builder@contoso.test"),
    ] {
        assert_eq!(info(&entries, label), Some(value), "{label}: {shown}");
    }
    // It came from a directorySearch for that SIP address.
    let counters = server.counters();
    assert_eq!(counters["directory_searches"], 1, "{counters}");
    server.wait_for_log(&["SERVICE sip:contoso.test", "-> 200"], TIMEOUT);
}

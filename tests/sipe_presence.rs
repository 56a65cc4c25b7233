//! pidgin-sipe against `lync-testserver` after sign-in: the roaming contact list, contacts'
//! presence, and publishing one's own presence to watchers.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use common::sipe::{buddy, disconnect, placements, sign_in, start_host, wait_buddies};
use common::testserver::TestServer;
use common::{Host, TIMEOUT};
use serde_json::{Value, json};

const CONFIG: &str = r#"
domain = "contoso.test"

[[users]]
sip = "alice@contoso.test"
password = "Alice-pass-1"
name = "Alice Anders"
title = "Engineer"
[users.groups]
"Team" = ["bob@contoso.test", "carol@contoso.test"]
"Friends" = ["bob@contoso.test", "echo@contoso.test"]

[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"
presence = "busy"
note = "On site all day"
title = "Foreman"
company = "Contoso"
phone = "+1 555 0100"
email = "bob@contoso.test"
office = "Yard 3"
[users.groups]
"Colleagues" = ["alice@contoso.test"]

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

fn pair(name: &str, group: &str) -> (String, String) {
    (name.to_owned(), group.to_owned())
}

#[test]
fn sipe_gets_its_contact_list_with_groups_and_display_names() {
    let server = TestServer::start(CONFIG);
    let mut host = start_host();
    sign_in(
        &mut host,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );

    let expected = vec![
        pair("sip:bob@contoso.test", "Friends"),
        pair("sip:bob@contoso.test", "Team"),
        pair("sip:carol@contoso.test", "Team"),
        pair("sip:echo@contoso.test", "Friends"),
    ];
    let list = wait_buddies(&mut host, &server, "alice", TIMEOUT, |list| {
        placements(list) == expected
    });
    for (name, group, alias) in [
        ("sip:bob@contoso.test", "Team", "Bob Builder"),
        ("sip:bob@contoso.test", "Friends", "Bob Builder"),
        ("sip:carol@contoso.test", "Team", "Carol Cole"),
        ("sip:echo@contoso.test", "Friends", "Echo Bot"),
    ] {
        let entry = buddy(&list, name, group).unwrap();
        assert_eq!(entry["alias"], alias, "{entry}");
    }

    // What sipe asked for, and that the server answered it.
    for event in [
        "vnd-microsoft-roaming-contacts",
        "vnd-microsoft-provisioning-v2",
        "vnd-microsoft-roaming-self",
    ] {
        server.wait_for_log(&["SUBSCRIBE", event, "-> 200"], TIMEOUT);
    }
}

/// (status_id, message) of `name`'s first entry. pidgin-sipe's message is the note, after
/// "Busy - " / "Be right back - " for those two statuses; no message and "" are the same.
fn shown(list: &[Value], name: &str) -> (String, String) {
    list.iter()
        .find(|b| b["name"] == name)
        .map(|b| {
            (
                b["status_id"].as_str().unwrap_or_default().to_owned(),
                b["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .unwrap_or_default()
}

fn shows(list: &[Value], name: &str, status: &str, message: &str) -> bool {
    shown(list, name) == (status.to_owned(), message.to_owned())
}

#[test]
fn sipe_shows_each_contacts_presence_and_note_as_they_come_and_go() {
    let server = TestServer::start(CONFIG);
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );

    // Nobody else is signed in: configured presence and note, the bot always there.
    let list = wait_buddies(&mut alice, &server, "alice", TIMEOUT, |list| {
        shows(
            list,
            "sip:bob@contoso.test",
            "busy",
            "Busy - On site all day",
        ) && shows(list, "sip:carol@contoso.test", "offline", "")
            && shows(list, "sip:echo@contoso.test", "available", "")
    });
    let bob_entry = buddy(&list, "sip:bob@contoso.test", "Team").unwrap();
    assert_eq!(bob_entry["primitive"], "unavailable", "{bob_entry}");

    // Bob signs in (his own client, as people do): he is available with his note.
    let mut bob = start_host();
    sign_in(&mut bob, &server, "bob", "bob@contoso.test", "Bob-pass-2");
    wait_buddies(&mut alice, &server, "alice", TIMEOUT, |list| {
        shows(list, "sip:bob@contoso.test", "available", "On site all day")
    });

    // And leaves again: back to what the directory says about him.
    disconnect(&mut bob, "bob");
    wait_buddies(&mut alice, &server, "alice", TIMEOUT, |list| {
        shows(
            list,
            "sip:bob@contoso.test",
            "busy",
            "Busy - On site all day",
        )
    });
    let counters = server.counters();
    assert!(counters["publications"].as_u64() >= Some(1), "{counters}");
}

fn set_status(host: &mut Host, label: &str, status: &str, message: Option<&str>) {
    host.request_ok(json!({
        "cmd": "set_status",
        "account": label,
        "status": status,
        "message": message,
    }));
}

#[test]
fn what_one_publishes_reaches_everyone_watching() {
    let server = TestServer::start(CONFIG);
    let mut bob = start_host();
    sign_in(&mut bob, &server, "bob", "bob@contoso.test", "Bob-pass-2");
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    wait_buddies(&mut bob, &server, "bob", TIMEOUT, |list| {
        shows(list, "sip:alice@contoso.test", "available", "")
    });

    set_status(&mut alice, "alice", "busy", Some("In a meeting"));
    wait_buddies(&mut bob, &server, "bob", TIMEOUT, |list| {
        shows(
            list,
            "sip:alice@contoso.test",
            "busy",
            "Busy - In a meeting",
        )
    });
    set_status(&mut alice, "alice", "away", None);
    wait_buddies(&mut bob, &server, "bob", TIMEOUT, |list| {
        shows(list, "sip:alice@contoso.test", "away", "")
    });
    let counters = server.counters();
    assert_eq!(counters["publish_conflicts"], 0, "{counters}");
    // Alice's own client kept what she chose (the server's aggregate agrees with it).
    let state = alice.request_ok(json!({"cmd": "account_state", "account": "alice"}));
    assert_eq!(state["status"]["status_id"], "away", "{state}");
}

#[test]
fn sipe_recovers_from_stale_publication_versions() {
    let server = TestServer::start(CONFIG);
    let mut bob = start_host();
    sign_in(&mut bob, &server, "bob", "bob@contoso.test", "Bob-pass-2");
    let mut alice = start_host();
    sign_in(
        &mut alice,
        &server,
        "alice",
        "alice@contoso.test",
        "Alice-pass-1",
    );
    wait_buddies(&mut bob, &server, "bob", TIMEOUT, |list| {
        shows(list, "sip:alice@contoso.test", "available", "")
    });
    server.wait_for_counters(|c| c["publications"].as_u64() >= Some(1), TIMEOUT);

    // Another endpoint of Alice's republished; hers has not heard of it yet.
    let changed = server
        .https_get("/test/stale-versions?user=alice@contoso.test")
        .unwrap();
    assert!(changed.contains("\"changed\""), "{changed}");
    set_status(&mut alice, "alice", "do-not-disturb", Some("Focus time"));

    // The server refuses the stale publish with a 409, sipe takes the versions from the
    // fault and publishes again, and Bob sees the result.
    wait_buddies(&mut bob, &server, "bob", TIMEOUT, |list| {
        shows(
            list,
            "sip:alice@contoso.test",
            "do-not-disturb",
            "Focus time",
        )
    });
    let counters = server.counters();
    assert!(
        counters["publish_conflicts"].as_u64() >= Some(1),
        "{counters}"
    );
    server.wait_for_log(&["SERVICE sip:alice@contoso.test", "-> 409"], TIMEOUT);
    // sipe read the fault and took the server's versions from it.
    let sipe_log = alice.debug_log();
    assert!(
        sipe_log.contains("fault added: index:1 curVersion:"),
        "{sipe_log}"
    );
}

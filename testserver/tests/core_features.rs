//! `Core` after sign-in, driven with SIP text and no sockets: subscriptions, publications
//! and their 409, contact edits, directory search and routing between users.
//!
//! Connections are marked registered directly (no security association), so nothing here
//! is signed; the pidgin-sipe tests (tests/sipe_*.rs) cover the signed, real-client path.

use std::net::SocketAddr;
use std::time::SystemTime;

use lync_testserver::config::Config;
use lync_testserver::core::{ConnId, Core, Outgoing};
use purple_lync::presence::categories::parse_notification;
use purple_lync::presence::publish::{
    NOTE_CONTAINERS, Publication, PublishDocument, StateKind, USER_STATE_INSTANCE, WrongDelta,
    note_xml, state_xml,
};
use purple_lync::presence::{NoteKind, Status};
use purple_lync::roster::{self, RosterDocument, RosterEdit};
use purple_lync::sip::Message;

const CONFIG: &str = r#"
domain = "contoso.test"
[[users]]
sip = "alice@contoso.test"
password = "a"
name = "Alice Anders"
[users.groups]
"Team" = ["bob@contoso.test"]
[[users]]
sip = "bob@contoso.test"
password = "b"
name = "Bob Builder"
note = "Hello"
title = "Foreman"
[users.groups]
"Colleagues" = ["alice@contoso.test"]
[[users]]
sip = "carol@contoso.test"
password = "c"
[[users]]
sip = "echo@contoso.test"
password = "e"
echo = true
"#;

const ALICE: ConnId = 1;
const BOB: ConnId = 2;

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000)
}

/// A core with Alice and Bob registered (with these epids).
fn core() -> Core {
    let mut core = Core::new(Config::from_toml(CONFIG).unwrap(), "https://x".into());
    let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
    for (conn, user, epid) in [(ALICE, "alice", "aaa111"), (BOB, "bob", "bbb222")] {
        core.connection_opened(conn, peer, false);
        let connection = core.connections.get_mut(&conn).unwrap();
        connection.user = Some(format!("sip:{user}@contoso.test"));
        connection.epid = Some(epid.into());
    }
    core
}

/// A request from `user` (with their epid), headers one per line.
fn request(method: &str, uri: &str, user: &str, call_id: &str, extra: &str, body: &str) -> Message {
    let text = format!(
        "{method} {uri} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5000;branch=z9hG4bK{call_id}\r\nFrom: <sip:{user}@contoso.test>;tag=t{call_id};epid=e{user}\r\nTo: <{uri}>\r\nCall-ID: {call_id}\r\nCSeq: 1 {method}\r\nContact: <sip:{user}@contoso.test;opaque=user:epid:e{user};gruu>\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    Message::parse(text.as_bytes()).unwrap()
}

fn only_to(out: &[Outgoing], conn: ConnId) -> Vec<&Message> {
    out.iter()
        .filter(|o| o.conn == conn)
        .map(|o| &o.message)
        .collect()
}

fn subscribe(core: &mut Core, conn: ConnId, user: &str, event: &str, body: &str) -> Vec<Outgoing> {
    let uri = format!("sip:{user}@contoso.test");
    let extra = format!(
        "Event: {event}\r\nSupported: ms-benotify\r\nSupported: ms-piggyback-first-notify\r\nContent-Type: application/msrtc-adrl-categorylist+xml\r\n"
    );
    core.handle(
        conn,
        request(
            "SUBSCRIBE",
            &uri,
            user,
            &format!("sub-{event}-{conn}"),
            &extra,
            body,
        ),
        now(),
    )
}

fn publish(core: &mut Core, conn: ConnId, user: &str, document: &PublishDocument) -> Vec<Outgoing> {
    let uri = format!("sip:{user}@contoso.test");
    core.handle(
        conn,
        request(
            "SERVICE",
            &uri,
            user,
            "pub",
            "Content-Type: application/msrtc-category-publish+xml\r\n",
            &document.to_xml(),
        ),
        now(),
    )
}

fn busy_with_note(state_version: u32, note_version: u32) -> PublishDocument {
    let mut publications: Vec<Publication> = [2, 3]
        .into_iter()
        .map(|container| {
            Publication::new(
                "state",
                USER_STATE_INSTANCE,
                container,
                state_version,
                "static",
                state_xml(StateKind::User, Status::Busy.availability(), None),
            )
        })
        .collect();
    publications.extend(NOTE_CONTAINERS.into_iter().map(|container| {
        Publication::new(
            "note",
            0,
            container,
            note_version,
            "static",
            note_xml(Some("Busy building"), NoteKind::Personal),
        )
    }));
    PublishDocument {
        uri: "sip:bob@contoso.test".into(),
        publications,
    }
}

#[test]
fn the_contact_list_rides_in_the_subscribe_answer() {
    let mut core = core();
    let out = subscribe(
        &mut core,
        ALICE,
        "alice",
        "vnd-microsoft-roaming-contacts",
        "",
    );
    let answer = only_to(&out, ALICE)[0];
    assert_eq!(answer.status_code(), Some(200));
    assert_eq!(answer.header("ms-piggyback-cseq"), Some("1"));
    assert_eq!(
        answer.header("Event"),
        Some("vnd-microsoft-roaming-contacts")
    );
    assert!(answer.header("To").unwrap().contains("tag="));
    let RosterDocument::Full(list) =
        roster::parse(&String::from_utf8_lossy(answer.body())).unwrap()
    else {
        panic!("a full list");
    };
    let bob = &list.contacts["sip:bob@contoso.test"];
    assert_eq!(bob.name.as_deref(), Some("Bob Builder"));
    assert_eq!(list.group_names(bob), ["Team"]);
    // Unknown events are refused the SIP way.
    let out = subscribe(&mut core, ALICE, "alice", "vnd-microsoft-roaming-ACL", "");
    assert_eq!(only_to(&out, ALICE)[0].status_code(), Some(489));
}

#[test]
fn stale_versions_get_a_409_naming_the_current_ones_and_change_nothing() {
    let mut core = core();
    // Bob's configured note is a version-1 publication already.
    let out = publish(&mut core, BOB, "bob", &busy_with_note(0, 0));
    let fault = only_to(&out, BOB)[0];
    assert_eq!(fault.status_code(), Some(409));
    assert_eq!(
        fault.header("Content-Type"),
        Some("application/msrtc-fault+xml")
    );
    let fault = WrongDelta::parse(&String::from_utf8_lossy(fault.body())).unwrap();
    assert_eq!(
        fault.operations,
        [(3, 1), (4, 1), (5, 1)],
        "the three notes, 1-based"
    );
    assert_eq!(core.counters.publish_conflicts, 1);
    assert_eq!(core.counters.publications, 0, "nothing was stored");

    // With the versions the fault gave, the same publish goes through.
    let out = publish(&mut core, BOB, "bob", &busy_with_note(0, 1));
    assert_eq!(only_to(&out, BOB)[0].status_code(), Some(200));
    // Now the state is at version 1: publishing with 0 again is stale.
    let out = publish(&mut core, BOB, "bob", &busy_with_note(0, 2));
    let fault = WrongDelta::parse(&String::from_utf8_lossy(only_to(&out, BOB)[0].body())).unwrap();
    assert_eq!(fault.operations, [(1, 1), (2, 1)]);
    // Someone else's URI is not yours to publish.
    let mut foreign = busy_with_note(1, 2);
    foreign.uri = "sip:alice@contoso.test".into();
    let out = publish(&mut core, BOB, "bob", &foreign);
    assert_eq!(only_to(&out, BOB)[0].status_code(), Some(403));
}

#[test]
fn publications_reach_watchers_and_the_publishers_own_roaming_self() {
    let mut core = core();
    subscribe(&mut core, BOB, "bob", "vnd-microsoft-roaming-self", "");
    let batch = r#"<batchSub xmlns="http://schemas.microsoft.com/2006/01/sip/batch-subscribe" uri="sip:alice@contoso.test" name=""><action name="subscribe" id="1"><adhocList><resource uri="sip:bob@contoso.test"/><resource uri="sip:carol@contoso.test"/><resource uri="sip:nobody@elsewhere.test"/></adhocList></action></batchSub>"#;
    let out = subscribe(&mut core, ALICE, "alice", "presence", batch);
    let first = only_to(&out, ALICE)[0];
    let notification =
        parse_notification(first.header("Content-Type").unwrap(), first.body()).unwrap();
    assert_eq!(notification.resources.len(), 3);
    let bob = notification
        .contacts
        .iter()
        .find(|c| c.uri == "sip:bob@contoso.test")
        .unwrap();
    assert_eq!(
        bob.state.as_ref().unwrap().status(),
        Status::Available,
        "signed in, nothing published"
    );
    assert_eq!(bob.note.clone().flatten().unwrap().text, "Hello");
    assert_eq!(bob.card.as_ref().unwrap().title.as_deref(), Some("Foreman"));
    let carol = notification
        .contacts
        .iter()
        .find(|c| c.uri == "sip:carol@contoso.test")
        .unwrap();
    assert_eq!(carol.state.as_ref().unwrap().status(), Status::Offline);

    let out = publish(&mut core, BOB, "bob", &busy_with_note(0, 1));
    let to_alice = only_to(&out, ALICE);
    assert_eq!(to_alice.len(), 1, "one BENOTIFY for the watcher");
    assert_eq!(to_alice[0].method(), Some("BENOTIFY"));
    let news = parse_notification(
        to_alice[0].header("Content-Type").unwrap(),
        to_alice[0].body(),
    )
    .unwrap();
    assert_eq!(news.contacts.len(), 1, "only about Bob");
    assert_eq!(
        news.contacts[0].state.as_ref().unwrap().status(),
        Status::Busy
    );
    assert_eq!(
        news.contacts[0].note.clone().flatten().unwrap().text,
        "Busy building"
    );
    // Bob's own endpoint learns the new versions.
    let to_bob = only_to(&out, BOB);
    assert_eq!(to_bob[0].status_code(), Some(200));
    let roaming = String::from_utf8_lossy(to_bob[1].body()).into_owned();
    assert_eq!(
        to_bob[1].header("Event"),
        Some("vnd-microsoft-roaming-self")
    );
    assert!(
        roaming.contains(r#"name="note" instance="0" container="300" version="2""#),
        "{roaming}"
    );
    assert!(roaming.contains("aggregateState"), "{roaming}");

    // Bob leaves: Alice hears he is offline, with his note kept.
    let out = core.connection_closed(BOB, now());
    let news = parse_notification(
        out[0].message.header("Content-Type").unwrap(),
        out[0].message.body(),
    )
    .unwrap();
    assert_eq!(
        news.contacts[0].state.as_ref().unwrap().status(),
        Status::Offline
    );
    assert_eq!(
        news.contacts[0].note.clone().flatten().unwrap().text,
        "Busy building"
    );
}

fn soap(core: &mut Core, edit: &RosterEdit, delta: u32) -> Vec<Outgoing> {
    core.handle(
        ALICE,
        request(
            "SERVICE",
            "sip:alice@contoso.test",
            "alice",
            &format!("soap{delta}"),
            "Content-Type: application/SOAP+xml\r\n",
            &edit.to_soap(delta),
        ),
        now(),
    )
}

#[test]
fn contact_edits_answer_and_push_deltas() {
    let mut core = core();
    subscribe(
        &mut core,
        ALICE,
        "alice",
        "vnd-microsoft-roaming-contacts",
        "",
    );
    let out = soap(
        &mut core,
        &RosterEdit::AddGroup {
            name: "Friends".into(),
        },
        1,
    );
    let answer = String::from_utf8_lossy(out[0].message.body()).into_owned();
    let id = roster::added_group_id(&answer).unwrap();
    let RosterDocument::Delta {
        delta_num,
        added_groups,
        ..
    } = roster::parse(&String::from_utf8_lossy(out[1].message.body())).unwrap()
    else {
        panic!("a delta");
    };
    assert_eq!(
        (delta_num, added_groups[0].id, added_groups[0].name.as_str()),
        (2, id, "Friends")
    );

    let add = RosterEdit::SetContact {
        uri: "sip:carol@contoso.test".into(),
        name: Some("Carol".into()),
        groups: vec![id],
    };
    let out = soap(&mut core, &add, 2);
    let delta = String::from_utf8_lossy(out[1].message.body()).into_owned();
    assert!(
        delta.contains(r#"<addedContact uri="carol@contoso.test" name="Carol""#),
        "{delta}"
    );
    let out = soap(&mut core, &RosterEdit::DeleteGroup { id }, 3);
    let delta = String::from_utf8_lossy(out[1].message.body()).into_owned();
    assert!(
        delta.contains(r#"<modifiedContact uri="carol@contoso.test" name="Carol" groups="1""#),
        "{delta}"
    );
    assert!(
        delta.contains(&format!(r#"<deletedGroup id="{id}"/>"#)),
        "{delta}"
    );
    let list = &core.directory.users["sip:alice@contoso.test"].roster;
    assert_eq!(list.delta_num, 4);
    assert_eq!(list.contacts["sip:carol@contoso.test"].groups, [1]);
    assert_eq!(core.counters.contact_edits, 3);
}

#[test]
fn directory_search_answers_from_the_configured_users() {
    let mut core = core();
    let body = r##"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><s:Body><m:directorySearch><m:filter m:href="#searchArray"/><m:maxResults>5</m:maxResults></m:directorySearch><m:Array m:id="searchArray"><m:row m:attrib="msRTCSIP-PrimaryUserAddress" m:value="sip:bob@contoso.test"/></m:Array></s:Body></s:Envelope>"##;
    let out = core.handle(
        ALICE,
        request(
            "SERVICE",
            "sip:contoso.test",
            "alice",
            "search",
            "Content-Type: application/SOAP+xml\r\n",
            body,
        ),
        now(),
    );
    let answer = String::from_utf8_lossy(out[0].message.body()).into_owned();
    assert!(
        answer.contains(r#"uri="sip:bob@contoso.test" displayName="Bob Builder" title="Foreman""#),
        "{answer}"
    );
    assert!(
        answer.contains("<m:moreAvailable>false</m:moreAvailable>"),
        "{answer}"
    );
    assert!(!answer.contains("alice@"), "{answer}");
}

#[test]
fn requests_between_users_are_routed_and_answered_back() {
    let mut core = core();
    let invite = request(
        "INVITE",
        "sip:bob@contoso.test",
        "alice",
        "im1",
        "Authorization: NTLM qop=\"auth\", crand=\"1\"\r\nContent-Type: application/sdp\r\n",
        &purple_lync::im::offer_sdp("127.0.0.1", 5000),
    );
    let out = core.handle(ALICE, invite, now());
    let forwarded = only_to(&out, BOB)[0];
    assert_eq!(forwarded.method(), Some("INVITE"));
    assert!(
        !forwarded.has_header("Authorization"),
        "hop credentials are not passed on"
    );
    let vias: Vec<&str> = forwarded.headers("Via").collect();
    assert_eq!(vias.len(), 2);
    assert!(
        vias[0].contains("lyncfe.contoso.test;branch=z9hG4bK"),
        "{vias:?}"
    );

    // Bob's 200 goes back to Alice without the server's Via.
    let mut ok = Message::response(200, "OK").unwrap();
    for name in ["Via", "From", "To", "Call-ID", "CSeq"] {
        for value in forwarded.headers(name) {
            ok.add_header(name, value).unwrap();
        }
    }
    let out = core.handle(BOB, ok, now());
    let back = only_to(&out, ALICE)[0];
    assert_eq!(back.status_code(), Some(200));
    assert_eq!(back.headers("Via").count(), 1);

    // An ACK to Bob's GRUU reaches the endpoint it names.
    let ack = request(
        "ACK",
        "sip:bob@contoso.test;opaque=user:epid:bbb222;gruu",
        "alice",
        "im1",
        "",
        "",
    );
    let out = core.handle(ALICE, ack, now());
    assert_eq!(only_to(&out, BOB)[0].method(), Some("ACK"));

    // Carol is not signed in; nobody is called "nobody".
    let out = core.handle(
        ALICE,
        request(
            "MESSAGE",
            "sip:carol@contoso.test",
            "alice",
            "im2",
            "",
            "hi",
        ),
        now(),
    );
    assert_eq!(out[0].message.status_code(), Some(480));
    let out = core.handle(
        ALICE,
        request("INVITE", "sip:nobody@contoso.test", "alice", "im3", "", ""),
        now(),
    );
    assert_eq!(out[0].message.status_code(), Some(404));
}

#[test]
fn the_echo_bot_answers_the_first_message_and_every_later_one() {
    let mut core = core();
    let first = purple_lync::im::ms_text_format("text/plain", "hello bot");
    let invite = request(
        "INVITE",
        "sip:echo@contoso.test",
        "alice",
        "bot1",
        &format!("ms-text-format: {first}\r\nContent-Type: application/sdp\r\n"),
        &purple_lync::im::offer_sdp("127.0.0.1", 5000),
    );
    let out = core.handle(ALICE, invite, now());
    let answer = &out[0].message;
    assert_eq!(answer.status_code(), Some(200));
    assert!(
        answer
            .header_values("Supported")
            .any(|s| s == "ms-text-format")
    );
    let echo = &out[1].message;
    assert_eq!(echo.method(), Some("MESSAGE"));
    assert_eq!(
        echo.request_uri(),
        Some("sip:alice@contoso.test;opaque=user:epid:ealice;gruu")
    );
    assert_eq!(echo.body(), b"echo: hello bot");
    assert_eq!(
        echo.header("To"),
        Some("<sip:alice@contoso.test>;tag=tbot1;epid=ealice")
    );

    let message = request(
        "MESSAGE",
        "sip:echo@contoso.test;opaque=app:echo;gruu",
        "alice",
        "bot1",
        "Content-Type: text/html; charset=UTF-8\r\n",
        "<b>again</b> &amp; again",
    );
    let out = core.handle(ALICE, message, now());
    assert_eq!(out[0].message.status_code(), Some(200));
    assert_eq!(out[1].message.body(), b"echo: again & again");
    assert_eq!(out[1].message.header("CSeq"), Some("2 MESSAGE"));
}

fn cccp(operation: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" to="x" from="y" requestId="3">{operation}</request>"#
    )
}

#[test]
fn a_conference_passes_messages_to_everyone_else_in_its_chat() {
    let mut core = core();
    let factory = "sip:alice@contoso.test;gruu;opaque=app:conf:focusfactory";
    let cccp_type = "Content-Type: application/cccp+xml\r\n";
    let out = core.handle(
        ALICE,
        request(
            "SERVICE",
            factory,
            "alice",
            "c1",
            cccp_type,
            &cccp("<addConference/>"),
        ),
        now(),
    );
    let answer = String::from_utf8_lossy(out[0].message.body()).into_owned();
    assert!(answer.contains(r#"code="success""#), "{answer}");
    let focus = answer
        .split("entity=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(focus.contains(";gruu;opaque=app:conf:focus:id:"), "{focus}");
    let chat = focus.replace(":focus:", ":chat:");

    for (conn, user) in [(ALICE, "alice"), (BOB, "bob")] {
        let join = request(
            "INVITE",
            &focus,
            user,
            &format!("f{conn}"),
            cccp_type,
            &cccp("<addUser/>"),
        );
        let out = core.handle(conn, join, now());
        assert_eq!(out[0].message.status_code(), Some(200));
        let out = core.handle(
            conn,
            request(
                "SUBSCRIBE",
                &focus,
                user,
                &format!("s{conn}"),
                "Event: conference\r\nSupported: ms-piggyback-first-notify\r\nSupported: ms-benotify\r\n",
                "",
            ),
            now(),
        );
        let info = String::from_utf8_lossy(out[0].message.body()).into_owned();
        assert!(info.contains(&format!("<uri>{chat}</uri>")), "{info}");
        let sdp = purple_lync::im::offer_sdp("127.0.0.1", 5000);
        let out = core.handle(
            conn,
            request(
                "INVITE",
                &chat,
                user,
                &format!("m{conn}"),
                "Content-Type: application/sdp\r\n",
                &sdp,
            ),
            now(),
        );
        assert_eq!(out[0].message.status_code(), Some(200));
    }
    // Bob's joining of the chat was news for Alice's conference subscription.
    let info = core.conference_document(&focus).unwrap();
    assert_eq!(info.matches(r#"session-type="chat""#).count(), 2, "{info}");

    let out = core.handle(
        ALICE,
        request(
            "MESSAGE",
            &chat,
            "alice",
            "m1",
            "Content-Type: text/plain\r\n",
            "hi all",
        ),
        now(),
    );
    assert_eq!(out[0].message.status_code(), Some(200));
    let to_bob = only_to(&out, BOB);
    assert_eq!(to_bob.len(), 1, "not back to Alice");
    assert_eq!(
        to_bob[0].header("Ms-Sender"),
        Some("<sip:alice@contoso.test>")
    );
    assert_eq!(
        to_bob[0].header("Call-ID"),
        Some("m2"),
        "in Bob's own dialog with the MCU"
    );
    assert_eq!(to_bob[0].body(), b"hi all");

    // Bob's connection goes: Alice hears he left.
    let out = core.connection_closed(BOB, now());
    let left = out
        .iter()
        .find(|o| o.message.header("Event") == Some("conference"))
        .unwrap();
    let info = String::from_utf8_lossy(left.message.body()).into_owned();
    assert!(
        info.contains(r#"<user entity="sip:bob@contoso.test" state="deleted"/>"#),
        "{info}"
    );
}

//! Engine scenarios for a link that fails under the user: unconfirmed IMs are reported, IMs
//! typed while signing in go out afterwards, a frozen server is found within 90 s, and a
//! keep-alive flood closes the link.

mod support;

use std::time::Duration;

use purple_lync::engine::{Command, Delivery, Event, Input};
use purple_lync::error::ErrorClass;
use support::{SERVER_TOML, World, settings};

const BOB: &str = "sip:bob@contoso.test";

fn send_im(world: &mut World, text: &str) {
    world.input(Input::Command(Command::SendIm {
        to: BOB.to_owned(),
        html: text.to_owned(),
    }));
}

/// (text, delivery) of every reported message, in order.
fn reported(world: &World) -> Vec<(String, Delivery)> {
    world
        .events
        .iter()
        .filter_map(|e| match e {
            Event::ImFailed { text, delivery, .. } => Some((text.clone(), *delivery)),
            _ => None,
        })
        .collect()
}

fn position(world: &World, wanted: impl Fn(&Event) -> bool) -> Option<usize> {
    world.events.iter().position(wanted)
}

#[test]
fn ims_in_flight_when_the_link_fails_are_reported_before_the_failure() {
    let mut world = World::alice();
    world.start();
    assert!(world.signed_in());
    world.frozen = true;
    send_im(&mut world, "first");
    send_im(&mut world, "second (waits for the INVITE)");
    assert!(reported(&world).is_empty());
    let conn = world.current_conn();
    world.input(Input::Closed { conn, reason: None });
    assert_eq!(
        reported(&world),
        vec![
            ("first".to_owned(), Delivery::Unconfirmed),
            (
                "second (waits for the INVITE)".to_owned(),
                Delivery::NotDelivered
            ),
        ]
    );
    let failed = position(&world, |e| matches!(e, Event::Failed(_))).expect("failed");
    let last_report = position(
        &world,
        |e| matches!(e, Event::ImFailed { text, .. } if text.starts_with("second")),
    )
    .unwrap();
    assert!(last_report < failed, "reports must come before the failure");
    assert_eq!(world.failure().unwrap().class, ErrorClass::Network);
}

#[test]
fn an_answered_im_is_not_reported_again_when_the_link_fails() {
    let mut world = World::alice();
    world.start();
    // Bob is offline: the server answers the INVITE at once (no longer in flight).
    send_im(&mut world, "hello");
    let before = reported(&world).len();
    let conn = world.current_conn();
    world.input(Input::Closed { conn, reason: None });
    assert_eq!(reported(&world).len(), before, "{:?}", reported(&world));
}

#[test]
fn ims_typed_while_signing_in_are_sent_once_signed_in() {
    let mut world = World::alice();
    send_im(&mut world, "typed during sign-in");
    assert!(world.sent.is_empty());
    world.start();
    assert!(world.signed_in());
    let invite = world
        .sent
        .iter()
        .find(|m| m.method() == Some("INVITE"))
        .expect("the IM went out after sign-in");
    assert!(invite.request_uri().unwrap().contains("bob@contoso.test"));
}

#[test]
fn ims_typed_while_signing_in_are_reported_when_sign_in_fails() {
    let mut world = World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "wrong password",
            &[("server", "127.0.0.1:5061")],
        ),
        SERVER_TOML,
    );
    send_im(&mut world, "typed during sign-in");
    world.start();
    assert!(world.failure().is_some());
    assert_eq!(
        reported(&world),
        vec![("typed during sign-in".to_owned(), Delivery::NotDelivered)]
    );
}

#[test]
fn a_frozen_server_is_found_within_90_seconds() {
    let mut world = World::alice();
    world.start();
    assert!(world.signed_in());
    world.frozen = true;
    world.advance(Duration::from_secs(90));
    let failure = world.failure().expect("the dead link was found");
    assert_eq!(failure.class, ErrorClass::Network, "it reconnects");
    assert!(
        failure.message.contains("stopped answering"),
        "{}",
        failure.message
    );
}

#[test]
fn a_live_quiet_server_keeps_the_link_for_an_hour() {
    let mut world = World::alice();
    world.start();
    world.advance(Duration::from_secs(3600));
    assert!(world.failure().is_none(), "{:?}", world.failure());
    assert!(world.keepalives >= 50, "probes sent: {}", world.keepalives);
    // The server answered pings, so OPTIONS was needed only until it had.
    let options = world
        .sent
        .iter()
        .filter(|m| m.method() == Some("OPTIONS"))
        .count();
    assert_eq!(options, 1);
}

#[test]
fn a_keepalive_flood_closes_the_link_as_hostile() {
    let mut world = World::alice();
    world.start();
    let conn = world.current_conn();
    let flood = b"\r\n".repeat(4096);
    world.input(Input::Data {
        conn,
        bytes: &flood,
    });
    let failure = world.failure().expect("closed");
    assert_eq!(failure.class, ErrorClass::Network);
    assert!(failure.message.contains("hostile"), "{}", failure.message);
    assert!(world.closed.contains(&conn));
}

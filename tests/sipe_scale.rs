//! A big directory: 5,000 users, one of whom has the other 4,999 as contacts. Measures how
//! long `lync-testserver` takes to start and how long until pidgin-sipe, signed in over TLS,
//! shows the whole list with everyone's presence, and prints the figures.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::scale::{self, GROUPS};
use common::sipe::{buddies, sign_in, start_host};
use common::testserver::TestServer;

const USERS: usize = 5_000;
/// Generous: the figures printed are what matters; this only catches a hang.
const LIST_TIMEOUT: Duration = Duration::from_secs(180);

#[test]
fn five_thousand_contacts_arrive_with_their_presence() {
    let text = scale::config(USERS);
    let started = Instant::now();
    let server = TestServer::start(&text);
    let server_start = started.elapsed();

    let mut host = start_host();
    let signing_in = Instant::now();
    sign_in(&mut host, &server, "user0", "user0@contoso.test", "Pass-0");
    let signed_on = signing_in.elapsed();

    let complete = loop {
        let seen = scale::seen(&buddies(&mut host, "user0"), USERS);
        if seen.complete(USERS) {
            break signing_in.elapsed();
        }
        assert!(
            signing_in.elapsed() < LIST_TIMEOUT,
            "after {LIST_TIMEOUT:?} the list shows {seen:?} of {} contacts, {} online\n{}",
            USERS - 1,
            scale::online_contacts(USERS),
            server.stderr()
        );
        thread::sleep(Duration::from_millis(250));
    };

    eprintln!(
        "scale: {USERS} users, {} contacts in {GROUPS} groups: server started in {server_start:.2?}, \
         sipe signed on over TLS after {signed_on:.2?}, whole list with presence shown after {complete:.2?}",
        USERS - 1
    );
    // Each contact was subscribed once, in one batch (far over 64 KiB: TLS carries it whole).
    let log = server.stderr();
    let batches = log
        .lines()
        .filter(|l| l.contains("Event: presence") && l.contains("-> 200"))
        .count();
    assert_eq!(batches, 1, "{log}");
    assert!(log.contains("opened, SIP/TLS from 127.0.0.1:"), "{log}");
    assert!(server_start < Duration::from_secs(30), "{server_start:?}");
}

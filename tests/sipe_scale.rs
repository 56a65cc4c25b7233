//! A big directory: 5,000 users, one of whom has the other 4,999 as contacts. Measures how
//! long `lync-testserver` takes to start and how long until pidgin-sipe shows the whole
//! list with everyone's presence, and prints the figures.
//!
//! Needs the Debian packages libpurple0 and pidgin-sipe (scripts/setup-deps.sh).

mod common;

use std::fmt::Write as _;
use std::thread;
use std::time::{Duration, Instant};

use common::sipe::{buddies, sign_in, start_host};
use common::testserver::TestServer;

const USERS: usize = 5_000;
const GROUPS: usize = 10;
/// Generous: the figures printed are what matters; this only catches a hang.
const LIST_TIMEOUT: Duration = Duration::from_secs(180);

/// The presence user `i` shows while not signed in.
fn presence_of(i: usize) -> Option<&'static str> {
    match i % 4 {
        0 => Some("available"),
        1 => Some("busy"),
        2 => Some("away"),
        _ => None,
    }
}

fn config() -> String {
    let mut text = String::from("domain = \"contoso.test\"\n[listen]\nsip_tcp = \"127.0.0.1:0\"\n");
    for i in 0..USERS {
        let _ = write!(
            text,
            "[[users]]\nsip = \"user{i}@contoso.test\"\npassword = \"Pass-{i}\"\nname = \"User {i:04}\"\n"
        );
        if let Some(presence) = presence_of(i) {
            let _ = writeln!(text, "presence = \"{presence}\"");
        }
        if i == 0 {
            text.push_str("[users.groups]\n");
            for group in 0..GROUPS {
                let members: Vec<String> = (1..USERS)
                    .filter(|j| j % GROUPS == group)
                    .map(|j| format!("\"user{j}@contoso.test\""))
                    .collect();
                let _ = writeln!(text, "\"Group {group}\" = [{}]", members.join(", "));
            }
        }
    }
    text
}

#[test]
fn five_thousand_contacts_arrive_with_their_presence() {
    let text = config();
    let started = Instant::now();
    let server = TestServer::start(&text);
    let server_start = started.elapsed();

    let mut host = start_host();
    let signing_in = Instant::now();
    sign_in(&mut host, &server, "user0", "user0@contoso.test", "Pass-0");
    let signed_on = signing_in.elapsed();

    let expected: Vec<&str> = (1..USERS)
        .map(|i| presence_of(i).unwrap_or("offline"))
        .collect();
    let complete = loop {
        let list = buddies(&mut host, "user0");
        let all_shown = list.len() == USERS - 1
            && list.iter().all(|buddy| {
                let name = buddy["name"].as_str().unwrap_or_default();
                let index: usize = name
                    .trim_start_matches("sip:user")
                    .trim_end_matches("@contoso.test")
                    .parse()
                    .unwrap_or(0);
                index > 0 && buddy["status_id"] == expected[index - 1]
            });
        if all_shown {
            break signing_in.elapsed();
        }
        assert!(
            signing_in.elapsed() < LIST_TIMEOUT,
            "after {LIST_TIMEOUT:?} the list has {} entries\n{}",
            list.len(),
            server.stderr()
        );
        thread::sleep(Duration::from_millis(250));
    };

    eprintln!(
        "scale: {USERS} users, {} contacts in {GROUPS} groups: server started in {server_start:.2?}, \
         sipe signed on after {signed_on:.2?}, whole list with presence shown after {complete:.2?}",
        USERS - 1
    );
    // Each contact was subscribed once, in one batch.
    let log = server.stderr();
    let batches = log
        .lines()
        .filter(|l| l.contains("Event: presence") && l.contains("-> 200"))
        .count();
    assert_eq!(batches, 1, "{log}");
    assert!(server_start < Duration::from_secs(30), "{server_start:?}");
}

//! Engine scenario tests for chats of more than two people: three of our sessions and the
//! test server's conferencing (focus factory, focus, chat MCU) on a virtual network.

mod support;

use std::collections::BTreeSet;

use purple_lync::engine::{ChatCommand, ChatEvent, ChatId, Command, Event};
use purple_lync::sip::Message;
use support::party::Party;

const SERVER_TOML: &str = r#"
domain = "contoso.test"
[[users]]
sip = "alice@contoso.test"
password = "Alice-pass-1"
name = "Alice Anders"
[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
name = "Bob Builder"
[[users]]
sip = "carol@contoso.test"
password = "Carol-pass-3"
name = "Carol Cole"
[[users]]
sip = "dave@contoso.test"
password = "Dave-pass-4"
"#;

const ALICE: &str = "sip:alice@contoso.test";
const BOB: &str = "sip:bob@contoso.test";
const CAROL: &str = "sip:carol@contoso.test";

fn party() -> Party {
    let mut party = Party::new(
        SERVER_TOML,
        &[
            ("alice", "alice@contoso.test", "Alice-pass-1"),
            ("bob", "bob@contoso.test", "Bob-pass-2"),
            ("carol", "carol@contoso.test", "Carol-pass-3"),
        ],
    );
    party.sign_in_all();
    party
}

fn chat(party: &mut Party, name: &str, command: ChatCommand) {
    party.command(name, Command::Chat(command));
}

fn chat_events(party: &Party, name: &str) -> Vec<ChatEvent> {
    party
        .events(name)
        .iter()
        .filter_map(|e| match e {
            Event::Chat(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// The chat `name` joined (the only one), and who invited them.
#[track_caller]
fn joined(party: &Party, name: &str) -> (ChatId, String, Option<String>) {
    chat_events(party, name)
        .into_iter()
        .find_map(|e| match e {
            ChatEvent::Joined {
                chat,
                focus,
                inviter,
                ..
            } => Some((chat, focus, inviter)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name} joined no chat: {:#?}", party.events(name)))
}

/// The member list `name` sees now, from the joins and leaves it was told.
fn members(party: &Party, name: &str, chat: ChatId) -> BTreeSet<String> {
    let mut list = BTreeSet::new();
    for event in chat_events(party, name) {
        match event {
            ChatEvent::MemberJoined { chat: c, uri, .. } if c == chat => {
                list.insert(uri);
            }
            ChatEvent::MemberLeft { chat: c, uri } if c == chat => {
                list.remove(&uri);
            }
            _ => {}
        }
    }
    list
}

fn set(uris: &[&str]) -> BTreeSet<String> {
    uris.iter().map(|u| (*u).to_owned()).collect()
}

/// What `name` was shown in chat `chat`: (from, html).
fn lines(party: &Party, name: &str, chat: ChatId) -> Vec<(String, String)> {
    chat_events(party, name)
        .into_iter()
        .filter_map(|e| match e {
            ChatEvent::Message {
                chat: c,
                from,
                html,
            } if c == chat => Some((from, html)),
            _ => None,
        })
        .collect()
}

#[track_caller]
fn saw(party: &Party, name: &str, chat: ChatId, from: &str, text: &str) {
    let seen = lines(party, name, chat);
    assert!(
        seen.iter()
            .any(|(f, html)| f == from && html.contains(text)),
        "{name} did not see {from} say {text:?}: {seen:#?}"
    );
}

/// Alice starts a chat with Bob and invites Carol: everyone is in, everyone hears everyone.
fn three_in_a_chat(party: &mut Party) -> [ChatId; 3] {
    chat(party, "alice", ChatCommand::Start { with: BOB.into() });
    let (alice_chat, focus, inviter) = joined(party, "alice");
    assert_eq!(inviter, None);
    assert!(focus.contains(";gruu;opaque=app:conf:focus:id:"), "{focus}");
    let (bob_chat, bob_focus, inviter) = joined(party, "bob");
    assert_eq!(bob_focus, focus);
    assert_eq!(inviter.as_deref(), Some(ALICE));
    chat(
        party,
        "alice",
        ChatCommand::Invite {
            chat: alice_chat,
            who: "carol@contoso.test".into(),
        },
    );
    let (carol_chat, _, inviter) = joined(party, "carol");
    assert_eq!(inviter.as_deref(), Some(ALICE));
    [alice_chat, bob_chat, carol_chat]
}

#[test]
fn alice_starts_a_chat_and_three_people_hear_each_other() {
    let mut party = party();
    let [alice_chat, bob_chat, carol_chat] = three_in_a_chat(&mut party);
    let everyone = set(&[ALICE, BOB, CAROL]);
    assert_eq!(members(&party, "alice", alice_chat), everyone);
    assert_eq!(members(&party, "bob", bob_chat), everyone);
    assert_eq!(members(&party, "carol", carol_chat), everyone);
    // Alice saw the others come; Carol found them there (no announcement for those).
    let announced = |name: &str| -> BTreeSet<String> {
        chat_events(&party, name)
            .into_iter()
            .filter_map(|e| match e {
                ChatEvent::MemberJoined {
                    uri,
                    announce: true,
                    ..
                } => Some(uri),
                _ => None,
            })
            .collect()
    };
    assert_eq!(announced("alice"), set(&[BOB, CAROL]));
    assert_eq!(announced("carol"), BTreeSet::new());

    chat(
        &mut party,
        "alice",
        ChatCommand::Send {
            chat: alice_chat,
            html: "Hello <b>both</b>".into(),
        },
    );
    saw(&party, "alice", alice_chat, ALICE, "Hello <b>both</b>");
    saw(&party, "bob", bob_chat, ALICE, "Hello <b>both</b>");
    saw(&party, "carol", carol_chat, ALICE, "Hello <b>both</b>");
    chat(
        &mut party,
        "bob",
        ChatCommand::Send {
            chat: bob_chat,
            html: "Hi from Bob<script>alert(1)</script>".into(),
        },
    );
    saw(&party, "alice", alice_chat, BOB, "Hi from Bob");
    saw(&party, "carol", carol_chat, BOB, "Hi from Bob");
    assert!(
        lines(&party, "alice", alice_chat)
            .iter()
            .all(|(_, html)| !html.contains("<script")),
        "remote HTML is sanitised"
    );
    chat(
        &mut party,
        "carol",
        ChatCommand::Send {
            chat: carol_chat,
            html: "Carol here".into(),
        },
    );
    saw(&party, "alice", alice_chat, CAROL, "Carol here");
    saw(&party, "bob", bob_chat, CAROL, "Carol here");
    // Each message went once to the chat MCU, which passed it on.
    let to_mcu = party
        .sent
        .iter()
        .filter(|(_, m)| {
            m.method() == Some("MESSAGE")
                && m.request_uri()
                    .is_some_and(|u| u.contains(":conf:chat:id:"))
        })
        .count();
    assert_eq!(to_mcu, 3);
    assert_eq!(lines(&party, "bob", bob_chat).len(), 3, "no duplicates");

    // Carol leaves: the others see her go. Alice signs out: Bob sees her go.
    chat(&mut party, "carol", ChatCommand::Leave { chat: carol_chat });
    assert_eq!(members(&party, "alice", alice_chat), set(&[ALICE, BOB]));
    assert_eq!(members(&party, "bob", bob_chat), set(&[ALICE, BOB]));
    let carol_sent: Vec<String> = party
        .sent
        .iter()
        .filter(|(i, _)| *i == 2)
        .map(|(_, m)| {
            format!(
                "{} {}",
                m.method().unwrap_or_default(),
                m.header("Expires").unwrap_or_default()
            )
        })
        .collect();
    let tail: Vec<&str> = carol_sent
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(String::as_str)
        .collect();
    assert_eq!(
        tail,
        ["BYE ", "SUBSCRIBE 0", "BYE "],
        "MCU, focus subscription, focus"
    );
    party.input("alice", purple_lync::engine::Input::Logout);
    assert_eq!(members(&party, "bob", bob_chat), set(&[BOB]));
}

#[test]
fn a_conference_can_be_joined_by_its_address() {
    let mut party = party();
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    let (alice_chat, focus, _) = joined(&party, "alice");
    chat(
        &mut party,
        "carol",
        ChatCommand::Join {
            focus: focus.clone(),
        },
    );
    let (carol_chat, carol_focus, inviter) = joined(&party, "carol");
    assert_eq!((carol_focus, inviter), (focus, None));
    assert!(members(&party, "alice", alice_chat).contains(CAROL));
    chat(
        &mut party,
        "carol",
        ChatCommand::Send {
            chat: carol_chat,
            html: "knock knock".into(),
        },
    );
    saw(&party, "alice", alice_chat, CAROL, "knock knock");
    // Not a conference address: said so, nothing sent.
    let before = party.sent.len();
    chat(
        &mut party,
        "bob",
        ChatCommand::Join {
            focus: "sip:alice@contoso.test".into(),
        },
    );
    assert_eq!(party.sent.len(), before);
    assert!(chat_events(&party, "bob").iter().any(|e| matches!(
        e,
        ChatEvent::Failed { text } if text.contains("not a conference address")
    )));
}

#[test]
fn inviting_someone_offline_says_so_in_the_chat() {
    let mut party = party();
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    let (alice_chat, _, _) = joined(&party, "alice");
    chat(
        &mut party,
        "alice",
        ChatCommand::Invite {
            chat: alice_chat,
            who: "sip:dave@contoso.test".into(),
        },
    );
    assert!(
        chat_events(&party, "alice").iter().any(|e| matches!(
            e,
            ChatEvent::Notice { chat, text, error: true }
                if *chat == alice_chat
                    && text == "sip:dave@contoso.test could not be invited: the contact is not signed in."
        )),
        "{:#?}",
        chat_events(&party, "alice")
    );
}

#[test]
fn without_a_provisioned_focus_factory_a_chat_cannot_start() {
    let mut party = Party::new(
        SERVER_TOML,
        &[("alice", "alice@contoso.test", "Alice-pass-1")],
    );
    // The server's provisioning without its focusFactoryUri.
    party.tamper = Some(Box::new(|_, mut msg: Message| {
        if msg.header("Event") == Some("vnd-microsoft-provisioning-v2") {
            let body = String::from_utf8_lossy(msg.body()).into_owned();
            let start = body.find("<focusFactoryUri>").expect("provisioned factory");
            let end = body.find("</focusFactoryUri>").expect("closing tag") + 18;
            msg.set_body(format!("{}{}", &body[..start], &body[end..]));
        }
        Some(msg)
    }));
    party.sign_in_all();
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    assert!(chat_events(&party, "alice").iter().any(|e| matches!(
        e,
        ChatEvent::Failed { text } if text.contains("conferencing service")
    )));
    assert!(
        !party
            .sent
            .iter()
            .any(|(_, m)| m.request_uri().is_some_and(|u| u.contains("focusfactory"))),
        "nothing was asked of a focus factory"
    );
}

#[test]
fn the_server_hanging_up_the_chat_mcu_ends_the_chat_for_us() {
    let mut party = party();
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    let (bob_chat, _, _) = joined(&party, "bob");
    // The MCU's answer to Bob's INVITE gives the dialog a BYE from it lives in.
    let (_, invite) = party
        .sent
        .iter()
        .find(|(i, m)| {
            *i == 1
                && m.method() == Some("INVITE")
                && m.request_uri()
                    .is_some_and(|u| u.contains(":conf:chat:id:"))
        })
        .cloned()
        .expect("Bob joined the chat MCU");
    let (_, answer) = party
        .received
        .iter()
        .find(|(i, m)| {
            *i == 1 && m.status_code() == Some(200) && m.call_id().ok() == invite.call_id().ok()
        })
        .cloned()
        .expect("the MCU answered");
    let contact = invite.header("Contact").unwrap().trim_matches(['<', '>']);
    let mut bye = Message::request("BYE", contact).unwrap();
    for (name, value) in [
        ("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKmcu1"),
        ("From", answer.header("To").unwrap()),
        ("To", answer.header("From").unwrap()),
        ("Call-ID", answer.header("Call-ID").unwrap()),
        ("CSeq", "1 BYE"),
    ] {
        bye.add_header(name, value).unwrap();
    }
    party.deliver_signed(1, bye);
    assert!(
        chat_events(&party, "bob").iter().any(|e| matches!(
            e,
            ChatEvent::Left { chat, reason } if *chat == bob_chat && reason.contains("ended")
        )),
        "{:#?}",
        chat_events(&party, "bob")
    );
    let answered = party
        .sent
        .iter()
        .any(|(i, m)| *i == 1 && m.status_code() == Some(200) && m.header("CSeq") == Some("1 BYE"));
    assert!(answered, "the BYE was answered");
    // Bob left the focus too (no BYE back to the MCU that hung up).
    let byes: Vec<&str> = party
        .sent
        .iter()
        .filter(|(i, m)| *i == 1 && m.method() == Some("BYE"))
        .filter_map(|(_, m)| m.request_uri())
        .collect();
    assert_eq!(byes.len(), 1, "{byes:?}");
    assert!(byes[0].contains(":conf:focus:id:"), "{byes:?}");
}

#[test]
fn lines_typed_before_the_chat_mcu_answers_go_out_when_it_does() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let mut party = party();
    // Hold back the MCU's answer to Alice's INVITE.
    let held: Rc<RefCell<Option<Message>>> = Rc::default();
    let hold = Rc::clone(&held);
    party.tamper = Some(Box::new(move |index, msg: Message| {
        let to_mcu_invite = index == 0
            && msg.status_code() == Some(200)
            && msg.header("CSeq").is_some_and(|c| c.ends_with("INVITE"))
            && msg
                .header("To")
                .is_some_and(|t| t.contains(":conf:chat:id:"));
        if to_mcu_invite && hold.borrow().is_none() {
            *hold.borrow_mut() = Some(msg);
            return None;
        }
        Some(msg)
    }));
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    let (alice_chat, _, _) = joined(&party, "alice");
    let (bob_chat, _, _) = joined(&party, "bob");
    chat(
        &mut party,
        "alice",
        ChatCommand::Send {
            chat: alice_chat,
            html: "early bird".into(),
        },
    );
    // Shown to Alice at once, not sent yet.
    saw(&party, "alice", alice_chat, ALICE, "early bird");
    assert!(lines(&party, "bob", bob_chat).is_empty());
    let answer = held.borrow_mut().take().expect("the MCU answered Alice");
    party.tamper = None;
    party.deliver(0, 1, answer);
    party.pump();
    saw(&party, "bob", bob_chat, ALICE, "early bird");
    assert_eq!(
        lines(&party, "alice", alice_chat).len(),
        1,
        "no second echo"
    );
}

#[test]
fn an_invitation_is_only_joined_once_the_user_accepts_it() {
    let mut party = party();
    party.accept_invitations = false;
    chat(&mut party, "alice", ChatCommand::Start { with: BOB.into() });
    let (alice_chat, focus, _) = joined(&party, "alice");
    let invitation = chat_events(&party, "bob")
        .into_iter()
        .find_map(|e| match e {
            ChatEvent::Invited { focus, inviter } => Some((focus, inviter)),
            _ => None,
        });
    assert_eq!(invitation, Some((focus.clone(), Some(ALICE.to_owned()))));
    // Not accepted (yet, or blocked): Bob is in no chat and Alice sees only herself.
    assert!(
        !chat_events(&party, "bob")
            .iter()
            .any(|e| matches!(e, ChatEvent::Joined { .. })),
        "{:#?}",
        party.events("bob")
    );
    assert_eq!(members(&party, "alice", alice_chat), set(&[ALICE]));

    chat(
        &mut party,
        "bob",
        ChatCommand::Accept {
            focus: focus.clone(),
            inviter: Some(ALICE.into()),
        },
    );
    let (_, bob_focus, inviter) = joined(&party, "bob");
    assert_eq!((bob_focus, inviter.as_deref()), (focus, Some(ALICE)));
    assert_eq!(members(&party, "alice", alice_chat), set(&[ALICE, BOB]));
}

//! Engine scenario tests: the plugin's sans-IO session signing in to the test server's core
//! over a virtual network with a virtual clock.

mod support;

use std::time::Duration;

use purple_lync::engine::{Event, Input, Progress};
use purple_lync::error::ErrorClass;
use purple_lync::sip::Message;
use support::{ConnectPlan, SERVER_TOML, World, settings};

#[test]
fn ntlm_sign_in_takes_three_registers_and_ends_signed_and_verified() {
    let mut world = World::alice();
    world.start();
    assert!(world.signed_in(), "events: {:#?}", world.events);
    assert_eq!(world.failure(), None);
    let registers = world.registers_sent();
    assert_eq!(
        registers.len(),
        3,
        "unauthenticated, empty NTLM token, AUTHENTICATE"
    );
    assert!(registers[0].header("Authorization").is_none());
    let second = registers[1].header("Authorization").unwrap();
    assert!(
        second.starts_with("NTLM ") && second.contains("gssapi-data=\"\""),
        "{second}"
    );
    let third = registers[2].header("Authorization").unwrap();
    for part in [
        "opaque=",
        "gssapi-data=\"TlRMTVNTUAAD",
        "crand=",
        "cnum=\"1\"",
        "response=",
        "version=4",
    ] {
        assert!(third.contains(part), "{part} missing: {third}");
    }
    // Identities: From is the SIP address; the NTLM login was CONTOSO\alice (the server
    // only registers when both belong to the same user).
    assert!(
        registers[2]
            .header("From")
            .unwrap()
            .starts_with("<sip:alice@contoso.test>")
    );
    assert_eq!(world.core.counters.signed_in, 1);
    let steps: Vec<usize> = world
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Progress(p) => Some(p.step()),
            _ => None,
        })
        .collect();
    assert_eq!(
        steps,
        [
            Progress::Connecting(String::new()).step(),
            Progress::Authenticating.step(),
            Progress::SignedIn.step()
        ],
        "connecting, authenticating, signed in"
    );
}

#[test]
fn register_carries_the_stable_instance_and_user_agent() {
    let mut world = World::alice();
    world.start();
    let register = world.registers_sent()[0];
    let contact = register.header("Contact").unwrap();
    assert!(
        contact.contains(&format!(
            "+sip.instance=\"<urn:uuid:{}>\"",
            purple_lync::engine::ids::instance_uuid_from_epid("a1b2c3d4e5")
        )),
        "{contact}"
    );
    assert!(
        register
            .header("From")
            .unwrap()
            .contains(";epid=a1b2c3d4e5")
    );
    assert!(
        register
            .header("User-Agent")
            .unwrap()
            .starts_with("purple-lync/")
    );
    let supported: Vec<&str> = register.headers("Supported").collect();
    assert!(
        supported
            .iter()
            .any(|s| s.contains("msrtc-event-categories")),
        "{supported:?}"
    );
    assert_eq!(register.header("ms-keep-alive"), Some("UAC;hop-hop=yes"));
}

#[test]
fn registration_is_refreshed_before_it_expires_and_stays_up() {
    let toml = SERVER_TOML.replace("register_expires = 900", "register_expires = 60");
    let mut world = World::alice_on(&toml);
    world.start();
    assert!(world.signed_in());
    let after_sign_in = world.registers_sent().len();
    // 60 s granted: the refresh goes out 30 s before expiry, each time.
    world.advance(Duration::from_secs(29));
    assert_eq!(
        world.registers_sent().len(),
        after_sign_in,
        "no refresh before 30 s"
    );
    world.advance(Duration::from_secs(2));
    assert_eq!(world.registers_sent().len(), after_sign_in + 1);
    world.advance(Duration::from_secs(31));
    assert_eq!(world.registers_sent().len(), after_sign_in + 2);
    assert_eq!(world.failure(), None, "{:#?}", world.events);
    let refresh = world.registers_sent()[after_sign_in];
    let auth = refresh.header("Authorization").unwrap();
    assert!(
        auth.contains("response=") && !auth.contains("gssapi-data"),
        "signed, no new handshake: {auth}"
    );
    let cnum: u32 = auth
        .split("cnum=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    assert!(cnum > 1, "cnum counts up across signed messages: {auth}");
    assert_eq!(
        world.core.counters.auth_failures, 0,
        "the server verified each signature"
    );
}

#[test]
fn keep_alives_go_out_when_the_line_is_quiet() {
    let mut world = World::alice();
    world.start();
    // The 200 OK said ms-keep-alive timeout=300: the server wants a keep-alive at least
    // every 300 s. The liveness probe, after 60 s of silence, comes well before that.
    world.advance(Duration::from_secs(59));
    assert_eq!(world.keepalives, 0);
    world.advance(Duration::from_secs(2));
    assert_eq!(world.keepalives, 1);
    // The server answers every ping, so the quiet line gets one about every minute.
    world.advance(Duration::from_secs(600));
    assert!(
        (10..=11).contains(&world.keepalives),
        "{}",
        world.keepalives
    );
    assert!(world.failure().is_none());
}

#[test]
fn server_closing_the_connection_is_a_network_error_to_reconnect() {
    let mut world = World::alice();
    world.start();
    let conn = world.current_conn();
    world.input(Input::Closed {
        conn,
        reason: Some("connection reset".into()),
    });
    let error = world.failure().expect("failed");
    assert_eq!(error.class, ErrorClass::Network);
    assert!(
        error.message.contains("closed the connection"),
        "{}",
        error.message
    );
    assert_eq!(
        world.session.poll_timeout(),
        None,
        "no timers after the end"
    );
}

#[test]
fn a_bad_rspauth_on_the_final_200_is_fatal() {
    let mut world = World::alice();
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(200) {
            let info = msg.header("Authentication-Info").unwrap().to_owned();
            // Flip one hex digit of the signature.
            let at = info.find("rspauth=\"").unwrap() + 9;
            let mut bytes = info.into_bytes();
            bytes[at + 20] = if bytes[at + 20] == b'0' { b'1' } else { b'0' };
            msg.set_header("Authentication-Info", String::from_utf8(bytes).unwrap())
                .unwrap();
        }
        Some(msg)
    }));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::Other);
    assert!(error.message.contains("signature"), "{}", error.message);
}

#[test]
fn unsigned_requests_after_sign_in_are_ignored() {
    let mut world = World::alice();
    world.start();
    let conn = world.current_conn();
    let sent_before = world.sent.len();
    let mut options = Message::request("OPTIONS", "sip:alice@contoso.test").unwrap();
    for (name, value) in [
        ("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKforged"),
        ("From", "<sip:mallory@contoso.test>;tag=1"),
        ("To", "<sip:alice@contoso.test>"),
        ("Call-ID", "forged"),
        ("CSeq", "1 OPTIONS"),
    ] {
        options.add_header(name, value).unwrap();
    }
    world.deliver_to_client(conn, options);
    world.pump();
    assert_eq!(
        world.sent.len(),
        sent_before,
        "no answer to an unsigned request"
    );
    assert_eq!(world.failure(), None);
}

#[test]
fn wrong_password_is_authentication_failed_naming_the_login() {
    let mut world = World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "wrong",
            &[("server", "127.0.0.1")],
        ),
        SERVER_TOML,
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::AuthenticationFailed);
    assert!(
        error.message.contains("CONTOSO\\alice") && error.message.contains("Password"),
        "{}",
        error.message
    );
}

/// The seed case: the sign-in address is not the Windows login (Dave's UPN is
/// dave.smith@corp.contoso.test) and Login is empty. Active Directory does not know the SIP
/// address as a login, so NTLM fails, and the error says to fill in Login.
#[test]
fn ntlm_with_login_empty_and_sip_address_not_the_upn_fails_naming_login() {
    let mut world = World::new(
        settings(
            "dave@contoso.test",
            "Dave-pass-4",
            &[("server", "127.0.0.1"), ("authentication", "ntlm")],
        ),
        SERVER_TOML,
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::AuthenticationFailed);
    for part in [
        "dave@contoso.test",
        "Login field is empty",
        "Fill in Login",
        "DOMAIN\\user",
        "user principal name",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
    assert_eq!(world.core.counters.signed_in, 0);
    assert_eq!(world.core.counters.auth_failures, 1);
}

#[test]
fn ntlm_with_login_filled_in_signs_in_either_form() {
    for username in [
        "dave@contoso.test,dave.smith@corp.contoso.test",
        "dave@contoso.test,CONTOSO\\dave.smith",
    ] {
        let mut world = World::new(
            settings(
                username,
                "Dave-pass-4",
                &[("server", "127.0.0.1"), ("authentication", "ntlm")],
            ),
            SERVER_TOML,
        );
        world.start();
        assert!(world.signed_in(), "{username}: {:#?}", world.failure());
    }
}

#[test]
fn someone_elses_login_is_refused_naming_both_identities() {
    // Bob's credentials, Alice's SIP address: the server says 403.
    let mut world = World::new(
        settings(
            "alice@contoso.test,bob@contoso.test",
            "Bob-pass-2",
            &[("server", "127.0.0.1")],
        ),
        SERVER_TOML,
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::InvalidSettings);
    for part in [
        "sip:alice@contoso.test",
        "bob@contoso.test",
        "SIP URI mismatch",
        "Username",
        "Login",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
}

#[test]
fn unknown_user_is_not_signed_in() {
    let mut world = World::new(
        settings("carol@contoso.test", "whatever", &[("server", "127.0.0.1")]),
        SERVER_TOML,
    );
    world.start();
    assert_eq!(
        world.failure().map(|e| e.class),
        Some(ErrorClass::AuthenticationFailed)
    );
}

#[test]
fn a_redirect_moves_the_sign_in_to_the_named_pool() {
    let mut world = World::alice();
    let mut redirected = false;
    world.tamper = Some(Box::new(move |msg: Message| {
        if !redirected && msg.status_code() == Some(401) {
            redirected = true;
            let mut moved = Message::response(301, "Moved Permanently").unwrap();
            for name in ["Via", "From", "To", "Call-ID", "CSeq"] {
                moved.add_header(name, msg.header(name).unwrap()).unwrap();
            }
            moved
                .add_header("Contact", "<sip:pool2.contoso.test:5062;transport=tls>")
                .unwrap();
            return Some(moved);
        }
        Some(msg)
    }));
    world.start();
    assert!(world.signed_in(), "{:#?}", world.events);
    assert_eq!(
        world.connects,
        [
            ("127.0.0.1".to_owned(), 5061, true),
            ("pool2.contoso.test".to_owned(), 5062, true)
        ]
    );
    assert_eq!(world.closed.len(), 1, "the first connection was closed");
}

#[test]
fn a_server_that_never_answers_times_out_as_a_network_error() {
    let mut world = World::alice();
    world.tamper = Some(Box::new(|_| None));
    world.start();
    assert!(world.failure().is_none());
    world.advance(Duration::from_secs(59));
    assert!(world.failure().is_none());
    world.advance(Duration::from_secs(2));
    let error = world.failure().expect("timed out");
    assert_eq!(error.class, ErrorClass::Network);
    assert!(
        error.message.contains("did not answer"),
        "{}",
        error.message
    );
}

#[test]
fn refused_connection_to_the_configured_server_names_the_field() {
    let mut world = World::alice();
    world.connect_plan = Box::new(|_, _| ConnectPlan::Refuse("Connection refused".into()));
    world.start();
    let error = world.failure().expect("failed");
    assert_eq!(error.class, ErrorClass::Network);
    assert!(
        error.message.contains("127.0.0.1:5061") && error.message.contains("Server field"),
        "{}",
        error.message
    );
}

#[test]
fn discovery_uses_srv_then_signs_in_there() {
    let mut world = World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", &[]),
        SERVER_TOML,
    );
    world.srv_answers.insert(
        "_sip._tls.contoso.test".into(),
        vec![("edge.contoso.test".into(), 443)],
    );
    world.connect_plan = Box::new(|host, _| {
        if host == "edge.contoso.test" {
            ConnectPlan::Accept
        } else {
            ConnectPlan::Refuse("no route".into())
        }
    });
    world.start();
    assert!(world.signed_in(), "{:#?}", world.events);
    // Autodiscover's four addresses were tried (and refused) first.
    assert_eq!(world.connects.len(), 5, "{:?}", world.connects);
    assert_eq!(
        world.connects[4],
        ("edge.contoso.test".to_owned(), 443, true)
    );
    assert!(matches!(
        world.events[0],
        Event::Progress(Progress::Resolving(_))
    ));
}

#[test]
fn autodiscover_finds_the_pool_before_dns() {
    let mut world = World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", &[]),
        SERVER_TOML,
    );
    world.web_hosts = vec!["LyncDiscoverInternal.contoso.test".into()];
    world.web = Some(Box::new(|_host, request| {
        let first_line = request.lines().next().unwrap_or_default().to_owned();
        let body = if first_line.starts_with("GET /?sipuri=alice@contoso.test ") {
            r#"<AutodiscoverResponse AccessLocation="Internal"><Root><Link token="User" href="https://LyncDiscoverInternal.contoso.test/user"/></Root></AutodiscoverResponse>"#
        } else {
            r#"<AutodiscoverResponse AccessLocation="Internal"><User><SipClientInternalAccess fqdn="pool.contoso.test" port="5061"/></User></AutodiscoverResponse>"#
        };
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.microsoft.rtc.autodiscover+xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }));
    world.connect_plan = Box::new(|host, _| {
        if host == "pool.contoso.test" {
            ConnectPlan::Accept
        } else {
            ConnectPlan::Refuse("no route".into())
        }
    });
    world.start();
    assert!(world.signed_in(), "{:#?}", world.events);
    assert_eq!(world.web_requests.len(), 2, "{:?}", world.web_requests);
    assert!(
        world.web_requests[1].1.starts_with("GET /user "),
        "{:?}",
        world.web_requests
    );
    let sip: Vec<_> = world
        .connects
        .iter()
        .filter(|c| !c.0.starts_with("lyncdiscover"))
        .collect();
    assert_eq!(
        sip,
        [&("pool.contoso.test".to_owned(), 5061, true)],
        "no DNS needed"
    );
}

#[test]
fn autodiscover_needing_a_web_ticket_falls_back_to_dns() {
    let mut world = World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", &[]),
        SERVER_TOML,
    );
    world.web_hosts = vec!["LyncDiscoverInternal.contoso.test".into()];
    world.web = Some(Box::new(|_host, _request| {
        "HTTP/1.1 401 Unauthorized\r\nX-MS-WebTicketURL: https://x/WebTicket/WebTicketService.svc\r\nContent-Length: 0\r\n\r\n".to_owned()
    }));
    world.srv_answers.insert(
        "_sipinternaltls._tcp.contoso.test".into(),
        vec![("pool.contoso.test".into(), 5061)],
    );
    world.connect_plan = Box::new(|host, _| {
        if host == "pool.contoso.test" {
            ConnectPlan::Accept
        } else {
            ConnectPlan::Refuse("no route".into())
        }
    });
    world.start();
    assert!(world.signed_in(), "{:#?}", world.events);
    assert_eq!(world.web_requests.len(), 1);
}

#[test]
fn discovery_exhausted_lists_what_was_tried() {
    let mut world = World::new(settings("alice@contoso.test", "x", &[]), SERVER_TOML);
    world.connect_plan = Box::new(|_, _| ConnectPlan::Refuse("no route".into()));
    world.start();
    let error = world.failure().expect("failed");
    assert_eq!(error.class, ErrorClass::Network);
    for part in [
        "_sipinternaltls._tcp.contoso.test",
        "sip.contoso.test:443",
        "Server field",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
}

#[test]
fn logout_says_goodbye_with_a_signed_expires_zero() {
    let mut world = World::alice();
    world.start();
    let before = world.registers_sent().len();
    world.input(Input::Logout);
    let registers = world.registers_sent();
    assert_eq!(registers.len(), before + 1);
    let goodbye = registers[before];
    assert_eq!(goodbye.header("Expires"), Some("0"));
    assert!(
        goodbye
            .header("Authorization")
            .unwrap()
            .contains("response=")
    );
    assert_eq!(world.closed.len(), 1);
    assert!(world.session.is_finished());
}

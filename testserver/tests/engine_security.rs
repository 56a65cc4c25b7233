//! Engine scenario tests for what a hostile or broken server must not get away with: a
//! redirect off TLS, a sign-in without authentication or without the server's signature,
//! web services over plain HTTP, and a challenge that cannot be read.

mod support;

use purple_lync::error::ErrorClass;
use purple_lync::sip::Message;
use support::{SERVER_TOML, WEB_HOST, World, settings, tls_dsk_toml};

/// A response of `code` to the request `answered` is the response to.
fn answer_like(answered: &Message, code: u16, reason: &str) -> Message {
    let mut response = Message::response(code, reason).unwrap();
    for name in ["Via", "From", "To", "Call-ID", "CSeq"] {
        response
            .add_header(name, answered.header(name).unwrap())
            .unwrap();
    }
    response
}

fn alice_with(options: &[(&str, &str)]) -> World {
    World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", options),
        SERVER_TOML,
    )
}

/// The first 401 becomes a 301 to `contact`.
fn redirect_first_challenge(world: &mut World, contact: &'static str) {
    let mut redirected = false;
    world.tamper = Some(Box::new(move |msg: Message| {
        if !redirected && msg.status_code() == Some(401) {
            redirected = true;
            let mut moved = answer_like(&msg, 301, "Moved Permanently");
            moved.add_header("Contact", contact).unwrap();
            return Some(moved);
        }
        Some(msg)
    }));
}

#[test]
fn a_redirect_from_tls_to_tcp_is_refused_naming_connection_type_and_the_server() {
    for transport in ["auto", "tls"] {
        let mut world = alice_with(&[("server", "127.0.0.1:5061"), ("transport", transport)]);
        redirect_first_challenge(&mut world, "<sip:pool2.contoso.test:5060;transport=tcp>");
        world.start();
        assert!(!world.signed_in(), "{transport}: {:#?}", world.events);
        assert_eq!(
            world.connects,
            [("127.0.0.1".to_owned(), 5061, true)],
            "{transport}: no plain TCP connection"
        );
        let error = world.failure().expect("refused");
        // Fatal: a network error would reconnect into the same redirect.
        assert_eq!(error.class, ErrorClass::InvalidSettings, "{transport}");
        assert!(!error.class.is_retried_automatically());
        for part in [
            "127.0.0.1:5061",
            "pool2.contoso.test:5060",
            "unencrypted",
            "Connection type",
            "Advanced tab",
        ] {
            assert!(
                error.message.contains(part),
                "{transport}: {part}: {}",
                error.message
            );
        }
    }
}

#[test]
fn with_connection_type_tcp_a_redirect_to_tcp_is_followed() {
    let mut world = alice_with(&[("server", "127.0.0.1"), ("transport", "tcp")]);
    redirect_first_challenge(&mut world, "<sip:pool2.contoso.test:5060;transport=tcp>");
    world.start();
    assert!(world.signed_in(), "{:#?}", world.failure());
    assert_eq!(
        world.connects,
        [
            ("127.0.0.1".to_owned(), 5060, false),
            ("pool2.contoso.test".to_owned(), 5060, false)
        ]
    );
}

#[test]
fn a_200_to_an_unauthenticated_register_is_refused() {
    // The server says 200 instead of its first challenge (to the bare REGISTER), or
    // instead of its NTLM challenge (to the REGISTER with the empty token).
    for skipped in 0..2 {
        let mut world = World::alice();
        let mut challenges = 0;
        world.tamper = Some(Box::new(move |msg: Message| {
            if msg.status_code() == Some(401) {
                challenges += 1;
                if challenges == skipped + 1 {
                    let mut ok = answer_like(&msg, 200, "OK");
                    ok.add_header("Expires", "900").unwrap();
                    return Some(ok);
                }
            }
            Some(msg)
        }));
        world.start();
        assert!(!world.signed_in(), "{skipped}: {:#?}", world.events);
        let error = world.failure().expect("refused");
        assert_eq!(error.class, ErrorClass::Other, "{skipped}");
        for part in ["127.0.0.1:5061", "without authenticating", "Server field"] {
            assert!(
                error.message.contains(part),
                "{skipped}: {part}: {}",
                error.message
            );
        }
        assert_eq!(world.registers_sent().len(), skipped + 1);
    }
}

#[test]
fn an_ntlm_200_without_rspauth_is_refused() {
    let mut world = World::alice();
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(200) {
            msg.remove_header("Authentication-Info");
        }
        Some(msg)
    }));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::Other);
    for part in ["NTLM", "without signing", "rspauth"] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
}

#[test]
fn an_unsigned_200_to_a_refresh_is_refused() {
    let toml = SERVER_TOML.replace("register_expires = 900", "register_expires = 60");
    let mut world = World::alice_on(&toml);
    world.start();
    assert!(world.signed_in());
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(200) {
            msg.remove_header("Authentication-Info");
        }
        Some(msg)
    }));
    world.advance(std::time::Duration::from_secs(31));
    let error = world.failure().expect("refused");
    assert!(
        error.message.contains("without signing"),
        "{}",
        error.message
    );
}

#[test]
fn an_http_certificate_provisioning_address_is_refused_not_fetched() {
    for auth in ["auto", "tls-dsk"] {
        let mut world = World::new(
            settings(
                "alice@contoso.test,CONTOSO\\alice",
                "Alice-pass-1",
                &[("server", "127.0.0.1:5061"), ("authentication", auth)],
            ),
            &tls_dsk_toml(),
        );
        world.tamper = Some(Box::new(|mut msg: Message| {
            if msg.status_code() == Some(401) {
                let values: Vec<String> = msg
                    .headers("WWW-Authenticate")
                    .map(|v| v.replace("sts-uri=\"https://", "sts-uri=\"http://"))
                    .collect();
                msg.remove_header("WWW-Authenticate");
                for value in values {
                    msg.add_header("WWW-Authenticate", value).unwrap();
                }
            }
            Some(msg)
        }));
        world.start();
        assert!(!world.signed_in(), "{auth}");
        assert!(
            world.connects.iter().all(|(_, _, tls)| *tls),
            "{auth}: nothing over plain TCP: {:?}",
            world.connects
        );
        assert!(world.web_requests.is_empty(), "{:?}", world.web_requests);
        let error = world.failure().expect("refused");
        assert_eq!(error.class, ErrorClass::Other, "{auth}: {}", error.message);
        for part in [
            "http://127.0.0.1:4443/CertProv/CertProvisioningService.svc",
            "sts-uri",
            "127.0.0.1:5061",
            "HTTPS",
            "administrator",
            "Authentication scheme",
        ] {
            assert!(
                error.message.contains(part),
                "{auth}: {part}: {}",
                error.message
            );
        }
    }
}

#[test]
fn an_http_web_ticket_service_in_autodiscover_is_not_used() {
    let mut world = World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", &[]),
        SERVER_TOML,
    );
    world.web_hosts = vec!["LyncDiscoverInternal.contoso.test".into()];
    world.web = Some(Box::new(|_host, request| {
        let (status, extra, body) = if request.starts_with("GET /?sipuri=") {
            (
                "200 OK",
                "",
                r#"<AutodiscoverResponse><Root><Link token="User" href="https://LyncDiscoverInternal.contoso.test/user"/></Root></AutodiscoverResponse>"#,
            )
        } else {
            (
                "401 Unauthorized",
                "X-MS-WebTicketURL: http://127.0.0.1:4443/WebTicket/WebTicketService.svc\r\n",
                "",
            )
        };
        format!(
            "HTTP/1.1 {status}\r\n{extra}Content-Type: application/vnd.microsoft.rtc.autodiscover+xml\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }));
    world.srv_answers.insert(
        "_sipinternaltls._tcp.contoso.test".into(),
        vec![("pool.contoso.test".into(), 5061)],
    );
    world.start();
    assert!(world.signed_in(), "{:#?}\n{}", world.failure(), world.log());
    let requests: Vec<&str> = world.web_requests.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        requests,
        [
            "GET /?sipuri=alice@contoso.test HTTP/1.1",
            "GET /user HTTP/1.1"
        ],
        "no request to the http:// ticket service"
    );
    assert!(
        world.log().contains("is not an https:// address"),
        "{}",
        world.log()
    );
    assert!(
        !world
            .connects
            .iter()
            .any(|(h, p, _)| h == WEB_HOST && *p == 4443)
    );
}

#[test]
fn an_unreadable_challenge_says_so_and_blames_the_server() {
    let mut world = World::alice();
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(401) {
            msg.set_header(
                "WWW-Authenticate",
                "NTLM realm=\"SIP Communications Service, targetname=\"fe.contoso.test\", version=4",
            )
            .unwrap();
        }
        Some(msg)
    }));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    // Fatal: the same server gives the same answer; reconnecting in a loop does not help.
    assert_eq!(error.class, ErrorClass::Other, "{}", error.message);
    for part in [
        "127.0.0.1:5061",
        "could not be read",
        "WWW-Authenticate",
        "not of your account settings",
        "administrator",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
    for wrong in ["offers nothing", "Auto"] {
        assert!(!error.message.contains(wrong), "{wrong}: {}", error.message);
    }
}

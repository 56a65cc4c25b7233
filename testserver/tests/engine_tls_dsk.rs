//! Engine scenario tests for TLS-DSK: the plugin's session against the test server's
//! `Core` (registrar, web ticket service, certificate provisioning) on a virtual network.

mod support;

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use lync_testserver::tls::Certificates;
use purple_lync::engine::{Event, Progress};
use purple_lync::error::ErrorClass;
use purple_lync::sip::Message;
use support::{ConnectPlan, World, settings, tls_dsk_toml};

fn alice() -> World {
    World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "Alice-pass-1",
            &[("server", "127.0.0.1:5061")],
        ),
        &tls_dsk_toml(),
    )
}

#[test]
fn auto_signs_in_with_tls_dsk_after_provisioning_a_certificate() {
    let mut world = alice();
    let started = Instant::now();
    world.start();
    eprintln!("sign-in with provisioning took {:?}", started.elapsed());
    assert!(world.signed_in(), "{:#?}\n{}", world.failure(), world.log());
    assert!(
        world
            .log()
            .contains("Auto authentication: server offers [NTLM, TLS-DSK]; using TLS-DSK"),
        "{}",
        world.log()
    );
    let requests: Vec<&str> = world.web_requests.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        requests,
        [
            "GET /CertProv/CertProvisioningService.svc/mex",
            "GET /WebTicket/WebTicketService.svc/mex",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "POST /CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1",
        ],
        "metadata, the ticket (401, NTLM challenge, authenticated), the certificate"
    );
    let counters = &world.core.counters;
    assert_eq!(
        (
            counters.web_tickets,
            counters.certificates_issued,
            counters.tls_dsk_handshakes
        ),
        (1, 1, 1)
    );
    assert_eq!(counters.signed_in, 1);
    assert_eq!(counters.auth_failures, 0);

    let registers = world.registers_sent();
    assert_eq!(
        registers.len(),
        4,
        "unauthenticated, ClientHello, our flight, signed"
    );
    for (register, leg) in registers[1..3].iter().zip(["ClientHello", "flight"]) {
        let auth = register.header("Authorization").unwrap();
        assert!(
            auth.starts_with("TLS-DSK ") && auth.contains("gssapi-data=\""),
            "{leg}: {auth}"
        );
    }
    let last = registers[3].header("Authorization").unwrap();
    assert!(
        last.starts_with("TLS-DSK ") && last.contains("response=") && !last.contains("gssapi-data"),
        "{last}"
    );
    let certificate = world.kept_certificate().expect("a certificate to keep");
    assert_eq!(certificate.subject(), "alice@contoso.test");

    let steps: Vec<usize> = world
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Progress(p) => Some(p.step()),
            _ => None,
        })
        .collect();
    let expected = [
        Progress::Connecting(String::new()).step(),
        Progress::Authenticating.step(),
        Progress::GettingWebTicket(String::new()).step(),
        Progress::GettingCertificate(String::new()).step(),
        Progress::CertificateHandshake.step(),
        Progress::SignedIn.step(),
    ];
    assert_eq!(steps, expected);
}

#[test]
fn a_kept_certificate_signs_in_without_any_web_request() {
    let mut first = alice();
    first.start();
    let certificate = first.kept_certificate().expect("provisioned");

    let mut second = World::with_certificate(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "Alice-pass-1",
            &[("server", "127.0.0.1:5061")],
        ),
        &tls_dsk_toml(),
        Some(certificate),
    );
    second.start();
    assert!(second.signed_in(), "{:#?}", second.failure());
    assert!(second.web_requests.is_empty(), "{:?}", second.web_requests);
    assert_eq!(second.core.counters.https_requests, 0);
    assert_eq!(second.core.counters.tls_dsk_handshakes, 1);
    assert!(
        second.log().contains("using the kept certificate"),
        "{}",
        second.log()
    );
    assert_eq!(second.kept_certificate(), None, "nothing new to keep");
}

#[test]
fn someone_elses_login_is_refused_by_the_ticket_service_naming_both_identities() {
    let mut world = World::new(
        settings(
            "alice@contoso.test,bob@contoso.test",
            "Bob-pass-2",
            &[("server", "127.0.0.1")],
        ),
        &tls_dsk_toml(),
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(
        error.class,
        ErrorClass::InvalidSettings,
        "{}",
        error.message
    );
    for part in [
        "sip:alice@contoso.test",
        "login bob@contoso.test",
        "\"SIP URI mismatch\"",
        "Put your sign-in address in Username and your login name in Login",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
    assert_eq!(world.core.counters.web_ticket_refusals, 1);
    assert_eq!(world.core.counters.certificates_issued, 0);
    assert_eq!(world.core.counters.signed_in, 0);
    assert!(
        !world.log().contains("using NTLM"),
        "a settings problem is not hidden by falling back to NTLM"
    );
}

#[test]
fn a_login_name_in_username_is_the_founding_users_mistake_and_says_so() {
    // Username holds the login name (as pidgin-sipe's user had it), Login is empty.
    let mut world = World::new(
        settings(
            "dave.smith@corp.contoso.test",
            "Dave-pass-4",
            &[("server", "127.0.0.1")],
        ),
        &tls_dsk_toml(),
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::InvalidSettings);
    for part in [
        "refused a ticket for sip:dave.smith@corp.contoso.test to login dave.smith@corp.contoso.test",
        "SIP URI mismatch",
        "Put your sign-in address in Username and your login name in Login",
        "Your Login is empty",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
}

/// The seed case with TLS-DSK: Login empty, the sign-in address not the UPN. The web ticket
/// service's HTTP NTLM refuses the SIP address as a login; the error says to fill in Login,
/// and a settings problem is not hidden by falling back to NTLM (which would fail the same).
#[test]
fn tls_dsk_with_login_empty_and_sip_address_not_the_upn_fails_naming_login() {
    let mut world = World::new(
        settings(
            "dave@contoso.test",
            "Dave-pass-4",
            &[("server", "127.0.0.1"), ("authentication", "tls-dsk")],
        ),
        &tls_dsk_toml(),
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(
        error.class,
        ErrorClass::AuthenticationFailed,
        "{}",
        error.message
    );
    for part in [
        "web ticket service",
        "dave@contoso.test",
        "Login field is empty",
        "Fill in Login",
        "DOMAIN\\user",
        "user principal name",
    ] {
        assert!(error.message.contains(part), "{part}: {}", error.message);
    }
    assert_eq!(world.core.counters.web_tickets, 0);
    assert_eq!(world.core.counters.signed_in, 0);
}

#[test]
fn tls_dsk_with_login_filled_in_signs_in() {
    let mut world = World::new(
        settings(
            "dave@contoso.test,dave.smith@corp.contoso.test",
            "Dave-pass-4",
            &[("server", "127.0.0.1"), ("authentication", "tls-dsk")],
        ),
        &tls_dsk_toml(),
    );
    world.start();
    assert!(world.signed_in(), "{:#?}", world.failure());
    assert_eq!(world.core.counters.web_tickets, 1);
    assert_eq!(world.core.counters.tls_dsk_handshakes, 1);
}

#[test]
fn a_wrong_password_at_the_ticket_service_is_authentication_failed() {
    let mut world = World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "not-her-password",
            &[("server", "127.0.0.1")],
        ),
        &tls_dsk_toml(),
    );
    world.start();
    let error = world.failure().expect("refused");
    assert_eq!(
        error.class,
        ErrorClass::AuthenticationFailed,
        "{}",
        error.message
    );
    assert!(
        error.message.contains("CONTOSO\\alice") && error.message.contains("Password"),
        "{}",
        error.message
    );
    assert_eq!(world.core.counters.web_tickets, 0);
}

/// Changes the last byte of the server's TLS-DSK records in the 401 that carries its
/// ChangeCipherSpec and Finished.
fn corrupt_server_finished(mut msg: Message) -> Option<Message> {
    let Some(value) = msg.header("WWW-Authenticate").map(str::to_owned) else {
        return Some(msg);
    };
    let Some(data) = value
        .split("gssapi-data=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
    else {
        return Some(msg);
    };
    let mut records = BASE64.decode(data).unwrap();
    if records.first() != Some(&20) {
        return Some(msg);
    }
    let last = records.len() - 1;
    records[last] ^= 0x01;
    let value = value.replace(data, &BASE64.encode(records));
    msg.set_header("WWW-Authenticate", value).unwrap();
    Some(msg)
}

#[test]
fn a_corrupted_server_finished_is_refused() {
    let mut world = alice();
    world.tamper = Some(Box::new(corrupt_server_finished));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::Other, "{}", error.message);
    assert!(
        error.message.contains("did not verify") && error.message.contains("tampered"),
        "{}",
        error.message
    );
    assert_eq!(
        world.registers_sent().len(),
        3,
        "no signed REGISTER went out"
    );
}

#[test]
fn a_bad_rspauth_on_the_final_200_is_refused() {
    let mut world = alice();
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(200) {
            let info = msg.header("Authentication-Info").unwrap().to_owned();
            let at = info.find("rspauth=\"").unwrap() + 9;
            let mut bytes = info.into_bytes();
            bytes[at + 3] = if bytes[at + 3] == b'0' { b'1' } else { b'0' };
            msg.set_header("Authentication-Info", String::from_utf8(bytes).unwrap())
                .unwrap();
        }
        Some(msg)
    }));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    assert_eq!(error.class, ErrorClass::Other);
    assert!(
        error.message.contains("signature check"),
        "{}",
        error.message
    );
}

#[test]
fn an_unsigned_200_after_the_handshake_is_refused() {
    let mut world = alice();
    world.tamper = Some(Box::new(|mut msg: Message| {
        if msg.status_code() == Some(200) {
            msg.remove_header("Authentication-Info");
        }
        Some(msg)
    }));
    world.start();
    assert!(!world.signed_in());
    let error = world.failure().expect("refused");
    assert!(
        error.message.contains("without signing"),
        "{}",
        error.message
    );
}

#[test]
fn each_inner_tls_version_the_server_allows_works() {
    for (versions, expected) in [
        (r#"["1.2"]"#, "TLS 1.2"),
        (r#"["1.0"]"#, "TLS 1.0"),
        (r#"["1.2", "1.0"]"#, "TLS 1.2"),
    ] {
        let toml =
            tls_dsk_toml().replace("[auth]", &format!("[auth]\ntls_dsk_versions = {versions}"));
        let mut world = World::alice_on(&toml);
        world.start();
        assert!(world.signed_in(), "{versions}: {:#?}", world.failure());
        assert!(
            world.log().contains(&format!(
                "TLS-DSK handshake complete: {expected}, TLS_RSA_WITH_AES"
            )),
            "{versions}: {}",
            world.log()
        );
    }
}

#[test]
fn a_service_that_refuses_sha1_requests_gets_a_sha256_one() {
    let toml = tls_dsk_toml().replace("[auth]", "[auth]\ncsr_hashes = [\"sha256\"]");
    let mut world = World::alice_on(&toml);
    world.start();
    assert!(world.signed_in(), "{:#?}", world.failure());
    assert!(
        world.log().contains("asking again with a SHA-256 request"),
        "{}",
        world.log()
    );
    let posts = world
        .web_requests
        .iter()
        .filter(|(_, r)| r.starts_with("POST /CertProv/"))
        .count();
    assert_eq!(posts, 2, "SHA-1 refused, SHA-256 accepted");
    assert_eq!(world.core.counters.certificates_issued, 1);
}

#[test]
fn auto_falls_back_to_ntlm_when_the_web_services_are_unreachable_and_says_why() {
    let mut world = alice();
    world.core.web_base = "https://webdir.contoso.test".to_owned();
    world.connect_plan = Box::new(|host, _| {
        if host == "webdir.contoso.test" {
            ConnectPlan::Refuse("Connection refused".into())
        } else {
            ConnectPlan::Accept
        }
    });
    world.start();
    assert!(world.signed_in(), "{:#?}", world.failure());
    let log = world.log();
    assert!(
        log.contains("Auto authentication: TLS-DSK did not work (Could not get a TLS-DSK certificate: https://webdir.contoso.test/CertProv/CertProvisioningService.svc/mex could not be reached"),
        "{log}"
    );
    assert!(log.contains("; using NTLM"), "{log}");
    let last = world
        .registers_sent()
        .last()
        .unwrap()
        .header("Authorization")
        .unwrap()
        .to_owned();
    assert!(last.starts_with("NTLM "), "{last}");
}

#[test]
fn tls_dsk_chosen_but_unavailable_is_a_network_error_not_ntlm() {
    let mut world = World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "Alice-pass-1",
            &[("server", "127.0.0.1"), ("authentication", "tls-dsk")],
        ),
        &tls_dsk_toml(),
    );
    world.core.web_base = "https://webdir.contoso.test".to_owned();
    world.connect_plan = Box::new(|host, _| {
        if host == "webdir.contoso.test" {
            ConnectPlan::Refuse("Connection refused".into())
        } else {
            ConnectPlan::Accept
        }
    });
    world.start();
    let error = world.failure().expect("failed");
    assert_eq!(error.class, ErrorClass::Network, "{}", error.message);
    assert!(
        error.message.contains("webdir.contoso.test"),
        "{}",
        error.message
    );

    let mut ntlm_only = World::new(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "Alice-pass-1",
            &[("server", "127.0.0.1"), ("authentication", "tls-dsk")],
        ),
        support::SERVER_TOML,
    );
    ntlm_only.start();
    let error = ntlm_only.failure().expect("failed");
    assert_eq!(error.class, ErrorClass::AuthenticationImpossible);
    assert!(
        error.message.contains("does not offer TLS-DSK"),
        "{}",
        error.message
    );
}

#[test]
fn the_association_is_renewed_before_the_certificate_expires() {
    // Two-hour certificates: renewed at 1 h 55 min, when less than an hour is left, so a
    // new certificate is provisioned for the new association.
    let toml = tls_dsk_toml().replace("[auth]", "[auth]\nclient_certificate_hours = 2");
    let mut world = World::alice_on(&toml);
    world.start();
    assert!(world.signed_in());
    world.advance(Duration::from_secs(114 * 60));
    assert_eq!(world.core.counters.tls_dsk_handshakes, 1, "not yet");
    world.advance(Duration::from_secs(2 * 60));
    assert_eq!(world.failure(), None, "{}", world.log());
    assert_eq!(world.core.counters.tls_dsk_handshakes, 2, "{}", world.log());
    assert_eq!(world.core.counters.certificates_issued, 2);
    assert_eq!(world.core.counters.auth_failures, 0);
    assert_eq!(
        world.core.counters.signed_in, 1,
        "still the same registration"
    );
}

#[test]
fn the_association_is_renewed_within_eight_hours_with_the_same_certificate() {
    let mut world = alice();
    world.start();
    world.advance(Duration::from_secs(7 * 3600 + 54 * 60));
    assert_eq!(world.core.counters.tls_dsk_handshakes, 1);
    world.advance(Duration::from_secs(2 * 60));
    assert_eq!(world.failure(), None, "{}", world.log());
    assert_eq!(world.core.counters.tls_dsk_handshakes, 2);
    assert_eq!(
        world.core.counters.certificates_issued, 1,
        "the certificate is still good"
    );
    // Signed traffic goes on with the new keys: the next refresh is verified.
    world.advance(Duration::from_secs(900));
    assert_eq!(world.core.counters.auth_failures, 0);
    assert_eq!(world.failure(), None);
}

#[test]
fn a_kept_certificate_the_server_refuses_is_replaced_once() {
    // A certificate from another CA (as after a server's CA changed).
    let dir = std::env::temp_dir().join(format!("lync-other-ca-{}", std::process::id()));
    let other = Certificates::load_or_create(&dir, "lyncfe.contoso.test").unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let mut elsewhere = alice();
    elsewhere.core.web.authority = Some(other.authority());
    elsewhere.start();
    let foreign = elsewhere.kept_certificate().expect("provisioned elsewhere");

    let mut world = World::with_certificate(
        settings(
            "alice@contoso.test,CONTOSO\\alice",
            "Alice-pass-1",
            &[("server", "127.0.0.1")],
        ),
        &tls_dsk_toml(),
        Some(foreign.clone()),
    );
    world.start();
    assert!(world.signed_in(), "{:#?}\n{}", world.failure(), world.log());
    let kept: Vec<bool> = world
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Certificate(c) => Some(c.is_some()),
            _ => None,
        })
        .collect();
    assert_eq!(
        kept,
        [false, true],
        "forgotten, then the new one kept\n{}",
        world.log()
    );
    assert_ne!(world.kept_certificate(), Some(foreign));
    assert_eq!(world.core.counters.certificates_issued, 1);
    assert!(
        world.log().contains("refused the kept certificate"),
        "{}",
        world.log()
    );
}

#[test]
fn autodiscover_gets_a_web_ticket_for_the_user_resource() {
    let mut world = World::new(
        settings("alice@contoso.test,CONTOSO\\alice", "Alice-pass-1", &[]),
        support::SERVER_TOML,
    );
    world.web_hosts = vec!["LyncDiscoverInternal.contoso.test".into()];
    world.web = Some(Box::new(|_host, request| {
        let first_line = request.lines().next().unwrap_or_default();
        let ticket = request
            .lines()
            .find_map(|l| l.strip_prefix("X-MS-WebTicket: opaque="))
            .map(|b64| String::from_utf8(BASE64.decode(b64.trim()).unwrap()).unwrap());
        let (status, extra, body) = if first_line.starts_with("GET /?sipuri=") {
            (
                "200 OK",
                "",
                r#"<AutodiscoverResponse><Root><Link token="User" href="https://LyncDiscoverInternal.contoso.test/user"/></Root></AutodiscoverResponse>"#.to_owned(),
            )
        } else {
            match ticket {
                Some(assertion) => {
                    assert!(
                        assertion.starts_with("<saml:Assertion")
                            && assertion.contains("sip:alice@contoso.test"),
                        "{assertion}"
                    );
                    (
                        "200 OK",
                        "",
                        r#"<AutodiscoverResponse AccessLocation="Internal"><User><SipClientInternalAccess fqdn="pool.contoso.test" port="5061"/></User></AutodiscoverResponse>"#.to_owned(),
                    )
                }
                None => (
                    "401 Unauthorized",
                    "X-MS-WebTicketURL: https://127.0.0.1:4443/WebTicket/WebTicketService.svc\r\n",
                    String::new(),
                ),
            }
        };
        format!(
            "HTTP/1.1 {status}\r\n{extra}Content-Type: application/vnd.microsoft.rtc.autodiscover+xml\r\nContent-Length: {}\r\n\r\n{body}",
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
    assert!(world.signed_in(), "{:#?}\n{}", world.failure(), world.log());
    let requests: Vec<&str> = world.web_requests.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        requests,
        [
            "GET /?sipuri=alice@contoso.test HTTP/1.1",
            "GET /user HTTP/1.1",
            "GET /WebTicket/WebTicketService.svc/mex",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "POST /WebTicket/WebTicketService.svc/WinNegotiate",
            "GET /user HTTP/1.1",
        ]
    );
    assert_eq!(world.core.counters.web_tickets, 1);
    assert!(
        world.connects.iter().any(|c| c.0 == "pool.contoso.test"),
        "{:?}",
        world.connects
    );
}

#[test]
fn an_ntlm_association_is_renewed_within_eight_hours_too() {
    let mut world = World::alice_on(support::SERVER_TOML);
    world.start();
    assert!(world.signed_in());
    let handshakes = |world: &World| {
        world
            .registers_sent()
            .iter()
            .filter(|r| {
                r.header("Authorization")
                    .is_some_and(|a| a.contains("gssapi-data=\"TlRMTVNTUAAD"))
            })
            .count()
    };
    assert_eq!(handshakes(&world), 1);
    world.advance(Duration::from_secs(7 * 3600 + 56 * 60));
    assert_eq!(world.failure(), None, "{}", world.log());
    assert_eq!(handshakes(&world), 2, "a second NTLM handshake");
    world.advance(Duration::from_secs(900));
    assert_eq!(world.core.counters.auth_failures, 0);
    assert_eq!(world.core.counters.signed_in, 1);
}

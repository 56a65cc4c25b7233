//! Engine scenario tests for TLS-DSK: the plugin's session against the test server's
//! `Core` (registrar, web ticket service, certificate provisioning) on a virtual network.

mod support;

use std::time::Instant;

use purple_lync::engine::{Event, Progress};
use support::{World, settings, tls_dsk_toml};

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

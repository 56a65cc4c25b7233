//! Arbitrary text as what a web service answers (or, for the test server's side, what a
//! client sends): every SOAP reader of `webticket` must return a value or an error, never
//! panic. Where a reader succeeds, what the plugin builds from its result must work too:
//! a ticket yields a security header (with and without proof) that the service-side check
//! accepts, and exclusive canonicalisation is idempotent.

#![no_main]

use libfuzzer_sys::fuzz_target;
use purple_lync::redact::redact_shapes;
use purple_lync::webticket::{
    self, CERT_PROVISIONING_PORT, RequestHeader, canonicalize, envelope, fault_text, p_sha1,
    parse_certificate_request, parse_certificate_response, parse_datetime,
    parse_service_metadata, parse_ticket_request, parse_ticket_response,
    parse_ticket_service_metadata, security_header, verify_presented_ticket,
};

const CLIENT_ENTROPY: [u8; 32] = [7; 32];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    let _ = parse_service_metadata(text, CERT_PROVISIONING_PORT);
    let _ = parse_ticket_service_metadata(text);
    let _ = parse_certificate_response(text);
    let _ = parse_ticket_request(text);
    let _ = parse_certificate_request(text);
    let _ = fault_text(text);
    let _ = parse_datetime(text);
    let _ = redact_shapes(text);
    let _ = verify_presented_ticket(text, |_| Some(zeroize::Zeroizing::new(vec![1; 32])));

    if let Ok(canonical) = canonicalize(text) {
        let again = canonicalize(&canonical).expect("canonical XML parses");
        assert_eq!(again, canonical, "canonicalisation is idempotent");
    }

    if let Ok(ticket) = parse_ticket_response(text) {
        let bearer = security_header(&ticket, None).expect("a bearer header needs no key");
        let _ = redact_shapes(&bearer);
        if let (Ok(proof), Some(server_entropy)) = (
            security_header(&ticket, Some(&CLIENT_ENTROPY)),
            ticket.server_entropy.as_ref(),
        ) {
            // What we sign, the service side accepts — if the ticket's assertion can travel
            // inside an envelope at all (a hostile one may not even be well-formed there).
            let header = RequestHeader {
                to: "https://pool/CertProv",
                action: webticket::GET_AND_PUBLISH_CERT_ACTION,
                message_id: "m",
                security: &proof,
            };
            let request = envelope(Some(&header), "<GetAndPublishCert/>");
            let key = p_sha1(&CLIENT_ENTROPY, server_entropy, CLIENT_ENTROPY.len());
            if roxmltree::Document::parse(&request).is_ok() {
                let checked = verify_presented_ticket(&request, |id| {
                    (id == ticket.assertion_id).then(|| key.clone())
                });
                if let Err(e) = checked {
                    // Only an assertion that hides another Assertion/Signature shape can
                    // confuse the check; a real ticket never does.
                    assert!(
                        ticket.assertion.matches("Assertion").count() > 2
                            || ticket.assertion.contains("Signature")
                            || ticket.assertion.contains("Timestamp"),
                        "our own proof was refused: {e}"
                    );
                }
            }
        }
    }
});

//! The real OCS 2007 / 2007 R2 messages published in pidgin-sipe's tests, parsed and
//! printed back. Header values are compared byte for byte: MS-SIPAE signatures cover them.

use purple_lync::sip::{
    AuthParams, CSeq, Contact, Decoder, Frame, Message, ParseError, StartLine, format_auth_value,
};

const REGISTER_200_OCS2007: &[u8] = include_bytes!("data/sip/001-register-200-ntlm-ocs2007.txt");
const REGISTER_REQUEST_R2: &[u8] =
    include_bytes!("data/sip/002-register-request-ntlm-auth-oc2007r2.txt");
const REGISTER_200_R2_GRUU: &[u8] =
    include_bytes!("data/sip/003-register-200-ntlm-ocs2007r2-gruu.txt");
const INVITE_180_UPPERCASE: &[u8] =
    include_bytes!("data/sip/004-invite-180-ringing-ntlm-ocs2007r2.txt");

const ALL: [&[u8]; 4] = [
    REGISTER_200_OCS2007,
    REGISTER_REQUEST_R2,
    REGISTER_200_R2_GRUU,
    INVITE_180_UPPERCASE,
];

fn parse(bytes: &[u8]) -> Message {
    Message::parse(bytes).unwrap_or_else(|e| panic!("sample does not parse: {e}"))
}

#[test]
fn fixtures_are_crlf_and_complete() {
    for sample in ALL {
        assert!(sample.ends_with(b"\r\n\r\n"));
        assert!(!sample.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'));
    }
}

#[test]
fn every_sample_prints_back_byte_identical() {
    for sample in ALL {
        let message = parse(sample);
        assert_eq!(
            String::from_utf8_lossy(&message.to_bytes()),
            String::from_utf8_lossy(sample)
        );
    }
}

#[test]
fn register_200_ocs2007() {
    let m = parse(REGISTER_200_OCS2007);
    assert_eq!(
        m.start_line(),
        &StartLine::Response {
            code: 200,
            reason: "OK".into()
        }
    );
    assert_eq!(m.header_count(), 14);
    assert_eq!(
        m.header("authentication-info"),
        Some(
            r#"NTLM rspauth="0100000000000000BF2E52667DDF6DED", srand="0878F41B", snum="1", opaque="4452DFB0", qop="auth", targetname="ocs1.ocs.provo.novell.com", realm="SIP Communications Service""#
        )
    );
    assert_eq!(
        m.header("ms-keep-alive"),
        Some("UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300")
    );
    assert_eq!(
        m.headers("Supported").collect::<Vec<_>>(),
        ["adhoclist", "com.microsoft.msrtc.presence"]
    );
    assert_eq!(
        m.header_values("u").collect::<Vec<_>>(),
        [
            "vnd-microsoft-provisioning",
            "vnd-microsoft-roaming-contacts",
            "vnd-microsoft-roaming-ACL",
            "presence",
            "presence.wpending",
            "vnd-microsoft-roaming-self",
            "vnd-microsoft-provisioning-v2"
        ]
    );
    assert_eq!(m.expires(), Ok(Some(900)));
    assert_eq!(m.call_id(), Ok("8592g5DCBa1694i5887m0D0Bt2247b3F38xAE9Fx"));
    assert_eq!(
        m.cseq(),
        Ok(CSeq {
            seq: 3,
            method: "REGISTER".into()
        })
    );

    let from = m.from().unwrap();
    assert_eq!(from.display.as_deref(), Some("Gabriel Burt"));
    assert_eq!(from.uri, "sip:gabriel@ocs.provo.novell.com");
    assert_eq!(from.tag(), Some("2947328781"));
    assert_eq!(from.param("epid"), Some("1234567890"));
    assert_eq!(
        m.to().unwrap().tag(),
        Some("B816D65C2300A32CFA6D371F2AF537FD")
    );

    let via = m.top_via().unwrap();
    assert_eq!(
        (via.transport.as_str(), via.host.as_str(), via.port),
        ("TLS", "164.99.194.49", Some(10409))
    );
    assert_eq!(via.branch(), Some("z9hG4bKE0E37DBAF252C3255BAD"));
    assert_eq!(via.received(), Some("164.99.195.20"));
    assert_eq!(via.param("ms-received-cid"), Some("1E00"));

    let contacts = m.contacts().unwrap();
    let [Contact::Address(contact)] = contacts.as_slice() else {
        panic!("one contact expected: {contacts:?}");
    };
    assert_eq!(
        contact.uri,
        "sip:164.99.195.20:10409;transport=tls;ms-received-cid=1E00"
    );
    assert_eq!(contact.param("expires"), Some("900"));

    let info = &m.auth_params("Authentication-Info").unwrap()[0];
    assert!(info.is_scheme("NTLM"));
    assert_eq!(
        info.param("rspauth"),
        Some("0100000000000000BF2E52667DDF6DED")
    );
    assert_eq!(info.param("SRAND"), Some("0878F41B"));
    assert_eq!(info.param("targetname"), Some("ocs1.ocs.provo.novell.com"));
    assert_eq!(info.param("realm"), Some("SIP Communications Service"));
}

#[test]
fn register_request_with_proxy_authorization() {
    let m = parse(REGISTER_REQUEST_R2);
    assert_eq!(m.method(), Some("REGISTER"));
    assert_eq!(m.request_uri(), Some("sip:cosmo.local"));
    let raw = m.header("Proxy-Authorization").unwrap();
    let sample = std::str::from_utf8(REGISTER_REQUEST_R2).unwrap();
    let line = sample
        .lines()
        .find_map(|l| l.strip_prefix("Proxy-Authorization: "))
        .unwrap()
        .trim_end_matches('\r');
    assert_eq!(raw, line);

    let auth = AuthParams::parse(raw).unwrap();
    assert_eq!(auth.scheme, "NTLM");
    let names: Vec<_> = auth.params.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "qop",
            "realm",
            "opaque",
            "targetname",
            "version",
            "gssapi-data",
            "crand",
            "cnum",
            "response"
        ]
    );
    assert_eq!(auth.param("version"), Some("4"));
    assert_eq!(auth.param("cnum"), Some("1"));
    assert!(
        auth.param("gssapi-data")
            .unwrap()
            .starts_with("TlRMTVNTUAAD")
    );
    // The builder writes what the real client wrote: all quoted but version.
    assert_eq!(auth.to_header_value(), raw);
    let pairs: Vec<(&str, &str)> = auth
        .params
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(format_auth_value("NTLM", &pairs), raw);

    let contact = m.contacts().unwrap();
    let address = contact[0].address().unwrap();
    assert_eq!(
        address.uri,
        "sip:192.168.172.6:12723;transport=tls;ms-opaque=fad3dfab32"
    );
    assert_eq!(
        address.param("methods"),
        Some("INVITE, MESSAGE, INFO, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY")
    );
    assert_eq!(address.param("proxy"), Some("replace"));
    assert_eq!(
        address.param("+sip.instance"),
        Some("<urn:uuid:34D859DB-6585-5F91-A3B4-DE853C15347D>")
    );
    assert_eq!(m.event().unwrap().unwrap().package, "registration");
    assert_eq!(
        m.header_values("Supported").collect::<Vec<_>>(),
        [
            "gruu-10",
            "adhoclist",
            "msrtc-event-categories",
            "ms-forking"
        ]
    );
    let via = m.top_via().unwrap();
    assert_eq!((via.port, via.branch()), (Some(12723), None));
    assert_eq!(m.from().unwrap().display, None);
    assert_eq!(m.to().unwrap().tag(), None);
}

#[test]
fn register_200_with_gruu() {
    let m = parse(REGISTER_200_R2_GRUU);
    let contacts = m.contacts().unwrap();
    let contact = contacts[0].address().unwrap();
    assert_eq!(
        contact.param("gruu"),
        Some("sip:user@cosmo.local;opaque=user:epid:21nYNIVlkV-jtN6FPBU0fQAA;gruu")
    );
    assert_eq!(contact.param("expires"), Some("7200"));
    assert_eq!(m.expires(), Ok(Some(7200)));
    assert_eq!(
        m.header("presence-state"),
        Some(r#"register-action="added""#)
    );
    assert_eq!(m.from().unwrap().display.as_deref(), Some("User"));
    assert_eq!(m.header("Server"), Some("RTC/3.5"));
}

#[test]
fn uppercase_header_names_180_ringing() {
    let m = parse(INVITE_180_UPPERCASE);
    assert_eq!(m.status_code(), Some(180));
    // Names kept as received, found under any case.
    assert!(m.iter().any(|(name, _)| name == "CALL-ID"));
    assert_eq!(m.call_id(), Ok("41CEg82ECa0AC8i3DD7mE673t9CF4b19DAxF780x"));
    assert_eq!(m.header("i"), m.header("call-id"));
    assert_eq!(
        m.cseq(),
        Ok(CSeq {
            seq: 1,
            method: "INVITE".into()
        })
    );
    let via = m.top_via().unwrap();
    assert_eq!(via.transport, "tls");
    assert_eq!(via.param("ms-received-port"), Some("50230"));
    assert_eq!(m.to().unwrap().display.as_deref(), Some("recipient"));
    assert_eq!(m.to().unwrap().param("epid"), Some("3102EB8BD1"));

    let identities = m.asserted_identities().unwrap();
    assert_eq!(identities.len(), 1);
    // URI case is kept (SIP: here), as the v4 signature string needs it.
    assert_eq!(identities[0].uri, "SIP:recipient@company.com");

    let contact = m.contacts().unwrap();
    let contact = contact[0].address().unwrap();
    assert_eq!(
        contact.uri,
        "sip:recipient@company.com;opaque=user:epid:-gLwenLTVVqy-Ak8TJn1ZAAA;gruu"
    );
    assert_eq!(contact.param("text"), Some(""));
    assert_eq!(contact.param("video"), Some(""));
    assert_eq!(
        m.header("record-route"),
        Some(
            "<sip:LOC-COMPANYT-OCSR2P01.COMPANY.COM:5061;transport=tls;ms-fe=LOC-COMPANYT-FE03.COMPANY.COM;opaque=state:F:T:Eu:Ci.R37abe00;lr;ms-route-sig=gdOGgL7NiL3hv_oBc0NdrJOxZk_r-8naq-k_DtpgAA>"
        )
    );
    // Content-Length sits mid-message here; headers after it still belong to the message.
    assert_eq!(m.header("Allow"), Some("UPDATE"));
    assert_eq!(m.body(), b"");
}

#[test]
fn samples_through_the_decoder_match_parse() {
    let mut stream = Vec::new();
    for sample in ALL {
        stream.extend_from_slice(sample);
    }
    let mut decoder = Decoder::new();
    decoder.push(&stream);
    for sample in ALL {
        assert_eq!(
            decoder.next_frame(),
            Ok(Some(Frame::Message(parse(sample))))
        );
    }
    assert_eq!(decoder.next_frame(), Ok(None));
}

#[test]
fn truncated_sample_is_incomplete_not_a_panic() {
    for cut in 0..REGISTER_REQUEST_R2.len() {
        assert_eq!(
            Message::parse(&REGISTER_REQUEST_R2[..cut]),
            Err(ParseError::IncompleteHead),
            "cut at {cut}"
        );
    }
}

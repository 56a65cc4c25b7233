//! Authentication over HTTP: the client against the server helpers, in memory.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::harness::{Network, Reply, Trace, ok, url};
use crate::auth::ntlm::{AuthenticateMessage, NegotiateFlags, NegotiateMessage, Password};
use crate::http::{HttpCredentials, HttpError, Request, ServerResponse};

fn alice(password: &str) -> HttpCredentials {
    HttpCredentials::from_login("CONTOSO\\alice", Password::new(password))
}

/// A web-ticket service behind Windows authentication: it answers who the caller is.
fn webticket_service() -> Network {
    Network::new(|server, request| match server.authorize(request) {
        Ok(user) => ok(&format!("{user}: {}", request.body_text())),
        Err(unauthorized) => unauthorized,
    })
}

fn rst() -> Request {
    Request::post(
        url("https://pool01.contoso.com/WebTicket/WebTicketService.svc"),
        "text/xml; charset=utf-8",
        b"<s:Envelope>RST</s:Envelope>".to_vec(),
    )
    .with_header(
        "SOAPAction",
        "\"http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue\"",
    )
}

/// The Authorization headers the server saw, in order.
fn authorizations(network: &Network) -> Vec<Option<String>> {
    network
        .requests()
        .iter()
        .map(|t| match t {
            Trace::Request { authorization, .. } => authorization.clone(),
            _ => unreachable!(),
        })
        .collect()
}

fn ntlm_message(header: &str, scheme: &str) -> Vec<u8> {
    let token = header.strip_prefix(scheme).unwrap().trim();
    BASE64.decode(token).unwrap()
}

#[test]
fn ntlm_handshake_on_one_connection_then_the_connection_stays_authenticated() {
    let mut network = webticket_service();
    let response = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body_text(), "alice: <s:Envelope>RST</s:Envelope>");

    let sent = authorizations(&network);
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0], None);
    let negotiate =
        NegotiateMessage::parse(&ntlm_message(sent[1].as_deref().unwrap(), "NTLM")).unwrap();
    assert!(!negotiate.flags.contains(NegotiateFlags::DATAGRAM));
    let authenticate =
        AuthenticateMessage::parse(&ntlm_message(sent[2].as_deref().unwrap(), "NTLM")).unwrap();
    assert_eq!(
        (authenticate.user.as_str(), authenticate.domain.as_str()),
        ("alice", "CONTOSO")
    );
    assert_eq!(authenticate.workstation, "ALICE-PC");
    assert!(
        authenticate.mic.is_some(),
        "the CHALLENGE carries a timestamp"
    );
    // Every leg carried the SOAP body, all on one connection.
    for trace in network.requests() {
        let Trace::Request { conn, body, .. } = trace else {
            unreachable!()
        };
        assert_eq!(
            (*conn, body.as_slice()),
            (1, b"<s:Envelope>RST</s:Envelope>".as_slice())
        );
    }

    // The next request on that connection is served without a new handshake.
    let again = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    assert_eq!(again.status, 200);
    assert_eq!(authorizations(&network).len(), 4);
    assert_eq!(authorizations(&network)[3], None);
    assert_eq!(network.connects(), 1);
}

#[test]
fn ntlm_works_when_every_byte_arrives_alone() {
    let mut network = webticket_service();
    network.delivery_size = 1;
    let response = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    assert_eq!(response.body_text(), "alice: <s:Envelope>RST</s:Envelope>");
}

#[test]
fn a_upn_login_authenticates_too() {
    let mut network = webticket_service();
    let credentials = HttpCredentials::from_login("alice@contoso.com", Password::new("Secret-1"));
    let response = network.run(rst().with_credentials(credentials)).unwrap();
    assert_eq!(
        response.body_text(),
        "alice@contoso.com: <s:Envelope>RST</s:Envelope>"
    );
}

#[test]
fn a_wrong_password_names_the_login() {
    let mut network = webticket_service();
    let error = network
        .run(rst().with_credentials(alice("secret-1")))
        .unwrap_err();
    assert_eq!(
        error,
        HttpError::AuthenticationFailed {
            url: url("https://pool01.contoso.com/WebTicket/WebTicketService.svc"),
            login: "CONTOSO\\alice".into()
        }
    );
    let message = error.to_string();
    assert!(
        message.contains("CONTOSO\\alice") && message.contains("password"),
        "{message}"
    );
    assert!(!message.contains("secret-1"));
    assert_eq!(
        network.requests().len(),
        3,
        "no second attempt with the same password"
    );
}

#[test]
fn without_credentials_the_401_is_the_answer() {
    let mut network = Network::new(|_, _| {
        Reply::Send(
            ServerResponse::new(401)
                .with_header("WWW-Authenticate", "NTLM")
                .with_header(
                    "X-MS-WebTicketURL",
                    "https://pool01.contoso.com/WebTicket/WebTicketService.svc",
                ),
        )
    });
    let response = network
        .run(Request::get(url(
            "https://pool01.contoso.com/Autodiscover/AutodiscoverService.svc/root/user",
        )))
        .unwrap();
    assert_eq!(response.status, 401);
    assert!(response.header("x-ms-webticketurl").is_some());
    assert_eq!(network.requests().len(), 1);
}

#[test]
fn a_caller_authorization_header_is_left_alone() {
    let mut network = Network::new(|_, _| {
        Reply::Send(ServerResponse::new(401).with_header("WWW-Authenticate", "NTLM"))
    });
    let request = Request::get(url("https://h/"))
        .with_header("Authorization", "Bearer t")
        .with_credentials(alice("Secret-1"));
    assert_eq!(network.run(request).unwrap().status, 401);
    assert_eq!(network.requests().len(), 1);
}

#[test]
fn negotiate_is_answered_with_raw_ntlm() {
    let mut network = webticket_service();
    network.ntlm_config.offer_ntlm = false;
    let response = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    assert_eq!(response.status, 200);
    let sent = authorizations(&network);
    assert!(
        sent[1]
            .as_deref()
            .unwrap()
            .starts_with("Negotiate TlRMTVNTUAAB")
    );
    assert!(
        sent[2]
            .as_deref()
            .unwrap()
            .starts_with("Negotiate TlRMTVNTUAAD")
    );
}

#[test]
fn ntlm_is_preferred_to_negotiate_whatever_the_order() {
    let mut network = webticket_service();
    network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    // The server offers "Negotiate" first, as IIS does.
    assert!(
        authorizations(&network)[1]
            .as_deref()
            .unwrap()
            .starts_with("NTLM ")
    );
}

#[test]
fn a_kerberos_answer_to_negotiate_is_refused_clearly() {
    let mut network = Network::new(|_, request| match request.header("authorization") {
        None => Reply::Send(ServerResponse::new(401).with_header("WWW-Authenticate", "Negotiate")),
        // A SPNEGO negTokenResp, as a Kerberos-only server might send.
        Some(_) => Reply::Send(ServerResponse::new(401).with_header(
            "WWW-Authenticate",
            "Negotiate oYG2MIGzoAMKAQGhCwYJKoZIgvcSAQIC",
        )),
    });
    let error = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap_err();
    let HttpError::AuthenticationProtocol { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        reason.contains("Kerberos") && reason.contains("only NTLM"),
        "{reason}"
    );
}

#[test]
fn a_server_that_drops_the_connection_after_the_challenge_breaks_ntlm() {
    let mut network = Network::new(|server, request| match server.authorize(request) {
        Ok(user) => ok(&user),
        Err(Reply::Send(response)) if request.header("authorization").is_some() => {
            Reply::Send(response.closing())
        }
        Err(unauthorized) => unauthorized,
    });
    let error = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap_err();
    let HttpError::AuthenticationProtocol { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(reason.contains("closed the connection"), "{reason}");
}

#[test]
fn a_closing_first_401_moves_the_handshake_to_a_new_connection() {
    let mut network = Network::new(|server, request| match server.authorize(request) {
        Ok(user) => ok(&user),
        Err(Reply::Send(response)) if request.header("authorization").is_none() => {
            Reply::Send(response.closing())
        }
        Err(unauthorized) => unauthorized,
    });
    let response = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap();
    assert_eq!(response.body_text(), "alice");
    let conns: Vec<u32> = network
        .requests()
        .iter()
        .map(|t| match t {
            Trace::Request { conn, .. } => *conn,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(conns, [1, 2, 2]);
}

#[test]
fn a_refused_negotiate_or_a_broken_challenge_fails_cleanly() {
    // The server answers the NEGOTIATE with a bare 401: it will not do NTLM for us.
    let mut network = Network::new(|_, _| {
        Reply::Send(ServerResponse::new(401).with_header("WWW-Authenticate", "NTLM"))
    });
    let error = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap_err();
    assert!(
        matches!(error, HttpError::AuthenticationFailed { .. }),
        "{error}"
    );

    // A CHALLENGE that is not one.
    let mut network = Network::new(|_, request| {
        let value = match request.header("authorization") {
            None => "NTLM".to_owned(),
            Some(_) => format!("NTLM {}", BASE64.encode(b"NTLMSSP\0\x02\0\0\0garbage")),
        };
        Reply::Send(ServerResponse::new(401).with_header("WWW-Authenticate", &value))
    });
    let error = network
        .run(rst().with_credentials(alice("Secret-1")))
        .unwrap_err();
    let HttpError::AuthenticationProtocol { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(reason.contains("unusable NTLM challenge"), "{reason}");
}

fn basic_only(network: &mut Network) {
    network.ntlm_config.offer_negotiate = false;
    network.ntlm_config.offer_ntlm = false;
    network.ntlm_config.offer_basic = true;
}

#[test]
fn basic_only_when_allowed_and_over_https() {
    let allowed = alice("Secret-1").allow_basic_over_https();

    let mut network = webticket_service();
    basic_only(&mut network);
    let response = network
        .run(rst().with_credentials(allowed.clone()))
        .unwrap();
    assert_eq!(response.body_text(), "alice: <s:Envelope>RST</s:Envelope>");
    let expected = format!("Basic {}", BASE64.encode("CONTOSO\\alice:Secret-1"));
    assert_eq!(
        authorizations(&network)[1].as_deref(),
        Some(expected.as_str())
    );

    // Not allowed: the 401 comes back.
    let mut network = webticket_service();
    basic_only(&mut network);
    assert_eq!(
        network
            .run(rst().with_credentials(alice("Secret-1")))
            .unwrap()
            .status,
        401
    );
    assert_eq!(network.requests().len(), 1);

    // Allowed, but plain http: the password is never sent.
    let mut network = webticket_service();
    basic_only(&mut network);
    let plain = Request::get(url("http://pool01.contoso.com/x")).with_credentials(allowed.clone());
    assert_eq!(network.run(plain).unwrap().status, 401);
    assert_eq!(authorizations(&network), [None]);

    // Wrong password.
    let mut network = webticket_service();
    basic_only(&mut network);
    let wrong = alice("nope").allow_basic_over_https();
    assert!(matches!(
        network.run(rst().with_credentials(wrong)).unwrap_err(),
        HttpError::AuthenticationFailed { login, .. } if login == "CONTOSO\\alice"
    ));

    // When NTLM is offered as well, NTLM is used.
    let mut network = webticket_service();
    network.ntlm_config.offer_basic = true;
    network.run(rst().with_credentials(allowed)).unwrap();
    assert!(
        authorizations(&network)[1]
            .as_deref()
            .unwrap()
            .starts_with("NTLM ")
    );
}

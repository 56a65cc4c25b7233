//! The server side: request parsing, response writing, and NTLM over HTTP at the server.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use proptest::prelude::*;

use super::harness::{accounts, ntlm_config};
use crate::auth::ntlm::{
    AuthenticateInputs, Credentials, NtlmClient, Password, filetime_from_unix,
};
use crate::engine::random::SeededRandom;
use crate::http::{
    AuthorizeOutcome, HttpNtlmServer, Limits, Method, ParseError, RequestParser, ResponseParser,
    ServerRequest, ServerResponse, Version, parse_challenges,
};

/// A chunked POST with a trailer, then a pipelined GET.
const PIPELINED: &[u8] = b"POST /WebTicket/WebTicketService.svc HTTP/1.1\r\n\
Host: pool01.contoso.com\r\n\
Transfer-Encoding: chunked\r\n\
Content-Type: text/xml\r\n\
\r\n\
5;ext=1\r\n\
<s:En\r\n\
8\r\n\
velope/>\r\n\
0\r\n\
X-Trailer: t\r\n\
\r\n\
GET /root?sipuri=alice@contoso.com&x=1 HTTP/1.0\r\n\
Host: pool01.contoso.com\r\n\
Content-Length: 2\r\n\
\r\n\
hi";

fn parse_all(parser: &mut RequestParser) -> Vec<ServerRequest> {
    let mut requests = Vec::new();
    while let Some(request) = parser.next_request().unwrap() {
        requests.push(request);
    }
    requests
}

#[test]
fn pipelined_requests_at_every_split() {
    for at in 0..=PIPELINED.len() {
        let mut parser = RequestParser::new(Limits::DEFAULT);
        parser.push(&PIPELINED[..at]);
        let mut requests = parse_all(&mut parser);
        parser.push(&PIPELINED[at..]);
        requests.extend(parse_all(&mut parser));
        assert_eq!(requests.len(), 2, "split {at}");
        let (post, get) = (&requests[0], &requests[1]);
        assert_eq!(
            (post.method.as_str(), post.path()),
            ("POST", "/WebTicket/WebTicketService.svc")
        );
        assert_eq!(post.body_text(), "<s:Envelope/>");
        assert!(!post.wants_close());
        assert_eq!(get.version, Version::Http10);
        assert_eq!(get.query_param("sipuri"), Some("alice@contoso.com"));
        assert_eq!(get.query_param("x"), Some("1"));
        assert_eq!(get.query_param("y"), None);
        assert_eq!(get.body, b"hi");
        assert!(get.wants_close(), "HTTP/1.0 without keep-alive");
    }
}

#[test]
fn request_errors_stick() {
    let mut parser = RequestParser::new(Limits::DEFAULT);
    parser.push(b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
    let error = parser.next_request().unwrap_err();
    assert!(matches!(error, ParseError::Malformed(_)));
    parser.push(b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(
        parser.next_request().unwrap_err(),
        error,
        "the framing is lost for good"
    );

    let limits = Limits {
        max_head_bytes: 100,
        max_headers: 8,
        max_body_bytes: 10,
    };
    let mut parser = RequestParser::new(limits);
    parser.push(&[b'A'; 101]);
    assert_eq!(
        parser.next_request().unwrap_err(),
        ParseError::HeadTooLarge { limit: 100 }
    );
    let mut parser = RequestParser::new(limits);
    parser.push(b"POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
    assert_eq!(
        parser.next_request().unwrap_err(),
        ParseError::BodyTooLarge { limit: 10 }
    );
    let mut parser = RequestParser::new(limits);
    parser.push(b"GET / HTTP/1.1\r\nHost\r\n\r\n");
    assert!(parser.next_request().is_err());
}

#[test]
fn responses_round_trip_through_the_client_parser() {
    let body = "x".repeat(50);
    for response in [
        ServerResponse::new(200).with_body("text/xml", body.clone()),
        ServerResponse::new(200)
            .with_body("text/xml", body.clone())
            .chunked(7),
        ServerResponse::new(200)
            .with_body("text/xml", body.clone())
            .closing(),
    ] {
        let bytes = response.to_bytes();
        let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
        let parsed = parser.push(&bytes).unwrap().unwrap();
        assert_eq!(parsed.body_text(), body);
        assert_eq!(parsed.keeps_connection_open(), !response.close);
    }
    let no_content = String::from_utf8(ServerResponse::new(204).to_bytes()).unwrap();
    assert_eq!(no_content, "HTTP/1.1 204 No Content\r\n\r\n");
    let not_found = String::from_utf8(ServerResponse::new(404).to_bytes()).unwrap();
    assert_eq!(
        not_found,
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
    );
    // A value copied from a request cannot add fields.
    let injected = ServerResponse::new(302).with_header("Location", "/x\r\nSet-Cookie: evil=1");
    let text = String::from_utf8(injected.to_bytes()).unwrap();
    assert!(!text.contains("\r\nSet-Cookie"), "{text}");
}

fn request_with(authorization: Option<String>) -> ServerRequest {
    let mut text = "GET /x HTTP/1.1\r\nHost: h\r\n".to_owned();
    if let Some(value) = authorization {
        text.push_str(&format!("Authorization: {value}\r\n"));
    }
    text.push_str("\r\n");
    let mut parser = RequestParser::new(Limits::DEFAULT);
    parser.push(text.as_bytes());
    parser.next_request().unwrap().unwrap()
}

fn respond(outcome: AuthorizeOutcome) -> ServerResponse {
    match outcome {
        AuthorizeOutcome::Respond(response) => response,
        AuthorizeOutcome::Authorized(user) => panic!("authorized {user:?}"),
    }
}

#[test]
fn server_runs_the_three_legs_and_remembers_the_connection() {
    let mut server = HttpNtlmServer::new(ntlm_config());
    let mut random = SeededRandom::new(1);
    let now = filetime_from_unix(1_700_000_000, 0);

    let first = respond(server.authorize(&request_with(None), &mut random, now, accounts));
    assert_eq!(first.status, 401);
    let offered: Vec<String> = parse_challenges(&first.headers, "www-authenticate")
        .into_iter()
        .map(|c| c.scheme)
        .collect();
    assert_eq!(offered, ["Negotiate", "NTLM"]);
    assert!(!first.close, "NTLM needs the connection kept open");

    let client = NtlmClient::connection_oriented(
        Credentials::from_login("CONTOSO\\alice", Password::new("Secret-1")),
        "PC",
    );
    let type1 = format!("NTLM {}", BASE64.encode(client.initial_token()));
    let second = respond(server.authorize(&request_with(Some(type1)), &mut random, now, accounts));
    let challenge = parse_challenges(&second.headers, "www-authenticate")[0].clone();
    let challenge = BASE64.decode(challenge.token.unwrap()).unwrap();
    let inputs = AuthenticateInputs {
        client_challenge: [1; 8],
        exported_session_key: [2; 16],
        timestamp: now,
    };
    let type3 = client.authenticate(&challenge, &inputs).unwrap().message;

    // An AUTHENTICATE replayed on another connection has no CHALLENGE to answer.
    let mut other = HttpNtlmServer::new(ntlm_config());
    let header = format!("NTLM {}", BASE64.encode(&type3));
    let replay = respond(other.authorize(
        &request_with(Some(header.clone())),
        &mut random,
        now,
        accounts,
    ));
    assert_eq!(replay.status, 401);

    match server.authorize(&request_with(Some(header)), &mut random, now, accounts) {
        AuthorizeOutcome::Authorized(user) => {
            assert_eq!(
                (user.user.as_str(), user.domain.as_str(), user.scheme),
                ("alice", "CONTOSO", "NTLM")
            );
        }
        AuthorizeOutcome::Respond(response) => panic!("refused: {response:?}"),
    }
    assert_eq!(
        server.authenticated_user().map(|u| u.user.as_str()),
        Some("alice")
    );
    assert!(matches!(
        server.authorize(&request_with(None), &mut random, now, accounts),
        AuthorizeOutcome::Authorized(_)
    ));
}

#[test]
fn server_refuses_junk_and_unoffered_schemes() {
    let mut server = HttpNtlmServer::new(ntlm_config());
    let mut random = SeededRandom::new(1);
    for value in [
        "NTLM",
        "NTLM !!!notbase64",
        "NTLM AAAA",
        "Basic YWxpY2U6U2VjcmV0LTE=",
        "Kerberos abc",
        &format!("NTLM {}", BASE64.encode(b"NTLMSSP\0\x01\0\0\0")),
    ] {
        let response = respond(server.authorize(
            &request_with(Some(value.to_owned())),
            &mut random,
            0,
            accounts,
        ));
        assert_eq!(response.status, 401, "{value}");
        assert!(server.authenticated_user().is_none());
    }
}

proptest! {
    #[test]
    fn request_parser_never_panics(
        pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..6),
    ) {
        let mut parser = RequestParser::new(Limits::DEFAULT);
        for piece in &pieces {
            parser.push(piece);
            while let Ok(Some(_)) = parser.next_request() {}
        }
    }
}

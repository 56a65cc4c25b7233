//! The response parser: realistic responses fed split at every byte position, framing
//! rules, limits, and hostile input.

use proptest::prelude::*;

use crate::http::{Limits, Method, ParseError, Response, ResponseParser, Version};

/// IIS 10 answering a SOAP request, chunked with a chunk extension and a trailer.
const CHUNKED: &[u8] = b"HTTP/1.1 200 OK\r\n\
Cache-Control: private\r\n\
Transfer-Encoding: chunked\r\n\
Content-Type: text/xml; charset=utf-8\r\n\
Server: Microsoft-IIS/10.0\r\n\
X-MS-Server-Fqdn: pool01.contoso.com\r\n\
Set-Cookie: ASP.NET_SessionId=abc; path=/; HttpOnly\r\n\
\r\n\
19;name=\"value\"\r\n\
<s:Envelope><s:Body>hello\r\n\
7\r\n\
\x20world!\r\n\
12 ; last\r\n\
</s:Body></s:Envel\r\n\
4\r\n\
ope>\r\n\
0\r\n\
X-Checksum: 42\r\n\
X-Other: yes\r\n\
\r\n";

const CHUNKED_BODY: &str = "<s:Envelope><s:Body>hello world!</s:Body></s:Envelope>";

/// A Lync autodiscover answer with Content-Length.
const WITH_LENGTH: &[u8] = b"HTTP/1.1 200 OK\r\n\
Content-Type: application/vnd.microsoft.rtc.autodiscover+xml; v=1\r\n\
Content-Length: 42\r\n\
\r\n\
<AutodiscoverResponse AccessLocation=\"x\"/>";

/// HTTP/1.0 without length: the body ends when the server closes.
const CLOSE_DELIMITED: &[u8] = b"HTTP/1.0 200 OK\r\n\
Content-Type: text/plain\r\n\
\r\n\
everything until the end";

/// A 401 with two challenges, an empty body and keep-alive.
const UNAUTHORIZED: &[u8] = b"HTTP/1.1 401 Unauthorized\r\n\
WWW-Authenticate: Negotiate\r\n\
WWW-Authenticate: NTLM\r\n\
Content-Length: 0\r\n\
\r\n";

/// Feeds `bytes` in two pieces split at `at`; returns the response and whether it came
/// only at the very end.
fn parse_split(method: Method, bytes: &[u8], at: usize, eof: bool) -> Response {
    let mut parser = ResponseParser::new(method, Limits::DEFAULT);
    let first = parser.push(&bytes[..at]).unwrap();
    if at < bytes.len() {
        assert!(
            first.is_none(),
            "complete before all bytes arrived (split {at})"
        );
    }
    let second = match first {
        Some(response) => Some(response),
        None => parser.push(&bytes[at..]).unwrap(),
    };
    match second {
        Some(response) => {
            assert!(!eof, "close-delimited response finished early (split {at})");
            response
        }
        None => {
            assert!(eof, "incomplete response (split {at})");
            parser.finish().unwrap()
        }
    }
}

#[test]
fn chunked_with_extensions_and_trailers_at_every_split() {
    for at in 0..=CHUNKED.len() {
        let response = parse_split(Method::Post, CHUNKED, at, false);
        assert_eq!(response.status, 200);
        assert_eq!(response.body_text(), CHUNKED_BODY, "split {at}");
        assert_eq!(response.trailers.get("x-checksum"), Some("42"));
        assert_eq!(response.trailers.get("X-Other"), Some("yes"));
        assert_eq!(response.header("server"), Some("Microsoft-IIS/10.0"));
        assert_eq!(response.media_type().as_deref(), Some("text/xml"));
        assert!(response.keeps_connection_open());
    }
}

#[test]
fn content_length_at_every_split() {
    for at in 0..=WITH_LENGTH.len() {
        let response = parse_split(Method::Get, WITH_LENGTH, at, false);
        assert_eq!(response.body.len(), 42);
        assert_eq!(
            response.media_type().as_deref(),
            Some("application/vnd.microsoft.rtc.autodiscover+xml")
        );
        assert_eq!(response.version, Version::Http11);
        assert!(response.keeps_connection_open());
    }
}

#[test]
fn close_delimited_at_every_split() {
    for at in 0..=CLOSE_DELIMITED.len() {
        let response = parse_split(Method::Get, CLOSE_DELIMITED, at, true);
        assert_eq!(response.body_text(), "everything until the end");
        assert_eq!(response.version, Version::Http10);
        assert!(!response.keeps_connection_open());
    }
}

#[test]
fn empty_401_at_every_split_then_byte_by_byte() {
    for at in 0..=UNAUTHORIZED.len() {
        let response = parse_split(Method::Get, UNAUTHORIZED, at, false);
        assert_eq!(response.status, 401);
        assert_eq!(response.reason, "Unauthorized");
        assert_eq!(response.headers.get_all("www-authenticate").count(), 2);
    }
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    let mut result = None;
    for (index, byte) in CHUNKED.iter().enumerate() {
        assert!(result.is_none(), "finished early at byte {index}");
        result = parser.push(std::slice::from_ref(byte)).unwrap();
    }
    assert_eq!(result.unwrap().body_text(), CHUNKED_BODY);
}

#[test]
fn what_ends_a_body() {
    let parse = |method, text: &str| {
        let mut parser = ResponseParser::new(method, Limits::DEFAULT);
        parser.push(text.as_bytes()).unwrap()
    };
    // HEAD, 204 and 304 have no body whatever the headers say.
    let head = parse(
        Method::Head,
        "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n",
    )
    .unwrap();
    assert!(head.body.is_empty());
    for status in ["204 No Content", "304 Not Modified"] {
        let response = parse(
            Method::Get,
            &format!("HTTP/1.1 {status}\r\nContent-Length: 5\r\n\r\n"),
        );
        assert!(response.unwrap().body.is_empty(), "{status}");
    }
    // Interim responses are skipped.
    let after_continue = parse(
        Method::Post,
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
    )
    .unwrap();
    assert_eq!(
        (after_continue.status, after_continue.body_text().as_ref()),
        (201, "ok")
    );
    // Identical repeated Content-Length values are one length.
    let repeated = parse(
        Method::Get,
        "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nab",
    );
    assert_eq!(repeated.unwrap().body, b"ab");
    // Chunked wins over Content-Length, but such a connection is not reused.
    let both = parse(
        Method::Get,
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n",
    )
    .unwrap();
    assert_eq!(both.body, b"ab");
    assert!(!both.keeps_connection_open());
    // HTTP/1.1 without length: until close, not reusable.
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    assert!(
        parser
            .push(b"HTTP/1.1 200 OK\r\n\r\nabc")
            .unwrap()
            .is_none()
    );
    let until_close = parser.finish().unwrap();
    assert_eq!(until_close.body, b"abc");
    assert!(!until_close.keeps_connection_open());
}

#[test]
fn connection_reuse_rules() {
    let reusable = |text: &str| {
        let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
        parser
            .push(text.as_bytes())
            .unwrap()
            .unwrap()
            .keeps_connection_open()
    };
    assert!(reusable("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assert!(!reusable(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    ));
    assert!(!reusable(
        "HTTP/1.1 200 OK\r\nConnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n"
    ));
    assert!(!reusable("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assert!(reusable(
        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"
    ));
}

#[test]
fn bytes_after_the_response_are_kept_as_excess() {
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    let mut bytes = UNAUTHORIZED.to_vec();
    bytes.extend_from_slice(b"HTTP/1.1 200");
    assert!(parser.push(&bytes).unwrap().is_some());
    assert_eq!(parser.excess(), b"HTTP/1.1 200");
    assert_eq!(
        parser.push(b" more").unwrap(),
        None,
        "one response per parser"
    );
}

#[test]
fn framing_errors() {
    let error = |text: &str| {
        let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
        parser.push(text.as_bytes()).unwrap_err()
    };
    let malformed = |text: &str| matches!(error(text), ParseError::Malformed(_));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"
    ));
    assert!(malformed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n"
    ));
    assert!(malformed("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n"));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    ));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n"
    ));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc"
    ));
    assert!(malformed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11111111111111111\r\n"
    ));
    assert!(malformed("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
    assert!(malformed("HTTP/2 200 OK\r\n\r\n"));
    assert!(malformed("SIP/2.0 200 OK\r\n\r\n"));
    assert!(malformed("HTTP/1.1 2000 OK\r\n\r\n"));
    assert!(malformed("HTTP/1.1 200 OK\r\nBad Header\r\n\r\n"));
    assert_eq!(
        error("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
        ParseError::UnsupportedTransferCoding("gzip".into())
    );
    assert_eq!(
        error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"),
        ParseError::UnsupportedTransferCoding("chunked".into())
    );
    assert_eq!(
        error("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx"),
        ParseError::UnsupportedContentEncoding("gzip".into())
    );

    // A body cut short by the connection closing.
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    assert!(
        parser
            .push(&WITH_LENGTH[..WITH_LENGTH.len() - 1])
            .unwrap()
            .is_none()
    );
    assert_eq!(parser.finish().unwrap_err(), ParseError::Incomplete);
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    assert!(!parser.received_any());
    assert_eq!(parser.finish().unwrap_err(), ParseError::Incomplete);
    parser.push(b"HTTP/1.1 2").unwrap();
    assert!(parser.received_any());
    assert_eq!(parser.finish().unwrap_err(), ParseError::Incomplete);
}

#[test]
fn limits_are_enforced_before_buffering() {
    let limits = Limits {
        max_head_bytes: 200,
        max_headers: 4,
        max_body_bytes: 100,
    };
    let parse = |bytes: &[u8]| {
        let mut parser = ResponseParser::new(Method::Get, limits);
        parser.push(bytes)
    };
    // A header section that never ends is refused once it passes the limit.
    let mut endless = b"HTTP/1.1 200 OK\r\n".to_vec();
    endless.extend(std::iter::repeat_n(b'a', 300));
    assert_eq!(
        parse(&endless).unwrap_err(),
        ParseError::HeadTooLarge { limit: 200 }
    );
    let many = "HTTP/1.1 200 OK\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\ne: 5\r\n\r\n";
    assert_eq!(
        parse(many.as_bytes()).unwrap_err(),
        ParseError::TooManyHeaders { limit: 4 }
    );
    // The announced length alone is enough to refuse.
    let big = "HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n";
    assert_eq!(
        parse(big.as_bytes()).unwrap_err(),
        ParseError::BodyTooLarge { limit: 100 }
    );
    assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n").is_ok());
    let big_chunk = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n";
    assert_eq!(
        parse(big_chunk.as_bytes()).unwrap_err(),
        ParseError::BodyTooLarge { limit: 100 }
    );
    let mut chunks = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..3 {
        chunks.extend_from_slice(b"28\r\n");
        chunks.extend(std::iter::repeat_n(b'x', 40));
        chunks.extend_from_slice(b"\r\n");
    }
    assert_eq!(
        parse(&chunks).unwrap_err(),
        ParseError::BodyTooLarge { limit: 100 }
    );
    let mut until_close = b"HTTP/1.0 200 OK\r\n\r\n".to_vec();
    until_close.extend(std::iter::repeat_n(b'x', 101));
    assert_eq!(
        parse(&until_close).unwrap_err(),
        ParseError::BodyTooLarge { limit: 100 }
    );
    // Chunk-size lines with endless extensions.
    let mut extension = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;".to_vec();
    extension.extend(std::iter::repeat_n(b'e', 5000));
    assert!(matches!(
        ResponseParser::new(Method::Get, Limits::DEFAULT).push(&extension),
        Err(ParseError::Malformed(_))
    ));
}

#[test]
fn lenient_where_servers_are_sloppy() {
    let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
    let response = parser
        .push(b"\r\nHTTP/1.1  302  Found\nLocation : /next\nX-Folded: a\r\n b\nX-Latin1: caf\xe9\nContent-Length: 0\n\n")
        .unwrap()
        .unwrap();
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some("/next"));
    assert_eq!(response.header("x-latin1"), Some("café"));
    assert!(response.header("x-folded").unwrap().starts_with('a'));
    assert!(!response.header("x-folded").unwrap().contains('\n'));
}

/// Any status, header and body made into a chunked response must parse the same whatever
/// the split.
fn arbitrary_chunked() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (
        proptest::collection::vec(proptest::collection::vec(any::<u8>(), 1..40), 0..6),
        proptest::option::of("[a-z]{1,8}"),
    )
        .prop_map(|(chunks, extension)| {
            let mut bytes = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            let mut body = Vec::new();
            for chunk in &chunks {
                bytes.extend_from_slice(format!("{:X}", chunk.len()).as_bytes());
                if let Some(extension) = &extension {
                    bytes.extend_from_slice(format!(";{extension}").as_bytes());
                }
                bytes.extend_from_slice(b"\r\n");
                bytes.extend_from_slice(chunk);
                bytes.extend_from_slice(b"\r\n");
                body.extend_from_slice(chunk);
            }
            bytes.extend_from_slice(b"0\r\n\r\n");
            (bytes, body)
        })
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(
        pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..8),
    ) {
        let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
        for piece in &pieces {
            if parser.push(piece).is_err() {
                break;
            }
        }
        let _ = parser.finish();
    }

    #[test]
    fn never_panics_on_response_shaped_bytes(
        head in "HTTP/1\\.[01] [0-9]{3} [ -~]{0,10}\r\n([A-Za-z-]{1,12}: [ -~]{0,20}\r\n){0,4}\r\n",
        framing in prop_oneof![
            Just(String::new()),
            Just("Transfer-Encoding: chunked\r\n".to_owned()),
            "Content-Length: [0-9]{1,3}\r\n",
        ],
        body in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut bytes = head.into_bytes();
        let insert_at = bytes.len() - 2;
        bytes.splice(insert_at..insert_at, framing.into_bytes());
        bytes.extend_from_slice(&body);
        let mut parser = ResponseParser::new(Method::Get, Limits::DEFAULT);
        if let Ok(None) = parser.push(&bytes) {
            let _ = parser.finish();
        }
    }

    #[test]
    fn chunked_bodies_survive_any_split((bytes, body) in arbitrary_chunked(), split in any::<prop::sample::Index>()) {
        let at = split.index(bytes.len() + 1);
        let response = parse_split(Method::Get, &bytes, at, false);
        prop_assert_eq!(response.body, body);
    }
}

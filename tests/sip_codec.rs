//! Codec behaviour: folding, compact forms, multiple values, stream framing, limits and
//! malformed input.

use purple_lync::sip::{Decoder, Frame, Limit, Limits, Message, ParseError};

const REGISTER_200: &[u8] = include_bytes!("data/sip/001-register-200-ntlm-ocs2007.txt");
const RINGING_180: &[u8] = include_bytes!("data/sip/004-invite-180-ringing-ntlm-ocs2007r2.txt");

/// An IM with a body, compact Content-Length, and a folded Subject.
const MESSAGE_WITH_BODY: &[u8] = b"MESSAGE sip:bob@company.com SIP/2.0\r\n\
v: SIP/2.0/TLS 10.0.0.1:5061;branch=z9hG4bK1\r\n\
f: <sip:alice@company.com>;tag=a1\r\n\
t: <sip:bob@company.com>\r\n\
i: call-1\r\n\
CSeq: 7 MESSAGE\r\n\
s: first line\r\n\
\x20  second line\r\n\
c: text/plain; charset=UTF-8\r\n\
l: 20\r\n\
\r\n\
hello\r\n\r\nbob, hi! \xc3\xa9";

fn frames_of(decoder: &mut Decoder) -> Vec<Frame> {
    let mut frames = Vec::new();
    while let Some(frame) = decoder.next_frame().unwrap() {
        frames.push(frame);
    }
    frames
}

fn message(frame: &Frame) -> &Message {
    match frame {
        Frame::Message(m) => m,
        Frame::KeepAlive => panic!("expected a message"),
    }
}

#[test]
fn folding_joins_with_one_space_and_trims() {
    let m = Message::parse(
        b"SIP/2.0 200 OK\r\nSubject:   one  \r\n \t two\r\n\t\r\n  three  \r\nX:\r\n later\r\nY: y\r\n\r\n",
    )
    .unwrap();
    assert_eq!(m.header("s"), Some("one two three"));
    assert_eq!(m.header("X"), Some("later"));
    assert_eq!(m.header("Y"), Some("y"));
    assert_eq!(m.header_count(), 3);
    // Inner whitespace on a line is kept as received.
    let m = Message::parse(b"SIP/2.0 200 OK\r\nA: a  b\tc\r\n\r\n").unwrap();
    assert_eq!(m.header("a"), Some("a  b\tc"));
}

#[test]
fn body_bytes_and_compact_forms() {
    let m = Message::parse(MESSAGE_WITH_BODY).unwrap();
    assert_eq!(m.body(), "hello\r\n\r\nbob, hi! é".as_bytes());
    assert_eq!(m.header("Subject"), Some("first line second line"));
    assert_eq!(m.header("Content-Type"), Some("text/plain; charset=UTF-8"));
    assert_eq!(m.header("CONTENT-LENGTH"), Some("20"));
    assert_eq!(m.call_id(), Ok("call-1"));
    assert_eq!(m.from().unwrap().tag(), Some("a1"));
    assert_eq!(m.top_via().unwrap().branch(), Some("z9hG4bK1"));
    // Full name lookups find compact headers and the other way round.
    let mut built = Message::request("OPTIONS", "sip:x").unwrap();
    built.add_header("Call-ID", "abc").unwrap();
    assert_eq!(built.header("i"), Some("abc"));
    assert_eq!(built.header("I"), Some("abc"));
    assert_eq!(built.header("call-id"), Some("abc"));
    assert_eq!(built.header("Content-Length"), None);
}

#[test]
fn multiple_values_in_order() {
    let m = Message::parse(
        b"SIP/2.0 200 OK\r\nSupported: a, b\r\nk: c\r\nSUPPORTED: \"d, e\", <f,g>\r\n\r\n",
    )
    .unwrap();
    assert_eq!(
        m.headers("supported").collect::<Vec<_>>(),
        ["a, b", "c", "\"d, e\", <f,g>"]
    );
    assert_eq!(
        m.header_values("Supported").collect::<Vec<_>>(),
        ["a", "b", "c", "\"d, e\"", "<f,g>"]
    );
    assert_eq!(m.header("Supported"), Some("a, b"));
}

/// Two keep-alive CRLFCRLFs, a lone CRLF and three messages, one with a body.
fn three_message_stream() -> Vec<u8> {
    let mut stream = b"\r\n\r\n".to_vec();
    stream.extend_from_slice(REGISTER_200);
    stream.extend_from_slice(b"\r\n");
    stream.extend_from_slice(MESSAGE_WITH_BODY);
    stream.extend_from_slice(b"\r\n\r\n");
    stream.extend_from_slice(RINGING_180);
    stream
}

fn expected_frames() -> Vec<Frame> {
    let parse = |bytes| Frame::Message(Message::parse(bytes).unwrap());
    vec![
        Frame::KeepAlive,
        Frame::KeepAlive,
        parse(REGISTER_200),
        Frame::KeepAlive,
        parse(MESSAGE_WITH_BODY),
        Frame::KeepAlive,
        Frame::KeepAlive,
        parse(RINGING_180),
    ]
}

#[test]
fn framing_whole_stream_in_one_read() {
    let mut decoder = Decoder::new();
    decoder.push(&three_message_stream());
    assert_eq!(frames_of(&mut decoder), expected_frames());
    assert_eq!(decoder.buffered_len(), 0);
}

#[test]
fn framing_is_the_same_at_every_split_point() {
    let stream = three_message_stream();
    let expected = expected_frames();
    for split in 0..=stream.len() {
        let mut decoder = Decoder::new();
        decoder.push(&stream[..split]);
        let mut frames = frames_of(&mut decoder);
        decoder.push(&stream[split..]);
        frames.extend(frames_of(&mut decoder));
        assert_eq!(frames, expected, "split at byte {split}");
        assert_eq!(decoder.buffered_len(), 0);
    }
}

#[test]
fn framing_one_byte_at_a_time() {
    let stream = three_message_stream();
    let mut decoder = Decoder::new();
    let mut frames = Vec::new();
    for byte in &stream {
        decoder.push(std::slice::from_ref(byte));
        frames.extend(frames_of(&mut decoder));
    }
    assert_eq!(frames, expected_frames());
}

#[test]
fn missing_content_length_on_a_stream_means_empty_body() {
    let mut decoder = Decoder::new();
    decoder.push(b"NOTIFY sip:a SIP/2.0\r\nEvent: presence\r\n\r\nSIP/2.0 200 OK\r\n\r\n");
    let frames = frames_of(&mut decoder);
    assert_eq!(frames.len(), 2);
    assert_eq!(message(&frames[0]).body(), b"");
    assert_eq!(message(&frames[1]).status_code(), Some(200));
}

#[test]
fn a_message_waits_for_its_whole_body() {
    let mut decoder = Decoder::new();
    decoder.push(b"SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\n12345");
    assert_eq!(decoder.next_frame(), Ok(None));
    decoder.push(b"6789");
    assert_eq!(decoder.next_frame(), Ok(None));
    decoder.push(b"0SIP/2.0");
    let frame = decoder.next_frame().unwrap().unwrap();
    assert_eq!(message(&frame).body(), b"1234567890");
    assert_eq!(decoder.next_frame(), Ok(None));
    assert_eq!(decoder.buffered_len(), 7);
}

const SMALL: Limits = Limits {
    max_start_line: 32,
    max_header_section: 128,
    max_headers: 3,
    max_body: 10,
};

fn decode_with(limits: Limits, bytes: &[u8]) -> Result<Vec<Frame>, ParseError> {
    let mut decoder = Decoder::with_limits(limits);
    decoder.push(bytes);
    let mut frames = Vec::new();
    while let Some(frame) = decoder.next_frame()? {
        frames.push(frame);
    }
    Ok(frames)
}

fn limit_error(limit: Limit, max: usize, actual: usize) -> ParseError {
    ParseError::LimitExceeded { limit, max, actual }
}

#[test]
fn limits_at_the_edge_pass() {
    let start_line = format!("OPTIONS sip:{} SIP/2.0", "a".repeat(32 - 20));
    assert_eq!(start_line.len(), 32);
    let ok = format!("{start_line}\r\nA: 1\r\nB: 2\r\nl: 10\r\n\r\n0123456789");
    assert_eq!(decode_with(SMALL, ok.as_bytes()).unwrap().len(), 1);
    assert!(Message::parse_with_limits(ok.as_bytes(), &SMALL).is_ok());

    let mut head = "SIP/2.0 200 OK\r\nX: ".to_owned();
    head.push_str(&"x".repeat(128 - head.len() - 4));
    head.push_str("\r\n\r\n");
    assert_eq!(head.len(), 128);
    assert_eq!(decode_with(SMALL, head.as_bytes()).unwrap().len(), 1);
}

#[test]
fn start_line_limit() {
    let long = format!("OPTIONS sip:{} SIP/2.0\r\n\r\n", "a".repeat(13));
    assert_eq!(
        Message::parse_with_limits(long.as_bytes(), &SMALL),
        Err(limit_error(Limit::StartLine, 32, 33))
    );
    // The stream decoder gives up as soon as 34 bytes hold no CRLF, before the header end.
    let mut decoder = Decoder::with_limits(SMALL);
    decoder.push(&long.as_bytes()[..33]);
    assert_eq!(decoder.next_frame(), Ok(None));
    decoder.push(&long.as_bytes()[33..34]);
    assert_eq!(
        decoder.next_frame(),
        Err(limit_error(Limit::StartLine, 32, 34))
    );
}

#[test]
fn header_section_limit() {
    let endless = format!("SIP/2.0 200 OK\r\nX: {}", "x".repeat(200));
    assert_eq!(
        decode_with(SMALL, endless.as_bytes()),
        Err(limit_error(Limit::HeaderSection, 128, 219))
    );
    let mut head = "SIP/2.0 200 OK\r\nX: ".to_owned();
    head.push_str(&"x".repeat(128 - head.len() - 3));
    head.push_str("\r\n\r\n");
    assert_eq!(
        decode_with(SMALL, head.as_bytes()),
        Err(limit_error(Limit::HeaderSection, 128, 129))
    );
    assert_eq!(
        Message::parse_with_limits(head.as_bytes(), &SMALL),
        Err(limit_error(Limit::HeaderSection, 128, 129))
    );
    // A head that never ends fails at the limit, not after buffering everything.
    let mut decoder = Decoder::with_limits(SMALL);
    decoder.push(b"SIP/2.0 200 OK\r\n");
    for _ in 0..20 {
        decoder.push(b"X: xxxxxxxxx\r\n");
        if decoder.next_frame().is_err() {
            break;
        }
    }
    assert!(matches!(
        decoder.next_frame(),
        Err(ParseError::LimitExceeded {
            limit: Limit::HeaderSection,
            ..
        })
    ));
}

#[test]
fn header_count_limit() {
    let four = b"SIP/2.0 200 OK\r\nA: 1\r\nB: 2\r\n folded\r\nC: 3\r\nD: 4\r\n\r\n";
    assert_eq!(
        decode_with(SMALL, four),
        Err(limit_error(Limit::HeaderCount, 3, 4))
    );
    let three_folded = b"SIP/2.0 200 OK\r\nA: 1\r\nB: 2\r\n folded\r\nC: 3\r\n\r\n";
    assert!(decode_with(SMALL, three_folded).is_ok());
}

#[test]
fn body_limit_fails_before_the_body_arrives() {
    let head = b"SIP/2.0 200 OK\r\nContent-Length: 11\r\n\r\n";
    assert_eq!(
        decode_with(SMALL, head),
        Err(limit_error(Limit::Body, 10, 11))
    );
    // With the default limits: 64 MiB is fine to announce, one byte more is not.
    let ok = b"SIP/2.0 200 OK\r\nContent-Length: 67108864\r\n\r\n";
    assert_eq!(decode_with(Limits::default(), ok), Ok(vec![]));
    let too_big = b"SIP/2.0 200 OK\r\nContent-Length: 67108865\r\n\r\n";
    assert_eq!(
        decode_with(Limits::default(), too_big),
        Err(limit_error(Limit::Body, 64 << 20, (64 << 20) + 1))
    );
    // Without Content-Length, Message::parse bounds the rest of the bytes instead.
    assert_eq!(
        Message::parse_with_limits(b"SIP/2.0 200 OK\r\n\r\n01234567890", &SMALL),
        Err(limit_error(Limit::Body, 10, 11))
    );
}

#[test]
fn large_body_is_framed() {
    let body = vec![b'x'; 1 << 20];
    let mut m = Message::request("NOTIFY", "sip:me@company.com").unwrap();
    m.set_body(body.clone());
    let bytes = m.to_bytes();
    let mut decoder = Decoder::new();
    for chunk in bytes.chunks(16 * 1024) {
        decoder.push(chunk);
    }
    let frame = decoder.next_frame().unwrap().unwrap();
    assert_eq!(message(&frame).body(), body.as_slice());
}

type ErrorCheck = fn(&ParseError) -> bool;

#[test]
fn malformed_inputs_are_errors() {
    let cases: &[(&[u8], ErrorCheck)] = &[
        (b"HELLO\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidStartLine { .. })
        }),
        (b"INVITE sip:x SIP/2.0 \r\n\r\n", |e| {
            matches!(e, ParseError::InvalidStartLine { .. })
        }),
        (b"SIP/2.0 OK\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidStartLine { .. })
        }),
        (b"HTTP/1.1 200 OK\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidStartLine { .. })
        }),
        (b"SIP/1.0 200 OK\r\n\r\n", |e| {
            matches!(e, ParseError::UnsupportedVersion { .. })
        }),
        (b"SIP/2.0 200 OK\r\nContent-Length: ten\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidContentLength { .. })
        }),
        (b"SIP/2.0 200 OK\r\nContent-Length: -5\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidContentLength { .. })
        }),
        (
            b"SIP/2.0 200 OK\r\nl: 1\r\nContent-Length: 2\r\n\r\nab",
            |e| {
                matches!(
                    e,
                    ParseError::ConflictingContentLength {
                        first: 1,
                        second: 2
                    }
                )
            },
        ),
        (b"SIP/2.0 200 OK\r\nFrom: \xff\xfe\r\n\r\n", |e| {
            *e == ParseError::InvalidUtf8 { line: 2 }
        }),
        (b"SIP/2.0 200 \xc0K\r\n\r\n", |e| {
            *e == ParseError::InvalidUtf8 { line: 1 }
        }),
        (b"SIP/2.0 200 OK\r\nF\xc3\xa9: x\r\n\r\n", |e| {
            matches!(e, ParseError::InvalidHeaderName { line: 2, .. })
        }),
        (b"SIP/2.0 200 OK\r\nA: 1\nB: 2\r\n\r\n", |e| {
            *e == ParseError::ControlCharacter {
                line: 2,
                byte: b'\n',
            }
        }),
        (b"SIP/2.0 200 OK\r\nA: \x00\r\n\r\n", |e| {
            *e == ParseError::ControlCharacter { line: 2, byte: 0 }
        }),
        (b"SIP/2.0 200 OK\r\nNoColon\r\n\r\n", |e| {
            matches!(e, ParseError::MissingColon { line: 2, .. })
        }),
        (b"SIP/2.0 200 OK\r\n continued\r\n\r\n", |e| {
            *e == ParseError::OrphanContinuation { line: 2 }
        }),
        (b"\n\n", |e| {
            matches!(
                e,
                ParseError::ControlCharacter { .. } | ParseError::InvalidStartLine { .. }
            )
        }),
    ];
    for (input, is_expected) in cases {
        let mut decoder = Decoder::new();
        decoder.push(input);
        decoder.push(b"\r\n\r\n");
        let error = decoder
            .next_frame()
            .expect_err("decoder accepted bad input");
        assert!(
            is_expected(&error),
            "{:?}: {error:?}",
            input.escape_ascii().to_string()
        );
        assert!(!error.to_string().is_empty());
        // The decoder stays failed, whatever comes next.
        decoder.push(REGISTER_200);
        assert_eq!(decoder.next_frame(), Err(error));
    }
}

#[test]
fn error_messages_say_what_and_where() {
    let e = Message::parse(b"SIP/2.0 200 OK\r\nA: 1\r\nbad line\r\n\r\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 3: header line without a colon: bad line"
    );
    let e = Message::parse(b"SIP/2.0 200 OK\r\nContent-Length: 0x1\r\n\r\n").unwrap_err();
    assert_eq!(e.to_string(), "invalid Content-Length value: 0x1");
    let e = Message::parse(b"SIP/2.0 200 OK\r\nX: \xff\r\n\r\n").unwrap_err();
    assert_eq!(e.to_string(), "line 2: not valid UTF-8");
    let e = decode_with(SMALL, b"SIP/2.0 200 OK\r\nl: 99\r\n\r\n").unwrap_err();
    assert_eq!(e.to_string(), "body size limit exceeded: 99 (maximum 10)");
}

//! Arbitrary bytes, fed to the SIP stream decoder in arbitrary chunks. Every message it
//! yields must print and read back as the same message, through `Message::parse` and through
//! a fresh decoder, and its typed views must not panic.
//!
//! The first input byte picks the chunking and the limits; the rest is the stream.

#![no_main]

use libfuzzer_sys::fuzz_target;
use purple_lync::sip::{Decoder, Frame, Limits, Message};

const SMALL_LIMITS: Limits = Limits {
    max_start_line: 40,
    max_header_section: 256,
    max_headers: 8,
    max_body: 64,
};

fuzz_target!(|data: &[u8]| {
    let Some((&seed, stream)) = data.split_first() else {
        return;
    };
    let limits = if seed & 0x80 != 0 {
        SMALL_LIMITS
    } else {
        Limits::default()
    };
    let mut decoder = Decoder::with_limits(limits);
    let mut chunk_state = u32::from(seed) | 1;
    let mut rest = stream;
    while !rest.is_empty() {
        // A small LCG: chunk sizes 1..=64 that vary from read to read.
        chunk_state = chunk_state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let size = ((chunk_state >> 16) % 64 + 1) as usize;
        let (chunk, tail) = rest.split_at(size.min(rest.len()));
        rest = tail;
        decoder.push(chunk);
        loop {
            match decoder.next_frame() {
                Ok(Some(Frame::Message(message))) => check_message(&message, &limits),
                Ok(Some(Frame::KeepAlive)) => {}
                Ok(None) => break,
                Err(first) => {
                    // Sticky: the same error again, and nothing more.
                    decoder.push(b"SIP/2.0 200 OK\r\n\r\n");
                    assert_eq!(decoder.next_frame(), Err(first));
                    return;
                }
            }
        }
    }
});

fn check_message(message: &Message, limits: &Limits) {
    let printed = message.to_bytes();
    let reparsed = Message::parse(&printed).expect("a decoded message prints as valid SIP");
    assert_eq!(reparsed.start_line(), message.start_line());
    assert_eq!(reparsed.body(), message.body());
    assert_eq!(headers_but_length(&reparsed), headers_but_length(message));
    assert_eq!(reparsed.to_bytes(), printed, "printing is a fixed point");

    let mut decoder = Decoder::with_limits(*limits);
    decoder.push(&printed);
    match decoder.next_frame() {
        Ok(Some(Frame::Message(again))) => assert_eq!(again, reparsed),
        // Printing adds ": " and Content-Length, which may push a message at the edge of
        // the small limits over them; that must be a limit error, nothing else.
        Err(purple_lync::sip::ParseError::LimitExceeded { .. }) => {}
        other => panic!("printed message did not decode: {other:?}"),
    }

    let _ = message.vias();
    let _ = message.cseq();
    let _ = message.call_id();
    let _ = message.from();
    let _ = message.to();
    let _ = message.contacts();
    let _ = message.asserted_identities();
    let _ = message.expires();
    let _ = message.event();
    let _ = message.subscription_state();
    for name in [
        "WWW-Authenticate",
        "Proxy-Authenticate",
        "Authorization",
        "Proxy-Authorization",
        "Authentication-Info",
    ] {
        if let Ok(all) = message.auth_params(name) {
            for auth in all {
                let again = purple_lync::sip::AuthParams::parse(&auth.to_header_value());
                assert_eq!(again, Ok(auth));
            }
        }
    }
    let _ = message.header_values("Supported").count();
}

fn headers_but_length(message: &Message) -> Vec<(&str, &str)> {
    message
        .iter()
        .filter(|(name, _)| {
            !name.eq_ignore_ascii_case("content-length") && !name.eq_ignore_ascii_case("l")
        })
        .collect()
}

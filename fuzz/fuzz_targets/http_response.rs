//! Arbitrary bytes as an HTTP response, fed to the response parser in arbitrary chunks. The
//! result must not depend on the chunking: a response parsed from chunks equals the one
//! parsed from the whole input, and an error in one is an error in the other. What a
//! response carries for the client's other parsers (challenges, cookies) must not panic.
//!
//! The first input byte picks the chunking, the limits and GET or HEAD; the rest is the
//! stream.

#![no_main]

use std::time::Instant;

use libfuzzer_sys::fuzz_target;
use purple_lync::http::{
    CookieJar, Limits, Method, ParseError, Response, ResponseParser, Url, parse_challenges,
};

const SMALL_LIMITS: Limits = Limits {
    max_head_bytes: 256,
    max_headers: 8,
    max_body_bytes: 128,
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
    let method = if seed & 0x40 != 0 {
        Method::Head
    } else {
        Method::Get
    };

    let whole = parse_whole(method, limits, stream);

    let mut parser = ResponseParser::new(method, limits);
    let mut chunk_state = u32::from(seed) | 1;
    let mut rest = stream;
    let mut chunked = None;
    while !rest.is_empty() {
        // A small LCG: chunk sizes 1..=64 that vary from read to read.
        chunk_state = chunk_state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let size = ((chunk_state >> 16) % 64 + 1) as usize;
        let (chunk, tail) = rest.split_at(size.min(rest.len()));
        rest = tail;
        match parser.push(chunk) {
            Ok(None) => {}
            Ok(Some(response)) => {
                chunked = Some(Ok(response));
                break;
            }
            Err(error) => {
                chunked = Some(Err(error));
                break;
            }
        }
    }
    let chunked = chunked.unwrap_or_else(|| parser.finish());

    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the chunking changed the response"),
        (Err(_), Err(_)) => {}
        _ => panic!("whole: {whole:?}, chunked: {chunked:?}"),
    }
    if let Ok(response) = &chunked {
        exercise(response);
    }
});

fn parse_whole(method: Method, limits: Limits, stream: &[u8]) -> Result<Response, ParseError> {
    let mut parser = ResponseParser::new(method, limits);
    match parser.push(stream)? {
        Some(response) => Ok(response),
        None => parser.finish(),
    }
}

/// What the client does with a response besides reading it.
fn exercise(response: &Response) {
    let _ = parse_challenges(&response.headers, "www-authenticate");
    let _ = response.media_type();
    let _ = format!("{response:?}");
    if let Ok(url) = Url::parse("https://pool01.contoso.com/WebTicket/WebTicketService.svc") {
        if let Some(location) = response.header("location") {
            let _ = url.join(location);
        }
        let now = Instant::now();
        let mut jar = CookieJar::new();
        jar.store_from_headers(&url, &response.headers, now);
        let _ = jar.cookie_header(&url, now);
    }
}

//! Framing SIP messages out of a byte stream (TCP/TLS).

use super::error::{Limit, ParseError};
use super::head::{CRLF, HEAD_TERMINATOR, find_crlf, find_head_end, parse_head};
use super::limits::Limits;
use super::message::Message;

/// What the stream carried next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Message(Message),
    /// One CRLF between messages: a keep-alive (RFC 5626; Lync's ms-keep-alive sends
    /// CRLFCRLF, which therefore arrives as two `KeepAlive` frames). Reported per CRLF so the
    /// frames do not depend on how the bytes were split into reads.
    KeepAlive,
}

#[derive(Debug)]
enum State {
    /// Between messages: keep-alive CRLFs or a start line come next.
    Boundary,
    /// Inside a header section. `scanned` bytes were searched for the blank line already;
    /// `start_line_seen` once the first CRLF was found within the start-line limit.
    Head {
        scanned: usize,
        start_line_seen: bool,
    },
    /// Header section parsed; `body` collects its `length` bytes. Body bytes go straight
    /// there, not through `buf`: a multi-megabyte body is held once, not twice.
    Body {
        message: Message,
        length: usize,
        body: Vec<u8>,
    },
}

/// Incremental stream decoder: [`push`](Decoder::push) bytes as they arrive, then call
/// [`next_frame`](Decoder::next_frame) until it returns `Ok(None)`.
///
/// A message may be split at any byte and a read may hold several messages. Bodies are
/// framed by Content-Length; without it the body is empty (RFC 3261 §18.3 makes the header
/// mandatory on streams, and a missing one cannot be framed any other way).
///
/// **After an error the decoder is unusable**: the stream has lost its framing, so every
/// later `next_frame` returns the same error and the caller should close the connection.
#[derive(Debug)]
pub struct Decoder {
    limits: Limits,
    buf: Vec<u8>,
    /// Bytes of `buf` already handed out; dropped at the next `push`.
    consumed: usize,
    state: State,
    failed: Option<ParseError>,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::with_limits(Limits::DEFAULT)
    }

    pub fn with_limits(limits: Limits) -> Decoder {
        Decoder {
            limits,
            buf: Vec::new(),
            consumed: 0,
            state: State::Boundary,
            failed: None,
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Appends bytes read from the connection (ignored once the decoder has failed).
    pub fn push(&mut self, bytes: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        let mut bytes = bytes;
        if let State::Body { length, body, .. } = &mut self.state
            && self.consumed == self.buf.len()
        {
            // Nothing unread in front of these bytes: they continue the body.
            let take = (*length - body.len()).min(bytes.len());
            body.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
        }
        if self.consumed > 0 {
            // Compact once per read rather than once per frame: bounded copying.
            self.buf.drain(..self.consumed);
            self.consumed = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes pushed but not yet returned as frames.
    pub fn buffered_len(&self) -> usize {
        let body = match &self.state {
            State::Body { body, .. } => body.len(),
            _ => 0,
        };
        self.buf.len() - self.consumed + body
    }

    /// The next complete frame, `Ok(None)` if more bytes are needed, or the error that made
    /// the stream unreadable (returned again on every later call).
    pub fn next_frame(&mut self) -> Result<Option<Frame>, ParseError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = self.advance();
        if let Err(error) = &result {
            self.failed = Some(error.clone());
            // Nothing buffered will ever be read again.
            self.buf = Vec::new();
            self.consumed = 0;
            self.state = State::Boundary;
        }
        result
    }

    fn advance(&mut self) -> Result<Option<Frame>, ParseError> {
        loop {
            let pending = self.buf.get(self.consumed..).unwrap_or_default();
            // Taken out so each arm owns its data; arms that wait put their state back.
            match std::mem::replace(&mut self.state, State::Boundary) {
                State::Boundary => {
                    if pending.starts_with(CRLF) {
                        self.consumed += CRLF.len();
                        return Ok(Some(Frame::KeepAlive));
                    }
                    if pending.is_empty() || pending == b"\r" {
                        return Ok(None);
                    }
                    self.state = State::Head {
                        scanned: 0,
                        start_line_seen: false,
                    };
                }
                State::Head {
                    scanned,
                    mut start_line_seen,
                } => {
                    let limits = &self.limits;
                    if !start_line_seen {
                        // A start line within the limit has its CRLF in the first max + 2 bytes.
                        let window = prefix(pending, limits.max_start_line + CRLF.len());
                        start_line_seen = find_crlf(window, scanned.saturating_sub(1)).is_some();
                        if !start_line_seen && window.len() == limits.max_start_line + CRLF.len() {
                            return Err(ParseError::LimitExceeded {
                                limit: Limit::StartLine,
                                max: limits.max_start_line,
                                actual: pending.len(),
                            });
                        }
                    }
                    let window = prefix(pending, limits.max_header_section);
                    let Some(head_end) = find_head_end(window, scanned) else {
                        if pending.len() >= limits.max_header_section {
                            return Err(ParseError::LimitExceeded {
                                limit: Limit::HeaderSection,
                                max: limits.max_header_section,
                                actual: pending.len(),
                            });
                        }
                        self.state = State::Head {
                            scanned: window.len(),
                            start_line_seen,
                        };
                        return Ok(None);
                    };
                    let head = parse_head(prefix(window, head_end), limits)?;
                    self.consumed += head_end + HEAD_TERMINATOR.len();
                    self.state = State::Body {
                        length: head.content_length.unwrap_or(0),
                        message: Message::from_parts(head.start_line, head.headers, Vec::new()),
                        // Allocated at once at its announced length (at most `max_body`):
                        // grown step by step, a multi-megabyte body left freed copies behind
                        // that kept the process's memory high. The pages of a large
                        // allocation are backed by memory only as bytes arrive, so a peer that
                        // announces much and sends little costs address space, not memory.
                        body: Vec::with_capacity(head.content_length.unwrap_or(0)),
                    };
                }
                State::Body {
                    mut message,
                    length,
                    mut body,
                } => {
                    let take = (length - body.len()).min(pending.len());
                    body.extend_from_slice(&pending[..take]);
                    self.consumed += take;
                    if body.len() < length {
                        self.state = State::Body {
                            message,
                            length,
                            body,
                        };
                        return Ok(None);
                    }
                    message.set_body(body);
                    return Ok(Some(Frame::Message(message)));
                }
            }
        }
    }
}

/// The first `len` bytes of `bytes`, or all of them if it is shorter.
fn prefix(bytes: &[u8], len: usize) -> &[u8] {
    bytes.get(..len).unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(decoder: &mut Decoder) -> Vec<Frame> {
        let mut out = Vec::new();
        while let Some(frame) = decoder.next_frame().unwrap() {
            out.push(frame);
        }
        out
    }

    #[test]
    fn keep_alives_and_message() {
        let mut d = Decoder::new();
        d.push(b"\r\n\r\nOPTIONS sip:x SIP/2.0\r\nl: 2\r\n\r\nhi\r\n");
        let got = frames(&mut d);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0], Frame::KeepAlive);
        assert_eq!(got[1], Frame::KeepAlive);
        let Frame::Message(m) = &got[2] else {
            panic!("expected a message, got {:?}", got[2]);
        };
        assert_eq!(m.method(), Some("OPTIONS"));
        assert_eq!(m.body(), b"hi");
        assert_eq!(got[3], Frame::KeepAlive);
        assert_eq!(d.buffered_len(), 0);
    }

    #[test]
    fn lone_cr_waits_then_bad_byte_fails() {
        let mut d = Decoder::new();
        d.push(b"\r");
        assert_eq!(d.next_frame(), Ok(None));
        d.push(b"\n");
        assert_eq!(d.next_frame(), Ok(Some(Frame::KeepAlive)));
        d.push(b"\rX\r\n\r\n");
        assert!(matches!(
            d.next_frame(),
            Err(ParseError::ControlCharacter {
                line: 1,
                byte: b'\r'
            })
        ));
    }

    #[test]
    fn error_is_sticky() {
        let mut d = Decoder::new();
        d.push(b"GARBAGE\r\n\r\n");
        let first = d.next_frame().unwrap_err();
        d.push(b"SIP/2.0 200 OK\r\n\r\n");
        assert_eq!(d.next_frame().unwrap_err(), first);
        assert_eq!(d.buffered_len(), 0);
    }

    #[test]
    fn huge_content_length_fails_before_any_body_arrives() {
        let mut d = Decoder::new();
        d.push(b"SIP/2.0 200 OK\r\nContent-Length: 1844674407370955161500000\r\n\r\n");
        assert!(matches!(
            d.next_frame(),
            Err(ParseError::InvalidContentLength { .. })
        ));
        let mut d = Decoder::new();
        d.push(b"SIP/2.0 200 OK\r\nContent-Length: 4000000000\r\n\r\n");
        assert_eq!(
            d.next_frame(),
            Err(ParseError::LimitExceeded {
                limit: Limit::Body,
                max: Limits::DEFAULT.max_body,
                actual: 4_000_000_000
            })
        );
    }
}

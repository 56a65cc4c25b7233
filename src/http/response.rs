//! HTTP/1.x responses and their incremental parser.

use std::borrow::Cow;
use std::fmt;

use super::body::{
    BodyDecoder, Framing, Limits, Version, content_length, convert_headers, head_error, is_chunked,
    may_hold_blank_line,
};
use super::error::ParseError;
use super::headers::Headers;
use super::request::Method;

/// A complete response.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    pub version: Version,
    pub status: u16,
    pub reason: String,
    pub headers: Headers,
    /// De-chunked.
    pub body: Vec<u8>,
    /// Fields of a chunked body's trailer section (usually none).
    pub trailers: Headers,
    /// Whether the connection can carry another request after this response.
    keep_alive: bool,
}

impl Response {
    /// A response as a server would send it (for tests and callers that fake one).
    pub fn new(status: u16, headers: Headers, body: Vec<u8>) -> Response {
        Response {
            version: Version::Http11,
            status,
            reason: String::new(),
            headers,
            body,
            trailers: Headers::new(),
            keep_alive: true,
        }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    /// The media type of `Content-Type` without parameters, lower-case.
    pub fn media_type(&self) -> Option<String> {
        let value = self.headers.get("content-type")?;
        let media_type = value.split(';').next().unwrap_or(value).trim();
        Some(media_type.to_ascii_lowercase())
    }

    /// The body as text; invalid UTF-8 is replaced rather than refused.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// False when the server closes the connection after this response (`Connection:
    /// close`, HTTP/1.0 without keep-alive, or a body delimited by closing).
    pub fn keeps_connection_open(&self) -> bool {
        self.keep_alive
    }
}

/// Status, headers (redacted) and the body's size: bodies may carry tickets and keys.
impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("version", &self.version)
            .field("status", &self.status)
            .field("reason", &self.reason)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("trailers", &self.trailers)
            .field("keep_alive", &self.keep_alive)
            .finish()
    }
}

/// The parts of a parsed status line and header section.
struct Head {
    version: Version,
    status: u16,
    reason: String,
    headers: Headers,
    keep_alive: bool,
}

enum State {
    Head { scanned: usize },
    Body { head: Head, decoder: BodyDecoder },
    Done,
}

/// Reads one response from a byte stream: feed bytes with [`push`](Self::push) until it
/// returns the response; at end of stream call [`finish`](Self::finish) (a body delimited by
/// closing is complete only then). Interim 1xx responses are skipped.
pub struct ResponseParser {
    limits: Limits,
    /// A response to HEAD has headers that describe a body it does not carry.
    request_was_head: bool,
    buffer: Vec<u8>,
    state: State,
    received_any: bool,
}

impl ResponseParser {
    pub fn new(method: Method, limits: Limits) -> Self {
        Self {
            limits,
            request_was_head: method == Method::Head,
            buffer: Vec::new(),
            state: State::Head { scanned: 0 },
            received_any: false,
        }
    }

    /// True once any byte of the response arrived.
    pub fn received_any(&self) -> bool {
        self.received_any
    }

    /// Bytes that arrived after the complete response. A server must not send any, so a
    /// connection that has some is not reused.
    pub fn excess(&self) -> &[u8] {
        match self.state {
            State::Done => &self.buffer,
            _ => &[],
        }
    }

    /// Adds bytes; returns the response once it is complete (exactly once).
    pub fn push(&mut self, bytes: &[u8]) -> Result<Option<Response>, ParseError> {
        if !bytes.is_empty() {
            self.received_any = true;
        }
        self.buffer.extend_from_slice(bytes);
        loop {
            match &mut self.state {
                State::Done => return Ok(None),
                State::Head { scanned } => {
                    if !may_hold_blank_line(&self.buffer, *scanned) {
                        *scanned = self.buffer.len();
                        self.check_head_size()?;
                        return Ok(None);
                    }
                    *scanned = self.buffer.len();
                    let Some((head, head_length)) = self.parse_head()? else {
                        self.check_head_size()?;
                        return Ok(None);
                    };
                    self.buffer.drain(..head_length);
                    if (100..200).contains(&head.status) {
                        // Interim (100 Continue, 102 Processing): the real response follows.
                        self.state = State::Head { scanned: 0 };
                        continue;
                    }
                    let mut head = head;
                    let framing = self.framing(&mut head)?;
                    let decoder = BodyDecoder::new(framing, self.limits)?;
                    self.state = State::Body { head, decoder };
                }
                State::Body { decoder, .. } => {
                    let used = decoder.decode(&self.buffer)?;
                    self.buffer.drain(..used);
                    if !decoder.is_done() {
                        return Ok(None);
                    }
                    return Ok(Some(self.complete()));
                }
            }
        }
    }

    /// The connection closed. Completes a close-delimited body; anything else unfinished is
    /// [`ParseError::Incomplete`].
    pub fn finish(&mut self) -> Result<Response, ParseError> {
        match &mut self.state {
            State::Body { decoder, .. } => {
                decoder.finish_at_eof()?;
                Ok(self.complete())
            }
            State::Head { .. } | State::Done => Err(ParseError::Incomplete),
        }
    }

    fn complete(&mut self) -> Response {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Body { head, decoder } => {
                let (body, trailers) = decoder.into_parts();
                Response {
                    version: head.version,
                    status: head.status,
                    reason: head.reason,
                    headers: head.headers,
                    body,
                    trailers,
                    keep_alive: head.keep_alive,
                }
            }
            // Only called in the Body state.
            State::Head { .. } | State::Done => Response::new(0, Headers::new(), Vec::new()),
        }
    }

    fn check_head_size(&self) -> Result<(), ParseError> {
        if self.buffer.len() > self.limits.max_head_bytes {
            return Err(ParseError::HeadTooLarge {
                limit: self.limits.max_head_bytes,
            });
        }
        Ok(())
    }

    fn parse_head(&self) -> Result<Option<(Head, usize)>, ParseError> {
        let mut fields = vec![httparse::EMPTY_HEADER; self.limits.max_headers];
        let mut response = httparse::Response::new(&mut fields);
        let mut config = httparse::ParserConfig::default();
        // Lenient where real servers are sloppy and the meaning stays clear.
        config
            .allow_multiple_spaces_in_response_status_delimiters(true)
            .allow_obsolete_multiline_headers_in_responses(true)
            .allow_spaces_after_header_name_in_responses(true);
        let length = match config.parse_response(&mut response, &self.buffer) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(error) => return Err(head_error(error, &self.limits)),
        };
        if length > self.limits.max_head_bytes {
            return Err(ParseError::HeadTooLarge {
                limit: self.limits.max_head_bytes,
            });
        }
        let status = response
            .code
            .ok_or_else(|| ParseError::malformed("no status code"))?;
        if status == 101 {
            return Err(ParseError::malformed("unexpected 101 Switching Protocols"));
        }
        let version = Version::from_minor(response.version);
        let headers = convert_headers(response.headers);
        let keep_alive = match version {
            Version::Http11 => !headers.has_token("connection", "close"),
            Version::Http10 => headers.has_token("connection", "keep-alive"),
        };
        let head = Head {
            version,
            status,
            reason: response.reason.unwrap_or_default().to_owned(),
            headers,
            keep_alive,
        };
        Ok(Some((head, length)))
    }

    /// RFC 9112 §6.3, in order. Also refuses content codings: we ask for identity.
    fn framing(&self, head: &mut Head) -> Result<Framing, ParseError> {
        if self.request_was_head || matches!(head.status, 204 | 304) {
            return Ok(Framing::Empty);
        }
        for coding in head.headers.list_items("content-encoding") {
            if !coding.eq_ignore_ascii_case("identity") {
                return Err(ParseError::UnsupportedContentEncoding(coding.to_owned()));
            }
        }
        if is_chunked(&head.headers)? {
            // Both headers: chunked wins, but the message was suspicious; do not reuse.
            if head.headers.contains("content-length") {
                head.keep_alive = false;
            }
            return Ok(Framing::Chunked);
        }
        match content_length(&head.headers)? {
            Some(length) => Ok(Framing::Length(length)),
            None => {
                head.keep_alive = false;
                Ok(Framing::UntilClose)
            }
        }
    }
}

impl fmt::Debug for ResponseParser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Head { .. } => "head",
            State::Body { .. } => "body",
            State::Done => "done",
        };
        f.debug_struct("ResponseParser")
            .field("state", &state)
            .field("buffered", &self.buffer.len())
            .finish()
    }
}

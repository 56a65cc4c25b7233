//! The server side, for the project's test server: requests read from a byte stream, and
//! responses written. NTLM over HTTP is in [`super::server_ntlm`].

use std::borrow::Cow;
use std::fmt;

use super::body::{
    BodyDecoder, Framing, Limits, Version, content_length, convert_headers, head_error, is_chunked,
    may_hold_blank_line,
};
use super::error::ParseError;
use super::headers::Headers;

/// A request as a server received it.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerRequest {
    pub method: String,
    /// The request target as sent: usually path and query.
    pub target: String,
    pub version: Version,
    pub headers: Headers,
    /// De-chunked.
    pub body: Vec<u8>,
}

impl ServerRequest {
    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(&self.target, |(path, _)| path)
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }

    /// The value of query parameter `name` (no percent-decoding).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query()?
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// True when the client will not send another request on this connection.
    pub fn wants_close(&self) -> bool {
        match self.version {
            Version::Http11 => self.headers.has_token("connection", "close"),
            Version::Http10 => !self.headers.has_token("connection", "keep-alive"),
        }
    }
}

/// Headers redacted, body by size only.
impl fmt::Debug for ServerRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerRequest")
            .field("method", &self.method)
            .field("target", &self.target)
            .field("version", &self.version)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

struct PendingHead {
    method: String,
    target: String,
    version: Version,
    headers: Headers,
}

enum State {
    Head {
        scanned: usize,
    },
    Body {
        head: PendingHead,
        decoder: BodyDecoder,
    },
}

/// Reads requests from one connection's byte stream, pipelined ones included.
///
/// After an error the stream has lost its framing: every later call returns that error and
/// the server should answer 400 and close.
pub struct RequestParser {
    limits: Limits,
    buffer: Vec<u8>,
    state: State,
    failed: Option<ParseError>,
}

impl RequestParser {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            buffer: Vec::new(),
            state: State::Head { scanned: 0 },
            failed: None,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        if self.failed.is_none() {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// The next complete request, `Ok(None)` until one is.
    pub fn next_request(&mut self) -> Result<Option<ServerRequest>, ParseError> {
        if let Some(error) = &self.failed {
            return Err(error.clone());
        }
        let result = self.advance();
        if let Err(error) = &result {
            self.failed = Some(error.clone());
            self.buffer.clear();
        }
        result
    }

    fn advance(&mut self) -> Result<Option<ServerRequest>, ParseError> {
        loop {
            match &mut self.state {
                State::Head { scanned } => {
                    let from = *scanned;
                    *scanned = self.buffer.len();
                    let parsed = if may_hold_blank_line(&self.buffer, from) {
                        self.parse_head()?
                    } else {
                        None
                    };
                    let Some((head, length)) = parsed else {
                        if self.buffer.len() > self.limits.max_head_bytes {
                            return Err(ParseError::HeadTooLarge {
                                limit: self.limits.max_head_bytes,
                            });
                        }
                        return Ok(None);
                    };
                    self.buffer.drain(..length);
                    let framing = if is_chunked(&head.headers)? {
                        Framing::Chunked
                    } else {
                        // A request without Content-Length has no body (RFC 9112 §6.3).
                        content_length(&head.headers)?.map_or(Framing::Empty, Framing::Length)
                    };
                    let decoder = BodyDecoder::new(framing, self.limits)?;
                    self.state = State::Body { head, decoder };
                }
                State::Body { decoder, .. } => {
                    let used = decoder.decode(&self.buffer)?;
                    self.buffer.drain(..used);
                    if !decoder.is_done() {
                        return Ok(None);
                    }
                    let state = std::mem::replace(&mut self.state, State::Head { scanned: 0 });
                    if let State::Body { head, decoder } = state {
                        let (body, _trailers) = decoder.into_parts();
                        return Ok(Some(ServerRequest {
                            method: head.method,
                            target: head.target,
                            version: head.version,
                            headers: head.headers,
                            body,
                        }));
                    }
                }
            }
        }
    }

    fn parse_head(&self) -> Result<Option<(PendingHead, usize)>, ParseError> {
        let mut fields = vec![httparse::EMPTY_HEADER; self.limits.max_headers];
        let mut request = httparse::Request::new(&mut fields);
        let length = match request.parse(&self.buffer) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(error) => return Err(head_error(error, &self.limits)),
        };
        if length > self.limits.max_head_bytes {
            return Err(ParseError::HeadTooLarge {
                limit: self.limits.max_head_bytes,
            });
        }
        let head = PendingHead {
            method: request.method.unwrap_or_default().to_owned(),
            target: request.path.unwrap_or_default().to_owned(),
            version: Version::from_minor(request.version),
            headers: convert_headers(request.headers),
        };
        Ok(Some((head, length)))
    }
}

impl fmt::Debug for RequestParser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestParser")
            .field("buffered", &self.buffer.len())
            .field("failed", &self.failed)
            .finish()
    }
}

/// A response the server sends.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerResponse {
    pub status: u16,
    pub reason: String,
    pub headers: Headers,
    pub body: Vec<u8>,
    /// Adds `Connection: close`; the server closes after sending.
    pub close: bool,
    /// Sends the body chunked in pieces of this size instead of with Content-Length.
    pub chunk_size: Option<usize>,
}

impl ServerResponse {
    pub fn new(status: u16) -> Self {
        Self {
            status,
            reason: reason_phrase(status).to_owned(),
            headers: Headers::new(),
            body: Vec::new(),
            close: false,
            chunk_size: None,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.append(name, value);
        self
    }

    pub fn with_body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.headers.set("Content-Type", content_type);
        self.body = body.into();
        self
    }

    pub fn closing(mut self) -> Self {
        self.close = true;
        self
    }

    pub fn chunked(mut self, chunk_size: usize) -> Self {
        self.chunk_size = Some(chunk_size.max(1));
        self
    }

    /// The response as bytes. Line breaks in header values become spaces, so a value taken
    /// from a request cannot inject fields.
    pub fn to_bytes(&self) -> Vec<u8> {
        let clean = |text: &str| text.replace(['\r', '\n'], " ");
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, clean(&self.reason));
        for (name, value) in self.headers.iter() {
            head.push_str(&format!("{}: {}\r\n", clean(name), clean(value)));
        }
        if self.close {
            head.push_str("Connection: close\r\n");
        }
        let has_body = !matches!(self.status, 100..=199 | 204 | 304);
        match self.chunk_size {
            Some(_) if has_body => head.push_str("Transfer-Encoding: chunked\r\n"),
            _ if has_body => head.push_str(&format!("Content-Length: {}\r\n", self.body.len())),
            _ => {}
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        if !has_body {
            return bytes;
        }
        match self.chunk_size {
            Some(size) => {
                for chunk in self.body.chunks(size) {
                    bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                    bytes.extend_from_slice(chunk);
                    bytes.extend_from_slice(b"\r\n");
                }
                bytes.extend_from_slice(b"0\r\n\r\n");
            }
            None => bytes.extend_from_slice(&self.body),
        }
        bytes
    }
}

impl fmt::Debug for ServerResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .field("close", &self.close)
            .finish()
    }
}

/// The standard reason phrase of the statuses a test server uses.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

//! A SIP message: start line, ordered raw headers, body bytes.

use std::fmt::Write as _;

use super::error::{BuildError, Limit, ParseError};
use super::head::{HEAD_TERMINATOR, find_head_end, parse_head};
use super::headers::{CommaSeparated, trim_ws};
use super::limits::Limits;
use super::names::{HeaderName, is_token};

/// The first line of a message. Only SIP/2.0 exists, so the version is not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    Request { method: String, uri: String },
    Response { code: u16, reason: String },
}

/// One header field as received: the name with its case and form (`i`, `CALL-ID`, …), and
/// the value with folding undone (continuations joined by one space) and outer whitespace
/// trimmed. Nothing else is changed, because MS-SIPAE signatures cover values byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) name: String,
    pub(crate) value: String,
}

/// A SIP request or response.
///
/// Every `Message` prints as valid SIP: constructors and header setters refuse what would
/// not, so `Message::parse(&m.to_bytes())` gives back `m` (with Content-Length set right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    start_line: StartLine,
    headers: Vec<Header>,
    body: Vec<u8>,
}

impl Message {
    /// A request with no headers and an empty body.
    pub fn request(method: &str, uri: &str) -> Result<Message, BuildError> {
        if !is_token(method) {
            return Err(BuildError::Method(method.to_owned()));
        }
        if uri.is_empty() || uri.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(BuildError::RequestUri(uri.to_owned()));
        }
        Ok(Message::from_start_line(StartLine::Request {
            method: method.to_owned(),
            uri: uri.to_owned(),
        }))
    }

    /// A response with no headers and an empty body.
    pub fn response(code: u16, reason: &str) -> Result<Message, BuildError> {
        if !(100..=699).contains(&code) {
            return Err(BuildError::StatusCode(code));
        }
        if has_forbidden_control(reason) {
            return Err(BuildError::Reason(reason.to_owned()));
        }
        Ok(Message::from_start_line(StartLine::Response {
            code,
            reason: reason.to_owned(),
        }))
    }

    fn from_start_line(start_line: StartLine) -> Message {
        Message {
            start_line,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Parses exactly one complete message with the default [`Limits`].
    ///
    /// With Content-Length the body must be exactly that long; without it the body is
    /// everything after the blank line (datagram rule). For a byte stream use
    /// [`Decoder`](super::Decoder), which also handles keep-alives and partial reads.
    pub fn parse(bytes: &[u8]) -> Result<Message, ParseError> {
        Message::parse_with_limits(bytes, &Limits::DEFAULT)
    }

    pub fn parse_with_limits(bytes: &[u8], limits: &Limits) -> Result<Message, ParseError> {
        let head_end =
            find_head_end(bytes, 0).ok_or(if bytes.len() > limits.max_header_section {
                ParseError::LimitExceeded {
                    limit: Limit::HeaderSection,
                    max: limits.max_header_section,
                    actual: bytes.len(),
                }
            } else {
                ParseError::IncompleteHead
            })?;
        let (head_bytes, after_head) = bytes.split_at(head_end);
        let head = parse_head(head_bytes, limits)?;
        let rest = after_head.get(HEAD_TERMINATOR.len()..).unwrap_or_default();
        let body = match head.content_length {
            Some(expected) if rest.len() < expected => {
                return Err(ParseError::IncompleteBody {
                    expected,
                    actual: rest.len(),
                });
            }
            Some(expected) if rest.len() > expected => {
                return Err(ParseError::TrailingBytes {
                    count: rest.len() - expected,
                });
            }
            Some(_) => rest,
            None if rest.len() > limits.max_body => {
                return Err(ParseError::LimitExceeded {
                    limit: Limit::Body,
                    max: limits.max_body,
                    actual: rest.len(),
                });
            }
            None => rest,
        };
        Ok(Message::from_parts(
            head.start_line,
            head.headers,
            body.to_vec(),
        ))
    }

    pub(crate) fn from_parts(start_line: StartLine, headers: Vec<Header>, body: Vec<u8>) -> Self {
        Message {
            start_line,
            headers,
            body,
        }
    }

    pub fn start_line(&self) -> &StartLine {
        &self.start_line
    }

    pub fn is_request(&self) -> bool {
        matches!(self.start_line, StartLine::Request { .. })
    }

    /// The request method; `None` for a response (use the CSeq method there).
    pub fn method(&self) -> Option<&str> {
        match &self.start_line {
            StartLine::Request { method, .. } => Some(method),
            StartLine::Response { .. } => None,
        }
    }

    pub fn request_uri(&self) -> Option<&str> {
        match &self.start_line {
            StartLine::Request { uri, .. } => Some(uri),
            StartLine::Response { .. } => None,
        }
    }

    pub fn status_code(&self) -> Option<u16> {
        match self.start_line {
            StartLine::Response { code, .. } => Some(code),
            StartLine::Request { .. } => None,
        }
    }

    /// The first value of header `name` (case-insensitive; compact forms match full names).
    pub fn header(&self, name: &str) -> Option<&str> {
        let wanted = HeaderName::new(name);
        self.headers
            .iter()
            .find(|h| wanted.matches(&h.name))
            .map(|h| h.value.as_str())
    }

    /// Every value of header `name`, one per header line, in message order.
    pub fn headers<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        let wanted = HeaderName::new(name);
        self.headers
            .iter()
            .filter(move |h| wanted.matches(&h.name))
            .map(|h| h.value.as_str())
    }

    /// Every comma-separated element of every `name` header, in order. Commas inside quoted
    /// strings and `<...>` do not split. Not for auth headers, whose parameters are
    /// comma-separated: use [`Message::auth_params`] there.
    pub fn header_values<'a, 'n>(
        &'a self,
        name: &'n str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.headers(name).flat_map(CommaSeparated::new)
    }

    pub fn has_header(&self, name: &str) -> bool {
        self.header(name).is_some()
    }

    /// Every header as (name as received, value), in message order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
    }

    /// Number of header lines.
    pub fn header_count(&self) -> usize {
        self.headers.len()
    }

    /// Appends a header. The value's outer whitespace is trimmed (as the parser would);
    /// CR, LF and other control characters except TAB are refused.
    pub fn add_header(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<&mut Self, BuildError> {
        let header = checked_header(name.into(), value.into())?;
        self.headers.push(header);
        Ok(self)
    }

    /// Replaces every `name` header (any case or form) by one with `value`, at the place of
    /// the first; appends it if there was none.
    pub fn set_header(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<&mut Self, BuildError> {
        let header = checked_header(name.into(), value.into())?;
        let wanted = HeaderName::new(&header.name);
        match self.headers.iter().position(|h| wanted.matches(&h.name)) {
            Some(first) => {
                let mut index = 0;
                self.headers.retain(|h| {
                    let keep = index <= first || !wanted.matches(&h.name);
                    index += 1;
                    keep
                });
                if let Some(slot) = self.headers.get_mut(first) {
                    *slot = header;
                }
            }
            None => self.headers.push(header),
        }
        Ok(self)
    }

    /// Removes every `name` header; returns how many there were.
    pub fn remove_header(&mut self, name: &str) -> usize {
        let wanted = HeaderName::new(name);
        let before = self.headers.len();
        self.headers.retain(|h| !wanted.matches(&h.name));
        before - self.headers.len()
    }

    /// Takes the body out (leaving it empty), e.g. to free megabytes once they are read.
    pub fn take_body(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.body)
    }

    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Sets the body. Content-Length is written by [`Message::to_bytes`], not here.
    pub fn set_body(&mut self, body: impl Into<Vec<u8>>) {
        self.body = body.into();
    }

    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// The message as wire bytes. Content-Length always states the body length: a given
    /// Content-Length keeps its place and name, further ones are dropped, and one is
    /// appended after the other headers if there was none.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.printed_head_estimate() + self.body.len());
        self.write_to(&mut out);
        out
    }

    /// Appends the wire form to `out` (see [`Message::to_bytes`]).
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let mut head = String::with_capacity(self.printed_head_estimate());
        // Writing into a String cannot fail; the results are ignored for that reason.
        match &self.start_line {
            StartLine::Request { method, uri } => {
                let _ = write!(head, "{method} {uri} SIP/2.0\r\n");
            }
            StartLine::Response { code, reason } => {
                let _ = write!(head, "SIP/2.0 {code} {reason}\r\n");
            }
        }
        let content_length = HeaderName::new("Content-Length");
        let mut wrote_length = false;
        for Header { name, value } in &self.headers {
            if content_length.matches(name) {
                if !wrote_length {
                    let _ = write!(head, "{name}: {}\r\n", self.body.len());
                    wrote_length = true;
                }
            } else if value.is_empty() {
                let _ = write!(head, "{name}:\r\n");
            } else {
                let _ = write!(head, "{name}: {value}\r\n");
            }
        }
        if !wrote_length {
            let _ = write!(head, "Content-Length: {}\r\n", self.body.len());
        }
        head.push_str("\r\n");
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(&self.body);
    }

    fn printed_head_estimate(&self) -> usize {
        let headers: usize = self
            .headers
            .iter()
            .map(|h| h.name.len() + h.value.len() + 4)
            .sum();
        64 + headers + 32
    }
}

fn has_forbidden_control(s: &str) -> bool {
    s.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
}

fn checked_header(name: String, value: String) -> Result<Header, BuildError> {
    if !is_token(&name) {
        return Err(BuildError::HeaderName(name));
    }
    if has_forbidden_control(&value) {
        return Err(BuildError::HeaderValue { name });
    }
    let trimmed = trim_ws(&value);
    let value = if trimmed.len() == value.len() {
        value
    } else {
        trimmed.to_owned()
    };
    Ok(Header { name, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_refuse_what_would_not_print() {
        assert!(Message::request("REGISTER", "sip:a.b").is_ok());
        assert_eq!(
            Message::request("REG ISTER", "sip:a").unwrap_err(),
            BuildError::Method("REG ISTER".into())
        );
        assert!(Message::request("", "sip:a").is_err());
        assert!(Message::request("INVITE", "").is_err());
        assert!(Message::request("INVITE", "sip:a b").is_err());
        assert!(Message::response(99, "x").is_err());
        assert!(Message::response(700, "x").is_err());
        assert!(Message::response(200, "O\r\nK").is_err());
        let mut m = Message::response(200, "OK").unwrap();
        assert!(m.add_header("Bad Name", "x").is_err());
        assert!(m.add_header("X", "a\r\nInjected: 1").is_err());
        assert!(m.add_header("X", "a\0").is_err());
        assert!(m.add_header("X", "tab\tok").is_ok());
        assert_eq!(m.header_count(), 1);
    }

    #[test]
    fn add_set_remove() {
        let mut m = Message::request("REGISTER", "sip:cosmo.local").unwrap();
        m.add_header("Supported", "gruu-10")
            .unwrap()
            .add_header("Via", "SIP/2.0/TLS a:1")
            .unwrap()
            .add_header("k", " ms-forking ")
            .unwrap()
            .add_header("v", "SIP/2.0/TLS b:2")
            .unwrap();
        assert_eq!(
            m.headers("supported").collect::<Vec<_>>(),
            ["gruu-10", "ms-forking"]
        );
        m.set_header("Via", "SIP/2.0/TLS c:3").unwrap();
        assert_eq!(
            m.iter().collect::<Vec<_>>(),
            [
                ("Supported", "gruu-10"),
                ("Via", "SIP/2.0/TLS c:3"),
                ("k", "ms-forking")
            ]
        );
        m.set_header("Event", "registration").unwrap();
        assert_eq!(m.iter().last(), Some(("Event", "registration")));
        assert_eq!(m.remove_header("SUPPORTED"), 2);
        assert_eq!(m.remove_header("Supported"), 0);
        assert_eq!(m.header_count(), 2);
    }

    #[test]
    fn to_bytes_writes_correct_content_length() {
        let mut m = Message::request("MESSAGE", "sip:b@x").unwrap();
        m.add_header("l", "999").unwrap();
        m.add_header("To", "<sip:b@x>").unwrap();
        m.add_header("Content-Length", "5").unwrap();
        m.add_header("Subject", "").unwrap();
        m.set_body("hello, world");
        assert_eq!(
            m.to_bytes(),
            b"MESSAGE sip:b@x SIP/2.0\r\nl: 12\r\nTo: <sip:b@x>\r\nSubject:\r\n\r\nhello, world"
        );
        let mut r = Message::response(200, "").unwrap();
        r.set_body(Vec::new());
        assert_eq!(r.to_bytes(), b"SIP/2.0 200 \r\nContent-Length: 0\r\n\r\n");
    }

    #[test]
    fn parse_one_message_framing() {
        let m = Message::parse(b"SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc").unwrap();
        assert_eq!(m.body(), b"abc");
        assert_eq!(
            Message::parse(b"SIP/2.0 200 OK\r\nContent-Length: 4\r\n\r\nabc").unwrap_err(),
            ParseError::IncompleteBody {
                expected: 4,
                actual: 3
            }
        );
        assert_eq!(
            Message::parse(b"SIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nabc").unwrap_err(),
            ParseError::TrailingBytes { count: 1 }
        );
        let datagram = Message::parse(b"SIP/2.0 200 OK\r\nA: b\r\n\r\nxyz").unwrap();
        assert_eq!(datagram.body(), b"xyz");
        assert_eq!(
            Message::parse(b"SIP/2.0 200 OK\r\nA: b\r\n").unwrap_err(),
            ParseError::IncompleteHead
        );
    }
}

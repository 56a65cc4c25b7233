//! Errors of the SIP codec: one enum for everything read from the wire, one for building.

use std::fmt;

/// A size limit of [`Limits`](super::Limits), named in [`ParseError::LimitExceeded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Bytes in the start line, without its CRLF.
    StartLine,
    /// Bytes from the first byte of the start line through the blank line.
    HeaderSection,
    /// Header fields in one message (a folded field counts once).
    HeaderCount,
    /// Bytes of body announced by Content-Length.
    Body,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::StartLine => "start line length",
            Limit::HeaderSection => "header section size",
            Limit::HeaderCount => "header count",
            Limit::Body => "body size",
        })
    }
}

/// Why bytes could not be read as a SIP message, or a header value as its typed form.
///
/// Line numbers count from 1 at the start line; a folded header is reported at its first line.
/// Snippets of the offending input are escaped and cut to a few dozen characters, so an error
/// can go to a log without carrying hostile bytes along.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{limit} limit exceeded: {actual} (maximum {max})")]
    LimitExceeded {
        limit: Limit,
        max: usize,
        actual: usize,
    },

    #[error("invalid start line ({reason}): {snippet}")]
    InvalidStartLine {
        reason: &'static str,
        snippet: String,
    },

    #[error("unsupported protocol version {version}, only SIP/2.0 is understood")]
    UnsupportedVersion { version: String },

    #[error("line {line}: not valid UTF-8")]
    InvalidUtf8 { line: usize },

    #[error("line {line}: control character (byte 0x{byte:02x}) outside the line end")]
    ControlCharacter { line: usize, byte: u8 },

    #[error("line {line}: header line without a colon: {snippet}")]
    MissingColon { line: usize, snippet: String },

    #[error("line {line}: invalid header name: {snippet}")]
    InvalidHeaderName { line: usize, snippet: String },

    #[error("line {line}: continuation line before any header")]
    OrphanContinuation { line: usize },

    #[error("invalid Content-Length value: {snippet}")]
    InvalidContentLength { snippet: String },

    #[error("Content-Length given twice with different values ({first} and {second})")]
    ConflictingContentLength { first: usize, second: usize },

    #[error("message ends inside the header section (no blank line)")]
    IncompleteHead,

    #[error("body shorter than Content-Length: {actual} of {expected} bytes")]
    IncompleteBody { expected: usize, actual: usize },

    #[error("{count} bytes after the end of the message")]
    TrailingBytes { count: usize },

    #[error("missing {name} header")]
    MissingHeader { name: &'static str },

    #[error("invalid {header} header ({reason}): {snippet}")]
    InvalidHeaderValue {
        header: String,
        reason: &'static str,
        snippet: String,
    },
}

impl ParseError {
    pub(crate) fn bad_value(header: &str, reason: &'static str, value: &str) -> Self {
        ParseError::InvalidHeaderValue {
            header: header.to_owned(),
            reason,
            snippet: snippet(value.as_bytes()),
        }
    }

    /// The same error, reported against the header it was actually read from.
    pub(crate) fn for_header(self, name: &str) -> Self {
        match self {
            ParseError::InvalidHeaderValue {
                reason, snippet, ..
            } => ParseError::InvalidHeaderValue {
                header: name.to_owned(),
                reason,
                snippet,
            },
            other => other,
        }
    }
}

/// Why a message could not be built: the part would not print as valid SIP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    #[error("invalid method {0:?}: must be a non-empty token")]
    Method(String),
    #[error(
        "invalid Request-URI {0:?}: must be non-empty without whitespace or control characters"
    )]
    RequestUri(String),
    #[error("invalid status code {0}: must be 100..=699")]
    StatusCode(u16),
    #[error("invalid reason phrase {0:?}: control characters are not allowed")]
    Reason(String),
    #[error("invalid header name {0:?}: must be a non-empty token")]
    HeaderName(String),
    #[error(
        "invalid value for header {name}: CR, LF and control characters other than TAB are not allowed"
    )]
    HeaderValue { name: String },
}

const SNIPPET_MAX_CHARS: usize = 60;

/// A short, escaped excerpt of input for an error message.
pub(crate) fn snippet(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(SNIPPET_MAX_CHARS)];
    let mut out: String = cut.escape_ascii().to_string();
    if bytes.len() > SNIPPET_MAX_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_escapes_and_truncates() {
        assert_eq!(snippet(b"a\r\n\xff"), "a\\r\\n\\xff");
        let long = vec![b'x'; 100];
        let s = snippet(&long);
        assert!(s.ends_with('…'));
        assert_eq!(s.chars().count(), SNIPPET_MAX_CHARS + 1);
    }

    #[test]
    fn limit_error_names_limit_and_value() {
        let e = ParseError::LimitExceeded {
            limit: Limit::Body,
            max: 16,
            actual: 17,
        };
        assert_eq!(e.to_string(), "body size limit exceeded: 17 (maximum 16)");
    }
}

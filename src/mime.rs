//! MIME bodies as Lync uses them inside SIP: `multipart/related` presence notifications
//! (RLMI plus category documents) and `multipart/alternative` instant messages. Both
//! directions: the plugin parses what the server sends, the test server builds it.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use std::fmt::Write as _;

/// One body part: its header fields (names as written) and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Part {
    pub fn new(content_type: &str, body: impl Into<Vec<u8>>) -> Part {
        Part {
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.into(),
        }
    }

    /// Adds a header field (builder style).
    pub fn with_header(mut self, name: &str, value: &str) -> Part {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The first header field with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("Content-Type").unwrap_or("text/plain")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MimeError {
    #[error("multipart content type without a boundary: {0}")]
    NoBoundary(String),
    #[error("multipart body has no part delimited by its boundary")]
    NoParts,
}

/// The media type of a Content-Type value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a Content-Type value (`boundary`, `charset`, `type` …), unquoted.
pub fn parameter<'a>(content_type: &'a str, name: &str) -> Option<&'a str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"'))
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    // Jump between occurrences of the first byte (memchr-fast) instead of comparing a
    // window at every offset: presence bodies are megabytes with few delimiters.
    let (&first, rest) = needle.split_first()?;
    let mut at = from;
    while let Some(offset) = haystack[at..].iter().position(|&b| b == first) {
        let start = at + offset;
        let end = start + needle.len();
        if end > haystack.len() {
            return None;
        }
        if &haystack[start + 1..end] == rest {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// Splits a header block into fields (folded lines joined).
fn parse_headers(block: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in block.split('\n').map(|l| l.trim_end_matches('\r')) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    headers
}

/// One part of a multipart body, its bytes borrowed from the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRef<'a> {
    pub headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl PartRef<'_> {
    /// The part's Content-Type, `text/plain` when it has none (RFC 2046 §5.1).
    pub fn content_type(&self) -> &str {
        self.headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("Content-Type"))
            .map_or("text/plain", |(_, value)| value.as_str())
    }
}

/// Splits a multipart body into its parts.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Result<Vec<Part>, MimeError> {
    Ok(split_multipart(content_type, body)?
        .into_iter()
        .map(|part| Part {
            headers: part.headers,
            body: part.body.to_vec(),
        })
        .collect())
}

/// Splits a multipart body into parts that borrow from it: a big presence notification is
/// read without a second copy of its megabytes.
pub fn split_multipart<'a>(
    content_type: &str,
    body: &'a [u8],
) -> Result<Vec<PartRef<'a>>, MimeError> {
    let boundary = parameter(content_type, "boundary")
        .filter(|b| !b.is_empty())
        .ok_or_else(|| MimeError::NoBoundary(content_type.to_owned()))?;
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let Some(mut at) = find(body, delimiter, 0) else {
        return Err(MimeError::NoParts);
    };
    loop {
        let after = at + delimiter.len();
        if body[after..].starts_with(b"--") {
            break; // closing delimiter
        }
        // The rest of the delimiter line (transport padding) ends at the first LF.
        let Some(line_end) = find(body, b"\n", after) else {
            break;
        };
        let start = line_end + 1;
        let next = find(body, delimiter, start);
        let mut end = next.unwrap_or(body.len());
        // The CRLF before a delimiter belongs to the delimiter.
        if next.is_some() {
            if end > start && body[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let content = &body[start..end.max(start)];
        let (head, part_body) = match find(content, b"\r\n\r\n", 0) {
            Some(i) => (&content[..i], &content[i + 4..]),
            None => match find(content, b"\n\n", 0) {
                Some(i) => (&content[..i], &content[i + 2..]),
                // A part with headers only, or a body without headers.
                None if content.contains(&b':') => (content, &[][..]),
                None => (&[][..], content),
            },
        };
        parts.push(PartRef {
            headers: parse_headers(&String::from_utf8_lossy(head)),
            body: part_body,
        });
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    if parts.is_empty() {
        return Err(MimeError::NoParts);
    }
    Ok(parts)
}

/// Builds a multipart body; returns it with its Content-Type value.
///
/// `subtype` is e.g. `related` or `alternative`; `extra_params` are appended to the
/// Content-Type (e.g. `type="application/rlmi+xml";start=resourceList`).
///
/// Each part ends with an empty line before the next delimiter. libpurple's MIME parser,
/// which pidgin-sipe uses, drops the two bytes before the delimiter's CRLF, so without it
/// the last two bytes of every part would be lost there; a standard parser reads the empty
/// line as one trailing CRLF of the part, which XML and message text tolerate.
pub fn build_multipart(
    subtype: &str,
    boundary: &str,
    extra_params: &str,
    parts: &[Part],
) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for part in parts {
        let mut head = format!("--{boundary}\r\n");
        for (name, value) in &part.headers {
            let _ = write!(head, "{name}: {value}\r\n");
        }
        head.push_str("\r\n");
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(&part.body);
        body.extend_from_slice(b"\r\n\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let params = if extra_params.is_empty() {
        String::new()
    } else {
        format!(";{extra_params}")
    };
    (
        format!("multipart/{subtype}{params};boundary={boundary}"),
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_media_types() {
        let ct =
            r#"multipart/related; type="application/rlmi+xml";start=resourceList;boundary=9A8F"#;
        assert_eq!(media_type(ct), "multipart/related");
        assert_eq!(parameter(ct, "BOUNDARY"), Some("9A8F"));
        assert_eq!(parameter(ct, "type"), Some("application/rlmi+xml"));
        assert_eq!(parameter(ct, "charset"), None);
    }

    #[test]
    fn built_bodies_parse_back() {
        let parts = vec![
            Part::new("application/rlmi+xml", "<list/>").with_header("Content-ID", "resourceList"),
            Part::new(
                "application/msrtc-event-categories+xml",
                "<categories/>\r\nline 2",
            ),
        ];
        let (ct, body) = build_multipart(
            "related",
            "b0undary",
            r#"type="application/rlmi+xml""#,
            &parts,
        );
        assert!(ct.starts_with("multipart/related;type="), "{ct}");
        let parsed = parse_multipart(&ct, &body).unwrap();
        assert_eq!(parsed.len(), 2);
        for (parsed, built) in parsed.iter().zip(&parts) {
            assert_eq!(parsed.headers, built.headers);
            assert_eq!(
                parsed.body,
                [&built.body[..], b"\r\n"].concat(),
                "the empty line stays"
            );
        }
        assert_eq!(parsed[0].header("content-id"), Some("resourceList"));
        assert!(body.windows(14).any(|w| w == b"line 2\r\n\r\n--b0"));
    }

    #[test]
    fn foreign_bodies_with_preamble_and_lf_only_parse() {
        let body = b"preamble\n--xyz\nContent-Type: text/plain\n\nhello\n--xyz\nContent-Type: text/html\n  ; charset=UTF-8\n\n<b>hi</b>\n--xyz--\nepilogue";
        let parts = parse_multipart("multipart/alternative; boundary=\"xyz\"", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].body, b"hello");
        assert_eq!(parts[1].content_type(), "text/html ; charset=UTF-8");
        assert_eq!(parts[1].body, b"<b>hi</b>");
    }

    #[test]
    fn broken_bodies_are_errors() {
        assert!(matches!(
            parse_multipart("multipart/related", b"--x\r\n\r\n"),
            Err(MimeError::NoBoundary(_))
        ));
        assert_eq!(
            parse_multipart("multipart/related;boundary=x", b"nothing here"),
            Err(MimeError::NoParts)
        );
        // Unterminated: the last part runs to the end.
        let parts =
            parse_multipart("multipart/related;boundary=x", b"--x\r\nA: b\r\n\r\nbody").unwrap();
        assert_eq!(parts[0].body, b"body");
    }
}

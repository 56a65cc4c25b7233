//! Reading the header section: start line, header lines, folding, Content-Length.
//! Shared by [`Message::parse`](super::Message::parse) and the stream [`Decoder`](super::Decoder).

use super::error::{Limit, ParseError, snippet};
use super::headers::trim_ws;
use super::limits::Limits;
use super::message::{Header, StartLine};
use super::names::{HeaderName, is_token};

pub(crate) const CRLF: &[u8] = b"\r\n";
pub(crate) const HEAD_TERMINATOR: &[u8] = b"\r\n\r\n";
const SIP_VERSION: &str = "SIP/2.0";

/// The header section of one message, before its body is known.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) start_line: StartLine,
    pub(crate) headers: Vec<Header>,
    /// The Content-Length value, checked against the body limit.
    pub(crate) content_length: Option<usize>,
}

/// Index of the first CRLFCRLF in `buf` whose final LF is at or after `from`. Callers resume
/// where an earlier search stopped; a terminator split across reads is still found because
/// the three bytes before each LF are looked at.
pub(crate) fn find_head_end(buf: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(offset) = buf.get(i..)?.iter().position(|&b| b == b'\n') {
        let lf = i + offset;
        if lf >= 3 && buf.get(lf - 3..=lf) == Some(HEAD_TERMINATOR) {
            return Some(lf - 3);
        }
        i = lf + 1;
    }
    None
}

/// Index of the first CRLF in `buf`, searching from `from`.
pub(crate) fn find_crlf(buf: &[u8], from: usize) -> Option<usize> {
    buf.get(from..)?
        .windows(2)
        .position(|w| w == CRLF)
        .map(|p| p + from)
}

/// Parses a header section: `head` is everything before the blank line, without the
/// terminating CRLFCRLF.
pub(crate) fn parse_head(head: &[u8], limits: &Limits) -> Result<Head, ParseError> {
    let total = head.len() + HEAD_TERMINATOR.len();
    if total > limits.max_header_section {
        return Err(ParseError::LimitExceeded {
            limit: Limit::HeaderSection,
            max: limits.max_header_section,
            actual: total,
        });
    }
    let text = std::str::from_utf8(head).map_err(|e| ParseError::InvalidUtf8 {
        line: line_number_at(head, e.valid_up_to()),
    })?;
    let mut lines = Lines {
        text,
        pos: 0,
        line_no: 0,
        done: false,
    };
    let first = lines.next().transpose()?.map_or("", |(_, line)| line);
    if first.len() > limits.max_start_line {
        return Err(ParseError::LimitExceeded {
            limit: Limit::StartLine,
            max: limits.max_start_line,
            actual: first.len(),
        });
    }
    let start_line = parse_start_line(first)?;

    let mut headers: Vec<Header> = Vec::with_capacity(16);
    for numbered in lines {
        let (line_no, line) = numbered?;
        if line.starts_with([' ', '\t']) {
            let last = headers
                .last_mut()
                .ok_or(ParseError::OrphanContinuation { line: line_no })?;
            let continuation = trim_ws(line);
            if !continuation.is_empty() {
                if !last.value.is_empty() {
                    last.value.push(' ');
                }
                last.value.push_str(continuation);
            }
            continue;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| ParseError::MissingColon {
                line: line_no,
                snippet: snippet(line.as_bytes()),
            })?;
        // RFC 3261 HCOLON allows whitespace before the colon; it is not part of the name.
        let name = name.trim_end_matches([' ', '\t']);
        if !is_token(name) {
            return Err(ParseError::InvalidHeaderName {
                line: line_no,
                snippet: snippet(line.as_bytes()),
            });
        }
        if headers.len() == limits.max_headers {
            return Err(ParseError::LimitExceeded {
                limit: Limit::HeaderCount,
                max: limits.max_headers,
                actual: headers.len() + 1,
            });
        }
        headers.push(Header {
            name: name.to_owned(),
            value: trim_ws(value).to_owned(),
        });
    }

    let content_length = content_length(&headers, limits)?;
    Ok(Head {
        start_line,
        headers,
        content_length,
    })
}

/// The lines of a header section, split at CRLF, with control characters other than TAB
/// (a bare CR or LF among them) rejected in the same pass.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
    line_no: usize,
    done: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Result<(usize, &'a str), ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.line_no += 1;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut i = start;
        while let Some(&b) = bytes.get(i) {
            if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                self.pos = i + 2;
                return Some(Ok((self.line_no, self.text.get(start..i).unwrap_or(""))));
            }
            if is_forbidden_control(b) {
                self.done = true;
                return Some(Err(ParseError::ControlCharacter {
                    line: self.line_no,
                    byte: b,
                }));
            }
            i += 1;
        }
        self.done = true;
        Some(Ok((self.line_no, self.text.get(start..).unwrap_or(""))))
    }
}

fn is_forbidden_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

fn line_number_at(head: &[u8], offset: usize) -> usize {
    1 + head
        .get(..offset)
        .unwrap_or(head)
        .windows(2)
        .filter(|w| *w == CRLF)
        .count()
}

/// Rejects control characters (bare CR/LF, NUL, …). TAB is allowed where `allow_tab`.
fn check_controls(line: &str, line_no: usize, allow_tab: bool) -> Result<(), ParseError> {
    match line
        .bytes()
        .find(|&b| is_forbidden_control(b) || (!allow_tab && b == b'\t'))
    {
        Some(byte) => Err(ParseError::ControlCharacter {
            line: line_no,
            byte,
        }),
        None => Ok(()),
    }
}

fn bad_start_line(reason: &'static str, line: &str) -> ParseError {
    ParseError::InvalidStartLine {
        reason,
        snippet: snippet(line.as_bytes()),
    }
}

pub(crate) fn is_sip_version(s: &str) -> bool {
    s.eq_ignore_ascii_case(SIP_VERSION)
}

fn parse_start_line(line: &str) -> Result<StartLine, ParseError> {
    if line.is_empty() {
        return Err(bad_start_line("empty", line));
    }
    let is_response = line
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("SIP/"));
    if is_response {
        parse_status_line(line)
    } else {
        parse_request_line(line)
    }
}

fn parse_status_line(line: &str) -> Result<StartLine, ParseError> {
    // Control characters were refused while splitting lines; the reason may contain TAB.
    let (version, rest) = line.split_once(' ').unwrap_or((line, ""));
    if !is_sip_version(version) {
        return Err(ParseError::UnsupportedVersion {
            version: snippet(version.as_bytes()),
        });
    }
    let (code, reason) = match rest.split_once(' ') {
        Some((code, reason)) => (code, reason),
        None => (rest, ""),
    };
    let code = match code.as_bytes() {
        [a, b, c] if [a, b, c].iter().all(|d| d.is_ascii_digit()) => {
            u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0')
        }
        _ => return Err(bad_start_line("status code must be three digits", line)),
    };
    if !(100..=699).contains(&code) {
        return Err(bad_start_line("status code out of range 100-699", line));
    }
    Ok(StartLine::Response {
        code,
        reason: reason.to_owned(),
    })
}

fn parse_request_line(line: &str) -> Result<StartLine, ParseError> {
    // Lines allows TAB; a request line may not contain one.
    check_controls(line, 1, false)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(uri), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad_start_line(
            "expected METHOD SP Request-URI SP SIP/2.0",
            line,
        ));
    };
    if !is_token(method) {
        return Err(bad_start_line("method is not a token", line));
    }
    if uri.is_empty() {
        return Err(bad_start_line("empty Request-URI", line));
    }
    if !is_sip_version(version) {
        if version
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("SIP/"))
        {
            return Err(ParseError::UnsupportedVersion {
                version: snippet(version.as_bytes()),
            });
        }
        return Err(bad_start_line("expected SIP/2.0 at the end", line));
    }
    Ok(StartLine::Request {
        method: method.to_owned(),
        uri: uri.to_owned(),
    })
}

/// The body length announced by Content-Length (or `l`). Repeated equal values are accepted;
/// different ones make the framing ambiguous and are refused.
fn content_length(headers: &[Header], limits: &Limits) -> Result<Option<usize>, ParseError> {
    let wanted = HeaderName::new("Content-Length");
    let mut found: Option<usize> = None;
    for header in headers.iter().filter(|h| wanted.matches(&h.name)) {
        let length = parse_content_length(&header.value)?;
        match found {
            Some(first) if first != length => {
                return Err(ParseError::ConflictingContentLength {
                    first,
                    second: length,
                });
            }
            _ => found = Some(length),
        }
    }
    if let Some(length) = found
        && length > limits.max_body
    {
        return Err(ParseError::LimitExceeded {
            limit: Limit::Body,
            max: limits.max_body,
            actual: length,
        });
    }
    Ok(found)
}

fn parse_content_length(value: &str) -> Result<usize, ParseError> {
    let invalid = || ParseError::InvalidContentLength {
        snippet: snippet(value.as_bytes()),
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    // Only digits remain, so the one failure left is overflow: no limit can allow that.
    value.parse::<usize>().map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(s: &str) -> Result<Head, ParseError> {
        parse_head(s.as_bytes(), &Limits::DEFAULT)
    }

    #[test]
    fn finds_terminator_from_any_start() {
        let buf = b"A\r\nB: c\r\n\r\nbody";
        assert_eq!(find_head_end(buf, 0), Some(7));
        assert_eq!(find_head_end(buf, 7), Some(7));
        assert_eq!(find_head_end(buf, 10), Some(7));
        assert_eq!(find_head_end(buf, 11), None);
        assert_eq!(find_head_end(b"\r\n\r", 0), None);
        assert_eq!(find_head_end(b"\r\n\r\n", 0), Some(0));
        assert_eq!(find_head_end(b"", 5), None);
        assert_eq!(find_crlf(b"ab\r\ncd", 0), Some(2));
        assert_eq!(find_crlf(b"ab\r\ncd", 3), None);
    }

    #[test]
    fn start_lines() {
        let h = head("INVITE sip:a@b SIP/2.0").unwrap();
        assert_eq!(
            h.start_line,
            StartLine::Request {
                method: "INVITE".into(),
                uri: "sip:a@b".into()
            }
        );
        let h = head("sip/2.0 180 Ringing now").unwrap();
        assert_eq!(
            h.start_line,
            StartLine::Response {
                code: 180,
                reason: "Ringing now".into()
            }
        );
        let h = head("SIP/2.0 200").unwrap();
        assert_eq!(
            h.start_line,
            StartLine::Response {
                code: 200,
                reason: String::new()
            }
        );
    }

    #[test]
    fn bad_start_lines() {
        for bad in [
            "",
            "INVITE sip:a@b",
            "INVITE  sip:a@b SIP/2.0",
            "INVITE sip:a@b SIP/2.0 extra",
            "INV ITE sip:a@b SIP/2.0",
            "INVITE sip:a@b HTTP/1.1",
            "SIP/2.0 20 OK",
            "SIP/2.0 2000 OK",
            "SIP/2.0 099 Low",
            "SIP/2.0 700 High",
            "SIP/2.0 2x0 OK",
            "INVITE\tsip:a@b SIP/2.0",
        ] {
            assert!(
                matches!(
                    head(bad),
                    Err(ParseError::InvalidStartLine { .. } | ParseError::ControlCharacter { .. })
                ),
                "{bad:?} gave {:?}",
                head(bad)
            );
        }
        assert!(matches!(
            head("SIP/3.0 200 OK"),
            Err(ParseError::UnsupportedVersion { .. })
        ));
        assert!(matches!(
            head("OPTIONS sip:x SIP/1.0"),
            Err(ParseError::UnsupportedVersion { .. })
        ));
    }

    #[test]
    fn header_line_errors_name_the_line() {
        assert_eq!(
            head("SIP/2.0 200 OK\r\nA: 1\r\nno colon").unwrap_err(),
            ParseError::MissingColon {
                line: 3,
                snippet: "no colon".into()
            }
        );
        assert!(matches!(
            head("SIP/2.0 200 OK\r\nBad Name: 1"),
            Err(ParseError::InvalidHeaderName { line: 2, .. })
        ));
        assert!(matches!(
            head("SIP/2.0 200 OK\r\n: 1"),
            Err(ParseError::InvalidHeaderName { line: 2, .. })
        ));
        assert_eq!(
            head("SIP/2.0 200 OK\r\n folded").unwrap_err(),
            ParseError::OrphanContinuation { line: 2 }
        );
        assert_eq!(
            head("SIP/2.0 200 OK\r\nA: 1\rB: 2").unwrap_err(),
            ParseError::ControlCharacter {
                line: 2,
                byte: b'\r'
            }
        );
        assert_eq!(
            parse_head(b"SIP/2.0 200 OK\r\nA: 1\r\nB: \xc3\x28", &Limits::DEFAULT).unwrap_err(),
            ParseError::InvalidUtf8 { line: 3 }
        );
    }

    #[test]
    fn bare_line_ends_and_spaces_before_colon() {
        assert_eq!(
            head("SIP/2.0 200 OK\nA: b").unwrap_err(),
            ParseError::ControlCharacter {
                line: 1,
                byte: b'\n'
            }
        );
        assert_eq!(
            head("SIP/2.0 200 OK\r").unwrap_err(),
            ParseError::ControlCharacter {
                line: 1,
                byte: b'\r'
            }
        );
        let h = head("SIP/2.0 200 OK\r\nVia \t: SIP/2.0/TLS a\r\nX:").unwrap();
        assert_eq!(h.headers[0].name, "Via");
        assert_eq!(h.headers[0].value, "SIP/2.0/TLS a");
        assert_eq!(h.headers[1].value, "");
    }

    #[test]
    fn content_length_rules() {
        assert_eq!(
            head("SIP/2.0 200 OK\r\nl: 5\r\nContent-Length: 5")
                .unwrap()
                .content_length,
            Some(5)
        );
        assert_eq!(
            head("SIP/2.0 200 OK\r\nl: 5\r\nContent-Length: 6").unwrap_err(),
            ParseError::ConflictingContentLength {
                first: 5,
                second: 6
            }
        );
        for bad in ["", "-1", "+1", "1 2", "0x10", "99999999999999999999999999"] {
            assert!(
                matches!(
                    head(&format!("SIP/2.0 200 OK\r\nContent-Length: {bad}")),
                    Err(ParseError::InvalidContentLength { .. })
                ),
                "{bad:?}"
            );
        }
        assert_eq!(
            head("SIP/2.0 200 OK\r\nContent-Length: 67108865").unwrap_err(),
            ParseError::LimitExceeded {
                limit: Limit::Body,
                max: 64 * 1024 * 1024,
                actual: 67_108_865
            }
        );
    }
}

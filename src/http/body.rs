//! What requests and responses share on the wire: size limits, turning httparse's header
//! slices into [`Headers`], finding the end of a header section, and body framing
//! (RFC 9112 §6–7: Content-Length, chunked with extensions and trailers, or until close).

use super::error::ParseError;
use super::headers::Headers;

/// Upper bounds on what one message may make us buffer. Checked before buffering, so a
/// hostile peer cannot make the parser hold more than these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the status or request line plus header fields (and of a chunked trailer).
    pub max_head_bytes: usize,
    /// Header fields in one section.
    pub max_headers: usize,
    /// Body bytes after de-chunking. SOAP answers of Lync's web services are far smaller;
    /// an address book search with many results stays below 1 MiB.
    pub max_body_bytes: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_head_bytes: 64 * 1024,
        max_headers: 128,
        max_body_bytes: 8 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A chunk-size line ("1a2b;name=value") longer than this is refused: no sane extension
/// needs more, and the line must be buffered whole.
const MAX_CHUNK_SIZE_LINE: usize = 4096;

/// The protocol version of a message.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Version {
    Http10,
    Http11,
}

impl Version {
    pub(crate) fn from_minor(minor: Option<u8>) -> Version {
        match minor {
            Some(0) => Version::Http10,
            _ => Version::Http11,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Version::Http10 => "HTTP/1.0",
            Version::Http11 => "HTTP/1.1",
        }
    }
}

/// Converts httparse's fields. Values are UTF-8 when they are, else Latin-1 (HTTP's
/// historical charset), so no byte is lost; obsolete line folding becomes a space.
pub(crate) fn convert_headers(fields: &[httparse::Header<'_>]) -> Headers {
    fields
        .iter()
        .map(|field| {
            let value = match std::str::from_utf8(field.value) {
                Ok(text) => text.to_owned(),
                Err(_) => field.value.iter().map(|&byte| char::from(byte)).collect(),
            };
            let value = if value.contains(['\r', '\n']) {
                value.replace(['\r', '\n'], " ")
            } else {
                value
            };
            (field.name.to_owned(), value)
        })
        .collect()
}

/// True when `buffer[from..]` (looking back 3 bytes for a split terminator) holds a blank
/// line, i.e. a header section may be complete. Saves re-parsing on every byte.
pub(crate) fn may_hold_blank_line(buffer: &[u8], from: usize) -> bool {
    let window = &buffer[from.saturating_sub(3).min(buffer.len())..];
    window.windows(2).any(|pair| pair == b"\n\n") || window.windows(3).any(|w| w == b"\n\r\n")
}

/// Maps httparse's error to ours.
pub(crate) fn head_error(error: httparse::Error, limits: &Limits) -> ParseError {
    match error {
        httparse::Error::TooManyHeaders => ParseError::TooManyHeaders {
            limit: limits.max_headers,
        },
        other => ParseError::malformed(other.to_string()),
    }
}

/// The single Content-Length of a message: repeated fields or list items must agree
/// (RFC 9110 §8.6), anything else is refused as a framing attack would be.
pub(crate) fn content_length(headers: &Headers) -> Result<Option<u64>, ParseError> {
    let mut length = None;
    for item in headers.list_items("content-length") {
        if !item.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(ParseError::malformed("Content-Length is not a number"));
        }
        let value: u64 = item
            .parse()
            .map_err(|_| ParseError::malformed("Content-Length is too large"))?;
        if length.is_some_and(|earlier| earlier != value) {
            return Err(ParseError::malformed("conflicting Content-Length values"));
        }
        length = Some(value);
    }
    if length.is_none() && headers.contains("content-length") {
        return Err(ParseError::malformed("empty Content-Length"));
    }
    Ok(length)
}

/// True when Transfer-Encoding says chunked; any other coding is refused (we never ask
/// for one).
pub(crate) fn is_chunked(headers: &Headers) -> Result<bool, ParseError> {
    let mut chunked = false;
    for coding in headers.list_items("transfer-encoding") {
        if !coding.eq_ignore_ascii_case("chunked") || chunked {
            return Err(ParseError::UnsupportedTransferCoding(coding.to_owned()));
        }
        chunked = true;
    }
    Ok(chunked)
}

/// How a body ends.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Framing {
    Empty,
    Length(u64),
    Chunked,
    /// HTTP/1.0 style: the body is everything until the server closes the connection.
    UntilClose,
}

#[derive(Debug)]
enum State {
    Length { remaining: u64 },
    ChunkSize,
    ChunkData { remaining: u64 },
    ChunkDataEnd,
    Trailers,
    UntilClose,
    Done,
}

/// Collects a body according to its framing, incrementally.
#[derive(Debug)]
pub(crate) struct BodyDecoder {
    state: State,
    body: Vec<u8>,
    trailers: Headers,
    limits: Limits,
}

impl BodyDecoder {
    pub(crate) fn new(framing: Framing, limits: Limits) -> Result<Self, ParseError> {
        let state = match framing {
            Framing::Empty | Framing::Length(0) => State::Done,
            Framing::Length(length) => {
                if length > limits.max_body_bytes as u64 {
                    return Err(ParseError::BodyTooLarge {
                        limit: limits.max_body_bytes,
                    });
                }
                State::Length { remaining: length }
            }
            Framing::Chunked => State::ChunkSize,
            Framing::UntilClose => State::UntilClose,
        };
        Ok(Self {
            state,
            body: Vec::new(),
            trailers: Headers::new(),
            limits,
        })
    }

    pub(crate) fn is_done(&self) -> bool {
        matches!(self.state, State::Done)
    }

    /// Consumes what it can of `input` and returns how many bytes it used; the rest (part of
    /// a chunk-size line or trailer, or the next message) stays with the caller.
    pub(crate) fn decode(&mut self, input: &[u8]) -> Result<usize, ParseError> {
        let mut used = 0;
        while used < input.len() {
            let available = &input[used..];
            let step = match self.state {
                State::Done => break,
                State::Length { remaining } => {
                    let take = available.len().min(clamp(remaining));
                    self.append(&available[..take])?;
                    let remaining = remaining - take as u64;
                    self.state = if remaining == 0 {
                        State::Done
                    } else {
                        State::Length { remaining }
                    };
                    take
                }
                State::UntilClose => {
                    self.append(available)?;
                    available.len()
                }
                State::ChunkSize => match self.chunk_size(available)? {
                    Some(step) => step,
                    None => break,
                },
                State::ChunkData { remaining } => {
                    let take = available.len().min(clamp(remaining));
                    self.append(&available[..take])?;
                    let remaining = remaining - take as u64;
                    self.state = if remaining == 0 {
                        State::ChunkDataEnd
                    } else {
                        State::ChunkData { remaining }
                    };
                    take
                }
                State::ChunkDataEnd => {
                    let expected = b"\r\n";
                    let have = available.len().min(2);
                    if available[..have] != expected[..have] {
                        return Err(ParseError::malformed("chunk data not followed by CRLF"));
                    }
                    if have < 2 {
                        break;
                    }
                    self.state = State::ChunkSize;
                    2
                }
                State::Trailers => match self.trailers(available)? {
                    Some(step) => step,
                    None => break,
                },
            };
            used += step;
        }
        Ok(used)
    }

    /// The connection closed: only a close-delimited body is complete now.
    pub(crate) fn finish_at_eof(&mut self) -> Result<(), ParseError> {
        match self.state {
            State::UntilClose | State::Done => {
                self.state = State::Done;
                Ok(())
            }
            _ => Err(ParseError::Incomplete),
        }
    }

    pub(crate) fn into_parts(self) -> (Vec<u8>, Headers) {
        (self.body, self.trailers)
    }

    fn append(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        if self.body.len().saturating_add(bytes.len()) > self.limits.max_body_bytes {
            return Err(ParseError::BodyTooLarge {
                limit: self.limits.max_body_bytes,
            });
        }
        self.body.extend_from_slice(bytes);
        Ok(())
    }

    /// Parses "hex-size[;extensions]CRLF"; `None` until the whole line is there.
    fn chunk_size(&mut self, available: &[u8]) -> Result<Option<usize>, ParseError> {
        // httparse reads an empty size as 0; a chunk-size needs at least one digit.
        if !available[0].is_ascii_hexdigit() {
            return Err(ParseError::malformed("chunk size is not a hex number"));
        }
        match httparse::parse_chunk_size(available) {
            Ok(httparse::Status::Complete((line_length, size))) => {
                if size == 0 {
                    self.state = State::Trailers;
                } else {
                    let limit = self.limits.max_body_bytes;
                    if size.saturating_add(self.body.len() as u64) > limit as u64 {
                        return Err(ParseError::BodyTooLarge { limit });
                    }
                    self.state = State::ChunkData { remaining: size };
                }
                Ok(Some(line_length))
            }
            Ok(httparse::Status::Partial) if available.len() > MAX_CHUNK_SIZE_LINE => Err(
                ParseError::malformed("chunk size line longer than 4096 bytes"),
            ),
            Ok(httparse::Status::Partial) => Ok(None),
            Err(httparse::InvalidChunkSize) => Err(ParseError::malformed("invalid chunk size")),
        }
    }

    /// Parses the trailer section after the last chunk (usually just CRLF).
    fn trailers(&mut self, available: &[u8]) -> Result<Option<usize>, ParseError> {
        let mut fields = vec![httparse::EMPTY_HEADER; self.limits.max_headers];
        match httparse::parse_headers(available, &mut fields) {
            Ok(httparse::Status::Complete((length, fields))) => {
                self.trailers = convert_headers(fields);
                self.state = State::Done;
                Ok(Some(length))
            }
            Ok(httparse::Status::Partial) if available.len() > self.limits.max_head_bytes => {
                Err(ParseError::HeadTooLarge {
                    limit: self.limits.max_head_bytes,
                })
            }
            Ok(httparse::Status::Partial) => Ok(None),
            Err(error) => Err(head_error(error, &self.limits)),
        }
    }
}

/// `remaining` as a usize no larger than any slice.
fn clamp(remaining: u64) -> usize {
    usize::try_from(remaining).unwrap_or(usize::MAX)
}

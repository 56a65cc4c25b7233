//! The TLS record layer as far as TLS-DSK needs it: protocol versions, a bounds-checked
//! reader, splitting a blob of records, writing records, and reassembling handshake messages
//! that records split or bundle.

use core::fmt;

use super::error::TlsDskError;

pub(crate) const CONTENT_CHANGE_CIPHER_SPEC: u8 = 20;
pub(crate) const CONTENT_ALERT: u8 = 21;
pub(crate) const CONTENT_HANDSHAKE: u8 = 22;

/// Largest plaintext fragment (RFC 5246 §6.2.1).
pub(crate) const MAX_PLAINTEXT: usize = 1 << 14;
/// Largest protected fragment (RFC 5246 §6.2.3).
const MAX_CIPHERTEXT: usize = MAX_PLAINTEXT + 2048;
const RECORD_HEADER_LEN: usize = 5;
/// The version TLS-DSK clients put on the ClientHello record: every server accepts it.
pub(crate) const INITIAL_RECORD_VERSION: u16 = 0x0301;

/// A TLS protocol version the client can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TlsVersion {
    Tls10,
    Tls11,
    Tls12,
}

impl TlsVersion {
    /// The two bytes on the wire (0x0301, 0x0302, 0x0303).
    pub const fn wire(self) -> u16 {
        match self {
            TlsVersion::Tls10 => 0x0301,
            TlsVersion::Tls11 => 0x0302,
            TlsVersion::Tls12 => 0x0303,
        }
    }

    pub fn from_wire(value: u16) -> Option<Self> {
        match value {
            0x0301 => Some(TlsVersion::Tls10),
            0x0302 => Some(TlsVersion::Tls11),
            0x0303 => Some(TlsVersion::Tls12),
            _ => None,
        }
    }
}

impl fmt::Display for TlsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TlsVersion::Tls10 => "TLS 1.0",
            TlsVersion::Tls11 => "TLS 1.1",
            TlsVersion::Tls12 => "TLS 1.2",
        })
    }
}

/// A version number as we name it in errors: "TLS 1.2" or the raw value.
pub(crate) fn describe_version(value: u16) -> String {
    match (TlsVersion::from_wire(value), value) {
        (Some(version), _) => version.to_string(),
        (None, 0x0300) => "SSL 3.0".to_string(),
        (None, 0x0304) => "TLS 1.3".to_string(),
        (None, other) => format!("0x{other:04x}"),
    }
}

/// A cursor over bytes from the network; every read is bounds-checked.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    position: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// `what` names the structure in errors ("ServerHello", "record header" …).
    pub(crate) fn new(data: &'a [u8], what: &'static str) -> Self {
        Reader {
            data,
            position: 0,
            what,
        }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len() - self.position
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    pub(crate) fn bytes(&mut self, count: usize) -> Result<&'a [u8], TlsDskError> {
        if count > self.remaining() {
            return Err(TlsDskError::Truncated {
                what: self.what,
                needed: count,
                available: self.remaining(),
            });
        }
        let slice = &self.data[self.position..self.position + count];
        self.position += count;
        Ok(slice)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, TlsDskError> {
        Ok(self.bytes(1)?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, TlsDskError> {
        let bytes = self.bytes(2)?;
        Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
    }

    pub(crate) fn u24(&mut self) -> Result<usize, TlsDskError> {
        let bytes = self.bytes(3)?;
        Ok(usize::from(bytes[0]) << 16 | usize::from(bytes[1]) << 8 | usize::from(bytes[2]))
    }

    /// A vector with a one-byte length prefix.
    pub(crate) fn vec8(&mut self) -> Result<&'a [u8], TlsDskError> {
        let length = usize::from(self.u8()?);
        self.bytes(length)
    }

    /// A vector with a two-byte length prefix.
    pub(crate) fn vec16(&mut self) -> Result<&'a [u8], TlsDskError> {
        let length = usize::from(self.u16()?);
        self.bytes(length)
    }

    /// A vector with a three-byte length prefix.
    pub(crate) fn vec24(&mut self) -> Result<&'a [u8], TlsDskError> {
        let length = self.u24()?;
        self.bytes(length)
    }

    /// Errors when bytes are left over: every structure we parse has a defined end.
    pub(crate) fn finish(&self) -> Result<(), TlsDskError> {
        match self.remaining() {
            0 => Ok(()),
            bytes => Err(TlsDskError::TrailingData {
                after: self.what,
                bytes,
            }),
        }
    }
}

/// One record as it came off the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record<'a> {
    pub content_type: u8,
    pub version: u16,
    pub fragment: &'a [u8],
}

/// Splits `data` into whole records. TLS-DSK carries complete records in every
/// `gssapi-data`, so a partial record at the end is an error, not a reason to wait.
pub(crate) fn split_records(data: &[u8]) -> Result<Vec<Record<'_>>, TlsDskError> {
    let mut reader = Reader::new(data, "TLS record");
    let mut records = Vec::new();
    while !reader.is_empty() {
        let content_type = reader.u8()?;
        let version = reader.u16()?;
        let length = usize::from(reader.u16()?);
        if length > MAX_CIPHERTEXT {
            return Err(TlsDskError::RecordOverflow { length });
        }
        if version >> 8 != 3 {
            return Err(TlsDskError::Malformed {
                what: "TLS record",
                reason: "the record version is not 3.x",
            });
        }
        let fragment = reader.bytes(length)?;
        records.push(Record {
            content_type,
            version,
            fragment,
        });
    }
    Ok(records)
}

/// Appends `payload` to `out` as records of `content_type`, split at the TLS maximum.
pub(crate) fn write_records(out: &mut Vec<u8>, content_type: u8, version: u16, payload: &[u8]) {
    for fragment in payload.chunks(MAX_PLAINTEXT) {
        write_record(out, content_type, version, fragment);
    }
}

/// Appends one record. `fragment` is at most 2^14 + 2048 bytes (checked by callers).
pub(crate) fn write_record(out: &mut Vec<u8>, content_type: u8, version: u16, fragment: &[u8]) {
    out.reserve(RECORD_HEADER_LEN + fragment.len());
    out.push(content_type);
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&(fragment.len() as u16).to_be_bytes());
    out.extend_from_slice(fragment);
}

/// Appends `bytes` with a `width`-byte big-endian length prefix.
/// Callers pass lengths that fit: every vector we build is far below 2^16.
pub(crate) fn put_vec(out: &mut Vec<u8>, width: usize, bytes: &[u8]) {
    let length = bytes.len().to_be_bytes();
    out.extend_from_slice(&length[length.len() - width..]);
    out.extend_from_slice(bytes);
}

/// Handshake message types (RFC 5246 §7.4).
pub(crate) mod handshake_type {
    pub const HELLO_REQUEST: u8 = 0;
    pub const CLIENT_HELLO: u8 = 1;
    pub const SERVER_HELLO: u8 = 2;
    pub const CERTIFICATE: u8 = 11;
    pub const SERVER_KEY_EXCHANGE: u8 = 12;
    pub const CERTIFICATE_REQUEST: u8 = 13;
    pub const SERVER_HELLO_DONE: u8 = 14;
    pub const CERTIFICATE_VERIFY: u8 = 15;
    pub const CLIENT_KEY_EXCHANGE: u8 = 16;
    pub const FINISHED: u8 = 20;
}

/// A handshake message name for errors.
pub(crate) fn handshake_name(message_type: u8) -> String {
    use handshake_type::*;
    match message_type {
        HELLO_REQUEST => "HelloRequest".into(),
        CLIENT_HELLO => "ClientHello".into(),
        SERVER_HELLO => "ServerHello".into(),
        CERTIFICATE => "Certificate".into(),
        SERVER_KEY_EXCHANGE => "ServerKeyExchange".into(),
        CERTIFICATE_REQUEST => "CertificateRequest".into(),
        SERVER_HELLO_DONE => "ServerHelloDone".into(),
        CERTIFICATE_VERIFY => "CertificateVerify".into(),
        CLIENT_KEY_EXCHANGE => "ClientKeyExchange".into(),
        FINISHED => "Finished".into(),
        other => format!("handshake message type {other}"),
    }
}

/// A handshake message with its 4-byte header, as the transcript hashes it.
pub(crate) fn handshake_message(message_type: u8, body: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(4 + body.len());
    message.push(message_type);
    put_vec(&mut message, 3, body);
    message
}

/// One complete handshake message out of the reassembler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HandshakeMessage {
    pub message_type: u8,
    /// Header and body, exactly as received (for the transcript).
    pub encoded: Vec<u8>,
}

impl HandshakeMessage {
    pub(crate) fn body(&self) -> &[u8] {
        &self.encoded[4..]
    }
}

/// Collects handshake record payloads and cuts them into messages.
#[derive(Debug, Default)]
pub(crate) struct HandshakeReassembler {
    pending: Vec<u8>,
}

impl HandshakeReassembler {
    pub(crate) fn push(&mut self, fragment: &[u8]) {
        self.pending.extend_from_slice(fragment);
    }

    /// The next complete message, if the buffer holds one.
    pub(crate) fn next_message(&mut self) -> Option<HandshakeMessage> {
        let header = self.pending.get(..4)?;
        let length =
            usize::from(header[1]) << 16 | usize::from(header[2]) << 8 | usize::from(header[3]);
        if self.pending.len() < 4 + length {
            return None;
        }
        let rest = self.pending.split_off(4 + length);
        let encoded = core::mem::replace(&mut self.pending, rest);
        Some(HandshakeMessage {
            message_type: encoded[0],
            encoded,
        })
    }

    /// True while part of a message waits for the rest; no other record type may then
    /// come in between (RFC 5246 §6.2.1).
    pub(crate) fn has_partial_message(&self) -> bool {
        !self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_checks_bounds() {
        let mut reader = Reader::new(&[0, 3, 1, 2], "test");
        assert_eq!(
            reader.vec16(),
            Err(TlsDskError::Truncated {
                what: "test",
                needed: 3,
                available: 2
            })
        );
        let mut reader = Reader::new(&[1, 2, 3, 4], "test");
        assert_eq!(reader.u24(), Ok(0x010203));
        assert_eq!(
            reader.finish(),
            Err(TlsDskError::TrailingData {
                after: "test",
                bytes: 1
            })
        );
    }

    #[test]
    fn records_split_and_round_trip() {
        let mut blob = Vec::new();
        write_record(&mut blob, CONTENT_HANDSHAKE, 0x0303, &[1, 2, 3]);
        write_record(&mut blob, CONTENT_CHANGE_CIPHER_SPEC, 0x0303, &[1]);
        let records = split_records(&blob).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].fragment, &[1, 2, 3]);
        assert_eq!(records[1].content_type, CONTENT_CHANGE_CIPHER_SPEC);
        assert!(matches!(
            split_records(&blob[..blob.len() - 1]),
            Err(TlsDskError::Truncated { .. })
        ));
    }

    #[test]
    fn oversized_records_are_refused() {
        let blob = [22, 3, 3, 0xff, 0xff];
        assert_eq!(
            split_records(&blob),
            Err(TlsDskError::RecordOverflow { length: 0xffff })
        );
    }

    #[test]
    fn long_payloads_become_several_records() {
        let mut blob = Vec::new();
        write_records(
            &mut blob,
            CONTENT_HANDSHAKE,
            0x0303,
            &vec![7u8; MAX_PLAINTEXT + 10],
        );
        let records = split_records(&blob).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].fragment.len(), 10);
    }

    #[test]
    fn reassembler_joins_split_messages_and_splits_bundled_ones() {
        let first = handshake_message(handshake_type::CERTIFICATE, &[9; 10]);
        let second = handshake_message(handshake_type::SERVER_HELLO_DONE, &[]);
        let joined = [first.clone(), second.clone()].concat();
        let mut reassembler = HandshakeReassembler::default();
        reassembler.push(&joined[..7]);
        assert_eq!(reassembler.next_message(), None);
        assert!(reassembler.has_partial_message());
        reassembler.push(&joined[7..]);
        let message = reassembler.next_message().unwrap();
        assert_eq!(message.encoded, first);
        assert_eq!(message.body(), &[9; 10]);
        assert_eq!(reassembler.next_message().unwrap().encoded, second);
        assert!(!reassembler.has_partial_message());
    }
}

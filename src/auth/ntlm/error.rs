//! Errors of the NTLM module.

use super::flags::NegotiateFlags;

/// Everything that can go wrong while parsing, building or checking NTLM messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NtlmError {
    #[error("NTLM message too short: {needed} bytes needed, {available} available")]
    Truncated { needed: usize, available: usize },

    #[error("not an NTLM message: the \"NTLMSSP\\0\" signature is missing")]
    BadSignature,

    #[error("wrong NTLM message type: expected {expected}, got {found}")]
    WrongMessageType { expected: u32, found: u32 },

    #[error(
        "NTLM field {field} points outside the message (offset {offset}, length {length}, message length {message_length})"
    )]
    FieldOutOfBounds {
        field: &'static str,
        offset: usize,
        length: usize,
        message_length: usize,
    },

    #[error("NTLM field {field} is not valid UTF-16")]
    InvalidUtf16 { field: &'static str },

    #[error("malformed NTLM target info (AV pairs): {reason}")]
    MalformedTargetInfo { reason: &'static str },

    #[error("NTLM field {field} is too long to encode ({length} bytes, at most 65535)")]
    FieldTooLong { field: &'static str, length: usize },

    #[error("the peer does not offer required NTLM features: {missing}")]
    MissingFlags { missing: NegotiateFlags },

    #[error("the client negotiated NTLM features the server did not offer: {unexpected}")]
    UnofferedFlags { unexpected: NegotiateFlags },

    #[error("the client sent an NTLMv1 or empty response; only NTLMv2 is accepted")]
    NotNtlmV2,

    #[error("malformed NTLMv2 client blob: {reason}")]
    MalformedNtlmV2Blob { reason: &'static str },

    #[error("the encrypted random session key must be 16 bytes, got {length}")]
    BadSessionKeyLength { length: usize },

    #[error("unknown account {user:?} in domain {domain:?}")]
    UnknownUser { user: String, domain: String },

    #[error("NTLM authentication failed: wrong user name or password")]
    WrongPassword,

    #[error("NTLM message integrity code (MIC) does not match")]
    MicMismatch,

    #[error("the client's NTLMv2 timestamp is too far from the server's time")]
    TimestampOutOfRange,
}

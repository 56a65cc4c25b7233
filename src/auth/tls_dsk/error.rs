//! Errors of the TLS-DSK handshake, and the names of TLS alerts.

use core::fmt;

/// Everything that can end a TLS-DSK handshake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TlsDskError {
    #[error("TLS-DSK configuration: {0}")]
    InvalidConfig(&'static str),

    #[error("TLS-DSK: truncated {what}: {needed} bytes needed, {available} available")]
    Truncated {
        what: &'static str,
        needed: usize,
        available: usize,
    },

    #[error("TLS-DSK: malformed {what}: {reason}")]
    Malformed {
        what: &'static str,
        reason: &'static str,
    },

    #[error("TLS-DSK: {bytes} unexpected bytes after {after}")]
    TrailingData { after: &'static str, bytes: usize },

    #[error("TLS-DSK: record of {length} bytes is larger than TLS allows")]
    RecordOverflow { length: usize },

    #[error("TLS-DSK: the server's data ended before {expected}")]
    IncompleteFlight { expected: &'static str },

    #[error("TLS-DSK: the server sent {found} where {expected} was expected")]
    UnexpectedMessage {
        expected: &'static str,
        found: String,
    },

    #[error("TLS-DSK: the server sent a {level} alert: {description}")]
    AlertReceived {
        level: AlertLevel,
        description: AlertDescription,
    },

    #[error(
        "TLS-DSK: the server chose protocol version {chosen}, which we did not offer ({offered})"
    )]
    UnsupportedVersion { chosen: String, offered: String },

    #[error("TLS-DSK: the server chose cipher suite 0x{0:04x}, which we did not offer")]
    UnsupportedCipherSuite(u16),

    #[error("TLS-DSK: the server chose compression method {0}; only null compression is offered")]
    UnsupportedCompression(u8),

    #[error("TLS-DSK: the server answered with extension {0}, which we did not offer")]
    UnsolicitedExtension(u16),

    #[error(
        "TLS-DSK: the server's random says it supports a newer TLS version than it chose (downgrade protection)"
    )]
    DowngradeDetected,

    #[error("TLS-DSK: the server's certificate has no usable RSA public key: {0}")]
    ServerPublicKey(String),

    #[error("TLS-DSK: the server did not ask for a client certificate, so TLS-DSK cannot sign in")]
    NoCertificateRequest,

    #[error("TLS-DSK: the server does not accept RSA client certificates")]
    RsaCertificateNotAccepted,

    #[error(
        "TLS-DSK: the server allows no RSA PKCS#1 signature algorithm we support for CertificateVerify"
    )]
    NoCommonSignatureAlgorithm,

    #[error("TLS-DSK: RSA {operation} failed: {reason}")]
    Rsa {
        operation: &'static str,
        reason: String,
    },

    #[error("TLS-DSK: the server's encrypted record failed its MAC or padding check")]
    BadRecordMac,

    #[error("TLS-DSK: the server's Finished message does not match the handshake")]
    BadServerFinished,

    #[error("TLS-DSK internal error: {0}")]
    Internal(&'static str),

    #[error("TLS-DSK: the handshake is already complete")]
    AlreadyComplete,

    #[error("TLS-DSK: the handshake failed earlier and cannot continue")]
    AlreadyFailed,
}

/// The level byte of a TLS alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertLevel {
    Warning,
    Fatal,
    Unknown(u8),
}

impl AlertLevel {
    pub(crate) fn from_wire(value: u8) -> Self {
        match value {
            1 => AlertLevel::Warning,
            2 => AlertLevel::Fatal,
            other => AlertLevel::Unknown(other),
        }
    }
}

impl fmt::Display for AlertLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlertLevel::Warning => f.write_str("warning"),
            AlertLevel::Fatal => f.write_str("fatal"),
            AlertLevel::Unknown(value) => write!(f, "unknown-level ({value})"),
        }
    }
}

macro_rules! alert_descriptions {
    ($($variant:ident = $value:literal, $name:literal;)*) => {
        /// The description byte of a TLS alert (RFC 5246 §7.2 and later registrations).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum AlertDescription {
            $($variant,)*
            Unknown(u8),
        }

        impl AlertDescription {
            pub fn from_wire(value: u8) -> Self {
                match value {
                    $($value => AlertDescription::$variant,)*
                    other => AlertDescription::Unknown(other),
                }
            }

            /// The name the TLS specifications give it, e.g. `handshake_failure`.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(AlertDescription::$variant => Some($name),)*
                    AlertDescription::Unknown(_) => None,
                }
            }
        }
    };
}

alert_descriptions! {
    CloseNotify = 0, "close_notify";
    UnexpectedMessage = 10, "unexpected_message";
    BadRecordMac = 20, "bad_record_mac";
    DecryptionFailed = 21, "decryption_failed";
    RecordOverflow = 22, "record_overflow";
    DecompressionFailure = 30, "decompression_failure";
    HandshakeFailure = 40, "handshake_failure";
    NoCertificate = 41, "no_certificate";
    BadCertificate = 42, "bad_certificate";
    UnsupportedCertificate = 43, "unsupported_certificate";
    CertificateRevoked = 44, "certificate_revoked";
    CertificateExpired = 45, "certificate_expired";
    CertificateUnknown = 46, "certificate_unknown";
    IllegalParameter = 47, "illegal_parameter";
    UnknownCa = 48, "unknown_ca";
    AccessDenied = 49, "access_denied";
    DecodeError = 50, "decode_error";
    DecryptError = 51, "decrypt_error";
    ExportRestriction = 60, "export_restriction";
    ProtocolVersion = 70, "protocol_version";
    InsufficientSecurity = 71, "insufficient_security";
    InternalError = 80, "internal_error";
    InappropriateFallback = 86, "inappropriate_fallback";
    UserCanceled = 90, "user_canceled";
    NoRenegotiation = 100, "no_renegotiation";
    UnsupportedExtension = 110, "unsupported_extension";
    UnrecognizedName = 112, "unrecognized_name";
}

impl fmt::Display for AlertDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self) {
            (Some(name), _) => f.write_str(name),
            (None, AlertDescription::Unknown(value)) => write!(f, "unknown alert {value}"),
            (None, _) => f.write_str("unnamed alert"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_have_their_rfc_names() {
        assert_eq!(
            AlertDescription::from_wire(40),
            AlertDescription::HandshakeFailure
        );
        assert_eq!(
            AlertDescription::from_wire(70).to_string(),
            "protocol_version"
        );
        assert_eq!(
            AlertDescription::from_wire(201).to_string(),
            "unknown alert 201"
        );
        let error = TlsDskError::AlertReceived {
            level: AlertLevel::from_wire(2),
            description: AlertDescription::from_wire(51),
        };
        assert_eq!(
            error.to_string(),
            "TLS-DSK: the server sent a fatal alert: decrypt_error"
        );
    }
}

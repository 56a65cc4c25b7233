//! Connection errors as the user sees them: a libpurple error class and a sentence.
//!
//! Every failure that ends a sign-in becomes one `ConnectionError`. The glue maps
//! [`ErrorClass`] one-to-one onto `PurpleConnectionError`; the sentence says what happened
//! and which field to change.

use std::fmt;

/// The libpurple error classes we use (a subset of `PurpleConnectionError`).
///
/// Only `Network` is retried automatically by Pidgin; every other class is final until the
/// user changes something, so choose it with care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The network or server is unreachable or went away: Pidgin reconnects by itself.
    Network,
    /// The SIP address (Username) is malformed or unknown to the server.
    InvalidUsername,
    /// The password or login was rejected.
    AuthenticationFailed,
    /// No authentication scheme both sides support.
    AuthenticationImpossible,
    /// Some other account setting is wrong; the text names it.
    InvalidSettings,
    /// The server's certificate was refused.
    CertificateUntrusted,
    /// Anything else, including internal errors.
    Other,
}

impl ErrorClass {
    /// Whether Pidgin will reconnect on its own after this error.
    pub fn is_retried_automatically(self) -> bool {
        matches!(self, ErrorClass::Network)
    }
}

/// A fatal connection failure with the sentence shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionError {
    pub class: ErrorClass,
    pub message: String,
}

impl ConnectionError {
    pub fn new(class: ErrorClass, message: impl Into<String>) -> Self {
        ConnectionError {
            class,
            message: message.into(),
        }
    }
}

impl fmt::Display for ConnectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConnectionError {}

//! Errors of the HTTP module. Every message names the URL and says what went wrong.

use std::time::Duration;

use super::url::{Url, UrlError};

/// What is wrong with a received message (a response, or a request on the server side).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("malformed message: {0}")]
    Malformed(String),

    #[error("header section larger than {limit} bytes")]
    HeadTooLarge { limit: usize },

    #[error("more than {limit} header fields")]
    TooManyHeaders { limit: usize },

    #[error("body larger than {limit} bytes")]
    BodyTooLarge { limit: usize },

    #[error("the connection closed before the message was complete")]
    Incomplete,

    #[error("unsupported transfer coding {0:?} (only chunked is supported)")]
    UnsupportedTransferCoding(String),

    #[error("unsupported content coding {0:?} (identity was requested)")]
    UnsupportedContentEncoding(String),
}

impl ParseError {
    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        ParseError::Malformed(reason.into())
    }
}

/// Why an HTTP request did not produce a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    InvalidUrl(#[from] UrlError),

    #[error("invalid request header {name:?}: {reason}")]
    InvalidRequestHeader { name: String, reason: &'static str },

    #[error("an HTTP request is already in progress on this client")]
    Busy,

    #[error("could not connect to {host}:{port}: {reason}")]
    ConnectFailed {
        host: String,
        port: u16,
        reason: String,
    },

    #[error("{url}: the server closed the connection before the response was complete")]
    ConnectionClosed { url: Url },

    #[error("{url}: the request was cancelled")]
    Cancelled { url: Url },

    #[error("{url}: no response within {} seconds", .after.as_secs())]
    Timeout { url: Url, after: Duration },

    #[error("{url}: invalid response: {error}")]
    InvalidResponse { url: Url, error: ParseError },

    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: Url, limit: u32 },

    #[error("{from} redirects to {to}, which would leave https; not followed")]
    InsecureRedirect { from: Url, to: Url },

    #[error("{url}: redirect to an invalid location {location:?}: {reason}")]
    InvalidRedirect {
        url: Url,
        location: String,
        reason: &'static str,
    },

    #[error("{url}: the server rejected login \"{login}\"; check the login name and the password")]
    AuthenticationFailed { url: Url, login: String },

    #[error("{url}: authentication could not be completed: {reason}")]
    AuthenticationProtocol { url: Url, reason: String },
}

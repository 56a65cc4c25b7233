//! A small sans-IO HTTP/1.1 client for Lync's web services (autodiscover, web tickets,
//! certificate provisioning, address book), and the server-side pieces the test server uses.
//!
//! Why our own: reqwest and ureq bring their own I/O and runtime and would bypass Pidgin's
//! proxy settings (DESIGN.md §3). Here parsing is httparse's; everything else is a state
//! machine that the glue drives with bytes and time, like the SIP engine.
//!
//! - [`Url`], [`Request`], [`Response`], [`Headers`]: the values.
//! - [`HttpClient`]: keep-alive, redirects, cookies ([`CookieJar`]), limits ([`Limits`]), a
//!   deadline, and authentication: connection-oriented NTLM (also inside `Negotiate`) and,
//!   when allowed over https, Basic.
//! - [`ResponseParser`] / [`RequestParser`]: incremental message parsers.
//! - [`ServerResponse`], [`HttpNtlmServer`]: the test server's side.
//!
//! Anything logged from here should go through [`log_text`], which redacts
//! `Authorization` tokens, cookies and web tickets.

mod auth;
mod body;
mod client;
mod cookies;
mod error;
mod headers;
mod request;
mod response;
mod server;
mod server_ntlm;
mod url;

#[cfg(test)]
mod tests;

pub use auth::{Challenge, Scheme as AuthScheme, parse_challenges};
pub use body::{Limits, Version};
pub use client::{
    DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_REDIRECTS, DEFAULT_REQUEST_TIMEOUT, HttpAction, HttpClient,
    HttpClientConfig, HttpEvent,
};
pub use cookies::CookieJar;
pub use error::{HttpError, ParseError};
pub use headers::Headers;
pub use request::{HttpCredentials, Method, Request};
pub use response::{Response, ResponseParser};
pub use server::{RequestParser, ServerRequest, ServerResponse, reason_phrase};
pub use server_ntlm::{AuthenticatedUser, AuthorizeOutcome, HttpNtlmServer, HttpNtlmServerConfig};
pub use url::{Scheme, Url, UrlError};

/// Bytes of an HTTP message as text fit for the debug log: invalid UTF-8 replaced, secrets
/// (see [`crate::redact::redact_shapes`]) redacted.
pub fn log_text(bytes: &[u8]) -> String {
    crate::redact::redact_shapes(&String::from_utf8_lossy(bytes)).into_owned()
}

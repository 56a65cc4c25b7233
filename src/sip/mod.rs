//! SIP message codec for the Lync / SfB dialect: no I/O, safe Rust only, no panics on input.
//!
//! - [`Message`]: start line, headers in order as received (name as written, value with
//!   folding undone and outer whitespace trimmed, otherwise byte-exact because MS-SIPAE
//!   signatures cover values as they appear), and the body as bytes.
//! - [`Decoder`]: frames messages and CRLF keep-alives out of a TCP/TLS byte stream.
//! - Typed views where the engine needs them: [`Via`], [`CSeq`], [`NameAddr`], [`Contact`],
//!   [`Event`], [`SubscriptionState`], [`AuthParams`] (see the accessors on [`Message`]).
//! - [`Limits`] bound every size read from the network.

// Input-derived data must never panic the plugin (a panic in Pidgin takes all accounts down).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod accessors;
mod auth_header;
mod decoder;
mod error;
mod head;
mod headers;
mod limits;
mod message;
mod names;
mod typed;

pub use auth_header::{AuthParams, format_auth_value};
pub use decoder::{Decoder, Frame};
pub use error::{BuildError, Limit, ParseError};
pub use headers::Param;
pub use limits::Limits;
pub use message::{Message, StartLine};
pub use typed::{CSeq, Contact, Event, NameAddr, SubscriptionState, Via};

//! purple-lync: a libpurple 2.x protocol plugin for Microsoft Lync / Skype for Business.
//!
//! Everything outside `purple/` is plain, safe Rust with no I/O: the glue in `purple/`
//! feeds it bytes and time and carries out what it asks for (see DESIGN.md).

#![deny(unsafe_code)]

pub mod auth;
pub mod conference;
mod der_walk;
pub mod engine;
pub mod error;
pub mod http;
pub mod im;
pub mod link;
pub mod mime;
pub mod presence;
pub mod redact;
pub mod roster;
pub mod search;
pub mod settings;
pub mod sip;
pub mod status;
pub mod webticket;
pub mod xml;

mod purple;

//! lync-testserver: a Lync-dialect SIP server for purple-lync's tests and demo.
//!
//! [`core::Core`] holds the logic without sockets (so engine tests can drive it directly);
//! `net` runs it on real TLS/TCP listeners.

pub mod authority;
pub mod config;
pub mod core;
mod https;
pub mod net;
pub mod registrar;
pub mod signing;
pub mod tls;
pub mod tls_dsk;
pub mod webservices;

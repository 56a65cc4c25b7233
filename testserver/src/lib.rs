//! lync-testserver: a Lync-dialect SIP server for purple-lync's tests and demo.
//!
//! [`core::Core`] holds the logic without sockets (so engine tests can drive it directly);
//! `net` runs it on real TLS/TCP listeners.

pub mod conference;
pub mod config;
pub mod core;
pub mod dialog;
pub mod directory;
mod https;
pub mod net;
pub mod notifier;
pub mod proxy;
pub mod publishing;
pub mod registrar;
pub mod signing;
pub mod soap;
pub mod tls;

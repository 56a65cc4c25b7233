//! lync-testserver: a Lync-dialect SIP server for purple-lync's tests and demo.
//!
//! [`core::Core`] holds the logic without sockets (so engine tests can drive it directly);
//! `net` runs it on real TLS/TCP listeners. What a signed-in client gets, each module
//! checked against pidgin-sipe (tests/sipe_*.rs):
//!
//! - [`registrar`]: REGISTER with NTLM (and TLS-DSK), signed replies; [`logins`]: which
//!   NTLM logins name a user, as Active Directory resolves them.
//! - [`notifier`]: SUBSCRIBE for roaming contacts, roaming self, provisioning, presence
//!   and conferences; first notification piggy-backed in the 200, then BENOTIFY.
//! - [`directory`]: each user's contact list, publications and what others see of them.
//! - [`publishing`]: SERVICE publish (versions, 409 faults) and fan-out to watchers.
//! - [`soap`]: SOAP contact-list edits and directory search.
//! - [`proxy`]: IM and other requests between users, and the echo user.
//! - [`conference`]: focus factory, focus and chat MCU for chats of three or more.

pub mod authority;
pub mod conference;
pub mod config;
pub mod core;
pub mod dialog;
pub mod directory;
mod https;
pub mod logins;
pub mod net;
pub mod notifier;
pub mod proxy;
pub mod publishing;
pub mod registrar;
pub mod signing;
pub mod soap;
pub mod tls;
pub mod tls_dsk;
pub mod webservices;

//! TLS-DSK: the TLS handshake MS-SIPAE runs inside SIP `gssapi-data` to establish the keys
//! that sign SIP messages.
//!
//! A small sans-IO TLS client, because the handshake is unusual for every TLS library:
//! records travel base64-encoded in SIP headers, the client authenticates with the
//! certificate from certificate provisioning, and what matters afterwards is not an
//! encrypted channel but 64 bytes of exported key material (protocol.md §1.4).
//!
//! - TLS 1.2, 1.1 and 1.0; RSA key exchange; AES-CBC with HMAC-SHA1 (and, on request,
//!   HMAC-SHA256 or RC4); null compression; no session resumption.
//! - [`TlsDskClient::start`] gives the ClientHello; [`TlsDskClient::handle`] takes each
//!   server leg and answers with [`Step::Send`] (Certificate, ClientKeyExchange,
//!   CertificateVerify, ChangeCipherSpec, Finished) and then [`Step::Done`] once the
//!   server's Finished decrypted, authenticated and matched the handshake. pidgin-sipe
//!   skips that last check; we do not.
//! - The server's certificate is not validated here; [`SessionKeys`] carries it so the
//!   caller can.
//!
//! Choices others rely on:
//! - Offer: TLS 1.2, 1.1 and 1.0 by default (a server picks min(ours, its own), so leaving
//!   1.1 out would fail against a 1.1-capable server); TLS_RSA_WITH_AES_128_CBC_SHA and
//!   _256_CBC_SHA, plus TLS_EMPTY_RENEGOTIATION_INFO_SCSV. The `*_CBC_SHA256` suites only
//!   with `offer_sha256_suites`, RC4 only with `allow_rc4`.
//! - Extensions: signature_algorithms, and only when TLS 1.2 is offered. No extended master
//!   secret, encrypt-then-MAC or session tickets: each would change the crypto a Lync
//!   server must agree with, for no gain in a handshake that protects one record.
//! - The signing HMAC is decided in [`SigningMac::for_cipher_suite`].
//! - Each `handle` call must carry whole records, as `gssapi-data` does; a partial record
//!   or message is an error, not a reason to wait.

mod cipher;
mod error;
mod handshake;
mod keys;
mod messages;
mod prf;
mod records;
mod server_key;

pub use cipher::CipherSuite;
pub use error::{AlertDescription, AlertLevel, TlsDskError};
pub use handshake::{Step, TlsDskClient, TlsDskConfig};
pub use keys::{SessionKeys, SigningMac};
pub use records::TlsVersion;

#[cfg(test)]
mod tests;

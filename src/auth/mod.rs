//! Authentication: NTLM, TLS-DSK and MS-SIPAE message signing.
//!
//! - [`ntlm`]: connection-less ("datagram") NTLMv2 as Lync uses it inside SIP, for both the
//!   client and the server side, with MS-NLMP message signatures.
//! - [`tls_dsk`]: the TLS handshake inside SIP that yields TLS-DSK signing keys.
//! - [`csr`]: the RSA key and PKCS#10 request for certificate provisioning.
//! - [`signature`]: the MS-SIPAE "signature string" that SIP messages are signed over.
//! - [`sipae`]: which values of a SIP message a signature covers, and where it is carried.
//!
//! Everything here is pure computation: time and randomness are inputs.

pub mod csr;
pub mod ntlm;
pub(crate) mod rng;
pub mod signature;
pub mod sipae;
pub mod tls_dsk;

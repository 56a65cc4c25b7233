//! Authentication: NTLM and MS-SIPAE message signing.
//!
//! - [`ntlm`]: connection-less ("datagram") NTLMv2 as Lync uses it inside SIP, for both the
//!   client and the server side, with MS-NLMP message signatures.
//! - [`signature`]: the MS-SIPAE "signature string" that SIP messages are signed over.
//! - [`sipae`]: which values of a SIP message a signature covers, and where it is carried.
//!
//! Everything here is pure computation: time and randomness are inputs.

pub mod ntlm;
#[allow(dead_code)] // used by tls_dsk and csr, which follow
mod rng;
pub mod signature;
pub mod sipae;

//! Authentication: NTLM and MS-SIPAE message signing.
//!
//! - [`signature`]: the MS-SIPAE "signature string" that SIP messages are signed over.
//!
//! Everything here is pure computation: time and randomness are inputs.

pub mod signature;

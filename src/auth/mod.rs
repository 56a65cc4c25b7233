//! Authentication: NTLM and MS-SIPAE message signing.

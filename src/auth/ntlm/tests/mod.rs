//! NTLM tests: published vectors, the real OC 2007 R2 exchange, client↔server round trips
//! and hostile input.

mod connection_oriented;
mod credentials_and_debug;
mod msnlmp_vectors;
mod oc2007r2_exchange;
mod robustness;
mod roundtrip;

/// "Plaintext" in UTF-16LE, the message MS-NLMP §4.2 signs.
const PLAINTEXT_UTF16: &[u8] = b"P\0l\0a\0i\0n\0t\0e\0x\0t\0";

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

//! Identifiers on the wire: endpoint id, instance UUID, tags, Call-IDs, branches.
//!
//! The endpoint id (epid) is stable per account (stored in the account settings), and the
//! `+sip.instance` UUID is derived from it the way Microsoft's clients do ([MS-SIPRE]), so
//! the server sees the same endpoint across reconnects and both identifiers agree.

use sha1::{Digest, Sha1};

use super::random::{Random, random_hex};

/// Name-space UUID for instance ids derived from an epid ([MS-SIPRE]).
const EPID_NAMESPACE: [u8; 16] = [
    0xfc, 0xac, 0xfb, 0x03, 0x8a, 0x73, 0x46, 0xef, 0x91, 0xb1, 0xe5, 0xeb, 0xee, 0xab, 0xa4, 0xfe,
];

/// A new endpoint id: 10 hex digits, as Office Communicator sends.
pub fn new_epid(random: &mut dyn Random) -> String {
    random_hex(random, 5)
}

/// Whether a stored epid is usable (it came from the account file, which users edit).
pub fn is_valid_epid(epid: &str) -> bool {
    (6..=32).contains(&epid.len()) && epid.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The instance UUID for `epid`: a SHA-1 name-based UUID whose first three fields are
/// read little-endian, as the Windows GUID structure is (this matches [MS-SIPRE]'s example).
pub fn instance_uuid_from_epid(epid: &str) -> String {
    // The namespace GUID in its in-memory (little-endian fields) form.
    let mut ns = EPID_NAMESPACE;
    ns[0..4].reverse();
    ns[4..6].reverse();
    ns[6..8].reverse();
    let mut hasher = Sha1::new();
    hasher.update(ns);
    hasher.update(epid.as_bytes());
    let hash = hasher.finalize();
    let mut g = [0u8; 16];
    g.copy_from_slice(&hash[..16]);
    let time_low = u32::from_le_bytes([g[0], g[1], g[2], g[3]]);
    let time_mid = u16::from_le_bytes([g[4], g[5]]);
    let time_hi = (u16::from_le_bytes([g[6], g[7]]) & 0x0FFF) | 0x5000;
    let clock_hi = (g[8] & 0x3F) | 0x80;
    let node: String = g[10..16].iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{time_low:08x}-{time_mid:04x}-{time_hi:04x}-{clock_hi:02x}{:02x}-{node}",
        g[9]
    )
}

/// A random (version 4) UUID, lower-case, for SOAP message and request ids.
pub fn new_uuid(random: &mut dyn Random) -> String {
    let mut b = [0u8; 16];
    random.fill(&mut b);
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A From/To tag.
pub fn new_tag(random: &mut dyn Random) -> String {
    random_hex(random, 5)
}

/// A Call-ID: 32 hex digits.
pub fn new_call_id(random: &mut dyn Random) -> String {
    random_hex(random, 16)
}

/// A Via branch with RFC 3261's magic cookie.
pub fn new_branch(random: &mut dyn Random) -> String {
    format!("z9hG4bK{}", random_hex(random, 8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::SeededRandom;

    #[test]
    fn instance_uuid_matches_the_ms_sipre_vector() {
        assert_eq!(
            instance_uuid_from_epid("01010101"),
            "4b1682a8-f968-5701-83fc-7c6741dc6697"
        );
    }

    #[test]
    fn ids_have_their_wire_shapes() {
        let mut r = SeededRandom::new(7);
        let epid = new_epid(&mut r);
        assert_eq!(epid.len(), 10);
        assert!(is_valid_epid(&epid));
        assert!(new_branch(&mut r).starts_with("z9hG4bK"));
        assert_eq!(new_call_id(&mut r).len(), 32);
        let uuid = new_uuid(&mut r);
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4", "version 4: {uuid}");
        assert!(
            matches!(&uuid[19..20], "8" | "9" | "a" | "b"),
            "variant: {uuid}"
        );
        assert!(!is_valid_epid("not hex!"));
        assert!(!is_valid_epid("ab"));
    }
}

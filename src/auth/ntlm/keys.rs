//! NTLMv2 response computation and key derivation ([MS-NLMP] §3.3.2, §3.4.5).
//!
//! Only NTLMv2 is implemented: Lync and every server since Windows Vista refuse NTLMv1 by
//! default, and the SIP signing vectors are all NTLMv2 or key-only.

use std::fmt;

use super::crypto::{hmac_md5, md4, md5, utf16le};
use super::flags::NegotiateFlags;

/// Which half of the session a signing or sealing key protects.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Direction {
    ClientToServer,
    ServerToClient,
}

/// NTOWFv2: the NTLMv2 response key, `HMAC_MD5(MD4(UTF16(password)), UTF16(UPPER(user) + domain))`.
///
/// The same value serves as ResponseKeyNT and ResponseKeyLM.
pub fn ntowf_v2(password: &str, user: &str, domain: &str) -> [u8; 16] {
    let nt_hash = md4(&utf16le(password));
    hmac_md5(
        &nt_hash,
        &[&utf16le(&uppercase_like_windows(user)), &utf16le(domain)],
    )
}

/// Upper-cases one character at a time and keeps characters whose upper case is not a
/// single character (e.g. 'ß'), like Windows' simple case mapping does.
fn uppercase_like_windows(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(single), None) => single,
                _ => c,
            }
        })
        .collect()
}

/// The NTLMv2 client blob ("temp" in MS-NLMP): version 1/1, timestamp, client challenge and
/// the server's AV pairs, which are copied byte for byte.
pub fn ntlmv2_client_blob(timestamp: u64, client_challenge: &[u8; 8], av_pairs: &[u8]) -> Vec<u8> {
    let mut blob = Vec::with_capacity(28 + av_pairs.len() + 4);
    blob.extend_from_slice(&[1, 1, 0, 0, 0, 0, 0, 0]);
    blob.extend_from_slice(&timestamp.to_le_bytes());
    blob.extend_from_slice(client_challenge);
    blob.extend_from_slice(&[0; 4]);
    blob.extend_from_slice(av_pairs);
    blob.extend_from_slice(&[0; 4]);
    blob
}

/// NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + blob).
pub fn nt_proof_str(
    response_key_nt: &[u8; 16],
    server_challenge: &[u8; 8],
    blob: &[u8],
) -> [u8; 16] {
    hmac_md5(response_key_nt, &[server_challenge, blob])
}

/// NtChallengeResponse = NTProofStr + blob.
pub fn nt_challenge_response(nt_proof_str: &[u8; 16], blob: &[u8]) -> Vec<u8> {
    let mut response = Vec::with_capacity(16 + blob.len());
    response.extend_from_slice(nt_proof_str);
    response.extend_from_slice(blob);
    response
}

/// SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr).
pub fn session_base_key(response_key_nt: &[u8; 16], nt_proof_str: &[u8; 16]) -> [u8; 16] {
    hmac_md5(response_key_nt, &[nt_proof_str])
}

/// LMv2 response = HMAC_MD5(ResponseKeyLM, ServerChallenge + ClientChallenge) + ClientChallenge.
pub fn lmv2_response(
    response_key_lm: &[u8; 16],
    server_challenge: &[u8; 8],
    client_challenge: &[u8; 8],
) -> [u8; 24] {
    let mut response = [0u8; 24];
    response[..16].copy_from_slice(&hmac_md5(
        response_key_lm,
        &[server_challenge, client_challenge],
    ));
    response[16..].copy_from_slice(client_challenge);
    response
}

/// KXKEY for NTLMv2 is the session base key itself (the NTLMv1 variants are not needed).
pub fn key_exchange_key(session_base_key: &[u8; 16]) -> [u8; 16] {
    *session_base_key
}

/// SIGNKEY: MD5(ExportedSessionKey + magic constant). Only used with extended session
/// security; without it NTLM has no signing key.
pub fn signing_key(exported_session_key: &[u8; 16], direction: Direction) -> [u8; 16] {
    let magic: &[u8] = match direction {
        Direction::ClientToServer => {
            b"session key to client-to-server signing key magic constant\0"
        }
        Direction::ServerToClient => {
            b"session key to server-to-client signing key magic constant\0"
        }
    };
    md5(&[exported_session_key, magic])
}

/// An RC4 key used for sealing and for encrypting signature checksums: 16 bytes, or 8 when
/// weakened to 40/56 bits without extended session security.
#[derive(Clone, PartialEq, Eq)]
pub struct SealingKey {
    bytes: [u8; 16],
    len: usize,
}

impl SealingKey {
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn full(bytes: [u8; 16]) -> Self {
        Self { bytes, len: 16 }
    }

    fn weakened(prefix: &[u8], suffix: &[u8]) -> Self {
        let mut bytes = [0u8; 16];
        bytes[..prefix.len()].copy_from_slice(prefix);
        bytes[prefix.len()..prefix.len() + suffix.len()].copy_from_slice(suffix);
        Self {
            bytes,
            len: prefix.len() + suffix.len(),
        }
    }
}

impl fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealingKey(<{} bytes redacted>)", self.len)
    }
}

/// SEALKEY ([MS-NLMP] §3.4.5.3), with one deliberate difference.
///
/// MS-NLMP also weakens the key to 40/56 bits when DATAGRAM is negotiated without extended
/// session security and the NTLM revision is W2K3 or later. We do not: the one real server
/// signature we have for that case (OCS 2007's `rspauth` in SIPE's "MS-SIPE example",
/// sipe-facts §6) verifies only with the full 16-byte key, and SIPE never weakens either.
/// The weakening is applied only when LM_KEY is negotiated.
pub fn sealing_key(
    flags: NegotiateFlags,
    exported_session_key: &[u8; 16],
    direction: Direction,
) -> SealingKey {
    if flags.contains(NegotiateFlags::EXTENDED_SESSION_SECURITY) {
        let entropy: &[u8] = if flags.contains(NegotiateFlags::NEGOTIATE_128) {
            exported_session_key
        } else if flags.contains(NegotiateFlags::NEGOTIATE_56) {
            &exported_session_key[..7]
        } else {
            &exported_session_key[..5]
        };
        let magic: &[u8] = match direction {
            Direction::ClientToServer => {
                b"session key to client-to-server sealing key magic constant\0"
            }
            Direction::ServerToClient => {
                b"session key to server-to-client sealing key magic constant\0"
            }
        };
        SealingKey::full(md5(&[entropy, magic]))
    } else if flags.contains(NegotiateFlags::LM_KEY) {
        if flags.contains(NegotiateFlags::NEGOTIATE_56) {
            SealingKey::weakened(&exported_session_key[..7], &[0xA0])
        } else {
            SealingKey::weakened(&exported_session_key[..5], &[0xE5, 0x38, 0xB0])
        }
    } else {
        SealingKey::full(*exported_session_key)
    }
}

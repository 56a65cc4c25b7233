//! An established NTLM security context: message signatures ([MS-NLMP] §3.4.4) in
//! connection-less mode.
//!
//! Connection-less means the application supplies the sequence number and the RC4 state
//! starts afresh for every message, so signatures can be made and checked in any order and
//! the session is immutable (`&self`).

use std::fmt;

use super::crypto::{constant_time_eq, crc32, hmac_md5, md5, rc4k};
use super::flags::NegotiateFlags;
use super::keys::{Direction, SealingKey, sealing_key, signing_key};

/// Which end of the authentication this session belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    Client,
    Server,
}

impl Role {
    fn outgoing(self) -> Direction {
        match self {
            Role::Client => Direction::ClientToServer,
            Role::Server => Direction::ServerToClient,
        }
    }

    fn incoming(self) -> Direction {
        match self {
            Role::Client => Direction::ServerToClient,
            Role::Server => Direction::ClientToServer,
        }
    }
}

/// Length of an NTLM message signature (`NTLMSSP_MESSAGE_SIGNATURE`).
pub const SIGNATURE_LEN: usize = 16;

/// Keys of one direction.
#[derive(Clone)]
struct DirectionKeys {
    signing: [u8; 16],
    sealing: SealingKey,
}

/// An established session: signs what this side sends, verifies what the peer sends.
#[derive(Clone)]
pub struct NtlmSession {
    role: Role,
    flags: NegotiateFlags,
    client_to_server: DirectionKeys,
    server_to_client: DirectionKeys,
}

impl NtlmSession {
    /// Derives all keys from the exported session key and the negotiated flags, as both the
    /// client and the server do at the end of authentication.
    pub fn from_exported_session_key(
        role: Role,
        flags: NegotiateFlags,
        exported_session_key: &[u8; 16],
    ) -> Self {
        let keys = |direction| DirectionKeys {
            signing: signing_key(exported_session_key, direction),
            sealing: sealing_key(flags, exported_session_key, direction),
        };
        Self {
            role,
            flags,
            client_to_server: keys(Direction::ClientToServer),
            server_to_client: keys(Direction::ServerToClient),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// The negotiated flags the keys were derived with.
    pub fn flags(&self) -> NegotiateFlags {
        self.flags
    }

    /// Signs `data` sent by this side with sequence number `seq`.
    pub fn sign(&self, seq: u32, data: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.mac(self.role.outgoing(), seq, data)
    }

    /// Checks a signature the peer made over `data` with sequence number `seq`.
    ///
    /// Without extended session security the RandomPad field (bytes 4..8) is not compared:
    /// it carries no integrity and SIPE, too, takes it from the received signature.
    pub fn verify(&self, seq: u32, data: &[u8], signature: &[u8]) -> bool {
        if signature.len() != SIGNATURE_LEN {
            return false;
        }
        let expected = self.mac(self.role.incoming(), seq, data);
        if self
            .flags
            .contains(NegotiateFlags::EXTENDED_SESSION_SECURITY)
        {
            constant_time_eq(&expected, signature)
        } else {
            constant_time_eq(&expected[..4], &signature[..4])
                & constant_time_eq(&expected[8..], &signature[8..])
        }
    }

    fn mac(&self, direction: Direction, seq: u32, data: &[u8]) -> [u8; SIGNATURE_LEN] {
        let keys = match direction {
            Direction::ClientToServer => &self.client_to_server,
            Direction::ServerToClient => &self.server_to_client,
        };
        if self
            .flags
            .contains(NegotiateFlags::EXTENDED_SESSION_SECURITY)
        {
            mac_with_ess(self.flags, keys, seq, data)
        } else {
            mac_without_ess(&keys.sealing, seq, data)
        }
    }
}

/// [MS-NLMP] §3.4.4.2: Version, HMAC_MD5(SigningKey, SeqNum + Message)[0..8] (RC4-encrypted
/// with key exchange), SeqNum.
fn mac_with_ess(
    flags: NegotiateFlags,
    keys: &DirectionKeys,
    seq: u32,
    data: &[u8],
) -> [u8; SIGNATURE_LEN] {
    let seq_bytes = seq.to_le_bytes();
    let mut checksum = [0u8; 8];
    checksum.copy_from_slice(&hmac_md5(&keys.signing, &[&seq_bytes, data])[..8]);
    if flags.contains(NegotiateFlags::KEY_EXCH) {
        if flags.contains(NegotiateFlags::DATAGRAM) {
            // Connection-less: messages may arrive in any order, so each one gets its own
            // RC4 key MD5(SealingKey + SeqNum) ([MS-NLMP] §3.4).
            let per_message_key = md5(&[keys.sealing.as_bytes(), &seq_bytes]);
            rc4k(&per_message_key, &mut checksum);
        } else {
            // Connection-oriented flags appear only in MS-NLMP's own vectors; a fresh RC4
            // state is right for the first message of such a session.
            rc4k(keys.sealing.as_bytes(), &mut checksum);
        }
    }
    let mut signature = [0u8; SIGNATURE_LEN];
    signature[..4].copy_from_slice(&1u32.to_le_bytes());
    signature[4..12].copy_from_slice(&checksum);
    signature[12..].copy_from_slice(&seq_bytes);
    signature
}

/// [MS-NLMP] §3.4.4.1: Version, RandomPad (sent as 0), RC4(CRC32(Message)),
/// RC4(0) XOR SeqNum, all from one RC4 stream keyed afresh with the sealing key.
///
/// The key is the sealing key itself, not MD5(SealingKey + SeqNum): that is what OCS 2007's
/// signature in SIPE's "MS-SIPE example" vector requires.
fn mac_without_ess(sealing: &SealingKey, seq: u32, data: &[u8]) -> [u8; SIGNATURE_LEN] {
    let mut stream = [0u8; 12];
    stream[4..8].copy_from_slice(&crc32(data).to_le_bytes());
    rc4k(sealing.as_bytes(), &mut stream);
    let mut signature = [0u8; SIGNATURE_LEN];
    signature[..4].copy_from_slice(&1u32.to_le_bytes());
    signature[8..12].copy_from_slice(&stream[4..8]);
    let encrypted_seq = u32::from_le_bytes([stream[8], stream[9], stream[10], stream[11]]) ^ seq;
    signature[12..].copy_from_slice(&encrypted_seq.to_le_bytes());
    signature
}

/// Shows role and flags; the keys stay out of logs.
impl fmt::Debug for NtlmSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NtlmSession")
            .field("role", &self.role)
            .field("flags", &self.flags)
            .field("keys", &"<redacted>")
            .finish()
    }
}

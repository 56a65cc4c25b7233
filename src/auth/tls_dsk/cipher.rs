//! Cipher suites and record protection: MAC-then-encrypt with AES-CBC (implicit IV in
//! TLS 1.0, explicit IV from TLS 1.1 on) or RC4.
//!
//! TLS-DSK protects exactly one record per direction (the Finished messages), but the
//! state here is kept like a real record layer (sequence numbers, CBC IV chaining, RC4
//! key stream) so that nothing silently breaks if a server ever sends more.

use core::fmt;

use aes::{Aes128, Aes256};
use cbc::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, block_padding::NoPadding};
use rc4::{KeyInit, Rc4, StreamCipher};
use zeroize::Zeroize;

use super::error::TlsDskError;
use super::prf::{HashAlgorithm, constant_time_eq};
use super::records::{MAX_PLAINTEXT, TlsVersion, write_record};
use crate::engine::random::Random;

/// A TLS cipher suite this client can negotiate. All use RSA key exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CipherSuite {
    /// TLS_RSA_WITH_AES_128_CBC_SHA (0x002F)
    RsaWithAes128CbcSha,
    /// TLS_RSA_WITH_AES_256_CBC_SHA (0x0035)
    RsaWithAes256CbcSha,
    /// TLS_RSA_WITH_AES_128_CBC_SHA256 (0x003C), TLS 1.2 only
    RsaWithAes128CbcSha256,
    /// TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003D), TLS 1.2 only
    RsaWithAes256CbcSha256,
    /// TLS_RSA_WITH_RC4_128_SHA (0x0005)
    RsaWithRc4128Sha,
    /// TLS_RSA_WITH_RC4_128_MD5 (0x0004)
    RsaWithRc4128Md5,
}

/// The bulk cipher of a suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BulkCipher {
    Aes128Cbc,
    Aes256Cbc,
    Rc4With128BitKey,
}

const AES_BLOCK: usize = 16;

impl CipherSuite {
    pub(crate) const ALL: [CipherSuite; 6] = [
        CipherSuite::RsaWithAes128CbcSha,
        CipherSuite::RsaWithAes256CbcSha,
        CipherSuite::RsaWithAes128CbcSha256,
        CipherSuite::RsaWithAes256CbcSha256,
        CipherSuite::RsaWithRc4128Sha,
        CipherSuite::RsaWithRc4128Md5,
    ];

    /// The IANA number.
    pub const fn id(self) -> u16 {
        match self {
            CipherSuite::RsaWithAes128CbcSha => 0x002F,
            CipherSuite::RsaWithAes256CbcSha => 0x0035,
            CipherSuite::RsaWithAes128CbcSha256 => 0x003C,
            CipherSuite::RsaWithAes256CbcSha256 => 0x003D,
            CipherSuite::RsaWithRc4128Sha => 0x0005,
            CipherSuite::RsaWithRc4128Md5 => 0x0004,
        }
    }

    pub fn from_id(id: u16) -> Option<Self> {
        CipherSuite::ALL.into_iter().find(|suite| suite.id() == id)
    }

    /// The IANA name.
    pub const fn name(self) -> &'static str {
        match self {
            CipherSuite::RsaWithAes128CbcSha => "TLS_RSA_WITH_AES_128_CBC_SHA",
            CipherSuite::RsaWithAes256CbcSha => "TLS_RSA_WITH_AES_256_CBC_SHA",
            CipherSuite::RsaWithAes128CbcSha256 => "TLS_RSA_WITH_AES_128_CBC_SHA256",
            CipherSuite::RsaWithAes256CbcSha256 => "TLS_RSA_WITH_AES_256_CBC_SHA256",
            CipherSuite::RsaWithRc4128Sha => "TLS_RSA_WITH_RC4_128_SHA",
            CipherSuite::RsaWithRc4128Md5 => "TLS_RSA_WITH_RC4_128_MD5",
        }
    }

    /// The record MAC's hash.
    pub(crate) fn mac_hash(self) -> HashAlgorithm {
        match self {
            CipherSuite::RsaWithAes128CbcSha
            | CipherSuite::RsaWithAes256CbcSha
            | CipherSuite::RsaWithRc4128Sha => HashAlgorithm::Sha1,
            CipherSuite::RsaWithAes128CbcSha256 | CipherSuite::RsaWithAes256CbcSha256 => {
                HashAlgorithm::Sha256
            }
            CipherSuite::RsaWithRc4128Md5 => HashAlgorithm::Md5,
        }
    }

    /// Suites defined only for TLS 1.2 (RFC 5246 Appendix A.5).
    pub(crate) fn requires_tls12(self) -> bool {
        matches!(
            self,
            CipherSuite::RsaWithAes128CbcSha256 | CipherSuite::RsaWithAes256CbcSha256
        )
    }

    fn bulk(self) -> BulkCipher {
        match self {
            CipherSuite::RsaWithAes128CbcSha | CipherSuite::RsaWithAes128CbcSha256 => {
                BulkCipher::Aes128Cbc
            }
            CipherSuite::RsaWithAes256CbcSha | CipherSuite::RsaWithAes256CbcSha256 => {
                BulkCipher::Aes256Cbc
            }
            CipherSuite::RsaWithRc4128Sha | CipherSuite::RsaWithRc4128Md5 => {
                BulkCipher::Rc4With128BitKey
            }
        }
    }
}

impl fmt::Display for CipherSuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl BulkCipher {
    fn key_len(self) -> usize {
        match self {
            BulkCipher::Aes128Cbc | BulkCipher::Rc4With128BitKey => 16,
            BulkCipher::Aes256Cbc => 32,
        }
    }

    /// Length of the IV taken from the key block: only TLS 1.0's implicit CBC IV.
    fn key_block_iv_len(self, version: TlsVersion) -> usize {
        match (self, version) {
            (BulkCipher::Rc4With128BitKey, _) => 0,
            (_, TlsVersion::Tls10) => AES_BLOCK,
            (_, TlsVersion::Tls11 | TlsVersion::Tls12) => 0,
        }
    }
}

/// Which side's keys a [`RecordProtection`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    ClientWrite,
    ServerWrite,
}

/// The key block length a suite needs at a version.
pub(crate) fn key_block_len(suite: CipherSuite, version: TlsVersion) -> usize {
    let bulk = suite.bulk();
    2 * (suite.mac_hash().output_len() + bulk.key_len() + bulk.key_block_iv_len(version))
}

enum CipherState {
    AesCbc {
        key: Vec<u8>,
        /// TLS 1.0: the last ciphertext block (initially the key-block IV).
        chained_iv: [u8; AES_BLOCK],
    },
    Rc4(Box<Rc4>),
}

/// The protection state of one direction of the connection.
pub(crate) struct RecordProtection {
    suite: CipherSuite,
    version: TlsVersion,
    mac_key: Vec<u8>,
    cipher: CipherState,
    sequence: u64,
}

impl fmt::Debug for RecordProtection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordProtection")
            .field("suite", &self.suite)
            .field("version", &self.version)
            .field("sequence", &self.sequence)
            .finish_non_exhaustive()
    }
}

impl Drop for RecordProtection {
    fn drop(&mut self) {
        self.mac_key.zeroize();
        if let CipherState::AesCbc { key, chained_iv } = &mut self.cipher {
            key.zeroize();
            chained_iv.zeroize();
        }
    }
}

impl RecordProtection {
    /// Takes one direction's keys out of the key block (RFC 5246 §6.3 order: client MAC,
    /// server MAC, client key, server key, client IV, server IV).
    pub(crate) fn from_key_block(
        suite: CipherSuite,
        version: TlsVersion,
        key_block: &[u8],
        direction: Direction,
    ) -> Result<Self, TlsDskError> {
        let bulk = suite.bulk();
        let (mac_len, key_len, iv_len) = (
            suite.mac_hash().output_len(),
            bulk.key_len(),
            bulk.key_block_iv_len(version),
        );
        if key_block.len() < key_block_len(suite, version) {
            return Err(TlsDskError::Malformed {
                what: "key block",
                reason: "too short for the cipher suite",
            });
        }
        let side = match direction {
            Direction::ClientWrite => 0,
            Direction::ServerWrite => 1,
        };
        let mac_start = side * mac_len;
        let key_start = 2 * mac_len + side * key_len;
        let iv_start = 2 * (mac_len + key_len) + side * iv_len;
        let mac_key = key_block[mac_start..mac_start + mac_len].to_vec();
        let key = key_block[key_start..key_start + key_len].to_vec();
        let cipher = match bulk {
            BulkCipher::Aes128Cbc | BulkCipher::Aes256Cbc => {
                let mut chained_iv = [0u8; AES_BLOCK];
                chained_iv[..iv_len].copy_from_slice(&key_block[iv_start..iv_start + iv_len]);
                CipherState::AesCbc { key, chained_iv }
            }
            BulkCipher::Rc4With128BitKey => {
                let rc4 = Rc4::new_from_slice(&key).map_err(|_| TlsDskError::Malformed {
                    what: "key block",
                    reason: "invalid RC4 key length",
                })?;
                CipherState::Rc4(Box::new(rc4))
            }
        };
        Ok(RecordProtection {
            suite,
            version,
            mac_key,
            cipher,
            sequence: 0,
        })
    }

    /// The record MAC: HMAC(mac_key, seq_num ‖ type ‖ version ‖ length ‖ content).
    fn record_mac(&self, content_type: u8, content: &[u8]) -> Vec<u8> {
        let header = [
            &self.sequence.to_be_bytes()[..],
            &[content_type],
            &self.version.wire().to_be_bytes(),
            &(content.len() as u16).to_be_bytes(),
        ]
        .concat();
        self.suite
            .mac_hash()
            .hmac(&self.mac_key, &[&header, content])
    }

    /// Protects `content` and appends the record to `out`. `content` is one of our own
    /// handshake messages, far below the 2^14-byte record limit.
    pub(crate) fn seal(
        &mut self,
        out: &mut Vec<u8>,
        content_type: u8,
        content: &[u8],
        random: &mut dyn Random,
    ) -> Result<(), TlsDskError> {
        if content.len() > MAX_PLAINTEXT {
            return Err(TlsDskError::Internal("a record to protect is too long"));
        }
        let mac = self.record_mac(content_type, content);
        let mut plaintext = [content, &mac].concat();
        let fragment = match &mut self.cipher {
            CipherState::Rc4(rc4) => {
                rc4.apply_keystream(&mut plaintext);
                plaintext
            }
            CipherState::AesCbc { key, chained_iv } => {
                // Padding: p+1 bytes of value p, up to a whole number of blocks.
                let padding = AES_BLOCK - 1 - plaintext.len() % AES_BLOCK;
                plaintext.resize(plaintext.len() + padding + 1, padding as u8);
                let iv = match self.version {
                    TlsVersion::Tls10 => *chained_iv,
                    TlsVersion::Tls11 | TlsVersion::Tls12 => {
                        let mut iv = [0u8; AES_BLOCK];
                        random.fill(&mut iv);
                        iv
                    }
                };
                if !cbc_encrypt(key, &iv, &mut plaintext) {
                    return Err(TlsDskError::Internal("AES-CBC encryption failed"));
                }
                if let Some(last) = plaintext.rchunks(AES_BLOCK).next() {
                    chained_iv.copy_from_slice(last);
                }
                match self.version {
                    TlsVersion::Tls10 => plaintext,
                    TlsVersion::Tls11 | TlsVersion::Tls12 => [&iv[..], &plaintext].concat(),
                }
            }
        };
        write_record(out, content_type, self.version.wire(), &fragment);
        self.sequence = self.sequence.wrapping_add(1);
        Ok(())
    }

    /// Removes the protection of a received record fragment. Every failure, padding or
    /// MAC, is the same `BadRecordMac`: the details would only help an attacker.
    pub(crate) fn open(
        &mut self,
        content_type: u8,
        fragment: &[u8],
    ) -> Result<Vec<u8>, TlsDskError> {
        let mac_len = self.suite.mac_hash().output_len();
        let plaintext = match &mut self.cipher {
            CipherState::Rc4(rc4) => {
                let mut plaintext = fragment.to_vec();
                rc4.apply_keystream(&mut plaintext);
                plaintext
            }
            CipherState::AesCbc { key, chained_iv } => {
                let (iv, ciphertext) = match self.version {
                    TlsVersion::Tls10 => (*chained_iv, fragment),
                    TlsVersion::Tls11 | TlsVersion::Tls12 => {
                        let (iv, rest) = fragment
                            .split_first_chunk::<AES_BLOCK>()
                            .ok_or(TlsDskError::BadRecordMac)?;
                        (*iv, rest)
                    }
                };
                if ciphertext.is_empty()
                    || !ciphertext.len().is_multiple_of(AES_BLOCK)
                    || ciphertext.len() < mac_len + 1
                {
                    return Err(TlsDskError::BadRecordMac);
                }
                let mut plaintext = ciphertext.to_vec();
                if !cbc_decrypt(key, &iv, &mut plaintext) {
                    return Err(TlsDskError::BadRecordMac);
                }
                if let Some(last) = ciphertext.rchunks(AES_BLOCK).next() {
                    chained_iv.copy_from_slice(last);
                }
                strip_cbc_padding(plaintext, mac_len)?
            }
        };
        let content_len = plaintext
            .len()
            .checked_sub(mac_len)
            .ok_or(TlsDskError::BadRecordMac)?;
        let (content, received_mac) = plaintext.split_at(content_len);
        let expected_mac = self.record_mac(content_type, content);
        if !constant_time_eq(&expected_mac, received_mac) {
            return Err(TlsDskError::BadRecordMac);
        }
        self.sequence = self.sequence.wrapping_add(1);
        Ok(content.to_vec())
    }
}

/// Checks and removes TLS CBC padding; the caller then checks the MAC. Both failures
/// report the same error.
fn strip_cbc_padding(mut plaintext: Vec<u8>, mac_len: usize) -> Result<Vec<u8>, TlsDskError> {
    let padding = usize::from(*plaintext.last().ok_or(TlsDskError::BadRecordMac)?);
    if padding + 1 + mac_len > plaintext.len() {
        return Err(TlsDskError::BadRecordMac);
    }
    let start = plaintext.len() - padding - 1;
    let padding_ok = plaintext[start..]
        .iter()
        .fold(0u8, |acc, byte| acc | (byte ^ padding as u8))
        == 0;
    if !padding_ok {
        return Err(TlsDskError::BadRecordMac);
    }
    plaintext.truncate(start);
    Ok(plaintext)
}

/// AES-CBC over whole blocks, in place; false if the lengths do not fit (never for the
/// key, IV and block lengths this module produces).
fn cbc_encrypt(key: &[u8], iv: &[u8; AES_BLOCK], data: &mut [u8]) -> bool {
    let length = data.len();
    match key.len() {
        16 => cbc::Encryptor::<Aes128>::new_from_slices(key, iv)
            .is_ok_and(|encryptor| encryptor.encrypt_padded::<NoPadding>(data, length).is_ok()),
        32 => cbc::Encryptor::<Aes256>::new_from_slices(key, iv)
            .is_ok_and(|encryptor| encryptor.encrypt_padded::<NoPadding>(data, length).is_ok()),
        _ => false,
    }
}

fn cbc_decrypt(key: &[u8], iv: &[u8; AES_BLOCK], data: &mut [u8]) -> bool {
    match key.len() {
        16 => cbc::Decryptor::<Aes128>::new_from_slices(key, iv)
            .is_ok_and(|decryptor| decryptor.decrypt_padded::<NoPadding>(data).is_ok()),
        32 => cbc::Decryptor::<Aes256>::new_from_slices(key, iv)
            .is_ok_and(|decryptor| decryptor.decrypt_padded::<NoPadding>(data).is_ok()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::tls_dsk::records::{CONTENT_HANDSHAKE, split_records};
    use crate::engine::random::SeededRandom;

    fn pair(suite: CipherSuite, version: TlsVersion) -> (RecordProtection, RecordProtection) {
        let key_block: Vec<u8> = (0..key_block_len(suite, version) as u8).collect();
        let sender =
            RecordProtection::from_key_block(suite, version, &key_block, Direction::ServerWrite)
                .unwrap();
        let receiver =
            RecordProtection::from_key_block(suite, version, &key_block, Direction::ServerWrite)
                .unwrap();
        (sender, receiver)
    }

    #[test]
    fn every_suite_round_trips_at_every_version() {
        let mut random = SeededRandom::new(1);
        for suite in CipherSuite::ALL {
            for version in [TlsVersion::Tls10, TlsVersion::Tls11, TlsVersion::Tls12] {
                let (mut sender, mut receiver) = pair(suite, version);
                for message in [&b"finished message"[..], &[0u8; 33], b""] {
                    let mut out = Vec::new();
                    sender
                        .seal(&mut out, CONTENT_HANDSHAKE, message, &mut random)
                        .unwrap();
                    let records = split_records(&out).unwrap();
                    assert_eq!(records[0].version, version.wire());
                    let opened = receiver
                        .open(CONTENT_HANDSHAKE, records[0].fragment)
                        .unwrap();
                    assert_eq!(opened, message, "{suite} {version}");
                }
            }
        }
    }

    #[test]
    fn tampering_is_a_bad_record_mac() {
        let mut random = SeededRandom::new(2);
        for suite in CipherSuite::ALL {
            let (mut sender, _) = pair(suite, TlsVersion::Tls12);
            let mut out = Vec::new();
            sender
                .seal(
                    &mut out,
                    CONTENT_HANDSHAKE,
                    b"0123456789abcdef",
                    &mut random,
                )
                .unwrap();
            for index in 5..out.len() {
                let mut tampered = out.clone();
                tampered[index] ^= 0x01;
                let (_, mut receiver) = pair(suite, TlsVersion::Tls12);
                assert_eq!(
                    receiver.open(CONTENT_HANDSHAKE, &tampered[5..]),
                    Err(TlsDskError::BadRecordMac),
                    "{suite} byte {index}"
                );
            }
            let (_, mut receiver) = pair(suite, TlsVersion::Tls12);
            assert_eq!(
                receiver.open(22, &out[5..out.len() - 1]),
                Err(TlsDskError::BadRecordMac)
            );
        }
    }

    #[test]
    fn key_block_lengths_follow_the_suite_and_version() {
        assert_eq!(
            key_block_len(CipherSuite::RsaWithAes128CbcSha, TlsVersion::Tls10),
            2 * (20 + 16 + 16)
        );
        assert_eq!(
            key_block_len(CipherSuite::RsaWithAes256CbcSha256, TlsVersion::Tls12),
            2 * (32 + 32)
        );
        assert_eq!(
            key_block_len(CipherSuite::RsaWithRc4128Md5, TlsVersion::Tls10),
            2 * (16 + 16)
        );
    }
}

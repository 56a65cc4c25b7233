//! Hashes, HMAC and the TLS pseudo-random functions: TLS 1.0/1.1's MD5 ⊕ SHA-1 PRF
//! (RFC 2246 §5) and TLS 1.2's P_SHA256 (RFC 5246 §5), plus the derivations built on them.

use hmac::{EagerHash, Hmac, KeyInit, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::{Sha256, Sha384, Sha512};

use super::records::TlsVersion;

/// A hash function TLS-DSK uses somewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HashAlgorithm {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgorithm {
    pub(crate) fn output_len(self) -> usize {
        match self {
            HashAlgorithm::Md5 => 16,
            HashAlgorithm::Sha1 => 20,
            HashAlgorithm::Sha256 => 32,
            HashAlgorithm::Sha384 => 48,
            HashAlgorithm::Sha512 => 64,
        }
    }

    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            HashAlgorithm::Md5 => Md5::digest(data).to_vec(),
            HashAlgorithm::Sha1 => Sha1::digest(data).to_vec(),
            HashAlgorithm::Sha256 => Sha256::digest(data).to_vec(),
            HashAlgorithm::Sha384 => Sha384::digest(data).to_vec(),
            HashAlgorithm::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    /// HMAC with this hash over the concatenation of `parts`.
    pub(crate) fn hmac(self, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
        match self {
            HashAlgorithm::Md5 => hmac_with::<Md5>(key, parts),
            HashAlgorithm::Sha1 => hmac_with::<Sha1>(key, parts),
            HashAlgorithm::Sha256 => hmac_with::<Sha256>(key, parts),
            HashAlgorithm::Sha384 => hmac_with::<Sha384>(key, parts),
            HashAlgorithm::Sha512 => hmac_with::<Sha512>(key, parts),
        }
    }
}

fn hmac_with<D: EagerHash>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    // HMAC hashes long keys and pads short ones, so no key length is invalid.
    let Ok(mut mac) = <Hmac<D> as KeyInit>::new_from_slice(key) else {
        unreachable!("HMAC accepts keys of every length")
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// Constant-time equality, for MACs and verify_data.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// P_hash (RFC 2246 §5): HMAC(secret, A(i) ‖ seed) for A(i) = HMAC(secret, A(i-1)).
fn p_hash(hash: HashAlgorithm, secret: &[u8], label_and_seed: &[u8], length: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(length + hash.output_len());
    let mut a = hash.hmac(secret, &[label_and_seed]);
    while out.len() < length {
        out.extend_from_slice(&hash.hmac(secret, &[&a, label_and_seed]));
        a = hash.hmac(secret, &[&a]);
    }
    out.truncate(length);
    out
}

/// The PRF and handshake hash of a protocol version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prf {
    /// TLS 1.0 and 1.1: P_MD5 over the secret's first half ⊕ P_SHA1 over its second half.
    Md5Sha1,
    /// TLS 1.2 with every suite we offer: P_SHA256.
    Sha256,
}

impl Prf {
    pub(crate) fn for_version(version: TlsVersion) -> Self {
        match version {
            TlsVersion::Tls10 | TlsVersion::Tls11 => Prf::Md5Sha1,
            TlsVersion::Tls12 => Prf::Sha256,
        }
    }

    pub(crate) fn compute(
        self,
        secret: &[u8],
        label: &[u8],
        seed: &[u8],
        length: usize,
    ) -> Vec<u8> {
        let label_and_seed = [label, seed].concat();
        match self {
            Prf::Sha256 => p_hash(HashAlgorithm::Sha256, secret, &label_and_seed, length),
            Prf::Md5Sha1 => {
                // The halves overlap by one byte when the secret's length is odd.
                let half = secret.len().div_ceil(2);
                let md5_part = p_hash(HashAlgorithm::Md5, &secret[..half], &label_and_seed, length);
                let sha1_part = p_hash(
                    HashAlgorithm::Sha1,
                    &secret[secret.len() - half..],
                    &label_and_seed,
                    length,
                );
                md5_part
                    .iter()
                    .zip(&sha1_part)
                    .map(|(x, y)| x ^ y)
                    .collect()
            }
        }
    }

    /// The hash of the handshake transcript that Finished (and TLS 1.0's
    /// CertificateVerify) cover: MD5 ‖ SHA-1, or SHA-256.
    pub(crate) fn transcript_hash(self, transcript: &[u8]) -> Vec<u8> {
        match self {
            Prf::Md5Sha1 => [
                HashAlgorithm::Md5.digest(transcript),
                HashAlgorithm::Sha1.digest(transcript),
            ]
            .concat(),
            Prf::Sha256 => HashAlgorithm::Sha256.digest(transcript),
        }
    }

    pub(crate) fn master_secret(
        self,
        pre_master_secret: &[u8],
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> [u8; 48] {
        let seed = [&client_random[..], &server_random[..]].concat();
        let bytes = self.compute(pre_master_secret, b"master secret", &seed, 48);
        let mut master = [0u8; 48];
        master.copy_from_slice(&bytes);
        master
    }

    /// Note the seed order: server random first (RFC 5246 §6.3).
    pub(crate) fn key_block(
        self,
        master_secret: &[u8; 48],
        client_random: &[u8; 32],
        server_random: &[u8; 32],
        length: usize,
    ) -> Vec<u8> {
        let seed = [&server_random[..], &client_random[..]].concat();
        self.compute(master_secret, b"key expansion", &seed, length)
    }

    /// verify_data of a Finished message; `label` is "client finished" or "server finished".
    pub(crate) fn verify_data(
        self,
        master_secret: &[u8; 48],
        label: &[u8],
        transcript: &[u8],
    ) -> Vec<u8> {
        self.compute(master_secret, label, &self.transcript_hash(transcript), 12)
    }

    /// The 128 bytes TLS-DSK keys come from: PRF(master_secret, "client EAP encryption",
    /// client_random ‖ server_random), i.e. the RFC 5705 exporter without context.
    pub(crate) fn eap_key_material(
        self,
        master_secret: &[u8; 48],
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> [u8; 128] {
        let seed = [&client_random[..], &server_random[..]].concat();
        let bytes = self.compute(master_secret, b"client EAP encryption", &seed, 128);
        let mut material = [0u8; 128];
        material.copy_from_slice(&bytes);
        material
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hex_literal::hex;

    // The TLS 1.2 PRF (SHA-256) vector circulated on the IETF TLS list and used by
    // several TLS stacks' test suites.
    #[test]
    fn tls12_prf_matches_the_published_vector() {
        let secret = hex!("9bbe436ba940f017b17652849a71db35");
        let seed = hex!("a0ba9f936cda311827a6f796ffd5198c");
        let expected = hex!(
            "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
            "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
            "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
            "87347b66"
        );
        assert_eq!(
            Prf::Sha256.compute(&secret, b"test label", &seed, 100),
            expected.to_vec()
        );
    }

    // Expected values from an independent implementation, OpenSSL 3.0's TLS1-PRF KDF:
    // `openssl kdf -keylen 104 -kdfopt digest:MD5-SHA1 -kdfopt hexsecret:<ab × 48>
    //  -kdfopt hexseed:<"key expansion" in hex, then cd × 64> TLS1-PRF`.
    #[test]
    fn tls10_prf_matches_openssl() {
        let secret = [0xabu8; 48];
        let seed = [0xcdu8; 64];
        let expected = hex!(
            "7e64e2b0f284bc0c1bc8badbbcef957bf41e0d5152ea1b1bd90530ea61bc1777"
            "abcb1d6e823c406390f19daebd342343b5be84e8da7353e1cd18b8064c305419"
            "8a3c290cea5f35b3784af9b6898c22a6bebaad0152820ab3dc63400361811008"
            "47984e6cb10e7eb8"
        );
        assert_eq!(
            Prf::Md5Sha1.compute(&secret, b"key expansion", &seed, 104),
            expected.to_vec()
        );
    }

    // An odd-length secret: its halves share the middle byte (RFC 2246 §5). OpenSSL:
    // `openssl kdf -keylen 16 -kdfopt digest:MD5-SHA1 -kdfopt hexsecret:010203
    //  -kdfopt hexseed:7879 TLS1-PRF`.
    #[test]
    fn odd_secrets_share_the_middle_byte() {
        assert_eq!(
            Prf::Md5Sha1.compute(&[1, 2, 3], b"x", b"y", 16),
            hex!("cb3a6543a50ad9bd78d5ac6d0bf825d2").to_vec()
        );
    }

    #[test]
    fn constant_time_eq_compares_lengths_and_bytes() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}

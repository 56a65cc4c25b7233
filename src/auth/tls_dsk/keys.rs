//! What a finished TLS-DSK handshake yields: the SIP signing keys and the MAC that uses them.

use core::fmt;

use zeroize::Zeroize;

use super::cipher::CipherSuite;
use super::prf::{HashAlgorithm, constant_time_eq};
use super::records::TlsVersion;

/// The HMAC that signs SIP messages once TLS-DSK is established (MS-SIPAE `response=` /
/// `rspauth=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigningMac {
    /// 16-byte signatures.
    HmacMd5,
    /// 20-byte signatures.
    HmacSha1,
    /// 32-byte signatures.
    HmacSha256,
}

impl SigningMac {
    /// The one place that decides which HMAC signs SIP messages after a handshake with
    /// `suite`.
    ///
    /// pidgin-sipe's rule, proven against OCS 2007 R2 … Office 365: the suite's record MAC
    /// hash — `*_MD5` suites give HMAC-MD5, `*_SHA` suites HMAC-SHA1 (the one public
    /// TLS-DSK `rspauth` is 20 bytes). For the `*_SHA256` suites no capture exists; we
    /// extend the same rule to HMAC-SHA256, which is what a server that asks Schannel for
    /// the connection's hash algorithm would get. That is a guess (protocol.md §0 point 4),
    /// which is why those suites are only offered on request
    /// (`TlsDskConfig::offer_sha256_suites`). Change this function if a capture says
    /// otherwise.
    pub fn for_cipher_suite(suite: CipherSuite) -> SigningMac {
        match suite.mac_hash() {
            HashAlgorithm::Md5 => SigningMac::HmacMd5,
            HashAlgorithm::Sha1 => SigningMac::HmacSha1,
            HashAlgorithm::Sha256 | HashAlgorithm::Sha384 | HashAlgorithm::Sha512 => {
                SigningMac::HmacSha256
            }
        }
    }

    fn hash(self) -> HashAlgorithm {
        match self {
            SigningMac::HmacMd5 => HashAlgorithm::Md5,
            SigningMac::HmacSha1 => HashAlgorithm::Sha1,
            SigningMac::HmacSha256 => HashAlgorithm::Sha256,
        }
    }

    /// Signature length in bytes.
    pub fn output_len(self) -> usize {
        self.hash().output_len()
    }

    /// HMAC of `data` (the MS-SIPAE signature string) under `key`.
    pub fn sign(self, key: &[u8], data: &[u8]) -> Vec<u8> {
        self.hash().hmac(key, &[data])
    }

    /// Constant-time check of a received signature.
    pub fn verify(self, key: &[u8], data: &[u8], signature: &[u8]) -> bool {
        constant_time_eq(&self.sign(key, data), signature)
    }
}

/// The result of a completed TLS-DSK handshake.
///
/// The keys come from the 128-byte export PRF(master_secret, "client EAP encryption",
/// client_random ‖ server_random): bytes 64..96 sign what the client sends, bytes 96..128
/// what the server sends (MS-SIPAE §3.2.5.1 as pidgin-sipe implements it).
pub struct SessionKeys {
    pub version: TlsVersion,
    pub cipher_suite: CipherSuite,
    pub client_signing_key: [u8; 32],
    pub server_signing_key: [u8; 32],
    pub signing: SigningMac,
    /// The server's leaf certificate as sent in the handshake. It is NOT validated here:
    /// the caller logs or pins it.
    pub server_certificate_der: Vec<u8>,
    eap_key_material: Box<[u8; 128]>,
}

impl SessionKeys {
    /// Splits an EAP key export as TLS-DSK does. Public so that a test server (whose TLS
    /// stack exports the same 128 bytes) derives keys exactly as the client does.
    pub fn from_eap_key_material(
        version: TlsVersion,
        cipher_suite: CipherSuite,
        eap_key_material: &[u8; 128],
        server_certificate_der: Vec<u8>,
    ) -> Self {
        let mut client_signing_key = [0u8; 32];
        let mut server_signing_key = [0u8; 32];
        client_signing_key.copy_from_slice(&eap_key_material[64..96]);
        server_signing_key.copy_from_slice(&eap_key_material[96..128]);
        SessionKeys {
            version,
            cipher_suite,
            client_signing_key,
            server_signing_key,
            signing: SigningMac::for_cipher_suite(cipher_suite),
            server_certificate_der,
            eap_key_material: Box::new(*eap_key_material),
        }
    }

    /// All 128 exported bytes (tests compare them with the peer's RFC 5705 export).
    pub fn eap_key_material(&self) -> &[u8; 128] {
        &self.eap_key_material
    }

    /// The signature of a message the client sends.
    pub fn sign_outgoing(&self, signature_string: &[u8]) -> Vec<u8> {
        self.signing
            .sign(&self.client_signing_key, signature_string)
    }

    /// Whether `signature` is the server's signature over `signature_string`.
    pub fn verify_incoming(&self, signature_string: &[u8], signature: &[u8]) -> bool {
        self.signing
            .verify(&self.server_signing_key, signature_string, signature)
    }
}

impl fmt::Debug for SessionKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionKeys")
            .field("version", &self.version)
            .field("cipher_suite", &self.cipher_suite)
            .field("signing", &self.signing)
            .field("client_signing_key", &"<redacted>")
            .field("server_signing_key", &"<redacted>")
            .field(
                "server_certificate_der",
                &format_args!("{} bytes", self.server_certificate_der.len()),
            )
            .finish()
    }
}

impl Drop for SessionKeys {
    fn drop(&mut self) {
        self.client_signing_key.zeroize();
        self.server_signing_key.zeroize();
        self.eap_key_material.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material() -> [u8; 128] {
        core::array::from_fn(|index| index as u8)
    }

    #[test]
    fn keys_are_bytes_64_to_96_and_96_to_128() {
        let keys = SessionKeys::from_eap_key_material(
            TlsVersion::Tls12,
            CipherSuite::RsaWithAes128CbcSha,
            &material(),
            vec![1, 2, 3],
        );
        assert_eq!(keys.client_signing_key[0], 64);
        assert_eq!(keys.client_signing_key[31], 95);
        assert_eq!(keys.server_signing_key[0], 96);
        assert_eq!(keys.server_signing_key[31], 127);
        assert_eq!(keys.signing, SigningMac::HmacSha1);
    }

    #[test]
    fn signing_mac_follows_the_suite_mac() {
        use CipherSuite::*;
        assert_eq!(
            SigningMac::for_cipher_suite(RsaWithRc4128Md5),
            SigningMac::HmacMd5
        );
        for suite in [RsaWithAes128CbcSha, RsaWithAes256CbcSha, RsaWithRc4128Sha] {
            assert_eq!(SigningMac::for_cipher_suite(suite), SigningMac::HmacSha1);
        }
        for suite in [RsaWithAes128CbcSha256, RsaWithAes256CbcSha256] {
            assert_eq!(SigningMac::for_cipher_suite(suite), SigningMac::HmacSha256);
        }
    }

    #[test]
    fn sign_and_verify_pair_up() {
        let keys = SessionKeys::from_eap_key_material(
            TlsVersion::Tls10,
            CipherSuite::RsaWithAes256CbcSha,
            &material(),
            Vec::new(),
        );
        let data = b"<TLS-DSK><1234abcd><1><SIP Communications Service>";
        let client_signature = keys.sign_outgoing(data);
        assert_eq!(client_signature.len(), 20);
        // The server signs with its own key, so our own signature must not verify.
        assert!(!keys.verify_incoming(data, &client_signature));
        let server_signature = keys.signing.sign(&keys.server_signing_key, data);
        assert!(keys.verify_incoming(data, &server_signature));
        assert!(!keys.verify_incoming(b"other", &server_signature));
    }

    #[test]
    fn rfc2202_hmac_vectors() {
        // RFC 2202 test case 2 for HMAC-MD5 and HMAC-SHA1.
        let data = b"what do ya want for nothing?";
        assert_eq!(
            SigningMac::HmacMd5.sign(b"Jefe", data),
            hex_literal::hex!("750c783e6ab0b503eaa86e310a5db738")
        );
        assert_eq!(
            SigningMac::HmacSha1.sign(b"Jefe", data),
            hex_literal::hex!("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        );
        // RFC 4231 test case 2.
        assert_eq!(
            SigningMac::HmacSha256.sign(b"Jefe", data),
            hex_literal::hex!("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        );
    }

    #[test]
    fn debug_output_hides_the_keys() {
        let keys = SessionKeys::from_eap_key_material(
            TlsVersion::Tls12,
            CipherSuite::RsaWithAes128CbcSha,
            &[0x5a; 128],
            vec![0; 10],
        );
        let debug = format!("{keys:?}");
        assert!(debug.contains("<redacted>"));
        assert!(!debug.contains("90"), "{debug}");
        assert!(!debug.to_lowercase().contains("5a"), "{debug}");
    }
}

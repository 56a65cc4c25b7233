//! The RSA key and PKCS#10 certificate request for TLS-DSK certificate provisioning
//! (MS-OCAUTHWS GetAndPublishCert, protocol.md §2.3).
//!
//! What pidgin-sipe sends, and so what servers are known to accept: an RSA-2048 key, subject
//! `CN=<user@domain>`, no attributes or extensions, signed with SHA-1 RSA. We write
//! version 0 (v1), the only version PKCS#10 defines; SIPE's OpenSSL backend writes 2, its
//! NSS backend 0, and both work. SHA-256 is available for servers that refuse SHA-1.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use der::asn1::{Any, BitString, ObjectIdentifier, Utf8StringRef};
use der::{Decode, Encode};
use rsa::pkcs8::EncodePublicKey;
use rsa::{Pkcs1v15Sign, PrivateKey};
use sha1::{Digest, Sha1};
use sha2::Sha256;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::attr::{AttributeTypeAndValue, Attributes};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::request::{CertReq, CertReqInfo, Version};

use crate::auth::rng::CryptoRandom;
use crate::engine::random::Random;

/// The key size pidgin-sipe uses and servers issue certificates for.
pub const CERTIFICATE_KEY_BITS: usize = 2048;

/// Line length of the base64 request in the SOAP body (pidgin-sipe's).
const BASE64_LINE_LEN: usize = 76;

const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SHA1_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
const OID_SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// The hash the request is signed with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsrHash {
    /// sha1WithRSAEncryption, as pidgin-sipe signs.
    #[default]
    Sha1,
    /// sha256WithRSAEncryption.
    Sha256,
}

/// Why a key or request could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsrError {
    #[error("could not generate the RSA key for the certificate request: {0}")]
    KeyGeneration(String),
    #[error("the sign-in address cannot be a certificate subject: {0}")]
    InvalidSubject(&'static str),
    #[error("could not encode the certificate request: {0}")]
    Encoding(String),
    #[error("could not sign the certificate request: {0}")]
    Signing(String),
}

fn encoding_error(error: impl fmt::Display) -> CsrError {
    CsrError::Encoding(error.to_string())
}

/// A new RSA-2048 key with public exponent 65537.
///
/// The returned key's `Debug` shows only its public part. Key generation is slow in debug
/// builds (seconds); the plugin generates one per account and certificate.
pub fn generate_key(random: &mut dyn Random) -> Result<PrivateKey, CsrError> {
    PrivateKey::new(&mut CryptoRandom(random), CERTIFICATE_KEY_BITS)
        .map_err(|e| CsrError::KeyGeneration(e.to_string()))
}

/// A DER PKCS#10 CertificationRequest.
#[derive(Clone, PartialEq, Eq)]
pub struct CertificateRequest {
    der: Vec<u8>,
}

impl CertificateRequest {
    /// A request for `sip_address` (`user@domain`; a leading `sip:` is dropped) signed
    /// with `key`. `random` blinds the RSA operation.
    pub fn new(
        key: &PrivateKey,
        sip_address: &str,
        hash: CsrHash,
        random: &mut dyn Random,
    ) -> Result<Self, CsrError> {
        let subject = subject_name(sip_address)?;
        let public_key_der = key
            .to_public_key()
            .to_public_key_der()
            .map_err(encoding_error)?;
        let info = CertReqInfo {
            version: Version::V1,
            subject,
            public_key: SubjectPublicKeyInfoOwned::from_der(public_key_der.as_bytes())
                .map_err(encoding_error)?,
            attributes: Attributes::new(),
        };
        let info_der = info.to_der().map_err(encoding_error)?;

        let (scheme, digest, algorithm_oid) = match hash {
            CsrHash::Sha1 => (
                Pkcs1v15Sign::new::<Sha1>(),
                Sha1::digest(&info_der).to_vec(),
                OID_SHA1_WITH_RSA,
            ),
            CsrHash::Sha256 => (
                Pkcs1v15Sign::new::<Sha256>(),
                Sha256::digest(&info_der).to_vec(),
                OID_SHA256_WITH_RSA,
            ),
        };
        let signature = key
            .sign_with_rng(&mut CryptoRandom(random), scheme, &digest)
            .map_err(|e| CsrError::Signing(e.to_string()))?;

        let request = CertReq {
            info,
            algorithm: AlgorithmIdentifierOwned {
                oid: algorithm_oid,
                parameters: Some(Any::null()),
            },
            signature: BitString::from_bytes(&signature).map_err(encoding_error)?,
        };
        Ok(CertificateRequest {
            der: request.to_der().map_err(encoding_error)?,
        })
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Base64 in lines of 76 characters, each full line ended by CRLF and the last, shorter
    /// one not: the form pidgin-sipe puts in the GetAndPublishCert BinarySecurityToken.
    pub fn to_base64_lines(&self) -> String {
        let encoded = BASE64.encode(&self.der);
        let mut out = String::with_capacity(encoded.len() + encoded.len() / BASE64_LINE_LEN * 2);
        // Base64 output is ASCII, so byte chunks are character chunks.
        for line in encoded.as_bytes().chunks(BASE64_LINE_LEN) {
            out.extend(line.iter().map(|&byte| char::from(byte)));
            if line.len() == BASE64_LINE_LEN {
                out.push_str("\r\n");
            }
        }
        out
    }
}

impl fmt::Debug for CertificateRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertificateRequest")
            .field("der", &format_args!("{} bytes", self.der.len()))
            .finish()
    }
}

/// `CN=<address>` as a single UTF8String attribute, built directly rather than parsed
/// from RFC 4514 text, so no character in the address needs escaping.
fn subject_name(sip_address: &str) -> Result<Name, CsrError> {
    let address = match sip_address.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("sip:") => &sip_address[4..],
        _ => sip_address,
    };
    if address.is_empty() {
        return Err(CsrError::InvalidSubject("it is empty"));
    }
    let value = Utf8StringRef::new(address).map_err(encoding_error)?;
    let common_name = AttributeTypeAndValue {
        oid: OID_COMMON_NAME,
        value: Any::from(value),
    };
    let rdn = RelativeDistinguishedName::try_from(vec![common_name]).map_err(encoding_error)?;
    let mut sequence = RdnSequence::default();
    sequence.push(rdn);
    Name::from_der(&sequence.to_der().map_err(encoding_error)?).map_err(encoding_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_lines_are_76_wide_with_crlf_after_full_lines() {
        let request = CertificateRequest {
            der: (0..=255u8).collect(),
        };
        let text = request.to_base64_lines();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[..lines.len() - 1].iter().all(|line| line.len() == 76));
        assert!(!lines[lines.len() - 1].is_empty());
        assert!(!text.ends_with("\r\n"));
        assert_eq!(
            BASE64.decode(text.replace("\r\n", "")).unwrap(),
            request.der
        );

        // 57 bytes make exactly one 76-character line, which then ends in CRLF.
        let exact = CertificateRequest { der: vec![1; 57] };
        assert!(exact.to_base64_lines().ends_with("\r\n"));
        assert_eq!(exact.to_base64_lines().len(), 78);
    }

    #[test]
    fn subject_drops_the_sip_scheme_and_keeps_special_characters() {
        let name = subject_name("sip:Jane.Doe+test@contoso.com").unwrap();
        assert_eq!(name.to_string(), "CN=Jane.Doe\\+test@contoso.com");
        let name = subject_name("SIP:user@example.org").unwrap();
        assert_eq!(name.to_string(), "CN=user@example.org");
        assert_eq!(
            subject_name("sip:"),
            Err(CsrError::InvalidSubject("it is empty"))
        );
    }
}

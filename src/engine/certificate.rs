//! The TLS-DSK client certificate from certificate provisioning, with its private key.
//!
//! The glue keeps one per account between sign-ins, so that a reconnect needs no web
//! service round trip; it is reused until [`MIN_REMAINING_VALIDITY`] before it expires
//! (pidgin-sipe's rule).

use std::fmt;
use std::time::{Duration, SystemTime};

use der::{Decode, Encode};
use rsa::PrivateKey;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use x509_cert::Certificate;
use zeroize::Zeroizing;

/// A certificate must stay valid this much longer to be used for a new association.
pub const MIN_REMAINING_VALIDITY: Duration = Duration::from_secs(60 * 60);

/// Why a certificate (or a stored one) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    #[error("the certificate is not valid DER: {0}")]
    Certificate(String),
    #[error("the certificate names no subject (CN)")]
    NoSubject,
    #[error("the certificate is for another key than the one we asked with")]
    WrongKey,
    #[error("the stored private key cannot be read: {0}")]
    Key(String),
}

/// A provisioned client certificate and its key.
#[derive(Clone)]
pub struct ProvisionedCertificate {
    certificate_der: Vec<u8>,
    key: PrivateKey,
    /// The subject's CN: the SIP address it was issued for (`user@domain`).
    subject: String,
    not_after: SystemTime,
}

/// A certificate's SubjectPublicKeyInfo, DER.
fn key_der(certificate: &Certificate) -> Result<Vec<u8>, CertificateError> {
    certificate
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|e| CertificateError::Certificate(e.to_string()))
}

impl ProvisionedCertificate {
    /// Checks that `certificate_der` certifies `key`, and reads its subject and expiry.
    /// `certificate_der` may also be a PKCS#7 chain: the certificate for `key` is taken.
    pub fn new(certificate_der: Vec<u8>, key: PrivateKey) -> Result<Self, CertificateError> {
        let ours = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| CertificateError::Key(e.to_string()))?;
        let (certificate_der, certificate) = match Certificate::from_der(&certificate_der) {
            Ok(certificate) => (certificate_der, certificate),
            Err(not_x509) => {
                let chain = crate::webticket::pkcs7::certificates(&certificate_der)
                    .ok_or_else(|| CertificateError::Certificate(not_x509.to_string()))?;
                chain
                    .into_iter()
                    .filter_map(|der| Certificate::from_der(&der).ok().map(|c| (der, c)))
                    .find(|(_, c)| key_der(c).is_ok_and(|theirs| theirs == ours.as_bytes()))
                    .ok_or(CertificateError::WrongKey)?
            }
        };
        let tbs = certificate.tbs_certificate();
        if key_der(&certificate)? != ours.as_bytes() {
            return Err(CertificateError::WrongKey);
        }
        let subject = tbs
            .subject()
            .common_name()
            .ok()
            .flatten()
            .map(String::from)
            .filter(|cn| !cn.is_empty())
            .ok_or(CertificateError::NoSubject)?;
        let not_after = tbs.validity().not_after.to_system_time();
        Ok(ProvisionedCertificate {
            certificate_der,
            key,
            subject,
            not_after,
        })
    }

    /// From what [`Self::certificate_der`] and [`Self::key_pkcs8_der`] stored.
    pub fn from_stored(
        certificate_der: &[u8],
        key_pkcs8_der: &[u8],
    ) -> Result<Self, CertificateError> {
        let key = PrivateKey::from_pkcs8_der(key_pkcs8_der)
            .map_err(|e| CertificateError::Key(e.to_string()))?;
        ProvisionedCertificate::new(certificate_der.to_vec(), key)
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    /// The private key as PKCS#8 DER, for storage. Wiped from memory when dropped.
    pub fn key_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, CertificateError> {
        self.key
            .to_pkcs8_der()
            .map(|document| Zeroizing::new(document.as_bytes().to_vec()))
            .map_err(|e| CertificateError::Key(e.to_string()))
    }

    pub fn key(&self) -> &PrivateKey {
        &self.key
    }

    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn not_after(&self) -> SystemTime {
        self.not_after
    }

    /// Issued for `sip_address` (`user@domain`) and valid long enough after `now`.
    pub fn is_usable_for(&self, sip_address: &str, now: SystemTime) -> bool {
        self.subject.eq_ignore_ascii_case(sip_address)
            && self
                .not_after
                .duration_since(now)
                .is_ok_and(|left| left >= MIN_REMAINING_VALIDITY)
    }
}

/// The certificate names its key, so comparing certificates compares both.
impl PartialEq for ProvisionedCertificate {
    fn eq(&self, other: &Self) -> bool {
        self.certificate_der == other.certificate_der
    }
}

impl Eq for ProvisionedCertificate {}

/// Subject and expiry only: the key never reaches a log.
impl fmt::Debug for ProvisionedCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProvisionedCertificate")
            .field("subject", &self.subject)
            .field("not_after", &self.not_after)
            .field("key", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::x509::{X509, X509NameBuilder, X509Req};

    use super::*;
    use crate::auth::csr::{CertificateRequest, CsrHash, generate_key};
    use crate::engine::random::SeededRandom;

    /// A certificate for `key`'s request for `subject`, valid until `not_after` (Unix time).
    fn issue(key: &PrivateKey, subject: &str, not_after: i64) -> Vec<u8> {
        let request =
            CertificateRequest::new(key, subject, CsrHash::Sha1, &mut SeededRandom::new(1))
                .unwrap();
        let request = X509Req::from_der(request.der()).unwrap();
        let ca_key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
        let mut issuer = X509NameBuilder::new().unwrap();
        issuer.append_entry_by_text("CN", "test CA").unwrap();
        let issuer = issuer.build();
        let mut builder = X509::builder().unwrap();
        builder.set_version(2).unwrap();
        builder.set_subject_name(request.subject_name()).unwrap();
        builder.set_issuer_name(&issuer).unwrap();
        builder.set_pubkey(&request.public_key().unwrap()).unwrap();
        builder
            .set_not_before(&Asn1Time::from_unix(0).unwrap())
            .unwrap();
        builder
            .set_not_after(&Asn1Time::from_unix(not_after as _).unwrap())
            .unwrap();
        builder.sign(&ca_key, MessageDigest::sha256()).unwrap();
        builder.build().to_der().unwrap()
    }

    #[test]
    fn kept_until_an_hour_before_expiry_and_only_for_its_address() {
        let key = generate_key(&mut SeededRandom::new(5)).unwrap();
        let expiry = 2_000_000_000;
        let der = issue(&key, "sip:alice@contoso.test", expiry);
        let certificate = ProvisionedCertificate::new(der.clone(), key.clone()).unwrap();
        assert_eq!(certificate.subject(), "alice@contoso.test");
        let not_after = UNIX_EPOCH + Duration::from_secs(expiry as u64);
        assert_eq!(certificate.not_after(), not_after);

        let hour = Duration::from_secs(3600);
        let minute = Duration::from_secs(60);
        assert!(certificate.is_usable_for("Alice@Contoso.test", not_after - hour - minute));
        assert!(!certificate.is_usable_for("alice@contoso.test", not_after - hour + minute));
        assert!(!certificate.is_usable_for("alice@contoso.test", not_after + minute));
        assert!(!certificate.is_usable_for("bob@contoso.test", UNIX_EPOCH));

        // What the glue stores reads back the same.
        let stored_key = certificate.key_pkcs8_der().unwrap();
        let again = ProvisionedCertificate::from_stored(&der, &stored_key).unwrap();
        assert_eq!(again, certificate);
        let debug = format!("{again:?}");
        assert!(
            debug.contains("key: \"<redacted>\"") && !debug.contains("PrivateKey"),
            "{debug}"
        );
    }

    #[test]
    fn a_certificate_for_another_key_or_garbage_is_refused() {
        let key = generate_key(&mut SeededRandom::new(6)).unwrap();
        let other = generate_key(&mut SeededRandom::new(7)).unwrap();
        let der = issue(&key, "alice@contoso.test", 2_000_000_000);
        assert_eq!(
            ProvisionedCertificate::new(der, other),
            Err(CertificateError::WrongKey)
        );
        assert!(matches!(
            ProvisionedCertificate::new(vec![0x30, 0x00], key.clone()),
            Err(CertificateError::Certificate(_))
        ));
        assert!(matches!(
            ProvisionedCertificate::from_stored(&[0x30, 0x00], b"not a key"),
            Err(CertificateError::Key(_))
        ));
    }
}

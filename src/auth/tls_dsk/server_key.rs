//! The RSA public key of the server's certificate, for encrypting the pre-master secret.
//!
//! Only the path to subjectPublicKeyInfo is walked; everything else in the certificate is
//! skipped unread. Validating the certificate is the caller's job, and a full X.509 parser
//! would refuse certificates real servers send (odd serials, old string types) for reasons
//! that do not matter here.

use der::Decode;
use rsa::PublicKey;
use spki::SubjectPublicKeyInfoRef;

use super::error::TlsDskError;
use crate::der_walk::{self, Element, WalkError};

const TAG_SEQUENCE: u8 = 0x30;
const TAG_VERSION: u8 = 0xa0;

fn error(reason: &str) -> TlsDskError {
    TlsDskError::ServerPublicKey(reason.to_string())
}

fn read_element(data: &[u8]) -> Result<(Element<'_>, &[u8]), TlsDskError> {
    der_walk::read_element(data).map_err(|e| match e {
        WalkError::Truncated => error("certificate truncated"),
        WalkError::UnsupportedLength => error("unsupported DER length in certificate"),
    })
}

fn expect_sequence<'a>(data: &'a [u8], what: &str) -> Result<(Element<'a>, &'a [u8]), TlsDskError> {
    let (element, rest) = read_element(data)?;
    if element.tag != TAG_SEQUENCE {
        return Err(error(&format!("{what} is not a SEQUENCE")));
    }
    Ok((element, rest))
}

/// The RSA key in `certificate_der` (Certificate → tbsCertificate → subjectPublicKeyInfo).
pub(crate) fn rsa_public_key(certificate_der: &[u8]) -> Result<PublicKey, TlsDskError> {
    let (certificate, _) = expect_sequence(certificate_der, "certificate")?;
    let (tbs, _) = expect_sequence(certificate.contents, "tbsCertificate")?;
    let mut fields = tbs.contents;
    // [0] version is optional; then serialNumber, signature, issuer, validity, subject.
    let (first, rest) = read_element(fields)?;
    let mut to_skip = 5;
    if first.tag != TAG_VERSION {
        to_skip -= 1;
    }
    fields = rest;
    for _ in 0..to_skip {
        fields = read_element(fields)?.1;
    }
    let (spki, _) = expect_sequence(fields, "subjectPublicKeyInfo")?;
    let spki = SubjectPublicKeyInfoRef::from_der(spki.encoded)
        .map_err(|e| error(&format!("subjectPublicKeyInfo: {e}")))?;
    PublicKey::try_from(spki).map_err(|e| error(&format!("not an RSA key: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for data in [
            &[][..],
            &[0x30],
            &[0x30, 0x82, 0xff],
            &[0x30, 0x03, 0x30, 0x01, 0x00],
            &[0x30, 0x84, 1, 2, 3, 4],
            &[0x02, 0x01, 0x00],
        ] {
            assert!(matches!(
                rsa_public_key(data),
                Err(TlsDskError::ServerPublicKey(_))
            ));
        }
    }
}

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

const TAG_SEQUENCE: u8 = 0x30;
const TAG_VERSION: u8 = 0xa0;

/// One DER element: its tag, the whole encoding, and its contents.
struct Element<'a> {
    tag: u8,
    encoded: &'a [u8],
    contents: &'a [u8],
}

fn error(reason: &str) -> TlsDskError {
    TlsDskError::ServerPublicKey(reason.to_string())
}

/// Reads the element at the start of `data`; returns it and the rest. Definite lengths only
/// (DER); single-byte tags cover everything up to subjectPublicKeyInfo.
fn read_element(data: &[u8]) -> Result<(Element<'_>, &[u8]), TlsDskError> {
    let truncated = || error("certificate truncated");
    let (&tag, rest) = data.split_first().ok_or_else(truncated)?;
    let (&first_length_byte, rest) = rest.split_first().ok_or_else(truncated)?;
    let (length, rest) = if first_length_byte < 0x80 {
        (usize::from(first_length_byte), rest)
    } else {
        let count = usize::from(first_length_byte & 0x7f);
        if count == 0 || count > 3 {
            return Err(error("unsupported DER length in certificate"));
        }
        let (length_bytes, rest) = rest.split_at_checked(count).ok_or_else(truncated)?;
        let length = length_bytes
            .iter()
            .fold(0usize, |acc, byte| acc << 8 | usize::from(*byte));
        (length, rest)
    };
    let header_len = data.len() - rest.len();
    let (contents, rest) = rest.split_at_checked(length).ok_or_else(truncated)?;
    Ok((
        Element {
            tag,
            encoded: &data[..header_len + length],
            contents,
        },
        rest,
    ))
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

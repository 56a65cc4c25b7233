//! The certificates inside a PKCS#7 / CMS SignedData ([RFC 5652] §5.1), which a certificate
//! provisioning service may return instead of a bare certificate ([MS-WSTEP] allows a chain;
//! what Lync returns is UNCONFIRMED, so both are read).
//!
//! Only the structure down to the `certificates` field is walked: nothing is verified here
//! (the caller picks the certificate that holds its own key).

/// DER of `1.2.840.113549.1.7.2` (id-signedData).
const SIGNED_DATA_OID: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

use crate::der_walk::{Element, read_element};

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const OID: u8 = 0x06;
/// `[0]`, constructed: ContentInfo's explicit content and SignedData's implicit certificates.
const CONTEXT_0: u8 = 0xA0;

/// The next element, if it has `tag`, and what follows it.
fn expect(input: &[u8], tag: u8) -> Option<(Element<'_>, &[u8])> {
    read_element(input).ok().filter(|(e, _)| e.tag == tag)
}

/// The DER of every X.509 certificate in a SignedData ContentInfo, in order; `None` when
/// `der` is not one (or is damaged).
pub fn certificates(der: &[u8]) -> Option<Vec<Vec<u8>>> {
    let (content_info, _) = expect(der, SEQUENCE)?;
    let (content_type, after_type) = expect(content_info.contents, OID)?;
    if content_type.contents != SIGNED_DATA_OID {
        return None;
    }
    let (explicit, _) = expect(after_type, CONTEXT_0)?;
    let (signed_data, _) = expect(explicit.contents, SEQUENCE)?;
    let (_version, rest) = expect(signed_data.contents, INTEGER)?;
    let (_digest_algorithms, rest) = expect(rest, SET)?;
    let (_encapsulated, rest) = expect(rest, SEQUENCE)?;
    let Some((certificate_set, _)) = expect(rest, CONTEXT_0) else {
        return Some(Vec::new());
    };
    let mut found = Vec::new();
    let mut remaining = certificate_set.contents;
    while !remaining.is_empty() {
        let (choice, rest) = read_element(remaining).ok()?;
        // Other CertificateChoices (attribute certificates …) carry context tags: skip them.
        if choice.tag == SEQUENCE {
            found.push(choice.encoded.to_vec());
        }
        remaining = rest;
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkcs7::{Pkcs7, Pkcs7Flags};
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::stack::Stack;
    use openssl::x509::{X509, X509NameBuilder};

    fn certificate(common_name: &str, key: &PKey<openssl::pkey::Private>) -> X509 {
        let mut name = X509NameBuilder::new().unwrap();
        name.append_entry_by_text("CN", common_name).unwrap();
        let name = name.build();
        let mut builder = X509::builder().unwrap();
        builder.set_version(2).unwrap();
        builder.set_subject_name(&name).unwrap();
        builder.set_issuer_name(&name).unwrap();
        builder.set_pubkey(key).unwrap();
        builder
            .set_not_before(&Asn1Time::days_from_now(0).unwrap())
            .unwrap();
        builder
            .set_not_after(&Asn1Time::days_from_now(1).unwrap())
            .unwrap();
        builder.sign(key, MessageDigest::sha256()).unwrap();
        builder.build()
    }

    #[test]
    fn the_certificates_of_an_openssl_signed_data_come_out_in_order() {
        let key = PKey::from_rsa(Rsa::generate(1024).unwrap()).unwrap();
        let leaf = certificate("alice@contoso.test", &key);
        let ca = certificate("Contoso CA", &key);
        let mut chain = Stack::new().unwrap();
        chain.push(ca.clone()).unwrap();
        let signed = Pkcs7::sign(&leaf, &key, &chain, b"", Pkcs7Flags::BINARY).unwrap();
        let found = certificates(&signed.to_der().unwrap()).unwrap();
        assert_eq!(found.len(), 2);
        // In the order OpenSSL itself reads them from the same bytes.
        let openssl_order: Vec<Vec<u8>> = signed
            .signed()
            .and_then(|s| s.certificates())
            .expect("OpenSSL reads the certificates")
            .iter()
            .map(|c| c.to_der().unwrap())
            .collect();
        assert_eq!(found, openssl_order);
        assert!(found.contains(&leaf.to_der().unwrap()));
        assert!(found.contains(&ca.to_der().unwrap()));
    }

    #[test]
    fn a_bare_certificate_or_damaged_input_is_not_signed_data() {
        let key = PKey::from_rsa(Rsa::generate(1024).unwrap()).unwrap();
        let der = certificate("alice@contoso.test", &key).to_der().unwrap();
        assert_eq!(certificates(&der), None);
        let mut chain = Stack::new().unwrap();
        chain.push(certificate("CA", &key)).unwrap();
        let signed = Pkcs7::sign(
            &certificate("x", &key),
            &key,
            &chain,
            b"",
            Pkcs7Flags::BINARY,
        )
        .unwrap()
        .to_der()
        .unwrap();
        for cut in 0..signed.len() {
            // Every truncation is refused or yields fewer certificates, never a panic.
            if let Some(found) = certificates(&signed[..cut]) {
                assert!(found.len() < 2, "cut at {cut}");
            }
        }
        assert_eq!(certificates(&[]), None);
        assert_eq!(certificates(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]), None);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
            let _ = certificates(&bytes);
            // And behind a valid-looking SignedData header.
            let mut framed = vec![0x30, 0x82, 0x01, 0x00, 0x06, 0x09];
            framed.extend_from_slice(SIGNED_DATA_OID);
            framed.extend_from_slice(&bytes);
            let _ = certificates(&framed);
        }
    }
}

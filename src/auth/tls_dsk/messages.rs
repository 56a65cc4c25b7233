//! Encoding the client's handshake messages and decoding the server's.

use super::error::TlsDskError;
use super::prf::HashAlgorithm;
use super::records::{Reader, TlsVersion, put_vec};

const EXTENSION_SIGNATURE_ALGORITHMS: u16 = 13;
pub(crate) const EXTENSION_RENEGOTIATION_INFO: u16 = 0xff01;
/// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): says "I do secure renegotiation"
/// without an extension, so a TLS 1.0-only hello stays extension-free. Schannel servers
/// set to refuse legacy clients (AllowInsecureRenegoClients = 0) need it; servers that do
/// not know it ignore it as an unknown suite.
pub(crate) const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00ff;
const COMPRESSION_NULL: u8 = 0;
const CERTIFICATE_TYPE_RSA_SIGN: u8 = 1;
/// The last 8 bytes of the random of a server that supports TLS 1.2 (or later) but
/// negotiates 1.1 or below (RFC 8446 §4.1.3). The "\x01" marker only means that a TLS 1.3
/// server chose 1.2, which is what a TLS 1.2 client wants, so it is not checked.
const DOWNGRADE_BELOW_TLS12: [u8; 8] = *b"DOWNGRD\x00";

/// A TLS 1.2 SignatureAndHashAlgorithm with an RSA PKCS#1 v1.5 signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RsaPkcs1Signature {
    pub hash: HashAlgorithm,
}

impl RsaPkcs1Signature {
    /// Our preference for CertificateVerify: SHA-256 first (every TLS 1.2 stack has it),
    /// SHA-1 last.
    const PREFERENCE: [HashAlgorithm; 4] = [
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha384,
        HashAlgorithm::Sha512,
        HashAlgorithm::Sha1,
    ];

    pub(crate) fn wire(self) -> [u8; 2] {
        [hash_code(self.hash), SIGNATURE_RSA]
    }
}

const SIGNATURE_RSA: u8 = 1;
const SIGNATURE_ECDSA: u8 = 3;

fn hash_code(hash: HashAlgorithm) -> u8 {
    match hash {
        HashAlgorithm::Md5 => 1,
        HashAlgorithm::Sha1 => 2,
        HashAlgorithm::Sha256 => 4,
        HashAlgorithm::Sha384 => 5,
        HashAlgorithm::Sha512 => 6,
    }
}

/// The signature_algorithms extension a TLS 1.2 ClientHello carries.
///
/// With RSA key exchange the server signs nothing in the handshake, and we do not validate
/// its chain (the caller does), so this list only helps a server that picks among several
/// certificates by it. RFC 5246 §7.4.1.4.1 lets a server assume {sha1,rsa} when the
/// extension is missing, which could make it pick a worse certificate; real TLS 1.2
/// clients always send it, so we do too. It does not constrain our CertificateVerify:
/// the server's CertificateRequest does that.
fn signature_algorithms_extension() -> Vec<u8> {
    let mut list = Vec::new();
    for hash in [
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha384,
        HashAlgorithm::Sha512,
    ] {
        list.extend_from_slice(&[hash_code(hash), SIGNATURE_RSA]);
        list.extend_from_slice(&[hash_code(hash), SIGNATURE_ECDSA]);
    }
    list.extend_from_slice(&[hash_code(HashAlgorithm::Sha1), SIGNATURE_RSA]);
    list.extend_from_slice(&[hash_code(HashAlgorithm::Sha1), SIGNATURE_ECDSA]);
    let mut extension = Vec::new();
    extension.extend_from_slice(&EXTENSION_SIGNATURE_ALGORITHMS.to_be_bytes());
    let mut body = Vec::new();
    put_vec(&mut body, 2, &list);
    put_vec(&mut extension, 2, &body);
    extension
}

/// The ClientHello body: highest offered version, our random, no session id, the suites
/// and the renegotiation SCSV, null compression, and signature_algorithms only when TLS 1.2
/// is offered (a TLS 1.0-only hello carries no extensions, like pidgin-sipe's).
pub(crate) fn client_hello_body(
    client_version: TlsVersion,
    client_random: &[u8; 32],
    cipher_suites: &[u16],
) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&client_version.wire().to_be_bytes());
    body.extend_from_slice(client_random);
    put_vec(&mut body, 1, &[]);
    let suites: Vec<u8> = cipher_suites
        .iter()
        .chain([&EMPTY_RENEGOTIATION_INFO_SCSV])
        .flat_map(|id| id.to_be_bytes())
        .collect();
    put_vec(&mut body, 2, &suites);
    put_vec(&mut body, 1, &[COMPRESSION_NULL]);
    if client_version == TlsVersion::Tls12 {
        put_vec(&mut body, 2, &signature_algorithms_extension());
    }
    body
}

/// What the client needs from a ServerHello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServerHello {
    pub version: u16,
    pub random: [u8; 32],
    pub cipher_suite: u16,
    pub compression: u8,
    /// (type, body) of each extension.
    pub extensions: Vec<(u16, Vec<u8>)>,
}

impl ServerHello {
    pub(crate) fn parse(body: &[u8]) -> Result<Self, TlsDskError> {
        let mut reader = Reader::new(body, "ServerHello");
        let version = reader.u16()?;
        let mut random = [0u8; 32];
        random.copy_from_slice(reader.bytes(32)?);
        let session_id = reader.vec8()?;
        if session_id.len() > 32 {
            return Err(TlsDskError::Malformed {
                what: "ServerHello",
                reason: "session id longer than 32 bytes",
            });
        }
        let cipher_suite = reader.u16()?;
        let compression = reader.u8()?;
        let mut extensions = Vec::new();
        if !reader.is_empty() {
            let mut list = Reader::new(reader.vec16()?, "ServerHello extensions");
            while !list.is_empty() {
                let extension_type = list.u16()?;
                extensions.push((extension_type, list.vec16()?.to_vec()));
            }
        }
        reader.finish()?;
        Ok(ServerHello {
            version,
            random,
            cipher_suite,
            compression,
            extensions,
        })
    }

    /// RFC 8446 §4.1.3: a server able to do TLS 1.2 that chose less marks its random.
    pub(crate) fn signals_downgrade_below_tls12(&self) -> bool {
        self.random[24..] == DOWNGRADE_BELOW_TLS12
    }
}

/// The certificates of a Certificate message, leaf first.
pub(crate) fn parse_certificate_list(body: &[u8]) -> Result<Vec<&[u8]>, TlsDskError> {
    let mut reader = Reader::new(body, "Certificate");
    let mut list = Reader::new(reader.vec24()?, "certificate list");
    reader.finish()?;
    let mut certificates = Vec::new();
    while !list.is_empty() {
        let certificate = list.vec24()?;
        if certificate.is_empty() {
            return Err(TlsDskError::Malformed {
                what: "Certificate",
                reason: "empty certificate",
            });
        }
        certificates.push(certificate);
    }
    if certificates.is_empty() {
        return Err(TlsDskError::Malformed {
            what: "Certificate",
            reason: "the server sent no certificate",
        });
    }
    Ok(certificates)
}

/// Parses a CertificateRequest and picks how to sign CertificateVerify: `None` for TLS 1.0
/// and 1.1 (MD5 ‖ SHA-1, no algorithm field), the best common RSA PKCS#1 algorithm for 1.2.
pub(crate) fn parse_certificate_request(
    body: &[u8],
    version: TlsVersion,
) -> Result<Option<RsaPkcs1Signature>, TlsDskError> {
    let mut reader = Reader::new(body, "CertificateRequest");
    let certificate_types = reader.vec8()?;
    let signature_algorithms = match version {
        TlsVersion::Tls12 => {
            let list = reader.vec16()?;
            if list.is_empty() || !list.len().is_multiple_of(2) {
                return Err(TlsDskError::Malformed {
                    what: "CertificateRequest",
                    reason: "bad supported_signature_algorithms length",
                });
            }
            Some(list)
        }
        TlsVersion::Tls10 | TlsVersion::Tls11 => None,
    };
    let mut authorities = Reader::new(reader.vec16()?, "certificate_authorities");
    while !authorities.is_empty() {
        authorities.vec16()?;
    }
    reader.finish()?;

    if !certificate_types.contains(&CERTIFICATE_TYPE_RSA_SIGN) {
        return Err(TlsDskError::RsaCertificateNotAccepted);
    }
    let Some(list) = signature_algorithms else {
        return Ok(None);
    };
    let offered: Vec<[u8; 2]> = list
        .chunks_exact(2)
        .map(|pair| [pair[0], pair[1]])
        .collect();
    RsaPkcs1Signature::PREFERENCE
        .into_iter()
        .map(|hash| RsaPkcs1Signature { hash })
        .find(|candidate| offered.contains(&candidate.wire()))
        .map(Some)
        .ok_or(TlsDskError::NoCommonSignatureAlgorithm)
}

/// A Certificate message body with our one certificate (no chain, as TLS-DSK clients send).
pub(crate) fn client_certificate_body(certificate_der: &[u8]) -> Vec<u8> {
    let mut entry = Vec::with_capacity(3 + certificate_der.len());
    put_vec(&mut entry, 3, certificate_der);
    let mut body = Vec::with_capacity(3 + entry.len());
    put_vec(&mut body, 3, &entry);
    body
}

/// ClientKeyExchange for RSA: the encrypted pre-master secret as a 16-bit vector.
pub(crate) fn client_key_exchange_body(encrypted_pre_master_secret: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(2 + encrypted_pre_master_secret.len());
    put_vec(&mut body, 2, encrypted_pre_master_secret);
    body
}

/// CertificateVerify: TLS 1.2 prefixes the algorithm; 1.0/1.1 carry only the signature.
pub(crate) fn certificate_verify_body(
    algorithm: Option<RsaPkcs1Signature>,
    signature: &[u8],
) -> Vec<u8> {
    let mut body = Vec::with_capacity(4 + signature.len());
    if let Some(algorithm) = algorithm {
        body.extend_from_slice(&algorithm.wire());
    }
    put_vec(&mut body, 2, signature);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_hello(extensions: Option<&[u8]>) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend_from_slice(&[0x11; 32]);
        body.push(0);
        body.extend_from_slice(&[0x00, 0x2f, 0x00]);
        if let Some(extensions) = extensions {
            put_vec(&mut body, 2, extensions);
        }
        body
    }

    #[test]
    fn server_hello_with_and_without_extensions() {
        let hello = ServerHello::parse(&server_hello(None)).unwrap();
        assert_eq!(hello.version, 0x0303);
        assert_eq!(hello.cipher_suite, 0x002f);
        assert!(hello.extensions.is_empty());
        let hello = ServerHello::parse(&server_hello(Some(&[0xff, 0x01, 0, 1, 0]))).unwrap();
        assert_eq!(hello.extensions, vec![(0xff01, vec![0])]);
        assert!(ServerHello::parse(&server_hello(Some(&[0xff, 0x01, 0, 5, 0]))).is_err());
    }

    #[test]
    fn client_hello_layout() {
        let body = client_hello_body(TlsVersion::Tls10, &[7; 32], &[0x002f, 0x0035]);
        // version, random, empty session id, 2 suites + SCSV, null compression, no
        // extensions.
        assert_eq!(&body[..2], &[3, 1]);
        assert_eq!(&body[34..], &[0, 0, 6, 0, 0x2f, 0, 0x35, 0, 0xff, 1, 0]);
        let body = client_hello_body(TlsVersion::Tls12, &[7; 32], &[0x002f]);
        assert_eq!(&body[..2], &[3, 3]);
        assert_eq!(&body[45..47], &EXTENSION_SIGNATURE_ALGORITHMS.to_be_bytes());
    }

    fn certificate_request(types: &[u8], algorithms: Option<&[u8]>) -> Vec<u8> {
        let mut body = Vec::new();
        put_vec(&mut body, 1, types);
        if let Some(algorithms) = algorithms {
            put_vec(&mut body, 2, algorithms);
        }
        let mut authorities = Vec::new();
        put_vec(&mut authorities, 2, b"0\x00");
        put_vec(&mut body, 2, &authorities);
        body
    }

    #[test]
    fn certificate_request_picks_our_preferred_common_algorithm() {
        let tls12 = TlsVersion::Tls12;
        let pick = |algorithms: &[u8]| {
            parse_certificate_request(&certificate_request(&[1, 64], Some(algorithms)), tls12)
        };
        assert_eq!(
            pick(&[2, 1, 4, 3, 4, 1]),
            Ok(Some(RsaPkcs1Signature {
                hash: HashAlgorithm::Sha256
            }))
        );
        assert_eq!(
            pick(&[2, 1]),
            Ok(Some(RsaPkcs1Signature {
                hash: HashAlgorithm::Sha1
            }))
        );
        assert_eq!(
            pick(&[4, 3, 8, 4]),
            Err(TlsDskError::NoCommonSignatureAlgorithm)
        );
        assert_eq!(
            parse_certificate_request(&certificate_request(&[1], None), TlsVersion::Tls10),
            Ok(None)
        );
        assert_eq!(
            parse_certificate_request(&certificate_request(&[64], None), TlsVersion::Tls10),
            Err(TlsDskError::RsaCertificateNotAccepted)
        );
    }

    #[test]
    fn certificate_lists_must_hold_certificates() {
        let mut body = Vec::new();
        put_vec(&mut body, 3, &[]);
        assert!(parse_certificate_list(&body).is_err());
        let body = client_certificate_body(&[1, 2, 3]);
        assert_eq!(
            parse_certificate_list(&body).unwrap(),
            vec![&[1u8, 2, 3][..]]
        );
    }
}

//! Using a web ticket: the `wsse:Security` header with the ticket, a Timestamp, and — when
//! the service asks for proof of possession — an XML-DSig HMAC-SHA1 signature over the
//! Timestamp with the key both sides derive from their entropy (WS-Trust CK/PSHA1).
//!
//! The signature is the fixed shape pidgin-sipe sends and Lync accepts: one Reference to
//! `#timestamp`, exclusive canonicalisation, `SignedInfo` signed in canonical form
//! (sipe-facts.md §3.4).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::{Digest, Sha1};
use zeroize::Zeroizing;

use crate::xml::{self, Document, Node, escape};

use super::c14n::{canonicalize, canonicalize_element};
use super::ns;
use super::rst::IssuedTicket;
use super::soap::SoapError;

/// The `wsu:Id` the signature refers to.
const TIMESTAMP_ID: &str = "timestamp";

fn hmac_sha1(key: &[u8], parts: &[&[u8]]) -> [u8; 20] {
    // HMAC takes keys of any length.
    let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(key) else {
        unreachable!("HMAC accepts keys of every length")
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// TLS's P_SHA1(secret, seed), `len` bytes: WS-Trust's computed key is
/// P_SHA1(client entropy, service entropy) with the client entropy's length.
pub fn p_sha1(secret: &[u8], seed: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(len + 20));
    let mut a = hmac_sha1(secret, &[seed]);
    while out.len() < len {
        out.extend_from_slice(&hmac_sha1(secret, &[&a, seed]));
        a = hmac_sha1(secret, &[&a]);
    }
    out.truncate(len);
    out
}

/// The Timestamp element a ticket is presented with: the ticket's own lifetime.
pub fn timestamp_element(created: &str, expires: &str) -> String {
    format!(
        "<wsu:Timestamp xmlns:wsu=\"{}\" wsu:Id=\"{TIMESTAMP_ID}\"><wsu:Created>{}</wsu:Created>\
         <wsu:Expires>{}</wsu:Expires></wsu:Timestamp>",
        ns::WSU,
        escape(created),
        escape(expires)
    )
}

fn signed_info(digest_base64: &str) -> String {
    format!(
        "<SignedInfo xmlns=\"{dsig}\"><CanonicalizationMethod Algorithm=\"{c14n}\"/>\
         <SignatureMethod Algorithm=\"{hmac}\"/><Reference URI=\"#{TIMESTAMP_ID}\"><Transforms>\
         <Transform Algorithm=\"{c14n}\"/></Transforms><DigestMethod Algorithm=\"{sha1}\"/>\
         <DigestValue>{digest_base64}</DigestValue></Reference></SignedInfo>",
        dsig = ns::DSIG,
        c14n = ns::EXC_C14N,
        hmac = ns::HMAC_SHA1,
        sha1 = ns::DIGEST_SHA1,
    )
}

/// The `wsse:Security` content for a request to the service the ticket was issued for:
/// Timestamp and Assertion, plus the proof signature when `client_entropy` is given (the
/// service's policy asked for proof and the ticket came with the service's entropy).
pub fn security_header(
    ticket: &IssuedTicket,
    client_entropy: Option<&[u8]>,
) -> Result<String, SoapError> {
    let timestamp = timestamp_element(&ticket.created, &ticket.expires);
    let Some(client_entropy) = client_entropy else {
        return Ok(format!("{timestamp}{}", ticket.assertion));
    };
    let server_entropy = ticket
        .server_entropy
        .as_ref()
        .ok_or(SoapError::Missing("service entropy for the proof key"))?;
    let key = p_sha1(client_entropy, server_entropy, client_entropy.len());
    let canonical_timestamp =
        canonicalize(&timestamp).map_err(|e| SoapError::invalid("timestamp", e.to_string()))?;
    let digest = BASE64.encode(Sha1::digest(canonical_timestamp.as_bytes()));
    let canonical_signed_info = canonicalize(&signed_info(&digest))
        .map_err(|e| SoapError::invalid("signature", e.to_string()))?;
    let signature = BASE64.encode(hmac_sha1(&key, &[canonical_signed_info.as_bytes()]));
    Ok(format!(
        "{timestamp}{assertion}<Signature xmlns=\"{dsig}\">{canonical_signed_info}\
         <SignatureValue>{signature}</SignatureValue><KeyInfo>\
         <wsse:SecurityTokenReference wsse:TokenType=\"{saml11}\">\
         <wsse:KeyIdentifier ValueType=\"{id_type}\">{id}</wsse:KeyIdentifier>\
         </wsse:SecurityTokenReference></KeyInfo></Signature>",
        assertion = ticket.assertion,
        dsig = ns::DSIG,
        saml11 = ns::TOKEN_SAML11,
        id_type = ns::SAML_ASSERTION_ID,
        id = escape(&ticket.assertion_id),
    ))
}

/// Why a service refuses the ticket a request presents (the test server's side).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the request is not XML: {0}")]
    NotXml(String),
    #[error("the request carries no web ticket (wsse:Security with a SAML Assertion)")]
    NoTicket,
    #[error("the web ticket is unknown or has expired")]
    UnknownTicket,
    #[error("the request is not signed with the ticket's proof key")]
    NotSigned,
    #[error("the signature does not refer to the signed Timestamp")]
    WrongReference,
    #[error("the Timestamp's digest does not match")]
    DigestMismatch,
    #[error("the proof signature does not match")]
    SignatureMismatch,
}

/// A ticket presented with a valid proof signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentedTicket {
    pub assertion_id: String,
}

fn find<'a, 'i>(node: Node<'a, 'i>, local: &str) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == local)
}

/// Checks the proof-of-possession signature of a request (the test server's side).
/// `proof_key` gives the key of a ticket the service issued and still honours.
pub fn verify_presented_ticket(
    envelope: &str,
    proof_key: impl FnOnce(&str) -> Option<Zeroizing<Vec<u8>>>,
) -> Result<PresentedTicket, ProofError> {
    let document = Document::parse(envelope).map_err(|e| ProofError::NotXml(e.to_string()))?;
    let security =
        xml::path(document.root_element(), &["Header", "Security"]).ok_or(ProofError::NoTicket)?;
    let assertion_id = xml::child(security, "Assertion")
        .and_then(|a| a.attribute("AssertionID"))
        .ok_or(ProofError::NoTicket)?
        .to_owned();
    let key = proof_key(&assertion_id).ok_or(ProofError::UnknownTicket)?;
    let signature = xml::child(security, "Signature").ok_or(ProofError::NotSigned)?;
    let key_identifier = find(signature, "KeyIdentifier").map(xml::text);
    if key_identifier.as_deref().map(str::trim) != Some(assertion_id.as_str()) {
        return Err(ProofError::NotSigned);
    }
    let signed = xml::child(signature, "SignedInfo").ok_or(ProofError::NotSigned)?;
    let reference = xml::child(signed, "Reference").ok_or(ProofError::WrongReference)?;
    let target = reference
        .attribute("URI")
        .and_then(|uri| uri.strip_prefix('#'))
        .ok_or(ProofError::WrongReference)?;
    let timestamp = xml::children(security, "Timestamp")
        .find(|t| {
            t.attributes()
                .any(|a| a.name() == "Id" && a.value() == target)
        })
        .ok_or(ProofError::WrongReference)?;
    let digest = BASE64.encode(Sha1::digest(canonicalize_element(timestamp).as_bytes()));
    let claimed_digest = xml::child(reference, "DigestValue").map(xml::text);
    if claimed_digest.as_deref().map(str::trim) != Some(digest.as_str()) {
        return Err(ProofError::DigestMismatch);
    }
    let expected = hmac_sha1(&key, &[canonicalize_element(signed).as_bytes()]);
    let value: String = xml::child(signature, "SignatureValue")
        .map(xml::text)
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    match BASE64.decode(value) {
        Ok(given) if given.as_slice() == expected.as_slice() => {
            Ok(PresentedTicket { assertion_id })
        }
        _ => Err(ProofError::SignatureMismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webticket::soap::{RequestHeader, envelope};
    use std::time::{Duration, SystemTime};

    #[test]
    fn p_sha1_matches_the_tls_prf_construction() {
        // P_SHA1 of RFC 2246 §5 (the SHA-1 half of the TLS 1.0 PRF), computed independently
        // with Python's hmac module for these inputs.
        let key = p_sha1(b"client-entropy", b"server-entropy", 32);
        assert_eq!(key.len(), 32);
        assert_eq!(
            hex(&key),
            "e31c77b6a5e6111b48b6279d42c82939567a92e262eb845dd2b024dffc19a293"
        );
        assert_eq!(&p_sha1(b"k", b"s", 50)[..20], &p_sha1(b"k", b"s", 20)[..]);
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_signed_info_in_canonical_form_is_what_libxml2_gives() {
        let canonical = canonicalize(&signed_info("DIGEST=")).unwrap();
        assert_eq!(
            canonical,
            "<SignedInfo xmlns=\"http://www.w3.org/2000/09/xmldsig#\">\
             <CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></CanonicalizationMethod>\
             <SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"></SignatureMethod>\
             <Reference URI=\"#timestamp\"><Transforms><Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"></Transform></Transforms>\
             <DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"></DigestMethod>\
             <DigestValue>DIGEST=</DigestValue></Reference></SignedInfo>"
        );
        let timestamp = timestamp_element("2024-01-01T00:00:00Z", "2024-01-01T08:00:00Z");
        assert_eq!(
            canonicalize(&timestamp).unwrap(),
            timestamp,
            "already canonical"
        );
    }

    fn ticket() -> IssuedTicket {
        IssuedTicket {
            assertion: format!(
                "<saml:Assertion xmlns:saml=\"{}\" AssertionID=\"uuid-1\"><saml:X>y</saml:X></saml:Assertion>",
                ns::SAML
            ),
            assertion_id: "uuid-1".into(),
            created: "2024-01-01T00:00:00.000Z".into(),
            expires: "2024-01-01T08:00:00.000Z".into(),
            expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_096_000),
            server_entropy: Some(Zeroizing::new(vec![2u8; 32])),
        }
    }

    fn request(security: &str) -> String {
        let header = RequestHeader {
            to: "https://pool/CertProv",
            action: "urn:a",
            message_id: "m",
            security,
        };
        envelope(Some(&header), "<GetAndPublishCert/>")
    }

    #[test]
    fn a_proof_we_make_is_a_proof_the_service_accepts() {
        let client_entropy = [1u8; 32];
        let header = security_header(&ticket(), Some(&client_entropy)).unwrap();
        let key = p_sha1(&client_entropy, &[2u8; 32], 32);
        let good = request(&header);
        let presented = verify_presented_ticket(&good, |id| {
            assert_eq!(id, "uuid-1");
            Some(key.clone())
        });
        assert_eq!(
            presented,
            Ok(PresentedTicket {
                assertion_id: "uuid-1".into()
            })
        );

        let wrong_key = verify_presented_ticket(&good, |_| Some(Zeroizing::new(vec![0u8; 32])));
        assert_eq!(wrong_key, Err(ProofError::SignatureMismatch));
        let later = good.replace("08:00:00.000Z", "09:00:00.000Z");
        assert_eq!(
            verify_presented_ticket(&later, |_| Some(key.clone())),
            Err(ProofError::DigestMismatch),
            "a changed Timestamp breaks the digest"
        );
        assert_eq!(
            verify_presented_ticket(&good, |_| None),
            Err(ProofError::UnknownTicket)
        );
        let bearer = request(&security_header(&ticket(), None).unwrap());
        assert_eq!(
            verify_presented_ticket(&bearer, |_| Some(key.clone())),
            Err(ProofError::NotSigned)
        );
    }

    #[test]
    fn proof_needs_the_service_entropy() {
        let mut without = ticket();
        without.server_entropy = None;
        assert_eq!(
            security_header(&without, Some(&[1u8; 32])),
            Err(SoapError::Missing("service entropy for the proof key"))
        );
    }
}

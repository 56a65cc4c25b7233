//! MS-SIPAE message signing applied to SIP messages: which values of a message a signature
//! covers, for both ends (the client signs requests and verifies `rspauth`; the test server
//! does the opposite).

use crate::sip::{AuthParams, Message, NameAddr, ParseError};

use super::signature::SignatureFields;

/// The values of a message its signature covers, owned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignedParts {
    pub call_id: String,
    pub cseq_number: String,
    pub cseq_method: String,
    pub from_uri: String,
    pub from_tag: String,
    pub to_uri: String,
    pub to_tag: String,
    pub pai_sip: String,
    pub pai_tel: String,
    pub expires: String,
    pub response_code: Option<u16>,
}

fn has_scheme(uri: &str, scheme: &str) -> bool {
    uri.get(..scheme.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
}

/// The asserted identity URIs: P-Asserted-Identity, else P-Preferred-Identity (as Lync does).
fn asserted_identity_uris(msg: &Message) -> Result<(String, String), ParseError> {
    let mut identities = msg.asserted_identities()?;
    if identities.is_empty() {
        identities = msg
            .header_values("P-Preferred-Identity")
            .map(|v| NameAddr::parse(v).map_err(|e| e.for_header("P-Preferred-Identity")))
            .collect::<Result<_, _>>()?;
    }
    let sip = identities
        .iter()
        .find(|n| has_scheme(&n.uri, "sip:") || has_scheme(&n.uri, "sips:"))
        .map(|n| n.uri.clone())
        .unwrap_or_default();
    let tel = identities
        .iter()
        .find(|n| has_scheme(&n.uri, "tel:"))
        .map(|n| n.uri.clone())
        .unwrap_or_default();
    Ok((sip, tel))
}

impl SignedParts {
    /// Reads the covered values; a message without Call-ID, CSeq, From or To cannot be signed.
    pub fn of(msg: &Message) -> Result<SignedParts, ParseError> {
        let cseq = msg.cseq()?;
        let from = msg.from()?;
        let to = msg.to()?;
        let (pai_sip, pai_tel) = asserted_identity_uris(msg)?;
        Ok(SignedParts {
            call_id: msg.call_id()?.to_owned(),
            cseq_number: cseq.seq.to_string(),
            cseq_method: cseq.method.clone(),
            from_tag: from.tag().unwrap_or_default().to_owned(),
            from_uri: from.uri,
            to_tag: to.tag().unwrap_or_default().to_owned(),
            to_uri: to.uri,
            pai_sip,
            pai_tel,
            expires: msg.header("Expires").unwrap_or_default().to_owned(),
            response_code: msg.status_code(),
        })
    }

    /// The signature string for this message with the given security-association values.
    pub fn signature_string(&self, sa: &SaValues<'_>, version: u32) -> String {
        SignatureFields {
            protocol: sa.protocol,
            rand: sa.rand,
            num: sa.num,
            realm: sa.realm,
            target_name: sa.target_name,
            call_id: &self.call_id,
            cseq_number: &self.cseq_number,
            cseq_method: &self.cseq_method,
            from_uri: &self.from_uri,
            from_tag: &self.from_tag,
            to_uri: &self.to_uri,
            to_tag: &self.to_tag,
            p_asserted_identity_sip: &self.pai_sip,
            p_asserted_identity_tel: &self.pai_tel,
            expires: &self.expires,
            response_code: self.response_code,
        }
        .signature_string(version)
    }
}

/// The security-association values that go into a signature string.
#[derive(Debug, Clone, Copy)]
pub struct SaValues<'a> {
    pub protocol: &'a str,
    pub rand: &'a str,
    pub num: &'a str,
    pub realm: &'a str,
    pub target_name: &'a str,
}

/// A signature found in a message's auth header: the values it was made with and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSignature {
    pub protocol: String,
    pub rand: String,
    pub num: String,
    pub realm: String,
    pub target_name: String,
    pub signature: Vec<u8>,
}

impl FoundSignature {
    pub fn sa_values(&self) -> SaValues<'_> {
        SaValues {
            protocol: &self.protocol,
            rand: &self.rand,
            num: &self.num,
            realm: &self.realm,
            target_name: &self.target_name,
        }
    }
}

/// Decodes hex as MS-SIPAE signatures are written (either case).
pub fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

pub fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signature a message carries in `header` (e.g. `Authentication-Info` with
/// srand/snum/rspauth, or `Authorization` with crand/cnum/response), if any.
pub fn find_signature(msg: &Message, header: &str) -> Result<Option<FoundSignature>, ParseError> {
    for params in msg.auth_params(header)? {
        if let Some(found) = signature_in(&params) {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

fn signature_in(params: &AuthParams) -> Option<FoundSignature> {
    let (rand, num, sig) = if let Some(sig) = params.param("rspauth") {
        (params.param("srand")?, params.param("snum")?, sig)
    } else {
        (
            params.param("crand")?,
            params.param("cnum")?,
            params.param("response")?,
        )
    };
    Some(FoundSignature {
        protocol: params.scheme.clone(),
        rand: rand.to_owned(),
        num: num.to_owned(),
        realm: params.param("realm").unwrap_or_default().to_owned(),
        target_name: params.param("targetname").unwrap_or_default().to_owned(),
        signature: decode_hex(sig)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::ntlm::{NegotiateFlags, NtlmSession, Role, SIP_SIGNATURE_SEQUENCE_NUMBER};

    fn sample(name: &str) -> Message {
        let path = format!("{}/tests/data/sip/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("sample message");
        Message::parse(&bytes).expect("sample parses")
    }

    #[test]
    fn the_real_register_yields_the_v4_string_of_its_signature() {
        let msg = sample("002-register-request-ntlm-auth-oc2007r2.txt");
        let found = find_signature(&msg, "Proxy-Authorization")
            .unwrap()
            .expect("signed");
        assert_eq!(
            found.signature,
            decode_hex("0100000029618e9651b65a7764000000").unwrap()
        );
        let parts = SignedParts::of(&msg).unwrap();
        assert_eq!(
            parts.signature_string(&found.sa_values(), 4),
            "<NTLM><13317733><1><SIP Communications Service><cosmo-ocs-r2.cosmo.local><4037df9284354df39065195bd57a4b14><3><REGISTER><sip:user@cosmo.local><3e49177a52><sip:user@cosmo.local><><><><>"
        );
    }

    #[test]
    fn the_real_200_ok_yields_its_string_and_verifies_with_the_v2_example_key() {
        // The 001 sample is the OCS 2007 "MS-SIPE example" 200 OK (version 2 signing).
        let msg = sample("001-register-200-ntlm-ocs2007.txt");
        let found = find_signature(&msg, "Authentication-Info")
            .unwrap()
            .expect("signed");
        let parts = SignedParts::of(&msg).unwrap();
        let text = parts.signature_string(&found.sa_values(), 2);
        assert!(
            text.starts_with("<NTLM><0878F41B><1><SIP Communications Service>"),
            "{text}"
        );
        assert!(text.ends_with("<200>"), "{text}");
        let key: [u8; 16] = decode_hex("5F029153BC025058969548615E7099BA")
            .unwrap()
            .try_into()
            .unwrap();
        // Connection-less NTLM without extended session security, as OCS 2007 negotiated.
        let flags = NegotiateFlags::UNICODE
            | NegotiateFlags::NTLM
            | NegotiateFlags::ALWAYS_SIGN
            | NegotiateFlags::NEGOTIATE_128
            | NegotiateFlags::SIGN
            | NegotiateFlags::DATAGRAM;
        let session = NtlmSession::from_exported_session_key(Role::Client, flags, &key);
        assert!(
            session.verify(
                SIP_SIGNATURE_SEQUENCE_NUMBER,
                text.as_bytes(),
                &found.signature
            ),
            "rspauth of the real 200 OK must verify"
        );
    }

    #[test]
    fn hex_round_trip_and_rejects() {
        assert_eq!(encode_hex(&[0x01, 0xab]), "01ab");
        assert_eq!(decode_hex("01AB"), Some(vec![0x01, 0xab]));
        assert_eq!(decode_hex("0"), None);
        assert_eq!(decode_hex("zz"), None);
    }
}

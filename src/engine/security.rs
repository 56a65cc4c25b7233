//! The security association with the registrar: how we sign what we send and check what
//! we receive once authentication succeeded (MS-SIPAE §3.2.5).

use zeroize::Zeroize;

use crate::auth::ntlm::{NtlmSession, SIP_SIGNATURE_SEQUENCE_NUMBER};
use crate::auth::sipae::{SaValues, SignedParts, encode_hex, find_signature};
use crate::auth::tls_dsk::{SessionKeys, SigningMac};
use crate::sip::{Message, ParseError, format_auth_value};

use super::random::{Random, random_hex};

/// What the server's challenge told us about the association to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The scheme as the server spells it: `NTLM`, `TLS-DSK`, `Kerberos`.
    pub scheme: String,
    pub realm: String,
    pub target_name: String,
    /// Signing protocol version; 2 when the server does not say.
    pub version: u32,
    pub opaque: Option<String>,
}

/// The MAC behind an association.
pub enum Mac {
    Ntlm(NtlmSession),
    TlsDsk(TlsDskMac),
}

impl std::fmt::Debug for Mac {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mac::Ntlm(_) => f.write_str("Mac::Ntlm(<keys>)"),
            Mac::TlsDsk(mac) => write!(f, "Mac::TlsDsk({:?}, <keys>)", mac.signing),
        }
    }
}

impl Mac {
    /// Our signature over a signature string.
    pub fn sign(&self, text: &[u8]) -> Vec<u8> {
        match self {
            Mac::Ntlm(session) => session.sign(SIP_SIGNATURE_SEQUENCE_NUMBER, text).to_vec(),
            Mac::TlsDsk(mac) => mac.signing.sign(&mac.own_key, text),
        }
    }

    /// Checks the peer's signature over a signature string.
    pub fn verify(&self, text: &[u8], signature: &[u8]) -> bool {
        match self {
            Mac::Ntlm(session) => session.verify(SIP_SIGNATURE_SEQUENCE_NUMBER, text, signature),
            Mac::TlsDsk(mac) => mac.signing.verify(&mac.peer_key, text, signature),
        }
    }
}

/// TLS-DSK signing: an HMAC keyed with one half of the exported key material for what we
/// send and the other half for what the peer sends (MS-SIPAE §3.2.5.1).
pub struct TlsDskMac {
    signing: SigningMac,
    own_key: [u8; 32],
    peer_key: [u8; 32],
}

impl TlsDskMac {
    /// The client's view: signs with the client key, checks the server's `rspauth`.
    pub fn for_client(keys: &SessionKeys) -> TlsDskMac {
        TlsDskMac {
            signing: keys.signing,
            own_key: keys.client_signing_key,
            peer_key: keys.server_signing_key,
        }
    }

    /// The server's view (the test server): signs with the server key.
    pub fn for_server(keys: &SessionKeys) -> TlsDskMac {
        TlsDskMac {
            signing: keys.signing,
            own_key: keys.server_signing_key,
            peer_key: keys.client_signing_key,
        }
    }
}

impl Drop for TlsDskMac {
    fn drop(&mut self) {
        self.own_key.zeroize();
        self.peer_key.zeroize();
    }
}

/// An established association: signs outgoing messages, verifies incoming ones.
#[derive(Debug)]
pub struct SecurityContext {
    pub challenge: Challenge,
    mac: Mac,
    /// `cnum` of the next signed message; starts at 1.
    next_number: u32,
}

/// The result of checking an incoming message.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    Valid,
    /// No signature in the message.
    Unsigned,
    /// A signature that does not match: the message was altered or not from the server.
    Invalid(String),
}

impl SecurityContext {
    pub fn new(challenge: Challenge, mac: Mac) -> SecurityContext {
        SecurityContext {
            challenge,
            mac,
            next_number: 1,
        }
    }

    /// The parameters identifying the association, first in every Authorization header.
    pub fn base_params(&self) -> Vec<(&'static str, String)> {
        let mut params = vec![("qop", "auth".to_owned())];
        if let Some(opaque) = &self.challenge.opaque {
            params.push(("opaque", opaque.clone()));
        }
        params.push(("realm", self.challenge.realm.clone()));
        params.push(("targetname", self.challenge.target_name.clone()));
        params
    }

    /// Signs `msg` (which must already carry its final Call-ID, CSeq, From, To and Expires)
    /// and returns the Authorization value, with `extra` parameters (e.g. gssapi-data) before
    /// the signature.
    pub fn authorization(
        &mut self,
        msg: &Message,
        extra: &[(&'static str, String)],
        random: &mut dyn Random,
    ) -> Result<String, ParseError> {
        let rand = random_hex(random, 4);
        let num = self.next_number.to_string();
        self.next_number = self.next_number.wrapping_add(1);
        let parts = SignedParts::of(msg)?;
        let sa = SaValues {
            protocol: &self.challenge.scheme,
            rand: &rand,
            num: &num,
            realm: &self.challenge.realm,
            target_name: &self.challenge.target_name,
        };
        let text = parts.signature_string(&sa, self.challenge.version);
        let signature = encode_hex(&self.mac.sign(text.as_bytes()));
        let mut params = self.base_params();
        params.extend(extra.iter().cloned());
        params.push(("crand", rand));
        params.push(("cnum", num));
        params.push(("response", signature));
        let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Ok(format_auth_value(&self.challenge.scheme, &borrowed))
    }

    /// Checks the server's signature (`Authentication-Info: … rspauth=…`).
    pub fn verify(&self, msg: &Message) -> Verification {
        let found = match find_signature(msg, "Authentication-Info") {
            Ok(Some(found)) => found,
            Ok(None) => return Verification::Unsigned,
            Err(e) => return Verification::Invalid(format!("unreadable signature: {e}")),
        };
        if !found.protocol.eq_ignore_ascii_case(&self.challenge.scheme) {
            return Verification::Invalid(format!(
                "signed with {} but the association is {}",
                found.protocol, self.challenge.scheme
            ));
        }
        let parts = match SignedParts::of(msg) {
            Ok(parts) => parts,
            Err(e) => return Verification::Invalid(format!("cannot read the signed headers: {e}")),
        };
        // realm/targetname may be left out of Authentication-Info; the association has them.
        let mut sa = found.sa_values();
        if sa.realm.is_empty() {
            sa.realm = &self.challenge.realm;
        }
        if sa.target_name.is_empty() {
            sa.target_name = &self.challenge.target_name;
        }
        let text = parts.signature_string(&sa, self.challenge.version);
        if self.mac.verify(text.as_bytes(), &found.signature) {
            Verification::Valid
        } else {
            Verification::Invalid(format!("rspauth does not match (snum {})", found.num))
        }
    }
}

//! The server's side of a security association: it signs what it sends (`rspauth`) and
//! checks what clients send (`response`), as a Lync front end does (MS-SIPAE).

use purple_lync::auth::sipae::{SaValues, SignedParts, encode_hex, find_signature};
use purple_lync::engine::security::Mac;
use purple_lync::sip::{Message, format_auth_value};

#[derive(Debug)]
pub struct ServerSa {
    pub scheme: String,
    pub realm: String,
    pub target_name: String,
    pub opaque: String,
    pub version: u32,
    pub mac: Mac,
    /// `snum` of the next message we sign.
    next_number: u32,
    /// The SIP URI this association authenticated.
    pub user_uri: String,
}

impl ServerSa {
    pub fn new(
        scheme: &str,
        realm: &str,
        target_name: &str,
        opaque: &str,
        version: u32,
        mac: Mac,
        user_uri: &str,
    ) -> ServerSa {
        ServerSa {
            scheme: scheme.to_owned(),
            realm: realm.to_owned(),
            target_name: target_name.to_owned(),
            opaque: opaque.to_owned(),
            version,
            mac,
            next_number: 1,
            user_uri: user_uri.to_owned(),
        }
    }

    /// Adds `Authentication-Info` with our signature over `msg`.
    pub fn sign(&mut self, msg: &mut Message, rand: &str) {
        let Ok(parts) = SignedParts::of(msg) else {
            return;
        };
        let num = self.next_number.to_string();
        self.next_number += 1;
        let sa = SaValues {
            protocol: &self.scheme,
            rand,
            num: &num,
            realm: &self.realm,
            target_name: &self.target_name,
        };
        let text = parts.signature_string(&sa, self.version);
        let signature = encode_hex(&self.mac.sign(text.as_bytes()));
        let value = format_auth_value(
            &self.scheme,
            &[
                ("rspauth", &signature),
                ("srand", rand),
                ("snum", &num),
                ("opaque", &self.opaque),
                ("qop", "auth"),
                ("targetname", &self.target_name),
                ("realm", &self.realm),
            ],
        );
        let _ = msg.set_header("Authentication-Info", value);
    }

    /// Checks a client's signature; the error says what is wrong (for ms-diagnostics).
    pub fn verify(&self, msg: &Message) -> Result<(), String> {
        let found = find_signature(msg, "Authorization")
            .map_err(|e| format!("unreadable Authorization: {e}"))?
            .ok_or_else(|| "message not signed".to_owned())?;
        let parts =
            SignedParts::of(msg).map_err(|e| format!("unsigned headers unreadable: {e}"))?;
        let text = parts.signature_string(&found.sa_values(), self.version);
        if self.mac.verify(text.as_bytes(), &found.signature) {
            Ok(())
        } else {
            Err(format!("signature does not match (cnum {})", found.num))
        }
    }
}

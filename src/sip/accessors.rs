//! Typed views of a [`Message`]'s headers.
//!
//! Headers every SIP message must carry (Via, From, To, Call-ID, CSeq) return
//! `Result<T, _>` with [`ParseError::MissingHeader`] when absent; optional ones return
//! `Result<Option<T>, _>`. Malformed values are errors naming the header.

use super::auth_header::AuthParams;
use super::error::ParseError;
use super::message::Message;
use super::typed::{CSeq, Contact, Event, NameAddr, SubscriptionState, Via, parse_delta_seconds};

impl Message {
    fn required(&self, name: &'static str) -> Result<&str, ParseError> {
        self.header(name).ok_or(ParseError::MissingHeader { name })
    }

    /// Every Via value, top first (several per line and several lines).
    pub fn vias(&self) -> Result<Vec<Via>, ParseError> {
        let vias = self
            .header_values("Via")
            .map(Via::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if vias.is_empty() {
            return Err(ParseError::MissingHeader { name: "Via" });
        }
        Ok(vias)
    }

    /// The topmost Via.
    pub fn top_via(&self) -> Result<Via, ParseError> {
        let first = self
            .header_values("Via")
            .next()
            .ok_or(ParseError::MissingHeader { name: "Via" })?;
        Via::parse(first)
    }

    pub fn cseq(&self) -> Result<CSeq, ParseError> {
        CSeq::parse(self.required("CSeq")?)
    }

    pub fn call_id(&self) -> Result<&str, ParseError> {
        let call_id = self.required("Call-ID")?;
        if call_id.is_empty() {
            return Err(ParseError::bad_value("Call-ID", "empty", call_id));
        }
        Ok(call_id)
    }

    pub fn from(&self) -> Result<NameAddr, ParseError> {
        self.name_addr("From")
    }

    pub fn to(&self) -> Result<NameAddr, ParseError> {
        self.name_addr("To")
    }

    fn name_addr(&self, name: &'static str) -> Result<NameAddr, ParseError> {
        NameAddr::parse(self.required(name)?).map_err(|e| e.for_header(name))
    }

    /// Every Contact element in order; empty when there is no Contact header.
    pub fn contacts(&self) -> Result<Vec<Contact>, ParseError> {
        self.headers("Contact")
            .map(Contact::parse_list)
            .try_fold(Vec::new(), |mut all, list| {
                all.extend(list?);
                Ok(all)
            })
    }

    /// P-Asserted-Identity values (Lync sends a sip: and sometimes a tel: identity).
    pub fn asserted_identities(&self) -> Result<Vec<NameAddr>, ParseError> {
        self.header_values("P-Asserted-Identity")
            .map(|v| NameAddr::parse(v).map_err(|e| e.for_header("P-Asserted-Identity")))
            .collect()
    }

    /// The Expires header in seconds (values past 2^32 - 1 saturate).
    pub fn expires(&self) -> Result<Option<u32>, ParseError> {
        self.header("Expires")
            .map(|v| {
                parse_delta_seconds(v)
                    .ok_or_else(|| ParseError::bad_value("Expires", "not delta-seconds", v))
            })
            .transpose()
    }

    pub fn event(&self) -> Result<Option<Event>, ParseError> {
        self.header("Event").map(Event::parse).transpose()
    }

    pub fn subscription_state(&self) -> Result<Option<SubscriptionState>, ParseError> {
        self.header("Subscription-State")
            .map(SubscriptionState::parse)
            .transpose()
    }

    /// Every `name` auth header parsed, in order: pass "WWW-Authenticate",
    /// "Proxy-Authenticate", "Authorization", "Proxy-Authorization" or
    /// "Authentication-Info". Each header line holds one challenge or credential.
    pub fn auth_params(&self, name: &str) -> Result<Vec<AuthParams>, ParseError> {
        self.headers(name)
            .map(|v| AuthParams::parse(v).map_err(|e| e.for_header(name)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(headers: &str) -> Message {
        Message::parse(format!("SIP/2.0 200 OK\r\n{headers}\r\n\r\n").as_bytes()).unwrap()
    }

    #[test]
    fn missing_and_malformed_headers() {
        let m = message("X: 1");
        assert_eq!(
            m.cseq().unwrap_err(),
            ParseError::MissingHeader { name: "CSeq" }
        );
        assert_eq!(
            m.vias().unwrap_err(),
            ParseError::MissingHeader { name: "Via" }
        );
        assert_eq!(
            m.call_id().unwrap_err(),
            ParseError::MissingHeader { name: "Call-ID" }
        );
        assert_eq!(m.expires(), Ok(None));
        assert_eq!(m.event(), Ok(None));
        assert_eq!(m.contacts(), Ok(vec![]));
        assert_eq!(m.auth_params("WWW-Authenticate"), Ok(vec![]));

        let m = message("f: <sip:a\r\nExpires: soon\r\nWWW-Authenticate: NTLM realm");
        assert!(
            matches!(m.from(), Err(ParseError::InvalidHeaderValue { header, .. }) if header == "From")
        );
        assert!(
            matches!(m.expires(), Err(ParseError::InvalidHeaderValue { header, .. }) if header == "Expires")
        );
        assert!(matches!(
            m.auth_params("www-authenticate"),
            Err(ParseError::InvalidHeaderValue { header, .. }) if header == "www-authenticate"
        ));
    }

    #[test]
    fn vias_across_lines_and_commas() {
        let m = message("v: SIP/2.0/TLS a:1;branch=z1, SIP/2.0/TCP b:2\r\nVia: SIP/2.0/UDP c");
        let hosts: Vec<_> = m.vias().unwrap().into_iter().map(|v| v.host).collect();
        assert_eq!(hosts, ["a", "b", "c"]);
        assert_eq!(m.top_via().unwrap().branch(), Some("z1"));
    }

    #[test]
    fn contacts_across_lines() {
        let m = message("m: <sip:a>;expires=5, <sip:b>\r\nContact: *");
        let c = m.contacts().unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].address().unwrap().param("expires"), Some("5"));
        assert_eq!(c[2], Contact::Wildcard);
    }
}

//! Typed forms of the headers the engine reads: Via, CSeq, name-addr (From, To, Contact,
//! P-Asserted-Identity), Event and Subscription-State.
//!
//! Each `parse` takes one header value (one list element for list headers) and names the
//! header in its errors; [`Message`](super::Message) accessors re-name errors after the
//! header they actually read.

use super::error::ParseError;
use super::headers::{Cursor, Param, find_param, is_ws, parse_params, trim_ws};

/// One Via value: `SIP/2.0/TLS host:port;branch=…;received=…;rport`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    /// As received (`TLS`, `tls`, `TCP`, …).
    pub transport: String,
    /// A name, an IPv4 address, or an IPv6 reference with its brackets.
    pub host: String,
    pub port: Option<u16>,
    pub params: Vec<Param>,
}

impl Via {
    pub fn parse(value: &str) -> Result<Via, ParseError> {
        let bad = |reason| ParseError::bad_value("Via", reason, value);
        let mut c = Cursor::new(trim_ws(value));
        let protocol = c.take_token();
        c.skip_ws();
        if !protocol.eq_ignore_ascii_case("SIP") || !c.eat(b'/') {
            return Err(bad("expected SIP/2.0/transport"));
        }
        c.skip_ws();
        let version = c.take_token();
        c.skip_ws();
        if version != "2.0" || !c.eat(b'/') {
            return Err(bad("expected SIP/2.0/transport"));
        }
        c.skip_ws();
        let transport = c.take_token();
        if transport.is_empty() {
            return Err(bad("missing transport"));
        }
        if !c.skip_ws() {
            return Err(bad("missing space before sent-by"));
        }
        let host = if c.peek() == Some(b'[') {
            let reference = c.take_while(|b| b != b']');
            if !c.eat(b']') {
                return Err(bad("unterminated IPv6 reference"));
            }
            format!("{reference}]")
        } else {
            c.take_while(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
                .to_owned()
        };
        if host.is_empty() {
            return Err(bad("missing host"));
        }
        c.skip_ws();
        let port = if c.eat(b':') {
            c.skip_ws();
            Some(parse_port(c.take_while(|b| b.is_ascii_digit())).ok_or_else(|| bad("bad port"))?)
        } else {
            None
        };
        let params = parse_params(c.rest()).map_err(bad)?;
        let via = Via {
            transport: transport.to_owned(),
            host,
            port,
            params,
        };
        if let Some(Some(rport)) = via.params_value("rport")
            && parse_port(rport).is_none()
        {
            return Err(bad("bad rport"));
        }
        Ok(via)
    }

    /// Parses a whole Via header value, which may hold several comma-separated Vias.
    pub fn parse_list(value: &str) -> Result<Vec<Via>, ParseError> {
        super::headers::CommaSeparated::new(value)
            .map(Via::parse)
            .collect()
    }

    /// Case-insensitive lookup; a flag parameter gives `Some("")`.
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    fn params_value(&self, name: &str) -> Option<Option<&str>> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_deref())
    }

    pub fn branch(&self) -> Option<&str> {
        self.param("branch")
    }

    pub fn received(&self) -> Option<&str> {
        self.param("received")
    }

    /// `None`: no rport; `Some(None)`: `;rport` without a value (a request for one);
    /// `Some(Some(port))`: the port the server saw.
    pub fn rport(&self) -> Option<Option<u16>> {
        self.params_value("rport").map(|v| v.and_then(parse_port))
    }
}

fn parse_port(digits: &str) -> Option<u16> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `CSeq: 3 REGISTER`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CSeq {
    pub seq: u32,
    pub method: String,
}

impl CSeq {
    pub fn parse(value: &str) -> Result<CSeq, ParseError> {
        let bad = |reason| ParseError::bad_value("CSeq", reason, value);
        let mut c = Cursor::new(trim_ws(value));
        let digits = c.take_while(|b| b.is_ascii_digit());
        let seq = digits
            .parse::<u32>()
            .map_err(|_| bad("sequence number must be a 32-bit decimal"))?;
        if !c.skip_ws() {
            return Err(bad("expected a space after the sequence number"));
        }
        let method = c.take_token();
        if method.is_empty() || !c.at_end() {
            return Err(bad("expected a method token after the number"));
        }
        Ok(CSeq {
            seq,
            method: method.to_owned(),
        })
    }
}

/// A name-addr or addr-spec with header parameters, as in From, To, Contact and
/// P-Asserted-Identity: `"Display, Name" <sip:user@host;transport=tls>;tag=abc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAddr {
    /// Unquoted and unescaped; `None` when absent or empty.
    pub display: Option<String>,
    /// The addr-spec without `<>`, case kept. URI parameters inside `<>` stay here.
    pub uri: String,
    /// Header parameters (after `>`, or after the URI when there are no brackets).
    pub params: Vec<Param>,
}

impl NameAddr {
    pub fn parse(value: &str) -> Result<NameAddr, ParseError> {
        let bad = |reason| ParseError::bad_value("name-addr", reason, value);
        let text = trim_ws(value);
        let mut c = Cursor::new(text);
        let display = if c.peek() == Some(b'"') {
            let quoted = c.take_quoted().map_err(bad)?;
            c.skip_ws();
            if c.peek() != Some(b'<') {
                return Err(bad("quoted display name without <URI>"));
            }
            Some(quoted)
        } else if first_of(text, b"<;\"") == Some(b'<') {
            // Unquoted display name: the words before '<'.
            let words = trim_ws(c.take_while(|b| b != b'<'));
            (!words.is_empty()).then(|| words.to_owned())
        } else {
            None
        };
        let uri = if c.eat(b'<') {
            let uri = c.take_while(|b| b != b'>');
            if !c.eat(b'>') {
                return Err(bad("missing '>'"));
            }
            uri
        } else {
            // addr-spec form: any ';' starts header parameters, not URI parameters.
            c.take_while(|b| b != b';' && !is_ws(b))
        };
        if uri.is_empty() || uri.bytes().any(is_ws) {
            return Err(bad("empty URI or URI with whitespace"));
        }
        let params = parse_params(c.rest()).map_err(bad)?;
        Ok(NameAddr {
            display: display.filter(|d| !d.is_empty()),
            uri: uri.to_owned(),
            params,
        })
    }

    /// Case-insensitive lookup of a header parameter; a flag parameter gives `Some("")`.
    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }

    pub fn tag(&self) -> Option<&str> {
        self.param("tag")
    }
}

fn first_of(text: &str, set: &[u8]) -> Option<u8> {
    text.bytes().find(|b| set.contains(b))
}

/// One Contact element: an address, or `*` (only valid in REGISTER with Expires: 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    Wildcard,
    Address(NameAddr),
}

impl Contact {
    /// Parses a whole Contact header value (comma-separated).
    pub fn parse_list(value: &str) -> Result<Vec<Contact>, ParseError> {
        super::headers::CommaSeparated::new(value)
            .map(|element| {
                if element == "*" {
                    Ok(Contact::Wildcard)
                } else {
                    NameAddr::parse(element)
                        .map(Contact::Address)
                        .map_err(|e| e.for_header("Contact"))
                }
            })
            .collect()
    }

    pub fn address(&self) -> Option<&NameAddr> {
        match self {
            Contact::Wildcard => None,
            Contact::Address(address) => Some(address),
        }
    }
}

/// `Event: presence;id=…` (RFC 6665).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event package with any template (`presence.winfo`), case kept.
    pub package: String,
    pub params: Vec<Param>,
}

impl Event {
    pub fn parse(value: &str) -> Result<Event, ParseError> {
        let bad = |reason| ParseError::bad_value("Event", reason, value);
        let (package, params) = token_and_params(value).map_err(bad)?;
        Ok(Event { package, params })
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }
}

/// `Subscription-State: active;expires=3600` or `terminated;reason=timeout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionState {
    /// `active`, `pending`, `terminated` or an extension, case kept.
    pub state: String,
    pub expires: Option<u32>,
    pub reason: Option<String>,
    /// The parameters other than `expires` and `reason`.
    pub params: Vec<Param>,
}

impl SubscriptionState {
    pub fn parse(value: &str) -> Result<SubscriptionState, ParseError> {
        let bad = |reason| ParseError::bad_value("Subscription-State", reason, value);
        let (state, all_params) = token_and_params(value).map_err(bad)?;
        let mut expires = None;
        let mut reason = None;
        let mut params = Vec::new();
        for (name, param_value) in all_params {
            if name.eq_ignore_ascii_case("expires") {
                let seconds = param_value.as_deref().unwrap_or("");
                expires = Some(parse_delta_seconds(seconds).ok_or_else(|| bad("bad expires"))?);
            } else if name.eq_ignore_ascii_case("reason") {
                reason = param_value;
            } else {
                params.push((name, param_value));
            }
        }
        Ok(SubscriptionState {
            state,
            expires,
            reason,
            params,
        })
    }

    pub fn is_terminated(&self) -> bool {
        self.state.eq_ignore_ascii_case("terminated")
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        find_param(&self.params, name)
    }
}

fn token_and_params(value: &str) -> Result<(String, Vec<Param>), &'static str> {
    let mut c = Cursor::new(trim_ws(value));
    let token = c.take_token();
    if token.is_empty() {
        return Err("missing value before parameters");
    }
    let params = parse_params(c.rest())?;
    Ok((token.to_owned(), params))
}

/// RFC 3261 delta-seconds: digits only; values past 2^32 - 1 count as 2^32 - 1 (§20.19).
pub(crate) fn parse_delta_seconds(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<u32>().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn via_full() {
        let v = Via::parse(
            "SIP/2.0/TLS 164.99.194.49:10409;branch=z9hG4bKE0E;received=164.99.195.20;ms-received-port=10409;rport=5061",
        )
        .unwrap();
        assert_eq!(v.transport, "TLS");
        assert_eq!(v.host, "164.99.194.49");
        assert_eq!(v.port, Some(10409));
        assert_eq!(v.branch(), Some("z9hG4bKE0E"));
        assert_eq!(v.received(), Some("164.99.195.20"));
        assert_eq!(v.param("MS-RECEIVED-PORT"), Some("10409"));
        assert_eq!(v.rport(), Some(Some(5061)));
    }

    #[test]
    fn via_variants() {
        let v = Via::parse("SIP / 2.0 / udp [2001:db8::1] : 5060 ; rport ; maddr=x").unwrap();
        assert_eq!(v.transport, "udp");
        assert_eq!(v.host, "[2001:db8::1]");
        assert_eq!(v.port, Some(5060));
        assert_eq!(v.rport(), Some(None));
        let v = Via::parse("SIP/2.0/TCP host.example").unwrap();
        assert_eq!((v.port, v.branch(), v.rport()), (None, None, None));
        for bad in [
            "",
            "SIP/2.0/TLS",
            "SIP/2.0 host",
            "HTTP/1.1/TCP host",
            "SIP/2.0/TCP host:99999",
            "SIP/2.0/TCP host:",
            "SIP/2.0/TCP [::1",
            "SIP/2.0/TCP host;rport=x",
            "SIP/2.0/TCP host junk",
        ] {
            assert!(Via::parse(bad).is_err(), "{bad:?}");
        }
        let list = Via::parse_list("SIP/2.0/TLS a:1;branch=x, SIP/2.0/TCP b").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].host, "b");
    }

    #[test]
    fn cseq() {
        assert_eq!(
            CSeq::parse(" 3  REGISTER ").unwrap(),
            CSeq {
                seq: 3,
                method: "REGISTER".into()
            }
        );
        assert_eq!(CSeq::parse("4294967295 ACK").unwrap().seq, u32::MAX);
        for bad in [
            "",
            "REGISTER",
            "3",
            "3REGISTER",
            "-1 ACK",
            "4294967296 ACK",
            "1 A B",
        ] {
            assert!(CSeq::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn name_addr_forms() {
        let a = NameAddr::parse(
            r#""Gabriel Burt"<sip:gabriel@ocs.provo.novell.com>;tag=2947328781;epid=1234567890"#,
        )
        .unwrap();
        assert_eq!(a.display.as_deref(), Some("Gabriel Burt"));
        assert_eq!(a.uri, "sip:gabriel@ocs.provo.novell.com");
        assert_eq!(a.tag(), Some("2947328781"));
        assert_eq!(a.param("EPID"), Some("1234567890"));

        let a = NameAddr::parse(r#""Smith, John \"JJ\"" <SIP:John@X.com;transport=tls>;tag=a"#)
            .unwrap();
        assert_eq!(a.display.as_deref(), Some(r#"Smith, John "JJ""#));
        assert_eq!(a.uri, "SIP:John@X.com;transport=tls");
        assert_eq!(a.params, vec![("tag".to_owned(), Some("a".to_owned()))]);

        let a = NameAddr::parse("Bob Smith <sip:bob@x>").unwrap();
        assert_eq!(a.display.as_deref(), Some("Bob Smith"));
        assert!(a.params.is_empty());

        // addr-spec: the ;tag belongs to the header, not the URI.
        let a = NameAddr::parse("sip:bob@x;tag=9").unwrap();
        assert_eq!(
            (a.display.as_deref(), a.uri.as_str(), a.tag()),
            (None, "sip:bob@x", Some("9"))
        );

        let a = NameAddr::parse(r#""" <tel:+123>"#).unwrap();
        assert_eq!(a.display, None);

        for bad in [
            "",
            "<>",
            "<sip:a",
            r#""x" sip:a"#,
            r#""x <sip:a>"#,
            "<sip:a b>",
            "<sip:a>;tag",
        ] {
            // "<sip:a>;tag" is a valid flag parameter; the rest must fail.
            if bad == "<sip:a>;tag" {
                assert_eq!(NameAddr::parse(bad).unwrap().tag(), Some(""));
            } else {
                assert!(NameAddr::parse(bad).is_err(), "{bad:?}");
            }
        }
    }

    #[test]
    fn contact_list_with_wildcard_and_quoted_commas() {
        let list = Contact::parse_list(
            r#"<sip:192.168.172.6:12723;transport=tls>;methods="INVITE, MESSAGE";+sip.instance="<urn:uuid:34D8>", *"#,
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        let first = list[0].address().unwrap();
        assert_eq!(first.uri, "sip:192.168.172.6:12723;transport=tls");
        assert_eq!(first.param("methods"), Some("INVITE, MESSAGE"));
        assert_eq!(first.param("+sip.instance"), Some("<urn:uuid:34D8>"));
        assert_eq!(list[1], Contact::Wildcard);
        let err = Contact::parse_list("<sip:a").unwrap_err();
        assert!(
            matches!(err, ParseError::InvalidHeaderValue { ref header, .. } if header == "Contact")
        );
    }

    #[test]
    fn event_and_subscription_state() {
        let e = Event::parse("presence;id=7").unwrap();
        assert_eq!((e.package.as_str(), e.param("ID")), ("presence", Some("7")));
        assert_eq!(
            Event::parse("vnd-microsoft-roaming-contacts")
                .unwrap()
                .params,
            vec![]
        );
        assert!(Event::parse(";id=1").is_err());

        let s = SubscriptionState::parse("active;expires=3600;x-ms=1").unwrap();
        assert_eq!(s.state, "active");
        assert_eq!(s.expires, Some(3600));
        assert_eq!(s.reason, None);
        assert_eq!(s.param("x-ms"), Some("1"));
        assert!(!s.is_terminated());

        let s = SubscriptionState::parse("terminated;reason=timeout;retry-after=30").unwrap();
        assert!(s.is_terminated());
        assert_eq!(s.reason.as_deref(), Some("timeout"));
        assert_eq!(
            s.params,
            vec![("retry-after".to_owned(), Some("30".to_owned()))]
        );
        assert!(SubscriptionState::parse("active;expires=soon").is_err());
    }

    #[test]
    fn delta_seconds() {
        assert_eq!(parse_delta_seconds("900"), Some(900));
        assert_eq!(parse_delta_seconds("99999999999"), Some(u32::MAX));
        assert_eq!(parse_delta_seconds(""), None);
        assert_eq!(parse_delta_seconds("-1"), None);
    }
}

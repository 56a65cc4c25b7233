//! The web ticket itself: the WS-Trust RequestSecurityToken a client sends to the web ticket
//! service, and the response with the SAML assertion (sipe-facts.md §3.4 step 3).
//!
//! The ticket claims a SIP URI (the sign-in address); the HTTP request that carries it is
//! authenticated with the Login. A service refuses a claim that is not the SIP address of
//! whoever authenticated ("SIP URI mismatch").

use std::fmt;
use std::time::SystemTime;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use zeroize::Zeroizing;

use crate::xml::{self, Document, Node, escape};

use super::ns;
use super::soap::{self, SoapError, descendant_text};
use super::time::{format_datetime, parse_datetime};

/// A ticket request, as Lync clients and pidgin-sipe send it.
#[derive(Clone)]
pub struct TicketRequest<'a> {
    /// A UUID naming the request.
    pub context: &'a str,
    /// The address of the service the ticket is for.
    pub applies_to: &'a str,
    /// `sip:user@domain`: the identity the ticket claims.
    pub sip_uri: &'a str,
    /// 32 random bytes: our half of the proof key.
    pub client_entropy: &'a [u8],
}

impl fmt::Debug for TicketRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TicketRequest")
            .field("applies_to", &self.applies_to)
            .field("sip_uri", &self.sip_uri)
            .finish_non_exhaustive()
    }
}

impl TicketRequest<'_> {
    /// The whole SOAP envelope.
    pub fn to_soap(&self) -> String {
        let body = format!(
            "<wst:RequestSecurityToken Context=\"{context}\">\
             <wst:TokenType>{token_type}</wst:TokenType>\
             <wst:RequestType>{request_type}</wst:RequestType>\
             <wsp:AppliesTo><wsa:EndpointReference><wsa:Address>{applies_to}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>\
             <wst:Claims Dialect=\"{dialect}\"><auth:ClaimType Uri=\"{claim}\" Optional=\"false\">\
             <auth:Value>{sip_uri}</auth:Value></auth:ClaimType></wst:Claims>\
             <wst:Entropy><wst:BinarySecret>{entropy}</wst:BinarySecret></wst:Entropy>\
             <wst:KeyType>{key_type}</wst:KeyType>\
             </wst:RequestSecurityToken>",
            context = escape(self.context),
            token_type = ns::TOKEN_SAML11,
            request_type = ns::REQUEST_ISSUE_2005,
            applies_to = escape(self.applies_to),
            dialect = ns::CLAIMS_DIALECT,
            claim = ns::CLAIM_URI,
            sip_uri = escape(self.sip_uri),
            entropy = BASE64.encode(self.client_entropy),
            key_type = ns::KEY_SYMMETRIC,
        );
        soap::envelope(None, &body)
    }
}

/// A ticket as the service issued it.
#[derive(Clone)]
pub struct IssuedTicket {
    /// The SAML `Assertion` element exactly as received (the service checks it byte for
    /// byte), with its namespace declaration added if the service put it on an ancestor.
    pub assertion: String,
    pub assertion_id: String,
    /// The lifetime as the service wrote it (it goes back in the signed Timestamp).
    pub created: String,
    pub expires: String,
    pub expires_at: SystemTime,
    /// The service's half of the proof key, when it sent one.
    pub server_entropy: Option<Zeroizing<Vec<u8>>>,
}

/// The ticket is a credential: only its id and lifetime are shown.
impl fmt::Debug for IssuedTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedTicket")
            .field("assertion_id", &self.assertion_id)
            .field("expires", &self.expires)
            .finish_non_exhaustive()
    }
}

fn is_inside(node: Node<'_, '_>, local: &str) -> bool {
    node.ancestors()
        .skip(1)
        .any(|a| a.is_element() && a.tag_name().name() == local)
}

/// Reads the service's answer to a [`TicketRequest`].
pub fn parse_ticket_response(body: &str) -> Result<IssuedTicket, SoapError> {
    let document = soap::parse_answer(body)?;
    let assertion_node = document
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "Assertion")
        .ok_or(SoapError::Missing("ticket (SAML Assertion)"))?;
    let assertion_id = assertion_node
        .attribute("AssertionID")
        .or_else(|| assertion_node.attribute("ID"))
        .map(str::to_owned)
        .filter(|id| !id.is_empty())
        .ok_or(SoapError::Missing("ticket id (AssertionID)"))?;
    let assertion = raw_element_with_namespace(body, assertion_node);
    let lifetime = document
        .descendants()
        .find(|n| {
            n.is_element() && n.tag_name().name() == "Lifetime" && !is_inside(*n, "Assertion")
        })
        .ok_or(SoapError::Missing("ticket lifetime"))?;
    let created =
        descendant_text(lifetime, "Created").ok_or(SoapError::Missing("ticket creation time"))?;
    let expires =
        descendant_text(lifetime, "Expires").ok_or(SoapError::Missing("ticket expiry time"))?;
    let expires_at = parse_datetime(&expires)
        .ok_or_else(|| SoapError::invalid("ticket expiry time", expires.clone()))?;
    let server_entropy = document
        .descendants()
        .find(|n| {
            n.is_element()
                && n.tag_name().name() == "BinarySecret"
                && n.parent_element()
                    .is_some_and(|p| p.tag_name().name() == "Entropy")
                && !is_inside(*n, "Assertion")
        })
        .map(|n| {
            let text: String = xml::text(n).split_whitespace().collect();
            BASE64
                .decode(text)
                .map(Zeroizing::new)
                .map_err(|e| SoapError::invalid("service entropy", e.to_string()))
        })
        .transpose()?;
    Ok(IssuedTicket {
        assertion,
        assertion_id,
        created,
        expires,
        expires_at,
        server_entropy,
    })
}

/// The element's text from the input, with `xmlns:prefix` added to its start tag when the
/// prefix was declared on an ancestor (the element travels alone from here on).
fn raw_element_with_namespace(input: &str, element: Node<'_, '_>) -> String {
    let raw = &input[element.range()];
    let name_end = raw
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(raw.len());
    let qname = raw.get(1..name_end).unwrap_or("");
    let declaration = match qname.split_once(':') {
        Some((prefix, _)) => format!("xmlns:{prefix}="),
        None => "xmlns=".to_owned(),
    };
    let declared = raw[..start_tag_end(raw)].contains(&declaration);
    match element.tag_name().namespace() {
        Some(uri) if !declared => format!(
            "{} {declaration}\"{}\"{}",
            &raw[..name_end],
            escape(uri),
            &raw[name_end..]
        ),
        _ => raw.to_owned(),
    }
}

/// Where a start tag ends: its first `>` outside attribute quotes.
fn start_tag_end(raw: &str) -> usize {
    let mut quote = None;
    for (at, c) in raw.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return at,
            _ => {}
        }
    }
    raw.len()
}

/// A ticket request as the service receives it (for the test server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedTicketRequest {
    pub applies_to: String,
    /// The claimed `sip:` URI.
    pub claimed_uri: String,
    pub client_entropy: Vec<u8>,
}

/// Reads a [`TicketRequest`] (for the test server).
pub fn parse_ticket_request(body: &str) -> Result<ReceivedTicketRequest, SoapError> {
    let document = Document::parse(body).map_err(|e| SoapError::NotXml(e.to_string()))?;
    let request = xml::path(document.root_element(), &["Body", "RequestSecurityToken"])
        .ok_or(SoapError::Missing("RequestSecurityToken"))?;
    let applies_to = xml::path(request, &["AppliesTo", "EndpointReference", "Address"])
        .map(xml::text)
        .map(|t| t.trim().to_owned())
        .ok_or(SoapError::Missing("AppliesTo address"))?;
    let claimed_uri = xml::path(request, &["Claims", "ClaimType", "Value"])
        .map(xml::text)
        .map(|t| t.trim().to_owned())
        .ok_or(SoapError::Missing("claimed SIP URI"))?;
    let entropy: String = xml::path(request, &["Entropy", "BinarySecret"])
        .map(xml::text)
        .ok_or(SoapError::Missing("client entropy"))?
        .split_whitespace()
        .collect();
    let client_entropy = BASE64
        .decode(entropy)
        .map_err(|e| SoapError::invalid("client entropy", e.to_string()))?;
    Ok(ReceivedTicketRequest {
        applies_to,
        claimed_uri,
        client_entropy,
    })
}

/// What the test server puts in a ticket.
#[derive(Debug, Clone)]
pub struct TicketGrant<'a> {
    pub assertion_id: &'a str,
    pub issuer: &'a str,
    /// The authenticated user's SIP URI.
    pub subject_uri: &'a str,
    pub applies_to: &'a str,
    pub created: SystemTime,
    pub expires: SystemTime,
}

impl TicketGrant<'_> {
    /// The SAML 1.1 assertion, namespace declared on itself so it can travel alone.
    pub fn assertion(&self) -> String {
        let created = format_datetime(self.created);
        let expires = format_datetime(self.expires);
        format!(
            "<saml:Assertion xmlns:saml=\"{saml}\" MajorVersion=\"1\" MinorVersion=\"1\" \
             AssertionID=\"{id}\" Issuer=\"{issuer}\" IssueInstant=\"{created}\">\
             <saml:Conditions NotBefore=\"{created}\" NotOnOrAfter=\"{expires}\">\
             <saml:AudienceRestrictionCondition><saml:Audience>{audience}</saml:Audience>\
             </saml:AudienceRestrictionCondition></saml:Conditions>\
             <saml:AttributeStatement><saml:Subject><saml:NameIdentifier>{subject}</saml:NameIdentifier></saml:Subject>\
             <saml:Attribute AttributeName=\"uri\" AttributeNamespace=\"http://schemas.xmlsoap.org/claims\">\
             <saml:AttributeValue>{subject}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>\
             </saml:Assertion>",
            saml = ns::SAML,
            id = escape(self.assertion_id),
            issuer = escape(self.issuer),
            audience = escape(self.applies_to),
            subject = escape(self.subject_uri),
        )
    }

    /// The RSTR: the assertion, the computed-key proof, the service's entropy and the
    /// lifetime (Created/Expires with the `wsu` prefix, which clients copy into their
    /// signed Timestamp).
    pub fn response(&self, assertion: &str, server_entropy: &[u8]) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"{soap}\" xmlns:wsu=\"{wsu}\">\
             <s:Body><wst:RequestSecurityTokenResponseCollection xmlns:wst=\"{wst}\">\
             <wst:RequestSecurityTokenResponse><wst:TokenType>{token_type}</wst:TokenType>\
             <wst:RequestedSecurityToken>{assertion}</wst:RequestedSecurityToken>\
             <wst:RequestedProofToken><wst:ComputedKey>{computed}</wst:ComputedKey></wst:RequestedProofToken>\
             <wst:Entropy><wst:BinarySecret Type=\"{nonce}\">{entropy}</wst:BinarySecret></wst:Entropy>\
             <wst:Lifetime><wsu:Created>{created}</wsu:Created><wsu:Expires>{expires}</wsu:Expires></wst:Lifetime>\
             <wst:KeySize>256</wst:KeySize></wst:RequestSecurityTokenResponse>\
             </wst:RequestSecurityTokenResponseCollection></s:Body></s:Envelope>",
            soap = ns::SOAP,
            wsu = ns::WSU,
            wst = ns::WST,
            token_type = ns::TOKEN_SAML11,
            computed = ns::COMPUTED_KEY_PSHA1,
            nonce = ns::NONCE,
            entropy = BASE64.encode(server_entropy),
            created = format_datetime(self.created),
            expires = format_datetime(self.expires),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn grant(now: SystemTime) -> TicketGrant<'static> {
        TicketGrant {
            assertion_id: "uuid-7c3a",
            issuer: "https://pool/WebTicket",
            subject_uri: "sip:alice@contoso.test",
            applies_to: "https://pool/CertProv",
            created: now,
            expires: now + Duration::from_secs(8 * 3600),
        }
    }

    #[test]
    fn request_and_response_round_trip() {
        let entropy = [7u8; 32];
        let request = TicketRequest {
            context: "ctx-1",
            applies_to: "https://pool/CertProv",
            sip_uri: "sip:alice@contoso.test",
            client_entropy: &entropy,
        };
        let received = parse_ticket_request(&request.to_soap()).unwrap();
        assert_eq!(received.claimed_uri, "sip:alice@contoso.test");
        assert_eq!(received.applies_to, "https://pool/CertProv");
        assert_eq!(received.client_entropy, entropy);

        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let grant = grant(now);
        let assertion = grant.assertion();
        let ticket = parse_ticket_response(&grant.response(&assertion, &[9u8; 32])).unwrap();
        assert_eq!(ticket.assertion, assertion, "kept byte for byte");
        assert_eq!(ticket.assertion_id, "uuid-7c3a");
        assert_eq!(ticket.created, "2023-11-14T22:13:20.000Z");
        assert_eq!(ticket.expires_at, now + Duration::from_secs(8 * 3600));
        assert_eq!(
            ticket.server_entropy.as_deref().map(Vec::as_slice),
            Some(&[9u8; 32][..])
        );
        let debug = format!("{ticket:?}");
        assert!(
            !debug.contains("saml:") && !debug.contains("CQkJ"),
            "{debug}"
        );
    }

    #[test]
    fn an_assertion_namespaced_on_an_ancestor_gets_its_declaration() {
        let body = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion"><s:Body><RSTR><saml:Assertion AssertionID="a1" Issuer="i"><saml:X/></saml:Assertion><Lifetime><Created>2024-01-01T00:00:00Z</Created><Expires>2024-01-01T08:00:00Z</Expires></Lifetime></RSTR></s:Body></s:Envelope>"#;
        let ticket = parse_ticket_response(body).unwrap();
        assert_eq!(
            ticket.assertion,
            r#"<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" AssertionID="a1" Issuer="i"><saml:X/></saml:Assertion>"#
        );
        assert!(ticket.server_entropy.is_none());
        Document::parse(&ticket.assertion).expect("stands alone");
    }

    #[test]
    fn faults_and_gaps_are_errors() {
        let fault = soap::fault_envelope("Sender", "SIP URI mismatch");
        assert_eq!(
            parse_ticket_response(&fault).unwrap_err(),
            SoapError::Fault("SIP URI mismatch".into())
        );
        assert_eq!(
            parse_ticket_response("<a/>").unwrap_err(),
            SoapError::Missing("ticket (SAML Assertion)")
        );
        let no_id = "<a><Assertion/></a>";
        assert_eq!(
            parse_ticket_response(no_id).unwrap_err(),
            SoapError::Missing("ticket id (AssertionID)")
        );
    }
}

//! SOAP 1.1 envelopes as Lync's web services expect them, SOAP faults, and the errors of
//! reading an answer.

use crate::xml::{self, Document, Node, escape};

use super::ns;

/// Why a web-service answer could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SoapError {
    #[error("the answer is not XML ({0})")]
    NotXml(String),
    #[error("the answer has no {0}")]
    Missing(&'static str),
    #[error("the answer's {what} is not valid: {reason}")]
    Invalid { what: &'static str, reason: String },
    /// The service refused, with this text (`Detail/error/internalerror/text`, else the
    /// faultstring).
    #[error("the service answered with a SOAP fault: {0}")]
    Fault(String),
}

impl SoapError {
    pub(crate) fn invalid(what: &'static str, reason: impl Into<String>) -> Self {
        SoapError::Invalid {
            what,
            reason: reason.into(),
        }
    }
}

/// Parses an answer; a SOAP fault becomes [`SoapError::Fault`].
pub fn parse_answer(body: &str) -> Result<Document<'_>, SoapError> {
    let document = Document::parse(body).map_err(|e| SoapError::NotXml(e.to_string()))?;
    if let Some(text) = fault_text_of(&document) {
        return Err(SoapError::Fault(text));
    }
    Ok(document)
}

/// The text of a SOAP fault in `body`, if it is one.
pub fn fault_text(body: &str) -> Option<String> {
    Document::parse(body).ok().and_then(|d| fault_text_of(&d))
}

fn fault_text_of(document: &Document<'_>) -> Option<String> {
    let fault = xml::path(document.root_element(), &["Body", "Fault"])?;
    // Lync's own error text first (what pidgin-sipe shows), then SOAP 1.1 and 1.2 reasons.
    let detail = xml::path(fault, &["Detail", "error", "internalerror", "text"])
        .or_else(|| xml::path(fault, &["detail", "error", "internalerror", "text"]))
        .map(xml::text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let reason = xml::child(fault, "faultstring")
        .or_else(|| xml::path(fault, &["Reason", "Text"]))
        .map(xml::text)
        .map(|t| t.trim().to_owned());
    Some(
        detail
            .or(reason)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "no reason given".to_owned()),
    )
}

/// A SOAP 1.1 fault with Lync's `Detail/error/internalerror/text` (`Detail` capitalised:
/// pidgin-sipe looks for exactly that path, and shows its text, so Lync writes it so).
pub fn fault_envelope(code: &str, text: &str) -> String {
    let text = escape(text);
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"{soap}\"><s:Body><s:Fault>\
         <faultcode>s:{code}</faultcode><faultstring xml:lang=\"en-US\">{text}</faultstring>\
         <Detail><error xmlns=\"{ocs}\"><internalerror><text>{text}</text></internalerror></error></Detail>\
         </s:Fault></s:Body></s:Envelope>",
        soap = ns::SOAP,
        ocs = ns::OCS_AUTH,
        code = escape(code),
    )
}

/// What goes in a request's SOAP header: WS-Addressing and the WS-Security token.
#[derive(Debug, Clone)]
pub struct RequestHeader<'a> {
    /// The URL the request goes to.
    pub to: &'a str,
    pub action: &'a str,
    /// A UUID, without the `uuid:` prefix.
    pub message_id: &'a str,
    /// The `wsse:Security` content (already XML).
    pub security: &'a str,
}

/// An envelope with the namespaces pidgin-sipe declares (services match on local names, but
/// tickets signed inside the body refer to these prefixes).
pub fn envelope(header: Option<&RequestHeader<'_>>, body: &str) -> String {
    let header = header
        .map(|h| {
            format!(
                "<soap:Header><wsa:To>{}</wsa:To><wsa:ReplyTo><wsa:Address>{}</wsa:Address></wsa:ReplyTo>\
                 <wsa:MessageID>uuid:{}</wsa:MessageID><wsa:Action>{}</wsa:Action>\
                 <wsse:Security>{}</wsse:Security></soap:Header>",
                escape(h.to),
                ns::ADDRESSING_ANONYMOUS,
                escape(h.message_id),
                escape(h.action),
                h.security
            )
        })
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\"?>\r\n<soap:Envelope xmlns:saml=\"{}\" xmlns:soap=\"{}\" xmlns:wst=\"{}\" \
         xmlns:auth=\"{}\" xmlns:wsa=\"{}\" xmlns:wsp=\"{}\" xmlns:wsse=\"{}\" xmlns:wsu=\"{}\">\
         {header}<soap:Body>{body}</soap:Body></soap:Envelope>",
        ns::SAML,
        ns::SOAP,
        ns::WST,
        ns::AUTH,
        ns::WSA,
        ns::WSP,
        ns::WSSE,
        ns::WSU,
    )
}

/// The text of the first descendant of `node` named `local`.
pub(crate) fn descendant_text(node: Node<'_, '_>, local: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == local)
        .map(xml::text)
        .map(|t| t.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lync_fault_text_is_preferred_and_trimmed() {
        let body = fault_envelope("Sender", "SIP URI mismatch\r\n");
        assert_eq!(fault_text(&body).as_deref(), Some("SIP URI mismatch"));
        let plain = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Bad &amp; wrong</faultstring></s:Fault></s:Body></s:Envelope>"#;
        assert_eq!(fault_text(plain).as_deref(), Some("Bad & wrong"));
        let soap12 = r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text xml:lang="en">ID3242: no</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>"#;
        assert_eq!(fault_text(soap12).as_deref(), Some("ID3242: no"));
        assert_eq!(fault_text("<a/>"), None);
        assert_eq!(fault_text("not xml"), None);
    }

    #[test]
    fn an_envelope_parses_and_carries_its_header() {
        let header = RequestHeader {
            to: "https://pool/CertProv?a=1&b=2",
            action: "urn:act",
            message_id: "1234",
            security: "<wsu:Timestamp wsu:Id=\"timestamp\"/>",
        };
        let text = envelope(Some(&header), "<x/>");
        let document = parse_answer(&text).unwrap();
        let root = document.root_element();
        assert_eq!(
            xml::path(root, &["Header", "To"]).map(xml::text).as_deref(),
            Some("https://pool/CertProv?a=1&b=2")
        );
        assert!(xml::path(root, &["Header", "Security", "Timestamp"]).is_some());
        assert!(xml::path(root, &["Body", "x"]).is_some());
        assert!(matches!(
            parse_answer(&fault_envelope("Sender", "no")),
            Err(SoapError::Fault(text)) if text == "no"
        ));
    }
}

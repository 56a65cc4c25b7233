//! Service metadata (`<service>/mex`, WSDL with WS-Policy): where a service wants its web
//! ticket from, and at which address it takes requests (sipe-facts.md §3.4 steps 1–2).

use crate::xml::{self, Document, Node, escape};

use super::ns;
use super::soap::SoapError;

/// What a service's metadata says about one of its ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceMetadata {
    /// The web ticket service to get the ticket from.
    pub ticket_service: String,
    /// Where requests to the port go (GetAndPublishCert is posted here).
    pub auth_uri: String,
    /// The ticket must be used with a proof-of-possession signature
    /// (`EndorsingSupportingTokens`), not as a bearer token.
    pub proof_required: bool,
}

/// The ports of the web ticket service this client can use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketServicePorts {
    /// HTTP Negotiate / NTLM with the Login's password.
    pub negotiate: Option<String>,
    /// Office 365 federated sign-in (not supported).
    pub fed_bearer: Option<String>,
}

fn element_named<'a, 'i>(
    document: &'a Document<'i>,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    document
        .descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == local)
}

/// The `address/@location` of the WSDL port named `port` (case-insensitive, as Lync varies).
fn port_address(document: &Document<'_>, port: &str) -> Option<String> {
    element_named(document, "port")
        .find(|p| {
            p.attribute("name")
                .is_some_and(|name| name.eq_ignore_ascii_case(port))
        })
        .and_then(|p| xml::child(p, "address"))
        .and_then(|a| a.attribute("location"))
        .map(|location| location.trim().to_owned())
}

/// Reads a service's metadata for `port` (e.g. `CertProvisioningServiceWebTicketProof_SHA1`).
pub fn parse_service_metadata(body: &str, port: &str) -> Result<ServiceMetadata, SoapError> {
    let document = Document::parse(body).map_err(|e| SoapError::NotXml(e.to_string()))?;
    let policy_id = format!("{port}_policy");
    let policy = element_named(&document, "Policy")
        .find(|p| {
            p.attributes()
                .any(|a| a.name() == "Id" && a.value().eq_ignore_ascii_case(&policy_id))
        })
        .ok_or(SoapError::Missing(
            "policy for the certificate provisioning port",
        ))?;
    let issuer = |tokens: &str| {
        xml::path(
            policy,
            &[
                "ExactlyOne",
                "All",
                tokens,
                "Policy",
                "IssuedToken",
                "Issuer",
                "Address",
            ],
        )
        .map(xml::text)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
    };
    let (ticket_service, proof_required) = match issuer("EndorsingSupportingTokens") {
        Some(address) => (address, true),
        None => (
            issuer("SignedSupportingTokens")
                .ok_or(SoapError::Missing("web ticket issuer address"))?,
            false,
        ),
    };
    let auth_uri =
        port_address(&document, port).ok_or(SoapError::Missing("service port address"))?;
    Ok(ServiceMetadata {
        ticket_service,
        auth_uri,
        proof_required,
    })
}

/// Reads the web ticket service's own metadata.
pub fn parse_ticket_service_metadata(body: &str) -> Result<TicketServicePorts, SoapError> {
    let document = Document::parse(body).map_err(|e| SoapError::NotXml(e.to_string()))?;
    let ports = TicketServicePorts {
        negotiate: port_address(&document, super::NEGOTIATE_PORT),
        fed_bearer: port_address(&document, super::FED_BEARER_PORT),
    };
    if ports.negotiate.is_none() && ports.fed_bearer.is_none() {
        return Err(SoapError::Missing("web ticket port"));
    }
    Ok(ports)
}

const WSDL_OPEN: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

/// A service's metadata, as a Lync front end publishes it for certificate provisioning
/// (for the test server).
pub fn service_metadata_document(port: &str, auth_uri: &str, ticket_service: &str) -> String {
    format!(
        "{WSDL_OPEN}<wsdl:definitions xmlns:wsdl=\"{wsdl}\" xmlns:soap=\"{soapb}\" xmlns:wsp=\"{wsp}\" \
         xmlns:wsu=\"{wsu}\" xmlns:sp=\"{sp}\" xmlns:wsa10=\"{wsa}\" name=\"CertProvisioningService\">\
         <wsp:Policy wsu:Id=\"{port}_policy\"><wsp:ExactlyOne><wsp:All>\
         <sp:EndorsingSupportingTokens><wsp:Policy><sp:IssuedToken>\
         <sp:Issuer><wsa10:Address>{issuer}</wsa10:Address></sp:Issuer>\
         </sp:IssuedToken></wsp:Policy></sp:EndorsingSupportingTokens>\
         </wsp:All></wsp:ExactlyOne></wsp:Policy>\
         <wsdl:service name=\"CertProvisioningService\"><wsdl:port name=\"{port}\" binding=\"{port}\">\
         <soap:address location=\"{auth}\"/></wsdl:port></wsdl:service></wsdl:definitions>",
        wsdl = ns::WSDL,
        soapb = ns::WSDL_SOAP,
        wsp = ns::WSP,
        wsu = ns::WSU,
        sp = ns::SECURITY_POLICY,
        wsa = ns::WSA,
        port = escape(port),
        issuer = escape(ticket_service),
        auth = escape(auth_uri),
    )
}

/// The web ticket service's metadata with its Negotiate port (for the test server).
pub fn ticket_service_metadata_document(negotiate_uri: &str) -> String {
    format!(
        "{WSDL_OPEN}<wsdl:definitions xmlns:wsdl=\"{wsdl}\" xmlns:soap=\"{soapb}\" name=\"WebTicketService\">\
         <wsdl:service name=\"WebTicketService\"><wsdl:port name=\"{port}\" binding=\"{port}\">\
         <soap:address location=\"{uri}\"/></wsdl:port></wsdl:service></wsdl:definitions>",
        wsdl = ns::WSDL,
        soapb = ns::WSDL_SOAP,
        port = super::NEGOTIATE_PORT,
        uri = escape(negotiate_uri),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORT: &str = "CertProvisioningServiceWebTicketProof_SHA1";

    #[test]
    fn our_documents_read_back() {
        let service = service_metadata_document(
            PORT,
            "https://pool/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1",
            "https://pool/WebTicket/WebTicketService.svc",
        );
        assert_eq!(
            parse_service_metadata(&service, PORT).unwrap(),
            ServiceMetadata {
                ticket_service: "https://pool/WebTicket/WebTicketService.svc".into(),
                auth_uri: "https://pool/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1"
                    .into(),
                proof_required: true,
            }
        );
        let tickets =
            ticket_service_metadata_document("https://pool/WebTicket/WebTicketService.svc/Auth");
        assert_eq!(
            parse_ticket_service_metadata(&tickets)
                .unwrap()
                .negotiate
                .as_deref(),
            Some("https://pool/WebTicket/WebTicketService.svc/Auth")
        );
    }

    #[test]
    fn bearer_policies_and_missing_parts() {
        let bearer = r#"<definitions><Policy Id="P_policy"><ExactlyOne><All><SignedSupportingTokens><Policy><IssuedToken><Issuer><Address> https://t/ </Address></Issuer></IssuedToken></Policy></SignedSupportingTokens></All></ExactlyOne></Policy><service><port name="p"><address location="https://a/"/></port></service></definitions>"#;
        let metadata = parse_service_metadata(bearer, "P").unwrap();
        assert_eq!(metadata.ticket_service, "https://t/");
        assert!(!metadata.proof_required);
        assert_eq!(
            parse_service_metadata(bearer, "Other"),
            Err(SoapError::Missing(
                "policy for the certificate provisioning port"
            ))
        );
        assert!(matches!(
            parse_service_metadata("<<", "P"),
            Err(SoapError::NotXml(_))
        ));
        assert_eq!(
            parse_ticket_service_metadata("<definitions/>"),
            Err(SoapError::Missing("web ticket port"))
        );
        let fed = r#"<definitions><service><port name="WsFedBearer"><address location="https://f/"/></port></service></definitions>"#;
        let ports = parse_ticket_service_metadata(fed).unwrap();
        assert_eq!(ports.negotiate, None);
        assert_eq!(ports.fed_bearer.as_deref(), Some("https://f/"));
    }
}

//! Web tickets and certificate provisioning ([MS-OCAUTHWS]) as SOAP text, both directions:
//! what the plugin sends and reads, and what the test server reads and answers.
//!
//! TLS-DSK needs a client certificate, and the certificate provisioning service wants a web
//! ticket first (sipe-facts.md §3.4):
//! 1. [`parse_service_metadata`]: the service's mex names its ticket issuer and its address.
//! 2. [`parse_ticket_service_metadata`]: the issuer's mex names its Negotiate (NTLM) port.
//! 3. [`TicketRequest`] → [`parse_ticket_response`]: the ticket claims the SIP address; the
//!    HTTP request is authenticated with the Login.
//! 4. [`security_header`] presents the ticket, signed with the proof key; then
//!    [`CertificateRequestSoap`] → [`parse_certificate_response`].
//!
//! Pure text in, text out. Tickets, entropies, proof keys and signatures are secrets:
//! `Debug` hides them and [`crate::redact`] removes them from logged XML.

mod c14n;
mod certprov;
mod mex;
pub mod pkcs7;
mod proof;
mod rst;
mod soap;
pub(crate) mod time;

pub use c14n::{canonicalize, canonicalize_element};
pub use certprov::{
    CertificateRequestSoap, ReceivedCertificateRequest, certificate_response,
    parse_certificate_request, parse_certificate_response,
};
pub use mex::{
    ServiceMetadata, TicketServicePorts, parse_service_metadata, parse_ticket_service_metadata,
    service_metadata_document, ticket_service_metadata_document,
};
pub use proof::{
    PresentedTicket, ProofError, p_sha1, security_header, timestamp_element,
    verify_presented_ticket,
};
pub use rst::{
    IssuedTicket, ReceivedTicketRequest, TicketGrant, TicketRequest, parse_ticket_request,
    parse_ticket_response,
};
pub use soap::{RequestHeader, SoapError, envelope, fault_envelope, fault_text, parse_answer};
pub use time::{format_datetime, parse_datetime};

/// The certificate provisioning port whose ticket needs a SHA-1 proof signature.
pub const CERT_PROVISIONING_PORT: &str = "CertProvisioningServiceWebTicketProof_SHA1";
/// The web ticket service's port for Windows (Negotiate/NTLM) authentication.
pub const NEGOTIATE_PORT: &str = "WebTicketServiceWinNegotiate";
/// Its port for Office 365 federated tokens.
pub const FED_BEARER_PORT: &str = "WsFedBearer";
/// SOAPAction of a ticket request.
pub const ISSUE_ACTION: &str = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue";
/// SOAPAction of GetAndPublishCert.
pub const GET_AND_PUBLISH_CERT_ACTION: &str =
    "http://schemas.microsoft.com/OCS/AuthWebServices/GetAndPublishCert";
/// Content-Type of the SOAP 1.1 requests.
pub const SOAP_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// Namespace and URI constants of the documents.
pub mod ns {
    pub const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    pub const WSA: &str = "http://www.w3.org/2005/08/addressing";
    pub const ADDRESSING_ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";
    pub const WSSE: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    pub const WSU: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    pub const WST: &str = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
    pub const AUTH: &str = "http://schemas.xmlsoap.org/ws/2006/12/authorization";
    pub const WSP: &str = "http://schemas.xmlsoap.org/ws/2004/09/policy";
    pub const SECURITY_POLICY: &str = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
    pub const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
    pub const WSDL_SOAP: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
    pub const SAML: &str = "urn:oasis:names:tc:SAML:1.0:assertion";
    pub const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
    pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
    pub const HMAC_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";
    pub const DIGEST_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
    pub const TOKEN_SAML11: &str =
        "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV1.1";
    pub const SAML_ASSERTION_ID: &str =
        "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.0#SAMLAssertionID";
    /// The 2005 Issue URI, which Lync expects even in a 200512 request.
    pub const REQUEST_ISSUE_2005: &str = "http://schemas.xmlsoap.org/ws/2005/02/trust/Issue";
    pub const REQUEST_ISSUE_200512: &str = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue";
    pub const KEY_SYMMETRIC: &str = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/SymmetricKey";
    pub const COMPUTED_KEY_PSHA1: &str =
        "http://docs.oasis-open.org/ws-sx/ws-trust/200512/CK/PSHA1";
    pub const NONCE: &str = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Nonce";
    pub const CLAIMS_DIALECT: &str =
        "urn:component:Microsoft.Rtc.WebAuthentication.2010:authclaims";
    pub const CLAIM_URI: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/uri";
    pub const OCS_AUTH: &str = "http://schemas.microsoft.com/OCS/AuthWebServices/";
    pub const WSTEP: &str = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";
    pub const TOKEN_X509: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    pub const PKCS10: &str = "http://schemas.microsoft.com/OCS/AuthWebServices.xsd#PKCS10";
    pub const BASE64_BINARY: &str = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd#Base64Binary";
}

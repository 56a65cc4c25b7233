//! GetAndPublishCert: asking the certificate provisioning service for the TLS-DSK client
//! certificate, with a web ticket and a PKCS#10 request (sipe-facts.md §3.4 step 4).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::xml::{self, Document, escape};

use super::ns;
use super::soap::{self, RequestHeader, SoapError, descendant_text};

/// A GetAndPublishCert request.
#[derive(Debug, Clone)]
pub struct CertificateRequestSoap<'a> {
    /// The service's auth URI (from its metadata); also the request's `wsa:To`.
    pub auth_uri: &'a str,
    /// The `wsse:Security` content made from the web ticket.
    pub security: &'a str,
    /// The endpoint's instance UUID (without braces).
    pub device_id: &'a str,
    /// `user@domain`: the SIP address the certificate is for.
    pub entity: &'a str,
    /// The PKCS#10 request, base64 in 76-character lines (nothing else: it is not escaped).
    pub csr_base64: &'a str,
    /// Random UUIDs naming the enrolment and the message.
    pub request_id: &'a str,
    pub message_id: &'a str,
}

impl CertificateRequestSoap<'_> {
    pub fn to_soap(&self) -> String {
        let body = format!(
            "<GetAndPublishCert xmlns=\"{ocs}\" xmlns:wst=\"{wst}/\" xmlns:wstep=\"{wstep}\" \
             DeviceId=\"{{{device}}}\" Entity=\"{entity}\"><wst:RequestSecurityToken>\
             <wst:TokenType>{x509}</wst:TokenType><wst:RequestType>{issue}</wst:RequestType>\
             <wsse:BinarySecurityToken ValueType=\"{pkcs10}\" EncodingType=\"{base64}\">\r\n{csr}</wsse:BinarySecurityToken>\
             <wstep:RequestID>{request_id}</wstep:RequestID></wst:RequestSecurityToken></GetAndPublishCert>",
            ocs = ns::OCS_AUTH,
            wst = ns::WST,
            wstep = ns::WSTEP,
            device = escape(self.device_id),
            entity = escape(self.entity),
            x509 = ns::TOKEN_X509,
            issue = ns::REQUEST_ISSUE_200512,
            pkcs10 = ns::PKCS10,
            base64 = ns::BASE64_BINARY,
            // Base64 and CRLF need no escaping; pidgin-sipe sends the CRLFs as they are.
            csr = self.csr_base64,
            request_id = escape(self.request_id),
        );
        let header = RequestHeader {
            to: self.auth_uri,
            action: super::GET_AND_PUBLISH_CERT_ACTION,
            message_id: self.message_id,
            security: self.security,
        };
        soap::envelope(Some(&header), &body)
    }
}

/// The DER certificate from a GetAndPublishCert response.
pub fn parse_certificate_response(body: &str) -> Result<Vec<u8>, SoapError> {
    let document = soap::parse_answer(body)?;
    let token = xml::path(
        document.root_element(),
        &[
            "Body",
            "GetAndPublishCertResponse",
            "RequestSecurityTokenResponse",
            "RequestedSecurityToken",
            "BinarySecurityToken",
        ],
    )
    .ok_or(SoapError::Missing("certificate (BinarySecurityToken)"))?;
    let text: String = xml::text(token).split_whitespace().collect();
    let der = BASE64
        .decode(text)
        .map_err(|e| SoapError::invalid("certificate", e.to_string()))?;
    if der.is_empty() {
        return Err(SoapError::Missing("certificate (BinarySecurityToken)"));
    }
    Ok(der)
}

/// A GetAndPublishCert request as the service receives it (for the test server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedCertificateRequest {
    pub entity: String,
    pub device_id: String,
    pub csr_der: Vec<u8>,
}

/// Reads a GetAndPublishCert request (for the test server).
pub fn parse_certificate_request(body: &str) -> Result<ReceivedCertificateRequest, SoapError> {
    let document = Document::parse(body).map_err(|e| SoapError::NotXml(e.to_string()))?;
    let request = xml::path(document.root_element(), &["Body", "GetAndPublishCert"])
        .ok_or(SoapError::Missing("GetAndPublishCert"))?;
    let token = descendant_text(request, "BinarySecurityToken").ok_or(SoapError::Missing(
        "certificate request (BinarySecurityToken)",
    ))?;
    let compact: String = token.split_whitespace().collect();
    let csr_der = BASE64
        .decode(compact)
        .map_err(|e| SoapError::invalid("certificate request", e.to_string()))?;
    Ok(ReceivedCertificateRequest {
        entity: request.attribute("Entity").unwrap_or_default().to_owned(),
        device_id: request.attribute("DeviceId").unwrap_or_default().to_owned(),
        csr_der,
    })
}

/// A GetAndPublishCert response carrying `certificate_der` (for the test server).
pub fn certificate_response(certificate_der: &[u8]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"{soap}\"><s:Body>\
         <GetAndPublishCertResponse xmlns=\"{ocs}\"><RequestSecurityTokenResponse xmlns=\"{wst}\">\
         <TokenType>{x509}</TokenType><RequestedSecurityToken>\
         <BinarySecurityToken xmlns=\"{wsse}\" ValueType=\"{x509}\" EncodingType=\"{base64}\">{cert}</BinarySecurityToken>\
         </RequestedSecurityToken></RequestSecurityTokenResponse></GetAndPublishCertResponse>\
         </s:Body></s:Envelope>",
        soap = ns::SOAP,
        ocs = ns::OCS_AUTH,
        wst = ns::WST,
        wsse = ns::WSSE,
        x509 = ns::TOKEN_X509,
        base64 = ns::BASE64_BINARY,
        cert = BASE64.encode(certificate_der),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_response_round_trip() {
        let csr = BASE64.encode([0x30u8, 0x82, 1, 2, 3]);
        let request = CertificateRequestSoap {
            auth_uri: "https://pool/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1",
            security: "<wsu:Timestamp wsu:Id=\"timestamp\"/>",
            device_id: "01234567-89ab-cdef-0123-456789abcdef",
            entity: "alice@contoso.test",
            csr_base64: &csr,
            request_id: "r-1",
            message_id: "m-1",
        };
        let received = parse_certificate_request(&request.to_soap()).unwrap();
        assert_eq!(received.entity, "alice@contoso.test");
        assert_eq!(received.device_id, "{01234567-89ab-cdef-0123-456789abcdef}");
        assert_eq!(received.csr_der, [0x30, 0x82, 1, 2, 3]);

        let response = certificate_response(&[0x30, 0x03, 2, 1, 5]);
        assert_eq!(
            parse_certificate_response(&response).unwrap(),
            [0x30, 0x03, 2, 1, 5]
        );
    }

    #[test]
    fn faults_and_empty_answers_are_errors() {
        let fault = soap::fault_envelope("Sender", "The ticket has expired");
        assert_eq!(
            parse_certificate_response(&fault),
            Err(SoapError::Fault("The ticket has expired".into()))
        );
        assert!(matches!(
            parse_certificate_response("<Envelope><Body/></Envelope>"),
            Err(SoapError::Missing(_))
        ));
        let wrapped = certificate_response(&[1, 2, 3]).replace("AQID", "AQ\r\n ID");
        assert_eq!(parse_certificate_response(&wrapped).unwrap(), [1, 2, 3]);
    }
}

//! The web services TLS-DSK needs, as a Lync front end serves them (MS-OCAUTHWS): service
//! metadata, the web ticket service (WS-Trust, HTTP NTLM) and certificate provisioning
//! (GetAndPublishCert, signed by the server's CA).
//!
//! The ticket service checks what Office 365 checks: the claimed SIP URI must be the SIP
//! address of the login that authenticated, else the fault "SIP URI mismatch". Its faults go
//! out with HTTP 200: pidgin-sipe reads a fault's text only from a 200, and the report this
//! project started from shows that text reaching it, so Lync Online must answer that way.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use openssl::x509::X509Req;
use purple_lync::auth::ntlm::{AvId, TargetInfo};
use purple_lync::engine::ids::new_uuid;
use purple_lync::engine::random::{SeededRandom, random_array};
use purple_lync::http::{
    AuthorizeOutcome, HttpNtlmServer, HttpNtlmServerConfig, ServerRequest, ServerResponse,
};
use purple_lync::webticket::{
    CERT_PROVISIONING_PORT, TicketGrant, certificate_response, fault_envelope, p_sha1,
    parse_certificate_request, parse_ticket_request, service_metadata_document,
    ticket_service_metadata_document, verify_presented_ticket,
};
use zeroize::Zeroizing;

use crate::authority::Authority;
use crate::core::Core;
use crate::net::log;

pub const CERT_PROVISIONING_PATH: &str = "/CertProv/CertProvisioningService.svc";
const CERT_PROVISIONING_AUTH_PATH: &str =
    "/CertProv/CertProvisioningService.svc/WebTicket_Proof_SHA1";
const TICKET_SERVICE_PATH: &str = "/WebTicket/WebTicketService.svc";
const TICKET_SERVICE_AUTH_PATH: &str = "/WebTicket/WebTicketService.svc/WinNegotiate";
/// Web tickets last 8 hours on Lync.
const TICKET_LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);
const XML: &str = "text/xml; charset=utf-8";

/// The web services' state: the CA, and the tickets issued.
#[derive(Debug, Default)]
pub struct WebState {
    /// Without it (no certificates loaded) TLS-DSK is not available.
    pub authority: Option<Authority>,
    tickets: HashMap<String, Ticket>,
}

#[derive(Debug)]
struct Ticket {
    /// The authenticated user's `sip:` URI.
    user_uri: String,
    proof_key: Zeroizing<Vec<u8>>,
    expires: SystemTime,
}

fn xml_response(body: String) -> ServerResponse {
    ServerResponse::new(200).with_body(XML, body)
}

fn fault(status: u16, text: &str) -> ServerResponse {
    ServerResponse::new(status).with_body(XML, fault_envelope("Client", text))
}

impl Core {
    /// NTLM state for one HTTP connection (NTLM authenticates connections, not requests).
    pub fn new_http_auth(&self) -> HttpNtlmServer {
        let (netbios, info) = self.ntlm_target();
        HttpNtlmServer::new(HttpNtlmServerConfig::new(&netbios, info))
    }

    /// The NetBIOS domain name and the target info this server's NTLM challenges carry,
    /// for SIP and HTTP alike.
    pub(crate) fn ntlm_target(&self) -> (String, TargetInfo) {
        let netbios = self.config.netbios_domain();
        let info = TargetInfo::new()
            .with_name(AvId::NB_DOMAIN_NAME, &netbios)
            .with_name(AvId::NB_COMPUTER_NAME, "LYNCFE")
            .with_name(AvId::DNS_DOMAIN_NAME, &self.config.domain)
            .with_name(AvId::DNS_COMPUTER_NAME, &self.server_name);
        (netbios, info)
    }

    /// Answers one request to the web services (not `/counters`).
    pub fn handle_web(
        &mut self,
        request: &ServerRequest,
        http_auth: &mut HttpNtlmServer,
        now: SystemTime,
    ) -> ServerResponse {
        self.counters.https_requests += 1;
        let path = request.path().trim_end_matches('/').to_ascii_lowercase();
        let is = |wanted: &str| path == wanted.to_ascii_lowercase();
        let mex = |base: &str| path == format!("{base}/mex").to_ascii_lowercase();
        match request.method.as_str() {
            "GET" if mex(CERT_PROVISIONING_PATH) => xml_response(service_metadata_document(
                CERT_PROVISIONING_PORT,
                &format!("{}{CERT_PROVISIONING_AUTH_PATH}", self.web_base),
                &format!("{}{TICKET_SERVICE_PATH}", self.web_base),
            )),
            "GET" if mex(TICKET_SERVICE_PATH) => xml_response(ticket_service_metadata_document(
                &format!("{}{TICKET_SERVICE_AUTH_PATH}", self.web_base),
            )),
            "POST" if is(TICKET_SERVICE_AUTH_PATH) => self.issue_ticket(request, http_auth, now),
            "POST" if is(CERT_PROVISIONING_AUTH_PATH) => self.provision_certificate(request, now),
            _ => ServerResponse::new(404).with_body("text/plain", "Not Found\n"),
        }
    }

    /// The web ticket service: a ticket for the authenticated login, if it claims that
    /// login's SIP address.
    fn issue_ticket(
        &mut self,
        request: &ServerRequest,
        http_auth: &mut HttpNtlmServer,
        now: SystemTime,
    ) -> ServerResponse {
        let since_epoch = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let filetime = purple_lync::auth::ntlm::filetime_from_unix(
            since_epoch.as_secs(),
            since_epoch.subsec_nanos(),
        );
        // The NTLM challenge's randomness, drawn first: the password lookup borrows `self`.
        let mut challenge_random =
            SeededRandom::new(u64::from_le_bytes(random_array(&mut *self.random)));
        let outcome =
            http_auth.authorize(request, &mut challenge_random, filetime, |user, domain| {
                self.password_for_login(user, domain)
            });
        let user = match outcome {
            AuthorizeOutcome::Authorized(user) => user,
            AuthorizeOutcome::Respond(response) => {
                // A CHALLENGE has no body; a refusal says why in it.
                if request.header("Authorization").is_some() && !response.body.is_empty() {
                    self.counters.auth_failures += 1;
                    log!(
                        "web ticket: HTTP authentication refused: {}",
                        String::from_utf8_lossy(&response.body)
                    );
                }
                return response;
            }
        };
        let Some(account) = self.account_for_login(&user.user, &user.domain).cloned() else {
            return fault(403, "The authenticated user has no SIP address");
        };
        let claim = match parse_ticket_request(&request.body_text()) {
            Ok(claim) => claim,
            Err(e) => return fault(400, &format!("Invalid RequestSecurityToken: {e}")),
        };
        let login = if user.domain.is_empty() {
            user.user.clone()
        } else {
            format!("{}\\{}", user.domain, user.user)
        };
        if !claim.claimed_uri.eq_ignore_ascii_case(&account.uri) {
            self.counters.web_ticket_refusals += 1;
            log!(
                "web ticket: refused {} for login {login}, whose SIP address is {}: SIP URI mismatch",
                claim.claimed_uri,
                account.uri
            );
            return fault(200, "SIP URI mismatch");
        }
        let server_entropy: [u8; 32] = random_array(&mut *self.random);
        let assertion_id = format!("uuid-{}", new_uuid(&mut *self.random));
        let grant = TicketGrant {
            assertion_id: &assertion_id,
            issuer: &format!("{}{TICKET_SERVICE_PATH}", self.web_base),
            subject_uri: &account.uri,
            applies_to: &claim.applies_to,
            created: now,
            expires: now + TICKET_LIFETIME,
        };
        let body = grant.response(&grant.assertion(), &server_entropy);
        let proof_key = p_sha1(
            &claim.client_entropy,
            &server_entropy,
            claim.client_entropy.len(),
        );
        self.web.tickets.retain(|_, t| t.expires > now);
        self.web.tickets.insert(
            assertion_id,
            Ticket {
                user_uri: account.uri.clone(),
                proof_key,
                expires: now + TICKET_LIFETIME,
            },
        );
        self.counters.web_tickets += 1;
        log!("web ticket: issued for {} (login {login})", account.uri);
        xml_response(body)
    }

    /// GetAndPublishCert: a certificate for the ticket's user, from their PKCS#10 request.
    fn provision_certificate(
        &mut self,
        request: &ServerRequest,
        now: SystemTime,
    ) -> ServerResponse {
        let body = request.body_text();
        let tickets = &self.web.tickets;
        let presented = verify_presented_ticket(&body, |id| {
            tickets
                .get(id)
                .filter(|t| t.expires > now)
                .map(|t| t.proof_key.clone())
        });
        let presented = match presented {
            Ok(presented) => presented,
            Err(e) => {
                log!("certificate provisioning: {e}");
                return fault(500, &format!("Web ticket rejected: {e}"));
            }
        };
        let Some(user_uri) = self
            .web
            .tickets
            .get(&presented.assertion_id)
            .map(|t| t.user_uri.clone())
        else {
            return fault(500, "Web ticket rejected");
        };
        let address = user_uri.trim_start_matches("sip:").to_owned();
        let parsed = match parse_certificate_request(&body) {
            Ok(parsed) => parsed,
            Err(e) => return fault(400, &format!("Invalid GetAndPublishCert: {e}")),
        };
        let entity = parsed.entity.trim_start_matches("sip:");
        if !entity.eq_ignore_ascii_case(&address) {
            return fault(
                500,
                &format!("Entity {entity} does not match the web ticket's user"),
            );
        }
        match self.sign_request(&parsed.csr_der, &address, now) {
            Ok(der) => {
                self.counters.certificates_issued += 1;
                log!("certificate provisioning: issued a certificate for {address}");
                xml_response(certificate_response(&der))
            }
            Err(text) => {
                log!("certificate provisioning: refused for {address}: {text}");
                fault(500, &text)
            }
        }
    }

    /// Checks a PKCS#10 request (self-signature, subject, hash) and signs it with the CA.
    fn sign_request(
        &self,
        csr_der: &[u8],
        address: &str,
        now: SystemTime,
    ) -> Result<Vec<u8>, String> {
        let authority = self
            .web
            .authority
            .as_ref()
            .ok_or_else(|| "This server has no certificate authority".to_owned())?;
        let csr = X509Req::from_der(csr_der)
            .map_err(|e| format!("Unreadable certificate request: {e}"))?;
        let key = csr
            .public_key()
            .map_err(|e| format!("Unreadable public key: {e}"))?;
        if !csr.verify(&key).unwrap_or(false) {
            return Err("The certificate request's signature does not verify".to_owned());
        }
        let text = String::from_utf8_lossy(&csr.to_text().unwrap_or_default()).into_owned();
        let hash = if text.contains("sha256WithRSAEncryption") {
            "sha256"
        } else if text.contains("sha1WithRSAEncryption") {
            "sha1"
        } else {
            "other"
        };
        if !self.config.auth.csr_hashes.iter().any(|h| h == hash) {
            return Err(format!(
                "The certificate request must be signed with SHA-256; {hash} is not accepted"
            ));
        }
        let subject = csr
            .subject_name()
            .entries_by_nid(openssl::nid::Nid::COMMONNAME)
            .next()
            .and_then(|e| e.data().to_string().ok())
            .unwrap_or_default();
        if !subject.eq_ignore_ascii_case(address) {
            return Err(format!(
                "The certificate request is for {subject:?}, not the ticket's user {address}"
            ));
        }
        let valid_for = Duration::from_secs(self.config.auth.client_certificate_hours * 3600);
        let certificate = authority
            .issue_client_certificate(&csr, address, now, valid_for)
            .map_err(|e| format!("Could not issue the certificate: {e}"))?;
        let encoded = if self.config.auth.certificate_format == "pkcs7" {
            authority.chain_pkcs7(&certificate)
        } else {
            certificate.to_der()
        };
        encoded.map_err(|e| format!("Could not encode the certificate: {e}"))
    }
}

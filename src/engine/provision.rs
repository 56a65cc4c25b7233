//! Certificate provisioning for TLS-DSK (sipe-facts.md §3.4): the provisioning service's
//! metadata → the web ticket service's metadata → a web ticket (HTTP NTLM with the Login;
//! the ticket claims the SIP address) → GetAndPublishCert with a fresh RSA-2048 key and a
//! PKCS#10 request → the certificate, which the TLS-DSK handshake then uses.

use std::fmt;

use rsa::PrivateKey;
use zeroize::Zeroizing;

use super::certificate::ProvisionedCertificate;
use super::events::{Event, LogLevel, Progress};
use super::ids;
use super::random::random_array;
use super::security::Challenge;
use super::session::Session;
use super::web::{WebPurpose, WebUrlError, web_service_url};
use crate::auth::csr::{CertificateRequest, CsrHash, generate_key};
use crate::auth::ntlm::Password;
use crate::error::{ConnectionError, ErrorClass};
use crate::http::{HttpCredentials, HttpError, Request, Response, Url};
use crate::settings::credentials_refused;
use crate::webticket::{
    self, CERT_PROVISIONING_PORT, CertificateRequestSoap, ServiceMetadata, SoapError, TicketRequest,
};

/// Which request of certificate provisioning an answer belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ProvisioningStep {
    ServiceMetadata,
    TicketMetadata,
    Ticket,
    Certificate,
}

/// Certificate provisioning under way.
pub(super) struct Provisioning {
    /// The provisioning service (the 401's `sts-uri`).
    sts_uri: String,
    /// The TLS-DSK challenge the handshake answers once the certificate is here.
    pub challenge: Challenge,
    metadata: Option<ServiceMetadata>,
    client_entropy: Zeroizing<[u8; 32]>,
    hash: CsrHash,
    /// The key of the certificate requested (kept for a retry with another hash).
    key: Option<PrivateKey>,
    /// The ticket as a `wsse:Security` header.
    security: Option<Zeroizing<String>>,
    /// The URL of the request in flight (for messages).
    url: String,
}

impl fmt::Debug for Provisioning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provisioning")
            .field("sts_uri", &self.sts_uri)
            .field("metadata", &self.metadata)
            .field("hash", &self.hash)
            .finish_non_exhaustive()
    }
}

/// Why TLS-DSK could not be set up: the error to show, and whether "Auto" may try NTLM
/// instead (it may not when the user's settings or password are the problem).
#[derive(Debug)]
pub(super) struct TlsDskFailure {
    pub error: ConnectionError,
    pub may_fall_back: bool,
}

impl TlsDskFailure {
    pub fn fatal(class: ErrorClass, text: String) -> Self {
        TlsDskFailure {
            error: ConnectionError::new(class, text),
            may_fall_back: false,
        }
    }

    pub fn recoverable(class: ErrorClass, text: String) -> Self {
        TlsDskFailure {
            error: ConnectionError::new(class, text),
            may_fall_back: true,
        }
    }
}

/// The host of a URL, for sentences.
fn host_of(url: &str) -> String {
    Url::parse(url).map_or_else(|_| url.to_owned(), |u| u.host().to_owned())
}

fn unavailable(url: &str, reason: impl fmt::Display) -> TlsDskFailure {
    TlsDskFailure::recoverable(
        ErrorClass::Network,
        format!("Could not get a TLS-DSK certificate: {url} {reason}."),
    )
}

/// A web service address we do not use. Plain http:// is refused for good: the password
/// (HTTP NTLM) and the web ticket would travel unencrypted, and a server that names one is
/// misconfigured or an impostor, so retrying (a network error) or falling back would not
/// help the user; they are told what was refused and whom to tell.
fn refused_address(who: &str, what: &str, error: WebUrlError) -> TlsDskFailure {
    match error {
        WebUrlError::Unusable(e) => unavailable(&e.url, format!("is not a usable address ({e})")),
        WebUrlError::NotHttps(url) => insecure(format!("{who} named {url} as its {what}")),
    }
}

fn insecure(what_happened: String) -> TlsDskFailure {
    TlsDskFailure::fatal(
        ErrorClass::Other,
        format!(
            "{what_happened}. purple-lync uses web services only over HTTPS, because your password \
             and web ticket go there, so it did not connect. The server is misconfigured or the \
             connection is being tampered with: tell your administrator. Until it is fixed, \
             choosing NTLM as Authentication scheme in the Advanced tab signs in without these \
             web services."
        ),
    )
}

/// A GetAndPublishCert fault that asks for another signature hash than SHA-1.
fn asks_for_sha256(fault: &str) -> bool {
    let fault = fault.to_ascii_lowercase();
    fault.contains("sha-256")
        || fault.contains("sha256")
        || fault.contains("sha-1")
        || fault.contains("sha1")
}

impl Session {
    /// Starts provisioning a certificate from `sts_uri`; the handshake answering
    /// `challenge` begins when it arrives.
    pub(super) fn start_provisioning(&mut self, challenge: Challenge, sts_uri: String) {
        let who = format!("The server {}", self.server_name());
        let what = "certificate provisioning service (sts-uri)";
        if let Err(e) = web_service_url(&sts_uri) {
            return self.tls_dsk_failed(refused_address(&who, what, e));
        }
        let host = host_of(&sts_uri);
        self.event(Event::Progress(Progress::GettingWebTicket(host)));
        self.log(
            LogLevel::Info,
            format!("TLS-DSK: no usable certificate; provisioning one from {sts_uri}"),
        );
        let mex = format!("{}/mex", sts_uri.trim_end_matches('/'));
        self.tls_dsk.provisioning = Some(Provisioning {
            sts_uri,
            challenge,
            metadata: None,
            client_entropy: Zeroizing::new(random_array(&mut *self.random)),
            hash: CsrHash::Sha1,
            key: None,
            security: None,
            url: String::new(),
        });
        self.provisioning_get(&mex, ProvisioningStep::ServiceMetadata, &who, what);
    }

    /// GETs `url`, which `who` named as its `what`.
    fn provisioning_get(&mut self, url: &str, step: ProvisioningStep, who: &str, what: &str) {
        self.note_provisioning_url(url);
        match web_service_url(url) {
            Ok(parsed) => self.web_request(Request::get(parsed), WebPurpose::Provisioning(step)),
            Err(e) => self.provisioning_failed(refused_address(who, what, e)),
        }
    }

    fn note_provisioning_url(&mut self, url: &str) {
        if let Some(p) = self.tls_dsk.provisioning.as_mut() {
            p.url = url.to_owned();
        }
    }

    pub(super) fn on_provisioning_response(
        &mut self,
        step: ProvisioningStep,
        result: Result<Response, HttpError>,
    ) {
        let Some(url) = self.tls_dsk.provisioning.as_ref().map(|p| p.url.clone()) else {
            return;
        };
        let outcome = match step {
            ProvisioningStep::ServiceMetadata => self.on_service_metadata(&url, result),
            ProvisioningStep::TicketMetadata => self.on_ticket_metadata(&url, result),
            ProvisioningStep::Ticket => self.on_ticket(&url, result),
            ProvisioningStep::Certificate => self.on_certificate(&url, result),
        };
        if let Err(failure) = outcome {
            self.provisioning_failed(failure);
        }
    }

    fn provisioning_failed(&mut self, failure: TlsDskFailure) {
        self.tls_dsk.provisioning = None;
        self.tls_dsk_failed(failure);
    }

    fn on_service_metadata(
        &mut self,
        url: &str,
        result: Result<Response, HttpError>,
    ) -> Result<(), TlsDskFailure> {
        let body = success_body(url, result)?;
        let metadata =
            webticket::parse_service_metadata(&body, CERT_PROVISIONING_PORT).map_err(|e| {
                unavailable(
                    url,
                    format!("did not describe certificate provisioning ({e})"),
                )
            })?;
        self.log(
            LogLevel::Info,
            format!(
                "TLS-DSK: tickets from {}, certificates at {}{}",
                metadata.ticket_service,
                metadata.auth_uri,
                if metadata.proof_required {
                    " (proof key)"
                } else {
                    ""
                }
            ),
        );
        let mex = format!("{}/mex", metadata.ticket_service.trim_end_matches('/'));
        if let Some(p) = self.tls_dsk.provisioning.as_mut() {
            p.metadata = Some(metadata);
        }
        let who = format!("The certificate provisioning service at {}", host_of(url));
        self.provisioning_get(
            &mex,
            ProvisioningStep::TicketMetadata,
            &who,
            "web ticket service",
        );
        Ok(())
    }

    fn on_ticket_metadata(
        &mut self,
        url: &str,
        result: Result<Response, HttpError>,
    ) -> Result<(), TlsDskFailure> {
        let body = success_body(url, result)?;
        let ports = webticket::parse_ticket_service_metadata(&body).map_err(|e| {
            unavailable(
                url,
                format!("did not describe the web ticket service ({e})"),
            )
        })?;
        let Some(negotiate) = ports.negotiate else {
            return Err(TlsDskFailure::recoverable(
                ErrorClass::AuthenticationImpossible,
                format!(
                    "The web ticket service at {} offers only Office 365 federated sign-in, which \
                     this version of purple-lync does not support. Choose NTLM as Authentication \
                     scheme in the Advanced tab.",
                    host_of(url)
                ),
            ));
        };
        self.note_provisioning_url(&negotiate);
        let Some(p) = self.tls_dsk.provisioning.as_ref() else {
            return Ok(());
        };
        let applies_to = p
            .metadata
            .as_ref()
            .map(|m| m.auth_uri.clone())
            .unwrap_or_default();
        let entropy = p.client_entropy.clone();
        let purpose = WebPurpose::Provisioning(ProvisioningStep::Ticket);
        self.request_ticket(&negotiate, &applies_to, &entropy[..], purpose)
            .map_err(|e| {
                let who = format!("The web ticket service at {}", host_of(url));
                refused_address(&who, "ticket address (Negotiate port)", e)
            })
    }

    /// Posts a ticket request to the web ticket service's Negotiate port, authenticated as
    /// the Login and claiming the SIP address.
    pub(super) fn request_ticket(
        &mut self,
        negotiate_uri: &str,
        applies_to: &str,
        client_entropy: &[u8],
        purpose: WebPurpose,
    ) -> Result<(), WebUrlError> {
        let url = web_service_url(negotiate_uri)?;
        let settings = &self.config.settings;
        let sip_uri = settings.sip_address.uri();
        let login = settings.login.to_string();
        let password = Password::new(
            settings
                .password
                .as_ref()
                .map(|p| p.expose())
                .unwrap_or_default(),
        );
        let context = ids::new_uuid(&mut *self.random);
        let body = TicketRequest {
            context: &context,
            applies_to,
            sip_uri: &sip_uri,
            client_entropy,
        }
        .to_soap();
        self.log(
            LogLevel::Info,
            format!("web ticket: asking {negotiate_uri} for {sip_uri} as login {login}"),
        );
        let request = Request::post(url, webticket::SOAP_CONTENT_TYPE, body)
            .with_header("SOAPAction", &format!("\"{}\"", webticket::ISSUE_ACTION))
            .with_credentials(HttpCredentials::from_login(&login, password));
        self.web_request(request, purpose);
        Ok(())
    }

    fn on_ticket(
        &mut self,
        url: &str,
        result: Result<Response, HttpError>,
    ) -> Result<(), TlsDskFailure> {
        let body = self.soap_body(url, result)?;
        let ticket = webticket::parse_ticket_response(&body).map_err(|e| match e {
            SoapError::Fault(fault) => self.ticket_refused(url, &fault),
            other => unavailable(url, format!("gave no usable web ticket ({other})")),
        })?;
        self.log(
            LogLevel::Info,
            format!(
                "web ticket {} valid until {}",
                ticket.assertion_id, ticket.expires
            ),
        );
        let Some(p) = self.tls_dsk.provisioning.as_mut() else {
            return Ok(());
        };
        let proof = p.metadata.as_ref().is_some_and(|m| m.proof_required);
        let entropy = proof.then(|| p.client_entropy.to_vec());
        let security = webticket::security_header(&ticket, entropy.as_deref())
            .map_err(|e| unavailable(url, format!("gave a web ticket we cannot use ({e})")))?;
        p.security = Some(Zeroizing::new(security));
        self.request_certificate()
    }

    /// The ticket service said no: the SIP address claimed is not the Login's.
    fn ticket_refused(&self, url: &str, fault: &str) -> TlsDskFailure {
        let settings = &self.config.settings;
        let sip_uri = settings.sip_address.uri();
        let login = settings.login.to_string();
        let empty_login_hint = if settings.login_is_sip_address {
            " Your Login is empty, so the Username was also used as the login."
        } else {
            ""
        };
        TlsDskFailure::fatal(
            ErrorClass::InvalidSettings,
            format!(
                "The web ticket service at {host} refused a ticket for {sip_uri} to login {login}: \
                 \"{fault}\". {sip_uri} is not the sign-in address of login {login}. Put your sign-in \
                 address in Username and your login name in Login.{empty_login_hint}",
                host = host_of(url),
            ),
        )
    }

    /// Generates the key (once) and posts GetAndPublishCert.
    fn request_certificate(&mut self) -> Result<(), TlsDskFailure> {
        let entity = self.config.settings.sip_address.to_string();
        let instance = self.instance.clone();
        let Some(p) = self.tls_dsk.provisioning.as_mut() else {
            return Ok(());
        };
        let Some(metadata) = p.metadata.clone() else {
            return Ok(());
        };
        if p.key.is_none() {
            // Seconds in debug builds, a fraction of one in release: once per certificate.
            let key = generate_key(&mut *self.random)
                .map_err(|e| TlsDskFailure::fatal(ErrorClass::Other, format!("{e}.")))?;
            p.key = Some(key);
        }
        let (Some(key), Some(security)) = (p.key.as_ref(), p.security.as_ref()) else {
            return Ok(());
        };
        let csr = CertificateRequest::new(key, &entity, p.hash, &mut *self.random)
            .map_err(|e| TlsDskFailure::fatal(ErrorClass::InvalidUsername, format!("{e}.")))?;
        let request_id = ids::new_uuid(&mut *self.random);
        let message_id = ids::new_uuid(&mut *self.random);
        let body = CertificateRequestSoap {
            auth_uri: &metadata.auth_uri,
            security: security.as_str(),
            device_id: &instance,
            entity: &entity,
            csr_base64: &csr.to_base64_lines(),
            request_id: &request_id,
            message_id: &message_id,
        }
        .to_soap();
        let url = web_service_url(&metadata.auth_uri).map_err(|e| {
            let who = format!(
                "The certificate provisioning service at {}",
                host_of(&p.sts_uri)
            );
            refused_address(&who, "certificate service address", e)
        })?;
        self.event(Event::Progress(Progress::GettingCertificate(
            url.host().to_owned(),
        )));
        self.note_provisioning_url(&metadata.auth_uri);
        let request = Request::post(url, webticket::SOAP_CONTENT_TYPE, body).with_header(
            "SOAPAction",
            &format!("\"{}\"", webticket::GET_AND_PUBLISH_CERT_ACTION),
        );
        self.web_request(
            request,
            WebPurpose::Provisioning(ProvisioningStep::Certificate),
        );
        Ok(())
    }

    fn on_certificate(
        &mut self,
        url: &str,
        result: Result<Response, HttpError>,
    ) -> Result<(), TlsDskFailure> {
        let body = self.soap_body(url, result)?;
        let sip_address = self.config.settings.sip_address.to_string();
        let der = match webticket::parse_certificate_response(&body) {
            Ok(der) => der,
            Err(SoapError::Fault(fault)) => {
                let retry_sha256 = self
                    .tls_dsk
                    .provisioning
                    .as_ref()
                    .is_some_and(|p| p.hash == CsrHash::Sha1)
                    && asks_for_sha256(&fault);
                if retry_sha256 {
                    self.log(
                        LogLevel::Info,
                        format!(
                            "certificate service: \"{fault}\"; asking again with a SHA-256 request"
                        ),
                    );
                    if let Some(p) = self.tls_dsk.provisioning.as_mut() {
                        p.hash = CsrHash::Sha256;
                    }
                    return self.request_certificate();
                }
                return Err(TlsDskFailure::recoverable(
                    ErrorClass::AuthenticationFailed,
                    format!(
                        "The certificate service at {} refused a TLS-DSK certificate for {sip_address}: \
                         \"{fault}\". Ask your administrator whether TLS-DSK is enabled for your \
                         account, or choose NTLM as Authentication scheme in the Advanced tab.",
                        host_of(url)
                    ),
                ));
            }
            Err(other) => return Err(unavailable(url, format!("gave no certificate ({other})"))),
        };
        let Some(p) = self.tls_dsk.provisioning.take() else {
            return Ok(());
        };
        let Some(key) = p.key else {
            return Ok(());
        };
        let certificate = ProvisionedCertificate::new(der, key)
            .map_err(|e| unavailable(url, format!("sent an unusable certificate ({e})")))?;
        if !certificate.subject().eq_ignore_ascii_case(&sip_address) {
            return Err(TlsDskFailure::recoverable(
                ErrorClass::AuthenticationFailed,
                format!(
                    "The certificate service at {} issued a certificate for {} instead of {sip_address}.",
                    host_of(url),
                    certificate.subject()
                ),
            ));
        }
        self.log(
            LogLevel::Info,
            format!(
                "TLS-DSK: certificate for {} valid until {}",
                certificate.subject(),
                webticket::format_datetime(certificate.not_after())
            ),
        );
        self.event(Event::Certificate(Some(Box::new(certificate.clone()))));
        self.tls_dsk.certificate = Some(certificate);
        self.tls_dsk.certificate_from_cache = false;
        self.begin_tls_dsk_handshake(p.challenge);
        Ok(())
    }

    /// The body of a SOAP answer: 200, or a 500 that carries a fault. A refused password
    /// is the user's to fix, so it is not a reason to try NTLM.
    fn soap_body(
        &self,
        url: &str,
        result: Result<Response, HttpError>,
    ) -> Result<String, TlsDskFailure> {
        match result {
            Err(HttpError::AuthenticationFailed { url, .. }) => Err(TlsDskFailure::fatal(
                ErrorClass::AuthenticationFailed,
                credentials_refused(
                    &format!("The web ticket service at {}", url.host()),
                    &self.config.settings,
                ),
            )),
            Err(HttpError::InsecureRedirect { from, to }) => Err(insecure_redirect(&from, &to)),
            Err(e) => Err(unavailable(url, format!("could not be reached ({e})"))),
            Ok(response) => {
                let body = response.body_text().into_owned();
                if response.is_success() || webticket::fault_text(&body).is_some() {
                    Ok(body)
                } else {
                    Err(unavailable(
                        url,
                        format!("answered HTTP {}", response.status),
                    ))
                }
            }
        }
    }
}

/// The body of a 200 answer to a metadata request.
fn success_body(url: &str, result: Result<Response, HttpError>) -> Result<String, TlsDskFailure> {
    match result {
        Ok(response) if response.is_success() => Ok(response.body_text().into_owned()),
        Ok(response) => Err(unavailable(
            url,
            format!("answered HTTP {}", response.status),
        )),
        Err(HttpError::InsecureRedirect { from, to }) => Err(insecure_redirect(&from, &to)),
        Err(e) => Err(unavailable(url, format!("could not be reached ({e})"))),
    }
}

fn insecure_redirect(from: &Url, to: &Url) -> TlsDskFailure {
    insecure(format!("The web service at {from} redirected to {to}"))
}

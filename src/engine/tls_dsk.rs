//! TLS-DSK inside REGISTER (MS-SIPAE, sipe-facts.md §3.5): the handshake records travel in
//! `gssapi-data` across 401s, the keys come from the "client EAP encryption" export, and
//! the association is renewed before the certificate or its 8-hour lifetime runs out.

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::certificate::ProvisionedCertificate;
use super::events::{Event, LogLevel, Progress};
use super::provision::{Provisioning, TlsDskFailure};
use super::register::{AuthState, challenge_from};
use super::security::{Challenge, Mac, SecurityContext, TlsDskMac};
use super::session::Session;
use super::timers::Timer;
use crate::auth::tls_dsk::{AlertDescription, Step, TlsDskClient, TlsDskConfig, TlsDskError};
use crate::error::{ConnectionError, ErrorClass};
use crate::settings::AuthScheme;
use crate::sip::{AuthParams, format_auth_value};

/// An association lives at most this long (MS-SIPAE §3.2.2, as pidgin-sipe applies it).
const MAX_ASSOCIATION_LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);
/// Re-authenticate this long before the association or the certificate expires.
const REAUTHENTICATION_MARGIN: Duration = Duration::from_secs(5 * 60);

/// TLS-DSK state of a session.
#[derive(Debug, Default)]
pub(super) struct TlsDskState {
    /// The certificate to authenticate with: the glue's cached one, or a new one.
    pub certificate: Option<ProvisionedCertificate>,
    /// It came from the cache (and so may be stale for this server).
    pub certificate_from_cache: bool,
    pub provisioning: Option<Provisioning>,
    client: Option<TlsDskClient>,
    /// The records for the next REGISTER's `gssapi-data`.
    outgoing: Vec<u8>,
    /// The provisioning service of the current challenge (for a second certificate).
    sts_uri: Option<String>,
    /// "Auto": the NTLM challenge offered alongside TLS-DSK, to fall back to.
    ntlm_fallback: Option<Challenge>,
    /// TLS-DSK did not work in this session; "Auto" uses NTLM from now on.
    pub gave_up: Option<String>,
    /// A refused cached certificate was replaced once already.
    replaced_cached: bool,
}

impl TlsDskState {
    pub fn new(certificate: Option<ProvisionedCertificate>) -> TlsDskState {
        TlsDskState {
            certificate_from_cache: certificate.is_some(),
            certificate,
            ..TlsDskState::default()
        }
    }
}

impl Session {
    /// Answers the server's TLS-DSK challenge: with the certificate we have, or after
    /// provisioning one. `ntlm` is what "Auto" falls back to.
    pub(super) fn start_tls_dsk(&mut self, params: &AuthParams, ntlm: Option<Challenge>) {
        let mut challenge = challenge_from(params);
        // A new handshake: the server names the association in its next answer.
        challenge.opaque = None;
        self.tls_dsk.ntlm_fallback = ntlm;
        self.tls_dsk.sts_uri = params.param("sts-uri").map(str::to_owned);
        let sip_address = self.config.settings.sip_address.to_string();
        let now = self.wall_clock_now();
        match &self.tls_dsk.certificate {
            Some(c) if c.is_usable_for(&sip_address, now) => {
                let text = format!(
                    "TLS-DSK: using the {} certificate for {} (valid until {})",
                    if self.tls_dsk.certificate_from_cache {
                        "kept"
                    } else {
                        "new"
                    },
                    c.subject(),
                    crate::webticket::format_datetime(c.not_after())
                );
                self.log(LogLevel::Info, text);
                self.begin_tls_dsk_handshake(challenge);
                return;
            }
            Some(c) => {
                let text = format!(
                    "TLS-DSK: the kept certificate (for {}, valid until {}) is not usable for {sip_address} now",
                    c.subject(),
                    crate::webticket::format_datetime(c.not_after())
                );
                self.log(LogLevel::Info, text);
                self.tls_dsk.certificate = None;
            }
            None => {}
        }
        match self.tls_dsk.sts_uri.clone() {
            Some(sts_uri) => {
                self.registration.auth = AuthState::TlsDskAwaitingCertificate;
                self.start_provisioning(challenge, sts_uri);
            }
            None => self.tls_dsk_failed(TlsDskFailure::recoverable(
                ErrorClass::AuthenticationImpossible,
                "The server offers TLS-DSK sign-in but names no certificate provisioning service \
                 (sts-uri). Choose NTLM as Authentication scheme in the Advanced tab."
                    .to_owned(),
            )),
        }
    }

    /// Sends the ClientHello.
    pub(super) fn begin_tls_dsk_handshake(&mut self, challenge: Challenge) {
        let Some(certificate) = self.tls_dsk.certificate.clone() else {
            return;
        };
        self.event(Event::Progress(Progress::CertificateHandshake));
        let config = TlsDskConfig::new(
            certificate.certificate_der().to_vec(),
            certificate.key().clone(),
        );
        match TlsDskClient::new(config, &mut *self.random) {
            Ok(client) => {
                self.tls_dsk.outgoing = client.start();
                self.tls_dsk.client = Some(client);
                self.registration.auth = AuthState::TlsDskHandshake(challenge);
                self.send_register();
            }
            Err(e) => self.fail(ConnectionError::new(
                ErrorClass::Other,
                format!("The TLS-DSK handshake could not start: {e}."),
            )),
        }
    }

    /// The Authorization of a handshake REGISTER: the records in `gssapi-data`.
    pub(super) fn tls_dsk_authorization(&self, challenge: &Challenge) -> String {
        let data = BASE64.encode(&self.tls_dsk.outgoing);
        let version = challenge.version.to_string();
        let mut params: Vec<(&str, &str)> = vec![("qop", "auth")];
        if let Some(opaque) = &challenge.opaque {
            params.push(("opaque", opaque));
        }
        params.push(("realm", &challenge.realm));
        params.push(("targetname", &challenge.target_name));
        params.push(("gssapi-data", &data));
        if challenge.version > 2 {
            params.push(("version", &version));
        }
        format_auth_value(&challenge.scheme, &params)
    }

    /// A 401 during the handshake: the server's next records.
    pub(super) fn on_tls_dsk_challenge(&mut self, offered: &[AuthParams]) {
        let leg = offered
            .iter()
            .find(|p| p.is_scheme("TLS-DSK"))
            .and_then(|p| p.param("gssapi-data").map(|data| (challenge_from(p), data)));
        let Some((challenge, data)) = leg else {
            // The server started over (e.g. it forgot our handshake).
            self.restart_authentication(offered);
            return;
        };
        let records = match BASE64.decode(data.trim()) {
            Ok(records) => records,
            Err(e) => {
                self.fail(ConnectionError::new(
                    ErrorClass::Network,
                    format!(
                        "The server's TLS-DSK handshake data is not base64 ({e}). Reconnecting."
                    ),
                ));
                return;
            }
        };
        let Some(client) = self.tls_dsk.client.as_mut() else {
            self.restart_authentication(offered);
            return;
        };
        match client.handle(&records) {
            Ok(Step::Send(flight)) => {
                self.tls_dsk.outgoing = flight;
                self.registration.auth = AuthState::TlsDskHandshake(challenge);
                self.send_register();
            }
            Ok(Step::Done(keys)) => {
                self.tls_dsk.client = None;
                self.tls_dsk.outgoing.clear();
                self.log(
                    LogLevel::Info,
                    format!(
                        "TLS-DSK handshake complete: {}, {}, signing with {:?}; server Finished verified",
                        keys.version,
                        keys.cipher_suite.name(),
                        keys.signing
                    ),
                );
                let mac = Mac::TlsDsk(TlsDskMac::for_client(&keys));
                self.security = Some(SecurityContext::new(challenge, mac));
                self.registration.auth = AuthState::TlsDskFinishing;
                self.send_register();
            }
            Err(error) => self.tls_dsk_handshake_failed(error),
        }
    }

    fn tls_dsk_handshake_failed(&mut self, error: TlsDskError) {
        self.tls_dsk.client = None;
        let refused_certificate = matches!(
            &error,
            TlsDskError::AlertReceived { description, .. } if matches!(
                description,
                AlertDescription::BadCertificate
                    | AlertDescription::UnsupportedCertificate
                    | AlertDescription::CertificateRevoked
                    | AlertDescription::CertificateExpired
                    | AlertDescription::CertificateUnknown
                    | AlertDescription::UnknownCa
                    | AlertDescription::AccessDenied
                    // OpenSSL's answer to a certificate from another CA of the same name.
                    | AlertDescription::DecryptError
            )
        );
        // A kept certificate may be from another server or revoked: get a new one, once.
        if refused_certificate
            && self.tls_dsk.certificate_from_cache
            && !self.tls_dsk.replaced_cached
        {
            self.log(
                LogLevel::Warning,
                format!(
                    "TLS-DSK: the server refused the kept certificate ({error}); getting a new one"
                ),
            );
            self.tls_dsk.replaced_cached = true;
            self.tls_dsk.certificate = None;
            self.tls_dsk.certificate_from_cache = false;
            self.event(Event::Certificate(None));
            self.security = None;
            self.registration.auth = AuthState::Unauthenticated;
            self.send_register();
            return;
        }
        let failure = match &error {
            TlsDskError::BadServerFinished | TlsDskError::BadRecordMac => TlsDskFailure::fatal(
                ErrorClass::Other,
                format!(
                    "The server's side of the TLS-DSK handshake did not verify ({error}). Signing in \
                     was stopped, because the connection may have been tampered with."
                ),
            ),
            TlsDskError::AlertReceived { .. } => TlsDskFailure::recoverable(
                ErrorClass::AuthenticationImpossible,
                format!(
                    "The server refused the TLS-DSK handshake ({error}). Choose NTLM as \
                     Authentication scheme in the Advanced tab, or ask your administrator."
                ),
            ),
            _ => TlsDskFailure::recoverable(
                ErrorClass::Network,
                format!("The TLS-DSK handshake with the server failed ({error})."),
            ),
        };
        self.tls_dsk_failed(failure);
    }

    /// A 401 to the signed REGISTER after a completed handshake: the server does not accept
    /// the association (pidgin-sipe then tries the next scheme).
    pub(super) fn on_tls_dsk_refused(&mut self) {
        self.security = None;
        let settings = &self.config.settings;
        self.tls_dsk_failed(TlsDskFailure::recoverable(
            ErrorClass::AuthenticationFailed,
            format!(
                "The server completed the TLS-DSK handshake but did not accept the sign-in of {}. \
                 Ask your administrator whether your account may sign in with a certificate, or \
                 choose NTLM as Authentication scheme in the Advanced tab.",
                settings.sip_address.uri()
            ),
        ));
    }

    /// Ends the TLS-DSK attempt: "Auto" tries NTLM when that can help, else the sign-in fails.
    pub(super) fn tls_dsk_failed(&mut self, failure: TlsDskFailure) {
        self.tls_dsk.client = None;
        self.tls_dsk.provisioning = None;
        let fallback = self.tls_dsk.ntlm_fallback.take();
        match fallback {
            Some(ntlm)
                if failure.may_fall_back && self.config.settings.auth == AuthScheme::Auto =>
            {
                self.log(
                    LogLevel::Warning,
                    format!(
                        "Auto authentication: TLS-DSK did not work ({}); using NTLM",
                        failure.error.message
                    ),
                );
                self.tls_dsk.gave_up = Some(failure.error.message);
                self.security = None;
                self.registration.auth = AuthState::NtlmStarted(ntlm);
                self.send_register();
            }
            _ => self.fail(failure.error),
        }
    }

    /// Schedules a fresh handshake before the association or its certificate expires.
    pub(super) fn arm_reauthentication(&mut self) {
        let mut lifetime = MAX_ASSOCIATION_LIFETIME;
        let tls_dsk = self
            .security
            .as_ref()
            .is_some_and(|sa| sa.challenge.scheme.eq_ignore_ascii_case("TLS-DSK"));
        if let (true, Some(certificate)) = (tls_dsk, &self.tls_dsk.certificate) {
            let left = certificate
                .not_after()
                .duration_since(self.wall_clock_now())
                .unwrap_or_default();
            lifetime = lifetime.min(left);
        }
        if lifetime > REAUTHENTICATION_MARGIN {
            lifetime -= REAUTHENTICATION_MARGIN;
        }
        self.log(
            LogLevel::Info,
            format!("authenticating again in {} s", lifetime.as_secs()),
        );
        self.timers.set(Timer::Reauthenticate, self.now + lifetime);
    }

    /// A completely new handshake, as when signing in (pidgin-sipe's re-authentication).
    pub(super) fn reauthenticate(&mut self) {
        self.log(
            LogLevel::Info,
            "the security association is about to expire; authenticating again".to_owned(),
        );
        self.security = None;
        self.registration.auth = AuthState::Unauthenticated;
        self.send_register();
    }
}

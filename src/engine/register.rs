//! REGISTER: authenticating to the registrar and staying registered (sipe-facts.md §3.2–§3.3,
//! §3.7; MS-SIPAE).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::discovery::Target;
use super::events::{Event, LogLevel, Progress};
use super::ids;
use super::random::{Random, random_array, random_hex};
use super::security::{Challenge, Mac, SecurityContext, Verification};
use super::session::{MAX_REDIRECTS, Phase, Session, TRANSACTION_TIMEOUT};
use super::timers::Timer;
use super::transaction::Purpose;
use crate::auth::ntlm::{
    AuthenticateInputs, Credentials, NtlmClient, Password, filetime_from_unix,
};
use crate::error::{ConnectionError, ErrorClass};
use crate::settings::{AuthScheme, Transport, credentials_refused};
use crate::sip::{AuthParams, Message};

/// Methods we accept, as Microsoft's clients list them in Contact.
const CONTACT_METHODS: &str =
    "INVITE, MESSAGE, INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY";
/// How long we ask to stay registered when the server does not say.
const DEFAULT_EXPIRES: u32 = 900;

/// Where the authentication handshake stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AuthState {
    /// Nothing sent yet (or starting over): the next REGISTER has no Authorization.
    Unauthenticated,
    /// NTLM chosen; the next REGISTER carries the empty first token.
    NtlmStarted(Challenge),
    /// The AUTHENTICATE message is out; a 401 now means the credentials were refused.
    NtlmAnswered,
    /// TLS-DSK: getting a certificate first; no REGISTER goes out meanwhile.
    TlsDskAwaitingCertificate,
    /// TLS-DSK: the next REGISTER carries our handshake records.
    TlsDskHandshake(Challenge),
    /// TLS-DSK: the server's Finished verified; the signed REGISTER is out.
    TlsDskFinishing,
    Established,
}

/// Registration state that lives across REGISTERs.
#[derive(Debug)]
pub(super) struct Registration {
    pub call_id: String,
    pub tag: String,
    pub cseq: u32,
    ms_opaque: String,
    pub auth: AuthState,
    /// The AUTHENTICATE message to send with the next REGISTER.
    ntlm_token: Option<Vec<u8>>,
    /// Re-authentications since the last success (a server asking forever is an error).
    restarts: u32,
    /// Our GRUU from the last 200 OK, for Contact headers of later requests.
    pub gruu: Option<String>,
}

impl Registration {
    pub fn new(random: &mut dyn Random) -> Registration {
        Registration {
            call_id: ids::new_call_id(random),
            tag: ids::new_tag(random),
            cseq: 0,
            ms_opaque: random_hex(random, 5),
            auth: AuthState::Unauthenticated,
            ntlm_token: None,
            restarts: 0,
            gruu: None,
        }
    }
}

/// The reason the server gave: ms-diagnostics(-public) reason, Warning text, or the phrase.
fn server_reason(msg: &Message) -> String {
    for name in ["ms-diagnostics-public", "ms-diagnostics"] {
        if let Some(value) = msg.header(name) {
            if let Some(start) = value.find("reason=\"") {
                let rest = &value[start + 8..];
                if let Some(end) = rest.find('"') {
                    return rest[..end].to_owned();
                }
            }
        }
    }
    if let Some(warning) = msg.header("Warning") {
        if let (Some(a), Some(b)) = (warning.find('"'), warning.rfind('"')) {
            if b > a {
                return warning[a + 1..b].to_owned();
            }
        }
    }
    match msg.start_line() {
        crate::sip::StartLine::Response { reason, .. } if !reason.is_empty() => reason.clone(),
        _ => "no reason given".to_owned(),
    }
}

pub(super) fn challenge_from(params: &AuthParams) -> Challenge {
    Challenge {
        scheme: params.scheme.clone(),
        realm: params
            .param("realm")
            .unwrap_or("SIP Communications Service")
            .to_owned(),
        target_name: params.param("targetname").unwrap_or_default().to_owned(),
        version: params
            .param("version")
            .and_then(|v| v.parse().ok())
            .unwrap_or(2),
        opaque: params.param("opaque").map(str::to_owned),
    }
}

impl Session {
    fn self_uri(&self) -> String {
        self.config.settings.sip_address.uri()
    }

    pub(super) fn local_address(&self) -> String {
        match self.link.as_ref().and_then(|l| l.local) {
            Some(addr) => addr.to_string(),
            None => "host.invalid".to_owned(),
        }
    }

    pub(super) fn transport_names(&self) -> (&'static str, &'static str) {
        match self.link.as_ref().is_some_and(|l| l.target.tls) {
            true => ("TLS", "tls"),
            false => ("TCP", "tcp"),
        }
    }

    pub(super) fn user_agent(&self) -> String {
        self.config
            .settings
            .user_agent
            .clone()
            .unwrap_or_else(|| self.config.default_user_agent.clone())
    }

    /// A REGISTER with everything but the Authorization header.
    fn build_register(&mut self, unregister: bool) -> Result<Message, crate::sip::BuildError> {
        let domain = self.config.settings.sip_address.domain.clone();
        let uri = self.self_uri();
        let local = self.local_address();
        let (via_transport, contact_transport) = self.transport_names();
        let branch = ids::new_branch(&mut *self.random);
        self.registration.cseq += 1;
        let mut msg = Message::request("REGISTER", &format!("sip:{domain}"))?;
        msg.add_header(
            "Via",
            format!("SIP/2.0/{via_transport} {local};branch={branch}"),
        )?;
        msg.add_header("Max-Forwards", "70")?;
        msg.add_header(
            "From",
            format!(
                "<{uri}>;tag={};epid={}",
                self.registration.tag, self.config.epid
            ),
        )?;
        msg.add_header("To", format!("<{uri}>"))?;
        msg.add_header("Call-ID", self.registration.call_id.clone())?;
        msg.add_header("CSeq", format!("{} REGISTER", self.registration.cseq))?;
        msg.add_header(
            "Contact",
            format!(
                "<sip:{local};transport={contact_transport};ms-opaque={}>;methods=\"{CONTACT_METHODS}\";proxy=replace;+sip.instance=\"<urn:uuid:{}>\"",
                self.registration.ms_opaque, self.instance
            ),
        )?;
        msg.add_header("User-Agent", self.user_agent())?;
        msg.add_header(
            "Supported",
            "gruu-10, adhoclist, msrtc-event-categories, com.microsoft.msrtc.presence",
        )?;
        msg.add_header("Supported", "ms-forking")?;
        msg.add_header("ms-keep-alive", "UAC;hop-hop=yes")?;
        msg.add_header("Event", "registration")?;
        msg.add_header("Allow-Events", "presence")?;
        if unregister {
            msg.add_header("Expires", "0")?;
        }
        Ok(msg)
    }

    /// Sends the next REGISTER of the handshake (or a refresh).
    pub(super) fn send_register(&mut self) {
        let mut msg = match self.build_register(false) {
            Ok(built) => built,
            Err(e) => {
                // Only reachable through account settings that passed validation but not
                // the header checks; say which.
                self.fail(ConnectionError::new(
                    ErrorClass::InvalidSettings,
                    format!("Cannot build the sign-in request: {e}. Check the User Agent field."),
                ));
                return;
            }
        };
        let authorization = match &self.registration.auth {
            AuthState::Unauthenticated => None,
            AuthState::NtlmStarted(challenge) => {
                let mut params = vec![("qop", "auth".to_owned())];
                if let Some(opaque) = &challenge.opaque {
                    params.push(("opaque", opaque.clone()));
                }
                params.push(("realm", challenge.realm.clone()));
                params.push(("targetname", challenge.target_name.clone()));
                // Connection-less NTLM starts with an empty token.
                params.push(("gssapi-data", String::new()));
                if challenge.version > 2 {
                    params.push(("version", challenge.version.to_string()));
                }
                let borrowed: Vec<(&str, &str)> =
                    params.iter().map(|(k, v)| (*k, v.as_str())).collect();
                Some(crate::sip::format_auth_value(&challenge.scheme, &borrowed))
            }
            AuthState::NtlmAnswered => {
                let token = self.registration.ntlm_token.take().unwrap_or_default();
                self.handshake_authorization(&msg, BASE64.encode(token))
            }
            // Nothing to say until the certificate is here.
            AuthState::TlsDskAwaitingCertificate => return,
            AuthState::TlsDskHandshake(challenge) => Some(self.tls_dsk_authorization(challenge)),
            AuthState::TlsDskFinishing | AuthState::Established => None,
        };
        // Only one REGISTER is outstanding: an answer to an older one is stale.
        self.abandon(&Purpose::Register);
        let sign = authorization.is_none()
            && matches!(
                self.registration.auth,
                AuthState::Established | AuthState::TlsDskFinishing
            );
        if let Some(value) = authorization {
            let _ = msg.set_header("Authorization", value);
        }
        self.send_request(msg, Purpose::Register, sign);
    }

    /// The Authorization of the last handshake leg: gssapi-data, signed from version 4 on.
    fn handshake_authorization(&mut self, msg: &Message, gssapi_data: String) -> Option<String> {
        let sa = self.security.as_mut()?;
        let version = sa.challenge.version;
        let mut extra = vec![("gssapi-data", gssapi_data)];
        if version > 2 {
            extra.push(("version", version.to_string()));
        }
        if version > 3 {
            sa.authorization(msg, &extra, &mut *self.random).ok()
        } else {
            let mut params = sa.base_params();
            params.extend(extra);
            let borrowed: Vec<(&str, &str)> =
                params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            Some(crate::sip::format_auth_value(
                &sa.challenge.scheme,
                &borrowed,
            ))
        }
    }

    /// Says goodbye: REGISTER with Expires: 0, not waiting for the answer.
    pub(super) fn send_unregister(&mut self) {
        if let Ok(msg) = self.build_register(true) {
            self.send_request(msg, Purpose::Unregister, true);
        }
    }

    pub(super) fn on_register_timeout(&mut self) {
        self.fail(ConnectionError::new(
            ErrorClass::Network,
            format!(
                "The server did not answer the sign-in request within {} seconds. Reconnecting.",
                TRANSACTION_TIMEOUT.as_secs()
            ),
        ));
    }

    pub(super) fn on_register_response(&mut self, msg: Message) {
        let Some(code) = msg.status_code() else {
            return;
        };
        match code {
            200..=299 => self.on_registered(&msg),
            401 => self.on_challenge(&msg),
            300..=399 => self.on_redirect(&msg, code),
            403 => {
                let reason = server_reason(&msg);
                let settings = &self.config.settings;
                let text = format!(
                    "The server refused to sign in {} with login {}: {reason}. Check that Username is \
                     your sign-in address and Login is the account that owns it.",
                    settings.sip_address.uri(),
                    settings.login
                );
                self.fail(ConnectionError::new(ErrorClass::InvalidSettings, text));
            }
            404 => {
                let reason = server_reason(&msg);
                let text = format!(
                    "The server does not know {}: {reason}. Check the Username (your sign-in address), \
                     and ask your administrator whether the account is enabled for Lync.",
                    self.config.settings.sip_address.uri()
                );
                self.fail(ConnectionError::new(ErrorClass::InvalidUsername, text));
            }
            _ => {
                let reason = server_reason(&msg);
                self.fail(ConnectionError::new(
                    ErrorClass::Network,
                    format!("The server could not sign you in ({code}: {reason}). Pidgin will try again."),
                ));
            }
        }
    }

    fn on_registered(&mut self, msg: &Message) {
        if let Err(error) = self.check_registered(msg) {
            self.fail(error);
            return;
        }
        if self.registration.auth != AuthState::Established {
            self.registration.auth = AuthState::Established;
            self.arm_reauthentication();
        }
        self.registration.restarts = 0;
        let expires = self.granted_expires(msg);
        let refresh = if expires > 60 {
            expires - 30
        } else {
            (expires / 2).max(1)
        };
        self.timers.set(
            Timer::RegisterRefresh,
            self.now + std::time::Duration::from_secs(u64::from(refresh)),
        );
        if let Some(timeout) = msg
            .header("ms-keep-alive")
            .and_then(|v| v.split(';').find_map(|p| p.trim().strip_prefix("timeout=")))
            .and_then(|t| t.trim().parse::<u64>().ok())
            .filter(|t| *t > 0)
        {
            self.keepalive = std::time::Duration::from_secs(timeout.clamp(5, 3600));
        }
        self.log(
            LogLevel::Info,
            format!(
                "registered for {expires} s; refresh in {refresh} s, keep-alive every {} s",
                self.keepalive.as_secs()
            ),
        );
        if self.phase != Phase::Registered {
            let allowed: Vec<String> = msg
                .header_values("Allow-Events")
                .map(|e| e.trim().to_owned())
                .collect();
            self.phase = Phase::Registered;
            self.timers.set(Timer::KeepAlive, self.now + self.keepalive);
            self.event(Event::Progress(Progress::SignedIn));
            self.event(Event::SignedIn);
            self.subscribe_self(&allowed);
            self.publish_after_sign_in();
            self.send_outbox();
            self.start_liveness();
        }
    }

    /// A 200 to REGISTER counts only at the end of the handshake we started, and only with
    /// the server's valid signature (`Authentication-Info: … rspauth`, MS-SIPAE 3.2.5.2):
    /// Lync always challenges, and the signature is what proves the server ran the
    /// handshake, i.e. holds the keys that only our password (or certificate) gives. A 200
    /// to an unauthenticated REGISTER, or one without rspauth, comes from something that is
    /// not the Lync server (pidgin-sipe accepts both; we do not).
    fn check_registered(&self, msg: &Message) -> Result<(), ConnectionError> {
        let server = self.server_name();
        let scheme = match &self.registration.auth {
            AuthState::NtlmAnswered | AuthState::TlsDskFinishing | AuthState::Established => {
                self.security.as_ref().map(|sa| sa.challenge.scheme.clone())
            }
            _ => None,
        };
        let Some(scheme) = scheme else {
            return Err(ConnectionError::new(
                ErrorClass::Other,
                format!(
                    "The server {server} accepted the sign-in without authenticating it (200 OK \
                     before any password or certificate was exchanged). A Lync server always asks \
                     for authentication, so this is not your Lync server or the connection is \
                     being tampered with; signing in was stopped. Check the Server field in the \
                     Advanced tab, and tell your administrator."
                ),
            ));
        };
        let verification = self.security.as_ref().map(|sa| sa.verify(msg));
        match verification {
            Some(Verification::Valid) => Ok(()),
            Some(Verification::Invalid(why)) => Err(ConnectionError::new(
                ErrorClass::Other,
                format!(
                    "The server {server} accepted the {scheme} sign-in with a wrong signature \
                     ({why}). Signing in was stopped, because the connection may have been \
                     tampered with. Tell your administrator."
                ),
            )),
            _ => Err(ConnectionError::new(
                ErrorClass::Other,
                format!(
                    "The server {server} accepted the {scheme} sign-in without signing its answer \
                     (no rspauth in Authentication-Info), so it did not prove it holds the keys. \
                     Signing in was stopped, because the connection may have been tampered with. \
                     Tell your administrator."
                ),
            )),
        }
    }

    /// `host:port` of the SIP server we are talking to, for sentences.
    pub(super) fn server_name(&self) -> String {
        match &self.link {
            Some(link) => format!("{}:{}", link.target.host, link.target.port),
            None => "(not connected)".to_owned(),
        }
    }

    /// Expires for our binding: our Contact's `expires`, else the Expires header.
    fn granted_expires(&mut self, msg: &Message) -> u32 {
        let instance = self.instance.to_ascii_lowercase();
        let mut granted = None;
        if let Ok(contacts) = msg.contacts() {
            for contact in contacts.iter().filter_map(|c| c.address()) {
                let ours = contact
                    .param("+sip.instance")
                    .is_some_and(|v| v.to_ascii_lowercase().contains(&instance));
                if ours {
                    granted = contact.param("expires").and_then(|e| e.parse().ok());
                    if let Some(gruu) = contact.param("gruu") {
                        self.registration.gruu = Some(gruu.trim_matches('"').to_owned());
                    }
                }
            }
        }
        granted
            .or_else(|| msg.expires().ok().flatten())
            .unwrap_or(DEFAULT_EXPIRES)
    }

    fn on_challenge(&mut self, msg: &Message) {
        let offered: Vec<AuthParams> = match msg.auth_params("WWW-Authenticate") {
            Ok(offered) => offered,
            Err(e) => {
                // Not a settings problem and not a network one: retrying gets the same answer.
                let server = self.server_name();
                self.fail(ConnectionError::new(
                    ErrorClass::Other,
                    format!(
                        "The server {server} asked to authenticate, but its challenge \
                         (WWW-Authenticate) could not be read: {e}. This is a fault of the server, \
                         not of your account settings. Try again later, and tell your \
                         administrator if it keeps happening."
                    ),
                ));
                return;
            }
        };
        match self.registration.auth.clone() {
            AuthState::NtlmStarted(started) => {
                let Some(params) = offered.iter().find(|p| p.is_scheme(&started.scheme)) else {
                    self.restart_authentication(&offered);
                    return;
                };
                let Some(data) = params.param("gssapi-data") else {
                    self.restart_authentication(&offered);
                    return;
                };
                self.answer_ntlm_challenge(challenge_from(params), data);
            }
            AuthState::NtlmAnswered => {
                let text = credentials_refused("The server", &self.config.settings);
                self.fail(ConnectionError::new(ErrorClass::AuthenticationFailed, text));
            }
            AuthState::TlsDskHandshake(_) => self.on_tls_dsk_challenge(&offered),
            AuthState::TlsDskFinishing => self.on_tls_dsk_refused(),
            // An answer from before provisioning started; the handshake comes later.
            AuthState::TlsDskAwaitingCertificate => {}
            AuthState::Unauthenticated | AuthState::Established => {
                self.restart_authentication(&offered)
            }
        }
    }

    /// Chooses a scheme from the server's offer and starts its handshake: the configured
    /// one, or for "Auto" TLS-DSK before NTLM (pidgin-sipe's order, without Kerberos).
    pub(super) fn restart_authentication(&mut self, offered: &[AuthParams]) {
        self.registration.restarts += 1;
        if self.registration.restarts > 3 {
            self.fail(ConnectionError::new(
                ErrorClass::AuthenticationFailed,
                "The server keeps asking to authenticate again. Check the Password and Login fields.",
            ));
            return;
        }
        self.security = None;
        let schemes: Vec<&str> = offered.iter().map(|p| p.scheme.as_str()).collect();
        let offer = if schemes.is_empty() {
            "nothing".to_owned()
        } else {
            schemes.join(", ")
        };
        let tls_dsk = offered.iter().find(|p| p.is_scheme("TLS-DSK")).cloned();
        let ntlm = offered.iter().find(|p| p.is_scheme("NTLM")).cloned();
        let impossible =
            |text: String| ConnectionError::new(ErrorClass::AuthenticationImpossible, text);
        match self.config.settings.auth {
            AuthScheme::TlsDsk => match tls_dsk {
                Some(params) => self.start_tls_dsk(&params, None),
                None => self.fail(impossible(format!(
                    "The server does not offer TLS-DSK sign-in (it offers {offer}). Set \
                     Authentication scheme to Auto in the Advanced tab."
                ))),
            },
            AuthScheme::Ntlm => match ntlm {
                Some(params) => self.start_ntlm(&params),
                None => self.fail(impossible(format!(
                    "The server does not offer NTLM sign-in (it offers {offer}). Set Authentication \
                     scheme to Auto in the Advanced tab."
                ))),
            },
            AuthScheme::Auto => {
                let tls_dsk = tls_dsk.filter(|_| self.tls_dsk.gave_up.is_none());
                if let Some(params) = tls_dsk {
                    let fallback = if ntlm.is_some() { ", NTLM if that fails" } else { "" };
                    self.log(
                        LogLevel::Info,
                        format!("Auto authentication: server offers [{offer}]; using TLS-DSK{fallback}"),
                    );
                    self.start_tls_dsk(&params, ntlm.as_ref().map(challenge_from));
                } else if let Some(params) = ntlm {
                    let why = match &self.tls_dsk.gave_up {
                        Some(reason) => format!("TLS-DSK did not work earlier ({reason})"),
                        None => "no TLS-DSK offered".to_owned(),
                    };
                    self.log(
                        LogLevel::Info,
                        format!("Auto authentication: server offers [{offer}]; using NTLM ({why})"),
                    );
                    self.start_ntlm(&params);
                } else {
                    self.fail(impossible(format!(
                        "The server offers {offer} for sign-in; purple-lync signs in with TLS-DSK or \
                         NTLM. Ask your administrator to allow one of them."
                    )));
                }
            }
            // Refused in settings::check_supported.
            AuthScheme::Kerberos => self.fail(impossible(
                "Kerberos is not supported by this version of purple-lync yet.".to_owned(),
            )),
        }
    }

    fn start_ntlm(&mut self, params: &AuthParams) {
        self.registration.auth = AuthState::NtlmStarted(challenge_from(params));
        self.send_register();
    }

    fn answer_ntlm_challenge(&mut self, challenge: Challenge, gssapi_data: &str) {
        let fail = |session: &mut Session, why: String| {
            session.fail(ConnectionError::new(
                ErrorClass::Network,
                format!("The server's NTLM challenge could not be used ({why}). Reconnecting."),
            ));
        };
        let token = match BASE64.decode(gssapi_data.trim()) {
            Ok(token) => token,
            Err(e) => return fail(self, format!("bad base64: {e}")),
        };
        let settings = &self.config.settings;
        let password = settings
            .password
            .as_ref()
            .map(|p| p.expose())
            .unwrap_or_default();
        let credentials =
            Credentials::from_login(&settings.login.to_string(), Password::new(password));
        let client = NtlmClient::new(credentials, self.config.hostname.to_ascii_uppercase());
        let wall = self
            .wall_clock_now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let inputs = AuthenticateInputs {
            client_challenge: random_array(&mut *self.random),
            exported_session_key: random_array(&mut *self.random),
            timestamp: filetime_from_unix(wall.as_secs(), wall.subsec_nanos()),
        };
        match client.authenticate(&token, &inputs) {
            Ok(auth) => {
                self.registration.ntlm_token = Some(auth.message);
                self.security = Some(SecurityContext::new(challenge, Mac::Ntlm(auth.session)));
                self.registration.auth = AuthState::NtlmAnswered;
                self.send_register();
            }
            Err(e) => fail(self, e.to_string()),
        }
    }

    fn on_redirect(&mut self, msg: &Message, code: u16) {
        self.redirects += 1;
        let target = msg.contacts().ok().and_then(|contacts| {
            contacts
                .iter()
                .filter_map(|c| c.address())
                .find_map(|c| redirect_target(&c.uri))
        });
        match target {
            Some(target) if self.leaves_tls(&target) => {
                let setting = match self.config.settings.transport {
                    Transport::Auto => "Auto",
                    _ => "SSL/TLS",
                };
                let text = format!(
                    "The server {} redirected the sign-in ({code}) to {}:{} over unencrypted TCP. \
                     purple-lync refused, because Connection type is {setting}: your sign-in and \
                     messages would have travelled unencrypted. Only if your administrator confirms \
                     that this server must be reached without TLS, set Connection type to TCP in \
                     the Advanced tab.",
                    self.server_name(),
                    target.host,
                    target.port
                );
                self.fail(ConnectionError::new(ErrorClass::InvalidSettings, text));
            }
            Some(target) if self.redirects <= MAX_REDIRECTS => {
                self.log(
                    LogLevel::Info,
                    format!("redirected ({code}) to {}:{}", target.host, target.port),
                );
                if let Some(link) = self.link.take() {
                    self.outputs
                        .push_back(super::events::Output::Close { conn: link.id });
                }
                self.security = None;
                self.registration.auth = AuthState::Unauthenticated;
                self.connect(target);
            }
            Some(_) => self.fail(ConnectionError::new(
                ErrorClass::Network,
                "The server redirected the sign-in too many times.",
            )),
            None => self.fail(ConnectionError::new(
                ErrorClass::Network,
                format!("The server redirected the sign-in ({code}) without saying where to."),
            )),
        }
    }
}

impl Session {
    /// A redirect from a TLS connection to plain TCP is a downgrade: followed only when the
    /// user chose TCP as Connection type.
    fn leaves_tls(&self, target: &Target) -> bool {
        let on_tls = self.link.as_ref().is_some_and(|l| l.target.tls);
        on_tls && !target.tls && self.config.settings.transport != Transport::Tcp
    }
}

/// `sip:host[:port][;transport=tcp]` from a redirect's Contact.
fn redirect_target(uri: &str) -> Option<Target> {
    let rest = uri
        .strip_prefix("sip:")
        .or_else(|| uri.strip_prefix("SIP:"))
        .or_else(|| uri.strip_prefix("sips:"))?;
    let (hostport, params) = rest.split_once(';').unwrap_or((rest, ""));
    let hostport = hostport.rsplit('@').next().unwrap_or(hostport);
    let tcp = params
        .split(';')
        .any(|p| p.eq_ignore_ascii_case("transport=tcp"));
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        }
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        Some(port) => port.parse().ok()?,
        None if tcp => 5060,
        None => 5061,
    };
    Some(Target {
        host: host.to_owned(),
        port,
        tls: !tcp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets() {
        assert_eq!(
            redirect_target("sip:pool2.contoso.com:5061;transport=tls"),
            Some(Target {
                host: "pool2.contoso.com".into(),
                port: 5061,
                tls: true
            })
        );
        assert_eq!(
            redirect_target("sip:10.0.0.1;transport=tcp"),
            Some(Target {
                host: "10.0.0.1".into(),
                port: 5060,
                tls: false
            })
        );
        assert_eq!(
            redirect_target("sip:alice@[::1]:5062"),
            Some(Target {
                host: "::1".into(),
                port: 5062,
                tls: true
            })
        );
        assert_eq!(redirect_target("tel:+123"), None);
        assert_eq!(redirect_target("sip::5061"), None);
    }
}

//! The session: one account's connection to its Lync server, as a state machine.
//!
//! The glue calls [`Session::handle_input`] with what happened and the current time, then
//! drains [`Session::poll_output`] and arms one timer for [`Session::poll_timeout`]. That is
//! the whole contract (DESIGN.md §1).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use super::certificate::ProvisionedCertificate;
use super::contacts::WaitingForGroup;
use super::discovery::{Discovery, Step, Target};
use super::events::{Command, ConnId, Event, Input, LogLevel, Output, Progress};
use super::ids;
use super::im::Conversations;
use super::presence::{OwnPresence, PresenceBook};
use super::random::Random;
use super::register::Registration;
use super::security::{SecurityContext, Verification};
use super::subscriptions::Subscription;
use super::timers::{Timer, Timers};
use super::tls_dsk::TlsDskState;
use super::transaction::Transactions;
use super::web::{HTTP_CONN_BASE, WebQueue};
use crate::auth::rng::DerivedRandom;
use crate::error::{ConnectionError, ErrorClass};
use crate::http::{HttpClient, HttpClientConfig};
use crate::roster::Roster;
use crate::settings::AccountSettings;
use crate::sip::{Decoder, Frame, Message};

/// How long a connection attempt may take before the next server is tried.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// RFC 3261 Timer F / B over a reliable transport is 64·T1 = 32 s; Lync clients wait 60 s.
pub const TRANSACTION_TIMEOUT: Duration = Duration::from_secs(60);
/// Keep-alive interval until the server says otherwise (ms-keep-alive timeout=).
pub const DEFAULT_KEEPALIVE: Duration = Duration::from_secs(60);
/// At most this many 3xx redirects per sign-in.
pub(super) const MAX_REDIRECTS: u32 = 5;

/// What a session needs to know besides the account settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub settings: AccountSettings,
    /// This account's stable endpoint id (see [`ids`]); the glue stores it.
    pub epid: String,
    /// Workstation name for NTLM.
    pub hostname: String,
    /// User-Agent when the account does not set one.
    pub default_user_agent: String,
    /// Wall-clock time at the Instant given to [`Session::new`] (NTLM timestamps need it).
    pub wall_clock: SystemTime,
    /// The TLS-DSK certificate kept from an earlier sign-in, if any; it is used while it is
    /// valid for another hour. The session reports replacements as [`Event::Certificate`].
    pub certificate: Option<ProvisionedCertificate>,
}

/// The default User-Agent: `purple-lync/<version> (<os>-<arch>)`.
pub fn default_user_agent() -> String {
    format!(
        "purple-lync/{} ({}-{})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Idle,
    Resolving,
    Connecting,
    Registering,
    Registered,
    Finished,
}

/// The transport connection in use.
#[derive(Debug)]
pub(super) struct Link {
    pub id: ConnId,
    pub target: Target,
    pub decoder: Decoder,
    pub local: Option<SocketAddr>,
    pub connected: bool,
}

pub struct Session {
    pub(super) config: Config,
    pub(super) random: Box<dyn Random>,
    pub(super) outputs: VecDeque<Output>,
    pub(super) timers: Timers,
    pub(super) phase: Phase,
    pub(super) discovery: Discovery,
    pub(super) link: Option<Link>,
    next_conn: ConnId,
    pub(super) started_at: Instant,
    pub(super) now: Instant,
    pub(super) registration: Registration,
    pub(super) transactions: Transactions,
    pub(super) subscriptions: Vec<Subscription>,
    pub(super) next_subscription: u32,
    pub(super) roster: Roster,
    pub(super) waiting_for_groups: Vec<WaitingForGroup>,
    pub(super) presence: PresenceBook,
    pub(super) own: OwnPresence,
    pub(super) pending_info: std::collections::HashSet<String>,
    pub(super) conversations: Conversations,
    /// IMs typed before sign-in finished: (to, html).
    pub(super) outbox: Vec<(String, String)>,
    pub(super) chats: super::chat::Chats,
    pub(super) http: HttpClient,
    pub(super) web: WebQueue,
    pub(super) autodiscover_hops: usize,
    pub(super) security: Option<SecurityContext>,
    pub(super) tls_dsk: TlsDskState,
    pub(super) keepalive: Duration,
    /// Whether anyone reads the SIP trace (see [`Session::set_tracing`]).
    pub(super) tracing: bool,
    pub(super) liveness: super::liveness::Liveness,
    pub(super) redirects: u32,
    /// Why the last connection attempt failed, for the error when no server is left.
    pub(super) last_connect_error: Option<ConnectionError>,
    /// The instance UUID, derived from the epid.
    pub(super) instance: String,
}

impl Session {
    pub fn new(config: Config, mut random: Box<dyn Random>, now: Instant) -> Session {
        let discovery = Discovery::new(&config.settings);
        let instance = ids::instance_uuid_from_epid(&config.epid);
        let registration = Registration::new(&mut *random);
        let mut http_config = HttpClientConfig::new(
            config
                .settings
                .user_agent
                .clone()
                .unwrap_or_else(|| config.default_user_agent.clone()),
            config.hostname.clone(),
            config.wall_clock,
        );
        http_config.first_conn_id = HTTP_CONN_BASE;
        let http = HttpClient::new(http_config, Box::new(DerivedRandom::new(&mut *random)), now);
        let tls_dsk = TlsDskState::new(config.certificate.clone());
        Session {
            config,
            random,
            outputs: VecDeque::new(),
            timers: Timers::default(),
            phase: Phase::Idle,
            discovery,
            link: None,
            next_conn: 1,
            started_at: now,
            now,
            registration,
            transactions: Transactions::default(),
            subscriptions: Vec::new(),
            next_subscription: 0,
            roster: Roster::default(),
            waiting_for_groups: Vec::new(),
            presence: PresenceBook::default(),
            own: OwnPresence::default(),
            pending_info: Default::default(),
            conversations: Conversations::default(),
            outbox: Vec::new(),
            chats: Default::default(),
            http,
            web: WebQueue::default(),
            autodiscover_hops: 0,
            security: None,
            tls_dsk,
            keepalive: DEFAULT_KEEPALIVE,
            tracing: true,
            liveness: Default::default(),
            redirects: 0,
            last_connect_error: None,
            instance,
        }
    }

    /// Starts signing in.
    pub fn start(&mut self, now: Instant) {
        self.now = now;
        if self.phase != Phase::Idle {
            return;
        }
        if self.config.settings.server.is_none() {
            self.phase = Phase::Resolving;
            self.event(Event::Progress(Progress::Resolving(
                self.config.settings.sip_address.domain.clone(),
            )));
        }
        self.try_next_server();
    }

    pub fn is_signed_in(&self) -> bool {
        self.phase == Phase::Registered
    }

    pub fn is_finished(&self) -> bool {
        self.phase == Phase::Finished
    }

    pub fn handle_input(&mut self, input: Input<'_>, now: Instant) {
        self.now = now;
        if self.phase == Phase::Finished {
            return;
        }
        let transport_conn = match &input {
            Input::Connected { conn, .. }
            | Input::ConnectFailed { conn, .. }
            | Input::Data { conn, .. }
            | Input::Closed { conn, .. } => Some(*conn),
            _ => None,
        };
        if transport_conn.is_some_and(Session::is_http_conn) {
            self.http_input(input);
            return;
        }
        match input {
            Input::Connected { conn, local } => self.on_connected(conn, local),
            Input::ConnectFailed { conn, reason } => self.on_connect_failed(conn, reason),
            Input::Data { conn, bytes } => self.on_data(conn, bytes),
            Input::Closed { conn, reason } => self.on_closed(conn, reason),
            Input::SrvResolved { records } => {
                self.log(
                    LogLevel::Info,
                    format!("SRV answer: {}", describe_records(&records)),
                );
                self.discovery.srv_answer(&records);
                self.try_next_server();
            }
            Input::HostResolved { found } => {
                let answer = if found {
                    "has an address"
                } else {
                    "is not in DNS"
                };
                self.log(LogLevel::Info, format!("the name {answer}"));
                self.discovery.host_answer(found);
                self.try_next_server();
            }
            Input::AwaitingUser { conn } => {
                if self.is_current(conn) {
                    self.timers.cancel(Timer::ConnectTimeout);
                }
            }
            Input::Timeout => self.on_timeout(),
            Input::Logout => self.logout(),
            Input::Command(Command::Contacts(command)) => self.contact_command(command),
            Input::Command(Command::SetStatus { status_id, message }) => {
                self.set_status(&status_id, message)
            }
            Input::Command(Command::SetIdle(idle)) => self.set_idle(idle),
            Input::Command(Command::GetInfo(uri)) => self.get_info(&uri),
            Input::Command(Command::SendIm { to, html }) => self.send_im_when_signed_in(&to, html),
            Input::Command(Command::Typing { to, typing }) => self.send_typing(&to, typing),
            Input::Command(Command::CloseConversation { with }) => self.close_conversation(&with),
            Input::Command(Command::Search(query)) => self.search(query),
            Input::Command(Command::Chat(command)) => self.chat_command(command),
        }
    }

    /// Whether [`Event::Trace`] is wanted. Rendering every message for a debug log nobody
    /// reads cost a large share of sign-in CPU with thousands of contacts.
    pub fn set_tracing(&mut self, tracing: bool) {
        self.tracing = tracing;
    }

    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.phase == Phase::Finished {
            return None;
        }
        [self.timers.next_deadline(), self.http.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
    }

    // ---- plumbing used by the other parts of the engine ----

    pub(super) fn event(&mut self, event: Event) {
        self.outputs.push_back(Output::Event(event));
    }

    /// A message for the debug log's trace, rendered only when someone reads it.
    pub(super) fn trace(&mut self, outgoing: bool, render: impl FnOnce() -> String) {
        if self.tracing {
            let text = render();
            self.event(Event::Trace { outgoing, text });
        }
    }

    pub(super) fn log(&mut self, level: LogLevel, text: String) {
        self.event(Event::Log(level, text));
    }

    /// Ends the session with `error` (the first error wins; the connection is closed).
    pub(super) fn fail(&mut self, error: ConnectionError) {
        if self.phase == Phase::Finished {
            return;
        }
        // Before Failed: the glue stops reading events at Failed.
        let why = if self.phase == Phase::Registered {
            "the connection to the server was lost"
        } else {
            "signing in failed"
        };
        self.report_lost_ims(why);
        self.phase = Phase::Finished;
        self.timers.cancel_all();
        self.shutdown_web();
        if let Some(link) = self.link.take() {
            self.outputs.push_back(Output::Close { conn: link.id });
        }
        self.event(Event::Failed(error));
    }

    pub(super) fn wall_clock_now(&self) -> SystemTime {
        self.config.wall_clock + self.now.saturating_duration_since(self.started_at)
    }

    /// Sends a message on the current connection and re-arms the keep-alive.
    pub(super) fn transmit(&mut self, msg: &Message) {
        let Some(link) = &self.link else {
            return;
        };
        let conn = link.id;
        let bytes = msg.to_bytes();
        self.trace(true, || String::from_utf8_lossy(&bytes).into_owned());
        self.outputs.push_back(Output::Transmit { conn, bytes });
        if self.phase == Phase::Registered {
            self.timers.set(Timer::KeepAlive, self.now + self.keepalive);
        }
    }

    // ---- connections ----

    pub(super) fn try_next_server(&mut self) {
        match self.discovery.next_step() {
            Step::Autodiscover => {
                self.phase = Phase::Resolving;
                self.start_autodiscover();
            }
            Step::ResolveSrv(query) => {
                self.phase = Phase::Resolving;
                self.log(LogLevel::Info, format!("looking up {}", query.name()));
                self.outputs.push_back(Output::ResolveSrv(query));
            }
            Step::ResolveHost(Target { host, port, .. }) => {
                self.phase = Phase::Resolving;
                self.log(LogLevel::Info, format!("looking up the address of {host}"));
                self.outputs.push_back(Output::ResolveHost { host, port });
            }
            Step::Connect(target) => self.connect(target),
            Step::Exhausted => {
                let error = if self.config.settings.server.is_some() {
                    self.last_connect_error.take().unwrap_or_else(|| {
                        ConnectionError::new(
                            ErrorClass::Network,
                            "Could not connect to the server.",
                        )
                    })
                } else {
                    ConnectionError::new(
                        ErrorClass::Network,
                        format!(
                            "Could not find a Lync server for {} (tried {}). Enter your server in the \
                             Server field of the Advanced tab, or check your network.",
                            self.config.settings.sip_address.domain,
                            self.discovery.tried.join(", ")
                        ),
                    )
                };
                self.fail(error);
            }
        }
    }

    pub(super) fn connect(&mut self, target: Target) {
        let id = self.next_conn;
        self.next_conn += 1;
        self.phase = Phase::Connecting;
        let server = format!("{}:{}", target.host, target.port);
        self.event(Event::Progress(Progress::Connecting(server)));
        self.outputs.push_back(Output::Connect {
            conn: id,
            host: target.host.clone(),
            port: target.port,
            tls: target.tls,
        });
        self.timers
            .set(Timer::ConnectTimeout, self.now + CONNECT_TIMEOUT);
        self.liveness.reset();
        self.link = Some(Link {
            id,
            target,
            decoder: Decoder::new(),
            local: None,
            connected: false,
        });
    }

    fn is_current(&self, conn: ConnId) -> bool {
        self.link.as_ref().is_some_and(|l| l.id == conn)
    }

    fn on_connected(&mut self, conn: ConnId, local: Option<SocketAddr>) {
        if !self.is_current(conn) {
            return;
        }
        self.timers.cancel(Timer::ConnectTimeout);
        if let Some(link) = &mut self.link {
            link.connected = true;
            link.local = local;
        }
        self.phase = Phase::Registering;
        self.event(Event::Progress(Progress::Authenticating));
        self.send_register();
    }

    fn on_connect_failed(&mut self, conn: ConnId, reason: String) {
        if !self.is_current(conn) {
            return;
        }
        self.timers.cancel(Timer::ConnectTimeout);
        let Some(link) = self.link.take() else {
            return;
        };
        let server = format!("{}:{}", link.target.host, link.target.port);
        self.log(
            LogLevel::Warning,
            format!("could not connect to {server}: {reason}"),
        );
        let hint = if self.config.settings.server.is_some() {
            "Check the Server field in the Advanced tab, and your network and proxy settings."
        } else {
            "Check your network and proxy settings, or enter your server in the Server field of the Advanced tab."
        };
        self.last_connect_error = Some(ConnectionError::new(
            ErrorClass::Network,
            format!("Could not connect to {server}: {reason}. {hint}"),
        ));
        self.try_next_server();
    }

    fn on_closed(&mut self, conn: ConnId, reason: Option<String>) {
        if !self.is_current(conn) {
            return;
        }
        let why = reason.map(|r| format!(" ({r})")).unwrap_or_default();
        let connected = self.link.as_ref().is_some_and(|l| l.connected);
        if !connected {
            self.on_connect_failed(conn, format!("connection closed{why}"));
            return;
        }
        self.link = None;
        let text = if self.phase == Phase::Registered {
            format!("The server closed the connection{why}. Reconnecting.")
        } else {
            format!("The server closed the connection while signing in{why}.")
        };
        self.fail(ConnectionError::new(ErrorClass::Network, text));
    }

    fn on_data(&mut self, conn: ConnId, bytes: &[u8]) {
        if !self.is_current(conn) {
            return;
        }
        if let Some(link) = &mut self.link {
            link.decoder.push(bytes);
        }
        self.heard_from_server();
        loop {
            let Some(link) = &mut self.link else {
                return;
            };
            match link.decoder.next_frame() {
                Ok(None) => return,
                Ok(Some(Frame::KeepAlive)) => {
                    if !self.heard_keepalive() {
                        return;
                    }
                }
                Ok(Some(Frame::Message(msg))) => {
                    self.heard_message();
                    self.trace(false, || {
                        String::from_utf8_lossy(&msg.to_bytes()).into_owned()
                    });
                    self.on_message(msg);
                    if self.phase == Phase::Finished {
                        return;
                    }
                }
                Err(e) => {
                    self.fail(ConnectionError::new(
                        ErrorClass::Network,
                        format!(
                            "The server sent a message purple-lync cannot read ({e}). Reconnecting."
                        ),
                    ));
                    return;
                }
            }
        }
    }

    fn on_message(&mut self, msg: Message) {
        // Once an association exists, what the server sends must carry its valid signature.
        let verification = self.security.as_ref().map(|sa| sa.verify(&msg));
        match verification {
            Some(Verification::Invalid(why)) => {
                self.fail(ConnectionError::new(
                    ErrorClass::Other,
                    format!(
                        "A message from the server failed its signature check ({why}). Signing in was \
                         stopped, because the connection may have been tampered with."
                    ),
                ));
                return;
            }
            Some(Verification::Unsigned) if !self.may_be_unsigned(&msg) => {
                self.log(
                    LogLevel::Warning,
                    "ignoring an unsigned message from the server".to_owned(),
                );
                return;
            }
            _ => {}
        }
        if msg.is_request() {
            self.on_request(msg);
        } else {
            self.on_response(msg);
        }
    }

    /// Lync leaves provisional responses and authentication challenges unsigned.
    fn may_be_unsigned(&self, msg: &Message) -> bool {
        matches!(msg.status_code(), Some(100..=199 | 401 | 407))
            || msg
                .cseq()
                .is_ok_and(|c| c.method.eq_ignore_ascii_case("REGISTER"))
    }

    fn on_request(&mut self, mut msg: Message) {
        let method = msg.method().unwrap_or_default().to_ascii_uppercase();
        match method.as_str() {
            // No answer is expected for ACK.
            "ACK" => {}
            "NOTIFY" | "BENOTIFY" => self.on_notify(&mut msg),
            "INVITE" | "MESSAGE" | "INFO" | "BYE" => self.on_im_request(&method, &msg),
            "CANCEL" => self.respond(&msg, 200, "OK"),
            "OPTIONS" => self.respond(&msg, 200, "OK"),
            _ => {
                self.log(LogLevel::Info, format!("not handled yet: {method}"));
                self.respond(&msg, 501, "Not Implemented");
            }
        }
    }

    /// Answers a server request, signed when an association exists.
    pub(super) fn respond(&mut self, request: &Message, code: u16, reason: &str) {
        let tag = self.registration.tag.clone();
        self.respond_with(request, code, reason, &tag, &[], None);
    }

    /// Answers a server request with our `local_tag` (when To has none), extra headers and
    /// a body; signed when an association exists.
    pub(super) fn respond_with(
        &mut self,
        request: &Message,
        code: u16,
        reason: &str,
        local_tag: &str,
        headers: &[(&str, String)],
        body: Option<(&str, String)>,
    ) {
        let Ok(mut response) = Message::response(code, reason) else {
            return;
        };
        for name in ["Via", "From", "Call-ID", "CSeq"] {
            for value in request.headers(name).map(str::to_owned).collect::<Vec<_>>() {
                let _ = response.add_header(name, value);
            }
        }
        if let Some(to) = request.header("To") {
            let to = if to.contains(";tag=") {
                to.to_owned()
            } else {
                format!("{to};tag={local_tag}")
            };
            let _ = response.add_header("To", to);
        }
        for (name, value) in headers {
            let _ = response.add_header(*name, value.clone());
        }
        if let Some((content_type, body)) = body {
            let _ = response.add_header("Content-Type", content_type);
            response.set_body(body);
        }
        self.sign_and_send(&mut response);
    }

    /// Adds our signature (when an association exists) and sends.
    pub(super) fn sign_and_send(&mut self, msg: &mut Message) {
        if let Some(sa) = &mut self.security {
            match sa.authorization(msg, &[], &mut *self.random) {
                Ok(value) => {
                    let _ = msg.set_header("Authorization", value);
                }
                Err(e) => self.log(LogLevel::Warning, format!("cannot sign: {e}")),
            }
        }
        self.transmit(msg);
    }

    // ---- timers ----

    fn on_timeout(&mut self) {
        self.http_timeout();
        for timer in self.timers.take_expired(self.now) {
            if self.phase == Phase::Finished {
                return;
            }
            match timer {
                Timer::ConnectTimeout => {
                    if let Some(conn) = self.link.as_ref().map(|l| l.id) {
                        self.outputs.push_back(Output::Close { conn });
                        self.on_connect_failed(conn, "no answer within 30 seconds".to_owned());
                    }
                }
                Timer::Transaction(id) => self.on_transaction_timeout(id),
                Timer::RegisterRefresh => self.send_register(),
                Timer::KeepAlive => self.send_keepalive(),
                Timer::Liveness => self.on_liveness_timer(),
                Timer::SubscriptionRefresh(id) => self.on_subscription_refresh(id),
                Timer::Reauthenticate => self.reauthenticate(),
            }
        }
    }

    fn send_keepalive(&mut self) {
        if let Some(link) = &self.link {
            let conn = link.id;
            self.outputs.push_back(Output::Transmit {
                conn,
                bytes: b"\r\n\r\n".to_vec(),
            });
            self.timers.set(Timer::KeepAlive, self.now + self.keepalive);
        }
    }

    fn logout(&mut self) {
        if self.phase == Phase::Registered {
            self.leave_all_chats();
            self.send_unregister();
        }
        self.phase = Phase::Finished;
        self.timers.cancel_all();
        self.shutdown_web();
        if let Some(link) = self.link.take() {
            self.outputs.push_back(Output::Close { conn: link.id });
        }
    }
}

fn describe_records(records: &[(String, u16)]) -> String {
    if records.is_empty() {
        return "no records".to_owned();
    }
    records
        .iter()
        .map(|(h, p)| format!("{h}:{p}"))
        .collect::<Vec<_>>()
        .join(", ")
}

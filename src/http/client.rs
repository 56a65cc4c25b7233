//! The sans-IO HTTP/1.1 client: one logical request at a time, with keep-alive, redirects,
//! cookies, NTLM / Basic authentication and a deadline.
//!
//! Like the SIP engine it does no I/O: [`HttpClient::start`] and [`HttpClient::handle`] turn
//! requests and network events into [`HttpAction`]s for the glue (open a connection, send
//! bytes, close, report the result). Time comes in as `Instant`s; the glue arms one timer
//! for [`HttpClient::poll_timeout`].

use std::fmt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::auth::{
    Scheme, ServerToken, authorization, basic_authorization, choose_scheme, parse_challenges,
    server_ntlm_token,
};
use super::body::Limits;
use super::cookies::CookieJar;
use super::error::HttpError;
use super::headers::Headers;
use super::request::{Method, Request};
use super::response::{Response, ResponseParser};
use super::url::Url;
use crate::auth::ntlm::{AuthenticateInputs, NtlmClient, filetime_from_unix};
use crate::engine::ConnId;
use crate::engine::random::{Random, random_array};

/// How long one logical request (with its redirects and authentication legs) may take.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// Idle keep-alive connections older than this are closed rather than reused: servers and
/// proxies drop idle connections after 30–120 s, and a fresh one is cheaper than a retry.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Redirects followed per request, as browsers cap them too.
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// What the client needs besides the requests.
#[derive(Debug, Clone)]
pub struct HttpClientConfig {
    pub user_agent: String,
    /// NTLM workstation name (this machine's host name).
    pub workstation: String,
    /// Wall-clock time at the `Instant` given to [`HttpClient::new`]; NTLM timestamps need it.
    pub wall_clock: SystemTime,
    pub request_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_redirects: u32,
    pub max_idle_connections: usize,
    pub limits: Limits,
    /// Connection ids are this, this + 1, …, so an embedding engine can keep them apart
    /// from its own.
    pub first_conn_id: ConnId,
}

impl HttpClientConfig {
    pub fn new(
        user_agent: impl Into<String>,
        workstation: impl Into<String>,
        wall_clock: SystemTime,
    ) -> Self {
        Self {
            user_agent: user_agent.into(),
            workstation: workstation.into(),
            wall_clock,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_idle_connections: 4,
            limits: Limits::DEFAULT,
            first_conn_id: 1,
        }
    }
}

/// What happened on the network, as the glue saw it.
#[derive(Clone, PartialEq, Eq)]
pub enum HttpEvent<'a> {
    /// A connection asked for with [`HttpAction::Connect`] is up (TLS done, if TLS).
    Connected { conn: ConnId },
    /// Bytes arrived (decrypted, if TLS).
    Data { conn: ConnId, bytes: &'a [u8] },
    /// The peer or the network closed the connection.
    Closed { conn: ConnId },
    /// The connection could not be set up.
    ConnectFailed { conn: ConnId, reason: String },
}

/// What the client wants done.
#[derive(Clone, PartialEq, Eq)]
pub enum HttpAction {
    Connect {
        conn: ConnId,
        host: String,
        port: u16,
        tls: bool,
    },
    Send {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    Close {
        conn: ConnId,
    },
    /// The request started last is over.
    Done(Result<Response, HttpError>),
}

/// Where a connection goes; connections are reused only for the same target.
#[derive(Clone, PartialEq, Eq, Debug)]
struct Target {
    host: String,
    port: u16,
    tls: bool,
}

impl Target {
    fn of(url: &Url) -> Self {
        Self {
            host: url.host().to_owned(),
            port: url.port(),
            tls: url.is_https(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ConnState {
    Connecting,
    /// Open and carrying the current request.
    Active,
    /// Open, kept alive for the next request to the same target.
    Idle {
        since: Instant,
    },
}

#[derive(Debug)]
struct Connection {
    id: ConnId,
    target: Target,
    state: ConnState,
}

/// Where the current request stands in HTTP authentication.
#[derive(Debug)]
enum AuthStep {
    None,
    /// The NEGOTIATE went out; the server's CHALLENGE must come on the same connection.
    NtlmNegotiateSent {
        scheme: Scheme,
        client: NtlmClient,
    },
    NtlmAuthenticateSent,
    BasicSent,
}

/// The logical request in progress.
#[derive(Debug)]
struct Exchange {
    /// As it goes out now: redirects change URL, method and body.
    request: Request,
    deadline: Instant,
    redirects: u32,
    conn: ConnId,
    parser: ResponseParser,
    /// The request went out on a connection that had been idle. If that closes before any
    /// response byte, the server had dropped it meanwhile: send once more on a new one.
    sent_on_reused: bool,
    stale_retry_used: bool,
    auth: AuthStep,
    /// The `Authorization` value for the next transmission.
    authorization: Option<String>,
}

/// The client. See the module documentation.
pub struct HttpClient {
    config: HttpClientConfig,
    random: Box<dyn Random>,
    cookies: CookieJar,
    connections: Vec<Connection>,
    next_conn: ConnId,
    exchange: Option<Exchange>,
    started_at: Instant,
    now: Instant,
}

impl HttpClient {
    pub fn new(config: HttpClientConfig, random: Box<dyn Random>, now: Instant) -> Self {
        Self {
            next_conn: config.first_conn_id,
            config,
            random,
            cookies: CookieJar::new(),
            connections: Vec::new(),
            exchange: None,
            started_at: now,
            now,
        }
    }

    /// True while a request is in progress; [`start`](Self::start) refuses another then.
    pub fn is_busy(&self) -> bool {
        self.exchange.is_some()
    }

    pub fn cookies(&self) -> &CookieJar {
        &self.cookies
    }

    pub fn cookies_mut(&mut self) -> &mut CookieJar {
        &mut self.cookies
    }

    /// Starts a request. Its result comes as [`HttpAction::Done`], possibly at once (invalid
    /// request, or [`HttpError::Busy`] while another one runs).
    pub fn start(&mut self, request: Request, now: Instant) -> Vec<HttpAction> {
        self.now = now;
        let mut out = Vec::new();
        if self.exchange.is_some() {
            out.push(HttpAction::Done(Err(HttpError::Busy)));
            return out;
        }
        if let Err(error) = request.validate() {
            out.push(HttpAction::Done(Err(error)));
            return out;
        }
        self.close_expired_idle(&mut out);
        let method = request.method;
        self.exchange = Some(Exchange {
            request,
            deadline: now + self.config.request_timeout,
            redirects: 0,
            conn: 0,
            parser: ResponseParser::new(method, self.config.limits),
            sent_on_reused: false,
            stale_retry_used: false,
            auth: AuthStep::None,
            authorization: None,
        });
        self.dispatch(true, &mut out);
        out
    }

    pub fn handle(&mut self, event: HttpEvent<'_>) -> Vec<HttpAction> {
        let mut out = Vec::new();
        match event {
            HttpEvent::Connected { conn } => self.on_connected(conn, &mut out),
            HttpEvent::Data { conn, bytes } => self.on_data(conn, bytes, &mut out),
            HttpEvent::Closed { conn } => self.on_closed(conn, &mut out),
            HttpEvent::ConnectFailed { conn, reason } => {
                self.on_connect_failed(conn, reason, &mut out)
            }
        }
        out
    }

    /// When the current request times out, if one is in progress.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.exchange.as_ref().map(|exchange| exchange.deadline)
    }

    pub fn handle_timeout(&mut self, now: Instant) -> Vec<HttpAction> {
        self.now = now;
        let mut out = Vec::new();
        let timed_out = self
            .exchange
            .as_ref()
            .is_some_and(|exchange| exchange.deadline <= now);
        if let Some(exchange) = self.exchange.take_if(|_| timed_out) {
            self.close(exchange.conn, &mut out);
            let error = HttpError::Timeout {
                url: exchange.request.url,
                after: self.config.request_timeout,
            };
            out.push(HttpAction::Done(Err(error)));
        }
        out
    }

    /// Closes every connection (sign-out); a request in progress ends with
    /// [`HttpError::Cancelled`].
    pub fn shutdown(&mut self) -> Vec<HttpAction> {
        let mut out: Vec<HttpAction> = self
            .connections
            .drain(..)
            .map(|connection| HttpAction::Close {
                conn: connection.id,
            })
            .collect();
        if let Some(exchange) = self.exchange.take() {
            let error = HttpError::Cancelled {
                url: exchange.request.url,
            };
            out.push(HttpAction::Done(Err(error)));
        }
        out
    }

    /// Sends the current request on an idle connection to its target (when `may_reuse`),
    /// or opens a new one.
    fn dispatch(&mut self, may_reuse: bool, out: &mut Vec<HttpAction>) {
        let Some(exchange) = self.exchange.as_mut() else {
            return;
        };
        let target = Target::of(&exchange.request.url);
        let reusable = self
            .connections
            .iter_mut()
            .filter(|c| c.target == target && matches!(c.state, ConnState::Idle { .. }))
            .max_by_key(|c| match c.state {
                ConnState::Idle { since } => Some(since),
                _ => None,
            });
        match reusable {
            Some(connection) if may_reuse => {
                connection.state = ConnState::Active;
                exchange.conn = connection.id;
                exchange.sent_on_reused = true;
                self.transmit(out);
            }
            _ => {
                let id = self.next_conn;
                self.next_conn = self.next_conn.wrapping_add(1);
                exchange.conn = id;
                exchange.sent_on_reused = false;
                out.push(HttpAction::Connect {
                    conn: id,
                    host: target.host.clone(),
                    port: target.port,
                    tls: target.tls,
                });
                self.connections.push(Connection {
                    id,
                    target,
                    state: ConnState::Connecting,
                });
            }
        }
    }

    /// Encodes the current request with cookies and authorization and sends it.
    fn transmit(&mut self, out: &mut Vec<HttpAction>) {
        let Some(exchange) = self.exchange.as_mut() else {
            return;
        };
        let mut extra = Headers::new();
        if let Some(cookie) = self.cookies.cookie_header(&exchange.request.url, self.now) {
            extra.append("Cookie", cookie);
        }
        if let Some(authorization) = &exchange.authorization {
            extra.append("Authorization", authorization.as_str());
        }
        match exchange.request.encode(&self.config.user_agent, &extra) {
            Ok(bytes) => {
                exchange.parser = ResponseParser::new(exchange.request.method, self.config.limits);
                out.push(HttpAction::Send {
                    conn: exchange.conn,
                    bytes,
                });
            }
            Err(error) => {
                let conn = exchange.conn;
                self.exchange = None;
                self.release(conn, out);
                out.push(HttpAction::Done(Err(error)));
            }
        }
    }

    fn current_conn(&self) -> Option<ConnId> {
        self.exchange.as_ref().map(|exchange| exchange.conn)
    }

    fn on_connected(&mut self, conn: ConnId, out: &mut Vec<HttpAction>) {
        let is_current = self.current_conn() == Some(conn);
        let Some(connection) = self.connections.iter_mut().find(|c| c.id == conn) else {
            return;
        };
        if connection.state != ConnState::Connecting {
            return;
        }
        if is_current {
            connection.state = ConnState::Active;
            self.transmit(out);
        } else {
            // Opened for a request that ended meanwhile (e.g. timed out): keep it.
            connection.state = ConnState::Idle { since: self.now };
            self.trim_idle(out);
        }
    }

    fn on_data(&mut self, conn: ConnId, bytes: &[u8], out: &mut Vec<HttpAction>) {
        if self.current_conn() != Some(conn) {
            // Bytes on an idle connection are a protocol error: it cannot be reused.
            if self.connections.iter().any(|c| c.id == conn) {
                self.close(conn, out);
            }
            return;
        }
        let Some(mut exchange) = self.exchange.take() else {
            return;
        };
        match exchange.parser.push(bytes) {
            Ok(None) => self.exchange = Some(exchange),
            Ok(Some(response)) => {
                let reusable =
                    response.keeps_connection_open() && exchange.parser.excess().is_empty();
                self.on_response(exchange, response, reusable, out);
            }
            Err(error) => {
                self.close(conn, out);
                let url = exchange.request.url;
                out.push(HttpAction::Done(Err(HttpError::InvalidResponse {
                    url,
                    error,
                })));
            }
        }
    }

    fn on_closed(&mut self, conn: ConnId, out: &mut Vec<HttpAction>) {
        let Some(index) = self.connections.iter().position(|c| c.id == conn) else {
            return;
        };
        let connection = self.connections.remove(index);
        if self.current_conn() != Some(conn) {
            return;
        }
        let Some(mut exchange) = self.exchange.take() else {
            return;
        };
        let stale = connection.state == ConnState::Active
            && exchange.sent_on_reused
            && !exchange.stale_retry_used
            && !exchange.parser.received_any()
            // The AUTHENTICATE belongs to its connection; it cannot be replayed elsewhere.
            && !matches!(exchange.auth, AuthStep::NtlmAuthenticateSent);
        if stale {
            exchange.stale_retry_used = true;
            self.exchange = Some(exchange);
            self.dispatch(false, out);
            return;
        }
        match exchange.parser.finish() {
            Ok(response) => self.on_response(exchange, response, false, out),
            Err(_) => {
                let url = exchange.request.url;
                out.push(HttpAction::Done(Err(HttpError::ConnectionClosed { url })));
            }
        }
    }

    fn on_connect_failed(&mut self, conn: ConnId, reason: String, out: &mut Vec<HttpAction>) {
        self.connections.retain(|c| c.id != conn);
        if self.current_conn() != Some(conn) {
            return;
        }
        if let Some(exchange) = self.exchange.take() {
            let url = exchange.request.url;
            out.push(HttpAction::Done(Err(HttpError::ConnectFailed {
                host: url.host().to_owned(),
                port: url.port(),
                reason,
            })));
        }
    }

    /// A complete response. `reusable`: the connection may carry another request.
    fn on_response(
        &mut self,
        exchange: Exchange,
        response: Response,
        reusable: bool,
        out: &mut Vec<HttpAction>,
    ) {
        self.cookies
            .store_from_headers(&exchange.request.url, &response.headers, self.now);
        if !reusable {
            self.close(exchange.conn, out);
        }
        if response.status == 401 {
            self.on_unauthorized(exchange, response, reusable, out);
        } else if is_redirect(response.status) && response.headers.contains("location") {
            self.on_redirect(exchange, response, reusable, out);
        } else {
            self.finish(exchange, Ok(response), out);
        }
    }

    fn on_unauthorized(
        &mut self,
        mut exchange: Exchange,
        response: Response,
        reusable: bool,
        out: &mut Vec<HttpAction>,
    ) {
        let challenges = parse_challenges(&response.headers, "www-authenticate");
        let login = exchange
            .request
            .credentials
            .as_ref()
            .map(|credentials| credentials.login().to_owned())
            .unwrap_or_default();
        let url = exchange.request.url.clone();
        match std::mem::replace(&mut exchange.auth, AuthStep::None) {
            AuthStep::NtlmAuthenticateSent | AuthStep::BasicSent => {
                self.finish(
                    exchange,
                    Err(HttpError::AuthenticationFailed { url, login }),
                    out,
                );
            }
            AuthStep::NtlmNegotiateSent { scheme, client } => {
                let protocol_error = |reason: String| HttpError::AuthenticationProtocol {
                    url: url.clone(),
                    reason,
                };
                let challenge = match server_ntlm_token(&challenges, scheme) {
                    ServerToken::Ntlm(challenge) => challenge,
                    ServerToken::Missing => {
                        let error = HttpError::AuthenticationFailed {
                            url: url.clone(),
                            login,
                        };
                        return self.finish(exchange, Err(error), out);
                    }
                    ServerToken::NotNtlm => {
                        let reason = "the server answered with a Kerberos or SPNEGO token; \
                                      only NTLM is supported";
                        return self.finish(exchange, Err(protocol_error(reason.into())), out);
                    }
                };
                if !reusable {
                    let reason = "the server closed the connection in the middle of NTLM \
                                  authentication, which needs one connection for all its steps";
                    return self.finish(exchange, Err(protocol_error(reason.into())), out);
                }
                let inputs = self.ntlm_inputs();
                match client.authenticate(&challenge, &inputs) {
                    Ok(authenticated) => {
                        exchange.authorization =
                            Some(authorization(scheme, &authenticated.message));
                        exchange.auth = AuthStep::NtlmAuthenticateSent;
                        exchange.sent_on_reused = false;
                        self.exchange = Some(exchange);
                        self.transmit(out);
                    }
                    Err(error) => {
                        let reason = format!("unusable NTLM challenge: {error}");
                        self.finish(exchange, Err(protocol_error(reason)), out);
                    }
                }
            }
            AuthStep::None => {
                // A caller that writes its own Authorization handles 401s itself.
                let credentials = exchange
                    .request
                    .credentials
                    .clone()
                    .filter(|_| !exchange.request.headers.contains("authorization"));
                let Some(credentials) = credentials else {
                    return self.finish(exchange, Ok(response), out);
                };
                let basic_allowed = credentials.basic_allowed() && url.is_https();
                match choose_scheme(&challenges, basic_allowed) {
                    None => return self.finish(exchange, Ok(response), out),
                    Some(Scheme::Basic) => {
                        let password = credentials.credentials().password.expose();
                        exchange.authorization =
                            Some(basic_authorization(credentials.login(), password));
                        exchange.auth = AuthStep::BasicSent;
                    }
                    Some(scheme) => {
                        let client = NtlmClient::connection_oriented(
                            credentials.credentials().clone(),
                            self.config.workstation.clone(),
                        );
                        exchange.authorization =
                            Some(authorization(scheme, &client.initial_token()));
                        exchange.auth = AuthStep::NtlmNegotiateSent { scheme, client };
                    }
                }
                self.exchange = Some(exchange);
                if reusable {
                    self.transmit(out);
                } else {
                    self.dispatch(true, out);
                }
            }
        }
    }

    fn on_redirect(
        &mut self,
        mut exchange: Exchange,
        response: Response,
        reusable: bool,
        out: &mut Vec<HttpAction>,
    ) {
        let from = exchange.request.url.clone();
        let location = response.header("location").unwrap_or_default().to_owned();
        if exchange.redirects >= self.config.max_redirects {
            let limit = self.config.max_redirects;
            let error = HttpError::TooManyRedirects { url: from, limit };
            return self.finish(exchange, Err(error), out);
        }
        let to = match from.join(&location) {
            Ok(to) => to,
            Err(error) => {
                let reason = error.reason;
                let error = HttpError::InvalidRedirect {
                    url: from,
                    location,
                    reason,
                };
                return self.finish(exchange, Err(error), out);
            }
        };
        if from.is_https() && !to.is_https() {
            return self.finish(exchange, Err(HttpError::InsecureRedirect { from, to }), out);
        }
        let request = &mut exchange.request;
        // As browsers do: 303 always, and 301/302 after POST, become a GET without body;
        // 307 and 308 repeat the request as it was.
        let becomes_get = match response.status {
            303 => request.method != Method::Head,
            301 | 302 => request.method == Method::Post,
            _ => false,
        };
        if becomes_get {
            request.method = Method::Get;
            request.body.clear();
            for name in ["content-type", "content-encoding", "content-language"] {
                request.headers.remove(name);
            }
        }
        // Credentials are for the host the caller named, not wherever it redirects.
        if to.host() != from.host() {
            request.credentials = None;
            request.headers.remove("authorization");
        }
        request.url = to;
        exchange.redirects += 1;
        exchange.auth = AuthStep::None;
        exchange.authorization = None;
        let conn = exchange.conn;
        if reusable {
            self.release(conn, out);
        }
        self.exchange = Some(exchange);
        self.dispatch(true, out);
    }

    /// Ends the request: its connection goes back to the idle pool if still open.
    fn finish(
        &mut self,
        exchange: Exchange,
        result: Result<Response, HttpError>,
        out: &mut Vec<HttpAction>,
    ) {
        self.exchange = None;
        self.release(exchange.conn, out);
        out.push(HttpAction::Done(result));
    }

    /// Marks an open connection idle, keeping at most `max_idle_connections`.
    fn release(&mut self, conn: ConnId, out: &mut Vec<HttpAction>) {
        if let Some(connection) = self
            .connections
            .iter_mut()
            .find(|c| c.id == conn && c.state == ConnState::Active)
        {
            connection.state = ConnState::Idle { since: self.now };
        }
        self.trim_idle(out);
    }

    fn trim_idle(&mut self, out: &mut Vec<HttpAction>) {
        loop {
            let idle = self.connections.iter().filter_map(|c| match c.state {
                ConnState::Idle { since } => Some((since, c.id)),
                _ => None,
            });
            if idle.clone().count() <= self.config.max_idle_connections {
                return;
            }
            match idle.min() {
                Some((_, oldest)) => self.close(oldest, out),
                None => return,
            }
        }
    }

    fn close_expired_idle(&mut self, out: &mut Vec<HttpAction>) {
        let idle_timeout = self.config.idle_timeout;
        let expired: Vec<ConnId> = self
            .connections
            .iter()
            .filter(|c| match c.state {
                ConnState::Idle { since } => {
                    self.now.saturating_duration_since(since) >= idle_timeout
                }
                _ => false,
            })
            .map(|c| c.id)
            .collect();
        for conn in expired {
            self.close(conn, out);
        }
    }

    fn close(&mut self, conn: ConnId, out: &mut Vec<HttpAction>) {
        if let Some(index) = self.connections.iter().position(|c| c.id == conn) {
            self.connections.remove(index);
            out.push(HttpAction::Close { conn });
        }
    }

    fn ntlm_inputs(&mut self) -> AuthenticateInputs {
        let elapsed = self.now.saturating_duration_since(self.started_at);
        let wall = self.config.wall_clock + elapsed;
        let since_epoch = wall.duration_since(UNIX_EPOCH).unwrap_or_default();
        AuthenticateInputs {
            client_challenge: random_array(&mut *self.random),
            exported_session_key: random_array(&mut *self.random),
            timestamp: filetime_from_unix(since_epoch.as_secs(), since_epoch.subsec_nanos()),
        }
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("connections", &self.connections)
            .field("exchange", &self.exchange)
            .field("cookies", &self.cookies)
            .finish()
    }
}

/// Sent and received bytes appear as redacted text (see [`super::log_text`]).
impl fmt::Debug for HttpEvent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpEvent::Connected { conn } => write!(f, "Connected({conn})"),
            HttpEvent::Data { conn, bytes } => {
                write!(f, "Data({conn}, {:?})", super::log_text(bytes))
            }
            HttpEvent::Closed { conn } => write!(f, "Closed({conn})"),
            HttpEvent::ConnectFailed { conn, reason } => {
                write!(f, "ConnectFailed({conn}, {reason:?})")
            }
        }
    }
}

impl fmt::Debug for HttpAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpAction::Connect {
                conn,
                host,
                port,
                tls,
            } => write!(f, "Connect({conn}, {host}:{port}, tls: {tls})"),
            HttpAction::Send { conn, bytes } => {
                write!(f, "Send({conn}, {:?})", super::log_text(bytes))
            }
            HttpAction::Close { conn } => write!(f, "Close({conn})"),
            HttpAction::Done(result) => write!(f, "Done({result:?})"),
        }
    }
}

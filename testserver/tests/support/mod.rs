//! A virtual world for engine scenario tests: our sans-IO `Session` wired to the test
//! server's `Core`, with a virtual clock and no sockets.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

use lync_testserver::config::Config as ServerConfig;
use lync_testserver::core::Core;
use lync_testserver::tls::Certificates;
use purple_lync::engine::certificate::ProvisionedCertificate;
use purple_lync::engine::random::SeededRandom;
use purple_lync::engine::{Config, ConnId, Event, Input, Output, Session, default_user_agent};
use purple_lync::error::ConnectionError;
use purple_lync::http::{HttpNtlmServer, Limits, RequestParser};
use purple_lync::settings::{AccountSettings, RawSettings, Secret};
use purple_lync::sip::{Decoder, Frame, Message};

pub mod party;

/// Where the web services are: `Core`'s `web_base`.
pub const WEB_HOST: &str = "127.0.0.1";
pub const WEB_PORT: u16 = 4443;

/// NTLM only: what most scenarios test. `TLS_DSK_TOML` offers both.
pub const SERVER_TOML: &str = r#"
domain = "contoso.test"
register_expires = 900
[auth]
schemes = ["ntlm"]
[[users]]
sip = "alice@contoso.test"
login = "CONTOSO\\alice"
password = "Alice-pass-1"
name = "Alice Anders"
[[users]]
sip = "bob@contoso.test"
password = "Bob-pass-2"
[[users]]
sip = "dave@contoso.test"
login = "dave.smith@corp.contoso.test"
password = "Dave-pass-4"
"#;

/// What the fake network does with a connection attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectPlan {
    Accept,
    Refuse(String),
}

/// Decides how each connection attempt to `host:port` ends.
pub type ConnectRule = Box<dyn FnMut(&str, u16) -> ConnectPlan>;

/// Answers an HTTP request (raw bytes) to `host` with raw response bytes.
pub type WebResponder = Box<dyn FnMut(&str, &str) -> String>;

/// Rewrites a message from the server before the client sees it; `None` drops it.
pub type Tamper = Box<dyn FnMut(Message) -> Option<Message>>;

pub struct World {
    pub session: Session,
    pub core: Core,
    pub now: Instant,
    start: Instant,
    wall: SystemTime,
    server_decoders: HashMap<ConnId, Decoder>,
    pub events: Vec<Event>,
    pub connects: Vec<(String, u16, bool)>,
    pub sent: Vec<Message>,
    /// CRLF keep-alives the client sent.
    pub keepalives: usize,
    /// A stopped server (SIGSTOP): it neither reads nor answers, the connection stays up.
    pub frozen: bool,
    pub closed: Vec<ConnId>,
    pub connect_plan: ConnectRule,
    pub srv_answers: HashMap<String, Vec<(String, u16)>>,
    pub tamper: Option<Tamper>,
    /// Hosts answered by `web` (HTTP), not by the SIP core.
    pub web_hosts: Vec<String>,
    pub web: Option<WebResponder>,
    web_conns: HashMap<ConnId, (String, Vec<u8>)>,
    /// Every HTTP request line the client sent, with its host.
    pub web_requests: Vec<(String, String)>,
    /// HTTP connections to `Core`'s web services (WEB_HOST:WEB_PORT).
    core_web_conns: HashMap<ConnId, (RequestParser, HttpNtlmServer)>,
}

/// The server's certificates, made once per test process.
fn certificates() -> &'static Certificates {
    static CERTIFICATES: OnceLock<Certificates> = OnceLock::new();
    CERTIFICATES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("lync-engine-tests-{}", std::process::id()));
        let certificates =
            Certificates::load_or_create(&dir, "lyncfe.contoso.test").expect("test certificates");
        let _ = std::fs::remove_dir_all(&dir);
        certificates
    })
}

/// The same world with both schemes offered, so "Auto" picks TLS-DSK.
pub fn tls_dsk_toml() -> String {
    SERVER_TOML.replace(r#"schemes = ["ntlm"]"#, r#"schemes = ["ntlm", "tls-dsk"]"#)
}

pub fn settings(username: &str, password: &str, options: &[(&str, &str)]) -> AccountSettings {
    AccountSettings::from_raw(&RawSettings {
        username: username.to_owned(),
        password: Some(Secret::new(password)),
        text: options
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        ..RawSettings::default()
    })
    .expect("valid test settings")
}

impl World {
    pub fn new(settings: AccountSettings, server_toml: &str) -> World {
        World::with_certificate(settings, server_toml, None)
    }

    /// A world whose account kept `certificate` from an earlier sign-in.
    pub fn with_certificate(
        settings: AccountSettings,
        server_toml: &str,
        certificate: Option<ProvisionedCertificate>,
    ) -> World {
        let now = Instant::now();
        let wall = SystemTime::now();
        let config = Config {
            settings,
            epid: "a1b2c3d4e5".to_owned(),
            hostname: "testhost".to_owned(),
            default_user_agent: default_user_agent(),
            wall_clock: wall,
            certificate,
        };
        let session = Session::new(config, Box::new(SeededRandom::new(42)), now);
        let server_config = ServerConfig::from_toml(server_toml).expect("server config");
        let mut core = Core::new(server_config, format!("https://{WEB_HOST}:{WEB_PORT}"));
        core.web.authority = Some(certificates().authority());
        World {
            session,
            core,
            now,
            start: now,
            wall,
            server_decoders: HashMap::new(),
            events: Vec::new(),
            connects: Vec::new(),
            sent: Vec::new(),
            keepalives: 0,
            frozen: false,
            closed: Vec::new(),
            connect_plan: Box::new(|_, _| ConnectPlan::Accept),
            srv_answers: HashMap::new(),
            tamper: None,
            web_hosts: Vec::new(),
            web: None,
            web_conns: HashMap::new(),
            web_requests: Vec::new(),
            core_web_conns: HashMap::new(),
        }
    }

    /// The standard world: alice signing in to 127.0.0.1 with her login.
    pub fn alice() -> World {
        World::new(
            settings(
                "alice@contoso.test,CONTOSO\\alice",
                "Alice-pass-1",
                &[("server", "127.0.0.1:5061")],
            ),
            SERVER_TOML,
        )
    }

    /// Alice (`CONTOSO\alice`) signing in to 127.0.0.1 on a server configured by `toml`.
    pub fn alice_on(toml: &str) -> World {
        World::new(
            settings(
                "alice@contoso.test,CONTOSO\\alice",
                "Alice-pass-1",
                &[("server", "127.0.0.1")],
            ),
            toml,
        )
    }

    fn wall_now(&self) -> SystemTime {
        self.wall + self.now.duration_since(self.start)
    }

    pub fn start(&mut self) {
        self.session.start(self.now);
        self.pump();
    }

    pub fn input(&mut self, input: Input<'_>) {
        self.session.handle_input(input, self.now);
        self.pump();
    }

    /// Carries out everything the session asked for until it is quiet.
    pub fn pump(&mut self) {
        while let Some(output) = self.session.poll_output() {
            match output {
                Output::Event(event) => self.events.push(event),
                Output::ResolveSrv(query) => {
                    let records = self
                        .srv_answers
                        .get(&query.name())
                        .cloned()
                        .unwrap_or_default();
                    self.session
                        .handle_input(Input::SrvResolved { records }, self.now);
                }
                // Every well-known name has an address here; connecting tells the rest.
                Output::ResolveHost { .. } => self
                    .session
                    .handle_input(Input::HostResolved { found: true }, self.now),
                Output::Connect {
                    conn,
                    host,
                    port,
                    tls,
                } => {
                    self.connects.push((host.clone(), port, tls));
                    if host == WEB_HOST && port == WEB_PORT {
                        let auth = self.core.new_http_auth();
                        self.core_web_conns
                            .insert(conn, (RequestParser::new(Limits::DEFAULT), auth));
                        self.session
                            .handle_input(Input::Connected { conn, local: None }, self.now);
                        continue;
                    }
                    if self.web_hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
                        self.web_conns.insert(conn, (host, Vec::new()));
                        self.session
                            .handle_input(Input::Connected { conn, local: None }, self.now);
                        continue;
                    }
                    match (self.connect_plan)(&host, port) {
                        ConnectPlan::Accept => {
                            let peer: SocketAddr = "127.0.0.1:40000".parse().unwrap();
                            self.core.connection_opened(u64::from(conn), peer, tls);
                            self.server_decoders.insert(conn, Decoder::new());
                            self.session.handle_input(
                                Input::Connected {
                                    conn,
                                    local: Some("127.0.0.1:40000".parse().unwrap()),
                                },
                                self.now,
                            );
                        }
                        ConnectPlan::Refuse(reason) => {
                            self.session
                                .handle_input(Input::ConnectFailed { conn, reason }, self.now);
                        }
                    }
                }
                Output::Transmit { conn, bytes } if self.core_web_conns.contains_key(&conn) => {
                    self.deliver_to_core_web(conn, &bytes);
                }
                Output::Close { conn } if self.core_web_conns.contains_key(&conn) => {
                    self.core_web_conns.remove(&conn);
                }
                Output::Transmit { conn, bytes } if self.web_conns.contains_key(&conn) => {
                    self.deliver_to_web(conn, &bytes);
                }
                Output::Transmit { .. } if self.frozen => {}
                Output::Transmit { conn, bytes } => {
                    if bytes == b"\r\n\r\n" {
                        self.keepalives += 1;
                        // The server's pong, as lync-testserver's net.rs sends it.
                        self.session.handle_input(
                            Input::Data {
                                conn,
                                bytes: b"\r\n",
                            },
                            self.now,
                        );
                    }
                    self.deliver_to_server(conn, &bytes);
                }
                Output::Close { conn } if self.web_conns.contains_key(&conn) => {
                    self.web_conns.remove(&conn);
                }
                Output::Close { conn } => {
                    self.closed.push(conn);
                    // Nobody else is signed in here: no news for other connections.
                    let wall = self.wall + self.now.duration_since(self.start);
                    let _ = self.core.connection_closed(u64::from(conn), wall);
                    self.server_decoders.remove(&conn);
                }
            }
        }
    }

    fn deliver_to_server(&mut self, conn: ConnId, bytes: &[u8]) {
        let Some(decoder) = self.server_decoders.get_mut(&conn) else {
            return;
        };
        decoder.push(bytes);
        let mut messages = Vec::new();
        loop {
            match decoder.next_frame() {
                Ok(Some(Frame::Message(msg))) => messages.push(msg),
                Ok(Some(Frame::KeepAlive)) => {}
                Ok(None) => break,
                Err(e) => panic!("the client sent an unreadable message: {e}"),
            }
        }
        for msg in messages {
            self.sent.push(msg.clone());
            let wall = self.wall_now();
            for out in self.core.handle(u64::from(conn), msg, wall) {
                self.deliver_to_client(out.conn as ConnId, out.message);
            }
        }
    }

    /// An HTTP request to the test server's web services.
    fn deliver_to_core_web(&mut self, conn: ConnId, bytes: &[u8]) {
        let Some((parser, _)) = self.core_web_conns.get_mut(&conn) else {
            return;
        };
        parser.push(bytes);
        loop {
            let Some((parser, auth)) = self.core_web_conns.get_mut(&conn) else {
                return;
            };
            let request = match parser.next_request() {
                Ok(Some(request)) => request,
                Ok(None) => return,
                Err(e) => panic!("the client sent an unreadable HTTP request: {e}"),
            };
            self.web_requests.push((
                WEB_HOST.to_owned(),
                format!("{} {}", request.method, request.target),
            ));
            let wall = self.wall + self.now.duration_since(self.start);
            let response = self.core.handle_web(&request, auth, wall);
            let bytes = response.to_bytes();
            self.session.handle_input(
                Input::Data {
                    conn,
                    bytes: &bytes,
                },
                self.now,
            );
        }
    }

    fn deliver_to_web(&mut self, conn: ConnId, bytes: &[u8]) {
        let Some((host, buffer)) = self.web_conns.get_mut(&conn) else {
            return;
        };
        buffer.extend_from_slice(bytes);
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
            return;
        };
        let request = String::from_utf8_lossy(&buffer[..end + 4]).into_owned();
        buffer.drain(..end + 4);
        let host = host.clone();
        self.web_requests.push((
            host.clone(),
            request.lines().next().unwrap_or_default().to_owned(),
        ));
        let response = match &mut self.web {
            Some(web) => web(&host, &request),
            None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_owned(),
        };
        self.session.handle_input(
            Input::Data {
                conn,
                bytes: response.as_bytes(),
            },
            self.now,
        );
    }

    /// Sends a message from the server to the client (through the tamper hook).
    pub fn deliver_to_client(&mut self, conn: ConnId, message: Message) {
        let message = match &mut self.tamper {
            Some(tamper) => match tamper(message) {
                Some(m) => m,
                None => return,
            },
            None => message,
        };
        let bytes = message.to_bytes();
        self.session.handle_input(
            Input::Data {
                conn,
                bytes: &bytes,
            },
            self.now,
        );
    }

    /// Moves the virtual clock, firing every deadline on the way.
    pub fn advance(&mut self, by: Duration) {
        let end = self.now + by;
        while let Some(deadline) = self.session.poll_timeout() {
            if deadline > end {
                break;
            }
            self.now = deadline.max(self.now);
            self.session.handle_input(Input::Timeout, self.now);
            self.pump();
        }
        self.now = end;
    }

    pub fn signed_in(&self) -> bool {
        self.events.iter().any(|e| matches!(e, Event::SignedIn))
    }

    pub fn failure(&self) -> Option<&ConnectionError> {
        self.events.iter().find_map(|e| match e {
            Event::Failed(error) => Some(error),
            _ => None,
        })
    }

    /// The certificate the session asked the glue to keep, if any.
    pub fn kept_certificate(&self) -> Option<ProvisionedCertificate> {
        self.events.iter().rev().find_map(|e| match e {
            Event::Certificate(Some(certificate)) => Some((**certificate).clone()),
            _ => None,
        })
    }

    /// Every log line the session wrote.
    pub fn log(&self) -> String {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Log(_, text) => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn registers_sent(&self) -> Vec<&Message> {
        self.sent
            .iter()
            .filter(|m| m.method() == Some("REGISTER"))
            .collect()
    }

    /// The connection the session uses now.
    pub fn current_conn(&self) -> ConnId {
        self.core
            .connections
            .keys()
            .copied()
            .max()
            .expect("an open connection") as ConnId
    }
}

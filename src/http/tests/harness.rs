//! An in-memory network: an [`HttpClient`] against server logic written as a closure, with
//! the server side parsed by [`RequestParser`] and NTLM run by [`HttpNtlmServer`].

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime};

use crate::auth::ntlm::{AvId, Password, TargetInfo, filetime_from_unix};
use crate::engine::ConnId;
use crate::engine::random::SeededRandom;
use crate::http::{
    AuthorizeOutcome, HttpAction, HttpClient, HttpClientConfig, HttpError, HttpEvent,
    HttpNtlmServer, HttpNtlmServerConfig, Limits, Request, RequestParser, Response, ServerRequest,
    ServerResponse, Url,
};

pub const USER_AGENT: &str = "purple-lync-test/1.0";

/// 2023-11-14T22:13:20Z, the wall clock at the client's start.
pub const UNIX_NOW: u64 = 1_700_000_000;

pub fn config() -> HttpClientConfig {
    HttpClientConfig::new(
        USER_AGENT,
        "ALICE-PC",
        SystemTime::UNIX_EPOCH + Duration::from_secs(UNIX_NOW),
    )
}

pub fn url(text: &str) -> Url {
    Url::parse(text).unwrap()
}

/// The one account of the test domain.
pub fn accounts(user: &str, domain: &str) -> Option<Password> {
    match (user, domain) {
        ("alice", "CONTOSO") | ("alice@contoso.com", "") => Some(Password::new("Secret-1")),
        _ => None,
    }
}

pub fn ntlm_config() -> HttpNtlmServerConfig {
    let info = TargetInfo::new()
        .with_name(AvId::NB_DOMAIN_NAME, "CONTOSO")
        .with_name(AvId::NB_COMPUTER_NAME, "POOL01")
        .with_name(AvId::DNS_DOMAIN_NAME, "contoso.com")
        .with_name(AvId::DNS_COMPUTER_NAME, "pool01.contoso.com");
    HttpNtlmServerConfig::new("CONTOSO", info)
}

/// What the server does with a request.
pub enum Reply {
    Send(ServerResponse),
    /// Bytes as they are, e.g. a malformed response.
    Raw(Vec<u8>),
    RawThenClose(Vec<u8>),
    /// Closes the connection without answering.
    Close,
    /// Answers nothing (for timeouts).
    Silence,
}

/// One server-side connection.
pub struct ServerConn {
    pub conn: ConnId,
    pub host: String,
    pub port: u16,
    pub tls: bool,
    /// Requests answered on this connection so far.
    pub served: usize,
    pub ntlm: HttpNtlmServer,
    parser: RequestParser,
    random: SeededRandom,
    /// Closed by the server without the client knowing yet (an idle timeout).
    dead: bool,
}

impl ServerConn {
    /// Runs NTLM (or Basic) against [`accounts`]; `Err` holds the 401 to send.
    pub fn authorize(&mut self, request: &ServerRequest) -> Result<String, Reply> {
        let now = filetime_from_unix(UNIX_NOW, 0);
        match self
            .ntlm
            .authorize(request, &mut self.random, now, accounts)
        {
            AuthorizeOutcome::Authorized(user) => Ok(user.user),
            AuthorizeOutcome::Respond(response) => Err(Reply::Send(response)),
        }
    }
}

/// What happened on the network, in order.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Trace {
    Connect {
        conn: ConnId,
        host: String,
        port: u16,
        tls: bool,
    },
    Request {
        conn: ConnId,
        method: String,
        target: String,
        host: String,
        authorization: Option<String>,
        cookie: Option<String>,
        content_type: Option<String>,
        body: Vec<u8>,
    },
    ClientClose {
        conn: ConnId,
    },
}

impl Trace {
    pub fn is_request(&self) -> bool {
        matches!(self, Trace::Request { .. })
    }
}

type Handler = Box<dyn FnMut(&mut ServerConn, &ServerRequest) -> Reply>;

pub struct Network {
    pub client: HttpClient,
    pub now: Instant,
    pub trace: Vec<Trace>,
    /// Server replies are delivered in pieces of this many bytes.
    pub delivery_size: usize,
    /// `host:port` that refuse connections.
    pub unreachable: Vec<String>,
    pub ntlm_config: HttpNtlmServerConfig,
    handler: Handler,
    conns: HashMap<ConnId, ServerConn>,
}

impl Network {
    pub fn new(handler: impl FnMut(&mut ServerConn, &ServerRequest) -> Reply + 'static) -> Self {
        Self::with_config(config(), handler)
    }

    pub fn with_config(
        config: HttpClientConfig,
        handler: impl FnMut(&mut ServerConn, &ServerRequest) -> Reply + 'static,
    ) -> Self {
        let now = Instant::now();
        Self {
            client: HttpClient::new(config, Box::new(SeededRandom::new(7)), now),
            now,
            trace: Vec::new(),
            delivery_size: usize::MAX,
            unreachable: Vec::new(),
            ntlm_config: ntlm_config(),
            handler: Box::new(handler),
            conns: HashMap::new(),
        }
    }

    /// Runs a request to its result.
    #[track_caller]
    pub fn run(&mut self, request: Request) -> Result<Response, HttpError> {
        self.try_run(request)
            .expect("the client stopped without a result")
    }

    /// Runs a request until the client has nothing more to do; `None` if it still waits.
    pub fn try_run(&mut self, request: Request) -> Option<Result<Response, HttpError>> {
        let actions = self.client.start(request, self.now);
        self.drive(actions)
    }

    /// Carries out actions and the events they cause, until a result or nothing left.
    pub fn drive(&mut self, actions: Vec<HttpAction>) -> Option<Result<Response, HttpError>> {
        let mut queue: VecDeque<HttpAction> = actions.into();
        let mut result = None;
        while let Some(action) = queue.pop_front() {
            let events = match action {
                HttpAction::Connect {
                    conn,
                    host,
                    port,
                    tls,
                } => self.connect(conn, host, port, tls),
                HttpAction::Send { conn, bytes } => self.receive(conn, &bytes),
                HttpAction::Close { conn } => {
                    self.trace.push(Trace::ClientClose { conn });
                    self.conns.remove(&conn);
                    Vec::new()
                }
                HttpAction::Done(done) => {
                    assert!(result.is_none(), "two results for one request");
                    assert!(queue.is_empty(), "actions after Done: {queue:?}");
                    result = Some(done);
                    Vec::new()
                }
            };
            for event in events {
                let event = match &event {
                    OwnedEvent::Connected(conn) => HttpEvent::Connected { conn: *conn },
                    OwnedEvent::Data(conn, bytes) => HttpEvent::Data { conn: *conn, bytes },
                    OwnedEvent::Closed(conn) => HttpEvent::Closed { conn: *conn },
                    OwnedEvent::ConnectFailed(conn) => HttpEvent::ConnectFailed {
                        conn: *conn,
                        reason: "connection refused".into(),
                    },
                };
                queue.extend(self.client.handle(event));
            }
        }
        result
    }

    /// The server drops the connection; the client hears of it only when it next sends.
    pub fn drop_silently(&mut self, conn: ConnId) {
        if let Some(server) = self.conns.get_mut(&conn) {
            server.dead = true;
        }
    }

    /// Open server-side connections.
    pub fn open_conns(&self) -> usize {
        self.conns.len()
    }

    pub fn requests(&self) -> Vec<&Trace> {
        self.trace.iter().filter(|t| t.is_request()).collect()
    }

    pub fn connects(&self) -> usize {
        self.trace
            .iter()
            .filter(|t| matches!(t, Trace::Connect { .. }))
            .count()
    }

    fn connect(&mut self, conn: ConnId, host: String, port: u16, tls: bool) -> Vec<OwnedEvent> {
        self.trace.push(Trace::Connect {
            conn,
            host: host.clone(),
            port,
            tls,
        });
        if self.unreachable.contains(&format!("{host}:{port}")) {
            return vec![OwnedEvent::ConnectFailed(conn)];
        }
        let server = ServerConn {
            conn,
            host,
            port,
            tls,
            served: 0,
            ntlm: HttpNtlmServer::new(self.ntlm_config.clone()),
            parser: RequestParser::new(Limits::DEFAULT),
            random: SeededRandom::new(u64::from(conn)),
            dead: false,
        };
        self.conns.insert(conn, server);
        vec![OwnedEvent::Connected(conn)]
    }

    fn receive(&mut self, conn: ConnId, bytes: &[u8]) -> Vec<OwnedEvent> {
        let Some(server) = self.conns.get_mut(&conn) else {
            panic!("the client sent on connection {conn}, which is not open");
        };
        if server.dead {
            self.conns.remove(&conn);
            return vec![OwnedEvent::Closed(conn)];
        }
        server.parser.push(bytes);
        let mut events = Vec::new();
        while let Some(request) = server.parser.next_request().unwrap() {
            self.trace.push(Trace::Request {
                conn,
                method: request.method.clone(),
                target: request.target.clone(),
                host: request.header("host").unwrap_or_default().to_owned(),
                authorization: request.header("authorization").map(str::to_owned),
                cookie: request.header("cookie").map(str::to_owned),
                content_type: request.header("content-type").map(str::to_owned),
                body: request.body.clone(),
            });
            assert_eq!(request.header("user-agent"), Some(USER_AGENT));
            assert_eq!(request.header("accept-encoding"), Some("identity"));
            let reply = (self.handler)(server, &request);
            server.served += 1;
            let (bytes, close) = match reply {
                Reply::Send(response) => (response.to_bytes(), response.close),
                Reply::Raw(bytes) => (bytes, false),
                Reply::RawThenClose(bytes) => (bytes, true),
                Reply::Close => (Vec::new(), true),
                Reply::Silence => (Vec::new(), false),
            };
            for piece in bytes.chunks(self.delivery_size.max(1)) {
                events.push(OwnedEvent::Data(conn, piece.to_vec()));
            }
            if close {
                events.push(OwnedEvent::Closed(conn));
                self.conns.remove(&conn);
                break;
            }
        }
        events
    }
}

enum OwnedEvent {
    Connected(ConnId),
    Data(ConnId, Vec<u8>),
    Closed(ConnId),
    ConnectFailed(ConnId),
}

/// A 200 with a text body.
pub fn ok(text: &str) -> Reply {
    Reply::Send(ServerResponse::new(200).with_body("text/plain", text))
}

pub fn redirect(status: u16, location: &str) -> Reply {
    Reply::Send(ServerResponse::new(status).with_header("Location", location))
}

/// The fields of a traced request.
pub fn request_at(network: &Network, index: usize) -> Trace {
    network.requests()[index].clone()
}

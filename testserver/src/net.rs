//! The server on real sockets: SIP over TLS and TCP, and HTTPS.
//!
//! Plain threads and blocking sockets. Each connection has its own thread, which reads with a
//! short timeout, frames SIP messages with [`Decoder`], hands each one to the shared
//! [`Core`] and, between reads, writes whatever was queued for its connection. `Core` may
//! answer on any connection (an IM goes to the callee), so every connection has an outbox
//! (a channel) that only its own thread drains; messages are queued while `Core` is still
//! locked, so the order `Core` produced them in is the order they go out in.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, SystemTime};

use openssl::ssl::{SslAcceptor, SslStream};
use purple_lync::sip::{Decoder, Frame, Message};

use crate::config::Config;
use crate::core::{ConnId, Core, Counters, Outgoing};
use crate::https;

/// How long a read waits before the thread looks at its outbox again.
const POLL_INTERVAL: Duration = Duration::from_millis(20);
/// TLS handshake and writes: a peer that stalls longer is dropped.
pub(crate) const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections beyond this are closed at once (a test server needs few; a flood gets none).
const MAX_CONNECTIONS: usize = 512;
const READ_CHUNK: usize = 16 * 1024;

macro_rules! log {
    ($($arg:tt)*) => {
        eprintln!("lync-testserver: {}", format_args!($($arg)*))
    };
}
pub(crate) use log;

#[derive(Debug)]
pub struct NetError(pub String);

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NetError {}

/// What the connection threads share.
pub(crate) struct Shared {
    state: Mutex<State>,
    pub(crate) acceptor: SslAcceptor,
    next_conn: AtomicU64,
    live_connections: AtomicUsize,
}

struct State {
    core: Core,
    outboxes: HashMap<ConnId, Sender<Vec<u8>>>,
}

impl State {
    /// Queues what `Core` produced while handling something from connection `from`.
    fn deliver(&self, from: ConnId, outgoing: Vec<Outgoing>) {
        for Outgoing { conn, message } in outgoing {
            let delivered = self
                .outboxes
                .get(&conn)
                .is_some_and(|outbox| outbox.send(message.to_bytes()).is_ok());
            if !delivered {
                log!("conn {from}: dropped a message for conn {conn}, which is closed");
            }
        }
    }
}

impl Shared {
    /// The state, even after a panic in another thread (Core's handlers are caught; the state
    /// they leave is still better than a dead server).
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn counters(&self) -> Counters {
        self.lock().core.counters.clone()
    }

    /// See [`Core::make_versions_stale`]; returns how many publications changed.
    pub(crate) fn make_versions_stale(&self, user: &str) -> usize {
        self.lock().core.make_versions_stale(user)
    }

    pub(crate) fn new_http_auth(&self) -> purple_lync::http::HttpNtlmServer {
        self.lock().core.new_http_auth()
    }

    /// Hands one web service request to `Core` (a panic answers 500).
    pub(crate) fn handle_web(
        &self,
        request: &purple_lync::http::ServerRequest,
        http_auth: &mut purple_lync::http::HttpNtlmServer,
        now: SystemTime,
    ) -> purple_lync::http::ServerResponse {
        let mut state = self.lock();
        catch_unwind(AssertUnwindSafe(|| {
            state.core.handle_web(request, http_auth, now)
        }))
        .unwrap_or_else(|_| {
            log!("https: the server panicked on {}", request.path());
            purple_lync::http::ServerResponse::new(500)
        })
    }
}

/// Where the listeners are.
#[derive(Debug, Clone)]
pub struct Addresses {
    pub sip_tls: SocketAddr,
    pub sip_tcp: Option<SocketAddr>,
    pub https: SocketAddr,
}

/// The ready line's fields, in the documented order.
#[derive(serde::Serialize)]
struct ReadyLine<'a> {
    sip_tls: String,
    sip_tcp: Option<String>,
    https: String,
    domain: &'a str,
    ca_pem: String,
}

pub struct Server {
    shared: Arc<Shared>,
    sip_tls: TcpListener,
    sip_tcp: Option<TcpListener>,
    https: TcpListener,
    domain: String,
}

fn bind(what: &str, address: &str) -> Result<TcpListener, NetError> {
    TcpListener::bind(address)
        .map_err(|e| NetError(format!("cannot listen ({what}) on {address}: {e}")))
}

fn local_addr(listener: &TcpListener) -> Result<SocketAddr, NetError> {
    listener
        .local_addr()
        .map_err(|e| NetError(format!("listener address: {e}")))
}

impl Server {
    /// Binds every configured listener; nothing is accepted before [`Server::start`].
    pub fn bind(config: Config, acceptor: SslAcceptor) -> Result<Server, NetError> {
        let sip_tls = bind("listen.sip_tls", &config.listen.sip_tls)?;
        let sip_tcp = match &config.listen.sip_tcp {
            Some(address) => Some(bind("listen.sip_tcp", address)?),
            None => None,
        };
        let https = bind("listen.https", &config.listen.https)?;
        let https_addr = local_addr(&https)?;
        // The web services' base URL (TLS-DSK's sts-uri): the listener's own IP, which the
        // certificate names, unless it listens on all addresses.
        let web_host = match https_addr.ip() {
            ip if ip.is_unspecified() => config.server_name(),
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        let web_base = format!("https://{web_host}:{}", https_addr.port());
        let domain = config.domain.clone();
        let core = Core::new(config, web_base);
        Ok(Server {
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    core,
                    outboxes: HashMap::new(),
                }),
                acceptor,
                next_conn: AtomicU64::new(1),
                live_connections: AtomicUsize::new(0),
            }),
            sip_tls,
            sip_tcp,
            https,
            domain,
        })
    }

    pub fn addresses(&self) -> Result<Addresses, NetError> {
        Ok(Addresses {
            sip_tls: local_addr(&self.sip_tls)?,
            sip_tcp: self.sip_tcp.as_ref().map(local_addr).transpose()?,
            https: local_addr(&self.https)?,
        })
    }

    /// The line printed on stdout once the server accepts connections.
    pub fn ready_line(&self, ca_pem: &Path) -> Result<String, NetError> {
        let addresses = self.addresses()?;
        let ready = ReadyLine {
            sip_tls: addresses.sip_tls.to_string(),
            sip_tcp: addresses.sip_tcp.map(|a| a.to_string()),
            https: addresses.https.to_string(),
            domain: &self.domain,
            ca_pem: ca_pem.display().to_string(),
        };
        serde_json::to_string(&ready).map_err(|e| NetError(format!("ready line: {e}")))
    }

    /// Enables TLS-DSK: certificate provisioning signs with this CA, and the TLS-DSK
    /// handshake presents the server certificate and accepts the CA's client certificates.
    pub fn with_authority(self, authority: crate::authority::Authority) -> Server {
        self.shared.lock().core.web.authority = Some(authority);
        self
    }

    /// Starts one accepting thread per listener and returns.
    pub fn start(self) -> Result<(), NetError> {
        let Server {
            shared,
            sip_tls,
            sip_tcp,
            https,
            ..
        } = self;
        spawn_acceptor("sip-tls", sip_tls, Arc::clone(&shared), Kind::SipTls)?;
        if let Some(listener) = sip_tcp {
            spawn_acceptor("sip-tcp", listener, Arc::clone(&shared), Kind::SipTcp)?;
        }
        spawn_acceptor("https", https, shared, Kind::Https)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    SipTls,
    SipTcp,
    Https,
}

fn spawn_acceptor(
    name: &str,
    listener: TcpListener,
    shared: Arc<Shared>,
    kind: Kind,
) -> Result<(), NetError> {
    thread::Builder::new()
        .name(format!("accept-{name}"))
        .spawn(move || accept_loop(listener, shared, kind))
        .map(drop)
        .map_err(|e| NetError(format!("cannot start the {name} listener thread: {e}")))
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>, kind: Kind) {
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(accepted) => accepted,
            Err(e) => {
                // E.g. out of file descriptors: wait instead of spinning.
                log!("accept failed: {e}");
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        // Each SIP message is one write; Nagle would hold it back behind an unacked one.
        let _ = stream.set_nodelay(true);
        if shared.live_connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.live_connections.fetch_sub(1, Ordering::SeqCst);
            log!("refusing {peer}: {MAX_CONNECTIONS} connections open already");
            let _ = stream.shutdown(Shutdown::Both);
            continue;
        }
        let thread_shared = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name(format!("conn-{peer}"))
            .spawn(move || {
                match kind {
                    Kind::SipTls | Kind::SipTcp => {
                        serve_sip(&thread_shared, stream, peer, kind == Kind::SipTls);
                    }
                    Kind::Https => https::serve(&thread_shared, stream, peer),
                }
                thread_shared
                    .live_connections
                    .fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            shared.live_connections.fetch_sub(1, Ordering::SeqCst);
            log!("cannot start a thread for {peer}: {e}");
        }
    }
}

/// A client connection, with or without TLS.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<SslStream<TcpStream>>),
}

impl Stream {
    pub(crate) fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(tcp) => tcp,
            Stream::Tls(tls) => tls.get_ref(),
        }
    }

    /// Completes the server side of the TLS handshake within [`IO_TIMEOUT`].
    pub(crate) fn accept_tls(acceptor: &SslAcceptor, tcp: TcpStream) -> io::Result<Stream> {
        tcp.set_read_timeout(Some(IO_TIMEOUT))?;
        tcp.set_write_timeout(Some(IO_TIMEOUT))?;
        acceptor
            .accept(tcp)
            .map(|tls| Stream::Tls(Box::new(tls)))
            .map_err(|e| io::Error::other(format!("TLS handshake failed: {e}")))
    }

    /// Says goodbye properly (TLS close_notify) and closes.
    pub(crate) fn close(mut self) {
        let _ = self.flush();
        if let Stream::Tls(tls) = &mut self {
            let _ = tls.shutdown();
        }
        let _ = self.tcp().shutdown(Shutdown::Both);
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(tcp) => tcp.read(buf),
            Stream::Tls(tls) => tls.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(tcp) => tcp.write(buf),
            Stream::Tls(tls) => tls.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(tcp) => tcp.flush(),
            Stream::Tls(tls) => tls.flush(),
        }
    }
}

fn serve_sip(shared: &Shared, tcp: TcpStream, peer: SocketAddr, tls: bool) {
    let transport = if tls { "TLS" } else { "TCP" };
    let stream = if tls {
        match Stream::accept_tls(&shared.acceptor, tcp) {
            Ok(stream) => stream,
            Err(e) => {
                log!("SIP/{transport} {peer}: {e}");
                return;
            }
        }
    } else {
        Stream::Plain(tcp)
    };
    let id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
    let (outbox, queued) = channel();
    {
        let mut state = shared.lock();
        state.core.connection_opened(id, peer, tls);
        state.outboxes.insert(id, outbox);
    }
    log!("conn {id}: opened, SIP/{transport} from {peer}");
    let mut connection = SipConnection {
        id,
        shared,
        stream,
        queued,
        decoder: Decoder::new(),
        crlfs_in_row: 0,
    };
    let why = connection.run();
    {
        let mut state = shared.lock();
        state.outboxes.remove(&id);
        let news = state.core.connection_closed(id, SystemTime::now());
        state.deliver(id, news);
    }
    log!("conn {id}: closed ({why})");
    connection.stream.close();
}

struct SipConnection<'a> {
    id: ConnId,
    shared: &'a Shared,
    stream: Stream,
    queued: Receiver<Vec<u8>>,
    decoder: Decoder,
    /// CRLFs since the last message: every second one completes a ping.
    crlfs_in_row: u32,
}

impl SipConnection<'_> {
    /// Serves the connection until it ends; returns why it ended.
    fn run(&mut self) -> String {
        let timeouts = self
            .stream
            .tcp()
            .set_read_timeout(Some(POLL_INTERVAL))
            .and_then(|()| self.stream.tcp().set_write_timeout(Some(IO_TIMEOUT)));
        if let Err(e) = timeouts {
            return format!("socket setup failed: {e}");
        }
        let mut buf = vec![0u8; READ_CHUNK];
        // Set once a write failed: the client may have said goodbye and closed without
        // reading our answers (pidgin-sipe sends its un-SUBSCRIBEs and REGISTER Expires: 0
        // and closes at once), so what it sent before is still read and handled.
        let mut write_failure: Option<String> = None;
        loop {
            if write_failure.is_none() {
                if let Err(why) = self.send_queued() {
                    write_failure = Some(why);
                }
            } else {
                while self.queued.try_recv().is_ok() {}
            }
            let ended = |why: String| match &write_failure {
                Some(write) => format!("{write}; then {why}"),
                None => why,
            };
            match self.stream.read(&mut buf) {
                Ok(0) => return ended("closed by the client".to_owned()),
                Ok(n) => self.decoder.push(&buf[..n]),
                Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => {
                    if let Some(write) = &write_failure {
                        return write.clone();
                    }
                    continue;
                }
                Err(e) => return ended(format!("read failed: {e}")),
            }
            loop {
                match self.decoder.next_frame() {
                    Ok(Some(Frame::Message(message))) => {
                        self.crlfs_in_row = 0;
                        self.dispatch(message);
                    }
                    Ok(Some(Frame::KeepAlive)) => {
                        // A double-CRLF ping gets a single-CRLF pong (RFC 5626 §3.5.1,
                        // §4.4.1; the hop-by-hop keep-alive of MS-CONMGMT that REGISTER
                        // negotiates with ms-keep-alive). Clients that never ping see none.
                        self.crlfs_in_row += 1;
                        if self.crlfs_in_row.is_multiple_of(2)
                            && write_failure.is_none()
                            && let Err(e) = self.stream.write_all(b"\r\n")
                        {
                            write_failure = Some(format!("write failed: {e}"));
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return format!("unreadable SIP: {e}"),
                }
            }
        }
    }

    fn send_queued(&mut self) -> Result<(), String> {
        loop {
            match self.queued.try_recv() {
                Ok(bytes) => self
                    .stream
                    .write_all(&bytes)
                    .and_then(|()| self.stream.flush())
                    .map_err(|e| format!("write failed: {e}"))?,
                Err(TryRecvError::Empty) => return Ok(()),
                Err(TryRecvError::Disconnected) => return Err("outbox gone".to_owned()),
            }
        }
    }

    /// Hands one message to `Core` and queues its answers.
    fn dispatch(&mut self, message: Message) {
        let id = self.id;
        let summary = summarize(&message);
        let mut state = self.shared.lock();
        let handled = catch_unwind(AssertUnwindSafe(|| {
            state.core.handle(id, message, SystemTime::now())
        }));
        let outgoing = match handled {
            Ok(outgoing) => outgoing,
            Err(_) => {
                log!("conn {id}: {summary} -> the server panicked; nothing sent");
                return;
            }
        };
        let answers: Vec<String> = outgoing
            .iter()
            .filter(|o| o.conn == id)
            .filter_map(|o| o.message.status_code())
            .map(|code| code.to_string())
            .collect();
        state.deliver(id, outgoing);
        drop(state);
        if answers.is_empty() {
            log!("conn {id}: {summary}");
        } else {
            log!("conn {id}: {summary} -> {}", answers.join(", "));
        }
    }
}

pub(crate) fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// One log line's worth of a message: never credentials (no Authorization values).
fn summarize(message: &Message) -> String {
    let cseq = message.header("CSeq").unwrap_or("?");
    match message.method() {
        Some(method) => {
            let from = message.from().map(|f| f.uri).unwrap_or_default();
            let mut line = format!(
                "{method} {} from {from}",
                message.request_uri().unwrap_or("?")
            );
            if let Some(event) = message.header("Event") {
                line.push_str(&format!(" Event: {event}"));
            }
            if let Ok(Some(expires)) = message.expires() {
                line.push_str(&format!(" Expires: {expires}"));
            }
            if let Some(auth) = message.header("Authorization") {
                let scheme = auth.split_whitespace().next().unwrap_or("?");
                let step = if auth.contains("gssapi-data") {
                    "handshake"
                } else {
                    "signed"
                };
                line.push_str(&format!(" ({scheme} {step})"));
            }
            line
        }
        None => format!(
            "response {} to {cseq}",
            message.status_code().unwrap_or_default()
        ),
    }
}

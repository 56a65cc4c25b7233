//! One byte stream to a server (plain TCP, or TLS through rustls) without libpurple: the glue
//! in `purple/transport.rs` owns the socket and tells this when it is readable or writable.
//!
//! Two rules keep it honest under load and abuse:
//! - nothing handed to [`StreamLink::queue`] is dropped: bytes wait in our own queue until
//!   TLS (whose plaintext buffer holds only 64 KiB) or the socket takes them, and a queue the
//!   peer does not drain past [`Limits::max_pending`] fails the link instead of losing data;
//! - one [`StreamLink::on_readable`] call reads at most [`Limits::read_budget`] bytes, so a
//!   peer that floods us cannot grow memory before the session has looked at what came (the
//!   socket watch is level-triggered and calls again while bytes wait).

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection};

/// How much one link may hold and read at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes one readable event reads before yielding to the main loop.
    pub read_budget: usize,
    /// Bytes queued for a peer that is not reading before the link is given up.
    pub max_pending: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        read_budget: 256 * 1024,
        // Above the largest message the session writes (a 20,000-contact batch SUBSCRIBE is
        // about 1 MB) many times over; a peer that leaves this much unread is gone.
        max_pending: 64 * 1024 * 1024,
    };
}

/// What reading from a link produced.
#[derive(Debug, PartialEq)]
pub enum ReadEvent {
    /// TCP connected and, for TLS, the handshake finished.
    Established,
    Data(Vec<u8>),
    /// The peer closed the stream (`None`) or the socket failed (`Some(reason)`).
    Closed(Option<String>),
    /// The TLS handshake or a TLS record failed.
    TlsFailed(rustls::Error),
}

/// Why bytes could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The peer left more than [`Limits::max_pending`] bytes unread.
    PeerNotReading {
        pending: usize,
    },
    Socket(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::PeerNotReading { pending } => write!(
                f,
                "the server stopped taking data ({pending} bytes could not be sent)"
            ),
            WriteError::Socket(reason) => f.write_str(reason),
        }
    }
}

pub struct StreamLink<S> {
    stream: S,
    tls: Option<ClientConnection>,
    /// Bytes queued but not yet taken by TLS (or, without TLS, by the socket).
    pending: Pending,
    established: bool,
    limits: Limits,
}

impl<S: Read + Write> StreamLink<S> {
    /// A plain TCP link: established at once.
    pub fn plain(stream: S, limits: Limits) -> StreamLink<S> {
        StreamLink {
            stream,
            tls: None,
            pending: Pending::default(),
            established: true,
            limits,
        }
    }

    /// A TLS link: the handshake starts with the first [`StreamLink::flush`].
    pub fn tls(
        stream: S,
        config: Arc<ClientConfig>,
        host: &str,
        limits: Limits,
    ) -> Result<StreamLink<S>, String> {
        let name = ServerName::try_from(host.to_owned())
            .map_err(|_| format!("\"{host}\" is not a valid server name"))?;
        let connection =
            ClientConnection::new(config, name).map_err(|e| format!("cannot start TLS: {e}"))?;
        Ok(StreamLink {
            stream,
            tls: Some(connection),
            pending: Pending::default(),
            established: false,
            limits,
        })
    }

    pub fn is_established(&self) -> bool {
        self.established
    }

    pub fn stream(&self) -> &S {
        &self.stream
    }

    /// Bytes queued and not yet handed to TLS or the socket.
    pub fn pending_len(&self) -> usize {
        self.pending.len
    }

    /// Queues bytes to send (call [`StreamLink::flush`] after). Never drops them.
    pub fn queue(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        self.pending.len += bytes.len();
        self.pending.chunks.push_back(bytes);
    }

    /// Writes what the socket takes. `Ok(true)` while bytes are still waiting.
    pub fn flush(&mut self) -> Result<bool, WriteError> {
        let result = match self.tls.as_mut() {
            Some(tls) => flush_tls(tls, &mut self.stream, &mut self.pending),
            None => flush_plain(&mut self.stream, &mut self.pending),
        };
        match result {
            Ok(waiting) if self.pending.len > self.limits.max_pending => {
                debug_assert!(waiting);
                Err(WriteError::PeerNotReading {
                    pending: self.pending.len,
                })
            }
            other => other,
        }
    }

    /// Reads at most the read budget. Events come in order; `Closed`/`TlsFailed` end the link.
    pub fn on_readable(&mut self) -> Vec<ReadEvent> {
        let mut events = Vec::new();
        let mut data = Vec::new();
        let budget = self.limits.read_budget;
        match self.tls.as_mut() {
            None => {
                let mut buf = vec![0u8; 16 * 1024];
                while data.len() < budget {
                    let room = (budget - data.len()).min(buf.len());
                    match self.stream.read(&mut buf[..room]) {
                        Ok(0) => {
                            push_data(&mut events, &mut data);
                            events.push(ReadEvent::Closed(None));
                            return events;
                        }
                        Ok(n) => data.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(e) => {
                            push_data(&mut events, &mut data);
                            events.push(ReadEvent::Closed(Some(e.to_string())));
                            return events;
                        }
                    }
                }
            }
            Some(tls) => {
                let mut wire = 0usize;
                while wire < budget {
                    match tls.read_tls(&mut self.stream) {
                        Ok(0) => {
                            push_data(&mut events, &mut data);
                            events.push(ReadEvent::Closed(None));
                            return events;
                        }
                        Ok(n) => wire += n,
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                        Err(e) => {
                            push_data(&mut events, &mut data);
                            events.push(ReadEvent::Closed(Some(e.to_string())));
                            return events;
                        }
                    }
                    if let Err(error) = tls.process_new_packets() {
                        // Tell the peer why (an alert), then give up on this link.
                        let _ = tls.write_tls(&mut self.stream);
                        push_data(&mut events, &mut data);
                        events.push(ReadEvent::TlsFailed(error));
                        return events;
                    }
                    if !self.established && !tls.is_handshaking() {
                        self.established = true;
                        events.push(ReadEvent::Established);
                    }
                    // Always take all plaintext a record produced: what stays inside rustls
                    // would wait for a socket event that may never come.
                    if let Some(reason) = drain_plaintext(tls, &mut data) {
                        push_data(&mut events, &mut data);
                        events.push(ReadEvent::Closed(reason));
                        return events;
                    }
                }
            }
        }
        push_data(&mut events, &mut data);
        events
    }

    /// Says goodbye (TLS close_notify) as far as the socket takes it right now.
    pub fn shutdown(&mut self) {
        if let Some(tls) = self.tls.as_mut() {
            tls.send_close_notify();
            while tls.wants_write() {
                if tls.write_tls(&mut self.stream).is_err() {
                    break;
                }
            }
        }
    }
}

fn push_data(events: &mut Vec<ReadEvent>, data: &mut Vec<u8>) {
    if !data.is_empty() {
        events.push(ReadEvent::Data(std::mem::take(data)));
    }
}

/// Moves decrypted bytes out of rustls. `Some(reason)` when the peer closed the TLS stream.
fn drain_plaintext(tls: &mut ClientConnection, data: &mut Vec<u8>) -> Option<Option<String>> {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match tls.reader().read(&mut buf) {
            Ok(0) => return Some(None),
            Ok(n) => data.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return None,
            Err(e) => return Some(Some(e.to_string())),
        }
    }
}

/// Queued bytes: whole chunks as queued, the front one partly taken.
#[derive(Default)]
struct Pending {
    chunks: VecDeque<Vec<u8>>,
    /// Bytes of the front chunk already taken.
    front_taken: usize,
    /// Bytes not taken yet, over all chunks.
    len: usize,
}

impl Pending {
    /// What is left of the front chunk.
    fn front(&self) -> Option<&[u8]> {
        self.chunks.front().map(|front| &front[self.front_taken..])
    }

    /// `n` bytes of the front chunk were taken.
    fn advance(&mut self, n: usize) {
        self.front_taken += n;
        self.len -= n;
        if self
            .chunks
            .front()
            .is_some_and(|front| self.front_taken == front.len())
        {
            self.chunks.pop_front();
            self.front_taken = 0;
        }
    }
}

fn flush_tls<S: Write>(
    tls: &mut ClientConnection,
    stream: &mut S,
    pending: &mut Pending,
) -> Result<bool, WriteError> {
    loop {
        // Encrypted bytes first: rustls takes more plaintext only as it sends records.
        while tls.wants_write() {
            match tls.write_tls(stream) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(WriteError::Socket(e.to_string())),
            }
        }
        // Application data waits for the handshake (rustls would buffer it unbounded).
        if tls.is_handshaking() {
            return Ok(pending.len > 0);
        }
        let Some(front) = pending.front() else {
            return Ok(false);
        };
        let taken = tls
            .writer()
            .write(front)
            .map_err(|e| WriteError::Socket(e.to_string()))?;
        if taken == 0 && !tls.wants_write() {
            // rustls refused bytes without anything to send: never loop on that.
            return Err(WriteError::Socket(
                "TLS would not take more data".to_owned(),
            ));
        }
        pending.advance(taken);
    }
}

fn flush_plain<S: Write>(stream: &mut S, pending: &mut Pending) -> Result<bool, WriteError> {
    while let Some(front) = pending.front() {
        match stream.write(front) {
            Ok(0) => {
                return Err(WriteError::Socket(
                    "the connection stopped taking data".to_owned(),
                ));
            }
            Ok(n) => pending.advance(n),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(WriteError::Socket(e.to_string())),
        }
    }
    Ok(false)
}

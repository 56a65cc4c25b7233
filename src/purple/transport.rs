//! One transport link: the socket libpurple connected for us (through Pidgin's proxy
//! settings), with rustls on top when the link is TLS. No libpurple calls here: the driver
//! watches the socket and tells the link when it is readable or writable.

use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};

use crate::link::{Limits, ReadEvent, StreamLink};

use super::ffi::{PurpleProxyConnectData, guint};
use super::tls::{UntrustedCertificate, client_config};

/// What reading from a link produced.
#[derive(Debug)]
pub enum LinkEvent {
    /// TCP connected and, for TLS, the handshake finished.
    Established {
        local: Option<SocketAddr>,
    },
    Data(Vec<u8>),
    Closed(Option<String>),
    /// Setting up the link failed (TLS handshake error).
    Failed(String),
    /// The server's certificate needs the user's decision.
    Untrusted(UntrustedCertificate),
}

pub struct Link {
    pub host: String,
    pub port: u16,
    pub tls: bool,
    /// The pending `purple_proxy_connect`, NULL once it called back.
    pub connecting: *mut PurpleProxyConnectData,
    stream: Option<StreamLink<TcpStream>>,
    /// The socket as libpurple numbers it (for `purple_input_add`).
    pub fd: i32,
    rejected: Option<Arc<Mutex<Option<UntrustedCertificate>>>>,
    pub read_watch: guint,
    pub write_watch: guint,
    /// Bytes queued before the socket was attached (none in practice: the session sends
    /// only after `Established`), kept rather than dropped.
    early: Vec<Vec<u8>>,
}

/// Wraps a connected socket libpurple handed over; we own (and close) it from now on.
fn socket_from(fd: i32) -> TcpStream {
    #[cfg(unix)]
    {
        use std::os::fd::FromRawFd;
        // SAFETY: libpurple passes a connected socket it no longer uses; we take ownership.
        unsafe { TcpStream::from_raw_fd(fd) }
    }
    #[cfg(windows)]
    {
        use std::os::windows::io::FromRawSocket;
        // SAFETY: as above; libpurple's descriptors are Winsock SOCKETs on Windows.
        unsafe { TcpStream::from_raw_socket(fd as u32 as std::os::windows::io::RawSocket) }
    }
}

impl Link {
    pub fn new(host: String, port: u16, tls: bool) -> Link {
        Link {
            host,
            port,
            tls,
            connecting: std::ptr::null_mut(),
            stream: None,
            fd: -1,
            rejected: None,
            read_watch: 0,
            write_watch: 0,
            early: Vec::new(),
        }
    }

    /// Takes over the connected socket; for TLS, starts the handshake. Returns the event for
    /// plain TCP (established at once) or nothing (TLS: wait for the handshake).
    pub fn attach(&mut self, fd: i32, pins: Vec<[u8; 32]>) -> Result<Option<LinkEvent>, String> {
        let socket = socket_from(fd);
        socket
            .set_nonblocking(true)
            .map_err(|e| format!("cannot use the socket: {e}"))?;
        self.fd = fd;
        let local = socket.local_addr().ok();
        let mut stream = if self.tls {
            let (config, rejected) = client_config(pins);
            self.rejected = Some(rejected);
            StreamLink::tls(socket, config, &self.host, Limits::DEFAULT)?
        } else {
            StreamLink::plain(socket, Limits::DEFAULT)
        };
        for bytes in self.early.drain(..) {
            stream.queue(bytes);
        }
        let established = stream.is_established();
        self.stream = Some(stream);
        Ok(established.then_some(LinkEvent::Established { local }))
    }

    pub fn is_attached(&self) -> bool {
        self.stream.is_some()
    }

    /// Reads what one readable event may (the watch calls again while bytes wait). Events
    /// come in order; `Closed`/`Failed`/`Untrusted` end the link.
    pub fn on_readable(&mut self) -> Vec<LinkEvent> {
        let Some(stream) = self.stream.as_mut() else {
            return Vec::new();
        };
        let mut events = Vec::new();
        for event in stream.on_readable() {
            events.push(match event {
                ReadEvent::Established => LinkEvent::Established {
                    local: stream.stream().local_addr().ok(),
                },
                ReadEvent::Data(bytes) => LinkEvent::Data(bytes),
                ReadEvent::Closed(reason) => LinkEvent::Closed(reason),
                ReadEvent::TlsFailed(error) => {
                    let untrusted = self.rejected.as_ref().and_then(|r| r.lock().ok()?.take());
                    match untrusted {
                        Some(cert) => LinkEvent::Untrusted(cert),
                        None => LinkEvent::Failed(format!("TLS failed: {error}")),
                    }
                }
            });
        }
        events
    }

    /// Queues bytes to send (call [`Link::flush`] after); nothing queued is ever dropped.
    pub fn queue(&mut self, bytes: Vec<u8>) {
        match self.stream.as_mut() {
            Some(stream) => stream.queue(bytes),
            None => self.early.push(bytes),
        }
    }

    /// Writes what the socket takes. `Ok(true)` when bytes are still waiting; an error when
    /// the link cannot send what was queued (the link must then be closed).
    pub fn flush(&mut self) -> Result<bool, String> {
        match self.stream.as_mut() {
            Some(stream) => stream.flush().map_err(|e| e.to_string()),
            None => Ok(false),
        }
    }

    /// Says goodbye (TLS close_notify) and closes the socket.
    pub fn shutdown(&mut self) {
        if let Some(stream) = self.stream.as_mut() {
            let _ = stream.flush();
            stream.shutdown();
        }
        self.stream = None;
        self.fd = -1;
    }
}

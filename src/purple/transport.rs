//! One transport link: the socket libpurple connected for us (through Pidgin's proxy
//! settings), with rustls on top when the link is TLS. No libpurple calls here: the driver
//! watches the socket and tells the link when it is readable or writable.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};

use rustls::ClientConnection;
use rustls::pki_types::ServerName;

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
    socket: Option<TcpStream>,
    /// The socket as libpurple numbers it (for `purple_input_add`).
    pub fd: i32,
    tls_state: Option<ClientConnection>,
    rejected: Option<Arc<Mutex<Option<UntrustedCertificate>>>>,
    pub read_watch: guint,
    pub write_watch: guint,
    /// Plain-TCP bytes the socket did not take yet.
    outgoing: Vec<u8>,
    pub established: bool,
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
            socket: None,
            fd: -1,
            tls_state: None,
            rejected: None,
            read_watch: 0,
            write_watch: 0,
            outgoing: Vec::new(),
            established: false,
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
        self.socket = Some(socket);
        if !self.tls {
            self.established = true;
            return Ok(Some(LinkEvent::Established { local }));
        }
        let (config, rejected) = client_config(pins);
        let name = ServerName::try_from(self.host.clone())
            .map_err(|_| format!("\"{}\" is not a valid server name", self.host))?;
        let connection =
            ClientConnection::new(config, name).map_err(|e| format!("cannot start TLS: {e}"))?;
        self.tls_state = Some(connection);
        self.rejected = Some(rejected);
        Ok(None)
    }

    pub fn is_attached(&self) -> bool {
        self.socket.is_some()
    }

    /// Reads everything available. Events come in order; `Closed`/`Failed` end the link.
    pub fn on_readable(&mut self) -> Vec<LinkEvent> {
        let mut events = Vec::new();
        let Some(socket) = self.socket.as_mut() else {
            return events;
        };
        let mut buf = vec![0u8; 16 * 1024];
        match self.tls_state.as_mut() {
            None => loop {
                match socket.read(&mut buf) {
                    Ok(0) => {
                        events.push(LinkEvent::Closed(None));
                        break;
                    }
                    Ok(n) => events.push(LinkEvent::Data(buf[..n].to_vec())),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => {
                        events.push(LinkEvent::Closed(Some(e.to_string())));
                        break;
                    }
                }
            },
            Some(tls) => loop {
                match tls.read_tls(socket) {
                    Ok(0) => {
                        events.push(LinkEvent::Closed(None));
                        break;
                    }
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => {
                        events.push(LinkEvent::Closed(Some(e.to_string())));
                        break;
                    }
                }
                if let Err(error) = tls.process_new_packets() {
                    // Tell the server why, then give up on this link.
                    let _ = tls.write_tls(socket);
                    let untrusted = self.rejected.as_ref().and_then(|r| r.lock().ok()?.take());
                    events.push(match untrusted {
                        Some(cert) => LinkEvent::Untrusted(cert),
                        None => LinkEvent::Failed(format!("TLS handshake failed: {error}")),
                    });
                    return events;
                }
                if !self.established && !tls.is_handshaking() {
                    self.established = true;
                    events.push(LinkEvent::Established {
                        local: socket.local_addr().ok(),
                    });
                }
                loop {
                    match tls.reader().read(&mut buf) {
                        Ok(0) => {
                            events.push(LinkEvent::Closed(None));
                            return events;
                        }
                        Ok(n) => events.push(LinkEvent::Data(buf[..n].to_vec())),
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) => {
                            events.push(LinkEvent::Closed(Some(e.to_string())));
                            return events;
                        }
                    }
                }
            },
        }
        events
    }

    /// Queues plaintext to send (call [`Link::flush`] after).
    pub fn queue(&mut self, bytes: &[u8]) {
        match self.tls_state.as_mut() {
            Some(tls) => {
                let _ = tls.writer().write_all(bytes);
            }
            None => self.outgoing.extend_from_slice(bytes),
        }
    }

    /// Writes what the socket takes. `Ok(true)` when bytes are still waiting.
    pub fn flush(&mut self) -> Result<bool, String> {
        let Some(socket) = self.socket.as_mut() else {
            return Ok(false);
        };
        match self.tls_state.as_mut() {
            Some(tls) => {
                while tls.wants_write() {
                    match tls.write_tls(socket) {
                        Ok(_) => {}
                        Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(e) => return Err(e.to_string()),
                    }
                }
                Ok(false)
            }
            None => {
                while !self.outgoing.is_empty() {
                    match socket.write(&self.outgoing) {
                        Ok(0) => return Err("the connection stopped taking data".to_owned()),
                        Ok(n) => {
                            self.outgoing.drain(..n);
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
                        Err(e) if e.kind() == ErrorKind::Interrupted => {}
                        Err(e) => return Err(e.to_string()),
                    }
                }
                Ok(false)
            }
        }
    }

    /// Says goodbye (TLS close_notify) and closes the socket.
    pub fn shutdown(&mut self) {
        if let Some(tls) = self.tls_state.as_mut() {
            tls.send_close_notify();
        }
        let _ = self.flush();
        self.tls_state = None;
        self.socket = None;
        self.fd = -1;
        self.established = false;
    }
}

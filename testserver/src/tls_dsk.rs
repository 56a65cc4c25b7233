//! TLS-DSK on REGISTER, the server's side: an OpenSSL server (a TLS implementation
//! independent of the plugin's) runs the inner handshake over an in-memory stream fed from
//! `gssapi-data`, requires a client certificate from our CA issued to the registering user,
//! and derives the signing keys from the "client EAP encryption" export (MS-SIPAE).

use std::io::{self, Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use openssl::ssl::{HandshakeError, MidHandshakeSslStream, Ssl, SslRef, SslVersion};
use purple_lync::auth::tls_dsk::{CipherSuite, SessionKeys, TlsVersion};
use purple_lync::engine::security::{Mac, TlsDskMac};
use purple_lync::sip::{AuthParams, Message, format_auth_value};

use crate::core::{ConnId, Core, Outgoing};
use crate::net::log;
use crate::registrar::{REALM, VERSION};
use crate::signing::ServerSa;

/// Bytes between the SIP legs: what the client's `gssapi-data` carried in, what OpenSSL
/// wrote out. With nothing to read OpenSSL stops (WouldBlock) until the next REGISTER.
#[derive(Debug, Default)]
pub struct Pipe {
    incoming: Vec<u8>,
    outgoing: Vec<u8>,
}

impl Read for Pipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.incoming.is_empty() {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let count = buf.len().min(self.incoming.len());
        buf[..count].copy_from_slice(&self.incoming[..count]);
        self.incoming.drain(..count);
        Ok(count)
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.outgoing.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A handshake waiting for the client's next leg.
#[derive(Debug)]
pub struct PendingTlsDsk {
    opaque: String,
    handshake: MidHandshakeSslStream<Pipe>,
}

/// What one leg of the handshake produced.
enum Leg {
    /// Send these records and wait for the next leg.
    Continue(Vec<u8>, MidHandshakeSslStream<Pipe>),
    /// The handshake is complete: send these records (ChangeCipherSpec, Finished).
    Done(Vec<u8>, openssl::ssl::SslStream<Pipe>),
    /// It failed: send these records (an alert), with the reason for the log.
    Failed(Vec<u8>, String),
}

fn run_leg(result: Result<openssl::ssl::SslStream<Pipe>, HandshakeError<Pipe>>) -> Leg {
    match result {
        Ok(mut stream) => Leg::Done(std::mem::take(&mut stream.get_mut().outgoing), stream),
        Err(HandshakeError::WouldBlock(mut mid)) => {
            Leg::Continue(std::mem::take(&mut mid.get_mut().outgoing), mid)
        }
        Err(HandshakeError::Failure(mut mid)) => {
            let why = mid.error().to_string();
            Leg::Failed(std::mem::take(&mut mid.get_mut().outgoing), why)
        }
        Err(HandshakeError::SetupFailure(e)) => Leg::Failed(Vec::new(), e.to_string()),
    }
}

/// One record per flight, as Schannel writes it: OpenSSL puts each handshake message in a
/// record of its own, and pidgin-sipe's parser fails on a record holding only the empty
/// ServerHelloDone. Only for the plaintext first flight (protected records cannot merge).
fn coalesce_handshake_records(records: &[u8]) -> Vec<u8> {
    const HANDSHAKE: u8 = 22;
    const MAX_FRAGMENT: usize = 1 << 14;
    let mut out: Vec<u8> = Vec::with_capacity(records.len());
    // Where the record being extended starts in `out`.
    let mut open: Option<usize> = None;
    let mut rest = records;
    while rest.len() >= 5 {
        let length = usize::from(u16::from_be_bytes([rest[3], rest[4]]));
        let Some(fragment) = rest.get(5..5 + length) else {
            break;
        };
        let header = &rest[..5];
        match open {
            Some(start)
                if header[0] == HANDSHAKE
                    && out[start + 1..start + 3] == header[1..3]
                    && out.len() - start - 5 + length <= MAX_FRAGMENT =>
            {
                out.extend_from_slice(fragment);
                let merged = u16::try_from(out.len() - start - 5).unwrap_or(u16::MAX);
                out[start + 3..start + 5].copy_from_slice(&merged.to_be_bytes());
            }
            _ => {
                open = (header[0] == HANDSHAKE).then_some(out.len());
                out.extend_from_slice(header);
                out.extend_from_slice(fragment);
            }
        }
        rest = &rest[5 + length..];
    }
    out.extend_from_slice(rest);
    out
}

fn tls_version(ssl: &SslRef) -> Option<TlsVersion> {
    match ssl.version2()? {
        v if v == SslVersion::TLS1 => Some(TlsVersion::Tls10),
        v if v == SslVersion::TLS1_1 => Some(TlsVersion::Tls11),
        v if v == SslVersion::TLS1_2 => Some(TlsVersion::Tls12),
        _ => None,
    }
}

impl Core {
    /// A TLS-DSK REGISTER carrying handshake records.
    pub fn tls_dsk_register(
        &mut self,
        conn: ConnId,
        msg: &Message,
        auth: &AuthParams,
        data: &str,
    ) -> Vec<Outgoing> {
        let Ok(records) = BASE64.decode(data.trim()) else {
            return self.tls_dsk_refused(conn, msg, Vec::new(), "gssapi-data is not base64");
        };
        let pending = self
            .connections
            .get_mut(&conn)
            .and_then(|c| c.auth.tls_dsk.take())
            .filter(|p| auth.param("opaque") == Some(p.opaque.as_str()));
        let (opaque, leg) = match pending {
            Some(PendingTlsDsk {
                opaque,
                mut handshake,
            }) => {
                handshake.get_mut().incoming = records;
                (opaque, run_leg(handshake.handshake()))
            }
            None => {
                let Some(authority) = self.web.authority.as_ref() else {
                    return self.tls_dsk_refused(conn, msg, Vec::new(), "no certificate authority");
                };
                let ssl = authority
                    .tls_dsk_context(&self.config.auth.tls_dsk_versions)
                    .and_then(|context| Ssl::new(&context));
                let ssl = match ssl {
                    Ok(ssl) => ssl,
                    Err(e) => return self.tls_dsk_refused(conn, msg, Vec::new(), &e.to_string()),
                };
                let pipe = Pipe {
                    incoming: records,
                    outgoing: Vec::new(),
                };
                (
                    self.random_hex(4).to_ascii_uppercase(),
                    run_leg(ssl.accept(pipe)),
                )
            }
        };
        match leg {
            Leg::Continue(out, handshake) => {
                let out = coalesce_handshake_records(&out);
                if let Some(c) = self.connections.get_mut(&conn) {
                    c.auth.tls_dsk = Some(PendingTlsDsk {
                        opaque: opaque.clone(),
                        handshake,
                    });
                }
                self.tls_dsk_leg(conn, msg, &opaque, &out)
            }
            Leg::Done(out, stream) => match self.tls_dsk_association(msg, &opaque, stream.ssl()) {
                Ok(sa) => {
                    self.counters.tls_dsk_handshakes += 1;
                    if let Some(c) = self.connections.get_mut(&conn) {
                        c.sa = Some(sa);
                    }
                    self.tls_dsk_leg(conn, msg, &opaque, &out)
                }
                Err(why) => self.tls_dsk_refused(conn, msg, Vec::new(), &why),
            },
            Leg::Failed(out, why) => self.tls_dsk_refused(conn, msg, out, &why),
        }
    }

    /// The keys of a completed handshake, if its certificate belongs to the registering user.
    fn tls_dsk_association(
        &self,
        msg: &Message,
        opaque: &str,
        ssl: &SslRef,
    ) -> Result<ServerSa, String> {
        let from = msg
            .from()
            .map(|f| f.uri.to_ascii_lowercase())
            .unwrap_or_default();
        let account = self
            .accounts
            .get(&from)
            .ok_or_else(|| format!("{from} is not a user here"))?;
        let subject = ssl
            .peer_certificate()
            .and_then(|c| {
                c.subject_name()
                    .entries_by_nid(openssl::nid::Nid::COMMONNAME)
                    .next()
                    .and_then(|e| e.data().to_string().ok())
            })
            .unwrap_or_default();
        if !format!("sip:{subject}").eq_ignore_ascii_case(&account.uri) {
            return Err(format!(
                "the certificate is for {subject:?}, not {}",
                account.uri
            ));
        }
        let version = tls_version(ssl).ok_or("unexpected TLS version")?;
        let suite = ssl
            .current_cipher()
            .map(|c| u16::from_be_bytes(c.protocol_id()))
            .and_then(CipherSuite::from_id)
            .ok_or("unexpected cipher suite")?;
        let mut material = [0u8; 128];
        ssl.export_keying_material(&mut material, "client EAP encryption", None)
            .map_err(|e| format!("key export failed: {e}"))?;
        let server_der = self
            .web
            .authority
            .as_ref()
            .map(|a| a.server_certificate_der())
            .unwrap_or_default();
        let keys = SessionKeys::from_eap_key_material(version, suite, &material, server_der);
        log!(
            "TLS-DSK: {} authenticated with its certificate ({version}, {})",
            account.uri,
            suite.name()
        );
        Ok(ServerSa::new(
            "TLS-DSK",
            REALM,
            &self.server_name,
            opaque,
            VERSION,
            Mac::TlsDsk(TlsDskMac::for_server(&keys)),
            &account.uri,
        ))
    }

    /// 401 carrying the server's records of this leg.
    fn tls_dsk_leg(
        &mut self,
        conn: ConnId,
        msg: &Message,
        opaque: &str,
        records: &[u8],
    ) -> Vec<Outgoing> {
        let header = format_auth_value(
            "TLS-DSK",
            &[
                ("opaque", opaque),
                ("gssapi-data", &BASE64.encode(records)),
                ("targetname", &self.server_name),
                ("realm", REALM),
                ("version", &VERSION.to_string()),
            ],
        );
        let mut response = self.response_to(msg, 401, "Unauthorized");
        let _ = response.add_header("WWW-Authenticate", header);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    /// The handshake failed: the alert (if OpenSSL wrote one) goes back to the client.
    fn tls_dsk_refused(
        &mut self,
        conn: ConnId,
        msg: &Message,
        alert: Vec<u8>,
        why: &str,
    ) -> Vec<Outgoing> {
        self.counters.auth_failures += 1;
        log!("TLS-DSK: handshake refused: {why}");
        let opaque = self.random_hex(4).to_ascii_uppercase();
        // Without an alert from OpenSSL, a fatal handshake_failure says the same.
        let alert = if alert.is_empty() {
            vec![21, 3, 1, 0, 2, 2, 40]
        } else {
            alert
        };
        let mut out = self.tls_dsk_leg(conn, msg, &opaque, &alert);
        if let Some(first) = out.first_mut() {
            let why = why.replace(['"', '\n', '\r'], "'");
            let diagnostic = format!("4000;reason=\"TLS-DSK: {why}\";source=\"lync-testserver\"");
            let _ = first.message.add_header("ms-diagnostics", diagnostic);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::coalesce_handshake_records;

    #[test]
    fn handshake_records_merge_and_others_stay() {
        let records = [
            &[22, 3, 1, 0, 2, 0xAA, 0xBB][..],
            &[22, 3, 1, 0, 1, 0xCC],
            &[22, 3, 1, 0, 0],
            &[20, 3, 1, 0, 1, 1],
            &[22, 3, 1, 0, 1, 0xDD],
        ]
        .concat();
        assert_eq!(
            coalesce_handshake_records(&records),
            [
                &[22, 3, 1, 0, 3, 0xAA, 0xBB, 0xCC][..],
                &[20, 3, 1, 0, 1, 1],
                &[22, 3, 1, 0, 1, 0xDD],
            ]
            .concat()
        );
        assert_eq!(coalesce_handshake_records(&[22, 3]), [22, 3]);
    }
}

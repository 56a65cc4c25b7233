//! The server's logic, without sockets: messages in, messages out.
//!
//! The network layer (`net`) feeds every message a connection delivers to [`Core::handle`]
//! and sends what it returns to the connections named. Tests drive `Core` directly.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::SystemTime;

use purple_lync::auth::ntlm::Password;
use purple_lync::engine::random::{OsRandom, Random, random_hex};
use purple_lync::sip::Message;

use crate::conference::{Conferences, conf_target};
use crate::config::{Config, User};
use crate::directory::Directory;
use crate::logins::Logins;
use crate::notifier::Subscriptions;
use crate::proxy::{Proxy, is_routed_method};
use crate::registrar::ConnAuth;
use crate::signing::ServerSa;

pub type ConnId = u64;

/// A message for one connection.
#[derive(Debug)]
pub struct Outgoing {
    pub conn: ConnId,
    pub message: Message,
}

/// Counters the tests read (e.g. to prove a sign-in needed no web-service round trip).
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Counters {
    pub registers: u64,
    pub signed_in: u64,
    /// REGISTERs with `Expires: 0` that were accepted.
    pub signed_out: u64,
    pub auth_failures: u64,
    /// Requests to the web services (HTTPS), not counting `/counters` itself.
    pub https_requests: u64,
    /// Category publications accepted, and refused for stale versions (409).
    pub publications: u64,
    pub publish_conflicts: u64,
    /// Contact-list edits that changed the list.
    pub contact_edits: u64,
    pub directory_searches: u64,
    /// Requests forwarded from one user to another.
    pub routed: u64,
    /// Conferences created (multiparty chats).
    pub conferences: u64,
    /// Web tickets issued, and refused because the claim was not the login's SIP address.
    pub web_tickets: u64,
    pub web_ticket_refusals: u64,
    /// TLS-DSK client certificates issued by certificate provisioning.
    pub certificates_issued: u64,
    /// TLS-DSK handshakes completed.
    pub tls_dsk_handshakes: u64,
}

/// A configured user, indexed.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    /// `sip:` URI, lower-case.
    pub uri: String,
    /// The logins that name this user (the SIP address only if it is also the UPN).
    pub logins: Logins,
}

/// One client connection.
#[derive(Debug)]
pub struct Connection {
    pub id: ConnId,
    pub peer: SocketAddr,
    pub tls: bool,
    pub auth: ConnAuth,
    /// Established security association (signs what we send, checks what we get).
    pub sa: Option<ServerSa>,
    /// The user registered on this connection.
    pub user: Option<String>,
    /// The endpoint id (From `epid`) it registered with; GRUUs name it.
    pub epid: Option<String>,
}

pub struct Core {
    pub config: Config,
    pub accounts: HashMap<String, Account>,
    pub connections: HashMap<ConnId, Connection>,
    pub counters: Counters,
    pub random: Box<dyn Random + Send>,
    /// The server's own host name (targetname).
    pub server_name: String,
    /// Base URL of the web services, for TLS-DSK's sts-uri.
    pub web_base: String,
    pub directory: Directory,
    pub subscriptions: Subscriptions,
    pub proxy: Proxy,
    pub conferences: Conferences,
    /// The web services' state (TLS-DSK: CA, web tickets).
    pub web: crate::webservices::WebState,
}

impl Core {
    pub fn new(config: Config, web_base: String) -> Core {
        let netbios_domain = config.netbios_domain();
        let accounts = config
            .users
            .iter()
            .map(|user| {
                let uri = format!("sip:{}", user.sip.to_ascii_lowercase());
                // `Config::check` refused unresolvable logins; a config built by hand that
                // has one gets a user nobody can sign in as.
                let logins = Logins::of(user, &netbios_domain).unwrap_or_else(|_| Logins {
                    netbios_domain: netbios_domain.clone(),
                    sam_account_name: String::new(),
                    upn: None,
                });
                (
                    uri.clone(),
                    Account {
                        user: user.clone(),
                        uri,
                        logins,
                    },
                )
            })
            .collect();
        Core {
            server_name: config.server_name(),
            directory: Directory::new(&config),
            subscriptions: Subscriptions::default(),
            proxy: Proxy::default(),
            conferences: Conferences::default(),
            accounts,
            config,
            connections: HashMap::new(),
            counters: Counters::default(),
            random: Box::new(OsRandom),
            web_base,
            web: crate::webservices::WebState::default(),
        }
    }

    pub fn connection_opened(&mut self, id: ConnId, peer: SocketAddr, tls: bool) {
        self.connections.insert(
            id,
            Connection {
                id,
                peer,
                tls,
                auth: ConnAuth::default(),
                sa: None,
                user: None,
                epid: None,
            },
        );
    }

    /// Forgets a connection; if it was someone's last, their watchers hear they left.
    pub fn connection_closed(&mut self, id: ConnId, now: SystemTime) -> Vec<Outgoing> {
        let mut out = self.conference_connection_closed(id, now);
        let user = self.connections.remove(&id).and_then(|c| c.user);
        self.subscriptions.connection_closed(id);
        self.proxy.connection_closed(id);
        match user {
            Some(uri) if !self.is_signed_in(&uri) => out.extend(self.sign_in_changed(&uri, now)),
            _ => {}
        }
        out
    }

    pub fn random_hex(&mut self, bytes: usize) -> String {
        random_hex(&mut *self.random, bytes)
    }

    /// The account NTLM's UserName and DomainName fields name: `DOMAIN` + sAMAccountName, or
    /// a UPN with an empty domain, as Active Directory resolves them (see [`crate::logins`]).
    /// A SIP address names its user only where it is also the UPN.
    pub fn account_for_login(&self, user: &str, domain: &str) -> Option<&Account> {
        self.accounts
            .values()
            .find(|account| account.logins.accepts(user, domain))
    }

    pub fn password_for_login(&self, user: &str, domain: &str) -> Option<Password> {
        self.account_for_login(user, domain)
            .map(|a| Password::new(a.user.password.clone()))
    }

    /// Handles one message from connection `conn`.
    pub fn handle(&mut self, conn: ConnId, msg: Message, now: SystemTime) -> Vec<Outgoing> {
        let Some(method) = msg.method().map(str::to_ascii_uppercase) else {
            return self.handle_response(conn, msg);
        };
        if method == "REGISTER" {
            return self.handle_register(conn, &msg, now);
        }
        let registered = self
            .connections
            .get(&conn)
            .is_some_and(|c| c.user.is_some());
        if method == "ACK" && !registered {
            return Vec::new();
        }
        if !registered {
            return self.reply(
                conn,
                &msg,
                403,
                "Forbidden",
                &[("ms-diagnostics", "1000;reason=\"Not registered\"")],
            );
        }
        if let Some(problem) = self.check_signature(conn, &msg) {
            if method == "ACK" {
                return Vec::new();
            }
            return self.reply(
                conn,
                &msg,
                401,
                "Unauthorized",
                &[("ms-diagnostics", problem.as_str())],
            );
        }
        // Conference parts (focus factory, focus, chat MCU) are the server's own; a
        // SUBSCRIBE to a focus is a subscription like any other.
        let conference_part = msg.request_uri().and_then(conf_target);
        if let Some(target) = conference_part.filter(|_| method != "SUBSCRIBE") {
            return self.conference_request(conn, &msg, target, now);
        }
        match method.as_str() {
            "SUBSCRIBE" => self.handle_subscribe(conn, &msg, now),
            "SERVICE" => self.handle_service(conn, &msg, now),
            m if is_routed_method(m) => {
                self.counters.routed += 1;
                self.route_request(conn, msg)
            }
            _ => self.reply(conn, &msg, 501, "Not Implemented", &[]),
        }
    }

    /// A response to `request` on `conn`, signed when the connection has an association.
    pub fn reply(
        &mut self,
        conn: ConnId,
        request: &Message,
        code: u16,
        reason: &str,
        extra: &[(&str, &str)],
    ) -> Vec<Outgoing> {
        let mut response = self.response_to(request, code, reason);
        for (name, value) in extra {
            let _ = response.add_header(*name, *value);
        }
        self.sign(conn, &mut response);
        vec![Outgoing {
            conn,
            message: response,
        }]
    }

    /// A response with the dialog headers of `request` and our To tag.
    pub fn response_to(&mut self, request: &Message, code: u16, reason: &str) -> Message {
        let mut response = Message::response(code, reason).unwrap_or_else(|_| {
            Message::response(500, "Server Internal Error").expect("a fixed valid status line")
        });
        for name in ["Via", "From", "Call-ID", "CSeq"] {
            for value in request.headers(name).map(str::to_owned).collect::<Vec<_>>() {
                let _ = response.add_header(name, value);
            }
        }
        if let Some(to) = request.header("To") {
            let to = if to.contains("tag=") {
                to.to_owned()
            } else {
                format!("{to};tag={}", self.random_hex(8))
            };
            let _ = response.add_header("To", to);
        }
        let _ = response.add_header("Server", "RTC/6.0");
        response
    }

    /// Signs a message we send on `conn` (no-op before authentication).
    pub fn sign(&mut self, conn: ConnId, msg: &mut Message) {
        let rand = self.random_hex(4);
        if let Some(sa) = self.connections.get_mut(&conn).and_then(|c| c.sa.as_mut()) {
            sa.sign(msg, &rand);
        }
    }

    /// Checks the client's signature on a request; `Some(diagnostic)` when it is not valid.
    pub fn check_signature(&self, conn: ConnId, msg: &Message) -> Option<String> {
        let sa = self.connections.get(&conn)?.sa.as_ref()?;
        sa.verify(msg).err()
    }
}

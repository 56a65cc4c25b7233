//! Requests between users (INVITE, ACK, MESSAGE, INFO, BYE, REFER …): routed to the
//! callee's connection, each hop signed with that connection's association, and their
//! responses routed back. The `echo = true` user is played by the server itself.

use std::collections::HashMap;

use purple_lync::im;
use purple_lync::sip::Message;

use crate::core::{ConnId, Core, Outgoing};
use crate::dialog::{ServerDialog, address_of_record, gruu_epid, is_hop_auth, rebuild};

/// Where a request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Connection(ConnId),
    /// The echo bot with this URI.
    Bot(String),
    /// A configured user with no registered connection.
    Offline(String),
    Unknown(String),
    /// The domain or the server itself.
    Server,
}

/// A request we forwarded, waiting for its responses.
#[derive(Debug, Clone)]
struct Pending {
    origin: ConnId,
    /// The Via we put on top, taken off the responses.
    via: String,
}

#[derive(Debug, Default)]
pub struct Proxy {
    /// By (Call-ID, CSeq number, CSeq method).
    pending: HashMap<(String, u32, String), Pending>,
    /// The bot's IM dialogs, by Call-ID.
    bot_dialogs: HashMap<String, ServerDialog>,
}

impl Proxy {
    /// Forgets everything that involved a closed connection.
    pub fn connection_closed(&mut self, conn: ConnId) {
        self.pending.retain(|_, p| p.origin != conn);
        self.bot_dialogs.retain(|_, d| d.conn != conn);
    }
}

fn transaction_key(msg: &Message) -> Option<(String, u32, String)> {
    let cseq = msg.cseq().ok()?;
    Some((
        msg.call_id().ok()?.to_owned(),
        cseq.seq,
        cseq.method.to_ascii_uppercase(),
    ))
}

impl Core {
    /// The connections a user is registered on, oldest first.
    pub fn connections_of(&self, uri: &str) -> Vec<ConnId> {
        let mut found: Vec<ConnId> = self
            .connections
            .values()
            .filter(|c| c.user.as_deref() == Some(uri))
            .map(|c| c.id)
            .collect();
        found.sort_unstable();
        found
    }

    pub fn is_signed_in(&self, uri: &str) -> bool {
        self.connections
            .values()
            .any(|c| c.user.as_deref() == Some(uri))
    }

    /// Who a request is for: the Request-URI's user, the endpoint its GRUU (or the To
    /// header's epid) names when that user is signed in more than once.
    pub fn target_of(&self, request: &Message) -> Target {
        let request_uri = request.request_uri().unwrap_or_default();
        let aor = address_of_record(request_uri);
        let host = aor.split('@').nth(1).unwrap_or_default();
        if aor == format!("sip:{}", self.config.domain) || host == self.server_name {
            return Target::Server;
        }
        let Some(account) = self.accounts.get(&aor) else {
            return Target::Unknown(aor);
        };
        if account.user.echo {
            return Target::Bot(aor);
        }
        let connections = self.connections_of(&aor);
        let to_epid = request
            .to()
            .ok()
            .and_then(|to| to.param("epid").map(str::to_owned));
        let wanted_epid = gruu_epid(request_uri).map(str::to_owned).or(to_epid);
        let chosen = wanted_epid
            .and_then(|epid| {
                connections.iter().copied().find(|id| {
                    self.connections
                        .get(id)
                        .and_then(|c| c.epid.as_deref())
                        .is_some_and(|e| e.eq_ignore_ascii_case(&epid))
                })
            })
            .or_else(|| connections.first().copied());
        match chosen {
            Some(conn) => Target::Connection(conn),
            None => Target::Offline(aor),
        }
    }

    /// A request from `conn` for someone else.
    pub fn route_request(&mut self, conn: ConnId, msg: Message) -> Vec<Outgoing> {
        let method = msg.method().unwrap_or_default().to_ascii_uppercase();
        match self.target_of(&msg) {
            Target::Connection(target) => self.forward_request(conn, target, &msg),
            Target::Bot(bot) => self.bot_request(conn, &msg, &bot),
            Target::Server => match method.as_str() {
                "ACK" => Vec::new(),
                "OPTIONS" => self.reply(conn, &msg, 200, "OK", &[]),
                _ => self.reply(conn, &msg, 501, "Not Implemented", &[]),
            },
            Target::Offline(_) => match method.as_str() {
                "ACK" => Vec::new(),
                "BYE" | "CANCEL" => self.reply(
                    conn,
                    &msg,
                    481,
                    "Call Leg/Transaction Does Not Exist",
                    &[],
                ),
                _ => self.reply(
                    conn,
                    &msg,
                    480,
                    "Temporarily Unavailable",
                    &[(
                        "ms-diagnostics",
                        "15030;reason=\"Failed to route to the user: not signed in\";source=\"lync-testserver\"",
                    )],
                ),
            },
            Target::Unknown(_) => match method.as_str() {
                "ACK" => Vec::new(),
                _ => self.reply(
                    conn,
                    &msg,
                    404,
                    "Not Found",
                    &[(
                        "ms-diagnostics",
                        "4005;reason=\"Destination URI either not enabled for SIP or does not exist\";source=\"lync-testserver\"",
                    )],
                ),
            },
        }
    }

    fn forward_request(&mut self, origin: ConnId, target: ConnId, msg: &Message) -> Vec<Outgoing> {
        let tls = self.connections.get(&target).is_some_and(|c| c.tls);
        let transport = if tls { "TLS" } else { "TCP" };
        let branch = self.random_hex(8);
        let via = format!(
            "SIP/2.0/{transport} {};branch=z9hG4bK{branch}",
            self.server_name
        );
        let mut forwarded = rebuild(
            msg,
            msg.start_line(),
            &[("Via", via.clone())],
            |name, _, _| !is_hop_auth(name),
        );
        let is_ack = msg.method().is_some_and(|m| m.eq_ignore_ascii_case("ACK"));
        if let Some(key) = transaction_key(msg).filter(|_| !is_ack) {
            self.proxy.pending.insert(key, Pending { origin, via });
        }
        self.sign(target, &mut forwarded);
        vec![Outgoing {
            conn: target,
            message: forwarded,
        }]
    }

    /// A response from `conn`: to a request we forwarded (back it goes) or to one of ours.
    pub fn handle_response(&mut self, conn: ConnId, msg: Message) -> Vec<Outgoing> {
        let Some(key) = transaction_key(&msg) else {
            return Vec::new();
        };
        let code = msg.status_code().unwrap_or(0);
        let Some(pending) = self.proxy.pending.get(&key).cloned() else {
            return Vec::new();
        };
        if let Some(problem) = self.check_signature(conn, &msg) {
            crate::net::log!("conn {conn}: dropped a response with a bad signature: {problem}");
            return Vec::new();
        }
        if code >= 200 {
            self.proxy.pending.remove(&key);
        }
        let mut back = rebuild(&msg, msg.start_line(), &[], |name, value, index| {
            let ours = name.eq_ignore_ascii_case("Via") && index == 0 && value == pending.via;
            !is_hop_auth(name) && !ours
        });
        self.sign(pending.origin, &mut back);
        vec![Outgoing {
            conn: pending.origin,
            message: back,
        }]
    }

    /// The server playing the echo user: accepts every IM session and answers every
    /// message with "echo: <text>".
    fn bot_request(&mut self, conn: ConnId, msg: &Message, bot: &str) -> Vec<Outgoing> {
        let method = msg.method().unwrap_or_default().to_ascii_uppercase();
        let call_id = msg.call_id().unwrap_or_default().to_owned();
        match method.as_str() {
            "INVITE" => {
                let Some(sdp) = im::parse_sdp(&String::from_utf8_lossy(msg.body())) else {
                    return self.reply(conn, msg, 488, "Not Acceptable Here", &[]);
                };
                let tag = self.random_hex(5);
                let tls = self.connections.get(&conn).is_some_and(|c| c.tls);
                let mut dialog = ServerDialog::answering(conn, tls, msg, &tag);
                let mut response = self.response_to(msg, 200, "OK");
                let _ = response.set_header("To", dialog.local.clone());
                let _ = response.add_header("Contact", bot_contact(bot));
                let first = msg
                    .header(im::MS_TEXT_FORMAT)
                    .and_then(im::parse_ms_text_format);
                if first.is_some() {
                    // Tells the caller its first message arrived with the INVITE.
                    let _ = response.add_header("Supported", im::MS_TEXT_FORMAT);
                }
                let _ = response.add_header("Content-Type", im::SDP_CONTENT_TYPE);
                let user = bot.trim_start_matches("sip:");
                response.set_body(im::answer_sdp(&sdp.address, sdp.port, user));
                self.sign(conn, &mut response);
                let mut out = vec![Outgoing {
                    conn,
                    message: response,
                }];
                if let Some((_, text)) = first {
                    out.extend(self.bot_say(&mut dialog, bot, &format!("echo: {text}")));
                }
                self.proxy.bot_dialogs.insert(call_id, dialog);
                out
            }
            "MESSAGE" => {
                let Some(mut dialog) = self.proxy.bot_dialogs.remove(&call_id) else {
                    return self.reply(conn, msg, 481, "Call Leg/Transaction Does Not Exist", &[]);
                };
                let content_type = msg.header("Content-Type").unwrap_or("text/plain");
                let mut out = self.reply(conn, msg, 200, "OK", &[]);
                if let Some(text) = im::message_text(content_type, msg.body()) {
                    out.extend(self.bot_say(&mut dialog, bot, &format!("echo: {text}")));
                }
                self.proxy.bot_dialogs.insert(call_id, dialog);
                out
            }
            "BYE" => {
                self.proxy.bot_dialogs.remove(&call_id);
                self.reply(conn, msg, 200, "OK", &[])
            }
            "ACK" => Vec::new(),
            _ => self.reply(conn, msg, 200, "OK", &[]),
        }
    }

    fn bot_say(&mut self, dialog: &mut ServerDialog, bot: &str, text: &str) -> Vec<Outgoing> {
        let branch = self.random_hex(8);
        let mut message = dialog.request("MESSAGE", &self.server_name, &branch);
        let _ = message.add_header("Contact", bot_contact(bot));
        let _ = message.add_header("Content-Type", "text/plain; charset=UTF-8");
        message.set_body(text.as_bytes().to_vec());
        self.sign(dialog.conn, &mut message);
        vec![Outgoing {
            conn: dialog.conn,
            message,
        }]
    }
}

fn bot_contact(bot: &str) -> String {
    format!("<{bot};opaque=app:echo;gruu>")
}

/// Whether a method is routed between users (rather than handled by the server).
pub fn is_routed_method(method: &str) -> bool {
    matches!(
        method,
        "INVITE"
            | "ACK"
            | "MESSAGE"
            | "INFO"
            | "BYE"
            | "CANCEL"
            | "REFER"
            | "NOTIFY"
            | "BENOTIFY"
            | "OPTIONS"
            | "PRACK"
            | "UPDATE"
    )
}

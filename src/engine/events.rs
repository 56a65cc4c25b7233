//! What the engine tells the glue: things to do, and things that happened.

use std::net::SocketAddr;

use super::discovery::SrvQuery;
use crate::error::ConnectionError;

/// Identifies one transport connection the engine asked for.
pub type ConnId = u32;

/// What happened, as the glue saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input<'a> {
    /// A connection asked for with [`Output::Connect`] is up (TLS handshake done, if TLS).
    Connected {
        conn: ConnId,
        local: Option<SocketAddr>,
    },
    /// It could not be set up; `reason` is for the user.
    ConnectFailed { conn: ConnId, reason: String },
    /// Bytes arrived (decrypted, if TLS).
    Data { conn: ConnId, bytes: &'a [u8] },
    /// The peer or the network closed it.
    Closed {
        conn: ConnId,
        reason: Option<String>,
    },
    /// The connection waits for the user (e.g. to accept a certificate): do not time it out.
    AwaitingUser { conn: ConnId },
    /// The answer to the last [`Output::ResolveSrv`]: `(host, port)` in priority order;
    /// empty when the name has no records or the lookup failed.
    SrvResolved { records: Vec<(String, u16)> },
    /// The answer to the last [`Output::ResolveHost`]: whether the name has an address.
    HostResolved { found: bool },
    /// The deadline from [`super::Session::poll_timeout`] passed.
    Timeout,
    /// The user signs out: say goodbye to the server.
    Logout,
    /// Something the user did in Pidgin.
    Command(Command),
}

/// What the user asks the session to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Contacts(super::contacts::ContactCommand),
    /// The user chose a status (a status type id) and note (HTML, as Pidgin keeps it).
    SetStatus {
        status_id: String,
        message: Option<String>,
    },
    /// Pidgin noticed the user idle (or back).
    SetIdle(bool),
    /// The user asked for a contact's details (Get Info).
    GetInfo(String),
    /// Send an IM (HTML as Pidgin composes it).
    SendIm {
        to: String,
        html: String,
    },
    Typing {
        to: String,
        typing: bool,
    },
    /// The conversation window closed.
    CloseConversation {
        with: String,
    },
    /// Search the company directory.
    Search(crate::search::SearchQuery),
    /// Chats of more than two people.
    Chat(super::chat::ChatCommand),
}

/// What the engine wants done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    ResolveSrv(SrvQuery),
    /// Look up a host name's address (A/AAAA); answer with [`Input::HostResolved`].
    ResolveHost {
        host: String,
        port: u16,
    },
    Connect {
        conn: ConnId,
        host: String,
        port: u16,
        tls: bool,
    },
    Transmit {
        conn: ConnId,
        bytes: Vec<u8>,
    },
    Close {
        conn: ConnId,
    },
    Event(Event),
}

/// Sign-in stages shown in Pidgin's connection progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Looking up the server for this domain.
    Resolving(String),
    /// Connecting to `host:port`.
    Connecting(String),
    Authenticating,
    /// TLS-DSK: asking this host's web ticket service for a ticket.
    GettingWebTicket(String),
    /// TLS-DSK: asking this host for the client certificate.
    GettingCertificate(String),
    /// TLS-DSK: the handshake with the certificate, inside SIP.
    CertificateHandshake,
    SignedIn,
}

impl Progress {
    pub const STEPS: usize = 7;

    pub fn step(&self) -> usize {
        match self {
            Progress::Resolving(_) => 0,
            Progress::Connecting(_) => 1,
            Progress::Authenticating => 2,
            Progress::GettingWebTicket(_) => 3,
            Progress::GettingCertificate(_) => 4,
            Progress::CertificateHandshake => 5,
            Progress::SignedIn => 6,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Progress::Resolving(domain) => format!("Looking up the server for {domain}"),
            Progress::Connecting(server) => format!("Connecting to {server}"),
            Progress::Authenticating => "Authenticating".to_owned(),
            Progress::GettingWebTicket(host) => format!("Getting a web ticket from {host}"),
            Progress::GettingCertificate(host) => format!("Getting a certificate from {host}"),
            Progress::CertificateHandshake => {
                "Authenticating with the certificate (TLS-DSK)".to_owned()
            }
            Progress::SignedIn => "Signed in".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogLevel {
    Info,
    Warning,
    Error,
}

/// What is known about a message reported in [`Event::ImFailed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// It never reached the other side (refused, or never sent).
    NotDelivered,
    /// It was sent and never confirmed: it may or may not have arrived.
    Unconfirmed,
}

/// Things the user (or the log) should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Progress(Progress),
    /// Registered: the account is online.
    SignedIn,
    /// The session is over; show this to the user. Always the last event.
    Failed(ConnectionError),
    Log(LogLevel, String),
    /// The contact list changed (or arrived): the whole list, for the glue to mirror.
    Roster(crate::roster::Roster),
    /// A contact's presence changed.
    Presence(super::presence::ContactStatus),
    /// The answer to [`Command::GetInfo`]: the contact's card and status.
    ContactInfo(super::presence::ContactStatus),
    /// An IM arrived; the HTML is safe to show.
    ImReceived {
        from: String,
        html: String,
    },
    Typing {
        with: String,
        typing: bool,
    },
    /// A message we sent could not be delivered, or was never confirmed.
    ImFailed {
        with: String,
        text: String,
        reason: String,
        delivery: Delivery,
    },
    /// The answer to [`Command::Search`]; `more` when the directory had more matches.
    SearchResults {
        results: Vec<crate::search::SearchResult>,
        more: bool,
    },
    /// A search could not be done; the text says why.
    SearchFailed(String),
    /// Chats of more than two people.
    Chat(super::chat::ChatEvent),
    /// A SIP message sent or received, for the debug log (which redacts it).
    Trace {
        outgoing: bool,
        text: String,
    },
    /// TLS-DSK: keep this certificate for the next sign-in (`Some`), or forget the kept one,
    /// which the server refused (`None`).
    Certificate(Option<Box<super::certificate::ProvisionedCertificate>>),
}

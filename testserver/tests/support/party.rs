//! Several of our sans-IO sessions signed in to one test-server `Core`, for scenarios
//! between users (chats). Virtual clock, no sockets; everything each side sends and gets is
//! recorded.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime};

use lync_testserver::config::Config as ServerConfig;
use lync_testserver::core::{Core, Outgoing};
use purple_lync::engine::random::SeededRandom;
use purple_lync::engine::{
    ChatCommand, ChatEvent, Command, Config, ConnId, Event, Input, Output, Session,
};
use purple_lync::sip::{Decoder, Frame, Message};

use super::settings;

/// Connection ids of different clients never meet in the core.
const CONN_STRIDE: u64 = 1000;

/// Rewrites a message from the server to client `index`; `None` drops it.
pub type PartyTamper = Box<dyn FnMut(usize, Message) -> Option<Message>>;

pub struct Client {
    pub name: String,
    pub session: Session,
    pub events: Vec<Event>,
    decoders: HashMap<ConnId, Decoder>,
}

pub struct Party {
    pub core: Core,
    pub clients: Vec<Client>,
    /// Everything clients sent, by client index.
    pub sent: Vec<(usize, Message)>,
    /// Everything the server sent to clients, by client index.
    pub received: Vec<(usize, Message)>,
    pub tamper: Option<PartyTamper>,
    /// Whether clients accept chat invitations, as a user clicking Accept does.
    pub accept_invitations: bool,
    now: Instant,
    start: Instant,
    wall: SystemTime,
}

impl Party {
    /// Clients `(name, username, password)` for a server configured by `server_toml`; the
    /// server is at 127.0.0.1:5061 for all of them.
    pub fn new(server_toml: &str, accounts: &[(&str, &str, &str)]) -> Party {
        let now = Instant::now();
        let wall = SystemTime::now();
        let config = ServerConfig::from_toml(server_toml).expect("server config");
        let clients = accounts
            .iter()
            .enumerate()
            .map(|(index, (name, username, password))| {
                let config = Config {
                    settings: settings(
                        username,
                        password,
                        // Chats, not sign-in, are under test; the party speaks only SIP.
                        &[("server", "127.0.0.1:5061"), ("authentication", "ntlm")],
                    ),
                    epid: format!("e{index}b2c3d4e5"),
                    hostname: format!("host{index}"),
                    default_user_agent: "purple-lync/test".to_owned(),
                    wall_clock: wall,
                    certificate: None,
                };
                Client {
                    name: (*name).to_owned(),
                    session: Session::new(
                        config,
                        Box::new(SeededRandom::new(index as u64 + 7)),
                        now,
                    ),
                    events: Vec::new(),
                    decoders: HashMap::new(),
                }
            })
            .collect();
        Party {
            core: Core::new(config, "https://127.0.0.1:4443".to_owned()),
            clients,
            sent: Vec::new(),
            received: Vec::new(),
            tamper: None,
            accept_invitations: true,
            now,
            start: now,
            wall,
        }
    }

    pub fn index(&self, name: &str) -> usize {
        self.clients
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("no client {name}"))
    }

    fn wall_now(&self) -> SystemTime {
        self.wall + self.now.duration_since(self.start)
    }

    /// Signs every client in, one after the other.
    pub fn sign_in_all(&mut self) {
        for index in 0..self.clients.len() {
            self.clients[index].session.start(self.now);
            self.pump();
            assert!(
                self.clients[index]
                    .events
                    .iter()
                    .any(|e| matches!(e, Event::SignedIn)),
                "{} did not sign in: {:#?}",
                self.clients[index].name,
                self.clients[index].events
            );
        }
    }

    pub fn command(&mut self, name: &str, command: Command) {
        self.input(name, Input::Command(command));
    }

    pub fn input(&mut self, name: &str, input: Input<'_>) {
        let index = self.index(name);
        self.clients[index].session.handle_input(input, self.now);
        self.pump();
    }

    pub fn events(&self, name: &str) -> &[Event] {
        &self.clients[self.index(name)].events
    }

    /// Carries out what every session asks for until all are quiet.
    pub fn pump(&mut self) {
        loop {
            let mut busy = false;
            for index in 0..self.clients.len() {
                while let Some(output) = self.clients[index].session.poll_output() {
                    busy = true;
                    self.carry_out(index, output);
                }
            }
            if !busy {
                return;
            }
        }
    }

    fn core_conn(index: usize, conn: ConnId) -> u64 {
        index as u64 * CONN_STRIDE + u64::from(conn)
    }

    fn carry_out(&mut self, index: usize, output: Output) {
        match output {
            Output::Event(event) => {
                let accept = match &event {
                    Event::Chat(ChatEvent::Invited { focus, inviter })
                        if self.accept_invitations =>
                    {
                        Some(ChatCommand::Accept {
                            focus: focus.clone(),
                            inviter: inviter.clone(),
                        })
                    }
                    _ => None,
                };
                self.clients[index].events.push(event);
                if let Some(accept) = accept {
                    let command = Input::Command(Command::Chat(accept));
                    self.clients[index].session.handle_input(command, self.now);
                }
            }
            Output::ResolveSrv(_) => self.clients[index].session.handle_input(
                Input::SrvResolved {
                    records: Vec::new(),
                },
                self.now,
            ),
            // Parties have a Server set: discovery never looks names up.
            Output::ResolveHost { .. } => self.clients[index]
                .session
                .handle_input(Input::HostResolved { found: false }, self.now),
            Output::Connect { conn, tls, .. } => {
                let port = 40000 + index as u16;
                let peer: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
                self.core
                    .connection_opened(Self::core_conn(index, conn), peer, tls);
                self.clients[index].decoders.insert(conn, Decoder::new());
                self.clients[index].session.handle_input(
                    Input::Connected {
                        conn,
                        local: Some(peer),
                    },
                    self.now,
                );
            }
            Output::Transmit { conn, bytes } => self.send_to_server(index, conn, &bytes),
            Output::Close { conn } => {
                self.clients[index].decoders.remove(&conn);
                let wall = self.wall_now();
                let out = self
                    .core
                    .connection_closed(Self::core_conn(index, conn), wall);
                self.send_to_clients(out);
            }
        }
    }

    fn send_to_server(&mut self, index: usize, conn: ConnId, bytes: &[u8]) {
        let Some(decoder) = self.clients[index].decoders.get_mut(&conn) else {
            return;
        };
        decoder.push(bytes);
        let mut messages = Vec::new();
        while let Some(frame) = decoder
            .next_frame()
            .expect("the client sent a readable message")
        {
            if let Frame::Message(msg) = frame {
                messages.push(msg);
            }
        }
        for msg in messages {
            self.sent.push((index, msg.clone()));
            let wall = self.wall_now();
            let out = self.core.handle(Self::core_conn(index, conn), msg, wall);
            self.send_to_clients(out);
        }
    }

    fn send_to_clients(&mut self, out: Vec<Outgoing>) {
        for Outgoing { conn, message } in out {
            let index = (conn / CONN_STRIDE) as usize;
            let client_conn = (conn % CONN_STRIDE) as ConnId;
            self.deliver(index, client_conn, message);
        }
    }

    /// Hands a message from the server to client `index` (through the tamper hook).
    pub fn deliver(&mut self, index: usize, conn: ConnId, message: Message) {
        let message = match &mut self.tamper {
            Some(tamper) => match tamper(index, message) {
                Some(m) => m,
                None => return,
            },
            None => message,
        };
        self.received.push((index, message.clone()));
        let bytes = message.to_bytes();
        self.clients[index].session.handle_input(
            Input::Data {
                conn,
                bytes: &bytes,
            },
            self.now,
        );
    }

    /// Signs `message` as the server does on client `index`'s connection and delivers it.
    pub fn deliver_signed(&mut self, index: usize, mut message: Message) {
        let conn = self.clients[index]
            .decoders
            .keys()
            .copied()
            .max()
            .expect("a connection");
        self.core.sign(Self::core_conn(index, conn), &mut message);
        self.deliver(index, conn, message);
        self.pump();
    }

    /// Moves the virtual clock, firing every client's deadlines on the way.
    pub fn advance(&mut self, by: Duration) {
        let end = self.now + by;
        loop {
            let next = self
                .clients
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.session.poll_timeout().map(|t| (t, i)))
                .min();
            match next {
                Some((deadline, index)) if deadline <= end => {
                    self.now = deadline.max(self.now);
                    self.clients[index]
                        .session
                        .handle_input(Input::Timeout, self.now);
                    self.pump();
                }
                _ => break,
            }
        }
        self.now = end;
    }
}

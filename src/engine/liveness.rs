//! Finding a dead link in seconds, not at the next registration refresh, and refusing a
//! keep-alive flood.
//!
//! After [`SILENCE_BEFORE_PROBE`] without a byte from the server we probe: a CRLFCRLF ping
//! (the hop-by-hop keep-alive the REGISTER negotiated with `ms-keep-alive: UAC;hop-hop=yes`,
//! MS-CONMGMT; RFC 5626 §3.5.1/§4.4.1: the server answers a double-CRLF ping with a single
//! CRLF pong). Whether Lync answers every ping is UNCONFIRMED, so until a pong was seen on this
//! link the probe also carries an OPTIONS request, which every SIP server answers (RFC 3261
//! §11). Any byte from the server answers the probe; none within [`PROBE_ANSWER_TIMEOUT`]
//! means the link is dead: reconnect. Worst case a frozen server is found 80 s after it
//! last spoke.

use std::time::{Duration, Instant};

use super::dialog::Dialog;
use super::events::{LogLevel, Output};
use super::session::{Phase, Session};
use super::timers::Timer;
use super::transaction::Purpose;
use crate::error::{ConnectionError, ErrorClass};

/// Silence from the server after which we ask whether it is still there.
pub const SILENCE_BEFORE_PROBE: Duration = Duration::from_secs(60);
/// How long the server has to answer the probe.
pub const PROBE_ANSWER_TIMEOUT: Duration = Duration::from_secs(20);
/// CRLFs in a row without a message that we take before calling the peer hostile. A server
/// sends one pong per ping; a thousand is a flood.
pub const MAX_KEEPALIVES_IN_A_ROW: u32 = 1000;

#[derive(Debug, Default)]
pub(super) struct Liveness {
    heard: Option<Instant>,
    probe_sent: Option<Instant>,
    pong_seen: bool,
    keepalives_in_row: u32,
}

impl Liveness {
    /// A new link: nothing learnt about the old one carries over.
    pub fn reset(&mut self) {
        *self = Liveness::default();
    }
}

impl Session {
    /// Bytes came from the server on the SIP link.
    pub(super) fn heard_from_server(&mut self) {
        self.liveness.heard = Some(self.now);
        self.liveness.probe_sent = None;
        if self.phase == Phase::Registered {
            self.timers
                .set(Timer::Liveness, self.now + SILENCE_BEFORE_PROBE);
        }
    }

    /// The server sent a complete message.
    pub(super) fn heard_message(&mut self) {
        self.liveness.keepalives_in_row = 0;
    }

    /// The server sent a CRLF. Returns false when the link was closed as hostile.
    pub(super) fn heard_keepalive(&mut self) -> bool {
        self.liveness.pong_seen = true;
        self.liveness.keepalives_in_row += 1;
        if self.liveness.keepalives_in_row <= MAX_KEEPALIVES_IN_A_ROW {
            return true;
        }
        self.fail(ConnectionError::new(
            ErrorClass::Network,
            format!(
                "The server sent more than {MAX_KEEPALIVES_IN_A_ROW} keep-alives in a row without \
                 a message; purple-lync closed the connection as hostile. Reconnecting."
            ),
        ));
        false
    }

    /// Signed in: start watching the link.
    pub(super) fn start_liveness(&mut self) {
        self.heard_from_server();
    }

    pub(super) fn on_liveness_timer(&mut self) {
        if self.phase != Phase::Registered {
            return;
        }
        if let Some(sent) = self.liveness.probe_sent {
            let silent = self
                .liveness
                .heard
                .map_or(self.now - sent, |heard| self.now - heard);
            self.fail(ConnectionError::new(
                ErrorClass::Network,
                format!(
                    "The server stopped answering (nothing for {} seconds, no answer to a \
                     keep-alive within {} seconds). Reconnecting.",
                    silent.as_secs(),
                    PROBE_ANSWER_TIMEOUT.as_secs()
                ),
            ));
            return;
        }
        self.send_probe();
    }

    fn send_probe(&mut self) {
        let Some(conn) = self.link.as_ref().map(|l| l.id) else {
            return;
        };
        self.outputs.push_back(Output::Transmit {
            conn,
            bytes: b"\r\n\r\n".to_vec(),
        });
        // The ping is the keep-alive the server asked for, too.
        self.timers.set(Timer::KeepAlive, self.now + self.keepalive);
        if !self.liveness.pong_seen {
            let domain_uri = format!("sip:{}", self.config.settings.sip_address.domain);
            let mut dialog = Dialog::new(&mut *self.random, &domain_uri);
            match self.dialog_request("OPTIONS", &mut dialog) {
                Ok(msg) => self.send_request(msg, Purpose::Probe, true),
                Err(e) => self.log(LogLevel::Warning, format!("cannot probe the link: {e}")),
            }
        }
        self.liveness.probe_sent = Some(self.now);
        self.timers
            .set(Timer::Liveness, self.now + PROBE_ANSWER_TIMEOUT);
    }
}

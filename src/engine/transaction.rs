//! Client transactions over a reliable transport (RFC 3261 §17.1 without retransmissions):
//! a request waits for its final response, matched by the Via branch, until a timeout.

use std::collections::HashMap;

use super::events::LogLevel;
use super::session::{Session, TRANSACTION_TIMEOUT};
use super::timers::Timer;
use crate::sip::Message;

/// Why a request was sent: what to do with its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Purpose {
    Register,
    /// Sign-out: nobody waits for the answer.
    Unregister,
    /// A SUBSCRIBE of the subscription with this id.
    Subscribe(u32),
    /// A contact-list change (SERVICE with SOAP).
    RosterEdit,
    /// Creating the contact group with this name (its answer carries the new id).
    AddGroup(String),
    /// Publishing our presence; the attempt counts retries after version faults.
    Publish(Box<crate::presence::PublishDocument>, u32),
    /// Instant messaging.
    Im(super::im::ImRequest),
    /// A directory search.
    Search,
    /// Chats of more than two people.
    Chat(super::chat::ChatRequest),
    /// Is the server still there? Any answer says yes (see `liveness`).
    Probe,
}

#[derive(Debug)]
pub(super) struct Pending {
    pub id: u32,
    pub purpose: Purpose,
    pub method: String,
}

#[derive(Debug, Default)]
pub(super) struct Transactions {
    by_branch: HashMap<String, Pending>,
    next_id: u32,
}

impl Transactions {
    fn add(&mut self, branch: String, purpose: Purpose, method: String) -> u32 {
        self.next_id += 1;
        let id = self.next_id;
        self.by_branch.insert(
            branch,
            Pending {
                id,
                purpose,
                method,
            },
        );
        id
    }

    fn take_branch(&mut self, branch: &str) -> Option<Pending> {
        self.by_branch.remove(branch)
    }

    fn take_id(&mut self, id: u32) -> Option<Pending> {
        let branch = self
            .by_branch
            .iter()
            .find(|(_, p)| p.id == id)
            .map(|(b, _)| b.clone())?;
        self.by_branch.remove(&branch)
    }

    /// Takes every outstanding IM transaction (the link they were sent on is gone).
    pub fn take_all_im(&mut self) -> Vec<(u32, super::im::ImRequest)> {
        let (im, rest): (HashMap<_, _>, HashMap<_, _>) = std::mem::take(&mut self.by_branch)
            .into_iter()
            .partition(|(_, p)| matches!(p.purpose, Purpose::Im(_)));
        self.by_branch = rest;
        im.into_values()
            .filter_map(|p| match p.purpose {
                Purpose::Im(request) => Some((p.id, request)),
                _ => None,
            })
            .collect()
    }

    /// Forgets every outstanding transaction of one purpose (e.g. an older REGISTER).
    pub fn cancel_purpose(&mut self, purpose: &Purpose) -> Vec<u32> {
        let ids: Vec<u32> = self
            .by_branch
            .values()
            .filter(|p| &p.purpose == purpose)
            .map(|p| p.id)
            .collect();
        self.by_branch.retain(|_, p| &p.purpose != purpose);
        ids
    }
}

fn top_branch(msg: &Message) -> Option<String> {
    msg.top_via()
        .ok()
        .and_then(|via| via.param("branch").map(str::to_owned))
}

impl Session {
    /// Sends a request as a client transaction; `sign` adds our signature when an
    /// association exists (handshake REGISTERs carry their own Authorization).
    pub(super) fn send_request(&mut self, mut msg: Message, purpose: Purpose, sign: bool) {
        let method = msg.method().unwrap_or_default().to_owned();
        if let Some(branch) = top_branch(&msg) {
            let id = self.transactions.add(branch, purpose, method);
            self.timers
                .set(Timer::Transaction(id), self.now + TRANSACTION_TIMEOUT);
        }
        if sign {
            self.sign_and_send(&mut msg);
        } else {
            self.transmit(&msg);
        }
    }

    /// Drops outstanding transactions of `purpose` (their answers will be ignored).
    pub(super) fn abandon(&mut self, purpose: &Purpose) {
        for id in self.transactions.cancel_purpose(purpose) {
            self.timers.cancel(Timer::Transaction(id));
        }
    }

    /// Routes a response to the request it answers.
    pub(super) fn on_response(&mut self, mut msg: Message) {
        let code = msg.status_code().unwrap_or(0);
        if code < 200 {
            return;
        }
        let Some(pending) = top_branch(&msg).and_then(|b| self.transactions.take_branch(&b)) else {
            // A late answer to something we gave up on.
            return;
        };
        self.timers.cancel(Timer::Transaction(pending.id));
        match pending.purpose {
            Purpose::Register => self.on_register_response(msg),
            Purpose::Subscribe(id) => self.on_subscribe_response(id, &mut msg),
            Purpose::RosterEdit => self.on_roster_edit_response(&msg),
            Purpose::AddGroup(name) => self.on_add_group_response(&name, &msg),
            Purpose::Publish(document, attempt) => {
                self.on_publish_response(*document, attempt, &msg)
            }
            Purpose::Im(request) => self.on_im_response(request, &msg),
            Purpose::Search => self.on_search_response(&msg),
            Purpose::Chat(request) => self.on_chat_response(request, &msg),
            Purpose::Probe => {}
            Purpose::Unregister => {
                if code >= 300 {
                    self.log(
                        LogLevel::Warning,
                        format!("{} answered {code}", pending.method),
                    );
                }
            }
        }
    }

    pub(super) fn on_transaction_timeout(&mut self, id: u32) {
        let Some(pending) = self.transactions.take_id(id) else {
            return;
        };
        match pending.purpose {
            Purpose::Register => self.on_register_timeout(),
            Purpose::Im(request) => self.on_im_timeout(request),
            Purpose::Search => self.on_search_timeout(),
            Purpose::Chat(request) => self.on_chat_timeout(request),
            // The liveness timer judges the link.
            Purpose::Probe => {}
            Purpose::Unregister
            | Purpose::Subscribe(_)
            | Purpose::RosterEdit
            | Purpose::AddGroup(_)
            | Purpose::Publish(..) => {
                self.log(
                    LogLevel::Warning,
                    format!("{} got no answer", pending.method),
                );
            }
        }
    }
}

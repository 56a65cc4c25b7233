//! Chats of more than two people, as Lync 2007+ and pidgin-sipe hold them (sipe-conf.c,
//! sipe-chat.c): an ad-hoc conference from the focus factory (C3P `addConference`), our
//! INVITE with `addUser` into its focus, a `conference` subscription for the roster, and an
//! IM dialog with the chat MCU that carries the messages. Others are invited with a
//! `Conferencing` document; an invitation to us is accepted and joined the same way.

mod incoming;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, UNIX_EPOCH};

use super::dialog::Dialog;
use super::events::{Event, LogLevel};
use super::im::{delivery_failure, key, outgoing_body};
use super::random::random_hex;
use super::session::Session;
use super::transaction::Purpose;
use crate::conference::{self, CCCP_CONTENT_TYPE, CONFERENCE_EVENT, INVITATION_CONTENT_TYPE};
use crate::im::{self, html_to_text};
use crate::presence::categories::publish_time;
use crate::sip::{BuildError, Message};

/// Identifies a chat within the session (libpurple's chat id, too).
pub type ChatId = u32;

/// How long an ad-hoc conference lives on the server (pidgin-sipe asks for 7 hours).
const CONFERENCE_LIFETIME: Duration = Duration::from_secs(7 * 60 * 60);

/// What the user does with chats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatCommand {
    /// A new chat, inviting `with` (a buddy's "New chat").
    Start {
        with: String,
    },
    /// A new chat with nobody invited yet, about `subject` ("Join a Chat" without an
    /// address).
    New {
        subject: String,
    },
    /// Join the conference at this focus URI ("Join a Chat", rejoining).
    Join {
        focus: String,
    },
    /// The user accepted an [`ChatEvent::Invited`] invitation: join, remembering who asked.
    Accept {
        focus: String,
        inviter: Option<String>,
    },
    Invite {
        chat: ChatId,
        who: String,
    },
    /// Send a message (HTML as Pidgin composes it).
    Send {
        chat: ChatId,
        html: String,
    },
    /// The chat window closed.
    Leave {
        chat: ChatId,
    },
}

/// What happened in chats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatEvent {
    /// We are in the conference: open its window. `focus` names it for rejoining.
    Joined {
        chat: ChatId,
        focus: String,
        /// Our own URI as the chat shows it (the nick).
        me: String,
        subject: Option<String>,
        /// Who invited us, when we joined on an invitation.
        inviter: Option<String>,
    },
    /// Someone is in the chat now; `announce` when they came while we were there.
    MemberJoined {
        chat: ChatId,
        uri: String,
        announce: bool,
        leader: bool,
    },
    MemberLeft {
        chat: ChatId,
        uri: String,
    },
    /// A message in the chat (ours too, as sent); the HTML is safe to show.
    Message {
        chat: ChatId,
        from: String,
        html: String,
    },
    /// Something to tell the user inside the chat window (plain text).
    Notice {
        chat: ChatId,
        text: String,
        error: bool,
    },
    /// A chat could not be set up at all (plain text).
    Failed {
        text: String,
    },
    /// Our part in the chat ended without us leaving; `reason` is plain text.
    Left {
        chat: ChatId,
        reason: String,
    },
    /// Someone invites us to the conference at `focus`. Nothing is joined until the glue
    /// answers with [`ChatCommand::Accept`]: the user (and Pidgin's block list) decides.
    Invited {
        focus: String,
        inviter: Option<String>,
    },
}

/// What an outgoing chat request was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::engine) enum ChatRequest {
    AddConference {
        chat: ChatId,
    },
    JoinFocus {
        chat: ChatId,
        dialog: Dialog,
    },
    JoinMcu {
        chat: ChatId,
        dialog: Dialog,
    },
    Message {
        chat: ChatId,
        html: String,
    },
    Invitation {
        chat: ChatId,
        who: String,
        dialog: Dialog,
    },
    /// BYE, ACK: nothing waits for the answer.
    Other,
}

/// One chat we are in, or on our way into.
#[derive(Debug, Default)]
struct Chat {
    focus: Option<String>,
    focus_dialog: Option<Dialog>,
    focus_joined: bool,
    subscription: Option<u32>,
    mcu_dialog: Option<Dialog>,
    mcu_joined: bool,
    /// The first conference-info arrived and the window is open.
    open: bool,
    members: BTreeSet<String>,
    /// People to invite once the conference exists.
    invitees: Vec<String>,
    /// Messages typed before the chat MCU answered.
    queued: Vec<String>,
    subject: Option<String>,
    inviter: Option<String>,
}

/// The session's chats.
#[derive(Debug, Default)]
pub(in crate::engine) struct Chats {
    by_id: BTreeMap<ChatId, Chat>,
    next_id: ChatId,
    next_request: u32,
    /// Where conferences are made (from provisioning); no chats without it.
    focus_factory: Option<String>,
}

impl Chats {
    fn by_focus(&self, focus: &str) -> Option<ChatId> {
        self.by_id
            .iter()
            .find(|(_, c)| {
                c.focus
                    .as_deref()
                    .is_some_and(|f| f.eq_ignore_ascii_case(focus))
            })
            .map(|(id, _)| *id)
    }
}

/// An endpoint GUID for `addUser`: 8-4-4-4-12 upper-case hex digits.
fn endpoint_guid(hex: &str) -> String {
    let hex = hex.to_ascii_uppercase();
    let mut out = String::with_capacity(36);
    for (index, range) in [0..8, 8..12, 12..16, 16..20, 20..32]
        .into_iter()
        .enumerate()
    {
        if index > 0 {
            out.push('-');
        }
        out.push_str(hex.get(range).unwrap_or_default());
    }
    out
}

impl Session {
    pub(super) fn chat_command(&mut self, command: ChatCommand) {
        if !self.is_signed_in() {
            return;
        }
        match command {
            ChatCommand::Start { with } => self.start_chat(vec![key(&with)], String::new()),
            ChatCommand::New { subject } => self.start_chat(Vec::new(), subject),
            ChatCommand::Join { focus } => self.join_conference(&focus, None),
            ChatCommand::Accept { focus, inviter } => {
                self.join_conference(&focus, inviter.map(|i| key(&i)));
            }
            ChatCommand::Invite { chat, who } => self.invite_to_chat(chat, &key(&who)),
            ChatCommand::Send { chat, html } => self.send_to_chat(chat, html),
            ChatCommand::Leave { chat } => {
                self.tear_down_chat(chat);
            }
        }
    }

    fn chat_event(&mut self, event: ChatEvent) {
        self.event(Event::Chat(event));
    }

    fn self_key(&self) -> String {
        key(&self.config.settings.sip_address.uri())
    }

    fn new_chat(&mut self, chat: Chat) -> ChatId {
        self.chats.next_id += 1;
        let id = self.chats.next_id;
        self.chats.by_id.insert(id, chat);
        id
    }

    /// A C3P request inside `dialog`.
    fn cccp_request(
        &mut self,
        method: &str,
        dialog: &mut Dialog,
        body: String,
    ) -> Result<Message, BuildError> {
        let mut msg = self.dialog_request(method, dialog)?;
        msg.add_header("Supported", "ms-sender")?;
        msg.add_header("Content-Type", CCCP_CONTENT_TYPE)?;
        msg.set_body(body);
        Ok(msg)
    }

    fn next_cccp_request_id(&mut self) -> u32 {
        self.chats.next_request += 1;
        self.chats.next_request
    }

    fn start_chat(&mut self, invitees: Vec<String>, subject: String) {
        let Some(factory) = self.chats.focus_factory.clone() else {
            self.chat_event(ChatEvent::Failed {
                text: "Chats with more than two people need the server's conferencing service, \
                       and this server did not offer one."
                    .to_owned(),
            });
            return;
        };
        let subject = subject.trim().to_owned();
        let chat = self.new_chat(Chat {
            invitees,
            subject: (!subject.is_empty()).then(|| subject.clone()),
            ..Chat::default()
        });
        let expiry = (self.wall_clock_now() + CONFERENCE_LIFETIME)
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let conference_id = random_hex(&mut *self.random, 16).to_ascii_uppercase();
        let request_id = self.next_cccp_request_id();
        let body = conference::add_conference(
            &factory,
            &self.config.settings.sip_address.uri(),
            request_id,
            &conference_id,
            &publish_time(expiry),
            &subject,
        );
        let mut dialog = Dialog::new(&mut *self.random, &factory);
        match self.cccp_request("SERVICE", &mut dialog, body) {
            Ok(msg) => self.send_request(
                msg,
                Purpose::Chat(ChatRequest::AddConference { chat }),
                true,
            ),
            Err(e) => self.chat_failed(chat, &format!("the request could not be built ({e})")),
        }
    }

    /// Joins the conference at `focus` (asked for, or invited to by `inviter`).
    pub(super) fn join_conference(&mut self, focus: &str, inviter: Option<String>) {
        let focus = focus.trim();
        if !conference::is_focus_uri(focus) {
            self.chat_event(ChatEvent::Failed {
                text: format!(
                    "\"{focus}\" is not a conference address (those look like \
                     sip:…;gruu;opaque=app:conf:focus:id:…)."
                ),
            });
            return;
        }
        if self.chats.by_focus(focus).is_some() {
            return;
        }
        let chat = self.new_chat(Chat {
            inviter,
            ..Chat::default()
        });
        self.join_focus(chat, focus);
    }

    fn join_focus(&mut self, chat: ChatId, focus: &str) {
        let guid = endpoint_guid(&random_hex(&mut *self.random, 16));
        let request_id = self.next_cccp_request_id();
        let body = conference::add_user(
            focus,
            &self.config.settings.sip_address.uri(),
            request_id,
            &guid,
        );
        let mut dialog = Dialog::new(&mut *self.random, focus);
        let built = self.cccp_request("INVITE", &mut dialog, body);
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            return;
        };
        state.focus = Some(focus.to_owned());
        state.focus_dialog = Some(dialog.clone());
        match built {
            Ok(msg) => {
                let request = ChatRequest::JoinFocus { chat, dialog };
                self.send_request(msg, Purpose::Chat(request), true);
            }
            Err(e) => self.chat_failed(chat, &format!("the request could not be built ({e})")),
        }
    }

    /// INVITEs the chat MCU: our IM dialog with everyone in the chat.
    fn join_mcu(&mut self, chat: ChatId, mcu: &str) {
        let (ip, port) = self.sdp_endpoint();
        let mut dialog = Dialog::new(&mut *self.random, mcu);
        let built = self
            .dialog_request("INVITE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Supported", "ms-sender")?;
                msg.add_header("Content-Type", im::SDP_CONTENT_TYPE)?;
                msg.set_body(im::offer_sdp(&ip, port));
                Ok(msg)
            });
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            return;
        };
        state.mcu_dialog = Some(dialog.clone());
        match built {
            Ok(msg) => {
                let request = ChatRequest::JoinMcu { chat, dialog };
                self.send_request(msg, Purpose::Chat(request), true);
            }
            Err(e) => self.chat_failed(chat, &format!("the request could not be built ({e})")),
        }
    }

    fn send_to_chat(&mut self, chat: ChatId, html: String) {
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            return;
        };
        let joined = state.mcu_joined;
        if !joined {
            state.queued.push(html.clone());
        }
        // Pidgin shows what we send only when we hand it back.
        let from = self.self_key();
        self.chat_event(ChatEvent::Message {
            chat,
            from,
            html: html.clone(),
        });
        if joined {
            self.send_chat_message(chat, html);
        }
    }

    fn send_chat_message(&mut self, chat: ChatId, html: String) {
        let Some(mut dialog) = self
            .chats
            .by_id
            .get(&chat)
            .and_then(|c| c.mcu_dialog.clone())
        else {
            return;
        };
        let (content_type, body) = outgoing_body(&html);
        let built = self
            .dialog_request("MESSAGE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Content-Type", content_type)?;
                msg.set_body(body);
                Ok(msg)
            });
        if let Some(state) = self.chats.by_id.get_mut(&chat) {
            state.mcu_dialog = Some(dialog);
        }
        match built {
            Ok(msg) => {
                let request = ChatRequest::Message { chat, html };
                self.send_request(msg, Purpose::Chat(request), true);
            }
            Err(e) => self.not_delivered(chat, &html, &format!("it could not be built ({e})")),
        }
    }

    fn not_delivered(&mut self, chat: ChatId, html: &str, reason: &str) {
        self.chat_event(ChatEvent::Notice {
            chat,
            text: format!(
                "This message was not delivered because {reason}: {}",
                html_to_text(html)
            ),
            error: true,
        });
    }

    fn invite_to_chat(&mut self, chat: ChatId, who: &str) {
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            return;
        };
        if state.members.contains(who) {
            return;
        }
        if state.open {
            self.send_invitation(chat, who);
        } else if !state.invitees.iter().any(|i| i == who) {
            state.invitees.push(who.to_owned());
        }
    }

    /// INVITEs `who` into the conference with a `Conferencing` document.
    fn send_invitation(&mut self, chat: ChatId, who: &str) {
        let Some((focus, subject)) = self
            .chats
            .by_id
            .get(&chat)
            .and_then(|c| Some((c.focus.clone()?, c.subject.clone().unwrap_or_default())))
        else {
            return;
        };
        let mut dialog = Dialog::new(&mut *self.random, who);
        let built = self
            .dialog_request("INVITE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Supported", "ms-sender")?;
                msg.add_header("Content-Type", INVITATION_CONTENT_TYPE)?;
                msg.set_body(conference::invitation(&focus, &subject));
                Ok(msg)
            });
        match built {
            Ok(msg) => {
                let request = ChatRequest::Invitation {
                    chat,
                    who: who.to_owned(),
                    dialog,
                };
                self.send_request(msg, Purpose::Chat(request), true);
            }
            Err(e) => self.chat_event(ChatEvent::Notice {
                chat,
                text: format!(
                    "{who} could not be invited: the invitation could not be built ({e})."
                ),
                error: true,
            }),
        }
    }

    /// Sends the ACK for a 2xx answer to our INVITE in `dialog`.
    fn send_ack(&mut self, dialog: &Dialog) {
        let mut dialog = dialog.clone();
        // ACK carries the INVITE's CSeq number.
        dialog.cseq = dialog.cseq.saturating_sub(1);
        if let Ok(mut ack) = self.dialog_request("ACK", &mut dialog) {
            self.sign_and_send(&mut ack);
        }
    }

    fn send_bye(&mut self, dialog: &Dialog) {
        let mut dialog = dialog.clone();
        if let Ok(bye) = self.dialog_request("BYE", &mut dialog) {
            self.send_request(bye, Purpose::Chat(ChatRequest::Other), true);
        }
    }

    /// Leaves a chat: BYE to the chat MCU, end the subscription, BYE to the focus.
    fn tear_down_chat(&mut self, chat: ChatId) {
        let Some(state) = self.chats.by_id.remove(&chat) else {
            return;
        };
        if let Some(dialog) = state.mcu_dialog.filter(|_| state.mcu_joined) {
            self.send_bye(&dialog);
        }
        if let Some(id) = state.subscription {
            self.end_subscription(id);
        }
        if let Some(dialog) = state.focus_dialog.filter(|_| state.focus_joined) {
            self.send_bye(&dialog);
        }
    }

    /// Signing out: leave every chat politely.
    pub(super) fn leave_all_chats(&mut self) {
        let ids: Vec<ChatId> = self.chats.by_id.keys().copied().collect();
        for chat in ids {
            self.tear_down_chat(chat);
        }
    }

    /// The chat cannot go on (or never started): leave it and tell the user why.
    fn chat_failed(&mut self, chat: ChatId, why: &str) {
        let Some(open) = self.chats.by_id.get(&chat).map(|c| c.open) else {
            return;
        };
        self.log(LogLevel::Warning, format!("chat {chat}: {why}"));
        self.tear_down_chat(chat);
        if open {
            self.chat_event(ChatEvent::Left {
                chat,
                reason: format!("You are no longer in this chat: {why}."),
            });
        } else {
            self.chat_event(ChatEvent::Failed {
                text: format!("The chat could not be set up: {why}."),
            });
        }
    }

    /// A late 2xx to an INVITE of a chat we already left: accept it and hang up.
    fn hang_up(&mut self, mut dialog: Dialog, msg: &Message) {
        dialog.confirm(msg);
        self.send_ack(&dialog);
        self.send_bye(&dialog);
    }

    pub(super) fn on_chat_response(&mut self, request: ChatRequest, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        match request {
            ChatRequest::AddConference { chat } => {
                let answer = conference::parse_response(&String::from_utf8_lossy(msg.body()));
                match answer {
                    _ if code >= 300 => self.chat_failed(chat, &refusal(code, msg)),
                    Some(answer) if answer.is_success() => match answer.focus {
                        Some(focus) => self.join_focus(chat, &focus),
                        None => self.chat_failed(chat, "the server named no conference"),
                    },
                    Some(answer) => self.chat_failed(
                        chat,
                        &format!(
                            "the conferencing service refused ({})",
                            answer.reason.unwrap_or(answer.code)
                        ),
                    ),
                    None => self.chat_failed(chat, "the conferencing service answered unreadably"),
                }
            }
            ChatRequest::JoinFocus { chat, dialog } => self.on_focus_answer(chat, dialog, msg),
            ChatRequest::JoinMcu { chat, dialog } => self.on_mcu_answer(chat, dialog, msg),
            ChatRequest::Message { chat, html } => {
                if code >= 300 {
                    self.not_delivered(chat, &html, &delivery_failure(code, msg));
                    if code == 481 {
                        self.chat_failed(chat, "the conversation no longer exists on the server");
                    }
                }
            }
            ChatRequest::Invitation {
                chat,
                who,
                mut dialog,
            } => {
                if code < 300 {
                    // Like pidgin-sipe and Lync: the invitation's dialog only carries it.
                    dialog.confirm(msg);
                    self.send_ack(&dialog);
                } else {
                    let reason = delivery_failure(code, msg);
                    self.chat_event(ChatEvent::Notice {
                        chat,
                        text: format!("{who} could not be invited: {reason}."),
                        error: true,
                    });
                }
            }
            ChatRequest::Other => {}
        }
    }

    fn on_focus_answer(&mut self, chat: ChatId, dialog: Dialog, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        if code >= 300 {
            self.chat_failed(chat, &refusal(code, msg));
            return;
        }
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            self.hang_up(dialog, msg);
            return;
        };
        let mut dialog = state.focus_dialog.clone().unwrap_or(dialog);
        dialog.confirm(msg);
        state.focus_dialog = Some(dialog.clone());
        state.focus_joined = true;
        let focus = state.focus.clone().unwrap_or_default();
        self.send_ack(&dialog);
        let answer = conference::parse_response(&String::from_utf8_lossy(msg.body()));
        if let Some(refused) = answer.filter(|a| !a.is_success()) {
            let why = refused.reason.unwrap_or(refused.code);
            self.chat_failed(chat, &format!("the conference refused us ({why})"));
            return;
        }
        let subscription = self.start_subscription_to(CONFERENCE_EVENT, &focus, Vec::new());
        if let Some(state) = self.chats.by_id.get_mut(&chat) {
            state.subscription = Some(subscription);
        }
    }

    fn on_mcu_answer(&mut self, chat: ChatId, dialog: Dialog, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        if code >= 300 {
            let why = format!(
                "the conversation could not be joined ({})",
                refusal(code, msg)
            );
            self.chat_failed(chat, &why);
            return;
        }
        let Some(state) = self.chats.by_id.get_mut(&chat) else {
            self.hang_up(dialog, msg);
            return;
        };
        let mut dialog = state.mcu_dialog.clone().unwrap_or(dialog);
        dialog.confirm(msg);
        state.mcu_dialog = Some(dialog.clone());
        state.mcu_joined = true;
        let queued = std::mem::take(&mut state.queued);
        self.send_ack(&dialog);
        for html in queued {
            self.send_chat_message(chat, html);
        }
    }

    pub(super) fn on_chat_timeout(&mut self, request: ChatRequest) {
        let why = "the server did not answer";
        match request {
            ChatRequest::AddConference { chat }
            | ChatRequest::JoinFocus { chat, .. }
            | ChatRequest::JoinMcu { chat, .. } => self.chat_failed(chat, why),
            ChatRequest::Message { chat, html } => self.not_delivered(chat, &html, why),
            ChatRequest::Invitation { chat, who, .. } => self.chat_event(ChatEvent::Notice {
                chat,
                text: format!("{who} could not be invited: {why}."),
                error: true,
            }),
            ChatRequest::Other => {}
        }
    }
}

/// Why the server said no, in words (its ms-diagnostics reason when it gives one).
fn refusal(code: u16, msg: &Message) -> String {
    let diagnostics = msg.header("ms-diagnostics").and_then(|value| {
        let (_, rest) = value.split_once("reason=\"")?;
        rest.split('"').next().map(str::to_owned)
    });
    match (code, diagnostics) {
        (_, Some(reason)) if !reason.is_empty() => format!("{reason} ({code})"),
        (404, _) => "the conference no longer exists".to_owned(),
        (403, _) => "the server does not allow it".to_owned(),
        _ => delivery_failure(code, msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_guids_have_the_guid_shape() {
        assert_eq!(
            endpoint_guid("0123456789abcdef0123456789abcdef"),
            "01234567-89AB-CDEF-0123-456789ABCDEF"
        );
    }
}

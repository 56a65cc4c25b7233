//! One-to-one instant messages as Lync does them (sipe-im.c): an INVITE dialog per
//! conversation with the first message in `ms-text-format`, then MESSAGEs; typing as INFO;
//! BYE when the conversation window closes. Nothing is lost silently: a message that cannot
//! be delivered comes back as [`Event::ImFailed`].

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::dialog::Dialog;
use super::events::{Delivery, Event, LogLevel};
use super::random::random_hex;
use super::session::Session;
use super::transaction::Purpose;
use crate::im::{self, html_to_text, message_html, sanitize_html};
use crate::sip::Message;

/// A conversation with one contact.
#[derive(Debug, Clone)]
pub(super) struct Conversation {
    pub dialog: Dialog,
    pub established: bool,
    /// Messages typed while our INVITE is on its way (HTML as Pidgin gives it).
    pub queued: Vec<String>,
}

pub(super) type Conversations = HashMap<String, Conversation>;

/// The longest first message sent inside the INVITE (bytes of text, before base64).
const MAX_TEXT_IN_INVITE: usize = 8 * 1024;

/// What an outgoing IM request was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ImRequest {
    /// The INVITE that opens the conversation, carrying the first message unless it is too
    /// long for a header (`carried`).
    Invite {
        with: String,
        first: String,
        carried: bool,
    },
    Message {
        with: String,
        html: String,
    },
    /// Typing notices, BYE, ACK: nothing waits for the answer.
    Other,
}

/// Content type and body for a message Pidgin gave as HTML.
pub(super) fn outgoing_body(html: &str) -> (&'static str, String) {
    let plain = html_to_text(html);
    // Markup beyond line breaks travels as HTML; plain text as plain text.
    let only_breaks = html.replace("<br>", "").replace("<BR>", "");
    if only_breaks.contains('<') || only_breaks.contains('&') {
        ("text/html; charset=UTF-8", html.to_owned())
    } else {
        ("text/plain; charset=UTF-8", plain)
    }
}

/// How a contact's URI is kept: `sip:` + lower-case address.
pub(super) fn key(uri: &str) -> String {
    crate::roster::normalize_uri(uri).to_ascii_lowercase()
}

impl Session {
    /// Our address and port for a session description.
    pub(super) fn sdp_endpoint(&self) -> (String, u16) {
        let address = self.local_address();
        match address.rsplit_once(':') {
            Some((ip, port)) => (
                ip.trim_matches(['[', ']']).to_owned(),
                port.parse().unwrap_or(0),
            ),
            None => (address, 0),
        }
    }

    pub(super) fn send_im(&mut self, to: &str, html: String) {
        let with = key(to);
        match self.conversations.get_mut(&with) {
            Some(conversation) if conversation.established => {
                let mut dialog = conversation.dialog.clone();
                self.send_message_in(&with, &mut dialog, html);
                if let Some(c) = self.conversations.get_mut(&with) {
                    c.dialog = dialog;
                }
            }
            Some(conversation) => conversation.queued.push(html),
            None => self.invite(&with, html),
        }
    }

    fn invite(&mut self, with: &str, first: String) {
        let mut dialog = Dialog::new(&mut *self.random, with);
        let (content_type, text) = outgoing_body(&first);
        // In ms-text-format the text travels base64-encoded in a header: a long one would
        // break header-size limits (ours and servers'), so it follows as a MESSAGE.
        let carried = text.len() <= MAX_TEXT_IN_INVITE;
        let self_uri = self.config.settings.sip_address.uri();
        let (ip, port) = self.sdp_endpoint();
        let conversation_id = random_hex(&mut *self.random, 8);
        let built = self
            .dialog_request("INVITE", &mut dialog)
            .and_then(|mut msg| {
                msg.add_header("Supported", "ms-sender")?;
                if carried {
                    msg.add_header("ms-text-format", im::ms_text_format(content_type, &text))?;
                }
                msg.add_header("Ms-Conversation-ID", conversation_id)?;
                msg.add_header("EndPoints", format!("<{self_uri}>, <{with}>"))?;
                msg.add_header("Content-Type", im::SDP_CONTENT_TYPE)?;
                msg.set_body(im::offer_sdp(&ip, port));
                Ok(msg)
            });
        match built {
            Ok(msg) => {
                self.conversations.insert(
                    with.to_owned(),
                    Conversation {
                        dialog,
                        established: false,
                        queued: Vec::new(),
                    },
                );
                let request = ImRequest::Invite {
                    with: with.to_owned(),
                    first,
                    carried,
                };
                self.send_request(msg, Purpose::Im(request), true);
            }
            Err(e) => self.im_failed(
                with,
                vec![first],
                &format!("the message could not be built ({e})"),
            ),
        }
    }

    fn send_message_in(&mut self, with: &str, dialog: &mut Dialog, html: String) {
        let (content_type, body) = outgoing_body(&html);
        let built = self.dialog_request("MESSAGE", dialog).and_then(|mut msg| {
            msg.add_header("Content-Type", content_type)?;
            msg.set_body(body);
            Ok(msg)
        });
        match built {
            Ok(msg) => {
                let request = ImRequest::Message {
                    with: with.to_owned(),
                    html,
                };
                self.send_request(msg, Purpose::Im(request), true);
            }
            Err(e) => self.im_failed(
                with,
                vec![html],
                &format!("the message could not be built ({e})"),
            ),
        }
    }

    /// A request inside an established conversation whose answer nobody waits for.
    fn send_in_conversation(&mut self, with: &str, method: &str, content: Option<(&str, String)>) {
        let Some(mut dialog) = self.conversations.get(with).map(|c| c.dialog.clone()) else {
            return;
        };
        let built = self
            .dialog_request(method, &mut dialog)
            .and_then(|mut msg| {
                if let Some((content_type, body)) = content {
                    msg.add_header("Content-Type", content_type)?;
                    msg.set_body(body);
                }
                Ok(msg)
            });
        if let Some(c) = self.conversations.get_mut(with) {
            c.dialog = dialog;
        }
        if let Ok(msg) = built {
            self.send_request(msg, Purpose::Im(ImRequest::Other), true);
        }
    }

    pub(super) fn send_typing(&mut self, to: &str, typing: bool) {
        let with = key(to);
        if self.conversations.get(&with).is_some_and(|c| c.established) {
            self.send_in_conversation(
                &with,
                "INFO",
                Some((im::TYPING_CONTENT_TYPE, im::typing_body(typing))),
            );
        }
    }

    pub(super) fn close_conversation(&mut self, with: &str) {
        let with = key(with);
        if self.conversations.get(&with).is_some_and(|c| c.established) {
            self.send_in_conversation(&with, "BYE", None);
        }
        self.conversations.remove(&with);
    }

    fn im_failed(&mut self, with: &str, messages: Vec<String>, reason: &str) {
        self.report_ims(with, messages, reason, Delivery::NotDelivered);
    }

    fn report_ims(&mut self, with: &str, messages: Vec<String>, reason: &str, delivery: Delivery) {
        for html in messages {
            self.event(Event::ImFailed {
                with: with.to_owned(),
                text: html_to_text(&html),
                reason: reason.to_owned(),
                delivery,
            });
        }
    }

    /// Messages typed before sign-in finished wait here and go out once it has.
    pub(super) fn send_im_when_signed_in(&mut self, to: &str, html: String) {
        if self.is_signed_in() {
            self.send_im(to, html);
        } else {
            self.outbox.push((to.to_owned(), html));
        }
    }

    pub(super) fn send_outbox(&mut self) {
        for (to, html) in std::mem::take(&mut self.outbox) {
            self.send_im(&to, html);
        }
    }

    /// The link is gone: every message not confirmed is reported, in the order typed; none
    /// is dropped without a word. Sent ones may have arrived; queued ones never left.
    pub(super) fn report_lost_ims(&mut self, why: &str) {
        let mut sent: Vec<(u32, String, String)> = Vec::new();
        for (id, purpose) in self.transactions.take_all_im() {
            match purpose {
                ImRequest::Invite { with, first, .. } => sent.push((id, with, first)),
                ImRequest::Message { with, html } => sent.push((id, with, html)),
                ImRequest::Other => {}
            }
        }
        sent.sort_by_key(|(id, _, _)| *id);
        for (id, with, html) in sent {
            self.timers.cancel(super::timers::Timer::Transaction(id));
            self.report_ims(&with, vec![html], why, Delivery::Unconfirmed);
        }
        let mut waiting: Vec<(String, Vec<String>)> = self
            .conversations
            .drain()
            .filter(|(_, c)| !c.queued.is_empty())
            .map(|(with, c)| (with, c.queued))
            .collect();
        waiting.sort();
        for (with, queued) in waiting {
            self.report_ims(&with, queued, why, Delivery::NotDelivered);
        }
        for (to, html) in std::mem::take(&mut self.outbox) {
            self.report_ims(&key(&to), vec![html], why, Delivery::NotDelivered);
        }
    }

    pub(super) fn on_im_response(&mut self, request: ImRequest, msg: &Message) {
        let code = msg.status_code().unwrap_or(0);
        match request {
            ImRequest::Invite {
                with,
                first,
                carried,
            } => {
                if (200..300).contains(&code) {
                    let Some(mut conversation) = self.conversations.remove(&with) else {
                        return;
                    };
                    conversation.dialog.confirm(msg);
                    conversation.established = true;
                    let mut dialog = conversation.dialog.clone();
                    // ACK carries the INVITE's CSeq number.
                    dialog.cseq -= 1;
                    if let Ok(ack) = self.dialog_request("ACK", &mut dialog) {
                        self.sign_and_send(&mut ack.clone());
                    }
                    let queued = std::mem::take(&mut conversation.queued);
                    self.conversations.insert(with.clone(), conversation);
                    // The callee says whether it took the first message from the INVITE.
                    let took_first = carried
                        && msg
                            .header_values("Supported")
                            .any(|s| s.trim().eq_ignore_ascii_case(im::MS_TEXT_FORMAT));
                    let resend = (!took_first).then_some(first);
                    for html in resend.into_iter().chain(queued) {
                        self.send_im(&with, html);
                    }
                } else if code >= 300 {
                    let queued = self
                        .conversations
                        .remove(&with)
                        .map(|c| c.queued)
                        .unwrap_or_default();
                    let reason = delivery_failure(code, msg);
                    self.im_failed(
                        &with,
                        std::iter::once(first).chain(queued).collect(),
                        &reason,
                    );
                }
            }
            ImRequest::Message { with, html } => {
                if code == 481 {
                    // The other side forgot the conversation: start a new one.
                    self.conversations.remove(&with);
                    self.send_im(&with, html);
                } else if code >= 300 {
                    let reason = delivery_failure(code, msg);
                    self.im_failed(&with, vec![html], &reason);
                }
            }
            ImRequest::Other => {}
        }
    }

    /// No answer in time. The message left, so it may still arrive (a stalled server can
    /// deliver it when it resumes): it is reported as unconfirmed, never as lost.
    pub(super) fn on_im_timeout(&mut self, request: ImRequest) {
        let why = "the server did not confirm it in time";
        match request {
            ImRequest::Invite { with, first, .. } => {
                let queued = self
                    .conversations
                    .remove(&with)
                    .map(|c| c.queued)
                    .unwrap_or_default();
                self.report_ims(&with, vec![first], why, Delivery::Unconfirmed);
                self.im_failed(&with, queued, "the conversation could not be started");
            }
            ImRequest::Message { with, html } => {
                self.report_ims(&with, vec![html], why, Delivery::Unconfirmed)
            }
            ImRequest::Other => {}
        }
    }

    /// INVITE, MESSAGE, INFO, BYE from the server (another user).
    pub(super) fn on_im_request(&mut self, method: &str, msg: &Message) {
        if self.on_chat_request(method, msg) {
            return;
        }
        let from = msg.from().map(|f| key(&f.uri)).unwrap_or_default();
        match method {
            "INVITE" => self.on_invite(&from, msg),
            "MESSAGE" | "INFO" | "BYE" => {
                let in_dialog = self
                    .conversations
                    .get(&from)
                    .filter(|c| msg.call_id().is_ok_and(|id| id == c.dialog.call_id))
                    .map(|c| c.dialog.local_tag.clone());
                let Some(local_tag) = in_dialog else {
                    self.respond(msg, 481, "Call Leg/Transaction Does Not Exist");
                    return;
                };
                self.respond_with(msg, 200, "OK", &local_tag, &[], None);
                match method {
                    "MESSAGE" => self.received_message(
                        &from,
                        msg.header("Content-Type").unwrap_or("text/plain"),
                        msg.body(),
                    ),
                    "INFO" => {
                        if let Some(typing) = im::parse_typing(&String::from_utf8_lossy(msg.body()))
                        {
                            self.event(Event::Typing { with: from, typing });
                        }
                    }
                    _ => {
                        self.conversations.remove(&from);
                    }
                }
            }
            _ => {}
        }
    }

    fn on_invite(&mut self, from: &str, msg: &Message) {
        let Some(sdp) = im::parse_sdp(&String::from_utf8_lossy(msg.body())) else {
            // Audio/video and anything else we do not speak.
            self.respond(msg, 415, "Unsupported Media Type");
            return;
        };
        let local_tag = super::ids::new_tag(&mut *self.random);
        let mut dialog = Dialog::new(&mut *self.random, from);
        dialog.call_id = msg.call_id().unwrap_or_default().to_owned();
        dialog.local_tag = local_tag.clone();
        dialog.remote_tag = msg.from().ok().and_then(|f| f.tag().map(str::to_owned));
        if let Some(contact) = msg.contacts().ok().and_then(|c| {
            c.into_iter()
                .find_map(|c| c.address().map(|a| a.uri.clone()))
        }) {
            dialog.target = contact;
        }
        dialog.route = msg
            .header_values("Record-Route")
            .map(str::to_owned)
            .collect();
        // The first message: its content type (with msgr) and raw body, as a MESSAGE has them.
        let first = msg.header("ms-text-format").and_then(|value| {
            let (_, encoded) = value.split_once("ms-body=")?;
            let encoded = encoded.split(';').next().unwrap_or_default().trim();
            let body = BASE64.decode(encoded).ok()?;
            Some((value.to_owned(), body))
        });
        let self_uri = self.config.settings.sip_address.uri();
        let (ip, port) = self.sdp_endpoint();
        let mut headers: Vec<(&str, String)> = vec![("Contact", self.contact_value())];
        if first.is_some() {
            headers.push(("Supported", im::MS_TEXT_FORMAT.to_owned()));
        }
        let body = (im::SDP_CONTENT_TYPE, im::answer_sdp(&ip, port, &self_uri));
        self.respond_with(msg, 200, "OK", &local_tag, &headers, Some(body));
        self.log(
            LogLevel::Info,
            format!(
                "conversation with {from} (accepts {})",
                sdp.accept_types.join(" ")
            ),
        );
        self.conversations.insert(
            from.to_owned(),
            Conversation {
                dialog,
                established: true,
                queued: Vec::new(),
            },
        );
        if let Some((content_type, body)) = first {
            self.received_message(from, &content_type, &body);
        }
    }

    fn received_message(&mut self, from: &str, content_type: &str, body: &[u8]) {
        match incoming_html(content_type, body) {
            Some(html) => {
                self.event(Event::Typing {
                    with: from.to_owned(),
                    typing: false,
                });
                self.event(Event::ImReceived {
                    from: from.to_owned(),
                    html,
                });
            }
            None => self.log(
                LogLevel::Info,
                format!("ignoring a {content_type} message from {from}"),
            ),
        }
    }
}

/// A received message as HTML that is safe to show; `None` for content that is not text.
pub(super) fn incoming_html(content_type: &str, body: &[u8]) -> Option<String> {
    let html = message_html(content_type, body)?;
    // Office Communicator and pidgin-sipe format whole plain-text messages.
    let html = match im::parse_msgr(content_type) {
        Some(format) => format.wrap(&html),
        None => html,
    };
    Some(sanitize_html(&html))
}

/// Why a message did not arrive, in words.
pub(super) fn delivery_failure(code: u16, msg: &Message) -> String {
    match code {
        480 => "the contact is not signed in".to_owned(),
        404 => "the contact does not exist".to_owned(),
        403 => "the server does not allow messages to this contact".to_owned(),
        408 => "the contact did not answer".to_owned(),
        486 | 600 => "the contact is busy".to_owned(),
        603 => "the contact declined the conversation".to_owned(),
        _ => match msg.start_line() {
            crate::sip::StartLine::Response { reason, .. } => {
                format!("the server answered {code} {reason}")
            }
            _ => format!("the server answered {code}"),
        },
    }
}
